"""The mailroom's reader worker (docgen.mailroom.reader) on real sample notices: what it returns and raises is what
the reader does in process; a worker that died between files costs no file; workers are renewed."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from docgen.errors import NoticeError, UsageError
from docgen.mailroom import reader as reader_module
from docgen.mailroom.ingest import read_notice_file
from docgen.mailroom.reader import Reader, ReaderCrashed, ReaderStuck

from .conftest import SAMPLES

NOTICES = SAMPLES / "notices" / "text"


def test_the_worker_reads_as_the_reader_does_and_raises_what_it_raises(tmp_path: Path) -> None:
    path = NOTICES / "batch-text.pdf"
    text = tmp_path / "notice.pdf"
    text.write_text("Receipt Number: WAC2690012345\n", encoding="utf-8")
    with Reader(read_notice_file) as reader:
        read = reader.read(path, path.name)
        assert [n.to_dict() for n in read.notices] == [n.to_dict() for n in read_notice_file(path).notices]
        assert len(read.notices) > 1
        with pytest.raises(NoticeError, match="not a PDF or an image"):
            reader.read(text, text.name)
        assert reader.read(path, path.name).kind == "pdf"  # the same worker goes on


def test_a_worker_that_died_between_files_costs_no_file() -> None:
    path = NOTICES / "receipt-i129.pdf"
    with Reader(read_notice_file) as reader:
        reader.read(path, path.name)
        first = reader._pid
        assert first is not None
        os.kill(first, signal.SIGKILL)  # killed while idle (the system short of memory, a person's kill)
        assert reader.read(path, path.name).notices  # tried again in a fresh worker, not blamed on the file
        assert reader._pid not in (None, first)


def test_a_fresh_worker_that_dies_on_a_file_blames_that_file(monkeypatch: pytest.MonkeyPatch) -> None:
    path = NOTICES / "receipt-i129.pdf"
    monkeypatch.setenv("DOCGEN_CRASH_READING", "scan.pdf")
    with Reader(read_notice_file) as reader:
        with pytest.raises(ReaderCrashed, match=r"^the reader crashed on this file \(SIGABRT, an abort\)$"):
            reader.read(path, "scan.pdf")
        assert reader.read(path, path.name).notices


def test_workers_are_renewed_after_a_number_of_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "RENEW_AFTER", 2)
    path = NOTICES / "receipt-i129.pdf"
    pids = []
    with Reader(read_notice_file) as reader:
        for _ in range(5):
            reader.read(path, path.name)
            pids.append(reader._pid)
    assert len(set(pids)) == 3 and pids[0] == pids[1] and pids[2] == pids[3] != pids[0]


def test_a_file_that_hangs_the_reader_is_stopped_at_the_deadline_and_the_next_file_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = NOTICES / "receipt-i129.pdf"
    monkeypatch.setenv("DOCGEN_CRASH_READING", "loop.pdf:hang")  # never answers, as a loop in pdfium would
    with Reader(read_notice_file, deadline=4) as reader:
        assert reader.read(path, path.name).notices
        first = reader._pid
        with pytest.raises(ReaderStuck, match=r"^the reader was still reading this file after 4 s and was stopped$"):
            reader.read(path, "loop.pdf")  # not tried again in a fresh worker: it would hold the run up once more
        assert first is not None
        with pytest.raises(ChildProcessError):
            os.waitpid(first, os.WNOHANG)  # killed and collected, not left behind
        assert reader.read(path, path.name).notices  # a fresh worker reads the next file


@pytest.mark.parametrize("written", ["soon", "0", "-5", "inf", "nan"])
def test_a_deadline_that_is_not_a_number_of_seconds_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    monkeypatch.setenv("DOCGEN_READ_DEADLINE", written)
    with pytest.raises(UsageError, match=r"^DOCGEN_READ_DEADLINE=.*: give the seconds one notice file may take"):
        Reader(read_notice_file)
    monkeypatch.setenv("DOCGEN_READ_DEADLINE", "120")
    assert reader_module.file_deadline() == 120.0
