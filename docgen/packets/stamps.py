"""Page stamps drawn over each page: Bates numbers or "Page N of M".

A stamp is an overlay: the page's own content is wrapped in ``q ... Q`` and
the stamp drawn after it, so nothing the page does to the graphics state can
move or hide it. It sits in the margin at the chosen corner of the page *as
displayed* (the page's crop box and ``/Rotate`` are honoured), in an embedded
TrueType font, so the packet passes an e-filing check for embedded fonts.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Sequence

import pikepdf
import pypdfium2
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


def place(
    spec: StampSpec, text_width: float, width: float, height: float, obstacles: Sequence[Rect]
) -> tuple[float, float, bool]:
    """Where the stamp goes on a page (x, baseline, clear): the chosen corner, moved clear of text and fields.

    The stamp keeps its baseline and slides along the margin first, then moves
    a little towards or away from the edge; when no spot is clear it stays at
    the chosen corner (``clear`` is False and it gets a white box).
    """
    margin = spec.margin * 72.0
    horizontal = spec.position.split("-")[1]
    if horizontal == "right":
        want = width - margin - text_width
    elif horizontal == "center":
        want = (width - text_width) / 2
    else:
        want = margin
    ascent, descent = spec.size * 0.8, spec.size * 0.25
    offsets = [margin] + [margin - d for d in (2, 4, 6)] + [margin + d for d in range(2, 26, 2)]
    for offset in offsets:
        y = offset if spec.position.startswith("bottom") else height - offset - ascent
        band = (y - descent, y + ascent)
        x = _free_x(band, obstacles, margin, width - margin, text_width, want)
        if x is not None:
            return x, y, True
    y = margin if spec.position.startswith("bottom") else height - margin - ascent
    return want, y, False


def stamp_content(
    spec: StampSpec, text: str, box: Sequence[float], rotate: int, obstacles: Sequence[Rect] = ()
) -> tuple[bytes, bool]:
    """The content stream that draws ``text`` at the stamp position of a page; and whether the spot was clear."""
    matrix, width, height = _matrix(box, rotate)
    text_width = text_width_of(text, spec.size)
    x, y, clear = place(spec, text_width, width, height, [to_view(r, box, rotate) for r in obstacles])
    cm = " ".join(f"{v:.3f}" for v in matrix)
    box_ops = ""
    if spec.box or not clear:
        pad = spec.size * 0.3
        box_ops = f"1 g {x - pad:.2f} {y - pad:.2f} {text_width + 2 * pad:.2f} {spec.size + pad:.2f} re f "
    content = f"Q q {cm} cm {box_ops}0 g BT {FONT_KEY} {spec.size:g} Tf {x:.2f} {y:.2f} Td ({_escape(text)}) Tj ET Q\n"
    return content.encode("ascii"), clear


def _annotation_boxes(page: pypdfium2.PdfPage) -> list[Rect]:
    """The boxes of the page's visible annotations (form fields are drawn over the page's content)."""
    boxes: list[Rect] = []
    rect = pypdfium2.raw.FS_RECTF()
    for number in range(pypdfium2.raw.FPDFPage_GetAnnotCount(page.raw)):
        annotation = pypdfium2.raw.FPDFPage_GetAnnot(page.raw, number)
        try:
            hidden = pypdfium2.raw.FPDFAnnot_GetFlags(annotation) & pypdfium2.raw.FPDF_ANNOT_FLAG_HIDDEN
            if not hidden and pypdfium2.raw.FPDFAnnot_GetRect(annotation, ctypes.byref(rect)):
                boxes.append(
                    (
                        min(rect.left, rect.right),
                        min(rect.bottom, rect.top),
                        max(rect.left, rect.right),
                        max(rect.bottom, rect.top),
                    )
                )
        finally:
            pypdfium2.raw.FPDFPage_CloseAnnot(annotation)
    return boxes


def edge_boxes(data: bytes, band: float = 72.0) -> dict[int, list[Rect]]:
    """Per page (0-based), what a stamp must not cover: text within ``band`` points of the top or bottom
    edge, and every visible annotation (pdfium, which runs outside the GIL)."""
    found: dict[int, list[Rect]] = {}
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            textpage = page.get_textpage()
            rects = [textpage.get_rect(n) for n in range(textpage.count_rects())]
            found[index] = [r for r in rects if r[1] < band or r[3] > height - band] + _annotation_boxes(page)
            textpage.close()
            page.close()
    finally:
        document.close()
    return found


def _visible_box(page: pikepdf.Page) -> list[float]:
    box = [float(v) for v in page.cropbox]
    return [min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])]


def stamp_pages(
    pdf: pikepdf.Pdf,
    spec: StampSpec,
    texts: Sequence[str],
    font: pikepdf.Object,
    obstacles: Sequence[Sequence[Rect]] = (),
) -> list[int]:
    """Draw ``texts[i]`` on page ``i`` of ``pdf`` (in place); return the pages (0-based) with no clear spot.

    ``font`` is the stamp font in the sheets PDF (:func:`stamp_font`).

    ``obstacles[i]`` are boxes on page ``i`` (user space) the stamp should
    not cover: a form's own text near the edges and its fields (widgets are
    drawn over page content and would hide a stamp under them).
    """
    if not texts:
        return []
    font = pdf.copy_foreign(font)
    opening = pdf.make_stream(b"q\n")
    crowded = []
    for index, (page, text) in enumerate(zip(pdf.pages, texts, strict=True)):
        rotate = int(page.obj.get("/Rotate", 0)) % 360
        avoid = obstacles[index] if index < len(obstacles) else ()
        content, clear = stamp_content(spec, text, _visible_box(page), rotate, avoid)
        if not clear:
            crowded.append(index)
        page.contents_add(opening, prepend=True)
        page.contents_add(pdf.make_stream(content))
        resources = page.obj.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            resources = page.obj.Resources = pikepdf.Dictionary()
        fonts = resources.get("/Font")
        if not isinstance(fonts, pikepdf.Dictionary):
            fonts = resources.Font = pikepdf.Dictionary()
        fonts[FONT_KEY] = font
    return crowded
