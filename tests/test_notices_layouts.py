"""Notices in layouts the reader was not first written for, and the traps of issue 14.

Golden files: ``samples/notices/layouts`` (written by ``samples/notices/generate.py``):
values above labels, Courier grids, upper-case boxes with the A-Number in the
applicant box, I-907 receipts, three notices sharing one receipt number, a cover
letter quoting an I-797, two notices on one scanned sheet, a mixed text and scan
batch, a desk photo with a handwritten note. Then one test per failure class.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image

from docgen.notices import FIELDS, NoticeFileResult, parse_notice_file
from docgen.notices.fields import Finder, Hit
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import (
    FILE_WITHOUT_REVIEW,
    NOT_A_NOTICE,
    REVIEW_BELOW,
    TRUSTED_EVIDENCE,
    Notice,
    Reading,
    field_confidence,
)
from docgen.notices.ocr import paper_box
from docgen.notices.patterns import default_patterns
from docgen.notices.pdftext import pdfium_words
from docgen.notices.reader import identify_form, read_notice
from docgen.notices.split import sheet_parts, split_pages
from docgen.notices.values import read_anumber, read_date, read_i94, read_money, read_name

from .conftest import SAMPLES

LAYOUTS = SAMPLES / "notices" / "layouts"
TEXT = sorted(path for path in LAYOUTS.glob("*.pdf") if "-scan" not in path.name)
SCANS = sorted(path for path in LAYOUTS.iterdir() if "-scan" in path.name and path.suffix != ".json")


def expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    "path",
    TEXT,
    ids=lambda p: p.name,
)
def test_text_layouts_match_their_golden_json(path: Path) -> None:
    result = parse_notice_file(path)
    got, want = result.to_dict(), expected(path)
    assert got["reason"] == want["reason"]
    assert len(got["notices"]) == len(want["notices"])
    for notice, read, truth in zip(got["notices"], result.notices, want["notices"], strict=True):
        assert {key: notice[key] for key in truth} == truth
        for name in FIELDS:
            if truth[name] is not None:  # sure, but for a value whose evidence goes to review (a sentence's date)
                trusted = read.readings[name].evidence in TRUSTED_EVIDENCE
                assert (notice["confidence"][name] >= REVIEW_BELOW) == trusted, name


@pytest.fixture(scope="module")
def scanned() -> dict[str, NoticeFileResult]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip((path.name for path in SCANS), pool.map(parse_notice_file, SCANS), strict=True))


@pytest.mark.parametrize("path", SCANS, ids=lambda p: p.name)
def test_scanned_layouts_are_right_or_left_for_review(path: Path, scanned: dict[str, NoticeFileResult]) -> None:
    got, want = scanned[path.name].to_dict(), expected(path)
    assert [n["pages"] for n in got["notices"]] == [n["pages"] for n in want["notices"]]
    for notice, truth in zip(got["notices"], want["notices"], strict=True):
        assert notice["notice_type"] == truth["notice_type"]
        for name in FIELDS:
            if notice[name] != truth[name]:
                assert notice[name] is None, f"{name}: read {notice[name]!r}, truth {truth[name]!r}"
                assert notice["confidence"][name] < REVIEW_BELOW, name


def test_the_layout_samples_cover_the_traps() -> None:
    names = {path.name for path in [*TEXT, *SCANS]}
    for trap in ("batch-same-receipt", "cover-letter-i797a", "sheet-two-notices", "batch-mixed", "photo-desk"):
        assert any(name.startswith(trap) for name in names), trap
    forms = {n["form"] for path in [*TEXT, *SCANS] for n in expected(path)["notices"]}
    assert {"I-907", "I-130", "I-129F", "I-751", "I-824", "I-90", "N-400"} <= forms


# ------------------------------------------------------------------ 1. applicant box with the A-Number


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("A238 312 000", "238312000"),
        ("A238-312-000", "238312000"),
        ("A-238312000", "238312000"),
        ("A# 238 312 000", "238312000"),
        ("A38312000", "038312000"),  # 8 digits: a leading zero, as forms ask
        ("A238 312 O00", "238312000"),  # OCR's O for 0
    ],
)
def test_a_numbers_read_as_nine_digits(printed: str, number: str) -> None:
    value = read_anumber(printed)
    assert value is not None and value.value == number


def test_the_applicant_box_gives_the_name_and_the_a_number() -> None:
    page = _page(
        1,
        [
            *HEADER,
            [(40, "Receipt Number"), (300, "Case Type")],
            [(40, "WAC2690012345"), (300, "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE")],
            [(40, "Applicant")],
            [(40, "A238 312 000")],
            [(40, "DOE, JANE A")],
            [],
            [(40, "Notice Type: Receipt Notice")],
        ],
    )
    notice = read_notice(default_patterns(), [page])
    assert notice.value("applicant") == "DOE, JANE A"
    assert notice.value("a_number") == "238312000"
    assert read_name("A238 312 000") is None  # an A-Number alone is no name


# ------------------------------------------------------------------ 2. kind from the Notice Type line and title


def test_body_sentences_never_decide_the_kind() -> None:
    body = "If the record does not support approval, USCIS may issue a request for evidence or a notice of intent"
    page = _page(
        1,
        [
            *HEADER,
            [(40, "Receipt Number: WAC2690012345"), (300, "Case Type: I907 - REQUEST FOR PREMIUM PROCESSING SERVICE")],
            [(40, "Notice Date: 06/04/2026")],
            [(40, "Notice Type: Receipt Notice")],
            [(40, body)],
            [(40, "to deny. The petition has been approved only when an approval notice is issued.")],
            [(40, "Notice of Intent to Deny")],  # a wrapped body line far down the page is no title
        ],
        far={7: 500.0},
    )
    notice = read_notice(default_patterns(), [page])
    assert notice.value("notice_type") == "receipt"
    assert notice.value("form") == "I-907"


def test_without_a_notice_type_line_or_title_the_kind_is_left_for_review() -> None:
    page = _page(
        1,
        [*HEADER, [(40, "Receipt Number: WAC2690012345")], [(40, "USCIS intends to deny the petition; it is denied.")]],
    )
    notice = read_notice(default_patterns(), [page])
    assert notice.value("notice_type") is None
    assert "notice_type" in notice.needs_review()


def test_a_title_alone_names_the_kind() -> None:
    page = _page(1, [*HEADER, [(40, "REQUEST FOR EVIDENCE")], [(40, "Receipt Number: WAC2690012345")]])
    assert read_notice(default_patterns(), [page]).value("notice_type") == "rfe"


# ------------------------------------------------------------------ 3. form numbers as OCR prints them


@pytest.mark.parametrize(
    ("case_type", "form"),
    [
        ("1907 - REQUEST FOR PREMIUM PROCESSING SERVICE", "I-907"),
        ("1131", "I-131"),
        ("I 129 - PETITION FOR A NONIMMIGRANT WORKER", "I-129"),
        ("l-485", "I-485"),
        ("I129F - PETITION FOR ALIEN FIANCE(E)", "I-129F"),
        ("|130", "I-130"),
        ("I-14O", "I-140"),
        ("1539", "I-539"),
        ("I765", "I-765"),
        ("I-751", "I-751"),
        ("I824", "I-824"),
        ("190 - APPLICATION TO REPLACE PERMANENT RESIDENT CARD", "I-90"),
        ("N400", "N-400"),
        ("APPLICATION FOR NATURALIZATION", "N-400"),
    ],
)
def test_form_numbers_in_the_case_type_box(case_type: str, form: str) -> None:
    page = _page(1, HEADER)
    found, hit = identify_form(default_patterns(), Hit(case_type, 0.99, case_type), [page])
    assert found is not None and hit.value == form


def test_a_number_in_an_address_is_no_form() -> None:
    page = _page(1, [*HEADER, [(40, "P.O. BOX 1140, LINCOLN NE 68501")]])
    _, hit = identify_form(default_patterns(), None, [page])
    assert hit.value is None


# ------------------------------------------------------------------ 4. multi-notice split


def test_three_notices_with_one_receipt_number_stay_three() -> None:
    result = parse_notice_file(LAYOUTS / "batch-same-receipt.pdf")
    assert [(n.value("notice_type"), n.value("form")) for n in result.notices] == [
        ("receipt", "I-129"),
        ("receipt", "I-907"),
        ("approval", "I-129"),
    ]
    assert {n.value("receipt_number") for n in result.notices} == {"WAC2690012345"}


def test_unnumbered_pages_split_on_their_kind_and_date() -> None:
    pages = [
        _kind_page(1, "Request for Evidence", "05/20/2026"),
        _kind_page(2, "Request for Evidence", "05/20/2026"),
        _kind_page(3, "Notice of Intent to Deny", "09/01/2026"),
        _kind_page(4, "Notice of Intent to Deny", "09/02/2026"),
    ]
    groups, _ = split_pages(default_patterns(), pages)
    assert [[page.number for page in group] for group in groups] == [[1, 2], [3], [4]]


def test_two_notices_on_one_sheet_are_two() -> None:
    words = [
        Word(text, 40, top, 40 + 6 * len(text), top + 10)
        for top, text in [
            (30, "THE UNITED STATES OF AMERICA"),
            (60, "Receipt Number: WAC2690012345"),
            (420, "THE UNITED STATES OF AMERICA"),
            (450, "Receipt Number: EAC2690104321"),
        ]
    ]
    parts = sheet_parts(default_patterns(), Page(1, group_lines(words), "text"))
    assert [[line.text for line in part.lines] for part in parts] == [
        ["THE UNITED STATES OF AMERICA", "Receipt Number: WAC2690012345"],
        ["THE UNITED STATES OF AMERICA", "Receipt Number: EAC2690104321"],
    ]


# ------------------------------------------------------------------ 5. not a notice


def test_a_letter_quoting_an_i797_and_a_receipt_number_is_no_notice() -> None:
    result = parse_notice_file(LAYOUTS / "cover-letter-i797a.pdf")
    assert result.notices == [] and result.reason == NOT_A_NOTICE


# ------------------------------------------------------------------ 6. values in other layouts


@pytest.mark.parametrize(
    ("printed", "amount"),
    [("$ 630.00 U.S.", "630.00"), ("$1,710.00", "1710.00"), ("$470", "470.00"), ("$2,805", "2805.00")],
)
def test_amounts(printed: str, amount: str) -> None:
    found = Finder(default_patterns()).read("money", printed)  # the token is found in the text, then read
    assert found is not None and found.value.value == amount
    assert read_money(printed.replace(" U.S.", "")) is not None


def test_amount_received_inline_and_without_its_dollar_sign() -> None:
    for line in ("AMOUNT RECEIVED: $1,710.00", "Amount received: 1,710.00 U.S."):
        page = _page(
            1, [*HEADER, [(40, "Receipt Number: WAC2690012345")], [(40, "Notice Type: Receipt")], [(40, line)]]
        )
        assert read_notice(default_patterns(), [page]).value("amount") == "1710.00", line


@pytest.mark.parametrize(
    ("printed", "iso"), [("06-01-2026", "2026-06-01"), ("1 June 2026", "2026-06-01"), ("01-JUN-2026", "2026-06-01")]
)
def test_more_date_forms(printed: str, iso: str) -> None:
    value = read_date(printed)
    assert value is not None and value.value == iso


def test_i94_number_with_a_space_and_names_keep_their_periods() -> None:
    assert read_i94("531902884 41").value == "53190288441"  # type: ignore[union-attr]
    assert read_name("ACME ANALYTICS, INC.").value == "ACME ANALYTICS, INC."  # type: ignore[union-attr]
    assert read_name("DOE, JANE A.").value == "DOE, JANE A."  # type: ignore[union-attr]
    assert read_name("OKAFOR, CHIDERA .").value == "OKAFOR, CHIDERA"  # type: ignore[union-attr]


# ------------------------------------------------------------------ 7. layout generations


def test_a_courier_grid_run_is_cut_into_its_columns() -> None:
    with pdfium.PdfDocument(str(LAYOUTS / "transfer-i130-courier.pdf")) as pdf:
        page = pdf[0]
        texts = [word.text for word in pdfium_words(page)]
        page.close()
    assert "RECEIPT NUMBER" in texts and "CASE TYPE" in texts and "IOE-09-120-00333" in texts


def test_a_photo_is_cropped_to_the_sheet() -> None:
    desk = Image.new("L", (1000, 1300), 60)
    desk.paste(Image.new("L", (800, 1040), 235), (100, 130))
    box = paper_box(desk)
    assert box is not None and abs(box[0] - 100) < 10 and abs(box[2] - 900) < 10
    assert paper_box(Image.new("L", (1000, 1300), 240)) is None  # a plain scan is left as it is


# ------------------------------------------------------------------ confidence


def test_calibrated_confidence_and_the_review_threshold() -> None:
    (notice,) = parse_notice_file(LAYOUTS / "receipt-i485-modern.pdf").notices
    confidence = field_confidence(notice)
    assert set(confidence) == set(FIELDS)
    assert confidence["petitioner"] == 1.0  # never on an I-485 notice
    assert all(confidence[name] >= FILE_WITHOUT_REVIEW for name in ("receipt_number", "applicant", "a_number"))
    assert notice.files_without_review() and not notice.needs_review()
    weak = Notice([1], {**notice.readings, "receipt_number": Reading("MSC2691234999", 0.55, "MSC2691234999")})
    assert field_confidence(weak)["receipt_number"] < FILE_WITHOUT_REVIEW
    assert "receipt_number" in weak.needs_review() and not weak.files_without_review()
    scanned = Notice([1], dict(notice.readings), ocr=True)
    assert field_confidence(scanned)["receipt_number"] != confidence["receipt_number"]  # OCR is its own scale


# ------------------------------------------------------------------ helpers


HEADER = [[(200, "THE UNITED STATES OF AMERICA")], [(40, "I-797C, Notice of Action")]]


def _page(number: int, rows: list[list[tuple[float, str]]], far: dict[int, float] | None = None) -> Page:
    """A text page from rows of (x, text) runs, 14 points apart (``far``: rows by index moved to a height)."""
    words = []
    for index, row in enumerate(rows):
        y = (far or {}).get(index, 40 + 14 * index)
        words += [Word(text, x, y, x + 6 * len(text), y + 10) for x, text in row]
    return Page(number, group_lines(words), "text")


def _kind_page(number: int, kind: str, date: str) -> Page:
    return _page(
        number,
        [
            *HEADER,
            [(40, "Receipt Number: SRC2690055777")],
            [(40, f"Notice Date: {date}")],
            [(40, f"Notice Type: {kind}")],
        ],
    )
