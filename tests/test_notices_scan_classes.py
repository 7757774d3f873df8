"""Issue 14, scans: classes the sealed set's scans lost, on pages as OCR reads them.

The pages here are word boxes marked as OCR'd (no second reading of a box: that needs an image), so
what is tested is how the reader ties what OCR printed to fields.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.ocr import Tesseract, paper_box, read_small, sheet_corners, unwarp
from docgen.notices.parse import LABEL_CHARS
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import identify_form, read_notice
from docgen.notices.titles import form_by_title
from docgen.notices.values import read_anumber, read_date

HEADER = [[(200, "THE UNITED STATES OF AMERICA")], [(40, "I-797C, Notice of Action")]]


def _page(rows: list[list[tuple[float, str]]], method: str = "ocr", conf: float = 93.0) -> Page:
    words = []
    for index, row in enumerate(rows):
        y = 40 + 14 * index
        words += [Word(text, x, y, x + 6 * len(text), y + 10, conf) for x, text in row]
    return Page(1, group_lines(words), method, 1.0 if method == "text" else 0.95)


def _receipt(case_type: list[list[tuple[float, str]]], applicant: str = "DOE, JANE A", conf: float = 93.0) -> Page:
    return _page(
        [
            *HEADER,
            [(40, "Notice Type: Receipt Notice")],
            [(40, "Receipt Number"), (300, "Case Type")],
            *case_type,
            [(40, "Received Date"), (200, "Notice Date")],
            [(40, "03/02/2026"), (200, "03/09/2026")],
            [(40, "Applicant")],
            [(40, applicant)],
        ],
        conf=conf,
    )


@pytest.mark.parametrize(
    ("case_type", "form"),
    [
        # The box's first line (number and the title's start) lost: the title's end names the form.
        ([[(40, "MSC2691234999"), (300, "RESIDENCE OR ADJUST STATUS")]], "I-485"),
        # The I lost, and a slip in the title.
        (
            [[(40, "MSC2691234999"), (300, "-485 Application to Register Pennanent Residence or Adjust Status")]],
            "I-485",
        ),
        ([[(40, "WAC2691234999"), (300, "PETITION FOR A NONIMMIGRANT WORKEP")]], "I-129"),
        ([[(40, "LIN2691234999"), (300, "IMMIGRANT PETITION FOR ALIEN WORKER")]], "I-140"),
        ([[(40, "EAC2691234999"), (300, "APPLICATION TO EXTENDICHANGE NONIMMIGRANT STATUS")]], "I-539"),
    ],
)
def test_a_case_type_box_that_lost_its_form_number_is_read_by_the_title(
    case_type: list[list[tuple[float, str]]], form: str
) -> None:
    notice = read_notice(default_patterns(), [_receipt(case_type)])
    assert notice.value("form") == form


def test_a_title_near_two_forms_or_after_another_forms_number_names_none() -> None:
    forms = default_patterns().forms
    assert form_by_title(forms, "U NONIMMIGRANT STATUS") is None  # I-918's end, one letter from I-914's
    assert form_by_title(forms, "129 APPLICATION TO REGISTER PERMANENT RESIDENCE") is None  # I-485's title
    assert form_by_title(forms, "We are returning your filing because it was not properly filed") is None
    form, hit = identify_form(default_patterns(), None, [_receipt([[(40, "MSC2691234999")]])])
    assert form is None and hit.value is None


def test_a_title_on_a_scanned_line_of_its_own_names_the_form_and_confirms_a_bare_number() -> None:
    # A table: the number in one cell (weakly read), the title (cut at the cell's edge) in the next.
    cells = [[(40, "MSC2691234999"), (300, "I90"), (340, "APPLICATION TO REPLACE PERMANENT R")]]
    notice = read_notice(default_patterns(), [_receipt(cells, conf=55.0)])
    assert notice.value("form") == "I-90"
    assert notice.readings["form"].confidence >= 0.85  # number and title agree
    # No Case Type box at all: the title on a line of its own.
    alone = _page(
        [*HEADER, [(40, "Notice Type: Receipt Notice")], [(40, "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATIIS")]]
    )
    assert read_notice(default_patterns(), [alone]).value("form") == "I-539"


@pytest.mark.parametrize(
    ("line", "name", "number"),
    [
        ("Al116116721 Amara S. De La Cruz", "Amara S. De La Cruz", "116116721"),
        ("A# 216-312-494 Kwame C. Vargas", "Kwame C. Vargas", "216312494"),
        ("A-689-47 1-864 KOWALCZYK, IRINA", "KOWALCZYK, IRINA", "689471864"),
        ("AQ42 333 839 ISMAILOV, BEATRIZ", "ISMAILOV, BEATRIZ", "042333839"),  # a 0 read as Q: repaired
        ("121199980 ABERNATHY-QUISPE, SIOBHAN", "ABERNATHY-QUISPE, SIOBHAN", None),  # the A lost: no A-Number
    ],
)
def test_a_scanned_applicant_after_the_a_number_on_one_line(line: str, name: str, number: str | None) -> None:
    notice = read_notice(default_patterns(), [_receipt([[(40, "MSC2691234999"), (300, "I-485")]], line)])
    assert (notice.value("applicant"), notice.value("a_number")) == (name, number)


def test_an_eight_digit_a_number_keeps_the_names_initial() -> None:
    assert read_anumber("A12345678") is not None
    notice = read_notice(
        default_patterns(), [_receipt([[(40, "MSC2691234999"), (300, "I-485")]], "A12345678 BROWN, O")]
    )
    assert (notice.value("applicant"), notice.value("a_number")) == ("BROWN, O", "012345678")


def _approval(tear_off: list[list[tuple[float, str]]]) -> Page:
    return _page(
        [
            *HEADER,
            [(40, "Notice Type: Approval Notice")],
            [(40, "Receipt Number"), (300, "Case Type")],
            [(40, "WAC2691234999"), (300, "I-539 APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS")],
            [(40, "Notice Date"), (200, "Valid From"), (300, "Valid To")],
            [(40, "03/09/2026"), (200, "03/10/2026"), (300, "03/09/2027")],
            [(40, "Detach this portion and keep it with your passport.")],
            *tear_off,
        ]
    )


@pytest.mark.parametrize(
    "tear_off",
    [
        [[(40, "1-94 Record Number"), (250, "Name")], [(40, "84218550726"), (250, "DOE, JANE")]],
        # A heading over the labelled box: the box's value, not the heading's blank.
        [[(40, "DEPARTURE RECORD")], [(40, "Departure Record Number")], [(40, "84218550726")]],
        [[(40, "l-94# 84218550726"), (250, "DOE, JANE")]],
    ],
)
def test_the_i94_number_on_a_scanned_tear_off(tear_off: list[list[tuple[float, str]]]) -> None:
    assert read_notice(default_patterns(), [_approval(tear_off)]).value("i94_number") == "84218550726"


def test_a_garbled_label_right_of_a_name_label_on_a_values_above_scan_is_not_the_name() -> None:
    rows = [
        *HEADER,
        [(40, "Notice Type: Receipt Notice")],
        [(40, "MSC2326252834"), (300, "I130 PETITION FOR ALIEN RELATIVE")],
        [(40, "RECEIPT NUMBER"), (300, "CASE TYPE")],
        [(40, "03/19/2023"), (300, "07/11/2023")],
        [(40, "RECEIVED DATE"), (300, "NOTICE DATE")],
        [(40, "RAMIREZ DE LA PAZ, KWAME"), (300, "LINDQVIST, SIOBHAN C")],
        [(40, "PETITIONER"), (300, "ONMEFCUNY")],  # BENEFICIARY as a poor scan read it
    ]
    page = _page(rows, conf=50.0)  # weakly read: each name is read again from its box
    page.reread = lambda box, zoom, chars: "BENEFICIARY:" if box[0] >= 300 else "RAMIREZ DE LA PAZ, KWAME"
    assert read_notice(default_patterns(), [page]).value("petitioner") == "RAMIREZ DE LA PAZ, KWAME"


def test_a_speck_between_the_day_and_the_year_of_a_named_month() -> None:
    date = read_date("August 8,.2026")
    assert date is not None and date.value == "2026-08-08"
    found = default_patterns().tokens["date"].search("Received Date: August 8,.2026")
    assert found is not None and found.group(0) == "August 8,.2026"


def test_a_date_label_on_a_line_voting_against_a_values_above_scan_takes_no_pick() -> None:
    rows = [
        *HEADER,
        [(40, "RECEIPT NOTICE")],
        [(40, "MSC2326252834"), (300, "I130 PETITION FOR ALIEN RELATIVE")],
        [(40, "RECEIPT NUMBER"), (300, "CASE TYPE")],
        [(40, "02/21/2026")],  # the notice date's value (right) lost by OCR
        [(40, "RECEIVED DATE"), (300, "NOTICE DATE")],
        [(40, "01/02/2026"), (300, "03/01/2026")],  # the next row: dates of other boxes
        [(40, "PRIORITY DATE"), (300, "VALID FROM")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("received_date") in (None, "2026-02-21")  # never the next row's date


def test_small_labels_are_read_again_together_cut_tight_and_enlarged() -> None:
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 16)  # 7 points at 160 dpi
    sheet = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(sheet)
    draw.text((40, 30), "Oct. 25, 2024", fill=0, font=ImageFont.truetype(font.path, 30))  # a value just above
    draw.text((40, 66), "PETITIONER", fill=0, font=font)
    draw.text((480, 66), "BENEFICIARY", fill=0, font=font)
    scale = 72 / 160
    boxes = [(40 * scale, 68 * scale, 160 * scale, 82 * scale), (480 * scale, 68 * scale, 610 * scale, 82 * scale)]
    assert read_small(Tesseract().block, sheet, 160, boxes, LABEL_CHARS) == ["PETITIONER", "BENEFICIARY"]


def test_a_label_ocr_garbled_past_a_misspelling_is_known_by_its_second_reading() -> None:
    rows = [
        *HEADER,
        [(40, "RECEIPT NOTICE")],
        [(40, "MSC2326252834"), (300, "I130 PETITION FOR ALIEN RELATIVE")],
        [(40, "RECEIPT NUMBER"), (300, "CASE TYPE")],
        [(40, "03/19/2023"), (300, "07/11/2023")],
        [(40, "RECEIVED DATE"), (300, "NOTICE DATE")],
        [(40, "RAMIREZ DE LA PAZ, KWAME"), (300, "LINDQVIST, SIOBHAN C")],
        [(40, "PCTINONER"), (300, "eOMERONRY")],  # PETITIONER and BENEFICIARY as a poor scan read them
    ]
    page = _page(rows, conf=70.0)  # a poor scan: weakly read
    asked: list[int] = []

    def again(boxes: list[tuple[float, float, float, float]]) -> list[str]:
        asked.append(len(boxes))
        return ["PETITIONER" if box[0] < 300 else "BENEPICIARY" for box in boxes]

    page.reread_small = again
    notice = read_notice(default_patterns(), [page])
    # Each label finds its name; read at 70, under OCR_DOUBT, each is its field's candidate, not a value.
    found = tuple(notice.value(name) or notice.candidates()[name].value for name in ("petitioner", "beneficiary"))
    assert found == ("RAMIREZ DE LA PAZ, KWAME", "LINDQVIST, SIOBHAN C")
    assert asked == [2]  # the two garbled labels, in one reading


def test_a_weakly_read_name_under_its_a_number_line_is_read_again_from_its_own_line() -> None:
    page = _receipt([[(40, "MSC2691234999"), (300, "I-485")]], conf=35.0)
    lines = [*page.lines[:-1]]
    rows = [[(40, seg.text) for seg in line.segments] for line in lines]
    page = _page([*rows, [(40, "A887043969")], [(40, "ABERNATHY -QUISPE, YUSUF B")]], conf=35.0)
    page.reread = lambda box, zoom, chars: "ABERNATHY-QUISPE, YUSUF B" if box[1] > 150 else "A887043969"
    assert read_notice(default_patterns(), [page]).value("applicant") == "ABERNATHY-QUISPE, YUSUF B"


def _desk_photo() -> tuple[Image.Image, list[tuple[float, float]]]:
    """A sheet of ruled text lines photographed at a slant on a dark desk, and where its corners landed."""
    sheet = Image.new("L", (850, 1100), 235)
    draw = ImageDraw.Draw(sheet)
    for y in range(80, 1000, 40):
        draw.rectangle((60, y, 790, y + 12), fill=40)
    corners = [(130.0, 90.0), (1010.0, 130.0), (1040.0, 1300.0), (95.0, 1270.0)]
    rows, values = [], []
    for (x, y), (u, v) in zip(corners, [(0, 0), (850, 0), (850, 1100), (0, 1100)], strict=True):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        values += [u, v]
    coeffs = tuple(float(c) for c in np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float)))
    desk = Image.new("L", (1150, 1400), 70)
    mask = Image.new("L", sheet.size, 255).transform(desk.size, Image.Transform.PERSPECTIVE, coeffs, fillcolor=0)
    desk.paste(sheet.transform(desk.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC), (0, 0), mask)
    return desk, corners


def test_a_photo_taken_at_a_slant_is_straightened() -> None:
    photo, corners = _desk_photo()
    box = paper_box(photo)
    assert box is not None
    found = sheet_corners(photo, box)
    assert found is not None
    assert all(abs(x - u) <= 6 and abs(y - v) <= 6 for (x, y), (u, v) in zip(found, corners, strict=True))
    flat = np.asarray(unwarp(photo, found))
    # Each ruled line is level again: its ink starts and ends on the same rows.
    left, right = flat[:, 150] < 120, flat[:, flat.shape[1] - 150] < 120
    assert np.count_nonzero(left & right) >= 0.8 * np.count_nonzero(left)


def test_an_empty_class_box_beside_until_gives_no_class() -> None:
    page = _approval(
        [[(40, "I-94 Record Number")], [(40, "84218550726")], [(40, "Class:"), (100, "Until: 03/09/2027")]]
    )
    assert read_notice(default_patterns(), [page]).value("classification") is None
