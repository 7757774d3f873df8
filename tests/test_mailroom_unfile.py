"""Undoing a filing (``docgen mailroom unfile``): a notice filed to the wrong case goes back to review, and what
its filing did is undone. Real notices (drawn by samples/notices/generate.py), real case files, real dockets
(SQLite and PostgreSQL), the command line as a user types it."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom import deadlines as dl
from docgen.mailroom.docket import DeadlineKind, NoticeStatus, ReviewStatus, open_docket
from docgen.mailroom.ingest import ingest_inbox
from samples.notices import generate as generator

from .conftest import SAMPLES, NewDocket

ACME = "ACME-2026-0142"
OKAFOR_FILE = "h1b-okafor.yaml"
RECEIPT = "EAC2690200555"
FILED = f"2026-08-20_I-129_approval_{RECEIPT}.pdf"

LINDGREN_CASE = """\
# Fictional: the case the Borealis notice belongs to, made once the mistake was found.
case_id: BOREALIS-2026-0009
petitioner:
  name: Borealis Robotics LLC
  address: {street: 400 Harbor Drive, city: Portland, state: ME, zip_code: "04101", country: United States}
beneficiary:
  id: principal
  family_name: Lindgren
  given_name: Astrid
  middle_name: Maria
  birth_date: 1990-05-17
  citizenship: [Sweden]
facts:
  form: I-129
  classification: H-1B
  status: filed
"""


def room(tmp_path: Path, docket: str, valid_to: str = "2029-09-30", **extra: str) -> tuple[Path, Path, list[str]]:
    """The sample cases, and a Borealis approval (a name and petitioner no case has) waiting for review."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    spec = generator.Spec(
        name="approval-lindgren",
        notice_type="approval",
        layout="grid",
        form="I-129",
        receipt_number=RECEIPT,
        received_date="2026-06-02",
        notice_date="2026-08-20",
        petitioner="BOREALIS ROBOTICS LLC",
        beneficiary="LINDGREN, ASTRID MARIA",
        classification="H1B",
        valid_from="2026-10-01",
        valid_to=valid_to,
        addressee=["BOREALIS ROBOTICS LLC", "400 HARBOR DRIVE", "PORTLAND ME 04101"],
        **extra,  # type: ignore[arg-type]
    )
    (inbox / "approval-lindgren.pdf").write_bytes(generator.notices_pdf([spec]))
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.review) == 1 and not report.filed, report
    return inbox, cases, ["--docket", docket, "--cases", str(cases)]


def filed_wrongly(tmp_path: Path, docket: str, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, list[str], int]:
    """The clerk files the Borealis approval to the Okafor case (for its principal): the wrong case."""
    inbox, cases, where = room(tmp_path, docket)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    assert main(["mailroom", "resolve", str(item.id), *where, "--case", ACME, "--for", "principal"]) == 0
    assert "learned name 'LINDGREN, ASTRID MARIA'" in capsys.readouterr().out
    with open_docket(docket) as d:
        (notice,) = [n for n in d.notices(ACME) if n.receipt_number == RECEIPT]
        assert {r.kind for r in d.deadlines_due() if r.notice_id == notice.id} == {
            DeadlineKind.STATUS_VALID_UNTIL,
            DeadlineKind.EXTENSION_WINDOW,
        }
        assert len(d.aliases()) == 3
    return inbox, cases, where, notice.id


def test_unfile_puts_everything_back_and_the_notice_is_filed_to_the_right_case(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docket = new_docket(tmp_path)
    original = (SAMPLES / "cases" / OKAFOR_FILE).read_text(encoding="utf-8")
    _, cases, where, notice_id = filed_wrongly(tmp_path, docket, capsys)
    changed = (cases / OKAFOR_FILE).read_text(encoding="utf-8")
    assert RECEIPT in changed and "approved_to: 2029-09-30" in changed and "status: approved" in changed
    assert main(["mailroom", "notices", "--docket", docket, "--case", ACME]) == 0
    listed = capsys.readouterr().out
    assert f"{notice_id:>5}  filed" in listed and FILED in listed

    monkeypatch.setenv("DOCGEN_ACTOR", "ines")
    assert main(["mailroom", "unfile", str(notice_id), *where]) == 0, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert out.startswith(f"notice {notice_id} unfiled from {ACME}: back to review as item ") and err == ""
    # the case file is as it was, comments and layout included; the copy left the case folder for review
    assert (cases / OKAFOR_FILE).read_text(encoding="utf-8") == original
    assert not (cases / ACME / "notices" / FILED).exists()
    with open_docket(docket) as d:
        notice = d.notice(notice_id)
        (item,) = d.reviews()
        open_rows = [r for r in d.deadlines_due() if r.case_id == ACME]
        closed = d.deadlines_closed(since=dt.date(2020, 1, 1))
        log = [e for e in d.audit_log(ACME) if e.action == "notice unfiled"]
        assert d.aliases() == []  # what the wrong filing taught is forgotten
        assert d.case_for_receipt(RECEIPT) is None
    assert notice is not None and notice.status is NoticeStatus.REVIEW and notice.case_id is None
    assert item.notice_id == notice_id and item.reason == f"unfiled from {ACME}: filed to the wrong case"
    review_copy = Path(str(item.path))
    assert review_copy.parent.name == "unfiled" and review_copy.is_file() and notice.filed_path == str(review_copy)
    assert oct(review_copy.stat().st_mode & 0o777) == "0o600"
    assert not [r for r in open_rows if r.notice_id == notice_id]
    assert not [r for r in open_rows if r.kind is DeadlineKind.STATUS_VALID_UNTIL]  # nor the case file's copy
    withdrawn = [r for r in closed if r.notice_id == notice_id]
    assert len(withdrawn) == 2 and all(r.withdrawn and r.done for r in withdrawn)
    calendar = dl.to_ics([], dt.datetime(2026, 12, 2, tzinfo=dt.UTC), closed=withdrawn)
    assert calendar.count("STATUS:CANCELLED") == 2 and f"SUMMARY:Withdrawn: Status valid until - {ACME}" in calendar
    (entry,) = log
    assert entry.actor == "ines" and entry.details["notice"] == notice_id
    assert {c["path"] for c in entry.details["restored"]} == {
        "facts.receipt_numbers",
        "facts.status",
        "facts.approved_from",
        "facts.approved_to",
    }
    assert entry.details["check"] == [] and len(entry.details["aliases_removed"]) == 3

    # the right case is made, and the notice waiting in review files itself there
    (cases / "borealis-lindgren.yaml").write_text(LINDGREN_CASE, encoding="utf-8")
    assert main(["mailroom", "resolve", str(item.id), *where]) == 0, capsys.readouterr().err
    assert "filed to BOREALIS-2026-0009" in capsys.readouterr().out
    assert (cases / "BOREALIS-2026-0009" / "notices" / FILED).is_file() and not review_copy.exists()
    with open_docket(docket) as d:
        assert {r.kind for r in d.deadlines_due() if r.notice_id == notice_id and r.case_id == "BOREALIS-2026-0009"}
    assert RECEIPT in (cases / "borealis-lindgren.yaml").read_text(encoding="utf-8")
    assert RECEIPT not in (cases / OKAFOR_FILE).read_text(encoding="utf-8")


def test_what_changed_since_the_filing_is_left_and_named_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docket = str(tmp_path / "docket.sqlite")
    _, cases, where, notice_id = filed_wrongly(tmp_path, docket, capsys)
    path = cases / OKAFOR_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("status: approved", "status: rfe received"), "utf-8")
    assert main(["mailroom", "unfile", str(notice_id), *where, "--reason", "Lindgren is not our client"]) == 0
    out, err = capsys.readouterr()
    assert "put back facts.approved_to, facts.approved_from, facts.receipt_numbers" in out
    assert err.strip() == (
        "check: facts.status is now 'rfe received' (the notice wrote 'approved', it was 'preparing' before)"
    )
    text = path.read_text(encoding="utf-8")
    assert "status: rfe received" in text and RECEIPT not in text and "approved_to" not in text
    with open_docket(docket) as d:
        (item,) = d.reviews()
    assert item.reason.endswith(": Lindgren is not our client")
    # unfiled once: a second unfile is refused, and so is an id no notice has
    assert main(["mailroom", "unfile", str(notice_id), *where]) == 2
    assert f"notice {notice_id} is not filed to a case" in capsys.readouterr().err
    assert main(["mailroom", "unfile", "999", *where]) == 2
    assert "no notice 999 in the docket" in capsys.readouterr().err


@pytest.mark.parametrize("point", ["unfile-intent-recorded", "unfile-case-written"])
def test_an_unfile_killed_half_way_is_completed_by_the_next_ingest_once(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str], point: str
) -> None:
    docket = new_docket(tmp_path)
    original = (SAMPLES / "cases" / OKAFOR_FILE).read_text(encoding="utf-8")
    inbox, cases, where, notice_id = filed_wrongly(tmp_path, docket, capsys)
    env = {**os.environ, "DOCGEN_KILL_AT": point, "PYTHONPATH": str(SAMPLES.parent)}
    killed = subprocess.run(
        [sys.executable, "-m", "docgen.cli", "mailroom", "unfile", str(notice_id), *where],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr
    with open_docket(docket) as d:
        assert len(d.intents()) == 1 and d.notice(notice_id).status is NoticeStatus.FILED  # type: ignore[union-attr]
    ingest_inbox(inbox, docket, cases)  # the next run completes what the killed one left
    assert (cases / OKAFOR_FILE).read_text(encoding="utf-8") == original
    assert not (cases / ACME / "notices" / FILED).exists()
    with open_docket(docket) as d:
        assert d.intents() == [] and d.aliases() == []
        (item,) = d.reviews(ReviewStatus.OPEN)
        assert Path(str(item.path)).is_file() and item.notice_id == notice_id
        (entry,) = [e for e in d.audit_log(ACME) if e.action == "notice unfiled"]
        assert len(entry.details["restored"]) == 4
        assert not [r for r in d.deadlines_due() if r.notice_id == notice_id]


def test_unfiling_an_approval_opens_again_the_validity_of_the_approval_it_had_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The Okafor approval (valid to 2029-09-30) is filed; the Borealis approval, valid longer, filed to the Okafor
    # case by mistake, closed its validity and extension-window deadlines as those of "the earlier approval".
    docket = str(tmp_path / "docket.sqlite")
    inbox, cases, where = room(tmp_path, docket, valid_to="2030-06-30")
    shutil.copy(SAMPLES / "notices" / "text" / "approval-i797a.pdf", inbox)
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    with open_docket(docket) as d:
        (okafor,) = [n for n in d.notices(ACME) if n.notice_type == "approval"]
        (item,) = d.reviews()
    own = {DeadlineKind.STATUS_VALID_UNTIL, DeadlineKind.EXTENSION_WINDOW, DeadlineKind.I94_EXPIRES}

    def open_kinds() -> set[DeadlineKind]:
        with open_docket(docket) as d:
            return {r.kind for r in d.deadlines_due() if r.notice_id == okafor.id}

    assert open_kinds() == own
    assert main(["mailroom", "resolve", str(item.id), *where, "--case", ACME, "--for", "principal"]) == 0
    assert open_kinds() == set()  # closed as the earlier approval's
    with open_docket(docket) as d:
        (wrong,) = [n for n in d.notices(ACME) if n.receipt_number == RECEIPT]
    assert main(["mailroom", "unfile", str(wrong.id), *where]) == 0, capsys.readouterr().err
    assert open_kinds() == own
    with open_docket(docket) as d:
        (entry,) = [e for e in d.audit_log(ACME) if e.action == "notice unfiled"]
    assert len(entry.details["deadlines_reopened"]) == 3


def test_an_i797a_unfiled_gives_the_case_its_own_i94_number_back_never_shown_in_the_audit_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A stranger's I-797A filed to the Okafor case wrote the stranger's I-94 number over Chidera Okafor's.
    docket = str(tmp_path / "docket.sqlite")
    original = (SAMPLES / "cases" / OKAFOR_FILE).read_text(encoding="utf-8")
    own_number = "41234567890"  # the sample's I-94 number for Chidera Okafor
    assert f'number: "{own_number}"' in original
    _, cases, where = room(tmp_path, docket, valid_to="2030-06-30", i94_number="98765432109")
    with open_docket(docket) as d:
        (item,) = d.reviews()
    assert main(["mailroom", "resolve", str(item.id), *where, "--case", ACME, "--for", "principal"]) == 0
    assert "98765432109" in (cases / OKAFOR_FILE).read_text(encoding="utf-8")
    with open_docket(docket) as d:
        (notice,) = [n for n in d.notices(ACME) if n.receipt_number == RECEIPT]
    capsys.readouterr()
    assert main(["mailroom", "unfile", str(notice.id), *where]) == 0
    out, err = capsys.readouterr()
    assert "principal.i94.number" in out and err == ""
    assert (cases / OKAFOR_FILE).read_text(encoding="utf-8") == original
    with open_docket(docket) as d:
        logged = json.dumps([e.details for e in d.audit_log()])
        back = d.notice(notice.id)
    assert "98765432109" not in logged and own_number not in logged
    assert back is not None and "replaced" not in back.data  # that filing's: a new filing keeps its own
