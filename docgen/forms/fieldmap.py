"""Field maps: one YAML file per form edition, tying PDF fields to case data.

A map names the form, its edition, the blank PDF and a fingerprint of that
PDF's field set, then for each fully qualified field name what to put there::

    fields:
      form1[0].Page1[0].Line1a_FamilyName[0]: "{{ applicant.family_name }}"
      form1[0].Page2[0].Line9_Checkbox[1]: {check: "applicant.sex == 'M'"}
      form1[0].Page2[0].Pt2Line5_Unit[0]:  {check: "applicant.mailing_address.unit_type == 'ste'"}
    empty:
      form1[0].#pageSet[0].Page1[0].PDF417BarCode1[0]: bar code (kept as USCIS made it)
    continuation:   # the form's Additional Information part, used for overflow
      - {page: ..., part: ..., item: ..., text: ...}

``required`` is ``true`` or an expression (required only when it holds, e.g.
``"extra.eligibility_category == '(c)(26)'"``).
``value`` is a Jinja template (text, drop-downs), ``check`` an expression
whose truth turns a box on (``None`` leaves it unanswered), ``select`` an
expression whose result picks an on-state through ``options``. Everything is
checked on load against the case model and the blank PDF; every problem is an
error with ``file:line`` and a "did you mean".
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import Template, TemplateSyntaxError, meta, nodes
from jinja2.environment import TemplateExpression
from jinja2.parser import Parser
from pydantic import BaseModel

from docgen.case.paths import ROOTS, check_path, element_type
from docgen.errors import MapError
from docgen.forms import mapcache
from docgen.forms.answers import build_model, moved_answers
from docgen.forms.items import describe_field, item_reference, split_reference
from docgen.forms.pdf import FormDocument, FormField
from docgen.templating import CaseEnvironment, make_environment, truth, variable_paths
from docgen.yamlio import LineDict, load_yaml_file, load_yaml_text, read_text_file, unknown_key

EXCLUDED_REASONS = ("office use", "bar code", "signature")
_RULE_KEYS = {"value", "check", "select", "options", "state", "item", "required", "why", "note", "lines"}
_TOP_KEYS = {
    "form",
    "edition",
    "title",
    "blank",
    "fingerprint",
    "fields",
    "empty",
    "continuation",
    "repeats",
    "skips",
    "answers",
    "notes",
}
_SKIP_KEYS = {"when", "items", "form_says"}
_REPEAT_KEYS = {"name", "items", "item", "rows", "cells", "overflow"}
_SLOT_KEYS = ("page", "part", "item", "text")


@dataclass
class FieldRule:
    """What one PDF field gets."""

    name: str
    line: int
    value: Template | None = None
    check: TemplateExpression | None = None
    select: TemplateExpression | None = None
    options: dict[str, str] = field(default_factory=dict)
    state: str | None = None
    item: str | None = None
    required: bool = False
    required_when: TemplateExpression | None = None
    why: str | None = None  # why the form asks this answer of the case (said when it is missing)
    lines: int | None = None
    source: str = ""

    @property
    def kind(self) -> str:
        """``value``, ``check`` or ``select``."""
        return "value" if self.value is not None else ("check" if self.check is not None else "select")


@dataclass
class ContinuationSlot:
    """One entry of the form's own Additional Information part."""

    page: str
    part: str
    item: str
    text: str
    lines: int | None = None  # printed lines in the text box


@dataclass
class Repeat:
    """A repeating section: a list in the case fills the form's rows; the rest continues on the addendum."""

    name: str
    line: int
    items: TemplateExpression
    item: str
    rows: list[dict[str, str]]  # cell name -> field name, one dict per row of the form
    cells: dict[str, FieldRule]  # cell name -> rule over ``it`` (one list entry)
    overflow: Template  # the text of an entry that has no row left
    source: str = ""


@dataclass
class Skip:
    """Items the form tells the applicant to skip while ``when`` holds ("If you answered No to 14, skip to 18.a")."""

    line: int
    when: TemplateExpression
    source: str
    items: str  # as the map states them: "Part 2, Items 15-17"
    selectors: list[tuple[str, list[tuple[int, int] | str]]]  # per stated item: part, item numbers
    fields: frozenset[str] = frozenset()  # the PDF fields of those items (worked out from the tooltips)
    form_says: str = ""


@dataclass
class FieldMap:
    """A validated map for one edition of one form."""

    path: Path
    form: str
    edition: str
    title: str
    blank: str
    fingerprint: str
    rules: dict[str, FieldRule]
    empty: dict[str, str]
    continuation: list[ContinuationSlot]
    env: CaseEnvironment
    repeats: list[Repeat] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    answers: type[BaseModel] | None = None  # the declared per-form answers (extra)
    answer_items: dict[str, str] = field(default_factory=dict)  # answer -> "Part 2, Item 14"
    resolved: bool = False  # skips and answer_items worked out from the form's tooltips

    def where(self, name: str) -> str:
        """``file:line`` of a field's rule, for messages."""
        rule = self.rules.get(name)
        return f"{self.path.name}:{rule.line}" if rule else self.path.name

    def mapped_names(self) -> set[str]:
        """Fields the map fills, including the continuation slots."""
        names = set(self.rules)
        for repeat in self.repeats:
            for row in repeat.rows:
                names.update(row.values())
        for slot in self.continuation:
            names.update((slot.page, slot.part, slot.item, slot.text))
        return names


@dataclass
class Coverage:
    """How much of a form's fillable data fields a map fills."""

    data_fields: int
    mapped: int
    excluded: dict[str, int]
    unmapped: list[str]

    @property
    def ratio(self) -> float:
        """Mapped share of the data fields (0..1)."""
        return self.mapped / self.data_fields if self.data_fields else 1.0


def _err(path: Path, line: int | None, message: str) -> MapError:
    where = f"{path}:{line}" if line else str(path)
    return MapError(f"{where}: {message}", path=path, line=line)


def _check_paths(path: Path, line: int, source: str, tree: Any, roots: dict[str, Any]) -> None:
    free = meta.find_undeclared_variables(tree)
    unknown = sorted(n for n in free if n not in roots)
    if unknown:
        problem = check_path((unknown[0],), roots)
        raise _err(path, line, f"{problem} (in {source!r})")
    for chain in variable_paths(tree, set(free)):
        problem = check_path(chain, roots)
        if problem:
            if chain[0] == "extra":
                problem = problem.replace("'extra' has no", "the answer").replace(
                    "; did you mean", " is not declared; did you mean"
                )
                if "did you mean" not in problem:
                    problem += " is not declared under answers: (give its type there)"
            raise _err(path, line, f"{problem} (in {source!r})")


def _check_precedence(path: Path, line: int, source: str, tree: Any) -> None:
    """Refuse a filter on a literal: in ``A if C else none | no`` the filter binds to ``none`` alone.

    Such a rule ticks a box for both answers (the Yes box gets ``A``, the No box
    gets ``A`` too), so it is never what the map's author meant.
    """
    for cond in tree.find_all(nodes.CondExpr):
        node = cond.expr2
        if isinstance(node, nodes.Filter) and isinstance(node.node, nodes.Const):
            raise _err(
                path,
                line,
                f"the filter '{node.name}' applies only to the literal {node.node.value!r} "
                f"(in {source!r}); a filter binds tighter than 'if ... else', so write "
                f"'(A if C else {str(node.node.value).lower()}) | {node.name}'",
            )


class _CodeCache(threading.local):
    """The compiled rules of the map being loaded (per thread): from the disk cache (a map validated before),
    and new ones."""

    def __init__(self) -> None:
        self.known: mapcache.Codes = {}
        self.new: mapcache.Codes = {}


_CODES = _CodeCache()


def _from_code(env: CaseEnvironment, code: CodeType, expression: bool) -> Any:
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    return TemplateExpression(template, True) if expression else template


def _compile_code(env: CaseEnvironment, source: str, expression: bool) -> CodeType:
    """Jinja's code for a template, or for an expression as ``compile_expression`` builds it."""
    if not expression:
        code = env.compile(source)
    else:
        parser = Parser(env, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
        expr.set_environment(env)
        code = env.compile(nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)], lineno=1))
    assert isinstance(code, CodeType)
    return code


def _compile(
    env: CaseEnvironment, path: Path, line: int, source: str, expression: bool, roots: dict[str, Any] | None = None
) -> Any:
    cached = _CODES.known.get((source, expression))
    if cached is not None:  # this map's bytes validated before: its paths were checked then
        return _from_code(env, cached, expression)
    try:  # unknown filters and tests show up while the names are collected or the code compiled
        tree = env.parse(source if not expression else "{{ " + source + " }}")
        _check_precedence(path, line, source, tree)
        _check_paths(path, line, source, tree, roots if roots is not None else ROOTS)
        code = _compile_code(env, source, expression)
    except TemplateSyntaxError as exc:
        raise _err(path, line, f"bad expression {source!r}: {exc.message}") from None
    _CODES.new[(source, expression)] = code
    return _from_code(env, code, expression)


def _parse_rule(
    env: CaseEnvironment, path: Path, name: str, line: int, raw: Any, roots: dict[str, Any] | None = None
) -> FieldRule:
    if isinstance(raw, str):
        raw = {"value": raw}
    if not isinstance(raw, dict):
        raise _err(path, line, f"{name}: give a template string or keys value/check/select")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _err(path, line, f"{name}: '{key}': {unknown_key(key, sorted(_RULE_KEYS))}")
    given = [k for k in ("value", "check", "select") if k in raw]
    if len(given) != 1:
        raise _err(path, line, f"{name}: give exactly one of value, check or select")
    rule = FieldRule(name=name, line=line, item=str(raw["item"]) if raw.get("item") is not None else None)
    if "lines" in raw:
        if not isinstance(raw["lines"], int) or raw["lines"] < 1:
            raise _err(path, line, f"{name}: lines is the number of printed lines in the box (a whole number)")
        rule.lines = raw["lines"]
    if raw.get("why"):
        rule.why = str(raw["why"])
    required = raw.get("required", False)
    if isinstance(required, str):
        rule.required_when = _compile(env, path, line, required, expression=True, roots=roots)
    else:
        rule.required = bool(required)
    kind = given[0]
    rule.source = str(raw[kind])
    if kind == "value":
        rule.value = _compile(env, path, line, rule.source, expression=False, roots=roots)
    elif kind == "check":
        rule.check = _compile(env, path, line, rule.source, expression=True, roots=roots)
    else:
        rule.select = _compile(env, path, line, rule.source, expression=True, roots=roots)
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise _err(path, line, f"{name}: options must map case values to the box's on-states")
    rule.options = {str(k): str(v) for k, v in options.items()}
    rule.state = str(raw["state"]) if raw.get("state") is not None else None
    return rule


def _fit_rule(path: Path, rule: FieldRule, target: FormField) -> None:
    """Check that the kind of rule fits the kind of field and its real on-states."""
    states = target.on_states
    box = f"{rule.name} ({describe_field(rule.item, target)})"  # the field as the map names it and the form prints it
    if target.kind in ("text", "choice"):
        if rule.kind != "value":
            raise _err(path, rule.line, f"{box} is a {target.kind} field; use value, not {rule.kind}")
        return
    if target.kind in ("pushbutton", "signature"):
        raise _err(path, rule.line, f"{box} is a {target.kind}; it cannot be filled, list it under empty")
    if rule.kind == "value":
        raise _err(path, rule.line, f"{box} is a {target.kind}; use check (or select with options), not value")
    wanted = [rule.state] if rule.state else []
    wanted += list(rule.options.values())
    for state in wanted:
        if state not in states:
            close = difflib.get_close_matches(state, states, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise _err(
                path,
                rule.line,
                f"{box}: the box has no on-state {state!r} (its on-states: {', '.join(map(repr, states))}){hint}",
            )
    if rule.kind == "check" and rule.state is None and len(states) != 1:
        raise _err(path, rule.line, f"{box} has on-states {states}; say which with state: or use select")


def _unknown_field(path: Path, line: int | None, name: Any, form: FormDocument | None) -> MapError:
    if not isinstance(name, str) or form is None:
        return _err(path, line, f"a field name must be text, not {type(name).__name__}")
    close = difflib.get_close_matches(name, list(form.fields), n=1, cutoff=0.75)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return _err(path, line, f"no field {name!r} in {form.path.name}{hint}")


def _slots(path: Path, raw: Any, form: FormDocument | None) -> list[ContinuationSlot]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _err(path, None, "continuation must be a list of {page, part, item, text} field names")
    slots = []
    for entry in raw:
        line = entry.line_of("page") if isinstance(entry, LineDict) else None
        if not isinstance(entry, dict) or not set(_SLOT_KEYS) <= set(entry) <= {*_SLOT_KEYS, "lines"}:
            raise _err(path, line, "each continuation entry needs page, part, item and text (and may give lines)")
        for key in _SLOT_KEYS:
            if not isinstance(entry[key], str) or (form is not None and entry[key] not in form.fields):
                raise _unknown_field(
                    path, entry.line_of(key) if isinstance(entry, LineDict) else None, entry[key], form
                )
        lines = entry.get("lines")
        if lines is not None and (not isinstance(lines, int) or lines < 1):
            raise _err(path, line, "lines is the number of printed lines in the text box (a whole number)")
        page, part, item, text = (str(entry[k]) for k in _SLOT_KEYS)
        slots.append(ContinuationSlot(page, part, item, text, lines=lines))
    return slots


def _repeats(
    env: CaseEnvironment,
    path: Path,
    raw: Any,
    form: FormDocument | None,
    taken: set[str],
    base: dict[str, Any],
) -> list[Repeat]:
    """Parse ``repeats``: each a list in the case spread over the form's rows."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _err(path, None, "repeats must be a list of {name, items, item, rows, cells, overflow}")
    out = []
    for entry in raw:
        line = (entry.line_of("items") if isinstance(entry, LineDict) else None) or 0
        if not isinstance(entry, dict) or not {"items", "rows", "cells", "overflow"} <= set(entry):
            raise _err(path, line, "a repeat needs items, rows, cells and overflow (and a name and item)")
        extra_keys = set(entry) - _REPEAT_KEYS
        if extra_keys:
            raise _err(path, line, f"unknown key '{sorted(extra_keys)[0]}' in a repeat; known: {sorted(_REPEAT_KEYS)}")
        source = str(entry["items"])
        items = _compile(env, path, line, source, expression=True, roots=base)
        chain = tuple(source.split("|")[0].strip().split("."))
        roots = {**base, "it": element_type(chain, base), "index": int}
        cells_raw = entry["cells"]
        if not isinstance(cells_raw, dict) or not isinstance(entry["rows"], list):
            raise _err(path, line, "a repeat's cells map cell names to rules, and its rows are a list of {cell: field}")
        cells = {
            str(cell): _parse_rule(env, path, f"{entry.get('name', source)}.{cell}", line, rule, roots)
            for cell, rule in cells_raw.items()
        }
        rows: list[dict[str, str]] = []
        for row in entry["rows"]:
            row_line = (row.line_of(next(iter(row))) if isinstance(row, LineDict) and row else None) or line
            if not isinstance(row, dict) or set(row) - set(cells):
                raise _err(path, row_line, f"each row names fields for the cells {sorted(cells)}")
            for cell, name in row.items():
                if not isinstance(name, str) or (form is not None and name not in form.fields):
                    raise _unknown_field(path, row_line, name, form)
                if name in taken:
                    raise _err(path, row_line, f"{name} is filled twice (in fields and in a repeat); keep one")
                taken.add(name)
                rule = cells[cell]
                if form is not None:
                    _fit_rule(path, FieldRule(**{**rule.__dict__, "name": name, "line": row_line}), form.fields[name])
            rows.append({str(k): str(v) for k, v in row.items()})
        overflow = _compile(env, path, line, str(entry["overflow"]), expression=False, roots=roots)
        out.append(
            Repeat(
                name=str(entry.get("name", source)),
                line=line,
                items=items,
                item=str(entry.get("item", "")),
                rows=rows,
                cells=cells,
                overflow=overflow,
                source=source,
            )
        )
    return out


def _item_selector(path: Path, line: int, text: str) -> tuple[str, list[tuple[int, int] | str]]:
    """``"Part 2, Items 15-17, 18.b"`` as ("2", [(15, 17), "18.b"]): whole items by range, lettered ones exactly."""
    match = re.fullmatch(r"\s*Part\s+(\d+)\s*,\s*Items?\s+(.+?)\s*", text, re.IGNORECASE)
    if not match:
        raise _err(path, line, f"skip items {text!r}: write 'Part N, Items 15-17' (or 'Part N, Item 13.b')")
    selectors: list[tuple[int, int] | str] = []
    for piece in match.group(2).split(","):
        piece = piece.strip().lower()
        whole = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", piece)
        if whole:
            first = int(whole.group(1))
            selectors.append((first, int(whole.group(2) or first)))
        elif re.fullmatch(r"\d+\.[a-z]", piece):
            selectors.append(piece)
        else:
            raise _err(path, line, f"skip items {text!r}: {piece!r} is not an item number (15, 15-17 or 13.b)")
    return match.group(1), selectors


def _selects(selectors: list[tuple[int, int] | str], item: str) -> bool:
    number = item.split(".")[0]
    for selector in selectors:
        if isinstance(selector, str):
            if item == selector:
                return True
        elif number.isdigit() and selector[0] <= int(number) <= selector[1]:
            return True
    return False


def field_reference(rule: FieldRule | None, target: FormField) -> tuple[str, str]:
    """The part and item a field answers: the rule's own ``item`` when it names one item, else the tooltip's."""
    part, item = item_reference(target.tooltip)
    if rule is not None and rule.item:
        own_part, own_item = split_reference(rule.item, part)
        if "-" not in own_item:
            return own_part, own_item.lower()
    return part, item


def _skips(env: CaseEnvironment, path: Path, raw: Any, roots: dict[str, Any]) -> list[Skip]:
    """Parse ``skips``: which items the form says to skip under which answers."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _err(path, None, "skips must be a list of {when, items, form_says}")
    out = []
    for entry in raw:
        line = (entry.line_of("when") if isinstance(entry, LineDict) else None) or 0
        if not isinstance(entry, dict) or not {"when", "items"} <= set(entry) or set(entry) - _SKIP_KEYS:
            raise _err(
                path,
                line,
                "each skip gives when (an expression) and items ('Part 2, Items 15-17'), "
                "and may quote the form under form_says",
            )
        source = str(entry["when"])
        when = _compile(env, path, line, source, expression=True, roots=roots)
        items = [str(i) for i in entry["items"]] if isinstance(entry["items"], list) else [str(entry["items"])]
        selectors = [_item_selector(path, line, text) for text in items]
        out.append(Skip(line, when, source, "; ".join(items), selectors, form_says=str(entry.get("form_says", ""))))
    return out


def resolve_items(fmap: FieldMap, fields: Mapping[str, FormField]) -> None:
    """Work out from the form's tooltips which fields each skip covers and which item shows each answer.

    Done when the map is validated against its blank (an item naming no field is an error), or, for a
    map loaded from the validated cache, when it is first prepared for a fill.
    """
    if fmap.resolved:
        return
    filled = set(fmap.rules)
    for repeat in fmap.repeats:
        for row in repeat.rows:
            filled.update(row.values())
    refs = {name: field_reference(fmap.rules.get(name), fields[name]) for name in filled if name in fields}
    for skip in fmap.skips:
        covered: set[str] = set()
        for text, (part, selectors) in zip(skip.items.split("; "), skip.selectors, strict=True):
            found = {name for name, ref in refs.items() if ref[0] == part and _selects(selectors, ref[1])}
            if not found:
                raise _err(fmap.path, skip.line, f"skip items {text!r}: the map fills no field of that part and item")
            covered |= found
        skip.fields = frozenset(covered)
    for rule in fmap.rules.values():
        for key in re.findall(r"\bextra\.(\w+)", rule.source):
            part, item = refs.get(rule.name, ("", ""))
            if key not in fmap.answer_items and part and item:
                fmap.answer_items[key] = f"Part {part}, Item {item}"
    fmap.resolved = True


def skipped_fields(fmap: FieldMap, context: dict[str, Any]) -> tuple[set[str], list[Skip]]:
    """The fields the form says to skip for this case, and the skips that hold.

    A ``when`` that reads as None (the answer it depends on is not given) skips nothing.
    Errors of the expression (a bad value in the case) propagate to the caller.
    """
    fields: set[str] = set()
    holding = []
    for skip in fmap.skips:
        if truth(skip.when(context), strict=False):
            fields |= skip.fields
            holding.append(skip)
    return fields, holding


def _require(path: Path, data: LineDict, key: str) -> str:
    if key not in data or data[key] in (None, ""):
        raise _err(path, None, f"missing '{key}' at the top of the map")
    return str(data[key])


def parse_map(path: Path, data: Any, form: FormDocument | None) -> FieldMap:
    """Validate raw map data against the blank form it is for (``None``: a map and blank cached as validated
    together, see :mod:`docgen.forms.mapcache`)."""
    if not isinstance(data, LineDict):
        raise _err(path, None, "a map holds keys form, edition, blank, fingerprint, fields")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        close = difflib.get_close_matches(key, sorted(_TOP_KEYS), n=1)
        raise _err(path, data.line_of(key), f"unknown key '{key}'" + (f"; did you mean '{close[0]}'?" if close else ""))
    form_id, edition = _require(path, data, "form"), _require(path, data, "edition")
    fingerprint = _require(path, data, "fingerprint")
    if form is not None:
        check_edition(path, form_id, edition, fingerprint, form)
    env = make_environment()
    answers = build_model(path, f"{form_id} answers", data.get("answers") or {})
    moved = moved_answers(data.get("answers"))
    roots = {**ROOTS, "extra": answers}
    rules: dict[str, FieldRule] = {}
    fields = data.get("fields") or LineDict()
    if not isinstance(fields, LineDict):
        raise _err(path, data.line_of("fields"), "fields must map field names to what goes in them")
    for name, raw in fields.items():
        line = fields.line_of(name) or 0
        if form is not None and name not in form.fields:
            raise _unknown_field(path, line, name, form)
        rule = _parse_rule(env, path, name, line, raw, roots)
        for key in re.findall(r"\bextra\.(\w+)", rule.source):
            if key in moved:
                raise _err(path, line, f"{name}: the answer '{key}' is given once as {moved[key]}; read it there")
        if form is not None:
            _fit_rule(path, rule, form.fields[name])
        rules[name] = rule
    empty_raw = data.get("empty") or LineDict()
    empty: dict[str, str] = {}
    for name, reason in empty_raw.items():
        eline = empty_raw.line_of(name) if isinstance(empty_raw, LineDict) else None
        if form is not None and name not in form.fields:
            raise _unknown_field(path, eline, name, form)
        if name in rules:
            raise _err(path, eline, f"{name} is both filled and declared empty; keep one")
        if not reason:
            raise _err(path, eline, f"{name}: say why it stays empty (office use, bar code, signature, ...)")
        empty[name] = str(reason)
    slots = _slots(path, data.get("continuation"), form)
    repeats = _repeats(env, path, data.get("repeats"), form, set(rules), roots)
    skips = _skips(env, path, data.get("skips"), roots)
    fmap = FieldMap(
        path=path,
        form=form_id,
        edition=edition,
        title=str(data.get("title", "")),
        blank=_require(path, data, "blank"),
        fingerprint=fingerprint,
        rules=rules,
        empty=empty,
        continuation=slots,
        repeats=repeats,
        skips=skips,
        env=env,
        answers=answers,
        answer_items=_declared_items(data.get("answers")),
    )
    if form is not None:
        resolve_items(fmap, form.fields)
    return fmap


def _declared_items(raw: Any) -> dict[str, str]:
    """The item an answer's declaration names (``item: "Part 1, Item 8"``): the question it answers, where the
    first box that reads it would name another (the I-907's requestor role is read by every box of Part 1)."""
    if not isinstance(raw, dict):
        return {}
    return {str(key): str(value["item"]) for key, value in raw.items() if isinstance(value, dict) and value.get("item")}


def check_edition(path: Path, form_id: str, edition: str, fingerprint: str, form: FormDocument) -> None:
    """Refuse a map written for another edition (or another form) than the PDF."""
    if form.form_id and form.edition and (form.form_id != form_id or form.edition != edition):
        raise _err(
            path,
            None,
            f"map is for {form_id} edition {edition} but {form.path.name} is {form.form_id} edition "
            f"{form.edition}; use the map for that edition or the blank PDF of {edition}",
        )
    if fingerprint != form.fingerprint():
        what = f"{form.form_id} edition {form.edition}" if form.edition else "another edition"
        raise _err(
            path,
            None,
            f"map is for {form_id} edition {edition} (fields {fingerprint}) but the fields of "
            f"{form.path.name} differ ({form.fingerprint()}, {what}); use the blank PDF of that edition "
            "or build a map for this one with 'docgen map scaffold'",
        )


def read_map_header(path: Path) -> LineDict:
    """The raw map data (no validation against a PDF)."""
    data = load_yaml_file(path, MapError)
    if not isinstance(data, LineDict):
        raise _err(path, None, "a map holds keys form, edition, blank, fingerprint, fields")
    return data


_BODY = re.compile(r"^(?:fields|empty|repeats|continuation)\s*:", re.MULTILINE)


def read_map_head(path: Path) -> LineDict:
    """The map's header keys (form, edition, blank, title) without parsing its rules: the text before the
    first top-level ``fields:``/``empty:``/``repeats:``/``continuation:``, or the whole file when the header
    comes later. For listing maps; loading a map reads it all."""
    text = read_text_file(path, MapError, "map file")
    body = _BODY.search(text)
    if body is not None:
        head = load_yaml_text(text[: body.start()], str(path), MapError)
        if isinstance(head, LineDict) and all(head.get(key) for key in ("form", "edition", "blank")):
            return head
    data = load_yaml_text(text, str(path), MapError)
    if not isinstance(data, LineDict):
        raise _err(path, None, "a map holds keys form, edition, blank, fingerprint, fields")
    return data


@functools.lru_cache(maxsize=64)
def _cached_map(path: Path, mtime: float, form_path: Path, form_mtime: float) -> FieldMap:
    from docgen.forms.pdf import load_form

    # the key covers the map and the blank: a hit is a map validated against this very blank before
    key = mapcache.cache_key(path.read_bytes() + hashlib.sha256(form_path.read_bytes()).digest())
    _CODES.known, _CODES.new = mapcache.load_codes(key) or {}, {}
    form = None if _CODES.known else load_form(form_path)
    try:
        loaded = parse_map(path, read_map_header(path), form)
        if _CODES.new:  # every rule validated: keep their code for the next process
            mapcache.save(key, {**_CODES.known, **_CODES.new})
        return loaded
    except (TypeError, AttributeError, ValueError, KeyError, IndexError, RecursionError) as exc:
        # a value of a shape no check above expected (a list where a field name goes, ...): still one line
        raise _err(
            path,
            None,
            f"a value of an unexpected kind ({type(exc).__name__}); compare the map with a bundled one "
            "(field names and rules are text, sections are keys and values)",
        ) from None
    finally:
        _CODES.known, _CODES.new = {}, {}
        if form is not None:
            form.pdf.close()


def load_map(path: Path, form_path: Path) -> FieldMap:
    """Load and validate a map against its blank form (cached while neither file changes)."""
    path, form_path = Path(path).resolve(), Path(form_path).resolve()
    try:
        return _cached_map(path, path.stat().st_mtime, form_path, form_path.stat().st_mtime)
    except FileNotFoundError as exc:
        raise MapError(f"{exc.filename}: no such file") from None


def coverage(fmap: FieldMap, form: FormDocument) -> Coverage:
    """Share of fillable data fields the map fills (bar codes, office use, signatures excluded)."""
    excluded: dict[str, int] = {}
    data_fields: list[str] = []
    mapped = fmap.mapped_names()
    for name, target in form.fields.items():
        reason = fmap.empty.get(name, "").lower()
        category = next((r for r in EXCLUDED_REASONS if reason.startswith(r)), None)
        if target.is_barcode:
            category = "bar code"
        elif target.kind in ("pushbutton", "signature"):
            category = target.kind
        if category:
            excluded[category] = excluded.get(category, 0) + 1
            continue
        data_fields.append(name)
    filled = [n for n in data_fields if n in mapped]
    unmapped = [n for n in data_fields if n not in mapped]
    return Coverage(len(data_fields), len(filled), excluded, unmapped)
