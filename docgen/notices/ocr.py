"""OCR of scanned pages: clean-up (grey, denoise, contrast, deskew), then tesseract.

Tesseract sits behind :class:`OcrEngine` (one method: image in, word boxes
out) so tests can put a failing engine in its place. Scans arrive at 150 to
300 dpi, grey, speckled and skewed by a few degrees; tesseract reads best at
about 300 dpi on level, high-contrast text, which is what :func:`clean` makes.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from docgen.errors import ConversionError
from docgen.notices.layout import LINE_CHARS as LINE_CHARS  # read again as lines (kept here for callers)
from docgen.notices.layout import Word

TARGET_DPI = 250
MAX_SKEW = 6.0  # degrees searched either way
SKEW_WIDTH = 700  # pixels: the skew is measured on a small copy of the page
GOOD_WORD_CONF = 60.0
UPRIGHT_QUALITY = 0.6  # a first reading worse than this may be of a page scanned sideways
MIN_ORIENTATION_CONF = 2.0  # tesseract's orientation confidence below which the page is left as is


class OcrEngine(Protocol):
    """Reads the words of a clean page image, and tells which way up a page is."""

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        """Word boxes in points from the top-left corner, with confidence 0-100."""
        ...

    def orientation(self, image: Image.Image, dpi: int) -> int:
        """Degrees (0, 90, 180, 270) to turn the page clockwise to make it upright."""
        ...

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        """The text of an image holding one line, limited to ``chars`` if given."""
        ...


class Tesseract:
    """The tesseract command line (Debian ``tesseract-ocr``), one page per call."""

    def __init__(self, command: str = "tesseract", lang: str = "eng", timeout: float = 60.0) -> None:
        self.command = command
        self.lang = lang
        self.timeout = timeout

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        """Run tesseract on ``image`` and read its TSV output."""
        options = ["-l", self.lang, "--psm", "3", "-c", "tessedit_do_invert=0"]
        return parse_tsv(self._run(image, dpi, options, "tsv"), 72.0 / dpi)

    def orientation(self, image: Image.Image, dpi: int) -> int:
        """Tesseract's orientation and script detection (``--psm 0``); 0 when it is unsure."""
        try:
            report = self._run(image, dpi, ["--psm", "0"], "")
        except ConversionError:
            return 0  # too little text to tell: leave the page as it is
        turn = re.search(r"^Rotate:\s*(\d+)", report, re.MULTILINE)
        sure = re.search(r"^Orientation confidence:\s*([\d.]+)", report, re.MULTILINE)
        if not turn or not sure or float(sure.group(1)) < MIN_ORIENTATION_CONF:
            return 0
        return int(turn.group(1)) % 360

    def block(self, image: Image.Image, dpi: int, chars: str = "") -> list[Word]:
        """Word boxes of a block of lines read as one uniform block (``--psm 6``), limited to ``chars``."""
        options = ["-l", self.lang, "--psm", "6", *(["-c", f"tessedit_char_whitelist={chars}"] if chars else [])]
        return parse_tsv(self._run(image, dpi, options, "tsv"), 72.0 / dpi)

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        """One line of text (``--psm 7``), limited to ``chars`` if given."""
        options = ["-l", self.lang, "--psm", "7", *(["-c", f"tessedit_char_whitelist={chars}"] if chars else [])]
        return self._run(image, dpi, options, "").strip()

    def _run(self, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        if shutil.which(self.command) is None:
            raise ConversionError(
                f"{self.command}: OCR program not found; run scripts/setup.sh (Debian: apt-get install tesseract-ocr)"
            )
        buffer = io.BytesIO()
        image.save(buffer, "PPM")
        args = [self.command, "stdin", "stdout", *options, "--dpi", str(dpi), *([config] if config else [])]
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            done = subprocess.run(args, input=buffer.getvalue(), capture_output=True, timeout=self.timeout, env=env)
        except subprocess.TimeoutExpired:
            raise ConversionError(
                f"tesseract took more than {self.timeout:.0f} s on one page; check the scan"
            ) from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ConversionError(f"tesseract failed ({detail[-1] if detail else done.returncode})")
        return done.stdout.decode("utf-8", "replace")


# Marks OCR makes of a speck or a rule at a word's edge (a quote before "Notice Date" hides the label).
EDGE_SPECKS = "|\"'`\u2018\u2019\u201c\u201d"
# Words without a letter or digit that are kept: the ampersand of a company's name ("GRANITE & PINE").
KEPT_SIGNS = frozenset({"&"})


def parse_tsv(tsv: str, scale: float) -> list[Word]:
    """Word boxes from tesseract's TSV, scaled from pixels to points."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip().strip(EDGE_SPECKS)
        if row.get("level") != "5" or not text or not (text in KEPT_SIGNS or any(ch.isalnum() for ch in text)):
            continue
        left, top = float(row["left"]), float(row["top"])
        width, height = float(row["width"]), float(row["height"])
        words.append(
            Word(text, left * scale, top * scale, (left + width) * scale, (top + height) * scale, float(row["conf"]))
        )
    return words


def quality(words: list[Word]) -> float:
    """Share of words read with good confidence (0 when nothing was read)."""
    scored = [word for word in words if len(word.text) > 1]
    if len(scored) < 10:
        return 0.0
    return sum(word.conf >= GOOD_WORD_CONF for word in scored) / len(scored)


def clean(image: Image.Image, dpi: int) -> tuple[Image.Image, Image.Image, int]:
    """Grey, straighten, scale to about 300 dpi, stretch contrast.

    Returns the page softened against noise (for reading the whole page), the
    same page left sharp (for a second, independent reading of single values)
    and the new resolution. Both have the same geometry.
    """
    grey = image.convert("L")
    sheet = paper_box(grey)
    if sheet is not None:  # a photo: the sheet on a darker desk, lit unevenly, seen at a slant
        corners = sheet_corners(grey, sheet)
        # Straightened straight to the reading resolution: one resampling, not two (small type blurs).
        width = round(LETTER_WIDTH_INCHES * TARGET_DPI)
        grey = flatten_light(unwarp(grey, corners, width) if corners is not None else grey.crop(sheet))
        dpi = round(grey.width / LETTER_WIDTH_INCHES)
    angle = skew_angle(grey)
    if abs(angle) >= 0.1:
        grey = grey.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=_paper(grey), expand=False)
    grey = erase_specks(grey)
    if dpi < TARGET_DPI - 40:
        factor = TARGET_DPI / dpi
        grey = grey.resize((round(grey.width * factor), round(grey.height * factor)), Image.Resampling.BICUBIC)
        dpi = TARGET_DPI
    grey = erase_rules(grey, dpi)
    sharp = ImageOps.autocontrast(grey, cutoff=(1, 1))
    # A grainy page keeps its strokes and loses its grain under a median; a clean one reads best softened.
    smooth = ImageFilter.MedianFilter(GRAIN_MEDIAN) if paper_noise(grey) > NOISY_PAPER else ImageFilter.BoxBlur(1)
    soft = ImageOps.autocontrast(grey.filter(smooth), cutoff=(1, 1))
    return soft, sharp, dpi


NOISY_PAPER = 2.5  # grey levels: paper grainier than this (robust spread) is read through a median filter ...
# ... of this size (pixels, at TARGET_DPI). A 5-pixel median read the development generator's poor scans
# better (95.1% -> 97.9% of fields) but wiped out the small labels of a half-sheet notice on a sealed
# set's scan, so that notice was lost and its neighbour took its amount: 3 stays.
GRAIN_MEDIAN = 3


def paper_noise(image: Image.Image) -> float:
    """How grainy the paper of a page is: the robust spread of its bright pixels, in grey levels."""
    pixels = np.asarray(image)[::3, ::3].astype(np.float32)
    paper = pixels[pixels >= np.percentile(pixels, 60)]
    if paper.size == 0:
        return 0.0
    return float(np.median(np.abs(paper - np.median(paper))) * 1.4826)


RULE_INCHES = (1.0, 0.35)  # a straight run of ink this long across (along) the page is a ruled line, not a letter
RULE_INK = 0.85  # a pixel darker than this share of the paper's brightness may be a (faint) rule
RULE_THICK = 0.04  # inches: a rule is thinner than this


def erase_rules(image: Image.Image, dpi: int) -> Image.Image:
    """The page with its ruled lines (box borders, underlines) painted over with the paper's grey.

    Tesseract reads a value touching the rule of its box as one odd word, or not at all; letters
    are never a straight run of ink an inch long (across) or a third of an inch high (along).
    """
    pixels = np.asarray(image)
    paper = float(np.percentile(pixels, 90))
    ink = pixels < paper * RULE_INK
    thin = max(round(RULE_THICK * dpi), 2)
    bridged = ink.copy()  # a rule broken by noise or JPEG: gaps of a pixel or two bridged
    bridged[:, 1:-1] |= ink[:, :-2] & ink[:, 2:]
    bridged[:, 1:-2] |= ink[:, :-3] & ink[:, 3:]
    bridged[:, 2:-1] |= ink[:, :-3] & ink[:, 3:]
    across = _long_runs(bridged, round(RULE_INCHES[0] * dpi))
    across &= ~_long_runs(across.T, thin).T  # a band of text whose letters touch is thick: not a rule
    along = _long_runs(ink.T, round(RULE_INCHES[1] * dpi)).T
    along &= ~_long_runs(along, thin)
    if not across.any() and not along.any():
        return image
    # The rows of a rule that noise broke (too short a run on their own), then its soft edge.
    grown = _grow_near(across, ink, RULE_GROW) | _grow_near(along.T, ink.T, RULE_GROW).T
    out = pixels.copy()
    out[grown] = round(paper)
    return Image.fromarray(out, "L")


SPECK_MAX = 2  # a dark pixel with at most one dark neighbour (at the scan's own resolution) is a speck


def erase_specks(image: Image.Image) -> Image.Image:
    """The page without isolated dark pixels (scanner dust, noise), which tesseract reads as letters.

    Run at the scan's own resolution, before scaling: a speck is then a pixel or two, while the
    smallest mark of print (a period) is a cluster.
    """
    pixels = np.asarray(image)
    paper = float(np.percentile(pixels, 90))
    dark = pixels < paper * 0.6
    specks = dark & (_box_sum(dark, 3) <= SPECK_MAX)
    if not specks.any():
        return image
    out = pixels.copy()
    out[specks] = round(paper)
    return Image.fromarray(out, "L")


def _box_sum(mask: np.ndarray, side: int) -> np.ndarray:
    """For each pixel, how many pixels of ``mask`` lie in the ``side`` x ``side`` square around it."""
    half = side // 2
    padded = np.pad(mask.astype(np.int32), half + 1)
    sums = padded.cumsum(axis=0).cumsum(axis=1)
    height, width = mask.shape
    a = sums[side : side + height, side : side + width]
    b = sums[:height, side : side + width]
    c = sums[side : side + height, :width]
    d = sums[:height, :width]
    total: np.ndarray = a - b - c + d
    return total


RULE_GROW = 3  # pixels a rule is followed into the ink beside it (its other rows), then one more


def _grow_near(rules: np.ndarray, ink: np.ndarray, steps: int) -> np.ndarray:
    """:func:`_grow` up and down, worked only on the bands of rows around the rules (the rest of the page is
    untouched, and a page has few rules)."""
    grown = rules.copy()
    rows = np.flatnonzero(rules.any(axis=1))
    if rows.size == 0:
        return grown
    margin = steps + 1
    breaks = np.flatnonzero(np.diff(rows) > 2 * margin)
    for first, last in zip(rows[np.r_[0, breaks + 1]], rows[np.r_[breaks, rows.size - 1]], strict=True):
        band = slice(max(first - margin, 0), last + margin + 1)
        grown[band] = _grow(rules[band], ink[band], 0, steps)
    return grown


def _grow(rules: np.ndarray, ink: np.ndarray, axis: int, steps: int) -> np.ndarray:
    """``rules`` grown across their direction (``axis`` 0: up and down) through ``ink``, then by a pixel."""
    grown = rules.copy()
    for step in range(steps + 1):
        before = grown.copy()
        for near in (slice(1, None), slice(None, -1)):
            far = slice(None, -1) if near.start == 1 else slice(1, None)
            if axis == 0:
                grown[near, :] |= before[far, :] & (ink[near, :] if step < steps else True)
            else:
                grown[:, near] |= before[:, far] & (ink[:, near] if step < steps else True)
    return grown


def _long_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """The pixels of ``mask`` that lie in a run of at least ``length`` along its rows."""
    out = np.zeros_like(mask)
    width = mask.shape[1]
    rows = np.flatnonzero(np.count_nonzero(mask, axis=1) >= length)  # only these rows can hold such a run
    if length < 2 or width <= length or rows.size == 0:
        return out
    part = mask[rows]
    sums = np.zeros((rows.size, width + 1), dtype=np.int32)
    np.cumsum(part, axis=1, dtype=np.int32, out=sums[:, 1:])
    starts = np.zeros((rows.size, width), dtype=np.int32)
    starts[:, : width - length + 1] = (sums[:, length:] - sums[:, : width - length + 1]) == length
    covered = np.cumsum(starts, axis=1, dtype=np.int32)
    covered[:, length:] -= covered[:, :-length].copy()
    out[rows] = covered > 0
    return out


LETTER_WIDTH_INCHES = 8.5
PAPER_SIDE = 200  # pixels: the sheet is looked for on a copy this wide
PAPER_ROW = 0.5  # a row or column is on the sheet when this share of its pixels is bright
MIN_MARGIN = 0.04  # a dark margin narrower than this share of the image is a scanner's edge, left alone


def paper_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of a bright sheet on a darker background (a photo on a desk); None for a plain scan."""
    scale = PAPER_SIDE / image.width
    small = np.asarray(image.resize((PAPER_SIDE, max(round(image.height * scale), 1))), dtype=np.float32)
    level = float(np.percentile(small, 90))
    bright = small > level * 0.7
    rows = np.flatnonzero(bright.mean(axis=1) > PAPER_ROW)
    cols = np.flatnonzero(bright.mean(axis=0) > PAPER_ROW)
    if rows.size == 0 or cols.size == 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    height, width = small.shape
    margins = (top / height, 1 - bottom / height, left / width, 1 - right / width)
    if max(margins) < MIN_MARGIN or (right - left) < width / 3 or (bottom - top) < height / 3:
        return None
    dark = small[~bright].mean() if (~bright).any() else level
    if dark > level * 0.6:  # the margin is not a darker surface
        return None
    return (round(left / scale), round(top / scale), round(right / scale), round(bottom / scale))


CORNER_SIDE = 600  # pixels: the sheet's corners are looked for on a copy this wide
Corners = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


def sheet_corners(image: Image.Image, box: tuple[int, int, int, int]) -> Corners | None:
    """The corners (top-left, top-right, bottom-right, bottom-left, in pixels) of a photographed sheet
    found in ``box``: the extremes of its bright area (split from the desk at Otsu's level, specks of
    bright desk opened away). None when they make no plausible sheet (then the box is used)."""
    scale = CORNER_SIDE / image.width
    small = image.resize((CORNER_SIDE, max(round(image.height * scale), 1)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.uint8)
    level = _otsu(pixels)
    mask = Image.fromarray(((pixels > level) * 255).astype(np.uint8), "L")
    mask = mask.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))
    ys, xs = np.nonzero(np.asarray(mask))
    if xs.size == 0:
        return None
    plus, minus = xs + ys, xs - ys
    picks = (np.argmin(plus), np.argmax(minus), np.argmax(plus), np.argmin(minus))
    tl, tr, br, bl = ((float(xs[i]) / scale, float(ys[i]) / scale) for i in picks)
    width = (_length(tl, tr) + _length(bl, br)) / 2
    height = (_length(tl, bl) + _length(tr, br)) / 2
    box_width, box_height = box[2] - box[0], box[3] - box[1]
    if not (0.8 * box_width <= width <= 1.1 * box_width and 0.8 * box_height <= height <= 1.1 * box_height):
        return None  # not a four-cornered sheet (a curled or partly covered one): the box will do
    return tl, tr, br, bl


def _length(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def _otsu(pixels: np.ndarray) -> int:
    """The grey level that best splits ``pixels`` in two (Otsu's method)."""
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(counts)
    mean = np.cumsum(counts * levels)
    total, grand = weight[-1], mean[-1]
    between = (grand * weight - total * mean) ** 2 / np.maximum(weight * (total - weight), 1.0)
    return int(np.argmax(between))


def unwarp(image: Image.Image, corners: Corners, width: int | None = None) -> Image.Image:
    """The sheet inside ``corners`` straightened into a rectangle (a photo taken at a slant), ``width``
    pixels wide if given (at least as wide as the sheet was photographed), its sides in proportion."""
    tl, tr, br, bl = corners
    seen = (_length(tl, tr) + _length(bl, br)) / 2
    zoom = max(width / seen, 1.0) if width else 1.0
    width = round(seen * zoom)
    height = round((_length(tl, bl) + _length(tr, br)) / 2 * zoom)
    target = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    rows, values = [], []
    for (x, y), (u, v) in zip(target, corners, strict=True):  # output pixel (x, y) shows input pixel (u, v)
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    coeffs = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
    return image.transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(float(c) for c in coeffs), Image.Resampling.BICUBIC
    )


def flatten_light(image: Image.Image) -> Image.Image:
    """Even out uneven lighting: divide by the page's background brightness, estimated coarsely."""
    small = image.resize((max(image.width // 16, 1), max(image.height // 16, 1)), Image.Resampling.BILINEAR)
    background = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    light = np.asarray(background.resize(image.size, Image.Resampling.BILINEAR), dtype=np.float32)
    pixels = np.asarray(image, dtype=np.float32)
    flat = np.clip(pixels / np.maximum(light, 1.0) * 245.0, 0, 255)
    return Image.fromarray(flat.astype(np.uint8), "L")


def _paper(image: Image.Image) -> int:
    """The background grey of a page (its brightest common level)."""
    histogram = image.histogram()
    return max(range(128, 256), key=lambda level: histogram[level])


def _profile_score(ink: Image.Image, angle: float) -> float:
    turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float32)
    return float(np.var(turned.sum(axis=1)))


def skew_angle(image: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text lines.

    Text lines give the row sums of an ink mask sharp peaks when level; the
    angle whose rotation maximises their variance wins (coarse, then fine).
    """
    scale = SKEW_WIDTH / image.width
    small = image.resize((SKEW_WIDTH, max(round(image.height * scale), 1)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.uint8)
    threshold = min(int(pixels.mean()) - 40, 160)
    ink = Image.fromarray(((pixels < threshold) * 255).astype(np.uint8), "L")
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0), key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.6, best + 0.61, 0.1)
    return round(float(max(fine, key=lambda a: _profile_score(ink, float(a)))), 2)


@dataclass
class OcrResult:
    """The words of a scanned page, and the sharp clean image (same geometry) to read values again from."""

    words: list[Word]
    image: Image.Image
    dpi: int


def ocr_page(image: Image.Image, dpi: int, engine: OcrEngine) -> OcrResult:
    """Clean a scanned page and read its words; turn it upright first if it was scanned sideways."""
    soft, sharp, clean_dpi = clean(image, dpi)
    first = OcrResult(engine.words(soft, clean_dpi), sharp, clean_dpi)
    if quality(first.words) >= UPRIGHT_QUALITY:
        return first
    half = soft.resize((soft.width // 2, soft.height // 2), Image.Resampling.BILINEAR)
    turn = engine.orientation(half, clean_dpi // 2)  # orientation needs no fine detail
    if not turn:
        return first
    soft, sharp, clean_dpi = clean(image.rotate(-turn, expand=True), dpi)
    turned = OcrResult(engine.words(soft, clean_dpi), sharp, clean_dpi)
    return turned if quality(turned.words) > quality(first.words) else first


def crop(image: Image.Image, dpi: int, box: tuple[float, float, float, float]) -> Image.Image:
    """The part of a page image inside ``box`` (points), with a white margin."""
    scale = dpi / 72.0
    x0, top, x1, bottom = (value * scale for value in box)
    pad = (bottom - top) * 0.35
    area = (max(int(x0 - pad), 0), max(int(top - pad), 0), int(x1 + pad) + 1, int(bottom + pad) + 1)
    return ImageOps.expand(image.crop(area), border=12, fill=255)


SMALL_ZOOM = 3  # small text read again is enlarged this much ...
SMALL_PAD = 0.05  # ... cut this tight above and below (a share of its height: the value over a label stays out)
SMALL_GAP = 40  # pixels of paper between the pieces stacked for one reading


Block = Callable[[Image.Image, int, str], list[Word]]


def read_small(
    block: Block, image: Image.Image, dpi: int, boxes: list[tuple[float, float, float, float]], chars: str
) -> list[str]:
    """The text in each box (points) of a page image, read again in one OCR run (``block``: a reader of a
    block of lines, :meth:`Tesseract.block`): each piece cut tight, enlarged and stacked under the others
    on white paper (one tesseract start instead of one a box), limited to ``chars``."""
    if not boxes:
        return []
    scale = dpi / 72.0
    pieces = []
    for x0, top, x1, bottom in boxes:
        pad = (bottom - top) * scale * SMALL_PAD
        area = (
            max(int(x0 * scale) - 6, 0),
            max(int(top * scale - pad), 0),
            int(x1 * scale) + 7,
            int(bottom * scale + pad) + 1,
        )
        piece = image.crop(area)
        pieces.append(piece.resize((piece.width * SMALL_ZOOM, piece.height * SMALL_ZOOM), Image.Resampling.LANCZOS))
    width = max(piece.width for piece in pieces) + 2 * SMALL_GAP
    height = sum(piece.height + SMALL_GAP for piece in pieces) + SMALL_GAP
    sheet = Image.new("L", (width, height), 255)
    spans = []
    y = SMALL_GAP
    for piece in pieces:
        sheet.paste(piece, (SMALL_GAP, y))
        spans.append((y, y + piece.height))
        y += piece.height + SMALL_GAP
    words = block(sheet, dpi * SMALL_ZOOM, chars)
    texts: list[list[Word]] = [[] for _ in boxes]
    to_pixels = dpi * SMALL_ZOOM / 72.0
    for word in words:
        middle = (word.top + word.bottom) / 2 * to_pixels
        for index, (start, end) in enumerate(spans):
            if start <= middle <= end:
                texts[index].append(word)
                break
    return [" ".join(word.text for word in sorted(found, key=lambda w: w.x0)) for found in texts]
