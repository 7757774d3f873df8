"""The watched scan folder and searchable copies: settled files only, restart-safe, nothing twice."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pypdfium2 as pdfium

from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import IngestReport, ingest_inbox
from docgen.mailroom.searchable import copy_path, make_searchable, make_searchable_copies, missing_copies
from docgen.mailroom.watch import SettleTracker, looks_complete, watch

from .conftest import ROOT, SAMPLES
from .test_mailroom import NOTICES, setup_dirs


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_file_is_ready_only_when_unchanged_and_whole(tmp_path: Path) -> None:
    whole = (NOTICES / "receipt-i129.pdf").read_bytes()
    path = tmp_path / "scan.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    clock = Clock()
    tracker = SettleTracker(settle=2.0, max_wait=60.0, clock=clock)
    assert tracker.ready([path]) == []  # first sight
    clock.now = 5.0
    assert not looks_complete(path)
    assert tracker.ready([path]) == []  # unchanged for long enough, but cut short: it waits
    with path.open("ab") as handle:
        handle.write(whole[len(whole) // 2 :])
    assert tracker.ready([path]) == []  # it changed: the clock starts again
    clock.now = 6.0
    assert tracker.ready([path]) == []
    clock.now = 7.5
    assert tracker.ready([path]) == [path]


def test_a_file_that_never_completes_is_handed_on_after_the_longest_wait(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 100)
    clock = Clock()
    tracker = SettleTracker(settle=1.0, max_wait=30.0, clock=clock)
    tracker.ready([path])
    clock.now = 29.0
    assert tracker.ready([path]) == []
    clock.now = 31.0
    assert tracker.ready([path]) == [path]  # the ingest then sends it to review as unreadable


def test_partial_download_names_are_never_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf.part"
    shutil.copy(NOTICES / "receipt-i129.pdf", path)
    clock = Clock()
    tracker = SettleTracker(settle=0.0, max_wait=0.0, clock=clock)
    tracker.ready([path])
    clock.now = 100.0
    assert tracker.ready([path]) == []


def _run_watch(inbox: Path, docket: Path, cases: Path, stop: threading.Event, reports: list[IngestReport]) -> None:
    def ingest_files(files: list[Path]) -> IngestReport:
        report = ingest_inbox(inbox, docket, cases, files=files)
        reports.append(report)
        return report

    watch(inbox, ingest_files, stop, settle=0.3, poll=0.2, max_wait=60.0)


def _wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_watch_files_waiting_at_start_and_slow_writes_once(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, ["receipt-i129.pdf", "approval-i797a.pdf"])
    stop, reports = threading.Event(), []
    thread = threading.Thread(target=_run_watch, args=(inbox, docket, cases, stop, reports))
    thread.start()
    try:
        # Files that arrived while it was down are read at start.
        _wait_for(lambda: sum(len(r.filed) + len(r.review) for r in reports) == 2)
        assert sum(len(r.filed) for r in reports) == 2
        assert not list(inbox.iterdir())
        # A scanner writes the RFE slowly, pausing longer than the settle time half-way.
        whole = (NOTICES / "rfe-i129.pdf").read_bytes()
        slow = inbox / "rfe.pdf"
        with slow.open("wb") as handle:
            handle.write(whole[: len(whole) // 2])
            handle.flush()
            time.sleep(1.2)
            assert slow.exists(), "a half-written file was taken"
            assert sum(len(r.filed) + len(r.review) for r in reports) == 2
            handle.write(whole[len(whole) // 2 :])
        _wait_for(lambda: sum(len(r.filed) + len(r.review) for r in reports) == 3)
        # the RFE whole, read once: it waits for its response date (read from a sentence) to be confirmed
        assert sum(len(r.filed) for r in reports) == 2 and sum(len(r.review) for r in reports) == 1
        assert not slow.exists()
        (waiting,) = [Path(p) for r in reports for p in r.review]  # not a half-written file's "unreadable"
        assert waiting.with_suffix(".reason.txt").read_text().startswith("confirm the response date")
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    # Restarted with the same scan dropped in again: seen before, removed, not filed twice.
    shutil.copy(NOTICES / "rfe-i129.pdf", inbox / "again.pdf")
    stop, reports = threading.Event(), []
    thread = threading.Thread(target=_run_watch, args=(inbox, docket, cases, stop, reports))
    thread.start()
    try:
        _wait_for(lambda: len(reports) == 1)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert [r.duplicate_files for r in reports] == [1]
    with open_docket(docket) as d:
        assert len(d.notices()) == 3


def test_watch_command_outlives_a_reader_crash_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, [])
    env = dict(os.environ, PYTHONPATH=str(ROOT), DOCGEN_CRASH_READING="crash.pdf:segv")  # a fault in libtesseract
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "docgen",
            "mailroom",
            "watch",
            str(inbox),
            "--docket",
            str(docket),
            "--cases",
            str(cases),
            "--settle",
            "0.3",
            "--poll",
            "0.2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        time.sleep(1.5)
        shutil.copy(NOTICES / "rfe-i129.pdf", inbox / "crash.pdf")
        _wait_for(lambda: not (inbox / "crash.pdf").exists())
        shutil.copy(NOTICES / "receipt-i129.pdf", inbox / "receipt.pdf")
        _wait_for(lambda: not (inbox / "receipt.pdf").exists())
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "filed" in out and "stopped" in out
    assert "Traceback" not in err
    (kept,) = (tmp_path / "review" / "unreadable").glob("*_crash.pdf")
    assert kept.read_bytes() == (NOTICES / "rfe-i129.pdf").read_bytes()
    assert "the reader crashed on this file (SIGSEGV" in kept.with_name(kept.name + ".reason.txt").read_text()
    assert len(list(cases.glob("*/notices/*_receipt_*.pdf"))) == 1  # the next scan, filed by the same watcher


def _text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_a_filed_scan_gets_a_searchable_copy_and_a_text_pdf_none(tmp_path: Path) -> None:
    notices = tmp_path / "cases" / "ACME-2026-0142" / "notices"
    notices.mkdir(parents=True)
    scan = notices / "2026-09-02_I-129_approval_WAC2690012345.pdf"
    shutil.copy(SAMPLES / "notices" / "scans" / "approval-i797a-scan.pdf", scan)
    text = notices / "2026-06-04_I-129_receipt_WAC2690012345.pdf"
    shutil.copy(NOTICES / "receipt-i129.pdf", text)
    assert _text(scan).strip() == ""
    assert missing_copies(tmp_path / "cases") == [text, scan]
    report = make_searchable_copies(missing_copies(tmp_path / "cases"))
    assert report.problems == []
    assert report.made == [copy_path(scan)]
    searchable = _text(copy_path(scan)).upper()
    assert "NOTICE OF ACTION" in searchable.replace("\r", " ").replace("\n", " ") or "NOTICE" in searchable
    assert "WAC" in searchable
    assert copy_path(scan).stat().st_mode & 0o777 == 0o600
    assert not copy_path(text).exists()
    assert make_searchable(scan) is None  # already there: not made twice


def test_a_damaged_filed_notice_is_reported_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nnot really\n")
    report = make_searchable_copies([bad])
    assert report.made == [] and len(report.problems) == 1
    assert report.problems[0].startswith("bad.pdf: no searchable copy")


def _watch_command(inbox: Path, docket: Path, cases: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = ["mailroom", "watch", str(inbox), "--docket", str(docket), "--cases", str(cases), "--settle", "0.3"]
    return subprocess.Popen(
        [sys.executable, "-m", "docgen", *args, "--poll", "0.2", "--no-searchable"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_watch_refuses_a_missing_cases_folder_at_start_not_at_the_first_scan(tmp_path: Path) -> None:
    inbox, _, docket = setup_dirs(tmp_path, [])
    for cases in (tmp_path / "no-such-cases", inbox):
        proc = _watch_command(inbox, docket, cases)
        try:
            out, err = proc.communicate(timeout=20)  # it used to print "watching" and wait for a scan
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode in (2, 3) and err.count("\n") == 1, err
        assert "watching" not in out


def test_watch_lists_skipped_entries_once_on_stderr(tmp_path: Path) -> None:
    inbox, cases, docket = setup_dirs(tmp_path, [])
    (inbox / "passwd.pdf").symlink_to("/etc/passwd")
    shutil.copy(SAMPLES / "cases" / "l1a-hoshino.yaml", inbox / "hoshino.yaml")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = ["mailroom", "watch", str(inbox), "--docket", str(docket), "--cases", str(cases), "--settle", "0.3"]
    with open(tmp_path / "stderr.txt", "w+") as err_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "docgen", *args, "--poll", "0.2", "--no-searchable"],
            stdout=subprocess.DEVNULL,
            stderr=err_file,
            text=True,
            env=env,
        )
        try:
            deadline = time.monotonic() + 90  # a loaded machine starts Python slowly: wait for what it says
            while time.monotonic() < deadline and proc.poll() is None:
                said = (tmp_path / "stderr.txt").read_text()
                if "skipped passwd.pdf" in said and "skipped hoshino.yaml" in said:
                    break
                time.sleep(0.2)
            time.sleep(1.5)  # several more looks at the folder (every 0.2 s): still said once
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    err = (tmp_path / "stderr.txt").read_text()
    assert proc.returncode == 0, err
    assert err.count("skipped passwd.pdf: a symbolic link") == 1, err
    assert err.count("skipped hoshino.yaml: a case or docket file") == 1, err


def test_watch_does_not_retry_a_failed_file_until_it_changes(tmp_path: Path, monkeypatch: object) -> None:
    import docgen.mailroom.ingest as ingest_module

    inbox, cases, docket = setup_dirs(tmp_path, [])
    (inbox / "poison.pdf").write_bytes(b"%PDF-1.7 poison\n%%EOF\n")
    real = ingest_module.parse_notice_file

    def fragile(path: Path, **kwargs: object) -> object:  # a fault: the reader hits a bug on one file
        if Path(path).read_bytes().startswith(b"%PDF-1.7 poison"):
            raise RuntimeError("a bug in the reader")
        return real(path)

    monkeypatch.setattr(ingest_module, "parse_notice_file", fragile)  # type: ignore[attr-defined]
    stop, reports = threading.Event(), []
    thread = threading.Thread(target=_run_watch, args=(inbox, docket, cases, stop, reports))
    thread.start()
    try:
        _wait_for(lambda: any(r.failed for r in reports))
        time.sleep(2.0)  # many settle periods: it used to be read (and audited) again each one
        assert sum(len(r.failed) for r in reports) == 1
        shutil.copy(NOTICES / "receipt-i129.pdf", inbox / "poison.pdf")  # replaced by a good scan: read
        _wait_for(lambda: sum(len(r.filed) for r in reports) == 1)
    finally:
        stop.set()
        thread.join(timeout=10)


def test_a_stop_is_seen_while_the_loop_waits_out_a_long_poll(tmp_path: Path) -> None:
    """A server's SIGTERM stops its watcher at once, not after the rest of the poll (5 s by default)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    stop, looks = threading.Event(), []
    thread = threading.Thread(
        target=watch,
        args=(inbox, lambda files: IngestReport(), stop),
        kwargs={"poll": 3600.0, "on_look": lambda waiting, settling: looks.append(waiting)},
    )
    thread.start()
    try:
        _wait_for(lambda: looks)  # the first look is done: the loop now waits for an event or the poll
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive(), "the watch loop slept through its stop"
