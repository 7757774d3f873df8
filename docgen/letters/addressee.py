"""Who a letter to USCIS is addressed to: the filing address or the office a response goes back to.

The addresses are data (``docgen/data/addresses/uscis.yaml``, with a firm's ``addresses.yaml``
in its letters folder read first), each with its source, the day it was checked and whether it
was verified on that day. A letter whose template prints ``extra.office`` gets the block chosen
from the case:

- a **response** (``rfe_response``: the letter data names the office, or the packet's notice
  does) goes back to that office; the letter's own street (copied from the notice) wins;
- a **support letter** goes where its form is filed: ``facts.form`` and
  ``facts.classification``, the first worksite's state, and the delivery (the letter data's
  ``delivery``: ``usps``, ``courier``, or a carrier's name such as "FedEx Priority Overnight";
  the Postal Service when it says nothing).

:func:`addressee_notes` says what a paralegal must know: an address that was not verified, or no
address at all for the case (the letter then names no office).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docgen.bundled import bundled_dir, user_dirs
from docgen.case.model import Case
from docgen.errors import TemplateError
from docgen.yamlio import load_yaml_file

Delivery = Literal["usps", "courier"]
FIRM_FILE = "addresses.yaml"
RESPONSE_TEMPLATES = frozenset({"rfe_response"})
COURIERS = re.compile(r"\b(courier|fedex|federal express|ups|dhl|messenger|hand[- ]deliver)", re.I)
POSTAL = re.compile(r"\b(usps|postal|mail|priority mail|certified mail)\b", re.I)


@dataclass(frozen=True)
class Address:
    """One addressee block and when it applies."""

    id: str
    kind: Literal["filing", "office"]
    name: str | None
    street: str | None
    city: str | None
    state: str | None
    zip_code: str | None
    attention: str | None
    forms: frozenset[str]
    classifications: frozenset[str]
    worksite_states: frozenset[str]
    delivery: str
    source: str
    checked: str
    verified: bool
    note: str
    origin: str

    def block(self) -> dict[str, Any]:
        """The letter's ``extra.office``: name, attention, street, city, state, zip code."""
        return {
            "name": self.name,
            "attention": self.attention,
            "street": self.street,
            "city": self.city,
            "state": self.state,
            "zip_code": self.zip_code,
        }

    def fits(self, delivery: Delivery) -> bool:
        return self.delivery in ("any", delivery)


def _key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _set(values: Any) -> frozenset[str]:
    if values is None:
        return frozenset()
    return frozenset(_key(str(v)) for v in (values if isinstance(values, list) else [values]))


def _text(value: Any) -> str | None:
    return None if value is None else " ".join(str(value).split())


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, origin: str, _mtime: int) -> tuple[Address, ...]:
    data = load_yaml_file(path, TemplateError)
    entries = data.get("addresses") if isinstance(data, Mapping) else None
    if not isinstance(entries, list):
        raise TemplateError(f"{path}: no 'addresses:' list; see docgen/data/addresses/uscis.yaml for the shape")
    found = []
    for number, entry in enumerate(entries, 1):
        where = f"{path}: address {entry.get('id', number) if isinstance(entry, Mapping) else number}"
        if not isinstance(entry, Mapping):
            raise TemplateError(f"{where}: give kind, name, street, city, state, zip_code, source and checked")
        kind = entry.get("kind")
        if kind not in ("filing", "office"):
            raise TemplateError(f"{where}: kind: {kind!r}; use filing or office")
        delivery = str(entry.get("delivery") or "any")
        if delivery not in ("usps", "courier", "any"):
            raise TemplateError(f"{where}: delivery: {delivery!r}; use usps, courier or any")
        for required in ("source", "checked"):
            if not entry.get(required):
                raise TemplateError(f"{where}: no '{required}:'; every address says where it was read and when")
        found.append(
            Address(
                str(entry.get("id") or number),
                kind,
                _text(entry.get("name")),
                _text(entry.get("street")),
                _text(entry.get("city")),
                _text(entry.get("state")),
                _text(entry.get("zip_code")),
                _text(entry.get("attention")),
                _set(entry.get("forms")),
                _set(entry.get("classifications")),
                _set(entry.get("worksite_states")),
                delivery,
                str(entry["source"]),
                str(entry["checked"]),
                entry.get("verified") is True,
                " ".join(str(entry.get("note") or "").split()),
                origin,
            )
        )
    return tuple(found)


def load_addresses(folders: Sequence[Path] = ()) -> list[Address]:
    """The firm's addresses (``addresses.yaml`` in each of ``folders``, in order), then the bundled ones."""
    found: list[Address] = []
    for folder in folders:
        path = folder / FIRM_FILE
        if path.is_file():
            found += _parsed(path, str(path), path.stat().st_mtime_ns)
    bundled = bundled_dir("addresses") / "uscis.yaml"
    return found + list(_parsed(bundled, "bundled", bundled.stat().st_mtime_ns))


def firm_folders(template_folder: Path | None = None) -> list[Path]:
    """The letters folders that may hold a firm's addresses: $DOCGEN_LETTERS_DIR and the template's own."""
    folders = user_dirs(None, "DOCGEN_LETTERS_DIR", TemplateError)
    if template_folder is not None and template_folder != bundled_dir("letter_templates"):
        folders.append(template_folder)
    return list(dict.fromkeys(folders))


def delivery_of(section: Mapping[str, Any]) -> Delivery:
    """``usps`` or ``courier`` from the letter data's ``delivery`` (a carrier's name will do)."""
    text = str(section.get("delivery") or "")
    if COURIERS.search(text):
        return "courier"
    return "usps"


@dataclass(frozen=True)
class Choice:
    """The addressee chosen for a letter (None: the data has none for the case), and how it was chosen."""

    address: Address | None
    wanted: str


def choose(case: Case, template: str, section: Mapping[str, Any], addresses: Sequence[Address]) -> Choice:
    """The addressee block of ``template`` for ``case`` (see the module's notes)."""
    delivery = delivery_of(section)
    office = section.get("office")
    if template in RESPONSE_TEMPLATES:
        name = office.get("name") if isinstance(office, Mapping) else office
        wanted = f"the {name} (the office that sent the notice)" if name else "the office that sent the notice"
        if not name:
            return Choice(None, wanted)
        match = [a for a in addresses if a.kind == "office" and a.name and _key(a.name) == _key(str(name))]
        return Choice(next((a for a in match if a.fits(delivery)), None), wanted)
    facts = case.facts
    form = _key(facts.form or "") if facts is not None else ""
    classification = _key(facts.classification or "") if facts is not None else ""
    worksites = case.job.worksites if case.job is not None else []
    state = _key(worksites[0].state or "") if worksites else ""
    wanted = " ".join(
        p
        for p in (
            f"Form {facts.form}" if facts is not None and facts.form else "the form",
            facts.classification if facts is not None and facts.classification else "",
            f"worksite in {worksites[0].state}" if worksites and worksites[0].state else "",
            "by courier" if delivery == "courier" else "by USPS",
        )
        if p
    )
    for address in addresses:
        if address.kind != "filing" or not address.fits(delivery):
            continue
        if address.forms and form not in address.forms:
            continue
        if address.classifications and classification not in address.classifications:
            continue
        if address.worksite_states and state not in address.worksite_states:
            continue
        return Choice(address, wanted)
    return Choice(None, wanted)


def _has_street(office: Any) -> bool:
    return isinstance(office, Mapping) and bool(office.get("street"))


def with_addressee(
    case: Case, template: str, section: Mapping[str, Any], addresses: Sequence[Address]
) -> dict[str, Any]:
    """The letter data with ``office`` filled from the addresses when it has no street of its own."""
    merged = dict(section)
    if _has_street(merged.get("office")):
        return merged
    chosen = choose(case, template, merged, addresses).address
    if chosen is not None and chosen.street:
        block = chosen.block()
        given = merged.get("office")
        if isinstance(given, Mapping) and given.get("attention"):
            block["attention"] = given["attention"]
        merged["office"] = block
    return merged


def addressee_notes(case: Case, template: str, section: Mapping[str, Any], addresses: Sequence[Address]) -> list[str]:
    """What to confirm about the addressee of a letter: an unverified address, or none for the case."""
    if _has_street(section.get("office")):
        return []
    choice = choose(case, template, section, addresses)
    chosen = choice.address
    if chosen is None or not chosen.street:
        why = f" ({chosen.note})" if chosen is not None and chosen.note else ""
        return [
            f"no USCIS address for {choice.wanted} in the addresses data{why}; the letter names no office: "
            "give the letter data an office (name, street, city, state, zip_code) or add the address to your "
            "letters folder's addresses.yaml"
        ]
    if not chosen.verified:
        return [
            f"the addressee ({chosen.name}{', Attn: ' + chosen.attention if chosen.attention else ''}, "
            f"{chosen.street}, {chosen.city}) is not verified (address {chosen.id}, checked {chosen.checked}); "
            f"confirm it at {chosen.source} before sending"
        ]
    return []
