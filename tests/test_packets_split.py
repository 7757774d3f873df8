"""Splitting a packet into files under an e-filing size limit: each part fits, together they are the packet."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from docgen.errors import PacketError, UsageError
from docgen.packets import PacketResult, build_packet

from .packetcheck import EVIDENCE, margin_text, page_texts, sha256, write_spec

LIMIT = 150_000

SPEC = f"""\
kind: rfe-response
name: split-test
stamp: {{style: bates, prefix: TEST-, digits: 5}}
parts:
  - notice: {EVIDENCE / "notices" / "i-797e-rfe.pdf"}
exhibits:
  - title: Diploma and transcript
    files: [{EVIDENCE / "diploma-msc.jpg"}, {EVIDENCE / "transcript-msc.tif"}]
  - title: Organisational chart
    files: [{EVIDENCE / "org-chart.png"}]
  - title: Forms W-2
    folder: {EVIDENCE / "w2"}
  - title: Pay statements
    folder: {EVIDENCE / "paystubs"}
  - title: Opinion
    files: [{EVIDENCE / "expert-opinion.pdf"}]
"""


def _profile(folder: Path, limit: int) -> Path:
    path = folder / f"limit-{limit}.yaml"
    path.write_text(
        f"name: test-{limit}\ntitle: A small limit for tests\nfile_types: [pdf]\n"
        f"size_limit: {{bytes: {limit}, stated: '{limit} bytes', source: tests, as_of: '2026-11-23'}}\n"
        "page_size: {name: letter, width: 612, height: 792}\nforbid: [encryption]\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def packets(tmp_path_factory: pytest.TempPathFactory) -> tuple[PacketResult, PacketResult]:
    folder = tmp_path_factory.mktemp("split")
    spec = write_spec(folder, SPEC)
    whole = build_packet(spec, folder / "whole.pdf", allow_dirs=[EVIDENCE])
    parts = build_packet(
        spec, out_dir=folder / "parts", split=True, profile=_profile(folder, LIMIT), allow_dirs=[EVIDENCE]
    )
    return whole, parts


def test_each_part_is_under_the_limit(packets: tuple[PacketResult, PacketResult]) -> None:
    _whole, parts = packets
    assert len(parts.files) > 2
    for written in parts.files:
        assert written.path.stat().st_size <= LIMIT
        assert written.path.name.startswith("split-test-part")


def test_parts_together_are_the_whole_packet(packets: tuple[PacketResult, PacketResult]) -> None:
    whole, parts = packets
    whole_pages = page_texts(whole.files[0].path)
    joined = [text for written in parts.files for text in page_texts(written.path)]
    assert joined == whole_pages
    stamps = [re.findall(r"TEST-\d{5}", text) for written in parts.files for text in margin_text(written.path)]
    assert stamps == [[f"TEST-{n:05d}"] for n in range(1, whole.pages + 1)]
    ranges = [(w.first_page, w.last_page) for w in parts.files]
    assert ranges[0][0] == 1 and ranges[-1][1] == whole.pages
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(ranges))


def test_cuts_fall_between_exhibits_unless_one_is_too_big(packets: tuple[PacketResult, PacketResult]) -> None:
    _whole, parts = packets
    sections = parts.manifest["sections"]
    cut = [s for s in sections if len(s["files"]) > 1]
    noted = [note for note in parts.notes if "cut by pages into" in note]
    # an exhibit spans files only when it alone is over the limit, and the packet says so
    assert [f"Exhibit {s['label']}: {s['title']}" for s in cut] == [note.split(" is ")[0] for note in noted]
    assert "Forms W-2" in [s["title"] for s in cut]  # three scans of about 70 kB each, limit 150 kB
    for section in cut:
        assert sum(f.size for f in parts.files if f.path.name in section["files"]) > LIMIT
    # every file starts at a section start, or inside a cut section
    for written in parts.files:
        owner = next(s for s in sections if s["pages"][0] <= written.first_page <= s["pages"][1])
        assert written.first_page == owner["pages"][0] or owner in cut


def test_each_part_has_its_bookmarks_and_stamp_range(packets: tuple[PacketResult, PacketResult]) -> None:
    _whole, parts = packets
    from .packetcheck import outline

    for written in parts.files:
        marks = outline(written.path)
        assert marks, written.path.name
        assert written.first_stamp == f"TEST-{written.first_page:05d}"
        assert written.last_stamp == f"TEST-{written.last_page:05d}"
    continued = [title for written in parts.files[1:] for _d, title, _p in outline(written.path)]
    assert "Exhibit C: Forms W-2 (continued)" in continued


def test_manifest_lists_every_part_with_its_hash(packets: tuple[PacketResult, PacketResult]) -> None:
    _whole, parts = packets
    manifest = json.loads(parts.manifest_path.read_text(encoding="utf-8"))
    assert [f["file"] for f in manifest["files"]] == [w.path.name for w in parts.files]
    for entry, written in zip(manifest["files"], parts.files, strict=True):
        assert entry["sha256"] == sha256(written.path)
        assert entry["pages"] == [written.first_page, written.last_page]
        assert entry["stamps"] == [written.first_stamp, written.last_stamp]
    assert manifest["profile"]["size_limit"] == LIMIT


def test_a_rebuild_with_fewer_parts_removes_the_old_ones(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC)
    small = build_packet(
        spec, out_dir=tmp_path / "out", split=True, profile=_profile(tmp_path, LIMIT), allow_dirs=[EVIDENCE]
    )
    large = build_packet(
        spec, out_dir=tmp_path / "out", split=True, profile=_profile(tmp_path, 5_000_000), allow_dirs=[EVIDENCE]
    )
    assert len(small.files) > 1 and len(large.files) == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "split-test-part1-cover-exhibits-A-E.pdf",
        "split-test.manifest.json",
    ]


def test_a_page_larger_than_the_limit_is_an_error(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC)
    with pytest.raises(PacketError, match=r"alone is 0\.\d MB, over the 0\.0 MB limit; rescan"):
        build_packet(
            spec, out_dir=tmp_path / "out", split=True, profile=_profile(tmp_path, 20_000), allow_dirs=[EVIDENCE]
        )
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_split_needs_a_folder_and_a_limit(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC)
    with pytest.raises(UsageError, match="--split writes several files"):
        build_packet(spec, tmp_path / "x.pdf", split=True, profile="uscis-online", allow_dirs=[EVIDENCE])
    with pytest.raises(UsageError, match="profile 'paper' has none"):
        build_packet(spec, out_dir=tmp_path, split=True, profile="paper", allow_dirs=[EVIDENCE])


def test_an_oversized_packet_without_split_gets_a_note(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, SPEC)
    result = build_packet(spec, tmp_path / "one.pdf", profile=_profile(tmp_path, LIMIT), allow_dirs=[EVIDENCE])
    assert any("over the 0.1 MB limit" in note and "--split" in note for note in result.notes)


def test_a_form_cut_across_parts_is_flattened_there(tmp_path: Path) -> None:
    """A filled form larger than the limit is cut by pages; in those files its values are burnt in, still visible."""
    from docgen.forms.fill import fill_form

    from .conftest import SAMPLES

    fill_form("I-765", SAMPLES / "cases" / "h1b-okafor.yaml", person="spouse", output=tmp_path / "i765.pdf")
    spec = write_spec(
        tmp_path,
        "kind: filing\nparts:\n  - {document: i765.pdf, role: form, title: Form I-765}\n"
        f"exhibits:\n  - title: Pay\n    folder: {EVIDENCE / 'paystubs'}\n",
    )
    result = build_packet(
        spec, out_dir=tmp_path / "out", split=True, profile=_profile(tmp_path, 160_000), allow_dirs=[EVIDENCE]
    )
    assert any("Form I-765 is" in n and "form fields are flattened in those files" in n for n in result.notes)
    texts = [text for written in result.files for text in page_texts(written.path)]
    assert "Okafor" in texts[0] and "Emeka" in texts[0]  # the family and given names, on page 1
    for written in result.files:
        assert written.path.stat().st_size <= 160_000
