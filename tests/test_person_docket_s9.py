"""One person, one set of dates: the docket, the digest and the calendar list a person's own dates once, as the
reports do, and the H-1B six-year limit's AC21 filing day is an event too.

Real case files (the session-9 new user's Borealis folder), real dockets (SQLite and the test PostgreSQL), the real
CLI and the real calendar feed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.case.loader import load_case
from docgen.cli import main
from docgen.compliance.reports import expirations_report, load_cases
from docgen.mailroom.case_sync import sync_case_file, sync_case_folder
from docgen.mailroom.cases import CaseStore
from docgen.mailroom.deadlines import AC21_DAYS, from_case, to_ics
from docgen.mailroom.docket import DeadlineKind, DeadlineRecord, open_docket

from . import test_newuser_s9
from .conftest import NewDocket
from .test_newuser_s9 import DEVIKA, TODAY

cases = test_newuser_s9.cases  # the fixture: the Borealis folder, as the session-9 new user wrote it

EAD_DAY = dt.date(2026, 12, 20)  # Devika's EAD: in the family's H-1B case (BRX-002) and her own I-765 (BRX-010)


def _open(location: str) -> list[DeadlineRecord]:
    with open_docket(location, create=False) as docket:
        return docket.deadlines_due()


def _eads(rows: list[DeadlineRecord]) -> list[DeadlineRecord]:
    return [r for r in rows if r.kind is DeadlineKind.EAD_EXPIRES and "Devika" in r.description]


def _events(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]


def test_a_docket_written_before_keeps_each_of_devika_s_dates_once_after_the_next_sync(
    cases: Path, tmp_path: Path, new_docket: NewDocket
) -> None:
    location = new_docket(tmp_path)
    with open_docket(location, create=True) as docket, docket.transaction() as tx:
        for path in sorted(cases.glob("*.yaml")):  # as the docket was written before: every case file's every date
            case = load_case(path)
            tx.record_case_deadlines(case.case_id, from_case(case, path.name)[0])
    assert sorted(r.case_id for r in _eads(_open(location))) == ["BRX-002", "BRX-010"]
    before = tmp_path / "before.ics"
    assert main(["deadlines", "--docket", location, "--format", "ics", "-o", str(before)]) == 0

    with open_docket(location, create=False) as docket:
        synced = sync_case_folder(docket, cases)[1]
        closed = docket.deadlines_closed(since=dt.date(2026, 1, 1))
        feed = to_ics(docket.deadlines_due(), dt.datetime.now(dt.UTC), closed=closed)
    rows = _open(location)
    [ead] = _eads(rows)  # on her own case, as the reports list it, naming the family's case
    assert (ead.case_id, ead.person, ead.due) == ("BRX-010", "principal", EAD_DAY)
    assert "(also in case BRX-002)" in ead.description
    for kind in (DeadlineKind.PASSPORT_EXPIRES, DeadlineKind.I94_EXPIRES):
        devika = [r for r in rows if r.kind is kind and "Devika" in r.description]
        vikram = [r for r in rows if r.kind is kind and "Vikram" in r.description]
        assert len(devika) == 1 and len(vikram) == 1, (kind, devika, vikram)
    assert {(r.case_id, r.kind) for r in synced.superseded} >= {("BRX-002", DeadlineKind.EAD_EXPIRES)}
    assert all(r.superseded for r in synced.superseded)
    assert not any(r.case_id == "BRX-009" for r in rows)  # the withdrawn O-1: its dates alert no one

    # the calendar: the family case's EAD event (the UID it had) is cancelled as superseded, her own case's stays
    old_uid = next(
        line
        for event in _events(before.read_text(encoding="utf-8"))
        if "EAD expires - BRX-002" in event
        for line in event.splitlines()
        if line.startswith("UID:")
    )
    now = [e for e in _events(feed) if old_uid in e]
    assert now and all("STATUS:CANCELLED" in e and "SUMMARY:Superseded: EAD expires - BRX-002" in e for e in now)
    open_eads = [e for e in _events(feed) if "EAD expires" in e and "STATUS:CANCELLED" not in e]
    assert [e for e in open_eads if "Devika" in e] and all("BRX-010" in e for e in open_eads if "Devika" in e)

    with open_docket(location, create=False) as docket:  # a second sync changes nothing
        again = sync_case_folder(docket, cases)[1]
    assert not again.superseded and len(_eads(_open(location))) == 1


def test_a_date_done_by_hand_on_one_case_of_a_docket_written_before_is_done_for_the_person(
    cases: Path, tmp_path: Path, new_docket: NewDocket
) -> None:
    location = new_docket(tmp_path)
    with open_docket(location, create=True) as docket, docket.transaction() as tx:
        for path in sorted(cases.glob("*.yaml")):  # as the docket was written before: every case file's every date
            case = load_case(path)
            tx.record_case_deadlines(case.case_id, from_case(case, path.name)[0])
    [family] = [r for r in _eads(_open(location)) if r.case_id == "BRX-002"]
    with open_docket(location, create=False) as docket, docket.transaction() as tx:
        assert tx.mark_done(family.id) is not None  # 'mailroom done' on the family case's line; her own case's open
    assert [r.case_id for r in _eads(_open(location))] == ["BRX-010"]
    with open_docket(location, create=False) as docket:
        sync_case_folder(docket, cases)
    assert not _eads(_open(location))  # one EAD, closed once: closed for her
    with open_docket(location, create=False) as docket:
        closed = docket.deadlines_closed(since=dt.date(2026, 1, 1))
    done = {(r.case_id, r.superseded) for r in _eads(closed)}
    assert done == {("BRX-002", False), ("BRX-010", False)}  # both done, neither lost


def test_the_listing_agrees_with_the_report_and_done_once_closes_it_for_the_person(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "docket.sqlite")
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    report = expirations_report(load_cases(cases).cases, within=3650, today=TODAY)
    listed = {(r["case_id"], r["person"], r["expires"]) for r in report.rows if r["document"].startswith("EAD")}
    docket_rows = {(r.case_id, r.person, r.due) for r in _eads(_open(location))}
    assert docket_rows == {x for x in listed if x[2] == EAD_DAY} == {("BRX-010", "principal", EAD_DAY)}

    [ead] = _eads(_open(location))
    capsys.readouterr()
    assert main(["mailroom", "done", str(ead.id), "--docket", location]) == 0
    with open_docket(location, create=False) as docket:
        sync_case_folder(docket, cases)  # the next ingest: the person's EAD stays closed, on no case
    capsys.readouterr()
    args = ["deadlines", "--docket", location, "--format", "csv", "--today", TODAY.isoformat(), "--within", "3650"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Devika Rao: EAD expires" not in out, out
    assert main(["deadlines", "digest", "--docket", location, "--today", TODAY.isoformat()]) == 0
    assert "Devika Rao: EAD expires" not in capsys.readouterr().out


def test_a_save_that_takes_the_ead_off_her_own_case_lists_it_on_the_family_case(cases: Path, tmp_path: Path) -> None:
    location = str(tmp_path / "docket.sqlite")
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    own = cases / "BRX-010.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("status: approved", "status: withdrawn"), encoding="utf-8")
    with open_docket(location, create=False) as docket:
        synced = sync_case_file(docket, own)  # the workspace's save: the folder's other files follow
    [ead] = _eads(_open(location))
    assert (ead.case_id, ead.person, ead.due) == ("BRX-002", "spouse", EAD_DAY)
    assert "also in" not in ead.description  # a withdrawn case holds no date
    assert ("BRX-010", DeadlineKind.EAD_EXPIRES) in {(r.case_id, r.kind) for r in synced.superseded}


def test_a_save_after_an_outside_edit_and_a_folder_read_records_the_spouse_s_other_case(
    cases: Path, tmp_path: Path
) -> None:
    # The save compared the file with this process's last READ of it, not what the docket last RECORDED: her birth
    # date corrected in a text editor, the desk's case list read the folder, then a save on the page: her own case
    # no longer held "Devika Rao, 1989-08-12", so the family case, where her EAD now belongs, was not recorded again
    # and the EAD was on no case until the next full sync.
    location = str(tmp_path / "docket.sqlite")
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    assert [r.case_id for r in _eads(_open(location))] == ["BRX-010"]
    own = cases / "BRX-010.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("1989-08-12", "1989-08-21"), encoding="utf-8")
    CaseStore(cases)  # a folder read (the desk's case list): the edited file is this process's last reading
    with open_docket(location, create=False) as docket:
        sync_case_file(docket, own)  # the save on the case page
    eads = sorted((r.case_id, r.person) for r in _eads(_open(location)) if r.due == EAD_DAY)
    assert eads == [("BRX-002", "spouse"), ("BRX-010", "principal")]  # two people now: each her own EAD


def test_a_first_save_in_a_process_records_every_other_case_file(cases: Path, tmp_path: Path) -> None:
    # nothing recorded by this process yet (another program, here an ingest's sync, wrote the docket): what the
    # case held when recorded is not known, so every other file is recorded again
    location = str(tmp_path / "docket.sqlite")
    program = "import sys; from pathlib import Path; from docgen.mailroom.case_sync import sync_case_folder; "
    program += "from docgen.mailroom.docket import open_docket; d = open_docket(sys.argv[1], create=True)\n"
    program += "with d: sync_case_folder(d, Path(sys.argv[2]))"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-c", program, location, str(cases)], check=True, env=env, timeout=120)
    assert [r.case_id for r in _eads(_open(location))] == ["BRX-010"]
    own = cases / "BRX-010.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("1989-08-12", "1989-08-21"), encoding="utf-8")
    CaseStore(cases)
    with open_docket(location, create=False) as docket:
        sync_case_file(docket, own)
    eads = sorted((r.case_id, r.person) for r in _eads(_open(location)) if r.due == EAD_DAY)
    assert eads == [("BRX-002", "spouse"), ("BRX-010", "principal")]


def test_the_ac21_filing_day_is_on_the_docket_and_in_the_calendar(
    cases: Path, tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    location = new_docket(tmp_path)
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    report = expirations_report(load_cases(cases).cases, within=3650, today=TODAY)
    [limit] = [r["expires"] for r in report.rows if r["case_id"] == "BRX-003" and r["document"].startswith("H-1B six")]
    day = limit - dt.timedelta(days=AC21_DAYS)
    assert day == dt.date(2026, 5, 19)  # L-1B from 2021-04-20, 30 days out of status, H-1B since 2022-05-01
    [row] = [r for r in _open(location) if r.kind is DeadlineKind.AC21_FILING_DAY]
    assert (row.case_id, row.person, row.due) == ("BRX-003", "beneficiary", day)
    assert limit.isoformat() in row.description and "PERM" in row.description
    capsys.readouterr()
    assert main(["deadlines", "--docket", location, "--format", "ics"]) == 0
    [event] = [e for e in _events(capsys.readouterr().out) if "AC21" in e]
    assert "DTSTART;VALUE=DATE:20260519" in event and "BRX-003" in event
    assert main(["deadlines", "--docket", location, "--format", "csv", "--today", TODAY.isoformat()]) == 0
    overdue = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["case_id"] == "BRX-003"]
    assert any(r["kind"] == "AC21: file PERM or I-140 by" and int(r["days_left"]) < 0 for r in overdue)


def test_the_hris_export_s_employees_are_the_beneficiaries_of_the_employer_s_filings(
    cases: Path, tmp_path: Path
) -> None:
    """Devika's own I-765 (BRX-010) made her an "employee" in the HR import: only the employer's petition does."""
    from .conftest import SAMPLES

    out = tmp_path / "hris.csv"
    mapping = str(SAMPLES / "reports" / "workday-hris.yaml")  # people: employees
    args = ["report", "hris", "--cases", str(cases), "--mapping", mapping, "--format", "csv", "-o", str(out)]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert sorted((r["Legal_First_Name"], r["Immigration_Case_ID"]) for r in rows) == [
        ("Omar", "BRX-009"),  # the withdrawn O-1: the HR import still holds him (the case file says so)
        ("Tereza", "BRX-003"),
        ("Vikram", "BRX-002, BRX-006"),  # the H-1B petition and the EB-2 green card: the employer's both
    ]
    everyone = tmp_path / "everyone.yaml"
    everyone.write_text(
        "people: all\ncolumns: {Case: case_id, First: given_name, Relationship: relationship}\n", encoding="utf-8"
    )
    args[args.index(mapping)] = str(everyone)
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    devika = [(r["Case"], r["Relationship"]) for r in rows if r["First"] == "Devika"]
    assert devika == [("BRX-002, BRX-010", "spouse")]  # one person: the spouse of the employee, in both files
    assert {r["Relationship"] for r in rows if r["First"] in ("Vikram", "Tereza", "Omar")} == {"employee"}


def test_a_person_written_twice_in_one_case_file_has_each_date_once_on_the_docket_as_in_the_report(
    cases: Path, tmp_path: Path
) -> None:
    own = cases / "BRX-010.yaml"  # Devika's own case, where she is written again as a dependent (a pasted entry)
    again = "dependents:\n  - id: again\n    relationship: spouse\n" + DEVIKA.replace("  ", "    ")
    text = own.read_text(encoding="utf-8").replace("facts:", again + "facts:")
    own.write_text(text, encoding="utf-8")
    location = str(tmp_path / "docket.sqlite")
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    report = expirations_report(load_cases(cases).cases, within=3650, today=TODAY)
    listed = [(r["case_id"], r["person"], r["expires"]) for r in report.rows if r["document"].startswith("EAD")]
    docket_rows = [(r.case_id, r.person, r.due) for r in _eads(_open(location))]
    assert docket_rows == [x for x in listed if x[2] == EAD_DAY] == [("BRX-010", "principal", EAD_DAY)]
    [ead] = _eads(_open(location))
    assert ead.description.endswith("(also in case BRX-002)")  # not her own case again
