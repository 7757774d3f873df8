"""The sixth notice set (bench/notice_eval6): its truth agrees with the files it writes.

Checked from the files themselves with a second extractor (poppler's pdftotext) and PIL, never with the
notice parser: this test says nothing about how the parser does on the set. A few files of the set are written.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")
pytest.importorskip("img2pdf")
pytest.importorskip("pikepdf")

from bench.notice_eval6 import generate as gen

needs = pytest.mark.skipif(
    not (
        shutil.which("pdftotext")
        and shutil.which("pdftocairo")
        and shutil.which("qpdf")
        and Path(gen.CHROMIUM).exists()
    ),
    reason="needs poppler, qpdf and /usr/bin/chromium",
)

SEED = 1797


def _pick(specs: list[gen.FileSpec]) -> list[str]:
    """One file of each sort the test checks, chosen from the catalogue by what it is, not by its name."""
    chosen: list[str] = []

    def first(test: Any) -> None:
        name = next(spec.name for spec in specs if test(spec) and spec.name not in chosen)
        chosen.append(name)

    text = [s for s in specs if s.medium == "text-pdf"]
    first(lambda s: s in text and s.parts[0].producer == "fpdf2" and len(s.parts) == 1 and s.parts[0].notices)
    first(lambda s: s in text and s.parts[0].producer == "chromium" and s.parts[0].rewrite == "pdftocairo")
    first(lambda s: s in text and s.parts[0].rewrite == "qpdf")
    first(lambda s: s in text and s.parts[0].sheet)
    first(lambda s: s in text and len(s.parts) == 3 and len({n.receipt for p in s.parts for n in p.notices}) == 1)
    first(lambda s: s.medium == "scan-pdf" and s.parts[0].blank_backs and len(s.parts[0].notices) == 1)
    first(lambda s: s.medium == "mixed-pdf" and any((p.scan or {}).get("fax") for p in s.parts))
    first(lambda s: s.image == "tiff")
    first(lambda s: s.image == "png")
    return chosen


def _pdftotext(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def _squash(text: str) -> str:
    return "".join(text.split())


DATE_FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %b %Y")


def _date(text: str) -> str:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.title() if fmt == "%d %b %Y" else text, fmt).date().isoformat()
        except ValueError:
            continue
    raise AssertionError(f"not a date: {text!r}")


def _says(name: str, printed: str, expected: Any) -> bool:
    """Whether the printed text says the expected value (read back independently of the generator)."""
    if name.endswith("_date") or name in ("valid_from", "valid_to", "response_due"):
        return _date(printed) == expected
    if name == "receipt_number":
        return re.sub(r"[^A-Z0-9]", "", printed.upper()) == expected
    if name == "a_number":
        return re.sub(r"\D", "", printed).zfill(9) == expected
    if name == "i94_number":
        return re.sub(r"\D", "", printed) == expected
    if name == "amount":
        found = re.search(r"\d[\d,]*\.\d\d", printed)
        return found is not None and Decimal(found.group().replace(",", "")) == Decimal(expected)
    if name == "form":
        return re.sub(r"[^A-Z0-9]", "", printed.upper()) == re.sub(r"[^A-Z0-9]", "", expected)
    if name == "classification":
        return printed == expected
    if name in ("petitioner", "beneficiary", "applicant"):
        return _squash(printed.upper()) in _squash(expected.upper())
    return True  # notice_type and appointment parts: checked for presence only


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set6")
    names = _pick(gen.catalogue(SEED))
    truth = gen.generate(folder, SEED, only=names)
    return folder, truth


@needs
def test_files_and_media(written: tuple[Path, dict[str, Any]]) -> None:
    from PIL import Image

    folder, truth = written
    assert len(truth["files"]) == 9
    for name, entry in truth["files"].items():
        path = folder / name
        assert path.stat().st_mode & 0o077 == 0, name
        if entry["medium"] == "image":
            with Image.open(path) as img:
                assert getattr(img, "n_frames", 1) == entry["pages"], name
            continue
        pages = _pdftotext(path)
        assert len(pages) == entry["pages"], name
        has_text = [bool(page.strip()) for page in pages]
        if entry["medium"] == "text-pdf":
            assert all(has_text), name
        elif entry["medium"] == "scan-pdf":
            assert not any(has_text), name
        else:
            assert any(has_text) and not all(has_text), name


@needs
def test_printed_values_in_the_text_layer_and_true(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] != "text-pdf":
            continue
        pages = _pdftotext(folder / name)
        for notice in entry["notices"]:
            layer = _squash(" ".join(pages[i - 1] for i in notice["pages"]))
            for field_name, parts in notice["_printed"].items():
                assert notice[field_name] is not None, (name, field_name)
                for text in parts:
                    assert _squash(text) in layer, (name, field_name, text)
                    assert _says(field_name, text, notice[field_name]), (name, field_name, text, notice[field_name])
                    checked += 1
            for field_name in gen.FIELDS:
                if field_name not in notice["_printed"]:
                    assert notice[field_name] is None, (name, field_name)
    assert checked > 60


@needs
def test_value_forms(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    for entry in truth["files"].values():
        for n in entry["notices"]:
            assert set(gen.FIELDS) <= set(n)
            assert n["notice_type"] in {
                "receipt",
                "approval",
                "rfe",
                "biometrics",
                "transfer",
                "rejection",
                "noid",
                "denial",
            }
            assert re.fullmatch(r"(IOE|WAC|EAC|LIN|SRC|MSC|YSC)\d{10}", n["receipt_number"])
            for key in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                assert n[key] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", n[key])
            assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"])
            assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"])
            assert n["amount"] is None or re.fullmatch(r"\d+\.\d\d", n["amount"])
            assert n["classification"] is None or "-" not in n["classification"]
            if n["appointment"]:
                assert set(n["appointment"]) == {"date", "time", "location"}
                assert re.fullmatch(r"\d\d:\d\d", n["appointment"]["time"])
            assert n["pages"] and all(1 <= p <= entry["pages"] for p in n["pages"])


@needs
def test_multi_notice_pages(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    shapes = {len(e["notices"]): e for e in truth["files"].values() if e["medium"] == "text-pdf"}
    sheet = next(e for e in truth["files"].values() if len(e["notices"]) == 2 and e["pages"] == 1)
    assert [n["pages"] for n in sheet["notices"]] == [[1], [1]]
    three = shapes[3]
    assert len({n["receipt_number"] for n in three["notices"]}) == 1
    assert [n["form"] for n in three["notices"]] == ["I-129", "I-907", "I-129"]
    duplex = next(e for e in truth["files"].values() if e["medium"] == "scan-pdf")
    assert duplex["pages"] == 2 * len(duplex["notices"][0]["pages"])


def test_refuses_a_value_not_printed(tmp_path: Path) -> None:
    rng = gen.random.Random(3)
    notice = gen.make_notice(rng, "receipt", "ledger", "DejaVuSans", "now", form="I-765")
    printed = gen.Printed(notice)
    pages = gen.fam_ledger(notice, printed, rng)
    path = tmp_path / "one.pdf"
    gen.draw_reportlab(pages, path, "t")
    gen.check_printed(path, [printed], [[1]])
    printed.put("receipt_number", "WAC9999999999")
    with pytest.raises(AssertionError, match="not in the text layer"):
        gen.check_printed(path, [printed], [[1]])


@needs
def test_deterministic(written: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """The same seed writes the same bytes (one of the files again, alone: parts are seeded by file)."""
    folder, truth = written
    name = next(n for n, e in truth["files"].items() if len(e["notices"]) == 3 and e["medium"] == "text-pdf")
    again = gen.generate(tmp_path, SEED, only=[name])
    assert again["files"][name] == truth["files"][name]
    assert (tmp_path / name).read_bytes() == (folder / name).read_bytes()


def test_catalogue_mix() -> None:
    specs = gen.catalogue(SEED)
    media = Counter(spec.medium for spec in specs)
    notices = sum(len(part.notices) for spec in specs for part in spec.parts)
    assert 50 <= len(specs) <= 65 and 55 <= notices <= 75
    assert media["text-pdf"] >= 0.55 * len(specs) and media["mixed-pdf"] == 2 and media["scan-pdf"] >= 10
    assert media["image"] >= 8
    producers = {part.producer for spec in specs for part in spec.parts}
    assert {"reportlab", "fpdf2", "chromium", "soffice"} <= producers
    assert {part.rewrite for spec in specs for part in spec.parts} >= {"pdftocairo", "qpdf"}
    families = {n.family for spec in specs for part in spec.parts for n in part.notices}
    assert len(families) >= 8
    assert sum(1 for spec in specs if not any(part.notices for part in spec.parts)) >= 3
    assert sum(1 for spec in specs if sum(len(p.notices) for p in spec.parts) > 1) >= 5
    assert catalogue_differs(specs, gen.catalogue(SEED + 1))


def catalogue_differs(a: list[gen.FileSpec], b: list[gen.FileSpec]) -> bool:
    receipts = [n.receipt for spec in a for part in spec.parts for n in part.notices]
    others = [n.receipt for spec in b for part in spec.parts for n in part.notices]
    return receipts != others
