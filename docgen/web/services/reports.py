"""Dashboards and the weekly reports: deadlines by window, expirations, cases by status and classification,
time from receipt to decision; each exported as CSV or XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docgen.case.model import Case
from docgen.fileio import csv_text, spreadsheet_cell
from docgen.web.services import cases, docket

WINDOWS = (("overdue", None), ("30", 30), ("60", 60), ("90", 90))


@dataclass
class Table:
    """A report table: a title, column names, rows of plain values."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class Snapshot:
    """The cases and their deadlines, read once for a page or an export."""

    rows: list[cases.CaseSummary]
    loaded: dict[str, Case]
    deadlines: list[docket.Due]

    @classmethod
    def take(cls) -> Snapshot:
        """Read the case index and the docket now."""
        rows, models = cases.all_cases_and_models()
        loaded = {c.case_id: c for c in models}
        from_cases = [d for row in rows for d in row.deadlines]
        return cls(rows, loaded, docket.merge(from_cases, docket.open_deadlines()))


def deadline_table(today: dt.date, snapshot: Snapshot | None = None, within: int = 90) -> Table:
    """Overdue and due within ``within`` days."""
    snap = snapshot or Snapshot.take()
    table = Table("deadlines", f"Deadlines: overdue and due within {within} days",
                  ["due", "days_left", "window", "case_id", "person", "kind", "description"])
    for due in snap.deadlines:
        days = due.days_left(today)
        if days > within:
            continue
        window = "overdue" if days < 0 else ("30" if days <= 30 else "60" if days <= 60 else "90")
        table.rows.append([due.due.isoformat(), days, window, due.case_id, due.person, due.kind, due.description])
    return table


def expiration_table(today: dt.date, snapshot: Snapshot | None = None, within: int | None = None) -> Table:
    """The expiration list: I-94, passport, status validity, EAD, by date (``within``: only the next N days)."""
    snap = snapshot or Snapshot.take()
    title = f"Expirations in the next {within} days" if within else "Expirations"
    table = Table("expirations", f"{title} (I-94, passport, status, EAD)",
                  ["expires", "days_left", "case_id", "person", "what", "description"])
    for due in snap.deadlines:
        if due.kind in docket.EXPIRY_KINDS and (within is None or due.days_left(today) <= within):
            table.rows.append([due.due.isoformat(), due.days_left(today), due.case_id, due.person, due.kind,
                               due.description])
    return table


def tracking_table(today: dt.date, snapshot: Snapshot | None = None) -> Table:
    """The visa tracking report: one row per case."""
    snap = snapshot or Snapshot.take()
    table = Table("cases", "Visa tracking report",
                  ["case_id", "petitioner", "beneficiary", "classification", "form", "status", "receipts",
                   "next_deadline", "next_deadline_kind", "days_left"])
    for row in snap.rows:
        nxt = row.next_deadline
        case = snap.loaded.get(row.case_id)
        receipts = "; ".join(f"{r.form} {r.number}" for r in case.facts.receipt_numbers) if case else ""
        table.rows.append([row.case_id, row.petitioner, row.beneficiary, row.classification, row.form,
                           row.status or ("(cannot be read)" if row.problem else ""), receipts,
                           nxt.due.isoformat() if nxt else "", nxt.kind if nxt else "",
                           nxt.days_left(today) if nxt else ""])
    return table


def timeline_table(snapshot: Snapshot | None = None) -> Table:
    """Days from receipt to decision, per receipt number with both notices in the case."""
    snap = snapshot or Snapshot.take()
    table = Table("timeline", "Time from receipt to decision",
                  ["case_id", "form", "receipt", "received", "decided", "decision", "days"])
    for case in snap.loaded.values():
        by_number: dict[str, dict[str, Any]] = {}
        for receipt in case.facts.receipt_numbers:
            entry = by_number.setdefault(receipt.number, {"form": receipt.form})
            kind = (receipt.notice_type or "").lower()
            if kind == "receipt" and receipt.notice_date:
                entry["received"] = receipt.notice_date
            elif kind in ("approval", "denial") and receipt.notice_date:
                entry["decided"], entry["decision"] = receipt.notice_date, kind
        for number, entry in by_number.items():
            received, decided = entry.get("received"), entry.get("decided")
            table.rows.append([case.case_id, entry["form"], number, received.isoformat() if received else "",
                               decided.isoformat() if decided else "", entry.get("decision", "pending"),
                               (decided - received).days if received and decided else ""])
    return table


def counts(field_name: str, snapshot: Snapshot | None = None) -> list[tuple[str, int, int]]:
    """(value, count, percent of the largest) of cases by ``status`` or ``classification``."""
    snap = snapshot or Snapshot.take()
    counter = Counter((getattr(row, field_name) or "(none)") for row in snap.rows)
    top = max(counter.values(), default=1)
    return [(value, n, round(100 * n / top)) for value, n in counter.most_common()]


def table(name: str, today: dt.date) -> Table:
    """A report by name (deadlines, expirations, cases, timeline)."""
    snap = Snapshot.take()
    makers = {
        "deadlines": lambda: deadline_table(today, snap),
        "expirations": lambda: expiration_table(today, snap),
        "cases": lambda: tracking_table(today, snap),
        "timeline": lambda: timeline_table(snap),
    }
    if name not in makers:
        raise KeyError(name)
    return makers[name]()


def to_csv(table: Table) -> bytes:
    """CSV through the toolkit's one CSV writer (cells that a spreadsheet would run as formulas are quoted), in
    UTF-8 with a BOM so spreadsheet programs read accents right."""
    return ("\ufeff" + csv_text(table.columns, table.rows)).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """An XLSX workbook with one sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append([spreadsheet_cell(cell) for cell in row])  # a name starting with '=' stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
