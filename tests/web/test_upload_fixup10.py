"""Scans uploaded on the mailroom desk (session 10 review): two of one name at once both kept, files the watcher
never reads refused, a full disk said in one line."""

from __future__ import annotations

import errno
import io
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.web.services import watcher
from tests.test_newuser_s10 import workspace


@pytest.fixture
def scans(tmp_path: Path, settings: Any) -> Iterator[Path]:
    _inbox, cases, docket = workspace(tmp_path)
    settings.DOCKET_PATH = docket
    settings.CASES_DIR = cases
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    folder = tmp_path / "scans"
    folder.mkdir()
    watcher.install(watcher.Watcher(folder, docket, cases, searchable=False))
    try:
        yield folder
    finally:
        watcher.install(None)


def _upload(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_uploads_of_one_name_at_once_never_overwrite_each_other(tmp_path: Path) -> None:
    # Two clerks uploaded IMG_2231.pdf at once: the name was free for both (exists() then replace), and one scan
    # was lost while the page said 2 were put.
    count = 8
    start = threading.Barrier(count)
    names: list[str] = []

    def put(number: int) -> None:
        start.wait()
        data = b"%PDF-1.4 scan " + str(number).encode() + b"x" * 200_000
        names.append(watcher.put_in_inbox(tmp_path, "IMG_2231.pdf", data))

    threads = [threading.Thread(target=put, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert sorted(names) == kept and len(kept) == count  # no hidden temporary file left either
    heads = {(tmp_path / n).read_bytes()[:15] for n in kept}
    assert heads == {b"%PDF-1.4 scan " + str(n).encode() for n in range(count)}  # every scan, none twice
    assert all(stat.S_IMODE((tmp_path / n).stat().st_mode) == 0o600 for n in kept)
    assert all((tmp_path / n).stat().st_nlink == 1 for n in kept)  # the watcher skips hard links


def test_a_long_name_is_cut_with_its_extension_kept() -> None:
    name = watcher.upload_name("Scan of the RFE " + "x" * 300 + ".pdf")
    assert name.endswith(".pdf") and len(name) == watcher.UPLOAD_NAME_LIMIT
    assert watcher.upload_name("../.hidden.yaml") == "hidden.yaml"
    assert watcher.not_a_scan("case.yaml") and watcher.not_a_scan("docket.SQLITE") and not watcher.not_a_scan("a.pdf")
    assert watcher.not_a_scan("x" * 300 + ".yaml")  # cut, still not a scan


def test_files_the_watcher_never_reads_are_refused_and_the_scans_put(client_for: Any, scans: Path) -> None:
    # A case file and a docket copy uploaded with a scan: the page said all 3 would be filed, the watcher left the
    # two in the folder unread.
    files = [_upload("case.yaml", b"case_id: X\n"), _upload("IMG_1.pdf", b"%PDF-1.4\n"), _upload("d.sqlite", b"x")]
    page = client_for("mailroom").post("/mailroom/upload/", {"scans": files}, follow=True).content.decode()
    assert "1 scan(s) put in the scan folder" in page
    assert "case.yaml: not a scan" in page and "d.sqlite: not a scan" in page
    assert sorted(p.name for p in scans.iterdir()) == ["IMG_1.pdf"]


def test_a_full_disk_says_which_scan_was_not_saved_and_keeps_those_put(
    client_for: Any, scans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The scan folder's disk filled up: a 500 page with a traceback and the server's path, and no word of the
    # scans already put.
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    files = [_upload(f"IMG_{n}.pdf", b"%PDF-1.4\n") for n in (1, 2, 3)]
    response = client_for("mailroom").post("/mailroom/upload/", {"scans": files}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 scan(s) put in the scan folder" in page
    assert "IMG_2.pdf was not saved: the scan folder&#x27;s disk is full; free space and upload it again" in page
    assert "1 more not tried: IMG_3.pdf" in page
    said = " ".join(str(m) for m in response.context["messages"])
    assert str(scans) not in said and "Traceback" not in page
    assert sorted(p.name for p in scans.iterdir()) == ["IMG_1.pdf"]


def test_an_unwritable_scan_folder_is_said_without_its_path(client_for: Any, scans: Path) -> None:
    scans.rmdir()  # the share went away
    response = client_for("mailroom").post("/mailroom/upload/", {"scans": [_upload("IMG_1.pdf", b"%PDF")]}, follow=True)
    assert response.status_code == 200
    said = " ".join(str(m) for m in response.context["messages"])
    assert "IMG_1.pdf was not saved: the scan folder cannot be written" in said and str(scans) not in said
