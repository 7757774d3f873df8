"""Addressee blocks as data: a support letter goes to the filing address of its form, classification,
worksite and delivery; a response to the office that sent the notice; unverified or missing
addresses are said, never hidden. Letters rendered to real DOCX and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from docgen.case.loader import load_case
from docgen.cli import main
from docgen.errors import TemplateError
from docgen.letters.addressee import load_addresses
from docgen.letters.render import letter_addressee_notes, load_template, render_case
from docgen.packets.crosscheck import docx_text

from .conftest import SAMPLES

OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
HOSHINO = SAMPLES / "cases" / "l1a-hoshino.yaml"
DAY = dt.date(2026, 8, 20)


def _head(template: str, case_path: Path, data: dict[str, Any] | None = None) -> list[str]:
    """The letter's lines down to its Re: block."""
    lines = docx_text(
        render_case(load_template(template), load_case(case_path), case_folder=case_path.parent, data=data, date=DAY)
    ).splitlines()
    return lines[: lines.index("Re:")]


def test_a_support_letter_is_addressed_where_its_form_is_filed() -> None:
    head = _head("h1b_support", OKAFOR)
    assert head[-4:] == ["California Service Center", "Attn: I-129 H", "P.O. Box 10129", "Laguna Niguel, CA 92607-1012"]
    by_courier = _head("h1b_support", OKAFOR, {"h1b_support": {"delivery": "FedEx Priority Overnight"}})
    assert by_courier[-2:] == ["24000 Avila Road, 2nd Floor, Room 2312", "Laguna Niguel, CA 92677"]
    l1 = _head("l1a_support", HOSHINO)
    assert "Attn: I-129 L" in l1


def test_the_letters_own_office_wins() -> None:
    office = {
        "name": "Vermont Service Center",
        "attention": "I-129 H",
        "street": "38 River Road",
        "city": "Essex Junction",
        "state": "VT",
        "zip_code": "05479-0001",
    }
    head = _head("h1b_support", OKAFOR, {"h1b_support": {"office": office}})
    assert head[-4:] == ["Vermont Service Center", "Attn: I-129 H", "38 River Road", "Essex Junction, VT 05479-0001"]
    assert (
        letter_addressee_notes(load_template("h1b_support"), load_case(OKAFOR), {"h1b_support": {"office": office}})
        == []
    )


def test_a_response_goes_to_the_office_of_the_notice() -> None:
    data = {"rfe_response": {**_rfe(), "office": {"name": "Nebraska Service Center"}}}
    head = _head("rfe_response", OKAFOR, data)
    assert head[-3:] == ["Nebraska Service Center", "850 S Street", "Lincoln, NE 68508"]


def _rfe() -> dict[str, Any]:
    from docgen.letters.render import load_letter_data

    section = dict(load_letter_data(SAMPLES / "letters" / "h1b-okafor.yaml")["rfe_response"])
    section.pop("office")
    return section


def test_unverified_and_missing_addresses_are_said(tmp_path: Path) -> None:
    template, case = load_template("h1b_support"), load_case(OKAFOR)
    (note,) = letter_addressee_notes(template, case, {})
    assert "is not verified (address csc-i129-h-usps, checked 2026-12-01)" in note
    assert "https://www.uscis.gov/i-129-addresses" in note
    # a worksite in another state: the data has no address, and says so (the letter names no office)
    moved = tmp_path / "moved.yaml"
    moved.write_text(
        OKAFOR.read_text(encoding="utf-8").replace(
            'state: CA\n      zip_code: "94105"', 'state: WA\n      zip_code: "98101"'
        ),
        encoding="utf-8",
    )
    (missing,) = letter_addressee_notes(template, load_case(moved), {})
    assert missing.startswith("no USCIS address for Form I-129 H-1B worksite in WA by USPS in the addresses data")
    head = _head("h1b_support", moved)
    assert head[-1] == "U.S. Citizenship and Immigration Services"


def test_a_firm_file_comes_first_and_needs_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "addresses.yaml").write_text(
        "addresses:\n"
        "  - {id: firm-wa, kind: filing, name: Vermont Service Center, attention: I-129 H, street: 38 River Road,\n"
        "     city: Essex Junction, state: VT, zip_code: 05479-0001, forms: [I-129], delivery: any,\n"
        "     source: https://www.uscis.gov/i-129-addresses, checked: 2026-11-30, verified: true}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DOCGEN_LETTERS_DIR", str(tmp_path))
    head = _head("h1b_support", OKAFOR)
    assert head[-2:] == ["38 River Road", "Essex Junction, VT 05479-0001"]
    assert letter_addressee_notes(load_template("h1b_support"), load_case(OKAFOR), {}) == []
    (tmp_path / "addresses.yaml").write_text(
        "addresses:\n  - {id: x, kind: filing, name: X, street: Y, checked: 2026-01-01}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match=r"addresses.yaml: address x: no 'source:'"):
        load_addresses([tmp_path])


def test_every_bundled_address_says_where_it_was_read() -> None:
    addresses = load_addresses()
    assert addresses
    for address in addresses:
        assert address.source.startswith("https://www.uscis.gov/"), address.id
        assert dt.date.fromisoformat(address.checked)
        assert address.street or not address.verified, f"{address.id}: verified without an address"


def test_cli_letter_warns_about_the_addressee(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "support.docx"
    assert main(["letter", "h1b_support", "--case", str(OKAFOR), "-o", str(out), "--date", "2026-08-20"]) == 0
    err = capsys.readouterr().err
    assert "warning: the addressee (California Service Center, Attn: I-129 H, P.O. Box 10129" in err
