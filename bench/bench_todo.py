"""``case todo`` over the family sample: reading only the branch of a rule the case takes, against reading all.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_todo [--runs 3]``

Prints the warm best of several runs of the to-answer report for five forms and every person of
``samples/cases/eb2-family-haddad.yaml``, side by side: with the branch pruning
(:mod:`docgen.forms.branches`, what ``case todo`` does) and without it (every path of every branch read,
which asks questions that do not apply), with the number of questions each lists.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.case.loader import load_case
from docgen.forms import todo

CASE = Path(__file__).resolve().parents[1] / "samples" / "cases" / "eb2-family-haddad.yaml"
FORMS = ["I-485", "I-131", "I-765", "I-864", "I-140"]


def best(runs: int, call: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    case = load_case(CASE)
    people = case.people()
    todo.case_questions(case, FORMS, people)  # warm: maps validated, blanks read
    pruned, asked = best(args.runs, lambda: todo.case_questions(case, FORMS, people))
    keep = todo.taken_branches
    todo.taken_branches = lambda env, tree, context: tree  # type: ignore[assignment]
    try:
        whole, asked_all = best(args.runs, lambda: todo.case_questions(case, FORMS, people))
    finally:
        todo.taken_branches = keep
    print(f"case todo, {len(FORMS)} forms x {len(people)} people (best of {args.runs}):")
    print(f"  branch taken only (docgen): {pruned:6.2f} s, {len(asked)} questions")
    print(f"  every branch read:          {whole:6.2f} s, {len(asked_all)} questions")


if __name__ == "__main__":
    main()
