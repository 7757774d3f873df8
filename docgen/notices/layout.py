"""One model of a page for every source: text segments with boxes, grouped into lines.

Text PDFs (pypdfium2 runs, or words grouped from its characters) and OCR (tesseract words) all
become :class:`Word` boxes in points from the top-left corner of the page.
Words close together on a line form a :class:`Segment` (a label, a value, a
sentence); a wide gap starts a new segment, which is how columns and grid
boxes stay apart.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

# A gap wider than this many times the text height splits a line into segments.
SEGMENT_GAP = 1.6
LINE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"  # what a scanned line read again for a number may hold

T = TypeVar("T")


class _Kept(Generic[T]):
    """A value worked out on first use and kept on the instance, as :class:`functools.cached_property` does
    but without the lock that one takes on every first use in Python 3.11 (a page's reading asks for
    the edges of tens of thousands of new segments)."""

    def __init__(self, work: Callable[[Any], T]) -> None:
        self.work = work
        self.name = work.__name__

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> _Kept[T]: ...

    @overload
    def __get__(self, instance: object, owner: type[Any] | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type[Any] | None = None) -> T | _Kept[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.work(instance)
        return value


@dataclass(frozen=True, init=False)
class Word:
    """A word (or a run of words) and its box, in points from the top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float = 100.0  # OCR confidence 0-100; 100 for text PDFs
    column: bool = False  # starts a column of its own (cut from a run padded with spaces)

    # Made thousands of times a page: set in one step (a frozen dataclass's own __init__ sets each field
    # through object.__setattr__, twice as slow). The defaults are those above.
    def __init__(
        self, text: str, x0: float, top: float, x1: float, bottom: float, conf: float = 100.0, column: bool = False
    ) -> None:
        self.__dict__.update(text=text, x0=x0, top=top, x1=x1, bottom=bottom, conf=conf, column=column)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Segment:
    """Words that belong together on one line."""

    words: list[Word]
    text: str = ""
    starts: list[int] = field(default_factory=list)  # char offset of each word in ``text``

    def __post_init__(self) -> None:
        parts: list[str] = []
        offset = 0
        for word in self.words:
            self.starts.append(offset)
            parts.append(word.text)
            offset += len(word.text) + 1
        self.text = " ".join(parts)

    # A segment's words do not change once it is made: its edges are worked out once (readers ask often).
    @_Kept
    def x0(self) -> float:
        return self.words[0].x0

    @_Kept
    def x1(self) -> float:
        return self.words[-1].x1

    @_Kept
    def top(self) -> float:
        return min(word.top for word in self.words)

    @_Kept
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    def box(self, start: int = 0, end: int | None = None) -> tuple[float, float, float, float]:
        """The box (x0, top, x1, bottom) of the words over the characters ``start:end``."""
        end = len(self.text) if end is None else end
        words = [
            word
            for word, begin in zip(self.words, self.starts, strict=True)
            if begin < end and begin + len(word.text) > start
        ] or self.words
        return (
            min(w.x0 for w in words),
            min(w.top for w in words),
            max(w.x1 for w in words),
            max(w.bottom for w in words),
        )

    def x_at(self, offset: int) -> float:
        """Where the character at ``offset`` starts: inside a long run (a padded line of a fixed-pitch
        printout comes as one word) by its share of the run's width."""
        for word, begin in zip(self.words, self.starts, strict=True):
            if begin <= offset < begin + len(word.text):
                return word.x0 + (word.x1 - word.x0) * (offset - begin) / max(len(word.text), 1)
        return self.x0

    def conf(self, start: int = 0, end: int | None = None) -> float:
        """The lowest word confidence over the characters ``start:end``."""
        end = len(self.text) if end is None else end
        confs = [
            word.conf
            for word, begin in zip(self.words, self.starts, strict=True)
            if begin < end and begin + len(word.text) > start
        ]
        return min(confs) if confs else 0.0


@dataclass
class Line:
    """Segments whose boxes share a baseline band, left to right."""

    segments: list[Segment]

    @_Kept
    def top(self) -> float:
        return min(seg.top for seg in self.segments)

    @_Kept
    def bottom(self) -> float:
        return max(seg.bottom for seg in self.segments)

    @property
    def text(self) -> str:
        return "   ".join(seg.text for seg in self.segments)


Box = tuple[float, float, float, float]  # (left, top, right, bottom) in points from the top-left corner


def print_box(lines: list[Line]) -> Box | None:
    """The box round the print of ``lines`` (None for none)."""
    segments = [seg for line in lines for seg in line.segments]
    if not segments:
        return None
    return (
        min(seg.x0 for seg in segments),
        min(seg.top for seg in segments),
        max(seg.x1 for seg in segments),
        max(seg.bottom for seg in segments),
    )


@dataclass
class Page:
    """One page of a file as lines of segments, and how its text was obtained."""

    number: int  # 1-based
    lines: list[Line]
    method: str  # "text" (PDF text layer) or "ocr"
    quality: float = 1.0  # share of OCR words read with good confidence; 1 for text
    offset: float = 0.0  # points from the sheet's top to this page's top (a notice on the lower half of a sheet)
    # (left, top, right, bottom) in points from the sheet's top-left corner: the part of the sheet this page is (two
    # notices on one sheet, one above the other or side by side; ``inf`` for an open edge); None: the whole page
    box: tuple[float, float, float, float] | None = None
    text: str = ""
    index: list[tuple[int, int, Segment]] = field(default_factory=list)  # (start, end, segment) in ``text``
    # For scans: read the text in a box (points) again on its own, enlarged by a factor, limited to
    # some characters ("" for any).
    reread: Callable[[tuple[float, float, float, float], int, str], str] | None = field(default=None, repr=False)
    # For scans: read the small text in several boxes again at once, each cut tight and enlarged (one OCR run).
    reread_small: Callable[[list[tuple[float, float, float, float]]], list[str]] | None = field(
        default=None, repr=False
    )
    # For scans: where a part of this page (its box, its print's box and the whole sheet's print's box, points as
    # its words) lies on the scanned page itself (the page's turn and straightening undone); None when it cannot
    # be cut out safely (a photographed sheet; a tilt too great). See :func:`docgen.notices.ocr.source_box`.
    to_sheet: Callable[[Box, Box, Box], Box | None] | None = field(default=None, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # what readers found once

    def __post_init__(self) -> None:
        parts: list[str] = []
        offset = 0
        for line in self.lines:
            for position, seg in enumerate(line.segments):
                if position:
                    parts.append("   ")
                    offset += 3
                self.index.append((offset, offset + len(seg.text), seg))
                parts.append(seg.text)
                offset += len(seg.text)
            parts.append("\n")
            offset += 1
        self.text = "".join(parts)

    def part(self, lines: list[Line], offset: float = 0.0) -> Page:
        """A part of this page (a notice of a shared sheet, the notice under a mail's header): ``lines``, starting
        ``offset`` points below the sheet's top, read as this page was (its number, method, quality and its ways
        back to the scan: reading a box again, finding the part on the sheet). Its box and memo start empty."""
        return Page(
            self.number,
            lines,
            self.method,
            self.quality,
            offset,
            reread=self.reread,
            reread_small=self.reread_small,
            to_sheet=self.to_sheet,
        )

    def conf(self, start: int, end: int) -> float:
        """The lowest word confidence over ``text[start:end]``."""
        confs = [seg.conf(max(start - a, 0), min(end, b) - a) for a, b, seg in self.index if a < end and b > start]
        return min(confs) if confs else 0.0


def group_lines(words: list[Word]) -> list[Line]:
    """Group word boxes into lines (by vertical overlap) and lines into segments (by gaps).

    A word joins the line before it when its middle lies between the median top and the median bottom of
    that line's words (kept sorted as the line grows)."""
    rows: list[list[Word]] = []
    tops: list[float] = []
    bottoms: list[float] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        middle = (word.top + word.bottom) / 2
        if rows and _median(tops) <= middle <= _median(bottoms):
            rows[-1].append(word)
            insort(tops, word.top)
            insort(bottoms, word.bottom)
            continue
        rows.append([word])
        tops, bottoms = [word.top], [word.bottom]
    return [Line(_segments(row)) for row in rows]


def _median(ordered: list[float]) -> float:
    """The median of sorted numbers, as :func:`statistics.median` works it out."""
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def _segments(row: list[Word]) -> list[Segment]:
    row = sorted(row, key=lambda w: w.x0)
    height = _median(sorted(w.height for w in row))
    segments: list[list[Word]] = [[row[0]]]
    for word in row[1:]:
        if word.column or word.x0 - segments[-1][-1].x1 > SEGMENT_GAP * height:
            segments.append([word])
        else:
            segments[-1].append(word)
    return [Segment(words) for words in segments]
