"""A workspace save records the saved case and the case files sharing a person with it (as it is, and as this
process read it before the save), not the whole folder; the folder's files are parsed again only when their text
changed. A person in two case files is still listed once.

Real case files (the session-9 new user's Borealis folder), a real SQLite docket, the library's one sync path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docgen.mailroom import cases as cases_module
from docgen.mailroom.case_sync import sync_case_file, sync_case_folder
from docgen.mailroom.cases import CaseStore, read_case_file
from docgen.mailroom.docket import DeadlineKind, DeadlineRecord, open_docket

from . import test_newuser_s9
from .test_person_docket_s9 import EAD_DAY

cases = test_newuser_s9.cases  # the fixture: the Borealis folder, as the session-9 new user wrote it


def _eads(location: str) -> list[tuple[str, str]]:
    with open_docket(location, create=False) as docket:
        rows: list[DeadlineRecord] = docket.deadlines_due()
    return sorted((r.case_id, r.person) for r in rows if r.kind is DeadlineKind.EAD_EXPIRES and r.due == EAD_DAY)


def _rename_devika_in_her_own_case(cases: Path) -> Path:
    own = cases / "BRX-010.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("Devika", "Devi"), encoding="utf-8")
    return own


@pytest.mark.parametrize("read_before", [True, False], ids=["read-before", "never-read"])
def test_a_save_that_renames_the_person_gives_the_family_case_her_ead_again(
    cases: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_before: bool
) -> None:
    location = str(tmp_path / "docket.sqlite")
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    assert _eads(location) == [("BRX-010", "principal")]  # one person: on her own case
    if not read_before:  # a process that never read the file: every case file is recorded again
        monkeypatch.setattr("docgen.mailroom.case_sync.last_read", lambda path: None)
    own = _rename_devika_in_her_own_case(cases)  # no longer the same person as the family case's spouse
    with open_docket(location, create=False) as docket:
        sync_case_file(docket, own)
    # the family case shares no person with the file as saved: only the name it had tells that it must follow
    assert _eads(location) == [("BRX-002", "spouse"), ("BRX-010", "principal")]


def test_a_save_records_only_the_case_files_sharing_a_person(cases: Path, tmp_path: Path) -> None:
    location = str(tmp_path / "docket.sqlite")
    with open_docket(location, create=True) as docket:
        sync_case_folder(docket, cases)
    novak = cases / "BRX-003.yaml"  # shares no one with the Raos: a save of a Rao case leaves its dates alone
    novak.write_text(novak.read_text(encoding="utf-8").replace("2027-09-30}\n", "2027-10-30}\n", 1), "utf-8")
    own = cases / "BRX-010.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace("status: approved", "status: withdrawn"), "utf-8")
    with open_docket(location, create=False) as docket:
        synced = sync_case_file(docket, own)
    assert _eads(location) == [("BRX-002", "spouse")]  # the family case, sharing her, followed the save
    assert {r.case_id for r in synced.superseded} == {"BRX-010"}  # Novak's changed I-94 waits for the next ingest
    with open_docket(location, create=False) as docket:
        synced = sync_case_folder(docket, cases)[1]
    assert {r.case_id for r in synced.superseded} == {"BRX-003"}


def test_the_folder_is_parsed_again_only_where_a_file_s_text_changed(
    cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = cases_module.case_from_text

    def counted(text: str, path: Path) -> object:
        parsed.append(path.name)
        return real(text, path)

    monkeypatch.setattr(cases_module, "case_from_text", counted)
    CaseStore(cases)
    assert sorted(parsed) == sorted(p.name for p in cases.glob("*.yaml"))
    parsed.clear()
    CaseStore(cases)
    assert parsed == []
    own = cases / "BRX-010.yaml"
    stat = own.stat()
    text = own.read_text(encoding="utf-8")
    changed = text.replace("1989-08-12", "1991-01-01")  # the same size, written in place at the same instant
    own.write_text(changed, encoding="utf-8")
    os.utime(own, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert own.stat().st_size == stat.st_size and own.stat().st_mtime_ns == stat.st_mtime_ns
    store = CaseStore(cases)
    assert parsed == ["BRX-010.yaml"]
    assert str(store.entries["BRX-010"].case.beneficiary.birth_date) == "1991-01-01"
    assert read_case_file(own) is store.entries["BRX-010"].case  # kept: not parsed again
