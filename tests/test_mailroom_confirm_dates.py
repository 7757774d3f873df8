"""A deadline's day the notice reader is unsure of is confirmed by a person before it is the deadline.

Every RFE of the session-10 trial had its response date read from the sentence "must be received in this office
by ..." (calibrated 0.9, below the 0.99 filing threshold) and was filed at once, the date the docket's deadline
with nobody confirming it. Now such a notice waits for review with the date as read, and ``mailroom resolve N``
(or the desk's "Confirm ... and file") files it with that date, or ``--set response_due=DATE`` with another. The
notices are the trial's own fictional ones (``tests/test_newuser_s10.py`` draws them with reportlab).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from docgen.cli import main
from docgen.mailroom.docket import DeadlineKind, NoticeStatus, ReviewStatus, open_docket
from docgen.mailroom.ingest import DAY_NAMES, confirm_reason, ingest_inbox, unsure_days
from docgen.notices.model import INLINE_LABEL, LABELLED, POSITION, SENTENCE, Notice, Reading
from tests.test_newuser_s10 import _notice, _rows, notices_pdf, rfe, workspace

ROOT = Path(__file__).resolve().parents[1]
CASE_ID = "NWF-2026-006"


def rfe_boxed(c: canvas.Canvas) -> None:
    """The RFE with its response date in a labelled "Response Due" box (no sentence): a reading the reader trusts."""
    rows = _rows("WAC2690311006", "10/01/2026", "11/04/2026", "SILVA, JOAO PEDRO")
    rows[3] = ("Response Due", "01/29/2027")
    lines = ("We need more information before we can make a decision on your case.", "1. Submit evidence.")
    _notice(c, "I-797E", "Request for Evidence", rows, lines)


def responses(docket_path: Path) -> list[tuple[str, str, str]]:
    """The RFE response deadlines on the docket: (case, person, day)."""
    with open_docket(docket_path) as docket:
        return [
            (d.case_id, d.person, d.due.isoformat())
            for d in docket.deadlines_due()
            if d.kind is DeadlineKind.RFE_RESPONSE
        ]


def waiting_rfe(tmp_path: Path) -> tuple[Path, Path, Path, int]:
    """The trial's RFE ingested: (inbox, cases, docket, the id of its review item)."""
    inbox, cases, docket_path = workspace(tmp_path)
    notices_pdf(inbox / "scan-0005.pdf", rfe)
    report = ingest_inbox(inbox, docket_path, cases)
    assert not report.filed and len(report.review) == 1, report
    with open_docket(docket_path) as docket:
        (item,) = docket.reviews()
    return inbox, cases, docket_path, item.id


def test_an_unsure_response_date_waits_pre_filled_and_resolve_confirms_it_as_the_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cases, docket_path, review_id = waiting_rfe(tmp_path)
    with open_docket(docket_path) as docket:
        item = docket.review(review_id)
        assert item is not None and item.notice_id is not None
        notice = docket.notice(item.notice_id)
    assert item.reason.startswith(f"confirm the response date: read from a sentence; it is case {CASE_ID}'s")
    assert notice is not None and notice.data["response_due"] == "2027-01-29"  # kept as read, for the person
    assert notice.data["to_confirm"] == {"response_due": "read from a sentence"}
    assert responses(docket_path) == []  # no deadline on the reader's word alone
    beside = Path(str(item.path)).with_suffix(".reason.txt").read_text(encoding="utf-8")
    assert "response_due: read '2027-01-29' (read from a sentence); confirm or correct it" in beside
    # the clerk's list says the date as read and the one command that confirms it
    assert main(["mailroom", "review", "--docket", str(docket_path)]) == 0
    listed = capsys.readouterr().out
    assert "confirm the response date: read from a sentence" in listed
    assert (
        f"the response date as read: 2027-01-29 (read from a sentence); confirm it with 'docgen mailroom resolve "
        f"{review_id}', or correct it with --set response_due=..." in listed
    )
    args = ["mailroom", "resolve", str(review_id), "--docket", str(docket_path), "--cases", str(cases)]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert f"filed to {CASE_ID} as " in said
    assert "confirmed: the response date 2027-01-29, as read; now on the docket" in said
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-29")]  # the beneficiary, as filed at once was
    with open_docket(docket_path) as docket:
        (filed,) = docket.notices(CASE_ID)
        assert filed.status is NoticeStatus.FILED and Path(str(filed.filed_path)).is_file()
        assert filed.data["confirmed"] == ["response_due"] and "to_confirm" not in filed.data
        assert "corrected" not in filed.data
        (entry,) = [a for a in docket.audit_log(CASE_ID) if a.action == "review resolved: notice filed"]
        assert entry.details["confirmed"] == ["response_due"] and entry.actor
        assert docket.review(review_id).status is ReviewStatus.RESOLVED  # type: ignore[union-attr]


def test_resolve_set_changes_an_unsure_response_date_before_it_is_the_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cases, docket_path, review_id = waiting_rfe(tmp_path)
    args = ["mailroom", "resolve", str(review_id), "--docket", str(docket_path), "--cases", str(cases)]
    assert main([*args, "--set", "response_due=01/30/2027"]) == 0
    assert "corrected: the response date 2027-01-30, as typed; now on the docket" in capsys.readouterr().out
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-30")]
    with open_docket(docket_path) as docket:
        (filed,) = docket.notices(CASE_ID)
    assert filed.data["corrected"] == ["response_due"] and "confirmed" not in filed.data


def test_a_response_date_read_from_its_labelled_box_is_still_filed_at_once(tmp_path: Path) -> None:
    inbox, cases, docket_path = workspace(tmp_path)
    notices_pdf(inbox / "scan-0007.pdf", rfe_boxed)
    report = ingest_inbox(inbox, docket_path, cases)
    assert len(report.filed) == 1 and not report.review, report
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-29")]
    with open_docket(docket_path) as docket:
        (filed,) = docket.notices(CASE_ID)
    assert "to_confirm" not in filed.data and "confirmed" not in filed.data


def test_a_rescan_of_a_waiting_or_confirmed_rfe_is_a_duplicate_not_a_second_item_or_deadline(
    tmp_path: Path,
) -> None:
    inbox, cases, docket_path, review_id = waiting_rfe(tmp_path)
    again = notices_pdf(inbox / "scan-0006.pdf", rfe)
    again.write_bytes(again.read_bytes() + b"%another scan of the same paper\n")  # other bytes, same notice
    report = ingest_inbox(inbox, docket_path, cases)
    assert report.duplicate_notices == 1 and not report.review and not report.filed, report
    assert main(["mailroom", "resolve", str(review_id), "--docket", str(docket_path), "--cases", str(cases)]) == 0
    third = notices_pdf(inbox / "scan-0008.pdf", rfe)
    third.write_bytes(third.read_bytes() + b"%a third scan\n")
    report = ingest_inbox(inbox, docket_path, cases)
    assert report.duplicate_notices == 1 and not report.review and not report.filed, report
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-29")]
    with open_docket(docket_path) as docket:
        assert not docket.reviews() and [r.id for r in docket.reviews(ReviewStatus.RESOLVED)] == [review_id]
        assert len(docket.notices()) == 1


def test_a_confirmation_killed_mid_filing_is_completed_by_the_next_ingest_once(tmp_path: Path) -> None:
    inbox, cases, docket_path, review_id = waiting_rfe(tmp_path)
    command = [sys.executable, "-m", "docgen.cli", "mailroom", "resolve", str(review_id)]
    command += ["--docket", str(docket_path), "--cases", str(cases)]
    env = os.environ | {"DOCGEN_KILL_AT": "case-written", "PYTHONPATH": str(ROOT)}
    killed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()
    assert responses(docket_path) == []  # killed before the docket recorded it
    report = ingest_inbox(inbox, docket_path, cases)  # the next run completes what the killed one began
    assert not report.problems, report
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-29")]
    with open_docket(docket_path) as docket:
        assert docket.intents() == []
        (filed,) = docket.notices(CASE_ID)
        assert filed.data["confirmed"] == ["response_due"]
        done = [a for a in docket.audit_log(CASE_ID) if a.action == "review resolved: notice filed"]
        assert len(done) == 1 and done[0].details["confirmed"] == ["response_due"]


@pytest.mark.parametrize(
    ("kind", "day", "value", "evidence", "raw", "wanted"),
    [
        ("noid", "response_due", "2027-02-01", SENTENCE, 0.95, "read from a sentence"),  # a NOID (and NOIR) too
        ("approval", "valid_to", "2029-09-30", SENTENCE, 0.95, "read from a sentence"),  # the extension's deadline
        ("biometrics", "appointment", {"date": "2026-12-15"}, POSITION, 0.95, "read by its place on the page"),
        ("rfe", "response_due", "2027-01-29", LABELLED, 0.6, "the reader is "),  # labelled, but a weak reading
        ("rfe", "response_due", "2027-01-29", LABELLED, 0.99, None),  # trusted: filed at once
        ("approval", "valid_to", "2029-09-30", INLINE_LABEL, 0.99, None),  # "Valid from ... to ...": trusted
        ("receipt", "valid_to", "2029-09-30", SENTENCE, 0.95, None),  # sets no deadline on a receipt
    ],
)
def test_every_day_that_becomes_a_deadline_waits_when_read_below_the_threshold(
    kind: str, day: str, value: object, evidence: str, raw: float, wanted: str | None
) -> None:
    notice = Notice(
        pages=[1],
        readings={
            "notice_type": Reading(kind, 0.99, "Notice Type", LABELLED),
            day: Reading(value, raw, "as printed", evidence),
        },
    )
    days = unsure_days(notice)
    if wanted is None:
        assert days == {}
    else:
        assert list(days) == [day] and days[day].startswith(wanted)
        assert confirm_reason(days).startswith(f"confirm {DAY_NAMES[day]}: {wanted}")


def test_a_date_waiting_in_review_is_listed_by_deadlines_and_the_digest_unconfirmed_and_overdue_once_past(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # While the RFE waited for its date to be confirmed, 'docgen deadlines' and the digest showed nothing of it,
    # and once the date passed in the queue nobody was told again (only the ingest that read it said so).
    _, cases, docket_path, review_id = waiting_rfe(tmp_path)
    flag = f"unconfirmed (waiting in review #{review_id})"
    base = ["deadlines", "--docket", str(docket_path)]
    assert main([*base, "--today", "2027-02-03"]) == 0
    (row,) = [line for line in capsys.readouterr().out.splitlines() if "2027-01-29" in line]
    assert f"[{flag.upper()}]" in row and " -5 " in row and CASE_ID in row and "RFE response due" in row
    assert main([*base, "--format", "csv", "--today", "2027-01-20"]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "2027-01-29" in line]
    assert line.startswith("2027-01-29,9,") and flag in line
    assert main(["deadlines", "digest", "--docket", str(docket_path), "--today", "2027-02-03"]) == 0
    digest = capsys.readouterr().out
    overdue = digest.split("Overdue (1)", 1)[1].split("Due within", 1)[0]
    assert "2027-01-29 (5 day(s) ago)" in overdue and CASE_ID in overdue and f"[{flag}]" in overdue
    assert main(["deadlines", "digest", "--docket", str(docket_path), "--format", "html", "--today", "2027-02-03"]) == 0
    assert flag in capsys.readouterr().out
    # a calendar holds only what is on the docket
    assert main([*base, "--format", "ics"]) == 0
    assert "20270129" not in capsys.readouterr().out
    # confirmed, it is the docket's deadline, listed once, unflagged
    assert main(["mailroom", "resolve", str(review_id), "--docket", str(docket_path), "--cases", str(cases)]) == 0
    capsys.readouterr()
    assert main([*base, "--today", "2027-02-03"]) == 0
    (row,) = [line for line in capsys.readouterr().out.splitlines() if "2027-01-29" in line]
    assert "UNCONFIRMED" not in row
