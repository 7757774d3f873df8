"""The review desk's faults of the session-10 trial in a real browser (Debian's chromium driven by Playwright, against
``docgen serve`` on a docket ``docgen mailroom ingest`` filled): choosing the case of an RFE and confirming its
response date are two acts, and "Filed lately" says whose each notice is."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.docket import DeadlineKind, open_docket
from tests.test_newuser_s10 import notices_pdf, rfe, workspace
from tests.web import test_browser as shared
from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import CHROMIUM, _docgen, login, opened

CASE = "NWF-2026-006"

browser = shared.browser  # the same chromium and page fixtures as the other browser tests
page = shared.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")


def _responses(docket: Path) -> list[tuple[str, str, str]]:
    with open_docket(docket) as opened_docket:
        return [
            (d.case_id, d.person, d.due.isoformat())
            for d in opened_docket.deadlines_due()
            if d.kind is DeadlineKind.RFE_RESPONSE
        ]


def test_the_clerk_chooses_the_case_then_confirms_the_date_and_filed_lately_says_whose(
    tmp_path: Path, browser_users: Path, page: Any
) -> None:
    inbox, cases, docket = workspace(tmp_path)
    notices_pdf(inbox / "scan-0005.pdf", rfe)
    aside = tmp_path / "nwf-2026-006.yaml"
    shutil.move(cases / "nwf-2026-006.yaml", aside)  # no case for it at ingest: the clerk finds it on the desk
    env = server_env()
    assert (
        "1 to review"
        in _docgen(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)], env).stdout
    )
    shutil.move(aside, cases / "nwf-2026-006.yaml")
    copy_users(browser_users, tmp_path / "data")
    with served(tmp_path / "data", cases, env, "--docket", str(docket)) as url:
        login(page, {"url": url}, "mailroom1")
        page.goto(url + "/mailroom/1/")
        assert page.input_value("#f-response_due") == "2027-01-29"  # as read, waiting to be confirmed
        page.fill("#q", "silva")
        page.click("#search-form button")
        opened(page, "#case-hits")
        page.check(f"#case-hits input[value='{CASE}']")
        page.select_option("#person", "spouse")
        choose = page.locator("#file-to-case")
        assert choose.inner_text() == "Choose the case (response due stays unconfirmed)"
        assert page.inner_text("#confirm-file-to-case") == "Confirm response due and file to the chosen case"
        choose.click()
        chosen = opened(page, "#chosen-case")
        assert chosen.inner_text().startswith(f"Chosen: case {CASE} (for spouse).")
        warning = page.inner_text(".messages li.warning")
        assert "not filed: the response date 2027-01-29 is not confirmed" in warning
        assert _responses(docket) == []  # choosing the case confirmed nothing
        listed = _docgen(["deadlines", "--docket", str(docket)], env).stdout
        (row,) = [line for line in listed.splitlines() if "2027-01-29" in line]
        assert CASE in row and "UNCONFIRMED (WAITING IN REVIEW #1)" in row
        confirm = page.locator("#confirm-file")
        assert confirm.inner_text() == f"Confirm response due and file to {CASE}"
        confirm.click()
        page.wait_for_url(url + "/mailroom/")
        said = " ".join(page.locator(".messages li").all_inner_texts())
        assert f"Review 1: filed to {CASE}" in said and "Confirmed: the response date 2027-01-29, as read" in said
        opened(page, "#filed-notices tbody tr")
        row = page.locator("#filed-notices tbody tr").first
        assert row.locator("td.whose").inner_text() == "spouse"
        assert CASE in row.inner_text() and "rfe" in row.inner_text()
    assert _responses(docket) == [(CASE, "spouse", "2027-01-29")]
