"""Text PDFs made by other programs than ours: a browser (Skia/PDF) and LibreOffice.

The samples (``samples/notices/layouts/*-chromium*.pdf``, ``*-libreoffice.pdf``,
made by ``samples/notices/producers.py``) are checked against their golden JSON
by ``test_notices_layouts.py``. Here: their text layers read as printed (every
glyph once, words spaced as printed, checked against poppler's ``pdftotext``),
and the cases behind them drawn with reportlab, so they run without a browser.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.layout import Page, group_lines
from docgen.notices.pdftext import pdfium_words

from .conftest import SAMPLES

LAYOUTS = SAMPLES / "notices" / "layouts"
BANNER = "THE UNITED STATES OF AMERICA"  # letter-spaced on every sample but the letter
MADE_ELSEWHERE = sorted([*LAYOUTS.glob("*-chromium*.pdf"), *LAYOUTS.glob("*-libreoffice.pdf")])


def _producers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notice_producers", SAMPLES / "notices" / "producers.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["notice_producers"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _pages(path: Path) -> list[Page]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            pages.append(Page(index + 1, group_lines(pdfium_words(page)), "text"))
            page.close()
        return pages
    finally:
        pdf.close()


def test_the_samples_were_made_by_a_browser_and_by_libreoffice() -> None:
    producers = set()
    for path in MADE_ELSEWHERE:
        with pdfium.PdfDocument(str(path)) as pdf:
            producers.add(pdf.get_metadata_dict()["Producer"].split("/")[0].split(" ")[0])
    assert producers == {"Skia", "LibreOffice"}


@pytest.mark.parametrize("path", MADE_ELSEWHERE, ids=lambda p: p.name)
def test_every_printed_glyph_is_read_once(path: Path) -> None:
    """The same letters as poppler's pdftotext finds, as many times each (no letter twice at a kerning pair,
    none lost): spaces aside, which the two place differently."""
    theirs = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    ours = "".join(page.text for page in _pages(path))
    assert Counter("".join(ours.split())) == Counter("".join(theirs.split()))


@pytest.mark.parametrize("path", MADE_ELSEWHERE, ids=lambda p: p.name)
def test_values_read_as_printed(path: Path) -> None:
    """Each value, label and the addressee as the producer printed them, words spaced as printed, in one
    segment of the page (not spaced out letter by letter, no letter doubled)."""
    producers = _producers()
    drawn = {**producers.notices(), **{notice.name: notice for notice, _ in producers.office_notices()}}
    notices = producers.batch_receipts() if path.stem.startswith("batch") else [drawn[path.stem]]
    for notice, page in zip(notices, _pages(path), strict=True):
        segments = {segment.text for _, _, segment in page.index}
        printed = [value for value in notice.printed.values() if value] + notice.address
        for text in printed:
            assert _in_segments(text, segments), (text, sorted(segments))
        letter = path.stem.startswith("noid")  # letter-spaced letterhead and title
        heads = ["U.S. DEPARTMENT OF HOMELAND SECURITY", notice.kind_line.upper()] if letter else [BANNER]
        assert all(head in segments for head in heads), sorted(segments)


def _in_segments(text: str, segments: set[str]) -> bool:
    """Whether ``text`` is in one segment, or wraps over several: each a whole line of it."""
    if any(text in segment for segment in segments):
        return True
    return any(
        text.startswith(segment + " ") and _in_segments(text[len(segment) + 1 :], segments) for segment in segments
    )


def test_a_batch_of_browser_made_receipts_gives_each_notice() -> None:
    result = parse_notice_file(LAYOUTS / "batch-receipts-chromium.pdf")
    assert [notice.pages for notice in result.notices] == [[1], [2], [3]]
    assert [notice.readings["receipt_number"].value for notice in result.notices] == [
        "IOE0926112233",
        "IOE0926112234",
        "SRC2690554470",
    ]


# ------------------------------------------------------------------ the same cases drawn with reportlab


def _glyph_by_glyph(pdf: canvas.Canvas, x: float, y: float, text: str, size: float, spacing: float) -> None:
    """Draw ``text`` the way a browser prints it: each glyph placed on its own, no space glyphs, ``spacing``
    points added after every letter (CSS letter-spacing)."""
    for char in text:
        if char != " ":
            pdf.setFont("Helvetica-Bold", size)
            pdf.drawString(x, y, char)
        x += stringWidth(char, "Helvetica-Bold", size) + spacing


def test_letter_spaced_glyphs_placed_one_by_one_read_as_words(tmp_path: Path) -> None:
    path = tmp_path / "spaced.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    _glyph_by_glyph(pdf, 150, 750, "THE UNITED STATES OF AMERICA", 11, 3.3)
    _glyph_by_glyph(pdf, 40, 700, "RECEIPT NUMBER", 7, 0.6)
    _glyph_by_glyph(pdf, 40, 688, "WAC2690071234", 11, 0.0)
    _glyph_by_glyph(pdf, 40, 660, "I129 - PETITION FOR A NONIMMIGRANT WORKER", 10, 0.0)
    pdf.save()
    texts = [word.text for word in pdfium_words(pdfium.PdfDocument(str(path))[0])]
    assert texts == [
        "THE UNITED STATES OF AMERICA",
        "RECEIPT NUMBER",
        "WAC2690071234",
        "I129 - PETITION FOR A NONIMMIGRANT WORKER",
    ]


def test_character_spacing_of_one_string_reads_as_words(tmp_path: Path) -> None:
    """Character spacing set on a string (PDF ``Tc``, Word's expanded spacing): the letters stay one word."""
    path = tmp_path / "tc.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    text = pdf.beginText(60, 700)
    text.setFont("Times-Bold", 13)
    text.setCharSpace(3.0)
    text.textLine("NOTICE OF INTENT TO DENY")
    pdf.drawText(text)
    pdf.save()
    assert [word.text for word in pdfium_words(pdfium.PdfDocument(str(path))[0])] == ["NOTICE OF INTENT TO DENY"]


def test_a_glyph_or_string_printed_twice_to_look_bold_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "bold.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    pdf.setFont("Helvetica", 11)
    x = 40.0
    for char in "ORRERY":  # each glyph twice, a quarter point apart
        pdf.drawString(x, 700, char)
        pdf.drawString(x + 0.25, 700, char)
        x += stringWidth(char, "Helvetica", 11)
    pdf.drawString(40, 680, "ROBOTICS INC.")
    pdf.drawString(40.3, 680, "ROBOTICS INC.")
    pdf.save()
    assert [word.text for word in pdfium_words(pdfium.PdfDocument(str(path))[0])] == ["ORRERY", "ROBOTICS INC."]


LIGATURE_WORDS = "Notice Date Petitioner Certification office affidavit efficient Notification"


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="no chromium (scripts/setup.sh installs it)")
@pytest.mark.parametrize("font", ["Carlito", "Caladea", "DejaVu Sans"])
def test_ligatures_read_as_their_letters_in_one_word(tmp_path: Path, font: str) -> None:
    """Calibri-like fonts print "ti", "fi", "ff" as one glyph; pdfium gives each letter that glyph's box. The
    letters stay in their word (they were cut into 'Not' and 'ice' and the notice was lost)."""
    out = tmp_path / "ligatures.pdf"
    page = f"<p style=\"font-family: '{font}'; font-size: 11pt\">{LIGATURE_WORDS}</p>"
    _producers().chromium_pdf([page], out, "ligatures")
    with pdfium.PdfDocument(str(out)) as pdf:
        read = " ".join(word.text for word in pdfium_words(pdf[0]))
    assert read.split() == LIGATURE_WORDS.split()
