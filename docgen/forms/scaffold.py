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

from docgen.case.paths import check_path
from docgen.errors import MapError
from docgen.forms.pdf import FormDocument, FormField
from docgen.yamlio import load_yaml_text

# An item number ("2. A. ", "14. "), but not "Part 14." or "Item Number 18." inside a sentence.
_ITEM_START = re.compile(r"(?:^|(?<!Part)(?<!Number)(?<!Numbers)\s)\d{1,2}\s?\.\s?(?:[A-Za-z]\s?\.)?\s")
_PART_TITLE = re.compile(r"Part\s+\d+\.\s*[^.(]*(?:\([^)]*\))?[^.]*\.")
_NAMED_DATA = ("preparer", "extra.interpreter")  # business_name rather than firm


@dataclass
class Suggestion:
    """A proposed rule for one field."""

    rule: str  # YAML text of the value (a quoted string or a flow mapping)
    path: str


@dataclass(frozen=True)
class _Scope:
    """Whose data a field asks for, which item rules apply and which address."""

    who: str
    items: str
    address: str
    whole: bool = False


@functools.lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    text = resources.files("docgen").joinpath("data/suggestions.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = load_yaml_text(text, "docgen/data/suggestions.yaml", MapError)
    return data


def _split_tooltip(tooltip: str) -> tuple[str, str]:
    """Part title (before the item number) and the item text."""
    match = _ITEM_START.search(tooltip, 6)
    if not match:
        return tooltip, tooltip
    return tooltip[: match.start()], tooltip[match.start() :]


def _first(rules: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    return next((rule for rule in rules if re.search(rule["match"], text, re.IGNORECASE)), None)


def _part_title(section: str) -> str:
    """``Part 3. Additional Information About You.`` out of the text before the item number."""
    match = _PART_TITLE.search(section)
    return match.group(0) if match else section


def _scope(tooltip: str, section: str) -> _Scope | None:
    """Whose data the field asks for: the part's owner, refined by the sub-heading."""
    rule = _first(_rules()["sections"], _part_title(section))
    if rule is None or rule.get("who") is None:
        return None
    items = str(rule.get("items", "person_items"))
    scope = _Scope(str(rule["who"]), items, "mailing_address" if items == "person_items" else "address")
    context = _first(_rules()["contexts"], tooltip)
    if context is None:
        return scope
    if items != "person_items":  # a company's or a representative's part: only a list can change the guess
        return None if "who" in context and context["who"] is None else scope
    if "who" in context:
        if context["who"] is None:
            return None
        items = str(context.get("items", "person_items"))
        return _Scope(str(context["who"]), items, scope.address, bool(context.get("whole", False)))
    return _Scope(scope.who, scope.items, str(context.get("address", scope.address)))


def _chain(path: str) -> tuple[str, ...]:
    """``applicant.parents[0].given_name`` as ``('applicant', 'parents', '[]', 'given_name')``."""
    out: list[str] = []
    for part in path.split("."):
        name = re.sub(r"\[\d+\]", "", part)
        out.append(name)
        out.extend("[]" for _ in re.findall(r"\[\d+\]", part))
    return tuple(out)


def suggest(target: FormField) -> Suggestion | None:
    """A case path for a text field whose tooltip makes it clear, else None."""
    if target.kind not in ("text", "choice") or not target.tooltip:
        return None
    section, item = _split_tooltip(target.tooltip)
    scope = _scope(target.tooltip, section)
    if scope is None:
        return None
    rule = _first(list(_rules()[scope.items]), target.tooltip if scope.whole else item)
    if rule is None:
        return None
    attribute = str(rule["path"]).replace("ADDRESS", scope.address)
    if scope.who in _NAMED_DATA and attribute == "firm":
        attribute = "business_name"
    path = f"{scope.who}.{attribute}"
    if check_path(_chain(path)) is not None:
        return None
    expr = path + (f" | {rule['filter']}" if rule.get("filter") else "")
    return Suggestion(json.dumps("{{ " + expr + " }}"), path)


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
    answers: dict[str, Any] = {}
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
            for chain in re.findall(r"\bextra\.([A-Za-z_][\w.]*)", suggestion.rule):
                node = answers
                for part in chain.split("."):
                    node = node.setdefault(part, {})
        elif target.kind in ("checkbox", "radio"):
            lines.append(f'  # {json.dumps(target.name)}: {{check: ""}}')
        else:
            lines.append(f'  # {json.dumps(target.name)}: ""')
    if answers:
        lines.append("# The answers the rules read from extra, with their types (text until you say more).")
        lines.append("answers:")
        lines.extend(_answer_lines(answers, 2))
    lines.append("empty:")
    lines.extend(empty or ["  {}"])
    return "\n".join(lines) + "\n"


def _answer_lines(tree: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    out = []
    for key, sub in tree.items():
        if not sub:
            out.append(f"{pad}{key}: text")
            continue
        out += [f"{pad}{key}:", f"{pad}  type: section", f"{pad}  fields:", *_answer_lines(sub, indent + 4)]
    return out
