"""Defects found by using the workspace as its people do (session 5's review): each test fails on the code before
its fix. The browser tests share one ``docgen serve`` on a copy of the samples and one user per role they need;
the others use Django's test client (fixtures of ``tests/web/conftest.py``)."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from docgen.case.loader import load_case
from tests.web import test_browser as shared
from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import CHROMIUM, login

ROOT = Path(__file__).resolve().parents[2]

browser = shared.browser  # the same chromium and page fixtures as the other browser tests
page = shared.page

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def served_workspace(tmp_path_factory: pytest.TempPathFactory, browser_users: Path) -> Iterator[dict[str, Any]]:
    """``docgen serve`` on a copy of the sample cases, with the browser tests' users (a specialist among them)."""
    root = tmp_path_factory.mktemp("review-s5")
    shutil.copytree(ROOT / "samples" / "cases", root / "cases")
    env = server_env()
    data = root / "data"
    copy_users(browser_users, data)  # made by ``docgen users add`` once per run: no PBKDF2 here or at the login
    with served(data, root / "cases", env) as url:
        yield {"url": url, "root": root, "data": data}


# --- the case form ---------------------------------------------------------------------------------------------


@needs_chromium
def test_enter_in_a_case_field_saves_the_case(page: Any, served_workspace: dict[str, Any]) -> None:
    """Enter in a text input submits the form with its first submit button: it was "Add to other names" (an
    empty alias added, "Added. Fill it in, then save the case."), so the edit was never saved."""
    login(page, served_workspace, "specialist1")
    page.goto(served_workspace["url"] + "/cases/TAMSWORTH-2026-0031/")
    page.click("#f-job > summary")
    page.fill("#f-job-title", "Principal Hydraulic Engineer")
    page.press("#f-job-title", "Enter")
    page.wait_for_selector("text=Saved TAMSWORTH-2026-0031")
    case = load_case(served_workspace["root"] / "cases" / "eb2-vasconcelos.yaml")
    assert case.job is not None and case.job.title == "Principal Hydraulic Engineer"
    assert not case.beneficiary.other_names  # nothing added by the key


@pytest.mark.parametrize(
    ("path", "typed"),
    [("petitioner.employees_us", "1,5"), ("petitioner.gross_annual_income", "2,5")],
)
def test_a_comma_that_is_no_thousands_separator_is_refused(
    client_for: Any, cases_dir: Path, path: str, typed: str
) -> None:
    """'5,5' (a decimal comma) became 55: the commas were dropped whatever stood between them."""
    client = client_for("specialist")
    page = client.get("/cases/TAMSWORTH-2026-0031/").content.decode()
    digest = page.split('name="_hash" value="')[1].split('"')[0]
    before = (cases_dir / "eb2-vasconcelos.yaml").read_bytes()
    response = client.post("/cases/TAMSWORTH-2026-0031/", {"_hash": digest, path: typed, "_save": "1"})
    assert response.status_code == 422
    assert f"&#x27;{typed}&#x27; is not a " in response.content.decode()  # a number, a whole number
    assert f'value="{typed}"' in response.content.decode()  # what was typed stays in its input
    assert (cases_dir / "eb2-vasconcelos.yaml").read_bytes() == before


def test_thousands_separators_are_read_in_amounts(client_for: Any, cases_dir: Path) -> None:
    """'1,250,000.50' was refused as 'not a number' although it is how an amount is written."""
    client = client_for("specialist")
    page = client.get("/cases/TAMSWORTH-2026-0031/").content.decode()
    digest = page.split('name="_hash" value="')[1].split('"')[0]
    response = client.post(
        "/cases/TAMSWORTH-2026-0031/",
        {
            "_hash": digest,
            "petitioner.gross_annual_income": "1,250,000.50",
            "petitioner.employees_us": "1,204",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = load_case(cases_dir / "eb2-vasconcelos.yaml")
    assert str(case.petitioner.gross_annual_income) == "1250000.50"
    assert case.petitioner.employees_us == 1204


# --- starting the server ---------------------------------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path: Path) -> None:
    """waitress's OSError (Address already in use) came out as a traceback."""
    (tmp_path / "cases").mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "docgen.cli",
                "serve",
                "--data",
                str(tmp_path / "data"),
                "--cases",
                str(tmp_path / "cases"),
                "--port",
                str(port),
            ],
            env=server_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0] and "--port" in lines[0], result.stderr


# --- the review desk -------------------------------------------------------------------------------------------


def test_a_review_item_of_an_unreadable_docket_says_why(client_for: Any, settings: Any, tmp_path: Path) -> None:
    """A docket the desk cannot read (a newer schema, damaged, busy) made every review item "Not found"."""
    newer = tmp_path / "docket.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version=99")
    settings.DOCKET_PATH = newer
    response = client_for("mailroom").get("/mailroom/3/")
    page = response.content.decode()
    assert response.status_code == 503
    assert "newer than this docgen knows" in page and "Not found" not in page
    assert str(newer) not in page  # the server's path is not shown


def test_an_action_on_an_unreadable_docket_says_why(client_for: Any, settings: Any, tmp_path: Path) -> None:
    """Saving corrections or filing with a docket the desk cannot read was a server error (500)."""
    newer = tmp_path / "docket.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version=99")
    settings.DOCKET_PATH = newer
    for action in ("correct", "assign"):
        response = client_for("mailroom").post(f"/mailroom/3/{action}/", {"notice_date": "2026-04-14"})
        assert response.status_code == 503, action
        assert "newer than this docgen knows" in response.content.decode()
    settings.DOCKET_PATH = tmp_path / "none.sqlite"  # no docket yet: no such item
    assert client_for("mailroom").post("/mailroom/3/correct/", {"notice_date": "2026-04-14"}).status_code == 404


# --- accessibility and addresses -------------------------------------------------------------------------------


class _Inputs(HTMLParser):
    """The inputs of a page a screen reader cannot name: no label around them, none for their id, no aria-label."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.labelled: set[str] = set()
        self.inputs: list[tuple[str, str, bool]] = []  # (name, id, inside a label)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "label":
            self.depth += 1
            if found.get("for"):
                self.labelled.add(found["for"])
        elif tag in ("input", "select", "textarea") and found.get("type") not in ("hidden", "submit", "button"):
            named = self.depth > 0 or bool(found.get("aria-label") or found.get("aria-labelledby"))
            self.inputs.append((found.get("name", ""), found.get("id", ""), named))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.depth -= 1

    def unnamed(self) -> list[str]:
        return [name for name, ident, named in self.inputs if not named and ident not in self.labelled]


@pytest.mark.parametrize(
    "path",
    ["/", "/cases/new/", "/cases/ACME-2026-0142/", "/cases/ACME-2026-0142/forms/", "/cases/ACME-2026-0142/letters/",
     "/cases/ACME-2026-0142/letters/?template=h1b_support", "/cases/ACME-2026-0142/packets/", "/batch/",
     "/dashboard/", "/calendar/", "/users/", "/mailroom/"],
)
def test_every_input_has_a_label(client_for: Any, cases_dir: Path, path: str) -> None:
    """The letters page's template upload was a file input without a label."""
    response = client_for("admin").get(path)
    assert response.status_code == 200
    parser = _Inputs()
    parser.feed(response.content.decode())
    assert not parser.unnamed(), parser.unnamed()


@pytest.mark.parametrize("target", ["//evil.example/letters/", "/\\evil.example/", "https://evil.example/"])
def test_the_template_upload_goes_back_only_to_this_site(client_for: Any, target: str) -> None:
    """``next`` was taken when it started with '/', so '//evil.example/' sent the user to another site."""
    response = client_for("counsel").post("/templates/upload/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"


# --- packets marked filed --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [("12/31/2099", "Not marked: 2099-12-31 is after today"),  # read, then refused for its day
     ("31/12/2025", "Filed on: &#x27;31/12/2025&#x27; is not a date (write YYYY-MM-DD or MM/DD/YYYY)")],
)
def test_filed_on_is_read_as_a_case_file_reads_a_date(
    client_for: Any, users: dict[str, Any], cases_dir: Path, typed: str, said: str
) -> None:
    """'12/31/2025' (how every other date of the workspace may be typed) was refused as not YYYY-MM-DD."""
    from docgen.web.workspace.models import Job

    job = Job.objects.create(kind="packet", title="h1b-filing", case_id="ACME-2026-0142", owner=users["specialist"])
    response = client_for("specialist").post(f"/jobs/{job.pk}/filed/", {"filed_on": typed}, follow=True)
    assert said in response.content.decode()


# --- the calendar feed -----------------------------------------------------------------------------------------


def test_the_calendar_address_page_sent_again_keeps_the_address_shown(client_for: Any) -> None:
    """Reloading the page that showed the new address (or a second click) made another one and revoked the address
    the user had just copied into Outlook: its calendar went quiet (404) without a word."""
    from django.test import Client

    client = client_for("mailroom")
    first = client.post("/calendar/", {"action": "new"}).content.decode()
    start = first.index('id="calendar-url" value="http://testserver') + len('id="calendar-url" value="http://testserver')
    shown = first[start : first.index('"', start)]
    again = client.post("/calendar/", {"action": "new"}, follow=True).content.decode()  # the browser's resend
    assert "Not changed: your calendar address made" in again and 'id="calendar-url"' not in again
    assert Client().get(shown).status_code == 200  # the copied address still works
    replace = again.split('name="replaces" value="')[1].split('"')[0]
    renewed = client.post("/calendar/", {"action": "new", "replaces": replace})
    assert 'id="calendar-url"' in renewed.content.decode() and Client().get(shown).status_code == 404
    resent = client.post("/calendar/", {"action": "new", "replaces": replace}, follow=True).content.decode()
    assert "Not changed" in resent  # replacing twice from one page: the second is refused


def test_create_case_sent_twice_is_saved_once_without_a_false_refusal(client_for: Any, cases_dir: Path) -> None:
    """A double click on "Create case" (or a reload of its answer) showed "Not saved: a case ... exists already;
    choose another case id" although the case was saved: the next try under another id made a duplicate."""
    client = client_for("specialist")
    posted = {"case_id": "DOUBLE-2026-01", "beneficiary.family_name": "Müller", "beneficiary.given_name": "Zoë",
              "beneficiary.birth_date": "04/14/1990",
              "_save": "1"}
    first, second = client.post("/cases/new/", posted), client.post("/cases/new/", posted)
    assert first.status_code == second.status_code == 302, second.content.decode()[:3000]
    assert second["Location"] == first["Location"]
    assert [p.name for p in cases_dir.glob("DOUBLE*")] == ["DOUBLE-2026-01.yaml"]
    posted["beneficiary.given_name"] = "Anna"  # another case under the same id is still refused
    assert client.post("/cases/new/", posted).status_code == 422
    assert load_case(cases_dir / "DOUBLE-2026-01.yaml").beneficiary.given_name == "Zoë"


def test_a_template_too_large_links_back_to_the_letters_page(client_for: Any) -> None:
    """The "File too large" page linked back to /templates/upload/, which only takes a POST: a blank 405 page."""
    from docgen.web import oversize

    client = client_for("counsel")
    letters = "http://testserver/cases/ACME-2026-0142/letters/?template=h1b_support"
    page = client.get("/upload-too-large/", **{oversize.SENT_TO: "/templates/upload/", "HTTP_REFERER": letters})
    assert 'href="/cases/ACME-2026-0142/letters/?template=h1b_support"' in page.content.decode()
    outside = client.get("/upload-too-large/", **{oversize.SENT_TO: "/batch/", "HTTP_REFERER": "https://evil.example/x"})
    assert 'href="/batch/"' in outside.content.decode()  # another site's page is never the way back
    typed = client.get("/templates/upload/")
    assert typed.status_code == 302 and typed["Location"] == "/"
