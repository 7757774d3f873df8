"""Workspace pages on the docket: learned aliases (mailroom and admin), each user's calendar feed (token only,
revocable, no personal data), a built packet marked filed once. A real SQLite docket in the test's folder."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import icalendar
import pytest
from django.test import Client

from docgen.mailroom.docket import AliasKind, Deadline, DeadlineKind, NewAlias, open_docket

CASE = "ACME-2026-0142"
TODAY = dt.date.today()


@pytest.fixture
def docket(tmp_path: Path, settings: Any) -> Path:
    """A docket with an open deadline, one closed last week, one closed long ago, and two aliases."""
    path = tmp_path / "docket.sqlite"
    settings.DOCKET_PATH = path
    with open_docket(path) as d:
        with d.transaction() as tx:
            tx.add_deadline(
                Deadline(
                    CASE,
                    "principal",
                    DeadlineKind.RFE_RESPONSE,
                    TODAY + dt.timedelta(days=20),
                    "RFE response for I-129 WAC2690012345 must arrive at USCIS",
                )
            )
            tx.add_deadline(
                Deadline(
                    CASE,
                    "spouse",
                    DeadlineKind.PASSPORT_EXPIRES,
                    TODAY + dt.timedelta(days=90),
                    "Emeka Okafor: passport expires",
                )
            )
            tx.add_deadline(
                Deadline(
                    CASE,
                    "principal",
                    DeadlineKind.BIOMETRICS,
                    TODAY - dt.timedelta(days=7),
                    "Biometrics for I-539 at 10:00 USCIS OAKLAND",
                )
            )
            tx.add_deadline(
                Deadline(CASE, "principal", DeadlineKind.NOID_RESPONSE, TODAY - dt.timedelta(days=200), "NOID response")
            )
            tx.add_alias(
                NewAlias(AliasKind.NAME, "LINDGREN ASTRID MARIA", "LINDGREN, ASTRID MARIA", CASE, person="principal")
            )
            tx.add_alias(NewAlias(AliasKind.RECEIPT, "EAC2690200777", "EAC2690200777", CASE))
        with d.transaction() as tx:
            for row in d.deadlines_due():
                if row.kind in (DeadlineKind.BIOMETRICS, DeadlineKind.NOID_RESPONSE):
                    tx.mark_done(row.id)
    return path


def _feed_url(client: Client, replaces: str = "") -> str:
    response = client.post("/calendar/", {"action": "new", "replaces": replaces})
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('id="calendar-url" value="') + len('id="calendar-url" value="')
    url = page[start : page.index('"', start)]
    assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
    return url.removeprefix("http://testserver")


def test_calendar_feed_by_token_only_shown_once_revocable(client_for: Any, docket: Path) -> None:
    from docgen.web.accounts.models import AuditEntry, CalendarFeed

    client = client_for("mailroom")
    path = _feed_url(client)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    assert len(token) >= 40
    assert token not in client.get("/calendar/").content.decode()  # shown once only
    assert token not in repr(list(CalendarFeed.objects.values())) and token not in repr(
        list(AuditEntry.objects.values())
    )
    anonymous = Client()  # a calendar program: no session, no cookies
    response = anonymous.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "sessionid" not in response.cookies and "docgen_session" not in response.cookies
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {(str(e["SUMMARY"]), str(e.get("STATUS", ""))) for e in calendar.walk("VEVENT")}
    assert events == {
        (f"RFE response due - {CASE}", ""),
        (f"Passport expires - {CASE}", ""),
        (f"Done: Biometrics appointment - {CASE}", "CANCELLED"),  # closed a week ago: calendars drop it
    }  # the NOID closed 200 days ago is left out
    text = response.content.decode()
    for private in ("Okafor", "Emeka", "OAKLAND", "WAC2690012345"):
        assert private not in text  # what, which case and whose only
    assert CalendarFeed.objects.get().last_fetched is not None
    assert anonymous.head(path).status_code == 200
    assert anonymous.get(path.replace(token, token[:-1] + ("A" if token[-1] != "A" else "B"))).status_code == 404
    new_path = _feed_url(client, str(CalendarFeed.objects.get().pk))  # revoke and make a new one
    assert anonymous.get(path).status_code == 404 and anonymous.get(new_path).status_code == 200
    assert client.post("/calendar/", {"action": "revoke"}).status_code == 302
    assert anonymous.get(new_path).status_code == 404
    assert CalendarFeed.objects.count() == 0


def test_a_disabled_user_s_feed_is_gone_and_the_token_never_logged(
    client_for: Any, users: dict[str, Any], docket: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _feed_url(client_for("specialist"))
    users["specialist"].is_active = False
    users["specialist"].save()
    handler = logging.getLogger("django").handlers[0]
    records: list[str] = []
    handler.addFilter(lambda record: records.append(record.getMessage()) or True)
    try:
        assert Client().get(path).status_code == 404
    finally:
        handler.filters.pop()
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    assert records and all(token not in line for line in records), records
    assert any("/calendar/(address hidden)" in line for line in records)


def test_a_feed_of_a_damaged_docket_is_an_error_not_an_empty_calendar(
    client_for: Any, tmp_path: Path, settings: Any
) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database at all, " * 100)
    settings.DOCKET_PATH = damaged
    path = _feed_url(client_for("counsel"))
    assert Client().get(path).status_code == 503


@pytest.mark.parametrize(
    "role,allowed", [("mailroom", True), ("admin", True), ("specialist", False), ("counsel", False)]
)
def test_the_alias_page_is_the_mailroom_s_and_the_admin_s(
    role: str, allowed: bool, client_for: Any, docket: Path
) -> None:
    response = client_for(role).get("/mailroom/aliases/")
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        page = response.content.decode()
        assert "LINDGREN, ASTRID MARIA" in page and "EAC2690200777" in page and 'name="remove"' in page
        assert ">Aliases</a>" in page


def test_removing_an_alias_is_audited_in_the_docket_and_the_workspace(client_for: Any, docket: Path) -> None:
    from docgen.web.accounts.models import AuditEntry

    with open_docket(docket) as d:
        name, _ = d.aliases()
    client = client_for("mailroom", csrf=True)
    assert client.post("/mailroom/aliases/", {"remove": str(name.id)}).status_code == 403  # no CSRF token
    client = client_for("mailroom")
    response = client.post("/mailroom/aliases/", {"remove": str(name.id)}, follow=True)
    assert "Removed: name &#x27;LINDGREN, ASTRID MARIA&#x27;" in response.content.decode()
    response = client.post("/mailroom/aliases/", {"remove": str(name.id)}, follow=True)
    assert f"no alias {name.id}" in response.content.decode()
    with open_docket(docket) as d:
        assert [a.kind for a in d.aliases()] == [AliasKind.RECEIPT]
        (entry,) = [e for e in d.audit_log() if e.action == "alias removed"]
    assert entry.actor == "mailroom" and entry.details["alias"] == name.id
    assert AuditEntry.objects.filter(action="alias removed", username="mailroom", case_id=CASE).count() == 1


def test_marking_a_packet_filed_needs_a_built_packet_and_a_past_day(
    client_for: Any, users: dict[str, Any], docket: Path
) -> None:
    from docgen.web.workspace.models import Job

    form = Job.objects.create(kind="form", title="I-765", owner=users["admin"], case_id=CASE, status="done")
    packet = Job.objects.create(kind="packet", title="quick", owner=users["admin"], case_id=CASE, status="done")
    client = client_for("specialist")
    assert client.post(f"/jobs/{form.pk}/filed/", {"filed_on": TODAY.isoformat()}).status_code == 403
    assert client_for("mailroom").post(f"/jobs/{packet.pk}/filed/", {"filed_on": "2026-06-01"}).status_code == 403
    later = (TODAY + dt.timedelta(days=1)).isoformat()
    page = client.post(f"/jobs/{packet.pk}/filed/", {"filed_on": later}, follow=True).content.decode()
    assert f"Not marked: {later} is after today" in page
    page = client.post(f"/jobs/{packet.pk}/filed/", {"filed_on": "June 1"}, follow=True).content.decode()
    assert "Filed on: &#x27;June 1&#x27; is not a date (write YYYY-MM-DD or MM/DD/YYYY)" in page
    page = client.post(f"/jobs/{packet.pk}/filed/", {"filed_on": "2026-06-01"}, follow=True).content.decode()
    assert "only a packet that was built (with its manifest) can be marked filed" in page
    with open_docket(docket) as d:
        assert d.expected_receipts() == []


def test_a_renewed_passport_cancels_the_old_event_in_the_feed_and_adds_the_new(
    client_for: Any, cases_dir: Path, tmp_path: Path, settings: Any
) -> None:
    from docgen.cli import main

    docket = tmp_path / "renewed.sqlite"
    settings.DOCKET_PATH = docket
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    ingest = ["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases_dir)]
    assert main(ingest) == 0  # an empty inbox: the case files' deadlines are recorded
    anonymous, path = Client(), _feed_url(client_for("specialist"))

    def events() -> dict[str, tuple[str, str, str]]:
        calendar = icalendar.Calendar.from_ical(anonymous.get(path).content)
        return {
            str(e["UID"]): (str(e["SUMMARY"]), e.decoded("DTSTART").isoformat(), str(e.get("STATUS", "")))
            for e in calendar.walk("VEVENT")
            if "Passport" in str(e["SUMMARY"]) and CASE in str(e["SUMMARY"])
        }

    before = events()
    (old_uid,) = [uid for uid, (_, day, _) in before.items() if day == "2031-02-09"]
    case_file = cases_dir / "h1b-okafor.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8").replace("2031-02-09", "2036-02-09"), encoding="utf-8")
    assert main(ingest) == 0  # the file read again: the old date superseded, the new one added
    after = events()
    assert after[old_uid] == (f"Superseded: Passport expires - {CASE}", "2031-02-09", "CANCELLED")
    (new_uid,) = [uid for uid, (_, day, _) in after.items() if day == "2036-02-09"]
    assert after[new_uid] == (f"Passport expires - {CASE}", "2036-02-09", "") and new_uid not in before
    with open_docket(docket) as d:
        (entry,) = [e for e in d.audit_log() if e.action == "case-file deadline superseded"]
    assert entry.case_id == CASE and entry.details["kind"] == "Passport expires"
    assert entry.details["person"] == "principal"
    for private in ("2031", "2036", "Okafor", "Chidera", "A09876543"):
        assert private not in repr(entry)  # which deadline, never the person's dates or name


def test_removing_an_alias_names_the_notices_it_filed(client_for: Any, docket: Path) -> None:
    from docgen.mailroom.docket import NewNotice, NoticeStatus

    filed = f"/cases/{CASE}/notices/2026-08-20_I-129_approval_EAC2690200888.pdf"
    with open_docket(docket) as d:
        name, _ = d.aliases()
        with d.transaction() as tx:  # a notice the matcher filed by the learned name
            notice_id = tx.add_notice(
                NewNotice(
                    identity="EAC2690200888|approval|2026-08-20",
                    source_hash="cd" * 32,
                    source_pages="1",
                    status=NoticeStatus.FILED,
                    data={"beneficiary": "LINDGREN, ASTRID MARIA", "receipt_number": "EAC2690200888"},
                    filed_path=filed,
                    case_id=CASE,
                )
            )
    response = client_for("mailroom").post("/mailroom/aliases/", {"remove": str(name.id)}, follow=True)
    page = response.content.decode()
    assert "Removed: name &#x27;LINDGREN, ASTRID MARIA&#x27;" in page
    assert (
        f"1 notice filed to {CASE} with this alias stays there (removing it moves nothing): notice {notice_id} "
        "(2026-08-20_I-129_approval_EAC2690200888.pdf); if it belongs to another case, move it by hand" in page
    )
    assert "/cases/" + CASE + "/notices" not in page  # the file's name, never the server's path
