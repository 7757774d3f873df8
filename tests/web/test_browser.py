"""The workspace in a real browser: Debian's chromium driven by Playwright against ``docgen serve`` started as
a process on a free port, with users made by ``docgen users add`` (once per test process, then copied: the
``browser_users`` fixture). Nothing is downloaded at test time."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.case.loader import load_case
from tests.pdfcheck import reopen_values
from tests.web.serving import PASSWORD, copy_users, served, server_env

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# Chromium's headless shell (Debian's chromium-headless-shell, the build Playwright itself runs headless tests
# in): the same Blink and V8 as the browser, without the desktop browser around them, at about half the CPU.
# Debian's full chromium when the shell is not installed.
CHROMIUM = next(
    (path for path in (Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium")) if path.exists()),
    Path("/usr/bin/chromium"),
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")

QUICK_PACKET = """\
kind: filing
name: quick-okafor
title: Spouse's EAD application with the offer letter
case: ../cases/h1b-okafor.yaml
profile: uscis-online
stamp: {style: page, position: bottom-center}
parts:
  - form: I-765
    for: spouse
exhibits:
  - title: Offer of employment
    files: [evidence/offer-letter.pdf]
"""


def _docgen(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen.cli", *args],
        input=stdin,
        env=env,
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, browser_users: Path) -> Iterator[dict[str, Any]]:
    """``docgen serve`` on a copy of the samples, with one user per role."""
    root = tmp_path_factory.mktemp("workspace")
    shutil.copytree(SAMPLES / "cases", root / "cases")
    shutil.copytree(SAMPLES / "packets", root / "packets")
    shutil.copytree(SAMPLES / "logos", root / "logos")
    (root / "packets" / "quick.yaml").write_text(QUICK_PACKET)
    soon = dt.date.today() + dt.timedelta(days=20)
    (root / "cases" / "due-soon.yaml").write_text(
        "case_id: DUE-SOON-1\nbeneficiary:\n  family_name: Tamm\n  given_name: Liis\n  birth_date: 1991-03-04\n"
        f"  i94:\n    expiry_date: {soon.isoformat()}\n    status: H-1B\nfacts:\n  classification: H-1B\n"
    )
    env = server_env()
    data = root / "data"
    copy_users(browser_users, data)
    with served(data, root / "cases", env) as url:
        yield {"url": url, "root": root, "data": data, "soon": soon}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()
    assert not [e for e in errors if "status of 4" not in e], errors  # no script or CSP errors on any page


def opened(page: Any, selector: str, timeout: float | None = None) -> Any:
    """The element ``selector`` names, which only the page a click (or a form's post) opens has, once that page is
    parsed whole. Playwright's click waits only for a navigation it sees start (a loaded machine can delay that),
    so a read right after it can see the page still showing; and an element is found as soon as the parser reaches
    it, before the rows after it."""
    element = page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_load_state("domcontentloaded")  # of the page holding ``selector``: the one the click opened
    return element


def login(page: Any, workspace: dict[str, Any], user: str, password: str = PASSWORD) -> None:
    """Log in from the login page; returns once the page the login's post opens is there (the workspace with its
    Log out button, or the login page again with its error): a ``goto`` right after the click could cancel the post
    before its session cookie came back."""
    page.goto(workspace["url"] + "/")
    page.fill("#id_username", user)
    page.fill("#id_password", password)
    page.click("button:has-text('Log in')")
    opened(page, "button:has-text('Log out'), .error-box")


def test_the_server_answers_the_favicon_without_a_login(workspace: dict[str, Any]) -> None:
    import urllib.request

    with urllib.request.urlopen(workspace["url"] + "/favicon.ico", timeout=30) as response:
        assert response.status == 200 and response.headers["Content-Type"].startswith("image/")
        assert response.read(4) == b"\x00\x00\x01\x00"  # an icon file, not a page
        assert "Set-Cookie" not in response.headers


def test_login_and_logout(page: Any, workspace: dict[str, Any]) -> None:
    login(page, workspace, "specialist1")
    opened(page, "h1:has-text('Cases')")
    assert page.is_visible("text=ACME-2026-0142")
    page.click("button:has-text('Log out')")
    page.wait_for_selector("text=You are logged out.")
    page.goto(workspace["url"] + "/dashboard/")
    assert "/login/" in page.url


def test_wrong_password_is_refused(page: Any, workspace: dict[str, Any]) -> None:
    login(page, workspace, "counsel1", "not the password")
    page.wait_for_selector(".error-box")
    assert "correct username and password" in page.inner_text(".error-box")
    assert "/login/" in page.url


def test_mailroom_user_is_refused_a_filled_form(browser: Any, page: Any, workspace: dict[str, Any]) -> None:
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + "/cases/ACME-2026-0142/forms/")
    page.select_option("#form", "G-1145")
    page.select_option("#person", "spouse")
    page.click("button:has-text('Fill')")
    page.wait_for_selector("h2:has-text('Download')")
    job_url = page.url
    other = browser.new_context()
    mailroom = other.new_page()
    login(mailroom, workspace, "mailroom1")
    opened(mailroom, "h1:has-text('Cases')")
    assert mailroom.query_selector("a:has-text('ACME-2026-0142')") is None  # names only, no link into the case
    response = mailroom.goto(job_url)
    assert response.status == 403
    assert "Not for your role" in mailroom.inner_text("h1")
    assert mailroom.goto(workspace["url"] + "/cases/ACME-2026-0142/").status == 403
    other.close()


def test_create_a_case_with_an_inline_error_fix_and_save(page: Any, workspace: dict[str, Any]) -> None:
    login(page, workspace, "specialist1")
    page.click("text=New case")
    page.fill("#f-case-id", "WEB-2026-0001")
    page.click("#f-beneficiary > summary")
    page.fill("#f-beneficiary-family-name", "Quispe")
    page.fill("#f-beneficiary-given-name", "Rosa")
    page.fill("#f-beneficiary-birth-date", "31/12/1989")
    page.click("button:has-text('Create case')")
    error = page.wait_for_selector("#f-beneficiary-birth-date-error")
    assert "is not a date (write YYYY-MM-DD or MM/DD/YYYY)" in error.inner_text()
    assert page.is_visible("#f-beneficiary-birth-date")  # its section is open, the error beside the input
    assert not (workspace["root"] / "cases" / "WEB-2026-0001.yaml").exists()
    page.fill("#f-beneficiary-birth-date", "12/31/1989")
    page.click("button:has-text('Create case')")
    page.wait_for_selector("text=Saved WEB-2026-0001")
    case = load_case(workspace["root"] / "cases" / "WEB-2026-0001.yaml")
    assert (case.beneficiary.family_name, case.beneficiary.birth_date) == ("Quispe", dt.date(1989, 12, 31))


def test_stale_save_is_refused(browser: Any, page: Any, workspace: dict[str, Any]) -> None:
    url = workspace["url"] + "/cases/TAMSWORTH-2026-0031/"
    login(page, workspace, "specialist1")
    page.goto(url)
    other = browser.new_context()
    colleague = other.new_page()
    login(colleague, workspace, "counsel1")
    colleague.goto(url)
    colleague.click("#f-job > summary")
    colleague.fill("#f-job-title", "Senior Hydraulic Engineer")
    colleague.click("button:has-text('Save case')")
    colleague.wait_for_selector("text=Saved TAMSWORTH-2026-0031")
    other.close()
    page.click("#f-job > summary")
    page.fill("#f-job-hours-per-week", "38")
    page.click("button:has-text('Save case')")
    box = page.wait_for_selector("#stale")
    assert "someone saved this case after you opened it" in box.inner_text()
    assert "job.title" in box.inner_text() and "Senior Hydraulic Engineer" in box.inner_text()
    case = load_case(workspace["root"] / "cases" / "eb2-vasconcelos.yaml")
    assert case.job and case.job.title == "Senior Hydraulic Engineer" and case.job.hours_per_week != 38


def test_fill_an_i765_for_the_spouse_and_download_it(page: Any, workspace: dict[str, Any], tmp_path: Path) -> None:
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + "/cases/ACME-2026-0142/")
    page.click("nav.tabs >> text=Forms")
    page.select_option("#form", "I-765")
    page.select_option("#person", "spouse")
    page.click("button:has-text('Fill')")
    page.wait_for_selector(".pages img")
    first = page.query_selector(".pages img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=first)
    with page.expect_download() as info:
        page.click(".downloads a")
    target = tmp_path / "i-765.pdf"
    info.value.save_as(target)
    values = reopen_values(target.read_bytes())
    spouse = load_case(workspace["root"] / "cases" / "h1b-okafor.yaml").person("spouse")
    assert values["form1[0].Page1[0].Line1a_FamilyName[0]"] == spouse.family_name
    assert values["form1[0].Page1[0].Line1b_GivenName[0]"] == spouse.given_name


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def test_render_a_letter(page: Any, workspace: dict[str, Any], tmp_path: Path) -> None:
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + "/cases/ACME-2026-0142/letters/")
    page.select_option("select[name=template]", "h1b_support")
    page.click("button:has-text('Show its variables')")
    opened(page, "h2:has-text('What h1b_support uses')")
    assert page.is_visible("td:has-text('job.title')")
    page.click("button:has-text('Render the letter')")
    page.wait_for_selector(".downloads a, .error-box", timeout=90_000)
    assert not page.query_selector(".error-box"), page.inner_text(".error-box")
    with page.expect_download() as info:
        page.click(".downloads a")
    target = tmp_path / "letter.pdf"
    info.value.save_as(target)
    text = _pdf_text(target.read_bytes())
    assert "Acme Analytics" in text and "Okafor" in text


def test_build_a_packet(page: Any, workspace: dict[str, Any], tmp_path: Path) -> None:
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + "/cases/ACME-2026-0142/packets/")
    page.select_option("#spec", "quick.yaml")
    page.click("button:has-text('Build the packet')")
    opened(page, "h2:has-text('Download')", timeout=90_000)
    assert "passes" in page.inner_text("h3:has-text('Preflight')")
    names = page.eval_on_selector_all(".downloads a", "links => links.map(a => a.textContent)")
    assert names == ["quick-okafor.pdf", "quick-okafor.manifest.json"]
    with page.expect_download() as info:
        page.click("text=quick-okafor.pdf")
    target = tmp_path / "packet.pdf"
    info.value.save_as(target)
    values = reopen_values(target.read_bytes())
    assert any(name.endswith("Line1a_FamilyName[0]") and value == "Okafor" for name, value in values.items())


def _run_five_cases(page: Any, tmp_path: Path) -> Path:
    """Run the batch the page holds; once all five cases are done, download its archive."""
    page.click("button:has-text('Run the batch')")
    page.wait_for_selector("#job")
    opened(page, "h2:has-text('Download')", timeout=120_000)  # the page reloads itself when the batch is done
    assert "5 case(s) done, 0 failed" in page.inner_text("body")
    with page.expect_download() as info:
        page.click("text=batch.zip")
    target = tmp_path / "batch.zip"
    info.value.save_as(target)
    return target


def test_run_a_five_case_batch(page: Any, workspace: dict[str, Any], tmp_path: Path) -> None:
    login(page, workspace, "counsel1")
    page.click("nav >> text=Batch")
    page.set_input_files("#cases", str(SAMPLES / "batch" / "h4-spouses.csv"))
    page.check("input[name=forms][value='I-765']")
    page.fill("#person", "spouse")
    with zipfile.ZipFile(_run_five_cases(page, tmp_path)) as archive:
        pdfs = sorted(n for n in archive.namelist() if n.endswith(".pdf"))
        report = list(csv.DictReader(io.StringIO(archive.read("batch-report.csv").decode())))
        first = reopen_values(archive.read(pdfs[0]))
    assert len(pdfs) == 5 and [r["status"] for r in report] == ["done"] * 5
    assert first["form1[0].Page1[0].Line1a_FamilyName[0]"]


def test_a_batch_of_a_refused_edition_runs_once_the_box_is_ticked(
    page: Any, workspace: dict[str, Any], tmp_path: Path
) -> None:
    login(page, workspace, "counsel1")
    page.click("nav >> text=Batch")
    notice = page.wait_for_selector(".refused-edition[data-form='I-539']")  # the served data refuses 02/04/19
    assert "does not accept edition 02/04/19 of Form I-539" in notice.inner_text()
    page.set_input_files("#cases", str(SAMPLES / "batch" / "h4-spouses.csv"))
    page.check("input[name=forms][value='I-539']")
    page.fill("#person", "spouse")
    page.click("button:has-text('Run the batch')")
    box = opened(page, ".error-box")
    assert "Form I-539: USCIS does not accept edition 02/04/19" in box.inner_text()
    assert page.is_checked("input[name=forms][value='I-539']") and page.input_value("#person") == "spouse"

    page.set_input_files("#cases", str(SAMPLES / "batch" / "h4-spouses.csv"))
    page.check("input[name=accept_edition][value='I-539=02/04/19']")
    with zipfile.ZipFile(_run_five_cases(page, tmp_path)) as archive:
        report = json.loads(archive.read("batch-report.json"))
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert report["accepted_editions"] == {"I-539": "02/04/19"} and len(pdfs) == 5
    with sqlite3.connect(workspace["data"] / "workspace.sqlite3") as db:
        rows = db.execute(
            "SELECT username, target FROM accounts_auditentry WHERE action='refused edition filled knowingly'"
        ).fetchall()
    assert len(rows) == 1 and rows[0][0] == "counsel1" and rows[0][1].startswith("I-539 edition 02/04/19 in batch ")


def test_batch_refuses_a_wrong_upload(page: Any, workspace: dict[str, Any]) -> None:
    login(page, workspace, "counsel1")
    page.goto(workspace["url"] + "/batch/")
    page.set_input_files("#cases", str(SAMPLES / "logos" / "acme-analytics.png"))
    page.check("input[name=forms][value='I-765']")
    page.click("button:has-text('Run the batch')")
    box = page.wait_for_selector(".error-box")
    assert "is not a CSV or XLSX spreadsheet (its content is image/png)" in box.inner_text()


def test_deadline_on_the_dashboard_and_csv_export(page: Any, workspace: dict[str, Any], tmp_path: Path) -> None:
    login(page, workspace, "mailroom1")
    page.click("nav >> text=Dashboard")
    row = opened(page, "#deadlines tr:has-text('DUE-SOON-1')")
    assert workspace["soon"].isoformat() in row.inner_text() and "I-94 expires" in row.inner_text()
    assert "1" in page.inner_text("a.tile:has-text('due in 30 days') strong")
    with page.expect_download() as info:
        page.click("#deadlines >> text=CSV")
    target = tmp_path / "deadlines.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    due = [r for r in rows if r["case_id"] == "DUE-SOON-1"]
    assert due and due[0]["due"] == workspace["soon"].isoformat() and due[0]["kind"] == "I-94 expires"
    assert int(due[0]["days_left"]) == 20
