"""Notices in shapes the grid generators never draw: USCIS decision letters, dot-leader printouts, ASC
appointment notices (also two on one sheet), and a name wrapping onto a line the reader did not join.

``samples/notices/letters.py`` draws them (from descriptions of real notices, not from the reader's
patterns); a few are made at run time and must read exactly, and a law firm's cover letter quoting a
receipt number must still give no notice. Then the rules behind them, each on a page built from words.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, REVIEW_BELOW, TRUSTED_EVIDENCE, field_confidence
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import notice_score, read_notice
from docgen.notices.split import split_pages

from .conftest import SAMPLES


def _letters() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notice_letters", SAMPLES / "notices" / "letters.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["notice_letters"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("letters")
    _letters().write_letters(out, count=12, scans=0, seed=2028)  # three of each family, and a cover letter
    return out / "letters-text"


def test_letters_printouts_and_appointment_notices_read_exactly(letters: Path) -> None:
    files = sorted(letters.glob("*.pdf"))
    assert {path.name.split("-")[1] for path in files if path.name.startswith("l")} == {
        "letter",
        "mainframe",
        "asc",
    }
    for path in files:
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        result = parse_notice_file(path)
        got = result.to_dict()
        assert len(got["notices"]) == len(want["notices"]), path.name  # two on one sheet: two
        if not want["notices"]:
            assert got["reason"] == want["reason"], path.name  # the law firm's cover letter
        for notice, read, truth in zip(got["notices"], result.notices, want["notices"], strict=True):
            assert {key: notice[key] for key in truth} == truth, path.name
            for name in FIELDS:
                if truth[name] is not None and name != "notice_type":
                    # Filed without review on its own label's evidence; a letter's date line (by position)
                    # or a date in a sentence goes to review (docgen.notices.model.TRUSTED_EVIDENCE).
                    trusted = read.readings[name].evidence in TRUSTED_EVIDENCE
                    assert (notice["confidence"][name] >= REVIEW_BELOW) == trusted, (path.name, name)


def _page(rows: list[list[tuple[float, str]]], method: str = "text", step: float = 14.0) -> Page:
    words = []
    for index, row in enumerate(rows):
        y = 40 + step * index
        words += [Word(text, x, y, x + 6 * len(text), y + 10, 96.0) for x, text in row]
    return Page(1, group_lines(words), method, 1.0 if method == "text" else 0.95)


LETTERHEAD = [
    [(72, "U.S. Department of Homeland Security")],
    [(72, "U.S. Citizenship and Immigration Services")],
    [(72, "Nebraska Service Center")],
    [(72, "P.O. Box 82521")],
]
HEADER = [
    [(72, "Form:"), (220, "I-140, Immigrant Petition for Alien Worker")],
    [(72, "Receipt Number:"), (220, "LIN2615832713")],
    [(72, "Petitioner:"), (220, "TALLGRASS DATA SYSTEMS CORPORATION")],
    [(72, "Beneficiary:"), (220, "OCAMPO, NOOR T")],
]
CLOSE = [[(72, "Sincerely,")], [(72, "Loren K. Whitaker")], [(72, "Director, Nebraska Service Center")]]


def _letter(heading: str, sentence: str) -> list[list[tuple[float, str]]]:
    return [
        *LETTERHEAD,
        [(72, "May 11, 2026")],
        [(72, "TALLGRASS DATA SYSTEMS CORPORATION")],
        [(72, "450 LEXINGTON AVE FL 12")],
        *HEADER,
        [(250, heading)],
        [(72, "The petition identified above was filed under section 203(b) of the Act.")],
        [(72, sentence)],
        *CLOSE,
    ]


def test_a_uscis_decision_letter_is_a_notice_dated_by_its_date_line() -> None:
    page = _page(_letter("DECISION", "For the reasons above, the petition is denied."))
    assert notice_score(default_patterns(), page) >= default_patterns().notice_threshold
    notice = read_notice(default_patterns(), [page])
    assert notice.value("notice_date") == "2026-05-11"  # the date line alone under the letterhead
    assert notice.value("receipt_number") == "LIN2615832713"
    assert notice.value("petitioner") == "TALLGRASS DATA SYSTEMS CORPORATION"
    # The kind from the operative sentence under a DECISION heading: kept, but for review.
    assert notice.value("notice_type") == "denial"
    assert field_confidence(notice)["notice_type"] < FILE_WITHOUT_REVIEW
    noid = read_notice(default_patterns(), [_page(_letter("NOTICE OF INTENT TO REVOKE", "We intend to revoke."))])
    assert noid.value("notice_type") == "noid"


def test_a_decision_heading_alone_or_a_sentence_alone_decides_no_kind() -> None:
    alone = read_notice(default_patterns(), [_page(_letter("DECISION", "We have reviewed the record."))])
    assert alone.value("notice_type") is None
    rows = _letter("DISCUSSION", "For the reasons above, the petition is denied.")
    assert read_notice(default_patterns(), [_page(rows)]).value("notice_type") is None
    both = _letter("DECISION", "The application is approved. The petition is denied.")
    assert read_notice(default_patterns(), [_page(both)]).value("notice_type") is None


def test_a_law_firm_letter_naming_uscis_and_a_director_is_no_notice() -> None:
    """The firm is the sender (its letterhead at the top); USCIS and its Director are only the addressee."""
    rows = [
        [(72, "ABERNATHY & OKONKWO LLP")],
        [(72, "450 Lexington Avenue, New York, NY 10017")],
        [(72, "June 2, 2026")],
        [(72, "Director, Nebraska Service Center")],
        [(72, "U.S. Citizenship and Immigration Services")],
        [(72, "U.S. Department of Homeland Security")],
        [(72, "Re:"), (220, "Response to Notice of Intent to Deny")],
        *HEADER[1:],
        [(72, "DECISION")],
        [(72, "Dear Sir or Madam:")],
        [(72, "Enclosed please find our response. The petition is denied, the notice says; we disagree.")],
        [(72, "Sincerely,")],
        [(72, "Ruth Abernathy, Esq.")],
    ]
    page = _page(rows)
    assert notice_score(default_patterns(), page) < default_patterns().notice_threshold
    assert split_pages(default_patterns(), [page]) == ([], [1])


def test_dot_leader_labels_and_two_pairs_a_line() -> None:
    rows = [
        [(36, "DEPARTMENT OF HOMELAND SECURITY")],
        [(36, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES"), (322, "I-797 NOTICE OF ACTION")],
        [(36, "NOTICE TYPE........: APPROVAL NOTICE")],
        [(36, "RECEIPT NUMBER.....: LIN-25-158-32713"), (261, "CASE TYPE: I140")],
        [(36, "RECEIPT DATE.......: 31-MAR-2025"), (261, "PRIORITY DATE: 11-MAR-2025")],
        [(36, "NOTICE DATE........: 03-APR-2025"), (261, "PAGE: 1 OF 1")],
        [(36, "PETITIONER.........: TALLGRASS DATA SYSTEMS CORPORATION")],
        [(36, "BENEFICIARY........: OCAMPO, NOOR T")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)]).to_dict()
    assert notice["receipt_number"] == "LIN2515832713"
    assert (notice["received_date"], notice["priority_date"], notice["notice_date"]) == (
        "2025-03-31",
        "2025-03-11",
        "2025-04-03",
    )
    assert (notice["petitioner"], notice["beneficiary"]) == ("TALLGRASS DATA SYSTEMS CORPORATION", "OCAMPO, NOOR T")
    assert (notice["notice_type"], notice["form"]) == ("approval", "I-140")


def test_a_name_running_into_the_value_column_of_a_padded_line_is_joined() -> None:
    """A fixed-pitch printout line is one run: where its value starts is measured inside the run."""
    long_name = "THE BOARD OF TRUSTEES OF THE COMMONWEALTH AGRICULTURAL AND MECHANICAL UNIVERSITY"
    first, _, rest = long_name.partition(" AGRICULTURAL ")
    rest = "AGRICULTURAL " + rest
    label = "PETITIONER.........: "
    rows = [
        [(36, "RECEIPT NUMBER.....: LIN2515832713")],
        [(36, "NOTICE TYPE........: RECEIPT")],
        [(36, label + first)],
        [(36 + 6 * len(label), rest)],
        [(36, "BENEFICIARY........: OCAMPO, NOOR T")],
    ]
    notice = read_notice(default_patterns(), [_page(rows, step=12)])
    assert notice.value("petitioner") == long_name


@pytest.mark.parametrize("method", ["text", "ocr"])
def test_a_name_wrapping_onto_a_line_not_joined_is_completed_or_reviewed(method: str) -> None:
    def petitioner(second: str) -> tuple[object, float]:
        rows = [
            [(40, "RECEIPT NUMBER"), (300, "NOTICE DATE")],
            [(40, "LIN2515832713"), (300, "04/03/2025")],
            [(40, "PETITIONER"), (300, "NOTICE TYPE")],
            [(40, "PINECREST VECTOR LOGISTICS"), (300, "RECEIPT NOTICE")],
            [(40, second)],
        ]
        words = []
        for index, row in enumerate(rows):
            y = 40 + 14 * index + (6 if index == 4 else 0)  # a wider gap than a box's lines: not read as one
            words += [Word(text, x, y, x + 6 * len(text), y + 10, 96.0) for x, text in row]
        page = Page(1, group_lines(words), method, 1.0 if method == "text" else 0.95)
        notice = read_notice(default_patterns(), [page])
        return notice.value("petitioner"), field_confidence(notice)["petitioner"]

    assert petitioner("CORPORATION") == ("PINECREST VECTOR LOGISTICS CORPORATION", pytest.approx(1.0, abs=0.01))
    value, confidence = petitioner("AND FREIGHT")
    assert value == "PINECREST VECTOR LOGISTICS" and confidence < FILE_WITHOUT_REVIEW  # unsure: for review


def test_two_appointment_notices_on_one_sheet_without_a_banner_are_two() -> None:
    def half(receipt: str, name: str, heading: list[tuple[float, str]]) -> list[list[tuple[float, str]]]:
        return [
            [(40, "U.S. Department of Homeland Security")],
            [(40, "RECEIPT NUMBER"), (200, "CASE TYPE"), (360, "APPLICANT")],
            [(40, receipt), (200, "I485"), (360, name)],
            [(40, "RECEIVED DATE"), (150, "NOTICE DATE"), (260, "PAGE")],
            [(40, "06/10/2025"), (150, "06/14/2025"), (260, "1 of 1")],
            heading,
            [(40, "Please appear at the Application Support Center below at the date and time specified.")],
            [(40, "APPLICATION SUPPORT CENTER"), (330, "DATE AND TIME OF APPOINTMENT")],
            [(40, "USCIS PHOENIX"), (330, "07/11/2025")],
            [(40, "1330 S 16TH ST"), (330, "10:00 AM")],
            [(40, "PHOENIX AZ 85034")],
            [],
            *[[(40, "Bring this notice and a photo ID.")]] * 6,
        ]

    spaced = [(200, "A S C A P P O I N T M E N T N O T I C E")]  # letter-spaced, as a text layer gives it
    apart = [(200, "ASC"), (260, "APPOINTMENT"), (360, "NOTICE")]  # set so wide OCR reads three pieces
    page = _page([*half("MSC2508742904", "OKONKWO, ANH", spaced), *half("MSC2508742905", "TRAN, DEVIKA", apart)])
    groups, skipped = split_pages(default_patterns(), [page])
    assert len(groups) == 2 and not skipped
    read = [read_notice(default_patterns(), group).to_dict() for group in groups]
    assert [notice["applicant"] for notice in read] == ["OKONKWO, ANH", "TRAN, DEVIKA"]
    for notice in read:
        assert notice["notice_type"] == "biometrics"
        assert notice["appointment"] == {
            "date": "2025-07-11",
            "time": "10:00",
            "location": "USCIS PHOENIX, 1330 S 16TH ST, PHOENIX AZ 85034",
        }


def test_two_column_headings_set_close_together_are_two_labels() -> None:
    """``APPLICATION SUPPORT CENTER`` and ``DATE AND TIME OF APPOINTMENT`` so close they form one segment."""
    rows = [
        [(40, "RECEIPT NUMBER"), (300, "NOTICE DATE")],
        [(40, "MSC2508742904"), (300, "06/14/2025")],
        [(40, "NOTICE TYPE")],
        [(40, "ASC APPOINTMENT NOTICE")],
        [],
        [(40, "APPLICATION SUPPORT CENTER"), (40 + 6 * 26 + 4, "DATE AND TIME OF APPOINTMENT")],
        [(40, "USCIS PHOENIX"), (200, "07/11/2025")],
        [(40, "1330 S 16TH ST"), (200, "10:00 AM")],
        [(40, "PHOENIX AZ 85034")],
    ]
    page = _page(rows)
    assert len(page.lines[4].segments) == 1  # one segment, as the page reads it
    notice = read_notice(default_patterns(), [page])
    assert notice.value("appointment") == {
        "date": "2025-07-11",
        "time": "10:00",
        "location": "USCIS PHOENIX, 1330 S 16TH ST, PHOENIX AZ 85034",
    }


def test_a_uscis_header_without_a_letter_under_it_is_no_letterhead() -> None:
    """An online account printout opening with the agency's name and quoting a receipt number is no notice:
    a letterhead counts only above a letter's date line."""
    rows = [
        *LETTERHEAD[:2],
        [(72, "myUSCIS Account - Case Status")],
        [(72, "Receipt Number:"), (220, "LIN2615832713")],
        [(72, "Case Was Received and A Receipt Notice Was Sent")],
    ]
    page = _page(rows)
    assert notice_score(default_patterns(), page) < default_patterns().notice_threshold
    dated = _page([*LETTERHEAD[:2], [(72, "May 11, 2026")], *rows[2:]])
    assert notice_score(default_patterns(), dated) > notice_score(default_patterns(), page)
