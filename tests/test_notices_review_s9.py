"""Review of session 9's notice-reader changes (branches ``panel``, ``sheets``, ``scans9``): each test is a fault
found in review, with its own fixture drawn here (reportlab, read back from the PDF; or an image built here).

Faults, told in words: a label in a row of column headings took the next column's heading as its value
(``Beneficiary   Country of Birth`` over the names: ``Country of Birth`` filed as the beneficiary), and a number's
heading beside another heading lost the number under it; another label a letter or two from a known one at the
start of a scanned line (``Billing Date``, ``Client Number``) read as that label and its value filed; one notice
in two columns, its receipt number quoted again in the second, parted as two notices side by side; a printed
mail thread of two forwarded notices read from the last mail's notice only (the first lost); a tilted scan's
shared sheet cut level, the other notice's first line in one client's part; a photo's
sheet edges looked for on a copy of a narrow strip of an image hundreds of thousands of pixels tall.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, Notice, field_confidence
from docgen.notices.ocr import sheet_edges
from tests.notice_cells import Cell, draw_cells, one_notice


def _filed(notice: Notice, name: str) -> Any:
    """The field's value when it would be filed without review, else None."""
    return notice.value(name) if field_confidence(notice)[name] >= FILE_WITHOUT_REVIEW else None


_HEAD: list[Cell] = [
    (40, 30, "Department of Homeland Security"),
    (40, 42, "U.S. Citizenship and Immigration Services"),
    (420, 36, "Form I-797A, Notice of Action", 10),
    (180, 70, "APPROVAL NOTICE", 11),
    (40, 100, "Receipt Number", 7.5),
    (200, 100, "Case Type", 7.5),
    (380, 100, "Notice Date", 7.5),
    (40, 112, "WAC2612345678"),
    (200, 112, "I-129 Petition for a Nonimmigrant Worker", 8),
    (380, 112, "03/09/2026"),
    (40, 130, "Received Date", 7.5),
    (200, 130, "Class", 7.5),
    (40, 142, "03/02/2026"),
    (200, 142, "H1B"),
]


# ------------------------------------------------------------------ a column heading beside a label


@pytest.mark.parametrize(
    "heading",
    [88.0, 142.0],
    ids=["a-cells-gap", "a-columns-gap"],
)
def test_the_next_columns_heading_is_not_a_labels_value(tmp_path: Path, heading: float) -> None:
    """Fault (panel for a gap under two heights of the type, where a value set apart as a cell of its own is
    now read; a wider gap, the heading a segment of its own: its words are column headings' words, never a
    name): a row of column headings in one small type,
    ``Beneficiary`` then ``Country of Birth``, the values on the row under them: ``Country of Birth`` was
    filed as the beneficiary at full confidence. (Marking it for review whenever a non-label stands under the
    label sent right values of same-size key/value grids to review on the development sets: geometry alone
    does not tell a row of headings from a grid's row.)"""
    cells: list[Cell] = [
        *_HEAD,
        (40, 170, "Beneficiary", 7.5),
        (heading, 170, "Country of Birth", 7.5),  # ``Beneficiary`` in 7.5 pt ends near 78
        (40, 182, "OKAFOR, MARTINA"),
        (heading, 182, "KENYA"),
    ]
    notice = one_notice(draw_cells(tmp_path / "notice.pdf", [cells]))
    assert _filed(notice, "beneficiary") in ("OKAFOR, MARTINA", None)


def test_a_grid_in_one_type_keeps_its_values_beside_their_keys(tmp_path: Path) -> None:
    """The other side of the fault above: a key/value grid in one type size, a key that is no label under a label
    (``Country of Birth`` under ``Beneficiary``): the name right of its label is still the label's value, and filed;
    a heading's words are only never a name themselves."""
    cells: list[Cell] = [
        *_HEAD,
        (40, 170, "Beneficiary", 9),
        (142, 170, "OKAFOR, MARTINA", 9),
        (40, 182, "Country of Birth", 9),
        (142, 182, "KENYA", 9),
    ]
    notice = one_notice(draw_cells(tmp_path / "notice.pdf", [cells]))
    assert _filed(notice, "beneficiary") == "OKAFOR, MARTINA"


def test_a_number_under_its_heading_beside_another_heading_is_read(tmp_path: Path) -> None:
    """Fault (panel): an I-94 tear-off's row of headings, ``I-94 Number`` then ``Family Name`` a cell's gap
    after it, the number under its heading: ``Family Name`` was taken as the number's cell (no number in it)
    and the number under the heading was no longer read."""
    cells: list[Cell] = [
        *_HEAD,
        (40, 170, "Beneficiary", 7.5),
        (40, 182, "OKAFOR, MARTINA"),
        (40, 230, "Departure Record I-94 Number", 7.5),
        (152, 230, "Family Name", 7.5),
        (300, 230, "Given Name", 7.5),
        (40, 242, "72812930415"),
        (152, 242, "OKAFOR"),
        (300, 242, "MARTINA"),
    ]
    notice = one_notice(draw_cells(tmp_path / "notice.pdf", [cells]))
    assert notice.value("i94_number") == "72812930415"


# ------------------------------------------------------------------ a photo's sheet edges on a strip


@pytest.mark.parametrize("size", [(3, 4000), (4000, 3), (2, 2)], ids=["tall-strip", "wide-strip", "tiny"])
def test_sheet_edges_of_a_strip_make_no_huge_copy(size: tuple[int, int]) -> None:
    """Fault (scans9): the sheet's edges were looked for on a copy 600 pixels wide, its height scaled alike: a
    3-pixel-wide, 4000-pixel-tall image made a copy of 600 x 800,000 pixels (gigabytes of arrays, over a minute
    of CPU for one page). A frame that far from a sheet's shape has no sheet filling it."""
    image = Image.new("L", size, 128)
    tracemalloc.start()
    try:
        assert sheet_edges(image) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024


# ------------------------------------------------------------------ one notice in two columns

_PROSE = [
    "This notice confirms that USCIS received the",
    "petition shown here. It does not grant any",
    "status or benefit. Keep it with your records.",
    "We will tell you in writing when we decide",
    "the case. If your address changes, tell us",
    "online so that our letters reach you.",
]


def test_one_notice_in_two_columns_repeating_its_receipt_number_is_one(tmp_path: Path) -> None:
    """Fault (sheets): one notice laid out in two columns with no line across them, the banner and title at the
    top of the left column, the form title, notice date and case type at the top of the right one, and the
    receipt number quoted again at the foot of the right column (``Quote this receipt number in any inquiry``):
    read as two notices side by side, the notice date, form and amount in a second notice of the same receipt
    number, and each filed as half the sheet."""
    left: list[Cell] = [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (40, 70, "RECEIPT NOTICE", 11),
        (40, 100, "Receipt Number", 7.5),
        (40, 112, "WAC2612345678"),
        (40, 130, "Received Date", 7.5),
        (40, 142, "03/02/2026"),
        (40, 160, "Petitioner", 7.5),
        (40, 172, "COBALT RIDGE SOFTWARE LLC"),
        (40, 190, "Beneficiary", 7.5),
        (40, 202, "OKAFOR, MARTINA"),
        *((40, 240 + 13 * row, text) for row, text in enumerate(_PROSE * 3)),
    ]
    right: list[Cell] = [
        (330, 36, "Form I-797C, Notice of Action", 10),
        (330, 100, "Notice Date", 7.5),
        (330, 112, "03/09/2026"),
        (330, 130, "Case Type", 7.5),
        (330, 142, "I-129 Petition for a Nonimmigrant Worker", 7.5),
        *((330, 240 + 13 * row, text) for row, text in enumerate(_PROSE * 3)),
        (330, 520, "Payment received", 7.5),
        (330, 532, "Amount: $780.00"),
        (330, 560, "Quote this receipt number in any inquiry:", 8),
        (330, 574, "WAC2612345678"),
    ]
    notice = one_notice(draw_cells(tmp_path / "notice.pdf", [left + right]))
    assert notice.value("notice_date") == "2026-03-09"
    assert notice.value("received_date") == "2026-03-02"
    assert notice.bands == {}


# ------------------------------------------------------------------ another label read as a misspelt one

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _scan(path: Path, lines: list[tuple[int, int, str, int]]) -> Path:
    """A letter page at 250 dpi with ``lines`` (x, y in pixels, text, size in pixels) drawn in a sans type."""
    image = Image.new("L", (2125, 2750), 255)
    draw = ImageDraw.Draw(image)
    for x, y, text, size in lines:
        draw.text((x, y), text, fill=20, font=ImageFont.truetype(SANS, size))
    image.save(path, dpi=(250, 250))
    return path


_SCAN_HEAD = [
    (100, 90, "Department of Homeland Security", 34),
    (100, 135, "U.S. Citizenship and Immigration Services", 34),
    (1300, 110, "Form I-797C, Notice of Action", 40),
    (700, 240, "RECEIPT NOTICE", 46),
    (100, 360, "Receipt Number: IOE0912345678", 34),
    (100, 420, "Notice Date: March 18, 2026", 34),
    (100, 480, "Case Type: I-765 Application for Employment Authorization", 34),
    (100, 540, "Applicant: OKAFOR, MARTINA", 34),
]


@pytest.mark.parametrize(
    ("label", "value", "field"),
    [("Billing Date", "March 4, 2026", "received_date"), ("Client Number", "A123456789", "a_number")],
    ids=["billing-date-as-filing-date", "client-number-as-alien-number"],
)
def test_another_label_near_a_known_one_is_not_that_label(tmp_path: Path, label: str, value: str, field: str) -> None:
    """Fault (main, and panel at a line's start): on a scan, a small label that is no notice label but two letters from
    one (``Billing Date`` from ``Filing Date``, ``Client Number`` from ``Alien Number``), its value a cell's gap
    after it, read cleanly by OCR, was taken for that label misspelt and its value filed at full confidence: a
    billing date as the day USCIS received the case, a client number as the A-Number. (Fixed: words OCR read
    with confidence are what is printed, not a label misspelt.)"""
    path = _scan(tmp_path / "notice.png", [*_SCAN_HEAD, (100, 606, label, 26), (400, 600, value, 34)])
    (notice,) = parse_notice_file(path).notices
    assert notice.value("receipt_number") == "IOE0912345678"  # the page was read
    assert _filed(notice, field) is None


# ------------------------------------------------------------------ a printed mail thread of two notices


def _mail(top: float, subject: str) -> list[Cell]:
    return [
        (40, top, "From: Dana Whitfield <dana@example.org>"),
        (40, top + 12, "Sent: Monday, March 16, 2026 9:12 AM"),
        (40, top + 24, "To: Records Desk <records@example.org>"),
        (40, top + 36, f"Subject: Fwd: {subject}"),
    ]


def _forwarded(top: float, title: str, receipt: str, date: str) -> list[Cell]:
    return [
        (40, top, "Department of Homeland Security"),
        (40, top + 12, "U.S. Citizenship and Immigration Services"),
        (420, top + 6, "Form I-797C, Notice of Action", 10),
        (180, top + 36, title, 11),
        (40, top + 60, f"Receipt Number: {receipt}"),
        (300, top + 60, f"Notice Date: {date}"),
        (40, top + 74, "Case Type: I-765 Application for Employment Authorization"),
        (40, top + 88, "Applicant: OKAFOR, MARTINA"),
    ]


def test_a_printed_mail_thread_keeps_both_forwarded_notices(tmp_path: Path) -> None:
    """Fault (sheets): a web-mail conversation printed on one page, two forwarded mails each showing a notice
    under its header: the page was read from the notice under the LAST mail header, so the first notice (its
    receipt number, its notice date) was lost; main read both."""
    cells = [
        *_mail(30, "receipt"),
        *_forwarded(90, "RECEIPT NOTICE", "IOE0912345678", "03/09/2026"),
        *_mail(400, "approval"),
        *_forwarded(460, "APPROVAL NOTICE", "IOE0912345679", "05/11/2026"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "thread.pdf", [cells]))
    assert [notice.value("receipt_number") for notice in result.notices] == ["IOE0912345678", "IOE0912345679"]
    assert [notice.value("notice_date") for notice in result.notices] == ["2026-03-09", "2026-05-11"]


# ------------------------------------------------------------------ a tilted scan's shared sheet


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


def test_a_tilted_scans_part_holds_none_of_the_other_notices_print(tmp_path: Path) -> None:
    """Fault (sheets): a scanned sheet of two half-sheet notices, tilted 2 degrees on the glass: the upper
    notice's part is carried back to the scan as a level box through its edges' middles, so at one end of the
    boundary the lower notice's first line (11 points of it here) lies inside the part filed to the upper
    notice's client (the band's margin added)."""
    from docgen.mailroom.ingest import BAND_MARGIN

    dpi, angle, lower = 200, -2.0, 575
    sheet = Image.new("L", (1700, 2200), 250)
    draw = ImageDraw.Draw(sheet)
    _half_sheet(draw, 120, "IOE0912345678", "OKAFOR, MARTINA")
    _half_sheet(draw, lower, "IOE0987654321", "VASKOVA, IRENA")
    path = tmp_path / "tilted.png"
    sheet.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=250).save(path, dpi=(dpi, dpi))
    notices = {notice.value("receipt_number"): notice for notice in parse_notice_file(path).notices}
    assert set(notices) == {"IOE0912345678", "IOE0987654321"}
    (band,) = notices["IOE0912345678"].bands.values()
    # The lower notice's first line's top corners, turned as PIL turned the sheet (about its middle).
    theta, middle = np.radians(angle), (sheet.width / 2, sheet.height / 2)
    tops = []
    for text, x in (("Department of Homeland Security", 100), ("Form I-797C, Notice of Action", 1050)):
        left, top, right, _ = draw.textbbox(
            (x, lower + (20 if x > 100 else 0)), text, font=ImageFont.truetype(SANS, 30)
        )
        for corner in (left, right):
            dx, dy = corner - middle[0], top - middle[1]
            tops.append(middle[1] - dx * np.sin(theta) + dy * np.cos(theta))
    assert band[3] + BAND_MARGIN <= min(tops) * 72 / dpi
