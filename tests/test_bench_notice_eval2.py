"""The second sealed notice set (bench/notice_eval2): its truth agrees with the files it writes.

Checked from the files themselves (pypdfium2 text and images, PIL), never with the notice parser: this
test says nothing about how the parser does on the set.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image

from bench import bench_notices_sealed as bench
from bench.notice_eval2 import generate as gen

# a part of the set covering every route (chromium, reportlab, LibreOffice), printed and scanned pages in
# one PDF, a fax, a photograph and a multi-page TIFF
SOME = {"13-text.pdf", "25-text.pdf", "28-text.pdf", "40-scan.pdf", "44-mixed.pdf", "49-image.jpg", "53-image.tif"}
DATES = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")
DATE_STYLES = ("us", "long", "long0", "mon", "dmy", "upper", "short")

needs_tools = pytest.mark.skipif(
    not (Path("/usr/bin/chromium").exists() and shutil.which("soffice")), reason="needs chromium and LibreOffice"
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("notice-eval2")
    gen.generate(folder, 1797, only=SOME)
    return folder, json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _pdf_pages(path: Path) -> list[tuple[str, int]]:
    """Per page: its text layer and how many images it holds."""
    doc = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in doc:
            text = page.get_textpage().get_text_range()
            images = sum(1 for obj in page.get_objects() if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
            out.append((text, images))
        return out
    finally:
        doc.close()


def printed_somewhere(field: str, value: Any, text: str) -> bool:
    """Whether ``value`` (the truth of ``field``) is printed in ``text`` in one of the generator's ways."""
    flat = _alnum(text)
    if field in ("petitioner", "beneficiary", "applicant"):
        return bench._name(value) in bench._name(text)
    if field in DATES:
        day = date.fromisoformat(value)
        return any(_alnum(gen.fmt_date(day, style)) in flat for style in DATE_STYLES)
    if field == "form":
        return any(_alnum(gen.fmt_form(value, style)) in flat for style in ("hyphen", "ocr1", "ocrl"))
    if field == "amount":  # "$675" stands for 675.00
        return _alnum(value) in flat or (value.endswith(".00") and _alnum(value[:-3]) in flat)
    if field == "a_number":
        return value.lstrip("0") in flat
    if field == "appointment":
        hour, minute = (int(x) for x in value["time"].split(":"))
        clock = f"{(hour - 1) % 12 + 1:02d}{minute:02d}{'AM' if hour < 12 else 'PM'}"
        return (
            clock in flat and _alnum(value["location"]) in flat and printed_somewhere("valid_from", value["date"], text)
        )
    return _alnum(value) in flat


@needs_tools
def test_files_match_their_truth(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    files = truth["files"]
    assert set(files) == SOME
    assert {p.name for p in folder.iterdir()} == SOME | {"truth.json"}
    for name, entry in files.items():
        path = folder / name
        if entry["medium"] == "image":
            with Image.open(path) as img:
                assert getattr(img, "n_frames", 1) == entry["pages"], name
            continue
        pages = _pdf_pages(path)
        assert len(pages) == entry["pages"], name
        printed = [bool(text.strip()) for text, _ in pages]
        scanned = [images == 1 and not text.strip() for text, images in pages]
        if entry["medium"] == "text-pdf":
            assert all(printed), name
        elif entry["medium"] == "scan-pdf":
            assert all(scanned), name
        else:
            assert entry["medium"] == "mixed-pdf"
            assert any(printed) and any(scanned) and all(p or s for p, s in zip(printed, scanned, strict=True))
        for notice in entry["notices"]:
            assert notice["pages"] == sorted(notice["pages"]) and min(notice["pages"]) >= 1
            assert max(notice["pages"]) <= entry["pages"]
            text = "\n".join(pages[page - 1][0] for page in notice["pages"])
            if text.strip():  # printed pages carry every value the truth gives, in one of its printed forms
                for key in gen.TRUTH_FIELDS:
                    if key != "notice_type" and notice[key] is not None:
                        assert printed_somewhere(key, notice[key], text), (name, key, notice[key])


@needs_tools
def test_truth_values_have_the_documented_forms(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    notices = [n for entry in truth["files"].values() for n in entry["notices"]]
    assert len(notices) == 14
    kinds = {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial"}
    for n in notices:
        assert set(gen.TRUTH_FIELDS) <= set(n)
        assert n["notice_type"] in kinds
        assert re.fullmatch(r"(WAC|EAC|LIN|SRC|MSC|NBC|IOE|YSC)\d{10}", n["receipt_number"])
        assert re.fullmatch(r"[IN]-\d+[A-Z]?", n["form"])
        assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"])
        assert n["amount"] is None or re.fullmatch(r"\d+\.\d\d", n["amount"])
        assert n["classification"] is None or "-" not in n["classification"]
        assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"])
        for key in DATES:
            assert n[key] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", n[key])
        if n["appointment"] is not None:
            assert re.fullmatch(r"\d\d:\d\d", n["appointment"]["time"])
        assert (n["petitioner"] is None) == (n["beneficiary"] is None)
        assert (n["applicant"] is None) != (n["petitioner"] is None)
    # the trap files: one receipt number for three notices; two notices on one page
    same = truth["files"]["25-text.pdf"]["notices"]
    assert len({n["receipt_number"] for n in same}) == 1 and [n["form"] for n in same] == ["I-129", "I-907", "I-129"]
    pair = truth["files"]["28-text.pdf"]["notices"]
    assert [n["pages"] for n in pair] == [[1], [1]]


def test_whole_plan_is_deterministic_and_sized() -> None:
    """The plan (values and truth) for a seed is the same every time; its size is the README's."""

    def truths(seed: int) -> list[dict[str, Any]]:
        specs = gen.plan(gen.Maker(random.Random(seed)))
        return [{"name": s.name, **n.truth()} for s in specs for doc, _ in s.parts for n, _ in doc.notices]

    first = truths(1797)
    assert first == truths(1797)
    assert first != truths(1798)
    specs = gen.plan(gen.Maker(random.Random(1797)))
    assert len(specs) == 55 and len(first) == 65
    media = [s.medium for s in specs]
    assert media.count("image") == 10 and media.count("mixed-pdf") == 2
    assert sum(1 for s in specs if not any(doc.notices for doc, _ in s.parts)) == 5


def test_bench_keeps_each_set_in_its_own_cache(tmp_path: Path) -> None:
    one, two = bench.set_folder(5, tmp_path, 1), bench.set_folder(5, tmp_path, 2)
    assert one.name.startswith("seed5-") and two.name.startswith("set2-seed5-")
    assert bench.set_folder(5, tmp_path) == one  # the default stays the first set
    assert bench.generator(2) is gen and bench.generator(1) is bench.generate
    with pytest.raises(ValueError, match="no sealed notice set 15"):
        bench.generator(15)
