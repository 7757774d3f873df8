"""``fill`` and ``case todo`` work a map's rules out in one evaluation: they never disagree on what is unanswered.

For every bundled map, sample case and person, the rules ``case todo`` looks at (the answers left
empty, not those the form says to skip) are exactly the boxes and text the fill left empty, and a
case that todo cannot work out fails the fill with the same words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.bundled import bundled_dir
from docgen.case.loader import load_case
from docgen.case.model import Case
from docgen.errors import CaseDataError, DocgenError, FillError
from docgen.forms.evaluate import Evaluation
from docgen.forms.fill import FillResult, Prepared, fill_case, prepare
from docgen.forms.items import describe_field
from docgen.forms.todo import questions_for

from .conftest import FORMS_DIR, SAMPLES

MAPS = sorted(bundled_dir("form_maps").glob("*.yaml"))
CASES = {path: load_case(path) for path in sorted((SAMPLES / "cases").glob("*.yaml"))}


def fill_left_empty(prepared_rules: dict[str, str], result: FillResult) -> list[str]:
    """The map's rules the filled form leaves empty: unanswered boxes, and text or lists given no value."""
    unanswered = set(result.unanswered)
    skipped = set(result.skipped)
    return [
        name
        for name, kind in prepared_rules.items()
        if name not in skipped and (name in unanswered if kind in ("checkbox", "radio") else name not in result.values)
    ]


def todo_unanswered(prepared: Prepared, case: Case, person: str, source: str) -> list[str]:
    """The rules the to-answer list starts from, through the evaluation ``questions_for`` makes."""
    rules = Evaluation(prepared.fmap, prepared.fields, case, case.person(person), source, CaseDataError)
    return [rule.name for rule in rules.unanswered()]


@pytest.mark.parametrize("map_path", MAPS, ids=[p.stem for p in MAPS])
def test_todo_looks_at_exactly_what_the_fill_left_empty(map_path: Path) -> None:
    prepared = prepare(str(map_path), FORMS_DIR)
    kinds = {name: prepared.fields[name].kind for name in prepared.fmap.rules}
    compared = []
    for case_path, case in CASES.items():
        for person, _ in case.people_by_ref():
            try:
                todo = todo_unanswered(prepared, case, person, case_path.name)
            except CaseDataError as exc:  # then the fill fails with the same words
                with pytest.raises(FillError) as failed:
                    fill_case(prepared, case, person, case_path.name)
                assert str(failed.value) == str(exc)
                continue
            try:
                result = fill_case(prepared, case, person, case_path.name)
            except FillError as exc:  # a required answer is empty: todo lists it, the fill refuses
                assert "needs a" in str(exc), exc
                rules = prepared.fmap.rules
                assert any(describe_field(rules[name].item, prepared.fields[name]) in str(exc) for name in todo), exc
                continue
            assert todo == fill_left_empty(kinds, result), f"{map_path.stem} {case_path.stem} {person}"
            compared.append((case, person))
    assert compared  # every map is filled for at least one sample person
    case, person = compared[0]
    assert questions_for(case, case.person(person), str(map_path), forms_dir=FORMS_DIR) is not None


def test_an_answer_that_cannot_be_worked_out_is_the_same_error_in_todo_as_in_the_fill(tmp_path: Path) -> None:
    case_path = SAMPLES / "cases" / "h1b-okafor.yaml"
    text = (bundled_dir("form_maps") / "i-765_10-31-22.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "i-765.yaml"
    broken.write_text(
        text.replace("{{ applicant.family_name }}", "{{ applicant.family_name / 2 }}", 1), encoding="utf-8"
    )
    assert broken.read_text(encoding="utf-8") != text
    case = load_case(case_path)
    errors: list[DocgenError] = []
    for run in (
        lambda: fill_case(prepare(str(broken), FORMS_DIR), case, "spouse", case_path.name),
        lambda: questions_for(case, case.person("spouse"), str(broken), source=case_path.name, forms_dir=FORMS_DIR),
    ):
        with pytest.raises(DocgenError) as failed:
            run()
        errors.append(failed.value)
    fill_error, todo_error = errors
    assert isinstance(fill_error, FillError) and isinstance(todo_error, CaseDataError)
    assert str(fill_error) == str(todo_error)
    assert "cannot be worked out from this case (TypeError)" in str(todo_error)
