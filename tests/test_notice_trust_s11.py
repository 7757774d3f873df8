"""Issue 14, session 11: what lets a wrong value into the filing band, class by class, on fixtures drawn here.

Each class the opened eleventh set showed, printed in several layouts of our own: an empty box whose right
neighbour on its line is another label with its value (a priority date "read" from the notice date beside it); a
firm's name ending in an abbreviation with periods (``L.P.``) that OCR's speck rule cut to ``LP.``; a scanned name
whose accented or slashed capital OCR's English alphabet reads as a plain letter (``HALLSTROM`` for ``HALLSTRÖM``),
with confidence, or read weakly and then the same way again from its box. A wrong value must never be filed.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from docgen.notices import parse_notice_file
from docgen.notices.fields import _ocr_name
from docgen.notices.model import CROP_AGREED, FILE_WITHOUT_REVIEW, WEAK_AGREED, Notice, Reading, field_confidence
from docgen.notices.reader import withhold_doubtful

from .notice_cells import Cell, draw_cells, one_notice

HEAD: list[Cell] = [
    (40, 30, "U.S. Department of Homeland Security", 10),
    (40, 43, "U.S. Citizenship and Immigration Services", 10),
    (400, 36, "Form I-797C, Notice of Action", 10),
]
BODY: list[Cell] = [
    (40, 300, "We have received your case and are processing it. Please keep this notice for your records and"),
    (40, 312, "quote the receipt number above whenever you write to us about this case."),
]


def _filed(notice: Notice, name: str) -> bool:
    return notice.value(name) is not None and field_confidence(notice)[name] >= FILE_WITHOUT_REVIEW


# An empty box on a row of boxes, the next box's label and value on the same line right of it (no colon: a
# value-bearing label is then no "label alone").
EMPTY_BESIDE = [
    # (row of cells, the empty field, the neighbour's field and value)
    (
        [
            (40, 130, "RECEIVED DATE   May 27, 2025"),
            (230, 130, "PRIORITY DATE"),
            (400, 130, "NOTICE DATE   June 1, 2025"),
        ],
        "priority_date",
        ("notice_date", "2025-06-01"),
    ),
    (
        [(40, 130, "Received Date   05/27/2025"), (230, 130, "Priority Date"), (400, 130, "Notice Date   06/01/2025")],
        "priority_date",
        ("notice_date", "2025-06-01"),
    ),
    (
        [(40, 130, "Priority Date"), (200, 130, "Received Date  27 May 2025"), (400, 130, "Notice Date  1 June 2025")],
        "priority_date",
        ("received_date", "2025-05-27"),
    ),
    (
        [
            (40, 130, "NOTICE DATE   JUN 01 2025"),
            (230, 130, "AMOUNT RECEIVED"),
            (400, 130, "RECEIVED DATE   MAY 27 2025"),
        ],
        "amount",
        ("received_date", "2025-05-27"),
    ),
]


@pytest.mark.parametrize(("row", "empty", "neighbour"), EMPTY_BESIDE)
@pytest.mark.parametrize("font", ["Helvetica", "Courier"])
def test_an_empty_box_never_takes_the_value_of_the_labelled_pair_beside_it(
    tmp_path: Path, row: list[Cell], empty: str, neighbour: tuple[str, str], font: str
) -> None:
    cells: list[Cell] = [
        *HEAD,
        (40, 70, "RECEIPT NOTICE", 12),
        (40, 100, "RECEIPT NUMBER   LIN2592323036"),
        (300, 100, "CASE TYPE   I-140"),
        *row,
        (40, 160, "PETITIONER   HARBOR LIGHT FABRICATION INC"),
        (40, 180, "BENEFICIARY   ABERNATHY, KENJI K"),
        *BODY,
    ]
    notice = one_notice(draw_cells(tmp_path / "row.pdf", [cells], font=font))
    assert notice.value(empty) is None
    name, value = neighbour
    assert notice.value(name) == value
    assert _filed(notice, name)


@pytest.mark.parametrize(
    ("printed", "kept"),
    [
        ("Vellacott & Brandt Global Logistics Services, L.P.", "Vellacott & Brandt Global Logistics Services, L.P."),
        ("HARBOR LIGHT HOLDINGS L.L.C.", "HARBOR LIGHT HOLDINGS L.L.C."),
        ("U.S.A. Marine Supply Co.", "U.S.A. Marine Supply Co."),
        ("OKAFOR, J.A.", "OKAFOR, J.A."),
        ("OKA.FOR, CHIDERA", "OKAFOR, CHIDERA"),  # a speck between two letters of a word is still no period
    ],
)
def test_an_abbreviation_with_periods_is_kept_as_printed_in_an_ocr_name(printed: str, kept: str) -> None:
    value, conf = _ocr_name(printed, 0.95)
    assert value == kept
    assert conf == 0.95  # its periods are printed ones: no doubt about punctuation


def _scan(tmp_path: Path, cells: list[Cell], font: str = "Helvetica", dpi: int = 300) -> Path:
    pdf = draw_cells(tmp_path / "print.pdf", [cells], font=font)
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    path = tmp_path / "scan.png"
    image.save(path, dpi=(dpi, dpi))
    return path


def _party_scan(tmp_path: Path, label: str, name: str, font: str = "Helvetica") -> Notice:
    cells: list[Cell] = [
        *HEAD,
        (40, 70, "RECEIPT NOTICE", 12),
        (40, 100, "Receipt Number", 8),
        (40, 112, "IOE0931122334", 10),
        (220, 100, "Case Type", 8),
        (220, 112, "I-765", 10),
        (40, 136, "Received Date", 8),
        (40, 148, "02/27/2026", 10),
        (220, 136, "Notice Date", 8),
        (220, 148, "03/05/2026", 10),
        (40, 172, label, 8),
        (40, 184, name, 10),
        *BODY,
    ]
    (notice,) = parse_notice_file(_scan(tmp_path, cells, font)).notices
    return notice


@pytest.mark.parametrize(
    "name", ["HALLSTRÖM, TOMASZ", "NAKASHIMA, LUCÍA", "ÅBERG, INGRID", "MÜLLER-ÉCHEVERRÍA, JOSE", "SØRENSEN, INGRID"]
)
def test_a_scanned_name_whose_capital_carries_a_mark_is_never_filed_without_it(tmp_path: Path, name: str) -> None:
    notice = _party_scan(tmp_path, "Applicant", name)
    value = notice.value("applicant")
    assert value == name or not _filed(notice, "applicant"), value


@pytest.mark.parametrize("name", ["HALLSTROM, TOMASZ", "KOWALCZYK, PALOMA J", "DE LA CRUZ MORALES, ISABELA"])
def test_a_scanned_name_of_plain_capitals_is_still_filed(tmp_path: Path, name: str) -> None:
    notice = _party_scan(tmp_path, "Applicant", name)
    assert notice.value("applicant") == name
    assert _filed(notice, "applicant")


def test_a_scanned_firm_ending_in_l_p_is_read_with_its_periods(tmp_path: Path) -> None:
    notice = _party_scan(tmp_path, "Petitioner", "Harbor Light Global Logistics Services, L.P.")
    value = notice.value("petitioner")
    assert value in ("Harbor Light Global Logistics Services, L.P.", None)


def test_a_weakly_read_name_is_not_filed_on_its_box_reading_the_same_letters() -> None:
    readings = {
        "applicant": Reading("SORENSEN, INGRID", 0.85, "SORENSEN, INGRID", CROP_AGREED, ocr_conf=31.6),
        "receipt_number": Reading("MSC2674629049", 0.85, "MSC2674629049", CROP_AGREED, ocr_conf=31.6),
        "beneficiary": Reading("IYER, KAVEH E", 0.85, "IYER, KAVEH E", CROP_AGREED, ocr_conf=91.0),
    }
    withhold_doubtful(readings)
    notice = Notice(pages=[1], readings=readings, ocr=True)
    confidence = field_confidence(notice)
    # No format checks a name's letters: kept as read, for a person to confirm.
    assert readings["applicant"].value == "SORENSEN, INGRID" and readings["applicant"].evidence == WEAK_AGREED
    assert confidence["applicant"] < FILE_WITHOUT_REVIEW
    assert readings["receipt_number"].value == "MSC2674629049"  # a receipt number's format checks the agreement
    assert confidence["receipt_number"] >= FILE_WITHOUT_REVIEW
    assert confidence["beneficiary"] >= FILE_WITHOUT_REVIEW  # read surely on the page: filed


# An I-129 notice's first boxes (labels over values), for the tests below to put their own party boxes under.
PETITION_BOXES: list[Cell] = [
    (40, 100, "Receipt Number", 7.5),
    (40, 112, "WAC2652174190"),
    (220, 100, "Case Type", 7.5),
    (220, 112, "I-129 Petition for a Nonimmigrant Worker"),
    (40, 126, "Notice Date", 7.5),
    (40, 138, "08/10/2026"),
]

INSTITUTIONS = [
    ["The Board of Regents of the Harlow Institute of", "Technology and Applied Sciences"],
    ["Trustees of the Marlowe Valley College"],
    ["The Regents of the University of the Northern Plains"],
    ["Sisters of Mercy Hospital of the Holy Cross and", "St. Anne Medical Center"],
]


@pytest.mark.parametrize("lines", INSTITUTIONS)
@pytest.mark.parametrize("placement", ["below", "beside"])
def test_an_institution_s_long_name_in_title_case_is_a_name_not_a_sentence(
    tmp_path: Path, lines: list[str], placement: str
) -> None:
    if placement == "below":  # a grid: the label over its value, the name wrapped in its box
        party: list[Cell] = [(40, 150, "Petitioner", 7.5), *[(40, 162 + 12 * n, line) for n, line in enumerate(lines)]]
        party += [(330, 150, "Beneficiary", 7.5), (330, 162, "RAUTENBERG, ROLF")]
    else:  # an online account's key/value rows: the name right of its label on one line
        party = [
            (40, 150, "Petitioner"),
            (130, 150, " ".join(lines)),
            (40, 168, "Beneficiary"),
            (130, 168, "RAUTENBERG, ROLF"),
        ]
    cells: list[Cell] = [
        *HEAD,
        (40, 70, "RECEIPT NOTICE", 12),
        *PETITION_BOXES,
        *party,
        *BODY,
    ]
    notice = one_notice(draw_cells(tmp_path / "institution.pdf", [cells]))
    assert notice.value("petitioner") == " ".join(lines)
    assert notice.value("beneficiary") == "RAUTENBERG, ROLF"


@pytest.mark.parametrize(
    "sentence",
    [
        "The employer must show that the beneficiary holds the degree",
        "Please send the original of the letter to this office",
        "The Petitioner has not shown eligibility for the benefit sought",
    ],
)
def test_a_sentence_under_a_party_label_is_still_no_name(tmp_path: Path, sentence: str) -> None:
    cells: list[Cell] = [
        *HEAD,
        (40, 70, "REQUEST FOR EVIDENCE", 12),
        *PETITION_BOXES,
        (40, 150, "Petitioner", 7.5),
        (40, 162, sentence),
        *BODY,
    ]
    notice = one_notice(draw_cells(tmp_path / "sentence.pdf", [cells]))
    assert notice.value("petitioner") is None


@pytest.mark.parametrize("value_x", [130, 260])
@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman", "Courier"])
def test_a_small_label_level_with_its_value_in_larger_type_reads_it(tmp_path: Path, value_x: float, font: str) -> None:
    # Labels in 6.5-point capitals and values in 10-point type, their tops level (cells of one row): the value's
    # larger type and descenders (``February``, ``QUIGLEY``) set it on a line of its own, level with its label.
    rows = [
        ("RECEIPT NUMBER", "IOE0931122334"),
        ("CASE TYPE", "I-765 Application for Employment Authorization"),
        ("RECEIVED DATE", "27 February 2026"),
        ("NOTICE DATE", "5 March 2026"),
        ("APPLICANT", "QUIGLEY-JOYCE, PEGGY"),
    ]
    cells: list[Cell] = [*HEAD, (40, 70, "RECEIPT NOTICE", 12)]
    for n, (label, value) in enumerate(rows):
        top = 100 + 20 * n
        cells += [(40, top, label, 6.5), (value_x, top, value, 10)]
    cells += BODY
    notice = one_notice(draw_cells(tmp_path / "level.pdf", [cells], font=font))
    assert notice.value("received_date") == "2026-02-27"
    assert notice.value("applicant") == "QUIGLEY-JOYCE, PEGGY"
    assert notice.value("notice_date") == "2026-03-05"
    assert notice.value("form") == "I-765"


@pytest.mark.parametrize(
    "printed",
    [
        "JANE DOE (SEE ATTACHED)",
        "HARBOR LIGHT FABRICATION INC ET AL",
        "OKAFOR, BEN AND OTHERS",
        "DOE, JANE - SEE ADDENDUM",
    ],
)
@pytest.mark.parametrize("label", ["Beneficiary", "Petitioner"])
def test_a_name_that_says_its_rest_is_elsewhere_is_not_filed(tmp_path: Path, printed: str, label: str) -> None:
    cells: list[Cell] = [
        *HEAD,
        (40, 70, "RECEIPT NOTICE", 12),
        *PETITION_BOXES,
        (40, 150, label, 7.5),
        (40, 162, printed),
        *BODY,
    ]
    notice = one_notice(draw_cells(tmp_path / "partial.pdf", [cells]))
    name = label.lower()
    assert notice.value(name) in (printed, None)
    assert not _filed(notice, name)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("After a careful review of the record, we regret to inform you that the above case is denied.", "denial"),
        ("We regret to inform you that your application has been denied.", "denial"),
        ("We are pleased to inform you that the above petition is approved.", "approval"),
        ("This is to let you know that your petition has been approved.", "approval"),
        (
            "If you do not respond, we will inform you that the application is denied.",
            None,
        ),  # a condition decides nothing
    ],
)
def test_a_decision_reported_in_a_clause_gives_the_kind_for_review(tmp_path: Path, sentence: str, kind: str) -> None:
    boxes = [
        (40, 100, "Receipt Number", 7.5),
        (40, 112, "WAC2622651234"),
        (220, 100, "Form", 7.5),
        (220, 112, "I-539"),
        (40, 126, "Date of Notice", 7.5),
        (40, 138, "September 30, 2026"),
        (40, 150, "Applicant", 7.5),
        (40, 162, "RAUTENBERG, AMARA"),
    ]
    cells: list[Cell] = [*HEAD, *boxes, (40, 190, "Decision", 11), (40, 210, sentence), (40, 222, "Sincerely,")]
    notice = one_notice(draw_cells(tmp_path / "decision.pdf", [cells]))
    assert notice.value("notice_type") == kind
    assert not _filed(notice, "notice_type")  # a body sentence: a person confirms the kind
