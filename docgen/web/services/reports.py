"""Dashboards and the weekly reports: deadlines by window, expirations, cases by status and classification,
time from receipt to decision; each exported as CSV or XLSX."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from docgen.case.model import Case, Person
from docgen.fileio import csv_text, spreadsheet_cell, xml_safe
from docgen.mailroom.deadlines import arrive_by_note, overdue, window_open
from docgen.mailroom.docket import DeadlineKind
from docgen.web.services import cases, docket

if TYPE_CHECKING:
    from docgen.compliance.reports import ExpiringKind

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
    _owners: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def take(cls) -> Snapshot:
        """Read the case index and the docket now."""
        from docgen.compliance.reports import is_closed

        rows, models = cases.all_cases_and_models()
        loaded = {c.case_id: c for c in models}
        closed = {case_id for case_id, case in loaded.items() if is_closed(case)}
        from_cases = [d for row in rows if row.case_id not in closed for d in row.deadlines]
        # a withdrawn or denied case's own dates alert no one (as in the expirations), whether read from its file
        # or recorded on the docket from it; its notices' deadlines (an RFE) stay until closed there
        from_docket = [
            d
            for d in docket.open_deadlines()
            if d.attention or d.case_id not in closed or d.kind not in CASE_FILE_DATES
        ]
        snapshot = cls(rows, loaded, [])
        merged = docket.merge(from_cases, from_docket)
        snapshot.deadlines = once_per_person(merged, loaded, snapshot.filing_dates())
        return snapshot

    def filing_dates(self) -> dict[str, Any]:
        """The docket's filing, receipt and decision dates per case (each case kept to its own form), read once
        for the page however many of its tables need them."""
        if self._filings is None:
            forms = {case.case_id: case.facts.form for case in self.loaded.values() if case.facts.form}
            self._filings = docket.filing_dates(forms)
        return self._filings

    def recorded_owners(self) -> dict[str, str]:
        """Each case's owner as the docket last recorded it (what ``docgen deadlines`` shows), read once."""
        if self._owners is None:
            self._owners = docket.case_owners()
        return self._owners


PERSONAL_DOCUMENTS = {
    DeadlineKind.I94_EXPIRES,
    DeadlineKind.PASSPORT_EXPIRES,
    DeadlineKind.EAD_EXPIRES,
    DeadlineKind.ADVANCE_PAROLE_EXPIRES,
    DeadlineKind.AC21_FILING_DAY,  # from the person's status_history (the six-year limit)
}  # a person's own dates: the same in every case file the person is in
CASE_FILE_DATES = {
    *PERSONAL_DOCUMENTS,
    DeadlineKind.STATUS_VALID_UNTIL,
    DeadlineKind.EXTENSION_WINDOW,
}  # what a case file's own dates put on the docket (docgen.mailroom.deadlines.from_case)


def once_per_person(
    deadlines: list[docket.Due], loaded: dict[str, Case], filings: dict[str, Any] | None = None
) -> list[docket.Due]:
    """A person in two case files (an H-1B extension and the green card; a spouse in the family's case and in her
    own I-765 case) holds one I-94, one passport, one EAD: each such date once, on the case the expirations list it
    on (:func:`docgen.compliance.reports.listing_rank`: the case whose extension is pending or approved, else the one
    where the person is the principal, else the first case id; ``filings``: the docket's filing dates), its
    description naming the other case files. A deadline that needs attention (its case file is gone) stays as it
    is."""
    from docgen.compliance.reports import listed_once
    from docgen.mailroom.deadlines import PERSONAL_KINDS

    held: list[tuple[docket.Due, Case, Person, bool, ExpiringKind, dt.date]] = []
    out: list[docket.Due] = []
    for due in deadlines:
        case = loaded.get(due.case_id)
        if due.attention or case is None or due.kind not in PERSONAL_DOCUMENTS:
            out.append(due)
            continue
        try:
            person = case.person(due.person or None)
        except KeyError:
            out.append(due)
            continue
        kind = PERSONAL_KINDS[DeadlineKind(due.kind)]
        held.append((due, case, person, person is case.beneficiary, kind, due.due))
    for first, others in listed_once(held, filings):
        also = sorted({due.case_id for due in others})
        out.append(replace(first, description=first.description + (f" (also in {', '.join(also)})" if also else "")))
    return sorted(out, key=lambda d: (d.due, d.case_id, d.person))


def deadline_table(today: dt.date, snapshot: Snapshot | None = None, within: int = 90) -> Table:
    """Overdue and due within ``within`` days, and whatever its day each one that needs attention (its case file
    is gone: ``attention`` says so); ``deadline_id`` is the docket's id (``mailroom done ID``)."""
    snap = snapshot or Snapshot.take()
    table = Table(
        "deadlines",
        f"Deadlines: overdue and due within {within} days",
        ["due", "days_left", "window", "case_id", "person", "kind", "description", "attention", "deadline_id", "owner"],
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
        description += _extension_note(snap, due, kind)
        table.rows.append(
            [
                *(due.due, days, window, due.case_id, due.person, due.kind, description),  # a date: XLSX sorts it
                *(due.attention, due.id or ""),  # the docket's id ('mailroom done ID'); none for a case file's date
                deadline_owner(snap, due.case_id),  # who answers for it, as 'docgen deadlines' says
            ]
        )
    return table


def deadline_owner(snap: Snapshot, case_id: str) -> str:
    """Who answers for a deadline of ``case_id``, never blank, as ``docgen deadlines`` says it
    (:func:`docgen.mailroom.deadlines.owner_label`): the case file's ``facts.owner`` ("no owner" when it names no
    one); for a case whose file is gone (its case id changed, the file moved out: "case file missing"), the owner
    the docket recorded from it, as the command line shows, else "owner not recorded"."""
    from docgen.compliance.reports import case_owner
    from docgen.mailroom.deadlines import NO_OWNER, owner_label

    case = snap.loaded.get(case_id)
    if case is not None:
        return case_owner(case) or NO_OWNER
    return owner_label(snap.recorded_owners(), case_id)


def _owner(snap: Snapshot, case_id: str) -> str:
    """The case's ``facts.owner`` (empty when the case file cannot be read or names no one)."""
    from docgen.compliance.reports import case_owner

    return case_owner(snap.loaded.get(case_id))


def _extension_note(snap: Snapshot, due: docket.Due, kind: DeadlineKind) -> str:
    """What the expirations say of the principal's I-94 or status end under the case's extension: filed in time and
    pending (the 240-day rule), or approved past it (the new I-94 to record); empty otherwise."""
    from docgen.compliance.reports import approved_past, work_until

    kinds: dict[DeadlineKind, ExpiringKind] = {
        DeadlineKind.I94_EXPIRES: "i94",
        DeadlineKind.STATUS_VALID_UNTIL: "status",
    }
    case = snap.loaded.get(due.case_id)
    if kind not in kinds or case is None:
        return ""
    try:
        person = case.person(due.person or None)
    except KeyError:
        return ""
    until = work_until(case, person, kinds[kind], due.due, snap.filing_dates())
    if until is not None:
        return (
            " [extension filed before this day: may keep working for the same employer until "
            f"{until.isoformat()} (240-day rule) while it is pending]"
        )
    approved = approved_past(case, person, kinds[kind], due.due)
    if approved is not None:
        return (
            f" [extension approved to {approved.isoformat()}: write the new I-94 of the Form I-797A approval into "
            "the case file]"
        )
    return ""


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
            "owner",
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
                nxt.due if nxt else "",
                nxt.kind if nxt else "",
                nxt.days_left(today) if nxt else "",
                _owner(snap, row.case_id),
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
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"  # a date HR can sort and filter by, as the reports' XLSX
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
