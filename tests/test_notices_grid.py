"""Issue 14, fourth round: layouts and wordings the reader was not tuned on (classes found on a sealed set).

A field label is no kind title (``Receipt #`` on its own row); ``Type of Notice`` is the Notice Type label;
an ``APPOINTMENT NOTICE`` is a biometrics notice when it sends the person to an ASC, never an interview;
a Notice of Intent to Revoke is a NOID; the applicant's A-Number and name on one line; an older Courier
grid whose name has a comma; a label is never a name; a letter's sentence beside a label is not its value.
The samples come from ``samples/notices/variants.py --grid-families`` (drawn at run time).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import REVIEW_BELOW
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice

from .test_notices_variants import HEADER, _page, _variants


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("grid")
    module = _variants()
    module.write_variants(out, count=16, scans=0, seed=2028, families=module.GRID_FAMILIES)
    return out / "variants-text"


def test_grid_and_courier_notices_read_exactly(grid: Path) -> None:
    files = sorted(grid.glob("v*.pdf"))
    assert len(files) == 16
    kinds = set()
    for path in files:
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        got = parse_notice_file(path).to_dict()
        assert len(got["notices"]) == len(want["notices"]), path.name
        for notice, truth in zip(got["notices"], want["notices"], strict=True):
            assert {key: notice[key] for key in truth} == truth, path.name
            kinds.add(truth["notice_type"])
            for name in FIELDS:
                if truth[name] is not None:
                    assert notice["confidence"][name] >= REVIEW_BELOW, (path.name, name)
    assert {"biometrics", "noid"} <= kinds  # the set holds the classes it is about


def _kind(rows: list[list[tuple[float, str]]]) -> str | None:
    value = read_notice(default_patterns(), [_page(rows)]).value("notice_type")
    return None if value is None else str(value)


@pytest.mark.parametrize("receipt_label", ["Receipt #", "Receipt Number", "RECEIPT NO.", "Receipt:", "RECEIPT"])
@pytest.mark.parametrize("type_label", ["Type of Notice", "Notice Type", "NOTICE TYPE:", "Type of Action"])
def test_a_receipt_label_on_its_own_row_is_no_kind_title(receipt_label: str, type_label: str) -> None:
    rows = [
        *HEADER,
        [(40, receipt_label), (220, type_label), (400, "Notice Date")],
        [(40, "EAC2690012345"), (220, "Approval Notice"), (400, "06/05/2026")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert (notice.value("notice_type"), notice.value("receipt_number")) == ("approval", "EAC2690012345")
    assert notice.readings["notice_type"].confidence >= REVIEW_BELOW


@pytest.mark.parametrize(
    ("name", "place", "kind"),
    [
        ("APPOINTMENT NOTICE", "APPLICATION SUPPORT CENTER", "biometrics"),
        ("Appointment Notice", "USCIS IRVING ASC", "biometrics"),
        ("Biometric Appointment", "USCIS IRVING ASC", "biometrics"),
        ("APPOINTMENT NOTICE", "FIELD OFFICE: 1 MAIN ST", None),  # where to? not decided: review
        ("Appointment Notice", "INTERVIEW AT THE DALLAS FIELD OFFICE", None),  # an interview is no biometrics
        ("Interview Notice", "APPLICATION SUPPORT CENTER", None),
    ],
)
def test_an_appointment_notice_is_biometrics_only_at_an_asc(name: str, place: str, kind: str | None) -> None:
    rows = [
        *HEADER,
        [(40, "Receipt #"), (220, "Type of Notice")],
        [(40, "EAC2690012345"), (220, name)],
        [(40, place)],
    ]
    assert _kind(rows) == kind


def test_an_asc_appointment_block_is_read_on_an_appointment_notice() -> None:
    rows = [
        *HEADER,
        [(40, "Receipt #"), (220, "NOTICE TYPE:"), (400, "Notice Date")],
        [(40, "IOE0912345678"), (220, "APPOINTMENT NOTICE"), (400, "12/20/2013")],
        [(40, "APPLICATION SUPPORT CENTER")],
        [(40, "USCIS IRVING ASC")],
        [(40, "8101 N STEMMONS FWY")],
        [(40, "DALLAS TX 75247")],
        [(40, "DATE AND TIME OF APPOINTMENT")],
        [(40, "01/13/2014 at 8:00 AM")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("notice_type") == "biometrics"
    assert notice.value("appointment") == {
        "date": "2014-01-13",
        "time": "08:00",
        "location": "USCIS IRVING ASC, 8101 N STEMMONS FWY, DALLAS TX 75247",
    }


@pytest.mark.parametrize("label", ["Respond By", "Response Due", "Reply By", "Response Due Date"])
def test_a_notice_of_intent_to_revoke_is_a_noid_with_its_response_date(label: str) -> None:
    rows = [
        *HEADER,
        [(40, "Receipt Number"), (220, "Type of Notice"), (400, label)],
        [(40, "WAC2390012345"), (220, "Notice of Intent to Revoke"), (400, "09/10/2023")],
        [(40, "Notice Date: 08/07/2023")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert (notice.value("notice_type"), notice.value("response_due")) == ("noid", "2023-09-10")
    sentence = [*rows[:2], [(40, "NOIR")], rows[3], [(40, "Your response must be received by Sep 10, 2023.")]]
    notice = read_notice(default_patterns(), [_page(sentence)])
    assert (notice.value("notice_type"), notice.value("response_due")) == ("noid", "2023-09-10")


@pytest.mark.parametrize("method", ["text", "ocr"])
def test_the_a_number_and_a_mixed_case_name_on_one_line(method: str) -> None:
    rows = [
        *HEADER,
        [(40, "Receipt #"), (220, "Notice Type")],
        [(40, "WAC2690012345"), (220, "Receipt Notice")],
        [(40, "Applicant")],
        [(40, "A# 216-312-494 Kwame C. Vargas")],
    ]
    notice = read_notice(default_patterns(), [_page(rows, method)])
    assert (notice.value("applicant"), notice.value("a_number")) == ("Kwame C. Vargas", "216312494")
    if method == "text":
        assert notice.readings["applicant"].confidence >= REVIEW_BELOW


@pytest.mark.parametrize("method", ["text", "ocr"])
@pytest.mark.parametrize("slot", ["BENEFICIARY", "BENEFICIARV", "Beneficiary:"])
def test_a_label_is_never_a_name(method: str, slot: str) -> None:
    rows = [
        *HEADER,
        [(40, "RECEIPT NUMBER"), (220, "NOTICE TYPE")],
        [(40, "WAC2690012345"), (220, "RECEIPT NOTICE")],
        [(40, "PETITIONER")],
        [(40, slot)],
        [(300, "DOE, JANE")],
    ]
    notice = read_notice(default_patterns(), [_page(rows, method)])
    assert notice.value("petitioner") is None


def test_two_table_cells_run_together_give_no_name() -> None:
    rows = [
        *HEADER,
        [(40, "Receipt Number"), (130, "WAC2690012345"), (300, "Notice Type"), (380, "Receipt Notice")],
        [(40, "Petitioner"), (130, "TRANSCONTINENTAL DESIGN BENEFICIARY"), (380, "ROE, RICHARD")],
    ]
    assert read_notice(default_patterns(), [_page(rows)]).value("petitioner") is None


def test_a_sentence_beside_a_label_is_not_its_value() -> None:
    """The two-column page: small labels over values on the left, the letter on the right."""
    rows = [
        *HEADER,
        [(36, "RECEIPT NUMBER"), (240, "RUTH ABERNATHY ESQ")],
        [(36, "WAC2690012345")],
        [(36, "NOTICE DATE"), (240, "Your response must be received by June 30, 2026.")],
        [(36, "06/05/2026"), (240, "Additional evidence is needed before we can decide the case.")],
        [(36, "APPLICANT"), (240, "detailed description of the duties and the share of time spent on each")],
        [(36, "DOE, JANE A"), (240, "You are scheduled to appear for biometrics at the following place:")],
        [(36, "BENEFICIARY"), (250, "USCIS DENVER ASC")],
        [(36, "ROE, RICHARD"), (250, "12445 EAST CALEY AVENUE")],
        [(36, "NOTICE TYPE"), (250, "Please bring this notice and your photo identification with you.")],
        [(36, "Request for Evidence")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("notice_date") == "2026-06-05"
    assert notice.value("applicant") == "DOE, JANE A"
    assert notice.value("beneficiary") == "ROE, RICHARD"
    # A ruled table keeps its value cells: values near their label, no sentence in their column.
    table = [
        *HEADER,
        [(36, "Receipt Number"), (126, "WAC2690012345"), (306, "Notice Date"), (396, "06/05/2026")],
        [(36, "Notice Type"), (126, "Request for Evidence"), (306, "Class"), (396, "H1B")],
        [(36, "Petitioner"), (126, "ACME ROBOTICS INC"), (306, "Beneficiary"), (396, "ROE, RICHARD")],
        [(36, "We need more evidence before we can decide the case; send it to the office below.")],
    ]
    notice = read_notice(default_patterns(), [_page(table)])
    assert (notice.value("petitioner"), notice.value("beneficiary")) == ("ACME ROBOTICS INC", "ROE, RICHARD")


def test_two_values_run_together_are_cut_at_the_next_label_column() -> None:
    """Values printed over their labels; a long petitioner name runs up to the beneficiary's value, too close
    for their gap to part them: the next label's column parts them."""
    company = "NORTHERN LIGHTS PEDIATRIC ASSOCIATES PLLC"
    second = 40 + 6 * len(company) + 10
    rows = [
        *HEADER,
        [(40, "RECEIPT NOTICE")],
        [(40, "WAC2690012345"), (300, "06/05/2026")],
        [(40, "RECEIPT NUMBER"), (300, "NOTICE DATE")],
        [(40, company), (second, "TRAN, INGRID M")],
        [(40, "PETITIONER"), (second, "BENEFICIARY")],
    ]
    page = _page(rows)
    assert [seg.text for seg in page.lines[5].segments] == [f"{company} TRAN, INGRID M"]  # one segment
    notice = read_notice(default_patterns(), [page])
    assert (notice.value("petitioner"), notice.value("beneficiary")) == (company, "TRAN, INGRID M")


def test_a_figure_first_and_words_after_it_is_a_value() -> None:
    rows = [
        *HEADER,
        [(40, "Receipt Number"), (130, "WAC2690012345")],
        [(40, "Notice Type"), (130, "Receipt Notice")],
        [(40, "Amount"), (130, "$1,710.00 (one thousand seven hundred ten dollars and no cents)")],
    ]
    assert read_notice(default_patterns(), [_page(rows)]).value("amount") == "1710.00"


@pytest.mark.parametrize("method", ["text", "ocr"])
def test_a_date_lost_under_its_label_is_not_taken_from_the_label_above(method: str) -> None:
    """A stacked column of labels over values; OCR kept only ``SEP`` of the notice date. The received date
    over the NOTICE DATE label is the RECEIVED DATE label's value, not a sign that values sit above here."""
    rows = [
        *HEADER,
        [(40, "RECEIPT NUMBER")],
        [(40, "SRC2377095862"), (250, "FINGERPRINT NOTIFICATION")],
        [(40, "RECEIVED DATE")],
        [(40, "06-SEP-2023")],
        [(40, "NOTICE DATE")],
        [(40, "SEP")],
        [(40, "APPLICANT")],
        [(40, "O'DONNELL, SIOBHAN")],
    ]
    notice = read_notice(default_patterns(), [_page(rows, method)])
    assert notice.value("received_date") == "2023-09-06"
    assert notice.value("notice_date") is None


def test_a_sentence_wrapping_beside_another_column_is_read_whole() -> None:
    """The appointment sentence wraps (``... at 8:00`` / ``a.m. at the following location:``) and a line of
    the left column sits between its two lines in the page's text."""
    words = [
        Word("THE UNITED STATES OF AMERICA", 200, 20, 380, 30),
        Word("Form I-797C, Notice of Action", 36, 40, 200, 50),
        Word("ASC APPOINTMENT NOTICE", 240, 60, 400, 72),
        Word("RECEIPT NUMBER", 36, 90, 90, 96),
        Word("SRC2582577260", 36, 100, 100, 108),
        Word("NOTICE DATE", 36, 120, 80, 126),
        Word("You are scheduled to appear for biometrics on Tuesday, September 2, 2025 at 8:00", 240, 124, 560, 133),
        Word("14-AUG-2025", 36, 130, 80, 138),
        Word("a.m. at the following location:", 240, 136, 360, 145),
        Word("USCIS BALTIMORE ASC", 250, 150, 350, 159),
        Word("3701 KOPPERS STREET", 250, 162, 350, 171),
    ]
    notice = read_notice(default_patterns(), [Page(1, group_lines(words), "text")])
    assert notice.value("notice_date") == "2025-08-14"
    appointment = notice.value("appointment")
    assert appointment is not None
    assert (appointment["date"], appointment["time"]) == ("2025-09-02", "08:00")


def test_a_value_cell_run_into_the_next_label_cell_is_parted() -> None:
    """A ruled table, two pairs a row: a long petitioner name ends close to the next label cell, so the two
    make one segment; the label is found inside it and both values are read."""
    name = "TRANSCONTINENTAL SEMICONDUCTOR DESIGN"
    label_x = 130 + 6 * len(name) + 10
    rows = [
        *HEADER,
        [(40, "Receipt Number"), (130, "WAC2690012345"), (label_x, "Notice Type"), (label_x + 90, "Receipt Notice")],
        [(40, "Petitioner"), (130, name), (label_x, "Beneficiary"), (label_x + 90, "OKONKWO, INGRID")],
    ]
    page = _page(rows)
    assert [seg.text for seg in page.lines[3].segments][1] == f"{name} Beneficiary"
    notice = read_notice(default_patterns(), [page])
    assert (notice.value("petitioner"), notice.value("beneficiary")) == (name, "OKONKWO, INGRID")
