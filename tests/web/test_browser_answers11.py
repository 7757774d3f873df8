"""The case page's per-form answers and RFE letter points in Debian's chromium: an I-131 answer chosen from the
form's own words and a date typed in a date input, saved, then the I-131 filled from the Forms tab holds them;
an RFE point added as a row and saved into the case file the CLI reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.case.loader import load_case
from tests.pdfcheck import reopen_values
from tests.web.test_browser import browser, login, opened, page, pytestmark, workspace  # noqa: F401

CASE = "CASCADIA-2026-0077"


def test_an_i131_answer_and_an_rfe_point_saved_from_the_page_reach_the_pdf_and_the_file(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + f"/cases/{CASE}/")
    trips = "#f-answer-extra-I-131-trip-trips"
    assert page.is_visible(trips)  # the case answers the I-131: its answers are open
    label = page.inner_text(f"label[for='{trips[1:]}']")
    assert "I-131 Part 7, Item 4" in label, label
    page.select_option(trips, "one")
    page.fill("#f-answer-extra-I-131-trip-departure-date", "2027-01-05")
    page.click("#rfe-points > summary")
    page.click("button:has-text('Add a point')")
    opened(page, "#f-rfe-0-title")
    page.fill("#f-rfe-0-item", "1")
    page.fill("#f-rfe-0-title", "The beneficiary's travel is documented")
    page.fill("#f-rfe-0-response", "The itinerary and the advance parole request are enclosed.")
    page.fill("#f-rfe-0-exhibits", "A, B")
    assert page.input_value("#f-answer-extra-I-131-trip-departure-date") == "2027-01-05"  # kept over the re-render
    page.click("button.primary:has-text('Save case')")
    opened(page, f"text=Saved {CASE}")
    case = load_case(workspace["root"] / "cases" / "eb2-family-haddad.yaml")
    assert case.extra["I-131"]["trip"]["trips"] == "one"
    point = case.extra["rfe_response"]["points"][0]
    assert (point["item"], point["title"], point["exhibits"]) == (
        1,
        "The beneficiary's travel is documented",
        ["A", "B"],
    )

    page.click("nav.tabs >> text=Forms")
    page.select_option("#form", "I-131")
    page.select_option("#person", "principal")
    page.click("button:has-text('Fill')")
    page.wait_for_selector(".downloads a")
    with page.expect_download() as info:
        page.click(".downloads a")
    target = tmp_path / "i-131.pdf"
    info.value.save_as(target)
    values = reopen_values(target.read_bytes())
    assert values["form1[0].#subform[9].P7_Line1_DateOfDeparture[0]"] == "01/05/2027"
    assert values["form1[0].#subform[9].P7_Line4_CB[0]"] not in ("", "/Off", None)  # one trip
    assert values["form1[0].#subform[9].P7_Line4_CB[1]"] in ("", "/Off", None)
