"""The share of answers right on new cases: fill, reopen, read every box the expected answers name.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_answers [--dir tests/fixtures/answers]``

Each ``*.<form>.yaml`` in the folder names a case file, a form, a person and the
expected value of boxes of that form, written from the printed form (its
tooltips), not from the map: ``on``/``off`` for a check box, the text for a text
box, ``""`` for a box that must stay empty, or ``{contains: TEXT}`` for a box whose
wording is free but must hold TEXT. An optional ``additional_information:`` list
of ``{page, part, item, contains}`` (any key but ``contains`` may be left out)
expects entries in the form's Additional Information part, in any of its slots:
each is one answer, right when a slot's page, part and item numbers and text
match. The bench fills the real blank, reopens the saved PDF, reads each box and
prints, per file and in total, how many answers are right, and every wrong one
(expected beside found). A fill the toolkit refuses counts every answer of that
file as wrong.
"""

from __future__ import annotations

import argparse
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import yaml

from docgen.case import load_case
from docgen.editions import accepting_editions, parse_accepted
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


_SLOT = re.compile(r"^\s*Part \d+\.\s*Additional Information\.\s*(\d+)\.\s*([A-D])\.", re.IGNORECASE)
_SLOT_KEYS = {"A": "page", "B": "part", "C": "item", "D": "text"}


def read_additional(data: bytes) -> list[dict[str, str]]:
    """The filled slots of the form's Additional Information part, told apart by their tooltips (3.A-3.D...)."""
    boxes: list[tuple[str, str, str, str]] = []  # slot number, key, index, value
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for name, target in read_fields(pdf).items():
            if target.kind in ("checkbox", "radio"):
                continue
            tip = target.obj.get("/TU")
            if tip is None and target.widgets:
                tip = target.widgets[0].obj.get("/TU")
            match = _SLOT.search(str(tip or ""))
            if match is None:
                continue
            value = target.obj.get("/V")
            index = name.rsplit("[", 1)[-1]
            boxes.append((match[1], _SLOT_KEYS[match[2].upper()], index, "" if value is None else str(value)))
    slots: dict[tuple[str, str], dict[str, str]] = {}
    for number, key, index, value in boxes:
        # One slot per number, unless a form repeats a number (then the field index tells the slots apart).
        repeated = sum(1 for n, k, _, _ in boxes if n == number and k == key) > 1
        slots.setdefault((number, index if repeated else ""), {})[key] = value
    return [slot for slot in slots.values() if slot.get("text", "").strip()]


def _matches(entry: dict[str, Any], slot: dict[str, str]) -> bool:
    for key in ("page", "part", "item"):
        if key in entry and str(entry[key]).strip() != slot.get(key, "").strip():
            return False
    return " ".join(str(entry["contains"]).split()) in " ".join(slot.get("text", "").split())


def _describe(slot: dict[str, str]) -> str:
    return f"{slot.get('page', '')}/{slot.get('part', '')}/{slot.get('item', '')}: {slot['text'][:60]}"


def score(expected_file: Path, forms_dir: Path | None = None) -> Score:
    """Fill the case the file names and compare every box it lists."""
    spec: dict[str, Any] = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    result = Score(expected_file.name)
    expected = {str(k): _want(v) for k, v in (spec.get("expected") or {}).items()}
    additional: list[dict[str, Any]] = spec.get("additional_information") or []
    labels = [
        "Additional Information " + ", ".join(f"{k} {entry[k]}" for k in ("page", "part", "item") if k in entry)
        for entry in additional
    ]
    try:
        case = load_case(expected_file.parent / spec["case"])
        filled = fill_case(prepare(spec["form"], forms_dir), case, spec.get("for"))
    except DocgenError as exc:
        result.wrong = [(name, want, f"refused: {exc}") for name, want in expected.items()]
        result.wrong += [
            (label, str(entry["contains"]), f"refused: {exc}") for label, entry in zip(labels, additional, strict=True)
        ]
        return result
    found = read_boxes(filled.data)
    for name, want in expected.items():
        got = found.get(name, "<no such field>")
        if want.startswith(CONTAINS):
            ok = want[len(CONTAINS) :].strip() in " ".join(got.split())
        else:
            ok = got.strip() == want.strip()
        if ok:
            result.right += 1
        else:
            result.wrong.append((name, want, got))
    slots = read_additional(filled.data) if additional else []
    for label, entry in zip(labels, additional, strict=True):
        if any(_matches(entry, slot) for slot in slots):
            result.right += 1
        else:
            seen = "; ".join(
                f"{s.get('page', '')}/{s.get('part', '')}/{s.get('item', '')}: {s['text'][:60]}" for s in slots
            )
            result.wrong.append((label, "contains: " + str(entry["contains"]), seen or "no entry"))
    return result


def _form_of(name: str) -> str:
    return name.removesuffix(".yaml").rsplit(".", 1)[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of expected-answer files")
    parser.add_argument(
        "--details",
        action="store_true",
        help="list the wrong answers with their expected values even for a sealed folder (one holding a SEALED "
        "file): that unseals it, for the set's keeper only",
    )
    parser.add_argument(
        "--accept-edition",
        action="append",
        default=[],
        metavar="FORM=EDITION",
        help="fill this edition although the editions data says USCIS refuses it (the bench measures answers, "
        "and the only I-539 blank at hand is 02/04/19): as `docgen fill --accept-edition`",
    )
    args = parser.parse_args(argv)
    with accepting_editions(parse_accepted(args.accept_edition)):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    show = args.details or not (args.dir / "SEALED").exists()
    files = sorted(p for p in args.dir.glob("*.yaml") if not p.name.endswith(".case.yaml"))
    scores = [score(path) for path in files]
    print(f"{'expected answers':40} {'right':>6} {'of':>6} {'share':>7}")
    for item in scores:
        share = item.right / item.total if item.total else 1.0
        print(f"{item.name:40} {item.right:>6} {item.total:>6} {share:>7.1%}")
        refused = [got for _, _, got in item.wrong if got.startswith("refused: ")]
        if refused:
            print(f"    {refused[0]}")  # the toolkit's own message: names no expected value
        elif show:
            for name, want, got in item.wrong:
                print(f"    wrong {name}: expected {want!r}, found {got!r}")
    forms: dict[str, list[int]] = {}
    for item in scores:
        tally = forms.setdefault(_form_of(item.name), [0, 0])
        tally[0] += item.right
        tally[1] += item.total
    if len(forms) > 1:
        for form, (right, total) in sorted(forms.items()):
            print(f"{'form ' + form:40} {right:>6} {total:>6} {(right / total if total else 1.0):>7.1%}")
    right = sum(s.right for s in scores)
    total = sum(s.total for s in scores)
    print(f"{'all':40} {right:>6} {total:>6} {(right / total if total else 1.0):>7.1%}")
    if not show and right < total:
        print("(sealed folder: wrong answers not listed; --details lists them, for the set's keeper only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
