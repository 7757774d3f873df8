"""The margins a build read are kept on disk: a rebuild finds them and stamps the pages where the first build did.

A kept file is proved to be what the rebuild reads by altering it: boxes written in its place move the stamp,
a file whose digest no longer matches is read afresh. The packets are built for real from JPEG scans.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from docgen.packets import marginstore

from .test_packets_clearance_scans import DPI, FOOTER, HEIGHT, WIDTH, _build, _jpeg, _paper, _scan_pdf, _stamps


def _kept(cache: Path) -> list[Path]:
    return sorted((cache / marginstore.KIND).glob("*.bin"))


def test_a_rebuild_reads_the_kept_margins_and_stamps_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(cache))
    _scan_pdf(tmp_path / "scans.pdf", [_jpeg(_paper(False)), _jpeg(_paper(True))])
    first = _stamps(_build(tmp_path, ["scans.pdf"]))
    (kept,) = _kept(cache)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    key = kept.stem
    found = marginstore.recall(key)
    assert found is not None and not found[0] and found[1], "the inked footer of page 2 is kept, page 1 is clear"
    assert _stamps(_build(tmp_path, ["scans.pdf"])) == first

    # boxes put in the kept file's place are what a rebuild goes by: the clean page's stamp moves too
    marginstore.keep(key, {0: found[1], 1: found[1]})
    moved = _stamps(_build(tmp_path, ["scans.pdf"]))
    assert moved[0] == moved[1] == first[1] != first[0]

    # a kept file altered by hand (its digest no longer matches) is a miss: the document is read again
    data = bytearray(kept.read_bytes())
    data[-2] ^= 1
    kept.write_bytes(bytes(data))
    assert marginstore.recall(key) is None
    assert _stamps(_build(tmp_path, ["scans.pdf"])) == first
    assert marginstore.recall(key) == found, "the margins read again are kept again"


def test_kept_files_hold_only_boxes_and_nothing_is_kept_when_caching_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    key = marginstore.margins_key("0" * 64, "bottom", 57.6)
    assert key != marginstore.margins_key("0" * 64, "top", 57.6)
    assert key is not None and key != marginstore.margins_key("0" * 64, "bottom", 60.0)
    marginstore.keep(key, {2: [(1.0, 2.0, 3.0, 4.0)]})
    assert marginstore.recall(key) == {2: [(1.0, 2.0, 3.0, 4.0)]}
    other = marginstore.margins_key("1" * 64, "bottom", 57.6)
    assert other is not None
    marginstore.keep(other, {2: [(1.0, 2.0, 3.0)]})  # type: ignore[list-item]  # not a box: kept, never believed
    assert marginstore.recall(other) is None

    monkeypatch.setenv("DOCGEN_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    assert marginstore.recall(key) is None and marginstore.margins_key("0" * 64, "bottom", 57.6) is None
    assert not marginstore.enabled()
    _scan_pdf(tmp_path / "scan.pdf", [_jpeg(_paper(True))])
    (stamp,) = _stamps(_build(tmp_path, ["scan.pdf"]))
    assert stamp[2] < FOOTER[0] * 72 / DPI or stamp[1] > HEIGHT - FOOTER[1] * 72 / DPI + 1, "the footer is avoided"
    assert stamp[2] <= WIDTH
    assert len(_kept(tmp_path / "cache")) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cache",
        "out.manifest.json",
        "out.pdf",
        "packet.yaml",
        "scan.pdf",
    ]
