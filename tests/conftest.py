"""Shared fixtures: the real blank forms from ../shared/forms, the sample cases."""

from __future__ import annotations

import os
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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "editions_enforced: the editions data refuses the bundled I-539 blank")


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
