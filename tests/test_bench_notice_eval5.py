"""The fifth sealed notice set's generator (bench/notice_eval5): files against their truth, read back with
poppler (a second extractor; the generator itself checks with pypdf). Never runs the notice parser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.notice_eval5 import generate as gen

SEED = 1797
SAMPLE = {
    "t01.pdf",  # fpdf2
    "t14.pdf",  # LibreOffice, two pages
    "t18.pdf",  # chromium
    "t24-two-on-one.pdf",  # reportlab, two notices on one page
    "s05.pdf",  # a 1-bit fax scan
    "x1-mail.pdf",  # a mixed batch
    "i10-premium.tif",  # a two-page TIFF
}
NEEDS = ("soffice", "pdftotext", "pdfinfo", "pdfimages")
pytestmark = pytest.mark.skipif(
    any(shutil.which(tool) is None for tool in NEEDS) or not Path("/usr/bin/chromium").exists(),
    reason="needs LibreOffice, chromium and poppler-utils",
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set5")
    truth = gen.generate(folder, SEED, only=SAMPLE)
    return folder, truth


def _poppler(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _pages(path: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", str(path))).group(1))  # type: ignore[union-attr]


def _text(path: Path, page: int) -> str:
    return re.sub(r"\s+", "", _poppler("pdftotext", "-f", str(page), "-l", str(page), str(path), "-"))


def test_truth_file_shape(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    on_disk = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    assert on_disk == truth
    assert set(truth["files"]) == SAMPLE
    assert truth["generator_version"] == gen.GENERATOR_VERSION and truth["seed"] == SEED
    for name, entry in truth["files"].items():
        assert (folder / name).stat().st_mode & 0o077 == 0
        assert entry["medium"] in ("text-pdf", "scan-pdf", "mixed-pdf", "image")
        for notice in entry["notices"]:
            assert set(gen.SCORED) <= set(notice)
            assert notice["pages"] and all(1 <= p <= entry["pages"] for p in notice["pages"])
            for key in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                assert notice[key] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", notice[key])
            assert notice["a_number"] is None or re.fullmatch(r"\d{9}", notice["a_number"])
            assert notice["i94_number"] is None or re.fullmatch(r"\d{11}", notice["i94_number"])
            assert notice["amount"] is None or re.fullmatch(r"\d+\.\d\d", notice["amount"])
            assert notice["receipt_number"] is None or re.fullmatch(r"[A-Z]{3}\d{10}", notice["receipt_number"])
            assert notice["notice_type"] in (
                "receipt",
                "approval",
                "rfe",
                "biometrics",
                "transfer",
                "rejection",
                "noid",
                "denial",
            )
            appt = notice["appointment"]
            assert appt is None or (re.fullmatch(r"\d\d:\d\d", appt["time"]) and appt["location"])


def test_text_pages_print_every_true_value(written: tuple[Path, dict[str, Any]]) -> None:
    """pdftotext finds each printed value of each notice on the notice's own pages."""
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] != "text-pdf":
            continue
        path = folder / name
        assert _pages(path) == entry["pages"]
        for notice in entry["notices"]:
            text = "".join(_text(path, p) for p in notice["pages"])
            for field_name, strings in notice["_printed"].items():
                for printed in strings:
                    assert re.sub(r"\s+", "", printed) in text, (name, field_name, printed)
                    checked += 1
    assert checked > 30


def test_media_are_what_the_truth_says(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    fax = truth["files"]["s05.pdf"]
    assert _pages(folder / "s05.pdf") == fax["pages"] == 1
    assert _text(folder / "s05.pdf", 1) == ""  # no text layer: an image only
    assert "ccitt" in _poppler("pdfimages", "-list", str(folder / "s05.pdf"))
    mixed = truth["files"]["x1-mail.pdf"]
    assert _pages(folder / "x1-mail.pdf") == mixed["pages"] == 3
    assert _text(folder / "x1-mail.pdf", 1) and _text(folder / "x1-mail.pdf", 3)
    assert _text(folder / "x1-mail.pdf", 2) == ""  # the scanned page of the batch
    assert [n["pages"] for n in mixed["notices"]] == [[1], [2], [3]]
    two = truth["files"]["t24-two-on-one.pdf"]
    assert [n["pages"] for n in two["notices"]] == [[1], [1]]
    with Image.open(folder / "i10-premium.tif") as tiff:
        assert getattr(tiff, "n_frames", 1) == 2 == truth["files"]["i10-premium.tif"]["pages"]
    notices = truth["files"]["i10-premium.tif"]["notices"]
    assert notices[0]["receipt_number"] == notices[1]["receipt_number"]
    assert {n["form"] for n in notices} == {"I-129", "I-907"}
    rfe = truth["files"]["t14.pdf"]
    assert rfe["pages"] == 2 and rfe["notices"][0]["pages"] == [1, 2] and rfe["notices"][0]["response_due"]
    producers = _poppler("pdfinfo", str(folder / "t14.pdf")) + _poppler("pdfinfo", str(folder / "t18.pdf"))
    assert "LibreOffice" in producers and "Skia" in producers


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    names = {"t01.pdf", "i05.tif"}
    first = gen.generate(tmp_path / "a", SEED, only=names)
    second = gen.generate(tmp_path / "b", SEED, only=names)
    assert first == second
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    other = gen.generate(tmp_path / "c", SEED + 1, only={"t01.pdf"})
    assert other["files"]["t01.pdf"]["notices"] != first["files"]["t01.pdf"]["notices"]


def test_refuses_a_value_the_page_does_not_print() -> None:
    notice = gen.Maker(gen.random.Random(3)).notice("receipt", "I-485", "grid", styles=dict(gen.STY["grid"]))
    pdf, _ = gen.render_grid([notice], "lib-sans")
    texts = gen.page_texts(pdf)
    gen.check_notice(notice, texts, "as printed")
    notice.fields["notice_date"] = "1999-01-01"
    with pytest.raises(SystemExit, match="notice_date"):
        gen.check_notice(notice, texts, "altered truth")
    notice.printed["a_number"] = ["A999 999 999"]
    with pytest.raises(SystemExit, match="not in the text layer"):
        gen.check_notice(notice, texts, "a value not on the page")


def test_catalogue_mix() -> None:
    files = gen.catalogue(SEED)
    media = Counter(f.medium for f in files)
    notices = [n for f in files for p in f.parts for n in p.notices]
    assert 50 <= len(files) <= 60 and 55 <= len(notices) <= 70
    assert media["text-pdf"] >= 0.45 * len(files) and media["mixed-pdf"] == 2
    assert media["scan-pdf"] >= 12 and media["image"] >= 9
    multi = [f for f in files if sum(len(p.notices) for p in f.parts) > 1]
    assert len(multi) >= 6
    assert 3 <= sum(1 for f in files if not any(p.notices for p in f.parts)) <= 4
    assert len({n.family for n in notices}) >= 5
    producers = {
        "grid": "fpdf2",
        "ledger": "reportlab",
        "asc": "reportlab",
        "compact": "reportlab",
        "letter": "libreoffice",
        "portal": "chromium",
    }
    assert len({producers[p.family] for f in files for p in f.parts if p.family in producers}) == 4
    shared = [f for f in multi if len({n.ctx["receipt_raw"] for p in f.parts for n in p.notices}) == 1]
    assert any({n.form for p in f.parts for n in p.notices} >= {"I-129", "I-907"} for f in shared)
