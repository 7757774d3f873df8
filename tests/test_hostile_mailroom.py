"""Hostile input to the mailroom: links, odd names, kills, huge dates, control characters, broken dockets.

Inputs are generated here (no committed blobs) and kept small, so the suite stays fast.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from docgen.cli import main
from docgen.mailroom.ingest import ingest_inbox

from .conftest import SAMPLES

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
    assert len(report.filed) == 1
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
    assert "4 file(s): 2 notice(s) filed, 2 to review" in out
    assert list(inbox.iterdir()) == []
    assert list(cases.rglob("*_rfe_WAC2690012345.pdf")) and list(cases.rglob("*_receipt_WAC2690012345.pdf"))
    names = [p.name for p in every_file(tmp_path / "review")]
    assert len(names) == 4 and all(len(os.fsencode(n)) <= 255 for n in names)
    from docgen.mailroom.docket import Docket

    with Docket(docket) as d:
        files = [str(a["file"]) for a in d.audit_log() if a["file"]]
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
    assert code == 0, err
    assert "failed  aaa-poison.pdf: RuntimeError: a bug in the reader" in err
    assert "2 notice(s) filed" in out and "1 failed" in out
    assert [p.name for p in inbox.iterdir()] == ["aaa-poison.pdf"]  # left to be tried again
    from docgen.mailroom.docket import Docket

    with Docket(docket) as d:
        assert any(a["action"] == "file failed" and a["file"] == "aaa-poison.pdf" for a in d.audit_log())
