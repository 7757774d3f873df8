"""Confidence that can be trusted: a value files without review only on evidence strong enough.

Every path of the reader names the evidence a value rests on (``Reading.evidence``); values taken from a
sentence, by position alone, from body text, or where two candidates disagree are held below
``FILE_WITHOUT_REVIEW`` (see ``TRUSTED_EVIDENCE`` in ``docgen.notices.model``). Real PDFs from the
development generators (``samples/notices/variants.py``, ``letters.py``) and one drawn here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file, pdftext
from docgen.notices.model import (
    CONFLICT,
    CUT,
    FILE_WITHOUT_REVIEW,
    LABELLED,
    POSITION,
    REVIEW_CEILING,
    SENTENCE,
    TRUSTED_EVIDENCE,
    Notice,
    Reading,
    field_confidence,
)

from .conftest import SAMPLES


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"notice_{name}", SAMPLES / "notices" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"notice_{name}"] = module
    spec.loader.exec_module(module)
    return module


def _read_all(folder: Path) -> list[tuple[str, dict[str, object], Notice]]:
    """Every notice of every generated file in ``folder`` with its expected values."""
    import json

    found = []
    for path in sorted(folder.glob("*.pdf")):
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["notices"]
        notices = parse_notice_file(path).notices
        if len(notices) != len(want):
            continue  # a miscount is the split's business: the fields of such a file are not compared here
        found += [(path.name, truth, notice) for truth, notice in zip(want, notices, strict=True)]
    return found


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, object], Notice]]:
    out = tmp_path_factory.mktemp("letters")
    _module("letters").write_letters(out, count=8, scans=0, seed=505)  # two of each family
    return _read_all(out / "letters-text")


@pytest.fixture(scope="module")
def twocol(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, dict[str, object], Notice]]:
    out = tmp_path_factory.mktemp("twocol")
    _module("variants").write_variants(out, count=12, scans=0, seed=3131, families=["twocol", "table"])
    return _read_all(out / "variants-text")


def _trusted_are_right(read: list[tuple[str, dict[str, object], Notice]]) -> int:
    trusted = 0
    for name, truth, notice in read:
        confidence = field_confidence(notice)
        for field, want in truth.items():
            if field == "pages" or notice.value(field) is None or confidence[field] < FILE_WITHOUT_REVIEW:
                continue
            assert notice.value(field) == want, (name, field, notice.readings[field])
            trusted += 1
    return trusted


def test_trusted_values_are_right_on_letters(letters: list[tuple[str, dict[str, object], Notice]]) -> None:
    assert len(letters) >= 8
    assert _trusted_are_right(letters) >= 60


def test_trusted_values_are_right_on_two_column_pages(twocol: list[tuple[str, dict[str, object], Notice]]) -> None:
    assert len(twocol) >= 10
    assert _trusted_are_right(twocol) >= 80


def test_a_letters_date_line_is_position_only_and_goes_to_review(
    letters: list[tuple[str, dict[str, object], Notice]],
) -> None:
    dated = [notice for name, _, notice in letters if "-letter-" in name]
    assert dated
    for notice in dated:
        reading = notice.readings["notice_date"]
        assert reading.value is not None and reading.evidence == POSITION
        assert field_confidence(notice)["notice_date"] < FILE_WITHOUT_REVIEW
        assert not notice.files_without_review()  # the notice date decides where it is filed: a person looks


def test_labelled_printout_values_file_without_review(letters: list[tuple[str, dict[str, object], Notice]]) -> None:
    printouts = [notice for name, _, notice in letters if "-mainframe-" in name]
    assert printouts
    for notice in printouts:
        assert notice.readings["receipt_number"].evidence == LABELLED
        assert notice.files_without_review()


def test_a_date_only_in_a_sentence_goes_to_review(twocol: list[tuple[str, dict[str, object], Notice]]) -> None:
    sentences = [
        notice
        for _, truth, notice in twocol
        if truth.get("response_due") and notice.readings["response_due"].evidence == SENTENCE
    ]
    assert sentences, "the two-column family gives response dates only in sentences"
    for notice in sentences:
        assert notice.value("response_due") is not None
        assert field_confidence(notice)["response_due"] <= REVIEW_CEILING < FILE_WITHOUT_REVIEW


def _conflicting_rfe(path: Path) -> None:
    """An RFE whose Response Due box and whose body sentence give two different dates."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(72, 740, "DEPARTMENT OF HOMELAND SECURITY")
    pdf.drawString(72, 724, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    pdf.drawString(72, 700, "I-797E, NOTICE OF ACTION")
    pdf.setFont("Helvetica", 7)
    for x, label in ((72, "RECEIPT NUMBER"), (250, "CASE TYPE"), (420, "NOTICE DATE")):
        pdf.drawString(x, 670, label)
    for x, label in ((72, "NOTICE TYPE"), (250, "BENEFICIARY"), (420, "RESPONSE DUE")):
        pdf.drawString(x, 630, label)
    pdf.setFont("Helvetica", 10)
    for x, value in ((72, "WAC2690012345"), (250, "I-129 PETITION FOR A NONIMMIGRANT WORKER"), (420, "03/02/2026")):
        pdf.drawString(x, 656, value)
    for x, value in ((72, "Request for Evidence"), (250, "OKAFOR, CHIDERA"), (420, "06/05/2026")):
        pdf.drawString(x, 616, value)
    pdf.drawString(72, 560, "The evidence you submit in response to this request must be received in this")
    pdf.drawString(72, 546, "office by June 10, 2026. Please include this notice with your response.")
    pdf.save()


def test_two_candidates_that_disagree_go_to_review(tmp_path: Path) -> None:
    path = tmp_path / "rfe-conflict.pdf"
    _conflicting_rfe(path)
    (notice,) = parse_notice_file(path).notices
    assert notice.value("receipt_number") == "WAC2690012345"
    assert field_confidence(notice)["receipt_number"] >= FILE_WITHOUT_REVIEW
    reading = notice.readings["response_due"]
    assert reading.value == "2026-06-05" and reading.evidence == CONFLICT  # the box's date, for review
    assert "June 10, 2026" in str(reading.source)
    assert field_confidence(notice)["response_due"] < FILE_WITHOUT_REVIEW


def test_untrusted_evidence_never_reaches_the_filing_threshold() -> None:
    for evidence in ("sentence", "position", "heading", "free text", "conflict", "other side", "ocr repaired"):
        assert evidence not in TRUSTED_EVIDENCE
        for ocr in (False, True):
            notice = Notice(pages=[1], readings={"amount": Reading("630.00", 1.0, "$630.00", evidence)}, ocr=ocr)
            assert field_confidence(notice)["amount"] <= REVIEW_CEILING
    sure = Notice(pages=[1], readings={"amount": Reading("630.00", 0.99, "$630.00", LABELLED)})
    assert field_confidence(sure)["amount"] >= FILE_WITHOUT_REVIEW


def _asc_notice(path: Path, street_gap: float) -> None:
    """A biometrics notice whose appointment block runs in two interleaved columns (the ASC's address on the
    left, ``ON (DATE)`` / ``AT (TIME)`` on the right), the address lines ``street_gap`` points apart."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    top = 792.0

    def text(x: float, y: float, value: str, size: float = 9) -> None:
        pdf.setFont("Helvetica", size)
        pdf.drawString(x, top - y - size, value)

    text(41, 41, "U.S. Department of Homeland Security")
    text(361, 41, "I-797C, Notice of Action")
    text(41, 56, "U.S. Citizenship and Immigration Services")
    text(46, 98, "RECEIPT NUMBER", 7)
    text(151, 98, "LIN2616800123")
    text(46, 120, "CASE TYPE", 7)
    text(151, 120, "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS")
    text(46, 142, "NOTICE DATE", 7)
    text(150, 142, "06/02/2025")
    text(46, 186, "APPLICANT", 7)
    text(150, 186, "Amara H. Vance")
    text(41, 209, "NOTICE TYPE: BIOMETRICS APPOINTMENT NOTICE")
    text(52, 248, "PLEASE APPEAR AT", 7)
    text(340, 248, "ON (DATE)", 7)
    text(53, 263, "USCIS ELM RIVER ASC")
    text(340, 262, "June 23, 2025")
    text(53, 263 + street_gap, "400 ELM RIVER DRIVE SUITE 2")
    text(340, 282, "AT (TIME)", 7)
    text(52, 263 + 2 * street_gap - 0.5, "CHICAGO IL 60611")
    text(341, 296, "9:00 AM")
    pdf.save()


def test_an_address_reads_on_past_a_line_of_the_next_column(tmp_path: Path) -> None:
    path = tmp_path / "asc.pdf"
    _asc_notice(path, 14.6)
    (notice,) = parse_notice_file(path).notices
    appointment = notice.value("appointment")
    assert appointment["date"] == "2025-06-23" and appointment["time"] == "09:00"
    assert appointment["location"] == "USCIS ELM RIVER ASC, 400 ELM RIVER DRIVE SUITE 2, CHICAGO IL 60611"
    assert field_confidence(notice)["appointment"] >= FILE_WITHOUT_REVIEW


def test_an_address_whose_next_line_was_not_joined_goes_to_review(tmp_path: Path) -> None:
    path = tmp_path / "asc-wide.pdf"
    _asc_notice(path, 18.5)  # the street a little further down than the reader joins lines: maybe cut
    (notice,) = parse_notice_file(path).notices
    reading = notice.readings["appointment"]
    assert reading.value is not None and reading.value["location"] == "USCIS ELM RIVER ASC"
    assert reading.evidence == CUT
    assert field_confidence(notice)["appointment"] < FILE_WITHOUT_REVIEW


def test_a_ligature_of_one_letter_twice_reads_both_letters() -> None:
    """``tti`` printed as one glyph gives three characters with one box in one text object; a glyph printed
    again at its place in another object (bold) is read once."""
    box = (10.0, 0.0, 19.0, 10.0)
    glyphs = [
        ("L", 0.0, 0.0, 5.0, 10.0, False, 0),
        ("a", 5.0, 0.0, 10.0, 10.0, False, 1),
        ("t", *box, False, 2),
        ("t", *box, False, 3),
        ("i", *box, False, 4),
        ("c", 19.0, 0.0, 24.0, 10.0, False, 5),
    ]

    def text(same: bool) -> str:
        (run,) = list(pdftext._runs(glyphs, lambda first, second: same))
        return "".join(glyph[0] for glyph in run)

    assert text(same=True) == "Lattic"  # one ligature glyph
    assert text(same=False) == "Latic"  # the second t printed over the first: bold, read once


def _staggered(path: Path) -> None:
    """A values-above grid in two columns, the right one set half a box lower: the right column's date shares
    a line with the left column's ``RECEIVED DATE`` label (as OCR and the text layer group them)."""
    pdf = canvas.Canvas(str(path), pagesize=letter)

    def text(x: float, y: float, value: str, size: float = 9) -> None:
        pdf.setFont("Helvetica", size)
        pdf.drawString(x, 792.0 - y - size, value)

    text(40, 29, "THE UNITED STATES OF AMERICA")
    text(398, 29, "I-797C, NOTICE OF ACTION")
    left = [("MSC2646073204", 56), ("RECEIPT NUMBER", 68), ("02/21/2026", 82), ("RECEIVED DATE", 94)]
    left += [("04/18/2026", 108), ("NOTICE DATE", 120), ("CHEN, CARLOS R", 158), ("APPLICANT", 173)]
    left += [("Notice of Intent to Deny", 184), ("NOTICE TYPE", 199)]
    right = [("I-485 APPLICATION TO REGISTER PERMANENT", 56), ("RESIDENCE OR ADJUST STATUS", 68)]
    right += [("CASE TYPE", 82), ("01/02/2026", 94), ("PRIORITY DATE", 108)]
    for column, x in ((left, 41), (right, 300)):
        for value, y in column:
            text(x, y, value, 7 if value.isupper() and " " in value and "," not in value else 9)
    pdf.save()


def test_a_far_value_of_another_column_on_the_labels_line_goes_to_review(tmp_path: Path) -> None:
    path = tmp_path / "staggered.pdf"
    _staggered(path)
    (notice,) = parse_notice_file(path).notices
    assert notice.value("notice_date") == "2026-04-18"
    reading = notice.readings["received_date"]
    assert reading.value == "2026-02-21" and reading.evidence == CONFLICT  # its column's date, for review
    assert "01/02/2026" in str(reading.source)
    assert field_confidence(notice)["received_date"] < FILE_WITHOUT_REVIEW
