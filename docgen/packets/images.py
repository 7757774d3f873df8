"""Images as PDF pages: one page per image (per frame of a multi-page TIFF).

Each image is placed on a letter-size page (or the profile's page size)
inside margins, on a landscape page when the image is wider than tall. It is
shrunk to fit but never enlarged past its natural size (its pixels at the
resolution it records; 96 dpi when it records none), so a small scan stays
sharp rather than blown up. A phone photo's EXIF orientation is honoured.

JPEG files go into the PDF as they are (no re-compression, orientation by the
placement matrix); PNG, TIFF, GIF, BMP and WebP are stored losslessly
(Flate); HEIC/HEIF photos (through pillow-heif) are stored as JPEG at quality
90, since PDF has no HEVC filter.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

import pikepdf
from PIL import Image, ImageOps

from docgen.pdf.images import frames, open_image
from docgen.pdf.limits import EVIDENCE_CAPS, check_image_size

MIN_DPI = 72.0
MAX_DPI = 2400.0
DEFAULT_DPI = 96.0
HEIF_QUALITY = 90

# (a, b, c, d, e, f) mapping the stored image's unit square to the displayed one, per EXIF orientation.
_ORIENT: dict[int, tuple[int, int, int, int, int, int]] = {
    1: (1, 0, 0, 1, 0, 0),
    2: (-1, 0, 0, 1, 1, 0),
    3: (-1, 0, 0, -1, 1, 1),
    4: (1, 0, 0, -1, 0, 1),
    5: (0, -1, -1, 0, 1, 1),
    6: (0, -1, 1, 0, 0, 1),
    7: (0, 1, 1, 0, 0, 0),
    8: (0, 1, -1, 0, 1, 0),
}


def heif_supported() -> bool:
    """Whether HEIC/HEIF photos can be read (pillow-heif is installed)."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


@dataclass(frozen=True)
class Placement:
    """Where an image of a given displayed size sits on its page (points)."""

    page_width: float
    page_height: float
    x: float
    y: float
    width: float
    height: float


def place(
    pixels: tuple[int, int], dpi: float, page_size: tuple[float, float], margin: float, landscape_ok: bool = True
) -> Placement:
    """Fit an image of ``pixels`` (as displayed) on a page: shrink to fit, never enlarge, centred."""
    px_w, px_h = pixels
    short, long = sorted(page_size)
    page_w, page_h = (long, short) if landscape_ok and px_w > px_h else (short, long)
    natural_w, natural_h = px_w / dpi * 72.0, px_h / dpi * 72.0
    scale = min(1.0, (page_w - 2 * margin) / natural_w, (page_h - 2 * margin) / natural_h)
    width, height = natural_w * scale, natural_h * scale
    return Placement(page_w, page_h, (page_w - width) / 2, (page_h - height) / 2, width, height)


def recorded_dpi(image: Image.Image) -> float:
    """The resolution an image records, or 96 dpi when it records none (or nonsense)."""
    info = image.info.get("dpi")
    if isinstance(info, tuple) and info and isinstance(info[0], int | float):
        dpi = float(info[0])
        if MIN_DPI <= dpi <= MAX_DPI:
            return dpi
    return DEFAULT_DPI


def _exif_orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if isinstance(value, int) and value in _ORIENT else 1


def _page(pdf: pikepdf.Pdf, xobject: pikepdf.Object, placement: Placement, orient: int) -> None:
    a, b, c, d, e, f = _ORIENT[orient]
    w, h = placement.width, placement.height
    matrix = (w * a, h * b, w * c, h * d, placement.x + w * e, placement.y + h * f)
    content = "q {} cm /Im0 Do Q\n".format(" ".join(f"{v:.4f}" for v in matrix)).encode()
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, placement.page_width, placement.page_height],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject)),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))


def _jpeg_xobject(pdf: pikepdf.Pdf, data: bytes, mode: str, size: tuple[int, int]) -> pikepdf.Object:
    space = {"L": pikepdf.Name.DeviceGray, "RGB": pikepdf.Name.DeviceRGB}[mode]
    return pdf.make_stream(
        data,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=size[0],
        Height=size[1],
        ColorSpace=space,
        BitsPerComponent=8,
        Filter=pikepdf.Name.DCTDecode,
    )


def _flat(image: Image.Image) -> Image.Image:
    """The image in a mode PDF stores directly: 1-bit, grey or RGB (transparency on white)."""
    if image.mode in ("1", "L", "RGB"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        return image.point(lambda v: v / 256).convert("L")
    if image.mode == "P" and "transparency" not in image.info:
        return image.convert("RGB")
    if "A" in image.getbands() or image.mode in ("P", "PA"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def _lossless_xobject(pdf: pikepdf.Pdf, image: Image.Image) -> pikepdf.Object:
    image = _flat(image)
    space = pikepdf.Name.DeviceRGB if image.mode == "RGB" else pikepdf.Name.DeviceGray
    bits = 1 if image.mode == "1" else 8
    return pdf.make_stream(
        zlib.compress(image.tobytes(), 6),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=image.width,
        Height=image.height,
        ColorSpace=space,
        BitsPerComponent=bits,
        Filter=pikepdf.Name.FlateDecode,
    )


def _jpeg_from(pdf: pikepdf.Pdf, image: Image.Image) -> pikepdf.Object:
    image = ImageOps.exif_transpose(image) or image
    flat = _flat(image)
    if flat.mode == "1":
        flat = flat.convert("L")
    buffer = io.BytesIO()
    flat.save(buffer, "JPEG", quality=HEIF_QUALITY)
    return _jpeg_xobject(pdf, buffer.getvalue(), flat.mode, flat.size)


def _displayed(size: tuple[int, int], orient: int) -> tuple[int, int]:
    return (size[1], size[0]) if orient >= 5 else size


def image_pdf(
    data: bytes,
    mime: str,
    page_size: tuple[float, float] = (612.0, 792.0),
    margin: float = 36.0,
    name: str = "image",
) -> pikepdf.Pdf:
    """A PDF with one page per image (per frame); raises PIL/OSError errors for damaged images.

    Pixel sizes and frame counts are checked against the evidence caps before
    anything is decoded (:class:`~docgen.errors.InputLimitError`).
    """
    pdf = pikepdf.new()
    passthrough = mime == "image/jpeg"
    with open_image(data, EVIDENCE_CAPS, name, passthrough=passthrough) as image:
        if passthrough and image.mode in ("L", "RGB"):
            size, orient, dpi = image.size, _exif_orientation(image), recorded_dpi(image)
            image.draft(image.mode, (max(1, size[0] // 8), max(1, size[1] // 8)))
            image.load()  # decodes (at 1/8 scale): a truncated or damaged file fails here
            xobject = _jpeg_xobject(pdf, data, image.mode, size)
            _page(pdf, xobject, place(_displayed(size, orient), dpi, page_size, margin), orient)
            return pdf
        check_image_size(name, image.size, EVIDENCE_CAPS)  # decoded in full from here on
        if mime in ("image/jpeg", "image/heic", "image/heif", "image/avif"):
            image.load()
            xobject = _jpeg_from(pdf, image)
            size = (int(xobject.Width), int(xobject.Height))
            _page(pdf, xobject, place(size, recorded_dpi(image), page_size, margin), 1)
            return pdf
        for frame in frames(image, EVIDENCE_CAPS, name):
            frame.load()
            orient = _exif_orientation(frame)
            placement = place(_displayed(frame.size, orient), recorded_dpi(frame), page_size, margin)
            _page(pdf, _lossless_xobject(pdf, frame), placement, orient)
    return pdf
