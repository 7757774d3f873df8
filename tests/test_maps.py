"""Every bundled map: valid, >= 90% coverage, and every sample fill visible in every viewer.

For each fill job of the demo: fill, reopen and compare every mapped value;
then drop NeedAppearances, flatten with the widgets' own appearance streams
and find every filled text value in the page text (pdftotext); every box is
in one of its real on-states.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.forms.fieldmap import coverage, load_map
from docgen.forms.fill import FillResult, fill_form
from docgen.forms.pdf import load_form
from docgen.forms.registry import blank_path, list_maps

from .conftest import FORMS_DIR, SAMPLES
from .pdfcheck import button_states, flattened_text, reopen_values, squash

MAPS = list_maps()
JOBS: list[dict[str, Any]] = yaml.safe_load((SAMPLES / "demo.yaml").read_text()).get("fill") or []


@pytest.mark.parametrize("entry", MAPS, ids=[m.path.name for m in MAPS])
def test_map_is_valid_and_covers_90_percent(entry: Any) -> None:
    blank = blank_path(entry, FORMS_DIR)
    fmap = load_map(entry.path, blank)
    form = load_form(blank)
    cov = coverage(fmap, form)
    form.pdf.close()
    assert cov.ratio >= 0.90, f"{entry.path.name}: {cov.mapped}/{cov.data_fields}; unmapped: {cov.unmapped[:10]}"


def test_every_map_has_a_sample_fill() -> None:
    filled_forms = {job["form"] for job in JOBS}
    assert {m.form for m in MAPS} <= filled_forms


@pytest.fixture(scope="module", params=JOBS, ids=[j["out"] for j in JOBS])
def job_result(request: pytest.FixtureRequest) -> tuple[dict[str, Any], FillResult]:
    job = request.param
    return job, fill_form(job["form"], SAMPLES / job["case"], person=job.get("for"), forms_dir=FORMS_DIR)


def test_every_value_round_trips(job_result: tuple[dict[str, Any], FillResult]) -> None:
    _, result = job_result
    assert result.values, "nothing was filled"
    reopened = reopen_values(result.data)
    for name, value in result.values.items():
        assert reopened.get(name) == value, name


def test_every_box_is_in_a_real_on_state(job_result: tuple[dict[str, Any], FillResult]) -> None:
    job, result = job_result
    blank = load_form(FORMS_DIR / Path(blank_path(next(m for m in MAPS if m.form == job["form"]), FORMS_DIR)).name)
    states = button_states(result.data)
    for name, target in blank.fields.items():
        if target.kind not in ("checkbox", "radio"):
            continue
        for widget, state in zip(target.widgets, states[name], strict=True):
            assert state == "Off" or state in widget.on_states, name
        if name in result.values:
            assert result.values[name] in states[name], name
    blank.pdf.close()


def test_every_text_value_is_visible_when_flattened(job_result: tuple[dict[str, Any], FillResult]) -> None:
    job, result = job_result
    blank = load_form(FORMS_DIR / next(m for m in MAPS if m.form == job["form"]).blank)
    text = squash(flattened_text(result.data))
    missing = [
        (name, value)
        for name, value in result.values.items()
        if blank.fields[name].kind in ("text", "choice") and squash(value) not in text
    ]
    blank.pdf.close()
    assert not missing, missing[:5]


def test_overflow_is_on_the_addendum_in_full(job_result: tuple[dict[str, Any], FillResult]) -> None:
    _, result = job_result
    text = squash(flattened_text(result.data))
    for entry in result.overflow:
        assert squash(entry.text) in text
