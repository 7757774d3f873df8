"""Security of the workspace: login everywhere, CSRF on every change, each role's access, uploads, lock-out,
no identity numbers in the audit trail or URLs."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from tests.web.conftest import PASSWORD

CASE = "ACME-2026-0142"

# page -> roles that may open it
MATRIX: dict[str, set[str]] = {
    "/": {"admin", "counsel", "specialist", "mailroom"},
    "/dashboard/": {"admin", "counsel", "specialist", "mailroom"},
    "/dashboard/export/deadlines.csv": {"admin", "counsel", "specialist", "mailroom"},
    "/cases/new/": {"admin", "counsel", "specialist"},
    f"/cases/{CASE}/": {"admin", "counsel", "specialist"},
    f"/cases/{CASE}/todo/": {"admin", "counsel", "specialist"},
    f"/cases/{CASE}/forms/": {"admin", "counsel", "specialist"},
    f"/cases/{CASE}/letters/": {"admin", "counsel", "specialist"},
    f"/cases/{CASE}/packets/": {"admin", "counsel", "specialist"},
    f"/cases/{CASE}/packets/assemble/": {"admin", "counsel", "specialist"},
    "/batch/": {"admin", "counsel"},
    "/users/": {"admin"},
    "/audit/": {"admin"},
    "/jobs/{form}/": {"admin", "counsel", "specialist"},
    "/jobs/{form}/status/": {"admin", "counsel", "specialist"},
    "/jobs/{batch}/": {"admin", "counsel"},
    "/mailroom/aliases/": {"admin", "mailroom"},
    "/calendar/": {"admin", "counsel", "specialist", "mailroom"},
    "/mailroom/": {"admin", "counsel", "specialist", "mailroom"},  # the review desk (tests/web/test_mailroom_desk.py)
}

# every state-changing URL
POSTS = [
    "/logout/",
    "/users/",
    "/cases/new/",
    f"/cases/{CASE}/",
    f"/cases/{CASE}/reveal/",
    f"/cases/{CASE}/forms/",
    f"/cases/{CASE}/letters/",
    f"/cases/{CASE}/packets/",
    f"/cases/{CASE}/packets/assemble/",
    "/templates/upload/",
    "/batch/",
    "/mailroom/aliases/",
    "/calendar/",
    "/jobs/00000000-0000-4000-8000-000000000000/filed/",
    "/mailroom/1/",
    "/mailroom/1/correct/",
    "/mailroom/1/assign/",
    "/mailroom/1/not-a-notice/",
    "/mailroom/1/dismiss/",
    "/mailroom/notices/1/unfile/",
    "/mailroom/upload/",
    "/deadlines/1/done/",
]


@pytest.fixture
def jobs(users: dict[str, Any]) -> dict[str, str]:
    from docgen.web.workspace.models import Job

    return {
        kind: str(Job.objects.create(kind=kind, title=f"test {kind}", owner=users["admin"], case_id=CASE).pk)
        for kind in ("form", "batch")
    }


def _url(template: str, jobs: dict[str, str]) -> str:
    return template.format(**jobs)


def test_every_url_pattern_is_in_the_matrix_or_posts() -> None:
    """A new page must be added to the access matrix (so its roles are tested)."""
    covered = {p.split("/")[1] for p in [*MATRIX, *POSTS]}
    for pattern in get_resolver().url_patterns:
        assert isinstance(pattern, URLPattern)
        first = str(pattern.pattern).split("/")[0]
        # upload-too-large: every role's answer to a body over the limit (tests/web/test_browser_upload_limit.py)
        assert first in covered | {"login", "jobs", "templates", "upload-too-large"}, pattern


@pytest.mark.parametrize("page", [*MATRIX, *POSTS])
def test_every_page_requires_login(page: str, jobs: dict[str, str], cases_dir: Path) -> None:
    client = Client()
    url = _url(page, jobs)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    response = client.post(url, {})
    assert response.status_code in (302, 403), url
    if response.status_code == 302:
        assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("role", ["admin", "counsel", "specialist", "mailroom"])
def test_access_matrix(role: str, client_for: Any, jobs: dict[str, str], cases_dir: Path) -> None:
    client = client_for(role)
    for page, allowed in MATRIX.items():
        response = client.get(_url(page, jobs))
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, (role, page, response.status_code)


def test_mailroom_is_refused_a_filled_form(client_for: Any, jobs: dict[str, str]) -> None:
    client = client_for("mailroom")
    response = client.get(f"/jobs/{jobs['form']}/")
    assert response.status_code == 403
    assert b"mailroom staff see the case list" in response.content
    assert client.get(f"/jobs/{jobs['form']}/files/x.pdf").status_code == 403
    assert client.get(f"/jobs/{jobs['form']}/pages/x.pdf/1.png").status_code == 403


@pytest.mark.parametrize("page", POSTS)
def test_state_changes_without_csrf_token_are_refused(page: str, client_for: Any, cases_dir: Path) -> None:
    before = (cases_dir / "h1b-okafor.yaml").read_bytes()
    client = client_for("admin", csrf=True)
    response = client.post(page, {"case_id": "EVIL-1", "_save": "1", "username": "eve", "role": "admin"})
    assert response.status_code == 403
    assert b"without its security token" in response.content
    assert (cases_dir / "h1b-okafor.yaml").read_bytes() == before
    assert not (cases_dir / "EVIL-1.yaml").exists()


def test_login_form_needs_csrf_token(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "specialist", "password": PASSWORD})
    assert response.status_code == 403


def test_wrong_password_then_lockout_then_unlock(users: dict[str, Any], settings: Any) -> None:
    from docgen.web.accounts.users import unlock

    client = Client()
    for _ in range(settings.LOCKOUT_FAILURES - 1):
        response = client.post("/login/", {"username": "specialist", "password": "wrong"})
        assert b"correct username and password" in response.content
    response = client.post("/login/", {"username": "specialist", "password": "wrong"})
    assert b"Too many failed logins" in response.content
    response = client.post("/login/", {"username": "specialist", "password": PASSWORD})
    assert b"Too many failed logins" in response.content  # even the right password, while locked
    assert "_auth_user_id" not in client.session
    assert unlock("specialist")
    response = client.post("/login/", {"username": "specialist", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_security_headers(client_for: Any) -> None:
    response = client_for("specialist").get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "same-origin"


def _upload(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_upload_of_wrong_type_is_refused_with_a_message(client_for: Any) -> None:
    png = (Path(__file__).resolve().parents[2] / "samples" / "logos" / "acme-analytics.png").read_bytes()
    response = client_for("counsel").post("/batch/", {"cases": _upload("cases.csv", png), "forms": ["I-765"]})
    assert response.status_code == 422
    assert b"cases.csv is not a CSV or XLSX spreadsheet (its content is image/png)" in response.content


def test_upload_too_large_is_refused_with_a_message(client_for: Any, settings: Any) -> None:
    settings.UPLOAD_LIMIT = 1024
    data = b"case_id,beneficiary.family_name\n" + b"X-1,Doe\n" * 400
    response = client_for("counsel").post("/batch/", {"cases": _upload("big.csv", data), "forms": ["I-765"]})
    assert response.status_code == 422
    assert b"big.csv is 3.2 KB; files up to 1.0 KB are accepted." in response.content


def test_template_upload_of_wrong_type_is_refused(client_for: Any) -> None:
    response = client_for("counsel").post(
        "/templates/upload/", {"template": _upload("letter.docx", b"%PDF-1.7\n" + b"x" * 100)}, follow=True
    )
    assert b"letter.docx is not a Word document (DOCX)" in response.content


def test_identity_numbers_masked_revealed_on_request_and_never_audited(client_for: Any, cases_dir: Path) -> None:
    from docgen.web.accounts.models import AuditEntry

    text = (cases_dir / "h1b-okafor.yaml").read_text()
    passport = next(
        line.split(":", 1)[1].strip().strip('"') for line in text.splitlines() if line.strip().startswith("number:")
    )
    client = client_for("specialist")
    page = client.get(f"/cases/{CASE}/").content.decode()
    assert passport not in page
    assert "hidden" in page
    response = client.post(f"/cases/{CASE}/reveal/")
    assert response.status_code == 302
    page = client.get(f"/cases/{CASE}/").content.decode()
    assert passport in page
    entries = list(AuditEntry.objects.values_list("action", "case_id", "target", "details"))
    assert ("identity numbers shown", CASE, "", {}) in entries
    assert passport not in repr(entries)


def test_admin_adds_a_user_and_unlocks_a_locked_one(client_for: Any, settings: Any) -> None:
    admin = client_for("admin")
    response = admin.post(
        "/users/", {"username": "nadia", "role": "counsel", "password": "too short", "password2": "too short"}
    )
    assert b"This password is too short" in response.content
    response = admin.post(
        "/users/",
        {
            "username": "nadia",
            "role": "counsel",
            "password": "a long new passphrase",
            "password2": "a long new passphrase",
        },
        follow=True,
    )
    assert b"nadia can now log in as counsel" in response.content
    for _ in range(settings.LOCKOUT_FAILURES):
        Client().post("/login/", {"username": "nadia", "password": "wrong"})
    assert b"locked until" in admin.get("/users/").content
    admin.post("/users/", {"unlock": "nadia"})
    client = Client()
    assert client.post("/login/", {"username": "nadia", "password": "a long new passphrase"}).status_code == 302


def test_a_firms_docx_template_is_checked_and_kept(client_for: Any) -> None:
    from docgen.letters.render import template_path

    data = template_path("employment_verification").read_bytes()
    client = client_for("counsel")
    response = client.post(
        "/templates/upload/",
        {"template": _upload("Firm Letter.docx", data), "next": f"/cases/{CASE}/letters/"},
        follow=True,
    )
    assert b"Template firm-letter is ready to use." in response.content
    assert b'<option value="upload:firm-letter"' in response.content
    response = client.get(f"/cases/{CASE}/letters/?template=upload:firm-letter")
    assert b"What upload:firm-letter uses" in response.content


def test_a_spreadsheet_problem_names_the_file_the_user_uploaded(client_for: Any, settings: Any) -> None:
    """The kept copy has a name of its own; messages about the spreadsheet name the one the user chose."""
    data = b"case_id,beneficiary.family_name,case_id\nX-1,Doe,X-2\n"  # a column twice
    response = client_for("counsel").post("/batch/", {"cases": _upload("cap season.csv", data), "forms": ["I-765"]})
    assert response.status_code == 422
    page = response.content.decode()
    problem = page[page.index('class="error-box"') :][:600]
    assert "cap season.csv: column &#x27;case_id&#x27; appears twice" in problem, problem
    assert not re.search(r"[0-9a-f]{32}", problem), problem  # never the kept copy's random name
    assert not list((Path(settings.DATA_DIR) / "uploads").rglob("*.csv"))  # the refused upload is not kept


def test_the_favicon_alone_is_served_without_a_login(db: Any) -> None:
    from PIL import Image

    client = Client()  # a browser before its login: it asks for /favicon.ico on every page
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"].startswith("image/")
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO" and (16, 16) in icon.info["sizes"] and (32, 32) in icon.info["sizes"]
    assert "sessionid" not in response.cookies and "docgen_session" not in response.cookies
    for other in ("/favicon.ico/", "/favicon.png", "/favicon", "/favicon.ico.bak", "/robots.txt"):
        answer = client.get(other)  # nothing else beside it became public
        assert answer.status_code in (302, 404), other
        if answer.status_code == 302:
            assert answer["Location"].startswith("/login/"), other


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("case_id,beneficiary.given_name\nX-1,José\n".encode("latin-1"), "cap season.csv: not UTF-8 text"),
        (b'case_id,beneficiary.family_name\n"X-1,Doe\n', "cap season.csv:2: a quote"),
        (b"case_id;beneficiary.family_name\nX-1;Doe\n", "cap season.csv: the columns are separated by semicolons"),
    ],
)
def test_a_sheet_the_reader_refuses_is_named_as_uploaded_never_by_the_servers_path(
    client_for: Any, settings: Any, data: bytes, problem: str
) -> None:
    """Errors of the CSV reader itself (encoding, a quote left open, semicolons) showed the kept copy's path on
    the server (``/srv/docgen-data/uploads/<random>/cap season.csv``)."""
    response = client_for("counsel").post("/batch/", {"cases": _upload("cap season.csv", data), "forms": ["I-765"]})
    assert response.status_code == 422
    page = response.content.decode()
    shown = page[page.index('class="error-box"') :][:600]
    assert problem in shown.replace("&quot;", '"'), shown
    assert str(settings.DATA_DIR) not in page and "uploads/" not in shown and not re.search(r"[0-9a-f]{32}", shown)


@pytest.mark.parametrize(("cut", "problem"), [(True, "Firm Letter.docx: not a DOCX file"), (False, "is never closed")])
def test_a_template_the_checker_refuses_is_named_as_uploaded_never_by_the_servers_path(
    client_for: Any, settings: Any, cut: bool, problem: str
) -> None:
    import zipfile

    from docgen.letters.render import template_path

    data = template_path("employment_verification").read_bytes()
    if cut:
        data = data[:5000]
    else:
        source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                body = source.read(item.filename)
                if item.filename == "word/document.xml":
                    body = body.replace(b"{{", b"{%p if x %} {{", 1)
                target.writestr(item, body)
        data = out.getvalue()
    response = client_for("counsel").post(
        "/templates/upload/",
        {"template": _upload("Firm Letter.docx", data), "next": f"/cases/{CASE}/letters/"},
        follow=True,
    )
    page = response.content.decode()
    assert "The template was not kept: Firm Letter.docx" in page and problem in page, page[-3000:]
    assert str(settings.DATA_DIR) not in page and not re.search(r"uploads/[0-9a-f]{32}", page)


def test_the_users_page_refuses_a_name_django_itself_would_refuse(client_for: Any) -> None:
    from django.contrib.auth.models import User

    admin = client_for("admin")
    response = admin.post("/users/", {"username": "bad name/..", "role": "counsel",
                                      "password": "a long new passphrase", "password2": "a long new passphrase"})
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert "user name 'bad name/..': write letters, digits and @ . + - _ only" in page
    assert not User.objects.filter(username="bad name/..").exists()


def test_two_rows_with_one_case_id_are_refused_on_the_batch_page_with_advice_for_the_browser(
    client_for: Any, settings: Any
) -> None:
    """The outputs' names clash (both rows would write X-1_I-765.pdf): said on the page, before any job starts,
    with a fix a web user can follow (the sheet), never the CLI's ``--pattern``; and never the server's path."""
    from docgen.web.workspace.models import Job

    data = b"case_id,beneficiary.family_name\nX-1,Doe\nX-1,Roe\n"
    response = client_for("counsel").post("/batch/", {"cases": _upload("cap season.csv", data), "forms": ["I-765"]})
    assert response.status_code == 422
    page = response.content.decode()
    shown = page[page.index('class="error-box"') :][:600]
    assert "X-1_I-765.pdf would be written twice (cap season.csv row 2 and cap season.csv row 3)" in shown, shown
    assert "its own case_id" in shown and "upload it again" in shown
    assert "--pattern" not in page and "{form}" not in shown
    assert str(settings.DATA_DIR) not in page and not re.search(r"[0-9a-f]{32}", shown)
    assert not Job.objects.filter(kind="batch").exists()
    assert not list((Path(settings.DATA_DIR) / "uploads").rglob("*.csv"))  # the refused upload is not kept
