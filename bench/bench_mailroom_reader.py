"""What reading notices in a worker process costs the mailroom, beside reading them in the ingest's own process.

Run: ``.venv/bin/python -m bench.bench_mailroom_reader [--notices 40] [--rounds 3]``

The ingest reads each inbox file through :class:`docgen.mailroom.reader.Reader`
(a forked worker, kept for the run) so a crash inside libtesseract or pdfium
costs one file, not the run. Side by side, for the same files: the reader
called in this process (as before), and through the worker; the worker's
start (a fork) is shown apart, as it is paid once per ingest run (once per
watcher). Text notices are generated (fictional); the scans are the samples'.
Wall and CPU time (this process's, plus the worker's from ``/proc``) per
file; each figure is the best of ``--rounds`` interleaved passes (a shared
machine's noise is one-sided).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docgen.mailroom.ingest import read_notice_file
from docgen.mailroom.reader import Reader
from samples.notices import generate  # run from the checkout: python -m bench.bench_mailroom_reader

ROOT = Path(__file__).resolve().parents[1]
SCANS = ["rfe-i129-scan.jpg", "biometrics-i539-scan.png", "approval-i797a-scan.pdf"]


def worker_cpu(pid: int | None) -> float:
    """CPU seconds (user and system) the worker process ``pid`` has used so far."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(run: Callable[[], object], pid: Callable[[], int | None]) -> tuple[float, float]:
    """Wall and CPU seconds of ``run``: this process's CPU, and the worker's (``pid``) when there is one."""
    wall, cpu, worker = time.perf_counter(), time.process_time(), worker_cpu(pid())
    run()
    return time.perf_counter() - wall, time.process_time() - cpu + worker_cpu(pid()) - worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        generate.write_random(tmp / "generated", args.notices, 7, 0)
        texts = sorted((tmp / "generated" / "text").glob("*.pdf"))
        scans = []
        for name in SCANS:
            shutil.copy(ROOT / "samples" / "notices" / "scans" / name, tmp / name)
            scans.append(tmp / name)
        for path in [*texts[:1], *scans[:1]]:
            read_notice_file(path)  # patterns and tesseract loaded here, as in a run's first file
        with Reader(read_notice_file) as reader:
            start = time.perf_counter()
            reader.read(texts[0], texts[0].name)  # fork, then the worker's first file (already loaded: inherited)
            first = time.perf_counter() - start
            reader.read(scans[0], scans[0].name)  # the worker loads its own tesseract (a handle is per process)
            rows = []
            for label, files in (("text notice", texts), ("scanned notice", scans)):
                inside: list[tuple[float, float]] = []
                worker: list[tuple[float, float]] = []
                for _ in range(args.rounds):  # interleaved: a shared machine's load falls on both alike
                    inside.append(measure(lambda files=files: [read_notice_file(p) for p in files], lambda: None))
                    worker.append(
                        measure(lambda files=files: [reader.read(p, p.name) for p in files], lambda: reader._pid)
                    )
                n = len(files)
                best = [min(w for w, _ in inside), min(w for w, _ in worker)]
                best += [min(c for _, c in inside), min(c for _, c in worker)]
                rows.append((label, n, *(value / n for value in best)))
        starts = []
        for _ in range(5):  # a worker's whole life for one text notice: fork, first read, stop
            start = time.perf_counter()
            with Reader(read_notice_file) as cold:
                cold.read(texts[0], texts[0].name)
            starts.append(time.perf_counter() - start)
        life = min(starts)
    print(f"{'per file':<16}{'files':>6}{'wall: in process':>18}{'worker':>11}{'CPU: in process':>17}{'worker':>11}")
    for label, n, wall_in, wall_worker, cpu_in, cpu_worker in rows:
        added = cpu_worker - cpu_in
        print(
            f"{label:<16}{n:>6}{wall_in * 1000:>15.1f} ms{wall_worker * 1000:>8.1f} ms"
            f"{cpu_in * 1000:>14.1f} ms{cpu_worker * 1000:>8.1f} ms   CPU added {added * 1000:+.1f} ms "
            f"({added / cpu_in:+.1%})"
        )
    print(
        f"a worker's start, first text notice and stop (once per ingest run or watcher): {life * 1000:.1f} ms wall "
        f"(the notice alone in process: {rows[0][2] * 1000:.1f} ms); the run's first read, fork included: "
        f"{first * 1000:.1f} ms; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
