"""How good are the scaffold's suggestions? Compare them with the maps people finished.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.scaffold_accuracy [--forms I-485,I-131|all]``

For each form, every field the scaffold suggests a case path for (a ``# REVIEW``
line of ``docgen map scaffold``) is compared with the committed map:

- *kept*: the map's rule for that field reads the suggested case path (filters
  and guards aside: ``applicant.mailing_address.state | state_code`` keeps
  ``applicant.mailing_address.state``);
- *exact*: the rule is the suggested template, character for character;
- *precision* = kept / suggested; *recall* = the share of the map's plain rules
  (value rules that read one case path outside ``extra``) that the scaffold
  suggested: the share of the work it could have done that it did.

Only the committed maps' YAML is read (not validated against the case model), so
an older docgen can be measured against today's maps: check the older commit out
in a ``git worktree`` and run this script with ``PYTHONPATH`` pointing there.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.forms.pdf import load_form
from docgen.forms.registry import list_maps, normalise_form_id
from docgen.forms.scaffold import suggest
from docgen.templating import make_environment, variable_paths
from docgen.yamlio import load_yaml_file

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FORMS = ("I-485", "I-131", "I-864", "ETA-9089")


@dataclass
class Score:
    """Suggestions for one form against its finished map."""

    form: str
    suggested: int = 0
    kept: int = 0
    exact: int = 0
    plain_rules: int = 0
    plain_kept: int = 0
    kept_names: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # field, suggested, final

    @property
    def precision(self) -> float:
        """Share of the suggestions kept."""
        return self.kept / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        """Share of the map's plain rules the scaffold suggested right."""
        return self.plain_kept / self.plain_rules if self.plain_rules else 0.0


def _normalise(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def rule_paths(source: str) -> set[str]:
    """The dotted case paths a template reads (list indexes as ``[]``)."""
    env = make_environment()
    tree = env.parse(source)
    free = {n.name for n in tree.find_all(_name_node())}
    chains = [chain for chain in variable_paths(tree, free) if len(chain) > 1]
    longest = [c for c in chains if not any(len(o) > len(c) and o[: len(c)] == c for o in chains)]
    return {".".join(chain).replace(".[]", "[]") for chain in longest}


def _name_node() -> Any:
    from jinja2 import nodes

    return nodes.Name


def value_sources(data: Any) -> dict[str, str]:
    """Field name -> template text of every value rule in raw map data."""
    out: dict[str, str] = {}
    for name, raw in (data.get("fields") or {}).items():
        if isinstance(raw, str):
            out[str(name)] = raw
        elif isinstance(raw, dict) and "value" in raw:
            out[str(name)] = str(raw["value"])
    return out


def is_plain(source: str) -> bool:
    """A rule that reads one case path outside ``extra``: what a scaffold could suggest."""
    paths = rule_paths(source)
    return len(paths) == 1 and not next(iter(paths)).startswith(("extra", "it."))


def score_form(map_path: Path, blank: Path, form_id: str) -> Score:
    """Compare the scaffold's suggestions for ``blank`` with the map at ``map_path``."""
    data = load_yaml_file(map_path, ValueError)
    sources = value_sources(data)
    score = Score(form_id, plain_rules=sum(1 for s in sources.values() if is_plain(s)))
    form = load_form(blank)
    try:
        for name, target in form.fields.items():
            suggestion = suggest(target)
            if suggestion is None:
                continue
            score.suggested += 1
            final = sources.get(name, "")
            template = suggestion.rule.strip('"').replace('\\"', '"')
            wanted = _normalise(suggestion.path)
            if final and wanted in {_normalise(p) for p in rule_paths(final)}:
                score.kept += 1
                score.plain_kept += int(is_plain(final))
                score.kept_names.append(name)
                score.exact += int(" ".join(final.split()) == " ".join(template.split()))
            else:
                score.wrong.append((name, suggestion.path, final or "(not a value rule: repeat, box or empty)"))
    finally:
        form.pdf.close()
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", default=",".join(DEFAULT_FORMS), help="form ids, comma-separated, or 'all'")
    parser.add_argument("--maps-dir", type=Path, default=None, help="your maps, over the bundled ones")
    parser.add_argument("--show-wrong", type=int, default=0, metavar="N", help="list N rejected suggestions per form")
    args = parser.parse_args()
    forms_dir = Path(os.environ.get("DOCGEN_FORMS_DIR", ROOT.parent / "shared" / "forms"))
    wanted = None if args.forms == "all" else {normalise_form_id(f) for f in args.forms.split(",")}
    print(f"{'form':10} {'suggested':>9} {'kept':>5} {'exact':>5} {'precision':>9} {'plain rules':>11} {'recall':>7}")
    totals = Score("total")
    for entry in list_maps(args.maps_dir):
        if wanted is not None and normalise_form_id(entry.form) not in wanted:
            continue
        blank = forms_dir / entry.blank
        if not blank.exists():
            print(f"{entry.form:10} (blank {entry.blank} not in {forms_dir})")
            continue
        s = score_form(entry.path, blank, entry.form)
        totals.suggested += s.suggested
        totals.kept += s.kept
        totals.exact += s.exact
        totals.plain_rules += s.plain_rules
        totals.plain_kept += s.plain_kept
        print(
            f"{s.form:10} {s.suggested:9} {s.kept:5} {s.exact:5} {s.precision:9.0%} {s.plain_rules:11} {s.recall:7.0%}"
        )
        for name, path, final in s.wrong[: args.show_wrong]:
            print(f"    {name.split('.')[-1]}: suggested {path}; map: {final[:90]}")
    t = totals
    print(f"{'total':10} {t.suggested:9} {t.kept:5} {t.exact:5} {t.precision:9.0%} {t.plain_rules:11} {t.recall:7.0%}")


if __name__ == "__main__":
    main()
