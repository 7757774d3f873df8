"""Packet specs are validated on load: every problem names the spec line, the key and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import PacketError
from docgen.packets import load_spec
from docgen.packets.spec import FormPart, exhibit_label

from .packetcheck import EVIDENCE, PACKETS, write_spec

GOOD_EXHIBIT = f"exhibits:\n  - title: Pay\n    folder: {EVIDENCE / 'paystubs'}\n"


def _error(tmp_path: Path, text: str) -> str:
    spec = write_spec(tmp_path, text)
    with pytest.raises(PacketError) as caught:
        load_spec(spec)
    message = str(caught.value)
    assert "\n" not in message
    return message.replace(str(spec), "SPEC")


def test_samples_load() -> None:
    for name in ("h1b-filing.yaml", "rfe-response.yaml"):
        spec = load_spec(PACKETS / name)
        assert spec.exhibits and spec.parts


def test_unknown_keys_get_a_line_and_a_suggestion(tmp_path: Path) -> None:
    assert _error(tmp_path, "kind: filing\nexhibts: []\n") == ("SPEC:2: exhibts: unknown key; did you mean 'exhibits'?")
    message = _error(tmp_path, "kind: filing\nstamp:\n  style: bates\n  prefx: ACME-\n" + GOOD_EXHIBIT)
    assert message == "SPEC:4: stamp.prefx: unknown key; did you mean 'prefix'?"
    message = _error(tmp_path, "kind: filing\nparts:\n  - form: I-765\n    fro: spouse\n" + GOOD_EXHIBIT)
    assert message == "SPEC:4: parts[0].fro: unknown key; did you mean 'for'?"


def test_wrong_values(tmp_path: Path) -> None:
    assert _error(tmp_path, "kind: filling\n").startswith("SPEC:1: kind: 'filling' is not one of 'filing'")
    message = _error(tmp_path, "kind: filing\nstamp: {style: bates, prefix: ÄCME-}\n" + GOOD_EXHIBIT)
    assert message.startswith("SPEC:2: stamp.prefix: 'ÄCME-': use plain letters, digits and punctuation")
    message = _error(tmp_path, "kind: filing\nstamp: {position: middle}\n" + GOOD_EXHIBIT)
    assert message.startswith("SPEC:2: stamp.position: 'middle' is not one of 'bottom-right'")


def test_a_part_names_one_kind(tmp_path: Path) -> None:
    message = _error(tmp_path, "kind: filing\nparts:\n  - {form: I-907, document: x.pdf}\n")
    assert (
        message == "SPEC:3: parts[0]: a part names exactly one of form, letter, document, notice; it has form, document"
    )
    message = _error(tmp_path, "kind: filing\nparts:\n  - title: Something\n")
    assert message.endswith("it has none")


def test_an_exhibit_needs_evidence(tmp_path: Path) -> None:
    message = _error(tmp_path, "kind: filing\nexhibits:\n  - title: Empty\n")
    assert message == "SPEC:3: exhibit 'Empty' names no evidence; add 'files:' or 'folder:'"
    (tmp_path / "empty").mkdir()
    message = _error(tmp_path, "kind: filing\nexhibits:\n  - title: Empty\n    folder: empty\n")
    assert message == "SPEC:4: folder 'empty' holds no files; add the evidence"
    assert (
        _error(tmp_path, "kind: filing\n")
        == "SPEC: the packet has no parts and no exhibits; add some under 'parts:' or 'exhibits:'"
    )


def test_yaml_syntax_errors_name_the_line(tmp_path: Path) -> None:
    assert _error(tmp_path, "kind: filing\nexhibits: [\n  - x\n").startswith("SPEC:")


def test_parts_are_put_in_conventional_order(tmp_path: Path) -> None:
    text = (
        "kind: filing\nparts:\n"
        "  - letter: h1b_support\n  - form: I-907\n  - {document: g28.pdf, role: g-28}\n"
        "  - form: G-1145\n  - {document: cover.pdf, role: cover-letter}\n"
    )
    spec = load_spec(write_spec(tmp_path, text))
    assert [e.role for e in spec.parts] == ["g-1145", "cover-letter", "g-28", "form", "support-letter"]
    assert [e.line for e in spec.parts] == [6, 7, 5, 4, 3]
    spec = load_spec(write_spec(tmp_path, text + "order: as-listed\n"))
    assert [e.role for e in spec.parts] == ["support-letter", "form", "g-28", "g-1145", "cover-letter"]


def test_rfe_conventions(tmp_path: Path) -> None:
    text = "kind: rfe-response\nparts:\n  - letter: rfe_response\n  - notice: rfe.pdf\n  - form: G-28\n"
    spec = load_spec(write_spec(tmp_path, text))
    assert [e.role for e in spec.parts] == ["notice", "cover-letter", "g-28"]
    form = spec.parts[2].part
    assert isinstance(form, FormPart) and form.form == "G-28"


def test_exhibit_labels() -> None:
    assert [exhibit_label(n, "letters") for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
    assert exhibit_label(11, "numbers") == "12"


def test_folder_files_in_natural_order(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("page10.pdf", "page2.pdf", "page1.pdf", ".DS_Store"):
        (folder / name).write_bytes(b"%PDF-1.4")
    spec = load_spec(write_spec(tmp_path, "kind: filing\nexhibits:\n  - title: Scans\n    folder: scans\n"))
    assert [s.written for s in spec.exhibits[0].sources] == ["scans/page1.pdf", "scans/page2.pdf", "scans/page10.pdf"]
    assert {s.line for s in spec.exhibits[0].sources} == {4}


def test_forms_need_a_case(tmp_path: Path) -> None:
    from docgen.packets import build_packet

    spec = write_spec(tmp_path, "kind: filing\nparts:\n  - form: I-907\n")
    with pytest.raises(PacketError, match=r":3: forms and letters need a case; add 'case: path/to/case.yaml'"):
        build_packet(spec, tmp_path / "out.pdf")


def test_unknown_profile(tmp_path: Path) -> None:
    from docgen.packets import build_packet

    spec = write_spec(tmp_path, "kind: filing\nprofile: uscis-onlin\n" + GOOD_EXHIBIT)
    with pytest.raises(PacketError, match=r"no e-filing profile 'uscis-onlin'; did you mean 'uscis-online'\?"):
        build_packet(spec, tmp_path / "out.pdf")
