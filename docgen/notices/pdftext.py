"""Text and images from PDF pages.

The first read (:func:`pdfium_words`) builds a page's text runs from its
characters through pypdfium2, in a few milliseconds, whatever program made
the PDF (a browser, LibreOffice, a PDF library). A page whose notice could not
be read from the runs is read again word by word (:func:`layout_words`): its
characters grouped into lines and words as pdfplumber's layout analysis groups
them, from pdfium's character boxes (a few milliseconds; pdfplumber took about
40 per page).
Pages without a text layer (scans) are rendered for OCR.
"""

from __future__ import annotations

import ctypes
import math
import struct
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import groupby, pairwise
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from docgen.errors import DocgenError, NoticeError
from docgen.notices.layout import Word
from docgen.pdf.limits import NOTICE_CAPS
from docgen.pdf.render import held, open_pdfium, render_page

if TYPE_CHECKING:  # a type only: pikepdf (behind docgen.pdf.open) is not needed to read with pdfium
    from docgen.pdf.open import Problem

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


# The first read builds a page's text runs from its characters, whatever program made the PDF. Each places
# glyphs its own way: reportlab writes a label as one string with its spaces; a browser (Skia) places every
# glyph on its own (letter-spacing, kerning) and prints no spaces; LibreOffice and Word cut lines into
# pieces. pdfium's text objects and the text it finds inside their boxes follow the program, and on a
# browser's page the boxes overlap: letters come twice and pdfium's made-up spaces fall between every
# letter. So the characters are taken one by one in the page's order, the spaces and line breaks pdfium
# made up dropped, each with two boxes: its advance (along the pen's move, from the font's descent to its
# ascent: ``h`` below, a little over the size; with some fonts pdfium ends it at the glyph's own foot, so
# lines are told by shared height, not by bottoms) for gaps, and its ink for the run's box (as pdfium's
# runs were boxed, which the layout rules are set to).
RUN_BREAK = 1.2  # a gap wider than this many h with no printed space ends a run (a cell, a column)
SPACE_GAP = 0.15  # a gap this many h wider than the letters' own spacing beside it is a space between words
WIDE_GAP = 0.5  # a gap wider than this many h is a space whatever the spacing beside it
SAME_LINE = 0.6  # glyphs share a line when their boxes share this much of the lower one's height
BACK_STEP = 0.5  # a glyph starting this many h left of the previous one's end starts a new run
SAME_PLACE = 0.1  # a glyph or string drawn again within this many h of itself is read once (bold overprint)
# A run whose characters are this wide for their height or wider (capitals, digits, fixed pitch) may hold
# columns padded with spaces (an older Courier grid printed one line per string): its spaces are checked.
# Running text in lower case is narrower and is taken whole.
WIDE_RUN = 0.75
COLUMN_GAP = 1.6  # printed spaces spanning more than this many times the letters' ink height start a column
# (one space of a fixed-pitch font spans about 1.2 times its capital height, two spaces 2.2)
PUNCTUATION_SLACK = 0.5  # more after a comma or period, whose glyph leaves its cell's right part empty
WHITESPACE = frozenset((9, 10, 13, 32, 0xA0))

# A glyph: its text, its advance box (left, bottom, right, top in PDF units from the bottom-left), whether a
# printed space comes just before it on its line, and its index in the text page.
_Glyph = tuple[str, float, float, float, float, bool, int]
_Box = tuple[float, float, float, float]  # left, bottom, right, top
_SPACE_BEFORE = itemgetter(5)


class PageLoadError(pdfium.PdfiumError):  # type: ignore[misc]  # pypdfium2 is untyped
    """pdfium could not load a page (a damaged page), as pypdfium2's ``pdf[index]`` fails."""


class TextPage:
    """A page of an open PDF and its text, loaded with pdfium's plain calls for the notice reader (pypdfium2's
    page and text page objects each set up a finalizer and a tracker entry, and tear them down: a twentieth of
    reading a text notice). ``close()`` it before the document closes."""

    def __init__(self, pdf: pdfium.PdfDocument, index: int) -> None:
        page = pdfium_c.FPDF_LoadPage(pdf, index)
        if not page:
            raise PageLoadError("Failed to load page.")
        text = pdfium_c.FPDFText_LoadPage(page)
        if not text:
            pdfium_c.FPDF_ClosePage(page)
            raise pdfium.PdfiumError("Failed to load text page.")  # as pypdfium2's get_textpage fails
        self.page: Any = page
        self.raw: Any = text  # the text page, as pypdfium2's PdfTextPage.raw
        self.height: float = pdfium_c.FPDF_GetPageHeightF(page)

    def close(self) -> None:
        if self.raw is not None:
            pdfium_c.FPDFText_ClosePage(self.raw)
            pdfium_c.FPDF_ClosePage(self.page)
            self.raw = self.page = None


def _page_text(page: pdfium.PdfPage | TextPage, textpage: pdfium.PdfTextPage | None) -> tuple[float, Any, Any]:
    """A page's height, its text page's handle, and the text page when loaded here (to close), else None."""
    if isinstance(page, TextPage):
        return page.height, page.raw, None
    own = None if textpage is not None else page.get_textpage()
    loaded = textpage if textpage is not None else own
    assert loaded is not None
    return page.get_height(), loaded.raw, own


def pdfium_words(page: pdfium.PdfPage | TextPage, textpage: pdfium.PdfTextPage | None = None) -> list[Word]:
    """The text runs of a page with their boxes, built from its characters (see above).

    A run is the glyphs of one line following each other left to right with no wide gap unless spaces
    are printed in it; inside it a printed space, or a gap wider than the letters' own spacing, separates
    words. A run padded into columns with spaces is cut at its wide gaps, each piece marked as starting a
    column of its own. ``textpage``: the page's text, already loaded (left open), else loaded and closed here
    (a :class:`TextPage` holds its text).
    """
    height, raw, own = _page_text(page, textpage)
    words: list[Word] = []
    seen: dict[str, list[Word]] = {}
    try:
        ink = _Ink(raw)
        for run in _runs(_glyphs(raw), _one_object(raw)):
            left, bottom, right, top = ink.box(run)
            pieces = _columns(ink, run, (left, bottom, right, top))
            column = pieces is not None  # a line padded into columns: each piece starts one
            for piece in pieces or [run]:
                if len(pieces or ()) > 1:
                    left, right = ink.box(piece)[0::2]
                word = Word(_spaced(piece), left, height - top, right, height - bottom, column=column)
                if not _printed_again(word, seen.setdefault(word.text, [])):
                    words.append(word)
    finally:
        if own is not None:
            own.close()
    return words


def _printed_again(word: Word, same_text: list[Word]) -> bool:
    """Whether a run repeats one already read at its place (a string printed twice to look bold); else
    remember it."""
    near = SAME_PLACE * word.height
    if any(abs(word.x0 - other.x0) < near and abs(word.top - other.top) < near for other in same_text):
        return True
    same_text.append(word)
    return False


# pdfium's text calls, called once a character: bound to plain addresses (pypdfium2's typed bindings check and
# convert every argument, which took most of the first read's time on a page of a few thousand characters).
def _address(pointer: Any) -> int:
    """The address a ctypes pointer holds (a text page, a C function)."""
    address: int = ctypes.cast(pointer, ctypes.c_void_p).value or 0
    return address


def _pointer(pointer: Any) -> ctypes.c_void_p:
    """A ctypes pointer (a text page) as the plain pointer the calls below take."""
    return ctypes.c_void_p(_address(pointer))


def _fast(function: Any, restype: Any) -> Any:
    """``function`` of pypdfium2.raw bound with no argument types: called with pointers as ``ctypes.c_void_p``
    (a text page, a buffer: see :func:`_pointer`, :class:`_Buffer`) and indexes as ints (C ints), ctypes
    converts nothing but the ints (a third of each call's time went to converting declared types). Never pass
    an address as an int: it would be cut to a C int."""
    return ctypes.CFUNCTYPE(restype)(_address(function))


# Arguments: text page, index (int), then pointers; what each returns.
_IS_GENERATED = _fast(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)  # page, index
_LOOSE_CHAR_BOX = _fast(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)  # page, index, FS_RECTF: 4 floats
_CHAR_BOX = _fast(pdfium_c.FPDFText_GetCharBox, ctypes.c_int)  # page, index, doubles: left, right, bottom, top
_COUNT_RECTS = _fast(pdfium_c.FPDFText_CountRects, ctypes.c_int)  # page, first index, count
_GET_RECT = _fast(pdfium_c.FPDFText_GetRect, ctypes.c_int)  # page, rect index, doubles: left, top, right, bottom
_FONT_SIZE = _fast(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)  # page, index
_TEXT_OBJECT = _fast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)  # page, index
_CHAR_ANGLE = _fast(pdfium_c.FPDFText_GetCharAngle, ctypes.c_float)  # page, index
_FOUR_FLOATS, _FOUR_DOUBLES = struct.Struct("4f"), struct.Struct("4d")


class _Buffer:
    """Bytes pdfium writes into (a box) at a fixed address; ``floats(data)`` and ``doubles(data)`` read them back
    as four numbers."""

    floats = _FOUR_FLOATS.unpack_from
    doubles = _FOUR_DOUBLES.unpack_from

    def __init__(self, size: int) -> None:
        self.data = bytearray(size)
        self.view = (ctypes.c_char * size).from_buffer(self.data)  # keeps the address valid
        self.address = ctypes.addressof(self.view)

    def at(self, offset: int = 0) -> ctypes.c_void_p:
        """A pointer into the buffer, ``offset`` bytes in."""
        return ctypes.c_void_p(self.address + offset)


def _glyphs(raw: Any) -> list[_Glyph]:
    """The glyphs of a text page in its order (see _Glyph); whitespace only marks the glyph after it."""
    page, box = _pointer(raw), _Buffer(16)
    generated, advance_box, address, edges, data = _IS_GENERATED, _LOOSE_CHAR_BOX, box.at(), box.floats, box.data
    whitespace = WHITESPACE
    glyphs: list[_Glyph] = []
    append = glyphs.append
    space = None  # where the first printed space since the last glyph starts
    for index, code in enumerate(_codes(raw)):
        if code in whitespace:
            if space is None and generated(page, index) != 1 and advance_box(page, index, address):
                space = edges(data)[0]
            continue
        if code == 0 or 0xD800 <= code <= 0xDFFF or not advance_box(page, index, address):
            continue  # no character, half of one outside the basic plane, or no box
        left, top, right, bottom = edges(data)
        append((chr(code), left, bottom, right, top, space is not None and space <= left, index))
        space = None
    return glyphs


class _Ink:
    """Ink boxes from pdfium's C calls: of a run of glyphs (the union of pdfium's rectangles over its
    characters, one per text object in it, as its own runs were boxed), and of one character."""

    def __init__(self, raw: Any) -> None:
        self.page = _pointer(raw)
        self.buffer = _Buffer(32)  # left, bottom, right, top as doubles
        at = self.buffer.at
        self.rect_edges = (at(0), at(24), at(16), at(8))  # FPDFText_GetRect: left, top, right, bottom
        self.char_edges = (at(0), at(16), at(8), at(24))  # FPDFText_GetCharBox: left, right, bottom, top

    def box(self, glyphs: list[_Glyph]) -> _Box:
        first, last = glyphs[0][6], glyphs[-1][6]
        page, edges, data = self.page, self.rect_edges, self.buffer.data
        boxes: list[_Box] = [
            _Buffer.doubles(data)
            for index in range(_COUNT_RECTS(page, first, last - first + 1))
            if _GET_RECT(page, index, *edges)
        ]
        if not boxes:  # no ink (spaces only): the advance boxes
            return glyphs[0][1], min(g[2] for g in glyphs), glyphs[-1][3], max(g[4] for g in glyphs)
        if len(boxes) == 1:
            return boxes[0]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

    def char(self, glyph: _Glyph) -> _Box:
        if not _CHAR_BOX(self.page, glyph[6], *self.char_edges):
            return glyph[1:5]
        box: _Box = _Buffer.doubles(self.buffer.data)
        return box


def _one_object(raw: Any) -> Callable[[int, int], bool]:
    """Whether two characters of a text page (by index) come from one text object: one glyph printed for
    several characters (a ligature, ``tt`` or ``ff`` too), where a glyph printed again to look bold is another."""
    page = _pointer(raw)

    def same(first: int, second: int) -> bool:
        return bool(_TEXT_OBJECT(page, first) == _TEXT_OBJECT(page, second))

    return same


def _runs(glyphs: list[_Glyph], one_object: Callable[[int, int], bool] | None = None) -> Iterator[list[_Glyph]]:
    """Glyphs grouped into runs: one line, left to right, no wide gap unless spaces are printed in it.

    A glyph drawn again at its place is read once (bold overprint), unless it is the next character of one
    ligature glyph (``tti``: the same character twice in one text object, ``one_object``)."""
    if not glyphs:
        return
    same_place, same_line, back_step, run_break = SAME_PLACE, SAME_LINE, BACK_STEP, RUN_BREAK  # locals: per glyph
    run = [glyphs[0]]
    text, left, bottom, right, top = glyphs[0][:5]
    index = glyphs[0][6]
    for glyph in glyphs[1:]:
        next_text, next_left, next_bottom, next_right, next_top, spaced, next_index = glyph
        h = top - bottom if top - bottom > 1.0 else 1.0
        gap = next_left - right
        if abs(next_left - left) < same_place * h and abs(next_bottom - bottom) < same_place * h:
            if next_text == text and not (one_object is not None and one_object(index, next_index)):
                continue  # the same glyph drawn again at its place
            if abs(next_right - right) < same_place * h:
                run.append(glyph)  # a ligature: one glyph printed for several characters ("ti", "fi"), one box each
                text, index = next_text, next_index
                continue
        shared = (next_top if next_top < top else top) - (next_bottom if next_bottom > bottom else bottom)
        lower = next_top - next_bottom if next_top - next_bottom < h else h
        if shared >= same_line * lower and gap >= -back_step * h and (gap <= run_break * h or spaced):
            run.append(glyph)
        else:
            yield run
            run = [glyph]
        text, left, bottom, right, top = next_text, next_left, next_bottom, next_right, next_top
        index = next_index
    yield run


def _columns(ink: _Ink, run: list[_Glyph], box: _Box) -> list[list[_Glyph]] | None:
    """A run that starts with spaces or holds a space and is wide for its height (a line padded into
    columns) cut where printed spaces span a gap wider than COLUMN_GAP times the letters' ink height; None
    for other runs (running text in lower case)."""
    left, bottom, right, top = box
    spaces = sum(map(_SPACE_BEFORE, run[1:]))  # printed spaces in the run
    if not (run[0][5] or (spaces and right - left >= WIDE_RUN * (top - bottom) * (len(run) + spaces))):
        return None
    pieces = [[run[0]]]
    for before, after in pairwise(run):
        if after[5]:
            ink_before, ink_after = ink.char(before), ink.char(after)
            tall = max(ink_before[3] - ink_before[1], ink_after[3] - ink_after[1], 0.7 * (top - bottom))
            # A comma or period ends its box well inside its cell: one space after it looks wider.
            slack = PUNCTUATION_SLACK * tall if before[0] in ",.;:" else 0.0
            if ink_after[0] - ink_before[2] > COLUMN_GAP * tall + slack:
                pieces.append([after])
                continue
        pieces[-1].append(after)
    return pieces


def _spaced(run: list[_Glyph]) -> str:
    """A run's text with a space between words: where one is printed, or where the gap between two glyphs is
    wider than the letters' own spacing beside it (a browser prints no spaces; letter-spacing widens every
    gap of a word, so a gap is a space only when wider than its neighbours)."""
    gaps = [after[1] - before[3] for before, after in pairwise(run)]
    parts = [run[0][0]]
    for position, gap in enumerate(gaps):
        glyph = run[position + 1]
        if glyph[5]:
            parts.append(" ")
        elif gap > 0.0:  # letters touch (or overlap when kerned) unless spaced
            h = max(glyph[4] - glyph[2], 1.0)
            if gap > WIDE_GAP * h:
                parts.append(" ")
            elif gap > SPACE_GAP * h:
                beside = gaps[max(position - 1, 0) : position + 2]
                beside.pop(min(position, 1))  # the gap itself
                spacing = max(min(beside), 0.0) if beside else 0.0
                if gap > spacing + SPACE_GAP * h:
                    parts.append(" ")
        parts.append(glyph[0])
    return "".join(parts)


# Word layout (the second look): characters closer than this (points) along a line join one word, and
# characters whose tops are within this of each other share a line (pdfplumber's defaults).
WORD_GAP = 3.0
LINE_TOLERANCE = 3.0
# pdfium's angle of a character turned a quarter (text running up the page, or down it), in radians: such
# characters are not upright and form words along their own direction, as in pdfplumber. Any other angle,
# upside down or skewed, counts as upright there too.
UP, DOWN = 3 * math.pi / 2, math.pi / 2
QUARTER_TOLERANCE = 0.01

# text, x0, top, x1, bottom (points from the top-left), and whether it is upright
_Char = tuple[str, float, float, float, float, bool]


# The pages of an open PDF with their text, loaded by the first read and kept for a second look (by page number).
LoadedPages = Mapping[int, TextPage]


def layout_words(
    pdf: pdfium.PdfDocument, page_numbers: Iterable[int], loaded: LoadedPages | None = None
) -> dict[int, list[Word]]:
    """The words of some pages (1-based numbers) of an open PDF by layout analysis of their characters (the
    second look): from the pages and text the first read ``loaded``, else loaded again (in a tenth of the
    first time, the fonts already loaded)."""
    found = {}
    for number in page_numbers:
        if loaded and number in loaded:
            found[number] = words_from_chars(page_chars(loaded[number]))
            continue
        page = pdf[number - 1]
        try:
            found[number] = words_from_chars(page_chars(page))
        finally:
            page.close()
    return found


def page_chars(page: pdfium.PdfPage | TextPage, textpage: pdfium.PdfTextPage | None = None) -> list[_Char]:
    """The characters of a page (spaces included, none pdfium made up) with boxes as PDF layout tools draw
    them: from the pen's advance along the line, and from the font's size up from its descent below the
    baseline (so every letter of a font and size has the same height, whatever its shape). ``textpage``:
    the page's text, already loaded (left open), else loaded and closed here (a :class:`TextPage` holds its
    text)."""
    height, raw, own = _page_text(page, textpage)
    address, box = _pointer(raw), _Buffer(16)
    buffer, data, edges = box.at(), box.data, _Buffer.floats
    chars: list[_Char] = []
    append = chars.append
    try:
        for index, code in enumerate(_codes(raw)):
            if code == 0 or 0xD800 <= code <= 0xDFFF or (code in (10, 13, 32) and _IS_GENERATED(address, index) == 1):
                continue  # no character, half of one outside the basic plane, or a space pdfium inferred
            if not _LOOSE_CHAR_BOX(address, index, buffer):
                continue
            text, size, angle = chr(code), _FONT_SIZE(address, index), _CHAR_ANGLE(address, index)
            left, top, right, bottom = edges(data)
            if angle == 0.0:  # upright, as most are (the last case below)
                bottom = height - bottom
                append((text, left, bottom - size, right, bottom, True))
            elif abs(angle - UP) < QUARTER_TOLERANCE:  # its descent is to the right of its baseline
                append((text, right - size, height - top, right, height - bottom, False))
            elif abs(angle - DOWN) < QUARTER_TOLERANCE:  # its descent is to the left
                append((text, left, height - top, left + size, height - bottom, False))
            elif DOWN < angle < UP:  # upside down: its descent is above its baseline
                top = height - top
                append((text, left, top, right, top + size, True))
            else:
                bottom = height - bottom
                append((text, left, bottom - size, right, bottom, True))
    finally:
        if own is not None:
            own.close()
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
    """Characters grouped into words the way pdfplumber's ``extract_words`` groups them: each run of upright
    (or of turned) characters in the page's order apart, into lines (upright: tops within LINE_TOLERANCE,
    chained; turned: left edges) and words (split at spaces and at gaps wider than WORD_GAP)."""
    words: list[list[_Char]] = []
    for upright, run in groupby(chars, key=itemgetter(5)):
        words.extend(_words(list(run), upright))
    boxes = (zip(*word, strict=True) for word in words)
    return [Word("".join(text), min(x0), min(top), max(x1), max(bottom)) for text, x0, top, x1, bottom, _ in boxes]


def _words(chars: list[_Char], upright: bool) -> list[list[_Char]]:
    """Characters of one orientation as words: lines across the page (upright) or down it (turned, each
    read from the top)."""
    # Each character as (start along its line, its line's position, end along its line).
    spans = [(c[1], c[2], c[3]) if upright else (c[2], c[1], c[4]) for c in chars]
    line_of: dict[float, int] = {}
    line, last = 0, min(span[1] for span in spans)
    for position in sorted({span[1] for span in spans}):
        if position > last + LINE_TOLERANCE:
            line += 1
        line_of[position] = line
        last = position
    lines: list[list[int]] = [[] for _ in range(line + 1)]  # the characters of each line, in the page's order
    for index, span in enumerate(spans):
        lines[line_of[span[1]]].append(index)
    starts, ends = [span[0] for span in spans], [span[2] for span in spans]
    order = starts.__getitem__ if upright else (lambda i: (starts[i], ends[i]))  # pdfplumber's orders
    gap, tolerance = WORD_GAP, LINE_TOLERANCE
    words: list[list[_Char]] = []
    for members in lines:
        word: list[_Char] = []
        before = spans[0]
        for index in sorted(members, key=order):
            char, span = chars[index], spans[index]
            if char[0].isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                across = span[1] - before[1]
                if span[0] < before[0] or span[0] > before[2] + gap or across > tolerance or across < -tolerance:
                    words.append(word)
                    word = []
            word.append(char)
            before = span
        if word:
            words.append(word)
    return words


# A page painted over by one image this share of its area or more is a scan (a sheet's picture).
SCAN_COVER = 0.6
# A scan whose text is this share hidden or more (or all but a stamp's worth) carries someone else's OCR.
HIDDEN_SHARE = 0.8
_UNSEEN_MODES = frozenset((pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP))
_FORM_DEPTH = 4  # form objects inside form objects are followed this deep


def scanned_under_text(page: TextPage) -> bool:
    """Whether a page is a scan carrying a text layer nobody sees: a copier's or scanning service's "searchable
    PDF", its OCR words drawn invisible or painted over by the page's picture.

    Those words are another program's reading of the picture, with its misreadings (``0``/``O``, ``1``/``l``),
    and nothing on them says how sure it was: read as a text page, a misread receipt number or name would be
    filed as printed. Such a page is read as the scan it is, by the reader's own OCR, whose doubts go to review.
    A page whose text is seen (a born-digital notice, text printed over a background picture) is text.
    """
    area = _GET_WIDTH(page.page) * page.height
    if area <= 0:
        return False
    painted: list[tuple[int, Any, Affine]] = []  # (kind, handle, the forms' matrix) of text and images, in order
    _painted(page.page, painted)
    if not any(kind == _IMAGE for kind, _, _ in painted):  # most text pages: a look at each object's kind
        return False
    pictures = [
        at for at, (kind, handle, outer) in enumerate(painted) if kind == _IMAGE and _covers(handle, outer, area)
    ]
    if not pictures:
        return False
    hidden = seen = 0
    for at, (kind, handle, _) in enumerate(painted):
        if kind == _TEXT:
            if at < pictures[-1] or _GET_MODE(handle) in _UNSEEN_MODES:
                hidden += 1
            else:
                seen += 1
    return hidden > 0 and hidden >= HIDDEN_SHARE * (hidden + seen)


Affine = tuple[float, float, float, float, float, float]
_PLAIN: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_TEXT, _IMAGE, _FORM = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM
_GET_WIDTH = held(pdfium_c.FPDF_GetPageWidthF)
_GET_OBJECT = held(pdfium_c.FPDFPage_GetObject)
_GET_TYPE = held(pdfium_c.FPDFPageObj_GetType)
_GET_MODE = held(pdfium_c.FPDFTextObj_GetTextRenderMode)


def _painted(page: Any, into: list[tuple[int, Any, Affine]]) -> None:
    """The text and image objects of a page in painting order, those inside form objects with the forms' matrix."""
    count = pdfium_c.FPDFPage_CountObjects(page)
    _sort_objects((_GET_OBJECT(page, index) for index in range(count)), _PLAIN, 0, into)


def _sort_objects(handles: Iterable[Any], outer: Affine, depth: int, into: list[tuple[int, Any, Affine]]) -> None:
    for handle in handles:
        kind = _GET_TYPE(handle)
        if kind in (_TEXT, _IMAGE):
            into.append((kind, handle, outer))
        elif kind == _FORM:
            _form_painted(handle, outer, depth, into)


def _form_painted(form: Any, outer: Affine, depth: int, into: list[tuple[int, Any, Affine]]) -> None:
    matrix = pdfium_c.FS_MATRIX()
    if depth >= _FORM_DEPTH or not pdfium_c.FPDFPageObj_GetMatrix(form, matrix):
        return
    a, b, c, d, e, f = outer
    inner = (  # the form's own matrix, then the outer forms'
        matrix.a * a + matrix.b * c,
        matrix.a * b + matrix.b * d,
        matrix.c * a + matrix.d * c,
        matrix.c * b + matrix.d * d,
        matrix.e * a + matrix.f * c + e,
        matrix.e * b + matrix.f * d + f,
    )
    count = pdfium_c.FPDFFormObj_CountObjects(form)
    _sort_objects((pdfium_c.FPDFFormObj_GetObject(form, index) for index in range(count)), inner, depth + 1, into)


def _covers(image: Any, outer: Affine, area: float) -> bool:
    """Whether an image's box, taken to the page's space through the forms holding it, covers the page."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(image, left, bottom, right, top):
        return False
    a, b, c, d, e, f = outer
    corners = [(x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
    xs = [a * x + c * y + e for x, y in corners]
    ys = [b * x + d * y + f for x, y in corners]
    return bool((max(xs) - min(xs)) * (max(ys) - min(ys)) >= SCAN_COVER * area)


def has_text(words: list[Word]) -> bool:
    """Whether a page's text layer holds real text (not a scan with a stray mark)."""
    count = 0
    for word in words:  # counted until there are enough (a page of text has them in its first lines)
        count += len(word.text.strip())
        if count >= MIN_TEXT_CHARS:
            return True
    return False


def render(page: pdfium.PdfPage, dpi: int = OCR_DPI) -> Image.Image:
    """Render a page to a greyscale image for OCR (within the notice caps)."""
    return render_page(page, dpi, NOTICE_CAPS)
