"""The mailroom desk's and the case page's faults left open by the session-10 trial, in the workspace (Django's
test client on real notices drawn as USCIS prints them and ingested by the mailroom; the browser's side is in
``test_browser_mailfix11.py``)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.ingest import ingest_inbox
from samples.notices import generate as generator

ROOT = Path(__file__).resolve().parents[2]
ACME = "ACME-2026-0142"


@pytest.fixture
def filed(tmp_path: Path, settings: Any) -> Iterator[dict[str, Path]]:
    """The sample cases and a docket with the principal's I-129 receipt and the spouse's I-765 receipt and I-539
    biometrics notice filed to the Okafor case."""
    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "samples" / "cases", cases)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    specs = generator.bundled_specs()
    for name in ("receipt-i129", "receipt-i765", "biometrics-i539"):
        (inbox / f"{name}.pdf").write_bytes(generator.notices_pdf([specs[name]]))
    docket = tmp_path / "docket.sqlite"
    assert len(ingest_inbox(inbox, docket, cases).filed) == 3
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
