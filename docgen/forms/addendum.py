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
    """Words on lines no wider than ``width``; a token wider than a line is broken, never cut. Linear in the
    length of the text (widths are summed per character, each measured once)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth  # reportlab loads only when an addendum is drawn

    measured: dict[str, float] = {}

    def char_width(char: str) -> float:
        if char not in measured:
            measured[char] = stringWidth(char, font, size)
        return measured[char]

    space = char_width(" ")
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current: list[str] = []
        current_width = 0.0
        for word in paragraph.split(" "):
            word_width = sum(char_width(c) for c in word)
            extra = word_width + (space if current else 0.0)
            if current_width + extra <= width:
                current.append(word)
                current_width += extra
                continue
            if current:
                lines.append(" ".join(current))
            if word_width > width:  # a single very long token: break it, keep all
                piece: list[str] = []
                piece_width = 0.0
                for char in word:
                    step = char_width(char)
                    if piece and piece_width + step > width:
                        lines.append("".join(piece))
                        piece, piece_width = [], 0.0
                    piece.append(char)
                    piece_width += step
                word, word_width = "".join(piece), piece_width
            current, current_width = [word], word_width
        lines.append(" ".join(current))
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
