"""The mailroom: filing, case updates, deadlines, idempotence, crashes, concurrency, review, iCalendar."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.cli import main
from docgen.errors import CaseDataError, DocketError
from docgen.mailroom.cases import CaseStore
from docgen.mailroom.docket import DeadlineKind
from docgen.mailroom.docket import open_docket as Docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.review import resolve
from docgen.mailroom.sqlite_docket import MIGRATIONS

from .confirming import confirm_response_dates
from .conftest import ROOT, SAMPLES, NewDocket

NOTICES = SAMPLES / "notices" / "text"
FEW = [
    "approval-2023.pdf",
    "approval-i797a.pdf",
    "receipt-i129.pdf",
    "rfe-i129.pdf",
    "batch-text.pdf",
    "biometrics-i539.pdf",
    "rejection-i129.pdf",
]


def setup_dirs(
    tmp_path: Path, names: list[str] | None = None, new_docket: NewDocket | None = None
) -> tuple[Path, Path, Any]:
    """An inbox of sample notices, the sample cases and a docket (a SQLite file, or one ``new_docket`` makes)."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir(parents=True)
    cases.mkdir(parents=True)
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    for name in FEW if names is None else names:
        shutil.copy(NOTICES / name, inbox / name)
    return inbox, cases, (tmp_path / "docket.sqlite" if new_docket is None else new_docket(tmp_path))


def snapshot(docket_path: Path, cases: Path) -> dict[str, object]:
    with Docket(docket_path) as docket:
        notices = docket.notices()
        identities = sorted(n.identity for n in notices)
        assert len(identities) == len(set(identities))
        deadlines = sorted((d.case_id, d.person, d.kind, d.due) for d in docket.deadlines_due())
        reviews = sorted(Path(str(r.path)).name for r in docket.reviews())
    filed = sorted(p.relative_to(cases).as_posix() for p in cases.rglob("*.pdf"))
    return {"identities": identities, "filed": filed, "deadlines": deadlines, "reviews": reviews}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("mailroom")
    inbox, cases, docket = setup_dirs(tmp)
    ingest_inbox(inbox, docket, cases)
    return tmp, inbox, cases, docket


@pytest.fixture(scope="module")
def few_reference(ingested: tuple[Path, Path, Path, Path]) -> dict[str, Any]:
    """What one plain ingest of :data:`FEW` into a SQLite docket records (``ingested``, which no test changes):
    the reference of the tests that ingest the same notices another way."""
    _, _, cases, docket = ingested
    return {
        "snapshot": snapshot(docket, cases),
        "filed_log": filed_log(docket),
        "case": yaml.safe_load((cases / "h1b-okafor.yaml").read_text()),
    }


@pytest.fixture(scope="module")
def kill_references() -> dict[str, tuple[dict[str, object], list[tuple[str, str, str]], str]]:
    """The plain ingest each kill-point test compares with, by docket backend: made by the first test of each."""
    return {}


def test_notices_are_filed_to_their_case_under_clear_names(ingested: tuple[Path, Path, Path, Path]) -> None:
    _, inbox, cases, _ = ingested
    filed = sorted(p.name for p in (cases / "ACME-2026-0142" / "notices").glob("*.pdf"))
    assert filed == [
        "2023-07-20_I-129_approval_WAC2390123456.pdf",
        "2026-06-04_I-129_receipt_WAC2690012345.pdf",
        "2026-06-18_I-539_biometrics_IOE0923456789.pdf",
        "2026-09-02_I-129_approval_WAC2690012345.pdf",
    ]
    assert list(inbox.iterdir()) == []
    # the RFE's response date is read from a sentence (below the filing threshold): filed once a person confirms it
    (rfe,) = (ingested[0] / "review" / "low-confidence").glob("*.pdf")  # the batch's copy (rfe-i129.pdf: the same)
    assert rfe.with_suffix(".reason.txt").read_text().startswith("confirm the response date: read from a sentence")
    assert rfe.read_bytes().startswith(b"%PDF") and oct(rfe.stat().st_mode & 0o777) == "0o600"
    filed_rfe = cases / "ACME-2026-0142" / "notices" / "2026-06-22_I-129_rfe_WAC2690012345.pdf"
    assert not filed_rfe.exists()


def test_case_file_is_updated_and_the_change_recorded(ingested: tuple[Path, Path, Path, Path]) -> None:
    _, _, cases, docket_path = ingested
    data = yaml.safe_load((cases / "h1b-okafor.yaml").read_text())
    numbers = {r["number"]: r["notice_type"] for r in data["facts"]["receipt_numbers"]}
    assert numbers["WAC2690012345"] == "approval" and numbers["IOE0923456789"] == "biometrics"
    assert data["facts"]["status"] == "approved"  # the latest notice wins, whatever the file order
    assert str(data["facts"]["approved_to"]) == "2029-09-30"
    assert data["beneficiary"]["i94"]["number"] == "84112233445"  # from the I-797A tear-off
    assert "# Fictional sample case" in (cases / "h1b-okafor.yaml").read_text()  # comments kept
    with Docket(docket_path) as docket:
        updates = [a for a in docket.audit_log() if a.action == "case updated"]
    assert updates and all(a.case_id == "ACME-2026-0142" and a.actor for a in updates)
    assert any(c["path"] == "facts.status" for a in updates for c in a.details["changes"])


def test_deadlines_from_notices_and_cases(ingested: tuple[Path, Path, Path, Path]) -> None:
    _, _, _, docket_path = ingested
    with Docket(docket_path) as docket:
        rows = {(d.case_id, d.person, d.kind.value): d.due.isoformat() for d in docket.deadlines_due()}
    assert ("ACME-2026-0142", "principal", "RFE response due") not in rows  # the 2026-09-02 approval answered it
    assert rows[("ACME-2026-0142", "spouse", "Biometrics appointment")] == "2026-07-08"
    assert rows[("ACME-2026-0142", "principal", "Status valid until")] == "2029-09-30"  # the 2023 one is closed
    assert rows[("ACME-2026-0142", "principal", "Extension window opens")] == "2029-04-03"
    assert rows[("ACME-2026-0142", "spouse", "I-94 expires")] == "2026-09-30"  # from the case file


def test_unmatched_notice_waits_for_review_with_its_reason(ingested: tuple[Path, Path, Path, Path]) -> None:
    tmp, _, _, docket_path = ingested
    with Docket(docket_path) as docket:
        reasons = {Path(str(r.path)).name: r.reason for r in docket.reviews()}
    (name,) = [n for n in reasons if n.startswith("rejection-i129_") and n.endswith("_p1.pdf")]
    assert reasons[name] == "no case has this receipt number or these names"
    assert (tmp / "review" / "unmatched" / name).with_suffix(".reason.txt").exists()


def test_ingesting_again_changes_nothing(tmp_path: Path, new_docket: NewDocket) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, None, new_docket)
    first = ingest_inbox(inbox, docket, cases)
    before = snapshot(docket, cases)
    case_text = (cases / "h1b-okafor.yaml").read_text()
    for name in FEW:
        shutil.copy(NOTICES / name, inbox / name)
    shutil.copy(NOTICES / "rfe-i129.pdf", inbox / "rescanned-rfe.pdf")  # same content, other name
    second = ingest_inbox(inbox, docket, cases)
    assert first.duplicate_notices >= 2  # the batch scan repeats notices filed from single files
    assert second.duplicate_files == len(FEW) + 1 and not second.filed and not second.review
    assert snapshot(docket, cases) == before
    assert (cases / "h1b-okafor.yaml").read_text() == case_text
    assert list(inbox.iterdir()) == []


def _ingest_args(inbox: Path, docket: Path, cases: Path) -> list[str]:
    return ["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]


def _command(inbox: Path, docket: Path, cases: Path) -> list[str]:
    """``docgen mailroom ingest`` as a process of its own (one a test can kill)."""
    return [sys.executable, "-m", "docgen.cli", *_ingest_args(inbox, docket, cases)]


def _rerun(inbox: Path, docket: Path, cases: Path) -> None:
    """The same command run again after a kill, in this process: the kill needs a process of its own, the rerun
    does not (a process start and docgen's imports, about 0.4 s of CPU, saved per rerun)."""
    assert main(_ingest_args(inbox, docket, cases)) == 0


def test_killed_at_random_points_a_rerun_finishes_with_nothing_lost_or_twice(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    names = ["approval-i797a.pdf", "rfe-i129.pdf", "batch-text.pdf", "biometrics-i539.pdf", "rejection-i129.pdf"]
    inbox, cases, docket = setup_dirs(tmp_path / "reference", names, new_docket=new_docket)
    ingest_inbox(inbox, docket, cases)
    expected = snapshot(docket, cases)
    rng = random.Random(20261123)
    # A server's runs are slower: a few kills. DOCGEN_TEST_KILL_RUNS asks for more, for a longer soak.
    runs = int(os.environ.get("DOCGEN_TEST_KILL_RUNS", "10" if new_docket(tmp_path).endswith(".sqlite") else "4"))
    # One kill at a random moment in each of ``runs`` equal slices of 0.4-3.0 s (from start-up to late in a
    # run): the window is covered evenly, without the clusters and gaps of as many uniform draws (20 before).
    delays = [0.4 + (slice_ + rng.random()) * 2.6 / runs for slice_ in range(runs)]
    rng.shuffle(delays)  # short and long waits mixed in each group of four running at once

    def start_then_kill(run: int) -> tuple[Path, Path, Any]:
        inbox, cases, docket = setup_dirs(tmp_path / f"run{run}", names, new_docket=new_docket)
        proc = subprocess.Popen(
            _command(inbox, docket, cases), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delays[run])
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return inbox, cases, docket

    # Four runs at a time, each on its own inbox and docket: the waits before the kills overlap.
    with ThreadPoolExecutor(max_workers=4) as pool:
        killed = list(pool.map(start_then_kill, range(runs)))
    # Then each killed run's rerun, one at a time in this process (no thread of the pool is left to fork beside).
    for run, (inbox, cases, docket) in enumerate(killed):
        _rerun(inbox, docket, cases)
        assert snapshot(docket, cases) == expected, f"run {run}"
        assert list(inbox.iterdir()) == []
        if str(docket).endswith(".sqlite"):
            with sqlite3.connect(docket) as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def audit_summary(docket_path: Path) -> list[tuple[str, str, str]]:
    """What the audit log says changed, without times and temporary paths."""
    with Docket(docket_path) as docket:
        log = docket.audit_log()
    out = []
    for entry in log:
        if entry.action == "duplicate file removed from inbox":
            continue  # a rerun after the source was recorded says so, truthfully
        changes = json.dumps(entry.details.get("changes"), sort_keys=True)
        out.append((entry.action, str(entry.case_id), changes))
    return sorted(out)


KILL_POINTS = ["filed-copy-written", "intent-recorded", "case-written", "committed", "source-recorded"]


@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_at_each_point_of_filing_nothing_is_lost_or_doubled(
    tmp_path: Path,
    point: str,
    new_docket: NewDocket,
    request: pytest.FixtureRequest,
    kill_references: dict[str, tuple[dict[str, object], list[tuple[str, str, str]], str]],
) -> None:
    names = ["approval-i797a.pdf", "rfe-i129.pdf"]
    backend = request.node.callspec.params["new_docket"]
    if backend not in kill_references:  # the same plain ingest for every kill point: made once per backend
        inbox, cases, docket = setup_dirs(tmp_path / "reference", names, new_docket=new_docket)
        ingest_inbox(inbox, docket, cases)
        kill_references[backend] = (
            snapshot(docket, cases),
            audit_summary(docket),
            (cases / "h1b-okafor.yaml").read_text(),
        )
    expected, expected_audit, expected_case = kill_references[backend]
    assert any(a[0] == "case updated" for a in expected_audit)
    inbox, cases, docket = setup_dirs(tmp_path / "killed", names, new_docket=new_docket)
    env = os.environ | {"DOCGEN_KILL_AT": point}
    killed = subprocess.Popen(_command(inbox, docket, cases), cwd=ROOT, env=env, stderr=subprocess.PIPE)
    _, err = killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL, err.decode()
    left = Path(tempfile.gettempdir()).glob(f"docgen-ingest-{killed.pid}-*")
    assert list(left)  # the killed run's private copy of the scan...
    _rerun(inbox, docket, cases)
    assert not list(Path(tempfile.gettempdir()).glob(f"docgen-ingest-{killed.pid}-*"))  # ...swept by the rerun
    assert snapshot(docket, cases) == expected
    assert audit_summary(docket) == expected_audit  # every case change audited, once
    assert (cases / "h1b-okafor.yaml").read_text() == expected_case
    with Docket(docket) as d:
        assert d.intents() == []
    assert list(inbox.iterdir()) == []


def test_two_ingests_at_once_share_the_work(
    tmp_path: Path, new_docket: NewDocket, few_reference: dict[str, Any]
) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, None, new_docket)
    Docket(docket).close()  # made once, so both processes open the same schema
    procs = [
        subprocess.Popen(_command(inbox, docket, cases), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    result = snapshot(docket, cases)
    expected = few_reference["snapshot"]
    assert result["identities"] == expected["identities"]
    assert result["filed"] == expected["filed"]
    assert result["deadlines"] == expected["deadlines"]
    assert filed_log(docket) == few_reference["filed_log"]  # each notice filed and audited once
    with Docket(docket) as d:
        assert d.intents() == []


def test_the_order_notices_arrive_in_changes_nothing(tmp_path: Path, few_reference: dict[str, Any]) -> None:
    """Two ingests at once file notices in any order; one file at a time, newest first, gives what one run gives."""
    inbox, cases, docket = setup_dirs(tmp_path / "reversed")
    for path in sorted(inbox.iterdir(), reverse=True):
        ingest_inbox(inbox, docket, cases, files=[path])
    result, expected = snapshot(docket, cases), few_reference["snapshot"]
    assert result["deadlines"] == expected["deadlines"] and result["filed"] == expected["filed"]
    assert yaml.safe_load((cases / "h1b-okafor.yaml").read_text()) == few_reference["case"]


def test_a_filed_notice_changes_the_case_file_the_way_a_specialist_would(tmp_path: Path) -> None:
    """Dates stay dates (not quoted text), a new receipt looks like the ones above it, comments stay in place."""
    inbox, cases, docket = setup_dirs(tmp_path, ["approval-i797a.pdf", "biometrics-i539.pdf"])
    ingest_inbox(inbox, docket, cases)
    text = (cases / "h1b-okafor.yaml").read_text()
    assert "approved_to: 2029-09-30\n" in text and "'2029-09-30'" not in text
    assert "- {form: I-129, number: WAC2690012345, notice_type: approval, notice_date: 2026-09-02}" in text
    comment = "# together with the I-129, so the related receipt number is not known yet).\nextra:"
    assert comment in text  # the comment that introduces extra: still sits right above it
    data = yaml.safe_load(text)
    assert str(data["facts"]["approved_to"]) == "2029-09-30" and data["facts"]["status"] == "approved"


def filed_log(docket_path: Path) -> list[tuple[str, str, str]]:
    """The 'notice filed' audit entries (which notices of two ingests change the case file depends on their order)."""
    with Docket(docket_path) as docket:
        log = docket.audit_log()
    return sorted(
        (str(a.case_id), str(a.details.get("receipt")), str(a.details.get("notice_type")))
        for a in log
        if a.action == "notice filed"
    )


def test_review_assign_to_a_case(tmp_path: Path, capsys: pytest.CaptureFixture[str], new_docket: NewDocket) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, None, new_docket)
    ingest_inbox(inbox, docket, cases)
    assert main(["mailroom", "review", "--docket", str(docket)]) == 0
    listing = capsys.readouterr().out
    assert "rejection I-129 EAC2690200777" in listing
    with Docket(docket) as d:
        item = next(r for r in d.reviews() if "rejection" in str(r.path))
    code = main(
        [
            "mailroom",
            "resolve",
            str(item.id),
            "--docket",
            str(docket),
            "--cases",
            str(cases),
            "--case",
            "ACME-2026-0142",
            "--for",  # nothing on the Borealis notice ties it to the Okafor case: the reviewer says whom it is
            "principal",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert (cases / "ACME-2026-0142" / "notices" / "2026-04-14_I-129_rejection_EAC2690200777.pdf").exists()
    with Docket(docket) as d:
        assert all(r.id != item.id for r in d.reviews())
        notice = next(n for n in d.notices() if n.receipt_number == "EAC2690200777")
        assert (notice.status, notice.case_id) == ("filed", "ACME-2026-0142")
    numbers = [r["number"] for r in yaml.safe_load((cases / "h1b-okafor.yaml").read_text())["facts"]["receipt_numbers"]]
    assert "EAC2690200777" in numbers


def test_review_correct_a_field_then_it_matches(tmp_path: Path, new_docket: NewDocket) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf"], new_docket=new_docket)
    ingest_inbox(inbox, docket, cases)
    with Docket(docket) as d:
        item = d.reviews()[0]
        message = resolve(d, CaseStore(cases), item.id, corrections={"receipt_number": "WAC2390123456"})
    assert "filed to ACME-2026-0142" in message


def test_dismiss_and_bad_review_requests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new_docket: NewDocket
) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf"], new_docket=new_docket)
    ingest_inbox(inbox, docket, cases)
    code = main(["mailroom", "resolve", "99", "--docket", str(docket), "--cases", str(cases), "--case", "X"])
    assert code == 2 and "review item 99 is not open" in capsys.readouterr().err
    code = main(["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases), "--set", "colour=red"])
    assert code == 2 and "--set 'colour=red'" in capsys.readouterr().err
    assert (
        main(["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases), "--dismiss", "not ours"]) == 0
    )


def test_unreadable_and_not_a_notice_go_to_review_folders(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, [])
    for bad in (SAMPLES / "notices" / "bad").iterdir():
        if bad.suffix != ".json":
            shutil.copy(bad, inbox / bad.name)
    report = ingest_inbox(inbox, docket, cases)
    assert report.review and not report.filed
    review = tmp_path / "review"
    (corrupt,) = (review / "unreadable").glob("*_corrupt.pdf")
    assert "damaged" in corrupt.with_name(corrupt.name + ".reason.txt").read_text()
    assert list((review / "not-a-notice").glob("*_not-a-notice.pdf"))
    assert list(inbox.iterdir()) == []


def test_ics_parses_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    icalendar = pytest.importorskip("icalendar")
    inbox, cases, docket = setup_dirs(tmp_path, [n for n in FEW if n != "approval-i797a.pdf"])
    ingest_inbox(inbox, docket, cases)  # no approval yet, so the RFE waits for its response
    confirm_response_dates(docket, cases)  # its date, read from a sentence, confirmed by the clerk
    out = tmp_path / "deadlines.ics"
    assert main(["deadlines", "--docket", str(docket), "--format", "ics", "-o", str(out)]) == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = [e for e in calendar.walk("VEVENT")]
    with Docket(docket) as d:
        assert len(events) == len(d.deadlines_due())
    rfe = next(e for e in events if str(e["SUMMARY"]).startswith("RFE response due"))
    assert rfe.decoded("DTSTART").isoformat() == "2026-09-16"
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    capsys.readouterr()
    assert main(["deadlines", "--docket", str(docket), "--within", "120d", "--today", "2026-06-01"]) == 0
    table = capsys.readouterr().out
    assert "RFE response due" in table and "2029-09-30" not in table
    assert main(["deadlines", "--docket", str(docket), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("due,days_left,case_id,person,kind,description")
    assert main(["deadlines", "--docket", str(docket), "--format", "expiry", "--today", "2026-06-01"]) == 0
    assert "spouse         ACME-2026-0142         I-94 expires         2026-09-30" in capsys.readouterr().out


def test_docket_schema_is_versioned(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    with Docket(path) as docket:
        assert docket.schema_version == len(MIGRATIONS) >= 2
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(DocketError, match="newer than this docgen knows"):
        Docket(path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DocketError, match="not a docket database"):
        Docket(junk)
    assert os.stat(path).st_mode & 0o077 == 0


def test_review_copies_of_scans_with_the_same_name_are_kept_apart(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, [])
    shutil.copy(NOTICES / "noid-i140.pdf", inbox / "scan.pdf")
    ingest_inbox(inbox, docket, cases)
    shutil.copy(NOTICES / "receipt-i485.pdf", inbox / "scan.pdf")
    ingest_inbox(inbox, docket, cases)
    with Docket(docket) as d:
        paths = [Path(str(r.path)) for r in d.reviews()]
    assert len(paths) == 2 and len(set(paths)) == 2 and all(p.exists() and p.is_absolute() for p in paths)


def test_an_older_approval_does_not_undo_a_newer_one(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["approval-i797a.pdf"])
    ingest_inbox(inbox, docket, cases)
    shutil.copy(NOTICES / "approval-2023.pdf", inbox / "approval-2023.pdf")
    ingest_inbox(inbox, docket, cases)
    data = yaml.safe_load((cases / "h1b-okafor.yaml").read_text())
    assert str(data["facts"]["approved_to"]) == "2029-09-30"
    assert str(data["beneficiary"]["i94"]["expiry_date"]) == "2029-09-30"


def test_reading_commands_refuse_a_docket_that_is_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["deadlines", "--docket", str(tmp_path / "typo.sqlite")]) == 11
    assert "no docket here" in capsys.readouterr().err
    assert not (tmp_path / "typo.sqlite").exists()


def test_corrections_are_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf"])
    ingest_inbox(inbox, docket, cases)
    code = main(
        ["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases), "--set", "notice_date=13/09/2026"]
    )
    assert code == 2 and "write YYYY-MM-DD or MM/DD/YYYY (month first)" in capsys.readouterr().err
    code = main(
        ["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases), "--set", "receipt_number=WAC123"]
    )
    assert code == 2 and "3 letters and 10 digits" in capsys.readouterr().err


def test_a_deadline_marked_done_stays_done(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rfe-i129.pdf"])
    ingest_inbox(inbox, docket, cases)
    confirm_response_dates(docket, cases)  # its date, read from a sentence, confirmed by the clerk
    with Docket(docket) as d:
        rfe = next(r for r in d.deadlines_due() if r.kind is DeadlineKind.RFE_RESPONSE)
        passport = next(r for r in d.deadlines_due() if r.kind is DeadlineKind.PASSPORT_EXPIRES)
    assert main(["mailroom", "done", str(rfe.id), str(passport.id), "--docket", str(docket)]) == 0
    shutil.copy(NOTICES / "approval-2023.pdf", inbox / "approval-2023.pdf")
    ingest_inbox(inbox, docket, cases)  # case deadlines are rebuilt from the files; the closed one stays closed
    with Docket(docket) as d:
        open_ids = {r.id for r in d.deadlines_due()}
        assert rfe.id not in open_ids
        assert not any(
            (r.kind, r.due, r.person, r.case_id) == (passport.kind, passport.due, passport.person, passport.case_id)
            for r in d.deadlines_due()
        )
        assert any(a.action == "deadline marked done" for a in d.audit_log())
    capsys.readouterr()
    assert main(["mailroom", "done", str(rfe.id), "--docket", str(docket)]) == 2
    assert "is not open" in capsys.readouterr().err


def test_two_case_files_with_one_case_id_are_an_error_naming_both(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rfe-i129.pdf"])
    shutil.copy(cases / "h1b-okafor.yaml", cases / "zz-copy.yaml")
    with pytest.raises(
        CaseDataError, match=r"zz-copy.yaml: case_id 'ACME-2026-0142' is also the case_id of .*h1b-okafor.yaml"
    ):
        ingest_inbox(inbox, docket, cases)
    assert (inbox / "rfe-i129.pdf").exists()


def test_ingest_reads_each_case_file_once_at_its_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case folder was read twice before the first scan (once to match, once to sync its deadlines): a firm's
    hundreds of case files parsed twice on every run, and on every scan the server's watcher takes."""
    import docgen.mailroom.cases as cases_module
    from docgen.case.loader import case_from_text, load_case

    inbox, cases, docket = setup_dirs(tmp_path, [])
    shutil.copy(NOTICES / "rejection-i129.pdf", inbox / "rejection.pdf")  # no case has it: nothing rewritten
    loaded: list[str] = []

    def counted(path: Path) -> object:  # the real loader, counted
        loaded.append(Path(path).name)
        return load_case(path)

    def parsed(text: str, path: Path) -> object:  # the folder's reader parses the text it read, counted
        loaded.append(Path(path).name)
        return case_from_text(text, path)

    monkeypatch.setattr(cases_module, "case_from_text", parsed)
    monkeypatch.setattr("docgen.mailroom.case_sync.load_case", counted)
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.review) == 1
    files = sorted(p.name for p in cases.glob("*.yaml"))
    assert sorted(loaded) == files, loaded


def test_json_case_files_are_read_and_updated_as_json(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["approval-i797a.pdf"])
    data = yaml.safe_load((cases / "h1b-okafor.yaml").read_text())
    (cases / "h1b-okafor.yaml").unlink()
    (cases / "h1b-okafor.json").write_text(json.dumps(data, default=str, indent=2))
    (cases / "h1b-okafor.json").chmod(0o640)
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.filed) == 1 and not report.problems
    updated = json.loads((cases / "h1b-okafor.json").read_text())  # still JSON
    assert updated["facts"]["status"] == "approved" and str(updated["facts"]["approved_to"]) == "2029-09-30"
    assert (cases / "h1b-okafor.json").stat().st_mode & 0o777 == 0o640


def test_the_demo_mailroom_stage_reports_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docgen.commands.demo import _mailroom

    room = tmp_path / "mailroom"
    room.mkdir()
    (room / "docket.sqlite").write_bytes(b"not a docket" * 400)
    plan = {"mailroom": {"inbox": ["notices/text/rfe-i129.pdf"]}}
    assert _mailroom(plan, tmp_path, SAMPLES) == 1
    assert "FAILED mailroom" in capsys.readouterr().err


def test_two_unreadable_notices_assigned_to_one_case_are_both_kept(tmp_path: Path) -> None:
    """Notices with no date, form, kind or receipt used to share one name: the second replaced the first."""
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf", "approval-i140.pdf"])
    ingest_inbox(inbox, docket, cases)
    unread = {key: None for key in ("notice_type", "form", "receipt_number", "notice_date")}  # as OCR left them
    with Docket(docket) as d:
        items = d.reviews()
        assert len(items) == 2
        copies = {item.id: Path(str(item.path)).read_bytes() for item in items}
        for item in items:
            resolve(d, CaseStore(cases), item.id, case_id="ACME-2026-0142", person="principal", corrections=unread)
        filed = {Path(str(n.filed_path)) for n in d.notices("ACME-2026-0142")}
    kept = sorted(p.read_bytes() for p in filed if p.name.startswith("undated"))
    assert kept == sorted(copies.values())


def test_done_with_a_bad_id_marks_nothing_and_says_nothing_was_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rfe-i129.pdf"])
    ingest_inbox(inbox, docket, cases)
    confirm_response_dates(docket, cases)  # its date, read from a sentence, confirmed by the clerk
    with Docket(docket) as d:
        rfe = next(r for r in d.deadlines_due() if r.kind is DeadlineKind.RFE_RESPONSE)
    capsys.readouterr()
    assert main(["mailroom", "done", str(rfe.id), "99999", "--docket", str(docket)]) == 2
    out, err = capsys.readouterr()
    assert "done:" not in out and "deadline 99999 is not open" in err  # it printed "done: RFE ..." then undid it
    with Docket(docket) as d:
        assert rfe.id in {r.id for r in d.deadlines_due()}
    assert main(["mailroom", "done", str(rfe.id), str(rfe.id), "--docket", str(docket)]) == 0  # an id given twice
    assert capsys.readouterr().out.count("done:") == 1
    with Docket(docket) as d:
        assert rfe.id not in {r.id for r in d.deadlines_due()}


def test_a_dependent_notice_does_not_change_the_case_status_or_validity(tmp_path: Path) -> None:
    """The spouse's I-539 biometrics made the H-1B case 'biometrics scheduled'; an I-765 approval would have
    made its EAD dates the case's approved validity."""
    from docgen.mailroom.cases import plan_notice

    inbox, cases, docket = setup_dirs(tmp_path, ["receipt-i129.pdf", "biometrics-i539.pdf"])
    ingest_inbox(inbox, docket, cases)
    data = yaml.safe_load((cases / "h1b-okafor.yaml").read_text())
    assert data["facts"]["status"] == "filed"  # the I-129 receipt; the I-539 biometrics came later
    assert {r["number"] for r in data["facts"]["receipt_numbers"]} >= {"IOE0923456789"}  # still recorded
    ead = {
        "notice_type": "approval",
        "form": "I-765",
        "receipt_number": "IOE0923456790",
        "notice_date": "2026-08-01",
        "valid_from": "2026-08-01",
        "valid_to": "2028-07-31",
    }
    text, changes = plan_notice(cases / "h1b-okafor.yaml", ead, "spouse")
    assert text is not None
    assert not {c["path"] for c in changes} & {"facts.status", "facts.approved_from", "facts.approved_to"}


def test_an_i94_number_given_in_a_correction_never_reaches_the_audit_log(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf", "approval-i140.pdf"])
    ingest_inbox(inbox, docket, cases)
    with Docket(docket) as d:
        first, second = d.reviews()
        resolve(d, CaseStore(cases), first.id, corrections={"i94_number": "99887766554"})  # still unmatched
        resolve(
            d,
            CaseStore(cases),
            second.id,
            case_id="ACME-2026-0142",
            person="principal",
            corrections={"i94_number": "99887766555"},
        )
        entries = [e for e in d.audit_log() if "corrections" in e.details]
    assert len(entries) == 2
    assert all("9988776655" not in json.dumps(e.details) for e in entries)
    assert all(e.details["corrections"] == {"i94_number": "(identity number, not shown)"} for e in entries)


def test_resolve_with_nothing_given_tries_the_cases_again_and_says_what_to_give(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It answered 'corrected' and logged a correction though nothing was corrected."""
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf"])
    ingest_inbox(inbox, docket, cases)
    capsys.readouterr()
    assert main(["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "corrected" not in out and "--case ID" in out and "--dismiss" in out
    with Docket(docket) as d:
        assert not [e for e in d.audit_log() if e.action == "notice corrected"]
        assert [r.id for r in d.reviews()] == [1]


def test_a_calendar_is_never_written_under_a_spreadsheet_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docket = tmp_path / "docket.sqlite"
    with Docket(docket):
        pass
    for fmt, name, fix in (("ics", "cal.csv", "cal.ics"), ("csv", "list.ics", "list.csv"), ("table", "t.csv", "t.txt")):
        assert main(["deadlines", "--docket", str(docket), "--format", fmt, "-o", str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert f"name the file {fix}" in err and err.count("\n") == 1
        assert not (tmp_path / name).exists()
    assert main(["deadlines", "--docket", str(docket), "--format", "table", "-o", str(tmp_path / "t.txt")]) == 0
