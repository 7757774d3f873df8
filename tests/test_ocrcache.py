"""The run's kept tesseract readings (tests/ocrcache.py): a second reading of the same image with the same
settings gives what tesseract gives, without tesseract; anything that differs, or fails, is read for real."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from docgen.errors import ConversionError
from docgen.notices.ocr import Tesseract

from .ocrcache import Readings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _line(text: str) -> Image.Image:
    image = Image.new("L", (900, 90), 255)
    ImageDraw.Draw(image).text((30, 20), text, fill=0, font=ImageFont.truetype(FONT, 40))
    return image


@pytest.fixture
def readings(_ocr_readings: Readings | None) -> Readings:
    if _ocr_readings is None:
        pytest.skip("kept readings are off in this run (DOCGEN_TEST_OCR_CACHE=0)")
    return _ocr_readings


def test_a_second_reading_of_the_same_image_is_tesseracts_own_text(readings: Readings) -> None:
    image = _line("IOE0917364528 kept")
    before = (readings.readings, readings.hits)
    first = Tesseract().line(image, 300)
    again = Tesseract().line(image.copy(), 300)  # the same pixels in another image object
    assert (readings.readings - before[0], readings.hits - before[1]) == (2, 1)
    assert again == first and "0917364528" in first
    readings.paused = True  # tesseract itself, for comparison
    try:
        assert Tesseract().line(image, 300) == first
    finally:
        readings.paused = False


def test_other_pixels_or_settings_are_read_again(readings: Readings) -> None:
    image = _line("WAC2690154321 other")
    Tesseract().line(image, 300)
    hits = readings.hits
    Tesseract().line(image, 300, chars="0123456789ACW")  # other options
    Tesseract().line(image, 200)  # another resolution
    Tesseract(timeout=30.0).line(image, 300)  # another time limit: its own reading, which may fail
    Tesseract().line(_line("WAC2690154322 other"), 300)  # one digit
    assert readings.hits == hits


@pytest.mark.ocr_afresh
def test_a_test_marked_ocr_afresh_reads_every_image(readings: Readings) -> None:
    image = _line("EAC2690104321 afresh")
    before = readings.readings
    assert Tesseract().line(image, 300) == Tesseract().line(image, 300)
    assert readings.paused and readings.readings == before


def test_a_failed_reading_is_not_kept(readings: Readings) -> None:
    image, engine = _line("LIN2690111111 failed"), Tesseract(command="no-such-tesseract")
    options = ["-l", "eng", "--psm", "7"]
    for _ in range(2):
        with pytest.raises(ConversionError, match="apt-get install tesseract-ocr"):
            engine.line(image.convert("RGB"), 300)  # RGB: the program, which is not there
    assert not (readings.folder / readings.key(engine, image.convert("RGB"), 300, options, "")).exists()
