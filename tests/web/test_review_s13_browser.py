"""Review of session 13 in Debian's chromium: a paralegal's own fictional case (an H-4 spouse's I-765, with an
I-131), its answers edited in "Answers each form takes", saved, and the forms filled from the Forms tab: what the
PDFs' fields hold is what the page saved. One server and one browser for the module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from docgen.cli import main
from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import browser, login, opened, page, pytestmark  # noqa: F401

CASE_ID = "RV13-EAD-001"
CASE = """\
# Fictional case for the review of session 13: an H-4 spouse's EAD. Every name and number is invented.
case_id: RV13-EAD-001
beneficiary:
  id: principal
  family_name: Castellanos
  given_name: Inés
  birth_date: 1992-11-03
  birth_city: Valparaíso
  birth_country: Chile
  citizenship: [Chile]
  sex: F
  marital_status: married
  passport:
    number: P12345678
    country: Chile
    issue_date: 2020-01-10
    expiry_date: 2030-01-09
  i94:
    number: "55123456789"
    arrival_date: 2024-02-01
    status: H-4
    expiry_date: 2027-06-30
  current_status: H-4
  mailing_address:
    street: 77 Birch Road
    city: Austin
    state: TX
    zip_code: "78701"
    country: United States
facts:
  form: I-765
  classification: H-4
  status: preparing
  owner: Priya Raman
extra:
  I-765:
    reason: initial
    eligibility_category: (c)(26)
    travel_document_number: "TD7654321"
  I-131:
    application_type: "5.a"
    trip:
      departure_date: 01/15/2027  # month first, as the paralegal's template writes dates
      trips: one
"""
EMPTY = ("", "/Off", None)  # a box not ticked


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, browser_users: Path) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("review13")
    (root / "cases").mkdir()
    (root / "cases" / "ead-castellanos.yaml").write_text(CASE, encoding="utf-8")
    data = root / "data"
    copy_users(browser_users, data)
    (root / "inbox").mkdir()  # the mailroom's first ingest makes the docket the server uses and records the owner
    ingest = ["mailroom", "ingest", str(root / "inbox"), "--docket", str(data / "docket.sqlite")]
    assert main([*ingest, "--cases", str(root / "cases")]) == 0
    with served(data, root / "cases", server_env()) as url:
        yield {"url": url, "root": root, "data": data}


def _fill(page: Any, url: str, form: str, target: Path) -> dict[str, Any]:  # noqa: F811
    page.goto(url + f"/cases/{CASE_ID}/")
    page.click("nav.tabs >> text=Forms")
    page.select_option("#form", form)
    page.select_option("#person", "principal")
    page.click("button:has-text('Fill')")
    page.wait_for_selector(".downloads a")
    with page.expect_download() as info:
        page.click(".downloads a")
    info.value.save_as(target)
    fields = PdfReader(target).get_fields() or {}  # the fields as another PDF library reads them back
    return {name: field.get("/V") for name, field in fields.items()}


def test_a_month_first_date_and_a_masked_number_survive_a_save_and_reach_the_pdfs(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],
    tmp_path: Path,
) -> None:
    """Fault: the I-131 departure date written 01/15/2027 showed as an empty date input (chromium shows only
    YYYY-MM-DD) and the next save, made to answer another question, removed it from the file: the I-131 was filed
    without its date. The travel document number, masked, must not be removed either."""
    path = workspace["root"] / "cases" / "ead-castellanos.yaml"
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + f"/cases/{CASE_ID}/")
    departure = "#f-answer-extra-I-131-trip-departure-date"
    assert page.input_value(departure) == "2027-01-15"
    assert page.inner_text("#f-answer-extra-I-765-travel-document-number") == "•••••••• hidden"
    page.select_option("#f-answer-extra-I-765-previously-filed", "false")  # Part 2, Item 12: No
    page.click("button.primary:has-text('Save case')")
    opened(page, f"text=Saved {CASE_ID} (1 change(s))")
    text = path.read_text(encoding="utf-8")
    assert "      departure_date: 01/15/2027  # month first" in text  # as written, comment kept
    assert '    travel_document_number: "TD7654321"\n' in text
    assert "    previously_filed: false\n" in text

    i765 = _fill(page, workspace["url"], "I-765", tmp_path / "i-765.pdf")
    assert i765["form1[0].Page2[0].Line19_Checkbox[0]"] not in EMPTY  # No
    assert i765["form1[0].Page2[0].Line19_Checkbox[1]"] in EMPTY
    assert i765["form1[0].Page3[0].Line20c_TravelDoc[0]"] == "TD7654321"
    assert i765["form1[0].Page1[0].Part1_Checkbox[0]"] not in EMPTY  # initial
    i131 = _fill(page, workspace["url"], "I-131", tmp_path / "i-131.pdf")
    assert i131["form1[0].#subform[9].P7_Line1_DateOfDeparture[0]"] == "01/15/2027"
    assert i131["form1[0].#subform[9].P7_Line4_CB[0]"] not in EMPTY  # one trip


def test_an_rfe_item_typed_as_a_superscript_is_refused_beside_it_in_the_browser(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],
) -> None:
    """Fault: "²" pasted as the RFE's item number gave the server's error page, the row typed lost."""
    path = workspace["root"] / "cases" / "ead-castellanos.yaml"
    before = path.read_text(encoding="utf-8")
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + f"/cases/{CASE_ID}/")
    page.click("#rfe-points > summary")
    page.click("button:has-text('Add a point')")
    opened(page, "#f-rfe-0-title")
    page.fill("#f-rfe-0-item", "²")
    page.fill("#f-rfe-0-title", "Evidence of the spouse's H-1B status")
    page.click("button.primary:has-text('Save case')")
    message = opened(page, "#f-rfe-0-item-error").inner_text()
    assert message.startswith("'²' is not an item number"), message
    assert page.input_value("#f-rfe-0-title") == "Evidence of the spouse's H-1B status"  # what was typed kept
    assert path.read_text(encoding="utf-8") == before


def test_a_specialist_gets_no_batch_page_and_a_clerk_no_case_page(
    page: Any,  # noqa: F811
    browser: Any,  # noqa: F811
    workspace: dict[str, Any],
) -> None:
    login(page, workspace, "specialist1")
    assert page.goto(workspace["url"] + "/batch/").status == 403
    clerk = browser.new_context()
    try:
        tab = clerk.new_page()
        login(tab, workspace, "mailroom1")
        assert tab.goto(workspace["url"] + f"/cases/{CASE_ID}/").status == 403
    finally:
        clerk.close()
    # the fills of this module wrote nothing beside the case file
    assert sorted(p.name for p in (workspace["root"] / "cases").iterdir() if not p.name.startswith(".")) == [
        "ead-castellanos.yaml"
    ]


def test_an_owner_changed_on_the_page_is_the_owner_the_cli_and_the_dashboard_name(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    docket = str(workspace["data"] / "docket.sqlite")

    def cli_owners() -> set[str]:
        capsys.readouterr()
        assert main(["deadlines", "--docket", docket, "--format", "csv"]) == 0
        rows = csv.DictReader(io.StringIO(capsys.readouterr().out))
        return {row["owner"] for row in rows if row["case_id"] == CASE_ID}

    assert cli_owners() == {"Priya Raman"}
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + f"/cases/{CASE_ID}/")
    page.click("summary:has-text('What is asked for (facts)')")
    page.fill("#f-facts-owner", "Jonas Weber")
    page.click("button.primary:has-text('Save case')")
    opened(page, f"text=Saved {CASE_ID}")
    assert cli_owners() == {"Jonas Weber"}  # the save recorded it in the docket at once
    page.goto(workspace["url"] + "/")
    assert "Jonas Weber" in page.inner_text(f"tr:has-text('{CASE_ID}')")
