"""Part and item numbers: read from a USCIS tooltip, or from a map's ``item`` (``"Part 2, Items 15-17"``).

Also how a message names a box to a user: by part, item and the words of the question
(``Part 1, Item 10 (Your A-Number)``), never by the PDF field's name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docgen.forms.pdf import FormField

_PART = re.compile(r"\bPart\s+(\d+)\.")
# An item number ("1. A.", "28.C.", "15."), not a number after "Part", "Item" or "Number" in a sentence.
_ITEM = re.compile(
    r"(?<!Part)(?<!Item)(?<!Items)(?<!Number)(?<!Numbers)(?:^|\s)(\d{1,2})\s?\.\s?(?:([A-Za-z])\s?\.)?(?=\s)"
)
_REFERENCE = re.compile(r"^\s*(?:Part\s+)?([\w.]+)\s*,\s*Items?\s+(.+?)\s*$", re.IGNORECASE)
_VERB = re.compile(r"^(?:Enter|Provide|Type or print|Type|Print|Indicate|Write|Select|Check)\s+", re.IGNORECASE)


def split_reference(reference: str, default_part: str) -> tuple[str, str]:
    """``"Part 2, Items 2-4"`` to ``("2", "2-4")`` (``"C, Item 4"``, a lettered section, to ``("C", "4")``);
    a bare item keeps the default part."""
    match = _REFERENCE.match(reference)
    if match:
        return match.group(1), match.group(2).strip()
    return default_part, re.sub(r"^Items?\s+", "", reference.strip(), flags=re.IGNORECASE)


def item_reference(tooltip: str) -> tuple[str, str]:
    """Part and item number from a USCIS tooltip ("Part 2. ... 1. A. Enter ...")."""
    part_match = _PART.search(tooltip)
    part = part_match.group(1) if part_match else ""
    rest = tooltip[part_match.end() :] if part_match else tooltip
    item_match = _ITEM.search(rest)
    item = ""
    if item_match:
        item = item_match.group(1) + (f".{item_match.group(2).lower()}" if item_match.group(2) else "")
    return part, item


def field_reference(rule_item: str | None, tooltip: str) -> tuple[str, str]:
    """The part and item a box answers: the map's ``item`` when given, else the tooltip's."""
    part, item = item_reference(tooltip)
    return split_reference(rule_item, part) if rule_item else (part, item)


def _question_parts(tooltip: str, item: str, box: bool) -> tuple[str, str]:
    """(the heading over the item, the question after its item number) of a tooltip."""
    text = " ".join(tooltip.split())
    number = item.split(".")[0].split("-")[0]
    heading = ""
    if number:
        match = re.search(rf"(?:^|(?<!Part)\s){re.escape(number)}\s?\.\s?(?:[A-Za-z]\s?\.)?\s(.*)$", text)
        if match:
            before = text[: match.start()].strip().rstrip(".")
            last = re.split(r"(?<=[a-z)])\.\s+", before)[-1] if before else ""
            heading = last if 0 < len(last) <= 60 and not last.startswith("Part ") else ""
            text = match.group(1)
    if box:  # the question, not the choice this box stands for
        text = re.sub(r"\.?\s*\b(?:Select|Check)\s+(?!only\b|all\b).*$", "", text, flags=re.IGNORECASE) or text
    return heading, text


def question_text(tooltip: str, item: str, box: bool) -> str:
    """The question a tooltip asks, after its item number ("Information About You: Enter Your A-Number");
    for a box, without the choice it stands for ("Select Yes")."""
    heading, text = _question_parts(tooltip, item, box)
    return f"{heading}: {text}" if heading and text else text


def field_label(tooltip: str, item: str, box: bool) -> str:
    """A few words naming a box: the tooltip's question without "Enter", shortened ("Your A-Number (if any)"),
    under its heading when both are short ("Mailing Address: City or Town")."""
    if not tooltip.strip():
        return ""
    heading, text = _question_parts(tooltip, item, box)
    text = re.sub(r"^Part\s+\d+\.\s*", "", text)
    text = re.split(r"(?<=[a-z)”])\.\s+(?=[A-Z])", text, maxsplit=1)[0]  # its first sentence
    text = _VERB.sub("", text).strip().rstrip(".").strip()
    while text.count("(") > text.count(")"):  # a tooltip's unclosed bracket ("Number (A. number(, if any")
        text = text[: text.rindex("(")].strip()
    if heading and text and len(heading) + len(text) <= 50:
        text = f"{heading}: {text}"
    return shorten(text)


def shorten(text: str, width: int = 70) -> str:
    """``text`` cut at a word to at most ``width`` characters, ending ``...`` when cut (never mid-word, unmarked)."""
    if len(text) <= width:
        return text
    cut = text[:width].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "..."


def describe(part: str, item: str, label: str) -> str:
    """``Part 1, Item 10 (Your A-Number)``; a lettered part is a section (the ETA-9089's ``Section C``)."""
    pieces = []
    if part:
        pieces.append(f"Part {part}" if part[0].isdigit() else f"Section {part}")
    if item:
        pieces.append(f"Item {item}" if item[0].isdigit() else item)
    where = ", ".join(pieces)
    if where and label:
        return f"{where} ({label})"
    return where or label


def describe_field(rule_item: str | None, target: FormField) -> str:
    """How a message names a box: ``Part 1, Item 10 (Your A-Number)``; the field's name only when neither the
    map nor the tooltip says which item it is."""
    part, item = field_reference(rule_item, target.tooltip)
    named = bool(item) and not item[0].isdigit()  # the map names the item in words ("Mobile Phone Number")
    label = "" if named else field_label(target.tooltip, item, target.kind in ("checkbox", "radio"))
    if not (part or item or label):
        label = target.short_name
    return describe(part, item, label)


_PHONE_WORDS = re.compile(
    r"(?:\b[\w-]+'s\s+)?(?:\b(?:daytime|mobile|evening|work|home|cell)\s+)?\b(?:(?:tele)?phone|fax)\s+number",
    re.IGNORECASE,
)


def phone_label(tooltip: str) -> str:
    """The words a form uses for a telephone box ("Applicant's Daytime Telephone Number"), from its tooltip;
    "Telephone number" when the tooltip does not say."""
    found = _PHONE_WORDS.findall(" ".join(tooltip.split()))
    label = found[-1] if found else "Telephone number"
    return label[:1].upper() + label[1:]
