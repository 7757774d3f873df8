"""Per-form answers (``extra.<FORM>``) and the RFE response letter's points as real inputs of the case page.

Each form's inputs come from its map's ``answers:`` declaration (the same declaration a fill checks a case
against): a choice is a select whose options carry the words the form prints beside each box, a yes/no answer
is Yes / No / unanswered, a date a date input, anything else text; each input names the form's part and item
(``I-131 Part 1, Item 1``). Answers are given once for the whole case (``extra.I-131``) or for one person
(``dependents[0].extra.I-131``), as in the case file. Answers the page has no input for (a list, a section
per person) stay in the advanced YAML box.

On save the answers are checked by :func:`docgen.forms.answers.case_answers`, the check a fill and
``case todo`` make, and its message is shown beside the input it concerns.

The RFE response letter's points (``extra.rfe_response.points``) are rows: the item of the notice, what it
asks (title), the answer, the exhibits enclosed. A row keeps the keys the page does not show (``request``).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.case.model import Case, read_date
from docgen.errors import CaseDataError, DocgenError
from docgen.web.services.cases import get_value, set_value
from docgen.web.workspace.editor import GROUPED, display_text, field_id, identity_key, label_for, plain

PREFIX = "answer:"  # posted name of an answer input: answer:<case path>
RFE_PATH = "extra.rfe_response.points"
RFE_FIELDS = ("item", "title", "response", "exhibits")
TEXT_TYPES = frozenset({"text", "number", "integer", "eligibility_category", "receipt_number"})
HINTS = {
    "eligibility_category": "like (c)(9) or c9",
    "receipt_number": "3 letters and 10 digits",
    "number": "a number, like 95000 or 1,250,000.50",
    "integer": "a whole number, like 3 or 1,200",
}


# --- what a form takes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """One answer a form takes that the page has an input for."""

    key: str  # dotted under the form: "trip.departure_date"
    type: str  # text | yesno | date | choice | number | integer | eligibility_category | receipt_number
    values: tuple[Any, ...] = ()  # a choice's values as declared
    labels: tuple[str, ...] = ()  # the words the form prints beside each choice
    where: str = ""  # "Part 1, Item 1"
    question: str = ""  # the question of the first box that prints it, in the form's words

    @property
    def sensitive(self) -> bool:
        """An identity number (an A-Number, SSN, I-94 or travel document number...): masked until revealed."""
        return self.type in TEXT_TYPES and identity_key(self.key)  # current_passport.number too


@dataclass(frozen=True)
class FormSpec:
    """The answers a form's map declares, ready to show."""

    form: str
    title: str
    leaves: tuple[Leaf, ...]
    others: tuple[str, ...]  # declared answers without an input here (lists, sections per person)
    model: Any  # the pydantic model the fill checks with
    items: dict[str, str]  # answer -> part and item (the fill's own)
    problem: str = ""  # why the part and item or the choices' words are not at hand


def known_forms() -> list[tuple[str, str]]:
    """(form id, title) of every form docgen has a map for (newest edition)."""
    from docgen.web.services.documents import form_choices

    return form_choices()


def form_id(name: str) -> str | None:
    """The map's form id for a key of ``extra`` (``I-131``), or None when no map fills it (a letter's data)."""
    from docgen.forms.registry import normalise_form_id

    wanted = normalise_form_id(name)
    return next((form for form, _ in known_forms() if normalise_form_id(form) == wanted), None)


@functools.lru_cache(maxsize=32)
def _spec_cached(form: str, forms_dir: str, _stamp: tuple[str, ...]) -> FormSpec:
    from docgen.forms.fieldmap import parse_map, read_map_header
    from docgen.forms.registry import find_map

    entry = find_map(form)
    raw = read_map_header(entry.path).get("answers") or {}
    problem = ""
    fields: Any = {}
    try:
        from docgen.forms.fill import prepare

        prepared = prepare(form, forms_dir=forms_dir or None)
        fmap, fields = prepared.fmap, prepared.fields
    except DocgenError as exc:  # no blank at hand, an edition refused: the answers still, without the form's words
        fmap = parse_map(entry.path, read_map_header(entry.path), None)
        problem = f"The form's words and item numbers are not shown: {exc}"
    where, words, questions = _places(fmap, fields)
    leaves: list[Leaf] = []
    others: list[str] = []
    _walk(raw, "", fmap.answer_items, where, words, leaves, others)
    leaves = sorted((dataclasses.replace(leaf, question=_question(leaf, questions)) for leaf in leaves), key=_order)
    return FormSpec(
        fmap.form, entry.title, tuple(leaves), tuple(others), fmap.answers, dict(fmap.answer_items), problem
    )


def form_spec(form: str) -> FormSpec:
    """What the page shows for ``form`` (cached while its map is unchanged)."""
    from django.conf import settings

    from docgen.forms.registry import find_map

    entry = find_map(form)
    stamp = (str(entry.path), str(entry.path.stat().st_mtime_ns))
    return _spec_cached(form, str(getattr(settings, "FORMS_DIR", "") or ""), stamp)


_SELECT_BOX = re.compile(r"\b(?:Select|Check)(?:\s+check)?(?:\s+box)?\s+[\w.]+\.\s+", re.IGNORECASE)
_READS = re.compile(r"\bextra\.(\w+(?:\.\w+)*)")
_EQUALS = re.compile(r"\bextra\.(\w+(?:\.\w+)*)\s*(?:\|\s*equals\(\s*|==\s*)'([^']*)'")


def _places(fmap: Any, fields: Any) -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    """Answer path -> the part and item of the first box reading it; (answer, choice) -> the tooltip of its box;
    answer path -> the question that box asks, in the form's words (from its tooltip)."""
    from docgen.forms.fieldmap import field_reference
    from docgen.forms.items import field_label

    where: dict[str, str] = {}
    tips: dict[tuple[str, str], str] = {}
    questions: dict[str, str] = {}
    for name, rule in fmap.rules.items():
        target = fields.get(name) if fields else None
        if target is None:
            continue
        part, item = field_reference(rule, target)
        for key in _READS.findall(rule.source):
            if part and item and key not in where:
                where[key] = f"Part {part}, Item {item}" if part[0].isdigit() else f"Section {part}, Item {item}"
                questions[key] = field_label(target.tooltip, item, target.kind in ("checkbox", "radio"))
        for key, value in _EQUALS.findall(rule.source):
            tips.setdefault((key, value), target.tooltip)
    return where, tips, questions


def _question(leaf: Leaf, questions: dict[str, str]) -> str:
    """An answer's label: the question its box asks, with the answer's own name where several answers share the
    box's question (an address's lines); a choice's name (the first box's words are its first choice's)."""
    named = " / ".join(label_for(part) for part in leaf.key.split("."))
    question = questions.get(leaf.key, "")
    if leaf.type == "choice" or not question:
        return named
    question = question[:1].upper() + question[1:]
    if sum(1 for other in questions.values() if other[:1].upper() + other[1:] == question) > 1:
        return f"{question}: {label_for(leaf.key.rsplit('.', 1)[-1])}"
    return question


def _order(leaf: Leaf) -> tuple[Any, ...]:
    """Part, then item, as the form runs (``Part 2, Item 10.b`` after ``Part 2, Item 9``); unplaced last."""
    numbers = re.match(r"(?:Part|Section) (\w+), Item (\d+)?(.*)$", leaf.where)
    if not numbers:
        return (1, (1, 0, ""), 0, "", leaf.key)
    part = numbers.group(1)
    part_key = (0, int(part), "") if part.isdigit() else (0, 0, part)
    return (0, part_key, int(numbers.group(2) or 0), numbers.group(3), leaf.key)


def _choice_words(key: str, values: tuple[Any, ...], tips: dict[tuple[str, str], str]) -> tuple[str, ...]:
    """The words the form prints beside each choice: its box's tooltip without what all the boxes share."""
    texts = [" ".join(tips.get((key, str(v)), "").split()) for v in values]
    found = [t for t in texts if t]
    shared = 0
    if len(found) > 1:
        first = found[0]
        while shared < len(first) and all(len(t) > shared and t[shared] == first[shared] for t in found):
            shared += 1
        shared = first.rfind(" ", 0, shared + 1) + 1 if shared < len(first) else shared
    out = []
    for value, text in zip(values, texts, strict=True):
        words = text[shared:] if text and len(found) > 1 else ""
        marks = list(_SELECT_BOX.finditer(words))
        if marks:  # "... Select check box 2. I now hold refugee status": the words after the box's number
            words = words[marks[-1].end() :]
        else:  # "A. Select Initial Permission to accept employment"
            words = re.sub(r"^.{0,12}?\b(?:Select|Check)\s+", "", words, flags=re.IGNORECASE)
        words = words.strip().rstrip(".")
        if len(words) > 110:
            words = words[:110].rsplit(" ", 1)[0] + "..."
        shown = str(value).replace("_", " ")
        out.append(f"{shown}: {words}" if words else shown)
    return tuple(out)


def _walk(
    raw: Any,
    prefix: str,
    items: dict[str, str],
    where: dict[str, str],
    tips: dict[tuple[str, str], str],
    leaves: list[Leaf],
    others: list[str],
) -> None:
    if not isinstance(raw, dict):
        return
    for name, declared in raw.items():
        key = f"{prefix}{name}"
        spec = {"type": declared} if isinstance(declared, str) else declared if isinstance(declared, dict) else {}
        kind = str(spec.get("type", ""))
        place = where.get(key) or items.get(key.split(".")[0], "") or where.get(key.split(".")[0], "")
        if str(spec.get("item", "")) and "." not in key:
            place = str(spec["item"])
        if kind == "moved":
            continue
        if kind == "section" and spec.get("many") is None:
            _walk(spec.get("fields"), f"{key}.", items, where, tips, leaves, others)
        elif kind == "choice" and isinstance(spec.get("values"), list):
            values = tuple(v if isinstance(v, (bool, int)) else str(v) for v in spec["values"])
            leaves.append(Leaf(key, "choice", values, _choice_words(key, values, tips), place))
        elif kind in TEXT_TYPES or kind in ("yesno", "date"):
            leaves.append(Leaf(key, kind, where=place))
        else:
            others.append(key)


# --- the page's blocks ---------------------------------------------------------------------------------


@dataclass
class AnswerInput:
    """One input: an answer of one form for the case or one person."""

    path: str  # in the case file: extra.I-131.trip.departure_date
    label: str
    where: str  # "I-131 Part 7, Item 1"
    kind: str  # choice | bool | date | text
    value: str
    choices: tuple[tuple[str, str], ...] = ()  # (value posted, words shown)
    hint: str = ""
    errors: list[str] = field(default_factory=list)
    masked: bool = False  # an identity number, not shown (nor posted) until revealed

    @property
    def name(self) -> str:
        return PREFIX + self.path

    @property
    def key(self) -> str:
        """The answer's name under its form in the case file (``trip.departure_date``)."""
        return self.path.split(".extra.", 1)[-1].removeprefix("extra.").split(".", 1)[-1]

    @property
    def unknown(self) -> bool:
        """A stored choice that is none of the form's (shown as it is, with the check's message)."""
        return bool(self.value) and self.kind == "choice" and self.value not in {v for v, _ in self.choices}

    @property
    def id(self) -> str:
        return field_id("answer-" + self.path)


@dataclass
class AnswerGroup:
    """A form's answers for the case as a whole, or for one person."""

    title: str
    at: str  # extra.I-131 or dependents[0].extra.I-131
    inputs: list[AnswerInput]
    has_value: bool
    opened: bool
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return field_id("answers-" + self.at)


@dataclass
class FormBlock:
    form: str
    title: str
    groups: list[AnswerGroup]
    others: tuple[str, ...]
    problem: str = ""
    addable: list[tuple[str, str]] = field(default_factory=list)  # (where, who): people without answers shown

    @property
    def id(self) -> str:
        return field_id("answers-form-" + self.form)


def people(doc: Any) -> list[tuple[str, str]]:
    """(where a person's answers go, who) for the beneficiary and each dependent of the draft."""
    data = doc if isinstance(doc, dict) else {}
    out = [("beneficiary", "Principal: " + _name(data.get("beneficiary")))]
    for index, item in enumerate(data.get("dependents") or []):
        ident = str(item.get("id") or f"dependent {index + 1}") if isinstance(item, dict) else f"dependent {index + 1}"
        out.append((f"dependents[{index}]", f"{ident[:1].upper()}{ident[1:]}: {_name(item)}"))
    return out


def _name(person: Any) -> str:
    if not isinstance(person, dict):
        return "(no name yet)"
    name = " ".join(str(person.get(k)) for k in ("given_name", "family_name") if person.get(k))
    return name[:60] or "(no name yet)"


def case_forms(doc: Any, added: list[str]) -> list[str]:
    """The forms the page shows answers for: those the case file has answers for or files (``facts.form``),
    and those added on the page; forms docgen has no map for (a letter's data) are left to the YAML box."""
    data = plain(doc) if doc is not None else {}
    names: list[str] = []
    facts = data.get("facts") if isinstance(data, dict) else None
    if isinstance(facts, dict) and facts.get("form"):
        names.append(str(facts["form"]))
    owners = [data, data.get("beneficiary"), *(data.get("dependents") or [])] if isinstance(data, dict) else []
    for owner in owners:
        if isinstance(owner, dict) and isinstance(owner.get("extra"), dict):
            names.extend(str(k) for k in owner["extra"])
    names.extend(added)
    out: list[str] = []
    for name in names:
        found = form_id(name)
        if found and found not in out:
            out.append(found)
    return out


def _value_text(value: Any, leaf: Leaf) -> str:
    if value is None:
        return ""
    if leaf.type == "yesno":
        return "true" if value is True else "false" if value is False else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if leaf.type == "date" and isinstance(value, str):
        # 01/15/2027, as a case file may write a date: a date input shows only YYYY-MM-DD (any other value it shows
        # empty, and posts back empty: the date was removed from the file at the next save)
        try:
            return read_date(value).isoformat()
        except ValueError:
            pass
    return display_text(value, "text")


def _date_input(text: str) -> bool:
    """Whether a date input can show ``text`` (empty, or YYYY-MM-DD); another value is shown in a text input, as
    written, so it is posted back as it is (and the check says what is wrong with it) instead of emptied."""
    if not text:
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:  # 2027-02-30: the browser would show it empty too
        return False
    return True


def build_blocks(
    doc: Any,
    added: list[str],
    errors: dict[str, list[str]],
    raw: dict[str, str],
    reveal: bool = False,
    typed: frozenset[str] = frozenset(),
    groups_added: frozenset[str] = frozenset(),
) -> list[FormBlock]:
    """The answers' blocks of the page. A person's own answers for a form are shown when the case has some, or
    one of them is wrong, or they were added on the page (``groups_added``: ``dependents[0].extra.I-131``); the
    others are offered to add (a family's every form for every person would be a thousand inputs). Identity
    numbers are masked unless revealed, or ``typed`` on this page (a save refused for another reason shows what
    was typed, so it is posted again)."""

    blocks = []
    for form in case_forms(doc, added):
        try:
            spec = form_spec(form)
        except DocgenError as exc:
            blocks.append(FormBlock(form, "", [], (), problem=str(exc)))
            continue
        groups = []
        addable = []
        owners = [("extra", "For everyone in the case"), *((f"{at}.extra", who) for at, who in people(doc))]
        for at, who in owners:
            base = f"{at}.{form}"
            has_value = bool(get_value(doc, base))
            wrong = any(p == base or p.startswith(base + ".") for p in errors)
            if at != "extra" and not (has_value or wrong or base in groups_added):
                addable.append((base, who))
                continue
            inputs = []
            for leaf in spec.leaves:
                path = f"{base}.{leaf.key}"
                value = get_value(doc, path)
                text = raw.get(path, _value_text(value, leaf))
                kind = {"choice": "choice", "yesno": "bool", "date": "date"}.get(leaf.type, "text")
                if kind == "date" and not _date_input(text):
                    kind = "text"
                choices = tuple((str(v), w) for v, w in zip(leaf.values, leaf.labels, strict=True))
                label = leaf.question or " / ".join(label_for(part) for part in leaf.key.split("."))
                where = f"{form} {leaf.where}".strip()
                masked = leaf.sensitive and not reveal and value not in (None, "") and path not in typed
                shown = AnswerInput(path, label, where, kind, "" if masked else text, choices, HINTS.get(leaf.type, ""))
                shown.errors, shown.masked = errors.get(path, []), masked
                inputs.append(shown)
            group_errors = [m for p, ms in errors.items() if p == base for m in ms]
            opened = has_value or wrong or base in groups_added or (at == "extra" and form in added)
            groups.append(AnswerGroup(f"{who} ({base})", base, inputs, has_value, opened, group_errors))
        blocks.append(FormBlock(form, spec.title, groups, spec.others, spec.problem, addable))
    return blocks


def answer_anchor(path: str, form: str) -> str:
    """The id of the case-wide input of ``path`` (``extra.I-131.application_type``) when ``form`` takes it as one
    ('' otherwise): "Still to answer" links there, with the form in the page's address so its answers are shown."""
    match = re.fullmatch(r"extra\.([^.]+)\.(.+)", path)
    if not match or match.group(1) != form or _leaf_for(path, {}) is None:
        return ""
    return field_id("answer-" + path)


def person_group(form: str, where: str) -> str | None:
    """``where`` when it is the place of a person's own answers for ``form`` (``dependents[0].extra.I-131``)."""
    return where if re.fullmatch(rf"(?:beneficiary|dependents\[\d+\])\.extra\.{re.escape(form)}", where) else None


# --- posted answers into the draft ------------------------------------------------------------------------


def _parse(text: str, leaf: Leaf) -> Any:
    text = text.replace("\r\n", "\n").strip()
    if text == "":
        return None
    if leaf.type == "yesno":
        return {"true": True, "false": False}.get(text, text)
    if leaf.type == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    if leaf.type == "choice":
        return next((v for v in leaf.values if str(v) == text), text)
    if leaf.type in ("number", "integer") and GROUPED.fullmatch(text):
        # thousands separators as the case's sections take them ('1,250,000.50'); '5,5' stays text, refused
        digits = text.replace(",", "")
        return int(digits) if "." not in digits else digits
    return text


def _leaf_for(path: str, specs: dict[str, FormSpec | None]) -> tuple[str, Leaf] | None:
    """The form and answer an input's path is for (``specs``: the forms looked up so far, by the path's form)."""
    match = re.fullmatch(r"(extra|beneficiary\.extra|dependents\[\d+\]\.extra)\.([^.]+)\.(.+)", path)
    if not match:
        return None
    form, key = match.group(2), match.group(3)
    if form not in specs:
        try:
            specs[form] = form_spec(form)
        except DocgenError:
            specs[form] = None
    spec = specs[form]
    if spec is None or spec.form != form:
        return None
    leaf = next((leaf for leaf in spec.leaves if leaf.key == key), None)
    return (form, leaf) if leaf is not None else None


def apply_answers(draft: Any, post: Any, original: Any) -> None:
    """The posted answers into the draft: each that differs from the case file as opened (``original``, plain)
    is written at its place; an emptied answer is removed (and sections it leaves empty)."""
    specs: dict[str, FormSpec | None] = {}
    for name in post:
        if not name.startswith(PREFIX):
            continue
        path = name[len(PREFIX) :]
        found = _leaf_for(path, specs)
        owner = path.split(".extra.", 1)[0] if ".extra." in path else ""
        if found is None or (owner and not isinstance(get_value(draft.doc, owner), dict)):
            continue  # no such answer, or the answers of a person the case does not have
        _, leaf = found
        text = str(post.get(name, ""))
        before = get_value(original, path)
        if text.replace("\r\n", "\n").strip() == _value_text(before, leaf).strip():
            continue  # as the input showed it: the file keeps the value as written (16, true, "5.a")
        value = _parse(text, leaf)
        if value == before or (value is None and before in (None, "")):
            continue
        if value == plain(get_value(draft.doc, path)):
            continue
        set_value(draft.doc, path, value)
        draft.changed.append(path)


def check_answers(draft: Any, source: str) -> None:
    """Every shown form's answers checked as a fill checks them (:func:`docgen.forms.answers.case_answers`);
    a problem lands in ``draft.errors`` at the answer's path."""
    from docgen.case.loader import parse_case
    from docgen.forms.answers import case_answers

    if draft.case is None:
        return
    try:  # the case as the command line reads it: answers once given per form moved to their one place
        case: Case = parse_case(plain(draft.doc), source)
    except CaseDataError as exc:  # the same fact given twice with different answers
        draft.errors.setdefault(exc.field or "extra", []).append(str(exc).removeprefix(f"{source}: "))
        return
    refs = case.people_by_ref()
    places = {ref: ("beneficiary" if index == 0 else f"dependents[{index - 1}]") for index, (ref, _) in enumerate(refs)}
    for form in case_forms(draft.doc, []):
        try:
            spec = form_spec(form)
        except DocgenError:
            continue
        if spec.model is None:
            continue
        seen: set[str] = set()
        for ref, person in refs:
            try:
                case_answers(spec.model, spec.items, spec.form, case, person, source)
            except CaseDataError as exc:
                message = str(exc)
                own = f": {ref}: extra.{spec.form}." in message
                base = f"{places[ref]}.extra.{spec.form}" if own else f"extra.{spec.form}"
                path = f"{base}.{exc.field}" if exc.field else base
                if path in seen:
                    continue
                seen.add(path)
                marker = f"extra.{spec.form}.{exc.field}: "
                shown = message.split(marker, 1)[1] if marker in message else message
                if (
                    _leaf_for(path, {spec.form: spec}) is None
                ):  # no input for it (a list, an unknown key): at the form's group
                    shown = f"{exc.field}: {shown}"
                    path = base
                draft.errors.setdefault(path, []).append(shown)


# --- the RFE response letter's points ----------------------------------------------------------------------


@dataclass
class PointRow:
    """A point of the RFE response letter as the page shows it."""

    item: str = ""
    title: str = ""
    response: str = ""
    exhibits: str = ""
    origin: str = ""  # its index in the case file as opened ("" for a new row): keeps the keys not shown
    errors: list[str] = field(default_factory=list)
    field_errors: dict[str, list[str]] = field(default_factory=dict)  # input (item, title...) -> its problems


def point_rows(doc: Any) -> list[PointRow]:
    """The points of the case file's ``extra.rfe_response`` as rows."""

    points = get_value(doc, RFE_PATH)
    rows = []
    for index, point in enumerate(points if isinstance(points, list) else []):
        data = point if isinstance(point, dict) else {}
        exhibits = data.get("exhibits")
        rows.append(
            PointRow(
                display_text(data.get("item"), "text"),
                display_text(data.get("title"), "text"),
                display_text(data.get("response"), "text"),
                ", ".join(str(e) for e in exhibits) if isinstance(exhibits, list) else display_text(exhibits, "text"),
                str(index),
            )
        )
    return rows


def posted_rows(post: Any) -> list[PointRow] | None:
    """The rows the page sent (None: the page had no points table)."""
    if "rfe.count" not in post:
        return None
    try:
        count = min(int(str(post.get("rfe.count"))), 500)
    except ValueError:
        return None
    rows = []
    for index in range(count):
        got = {name: str(post.get(f"rfe.{index}.{name}", "")) for name in (*RFE_FIELDS, "origin")}
        rows.append(PointRow(got["item"], got["title"], got["response"], got["exhibits"], got["origin"]))
    return rows


def move_rows(rows: list[PointRow], action: str) -> tuple[list[PointRow], str]:
    """Add a row, or move one up or down, or remove one (``add``, ``up:2``, ``down:0``, ``remove:1``)."""
    verb, _, where = action.partition(":")
    if verb == "add":
        return [*rows, PointRow()], "Point added. Fill it in, then save the case."
    if not re.fullmatch(r"[0-9]{1,6}", where) or int(where) >= len(rows):
        return rows, ""
    index = int(where)
    rows = list(rows)
    if verb == "remove":
        rows.pop(index)
        return rows, "Point removed. Save the case to keep the change."
    other = index - 1 if verb == "up" else index + 1 if verb == "down" else -1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
        return rows, "Point moved. Save the case to keep the new order."
    return rows, ""


def _point(row: PointRow, base: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    point = copy.deepcopy(base) if isinstance(base, dict) else CommentedMap()
    item = row.item.strip()
    values: dict[str, Any] = {
        "item": int(item) if re.fullmatch(r"[0-9]{1,6}", item) else (item or None),  # "²", 5000 digits: refused
        "title": row.title.strip() or None,
        "response": row.response.replace("\r\n", "\n").strip() or None,
        "exhibits": [e.strip() for e in re.split(r"[,\n]", row.exhibits) if e.strip()] or None,
    }
    if isinstance(values["response"], str) and "\n" in values["response"]:
        from ruamel.yaml.scalarstring import LiteralScalarString

        values["response"] = LiteralScalarString(values["response"] + "\n")
    for key, value in values.items():
        if value is None:
            point.pop(key, None)
        elif plain(point.get(key)) != plain(value) or key not in point:
            point[key] = value
    return point


def empty_row(row: PointRow) -> bool:
    return not any(getattr(row, name).strip() for name in RFE_FIELDS)


def apply_points(draft: Any, rows: list[PointRow], original: Any) -> None:
    """The rows into ``extra.rfe_response.points`` when they say anything else than the case file as opened."""

    opened = get_value(original, RFE_PATH)
    opened = opened if isinstance(opened, list) else []

    built = []
    for row in (r for r in rows if not empty_row(r)):
        index = int(row.origin) if re.fullmatch(r"[0-9]{1,6}", row.origin) else -1
        built.append(_point(row, opened[index] if 0 <= index < len(opened) else None))
    if plain(built) == opened:
        return
    from ruamel.yaml.comments import CommentedSeq

    set_value(draft.doc, RFE_PATH, CommentedSeq(built) if built else None)
    draft.changed.append(RFE_PATH)


def restyle(draft: Any, opened: Any) -> None:
    """Give the answers (``extra`` of the case and of each person) back the nodes of the file as opened wherever
    they say the same: the YAML box or a moved point rebuilt them as plain data, which would rewrite untouched
    lines in another style (``[A, B]`` as a block list, a ``|`` paragraph as a quoted line) and drop comments."""
    data = draft.doc if isinstance(draft.doc, dict) else {}
    owners = [
        "extra",
        "beneficiary.extra",
        *(f"dependents[{i}].extra" for i in range(len(data.get("dependents") or []))),
    ]
    for path in owners:
        new, old = get_value(draft.doc, path), get_value(opened, path)
        if new is not None and old is not None and new is not old:
            set_value(draft.doc, path, _restyled(new, old))


def _restyled(new: Any, old: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if old is None or new is old:
        return new
    if plain(new) == plain(old):
        return old
    if isinstance(new, dict) and isinstance(old, dict):
        out = CommentedMap()
        for key, value in new.items():
            out[key] = _restyled(value, old.get(key))
        if isinstance(old, CommentedMap):
            out.ca.items.update({k: v for k, v in old.ca.items.items() if k in out})
            if old.fa.flow_style():
                out.fa.set_flow_style()
        return out
    if isinstance(new, list) and isinstance(old, list):
        seq = CommentedSeq()
        used: set[int] = set()
        for index, value in enumerate(new):
            match = _likeliest(value, old, used)
            if match is not None:
                used.add(match)
            seq.append(_restyled(value, old[match] if match is not None else None))
            if match is not None and isinstance(old, CommentedSeq) and match in old.ca.items:
                seq.ca.items[index] = old.ca.items[match]
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    return new


def _likeliest(value: Any, old: list[Any], used: set[int]) -> int | None:
    """The item of ``old`` that ``value`` is (the same), or was before an edit (the most keys the same)."""
    same = plain(value)
    free = [index for index in range(len(old)) if index not in used]
    exact = next((index for index in free if plain(old[index]) == same), None)
    if exact is not None or not isinstance(same, dict):
        return exact
    scores = [
        (sum(1 for k, v in same.items() if isinstance(old[i], dict) and plain(old[i].get(k)) == v), i) for i in free
    ]
    best = max(scores, default=(0, None))
    return best[1] if best[0] > 0 else None


def check_points(draft: Any) -> None:
    """Each point names the notice's item as a number and says what it answers; problems at the row's inputs."""

    points = get_value(draft.doc, RFE_PATH)
    if points is None:
        return
    if not isinstance(points, list):
        draft.errors.setdefault(RFE_PATH, []).append("the points are a list, one per item the RFE asks for")
        return
    for index, point in enumerate(points):
        data = plain(point) if isinstance(point, dict) else {}
        item = data.get("item")
        if item is not None and not (isinstance(item, int) and not isinstance(item, bool) and item > 0):
            shown = repr(item) if len(repr(item)) <= 40 else repr(item)[:37] + "..."
            draft.errors.setdefault(f"rfe.{index}.item", []).append(
                f"{shown} is not an item number; write the number the RFE gives the request (1, 2, ...)"
            )
        if not str(data.get("title") or "").strip():
            draft.errors.setdefault(f"rfe.{index}.title", []).append(
                "say what the RFE asks for here (the letter prints it as the issue's heading)"
            )


def rows_with_errors(rows: list[PointRow], errors: dict[str, list[str]]) -> list[PointRow]:
    """The rows with the problems of each of their inputs (``rfe.0.item``...)."""
    for index, row in enumerate(rows):
        row.field_errors = {name: errors.get(f"rfe.{index}.{name}", []) for name in RFE_FIELDS}
        row.errors = [m for name in RFE_FIELDS for m in row.field_errors[name]]
    return rows


def placed_errors(blocks: list[FormBlock], errors: dict[str, list[str]]) -> dict[str, str]:
    """The errors this module's inputs show (answer path, group, point row), each with the id of its input."""
    anchors: dict[str, str] = {}
    for block in blocks:
        for group in block.groups:
            anchors[group.at] = group.id
            for item in group.inputs:
                anchors[item.path] = item.id
    out = {}
    for path in errors:
        if path in anchors:
            out[path] = anchors[path]
        elif re.fullmatch(r"rfe\.\d+\.\w+", path) or path == RFE_PATH:
            out[path] = field_id(path) if path != RFE_PATH else "rfe-points"
    return out


def source_name(path: Path | None) -> str:
    return path.name if path is not None else "case"
