"""Issue 14, trust (session 10): a page OCR read poorly files nothing on its own say-so.

A scanned receipt is drawn (reportlab, fictional values, the receipt of ``test_notices_scan_s10``), rendered at
300 dpi and scribbled over in rows of word-sized pen strokes (a client's notes over the margins and between the
boxes). Tesseract reads the scribbles as low-confidence words, so the page's quality (the share of its words read
with good confidence) falls, while the printed values stay sharp and are read with high confidence. On such a page
a lost letter leaves the rest of a name read confidently (``ZHOU, ADAEZE`` for ``ZHOU, ADAEZE S``): a value read
there goes to review unless its box, read again alone, gave the same value. The same drawing with fewer scribbles
(a fair page) still files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from docgen.notices import Notice, parse_notice_file
from docgen.notices.fields import POOR_PAGE, _initial_apart, page_factor
from docgen.notices.layout import Page
from docgen.notices.model import CROP_AGREED, FILE_WITHOUT_REVIEW, calibrated, field_confidence
from docgen.notices.ocr import Tesseract, ocr_page, quality
from docgen.notices.pdftext import open_pdf, render
from docgen.notices.reader import UNREADABLE_PAGE
from tests.notice_cells import draw_cells
from tests.test_notices_scan_s10 import RECEIPT, RECEIPT_WANT

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

DPI = 300
POOR_ROWS = (20, 330, 370, 410, 450, 700, 720)  # points from the top: the margins and the gaps between boxes
HEAVY_ROWS = (20, 260, 330, 360, 390, 420, 450, 700, 720)
FAIR_ROWS = POOR_ROWS  # the same rows drawn from another seed: fewer strokes tesseract reads as words


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    pdf = draw_cells(tmp_path_factory.mktemp("trust") / "receipt.pdf", [RECEIPT], "Helvetica")
    with open_pdf(pdf) as opened:
        return render(opened[0], DPI).convert("L")


def _scribbled(page: Image.Image, rows: tuple[int, ...], seed: int) -> Image.Image:
    """``page`` with a row of pen strokes, each about a word long, across the sheet at each of ``rows``."""
    out = page.copy()
    draw = ImageDraw.Draw(out)
    rng = np.random.default_rng(seed)
    for top in rows:
        x, y = 120, round(top * DPI / 72)
        while x < out.width - 150:
            width = int(rng.integers(60, 220))
            draw.line([(x + i * width / 14, y + rng.normal(0, 12)) for i in range(15)], fill=0, width=4)
            x += width + int(rng.integers(30, 70))
    return out


def _read(image: Image.Image, path: Path) -> tuple[float, Notice]:
    image.save(path, dpi=(DPI, DPI))
    page_quality = quality(ocr_page(image, DPI, Tesseract()).words)
    (notice,) = parse_notice_file(path).notices
    return page_quality, notice


@pytest.mark.parametrize(
    ("rows", "seed"), [(POOR_ROWS, 2), (HEAVY_ROWS, 1)], ids=["scribbled-quality-0.69", "heavily-scribbled-0.61"]
)
def test_values_on_a_poorly_read_page_go_to_review_unless_read_again(
    drawn: Image.Image, tmp_path: Path, rows: tuple[int, ...], seed: int
) -> None:
    page_quality, notice = _read(_scribbled(drawn, rows, seed), tmp_path / "scribbled.png")
    assert UNREADABLE_PAGE <= page_quality < POOR_PAGE  # read, but poorly
    got = {name: notice.value(name) for name in RECEIPT_WANT}
    assert all(got[name] in (want, None) for name, want in RECEIPT_WANT.items()), got
    assert sum(value is not None for value in got.values()) >= 6, got  # the values are there to read
    confidence = field_confidence(notice)
    for name, reading in notice.readings.items():
        if reading.value is not None and confidence[name] >= FILE_WITHOUT_REVIEW:
            assert reading.evidence == CROP_AGREED, (name, reading)  # only a value its box confirmed files
    assert not notice.files_without_review()


def test_the_same_receipt_fairly_read_files(drawn: Image.Image, tmp_path: Path) -> None:
    page_quality, notice = _read(_scribbled(drawn, FAIR_ROWS, 1), tmp_path / "fair.png")
    assert page_quality >= POOR_PAGE
    assert {name: notice.value(name) for name in RECEIPT_WANT} == RECEIPT_WANT
    assert notice.files_without_review()


@pytest.mark.parametrize("page_quality", [0.5, 0.55, 0.6, 0.669, 0.7, 0.749])
def test_no_word_confidence_lifts_a_value_on_a_poor_page_into_the_filing_band(page_quality: float) -> None:
    page = Page(1, [], "ocr", page_quality)
    best = 1.0 * page_factor(page)  # every word of the value read with tesseract's full confidence
    assert calibrated(best, ocr=True, is_value=True) < FILE_WITHOUT_REVIEW


@pytest.mark.parametrize("page_quality", [0.75, 0.8, 0.9, 1.0])
def test_a_fair_page_keeps_its_factor(page_quality: float) -> None:
    page = Page(1, [], "ocr", page_quality)
    assert page_factor(page) == min(1.0, 0.5 + page_quality / 1.8)
    assert calibrated(0.97 * page_factor(page), ocr=True, is_value=True) >= FILE_WITHOUT_REVIEW


@pytest.mark.parametrize(
    ("page", "box", "shown"),
    [
        ("TRAN, DMITRIS", "TRAN, DMITRI S", "TRAN, DMITRI S"),  # the space before a last initial lost on the page
        ("Varga, FarhanS", "Varga, Farhan S", "Varga, Farhan S"),  # mixed case
        ("HAKIMI, DMITRIL", "HAKIMI, DMITRI L.", "HAKIMI, DMITRI L."),  # the box kept the initial's period
        ("OKAFOR CHIDIE", "OKAFOR CHIDI E", "OKAFOR CHIDI E"),  # no comma
        ("DOE, JANE A", "DOE, JANE R", "DOE, JANE A"),  # another letter: the page's reading is shown
        ("DOE, JANE A", "DOE, JANEA", "DOE, JANE A"),  # the box lost the space: the page's reading
        ("NGUYEN, BAOAN", "NGUYEN, BAO AN", "NGUYEN, BAOAN"),  # split into two words of two letters: no initial
        ("Dela Fuente, Hyun-woo C", "De la Fuente, Hyun-woo C", "Dela Fuente, Hyun-woo C"),  # a space elsewhere
    ],
)
def test_a_name_whose_box_sets_a_last_initial_apart_shows_the_box_reading_for_review(
    page: str, box: str, shown: str
) -> None:
    assert _initial_apart(page, box) == shown
