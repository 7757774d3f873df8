"""Shared fixtures: the real blank forms from ../shared/forms, the sample cases."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen.editions import accepting_editions, as_the_data_says

from .pgserver import Server

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FORMS_DIR = Path(os.environ.get("DOCGEN_FORMS_DIR", ROOT.parent / "shared" / "forms"))

# Bytecode is written even under PYTHONDONTWRITEBYTECODE: see tests/__init__.py.


def pytest_sessionstart(session: pytest.Session) -> None:
    """Without the blank forms most tests cannot run: say so once instead of failing them one by one."""
    if not (FORMS_DIR / "i-765.pdf").exists():
        pytest.exit(
            f"blank forms not found in {FORMS_DIR}; put shared/forms beside the checkout or set DOCGEN_FORMS_DIR",
            returncode=2,
        )


# The longest modules, in seconds on a worker of ``pytest -n 2`` on two cores (module wall time, profile of
# 2026-12-02 scaled to CI's pace; refresh from ``--durations=0`` when a module grows). Each module runs whole
# on one worker (--dist loadscope), so one of these handed out last runs alone while the other core idles:
# they go first, longest first, then the rest by number of tests (xdist's own order).
LONGEST_MODULES = {
    "tests/test_mailroom.py": 70,
    "tests/web/test_browser.py": 25,
    "tests/test_batch.py": 28,
    "tests/web/test_serve_watch.py": 20,
    "tests/test_notices_scans.py": 23,
    "tests/test_choices_properties.py": 15,
    "tests/web/test_cases.py": 15,
    "tests/web/test_db_command.py": 15,
    "tests/test_aliases.py": 13,
    "tests/test_wheel.py": 12,
    "tests/web/test_browser_upload_limit.py": 8,
    "tests/web/test_browser_docket.py": 9,
    "tests/test_mailroom_watch.py": 10,
    "tests/web/test_web_review_s5.py": 11,
    "tests/test_mailroom_clerk.py": 11,
    "tests/test_evaluate.py": 11,
    "tests/test_hostile_inputs.py": 10,
    "tests/test_bench_notice_eval3.py": 10,
    "tests/web/test_cli.py": 10,
    "tests/web/test_browser_desk.py": 8,
    "tests/test_answers.py": 10,
    "tests/web/test_browser_assemble.py": 8,
    "tests/test_maps.py": 10,
    "tests/test_notices_layouts.py": 10,
    "tests/test_bench_notice_eval2.py": 9,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "editions_enforced: the editions data refuses the bundled I-539 blank")
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False  # xdist would sort the modules by test count: keep the order below


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules longest first (:data:`LONGEST_MODULES`), then by number of tests; a module's tests keep their
    order (pytest-django's among them)."""
    counts = Counter(item.nodeid.split("::")[0] for item in items)
    ranked = sorted(counts, key=lambda module: (-LONGEST_MODULES.get(module, 0), -counts[module]))
    rank = {module: index for index, module in enumerate(ranked)}
    items.sort(key=lambda item: rank[item.nodeid.split("::")[0]])


@pytest.fixture(scope="session", autouse=True)
def _sample_editions() -> Iterator[None]:
    """The only I-539 blank at hand is a superseded edition (docgen/data/editions): tests fill it
    knowingly, as the sample packet and the demo do (session-wide: module fixtures fill forms too)."""
    with accepting_editions({"I-539": "02/04/19"}):
        yield


@pytest.fixture(autouse=True)
def _editions_enforced(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests marked ``editions_enforced`` see the editions data's refusal of the I-539 blank."""
    if request.node.get_closest_marker("editions_enforced") is None:
        yield
        return
    with as_the_data_says():
        yield


@pytest.fixture(scope="session")
def forms_dir() -> Path:
    return FORMS_DIR


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The map, blank and margin cache of the run, one for all xdist workers (under the run's temporary root),
    so a map compiled or a blank prepared by one worker (or one CLI process) is not done again by the other.
    The cache is keyed by content and written atomically, so workers share it as two fills in a row would."""
    if worker_id == "master":
        return tmp_path_factory.mktemp("docgen-cache")
    shared = tmp_path_factory.getbasetemp().parent / "docgen-cache"
    shared.mkdir(mode=0o700, exist_ok=True)
    return shared


@pytest.fixture(autouse=True)
def _forms_env(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    monkeypatch.setenv("DOCGEN_FORMS_DIR", str(FORMS_DIR))
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(_cache_dir))  # the map cache, never the user's


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """One throw-away PostgreSQL cluster for the whole run (see tests/pgserver.py); fails, never skips."""
    try:
        server = Server()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


NewDocket = Callable[[Path], str]


@pytest.fixture(params=["sqlite", "postgresql"])
def new_docket(request: pytest.FixtureRequest) -> NewDocket:
    """Makes fresh dockets on each backend: a SQLite file in the folder given, or an empty schema on the test server."""
    if request.param == "sqlite":
        return lambda folder: str(folder / "docket.sqlite")
    server: Server = request.getfixturevalue("postgres_server")
    return lambda folder: server.fresh()
