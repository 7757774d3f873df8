"""The stamps' clearance over scans as a build reads them: pdfium's pass and the JPEG decoding side by side,
a scan met again answered from what was read, a scan Pillow cannot decode rendered instead.

The scans are real JPEG pages (Pillow draws them, pikepdf wraps them the way a scanner's PDF does); the
stamps are read back from the built packet with poppler (``pdftotext -bbox``, ``pdftoppm``).
"""

from __future__ import annotations

import io
import re
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageDraw

from docgen.packets import build_packet
from docgen.packets.clearance import InkCache, decode_scans, obstacles, read_document
from docgen.packets.spec import StampSpec
from docgen.packets.stamps import reach

from .packetcheck import write_spec

DPI = 100
WIDTH, HEIGHT = 612, 792
STAMP = re.compile(r"^DG-\d{4}$")
WORD = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
FOOTER = (int(6.9 * DPI), int(10.62 * DPI), int(8.2 * DPI), int(10.8 * DPI))  # where the stamp would go


def _paper(ink: bool) -> Image.Image:
    """A grey scanned page (the same grain every time); with ``ink``, a dark footer right where the stamp goes."""
    rng = np.random.default_rng(11)
    image = Image.fromarray(rng.normal(232, 6, (11 * DPI, int(8.5 * DPI))).clip(0, 255).astype(np.uint8), "L")
    draw = ImageDraw.Draw(image)
    draw.rectangle((DPI, DPI, 5 * DPI, DPI + 20), fill=30)  # a line of the body, far from the margin
    if ink:
        draw.rectangle(FOOTER, fill=25)
    return image


def _jpeg(image: Image.Image, mode: str = "L") -> bytes:
    out = io.BytesIO()
    image.convert(mode).save(out, "JPEG", quality=85)
    return out.getvalue()


def _scan_pdf(path: Path, jpegs: list[bytes], cmyk: bool = False) -> Path:
    """One page per JPEG, each drawn over the whole letter page, as a scanner writes them."""
    pdf = pikepdf.new()
    for data in jpegs:
        extra = {"Decode": [1, 0] * 4} if cmyk else {}  # Adobe's CMYK JPEGs are stored inverted
        image = pdf.make_stream(
            data,
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=int(8.5 * DPI),
            Height=11 * DPI,
            ColorSpace=pikepdf.Name.DeviceCMYK if cmyk else pikepdf.Name.DeviceGray,
            BitsPerComponent=8,
            Filter=pikepdf.Name.DCTDecode,
            **extra,
        )
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, WIDTH, HEIGHT],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)),
            Contents=pdf.make_stream(f"q {WIDTH} 0 0 {HEIGHT} 0 0 cm /Im0 Do Q".encode()),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def _stamps(pdf: Path) -> list[tuple[float, ...]]:
    """Per page, the stamp's word box (x0, y0, x1, y1 from the top, in points)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = []
    for page in re.finditer(r"<page [^>]*>(.*?)</page>", out, re.S):
        (box,) = [tuple(float(v) for v in w[:4]) for w in re.findall(WORD, page.group(1)) if STAMP.match(w[4])]
        found.append(box)
    return found


def _ink_under(source: Path, page: int, box: tuple[float, ...]) -> float:
    """The share of dark pixels of the source page (1-based, rendered by poppler at 72 dpi) under ``box``."""
    command = ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), str(source)]
    grey = np.asarray(Image.open(io.BytesIO(subprocess.run(command, check=True, capture_output=True).stdout)))
    region = grey[int(box[1]) : int(box[3]) + 1, int(box[0]) : int(box[2]) + 1]
    assert region.size
    return float((region < 120).mean())


def _build(folder: Path, files: list[str]) -> Path:
    spec = write_spec(
        folder,
        "kind: filing\nindex: false\ndividers: false\n"
        "stamp: {style: bates, prefix: DG-, digits: 4, position: bottom-right}\n"
        f"exhibits:\n  - title: Scans\n    files: [{', '.join(files)}]\n",
    )
    build_packet(spec, folder / "out.pdf")
    return folder / "out.pdf"


BAND = reach(StampSpec(prefix="DG-"))
AREA = (0.0, 0.0, float(WIDTH), BAND)
PLACED = (float(WIDTH), float(HEIGHT), 0.0, 0.0)  # a, d, e, f: the whole page


def test_a_scan_is_answered_from_the_cache_only_when_its_jpeg_is_the_same() -> None:
    blank, inked = _jpeg(_paper(False)), _jpeg(_paper(True))
    cache: InkCache = {}
    first = decode_scans([(blank, PLACED, AREA)], cache)
    assert first == [[]] and len(cache) == 1
    assert decode_scans([(blank, PLACED, AREA)], cache) == first and len(cache) == 1
    (ink,) = decode_scans([(inked, PLACED, AREA)], cache)
    assert ink, "the copy that differs only in its ink is read afresh, and its footer found"
    assert len(cache) == 2
    assert min(box[0] for box in ink) == pytest.approx(FOOTER[0] * 72 / DPI, abs=3)
    assert decode_scans([(inked, PLACED, AREA)], cache) == [ink]


def test_the_same_scan_twice_and_its_inked_copy_each_get_their_own_stamp(tmp_path: Path) -> None:
    blank, inked = _jpeg(_paper(False)), _jpeg(_paper(True))
    # page 2 is page 1 again; the inked copy comes last, when a decoder has read the blank one already
    source = _scan_pdf(tmp_path / "scans.pdf", [blank, blank, inked])
    out = _build(tmp_path, ["scans.pdf"])
    stamps = _stamps(out)
    assert _ink_under(source, 3, stamps[2]) < 0.002, "the stamp sits on the inked copy's footer"
    assert stamps[0] == stamps[1], "the same page, the same spot"
    assert stamps[0][2] == pytest.approx(WIDTH - 0.3 * 72, abs=1.5), "a clean scan gets the stamp where asked"
    assert stamps[2] != stamps[0], "the inked copy moved its stamp"


def test_a_scan_pillow_cannot_decode_has_its_band_rendered_in_the_build(tmp_path: Path) -> None:
    inked = _jpeg(_paper(True), "CMYK")  # Pillow reads only grey and RGB scans quickly: this one is rendered
    source = _scan_pdf(tmp_path / "cmyk.pdf", [inked], cmyk=True)
    assert obstacles(source.read_bytes(), "bottom", BAND)[0], "pdfium's render finds the footer"
    out = _build(tmp_path, ["cmyk.pdf"])
    (stamp,) = _stamps(out)
    assert _ink_under(source, 1, stamp) < 0.002, "the stamp sits on the CMYK scan's footer"
    assert stamp[2] < FOOTER[0] * 72 / DPI or stamp[1] > HEIGHT - FOOTER[1] * 72 / DPI + 1


def test_a_closed_gate_makes_the_pass_wait_for_the_decoders_not_lose_pages(tmp_path: Path) -> None:
    pages = [_jpeg(_paper(n % 2 == 1)) for n in range(5)]
    data = _scan_pdf(tmp_path / "five.pdf", pages).read_bytes()
    gate = threading.BoundedSemaphore(1)  # one scan in flight at a time
    with ThreadPoolExecutor(max_workers=2) as decoder:
        reading = read_document(data, "bottom", BAND, decoder, {}, gate)
        assert reading.unread() == []
    assert dict(sorted(reading.found.items())) == obstacles(data, "bottom", BAND)
    assert [bool(reading.found[n]) for n in range(5)] == [False, True, False, True, False]


def test_the_build_s_margins_and_obstacles_agree_on_scans_decoded_and_rendered(tmp_path: Path) -> None:
    """One path makes a reading whole (scans Pillow could not decode rendered, pages merged and sorted), for
    :func:`obstacles` and for a build's :class:`Margins` alike."""
    from concurrent.futures import Future

    from docgen.packets.clearance import Margins, Reading

    grey = _scan_pdf(tmp_path / "grey.pdf", [_jpeg(_paper(True)), _jpeg(_paper(False))])
    cmyk = _scan_pdf(tmp_path / "cmyk.pdf", [_jpeg(_paper(True), "CMYK"), _jpeg(_paper(False), "CMYK")], cmyk=True)
    with pikepdf.open(grey) as first, pikepdf.open(cmyk) as second:  # decoded by Pillow, then rendered
        first.pages.extend(second.pages)
        first.save(tmp_path / "mixed.pdf")
    data = (tmp_path / "mixed.pdf").read_bytes()
    expected = obstacles(data, "bottom", BAND)
    with ThreadPoolExecutor(max_workers=1) as decoder:
        reading: Future[Reading] = Future()
        reading.set_result(read_document(data, "bottom", BAND, decoder))
        ran: list[str] = []

        def in_pdfium_thread(work: Callable[..., Any], *args: object) -> Any:
            ran.append(work.__name__)
            return work(*args)

        margins = Margins(reading, data, "bottom", BAND, in_pdfium_thread)
        assert margins.result() == expected and list(expected) == [0, 1, 2, 3]
    assert ran == ["render_bands"]  # the CMYK scans' bands, rendered once, in pdfium's thread
    assert [bool(expected[n]) for n in range(4)] == [True, False, True, False]


def test_a_hairline_and_small_footer_text_in_a_150_dpi_scan_are_found() -> None:
    """A scanner's thinnest marks in the margin (a rule one pixel high, a page number in 11-pixel type) are ink.

    The scan's JPEG is decoded small for speed, but not so small that they fade into the paper: decoded at an
    eighth of its size (the DCT's cheapest scale), neither is dark enough to count, and a stamp could cover them.
    """
    dpi = 150
    image = Image.new("L", (int(8.5 * dpi), 11 * dpi), 245)
    draw = ImageDraw.Draw(image)
    rule = (900, 1600, 1100, 1600)  # one pixel high, 0.48 points
    draw.line(rule, fill=40, width=1)
    draw.text((300, 1590), "Page 2 of 4", fill=40)  # Pillow's own bitmap font: about 11 pixels high
    (ink,) = decode_scans([(_jpeg(image, "L"), PLACED, AREA)])
    assert ink is not None

    def found(x0: float, x1: float, y: float) -> bool:
        return any(b[0] <= x1 and b[2] >= x0 and b[1] <= y + 2 and b[3] >= y - 2 for b in ink)

    to_points = 72 / dpi
    assert found(rule[0] * to_points, rule[2] * to_points, HEIGHT - rule[1] * to_points), "the hairline rule"
    assert found(300 * to_points, 360 * to_points, HEIGHT - 1595 * to_points), "the page number"
