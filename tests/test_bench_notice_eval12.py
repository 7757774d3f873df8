"""The twelfth notice evaluation set's generator (bench/notice_eval12): a handful of its files against their truth.

Never runs the notice reader: the set is kept untouched (bench/notice_eval12/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bench.notice_eval12 import generate as g

pytestmark = pytest.mark.skipif(
    not shutil.which("pdftotext") or not Path("/usr/bin/chromium").exists(),
    reason="needs poppler's pdftotext and /usr/bin/chromium",
)

SEED = 1797
KINDS = {"receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial", None}


def _pick(specs: list[g.FileSpec]) -> list[str]:
    """A few files covering each medium and the traps that matter most, with no LibreOffice document (slow)."""

    def first(pred: Any) -> str:
        return next(s.name for s in specs if pred(s))

    producers = lambda s: {d.producer for d in s.docs}  # noqa: E731
    return [
        first(lambda s: s.medium == "text-pdf" and s.assembly == "bundle" and len(s.docs) == 3),
        first(lambda s: s.medium == "text-pdf" and s.assembly == "nup2"),
        first(lambda s: s.medium == "scan-pdf" and s.effect.startswith("fax") and "libreoffice" not in producers(s)),
        first(
            lambda s: (
                s.fmt == "tiff-lzw"
                and "libreoffice" not in producers(s)
                and len(s.docs) == 1
                and s.docs[0].notice is not None
                and s.docs[0].notice.kind == "rfe"
            )
        ),
        first(lambda s: s.medium == "image" and not any(d.notice for d in s.docs)),
    ]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[str]]:
    folder = tmp_path_factory.mktemp("set12")
    names = _pick(g.catalogue(SEED))
    truth = g.generate(folder, SEED, only=names)
    return folder, truth, names


def _pdftotext(path: Path, page: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", out)


def test_truth_has_the_bench_format(written: tuple[Path, dict[str, Any], list[str]]) -> None:
    folder, truth, names = written
    assert json.loads((folder / "truth.json").read_text(encoding="utf-8")) == truth
    assert truth["set"] == 12 and truth["seed"] == SEED and sorted(truth["files"]) == sorted(names)
    assert (folder.stat().st_mode & 0o777) == 0o700
    for name, entry in truth["files"].items():
        assert ((folder / name).stat().st_mode & 0o777) == 0o600
        assert entry["medium"] in ("text-pdf", "scan-pdf", "mixed-pdf", "image")
        for n in entry["notices"]:
            assert set(g.FIELDS) <= set(n) and n["pages"] and all(1 <= p <= entry["pages"] for p in n["pages"])
            assert n["notice_type"] in KINDS
            assert re.fullmatch(r"[A-Z]{3}\d{10}", n["receipt_number"])
            assert re.fullmatch(r"[IN]-\d{2,3}[A-Z]?", n["form"])
            for key in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
                if n[key] is not None:
                    dt.date.fromisoformat(n[key])
            assert n["a_number"] is None or re.fullmatch(r"\d{9}", n["a_number"])
            assert n["i94_number"] is None or re.fullmatch(r"\d{11}", n["i94_number"])
            assert n["amount"] is None or re.fullmatch(r"\d+\.\d\d", n["amount"])
            assert n["classification"] is None or re.fullmatch(r"[A-Z0-9]+", n["classification"])
            if n["appointment"] is not None:
                assert set(n["appointment"]) == {"date", "time", "location"}
                assert re.fullmatch(r"\d\d:\d\d", n["appointment"]["time"])
            for role in ("petitioner", "beneficiary", "applicant"):
                assert n[role] not in ("person", "employer", "sponsor")


def test_every_printed_value_is_in_the_text_layer_by_a_second_extractor(
    written: tuple[Path, dict[str, Any], list[str]],
) -> None:
    folder, truth, _ = written
    checked = 0
    for name, entry in truth["files"].items():
        if entry["medium"] != "text-pdf":
            continue
        for n in entry["notices"]:
            text = " ".join(" ".join(_pdftotext(folder / name, p).split()) for p in n["pages"])
            squashed = "".join(text.split())
            for field, pieces in n["_printed"].items():
                for piece in pieces:
                    assert " ".join(piece.split()) in text or "".join(piece.split()) in squashed, (name, field, piece)
                    checked += 1
                assert g.says(field, pieces, n[field]) or (field == "notice_type" and n["notice_type"] is None)
    assert checked > 40


def test_media_and_page_counts_from_the_files(written: tuple[Path, dict[str, Any], list[str]]) -> None:
    folder, truth, _ = written
    from pypdf import PdfReader

    for name, entry in truth["files"].items():
        path = folder / name
        if entry["format"] == "pdf":
            reader = PdfReader(path)
            assert len(reader.pages) == entry["pages"]
            has_text = any((page.extract_text() or "").strip() for page in reader.pages)
            assert has_text == (entry["medium"] != "scan-pdf")
        else:
            with Image.open(path) as im:
                assert im.format.lower() == {"jpeg": "jpeg", "png": "png", "tiff": "tiff"}[entry["format"]]
                assert getattr(im, "n_frames", 1) == entry["pages"]


def test_same_bytes_for_the_same_seed(written: tuple[Path, dict[str, Any], list[str]], tmp_path: Path) -> None:
    folder, truth, names = written
    again = g.generate(tmp_path / "again", SEED, only=names[1:4])
    for name in names[1:4]:
        assert (tmp_path / "again" / name).read_bytes() == (folder / name).read_bytes(), name
        assert again["files"][name] == truth["files"][name]


def test_refuses_a_truth_the_page_does_not_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    specs = g.catalogue(SEED)
    target = next(
        s
        for s in specs
        if s.medium == "text-pdf"
        and s.docs[0].producer == "reportlab"
        and s.docs[0].notice is not None
        and s.assembly == "plain"
    )
    real = g.finalize

    def lying(n: g.Notice) -> None:
        real(n)
        n.truth["receipt_number"] = "EAC0000000001"

    monkeypatch.setattr(g, "finalize", lying)
    with pytest.raises(RuntimeError, match="receipt_number"):
        g.generate(tmp_path / "bad", SEED, only=[target.name])
    assert not (tmp_path / "bad" / "truth.json").exists()


def test_the_catalogue_mix() -> None:
    specs = g.catalogue(SEED)
    media = Counter(s.medium for s in specs)
    notices = [d.notice for s in specs for d in s.docs if d.notice]
    assert 55 <= len(specs) <= 70 and len(notices) >= 60
    assert set(media) == {"text-pdf", "scan-pdf", "mixed-pdf", "image"}
    assert sum(1 for s in specs if not any(d.notice for d in s.docs)) >= 2
    assert {n.family for n in notices} == {"strip", "typed", "letter", "card", "slab"}
    assert {d.producer for s in specs for d in s.docs} == {"reportlab", "fpdf2", "libreoffice", "chromium"}
    shared = Counter(n.truth["receipt_number"] for n in notices)
    assert max(shared.values()) >= 3
    assert g.catalogue(SEED)[0].label == specs[0].label
