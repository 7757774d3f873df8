"""The desk's side of an unsure response date (``tests/test_mailroom_confirm_dates.py`` has the terminal's): the
RFE waits with its date as read pre-filled in "Response due", and one button confirms it and files the notice."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.docket import ReviewStatus, open_docket
from docgen.mailroom.ingest import ingest_inbox
from tests.test_mailroom_confirm_dates import CASE_ID, responses
from tests.test_newuser_s10 import notices_pdf, rfe, workspace


@pytest.fixture
def waiting(tmp_path: Path, settings: Any) -> Iterator[dict[str, Any]]:
    """The trial's RFE ingested into a workspace: it waits for its response date to be confirmed."""
    inbox, cases, docket = workspace(tmp_path)
    settings.DOCKET_PATH = docket
    settings.CASES_DIR = cases
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    notices_pdf(inbox / "scan-0005.pdf", rfe)
    assert len(ingest_inbox(inbox, docket, cases).review) == 1
    with open_docket(docket) as opened:
        (item,) = opened.reviews()
    yield {"docket": docket, "cases": cases, "id": item.id}


def _form(page: str) -> dict[str, str]:
    """The fields form as the browser would post it: every input with the value it shows."""
    inputs = re.findall(r'<input id="f-(\w+)" name="\w+" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in inputs}


def test_the_desk_shows_the_date_as_read_and_one_button_confirms_and_files_it(
    client_for: Any, waiting: dict[str, Any]
) -> None:
    client = client_for("mailroom")
    queue = client.get("/mailroom/").content.decode()
    assert "confirm the response date: read from a sentence" in queue
    page = client.get(f"/mailroom/{waiting['id']}/").content.decode()
    form = _form(page)
    assert form["response_due"] == "2027-01-29"  # pre-filled as read
    assert 'id="f-response_due-confirm"' in page and "read from a sentence" in page
    assert re.search(r'<button[^>]*id="confirm-file"[^>]*>Confirm response due and file</button>', page)
    # saving without the button changes nothing: the date is not the deadline until a person confirms it
    client.post(f"/mailroom/{waiting['id']}/correct/", form)
    assert responses(waiting["docket"]) == []
    done = client.post(f"/mailroom/{waiting['id']}/correct/", {**form, "confirm": "1"}, follow=True)
    text = done.content.decode()
    assert done.redirect_chain[-1][0].endswith("/mailroom/"), done.redirect_chain
    assert f"filed to {CASE_ID}" in text and "Confirmed: the response date 2027-01-29, as read" in text
    assert responses(waiting["docket"]) == [(CASE_ID, "principal", "2027-01-29")]
    with open_docket(waiting["docket"]) as docket:
        assert docket.review(waiting["id"]).status is ReviewStatus.RESOLVED  # type: ignore[union-attr]
        (filed,) = docket.notices(CASE_ID)
    assert filed.data["confirmed"] == ["response_due"]


def test_the_desk_files_a_corrected_date_typed_in_response_due(client_for: Any, waiting: dict[str, Any]) -> None:
    client = client_for("mailroom")
    form = _form(client.get(f"/mailroom/{waiting['id']}/").content.decode())
    form["response_due"] = "01/30/2027"
    done = client.post(f"/mailroom/{waiting['id']}/correct/", {**form, "confirm": "1"}, follow=True)
    assert "Corrected: the response date 2027-01-30, as typed" in done.content.decode()
    assert responses(waiting["docket"]) == [(CASE_ID, "principal", "2027-01-30")]


def test_a_date_that_is_no_date_is_refused_beside_the_input_and_nothing_is_filed(
    client_for: Any, waiting: dict[str, Any]
) -> None:
    client = client_for("mailroom")
    form = _form(client.get(f"/mailroom/{waiting['id']}/").content.decode())
    form["response_due"] = "01/32/2027"
    refused = client.post(f"/mailroom/{waiting['id']}/correct/", {**form, "confirm": "1"})
    assert refused.status_code == 422 and 'id="f-response_due-error"' in refused.content.decode()
    assert responses(waiting["docket"]) == []


def test_save_corrections_of_another_field_saves_them_and_leaves_the_date_waiting(
    client_for: Any, waiting: dict[str, Any]
) -> None:
    # "Save corrections" with only the received date fixed filed the RFE and marked its response date confirmed,
    # crediting the clerk with a confirmation nobody made.
    client = client_for("mailroom")
    form = _form(client.get(f"/mailroom/{waiting['id']}/").content.decode())
    assert form["response_due"] == "2027-01-29" and form["received_date"]
    form["received_date"] = "10/02/2026"
    saved = client.post(f"/mailroom/{waiting['id']}/correct/", form, follow=True)
    text = html.unescape(saved.content.decode())
    assert saved.redirect_chain[-1][0].endswith(f"/mailroom/{waiting['id']}/"), saved.redirect_chain
    assert "corrections saved; not filed: the response date 2027-01-29 is still waiting to be confirmed" in text
    assert "Confirmed:" not in text and "filed to" not in text
    assert responses(waiting["docket"]) == []
    with open_docket(waiting["docket"]) as docket:
        item = docket.review(waiting["id"])
        assert item is not None and item.status is ReviewStatus.OPEN and item.notice_id is not None
        notice = docket.notice(item.notice_id)
        assert not [a for a in docket.audit_log() if a.action == "review resolved: notice filed"]
    assert notice is not None and notice.data["received_date"] == "2026-10-02"
    assert notice.data["to_confirm"] == {"response_due": "read from a sentence"}
    # the button then confirms it, the correction kept
    done = client.post(f"/mailroom/{waiting['id']}/correct/", {**form, "confirm": "1"}, follow=True)
    assert "Confirmed: the response date 2027-01-29, as read" in done.content.decode()
    assert responses(waiting["docket"]) == [(CASE_ID, "principal", "2027-01-29")]


def test_the_case_page_lists_the_date_waiting_in_review_as_unconfirmed(
    client_for: Any, waiting: dict[str, Any]
) -> None:
    page = html.unescape(client_for("specialist").get(f"/cases/{CASE_ID}/").content.decode())
    deadlines = page.split('id="case-deadlines"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in deadlines.split("<tr") if "2027-01-29" in r)
    assert "RFE response due" in row and f"[unconfirmed (waiting in review #{waiting['id']})]" in row
