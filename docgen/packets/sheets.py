"""Pages docgen draws itself: divider sheets and the index of exhibits.

USCIS asks for plain letter-size sheets that name each section in large bold
centred text instead of tabs (alert of November 2022). The font is a
TrueType font embedded in the PDF (Liberation Sans, else DejaVu Sans), so the
sheets pass an e-filing check for embedded fonts.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from docgen.errors import PacketError

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
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except TTFError as exc:
            raise PacketError(f"{path}: cannot use this font ({exc}); reinstall fonts-liberation") from None
    return REGULAR, BOLD


@dataclass(frozen=True)
class Divider:
    """What a divider sheet says."""

    label: str
    title: str
    description: str | None = None


def _style(name: str, font: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **extra)


def divider_pages(dividers: Sequence[Divider], page_size: tuple[float, float]) -> bytes:
    """One PDF with a divider sheet per entry: label and title large, bold and centred."""
    regular, bold = register_fonts()
    width, height = page_size
    label_style = _style("label", bold, 48, 58, alignment=TA_CENTER)
    title_style = _style("title", bold, 24, 30, alignment=TA_CENTER)
    text_style = _style("text", regular, 14, 19, alignment=TA_CENTER)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size, invariant=True, initialFontName=regular)
    canvas.setTitle("Exhibit dividers")
    margin = 72.0
    for divider in dividers:
        flowables = [
            Paragraph(escape(f"Exhibit {divider.label}"), label_style),
            Spacer(1, 18),
            Paragraph(escape(divider.title), title_style),
        ]
        if divider.description:
            flowables += [Spacer(1, 14), Paragraph(escape(divider.description), text_style)]
        sizes = [f.wrap(width - 2 * margin, height) for f in flowables]
        total = sum(h for _w, h in sizes)
        y = (height + total) / 2
        for flowable, (_w, h) in zip(flowables, sizes, strict=True):
            y -= h
            flowable.drawOn(canvas, margin, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


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


def index_pages(
    rows: Sequence[IndexRow], heading: str, subtitle: Sequence[str], page_size: tuple[float, float]
) -> bytes:
    """The index of exhibits as a PDF: one row per exhibit with its exact page (and Bates) range."""
    regular, bold = register_fonts()
    width, _height = page_size
    margin = 72.0
    cell = _style("cell", regular, 10.5, 13.5)
    cell_bold = _style("cellb", bold, 10.5, 13.5)
    small = _style("small", regular, 9.5, 12, textColor=colors.HexColor("#333333"))
    with_stamps = any(row.stamps for row in rows)
    header = ["Exhibit", "Document", "Pages"] + (["Bates range"] if with_stamps else [])
    data: list[list[object]] = [[Paragraph(escape(h), cell_bold) for h in header]]
    for row in rows:
        text = [Paragraph(escape(row.title), cell_bold)]
        if row.description:
            text.append(Paragraph(escape(row.description), small))
        line: list[object] = [Paragraph(escape(row.label), cell_bold), text, Paragraph(row.pages, cell)]
        if with_stamps:
            line.append(Paragraph(escape(row.stamps), small))
        data.append(line)
    usable = width - 2 * margin
    fixed = [54.0, 0.0, 58.0] + ([150.0] if with_stamps else [])
    fixed[1] = usable - sum(fixed)
    table = Table(data, colWidths=fixed, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, 10.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.0, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#999999")),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    story: list[object] = [Paragraph(escape(heading), _style("h", bold, 20, 26, alignment=TA_CENTER))]
    story += [Paragraph(escape(line), _style("s", regular, 11, 15, alignment=TA_CENTER)) for line in subtitle]
    story += [Spacer(1, 18), table]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=heading,
        invariant=True,
        initialFontName=regular,
    )
    document.build(story)
    return buffer.getvalue()
