"""Safety caps on what a PDF or image may cost before docgen renders or decodes it.

Every cap is checked before the work it guards: a page's pixel size at the
render resolution from its page box, an image's from its header, a file's page
count once it is opened. A file over a cap raises
:class:`~docgen.errors.InputLimitError` naming the file, the figure and the
cap. The figures, and why:

- Notices (OCR at 300 dpi): 60 pages (a notice has 1 to 6; a scanned stack of
  notices stays well under; 300 blank pages took 120 s), 50 megapixels per
  page or image (a letter page at 300 dpi is 8.4 MP, at 600 dpi 33.7 MP; a
  144-MP scan took 913 MB), 200 MB per file.
- Evidence in packets: 3,000 pages and 512 MB per file; images decoded in full
  (PNG, TIFF, GIF, BMP, WebP, HEIC) 60 MP, JPEGs (embedded as they are, decoded
  at one eighth) 120 MP (a 108-MP phone photo passes).

Pillow's own decompression-bomb guard is set to the largest of these
(:data:`PILLOW_MAX_PIXELS`, by :mod:`docgen.pdf.images`; Pillow refuses
outright at twice that).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from docgen.errors import InputLimitError

MEGA = 1_000_000


@dataclass(frozen=True)
class Caps:
    """How much one input file may cost: pages, pixels per page or image, bytes."""

    pages: int
    pixels: int
    bytes: int
    passthrough_pixels: int = 0  # images embedded without a full decode (JPEG); 0: same as pixels

    @property
    def largest_image(self) -> int:
        """The most pixels any image may have under these caps."""
        return max(self.pixels, self.passthrough_pixels)


NOTICE_CAPS = Caps(pages=60, pixels=50 * MEGA, bytes=200 * MEGA)
EVIDENCE_CAPS = Caps(pages=3000, pixels=60 * MEGA, bytes=512 * MEGA, passthrough_pixels=120 * MEGA)
PILLOW_MAX_PIXELS = max(NOTICE_CAPS.largest_image, EVIDENCE_CAPS.largest_image)


def megapixels(pixels: float) -> str:
    """``144 megapixels``, ``3.6 gigapixels``."""
    if pixels >= 1000 * MEGA:
        return f"{pixels / (1000 * MEGA):.1f} gigapixels"
    return f"{pixels / MEGA:.0f} megapixels"


def check_pages(name: str, count: int, caps: Caps) -> None:
    """Refuse a file with more pages (or image frames) than ``caps`` allow."""
    if count > caps.pages:
        raise InputLimitError(
            f"{name}: {count} pages, over the cap of {caps.pages} for one file; "
            "split it into smaller files (or check it is the document meant)"
        )


def check_bytes(name: str, size: int, caps: Caps) -> None:
    """Refuse a file larger than ``caps`` allow."""
    if size > caps.bytes:
        raise InputLimitError(
            f"{name}: {size / MEGA:.0f} MB, over the cap of {caps.bytes // MEGA} MB for one file; compress or split it"
        )


def render_pixels(width_pt: float, height_pt: float, dpi: float) -> tuple[int, int]:
    """The pixel size of a page of ``width_pt`` x ``height_pt`` points rendered at ``dpi``."""
    scale = dpi / 72.0
    return math.ceil(abs(width_pt) * scale), math.ceil(abs(height_pt) * scale)


def check_page_render(name: str, number: int, size_pt: tuple[float, float], dpi: float, caps: Caps) -> None:
    """Refuse to render page ``number`` (1-based) of ``size_pt`` points at ``dpi`` past the pixel cap."""
    width_pt, height_pt = size_pt
    if not all(math.isfinite(v) and v > 0 for v in size_pt):
        raise InputLimitError(f"{name}: page {number} has no usable size ({width_pt} x {height_pt} points)")
    width, height = render_pixels(width_pt, height_pt, dpi)
    if width * height > caps.pixels:
        inches = f"{width_pt / 72:.0f} x {height_pt / 72:.0f} inches"
        raise InputLimitError(
            f"{name}: page {number} is {inches}; at {dpi:.0f} dpi that is {megapixels(width * height)}, "
            f"over the cap of {megapixels(caps.pixels)}; a notice or letter page is far smaller: "
            "scan or print the page again at letter size"
        )


def check_image_size(name: str, size: tuple[int, int], caps: Caps, passthrough: bool = False, frame: int = 0) -> None:
    """Refuse an image (or frame, 1-based) whose pixel count is over the cap, before it is decoded."""
    limit = caps.passthrough_pixels if passthrough and caps.passthrough_pixels else caps.pixels
    width, height = size
    if width * height > limit:
        which = f"frame {frame} " if frame else ""
        raise InputLimitError(
            f"{name}: {which}{width} x {height} pixels is {megapixels(width * height)}, over the cap of "
            f"{megapixels(limit)}; save the image at a lower resolution (300 dpi is plenty for a document)"
        )
