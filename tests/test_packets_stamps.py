"""Stamps keep clear of what is already on every page: a text footer, the ink of a scan, and go
where asked on a clean page; a white box only when nothing is clear, and the notes say where.

The pages are real PDFs: reportlab text, a Pillow scan (an image PDF with no text layer), read
back with poppler (``pdftotext -bbox``, ``pdftoppm``) the way a reviewer would.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.packets import PacketResult, build_packet
from docgen.packets.clearance import obstacles
from docgen.packets.stamps import CLEARANCE, text_width_of

from .packetcheck import write_spec

WIDTH, HEIGHT = letter
STAMP = re.compile(r"^DG-\d{4}$")
DPI = 100
WORD = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'


def _text_pdf(path: Path, footers: list[str | None]) -> Path:
    """A text PDF, one page per footer: body text, and the footer at the bottom right (the page's own number)."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for number, footer in enumerate(footers, 1):
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, HEIGHT - 100, f"Signed statement, page {number}")
        if footer:
            pdf.setFont("Helvetica", 10)
            pdf.drawRightString(WIDTH - 22, 24, footer)
        pdf.showPage()
    pdf.save()
    return path


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _scan_pdf(path: Path, footer: str | None, bar: bool = False) -> Path:
    """A scanned page (grey paper, speckles, no text layer) with its own footer in ink at the bottom right."""
    size = (int(8.5 * DPI), 11 * DPI)
    rng = np.random.default_rng(7)
    paper = rng.normal(232, 6, (size[1], size[0])).clip(0, 255).astype(np.uint8)
    specks = rng.random(paper.shape) < 0.0005
    paper[specks] = 40  # dust: single dark pixels, which are not content
    image = Image.fromarray(paper, "L")
    draw = ImageDraw.Draw(image)
    draw.text((DPI, DPI), "Scanned declaration", fill=20, font=_font(28))
    if footer:
        draw.text((size[0] - int(1.6 * DPI), size[1] - int(0.42 * DPI)), footer, fill=25, font=_font(20))
    if bar:  # a full-width black rule across the whole foot of the page
        draw.rectangle((0, size[1] - int(1.0 * DPI), size[0], size[1]), fill=0)
    image.save(path, "PDF", resolution=DPI)
    return path


def _stamps(pdf: Path) -> list[tuple[float, float, float, float, float]]:
    """Per page, the stamp's word box (x0, y0, x1, y1 from the top, in points) and the page height."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = re.findall(WORD, page.group(2))
        (box,) = [tuple(float(v) for v in w[:4]) for w in words if STAMP.match(w[4])]
        found.append((*box, float(page.group(1))))
    return found


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    command = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(WORD, out)]


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _grey(pdf: Path, page: int, dpi: int = 72) -> np.ndarray:
    """Page ``page`` (1-based) rendered grey by poppler, one pixel a point."""
    out = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    return np.asarray(Image.open(io.BytesIO(out)).convert("L"))


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> tuple[PacketResult, Path]:
    folder = tmp_path_factory.mktemp("stamps")
    _text_pdf(folder / "statement.pdf", ["Page 1 of 4", "Page 2 of 4", "Page 3 of 4", "Page 4 of 4"])
    _scan_pdf(folder / "scan.pdf", "Page 2 of 4")
    _text_pdf(folder / "clean.pdf", [None])
    _scan_pdf(folder / "barred.pdf", None, bar=True)
    spec = write_spec(
        folder,
        "kind: filing\nindex: false\ndividers: false\n"
        "stamp: {style: bates, prefix: DG-, digits: 4, position: bottom-right}\n"
        "exhibits:\n  - title: Evidence\n    files: [statement.pdf, scan.pdf, clean.pdf, barred.pdf]\n",
    )
    return build_packet(spec, folder / "out.pdf"), folder


def test_the_stamp_keeps_clear_of_a_text_footer(packet: tuple[PacketResult, Path]) -> None:
    result, _folder = packet
    out = result.files[0].path
    stamps = _stamps(out)
    for page in range(1, 5):
        footer = [w for w in _words(out, page) if w[4] in ("Page", "of", "4") and w[1] > stamps[0][4] - 40]
        assert footer, f"page {page}: its own footer is still there"
        stamp = stamps[page - 1][:4]
        assert not any(_overlaps(stamp, w[:4]) for w in footer), f"page {page}: stamp over the footer"
        assert stamp[1] > stamps[page - 1][4] - 60, "the stamp stays in the bottom margin"


def test_the_stamp_keeps_clear_of_ink_in_a_scan(packet: tuple[PacketResult, Path]) -> None:
    result, folder = packet
    out = result.files[0].path
    x0, y0, x1, y1, _height = _stamps(out)[4]
    original = _grey(folder / "scan.pdf", 1)
    region = original[int(y0) : int(y1) + 1, int(x0) : int(x1) + 1]
    assert region.size and (region < 120).mean() < 0.002, "the stamp sits on the scan's own ink"
    footer = original[int(11 * 72 - 0.45 * 72) :, int(8.5 * 72 - 2.5 * 72) :]
    assert (footer < 120).sum() > 30, "the scan really has ink in its footer"


def test_a_clean_page_gets_the_stamp_where_asked(packet: tuple[PacketResult, Path]) -> None:
    result, _folder = packet
    x0, _y0, x1, y1, height = _stamps(result.files[0].path)[5]
    assert x1 == pytest.approx(WIDTH - 0.3 * 72, abs=1.5)  # the right margin (0.3 in)
    assert height - y1 == pytest.approx(0.3 * 72, abs=4)  # on the bottom margin
    assert x1 - x0 > 30


def test_a_white_box_only_where_nothing_is_clear_and_the_note_says_which_page(
    packet: tuple[PacketResult, Path],
) -> None:
    result, _folder = packet
    crowded = [n for n in result.notes if "white box" in n]
    assert crowded == ["page(s) 7: no clear margin for the stamp; it is drawn on a white box"]
    x0, y0, x1, y1, _height = _stamps(result.files[0].path)[6]
    page = _grey(result.files[0].path, 7)
    inside = page[int(y0) + 1 : int(y1), int(x0) : int(x1)]
    assert (inside > 200).mean() > 0.4, "the stamp is on a white box, readable over the black rule"


def test_the_scan_is_read_from_its_image_not_its_text(tmp_path: Path) -> None:
    """The scan has no text layer: the footer's box comes from the rendered ink; the dust does not count."""
    scan = _scan_pdf(tmp_path / "scan.pdf", "Page 2 of 4")
    boxes = obstacles(scan.read_bytes(), "bottom")[0]
    assert boxes, "the ink of the footer is found"
    left = min(b[0] for b in boxes)
    assert left > 8.5 * 72 - 1.7 * 72, "only the footer: no specks of dust elsewhere in the band"
    blank = _scan_pdf(tmp_path / "blank.pdf", None)
    assert obstacles(blank.read_bytes(), "bottom")[0] == []


def test_a_stamp_is_drawn_smaller_when_only_a_narrow_gap_is_clear(tmp_path: Path) -> None:
    gap = text_width_of("DG-0001", 14 * 0.85) + 2 * CLEARANCE + 4  # room for the stamp at 85 %, not at 100 %
    assert gap < text_width_of("DG-0001", 14) + 2 * CLEARANCE
    pdf = canvas.Canvas(str(tmp_path / "narrow.pdf"), pagesize=letter, invariant=1)
    pdf.setFont("Helvetica", 10)
    for y in range(12, 72, 8):  # a footer of lines of text, with one narrow gap at the right
        pdf.drawString(10, y, "x" * int((WIDTH - 30 - gap) / 5))
        pdf.drawRightString(WIDTH - 10, y, "yy")
    pdf.showPage()
    pdf.save()
    spec = write_spec(
        tmp_path,
        "kind: filing\nindex: false\ndividers: false\n"
        "stamp: {style: bates, prefix: DG-, digits: 4, size: 14, position: bottom-right}\n"
        "exhibits:\n  - title: Narrow\n    files: [narrow.pdf]\n",
    )
    result = build_packet(spec, tmp_path / "out.pdf")
    words = _words(tmp_path / "out.pdf", 1)
    stamp = next(w for w in words if STAMP.match(w[4]))
    others = [w for w in words if not STAMP.match(w[4])]
    assert not any(_overlaps(stamp[:4], w[:4]) for w in others)
    assert any("drawn smaller" in n and "page(s) 1" in n for n in result.notes), result.notes
    assert not any("white box" in n for n in result.notes)
