"""Seconds per report over 500 generated cases (target: under 2 s each), beside other ways to read the cases.

Run: ``.venv/bin/python -m bench.bench_reports [--cases 500] [--runs 3]``

The cases are fictional variations of the H-1B sample (``samples/reports/generate_cases.py``,
about 10 KB of YAML each, with a dependent). Printed per report: the whole
command as a user runs it (``docgen report ...``: Python start-up, imports,
reading and validating every case, the report, the file written), then its
parts in this process: reading the cases serially and over a process pool,
beside the batch reader letters and ``docgen batch`` use and a bare
``yaml.CSafeLoader`` read without validation (the floor), and the report and
writer alone. Wall-clock and CPU seconds (CPU counts worker processes too);
on a shared machine the wall clock is the one that moves.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from docgen.batch.sources import iter_cases
from docgen.compliance.export import render
from docgen.compliance.reports import expirations_report, hris_report, load_cases, load_mapping, status_report
from samples.reports.generate_cases import write_cases

ROOT = Path(__file__).resolve().parents[1]


def cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(func: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``runs`` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, used = time.perf_counter(), cpu()
        result = func()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu() - used)
    return statistics.median(walls), statistics.median(cpus), result


def command(args: list[str], runs: int) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    docgen = [sys.executable, "-c", "import sys; from docgen.cli import main; sys.exit(main())"]

    def run() -> None:
        subprocess.run([*docgen, *args], check=True, env=env, stdout=subprocess.DEVNULL)

    wall, used, _ = timed(run, runs)
    return wall, used


def row(label: str, wall: float, used: float, note: str = "") -> None:
    print(f"  {label:<52} {wall:7.2f} s wall {used:7.2f} s CPU  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "cases"
        write_cases(folder, args.cases, seed=7)
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1024
        print(f"{args.cases} generated cases ({size:.0f} KB of YAML), {os.cpu_count()} cores, median of {args.runs}")
        print("whole command, as a user runs it (target < 2 s):")
        for name, extra in (
            ("report expirations --within 180 --format csv", ["expirations", "--format", "csv"]),
            ("report status --format table", ["status"]),
            ("report hris --format xlsx", ["hris", "--format", "xlsx"]),
        ):
            out = tmp / f"out.{extra[-1] if extra[-1] in ('csv', 'xlsx') else 'txt'}"
            wall, used = command(["report", extra[0], "--cases", str(folder), *extra[1:], "-o", str(out)], args.runs)
            row(f"docgen {name}", wall, used)
        print("reading the cases (every report starts here):")
        wall, used, loaded = timed(lambda: load_cases(folder, workers=1), args.runs)
        row("docgen load_cases, serial", wall, used, f"{len(loaded.cases)} cases, {len(loaded.problems)} problems")
        workers = os.cpu_count() or 2
        wall, used, _ = timed(lambda: load_cases(folder, workers=workers), args.runs)
        row(f"docgen load_cases, process pool ({workers} workers)", wall, used)
        wall, used, _ = timed(lambda: [e.case for e in iter_cases(folder)], args.runs)
        row("batch reader (iter_cases: validates twice)", wall, used)
        files = sorted(folder.iterdir())
        wall, used, _ = timed(lambda: [yaml.load(f.read_text(), Loader=yaml.CSafeLoader) for f in files], args.runs)
        row("floor: yaml.CSafeLoader, no validation", wall, used)
        cases = loaded.cases
        mapping = load_mapping()
        print("the reports and writers alone, over the loaded cases:")
        for name, make, fmt in (
            ("expirations (180 days) + CSV", lambda: expirations_report(cases, within=180), "csv"),
            ("status + table", lambda: status_report(cases), "table"),
            ("hris + XLSX", lambda: hris_report(cases, mapping), "xlsx"),
        ):
            wall, used, report = timed(lambda make=make, fmt=fmt: render(make(), fmt), args.runs)  # type: ignore[misc]
            row(name, wall, used, f"{len(report)} bytes")


if __name__ == "__main__":
    main()
