"""What a page stamp must not cover: the page's own content in the band along its top or bottom edge.

Every page of a packet is read, not only the pages of forms:

- **text** within the band (the box of each string, invisible OCR text
  included);
- **annotations** that are shown (form fields are drawn over the page);
- **drawings and images** (paths, images, shadings, form XObjects) that reach
  into the band: their bounding boxes say little (a white background or a
  border frame covers the whole page), so the band is rendered in grey and
  the ink in it is what counts. A scanned page with the signer's "Page 2 of
  4" in its footer and no text layer is read this way.

The boxes are in the page's user space, as :func:`docgen.packets.stamps.stamp_content`
expects them.
"""

from __future__ import annotations

import ctypes
import io
import math
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pypdfium2
from PIL import Image

Rect = tuple[float, float, float, float]
Edge = Literal["top", "bottom"]

BAND = 72.0
"""How far from the edge (points) content is looked for; the stamp moves inside it."""
SCALE = 1.5
"""Render scale for the band (108 dpi): one pixel is two thirds of a point."""
INK = 160
"""Grey level (0 black, 255 white) below which a rendered pixel is ink; scans' grey paper stays above it."""
STRIP = 4
"""Pixel rows read together as one strip of ink boxes (under 3 points)."""
GAP = 6
"""Ink columns closer than this (pixels, 4 points) are one box: a word, not letters."""
TEXT = pypdfium2.raw.FPDF_PAGEOBJ_TEXT
DRAWN = {
    pypdfium2.raw.FPDF_PAGEOBJ_PATH,
    pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,
    pypdfium2.raw.FPDF_PAGEOBJ_SHADING,
    pypdfium2.raw.FPDF_PAGEOBJ_FORM,
}


def _view_box(page: pypdfium2.PdfPage) -> tuple[tuple[float, float, float, float], int]:
    left, bottom, right, top = page.get_cropbox()
    box = (min(left, right), min(bottom, top), max(left, right), max(bottom, top))
    return box, page.get_rotation() % 360


def view_size(box: Sequence[float], rotate: int) -> tuple[float, float]:
    """The displayed width and height of a crop box under ``rotate``."""
    width, height = box[2] - box[0], box[3] - box[1]
    return (height, width) if rotate in (90, 270) else (width, height)


def from_view(rect: Rect, box: Sequence[float], rotate: int) -> Rect:
    """A rectangle of the page as displayed, in the page's user space (inverse of ``stamps.to_view``)."""
    x0, y0, x1, y1 = box
    corners = [(rect[0], rect[1]), (rect[2], rect[3])]
    if rotate == 90:
        points = [(x1 - vy, y0 + vx) for vx, vy in corners]
    elif rotate == 180:
        points = [(x1 - vx, y1 - vy) for vx, vy in corners]
    elif rotate == 270:
        points = [(x0 + vy, y1 - vx) for vx, vy in corners]
    else:
        points = [(x0 + vx, y0 + vy) for vx, vy in corners]
    (a, b), (c, d) = points
    return (min(a, c), min(b, d), max(a, c), max(b, d))


def _band(box: Sequence[float], rotate: int, edge: Edge, band: float) -> Rect:
    """The band along the displayed edge, in user space."""
    width, height = view_size(box, rotate)
    view = (0.0, 0.0, width, band) if edge == "bottom" else (0.0, height - band, width, height)
    return from_view(view, box, rotate)


def _meets(rect: Rect, band: Rect) -> bool:
    return rect[0] < band[2] and rect[2] > band[0] and rect[1] < band[3] and rect[3] > band[1]


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


def ink_runs(grey: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (column, row, column end, row end) around the ink of a grey image.

    Specks (a stray dark pixel of a scan, or two) are dropped first: an ink
    pixel counts when at least two of its eight neighbours are ink too (a
    hairline keeps its pixels); the rest is read in strips of :data:`STRIP`
    rows, the ink columns of each strip joined into runs.
    """
    ink = grey < INK
    padded = np.pad(ink, 1).astype(np.uint8)
    rows, cols = ink.shape
    neighbours = sum(
        padded[1 + dy : 1 + dy + rows, 1 + dx : 1 + dx + cols] for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx
    )
    ink &= np.asarray(neighbours) >= 2
    runs: list[tuple[int, int, int, int]] = []
    for row in range(0, ink.shape[0], STRIP):
        columns = np.flatnonzero(ink[row : row + STRIP].any(axis=0))
        if columns.size == 0:
            continue
        breaks = np.flatnonzero(np.diff(columns) > GAP)
        starts = np.concatenate(([columns[0]], columns[breaks + 1]))
        ends = np.concatenate((columns[breaks], [columns[-1]]))
        bottom = min(row + STRIP, ink.shape[0])
        runs.extend((int(a), row, int(b) + 1, bottom) for a, b in zip(starts, ends, strict=True))
    return runs


def ink_boxes(grey: np.ndarray, top: float, scale: float = SCALE) -> list[Rect]:
    """Boxes around the ink of a grey band image (row 0 at view height ``top``), in view coordinates."""
    return [(c0 / scale, top - r1 / scale, c1 / scale, top - r0 / scale) for c0, r0, c1, r1 in ink_runs(grey)]


DECODE_DPI = 72.0
"""A scan's JPEG is decoded at no less than this resolution (Pillow scales in the DCT: 1/2, 1/4, 1/8)."""


def _jpeg_ink(data: bytes, placement: Rect, area: Rect) -> list[Rect] | None:
    """The ink of a JPEG image drawn upright, where it meets the band, decoded at a fraction of its size.

    ``placement`` is the image's matrix (a, d, e, f: no rotation nor skew).
    A scan's page is one JPEG: Pillow decodes its luminance at a quarter or
    an eighth of its size several times faster than pdfium renders the page.
    None when the image is not such a one (then the band is rendered).
    Pillow only: it may run outside pdfium's thread.
    """
    a, d, left, f = placement
    try:
        picture = Image.open(io.BytesIO(data))
        if picture.format != "JPEG" or picture.mode not in ("L", "RGB"):
            return None
        width, height = picture.size
        keep = max(1.0, width / (a / 72.0 * DECODE_DPI))  # how much smaller it may be decoded
        picture.draft("L", (math.ceil(width / keep), math.ceil(height / keep)))
        picture.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    cols, rows = picture.size
    low, high = sorted((f, f + d))
    y0, y1 = max(low, area[1]), min(high, area[3])
    if y1 <= y0 or left + a <= area[0] or left >= area[2]:
        return []

    def row_of(y: float) -> float:  # row 0 is the image's top (v = 1)
        return float((1.0 - (y - f) / d) * rows)

    r0, r1 = sorted((row_of(y0), row_of(y1)))
    first, last = max(0, int(r0)), min(rows, math.ceil(r1))
    if last <= first:
        return []
    strip = picture.crop((0, first, cols, last))  # only the band's rows become an array
    grey = np.asarray(strip if strip.mode == "L" else strip.convert("L"))
    boxes = []
    for c0, top, c1, bottom in ink_runs(np.ascontiguousarray(grey)):
        ya = f + d * (1.0 - (first + top) / rows)
        yb = f + d * (1.0 - (first + bottom) / rows)
        boxes.append((left + a * c0 / cols, min(ya, yb), left + a * c1 / cols, max(ya, yb)))
    return boxes


def _rendered(page: pypdfium2.PdfPage, box: Sequence[float], rotate: int, edge: Edge, band: float) -> list[Rect]:
    """The ink in the band, rendered in grey, as user-space boxes."""
    height = view_size(box, rotate)[1]
    band = min(band, height)
    crop = (0.0, 0.0, 0.0, height - band) if edge == "bottom" else (0.0, height - band, 0.0, 0.0)
    bitmap = page.render(scale=SCALE, crop=crop, grayscale=True, fill_color=(255, 255, 255, 255))
    try:
        pixels = bitmap.to_numpy()
    finally:
        bitmap.close()
    grey = pixels if pixels.ndim == 2 else pixels[..., :3].min(axis=2)
    top = band if edge == "bottom" else height
    return [from_view(r, box, rotate) for r in ink_boxes(np.ascontiguousarray(grey, dtype=np.uint8), top)]


def _band_objects(page: pypdfium2.PdfPage, area: Rect) -> tuple[list[Rect], list[pypdfium2.PdfObject]]:
    """The boxes of the text objects meeting the band, and the drawings and images meeting it.

    The page's top-level objects are walked through pdfium's own calls: only
    the few that meet the band get a Python object (a page of text has
    hundreds of strings, nearly all far from the band).
    """
    raw = pypdfium2.raw
    texts: list[Rect] = []
    drawn: list[pypdfium2.PdfObject] = []
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    count = raw.FPDFPage_CountObjects(page.raw)
    if count < 0:
        raise pypdfium2.PdfiumError("Failed to get number of pageobjects.")
    for number in range(count):
        handle = raw.FPDFPage_GetObject(page.raw, number)
        if not handle:
            raise pypdfium2.PdfiumError("Failed to get pageobject.")
        kind = raw.FPDFPageObj_GetType(handle)
        if kind != TEXT and kind not in DRAWN:
            continue
        if not raw.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
            raise pypdfium2.PdfiumError("Failed to locate pageobject.")
        bounds = _ordered((left.value, bottom.value, right.value, top.value))
        if not _meets(bounds, area):
            continue
        if kind == TEXT:
            texts.append(bounds)
        else:
            drawn.append(pypdfium2.PdfObject(handle, page=page, pdf=page.pdf))
    return texts, drawn


@dataclass
class _Scans:
    """A page whose drawings in the band are all JPEG scans: the images to decode (off pdfium's thread)."""

    index: int
    found: list[Rect]
    images: list[tuple[bytes, Rect, Rect]]  # JPEG data, placement (a, d, e, f as a box), band


def _jpeg_job(obj: pypdfium2.PdfObject, area: Rect) -> tuple[bytes, Rect, Rect] | None:
    """The data and placement of an upright JPEG image (read with pdfium), or None when only rendering reads it."""
    if not isinstance(obj, pypdfium2.PdfImage) or obj.get_filters() != ["DCTDecode"]:
        return None
    m = obj.get_matrix()
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d == 0:
        return None
    return bytes(obj.get_data(decode_simple=False)), (float(m.a), float(m.d), float(m.e), float(m.f)), area


def _page(page: pypdfium2.PdfPage, index: int, edge: Edge, band: float) -> tuple[list[Rect], bool] | _Scans:
    """What a stamp along ``edge`` must not cover, or the scans still to decode for it (see :func:`page_obstacles`)."""
    box, rotate = _view_box(page)
    area = _band(box, rotate, edge, band)
    found = _annotation_boxes(page)
    texts, drawn = _band_objects(page, area)
    found += texts
    if not drawn:
        return found, False
    images = []
    for obj in drawn:
        job = _jpeg_job(obj, area)
        if job is None:  # a drawing, or an image only rendering reads: render the band once, for all
            return found + _rendered(page, box, rotate, edge, band), True
        images.append(job)
    return _Scans(index, found, images)


def page_obstacles(page: pypdfium2.PdfPage, edge: Edge, band: float = BAND) -> tuple[list[Rect], bool]:
    """What a stamp along ``edge`` of the page must not cover; and whether the band had to be rendered.

    Text is taken by the box of each text object (one string as the page
    shows it: a footer's "Page 1 of 4"), which pdfium gives without building
    the page's text layout; drawings and images reaching into the band make
    the band rendered, unless they are all JPEG scans, which are decoded.
    """
    done = _page(page, 0, edge, band)
    if not isinstance(done, _Scans):
        return done
    scanned: list[Rect] = []
    for data, placement, area in done.images:
        ink = _jpeg_ink(data, placement, area)
        if ink is None:
            box, rotate = _view_box(page)
            return done.found + _rendered(page, box, rotate, edge, band), True
        scanned += ink
    return done.found + scanned, True


def _ordered(bounds: Sequence[float]) -> Rect:
    left, bottom, right, top = bounds
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))


def obstacles(data: bytes, edge: Edge = "bottom", band: float = BAND) -> dict[int, list[Rect]]:
    """Per page (0-based), what a stamp along ``edge`` must not cover.

    pdfium reads the pages in the calling thread (pdfium is not thread-safe:
    call it from one thread only); the scans' JPEGs are decoded by Pillow in
    a second thread meanwhile (both outside the GIL). A page whose JPEG
    Pillow cannot read has its band rendered, as :func:`page_obstacles` does.
    """
    found: dict[int, list[Rect]] = {}
    pending: list[tuple[_Scans, Future[list[list[Rect] | None]]]] = []
    document = pypdfium2.PdfDocument(data)
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-scans") as decoder:
            for index in range(len(document)):
                page = document[index]
                try:
                    done = _page(page, index, edge, band)
                finally:
                    page.close()
                if isinstance(done, _Scans):
                    pending.append((done, decoder.submit(_decode_all, done.images)))
                else:
                    found[index] = done[0]
            for scans, future in pending:
                inks = future.result()
                if all(ink is not None for ink in inks):
                    found[scans.index] = scans.found + [r for ink in inks if ink is not None for r in ink]
                    continue
                page = document[scans.index]
                try:
                    box, rotate = _view_box(page)
                    found[scans.index] = scans.found + _rendered(page, box, rotate, edge, band)
                finally:
                    page.close()
    finally:
        document.close()
    return dict(sorted(found.items()))


def _decode_all(images: list[tuple[bytes, Rect, Rect]]) -> list[list[Rect] | None]:
    return [_jpeg_ink(data, placement, area) for data, placement, area in images]
