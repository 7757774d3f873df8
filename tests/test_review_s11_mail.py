"""Review of session 11's mailroom desk change (the notice's person, old queue items, "Choose the case" apart from
"Confirm ... and file", recent problems, letter dates): faults found, each with the test that shows it. Real
notices drawn as USCIS prints them (``tests/test_newuser_s10.py``), real dockets; fakes only to put two clerks'
acts in a chosen order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docgen.errors import UsageError
from docgen.mailroom import review as review_module
from docgen.mailroom.cases import CaseStore
from docgen.mailroom.docket import NoticeStatus, ReviewStatus, open_docket
from docgen.mailroom.review import resolve
from tests.test_mailroom_confirm_dates import CASE_ID, responses, waiting_rfe


@pytest.mark.parametrize("act", ["choose the case", "save corrections"])
def test_choosing_the_case_while_another_clerk_files_the_item_leaves_the_filed_notice_filed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, act: str
) -> None:
    # Clerk A presses "Choose the case" while clerk B, on the same item, presses "Confirm response due and file".
    # B's filing lands after A's request found the item open and before A's choice is written: A's choice used to
    # be written over the filed notice (status back to review, its filed path the deleted review copy), leaving a
    # filed notice nobody could see or unfile, its deadline on the docket and its review item closed. "Save
    # corrections" (a name corrected, the date left unconfirmed) had the same window.
    _, cases, docket_path, review_id = waiting_rfe(tmp_path)
    hook = "person_ref" if act == "choose the case" else "unread_response_day"
    real = getattr(review_module, hook)
    interleaved: list[str] = []

    def other_clerk_files_first(*args: Any) -> Any:
        if not interleaved:
            interleaved.append("B")
            with open_docket(docket_path) as docket_b:
                interleaved.append(resolve(docket_b, CaseStore(cases), review_id, confirm=True))
        return real(*args)

    monkeypatch.setattr(review_module, hook, other_clerk_files_first)
    mine: dict[str, Any] = (
        {"case_id": CASE_ID, "person": "spouse"}
        if act == "choose the case"
        else {"corrections": {"beneficiary": "SILVA, JOAO P"}}
    )
    with open_docket(docket_path) as docket, pytest.raises(UsageError, match="settled meanwhile"):
        resolve(docket, CaseStore(cases), review_id, confirm=False, **mine)
    assert interleaved[1].startswith(f"review {review_id}: filed to {CASE_ID}")
    with open_docket(docket_path) as docket:
        item = docket.review(review_id)
        assert item is not None and item.status is ReviewStatus.RESOLVED
        assert item.notice_id is not None
        notice = docket.notice(item.notice_id)
    assert notice is not None and notice.status is NoticeStatus.FILED and notice.case_id == CASE_ID
    assert notice.filed_path is not None and Path(notice.filed_path).is_file()
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-29")]


def _rfe_for_the_spouse(c: Any) -> None:
    """An I-797E Request for Evidence on the spouse's I-539 (her own receipt), due 02/02/2027, read from a
    sentence (so it waits for the date to be confirmed)."""
    from tests.test_newuser_s10 import _notice, _rows

    rows = _rows("WAC2690311007", "10/01/2026", "11/06/2026", "SILVA, MARTA")
    rows[1] = ("Case Type", "I539 - APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS")
    lines = (
        "We need more information before we can make a decision on your case. The evidence requested below",
        "must be received in this office by 02/02/2027. Return this notice on top of your response.",
        "1. Submit evidence of the principal's status.",
    )
    _notice(c, "I-797E", "Request for Evidence", rows, lines)


def test_an_old_queue_item_of_the_spouse_is_never_listed_as_the_beneficiary_s_date(tmp_path: Path) -> None:
    from docgen.mailroom.deadlines import dates_due
    from docgen.mailroom.ingest import ingest_inbox
    from tests.test_mailroom_old_queue import _as_written_before
    from tests.test_newuser_s10 import notices_pdf, workspace

    inbox, cases, docket_path = workspace(tmp_path)
    notices_pdf(inbox / "scan-0007.pdf", _rfe_for_the_spouse)
    report = ingest_inbox(inbox, docket_path, cases)
    assert not report.filed and len(report.review) == 1, report
    with open_docket(docket_path) as docket:
        (item,) = docket.reviews()
        assert item.notice_id is not None
        notice = docket.notice(item.notice_id)
    assert notice is not None and notice.data["waiting_for"] == [CASE_ID, "spouse"]  # as the ingest matched it
    _as_written_before(docket_path, item.notice_id)  # as the docgen of session 10 kept it
    with open_docket(docket_path) as docket:
        (row,) = [r for r in dates_due(docket) if r.review_id == item.id]
    assert row.case_id == CASE_ID and row.person in ("spouse", "")  # whose it is, or nobody's: never someone else's
