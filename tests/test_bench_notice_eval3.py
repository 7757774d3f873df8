"""The third sealed notice set is consistent: files, media, pages and printed values agree with its truth.

Writes a sample of the set's files (every producer: reportlab word by word and letter by letter, fpdf2,
LibreOffice, chromium; a scan with blank backs, a multi-page TIFF, a phone photo, a non-notice) and checks
them against ``truth.json`` without ever running the notice parser.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader

from bench.notice_eval3 import generate as gen

SAMPLE = [
    "text-01-c797-receipt-i-129.pdf",
    "text-06-ledger-receipt-i-140.pdf",
    "text-10-asc-biometrics-i-485.pdf",
    "text-17-account-receipt-i-765.pdf",
    "text-multi-1-receipt-i907-approval-one-receipt-number.pdf",
    "scan-05-duplex-two-notices-blank-backs.pdf",
    "image-04-two-notices.tif",
    "photo-01-receipt-i765.jpg",
    "scan-not-a-notice-fedex-label.pdf",
]

needs_tools = pytest.mark.skipif(
    not (shutil.which("soffice") and Path(gen.CHROMIUM).exists()), reason="needs soffice and /usr/bin/chromium"
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("eval3")
    gen.generate(folder, 1797, only=SAMPLE)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return folder, truth


def _squash(text: str) -> str:
    return "".join(text.split()).upper()


def test_the_plan_has_the_documented_shape_and_is_deterministic() -> None:
    sources, files = gen.plan(gen.Maker(1797))
    media = [f.medium for f in files]
    notices = sum(1 for f in files for p in f.parts if sources[p.source].notice is not None)
    assert len(files) == 51 and notices == 59
    assert (media.count("text-pdf"), media.count("scan-pdf"), media.count("mixed-pdf"), media.count("image")) == (
        28,
        13,
        1,
        9,
    )
    families = {s.family for s in sources.values() if s.notice is not None}
    assert families == {"c797", "ledger", "asc", "tearoff", "account", "letter"}
    again, _ = gen.plan(gen.Maker(1797))
    other, _ = gen.plan(gen.Maker(5))
    values = {k: s.notice.truth() for k, s in sources.items() if s.notice}
    assert values == {k: s.notice.truth() for k, s in again.items() if s.notice}
    assert values != {k: s.notice.truth() for k, s in other.items() if s.notice}


@needs_tools
def test_files_exist_with_the_truths_media_and_pages(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    assert truth["set"] == 3 and truth["generator_version"] == gen.GENERATOR_VERSION
    assert sorted(truth["files"]) == sorted(SAMPLE)
    for name, entry in truth["files"].items():
        path = folder / name
        head = path.read_bytes()[:8]
        if entry["medium"] == "image":
            with Image.open(path) as img:
                assert img.format.lower() == entry["format"], name
                assert getattr(img, "n_frames", 1) == entry["pages"], name
            continue
        assert head.startswith(b"%PDF-"), name
        doc = pdfium.PdfDocument(str(path))
        try:
            assert len(doc) == entry["pages"], name
            for i in range(len(doc)):
                chars = len(doc[i].get_textpage().get_text_range().strip())
                images = sum(1 for obj in doc[i].get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
                if entry["medium"] == "text-pdf":
                    assert chars > 100 and images == 0, f"{name} page {i + 1} is not a text page"
                elif entry["medium"] == "scan-pdf":
                    assert chars == 0 and images == 1, f"{name} page {i + 1} is not a scanned page"
        finally:
            doc.close()
        for n in entry["notices"]:
            assert n["pages"] and all(1 <= p <= entry["pages"] for p in n["pages"]), name


@needs_tools
def test_truth_values_have_the_bench_forms(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    kinds = {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial"}
    for name, entry in truth["files"].items():
        for n in entry["notices"]:
            assert set(gen.SCORED) <= set(n), name
            assert n["notice_type"] in kinds and re.fullmatch(r"[A-Z]{3}\d{10}", n["receipt_number"]), name
            assert re.fullmatch(r"[IN]-\d{2,3}[A-Z]?", n["form"]), name
            for key in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                if n[key] is not None:
                    dt.date.fromisoformat(n[key])
            assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"]), name
            assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"]), name
            assert n["amount"] is None or re.fullmatch(r"\d+\.\d\d", n["amount"]), name
            if n["appointment"] is not None:
                assert set(n["appointment"]) == {"date", "time", "location"}
                assert re.fullmatch(r"\d\d:\d\d", n["appointment"]["time"]), name
            assert (n["applicant"] is None) != (n["petitioner"] is None and n["beneficiary"] is None), name


@needs_tools
def test_every_true_value_is_printed_in_the_text_layer(written: tuple[Path, dict[str, Any]]) -> None:
    """Read with pypdf (not pdfium, which the generator's own check uses): each value as printed is on its pages,
    and what is printed says the true value."""
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] != "text-pdf":
            continue
        pages = PdfReader(str(folder / name)).pages
        for n in entry["notices"]:
            text = _squash(" ".join(pages[p - 1].extract_text() for p in n["pages"]))
            for field in gen.SCORED:
                if n[field] is None:
                    continue
                keys = [k for k in n["_printed"] if k == field or k.startswith(field + ".")]
                assert keys, f"{name}: {field} has no printed form"
                for key in keys:
                    printed = n["_printed"][key]
                    assert _squash(printed) in text, f"{name}: {key} {printed!r} is not on pages {n['pages']}"
                    assert gen.agrees(field, n[field], printed, key), f"{name}: {key} {printed!r} vs {n[field]!r}"
                    checked += 1
    assert checked > 40


@needs_tools
def test_multi_notice_files_keep_their_notices_apart(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    files = truth["files"]
    same_rn = files["text-multi-1-receipt-i907-approval-one-receipt-number.pdf"]["notices"]
    assert [n["pages"] for n in same_rn] == [[1], [2], [3]]
    assert len({n["receipt_number"] for n in same_rn}) == 1
    assert [n["form"] for n in same_rn] == ["I-129", "I-907", "I-129"]
    duplex = files["scan-05-duplex-two-notices-blank-backs.pdf"]
    assert duplex["pages"] == 4 and [n["pages"] for n in duplex["notices"]] == [[1], [3]]
    assert files["scan-not-a-notice-fedex-label.pdf"]["notices"] == []


def test_the_generator_refuses_a_value_its_page_does_not_print(tmp_path: Path) -> None:
    m = gen.Maker(3)
    n = m.notice("receipt", "I-129", "c797")
    source = gen.make_source("x", n)
    gen.produce([source], tmp_path)
    gen.check_printed(source)  # as made: every value is on the page
    original = n.v["receipt_number"]
    n.v["receipt_number"] = "WAC2600000001"
    n.printed["receipt_number"] = "WAC2600000001"
    with pytest.raises(AssertionError, match="receipt_number"):
        gen.check_printed(source)
    n.printed["receipt_number"] = n.v["receipt_number"] = original
    gen.check_printed(source)
    n.v["notice_date"] = "2020-01-01"
    with pytest.raises(AssertionError, match="notice_date"):
        gen.check_printed(source)


def test_the_bench_runs_set_3_from_its_own_cache_folder(tmp_path: Path) -> None:
    from bench import bench_notices_sealed as bench

    assert 3 in bench.SETS
    assert bench.generator(3) is gen
    folder = bench.set_folder(1797, tmp_path, 3)
    assert folder.parent == tmp_path and folder.name.startswith("set3-seed1797-")
    assert folder != bench.set_folder(1797, tmp_path, 2)


@needs_tools
def test_the_bench_scores_the_truth_itself_as_all_right(written: tuple[Path, dict[str, Any]]) -> None:
    """The truth has the bench's shape: read back as if a parser had returned it, every field is right."""
    from bench import bench_notices_sealed as bench

    _, truth = written
    scored = 0
    for entry in truth["files"].values():
        expected = entry["notices"]
        actual = [json.loads(json.dumps(n)) for n in reversed(expected)]
        pairs = bench.match(expected, actual)
        for i, j in pairs:
            assert j is not None
            for name in bench.SCORED:
                result = bench.outcome(name, expected[i][name], actual[j][name])
                assert result in ("right", "absent-ok"), (entry["label"], name, result)
                scored += result == "right"
    assert scored >= 90
