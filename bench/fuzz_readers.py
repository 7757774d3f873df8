"""Fuzz the readers of user files: case files, field maps and packet specs.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.fuzz_readers [--examples 500] [--seed 1]``

Hypothesis mutates the bundled samples two ways, by structure (a value
anywhere replaced by a huge number, a list, a nested section, control
characters, NaN...) and by text (bytes cut, inserted, repeated), writes each
result to a file and reads it with the toolkit's own reader. A reader may
accept the file or refuse it with a :class:`~docgen.errors.DocgenError` (a
one-line message); anything else (a traceback) is a bug, and the run stops
with the smallest input that shows it. ``tests/test_hostile_inputs.py`` runs a
few examples of each in the test suite; run this longer before a release.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.bundled import bundled_dir
from docgen.case.loader import load_case
from docgen.errors import DocgenError
from docgen.forms.fieldmap import load_map
from docgen.packets.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CASE = SAMPLES / "cases" / "h1b-okafor.yaml"
MAP = bundled_dir("form_maps") / "i-765_10-31-22.yaml"
SPEC = SAMPLES / "packets" / "rfe-response.yaml"
FORMS = Path(os.environ.get("DOCGEN_FORMS_DIR", ROOT.parent / "shared" / "forms"))

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**80), max_value=10**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["9" * 5000, "A12345678O", "2.1345679e8", "=HYPERLINK(1)", "\u202e\x1b[31m", "NO", "1990-13-45"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_names = itertools.count()


def _slots(data: Any, trail: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in nested data a value sits (keys of dicts, indexes of lists)."""
    out = [trail] if trail else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _slots(value, (*trail, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _slots(value, (*trail, index))
    return out


@st.composite
def structural(draw: st.DrawFn, text: str) -> str:
    """The sample with one to three values replaced by hostile ones, dumped as YAML."""
    data = yaml.safe_load(text)
    slots = _slots(data)
    for _ in range(draw(st.integers(1, 3))):
        trail = draw(st.sampled_from(slots))
        node = data
        try:
            for step in trail[:-1]:
                node = node[step]
            node[trail[-1]] = draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement changed the shape here
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@st.composite
def textual(draw: st.DrawFn, text: str) -> str:
    """The sample's text with a piece cut, another inserted and one repeated."""
    start = draw(st.integers(0, len(text)))
    cut = draw(st.integers(0, 40))
    inserted = draw(
        st.text(max_size=30) | st.sampled_from(["\t", ": [", "{{", "&a *a", "!!python/object:os.system", "\0"])
    )
    repeat = draw(st.integers(1, 3))
    return text[:start] + inserted * repeat + text[start + cut :]


def mutants(path: Path) -> st.SearchStrategy[str]:
    """Structural and textual mutants of one sample file."""
    text = path.read_text(encoding="utf-8")
    return structural(text) | textual(text)


def _write(folder: Path, text: str, suffix: str) -> Path:
    path = folder / f"fuzz-{next(_names)}{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def read_case(folder: Path, text: str) -> None:
    """Read a mutated case file (YAML, and the same data as JSON where it is JSON-able)."""
    load_case(_write(folder, text, ".yaml"))


def read_map(folder: Path, text: str) -> None:
    """Read a mutated field map against the real blank I-765."""
    load_map(_write(folder, text, ".yaml"), FORMS / "i-765.pdf")


def read_spec(folder: Path, text: str) -> None:
    """Read a mutated packet spec (its paths point at the bundled samples)."""
    anchored = text.replace("../", f"{SAMPLES}/").replace("evidence/", f"{SAMPLES / 'packets' / 'evidence'}/")
    load_spec(_write(folder, anchored, ".yaml"))


READERS: dict[str, tuple[Path, Callable[[Path, str], None]]] = {
    "case": (CASE, read_case),
    "map": (MAP, read_map),
    "spec": (SPEC, read_spec),
}


def only_one_line_errors(reader: Callable[[Path, str], None], folder: Path, text: str) -> bool:
    """Run ``reader``; True when it accepted the file, False when it refused it in one line; a traceback raises."""
    try:
        reader(folder, text)
    except DocgenError as exc:
        assert "\n" not in str(exc), f"a message of more than one line: {exc}"
        return False
    return True


def fuzz(name: str, examples: int, seed: int | None = None) -> tuple[int, int]:
    """Fuzz one reader; returns (accepted, refused). Raises with the smallest failing input on a bug."""
    sample, reader = READERS[name]
    counts = [0, 0]
    with tempfile.TemporaryDirectory(prefix="docgen-fuzz-") as tmp:

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=seed is None and examples <= 50,
            suppress_health_check=list(HealthCheck),
        )
        @given(text=mutants(sample))
        def run(text: str) -> None:
            counts[0 if only_one_line_errors(reader, Path(tmp), text) else 1] += 1

        if seed is not None:
            run = __import__("hypothesis").seed(seed)(run)
        run()
    return counts[0], counts[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=300, help="inputs per reader (default 300)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--readers", default="case,map,spec")
    args = parser.parse_args()
    for name in args.readers.split(","):
        start = time.perf_counter()
        accepted, refused = fuzz(name, args.examples, args.seed)
        elapsed = time.perf_counter() - start
        print(
            f"{name:5} {accepted + refused:6} inputs: {accepted} accepted, {refused} refused in one line, "
            f"0 tracebacks ({elapsed:.1f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
