"""Notice evaluation set 11 (bench/notice_eval11): a few of its files checked against the truth.

The files are read again with a second extractor (poppler's pdftotext; the generator checks with pypdf);
the notice reader is never run here (the set is kept unseen: bench/notice_eval11/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.notice_eval11 import generate as gen

SEED = 1797
PICK = {"d01.pdf", "d06.pdf", "d12.pdf", "d25.pdf", "d27.pdf", "s04.pdf", "x02.pdf", "p04.tif"}
TYPES = {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial", None}
DATE_FIELDS = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")

pytestmark = pytest.mark.skipif(
    not (Path(gen.CHROMIUM).exists() and shutil.which("pdftotext") and shutil.which("pdfimages")),
    reason="needs chromium and poppler-utils",
)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set11")
    truth = gen.generate(folder, SEED, only=PICK)
    return folder, truth


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def read_date(text: str) -> str | None:
    for fmt in ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def test_truth_file_and_value_forms(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    on_disk = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    assert on_disk == truth
    assert truth["set"] == 11 and truth["seed"] == SEED and set(truth["files"]) == PICK
    for name, entry in truth["files"].items():
        assert entry["medium"] in ("text-pdf", "scan-pdf", "mixed-pdf", "image"), name
        assert (folder / name).stat().st_mode & 0o077 == 0
        for n in entry["notices"]:
            assert set(gen.FIELDS) <= set(n), name
            assert n["notice_type"] in TYPES
            assert n["pages"] and all(1 <= p <= entry["pages"] for p in n["pages"])
            assert re.fullmatch(r"[A-Z]{3}\d{10}", n["receipt_number"])
            assert re.fullmatch(r"[IN]-\d{2,3}[A-Z]?", n["form"])
            for f in DATE_FIELDS:
                assert n[f] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", n[f]), (name, f)
            assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"])
            assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"])
            assert n["amount"] is None or re.fullmatch(r"\d+\.\d\d", n["amount"])
            assert n["classification"] is None or "-" not in n["classification"]
            if n["appointment"] is not None:
                assert set(n["appointment"]) == {"date", "time", "location"}
                assert re.fullmatch(r"\d{2}:\d{2}", n["appointment"]["time"])
            # a value is in the truth exactly when the page prints it
            printed = n["_printed"]
            for f in gen.FIELDS:
                if f != "notice_type":
                    assert (n[f] is not None) == (f in printed), (name, f)


def test_printed_values_say_the_truth(written: tuple[Path, dict[str, Any]]) -> None:
    _, truth = written
    for name, entry in truth["files"].items():
        for n in entry["notices"]:
            for f, fragments in n["_printed"].items():
                text = " ".join(fragments)
                if f in DATE_FIELDS:
                    assert read_date(text) == n[f], (name, f, text)
                elif f in ("receipt_number", "form"):
                    assert re.sub(r"[^A-Z0-9]", "", text.upper()) == re.sub(r"[^A-Z0-9]", "", n[f]), (name, f)
                elif f in ("petitioner", "beneficiary", "applicant"):
                    assert text == n[f]
                elif f == "a_number":
                    assert re.sub(r"\D", "", text).zfill(9) == n[f]
                elif f == "i94_number":
                    assert re.sub(r"\D", "", text) == n[f]
                elif f == "amount":
                    assert re.search(r"\d[\d,]*\.\d\d", text)[0].replace(",", "") == n[f]  # type: ignore[index]
                elif f == "classification":
                    assert text.replace("-", "") == n[f]
                elif f == "appointment":
                    day, time_text, street = fragments
                    assert read_date(day) == n[f]["date"] and street == n[f]["location"]
                    clock = dt.datetime.strptime(time_text, "%H:%M" if "M" not in time_text else "%I:%M %p")
                    assert clock.strftime("%H:%M") == n[f]["time"]


def test_text_layers_hold_every_printed_value(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    for name, entry in truth["files"].items():
        if entry["medium"] != "text-pdf":
            continue
        for n in entry["notices"]:
            text = " ".join(pdftotext(folder / name, p) for p in n["pages"])
            for f, fragments in n["_printed"].items():
                for frag in fragments:
                    assert " ".join(frag.split()) in text, (name, f, frag)


def test_media_pages_and_producers(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
    files = truth["files"]
    for name, entry in files.items():
        path = folder / name
        if entry["format"] == "pdf":
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
            assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == entry["pages"], name  # type: ignore[index]
        else:
            with Image.open(path) as img:
                assert getattr(img, "n_frames", 1) == entry["pages"]
                assert img.mode == "1"  # the G4 fax TIFF
    images = subprocess.run(["pdfimages", "-list", str(folder / "s04.pdf")], capture_output=True, text=True, check=True)
    assert "ccitt" in images.stdout and len(pdftotext(folder / "s04.pdf")) < 20  # a fax: an image, no text layer
    producers = Counter()
    for name in ("d01.pdf", "d06.pdf", "d12.pdf"):
        info = subprocess.run(["pdfinfo", str(folder / name)], capture_output=True, text=True, check=True).stdout
        producers[re.search(r"Producer:\s+(\S+)", info)[1].lower()] += 1  # type: ignore[index]
        no_images = subprocess.run(["pdfimages", "-list", str(folder / name)], capture_output=True, text=True).stdout
        assert len(no_images.splitlines()) == 2, name  # header lines only: a born-digital page
    assert len(producers) == 3
    # the mixed batch: a vendor cover sheet (no notice), a scan with the vendor's OCR layer, a downloaded page
    mixed = files["x02.pdf"]
    assert [n["pages"] for n in mixed["notices"]] == [[2], [3]]
    assert "DOCUMENT SEPARATOR" not in pdftotext(folder / "x02.pdf", 1)
    assert len(pdftotext(folder / "x02.pdf", 2)) > 300  # the vendor's OCR text
    # one receipt number for the receipt, its I-907 receipt and the approval
    three = files["d25.pdf"]["notices"]
    assert len({n["receipt_number"] for n in three}) == 1
    assert [n["form"] for n in three] == ["I-129", "I-907", "I-129"]
    assert [n["notice_type"] for n in three] == ["receipt", "receipt", "approval"]
    # two notices on one sheet
    assert [n["pages"] for n in files["d27.pdf"]["notices"]] == [[1], [1]]


def test_same_seed_same_bytes(tmp_path: Path, written: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = written
    again = gen.generate(tmp_path, SEED, only={"d01.pdf", "d27.pdf"})
    for name in again["files"]:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
    other = gen.generate(tmp_path / "other", SEED + 1, only={"d01.pdf"})
    assert (tmp_path / "other" / "d01.pdf").read_bytes() != (folder / "d01.pdf").read_bytes()
    first = again["files"]["d01.pdf"]["notices"][0]
    assert other["files"]["d01.pdf"]["notices"][0]["receipt_number"] != first["receipt_number"]


def test_generator_refuses_a_truth_the_page_does_not_print(tmp_path: Path) -> None:
    specs = [spec for spec in gen.catalogue(SEED) if spec.name == "d01.pdf"]
    gen.render_sources(specs, SEED, tmp_path)
    seg = specs[0].segs[0]
    gen.check_source(specs[0], seg)
    notice = seg.notices[0]
    notice.receipt = notice.receipt[:-1] + str((int(notice.receipt[-1]) + 1) % 10)
    with pytest.raises(SystemExit, match="receipt_number"):
        gen.check_source(specs[0], seg)


def test_catalogue_mix() -> None:
    files = gen.catalogue(SEED)
    media = Counter(spec.medium for spec in files)
    notices = [n for spec in files for seg in spec.segs for n in seg.notices]
    assert 50 <= len(files) <= 60 and 55 <= len(notices) <= 70
    assert media["text-pdf"] >= len(files) * 0.45 and media["scan-pdf"] >= len(files) * 0.25
    assert media["mixed-pdf"] == 2 and media["image"] >= 8
    per_file = [sum(len(seg.notices) for seg in spec.segs) for spec in files]
    assert per_file.count(0) in (3, 4)
    assert 5 <= sum(1 for spec, k in zip(files, per_file, strict=True) if k > 1 and spec.medium != "mixed-pdf") <= 6
    families = {n.family for n in notices}
    assert len(families) >= 5 and len({gen.PRODUCER[f] for f in families}) >= 4
    kinds = Counter(n.kind for n in notices)
    assert kinds["receipt"] > kinds["approval"] > kinds["rfe"] and kinds["interview"] >= 2 and kinds["transfer"] >= 2
