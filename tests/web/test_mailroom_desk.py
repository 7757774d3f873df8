"""The mailroom review desk through Django's test client: who may use it, CSRF on every action, page images only
through the login-protected view, corrections checked as ``mailroom resolve --set`` checks them, and no
identity number in either audit trail. One ingest for the module (``tests/web/desk_inbox.py``)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from docgen.mailroom.cases import HIDDEN
from docgen.mailroom.docket import ReviewStatus, open_docket
from docgen.mailroom.ingest import ingest_inbox
from tests.web.desk_inbox import NOT_A_NOTICE, OTHER, UNDATED, UNMATCHED, fill_inbox, recorded_confidence

ROOT = Path(__file__).resolve().parents[2]
ROLES = ("admin", "counsel", "specialist", "mailroom")


@pytest.fixture(scope="module")
def mailroom(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample cases, and a docket whose review queue holds the four items of ``fill_inbox``."""
    root = tmp_path_factory.mktemp("desk")
    shutil.copytree(ROOT / "samples" / "cases", root / "cases")
    fill_inbox(root / "inbox")
    report = ingest_inbox(root / "inbox", root / "docket.sqlite", root / "cases")
    assert len(report.review) == 4 and not report.filed, report
    with open_docket(root / "docket.sqlite") as docket:
        names = {r.id: Path(str(r.path)).name for r in docket.reviews()}
    by_file = {
        n: next(i for i, path in names.items() if n.removesuffix(".pdf") in path)
        for n in (NOT_A_NOTICE, OTHER, UNMATCHED, UNDATED)
    }
    return {"root": root, "docket": root / "docket.sqlite", "cases": root / "cases", "ids": by_file}


@pytest.fixture
def desk(mailroom: dict[str, Any], settings: Any) -> dict[str, Any]:
    settings.DOCKET_PATH = mailroom["docket"]
    settings.CASES_DIR = mailroom["cases"]
    return mailroom


def _review(desk: dict[str, Any], name: str) -> Any:
    with open_docket(desk["docket"]) as docket:
        return docket.review(desk["ids"][name])


def test_the_queue_lists_open_items_oldest_first(client_for: Any, desk: dict[str, Any]) -> None:
    page = client_for("mailroom").get("/mailroom/").content.decode()
    order = [page.index(f'data-review="{desk["ids"][n]}"') for n in (NOT_A_NOTICE, OTHER, UNMATCHED, UNDATED)]
    assert order == sorted(order)
    assert "no case has this receipt number or these names" in page and "EAC2690200777" in page
    assert "low confidence or missing: notice_date" in page
    assert "whole file" in page  # the letter: no notice read from it


@pytest.mark.parametrize("role", [*ROLES, None])
def test_role_matrix(role: str | None, client_for: Any, desk: dict[str, Any], users: dict[str, Any]) -> None:
    """Every role works the desk (the roles nest: a specialist or counsel can cover the mailroom); an account
    without a role sees none of it and can change nothing."""
    if role is None:
        from django.contrib.auth.models import User

        client = Client()
        client.force_login(User.objects.create_user("norole", password="unused unused 1"))
    else:
        client = client_for(role)
    number = desk["ids"][UNMATCHED]
    expected = 200 if role else 403
    for url in ("/mailroom/", f"/mailroom/{number}/", f"/mailroom/{number}/pages/1.png"):
        assert client.get(url).status_code == expected, (role, url)
    if role is None:
        for action in ("correct", "assign", "not-a-notice", "dismiss"):
            assert client.post(f"/mailroom/{number}/{action}/", {"reason": "x"}).status_code == 403
        assert _review(desk, UNMATCHED).status is ReviewStatus.OPEN
    nav = client.get("/").content.decode()
    assert ('href="/mailroom/"' in nav) is bool(role)


@pytest.mark.parametrize("action", ["correct", "assign", "not-a-notice", "dismiss"])
def test_actions_without_csrf_token_are_refused(action: str, client_for: Any, desk: dict[str, Any]) -> None:
    number = desk["ids"][UNMATCHED]
    client = client_for("mailroom", csrf=True)
    response = client.post(
        f"/mailroom/{number}/{action}/", {"case_id": "ACME-2026-0142", "reason": "x", "notice_date": "2026-04-15"}
    )
    assert response.status_code == 403 and b"without its security token" in response.content
    assert _review(desk, UNMATCHED).status is ReviewStatus.OPEN


def test_page_images_come_only_from_the_login_protected_view(client_for: Any, desk: dict[str, Any]) -> None:
    number = desk["ids"][UNMATCHED]
    page = client_for("mailroom").get(f"/mailroom/{number}/").content.decode()
    assert f'src="/mailroom/{number}/pages/1.png"' in page
    image = client_for("mailroom").get(f"/mailroom/{number}/pages/1.png")
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    assert image["Cache-Control"] == "no-store"
    assert client_for("mailroom").get(f"/mailroom/{number}/pages/2.png").status_code == 404
    anonymous = Client().get(f"/mailroom/{number}/pages/1.png")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    whole = client_for("mailroom").get(f"/mailroom/{desk['ids'][NOT_A_NOTICE]}/pages/1.png")
    assert whole.content.startswith(b"\x89PNG")  # a whole file in review is drawn the same way
    review_copy = Path(str(_review(desk, UNMATCHED).path))
    assert review_copy.name not in page.replace(f">{review_copy.name}<", "")  # its name is shown, never linked


def test_fields_show_confidence_and_source_and_low_ones_are_highlighted(client_for: Any, desk: dict[str, Any]) -> None:
    page = client_for("mailroom").get(f"/mailroom/{desk['ids'][UNDATED]}/").content.decode()
    row = page[page.index('id="row-notice_date"') :]
    assert row.startswith('id="row-notice_date" class="low')
    assert recorded_confidence(desk["docket"], desk["ids"][UNDATED], "notice_date") in row[: row.index("</tr>")]
    receipt = page[page.index('id="row-receipt_number"') :]
    assert receipt.startswith('id="row-receipt_number" class=""')
    assert "<code>EAC2690200778</code>" in receipt[: receipt.index("</tr>")]  # the text it was read from


@pytest.mark.parametrize("typed", ["14/04/2026", "04/14/26", "2026-02-30", "April 14"])
def test_a_bad_correction_is_shown_beside_its_input(client_for: Any, desk: dict[str, Any], typed: str) -> None:
    number = desk["ids"][UNDATED]
    response = client_for("mailroom").post(
        f"/mailroom/{number}/correct/", {"notice_date": typed, "receipt_number": "EAC123"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    fix = "notice_date is not a date: write YYYY-MM-DD or MM/DD/YYYY (month first)"
    assert f'id="f-notice_date-error" role="alert">{fix}<' in page
    assert 'id="f-receipt_number-error" role="alert">a receipt number is 3 letters and 10 digits<' in page
    assert f'value="{typed}"' in page  # what was typed stays in the input
    with open_docket(desk["docket"]) as docket:
        notice = docket.notice(_review(desk, UNDATED).notice_id)
        assert notice is not None and notice.notice_date is None


def test_a_us_style_date_is_taken_as_a_case_file_takes_it(
    client_for: Any, desk: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    desk = {**desk, "docket": shutil.copy(desk["docket"], tmp_path / "docket.sqlite")}  # the others' stays
    settings.DOCKET_PATH = desk["docket"]
    number = desk["ids"][UNDATED]
    response = client_for("mailroom").post(f"/mailroom/{number}/correct/", {"notice_date": "04/14/2026"})
    assert response.status_code == 302
    with open_docket(desk["docket"]) as docket:
        notice = docket.notice(_review(desk, UNDATED).notice_id)
        assert notice is not None and notice.notice_date == "2026-04-14"
        assert notice.data["corrected"] == ["notice_date"]


def test_a_date_retyped_in_the_other_format_is_the_same_date_confirmed_not_corrected(
    client_for: Any, desk: dict[str, Any], tmp_path: Path, settings: Any
) -> None:
    """2026-04-14 read, 04/14/2026 typed: the same day. It was recorded as "corrected by a reviewer" (and audited
    as a correction), which says the reader misread a date it read right."""
    from docgen.web.accounts.models import AuditEntry

    desk = {**desk, "docket": shutil.copy(desk["docket"], tmp_path / "docket.sqlite")}  # the others' stays
    settings.DOCKET_PATH = desk["docket"]
    number = desk["ids"][UNMATCHED]
    with open_docket(desk["docket"]) as docket:
        before = docket.notice(_review(desk, UNMATCHED).notice_id)
        audits = len(docket.audit_log())
    assert before is not None and before.notice_date == "2026-04-14"
    client = client_for("mailroom")
    response = client.post(f"/mailroom/{number}/correct/", {"notice_date": "04/14/2026"}, follow=True)
    assert b"notice_date: the same as read, confirmed; nothing was changed" in response.content
    assert "corrected by a reviewer" not in response.content.decode()
    with open_docket(desk["docket"]) as docket:
        after = docket.notice(before.id)
        assert after is not None and after.data == before.data  # no "corrected", nothing written
        assert len(docket.audit_log()) == audits
    response = client.post(f"/mailroom/{number}/correct/", {"notice_date": "04/14/2026", "classification": "H-1B"})
    assert response.status_code == 302
    with open_docket(desk["docket"]) as docket:
        after = docket.notice(before.id)
        entry = [a for a in docket.audit_log() if a.action == "notice corrected"][-1]
    assert after is not None and after.data["corrected"] == ["classification"]
    assert after.notice_date == "2026-04-14" and entry.details["corrections"] == {"classification": "H-1B"}
    workspace = AuditEntry.objects.filter(action="review notice corrected").values()
    assert list(workspace)[-1]["details"] == {"fields": ["classification"]}


def test_a_correction_is_recorded_with_the_user_and_no_identity_number(client_for: Any, desk: dict[str, Any]) -> None:
    from docgen.web.accounts.models import AuditEntry

    number = desk["ids"][UNDATED]
    a_number = "A087654321"
    response = client_for("specialist").post(
        f"/mailroom/{number}/correct/", {"a_number": a_number, "classification": "H-1B"}, follow=True
    )
    assert b"corrections saved; no single case matches them yet" in response.content
    page = response.content.decode()
    assert 'id="row-a_number" class=""' in page and "corrected by a reviewer" in page
    with open_docket(desk["docket"]) as docket:
        notice = docket.notice(_review(desk, UNDATED).notice_id)
        entries = [a for a in docket.audit_log() if a.action == "notice corrected"]
    assert notice is not None and notice.data["a_number"] == a_number
    assert notice.data["corrected"] == ["a_number", "classification"]
    assert entries[-1].actor == "specialist"
    assert entries[-1].details["corrections"] == {"a_number": HIDDEN, "classification": "H-1B"}
    workspace = list(AuditEntry.objects.filter(action="review notice corrected").values())
    assert workspace and workspace[-1]["username"] == "specialist"
    assert workspace[-1]["details"] == {"fields": ["a_number", "classification"]}
    assert "87654321" not in repr(entries) + repr(workspace)


def test_cases_are_found_by_name_receipt_number_petitioner_or_id(client_for: Any, desk: dict[str, Any]) -> None:
    client = client_for("mailroom")
    number = desk["ids"][UNMATCHED]

    def found(text: str) -> list[str]:
        response = client.post(f"/mailroom/{number}/", {"q": text})
        assert response.status_code == 200
        return [h.case_id for h in response.context["hits"]]

    assert found("Okafor") == ["ACME-2026-0142"]
    assert found("chidera okafor") == ["ACME-2026-0142"]
    assert found("WAC 2390123456") == ["ACME-2026-0142"]  # a receipt number the case holds
    assert found("Cascadia Bridgeworks") == ["CASCADIA-2026-0077"]
    assert found("tamsworth-2026") == ["TAMSWORTH-2026-0031"]
    assert found("Lindgren") == []
    assert b"No case holds all of" in client.post(f"/mailroom/{number}/", {"q": "Lindgren"}).content
    assert _review(desk, UNMATCHED).status is ReviewStatus.OPEN  # a search changes nothing


def test_filing_without_choosing_a_case_or_to_an_unknown_one_says_so(client_for: Any, desk: dict[str, Any]) -> None:
    number = desk["ids"][UNMATCHED]
    client = client_for("mailroom")
    response = client.post(f"/mailroom/{number}/assign/", {})
    assert response.status_code == 422 and b"Search for the case and choose it first." in response.content
    response = client.post(f"/mailroom/{number}/assign/", {"case_id": "NO-SUCH-1"})
    assert response.status_code == 422 and b"no case &#x27;NO-SUCH-1&#x27;" in response.content
    assert _review(desk, UNMATCHED).status is ReviewStatus.OPEN


def test_a_scanned_image_waiting_whole_is_drawn_too(client_for: Any, desk: dict[str, Any], tmp_path: Path) -> None:
    """An image file sent to review whole (unreadable) is shown as PNG pages like a PDF, scaled to the page."""
    from PIL import Image

    copy = tmp_path / "unreadable-scan.jpg"
    shutil.copy(ROOT / "samples" / "notices" / "bad" / "unreadable-scan.jpg", copy)
    with open_docket(desk["docket"]) as docket, docket.transaction() as tx:
        number = tx.add_review("scan unreadable: review by hand", str(copy), source_hash="0" * 64)
    client = client_for("mailroom")
    page = client.get(f"/mailroom/{number}/").content.decode()
    assert f'src="/mailroom/{number}/pages/1.png"' in page and "/pages/2.png" not in page
    image = client.get(f"/mailroom/{number}/pages/1.png")
    with Image.open(io.BytesIO(image.content)) as drawn:
        assert drawn.format == "PNG" and drawn.width <= 900
    client.post(f"/mailroom/{number}/not-a-notice/")
    assert client.get(f"/mailroom/{number}/pages/1.png").status_code == 404  # closed: its pages are not served


def test_filing_for_a_person_of_the_case(client_for: Any, desk: dict[str, Any]) -> None:
    number = desk["ids"][OTHER]
    client = client_for("counsel")
    page = client.post(f"/mailroom/{number}/", {"q": "Okafor"}).content.decode()
    assert '<option value="spouse">Emeka Okafor (spouse)</option>' in page
    response = client.post(f"/mailroom/{number}/assign/", {"case_id": "ACME-2026-0142", "person": "child9"})
    assert response.status_code == 422
    assert b"&#x27;child9&#x27; is not a person of case ACME-2026-0142" in response.content
    response = client.post(
        f"/mailroom/{number}/assign/", {"case_id": "ACME-2026-0142", "person": "child9", "q": "Okafor"}
    )
    assert b'<input type="radio" name="case_id" value="ACME-2026-0142" checked>' in response.content  # kept
    assert _review(desk, OTHER).status is ReviewStatus.OPEN
    response = client.post(
        f"/mailroom/{number}/assign/", {"case_id": "ACME-2026-0142", "person": "spouse"}, follow=True
    )
    assert b"filed to ACME-2026-0142 as 2024-09-30_I-140_approval_SRC2490011223.pdf" in response.content
    assert _review(desk, OTHER).status is ReviewStatus.RESOLVED


def test_without_a_docket_the_queue_says_so(client_for: Any, settings: Any, tmp_path: Path) -> None:
    settings.DOCKET_PATH = tmp_path / "docket.sqlite"
    client = client_for("mailroom")
    response = client.get("/mailroom/")
    assert response.status_code == 200 and b"no notices have been ingested yet" in response.content
    assert client.get("/mailroom/1/").status_code == 404
    assert not (tmp_path / "docket.sqlite").exists()  # looking never makes one


def test_a_mistyped_i94_number_is_refused_beside_its_input(client_for: Any, desk: dict[str, Any]) -> None:
    number = desk["ids"][UNDATED]
    response = client_for("mailroom").post(f"/mailroom/{number}/correct/", {"i94_number": "4123456789O"})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="f-i94_number-error" role="alert">write 11 digits, or 9 digits, a letter and a digit<' in page
    with open_docket(desk["docket"]) as docket:
        notice = docket.notice(_review(desk, UNDATED).notice_id)
    assert notice is not None and not notice.data.get("i94_number")


def test_desk_errors_say_what_to_do_in_the_page_and_name_the_copy_not_its_path(
    client_for: Any, desk: dict[str, Any], tmp_path: Path
) -> None:
    client = client_for("counsel")
    number = desk["ids"][UNMATCHED]
    copy = Path(str(_review(desk, UNMATCHED).path))
    aside = tmp_path / copy.name
    shutil.move(copy, aside)
    try:
        response = client.post(f"/mailroom/{number}/assign/", {"case_id": "ACME-2026-0142"})
    finally:
        shutil.move(aside, copy)
    text = response.content.decode()
    assert response.status_code == 422
    assert f"its copy {copy.name} is gone" in text and str(copy.parent) not in text
    assert _review(desk, UNMATCHED).status is ReviewStatus.OPEN

    with open_docket(desk["docket"]) as docket, docket.transaction() as tx:  # an item settled already
        closed = tx.add_review("test: settled", str(tmp_path / "settled.pdf"), source_hash="1" * 64)
        tx.close_review(closed, "dismissed: test")
    text = client.post(f"/mailroom/{closed}/not-a-notice/").content.decode()
    assert f"review item {closed} is not open; the Mailroom tab lists the items still open" in text
    assert "docgen mailroom review" not in text


def test_a_notice_nothing_ties_to_the_chosen_case_asks_for_the_person_beside_for(
    client_for: Any, desk: dict[str, Any]
) -> None:
    # The Borealis rejection prints no name, petitioner or receipt number of the Okafor case: a clerk who picks
    # that case (the one open on their screen) is asked whom of it the notice is about, beside "For".
    number = desk["ids"][UNMATCHED]
    client = client_for("mailroom")
    response = client.post(f"/mailroom/{number}/assign/", {"case_id": "ACME-2026-0142", "q": "Okafor"})
    assert response.status_code == 422
    page = response.content.decode()
    error = page.split('id="person-error" role="alert">', 1)[1].split("</span>", 1)[0]
    assert "nothing on the notice ties it to case ACME-2026-0142" in error
    assert "LINDGREN, ASTRID MARIA" in error and "Chidera Okafor (principal)" in error
    assert "choosing the person in &#x27;For&#x27;" in error and "--for" not in error
    assert '<select id="person" name="person" aria-invalid="true"' in page
    assert _review(desk, UNMATCHED).status is ReviewStatus.OPEN
    with open_docket(desk["docket"]) as docket:
        assert not [a for a in docket.aliases() if "LINDGREN" in a.written or a.written == "EAC2690200777"]


def test_an_item_says_since_when_it_waits_in_the_firms_time_not_a_utc_stamp(
    client_for: Any, desk: dict[str, Any], settings: Any
) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    settings.TIME_ZONE = "America/Chicago"
    review = _review(desk, UNDATED)
    page = client_for("mailroom").get(f"/mailroom/{review.id}/").content.decode()
    local = dt.datetime.fromisoformat(review.created_at).astimezone(ZoneInfo("America/Chicago"))
    shown = page.split('<span id="waiting-since">', 1)[1].split("</span>", 1)[0]
    assert shown.startswith(local.strftime("%Y-%m-%d %H:%M")) and shown.endswith(" ago)")
    assert review.created_at not in page  # the docket's UTC stamp, "2026-12-02T15:04:05+00:00", is not shown


def test_a_filed_items_page_unfiles_its_notice_back_to_review(client_for: Any, tmp_path: Path, settings: Any) -> None:
    # A desk of its own (the module's is shared): the notice is filed, then unfiled from the closed item's page.
    root = tmp_path / "desk"
    shutil.copytree(ROOT / "samples" / "cases", root / "cases")
    fill_inbox(root / "inbox")
    ingest_inbox(root / "inbox", root / "docket.sqlite", root / "cases")
    settings.DOCKET_PATH, settings.CASES_DIR = root / "docket.sqlite", root / "cases"
    with open_docket(root / "docket.sqlite") as docket:
        number = next(r.id for r in docket.reviews() if OTHER.removesuffix(".pdf") in str(r.path))
    client = client_for("specialist")
    filed = client.post(f"/mailroom/{number}/assign/", {"case_id": "ACME-2026-0142", "person": "spouse"}, follow=True)
    assert b"filed to ACME-2026-0142" in filed.content
    page = client.get(f"/mailroom/{number}/").content.decode()
    assert 'id="unfile"' in page and "Unfile from ACME-2026-0142" in page
    with open_docket(root / "docket.sqlite") as docket:
        notice_id = docket.review(number).notice_id  # type: ignore[union-attr]
    response = client.post(f"/mailroom/notices/{notice_id}/unfile/", {"reason": "not the Okafors'"}, follow=True)
    text = response.content.decode()
    assert f"notice {notice_id} unfiled from ACME-2026-0142: back to review as item" in text
    assert 'id="fields"' in text  # the new review item's page, ready to file it elsewhere
    with open_docket(root / "docket.sqlite") as docket:
        (again,) = [r for r in docket.reviews() if r.notice_id == notice_id]
    assert again.reason == "unfiled from ACME-2026-0142: not the Okafors'" and Path(str(again.path)).is_file()
    assert response.redirect_chain[-1][0] == f"/mailroom/{again.id}/"  # the id the unfiling returned, as data
    assert not list((root / "cases" / "ACME-2026-0142" / "notices").glob("*SRC2490011223*"))
