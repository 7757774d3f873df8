"""Part and item numbers: read from a USCIS tooltip, or from a map's ``item`` (``"Part 2, Items 15-17"``)."""

from __future__ import annotations

import re

_PART = re.compile(r"\bPart\s+(\d+)\.")
# An item number ("1. A.", "28.C.", "15."), not a number after "Part", "Item" or "Number" in a sentence.
_ITEM = re.compile(
    r"(?<!Part)(?<!Item)(?<!Items)(?<!Number)(?<!Numbers)(?:^|\s)(\d{1,2})\s?\.\s?(?:([A-Za-z])\s?\.)?(?=\s)"
)


def split_reference(reference: str, default_part: str) -> tuple[str, str]:
    """``"Part 2, Items 2-4"`` to ``("2", "2-4")``; a bare item keeps the default part."""
    match = re.match(r"\s*Part\s+(\w+)\s*,\s*Items?\s+(.+)$", reference, re.IGNORECASE)
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
