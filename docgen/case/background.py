"""The yes/no background questions a person answers (criminal history, admissibility...).

The questions are data (``docgen/data/background_questions.yaml``): each has an
id, the question in short and where the forms ask it. The case model turns
the ids into the typed ``background`` section of a person, so a misspelt id is
an error in the case file and in a map, not a box silently left empty.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from docgen.errors import DocgenError
from docgen.yamlio import load_yaml_text


@dataclass(frozen=True)
class Question:
    """One yes/no question."""

    id: str
    text: str
    asked: str


@functools.lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    """Every background question, in the order of the data file."""
    text = resources.files("docgen").joinpath("data/background_questions.yaml").read_text(encoding="utf-8")
    raw = load_yaml_text(text, "background_questions.yaml", DocgenError)["questions"]  # libyaml: 15x faster
    out = tuple(Question(str(q["id"]), str(q["text"]), str(q.get("asked", ""))) for q in raw)
    ids = [q.id for q in out]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"background_questions.yaml: duplicate ids {duplicates}")
    return out


def question(qid: str) -> Question | None:
    """The question with this id, or None."""
    return next((q for q in questions() if q.id == qid), None)
