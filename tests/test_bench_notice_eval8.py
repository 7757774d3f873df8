"""Notice set 8 (bench/notice_eval8): its files say what its truth says, read back by a second extractor.

Never runs the notice parser: the set is kept unseen (bench/notice_eval8/README.md).
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bench.notice_eval8 import generate as set8

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("soffice") and Path("/usr/bin/chromium").exists()),
    reason="needs poppler-utils, LibreOffice and /usr/bin/chromium",
)

# a reportlab file of three notices, fpdf2 with two notices on one sheet, LibreOffice, chromium,
# a faxed scan, a mixed batch and a two-page TIFF
SOME = ["t23.pdf", "t24.pdf", "t11.pdf", "t14.pdf", "s03.pdf", "m01.pdf", "i09.tif"]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set8")
    return folder, set8.generate(folder, 1797, only=SOME)


def _text(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert found
    return int(found.group(1))


def _squash(s: str) -> str:
    return "".join(s.split())


def test_media_pages_and_printed_values(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    assert sorted(truth["files"]) == sorted(SOME)
    for name, entry in truth["files"].items():
        path = folder / name
        assert path.stat().st_mode & 0o077 == 0, name
        if entry["format"] == "tiff":
            from PIL import Image

            with Image.open(path) as im:
                assert getattr(im, "n_frames", 1) == entry["pages"]
            continue
        assert _pages(path) == entry["pages"], name
        texts = {p: _text(path, p) for p in range(1, entry["pages"] + 1)}
        has_text = {p for p, t in texts.items() if len(t.strip()) > 40}
        if entry["medium"] == "text-pdf":
            assert has_text == set(texts), name
        elif entry["medium"] == "scan-pdf":
            assert not has_text, name
        else:
            assert has_text and has_text != set(texts), name
        for notice in entry["notices"]:
            assert notice["pages"], name
            pages = set(notice["pages"])
            if not pages <= has_text:
                assert not pages & has_text, name  # a scanned notice: no text layer to check against
                continue
            where = _squash(" ".join(texts[p] for p in sorted(pages)))
            for field, pieces in notice["_printed"].items():
                for piece in pieces:
                    assert _squash(piece) in where, (name, field, piece)


def test_value_forms(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    iso = re.compile(r"^\d{4}-\d\d-\d\d$")
    for name, entry in truth["files"].items():
        for n in entry["notices"]:
            assert set(set8.FIELDS) <= set(n), name
            assert n["notice_type"] in (
                None,
                "receipt",
                "approval",
                "rfe",
                "biometrics",
                "transfer",
                "rejection",
                "noid",
                "denial",
            )
            assert re.fullmatch(r"(EAC|WAC|LIN|SRC|MSC|IOE|YSC)\d{10}", n["receipt_number"]), name
            assert re.fullmatch(r"[IN]-\d{2,3}[A-Z]?", n["form"]), name
            for f in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                assert n[f] is None or iso.match(n[f]), (name, f)
            assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"])
            assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"])
            assert n["amount"] is None or re.fullmatch(r"\d+\.\d\d", n["amount"])
            assert n["classification"] is None or "-" not in n["classification"]
            if n["appointment"] is not None:
                assert iso.match(n["appointment"]["date"]) and re.fullmatch(r"\d\d:\d\d", n["appointment"]["time"])
                assert n["appointment"]["location"]
            assert set(n["_printed"]) == {f for f in set8.FIELDS if n[f] is not None}, name
            assert all(n["_printed"].values()), name
    t23 = truth["files"]["t23.pdf"]["notices"]
    assert len({n["receipt_number"] for n in t23}) == 1 and [n["form"] for n in t23] == ["I-129", "I-907", "I-129"]
    assert [n["pages"] for n in truth["files"]["t24.pdf"]["notices"]] == [[1], [1]]


def test_same_bytes_for_a_seed(tmp_path: Path) -> None:
    set8.generate(tmp_path / "a", 5, only=["t01.pdf"])
    set8.generate(tmp_path / "b", 5, only=["t01.pdf"])
    set8.generate(tmp_path / "c", 6, only=["t01.pdf"])
    a, b, c = ((tmp_path / x / "t01.pdf").read_bytes() for x in "abc")
    assert a == b and a != c
    assert (tmp_path / "a" / "truth.json").read_bytes() == (tmp_path / "b" / "truth.json").read_bytes()


def test_refuses_a_value_the_page_does_not_print() -> None:
    rng = random.Random(3)
    maker = set8.Maker(rng)
    n = maker.notice("receipt", "I-765", "grid", 2026, with_anum=True)
    doc = set8.Doc("x", "reportlab", "grid", [n], dict(set8.STYLES[0]))
    set8.render_canvas(doc, rng)
    set8.check_doc(doc)  # as printed: fine
    n.t["valid_to"] = "2027-01-01"  # a value nothing on the page says
    with pytest.raises(AssertionError, match="does not print"):
        set8.check_doc(doc)
    n.t["valid_to"] = None
    n.t["receipt_number"] = "WAC2600000001"  # the page says another receipt number
    with pytest.raises(AssertionError, match="does not say"):
        set8.check_doc(doc)


def test_catalogue_mix() -> None:
    files = set8.catalogue(random.Random(1797))
    media = [f.medium for f in files]
    notices = [n for f in files for p in f.parts for n in p.doc.notices]
    assert 50 <= len(files) <= 60 and 55 <= len(notices) <= 70
    assert media.count("text-pdf") >= len(files) * 0.4 and media.count("mixed-pdf") == 2
    assert len(files) / 4 <= media.count("scan-pdf") <= len(files) / 2.5
    assert sum(1 for f in files if not any(p.doc.notices for p in f.parts)) in (3, 4)
    assert sum(1 for f in files if sum(len(p.doc.notices) for p in f.parts) > 1) >= 6
    assert len({n.family for n in notices}) >= 5
    assert {p.doc.producer for f in files for p in f.parts} >= {"reportlab", "fpdf", "docx", "html"}
    assert {f.fmt for f in files} == {"pdf", "jpeg", "png", "tiff"}
