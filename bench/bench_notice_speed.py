"""Text notice speed, this checkout beside another git revision, alternated in one run.

    .venv/bin/python -m bench.bench_notice_speed --before main --rounds 3

Generates the development sets once (the bundled text and layout samples, the
second generator's seed 3 and its new families at seed 57, the first
generator's random seed 99), then reads every text notice of a set in a fresh
process of each revision in turn, ``--rounds`` times, and prints the median
notices per second per core (CPU time of the reading, after a warm-up), both
as the reader runs and with the second look forced on every notice (the
slowest case, whatever the layout). The other revision is taken with
``git archive`` into a temporary folder; nothing in the checkout changes.
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

# Run inside each revision's process: read the text notices of the folders, print the figures as JSON.
WORKER = """
import json, sys, time
from pathlib import Path
import docgen.notices.parse as parse
from docgen.notices import parse_notice_file
every, folders = sys.argv[1] == "every", sys.argv[2:]
files = [
    path for folder in folders for path in sorted(Path(folder).rglob("*.pdf"))
    if "scan" not in path.name and path.with_suffix(".json").exists()
    and json.loads(path.with_suffix(".json").read_text(encoding="utf-8")).get("notices")
]
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
    parse_notice_file(path)
looks[0] = 0
start, notices = time.process_time(), 0
for path in files:
    notices += len(parse_notice_file(path).notices)
print(json.dumps({"notices": notices, "cpu": time.process_time() - start, "second_looks": looks[0]}))
"""


def sets(out: Path) -> dict[str, list[Path]]:
    """The development sets, generated under ``out`` (the bundled samples are read in place)."""
    python = sys.executable
    variants, generate = str(SAMPLES / "variants.py"), str(SAMPLES / "generate.py")
    runs = {
        "seed3": [python, variants, "--count", "250", "--scans", "0", "--seed", "3"],
        "seed57": [python, variants, "--count", "150", "--scans", "0", "--seed", "57", "--new-families"],
        "random99": [python, generate, "--random", "200", "--scans", "0", "--seed", "99"],
    }
    for name, args in runs.items():
        subprocess.run([*args, "--out", str(out / name)], check=True, capture_output=True)
    return {
        "bundled text and layouts": [SAMPLES / "text", SAMPLES / "layouts"],
        "second generator, new families, seed 57 (150)": [out / "seed57"],
        "second generator, seed 3 (250)": [out / "seed3"],
        "first generator, random seed 99 (200)": [out / "random99"],
    }


def read(root: Path, every: bool, folders: list[Path]) -> dict[str, Any]:
    """One fresh process of the revision at ``root`` reading the folders' text notices."""
    args = [sys.executable, "-c", WORKER, "every" if every else "as-is", *map(str, folders)]
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        archive = subprocess.run(["git", "archive", args.before], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        print(
            f"{'set':46s} {'mode':13s} {'before/s':>8s} {'after/s':>8s} {'ratio':>6s} {'ms before':>9s} "
            f"{'ms after':>8s}  second looks"
        )
        for name, folders in sets(Path(tmp) / "sets").items():
            for every in (False, True):
                runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
                for _ in range(args.rounds):
                    runs["before"].append(read(before, every, folders))
                    runs["after"].append(read(ROOT, every, folders))
                rate = {key: statistics.median(r["notices"] / r["cpu"] for r in got) for key, got in runs.items()}
                looks = runs["after"][0]["second_looks"], runs["after"][0]["notices"]
                mode = "every notice" if every else "as it runs"
                print(
                    f"{name:46s} {mode:13s} {rate['before']:8.0f} {rate['after']:8.0f} "
                    f"{rate['after'] / rate['before']:6.2f} {1000 / rate['before']:9.2f} {1000 / rate['after']:8.2f}"
                    f"  {looks[0]} of {looks[1]}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
