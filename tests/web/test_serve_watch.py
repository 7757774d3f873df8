"""``docgen serve --watch``: the scan folder watched inside the server process, run as a real server on a free
port, fed real sample notices, its status read from the mailroom desk by a logged-in HTTP session."""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.web.services.watcher import Watcher, install
from tests.web.serving import CLI, server_env

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
NOTICES = SAMPLES / "notices" / "text"
PASSWORD = "correct horse battery staple"
BATCH = ["approval-i797a.pdf", "rfe-i129.pdf", "batch-text.pdf", "biometrics-i539.pdf"]
SETTLE = 0.5  # --settle: a scan is read once unchanged this long (2 s by default; the tests need not wait it)


def _env(database: str = "") -> dict[str, str]:
    """The server's environment: SQLite files in the data folder, or ``database`` for both (a team's)."""
    env = server_env()
    env.pop("DOCGEN_DATABASE_URL", None)
    if database:
        env["DOCGEN_DATABASE_URL"] = database
    return env


def _wait_for(condition: Callable[[], bool], timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    """``docgen serve --watch`` as a process, and a logged-in session to its pages."""

    def __init__(self, root: Path, inbox: Path, database: str = "", settle: float = SETTLE) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                CLI,
                "serve",
                "--data",
                str(root / "data"),
                "--cases",
                str(root / "cases"),
                "--port",
                "0",
                "--threads",
                "2",
                "--watch",
                str(inbox),
                "--settle",
                str(settle),
            ],
            env=_env(database),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = _first_line(self.proc)
        if not line.startswith("docgen workspace on http://127.0.0.1:"):
            self.proc.kill()
            raise AssertionError(line + (self.proc.stderr.read() if self.proc.stderr else ""))
        self.url = line.split()[3].rstrip("/")
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def login(self, user: str) -> None:
        page = self.opener.open(self.url + "/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token[1], "username": user, "password": PASSWORD})
        request = urllib.request.Request(self.url + "/login/", data=form.encode(), headers={"Referer": self.url})
        self.opener.open(request).read()

    def watch_status(self) -> dict[str, str]:
        """The desk's scan-folder rows, by their id."""
        page = self.opener.open(self.url + "/mailroom/").read().decode()
        assert 'id="watcher"' in page, page[:2000]
        cells = re.findall(r'<td id="watch-([a-z-]+)">(.*?)</td>', page, re.S)
        return {key: html.unescape(re.sub(r"<[^>]+>", "", value)).strip() for key, value in cells}

    def stop(self) -> tuple[int, str, str]:
        """SIGTERM, as a service manager stops it; the exit code and what it printed."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            out, err = self.proc.communicate(timeout=60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.communicate()
        return self.proc.returncode, out, err


def _first_line(proc: subprocess.Popen[str]) -> str:
    """The first line the server printed, read a byte at a time from the pipe itself: ``readline()`` would take
    a whole chunk into the text wrapper's buffer, where ``communicate()`` (which reads the pipe's descriptor)
    never looks, so a line printed right after the first (the watcher's) was lost under load."""
    assert proc.stdout is not None
    data = b""
    while not data.endswith(b"\n"):
        byte = os.read(proc.stdout.fileno(), 1)
        if not byte:
            break
        data += byte
    return data.decode()


def _place(root: Path, database: str = "") -> Path:
    """Cases copied from the samples, an empty inbox, a data folder with a mailroom user."""
    shutil.copytree(SAMPLES / "cases", root / "cases")
    (root / "inbox").mkdir()
    subprocess.run(
        [
            sys.executable,
            "-m",
            CLI,
            "users",
            "add",
            "clerk",
            "--role",
            "mailroom",
            "--data",
            str(root / "data"),
        ],
        input=PASSWORD + "\n",
        env=_env(database),
        text=True,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[set[tuple[str, str | None]], list[str]]:
    """What one plain ``mailroom ingest`` of the test's files records: (identity, case) of each notice, and the
    names of the files it filed into case folders."""
    root = tmp_path_factory.mktemp("reference")
    shutil.copytree(SAMPLES / "cases", root / "cases")
    (root / "inbox").mkdir()
    for name in ["receipt-i129.pdf", *BATCH]:
        shutil.copy(NOTICES / name, root / "inbox" / name)
    ingest_inbox(root / "inbox", root / "docket.sqlite", root / "cases")
    return _recorded(root / "docket.sqlite"), _filed(root / "cases")


def _recorded(docket: Path | str) -> set[tuple[str, str | None]]:
    with open_docket(docket, create=False) as d:
        rows = [(n.identity, n.case_id) for n in d.notices()]
    assert len(rows) == len(set(rows)), f"a notice recorded twice: {rows}"
    return set(rows)


def _filed(cases: Path) -> list[str]:
    return sorted(p.name for p in cases.glob("*/notices/*.pdf"))


def _drop_slowly(source: Path, target: Path, release: threading.Event) -> None:
    """Write ``source`` as a scanner does: half, a pause (until ``release`` is set, a minute at most), the rest."""
    whole = source.read_bytes()
    with target.open("wb") as handle:
        handle.write(whole[: len(whole) // 2])
        handle.flush()
        release.wait(60)
        handle.write(whole[len(whole) // 2 :])


def test_serve_files_a_slow_scan_shows_it_and_stops_cleanly_mid_batch(tmp_path: Path, reference: Any) -> None:
    place = _place(tmp_path)
    inbox, docket = place / "inbox", place / "data" / "docket.sqlite"
    server = Server(place, inbox)
    try:
        server.login("clerk")
        status = server.watch_status()
        assert status["inbox"] == str(inbox.resolve())
        assert status["last-filed"] == "nothing yet"
        # A scanner writes the receipt slowly: half of it sits unchanged over twice the settle time, and until the
        # desk has shown it as being written (a watcher slow to look, under load, is waited for, not raced).
        release = threading.Event()
        writer = threading.Thread(target=_drop_slowly, args=(NOTICES / "receipt-i129.pdf", inbox / "scan.pdf", release))
        writer.start()
        try:
            time.sleep(2 * SETTLE)  # the scenario: the half written stays unchanged longer than the settle time
            _wait_for(
                lambda: "1 still being written" in server.watch_status()["waiting"], what="the desk to show the scan"
            )
            assert (inbox / "scan.pdf").exists(), "a half-written scan was taken"
        finally:
            release.set()
            writer.join()
        _wait_for(lambda: not (inbox / "scan.pdf").exists(), what="the receipt to be filed")
        _wait_for(lambda: server.watch_status()["last-filed"] != "nothing yet", what="the desk to show it")
        status = server.watch_status()
        assert status["last-filed"].startswith(_filed(place / "cases")[0])
        assert status["totals"].startswith("1 filed, 0 sent to review")
        assert status["problems"] == "none"  # "Recent problems"
        # A batch arrives; the server is stopped as soon as the first of it is filed.
        for name in BATCH:
            shutil.copy(NOTICES / name, inbox / name)
        _wait_for(lambda: len(list(inbox.iterdir())) < len(BATCH), what="the batch to start")
    finally:
        code, out, err = server.stop()
    assert code == 0, err
    assert "Traceback" not in err, err
    assert f"a scan is read once unchanged for {SETTLE:g} s" in out  # --settle reached the watcher
    assert "stopping the watcher after the file in hand" in out
    left = sorted(p.name for p in inbox.iterdir())
    assert left, "the whole batch was filed before the stop took effect: the stop is not looked at between files"
    assert not [p for p in place.rglob("*") if p.name.startswith(".") and "tmp" in p.name]
    # Restarted: what was left is filed, nothing twice.
    server = Server(place, inbox)
    try:
        _wait_for(lambda: not list(inbox.iterdir()), what="the rest of the batch")
    finally:
        code, _, err = server.stop()
    assert code == 0 and "Traceback" not in err, err
    recorded, filed = reference
    assert _recorded(docket) == recorded
    assert _filed(place / "cases") == filed


def test_two_servers_on_one_inbox_and_team_database_file_each_scan_once(
    tmp_path: Path, reference: Any, postgres_server: Any
) -> None:
    docket = postgres_server.fresh()  # the team's database: docket and workspace both
    place = _place(tmp_path, docket)
    inbox = place / "inbox"
    first = Server(place, inbox, docket)
    second = None
    try:
        second = Server(place, inbox, docket)
        for name in ["receipt-i129.pdf", *BATCH]:
            shutil.copy(NOTICES / name, inbox / name)
        _wait_for(lambda: not list(inbox.iterdir()), what="the inbox to empty")
        first.login("clerk")
        second.login("clerk")
        totals = [first.watch_status()["totals"], second.watch_status()["totals"]]
    finally:
        results = [first.stop()] + ([second.stop()] if second else [])
    assert all(code == 0 and "Traceback" not in err for code, _, err in results), results
    recorded, filed = reference
    assert _recorded(docket) == recorded
    assert _filed(place / "cases") == filed
    filed_by = [int(t.split(" filed")[0]) for t in totals]
    assert sum(filed_by) == len(filed), totals  # each scan filed by one server, never by both


def test_a_loop_stopped_by_an_error_is_shown_and_restarted(tmp_path: Path, monkeypatch: Any, client_for: Any) -> None:
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setattr("docgen.web.services.watcher.RESTART_PAUSES", (0.5,))
    watcher = Watcher(inbox, tmp_path / "docket.sqlite", tmp_path / "cases", settle=0.3, poll=0.2)
    watcher.check()
    watcher.start()
    install(watcher)
    try:
        _wait_for(lambda: watcher.status().last_look is not None, what="a first look")
        inbox.rmdir()  # the share went away
        _wait_for(lambda: watcher.status().restarts >= 1, what="a restart")
        status = watcher.status()
        # The first failure is the folder vanishing under the loop, the next ones its absence at start.
        assert status.last_problem.startswith(str(inbox)) and "no such" in status.last_problem.lower()
        assert status.running and status.restarting
        page = client_for("mailroom").get("/mailroom/").content.decode()
        assert "restarting after a problem" in page and str(inbox) in page
        inbox.mkdir()
        shutil.copy(NOTICES / "receipt-i129.pdf", inbox / "receipt.pdf")
        _wait_for(lambda: watcher.status().filed_total == 1, what="the receipt after the restart")
        assert not watcher.status().restarting
    finally:
        install(None)
        assert watcher.stop(timeout=30)
    assert not watcher.status().running


def test_a_reader_crash_costs_the_server_watcher_only_that_scan(tmp_path: Path, monkeypatch: Any) -> None:
    """A fault inside libtesseract (simulated: the reading process reads address 0 on one scan) sends that scan to
    review, kept; the server's process and its watcher go on and file the next scan."""
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("DOCGEN_CRASH_READING", "crash.pdf:segv")
    watcher = Watcher(inbox, tmp_path / "docket.sqlite", tmp_path / "cases", settle=0.3, poll=0.2)
    watcher.check()
    watcher.start()
    try:
        shutil.copy(NOTICES / "rfe-i129.pdf", inbox / "crash.pdf")
        _wait_for(lambda: watcher.status().review_total == 1, what="the crashed scan in review")
        shutil.copy(NOTICES / "receipt-i129.pdf", inbox / "receipt.pdf")
        _wait_for(lambda: watcher.status().filed_total == 1, what="the next scan filed")
        status = watcher.status()
        assert status.running and status.restarts == 0 and status.last_problem == ""
    finally:
        assert watcher.stop(timeout=30)
    assert list(inbox.iterdir()) == []
    (kept,) = (tmp_path / "review" / "unreadable").glob("*_crash.pdf")
    assert kept.read_bytes() == (NOTICES / "rfe-i129.pdf").read_bytes()
    with open_docket(tmp_path / "docket.sqlite", create=False) as d:
        (item,) = d.reviews()
        assert item.reason.startswith("the reader crashed on this file (SIGSEGV")


def test_serve_watch_refuses_a_mistyped_docket_as_ingest_and_watch_do(tmp_path: Path) -> None:
    """``serve --watch`` with a docket that is not there, for cases whose notices are recorded in another, made a
    new docket silently: the RFE deadlines of the scans it filed went where nobody looks. It is refused at start
    (exit 2, one line, nothing made), as ``mailroom ingest`` and ``watch`` refuse it; ``--new-docket`` makes one."""
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases")
    (tmp_path / "inbox").mkdir()
    filed = tmp_path / "cases" / "ACME-2026-0142" / "notices" / "2026-06-04_I-129_receipt_WAC2690012345.pdf"
    filed.parent.mkdir(parents=True)
    shutil.copy(NOTICES / "receipt-i129.pdf", filed)  # filed on an earlier day, recorded in the team's docket
    typo = tmp_path / "dockett.sqlite"
    argv = [sys.executable, "-m", "docgen.cli", "serve", "--data", str(tmp_path / "data"), "--port", "0"]
    argv += ["--cases", str(tmp_path / "cases"), "--watch", str(tmp_path / "inbox"), "--docket", str(typo)]
    refused = subprocess.run(argv, env=_env(), capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert f"{typo}: no docket here, but {tmp_path / 'cases'} already holds 1 filed notice(s)" in refused.stderr
    assert "--new-docket" in refused.stderr and not typo.exists()
    server = subprocess.Popen([*argv, "--new-docket"], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = server.stdout.readline().decode() if server.stdout else ""
        assert line.startswith("docgen workspace on http://"), line
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=60)
    assert b"Traceback" not in err, err
