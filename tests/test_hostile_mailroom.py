"""Hostile input to the mailroom: links, odd names, kills, huge dates, control characters, broken dockets.

Inputs are generated here (no committed blobs) and kept small, so the suite stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from docgen.cli import main
from docgen.errors import BatchIncomplete
from docgen.mailroom.deadlines import EARLIEST, LATEST, from_notice, to_csv, to_ics, to_table
from docgen.mailroom.docket import DeadlineKind, DeadlineRecord
from docgen.mailroom.ingest import claimed, inbox_files, ingest_inbox, name_part
from docgen.mailroom.text import printable

from .confirming import confirm_response_dates
from .conftest import ROOT, SAMPLES

NOTICES = SAMPLES / "notices" / "text"
OKAFOR = "ACME-2026-0142"


def rooms(tmp_path: Path, names: tuple[str, ...] = ()) -> tuple[Path, Path, Path]:
    """An inbox holding ``names`` from the sample notices, a copy of the sample cases, a docket path."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    for name in names:
        shutil.copy(NOTICES / name, inbox / name)
    return inbox, cases, tmp_path / "docket.sqlite"


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()] if folder.exists() else []


# --- links --------------------------------------------------------------------------------------
def test_links_in_the_inbox_are_never_followed_and_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf",))
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("another user's private file\n")
    secret.chmod(0o600)
    other_client = tmp_path / "elsewhere" / "rfe.pdf"  # a notice that is not this inbox's to file
    shutil.copy(NOTICES / "rfe-i129.pdf", other_client)
    (inbox / "passwd").symlink_to("/etc/passwd")
    (inbox / "secret.txt").symlink_to(secret)
    (inbox / "rfe.pdf").symlink_to(other_client)
    (inbox / "loop.pdf").symlink_to(inbox / "loop.pdf")
    case_before = (cases / "h1b-okafor.yaml").read_text()

    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    out, err = capsys.readouterr()
    assert code == 0, err
    for name in ("passwd", "secret.txt", "rfe.pdf", "loop.pdf"):
        assert f"skipped {name}: a symbolic link" in err
    assert "4 skipped" in out
    copied = [p for p in every_file(tmp_path / "review") + every_file(cases) if p.suffix != ".yaml"]
    assert not any(b"root:" in p.read_bytes() or b"private file" in p.read_bytes() for p in copied)
    assert not list(cases.rglob("*_rfe_*"))  # the linked notice was not filed into this client's case
    assert "rfe" not in yaml.safe_load((cases / "h1b-okafor.yaml").read_text())["facts"]["status"]
    assert (cases / "h1b-okafor.yaml").read_text() != case_before  # the real file in the inbox was filed
    assert all((inbox / n).is_symlink() for n in ("passwd", "secret.txt", "rfe.pdf"))  # left for a person
    assert secret.read_text() == "another user's private file\n" and other_client.exists()


def test_a_fifo_and_a_hard_link_are_skipped_not_read(tmp_path: Path) -> None:
    inbox, cases, docket = rooms(tmp_path)
    os.mkfifo(inbox / "pipe.pdf")  # reading it would block the run for ever
    outside = tmp_path / "outside.pdf"
    shutil.copy(NOTICES / "rfe-i129.pdf", outside)
    os.link(outside, inbox / "hardlink.pdf")
    report = ingest_inbox(inbox, docket, cases)
    reasons = dict(report.skipped)
    assert "not a regular file" in reasons["pipe.pdf"]
    assert "hard link" in reasons["hardlink.pdf"]
    assert not report.filed and not list(cases.rglob("*_rfe_*"))


def test_filing_never_writes_through_a_link_planted_in_a_case_folder(tmp_path: Path) -> None:
    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    notices = cases / OKAFOR / "notices"
    notices.mkdir(parents=True)
    (notices / "2026-06-22_I-129_rfe_WAC2690012345.pdf").symlink_to(victim)
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.review) == 1  # its response date, read from a sentence, waits for the clerk
    assert len(confirm_response_dates(docket, cases)) == 1  # filed from review: through the link neither
    assert victim.read_text() == "keep me\n"
    filed = notices / "2026-06-22_I-129_rfe_WAC2690012345.pdf"
    assert not filed.is_symlink() and filed.read_bytes().startswith(b"%PDF")


# --- names and files that fail ------------------------------------------------------------------
def test_odd_names_never_stop_the_inbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf",))
    raw = os.fsencode(inbox)
    not_utf8 = raw + b"/rfe-\xff\xfe\x1b[31m.pdf"  # not UTF-8, with an escape sequence for the terminal
    shutil.copy(NOTICES / "rfe-i129.pdf", os.fsdecode(not_utf8))
    long_unmatched = inbox / ("\u00e9" * 125 + ".pdf")  # 254 bytes: the longest name most systems allow
    shutil.copy(NOTICES / "rejection-i129.pdf", long_unmatched)
    long_junk = inbox / ("\u6587" * 83 + ".pdf")  # 253 bytes of CJK
    long_junk.write_bytes(b"%PDF-1.4 cut short")
    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "\x1b" not in out + err
    assert "4 file(s): 1 notice(s) filed, 3 to review" in out  # the RFE waits for its response date's confirming
    assert list(inbox.iterdir()) == []
    assert list(cases.rglob("*_receipt_WAC2690012345.pdf"))
    names = [p.name for p in every_file(tmp_path / "review")]
    assert len(names) == 6 and all(len(os.fsencode(n)) <= 255 for n in names)
    from docgen.mailroom.docket import open_docket

    with open_docket(docket) as d:
        files = [str(a.file) for a in d.audit_log() if a.file]
    assert any(f.startswith("rfe-\ufffd\ufffd\\x1b[31m") for f in files)


def test_a_file_that_breaks_the_reader_is_recorded_and_the_rest_filed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import docgen.mailroom.ingest as ingest_module

    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rfe-i129.pdf"))
    (inbox / "aaa-poison.pdf").write_bytes(b"%PDF-1.7 poison")
    real = ingest_module.parse_notice_file

    def fragile(path: Path, **kwargs: object) -> object:  # a fault: the reader hits a bug on one file
        if Path(path).read_bytes() == b"%PDF-1.7 poison":
            raise RuntimeError("a bug in the reader")
        return real(path)

    monkeypatch.setattr(ingest_module, "parse_notice_file", fragile)
    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    out, err = capsys.readouterr()
    # Not 0: a script or scheduler running the ingest must see that a file is still waiting (it was 0, so a
    # nightly job reported success with a scan left behind); every other file was filed all the same.
    assert code == BatchIncomplete.exit_code, err
    assert "failed  aaa-poison.pdf: RuntimeError: a bug in the reader" in err
    assert "1 notice(s) filed, 1 to review" in out and "1 failed" in out  # the RFE: its response date to confirm
    assert err.strip().splitlines()[-1] == (
        "docgen: error: 1 of 3 file(s) failed and stay in the inbox (each 'failed' line above says why); "
        "deal with them and run the ingest again"
    )
    assert [p.name for p in inbox.iterdir()] == ["aaa-poison.pdf"]  # left to be tried again
    from docgen.mailroom.docket import open_docket

    with open_docket(docket) as d:
        assert any(a.action == "file failed" and a.file == "aaa-poison.pdf" for a in d.audit_log())


@pytest.mark.parametrize("how", ["abort", "segv"])
def test_a_crash_inside_the_reader_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    """A fault inside libtesseract or pdfium (simulated: the reader's process aborts, or reads address 0, on one
    named file) sends that file to review, kept, and the rest of the inbox is filed in the same run."""
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rfe-i129.pdf"))
    # Read second, by a worker that read a file before: it is tried again in a fresh one, which crashes too.
    shutil.copy(NOTICES / "approval-i797a.pdf", inbox / "rf-crash.pdf")
    kept = (inbox / "rf-crash.pdf").read_bytes()
    monkeypatch.setenv("DOCGEN_CRASH_READING", f"rf-crash.pdf:{how}")
    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert "3 file(s): 1 notice(s) filed, 2 to review" in out and "0 failed" in out  # and the RFE's date to confirm
    assert list(inbox.iterdir()) == []
    assert list(cases.rglob("*_receipt_WAC2690012345.pdf")) and list((tmp_path / "review").rglob("rfe-i129_*.pdf"))
    (copy,) = (tmp_path / "review" / "unreadable").glob("*_rf-crash.pdf")
    assert copy.read_bytes() == kept  # the file itself, kept for a person
    signal_name = {"abort": "SIGABRT", "segv": "SIGSEGV"}[how]
    reason = copy.with_name(copy.name + ".reason.txt").read_text()
    assert reason.startswith(f"the reader crashed on this file ({signal_name}") and "scan it again" in reason
    from docgen.mailroom.docket import open_docket

    with open_docket(docket) as d:
        (item,) = [i for i in d.reviews() if not i.reason.startswith("confirm the response date")]
        assert item.reason.startswith("the reader crashed on this file") and item.path == str(copy)
        sent = [a for a in d.audit_log() if a.action == "file sent to review"]
        assert [a.file for a in sent] == ["rf-crash.pdf"]
        assert len(d.notices()) == 2
    monkeypatch.delenv("DOCGEN_CRASH_READING")
    shutil.copy(copy, inbox / "rf-crash.pdf")  # the same content again: seen before, never read twice
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    assert "1 file(s) seen before" in capsys.readouterr().out


def test_a_file_the_reader_never_finishes_is_stopped_at_the_deadline_and_the_rest_filed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A loop in pdfium or an image decoder (simulated: the reader's process never answers on one named file) held
    up every notice behind it: the file is stopped at the deadline, kept in review, and the others are filed."""
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rfe-i129.pdf"))
    shutil.copy(NOTICES / "approval-i797a.pdf", inbox / "loop.pdf")
    monkeypatch.setenv("DOCGEN_CRASH_READING", "loop.pdf:hang")
    monkeypatch.setenv("DOCGEN_READ_DEADLINE", "5")  # the other two take well under a second
    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, err
    # the RFE waits for its response date's confirming
    assert "3 file(s): 1 notice(s) filed, 2 to review" in out, [p.read_text() for p in tmp_path.rglob("*.reason.txt")]
    (copy,) = (tmp_path / "review" / "unreadable").glob("*_loop.pdf")
    reason = copy.with_name(copy.name + ".reason.txt").read_text()
    assert reason.startswith("the reader was still reading this file after 5 s and was stopped") and "scan it" in reason
    monkeypatch.setenv("DOCGEN_READ_DEADLINE", "soon")
    shutil.copy(NOTICES / "receipt-i485.pdf", inbox / "next.pdf")
    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    out, err = capsys.readouterr()
    assert code != 0 and "Traceback" not in err
    assert "DOCGEN_READ_DEADLINE='soon': give the seconds one notice file may take" in err
    assert (inbox / "next.pdf").exists()  # nothing read, nothing moved


def test_a_file_over_the_size_cap_is_never_read_into_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole file was read into memory before its size was checked: a 4 GB "scan" (a backup, a video renamed
    .pdf) dropped in the inbox cost the ingest (or the server's watcher) 4 GB. Its size is checked first; it goes
    to review, copied there in pieces, as any file over a cap does."""
    import tracemalloc

    import docgen.mailroom.ingest as ingest_module
    from docgen.pdf.limits import MEGA, Caps

    inbox, cases, docket = rooms(tmp_path)
    monkeypatch.setattr(ingest_module, "NOTICE_CAPS", Caps(pages=60, pixels=50 * MEGA, bytes=4 * MEGA))
    huge = inbox / "backup.pdf"
    with huge.open("wb") as handle:  # 64 MB, sparse: nothing of it on the disk but its first bytes
        handle.write(b"%PDF-1.7\n")
        handle.truncate(64 * MEGA)
    tracemalloc.start()
    try:
        report = ingest_inbox(inbox, docket, cases)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 * MEGA, f"{peak / MEGA:.0f} MB held at once"
    assert len(report.review) == 1 and not report.failed
    (copy,) = (tmp_path / "review" / "unreadable").glob("*_backup.pdf")
    assert copy.stat().st_size == 64 * MEGA and copy.read_bytes()[:9] == b"%PDF-1.7\n"
    reason = copy.with_name(copy.name + ".reason.txt").read_text()
    assert reason.startswith("backup.pdf: 64 MB, over the cap of 4 MB for one file; compress or split it"), reason
    assert list(inbox.iterdir()) == []


def test_a_phone_photo_in_heic_is_read_like_any_scan(tmp_path: Path) -> None:
    """An iPhone saves its photos as HEIC: a clerk's photo of a notice was sent to review as "not a PDF or an image"
    (it holds image/heic). pillow-heif (a dependency already, for packets) reads it."""
    from PIL import Image

    from docgen.packets.images import heif_supported

    assert heif_supported()
    inbox, cases, docket = rooms(tmp_path)
    with Image.open(SAMPLES / "notices" / "scans" / "rfe-i129-scan.jpg") as scan:
        # as a phone saves it; x265's fastest preset (a phone's encoder is a chip): 0.5 s of CPU, not 3.8
        scan.convert("RGB").save(inbox / "IMG_0412.HEIC", format="HEIF", quality=90, enc_params={"preset": "ultrafast"})
    report = ingest_inbox(inbox, docket, cases)
    assert not report.failed and list(inbox.iterdir()) == [] and len(report.review) == 1, report
    confirmed = confirm_response_dates(docket, cases)  # its response date, read from a sentence, confirmed
    assert [Path(p).name for p in confirmed] == ["2026-06-22_I-129_rfe_WAC2690012345.pdf"], report
    filed = Path(confirmed[0])
    assert filed.read_bytes().startswith(b"%PDF") and filed.parent == cases / OKAFOR / "notices"


def test_a_word_file_is_named_as_one_and_not_a_notice_scan(tmp_path: Path) -> None:
    """A Word file was shown as "application/zip" (its parts named past the first 8 KB) or by its MIME type."""
    import zipfile

    inbox, cases, docket = rooms(tmp_path)
    sample = SAMPLES / "packets" / "evidence" / "lindgren-cv.docx"
    shutil.copy(sample, inbox / "cover-letter.docx")
    first = ("[Content_Types].xml", "_rels/.rels", "docProps/thumbnail.jpeg")  # its thumbnail before its text
    with zipfile.ZipFile(sample) as source, zipfile.ZipFile(inbox / "reply.docx", "w") as out:
        out.writestr(source.getinfo(first[0]), source.read(first[0]), zipfile.ZIP_DEFLATED)
        out.writestr(source.getinfo(first[1]), source.read(first[1]), zipfile.ZIP_DEFLATED)
        out.writestr(source.getinfo(first[2]), source.read(first[2]), zipfile.ZIP_STORED)  # the JPEG as it is
        for entry in source.infolist():
            if entry.filename not in first:
                out.writestr(entry, source.read(entry.filename))
    assert b"word/" not in (inbox / "reply.docx").read_bytes()[:8192]
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.review) == 2 and not report.failed
    for name in ("cover-letter.docx", "reply.docx"):
        (copy,) = (tmp_path / "review" / "unreadable").glob(f"*_{name}")
        reason = copy.with_name(copy.name + ".reason.txt").read_text().splitlines()[0]
        assert reason.endswith(
            f"{name}: a Word document (DOCX), not a notice scan; scan the paper notice, or save the notice as PDF"
        ), reason
        assert "application/" not in reason


# --- dates and text in calendars and on the terminal -------------------------------------------
def test_a_far_future_expiry_is_refused_at_input_and_the_calendar_still_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    icalendar = pytest.importorskip("icalendar")
    inbox, cases, docket = rooms(tmp_path)
    case = cases / "h1b-okafor.yaml"
    case.write_text(case.read_text().replace("expiry_date: 2031-02-09", "expiry_date: 9999-12-31"))
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    err = capsys.readouterr().err
    assert "h1b-okafor.yaml: principal passport.expiry_date: 9999-12-31 is not a date a deadline can fall on" in err
    out = tmp_path / "d.ics"
    assert main(["deadlines", "--docket", str(docket), "--format", "ics", "-o", str(out)]) == 0, capsys.readouterr()
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events and not any(e.decoded("DTSTART").year > 2200 for e in events)
    assert any("Haddad" in str(e["DESCRIPTION"]) for e in events)  # the other cases' deadlines are all there


def test_ics_handles_the_last_day_a_calendar_can_hold() -> None:
    import dataclasses
    import datetime as dt

    from docgen.mailroom.deadlines import impossible, to_ics
    from docgen.mailroom.docket import DeadlineKind, DeadlineRecord

    row = DeadlineRecord("C", "p", DeadlineKind.PASSPORT_EXPIRES, dt.date(2199, 12, 31), "x", id=1)
    assert "DTSTART;VALUE=DATE:21991231" in to_ics([row], dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    end = dataclasses.replace(row, id=2, due=dt.date.max)  # an older docket may hold it: no traceback
    text = to_ics([row, end], dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert text.count("BEGIN:VEVENT") == 1 and "9999" not in text
    assert impossible([row, end]) == [end]  # the command names it


HOSTILE_NAME = "Chi\rdera\x1b[2J\u2028X\u202e; ,\\"


def test_control_characters_in_names_are_escaped_in_calendars_and_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    icalendar = pytest.importorskip("icalendar")
    inbox, cases, docket = rooms(tmp_path)
    case = cases / "h1b-okafor.yaml"
    quoted = '"' + HOSTILE_NAME.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'
    case.write_text(case.read_text().replace("given_name: Chidera", f"given_name: {quoted}"))
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    capsys.readouterr()
    out = tmp_path / "d.ics"
    assert main(["deadlines", "--docket", str(docket), "--format", "ics", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert b"\x1b" not in data and "\u2028".encode() not in data and "\u202e".encode() not in data
    assert b"\r" not in data.replace(b"\r\n", b"")  # CR only as the line end
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    (passport,) = [e for e in events if "passport" in str(e["DESCRIPTION"]) and "\\x1b" in str(e["DESCRIPTION"])]
    assert str(passport["DESCRIPTION"]).startswith("Chi\\x0ddera\\x1b[2J\\u2028X\\u202e; ,\\ ")
    for fmt in ("table", "expiry", "csv"):
        assert main(["deadlines", "--docket", str(docket), "--format", fmt]) == 0
        shown = capsys.readouterr().out
        assert not {"\x1b", "\u2028", "\u202e"} & set(shown), fmt
        assert "\r" not in shown.replace("\r\n", "\n"), fmt


# --- one-line errors with their own exit codes -------------------------------------------------
def test_a_full_disk_stops_the_ingest_with_one_line_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import docgen.mailroom.ingest as ingest_module
    from docgen.errors import OutputError

    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rfe-i129.pdf"))
    real = ingest_module.write_bytes_atomic

    def full(path: Path, data: bytes, mode: int = 0o600) -> None:  # a fault: the disk fills up
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as exc:
            raise OutputError(f"{path}: writing failed (No space left on device); nothing was written") from exc

    monkeypatch.setattr(ingest_module, "write_bytes_atomic", full)
    code = main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)])
    err = capsys.readouterr().err
    assert code == 16 and err.count("\n") == 1 and "disk is full" in err and "Traceback" not in err
    assert sorted(p.name for p in inbox.iterdir()) == ["receipt-i129.pdf", "rfe-i129.pdf"]
    monkeypatch.setattr(ingest_module, "write_bytes_atomic", real)
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    assert list(inbox.iterdir()) == []


def test_a_docket_that_cannot_grow_is_a_full_disk_not_a_traceback(tmp_path: Path) -> None:
    from docgen.errors import DiskFullError
    from docgen.mailroom.ingest import Ingest
    from docgen.mailroom.sqlite_docket import SqliteDocket

    names = ("rfe-i129.pdf", "receipt-i129.pdf", "batch-text.pdf", "approval-i797a.pdf", "biometrics-i539.pdf")
    inbox, cases, docket_path = rooms(tmp_path, names)
    with SqliteDocket(docket_path) as docket:
        pages = docket.db.execute("PRAGMA page_count").fetchone()[0]
        docket.db.execute(f"PRAGMA max_page_count={pages}")  # SQLite's own "database or disk is full"
        with pytest.raises(DiskFullError, match="disk is full"):
            Ingest(docket, cases, tmp_path / "review").run(inbox)


def corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page after the first: headers gone
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["page", "table"])
def test_a_damaged_docket_is_one_line_exit_11(tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    with sqlite3.connect(docket) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if damage == "table":
            db.execute("DROP TABLE deadlines")
    if damage == "page":
        corrupt(docket)
    capsys.readouterr()
    for args in (
        ["deadlines", "--docket", str(docket)],
        ["mailroom", "review", "--docket", str(docket)],
        ["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)],
    ):
        code = main(args)
        err = capsys.readouterr().err
        assert code == 11 and err.startswith("docgen: error: ") and err.count("\n") == 1, (args, err)
        assert ("damaged" if damage == "page" else "deadlines table") in err


def test_ids_too_big_for_any_docket_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox, cases, docket = rooms(tmp_path)
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    for args in (
        ["mailroom", "done", "99999999999999999999", "--docket", str(docket)],
        ["mailroom", "resolve", "99999999999999999999", "--docket", str(docket), "--cases", str(cases)],
        ["mailroom", "done", "0", "--docket", str(docket)],
    ):
        capsys.readouterr()
        assert main(args) == 2
        assert "Traceback" not in capsys.readouterr().err


def test_the_inbox_may_not_be_the_cases_or_hold_the_docket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    shutil.copy(NOTICES / "receipt-i129.pdf", cases / "scan.pdf")
    before = sorted(p.name for p in cases.iterdir())
    monkeypatch.chdir(cases)
    for args in (
        ["mailroom", "ingest", ".", "--cases", ".", "--docket", str(docket)],
        ["mailroom", "ingest", str(cases), "--cases", "../cases/", "--docket", str(docket)],
        ["mailroom", "ingest", ".", "--cases", str(tmp_path / "cases"), "--docket", "docket.sqlite"],
        ["mailroom", "ingest", str(inbox), "--cases", ".", "--docket", "d.sqlite", "--review-dir", str(inbox)],
    ):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "own folder" in err
    assert sorted(p.name for p in cases.iterdir()) == before  # no case file moved to review
    assert not (tmp_path / "review").exists()


def test_case_files_in_an_inbox_are_skipped_not_moved(tmp_path: Path) -> None:
    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    shutil.copy(SAMPLES / "cases" / "l1a-hoshino.yaml", inbox / "l1a-hoshino.yaml")
    (inbox / "other.json").write_text("{}")
    report = ingest_inbox(inbox, docket, cases)
    assert dict(report.skipped).keys() == {"l1a-hoshino.yaml", "other.json"}
    assert (inbox / "l1a-hoshino.yaml").exists() and len(report.review) == 1  # the RFE: its date to confirm


def test_an_empty_file_given_as_the_docket_becomes_an_owner_only_docket(tmp_path: Path) -> None:
    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    docket.touch(mode=0o644)
    docket.chmod(0o644)
    ingest_inbox(inbox, docket, cases)
    assert docket.stat().st_mode & 0o777 == 0o600
    fresh = tmp_path / "fresh.sqlite"
    ingest_inbox(inbox, fresh, cases)
    for path in tmp_path.glob("*.sqlite*"):
        assert path.stat().st_mode & 0o077 == 0, path


# --- generated probes ---------------------------------------------------------------------------
NAME_BYTES = st.binary(min_size=1, max_size=255).filter(lambda b: b"/" not in b and b"\0" not in b)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=NAME_BYTES)
def test_any_file_name_is_listed_opened_and_shown_safely(tmp_path: Path, raw: bytes) -> None:
    inbox = tmp_path / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    path = Path(os.fsdecode(os.fsencode(inbox) + b"/" + raw))
    try:
        path.write_bytes(b"%PDF-1.4\n")
    except OSError:
        return  # "." or ".." and the like: not a file name
    files, skipped = inbox_files(inbox)
    assert len(files) + len(skipped) <= 1
    for each in files:
        with claimed(each) as item:
            assert item is not None and item.data == b"%PDF-1.4\n"
            shown = item.name
            assert len(shown) <= 120 and not UNSAFE & {unicodedata.category(c) for c in shown}
            assert len(os.fsencode(name_part(shown, 160))) <= 160


UNSAFE = {"Cc", "Zl", "Zp", "Cs"}


@settings(max_examples=200, deadline=None)
@given(description=st.text(max_size=300), case_id=st.text(min_size=1, max_size=40))
def test_any_text_survives_a_calendar_round_trip(description: str, case_id: str) -> None:
    icalendar = pytest.importorskip("icalendar")
    row = DeadlineRecord(case_id, "p", DeadlineKind.RFE_RESPONSE, dt.date(2026, 9, 16), description, id=1)
    text = to_ics([row], dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert not {unicodedata.category(c) for c in text.replace("\r\n", "")} & UNSAFE
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == printable(description)
    assert str(event["SUMMARY"]) == printable(f"RFE response due - {case_id}")
    for line in to_table([row], dt.date(2026, 1, 1)).splitlines() + to_csv([row], dt.date(2026, 1, 1)).splitlines():
        assert not {unicodedata.category(c) for c in line} & UNSAFE


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["rfe", "noid", "approval", "biometrics"]),
    day=st.dates(min_value=dt.date.min, max_value=dt.date.max),
)
@example(kind="approval", day=dt.date(1900, 1, 1))  # its extension window would have opened in 1899
def test_any_date_on_a_notice_gives_a_deadline_in_bounds_or_a_problem(kind: str, day: dt.date) -> None:
    notice = {
        "notice_type": kind,
        "receipt_number": "WAC2690012345",
        "response_due": day.isoformat(),
        "valid_to": day.isoformat(),
        "i94_number": "x",
        "appointment": {"date": day.isoformat()},
    }
    deadlines, problems = from_notice("ACME", "principal", notice)
    assert all(EARLIEST <= d.due <= LATEST for d in deadlines)
    assert bool(problems) != (EARLIEST <= day <= LATEST)
    records = [DeadlineRecord(d.case_id, d.person, d.kind, d.due, d.description, id=i) for i, d in enumerate(deadlines)]
    to_ics(records, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def test_an_inbox_of_generated_junk_is_all_sorted_in_one_run(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    inbox, cases, docket = rooms(tmp_path)
    sample = (NOTICES / "rfe-i129.pdf").read_bytes()
    image = (SAMPLES / "notices" / "bad" / "unreadable-scan.jpg").read_bytes()
    junk = {
        "empty.pdf": b"",
        "random.bin": rng.randbytes(5000),
        "header-only.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "cut-short.pdf": sample[: len(sample) // 3],
        "cut-tail.pdf": sample[: len(sample) - 200],
        "flipped.pdf": bytes(b ^ 0xFF if rng.random() < 0.01 else b for b in sample),
        "cut-image.jpg": image[: len(image) // 2],
        "html.pdf": b"<html><script>alert(1)</script></html>",
        "no-extension": sample,
    }
    for name, data in junk.items():
        (inbox / name).write_bytes(data)
    report = ingest_inbox(inbox, docket, cases)
    handled = len(report.filed) + len(report.review) + len(report.failed) + report.duplicate_notices
    assert report.files == len(junk) and handled >= len(junk), report
    assert sorted(p.name for p in inbox.iterdir()) == sorted(name for name, _ in report.failed)


def test_a_docket_with_random_damage_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf", "approval-i797a.pdf"))
    ingest_inbox(inbox, docket, cases)
    with sqlite3.connect(docket) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    good = docket.read_bytes()
    codes = []
    for seed in range(8):
        data = bytearray(good)
        rng = random.Random(seed)
        for _ in range(20):
            start = rng.randrange(100, len(data))
            data[start : start + rng.randrange(1, 200)] = rng.randbytes(200)[: len(data) - start]
        docket.write_bytes(bytes(data))
        Path(f"{docket}-wal").unlink(missing_ok=True)
        Path(f"{docket}-shm").unlink(missing_ok=True)
        capsys.readouterr()
        for args in (
            ["deadlines", "--docket", str(docket), "--format", "ics"],
            ["mailroom", "review", "--docket", str(docket)],
        ):
            code = main(args)  # a traceback fails the test here
            err = capsys.readouterr().err
            assert code in (0, 11), (seed, args, err)
            assert code == 0 or (err.startswith("docgen: error: ") and err.count("\n") == 1)
            codes.append(code)
    assert 11 in codes  # the damage was found, not only survived


def test_an_intent_that_cannot_be_read_is_reported_not_a_traceback(tmp_path: Path) -> None:
    from docgen.mailroom.docket import open_docket

    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    with open_docket(docket) as d, d.transaction() as tx:
        tx.add_intent("x|y|z", OKAFOR, str(cases / "h1b-okafor.yaml"), {"written": "by something else"})
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.review) == 1  # the RFE, its response date read from a sentence: waits to be confirmed
    assert any("intent 1 (ACME-2026-0142) cannot be read" in p for p in report.problems)


def test_an_inbox_inside_the_review_or_a_case_notices_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-ingesting review/unmatched (or a case's notices folder) removed the only copies as duplicates."""
    inbox, cases, docket = rooms(tmp_path, ("approval-i140.pdf", "rfe-i129.pdf"))
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    assert len(confirm_response_dates(docket, cases)) == 1  # the RFE filed (its response date confirmed)
    capsys.readouterr()
    unmatched, notices = tmp_path / "review" / "unmatched", cases / OKAFOR / "notices"
    for folder in (unmatched, notices, tmp_path / "review"):
        before = sorted(every_file(folder))
        assert before
        assert main(["mailroom", "ingest", str(folder), "--docket", str(docket), "--cases", str(cases)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "own folder" in err, err
        assert sorted(every_file(folder)) == before  # nothing taken away


@pytest.mark.parametrize("table", ["customers", "deadlines"])
def test_another_program_database_is_refused_untouched(
    tmp_path: Path, table: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A SQLite file of another program given as --docket was turned into a docket (or called damaged)."""
    import sqlite3

    inbox, cases, _ = rooms(tmp_path, ("rfe-i129.pdf",))
    other = tmp_path / "crm.sqlite"
    db = sqlite3.connect(other)
    db.execute(f"CREATE TABLE {table} (id INTEGER, name TEXT)")
    db.execute(f"INSERT INTO {table} VALUES (1, 'x')")
    db.commit()
    db.close()
    before = other.read_bytes()
    for args in (
        ["deadlines", "--docket", str(other)],
        ["mailroom", "review", "--docket", str(other)],
        ["mailroom", "ingest", str(inbox), "--docket", str(other), "--cases", str(cases)],
    ):
        assert main(args) == 11, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "not a docket" in err and "damaged" not in err, err
    assert other.read_bytes() == before  # no docket tables, journal mode unchanged
    assert sorted(p.name for p in tmp_path.glob("crm.sqlite*")) == ["crm.sqlite"]
    assert (inbox / "rfe-i129.pdf").exists()


def _ctrl_c_as_at_a_terminal() -> None:
    """The child gets Ctrl-C as at a terminal: a pytest worker whose SIGINT is ignored would pass SIG_IGN on."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ingest_lists_each_notice_as_it_is_done_so_an_interrupt_leaves_a_record(tmp_path: Path) -> None:
    """Nothing was printed until the whole inbox was done: Ctrl-C after 20 filed scans showed none of them.

    Run as a user runs it, in its own process: inside pytest's worker a signal sent to the process may be
    taken by one of the worker's other threads, and the ingest would not see it until the file was read.
    """
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rfe-i129.pdf", "rejection-i129.pdf"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), DOCGEN_CRASH_READING="rfe-i129.pdf:interrupt")
    args = ["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases), "--no-searchable"]
    done = subprocess.run(
        [sys.executable, "-m", "docgen", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )
    assert done.returncode == 130, done.stderr
    names = sorted(p.name for p in inbox.iterdir())
    assert names == ["rfe-i129.pdf"]  # the one being read stays for the rerun
    assert done.stdout.count("filed   ") == 1 and str(cases / OKAFOR / "notices") in done.stdout  # the receipt
    assert done.stdout.count("review  ") == 1  # the rejection no case has
    assert "Traceback" not in done.stderr


def test_a_missing_inbox_or_cases_folder_is_a_usage_mistake_named_with_its_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path)
    typo = tmp_path / "inbxo"
    for command in ("ingest", "watch"):
        capsys.readouterr()
        assert main(["mailroom", command, str(typo), "--docket", str(docket), "--cases", str(cases)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(typo) in err and "no such inbox folder" in err, err
        assert "check the path" in err and "Traceback" not in err
        gone = tmp_path / "no-such-cases"
        assert main(["mailroom", command, str(inbox), "--docket", str(docket), "--cases", str(gone)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(gone) in err and "give --cases DIR" in err, err
    assert not Path(docket).exists() and not typo.exists()  # nothing made for a mistyped path
