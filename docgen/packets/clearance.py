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
import hashlib
import io
import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pypdfium2
from PIL import Image

from docgen.packets import marginstore
from docgen.pdf.render import held

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
WATCHED = DRAWN | {TEXT}


_GET_OBJECT = held(pypdfium2.raw.FPDFPage_GetObject)
_GET_TYPE = held(pypdfium2.raw.FPDFPageObj_GetType)
_GET_BOUNDS = held(pypdfium2.raw.FPDFPageObj_GetBounds)


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
    return _raw_annotation_boxes(page.raw)


def _raw_annotation_boxes(raw_page: ctypes.c_void_p) -> list[Rect]:
    boxes: list[Rect] = []
    count = pypdfium2.raw.FPDFPage_GetAnnotCount(raw_page)
    if count <= 0:
        return boxes
    rect = pypdfium2.raw.FS_RECTF()
    for number in range(count):
        annotation = pypdfium2.raw.FPDFPage_GetAnnot(raw_page, number)
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
    if not ink.any():
        return []
    rows, cols = ink.shape
    padded = np.pad(ink, 1).astype(np.uint8)
    across = padded[:, :-2] + padded[:, 1:-1] + padded[:, 2:]  # each pixel's row of three
    neighbours = across[:-2] + across[1:-1] + across[2:] - padded[1:-1, 1:-1]  # the 3x3 square, less itself
    ink &= neighbours >= 2
    strips = -(-rows // STRIP)
    if strips * STRIP != rows:  # the last strip is shorter: pad it with paper
        ink = np.concatenate((ink, np.zeros((strips * STRIP - rows, cols), dtype=bool)))
    marked = ink.reshape(strips, STRIP, cols).any(axis=1)
    strip, column = np.nonzero(marked)  # strip by strip, columns left to right
    if strip.size == 0:
        return []
    # a run ends where the next ink column is in another strip or more than GAP columns away
    breaks = np.flatnonzero((np.diff(strip) != 0) | (np.diff(column) > GAP))
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [strip.size - 1]))
    return [
        (int(column[a]), int(strip[a]) * STRIP, int(column[b]) + 1, min(int(strip[a]) * STRIP + STRIP, rows))
        for a, b in zip(starts, ends, strict=True)
    ]


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
        picture = Image.open(io.BytesIO(data), formats=["JPEG"])  # anything else: OSError, so None
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


def _band_objects(raw_page: ctypes.c_void_p, area: Rect) -> tuple[list[Rect], list[ctypes.c_void_p]]:
    """The boxes of the text objects meeting the band, and the drawings and images meeting it (raw handles).

    The page's top-level objects are walked through pdfium's own calls: a
    page of text has hundreds of strings, nearly all far from the band, and
    none of them becomes a Python object.
    """
    raw = pypdfium2.raw
    texts: list[Rect] = []
    drawn: list[ctypes.c_void_p] = []
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    count = raw.FPDFPage_CountObjects(raw_page)
    if count < 0:
        raise pypdfium2.PdfiumError("Failed to get number of pageobjects.")
    a0, a1, a2, a3 = area
    for number in range(count):
        handle = _GET_OBJECT(raw_page, number)
        if not handle:
            raise pypdfium2.PdfiumError("Failed to get pageobject.")
        if not _GET_BOUNDS(handle, left, bottom, right, top):
            if _GET_TYPE(handle) in WATCHED:
                raise pypdfium2.PdfiumError("Failed to locate pageobject.")
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if x0 > x1:
            x0, x1 = x1, x0
        if y0 > y1:
            y0, y1 = y1, y0
        if not (x0 < a2 and x1 > a0 and y0 < a3 and y1 > a1):  # the object misses the band: its kind is moot
            continue
        kind = _GET_TYPE(handle)
        if kind == TEXT:
            texts.append((x0, y0, x1, y1))
        elif kind in DRAWN:
            drawn.append(handle)
    return texts, drawn


Job = tuple[bytes, Rect, Rect]
"""A JPEG scan to read: its data, its placement (a, d, e, f) and the band."""


@dataclass
class _Scans:
    """A page whose drawings in the band are all JPEG scans: the images to decode (off pdfium's thread)."""

    index: int
    found: list[Rect]
    images: list[Job]


def _jpeg_job(handle: ctypes.c_void_p, area: Rect) -> Job | None:
    """The data and placement of an upright JPEG image (read with pdfium), or None when only rendering reads it."""
    raw = pypdfium2.raw
    if raw.FPDFPageObj_GetType(handle) != raw.FPDF_PAGEOBJ_IMAGE or raw.FPDFImageObj_GetImageFilterCount(handle) != 1:
        return None
    name = ctypes.create_string_buffer(16)
    length = raw.FPDFImageObj_GetImageFilter(handle, 0, name, len(name))
    if length != len(b"DCTDecode") + 1 or name.value != b"DCTDecode":
        return None
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        raise pypdfium2.PdfiumError("Failed to get matrix of pageobject.")
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d == 0:
        return None
    size = raw.FPDFImageObj_GetImageDataRaw(handle, None, 0)
    buffer = (ctypes.c_ubyte * size)()
    raw.FPDFImageObj_GetImageDataRaw(handle, buffer, size)
    return bytes(buffer), (float(m.a), float(m.d), float(m.e), float(m.f)), area


def _raw_view_box(raw_page: ctypes.c_void_p) -> tuple[Rect, int]:
    """The crop box (else the media box, else US letter) and rotation of a page, as :func:`_view_box` reads them."""
    raw = pypdfium2.raw
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if raw.FPDFPage_GetCropBox(raw_page, left, bottom, right, top) or raw.FPDFPage_GetMediaBox(
        raw_page, left, bottom, right, top
    ):
        box = _ordered((left.value, bottom.value, right.value, top.value))
    else:
        box = (0.0, 0.0, 612.0, 792.0)
    rotation = raw.FPDFPage_GetRotation(raw_page)
    if rotation == -1:
        raise pypdfium2.PdfiumError("Failed to get page rotation.")
    return box, rotation * 90 % 360


def _read_page(document: pypdfium2.PdfDocument, index: int, edge: Edge, band: float) -> list[Rect] | _Scans:
    """What a stamp along ``edge`` must not cover on one page, or the scans still to decode for it.

    The page is loaded through pdfium's own calls (no helper object) and
    closed again; only a page whose band must be rendered is loaded a second
    time, as a :class:`pypdfium2.PdfPage`.
    """
    raw = pypdfium2.raw
    raw_page = raw.FPDF_LoadPage(document.raw, index)
    if not raw_page:
        raise pypdfium2.PdfiumError("Failed to load page.")
    try:
        box, rotate = _raw_view_box(raw_page)
        area = _band(box, rotate, edge, band)
        found = _raw_annotation_boxes(raw_page)
        texts, drawn = _band_objects(raw_page, area)
        found += texts
        if not drawn:
            return found
        images = []
        for handle in drawn:
            job = _jpeg_job(handle, area)
            if job is None:  # a drawing, or an image only rendering reads: render the band once, for all
                break
            images.append(job)
        else:
            return _Scans(index, found, images)
    finally:
        raw.FPDF_ClosePage(raw_page)
    return found + _render_page(document, index, edge, band)


def _render_page(document: pypdfium2.PdfDocument, index: int, edge: Edge, band: float) -> list[Rect]:
    page = document[index]
    try:
        box, rotate = _view_box(page)
        return _rendered(page, box, rotate, edge, band)
    finally:
        page.close()


def _ordered(bounds: Sequence[float]) -> Rect:
    left, bottom, right, top = bounds
    return (min(left, right), min(bottom, top), max(left, right), max(bottom, top))


InkCache = dict[bytes, list[Rect] | None]
"""Scans already read in a build: the same JPEG drawn the same way over the same band gives the same ink."""


def _job_key(job: Job) -> bytes:
    data, placement, area = job
    digest = hashlib.sha256(data)
    digest.update(repr((placement, area)).encode("ascii"))
    return digest.digest()


def decode_scans(images: Sequence[Job], cache: InkCache | None = None) -> list[list[Rect] | None]:
    """The ink of each scan in the band (None where Pillow cannot read it); ``cache`` keeps answers by content.

    A scan is known again only by the SHA-256 of its JPEG data, its placement
    and the band: a copy whose ink differs in a single byte is read afresh.
    Pillow only: it may run outside pdfium's thread.
    """
    inks: list[list[Rect] | None] = []
    for job in images:
        key = _job_key(job) if cache is not None else b""
        if cache is not None and key in cache:
            known = cache[key]
            inks.append(None if known is None else list(known))
            continue
        ink = _jpeg_ink(*job)
        if cache is not None:
            cache[key] = ink
        inks.append(None if ink is None else list(ink))
    return inks


@dataclass
class Reading:
    """A document after pdfium's pass: each page's obstacles, or its scans being decoded in another thread."""

    found: dict[int, list[Rect]]
    scans: list[tuple[_Scans, Future[list[list[Rect] | None]]]] = field(default_factory=list)
    key: str | None = None
    """Where the margins are to be kept once read (:mod:`docgen.packets.marginstore`); None: answered from there."""

    def unread(self) -> list[int]:
        """Pages whose scans Pillow could not read (their band must be rendered); waits for the decoding."""
        missing = []
        for scans, future in self.scans:
            inks = future.result()
            if all(ink is not None for ink in inks):
                self.found[scans.index] = scans.found + [r for ink in inks if ink is not None for r in ink]
            else:
                self.found[scans.index] = scans.found
                missing.append(scans.index)
        self.scans = []
        return missing

    def whole(self, render: Callable[[list[int]], dict[int, list[Rect]]]) -> dict[int, list[Rect]]:
        """Per page (0-based), what a stamp must not cover: waits for the decoding, has ``render`` draw the
        band of each page whose scans Pillow could not read (in pdfium's thread), merges it in."""
        missing = self.unread()
        if missing:
            for index, ink in render(missing).items():
                self.found[index] += ink
        return dict(sorted(self.found.items()))


def read_document(
    data: bytes,
    edge: Edge,
    band: float,
    decoder: Executor,
    cache: InkCache | None = None,
    gate: threading.Semaphore | None = None,
) -> Reading:
    """pdfium's pass over every page of a PDF; the scans' JPEGs are handed to ``decoder`` as they are met.

    Call it from pdfium's one thread (pdfium is not thread-safe); the decoding
    runs meanwhile (Pillow, outside the GIL), and :meth:`Reading.unread` waits
    for it. ``gate`` bounds the scans read but not yet decoded (each holds
    its JPEG in memory): the pass waits for the decoders when it is closed.
    """
    reading = Reading({})

    def release(_decoded: Future[list[list[Rect] | None]]) -> None:
        if gate is not None:
            gate.release()

    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            done = _read_page(document, index, edge, band)
            if isinstance(done, _Scans):
                images, done.images = done.images, []  # the JPEGs live only as long as their decoding
                if gate is not None:
                    gate.acquire()
                try:
                    decoding = decoder.submit(decode_scans, images, cache)
                except BaseException:
                    if gate is not None:
                        gate.release()
                    raise
                if gate is not None:
                    decoding.add_done_callback(release)
                reading.scans.append((done, decoding))
            else:
                reading.found[index] = done
    finally:
        document.close()
    return reading


def recall_or_read(
    data: bytes,
    edge: Edge,
    band: float,
    decoder: Executor,
    cache: InkCache | None = None,
    gate: threading.Semaphore | None = None,
    sha256: str | None = None,
) -> Reading:
    """The margins kept from an earlier build (:mod:`docgen.packets.marginstore`), else :func:`read_document`.

    ``sha256`` is the SHA-256 (hex) of ``data`` when the caller has it already; else the bytes are hashed
    here, in pdfium's thread.
    """
    key = None
    if marginstore.enabled():
        key = marginstore.margins_key(sha256 or hashlib.sha256(data).hexdigest(), edge, band)
    known = marginstore.recall(key) if key is not None else None
    if known is not None:
        return Reading(known)
    reading = read_document(data, edge, band, decoder, cache, gate)
    reading.key = key
    return reading


def render_bands(data: bytes, pages: Sequence[int], edge: Edge, band: float) -> dict[int, list[Rect]]:
    """The rendered ink of the band of ``pages`` (pdfium's thread only): for scans Pillow could not read."""
    document = pypdfium2.PdfDocument(data)
    try:
        return {index: _render_page(document, index, edge, band) for index in pages}
    finally:
        document.close()


def obstacles(data: bytes, edge: Edge = "bottom", band: float = BAND) -> dict[int, list[Rect]]:
    """Per page (0-based), what a stamp along ``edge`` must not cover.

    pdfium reads the pages in the calling thread (pdfium is not thread-safe:
    call it from one thread only); the scans' JPEGs are decoded by Pillow in
    a second thread meanwhile (both outside the GIL). A page whose JPEG
    Pillow cannot read has its band rendered, as :func:`page_obstacles` does.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-scans") as decoder:
        reading = read_document(data, edge, band, decoder)
        return reading.whole(lambda pages: render_bands(data, pages, edge, band))


class Margins:
    """A document's margins being read for one build: :meth:`result` waits for pdfium's pass and the scans.

    ``pdfium`` runs work in pdfium's one thread of the build (to render a scan
    Pillow could not read). Any failure leaves the document without
    obstacles (its stamps then go where asked), as a file pdfium cannot open.
    The file's bytes are kept only while a page may still need its band
    rendered: once every scan is decoded they are let go.
    """

    def __init__(
        self, reading: Future[Reading], data: bytes, edge: Edge, band: float, pdfium: Callable[..., Any]
    ) -> None:
        self._reading, self._edge, self._band, self._pdfium = reading, edge, band, pdfium
        self._data: bytes | None = data
        self._result: dict[int, list[Rect]] | None = None
        self._lock = threading.Lock()
        self._left = 0
        reading.add_done_callback(self._read)

    def _read(self, future: Future[Reading]) -> None:
        if future.cancelled() or future.exception() is not None:
            self._data = None
            return
        scans = future.result().scans
        self._left = len(scans)
        if not scans:
            self._data = None
        for _scans, decoding in scans:
            decoding.add_done_callback(self._decoded)

    def _decoded(self, future: Future[list[list[Rect] | None]]) -> None:
        if future.cancelled() or future.exception() is not None or any(ink is None for ink in future.result()):
            return  # that page's band is rendered: the bytes are still needed
        with self._lock:
            self._left -= 1
            if self._left == 0:
                self._data = None

    def result(self) -> dict[int, list[Rect]]:
        """Per page (0-based), what a stamp must not cover (computed once)."""
        if self._result is None:
            try:
                reading = self._reading.result()
                self._result = reading.whole(
                    lambda pages: self._pdfium(render_bands, self._data, pages, self._edge, self._band)
                )
                if reading.key is not None:
                    marginstore.keep(reading.key, self._result)
            except Exception:  # a file pdfium or Pillow cannot read: its stamps go where asked
                self._result = {}
            self._data = None
        return self._result
