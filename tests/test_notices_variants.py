"""Notices from the second, independent generator, and the robustness parts behind them.

``samples/notices/variants.py`` draws notices its own way (five layout families
in TrueType fonts, many writings of dates, amounts and A-Numbers); a few of its
text notices are made here at run time and must read exactly. Then the parts:
scan clean-up (ruled lines, specks), labels OCR misspelt, absent fields on scans,
names right of their label, blocks printed the other way from the page.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.fields import distance
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, REVIEW_BELOW, TRUSTED_EVIDENCE, field_confidence
from docgen.notices.ocr import erase_rules, erase_specks, parse_tsv
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice
from docgen.notices.values import read_anumber, read_date, read_money, read_receipt, read_time

from .conftest import SAMPLES


def _variants() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notice_variants", SAMPLES / "notices" / "variants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["notice_variants"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("variants")
    _variants().write_variants(out, count=25, scans=0, seed=2026)  # five of each family, one a batch
    return out / "variants-text"


def test_second_generator_notices_read_exactly(variants: Path) -> None:
    files = sorted(variants.glob("*.pdf"))
    assert len(files) >= 20
    for path in files:
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        result = parse_notice_file(path)
        got = result.to_dict()
        assert len(got["notices"]) == len(want["notices"]), path.name
        if not want["notices"]:
            assert got["reason"] == want["reason"], path.name  # a status printout, a fax cover: no notice
        for notice, read, truth in zip(got["notices"], result.notices, want["notices"], strict=True):
            assert {key: notice[key] for key in truth} == truth, path.name
            for name in FIELDS:
                if truth[name] is not None:  # sure, but for evidence that goes to review (a sentence's date)
                    trusted = read.readings[name].evidence in TRUSTED_EVIDENCE
                    assert (notice["confidence"][name] >= REVIEW_BELOW) == trusted, (path.name, name)


@pytest.fixture(scope="module")
def third_round(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("third-round")
    module = _variants()
    module.write_variants(out, count=12, scans=0, seed=2027, families=module.NEW_FAMILIES)
    return out / "variants-text"


def test_table_and_two_column_notices_read_exactly(third_round: Path) -> None:
    """Values in grid cells; key fields in small type left of a letter, the appointment and response date
    only in sentences, the ASC's address under its name, an I-94 number beside its label. A line of the letter
    level with a name or date label (a sentence, or a line far right in a column of sentences) is not its value."""
    files = sorted(third_round.glob("v*.pdf"))
    assert len(files) >= 10
    for path in files:
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        got = parse_notice_file(path).to_dict()
        assert len(got["notices"]) == len(want["notices"]), path.name
        for notice, truth in zip(got["notices"], want["notices"], strict=True):
            assert {key: notice[key] for key in truth} == truth, path.name


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("You must submit the requested evidence no later than 11-15-2025.", "2025-11-15"),
        ("We must receive your response on or before February 7, 2026, or we may deny the case.", "2026-02-07"),
        ("Please respond by 03/25/2026. A response received after that date may not be considered.", "2026-03-25"),
    ],
)
def test_a_response_date_given_only_in_a_sentence_is_read(sentence: str, due: str) -> None:
    lines = [
        "I-797E, Notice of Action",
        "Notice Type: Request for Evidence",
        "Notice Date: 01/05/2025",
        "Receipt Number: WAC2590012345",
        sentence,
    ]
    page = Page(
        1,
        group_lines([Word(text, 40, 40 + 14 * i, 40 + 6 * len(text), 50 + 14 * i) for i, text in enumerate(lines)]),
        "text",
    )
    assert read_notice(default_patterns(), [page]).to_dict()["response_due"] == due


def test_ocr_keeps_an_ampersand_and_drops_a_speck_quote() -> None:
    tsv = "level\tleft\ttop\twidth\theight\tconf\ttext\n" + "".join(
        f"5\t{x}\t10\t30\t12\t90\t{text}\n" for x, text in ((0, "GRANITE"), (40, "&"), (60, "PINE"), (200, '"Notice'))
    )
    assert [word.text for word in parse_tsv(tsv, 1.0)] == ["GRANITE", "&", "PINE", "Notice"]


@pytest.mark.parametrize(
    ("text", "want"), [("14:15", "14:15"), ("2:15 p.m.", "14:15"), ("9:30am", "09:30"), ("24:10", None)]
)
def test_appointment_times_in_several_writings(text: str, want: str | None) -> None:
    value = read_time(text)
    assert (value.value if value else None) == want


# ------------------------------------------------------------------ scan clean-up


def _sheet() -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A 250 dpi strip: a word, the rule of its box under it, a box side, and specks of dust."""
    image = Image.new("L", (1200, 300), 235)
    draw = ImageDraw.Draw(image)
    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font = ImageFont.truetype(str(font_path), 40) if font_path.exists() else ImageFont.load_default()
    draw.text((60, 60), "WAC2690012345", fill=20, font=font)
    text_box = (55, 55, 420, 115)
    draw.line((40, 130, 1150, 130), fill=30, width=3)  # the box's rule, under the value
    draw.line((30, 20, 30, 280), fill=30, width=3)  # the box's side
    for x, y in ((600, 60), (700, 200), (900, 90)):
        image.putpixel((x, y), 25)
    return image, text_box


def test_ruled_lines_are_erased_and_letters_kept() -> None:
    image, box = _sheet()
    clean = np.asarray(erase_rules(image, 250))
    assert clean[129:132, 450:1100].min() > 200  # the rule is gone
    assert clean[40:270, 29:32].min() > 200  # and the box's side
    before = (np.asarray(image)[box[1] : box[3], box[0] : box[2]] < 128).sum()
    after = (clean[box[1] : box[3], box[0] : box[2]] < 128).sum()
    assert after > 0.97 * before  # the letters stay


def test_specks_are_erased_and_periods_kept() -> None:
    image, _ = _sheet()
    ImageDraw.Draw(image).ellipse((1000, 200, 1004, 204), fill=20)  # a period: a cluster, not a speck
    clean = np.asarray(erase_specks(image))
    assert all(clean[y, x] > 200 for x, y in ((600, 60), (700, 200), (900, 90)))
    assert clean[202, 1002] < 100


# ------------------------------------------------------------------ labels, values and absences on scans


def _page(rows: list[list[tuple[float, str]]], method: str = "text", conf: float = 96.0) -> Page:
    words = []
    for index, row in enumerate(rows):
        y = 40 + 14 * index
        words += [Word(text, x, y, x + 6 * len(text), y + 10, conf) for x, text in row]
    quality = 1.0 if method == "text" else 0.95
    return Page(1, group_lines(words), method, quality)


HEADER = [[(200, "THE UNITED STATES OF AMERICA")], [(40, "I-797C, Notice of Action")]]


def test_labels_ocr_misspelt_are_recognised_on_scans_only() -> None:
    rows = [
        *HEADER,
        [(40, "KECEIPT NUMBER"), (300, "CASE TYPE")],
        [(40, "WAC2690012345"), (300, "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION")],
        [(40, "RECEIVED DATE"), (200, "NOTIGE DATE")],
        [(40, "06/01/2026"), (200, "06/05/2026")],
        [(40, "Notice Type: Receipt Notice")],
    ]
    scanned = read_notice(default_patterns(), [_page(rows, "ocr")])
    assert (scanned.value("receipt_number"), scanned.value("notice_date")) == ("WAC2690012345", "2026-06-05")
    typed = read_notice(default_patterns(), [_page(rows)])
    assert typed.value("notice_date") is None  # a text layer is not misspelt by OCR: no guess
    assert distance("NOTIGEDATE", "NOTICEDATE") == 1


def _receipt_rows(applicant: list[str]) -> list[list[tuple[float, str]]]:
    return [
        *HEADER,
        [(40, "Receipt Number"), (300, "Case Type")],
        [(40, "MSC2691234999"), (300, "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE")],
        [(40, "Received Date"), (200, "Notice Date")],
        [(40, "03/02/2026"), (200, "03/09/2026")],
        [(40, "Applicant")],
        *[[(40, line)] for line in applicant],
        [],
        [(40, "Notice Type: Receipt Notice")],
        [(40, "Amount received: $1,440.00")],
    ]


def test_a_scan_without_an_a_number_needs_no_review_of_it() -> None:
    notice = read_notice(default_patterns(), [_page(_receipt_rows(["DOE, JANE A"]), "ocr")])
    assert notice.value("a_number") is None
    assert field_confidence(notice)["a_number"] >= FILE_WITHOUT_REVIEW
    # Digits that may be an A-Number whose A was lost: not sure it is absent, so for review.
    unsure = read_notice(default_patterns(), [_page(_receipt_rows(["238 312 000", "DOE, JANE A"]), "ocr")])
    assert field_confidence(unsure)["a_number"] < FILE_WITHOUT_REVIEW


def test_a_name_right_of_its_label_follows_its_a_number_and_wraps() -> None:
    head = [*HEADER, [(40, "Notice Date"), (130, "06/05/2026")], [(40, "Notice Type"), (130, "Receipt Notice")]]
    rows = [
        *head,
        [(40, "Receipt Number"), (130, "WAC2690012345"), (300, "Case Type"), (380, "I765 - APPLICATION")],
        [(40, "Applicant"), (130, "A238 312 000")],
        [(130, "DOE-MARTINEZ, JANE ALEXANDRA")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("applicant") == "DOE-MARTINEZ, JANE ALEXANDRA"
    assert notice.value("a_number") == "238312000"
    rows = [
        *head,
        [(40, "Receipt Number"), (130, "WAC2690012345"), (300, "Case Type"), (380, "I129 - PETITION")],
        [(40, "Petitioner"), (130, "INTERNATIONAL GEOSPATIAL ANALYTICS")],
        [(130, "AND IMAGING SERVICES CORPORATION")],
        [(40, "Beneficiary"), (130, "ROE, RICHARD")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("petitioner") == "INTERNATIONAL GEOSPATIAL ANALYTICS AND IMAGING SERVICES CORPORATION"
    # In a key/value table the next row's value is no continuation: it has its own label to its left.
    table = read_notice(default_patterns(), [_page(rows[:-3] + rows[-1:] + [[(40, "Petitioner"), (130, "ACME")]])])
    assert (table.value("beneficiary"), table.value("petitioner")) == ("ROE, RICHARD", "ACME")


def test_a_block_printed_labels_above_on_a_values_above_page() -> None:
    rows = [
        *HEADER,
        [(40, "ASC APPOINTMENT NOTICE")],
        [(40, "IOE0923456124"), (220, "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION")],
        [(40, "RECEIPT NUMBER"), (220, "CASE TYPE")],
        [(40, "02/10/2026"), (220, "02/20/2026")],
        [(40, "RECEIVED DATE"), (220, "NOTICE DATE")],
        [(40, "Please come to the Application Support Center below at the date and time shown.")],
        [(40, "Application Support Center"), (330, "Appointment Date and Time")],
        [(40, "USCIS OAKLAND"), (330, "March 12, 2026")],
        [(40, "2040 TELEGRAPH AVENUE"), (330, "2:30 PM")],
        [(40, "OAKLAND CA 94612")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("notice_date") == "2026-02-20"
    assert notice.value("appointment") == {
        "date": "2026-03-12",
        "time": "14:30",
        "location": "USCIS OAKLAND, 2040 TELEGRAPH AVENUE, OAKLAND CA 94612",
    }


# ------------------------------------------------------------------ writings


@pytest.mark.parametrize(
    ("printed", "amount"),
    [("USD 1,710.00", "1710.00"), ("$1,710.00 USD", "1710.00"), ("US$ 85.00", "85.00"), ("$1710.00", "1710.00")],
)
def test_amounts_in_dollars_written_out(printed: str, amount: str) -> None:
    match = default_patterns().tokens["money"].search(f"Total Amount Received: {printed}")
    assert match is not None
    value = read_money(match.group(0))
    assert value is not None and value.value == amount


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("06/01/26", "2026-06-01"),
        ("1st June 2026", "2026-06-01"),
        ("JUN 01 2026", "2026-06-01"),
        ("Jun. 1, 2026", "2026-06-01"),
        ("2026/06/01", "2026-06-01"),
        ("Sept. 3, 2026", "2026-09-03"),
    ],
)
def test_dates_in_more_writings(printed: str, iso: str) -> None:
    match = default_patterns().tokens["date"].search(f"Notice Date {printed}")
    assert match is not None
    value = read_date(match.group(0))
    assert value is not None and value.value == iso


def test_ocr_specks_inside_numbers() -> None:
    assert read_anumber("A809.076 865,").value == "809076865"  # type: ignore[union-attr]
    assert read_receipt("IOE-24:476-77607", default_patterns().offices).value == "IOE2447677607"  # type: ignore[union-attr]
