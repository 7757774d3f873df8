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
import shutil
import subprocess
from typing import Protocol

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from docgen.errors import ConversionError
from docgen.notices.layout import Word

TARGET_DPI = 250
MAX_SKEW = 6.0  # degrees searched either way
GOOD_WORD_CONF = 60.0


class OcrEngine(Protocol):
    """Reads the words of a clean page image."""

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        """Word boxes in points from the top-left corner, with confidence 0-100."""
        ...


class Tesseract:
    """The tesseract command line (Debian ``tesseract-ocr``), one page per call."""

    def __init__(self, command: str = "tesseract", lang: str = "eng", timeout: float = 60.0) -> None:
        self.command = command
        self.lang = lang
        self.timeout = timeout

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        """Run tesseract on ``image`` and read its TSV output."""
        if shutil.which(self.command) is None:
            raise ConversionError(
                f"{self.command}: OCR program not found; run scripts/setup.sh (Debian: apt-get install tesseract-ocr)"
            )
        buffer = io.BytesIO()
        image.save(buffer, "PPM")
        args = [
            self.command,
            "stdin",
            "stdout",
            "-l",
            self.lang,
            "--psm",
            "3",
            "--dpi",
            str(dpi),
            "-c",
            "tessedit_do_invert=0",
            "tsv",
        ]
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
        return parse_tsv(done.stdout.decode("utf-8", "replace"), 72.0 / dpi)


def parse_tsv(tsv: str, scale: float) -> list[Word]:
    """Word boxes from tesseract's TSV, scaled from pixels to points."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip().strip("|")
        if row.get("level") != "5" or not text or not any(ch.isalnum() for ch in text):
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


def clean(image: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    """Grey, straighten, scale to about 300 dpi, soften noise, stretch contrast."""
    grey = image.convert("L")
    angle = skew_angle(grey)
    if abs(angle) >= 0.1:
        grey = grey.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=_paper(grey), expand=False)
    if dpi < TARGET_DPI - 40:
        factor = TARGET_DPI / dpi
        grey = grey.resize((round(grey.width * factor), round(grey.height * factor)), Image.Resampling.BICUBIC)
        dpi = TARGET_DPI
    grey = grey.filter(ImageFilter.BoxBlur(1))  # softens noise and speckles; cheap
    return ImageOps.autocontrast(grey, cutoff=(1, 1)), dpi


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
    scale = 900 / image.width
    small = image.resize((900, max(round(image.height * scale), 1)), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.uint8)
    threshold = min(int(pixels.mean()) - 40, 160)
    ink = Image.fromarray(((pixels < threshold) * 255).astype(np.uint8), "L")
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=lambda a: _profile_score(ink, float(a)))
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    return round(float(max(fine, key=lambda a: _profile_score(ink, float(a)))), 2)


def ocr_page(image: Image.Image, dpi: int, engine: OcrEngine) -> list[Word]:
    """Clean a scanned page and read its words."""
    clean_image, clean_dpi = clean(image, dpi)
    return engine.words(clean_image, clean_dpi)
