"""Sealed notice set 13: the generator writes what its truth says (never runs the reader)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from bench.notice_eval13 import generate as gen

PICK = ["n13-07.pdf", "n13-11.pdf", "n13-14.pdf", "n13-16.jpg"]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("set13") / "a"
    return folder, gen.generate(folder, 1797, only=PICK)


def test_files_match_truth(written: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = written
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


def test_byte_identical_per_seed(written: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    folder, truth = written  # seed 1797, written with the other files of PICK
    again = gen.generate(tmp_path / "b", 1797, only=PICK[:2])
    for name in PICK[:2]:
        assert (tmp_path / "b" / name).read_bytes() == (folder / name).read_bytes()
    assert again == {**truth, "files": {name: truth["files"][name] for name in PICK[:2]}}
    assert json.loads((tmp_path / "b" / "truth.json").read_text(encoding="utf-8")) == again


def test_refuses_truth_not_printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = gen._lines

    def drop_receipt(n: dict[str, object], family: str) -> list[tuple[str, str]]:
        return [row for row in real(n, family) if row[0] != "Receipt Number"]

    monkeypatch.setattr(gen, "_lines", drop_receipt)
    with pytest.raises(gen.SetError):
        gen.generate(tmp_path / "c", 1797, only=PICK[:1])
    assert not (tmp_path / "c").exists() or not any((tmp_path / "c").iterdir())
