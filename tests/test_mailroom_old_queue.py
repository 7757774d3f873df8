"""Items queued for review by the docgen of session 10 before the docket kept ``waiting_for`` (the case and person a
notice waiting for its date to be confirmed belongs to): their date as read is listed all the same, "unconfirmed",
in ``docgen deadlines``, the digest and the case page, derived as the item is loaded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom.deadlines import TO_CONFIRM, WAITING_FOR, dates_due
from docgen.mailroom.docket import NewNotice, NoticeStatus, open_docket
from tests.test_mailroom_confirm_dates import CASE_ID, responses, waiting_rfe

from .conftest import NewDocket

OLD_REASON = "confirm the response date: read from a sentence; it is case {}'s, filed there once confirmed"


def _as_written_before(docket_path: Path | str, notice_id: int) -> None:
    """Rewrite a waiting notice as the docgen of session 10 kept it: its date to confirm, no ``waiting_for``."""
    with open_docket(docket_path) as docket:
        notice = docket.notice(notice_id)
        assert notice is not None and WAITING_FOR in notice.data
        data = {k: v for k, v in notice.data.items() if k != WAITING_FOR}
        kept = NewNotice(notice.identity, notice.source_hash, notice.source_pages, notice.status, data, "")
        with docket.transaction() as tx:
            tx.update_notice(notice_id, dataclasses.replace(kept, filed_path=str(notice.filed_path)))


def test_an_old_item_s_date_is_listed_unconfirmed_for_its_case_and_whose_the_receipt_s_filed_notice_is(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    location = new_docket(tmp_path)
    receipt = "IOE0923456790"
    read = {"receipt_number": receipt, "notice_type": "rfe", "form": "I-765", "notice_date": "2026-11-04"}
    with open_docket(location) as docket, docket.transaction() as tx:
        filed = NewNotice(f"{receipt}|receipt|2026-06-05", "aa" * 32, "1", NoticeStatus.FILED, read, "/c/r.pdf")
        tx.add_notice(dataclasses.replace(filed, case_id="NW-1", person="spouse", data={**read, "notice_type": "x"}))
        waiting = {**read, "response_due": "2027-01-29", TO_CONFIRM: {"response_due": "read from a sentence"}}
        rfe = NewNotice(f"{receipt}|rfe|2026-11-04", "bb" * 32, "1", NoticeStatus.REVIEW, waiting, "/review/a.pdf")
        item = tx.add_review(OLD_REASON.format("NW-1"), "/review/a.pdf", notice_id=tx.add_notice(rfe))
        stranger = {**waiting, "receipt_number": "EAC2690000001"}  # it matched no case when read: nobody's
        other = NewNotice("EAC2690000001|rfe|2026-11-04", "cc" * 32, "1", NoticeStatus.REVIEW, stranger, "/r/b.pdf")
        tx.add_review("confirm the response date: read from a sentence", "/r/b.pdf", notice_id=tx.add_notice(other))
    with open_docket(location) as docket:
        (row,) = [r for r in dates_due(docket) if r.review_id is not None]
    assert (row.case_id, row.person, row.due, row.review_id) == ("NW-1", "spouse", dt.date(2027, 1, 29), item)


def test_an_old_item_s_date_reaches_deadlines_the_digest_and_the_case_page_until_confirmed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, cases, docket_path, review_id = waiting_rfe(tmp_path)
    with open_docket(docket_path) as docket:
        (item,) = docket.reviews()
    assert item.notice_id is not None and item.reason.startswith(OLD_REASON.format(CASE_ID))
    _as_written_before(docket_path, item.notice_id)
    flag = f"unconfirmed (waiting in review #{review_id})"
    assert main(["deadlines", "--docket", str(docket_path), "--today", "2027-02-03"]) == 0
    (row,) = [line for line in capsys.readouterr().out.splitlines() if "2027-01-29" in line]
    assert f"[{flag.upper()}]" in row and CASE_ID in row and "RFE response due" in row
    assert main(["deadlines", "digest", "--docket", str(docket_path), "--today", "2027-02-03"]) == 0
    overdue = capsys.readouterr().out.split("Overdue (1)", 1)[1].split("Due within", 1)[0]
    assert "2027-01-29" in overdue and CASE_ID in overdue and f"[{flag}]" in overdue
    # confirmed as the clerk does it: filed to the case it was read for, one deadline, unflagged
    assert main(["mailroom", "resolve", str(review_id), "--docket", str(docket_path), "--cases", str(cases)]) == 0
    capsys.readouterr()
    assert responses(docket_path) == [(CASE_ID, "principal", "2027-01-29")]
    with open_docket(docket_path) as docket:
        assert [r for r in dates_due(docket) if r.review_id is not None] == []
