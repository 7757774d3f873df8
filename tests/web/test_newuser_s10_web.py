"""A new user's trial of the workspace (session 10): the paralegal who opens a case when an RFE lands, on the
user's own fictional case and notices (``tests/test_newuser_s10.py`` draws them)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.ingest import IngestReport, ingest_inbox
from docgen.web.services import watcher
from tests.test_newuser_s10 import notices_pdf, rfe, workspace


@pytest.fixture
def room(tmp_path: Path, settings: Any) -> Iterator[dict[str, Path]]:
    inbox, cases, docket = workspace(tmp_path)
    settings.DOCKET_PATH = docket
    settings.CASES_DIR = cases
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    yield {"inbox": inbox, "cases": cases, "docket": docket, "root": tmp_path}


def test_the_case_page_shows_the_rfe_the_mailroom_filed_and_its_response_deadline(
    client_for: Any, room: dict[str, Path]
) -> None:
    # The mailroom filed an RFE to the case; the paralegal opened the case in the workspace and found neither the
    # notice nor its response date on any of its tabs (only the case list's "next deadline" column, which showed
    # the soonest date, not the RFE's): she had to ask the clerk or run 'docgen deadlines' in a terminal.
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    report = ingest_inbox(room["inbox"], room["docket"], room["cases"])
    assert len(report.filed) == 1, report
    client = client_for("specialist")
    for tab in ("", "packets/", "letters/"):
        page = client.get(f"/cases/NWF-2026-006/{tab}").content.decode()
        deadlines = page.split('id="case-deadlines"', 1)[1].split("</table>", 1)[0]
        assert "RFE response due" in deadlines and "2027-01-29" in deadlines, tab
        notices = page.split('id="case-notices"', 1)[1].split("</table>", 1)[0]
        assert "WAC2690311006" in notices and "response due 2027-01-29" in notices and "rfe" in notices, tab
    # the case file's own dates are listed too (the I-94 of each person), soonest first
    assert deadlines.index("2027-01-29") < deadlines.index("2027-03-15")
    assert "spouse" in deadlines


def test_a_case_without_a_docket_shows_its_own_dates_and_no_notices(client_for: Any, room: dict[str, Path]) -> None:
    page = client_for("specialist").get("/cases/NWF-2026-006/").content.decode()
    assert 'id="case-deadlines"' in page and "I-94 expires" in page
    assert 'id="case-notices"' not in page


def test_the_server_log_does_not_say_a_filed_scan_could_not_be_filed(
    room: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    # A biometrics notice that came after its appointment was filed, and the desk rightly said the appointment
    # had passed; the server log said "watch: a file could not be filed; the mailroom desk shows why", and the
    # admin went looking for a lost scan.
    scans = room["root"] / "scans"
    scans.mkdir()
    watching = watcher.Watcher(scans, room["docket"], room["cases"], searchable=False)
    report = IngestReport(files=1, filed=[str(room["cases"] / "filed.pdf")])
    report.problems.append("case NWF-2026-006: Biometrics appointment 2026-11-24 has already passed")
    with caplog.at_level(logging.INFO, logger="docgen.web.watch"):
        watching._record(report)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "1 filed" in logged and "could not be filed" not in logged
    assert "already passed" in watching.status().last_problem
