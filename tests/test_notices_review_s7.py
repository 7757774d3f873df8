"""Review of the notice reader's session-7 changes (OCR doubt and candidates, scan preparation, text speed).

Each test is one way the changes could file a wrong value, drop one unseen, change a reading or lose a notice,
with its own fixture: a real image read by tesseract (a fault-injecting engine lowers one word's confidence,
the doubt a poor scan gives) or a reportlab PDF.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.reader import Reader
from docgen.notices import NoticeFileResult, parse_notice_file
from docgen.notices.layout import Word
from docgen.notices.ocr import Tesseract

from .conftest import SAMPLES

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


class _Doubting(Tesseract):
    """Tesseract, its confidence in every word holding ``word`` lowered to ``conf`` (a fault: a poor scan)."""

    def __init__(self, word: str, conf: float) -> None:
        super().__init__()
        self.word, self.conf = word, conf

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        return [
            Word(w.text, w.x0, w.top, w.x1, w.bottom, self.conf) if self.word in w.text else w
            for w in super().words(image, dpi)
        ]


def _scan_of(pdf_path: Path, target: Path) -> Path:
    """A 300 dpi grey scan of the first page of ``pdf_path`` (a text notice printed and scanned)."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        page = pdf[0]
        page.render(scale=300 / 72, grayscale=True).to_pil().save(target, dpi=(300, 300))
        page.close()
    finally:
        pdf.close()
    return target


def test_a_notice_with_a_field_ocr_was_unsure_of_waits_for_review_and_is_not_filed_without_it(tmp_path: Path) -> None:
    """Fault (wrong, mailroom): an approval whose validity end OCR doubted (a candidate) was filed to its case
    with no end date: no approved_to on the case, no deadline from it, and no person ever saw the candidate."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    _scan_of(SAMPLES / "notices" / "text" / "approval-i797a.pdf", inbox / "approval-scan.png")

    def read(path: Path) -> NoticeFileResult:
        return parse_notice_file(path, engine=_Doubting("2029", 60.0))

    with Reader(read) as reader:
        report = ingest_inbox(inbox, tmp_path / "docket.sqlite", cases, reader=reader)
    with open_docket(tmp_path / "docket.sqlite") as docket:
        (notice,) = docket.notices()
    data = notice.data if isinstance(notice.data, dict) else json.loads(str(notice.data))
    assert data["valid_to"] is None and data["candidates"]["valid_to"]["value"] == "2029-09-30"
    assert report.filed == [], "filed with its validity end left out, no person shown the candidate"
    (waiting,) = report.review
    reason = Path(waiting).with_suffix(".reason.txt").read_text()
    assert "valid_to" in reason.splitlines()[0] and "2029-09-30" in reason
    assert (cases / "h1b-okafor.yaml").read_text() == (SAMPLES / "cases" / "h1b-okafor.yaml").read_text()


def test_two_pages_scanned_side_by_side_keep_their_small_digits(tmp_path: Path) -> None:
    """Fault (scans, fixed there by taking dot-leader erasing out): a 300 dpi scan of two letter pages side by side
    (17 x 11 in, taken for 8.5 in wide at 600 dpi) whose notice is printed at 7 pt lost its receipt number and date
    to the leader eraser, which sized a dot from that dpi."""
    image = Image.new("L", (5100, 3300), 238)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 29)
    draw.text((300, 200), "I-797A, NOTICE OF ACTION", fill=20, font=ImageFont.truetype(BOLD, 39))
    rows = [
        ("Receipt Number:", "WAC2690012345"),
        ("Notice Type:", "Approval Notice"),
        ("Notice Date:", "09/02/2026"),
        ("Form:", "I-129"),
        ("Beneficiary:", "DOE, JANE A"),
    ]
    for number, (label, value) in enumerate(rows):
        draw.text((300, 400 + 58 * number), label, fill=20, font=font)
        draw.text((1000, 400 + 58 * number), value, fill=20, font=font)
    path = tmp_path / "two-pages.png"
    image.save(path, dpi=(300, 300))
    (notice,) = parse_notice_file(path).notices
    assert (notice.value("receipt_number"), notice.value("notice_date")) == ("WAC2690012345", "2026-09-02")


class _Misreading(_Doubting):
    """:class:`_Doubting`, and its reading of a value's box alone gives ``again`` where the page gave ``first``."""

    def __init__(self, word: str, conf: float, first: str, again: str) -> None:
        super().__init__(word, conf)
        self.first, self.again = first, again

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        return super().line(image, dpi, chars).replace(self.first, self.again)


def _receipt_scan(path: Path, beneficiary: str) -> Path:
    """A scanned receipt notice (300 dpi, labels left of their values), read by tesseract."""
    image = Image.new("L", (2550, 1100), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    rows = [
        (40, [(44, "I-797C"), (98, "NOTICE OF ACTION")]),
        (70, [(44, "Receipt Number:"), (150, "WAC2690012345")]),
        (85, [(44, "Notice Type:"), (150, "Receipt")]),
        (100, [(44, "Notice Date:"), (150, "June 1, 2026")]),
        (115, [(44, "Form:"), (150, "I-129")]),
        (130, [(44, "Petitioner:"), (150, "ACME ROBOTICS LLC")]),
        (145, [(44, "Beneficiary:"), (150, beneficiary)]),
    ]
    for top, row in rows:
        for x, text in row:
            draw.text((x * 300 / 72, top * 300 / 72), text, fill=15, font=font)
    image.save(path, dpi=(300, 300))
    return path


def test_a_name_its_box_reads_longer_is_not_filed_without_review(tmp_path: Path) -> None:
    """Fault (wrong): the page read ``DOE, JANE A`` (its weakest word at 90, so read again), the box alone
    ``DOE, JANE ANNE``: which is the name a person must say; the page's reading was filed without review."""
    path = _receipt_scan(tmp_path / "receipt.png", "DOE, JANE A")
    result = parse_notice_file(path, engine=_Misreading("DOE", 90.0, "JANE A", "JANE ANNE"))
    (notice,) = result.notices
    assert notice.value("receipt_number") == "WAC2690012345"  # the page itself read well
    assert notice.value("beneficiary") is None
    assert notice.candidates()["beneficiary"].value == "DOE, JANE A"


def _text_notice(canvas: Any, receipt: str, date: str, name: str, reverse: bool = False) -> None:
    rows = [
        ("Receipt Number", receipt),
        ("Notice Date", date),
        ("Notice Type", "Approval Notice"),
        ("Case Type", "I129 - PETITION FOR A NONIMMIGRANT WORKER"),
        ("Petitioner", "ACME ROBOTICS LLC"),
        ("Beneficiary", name),
        ("Valid from", "10/01/2026 to 09/30/2029"),
    ]
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(50, 750, "I-797A, Notice of Action")
    canvas.setFont("Helvetica", 10)
    for number, (label, value) in enumerate(rows[::-1] if reverse else rows):
        canvas.drawString(50, 720 - 18 * number, f"{label}:")
        canvas.drawString(200, 720 - 18 * number, value)
    canvas.showPage()


def test_text_pages_turned_and_labels_in_reverse_order_read_each_page_its_own_values(tmp_path: Path) -> None:
    """Speed: a page's readings kept on the page (labels, values) and its text loaded by plain pdfium calls: two
    pages in one file, the second's labels in reverse order, each page turned by /Rotate, read their own values."""
    plain = tmp_path / "two.pdf"
    canvas = Canvas(str(plain), pagesize=letter)
    _text_notice(canvas, "WAC2690012345", "09/02/2026", "DOE, JANE A")
    _text_notice(canvas, "EAC2690054321", "09/03/2026", "ROE, JOHN B", reverse=True)
    canvas.save()
    turned = tmp_path / "turned.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.pages[0].Rotate, pdf.pages[1].Rotate = 90, 270
        pdf.save(turned)
    for path in (plain, turned):
        found = [
            (n.value("receipt_number"), n.value("notice_date"), n.value("beneficiary"), n.value("valid_to"), n.pages)
            for n in parse_notice_file(path).notices
        ]
        assert found == [
            ("WAC2690012345", "2026-09-02", "DOE, JANE A", "2029-09-30", [1]),
            ("EAC2690054321", "2026-09-03", "ROE, JOHN B", "2029-09-30", [2]),
        ], path.name
