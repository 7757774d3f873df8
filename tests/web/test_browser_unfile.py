"""The review desk in a real browser (Debian's chromium driven by Playwright, against ``docgen serve``): a notice
filed to the wrong case is unfiled from the desk's "Filed lately" list and waits for review again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.docket import NoticeStatus, ReviewStatus, open_docket
from tests.web import test_browser as shared
from tests.web.desk_inbox import UNMATCHED
from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import CHROMIUM, _docgen, login, opened

ROOT = Path(__file__).resolve().parents[2]
OKAFOR = "ACME-2026-0142"
RECEIPT = "EAC2690200777"  # the sample rejection's (Borealis Robotics, Astrid Lindgren: no sample case)

browser = shared.browser  # the same chromium and page fixtures as the other browser tests
page = shared.page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")


def test_a_notice_filed_to_the_wrong_case_is_unfiled_from_the_desk(
    tmp_path: Path, browser_users: Path, page: Any
) -> None:
    shutil.copytree(ROOT / "samples" / "cases", tmp_path / "cases")
    original = (tmp_path / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(ROOT / "samples" / "notices" / "text" / UNMATCHED, inbox / UNMATCHED)
    env = server_env()
    docket, data, cases = tmp_path / "docket.sqlite", tmp_path / "data", tmp_path / "cases"
    where = ["--docket", str(docket), "--cases", str(cases)]
    assert "1 to review" in _docgen(["mailroom", "ingest", str(inbox), *where], env).stdout
    # the wrong filing, made on the command line: the Okafor case, for its principal
    _docgen(["mailroom", "resolve", "1", *where, "--case", OKAFOR, "--for", "principal"], env)
    assert RECEIPT in (cases / "h1b-okafor.yaml").read_text(encoding="utf-8")
    with open_docket(docket) as d:
        (notice,) = [n for n in d.notices(OKAFOR) if n.receipt_number == RECEIPT]
    copy_users(browser_users, data)
    with served(data, cases, env, "--docket", str(docket)) as url:
        login(page, {"url": url}, "mailroom1")
        page.goto(url + "/mailroom/")
        row = page.wait_for_selector(f"#filed-notices tr[data-notice='{notice.id}']")
        assert OKAFOR in row.inner_text() and RECEIPT in row.inner_text()
        page.fill(f"#filed-notices tr[data-notice='{notice.id}'] input[name=reason]", "Lindgren is not our client")
        page.click(f"#unfile-{notice.id}")
        opened(page, "#fields")  # the review item it became, its fields ready to file elsewhere
        said = page.inner_text(".messages li.success")
        assert said.startswith(f"notice {notice.id} unfiled from {OKAFOR}: back to review as item 2")
        assert "Lindgren is not our client" in page.inner_text("p.muted")
        assert page.locator(f"#filed-notices tr[data-notice='{notice.id}']").count() == 0
    assert (cases / "h1b-okafor.yaml").read_text(encoding="utf-8") == original
    assert not list((cases / OKAFOR / "notices").glob(f"*{RECEIPT}*"))
    with open_docket(docket) as d:
        back = d.notice(notice.id)
        (item,) = d.reviews(ReviewStatus.OPEN)
        (entry,) = [e for e in d.audit_log(OKAFOR) if e.action == "notice unfiled"]
        assert d.aliases() == []
    assert back is not None and back.status is NoticeStatus.REVIEW and item.notice_id == notice.id
    assert entry.actor == "mailroom1" and entry.details["reason"] == "Lindgren is not our client"
