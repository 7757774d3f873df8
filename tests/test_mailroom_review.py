"""What the review desk added to the mailroom library: "not a notice", the acting user in the docket's audit,
corrections marked as a person's, identity numbers kept out of the audit, and field-level hints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main
from docgen.errors import UsageError
from docgen.mailroom.cases import HIDDEN, CaseStore
from docgen.mailroom.docket import ReviewStatus, acting_as, open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.review import parse_corrections, resolve

from .conftest import NewDocket
from .test_mailroom import setup_dirs


def _one_item(tmp_path: Path, new_docket: NewDocket | None = None) -> tuple[Path, Any, int]:
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf"], new_docket)
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    return cases, docket, item.id


def test_not_a_notice_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new_docket: NewDocket
) -> None:
    cases, docket, number = _one_item(tmp_path, new_docket)
    args = ["mailroom", "resolve", str(number), "--docket", str(docket), "--cases", str(cases)]
    assert main([*args, "--not-a-notice", "--case", "ACME-2026-0142"]) == 2
    assert "--not-a-notice closes the item; give it alone" in capsys.readouterr().err
    assert main([*args, "--not-a-notice"]) == 0
    assert f"review {number} closed: not a notice" in capsys.readouterr().out
    with open_docket(docket) as d:
        item = d.review(number)
        log = [a.action for a in d.audit_log()]
    assert item is not None and (item.status, item.resolution) == (ReviewStatus.RESOLVED, "not a notice")
    assert "review closed: not a notice" in log
    assert main([*args, "--not-a-notice"]) == 2  # closed already
    assert "is not open" in capsys.readouterr().err


def test_the_acting_user_is_the_docket_actor_only_inside_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_docket: NewDocket
) -> None:
    monkeypatch.setenv("DOCGEN_ACTOR", "terminal-user")
    cases, docket, number = _one_item(tmp_path, new_docket)
    with open_docket(docket) as d:
        with acting_as("clerk"):
            resolve(d, CaseStore(cases), number, corrections={"classification": "H-1B"})
        resolve(d, CaseStore(cases), number, dismiss="copy for another firm")
        actors = [(a.action, a.actor) for a in d.audit_log() if a.details.get("review") == number]
    assert actors == [("notice corrected", "clerk"), ("review dismissed", "terminal-user")]


def test_corrections_are_marked_and_identity_numbers_never_audited(tmp_path: Path) -> None:
    cases, docket, number = _one_item(tmp_path)
    with open_docket(docket) as d:
        resolve(d, CaseStore(cases), number, corrections={"a_number": "A024681357", "petitioner": "Borealis Inc"})
        resolve(d, CaseStore(cases), number, case_id="ACME-2026-0142", corrections={"classification": "H-1B"})
        notice = next(n for n in d.notices() if n.receipt_number == "EAC2690200777")
        log = d.audit_log()
    assert notice.data["corrected"] == ["a_number", "classification", "petitioner"]
    assert notice.data["confidence"]["petitioner"] > 0.99 and notice.data["source"]["petitioner"]  # as read
    corrected = next(a for a in log if a.action == "notice corrected")
    assert corrected.details["corrections"] == {"a_number": HIDDEN, "petitioner": "Borealis Inc"}
    assert "24681357" not in repr(log)


def test_a_refused_correction_names_its_field_and_the_fix() -> None:
    with pytest.raises(UsageError) as caught:
        parse_corrections(("notice_date=03/09/2026",))
    assert (caught.value.field, caught.value.fix) == ("notice_date", "write the date as YYYY-MM-DD")
    assert str(caught.value) == "--set notice_date='03/09/2026': write the date as YYYY-MM-DD"
