"""Unit tests of the notice reader's parts: value readers and OCR repairs, patterns, splitting, checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.bundled import bundled_dir
from docgen.errors import NoticeError
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import NULL_BELOW, Reading
from docgen.notices.patterns import default_patterns, load_patterns
from docgen.notices.reader import LONE_RECEIPT_CONF, SUSPECT_CONF, check_dates, read_notice
from docgen.notices.split import split_pages
from docgen.notices.values import read_class, read_date, read_i94, read_money, read_name, read_receipt, read_time

OFFICES = default_patterns().offices


@pytest.mark.parametrize(
    ("printed", "expected", "repaired"),
    [
        ("WAC2690012345", "WAC2690012345", False),
        ("WAC 2690012345", "WAC2690012345", False),
        ("WAC269OO12345", "WAC2690012345", True),  # O read for 0
        ("EAC26900I2345", "EAC2690012345", True),  # I read for 1
        ("5RC2690081105", "SRC2690081105", True),  # 5 read for S in the office code
        ("L1N269O333210", "LIN2690333210", True),  # 1 for I in the code, O for 0 in the digits
        ("MSC269I23456B", "MSC2691234568", True),  # B read for 8
        ("$RC2494389775", "SRC2494389775", True),  # $ read for S
        ("IOE0923456789", "IOE0923456789", False),  # the O of IOE stays a letter
        ("10E0923456789", "IOE0923456789", True),  # ... and is repaired to one when read as 1 and 0
        ("wac2690012345", "WAC2690012345", False),
    ],
)
def test_receipt_numbers_are_repaired_by_position(printed: str, expected: str, repaired: bool) -> None:
    value = read_receipt(printed, OFFICES)
    assert value is not None
    assert (value.value, value.repaired) == (expected, repaired)


@pytest.mark.parametrize(
    "printed",
    [
        "XYZ2690012345",  # unknown office code
        "WAC269001234",  # 9 digits
        "WAC26900123456",  # 11 digits
        "WAC2690O1234Z",  # Z is no look-alike of a digit: no guess
        "WA02690012345",  # 0 for C is no known confusion
    ],
)
def test_receipt_numbers_that_cannot_be_repaired_are_refused(printed: str) -> None:
    assert read_receipt(printed, OFFICES) is None


@given(st.sampled_from(sorted(OFFICES)), st.integers(min_value=0, max_value=10**10 - 1))
def test_any_valid_receipt_number_reads_back(office: str, number: int) -> None:
    text = f"{office}{number:010d}"
    value = read_receipt(text, OFFICES)
    assert value is not None and value.value == text and not value.repaired


@given(st.sampled_from(sorted(OFFICES)), st.integers(min_value=0, max_value=10**10 - 1))
def test_ocr_confusions_in_digits_always_repair_to_the_true_number(office: str, number: int) -> None:
    true = f"{office}{number:010d}"
    garbled = true[:3] + true[3:].replace("0", "O").replace("1", "I").replace("5", "S").replace("8", "B")
    value = read_receipt(garbled, OFFICES)
    assert value is not None and value.value == true


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("06/01/2026", "2026-06-01"),
        ("6/1/2026", "2026-06-01"),
        ("O6/O1/2O26", "2026-06-01"),
        ("June 1, 2026", "2026-06-01"),
        ("Jun 01, 2026", "2026-06-01"),
        ("Sept. 16, 2026", "2026-09-16"),
        ("2026-09-16", "2026-09-16"),
    ],
)
def test_dates(printed: str, iso: str) -> None:
    value = read_date(printed)
    assert value is not None and value.value == iso


@pytest.mark.parametrize("printed", ["02/30/2026", "13/01/2026", "Foo 1, 2026", "06/01/20X6"])
def test_impossible_dates_are_refused(printed: str) -> None:
    assert read_date(printed) is None


@pytest.mark.parametrize(
    ("printed", "hhmm"),
    [
        ("10:00 AM", "10:00"),
        ("1:30 PM", "13:30"),
        ("12:15 PM", "12:15"),
        ("12:05 a.m.", "00:05"),
        ("2:00. PM", "14:00"),
    ],
)
def test_times(printed: str, hhmm: str) -> None:
    value = read_time(printed)
    assert value is not None and value.value == hhmm


def test_money_classes_and_i94() -> None:
    assert read_money("$1,710.00").value == "1710.00"  # type: ignore[union-attr]
    assert read_money("$ 460.00").value == "460.00"  # type: ignore[union-attr]
    assert read_class("H-1B").value == "H1B"  # type: ignore[union-attr]
    assert read_class("HIB").value == "H1B"  # type: ignore[union-attr]
    assert read_class("TN").value == "TN"  # type: ignore[union-attr]
    assert read_i94("84112233445").value == "84112233445"  # type: ignore[union-attr]
    assert read_i94("841122334A5").value == "841122334A5"  # type: ignore[union-attr]
    assert read_i94("8411223344") is None
    assert read_name("~ CASCADE GENOMICS CORP |").value == "CASCADE GENOMICS CORP"  # type: ignore[union-attr]
    assert read_name("OKAFOR , CHIDERA").value == "OKAFOR, CHIDERA"  # type: ignore[union-attr]


def _page(number: int, rows: list[list[tuple[float, str]]]) -> Page:
    """A text page from rows of (x, text) runs, 14 points apart."""
    words = [
        Word(text, x, 40 + 14 * index, x + 6 * len(text), 50 + 14 * index)
        for index, row in enumerate(rows)
        for x, text in row
    ]
    return Page(number, group_lines(words), "text")


HEADER = [[(200, "THE UNITED STATES OF AMERICA")], [(40, "I-797C, Notice of Action")]]


def _notice_page(number: int, receipt: str, page: str, kind: str = "Receipt Notice") -> Page:
    return _page(
        number,
        [
            *HEADER,
            [(40, f"Receipt Number: {receipt}"), (300, "Case Type: I129 - PETITION FOR A NONIMMIGRANT WORKER")],
            [(40, "Received Date: 06/01/2026"), (300, f"Page: {page}")],
            [(40, "Notice Date: 06/04/2026")],
            [(40, f"Notice Type: {kind}")],
        ],
    )


def test_split_by_page_numbers_receipts_and_headerless_continuations() -> None:
    patterns = default_patterns()
    pages = [
        _notice_page(1, "WAC2690012345", "1 of 1"),
        _notice_page(2, "EAC2690104321", "1 of 3", "Request for Evidence"),
        _notice_page(3, "EAC2690104321", "2 of 3", "Request for Evidence"),
        _page(4, [[(40, "Evidence requested, continued: submit the pay statements for the last six months.")]]),
        _page(5, [[(40, "A cover sheet the mailroom scanned by mistake, not part of any notice.")]]),
        _notice_page(6, "LIN2690333210", "1 of 1", "Denial Notice"),
    ]
    groups, skipped = split_pages(patterns, pages)
    assert [[page.number for page in group] for group in groups] == [[1], [2, 3, 4], [6]]
    assert skipped == [5]


def test_a_new_page_one_with_another_receipt_starts_a_new_notice() -> None:
    pages = [_notice_page(1, "WAC2690012345", "1 of 2"), _notice_page(2, "EAC2690104321", "1 of 1")]
    groups, _ = split_pages(default_patterns(), pages)
    assert [[page.number for page in group] for group in groups] == [[1], [2]]


def test_notice_date_before_received_date_is_suspect() -> None:
    readings = {
        "received_date": Reading("2026-06-10", 0.99, "06/10/2026"),
        "notice_date": Reading("2026-06-01", 0.99, "06/01/2026"),
        "valid_from": Reading("1871-01-01", 0.99, "01/01/1871"),
    }
    check_dates(default_patterns(), readings)
    assert readings["received_date"].confidence == SUSPECT_CONF
    assert readings["notice_date"].confidence == SUSPECT_CONF
    assert readings["valid_from"].confidence < NULL_BELOW  # a year no notice can carry


def test_suspect_dates_stay_but_go_to_review() -> None:
    page = _page(
        1,
        [
            *HEADER,
            [(40, "Receipt Number: WAC2690012345")],
            [(40, "Received Date: 06/10/2026")],
            [(40, "Notice Date: 06/01/2026")],
            [(40, "Notice Type: Receipt Notice")],
        ],
    )
    notice = read_notice(default_patterns(), [page])
    assert notice.value("notice_date") == "2026-06-01"
    assert "notice_date" in notice.needs_review() and "received_date" in notice.needs_review()


def test_a_new_label_is_data_not_code(tmp_path: Path) -> None:
    page = _page(1, [*HEADER, [(40, "USCIS Case Number: WAC2690012345")], [(40, "Notice Type: Receipt Notice")]])
    unlabelled = read_notice(default_patterns(), [page])
    # Unlabelled, the notice's one receipt number is kept for review only.
    assert unlabelled.readings["receipt_number"].confidence == LONE_RECEIPT_CONF
    assert "receipt_number" in unlabelled.needs_review()
    data = tmp_path / "notices"
    shutil.copytree(bundled_dir("notices"), data)
    common = data / "common.yaml"
    common.write_text(
        common.read_text(encoding="utf-8").replace(
            "labels: ['Receipt Number',", "labels: ['USCIS Case Number', 'Receipt Number',"
        ),
        encoding="utf-8",
    )
    labelled = read_notice(load_patterns(data), [page])
    assert labelled.value("receipt_number") == "WAC2690012345" and "receipt_number" not in labelled.needs_review()


def test_a_bad_pattern_file_names_file_line_and_key(tmp_path: Path) -> None:
    data = tmp_path / "notices"
    shutil.copytree(bundled_dir("notices"), data)
    (data / "fee-waiver.yaml").write_text("kind: notice\nnotice_type: receipt\nnames: []\n", encoding="utf-8")
    with pytest.raises(NoticeError, match=r"fee-waiver\.yaml:3: names: List should have at least 1 item"):
        load_patterns(data)
    (data / "fee-waiver.yaml").write_text("kind: notice\nnotice_type: receipt\nnames: ['(']\n")
    with pytest.raises(NoticeError, match=r"fee-waiver\.yaml: bad pattern"):
        load_patterns(data)
    (data / "fee-waiver.yaml").write_text("kind: form\nform: I-912\ntitle: x\nnot_applicable: [fee]\n")
    with pytest.raises(NoticeError, match=r"fee-waiver\.yaml: not_applicable: unknown field 'fee'"):
        load_patterns(data)
    (data / "fee-waiver.yaml").write_text("kind: form\nform: Form 912\ntitle: x\n")
    with pytest.raises(NoticeError, match=r"fee-waiver\.yaml:2: form: String should match pattern"):
        load_patterns(data)


def test_ocr_specks_in_names_are_dropped_or_flagged() -> None:
    from docgen.notices.fields import _ocr_name

    assert _ocr_name("EZE, OL.UWASEUN", 0.9) == ("EZE, OLUWASEUN", 0.9)
    assert _ocr_name("MEHTA; TOMAS", 0.9) == ("MEHTA, TOMAS", 0.9)
    name, conf = _ocr_name("TRILLIUM. SYSTEMS INC", 0.9)
    assert name == "TRILLIUM. SYSTEMS INC" and conf < NULL_BELOW


def test_a_misspelt_key_in_a_notice_pattern_file_names_its_line_and_the_key_meant(tmp_path: Path) -> None:
    data = tmp_path / "notices"
    shutil.copytree(bundled_dir("notices"), data)
    (data / "fee-waiver.yaml").write_text("kind: notice\nnotice_typ: receipt\n", encoding="utf-8")
    meant = r"fee-waiver\.yaml:2: notice_typ: unknown key; did you mean 'notice_type'\?$"
    with pytest.raises(NoticeError, match=meant):
        load_patterns(data)
