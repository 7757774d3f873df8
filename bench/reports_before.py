"""``docgen report`` as it was before this release's speed-ups, for bench_reports.

:func:`install` puts the old ways back in this process: every YAML file is read by the strict loader's
composer and constructors alone, the cycle collector runs while cases are read, and the XLSX writer makes
a cell object for every value. The data and the sheets are the same (``tests/test_yamlio.py``,
``tests/test_reports.py``); only the time differs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import docgen.compliance.export as export
import docgen.compliance.reports as reports
import docgen.yamlio as yamlio
from docgen.compliance.export import Report, _xlsx_value
from docgen.fileio import REPORT_KEYWORD


def xlsx_cell_per_value(report: Report, sheet: str | None = None) -> bytes:
    """The XLSX writer before this release: a cell object for every value (the same sheet, slower)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    book.properties.keywords = REPORT_KEYWORD
    book.properties.title = report.title
    ws = book.create_sheet((sheet or report.title)[:31])
    header = []
    for name in report.columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for values in report.values():
        row = []
        for value in values:
            cell = WriteOnlyCell(ws, value=_xlsx_value(value))
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            row.append(cell)
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def install() -> None:
    """Put the strict loader alone, the cycle collector running while cases are read and the cell-per-value
    XLSX writer back in this process."""
    yamlio.load_yaml_text = yamlio.strict_load
    reports._collector_paused = contextlib.nullcontext  # type: ignore[assignment]
    export.to_xlsx = xlsx_cell_per_value
