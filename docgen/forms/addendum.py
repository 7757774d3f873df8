"""Continuation sheets: the full text of answers that do not fit their box.

Laid out like the Additional Information part of USCIS forms: who the sheet
belongs to, then for each answer the page, part and item number and the full
text, wrapped, never cut.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

FONT = "Helvetica"
BOLD = "Helvetica-Bold"


@dataclass
class OverflowEntry:
    """An answer continued on the addendum."""

    field: str
    page: int
    part: str
    item: str
    text: str


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while stringWidth(word, font, size) > width:  # a single very long token: break it, keep all
                cut = len(word)
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def render_addendum(form: str, edition: str, header: list[tuple[str, str]], entries: list[OverflowEntry]) -> bytes:
    """A letter-size PDF with every entry in full."""
    from reportlab.lib.pagesizes import LETTER  # reportlab loads only when a fill needs an addendum
    from reportlab.lib.units import inch
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=True)
    canvas.setTitle(f"{form} Additional Information")
    width, height = LETTER
    margin = 0.75 * inch
    text_width = width - 2 * margin
    page_no = 1

    def start_page() -> float:
        canvas.setFont(BOLD, 13)
        canvas.drawString(margin, height - margin, f"Form {form} - Additional Information (continuation sheet)")
        canvas.setFont(FONT, 9)
        canvas.drawString(margin, height - margin - 14, f"Edition {edition}. Attach to the form it continues.")
        y = float(height - margin - 36)
        for label, value in header:
            canvas.setFont(BOLD, 10)
            canvas.drawString(margin, y, f"{label}:")
            canvas.setFont(FONT, 10)
            canvas.drawString(margin + 150, y, value)
            y -= 14
        canvas.setFont(FONT, 8)
        canvas.drawRightString(width - margin, margin / 2, f"Form {form} Edition {edition} - addendum page {page_no}")
        return y - 10

    y = start_page()
    for entry in entries:
        body = _wrap(entry.text, FONT, 10, text_width - 12)
        needed = 30 + 13 * min(len(body), 3)
        if y - needed < margin:
            canvas.showPage()
            page_no += 1
            y = start_page()
        canvas.setFont(BOLD, 10)
        canvas.drawString(
            margin, y, f"Page Number: {entry.page}    Part Number: {entry.part}    Item Number: {entry.item}"
        )
        y -= 15
        canvas.setFont(FONT, 10)
        for line in body:
            if y < margin:
                canvas.showPage()
                page_no += 1
                y = start_page()
                canvas.setFont(FONT, 10)
            canvas.drawString(margin + 12, y, line)
            y -= 13
        y -= 10
    canvas.save()
    return buffer.getvalue()
