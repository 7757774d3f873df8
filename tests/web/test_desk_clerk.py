"""The review desk through Django's test client, for the slips a reviewer makes: a notice filed to another
client's case is refused beside the choice, worded for the page, and nothing is filed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from docgen.mailroom.docket import ReviewStatus, open_docket
from docgen.mailroom.ingest import ingest_inbox

ROOT = Path(__file__).resolve().parents[2]
OKAFOR = "ACME-2026-0142"


def test_filing_to_a_case_the_notice_does_not_name_is_refused_on_the_page(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    cases, inbox = tmp_path / "cases", tmp_path / "inbox"
    shutil.copytree(ROOT / "samples" / "cases", cases)
    inbox.mkdir()
    shutil.copy(ROOT / "samples" / "notices" / "text" / "rfe-i129.pdf", inbox / "rfe-i129.pdf")
    okafor = cases / "h1b-okafor.yaml"
    aside = tmp_path / "h1b-okafor.yaml"
    shutil.move(okafor, aside)  # no case for it at ingest: it waits for review
    report = ingest_inbox(inbox, tmp_path / "docket.sqlite", cases)
    assert len(report.review) == 1 and not report.filed
    shutil.move(aside, okafor)
    settings.DOCKET_PATH, settings.CASES_DIR = tmp_path / "docket.sqlite", cases
    before = {p.name: p.read_bytes() for p in cases.glob("*.yaml")}
    client = client_for("mailroom")
    response = client.post("/mailroom/1/assign/", {"case_id": "TAMSWORTH-2026-0031", "q": "tamsworth"})
    assert response.status_code == 422
    page = response.content.decode()
    assert f"the names on the notice are those of {OKAFOR}, none of case TAMSWORTH-2026-0031&#x27;s people" in page
    assert "by choosing the person in &#x27;For&#x27;" in page and "--for" not in page
    assert {p.name: p.read_bytes() for p in cases.glob("*.yaml")} == before
    with open_docket(tmp_path / "docket.sqlite") as docket:
        assert docket.review(1).status is ReviewStatus.OPEN
    # its response date waits to be confirmed: "Confirm response due and file to the chosen case"
    response = client.post("/mailroom/1/assign/", {"case_id": OKAFOR, "confirm": "1"}, follow=True)
    assert f"Review 1: filed to {OKAFOR}" in response.content.decode()
    assert yaml.safe_load(okafor.read_text(encoding="utf-8"))["facts"]["status"] == "rfe received"
