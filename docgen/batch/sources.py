"""Cases for a batch: one row of a CSV/XLSX sheet, or one file of a folder, per case.

Spreadsheet columns are dotted case paths (``beneficiary.family_name``,
``dependents[0].given_name``, ``beneficiary.citizenship[0]``,
``extra.I-765.eligibility_category``). Empty cells are left out. A row whose
first cell starts with ``#`` is a comment (the template's description row).
A column that is not a case path fails every row that has a value in it,
with a "did you mean", and leaves the other rows alone.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from docgen.case.loader import load_case
from docgen.case.model import Case
from docgen.case.paths import check_path, leaf_paths, path_type
from docgen.errors import CaseDataError, DocgenError, UsageError
from docgen.ooxml import check_ooxml
from docgen.yamlio import load_yaml_file, reading

_INDEX = re.compile(r"^([^\[\]]+)((?:\[\d+\])*)$")
MAX_INDEX = 99  # the longest list on any form (addresses, employers) is far shorter
MAX_ROWS = 100_000
MAX_COLUMNS = 2_000
MAX_CELL = 131_072  # the csv module's own limit, stated here so the error can name it
MAX_SHEET_BYTES = 100 * 1024 * 1024  # a CSV, or an XLSX's XML expanded: thousands of cases fit in a few MB


@dataclass
class CaseRow:
    """One case of a batch, before validation."""

    label: str  # "cases.csv row 7" or "cases/jane.yaml"
    data: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # a reason this row cannot run, found while reading
    file: str | None = None  # the case's own file (a folder of case files)
    folder: str | None = None  # where its relative paths (petitioner.logo) are read from

    @property
    def case_id(self) -> str:
        """The case id if the row has one (for reports)."""
        return str(self.data.get("case_id") or "")


def _parts(column: str) -> list[str | int]:
    """``dependents[0].given_name`` -> ``['dependents', 0, 'given_name']``."""
    out: list[str | int] = []
    for piece in column.split("."):
        match = _INDEX.match(piece)
        if not match:
            raise ValueError(piece)
        out.append(match.group(1))
        out.extend(int(i) for i in re.findall(r"\[(\d+)\]", match.group(2)))
    return out


def column_problem(column: str) -> str | None:
    """Why a column header is not a case path (None if it is)."""
    try:
        parts = _parts(column)
    except ValueError:
        return f"column {column[:80]!r} is not a dotted case path"
    if any(isinstance(p, int) and p > MAX_INDEX for p in parts):
        return f"column {column[:80]!r}: a list position over {MAX_INDEX}; number the items from [0]"
    if parts and parts[0] == "extra":
        return None if len(parts) >= 3 else f"column {column!r}: write extra.FORM.question"
    chain = ("case", *("[]" if isinstance(p, int) else p for p in parts))
    problem = check_path(chain)
    if problem is None:
        kind = path_type(chain)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return f"column {column!r} names a whole section; use its parts ({column}.…)"
        return None
    close = difflib.get_close_matches(column, _known_columns(), n=1, cutoff=0.8)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown column {column!r}{hint}"


def _known_columns() -> list[str]:
    return leaf_paths()


def _put(target: dict[str, Any], parts: list[str | int], value: Any) -> None:
    node: Any = target
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        nxt = None if last else parts[index + 1]
        if isinstance(part, int):
            while len(node) <= part:
                node.append(None)
            if last:
                node[part] = value
            else:
                if node[part] is None:
                    node[part] = [] if isinstance(nxt, int) else {}
                node = node[part]
        else:
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, [] if isinstance(nxt, int) else {})


def flatten_case(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested case data to dotted columns (the inverse of reading a row)."""
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            out.update(flatten_case(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out.update(flatten_case(value, f"{prefix}[{index}]"))
    elif data is not None:
        out[prefix] = data
    return out


def _cell(value: Any) -> Any:
    """Spreadsheet cell to the text a case file would hold (numbers stay text: ZIP codes, EINs)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _short_zip(value: Any) -> str | None:
    """Why a ZIP code from a sheet is not one: a spreadsheet that took 02139 for a number kept 2139."""
    text = str(value)
    if text.isdigit() and (len(text) < 5 or 5 < len(text) < 9):
        return (
            f"a ZIP code of {len(text)} digits; the spreadsheet dropped its leading zero(s): format the column as "
            "Text and type the ZIP code again (02139), or put a postcode from outside the US in postal_code"
        )
    return None


def _answer(column: str, value: Any) -> Any:
    """Form answers (``extra`` columns) have no declared type: TRUE/FALSE and whole numbers become such."""
    if ".extra." not in f".{column}" or not isinstance(value, str):
        return value
    word = value.strip().lower()
    if word in ("true", "false"):
        return word == "true"
    if re.fullmatch(r"-?[1-9]\d{0,8}|0", value.strip()):
        return int(value)
    return value


def check_header(header: list[str], source: str) -> None:
    """A column named twice, or one inside another (``job`` and ``job.title``), is a sheet error."""
    seen: set[str] = set()
    for column in header:
        if not column:
            continue
        if column in seen:
            raise CaseDataError(f"{source}: column {column!r} appears twice; keep one")
        seen.add(column)
    for column in seen:
        for other in seen:
            if other != column and (other.startswith(column + ".") or other.startswith(column + "[")):
                raise CaseDataError(f"{source}: columns {column!r} and {other!r} overlap; keep the detailed one")


def rows_to_cases(header: list[str], rows: list[tuple[int, list[Any]]], source: str) -> list[CaseRow]:
    """Turn sheet rows into nested case data, one CaseRow per row."""
    check_header(header, source)
    problems = {col: column_problem(col) for col in header if col}
    paths = {col: _parts(col) for col, problem in problems.items() if problem is None}  # parsed once, not per row
    width = max((i + 1 for i, c in enumerate(header) if c), default=0)
    cases = []
    for number, cells in rows:
        row = CaseRow(label=f"{source} row {number}")
        extra_cells = [c for c in cells[width:] if _cell(c) is not None]
        if extra_cells:
            row.problem = (
                f"{row.label}: {len(extra_cells)} value(s) beyond the last named column (the header names {width}); "
                "check the row, and that the first row is the header (a title or merged row above it must go)"
            )
        for column, raw in zip(header, cells, strict=False):
            value = _cell(raw)
            if not column or value is None:
                continue
            if problems.get(column):
                row.problem = row.problem or f"{row.label}: {problems[column]}"
                continue
            if column.endswith("passport.number") and isinstance(raw, int | float) and not isinstance(raw, bool):
                row.problem = row.problem or (
                    f"{row.label}: {column}: typed as a number, so the spreadsheet may have dropped leading zeros; "
                    "format the column as Text and type the number again as printed in the passport"
                )
                continue
            if column.endswith("zip_code") and (short := _short_zip(value)):
                row.problem = row.problem or f"{row.label}: {column}: {short}"
                continue
            _put(row.data, paths[column], _answer(column, value))
        row.data = _drop_holes(row.data)
        cases.append(row)
    return cases


def _drop_holes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_holes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_drop_holes(v) for v in value if v is not None]
    return value


def _is_comment(cells: list[Any]) -> bool:
    first = cells[0] if cells else None
    return isinstance(first, str) and first.strip().startswith("#")


def _check_size(path: Path, size: int, what: str) -> None:
    if size > MAX_SHEET_BYTES:
        raise CaseDataError(
            f"{path}: the {what} is {size // (1024 * 1024)} MB, over the {MAX_SHEET_BYTES // (1024 * 1024)} MB a sheet "
            "of cases may have; split it"
        )


def read_csv(path: Path) -> list[CaseRow]:
    """Cases from a CSV file (UTF-8, with or without BOM); a quote left open or a cell over 131,072
    characters is an error naming the line, never a row silently swallowed."""
    reader: list[list[str]] = []
    _check_size(path, path.stat().st_size if path.is_file() else 0, "file")
    not_text = "not UTF-8 text; save the spreadsheet as CSV UTF-8"
    with reading(path, CaseDataError, "CSV file", not_text), path.open(newline="", encoding="utf-8-sig") as handle:
        rows = csv.reader(handle, strict=True)
        try:
            for cells in rows:
                reader.append(cells)
                if len(reader) > MAX_ROWS + 1 or len(cells) > MAX_COLUMNS:
                    raise CaseDataError(
                        f"{path}:{rows.line_num}: more than {MAX_ROWS} rows or {MAX_COLUMNS} columns; split the sheet"
                    )
        except csv.Error as exc:
            problem = str(exc)
            if "field larger" in problem:
                problem = f"a cell over {MAX_CELL} characters"
            elif "EOF" in problem or "end of data" in problem or "expected after" in problem:
                problem = 'a quote (") is opened and not closed where the cell ends'
            raise CaseDataError(
                f'{path}:{rows.line_num}: {problem}; fix the row there (a cell holding a quote doubles it: "")'
            ) from None
    if not reader:
        raise CaseDataError(f"{path}: empty file; the first row must name the columns")
    header = [h.strip() for h in reader[0]]
    for mark, name in ((";", "semicolons"), ("\t", "tabs")):
        if any(mark in column for column in header):  # no case path holds one: the sheet was saved another way
            raise CaseDataError(
                f"{path}: the columns are separated by {name}, not commas (Excel's CSV in some languages, whose "
                "numbers may also use decimal commas); save it as 'CSV UTF-8 (Comma delimited)' or as XLSX"
            )
    body = [(n, cells) for n, cells in enumerate(reader[1:], start=2) if any(c.strip() for c in cells)]
    return rows_to_cases(header, [(n, c) for n, c in body if not _is_comment(c)], path.name)


def read_xlsx(path: Path) -> list[CaseRow]:
    """Cases from the first sheet of an XLSX workbook."""
    from openpyxl import load_workbook

    fix = "save it again as .xlsx from your spreadsheet program"
    check_ooxml(path, CaseDataError, "workbook", fix, max_expanded=MAX_SHEET_BYTES)
    all_rows: list[list[Any]] = []
    tabs: list[str] = []
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            tabs = list(book.sheetnames)
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # rows as wide as their cells, not as the (untrusted) declared size
            for row in sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True):
                if len(row) > MAX_COLUMNS:
                    raise CaseDataError(f"{path}: row {len(all_rows) + 1} has more than {MAX_COLUMNS} columns")
                cells = list(row)
                while cells and cells[-1] is None:
                    cells.pop()
                all_rows.append(cells)
            if len(all_rows) > MAX_ROWS + 1:
                raise CaseDataError(f"{path}: more than {MAX_ROWS} rows; split the sheet")
        finally:
            book.close()
    except DocgenError:
        raise
    except Exception as exc:  # openpyxl and its XML parser raise many kinds for a damaged file
        raise CaseDataError(f"{path}: cannot read the workbook ({type(exc).__name__}); {fix}") from None
    if not all_rows:
        raise CaseDataError(f"{path}: empty sheet; the first row must name the columns")
    header = [str(h).strip() if h is not None else "" for h in all_rows[0]]
    body = [(n, cells) for n, cells in enumerate(all_rows[1:], start=2) if any(c is not None for c in cells)]
    if len(tabs) > 1 and not any(column_problem(h) is None for h in header if h):
        others = ", ".join(repr(t) for t in tabs[1:])
        raise CaseDataError(
            f"{path}: only the first tab ({tabs[0]!r}) is read and it names no case column; move the tab of cases "
            f"(one of {others}) to the front and save again"
        )
    return rows_to_cases(header, [(n, c) for n, c in body if not _is_comment(c)], path.name)


def read_folder(path: Path) -> list[CaseRow]:
    """Cases from every .yaml/.yml/.json file of a folder."""
    rows = []
    for file in sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json")):
        row = CaseRow(label=str(file))
        try:
            row.data = load_case(file).model_dump(mode="json", exclude_none=True)
        except DocgenError as exc:
            row.problem = str(exc)
            data = _raw(file)
            row.data = data if isinstance(data, dict) else {}
        except Exception as exc:  # one bad file must never stop the others; the report names it
            row.problem = f"{file}: cannot be read ({type(exc).__name__}); please report it"
        rows.append(row)
    return rows


def _raw(file: Path) -> Any:
    try:
        return load_yaml_file(file, CaseDataError)
    except DocgenError:
        return {}


def read_cases(path: Path | str) -> list[CaseRow]:
    """Cases from a CSV, an XLSX or a folder of case files (at least one)."""
    source = Path(path)
    rows = _read_cases(source)
    if not rows:
        raise UsageError(f"{path}: no cases found (a row per case under the header, or case files in the folder)")
    for row in rows:
        if source.is_dir():
            row.file = str(Path(row.label).resolve())
            row.folder = str(Path(row.label).resolve().parent)
        else:
            row.folder = str(source.resolve().parent)
    return rows


def _read_cases(path: Path) -> list[CaseRow]:
    if path.is_dir():
        return read_folder(path)
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder; give a CSV, an XLSX or a folder of case files")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    raise UsageError(f"{path}: give a .csv, an .xlsx or a folder of case files")


@dataclass
class CaseEntry:
    """One case of a folder or sheet, or why it could not be read; ``folder`` anchors relative paths (logos)."""

    source: str
    case: Case | None
    error: DocgenError | None = None
    folder: Path | None = None


def iter_cases(source: Path | str) -> Iterator[CaseEntry]:
    """Every case of a folder of case files or a sheet, validated, in file or row order (a bad one fails alone)."""
    from docgen.case.loader import parse_case

    path = Path(source)
    folder = path if path.is_dir() else path.parent
    for row in read_cases(path):
        label = Path(row.label).name if path.is_dir() else row.label
        if row.problem:
            yield CaseEntry(label, None, CaseDataError(row.problem), folder)
            continue
        try:
            yield CaseEntry(label, parse_case(row.data, label), folder=folder)
        except CaseDataError as exc:
            yield CaseEntry(label, None, exc, folder)
