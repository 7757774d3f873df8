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
from docgen.errors import DocgenError, DocketBusyError
from docgen.mailroom import deadlines as mailroom_deadlines
from docgen.mailroom.case_sync import CaseSync

EXPIRY_KINDS = ("I-94 expires", "Passport expires", "Status valid until", "EAD expires", "Advance parole expires")
READ_WAIT = 3.0  # seconds a page that only reads waits for another program's write lock (writes wait 60)
BUSY = (
    "The docket is busy (another ingest or import is writing); deadlines shown may be incomplete; reload in a minute."
)


@dataclass(frozen=True)
class Due:
    """A date someone must act on: from the docket (notices) or from a case file."""

    case_id: str
    person: str
    kind: str
    due: dt.date
    description: str
    source: str  # 'docket' or 'case'
    attention: str = ""  # "case file missing since ..." (docket deadlines whose case file is gone)
    id: int = 0  # the docket's deadline id (0 for one read from a case file)

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


def read_docket(location: Path | str | None = None) -> Any:
    """The docket, opened for a page that only reads it: a short wait for a writer, then
    :class:`~docgen.errors.DocketBusyError` (said with :data:`BUSY`)."""
    from docgen.mailroom.docket import open_docket

    return open_docket(location if location is not None else docket_path(), create=False, wait=READ_WAIT)


def docket_problem() -> str | None:
    """Why the docket cannot be read (one line, no address or password), or None: the dashboard says so instead of
    showing a list without the notices' deadlines as if there were none."""
    path = docket_path()
    if not docket_exists(path):
        return None
    try:
        with read_docket(path) as docket:
            docket.deadlines_due()
    except DocgenError as exc:
        reason = problem_text(exc)
        return (
            reason
            if isinstance(exc, DocketBusyError)
            else f"The docket cannot be read, so deadlines from notices are missing here: {reason}"
        )
    return None


def case_deadlines(case: Case) -> list[Due]:
    """What a case file holds (:func:`docgen.mailroom.deadlines.from_case`, the docket's own): each person's
    I-94, passport, EAD and advance parole expiry, the approved status's end (an EAD's for an I-765 approval)."""
    found, _ = mailroom_deadlines.from_case(case)  # dates outside any calendar are left out (the CLI warns)
    return [Due(d.case_id, d.person, str(d.kind), d.due, d.description, "case") for d in found]


SYNC_WAIT = 10.0  # seconds a case save waits for another program's write lock before leaving it to the next ingest


def sync_case(path: Path, username: str, previous_case_id: str | None = None) -> tuple[CaseSync | None, str | None]:
    """Record a case file just saved in the docket's deadlines at once (the library's one sync path,
    :func:`docgen.mailroom.case_sync.sync_case_file`), as done by ``username``; a case id changed by the save
    (``previous_case_id``) leaves the old id's deadlines flagged "case file missing".

    Returns what changed (None when there is no docket yet: nothing to bring up to date) and, when the docket could
    not be written, why in one line for the page (no path, no address): the case file stays saved and the next
    ``mailroom ingest`` brings the docket up to date.
    """
    from docgen.mailroom.case_sync import sync_case_file
    from docgen.mailroom.docket import acting_as, open_docket

    location = docket_path()
    if not docket_exists(location):
        return None, None
    try:
        with acting_as(username), open_docket(location, create=False, wait=SYNC_WAIT) as docket:
            return sync_case_file(docket, path, previous_case_id), None
    except DocketBusyError:
        reason = "the docket is busy (another ingest or import is writing)"
    except DocgenError as exc:
        reason = str(exc).replace(str(location), "the docket").replace(str(path), path.name)
    return None, (
        f"The case is saved, but the docket's deadlines could not be updated ({reason}); the calendar and the "
        "deadlines list show the old dates until the next mailroom ingest brings them up to date."
    )


def sync_case_folder(username: str) -> tuple[int, CaseSync | None, str | None]:
    """Record every case file's dates on the docket (making the docket when there is none yet), as ``mailroom
    ingest`` does at its start (:func:`docgen.mailroom.case_sync.sync_case_folder`, the library's one path), done
    by ``username``: how many case files were read, what changed, and, when the docket could not be written, why
    in one line for the page."""
    from docgen.mailroom.case_sync import sync_case_folder as sync_folder
    from docgen.mailroom.docket import acting_as, open_docket

    location = docket_path()
    try:
        with acting_as(username), open_docket(location, create=True, wait=SYNC_WAIT) as docket:
            store, changed = sync_folder(docket, Path(settings.CASES_DIR))
        return len(store.entries), changed, None
    except DocketBusyError:
        return 0, None, "the docket is busy (another ingest or import is writing); try again in a minute"
    except DocgenError as exc:
        return 0, None, str(exc).replace(str(location), "the docket")


def open_deadlines(*, waiting: bool = False) -> list[Due]:
    """Every open deadline the docket holds (none when there is no docket yet; pages say why with
    :func:`docket_problem`); with ``waiting``, also the days waiting in review to be confirmed, their
    ``attention`` "unconfirmed (waiting in review #N)" (:func:`docgen.mailroom.deadlines.dates_due`)."""
    from docgen.mailroom.deadlines import attention, dates_due

    path = docket_path()
    if not docket_exists(path):
        return []
    try:
        with read_docket(path) as docket:
            rows = dates_due(docket) if waiting else docket.deadlines_due()
    except DocgenError:
        return []

    return [
        Due(r.case_id, r.person or "", str(r.kind), r.due, r.description, "docket", attention(r), r.id) for r in rows
    ]


def problem_text(exc: DocgenError, busy: str = BUSY) -> str:
    """Why the docket could not be used, in one line without its path or address (``busy`` when it is locked)."""
    if isinstance(exc, DocketBusyError):
        return busy
    return str(exc).replace(str(docket_path()), "the docket")


def close_deadline(deadline_id: int, username: str) -> tuple[str, str]:
    """Close one open docket deadline by hand as ``username`` (the library's ``mailroom done``); its case id and
    what was closed, in words. A deadline not open any more raises :class:`~docgen.errors.UsageError`."""
    from docgen.mailroom.deadlines import close_by_hand
    from docgen.mailroom.docket import acting_as, open_docket

    with acting_as(username), open_docket(docket_path(), create=False, wait=SYNC_WAIT) as docket:
        (row,) = close_by_hand(docket, [deadline_id])
    return row.case_id, f"{row.kind.value} of {row.due.isoformat()} ({row.case_id}, {row.person or 'case'})"


def filing_dates(forms: dict[str, str] | None = None) -> dict[str, Any]:
    """Per case, the filing, receipt and decision dates the docket's notices give (for the status report);
    ``forms`` (case id to its form) keeps a case to its own filings, as ``docgen report status`` does."""
    from docgen.compliance.reports import docket_filing_dates

    path = docket_path()
    if not docket_exists(path):
        return {}
    try:
        return docket_filing_dates(path, forms, wait=READ_WAIT)
    except DocgenError:
        return {}


def closed_by_hand() -> set[tuple[str, str, str, dt.date]]:
    """(case, person, kind, day) of each deadline a person closed in the docket (``mailroom done``, the Close
    button: a withdrawn case's I-94) or a later notice closed: a case file that still gives that day does not bring
    it back to the dashboard or the case list. Dates a case file replaced (superseded) and those of a notice unfiled
    (withdrawn) are not among them."""
    from docgen.mailroom.deadlines import EARLIEST

    path = docket_path()
    if not docket_exists(path):
        return set()
    try:
        with read_docket(path) as docket:
            rows = docket.deadlines_closed(since=EARLIEST)
    except DocgenError:
        return set()
    return {(r.case_id, r.person or "", str(r.kind), r.due) for r in rows if not r.superseded and not r.withdrawn}


@dataclass(frozen=True)
class Agenda:
    """A case's open deadline as its page shows it: days left (negative: overdue) and, on a weekend or a federal
    holiday, when paper must arrive."""

    due: Due
    days: int
    note: str

    @property
    def left(self) -> str:
        """``58``, ``today`` or ``overdue by 8 day(s)``."""
        if self.days < 0:
            return f"overdue by {-self.days} day(s)"
        return "today" if self.days == 0 else str(self.days)


def agenda(deadlines: list[Due], today: dt.date | None = None) -> list[Agenda]:
    """``deadlines`` (one case's, open) soonest first, each with its days left and its arrive-by note."""
    from docgen.mailroom.docket import DeadlineKind

    day = today or dt.date.today()
    out = []
    for due in sorted(deadlines, key=lambda d: (d.due, d.person)):
        try:
            note = mailroom_deadlines.arrive_by_note(DeadlineKind(due.kind), due.due)
        except ValueError:
            note = ""
        out.append(Agenda(due, due.days_left(day), note))
    return out


@dataclass(frozen=True)
class OnFile:
    """A notice the mailroom filed to a case: what the case page lists (newest first)."""

    id: int
    notice_date: str
    notice_type: str
    form: str
    receipt_number: str
    response_due: str
    valid_to: str
    file: str
    office: str = ""  # the USCIS office that sent an RFE or NOID, as printed (its response letter's addressee)
    open: bool = False  # a deadline it set (an RFE's or NOID's response date) is still open on the docket
    person: str = ""  # whose notice it is (principal, spouse...); empty when an older docgen filed it, not derivable


def case_notices(case_id: str) -> list[OnFile]:
    """The notices filed to ``case_id`` on the docket, newest notice date first (none without a docket, or when it
    cannot be read: the dashboard says why)."""
    from docgen.mailroom.docket import NoticeStatus

    path = docket_path()
    if not docket_exists(path):
        return []
    try:
        with read_docket(path) as docket:
            notices = [n for n in docket.notices(case_id) if n.status is NoticeStatus.FILED]
            still_open = {d.notice_id for d in docket.deadlines_due() if d.case_id == case_id}
    except DocgenError:
        return []
    rows = [
        OnFile(
            n.id,
            n.notice_date or "",
            n.notice_type or "",
            n.form or "",
            n.receipt_number or "",
            str(n.data.get("response_due") or ""),
            str(n.data.get("valid_to") or ""),
            Path(str(n.filed_path or "")).name,
            str(n.data.get("office") or ""),
            n.id in still_open,
            n.person or "",
        )
        for n in notices
    ]
    return sorted(rows, key=lambda r: (r.notice_date, r.id), reverse=True)


RESPONSE_NOTICES = ("rfe", "noid")  # the notices a response letter answers


def same_receipt(a: str, b: str) -> bool:
    """Whether two receipt numbers are one (``WAC-269-031-1006`` is ``WAC2690311006``)."""
    return "".join(c for c in a.upper() if c.isalnum()) == "".join(c for c in b.upper() if c.isalnum())


def response_notices(case_id: str) -> list[OnFile]:
    """The RFEs and NOIDs the mailroom filed to ``case_id``, newest first."""
    return [n for n in case_notices(case_id) if n.notice_type in RESPONSE_NOTICES]


def response_notice(case_id: str, receipt: str = "") -> OnFile | None:
    """The RFE or NOID a response letter answers, never guessed: with ``receipt`` (the letter's own
    ``receipt_number``), the one of the case with that receipt number (the open one when several have it); without,
    the case's only open one (its response date not yet closed). None when there is no such notice or more than
    one could be meant."""
    notices = response_notices(case_id)
    if receipt:
        notices = [n for n in notices if same_receipt(n.receipt_number, receipt)]
        if len(notices) > 1:
            notices = [n for n in notices if n.open]
    else:
        notices = [n for n in notices if n.open]
    return notices[0] if len(notices) == 1 else None


def case_owners() -> dict[str, str]:
    """Each case's owner as the docket last recorded it from its case file ('' for none; no docket, or one that
    cannot be read: none recorded), what ``docgen deadlines`` shows (:meth:`Docket.case_owners`)."""
    path = docket_path()
    if not docket_exists(path):
        return {}
    try:
        with read_docket(path) as opened:
            owners: dict[str, str] = opened.case_owners()
    except DocgenError:
        return {}
    return owners


def open_deadlines_by_case() -> dict[str, list[Due]]:
    """The docket's open deadlines, by case id (with the days waiting in review to be confirmed)."""
    out: dict[str, list[Due]] = {}
    for due in open_deadlines(waiting=True):
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
