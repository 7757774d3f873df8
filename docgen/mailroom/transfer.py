"""Moving a docket between SQLite and PostgreSQL: ``docgen docket export`` / ``docgen docket import``.

The export is JSON Lines: a first line saying what it is (format, schema
version, tables and row counts), then one line per row, ``{"table": ...,
"row": {...}}``, tables in an order that keeps every reference valid (notices
before the deadlines and reviews that name them). Rows keep their ids, so
review item and deadline numbers people wrote down stay right. An import goes
into an empty docket, in one transaction: all of it, or (on any error) none.
The file holds what the docket holds (names, receipt numbers), so it is
written owner-only, atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docgen.errors import DocketBusyError, DocketError, UsageError
from docgen.fileio import atomic_writer
from docgen.mailroom.docket import Docket
from docgen.mailroom.sql_docket import MIGRATIONS, TABLES

FORMAT = "docgen-docket"
FORMAT_VERSION = 1


def export_docket(docket: Docket, path: Path) -> dict[str, int]:
    """Write every row of ``docket`` to ``path`` (JSON Lines); returns the rows per table."""
    tables = {table: docket.table_rows(table) for table in TABLES}
    counts = {table: len(rows) for table, rows in tables.items()}
    header = {"format": FORMAT, "version": FORMAT_VERSION, "schema": docket.schema_version, "rows": counts}
    with atomic_writer(path) as handle:
        handle.write((json.dumps(header) + "\n").encode("utf-8"))
        for table, rows in tables.items():
            for row in rows:
                handle.write((json.dumps({"table": table, "row": row}, ensure_ascii=False) + "\n").encode("utf-8"))
    return counts


def _lines(path: Path) -> tuple[dict[str, Any], list[tuple[int, str, dict[str, Any]]]]:
    """The header and the rows of an export file, or a UsageError naming the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such export file") from None
    except UnicodeDecodeError:
        raise UsageError(
            f"{path}: not a docket export (not UTF-8 text); give the file 'docgen docket export' wrote"
        ) from None
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot read the export ({exc}); give the file 'docgen docket export' wrote"
        ) from None
    lines = text.splitlines()
    try:
        header = json.loads(lines[0]) if lines else None
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise UsageError(f"{path}: line 1: not a docket export; give the file 'docgen docket export' wrote")
    if not isinstance(header.get("schema"), int) or header["schema"] > len(MIGRATIONS):
        raise UsageError(
            f"{path}: exported from docket schema {header.get('schema')}, newer than this docgen knows "
            f"({len(MIGRATIONS)}); upgrade docgen"
        )
    rows: list[tuple[int, str, dict[str, Any]]] = []  # (line number, table, row)
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{path}: line {number}: not JSON ({exc.msg}); the export is damaged") from None
        if not isinstance(item, dict) or item.get("table") not in TABLES or not isinstance(item.get("row"), dict):
            raise UsageError(f"{path}: line {number}: not a docket row; the export is damaged")
        rows.append((number, item["table"], item["row"]))
    expected = header.get("rows", {})
    found: dict[str, int] = {}
    for _, table, _ in rows:
        found[table] = found.get(table, 0) + 1
    if isinstance(expected, dict) and {k: v for k, v in expected.items() if v} != found:
        raise UsageError(f"{path}: the export holds other rows than its first line lists (cut short?); export again")
    return header, rows


def import_docket(docket: Docket, path: Path) -> dict[str, int]:
    """Put the rows of an export into ``docket``, which must be empty; returns the rows per table."""
    _, rows = _lines(path)
    counts: dict[str, int] = {}
    with docket.transaction() as tx:
        held = {table: len(docket.table_rows(table)) for table in TABLES}
        if any(held.values()):
            what = ", ".join(f"{n} {t}" for t, n in held.items() if n)
            raise DocketError(
                f"{docket.location}: the docket already holds rows ({what}); import into a new, empty docket"
            )
        for number, table, row in rows:
            try:
                tx.insert_row(table, row)
            except DocketBusyError:
                raise
            except DocketError:  # a row no docket takes (a column it lacks, a value missing): the file, not the docket
                raise UsageError(
                    f"{path}: line {number}: a {table} row the docket cannot take (its columns: "
                    f"{', '.join(str(c) for c in row)[:200]}); the export is damaged or was edited: export the docket "
                    "again"
                ) from None
            counts[table] = counts.get(table, 0) + 1
    return counts
