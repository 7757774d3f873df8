"""A response letter on a case with two RFEs (session 10 review): it quotes the RFE it answers, never the newest
one on the case without asking."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas

from docgen.web.services import documents
from tests.test_newuser_s10 import _notice, _rows, ingest_confirmed, notices_pdf, rfe, workspace
from tests.web.test_newuser_s10_web import LETTER_ANSWERS

CASE_ID = "NWF-2026-006"


def second_rfe(c: canvas.Canvas) -> None:
    """A later RFE on the spouse's extension (its own receipt), due 02/26/2027."""
    _notice(
        c,
        "I-797E",
        "Request for Evidence",
        _rows("WAC2690311077", "10/02/2026", "11/20/2026", "SILVA, JOAO PEDRO"),
        (
            "We need more information before we can make a decision on your case. The evidence requested below",
            "must be received in this office by 02/26/2027. Return this notice on top of your response.",
            "1. Submit evidence of the beneficiary's maintenance of status.",
        ),
    )


@pytest.fixture
def room(tmp_path: Path, settings: Any) -> Iterator[dict[str, Path]]:
    inbox, cases, docket = workspace(tmp_path)
    settings.DOCKET_PATH = docket
    settings.CASES_DIR = cases
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    case_file = cases / "nwf-2026-006.yaml"
    text = case_file.read_text(encoding="utf-8").replace(
        "notice_date: 2026-10-05}\n",
        "notice_date: 2026-10-05}\n"
        "    - {form: I-539, number: WAC2690311077, notice_type: receipt, notice_date: 2026-10-06}\n",
    )
    case_file.write_text(text + LETTER_ANSWERS, encoding="utf-8")
    notices_pdf(inbox / "scan-0005.pdf", rfe)
    notices_pdf(inbox / "scan-0006.pdf", second_rfe)
    assert len(ingest_confirmed(inbox, docket, cases)) == 2  # both response dates confirmed
    yield {"case": case_file, "docket": docket}


def _facts(room: dict[str, Path]) -> dict[str, Any]:
    return (documents.notice_facts("rfe_response", room["case"], CASE_ID) or {}).get("rfe_response", {})


def test_two_open_rfes_fill_nothing_and_the_letters_tab_lists_their_receipts(
    client_for: Any, room: dict[str, Path]
) -> None:
    # A response to the first RFE printed the second's receipt number and due date: the newest RFE on the case
    # was taken without asking.
    assert _facts(room) == {}
    page = client_for("specialist").get(f"/cases/{CASE_ID}/letters/", {"template": "rfe_response"})
    note = re.findall(r'id="which-notice"[^>]*>(.*?)</p>', page.content.decode(), re.S)
    assert len(note) == 1, page.content.decode()
    assert "WAC2690311006" in note[0] and "WAC2690311077" in note[0] and "2027-01-29" in note[0]
    assert "give receipt_number under rfe_response" in note[0]
    # rendering says what is missing; nothing is filled from either notice
    client = client_for("specialist")
    response = client.post(f"/cases/{CASE_ID}/letters/", {"template": "rfe_response", "format": "docx"})
    assert response.status_code == 422 and "extra.receipt_number" in response.content.decode()
    assert 'id="which-notice"' in response.content.decode()


def test_the_receipt_the_case_gives_chooses_the_rfe_answered(client_for: Any, room: dict[str, Path]) -> None:
    text = (
        room["case"]
        .read_text(encoding="utf-8")
        .replace("  rfe_response:\n", "  rfe_response:\n    receipt_number: WAC-269-031-1006\n", 1)
    )
    room["case"].write_text(text, encoding="utf-8")
    facts = _facts(room)
    assert (facts.get("notice_date"), facts.get("response_due")) == ("2026-11-04", "2027-01-29")
    assert "receipt_number" not in facts  # the case's own kept
    page = client_for("specialist").get(f"/cases/{CASE_ID}/letters/", {"template": "rfe_response"})
    assert 'id="which-notice"' not in page.content.decode()
    # a receipt on none of the case's RFEs: nothing filled, and the page says which there are
    room["case"].write_text(text.replace("WAC-269-031-1006", "WAC2690319999"), encoding="utf-8")
    assert _facts(room) == {}
    page = client_for("specialist").get(f"/cases/{CASE_ID}/letters/", {"template": "rfe_response"})
    assert "(WAC2690319999) is on none of the case" in page.content.decode()


def test_the_one_rfe_still_open_fills_the_letter(room: dict[str, Path]) -> None:
    from docgen.mailroom.docket import open_docket
    from docgen.web.services.docket import close_deadline

    with open_docket(room["docket"]) as docket:
        notices = {n.receipt_number: n.id for n in docket.notices(CASE_ID)}
        (answered,) = [d for d in docket.deadlines_due() if d.notice_id == notices["WAC2690311077"]]
    close_deadline(answered.id, "paralegal")  # the second RFE is answered (closed on the Docket page)
    facts = _facts(room)
    assert facts["receipt_number"] == "WAC2690311006" and facts["response_due"] == "2027-01-29"
