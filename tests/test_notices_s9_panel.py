"""Appointments and values from the ninth round of issue 14: appointment blocks as other authors print them.

Classes, told in words (no file of any evaluation set is copied): an appointment panel whose place sits under a
bare ``Where`` heading beside a ``Date`` and a ``Time`` column, on a page whose foot carries a box headed
``APPLICATION SUPPORT CENTER USE ONLY`` (a location label's words run into a box's heading, never the place);
``When:`` and ``Where:`` lines; ``Date/Time:`` or ``Date and Time:`` with both in one value; a table of ``Date``,
``Time`` and ``Location`` rows; a header row over the values; a sentence giving the day and hour (read, but held
for review). The safeguards of the eighth round stand for each: a place needs a figure, parts read far apart are
held, the notice's own date is never the appointment's. Then values: a label and its value as two cells of one
line; two looks at one text page; a priority date printed where a form seldom has one; two receipt numbers in
what was read as one notice; a misspelt label starting its value's line on a scan; ``April 20,2026``. Each
notice is drawn here with reportlab and read back from the PDF, or built as a page's words in memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence
from docgen.notices.parse import merge_looks
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice
from docgen.notices.values import Value, read_date
from tests.notice_cells import Cell, appointment_head, draw_cells, one_notice

PLACE = ["USCIS ORCHARD VALE ASC", "5120 Meadowlark Parkway Suite 3", "Orchard Vale OR 97999"]
WHOLE_PLACE = ", ".join(PLACE)


FOOT_BOX: list[Cell] = [(426, 690, "APPLICATION SUPPORT CENTER USE ONLY", 7.5), (426, 704, "Code: 3", 7.5)]


def _where_panel(place: list[str], heading: str = "Where") -> list[Cell]:
    """A shaded panel's text: the place under ``Where`` at the left, ``Date`` and ``Time`` stacked at the right."""
    cells: list[Cell] = [
        (50, 240, heading, 9),
        (360, 240, "Date", 9),
        (360, 254, "Thursday, April 2, 2026", 11),
        (360, 276, "Time", 9),
        (360, 290, "2:15 PM", 11),
    ]
    return cells + [(50, 254 + 13 * row, line, 10) for row, line in enumerate(place)]


LAYOUTS: dict[str, list[Cell]] = {
    "where panel": _where_panel(PLACE),
    "when and where lines": [
        (50, 240, "When:", 9),
        (110, 240, "Thursday, April 2, 2026 at 2:15 PM", 9),
        (50, 256, "Where:", 9),
        *[(110, 256 + 12 * row, line, 9) for row, line in enumerate(PLACE)],
    ],
    "table of rows": [
        (50, 240, "Date", 9),
        (150, 240, "Thursday, April 2, 2026", 9),
        (50, 254, "Time", 9),
        (150, 254, "2:15 PM", 9),
        (50, 268, "Location", 9),
        *[(150, 268 + 12 * row, line, 9) for row, line in enumerate(PLACE)],
    ],
    "date and time on one line": [
        (50, 240, "Date/Time:", 9),
        (120, 240, "April 2, 2026 2:15 PM", 9),
        (50, 254, "Place:", 9),
        *[(120, 254 + 12 * row, line, 9) for row, line in enumerate(PLACE)],
    ],
    "date and time in words": [
        (50, 240, "Date and Time:", 9),
        (130, 240, "Thursday, April 2, 2026, 2:15 PM", 9),
        (50, 254, "LOCATION:", 9),
        (130, 254, WHOLE_PLACE, 9),
    ],
    "header row": [
        (50, 240, "Date", 8),
        (160, 240, "Time", 8),
        (240, 240, "Application Support Center", 8),
        (50, 254, "04/02/2026", 9),
        (160, 254, "2:15 PM", 9),
        *[(240, 254 + 12 * row, line, 9) for row, line in enumerate(PLACE)],
    ],
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_an_appointment_block_is_read_and_trusted(tmp_path: Path, layout: str) -> None:
    """Date, time and place printed clearly in their own block, under or beside their own headings: read whole
    (the place on all its lines) and filed without review, whatever the box at the page's foot is headed."""
    notice = one_notice(
        draw_cells(tmp_path / "appointment.pdf", [appointment_head() + LAYOUTS[layout] + FOOT_BOX], size=9.5)
    )
    assert notice.value("appointment") == {"date": "2026-04-02", "time": "14:15", "location": WHOLE_PLACE}
    assert field_confidence(notice)["appointment"] >= FILE_WITHOUT_REVIEW


def test_a_box_heading_that_starts_with_a_location_label_is_no_place(tmp_path: Path) -> None:
    """Without a heading over the place, the foot's ``APPLICATION SUPPORT CENTER USE ONLY`` starts with a location
    label's words: its other words are no place to file unseen."""
    cells = [*appointment_head(), *_where_panel(PLACE, heading=""), *FOOT_BOX]
    notice = one_notice(draw_cells(tmp_path / "no-heading.pdf", [cells], size=9.5))
    appointment = notice.value("appointment")
    assert appointment is None or field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_a_sentence_giving_the_day_is_read_but_reviewed(tmp_path: Path) -> None:
    """``Please appear on DATE at TIME at:`` over the place's lines: read whole, but a sentence is not a labelled
    box, so a person confirms it."""
    cells = [
        *appointment_head(),
        (40, 240, "Please appear on Thursday, April 2, 2026 at 2:15 PM at:", 9),
        *[(60, 256 + 12 * row, line, 9) for row, line in enumerate(PLACE)],
    ]
    notice = one_notice(draw_cells(tmp_path / "sentence.pdf", [cells], size=9.5))
    assert notice.value("appointment") == {"date": "2026-04-02", "time": "14:15", "location": WHOLE_PLACE}
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_a_where_panel_keeps_the_safeguards(tmp_path: Path) -> None:
    """The ``Where`` panel with the support center's name alone under its heading (its address lines far below,
    not joined) gives a place without a figure: held. Its ``Date`` column holding the notice's own date: held."""
    cells = [*appointment_head(), *_where_panel(PLACE[:1]), (50, 330, PLACE[1], 10), *FOOT_BOX]
    notice = one_notice(draw_cells(tmp_path / "no-figure.pdf", [cells], size=9.5))
    assert notice.value("appointment")["location"] == PLACE[0]
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW
    own_day = [
        cell if cell[2] != "Thursday, April 2, 2026" else (360, 254, "Monday, March 9, 2026", 11) for cell in cells
    ]
    own_day = [*appointment_head(), *[c for c in own_day[len(appointment_head()) :] if c[2] != PLACE[1]]]
    own_day += [(50, 267, PLACE[1], 10), (50, 280, PLACE[2], 10)]
    notice = one_notice(draw_cells(tmp_path / "own-day.pdf", [own_day], size=9.5))
    assert notice.value("appointment") is None or field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


# ------------------------------------------------------------------ a label and its value as two cells on one line


def _page(rows: list[list[tuple[str, float, float]]]) -> Page:
    """A text page built from words: each row a list of (text, x0, size); a word's width is 0.5 size a letter."""
    words = [
        Word(text, x0, 100 + 16 * number, x0 + 0.5 * size * len(text), 100 + 16 * number + size)
        for number, row in enumerate(rows)
        for text, x0, size in row
    ]
    return Page(1, group_lines(words), "text")


HEAD_ROWS: list[list[tuple[str, float, float]]] = [
    [("Department of Homeland Security", 40, 9), ("I-797C, Notice of Action", 400, 12)],
    [("Receipt Number:", 40, 8), ("WAC2612345678", 120, 9), ("Notice Date:", 300, 8), ("03/18/2026", 360, 9)],
    [("Case Type:", 40, 8), ("I-129 Petition for a Nonimmigrant Worker", 120, 9)],
    [("Notice Type:", 40, 8), ("Receipt Notice", 120, 9)],
]


@pytest.mark.parametrize(
    ("label", "value", "gap", "trusted"),
    [
        ("Petitioner", "Cobalt Ridge Software LLC", 6.5, True),  # a small label, its value a cell beside it
        ("Beneficiary", "SANTANGELO, YUSUF C", 6.5, True),
        ("PETITIONER", "INFORMATION", 2.0, False),  # a heading's next word, a space's width away
        ("Petitioner", "must keep this notice", 6.5, False),  # a sentence, not a name
    ],
)
def test_a_value_set_apart_from_its_label_is_its_own_cell(label: str, value: str, gap: float, trusted: bool) -> None:
    """A label in small type and its value a gap wider than a space after it, on one line with no colon (a browser's
    key/value grid, or OCR's words of one): the value is the label's, read and trusted. A heading's next word, a
    space's width away, and a sentence are not."""
    label_end = 40 + 0.5 * 6.5 * len(label)
    page = _page([*HEAD_ROWS, [(label, 40, 6.5), (value, label_end + gap, 8.5)]])
    (line,) = [line for line in page.lines if line.segments[0].text.startswith(label)]
    assert len(line.segments) == 1  # the two cells are one segment: too close for a column's gap
    notice = read_notice(default_patterns(), [page])
    name = label.lower()
    confidence = field_confidence(notice)
    if trusted:
        assert notice.value(name) == value and confidence[name] >= FILE_WITHOUT_REVIEW
    else:
        assert notice.value(name) != value or confidence[name] < FILE_WITHOUT_REVIEW


# ------------------------------------------------------------------ two looks at one text page


def _look(receipt_label: str, petitioner: list[tuple[str, float, float]], beneficiary: str) -> Page:
    return _page(
        [
            [("Department of Homeland Security", 40, 9), ("I-797C, Notice of Action", 400, 12)],
            [(receipt_label, 40, 8), ("WAC2612345678", 120, 9), ("Notice Date:", 300, 8), ("03/18/2026", 360, 9)],
            [("Case Type:", 40, 8), ("I-129 Petition for a Nonimmigrant Worker", 120, 9)],
            [("Notice Type:", 40, 8), ("Receipt Notice", 120, 9)],
            petitioner,
            [("Beneficiary:", 40, 8), (beneficiary, 120, 9)],
        ]
    )


def test_a_second_look_adds_what_the_first_missed_and_keeps_its_spacing() -> None:
    """Two looks at one text page: its text runs (a small-capital label split inside a word, ``Recei pt``, so the
    receipt number is read weakly), then its characters grouped into words (the label whole, but a browser's
    printout, with no space characters, runs the petitioner's label into its name and loses the spaces of the
    beneficiary's). The second look is kept (fewer weak fields); the petitioner only the first read is filled in,
    and the beneficiary both read alike but for its spaces keeps the first look's spacing, unflagged."""
    patterns = default_patterns()
    runs = _look(
        "Recei pt Number:", [("Petitioner", 40, 6.5), ("Cobalt Ridge Software LLC", 81, 8.5)], "QUISPE, ANDRES"
    )
    grouped = _look("Receipt Number:", [("PetitionerCobaltRidgeSoftwareLLC", 40, 8.5)], "QUISPE,ANDRES")
    first, second = read_notice(patterns, [runs]), read_notice(patterns, [grouped])
    assert first.value("petitioner") == "Cobalt Ridge Software LLC" and second.value("petitioner") is None
    assert field_confidence(first)["receipt_number"] < FILE_WITHOUT_REVIEW
    merged = merge_looks(first, second)
    assert merged is second  # the surer look
    assert merged.value("petitioner") == "Cobalt Ridge Software LLC"
    assert merged.value("beneficiary") == "QUISPE, ANDRES"
    confidence = field_confidence(merged)
    assert confidence["petitioner"] >= FILE_WITHOUT_REVIEW and confidence["beneficiary"] >= FILE_WITHOUT_REVIEW
    assert confidence["receipt_number"] >= FILE_WITHOUT_REVIEW


def test_two_looks_that_read_other_values_send_the_field_to_review() -> None:
    """Two looks at one page that read a field as two different values (not just spaced otherwise): a person looks."""
    patterns = default_patterns()
    first = read_notice(patterns, [_page(HEAD_ROWS)])
    other_rows = [
        row if row[0][0] != "Receipt Number:" else [*row[:1], ("WAC2612345679", 120, 9), *row[2:]] for row in HEAD_ROWS
    ]
    second = read_notice(patterns, [_page(other_rows)])
    merged = merge_looks(first, second)
    assert merged.value("receipt_number") in ("WAC2612345678", "WAC2612345679")
    assert field_confidence(merged)["receipt_number"] < FILE_WITHOUT_REVIEW


# ------------------------------------------------------------------ a field its form's notices seldom carry, printed


@pytest.mark.parametrize(("printed", "expected"), [("03/26/2025", "2025-03-26"), ("-", None)])
def test_a_priority_date_printed_on_a_premium_processing_receipt_is_read(
    tmp_path: Path, printed: str, expected: str | None
) -> None:
    """A premium-processing (I-907) receipt carries no priority date of its own, but a layout may print the
    petition's in a labelled box: what the page prints in its own label's box is read and trusted. A box left
    empty (``-``) is the form's usual null, sure."""
    cells: list[Cell] = [
        (40, 30, "U.S. Department of Homeland Security"),
        (420, 30, "Form I-797C, Notice of Action", 10),
        (40, 70, "NOTICE DATE", 8),
        (110, 70, "03/31/2025"),
        (250, 70, "RECEIPT NUMBER", 8),
        (330, 70, "LIN2513792619"),
        (40, 90, "CASE TYPE", 8),
        (110, 90, "I907 - REQUEST FOR PREMIUM PROCESSING SERVICE"),
        (40, 110, "DATE RECEIVED", 8),
        (110, 110, "03/26/2025"),
        (250, 110, "PRIORITY DATE", 8),
        (330, 110, printed),
        (420, 110, "NOTICE TYPE", 8),
        (480, 110, "RECEIPT"),
        (40, 140, "PETITIONER", 8),
        (140, 140, "HARBOR AND PINE CONSULTING GROUP"),
        (40, 154, "BENEFICIARY", 8),
        (140, 154, "MBEKI, GUSTAVO"),
    ]
    notice = one_notice(draw_cells(tmp_path / "i907.pdf", [cells]))
    assert notice.value("form") == "I-907"
    assert notice.value("priority_date") == expected
    assert field_confidence(notice)["priority_date"] >= FILE_WITHOUT_REVIEW


# ------------------------------------------------------------------ two notices read as one


def test_two_labelled_receipt_numbers_in_one_notice_send_every_value_to_review() -> None:
    """Pages read as one notice that hold two different receipt numbers, each at a receipt label (two receipts
    copied two to a sheet whose boundary was not seen): any value may be the other notice's, so none is filed
    unseen. The same number at its label twice (a second page repeating it) is one notice's, trusted."""
    patterns = default_patterns()
    other = [
        [("Department of Homeland Security", 40, 9), ("I-797C, Notice of Action", 400, 12)],
        [("Receipt Number:", 40, 8), ("IOE0987654321", 120, 9), ("Notice Date:", 300, 8), ("06/10/2026", 360, 9)],
        [("Case Type:", 40, 8), ("I-765 Application for Employment Authorization", 120, 9)],
    ]
    notice = read_notice(patterns, [_page([*HEAD_ROWS, [("Amount received:", 40, 8), ("$520.00", 120, 9)], *other])])
    confidence = field_confidence(notice)
    assert notice.value("receipt_number") == "WAC2612345678"
    assert all(confidence[name] < FILE_WITHOUT_REVIEW for name in confidence if notice.value(name) is not None)
    assert not notice.files_without_review()
    repeated = [[("Page 2 of 2", 40, 8)], [("Receipt Number:", 40, 8), ("WAC2612345678", 120, 9)]]
    notice = read_notice(patterns, [_page(HEAD_ROWS), _page(repeated)])
    assert field_confidence(notice)["receipt_number"] >= FILE_WITHOUT_REVIEW and notice.files_without_review()


# ------------------------------------------------------------------ a misspelt label that starts its value's line


def _scan(rows: list[list[tuple[str, float, float]]]) -> Page:
    """A scanned page's words as OCR gives them, one word each (text, x0, size), read with confidence 95."""
    words = []
    for number, row in enumerate(rows):
        for text, x0, size in row:
            x = x0
            for part in text.split():
                words.append(
                    Word(part, x, 100 + 16 * number, x + 0.5 * size * len(part), 100 + 16 * number + size, 95.0)
                )
                x += 0.5 * size * (len(part) + 1)
    return Page(1, group_lines(words), "ocr")


SCAN_HEAD: list[list[tuple[str, float, float]]] = [
    [("Department of Homeland Security", 40, 9), ("I-797C, Notice of Action", 400, 12)],
    [("Receipt Number:", 40, 8), ("WAC2612345678", 120, 9), ("Notice Date:", 300, 8), ("03/18/2026", 360, 9)],
    [("Case Type:", 40, 8), ("I-140 Immigrant Petition for Alien Worker", 120, 9)],
    [("Notice Type:", 40, 8), ("Receipt Notice", 120, 9)],
]


def test_a_misspelt_label_before_its_value_on_one_line_is_read() -> None:
    """A small label OCR misspelt, set close before its value on one line (``Recerveo Dare March 4, 2026``): the
    line starts with the label, its value after it. A name's line too, when the name stands a cell's gap away. A
    line that starts with words near no label (or as near to two) gives nothing."""
    rows = [
        *SCAN_HEAD,
        [("Recerveo Dare", 40, 6.5), ("March 4, 2026", 90, 8.5)],
        [("Priorrry Dare", 40, 6.5), ("March 2, 2026", 90, 8.5)],
        [("Benericiary", 40, 6.5), ("Santangelo, Dmitri B", 90, 8.5)],
    ]
    notice = read_notice(default_patterns(), [_scan(rows)])
    assert notice.value("received_date") == "2026-03-04"
    assert notice.value("priority_date") == "2026-03-02"
    assert notice.value("beneficiary") == "Santangelo, Dmitri B"
    confidence = field_confidence(notice)
    assert min(confidence[name] for name in ("received_date", "priority_date", "beneficiary")) >= FILE_WITHOUT_REVIEW
    unknown = [*SCAN_HEAD, [("Recorded Data", 40, 6.5), ("March 4, 2026", 90, 8.5)]]
    assert read_notice(default_patterns(), [_scan(unknown)]).value("received_date") is None


@pytest.mark.parametrize(("text", "iso"), [("April 20,2026", "2026-04-20"), ("Apr 7,2026", "2026-04-07")])
def test_a_written_out_date_whose_space_after_the_comma_ocr_lost_is_read(text: str, iso: str) -> None:
    """OCR may lose the space after a written-out date's comma (``April 20,2026``): the same date, read as such on
    the page and in its box's second reading alike (so the two agree), not a date the readings disagree on."""
    assert read_date(text) == Value(iso)
    rows = [*SCAN_HEAD, [("Date Received:", 40, 8), (text, 120, 9)]]
    assert read_notice(default_patterns(), [_scan(rows)]).value("received_date") == iso


def test_words_at_a_fixed_pitchs_even_spacing_are_no_label_and_value() -> None:
    """A fixed-pitch scan spaces every word one letter wide, wider than its capitals' ink is high
    (``REQUEST FOR PREMIUM PROCESSING``, ``PETITIONER INFORMATION``): such a gap parts no cells, so a line's first
    words are not taken for a misspelt label (``REQUESTOR``) or for a label with its value."""
    letter, height = 5.4, 5.8  # Courier at 9 points: a letter (and a space) 5.4 wide; capitals' ink 5.8 high
    words = []
    lines = [
        ["Department", "of", "Homeland", "Security"],
        ["RECEIPT", "NUMBER:", "WAC2612345678"],
        ["NOTICE", "DATE:", "03/18/2026"],
        ["NOTICE", "TYPE:", "RECEIPT", "NOTICE"],
        ["REQUEST", "FOR", "PREMIUM", "PROCESSING"],
        ["PETITIONER", "INFORMATION"],
    ]
    for row, texts in enumerate(lines):
        x = 40.0
        for text in texts:
            words.append(Word(text, x, 100 + 16 * row, x + letter * len(text), 100 + 16 * row + height, 95.0))
            x += letter * (len(text) + 1)
    notice = read_notice(default_patterns(), [Page(1, group_lines(words), "ocr")])
    confidence = field_confidence(notice)
    for name in ("applicant", "petitioner"):
        assert notice.value(name) is None or confidence[name] < FILE_WITHOUT_REVIEW


def test_a_heading_beside_the_next_columns_heading_is_still_read_in_its_column() -> None:
    """``Departure Record I-94 Number`` and ``Family Name`` as two cells of one line (column headings over a row of
    values): the second is the next column's label, not the first's value; the I-94 number is read under its own."""
    rows = [
        [("Department of Homeland Security", 40, 9), ("I-797A, Notice of Action", 400, 12)],
        [("Receipt Number:", 40, 8), ("WAC2612345678", 120, 9), ("Notice Date:", 300, 8), ("03/18/2026", 360, 9)],
        [("Notice Type:", 40, 8), ("Approval Notice", 120, 9)],
        [("Departure Record I-94 Number", 40, 8), ("Family Name", 175, 8)],
        [("72812930415", 40, 9), ("TAKAHASHI", 175, 9)],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("i94_number") == "72812930415"
