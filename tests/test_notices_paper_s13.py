"""Notices on paper (session 13): small print photographed, and a capital I that OCR reads as a bar.

Every notice here is drawn in this file's own layouts (reportlab, fictional values) and damaged by this file's own
code: two notices printed side by side on one landscape sheet (each shrunk to fit its half), then photographed at a
slant on a dark desk, under light that falls off, blurred and recompressed as a JPEG.

Classes: print shrunk onto a shared sheet is too small for tesseract at the page's reading resolution (its lines
a dozen pixels tall): the page is read enlarged (:func:`docgen.notices.ocr.small_print_dpi`) and each side's notice
reads as its text would; an ordinary page is read as it is. A capital I read as a bar at the start of a form number
(``|-765``) or of a receipt number whose office code lost it (``|OE2654690719``) is the letter, while a bar at any
other word's edge stays a speck (:func:`docgen.notices.ocr.bar_letter`); ``Receipt`` before ``10E2654690719`` (the
office code IOE as OCR reads it) is the receipt number's label.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.layout import Page, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence
from docgen.notices.ocr import TARGET_DPI, line_height, parse_tsv, quality, small_print_dpi
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice

WIDTH, HEIGHT = letter
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

# Two notices of this file's own making: (title, facts as label and value, closing sentence).
LEFT = (
    "Receipt Notice",
    [
        ("Receipt Number", "EAC2781934406"),
        ("Case Type", "I-130"),
        ("Received Date", "03/15/2027"),
        ("Notice Date", "03/22/2027"),
        ("Petitioner", "MARGUERITE OKONKWO-LINDQVIST"),
    ],
    "We have received the petition named above and will write when we decide it.",
)
RIGHT = (
    "Approval Notice",
    [
        ("Receipt Number", "LIN2779018853"),
        ("Case Type", "I-140"),
        ("Received Date", "11/02/2026"),
        ("Notice Date", "04/09/2027"),
        ("Beneficiary", "TAVARES, JOAQUIM"),
    ],
    "The petition named above has been approved. Keep this notice for your records.",
)
WANT = [
    {"receipt_number": "EAC2781934406", "form": "I-130", "received_date": "2027-03-15", "notice_date": "2027-03-22"},
    {"receipt_number": "LIN2779018853", "form": "I-140", "received_date": "2026-11-02", "notice_date": "2027-04-09"},
]
# Read from the photo, or left for review (``I-130`` read as ``+130``; a date's slash as a 1): never another value.
MAY_MISS = {"form", "received_date"}
SURE = [{"receipt_number", "notice_date", "received_date"}, {"receipt_number", "notice_date"}]


def _notice(pdf: canvas.Canvas, title: str, facts: list[tuple[str, str]], closing: str) -> None:
    """A portrait notice drawn on letter paper: the agency's two lines, a form line, the kind title, labelled facts
    (label, then its value beside it), a closing sentence."""
    top = HEIGHT - 64
    pdf.setFont("Helvetica", 10)
    pdf.drawString(54, top, "Department of Homeland Security")
    pdf.drawString(54, top - 13, "U.S. Citizenship and Immigration Services")
    pdf.drawRightString(WIDTH - 54, top, "Form I-797C, Notice of Action")
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawString(54, top - 50, title)
    y = top - 84
    for label, value in facts:
        pdf.setFont("Helvetica", 9)
        pdf.drawString(54, y, label)
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(190, y, value)
        y -= 17
    pdf.setFont("Helvetica", 9.5)
    pdf.drawString(54, y - 22, closing)


def two_up(path: Path) -> Path:
    """The two notices printed side by side on one landscape sheet, each page shrunk to fit its half."""
    sheet_w, sheet_h = landscape(letter)
    pdf = canvas.Canvas(str(path), pagesize=(sheet_w, sheet_h), invariant=True)
    scale = min(sheet_w / 2 / WIDTH, sheet_h / HEIGHT)
    for side, (title, facts, closing) in enumerate((LEFT, RIGHT)):
        pdf.saveState()
        pdf.translate(side * sheet_w / 2, (sheet_h - HEIGHT * scale) / 2)
        pdf.scale(scale, scale)
        _notice(pdf, title, facts, closing)
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


def render(path: Path, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(str(path))
    try:
        image: Image.Image = document[0].render(scale=dpi / 72).to_pil().convert("RGB")
        return image
    finally:
        document.close()


def snapshot(sheet: Image.Image, seed: int = 13) -> Image.Image:
    """``sheet`` photographed: laid on a dark mottled desk, turned a little and seen in perspective (its far edge
    shorter), lit from one corner so the paper darkens towards the other, a little out of focus, a JPEG at quality
    70 read back."""
    rng = np.random.default_rng(seed)
    width, height = round(sheet.width * 1.18), round(sheet.height * 1.22)
    # Where the sheet's corners land on the photo (top left, top right, bottom right, bottom left).
    land = [(0.07, 0.10), (0.94, 0.05), (0.92, 0.95), (0.05, 0.90)]
    corners = [(x * width, y * height) for x, y in land]
    right, bottom = float(sheet.width), float(sheet.height)
    target = [(0.0, 0.0), (right, 0.0), (right, bottom), (0.0, bottom)]
    rows, values = [], []
    for (x, y), (u, v) in zip(corners, target, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        values += [u, v]
    coeffs = tuple(np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float)))
    warped = sheet.transform((width, height), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", sheet.size, 255).transform(
        (width, height), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=0
    )
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    mottle = np.asarray(
        Image.fromarray(rng.integers(0, 255, (height // 40 + 1, width // 40 + 1), dtype=np.uint8)).resize(
            (width, height), Image.Resampling.BICUBIC
        ),
        dtype=np.float32,
    )
    desk = (35 + 0.25 * mottle)[..., None] * np.array([1.0, 0.9, 0.75], dtype=np.float32)
    light = (1.0 - 0.35 * np.hypot(xs / width, ys / height) / np.sqrt(2))[..., None]
    alpha = np.asarray(mask, dtype=np.float32)[..., None] / 255.0
    paper = np.asarray(warped, dtype=np.float32) * np.array([0.97, 0.95, 0.9], dtype=np.float32)
    photo = desk * (1 - alpha) + paper * light * alpha + rng.normal(0, 2.5, (height, width, 1))
    soft = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.7))
    out = io.BytesIO()
    soft.save(out, format="JPEG", quality=70)
    return Image.open(io.BytesIO(out.getvalue()))


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_up(tmp_path_factory.mktemp("two-up") / "sheet.pdf")


@pytest.fixture(scope="module")
def photo(sheet_pdf: Path) -> Path:
    path = sheet_pdf.with_name("photo.jpg")
    snapshot(render(sheet_pdf, 190)).save(path, format="JPEG", quality=90, dpi=(190, 190))
    return path


def test_small_print_is_read_enlarged_and_ordinary_print_as_it_is(sheet_pdf: Path, tmp_path: Path) -> None:
    single = tmp_path / "single.pdf"
    pdf = canvas.Canvas(str(single), pagesize=letter, invariant=True)
    _notice(pdf, *LEFT)
    pdf.showPage()
    pdf.save()
    dpi = TARGET_DPI
    ordinary = render(single, dpi).convert("L")
    shrunk = render(sheet_pdf, dpi).convert("L")
    tall, small = line_height(ordinary, dpi), line_height(shrunk, dpi)
    assert tall is not None and small is not None
    assert small < 0.75 * tall  # the same notice's lines, shrunk to half a landscape sheet
    assert small_print_dpi(ordinary, dpi) == dpi
    assert small_print_dpi(shrunk, dpi) > 1.3 * dpi
    assert small_print_dpi(Image.new("L", (400, 500), 255), dpi) == dpi  # no print: nothing to measure


@needs_tesseract
def test_two_notices_photographed_two_to_a_sheet_read_as_their_text(photo: Path) -> None:
    result = parse_notice_file(photo)
    read = [notice.to_dict() for notice in result.notices]
    assert len(read) == 2
    assert [notice["notice_type"] for notice in read] == ["receipt", "approval"]
    for notice, want, sure in zip(result.notices, WANT, SURE, strict=True):
        got = notice.to_dict()
        for name, value in want.items():
            assert got[name] == value or (name in MAY_MISS - sure and got[name] is None), (name, got[name])
        confidence = field_confidence(notice)
        for name, value in got.items():  # nothing filed without review is wrong (the parties read or withheld)
            if name in want and value is not None and confidence.get(name, 0.0) >= FILE_WITHOUT_REVIEW:
                assert value == want[name]
    assert read[0]["petitioner"] in ("MARGUERITE OKONKWO-LINDQVIST", None)
    assert read[1]["beneficiary"] in ("TAVARES, JOAQUIM", None)


TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def _tsv(rows: list[tuple[int, int, str]]) -> str:
    """Tesseract's TSV for words on one line each: (left, top) in pixels, text; confidence 91."""
    return TSV_HEADER + "".join(
        f"5\t1\t1\t1\t{n}\t1\t{left}\t{top}\t{len(text) * 18}\t30\t91\t{text}\n"
        for n, (left, top, text) in enumerate(rows)
    )


def test_a_bar_that_is_the_i_of_a_form_or_receipt_number_is_kept_as_the_letter() -> None:
    words = parse_tsv(
        _tsv(
            [
                (100, 100, "|-765"),
                (100, 150, "!-90"),
                (100, 200, "|OE2654690719"),
                (100, 250, "|WAC2712345678"),  # a speck before a whole receipt number: dropped
                (100, 300, "|Notice"),
                (100, 350, "|-76501"),  # no form number: the bar is a speck
            ]
        ),
        72 / 300,
    )
    assert [word.text for word in words] == ["I-765", "I-90", "IOE2654690719", "WAC2712345678", "Notice", "-76501"]


@pytest.mark.parametrize("receipt", ["|OE2781166034", "10E2781166034"], ids=["bar", "one-zero"])
def test_a_card_whose_form_and_receipt_lost_their_i_reads_both(receipt: str) -> None:
    # What tesseract gives for a scanned card's facts line (pixels at 300 dpi), the real parser from there on: the
    # receipt number's office code IOE read with a bar for its I, or as one-zero-E, after the inline label.
    rows = [
        (150, 120, "U.S."),
        (230, 120, "Department"),
        (450, 120, "of"),
        (500, 120, "Homeland"),
        (690, 120, "Security"),
        (150, 170, "U.S."),
        (230, 170, "Citizenship"),
        (460, 170, "and"),
        (540, 170, "Immigration"),
        (770, 170, "Services"),
        (150, 260, "Biometrics"),
        (380, 260, "Appointment"),
        (640, 260, "Notice"),
        (150, 360, "Receipt"),
        (310, 360, receipt),
        (700, 360, "Notice"),
        (830, 360, "Date"),
        (930, 360, "05/18/2027"),
        (1200, 360, "Case"),
        (1300, 360, "Type"),
        (1400, 360, "|-765"),
    ]
    words = parse_tsv(_tsv(rows), 72 / 300)
    page = Page(1, group_lines(words), "ocr", quality(words))
    notice = read_notice(default_patterns(), [page]).to_dict()
    assert notice["form"] == "I-765"
    assert notice["receipt_number"] == "IOE2781166034"
    assert notice["notice_date"] == "2027-05-18"
