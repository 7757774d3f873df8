"""Issue 14: a scan that already carries someone else's OCR ("searchable PDF") is read as the scan it is.

Copiers, scanning services and OCR programs save a scan with an invisible text layer: their own reading of the
picture, misreadings included, with nothing to say how sure they were. Read as a text page, a receipt number
they misread (``O`` for ``0``) would be filed as printed. Every fixture here is drawn in the test (fictional
values): the notice rendered to a picture, then saved as a searchable scan the ways such programs do (words
drawn invisible over the picture; words painted over by it; tesseract's own PDF), each layer misreading a
value. The reader must read each page by its own OCR (real tesseract) and give every value right or none,
never the layer's misreading; born-digital pages with pictures on them stay text pages.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.parse import read_pages
from docgen.notices.pdftext import open_pdf, render
from tests.notice_cells import TOP, Cell, draw_cells

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

RECEIPT: list[Cell] = [
    (40, 40, "Department of Homeland Security", 10),
    (40, 53, "U.S. Citizenship and Immigration Services", 10),
    (380, 40, "I-797C, Notice of Action", 15),
    (44, 110, "Receipt Number", 8),
    (44, 121, "WAC2731085460", 12),
    (300, 110, "Case Type", 8),
    (300, 121, "I-539 - APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS", 9),
    (44, 150, "Received Date", 8),
    (44, 161, "05/04/2026", 12),
    (180, 150, "Notice Date", 8),
    (180, 161, "05/11/2026", 12),
    (44, 190, "Applicant", 8),
    (44, 201, "LINDQVIST, ODALYS R", 12),
    (44, 232, "Notice Type: Receipt Notice", 12),
    (44, 250, "Amount received: $470.00", 12),
    (44, 300, "The above application has been received. Please notify us at once if any of the above is wrong.", 10),
    (44, 660, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", 9),
    (44, 672, "California Service Center", 9),
]
RIGHT = {
    "receipt_number": "WAC2731085460",
    "applicant": "LINDQVIST, ODALYS R",
    "received_date": "2026-05-04",
    "notice_date": "2026-05-11",
    "form": "I-539",
}
# the scanning program's misreadings: what a layer trusted as print would file
MISREAD = {"WAC2731085460": "WAC273lO85460", "LINDQVIST, ODALYS R": "LINDQV1ST, 0DALYS R", "05/04/2026": "05/04/2025"}


@pytest.fixture(scope="module")
def picture(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """The notice as a scanned sheet (greyscale, 200 dpi)."""
    path = draw_cells(tmp_path_factory.mktemp("searchable") / "printed.pdf", [RECEIPT])
    with open_pdf(path) as pdf:
        return render(pdf[0], 200)


def _layer(pdf: canvas.Canvas, mode: int) -> None:
    """The notice's words as a scanning program's layer (``mode``: PDF text render mode), misreadings in."""
    for cell in RECEIPT:
        size = cell[3] if len(cell) > 3 else 9.0
        text = pdf.beginText(cell[0], TOP - cell[1] - size)
        text.setFont("Helvetica", size)
        text.setTextRenderMode(mode)
        text.textLine(MISREAD.get(cell[2], cell[2]))
        pdf.drawText(text)


def _searchable(path: Path, picture: Image.Image, *, under: bool) -> Path:
    """A searchable scan: the picture with the layer drawn invisible over it, or (``under``) drawn plainly
    and painted over by the picture."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    data = io.BytesIO()
    picture.save(data, "PNG")
    if under:
        _layer(pdf, 0)
    pdf.drawImage(ImageReader(io.BytesIO(data.getvalue())), 0, 0, *letter)
    if not under:
        _layer(pdf, 3)
    pdf.showPage()
    pdf.save()
    return path


def _check(path: Path) -> None:
    assert [page.method for page in read_pages(path, "pdf")] == ["ocr"]
    (notice,) = parse_notice_file(path).notices
    for name, right in RIGHT.items():
        value = notice.readings[name].value
        assert value in (right, None), (name, value)
        assert value not in MISREAD.values()
    assert notice.readings["receipt_number"].value == "WAC2731085460"  # our own OCR reads the print


@pytest.mark.parametrize("under", [False, True], ids=["invisible-layer", "layer-under-picture"])
def test_a_searchable_scan_is_read_by_our_own_ocr_not_its_layer(
    picture: Image.Image, tmp_path: Path, under: bool
) -> None:
    _check(_searchable(tmp_path / "searchable.pdf", picture, under=under))


def test_tesseracts_own_searchable_pdf_is_read_as_a_scan(picture: Image.Image, tmp_path: Path) -> None:
    """A real OCR program's searchable PDF (tesseract's ``pdf`` output: the picture, its words invisible)."""
    image = tmp_path / "sheet.png"
    picture.save(image, dpi=(200, 200))
    subprocess.run(["tesseract", str(image), str(tmp_path / "sheet"), "pdf"], check=True, capture_output=True)
    path = tmp_path / "sheet.pdf"
    with open_pdf(path) as pdf:
        assert len(pdf[0].get_textpage().get_text_range()) > 100  # it has its layer
    _check(path)


def test_born_digital_pages_with_pictures_stay_text(tmp_path: Path) -> None:
    """Text printed over a page-wide background picture, and a page wrapped in a scaled form object with a
    logo painted last, are seen text: read from their text layer (no OCR)."""
    pale = Image.new("L", (850, 1100), 235)
    logo = Image.new("L", (120, 60), 40)
    path = tmp_path / "digital.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    buffer = io.BytesIO()
    pale.save(buffer, "PNG")
    pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, *letter)  # the background first
    for cell in RECEIPT:
        size = cell[3] if len(cell) > 3 else 9.0
        pdf.setFont("Helvetica", size)
        pdf.drawString(cell[0], TOP - cell[1] - size, cell[2])
    pdf.showPage()
    pdf.beginForm("page")  # page two: the notice inside a form object, shrunk, a logo painted over last
    for cell in RECEIPT:
        size = cell[3] if len(cell) > 3 else 9.0
        pdf.setFont("Helvetica", size)
        pdf.drawString(cell[0], TOP - cell[1] - size, cell[2])
    buffer = io.BytesIO()
    logo.save(buffer, "PNG")
    pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 480, 700, 100, 50)
    pdf.endForm()
    pdf.saveState()
    pdf.translate(30, 40)
    pdf.scale(0.92, 0.92)
    pdf.doForm("page")
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    assert [page.method for page in read_pages(path, "pdf")] == ["text", "text"]
