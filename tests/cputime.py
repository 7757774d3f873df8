"""CPU per test and per module, for refreshing ``LONGEST_MODULES`` in tests/conftest.py.

A pytest plugin (not loaded by default)::

    DOCGEN_TEST_CPU_OUT=/tmp/cpu nice -n 5 .venv/bin/python -m pytest -q -n 2 -p tests.cputime
    .venv/bin/python -m tests.cputime /tmp/cpu          # the table, longest first, in conftest's form

Each worker writes ``DIR/<worker>.json``: per test, the CPU (user + system) of the worker and of every process it
waited for, around the whole test (set-up, call, tear-down), and the wall time. A module's first test carries its
module and session fixtures. A process the test does not wait for (PostgreSQL's server) is not counted; a
Playwright browser's CPU lands on the test during which its driver is reaped. Compare CPU, not wall time, on a
shared machine.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

OUT = "DOCGEN_TEST_CPU_OUT"
_tests: dict[str, tuple[float, float]] = {}


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    cpu, wall = _cpu(), time.monotonic()
    try:
        return (yield)
    finally:
        _tests[item.nodeid] = (_cpu() - cpu, time.monotonic() - wall)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _tests:
        return  # the xdist controller runs no test
    folder = Path(os.environ.get(OUT, "cpu-per-test"))
    folder.mkdir(parents=True, exist_ok=True)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "master")
    data = {"tests": _tests, "process_cpu": _cpu()}
    (folder / f"{worker}.json").write_text(json.dumps(data, indent=0), encoding="utf-8")


def modules(folder: Path) -> Counter[str]:
    """CPU seconds per test module, summed over the workers' files in ``folder``."""
    total: Counter[str] = Counter()
    for path in sorted(folder.glob("*.json")):
        for nodeid, (cpu, _wall) in json.loads(path.read_text(encoding="utf-8"))["tests"].items():
            total[nodeid.split("::")[0]] += cpu
    return total


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m tests.cputime DIR  (the folder DOCGEN_TEST_CPU_OUT named)", file=sys.stderr)
        return 2
    total = modules(Path(argv[0]))
    print(f"# {sum(total.values()):.0f} s of CPU in the tests of {len(total)} modules")
    for module, cpu in total.most_common():
        if cpu >= 2.5:
            print(f'    "{module}": {round(cpu)},')
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
