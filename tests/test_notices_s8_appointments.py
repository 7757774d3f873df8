"""Appointments from the eighth round of issue 14: a value is assembled only from the appointment's own parts.

Classes, told in words (no file of any evaluation set is copied): a notice whose title begins with the words of
a location label (an Application Support Center notice) must not give its title's other words as the place;
a place under a bare ``Place`` heading of an appointment panel is read there; a place holds a figure (a
heading or a name alone is not filed); parts read far apart on the page (one of them some other text's) are
held for review; a notice of no known kind is read for its appointment too, and its empty appointment is no
sure finding; a value after a colon of its own continues under its first letter; a form number OCR read
without its letter agrees with the form's title beside it. Each notice is drawn here with reportlab and read
back from the PDF (the form number: a scanned page's lines built in memory).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.notices.fields import Hit
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, NULL_BELOW, Reading, field_confidence
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import check_appointment_day, identify_form
from tests.notice_cells import Cell, appointment_head, draw_cells, one_notice


def _draw(path: Path, cells: list[Cell], font: str = "Helvetica") -> Path:
    """A one-page PDF of ``cells`` (9.5 pt unless a cell says)."""
    return draw_cells(path, [cells], font, size=9.5)


def _panel(place: list[str], heading: str = "Place") -> list[Cell]:
    cells: list[Cell] = [
        (50, 240, "Date", 7.5),
        (190, 240, "Time", 7.5),
        (300, 240, heading, 7.5),
        (50, 254, "Thursday, April 2, 2026", 10),
        (190, 254, "2:15 PM", 10),
    ]
    return cells + [(300, 254 + 12 * row, line, 9) for row, line in enumerate(place)]


PLACE = ["USCIS ORCHARD VALE ASC", "5120 Meadowlark Parkway Suite 3", "Orchard Vale OR 97999"]


@pytest.mark.parametrize("heading", ["Place", "LOCATION"])
def test_a_title_that_starts_with_a_location_label_is_no_place(tmp_path: Path, heading: str) -> None:
    """The title ``APPLICATION SUPPORT CENTER APPOINTMENT NOTICE`` starts with the words of a location label:
    its other words are no place. The place is read under the panel's bare ``Place`` (or ``LOCATION``) heading,
    and trusted."""
    cells = appointment_head("APPLICATION SUPPORT CENTER APPOINTMENT NOTICE") + _panel(PLACE, heading)
    notice = one_notice(_draw(tmp_path / "asc.pdf", cells, "Times-Roman"))
    appointment = notice.value("appointment")
    assert notice.value("notice_type") == "biometrics"
    assert appointment["date"] == "2026-04-02" and appointment["time"] == "14:15"
    assert "5120 Meadowlark Parkway Suite 3" in appointment["location"]
    assert "APPOINTMENT NOTICE" not in appointment["location"]
    assert field_confidence(notice)["appointment"] >= FILE_WITHOUT_REVIEW


def test_an_appointment_without_its_place_is_not_filled_from_the_title(tmp_path: Path) -> None:
    """The same notice with the place printed under no heading at all: nothing on the page ties an address to
    the appointment, so the title's words are not taken for it and the appointment is not filed unseen."""
    cells = [
        *appointment_head("APPLICATION SUPPORT CENTER APPOINTMENT NOTICE"),
        (50, 240, "Date", 7.5),
        (190, 240, "Time", 7.5),
        (50, 254, "April 2, 2026", 10),
        (190, 254, "2:15 PM", 10),
    ]
    notice = one_notice(_draw(tmp_path / "asc-no-place.pdf", cells))
    appointment = notice.value("appointment")
    assert appointment is None or "APPOINTMENT" not in str(appointment.get("location"))
    assert appointment is None or field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_a_place_without_a_figure_is_not_filed_unseen(tmp_path: Path) -> None:
    """A place holds a figure (a street number, a ZIP code). A ``Location:`` label over the support center's name
    alone (its address lines too far under it to be joined) gives a place with none: kept, for review."""
    cells = [
        *appointment_head("ASC APPOINTMENT NOTICE"),
        (50, 240, "Date:", 9),
        (120, 240, "April 2, 2026", 9),
        (50, 254, "Time:", 9),
        (120, 254, "2:15 PM", 9),
        (50, 268, "Location:", 9),
        (120, 268, "USCIS ORCHARD VALE ASC", 9),
        (120, 300, "5120 Meadowlark Parkway Suite 3, Orchard Vale OR 97999", 9),
    ]
    notice = one_notice(_draw(tmp_path / "no-figure.pdf", cells))
    appointment = notice.value("appointment")
    assert appointment is not None and appointment["location"] == "USCIS ORCHARD VALE ASC"
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_parts_read_far_apart_are_held_for_review(tmp_path: Path) -> None:
    """The date and time labelled in the appointment block, the place under a ``Location:`` label at the foot of
    the page (an office's location in the footer): each part is labelled, but they are not one block, so the
    assembled appointment goes to a person."""
    cells = [
        *appointment_head("ASC APPOINTMENT NOTICE"),
        (50, 240, "Appointment Date:", 9),
        (160, 240, "April 2, 2026", 9),
        (50, 254, "Appointment Time:", 9),
        (160, 254, "2:15 PM", 9),
        (40, 300, "If you cannot keep this appointment, ask for a new one before the date above."),
        (40, 640, "Location:", 8),
        (100, 640, "2200 Harbor Front Drive, Tidewater Bay VA 23999", 8),
    ]
    notice = one_notice(_draw(tmp_path / "apart.pdf", cells))
    appointment = notice.value("appointment")
    assert appointment is not None and appointment["date"] == "2026-04-02"
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW
    # The same parts set together in one block: trusted.
    together = [
        *appointment_head("ASC APPOINTMENT NOTICE"),
        (50, 240, "Appointment Date:", 9),
        (160, 240, "April 2, 2026", 9),
        (50, 254, "Appointment Time:", 9),
        (160, 254, "2:15 PM", 9),
        (50, 268, "Location:", 9),
        (160, 268, "2200 Harbor Front Drive, Tidewater Bay VA 23999", 9),
    ]
    notice = one_notice(_draw(tmp_path / "together.pdf", together))
    assert notice.value("appointment")["location"].startswith("2200 Harbor Front Drive")
    assert field_confidence(notice)["appointment"] >= FILE_WITHOUT_REVIEW


def test_a_notice_of_no_known_kind_is_read_for_its_appointment(tmp_path: Path) -> None:
    """An interview letter is no kind the reader knows (null, for review): it is still read for what any kind's
    labels name (its appointment), and it goes to a person as a whole. Without an appointment block, its empty
    appointment is no sure finding."""
    cells = appointment_head("REQUEST FOR APPLICANT TO APPEAR FOR INITIAL INTERVIEW") + _panel(PLACE)
    notice = one_notice(_draw(tmp_path / "interview.pdf", cells))
    assert notice.value("notice_type") is None
    assert notice.value("appointment") == {
        "date": "2026-04-02",
        "time": "14:15",
        "location": "USCIS ORCHARD VALE ASC, 5120 Meadowlark Parkway Suite 3, Orchard Vale OR 97999",
    }
    assert not notice.files_without_review()
    bare = appointment_head("REQUEST FOR APPLICANT TO APPEAR FOR INITIAL INTERVIEW")
    notice = one_notice(_draw(tmp_path / "interview-bare.pdf", bare))
    assert notice.value("appointment") is None
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


# ------------------------------------------------------------------ a value after its own colon, wrapped under itself


def test_a_value_after_its_colon_continues_under_its_first_letter(tmp_path: Path) -> None:
    """A fixed-pitch printout sets each value after a colon of its own (``PETITIONER`` ``: NAME``); a name too
    long for the line goes on under its first letter, not under the colon. Both lines are the name; an applicant
    box of the same shape holds the A-Number on its first line and the name under it."""
    head: list[Cell] = [
        (40, 30, "U.S. DEPARTMENT OF HOMELAND SECURITY"),
        (320, 30, "I-797, NOTICE OF ACTION"),
        (40, 80, "RECEIPT NUMBER"),
        (123, 80, ": WAC-11-204-55120"),
        (280, 80, "CASE TYPE : I129"),
        (40, 94, "NOTICE DATE"),
        (123, 94, ": 02/14/2011"),
        (280, 94, "PAGE : 1 OF 1"),
    ]
    petition = [
        *head,
        (40, 112, "PETITIONER"),
        (123, 112, ": NORTHERN TIDEWATER MARINE ENGINEERING"),
        (135, 125, "AND SALVAGE COOPERATIVE ASSOCIATION, LLC"),
        (40, 140, "BENEFICIARY"),
        (123, 140, ": QUISPE, ANDRES"),
        (40, 154, "NOTICE TYPE"),
        (123, 154, ": APPROVAL NOTICE"),
    ]
    notice = one_notice(_draw(tmp_path / "petition.pdf", petition, "Courier"))
    assert notice.value("petitioner") == (
        "NORTHERN TIDEWATER MARINE ENGINEERING AND SALVAGE COOPERATIVE ASSOCIATION, LLC"
    )
    assert notice.value("beneficiary") == "QUISPE, ANDRES"
    assert field_confidence(notice)["petitioner"] >= FILE_WITHOUT_REVIEW
    application = [cell if cell[2] != "CASE TYPE : I129" else (280, 80, "CASE TYPE : I539") for cell in head] + [
        (40, 112, "APPLICANT"),
        (123, 112, ": A204118377"),
        (135, 125, "VASKOVA, IRENA M"),
        (40, 140, "NOTICE TYPE"),
        (123, 140, ": RECEIPT NOTICE"),
    ]
    notice = one_notice(_draw(tmp_path / "application.pdf", application, "Courier"))
    assert notice.value("applicant") == "VASKOVA, IRENA M"
    assert notice.value("a_number") == "204118377"


# ------------------------------------------------------------------ a form number OCR read without its letter


def _scan_page(rows: list[str]) -> Page:
    words = [Word(text, 40, 40 + 14 * index, 40 + 6 * len(text), 50 + 14 * index) for index, text in enumerate(rows)]
    return Page(1, group_lines(words), "ocr")


@pytest.mark.parametrize(
    ("box", "sure"),
    [
        ("-765 Application For Employment", True),  # the digits and the title agree
        ("765 APPLICATION FOR EMPLOYMENT AUTHORIZATION", True),
        ("-131 Application For Employment", False),  # another form's digits before this title: no agreement
        ("Application For Employment", False),  # the title alone, read poorly: as sure as its reading
    ],
)
def test_a_form_number_read_without_its_letter_agrees_with_its_title(box: str, sure: bool) -> None:
    """A Case Type box OCR read as ``-765 Application For Employment`` (the I lost, the number's word read with
    low confidence) names Form I-765 twice, by its digits and its title: sure enough to keep. Digits of another
    form, or the title alone, leave it as sure as OCR read it."""
    page = _scan_page(["I-797C, NOTICE OF ACTION", "Receipt Number IOE0912345678"])
    form, hit = identify_form(default_patterns(), Hit(box, 0.11, box), [page])
    assert (form is not None and hit.value == "I-765" and hit.conf >= NULL_BELOW) is sure


# ------------------------------------------------------------------ a heading that starts with a label's words


def test_a_heading_that_starts_with_a_party_label_is_not_filed_as_its_value(tmp_path: Path) -> None:
    """``PETITIONER INFORMATION`` over ``Name: ...``: the label's word starts a section heading, and the word after
    it is no name to file unseen. A party label further down (``BENEFICIARY`` over its name) wins over such a
    heading (``BENEFICIARY DETAILS``)."""
    head: list[Cell] = [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (420, 36, "Form I-797C, Notice of Action"),
        (200, 70, "RECEIPT NOTICE"),
        (40, 100, "Receipt Number: WAC2612345678"),
        (300, 100, "Notice Date: 03/09/2026"),
        (40, 114, "Case Type: I-129 Petition for a Nonimmigrant Worker"),
    ]
    for heading, name in (("PETITIONER INFORMATION", "petitioner"), ("BENEFICIARY DETAILS", "beneficiary")):
        cells = [
            *head,
            (40, 160, heading),
            (40, 176, "Name: NORTHWIND TIDAL ROBOTICS LLC"),
            (40, 220, "BENEFICIARY"),
            (40, 234, "QUISPE, ANDRES"),
        ]
        notice = one_notice(_draw(tmp_path / "heading.pdf", cells))
        confidence = field_confidence(notice)
        heading_word = heading.split()[1]
        assert notice.value(name) != heading_word or confidence[name] < FILE_WITHOUT_REVIEW
        assert notice.value("beneficiary") == "QUISPE, ANDRES"
        assert confidence["beneficiary"] >= FILE_WITHOUT_REVIEW


# ------------------------------------------------------------------ the letter's own date taken for the appointment's


def test_an_appointment_on_the_notices_own_date_is_held_for_review(tmp_path: Path) -> None:
    """A letter dated under a bare ``Date:`` label, its appointment's day given only in a sentence the reader does
    not know: the letter's date must not be filed as the appointment's (the notice's own dates are never the day
    of its appointment, which is set weeks later)."""
    cells: list[Cell] = [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (150, 70, "BIOMETRICS APPOINTMENT NOTICE", 11),
        (40, 100, "Receipt Number: IOE0912345678"),
        (40, 114, "Date: March 9, 2026"),
        (40, 128, "Case Type: I-765 Application for Employment Authorization"),
        (40, 160, "Applicant: OYELARAN, TOMASZ K"),
        (40, 190, "Please come in on the second Thursday of April for your fingerprints."),
        (40, 210, "Time: 2:15 PM"),
        (40, 224, "Location: 5120 Meadowlark Parkway Suite 3, Orchard Vale OR 97999"),
    ]
    notice = one_notice(_draw(tmp_path / "own-date.pdf", cells))
    appointment = notice.value("appointment")
    if appointment is not None and appointment.get("date") == "2026-03-09":
        assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_the_notices_own_dates_are_never_its_appointments_day() -> None:
    """Read however it was, an appointment whose day is one of the notice's own dates (written, received, priority)
    is that date read in its place: below the review line. Weeks later, it stands."""
    for day, held in (("2026-03-09", True), ("2026-02-27", True), ("2026-04-02", False)):
        readings = {
            "notice_date": Reading("2026-03-09", 0.99),
            "received_date": Reading("2026-02-27", 0.99),
            "appointment": Reading({"date": day, "time": "14:15", "location": "5120 MEADOWLARK PKWY"}, 0.99),
        }
        check_appointment_day(readings)
        assert (readings["appointment"].confidence < NULL_BELOW + 0.1) is held
