"""The docket: what the mailroom knows (file contents seen, notices, deadlines, review items, audit log).

This module is the docket's **interface**; implementations live beside it
(:mod:`docgen.mailroom.sqlite_docket`, one file; :mod:`docgen.mailroom.postgres_docket`,
a PostgreSQL server for a team), sharing one schema history and their SQL
(:mod:`docgen.mailroom.sql_docket`).
Everything else in docgen talks to a :class:`Docket` only:

- reads are plain methods returning typed records (:class:`DeadlineRecord`,
  :class:`NoticeRecord`, :class:`ReviewRecord`, :class:`AuditEntry`), so a
  web page or a report calls ``docket.deadlines_due(within_days=90)``;
- every write happens inside one unit of work, ``with docket.transaction()
  as tx: tx.add_notice(...); tx.audit(...)``: all of it is recorded, or
  (on any exception) none of it;
- deadline kinds are a closed set (:class:`DeadlineKind`) and the rules that
  close deadlines name kinds, never display text.

``tests/test_docket_contract.py`` holds the behaviour every implementation
must show; a new one is added to its list and must pass it unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import getpass
import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class DeadlineKind(enum.StrEnum):
    """What a deadline is; the value is the text people read (and the docket stores)."""

    RFE_RESPONSE = "RFE response due"
    NOID_RESPONSE = "NOID response due"
    BIOMETRICS = "Biometrics appointment"
    STATUS_VALID_UNTIL = "Status valid until"
    EXTENSION_WINDOW = "Extension window opens"
    I94_EXPIRES = "I-94 expires"
    PASSPORT_EXPIRES = "Passport expires"
    EAD_EXPIRES = "EAD expires"  # the person's ead.expiry_date, or an I-765 case's approved_to
    ADVANCE_PAROLE_EXPIRES = "Advance parole expires"
    RECEIPT_MISSING = "Receipt notice due (missing after)"
    PAF_DUE = "PAF due"  # an H-1B LCA's public access file (docgen.compliance)
    LCA_NOTICE_UNTIL = "LCA notice posted until"
    PAF_RETENTION_ENDS = "PAF retention ends"
    AC21_FILING_DAY = "AC21: file PERM or I-140 by"  # 365 days before the H-1B six-year limit (the reports' six_year)


class NoticeStatus(enum.StrEnum):
    """Where a notice stands."""

    FILED = "filed"
    REVIEW = "review"


class SourceStatus(enum.StrEnum):
    """What came of a file's content."""

    DONE = "done"
    REVIEW = "review"


class ExpectationStatus(enum.StrEnum):
    """Where an expected receipt stands."""

    EXPECTED = "expected"
    RECEIVED = "received"
    DIFFERS = "differs"  # it came, but its name or fee is not what was filed: a person looks


class AliasKind(enum.StrEnum):
    """What a learned alias stands for (see :mod:`docgen.mailroom.aliases`)."""

    NAME = "name"  # a beneficiary's or applicant's name as a notice writes it -> a person of a case
    PETITIONER = "petitioner"  # a petitioner's name as written (a trading name) -> a case's petitioner
    RECEIPT = "receipt"  # a receipt number -> a case


class ReviewStatus(enum.StrEnum):
    """Whether a review item still needs a person."""

    OPEN = "open"
    RESOLVED = "resolved"


# Rules as kinds: an approval's validity replaces the earlier approval's; a decision answers RFEs and NOIDs.
SUPERSEDED_BY_APPROVAL = (DeadlineKind.STATUS_VALID_UNTIL, DeadlineKind.EXTENSION_WINDOW, DeadlineKind.I94_EXPIRES)
ANSWERED_BY_DECISION = (DeadlineKind.RFE_RESPONSE, DeadlineKind.NOID_RESPONSE)
# The kinds a case file gives (docgen.mailroom.deadlines.from_case): only these does a case file's new date
# supersede; an RFE or NOID deadline added by hand is no case file's to close.
CASE_FILE_KINDS = (
    DeadlineKind.I94_EXPIRES,
    DeadlineKind.PASSPORT_EXPIRES,
    DeadlineKind.EAD_EXPIRES,
    DeadlineKind.ADVANCE_PAROLE_EXPIRES,
    DeadlineKind.STATUS_VALID_UNTIL,
    DeadlineKind.PAF_DUE,
    DeadlineKind.LCA_NOTICE_UNTIL,
    DeadlineKind.PAF_RETENTION_ENDS,
    DeadlineKind.AC21_FILING_DAY,
)


@dataclass(frozen=True)
class Deadline:
    """A date a person must act on (or know of), before the docket records it."""

    case_id: str
    person: str
    kind: DeadlineKind
    due: dt.date
    description: str
    # a case file's date the person also holds in other case files (case id, person's ref there): done by hand
    # there (a docket written before listed it on each), it is done here too
    twins: tuple[tuple[str, str], ...] = ()

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` (negative when past)."""
        return (self.due - today).days


@dataclass(frozen=True)
class DeadlineRecord(Deadline):
    """A deadline as the docket keeps it (``notice_id`` None when it comes from a case file; ``superseded``:
    closed because its case file now gives another date; ``case_missing_since``: open, but its case file has
    been gone since that day, so nobody's case holds it: a person closes it or brings the file back;
    ``withdrawn``: closed because the notice that set it was unfiled)."""

    id: int = 0
    notice_id: int | None = None
    done: bool = False
    superseded: bool = False
    case_missing_since: dt.date | None = None
    withdrawn: bool = False  # its notice was unfiled (filed to the wrong case): closed, shown as withdrawn
    # not on the docket yet: the day as read on a notice waiting in this review item for a person to confirm it
    # (docgen.mailroom.deadlines.waiting_in_review)
    review_id: int | None = None

    @property
    def case_missing(self) -> bool:
        """Whether its case file is gone."""
        return self.case_missing_since is not None


@dataclass(frozen=True)
class NewNotice:
    """A notice to record."""

    identity: str  # receipt|type|notice date, or content hash|pages
    source_hash: str
    source_pages: str
    status: NoticeStatus
    data: dict[str, Any]  # the parsed notice
    filed_path: str
    case_id: str | None = None
    person: str | None = None  # whose notice it is: the case's person ref (principal, spouse...), once filed

    @property
    def receipt_number(self) -> str | None:
        """The receipt number read."""
        return self.data.get("receipt_number")

    @property
    def notice_type(self) -> str | None:
        """approval, rfe, receipt, ..."""
        return self.data.get("notice_type")

    @property
    def form(self) -> str | None:
        """The form the notice is about."""
        return self.data.get("form")

    @property
    def notice_date(self) -> str | None:
        """The notice date (YYYY-MM-DD)."""
        return self.data.get("notice_date")


@dataclass(frozen=True)
class NoticeRecord:
    """A notice as the docket keeps it."""

    id: int
    identity: str
    case_id: str | None
    status: NoticeStatus
    notice_type: str | None
    form: str | None
    receipt_number: str | None
    notice_date: str | None
    data: dict[str, Any]
    filed_path: str | None
    source_hash: str
    source_pages: str
    created_at: str = ""
    person: str | None = None  # whose notice it is (principal, spouse...); None in review, or not derivable (old)


@dataclass(frozen=True)
class NewExpectedReceipt:
    """A form filed for a person, whose receipt notice the docket waits for."""

    packet: str
    case_id: str
    person: str
    form: str
    name: str | None  # the person's name as filed
    fee: str | None  # the fee paid as filed ("1710.00"), if given
    office: str | None  # the receipt-number prefix of the office (WAC, EAC, IOE...), if given
    filed_on: dt.date
    expected_by: dt.date


@dataclass(frozen=True)
class ExpectedReceipt(NewExpectedReceipt):
    """An expected receipt as the docket keeps it."""

    id: int = 0
    status: ExpectationStatus = ExpectationStatus.EXPECTED
    notice_id: int | None = None
    receipt_number: str | None = None


@dataclass(frozen=True)
class ReviewRecord:
    """Something that needs a person: a notice (``notice_id``) or a whole file (``source_hash``)."""

    id: int
    notice_id: int | None
    source_hash: str | None
    reason: str
    path: str | None
    status: ReviewStatus
    resolution: str | None
    created_at: str
    resolved_at: str | None


@dataclass(frozen=True)
class NewAlias:
    """What a review taught: a name, trading name or receipt number as a notice wrote it, and where it belongs."""

    kind: AliasKind
    key: str  # the form matching compares (names normalised, a company without its legal suffix)
    written: str  # as the notice wrote it (shown in the list)
    case_id: str
    person: str | None = None  # a name's person in the case
    target: str | None = None  # a petitioner alias: the case's petitioner, as matching compares it
    review_id: int | None = None


@dataclass(frozen=True)
class Alias(NewAlias):
    """An alias as the docket keeps it."""

    id: int = 0
    created_at: str = ""
    created_by: str = ""


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when, to which file and case (details never hold identity numbers)."""

    id: int
    at: str
    actor: str
    action: str
    file: str | None
    case_id: str | None
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Intent:
    """A case-file change recorded before it is made (see :mod:`docgen.mailroom.filing`)."""

    id: int
    identity: str
    case_id: str
    case_path: str
    payload: dict[str, Any]


class UnitOfWork(Protocol):
    """The writes of one atomic change; got from :meth:`Docket.transaction`."""

    def record_source(self, content_hash: str, name: str, status: SourceStatus, notices: int) -> None:
        """Mark a file's content as ingested (again: the status is updated)."""

    def notice_taken(self, identity: str) -> bool:
        """Whether a notice of this identity is recorded, or being filed (a pending intent)."""

    def add_notice(self, notice: NewNotice) -> int:
        """Record a notice (its identity must not be taken); returns its id."""

    def update_notice(self, notice_id: int, notice: NewNotice) -> None:
        """Replace what is known of a notice (after review)."""

    def add_deadline(self, deadline: Deadline, notice_id: int | None = None) -> None:
        """Record a deadline; the same case, person, kind and day is kept once."""

    def record_case_owner(self, case_id: str, owner: str) -> None:
        """Keep the case file's owner (``facts.owner``, '' for none) as it says now."""

    def record_case_deadlines(
        self, case_id: str, deadlines: Sequence[Deadline], closed: bool = False
    ) -> list[DeadlineRecord]:
        """Record the deadlines a case file gives now; those it gave before and no longer gives are closed as
        superseded (returned), one superseded before and given again is open again; deadlines from notices
        and filings, those done by hand and those of a kind no case file gives (:data:`CASE_FILE_KINDS`: an RFE
        deadline added by hand) are not touched. One whose ``twins`` (the person's same date in other case files)
        was done by hand is recorded done: closed once, it is closed for the person.

        ``closed``: the case is withdrawn or denied. Its dates closed by hand are then marked superseded too (not
        returned: they were closed already), so the case reopened gives them again, open: a date closed while the
        case was withdrawn was closed because of it, and a reopened case's I-94 must alert."""

    def supersede(self, case_id: str, person: str, kinds: tuple[DeadlineKind, ...]) -> None:
        """Close ``kinds`` of every notice of the person but the one with the latest validity."""

    def close_response_deadlines(self, receipt: str, kinds: tuple[DeadlineKind, ...]) -> None:
        """Close ``kinds`` set by notices of this receipt number that a filed decision of it, dated on or
        after them, answered (whichever was filed first: the outcome never depends on the ingest order)."""

    def withdraw_deadlines(self, notice_id: int) -> list[DeadlineRecord]:
        """Withdraw the deadlines a notice set (it is unfiled): closed and marked withdrawn; returns them."""

    def receipt_unmatched(self, notice_id: int) -> list[ExpectedReceipt]:
        """The expected receipts a notice settled wait again (it is unfiled); returns them."""

    def reopen_deadlines(self, deadline_ids: Sequence[int]) -> None:
        """Open again deadlines a notice's filing closed (it is unfiled)."""

    def case_file_gone(self, case_id: str, since: dt.date) -> list[DeadlineRecord]:
        """Flag the open deadlines of a case whose file is gone (they stay open: never closed silently); returns
        those newly flagged."""

    def case_file_back(self, case_id: str) -> list[DeadlineRecord]:
        """Clear the flag of a case whose file is there (again); returns the open deadlines cleared."""

    def mark_done(self, deadline_id: int) -> DeadlineRecord | None:
        """Close one open deadline by hand; None when there is no such open deadline."""

    def add_review(
        self, reason: str, path: str | None, notice_id: int | None = None, source_hash: str | None = None
    ) -> int:
        """Open a review item; returns its id."""

    def close_review(self, review_id: int, resolution: str) -> None:
        """Mark a review item resolved."""

    def audit(self, action: str, file: str | None = None, case_id: str | None = None, **details: Any) -> None:
        """Append to the audit log (the actor and time are added)."""

    def add_intent(self, identity: str, case_id: str, case_path: str, payload: dict[str, Any]) -> int:
        """Record a case-file change before it is made; returns its id."""

    def intent_pending(self, intent_id: int) -> bool:
        """Whether this intent still waits to be completed."""

    def drop_intent(self, intent_id: int) -> None:
        """The intent is completed."""

    def close_deadline(self, case_id: str, person: str, kind: DeadlineKind) -> None:
        """Close the open deadlines of one kind of a case and person."""

    def expect_receipt(self, expected: NewExpectedReceipt) -> bool:
        """Record a receipt to wait for; False when this form was already marked filed that day."""

    def open_expectations(self, case_id: str, form: str) -> list[ExpectedReceipt]:
        """The receipts of one form of a case still awaited, oldest filing first."""

    def receipt_arrived(
        self, expected_id: int, notice_id: int, receipt_number: str | None, status: ExpectationStatus
    ) -> None:
        """An awaited receipt came (``received``, or ``differs`` from what was filed)."""

    def add_alias(self, alias: NewAlias) -> int | None:
        """Remember an alias; its id, or None when the same alias already leads to that case."""

    def remove_alias(self, alias_id: int) -> Alias | None:
        """Forget one alias; what was removed, or None when there is no such alias."""

    def insert_row(self, table: str, row: dict[str, Any]) -> None:
        """Put one exported row back as it was (import); its id is kept."""


class Docket(Protocol):
    """A docket: typed reads, and writes through one unit of work at a time."""

    @property
    def location(self) -> str:
        """Where the docket is (a path or a database address without password), for messages."""

    def transaction(self) -> AbstractContextManager[UnitOfWork]:
        """One atomic change: committed when the block ends, rolled back if it raises."""

    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Docket: ...

    def __exit__(self, *exc: object) -> None: ...

    @property
    def schema_version(self) -> int:
        """The schema version of the store."""

    def deadlines_due(self, within_days: int | None = None, today: dt.date | None = None) -> list[DeadlineRecord]:
        """Open deadlines, soonest first (only those due within ``within_days`` of ``today`` when given)."""

    def case_owners(self) -> dict[str, str]:
        """Each case's owner as last recorded from its case file ('' when the file names no one)."""

    def notices(self, case_id: str | None = None) -> list[NoticeRecord]:
        """Every notice (of one case), oldest first."""

    def latest_filed(self, limit: int) -> list[NoticeRecord]:
        """The ``limit`` notices recorded last among those filed to a case, newest first (the desk's "Filed
        lately")."""

    def notice(self, notice_id: int) -> NoticeRecord | None:
        """One notice."""

    def find_notice(self, identity: str) -> NoticeRecord | None:
        """The notice with this identity, if recorded."""

    def case_for_receipt(self, receipt: str) -> str | None:
        """The case a receipt number was filed to before."""

    def source_status(self, content_hash: str) -> SourceStatus | None:
        """What came of this file content, if it was ingested before."""

    def reviews(self, status: ReviewStatus = ReviewStatus.OPEN, notice_id: int | None = None) -> list[ReviewRecord]:
        """Review items (open by default; of one notice), oldest first."""

    def review(self, review_id: int) -> ReviewRecord | None:
        """One review item."""

    def audit_log(self, case_id: str | None = None) -> list[AuditEntry]:
        """The audit log (of one case), oldest first."""

    def intents(self) -> list[Intent]:
        """Intents not completed (a run was killed between changing a case file and recording it)."""

    def expected_receipts(
        self, case_id: str | None = None, status: ExpectationStatus | None = None
    ) -> list[ExpectedReceipt]:
        """Receipts expected from packets marked filed (of one case, in one status), oldest first."""

    def deadlines_closed(self, since: dt.date) -> list[DeadlineRecord]:
        """Deadlines done (by hand or by a later notice) that fall on or after ``since``, soonest first."""

    def aliases(self, kind: AliasKind | None = None, key: str | None = None) -> list[Alias]:
        """Learned aliases (of one kind, with one key), oldest first."""

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one docket table as stored (for export)."""


def now() -> str:
    """UTC time stamp for records."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_acting: ContextVar[str | None] = ContextVar("docgen_docket_actor", default=None)


@contextlib.contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Record the docket changes made inside the block as done by ``name`` (a workspace user), not the OS user.

    Kept per thread and per task, so two people acting at once through one server are each recorded as
    themselves.
    """
    token = _acting.set(name)
    try:
        yield
    finally:
        _acting.reset(token)


def actor() -> str:
    """Who is acting, for the audit log: the workspace user (:func:`acting_as`), else ``DOCGEN_ACTOR``, else
    the OS user."""
    named = _acting.get()
    if named:
        return named
    try:
        return os.environ.get("DOCGEN_ACTOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


DATABASE_URL_ENV = "DOCGEN_DATABASE_URL"


def is_database_url(location: str | Path) -> bool:
    """Whether a docket location is a PostgreSQL address rather than a file."""
    return str(location).startswith(("postgres://", "postgresql://"))


def open_docket(location: str | Path, create: bool = True, wait: float = 60.0) -> Docket:
    """The docket at ``location``: ``postgresql://...`` on a PostgreSQL server, else a SQLite file.

    A file is given as a path or ``sqlite:///path``.

    ``create=False`` refuses to make a new one (reading commands: a typo is not a new docket). ``wait``: the
    seconds a SQLite docket waits for another program's write lock before
    :class:`~docgen.errors.DocketBusyError` (a page that only reads waits a few; writes keep the long wait).
    """
    text = str(location)
    if is_database_url(text):
        from docgen.mailroom.postgres_docket import PostgresDocket

        return PostgresDocket(text)
    from docgen.mailroom.sqlite_docket import SqliteDocket

    return SqliteDocket(Path(text.removeprefix("sqlite:///")), create=create, wait=wait)
