"""Many cases at once: a folder of case files, or a spreadsheet with one case per row.

In a spreadsheet (``.xlsx`` or ``.csv``) the first row names the data with the
case model's dotted paths, the same names templates use::

    case_id | beneficiary.family_name | beneficiary.given_name | job.duties[0].duty | job.duties[0].percent
    ACME-1  | Okafor                  | Chidera                | Design pipelines   | 60

Empty cells are left out, so optional data stays optional. Each row is
validated like a case file, and an error names the sheet and the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.case.loader import load_case, parse_case
from docgen.case.model import Case
from docgen.errors import CaseDataError, DocgenError, UsageError

CASE_SUFFIXES = (".yaml", ".yml", ".json")
SHEET_SUFFIXES = (".xlsx", ".csv")
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass
class CaseEntry:
    """One case of a batch, or why it could not be read."""

    source: str
    case: Case | None
    error: DocgenError | None = None
    folder: Path | None = None


def _steps(header: str) -> list[str | int]:
    steps: list[str | int] = []
    for match in _STEP.finditer(header.strip()):
        steps.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
    return steps


def _put(data: dict[str, Any], header: str, value: Any, where: str) -> None:
    """Set ``value`` at a dotted path such as ``job.duties[0].duty`` in nested dicts and lists."""
    steps = _steps(header)
    if not steps or not isinstance(steps[0], str):
        raise CaseDataError(f"{where}: column {header!r} is not a case path such as beneficiary.family_name")
    current: Any = data
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(step, int):
            if not isinstance(current, list):
                raise CaseDataError(f"{where}: column {header!r} indexes something that is not a list")
            while len(current) <= step:
                current.append(None)
            if following is None:
                current[step] = value
            elif current[step] is None:
                current[step] = empty
            current = current[step]
        else:
            if not isinstance(current, dict):
                raise CaseDataError(f"{where}: column {header!r} clashes with another column")
            if following is None:
                current[step] = value
            else:
                current = current.setdefault(step, empty)


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(path: Path) -> Iterator[tuple[int, list[str], list[Any]]]:
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            for number, row in enumerate(reader, start=2):
                yield number, header, list(row)
        return
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h or "") for h in next(rows, ())]
        for number, row in enumerate(rows, start=2):
            yield number, header, list(row)
    finally:
        book.close()


def _sheet_cases(path: Path) -> Iterator[CaseEntry]:
    try:
        for number, header, row in _rows(path):
            where = f"{path.name} row {number}"
            values = [(h, _cell(v)) for h, v in zip(header, row, strict=False) if h.strip()]
            if all(v is None for _, v in values):
                continue
            try:
                data: dict[str, Any] = {}
                for column, value in values:
                    if value is not None:
                        _put(data, column, value, where)
                yield CaseEntry(where, parse_case(data, where), folder=path.parent)
            except CaseDataError as exc:
                yield CaseEntry(where, None, exc)
    except (OSError, ValueError, KeyError) as exc:
        raise CaseDataError(f"{path}: cannot read the spreadsheet ({exc}); save it as .xlsx or UTF-8 .csv") from None


def iter_cases(source: Path | str) -> Iterator[CaseEntry]:
    """Every case in a folder of case files or a spreadsheet, in a stable order."""
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES and p.is_file())
        if not files:
            raise UsageError(f"{path}: no case files (.yaml, .yml, .json) in this folder")
        for file in files:
            try:
                yield CaseEntry(file.name, load_case(file), folder=file.parent)
            except CaseDataError as exc:
                yield CaseEntry(file.name, None, exc)
        return
    if path.suffix.lower() in SHEET_SUFFIXES:
        if not path.is_file():
            raise UsageError(f"{path}: no such spreadsheet; check the path")
        yield from _sheet_cases(path)
        return
    raise UsageError(f"{path}: --cases takes a folder of case files or a .xlsx/.csv spreadsheet")
