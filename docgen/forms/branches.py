"""The branch of a rule a case takes: what a question reads for this case, not for every case.

A rule written ``{% if extra.requestor_role == 'applicant' %}{{ applicant.family_name }}{% else %}...``
or ``A if C else B`` reads different case data depending on the case. Where the condition can be
worked out on the case (true or false, not None), only the branch taken is kept, together with the
condition itself (so an unanswered condition is still asked). ``case todo`` and the fill's messages
then name the answer this case needs (the attorney's name for an attorney requestor), never the
data of a branch that does not apply (the petitioner's signatory for a student filing alone).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Template, TemplateError, nodes
from jinja2.visitor import NodeTransformer

from docgen.templating import CaseEnvironment, FilterError

_PROBES: dict[tuple[int, str], Template] = {}  # a condition compiled once per environment, run per case


def _probe(env: CaseEnvironment, test: nodes.Node) -> Template:
    key = (id(env), repr(test))
    probe = _PROBES.get(key)
    if probe is None:
        expr = nodes.CondExpr(
            nodes.Test(test, "none", [], [], None, None),
            nodes.Const("n"),
            nodes.CondExpr(test, nodes.Const("1"), nodes.Const("0")),
        )
        tree = nodes.Template([nodes.Output([expr])])
        tree.set_environment(env)
        tree.set_lineno(1)
        probe = _PROBES[key] = env.from_string(tree)
    return probe


def _test_value(env: CaseEnvironment, test: nodes.Node, context: dict[str, Any]) -> bool | None:
    """The truth of ``test`` on the case: None when it reads as None or cannot be worked out."""
    try:
        text = _probe(env, test).render(context)
    except (TemplateError, FilterError, TypeError, ValueError, AttributeError, KeyError, IndexError):
        return None
    return {"1": True, "0": False}.get(text)


class _Taken(NodeTransformer):
    def __init__(self, env: CaseEnvironment, context: dict[str, Any]) -> None:
        self.env = env
        self.context = context

    def visit_CondExpr(self, node: nodes.CondExpr) -> nodes.Node:
        value = _test_value(self.env, node.test, self.context)
        if value is None:
            return self.generic_visit(node)
        branch = node.expr1 if value else node.expr2
        kept = [node.test] + ([self.visit(branch)] if branch is not None else [])
        return nodes.Tuple(kept, "load")

    def visit_If(self, node: nodes.If) -> Any:
        value = _test_value(self.env, node.test, self.context)
        if value is None:
            return self.generic_visit(node)
        reads: list[nodes.Node] = [nodes.Output([node.test])]
        if value:
            body = node.body
        elif node.elif_:
            first = node.elif_[0]
            body = [nodes.If(first.test, first.body, node.elif_[1:], node.else_)]
        else:
            body = node.else_
        out: list[nodes.Node] = reads
        for child in body:
            visited = self.visit(child)
            out.extend(visited if isinstance(visited, list) else [visited])
        return out


def taken_branches(env: CaseEnvironment, tree: nodes.Template, context: dict[str, Any]) -> nodes.Template:
    """A copy of ``tree`` with each condition that the case decides replaced by the condition and its branch."""
    if tree.find(nodes.CondExpr) is None and tree.find(nodes.If) is None:
        return tree  # nothing to decide: read as it is
    copied = nodes.Template([_deep_copy(child) for child in tree.body])
    result = _Taken(env, context).visit(copied)
    assert isinstance(result, nodes.Template)
    return result


def _deep_copy(node: Any) -> Any:
    if isinstance(node, list):
        return [_deep_copy(n) for n in node]
    if not isinstance(node, nodes.Node):
        return node
    clone = object.__new__(type(node))
    for name in (*node.fields, *node.attributes):
        setattr(clone, name, _deep_copy(getattr(node, name, None)))
    return clone
