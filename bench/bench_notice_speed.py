"""Text notice speed, this checkout beside another git revision, alternated in one run; and the readings of
both, compared file by file.

    .venv/bin/python -m bench.bench_notice_speed --before main --rounds 3
    .venv/bin/python -m bench.bench_notice_speed --before main --rounds 1 --only sealed   # the sealed sets' text
    .venv/bin/python -m bench.bench_notice_speed --before main --rounds 2 --paired        # and file by file, paired

Generates the development sets once (the bundled text and layout samples, the
second generator's seed 3 and its new families at seed 57, the first
generator's random seed 99, the block generator's seed 5, and the text PDFs of
the development sealed sets 1-4 and 6-8 from their cache, generated there if
missing; never sets 5 and 9), then reads every text notice of a set in a fresh
process of each revision in turn, ``--rounds`` times, and prints the median
notices per second per core (CPU time of the reading, after a warm-up), both
as the reader runs and with the second look forced on every notice (the
slowest case, whatever the layout). The sealed sets' lines count as their
bench does (``bench_notices_sealed``: each file read and turned into JSON).

Each reading is kept (the whole result of every file: values, raw scores,
evidence, sources, pages, page texts) and the two revisions' readings are
compared file by file, in both modes: the last column gives the files that
differ (``--show`` names them). The other revision is taken with
``git archive`` into a temporary folder; nothing in the checkout changes.

``--paired`` then reads all the chosen sets' files once more, as the reader runs, in one process per
revision, the two taking turns every 25 files (``--rounds`` times over): both revisions meet the same
minute's load, which a fresh process per set and revision does not (on the shared 2 cores, one set's
rate moves by a fifth from run to run; the paired ratio by a few hundredths).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "notices"
SEALED_SETS = (1, 2, 3, 4, 6, 7, 8)  # the development sets; 5 and 9 are kept unseen (the lead runs them)
# The set each generator run (see sets()) feeds, by a part of its name.
RUN_FEEDS = {"seed3": "seed 3", "seed57": "seed 57", "random99": "random seed 99", "blocks5": "block generator"}

# Run inside each revision's process: read the listed text notices, print the figures and each file's reading
# (a digest of the whole result) as JSON.
WORKER = """
import hashlib, json, sys, time
from pathlib import Path
import docgen.notices.parse as parse
from docgen.notices import parse_notice_file
every, files = sys.argv[1] == "every", json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
if every:
    for name in ("worth_second_look", "_worth_second_look"):  # the name before this release had an underscore
        if hasattr(parse, name):
            setattr(parse, name, lambda *args: True)
looks = [0]
second_look = parse._second_look
def counted(*args):
    looks[0] += 1
    return second_look(*args)
parse._second_look = counted
for path in files[:5]:
    parse_notice_file(path).to_dict()
looks[0] = 0
results = []
start, notices = time.process_time(), 0
for path in files:
    result = parse_notice_file(path)
    result.to_dict()  # as the sealed bench reads: the JSON too
    notices += len(result.notices)
    results.append(result)
cpu = time.process_time() - start
readings = {path: hashlib.sha256(repr(result).encode()).hexdigest() for path, result in zip(files, results)}
print(json.dumps({"notices": notices, "cpu": cpu, "second_looks": looks[0], "readings": readings}))
"""

# Run inside each revision's process for --paired: read the listed files once to warm up, then, for each line
# "START END" on stdin, read files START:END and print the CPU time they took.
PAIRED_WORKER = """
import json, sys, time
from pathlib import Path
from docgen.notices import parse_notice_file
files = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
for path in files[:5]:
    parse_notice_file(path).to_dict()
for line in sys.stdin:
    start, end = map(int, line.split())
    began = time.process_time()
    for path in files[start:end]:
        parse_notice_file(path).to_dict()
    print(time.process_time() - began, flush=True)
"""
PAIRED_CHUNK = 25  # files a revision reads before the other reads the same ones


def paired(roots: dict[str, Path], listing: Path, count: int, rounds: int) -> dict[str, float]:
    """CPU seconds each revision takes to read the listed files, the two alternating every PAIRED_CHUNK files
    (who goes first alternating too) in a process each: both meet the machine's load of the same minute."""
    workers = {
        key: subprocess.Popen(
            [sys.executable, "-c", PAIRED_WORKER, str(listing)],
            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for key, root in roots.items()
    }
    cpu = dict.fromkeys(roots, 0.0)
    turn = 0
    try:
        for _ in range(rounds):
            for start in range(0, count, PAIRED_CHUNK):
                turn += 1
                order = list(roots) if turn % 2 else list(roots)[::-1]
                for key in order:
                    worker = workers[key]
                    assert worker.stdin is not None and worker.stdout is not None
                    worker.stdin.write(f"{start} {start + PAIRED_CHUNK}\n")
                    worker.stdin.flush()
                    cpu[key] += float(worker.stdout.readline())
    finally:
        for worker in workers.values():
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait()
    return cpu


def text_notices(folders: list[Path]) -> list[str]:
    """The text PDFs of ``folders`` that hold notices (by each file's own answer JSON)."""
    return [
        str(path)
        for folder in folders
        for path in sorted(folder.rglob("*.pdf"))
        if "scan" not in path.name
        and path.with_suffix(".json").exists()
        and json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("notices")
    ]


def sealed_text(which: int) -> list[str]:
    """The text PDFs of development sealed set ``which`` that hold notices (by the set's truth)."""
    from bench.bench_notices_sealed import ensure_set, set_folder

    if which not in SEALED_SETS:
        raise SystemExit(f"set {which} is not a development set")
    folder = set_folder(1797, None, which)
    truth = ensure_set(folder, 1797, which)
    return [
        str(folder / name)
        for name, entry in sorted(truth["files"].items())
        if entry["medium"] == "text-pdf" and entry["notices"]
    ]


def sets(out: Path, only: str) -> dict[str, list[str]]:
    """The development sets' files (generated under ``out``; bundled samples and sealed sets read in place)."""
    python = sys.executable
    variants, generate, blocks = (str(SAMPLES / name) for name in ("variants.py", "generate.py", "blocks.py"))
    runs = {
        "seed3": [python, variants, "--count", "250", "--scans", "0", "--seed", "3"],
        "seed57": [python, variants, "--count", "150", "--scans", "0", "--seed", "57", "--new-families"],
        "random99": [python, generate, "--random", "200", "--scans", "0", "--seed", "99"],
        "blocks5": [python, blocks, "--count", "60", "--scans", "0", "--seed", "5"],
    }
    named = {
        "bundled text and layouts": lambda: text_notices([SAMPLES / "text", SAMPLES / "layouts"]),
        "second generator, new families, seed 57": lambda: text_notices([out / "seed57"]),
        "second generator, seed 3": lambda: text_notices([out / "seed3"]),
        "first generator, random seed 99": lambda: text_notices([out / "random99"]),
        "block generator, seed 5": lambda: text_notices([out / "blocks5"]),
    }
    chosen = {}
    for which in SEALED_SETS:
        named[f"sealed set {which}, text PDFs"] = lambda which=which: sealed_text(which)
    for name, files in named.items():
        if only in name:
            chosen[name] = files
    for run, args in runs.items():
        if any(RUN_FEEDS[run] in name for name in chosen):
            subprocess.run([*args, "--out", str(out / run)], check=True, capture_output=True)
    return {name: files() for name, files in chosen.items()}


def read(root: Path, every: bool, files: Path) -> dict[str, Any]:
    """One fresh process of the revision at ``root`` reading the listed text notices."""
    args = [sys.executable, "-c", WORKER, "every" if every else "as-is", str(files)]
    done = subprocess.run(
        args,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="the git revision to compare with (default main)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="", help="only the sets whose name holds this (e.g. sealed, seed 3)")
    parser.add_argument("--show", action="store_true", help="name the files whose readings differ")
    parser.add_argument(
        "--paired",
        action="store_true",
        help="then read all the chosen sets' files in one process per revision, alternating every few files "
        "(the steadiest measure on a loaded machine), as it runs",
    )
    args = parser.parse_args()
    differ_total, files_total = 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        print(
            f"{'set':42s} {'mode':13s} {'before/s':>8s} {'after/s':>8s} {'ratio':>6s} {'ms before':>9s} "
            f"{'ms after':>8s} {'second looks':>13s} {'differ':>9s}"
        )
        chosen = sets(Path(tmp) / "sets", args.only)
        for name, files in chosen.items():
            listing = Path(tmp) / "files.json"
            listing.write_text(json.dumps(files), encoding="utf-8")
            for every in (False, True):
                runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
                for _ in range(args.rounds):
                    runs["before"].append(read(before, every, listing))
                    runs["after"].append(read(ROOT, every, listing))
                rate = {key: statistics.median(r["notices"] / r["cpu"] for r in got) for key, got in runs.items()}
                looks = runs["after"][0]["second_looks"], runs["after"][0]["notices"]
                ours, theirs = runs["after"][0]["readings"], runs["before"][0]["readings"]
                differ = sorted(path for path in ours if ours[path] != theirs.get(path))
                differ_total += len(differ)
                files_total += len(ours)
                mode = "every notice" if every else "as it runs"
                print(
                    f"{name:42s} {mode:13s} {rate['before']:8.0f} {rate['after']:8.0f} "
                    f"{rate['after'] / rate['before']:6.2f} {1000 / rate['before']:9.2f} {1000 / rate['after']:8.2f}"
                    f" {looks[0]:>5d} of {looks[1]:<4d} {len(differ):>3d} of {len(ours):<3d}",
                    flush=True,
                )
                if args.show:
                    for path in differ:
                        print(f"    differs: {path}")
        if args.paired:
            every_file = [path for files in chosen.values() for path in files]
            listing = Path(tmp) / "all.json"
            listing.write_text(json.dumps(every_file), encoding="utf-8")
            cpu = paired({"before": before, "after": ROOT}, listing, len(every_file), args.rounds)
            print(
                f"\npaired, {len(every_file)} text PDFs x {args.rounds} rounds, as it runs: CPU {cpu['before']:.2f} s "
                f"before, {cpu['after']:.2f} s after: {cpu['before'] / cpu['after']:.3f} times as fast"
            )
    print(f"\nreadings: {differ_total} of {files_total} file readings differ between {args.before} and this checkout")
    return 1 if differ_total else 0


if __name__ == "__main__":
    sys.exit(main())
