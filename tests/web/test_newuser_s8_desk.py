"""A new user's trial of the review desk (session 8): what the clerk could not tell from the page. The notices are
the user's own (``tests/test_newuser_s8.py`` draws them)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.web.services import watcher
from tests.test_newuser_s8 import RECEIPT, notices_pdf, replaced, workspace


@pytest.fixture
def room(tmp_path: Path, settings: Any) -> Iterator[dict[str, Path]]:
    inbox, cases = workspace(tmp_path)
    settings.DOCKET_PATH = tmp_path / "docket.sqlite"
    settings.CASES_DIR = cases
    yield {"inbox": inbox, "cases": cases, "docket": tmp_path / "docket.sqlite", "root": tmp_path}
    watcher.install(None)


def test_a_file_sent_to_review_whole_says_how_to_bring_it_back(client_for: Any, room: dict[str, Path]) -> None:
    # A password-protected notice waits whole: the page drew no pages and offered only "Not a notice" and
    # "Dismiss"; the clerk who got an open copy could not tell where to put it, nor that this item is then closed.
    locked = notices_pdf(room["root"] / "plain.pdf", [RECEIPT])
    out = io.BytesIO()
    with pikepdf.open(locked) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="s3cret", user="s3cret"))
    (room["inbox"] / "locked.pdf").write_bytes(out.getvalue())
    ingest_inbox(room["inbox"], room["docket"], room["cases"])
    with open_docket(room["docket"]) as docket:
        (item,) = docket.reviews()
    scans = room["root"] / "scans"
    scans.mkdir()
    watcher.install(watcher.Watcher(scans, room["docket"], room["cases"], searchable=False))
    page = client_for("mailroom").get(f"/mailroom/{item.id}/").content.decode()
    assert 'id="whole-file"' in page
    assert "without the password" in page and "Dismiss" in page
    assert f'<code id="whole-file-folder">{scans}</code>' in page
    watcher.install(None)  # no watched folder: the inbox of 'docgen mailroom ingest'
    page = client_for("mailroom").get(f"/mailroom/{item.id}/").content.decode()
    assert 'id="whole-file"' in page and "docgen mailroom ingest" in page


def test_the_scan_folder_panel_counts_scans_already_on_the_docket(client_for: Any, room: dict[str, Path]) -> None:
    # A clerk drops a second scan of a notice already filed into the watched folder: the file goes from the
    # folder, nothing is filed, and the panel said "0 filed, 0 sent to review", as if it had vanished.
    scans = room["root"] / "scans"
    scans.mkdir()
    notices_pdf(room["inbox"] / "first.pdf", [RECEIPT])
    ingest_inbox(room["inbox"], room["docket"], room["cases"])
    watching = watcher.Watcher(scans, room["docket"], room["cases"], searchable=False)
    watcher.install(watching)
    again = notices_pdf(scans / "again.pdf", [RECEIPT])
    report = watching._ingest([again])
    assert report.duplicate_notices == 1 and not again.exists()
    assert watching.status().duplicate_total == 1
    page = client_for("mailroom").get("/mailroom/").content.decode()
    assert "0 filed, 0 sent to review, 1 already on the docket" in page


def test_a_search_that_finds_no_case_says_what_to_do_next(client_for: Any, room: dict[str, Path]) -> None:
    # A receipt for a client the firm has no case for yet: the desk said only "No case holds all of 'ZELLER'",
    # and a new clerk was left with a notice nobody could file.
    notices_pdf(
        room["inbox"] / "stranger.pdf",
        [replaced(RECEIPT, Receipt_Number="EAC2790099999", Beneficiary="ZELLER, OTTO", Petitioner="BLUE HERON INC")],
    )
    ingest_inbox(room["inbox"], room["docket"], room["cases"])
    with open_docket(room["docket"]) as docket:
        (item,) = docket.reviews()
    page = client_for("mailroom").post(f"/mailroom/{item.id}/", {"q": "ZELLER"}).content.decode()
    assert 'id="no-hits"' in page
    assert "New case" in page and "Dismiss" in page
