"""A docket another program holds with ``BEGIN EXCLUSIVE`` (a long ingest or import): the pages that only read it
answer at once, or after a short wait with a clear message, instead of hanging for the write lock's minute."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.docket import Deadline, DeadlineKind, open_docket

CASE = "ACME-2026-0142"
WHAT = "RFE response for I-129 WAC2690012345 must arrive at USCIS"
HOLD = (
    "import sqlite3, sys, time\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN EXCLUSIVE')\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


@pytest.fixture
def docket(tmp_path: Path, settings: Any) -> Path:
    path = tmp_path / "docket.sqlite"
    settings.DOCKET_PATH = path
    with open_docket(path) as d, d.transaction() as tx:
        tx.add_deadline(
            Deadline(CASE, "principal", DeadlineKind.RFE_RESPONSE, dt.date.today() + dt.timedelta(days=20), WHAT)
        )
    return path


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Another process holding the docket's exclusive lock."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


def _timed_get(client: Any, url: str) -> tuple[str, float]:
    start = time.monotonic()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), time.monotonic() - start


def test_pages_that_read_a_docket_being_written_answer_at_once(client_for: Any, cases_dir: Path, docket: Path) -> None:
    client = client_for("specialist")
    with held(docket):
        html, seconds = _timed_get(client, "/")
        assert seconds < 10 and "docket is busy" not in html  # the schema is current: nothing to wait for
        assert "RFE response" in client.get("/dashboard/").content.decode()
        _, seconds = _timed_get(client, "/mailroom/")
        assert seconds < 10


def test_a_docket_no_reader_can_open_says_so_after_a_short_wait(
    client_for: Any, cases_dir: Path, docket: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.web.services import docket as docket_service

    assert docket_service.READ_WAIT <= 5  # a page that only reads waits a few seconds, never the write lock's minute
    # The pages below wait READ_WAIT per read of the docket (several per page); the test sits out a short one: a read
    # that waited the write lock's minute instead (open_docket's default) still fails the time limit below.
    monkeypatch.setattr(docket_service, "READ_WAIT", 0.3)
    raw = sqlite3.connect(docket, isolation_level=None)
    raw.execute("PRAGMA journal_mode=DELETE")  # a docket without WAL (another program's copy): readers wait too
    raw.close()
    client = client_for("specialist")
    with held(docket):
        for url in ("/", "/dashboard/", "/mailroom/"):
            html, seconds = _timed_get(client, url)
            assert seconds < 20, url  # a short wait per read, not the write lock's minute
            assert "The docket is busy (another ingest or import is writing)" in html, url
            assert "reload in a minute" in html, url
            assert str(docket) not in html
    assert "docket is busy" not in client.get("/").content.decode()  # once it is free, nothing is said
