"""Page stamps drawn over each page: Bates numbers or "Page N of M".

A stamp is an overlay: the page's own content is wrapped in ``q ... Q`` and
the stamp drawn after it, so nothing the page does to the graphics state can
move or hide it. It sits in the margin at the chosen corner of the page *as
displayed* (the page's crop box and ``/Rotate`` are honoured), in an embedded
TrueType font, so the packet passes an e-filing check for embedded fonts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

import pikepdf
from reportlab.pdfbase import pdfmetrics

from docgen.packets.sheets import register_fonts
from docgen.packets.spec import StampSpec

FONT_KEY = "/DocgenStamp"
CLEARANCE = 3.0
Rect = tuple[float, float, float, float]


def stamp_texts(spec: StampSpec, first: int, count: int, total: int) -> list[str]:
    """The stamps of packet pages ``first`` .. ``first + count - 1`` (0-based), as text."""
    if spec.style == "none":
        return []
    if spec.style == "page":
        return [f"Page {n + 1} of {total}" for n in range(first, first + count)]
    return [bates(spec, n) for n in range(first, first + count)]


def bates(spec: StampSpec, page: int) -> str:
    """The Bates number of packet page ``page`` (0-based): prefix and zero-padded number."""
    return f"{spec.prefix}{spec.start + page:0{spec.digits}d}"


def stamp_font(sheets: pikepdf.Pdf) -> pikepdf.Object:
    """The stamp font: the TrueType font on the last page of the sheets PDF (:func:`sheets_pdf`)."""
    fonts = sheets.pages[-1].obj.Resources.Font
    return next(f for f in fonts.values() if f.get("/Subtype") == pikepdf.Name.TrueType)


def _matrix(box: Sequence[float], rotate: int) -> tuple[tuple[float, ...], float, float]:
    """View-to-user matrix and the displayed width and height, for a crop box and rotation."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if rotate == 90:
        return (0, 1, -1, 0, x1, y0), height, width
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1), width, height
    if rotate == 270:
        return (0, -1, 1, 0, x0, y1), height, width
    return (1, 0, 0, 1, x0, y0), width, height


def to_view(rect: Rect, box: Sequence[float], rotate: int) -> Rect:
    """A rectangle in the page's user space, in the space of the page as displayed."""
    x0, y0, x1, y1 = box
    corners = [(rect[0], rect[1]), (rect[2], rect[3])]
    if rotate == 90:
        points = [(uy - y0, x1 - ux) for ux, uy in corners]
    elif rotate == 180:
        points = [(x1 - ux, y1 - uy) for ux, uy in corners]
    elif rotate == 270:
        points = [(y1 - uy, ux - x0) for ux, uy in corners]
    else:
        points = [(ux - x0, uy - y0) for ux, uy in corners]
    (a, b), (c, d) = points
    return (min(a, c), min(b, d), max(a, c), max(b, d))


@functools.lru_cache(maxsize=1)
def _widths() -> dict[str, float]:
    regular, _bold = register_fonts()
    return {chr(c): pdfmetrics.stringWidth(chr(c), regular, 1.0) for c in range(32, 127)}


def text_width_of(text: str, size: float) -> float:
    """The width of ASCII ``text`` in the stamp font at ``size`` points."""
    widths = _widths()
    return sum(widths[c] for c in text) * size


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _free_x(
    band: tuple[float, float], obstacles: Sequence[Rect], lo: float, hi: float, width: float, want: float
) -> float | None:
    """The x nearest ``want`` where ``width`` fits in [lo, hi] clear of the obstacles in ``band``."""
    blocked = sorted((r[0] - CLEARANCE, r[2] + CLEARANCE) for r in obstacles if r[1] < band[1] and r[3] > band[0])
    gaps: list[tuple[float, float]] = []
    start = lo
    for left, right in blocked:
        if left > start:
            gaps.append((start, min(left, hi)))
        start = max(start, right)
    if start < hi:
        gaps.append((start, hi))
    best: float | None = None
    for left, right in gaps:
        if right - left < width:
            continue
        x = min(max(want, left), right - width)
        if best is None or abs(x - want) < abs(best - want):
            best = x
    return best


SHRINK = (0.85, 0.7)
"""Smaller sizes a stamp tries (fractions of its own) when no spot along the margin is clear."""
SMALLEST = 6.0


@dataclass(frozen=True)
class Spot:
    """Where a stamp goes on a page: x and baseline (displayed page), size, and how it got there."""

    x: float
    y: float
    size: float
    clear: bool
    shrunk: bool = False


@dataclass
class Spots:
    """Pages (0-based) whose stamp was drawn smaller, and pages where it needed a white box."""

    shrunk: list[int] = field(default_factory=list)
    crowded: list[int] = field(default_factory=list)


OFFSETS = (-6.0, 24.0)
"""How far a stamp moves towards (negative) or away from the edge, from its margin (points)."""


def reach(spec: StampSpec) -> float:
    """How far from the edge a stamp of ``spec`` can reach (points): where content must be looked for."""
    return spec.margin * 72.0 + OFFSETS[1] + spec.size + CLEARANCE


def _sizes(size: float) -> list[float]:
    smaller = [round(size * f, 1) for f in SHRINK if size * f >= SMALLEST]
    return [size, *smaller]


def place(spec: StampSpec, text: str, width: float, height: float, obstacles: Sequence[Rect]) -> Spot:
    """Where the stamp goes on a page: the chosen corner, moved, then shrunk, clear of the page's content.

    The stamp keeps its baseline and slides along the margin first, then moves
    a little towards or away from the edge; then the same at smaller sizes
    (:data:`SHRINK`, never under :data:`SMALLEST` points). When no spot is
    clear it stays at the chosen corner at its own size (``clear`` is False
    and it gets a white box).
    """
    margin = spec.margin * 72.0
    horizontal = spec.position.split("-")[1]
    offsets = [margin] + [margin - d for d in (2, 4, 6)] + [margin + d for d in range(2, int(OFFSETS[1]) + 2, 2)]
    for size in _sizes(spec.size):
        text_width = text_width_of(text, size)
        want = _wanted(horizontal, width, margin, text_width)
        ascent, descent = size * 0.8, size * 0.25
        for offset in offsets:
            y = offset if spec.position.startswith("bottom") else height - offset - ascent
            band = (y - descent, y + ascent)
            x = _free_x(band, obstacles, margin, width - margin, text_width, want)
            if x is not None:
                return Spot(x, y, size, True, size != spec.size)
    y = margin if spec.position.startswith("bottom") else height - margin - spec.size * 0.8
    return Spot(_wanted(horizontal, width, margin, text_width_of(text, spec.size)), y, spec.size, False)


def _wanted(horizontal: str, width: float, margin: float, text_width: float) -> float:
    if horizontal == "right":
        return width - margin - text_width
    if horizontal == "center":
        return (width - text_width) / 2
    return margin


def stamp_content(
    spec: StampSpec, text: str, box: Sequence[float], rotate: int, obstacles: Sequence[Rect] = ()
) -> tuple[bytes, Spot]:
    """The content stream that draws ``text`` at the stamp position of a page; and where it went."""
    matrix, width, height = _matrix(box, rotate)
    spot = place(spec, text, width, height, [to_view(r, box, rotate) for r in obstacles])
    cm = " ".join(f"{v:.3f}" for v in matrix)
    box_ops = ""
    if spec.box or not spot.clear:
        pad = spot.size * 0.3
        text_width = text_width_of(text, spot.size)
        box_ops = f"1 g {spot.x - pad:.2f} {spot.y - pad:.2f} {text_width + 2 * pad:.2f} {spot.size + pad:.2f} re f "
    content = (
        f"Q q {cm} cm {box_ops}0 g BT {FONT_KEY} {spot.size:g} Tf {spot.x:.2f} {spot.y:.2f} Td "
        f"({_escape(text)}) Tj ET Q\n"
    )
    return content.encode("ascii"), spot


def _visible_box(page: pikepdf.Page) -> list[float]:
    box = [float(v) for v in page.cropbox]
    return [min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])]


def stamp_pages(
    pdf: pikepdf.Pdf,
    spec: StampSpec,
    texts: Sequence[str],
    font: pikepdf.Object,
    obstacles: Sequence[Sequence[Rect]] = (),
) -> Spots:
    """Draw ``texts[i]`` on page ``i`` of ``pdf`` (in place); return the pages (0-based) shrunk or boxed.

    ``font`` is the stamp font in the sheets PDF (:func:`stamp_font`).

    ``obstacles[i]`` are boxes on page ``i`` (user space) the stamp should
    not cover: a form's own text near the edges and its fields (widgets are
    drawn over page content and would hide a stamp under them), the page's
    own footer, the ink of a scan (:mod:`docgen.packets.clearance`).
    """
    spots = Spots()
    if not texts:
        return spots
    font = pdf.copy_foreign(font)
    opening = pdf.make_stream(b"q\n")
    for index, (page, text) in enumerate(zip(pdf.pages, texts, strict=True)):
        rotate = int(page.obj.get("/Rotate", 0)) % 360
        avoid = obstacles[index] if index < len(obstacles) else ()
        content, spot = stamp_content(spec, text, _visible_box(page), rotate, avoid)
        if not spot.clear:
            spots.crowded.append(index)
        elif spot.shrunk:
            spots.shrunk.append(index)
        page.contents_add(opening, prepend=True)
        page.contents_add(pdf.make_stream(content))
        resources = page.obj.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            resources = page.obj.Resources = pikepdf.Dictionary()
        fonts = resources.get("/Font")
        if not isinstance(fonts, pikepdf.Dictionary):
            fonts = resources.Font = pikepdf.Dictionary()
        fonts[FONT_KEY] = font
    return spots
