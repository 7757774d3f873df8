"""Counsel batch-fills the workspace's own cases in the browser (session 11): the Batch page took only an uploaded
sheet, so cases kept and edited in the workspace had to be typed into a spreadsheet again to be filled together.
Debian's chromium driven by Playwright against ``docgen serve`` on a copy of the samples."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from tests.pdfcheck import reopen_values
from tests.web.test_browser import browser, login, opened, page, pytestmark, workspace  # noqa: F401


def test_a_batch_of_the_workspace_s_own_case_files(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    login(page, workspace, "counsel1")
    page.click("nav >> text=Batch")
    cases = sorted(p.name for p in (workspace["root"] / "cases").glob("*.yaml"))
    opened(page, "#source-cases")
    assert f"The workspace's case files ({len(cases)}," in page.inner_text("main")
    page.check("#source-cases")  # no upload: the case files the case list shows
    page.check("input[name=forms][value='I-765']")
    page.fill("#person", "spouse")
    page.click("button:has-text('Run the batch')")
    page.wait_for_selector("#job")
    opened(page, "h2:has-text('Download')", timeout=120_000)
    body = page.inner_text("body")
    assert f"I-765 (spouse) for {len(cases)} case(s) from the workspace's case files" in body
    assert str(workspace["root"]) not in body  # case files named by their names, never the server's folder
    with page.expect_download() as info:
        page.click("text=batch.zip")
    target = tmp_path / "batch.zip"
    info.value.save_as(target)
    with zipfile.ZipFile(target) as archive:
        report = {r["case"]: r for r in csv.DictReader(io.StringIO(archive.read("batch-report.csv").decode()))}
        okafor = reopen_values(archive.read("ACME-2026-0142_I-765_spouse.pdf"))  # whose form, in its name
    assert sorted(report) == cases
    assert report["h1b-okafor.yaml"]["status"] == "done"
    assert okafor["form1[0].Page1[0].Line1a_FamilyName[0]"] == "Okafor"
    assert okafor["form1[0].Page1[0].Line1b_GivenName[0]"] == "Emeka"  # the spouse's own form
    failed = [r for r in report.values() if r["status"] == "failed"]
    assert failed and all(r["error"].startswith(r["case"]) for r in failed)  # a case without a spouse, named
    assert not any(str(workspace["root"]) in r["error"] for r in report.values())
