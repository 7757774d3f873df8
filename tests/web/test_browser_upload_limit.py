"""A file over the upload limit: the browser says so before sending it; a client without JS that sends a
body over the server's limit gets the workspace's page with its menu, not waitress's bare text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.serving import copy_users, served, server_env
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, PASSWORD, SAMPLES, opened

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")

LIMIT = 100_000  # bytes; the server takes bodies up to twice this and 1 MB


@pytest.fixture(scope="module")
def small_limit(tmp_path_factory: pytest.TempPathFactory, browser_users: Path) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("upload-limit")
    shutil.copytree(SAMPLES / "cases", root / "cases")
    env = {**server_env(), "DOCGEN_UPLOAD_LIMIT": str(LIMIT)}
    data = root / "data"
    copy_users(browser_users, data)
    with served(data, root / "cases", env) as url:
        yield {"url": url, "root": root}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser: Any, url: str, javascript: bool) -> Any:
    context = browser.new_context(java_script_enabled=javascript)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(url + "/")
    page.fill("#id_username", "counsel1")
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Log in')")
    opened(page, "header nav")
    return page


def test_the_browser_says_a_file_is_too_large_before_sending_it(
    browser: Any, small_limit: dict[str, Any], tmp_path: Path
) -> None:
    big = tmp_path / "cases.csv"
    big.write_bytes(b"case_id\n" + b"x" * (LIMIT + 10))
    page = _page(browser, small_limit["url"], javascript=True)
    page.goto(small_limit["url"] + "/batch/")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    page.set_input_files("#cases", str(big))
    note = page.wait_for_selector(".upload-size-error")
    assert "cases.csv is 97.7 KB; files up to 97.7 KB are accepted" in note.inner_text()
    page.check("input[name=forms][value='I-765']")
    # The submit event is dispatched within the click: a listener on the window, which hears it after the form's
    # own, sees whether the page's script stopped it (a form sent goes on to a POST, whenever it leaves).
    page.evaluate("window.addEventListener('submit', e => { window.submitStopped = e.defaultPrevented; })")
    page.click("button:has-text('Run the batch')")
    assert page.evaluate("window.submitStopped") is True
    assert sent == [] and page.url.endswith("/batch/")
    page.context.close()


def test_a_body_over_the_server_limit_gets_a_page_with_the_menu(
    browser: Any, small_limit: dict[str, Any], tmp_path: Path
) -> None:
    huge = tmp_path / "cases.csv"
    huge.write_bytes(b"case_id\n" + b"x" * (2 * LIMIT + 1024 * 1024 + 10))  # over what waitress reads
    page = _page(browser, small_limit["url"], javascript=False)  # no check in the browser
    page.goto(small_limit["url"] + "/batch/")
    page.set_input_files("#cases", str(huge))
    page.check("input[name=forms][value='I-765']")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("button:has-text('Run the batch')")
    assert answer.value.status == 413
    opened(page, "a:has-text('Back to the page you came from')")  # the answer's page, not the form still showing
    text = page.inner_text("body")
    assert "File too large" in text and "files up to 97.7 KB are accepted" in text
    assert "exceeds max_body" not in text and "Request Entity Too Large" not in text
    assert page.is_visible("header nav a:has-text('Cases')")  # the menu, for a user to go on
    assert page.get_attribute("a:has-text('Back to the page you came from')", "href") == "/batch/"
    page.context.close()
