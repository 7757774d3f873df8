"""``docgen fill`` as a whole process beside a plain pikepdf open-and-save process (the floor).

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_fill_process [--runs 15]``

Each run starts a fresh Python for each of the two, alternating, so both pay
interpreter start-up and imports the way a user's command does; the medians
and their ratio are printed (target: docgen within 3x the floor). The first
docgen run fills the cache of validated maps and prepared blanks
(``$DOCGEN_CACHE_DIR``, here a temporary folder); it is timed apart as the
cold run. Wall-clock and CPU seconds are both printed: on a busy machine the
CPU ratio is the steadier one.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import sys, pikepdf; pdf = pikepdf.open(sys.argv[1]); pdf.save(sys.argv[2])"


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    forms = Path(os.environ.get("DOCGEN_FORMS_DIR", ROOT.parent / "shared" / "forms"))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "DOCGEN_FORMS_DIR": str(forms), "DOCGEN_CACHE_DIR": str(tmp / "cache")}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        case = ROOT / "samples" / "cases" / "h1b-okafor.yaml"
        docgen = [sys.executable, "-m", "docgen", "fill", "I-765", "--case", str(case), "--for", "spouse"]
        floor = [sys.executable, "-c", FLOOR, str(forms / "i-765.pdf"), str(tmp / "floor.pdf")]
        cold = timed([*docgen, "-o", str(tmp / "cold.pdf")], env)
        fills, floors = [], []
        for index in range(args.runs):
            fills.append(timed([*docgen, "-o", str(tmp / f"fill-{index}.pdf")], env))
            floors.append(timed(floor, env))
    fill, base = [statistics.median(w for w, _ in runs) for runs in (fills, floors)]
    fill_cpu, base_cpu = [statistics.median(c for _, c in runs) for runs in (fills, floors)]
    print(f"I-765 as a whole process, median of {args.runs} (fresh Python each run; load {os.getloadavg()[0]:.1f})")
    print(f"{'process':<42}{'wall s':>8}{'x floor':>9}{'CPU s':>8}{'x floor':>9}")
    rows = [
        ("pikepdf open + save (the floor)", base, base_cpu),
        ("docgen fill (cache warm)", fill, fill_cpu),
        ("docgen fill, first run (cache cold)", *cold),
    ]
    for name, wall, cpu in rows:
        print(f"{name:<42}{wall:8.3f}{wall / base:9.2f}{cpu:8.3f}{cpu / base_cpu:9.2f}")
    print("target: docgen fill within 3x the floor (CPU time is the steadier figure on a busy machine)")


if __name__ == "__main__":
    main()
