"""The seventh notice set (bench/notice_eval7): its truth agrees with the files it writes.

Checked from the files themselves (pdftotext, pdfinfo, pdffonts, Pillow), never with the notice parser: this
test says nothing about how the parser does on the set. A few files are written: a reportlab notice with its
printed back, two half-sheet notices on one fpdf2 sheet, a chromium notice, a standard-mode fax, a mixed
batch with duplex backs, a PNG scan turned sideways and a fax TIFF with two notices.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.notice_eval7 import generate as g

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and Path("/usr/bin/chromium").exists()),
    reason="needs poppler-utils and /usr/bin/chromium",
)

SEED = 1797
SPECS = g.catalogue(random.Random(SEED))


def _pick(label_part: str) -> str:
    return next(s.name for s in SPECS if label_part in s.label)


CHOSEN = {
    _pick("I-129 receipt with its printed back"),
    _pick("two half-sheet receipts for one person"),
    _pick("I-765 receipt, portal"),
    _pick("standard-mode fax"),
    _pick("batch: scanned NOID, printed receipt"),
    _pick("I-131 receipt, PNG scan sideways"),
    _pick("receipt and I-907 receipt, fax TIFF"),
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set7")
    truth = g.generate(folder, SEED, only=CHOSEN)
    return folder, truth


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u2022", " ").split())


def _pdftotext(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [_norm(page) for page in out.split("\f")]


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def _text_pages(path: Path) -> set[int]:
    """The pages with fonts (printed text); scanned pages have none."""
    pages = set()
    for page in range(1, _pdf_pages(path) + 1):
        out = subprocess.run(["pdffonts", "-f", str(page), "-l", str(page), str(path)], capture_output=True,
                             text=True, check=True).stdout
        if len(out.strip().splitlines()) > 2:
            pages.add(page)
    return pages


def test_truth_file_shape(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    on_disk = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    assert on_disk == truth
    assert on_disk["generator_version"] == g.GENERATOR_VERSION and on_disk["seed"] == SEED
    assert set(truth["files"]) == CHOSEN
    assert (folder / "truth.json").stat().st_mode & 0o077 == 0


def test_media_and_pages_from_the_files(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    for name, entry in truth["files"].items():
        path = folder / name
        if entry["medium"] == "image":
            with Image.open(path) as im:
                assert getattr(im, "n_frames", 1) == entry["pages"], name
                assert im.format.lower().startswith(entry["format"][:3]) or entry["format"] == "jpg", name
            continue
        assert path.read_bytes().startswith(b"%PDF"), name
        assert _pdf_pages(path) == entry["pages"], name
        text_pages = _text_pages(path)
        if entry["medium"] == "text-pdf":
            assert text_pages == set(range(1, entry["pages"] + 1)), name
        elif entry["medium"] == "scan-pdf":
            assert not text_pages, name
        else:
            assert text_pages and len(text_pages) < entry["pages"], name
        for n in entry["notices"]:
            assert set(n["pages"]) <= set(range(1, entry["pages"] + 1)), name


def test_printed_values_found_by_a_second_extractor(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] == "image":
            continue
        path = folder / name
        texts = _pdftotext(path)
        for n in entry["notices"]:
            pages = [p for p in n["pages"] if texts[p - 1]]
            if not pages:
                continue
            text = " ".join(texts[p - 1] for p in pages)
            for fieldname, parts in n["_printed"].items():
                for part in parts:
                    assert _norm(part) in text, (name, fieldname, part)
                    checked += 1
    assert checked > 30


def test_value_forms_and_printed_values_say_the_truth(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    types = set()
    for name, entry in truth["files"].items():
        for n in entry["notices"]:
            types.add(n["notice_type"])
            assert n["notice_type"] in {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection",
                                        "noid", "denial"}
            assert set(g.FIELD_NAMES) <= set(n), name
            for k in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                if n[k] is not None:
                    dt.date.fromisoformat(n[k])
                    assert k in n["_printed"], (name, k)
            if n["receipt_number"]:
                assert re.fullmatch(r"[A-Z]{3}\d{10}", n["receipt_number"]), name
                printed = "".join(ch for ch in n["_printed"]["receipt_number"][0] if ch.isalnum())
                assert printed == n["receipt_number"], name
            if n["a_number"]:
                assert re.fullmatch(r"\d{9}", n["a_number"]), name
                digits = "".join(ch for ch in n["_printed"]["a_number"][0] if ch.isdigit())
                assert digits.rjust(9, "0") == n["a_number"], name
            if n["amount"]:
                assert re.fullmatch(r"\d+\.\d\d", n["amount"]), name
                printed = "".join(ch for ch in n["_printed"]["amount"][0] if ch.isdigit() or ch == ".").strip(".")
                assert float(printed) == float(n["amount"]), name
            if n["appointment"]:
                ap = n["appointment"]
                dt.date.fromisoformat(ap["date"])
                assert re.fullmatch(r"\d\d:\d\d", ap["time"]), name
                assert ap["location"] in n["_printed"]["appointment"], name
            for role in ("petitioner", "beneficiary", "applicant"):
                if n[role]:
                    assert n[role] == " ".join(" ".join(n["_printed"][role]).split()), name
    assert {"receipt", "biometrics", "noid"} <= types


def test_scans_turned_and_fax_resolution(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    png = _pick("I-131 receipt, PNG scan sideways")
    with Image.open(folder / png) as im:
        assert im.width > im.height  # a letter page fed sideways
    tif = _pick("receipt and I-907 receipt, fax TIFF")
    with Image.open(folder / tif) as im:
        assert im.mode == "1" and im.info.get("compression") == "group4"
    assert [n["pages"] for n in truth["files"][tif]["notices"]] == [[1], [2]]
    mixed = truth["files"][_pick("batch: scanned NOID, printed receipt")]
    assert len(mixed["notices"]) == 4 and mixed["notices"][0]["pages"] == [1, 3]  # a blank back between


def test_deterministic_and_refuses_a_value_not_printed(written: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, truth = written
    name = _pick("I-129 receipt with its printed back")
    a = g.generate(tmp_path / "a", SEED, only={name})  # alone: the very file and truth the module's part of the set has
    assert a == {**truth, "files": {name: truth["files"][name]}}
    assert (tmp_path / "a" / name).read_bytes() == (folder / name).read_bytes()
    notice = g.make_notice(random.Random(5), "receipt", "I-765")
    notice.pages = [1]
    notice.show("receipt_number", "IOE9999999999")
    with pytest.raises(g.TruthError):
        g.verify(tmp_path / "a" / name, [notice], "planted")


def test_catalogue_mix() -> None:
    media = Counter(s.medium for s in SPECS)
    assert 50 <= len(SPECS) <= 60
    assert media["mixed-pdf"] == 2 and media["text-pdf"] < len(SPECS) / 2
    notices = sum(len(p.notices) for s in SPECS for p in s.pieces)
    assert 55 <= notices <= 75
    non_notices = [s for s in SPECS if not any(p.notices for p in s.pieces)]
    assert len(non_notices) == 4
    multi = [s for s in SPECS if sum(len(p.notices) for p in s.pieces) > 1]
    assert len(multi) >= 6
    families = {p.family for s in SPECS for p in s.pieces if p.notices}
    assert len(families) >= 5
    producers = {p.producer for s in SPECS for p in s.pieces}
    assert producers == {"reportlab", "fpdf2", "chromium", "libreoffice"}
