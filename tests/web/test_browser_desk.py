"""The mailroom review desk in a real browser (Debian's chromium, headless, driven by Playwright) against
``docgen serve`` on a docket that ``docgen mailroom ingest`` filled from the sample notices; the browser, page and
login fixtures are those of ``test_browser.py``."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.mailroom.docket import ReviewStatus, open_docket
from tests.web import test_browser as shared
from tests.web.desk_inbox import NOT_A_NOTICE, OTHER, UNDATED, UNMATCHED, fill_inbox, recorded_confidence
from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import CHROMIUM, _docgen, _pdf_text, login, opened

ROOT = Path(__file__).resolve().parents[2]

browser = shared.browser  # the same chromium and page fixtures as the other browser tests
page = shared.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, browser_users: Path) -> Iterator[dict[str, Any]]:
    """``docgen serve`` on a copy of the sample cases and a docket with four review items, one user per role."""
    root = tmp_path_factory.mktemp("desk")
    shutil.copytree(ROOT / "samples" / "cases", root / "cases")
    fill_inbox(root / "inbox")
    env = server_env()
    docket, data = root / "docket.sqlite", root / "data"
    ingest = ["mailroom", "ingest", str(root / "inbox"), "--docket", str(docket), "--cases", str(root / "cases")]
    assert "4 to review" in _docgen(ingest, env).stdout
    copy_users(browser_users, data)
    with served(data, root / "cases", env, "--docket", str(docket)) as url:
        yield {"url": url, "root": root, "docket": docket, "data": data}


def _open(page: Any, desk: dict[str, Any], name: str) -> None:
    """From the queue, open the item whose review copy came from inbox file ``name``."""
    page.goto(desk["url"] + "/mailroom/")
    page.click(f"#review-queue tr:has-text('{name.removesuffix('.pdf')}') td:nth-child(2) a")
    image = opened(page, ".desk-pages img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image)


def _item(desk: dict[str, Any], name: str) -> Any:
    with open_docket(desk["docket"]) as docket:
        return next(
            r
            for r in docket.reviews(ReviewStatus.OPEN) + docket.reviews(ReviewStatus.RESOLVED)
            if name.removesuffix(".pdf") in str(r.path)
        )


def test_mailroom_user_corrects_a_notice_and_files_it_to_a_case(page: Any, desk: dict[str, Any]) -> None:
    login(page, desk, "mailroom1")
    page.click("nav >> text=Mailroom")
    opened(page, "#review-queue")
    assert page.locator("#review-queue tbody tr").count() >= 3
    item = _item(desk, UNMATCHED)
    _open(page, desk, UNMATCHED)
    assert page.input_value("#f-receipt_number") == "EAC2690200777"
    assert page.inner_text("#row-petitioner .source") == "BOREALIS ROBOTICS LLC"  # the text it was read from
    assert page.inner_text("#row-notice_date .source") == "Apr 14, 2026"

    page.fill("#f-notice_date", "15/04/2026")  # day first: no month 15
    page.click("#save-corrections")
    error = page.wait_for_selector("#f-notice_date-error")
    assert error.inner_text() == "notice_date is not a date: write YYYY-MM-DD or MM/DD/YYYY (month first)"
    assert page.input_value("#f-notice_date") == "15/04/2026"  # kept as typed, beside its message

    page.fill("#f-notice_date", "04/15/2026")  # US style, as a case file takes it
    page.click("#save-corrections")
    page.wait_for_selector("text=corrections saved; no single case matches them yet")
    assert page.input_value("#f-notice_date") == "2026-04-15"

    page.fill("#q", "Okafor")
    page.click("#search-form button")
    page.check("#case-hits input[value='ACME-2026-0142']")
    page.click("#file-to-case")
    # nothing on the notice (Lindgren, Borealis, its receipt number) ties it to the Okafor case: the desk asks
    # whom of the case it is about, beside "For", and files nothing
    error = opened(page, "#person-error")
    assert "nothing on the notice ties it to case ACME-2026-0142" in error.inner_text()
    assert page.is_checked("#case-hits input[value='ACME-2026-0142']")  # the case chosen stays chosen
    page.select_option("#person", label="Chidera Okafor (principal)")
    page.click("#file-to-case")
    opened(page, "text=filed to ACME-2026-0142 as 2026-04-15_I-129_rejection_EAC2690200777.pdf")
    assert "/mailroom/" in page.url and page.locator(f"#review-queue tr[data-review='{item.id}']").count() == 0

    filed = desk["root"] / "cases" / "ACME-2026-0142" / "notices" / "2026-04-15_I-129_rejection_EAC2690200777.pdf"
    assert "EAC2690200777" in _pdf_text(filed.read_bytes()) and oct(filed.stat().st_mode & 0o777) == "0o600"
    assert not Path(str(item.path)).exists()  # the review copy is gone once filed
    with open_docket(desk["docket"]) as docket:
        notice = next(n for n in docket.notices() if n.receipt_number == "EAC2690200777")
        audit = [a for a in docket.audit_log() if a.details.get("review") == item.id]
    assert (notice.status, notice.case_id, notice.notice_date) == ("filed", "ACME-2026-0142", "2026-04-15")
    assert [(a.action, a.actor) for a in audit] == [
        ("notice corrected", "mailroom1"),
        ("review resolved: notice filed", "mailroom1"),
        *[("alias learned", "mailroom1")] * 3,  # the desk teaches as 'mailroom resolve --case' does
    ]
    assert {a.details["kind"] for a in audit if a.action == "alias learned"} == {"name", "petitioner", "receipt"}
    case = yaml.safe_load((desk["root"] / "cases" / "h1b-okafor.yaml").read_text())
    assert "EAC2690200777" in [r["number"] for r in case["facts"]["receipt_numbers"]]
    with sqlite3.connect(desk["data"] / "workspace.sqlite3") as db:
        rows = db.execute("SELECT username, action, case_id, target FROM accounts_auditentry").fetchall()
    assert ("mailroom1", "review notice filed", "ACME-2026-0142", f"review {item.id}") in rows


def test_not_a_notice_and_dismiss(page: Any, desk: dict[str, Any]) -> None:
    login(page, desk, "specialist1")
    letter, other = _item(desk, NOT_A_NOTICE), _item(desk, OTHER)
    _open(page, desk, NOT_A_NOTICE)  # a whole file: its page is drawn, no fields to correct
    assert page.query_selector("#fields") is None
    page.click("#not-a-notice")
    page.wait_for_selector(f"text=review {letter.id} closed: not a notice")

    _open(page, desk, OTHER)
    page.click("#dismiss")
    assert "say why it is dismissed" in page.wait_for_selector("#reason-error").inner_text()
    page.fill("#reason", "a copy for another firm")
    page.click("#dismiss")
    opened(page, f"text=review {other.id} dismissed")
    queue = page.inner_text("#review-queue")
    assert "a-not-a-notice" not in queue and "b-approval-i140" not in queue
    with open_docket(desk["docket"]) as docket:
        closed = {r.id: r.resolution for r in docket.reviews(ReviewStatus.RESOLVED)}
        actors = {a.action: a.actor for a in docket.audit_log() if a.details.get("review") in (letter.id, other.id)}
    assert closed[letter.id] == "not a notice" and closed[other.id] == "dismissed: a copy for another firm"
    assert actors == {"review closed: not a notice": "specialist1", "review dismissed": "specialist1"}


def test_low_confidence_fields_are_highlighted_for_counsel_and_admin(browser: Any, desk: dict[str, Any]) -> None:
    for role in ("counsel", "admin"):  # the mailroom and specialist users work the desk above
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        login(tab, desk, f"{role}1")
        tab.wait_for_selector("nav >> text=Mailroom")
        _open(tab, desk, UNDATED)
        low = tab.eval_on_selector("#row-notice_date td", "td => getComputedStyle(td).backgroundColor")
        plain = tab.eval_on_selector("#row-receipt_number td", "td => getComputedStyle(td).backgroundColor")
        assert low == "rgb(255, 241, 194)" and plain != low, (role, low, plain)
        shown = recorded_confidence(desk["docket"], _item(desk, UNDATED).id, "notice_date")
        assert tab.inner_text("#row-notice_date .conf") == shown
        context.close()


def test_a_field_ocr_was_unsure_of_shows_its_reading_to_confirm(page: Any, desk: dict[str, Any]) -> None:
    """A notice whose beneficiary OCR read with little confidence (the reader's own output for such a page):
    the input is empty, what OCR read is shown beside it, and one click puts it there for the clerk to save."""
    from docgen.mailroom.docket import NewNotice, NoticeStatus
    from docgen.notices.patterns import default_patterns
    from docgen.notices.reader import read_notice
    from tests.test_notices_ocr_doubt import _page

    data = read_notice(default_patterns(), [_page({"JANE": 55}, crops=False)]).to_dict()
    assert data["beneficiary"] is None and data["candidates"]["beneficiary"]["value"] == "DOE, JANE A"
    copy = desk["root"] / "review-extra" / "e-ocr-unsure.pdf"
    copy.parent.mkdir()
    shutil.copy(ROOT / "samples" / "notices" / "text" / UNMATCHED, copy)
    reason = "unmatched; OCR unsure of beneficiary (what it read is beside the field on the desk)"
    with open_docket(desk["docket"]) as docket, docket.transaction() as tx:
        record = NewNotice("ocr-unsure|1", "0" * 64, "1", NoticeStatus.REVIEW, data, str(copy))
        review_id = tx.add_review(reason, str(copy), notice_id=tx.add_notice(record))
    login(page, desk, "mailroom1")
    _open(page, desk, "e-ocr-unsure.pdf")
    assert page.input_value("#f-beneficiary") == ""
    suggestion = page.inner_text("#f-beneficiary-candidate")
    assert suggestion.startswith("OCR read DOE, JANE A but is unsure (OCR confidence 55)")  # quoted by <q>
    page.click("#f-beneficiary-use")
    assert page.input_value("#f-beneficiary") == "DOE, JANE A"
    page.click("#save-corrections")
    opened(page, "text=corrections saved")
    assert page.input_value("#f-beneficiary") == "DOE, JANE A"
    assert page.query_selector("#f-beneficiary-candidate") is None  # confirmed: a value now, no suggestion
    with open_docket(desk["docket"]) as docket:
        review = docket.review(review_id)
        assert review is not None and review.notice_id is not None
        notice = docket.notice(review.notice_id)
    assert notice is not None and notice.data["beneficiary"] == "DOE, JANE A"
