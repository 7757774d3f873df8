"""``docgen notice parse`` of one text PDF as a whole process: the notice patterns compiled afresh (cache off)
beside built from their kept programs (:mod:`docgen.notices.regexcache`), and the patterns' load alone.

Run: ``.venv/bin/python -m bench.bench_notice_process [--runs 9]``

Each run starts a fresh Python, as a user's command, a ``docgen mailroom ingest`` or a test does; the
first run with the cache on writes the kept programs (timed apart as the cold run). Medians of wall-clock
and CPU seconds are printed; on a busy machine the CPU column is the steadier one.
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
NOTICE = ROOT / "samples" / "notices" / "text" / "rfe-i129.pdf"
LOAD = "from docgen.notices.patterns import default_patterns; default_patterns()"


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
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    parse = [sys.executable, "-m", "docgen", "notice", "parse", str(NOTICE)]
    load = [sys.executable, "-c", LOAD]
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DOCGEN_CACHE_DIR": str(Path(tmp) / "cache")}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        off = {**env, "DOCGEN_CACHE_DIR": "off"}
        cold = timed(parse, env)
        runs: dict[str, list[tuple[float, float]]] = {
            name: [] for name in ("parse off", "parse on", "load off", "load on")
        }
        for _ in range(args.runs):  # alternating, so a change in the machine's load falls on all four
            runs["parse off"].append(timed(parse, off))
            runs["parse on"].append(timed(parse, env))
            runs["load off"].append(timed(load, off))
            runs["load on"].append(timed(load, env))
    print(f"docgen notice parse {NOTICE.name}, median of {args.runs} fresh processes (load {os.getloadavg()[0]:.1f})")
    print(f"{'process':<58}{'wall s':>8}{'CPU s':>8}")
    rows = [
        ("notice parse, patterns compiled afresh (cache off)", runs["parse off"]),
        ("notice parse, patterns from kept programs (cache warm)", runs["parse on"]),
        ("import + patterns only, compiled afresh", runs["load off"]),
        ("import + patterns only, from kept programs", runs["load on"]),
    ]
    for name, measured in rows:
        wall = statistics.median(w for w, _ in measured)
        cpu = statistics.median(c for _, c in measured)
        print(f"{name:<58}{wall:8.3f}{cpu:8.3f}")
    print(f"{'notice parse, first run (cache cold: compiles and keeps)':<58}{cold[0]:8.3f}{cold[1]:8.3f}")


if __name__ == "__main__":
    main()
