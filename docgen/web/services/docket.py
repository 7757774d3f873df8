"""The one place the workspace reads the mailroom's docket and the deadlines cases hold.

Everything the pages know about deadlines comes through here, so when the
docket moves to a team database (PostgreSQL) only this module changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from docgen.case.model import Case
from docgen.errors import DocgenError
from docgen.mailroom import deadlines as mailroom_deadlines

EXPIRY_KINDS = ("I-94 expires", "Passport expires", "Status valid until", "EAD expires")


@dataclass(frozen=True)
class Due:
    """A date someone must act on: from the docket (notices) or from a case file."""

    case_id: str
    person: str
    kind: str
    due: dt.date
    description: str
    source: str  # 'docket' or 'case'

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` (negative: overdue)."""
        return (self.due - today).days


def docket_path() -> Path | str:
    """The docket the workspace reads: a file, or a PostgreSQL address."""
    location = settings.DOCKET_PATH
    return location if isinstance(location, str) else Path(location)


def docket_exists(location: Path | str) -> bool:
    """A database docket always exists (its schema is made on first use); a file docket once ingested into."""
    return isinstance(location, str) or location.exists()


def docket_problem() -> str | None:
    """Why the docket cannot be read (one line, no address or password), or None: the dashboard says so instead of
    showing a list without the notices' deadlines as if there were none."""
    from docgen.mailroom.docket import open_docket

    path = docket_path()
    if not docket_exists(path):
        return None
    try:
        with open_docket(path, create=False) as docket:
            docket.deadlines_due()
    except DocgenError as exc:
        reason = str(exc).replace(str(path), "the docket")
        return f"The docket cannot be read, so deadlines from notices are missing here: {reason}"
    return None


def case_deadlines(case: Case) -> list[Due]:
    """What a case file holds: each person's I-94 and passport expiry, the approved status's end (an EAD's for an
    I-765 approval)."""
    found, _ = mailroom_deadlines.from_case(case)  # dates outside any calendar are left out (the CLI warns)
    out = [Due(d.case_id, d.person, str(d.kind), d.due, d.description, "case") for d in found]
    facts = case.facts
    if facts.approved_to:
        kind = "EAD expires" if (facts.form or "").upper().replace(" ", "") == "I-765" else "Status valid until"
        what = f"{facts.classification or facts.form or 'approval'} approved until {facts.approved_to.isoformat()}"
        out.append(Due(case.case_id, "beneficiary", kind, facts.approved_to, what, "case"))
    return out


def open_deadlines() -> list[Due]:
    """Every open deadline the docket holds (none when there is no docket yet)."""
    from docgen.mailroom.docket import open_docket

    path = docket_path()
    if not docket_exists(path):
        return []
    try:
        with open_docket(path, create=False) as docket:
            rows = docket.deadlines_due()
    except DocgenError:
        return []
    return [Due(r.case_id, r.person or "", str(r.kind), r.due, r.description, "docket") for r in rows]


def filing_dates(forms: dict[str, str] | None = None) -> dict[str, Any]:
    """Per case, the filing, receipt and decision dates the docket's notices give (for the status report);
    ``forms`` (case id to its form) keeps a case to its own filings, as ``docgen report status`` does."""
    from docgen.compliance.reports import docket_filing_dates

    path = docket_path()
    if not docket_exists(path):
        return {}
    try:
        return docket_filing_dates(path, forms)
    except DocgenError:
        return {}


def open_deadlines_by_case() -> dict[str, list[Due]]:
    """The docket's open deadlines, by case id."""
    out: dict[str, list[Due]] = {}
    for due in open_deadlines():
        out.setdefault(due.case_id, []).append(due)
    return out


def merge(*groups: list[Due]) -> list[Due]:
    """Deadlines of several sources, each (case, person, kind, date) once (the docket's wording wins)."""
    seen: dict[tuple[str, str, str, dt.date], Due] = {}
    for group in groups:
        for due in group:
            key = (due.case_id, due.person, due.kind, due.due)
            if key not in seen or due.source == "docket":
                seen[key] = due
    return sorted(seen.values(), key=lambda d: (d.due, d.case_id, d.person))
