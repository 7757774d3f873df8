"""Scanned notice speed and readings, this checkout beside another git revision (issue 14: at most 3 s CPU
per scanned page, readings unchanged).

    .venv/bin/python -m bench.bench_notice_scans --before main --sets 1 2 3 4

Reads every file of the development sets (``bench.bench_notices_sealed``'s sets 1-4, generated into
the cache once) in a fresh process of each revision, then prints per set the CPU seconds per scanned
page (scans and images; the CPU of the reader and of every tesseract it starts) before and after side
by side, and how many files' readings (the JSON of ``parse_notice_file``: values, confidences and
sources) differ, naming each. A revision's run is kept in the cache by its commit, so a rerun only
reads the checkout again (``--fresh`` reads both again). The other revision is taken with
``git archive`` into a temporary folder (so is this checkout's commit when nothing in docgen/ is
uncommitted); nothing in the checkout changes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.bench_notices_sealed import ensure_set, set_folder

ROOT = Path(__file__).resolve().parents[1]
OPEN_SETS = (1, 2, 3, 4)  # the fifth is the lead's, kept unseen

# Run inside each revision's process: read every file of the folder, print per file its figures as JSON.
WORKER = """
import json, resource, sys, time
from pathlib import Path
from docgen.notices import parse_notice_file
folder = Path(sys.argv[1])
truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["files"]
def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
warm = next(name for name, entry in sorted(truth.items()) if entry["medium"] == "text-pdf")
parse_notice_file(folder / warm)
out = {}
for name, entry in sorted(truth.items()):
    start = cpu()
    try:
        reading = parse_notice_file(folder / name).to_dict()
    except Exception as exc:
        reading = {"error": type(exc).__name__}
    out[name] = {"medium": entry["medium"], "pages": entry["pages"], "cpu": cpu() - start, "reading": reading}
print(json.dumps(out))
"""


def commit(revision: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", revision], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def dirty() -> bool:
    status = subprocess.run(["git", "status", "--porcelain", "--", "docgen"], cwd=ROOT, capture_output=True, text=True)
    return bool(status.stdout.strip())


def unpack(sha: str, into: Path) -> Path:
    """The files of commit ``sha`` in the folder ``into``."""
    into.mkdir()
    archive = subprocess.run(["git", "archive", sha], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def read(root: Path, folder: Path) -> dict[str, Any]:
    """One fresh process of the revision at ``root`` reading every file of ``folder``."""
    env = {"PYTHONPATH": str(root), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(Path.home())}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(folder)], env=env, cwd=root, check=True, capture_output=True, text=True
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def kept(root: Path, sha: str | None, folder: Path, cache: Path, fresh: bool) -> dict[str, Any]:
    """The run of the revision ``sha`` (None: the checkout as it is, never kept) on ``folder``."""
    path = cache / f"{sha}-{folder.name}.json" if sha else None
    if path is not None and path.exists() and not fresh:
        got: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return got
    got = read(root, folder)
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got), encoding="utf-8")
    return got


def per_page(run: dict[str, Any]) -> tuple[float, int]:
    scans = [entry for entry in run.values() if entry["medium"] in ("scan-pdf", "image")]
    pages = sum(entry["pages"] for entry in scans)
    return sum(entry["cpu"] for entry in scans) / max(pages, 1), pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="main", help="the git revision to compare with (default main)")
    parser.add_argument("--after", help="the git revision to compare (default: this checkout as it is)")
    parser.add_argument("--sets", type=int, nargs="+", default=list(OPEN_SETS), choices=OPEN_SETS)
    parser.add_argument("--fresh", action="store_true", help="read the other revision again, not from the cache")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "docgen" / "notice-scans",
    )
    args = parser.parse_args()
    before_sha = commit(args.before)
    after_sha = commit(args.after) if args.after else None if dirty() else commit("HEAD")
    after_name = args.after or "this checkout"
    print(f"before: {args.before} ({before_sha[:10]}); after: {after_name} ({(after_sha or 'uncommitted')[:10]})")
    print(f"{'set':4s} {'pages':>5s} {'s/page before':>13s} {'s/page after':>12s} {'ratio':>6s}  readings changed")
    changed_all: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        before_root = unpack(before_sha, Path(tmp) / "before")
        # A committed checkout is read from its own copy too: editing the checkout while it runs changes nothing.
        after_root = unpack(after_sha, Path(tmp) / "after") if after_sha else ROOT
        totals = {"before": 0.0, "after": 0.0, "pages": 0}
        for which in args.sets:
            folder = set_folder(1797, None, which)
            ensure_set(folder, 1797, which)
            before = kept(before_root, before_sha, folder, args.cache, args.fresh)
            after = kept(after_root, after_sha, folder, args.cache, False) if after_sha != before_sha else before
            (rate_before, pages), (rate_after, _) = per_page(before), per_page(after)
            changed = [name for name in sorted(before) if before[name]["reading"] != after.get(name, {}).get("reading")]
            changed_all += [f"set {which}: {name}" for name in changed]
            totals["before"] += rate_before * pages
            totals["after"] += rate_after * pages
            totals["pages"] += pages
            print(
                f"{which:<4d} {pages:5d} {rate_before:13.2f} {rate_after:12.2f} {rate_after / rate_before:6.2f}  "
                f"{len(changed)} of {len(before)} files"
            )
        pages = int(totals["pages"])
        print(
            f"{'all':4s} {pages:5d} {totals['before'] / pages:13.2f} {totals['after'] / pages:12.2f} "
            f"{totals['after'] / totals['before']:6.2f}  {len(changed_all)} files (target: at most 3 s per page)"
        )
    for line in changed_all:
        print(f"  readings differ: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
