"""Notices drawn in a test: text cells placed on letter-size pages (reportlab), read back by the reader.

One way to draw them for every notice test that builds its own fixture (no file of any evaluation set copied).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
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


def print_and_scan(
    pdf_path: Path, path: Path, dpi: int = 200, tilt: float = 0.4, blur: float = 0.5, seed: int = 5, grain: float = 5
) -> Path:
    """The PDF's first page printed and scanned into a PDF at ``path``: grey, tilted ``tilt`` degrees, blurred,
    toner a little light and paper a little grey, with ``grain`` (the noise drawn from ``seed``: the same each run)."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(tilt, resample=Image.Resampling.BILINEAR, fillcolor=250).filter(ImageFilter.GaussianBlur(blur))
    noise = np.random.default_rng(seed).normal(0, grain, image.size[::-1])
    pixels = np.asarray(image, dtype=np.float32) * 0.9 + 18 + noise
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L").save(buffer, format="PDF", resolution=float(dpi))
    path.write_bytes(buffer.getvalue())
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
