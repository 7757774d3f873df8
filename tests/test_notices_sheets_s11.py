"""Two or four notices on one sheet (session 11): pages printed two or four to a sheet, then read as text or scanned.

Each notice is drawn here in this file's own layout (reportlab, fictional values): an office letter whose case
facts stand in a right-hand column under the agency's letterhead, with the notice's kind as a heading only below
the addressee's block (so the heading is far down the notice's lines, not in its first few). The sheet is the
notices reduced side by side (two-up), or in a grid of two by two (four-up); the scans are that sheet rendered,
greyed, tilted, blurred and saved as a JPEG inside a PDF, as a copier does.

Classes: a side whose only head is the agency letterhead (its kind heading lower down) is a notice of its own; a
side whose receipt number OCR cannot read (a pen stroke through it) is still a notice of its own by its
receipt number's label; four notices on one sheet are four. Never one notice holding two notices' values.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file

WIDTH, HEIGHT = letter

NOTICES: list[dict[str, Any]] = [
    {
        "office": ["Texas Service Center", "6046 N Belt Line Rd", "Irving, TX 75038"],
        "to": ["KOVACS, BENEDIKT R", "c/o Marigold Legal Aid", "118 Orchard Lane", "Fairbanks, AK 99701"],
        "facts": [
            ("Receipt No.", "SRC2731155820"),
            ("Form", "I-765"),
            ("Date Received", "February 3, 2027"),
            ("Notice Date", "February 11, 2027"),
            ("Applicant", "KOVACS, BENEDIKT R"),
        ],
        "heading": "Notice of Receipt",
        "body": "We received the application named above with the fee of $260.00.",
        "want": {
            "notice_type": "receipt",
            "receipt_number": "SRC2731155820",
            "form": "I-765",
            "received_date": "2027-02-03",
            "notice_date": "2027-02-11",
            "applicant": "KOVACS, BENEDIKT R",
        },
    },
    {
        "office": ["Nebraska Service Center", "850 S Street", "Lincoln, NE 68508"],
        "to": ["ABERNATHY-OKORO, MIRIAM", "2210 Linden Court Apt 4", "Duluth, MN 55802"],
        "facts": [
            ("Receipt No.", "LIN2790087314"),
            ("Form", "I-131"),
            ("Date Received", "January 19, 2027"),
            ("Notice Date", "March 2, 2027"),
            ("Applicant", "ABERNATHY-OKORO, MIRIAM"),
        ],
        "heading": "Approval Notice",
        "body": "The application named above has been approved. Keep this notice with your records.",
        "want": {
            "notice_type": "approval",
            "receipt_number": "LIN2790087314",
            "form": "I-131",
            "received_date": "2027-01-19",
            "notice_date": "2027-03-02",
            "applicant": "ABERNATHY-OKORO, MIRIAM",
        },
    },
    {
        "office": ["Potomac Service Center", "2200 Potomac Ave", "Arlington, VA 22202"],
        "to": ["FONSECA, TOMAS", "45 Ridgeview Terrace", "Boise, ID 83702"],
        "facts": [
            ("Receipt No.", "YSC2733320196"),
            ("Form", "I-539"),
            ("Date Received", "April 7, 2027"),
            ("Notice Date", "April 14, 2027"),
            ("Applicant", "FONSECA, TOMAS"),
        ],
        "heading": "Notice of Receipt",
        "body": "We received the application named above with the fee of $470.00.",
        "want": {
            "notice_type": "receipt",
            "receipt_number": "YSC2733320196",
            "form": "I-539",
            "received_date": "2027-04-07",
            "notice_date": "2027-04-14",
            "applicant": "FONSECA, TOMAS",
        },
    },
    {
        "office": ["Vermont Service Center", "75 Lower Welden St", "St. Albans, VT 05479"],
        "to": ["LINDQVIST, HANNA E", "9 Bayberry Row", "Portland, ME 04101"],
        "facts": [
            ("Receipt No.", "EAC2735509871"),
            ("Form", "I-130"),
            ("Date Received", "May 10, 2027"),
            ("Notice Date", "May 18, 2027"),
            ("Applicant", "LINDQVIST, HANNA E"),
        ],
        "heading": "Notice of Receipt",
        "body": "We received the petition named above with the fee of $675.00.",
        "want": {
            "notice_type": "receipt",
            "receipt_number": "EAC2735509871",
            "form": "I-130",
            "received_date": "2027-05-10",
            "notice_date": "2027-05-18",
            "applicant": "LINDQVIST, HANNA E",
        },
    },
]


def draw_letter(pdf: canvas.Canvas, notice: dict[str, Any], strike: bool = False) -> None:
    """One notice on a letter page (reportlab's points from the bottom): the agency's letterhead and the office's
    address on the left, the case facts (label over value) in a right-hand column, the addressee's block, then the
    notice's heading, a paragraph and the footer. ``strike``: a pen stroke through the receipt number."""
    top = HEIGHT - 54
    pdf.setFont("Times-Bold", 11)
    pdf.drawString(54, top, "U.S. Department of Homeland Security")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(54, top - 13, "U.S. Citizenship and Immigration Services")
    for index, line in enumerate(notice["office"]):
        pdf.drawString(54, top - 26 - 12 * index, line)
    y = top - 110
    for line in notice["to"]:
        pdf.drawString(54, y, line)
        y -= 12
    fy = top
    for label, value in notice["facts"]:
        pdf.setFont("Times-Roman", 8)
        pdf.drawString(380, fy, label)
        pdf.setFont("Times-Bold", 11)
        pdf.drawString(380, fy - 12, value)
        if strike and label.startswith("Receipt"):
            pdf.setLineWidth(3.2)
            pdf.line(376, fy - 6, 470, fy - 12)
            pdf.line(378, fy - 13, 468, fy - 4)
            pdf.setLineWidth(1)
        fy -= 30
    pdf.setFont("Times-Bold", 14)
    pdf.drawString(54, y - 40, notice["heading"])
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(54, y - 62, notice["body"])
    pdf.drawString(54, y - 76, "Please tell us at once if any of the information above is wrong.")
    pdf.setFont("Times-Roman", 8)
    pdf.drawString(54, 50, "Form I-797C (Rev. 01/01/27)  Page 1 of 1")


def sheet(path: Path, notices: list[dict[str, Any]], strike: bool = False) -> Path:
    """A text PDF printing ``notices`` on one sheet: two side by side on a landscape sheet, or four in a grid of
    two by two on a portrait one (each reduced as a printer's "pages per sheet" does)."""
    size = landscape(letter) if len(notices) == 2 else letter
    pdf = canvas.Canvas(str(path), pagesize=size, invariant=True)
    columns, rows = (2, 1) if len(notices) == 2 else (2, 2)
    cell_w, cell_h = size[0] / columns, size[1] / rows
    scale = min(cell_w / WIDTH, cell_h / HEIGHT) * 0.96
    for index, notice in enumerate(notices):
        column, row = index % columns, index // columns
        pdf.saveState()
        pdf.translate(
            column * cell_w + (cell_w - WIDTH * scale) / 2, size[1] - (row + 1) * cell_h + (cell_h - HEIGHT * scale) / 2
        )
        pdf.scale(scale, scale)
        draw_letter(pdf, notice, strike)
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


def copier_scan(text_pdf: Path, path: Path, dpi: int = 300) -> Path:
    """``text_pdf``'s page as a copier scans it: grey paper, a slight tilt, soft toner, noise, saved as a JPEG in a
    PDF."""
    document = pdfium.PdfDocument(str(text_pdf))
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(-0.5, resample=Image.Resampling.BILINEAR, fillcolor=255).filter(ImageFilter.GaussianBlur(0.6))
    pixels = np.asarray(image, dtype=np.float32) * 0.88 + 22 + np.random.default_rng(11).normal(0, 6, image.size[::-1])
    jpeg = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L").save(jpeg, format="JPEG", quality=70)
    buffer = io.BytesIO()
    Image.open(jpeg).save(buffer, format="PDF", resolution=float(dpi))
    path.write_bytes(buffer.getvalue())
    return path


def _fields(path: Path) -> list[dict[str, Any]]:
    return [notice.to_dict() for notice in parse_notice_file(path).notices]


def _agrees(read: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """The fields read that say something other than ``want`` (a field left empty, for review, is no such field)."""
    return [name for name, value in want.items() if read[name] is not None and read[name] != value]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sheets11")


def test_two_notices_side_by_side_whose_kind_heading_is_low_are_two(folder: Path) -> None:
    read = _fields(sheet(folder / "two-up.pdf", NOTICES[:2]))
    assert len(read) == 2
    for notice, expected in zip(read, NOTICES[:2], strict=True):
        assert {name: notice[name] for name in expected["want"]} == expected["want"]
    assert read[0]["pages"] == read[1]["pages"] == [1]


def test_four_notices_on_one_sheet_are_four(folder: Path) -> None:
    read = _fields(sheet(folder / "four-up.pdf", NOTICES))
    assert [notice["receipt_number"] for notice in read] == [n["want"]["receipt_number"] for n in NOTICES]
    for notice, expected in zip(read, NOTICES, strict=True):
        assert {name: notice[name] for name in expected["want"]} == expected["want"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_copier_scan_of_two_notices_side_by_side_is_two_each_with_its_own_values(folder: Path) -> None:
    read = _fields(copier_scan(sheet(folder / "two-up-scan.pdf", NOTICES[2:]), folder / "two-up-scan-copy.pdf"))
    assert len(read) == 2
    for notice, expected in zip(read, NOTICES[2:], strict=True):
        assert _agrees(notice, expected["want"]) == []
        assert notice["notice_type"] == expected["want"]["notice_type"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_scanned_sheet_whose_receipt_numbers_are_struck_through_still_holds_two_notices(folder: Path) -> None:
    # A pen stroke through each receipt number: OCR reads neither, yet each side is a notice by its own marks and
    # its receipt number's label. Two notices, neither holding the other's values, none of the struck numbers
    # guessed.
    read = _fields(copier_scan(sheet(folder / "struck.pdf", NOTICES[:2], strike=True), folder / "struck-scan.pdf"))
    assert len(read) == 2
    for notice, expected in zip(read, NOTICES[:2], strict=True):
        assert _agrees(notice, expected["want"]) == []
        assert notice["notice_date"] == expected["want"]["notice_date"]
        assert notice["applicant"] == expected["want"]["applicant"]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_copier_scan_of_four_notices_on_one_sheet_is_four_even_where_their_small_print_is_lost(folder: Path) -> None:
    # Four to a sheet, the case facts' small print is lost to OCR on most of the notices (no receipt number, no
    # label): each is still a notice by its letterhead and its own kind heading, and four notices go to review
    # rather than one notice filing one of them (the other three lost). Nothing is filed for the wrong notice.
    read = _fields(copier_scan(sheet(folder / "four-up-scan.pdf", NOTICES), folder / "four-up-scan-copy.pdf"))
    assert [notice["notice_type"] for notice in read] == [n["want"]["notice_type"] for n in NOTICES]
    for notice, expected in zip(read, NOTICES, strict=True):
        assert _agrees(notice, expected["want"]) == []
