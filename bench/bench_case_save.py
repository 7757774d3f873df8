"""A workspace save's docket sync over a folder of 300 case files: now (the saved case and the files sharing a
person with it recorded, the folder parsed again only where a file's text changed) beside as before (every file
parsed, every case recorded).

Run: ``.venv/bin/python -m bench.bench_case_save [--cases 300] [--runs 5]``

The cases are fictional (``samples/reports/generate_cases.py``, about 10 KB of YAML each, with a dependent); one in
ten has its beneficiary in a second case file too (the green card beside the H-1B), so a person's dates are listed
on one case. The docket is SQLite in a temporary folder, synced once first as an ingest does. The save changes the
saved case's I-94 date each run, so each sync has a date to supersede.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from docgen.case.loader import load_case
from docgen.mailroom.case_sync import record_case_in_folder, sync_case_file, sync_case_folder
from docgen.mailroom.cases import CaseEntry, case_files
from docgen.mailroom.docket import Docket, open_docket
from samples.reports.generate_cases import write_cases


def make_folder(folder: Path, count: int) -> Path:
    """``count`` case files, one in ten with a second case of the same beneficiary; returns a case to save."""
    paths = write_cases(folder, count - count // 10)
    for index, path in enumerate(paths[: count // 10]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["case_id"] = f"{data['case_id']}-GC"
        data["dependents"] = []
        data["facts"] = {"form": "I-485", "classification": "EB-2", "status": "receipted"}
        (folder / f"gc-{index:04d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return paths[0]


def save(path: Path, run: int) -> None:
    """The saved case's I-94 date moved by a day each run (as a person's edit on the case page)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    i94 = data["beneficiary"].setdefault("i94", {"number": "12345678901", "status": "H-1B"})
    i94["expiry_date"] = f"2027-03-{1 + run % 28:02d}"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def sync_as_before(docket: Docket, path: Path) -> None:
    """Every file of the folder parsed and every case recorded again, as a save did before."""
    with docket.transaction() as tx:
        case = load_case(path)
        folder = [CaseEntry(p, load_case(p)) for p in case_files(path.parent)]
        record_case_in_folder(tx, case, path, folder, every=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        folder.mkdir()
        saved = make_folder(folder, args.cases)
        location = str(Path(tmp) / "docket.sqlite")
        with open_docket(location, create=True) as docket:
            sync_case_folder(docket, folder)  # the ingest's: this process has read the folder
            runs = {"as before": [], "now": []}
            for run in range(args.runs):
                for label, sync in (("as before", sync_as_before), ("now", sync_case_file)):
                    save(saved, run * 2 + (label == "now"))
                    start = time.perf_counter()
                    sync(docket, saved)
                    runs[label].append(time.perf_counter() - start)
    print(f"a case saved in a folder of {args.cases} case files (SQLite docket), median of {args.runs} runs")
    for label, times in runs.items():
        print(f"  {label:10} {statistics.median(times):7.3f} s   (fastest {min(times):.3f} s)")


if __name__ == "__main__":
    main()
