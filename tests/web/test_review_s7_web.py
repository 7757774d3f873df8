"""Findings of the seventh review in the workspace (a global-mobility manager's dashboard): each test failed before
its fix. A real SQLite docket in the test's folder, the sample cases copied."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main
from docgen.mailroom.docket import DeadlineKind, open_docket

CASE = "ACME-2026-0142"


@pytest.fixture
def room(tmp_path: Path, cases_dir: Path, settings: Any) -> tuple[list[str], Path]:
    """An empty inbox ingested once (the case files' deadlines recorded) into the workspace's docket."""
    docket = tmp_path / "docket.sqlite"
    settings.DOCKET_PATH = docket
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ingest = ["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases_dir)]
    assert main(ingest) == 0
    return ingest, docket


def _i94_rows(page: str) -> list[str]:
    table = page.split('id="deadlines"')[1].split("</section>")[0]
    return [r for r in table.split("<tr")[1:] if CASE in r and "I-94 expires" in r and "2026-09-30" in r]


def test_a_deadline_closed_by_hand_leaves_the_dashboard_and_the_case_list(
    client_for: Any, room: tuple[list[str], Path]
) -> None:
    """A withdrawn case's I-94 deadline closed with `mailroom done` left `docgen deadlines` and the digest, but the
    dashboard and the case list read the date from the case file again and kept showing it as overdue."""
    ingest, docket = room
    client = client_for("specialist")
    assert len(_i94_rows(client.get("/dashboard/").content.decode())) == 2  # principal and spouse
    with open_docket(docket, create=False) as d:
        ids = [str(r.id) for r in d.deadlines_due() if r.case_id == CASE and r.kind is DeadlineKind.I94_EXPIRES]
    assert len(ids) == 2
    assert main(["mailroom", "done", *ids, "--docket", str(docket)]) == 0
    assert main(ingest) == 0  # the case file read again still gives the date: it stays closed
    assert _i94_rows(client.get("/dashboard/").content.decode()) == []
    listing = client.get("/").content.decode()
    row = next(r for r in listing.split("<tr")[1:] if CASE in r)
    assert "I-94 expires" not in row


def test_the_dashboard_says_when_paper_must_arrive_for_a_deadline_on_a_federal_holiday(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path
) -> None:
    """`docgen deadlines` and the digest say it; the dashboard the team looks at every morning must too."""
    ingest, _ = room
    path = cases_dir / "h1b-okafor.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("expiry_date: 2026-09-30", "expiry_date: 2027-01-18"))
    assert main(ingest) == 0
    page = client_for("specialist").get("/dashboard/").content.decode()
    table = page.split('id="deadlines"')[1].split("</section>")[0]
    rows = [r for r in table.split("<tr")[1:] if CASE in r and "I-94 expires" in r]
    assert len(rows) == 2 and all("2027-01-18" in r for r in rows)
    assert all("Martin Luther King Jr. Day: paper must arrive by Fri 2027-01-15" in r for r in rows)
