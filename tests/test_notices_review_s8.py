"""Review of session 8's notice-reader changes (branches ``appt``, ``scans``, ``tspeed``): each test is a fault
found in review, with its own fixture drawn here (reportlab, read back from the PDF; or an image read by tesseract).

Faults, told in words: a name's value continued onto a line under it that is not the name (an address, an
A-Number, another field's label and value); an appointment assembled from the letter head's bare ``Date:`` and
the appointment block's time and place; a value set close under its label, left out of tesseract's reading of
the page, read again whole, and a ruled grid erased at its crossings (scans).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docgen.notices import parse_notice_file
from docgen.notices.layout import Word
from docgen.notices.model import FILE_WITHOUT_REVIEW, Notice, field_confidence
from docgen.notices.ocr import Tesseract, erase_rules, finish, read_dropped
from tests.notice_cells import Cell, draw_cells, one_notice


def _draw(path: Path, cells: list[Cell], font: str = "Helvetica") -> Path:
    """A one-page PDF of ``cells`` (9.5 pt unless a cell says)."""
    return draw_cells(path, [cells], font, size=9.5)


def _filed(notice: Notice, name: str) -> Any:
    """The field's value when it would be filed without review, else None."""
    return notice.value(name) if field_confidence(notice)[name] >= FILE_WITHOUT_REVIEW else None


# ------------------------------------------------------------------ a name continued onto a line that is not the name

# A fixed-pitch printout: each value after a colon of its own, the label's column to the left.
_HEAD: list[Cell] = [
    (40, 30, "U.S. DEPARTMENT OF HOMELAND SECURITY"),
    (320, 30, "I-797, NOTICE OF ACTION"),
    (40, 80, "RECEIPT NUMBER"),
    (123, 80, ": WAC-11-204-55120"),
    (40, 94, "NOTICE DATE"),
    (123, 94, ": 02/14/2011"),
    (280, 94, "PAGE : 1 OF 1"),
]


@pytest.mark.parametrize("under", [123, 135], ids=["under-the-colon", "under-the-first-letter"])
@pytest.mark.parametrize(
    ("form", "label", "name", "below"),
    [
        ("I539", "APPLICANT", "VASKOVA, IRENA M", ["4410 WILLOW BEND RD APT 2", "SPRINGFIELD IL 62704"]),
        ("I539", "APPLICANT", "VASKOVA, IRENA M", ["A204118377"]),
        ("I129", "PETITIONER", "NORTHERN TIDEWATER MARINE", ["RECEIVED 01/02/2011"]),
        ("I129", "PETITIONER", "NORTHERN TIDEWATER MARINE", ["AND SALVAGE 24 LLC"]),
    ],
    ids=["address-under-the-name", "a-number-under-the-name", "another-field-under-the-name", "name-with-a-figure"],
)
def test_a_name_is_not_continued_onto_a_line_that_is_no_name(
    tmp_path: Path, under: float, form: str, label: str, name: str, below: list[str]
) -> None:
    """Fault (appt, and main for a value with no colon): the line under a name right of its label was joined
    to it whatever it held — the applicant's street, an A-Number, another field's ``RECEIVED 01/02/2011`` —
    and filed as the name at full confidence."""
    cells: list[Cell] = [
        *_HEAD,
        (280, 80, f"CASE TYPE : {form}"),
        (40, 112, label),
        (123, 112, f": {name}"),
        *((under, 125 + 13 * row, line) for row, line in enumerate(below)),
        (40, 170, "NOTICE TYPE"),
        (123, 170, ": RECEIPT NOTICE"),
    ]
    notice = one_notice(_draw(tmp_path / "notice.pdf", cells, "Courier"))
    field = label.lower()
    assert notice.value(field) in (name, None)
    assert _filed(notice, field) in (name, None)
    if not below[0][0].isdigit() and not below[0].startswith("A2"):
        assert _filed(notice, field) is None  # the line may be the name's (its last line): never filed cut


# ------------------------------------------------------------------ an appointment from the letter head's date


@pytest.mark.parametrize(
    "title",
    ["ASC APPOINTMENT NOTICE", "REQUEST FOR APPLICANT TO APPEAR FOR INITIAL INTERVIEW"],
    ids=["asc", "interview"],
)
def test_the_letter_heads_date_is_not_the_appointments(tmp_path: Path, title: str) -> None:
    """Fault (main for a biometrics notice; appt for a notice of no known kind, read now with every kind's
    labels): the letter head's bare ``Date:`` (the day the letter was written) was taken as the appointment's
    date and filed at full confidence with the time and place of the appointment block below, other fields'
    labels between them."""
    cells: list[Cell] = [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (420, 36, "Form I-797C, Notice of Action", 10),
        (150, 70, title, 11),
        (40, 100, "Receipt Number: IOE0912345678"),
        (40, 114, "Date: March 9, 2026"),
        (40, 128, "Case Type: I-485 Application to Register Permanent Residence or Adjust Status", 8),
        (40, 142, "Applicant: OYELARAN, TOMASZ K"),
        (40, 170, "Please appear at the office named below on the day and at the hour shown."),
        (40, 190, "Time: 10:30 AM"),
        (40, 204, "Location: 1200 Harbor Front Drive, Suite 4, Tacoma WA 98402"),
    ]
    notice = one_notice(_draw(tmp_path / "notice.pdf", cells))
    filed = _filed(notice, "appointment")
    assert filed is None or filed.get("date") != "2026-03-09"


def test_an_appointment_block_of_its_own_is_still_filed(tmp_path: Path) -> None:
    """The guard above holds only parts with another field's label between them: an appointment's date, time
    and place under each other are filed."""
    cells: list[Cell] = [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (420, 36, "Form I-797C, Notice of Action", 10),
        (150, 70, "ASC APPOINTMENT NOTICE", 11),
        (40, 100, "Receipt Number: IOE0912345678"),
        (40, 114, "Notice Date: March 9, 2026"),
        (40, 128, "Case Type: I-485 Application to Register Permanent Residence or Adjust Status", 8),
        (40, 142, "Applicant: OYELARAN, TOMASZ K"),
        (40, 170, "Please appear at the office named below on the day and at the hour shown."),
        (40, 190, "Date: April 2, 2026"),
        (40, 204, "Time: 10:30 AM"),
        (40, 218, "Location: 1200 Harbor Front Drive, Suite 4, Tacoma WA 98402"),
    ]
    notice = one_notice(_draw(tmp_path / "notice.pdf", cells))
    assert _filed(notice, "appointment") == {
        "date": "2026-04-02",
        "time": "10:30",
        "location": "1200 Harbor Front Drive, Suite 4, Tacoma WA 98402",
    }


# ------------------------------------------------------------------ a scan's value close under its label, read again

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.parametrize("gap", [6, 10])
def test_a_value_close_under_its_label_left_out_is_read_again(gap: int) -> None:
    """Fault (scans): a block read again had the print already read painted over with the margin counted as
    covered on the 50 dpi copy (0.06 in and more): a value set a point or two under its label lost its top and
    was read as nothing. Tesseract's dropping of the values is simulated (they are left out of its reading);
    the page and its reading are real."""
    image = Image.new("L", (2125, 400), 238)
    draw = ImageDraw.Draw(image)
    boxes = [("Receipt Number", "WAC2691150437"), ("Notice Date", "12/09/2026"), ("Priority Date", "08/30/2025")]
    for column, (label, value) in enumerate(boxes):
        x = 150 + 650 * column
        draw.text((x, 120), label, fill=20, font=ImageFont.truetype(SANS, 26))
        draw.text((x, 146 + gap), value, fill=20, font=ImageFont.truetype(SANS, 34))
    noise = np.random.default_rng(3).normal(0, 5, (image.height, image.width))
    grainy = Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + noise, 0, 255).astype(np.uint8), "L")
    soft, _, dpi = finish(grainy.filter(ImageFilter.GaussianBlur(1.0)), 250)
    engine = Tesseract()
    words = engine.words(soft, dpi)
    values = [value for _, value in boxes]
    assert sorted(word.text for word in words if word.text in values) == sorted(values)  # the page reads well ...
    found = read_dropped(engine, soft, dpi, [word for word in words if word.text not in values])  # ... dropped here
    assert sorted(word.text for word in found) == sorted(values)


def test_a_grid_of_rules_is_erased_at_its_crossings() -> None:
    """Fault (scans): a rule's columns with ink just above and below it were kept as a letter's stroke crossing
    it, and so was the crossing of two rules: every inner corner of a ruled grid was left as a dot of ink beside
    the values of its cells. Another rule is no stroke; the values themselves are untouched."""
    image = Image.new("L", (1800, 400), 238)
    draw = ImageDraw.Draw(image)
    for y in (100, 200, 300):
        draw.line((100, y, 1700, y), fill=20, width=4)
    for x in (100, 600, 1100, 1700):
        draw.line((x, 100, x, 300), fill=20, width=4)
    values = Image.new("L", image.size, 238)
    font = ImageFont.truetype(SANS, 40)
    for x, value in ((120, "12/09/2026"), (620, "WAC2691150437"), (1120, "I-765")):
        draw.text((x, 140), value, fill=20, font=font)
        ImageDraw.Draw(values).text((x, 140), value, fill=20, font=font)
    ink = np.asarray(erase_rules(image, 300)) < 120
    printed = np.asarray(values) < 120
    assert not (ink & ~printed).any()  # no rule left, not even a dot where two cross
    assert (ink & printed).sum() == printed.sum()  # every pixel of the values kept


class _UnsureOnThePage(Tesseract):
    """Tesseract unsure of the words holding ``word`` on the page (confidence ``conf``), and misreading them as
    ``misread`` when it reads them again on their own (the doubt of a poor scan; the print is read for real)."""

    def __init__(self, word: str, conf: float, misread: str) -> None:
        super().__init__()
        self.word, self.conf, self.misread = word, conf, misread

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        return [
            Word(w.text, w.x0, w.top, w.x1, w.bottom, self.conf) if self.word in w.text else w
            for w in super().words(image, dpi)
        ]

    def block(self, image: Image.Image, dpi: int, chars: str = "") -> list[Word]:
        return [
            Word(w.text.replace(self.word, self.misread), w.x0, w.top, w.x1, w.bottom, w.conf)
            for w in super().block(image, dpi, chars)
        ]

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        return super().line(image, dpi, chars).replace(self.word, self.misread)


@pytest.mark.parametrize(
    ("name", "word", "misread"),
    [("ROE, MARTA L", "MARTA", "MARIA"), ("NG, WEI", "WEI", "WEL")],
    ids=["long-word", "short-word"],
)
def test_a_word_tesseract_was_unsure_of_is_not_made_sure_by_reading_it_again(
    tmp_path: Path, name: str, word: str, misread: str
) -> None:
    """Fault (scans): a word read with a confidence under 50 counted as junk, so its print was read again on its
    own and that reading took its place with its own confidence: a name tesseract was unsure of (47, below the
    OCR doubt line) was filed as read the second time, at full confidence, without review (the box's own
    reading, alone too, agreeing with it). The page's weak reading must stand: the name is held for a person.
    Fixed on scans (9133009: only garbage, or a short word read weakly, is replaced)."""
    image = Image.new("L", (2550, 1000), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(SANS, 40)
    rows = [
        (40, [(44, "I-797C"), (98, "NOTICE OF ACTION")]),
        (70, [(44, "Receipt Number:"), (150, "EAC2691234567")]),
        (85, [(44, "Notice Type:"), (150, "Receipt")]),
        (100, [(44, "Notice Date:"), (150, "May 4, 2026")]),
        (115, [(44, "Form:"), (150, "I-129")]),
        (130, [(44, "Petitioner:"), (150, "BRIGHTWATER FOODS LLC")]),
        (145, [(44, "Beneficiary:"), (150, name)]),
    ]
    for top, row in rows:
        for x, text in row:
            draw.text((x * 300 / 72, top * 300 / 72), text, fill=15, font=font)
    path = tmp_path / "receipt-scan.png"
    image.save(path, dpi=(300, 300))
    (notice,) = parse_notice_file(path, engine=_UnsureOnThePage(word, 47.0, misread)).notices
    assert notice.value("receipt_number") == "EAC2691234567"
    assert _filed(notice, "beneficiary") is None
