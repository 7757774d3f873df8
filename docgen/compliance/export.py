"""Reports as rows, and the writers that turn them into a terminal table, CSV or XLSX.

Every report (``paf check``, expirations, status, HRIS) is a :class:`Report`:
named columns and one mapping per row, values as Python types (dates stay
dates). The writers are separate, so the web workspace can show the same rows
and offer the same exports. CSV is UTF-8 with ISO dates; XLSX keeps dates as
dates and writes text as text (a value starting with ``=`` never becomes a
formula).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from docgen.errors import UsageError
from docgen.fileio import REPORT_KEYWORD, check_output, csv_text, write_bytes_atomic, xml_safe

FORMATS = ("table", "csv", "xlsx")


@dataclass
class Report:
    """A report: a title, its columns in order, and its rows (column -> value)."""

    title: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def values(self) -> Iterable[list[Any]]:
        """Each row as a list in column order."""
        for row in self.rows:
            yield [row.get(column) for column in self.columns]


def text_of(value: Any) -> str:
    """A value as a cell's text: dates ISO, None empty, True/False as yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def to_table(report: Report) -> str:
    """A plain aligned table for the terminal; nothing is cut (long cells make wide lines)."""
    cells = [[text_of(v) for v in values] for values in report.values()]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(report.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(report.columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    if not cells:
        lines.append("(none)")
    return "\n".join(lines) + "\n"


def _csv_cell(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value  # a negative count of days stays a number
    return text_of(value)


def to_csv(report: Report) -> str:
    """CSV with a header row (UTF-8 text; dates ISO), through the toolkit's one CSV writer
    (:func:`docgen.fileio.csv_text`: text a spreadsheet would run as a formula gets a leading quote)."""
    return csv_text(report.columns, ([_csv_cell(v) for v in values] for values in report.values()))


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return xml_safe(value)


def _import_openpyxl_alone() -> None:
    """Import openpyxl without numpy, which it loads only to accept numpy numbers in cells (a report holds
    Python values) and which is a third of an XLSX report's time. Only when nothing else runs in the process
    (the command line): ``import numpy`` fails while openpyxl is imported, and works again afterwards."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules or threading.active_count() > 1:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # read by the import system as "not installed"
    try:
        import openpyxl  # noqa: F401
    finally:
        if "numpy" in sys.modules and sys.modules["numpy"] is None:
            del sys.modules["numpy"]


def to_xlsx(report: Report, sheet: str | None = None) -> bytes:
    """An XLSX workbook with one sheet: a bold header row, dates as dates, text never read as a formula."""
    _import_openpyxl_alone()
    from openpyxl import Workbook  # only when XLSX is asked for
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    book.properties.keywords = REPORT_KEYWORD  # check_output lets a rerun replace it
    book.properties.title = report.title
    ws = book.create_sheet((sheet or report.title)[:31])
    header = []
    for name in report.columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for values in report.values():
        row: list[Any] = []
        for value in values:
            if isinstance(value, str) and value[:1] in ("=", "#"):
                cell = WriteOnlyCell(ws, value=xml_safe(value))
                cell.data_type = "s"  # '=SUM(...)' in a name stays text, '#N/A' is not an error value
                row.append(cell)
            elif isinstance(value, dt.date):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "yyyy-mm-dd"
                row.append(cell)
            else:
                row.append(_xlsx_value(value))  # other text and numbers as they are: no cell of their own to make
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    """The report in one of :data:`FORMATS`, as bytes."""
    if fmt == "table":
        return to_table(report).encode("utf-8")
    if fmt == "csv":
        return to_csv(report).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(report)
    raise UsageError(f"format {fmt!r}: write one of {', '.join(FORMATS)}")


OUTPUT_KINDS = {"table": "text", "csv": "csv", "xlsx": "xlsx"}


def write_report(report: Report, fmt: str, output: Path | str, inputs: Iterable[Path | str | None] = ()) -> Path:
    """Write the report atomically (owner-only, it holds personal data); never over an input, a case file or
    sheet, a docket or a file of another kind (:func:`docgen.fileio.check_output`)."""
    path = check_output(output, OUTPUT_KINDS.get(fmt, "text"), inputs)
    write_bytes_atomic(path, render(report, fmt))
    return path
