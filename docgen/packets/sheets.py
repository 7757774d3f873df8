"""Pages docgen draws itself: divider sheets and the index of exhibits.

USCIS asks for plain letter-size sheets that name each section in large bold
centred text instead of tabs (alert of November 2022). The font is a
TrueType font embedded in the PDF (Liberation Sans, else DejaVu Sans), so the
sheets pass an e-filing check for embedded fonts.
"""

from __future__ import annotations

import contextlib
import functools
import io
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from docgen.errors import PacketError

MARGIN = 72.0
ROW_SIZE, ROW_LEADING, ROW_PADDING = 10.5, 13.5, 5.0
SMALL_SIZE, SMALL_LEADING = 9.5, 12.0
HEADING_LEADING, SUBTITLE_LEADING = 26.0, 15.0
HEADER_HEIGHT = ROW_SIZE + 2 * ROW_PADDING + 2
REGULAR = "DocgenSans"
BOLD = "DocgenSans-Bold"
_CANDIDATES = {
    REGULAR: (
        ("Liberation Sans", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
        ("Liberation Sans", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
        ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ),
    BOLD: (
        ("Liberation Sans:bold", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
        ("Liberation Sans:bold", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("DejaVu Sans:bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
}


def _fc_match(pattern: str) -> Path | None:
    """The TrueType file fontconfig picks for ``pattern``, if fontconfig is there."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False
    ).stdout.strip()
    return Path(found) if found.lower().endswith(".ttf") and Path(found).is_file() else None


def _font_file(name: str) -> Path:
    for pattern, path in _CANDIDATES[name]:
        if Path(path).is_file():
            return Path(path)
        matched = _fc_match(pattern)
        if matched is not None and pattern.split(":")[0].split()[0].lower() in matched.name.lower():
            return matched
    raise PacketError(
        "no TrueType font for divider sheets and stamps (Liberation Sans or DejaVu Sans); "
        "install fonts-liberation (scripts/setup.sh does)"
    )


@functools.lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold sheet fonts with reportlab once; return their names."""
    for name in (REGULAR, BOLD):
        path = _font_file(name)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path), asciiReadable=True))
        except TTFError as exc:
            raise PacketError(f"{path}: cannot use this font ({exc}); reinstall fonts-liberation") from None
    return REGULAR, BOLD


@dataclass(frozen=True)
class Divider:
    """What a divider sheet says."""

    label: str
    title: str
    description: str | None = None


@dataclass(frozen=True)
class Block:
    """Lines of one font and size, drawn centred or from the left."""

    lines: tuple[str, ...]
    font: str
    size: float
    leading: float
    gap_before: float = 0.0

    @property
    def height(self) -> float:
        """The height the block takes, its gap above included."""
        return self.gap_before + self.leading * len(self.lines)


def wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` (a word longer than that keeps its own line)."""
    return tuple(simpleSplit(text, font, size, width)) or ("",)


def _centred(canvas: Canvas, blocks: Sequence[Block], width: float, height: float) -> None:
    y = (height + sum(b.height for b in blocks)) / 2
    for block in blocks:
        y -= block.gap_before
        canvas.setFont(block.font, block.size)
        for line in block.lines:
            y -= block.leading
            canvas.drawCentredString(width / 2, y + (block.leading - block.size) / 2 + block.size * 0.2, line)


def draw_dividers(canvas: Canvas, dividers: Sequence[Divider], page_size: tuple[float, float]) -> None:
    """A divider sheet per entry: label and title large, bold and centred, the description below."""
    regular, bold = register_fonts()
    width, height = page_size
    usable = width - 2 * MARGIN
    for divider in dividers:
        blocks = [
            Block(wrap(f"Exhibit {divider.label}", bold, 48, usable), bold, 48, 58),
            Block(wrap(divider.title, bold, 24, usable), bold, 24, 30, gap_before=18),
        ]
        if divider.description:
            blocks.append(Block(wrap(divider.description, regular, 14, usable), regular, 14, 19, gap_before=14))
        _centred(canvas, blocks, width, height)
        canvas.showPage()


@dataclass(frozen=True)
class IndexRow:
    """One exhibit in the index: label, title, description, packet pages and stamp range."""

    label: str
    title: str
    description: str | None
    first_page: int
    last_page: int
    first_stamp: str | None = None
    last_stamp: str | None = None

    @property
    def pages(self) -> str:
        """``12-15`` or ``12`` (packet page numbers)."""
        return str(self.first_page) if self.first_page == self.last_page else f"{self.first_page}-{self.last_page}"

    @property
    def stamps(self) -> str:
        """``ACME-000012 - ACME-000015`` or ``''`` without Bates stamps."""
        if not self.first_stamp or not self.last_stamp:
            return ""
        return self.first_stamp if self.first_stamp == self.last_stamp else f"{self.first_stamp} - {self.last_stamp}"


@dataclass(frozen=True)
class _Columns:
    label: float
    title: float
    pages: float
    stamps: float | None
    title_width: float


def _columns(width: float, with_stamps: bool) -> _Columns:
    label, pages_width, stamps_width = 54.0, 58.0, 150.0
    title_width = width - 2 * MARGIN - label - pages_width - (stamps_width if with_stamps else 0.0) - 8
    title_x = MARGIN + label
    pages_x = title_x + title_width + 8
    return _Columns(MARGIN, title_x, pages_x, pages_x + pages_width if with_stamps else None, title_width)


def _row_lines(row: IndexRow, columns: _Columns, regular: str, bold: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    title = wrap(row.title, bold, ROW_SIZE, columns.title_width)
    description = wrap(row.description, regular, SMALL_SIZE, columns.title_width) if row.description else ()
    return title, description


def _row_height(title: tuple[str, ...], description: tuple[str, ...]) -> float:
    return len(title) * ROW_LEADING + len(description) * SMALL_LEADING + 2 * ROW_PADDING


def index_layout(rows: Sequence[IndexRow], subtitle: Sequence[str], page_size: tuple[float, float]) -> list[list[int]]:
    """Which rows go on which page of the index (row numbers per page); drawing follows it exactly."""
    regular, bold = register_fonts()
    width, height = page_size
    columns = _columns(width, any(r.stamps for r in rows))
    pages: list[list[int]] = [[]]
    top = height - MARGIN - HEADING_LEADING - len(subtitle) * SUBTITLE_LEADING - 18 - HEADER_HEIGHT
    y = top
    for number, row in enumerate(rows):
        needed = _row_height(*_row_lines(row, columns, regular, bold))
        if y - needed < MARGIN and pages[-1]:
            pages.append([])
            y = height - MARGIN - HEADER_HEIGHT
        pages[-1].append(number)
        y -= needed
    return pages


def _header(canvas: Canvas, columns: _Columns, y: float, width: float, bold: str) -> float:
    canvas.setFont(bold, ROW_SIZE)
    baseline = y - ROW_PADDING - ROW_SIZE
    canvas.drawString(columns.label, baseline, "Exhibit")
    canvas.drawString(columns.title, baseline, "Document")
    canvas.drawString(columns.pages, baseline, "Pages")
    if columns.stamps is not None:
        canvas.drawString(columns.stamps, baseline, "Bates range")
    y -= HEADER_HEIGHT
    canvas.setLineWidth(1)
    canvas.line(MARGIN, y, width - MARGIN, y)
    return y


def _row(canvas: Canvas, row: IndexRow, columns: _Columns, y: float, width: float, fonts: tuple[str, str]) -> float:
    regular, bold = fonts
    title, description = _row_lines(row, columns, regular, bold)
    baseline = y - ROW_PADDING - ROW_SIZE
    canvas.setFont(bold, ROW_SIZE)
    canvas.drawString(columns.label, baseline, row.label)
    for number, line in enumerate(title):
        canvas.drawString(columns.title, baseline - number * ROW_LEADING, line)
    canvas.setFont(regular, ROW_SIZE)
    canvas.drawString(columns.pages, baseline, row.pages)
    if columns.stamps is not None and row.stamps:
        canvas.setFont(regular, SMALL_SIZE)
        canvas.drawString(columns.stamps, baseline, row.stamps)
    canvas.setFont(regular, SMALL_SIZE)
    canvas.setFillColor(colors.HexColor("#333333"))
    small = baseline - len(title) * ROW_LEADING + (ROW_LEADING - SMALL_LEADING)
    for number, line in enumerate(description):
        canvas.drawString(columns.title, small - number * SMALL_LEADING, line)
    canvas.setFillColor(colors.black)
    y -= _row_height(title, description)
    canvas.setLineWidth(0.25)
    canvas.setStrokeColor(colors.HexColor("#999999"))
    canvas.line(MARGIN, y, width - MARGIN, y)
    canvas.setStrokeColor(colors.black)
    return y


def draw_index(
    canvas: Canvas, rows: Sequence[IndexRow], heading: str, subtitle: Sequence[str], page_size: tuple[float, float]
) -> int:
    """The index of exhibits, one row per exhibit with its exact page (and Bates) range; returns its page count."""
    regular, bold = register_fonts()
    width, height = page_size
    columns = _columns(width, any(r.stamps for r in rows))
    layout = index_layout(rows, subtitle, page_size)
    for page, numbers in enumerate(layout):
        y = height - MARGIN
        if page == 0:
            canvas.setFont(bold, 20)
            y -= HEADING_LEADING
            canvas.drawCentredString(width / 2, y + 6, heading)
            canvas.setFont(regular, 11)
            for line in subtitle:
                y -= SUBTITLE_LEADING
                canvas.drawCentredString(width / 2, y + 4, line)
            y -= 18
        y = _header(canvas, columns, y, width, bold)
        for number in numbers:
            y = _row(canvas, rows[number], columns, y, width, (regular, bold))
        canvas.showPage()
    return len(layout)


@dataclass(frozen=True)
class IndexSheet:
    """What the index of exhibits shows."""

    rows: Sequence[IndexRow]
    heading: str
    subtitle: Sequence[str]


def sheets_pdf(index: IndexSheet | None, dividers: Sequence[Divider], page_size: tuple[float, float]) -> bytes:
    """One PDF with every page docgen draws: the index, the dividers, then a page for the stamp font.

    One document means each font is embedded once. The last page only
    writes the printable ASCII characters in the regular font: its font is the
    one page stamps use (reportlab keeps ASCII codes as themselves).
    """
    regular, _bold = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size, invariant=True, initialFontName=regular)
    canvas.setTitle("docgen sheets")
    if index is not None:
        draw_index(canvas, index.rows, index.heading, index.subtitle, page_size)
    draw_dividers(canvas, dividers, page_size)
    canvas.setFont(regular, 9)
    canvas.drawString(10, 10, "".join(chr(c) for c in range(32, 127)))
    canvas.showPage()
    with _binary_streams():
        canvas.save()
    return buffer.getvalue()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Save streams Flate-compressed only, not also ASCII85-encoded (reportlab's default): smaller, faster."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before
