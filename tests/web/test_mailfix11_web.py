"""The mailroom desk's and the case page's faults left open by the session-10 trial, in the workspace (Django's
test client on real notices drawn as USCIS prints them and ingested by the mailroom; the browser's side is in
``test_browser_mailfix11.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACME = "ACME-2026-0142"


@pytest.fixture
def filed(tmp_path: Path, settings: Any) -> Iterator[dict[str, Path]]:
    """The sample cases and a docket with the principal's I-129 receipt and the spouse's I-765 receipt and I-539
    biometrics notice filed to the Okafor case."""
    from tests.test_notice_person import family_notices_filed

    made = family_notices_filed(tmp_path)
    cases, docket = made["cases"], made["docket"]
    settings.DOCKET_PATH = docket
    settings.CASES_DIR = cases
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    yield {"cases": cases, "docket": docket, "root": tmp_path}


def _rows(page: str, table: str) -> list[list[str]]:
    """The cells of each body row of the table of id ``table``, markup stripped."""
    body = page.split(f'id="{table}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_filed_lately_and_the_case_page_say_whose_each_notice_is(client_for: Any, filed: dict[str, Path]) -> None:
    desk = client_for("mailroom").get("/mailroom/").content.decode()
    assert "<th>Whose</th>" in desk.split('id="filed-notices"', 1)[1]
    assert {(r[4], r[2]) for r in _rows(desk, "filed-notices")} == {  # (form, whose)
        ("I-129", "principal"),
        ("I-765", "spouse"),
        ("I-539", "spouse"),
    }
    case = client_for("specialist").get(f"/cases/{ACME}/").content.decode()
    assert "<th>Whose</th>" in case.split('id="case-notices"', 1)[1]
    assert {(r[3], r[1]) for r in _rows(case, "case-notices")} == {
        ("I-129", "principal"),
        ("I-765", "spouse"),
        ("I-539", "spouse"),
    }


def test_an_item_queued_before_waiting_for_was_kept_is_listed_unconfirmed_on_its_case_page(
    client_for: Any, tmp_path: Path, settings: Any
) -> None:
    from docgen.mailroom.docket import open_docket
    from tests.test_mailroom_confirm_dates import CASE_ID, waiting_rfe
    from tests.test_mailroom_old_queue import _as_written_before

    _, cases, docket_path, review_id = waiting_rfe(tmp_path)
    with open_docket(docket_path) as docket:
        (item,) = docket.reviews()
    assert item.notice_id is not None
    _as_written_before(docket_path, item.notice_id)
    settings.DOCKET_PATH, settings.CASES_DIR = docket_path, cases
    page = client_for("specialist").get(f"/cases/{CASE_ID}/").content.decode()
    (row,) = [r for r in _rows(page, "case-deadlines") if r[0] == "2027-01-29"]
    assert row[3] == "RFE response due" and f"unconfirmed (waiting in review #{review_id})" in row[4]


@pytest.fixture
def waiting(tmp_path: Path, settings: Any) -> Iterator[dict[str, Any]]:
    """The session-10 trial's RFE ingested into a workspace: it waits for its response date to be confirmed."""
    from docgen.mailroom.docket import open_docket
    from tests.test_mailroom_confirm_dates import waiting_rfe

    _, cases, docket, review_id = waiting_rfe(tmp_path)
    settings.DOCKET_PATH, settings.CASES_DIR = docket, cases
    with open_docket(docket) as opened:
        (item,) = opened.reviews()
    yield {"docket": docket, "cases": cases, "id": review_id, "notice": item.notice_id}


def _fields(page: str) -> dict[str, str]:
    """The fields form as the browser posts it: every input with the value it shows."""
    import html

    return {n: html.unescape(v) for n, v in re.findall(r'<input id="f-(\w+)" name="\w+" value="([^"]*)"', page)}


def test_file_to_the_chosen_case_does_not_confirm_the_response_date_as_read(
    client_for: Any, waiting: dict[str, Any]
) -> None:
    # The clerk searched the case and pressed "File to the chosen case": the RFE was filed with its response date
    # as read marked confirmed in her name, though she had not looked at the date at all.
    import html

    from docgen.mailroom.docket import ReviewStatus, open_docket
    from tests.test_mailroom_confirm_dates import CASE_ID, responses

    client = client_for("mailroom")
    item = f"/mailroom/{waiting['id']}/"
    searched = client.post(item, {"q": "silva"}).content.decode()
    # two acts, each labelled for what it does
    assert re.search(r'id="file-to-case"[^>]*>Choose the case \(response due stays unconfirmed\)</button>', searched)
    assert re.search(r'id="confirm-file-to-case"[^>]*>Confirm response due and file to the chosen case<', searched)
    form = {**_fields(searched), "q": "silva", "case_id": CASE_ID, "person": "spouse"}
    chose = client.post(f"{item}assign/", form, follow=True)
    said = html.unescape(chose.content.decode())
    assert chose.redirect_chain[-1][0].endswith(item), chose.redirect_chain
    assert f"case {CASE_ID} chosen (for spouse); not filed: the response date 2027-01-29 is not confirmed" in said
    assert f"Chosen: case {CASE_ID} (for spouse)" in said and "Confirm response due and file to " + CASE_ID in said
    assert responses(waiting["docket"]) == []  # no deadline: the date is not confirmed
    with open_docket(waiting["docket"]) as docket:
        assert docket.review(waiting["id"]).status is ReviewStatus.OPEN  # type: ignore[union-attr]
        notice = docket.notice(waiting["notice"])
    assert notice is not None and "confirmed" not in notice.data and notice.data["waiting_for"] == [CASE_ID, "spouse"]
    # listed unconfirmed on the chosen case, for the person chosen
    case = client_for("specialist").get(f"/cases/{CASE_ID}/").content.decode()
    (row,) = [r for r in _rows(case, "case-deadlines") if r[0] == "2027-01-29"]
    assert row[2] == "spouse" and f"unconfirmed (waiting in review #{waiting['id']})" in row[4]
    # the second act: confirmed, it is filed to the case and person chosen
    done = client.post(f"{item}correct/", {**_fields(said), "confirm": "1"}, follow=True)
    text = html.unescape(done.content.decode())
    assert f"filed to {CASE_ID}" in text and "Confirmed: the response date 2027-01-29, as read" in text
    assert responses(waiting["docket"]) == [(CASE_ID, "spouse", "2027-01-29")]
    with open_docket(waiting["docket"]) as docket:
        filed_notice = docket.notice(waiting["notice"])
    assert filed_notice is not None and filed_notice.person == "spouse"
    assert filed_notice.data["confirmed"] == ["response_due"] and "waiting_for" not in filed_notice.data


def test_confirm_and_file_to_the_chosen_case_is_one_labelled_act(client_for: Any, waiting: dict[str, Any]) -> None:
    import html

    from tests.test_mailroom_confirm_dates import CASE_ID, responses

    client = client_for("mailroom")
    item = f"/mailroom/{waiting['id']}/"
    form = {**_fields(client.get(item).content.decode()), "q": "silva", "case_id": CASE_ID, "confirm": "1"}
    done = client.post(f"{item}assign/", form, follow=True)
    assert "Confirmed: the response date 2027-01-29, as read" in html.unescape(done.content.decode())
    assert responses(waiting["docket"]) == [(CASE_ID, "principal", "2027-01-29")]
