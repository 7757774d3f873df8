"""``docgen map scaffold``: a first draft of a map from a blank form.

Fields come out in the form's own order (page, then document order), each
with its tooltip as a comment. Where the tooltip makes the case path clear
(rules in ``docgen/data/suggestions.yaml``), the field gets a suggestion
marked ``# REVIEW``; other fields are written commented out for a person to
complete. Bar codes are declared empty with the reason.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from docgen.case.paths import check_path
from docgen.forms.pdf import FormDocument, FormField

_ITEM_START = re.compile(r"(?:^|\s)\d{1,2}\s?\.\s?(?:[A-Za-z]\s?\.)?\s")


@dataclass
class Suggestion:
    """A proposed rule for one field."""

    rule: str  # YAML text of the value (a quoted string or a flow mapping)
    path: str


@functools.lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    text = resources.files("docgen").joinpath("data/suggestions.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _split_tooltip(tooltip: str) -> tuple[str, str]:
    """Part title (before the item number) and the item text."""
    match = _ITEM_START.search(tooltip, 6)
    if not match:
        return tooltip, tooltip
    return tooltip[: match.start()], tooltip[match.start() :]


def _who(section: str) -> str | None:
    for rule in _rules()["sections"]:
        if re.search(rule["match"], section, re.IGNORECASE):
            return rule["who"]  # type: ignore[no-any-return]
    return None


def _item_rules(who: str) -> list[dict[str, Any]]:
    if who in ("petitioner",):
        return list(_rules()["employer_items"])
    if who in ("representative", "preparer"):
        return list(_rules()["representative_items"])
    return list(_rules()["person_items"])


def suggest(target: FormField) -> Suggestion | None:
    """A case path for a text field whose tooltip makes it clear, else None."""
    if target.kind not in ("text", "choice") or not target.tooltip:
        return None
    section, item = _split_tooltip(target.tooltip)
    who = _who(section)
    if who is None:
        return None
    for rule in _item_rules(who):
        if re.search(rule["match"], item, re.IGNORECASE):
            attribute = rule["path"]
            if who == "preparer" and attribute == "firm":
                attribute = "business_name"
            path = f"{who}.{attribute}"
            chain = tuple(re.sub(r"\[\d+\]", "", part) for part in path.split("."))
            if check_path(chain) is not None:
                return None
            expr = path + (f" | {rule['filter']}" if rule.get("filter") else "")
            return Suggestion(json.dumps("{{ " + expr + " }}"), path)
    return None


def _comment(text: str) -> str:
    return " ".join(text.split())[:160]


def scaffold_map(form: FormDocument, blank_name: str) -> str:
    """The YAML text of a draft map for ``form``."""
    ordered = sorted(form.fields.values(), key=lambda f: f.page)
    form_id = form.form_id or "FORM-ID"
    edition = form.edition or "MM/DD/YY"
    lines = [
        f"# Draft map for {form_id} edition {edition}, made by 'docgen map scaffold'.",
        "# Lines marked REVIEW hold a suggested case path: check each, then delete the mark.",
        "# Commented-out fields still need a rule, or an entry under 'empty' with the reason.",
        f"form: {json.dumps(form_id)}",
        f"edition: {json.dumps(edition)}",
        'title: ""',
        f"blank: {json.dumps(blank_name)}",
        f"fingerprint: {json.dumps(form.fingerprint())}",
        "fields:",
    ]
    empty = []
    for target in ordered:
        if target.is_barcode or target.kind in ("pushbutton", "signature"):
            reason = "bar code (kept as USCIS made it)" if target.is_barcode else f"signature ({target.kind})"
            empty.append(f"  {json.dumps(target.name)}: {json.dumps(reason)}")
            continue
        states = f" on-states {target.on_states}" if target.on_states else ""
        limit = f" max {target.max_len}{' comb' if target.comb else ''}" if target.max_len else ""
        lines.append(f"  # p{target.page} {target.kind}{limit}{states}: {_comment(target.tooltip)}")
        suggestion = suggest(target)
        if suggestion:
            lines.append(f"  {json.dumps(target.name)}: {suggestion.rule}  # REVIEW")
        elif target.kind in ("checkbox", "radio"):
            lines.append(f'  # {json.dumps(target.name)}: {{check: ""}}')
        else:
            lines.append(f'  # {json.dumps(target.name)}: ""')
    lines.append("empty:")
    lines.extend(empty or ["  {}"])
    return "\n".join(lines) + "\n"
