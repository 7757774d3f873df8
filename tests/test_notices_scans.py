"""Notices from scans through real tesseract: image PDF, JPEG, PNG, multi-page TIFF, a batch, a smudge.

Each sample is read once per session (two at a time: tesseract runs as a
separate process), then checked against its golden JSON. A scanned field may
be left null for review when OCR was unsure, but it may never be wrong, and
the receipt number must always be read.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from docgen.notices import FIELDS, NoticeFileResult, parse_notice_file
from docgen.notices.model import REVIEW_BELOW, UNREADABLE

from .conftest import SAMPLES

NOTICES = SAMPLES / "notices"
SCANS = sorted(path for path in (NOTICES / "scans").iterdir() if path.suffix != ".json")
UNREADABLE_SCAN = NOTICES / "bad" / "unreadable-scan.jpg"


@pytest.fixture(scope="session")
def scanned() -> dict[str, NoticeFileResult]:
    paths = [*SCANS, UNREADABLE_SCAN]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(parse_notice_file, paths))
    return {path.name: result for path, result in zip(paths, results, strict=True)}


def test_the_scans_cover_every_input_kind() -> None:
    assert {path.suffix for path in SCANS} == {".pdf", ".jpg", ".png", ".tif"}


@pytest.mark.parametrize("path", SCANS, ids=lambda p: p.name)
def test_scans_match_their_golden_json(path: Path, scanned: dict[str, NoticeFileResult]) -> None:
    result = scanned[path.name]
    want: dict[str, Any] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = result.to_dict()
    assert result.ocr_pages, "a scan must go through OCR"
    assert len(got["notices"]) == len(want["notices"])
    for notice, truth in zip(got["notices"], want["notices"], strict=True):
        assert notice["pages"] == truth["pages"]
        assert notice["receipt_number"] == truth["receipt_number"]
        left_for_review = []
        for name in FIELDS:
            if notice[name] == truth[name]:
                continue
            assert notice[name] is None, f"{name}: read {notice[name]!r}, truth {truth[name]!r}"
            assert notice["confidence"][name] < REVIEW_BELOW
            if notice["candidates"].get(name, {}).get("value") != truth[name]:
                left_for_review.append(name)  # a person reads it (OCR's doubtful reading, if right, is shown)
        assert len(left_for_review) <= 1, left_for_review


def test_a_batch_scan_is_split_into_its_notices(scanned: dict[str, NoticeFileResult]) -> None:
    notices = scanned["mail-batch-scan.pdf"].notices
    assert [notice.pages for notice in notices] == [[1], [2], [3, 4], [5]]
    assert [notice.value("notice_type") for notice in notices] == ["receipt", "transfer", "rfe", "denial"]
    assert notices[2].value("response_due") == "2026-09-16"


def test_a_multipage_tiff_holds_two_notices(scanned: dict[str, NoticeFileResult]) -> None:
    notices = scanned["noid-i140-scan.tif"].notices
    assert [notice.value("notice_type") for notice in notices] == ["noid", "receipt"]
    assert notices[0].value("priority_date") == "2024-03-12"


def test_ocr_confusions_in_a_scanned_receipt_number_are_repaired(scanned: dict[str, NoticeFileResult]) -> None:
    """The page prints 5RC269O4BI2O5: the office code and digit positions say SRC2690481205."""
    reading = scanned["receipt-ocr-confusion-scan.pdf"].notices[0].readings["receipt_number"]
    assert reading.value == "SRC2690481205"
    assert reading.source is not None and reading.source != reading.value  # read with confusions, then repaired
    assert reading.confidence < 0.99


def test_skewed_low_resolution_photo_of_an_rfe_gives_its_due_date(scanned: dict[str, NoticeFileResult]) -> None:
    notice = scanned["rfe-i129-scan.jpg"].notices[0]
    assert (notice.value("notice_type"), notice.value("response_due")) == ("rfe", "2026-09-16")


def test_an_unreadable_scan_gives_nulls_for_review_never_a_guess(scanned: dict[str, NoticeFileResult]) -> None:
    result = scanned[UNREADABLE_SCAN.name]
    assert result.reason == UNREADABLE
    for notice in result.notices:
        assert notice.value("receipt_number") is None
        assert all(notice.value(name) is None for name in FIELDS)
        assert set(notice.needs_review()) == set(FIELDS)


def test_a_page_scanned_upside_down_is_turned_and_read(scanned: dict[str, NoticeFileResult]) -> None:
    notice = scanned["transfer-i539-upside-down-scan.jpg"].notices[0]
    assert (notice.value("notice_type"), notice.value("receipt_number")) == ("transfer", "EAC2690104321")
