"""The docket follows the case files at once: a save, a notice filed from review, a file gone and back.

Real case files (copies of the samples), real dockets (SQLite, and the test PostgreSQL where the behaviour is the
docket's), the real CLI.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom.case_sync import sync_case_file, sync_case_folder
from docgen.mailroom.docket import DeadlineKind, DeadlineRecord, open_docket
from docgen.mailroom.ingest import ingest_inbox

from .conftest import SAMPLES, NewDocket

ACME = "ACME-2026-0142"
ACME_FILE = "h1b-okafor.yaml"
OLD_I94, NEW_I94 = "2026-09-30", "2027-03-31"


def _room(tmp_path: Path, docket: str | None = None) -> tuple[Path, Path, str]:
    """An empty inbox, copies of the sample cases, a docket holding their deadlines (an ingest of nothing)."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    location = docket or str(tmp_path / "docket.sqlite")
    ingest_inbox(inbox, location, cases)
    return inbox, cases, location


def _i94(location: str, case_id: str = ACME) -> list[DeadlineRecord]:
    with open_docket(location, create=False) as docket:
        return [r for r in docket.deadlines_due() if r.case_id == case_id and r.kind is DeadlineKind.I94_EXPIRES]


def _edit_i94(cases: Path, old: str, new: str) -> None:
    path = cases / ACME_FILE
    text = path.read_text(encoding="utf-8")
    assert f"expiry_date: {old}" in text
    path.write_text(text.replace(f"expiry_date: {old}", f"expiry_date: {new}"), encoding="utf-8")


def test_syncing_one_saved_case_file_moves_its_deadline_at_once(tmp_path: Path, new_docket: NewDocket) -> None:
    _, cases, location = _room(tmp_path, new_docket(tmp_path))
    assert {r.due.isoformat() for r in _i94(location)} == {OLD_I94}
    _edit_i94(cases, OLD_I94, NEW_I94)  # a specialist's save (the workspace calls the same function)
    with open_docket(location, create=False) as docket:
        synced = sync_case_file(docket, cases / ACME_FILE)
        closed = docket.deadlines_closed(since=dt.date(2026, 1, 1))
        audit = [a for a in docket.audit_log(ACME) if a.action == "case-file deadline superseded"]
    assert {(r.due.isoformat(), r.superseded) for r in synced.superseded} == {(OLD_I94, True)}
    assert {r.due.isoformat() for r in _i94(location)} == {NEW_I94}
    closed_i94 = {(r.due.isoformat(), r.superseded) for r in closed if r.kind is DeadlineKind.I94_EXPIRES}
    assert closed_i94 == {(OLD_I94, True)}
    assert audit and all(OLD_I94 not in str(a.details) for a in audit)  # which deadline, never its day


def test_the_calendar_cancels_the_old_date_under_its_uid_right_after_a_sync(tmp_path: Path) -> None:
    _, cases, location = _room(tmp_path)
    before = tmp_path / "before.ics"
    assert main(["deadlines", "--docket", location, "--format", "ics", "-o", str(before)]) == 0
    _edit_i94(cases, OLD_I94, NEW_I94)
    with open_docket(location, create=False) as docket:
        sync_case_file(docket, cases / ACME_FILE)
    from docgen.mailroom.deadlines import to_ics

    with open_docket(location, create=False) as docket:
        closed = docket.deadlines_closed(dt.date(2026, 1, 1))
        feed = to_ics(docket.deadlines_due(), dt.datetime.now(dt.UTC), closed=closed)
    old_day = OLD_I94.replace("-", "")
    old_uids = _uids(before.read_text(), old_day)
    assert old_uids and old_uids <= _uids(feed, old_day, cancelled=True)
    assert _uids(feed, NEW_I94.replace("-", ""))


def _uids(ics: str, day: str, cancelled: bool = False) -> set[str]:
    events = ics.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    return {
        next(line for line in e.splitlines() if line.startswith("UID:"))
        for e in events
        if f"DTSTART;VALUE=DATE:{day}" in e and "I-94" in e and (("STATUS:CANCELLED" in e) == cancelled)
    }


def test_a_gone_case_file_keeps_its_deadlines_open_flagged_until_a_person_acts(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, location = _room(tmp_path, new_docket(tmp_path))
    before = {r.id for r in _i94(location)}
    kept = tmp_path / ACME_FILE
    shutil.move(cases / ACME_FILE, kept)  # deleted, or moved away
    report = ingest_inbox(inbox, location, cases)
    assert any(f"case {ACME}: its case file is gone" in p for p in report.problems)
    flagged = _i94(location)
    assert {r.id for r in flagged} == before and all(r.case_missing_since == dt.date.today() for r in flagged)
    assert not any(r.case_missing for r in _i94(location, "CASCADIA-2026-0077"))
    with open_docket(location, create=False) as docket:
        assert [a.action for a in docket.audit_log(ACME)].count("case file missing: deadlines kept open") == 1
    ingest_inbox(inbox, location, cases)  # said once, when it happens: the flag stays with its first day
    assert {r.case_missing_since for r in _i94(location)} == {dt.date.today()}

    capsys.readouterr()
    assert main(["deadlines", "--docket", location]) == 0
    table = capsys.readouterr().out
    missing_line = next(line for line in table.splitlines() if ACME in line and "I-94" in line)
    assert "[CASE FILE MISSING SINCE" in missing_line
    assert "need attention: their case file is gone" in table and "docgen mailroom done ID" in table
    assert main(["deadlines", "--docket", location, "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert "attention" in csv_text.splitlines()[0].split(",") and "case file missing since" in csv_text
    assert main(["deadlines", "digest", "--docket", location, "--today", "2026-10-15"]) == 0
    digest = capsys.readouterr().out
    assert "Needs attention: case file missing" in digest and ACME in digest.split("Overdue")[0]
    attention = digest.split("Overdue")[0]
    assert "[case file missing since" in attention and ACME not in digest.split("Overdue")[1]  # listed once
    assert main(["deadlines", "digest", "--docket", location, "--format", "html"]) == 0
    assert "Needs attention: case file missing" in capsys.readouterr().out
    assert main(["deadlines", "--docket", location, "--format", "expiry"]) == 0
    expiry = [line for line in capsys.readouterr().out.splitlines() if ACME in line]
    assert expiry and all("[case file missing since" in line for line in expiry)
    assert main(["deadlines", "--docket", location, "--format", "ics"]) == 0
    assert "SUMMARY:Case file missing: I-94 expires - ACME-2026-0142" in capsys.readouterr().out

    # the person closes one (a withdrawn case must not keep alerting); the file back clears the others' flag
    first, *others = sorted(before)
    assert main(["mailroom", "done", str(first), "--docket", location]) == 0
    shutil.move(kept, cases / ACME_FILE)
    ingest_inbox(inbox, location, cases)
    assert {(r.id, r.case_missing) for r in _i94(location)} == {(i, False) for i in others}
    with open_docket(location, create=False) as docket:
        assert "case file back: deadlines no longer flagged" in [a.action for a in docket.audit_log(ACME)]


def test_a_case_id_changed_in_its_file_flags_the_old_id_s_deadlines(tmp_path: Path) -> None:
    _, cases, location = _room(tmp_path)
    path = cases / ACME_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(f"case_id: {ACME}", "case_id: ACME-2026-0143"), "utf-8")
    with open_docket(location, create=False) as docket:
        _, synced = sync_case_folder(docket, cases)
    assert {r.case_id for r in synced.missing} == {ACME}
    assert _i94(location, "ACME-2026-0143") and all(r.case_missing for r in _i94(location))


def test_a_notice_filed_from_review_moves_the_case_file_deadline_at_once(tmp_path: Path) -> None:
    inbox, cases, location = _room(tmp_path)
    kept = tmp_path / ACME_FILE
    shutil.move(cases / ACME_FILE, kept)  # the case file not there yet when the I-797A came: it waits for review
    shutil.copy(SAMPLES / "notices" / "text" / "approval-i797a.pdf", inbox / "approval-i797a.pdf")
    ingest_inbox(inbox, location, cases)
    assert all(r.case_missing for r in _i94(location))
    shutil.move(kept, cases / ACME_FILE)
    with open_docket(location, create=False) as docket:
        item = docket.reviews()[0]
    assert main(["mailroom", "resolve", str(item.id), "--docket", location, "--cases", str(cases), "--case", ACME]) == 0
    # no ingest since: the resolve wrote the I-94 date into the case file and the docket follows it already
    beneficiary = {r.due.isoformat() for r in _i94(location) if r.person == _beneficiary_ref(cases)}
    assert beneficiary == {"2029-09-30"}
    assert not any(r.case_missing for r in _i94(location))
    with open_docket(location, create=False) as docket:
        closed = docket.deadlines_closed(since=dt.date(2026, 1, 1))
    assert any(r.superseded and r.due.isoformat() == OLD_I94 and r.case_id == ACME for r in closed)


def _beneficiary_ref(cases: Path) -> str:
    from docgen.case.loader import load_case

    return load_case(cases / ACME_FILE).people_by_ref()[0][0]


_OPENED: list[str] = []  # files opened, while a test listens (an audit hook stays for good)
_LISTENING: list[bool] = []


def _note_open(event: str, args: tuple[object, ...]) -> None:
    if _LISTENING and event == "open" and isinstance(args[0], str):
        _OPENED.append(args[0])


def test_after_filing_an_ingest_syncs_the_case_it_changed_not_the_whole_folder(tmp_path: Path) -> None:
    """Once the notice is filed, no other case file is read again (the folder was synced at the start); the case
    the I-797A changed is recorded as its file says now."""
    import sys

    inbox, cases, location = _room(tmp_path)
    shutil.copy(SAMPLES / "notices" / "text" / "approval-i797a.pdf", inbox / "approval-i797a.pdf")
    sys.addaudithook(_note_open)
    _OPENED.clear()

    def progress(what: str, path: str) -> None:
        if what == "filed":
            _LISTENING.append(True)  # from the filing on

    try:
        report = ingest_inbox(inbox, location, cases, progress=progress)
    finally:
        _LISTENING.clear()
    assert len(report.filed) == 1 and not report.review
    read_after = {Path(p).name for p in _OPENED if Path(p).parent == cases}
    assert read_after == {ACME_FILE}, read_after  # the case the notice changed, and no other
    beneficiary = {r.due.isoformat() for r in _i94(location) if r.person == _beneficiary_ref(cases)}
    assert beneficiary == {"2029-09-30"}  # the date the notice wrote into the case file, recorded at once


def test_a_changed_case_file_that_cannot_be_read_any_more_has_its_deadlines_flagged(tmp_path: Path) -> None:
    from docgen.mailroom.case_sync import sync_changed_case

    _, cases, location = _room(tmp_path)
    before = {r.id for r in _i94(location)}
    (cases / ACME_FILE).write_text("case_id: [unclosed\n", encoding="utf-8")  # a save cut short, say
    with open_docket(location, create=False) as docket:
        synced = sync_changed_case(docket, ACME, cases / ACME_FILE)
    assert {r.id for r in synced.missing} >= before and all(r.case_missing for r in _i94(location))
    assert not any(r.case_missing for r in _i94(location, "CASCADIA-2026-0077"))
