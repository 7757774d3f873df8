"""One evaluation of a map's rules for one person of a case: what ``fill`` writes and ``case todo`` asks come from it.

:class:`Evaluation` builds the names a map sees (the case context and the form's own answers under
``extra``), works out the items the form says to skip for this case, and walks the map's rules in
order, working out each answer. A rule that cannot be worked out is one error naming the case, the
form, the item and the fix, of the class the caller gives: :class:`~docgen.errors.FillError` for a
fill, :class:`~docgen.errors.CaseDataError` for the to-answer list. So the to-answer list is never
empty while the fill fails, and the two never disagree on which answers are empty.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Final

from jinja2 import TemplateError, UndefinedError
from jinja2.exceptions import SecurityError

from docgen.case.context import build_context
from docgen.case.model import Case, Person
from docgen.errors import DocgenError
from docgen.forms.answers import case_answers
from docgen.forms.fieldmap import FieldMap, FieldRule, skipped_fields
from docgen.forms.items import describe_field, field_reference
from docgen.forms.pdf import FormField
from docgen.templating import Answers, FilterError, PhoneNote, noting_phones


class _Skipped:
    def __repr__(self) -> str:
        return "SKIPPED"


SKIPPED: Final = _Skipped()  # the answer of a rule whose item the form says to skip for this case


def is_empty(value: Any) -> bool:
    """Whether a worked-out answer leaves its box empty (unanswered, never taken as "No")."""
    return value is None or value == ""


class Evaluation:
    """A map's rules worked out on one person of a case; errors are ``error`` naming case, form and item."""

    def __init__(
        self,
        fmap: FieldMap,
        fields: Mapping[str, FormField],
        case: Case,
        person: Person,
        source: str,
        error: type[DocgenError],
    ) -> None:
        self.fmap = fmap
        self.fields = fields
        self.case = case
        self.person = person
        self.source = source
        self.error = error
        self.context: dict[str, Any] = build_context(case, person, fmap.form)
        self.phones: list[PhoneNote] = []
        answers = case_answers(fmap.answers, fmap.answer_items, fmap.form, case, person, source)
        self.context["extra"] = Answers.wrap(answers)
        try:
            self.skipped: set[str] = skipped_fields(fmap, self.context)[0]
        except (TemplateError, FilterError, TypeError, ValueError, AttributeError) as exc:
            raise error(
                f"{source}: case {case.case_id}: {fmap.form}: a skip rule of the map ({fmap.path.name}) "
                f"cannot be worked out from this case ({exc}); correct the case"
            ) from None

    def walk(self) -> Iterator[tuple[FieldRule, Any]]:
        """Each rule of the map in order with its answer (:data:`SKIPPED` for an item the form says to skip),
        worked out as the walk reaches it (an error stops the walk at its rule)."""
        for rule in self.fmap.rules.values():
            yield rule, SKIPPED if rule.name in self.skipped else self.evaluate(rule)

    def unanswered(self) -> Iterator[FieldRule]:
        """The rules whose answer is empty (not those the form says to skip), in map order: the boxes and
        text a fill leaves empty, and what ``case todo`` looks at to ask (worked out as the walk goes)."""
        return (rule for rule, value in self.walk() if value is not SKIPPED and is_empty(value))

    def where(self, rule: FieldRule, target: FormField) -> tuple[str, str]:
        """The part and item a rule fills: the rule's own ``item``, else the field's tooltip."""
        return field_reference(rule.item, target.tooltip)

    def describe(self, rule: FieldRule) -> str:
        """``Part 1, Item 10 (Your A-Number)`` for a rule's box."""
        return describe_field(rule.item, self.fields[rule.name])

    def fail(self, rule: FieldRule, problem: str, map_fault: bool = False) -> DocgenError:
        """The error for one box, named as the printed form names it (part, item, the question's words);
        the map's file and line only when the map is at fault."""
        at = f" (map {self.fmap.where(rule.name)})" if map_fault else ""
        where = f"{self.fmap.form} {self.describe(rule)}{at}"
        return self.error(f"{self.source}: case {self.case.case_id}: {where}: {problem}")

    def answer_at(self, rule: FieldRule) -> str:
        """Where in the case file the answer an empty box needs goes, for the branch of the rule this case takes
        (``give representative.family_name in the case`` for an attorney requestor), with the choices of a
        choice answer; never the map's rule text."""
        from docgen.forms.todo import answer_paths  # the to-answer report builds on the evaluation

        try:
            paths = answer_paths(self.fmap, rule, self.context)
        except (TemplateError, FilterError, TypeError, ValueError, AttributeError):
            paths = []
        if not paths:
            return "answer it in the case (docgen case todo says where)"
        index = next(i for i, p in enumerate(self.case.people()) if p is self.person)
        who = "beneficiary" if index == 0 else f"dependents[{index - 1}]"
        shown = [re.sub(r"^applicant\b", who, re.sub(r"^case\.", "", p)) + choices(self.fmap, p) for p in paths]
        return f"give {' or '.join(shown)} in the case"

    def evaluate(self, rule: FieldRule, context: dict[str, Any] | None = None) -> Any:
        """The answer of ``rule`` (text stripped; a box's answer as its expression gives it); the phone numbers
        the answer holds are in :attr:`phones` until the next rule (the fill continues an extension)."""
        context = context if context is not None else self.context
        try:
            with noting_phones() as self.phones:
                if rule.value is not None:
                    return rule.value.render(context).strip()
                expression = rule.check if rule.check is not None else rule.select
                assert expression is not None
                return expression(context)
        except UndefinedError as exc:
            raise self.fail(
                rule, f"the case does not have the data this box reads ({exc.message}); {self.answer_at(rule)}"
            ) from None
        except FilterError as exc:
            raise self.fail(rule, f"{exc}; correct it in the case") from None
        except SecurityError:
            raise self.fail(
                rule, f"{rule.source!r} tries to reach Python internals; maps may only read case data", True
            ) from None
        except TemplateError as exc:
            raise self.fail(rule, f"{rule.source!r} failed: {exc.message}", True) from None
        except (TypeError, ValueError, AttributeError, IndexError, KeyError, ArithmeticError) as exc:
            raise self.fail(
                rule,
                f"{rule.source!r} cannot be worked out from this case ({type(exc).__name__}); "
                "check the case data, or guard the rule in the map",
                True,
            ) from None

    def is_required(self, rule: FieldRule) -> bool:
        """Whether an empty answer to ``rule`` is an error for this case."""
        if rule.required_when is None:
            return rule.required
        try:
            return bool(rule.required_when(self.context))
        except Exception as exc:
            raise self.fail(
                rule, f"the 'required' condition failed ({type(exc).__name__}); check the case data it reads"
            ) from None


def choices(fmap: FieldMap, path: str) -> str:
    """`` (one of: a, b)`` for an answer of the map declared as a choice, else ''."""
    prefix = f"extra.{fmap.form}."
    if fmap.answers is None or not path.startswith(prefix):
        return ""
    declared = fmap.answers.model_fields.get(path[len(prefix) :].split(".")[0].split("[")[0])
    if declared is None:
        return ""
    values = [v for arg in typing.get_args(declared.annotation) for v in typing.get_args(arg) if v is not None]
    if typing.get_origin(declared.annotation) is typing.Literal:
        values = list(typing.get_args(declared.annotation))
    return f" (one of: {', '.join(map(str, values))})" if values and all(isinstance(v, str) for v in values) else ""
