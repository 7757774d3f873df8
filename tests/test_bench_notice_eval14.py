"""Set 14's generator (bench/notice_eval14): its files say what its truth says. Never runs the notice reader.

Whoever works on the reader must not read this test: it names the files it picks.
"""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from bench.notice_eval14 import generate as gen
from bench.notice_eval14.assemble import TruthError
from bench.notice_eval14.compose import compose
from bench.notice_eval14.facts import FIELDS, Notice

# cheap producers only (reportlab, fpdf2): a multi-notice text PDF with one receipt number, a two-to-a-sheet print,
# a skewed grey copy, a standard-mode fax TIFF of two notices, a scanned paper that is not a notice
PICK = ["ipss-023.pdf", "ipss-025.pdf", "ipss-038.pdf", "ipss-060.tif", "ipss-046.pdf"]
SEED = 1797

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FORMS = {
    "receipt_number": re.compile(r"^(EAC|WAC|LIN|SRC|MSC|IOE|YSC)\d{10}$"),
    "form": re.compile(r"^[IN]-\d{2,3}[A-Z]?$"),
    "a_number": re.compile(r"^\d{9}$"),
    "i94_number": re.compile(r"^\d{11}$"),
    "amount": re.compile(r"^\d+\.\d{2}$"),
    "classification": re.compile(r"^[A-Z0-9]+$"),
}
TYPES = {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial", None}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set14") / "out"
    return folder, gen.generate(folder, SEED, only=PICK)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_writes_the_files_asked_for_private(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    assert sorted(p.name for p in folder.iterdir()) == sorted([*PICK, "truth.json"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert json.loads((folder / "truth.json").read_text(encoding="utf-8")) == truth
    assert truth["set"] == 14 and truth["seed"] == SEED and truth["generator_version"] == gen.GENERATOR_VERSION


def test_value_forms(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    for name, entry in truth["files"].items():
        for notice in entry["notices"]:
            assert set(FIELDS) <= set(notice), name
            assert notice["notice_type"] in TYPES
            assert notice["pages"] and all(1 <= p <= entry["pages"] for p in notice["pages"])
            for field, pattern in FORMS.items():
                assert notice[field] is None or pattern.match(notice[field]), (name, field, notice[field])
            for field in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                assert notice[field] is None or DATE.match(notice[field]), (name, field)
            if notice["appointment"] is not None:
                appt = notice["appointment"]
                assert DATE.match(appt["date"]) and re.match(r"^\d{2}:\d{2}$", appt["time"]) and appt["location"]
            assert notice["receipt_number"] and notice["form"] and notice["notice_date"]
            assert set(notice["_printed"]) == {f for f in FIELDS if notice[f] is not None}


def test_media_pages_and_formats_from_content(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    files = truth["files"]
    for name, entry in files.items():
        path = folder / name
        head = path.read_bytes()[:4]
        if entry["format"] == "pdf":
            assert head == b"%PDF"
            reader = PdfReader(path)
            assert len(reader.pages) == entry["pages"], name
            images = sum(len(page.images) for page in reader.pages)
            if entry["medium"] == "text-pdf":
                assert images == 0
            if entry["medium"] == "scan-pdf" and entry["effect"] != "app-ocr":
                assert images == entry["pages"]
                assert all(not (page.extract_text() or "").strip() for page in reader.pages)
        else:
            with Image.open(path) as image:
                assert image.format == {"tiff": "TIFF", "jpeg": "JPEG", "png": "PNG"}[entry["format"]]
                assert getattr(image, "n_frames", 1) == entry["pages"]
    fax = files["ipss-060.tif"]
    with Image.open(folder / "ipss-060.tif") as image:
        assert image.mode == "1" and image.info.get("compression") == "group4"
        assert tuple(round(v) for v in image.info["dpi"]) == (200, 100)
    assert len(fax["notices"]) == 2 and fax["medium"] == "image"
    assert files["ipss-046.pdf"]["notices"] == []
    same = files["ipss-023.pdf"]["notices"]
    assert len(same) == 3 and len({n["receipt_number"] for n in same}) == 1
    assert [n["form"] for n in same] == ["I-129", "I-907", "I-129"]
    assert [n["pages"] for n in files["ipss-025.pdf"]["notices"]] == [[1], [1]]


def test_printed_values_found_by_a_second_extractor(written: tuple[Path, dict[str, Any]]) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed")
    folder, truth = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] != "text-pdf":
            continue
        for notice in entry["notices"]:
            text = ""
            for page in notice["pages"]:
                out = subprocess.run(
                    ["pdftotext", "-f", str(page), "-l", str(page), str(folder / name), "-"],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                text += out.stdout
            for field, printed in notice["_printed"].items():
                pieces = (
                    [printed["date"], printed["time"], printed["location"]]
                    if field == "appointment"
                    else printed
                    if isinstance(printed, list)
                    else [printed]
                )
                for piece in pieces:
                    assert _squash(piece) in _squash(text), (name, field, piece)
                    checked += 1
    assert checked > 30


def test_same_bytes_for_a_seed_other_bytes_for_another(tmp_path: Path, written: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = written
    again = gen.generate(tmp_path / "again", SEED, only=["ipss-025.pdf", "ipss-060.tif"])
    for name in ("ipss-025.pdf", "ipss-060.tif", "truth.json"):
        if name != "truth.json":
            assert (tmp_path / "again" / name).read_bytes() == (folder / name).read_bytes(), name
    assert again["files"]["ipss-025.pdf"] == json.loads((folder / "truth.json").read_text())["files"]["ipss-025.pdf"]
    other = gen.generate(tmp_path / "other", SEED + 1, only=["ipss-025.pdf"])
    assert (tmp_path / "other" / "ipss-025.pdf").read_bytes() != (folder / "ipss-025.pdf").read_bytes()
    assert (
        other["files"]["ipss-025.pdf"]["notices"][0]["receipt_number"]
        != (again["files"]["ipss-025.pdf"]["notices"][0]["receipt_number"])
    )


def test_refuses_a_truth_its_page_does_not_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Notice.truth

    def off_by_a_day(self: Notice) -> dict[str, Any]:
        values = real(self)
        values["notice_date"] = values["notice_date"][:-1] + ("1" if values["notice_date"][-1] != "1" else "2")
        return values

    monkeypatch.setattr(Notice, "truth", off_by_a_day)
    with pytest.raises(TruthError, match="notice_date"):
        gen.generate(tmp_path / "bad", SEED, only=["ipss-004.pdf"])
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir())


def test_refuses_a_value_missing_from_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = compose

    def unprinted(n: Notice, *args: Any, **kwargs: Any) -> Any:
        sheet = real(n, *args, **kwargs)
        if "amount" in n.shown:
            n.shown["amount"] = "$9,999.00"
            n.facts["amount"] = "9999.00"
        return sheet

    monkeypatch.setattr(gen, "compose", unprinted)
    with pytest.raises(TruthError, match="amount"):
        gen.generate(tmp_path / "bad", SEED, only=["ipss-004.pdf"])
    assert not (tmp_path / "bad").exists() or not any((tmp_path / "bad").iterdir())


def test_the_catalogue_mix() -> None:
    b = gen.catalogue(SEED)
    files = b.files
    media = Counter(spec.medium for spec in files)
    counts = {spec.name: len(gen.notice_pages(spec)) for spec in files}
    assert 60 <= len(files) <= 70 and 75 <= sum(counts.values()) <= 90
    assert sum(1 for c in counts.values() if c > 1) >= 8
    assert 5 <= sum(1 for c in counts.values() if c == 0) <= 6
    assert media["text-pdf"] >= 24 and media["scan-pdf"] >= 17 and media["image"] >= 12 and media["mixed-pdf"] >= 5
    families = Counter(d.notice.family for d in b.docs if d.notice)
    producers = Counter(d.producer for d in b.docs)
    assert len(families) >= 6 and len(producers) >= 3
    kinds = {d.notice.kind for d in b.docs if d.notice}
    assert {
        "receipt",
        "premium",
        "approval",
        "approval94",
        "corrected",
        "rfe",
        "noid",
        "biometrics",
        "interview",
    } <= kinds
    assert {"transfer", "rejection", "denial"} <= kinds
    assert len({spec.name for spec in files}) == len(files)
