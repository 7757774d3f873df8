"""Text and images from PDF pages.

pypdfium2 reads a page's text runs with their boxes in a few milliseconds;
that is the default. A page whose notice could not be read from the runs is
read again word by word (:func:`layout_words`): its characters grouped into
lines and words as pdfplumber's layout analysis groups them, from the same
pdfium character boxes (a few milliseconds; pdfplumber took about 40 per page).
Pages without a text layer (scans) are rendered for OCR.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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


def pdfium_words(page: pdfium.PdfPage) -> list[Word]:
    """The text runs of a page with their boxes (fast, no layout analysis).

    pdfium gives a line padded into columns with spaces as one run with the spaces collapsed; such a
    run is cut where a space spans a wide gap, so each column becomes its own word.
    """
    height = page.get_height()
    textpage = page.get_textpage()
    words: list[Word] = []
    try:
        layer = _TextLayer(textpage)
        for left, bottom, right, top in layer.rects():
            raw = layer.bounded(left, bottom, right, top)
            text = " ".join(raw.split())
            if not text:
                continue
            padded = raw[:1].isspace() or (" " in text and (right - left) >= WIDE_RUN * (top - bottom) * len(text))
            if padded:
                columns = _columns(layer, (left, bottom, right, top), text)
                if columns:
                    words.extend(
                        Word(t, x0, height - y1, x1, height - y0, column=True) for t, x0, y0, x1, y1 in columns
                    )
                    continue
            words.append(Word(text, left, height - top, right, height - bottom))
    finally:
        textpage.close()
    return words


_Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF units, from the bottom-left)


class _TextLayer:
    """A page's text runs, their text and character boxes through pdfium's C calls, with one buffer for
    every run (pypdfium2's helpers ask pdfium twice per run, for the length and then the text, and each
    time pdfium walks every character of the page)."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage
        self.raw = textpage.raw
        self.size = pdfium_c.FPDFText_CountChars(self.raw) + 2
        self.buffer = (ctypes.c_ushort * self.size)()
        self.edges = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(edge) for edge in self.edges]

    def rects(self) -> list[_Box]:
        """The text runs' boxes, in pdfium's order."""
        left, bottom, right, top = self.refs
        boxes = []
        for index in range(pdfium_c.FPDFText_CountRects(self.raw, 0, -1)):
            if pdfium_c.FPDFText_GetRect(self.raw, index, left, top, right, bottom):
                boxes.append(self._edges())
        return boxes

    def bounded(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text inside a box."""
        count = pdfium_c.FPDFText_GetBoundedText(self.raw, left, top, right, bottom, self.buffer, self.size)
        if count >= self.size:  # more than the page's characters (line breaks added): the helper sizes it
            return str(self.textpage.get_text_bounded(left, bottom, right, top))
        return ctypes.string_at(self.buffer, 2 * count).decode("utf-16-le", errors="ignore").rstrip("\x00")

    def charbox(self, index: int) -> _Box:
        """One character's box (tight around its glyph)."""
        left, bottom, right, top = self.refs
        if not pdfium_c.FPDFText_GetCharBox(self.raw, index, left, right, bottom, top):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return self._edges()

    def _edges(self) -> _Box:
        left, bottom, right, top = self.edges
        return left.value, bottom.value, right.value, top.value


def _columns(
    layer: _TextLayer, rect: tuple[float, float, float, float], text: str
) -> list[tuple[str, float, float, float, float]] | None:
    """The run in ``rect`` cut at spaces spanning a wide gap, boxed by its characters; None if it cannot be walked."""
    left, bottom, right, top = rect
    middle, half = (bottom + top) / 2, (top - bottom) / 2
    start = None
    # The last character is found from the run's right end (a run may begin with spaces pdfium cannot
    # point at), the first from the left; either gives where the run's text starts.
    for x, back in ((right - 0.5, len(text) - 1), (left + 0.5, 0)):
        index = layer.textpage.get_index(x, middle, 1.0, half)
        if index is not None and index >= back and layer.textpage.get_text_range(index - back, len(text)) == text:
            start = index - back
            break
    if start is None:
        return None
    cuts = []
    for offset, char in enumerate(text):
        if char == " " and 0 < offset < len(text) - 1:
            before = layer.charbox(start + offset - 1)
            after = layer.charbox(start + offset + 1)
            height = max(before[3] - before[1], after[3] - after[1], 0.7 * (top - bottom))
            if after[0] - before[2] > COLUMN_GAP * height:
                cuts.append(offset)
    pieces = []
    for begin, end in zip([-1, *cuts], [*cuts, len(text)], strict=True):
        x0 = layer.charbox(start + begin + 1)[0]
        x1 = layer.charbox(start + end - 1)[2]
        pieces.append((text[begin + 1 : end], x0, bottom, x1, top))
    return pieces


# Word layout (the second look): characters closer than this (points) along a line join one word, and
# characters whose tops are within this of each other share a line (pdfplumber's defaults).
WORD_GAP = 3.0
LINE_TOLERANCE = 3.0

_Char = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom (points from the top-left)


def layout_words(pdf: pdfium.PdfDocument, page_numbers: Iterable[int]) -> dict[int, list[Word]]:
    """The words of some pages (1-based numbers) of an open PDF by layout analysis of their characters (the
    second look; a page loads again in a tenth of the first time, its fonts already loaded)."""
    found = {}
    for number in page_numbers:
        page = pdf[number - 1]
        try:
            found[number] = words_from_chars(page_chars(page))
        finally:
            page.close()
    return found


def page_chars(page: pdfium.PdfPage) -> list[_Char]:
    """The characters of a page (spaces included, none pdfium made up) with boxes as PDF layout tools draw
    them: from the pen's advance along the line, and from the font's size up from its descent below the
    baseline (so every letter of a font and size has the same height, whatever its shape)."""
    height = page.get_height()
    textpage = page.get_textpage()
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    box = ctypes.byref(rect)
    generated, loose_box, font_size = (
        pdfium_c.FPDFText_IsGenerated,
        pdfium_c.FPDFText_GetLooseCharBox,
        pdfium_c.FPDFText_GetFontSize,
    )
    chars: list[_Char] = []
    try:
        for index, code in enumerate(_codes(raw)):
            if code == 0 or 0xD800 <= code <= 0xDFFF or (code in (10, 13, 32) and generated(raw, index) == 1):
                continue  # no character, half of one outside the basic plane, or a space pdfium inferred
            if not loose_box(raw, index, box):
                continue
            bottom = height - rect.bottom
            chars.append((chr(code), rect.left, bottom - font_size(raw, index), rect.right, bottom))
    finally:
        textpage.close()
    return chars


def _codes(raw: Any) -> list[int]:
    """The UTF-16 code of each character of a text page, by index: the page's text in one call when it holds
    one code per character (as it does but for rare files), else character by character."""
    count = pdfium_c.FPDFText_CountChars(raw)
    buffer = (ctypes.c_ushort * (count + 1))()
    if pdfium_c.FPDFText_GetText(raw, 0, count, buffer) == count + 1:  # the codes and a closing zero
        return list(buffer[:count])
    return [pdfium_c.FPDFText_GetUnicode(raw, index) for index in range(count)]


def words_from_chars(chars: list[_Char]) -> list[Word]:
    """Characters grouped into lines (tops within LINE_TOLERANCE, chained) and words (split at spaces and at
    gaps wider than WORD_GAP), the way pdfplumber's ``extract_words`` groups them."""
    if not chars:
        return []
    line_of: dict[float, int] = {}
    line, last = 0, min(char[2] for char in chars)
    for top in sorted({char[2] for char in chars}):
        if top > last + LINE_TOLERANCE:
            line += 1
        line_of[top] = line
        last = top
    lines: dict[int, list[_Char]] = {}
    for char in chars:
        lines.setdefault(line_of[char[2]], []).append(char)
    words: list[list[_Char]] = []
    for number in sorted(lines):
        word: list[_Char] = []
        for char in sorted(lines[number], key=itemgetter(1)):
            if char[0].isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                before = word[-1]
                if char[1] < before[1] or char[1] > before[3] + WORD_GAP or abs(char[2] - before[2]) > LINE_TOLERANCE:
                    words.append(word)
                    word = []
            word.append(char)
        if word:
            words.append(word)
    boxes = (zip(*word, strict=True) for word in words)
    return [Word("".join(text), min(x0), min(top), max(x1), max(bottom)) for text, x0, top, x1, bottom in boxes]


def has_text(words: list[Word]) -> bool:
    """Whether a page's text layer holds real text (not a scan with a stray mark)."""
    return sum(len(word.text.strip()) for word in words) >= MIN_TEXT_CHARS


def render(page: pdfium.PdfPage, dpi: int = OCR_DPI) -> Image.Image:
    """Render a page to a greyscale image for OCR (within the notice caps)."""
    return render_page(page, dpi, NOTICE_CAPS)
