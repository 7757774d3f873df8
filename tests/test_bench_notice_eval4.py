"""The fourth sealed notice set (bench/notice_eval4): its truth agrees with the files it writes.

Checked from the files themselves (pdftotext, pypdf, PIL), never with the notice parser: this test says nothing
about how the parser does on the set. A few files of the set are written (every pen producer, a pdftocairo
rewrite, two notices on one page, a fax scan, a mixed batch, a PNG, a two-page TIFF).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

gen = pytest.importorskip("bench.notice_eval4.generate")
pypdf = pytest.importorskip("pypdf")
Image = pytest.importorskip("PIL.Image")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")

SUBSET = [
    "t07-receipt.pdf",
    "t13-noid.pdf",
    "t27-applicant.pdf",
    "s07-i907.pdf",
    "m02-batch.pdf",
    "i02-receipt.png",
    "i10-noid.tif",
]
DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%B %d, %Y", "%b %d, %Y", "%d-%b-%Y", "%A, %B %d, %Y", "%Y-%m-%d")
DATES = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set4")
    gen.generate(folder, 1797, only=SUBSET)
    return folder, json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _date(text: str) -> str:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    raise AssertionError(f"not a date this test reads: {text!r}")


def _pdftotext(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", "", out.stdout)


def test_the_catalogue_has_the_mix_issue_14_asks_for() -> None:
    files = gen.plan(random.Random("notice-eval4-1797"))
    media = Counter(f.medium for f in files)
    assert media == {"text-pdf": 29, "scan-pdf": 15, "mixed-pdf": 2, "image": 11}
    notices = [n for f in files for s in f.parts for n in s.notices]
    kinds = Counter(n.kind for n in notices)
    assert len(notices) == 63
    assert kinds["biometrics"] >= 8 and kinds["approval_a"] >= 6
    assert kinds["rfe"] + kinds["noid"] + kinds["noir"] >= 7
    assert len({n.family for n in notices}) >= 6
    assert sum(1 for f in files if all(not s.notices for s in f.parts)) == 4  # not notices
    assert gen.file_names() == [f.name for f in files]


def test_media_and_page_counts_come_from_the_files(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    assert truth["generator_version"] == gen.GENERATOR_VERSION
    assert sorted(truth["files"]) == sorted(SUBSET)
    for name, entry in truth["files"].items():
        path = folder / name
        assert path.stat().st_mode & 0o077 == 0, name
        if entry["format"] == "pdf":
            assert path.read_bytes()[:5] == b"%PDF-", name
            pages = pypdf.PdfReader(str(path)).pages
            assert len(pages) == entry["pages"], name
            texts = [bool((p.extract_text() or "").strip()) for p in pages]
            images = [len(p.images) > 0 for p in pages]
            if entry["medium"] == "text-pdf":
                assert all(texts) and not any(images), name
            elif entry["medium"] == "scan-pdf":
                assert not any(texts) and all(images), name
            else:
                assert any(texts) and any(images) and not all(texts), name
        else:
            with Image.open(path) as im:
                assert im.format.lower() == {"jpeg": "jpeg", "png": "png", "tiff": "tiff"}[entry["format"]], name
                assert getattr(im, "n_frames", 1) == entry["pages"], name
                assert im.info.get("dpi", (entry["dpi"],))[0] == pytest.approx(entry["dpi"], abs=1), name
        for n in entry["notices"]:
            assert n["pages"] and all(1 <= p <= entry["pages"] for p in n["pages"]), name


def test_every_true_value_is_printed_in_the_text_layer(written: tuple[Path, dict[str, Any]]) -> None:
    """A second extractor (pdftotext; the generator checks with pypdf) finds each printed value on its pages."""
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] not in ("text-pdf", "mixed-pdf"):
            continue
        for n in entry["notices"]:
            text = "".join(_pdftotext(folder / name, p) for p in n["pages"])
            if not text:  # a scanned page of a mixed batch: checked by the generator before scanning
                continue
            for field, parts in n["_printed"].items():
                if n.get(field) is None:
                    continue
                for part in parts:
                    assert re.sub(r"\s+", "", part) in text, f"{name}: {field} {part!r}"
                    checked += 1
    assert checked > 40


def test_values_have_the_forms_the_bench_expects_and_say_what_is_printed(
    written: tuple[Path, dict[str, Any]],
) -> None:
    _, truth = written
    seen: Counter[str] = Counter()
    for name, entry in truth["files"].items():
        for n in entry["notices"]:
            printed = n["_printed"]
            assert set(gen.SCORED) <= set(n), name
            assert n["notice_type"] in (
                "receipt",
                "approval",
                "rfe",
                "biometrics",
                "transfer",
                "rejection",
                "noid",
                "denial",
            ), name
            for field in DATES:
                if n[field] is not None:
                    assert re.fullmatch(r"\d{4}-\d\d-\d\d", n[field]), name
                    assert _date(printed[field][0]) == n[field], f"{name}: {field}"
                    seen[field] += 1
            if n["receipt_number"] is not None:
                assert re.fullmatch(r"(EAC|WAC|LIN|SRC|MSC|YSC|IOE)\d{10}", n["receipt_number"]), name
                assert all(re.sub(r"[^A-Z0-9]", "", p) == n["receipt_number"] for p in printed["receipt_number"])
            if n["a_number"] is not None:
                assert re.fullmatch(r"\d{9}", n["a_number"]), name
                assert re.sub(r"\D", "", printed["a_number"][0]).rjust(9, "0") == n["a_number"], name
                seen["a_number"] += 1
            if n["i94_number"] is not None:
                assert re.fullmatch(r"\d{11}", n["i94_number"]), name
            if n["amount"] is not None:
                assert re.fullmatch(r"\d+\.\d\d", n["amount"]), name
                digits = re.sub(r"[^\d.]", "", printed["amount"][0]).strip(".")
                assert Decimal(digits) == Decimal(n["amount"]), name
            if n["appointment"] is not None:
                appt = n["appointment"]
                assert set(appt) == {"date", "time", "location"} and re.fullmatch(r"\d\d:\d\d", appt["time"])
                assert _date(printed["appointment"][0]) == appt["date"], name
                seen["appointment"] += 1
            for role in ("petitioner", "beneficiary", "applicant"):
                if n[role] is not None:
                    assert " ".join(" ".join(printed[role]).split()) == n[role], name
    assert seen["notice_date"] >= 8 and seen["appointment"] >= 1 and seen["a_number"] >= 1


def test_the_generator_refuses_a_value_its_page_does_not_print() -> None:
    n = gen.Notice(kind="receipt", form="I-129", receipt="WAC2612345678", notice_date=dt.date(2026, 3, 2))
    rec = gen.Rec(n)
    rec.kind("Receipt Notice")
    rec.receipt("hyph")
    rec.date("notice_date", "long")
    gen.check_printed(n, ["Receipt Notice WAC-26-123-45678 dated March 2, 2026"], "ok")
    with pytest.raises(RuntimeError, match="receipt_number"):
        gen.check_printed(n, ["Receipt Notice WAC-26-123-45679 dated March 2, 2026"], "bad")
    with pytest.raises(RuntimeError, match="notice_date"):
        gen.check_printed(n, ["Receipt Notice WAC-26-123-45678 dated March 3, 2026"], "bad")


def test_one_seed_writes_the_same_bytes(written: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, truth = written
    again = ["t07-receipt.pdf", "s07-i907.pdf"]
    gen.generate(tmp_path, 1797, only=again)
    second = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    for name in again:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
        assert second["files"][name] == truth["files"][name], name
    with pytest.raises(ValueError, match="no such file"):
        gen.generate(tmp_path, 1797, only=["nothing.pdf"])
