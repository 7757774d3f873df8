"""Review of round six's label wordings: a new label word met in a letter's body text files nothing.

Each notice is drawn here (reportlab) with its labels right and a body that uses the new label words in
sentences: a paragraph's wrapped line that starts ``received on DATE``, ``expires on DATE``, ``Start Date DATE of
...``; ``Employer`` as a heading over a sentence; a ``File No.`` of nine digits with no A in a copy block; a form
named by a title that starts another form's title. None of these may give a value filed without review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, Notice, field_confidence

TOP = 792.0
Cell = tuple[float, float, str]
HEAD: list[Cell] = [
    (47, 40, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES"),
    (330, 40, "FORM I-797C"),
    (47, 53, "NOTICE OF ACTION"),
    (330, 53, "PAGE 1 OF 1"),
]


def _one(path: Path, cells: list[Cell]) -> Notice:
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for x, y, text in cells:
        pdf.setFont("Helvetica", 9)
        pdf.drawString(x, TOP - y - 9, text)
    pdf.showPage()
    pdf.save()
    (notice,) = parse_notice_file(path).notices
    return notice


def _box(label: str, value: str, x: float, y: float) -> list[Cell]:
    return [(x, y, label), (x, y + 11, value)]


def _lines(lines: list[str], top: float) -> list[Cell]:
    return [(47, top + 12 * i, line) for i, line in enumerate(lines)]


def _not_filed(notice: Notice, name: str, right: str | None) -> None:
    """``name`` is ``right`` (None: not on the notice), or held for review."""
    if notice.value(name) != right:
        assert field_confidence(notice)[name] < FILE_WITHOUT_REVIEW, (name, notice.readings[name])


def _header(title: str, form: str, party: str, received: bool) -> list[Cell]:
    cells = [*HEAD, (47, 66, title), *_box("Receipt Number", "IOE0912345678", 47, 84)]
    if received:
        cells += _box("Received Date", "01/05/2026", 250, 84)
    cells += _box("Notice Date", "03/02/2026", 400, 84)
    return [*cells, *_box("Case Type", form, 47, 110), *_box(party, "OKAFOR, CHIDI", 250, 110)]


def test_a_wrapped_sentence_starting_with_a_short_label_word_is_no_label(tmp_path: Path) -> None:
    body = [
        "We need more evidence before we can decide your application. The evidence you sent us was",
        "received on January 14, 2026 and reviewed. Your response must be received by May 28, 2026.",
    ]
    rows = _header("REQUEST FOR EVIDENCE", "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "Applicant", False)
    notice = _one(tmp_path / "rfe.pdf", rows + _lines(body, 170))
    _not_filed(notice, "received_date", None)
    assert notice.value("notice_date") == "2026-03-02"


def test_a_sentence_going_on_after_a_labelled_date_is_no_label(tmp_path: Path) -> None:
    body = [
        "The above application has been approved. Your previous employment authorization document",
        "expires on 04/30/2026 and your new card will be mailed separately.",
        "Start Date 10/01/2024 of your prior card is not changed.",
    ]
    rows = _header("APPROVAL NOTICE", "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "Applicant", True)
    notice = _one(tmp_path / "approval.pdf", rows + _lines(body, 170))
    _not_filed(notice, "valid_from", None)
    _not_filed(notice, "valid_to", None)
    assert notice.value("received_date") == "2026-01-05"


def test_a_label_and_its_date_with_a_spelt_out_note_still_read(tmp_path: Path) -> None:
    rows = _header("APPROVAL NOTICE", "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "Applicant", True)
    notice = _one(tmp_path / "valid.pdf", [*rows, (47, 150, "Valid Until 04/30/2028 (inclusive)")])
    assert notice.value("valid_to") == "2028-04-30"


def test_a_heading_over_a_sentence_names_no_party(tmp_path: Path) -> None:
    rows = _header("REQUEST FOR EVIDENCE", "I140 - IMMIGRANT PETITION FOR ALIEN WORKER", "Beneficiary", False)
    rows += [(47, 170, "Evidence needed:"), (47, 186, "Employer")]
    rows += [(47, 198, "SUNRISE BAKERY LLC must show it can pay the wage from the priority date on.")]
    notice = _one(tmp_path / "employer.pdf", rows)
    _not_filed(notice, "petitioner", None)


def test_a_file_number_without_its_a_is_no_a_number(tmp_path: Path) -> None:
    rows = _header("REQUEST FOR EVIDENCE", "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "Applicant", False)
    rows += [(47, 170, "Your response must be received by May 28, 2026.")]
    rows += [(47, 220, "cc: Attorney of record"), (47, 232, "File No.: 204-118-377")]
    notice = _one(tmp_path / "file.pdf", rows)
    _not_filed(notice, "a_number", None)


def test_a_file_number_with_its_a_is_the_a_number(tmp_path: Path) -> None:
    rows = _header("REQUEST FOR EVIDENCE", "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "Applicant", False)
    rows += [(47, 170, "Your response must be received by May 28, 2026."), (47, 232, "File No.: A-204-118-377")]
    notice = _one(tmp_path / "file.pdf", rows)
    assert notice.value("a_number") == "204118377"
    assert field_confidence(notice)["a_number"] >= FILE_WITHOUT_REVIEW


@pytest.mark.parametrize(
    ("title", "form"),
    [
        ("APPLICATION FOR TRAVEL DOCUMENT (CARRIER DOCUMENTATION)", "I-131A"),
        ("APPLICATION FOR TRAVEL DOCUMENT", "I-131"),
        ("APPLICATION FOR EMPLOYMENT AUTHORIZATION FOR ABUSED NONIMMIGRANT SPOUSE", "I-765V"),
        ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", "I-765"),
    ],
)
def test_a_title_that_starts_another_forms_title_names_no_form_for_sure(tmp_path: Path, title: str, form: str) -> None:
    """A form known by a title that starts another form's (I-131 and I-131A, I-765 and I-765V) is filed only when
    the box says no more than that title; with its number or the rest of the longer title, it goes to review
    unless read right."""
    notice = _one(tmp_path / "form.pdf", _header("RECEIPT NOTICE", title, "Applicant", True))
    _not_filed(notice, "form", form)
    numbered = f"{form.replace('-', '')} - {title}"
    notice = _one(tmp_path / "numbered.pdf", _header("RECEIPT NOTICE", numbered, "Applicant", True))
    _not_filed(notice, "form", form)
    if form in ("I-131", "I-765"):
        assert notice.value("form") == form
        assert field_confidence(notice)["form"] >= FILE_WITHOUT_REVIEW


def test_a_related_case_stated_with_its_own_notice_date_cuts_no_notice_in_two(tmp_path: Path) -> None:
    """A notice whose banner and title were read names a related case lower down by its receipt number beside a
    notice date: one notice (had the sheet held two, the second's banner or title would have been read too)."""
    rows = [*HEAD, (47, 66, "RECEIPT NOTICE"), (47, 84, "Receipt Number: IOE0912345678")]
    rows += [(300, 84, "Notice Date: 03/02/2026"), (47, 98, "Case Type: I485 - APPLICATION TO ADJUST STATUS")]
    rows += [(47, 112, "Received Date: 01/05/2026"), (47, 126, "Applicant: OKAFOR, CHIDI")]
    rows += _lines(["We received your application. Your related case is listed below; it gets its own notice."], 160)
    rows += [(47, 300, "Related case"), (47, 330, "Receipt Number: IOE0912345679")]
    rows += [(300, 330, "Notice Date: 03/02/2026"), (47, 344, "Case Type: I765 - APPLICATION FOR EMPLOYMENT")]
    notice = _one(tmp_path / "related.pdf", rows)  # one notice, or _one fails
    assert notice.value("receipt_number") == "IOE0912345678"


def test_a_title_case_heading_with_a_word_of_its_own_is_no_misspelt_label(tmp_path: Path) -> None:
    """A scan: ``Priority Mail`` over a date is within OCR's reach of ``Priority Date`` letter for letter, but
    ``Mail`` is no misspelling of ``Date``: the date is no priority date filed without review (a misspelt label,
    ``Prionty Date``, is still read)."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 30)
    sheet = Image.new("L", (2550, 1100), 255)
    draw = ImageDraw.Draw(sheet)
    rows = [
        (150, 120, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", font),
        (1400, 120, "FORM I-797C", font),
        (150, 170, "NOTICE OF ACTION", font),
        (150, 240, "RECEIPT NOTICE", font),
        (150, 320, "RECEIPT NUMBER", small),
        (150, 360, "IOE0912345678", font),
        (900, 320, "RECEIVED DATE", small),
        (900, 360, "01/05/2026", font),
        (1500, 320, "NOTICE DATE", small),
        (1500, 360, "01/09/2026", font),
        (150, 440, "CASE TYPE", small),
        (150, 480, "I140 - IMMIGRANT PETITION FOR ALIEN WORKER", font),
        (150, 600, "Priority Mail", small),
        (150, 640, "03/15/2024", font),
        (900, 600, "Prionty Date", small),
        (900, 640, "02/11/2024", font),
    ]
    for x, y, text, face in rows:
        draw.text((x, y), text, fill=0, font=face)
    path = tmp_path / "scan.png"
    sheet.save(path, dpi=(300, 300))
    (notice,) = parse_notice_file(path).notices
    _not_filed(notice, "priority_date", "2024-02-11")
