"""Issue 14, session 13: what OCR makes of plain scans, drawn here in layouts of our own.

A box's rule read as a bracket run into a label (``[Receipt``) hid every label of the page; a few lines of crisp
print on flat grey paper, kept as a JPEG, ran together into blots when the page's contrast was stretched; an
A-Number of eight digits whose A OCR read as a 4 (``A30039078`` as ``430039078``) was filed as nine digits.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from docgen.notices.fields import Hit, _mark_for_letter
from docgen.notices.layout import Page
from docgen.notices.ocr import parse_tsv
from docgen.notices.reader import _a_read_as_four
from docgen.notices.values import is_bare_form, read_form

from .notice_cells import draw_cells, one_notice
from .test_notices_run_in_s13 import TRANSFER, _raster
from .test_notices_scan_s8 import _tsv


def test_a_box_rule_read_as_a_bracket_hides_no_label() -> None:
    """A boxed notice photocopied: tesseract reads the box's left rule as a bracket run into the label
    (``[Receipt``), which hid every label of the page and made the notice no notice."""
    rows = [("[Receipt", 0, 91.0), ("Number:", 120, 93.0), ("LIN2690012345]", 300, 90.0), ("{Notice", 600, 88.0)]
    words = parse_tsv(_tsv(rows), 72.0 / 300)
    assert [word.text for word in words] == ["Receipt", "Number:", "LIN2690012345", "Notice"]


def test_a_few_lines_on_a_flat_grey_photocopy_are_read(tmp_path: Path) -> None:
    """A photocopy of a short notice: a few lines of crisp black type on flat grey paper, under a percent of the
    page inked, kept as a JPEG (its noise rings round the letters). Stretching its contrast by the usual percent
    made that noise black, ran the letters together into blots, and the page read as unreadable."""
    page = np.asarray(Image.open(_raster(draw_cells(tmp_path / "short.pdf", [TRANSFER], "Times-Roman", 10), 150)))
    copy = np.where(page < 128, 10, 236).astype(np.uint8)  # toner black, paper a flat grey
    Image.fromarray(copy).save(tmp_path / "copy.jpg", quality=60)
    notice = one_notice(tmp_path / "copy.jpg")
    assert notice.value("receipt_number") == "EAC2690054321"
    assert notice.value("notice_type") == "transfer"



def _ocr_page() -> list[Page]:
    return [Page(1, [], "ocr", 0.95)]


def test_an_a_number_whose_a_ocr_read_as_a_four_is_not_filed() -> None:
    hits = {"a_number": Hit("430039078", 0.99, "430039078", ocr_conf=91.0)}
    _a_read_as_four(hits, _ocr_page())
    hit = hits["a_number"]
    assert hit.value is None and hit.candidate is not None and hit.candidate.value == "430039078"
    assert "030039078" in hit.candidate.why  # the other reading is shown too


def test_other_a_numbers_stand() -> None:
    for value, source in [("212345678", "212345678"), ("430039078", "A430039078"), ("043003907", "A43003907")]:
        hits = {"a_number": Hit(value, 0.99, source, ocr_conf=91.0)}
        _a_read_as_four(hits, _ocr_page())
        assert hits["a_number"].value == value
    text = {"a_number": Hit("430039078", 0.99, "430039078")}  # a text layer's digits are what was printed
    _a_read_as_four(text, [Page(1, [], "text")])
    assert text["a_number"].value == "430039078"


def test_a_case_type_box_reads_a_form_number_as_forms_are_written() -> None:
    """A form number OCR read weakly is read again from its box: the two readings are compared as form numbers
    (``1-485`` on the page and ``I-485`` in the box are one number), a form's title as printed."""
    pairs = [("1-485", "I-485"), ("l-485", "I-485"), ("|-765", "I-765"), ("I 129F", "I-129F"), ("N-400.", "N-400")]
    for text, value in pairs:
        read = read_form(text)
        assert read is not None and read.value == value and is_bare_form(read.value)
    title = read_form("I-539,  Application to Extend/Change Nonimmigrant Status")
    assert title is not None and title.value == "I-539, Application to Extend/Change Nonimmigrant Status"
    assert not is_bare_form(title.value) and read_form("  ") is None


def test_a_mark_the_box_reads_as_a_thin_letter_is_that_letter_for_review() -> None:
    """``De!`` on the page, ``Del`` in the name's box read alone: the box's reading, shown to a person."""
    assert _mark_for_letter("Lucinda De! Valle-Ruiz", "Lucinda Del Valle-Ruiz")
    assert not _mark_for_letter("MARTA WI|SON", "MARTA WILSON")  # a capital L is no thin letter
    assert _mark_for_letter("MARTA WI|SON", "MARTA WIISON")
    assert not _mark_for_letter("Lucinda Del Valle", "Lucinda Dei Valle")  # a letter for a letter: a disagreement
    assert not _mark_for_letter("Lucinda De! Valle", "Lucinda De Valle")  # another length: a disagreement
