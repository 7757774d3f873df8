"""Dashboards and the weekly reports: deadlines by window, expirations, cases by status and classification,
time from receipt to decision; each exported as CSV or XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docgen.case.model import Case
from docgen.fileio import csv_text, spreadsheet_cell, xml_safe
from docgen.mailroom.deadlines import arrive_by_note, overdue, window_open
from docgen.mailroom.docket import DeadlineKind
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
    _filings: dict[str, Any] | None = field(default=None, repr=False)

    @classmethod
    def take(cls) -> Snapshot:
        """Read the case index and the docket now."""
        rows, models = cases.all_cases_and_models()
        loaded = {c.case_id: c for c in models}
        from_cases = [d for row in rows for d in row.deadlines]
        return cls(rows, loaded, docket.merge(from_cases, docket.open_deadlines()))

    def filing_dates(self) -> dict[str, Any]:
        """The docket's filing, receipt and decision dates per case (each case kept to its own form), read once
        for the page however many of its tables need them."""
        if self._filings is None:
            forms = {case.case_id: case.facts.form for case in self.loaded.values() if case.facts.form}
            self._filings = docket.filing_dates(forms)
        return self._filings


def deadline_table(today: dt.date, snapshot: Snapshot | None = None, within: int = 90) -> Table:
    """Overdue and due within ``within`` days, and whatever its day each one that needs attention (its case file
    is gone: ``attention`` says so); ``deadline_id`` is the docket's id (``mailroom done ID``)."""
    snap = snapshot or Snapshot.take()
    table = Table(
        "deadlines",
        f"Deadlines: overdue and due within {within} days",
        ["due", "days_left", "window", "case_id", "person", "kind", "description", "attention", "deadline_id"],
    )
    for due in snap.deadlines:
        days = due.days_left(today)
        if days > within and not due.attention:
            continue
        kind = DeadlineKind(due.kind)
        if days < 0 and not overdue(kind, due.due, today) and not due.attention:  # an extension window opened
            if not window_open(kind, due.due, today):
                continue  # the validity it preceded is over: its own deadline says so
            window = "open"
        else:
            window = (
                "overdue"
                if days < 0
                else ("30" if days <= 30 else "60" if days <= 60 else "90" if days <= 90 else "later")
            )
        note = arrive_by_note(kind, due.due)  # a weekend or holiday: when paper must arrive
        description = f"{due.description} [{note}]" if note else due.description
        table.rows.append(
            [
                *(due.due.isoformat(), days, window, due.case_id, due.person, due.kind, description),
                *(due.attention, due.id or ""),  # the docket's id ('mailroom done ID'); none for a case file's date
            ]
        )
    return table


def expirations(today: dt.date, snapshot: Snapshot | None = None, within: int = 180) -> Any:
    """The expiration list (status, I-94, EAD, advance parole, passport) with the action due and when to start:
    the same rows as ``docgen report expirations``."""
    from docgen.compliance.reports import expirations_report

    snap = snapshot or Snapshot.take()
    return expirations_report(snap.loaded.values(), within=within, today=today, docket=snap.filing_dates())


def status(snapshot: Snapshot | None = None) -> Any:
    """Cases by classification, stage and status with days from filing to receipt to decision: the same rows as
    ``docgen report status`` (the docket's notices fill dates the cases lack)."""
    from docgen.compliance.reports import status_report

    snap = snapshot or Snapshot.take()
    return status_report(snap.loaded.values(), snap.filing_dates())


def tracking_table(today: dt.date, snapshot: Snapshot | None = None) -> Table:
    """The visa tracking report: one row per case."""
    snap = snapshot or Snapshot.take()
    table = Table(
        "cases",
        "Visa tracking report",
        [
            "case_id",
            "petitioner",
            "beneficiary",
            "classification",
            "form",
            "status",
            "receipts",
            "next_deadline",
            "next_deadline_kind",
            "days_left",
        ],
    )
    for row in snap.rows:
        nxt = row.next_deadline
        case = snap.loaded.get(row.case_id)
        receipts = "; ".join(f"{r.form} {r.number}" for r in case.facts.receipt_numbers) if case else ""
        table.rows.append(
            [
                row.case_id,
                row.petitioner,
                row.beneficiary,
                row.classification,
                row.form,
                row.status or ("(cannot be read)" if row.problem else ""),
                receipts,
                nxt.due.isoformat() if nxt else "",
                nxt.kind if nxt else "",
                nxt.days_left(today) if nxt else "",
            ]
        )
    return table


def counts(field_name: str, snapshot: Snapshot | None = None) -> list[tuple[str, int, int]]:
    """(value, count, percent of the largest) of cases by ``status`` or ``classification``."""
    snap = snapshot or Snapshot.take()
    counter = Counter((getattr(row, field_name) or "(none)") for row in snap.rows)
    top = max(counter.values(), default=1)
    return [(value, n, round(100 * n / top)) for value, n in counter.most_common()]


REPORTS = ("deadlines", "expirations", "cases", "status")
EVERY_EXPIRY_DAYS = 3650  # the exported expiration list: every date of the next ten years (and past ones)


BOM = "\ufeff".encode()  # the UTF-8 mark every CSV export starts with


def export(name: str, fmt: str, today: dt.date) -> bytes:
    """A report by name as CSV or XLSX bytes (expirations and status through the compliance reports' writers)."""
    from docgen.compliance import export as compliance_export

    snap = Snapshot.take()
    if name in ("expirations", "status"):
        report = expirations(today, snap, within=EVERY_EXPIRY_DAYS) if name == "expirations" else status(snap)
        data = compliance_export.render(report, fmt)
        return BOM + data if fmt == "csv" and not data.startswith(BOM) else data  # as :func:`to_csv` writes
    if name == "deadlines":
        table = deadline_table(today, snap)
    elif name == "cases":
        table = tracking_table(today, snap)
    else:
        raise KeyError(name)
    return to_csv(table) if fmt == "csv" else to_xlsx(table)


def to_csv(table: Table) -> bytes:
    """CSV through the toolkit's one CSV writer (cells that a spreadsheet would run as formulas are quoted), in
    UTF-8 with a BOM so spreadsheet programs read accents right."""
    return BOM + csv_text(table.columns, table.rows).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """An XLSX workbook with one sheet."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = table.name[:31]
    sheet.append(table.columns)
    for row in table.rows:
        sheet.append([xml_safe(spreadsheet_cell(cell)) for cell in row])  # a name starting with '=' stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
