"""The ninth notice evaluation set: a few of its files, read back with poppler and Pillow, agree with its truth.

Never runs the notice parser (the set is kept unseen; README of bench/notice_eval9).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.notice_eval9 import generate as gen

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

SEED = 1797


def _pick(rows: list[dict[str, Any]]) -> list[str]:
    """Seven files from the reportlab and fpdf2 producers (no LibreOffice or chromium: fast)."""
    want = [
        lambda r: r["medium"] == "text-pdf" and r["producers"] == ["reportlab"] and r["notices"] == 3,
        lambda r: r["medium"] == "text-pdf" and r["producers"] == ["reportlab"] and "two to a sheet" in r["label"],
        lambda r: r["medium"] == "text-pdf" and r["producers"] == ["fpdf2"],
        lambda r: r["medium"] == "text-pdf" and r["label"] == "strip receipt I-129",
        lambda r: r["effect"] == "fax",
        lambda r: r["medium"] == "mixed-pdf" and "fpdf2" in r["producers"],
        lambda r: r["effect"] == "tiff-lzw",
    ]
    return [next(r["name"] for r in rows if test(r)) for test in want]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[str]]:
    folder = tmp_path_factory.mktemp("set9")
    names = _pick(gen.catalogue(SEED))
    truth = gen.generate(folder, SEED, only=names)
    return folder, truth, names


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdftotext(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def _page_count(path: Path) -> int:
    if path.suffix == ".pdf":
        info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    with Image.open(path) as image:
        return getattr(image, "n_frames", 1)


def test_files_pages_and_media(written: tuple[Path, dict[str, Any], list[str]]) -> None:
    folder, truth, names = written
    assert sorted(truth["files"]) == sorted(names)
    assert (folder / "truth.json").stat().st_mode & 0o077 == 0
    for name in names:
        entry = truth["files"][name]
        path = folder / name
        assert path.stat().st_mode & 0o077 == 0
        assert _page_count(path) == entry["pages"], name
        if entry["format"] != "pdf":
            continue
        texts = [_pdftotext(path, p) for p in range(1, entry["pages"] + 1)]
        if entry["medium"] == "text-pdf":
            assert all(t.strip() for t in texts), name
        elif entry["medium"] == "scan-pdf":
            assert not any(t.strip() for t in texts), name
        else:  # a mixed batch: some pages printed, some scanned
            assert any(t.strip() for t in texts) and not all(t.strip() for t in texts), name


def test_printed_values_are_on_their_pages(written: tuple[Path, dict[str, Any], list[str]]) -> None:
    """pdftotext (not the generator's pypdf) finds every printed value on its notice's own printed pages."""
    folder, truth, _ = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["format"] != "pdf":
            continue
        texts = {p: _squash(_pdftotext(folder / name, p)) for p in range(1, entry["pages"] + 1)}
        for notice in entry["notices"]:
            pages = [p for p in notice["pages"] if texts[p]]
            if not pages:
                continue  # a scanned page: checked in its source by the generator
            hay = "".join(texts[p] for p in pages)
            for field_name, pieces in notice["_printed"].items():
                for piece in pieces:
                    assert _squash(piece) in hay, (name, field_name, piece)
                    checked += 1
            for field_name in gen.SCORED:
                if notice[field_name] is not None and field_name != "notice_type":
                    assert field_name in notice["_printed"], (name, field_name)
    assert checked > 60


def test_value_forms(written: tuple[Path, dict[str, Any], list[str]]) -> None:
    _, truth, _ = written
    notices = [n for e in truth["files"].values() for n in e["notices"]]
    assert len(notices) >= 10
    for n in notices:
        assert set(gen.SCORED) <= set(n)
        assert re.fullmatch(r"(EAC|WAC|LIN|SRC|MSC|IOE|YSC)\d{10}", n["receipt_number"])
        assert re.fullmatch(r"I-\d{2,3}[A-Z]?|N-\d{3}", n["form"])
        for name in gen.DATE_FIELDS:
            assert n[name] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", n[name])
        assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"])
        assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"])
        assert n["amount"] is None or re.fullmatch(r"\d+\.\d{2}", n["amount"])
        assert n["classification"] is None or "-" not in n["classification"]
        if n["appointment"]:
            assert re.fullmatch(r"\d{2}:\d{2}", n["appointment"]["time"])
    # one receipt number shared by a receipt, its I-907 receipt and the approval
    shared = [e for e in truth["files"].values() if len(e["notices"]) == 3 and e["medium"] == "text-pdf"]
    assert shared and len({n["receipt_number"] for n in shared[0]["notices"]}) == 1
    assert [n["form"] for n in shared[0]["notices"]] == ["I-129", "I-907", "I-129"]
    two_up = [
        e for e in truth["files"].values() if e["medium"] == "text-pdf" and e["pages"] == 1 and len(e["notices"]) == 2
    ]
    assert two_up and all(n["pages"] == [1] for n in two_up[0]["notices"])


def test_same_seed_same_bytes(written: tuple[Path, dict[str, Any], list[str]], tmp_path: Path) -> None:
    folder, truth, names = written
    again = gen.generate(tmp_path, SEED, only=names[:1])
    assert (tmp_path / names[0]).read_bytes() == (folder / names[0]).read_bytes()
    assert again["files"][names[0]] == truth["files"][names[0]]  # alone as among the module's part of the set


def test_refuses_a_value_the_page_does_not_print() -> None:
    notice = gen.Maker(gen.Random(3)).notice("receipt", "I-485")
    notice.family = "strip"
    notice.put("notice_type", "Receipt Notice")
    notice.put("receipt_number", notice.receipt)
    notice.date("notice_date", "us")
    doc = gen.Doc("d99", "rl", [notice], 1, starts=[0], npages=1)
    doc.texts = [f"Receipt Notice {notice.receipt}"]  # the notice date is not on the page
    with pytest.raises(SystemExit, match="notice_date"):
        gen.verify(doc)
    doc.texts = [f"Receipt Notice {notice.receipt} {gen.fmt_date(notice.notice_date, 'us')}"]
    gen.verify(doc)
    notice.checks[-1] = ("notice_date", "01/02/1999", "us")  # printed, but another date
    notice.printed["notice_date"] = ["01/02/1999"]
    doc.texts = [f"Receipt Notice {notice.receipt} 01/02/1999"]
    with pytest.raises(SystemExit, match="reads"):
        gen.verify(doc)


def test_catalogue_mix() -> None:
    rows = gen.catalogue(SEED)
    media = Counter(r["medium"] for r in rows)
    assert 50 <= len(rows) <= 60 and 55 <= sum(r["notices"] for r in rows) <= 70
    assert media["text-pdf"] >= 25 and media["scan-pdf"] >= 15 and media["image"] >= 8 and media["mixed-pdf"] == 2
    assert {p for r in rows for p in r["producers"]} == {"reportlab", "fpdf2", "libreoffice", "chromium"}
    assert 3 <= sum(1 for r in rows if r["notices"] == 0) <= 4
    assert {r["format"] for r in rows} == {"pdf", "jpeg", "png", "tiff"}
    assert gen.catalogue(SEED) == rows
