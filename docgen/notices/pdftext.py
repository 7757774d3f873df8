"""Text and images from PDF pages.

pypdfium2 reads a page's text runs with their boxes in a few milliseconds;
that is the default. pdfplumber's word layout analysis is slower (about ten
times here) and is used again on a page whose notice could not be read from
the runs. Pages without a text layer (scans) are rendered for OCR.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from docgen.errors import NoticeError
from docgen.notices.layout import Word

# A page with fewer printable characters than this in its text layer is treated as a scan.
MIN_TEXT_CHARS = 40
OCR_DPI = 300


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF, turning pdfium's failures into one-line :class:`NoticeError`."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise NoticeError(_open_error(path, exc)) from None
    try:
        yield pdf
    finally:
        pdf.close()


def _open_error(path: Path, exc: pdfium.PdfiumError) -> str:
    text = str(exc).lower()
    if "password" in text:
        return f"{path}: the PDF is password-protected; ask the sender for an open copy or remove the password"
    if "format" in text or "header" in text:
        return f"{path}: the PDF is damaged or incomplete; scan or download it again"
    return f"{path}: the PDF cannot be opened ({exc}); scan or download it again"


# Two or more spaces inside one run separate columns (a Courier grid printed as padded lines).
COLUMN_SPACES = re.compile(r"\S+(?: \S+)*")


def pdfium_words(page: pdfium.PdfPage) -> list[Word]:
    """The text runs of a page with their boxes (fast, no layout analysis).

    A run padded into columns with spaces is cut into one word per column, each given its share of
    the run's width by character count (exact for the fixed-pitch fonts such grids are printed in).
    """
    height = page.get_height()
    textpage = page.get_textpage()
    words = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            raw = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ").strip()
            if "  " not in raw:
                text = " ".join(raw.split())
                if text:
                    words.append(Word(text, left, height - top, right, height - bottom))
                continue
            step = (right - left) / max(len(raw), 1)
            for piece in COLUMN_SPACES.finditer(raw):
                x0, x1 = left + step * piece.start(), left + step * piece.end()
                words.append(Word(piece.group(0), x0, height - top, x1, height - bottom))
    finally:
        textpage.close()
    return words


def plumber_words(path: Path, page_number: int) -> list[Word]:
    """The words of one page through pdfplumber's layout analysis (slower, steadier)."""
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[page_number - 1]
        return [
            Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
            for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        ]


def has_text(words: list[Word]) -> bool:
    """Whether a page's text layer holds real text (not a scan with a stray mark)."""
    return sum(len(word.text.strip()) for word in words) >= MIN_TEXT_CHARS


def render(page: pdfium.PdfPage, dpi: int = OCR_DPI) -> Image.Image:
    """Render a page to a greyscale image for OCR."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        image: Image.Image = bitmap.to_pil().convert("L")
        return image
    finally:
        bitmap.close()
