"""Appointments and values from the ninth round of issue 14: appointment blocks as other authors print them.

Classes, told in words (no file of any evaluation set is copied): an appointment panel whose place sits under a
bare ``Where`` heading beside a ``Date`` and a ``Time`` column, on a page whose foot carries a box headed
``APPLICATION SUPPORT CENTER USE ONLY`` (a location label's words run into a box's heading, never the place);
``When:`` and ``Where:`` lines; a table of ``Date``, ``Time`` and ``Location`` rows; a header row over the
values; a sentence giving the day and hour (read, but held for review). The safeguards of the eighth round stand
for each: a place needs a figure, parts read far apart are held, the notice's own date is never the
appointment's. Each notice is drawn here with reportlab and read back from the PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence
from tests.notice_cells import Cell, draw_cells, one_notice

PLACE = ["USCIS ORCHARD VALE ASC", "5120 Meadowlark Parkway Suite 3", "Orchard Vale OR 97999"]
WHOLE_PLACE = ", ".join(PLACE)


def _head(title: str = "ASC APPOINTMENT NOTICE") -> list[Cell]:
    return [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (420, 36, "Form I-797C, Notice of Action", 10),
        (150, 70, title, 11),
        (40, 100, "Receipt Number", 7.5),
        (200, 100, "Case Type", 7.5),
        (380, 100, "Notice Date", 7.5),
        (40, 112, "IOE0912345678"),
        (200, 112, "I-765 Application for Employment Authorization", 8),
        (380, 112, "03/09/2026"),
        (40, 140, "Applicant", 7.5),
        (40, 152, "OYELARAN, TOMASZ K"),
        (40, 200, "Your biometrics will be collected at the support center named below, on the day and at the hour"),
        (40, 212, "shown. Please bring this letter and an identity document with your photograph."),
    ]


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
    notice = one_notice(draw_cells(tmp_path / "appointment.pdf", [_head() + LAYOUTS[layout] + FOOT_BOX], size=9.5))
    assert notice.value("appointment") == {"date": "2026-04-02", "time": "14:15", "location": WHOLE_PLACE}
    assert field_confidence(notice)["appointment"] >= FILE_WITHOUT_REVIEW


def test_a_box_heading_that_starts_with_a_location_label_is_no_place(tmp_path: Path) -> None:
    """Without a heading over the place, the foot's ``APPLICATION SUPPORT CENTER USE ONLY`` starts with a location
    label's words: its other words are no place to file unseen."""
    cells = [*_head(), *_where_panel(PLACE, heading=""), *FOOT_BOX]
    notice = one_notice(draw_cells(tmp_path / "no-heading.pdf", [cells], size=9.5))
    appointment = notice.value("appointment")
    assert appointment is None or field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_a_sentence_giving_the_day_is_read_but_reviewed(tmp_path: Path) -> None:
    """``Please appear on DATE at TIME at:`` over the place's lines: read whole, but a sentence is not a labelled
    box, so a person confirms it."""
    cells = [
        *_head(),
        (40, 240, "Please appear on Thursday, April 2, 2026 at 2:15 PM at:", 9),
        *[(60, 256 + 12 * row, line, 9) for row, line in enumerate(PLACE)],
    ]
    notice = one_notice(draw_cells(tmp_path / "sentence.pdf", [cells], size=9.5))
    assert notice.value("appointment") == {"date": "2026-04-02", "time": "14:15", "location": WHOLE_PLACE}
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_a_where_panel_keeps_the_safeguards(tmp_path: Path) -> None:
    """The ``Where`` panel with the support center's name alone under its heading (its address lines far below,
    not joined) gives a place without a figure: held. Its ``Date`` column holding the notice's own date: held."""
    cells = [*_head(), *_where_panel(PLACE[:1]), (50, 330, PLACE[1], 10), *FOOT_BOX]
    notice = one_notice(draw_cells(tmp_path / "no-figure.pdf", [cells], size=9.5))
    assert notice.value("appointment")["location"] == PLACE[0]
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW
    own_day = [cell if cell[2] != "Thursday, April 2, 2026" else (360, 254, "Monday, March 9, 2026", 11) for cell in cells]
    own_day = [*_head(), *[c for c in own_day[len(_head()) :] if c[2] != PLACE[1]]]
    own_day += [(50, 267, PLACE[1], 10), (50, 280, PLACE[2], 10)]
    notice = one_notice(draw_cells(tmp_path / "own-day.pdf", [own_day], size=9.5))
    assert notice.value("appointment") is None or field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW
