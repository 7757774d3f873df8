"""The weekly reports of a global-mobility team, as rows: expirations, case status, the HRIS export.

Each report is a function from loaded cases to a :class:`~docgen.compliance.export.Report`
(the writers in :mod:`docgen.compliance.export` make the table, CSV or XLSX),
so the command line and the web workspace show the same rows. Lead times,
actions and stage words are data (``reports.yaml``); the HRIS columns come
from a mapping file (``hris.yaml`` is the default).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import gc
import re
import signal
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from docgen.bundled import bundled_dir
from docgen.case.loader import load_case, parse_case, standing_files
from docgen.case.model import I129_CLASSIFICATION, Case, Person
from docgen.compliance.export import Report
from docgen.errors import CaseDataError, DocgenError, UsageError
from docgen.mailroom.cases import same_form
from docgen.mailroom.deadlines import in_bounds, out_of_bounds
from docgen.yamlio import load_yaml_file, load_yaml_text

# --- data ------------------------------------------------------------------------------------------


ExpiringKind = Literal["status", "i94", "ead", "advance_parole", "passport", "six_year"]


class Expiring(BaseModel):
    """What one kind of expiring document asks, and how early."""

    model_config = ConfigDict(extra="forbid")

    document: str
    lead_days: int
    action: str
    source: str
    listed_from_start: bool = False  # listed once the start-by day is in the window (a long lead time)


class PendingExtension(BaseModel):
    """The 240-day rule: how long a timely-filed extension lets the worker go on, and what the report says."""

    model_config = ConfigDict(extra="forbid")

    days: int
    forms: list[str]
    stages: list[str]
    not_for_bases: list[str]
    action: str
    late: str
    unknown: str
    source: str


class ApprovedExtension(BaseModel):
    """What the report says of an I-94 ending before the validity of the principal's approved extension."""

    model_config = ConfigDict(extra="forbid")

    action: str
    source: str


class Employees(BaseModel):
    """Whose case makes a person an employee in the HRIS export: the employer's forms and classifications."""

    model_config = ConfigDict(extra="forbid")

    forms: list[str]
    classifications: list[str]


class ReportRules(BaseModel):
    """``reports.yaml``."""

    model_config = ConfigDict(extra="forbid")

    expirations: dict[ExpiringKind, Expiring]
    six_year_statuses: list[str]
    stages: dict[str, list[str]]
    closed: list[str]
    pending_extension: PendingExtension
    approved_extension: ApprovedExtension
    employees: Employees


@functools.cache
def report_rules() -> ReportRules:
    """The bundled lead times, actions and stage words."""
    name = "docgen/data/compliance/reports.yaml"
    text = (bundled_dir("compliance") / "reports.yaml").read_text(encoding="utf-8")
    try:
        return ReportRules.model_validate(load_yaml_text(text, name, DocgenError))
    except ValidationError as exc:
        raise DocgenError(f"{name}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from None


# --- cases -----------------------------------------------------------------------------------------


@dataclass
class CaseSet:
    """The cases of a folder or sheet, and those that could not be read (named, never dropped silently)."""

    cases: list[Case]
    problems: list[str]


CASE_SUFFIXES = (".yaml", ".yml", ".json")
PARALLEL_FROM = 64  # case files; below this a process pool costs more than it saves


def _leave_interrupts_to_the_driver() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _load_one(path: Path) -> Case | str:
    try:
        return load_case(path)
    except DocgenError as exc:
        return str(exc)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while cases are read: reading builds hundreds of thousands of
    objects without cycles, which its passes walk again and again for nothing (about a tenth of the
    time); what is garbage is freed as usual, and the collector runs again afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_cases(source: Path | str, workers: int = 1) -> CaseSet:
    """Every case of a folder of case files or of a spreadsheet.

    Reading YAML is most of a report's time (about 2.5 ms a case file on a busy machine). With
    ``workers`` > 1 a folder of many files is spread over a process pool; that
    costs about half as much CPU again in sending the cases back, so it only
    pays on idle cores (``bench/bench_reports.py`` prints both), and reading in
    this process is the default.
    """
    path = Path(source)
    if not path.exists():
        raise UsageError(f"{path}: no such folder or sheet of cases; give --cases DIR")
    problems: list[str] = []
    if not path.is_dir():
        from docgen.batch.sources import read_cases  # a sheet: one case per row, as docgen batch reads it

        read: list[tuple[str, Case]] = []
        for row in read_cases(path):
            label = row.label
            try:
                if row.problem:
                    raise CaseDataError(row.problem)
                read.append((label, parse_case(row.data, label)))
            except CaseDataError as exc:
                problems.append(str(exc))
        return _one_per_case_id(read, problems)
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise UsageError(f"{path}: no case files (.yaml, .yml, .json) in this folder")
    if workers > 1 and len(files) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor  # only then: the import is a fiftieth of a report

        with ProcessPoolExecutor(max_workers=workers, initializer=_leave_interrupts_to_the_driver) as pool:
            loaded = list(pool.map(_load_one, files, chunksize=max(1, len(files) // (workers * 4))))
    else:
        with _collector_paused():
            loaded = [_load_one(file) for file in files]
    read = []
    for file, item in zip(files, loaded, strict=True):
        if isinstance(item, Case):
            read.append((str(file), item))
        else:
            problems.append(item)
    return _one_per_case_id(read, problems)


def _one_per_case_id(read: list[tuple[str, Case]], problems: list[str]) -> CaseSet:
    """Each case id once: a second file (or row) of a case id, a copy left beside the case file, would count the
    case twice in the status report and list its people's dates twice, the copy's maybe stale; it is left out and
    named, as one that cannot be read (the mailroom refuses such a folder too)."""
    standing = standing_files([(label, case.case_id) for label, case in read])
    cases: list[Case] = []
    for label, case in read:
        if standing[case.case_id] != label:
            problems.append(
                f"{label}: case_id {case.case_id!r} is also the case_id of {standing[case.case_id]}; "
                "give each case its own case_id (or move the copy out of the folder)"
            )
            continue
        cases.append(case)
    return CaseSet(cases, problems)


def _name(person: Person) -> str:
    return " ".join(p for p in (person.given_name, person.middle_name, person.family_name) if p)


def person_key(person: Person) -> tuple[str, str, dt.date]:
    """Who a person is across case files (an employee's H-1B extension and green card, a spouse in the family's
    case and in her own I-765 case): family and given name as written, in any case and spacing, and the birth
    date. A key only: the birth date is never printed."""
    return (
        " ".join(person.family_name.split()).casefold(),
        " ".join(person.given_name.split()).casefold(),
        person.birth_date,
    )


def classification_of(case: Case, person: Person, principal: bool) -> str | None:
    """The person's status now (I-94, else current status); for the principal without one, the case's."""
    status = (person.i94.status if person.i94 else None) or person.current_status
    return status or (case.facts.classification if principal else None)


# --- expirations -------------------------------------------------------------------------------------

EXPIRATION_COLUMNS = [
    "expires",
    "days_left",
    "case_id",
    "person",
    "name",
    "employee_id",
    "classification",
    "document",
    "action",
    "work_until",
    "start_by",
    "owner",
    "also_in",
]


def is_closed(case: Case) -> bool:
    """A withdrawn or denied case (``facts.status``, words in ``reports.yaml``): its dates alert no one."""
    return (case.facts.status or "").strip().lower() in report_rules().closed


DECIDED = ("approval", "denial", "rejection")  # notice types of a receipt number whose filing is no longer pending


def _pending_extension(
    case: Case, kind: ExpiringKind, principal: bool, expires: dt.date, docket: dict[str, FilingDates] | None
) -> tuple[str, dt.date | None] | None:
    """For the principal's I-94 or status end while the case's extension is pending: the action the 240-day rule
    gives and the last day the person may work (None when the filing was late or its day is not known)."""
    rule = report_rules().pending_extension
    if kind not in ("i94", "status") or not principal or stage_of(case) not in rule.stages:
        return None
    if (case.facts.basis or "") in rule.not_for_bases:
        return None
    form = case.facts.form
    if not (
        any(same_form(form, extension) for extension in rule.forms)
        if form
        else I129_CLASSIFICATION.match((case.facts.classification or "").replace(" ", ""))
    ):
        return None  # an I-485, I-765 or I-539 pending extends no work status
    numbers = [  # the pending filing's, not an earlier petition's approval kept in the case file
        r.number
        for r in case.facts.receipt_numbers
        if (not form or same_form(r.form, form)) and (r.notice_type or "").lower() not in DECIDED
    ]
    receipt = f" ({numbers[-1]})" if numbers else ""
    filed = filing_dates(case, docket).filed
    if filed is None:
        return rule.unknown.format(receipt=receipt), None
    if filed > expires:
        return "OVERDUE: " + rule.late.format(filed=filed.isoformat(), receipt=receipt), None
    until = expires + dt.timedelta(days=rule.days)
    return rule.action.format(filed=filed.isoformat(), receipt=receipt, until=until.isoformat()), until


def work_until(
    case: Case, person: Person, kind: ExpiringKind, expires: dt.date, docket: dict[str, FilingDates] | None = None
) -> dt.date | None:
    """The last day the person may work under the 240-day rule while the case's extension, filed before
    ``expires`` (the principal's I-94 or status end), is pending; None when the rule does not apply."""
    pending = _pending_extension(case, kind, person is case.beneficiary, expires, docket)
    return pending[1] if pending else None


def approved_past(case: Case, person: Person, kind: ExpiringKind, expires: dt.date) -> dt.date | None:
    """The validity of the principal's approved extension when it runs past this I-94's end (the I-94 to record is
    on the Form I-797A approval), else None."""
    if _approved_extension(case, kind, person is case.beneficiary, expires, expired=False) is None:
        return None
    return case.facts.approved_to


def _approved_extension(case: Case, kind: ExpiringKind, principal: bool, expires: dt.date, expired: bool) -> str | None:
    """For the principal's I-94 ending before the validity of the case's approved extension: not an extension
    to file, but the approval's I-94 to record (None for any other row)."""
    approved = case.facts.approved_to
    if kind != "i94" or not principal or approved is None or approved <= expires or stage_of(case) != "approved":
        return None
    action = report_rules().approved_extension.action.format(approved_to=approved.isoformat())
    return ("OVERDUE: " if expired else "") + action


def _status_key(status: str | None) -> str:
    return "".join(ch for ch in (status or "").upper() if ch.isalnum())


def _years_on(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February: 1 March of a common year); ``dt.date.max`` past year 9999."""
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def h1b_six_year_end(person: Person) -> dt.date | None:
    """The last day of the person's six years in H and L status (8 CFR 214.2(h)(13)(iii)(A)), from
    ``status_history``: six years from the first day in a counted status, pushed back by the days between periods
    (out of status, or abroad when the history is split around a trip). A year or more between counted periods in
    which no period of another status is written (abroad: the immediate prior year outside the United States)
    starts a new six years. None unless the person's latest period is H-1B. Overlapping periods count once; the
    latest period is taken to go on. A date past year 9999 (a mistyped year) is ``dt.date.max``, which no report
    or deadline takes (it is named as impossible)."""
    counted = {_status_key(s) for s in report_rules().six_year_statuses}
    periods = sorted(person.status_history, key=lambda p: (p.start_date, p.end_date or dt.date.max))
    if not periods or _status_key(max(person.status_history, key=lambda p: p.start_date).status) != "H1B":
        return None
    others = [p for p in periods if _status_key(p.status) not in counted]  # in the United States in another status
    periods = [p for p in periods if _status_key(p.status) in counted]
    first = periods[0].start_date
    gaps, reached = 0, first - dt.timedelta(days=1)  # the last day counted so far
    for period in periods:
        if period.start_date > reached + dt.timedelta(days=1):
            out_from = reached + dt.timedelta(days=1)
            abroad = not any(
                o.start_date < period.start_date and (o.end_date or dt.date.max) >= out_from for o in others
            )
            if abroad and period.start_date >= _years_on(out_from, 1):
                first, gaps = period.start_date, 0  # a year outside: a new six years
            else:
                gaps += (period.start_date - reached).days - 1
        reached = max(reached, period.end_date or dt.date.max - dt.timedelta(days=1))
    end = _years_on(first, 6)
    if (dt.date.max - end).days <= gaps:
        return dt.date.max
    return end - dt.timedelta(days=1) + dt.timedelta(days=gaps)


def _expiring(case: Case) -> Iterable[tuple[str, Person, bool, ExpiringKind, dt.date]]:
    ead_case = (case.facts.form or "").upper().replace(" ", "") == "I-765"  # its approval is an EAD (the docket's)
    for index, (ref, person) in enumerate(case.people_by_ref()):
        principal = index == 0
        found: list[tuple[ExpiringKind, dt.date | None]] = [
            ("ead" if ead_case else "status", case.facts.approved_to if principal else None),
            ("i94", person.i94.expiry_date if person.i94 else None),
            ("ead", person.ead.expiry_date if person.ead else None),
            ("advance_parole", person.advance_parole.expiry_date if person.advance_parole else None),
            ("passport", person.passport.expiry_date if person.passport else None),
            ("six_year", h1b_six_year_end(person)),
        ]
        for kind, day in dict.fromkeys((kind, day) for kind, day in found if day is not None):  # each once
            assert day is not None
            yield ref, person, principal, kind, day


def expirations_report(
    cases: Iterable[Case],
    *,
    within: int = 180,
    today: dt.date | None = None,
    docket: dict[str, FilingDates] | None = None,
) -> Report:
    """Every document ending within ``within`` days (or already ended), soonest first, with the action due and
    the working day to start by. A closed case (withdrawn, denied) is left out; the principal's I-94 and status
    end while an extension filed in time is pending say until when the person may work (the 240-day rule), with
    the received date from the case file, else from ``docket`` (:func:`docket_filing_dates`)."""
    from docgen.compliance.rules import business_day_on_or_before  # the holidays calendar: only when used

    day = today or dt.date.today()
    horizon = day + dt.timedelta(days=within)
    rules = report_rules().expirations
    found: list[tuple[dict[str, Any], Case, Person, bool, ExpiringKind, dt.date]] = []
    report = Report(f"Expirations within {within} days of {day.isoformat()}", list(EXPIRATION_COLUMNS))
    for case in cases:
        if is_closed(case):
            continue
        for ref, person, principal, kind, expires in _expiring(case):
            if not in_bounds(expires):
                report.notes.append(out_of_bounds(f"case {case.case_id}: {ref}: {rules[kind].document}", expires))
                continue
            rule = rules[kind]
            start = business_day_on_or_before(expires - dt.timedelta(days=rule.lead_days))
            if expires > horizon and not (rule.listed_from_start and start <= horizon):
                continue
            action = ("OVERDUE: " if expires < day else "") + rule.action
            work_until = None
            pending = _pending_extension(case, kind, principal, expires, docket)
            if pending is not None:
                action, work_until = pending
                if work_until is not None and work_until < day:
                    action = "OVERDUE: the 240 days ended; " + action
            else:
                action = _approved_extension(case, kind, principal, expires, expired=expires < day) or action
            found.append(
                (
                    {
                        "expires": expires,
                        "days_left": (expires - day).days,
                        "case_id": case.case_id,
                        "person": ref,
                        "name": _name(person),
                        "employee_id": person.employee_id,
                        "classification": classification_of(case, person, principal),
                        "document": rule.document,
                        "action": action,
                        "start_by": start,
                        "owner": case.facts.owner,
                        "work_until": work_until,
                        "also_in": None,
                    },
                    case,
                    person,
                    principal,
                    kind,
                    expires,
                )
            )
    for row, others in listed_once(found, docket):  # a person in two case files: each date on one row
        also = sorted({other["case_id"] for other in others})
        row["also_in"] = ", ".join(also) or None  # a case id may hold a space
        report.rows.append(row)
    report.rows.sort(key=lambda r: (r["expires"], r["case_id"], r["person"], r["document"]))
    return report


def listing_rank(
    case: Case, kind: ExpiringKind, principal: bool, expires: dt.date, docket: dict[str, FilingDates] | None
) -> tuple[bool, bool, str]:
    """Which case lists a date a person holds in two case files, lowest first: the one whose case says more (a
    pending or approved extension's action), else the one where the person is the principal, else the first id."""
    specific = (
        _pending_extension(case, kind, principal, expires, docket) is not None
        or _approved_extension(case, kind, principal, expires, expired=False) is not None
    )
    return (not specific, not principal, case.case_id)


ListedAt = tuple[str, str, str, dt.date]  # case id, person ref, document (``reports.yaml``), day
# where a person's date is listed (:func:`once_per_person`): the other (case id, person's ref) holding it, or None
Placed = Mapping[ListedAt, tuple[tuple[str, str], ...] | None]
Held = TypeVar("Held")


def listed_once(
    held: Iterable[tuple[Held, Case, Person, bool, ExpiringKind, dt.date]],
    docket: dict[str, FilingDates] | None = None,
) -> list[tuple[Held, list[Held]]]:
    """The one rule of a person in two case files (an H-1B extension and the green card; a spouse in the family's
    case and in her own I-765 case): they hold one I-94, one passport, one EAD, each listed once.

    ``held``: what stands for each date (a report row, a deadline), with its case, the person, whether the person is
    the case's principal, the kind and the day. Grouped by who the person is (:func:`person_key`), the document
    (``reports.yaml``) and the day; of each group, the item of the case :func:`listing_rank` puts first (``docket``:
    the docket's filing dates), with the items of the other case files holding the same date. Another item of the
    kept case (the person written twice in one case file) is dropped: the date is listed once there too."""
    documents = report_rules().expirations
    groups: dict[Any, list[tuple[tuple[bool, bool, str], Held]]] = {}
    for item, case, person, principal, kind, day in held:
        key = (person_key(person), documents[kind].document, day)
        groups.setdefault(key, []).append((listing_rank(case, kind, principal, day, docket), item))
    out: list[tuple[Held, list[Held]]] = []
    for members in groups.values():
        members.sort(key=lambda member: member[0])
        (rank, kept), rest = members[0], members[1:]
        out.append((kept, [item for other, item in rest if other[2] != rank[2]]))  # rank[2]: the case id
    return out


def once_per_person(cases: Iterable[Case], docket: dict[str, FilingDates] | None = None) -> Placed:
    """Where each person's dates are listed once (the docket, the digest and the calendar agree with
    :func:`expirations_report`, by :func:`listed_once`): for every date of every open case (the case, the person's
    ref, the document as ``reports.yaml`` names it, the day), the other cases that hold it (case id, the person's
    ref there) when this case lists it, None when it is listed elsewhere."""
    documents = report_rules().expirations
    held = [
        ((case.case_id, ref, documents[kind].document, expires), case, person, principal, kind, expires)
        for case in cases
        if not is_closed(case)
        for ref, person, principal, kind, expires in _expiring(case)
    ]
    placed: dict[ListedAt, tuple[tuple[str, str], ...] | None] = dict.fromkeys(at for at, *_ in held)
    for kept, others in listed_once(held, docket):
        placed[kept] = tuple(sorted({(at[0], at[1]) for at in others}))
    return placed


# --- status ------------------------------------------------------------------------------------------

STAGES = ("drafting", "filed", "receipted", "rfe", "approved", "denied", "withdrawn", "closed")
STATUS_COLUMNS = [
    "classification",
    "stage",
    "status",
    "cases",
    "median_days_to_receipt",
    "longest_days_to_receipt",
    "median_days_to_decision",
    "longest_days_to_decision",
    "case_ids",
]


def stage_of(case: Case) -> str:
    """Where a case stands: drafting, filed, receipted, rfe, approved or denied."""
    status = (case.facts.status or "").strip().lower()
    for stage, words in report_rules().stages.items():
        if status in words:
            return stage
    if case.facts.decision_date:
        return "approved" if "approv" in status else "denied" if "den" in status else "receipted"
    if case.facts.receipt_date:
        return "receipted"
    if case.facts.filed_date:
        return "filed"
    return "drafting"


def _median(values: list[int]) -> float | int | None:
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if float(middle).is_integer() else float(middle)


@dataclass
class FilingDates:
    """When a case's filing was received by USCIS, receipted and decided."""

    filed: dt.date | None = None
    receipt: dt.date | None = None
    decision: dt.date | None = None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def docket_filing_dates(
    docket_path: Path | str, forms: Mapping[str, str] | None = None, wait: float = 60.0
) -> dict[str, FilingDates]:
    """Per case, the dates of its latest filing as the docket's notices say: received (filed), receipt notice,
    approval or denial. ``forms`` (case id to ``facts.form``) keeps a case to filings of its own form when the
    docket has one (a spouse's I-539 received later is not the H-1B case's filing). Read only."""
    from docgen.mailroom.docket import NoticeStatus, open_docket  # only when --docket is given

    by_receipt: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with open_docket(docket_path, create=False, wait=wait) as docket:
        for notice in docket.notices():
            if notice.case_id and notice.receipt_number and notice.status == NoticeStatus.FILED:
                by_receipt.setdefault((notice.case_id, notice.receipt_number), []).append(notice.data)
    own = {
        case_id
        for (case_id, _), notices in by_receipt.items()
        if any(same_form(data.get("form"), (forms or {}).get(case_id)) for data in notices)
    }
    latest: dict[str, tuple[dt.date, FilingDates]] = {}
    for (case_id, _), notices in by_receipt.items():
        if case_id in own and not any(same_form(d.get("form"), (forms or {}).get(case_id)) for d in notices):
            continue
        dates = FilingDates()
        for data in notices:
            dates.filed = dates.filed or _date(data.get("received_date"))
            kind, day = data.get("notice_type"), _date(data.get("notice_date"))
            if kind == "receipt" and day and (dates.receipt is None or day < dates.receipt):
                dates.receipt = day
            if kind in ("approval", "denial") and day and (dates.decision is None or day > dates.decision):
                dates.decision = day
        key = dates.filed or dates.receipt or dt.date.min
        if case_id not in latest or key > latest[case_id][0]:
            latest[case_id] = (key, dates)
    return {case_id: dates for case_id, (_, dates) in latest.items()}


def filing_dates(case: Case, docket: dict[str, FilingDates] | None = None) -> FilingDates:
    """The case's own dates (facts.filed_date, receipt_date, decision_date), gaps filled from the docket for a
    case past drafting."""
    facts = case.facts
    dates = FilingDates(facts.filed_date, facts.receipt_date, facts.decision_date)
    known = (docket or {}).get(case.case_id)
    if known is not None and stage_of(case) != "drafting":
        dates.filed = dates.filed or known.filed
        dates.receipt = dates.receipt or known.receipt
        dates.decision = dates.decision or known.decision
    return dates


def status_report(cases: Iterable[Case], docket: dict[str, FilingDates] | None = None) -> Report:
    """Cases by classification, stage and status, with days from filing to receipt and receipt to decision
    (from the case's dates, else the docket's notices when ``docket`` is given)."""
    groups: dict[tuple[str, str, str], list[tuple[Case, FilingDates]]] = {}
    for case in cases:
        key = (case.facts.classification or "", stage_of(case), case.facts.status or "")
        groups.setdefault(key, []).append((case, filing_dates(case, docket)))
    report = Report("Cases by classification, stage and status", list(STATUS_COLUMNS))

    def order(key: tuple[str, str, str]) -> tuple[str, int, str]:
        return key[0], STAGES.index(key[1]) if key[1] in STAGES else len(STAGES), key[2]

    for key in sorted(groups, key=order):
        members = groups[key]
        to_receipt = [(d.receipt - d.filed).days for _, d in members if d.receipt and d.filed]
        to_decision = [(d.decision - d.receipt).days for _, d in members if d.decision and d.receipt]
        report.rows.append(
            {
                "classification": key[0],
                "stage": key[1],
                "status": key[2],
                "cases": len(members),
                "case_ids": " ".join(sorted(c.case_id for c, _ in members)),
                "median_days_to_receipt": _median(to_receipt),
                "longest_days_to_receipt": max(to_receipt, default=None),
                "median_days_to_decision": _median(to_decision),
                "longest_days_to_decision": max(to_decision, default=None),
            }
        )
    return report


# --- HRIS ----------------------------------------------------------------------------------------------

Getter = Callable[[Case, str, Person, bool], Any]


def employer_filed(case: Case) -> bool:
    """Whether the case is the employer's filing for its beneficiary (``employees`` in ``reports.yaml``): an
    I-129, I-140 or PERM; an I-485 or a case without a form by an employment classification (EB-2, H-1B)."""
    rule = report_rules().employees
    form = case.facts.form
    if form and any(same_form(form, employer) for employer in rule.forms):
        return True
    if form and not same_form(form, "I-485"):
        return False  # the person's own application (an I-765, an I-539, an I-131)
    return _status_key(case.facts.classification) in {_status_key(c) for c in rule.classifications}


def _rel(case: Case, ref: str, person: Person, principal: bool) -> str | None:
    if principal and employer_filed(case):
        return "employee"
    return person.relationship or (None if principal else "dependent")  # her own I-765: no relationship said


HRIS_FIELDS: dict[str, Getter] = {
    "case_id": lambda c, r, p, b: c.case_id,
    "person": lambda c, r, p, b: r,
    "relationship": _rel,
    "employee_id": lambda c, r, p, b: p.employee_id,
    "family_name": lambda c, r, p, b: p.family_name,
    "given_name": lambda c, r, p, b: p.given_name,
    "middle_name": lambda c, r, p, b: p.middle_name,
    "employer": lambda c, r, p, b: c.petitioner.name if c.petitioner else None,
    "job_title": lambda c, r, p, b: c.job.title if c.job and b else None,
    "classification": lambda c, r, p, b: classification_of(c, p, b),
    "status_valid_from": lambda c, r, p, b: c.facts.approved_from if b else None,
    "status_valid_to": lambda c, r, p, b: c.facts.approved_to if b else None,
    "i94_expiry": lambda c, r, p, b: p.i94.expiry_date if p.i94 else None,
    "passport_country": lambda c, r, p, b: p.passport.country if p.passport else None,
    "passport_expiry": lambda c, r, p, b: p.passport.expiry_date if p.passport else None,
    "ead_category": lambda c, r, p, b: p.ead.category if p.ead else None,
    "ead_expiry": lambda c, r, p, b: p.ead.expiry_date if p.ead else None,
    "advance_parole_expiry": lambda c, r, p, b: p.advance_parole.expiry_date if p.advance_parole else None,
    "case_status": lambda c, r, p, b: c.facts.status,
    "owner": lambda c, r, p, b: c.facts.owner,
    "lca_number": lambda c, r, p, b: c.job.lca_number if c.job else None,
    "priority_date": lambda c, r, p, b: c.facts.priority_date,  # a dependent's green card follows it too
    "h1b_six_year_end": lambda c, r, p, b: h1b_six_year_end(p),  # from the person's status_history
}


@dataclass
class HrisMapping:
    """Which people, which columns (header -> docgen field), and how dates are written."""

    columns: dict[str, str]
    people: str = "all"
    date_format: str | None = None
    source: str = "hris.yaml"


def _writes_a_date(pattern: str) -> bool:
    """Whether a strftime pattern writes day, month and year with date directives only (``%Q``, a time or a
    stray ``%`` would be written as text into every date cell)."""
    codes = set()
    for match in re.finditer(r"%-?(.?)", pattern):
        code = match.group(1)
        if code == "%":
            continue
        if not code or code not in "dmyYbBaAje":
            return False
        codes.add(code)
    return bool(codes & set("yY")) and (bool(codes & set("de") and codes & set("mbB")) or "j" in codes)


def load_mapping(path: Path | str | None = None) -> HrisMapping:
    """A column mapping file (the bundled ``hris.yaml`` when none is given); every mistake named with a fix."""
    if path is None:
        source = "docgen/data/compliance/hris.yaml"
        text = (bundled_dir("compliance") / "hris.yaml").read_text(encoding="utf-8")
        data = load_yaml_text(text, source, UsageError)
    else:
        source = str(path)
        data = load_yaml_file(Path(path), UsageError)
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict) or not data["columns"]:
        raise UsageError(f"{source}: a mapping needs 'columns:' (column header: docgen field); see hris.yaml")
    unknown = set(data) - {"columns", "people", "date_format"}
    if unknown:
        raise UsageError(f"{source}: unknown key {sorted(unknown)[0]!r}; keys are columns, people, date_format")
    people = data.get("people") or "all"
    if people not in ("all", "employees"):
        raise UsageError(f"{source}: people: {people!r}; write 'all' or 'employees'")
    columns: dict[str, str] = {}
    lines = data["columns"].line_of if hasattr(data["columns"], "line_of") else (lambda key: None)
    for header, field in data["columns"].items():
        if field not in HRIS_FIELDS:
            close = difflib.get_close_matches(str(field), list(HRIS_FIELDS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"fields: {', '.join(HRIS_FIELDS)}"
            line = lines(header)
            where = f"{source}:{line}" if line else source
            raise UsageError(f"{where}: column {header!r}: no field {field!r}; {hint}")
        columns[str(header)] = str(field)
    date_format = data.get("date_format") or None
    if date_format is not None and not _writes_a_date(str(date_format)):
        raise UsageError(
            f"{source}: date_format {date_format!r} does not write a date (day, month and year with %d, %m, %Y, "
            "%y, %b, %B, %a, %A, %j, %e); write one, e.g. %m/%d/%Y"
        )
    return HrisMapping(columns, people, str(date_format) if date_format else None, source)


def hris_report(cases: Iterable[Case], mapping: HrisMapping | None = None) -> Report:
    """One row per person (or per employee) with the fields an HR system keeps, under the mapping's headers.

    A person in two case files (the H-1B extension and the green card) is one row when the rows agree on every
    column both fill: the case ids joined, each column from whichever case gives it. Rows that disagree (an I-94
    updated in one file only) stay apart, so the import shows the conflict rather than one value picked."""
    chosen = mapping or load_mapping()
    report = Report("HRIS export", list(chosen.columns))
    case_headers = [header for header, field in chosen.columns.items() if field == "case_id"]
    kept: dict[tuple[str, str, dt.date], list[dict[str, Any]]] = {}
    case_ids: dict[int, list[str]] = {}  # a kept row (by id) -> the case ids it stands for
    for case in cases:
        for index, (ref, person) in enumerate(case.people_by_ref()):
            principal = index == 0
            if chosen.people == "employees" and not (principal and employer_filed(case)):
                continue  # a dependent, or the applicant of her own I-765: no employee
            row = {}
            for header, field in chosen.columns.items():
                value = HRIS_FIELDS[field](case, ref, person, principal)
                if chosen.date_format and isinstance(value, dt.date):
                    value = value.strftime(chosen.date_format)
                row[header] = value
            same = kept.setdefault(person_key(person), [])
            twin = next((other for other in same if _agree(other, row, case_headers)), None)
            if twin is None:
                same.append(row)
                report.rows.append(row)
                case_ids[id(row)] = [case.case_id]
                continue
            case_ids[id(twin)].append(case.case_id)
            for header, value in row.items():
                if header in case_headers:
                    twin[header] = ", ".join(dict.fromkeys(case_ids[id(twin)]))  # a case id may hold a space
                elif twin[header] in (None, ""):
                    twin[header] = value
    return report


def _agree(one: dict[str, Any], other: dict[str, Any], skip: list[str]) -> bool:
    """Whether two rows of one person give the same value in every column both fill (``skip``: the case id)."""
    return all(
        one[header] == value or one[header] in (None, "") or value in (None, "")
        for header, value in other.items()
        if header not in skip
    )


def case_owner(case: Case | None) -> str:
    """Who on the team answers for ``case`` (its ``facts.owner``, stripped; '' when it names no one or there is no
    case): the one reading of the owner that the expirations, the docket's deadlines and the workspace share."""
    return (case.facts.owner or "").strip() if case is not None else ""
