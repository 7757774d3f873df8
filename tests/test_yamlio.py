"""The direct YAML reader gives exactly what the strict loader gives: the same values, types, key lines and errors.

``load_yaml_text`` builds data straight from libyaml's events (the fast path every case file, map and
spec goes through) and leaves anything unusual to ``StrictLoader``. These tests read every bundled
data file, sample, fixture and generated case both ways, a list of YAML corner cases, and mutated
samples, and compare the results value by value.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.case.loader import load_case, parse_case
from docgen.errors import CaseDataError, DocgenError
from docgen.yamlio import LineDict, StrictLoader, _direct_load, load_yaml_text, strict_load
from samples.reports.generate_cases import write_cases

ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = sorted(
    p
    for folder in ("samples", "tests/fixtures", "docgen/data")
    for p in (ROOT / folder).rglob("*")
    if p.suffix in (".yaml", ".yml", ".json") and p.is_file()
)


def same(fast: Any, slow: Any, where: str = "") -> None:
    """Assert equal values of the same types, keys in the same order and, for sections, the same key lines."""
    assert type(fast) is type(slow), f"{where}: {type(fast).__name__} != {type(slow).__name__}"
    if isinstance(slow, dict):
        assert list(fast) == list(slow), where
        assert isinstance(fast, LineDict) and fast.lines == slow.lines, f"{where}: key lines differ"
        for key in slow:
            same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, list):
        assert len(fast) == len(slow), where
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            same(a, b, f"{where}[{index}]")
    elif isinstance(slow, float) and slow != slow:
        assert fast != fast, where  # NaN
    else:
        assert fast == slow, where


def slow_load(text: str) -> Any:
    """``load_yaml_text`` as it was before the direct reader: the strict loader alone."""
    return strict_load(text, "x.yaml", DocgenError)


def outcome(load: Any) -> tuple[str, Any]:
    try:
        return "data", load()
    except DocgenError as exc:
        return "error", str(exc)


def same_outcome(text: str) -> None:
    """``load_yaml_text`` gives the strict loader's data, or its error word for word."""
    fast = outcome(lambda: load_yaml_text(text, "x.yaml", DocgenError))
    slow = outcome(lambda: slow_load(text))
    assert fast[0] == slow[0], (fast, slow)
    if fast[0] == "error":
        assert fast[1] == slow[1]
    else:
        same(fast[1], slow[1])


def test_the_data_files_are_read_directly_and_the_same() -> None:
    assert len(DATA_FILES) > 50  # maps, notice patterns, packet specs, samples, fixtures
    for path in DATA_FILES:
        text = path.read_text(encoding="utf-8")
        fast = _direct_load(text)  # raises _Unusual if the fast path left the file to the loader
        same(fast, yaml.load(text, Loader=StrictLoader), path.name)
        same(load_yaml_text(text, path.name, DocgenError), slow_load(text), path.name)


def test_generated_cases_load_to_the_same_case(tmp_path: Path) -> None:
    write_cases(tmp_path, 40, seed=3)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 40
    for path in files:
        text = path.read_text(encoding="utf-8")
        same(_direct_load(text), yaml.load(text, Loader=StrictLoader), path.name)
        fast = load_case(path)
        slow = parse_case(strict_load(text, str(path), CaseDataError), path.name)
        assert fast == slow and fast.model_dump() == slow.model_dump()


PLAIN = [  # what case files, maps and specs are made of: never left to the loader
    "country: NO\nother: no\nyes: Yes\non: off\n",
    "flag: true\nF: FALSE\nt: True\ny: y\n",
    "born: 1990-05-01\nbad: 1990-13-45\nus: 05/01/1990\nstamp: 2001-12-14t21:59:43.10-05:00\n",
    "a: 1\nb: -2\nc: +3\nd: 0x1F\ne: 0o17\nf: 1_000\ng: 010\nh: 1:20\ni: 0b101\n",
    "a: 1.5\nb: -.5\nc: .inf\nd: -.Inf\ne: .nan\nf: 1e3\ng: 6.02e+23\nh: 1_0.5\n",
    "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: ''\ng: \"\"\nh: nulls\n",
    "n: " + "9" * 60 + "\n",
    "a: 'NO'\nb: \"1990-05-01\"\nc: '1'\nd: \"true\"\n",
    "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\nkeep: |+\n  x\n\n",
    "flow: {a: 1, b: [x, y, {c: NO}]}\nlist: [1, two, 3.0, ~, true]\n",
    "- a\n- - b\n  - c\n- {d: e}\n-\n- []\n- {}\n",
    "1: one\n2.5: two\ntrue: three\n",
    ".nan: x\n.inf: y\n0x10: z\nFalse: w\n",
    "plain scalar at the root\n",
    "42\n",
    "---\na: 1\n...\n",
    "'<<': quoted merge\n",
    "José: café\nnfd: Jose\u0301\n",
    "emoji: \U0001f600\nrtl: \u05e9\u05dc\u05d5\u05dd\n",
]
CORNERS = [
    *PLAIN,
    "n: " + "9" * 61 + "\n",
    "f: 1." + "9" * 61 + "\n",
    "",
    "# only a comment\n",
    "---\na: 1\n---\nb: 2\n",
    "a: 1\na: 2\n",
    "outer:\n  x: 1\n  x: 2\n",
    "1: a\n'1': b\n",
    "base: &b {x: 1}\nother: *b\n",
    "base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n",
    "<<: {a: 1}\n",
    "=: value key\n",
    "v: =\n",
    "tagged: !!str 123\n",
    "tagged: !!int '7'\n",
    "odd: !custom x\n",
    "set: !!set {a, b}\n",
    "bin: !!binary aGVsbG8=\n",
    "? [a, b]\n: complex key\n",
    "? {a: 1}\n: complex key\n",
    "~: null key\n",
    "key: [unclosed\n",
    "a: b: c\n",
    "\tkey: tab\n",
    "key: \x07 bell\n",
    "a:\n  - b\n   - c\n",
    "[" * 5000 + "]" * 5000 + "\n",
    "a:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),
    "{a: " * 990 + "1" + "}" * 990 + "\n",
    "".join("  " * i + "a:\n" for i in range(999)),
    "".join("  " * i + "a:\n" for i in range(99)),
    "!!map {a: 1}\n",
    "&anchor a: 1\n",
    "%YAML 1.1\n---\na: yes\n",
    "%TAG ! tag:example.com,2000:\n---\na: !foo 1\n",
]


@pytest.mark.parametrize("text", CORNERS, ids=range(len(CORNERS)))
def test_corner_cases_give_the_same_value_or_the_same_error(text: str) -> None:
    same_outcome(text)


def test_the_common_corners_take_the_direct_path() -> None:
    for text in PLAIN:
        _direct_load(text)  # no _Unusual: plain YAML (every case file the samples show) never falls back


def test_a_duplicate_key_is_still_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("case_id: X-1\nbeneficiary:\n  family_name: A\n  family_name: B\n", encoding="utf-8")
    with pytest.raises(CaseDataError, match=r"case\.yaml:4: not valid YAML: key 'family_name' appears twice"):
        load_case(path)


SAMPLE = (ROOT / "samples" / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(SAMPLE)),
    st.integers(0, 40),
    st.sampled_from(["", "NO", " ", "\n", ":", "- ", "'", "&a ", "*a", "<<: ", "\t", "{", "1e9", "~"]),
)
def test_mutated_samples_give_the_same_value_or_the_same_error(start: int, cut: int, insert: str) -> None:
    text = SAMPLE[:start] + insert + SAMPLE[start + cut :]
    same_outcome(text)
