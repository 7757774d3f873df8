"""Issue 14, session 13: a notice whose labels run into their values with no colon, one to a line.

A class the opened thirteenth set showed, drawn here in wordings of our own: a plain notice prints each fact as
``Label value`` on a line of its own (``Receipt Number IOE0912345678``, ``Date Received 01/12/2026``, ``Applicant
Name Halvard Okonkwo-Reyes``, ``Place 2250 Larchmont Avenue``). The reader took a typed value so but never a
name, nor the bare ``Date``/``Time``/``Place`` of an appointment, and an interview notice (no kind of its own)
with such a page was no notice at all. On a page that prints its labels so, a label runs into any value; on a
page that prints colons, a label word opening a sentence or a heading is still no label.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence

from .notice_cells import Cell, draw_cells, one_notice

INTERVIEW: list[Cell] = [
    (40, 30, "Department of Homeland Security"),
    (40, 56, "Notice of Naturalization Interview", 12),
    (40, 90, "Receipt Number IOE0912345678"),
    (40, 104, "Case Type N-400"),
    (40, 118, "Date Received 01/12/2026"),
    (40, 132, "Notice Date 02/03/2026"),
    (40, 146, "Applicant Name Halvard Okonkwo-Reyes"),
    (40, 174, "Date 03/17/2026"),
    (40, 188, "Time 8:45 AM"),
    (40, 202, "Place 2250 Larchmont Avenue Room 4"),
]
BIOMETRICS: list[Cell] = [
    (40, 30, "U.S. Citizenship and Immigration Services"),
    (40, 56, "Biometrics Appointment Notice", 12),
    (40, 90, "Receipt Number LIN2690012345"),
    (40, 104, "Form I-765"),
    (40, 118, "Filing Date 11/20/2025"),
    (40, 132, "Notice Date December 1, 2025"),
    (40, 146, "Applicant Wen-Li Abernathy"),
    (40, 174, "Date 12/22/2025"),
    (40, 188, "Time 1:30 PM"),
    (40, 202, "Location 77 Quarry Road Suite 210"),
]
TRANSFER: list[Cell] = [
    (40, 30, "Department of Homeland Security"),
    (40, 56, "Transfer Notice", 12),
    (40, 90, "Receipt Number EAC2690054321"),
    (40, 104, "Case Type I-130"),
    (40, 118, "Received Date 09/14/2025"),
    (40, 132, "Notice Date 10/30/2025"),
    (40, 146, "Petitioner Maribel Oduya"),
    (40, 160, "Beneficiary Tomas Lindqvist Barros"),
]


def _raster(pdf: Path, dpi: int) -> Path:
    """The page of ``pdf`` as a grey PNG beside it, printed at ``dpi``."""
    out = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf), str(out)], check=True)
    return pdf.with_suffix(".png")


def _read(path: Path) -> dict[str, object]:
    notice = one_notice(path)
    scores = field_confidence(notice)
    return {name: (notice.value(name), scores[name] >= FILE_WITHOUT_REVIEW) for name in scores}


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman", "Courier"])
def test_an_interview_notice_whose_labels_run_into_their_values_is_read(tmp_path: Path, font: str) -> None:
    got = _read(draw_cells(tmp_path / "interview.pdf", [INTERVIEW], font=font))
    assert got["receipt_number"] == ("IOE0912345678", True)
    assert got["form"][0] == "N-400"
    assert got["applicant"] == ("Halvard Okonkwo-Reyes", True)
    assert got["appointment"][0] == {"date": "2026-03-17", "time": "08:45", "location": "2250 Larchmont Avenue Room 4"}
    assert got["notice_type"] == (None, False)  # no kind of its own: a person says what it is


@pytest.mark.parametrize("font", ["Helvetica", "Courier"])
def test_parties_run_into_their_labels_are_read(tmp_path: Path, font: str) -> None:
    got = _read(draw_cells(tmp_path / "transfer.pdf", [TRANSFER], font=font))
    assert got["notice_type"] == ("transfer", True)
    assert got["petitioner"] == ("Maribel Oduya", True)
    assert got["beneficiary"] == ("Tomas Lindqvist Barros", True)


def test_a_scanned_run_in_appointment_notice_is_read(tmp_path: Path) -> None:
    got = _read(_raster(draw_cells(tmp_path / "biometrics.pdf", [BIOMETRICS], size=10), 200))
    assert got["notice_type"][0] == "biometrics"
    assert got["form"][0] == "I-765"
    assert got["applicant"][0] == "Wen-Li Abernathy"
    assert got["appointment"][0] == {"date": "2025-12-22", "time": "13:30", "location": "77 Quarry Road Suite 210"}


def test_a_heading_on_a_run_in_page_names_no_one(tmp_path: Path) -> None:
    """``Beneficiary Information`` heads the name on the next line: one word after a label is a heading's."""
    cells = [*TRANSFER[:6], (40, 146, "Beneficiary Information"), (40, 160, "Tomas Lindqvist Barros")]
    got = _read(draw_cells(tmp_path / "heading.pdf", [cells]))
    assert got["beneficiary"][0] != "Information"


def test_label_words_opening_sentences_on_a_page_with_colons_are_no_labels(tmp_path: Path) -> None:
    cells: list[Cell] = [
        (40, 30, "Department of Homeland Security"),
        (40, 56, "Biometrics Appointment Notice", 12),
        (40, 90, "Receipt Number: LIN2690012345"),
        (40, 104, "Case Type: I-765"),
        (40, 118, "Received Date: 11/20/2025"),
        (40, 132, "Notice Date: 12/01/2025"),
        (40, 160, "Applicant Support Center staff will take your fingerprints and photograph."),
        (40, 174, "Place 4 of the checklist lists what to bring; Date 12/22/2025 is your appointment day."),
    ]
    notice = one_notice(draw_cells(tmp_path / "colons.pdf", [cells]))
    assert notice.value("applicant") is None
    appointment = notice.value("appointment")
    assert not appointment or appointment.get("location") is None


def test_an_interview_notice_is_a_notice_and_a_letter_quoting_one_is_not(tmp_path: Path) -> None:
    assert parse_notice_file(draw_cells(tmp_path / "interview.pdf", [INTERVIEW])).notices
    letter: list[Cell] = [
        (40, 30, "Harrow & Vale Immigration Counsel"),
        (40, 60, "December 4, 2025"),
        (40, 90, "Dear Mr. Okonkwo-Reyes,"),
        (40, 110, "Enclosed is a copy of your Notice of Naturalization Interview, receipt IOE0912345678."),
        (40, 124, "Please call us before the date shown on it."),
        (40, 150, "Sincerely,"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "letter.pdf", [letter]))
    assert result.notices == []


@pytest.mark.parametrize(("mark", "read"), [("Aff", "201555014"), ("AH", "201555014"), ("Aff 201", None)])
def test_an_a_number_label_whose_mark_ocr_misread_still_labels_it(tmp_path: Path, mark: str, read: str | None) -> None:
    """OCR reads the small ``#`` of ``A#`` as ``ff`` or ``H``: such a label still labels an A-Number printed with its A
    (``Aff A201-555-014``), never a number without it."""
    number = "A201-555-014" if mark != "Aff 201" else "-555-014"
    cells = [*TRANSFER[:6], (40, 146, f"{mark} {number}"), (40, 160, "Applicant Tomas Lindqvist Barros")]
    notice = one_notice(draw_cells(tmp_path / "mark.pdf", [cells]))
    assert notice.value("a_number") == read


@pytest.mark.parametrize("bring", ["BRING", "Bring", "WHAT TO BRING"])
def test_the_next_columns_heading_is_no_place(tmp_path: Path, bring: str) -> None:
    """An appointment panel of three columns headed in one row (``WHEN``, ``WHERE``, ``BRING``), each value under
    its heading: the place is what stands under ``WHERE``, never the next column's heading beside it."""
    from .notice_cells import appointment_head

    cells: list[Cell] = [
        *appointment_head(),
        (50, 240, "WHEN", 7.5),
        (220, 240, "WHERE", 7.5),
        (430, 240, bring, 7.5),
        (50, 256, "03/17/2026", 10),
        (50, 270, "at 08:00", 10),
        (220, 256, "USCIS HARBOR POINT ASC", 9),
        (220, 268, "4410 Tidewater Boulevard", 9),
        (220, 280, "Harbor Point WA 98999", 9),
        (430, 256, "- this notice", 9),
        (430, 268, "- photo ID", 9),
    ]
    notice = one_notice(draw_cells(tmp_path / "panel.pdf", [cells], size=9.5))
    appointment = notice.value("appointment") or {}
    assert appointment.get("location") is None or "4410 Tidewater Boulevard" in appointment["location"]
    assert "BRING" not in str(appointment.get("location", "")).upper()


def test_a_letters_date_beside_a_column_of_facts_is_its_notice_date(tmp_path: Path) -> None:
    """A decision letter whose case facts stand in a column on the right from its first line (``Form:``, ``Case
    #:``, a name wrapping onto the date's row) and whose date stands alone in the left half under its sender: that
    date is the notice's (for review: no label names it)."""
    cells: list[Cell] = [
        (40, 30, "U.S. Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (40, 54, "Potomac Service Center"),
        (40, 66, "2200 Riverside Parkway"),
        (40, 78, "Arlington VA 22202"),
        (40, 102, "3 March 2026"),
        (340, 30, "Form:"),
        (420, 30, "I-129"),
        (340, 42, "Case #:"),
        (420, 42, "YSC2690012345"),
        (340, 66, "Petitioner:"),
        (420, 66, "QUILLSTONE ANALYTICS"),
        (420, 78, "CORPORATION"),
        (340, 90, "Beneficiary:"),
        (420, 90, "VARGAS-OKONJO, MARISELA"),
        (420, 102, "BEATRIZ"),
        (200, 160, "Request for Evidence", 12),
        (40, 190, "The evidence submitted does not establish eligibility. Submit the evidence listed below."),
        (40, 204, "Your response must be received in this office by 05/27/2026."),
        (40, 240, "Sincerely,"),
        (40, 270, "Director"),
    ]
    notice = one_notice(draw_cells(tmp_path / "letter.pdf", [cells]))
    assert notice.value("notice_type") == "rfe"
    assert notice.value("receipt_number") == "YSC2690012345"
    assert notice.value("notice_date") == "2026-03-03"
    assert notice.value("response_due") == "2026-05-27"


def test_the_nature_of_action_line_names_the_kind(tmp_path: Path) -> None:
    """An older printout names its kind on a ``NATURE OF ACTION:`` line, as others on ``NOTICE TYPE:``."""
    cells: list[Cell] = [
        (40, 30, "U.S. DEPARTMENT OF HOMELAND SECURITY"),
        (40, 60, "RECEIPT NUMBER: SRC0412345678"),
        (300, 60, "NOTICE DATE: 11/02/2004"),
        (40, 74, "CASE TYPE: I-130"),
        (40, 100, "PETITIONER: OKAFOR, ADAEZE"),
        (40, 114, "BENEFICIARY: OKAFOR, CHIDI"),
        (40, 140, "NATURE OF ACTION: TRANSFER NOTICE"),
        (40, 160, "WE HAVE TRANSFERRED YOUR CASE TO THE OFFICE SHOWN BELOW."),
    ]
    notice = one_notice(draw_cells(tmp_path / "printout.pdf", [cells], font="Courier"))
    assert notice.value("notice_type") == "transfer"


def test_a_company_doing_business_as_another_wrapped_over_its_caption(tmp_path: Path) -> None:
    """A side block of names over their captions whose company name wraps, its last word alone on a line over
    ``Petitioner`` (and ``d/b/a`` in it, no sentence's words): the name is read whole over its caption, and the
    beneficiary's over hers, never the next one down."""
    from .test_notices_captions_s12 import ATTORNEY, FACTS, HEAD

    side: list[Cell] = [
        (260, 80, "Notice of receipt", 11),
        (260, 100, "Quarry Hill Freight Holdings, LLC d/b/a Quarry Hill"),
        (260, 111, "Logistics"),
        (260, 123, "Petitioner", 7),
        (260, 145, "Marisela Beatriz Vargas-Okonjo"),
        (260, 157, "Beneficiary", 7),
        *ATTORNEY,
    ]
    notice = one_notice(draw_cells(tmp_path / "side.pdf", [HEAD + FACTS + side]))
    assert notice.value("petitioner") == "Quarry Hill Freight Holdings, LLC d/b/a Quarry Hill Logistics"
    assert notice.value("beneficiary") == "Marisela Beatriz Vargas-Okonjo"


def test_a_name_over_its_caption_with_a_hanging_line_goes_to_review(tmp_path: Path) -> None:
    """A company's name over its caption whose last words hang indented on the next line (right of the column):
    the column's run leaves that line out, so the name read is cut. It goes to a person, never filed cut."""
    from .test_notice_trust_s13 import PARTY_HEAD

    side: list[Cell] = [
        (330, 100, "LARKSPUR TIDEWORKS MARINE HOLDINGS LLC D/B/A TIDEWORKS"),
        (370, 111, "SHIPPING"),
        (330, 122, "Petitioner", 7),
        (330, 133, "SZYMANSKA, OLIWIA"),
        (330, 144, "Beneficiary", 7),
    ]
    notice = one_notice(draw_cells(tmp_path / "hanging.pdf", [PARTY_HEAD + side]))
    assert field_confidence(notice)["petitioner"] < FILE_WITHOUT_REVIEW
