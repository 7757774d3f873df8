"""Load case files (YAML or JSON) into :class:`~docgen.case.model.Case`.

Validation errors are rewritten into one line per problem that names the
file, the dotted path and what is wrong, e.g.
``case.yaml: beneficiary.birth_date: '13/45/1990' is not a date``.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.case.model import Case
from docgen.case.paths import path_type
from docgen.errors import CaseDataError
from docgen.yamlio import load_yaml_file

_MESSAGES = {
    "date_from_datetime_parsing": "is not a date (write YYYY-MM-DD or MM/DD/YYYY)",
    "date_parsing": "is not a date (write YYYY-MM-DD or MM/DD/YYYY)",
    "date_type": "is not a date (write YYYY-MM-DD or MM/DD/YYYY)",
    "int_parsing": "is not a whole number",
    "decimal_parsing": "is not a number",
    "bool_parsing": "is not true or false",
    "string_type": "is not text",
    "list_type": "is not a list",
    "model_type": "is not a section (expected keys and values)",
    "dict_type": "is not a section (expected keys and values)",
}


def _path_text(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc``."""
    owner = path_type(("case", *("[]" if isinstance(p, int) else p for p in loc[:-1])))
    return owner if isinstance(owner, type) and issubclass(owner, BaseModel) else None


def _describe(error: Any) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(loc)
        hint = ""
        if owner is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(owner.model_fields)}"
        return f"unknown key{hint}"
    if kind == "missing":
        return "is required but missing; add it"
    if kind == "literal_error":
        return f"{_short(value, loc)} is not one of {error['ctx']['expected']}"
    if kind in _MESSAGES:
        return f"{_short(value, loc)} {_MESSAGES[kind]}"
    return f"{_short(value, loc)}: {error['msg']}"


SENSITIVE = {"ssn", "a_number", "passport", "uscis_account_number", "i94", "number"}


def _short(value: Any, loc: tuple[int | str, ...] = ()) -> str:
    if SENSITIVE & {str(p) for p in loc}:
        return "the value"  # identity numbers are not repeated in messages and reports
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


def case_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """Each problem of a failed validation as (dotted path, what is wrong), in the words the CLI prints."""
    return [(_path_text(tuple(e["loc"])), _describe(e)) for e in exc.errors()]


def parse_case(data: Any, source: str) -> Case:
    """Validate raw data (from YAML, JSON or a spreadsheet row) into a Case."""
    if not isinstance(data, dict):
        raise CaseDataError(f"{source}: a case file must hold keys and values (case_id, beneficiary, ...)")
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        problems = [f"{path}: {problem}" for path, problem in case_problems(exc)]
        first = problems[0]
        more = f" (and {len(problems) - 1} more: {'; '.join(problems[1:4])})" if len(problems) > 1 else ""
        raise CaseDataError(f"{source}: {first}{more}") from None


def load_case(path: Path | str) -> Case:
    """Load and validate one case file (YAML or JSON)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CaseDataError(f"{path}: no such case file; check the path") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CaseDataError(f"{path}: not valid JSON ({exc}); fix the syntax") from None
    else:
        data = load_yaml_file(path, CaseDataError)
    return parse_case(data, path.name)
