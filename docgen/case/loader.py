"""Load case files (YAML or JSON) into :class:`~docgen.case.model.Case`.

Validation errors are rewritten into one line per problem that names the
file, the dotted path and what is wrong, e.g.
``case.yaml: job.start_date: '13/45/2026' is not a date``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import typing
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.case.identity import identity_format
from docgen.case.legacy import take_over
from docgen.case.model import DATE_FORMS, Case
from docgen.case.paths import declared_type, path_type
from docgen.errors import CaseDataError
from docgen.yamlio import MAX_NUMBER_DIGITS, load_yaml_text, read_text_file, unknown_key

_MESSAGES = {
    "date_from_datetime_parsing": f"is not a date (write {DATE_FORMS})",
    "date_from_datetime_inexact": f"is not a date (write {DATE_FORMS})",  # a time of day too
    "date_parsing": f"is not a date (write {DATE_FORMS})",
    "date_type": f"is not a date (write {DATE_FORMS})",
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
            key = part if part.isprintable() and len(part) <= 60 else repr(part[:60])  # one line, always
            out += ("." if out else "") + key
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
        return unknown_key(loc[-1], owner.model_fields if owner is not None else ())
    if kind == "missing":
        return "is required but missing; add it"
    if value is None and kind in _MESSAGES:  # ``title:`` or ``title: ""`` where an answer is required
        return "is required but empty; fill it in"
    if kind == "literal_error":
        expected = str(error["ctx"]["expected"])
        known = {name.lower(): name for name in re.findall(r"'([^']*)'", expected)}
        close = difflib.get_close_matches(str(value).lower().replace("-", "_"), list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{known[close[0]]}'?" if close else ""
        return f"{_short(value, loc)} is not one of {expected}{hint}"
    if kind.startswith("identity_") or kind in ("birth_after_today", "duplicate_person_id", "dates_out_of_order"):
        return str(error["msg"])  # names the format, never the value
    if kind in _MESSAGES:
        return f"{_short(value, loc)} {_MESSAGES[kind]}"
    return f"{_short(value, loc)}: {str(error['msg']).removeprefix('Value error, ')}"


_SHOWN = (str, int, float, Decimal, bool, dt.date)


def shown_value(loc: tuple[int | str, ...]) -> bool:
    """Whether a message may quote the value at ``loc``: only plain values of a declared type that is not an
    identity number; never identity numbers, whole sections or lists, nor untyped data (``extra``)."""
    if loc and "birth" in str(loc[-1]):
        return False  # birth dates are personal data: the message names the field and the format only
    declared = declared_type(("case", *("[]" if isinstance(p, int) else str(p) for p in loc)))
    if identity_format(declared) is not None:
        return False
    plain = path_type(("case", *("[]" if isinstance(p, int) else str(p) for p in loc)))
    return (isinstance(plain, type) and issubclass(plain, _SHOWN)) or typing.get_origin(plain) is typing.Literal


def _short(value: Any, loc: tuple[int | str, ...] = ()) -> str:
    if not shown_value(loc) or not isinstance(value, _SHOWN):
        return "the value"  # identity numbers, sections and untyped data are not repeated in messages and reports
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"


def case_problems(exc: ValidationError) -> list[tuple[str, str]]:
    """Each problem of a failed validation as (dotted path, what is wrong), in the words the CLI prints."""
    return [(_path_text(tuple(e["loc"])), _describe(e)) for e in exc.errors()]


def nfc(data: Any) -> Any:
    """Every text in composed form (NFC): "José" typed with a combining accent is the same name as "José"
    typed with "é", and prints on forms whose fonts have "é" but no combining accent."""
    if isinstance(data, str):
        return unicodedata.normalize("NFC", data)
    if isinstance(data, dict):
        return {nfc(key): nfc(value) for key, value in data.items()}
    if isinstance(data, list):
        return [nfc(v) for v in data]
    return data


def parse_case(data: Any, source: str) -> Case:
    """Validate raw data (from YAML, JSON or a spreadsheet row) into a Case."""
    if not isinstance(data, dict):
        raise CaseDataError(f"{source}: a case file must hold keys and values (case_id, beneficiary, ...)")
    try:
        case = Case.model_validate(nfc(data))
    except ValidationError as exc:
        errors = exc.errors()
        problems = [f"{path}: {problem}" for path, problem in case_problems(exc)]
        first = problems[0]
        more = f" (and {len(problems) - 1} more: {'; '.join(problems[1:4])})" if len(problems) > 1 else ""
        case_id = data.get("case_id")
        raise CaseDataError(
            f"{source}: {first}{more}",
            case_id=str(case_id) if isinstance(case_id, str) else None,
            field=_path_text(tuple(errors[0]["loc"])),
        ) from None
    try:
        take_over(case)  # answers once given per form move to their one place (an old case keeps working)
    except ValueError as exc:  # the same fact given twice with different answers
        case_id = data.get("case_id")
        raise CaseDataError(f"{source}: {exc}", case_id=str(case_id) if isinstance(case_id, str) else None) from None
    return case


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number with more than {MAX_NUMBER_DIGITS} digits")
    return int(text)


def load_case(path: Path | str) -> Case:
    """Load and validate one case file (YAML or JSON)."""
    path = Path(path)
    json_file = path.suffix.lower() == ".json"
    return case_from_text(read_text_file(path, CaseDataError, "case file" if json_file else "file"), path)


def case_from_text(text: str, path: Path) -> Case:
    """Validate the text of the case file ``path`` (JSON by its suffix, else YAML) into a Case."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_int=_json_int)
        except json.JSONDecodeError as exc:
            raise CaseDataError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}); fix the syntax there") from None
        except ValueError as exc:
            raise CaseDataError(f"{path}: {exc}; write the value you mean") from None
        except RecursionError:
            raise CaseDataError(f"{path}: nested too deeply to be a case file; fix the structure") from None
    else:
        data = load_yaml_text(text, str(path), CaseDataError)
    return parse_case(data, path.name)


def standing_files(files: list[tuple[str, str]]) -> dict[str, str]:
    """For ``(file, case id)`` pairs in the folder's order: which file stands for each case id that several carry
    (a copy left beside the case file): the one named after its case id (``GM-2026-002.yaml``); else the one whose
    name every other's holds (``h1b-okafor.yaml`` beside ``h1b-okafor-copy.yaml`` or ``Copy of h1b-okafor.yaml``:
    a copy is named after its original); else the first. The others are copies: a report leaves them out naming
    them, the workspace lists them by file name."""
    claims: dict[str, list[str]] = {}
    for file, case_id in files:
        claims.setdefault(case_id, []).append(file)
    return {case_id: _original(case_id, named) for case_id, named in claims.items()}


def _original(case_id: str, files: list[str]) -> str:
    """Which of the files carrying ``case_id`` is the case file (see :func:`standing_files`)."""
    stems = [Path(file).stem for file in files]
    for file, stem in zip(files, stems, strict=True):
        if stem == case_id:
            return file
    for file, stem in zip(files, stems, strict=True):
        if all(stem.casefold() in other.casefold() for other in stems):
            return file
    return files[0]


CASE_ID_MAX = 100  # characters: the id names the case file and every output (``ID_I-765_spouse.pdf``)


def addressable(case_id: str) -> bool:
    """Whether a case id can be the workspace address of its case (``/cases/ID/``) and name its files: no slash,
    no control, line-break or direction character (a pasted tab, a NUL, a right-to-left override), not
    ``.``/``..``, at most :data:`CASE_ID_MAX` characters. The workspace refuses other ids when a case is saved,
    ``docgen case import`` when a row is imported."""
    return (
        bool(case_id.strip())
        and all(char == " " or char.isprintable() for char in case_id)
        and "/" not in case_id
        and "\\" not in case_id
        and case_id not in (".", "..")
        and len(case_id) <= CASE_ID_MAX
    )
