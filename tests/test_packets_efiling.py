"""E-filing size: scans resampled to a target resolution and recompressed, reported per file; split
files named by what they hold; a warning for paper-only parts in an online packet. Real PDFs,
read back with poppler's ``pdfimages -list``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from docgen.cli import main
from docgen.packets import build_packet
from docgen.packets.downsample import downsample, drawn_images

from .conftest import SAMPLES
from .packetcheck import image_placements, page_texts, write_spec

WIDTH, HEIGHT = letter
CASE = SAMPLES / "cases" / "h1b-okafor.yaml"


def _paper(dpi: int, mode: str = "L") -> Image.Image:
    """A letter page scanned at ``dpi``: grey paper with noise, dark text-like bars."""
    size = (int(8.5 * dpi), 11 * dpi)
    rng = np.random.default_rng(dpi)
    page = rng.normal(225, 12, (size[1], size[0])).clip(0, 255).astype(np.uint8)
    for row in range(dpi, size[1] - dpi, dpi // 4):
        page[row : row + dpi // 12, dpi : size[0] - dpi] = 30
    image = Image.fromarray(page, "L")
    return image.convert(mode)


def _jpeg_scan(path: Path, dpi: int) -> Path:
    """A scanner's PDF: one JPEG page image, as Pillow writes it."""
    _paper(dpi, "RGB").save(path, "PDF", resolution=dpi, quality=92)
    return path


def _flate_scan(path: Path, dpi: int) -> Path:
    """A lossless (Flate) grey scan drawn over a whole letter page, as reportlab writes it."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    pdf.drawImage(ImageReader(_paper(dpi)), 0, 0, WIDTH, HEIGHT)
    pdf.showPage()
    pdf.save()
    return path


def _bilevel(path: Path) -> Path:
    _paper(300).point(lambda v: 255 if v > 128 else 0).convert("1").save(path, "PDF", resolution=300)
    return path


def test_the_resolution_of_an_image_is_where_it_is_drawn(tmp_path: Path) -> None:
    with pikepdf.open(_flate_scan(tmp_path / "s.pdf", 200)) as pdf:
        ((image, dpi),) = drawn_images(pdf).values()
        assert dpi == pytest.approx(200, abs=1)
        report = downsample(pdf, 120, 70)
        assert report.changed == 1 and round(report.dpi[0]) == 200 and round(report.dpi[1]) == 120
        assert image.Filter == pikepdf.Name.DCTDecode and int(image.Width) == int(8.5 * 120)
        assert report.image_bytes[1] < report.image_bytes[0] / 4


@pytest.fixture(scope="module")
def shrunk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object], list[str]]:
    folder = tmp_path_factory.mktemp("efiling")
    _jpeg_scan(folder / "passport-scan.pdf", 300)
    _flate_scan(folder / "w2-scan.pdf", 240)
    _bilevel(folder / "fax.pdf")
    _jpeg_scan(folder / "low.pdf", 100)
    spec = write_spec(
        folder,
        "kind: filing\nindex: false\nstamp: {style: none}\nexhibits:\n"
        "  - title: Scans\n    files: [passport-scan.pdf, w2-scan.pdf, fax.pdf, low.pdf]\n",
    )
    plain = folder / "plain.pdf"
    build_packet(spec, plain)
    small = folder / "small.pdf"
    result = build_packet(spec, small, max_dpi=150, jpeg_quality=60)
    manifest = json.loads(result.manifest_path.read_text())
    return plain, small, manifest, result.notes


def test_scans_are_resampled_to_the_target_and_the_file_shrinks(
    shrunk: tuple[Path, Path, dict[str, object], list[str]],
) -> None:
    plain, small, _manifest, _notes = shrunk
    before = {int(r["page"]): r for r in image_placements(plain)}
    after = {int(r["page"]): r for r in image_placements(small)}
    # page 1 is the divider; 2 the JPEG scan, 3 the Flate scan, 4 the fax, 5 the low-resolution scan
    for page, dpi in ((2, 300), (3, 240)):
        assert before[page]["xppi"] == pytest.approx(dpi, abs=2)
        assert after[page]["xppi"] == pytest.approx(150, abs=2), page
    assert after[4]["xppi"] == pytest.approx(300, abs=2)  # black and white: left as it is
    assert after[5]["xppi"] == pytest.approx(100, abs=2)  # under the target: left as it is
    assert small.stat().st_size < plain.stat().st_size / 3
    assert "Scans" in page_texts(small)[0]


def test_each_file_is_reported_with_bytes_and_dpi(shrunk: tuple[Path, Path, dict[str, object], list[str]]) -> None:
    _plain, _small, manifest, notes = shrunk
    docs = {d["title"]: d for s in manifest["sections"] for d in s["documents"]}  # type: ignore[index,union-attr]
    for name, dpi in (("passport-scan.pdf", 300), ("w2-scan.pdf", 240)):
        entry = docs[name]["downsampled"]
        assert entry["dpi"] == [dpi, 150] and entry["images"] == [1, 1]
        assert entry["bytes"][1] < entry["bytes"][0]
        (note,) = [n for n in notes if f": {name}:" in n]
        assert f"1 of 1 image(s) recompressed, {dpi} -> 150 dpi" in note and " -> " in note.split("dpi, ")[1]
    assert "downsampled" not in docs["fax.pdf"] and "downsampled" not in docs["low.pdf"]


def test_the_cli_takes_the_options_and_refuses_nonsense(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _jpeg_scan(tmp_path / "scan.pdf", 300)
    spec = write_spec(tmp_path, "kind: filing\nindex: false\nexhibits:\n  - title: Scan\n    files: [scan.pdf]\n")
    out = tmp_path / "out.pdf"
    assert main(["packet", "build", str(spec), "-o", str(out), "--max-dpi", "200", "--jpeg-quality", "75"]) == 0
    assert "300 -> 200 dpi" in capsys.readouterr().out
    assert main(["packet", "build", str(spec), "-o", str(tmp_path / "x.pdf"), "--max-dpi", "10"]) == 2


def test_split_files_are_named_by_what_they_hold(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        _jpeg_scan(tmp_path / f"{name}.pdf", 150)
    profile = tmp_path / "small.yaml"
    profile.write_text(
        "name: small\ntitle: small\nfile_types: [pdf]\nonline: true\n"
        "size_limit: {bytes: 2000000, stated: 2 MB, source: tests, as_of: '2026-12-01'}\n"
        "page_size: {name: letter, width: 612, height: 792}\n",
        encoding="utf-8",
    )
    spec = write_spec(
        tmp_path,
        "kind: filing\nname: upload\nexhibits:\n"
        "  - {title: First, files: [a.pdf]}\n  - {title: Second, files: [b.pdf, c.pdf]}\n",
    )
    result = build_packet(spec, out_dir=tmp_path / "out", split=True, profile=profile)
    names = [f.path.name for f in result.files]
    assert names[0].startswith("upload-part1-cover")
    assert any("exhibit-A" in n for n in names) and any("exhibit-B" in n for n in names)
    for written in result.files:
        assert written.path.stat().st_size <= 2_000_000


def test_paper_only_parts_in_an_online_packet_are_warned_of(tmp_path: Path) -> None:
    _jpeg_scan(tmp_path / "check.pdf", 100)
    spec = write_spec(
        tmp_path,
        f"kind: filing\ncase: {CASE}\nindex: false\nparts:\n  - form: G-1145\n"
        "  - {document: check.pdf, role: fee, title: Fee check}\n",
    )
    online = build_packet(spec, tmp_path / "online.pdf", profile="uscis-online", checks="warn")
    warned = [n for n in online.notes if n.startswith("warning [paper-only]")]
    assert len(warned) == 2
    assert "(g-1145)" in warned[0] and "USCIS online filing" in warned[0]
    assert "Pay.gov" in warned[1]
    paper = build_packet(spec, tmp_path / "paper.pdf", profile="paper", checks="warn")
    assert not [n for n in paper.notes if "paper-only" in n]


def test_the_same_options_give_the_same_bytes(tmp_path: Path) -> None:
    _jpeg_scan(tmp_path / "s.pdf", 300)
    spec = write_spec(tmp_path, "kind: filing\nindex: false\nexhibits:\n  - title: S\n    files: [s.pdf]\n")
    build_packet(spec, tmp_path / "1.pdf", max_dpi=200)
    build_packet(spec, tmp_path / "2.pdf", max_dpi=200)
    assert (tmp_path / "1.pdf").read_bytes() == (tmp_path / "2.pdf").read_bytes()
    other = build_packet(spec, tmp_path / "3.pdf", max_dpi=150)
    with pikepdf.open(tmp_path / "1.pdf") as a, pikepdf.open(other.files[0].path) as b:
        assert a.trailer.ID[0] != b.trailer.ID[0]  # other options, another file ID
