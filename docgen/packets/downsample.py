"""Smaller scans for e-filing: images drawn finer than a target resolution are resampled, and
lossless continuous-tone images recompressed as JPEG, at a JPEG quality of your choice.

The resolution of an image is where it is drawn: its pixels over the size it takes on the page
(the page's content is walked with its transformation matrices, into form XObjects, the way
``pdfimages -list`` reports it). An image drawn twice keeps the finer of its two resolutions.
Left as they are, with the reason in the report: black-and-white images (CCITT, JBIG2: already
small, and text in JPEG blurs), images with transparency masks or a ``/Decode`` array, CMYK,
and any image the new encoding would not make smaller.

Pillow does the resampling (Lanczos) and the JPEG encoding; pikepdf decodes the images.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf
from PIL import Image

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
RECOMPRESS_FROM = 64_000
"""A lossless colour or grey image of at least this many bytes is recompressed as JPEG."""
MAX_DEPTH = 8


@dataclass
class Shrunk:
    """What downsampling did to one document: images changed, bytes and resolutions before and after."""

    images: int = 0
    changed: int = 0
    image_bytes: list[int] = field(default_factory=lambda: [0, 0])
    dpi: list[float] = field(default_factory=lambda: [0.0, 0.0])
    kept: dict[str, int] = field(default_factory=dict)

    def keep(self, reason: str) -> None:
        self.kept[reason] = self.kept.get(reason, 0) + 1


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF order: the new CTM is ``m × CTM``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(values: object) -> Matrix:
    if isinstance(values, pikepdf.Array) and len(values) == 6:
        try:
            a, b, c, d, e, f = (float(v) for v in values)
            return (a, b, c, d, e, f)
        except (TypeError, ValueError):
            return IDENTITY
    return IDENTITY


def _walk(
    content: pikepdf.Page | pikepdf.Stream, resources: object, ctm: Matrix, depth: int, seen: set[tuple[int, int]]
) -> Iterator[tuple[pikepdf.Stream, Matrix]]:
    """Every image XObject drawn by ``content``, with the matrix it is drawn with."""
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    stack: list[Matrix] = []
    current = ctm
    try:
        instructions = pikepdf.parse_content_stream(content)
    except pikepdf.PdfError:
        return
    for instruction in instructions:
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue  # an inline image: small, left as it is
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(current)
        elif op == "Q":
            current = stack.pop() if stack else ctm
        elif op == "cm" and len(operands) == 6:
            try:
                m = tuple(float(v) for v in operands)
            except (TypeError, ValueError):
                continue
            current = _multiply((m[0], m[1], m[2], m[3], m[4], m[5]), current)
        elif op == "Do" and operands and isinstance(xobjects, pikepdf.Dictionary):
            target = xobjects.get(str(operands[0]))
            if not isinstance(target, pikepdf.Stream):
                continue
            subtype = target.get("/Subtype")
            if subtype == pikepdf.Name.Image:
                yield target, current
            elif subtype == pikepdf.Name.Form and depth < MAX_DEPTH and target.objgen not in seen:
                inner = _multiply(_matrix(target.get("/Matrix")), current)
                own = target.get("/Resources")
                within = own if own is not None else resources
                yield from _walk(target, within, inner, depth + 1, seen | {target.objgen})


def drawn_images(pdf: pikepdf.Pdf) -> dict[tuple[int, int], tuple[pikepdf.Stream, float]]:
    """Every image XObject drawn on a page, with the finest resolution (dpi) it is drawn at."""
    found: dict[tuple[int, int], tuple[pikepdf.Stream, float]] = {}
    for page in pdf.pages:
        for image, matrix in _walk(page, page.obj.get("/Resources"), IDENTITY, 0, set()):
            a, b, c, d, _e, _f = matrix
            width_pt, height_pt = math.hypot(a, b), math.hypot(c, d)
            if width_pt < 0.5 or height_pt < 0.5:
                continue
            dpi = min(int(image.get("/Width", 0)) * 72 / width_pt, int(image.get("/Height", 0)) * 72 / height_pt)
            key = image.objgen
            if key not in found or dpi > found[key][1]:
                found[key] = (image, dpi)
    return found


def _why_kept(image: pikepdf.Stream) -> str | None:
    if image.get("/SMask") is not None or image.get("/Mask") is not None:
        return "transparency"
    if image.get("/ImageMask") or int(image.get("/BitsPerComponent", 8)) != 8:
        return "black and white"
    if image.get("/Decode") is not None:
        return "decode array"
    filters = image.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    if any(n in ("/JBIG2Decode", "/CCITTFaxDecode", "/JPXDecode") for n in names):
        return "black and white" if "/JPXDecode" not in names else "JPEG 2000"
    return None


def _encode(picture: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def downsample(pdf: pikepdf.Pdf, max_dpi: float | None, quality: int) -> Shrunk:
    """Resample images finer than ``max_dpi`` and recompress lossless ones as JPEG at ``quality`` (in place)."""
    report = Shrunk()
    for image, dpi in drawn_images(pdf).values():
        report.images += 1
        raw = len(image.read_raw_bytes())
        report.image_bytes[0] += raw
        report.dpi[0] = max(report.dpi[0], dpi)
        too_fine = max_dpi is not None and dpi > max_dpi * 1.05
        filters = image.get("/Filter")
        jpeg = filters == pikepdf.Name.DCTDecode or (
            isinstance(filters, pikepdf.Array) and pikepdf.Name.DCTDecode in list(filters)
        )
        lossless_big = not jpeg and raw >= RECOMPRESS_FROM
        reason = _why_kept(image) if (too_fine or lossless_big) else "fine as it is"
        if reason is None:
            try:
                picture = pikepdf.PdfImage(image).as_pil_image()
            except (pikepdf.PdfError, NotImplementedError, ValueError, OSError):
                reason = "cannot be decoded here"
            else:
                reason = _replace(image, picture, dpi, max_dpi if too_fine else None, quality, raw, report)
        if reason is not None:
            report.image_bytes[1] += raw
            report.dpi[1] = max(report.dpi[1], dpi)
            report.keep(reason)
    return report


def _replace(
    image: pikepdf.Stream,
    picture: Image.Image,
    dpi: float,
    max_dpi: float | None,
    quality: int,
    raw: int,
    report: Shrunk,
) -> str | None:
    """Put the resampled, JPEG-encoded picture in place of the image; the reason when it is kept."""
    if picture.mode not in ("L", "RGB"):
        if picture.mode in ("P", "LA", "RGBA", "PA"):
            picture = picture.convert("RGB")
        else:
            return f"{picture.mode} colour"
    new_dpi = dpi
    if max_dpi is not None:
        factor = max_dpi / dpi
        size = (max(1, round(picture.width * factor)), max(1, round(picture.height * factor)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
        new_dpi = dpi * size[0] / int(image.Width)
    data = _encode(picture, quality)
    if len(data) >= raw:
        return "no smaller as JPEG"
    colour = image.get("/ColorSpace")
    indexed = isinstance(colour, pikepdf.Array) and len(colour) and colour[0] == pikepdf.Name.Indexed
    image.write(data, filter=pikepdf.Name.DCTDecode)
    image.Width, image.Height = picture.width, picture.height
    image.BitsPerComponent = 8
    if indexed or colour is None or (picture.mode == "RGB" and colour == pikepdf.Name.DeviceGray):
        image.ColorSpace = pikepdf.Name.DeviceRGB if picture.mode == "RGB" else pikepdf.Name.DeviceGray
    for key in ("/DecodeParms", "/Interpolate"):
        if key in image:
            del image[key]
    report.changed += 1
    report.image_bytes[1] += len(data)
    report.dpi[1] = max(report.dpi[1], new_dpi)
    return None
