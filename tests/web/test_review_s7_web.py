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


def test_an_opened_extension_window_is_not_counted_overdue_on_the_dashboard(
    client_for: Any, room: tuple[list[str], Path]
) -> None:
    """The overdue tile and chart counted an extension window that opened ten days ago as overdue."""
    import datetime as dt

    from docgen.mailroom.docket import Deadline

    _, docket = room
    client = client_for("specialist")

    def overdue_tile() -> int:
        page = client.get("/dashboard/").content.decode()
        return int(page.split('href="#deadlines"><strong>')[1].split("</strong> overdue")[0])

    before = overdue_tile()
    opened = dt.date.today() - dt.timedelta(days=10)
    with open_docket(docket, create=False) as d, d.transaction() as tx:
        tx.add_deadline(Deadline(CASE, "principal", DeadlineKind.EXTENSION_WINDOW, opened, "window opened"))
    assert overdue_tile() == before
    page = client.get("/dashboard/").content.decode()
    (row,) = [r for r in page.split("<tr")[1:] if "window opened" in r]
    assert 'class="overdue"' not in row
    assert f"Overdue: {before}." in page  # the chart's description


def _expiry_rows(client: Any) -> list[str]:
    page = client.get("/dashboard/").content.decode()
    table = page.split('id="expirations"')[1].split("</section>")[0]
    return [r for r in table.split("<tr")[1:] if CASE in r]


def test_the_dashboard_s_expirations_leave_out_a_withdrawn_case_and_follow_the_240_day_rule(
    client_for: Any, cases_dir: Path
) -> None:
    """A withdrawn case stayed on the dashboard's expirations; a case whose extension was filed before the I-94
    ended showed "OVERDUE: file the extension" in red instead of until when its worker may keep working."""
    client = client_for("specialist")
    path = cases_dir / "h1b-okafor.yaml"
    text = path.read_text(encoding="utf-8")
    assert any("I-94" in r and 'class="overdue"' in r for r in _expiry_rows(client))
    path.write_text(text.replace("status: preparing", "status: withdrawn"), encoding="utf-8")
    assert _expiry_rows(client) == []
    filed = "status: filed\n  filed_date: 2026-09-15"
    path.write_text(text.replace("status: preparing", filed), encoding="utf-8")
    (principal,) = [r for r in _expiry_rows(client) if "I-94" in r and "(principal)" in r]
    assert "may keep working for the same employer until 2027-05-28" in principal
    assert 'class="overdue"' not in principal and "OVERDUE" not in principal


def test_the_review_desk_takes_a_biometrics_appointment_typed_by_the_reviewer(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """The desk had no input for the appointment, so a biometrics notice whose date was not read could be filed
    only without its deadline (now refused): the reviewer types it as on the notice, and it reaches the docket."""
    import datetime as dt

    from docgen.mailroom.ingest import ingest_inbox
    from tests.test_review_s7 import biometrics_without_a_date

    cases, inbox = biometrics_without_a_date(tmp_path)
    docket = tmp_path / "docket.sqlite"
    assert len(ingest_inbox(inbox, docket, cases).review) == 1
    settings.DOCKET_PATH, settings.CASES_DIR = docket, cases
    client = client_for("mailroom")
    assert 'name="appointment"' in client.get("/mailroom/1/").content.decode()
    refused = client.post("/mailroom/1/assign/", {"case_id": CASE, "person": "spouse"})
    assert refused.status_code == 422 and "appointment" in refused.content.decode()
    typed = {"case_id": CASE, "person": "spouse", "appointment": "12/45/2026 2:30 PM OAKLAND ASC"}
    wrong = client.post("/mailroom/1/assign/", typed)
    assert wrong.status_code == 422 and "not a date" in wrong.content.decode()
    typed["appointment"] = "12/15/2026 2:30 PM USCIS OAKLAND ASC, 2040 TELEGRAPH AVE"
    response = client.post("/mailroom/1/assign/", typed, follow=True)
    assert f"Review 1: filed to {CASE}" in response.content.decode()
    with open_docket(docket, create=False) as d:
        (row,) = [r for r in d.deadlines_due() if r.kind is DeadlineKind.BIOMETRICS]
    assert row.due == dt.date(2026, 12, 15) and "14:30" in row.description
