"""Text and images from PDF pages.

pypdfium2 reads a page's text runs with their boxes in a few milliseconds;
that is the default. pdfplumber's word layout analysis is slower (about ten
times here) and is used again on a page whose notice could not be read from
the runs. Pages without a text layer (scans) are rendered for OCR.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image

from docgen.errors import DocgenError, NoticeError
from docgen.notices.layout import Word
from docgen.pdf.limits import NOTICE_CAPS
from docgen.pdf.open import Problem
from docgen.pdf.render import open_pdfium, render_page

# A page with fewer printable characters than this in its text layer is treated as a scan.
MIN_TEXT_CHARS = 40
OCR_DPI = 300


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF within the notice caps (:mod:`docgen.pdf.render`): one-line errors by problem."""
    with open_pdfium(path, _notice_problem(path), NOTICE_CAPS, OCR_DPI) as pdf:
        yield pdf


def _notice_problem(path: Path) -> Problem:
    def problem(message: str, kind: type[DocgenError] | None) -> DocgenError:
        return (kind or NoticeError)(f"{path}: {message}", path=path)

    return problem


def pdfium_words(page: pdfium.PdfPage) -> list[Word]:
    """The text runs of a page with their boxes (fast, no layout analysis)."""
    height = page.get_height()
    textpage = page.get_textpage()
    words = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
            if text:
                words.append(Word(text, left, height - top, right, height - bottom))
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
    """Render a page to a greyscale image for OCR (within the notice caps)."""
    return render_page(page, dpi, NOTICE_CAPS)
