"""Issue 14, scans (session 8): print tesseract's reading of a whole page leaves out, read again on its own.

Each fixture is a page drawn here (fictional values), read by the real tesseract. Where tesseract's own fault
is needed (a block it read as one junk word), the junk word is written into its reading: the fault is
simulated, the reading of the print is real.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docgen.notices.layout import Word
from docgen.notices.ocr import Tesseract, erase_rules, finish, parse_tsv, read_dropped

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
PAPER = 238


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(BOLD if bold else SANS, size)


def _scan(image: Image.Image, seed: int = 3) -> Image.Image:
    noise = np.random.default_rng(seed).normal(0, 5, (image.height, image.width))
    grainy = Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8), "L")
    return grainy.filter(ImageFilter.GaussianBlur(1.0))


def _letter_with_a_column() -> Image.Image:
    """A letter at 250 dpi: the addressee on the left, a right-hand column of labelled facts, a body below."""
    image = Image.new("L", (2125, 1100), PAPER)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(["NORTHWIND SURVEY WORKS LLC", "88 HARBOR LANE", "SALEM OR 97301"]):
        draw.text((150, 120 + 52 * row), line, fill=20, font=_font(34))
    for row, (label, value) in enumerate([("Receipt No.:", "WAC2691150437"), ("Form:", "I-129")]):
        right = 1560
        width = draw.textlength(label, font=_font(34, bold=True))
        draw.text((right - width, 120 + 52 * row), label, fill=20, font=_font(34, bold=True))
        draw.text((right + 20, 120 + 52 * row), value, fill=20, font=_font(34))
    for row in range(8):
        draw.text((150, 500 + 56 * row), "We received your petition and the fee shown for it.", fill=25, font=_font(34))
    return _scan(image)


def test_a_block_tesseract_read_as_junk_is_read_again() -> None:
    """Two lines of a right-hand column read as one junk word (no confidence): the junk covers no print, so
    the block is cut out and read on its own."""
    soft, _, dpi = finish(_letter_with_a_column(), 250)
    engine = Tesseract()
    words = engine.words(soft, dpi)
    column = [word for word in words if word.x0 > 350]  # the column's words (points; the column is right of 1000 px)
    assert any("WAC2691150437" in word.text for word in column)  # read as they are ...
    rest = [word for word in words if word not in column]
    left = min(word.x0 for word in column)
    junk = Word("ee", left, min(w.top for w in column), max(w.x1 for w in column), max(w.bottom for w in column), 4.0)
    found = read_dropped(engine, soft, dpi, [*rest, junk])  # ... but here tesseract gave them as junk
    texts = [word.text for word in found]
    assert "WAC2691150437" in texts
    assert "Form:" in texts and any(text.endswith("-129") for text in texts)
    # Placed where they are on the page: on the first line of the column.
    receipt = next(word for word in found if word.text == "WAC2691150437")
    first = next(word for word in column if word.text == "WAC2691150437")
    assert abs(receipt.top - first.top) < 3 and abs(receipt.x0 - first.x0) < 3


class _Seen:
    """Tesseract, keeping the images it was given (the stacked blocks read again)."""

    def __init__(self) -> None:
        self.engine = Tesseract()
        self.images: list[Image.Image] = []

    def block(self, image: Image.Image, dpi: int, chars: str = "") -> list[Word]:
        self.images.append(image.copy())
        return self.engine.block(image, dpi, chars)


def test_print_already_read_is_painted_over_in_a_block_read_again() -> None:
    """A bold number under a small grey label: when the number is left out, its block is read again with the
    label (read already) painted over, so no cut line of it sits at the piece's edge."""
    image = Image.new("L", (2125, 700), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((120, 200), "I-94 record number", fill=110, font=_font(24))
    draw.text((120, 236), "20629879038", fill=15, font=_font(38, bold=True))
    for row in range(6):
        draw.text((900, 120 + 50 * row), "This notice carries the new record number.", fill=25, font=_font(30))
    soft, _, dpi = finish(_scan(image), 250)
    seen = _Seen()
    words = seen.engine.words(soft, dpi)
    assert any(word.text == "20629879038" for word in words)
    label = [word for word in words if word.text in ("record", "number") and word.x0 < 200]
    assert len(label) == 2
    kept = [word for word in words if word.text != "20629879038"]  # tesseract's layout dropped the number
    found = read_dropped(seen, soft, dpi, kept)
    assert [word.text for word in found] == ["20629879038"]
    sheet = np.asarray(seen.images[0])
    # The stacked sheet holds the number's ink and none of the label's: the label's rows are paper.
    dark_rows = np.nonzero((sheet < 120).sum(axis=1) > 3)[0]
    tall = (dark_rows.max() - dark_rows.min()) * 72.0 / dpi
    number = next(word for word in words if word.text == "20629879038")
    assert tall <= (number.bottom - number.top) + 2


def _tsv(rows: list[tuple[str, int, float]]) -> str:
    """Tesseract's TSV for one line of words (text, left pixel, confidence), each 100 pixels wide."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    return head + "".join(
        f"5\t1\t1\t1\t1\t{i}\t{left}\t50\t100\t30\t{conf}\t{text}\n" for i, (text, left, conf) in enumerate(rows)
    )


def test_dot_leaders_read_as_letters_are_no_words() -> None:
    """Dot leaders on a fax (``Petitioner........ VALUE``): tesseract reads them as weak words of small round
    letters, runs them onto the label or runs their last dots into the value. The label and the value are
    kept, the leader's letters are not."""
    words = parse_tsv(
        _tsv(
            [
                ("Petitioner........-.", 0, 0.0),
                ("eogesess", 110, 0.0),
                ("BRIGHTWATER", 300, 96.0),
                ("date.........crcccssescscsssssceees", 500, 12.0),
                ("..ZHOU,", 700, 65.0),
                ("cases", 900, 96.0),  # a word of round letters read well is a word
                ("Access", 1000, 30.0),  # a capital: no leader
            ]
        ),
        72.0 / 300,
    )
    assert [word.text for word in words] == [
        "Petitioner........-.",
        "BRIGHTWATER",
        "date.........",
        "ZHOU,",
        "cases",
        "Access",
    ]
    date = words[2]
    assert date.x1 - date.x0 < 100 * 72.0 / 300 / 2  # the box shrinks with the word
    zhou = words[3]
    assert zhou.x0 > 700 * 72.0 / 300 and zhou.x1 == (700 + 100) * 72.0 / 300


def _creased(shade: int) -> Image.Image:
    """Lines of print at 300 dpi with a fold's crease, a long thin line a little slanted, across the middle
    of one of them."""
    image = Image.new("L", (2550, 500), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((500, 100), "Appointment Time:   8:00 AM", fill=30, font=_font(40))
    draw.text((640, 200), "Location:   USCIS HARBOR CITY ASC", fill=30, font=_font(40))
    draw.text((500, 300), "Address:   7710 Quarry Bend Road", fill=30, font=_font(40))
    draw.line((0, 218, 2549, 232), fill=shade, width=3)
    return _scan(image)


def test_a_crease_through_a_line_of_print_leaves_its_letters_whole() -> None:
    """The crease is erased as a rule would be, but not where a letter's stroke crosses it: erasing those
    pixels cut the line's letters in two and tesseract lost it."""
    for shade in (120, 170):
        soft, _, dpi = finish(_creased(shade), 300)
        text = " ".join(word.text for word in Tesseract().words(soft, dpi))
        assert "HARBOR CITY ASC" in text, (shade, text)
        assert "7710 Quarry Bend Road" in text


def _appointment_box() -> Image.Image:
    """An appointment notice's framed box at 250 dpi: the place on the left; ON: over the date and AT: over
    the time on the right, each label a short word in small bold capitals."""
    image = Image.new("L", (2125, 700), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 80, 2025, 560), outline=40, width=4)
    draw.text((160, 130), "PLEASE COME TO:", fill=20, font=_font(22, bold=True))
    draw.text((160, 180), "USCIS HARBOR CITY ASC", fill=20, font=_font(34, bold=True))
    draw.text((160, 235), "7710 Quarry Bend Road", fill=20, font=_font(32))
    draw.text((1400, 130), "ON:", fill=20, font=_font(22, bold=True))
    draw.text((1400, 180), "Tuesday, May 5, 2026", fill=20, font=_font(34, bold=True))
    draw.text((1400, 300), "AT:", fill=20, font=_font(22, bold=True))
    draw.text((1400, 350), "9:30 AM", fill=20, font=_font(34, bold=True))
    return _scan(image)


def test_a_short_label_left_out_or_misread_is_read_again() -> None:
    """``AT:`` alone over the time: when tesseract's reading of the page leaves it out, or gives a weak word in
    its place (``its``), the short block is read again on its own and the label comes back."""
    soft, _, dpi = finish(_appointment_box(), 250)
    engine = Tesseract()
    words = engine.words(soft, dpi)
    label = next(word for word in words if word.text == "AT:")
    rest = [word for word in words if word is not label]
    for given in (rest, [*rest, Word("its", label.x0, label.top, label.x1, label.bottom, 45.0)]):
        found = read_dropped(engine, soft, dpi, given)
        assert [word.text for word in found] == ["AT:"]
        assert abs(found[0].x0 - label.x0) < 3 and abs(found[0].top - label.top) < 3
    # A word read well covers its print: nothing is read twice.
    assert read_dropped(engine, soft, dpi, words) == []


def test_the_corners_and_crossings_of_a_ruled_table_are_erased_with_its_rules() -> None:
    """Where two rules cross (a table's corners and inner crossings), each rule is ink on both sides of the
    other, but no letter: the crossing goes with the rules, not left as a speck OCR reads as ``_`` or ``.``."""
    image = Image.new("L", (1500, 900), PAPER)
    draw = ImageDraw.Draw(image)
    for x in (100, 700, 1400):
        draw.line((x, 100, x, 800), fill=30, width=4)
    for y in (100, 450, 800):
        draw.line((100, y, 1400, y), fill=30, width=4)
    draw.text((130, 300), "LIN2511381594", fill=20, font=_font(40))
    erased = np.asarray(erase_rules(_scan(image), 300))
    for x in (100, 700, 1400):
        for y in (100, 450, 800):
            assert erased[y - 8 : y + 9, x - 8 : x + 9].min() > 150, (x, y)
    assert erased[300:350, 130:500].min() < 100  # the value in the box is kept
