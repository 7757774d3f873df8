"""Review of session 11's notice-reader change (trust11, sheets11): drawn here in this file's own layout
(reportlab, fictional values), not a copy of any evaluation set's file.

Class: a notice of two pages printed two pages to a sheet (a printer's "2 pages per sheet") is one notice, its
second page's response due kept, not a second notice (sheets11's "a notice never runs on from one side of a sheet
to the other" held only for two different notices).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file

WIDTH, HEIGHT = letter
RECEIPT = "EAC2790041123"


def _first_page(pdf: canvas.Canvas) -> None:
    pdf.setFont("Times-Bold", 11)
    pdf.drawString(54, HEIGHT - 54, "U.S. Department of Homeland Security")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(54, HEIGHT - 67, "U.S. Citizenship and Immigration Services")
    pdf.drawString(54, HEIGHT - 80, "Vermont Service Center")
    pdf.drawString(54, HEIGHT - 92, "75 Lower Welden Street")
    y = HEIGHT - 54
    facts = [
        ("Receipt Number", RECEIPT),
        ("Form", "I-129"),
        ("Notice Date", "March 4, 2027"),
        ("Petitioner", "ORCHARD ROBOTICS LLC"),
        ("Beneficiary", "NAKAMURA, HIKARU"),
    ]
    for label, value in facts:
        pdf.setFont("Times-Roman", 8)
        pdf.drawString(380, y, label)
        pdf.setFont("Times-Bold", 11)
        pdf.drawString(380, y - 12, value)
        y -= 30
    pdf.setFont("Times-Bold", 14)
    pdf.drawString(54, HEIGHT - 260, "Request for Evidence")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(54, HEIGHT - 285, "We need more evidence before we can decide the petition named above.")
    pdf.drawString(54, HEIGHT - 300, "The evidence we need is listed on the next page.")
    pdf.setFont("Times-Roman", 8)
    pdf.drawString(54, 50, "Form I-797E (Rev. 01/01/27)  Page 1 of 2")


def _second_page(pdf: canvas.Canvas) -> None:
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(54, HEIGHT - 54, "U.S. Citizenship and Immigration Services")
    pdf.drawString(54, HEIGHT - 67, "Vermont Service Center")
    pdf.drawString(380, HEIGHT - 54, "Receipt Number")
    pdf.drawString(380, HEIGHT - 66, RECEIPT)
    pdf.drawString(380, HEIGHT - 84, "Notice Date")
    pdf.drawString(380, HEIGHT - 96, "March 4, 2027")
    pdf.setFont("Times-Bold", 14)
    pdf.drawString(54, HEIGHT - 85, "Request for Evidence")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(54, HEIGHT - 110, "1. Evidence that the beneficiary holds the degree the position requires.")
    pdf.drawString(54, HEIGHT - 125, "2. The itinerary of the services the beneficiary will perform.")
    pdf.setFont("Times-Bold", 11)
    pdf.drawString(54, HEIGHT - 150, "Response Due: May 28, 2027")
    pdf.setFont("Times-Roman", 10)
    for index in range(5):
        pdf.drawString(
            54, HEIGHT - 200 - 14 * index, f"{index + 3}. Further evidence of the employer's ability to pay."
        )
    pdf.setFont("Times-Roman", 8)
    pdf.drawString(54, 50, "Form I-797E (Rev. 01/01/27)  Page 2 of 2")


def _two_up(path: Path) -> Path:
    size = landscape(letter)
    pdf = canvas.Canvas(str(path), pagesize=size, invariant=True)
    cell = size[0] / 2
    scale = min(cell / WIDTH, size[1] / HEIGHT) * 0.96
    for index, draw in enumerate((_first_page, _second_page)):
        pdf.saveState()
        pdf.translate(index * cell + (cell - WIDTH * scale) / 2, (size[1] - HEIGHT * scale) / 2)
        pdf.scale(scale, scale)
        draw(pdf)
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return path


def test_a_two_page_notice_printed_two_pages_to_a_sheet_is_one_notice(tmp_path: Path) -> None:
    read = [notice.to_dict() for notice in parse_notice_file(_two_up(tmp_path / "rfe-2up.pdf")).notices]
    assert len(read) == 1
    assert read[0]["receipt_number"] == RECEIPT
    assert read[0]["response_due"] == "2027-05-28"
