"""How set 14's paper is spoilt: copier scans, phone-app scans, faxes, photos on a desk, screenshots, hand marks."""

from __future__ import annotations

import io
import random
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
HAND = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"
HAND2 = "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def render(pdf: bytes, index: int, dpi: float) -> Image.Image:
    """Page ``index`` of ``pdf`` as an RGB image at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        image: Image.Image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        page.close()
    finally:
        doc.close()
    return image


def words(pdf: bytes, index: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The words of page ``index`` with their boxes (PDF points, origin bottom left)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    try:
        page = doc[index]
        text = page.get_textpage()
        count = text.count_chars()
        current = ""
        box = [0.0, 0.0, 0.0, 0.0]
        for i in range(count):
            ch = text.get_text_range(i, 1)
            if not ch or ch.isspace() or ch in "\r\n\ufffe":
                if current:
                    out.append((current, (box[0], box[1], box[2], box[3])))
                current = ""
                continue
            left, bottom, right, top = text.get_charbox(i)
            if not current:
                box = [left, bottom, right, top]
            else:
                box = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
            current += ch
        if current:
            out.append((current, (box[0], box[1], box[2], box[3])))
        text.close()
        page.close()
    finally:
        doc.close()
    return out


def find_line(pdf: bytes, index: int, phrase: str) -> tuple[float, float, float, float] | None:
    """The box (points) of the first occurrence of ``phrase`` on page ``index``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        text = page.get_textpage()
        search = text.search(phrase)
        hit = search.get_next()
        box = None
        if hit:
            start, count = hit
            boxes = [text.get_charbox(i) for i in range(start, start + count)]
            box = (
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            )
        search.close()
        text.close()
        page.close()
    finally:
        doc.close()
    return box


def blank_spot(
    image: Image.Image, size: tuple[int, int], rnd: random.Random, avoid_top: float = 0.0
) -> tuple[int, int] | None:
    """A place where a ``size`` box covers no ink (with a margin), or None."""
    grey = np.asarray(image.convert("L"))
    h, w = grey.shape
    ink = grey < 235
    pad = 12
    bw, bh = size
    # integral image for fast box sums
    integral = np.pad(ink.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    spots = []
    step = max(8, min(bw, bh) // 4)
    for y in range(int(h * avoid_top) + pad, h - bh - pad, step):
        for x in range(pad, w - bw - pad, step):
            y0, x0, y1, x1 = y - pad, x - pad, y + bh + pad, x + bw + pad
            total = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
            if total == 0:
                spots.append((x, y))
    if not spots:
        return None
    return spots[rnd.randrange(len(spots))]


def sticky_note(image: Image.Image, rnd: random.Random, text: str, dpi: float) -> bool:
    """A yellow sticky note with a handwritten line, put where it hides no printed mark."""
    size = (int(dpi * 1.9), int(dpi * 1.1))
    spot = blank_spot(image, size, rnd, avoid_top=0.15)
    if spot is None:
        return False
    x, y = spot
    draw = ImageDraw.Draw(image)
    draw.rectangle((x + 6, y + 6, x + size[0] + 6, y + size[1] + 6), fill=(205, 200, 170))
    draw.rectangle((x, y, x + size[0], y + size[1]), fill=(253, 240, 130))
    font = ImageFont.truetype(HAND, int(dpi * 0.16))
    for k, line in enumerate(text.split("\n")):
        draw.text((x + int(dpi * 0.12), y + int(dpi * 0.15) + k * int(dpi * 0.22)), line, fill=(20, 40, 150), font=font)
    return True


def margin_note(image: Image.Image, rnd: random.Random, text: str, dpi: float) -> bool:
    """A pen note in blue over blank space (slanted, in a hand-like italic)."""
    font = ImageFont.truetype(HAND2, int(dpi * 0.18))
    box = ImageDraw.Draw(image).textbbox((0, 0), text, font=font)
    size = (int(box[2]) + 20, int(box[3]) + 30)
    spot = blank_spot(image, size, rnd, avoid_top=0.1)
    if spot is None:
        return False
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((10, 8), text, fill=(25, 45, 160, 255), font=font)
    layer = layer.rotate(rnd.uniform(-4, 4), resample=Image.Resampling.BICUBIC)
    image.paste(layer, spot, layer)
    return True


def highlight(image: Image.Image, box: tuple[float, float, float, float], page_h: float, dpi: float) -> None:
    """A yellow highlighter stroke over a printed line (multiplied: the words stay legible)."""
    s = dpi / 72
    x0, y0, x1, y1 = box[0] * s - 4, (page_h - box[3]) * s - 3, box[2] * s + 6, (page_h - box[1]) * s + 3
    arr = np.asarray(image).astype(np.float32)
    y0i, y1i, x0i, x1i = max(0, int(y0)), int(y1), max(0, int(x0)), int(x1)
    arr[y0i:y1i, x0i:x1i] *= np.array([1.0, 0.97, 0.55], dtype=np.float32)
    image.paste(Image.fromarray(arr.clip(0, 255).astype(np.uint8)))


def stamp_header(image: Image.Image, text: str, dpi: float) -> None:
    """The imaging system's index line along the top margin."""
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(MONO, int(dpi * 0.1))
    draw.text((int(dpi * 0.4), int(dpi * 0.12)), text, fill=(90, 20, 20), font=font)


def _noise(arr: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    return arr + rng.normal(0, sigma, arr.shape)


def copier(image: Image.Image, rng: np.random.Generator, grey: bool, skew: float, turn: int) -> Image.Image:
    """A copier scan: paper tone, soft toner, uneven lamp, noise, skew and a page fed sideways or upside down."""
    arr = np.asarray(image).astype(np.float32)
    arr = 255 - (255 - arr) * rng.uniform(0.82, 0.95)
    w = arr.shape[1]
    lamp = np.linspace(rng.uniform(0.93, 0.98), 1.0, w)[None, :, None]
    arr = arr * lamp * np.array([1.0, 0.985, 0.95])[None, None, :]
    arr = _noise(arr, rng, 5.0)
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
    if skew:
        out = out.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(238, 236, 228))
    if turn:
        out = out.rotate(turn, expand=True)
    return out.convert("L") if grey else out


def app_scan(image: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A phone scanning app's 'document' mode: cropped flat, contrast pushed, slight colour cast, grain."""
    arr = np.asarray(image).astype(np.float32)
    arr = (arr - 30) * 1.15
    arr = arr * np.array([1.0, 0.99, 0.96])[None, None, :]
    arr = _noise(arr, rng, 4.0)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.UnsharpMask(1.2, 60, 2))


def fax(image: Image.Image, header: str, fine: bool, rng: np.random.Generator) -> Image.Image:
    """A fax page: 1 bit, 200 dpi across, 100 (standard) or 200 (fine) down, the sender's header line on top."""
    grey = image.convert("L")
    if not fine:
        grey = grey.resize((grey.width, grey.height // 2), Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(grey)
    font = ImageFont.truetype(MONO, 22)
    if not fine:
        strip = Image.new("L", (grey.width, 44), 255)
        ImageDraw.Draw(strip).text((20, 6), header, fill=0, font=font)
        grey.paste(strip.resize((grey.width, 22), Image.Resampling.BILINEAR), (0, 2))
    else:
        draw.text((20, 8), header, fill=0, font=font)
    arr = np.asarray(grey).astype(np.float32)
    arr = _noise(arr, rng, 18.0)
    bits = (arr > 150).astype(np.uint8) * 255
    specks = rng.random(bits.shape) < 0.0006
    bits[specks] = 0
    return Image.fromarray(bits).convert("1")


def desk_photo(image: Image.Image, rnd: random.Random, rng: np.random.Generator, clutter: str) -> Image.Image:
    """A phone photo of the sheet on a desk: perspective, warm light, vignette, a thumb or a clip at an edge."""
    w, h = image.size
    canvas_w, canvas_h = int(w * 1.25), int(h * 1.2)
    yy, xx = np.mgrid[0:canvas_h, 0:canvas_w]
    grain = (np.sin(xx / 37.0 + np.sin(yy / 90.0) * 3) * 12).astype(np.float32)
    desk = np.stack([120 + grain, 84 + grain * 0.8, 52 + grain * 0.5], axis=-1)
    desk = _noise(desk, rng, 6.0)
    scene = Image.fromarray(desk.clip(0, 255).astype(np.uint8))
    ox, oy = int(w * 0.12), int(h * 0.09)
    scene.paste(image, (ox, oy))
    draw = ImageDraw.Draw(scene)
    if clutter == "thumb":
        tx = ox + int(w * rnd.uniform(0.55, 0.8))
        draw.ellipse((tx, oy + h - int(h * 0.03), tx + int(w * 0.1), oy + h + int(h * 0.09)), fill=(214, 170, 140))
    elif clutter == "clip":
        cx = ox + int(w * rnd.uniform(0.15, 0.35))
        for k in range(3):
            draw.rounded_rectangle(
                (cx + 6 * k, oy - 30 + 5 * k, cx + 34 - 6 * k, oy + int(h * 0.045) - 5 * k),
                radius=12,
                outline=(160, 160, 170),
                width=4,
            )
    elif clutter == "mug":
        draw.ellipse((ox + w - 40, oy + h - 60, ox + w + int(w * 0.2), oy + h + int(h * 0.12)), fill=(60, 90, 120))
    # perspective: the far edge narrower
    d = rnd.uniform(0.03, 0.06)
    cw, ch = scene.size
    coeffs = _perspective(
        [(0, 0), (cw, 0), (cw, ch), (0, ch)],
        [(cw * d, ch * 0.01), (cw * (1 - d * 0.6), 0), (cw, ch), (0, ch * 0.995)],
    )
    scene = scene.transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=(90, 60, 40)
    )
    scene = scene.rotate(rnd.uniform(-3.5, 3.5), resample=Image.Resampling.BICUBIC, fillcolor=(90, 60, 40))
    arr = np.asarray(scene).astype(np.float32)
    yy, xx = np.mgrid[0:ch, 0:cw]
    vignette = 1 - 0.25 * (((xx - cw / 2) / cw) ** 2 + ((yy - ch / 2) / ch) ** 2)
    arr = arr * vignette[..., None] * np.array([1.04, 0.98, 0.88])
    arr = _noise(arr, rng, 3.0)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))


def _perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping output points ``src`` to input points ``dst``."""
    rows = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array([c for pair in dst for c in pair], dtype=np.float64)
    return [float(v) for v in np.linalg.solve(a, b)]


def screenshot(page: Image.Image, title: str) -> Image.Image:
    """A screenshot of a PDF viewer showing the page: toolbar, thumbnails strip, grey surround."""
    w, h = page.size
    sw, sh = w + 380, h + 120
    shot = Image.new("RGB", (sw, sh), (82, 86, 89))
    draw = ImageDraw.Draw(shot)
    draw.rectangle((0, 0, sw, 44), fill=(50, 54, 57))
    font = ImageFont.truetype(SANS, 15)
    draw.text((16, 13), title, fill=(230, 230, 230), font=font)
    draw.text((sw - 260, 13), "1 / 1   -   100%   +", fill=(230, 230, 230), font=font)
    draw.rectangle((0, 44, 150, sh), fill=(40, 43, 46))
    thumb = page.resize((90, int(90 * h / w)))
    shot.paste(thumb, (30, 70))
    shot.paste(page, (240, 74))
    return shot


def jpeg(image: Image.Image, quality: int, exif_turn: int = 0) -> bytes:
    """JPEG bytes; ``exif_turn`` 6 or 8 stores the pixels sideways with the EXIF orientation that puts them right."""
    out = io.BytesIO()
    kwargs: dict[str, Any] = {"quality": quality, "optimize": False}
    if exif_turn:
        pixels = image.transpose(Image.Transpose.ROTATE_90 if exif_turn == 6 else Image.Transpose.ROTATE_270)
        exif = Image.Exif()
        exif[0x0112] = exif_turn
        exif[0x010F] = "Pixelcam"
        exif[0x0110] = "PC-14 Pro"
        pixels.save(out, "JPEG", exif=exif.tobytes(), **kwargs)
    else:
        image.save(out, "JPEG", **kwargs)
    return out.getvalue()
