"""A shared scanned sheet's filed parts (session 9, fix of review fault "a tilted scan's shared sheet cut level"):
each client's filed part holds all of their own notice's print and none of the other notice's, at any tilt the
part can be cut at; a sheet whose part cannot be cut out safely goes to review whole, never to a client.

The sheet is drawn here (two half-sheet notices, one above the other), turned as a scanner's glass turns it,
read by tesseract, filed through the mailroom's own PDF writer and compared pixel by pixel with each notice
drawn alone and turned the same way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.mailroom.ingest import ingest_inbox, pages_pdf
from docgen.notices import parse_notice_file

from .conftest import SAMPLES

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200
UPPER, LOWER = 120, 560  # pixels: each notice's first line; the upper one's last line ends near 460
NOTICES = (("IOE0912345678", "OKAFOR, CHIDERA"), ("IOE0987654321", "HADDAD, KARIM ELIAS"))


def _half_sheet(draw: ImageDraw.ImageDraw, top: int, receipt: str, name: str) -> None:
    font, big = ImageFont.truetype(SANS, 30), ImageFont.truetype(SANS, 40)
    for x, down, text, face in [
        (100, 0, "Department of Homeland Security", font),
        (100, 40, "U.S. Citizenship and Immigration Services", font),
        (1050, 20, "Form I-797C, Notice of Action", font),
        (550, 100, "RECEIPT NOTICE", big),
        (100, 170, f"Receipt Number: {receipt}", font),
        (100, 215, "Notice Date: March 18, 2026", font),
        (100, 260, "Case Type: I-765 Application for Employment Authorization", font),
        (100, 305, f"Applicant: {name}", font),
    ]:
        draw.text((x, top + down), text, fill=15, font=face)


def _sheet(which: tuple[int, ...], angle: float) -> Image.Image:
    """The sheet holding the notices ``which`` (0 upper, 1 lower), turned ``angle`` degrees on the glass."""
    sheet = Image.new("L", (1700, 2200), 250)
    draw = ImageDraw.Draw(sheet)
    for index in which:
        _half_sheet(draw, (UPPER, LOWER)[index], *NOTICES[index])
    return sheet.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=250)


def _scan(path: Path, angle: float) -> Path:
    _sheet((0, 1), angle).save(path, dpi=(DPI, DPI))
    return path


def _filed(pdf: bytes) -> np.ndarray:
    """The filed copy's page as grey pixels at the scan's resolution."""
    document = pdfium.PdfDocument(pdf)
    try:
        return np.asarray(document[0].render(scale=DPI / 72).to_pil().convert("L"))
    finally:
        document.close()


@pytest.mark.parametrize("angle", [0.0, -2.0, 1.5])
def test_each_part_of_a_tilted_shared_scan_holds_its_own_print_and_none_of_the_others(
    tmp_path: Path, angle: float
) -> None:
    path = _scan(tmp_path / "sheet.png", angle)
    notices = {notice.value("applicant"): notice for notice in parse_notice_file(path).notices}
    assert set(notices) == {name for _, name in NOTICES}
    for index, (_, name) in enumerate(NOTICES):
        notice = notices[name]
        assert notice.bands and not notice.uncut
        filed = _filed(pages_pdf(path, "png", notice.pages, notice.bands))
        own = np.asarray(_sheet((index,), angle)) < 128
        other = np.asarray(_sheet((1 - index,), angle)) < 128
        assert filed.shape == own.shape
        assert (filed[other] > 200).all(), f"{int((filed[other] <= 200).sum())} pixels of the other notice filed"
        assert (filed[own] < 128).mean() > 0.98  # its own print kept (a pixel or two of resampling aside)


def test_a_sheet_tilted_past_what_a_level_part_can_cut_goes_to_review_whole(tmp_path: Path) -> None:
    """At 4 degrees no level box holds the upper notice's last line and none of the lower one's first line: each
    notice waits for review with the whole sheet and why, though its applicant's case is known; at 2 degrees
    each is filed to its case, cut."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    _scan(inbox / "steep.png", -4.0)
    report = ingest_inbox(inbox, tmp_path / "docket.sqlite", cases)
    assert not report.filed and len(report.review) == 2
    for filed in report.review:
        reason = Path(filed).with_suffix(".reason.txt").read_text()
        assert "holds another notice too" in reason and "file this notice's part by hand" in reason
        assert (_filed(Path(filed).read_bytes()) < 128).sum() > 0.9 * (np.asarray(_sheet((0, 1), -4.0)) < 128).sum()


def _text_sheet(path: Path, which: tuple[int, ...]) -> Path:
    """A text PDF of the notices ``which`` (0 upper, 1 lower) printed half a letter sheet each, 30 points apart."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)
    for index in which:
        receipt, name = NOTICES[index]
        top = letter[1] - 40 - index * 230
        for x, down, text, size in [
            (40, 0, "Department of Homeland Security", 11),
            (40, 14, "U.S. Citizenship and Immigration Services", 11),
            (380, 7, "Form I-797C, Notice of Action", 11),
            (200, 40, "RECEIPT NOTICE", 14),
            (40, 70, f"Receipt Number: {receipt}", 11),
            (40, 90, "Notice Date: March 18, 2026", 11),
            (40, 110, "Case Type: I-765 Application for Employment Authorization", 11),
            (40, 130, f"Applicant: {name}", 11),
            (40, 186, "Please keep this notice for your records. Tell us at once if anything above is wrong.", 11),
        ]:
            pdf.setFont("Helvetica", size)
            pdf.drawString(x, top - down - size, text)
    pdf.showPage()
    pdf.save()
    return path


def test_each_part_of_a_shared_text_sheet_holds_its_own_print_and_none_of_the_others(tmp_path: Path) -> None:
    """The part's edge facing the other notice lies in the gap's middle: the filed margin round it (for a line's
    ink beyond its box) reaches neither notice's print (before: the lower notice's first line's tops were filed
    with the upper notice)."""
    path = _text_sheet(tmp_path / "sheet.pdf", (0, 1))
    notices = {notice.value("applicant"): notice for notice in parse_notice_file(path).notices}
    assert set(notices) == {name for _, name in NOTICES}
    for index, (_, name) in enumerate(NOTICES):
        notice = notices[name]
        assert notice.bands and not notice.uncut
        filed = _filed(pages_pdf(path, "pdf", notice.pages, notice.bands))
        own = _filed(_text_sheet(tmp_path / "own.pdf", (index,)).read_bytes()) < 160
        other = _filed(_text_sheet(tmp_path / "other.pdf", (1 - index,)).read_bytes()) < 250
        assert (filed[other] > 240).all(), f"{int((filed[other] <= 240).sum())} pixels of the other notice filed"
        assert (filed[own] < 160).mean() > 0.98


def test_a_shared_text_sheet_is_filed_cut_and_a_turned_one_goes_to_review(tmp_path: Path) -> None:
    """Each notice of a shared text sheet is filed to its applicant's case; the same sheet with a ``/Rotate``
    entry (its part cannot be cut from the turned page) is not: both wait for review with the whole page."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    _text_sheet(inbox / "level.pdf", (0, 1))
    report = ingest_inbox(inbox, tmp_path / "docket.sqlite", cases)
    assert len(report.filed) == 2 and not report.review
    with pikepdf.open(_text_sheet(tmp_path / "sheet.pdf", (0, 1))) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(inbox / "turned.pdf")
    report = ingest_inbox(inbox, tmp_path / "docket2.sqlite", cases)
    assert not report.filed and len(report.review) == 2
    for filed in report.review:
        assert "holds another notice too" in Path(filed).with_suffix(".reason.txt").read_text()
