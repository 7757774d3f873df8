"""Issue 14, scans (session 10): two ways a scanned page reaches the reader that tesseract reads poorly as they
come, each drawn here (reportlab, fictional values), damaged in the test and read by the real tesseract.

- A fax received in standard mode: 204 by 98 dpi (half the rows of a fine fax), saved by a fax server as a
  TIFF, or a scanner's 200 by 100 dpi draft mode saved as a PNG. Read as they come, the letters are squat.
- Dot leaders from a label to its value (``Receipt number..........LIN...``), tight periods, spaced periods or
  middle dots, on a 150 dpi copier JPEG and on a 1-bit fax: tesseract read the label with its dots as one odd
  word (``NUMDET.........``) and the label was lost.
- A client's marks in colour over the print (a red or blue rubber stamp across a date, yellow, pink or green
  highlighter over the receipt number), photographed as a JPEG or saved as a PNG: the stamp's border through a
  date's last digit read ``2026`` as ``2025``, a wrong value filed without review.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.pdfbase.pdfmetrics import stringWidth

from docgen.notices import parse_notice_file
from docgen.notices.ocr import erase_leaders, grey_page, square_pixels
from docgen.notices.pdftext import open_pdf, render
from tests.notice_cells import Cell, draw_cells

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

RECEIPT: list[Cell] = [
    (40, 40, "Department of Homeland Security", 10),
    (40, 53, "U.S. Citizenship and Immigration Services", 10),
    (370, 40, "I-797C, Notice of Action", 14),
    (44, 100, "Receipt Number", 8),
    (44, 111, "WAC2690512286", 11),
    (220, 100, "Case Type", 8),
    (220, 111, "I-130 - PETITION FOR ALIEN RELATIVE", 10),
    (44, 140, "Received Date", 8),
    (44, 151, "04/02/2026", 11),
    (180, 140, "Notice Date", 8),
    (180, 151, "04/09/2026", 11),
    (320, 140, "Page", 8),
    (320, 151, "1 of 1", 11),
    (44, 180, "Petitioner", 8),
    (44, 191, "NWANKWO, ADAOBI C", 11),
    (300, 180, "Beneficiary", 8),
    (300, 191, "NWANKWO, CHIDI E", 11),
    (44, 222, "Notice Type: Receipt Notice", 11),
    (44, 238, "Amount received: $675.00", 11),
    (44, 290, "The above petition has been received. Please notify us at once if any of the above information", 10),
    (44, 304, "is incorrect. Keep this notice for your records.", 10),
    (44, 660, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", 9),
    (44, 672, "California Service Center", 9),
]
RECEIPT_WANT = {
    "notice_type": "receipt",
    "receipt_number": "WAC2690512286",
    "form": "I-130",
    "received_date": "2026-04-02",
    "notice_date": "2026-04-09",
    "petitioner": "NWANKWO, ADAOBI C",
    "beneficiary": "NWANKWO, CHIDI E",
    "amount": "675.00",
}


@pytest.fixture(scope="module")
def receipt_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return draw_cells(tmp_path_factory.mktemp("fax") / "receipt.pdf", [RECEIPT], "Helvetica")


def _faxed(pdf_path: Path, across: int, down: int) -> Image.Image:
    """The page as a fax machine samples it: ``across`` dpi along each row, ``down`` rows an inch, 1-bit."""
    with open_pdf(pdf_path) as pdf:
        page = render(pdf[0], across)
    rows = round(page.height * down / across)
    return page.resize((page.width, rows), Image.Resampling.BOX).point(lambda v: 255 if v > 150 else 0).convert("1")


@pytest.mark.parametrize(
    ("across", "down", "suffix", "mode"),
    [(204, 98, "tif", "1"), (200, 100, "png", "L")],
    ids=["fax-server-tiff-standard-mode", "draft-scan-png-200x100"],
)
def test_a_fax_with_pixels_twice_as_tall_as_wide_is_read(
    receipt_pdf: Path, tmp_path: Path, across: int, down: int, suffix: str, mode: str
) -> None:
    image = _faxed(receipt_pdf, across, down).convert(mode)
    path = tmp_path / f"fax.{suffix}"
    if suffix == "tif":
        image.save(path, compression="group4", dpi=(across, down))
    else:
        image.save(path, dpi=(across, down))
    (notice,) = parse_notice_file(path).notices
    got = {name: notice.value(name) for name in RECEIPT_WANT}
    # Standard mode keeps 98 rows an inch: every field read is right; a field or two may be left to a person.
    assert all(got[name] in (want, None) for name, want in RECEIPT_WANT.items()), got
    assert sum(got[name] == want for name, want in RECEIPT_WANT.items()) >= len(RECEIPT_WANT) - 2, got
    for key in ("notice_type", "receipt_number", "form", "notice_date"):
        assert got[key] == RECEIPT_WANT[key], got


def test_only_recorded_unequal_resolutions_that_make_a_sheet_stretch_a_scan() -> None:
    page = Image.new("L", (1734, 1078), 255)  # 8.5 by 11 inches at 204 by 98 dpi
    page.info["dpi"] = (204, 98)
    stretched, dpi = square_pixels(page, 204)
    assert (stretched.size, dpi) == ((1734, 2244), 204)
    wide = Image.new("L", (850, 2200), 255)  # 100 by 200 dpi: pixels wider than tall
    wide.info["dpi"] = (100, 200)
    stretched, dpi = square_pixels(wide, 100)
    assert (stretched.size, dpi) == ((1700, 2200), 200)
    fine = Image.new("L", (1734, 2156), 255)  # a fine fax: 204 by 196, near enough square
    fine.info["dpi"] = (204, 196)
    assert square_pixels(fine, 204)[0] is fine
    lying = Image.new("L", (1700, 2200), 255)  # already a sheet's shape: the recorded 200 by 100 is wrong
    lying.info["dpi"] = (200, 100)
    assert square_pixels(lying, 200)[0] is lying
    bare = Image.new("L", (1700, 2200), 255)  # nothing recorded
    assert square_pixels(bare, 200)[0] is bare


# A notice whose labels lead to their values with dots, drawn with a leader made of ``dot`` characters.
LEADER_ROWS = [
    ("Type of notice", "Request for Evidence"),
    ("Receipt number", "EAC2619977031"),
    ("Case type", "I-765"),
    ("Received date", "March 3, 2026"),
    ("Notice date", "March 20, 2026"),
    ("Applicant", "OKONJO, THEODORA M"),
    ("Response due date", "June 12, 2026"),
    ("Fee", "$5.00"),
]
LEADER_WANT = {
    "notice_type": "rfe",
    "receipt_number": "EAC2619977031",
    "form": "I-765",
    "received_date": "2026-03-03",
    "notice_date": "2026-03-20",
    "applicant": "OKONJO, THEODORA M",
    "response_due": "2026-06-12",
}


def _leader_notice(path: Path, font: str, dot: str) -> Path:
    value_x, size = 230.0, 10.0
    cells: list[Cell] = [
        (150, 40, "DEPARTMENT OF HOMELAND SECURITY", 10),
        (150, 53, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", 10),
        (190, 72, "I-797E NOTICE OF ACTION", 13),
    ]
    for row, (label, value) in enumerate(LEADER_ROWS):
        width = stringWidth(label, font, size)
        dots = int((value_x - 64 - width - 4) / stringWidth(dot, font, size))
        cells += [(64, 110 + 17 * row, label + dot * dots, size), (value_x, 110 + 17 * row, value, size)]
    cells += [
        (64, 270, "We need more evidence before we can decide your case. Send it with this page on top of your", 10),
        (64, 284, "response. If you do not respond by the date shown, we will decide the case on the record.", 10),
    ]
    return draw_cells(path, [cells], font)


def _copier(pdf_path: Path, path: Path) -> Path:
    """A 150 dpi grey copier scan saved as a JPEG in a PDF: grey paper, grain, soft toner."""
    with open_pdf(pdf_path) as pdf:
        page = render(pdf[0], 150)
    rng = np.random.default_rng(10)
    pixels = np.asarray(page.filter(ImageFilter.GaussianBlur(0.6)), np.float32) * 0.9 + 14
    pixels += rng.normal(0, 5, pixels.shape).astype(np.float32)
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L").save(path, "PDF", resolution=150, quality=70)
    return path


def _fax_pdf(pdf_path: Path, path: Path) -> Path:
    """A fine-mode fax (200 dpi, 1-bit) saved in a PDF."""
    with open_pdf(pdf_path) as pdf:
        page = render(pdf[0], 200)
    page.point(lambda v: 255 if v > 140 else 0).convert("1").save(path, "PDF", resolution=200)
    return path


@pytest.mark.parametrize(
    ("font", "dot", "scan"),
    [("Times-Roman", ".", _copier), ("Helvetica", ". ", _fax_pdf), ("Courier", "\u00b7", _copier)],
    ids=["tight-periods-copier", "spaced-periods-fax", "middle-dots-courier-copier"],
)
def test_labels_with_dot_leaders_on_a_scan_are_read(tmp_path: Path, font: str, dot: str, scan: object) -> None:
    drawn = _leader_notice(tmp_path / "drawn.pdf", font, dot)
    path = scan(drawn, tmp_path / "scan.pdf")  # type: ignore[operator]
    (notice,) = parse_notice_file(path).notices
    got = {name: notice.value(name) for name in LEADER_WANT}
    assert got == LEADER_WANT
    assert notice.value("amount") in ("5.00", None)  # the fee's decimal point is no leader's dot


SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def test_erasing_leaders_keeps_periods_colons_dots_on_letters_and_decimal_points() -> None:
    font = ImageFont.truetype(SERIF, 36)  # 10 point type at 250 dpi
    sheet = Image.new("L", (2000, 300), 238)
    draw = ImageDraw.Draw(sheet)
    draw.text((40, 30), "Receipt number" + "." * 40, font=font, fill=30)
    draw.text((40, 120), "Fee: $1.00. Wait... it is fine: part viii, i.e. A.B.C. e.g. 1.2.3.4", font=font, fill=30)
    draw.text((40, 200), "Item. . . . . . . . . . . . . . . . . . . . . . . . . . . 12.50", font=font, fill=30)
    before = np.asarray(sheet) < 150
    after = np.asarray(erase_leaders(sheet, 250)) < 150
    alone = Image.new("L", sheet.size, 238)
    ImageDraw.Draw(alone).text((40, 30), "Receipt number", font=font, fill=30)
    label = np.asarray(alone)[:100] < 150  # the label's ink, drawn without its leader
    assert (after[:100] == label).all()  # the leader is gone, every pixel of its label kept
    assert (after[110:180] == before[110:180]).all()  # a sentence's marks, never five dots in a row
    item_end = 40 + round(draw.textlength("Item", font=font)) + 2
    amount = 40 + round(draw.textlength("Item. . . . . . . . . . . . . . . . . . . . . . . . . . .", font=font)) + 8
    assert (after[190:260, :item_end] == before[190:260, :item_end]).all()
    assert not after[190:260, item_end : amount - 12].any()  # spaced dots are a leader too
    assert (after[190:260, amount:] == before[190:260, amount:]).all()  # the amount keeps its decimal point


def _marked(page: Image.Image, stamp_ink: tuple[int, int, int], highlights: list[tuple[int, int, int]]) -> Image.Image:
    """``page`` (RGB, 200 dpi) as a client marks it up: highlighter over the receipt number and the notice date,
    a rubber stamp slanted across the received date and the notice date's label."""
    k = 200 / 72
    over = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(over)
    for colour, box in zip(highlights, [(40, 109, 140, 124), (176, 149, 250, 164)], strict=True):
        draw.rectangle(tuple(round(edge * k) for edge in box), fill=(*colour, 115))
    stamp = Image.new("RGBA", (round(200 * k), round(40 * k)), (0, 0, 0, 0))
    marks = ImageDraw.Draw(stamp)
    marks.rectangle((2, 2, stamp.width - 3, stamp.height - 3), outline=(*stamp_ink, 205), width=6)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 20)
    marks.text((20, 12), "RECEIVED APR 14 2026", font=font, fill=(*stamp_ink, 205))
    over.alpha_composite(
        stamp.rotate(8, expand=True, resample=Image.Resampling.BICUBIC), (round(30 * k), round(128 * k))
    )
    return Image.alpha_composite(page.convert("RGBA"), over).convert("RGB")


@pytest.mark.parametrize(
    ("stamp_ink", "highlights", "suffix"),
    [
        ((200, 30, 40), [(255, 240, 60), (255, 120, 190)], "jpg"),
        ((40, 60, 190), [(120, 240, 90), (255, 240, 60)], "png"),
    ],
    ids=["red-stamp-yellow-pink-highlighter-jpeg", "blue-stamp-green-yellow-highlighter-png"],
)
def test_a_stamp_and_highlighter_over_the_print_give_no_wrong_value(
    receipt_pdf: Path,
    tmp_path: Path,
    stamp_ink: tuple[int, int, int],
    highlights: list[tuple[int, int, int]],
    suffix: str,
) -> None:
    with open_pdf(receipt_pdf) as pdf:
        page = render(pdf[0], 200)
    path = tmp_path / f"marked.{suffix}"
    _marked(page.convert("RGB"), stamp_ink, highlights).save(
        path, dpi=(200, 200), **({"quality": 85} if suffix == "jpg" else {})
    )
    (notice,) = parse_notice_file(path).notices
    got = {name: notice.value(name) for name in RECEIPT_WANT}
    assert all(got[name] in (want, None) for name, want in RECEIPT_WANT.items()), got  # a value under a mark: none
    for key in ("notice_type", "receipt_number", "form", "beneficiary", "amount"):
        assert got[key] == RECEIPT_WANT[key], got  # the highlighted receipt number and the print clear of the stamp
    assert sum(got[name] == want for name, want in RECEIPT_WANT.items()) >= 5, got


def _patches(paper: tuple[int, int, int], colours: dict[str, tuple[int, int, int]]) -> tuple[dict[str, int], ...]:
    """Each colour as a small patch on a sheet of ``paper``: its grey as read, and its usual grey."""
    image = Image.new("RGB", (80, 80), paper)
    for index, colour in enumerate(colours.values()):
        image.paste(colour, (4 * index, 0, 4 * index + 3, 3))
    read, usual = np.asarray(grey_page(image)), np.asarray(image.convert("L"))
    return tuple({name: int(grey[1, 4 * index + 1]) for index, name in enumerate(colours)} for grey in (read, usual))


def test_grey_for_reading_lifts_coloured_marks_and_keeps_print() -> None:
    colours = {
        "black print": (20, 20, 20),
        "grey print": (110, 110, 110),
        "dark blue bar": (20, 40, 120),
        "print under yellow highlighter": (118, 112, 50),
        "yellow highlighter": (255, 242, 120),
        "pink highlighter": (255, 170, 215),
        "red stamp": (205, 60, 65),
        "blue stamp": (70, 90, 210),
    }
    grey, usual = _patches((250, 250, 248), colours)
    for kept in ("black print", "grey print", "dark blue bar", "print under yellow highlighter"):
        assert grey[kept] == usual[kept], kept  # print and dark bars read as they always were
    for lifted in ("yellow highlighter", "pink highlighter", "red stamp", "blue stamp"):
        assert grey[lifted] >= max(200, usual[lifted] + 20), (lifted, grey[lifted], usual[lifted])
    # A yellowed page, or one under a lamp's warm light: its paper and print are read as they always were.
    for paper in ((236, 222, 176), (250, 232, 200)):
        grey, usual = _patches(paper, {"paper": paper, "black print": (30, 26, 20), "grey print": (120, 112, 90)})
        assert grey == usual, paper
