"""Issue 14, scans (session 9): a phone photo whose sheet fills the frame, read by the real tesseract.

The notice is drawn here (reportlab, fictional values), rendered by pdfium as a printed sheet, then
photographed in the test: laid on a wood-grained desk at a slant, the desk showing only as a narrow band
along the sides (one corner of the sheet off the frame), lit unevenly, saved as a JPEG.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docgen.notices import parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.ocr import paper_box, sheet_edges, unwarp
from docgen.notices.patterns import default_patterns
from docgen.notices.pdftext import open_pdf, render
from docgen.notices.reader import read_notice
from docgen.notices.values import read_date
from tests.notice_cells import Cell, draw_cells

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

RECEIPT: list[Cell] = [
    (40, 40, "Department of Homeland Security", 10),
    (40, 53, "U.S. Citizenship and Immigration Services", 10),
    (380, 40, "I-797C, Notice of Action", 15),
    (200, 84, "THE UNITED STATES OF AMERICA", 9),
    (44, 110, "Receipt Number", 7),
    (44, 120, "EAC2690417735", 11),
    (300, 110, "Case Type", 7),
    (300, 120, "I-765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", 10),
    (44, 145, "Received Date", 7),
    (44, 155, "03/16/2026", 11),
    (180, 145, "Notice Date", 7),
    (180, 155, "03/23/2026", 11),
    (300, 145, "Page", 7),
    (300, 155, "1 of 1", 11),
    (44, 180, "Applicant", 7),
    (44, 190, "MORAVEC, TOMASZ E", 11),
    (44, 222, "Notice Type: Receipt Notice", 11),
    (44, 238, "Amount received: $520.00", 11),
    *(
        (44, 290 + 14 * row, text, 10)
        for row, text in enumerate(
            [
                "The above application has been received. Please notify us at once if any of the above information",
                "is incorrect. If we find we need more information, we will write to you. Keep this notice for your",
                "records; you will be notified separately about any other cases you filed.",
            ]
        )
    ),
    (44, 660, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", 9),
    (44, 672, "Vermont Service Center", 9),
    (44, 684, "75 Lower Welden Street", 9),
]
WANT = {
    "notice_type": "receipt",
    "receipt_number": "EAC2690417735",
    "form": "I-765",
    "received_date": "2026-03-16",
    "notice_date": "2026-03-23",
    "applicant": "MORAVEC, TOMASZ E",
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """The notice as a printed sheet (RGB, 200 dpi)."""
    path = draw_cells(tmp_path_factory.mktemp("photo") / "receipt.pdf", [RECEIPT], "Helvetica")
    with open_pdf(path) as pdf:
        return render(pdf[0], 200).convert("RGB")


def _coefficients(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> tuple[float, ...]:
    """PIL's PERSPECTIVE coefficients: output pixel ``target[i]`` shows input pixel ``source[i]``."""
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        values += [u, v]
    return tuple(float(c) for c in np.linalg.solve(np.array(rows, float), np.array(values, float)))


# Where the sheet's corners land in the photo (shares of its width and height): the phone tilted over the
# sheet (the top edge looks narrower), turned a little; the bottom-right corner off the frame.
SLANT = [(0.035, 0.03), (0.985, 0.006), (1.006, 0.988), (0.012, 0.97)]


def _photo(sheet: Image.Image, seed: int = 9) -> tuple[Image.Image, list[tuple[float, float]]]:
    """``sheet`` photographed on a desk so that it nearly fills the frame, and where its corners landed."""
    rng = np.random.default_rng(seed)
    width, height = round(sheet.width * 1.02), round(sheet.height * 1.02)
    grain = np.repeat(rng.normal(0, 1, (height // 6 + 1, width)), 6, axis=0)[:height] * 12
    desk = np.stack([grain + 125, grain + 88, grain + 55], axis=-1)
    photo = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8), "RGB")
    corners = [(x * width, y * height) for x, y in SLANT]
    source = [
        (0.0, 0.0),
        (float(sheet.width), 0.0),
        (float(sheet.width), float(sheet.height)),
        (0.0, float(sheet.height)),
    ]
    coeffs = _coefficients(corners, source)
    seen = sheet.transform(photo.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", sheet.size, 255).transform(photo.size, Image.Transform.PERSPECTIVE, coeffs)
    photo.paste(seen, (0, 0), mask)
    # Warm light falling off towards one corner, the phone's noise, a soft lens.
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 1 - 0.3 * ((xx / width - 0.35) ** 2 + (yy / height - 0.4) ** 2)
    pixels = np.asarray(photo, np.float32) * light[..., None] * np.array([1.0, 0.95, 0.85], np.float32)
    pixels += rng.normal(0, 3, pixels.shape).astype(np.float32)
    shot = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.7))
    return shot, corners


def test_a_photo_whose_sheet_fills_the_frame_is_straightened(printed: Image.Image) -> None:
    photo, corners = _photo(printed)
    grey = photo.convert("L")
    assert paper_box(grey) is None  # the desk is too narrow a band for the sheet's box
    found = sheet_edges(grey)
    assert found is not None
    near = 0.006 * grey.width
    assert all(abs(x - u) <= near and abs(y - v) <= near for (x, y), (u, v) in zip(found, corners, strict=True))
    # Straightened, the sheet's print lies where it was printed: nearly every inked pixel of the flat copy
    # is within a few pixels of the printed sheet's ink.
    flat = unwarp(grey, found).resize(printed.size, Image.Resampling.BILINEAR)
    ink = np.asarray(flat) < 0.6 * np.percentile(np.asarray(flat), 90)
    printed_ink = Image.fromarray(((np.asarray(printed.convert("L")) < 128) * 255).astype(np.uint8), "L")
    near_print = np.asarray(printed_ink.filter(ImageFilter.MaxFilter(9))) > 0
    assert np.count_nonzero(ink & near_print) >= 0.9 * np.count_nonzero(ink)


def test_a_photo_whose_sheet_fills_the_frame_is_read(printed: Image.Image, tmp_path: Path) -> None:
    photo, _ = _photo(printed)
    path = tmp_path / "phone.jpg"
    photo.save(path, "JPEG", quality=82, dpi=(300, 300))
    (notice,) = parse_notice_file(path).notices
    assert {name: notice.value(name) for name in WANT} == WANT


def test_a_plain_scan_and_a_shadow_show_no_sheet_edges(printed: Image.Image) -> None:
    grey = printed.convert("L")
    assert sheet_edges(grey) is None  # a scan: paper to the frame's edges
    pixels = np.asarray(grey, np.float32)
    band = round(grey.width * 0.08)
    fall = np.ones(grey.width, np.float32)
    fall[-band:] = np.linspace(1.0, 0.3, band, dtype=np.float32) ** 1.5  # a lid's shadow fading in down one side
    top = np.ones(grey.height, np.float32)
    top[:band] = np.linspace(0.3, 1.0, band, dtype=np.float32) ** 1.5  # and along the top
    shadowed = Image.fromarray(np.clip(pixels * fall[None, :] * top[:, None], 0, 255).astype(np.uint8), "L")
    assert sheet_edges(shadowed) is None
    # A dark scanner's edge down one side only is no desk round a photographed sheet either.
    edged = np.asarray(grey).copy()
    edged[:, : round(grey.width * 0.015)] = 30
    assert sheet_edges(Image.fromarray(edged, "L")) is None


@pytest.mark.parametrize(
    ("printed", "iso"),
    [("April 20,2026", "2026-04-20"), ("Apr 2,2026", "2026-04-02"), ("April 20, 2026", "2026-04-20")],
)
def test_a_named_date_whose_space_after_the_comma_ocr_lost_is_read(printed: str, iso: str) -> None:
    """A 150 dpi copy: the narrow space after the day's comma is lost (``April 20,2026``)."""
    found = read_date(printed)
    assert found is not None and found.value == iso
    assert read_date("April 20,20266") is None


def test_a_received_date_whose_space_after_the_comma_ocr_lost_is_found_at_its_label() -> None:
    rows = [
        [(200, "THE UNITED STATES OF AMERICA")],
        [(40, "I-797C, Notice of Action")],
        [(40, "NOTICE TYPE RECEIPT NOTICE")],
        [(40, "RECEIPT NUMBER LIN2628920513"), (300, "CASE TYPE I765")],
        [(40, "DATE RECEIVED April 20,2026"), (300, "NOTICE DATE May 11,2026")],
        [(40, "APPLICANT"), (120, "VAN DER BERG, GUSTAVO T")],
    ]
    words = []
    for index, row in enumerate(rows):
        y = 40 + 14 * index
        for x, text in row:
            for part in text.split():
                words.append(Word(part, x, y, x + 6 * len(part), y + 10, 93.0))
                x += 6 * len(part) + 4
    notice = read_notice(default_patterns(), [Page(1, group_lines(words), "ocr", 0.95)])
    assert (notice.value("received_date"), notice.value("notice_date")) == ("2026-04-20", "2026-05-11")


def test_a_dark_band_printed_at_the_sheets_edge_is_no_desk(printed: Image.Image) -> None:
    """A banner across the sheet's top and a sidebar down its left, printed dark with light letters and
    running off the photo's frame, are print: the sheet is not cut at their edges."""
    sheet = printed.convert("L").copy()
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(SANS, 40)
    draw.rectangle((0, 0, sheet.width, 170), fill=35)
    draw.rectangle((0, 0, 120, sheet.height), fill=35)
    for x in range(160, sheet.width - 300, 420):
        draw.text((x, 60), "NOTICE OF ACTION", fill=235, font=font)
    for y in range(260, sheet.height - 100, 160):
        draw.text((20, y), "USCIS", fill=235, font=font)
    assert sheet_edges(sheet) is None
