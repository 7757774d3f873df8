"""Sealed notice set 13: the generator writes what its truth says (never runs the reader)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from bench.notice_eval13 import generate as gen

PICK = ["n13-07.pdf", "n13-11.pdf", "n13-14.pdf", "n13-16.jpg"]


def test_files_match_truth(tmp_path: Path) -> None:
    truth = gen.generate(tmp_path / "a", 1797, only=PICK)
    folder = tmp_path / "a"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert sorted(truth["files"]) == PICK
    assert json.loads((folder / "truth.json").read_text(encoding="utf-8")) == truth
    for name, entry in truth["files"].items():
        path = folder / name
        assert oct(path.stat().st_mode & 0o777) == "0o600"
        if name.endswith(".pdf"):
            assert len(PdfReader(path).pages) == entry["page_count"]
        else:
            with Image.open(path) as img:
                assert img.format == "JPEG"
        for notice in entry["notices"]:
            assert re.fullmatch(r"[A-Z]{3}\d{10}", notice["receipt_number"])
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", notice["notice_date"])
            if notice["a_number"] is not None:
                assert re.fullmatch(r"\d{9}", notice["a_number"])
            if entry["medium"] == "text-pdf":
                for page in notice["pages"]:
                    text = subprocess.run(
                        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
                        capture_output=True, text=True, check=True,
                    ).stdout
                    flat = " ".join(text.split())
                    for piece in notice["_printed"].values():
                        assert " ".join(piece.split()) in flat
    assert truth["files"]["n13-11.pdf"]["notices"] == []
    assert len(truth["files"]["n13-07.pdf"]["notices"]) == 3


def test_byte_identical_per_seed(tmp_path: Path) -> None:
    gen.generate(tmp_path / "a", 5, only=PICK[:2])
    gen.generate(tmp_path / "b", 5, only=PICK[:2])
    for name in [*PICK[:2], "truth.json"]:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_refuses_truth_not_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = gen._lines

    def drop_receipt(n: dict[str, object], family: str) -> list[tuple[str, str]]:
        return [row for row in real(n, family) if row[0] != "Receipt Number"]

    monkeypatch.setattr(gen, "_lines", drop_receipt)
    with pytest.raises(gen.SetError):
        gen.generate(tmp_path / "c", 1797, only=PICK[:1])
    assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())
