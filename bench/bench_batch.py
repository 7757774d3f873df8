"""Batch-fill I-765s from a CSV; compare with a loop of pdftk-java fill_form.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_batch [--cases 1000] [--workers 2]``

Prints forms per second for the whole batch (reading the CSV, validating
every row, filling, writing every file and the report), the peak memory of
each worker, and beside it a loop of ``pdftk fill_form`` over the same values
(timed on the first ``--pdftk-cases`` rows and given as forms per second;
pdftk has no batch mode, so each form is one process).
"""

from __future__ import annotations

import argparse
import copy
import csv
import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

from docgen.batch.runner import Task, make_jobs, run_batch
from docgen.batch.sources import flatten_case, read_cases
from docgen.case import parse_case
from docgen.forms.fill import fill_case, prepare

ROOT = Path(__file__).resolve().parents[1]


def write_cases(path: Path, count: int) -> None:
    """A CSV of ``count`` fictional H-4 spouses, varied by name and case id."""
    base = yaml.safe_load((ROOT / "samples" / "cases" / "h1b-okafor.yaml").read_text())
    rows = []
    for index in range(count):
        case = copy.deepcopy(base)
        case["case_id"] = f"CAP-{index:05d}"
        case["dependents"][0]["given_name"] = f"Emeka{index}"
        rows.append(flatten_case(case))
    columns = ["case_id", *sorted({c for r in rows for c in r} - {"case_id"})]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def pdftk_loop(csv_path: Path, count: int, tmp: Path) -> float | None:
    """Seconds per form for pdftk fill_form over the first ``count`` rows (values from docgen)."""
    if not shutil.which("pdftk"):
        return None
    prepared = prepare("I-765")
    xfdfs = []
    for index, row in enumerate(read_cases(csv_path)[:count]):
        values = fill_case(prepared, parse_case(row.data, row.label), "spouse").values
        fields = "".join(f'<field name="{escape(k)}"><value>{escape(v)}</value></field>' for k, v in values.items())
        path = tmp / f"{index}.xfdf"
        path.write_text(
            f'<?xml version="1.0"?><xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>{fields}</fields></xfdf>'
        )
        xfdfs.append(path)
    start = time.perf_counter()
    for index, xfdf in enumerate(xfdfs):
        subprocess.run(
            ["pdftk", str(prepared.blank), "fill_form", str(xfdf), "output", str(tmp / f"pdftk-{index}.pdf")],
            check=True,
            capture_output=True,
        )
    return (time.perf_counter() - start) / len(xfdfs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--pdftk-cases", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        csv_path = tmp / "cases.csv"
        write_cases(csv_path, args.cases)
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        rows = read_cases(csv_path)
        jobs = make_jobs(rows, (Task("form", "I-765", "spouse"),), "{case_id}_{form}.pdf")
        report = run_batch(jobs, tmp / "out", workers=args.workers, progress=None)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = [a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True)]
        done = sum(o.status == "done" for o in report.outcomes)
        peaks: dict[int, int] = defaultdict(int)
        for outcome in report.outcomes:
            peaks[outcome.worker_pid] = max(peaks[outcome.worker_pid], outcome.worker_peak_kib)
        pdftk_per_form = pdftk_loop(csv_path, args.pdftk_cases, tmp)
    print(f"{args.cases} I-765s from CSV, {args.workers} worker processes on {os.cpu_count()} cores")
    print(f"{'tool':<30}{'seconds':>10}{'forms/s':>10}  notes")
    print(f"{'docgen batch fill':<30}{seconds:10.1f}{done / seconds:10.1f}  {done} done, {len(report.failed)} failed")
    busy = sum(o.seconds for o in report.outcomes) / (seconds * args.workers)
    print(f"workers busy filling {busy:.0%} of the wall time (the rest: start-up, waiting for work, sending files)")
    per_form = (cpu[0] + cpu[1]) / max(done, 1)
    print(
        f"CPU per form: {per_form * 1000:.1f} ms ({cpu[0] / max(done, 1) * 1000:.1f} ms driver, "
        f"{cpu[1] / max(done, 1) * 1000:.1f} ms workers); at most {os.cpu_count()} cores / CPU per form = "
        f"{(os.cpu_count() or 1) / per_form:.1f} forms/s on an idle machine"
    )
    if pdftk_per_form is not None:
        print(
            f"{'pdftk-java fill_form loop':<30}{pdftk_per_form * args.cases:10.1f}{1 / pdftk_per_form:10.1f}  "
            f"timed on {args.pdftk_cases} forms, one process each, extrapolated"
        )
    else:
        print(f"{'pdftk-java fill_form loop':<30}{'n/a':>10}{'n/a':>10}  pdftk not installed")
    for pid, kib in sorted(peaks.items()):
        print(f"worker {pid}: peak RSS {kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
