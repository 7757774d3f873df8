"""Issue 14, scans (session 7): what a scan's print does to OCR that the text of the same layout does not.

Banners and headings printed light on a dark fill (reverse video), and facts printed on a light shaded panel
(a sidebar beside a letter) that tesseract's one threshold for the page turns to ink. Real images, read by
tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docgen.notices import parse_notice_file
from docgen.notices.ocr import Tesseract, finish, invert_dark_bands, lift_tints

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
PAPER = 238


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(BOLD if bold else SANS, size)


def _grain(image: Image.Image, seed: int = 5) -> Image.Image:
    noise = np.random.default_rng(seed).normal(0, 6, (image.height, image.width))
    return Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8), "L")


def _banner(draw: ImageDraw.ImageDraw, top: int, width: int, left: str, right: str, fill: int = 40) -> None:
    """A reverse-video banner: light letters on a dark bar."""
    draw.rectangle((60, top, width - 60, top + 70), fill=fill)
    draw.text((90, top + 14), left, fill=236, font=_font(40, bold=True))
    draw.text((width - 420, top + 14), right, fill=236, font=_font(40, bold=True))


def _words(image: Image.Image, dpi: int = 300) -> str:
    soft, _, clean_dpi = finish(image, dpi)
    return " ".join(word.text for word in Tesseract().words(soft, clean_dpi))


def test_a_reverse_video_banner_is_turned_to_dark_letters_and_read() -> None:
    image = Image.new("L", (2400, 300), PAPER)
    draw = ImageDraw.Draw(image)
    _banner(draw, 60, 2400, "NOTICE OF ACTION  I-797C", "RECEIPT")
    draw.text((90, 200), "Receipt Number WAC2690012345", fill=20, font=_font(36))
    page = _grain(image)
    turned = np.asarray(invert_dark_bands(page, 300))
    assert np.median(turned[70:80, 1400:2000]) > 0.85 * PAPER  # the fill is paper now ...
    assert np.percentile(turned[74:124, 90:900], 3) < 90  # ... and its letters ink
    words = _words(page)
    assert "NOTICE OF ACTION" in words
    assert "RECEIPT" in words
    assert "WAC2690012345" in words  # the dark print under it as it was


def test_dark_areas_that_are_no_reversed_print_are_left_as_they_are() -> None:
    """A scanner's dark edge (at the page's border) and a dark block with nothing light on it (a redaction)."""
    image = Image.new("L", (2400, 600), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 2399, 50), fill=25)  # the scanner's lid along the top edge
    draw.rectangle((300, 250, 1500, 330), fill=20)  # a redaction bar
    draw.text((300, 420), "Beneficiary DOE, JANE A", fill=20, font=_font(36))
    page = _grain(image)
    assert invert_dark_bands(page, 300) is page


def test_a_light_shaded_panel_is_lifted_to_paper_with_its_letters_kept() -> None:
    """A sidebar of stacked facts on a fill a tenth darker than the paper (the letter beside it on paper): on a
    scan tesseract's one threshold for the page may take the whole panel for ink, and its facts are lost."""
    image = Image.new("L", (1500, 1500), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 780, 1499), fill=round(PAPER * 0.89))
    draw.text((90, 200), "Receipt number", fill=110, font=_font(26))
    draw.text((90, 240), "SRC2516295594", fill=20, font=_font(38, bold=True))
    draw.text((900, 240), "Receipt Notice", fill=20, font=_font(38, bold=True))
    for line in range(14):
        draw.text((900, 330 + 50 * line), "We received your form and fee.", fill=25, font=_font(30))
    page = _grain(image)
    lifted = np.asarray(lift_tints(page, 300))
    assert abs(np.median(lifted[600:1400, 100:700]) - np.median(lifted[600:1400, 900:1400])) < 6  # panel = paper
    assert np.percentile(lifted[240:285, 90:500], 3) < np.percentile(np.asarray(page)[240:285, 90:500], 3) + 30
    words = _words(page)
    assert "SRC2516295594" in words
    assert "Receipt number" in words


def test_a_thin_light_bar_is_no_panel() -> None:
    """A light tint a line high (a shaded row of a table) is left alone: only a panel, tall and wide, is lifted."""
    image = Image.new("L", (1500, 600), PAPER)
    ImageDraw.Draw(image).rectangle((60, 200, 1400, 250), fill=round(PAPER * 0.9))
    page = _grain(image)
    assert lift_tints(page, 300) is page


def _two_notices(path: Path) -> None:
    """One letter sheet at 200 dpi holding two half-sheet receipts, each under a reverse-video banner, told
    apart by nothing else (no rule or cut line between them)."""
    width, height = 1700, 2200
    image = Image.new("L", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    halves = [
        (0, "WAC2690012345", "I-129", "Mar. 2, 2026", "Mar. 9, 2026", "BLUE HERON LABS INC", "SILVA, ANA M"),
        (1100, "EAC2690054321", "I-130", "04/01/2026", "04/08/2026", "OKAFOR, BEN T", "OKAFOR, ADA C"),
    ]
    for top, receipt, form, received, dated, petitioner, beneficiary in halves:
        draw.rectangle((40, top + 60, width - 40, top + 112), fill=35)
        draw.text((64, top + 70), "NOTICE OF ACTION  I-797C", fill=236, font=_font(30, bold=True))
        draw.text((width - 240, top + 70), "RECEIPT", fill=236, font=_font(30, bold=True))
        row = f"Receipt {receipt}  |  Case Type {form}  |  Received {received}  |  Notice Date {dated}"
        draw.text((64, top + 150), row, fill=25, font=_font(26))
        draw.text((64, top + 200), "Fee Paid USD 675.00", fill=25, font=_font(26))
        draw.text((64, top + 250), "Petitioner", fill=25, font=_font(26, bold=True))
        draw.text((300, top + 250), petitioner, fill=25, font=_font(26))
        draw.text((64, top + 295), "Beneficiary", fill=25, font=_font(26, bold=True))
        draw.text((300, top + 295), beneficiary, fill=25, font=_font(26))
        body = "This notice confirms that USCIS received your form. It does not grant any status."
        draw.text((64, top + 370), body, fill=25, font=_font(24))
    _grain(image).save(path, dpi=(200, 200))


def test_two_half_sheet_notices_under_reverse_video_banners_are_two_notices(tmp_path: Path) -> None:
    path = tmp_path / "two-up.png"
    _two_notices(path)
    result = parse_notice_file(path)
    assert [notice.value("receipt_number") for notice in result.notices] == ["WAC2690012345", "EAC2690054321"]
    assert [notice.value("notice_type") for notice in result.notices] == ["receipt", "receipt"]
    # Each keeps its own values: the second's are never given to the first.
    assert [notice.value("notice_date") for notice in result.notices] == ["2026-03-09", "2026-04-08"]
    assert result.notices[1].value("petitioner") in (None, "OKAFOR, BEN T")

