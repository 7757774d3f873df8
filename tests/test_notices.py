"""Notices from text PDFs: golden files, splitting, bad input, the CLI and the demo."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from docgen.cli import main
from docgen.commands.notices import check_against_expected, run_notice_demo
from docgen.errors import ConversionError, DamagedFileError, LockedFileError, NoticeError
from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import NOT_A_NOTICE, REVIEW_BELOW, TRUSTED_EVIDENCE, UNREADABLE, NoticeFileResult
from docgen.notices.ocr import Tesseract
from docgen.notices.parse import read_pages, worth_second_look
from docgen.notices.patterns import default_patterns
from docgen.notices.pdftext import layout_words, open_pdf
from docgen.notices.reader import read_notice

from .conftest import SAMPLES

NOTICES = SAMPLES / "notices"
TEXT_SAMPLES = sorted((NOTICES / "text").glob("*.pdf"))


def expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return data


def assert_matches(result: NoticeFileResult, want: dict[str, Any]) -> None:
    """Every expected field of every notice equals the parsed one and is sourced; values are sure, but for
    those whose evidence goes to review (a date in a sentence: docgen.notices.model.TRUSTED_EVIDENCE)."""
    got = result.to_dict()
    assert got["file"] == want["file"]
    assert got["reason"] == want["reason"]
    assert len(got["notices"]) == len(want["notices"])
    for notice, read, truth in zip(got["notices"], result.notices, want["notices"], strict=True):
        assert {key: notice[key] for key in truth} == truth
        for name in FIELDS:
            if truth[name] is not None:
                trusted = read.readings[name].evidence in TRUSTED_EVIDENCE
                assert (notice["confidence"][name] >= REVIEW_BELOW) == trusted, name
                assert notice["source"][name], name


@pytest.mark.parametrize("path", TEXT_SAMPLES, ids=lambda p: p.name)
def test_text_samples_match_their_golden_json(path: Path) -> None:
    assert_matches(parse_notice_file(path), expected(path))


def test_the_sample_set_covers_every_notice_kind() -> None:
    kinds = {notice["notice_type"] for path in TEXT_SAMPLES for notice in expected(path)["notices"]}
    assert kinds == {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial"}


def test_a_text_batch_is_split_into_its_notices() -> None:
    result = parse_notice_file(NOTICES / "text" / "batch-text.pdf")
    assert [notice.pages for notice in result.notices] == [[1], [2], [3, 4], [5]]
    assert [notice.value("notice_type") for notice in result.notices] == ["receipt", "transfer", "rfe", "denial"]
    assert result.ocr_pages == []


def test_fields_that_do_not_apply_are_null_and_sure() -> None:
    notice = parse_notice_file(NOTICES / "text" / "biometrics-i539.pdf").notices[0].to_dict()
    assert notice["petitioner"] is None and notice["confidence"]["petitioner"] == 1.0
    assert notice["appointment"] == {
        "date": "2026-07-08",
        "time": "10:00",
        "location": "USCIS OAKLAND, 2040 TELEGRAPH AVENUE, OAKLAND CA 94612",
    }


def test_an_i797a_gives_the_new_i94_and_validity() -> None:
    notice = parse_notice_file(NOTICES / "text" / "approval-i797a.pdf").notices[0]
    assert (notice.value("i94_number"), notice.value("valid_from"), notice.value("valid_to")) == (
        "84112233445",
        "2026-10-01",
        "2029-09-30",
    )
    assert notice.readings["valid_to"].source == "Valid from 10/01/2026 to 09/30/2029"


def test_the_sample_case_prior_approval_is_among_the_samples() -> None:
    notice = parse_notice_file(NOTICES / "text" / "approval-2023.pdf").notices[0]
    assert notice.value("receipt_number") == "WAC2390123456"  # samples/cases/h1b-okafor.yaml facts.receipt_numbers


def test_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    """Like USCIS's own PDFs: encrypted with an owner password only, opens without one."""
    target = tmp_path / "owner-only.pdf"
    with pikepdf.open(NOTICES / "text" / "receipt-i129.pdf") as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(user="", owner="owner-secret", R=6))
    assert parse_notice_file(target).notices[0].value("receipt_number") == "WAC2690012345"


def _plumber_words(path: Path, number: int) -> list[Word]:
    """The words pdfplumber's layout analysis finds on a page: what the second look read before."""
    with pdfplumber.open(str(path)) as pdf:
        words = pdf.pages[number - 1].extract_words(keep_blank_chars=False, use_text_flow=False)
    return [Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])) for w in words]


@pytest.mark.parametrize(
    "path",
    [
        NOTICES / "text" / "receipt-i129.pdf",
        NOTICES / "text" / "approval-2023.pdf",
        NOTICES / "layouts" / "approval-i129-courier.pdf",
        NOTICES / "layouts" / "receipt-i90-table.pdf",
    ],
    ids=lambda p: p.name,
)
def test_layout_words_are_the_words_pdfplumber_finds(path: Path) -> None:
    """The second look groups pdfium's characters into the words pdfplumber's layout analysis gave (same
    text; boxes within a point), and reads each layout like the fast path."""
    with open_pdf(path) as pdf:
        ours = layout_words(pdf, [1])[1]
    theirs = _plumber_words(path, 1)
    assert len(ours) == len(theirs) > 50
    for word in ours:
        twin = next(other for other in theirs if other.text == word.text and _near(word, other))
        theirs.remove(twin)
    page = Page(1, group_lines(ours), "text")
    got = read_notice(default_patterns(), [page]).to_dict()
    assert {key: got[key] for key in expected(path)["notices"][0]} == expected(path)["notices"][0]


def test_layout_words_of_turned_and_skewed_text_are_pdfplumbers(tmp_path: Path) -> None:
    """Text running up or down the margin forms words along its own direction (read from the top, as
    pdfplumber reads it); upside-down and skewed text counts as upright."""
    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    pdf.drawString(40, 750, "Receipt Number: WAC2690012345")
    turned = [(580, 300, 90, "SIDE TEXT 12345"), (30, 300, -90, "DOWN HERE"), (300, 100, 180, "UPSIDE")]
    for x, y, angle, text in turned:
        pdf.saveState()
        pdf.translate(x, y)
        pdf.rotate(angle)
        pdf.drawString(0, 0, text)
        pdf.restoreState()
    pdf.saveState()
    pdf.rotate(4)
    pdf.drawString(100, 400, "SKEWED LINE")
    pdf.restoreState()
    pdf.drawString(40, 730, "Notice Date: June 1, 2026")
    pdf.save()
    with open_pdf(path) as document:
        ours = layout_words(document, [1])[1]
    theirs = _plumber_words(path, 1)
    assert {"54321", "TXET", "EDIS", "DOWN", "HERE", "EDISPU", "SKEWED"} <= {w.text for w in theirs}
    assert len(ours) == len(theirs)
    for word in ours:
        twin = next(other for other in theirs if other.text == word.text and _near(word, other))
        theirs.remove(twin)


def _near(word: Word, other: Word) -> bool:
    """Whether two boxes are within a point of each other on every side."""
    pairs = [(word.x0, other.x0), (word.top, other.top), (word.x1, other.x1), (word.bottom, other.bottom)]
    return all(abs(a - b) < 1.0 for a, b in pairs)


def _weak_notice(path: Path, lines: list[tuple[int, str]]) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    for y, text in lines:
        pdf.drawString(40, y, text)
    pdf.save()
    return path


WEAK_HEAD = [
    (750, "THE UNITED STATES OF AMERICA"),
    (730, "I-797C, Notice of Action"),
    (700, "Receipt Number: WAC2690012345"),
    (680, "Case Type: I129 - PETITION FOR A NONIMMIGRANT WORKER"),
]


@pytest.mark.parametrize(
    "lines",
    [
        [*WEAK_HEAD, (660, "Notice Date:"), (640, "Beneficiary: OKAFOR, CHIDI")],  # its label, no value
        [*WEAK_HEAD[:3], (660, "Notice Date: June 1, 2026")],  # neither kind nor form
    ],
    ids=["date-label-only", "no-kind"],
)
def test_the_second_look_reads_a_weak_notice_as_pdfplumber_did(tmp_path: Path, lines: list[tuple[int, str]]) -> None:
    """A weakly read notice takes the second look; its words now come from pdfium's characters, and read
    field by field what pdfplumber's words read."""
    path = _weak_notice(tmp_path / "weak.pdf", lines)
    patterns = default_patterns()
    pages = read_pages(path, "pdf", Tesseract())
    assert worth_second_look(patterns, read_notice(patterns, pages), pages)
    with open_pdf(path) as pdf:
        ours = read_notice(patterns, [Page(1, group_lines(layout_words(pdf, [1])[1]), "text")]).to_dict()
    before = read_notice(patterns, [Page(1, group_lines(_plumber_words(path, 1)), "text")]).to_dict()
    assert ours == before


def test_a_text_notice_missing_a_required_field_gets_a_second_look_and_goes_to_review(tmp_path: Path) -> None:
    path = tmp_path / "no-date.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    for y, text in [
        (750, "THE UNITED STATES OF AMERICA"),
        (730, "I-797C, Notice of Action"),
        (700, "Receipt Number: WAC2690012345"),
        (680, "Case Type: I129 - PETITION FOR A NONIMMIGRANT WORKER"),
        (660, "Notice Type: Receipt Notice"),
    ]:
        pdf.drawString(40, y, text)
    pdf.save()
    notice = parse_notice_file(path).notices[0]
    assert notice.value("receipt_number") == "WAC2690012345"
    assert notice.value("notice_date") is None and "notice_date" in notice.needs_review()


# ----------------------------------------------------------------- bad input


def test_not_a_notice_gives_no_notices_and_the_reason() -> None:
    result = parse_notice_file(NOTICES / "bad" / "not-a-notice.pdf")
    assert result.to_dict() == {"file": "not-a-notice.pdf", "notices": [], "reason": NOT_A_NOTICE}


@pytest.mark.parametrize(
    ("name", "message", "problem"),
    [
        ("corrupt.pdf", "damaged or incomplete", DamagedFileError),
        ("encrypted.pdf", "password-protected", LockedFileError),
    ],
)
def test_corrupt_and_encrypted_files_raise_naming_the_file(name: str, message: str, problem: type[Exception]) -> None:
    with pytest.raises(problem, match=message) as caught:
        parse_notice_file(NOTICES / "bad" / name)
    assert name in str(caught.value) and "\n" not in str(caught.value)


def test_other_unreadable_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notice.pdf"
    text.write_text("Receipt Number: WAC2690012345\n", encoding="utf-8")
    png = io.BytesIO()
    Image.new("L", (850, 1100), 255).save(png, "PNG")
    cut = tmp_path / "cut.png"
    cut.write_bytes(png.getvalue()[:300])
    for path, message, problem in [
        (empty, "empty", DamagedFileError),
        (text, "not a PDF or an image", NoticeError),
        (cut, "damaged or incomplete", DamagedFileError),
        (tmp_path / "missing.pdf", "no such file", NoticeError),
    ]:
        with pytest.raises(problem, match=message):
            parse_notice_file(path)


class BrokenOcr:
    """An OCR engine that fails, as tesseract does when it crashes."""

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        raise ConversionError("tesseract failed (simulated crash)")

    def orientation(self, image: Image.Image, dpi: int) -> int:
        return 0

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        return ""


def test_an_ocr_failure_is_a_conversion_error() -> None:
    with pytest.raises(ConversionError, match="simulated"):
        parse_notice_file(NOTICES / "scans" / "rfe-i129-scan.jpg", engine=BrokenOcr())


def test_a_missing_tesseract_says_how_to_install_it() -> None:
    from docgen.notices.ocr import Tesseract

    with pytest.raises(ConversionError, match="apt-get install tesseract-ocr"):
        Tesseract(command="no-such-tesseract").words(Image.new("L", (10, 10)), 300)


def test_a_blank_scan_is_unreadable_not_a_guess(tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (1275, 1650), 250).save(blank, dpi=(150, 150))
    result = parse_notice_file(blank)
    assert result.reason == UNREADABLE
    notice = result.notices[0].to_dict()
    assert all(notice[name] is None for name in FIELDS)
    assert all(notice["confidence"][name] == 0.0 for name in FIELDS)


# ----------------------------------------------------------------------- CLI


def test_cli_reports_each_file_and_goes_on_after_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [NOTICES / "bad" / "corrupt.pdf", NOTICES / "text" / "rfe-i129.pdf", NOTICES / "bad" / "not-a-notice.pdf"]
    code = main(["notice", "parse", *map(str, files), "--out-dir", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == DamagedFileError.exit_code  # the one failure's own code, as for a damaged blank or exhibit
    assert "corrupt.pdf: the PDF is damaged" in err and "1 of 3 file(s) could not be read" in err
    assert "rfe I-129 WAC2690012345 (pages 1-2), response due 2026-09-16" in out
    assert "not-a-notice.pdf: no notice (not a USCIS notice)" in out
    written = json.loads((tmp_path / "rfe-i129.json").read_text(encoding="utf-8"))
    assert written["notices"][0]["response_due"] == "2026-09-16"
    assert (tmp_path / "rfe-i129.json").stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "corrupt.json").exists()


def test_cli_json_is_one_document_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = [NOTICES / "text" / "receipt-i129.pdf", NOTICES / "text" / "batch-text.pdf"]
    assert main(["notice", "parse", "--json", *map(str, files)]) == 0
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [doc["file"] for doc in documents] == ["receipt-i129.pdf", "batch-text.pdf"]
    assert documents[0]["notices"][0]["amount"] == "1710.00"
    assert len(documents[1]["notices"]) == 4


def test_demo_parses_the_samples_and_checks_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "samples"
    for folder in ("text", "bad"):
        (root / folder).mkdir(parents=True)
        for path in (NOTICES / folder).iterdir():
            if folder == "text" or path.stem in ("corrupt", "encrypted", "not-a-notice"):
                (root / folder / path.name).write_bytes(path.read_bytes())
    assert run_notice_demo(tmp_path / "out", root) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(TEXT_SAMPLES) + 3 and not any("FAILED" in line for line in lines)
    assert (tmp_path / "out" / "notices" / "batch-text.json").exists()


def test_the_demo_check_of_an_unreadable_scan_counts_values_not_empty_candidates(tmp_path: Path) -> None:
    """Every notice carries a ``candidates`` map (empty when OCR was sure): the demo took the empty map for a
    value and failed the bundled unreadable scan."""
    expected = tmp_path / "unreadable-scan.jpg"
    expected.with_suffix(".json").write_text(json.dumps({"unreadable": True}), encoding="utf-8")
    blank = {name: None for name in FIELDS} | {"pages": [1], "confidence": {}, "source": {}, "candidates": {}}
    assert check_against_expected(expected, {"notices": [blank]}, None) is None
    read = blank | {"receipt_number": "WAC2690012345"}
    assert check_against_expected(expected, {"notices": [read]}, None) == (
        "unreadable scan gave values for receipt_number"
    )
    unsure = blank | {"candidates": {"applicant": {"value": "DOE, JANE", "why": "OCR confidence 40"}}}
    assert check_against_expected(expected, {"notices": [unsure]}, None) == "unreadable scan gave values for candidates"


def test_a_look_alike_in_a_text_pdf_receipt_goes_to_review(tmp_path: Path) -> None:
    from samples.notices import generate as generator

    notice = generator.i129_notice(
        "typo", "receipt", "grid", notice_date="2026-06-04", receipt_number="WAC26900I2345", amount="1710.00"
    )
    path = tmp_path / "typo.pdf"
    path.write_bytes(generator.notices_pdf([notice]))
    (found,) = parse_notice_file(path).notices
    assert found.value("receipt_number") == "WAC2690012345"
    assert "receipt_number" in found.needs_review()  # a typo in digital text is not an OCR slip: a person confirms
