"""Issue 14, session 13: no wrong notice type, no priority date from another date's label, no letter lost from a
name's edge; on layouts of our own, read back by the reader.

1. The kind comes from what decides it: the Notice Type or Action line (``APPROVED`` says an approval as well as
   ``APPROVAL NOTICE`` does) and the title. A bare ``Receipt`` labelling the receipt number printed over it (values
   over labels) is no title. A title that the type line does not confirm (it says something that names no kind),
   or that a decision sentence of the body gainsays ("The petition has been approved."), goes to review.
2. A date printed after another date's label (a blank ``Priority Date`` box, then ``Decision Date 04/03/2024``) is
   that other date, never the priority date.
3. A name that starts or ends with an accented letter (``ØSTERGAARD``, ``JOSÉ``) keeps it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, Notice, field_confidence

from .notice_cells import Cell, draw_cells, one_notice, print_and_scan

BANNER: list[Cell] = [
    (40, 30, "U.S. Department of Homeland Security", 10),
    (40, 43, "U.S. Citizenship and Immigration Services", 10),
    (400, 36, "Form I-797, Notice of Action", 10),
]


def _filed(notice: Notice, name: str) -> bool:
    return notice.value(name) is not None and field_confidence(notice)[name] >= FILE_WITHOUT_REVIEW


def _grid(action: str) -> list[Cell]:
    """Our own values-over-labels grid: each value in a row, its small label in the row under it."""
    return [
        *BANNER,
        (40, 80, "IOE0987654321"),
        (170, 80, "02/11/2026"),
        (300, 80, "05/20/2026"),
        (40, 92, "Receipt", 7),
        (170, 92, "Date Received", 7),
        (300, 92, "Notice Date", 7),
        (40, 118, "I-140 IMMIGRANT PETITION FOR ALIEN WORKERS"),
        (330, 118, action),
        (430, 118, "E21"),
        (40, 130, "Form", 7),
        (330, 130, "Type of Action", 7),
        (430, 130, "Class", 7),
        (40, 156, "ALDERWOOD GENOMICS CORP"),
        (40, 168, "Petitioner", 7),
        (300, 156, "VANTERPOOL, IMOGEN R"),
        (300, 168, "Beneficiary", 7),
    ]


@pytest.mark.parametrize(("action", "kind"), [("APPROVED", "approval"), ("DENIED", "denial")])
def test_action_box_decides_over_a_receipt_label(tmp_path: Path, action: str, kind: str) -> None:
    notice = one_notice(draw_cells(tmp_path / "grid.pdf", [_grid(action)]))
    assert notice.value("receipt_number") == "IOE0987654321"
    assert notice.value("notice_type") == kind
    assert _filed(notice, "notice_type")


def _scan(pdf_path: Path, path: Path, dpi: int = 200) -> Path:
    return print_and_scan(pdf_path, path, dpi, tilt=0.3, blur=0.4, seed=13, grain=4)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_scanned_action_box_is_never_filed_as_a_receipt(tmp_path: Path) -> None:
    scan = _scan(draw_cells(tmp_path / "grid.pdf", [_grid("APPROVED")]), tmp_path / "grid-scan.pdf")
    (notice,) = parse_notice_file(scan).notices
    assert notice.value("notice_type") in ("approval", None)
    assert notice.value("notice_type") == "approval" or not _filed(notice, "notice_type")


def test_a_bare_receipt_label_over_its_number_is_no_title(tmp_path: Path) -> None:
    # The Action box left out: the kind is the approval sentence's alone, which never decides: no receipt filed.
    cells = [cell for cell in _grid("") if cell[2] not in ("", "Type of Action")]
    cells.append((40, 200, "The above petition has been approved. Keep this notice with your records."))
    notice = one_notice(draw_cells(tmp_path / "grid.pdf", [cells]))
    assert notice.value("notice_type") != "receipt"
    assert not _filed(notice, "notice_type")


def _titled(title: str, type_line: str | None, body: str) -> list[Cell]:
    cells: list[Cell] = [
        *BANNER,
        (200, 66, title, 12),
        (40, 96, "Receipt Number: LIN2601234567"),
        (40, 110, "Notice Date: March 3, 2026"),
        (40, 124, "Received Date: January 12, 2026"),
        (40, 138, "Case Type: I-485 Application to Register Permanent Residence or Adjust Status"),
        (40, 152, "Applicant: HALVORSEN-MBEKI, TOBIAS"),
        (40, 200, body),
    ]
    if type_line is not None:
        cells.append((300, 96, f"Notice Type: {type_line}"))
    return cells


RECEIPT_BODY = "We have your case. If the application is approved, we will mail the card to the address above."


def test_a_plain_receipt_title_still_files(tmp_path: Path) -> None:
    notice = one_notice(draw_cells(tmp_path / "r.pdf", [_titled("RECEIPT NOTICE", None, RECEIPT_BODY)]))
    assert notice.value("notice_type") == "receipt"
    assert _filed(notice, "notice_type")


def test_a_receipt_type_line_still_files(tmp_path: Path) -> None:
    notice = one_notice(draw_cells(tmp_path / "r.pdf", [_titled("RECEIPT NOTICE", "Receipt", RECEIPT_BODY)]))
    assert notice.value("notice_type") == "receipt"
    assert _filed(notice, "notice_type")


def test_a_title_the_type_line_does_not_confirm_goes_to_review(tmp_path: Path) -> None:
    # The type line says what the reader knows no kind by: the title may be a heading of another kind's notice.
    cells = _titled("RECEIPT NOTICE", "Amended Notice", RECEIPT_BODY)
    notice = one_notice(draw_cells(tmp_path / "t.pdf", [cells]))
    assert not _filed(notice, "notice_type")


@pytest.mark.parametrize(
    "body",
    ["The application has been approved. Your card will be mailed.", "After review, the application is denied."],
)
def test_a_title_gainsaid_by_a_decision_sentence_goes_to_review(tmp_path: Path, body: str) -> None:
    notice = one_notice(draw_cells(tmp_path / "g.pdf", [_titled("RECEIPT NOTICE", None, body)]))
    assert notice.value("notice_type") != "receipt" or not _filed(notice, "notice_type")
    assert not _filed(notice, "notice_type")


def test_a_type_line_gainsaid_by_a_decision_sentence_goes_to_review(tmp_path: Path) -> None:
    cells = _titled("", "Receipt", "After review, the application is denied.")
    notice = one_notice(draw_cells(tmp_path / "l.pdf", [cells]))
    assert not _filed(notice, "notice_type")


def _dated(priority: str, event: str) -> list[Cell]:
    """A typed row of our own: the priority date's label, its box, then another date's label and its date."""
    return [
        *BANNER,
        (200, 66, "APPROVAL NOTICE", 12),
        (40, 96, "Receipt Number: SRC2612345098"),
        (40, 110, "Case Type: I-140 Immigrant Petition for Alien Workers"),
        (40, 124, "Received Date: October 2, 2025"),
        (40, 138, f"PRIORITY DATE   {priority}"),
        (260, 138, f"{event} 04/03/2026"),
        (40, 152, "Notice Date: April 3, 2026"),
        (40, 166, "Petitioner: ALDERWOOD GENOMICS CORP"),
        (40, 180, "Beneficiary: VANTERPOOL, IMOGEN R"),
    ]


@pytest.mark.parametrize("event", ["DECISION DATE", "STATUS DT", "ACTION DATE"])
def test_another_dates_label_gives_no_priority_date(tmp_path: Path, event: str) -> None:
    notice = one_notice(draw_cells(tmp_path / "p.pdf", [_dated("", event)]))
    assert notice.value("priority_date") != "2026-04-03"
    assert notice.value("notice_date") == "2026-04-03"


def test_a_priority_date_in_its_own_box_files(tmp_path: Path) -> None:
    notice = one_notice(draw_cells(tmp_path / "p.pdf", [_dated("09/14/2025", "DECISION DATE")]))
    assert notice.value("priority_date") == "2025-09-14"
    assert _filed(notice, "priority_date")


@pytest.mark.parametrize("name", ["ØSTERGAARD, ANDRÉ", "ÉCHEVERRÍA-LUND, JOSÉ", "Åkesson, Zoë", "ÖZTÜRK, ELIF"])
def test_a_letter_at_a_names_edge_is_kept(tmp_path: Path, name: str) -> None:
    cells = [*_titled("RECEIPT NOTICE", "Receipt", RECEIPT_BODY)]
    cells = [cell for cell in cells if not cell[2].startswith("Applicant")]
    cells.append((40, 152, f"Applicant: {name}"))
    notice = one_notice(draw_cells(tmp_path / "n.pdf", [cells]))
    assert notice.value("applicant") == name


FIRM, PERSON = "CORVALLIS TIDEWORKS MARINE HOLDINGS LLC", "SZYMANSKA, OLIWIA"
PARTY_HEAD: list[Cell] = [
    *BANNER,
    (200, 66, "APPROVAL NOTICE", 12),
    (40, 96, "Receipt Number: EAC2698765432"),
    (40, 110, "Case Type: I-129 Petition for a Nonimmigrant Worker"),
    (40, 124, "Received Date: 01/15/2026"),
    (40, 138, "Notice Date: 03/30/2026"),
    (40, 152, "Class: H1B"),
]


def _column(cells: list[tuple[float, str]], pitch: float) -> list[Cell]:
    """Our own right-hand column of party boxes, one cell a line (labels small)."""
    return [
        (330 + indent, 100 + line * pitch, text, 7 if text in ("Petitioner", "Beneficiary") else 9)
        for line, (indent, text) in enumerate(cells)
    ]


# Values over their labels, the firm's name wrapped (or its last word set in), the beneficiary's box empty under.
OVER = {
    "wrapped": [
        (0, "CORVALLIS TIDEWORKS MARINE"),
        (0, "HOLDINGS LLC"),
        (0, "Petitioner"),
        (0, PERSON),
        (0, "Beneficiary"),
    ],
    "set in": [
        (0, "CORVALLIS TIDEWORKS MARINE HOLDINGS"),
        (40, "LLC"),
        (0, "Petitioner"),
        (0, PERSON),
        (0, "Beneficiary"),
    ],
    "dates under": [
        (0, "CORVALLIS TIDEWORKS MARINE"),
        (0, "HOLDINGS LLC"),
        (0, "Petitioner"),
        (0, PERSON),
        (0, "Beneficiary"),
        (0, "Valid 04/01/2026 to 03/31/2029"),
    ],
}


@pytest.mark.parametrize(
    ("layout", "pitch"), [("wrapped", 12.0), ("set in", 12.0), ("dates under", 12.0), ("dates under", 14.0)]
)
def test_a_name_between_two_party_labels_is_not_filed_as_the_first(tmp_path: Path, layout: str, pitch: float) -> None:
    notice = one_notice(draw_cells(tmp_path / "over.pdf", [[*PARTY_HEAD, *_column(OVER[layout], pitch)]]))
    for name, right in (("petitioner", FIRM), ("beneficiary", PERSON)):
        assert notice.value(name) in (None, right) or not _filed(notice, name), (name, notice.value(name))


@pytest.mark.parametrize("pitch", [12.0, 16.0])
def test_stacked_party_boxes_still_file(tmp_path: Path, pitch: float) -> None:
    cells = _column([(0, "Petitioner"), (0, FIRM), (0, "Beneficiary"), (0, PERSON)], pitch)
    notice = one_notice(draw_cells(tmp_path / "under.pdf", [[*PARTY_HEAD, *cells]]))
    assert notice.value("petitioner") == FIRM and notice.value("beneficiary") == PERSON
    assert _filed(notice, "petitioner") and _filed(notice, "beneficiary")


@pytest.mark.parametrize("pitch", [12.0, 16.0])
def test_names_over_their_labels_still_file(tmp_path: Path, pitch: float) -> None:
    cells = _column([(0, FIRM), (0, "Petitioner"), (0, PERSON), (0, "Beneficiary")], pitch)
    notice = one_notice(draw_cells(tmp_path / "over.pdf", [[*PARTY_HEAD, *cells]]))
    assert notice.value("petitioner") == FIRM and notice.value("beneficiary") == PERSON
    assert _filed(notice, "petitioner") and _filed(notice, "beneficiary")
