"""Issue 14, scan speed: the faster ways of reading a scan give exactly what the slower ones gave.

Tesseract loaded once into the process: each image is read both ways, by the library in this process and
by the ``tesseract`` program, and the two outputs must be the same text, whatever was read before with
other settings. The page clean-up's median filter, speck count and paper level: the same pixels and
numbers as PIL's filter and numpy's percentile, on random images and a page of print.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from docgen.errors import ConversionError
from docgen.notices import ocr
from docgen.notices.ocr import Tesseract, in_process

library = pytest.mark.skipif(ocr._load() is None, reason="libtesseract not loadable here")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _sheet() -> Image.Image:
    sheet = Image.new("L", (1400, 420), 255)
    draw = ImageDraw.Draw(sheet)
    draw.text((60, 40), "RECEIPT NUMBER", fill=0, font=ImageFont.truetype(FONT, 26))
    draw.text((60, 90), "IOE0912345678", fill=0, font=ImageFont.truetype(FONT, 40))
    draw.text((700, 40), "NOTICE DATE", fill=0, font=ImageFont.truetype(FONT, 26))
    draw.text((700, 90), "March 9, 2026", fill=0, font=ImageFont.truetype(FONT, 40))
    draw.text((60, 220), "Applicant: DOE, JANE A  A# 012-345-678", fill=0, font=ImageFont.truetype(FONT, 30))
    draw.text((60, 300), "Amount received: $1,710.00 U.S.", fill=0, font=ImageFont.truetype(FONT, 30))
    return sheet


# (options, config) as the engine's words, block and line readings ask for them, in an order that
# switches settings on and off between readings.
READINGS = [
    (["-l", "eng", "--psm", "3", "-c", "tessedit_do_invert=0"], "tsv"),
    (["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"], ""),
    (["-l", "eng", "--psm", "6"], "tsv"),
    (["-l", "eng", "--psm", "6", "-c", "tessedit_char_whitelist=ABCDEFGHIJKLMNOPQRSTUVWXYZ#"], "tsv"),
    (["-l", "eng", "--psm", "7"], ""),
    (["-l", "eng", "--psm", "3", "-c", "tessedit_do_invert=0"], "tsv"),
]


@library
def test_the_library_in_process_reads_what_the_program_reads() -> None:
    sheet = _sheet()
    line = sheet.crop((40, 80, 700, 150))
    program = Tesseract()
    for options, config in READINGS:
        for image in (sheet, line):
            loaded = in_process(image, 300, options, config, 60.0)
            assert loaded is not None
            assert loaded == program._spawn(image, 300, options, config), (options, config)
    assert "0912345678" in in_process(line, 300, READINGS[1][0], "", 60.0)  # type: ignore[operator]


@library
def test_orientation_and_other_images_go_to_the_program() -> None:
    sheet = _sheet()
    assert in_process(sheet, 300, ["--psm", "0"], "", 60.0) is None  # needs the osd model
    assert in_process(sheet.convert("RGB"), 300, ["--psm", "3"], "tsv", 60.0) is None
    assert in_process(sheet, 300, ["--psm", "3", "--oem", "0"], "tsv", 60.0) is None


@library
def test_a_missing_language_is_a_conversion_error_saying_what_to_install() -> None:
    with pytest.raises(ConversionError, match="apt-get install tesseract-ocr-xqz"):
        in_process(_sheet(), 300, ["-l", "xqz", "--psm", "3"], "tsv", 60.0)
    assert in_process(_sheet(), 300, READINGS[4][0], "", 60.0)  # the English one still reads


@library
@pytest.mark.parametrize(("switch", "printed"), [("0", ["False", "True"]), ("1", ["True", "False"])])
def test_the_library_can_be_switched_off_and_leaves_no_noise_at_exit(switch: str, printed: list[str]) -> None:
    script = (
        "from docgen.notices import ocr; from PIL import Image; blank = Image.new('L', (50, 50), 255);"
        "print(ocr._load() is not None, ocr.in_process(blank, 300, ['--psm', '7'], '', 5.0) is None)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DOCGEN_TESSERACT_LIBRARY": switch},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == printed
    assert done.stderr == ""  # no leak report from the library as the process ends


@library
def test_each_thread_has_its_own_tesseract_freed_when_the_thread_ends() -> None:
    seen: list[weakref.ref[object]] = []
    texts: list[str | None] = []

    def read() -> None:
        texts.append(in_process(_sheet(), 300, READINGS[4][0], "", 60.0))
        assert ocr._api.loaded is not None
        seen.append(weakref.ref(ocr._api.loaded))

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    gc.collect()
    assert len(texts) == 2 and texts[0] == texts[1] and texts[0]
    assert [ref() for ref in seen] == [None, None]  # freed with their threads


def _images() -> list[Image.Image]:
    rng = np.random.default_rng(14)
    noisy = _sheet()
    pixels = np.asarray(noisy).astype(np.int16) + rng.integers(-30, 31, (noisy.height, noisy.width))
    return [
        Image.fromarray(rng.integers(0, 256, (37, 53), dtype=np.uint8), "L"),
        Image.fromarray(((rng.random((64, 81)) > 0.5) * 255).astype(np.uint8), "L"),
        Image.fromarray(rng.integers(100, 110, (5, 4), dtype=np.uint8), "L"),
        Image.new("L", (1, 7), 200),
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L"),
    ]


def test_the_median_filter_is_pils_pixel_for_pixel() -> None:
    for image in _images():
        assert np.array_equal(np.asarray(ocr.median3(image)), np.asarray(image.filter(ImageFilter.MedianFilter(3))))


def test_the_box_sums_count_the_square_around_each_pixel() -> None:
    for image in _images():
        mask = np.asarray(image) < 128
        for side in (3, 5, 17):
            half = side // 2
            padded = np.pad(mask.astype(np.int32), half)
            naive = np.zeros(mask.shape, dtype=np.int32)
            for dy in range(side):
                for dx in range(side):
                    naive += padded[dy : dy + mask.shape[0], dx : dx + mask.shape[1]]
            assert np.array_equal(ocr._box_sum(mask, side), naive)


def test_the_paper_level_is_numpys_percentile() -> None:
    for image in _images():
        pixels = np.asarray(image)
        for share in (0.0, 10.0, 50.0, 60.0, 90.0, 99.5, 100.0):
            assert ocr._level(pixels, share) == float(np.percentile(pixels, share))
