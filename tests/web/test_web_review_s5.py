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
from pathlib import Path
from typing import Any

import pytest

from docgen.case.loader import load_case
from tests.web import test_browser as shared
from tests.web.serving import served, server_env
from tests.web.test_browser import CHROMIUM, PASSWORD, _docgen, login

ROOT = Path(__file__).resolve().parents[2]

browser = shared.browser  # the same chromium and page fixtures as the other browser tests
page = shared.page

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def served_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``docgen serve`` on a copy of the sample cases, with a specialist and a mailroom clerk."""
    root = tmp_path_factory.mktemp("review-s5")
    shutil.copytree(ROOT / "samples" / "cases", root / "cases")
    env = server_env()
    data = root / "data"
    for role in ("specialist", "mailroom"):
        _docgen(["users", "add", f"{role}1", "--role", role, "--data", str(data)], env, PASSWORD + "\n")
    with served(data, root / "cases", env) as url:
        yield {"url": url, "root": root, "data": data}


# --- the case form ---------------------------------------------------------------------------------------------


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
        {"_hash": digest, "petitioner.gross_annual_income": "1,250,000.50", "petitioner.employees_us": "1,204",
         "_save": "1"},
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
            [sys.executable, "-m", "docgen.cli", "serve", "--data", str(tmp_path / "data"), "--cases",
             str(tmp_path / "cases"), "--port", str(port)],
            env=server_env(), capture_output=True, text=True, timeout=60,
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
