"""Letters from DOCX to PDF: one LibreOffice for a batch vs a fresh ``soffice --convert-to`` per letter.

    .venv/bin/python bench/bench_letters.py [--count 50] [--fresh 5]

Renders COUNT letters from the sample cases (the four templates in turn) with
docxtpl, converts them all to PDF through one :class:`OfficeConverter` (start-up
paid once, by the first letter), then converts FRESH of them with a new
``soffice --headless --convert-to pdf`` process each, and prints the figures
side by side. The target is at most 0.2 s per letter after the first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docgen.letters import OfficeConverter, convert_to_pdf, render_letter
from docgen.letters.convert import soffice_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
LETTERS = SAMPLES / "letters" / "h1b-okafor.yaml"
JOBS = [
    ("h1b_support", OKAFOR, None, SAMPLES / "logos" / "acme-analytics.png"),
    ("l1a_support", SAMPLES / "cases" / "l1a-hoshino.yaml", None, None),
    ("employment_verification", OKAFOR, LETTERS, SAMPLES / "logos" / "acme-analytics.png"),
    ("rfe_response", OKAFOR, LETTERS, SAMPLES / "logos" / "castellanos-reyes.png"),
]
TARGET = 0.2


def render_all(count: int, folder: Path) -> tuple[list[Path], list[float]]:
    """Render ``count`` DOCX letters; return their paths and the render time of each."""
    paths, times = [], []
    for index in range(count):
        template, case, data, logo = JOBS[index % len(JOBS)]
        began = time.perf_counter()
        result = render_letter(template, case, data=data, logo=logo, date=dt.date(2026, 8, 10))
        times.append(time.perf_counter() - began)
        path = folder / f"{index:03d}-{template}.docx"
        path.write_bytes(result.docx)
        paths.append(path)
    return paths, times


def group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by the running processes of a process group."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def batch(paths: list[Path], out: Path) -> tuple[list[float], float]:
    """Convert every letter through one LibreOffice; the time of each conversion, and the
    CPU time LibreOffice and docgen spent per letter after the first (independent of other load)."""
    times = []
    cpu = 0.0
    with OfficeConverter() as office:
        for index, path in enumerate(paths):
            began, began_cpu = time.perf_counter(), time.process_time()
            office_cpu = group_cpu(office.pid) if office.pid else 0.0
            convert_to_pdf(path, out / (path.stem + ".pdf"), converter=office)
            times.append(time.perf_counter() - began)
            if index and office.pid:
                cpu += group_cpu(office.pid) - office_cpu + time.process_time() - began_cpu
    return times, cpu / max(1, len(paths) - 1)


def fresh(paths: list[Path], out: Path) -> list[float]:
    """Convert each letter with its own ``soffice --convert-to`` process (a warmed profile, to be fair)."""
    soffice = soffice_path()
    profile = Path(tempfile.mkdtemp(prefix="bench-soffice-"))
    times = []
    try:
        command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]
        subprocess.run([*command, "--terminate_after_init"], capture_output=True, timeout=120, check=False)
        for path in paths:
            began = time.perf_counter()
            subprocess.run(
                [*command, "--convert-to", "pdf", "--outdir", str(out), str(path)],
                capture_output=True,
                timeout=120,
                check=True,
            )
            times.append(time.perf_counter() - began)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=50, help="letters in the batch (default 50)")
    parser.add_argument("--fresh", type=int, default=5, help="letters converted by a fresh soffice each (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-letters-") as scratch:
        folder = Path(scratch)
        (folder / "batch").mkdir()
        (folder / "fresh").mkdir()
        paths, render_times = render_all(args.count, folder)
        batch_times, cpu_per_letter = batch(paths, folder / "batch")
        fresh_times = fresh(paths[: args.fresh], folder / "fresh")
    after_first = batch_times[1:]
    per_letter = statistics.mean(after_first) if after_first else float("nan")
    fresh_mean = statistics.mean(fresh_times) if fresh_times else float("nan")
    rows = [
        ("docxtpl render, DOCX (mean)", statistics.mean(render_times), f"{len(render_times)} letters"),
        ("one LibreOffice: first letter (start-up)", batch_times[0], "paid once per batch"),
        ("one LibreOffice: each letter after the first", per_letter, _spread(after_first)),
        ("  of which CPU (LibreOffice + docgen)", cpu_per_letter, "wall time minus waiting for a busy CPU"),
        ("fresh soffice --convert-to, per letter", fresh_mean, f"{len(fresh_times)} calls"),
    ]
    load = os.getloadavg()[0]
    print(f"{args.count} letters ({', '.join(j[0] for j in JOBS)} in turn), DOCX to PDF")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} when done (other work slows the wall times)")
    print(f"{'':46}{'seconds':>9}")
    for label, seconds, note in rows:
        print(f"{label:<46}{seconds:>9.3f}   {note}")
    total = sum(batch_times)
    print(f"{'one LibreOffice: whole batch':<46}{total:>9.3f}   vs {fresh_mean * args.count:.1f} s with fresh calls")
    print(f"speed-up per letter after the first: {fresh_mean / per_letter:.0f}x")
    wall = "met" if per_letter <= TARGET else f"not met at load {load:.2f} on {os.cpu_count()} CPUs"
    cpu = "met" if cpu_per_letter <= TARGET else "not met"
    print(
        f"target: at most {TARGET} s per letter after the first: wall {per_letter:.3f} s ({wall}); "
        f"CPU {cpu_per_letter:.3f} s ({cpu}: the wall time on an idle CPU)"
    )
    return 0


def _spread(times: list[float]) -> str:
    if len(times) < 2:
        return ""
    ordered = sorted(times)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(times):.3f}, p90 {p90:.3f}, max {ordered[-1]:.3f}"


if __name__ == "__main__":
    sys.exit(main())
