"""What reading notices in a worker process costs the mailroom, beside reading them in the ingest's own process.

Run: ``.venv/bin/python -m bench.bench_mailroom_reader [--notices 40] [--rounds 3]``

The ingest reads each inbox file through :class:`docgen.mailroom.reader.Reader`
(a forked worker, kept for the run) so a crash inside libtesseract or pdfium
costs one file, not the run. Side by side, for the same files: the reader
called in this process (as before), and through the worker; the worker's
start (a fork) is shown apart, as it is paid once per ingest run (once per
watcher). Text notices are generated (fictional); the scans are the samples'.
Each figure is the best of ``--rounds`` passes (a shared machine's noise is
one-sided).
"""

from __future__ import annotations

import argparse
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


def best(rounds: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


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
                inside = best(args.rounds, lambda files=files: [read_notice_file(p) for p in files])
                worker = best(args.rounds, lambda files=files: [reader.read(p, p.name) for p in files])
                rows.append((label, len(files), inside / len(files), worker / len(files)))
        starts = []
        for _ in range(5):  # a worker's whole life for one text notice: fork, first read, stop
            start = time.perf_counter()
            with Reader(read_notice_file) as cold:
                cold.read(texts[0], texts[0].name)
            starts.append(time.perf_counter() - start)
        life = min(starts)
    print(f"{'file':<16}{'files':>6}{'in process':>14}{'worker':>12}{'added':>12}")
    for label, count, inside, worker in rows:
        added = worker - inside
        print(
            f"{label:<16}{count:>6}{inside * 1000:>11.1f} ms{worker * 1000:>9.1f} ms"
            f"{added * 1000:>+9.1f} ms ({added / inside:+.1%})"
        )
    print(
        f"a worker's start, first text notice and stop (once per ingest run or watcher): {life * 1000:.1f} ms "
        f"(the notice alone in process: {rows[0][2] * 1000:.1f} ms); the run's first read, fork included: "
        f"{first * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
