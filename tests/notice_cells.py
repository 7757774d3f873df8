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
