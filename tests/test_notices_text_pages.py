"""The notice reader's own page loading (pdfium's plain calls, :class:`~docgen.notices.pdftext.TextPage`) reads
what pypdfium2's page and text objects read: the same runs and characters, on files of every producer."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from docgen.notices.pdftext import TextPage, layout_words, page_chars, pdfium_words

from .conftest import SAMPLES

LAYOUTS = SAMPLES / "notices" / "layouts"
# One file a producer: reportlab (ours), a browser, LibreOffice, an older Courier grid.
FILES = [
    LAYOUTS / name
    for name in (
        "receipt-i129-modern-wrapped.pdf",
        "receipt-i129-chromium.pdf",
        "noid-i129-libreoffice.pdf",
        "approval-i129-courier.pdf",
    )
]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_a_page_loaded_with_plain_calls_reads_as_pypdfium2s_page(path: Path) -> None:
    with pdfium.PdfDocument(str(path)) as pdf:
        for index in range(len(pdf)):
            page = pdf[index]
            ours = TextPage(pdf, index)
            try:
                assert ours.height == page.get_height()
                assert pdfium_words(ours) == pdfium_words(page)
                assert page_chars(ours) == page_chars(page)
                assert layout_words(pdf, [index + 1], {index + 1: ours}) == layout_words(pdf, [index + 1])
            finally:
                ours.close()
                page.close()


def test_a_text_page_closes_once(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    drawing = canvas.Canvas(str(path))
    drawing.drawString(72, 720, "RECEIPT NUMBER  IOE0912345678  NOTICE DATE  March 2, 2026")
    drawing.save()
    with pdfium.PdfDocument(str(path)) as pdf:
        page = TextPage(pdf, 0)
        assert pdfium_words(page)[0].text.startswith("RECEIPT NUMBER")
        page.close()
        page.close()  # a second close does nothing (the reader closes kept pages in a finally)
        assert page.raw is None
