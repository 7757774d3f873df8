"""Issue 14, scans (session 6): what OCR does to a notice that the text of the same layout does not.

A title bar printed on a grey fill (the fill read as ink, or erased with its letters as ruled lines), small
marks OCR loses or splits (``Receipt #`` read ``Receipt``, ``Page 1 of 1`` read ``lofl``, a slash set apart
from its words), labels misspelt in title case, and two notices on one scanned sheet. Pages are word boxes
marked as OCR'd, or real images read by tesseract.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.ocr import Tesseract, blank, erase_rules, lift_tints, ocr_page
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import notice_score, read_notice
from docgen.notices.split import split_pages
from docgen.notices.values import read_page

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _bar_page(tint: int, seed: int = 7) -> Image.Image:
    """A strip of a 300-dpi scan: a banner in black on a grey bar ``tint`` (paper about 240), grainy."""
    image = Image.new("L", (2400, 260), 240)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 2360, 140), fill=tint)
    draw.text((70, 62), "I-797C  |  NOTICE OF ACTION", fill=10, font=ImageFont.truetype(FONT, 48))
    draw.text((70, 190), "Receipt Number", fill=10, font=ImageFont.truetype(FONT, 34))
    grain = np.random.default_rng(seed).normal(0, 7, (image.height, image.width))
    return Image.fromarray(np.clip(np.asarray(image, dtype=np.float32) + grain, 0, 255).astype(np.uint8), "L")


# A dark grey bar (tesseract takes it for ink), and a light one whose noise leaves its rows looking like rules.
@pytest.mark.parametrize("tint", [130, 206])
def test_a_banner_on_a_grey_bar_is_lifted_to_paper_and_read(tint: int) -> None:
    page = _bar_page(tint)
    lifted = np.asarray(lift_tints(page, 300))
    bar, letters = lifted[50:60, 1500:2300], np.asarray(page)[62:110, 70:900]
    assert np.median(bar) > 0.85 * 240  # the fill is (nearly) paper now ...
    assert np.percentile(lifted[62:110, 70:900], 2) < np.percentile(letters, 2) + 40  # ... its letters still ink
    words = " ".join(word.text for word in Tesseract().words(erase_rules(lift_tints(page, 300), 300), 300))
    assert "NOTICE OF ACTION" in words
    assert "Receipt Number" in words


def test_a_page_without_a_tint_is_left_as_it_is() -> None:
    image = Image.new("L", (1200, 400), 240)
    draw = ImageDraw.Draw(image)
    draw.text((60, 60), "Biometrics Appointment Notice", fill=0, font=ImageFont.truetype(FONT, 60))  # heavy type
    draw.line((40, 200, 1160, 200), fill=0, width=4)  # a rule
    assert lift_tints(image, 300) is image


Rows = list[tuple[float, list[tuple[float, str]]]]  # (top, [(x, text), ...]) per line


def _page(rows: Rows, conf: float = 93.0) -> Page:
    words = []
    for top, row in rows:
        for x, text in row:
            words.append(Word(text, x, top, x + 5.5 * len(text), top + 9, conf))
    return Page(1, group_lines(words), "ocr", 0.95)


def _half_sheet(top: float, kind: str, receipt: str, dated: str, extra: Rows) -> Rows:
    return [
        (top, [(44, "1-797C"), (98, "NOTICE OF ACTION"), (430, kind)]),
        (top + 27, [(44, "Receipt"), (130, receipt), (320, "Applicant"), (380, "A359 403 158")]),
        (top + 40, [(44, "Form"), (130, "N-400"), (380, "O'CALLAGHAN, NNAMDI C")]),
        (top + 56, [(44, "Notice Date"), (130, dated)]),
        *extra,
    ]


def test_two_notices_on_one_scanned_sheet_each_with_a_bare_receipt_label() -> None:
    """A receipt and its appointment notice printed on one sheet, each headed by a banner, the ``#`` of each
    ``Receipt #`` lost: the bare ``Receipt`` beside a receipt number is a label, not a second title."""
    patterns = default_patterns()
    rows = [
        *_half_sheet(36, "Receipt", "IOE8765260494", "May 23, 2025", [(120, [(44, "Fee"), (130, "$760.00")])]),
        *_half_sheet(
            432,
            "ASC Appointment Notice",
            "IOE8765260494",
            "Jun 30, 2025",
            [
                (535, [(48, "Location:"), (110, "USCIS CINCINNATI ASC"), (371, "Date:"), (405, "July 23, 2025")]),
                (548, [(110, "9120 Sycamore Bend Boulevard"), (370, "Time:"), (406, "12:00pm")]),
                (560, [(110, "Blue Ash OH 45242")]),
            ],
        ),
    ]
    groups, _ = split_pages(patterns, [_page(rows)])
    notices = [read_notice(patterns, group) for group in groups]
    assert [notice.value("notice_type") for notice in notices] == ["receipt", "biometrics"]
    assert [notice.value("receipt_number") for notice in notices] == ["IOE8765260494"] * 2
    assert [notice.value("notice_date") for notice in notices] == ["2025-05-23", "2025-06-30"]
    assert notices[1].value("appointment")["time"] == "12:00"


def test_a_bare_receipt_word_over_no_receipt_number_is_still_a_title() -> None:
    rows = [
        (36, [(44, "1-797C"), (98, "NOTICE OF ACTION"), (527, "Receipt")]),
        (63, [(44, "Receipt Number"), (130, "IOE8765260494")]),
        (77, [(44, "Notice Date"), (130, "May 23, 2025")]),
    ]
    assert read_notice(default_patterns(), [_page(rows)]).value("notice_type") == "receipt"


@pytest.mark.parametrize(
    ("text", "numbering"),
    [("1 of 1", (1, 1)), ("lofl", (1, 1)), ("1ofi", (1, 1)), ("2of3", (2, 3)), ("Iof2", (1, 2)), ("proof of it", None)],
)
def test_small_page_numbering_as_ocr_reads_it(text: str, numbering: tuple[int, int] | None) -> None:
    found = read_page(text)
    assert (found.value if found else None) == numbering


def _casebar(page_box: str, form: str, kind: str, receipt: str = "EAC2630835803") -> Rows:
    return [
        (32, [(240, "THE UNITED STATES OF AMERICA")]),
        (49, [(41, "Notice of Action"), (534, "1-797C")]),
        (81, [(43, "Receipt Number"), (193, "Received Date"), (403, "Notice Date"), (503, "Page")]),
        (90, [(44, receipt), (194, "01/09/2026"), (404, "01/28/2026"), (505, page_box)]),
        (111, [(43, "Form"), (373, "Action")]),
        (121, [(44, form), (375, kind)]),
    ]


def test_a_page_one_of_one_read_as_lofl_ends_its_notice() -> None:
    """An I-129 receipt and its I-907 receipt share the receipt number, kind and date; the first says it has
    one page (``lofl`` on the scan), so the second starts a notice of its own."""
    patterns = default_patterns()
    first = _page(_casebar("lofl", "1-129, Petition for a Nonimmigrant Worker", "Receipt Notice"))
    second = _page(_casebar("", "I-907", "Receipt Notice"))
    groups, _ = split_pages(patterns, [first, second])
    assert len(groups) == 2


@pytest.mark.parametrize(
    ("label", "field", "value"),
    [
        ("Prionty Date", "priority_date", "2025-11-23"),
        ("Oate Received", "received_date", "2025-11-23"),
    ],
)
def test_a_date_label_misspelt_in_title_case(label: str, field: str, value: str) -> None:
    rows = [
        (32, [(240, "THE UNITED STATES OF AMERICA")]),
        (49, [(41, "Notice of Action"), (534, "I-797C")]),
        (81, [(43, "Receipt Number"), (193, label), (403, "Notice Date")]),
        (90, [(44, "LIN2651579664"), (194, "November 23, 2025"), (404, "December 1, 2025")]),
        (111, [(43, "Notice Type"), (193, "Receipt Notice")]),
    ]
    assert read_notice(default_patterns(), [_page(rows)]).value(field) == value


@pytest.mark.parametrize("label", ["Applicant/Requestor", "Applicant /Requestor", "ApplicanURequestor"])
def test_an_applicant_requestor_box_as_ocr_reads_its_label(label: str) -> None:
    rows = [
        (32, [(240, "THE UNITED STATES OF AMERICA")]),
        (49, [(41, "Notice of Action"), (534, "I-797C")]),
        (81, [(43, "Receipt Number"), (403, "Notice Date")]),
        (90, [(44, "MSC2516991499"), (404, "August 5, 2025")]),
        (111, [(43, "Notice Type"), (193, "Receipt Notice")]),
        (141, [(43, label)]),
        (151, [(44, "A300 177 653")]),
        (163, [(44, "RAGHUNATHAN, QUYNH K")]),
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert (notice.value("applicant"), notice.value("a_number")) == ("RAGHUNATHAN, QUYNH K", "300177653")


def test_a_company_name_in_title_case_is_no_misspelt_label() -> None:
    rows = [
        (32, [(240, "THE UNITED STATES OF AMERICA")]),
        (49, [(41, "Notice of Action"), (534, "I-797C")]),
        (81, [(43, "Receipt Number"), (403, "Notice Date")]),
        (90, [(44, "MSC2516991499"), (404, "August 5, 2025")]),
        (111, [(43, "Notice Type"), (193, "Receipt Notice")]),
        (141, [(43, "Petitioner"), (308, "Beneficiary")]),
        (151, [(44, "Petrosyan Holdings"), (309, "OKONKWO, BERIT S")]),
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert (notice.value("petitioner"), notice.value("beneficiary")) == ("Petrosyan Holdings", "OKONKWO, BERIT S")


def test_the_i797_marker_as_ocr_reads_its_i() -> None:
    """``1-797C`` counts as the form's name, as ``I-797C`` does; a street number 1797 does not."""
    patterns = default_patterns()
    head = [(37, [(37, "U.S. Citizenship and Immigration Services")]), (48, [(36, "ASC Appointment Notice")])]
    score = {
        mark: notice_score(patterns, _page([*head, (48.5, [(539, mark)]), (85, [(42, "Case Type"), (193, "I90")])]))
        for mark in ("I-797C", "1-797C", "1797")
    }
    assert score["1-797C"] == score["I-797C"] == score["1797"] + 1


class _NoReading(Tesseract):
    """An engine that must not be asked: a blank page is not worth a tesseract run."""

    def _run(self, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        raise AssertionError("tesseract was run on a blank page")


def test_a_blank_back_of_a_duplex_scan_is_not_read() -> None:
    """Stretched to full contrast, a blank page's grain kept tesseract busy for minutes; it holds nothing."""
    grain = np.random.default_rng(3).normal(239, 2.0, (1650, 1275))
    back = Image.fromarray(np.clip(grain, 0, 255).astype(np.uint8), "L")
    assert blank(back)
    assert ocr_page(back, 150, _NoReading()).words == []
    printed = back.copy()
    ImageDraw.Draw(printed).text((100, 1500), "Page 2 of 2", fill=20, font=ImageFont.truetype(FONT, 20))
    assert not blank(printed)  # a line of print is not blank
