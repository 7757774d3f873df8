"""The review desk in a real browser (Debian's chromium driven by Playwright, against ``docgen serve``): a notice
filed from review after its response date has passed is said beside the filing, not left to tomorrow's digest."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from samples.notices import generate as generator
from tests.web import test_browser as shared
from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import CHROMIUM, _docgen, login

ROOT = Path(__file__).resolve().parents[2]
OKAFOR = "ACME-2026-0142"

browser = shared.browser  # the same chromium and page fixtures as the other browser tests
page = shared.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")


def test_filing_a_late_rfe_from_the_desk_warns_that_its_response_date_has_passed(
    tmp_path: Path, browser_users: Path, page: Any
) -> None:
    shutil.copytree(ROOT / "samples" / "cases", tmp_path / "cases")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    today = dt.date.today()
    late = today - dt.timedelta(days=4)
    spec = generator.i129_notice(
        "late-rfe",
        "rfe",
        "grid",
        notice_date=(today - dt.timedelta(days=70)).isoformat(),
        response_due=late.isoformat(),
    )
    (inbox / "late-rfe.pdf").write_bytes(generator.notices_pdf([spec]))
    aside = tmp_path / "h1b-okafor.yaml"
    shutil.move(tmp_path / "cases" / "h1b-okafor.yaml", aside)  # no case for it at ingest: it waits for review
    env = server_env()
    docket, data = tmp_path / "docket.sqlite", tmp_path / "data"
    ingest = ["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(tmp_path / "cases")]
    assert "1 to review" in _docgen(ingest, env).stdout
    shutil.move(aside, tmp_path / "cases" / "h1b-okafor.yaml")
    copy_users(browser_users, data)
    with served(data, tmp_path / "cases", env, "--docket", str(docket)) as url:
        login(page, {"url": url}, "mailroom1")
        page.goto(url + "/mailroom/1/")
        page.fill("#q", "okafor")
        page.click("#search-form button")
        page.check(f"#case-hits input[value='{OKAFOR}']")
        page.click("#confirm-file-to-case")  # its response date, read from a sentence, is confirmed as it is filed
        page.wait_for_url(url + "/mailroom/")
        said = page.inner_text(".messages li.success")
        warning = page.inner_text(".messages li.warning", timeout=2000)
    assert f"Review 1: filed to {OKAFOR}" in said
    assert f"case {OKAFOR}: RFE response due {late.isoformat()} has already passed (4 day(s) ago)" in warning
