"""The sealed answers set (bench/answers_eval): it loads, names real boxes, and the bench scores it.

The test does not ask for 100%: the set measures the maps, it is not their fixture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
import yaml

from bench.bench_answers import main, score
from docgen.case import load_case
from docgen.forms.pdf import read_fields

from .conftest import FORMS_DIR

EVAL_DIR = Path(__file__).resolve().parents[1] / "bench" / "answers_eval"
BLANKS = {
    "G-1145": "g-1145.pdf",
    "I-131": "i-131.pdf",
    "I-140": "i-140.pdf",
    "I-485": "i-485.pdf",
    "I-539": "i-539.pdf",
    "I-765": "i-765.pdf",
    "I-864": "i-864.pdf",
    "I-907": "i-907.pdf",
}


def expected_files() -> list[Path]:
    return sorted(p for p in EVAL_DIR.glob("*.yaml") if not p.name.endswith(".case.yaml"))


def test_every_case_loads_and_every_expected_box_exists_on_the_blank() -> None:
    files = expected_files()
    cases = sorted(EVAL_DIR.glob("*.case.yaml"))
    assert len(cases) >= 6 and len(files) >= 12
    for path in cases:
        load_case(path)  # a case the toolkit's own model refuses is a broken set, not a finding
    fields: dict[str, set[str]] = {}
    total = 0
    for path in files:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert (EVAL_DIR / spec["case"]).exists(), path.name
        form = spec["form"]
        assert path.name.endswith(f".{form}.yaml"), path.name
        if form not in fields:
            with pikepdf.open(FORMS_DIR / BLANKS[form]) as pdf:
                fields[form] = set(read_fields(pdf))
        unknown = set(spec["expected"]) - fields[form]
        assert not unknown, f"{path.name}: no such box {sorted(unknown)[:3]}"
        for value in spec["expected"].values():
            assert isinstance(value, str | dict), f"{path.name}: {value!r} (quote on/off)"
        total += len(spec["expected"]) + len(spec.get("additional_information") or [])
    assert total >= 500


def test_the_bench_scores_the_set_and_prints_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--dir", str(EVAL_DIR)]) == 0
    out = capsys.readouterr().out
    for path in expected_files():
        assert path.name in out
    total = next(line.split() for line in out.splitlines() if line.startswith("all "))
    assert int(total[1]) <= int(total[2]) and int(total[2]) >= 500
    assert "wrong form1" not in out  # a sealed folder lists no expected value without --details


def test_a_wrong_expectation_and_a_missing_addendum_entry_are_reported(tmp_path: Path) -> None:
    source = EVAL_DIR / "dubois-mensah.wife.I-539.yaml"
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    (tmp_path / spec["case"]).write_text((EVAL_DIR / spec["case"]).read_text(encoding="utf-8"), encoding="utf-8")
    name = "form1[0].#subform[1].Pt2Line3b_EffectiveDate[0]"
    spec["expected"][name] = "10/02/2026"  # one day off
    spec["additional_information"] = [
        {"page": 3, "part": 4, "item": 14, "contains": "Neither Amelie"},  # there
        {"page": 3, "part": 4, "item": 13, "contains": "Neither Amelie"},  # wrong item
        {"contains": "an employer she never had"},  # nowhere
    ]
    changed = tmp_path / source.name
    changed.write_text(json.dumps(spec), encoding="utf-8")  # JSON is YAML
    result = score(changed, FORMS_DIR)
    wrong = {item for item, _, _ in result.wrong}
    assert name in wrong  # the set's own value (10/01/2026) is right on the page
    assert "Additional Information page 3, part 4, item 13" in wrong
    assert "Additional Information " in wrong
    assert "Additional Information page 3, part 4, item 14" not in wrong
    assert result.total == len(spec["expected"]) + 3
