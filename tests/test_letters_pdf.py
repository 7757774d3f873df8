"""Letters converted to PDF by one real headless LibreOffice; faults simulated by a fake worker.

One LibreOffice serves the whole module (start-up paid once). The fake worker
(tests/letters_fake_office.py) stands in for LibreOffice only to crash, hang
or never start; every test checks that no process and no partial file is left.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen.commands.letters import run_letter_jobs
from docgen.errors import ConversionError
from docgen.letters import OfficeConverter, convert_to_pdf, render_letter

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
HOSHINO = SAMPLES / "cases" / "l1a-hoshino.yaml"
OKAFOR_LETTERS = SAMPLES / "letters" / "h1b-okafor.yaml"
FAKE = Path(__file__).with_name("letters_fake_office.py")
DAY = dt.date(2026, 8, 10)


def running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its parent counts as gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return fields[0] != "Z"


def group_members(pgid: int) -> list[int]:
    """Running processes whose process group is ``pgid``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.fixture(scope="module")
def office() -> Iterator[OfficeConverter]:
    converter = OfficeConverter(timeout=60)
    converter.start()
    pgid = converter.pid
    assert pgid is not None
    yield converter
    members = group_members(converter.pid or pgid)
    converter.close()
    time.sleep(0.2)
    assert [pid for pid in members if running(pid)] == []
    assert group_members(pgid) == []


def fake(mode: str, pidfile: Path) -> list[str]:
    return [sys.executable, str(FAKE), mode, str(pidfile)]


def assert_all_gone(pidfile: Path) -> None:
    pids = [int(p) for p in pidfile.read_text().split()]
    assert pids, "the fake worker never started"
    deadline = time.monotonic() + 5
    while any(running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in pids if running(pid)] == []


# --- the real thing ------------------------------------------------------------------------------


def test_each_letter_as_pdf_has_the_same_text(office: OfficeConverter, tmp_path: Path) -> None:
    starts = office.starts
    jobs = [
        ("h1b_support", OKAFOR, None, SAMPLES / "logos" / "acme-analytics.png"),
        ("l1a_support", HOSHINO, None, None),
        ("employment_verification", OKAFOR, OKAFOR_LETTERS, None),
        ("rfe_response", OKAFOR, OKAFOR_LETTERS, SAMPLES / "logos" / "castellanos-reyes.png"),
    ]
    texts = {}
    for template, case, data, logo in jobs:
        out = tmp_path / f"{template}.pdf"
        result = render_letter(template, case, output=out, data=data, logo=logo, date=DAY, converter=office)
        assert result.pdf is not None and result.pdf.startswith(b"%PDF-")
        assert out.read_bytes() == result.pdf
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        texts[template] = pdf_text(out)
    assert office.starts == starts  # one LibreOffice for every letter

    h1b = texts["h1b_support"]
    for expected in (
        "August 10, 2026",
        "Chidera Ngozi Okafor",
        "$168,500.00 per year",
        "October 1, 2026 to September 30, 2029",
        "Develop statistical forecasting models for patient demand",
        "Premium processing.",
        "spouse, Emeka Tobenna Okafor",
        "Thomas Brennan",
    ):
        assert expected in h1b
    assert "Amended petition." not in h1b
    assert "{{" not in h1b and "{%" not in h1b

    l1a = texts["l1a_support"]
    assert "Hoshino Seimitsu Robotics K.K. is the parent company of the Petitioner." in l1a
    assert "$212,000.00 per year" in l1a and "November 1, 2026 to October 31, 2029" in l1a

    verification = texts["employment_verification"]
    assert "since July 15, 2019 and remains employed with us" in verification
    assert "40 hours per week, with a salary of $168,500.00 per year" in verification

    rfe = texts["rfe_response"]
    for expected in (
        "WAC2612050321",
        "Issue 1: The position is a specialty occupation",
        "Issue 3: The Beneficiary has maintained H-1B status",
        "June 2, 2026",
        "August 27, 2026",
        "Castellanos & Reyes LLP",
        "Pay statements for July, August and September 2026",
    ):
        assert expected in rfe


def test_convert_to_pdf_from_a_docx_file(office: OfficeConverter, tmp_path: Path) -> None:
    docx_path = tmp_path / "letter.docx"
    render_letter("l1a_support", HOSHINO, output=docx_path, date=DAY)
    data = convert_to_pdf(docx_path, tmp_path / "letter.pdf", converter=office)
    assert data.startswith(b"%PDF-") and "Haruka Sato" in pdf_text(tmp_path / "letter.pdf")


def test_a_killed_libreoffice_is_restarted_once(office: OfficeConverter, tmp_path: Path) -> None:
    office.start()
    pgid = office.pid
    assert pgid is not None
    victims = [pid for pid in group_members(pgid) if pid != pgid]
    assert victims, "LibreOffice is not in the worker's process group"
    for pid in victims:
        os.kill(pid, signal.SIGKILL)
    starts = office.starts
    out = tmp_path / "after.pdf"
    convert_to_pdf(render_letter("l1a_support", HOSHINO, date=DAY).docx, out, converter=office)
    assert office.starts == starts + 1
    assert "Haruka Sato" in pdf_text(out)
    assert group_members(pgid) == []


def test_demo_letter_jobs(office: OfficeConverter, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = {
        "letters": [
            {
                "template": "rfe_response",
                "case": "cases/h1b-okafor.yaml",
                "data": "letters/h1b-okafor.yaml",
                "out": "ACME/rfe-response.pdf",
                "date": "2026-08-10",
            }
        ]
    }
    assert run_letter_jobs(plan, tmp_path, converter=office) == 0
    assert "wrote" in capsys.readouterr().out
    assert "WAC2612050321" in pdf_text(tmp_path / "ACME" / "rfe-response.pdf")


# --- faults, with a fake worker ------------------------------------------------------------------


def test_a_worker_that_crashes_twice_is_a_clear_error(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    out = tmp_path / "out" / "letter.pdf"
    docx = render_letter("l1a_support", HOSHINO, date=DAY).docx
    converter = OfficeConverter(timeout=10, worker=fake("crash", pids))
    with converter, pytest.raises(ConversionError) as caught:
        convert_to_pdf(docx, out, converter=converter)
    message = str(caught.value)
    assert "LibreOffice crashed (exit status 1), and again after a restart" in message
    assert "nothing was written" in message and "\n" not in message
    assert converter.starts == 2
    assert not out.exists() and not out.parent.exists()
    assert_all_gone(pids)


def test_a_worker_that_hangs_is_killed_after_the_timeout(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    out = tmp_path / "letter.pdf"
    docx = render_letter("l1a_support", HOSHINO, date=DAY).docx
    began = time.monotonic()
    with OfficeConverter(timeout=1, worker=fake("hang", pids)) as converter, pytest.raises(ConversionError) as caught:
        convert_to_pdf(docx, out, converter=converter)
    assert time.monotonic() - began < 15
    assert "LibreOffice hung (no answer in 1 s), and again after a restart" in str(caught.value)
    assert not out.exists()
    assert_all_gone(pids)


def test_a_worker_that_never_starts(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    converter = OfficeConverter(start_timeout=1, worker=fake("never-ready", pids))
    with converter, pytest.raises(ConversionError, match="LibreOffice could not be started"):
        converter.start()
    assert converter.pid is None
    assert_all_gone(pids)


def test_a_worker_answering_garbage(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    with (
        OfficeConverter(timeout=5, worker=fake("garbage", pids)) as converter,
        pytest.raises(ConversionError, match="not a worker reply"),
    ):
        convert_to_pdf(render_letter("l1a_support", HOSHINO, date=DAY).docx, tmp_path / "x.pdf", converter=converter)
    assert_all_gone(pids)


def test_render_letter_with_a_failing_converter_writes_nothing(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    letters = tmp_path / "letters"
    with OfficeConverter(timeout=1, worker=fake("crash", pids)) as converter, pytest.raises(ConversionError):
        render_letter("h1b_support", OKAFOR, output=letters / "h1b.pdf", converter=converter)
    assert not letters.exists()
    assert_all_gone(pids)
