"""Which questions the forms ask that a case does not answer yet.

For each person and form, every rule of the form's map is worked out on the
case (as a fill would, without writing a PDF):

- a check box or radio group whose answer is ``None`` is a question still to
  answer (the fill leaves it empty; it is never taken as "No");
- an empty text box is one when it is required, or when the case data it reads
  is missing although its section is there (the parent's birth date when the
  parent is in the case; not the interpreter's name when there is no
  interpreter); data people often do not have (middle names, apartment
  numbers, an A-Number "if any"...) and signature dates are not asked
  (``docgen/data/todo.yaml``);
- a box is one when its answer is empty because data it reads is missing;
- a rule written ``X if CONDITION else none`` (or ``else ''``) does not apply
  while the condition is false: a follow-up question whose parent question was
  answered "No" is not asked (a condition that reads as None still asks).

Boxes of one question (Yes and No, or the choices of a list) become one line,
with the part and item number from the tooltip (or the rule's ``item``), the
question and where the answer goes in the case file. A question about
case-wide data asked on several people's forms is listed once, for the case.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from importlib import resources
from typing import Any

from jinja2 import TemplateError, nodes

from docgen.case.background import question as background_question
from docgen.case.model import Case, Person
from docgen.errors import CaseDataError, MapError
from docgen.forms.branches import taken_branches
from docgen.forms.evaluate import Evaluation, choices
from docgen.forms.fieldmap import FieldMap, FieldRule
from docgen.forms.fill import prepare
from docgen.forms.items import item_reference, question_text, split_reference
from docgen.forms.pdf import FormField, load_form
from docgen.templating import CaseEnvironment, FilterError, make_environment, node_chain
from docgen.yamlio import load_yaml_text


@functools.lru_cache(maxsize=1)
def _optional() -> tuple[frozenset[str], re.Pattern[str]]:
    """Data people often do not have, and tooltip wording of an optional box (docgen/data/todo.yaml)."""
    text = resources.files("docgen").joinpath("data/todo.yaml").read_text(encoding="utf-8")
    data = load_yaml_text(text, "docgen/data/todo.yaml", MapError)
    return frozenset(data["optional_leaves"]), re.compile(data["optional_wording"], re.IGNORECASE)


_PERSON_ROOTS = ("applicant", "beneficiary")


@dataclass(frozen=True)
class Question:
    """One question a form asks that the case does not answer yet."""

    person: str  # a person id, or "case" for case-wide data asked on several forms
    form: str
    part: str
    item: str
    question: str
    answer_at: str  # where the answer goes in the case file ('' when the map computes it)
    required: bool = False
    where: str = ""  # the same in words: "dependents[0] (spouse) > background > arrested"

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return asdict(self)


def person_label(case: Case, person: Person) -> str:
    """The id ``--for`` takes for this person."""
    return next((ref for ref, candidate in case.people_by_ref() if candidate is person), person.id or "beneficiary")


def _reference(rule: FieldRule, target: FormField) -> tuple[str, str]:
    if rule.item:
        part, item = split_reference(rule.item, "")
        return part, item
    return item_reference(target.tooltip)


def _question_text(rule: FieldRule, target: FormField, item: str) -> str:
    """The question: the background question's wording, else the tooltip after the item number."""
    ids = re.findall(r"background\.(\w+)", rule.source)
    if ids:
        known = background_question(ids[0])
        if known:
            return known.text
    text = question_text(target.tooltip, item, rule.kind != "value")
    return (text or target.short_name)[:160]


def _tree(env: CaseEnvironment, rule: FieldRule) -> nodes.Template:
    source = rule.source if rule.kind == "value" else "{{ " + rule.source + " }}"
    return env.parse(source)


def _single_expression(tree: nodes.Template) -> nodes.Expr | None:
    """The one expression a rule consists of (``{{ expr }}``), or None."""
    if len(tree.body) != 1 or not isinstance(tree.body[0], nodes.Output) or len(tree.body[0].nodes) != 1:
        return None
    node = tree.body[0].nodes[0]
    return node if isinstance(node, nodes.Expr) else None


def _not_applicable(env: CaseEnvironment, tree: nodes.Template, context: dict[str, Any]) -> bool:
    """``X if CONDITION else none``: the question does not apply while CONDITION is false."""
    expr = _single_expression(tree)
    if not isinstance(expr, nodes.CondExpr):
        return False
    other = expr.expr2
    if other is not None and not (isinstance(other, nodes.Const) and other.value in (None, "", False)):
        return False
    # "n" when the condition reads as None (unknown: the question may apply), "0" when it is false.
    known = nodes.CondExpr(expr.test, nodes.Const("1"), nodes.Const("0"))
    test = nodes.CondExpr(nodes.Test(expr.test, "none", [], [], None, None), nodes.Const("n"), known)
    probe = nodes.Template([nodes.Output([test])])
    probe.set_environment(env)
    probe.set_lineno(1)
    try:
        return env.from_string(probe).render(context) == "0"
    except (TemplateError, FilterError, TypeError, ValueError, AttributeError):
        return False


def _resolve(context: dict[str, Any], chain: Sequence[str]) -> tuple[bool, Any]:
    """(whether every section up to the leaf is there, the leaf's value)."""
    current: Any = context.get(chain[0])
    for part in chain[1:]:
        if current is None:
            return False, None
        if part.startswith("["):
            index = 0 if part == "[*]" else int(part[1:-1])
            if not isinstance(current, list) or len(current) <= index:
                return False, None  # no such entry in the list: nothing of that kind
            current = current[index]
        elif isinstance(current, dict):
            current = current.get(part)
        else:
            current = getattr(current, part, None)
    return True, current


def where_words(answer_at: str, case: Case, person: str) -> str:
    """Where the answers go, as a specialist finds it in the case file.

    ``applicant.background.arrested`` for the spouse is "dependents[0] (spouse) > background > arrested";
    ``extra.I-140.x`` is "extra > I-140 > x" (the case's answers to that form; a person's own
    go under the person's extra); a computed index reads "(that person's id)".
    """
    places = dict(case.people_by_ref())
    position = {id(p): ("beneficiary" if i == 0 else f"dependents[{i - 1}]") for i, p in enumerate(case.people())}
    out = []
    for path in (p for p in answer_at.split(", ") if p):
        steps = re.sub(
            r"\[(\d+|\*)\]", lambda m: "." + ("(entry for that person)" if m.group(1) == "*" else m.group(0)), path
        )
        parts = [p for p in steps.split(".") if p]
        if parts and parts[0] in _PERSON_ROOTS:
            who = places.get(person)
            place = position.get(id(who), person) if who is not None else person
            parts[0] = place if place == person else f"{place} ({person})"
        out.append(" > ".join(parts).replace(" > [", "["))
    return "; ".join(out)


def _case_path(chain: Sequence[str], form: str) -> str:
    """Where an answer goes in the case file: ``applicant.x`` is the person's, ``extra.x`` the form's,
    ``case.sponsor.x`` the file's own ``sponsor.x``."""
    text = ".".join(chain).replace(".[*]", "[0]").replace(".[", "[")
    if chain[0] == "extra":
        return f"extra.{form}.{text.split('.', 1)[1]}" if "." in text else f"extra.{form}"
    if chain[0] == "case" and len(chain) > 1:
        return text.split(".", 1)[1]
    return text


@functools.lru_cache(maxsize=1)
def _index_env() -> CaseEnvironment:
    return make_environment()


def _index_value(arg: nodes.Node, context: dict[str, Any]) -> str:
    """A computed index (``extra.dependents[dependents[1].id]``) worked out on the case: ``spouse``; '' if not."""
    env = _index_env()
    probe = nodes.Template([nodes.Output([arg])])
    probe.set_environment(env)
    probe.set_lineno(1)
    try:
        return env.from_string(probe).render(context).strip()
    except (TemplateError, FilterError, TypeError, ValueError, AttributeError):
        return ""


def _chain(node: nodes.Node, context: dict[str, Any]) -> tuple[str, ...] | None:
    """``applicant.parents[1].sex`` as ``('applicant', 'parents', '[1]', 'sex')``; a computed index as the key
    it gives for this case (``extra.dependents[dependents[1].id]`` is ``extra.dependents.spouse``), else ``[*]``;
    None for anything else."""
    chain = node_chain(node, keep_index=True)
    if chain is None or "[*]" not in chain:
        return chain
    keys: list[str] = []
    current = node
    while isinstance(current, (nodes.Getattr, nodes.Getitem)):
        if isinstance(current, nodes.Getitem) and not isinstance(current.arg, nodes.Const):
            # a key the case gives (a person's id); a slice (citizenship[1:]) or a number stays "[*]"
            key = "" if isinstance(current.arg, nodes.Slice) else _index_value(current.arg, context)
            keys.append("" if key.lstrip("-").isdigit() else key)
        current = current.node
    found = iter(reversed(keys))
    return tuple((next(found) or "[*]") if part == "[*]" else part for part in chain)


def _read_paths(tree: nodes.Template, context: dict[str, Any]) -> list[tuple[str, ...]]:
    """The longest case paths a rule reads (a value read only to compute an index is not one)."""
    in_index = {
        id(inner)
        for item in tree.find_all(nodes.Getitem)
        if not isinstance(item.arg, nodes.Const)
        for inner in (item.arg, *item.arg.find_all((nodes.Getattr, nodes.Getitem)))
    }
    chains: list[tuple[str, ...]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if id(node) in in_index:
            continue
        chain = _chain(node, context)
        if chain and len(chain) > 1 and chain[0] in context and chain not in chains:
            chains.append(chain)
    return [c for c in chains if not any(len(o) > len(c) and o[: len(c)] == c for o in chains)]


def _missing_paths(tree: nodes.Template, context: dict[str, Any], form: str, whole_sections: bool) -> list[str]:
    """Case paths a rule reads that the case leaves empty (only inside sections that are there if asked)."""
    optional, _ = _optional()
    out = []
    for chain in _read_paths(tree, context):
        if chain[-1] in optional:
            continue
        sections_there, value = _resolve(context, chain)
        if value in (None, "") and (sections_there or not whole_sections):
            out.append(_case_path(chain, form))
    return out


def _only_optional(tree: nodes.Template, context: dict[str, Any]) -> bool:
    """Whether every case path the rule reads is data people often do not have."""
    optional, _ = _optional()
    chains = _read_paths(tree, context)
    return bool(chains) and all(chain[-1] in optional for chain in chains)


def _open_question(rules: Evaluation, rule: FieldRule, target: FormField) -> tuple[bool, list[str]] | None:
    """For a rule whose answer is empty: None when it does not apply; else (required, where the answers go)."""
    fmap, context = rules.fmap, rules.context
    env = fmap.env
    whole = _tree(env, rule)
    tree = taken_branches(env, whole, context)  # what the rule reads for this case, not for every case
    required = rules.is_required(rule)
    if not required and (_not_applicable(env, whole, context) or _only_optional(tree, context)):
        return None
    if required:
        return True, _missing_paths(tree, context, fmap.form, whole_sections=False)
    if rule.kind != "value":  # a box: asked when it reads data the case does not give
        missing = _missing_paths(tree, context, fmap.form, whole_sections=False)
        return (False, missing) if missing else None
    missing = _missing_paths(tree, context, fmap.form, whole_sections=True)
    if not missing or _optional()[1].search(target.tooltip):
        return None
    return False, missing


def answer_paths(fmap: FieldMap, rule: FieldRule, context: dict[str, Any]) -> list[str]:
    """Where in the case file the answers a rule needs for this case go (``representative.family_name``),
    for a message that says what to write; empty when the rule reads nothing the case leaves empty."""
    tree = taken_branches(fmap.env, _tree(fmap.env, rule), context)
    return [  # data people often do not have (a middle name) is named too: the box requires it
        _case_path(chain, fmap.form)
        for chain in _read_paths(tree, context)
        if _resolve(context, chain)[1] in (None, "")
    ]


def questions_for(case: Case, person: Person, form: str, *, source: str = "case", **where: Any) -> list[Question]:
    """The questions ``form`` asks ``person`` that the case does not answer yet, in form order."""
    prepared = prepare(form, where.get("forms_dir"), where.get("maps_dir"), where.get("edition"))
    fmap = prepared.fmap
    blank = load_form(prepared.blank)
    try:
        fields = blank.fields
        rules = Evaluation(fmap, fields, case, person, source, CaseDataError)  # the fill's own evaluation
        label = person_label(case, person)
        found: dict[tuple[str, str], Question] = {}
        for rule in rules.unanswered():  # items the form says to skip are not asked
            target = fields[rule.name]
            answer = _open_question(rules, rule, target)
            if answer is None:
                continue
            required, missing = answer
            if person.household is None:  # the family's household is the case's, given once
                missing = [re.sub(r"^applicant\.household\b", "household", path) for path in missing]
            part, item = _reference(rule, target)
            key = (part, item or ", ".join(missing) or target.short_name)
            previous = found.get(key)
            paths = sorted(
                set(missing) | set(previous.answer_at.split(", ") if previous and previous.answer_at else [])
            )
            found[key] = Question(
                person=label,
                form=fmap.form,
                part=part,
                item=item,
                question=previous.question if previous else _question_text(rule, target, item),
                answer_at=", ".join(paths),
                required=required or bool(previous and previous.required),
                where=where_words(", ".join(paths), case, label),
            )
        return _one_row_per_answer(_merge_items(list(found.values())), fmap, case, label)
    finally:
        blank.pdf.close()


def _one_row_per_answer(rows: list[Question], fmap: FieldMap, case: Case, label: str) -> list[Question]:
    """Each missing answer asked once: by the first question that asks for it alone (the I-907's "who requests
    premium processing", Part 1 Item 8), with its choices. The other questions that need it (the requestor's
    name, address, telephone...) leave it out; one that needs nothing else is not listed: it is asked, if at
    all, once that answer is given (the next ``case todo`` shows it)."""
    asked_alone: dict[str, Question] = {}
    for row in rows:
        if row.answer_at and ", " not in row.answer_at:
            asked_alone.setdefault(row.answer_at, row)
    out: list[Question] = []
    for row in rows:
        paths = [p for p in row.answer_at.split(", ") if p]
        if len(paths) == 1 and asked_alone[paths[0]] is not row:
            continue  # asked by an earlier question
        if len(paths) > 1:
            own = [p for p in paths if p not in asked_alone]
            if not own:
                continue
            if own != paths:
                answer_at = ", ".join(own)
                row = replace(row, answer_at=answer_at, where=where_words(answer_at, case, label))
        if len(paths) == 1:
            required = row.required or any(r.required for r in rows if r.answer_at == row.answer_at)
            row = replace(row, required=required, where=row.where + choices(fmap, row.answer_at))
        out.append(row)
    return out


def _merge_items(rows: list[Question]) -> list[Question]:
    """Boxes of one answer spread over lettered items (25.a-25.d) become one question."""
    out: list[Question] = []
    for row in rows:
        last = out[-1] if out else None
        if last and row.answer_at and (last.part, last.answer_at) == (row.part, row.answer_at):
            first_item = last.item.split("-")[0]
            out[-1] = Question(
                last.person,
                last.form,
                last.part,
                f"{first_item}-{row.item}",
                last.question,
                last.answer_at,
                last.required or row.required,
                last.where,
            )
            continue
        out.append(row)
    return out


def _case_wide(question: Question) -> bool:
    paths = [p for p in question.answer_at.split(", ") if p]
    return bool(paths) and not any(p.startswith(_PERSON_ROOTS) for p in paths)


def case_questions(
    case: Case, forms: Iterable[str], people: Sequence[Person] | None = None, *, source: str = "case", **where: Any
) -> list[Question]:
    """Every open question of ``forms`` for ``people`` (default: the beneficiary), by person then form.

    A question about case-wide data (the employer, the sponsor, the form's own
    answers shared by all) asked on several people's forms is listed once, as
    the case's.
    """
    people = list(people) if people is not None else [case.beneficiary]
    forms = list(forms)
    rows: list[Question] = []
    for person in people:
        for form in forms:
            rows.extend(questions_for(case, person, form, source=source, **where))
    counts: dict[tuple[str, str, str, str], int] = {}
    for row in rows:
        key = (row.form, row.part, row.item, row.answer_at)
        counts[key] = counts.get(key, 0) + 1
    out: list[Question] = []
    seen: set[tuple[str, str, str, str]] = set()
    for row in rows:
        key = (row.form, row.part, row.item, row.answer_at)
        if counts[key] > 1 and _case_wide(row):
            if key in seen:
                continue
            seen.add(key)
            row = Question("case", row.form, row.part, row.item, row.question, row.answer_at, row.required, row.where)
        out.append(row)
    return out
