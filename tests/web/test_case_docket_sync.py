"""A case saved in the workspace moves its docket deadlines at once; a sync that cannot be made keeps the save and
says so; a case file gone shows its deadlines as needing attention. A real SQLite docket in the test's folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main
from docgen.mailroom.docket import DeadlineKind, open_docket
from docgen.web.services import docket as docket_service
from tests.web.test_cases import _open

CASE = "ACME-2026-0142"
OLD, NEW = "2031-02-09", "2036-02-09"  # the beneficiary's passport expiry, before and after renewal


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


def _passports(docket: Path) -> set[str]:
    with open_docket(docket, create=False) as d:
        return {
            r.due.isoformat()
            for r in d.deadlines_due()
            if r.case_id == CASE and r.kind is DeadlineKind.PASSPORT_EXPIRES and r.person == "principal"
        }


def _save_passport(client: Any, day: str) -> Any:
    values = _open(client, f"/cases/{CASE}/")
    values["beneficiary.passport.expiry_date"] = day
    return client.post(f"/cases/{CASE}/", {**values, "_save": "1"}, follow=True)


def test_a_saved_expiry_moves_the_docket_deadline_at_once(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path
) -> None:
    _, docket = room
    assert _passports(docket) == {OLD}
    response = _save_passport(client_for("specialist"), NEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Saved {CASE}" in page and "Deadlines updated: 1 replaced" in page
    assert _passports(docket) == {NEW}  # no ingest in between
    with open_docket(docket, create=False) as d:
        (entry,) = [e for e in d.audit_log(CASE) if e.action == "case-file deadline superseded"]
        closed = [r for r in d.deadlines_closed(dt.date(2026, 1, 1)) if r.kind is DeadlineKind.PASSPORT_EXPIRES]
    assert entry.actor == "specialist"  # the workspace user, not the server's account
    assert [(r.due.isoformat(), r.superseded) for r in closed] == [(OLD, True)]


def test_the_dashboard_shows_the_saved_i94_date_alone(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path
) -> None:
    soon = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    client = client_for("specialist")

    def i94_rows() -> list[str]:
        page = client.get("/dashboard/").content.decode()
        table = page.split('id="deadlines"')[1].split("</section>")[0]
        return [r for r in table.split("<tr")[1:] if CASE in r and "principal" in r and "I-94 expires" in r]

    assert [r for r in i94_rows() if "2026-09-30" in r]  # the sample's I-94 end, from the docket and the file
    values = _open(client, f"/cases/{CASE}/")
    values["beneficiary.i94.expiry_date"] = soon
    assert client.post(f"/cases/{CASE}/", {**values, "_save": "1"}).status_code == 302
    rows = i94_rows()
    assert len(rows) == 1 and soon in rows[0]  # the old day gone from the docket at once, not shown beside it


def test_a_sync_the_docket_refuses_keeps_the_save_says_so_and_the_next_ingest_catches_up(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest, docket = room
    monkeypatch.setattr(docket_service, "SYNC_WAIT", 0.2)  # the fault: another program holds the write lock
    holder = sqlite3.connect(docket, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        response = _save_passport(client_for("specialist"), NEW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    page = response.content.decode()
    assert response.status_code == 200 and f"Saved {CASE}" in page
    assert 'class="warning"' in page
    assert "The case is saved, but the docket&#x27;s deadlines could not be updated" in page
    assert "the docket is busy" in page and str(docket) not in page
    assert f"expiry_date: {NEW}" in (cases_dir / "h1b-okafor.yaml").read_text()  # the save kept
    assert _passports(docket) == {OLD}
    assert main(ingest) == 0  # the next ingest brings the docket up to date
    assert _passports(docket) == {NEW}


def test_a_gone_case_file_s_deadlines_need_attention_on_the_dashboard_until_the_file_is_back(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path, tmp_path: Path
) -> None:
    ingest, docket = room
    kept = tmp_path / "h1b-okafor.yaml"
    shutil.move(cases_dir / "h1b-okafor.yaml", kept)
    assert main(ingest) == 0
    page = client_for("specialist").get("/dashboard/").content.decode()
    assert 'id="attention-tile"' in page and "need attention (case file missing)" in page
    rows = [row for row in page.split("<tr") if 'data-attention="case-file-missing"' in row]
    assert rows and all(CASE in row and "Needs attention: case file missing since" in row for row in rows)
    assert all(f'href="/cases/{CASE}/"' not in row for row in rows)  # no link to a case that is gone
    ids = [int(i) for i in re.findall(r'action="/deadlines/(\d+)/done/"', page)]
    assert ids and len(ids) == len(rows)
    export = client_for("specialist").get("/dashboard/export/deadlines.csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(export)))
    attention, deadline_id = lines[0].index("attention"), lines[0].index("deadline_id")
    assert all(len(line) == len(lines[0]) for line in lines)
    missing = {int(line[deadline_id]) for line in lines[1:] if line[attention].startswith("case file missing since")}
    assert missing == set(ids)
    clerk = client_for("mailroom")
    assert "/done/" not in clerk.get("/dashboard/").content.decode()  # the clerk sees them, a specialist closes
    assert clerk.post(f"/deadlines/{ids[0]}/done/").status_code == 403
    closed = client_for("specialist", csrf=True)
    assert closed.post(f"/deadlines/{ids[0]}/done/").status_code == 403  # no token, no change
    done = client_for("specialist").post(f"/deadlines/{ids[0]}/done/", follow=True).content.decode()
    assert "Closed: " in done and f"({CASE}, " in done
    again = client_for("specialist").post(f"/deadlines/{ids[0]}/done/", follow=True).content.decode()
    assert f"Not closed: deadline {ids[0]} is not open" in again
    with open_docket(docket, create=False) as d:
        assert ids[0] not in {r.id for r in d.deadlines_due()}
        (entry,) = [e for e in d.audit_log(CASE) if e.action == "deadline marked done"]
    assert entry.actor == "specialist" and entry.details["case_file_missing"] is True
    assert "due" not in entry.details  # the day may be a passport's or a stay's end: not in the audit trail
    shutil.move(kept, cases_dir / "h1b-okafor.yaml")
    client = client_for("specialist")
    values = _open(client, f"/cases/{CASE}/")
    saved = client.post(f"/cases/{CASE}/", {**values, "_save": "1"}, follow=True).content.decode()
    assert "no longer flagged &#x27;case file missing&#x27;" in saved  # saving it back (no change) reattaches
    assert 'id="attention-tile"' not in client.get("/dashboard/").content.decode()


def test_close_on_a_busy_docket_waits_briefly_and_says_so_without_its_path(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest, docket = room
    shutil.move(cases_dir / "h1b-okafor.yaml", tmp_path / "h1b-okafor.yaml")
    assert main(ingest) == 0
    page = client_for("specialist").get("/dashboard/").content.decode()
    ids = [int(i) for i in re.findall(r'action="/deadlines/(\d+)/done/"', page)]
    assert ids
    monkeypatch.setattr(docket_service, "SYNC_WAIT", 0.2)  # the fault: another program holds the write lock
    holder = sqlite3.connect(docket, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = client_for("specialist").post(f"/deadlines/{ids[0]}/done/", follow=True).content.decode()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "Not closed: The docket is busy" in done and "nothing was closed" in done
    assert str(docket) not in done and str(tmp_path) not in done
    with open_docket(docket, create=False) as d:
        assert ids[0] in {r.id for r in d.deadlines_due()}  # still open, for the next try


def test_a_case_id_changed_on_the_page_flags_the_old_id_s_deadlines_at_once(
    client_for: Any, room: tuple[list[str], Path], cases_dir: Path
) -> None:
    _, docket = room
    client = client_for("specialist")
    values = _open(client, f"/cases/{CASE}/")
    values["case_id"] = "ACME-2026-0150"
    page = client.post(f"/cases/{CASE}/", {**values, "_save": "1"}, follow=True).content.decode()
    assert "The case id changed: " in page and f"of {CASE} in the docket are flagged" in page
    with open_docket(docket, create=False) as d:
        rows = d.deadlines_due()
    assert [r for r in rows if r.case_id == CASE] and all(r.case_missing for r in rows if r.case_id == CASE)
    assert [r for r in rows if r.case_id == "ACME-2026-0150"] and not any(
        r.case_missing for r in rows if r.case_id != CASE
    )
