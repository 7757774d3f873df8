"""Issue 14, scans (set 3's S1-S3 classes): pages photographed sideways, scanned upside down at low
resolution, scanned with a dark shadow band down one edge.

A fixed-pitch ledger notice (dot leaders) is drawn here with PIL, then spoilt the way each class is;
the real tesseract reads it through :func:`parse_notice_file`. One page is drawn per module and each
spoilt copy is read once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docgen.notices import parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.ocr import even_edges, lines_run_down, paper_box
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
LEDGER = [
    "DEPARTMENT OF HOMELAND SECURITY",
    "U.S. CITIZENSHIP AND IMMIGRATION SERVICES          I-797 NOTICE OF ACTION",
    "",
    "NOTICE TYPE........: RECEIPT NOTICE",
    "RECEIPT NUMBER.....: IOE-26-488-15466      CASE TYPE: N400",
    "RECEIPT DATE.......: MAY 17 2026",
    "NOTICE DATE........: MAY 21 2026           PAGE: 1 OF 1",
    "APPLICANT..........: OYELARAN, TOMASZ K",
    "A-NUMBER...........: A214 603 587",
    "AMOUNT RECEIVED....: USD 760.00",
    "",
    "THE ABOVE APPLICATION HAS BEEN RECEIVED. PLEASE NOTIFY US IMMEDIATELY IF ANY",
    "OF THE ABOVE INFORMATION IS INCORRECT. KEEP THIS NOTICE FOR YOUR RECORDS.",
    "",
    "NATIONAL BENEFITS CENTER",
    "P.O. BOX 648003",
    "LEE'S SUMMIT MO 64002",
]
WANT = {
    "notice_type": "receipt",
    "receipt_number": "IOE2648815466",
    "form": "N-400",
    "notice_date": "2026-05-21",
    "applicant": "OYELARAN, TOMASZ K",
}


def _ledger(dpi: int) -> Image.Image:
    """A letter-size ledger notice in a fixed-pitch face at ``dpi``, grey."""
    page = Image.new("L", (round(8.5 * dpi), round(11 * dpi)), 250)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(str(MONO), round(9.5 / 72 * dpi))
    y = 0.7 * dpi
    for line in LEDGER:
        draw.text((0.6 * dpi, y), line, fill=25, font=face)
        y += 14 / 72 * dpi
    return page


@pytest.fixture(scope="module")
def ledger() -> Image.Image:
    if not MONO.exists():
        pytest.skip("DejaVu Sans Mono not installed")
    return _ledger(180)


def _check(path: Path) -> None:
    notices = parse_notice_file(path).notices
    assert len(notices) == 1
    got = {name: notices[0].value(name) for name in WANT}
    assert got == WANT


def _on_desk(page: Image.Image) -> Image.Image:
    """The page photographed on a grey desk, at a slight slant, lit from one side."""
    width, height = round(page.width * 1.25), round(page.height * 1.2)
    rng = np.random.default_rng(7)
    desk = Image.fromarray(np.clip(rng.normal(95, 10, (height, width)), 0, 255).astype(np.uint8), "L")
    mx, my = width * 0.1, height * 0.08
    corners = [(mx + 30, my), (width - mx, my + 20), (width - mx + 15, height - my), (mx, height - my - 10)]
    source = [(0.0, 0.0), (float(page.width), 0.0), (float(page.width), float(page.height)), (0.0, float(page.height))]
    rows, values = [], []
    for (x, y), (u, v) in zip(corners, source, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        values += [u, v]
    coeffs = tuple(float(c) for c in np.linalg.solve(np.array(rows, float), np.array(values, float)))
    sheet = page.transform((width, height), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", page.size, 255).transform((width, height), Image.Transform.PERSPECTIVE, coeffs)
    desk.paste(sheet, (0, 0), mask)
    light = np.linspace(0.7, 1.0, width, dtype=np.float32)[None, :]
    return Image.fromarray(np.clip(np.asarray(desk, np.float32) * light, 0, 255).astype(np.uint8), "L")


def _shadowed(page: Image.Image) -> Image.Image:
    """Blurred, with a dark band fading in down the right edge (a scanner lid left open)."""
    pixels = np.asarray(page.filter(ImageFilter.GaussianBlur(1.1)), dtype=np.float32)
    band = round(page.width * 0.08)
    fall = np.ones(page.width, dtype=np.float32)
    fall[-band:] = np.linspace(1.0, 0.3, band, dtype=np.float32) ** 1.5
    return Image.fromarray(np.clip(pixels * fall[None, :], 0, 255).astype(np.uint8), "L")


def test_which_way_lines_run_is_measured_from_the_page(ledger: Image.Image) -> None:
    assert not lines_run_down(ledger)
    assert not lines_run_down(ledger.rotate(180))
    assert lines_run_down(ledger.rotate(90, expand=True))
    assert lines_run_down(_on_desk(ledger.rotate(270, expand=True)))


def test_a_shadow_band_is_no_desk_and_is_lifted(ledger: Image.Image) -> None:
    shadowed = _shadowed(ledger)
    assert paper_box(shadowed) is None  # a fading band is a shadow, not a desk round a photographed sheet
    assert paper_box(_on_desk(ledger)) is not None  # a sheet's edge on a desk is a step: still a photo
    edge = np.asarray(shadowed)[:, -40:]
    lifted = np.asarray(even_edges(shadowed))[:, -40:]
    assert float(np.percentile(edge, 90)) < 150 < float(np.percentile(lifted, 90))
    assert even_edges(ledger) is ledger  # an evenly lit scan is left as it is


@pytest.mark.parametrize("turn", [270])  # a quarter either way: the direction test above turns 90
def test_a_ledger_photographed_sideways_on_a_desk_is_read(ledger: Image.Image, turn: int, tmp_path: Path) -> None:
    path = tmp_path / "sideways.jpg"
    _on_desk(ledger.rotate(turn, expand=True)).save(path, "JPEG", quality=80, dpi=(180, 180))
    _check(path)


def test_a_ledger_scanned_upside_down_at_150_dpi_is_read(ledger: Image.Image, tmp_path: Path) -> None:
    path = tmp_path / "upside.png"
    low = ledger.resize((1275, 1650), Image.Resampling.LANCZOS)  # 150 dpi
    low.rotate(180).save(path, "PNG", dpi=(150, 150))
    _check(path)


def test_a_blurred_ledger_with_a_shadow_down_its_edge_is_read(ledger: Image.Image, tmp_path: Path) -> None:
    path = tmp_path / "shadow.jpg"
    _shadowed(ledger).save(path, "JPEG", quality=70, dpi=(180, 180))
    _check(path)


def test_a_wrapped_ledger_name_stops_at_the_next_label_parted_from_its_value_by_ocr() -> None:
    # The BENEFICIARY label's colon lost on the scan: OCR gives the label and its value as two segments.
    rows = [
        [(37, "DEPARTMENT OF HOMELAND SECURITY")],
        [(37, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES"), (323, "I-797 NOTICE OF ACTION")],
        [(37, "NOTICE TYPE........: RECEIPT NOTICE")],
        [(37, "RECEIPT NUMBER.....: WAC-25-241-75337"), (261, "CASE TYPE: I129")],
        [(37, "NOTICE DATE........: 08-JUL-2025"), (261, "PAGE: 1 OF 1")],
        [(37, "PETITIONER.........: HARBORVIEW CLINICAL RESEARCH")],
        [(144, "LLC")],
        [(37, "BENEFICIARY......"), (144, "NAKASHIMA, ROHAN")],  # dots lost too: a gap before the value
    ]
    words = []
    for index, row in enumerate(rows):
        y = 40 + 12.3 * index
        for x, text in row:  # a word box a word, as tesseract gives them
            for word in text.split(" "):
                words.append(Word(word, x, y, x + 5.1 * len(word), y + 8, 92.0))
                x += 5.1 * (len(word) + 1)
    notice = read_notice(default_patterns(), [Page(1, group_lines(words), "ocr", 0.95)])
    assert notice.value("petitioner") == "HARBORVIEW CLINICAL RESEARCH LLC"
    assert notice.value("beneficiary") == "NAKASHIMA, ROHAN"
