"""The mailroom's reader worker (docgen.mailroom.reader) on real sample notices: what it returns and raises is what
the reader does in process; a worker that died between files costs no file; workers are renewed."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from docgen.errors import NoticeError
from docgen.mailroom import reader as reader_module
from docgen.mailroom.ingest import read_notice_file
from docgen.mailroom.reader import Reader, ReaderCrashed

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
