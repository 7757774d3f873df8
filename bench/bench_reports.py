"""Seconds per report over 500 generated cases (target: under 2 s each), beside other ways to read the cases.

Run: ``.venv/bin/python -m bench.bench_reports [--cases 500] [--runs 3]``

The cases are fictional variations of the H-1B sample (``samples/reports/generate_cases.py``,
about 10 KB of YAML each, with a dependent). Printed per report: the whole
command as a user runs it (``docgen report ...``: Python start-up, imports,
reading and validating every case, the report, the file written), now and as
it was before the direct YAML reader, the paused cycle collector and the
lighter XLSX writer (the same command with all three put back, run
alternately with it), then its parts in this
process: reading the cases serially and over a process pool, through the
strict loader alone (before), beside the batch reader letters and ``docgen
batch`` use, a bare ``yaml.CSafeLoader`` read without validation and
libyaml's events alone (what any Python reader of libyaml pays), and the
report and writer alone. Wall-clock and CPU seconds (CPU counts worker
processes too); on a shared machine the wall clock is the one that moves, CPU
is the steadier figure.
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

from bench.reports_before import xlsx_cell_per_value
from docgen.batch.sources import iter_cases
from docgen.case.loader import parse_case
from docgen.compliance.export import render
from docgen.compliance.reports import expirations_report, hris_report, load_cases, load_mapping, status_report
from docgen.errors import CaseDataError
from docgen.yamlio import read_text_file, strict_load
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


NOW = "import sys; from docgen.cli import main; sys.exit(main())"
BEFORE = "import sys, bench.reports_before as b; b.install(); from docgen.cli import main; sys.exit(main())"


def commands(args: list[str], runs: int) -> list[tuple[float, float]]:
    """Median wall and CPU seconds of the command now and before, run alternately."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    walls: list[list[float]] = [[], []]
    cpus: list[list[float]] = [[], []]
    for _ in range(runs):
        for index, code in enumerate((NOW, BEFORE)):
            wall, used = time.perf_counter(), cpu()
            subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, stdout=subprocess.DEVNULL)
            walls[index].append(time.perf_counter() - wall)
            cpus[index].append(cpu() - used)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def strict_cases(files: list[Path]) -> list[Any]:
    """Reading and validating the cases as before this release: the strict loader's composer and constructors."""
    return [parse_case(strict_load(read_text_file(f, CaseDataError), str(f), CaseDataError), f.name) for f in files]


def events_only(files: list[Path]) -> int:
    """libyaml's events alone, nothing built: what any Python reader of libyaml pays."""
    count = 0
    for f in files:
        loader = yaml.CSafeLoader(f.read_text(encoding="utf-8"))
        try:
            while loader.check_event():
                loader.get_event()
                count += 1
        finally:
            loader.dispose()
    return count


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
        print("whole command, as a user runs it (target < 2 s), now and before this release, run alternately:")
        for name, extra in (
            ("report expirations --within 180 --format csv", ["expirations", "--format", "csv"]),
            ("report status --format table", ["status"]),
            ("report hris --format xlsx", ["hris", "--format", "xlsx"]),
        ):
            out = tmp / f"out.{extra[-1] if extra[-1] in ('csv', 'xlsx') else 'txt'}"
            now, before = commands(["report", extra[0], "--cases", str(folder), *extra[1:], "-o", str(out)], args.runs)
            row(f"docgen {name}", *now)
            row("  before (strict loader, collector on, XLSX cells)", *before, f"CPU {before[1] / now[1]:.2f}x now")
        print("reading the cases (every report starts here):")
        wall, used, loaded = timed(lambda: load_cases(folder, workers=1), args.runs)
        row("docgen load_cases, serial", wall, used, f"{len(loaded.cases)} cases, {len(loaded.problems)} problems")
        files = sorted(folder.iterdir())
        wall, used, strict = timed(lambda: strict_cases(files), args.runs)
        assert strict == loaded.cases, "the strict loader and the direct reader gave different cases"
        row("the same through the strict loader alone (before)", wall, used, "the same cases")
        workers = os.cpu_count() or 2
        wall, used, _ = timed(lambda: load_cases(folder, workers=workers), args.runs)
        row(f"docgen load_cases, process pool ({workers} workers)", wall, used)
        wall, used, _ = timed(lambda: [e.case for e in iter_cases(folder)], args.runs)
        row("batch reader (iter_cases: validates twice)", wall, used)
        wall, used, _ = timed(lambda: [yaml.load(f.read_text(), Loader=yaml.CSafeLoader) for f in files], args.runs)
        row("yaml.CSafeLoader, no validation", wall, used)
        wall, used, count = timed(lambda: events_only(files), args.runs)
        row("floor: libyaml's events alone, nothing built", wall, used, f"{count} events")
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
        hris = hris_report(cases, mapping)
        wall, used, report = timed(lambda: xlsx_cell_per_value(hris), args.runs)
        row("hris + XLSX, a cell per value (before)", wall, used, f"{len(report)} bytes")


if __name__ == "__main__":
    main()
