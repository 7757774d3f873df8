"""The docket's deadlines from case files, kept in step with the files: the one path every case save goes through.

A case file gives deadlines (each person's I-94 and passport expiry, an H-1B
LCA's public access file: :func:`docgen.mailroom.deadlines.from_case`). They
are recorded in the docket, so the deadlines list, the digest and the
calendar feed read them from one place. Whoever writes a case file calls
this module right after:

- the workspace's case page, on save (:func:`sync_case_file`);
- a notice filed to a case (ingest, ``mailroom resolve``, the review desk),
  in the same transaction that records the notice (:func:`record_case`);
- ``mailroom ingest`` (and the watcher), for the whole folder at its start
  (:func:`sync_case_folder`): edits made with a text editor, and whatever a
  failed sync above left behind, are caught up there; and at its end for the
  case files its notices changed, and only those (:func:`sync_changed_case`).

A date changed closes the old deadline as superseded (audited, sent to
subscribed calendars as cancelled) and records the new one. A case file
that is gone (deleted, moved out of the folder, its ``case_id`` changed, or
unreadable) leaves its case's open deadlines open but flagged "case file
missing" from that day, audited: the digest, ``docgen deadlines`` and the
workspace show them as needing attention, a person closes them (``mailroom
done``) or brings the file back, which clears the flag.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.case.loader import load_case
from docgen.case.model import Case
from docgen.compliance.reports import Placed, case_owner, is_closed, once_per_person, person_key
from docgen.errors import DocgenError
from docgen.mailroom.cases import CaseEntry, CaseStore, last_read
from docgen.mailroom.deadlines import from_case
from docgen.mailroom.docket import DeadlineRecord, Docket, UnitOfWork


@dataclass
class CaseSync:
    """What a sync changed: deadlines superseded by a new date, flagged (case file missing), reattached (the
    file is back), and the dates no deadline can fall on (one line each, naming file, person and field)."""

    superseded: list[DeadlineRecord] = field(default_factory=list)
    missing: list[DeadlineRecord] = field(default_factory=list)
    reattached: list[DeadlineRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # the case files recorded (path, the case as recorded): remembered once the docket's transaction is done
    recorded: list[tuple[Path, Case]] = field(default_factory=list, compare=False, repr=False)

    def add(self, other: CaseSync) -> None:
        """Take in another sync's changes."""
        self.superseded += other.superseded
        self.missing += other.missing
        self.reattached += other.reattached
        self.problems += other.problems
        self.recorded += other.recorded


_RECORDED_KEPT = 4096  # case files remembered as last recorded (a workspace's folder: all of them)
_recorded: dict[Path, Case] = {}  # a case file's path: the case as this process last recorded it in the docket
_recorded_lock = threading.Lock()


def _remember(recorded: Iterable[tuple[Path, Case]]) -> None:
    """Remember the cases just recorded (after their transaction): what a later save compares with."""
    with _recorded_lock:
        for path, case in recorded:
            path = path.absolute()
            _recorded.pop(path, None)
            _recorded[path] = case  # recorded last, kept longest
        while len(_recorded) > _RECORDED_KEPT:
            del _recorded[next(iter(_recorded))]


def last_recorded(path: Path) -> Case | None:
    """The case a file held when this process last recorded it in the docket (a save, a folder sync), if it did:
    not what it last read (a folder read after an edit made outside would hide a person the edit removed)."""
    with _recorded_lock:
        return _recorded.get(path.absolute())


def record_case(tx: UnitOfWork, case: Case, source: str = "", placed: Placed | None = None) -> CaseSync:
    """Record the deadlines ``case`` gives now (``source``: its file's name, for problems), inside ``tx``;
    ``placed`` (:func:`docgen.compliance.reports.once_per_person` over the folder): a person's own dates only on
    the case the reports list them on (see :func:`from_case`).

    Superseded deadlines and a case file back are written to the audit log with the case, person and kind, never a
    date (a passport's or a stay's end), a name or the file's name.
    """
    deadlines, problems = from_case(case, source, placed)
    out = CaseSync(problems=problems)
    out.superseded = tx.record_case_deadlines(case.case_id, deadlines, closed=is_closed(case))
    tx.record_case_owner(case.case_id, case_owner(case))
    for gone in out.superseded:
        tx.audit(
            "case-file deadline superseded",
            case_id=gone.case_id,
            deadline=gone.id,
            person=gone.person,
            kind=gone.kind.value,
        )
    out.reattached = tx.case_file_back(case.case_id)
    if out.reattached:
        tx.audit(
            "case file back: deadlines no longer flagged",
            case_id=case.case_id,
            deadlines=[row.id for row in out.reattached],
        )
    return out


def sync_case_file(
    docket: Docket, path: Path, previous_case_id: str | None = None, today: dt.date | None = None
) -> CaseSync:
    """Record one case file's deadlines as the file says now (after a save).

    ``previous_case_id``: the case id the file held before the save; when the save changed it, the open deadlines
    of the old id are flagged "case file missing" at once, as the next ingest would (no file holds that case any
    more). The file is read inside the docket's write transaction, so of two saves at once the one recorded last has
    read the latest file. A file that cannot be read raises its :class:`~docgen.errors.CaseDataError`; nothing is
    recorded. When another case file of the folder cannot be read, the open deadlines of the cases no readable file
    holds are flagged "case file missing" at once, as the next ingest would: a person's date this save lists on this
    case may also be on the broken file's case, which then says why.
    """
    # as the docket last recorded it from this process (none: every file again), and, should another program have
    # recorded it since, as this process last read it (a person that version added is followed too)
    recorded = last_recorded(path)
    with docket.transaction() as tx:
        before = (recorded, last_read(path))
        case = load_case(path)
        day = today or dt.date.today()
        try:
            store: CaseStore | None = CaseStore(path.parent)
        except (DocgenError, OSError):
            store = None  # read alone (two files of one case id): record_case_in_folder says how
        entries = store.entries.values() if store is not None else None
        out = record_case_in_folder(tx, case, path, entries, before=before, every=recorded is None)
        if previous_case_id and previous_case_id != case.case_id:
            out.missing = _flag_missing(tx, previous_case_id, day)
        if store is not None and store.unreadable:
            for gone in sorted({row.case_id for row in docket.deadlines_due()} - set(store.entries) - {case.case_id}):
                out.missing += _flag_missing(tx, gone, day)
    _remember(out.recorded)
    return out


def sync_changed_case(
    docket: Docket,
    case_id: str,
    path: Path,
    today: dt.date | None = None,
    folder: Iterable[CaseEntry] | None = None,
) -> CaseSync:
    """A case file a notice changed, as it says now (its filing recorded it already; this says what the dates
    of the file as written give, a date no deadline can fall on among them); a file that cannot be read any more
    has its case's open deadlines flagged "case file missing", as the next sync of the folder would. ``folder``:
    the other case files as already read (see :func:`record_case_in_folder`)."""
    try:
        with docket.transaction() as tx:
            out = record_case_in_folder(tx, load_case(path), path, folder)
        _remember(out.recorded)
        return out
    except (DocgenError, OSError):
        with docket.transaction() as tx:
            return CaseSync(missing=_flag_missing(tx, case_id, today or dt.date.today()))


def record_case_in_folder(
    tx: UnitOfWork,
    case: Case,
    path: Path,
    folder: Iterable[CaseEntry] | None = None,
    before: tuple[Case | None, ...] = (),
    every: bool = False,
) -> CaseSync:
    """Record ``case``, just read from ``path``, with the other case files of its folder: a person in two case files
    (a spouse in the family's H-1B case and in her own I-765 case) has each own date (I-94, passport, EAD, advance
    parole) on one case, the one the reports list it on, so a change that moves a date from one case to the other
    records the other case files sharing a person with it again too (a date neither lost nor listed twice); the
    folder's other files are not touched. A folder that cannot be read as a whole (two files of one case id) records
    the case alone, every date of it; the next ingest says why.

    ``folder``: the folder's case files as already read (an ingest reads the folder once, at its start), else the
    folder is read here. ``before``: the case as it was (one version or more), when the change may have renamed or
    removed a person (a save): the files sharing a person with any of them are recorded again too; a notice's change
    keeps the people. ``every``: record every other file (what the case held before is not known)."""
    if folder is None:
        try:
            folder = CaseStore(path.parent).entries.values()
        except (DocgenError, OSError):
            return dataclasses.replace(record_case(tx, case, path.name), recorded=[(path, case)])
    entries = list(folder)
    others = [entry for entry in entries if entry.case.case_id != case.case_id]
    placed = once_per_person([case, *(entry.case for entry in others)])
    out = dataclasses.replace(record_case(tx, case, path.name, placed), recorded=[(path, case)])
    people = {person_key(person) for version in (case, *before) if version for _, person in version.people_by_ref()}
    for entry in others:  # their dates out of bounds are said by the next ingest, not on this save
        if every or any(person_key(person) in people for _, person in entry.case.people_by_ref()):
            again = record_case(tx, entry.case, entry.path.name, placed)
            out.add(dataclasses.replace(again, problems=[], recorded=[(entry.path, entry.case)]))
    return out


def _flag_missing(tx: UnitOfWork, case_id: str, day: dt.date) -> list[DeadlineRecord]:
    flagged = tx.case_file_gone(case_id, day)
    if flagged:
        tx.audit("case file missing: deadlines kept open", case_id=case_id, deadlines=[row.id for row in flagged])
    return flagged


def sync_case_folder(docket: Docket, folder: Path, today: dt.date | None = None) -> tuple[CaseStore, CaseSync]:
    """Record every case file's deadlines, and flag the open deadlines of cases no readable file holds any more.

    Returns the folder as read (inside the docket's write transaction: of two ingests at once, the one recorded
    last read the latest files) and what changed. A flagged deadline keeps its first day; the flag is cleared when
    a file of that ``case_id`` is read again.
    """
    day = today or dt.date.today()
    out = CaseSync()
    with docket.transaction() as tx:
        store = CaseStore(folder)
        placed = once_per_person(entry.case for entry in store.entries.values())
        for entry in store.entries.values():
            out.add(record_case(tx, entry.case, entry.path.name, placed))
        for case_id in sorted({row.case_id for row in docket.deadlines_due()} - set(store.entries)):
            out.missing += _flag_missing(tx, case_id, day)
    _remember((entry.path, entry.case) for entry in store.entries.values())
    return store, out
