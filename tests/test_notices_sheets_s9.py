"""Two notices on one sheet side by side (pages printed or copied two to a sheet), as text and as a scan.

Each notice is drawn in this file's own layout, full size on a letter page, then placed twice reduced on one
landscape sheet as a printer's "two pages per sheet" does; the scan is that sheet rendered, blurred, tilted and
speckled, and read by tesseract. Also a notice under a mail printed from a web-mail reader.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from docgen.mailroom.ingest import pages_pdf
from docgen.notices import NoticeFileResult, parse_notice_file

WIDTH, HEIGHT = letter
SHEET_WIDTH, SHEET_HEIGHT = landscape(letter)
HALF = 0.62  # a letter page's share of a landscape sheet's half, as a printer's two-up reduces it

RECEIPT = {
    "head": "Form I-797C, Notice of Action",
    "boxes": [("Receipt Number", "EAC2714402817"), ("Case Type", "I-765 APPLICATION FOR EMPLOYMENT AUTHORIZATION")],
    "dates": [("Received Date", "03/02/2027"), ("Notice Date", "03/09/2027"), ("Page", "1 of 1")],
    "party": ("Applicant", "TREMBLAY, ODETTE M"),
    "type": "Notice Type: Receipt Notice",
    "amount": "$520.00",
}
APPROVAL = {
    "head": "Form I-797A, Notice of Action",
    "boxes": [("Receipt Number", "WAC2715508932"), ("Case Type", "I-129 PETITION FOR A NONIMMIGRANT WORKER")],
    "dates": [("Received Date", "01/12/2027"), ("Notice Date", "04/20/2027"), ("Page", "1 of 1")],
    "party": ("Beneficiary", "QUISPE, HALVARD J"),
    "petitioner": ("Petitioner", "LANTERNFISH OPTICS LLC"),
    "type": "Notice Type: Approval Notice",
    "valid": ("Valid from 05/01/2027 to 04/30/2030", "Class: H1B"),
}


def draw_notice(pdf: canvas.Canvas, notice: dict[str, Any]) -> None:
    """One notice on a letter page (points from the bottom, as reportlab draws): agency lines and form title,
    a banner, labelled boxes with the value under each label, the notice type line and a paragraph."""
    top = HEIGHT - 50
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(40, top, "Department of Homeland Security")
    pdf.setFont("Helvetica", 8)
    pdf.drawString(40, top - 11, "U.S. Citizenship and Immigration Services")
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawRightString(WIDTH - 40, top - 4, notice["head"])
    pdf.setFont("Helvetica-Bold", 8)
    pdf.drawCentredString(WIDTH / 2, top - 28, "THE UNITED STATES OF AMERICA")
    y = top - 52
    for row in (notice["boxes"], notice["dates"]):
        x = 44.0
        for label, value in row:
            pdf.rect(x - 4, y - 16, 250 if label == "Case Type" else 120, 30)
            pdf.setFont("Helvetica", 7)
            pdf.drawString(x, y + 4, label)
            pdf.setFont("Helvetica-Bold", 9)
            pdf.drawString(x, y - 9, value)
            x += 254 if label == "Case Type" else 124
        y -= 36
    for label, value in [notice["party"], *([notice["petitioner"]] if "petitioner" in notice else [])]:
        pdf.setFont("Helvetica", 7)
        pdf.drawString(44, y + 4, label)
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(44, y - 9, value)
        y -= 32
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(40, y - 6, notice["type"])
    pdf.setFont("Helvetica", 9)
    if "amount" in notice:
        pdf.drawString(360, y - 6, "Total Amount Received:")
        pdf.drawRightString(WIDTH - 50, y - 6, notice["amount"])
    if "valid" in notice:
        pdf.drawString(360, y - 6, notice["valid"][0])
        pdf.drawString(360, y - 20, notice["valid"][1])
    pdf.setFont("Helvetica", 8)
    pdf.drawString(
        40, y - 50, "Please keep this notice for your records. Tell us at once if any information above is wrong."
    )
    pdf.drawString(40, 60, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    pdf.drawString(40, 50, "Form I-797 (Rev. 01/01/27)")


def two_up(path: Path, left: dict[str, Any], right: dict[str, Any]) -> Path:
    """A landscape text PDF holding ``left`` and ``right`` side by side, each a letter page reduced to a half."""
    pdf = canvas.Canvas(str(path), pagesize=landscape(letter), invariant=True)
    for side, notice in enumerate((left, right)):
        pdf.saveState()
        pdf.translate(side * SHEET_WIDTH / 2 + (SHEET_WIDTH / 2 - WIDTH * HALF) / 2, (SHEET_HEIGHT - HEIGHT * HALF) / 2)
        pdf.scale(HALF, HALF)
        draw_notice(pdf, notice)
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


def scanned(text_pdf: Path, path: Path, dpi: int = 200, turn: int = 0) -> Path:
    """``text_pdf``'s one page as a poor office scan: rendered, tilted, blurred, speckled, saved as an image PDF
    (or a PNG, by ``path``'s suffix; ``turn``: fed into the scanner turned that many degrees counter-clockwise)."""
    document = pdfium.PdfDocument(str(text_pdf))
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(turn, expand=True) if turn else image
    image = image.rotate(0.6, resample=Image.Resampling.BILINEAR, fillcolor=250).filter(ImageFilter.GaussianBlur(0.7))
    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(7).normal(0, 9, pixels.shape)
    specks = np.random.default_rng(8).random(pixels.shape) < 0.0004
    pixels = np.clip(pixels * 0.93 + 10 + noise, 0, 255)
    pixels[specks] = 30
    buffer = io.BytesIO()
    if path.suffix == ".png":
        Image.fromarray(pixels.astype(np.uint8), "L").save(buffer, format="PNG", dpi=(dpi, dpi))
    else:
        Image.fromarray(pixels.astype(np.uint8), "L").save(buffer, format="PDF", resolution=float(dpi))
    path.write_bytes(buffer.getvalue())
    return path


def _read(path: Path) -> list[dict[str, Any]]:
    return [notice.to_dict() for notice in parse_notice_file(path).notices]


def test_two_notices_printed_side_by_side_on_one_sheet_are_two(tmp_path: Path) -> None:
    read = _read(two_up(tmp_path / "two-up.pdf", RECEIPT, APPROVAL))
    assert [(n["notice_type"], n["receipt_number"], n["notice_date"]) for n in read] == [
        ("receipt", "EAC2714402817", "2027-03-09"),
        ("approval", "WAC2715508932", "2027-04-20"),
    ]
    assert read[0]["applicant"] == "TREMBLAY, ODETTE M" and read[0]["amount"] == "520.00"
    assert read[1]["beneficiary"] == "QUISPE, HALVARD J" and read[1]["petitioner"] == "LANTERNFISH OPTICS LLC"
    # Neither side's values leak into the other (a line of one side is no line of the other's).
    assert read[0]["beneficiary"] is None and read[1]["applicant"] is None


def test_each_side_of_a_shared_sheet_has_its_own_band_and_files_only_it(tmp_path: Path) -> None:
    path = two_up(tmp_path / "two-up.pdf", RECEIPT, APPROVAL)
    left, right = parse_notice_file(path).notices
    ((l0, _, l1, _),) = left.bands.values()
    ((r0, _, r1, _),) = right.bands.values()
    assert l0 == 0.0 and l1 == r0 and r1 == float("inf")
    assert SHEET_WIDTH * 0.4 < l1 < SHEET_WIDTH * 0.6  # the gutter between the two halves
    for notice, own, other in ((left, "TREMBLAY", "QUISPE"), (right, "QUISPE", "TREMBLAY")):
        seen = _seen(pages_pdf(path, "pdf", notice.pages, notice.bands))
        assert own in seen and other not in seen


def _seen(pdf: bytes, turn: int = 0) -> str:
    """What tesseract reads on the first page of ``pdf`` (as a person would see it, turned upright)."""
    from docgen.notices.ocr import Tesseract

    filed = pdfium.PdfDocument(pdf)
    try:
        page = filed[0]
        assert "".join(page.get_textpage().get_text_range()) == ""  # no text layer of either notice
        # Grey, as the reader hands pages to tesseract: its library in this process reads it (an RGB image would
        # start the tesseract program, about 2 s of CPU more a page); the page is grey print on white: nothing is lost.
        image = page.render(scale=300 / 72).to_pil().convert("L")
        return " ".join(w.text for w in Tesseract().words(image.rotate(-turn, expand=True) if turn else image, 300))
    finally:
        filed.close()


ScanOfTwoUp = Callable[[int, str], tuple[Path, NoticeFileResult]]


@pytest.fixture(scope="module")
def scan_of_two_up(tmp_path_factory: pytest.TempPathFactory) -> ScanOfTwoUp:
    """The two-up sheet of RECEIPT and APPROVAL scanned at 300 dpi (fed in turned ``turn`` degrees, saved as a
    ``kind`` file) and the reader's result for it, made and read once per (turn, kind) in this module: two tests
    check the upright PDF scan's reading (each reading of a 300 dpi sheet is a few seconds of tesseract)."""
    folder = tmp_path_factory.mktemp("two-up-scans")
    made: dict[tuple[int, str], tuple[Path, NoticeFileResult]] = {}

    def scan(turn: int, kind: str) -> tuple[Path, NoticeFileResult]:
        if (turn, kind) not in made:
            name = f"two-up-{turn}-{kind}"
            path = scanned(two_up(folder / f"{name}.pdf", RECEIPT, APPROVAL), folder / f"{name}.{kind}", 300, turn)
            made[turn, kind] = (path, parse_notice_file(path))
        return made[turn, kind]

    return scan


@pytest.mark.parametrize(("turn", "kind"), [(0, "pdf"), (90, "pdf"), (0, "png")])
def test_a_scanned_sheet_of_two_notices_side_by_side_files_each_its_own_side(
    scan_of_two_up: ScanOfTwoUp, turn: int, kind: str
) -> None:
    # The scan's parts are carried back from the straightened (and, fed in sideways, turned) page OCR read to the
    # scanned page: each notice's filed copy shows its own side, not the other client's notice.
    path, result = scan_of_two_up(turn, kind)
    notices = result.notices
    assert [n.value("notice_type") for n in notices] == ["receipt", "approval"]
    assert all(n.bands for n in notices)
    for notice, own, other in ((notices[0], "TREMBLAY", "QUISPE"), (notices[1], "QUISPE", "TREMBLAY")):
        seen = _seen(pages_pdf(path, kind, notice.pages, notice.bands), turn)
        assert own in seen and other not in seen


def test_a_scanned_sheet_of_two_notices_side_by_side_is_two(scan_of_two_up: ScanOfTwoUp) -> None:
    notices = scan_of_two_up(0, "pdf")[1].notices
    assert [n.value("notice_type") for n in notices] == ["receipt", "approval"]
    assert [n.value("notice_date") for n in notices] == ["2027-03-09", "2027-04-20"]
    # Each side's own receipt number: read, or (small print its box's second reading doubts) shown for review.
    for notice, receipt in zip(notices, ["EAC2714402817", "WAC2715508932"], strict=True):
        reading = notice.readings["receipt_number"]
        assert reading.value == receipt or (reading.value is None and reading.candidate.value == receipt)
    assert notices[0].value("applicant") == "TREMBLAY, ODETTE M"
    assert notices[1].value("beneficiary") == "QUISPE, HALVARD J"


def test_a_two_page_notice_printed_two_to_a_sheet_stays_one(tmp_path: Path) -> None:
    # Page 2 of a notice beside its page 1: no head of its own, so no second notice (its lines read with the first).
    pdf = canvas.Canvas(str(tmp_path / "pages.pdf"), pagesize=landscape(letter), invariant=True)
    for side in (0, 1):
        pdf.saveState()
        pdf.translate(side * SHEET_WIDTH / 2 + 30, (SHEET_HEIGHT - HEIGHT * HALF) / 2)
        pdf.scale(HALF, HALF)
        if side == 0:
            draw_notice(pdf, {**RECEIPT, "dates": [*RECEIPT["dates"][:2], ("Page", "1 of 2")]})
        else:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(40, HEIGHT - 60, f"{RECEIPT['boxes'][0][1]}    Page 2 of 2")
            for line in range(12):
                pdf.drawString(40, HEIGHT - 100 - 14 * line, "Further information about your case and what to do next.")
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    assert [n["receipt_number"] for n in _read(tmp_path / "pages.pdf")] == ["EAC2714402817"]


@pytest.mark.parametrize("gap", [70.0, 130.0])
def test_one_notice_whose_boxes_stand_in_two_columns_is_one(tmp_path: Path, gap: float) -> None:
    # A notice of labels on the left and a payment block far to the right, nothing across the middle but the head:
    # one notice (its right column is no notice by itself).
    pdf = canvas.Canvas(str(tmp_path / "one.pdf"), pagesize=letter, invariant=True)
    draw_notice(pdf, RECEIPT)
    pdf.setFont("Helvetica", 9)
    for line in range(6):
        pdf.drawString(300 + gap, 300 - 14 * line, f"Fee line {line + 1}: $0.00")
    pdf.showPage()
    pdf.save()
    assert [n["receipt_number"] for n in _read(tmp_path / "one.pdf")] == ["EAC2714402817"]


MAIL = [
    ("FW: USCIS notice - Tremblay, Odette M", 13),
    ("From: Paralegal Desk <desk@harbourlight-law.example>", 9),
    ("Sent: Friday, May 14, 2027 4:02 PM", 9),
    ("To: People Team <people@lanternfish.example>", 9),
    ("Subject: Receipt for the I-765", 9),
    ("Hello team,", 9),
    ("The receipt below came in today; the original is in our file. Date: 05/14/2027.", 9),
    ("Best regards,", 9),
    ("Paralegal Desk", 9),
]


def mail_printout(path: Path, notice: dict[str, Any] | None, quoted: str = "") -> Path:
    """A page printed from a web-mail reader: the mail's header lines and message, then ``notice`` drawn below
    them (reduced, as the reader shows it), or a message that only quotes a notice in a sentence."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(20, HEIGHT - 18, "Mail - People Team - Web Mail")
    y = HEIGHT - 50
    for text, size in MAIL:
        pdf.setFont("Helvetica-Bold" if size > 9 else "Helvetica", size)
        pdf.drawString(46, y, text)
        y -= size + 6
    if quoted:
        pdf.drawString(46, y - 10, quoted)
    if notice is not None:
        pdf.saveState()
        pdf.translate(40, y - 30 - HEIGHT * 0.8)
        pdf.scale(0.8, 0.8)
        draw_notice(pdf, notice)
        pdf.restoreState()
    pdf.setFont("Helvetica", 7)
    pdf.drawString(WIDTH - 40, 20, "1/1")
    pdf.showPage()
    pdf.save()
    return path


def test_a_notice_printed_under_a_forwarded_mail_reads_as_the_notice_not_the_mail(tmp_path: Path) -> None:
    (read,) = _read(mail_printout(tmp_path / "mail.pdf", RECEIPT))
    assert read["notice_type"] == "receipt" and read["receipt_number"] == "EAC2714402817"
    # The notice's dates, never the mail's (sent May 14, its message's "Date:" line).
    assert read["notice_date"] == "2027-03-09" and read["received_date"] == "2027-03-02"
    assert read["applicant"] == "TREMBLAY, ODETTE M" and read["amount"] == "520.00"


def test_a_mail_that_only_quotes_a_notice_is_no_notice(tmp_path: Path) -> None:
    quoted = "The Form I-797C, Notice of Action, receipt number EAC2714402817, was issued on 03/09/2027."
    assert parse_notice_file(mail_printout(tmp_path / "mail.pdf", None, quoted)).notices == []
