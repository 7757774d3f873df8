"""Issue 14, session 12: party names printed over their captions, and names over their mailing address.

Two classes the opened twelfth set showed, drawn here in a layout of our own (a column of facts, labels over
values, beside a side block of parties): a side block whose names stand *over* their captions (``ACME CORP``
over ``Petitioner``) while the page's typed labels stand over their values, followed by the mailing block (the
reader took each caption's next name, and the attorney's mailing block as the beneficiary); and a party's box
holding the name over its street and city lines (the reader joined the address into the name). A name never
runs into a street line or a city, state and ZIP code line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.notices.fields import _postal_line
from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence

from .notice_cells import Cell, draw_cells, one_notice

HEAD: list[Cell] = [
    (40, 30, "Department of Homeland Security", 10),
    (40, 43, "U.S. Citizenship and Immigration Services", 10),
    (400, 36, "I-797C Notice of Action", 10),
]
FACTS: list[Cell] = [  # labels over their values: the page's typed labels vote "values below"
    (40, 80, "Receipt No.", 7),
    (40, 90, "WAC2612345678"),
    (40, 112, "Form", 7),
    (40, 122, "I-129"),
    (40, 144, "Date received", 7),
    (40, 154, "03/02/2026"),
    (40, 176, "Notice date", 7),
    (40, 186, "03/09/2026"),
]
ATTORNEY: list[Cell] = [
    (260, 184, "EDITH MARLOWE"),
    (260, 195, "MARLOWE AND PIKE LLP"),
    (260, 206, "410 HARBOR VIEW DRIVE SUITE 12"),
    (260, 217, "PORTLAND ME 04101"),
    (260, 250, "We have received your petition and will write to you when we decide it."),
]
SENTENCE = (260, 210, "We have received your application and will write to you when we decide it.")


def _read(tmp_path: Path, side: list[Cell], font: str) -> dict[str, object]:
    notice = one_notice(draw_cells(tmp_path / "notice.pdf", [HEAD + FACTS + side], font=font))
    scores = field_confidence(notice)
    return {name: (notice.value(name), scores[name] >= FILE_WITHOUT_REVIEW) for name in scores}


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman", "Courier"])
def test_names_over_their_captions_are_read_over_them_not_under(tmp_path: Path, font: str) -> None:
    side: list[Cell] = [
        (260, 80, "Notice of receipt", 11),
        (260, 104, "ORCHARD LANE ROBOTICS CORP"),
        (260, 116, "Petitioner", 7),
        (260, 138, "VASQUEZ-LINDQVIST, TOMAS"),
        (260, 150, "Beneficiary", 7),
        *ATTORNEY,
    ]
    got = _read(tmp_path, side, font)
    assert got["receipt_number"] == ("WAC2612345678", True)
    assert got["petitioner"][0] == "ORCHARD LANE ROBOTICS CORP"
    assert got["beneficiary"][0] == "VASQUEZ-LINDQVIST, TOMAS"  # never the attorney's mailing block


@pytest.mark.parametrize("font", ["Helvetica", "Courier"])
@pytest.mark.parametrize(("heading", "size"), [("Receipt", 11.0), ("Receipt Notice", 9.0), ("Approval", 9.0)])
def test_an_applicant_over_its_caption_with_the_a_number_over_it(
    tmp_path: Path, font: str, heading: str, size: float
) -> None:
    """The name alone: never the heading or the A-Number set close over it joined in (``Receipt A-201... Ngozi``)."""
    side: list[Cell] = [
        (260, 100 - size - 2, heading, size),
        (260, 100, "A-201-555-014"),
        (260, 112, "Ngozi Adebayo-Finch"),
        (260, 124, "Applicant", 7),
        (260, 150, "NGOZI ADEBAYO-FINCH"),
        (260, 161, "77 QUARRY HILL RD APT 3"),
        (260, 172, "BURLINGTON VT 05401"),
        SENTENCE,
    ]
    got = _read(tmp_path, side, font)
    assert got["applicant"][0] == "Ngozi Adebayo-Finch"
    assert got["a_number"][0] == "201555014"


def test_a_name_over_its_caption_under_a_heading_set_close(tmp_path: Path) -> None:
    side: list[Cell] = [
        (260, 91, "Approval", 9),
        (260, 102, "Aoife McDonagh"),
        (260, 114, "Applicant", 7),
        SENTENCE,
    ]
    assert _read(tmp_path, side, "Helvetica")["applicant"][0] == "Aoife McDonagh"


@pytest.mark.parametrize(
    "address",
    [
        ("77 QUARRY HILL RD APT 3", "BURLINGTON VT 05401"),
        ("1200 W. Lake Shore Drive, Unit 4B", "Chicago, IL 60610-2211"),
        ("P.O. Box 41772", "Tucson AZ 85717"),
    ],
)
def test_a_name_over_its_mailing_address_in_one_box_is_the_name_alone(tmp_path: Path, address: tuple[str, str]) -> None:
    side: list[Cell] = [
        (260, 80, "Receipt", 11),
        (260, 104, "Applicant", 7),
        (260, 116, "NGOZI ADEBAYO-FINCH"),
        (260, 127, address[0]),
        (260, 138, address[1]),
        SENTENCE,
    ]
    assert _read(tmp_path, side, "Helvetica")["applicant"][0] == "NGOZI ADEBAYO-FINCH"


def test_labels_over_their_names_still_read_under_with_a_mailing_block_further_down(tmp_path: Path) -> None:
    side: list[Cell] = [
        (260, 80, "Receipt", 11),
        (260, 100, "Petitioner", 7),
        (260, 110, "ORCHARD LANE ROBOTICS CORP"),
        (260, 132, "Beneficiary", 7),
        (260, 142, "VASQUEZ-LINDQVIST, TOMAS"),
        *ATTORNEY,
    ]
    got = _read(tmp_path, side, "Helvetica")
    assert got["petitioner"] == ("ORCHARD LANE ROBOTICS CORP", True)
    assert got["beneficiary"] == ("VASQUEZ-LINDQVIST, TOMAS", True)


@pytest.mark.parametrize(
    ("line", "postal"),
    [
        ("2839 LINDEN RD", True),
        ("410 Harbor View Drive, Suite 12", True),
        ("PORTLAND OR 97214", True),
        ("Madison, WI 53703-1201", True),
        ("P.O. Box 648003", True),
        ("ORCHARD LANE ROBOTICS CORP", False),
        ("DE LA CRUZ-MORALES, MARIA JOSEFINA", False),
        ("VASQUEZ-LINDQVIST, TOMAS", False),
        ("SAINT LOUIS PARK ROBOTICS LLC", False),
    ],
)
def test_postal_lines(line: str, postal: bool) -> None:
    assert _postal_line(line) is postal
