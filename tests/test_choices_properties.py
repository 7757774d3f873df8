"""Property: on every bundled map, over generated answers, no question gets two boxes ticked, and a
required question whose answer fits no box is refused, never left empty silently.

For each map, the case values its boxes read are drawn from: left as in the sample, missing, true,
false, the words people write ("yes", "No"), empty, odd values ("maybe", 2, "5a") and every
choice the map itself offers. Each rule is worked out as the fill does (an error refuses the whole
fill: no form, so nothing ticked wrongly). A real fill of the I-131 shows the refusal end to end.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import TemplateError, nodes

from docgen.bundled import bundled_dir
from docgen.case import load_case
from docgen.case.context import build_context
from docgen.case.loader import parse_case
from docgen.errors import CaseDataError, FillError
from docgen.forms.choices import clashes, problems, questions
from docgen.forms.fieldmap import FieldMap, FieldRule, load_map, skipped_fields
from docgen.forms.fill import fill_case, prepare
from docgen.forms.registry import list_maps
from docgen.templating import Answers, FilterError, node_chain, truth

from .conftest import FORMS_DIR, SAMPLES

MAPS = list_maps()
JOBS: list[dict[str, Any]] = yaml.safe_load((SAMPLES / "demo.yaml").read_text()).get("fill") or []
KEEP, MISSING = object(), object()
ODD: list[Any] = [None, True, False, "yes", "No", "", "maybe", 0, 1, 2, "5a", "x"]
REFUSED = (TemplateError, FilterError, TypeError, ValueError, AttributeError, KeyError, IndexError)


def _reads(fmap: FieldMap, rules: list[FieldRule]) -> dict[tuple[str, ...], list[Any]]:
    """Each case path the rules read (attribute chains), with the constants the rules compare it with."""
    out: dict[tuple[str, ...], list[Any]] = {}
    for rule in rules:
        tree = fmap.env.parse("{{ " + rule.source + " }}")
        consts: list[Any] = []
        for const in tree.find_all(nodes.Const):
            value = const.value
            if isinstance(value, str):
                consts.append(value)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                consts += [value - 1, value, value + 1]  # both sides of every bound the map compares with
        for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
            chain = node_chain(node, keep_index=True)
            if chain and len(chain) > 1 and "[*]" not in chain:
                known = out.setdefault(chain, [])
                known += [c for c in consts if c not in known]
    # only the leaves: setting a section would undo the values drawn for what is inside it
    return {c: v for c, v in out.items() if not any(len(o) > len(c) and o[: len(c)] == c for o in out)}


def _put(context: dict[str, Any], chain: tuple[str, ...], value: Any) -> None:
    """Set ``applicant.marriage.date`` in the context, copying (or making) the sections on the way so the
    sample's own data is never changed."""
    current: Any = context
    for part in chain[:-1]:
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(current, list) or len(current) <= index:
                return  # no such entry: the path cannot be set (the list is the case's own length)
            entry = current[index]
            if not isinstance(entry, dict):
                return
            current[index] = type(entry)(entry)
            current = current[index]
            continue
        if not isinstance(current, dict):
            return
        nxt = current.get(part)
        if isinstance(nxt, dict):
            nxt = type(nxt)(nxt)
        elif isinstance(nxt, list):
            nxt = list(nxt)
        else:
            nxt = Answers() if isinstance(current, Answers) else {}
        current[part] = nxt
        current = nxt
    last = chain[-1]
    if isinstance(current, dict) and not last.startswith("["):
        if value is MISSING:
            current.pop(last, None)
        else:
            current[last] = value


def _boxes(
    fmap: FieldMap, rules: list[FieldRule], context: dict[str, Any]
) -> tuple[set[str], set[str], set[str]] | None:
    """(on, unanswered, skipped) of the rules' boxes as the fill works them out; None when the fill refuses."""
    try:
        skipped, _ = skipped_fields(fmap, context)
        on, unanswered = set(), set()
        for rule in rules:
            if rule.name in skipped:
                continue
            assert rule.check is not None
            value = rule.check(context)
            if value is None or value == "":
                unanswered.add(rule.name)
            elif truth(value, strict=False):
                on.add(rule.name)
        return on, unanswered, skipped
    except REFUSED:
        return None


def _required(context: dict[str, Any]) -> Any:
    def required(rule: FieldRule) -> bool:
        if rule.required_when is None:
            return bool(rule.required)
        try:
            return bool(rule.required_when(context))
        except REFUSED:
            return False

    return required


def _property(fmap: FieldMap, base: dict[str, Any], examples: int = 25) -> None:
    """For each question of the map, generated answers to what its boxes read never tick two answers,
    and a required question with no box fitting its answer is always reported."""
    for members in questions(fmap).values():
        _question_property(fmap, base, [fmap.rules[c.field] for c in members], examples)


def _question_property(fmap: FieldMap, base: dict[str, Any], rules: list[FieldRule], examples: int) -> None:
    reads = _reads(fmap, rules)
    chains = list(reads)
    if chains:
        draws = st.tuples(*(st.sampled_from([KEEP, MISSING, *ODD, *reads[c]]) for c in chains))

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(drawn=draws)
        def check(drawn: tuple[Any, ...]) -> None:
            context = dict(base)
            for chain, value in zip(chains, drawn, strict=True):
                if value is not KEEP:
                    _put(context, chain, value)
            worked = _boxes(fmap, rules, context)
            if worked is None:
                return  # the fill refuses this case with an error: nothing goes on a form
            on, unanswered, skipped = worked
            assert not clashes(fmap, on), f"{fmap.form}: two answers to one question ticked: {sorted(on)}"
            required = _required(context)
            group = [r for r in rules if r.name not in skipped]
            silent = group and not any(r.name in on or r.name in unanswered for r in group)
            if silent and any(required(r) for r in group):
                found = problems(fmap, on, unanswered, skipped, required)
                assert any(rule in group for rule, _ in found), f"{fmap.form}: required question left empty"

        check()


def _sample(form: str) -> tuple[FieldMap, dict[str, Any]]:
    job = next(j for j in JOBS if j["form"] == form)
    case = load_case(SAMPLES / job["case"])
    fmap = prepare(form, FORMS_DIR).fmap
    return fmap, build_context(case, case.person(job.get("for")), fmap.form)


@pytest.mark.parametrize("entry", MAPS, ids=[m.path.name for m in MAPS])
def test_no_question_gets_two_answers_and_none_is_dropped_silently(entry: Any) -> None:
    _property(*_sample(entry.form))


def test_the_property_finds_overlapping_boxes(tmp_path: Path) -> None:
    """A map whose income brackets overlap (25,000 is in the first two) is caught."""
    source = bundled_dir("form_maps") / "i-485_02-21-23.yaml"
    text = source.read_text(encoding="utf-8").replace("annual_income > 27000 and", "annual_income > 20000 and")
    broken = tmp_path / "i-485.yaml"
    broken.write_text(text, encoding="utf-8")
    _, base = _sample("I-485")
    with pytest.raises(AssertionError, match="two answers to one question"):
        _property(load_map(broken, FORMS_DIR / "i-485.pdf"), base)


@pytest.mark.parametrize("answer", ["5a", "reentry"])
def test_i131_application_type_that_fits_no_box_is_refused(answer: str) -> None:
    data = yaml.safe_load((SAMPLES / "cases" / "eb2-family-haddad.yaml").read_text(encoding="utf-8"))
    data["extra"]["I-131"]["application_type"] = answer
    case = parse_case(data, "case.yaml")
    with pytest.raises(CaseDataError, match=r"extra\.I-131\.application_type: I-131 Part 1, Item 1: .* is not one of"):
        fill_case(prepare("I-131", FORMS_DIR), case, "principal")


def test_a_required_question_whose_answer_fits_no_box_is_refused_by_the_fill(tmp_path: Path) -> None:
    """Without a declared choice (a firm's map declaring the answer as text), the fill's own guard refuses."""
    source = bundled_dir("form_maps") / "i-131_01-20-25.yaml"
    text = source.read_text(encoding="utf-8")
    start = text.index("  application_type: {type: choice")
    end = text.index("\n", start)
    loose = tmp_path / "i-131.yaml"
    loose.write_text(text[:start] + "  application_type: text" + text[end:], encoding="utf-8")
    data = yaml.safe_load((SAMPLES / "cases" / "eb2-family-haddad.yaml").read_text(encoding="utf-8"))
    data["extra"]["I-131"]["application_type"] = "5a"
    case = parse_case(data, "case.yaml")
    expected = r"I-131 Part 1, Item 1 \(.*\): .*fits none of the boxes.*'5\.a'.*correct the case"
    with pytest.raises(FillError, match=expected):
        fill_case(prepare(str(loose), FORMS_DIR), case, "principal")
