"""Shared fixtures: the real blank forms from ../shared/forms, the sample cases."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen.editions import accepting_editions, as_the_data_says
from docgen.letters import OfficeConverter

from . import ocrcache
from .ocrcache import Readings
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


# The longest modules, in seconds of CPU (the test process and every process it waits for) of a ``pytest -n 2``
# run on two cores (2026-12-03 07:35-07:53, load 5-11, 3cd9543: all modules of 2.5 s or more; refresh when a module
# grows: a ``pytest_runtest_protocol`` wrapper summing ``os.times()`` of the process and its children around each test
# gives CPU; README, Development).
# Each module runs whole on one worker (--dist loadscope), and a worker is handed the next module as it finishes
# one, so the run ends as well balanced as the last modules handed out are short: longest first (the classic
# longest-job-first rule), then the rest, all short, by number of tests (xdist's own order).
LONGEST_MODULES = {
    "tests/test_mailroom.py": 33,
    "tests/test_notices_scans.py": 24,
    "tests/test_batch.py": 21,
    "tests/web/test_case_answers11.py": 20,
    "tests/test_notices_layouts.py": 17,
    "tests/test_notices_sheets_s9.py": 15,
    "tests/web/test_browser.py": 15,
    "tests/test_notice_trust_s11.py": 13,
    "tests/test_notices_trust_s10.py": 11,
    "tests/test_notices_scan_s10.py": 9,
    "tests/web/test_serve_watch.py": 9,
    "tests/web/test_cases.py": 9,
    "tests/test_notices_searchable_scans.py": 9,
    "tests/test_hostile_mailroom.py": 9,
    "tests/web/test_db_command.py": 8,
    "tests/test_green_card.py": 8,
    "tests/test_wheel.py": 8,
    "tests/test_notices_fixtilt_s9.py": 7,
    "tests/test_bench_notice_eval3.py": 7,
    "tests/web/test_browser_assemble.py": 7,
    "tests/test_notices_paper_s12.py": 7,
    "tests/test_choices_properties.py": 7,
    "tests/test_notices_sheets_s11.py": 7,
    "tests/web/test_browser_desk.py": 7,
    "tests/web/test_browser_docket.py": 7,
    "tests/test_maps.py": 7,
    "tests/test_answers.py": 6,
    "tests/test_aliases.py": 6,
    "tests/web/test_browser_mailfix11.py": 6,
    "tests/test_notices_s5_scans.py": 6,
    "tests/web/test_cli.py": 6,
    "tests/web/test_web_review_s5.py": 6,
    "tests/test_bench_notice_eval13.py": 6,
    "tests/test_bench_notice_eval2.py": 6,
    "tests/test_evaluate.py": 6,
    "tests/test_bench_notice_eval7.py": 6,
    "tests/test_mailroom_watch.py": 5,
    "tests/test_notices_review_s7.py": 5,
    "tests/web/test_trial_s11_browser.py": 5,
    "tests/web/test_browser_answers11.py": 5,
    "tests/test_notices_scan_s9.py": 5,
    "tests/test_bench_notice_eval5.py": 5,
    "tests/test_bench_notice_eval8.py": 5,
    "tests/test_bench_notice_eval12.py": 5,
    "tests/test_bench_notice_eval6.py": 5,
    "tests/test_hostile_packets.py": 5,
    "tests/test_packets_efiling.py": 5,
    "tests/test_mailroom_unfile.py": 5,
    "tests/test_bench_notice_eval11.py": 5,
    "tests/test_paf.py": 4,
    "tests/test_receipts.py": 4,
    "tests/test_notice_variants.py": 4,
    "tests/web/test_security.py": 4,
    "tests/test_mailroom_clerk.py": 4,
    "tests/test_notices_ocr_speed.py": 4,
    "tests/test_bench_notice_eval10.py": 4,
    "tests/test_hostile_inputs.py": 4,
    "tests/test_review_s12_editor.py": 4,
    "tests/web/test_browser_unfile.py": 4,
    "tests/web/test_case_docket_sync.py": 4,
    "tests/test_packets.py": 4,
    "tests/test_notices_producers.py": 4,
    "tests/web/test_browser_desk_late.py": 3,
    "tests/test_bench_notice_eval4.py": 3,
    "tests/test_fill_speed.py": 3,
    "tests/test_notices_review_s9.py": 3,
    "tests/test_notices_fixread_s10.py": 3,
    "tests/test_newuser_s8.py": 3,
    "tests/test_bench_notice_eval9.py": 3,
    "tests/test_fill.py": 3,
    "tests/test_notices_scan_s11.py": 3,
    "tests/web/test_browser_upload_limit.py": 3,
    "tests/test_answers_eval.py": 3,
    "tests/test_notices_scan_s7.py": 3,
    "tests/test_letters_pdf.py": 3,
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "editions_enforced: the editions data refuses the bundled I-539 blank")
    config.addinivalue_line("markers", "ocr_afresh: tesseract reads every image again (tests/ocrcache.py off)")
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


@pytest.fixture(scope="session", autouse=True)
def _ocr_readings(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Readings | None]:
    """Tesseract's readings kept for the run, shared by the workers (tests/ocrcache.py): the same image read the
    same way in two tests is read by tesseract once. ``DOCGEN_TEST_OCR_CACHE=0`` reads every image afresh."""
    if os.environ.get(ocrcache.SWITCH) == "0":
        yield None
        return
    root = tmp_path_factory.getbasetemp()
    folder = root / "ocr-readings" if worker_id == "master" else root.parent / "ocr-readings"
    with ocrcache.kept_readings(folder) as readings:
        yield readings
        readings.write_stats(worker_id)


@pytest.fixture(autouse=True)
def _ocr_afresh(request: pytest.FixtureRequest, _ocr_readings: Readings | None) -> Iterator[None]:
    """Tests marked ``ocr_afresh`` have tesseract read every image itself."""
    if _ocr_readings is None or request.node.get_closest_marker("ocr_afresh") is None:
        yield
        return
    _ocr_readings.paused = True
    try:
        yield
    finally:
        _ocr_readings.paused = False


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


@pytest.fixture(scope="session")
def office() -> Iterator[OfficeConverter]:
    """One real, warm LibreOffice per worker for every module's DOCX evidence and letters (starting one costs
    seconds of CPU). A test that kills or closes its converter makes its own (tests/test_letters_pdf.py)."""
    with OfficeConverter() as converter:
        yield converter


NewDocket = Callable[[Path], str]


@pytest.fixture(params=["sqlite", "postgresql"])
def new_docket(request: pytest.FixtureRequest) -> NewDocket:
    """Makes fresh dockets on each backend: a SQLite file in the folder given, or an empty schema on the test server."""
    if request.param == "sqlite":
        return lambda folder: str(folder / "docket.sqlite")
    server: Server = request.getfixturevalue("postgres_server")
    return lambda folder: server.fresh()
