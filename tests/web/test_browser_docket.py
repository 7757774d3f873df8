"""The docket's pages in a real browser (Debian's chromium, Playwright) against ``docgen serve``: a built packet
marked filed once, the mailroom's aliases removed, a calendar address made and fetched over plain HTTP."""

from __future__ import annotations

import datetime as dt
import urllib.error
import urllib.request
from typing import Any

import icalendar
import pytest

from docgen.mailroom.docket import AliasKind, Deadline, DeadlineKind, NewAlias, open_docket
from tests.web.test_browser import CHROMIUM, browser, login, opened, page, workspace  # noqa: F401  (fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")

CASE = "ACME-2026-0142"


def test_mark_a_built_packet_filed_once(browser: Any, page: Any, workspace: dict[str, Any]) -> None:  # noqa: F811
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + f"/cases/{CASE}/packets/")
    page.select_option("#spec", "quick.yaml")
    page.click("button:has-text('Build the packet')")
    page.wait_for_selector("h2:has-text('Download')", timeout=90_000)
    page.goto(workspace["url"] + f"/cases/{CASE}/packets/")
    date_input = page.wait_for_selector("input[name=filed_on]")
    assert date_input.input_value() == dt.date.today().isoformat()  # today unless changed
    stale = browser.new_context().new_page()  # a colleague with the same page open
    login(stale, workspace, "counsel1")
    stale.goto(workspace["url"] + f"/cases/{CASE}/packets/")
    page.fill("input[name=filed_on]", "2026-11-20")
    page.click("button:has-text('Mark as filed')")
    message = opened(page, ".messages li")
    assert "marked filed on 2026-11-20" in message.inner_text()
    assert "Form I-765 for spouse: receipt expected by 2026-12-20" in message.inner_text()
    row = page.wait_for_selector(".packet-filed tr:has-text('I-765')")
    assert "spouse" in row.inner_text() and "2026-12-20" in row.inner_text() and "awaited" in row.inner_text()
    assert "marked by specialist1" in page.inner_text(".packet-filed")
    assert page.query_selector("button:has-text('Mark as filed')") is None
    stale.fill("input[name=filed_on]", "2026-11-21")
    stale.click("button:has-text('Mark as filed')")
    refusal = stale.wait_for_selector(".messages li")
    assert "Not marked: this packet was marked filed already (filed 2026-11-20, marked by specialist1)" in (
        refusal.inner_text()
    )
    stale.context.close()
    with open_docket(workspace["data"] / "docket.sqlite", create=False) as docket:
        waiting = [(e.form, e.person, e.filed_on.isoformat()) for e in docket.expected_receipts(CASE)]
        missing = [r for r in docket.deadlines_due() if r.kind is DeadlineKind.RECEIPT_MISSING]
        (marked,) = [e for e in docket.audit_log(CASE) if e.action == "packet marked filed"]
    assert waiting == [("I-765", "spouse", "2026-11-20")]  # the offer letter gets no receipt; the second refused
    assert [(r.person, r.due) for r in missing] == [("spouse: I-765", dt.date(2026, 12, 20))]
    assert marked.actor == "specialist1"


def test_the_mailroom_removes_an_alias(page: Any, workspace: dict[str, Any]) -> None:  # noqa: F811
    with open_docket(workspace["data"] / "docket.sqlite") as docket, docket.transaction() as tx:
        wrong = tx.add_alias(
            NewAlias(AliasKind.PETITIONER, "NORTHWIND TRADING", "NORTHWIND TRADING LLC", CASE, target="ACME ANALYTICS")
        )
        kept = tx.add_alias(NewAlias(AliasKind.RECEIPT, "EAC2690200777", "EAC2690200777", CASE))
    login(page, workspace, "mailroom1")
    page.click("nav >> text=Aliases")
    row = page.wait_for_selector(f"#alias-{wrong}")
    assert "NORTHWIND TRADING LLC" in row.inner_text() and CASE in row.inner_text()
    page.click(f"#alias-{wrong} button:has-text('Remove')")
    message = opened(page, ".messages li")
    assert "Removed: petitioner 'NORTHWIND TRADING LLC' -> the petitioner of ACME-2026-0142" in message.inner_text()
    assert page.query_selector(f"#alias-{wrong}") is None and page.query_selector(f"#alias-{kept}") is not None
    with open_docket(workspace["data"] / "docket.sqlite") as docket:
        assert [a.id for a in docket.aliases()] == [kept]
        (removed,) = [e for e in docket.audit_log() if e.action == "alias removed"]
    assert removed.actor == "mailroom1"


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # a calendar program: no cookie, no login
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def test_a_calendar_address_is_fetched_over_http(page: Any, workspace: dict[str, Any]) -> None:  # noqa: F811
    due = dt.date.today() + dt.timedelta(days=12)
    with open_docket(workspace["data"] / "docket.sqlite") as docket, docket.transaction() as tx:
        tx.add_deadline(
            Deadline(
                "DUE-SOON-1", "beneficiary", DeadlineKind.BIOMETRICS, due, "Biometrics for I-539 at 10:00 USCIS OAKLAND"
            )
        )
    login(page, workspace, "counsel1")
    page.click("nav >> text=Calendar")
    page.click("button:has-text('Make my calendar address')")
    url = page.wait_for_selector("#calendar-url").input_value()
    assert url.startswith(workspace["url"] + "/calendar/") and url.endswith(".ics")
    status, body = _fetch(url)
    assert status == 200
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    (biometrics,) = [e for e in events if str(e["SUMMARY"]) == "Biometrics appointment - DUE-SOON-1"]
    assert biometrics.decoded("DTSTART") == due and "OAKLAND" not in body.decode()
    page.goto(workspace["url"] + "/calendar/")
    assert page.query_selector("#calendar-url") is None  # shown once
    page.click("button:has-text('Revoke and make a new address')")
    new_url = page.wait_for_selector("#calendar-url").input_value()
    assert new_url != url and _fetch(url)[0] == 404 and _fetch(new_url)[0] == 200


def test_an_expiry_saved_in_the_page_moves_the_deadline_and_the_feed_at_once(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],  # noqa: F811
) -> None:
    from docgen.mailroom.case_sync import sync_case_folder

    docket_file = workspace["data"] / "docket.sqlite"
    with open_docket(docket_file) as docket:  # the docket as the last ingest left it: the case files' deadlines
        sync_case_folder(docket, workspace["root"] / "cases")
    old, new = workspace["soon"], workspace["soon"] + dt.timedelta(days=10)
    login(page, workspace, "specialist1")
    page.click("nav >> text=Calendar")
    page.click("button:has-text('Make my calendar address')")
    feed = page.wait_for_selector("#calendar-url").input_value()

    def i94_events() -> dict[str, tuple[str, dt.date, str]]:
        status, body = _fetch(feed)
        assert status == 200
        return {
            str(e["UID"]): (str(e["SUMMARY"]), e.decoded("DTSTART"), str(e.get("STATUS", "")))
            for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
            if str(e["SUMMARY"]).endswith("I-94 expires - DUE-SOON-1")
        }

    (old_uid,) = i94_events()
    page.goto(workspace["url"] + "/cases/DUE-SOON-1/")
    page.click("#f-beneficiary > summary")
    if not page.is_visible("#f-beneficiary-i94-expiry-date"):
        page.click("#f-beneficiary-i94 > summary")
    page.fill("#f-beneficiary-i94-expiry-date", new.isoformat())
    page.click("button:has-text('Save case')")
    assert "Saved DUE-SOON-1" in page.wait_for_selector(".messages li.success").inner_text()
    assert "Deadlines updated: 1 replaced" in page.inner_text(".messages")
    page.click("nav >> text=Dashboard")
    opened(page, "#deadlines")  # a click does not wait for the page it opens: the rows are read after
    rows = page.locator("#deadlines tr", has_text="DUE-SOON-1").all_inner_texts()
    assert [r for r in rows if "I-94 expires" in r and new.isoformat() in r]
    assert not [r for r in rows if old.isoformat() in r]  # the old day is not shown beside the new one
    events = i94_events()  # no ingest in between
    assert events[old_uid] == ("Superseded: I-94 expires - DUE-SOON-1", old, "CANCELLED")
    assert [e for uid, e in events.items() if uid != old_uid] == [("I-94 expires - DUE-SOON-1", new, "")]
