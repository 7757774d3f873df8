"""The share of answers right on new cases: fill, reopen, read every box the expected answers name.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_answers [--dir tests/fixtures/answers]``

Each ``*.<form>.yaml`` in the folder names a case file, a form, a person and the
expected value of boxes of that form, written from the printed form (its
tooltips), not from the map: ``on``/``off`` for a check box, the text for a text
box, ``""`` for a box that must stay empty, or ``{contains: TEXT}`` for a box whose
wording is free but must hold TEXT (an Additional Information entry). The bench fills the real blank,
reopens the saved PDF, reads each box and prints, per file and in total, how
many answers are right, and every wrong one (expected beside found). A fill the
toolkit refuses counts every answer of that file as wrong.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import yaml

from docgen.case import load_case
from docgen.errors import DocgenError
from docgen.forms.fill import fill_case, prepare
from docgen.forms.pdf import read_fields

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "tests" / "fixtures" / "answers"


@dataclass
class Score:
    """Answers right and wrong for one expected-answers file."""

    name: str
    right: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # field, expected, found

    @property
    def total(self) -> int:
        return self.right + len(self.wrong)


CONTAINS = "contains: "


def _want(value: Any) -> str:
    """An expected value as text: None is empty, YAML booleans are on/off, {contains: T} a substring."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, dict) and set(value) == {"contains"}:
        return CONTAINS + " ".join(str(value["contains"]).split())
    return str(value)


def read_boxes(data: bytes) -> dict[str, str]:
    """Every field as a reader sees it after reopening: 'on'/'off' for boxes, the text for text boxes."""
    out: dict[str, str] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for name, target in read_fields(pdf).items():
            if target.kind in ("checkbox", "radio"):
                states = [str(w.obj.get("/AS", "/Off")) for w in target.widgets]
                out[name] = "on" if any(s != "/Off" for s in states) else "off"
            else:
                value = target.obj.get("/V")
                out[name] = "" if value is None else str(value)
    return out


def score(expected_file: Path, forms_dir: Path | None = None) -> Score:
    """Fill the case the file names and compare every box it lists."""
    spec: dict[str, Any] = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    result = Score(expected_file.name)
    expected = {str(k): _want(v) for k, v in spec["expected"].items()}
    try:
        case = load_case(expected_file.parent / spec["case"])
        filled = fill_case(prepare(spec["form"], forms_dir), case, spec.get("for"))
    except DocgenError as exc:
        result.wrong = [(name, want, f"refused: {exc}") for name, want in expected.items()]
        return result
    found = read_boxes(filled.data)
    for name, want in expected.items():
        got = found.get(name, "<no such field>")
        if want.startswith(CONTAINS):
            ok = want[len(CONTAINS):].strip() in " ".join(got.split())
        else:
            ok = got.strip() == want.strip()
        if ok:
            result.right += 1
        else:
            result.wrong.append((name, want, got))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of expected-answer files")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.dir.glob("*.yaml") if not p.name.endswith(".case.yaml"))
    scores = [score(path) for path in files]
    print(f"{'expected answers':40} {'right':>6} {'of':>6} {'share':>7}")
    for item in scores:
        share = item.right / item.total if item.total else 1.0
        print(f"{item.name:40} {item.right:>6} {item.total:>6} {share:>7.1%}")
        for name, want, got in item.wrong:
            print(f"    wrong {name}: expected {want!r}, found {got!r}")
    right = sum(s.right for s in scores)
    total = sum(s.total for s in scores)
    print(f"{'all':40} {right:>6} {total:>6} {(right / total if total else 1.0):>7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
