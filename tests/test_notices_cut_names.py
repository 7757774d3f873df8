"""A party's name that stops on a word it cannot end with was cut where it wrapped: it goes to review."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, LABELLED, Notice, Reading, field_confidence


@pytest.mark.parametrize(
    "name",
    [
        "HARBORVIEW REGIONAL MEDICAL CENTER FOUNDATION OF",
        "SMITH AND",
        "NORTHWIND TRADING CO. &",
        "BOARD OF TRUSTEES OF THE",
        "DE LA CRUZ,",
        "GARCIA-",
    ],
)
def test_a_name_ending_where_it_cannot_end_is_not_filed(name: str) -> None:
    notice = Notice(pages=[1], readings={"petitioner": Reading(name, 0.999, name, LABELLED)})
    assert field_confidence(notice)["petitioner"] < FILE_WITHOUT_REVIEW


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("beneficiary", "LEE, JOHN Y"),
        ("petitioner", "ACME ROBOTICS INC"),  # as beneficiary: a firm in a person's role, held for review
        ("beneficiary", "DE LA CRUZ, MARIA"),
        ("beneficiary", "VAN DER BERG, ANNA"),
    ],
)
def test_whole_names_stay_trusted(role: str, name: str) -> None:
    notice = Notice(pages=[1], readings={role: Reading(name, 0.999, name, LABELLED)})
    assert field_confidence(notice)[role] >= FILE_WITHOUT_REVIEW


def test_a_petitioner_cut_on_a_real_notice_goes_to_review(tmp_path: Path) -> None:
    """Drawn as a notice whose petitioner box holds one line ending in ``OF``: read, and held for a person."""
    path = tmp_path / "cut.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setFont("Helvetica", 9)
    rows = [
        (47, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES"),
        (47, "NOTICE OF ACTION  FORM I-797C"),
        (47, "I-129, PETITION FOR A NONIMMIGRANT WORKER"),
    ]
    for i, (x, text) in enumerate(rows):
        pdf.drawString(x, 740 - 13 * i, text)
    pdf.drawString(47, 690, "Receipt Number")
    pdf.drawString(47, 679, "WAC2612345678")
    pdf.drawString(250, 690, "Notice Date")
    pdf.drawString(250, 679, "03/02/2026")
    pdf.drawString(47, 655, "Petitioner")
    pdf.drawString(47, 644, "HARBORVIEW REGIONAL MEDICAL CENTER FOUNDATION OF")
    pdf.drawString(47, 600, "Beneficiary")
    pdf.drawString(47, 589, "OKAFOR, CHIDI")
    pdf.showPage()
    pdf.save()
    (notice,) = parse_notice_file(path).notices
    assert notice.value("beneficiary") == "OKAFOR, CHIDI"
    assert field_confidence(notice)["beneficiary"] >= FILE_WITHOUT_REVIEW
    assert notice.value("petitioner") == "HARBORVIEW REGIONAL MEDICAL CENTER FOUNDATION OF"
    assert field_confidence(notice)["petitioner"] < FILE_WITHOUT_REVIEW
