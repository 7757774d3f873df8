"""The tenth sealed notice set (bench/notice_eval10): its truth agrees with the files it writes.

Checked from the files themselves (pdftotext, pypdf, PIL), never with the notice parser: this test says
nothing about how the parser does on the set. A few files are written (reportlab, fpdf2, chromium and
LibreOffice text PDFs, three notices sharing one receipt number, two notices on one sheet, a faxed scan,
a mixed batch, a fax TIFF).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

gen = pytest.importorskip("bench.notice_eval10.generate")
pypdf = pytest.importorskip("pypdf")
Image = pytest.importorskip("PIL.Image")

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("soffice") is None or not Path("/usr/bin/chromium").exists(),
    reason="needs poppler's pdftotext, LibreOffice and chromium",
)

SUBSET = ["t01-receipt.pdf", "t14-receipt.pdf", "t18-noid.pdf", "t24-premium.pdf", "t26-pair.pdf", "m02-batch.pdf"]
CHEAP = ["s09-fax.pdf", "i06-fax.tif"]
FIELDS = set(gen.SCORED)
DATES = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")
FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%A, %B %d, %Y")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set10")
    truth = gen.generate(folder, 1797, only=SUBSET + CHEAP)
    return folder, truth


def _pdftotext(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def _date(text: str) -> str:
    for fmt in FORMATS:
        try:
            return dt.datetime.strptime(text.strip().title(), fmt).date().isoformat()
        except ValueError:
            pass
    raise AssertionError(f"not a date: {text!r}")


def _agrees(name: str, printed: Any, value: Any) -> bool:
    if name in DATES:
        return _date(printed) == value
    if name in ("receipt_number", "form", "classification"):
        return re.sub(r"[^A-Z0-9]", "", printed.upper()) == re.sub(r"[^A-Z0-9]", "", value.upper())
    if name == "a_number":
        return re.sub(r"\D", "", printed).zfill(9) == value
    if name == "i94_number":
        return re.sub(r"\D", "", printed) == value
    if name == "amount":
        return Decimal(re.sub(r"[^0-9.]", "", printed).strip(".")) == Decimal(value)
    if name == "appointment":
        return _date(printed["date"]) == value["date"] and printed["location"] == value["location"]
    return " ".join(printed.split()) == value


def test_truth_shape_and_value_forms(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    assert truth["generator_version"] == gen.GENERATOR_VERSION
    assert set(truth["files"]) == set(SUBSET + CHEAP)
    for name, entry in truth["files"].items():
        assert entry["medium"] in ("text-pdf", "scan-pdf", "mixed-pdf", "image"), name
        assert entry["label"] and entry["pages"] >= 1
        for notice in entry["notices"]:
            assert set(notice) >= FIELDS, name
            assert notice["pages"] and all(1 <= p <= entry["pages"] for p in notice["pages"])
            assert notice["receipt_number"] and re.fullmatch(r"[A-Z]{3}\d{10}", notice["receipt_number"])
            for key in DATES:
                if notice[key] is not None:
                    dt.date.fromisoformat(notice[key])
            if notice["a_number"] is not None:
                assert re.fullmatch(r"\d{9}", notice["a_number"])
            if notice["i94_number"] is not None:
                assert re.fullmatch(r"\d{11}", notice["i94_number"])
            if notice["amount"] is not None:
                assert re.fullmatch(r"\d+\.\d\d", notice["amount"])
            if notice["appointment"] is not None:
                assert re.fullmatch(r"\d\d:\d\d", notice["appointment"]["time"])
            # every scored value is printed, and the printed text says it
            for key in FIELDS - {"notice_type"}:
                assert (notice[key] is None) == (key not in notice["_printed"]), (name, key)
                if notice[key] is not None:
                    assert _agrees(key, notice["_printed"][key], notice[key]), (name, key)


def test_printed_values_are_in_the_text_layer(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        path = folder / name
        if entry["medium"] not in ("text-pdf", "mixed-pdf"):
            continue
        assert len(pypdf.PdfReader(str(path)).pages) == entry["pages"]
        for notice in entry["notices"]:
            text = _squash(" ".join(_pdftotext(path, p) for p in notice["pages"]))
            if entry["medium"] == "mixed-pdf" and not text:
                continue  # the scanned part of a batch has no text layer
            for key, printed in notice["_printed"].items():
                needles = [printed["date"], printed["time"], printed["location"]] if key == "appointment" else [printed]
                for needle in needles:
                    words = needle.split()
                    # a wrapped name is printed on two lines: each of its words is there
                    assert all(_squash(word) in text for word in words), (name, key, needle)
                    checked += 1
    assert checked > 60


def test_multi_notice_files(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    premium = truth["files"]["t24-premium.pdf"]["notices"]
    assert [n["form"] for n in premium] == ["I-129", "I-907", "I-129"]
    assert len({n["receipt_number"] for n in premium}) == 1
    assert [n["notice_type"] for n in premium] == ["receipt", "receipt", "approval"]
    pair = truth["files"]["t26-pair.pdf"]
    assert pair["pages"] == 1 and [n["pages"] for n in pair["notices"]] == [[1], [1]]
    batch = truth["files"]["m02-batch.pdf"]
    assert len(batch["notices"]) == 2 and batch["notices"][0]["pages"] == [1]


def test_scans_and_images_have_no_text_layer(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    assert _pdftotext(folder / "s09-fax.pdf", 1).strip() == ""
    assert _pdftotext(folder / "m02-batch.pdf", 1).strip() == ""
    assert _pdftotext(folder / "m02-batch.pdf", 2).strip() != ""
    with Image.open(folder / "i06-fax.tif") as img:
        assert img.mode == "1" and getattr(img, "n_frames", 1) == truth["files"]["i06-fax.tif"]["pages"]
    assert (folder / "truth.json").stat().st_mode & 0o077 == 0


def test_same_seed_same_bytes(written: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, truth = written
    again = gen.generate(tmp_path, 1797, only=CHEAP)
    for name in CHEAP:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
        assert json.dumps(again["files"][name], sort_keys=True) == json.dumps(truth["files"][name], sort_keys=True)


def test_refuses_a_truth_its_page_does_not_print(tmp_path: Path) -> None:
    files = gen.build_contents(1797)
    notice = next(part[1] for spec in files for part in spec["built"] if part[0] == "n" and part[1].family == "grid")
    pdf = tmp_path / "n.pdf"
    gen.rl_notice(pdf, notice, gen.random.Random(1))
    gen.check_notice(notice, pdf, [1])  # as written: accepted
    notice.truth["notice_date"] = "1999-01-01"
    with pytest.raises(SystemExit, match="notice_date"):
        gen.check_notice(notice, pdf, [1])
    notice.show["notice_date"] = "01/01/1999"
    with pytest.raises(SystemExit, match="notice_date"):
        gen.check_notice(notice, pdf, [1])


def test_catalogue_mix() -> None:
    files = gen.build_contents(1797)
    media = Counter(spec["medium"] for spec in files)
    notices = [n for spec in files for n in _notices(spec)]
    assert 50 <= len(files) <= 60 and 55 <= len(notices) <= 70
    assert media["mixed-pdf"] == 2 and media["text-pdf"] >= 0.4 * len(files) and media["scan-pdf"] >= 0.25 * len(files)
    assert sum(1 for spec in files if not _notices(spec)) in (3, 4)
    assert 5 <= sum(1 for spec in files if len(_notices(spec)) > 1 and spec["medium"] != "mixed-pdf") <= 6
    assert len({n.family for n in notices}) >= 5
    kinds = Counter(n.truth["notice_type"] for n in notices)
    assert kinds["receipt"] > kinds["approval"] > kinds["rfe"] >= 1 and kinds["noid"] >= 1 and kinds["denial"] >= 1


def _notices(spec: dict[str, Any]) -> list[Any]:
    out = []
    for part in spec["built"]:
        if part[0] in ("n", "scan"):
            out.append(part[1])
        elif part[0] == "pair":
            out += part[1]
    return out
