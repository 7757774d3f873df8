"""Notices drawn in a test: text cells placed on letter-size pages (reportlab), read back by the reader.

One way to draw them for every notice test that builds its own fixture (no file of any evaluation set copied).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.notices import Notice, parse_notice_file

TOP = 792.0  # a letter page's height in points: cells are placed from the top
Cell = tuple[float, float, str] | tuple[float, float, str, float]  # x, y from the top, text[, size]


def draw_cells(path: Path, pages: list[list[Cell]], font: str = "Helvetica", size: float = 9.0) -> Path:
    """A PDF of ``pages``, each a list of cells (``size`` for a cell that gives none); an empty list is a blank
    page."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for cells in pages:
        for cell in cells:
            points = cell[3] if len(cell) > 3 else size
            pdf.setFont(font, points)
            pdf.drawString(cell[0], TOP - cell[1] - points, cell[2])
        pdf.showPage()
    pdf.save()
    return path


def one_notice(path: Path) -> Notice:
    """The one notice the reader finds in the file at ``path`` (fails when it finds another count)."""
    (notice,) = parse_notice_file(path).notices
    return notice


def appointment_head(title: str = "ASC APPOINTMENT NOTICE") -> list[Cell]:
    """The top of an I-765 appointment notice (banner, form, ``title``, receipt, case type, notice date, applicant,
    the sentence before the appointment) as cells, for the appointment tests to put their own block under."""
    return [
        (40, 30, "Department of Homeland Security"),
        (40, 42, "U.S. Citizenship and Immigration Services"),
        (420, 36, "Form I-797C, Notice of Action", 10),
        (150, 70, title, 11),
        (40, 100, "Receipt Number", 7.5),
        (200, 100, "Case Type", 7.5),
        (380, 100, "Notice Date", 7.5),
        (40, 112, "IOE0912345678"),
        (200, 112, "I-765 Application for Employment Authorization", 8),
        (380, 112, "03/09/2026"),
        (40, 140, "Applicant", 7.5),
        (40, 152, "OYELARAN, TOMASZ K"),
        (40, 200, "Your biometrics will be collected at the support center named below, on the day and at the hour"),
        (40, 212, "shown. Please bring this letter and an identity document with your photograph."),
    ]
