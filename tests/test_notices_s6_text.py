"""Text-notice layout classes from the sixth round of issue 14, each on a notice drawn here (reportlab).

Classes, told in words (no file of any evaluation set is copied): labels abbreviated as printouts print them
(``RCPT NBR``, ``NTC DT``, ``AMT RCVD``); short labels alone in their cell (``Received``, ``Dated``, ``Fee``);
a half sheet of two label/value columns whose right column holds the A-Number over the name; amounts
behind a check-protection fill; a weekday before a response date; a table's headings centred over
left-aligned values; I-94 numbers in other groupings and a heading run together with the next column's;
more label wordings and forms. The traps sit beside each rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, Notice, field_confidence
from docgen.notices.patterns import default_patterns
from docgen.notices.titles import form_by_title
from docgen.notices.values import read_i94, read_money
from tests.notice_cells import TOP, Cell, draw_cells, one_notice


def _trusted(notice: Notice, *names: str) -> None:
    confidence = field_confidence(notice)
    for name in names:
        assert confidence[name] >= FILE_WITHOUT_REVIEW, (name, notice.readings[name])


HEAD: list[Cell] = [
    (47, 40, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES"),
    (330, 40, "FORM I-797C"),
    (47, 53, "NOTICE OF ACTION"),
    (330, 53, "PAGE 1 OF 1"),
]


# ------------------------------------------------------------------ labels abbreviated as a printout prints them


def test_a_printout_with_abbreviated_labels(tmp_path: Path) -> None:
    rows: list[Cell] = [
        *HEAD,
        (47, 80, "RCPT NO.:"),
        (110, 80, "EAC 26 123 45678"),
        (265, 80, "NOTICE DT:"),
        (330, 80, "04/02/2026"),
        (47, 94, "FORM TYPE: I131 - APPLICATION FOR TRAVEL DOCUMENT"),
        (47, 108, "DATE RCVD:"),
        (110, 108, "03-FEB-2026"),
        (265, 108, "PRIO DT:"),
        (47, 122, "NTC TYPE:"),
        (110, 122, "RECEIPT NOTICE"),
        (47, 140, "APPLT:"),
        (110, 140, "A-204-118-377"),
        (110, 153, "OYELARAN, TEMITOPE"),
        (47, 167, "AMT PAID: $****630.00"),
        (47, 200, "THIS NOTICE CONFIRMS THAT USCIS RECEIVED YOUR FILING AND THE FEE SHOWN."),
    ]
    notice = one_notice(draw_cells(tmp_path / "printout.pdf", [rows], "Courier"))
    assert notice.value("notice_type") == "receipt"
    assert notice.value("receipt_number") == "EAC2612345678"
    assert notice.value("notice_date") == "2026-04-02"
    assert notice.value("received_date") == "2026-02-03"
    assert notice.value("priority_date") is None  # its label is printed with nothing after it
    assert notice.value("applicant") == "OYELARAN, TEMITOPE"
    assert notice.value("a_number") == "204118377"
    assert notice.value("amount") == "630.00"
    _trusted(notice, "receipt_number", "notice_date", "received_date", "amount")


def test_an_appointment_printout_with_abbreviated_labels(tmp_path: Path) -> None:
    rows: list[Cell] = [
        *HEAD,
        (47, 80, "RCPT NBR:"),
        (110, 80, "LIN2690011223"),
        (265, 80, "NTC DT:"),
        (330, 80, "06/01/2026"),
        (47, 94, "FORM TYPE: I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION"),
        (47, 108, "NTC TYPE:"),
        (110, 108, "ASC APPOINTMENT NOTICE"),
        (47, 130, "APPT DATE:"),
        (110, 130, "06/22/2026"),
        (265, 130, "APPT TM:"),
        (330, 130, "09:15 AM"),
        (47, 144, "ASC:"),
        (110, 144, "USCIS OMAHA ASC"),
        (110, 157, "1717 AVENUE H EAST"),
        (110, 170, "OMAHA NE 68110"),
    ]
    notice = one_notice(draw_cells(tmp_path / "appointment.pdf", [rows], "Courier"))
    assert notice.value("notice_type") == "biometrics"
    assert notice.value("appointment")["date"] == "2026-06-22"
    assert notice.value("appointment")["time"] == "09:15"
    assert "1717 AVENUE H EAST" in notice.value("appointment")["location"]


def test_abbreviations_are_whole_words_of_a_label_only() -> None:
    patterns = default_patterns()
    label = next(lab for lab in patterns.labels if lab.name == "receipt_number")
    for text in ("RCPT NBR:", "Rcpt. No.", "RECEIPT NBR", "Rcpt #"):
        assert label.regex.match(text), text
    for text in ("RCPTNUMBERS", "RECEIPTS NUMBER", "RC NBR:"):
        assert not label.regex.match(text) or label.regex.match(text).group("rest"), text  # type: ignore[union-attr]
    # "Appl" would say applicant or application, "Rec" receipt, record or received: neither is an abbreviation.
    applicant = next(lab for lab in patterns.labels if lab.name == "applicant")
    assert not applicant.regex.match("APPL TYPE: I485")
    received = next(lab for lab in patterns.labels if lab.name == "received_date")
    assert not received.regex.match("REC DT:")


# ------------------------------------------------------------------ a half sheet: short labels, two columns


def _half_sheet(top: float, receipt: str, a_number: str, name: str, fee_label: str, fee: str) -> list[Cell]:
    return [
        (45, top, "I-797C | NOTICE OF ACTION"),
        (500, top, "Receipt Notice"),
        (45, top + 28, "Receipt Number"),
        (130, top + 28, receipt),
        (320, top + 28, "Applicant"),
        (380, top + 28, a_number),
        (45, top + 40, "Form"),
        (130, top + 40, "N-600"),
        (380, top + 40, name),
        (45, top + 56, "Received"),
        (130, top + 56, "July 9, 2026"),
        (45, top + 70, "Dated"),
        (130, top + 70, "July 21, 2026"),
        (45, top + 84, fee_label),
        (130, top + 84, fee),
        (45, top + 108, "This notice confirms that USCIS received your filing and the fee shown.", 8),
    ]


def test_a_half_sheet_with_short_labels_and_the_name_under_the_a_number(tmp_path: Path) -> None:
    path = draw_cells(
        tmp_path / "half.pdf",
        [_half_sheet(40, "MSC2619900111", "A# 301 442 990", "NAKASHIMA, RIN", "Fee", "USD 1,385.00")],
    )
    notice = one_notice(path)
    assert notice.value("form") == "N-600"
    assert notice.value("received_date") == "2026-07-09"
    assert notice.value("notice_date") == "2026-07-21"
    assert notice.value("applicant") == "NAKASHIMA, RIN"
    assert notice.value("a_number") == "301442990"
    assert notice.value("amount") == "1385.00"
    _trusted(notice, "received_date", "notice_date", "applicant", "amount")


def test_two_half_sheets_on_one_page(tmp_path: Path) -> None:
    page = [
        *_half_sheet(40, "MSC2619900111", "A301442990", "NAKASHIMA, RIN", "Fee", "$1,385.00"),
        *_half_sheet(430, "MSC2619900112", "A-301-442-990", "NAKASHIMA, RIN", "Amount", "$****520.00"),
    ]
    notices = parse_notice_file(draw_cells(tmp_path / "two.pdf", [page])).notices
    assert [n.value("receipt_number") for n in notices] == ["MSC2619900111", "MSC2619900112"]
    assert [n.value("applicant") for n in notices] == ["NAKASHIMA, RIN", "NAKASHIMA, RIN"]
    assert [n.value("amount") for n in notices] == ["1385.00", "520.00"]


def test_a_right_column_name_stops_at_the_next_rows_label(tmp_path: Path) -> None:
    """Two label/value columns: the petitioner's name in the right column, the beneficiary's label and name
    on the next row of that column; the next row is never the petitioner's second line."""
    rows: list[Cell] = [
        (45, 40, "I-797 | NOTICE OF ACTION"),
        (500, 40, "Approval Notice"),
        (45, 68, "Receipt Number"),
        (130, 68, "WAC2611122233"),
        (320, 68, "Petitioner"),
        (390, 68, "HARBORVIEW LOGISTICS INC"),
        (45, 80, "Form"),
        (130, 80, "I-129"),
        (320, 80, "Beneficiary"),
        (390, 80, "PEREIRA, JOANA"),
        (45, 96, "Received"),
        (130, 96, "01/05/2026"),
        (45, 110, "Dated"),
        (130, 110, "03/02/2026"),
    ]
    notice = one_notice(draw_cells(tmp_path / "right.pdf", [rows]))
    assert notice.value("petitioner") == "HARBORVIEW LOGISTICS INC"
    assert notice.value("beneficiary") == "PEREIRA, JOANA"


def test_one_label_whose_words_are_labels_too_stays_one(tmp_path: Path) -> None:
    """``Date Received`` is one label, not ``Date`` and ``Received`` (each a label alone) over two columns."""
    rows: list[Cell] = [
        (45, 40, "THE UNITED STATES OF AMERICA"),
        (45, 54, "I-797C | NOTICE OF ACTION"),
        (45, 80, "Receipt No.", 7),
        (195, 80, "Date Received", 7),
        (305, 80, "Notice Date", 7),
        (45, 90, "IOE0912345678"),
        (195, 90, "12/20/2025"),
        (305, 90, "01/06/2026"),
        (45, 112, "Type of Notice", 7),
        (45, 122, "Receipt Notice"),
    ]
    notice = one_notice(draw_cells(tmp_path / "date-received.pdf", [rows]))
    assert notice.value("received_date") == "2025-12-20"
    assert notice.value("notice_date") == "2026-01-06"


def test_a_sentence_starting_with_a_short_label_word_is_no_label(tmp_path: Path) -> None:
    rows: list[Cell] = [
        (45, 40, "I-797C | NOTICE OF ACTION"),
        (500, 40, "Receipt Notice"),
        (45, 68, "Receipt Number"),
        (130, 68, "SRC2655544433"),
        (45, 82, "Notice Date"),
        (130, 82, "05/04/2026"),
        (45, 110, "Received fees are not refunded. Dated material you send after 06/01/2026 is not read."),
    ]
    notice = one_notice(draw_cells(tmp_path / "sentence.pdf", [rows]))
    assert notice.value("received_date") is None
    assert notice.value("notice_date") == "2026-05-04"


# ------------------------------------------------------------------ amounts, dates in sentences


@pytest.mark.parametrize(
    ("text", "value"),
    [("$****780.00", "780.00"), ("$ ***2,805.00", "2805.00"), ("USD 760.00", "760.00"), ("$1,440", "1440.00")],
)
def test_amounts_in_other_forms(text: str, value: str) -> None:
    money = default_patterns().tokens["money"]
    found = money.search(f"AMOUNT {text} ")
    assert found is not None and read_money(found.group(0)) is not None
    assert read_money(found.group(0)).value == value  # type: ignore[union-attr]


@pytest.mark.parametrize("weekday", ["Sunday, ", "Mon. ", "WEDNESDAY "])
def test_a_response_date_after_a_weekday(tmp_path: Path, weekday: str) -> None:
    rows: list[Cell] = [
        (72, 40, "U.S. Department of Homeland Security"),
        (72, 52, "U.S. Citizenship and Immigration Services"),
        (72, 90, "May 21, 2026"),
        (72, 120, "RE: Form I-130 Petition for Alien Relative"),
        (111, 134, "Receipt Number: EAC2647342701"),
        (171, 170, "REQUEST FOR EVIDENCE", 12),
        (72, 200, f"Your response must be received by USCIS on or before {weekday}August 16,"),
        (72, 213, "2026. Send it to the address on this letter."),
    ]
    notice = one_notice(draw_cells(tmp_path / "rfe.pdf", [rows]))
    assert notice.value("notice_type") == "rfe"
    assert notice.value("response_due") == "2026-08-16"


# ------------------------------------------------------------------ a table's centred headings


def _centred(x0: float, x1: float, text: str, size: float = 8.0) -> Cell:
    width = stringWidth(text, "Helvetica", size)
    return ((x0 + x1 - width) / 2, 0.0, text, size)


def test_centred_headings_over_left_aligned_values(tmp_path: Path) -> None:
    """A browser's table: headings centred in wide cells, values from each cell's left edge (a value may lie
    wholly left of its heading)."""
    left, right = _centred(50, 300, "APPLICATION SUPPORT CENTER"), _centred(316, 560, "DATE AND TIME OF APPOINTMENT")
    rows: list[Cell] = [
        (44, 40, "ASC APPOINTMENT NOTICE", 12),
        (44, 58, "I-797C, Notice of Action"),
        (44, 80, "Receipt Number"),
        (152, 80, "IOE9861087624"),
        (317, 80, "Notice Date"),
        (404, 80, "12/19/2025"),
        (44, 94, "Case Type"),
        (152, 94, "I-485"),
        (left[0], 200, str(left[2]), 8),
        (right[0], 200, str(right[2]), 8),
        (50, 218, "USCIS CHARLOTTE"),
        (317, 218, "Jan 12, 2026"),
        (50, 231, "6130 TYVOLA CENTRE DRIVE"),
        (317, 231, "03:00 PM"),
        (50, 244, "CHARLOTTE NC 28217"),
    ]
    notice = one_notice(draw_cells(tmp_path / "centred.pdf", [rows]))
    assert notice.value("appointment") == {
        "date": "2026-01-12",
        "time": "15:00",
        "location": "USCIS CHARLOTTE, 6130 TYVOLA CENTRE DRIVE, CHARLOTTE NC 28217",
    }


def test_a_value_under_another_heading_is_not_a_centred_headings(tmp_path: Path) -> None:
    """Two headings close together: a value under the left one is not the right one's, though it starts left
    of the right heading (the right heading's cell would hold the left heading too)."""
    rows: list[Cell] = [
        (44, 40, "RECEIPT NOTICE", 12),
        (44, 58, "I-797C, Notice of Action"),
        (44, 80, "Receipt Number"),
        (152, 80, "IOE9861087624"),
        (44, 110, "Received Date", 8),
        (120, 110, "Notice Date", 8),
        (44, 120, "08/15/2025"),
    ]
    notice = one_notice(draw_cells(tmp_path / "near.pdf", [rows]))
    assert notice.value("received_date") == "2025-08-15"
    assert notice.value("notice_date") is None


# ------------------------------------------------------------------ I-94 numbers, run-together headings


@pytest.mark.parametrize("printed", ["1035 0871 609", "103-508-716-09", "103508716 09", "1035087160 9"])
def test_i94_numbers_in_other_groupings(printed: str) -> None:
    found = default_patterns().tokens["i94"].search(f"I-94 # {printed} ")
    assert found is not None
    assert read_i94(found.group(0)).value == "10350871609"  # type: ignore[union-attr]


def test_a_receipt_or_phone_number_is_no_i94() -> None:
    i94 = default_patterns().tokens["i94"]
    assert i94.search("Call 800-375-5283 today") is None  # ten digits
    assert i94.search("A-204-118-377") is None  # nine


def test_a_heading_run_together_with_the_next_columns(tmp_path: Path) -> None:
    rows: list[Cell] = [
        (195, 40, "THE UNITED STATES OF AMERICA"),
        (44, 58, "I-797A, Notice of Action"),
        (44, 80, "RECEIPT NUMBER", 7),
        (44, 89, "WAC2539330504"),
        (44, 110, "Notice Type: Approval Notice"),
        (44, 300, "Departure Record I-94 Number Family Name", 7),
        (306, 300, "Birth Date", 7),
        (44, 310, "728 129 304 15"),
        (175, 310, "TAKAHASHI"),
        (306, 310, "07/21/1996"),
    ]
    notice = one_notice(draw_cells(tmp_path / "tearoff.pdf", [rows]))
    assert notice.value("i94_number") == "72812930415"


# ------------------------------------------------------------------ label wordings, forms


def test_more_label_wordings(tmp_path: Path) -> None:
    rows: list[Cell] = [
        (239, 30, "THE UNITED STATES OF AMERICA"),
        (41, 48, "Notice of Action"),
        (534, 48, "I-797A"),
        (43, 80, "Receipt No.", 7),
        (194, 80, "Filed On", 7),
        (404, 80, "Date Issued", 7),
        (44, 89, "WAC-26-368-32078"),
        (194, 89, "Oct 26, 2025"),
        (405, 89, "Mar 25, 2026"),
        (43, 110, "Form", 7),
        (373, 110, "Type of Notice", 7),
        (45, 119, "I-129, Petition for a Nonimmigrant Worker"),
        (374, 119, "Approval Notice"),
        (43, 140, "Status Granted", 7),
        (220, 140, "Start Date", 7),
        (398, 140, "End Date", 7),
        (45, 149, "H-1B"),
        (221, 149, "04/06/2026"),
        (399, 149, "04/05/2029"),
        (43, 170, "File No.", 7),
        (44, 179, "A-077-120-331"),
    ]
    notice = one_notice(draw_cells(tmp_path / "wordings.pdf", [rows]))
    assert notice.value("received_date") == "2025-10-26"
    assert notice.value("notice_date") == "2026-03-25"
    assert notice.value("classification") == "H1B"
    assert (notice.value("valid_from"), notice.value("valid_to")) == ("2026-04-06", "2029-04-05")
    assert notice.value("a_number") == "077120331"
    _trusted(notice, "received_date", "classification", "valid_to", "a_number")


@pytest.mark.parametrize(
    ("case_type", "form"),
    [
        ("Form I-601A Application for Provisional Unlawful Presence Waiver", "I-601A"),
        ("I-601, Application for Waiver of Grounds of Inadmissibility", "I-601"),
        ("I821 - APPLICATION FOR TEMPORARY PROTECTED STATUS", "I-821"),
        ("I-800A", "I-800A"),
    ],
)
def test_forms_beyond_the_common_ones(tmp_path: Path, case_type: str, form: str) -> None:
    rows: list[Cell] = [
        (66, 40, "Department of Homeland Security"),
        (66, 54, "U.S. Citizenship and Immigration Services"),
        (66, 80, "Form I-797C, Notice of Action"),
        (66, 110, "Notice type"),
        (307, 110, "Receipt"),
        (66, 124, "USCIS receipt"),
        (307, 124, "LIN2637890339"),
        (66, 138, "Form"),
        (307, 138, case_type),
        (66, 152, "Receipt date"),
        (307, 152, "FEBRUARY 24, 2025"),
    ]
    notice = one_notice(draw_cells(tmp_path / "form.pdf", [rows]))
    assert notice.value("form") == form


def test_values_indented_right_of_their_labels_are_no_centred_headings(tmp_path: Path) -> None:
    """Labels over values indented right of them: the left label's value starts left of the right label and
    fits its cell, but the left label has no value of that kind, so the line is no line of centred headings
    (the petitioner is never read as the beneficiary)."""
    rows: list[Cell] = [
        (239, 30, "THE UNITED STATES OF AMERICA"),
        (401, 44, "I-797C | Notice of Action"),
        (45, 80, "Receipt Number IOE8644553566"),
        (45, 100, "Notice Date 12/22/2025"),
        (45, 130, "Petitioner", 8),
        (311, 130, "Beneficiary", 8),
        (101, 140, "BRIGHTWATER ANALYTICS LLC"),
        (366, 140, "O'FARRELL, KENJI"),
        (41, 170, "Notice Type: Receipt Notice"),
    ]
    notice = one_notice(draw_cells(tmp_path / "indented.pdf", [rows]))
    assert notice.value("beneficiary") != "BRIGHTWATER ANALYTICS LLC"
    assert notice.value("petitioner") != "O'FARRELL, KENJI"


# ------------------------------------------------------------------ USCIS's own letters, which greet and close


def _uscis_letter(seal: bool, sign: str, kind: str, body: str) -> list[Cell]:
    head: list[Cell] = (
        [(65, 40, "U.S. Department of Homeland Security"), (65, 54, "USCIS Nebraska Service Center")]
        if not seal
        else [
            (72, 40, "U.S. Citizenship"),
            (72, 52, "and Immigration"),
            (72, 64, "Services"),
            (432, 40, "Nebraska Service Center"),
        ]
    )
    return [
        *head,
        (465, 100, "Dec. 17, 2025"),
        (72, 120, "ESPERANZA SZYMANSKI"),
        (72, 132, "2719 CALLE VENTANA"),
        (72, 144, "ANN ARBOR MI 48104"),
        (72, 172, "IN RE:"),
        (131, 172, "Receipt Number"),
        (263, 172, "LIN2535214166"),
        (131, 185, "Form"),
        (263, 185, "I-140, Immigrant Petition for Alien Worker"),
        (131, 198, "Petitioner"),
        (263, 198, "Northfield Unified School District No 14"),
        (131, 211, "A-File"),
        (263, 211, "A068916787"),
        (205, 240, kind, 12),
        (72, 266, "Dear Esperanza Szymanski:"),
        (72, 286, body),
        (72, 330, "Sincerely,"),
        (72, 370, sign),
    ]


@pytest.mark.parametrize("seal", [False, True])
def test_a_uscis_letter_that_greets_and_closes_is_a_notice(tmp_path: Path, seal: bool) -> None:
    """A USCIS letter has a salutation and a closing like a law firm's; its letterhead (the agency's name, also
    wrapped beside a seal, or a USCIS office) says who sends it."""
    body = "Your response must be received in this office on or before Jan. 19, 2026."
    rows = _uscis_letter(seal, "Director, Nebraska Service Center", "NOTICE OF INTENT TO DENY", body)
    notice = one_notice(draw_cells(tmp_path / "noid.pdf", [rows]))
    assert notice.value("notice_type") == "noid"
    assert notice.value("receipt_number") == "LIN2535214166"
    assert notice.value("notice_date") == "2025-12-17"
    assert notice.value("response_due") == "2026-01-19"
    assert notice.value("a_number") == "068916787"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("After a careful review of the record, USCIS has denied your Form I-485.", "denial"),
        ("After a thorough review of the record, USCIS has denied the above case.", "denial"),
        ("USCIS has approved your Form I-140 as of the date of this notice.", "approval"),
        ("If you do not respond, USCIS will deny your Form I-485.", None),
    ],
)
def test_a_decision_that_names_the_form_or_the_case(tmp_path: Path, body: str, kind: str | None) -> None:
    rows = _uscis_letter(False, "Field Office Director", "DECISION", body)
    notice = one_notice(draw_cells(tmp_path / "decision.pdf", [rows]))
    assert notice.value("notice_type") == kind


@pytest.mark.parametrize(
    ("sender", "line"),
    [("ABERNATHY SOLIS LLP", "Immigration Counsel"), ("Catholic Charities", "Immigration Legal Service Center")],
)
def test_a_law_firm_letter_quoting_a_notice_is_still_no_notice(tmp_path: Path, sender: str, line: str) -> None:
    rows: list[Cell] = [
        (72, 40, sender),
        (72, 52, line),
        (72, 64, "410 Market Street, Denver CO 80202"),
        (72, 100, "December 17, 2025"),
        (72, 120, "U.S. Citizenship and Immigration Services"),
        (72, 132, "Nebraska Service Center"),
        (72, 160, "RE:"),
        (131, 160, "Receipt Number"),
        (263, 160, "LIN2535214166"),
        (72, 190, "Dear Officer:"),
        (72, 210, "Enclosed is our response to the Form I-797E, Notice of Action, dated December 1, 2025."),
        (72, 240, "Sincerely,"),
        (72, 280, "Maria Solis, Esq."),
    ]
    assert parse_notice_file(draw_cells(tmp_path / "cover.pdf", [rows])).notices == []


@pytest.mark.parametrize(
    "sentence",
    ["You have until January 2, 2018 to submit a rebuttal and evidence.", "You are given until 01/02/2018 to respond."],
)
def test_a_response_date_as_the_time_you_have(tmp_path: Path, sentence: str) -> None:
    rows = _uscis_letter(False, "Director, Nebraska Service Center", "NOTICE OF INTENT TO REVOKE", sentence)
    notice = one_notice(draw_cells(tmp_path / "noir.pdf", [rows]))
    assert notice.value("notice_type") == "noid"
    assert notice.value("response_due") == "2018-01-02"


# ------------------------------------------------------------------ pairs on one line, indented values, stubs


def _stub(top: float, receipt: str, form: str, fee: str) -> list[Cell]:
    return [
        (45, top, "NOTICE OF ACTION I-797C"),
        (527, top, "RECEIPT"),
        (41, top + 25, f"Receipt {receipt} | Case Type {form} | Received Oct. 13, 2026 | Notice Date 10/23/2026"),
        (41, top + 40, f"Fee Paid {fee}"),
        (40, top + 55, "Applicant"),
        (110, top + 55, "A245644771"),
        (111, top + 67, "NAKASHIMA, DMITRI J"),
        (40, top + 90, f"This notice confirms that USCIS received your Form {form}.", 8),
    ]


def test_two_stubs_with_pairs_parted_by_bars(tmp_path: Path) -> None:
    page = [
        *_stub(30, "MSC2669656248", "I-485", "$1,440.00 U.S."),
        *_stub(420, "MSC-26-696-56249", "I-765", "USD 520.00"),
    ]
    notices = parse_notice_file(draw_cells(tmp_path / "stubs.pdf", [page])).notices
    assert [n.value("receipt_number") for n in notices] == ["MSC2669656248", "MSC2669656249"]
    for notice in notices:
        assert notice.value("notice_type") == "receipt"
        assert (notice.value("received_date"), notice.value("notice_date")) == ("2026-10-13", "2026-10-23")
        assert notice.value("applicant") == "NAKASHIMA, DMITRI J"
    assert [n.value("amount") for n in notices] == ["1440.00", "520.00"]


def test_an_a_number_without_its_a_under_its_label(tmp_path: Path) -> None:
    rows: list[Cell] = [
        (22, 30, "USCIS"),
        (21, 48, "Notice of Action"),
        (214, 48, "Transfer Notice"),
        (21, 60, "Form I-797C"),
        (21, 88, "Receipt number"),
        (21, 98, "LIN 2450984039"),
        (21, 150, "Date of notice"),
        (20, 160, "07-15-2024"),
        (21, 180, "USCIS A#"),
        (21, 190, "209-989-597"),
        (20, 210, "Applicant"),
        (20, 220, "CASTELLANOS, TENZIN E"),
        (21, 240, "Reference"),
        (21, 250, "123-456-789"),
    ]
    notice = one_notice(draw_cells(tmp_path / "bare.pdf", [rows]))
    assert notice.value("a_number") == "209989597"
    assert notice.value("applicant") == "CASTELLANOS, TENZIN E"


def test_a_ledger_with_values_indented_under_labels(tmp_path: Path) -> None:
    rows: list[Cell] = [
        (251, 30, "THE UNITED STATES OF AMERICA"),
        (428, 44, "I-797C | Notice of Action"),
        (346, 90, "I129 - PETITION FOR A NONIMMIGRANT WORKER"),
        (44, 94, "Receipt Number EAC2607922579"),
        (310, 94, "Case Type", 7),
        (44, 120, "Received Date 12/18/2025"),
        (222, 120, "Notice Date 01/03/2026"),
        (44, 142, "Petitioner", 7),
        (310, 142, "Beneficiary", 7),
        (101, 152, "MESA VERDE PEDIATRIC ASSOCIATES PLLC"),
        (366, 152, "ACHTERBERG, ILSE A"),
        (41, 188, "Notice Type:"),
        (121, 188, "Receipt Notice"),
        (49, 220, "RAFAEL D. MONTIEL"),
        (300, 220, "The above application or petition has been received. It usually takes"),
    ]
    notice = one_notice(draw_cells(tmp_path / "ledger.pdf", [rows]))
    assert notice.value("petitioner") == "MESA VERDE PEDIATRIC ASSOCIATES PLLC"
    assert notice.value("beneficiary") == "ACHTERBERG, ILSE A"


def test_a_half_sheets_title_above_its_banner_belongs_to_it(tmp_path: Path) -> None:
    def half(top: float, receipt: str) -> list[Cell]:
        return [
            (48, top, "Department of Homeland Security / USCIS"),
            (502, top, "Receipt Notice"),
            (495, top + 14, "I-797C, Notice of Action"),
            (42, top + 34, "RECEIPT #", 7),
            (312, top + 34, "RECEIVED", 7),
            (447, top + 34, "NOTICE DATE", 7),
            (43, top + 45, receipt),
            (312, top + 45, "06/03/2024"),
            (447, top + 45, "06/13/2024"),
            (48, top + 80, "The above application or petition has been received.", 8),
            (48, top + 260, "Form I-797C 04/01/24", 7),
        ]

    notices = parse_notice_file(
        draw_cells(tmp_path / "halves.pdf", [[*half(40, "MSC2424742004"), *half(420, "IOE9831407930")]])
    ).notices
    assert [n.value("receipt_number") for n in notices] == ["MSC2424742004", "IOE9831407930"]
    assert [n.value("notice_type") for n in notices] == ["receipt", "receipt"]


def test_plain_wordings_of_labels_and_titles(tmp_path: Path) -> None:
    """Wordings a notice may use that no development set printed: ``Case Number`` for the receipt number,
    possessive party labels, an amount with no currency under its label, ``Appointment:`` with date and time,
    a ``Biometric Services Appointment Notice`` title."""
    rows: list[Cell] = [
        (60, 40, "U.S. Citizenship and Immigration Services"),
        (60, 54, "Form I-797C, Notice of Action"),
        (60, 80, "Biometric Services Appointment Notice", 12),
        (60, 110, "Case Number:"),
        (200, 110, "SRC2612345678"),
        (60, 124, "Notice Date:"),
        (200, 124, "04/02/2026"),
        (60, 138, "Applicant's Name:"),
        (200, 138, "LINDQVIST, MARIT"),
        (60, 152, "Fee Submitted:"),
        (200, 152, "1,710.00"),
        (60, 180, "Appointment: Wednesday, April 22, 2026 at 10:30 AM"),
        (60, 194, "ASC:"),
        (200, 194, "USCIS IRVING ASC"),
        (200, 206, "8101 N BELT LINE RD"),
        (200, 218, "IRVING TX 75063"),
    ]
    notice = one_notice(draw_cells(tmp_path / "plain.pdf", [rows]))
    assert notice.value("notice_type") == "biometrics"
    assert notice.value("receipt_number") == "SRC2612345678"
    assert notice.value("applicant") == "LINDQVIST, MARIT"
    assert notice.value("appointment") == {
        "date": "2026-04-22",
        "time": "10:30",
        "location": "USCIS IRVING ASC, 8101 N BELT LINE RD, IRVING TX 75063",
    }


@pytest.mark.parametrize(("text", "value"), [("1,710.00", "1710.00"), ("710.00", "710.00")])
def test_an_amount_without_a_currency_sign(text: str, value: str) -> None:
    found = default_patterns().tokens["money"].search(f"Amount Received {text}")
    assert found is not None and read_money(found.group(0)).value == value  # type: ignore[union-attr]
    for other in ("Rev. 09.17.18", "10.00%", "04/01/24"):
        assert default_patterns().tokens["money"].search(other) is None, other


@pytest.mark.parametrize("label", ["Deadline:", "Reply Due", "Respond No Later Than", "RESP DUE DT:"])
def test_response_date_labels(tmp_path: Path, label: str) -> None:
    rows: list[Cell] = [
        (60, 40, "U.S. Citizenship and Immigration Services"),
        (60, 54, "I-797E, Notice of Action"),
        (60, 80, "REQUEST FOR EVIDENCE", 12),
        (60, 110, "Receipt Number"),
        (200, 110, "WAC2612345678"),
        (60, 124, "Notice Date"),
        (200, 124, "04/02/2026"),
        (60, 138, "Employer"),
        (200, 138, "HARBORVIEW LOGISTICS INC"),
        (60, 152, label),
        (200, 152, "06/30/2026"),
    ]
    notice = one_notice(draw_cells(tmp_path / "due.pdf", [rows]))
    assert notice.value("response_due") == "2026-06-30"
    assert notice.value("petitioner") == "HARBORVIEW LOGISTICS INC"
    _trusted(notice, "response_due")


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", "I-765"),
        ("1-765 APPLICATION FOR EMPLOYMENT", "I-765"),  # a number before a title cut short decides
        ("APPLICATION FOR WAIVER OF GROUNDS OF INADMISSIBILITY", "I-601"),
        ("APPLICATION FOR PROVISIONAL UNLAWFUL PRESENCE WAIVER", "I-601A"),
        ("PETITION TO CLASSIFY", None),  # I-600 and I-800 both start so: neither
        ("1-600 PETITION TO CLASSIFY", "I-600"),
    ],
)
def test_a_form_title_as_ocr_reads_it(text: str, form: str | None) -> None:
    match = form_by_title(default_patterns().forms, text)
    assert (match.form.form if match else None) == form


def test_a_name_run_into_the_next_columns_page_number_is_cut_there(tmp_path: Path) -> None:
    """A name cell and the next column's value (``1 of 1`` under ``PAGE``) set so close they are one string: the
    name ends where the next column starts, since what follows there is a value of a format of its own."""
    name = "TAKAHASHI, ZAINAB E"
    page_x = 176 + stringWidth(f"{name} ", "Helvetica", 9)  # the page number starts right at the PAGE column
    pdf = canvas.Canvas(str(tmp_path / "touching.pdf"), pagesize=letter)
    pdf.setFont("Helvetica", 9)
    for x, y, text in [
        (44, 40, "THE UNITED STATES OF AMERICA"),
        (345, 46, "I-797C | Notice of Action"),
        (49, 80, "RECEIPT NUMBER"),
        (page_x + 60, 80, "NOTICE DATE"),
        (49, 94, "MSC2419459037"),
        (page_x + 60, 94, "04/20/2024"),
        (49, 136, "PETITIONER"),
        (176, 136, "BENEFICIARY"),
        (page_x, 136, "PAGE"),
        (49, 150, "COPPERLINE ROBOTICS"),
        (176, 150, f"{name} 1 of 1"),
        (44, 188, "Notice Type: Receipt Notice"),
    ]:
        pdf.drawString(x, TOP - y - 9, text)
    pdf.save()
    notice = one_notice(tmp_path / "touching.pdf")
    assert notice.value("beneficiary") == "TAKAHASHI, ZAINAB E"
