"""Packets: a packet with no sheets, evidence in subfolders, a PDF cut short."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from docgen.errors import DamagedFileError
from docgen.packets.build import build_packet

from .conftest import FORMS_DIR, SAMPLES

CASE = SAMPLES / "cases" / "h1b-okafor.yaml"


def ten_pages() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number in range(1, 11):
        canvas.drawString(100, 700, f"Page {number} of 10")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_small_filing_without_index_or_dividers_builds(tmp_path: Path) -> None:
    spec = tmp_path / "g1145.yaml"
    spec.write_text(f"kind: filing\ncase: {CASE}\nparts:\n  - form: G-1145\n    for: spouse\n")
    result = build_packet(spec, tmp_path / "out.pdf", forms_dir=FORMS_DIR)
    assert result.pages == 1
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert len(pdf.pages) == 1


def test_evidence_in_subfolders_is_included_in_order(tmp_path: Path) -> None:
    folder = tmp_path / "pay"
    (folder / "2023").mkdir(parents=True)
    (folder / "w2-2024.pdf").write_bytes(ten_pages())
    (folder / "2023" / "w2-2023.pdf").write_bytes(ten_pages())
    spec = tmp_path / "s.yaml"
    spec.write_text(f"kind: filing\ncase: {CASE}\nexhibits:\n  - title: W-2s\n    folder: pay\n")
    result = build_packet(spec, tmp_path / "out.pdf", forms_dir=FORMS_DIR)
    text = (tmp_path / "out.manifest.json").read_text()
    assert "2023/w2-2023.pdf" in text and "w2-2024.pdf" in text
    assert text.index("2023/w2-2023.pdf") < text.index("w2-2024.pdf")
    assert result.pages >= 20


def test_a_pdf_cut_short_is_refused(tmp_path: Path) -> None:
    data = ten_pages()
    (tmp_path / "cut.pdf").write_bytes(data[: int(len(data) * 0.6)])
    spec = tmp_path / "s.yaml"
    spec.write_text(f"kind: filing\ncase: {CASE}\nexhibits:\n  - title: Pay\n    files: [cut.pdf]\n")
    with pytest.raises(DamagedFileError, match=r"s.yaml:5: .*cut.pdf: the PDF is damaged \(cut short\?\)"):
        build_packet(spec, tmp_path / "out.pdf", forms_dir=FORMS_DIR)
    assert not (tmp_path / "out.pdf").exists()
