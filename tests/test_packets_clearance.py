"""The quick clearance read (pdfium's object calls, only the band, scans' JPEGs decoded off pdfium's
thread) puts every stamp where the full check does: every page object walked, and the band rendered
whenever a drawing or an image reaches into it.

Run over every PDF bundled in ``samples/``, for a stamp at the bottom and at the top edge: the pages whose stamp moved,
shrank or needed a white box are the same set, and each stamp lands on the same spot.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from docgen.packets import clearance
from docgen.packets.clearance import DRAWN, TEXT, Edge, Rect, obstacles
from docgen.packets.spec import StampSpec
from docgen.packets.stamps import Spot, place, reach, to_view

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").rglob("*.pdf"))


def _readable(path: Path) -> bool:
    """False for the samples damaged on purpose (a packet stamps those where asked)."""
    try:
        pypdfium2.PdfDocument(path.read_bytes()).close()
    except pypdfium2.PdfiumError:
        return False
    return True


READABLE = [path for path in SAMPLES if _readable(path)]
POSITIONS = ("bottom-left", "top-center")  # a stamp moves on some sample pages at both edges


def _full_check(data: bytes, edge: Edge, band: float) -> dict[int, list[Rect]]:
    """Every object of every page through pypdfium2's helpers; the band rendered whenever anything is drawn in it."""
    found: dict[int, list[Rect]] = {}
    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                box, rotate = clearance._view_box(page)
                area = clearance._band(box, rotate, edge, band)
                boxes = clearance._annotation_boxes(page)
                drawn = False
                for obj in page.get_objects(max_depth=1):
                    bounds = clearance._ordered(obj.get_bounds())
                    if obj.type == TEXT and clearance._meets(bounds, area):
                        boxes.append(bounds)
                    drawn |= obj.type in DRAWN and clearance._meets(bounds, area)
                if drawn:
                    boxes += clearance._rendered(page, box, rotate, edge, band)
                found[index] = boxes
            finally:
                page.close()
    finally:
        document.close()
    return found


def _spots(data: bytes, spec: StampSpec, found: dict[int, list[Rect]]) -> list[tuple[int, Spot]]:
    document = pypdfium2.PdfDocument(data)
    try:
        spots = []
        for index in range(len(document)):
            page = document[index]
            box, rotate = clearance._view_box(page)
            page.close()
            width, height = clearance.view_size(box, rotate)
            avoid = [to_view(r, box, rotate) for r in found.get(index, [])]
            spots.append((index, place(spec, "DG-000123", width, height, avoid)))
        return spots
    finally:
        document.close()


def _changed(spots: list[tuple[int, Spot]], asked: list[tuple[int, Spot]]) -> dict[str, set[int]]:
    return {
        "moved": {i for (i, s), (_, a) in zip(spots, asked, strict=True) if s.clear and (s.x, s.y) != (a.x, a.y)},
        "shrunk": {i for i, s in spots if s.shrunk},
        "boxed": {i for i, s in spots if not s.clear},
    }


@pytest.mark.parametrize("position", POSITIONS)
def test_the_quick_read_places_every_stamp_as_the_full_check(position: str) -> None:
    spec = StampSpec(prefix="DG-", position=position)  # type: ignore[arg-type]
    edge: Edge = "top" if position.startswith("top") else "bottom"
    band = reach(spec)
    affected = 0
    assert len(READABLE) > 40
    for path in READABLE:
        data = path.read_bytes()
        quick, full = obstacles(data, edge, band), _full_check(data, edge, band)
        asked = _spots(data, spec, {})
        quick_spots, full_spots = _spots(data, spec, quick), _spots(data, spec, full)
        changed = _changed(quick_spots, asked)
        assert changed == _changed(full_spots, asked), f"{path.name}: {position}"
        assert quick_spots == full_spots, f"{path.name}: {position}"
        affected += sum(len(pages) for pages in changed.values())
    assert affected, "no sample page has content where the stamp goes: the comparison proves nothing"
