"""Boxes of one question: which check boxes stand for different answers to the same case value.

A map ticks a box with a ``check`` expression. Read as a choice, each expression
says which case value it looks at (its *subject*) and which answer the box
stands for::

    applicant.ssa.card_wanted | yes                  subject applicant.ssa.card_wanted, answer yes
    applicant.ssa.card_wanted | no                   ... answer no
    applicant.marital_status | equals('married')     subject applicant.marital_status, answer = 'married'
    (income <= 27000) if income is not none else none    subject income, answer the comparison
    ('asian' in applicant.biographic.race) if ...    membership: several may hold (select all that apply)

Boxes with one subject and different answers are exclusive: at most one may be
on. The fill refuses a form where two are (a map error, never a filing), and a
required question whose answer matches none of its boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import nodes

from docgen.forms.fieldmap import FieldMap, FieldRule
from docgen.templating import CaseEnvironment

_EMPTY = (None, "", False)


@dataclass(frozen=True)
class Choice:
    """What one box stands for."""

    field: str
    subject: str  # the case value the box reads (its expression, as text)
    answer: str  # the answer the box stands for
    multi: bool  # membership in a list: several boxes of the subject may be on


def _dump(node: nodes.Node) -> str:
    return repr(node.value) if isinstance(node, nodes.Const) else repr(node)


def _no_answer(node: nodes.Node | None) -> bool:
    """An else branch that ticks nothing: none, '', false, or a condition choosing between those."""
    if node is None:
        return True
    if isinstance(node, nodes.Const):
        return node.value in _EMPTY
    return isinstance(node, nodes.CondExpr) and _no_answer(node.expr1) and _no_answer(node.expr2)


def _choice(node: nodes.Node) -> tuple[nodes.Node, str, bool]:
    """(subject, answer, multi) of a check expression."""
    if isinstance(node, nodes.CondExpr) and _no_answer(node.expr2):
        return _choice(node.expr1)
    if isinstance(node, nodes.Filter) and node.node is not None:
        if node.name in ("yes", "yes_no"):
            return node.node, "yes", False
        if node.name == "no":
            return node.node, "no", False
        if node.name == "equals" and node.args:
            return node.node, "= " + _dump(node.args[0]), False
    if isinstance(node, nodes.Not):
        subject, answer, multi = _choice(node.node)
        flipped = {"yes": "no", "no": "yes"}.get(answer, "not " + answer)
        return subject, flipped, multi
    if isinstance(node, nodes.Compare) and len(node.ops) == 1:
        op = node.ops[0]
        if op.op in ("in", "notin"):  # 'asian' in race: select all that apply; status in [...]: a question of its own
            return (op.expr, _dump(node), True) if isinstance(node.expr, nodes.Const) else (node, "yes", False)
        if op.op == "eq" and isinstance(op.expr, nodes.Const):
            return node.expr, "= " + _dump(op.expr), False
        if op.op == "eq" and isinstance(node.expr, nodes.Const):
            return op.expr, "= " + _dump(node.expr), False
        return node.expr, _dump(node), False
    if isinstance(node, nodes.And):
        subject, _, multi = _choice(node.left)
        return subject, _dump(node), multi
    return node, "yes", False


def box_choice(env: CaseEnvironment, rule: FieldRule) -> Choice | None:
    """The choice a ``check`` rule's box stands for (None for other rules)."""
    if rule.check is None:
        return None
    tree = env.parse("{{ " + rule.source + " }}")
    output = tree.body[0]
    assert isinstance(output, nodes.Output)
    subject, answer, multi = _choice(output.nodes[0])
    return Choice(rule.name, _dump(subject), answer, multi)


def choices(fmap: FieldMap) -> dict[str, Choice]:
    """Every box of the map's ``check`` rules with what it stands for."""
    out = {}
    for rule in fmap.rules.values():
        found = box_choice(fmap.env, rule)
        if found is not None:
            out[rule.name] = found
    return out


_CACHE: dict[int, tuple[FieldMap, dict[str, list[Choice]]]] = {}


def questions(fmap: FieldMap) -> dict[str, list[Choice]]:
    """Subjects with boxes for at least two different answers (the exclusive questions)."""
    cached = _CACHE.get(id(fmap))
    if cached is not None and cached[0] is fmap:
        return cached[1]
    by_subject: dict[str, list[Choice]] = {}
    for choice in choices(fmap).values():
        by_subject.setdefault(choice.subject, []).append(choice)
    found = {
        subject: members
        for subject, members in by_subject.items()
        if not any(c.multi for c in members) and len({c.answer for c in members}) > 1
    }
    _CACHE[id(fmap)] = (fmap, found)
    return found


def clashes(fmap: FieldMap, on: set[str]) -> list[list[str]]:
    """Groups of boxes that are on together although they answer one question differently."""
    out = []
    for members in questions(fmap).values():
        lit = [c for c in members if c.field in on]
        if len({c.answer for c in lit}) > 1:
            out.append([c.field for c in lit])
    return out


def problems(
    fmap: FieldMap,
    on: set[str],
    unanswered: set[str],
    skipped: set[str],
    required: Callable[[FieldRule], bool],
    label: Callable[[FieldRule], str] | None = None,
) -> list[tuple[FieldRule, str]]:
    """What is wrong with the boxes ticked for one case: two answers to one question, or a required
    question whose answer fits none of its boxes. ``on``: the boxes ticked; ``unanswered``: boxes whose
    answer is empty (reported or refused elsewhere); ``skipped``: items the form says to skip; ``label``
    names a box in the message (default: its field name)."""
    rules = fmap.rules
    out: list[tuple[FieldRule, str]] = []
    for fields in clashes(fmap, on):
        names = "; ".join(label(rules[name]) if label else name for name in fields)
        out.append((rules[fields[0]], f"boxes for different answers to one question would both be ticked ({names})"))
    for members in questions(fmap).values():
        group = [rules[c.field] for c in members if c.field not in skipped]
        if not group or any(rule.name in on or rule.name in unanswered for rule in group):
            continue
        if any(required(rule) for rule in group):
            offered = sorted({c.answer.removeprefix("= ") for c in members})
            out.append(
                (group[0], f"the answer fits none of the boxes of this question (they stand for: {', '.join(offered)})")
            )
    return out
