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


# A run whose characters are this wide for their height or wider (capitals, digits, fixed pitch) may
# hold columns padded with spaces (an older Courier grid printed one line per run): its spaces are
# checked. Running text in lower case is narrower and is taken whole.
WIDE_RUN = 0.75
COLUMN_GAP = 1.6  # a gap at a space wider than this many times the letters' height starts a new column
# (one space of a fixed-pitch font spans about 1.2 times its capital height, two spaces 2.2)
PUNCTUATION_SLACK = 0.5  # more after a comma or period, whose glyph leaves its cell's right part empty


def pdfium_words(page: pdfium.PdfPage) -> list[Word]:
    """The text runs of a page with their boxes (fast, no layout analysis).

    pdfium gives a line padded into columns with spaces as one run with the spaces collapsed; such a
    run is cut where a space spans a wide gap, so each column becomes its own word.
    """
    height = page.get_height()
    textpage = page.get_textpage()
    words: list[Word] = []
    try:
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            raw = textpage.get_text_bounded(left, bottom, right, top)
            text = " ".join(raw.split())
            if not text:
                continue
            padded = raw[:1].isspace() or (" " in text and (right - left) >= WIDE_RUN * (top - bottom) * len(text))
            if padded:
                columns = _columns(textpage, (left, bottom, right, top), text)
                if columns:
                    words.extend(
                        Word(t, x0, height - y1, x1, height - y0, column=True) for t, x0, y0, x1, y1 in columns
                    )
                    continue
            words.append(Word(text, left, height - top, right, height - bottom))
    finally:
        textpage.close()
    return words


def _columns(
    textpage: pdfium.PdfTextPage, rect: tuple[float, float, float, float], text: str
) -> list[tuple[str, float, float, float, float]] | None:
    """The run in ``rect`` cut at spaces spanning a wide gap, boxed by its characters; None if it cannot be walked."""
    left, bottom, right, top = rect
    middle, half = (bottom + top) / 2, (top - bottom) / 2
    start = None
    # The last character is found from the run's right end (a run may begin with spaces pdfium cannot
    # point at), the first from the left; either gives where the run's text starts.
    for x, back in ((right - 0.5, len(text) - 1), (left + 0.5, 0)):
        index = textpage.get_index(x, middle, 1.0, half)
        if index is not None and index >= back and textpage.get_text_range(index - back, len(text)) == text:
            start = index - back
            break
    if start is None:
        return None
    cuts = []
    for offset, char in enumerate(text):
        if char == " " and 0 < offset < len(text) - 1:
            before = textpage.get_charbox(start + offset - 1)
            after = textpage.get_charbox(start + offset + 1)
            height = max(before[3] - before[1], after[3] - after[1], 0.7 * (top - bottom))
            # A comma or period ends its box well inside its cell: one space after it looks wider.
            slack = PUNCTUATION_SLACK * height if text[offset - 1] in ",.;:" else 0.0
            if after[0] - before[2] > COLUMN_GAP * height + slack:
                cuts.append(offset)
    pieces = []
    for begin, end in zip([-1, *cuts], [*cuts, len(text)], strict=True):
        x0 = textpage.get_charbox(start + begin + 1)[0]
        x1 = textpage.get_charbox(start + end - 1)[2]
        pieces.append((text[begin + 1 : end], x0, bottom, x1, top))
    return pieces


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
