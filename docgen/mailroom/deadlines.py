"""Deadlines from notices and cases, and the ways a team reads them (table, CSV, iCalendar).

From notices: RFE and NOID response due dates, biometrics appointments,
the end of an approval's validity and the day the extension window opens
(USCIS takes an extension up to 180 days before the current stay ends), and
the I-94 expiry on an I-797A. From cases: each person's I-94 expiry and
passport, EAD and advance parole expiry, and the approved status's end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docgen.case.model import Case
from docgen.errors import UsageError
from docgen.fileio import csv_text, spreadsheet_cell
from docgen.mailroom.docket import (
    Deadline,
    DeadlineKind,
    DeadlineRecord,
    Docket,
    NoticeRecord,
    NoticeStatus,
    ReviewRecord,
)
from docgen.mailroom.text import ics_text, printable

if TYPE_CHECKING:
    from docgen.compliance.reports import ExpiringKind, Placed

EXTENSION_WINDOW_DAYS = 180
EARLIEST = dt.date(1900, 1, 1)  # deadlines outside these days are typing slips (9999-12-31), not dates to keep
LATEST = dt.date(2199, 12, 31)
# notice data of a notice waiting for its deadline's day to be confirmed: [case id, person] it matched when read
# (kept out of filings: docgen.mailroom.review.confirming drops it)
WAITING_FOR = "waiting_for"
TO_CONFIRM = "to_confirm"  # notice data: the deadline days waiting for a person, with why (kept out of filings)
# How an item queued before WAITING_FOR was kept (docgen 0.x of session 10) names its case in its review reason
_CASE_IN_REASON = re.compile(r"; it is case (.+?)'s, filed there once confirmed")


def in_bounds(day: dt.date) -> bool:
    """Whether a deadline can fall on ``day`` (1900-01-01 to 2199-12-31)."""
    return EARLIEST <= day <= LATEST


def out_of_bounds(where: str, day: dt.date) -> str:
    """The problem of a date no deadline can fall on."""
    return (
        f"{where}: {day.isoformat()} is not a date a deadline can fall on "
        f"({EARLIEST.year} to {LATEST.year}); no deadline recorded, fix the date"
    )


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def from_notice(case_id: str, person: str, notice: dict[str, Any]) -> tuple[list[Deadline], list[str]]:
    """Deadlines a parsed notice sets, and the dates left out as impossible."""
    problems = [
        out_of_bounds(f"notice {notice.get('receipt_number') or ''} {key}".replace("  ", " "), day)
        for key in ("response_due", "valid_to")
        if (day := _date(notice.get(key))) is not None and not in_bounds(day)
    ]
    appointment_day = _date((notice.get("appointment") or {}).get("date"))
    if appointment_day is not None and not in_bounds(appointment_day):
        problems.append(out_of_bounds("notice appointment.date", appointment_day))
    if problems:
        notice = dict(notice)
        for key in ("response_due", "valid_to"):
            day = _date(notice.get(key))
            if day is not None and not in_bounds(day):
                notice[key] = None
        if appointment_day is not None and not in_bounds(appointment_day):
            notice["appointment"] = {}
    return _notice_deadlines(case_id, person, notice), problems


# What a notice asks to be done by a day: filed after that day, it is late at once and someone must be told.
ACTIONS = (DeadlineKind.RFE_RESPONSE, DeadlineKind.NOID_RESPONSE, DeadlineKind.BIOMETRICS)


def past_on_filing(
    docket: Docket, case_id: str, person: str, notice: dict[str, Any], today: dt.date | None = None
) -> list[str]:
    """Warnings for a notice just filed whose response date or appointment has already passed and is still open
    on the docket (not answered by a later decision): a notice that arrived late, or waited in review too long,
    must not wait for tomorrow's digest to show as overdue."""
    day = today or dt.date.today()
    deadlines, _ = from_notice(case_id, person, notice)
    past = {(d.kind, d.due) for d in deadlines if d.kind in ACTIONS and d.due < day}
    if not past:
        return []
    still_open = {(r.kind, r.due) for r in docket.deadlines_due(within_days=0, today=day) if r.case_id == case_id}
    return [
        f"case {printable(case_id)}: {kind.value} {due.isoformat()} has already passed ({(day - due).days} "
        "day(s) ago) on the notice just filed; act on it today ('docgen deadlines' lists it as overdue)"
        for kind, due in sorted(past)
        if (kind, due) in still_open
    ]


def past_while_waiting(case_id: str, person: str, notice: dict[str, Any], today: dt.date | None = None) -> list[str]:
    """Warnings for a notice of ``case_id`` that waits for its date to be confirmed (read below the filing
    threshold) when that date, as read, has already passed: said at once, as :func:`past_on_filing` says it of a
    notice filed late, so a late RFE does not sit unnoticed in the review queue."""
    day = today or dt.date.today()
    deadlines, _ = from_notice(case_id, person, notice)
    return [
        f"case {printable(case_id)}: {d.kind.value} {d.due.isoformat()} (as read; waiting for review to confirm it) "
        f"has already passed ({(day - d.due).days} day(s) ago); confirm it today ('docgen mailroom review')"
        for d in sorted(deadlines, key=lambda d: (d.due, d.kind.value))
        if d.kind in ACTIONS and d.due < day
    ]


def waiting_in_review(
    docket: Docket, within_days: int | None = None, today: dt.date | None = None
) -> list[DeadlineRecord]:
    """The days as read on the notices waiting in review for a person to confirm them (an RFE's response date
    read below the filing threshold), each as a deadline not yet on the docket (``review_id`` set, ``id`` 0):
    listed with the docket's own so a date waiting in the queue is seen, and counted overdue once past."""
    day = today or dt.date.today()
    out: list[DeadlineRecord] = []
    for item in docket.reviews():
        notice = docket.notice(item.notice_id) if item.notice_id is not None else None
        where = waiting_for(docket, item, notice) if notice is not None else None
        if notice is None or where is None:
            continue
        deadlines, _ = from_notice(where[0], where[1], notice.data)
        out.extend(
            DeadlineRecord(**{**d.__dict__, "review_id": item.id})
            for d in deadlines
            if within_days is None or (d.due - day).days <= within_days
        )
    return out


def waiting_for(docket: Docket, item: ReviewRecord, notice: NoticeRecord) -> tuple[str, str] | None:
    """The case and person whose deadline day a notice waiting in review holds (:data:`WAITING_FOR`), or None when
    it matched no case when read.

    An item queued before the docket kept it (its data has :data:`TO_CONFIRM` but no :data:`WAITING_FOR`) is
    derived as it is loaded: the case its review reason names ("it is case X's, filed there once confirmed"), and
    the person of the notice of the same receipt number filed to that case, else empty: without the case file at
    hand the name on the notice cannot be matched to a person, and the beneficiary would be a guess (the notice may
    name the spouse)."""
    where = notice.data.get(WAITING_FOR)
    if isinstance(where, list) and len(where) == 2:
        return str(where[0]), str(where[1])
    named = _CASE_IN_REASON.search(item.reason)
    if not isinstance(notice.data.get(TO_CONFIRM), dict) or named is None:
        return None
    case_id = named.group(1)
    receipt = notice.receipt_number
    siblings = [
        n.person
        for n in docket.notices(case_id)
        if n.status is NoticeStatus.FILED and n.person and receipt and n.receipt_number == receipt
    ]
    return case_id, siblings[-1] if siblings else ""


def dates_due(docket: Docket, within_days: int | None = None, today: dt.date | None = None) -> list[DeadlineRecord]:
    """The docket's open deadlines and the days waiting in review to be confirmed (:func:`waiting_in_review`),
    soonest first: what ``docgen deadlines``, the digest and a case page list."""
    rows = [*docket.deadlines_due(within_days, today), *waiting_in_review(docket, within_days, today)]
    return sorted(rows, key=lambda r: (r.due, r.review_id is not None))


def _notice_deadlines(case_id: str, person: str, notice: dict[str, Any]) -> list[Deadline]:
    kind = notice.get("notice_type")
    receipt = notice.get("receipt_number") or "no receipt number"
    form = notice.get("form") or "form"
    out: list[Deadline] = []
    due = _date(notice.get("response_due"))
    if kind in ("rfe", "noid") and due:
        label = "RFE" if kind == "rfe" else "NOID"
        out.append(
            Deadline(
                case_id,
                person,
                DeadlineKind.RFE_RESPONSE if kind == "rfe" else DeadlineKind.NOID_RESPONSE,
                due,
                f"{label} response for {form} {receipt} must arrive at USCIS",
            )
        )
    appointment = notice.get("appointment") or {}
    when = _date(appointment.get("date"))
    if kind == "biometrics" and when:
        where = appointment.get("location") or "the Application Support Center"
        time = appointment.get("time") or ""
        out.append(
            Deadline(
                case_id,
                person,
                DeadlineKind.BIOMETRICS,
                when,
                f"Biometrics for {form} {receipt} at {time} {where}".replace("  ", " "),
            )
        )
    valid_to = _date(notice.get("valid_to"))
    if kind == "approval" and valid_to:
        klass = notice.get("classification") or ""
        out.append(
            Deadline(
                case_id,
                person,
                DeadlineKind.STATUS_VALID_UNTIL,
                valid_to,
                f"{klass} approval {receipt} ends; file an extension before this date".strip(),
            )
        )
        opens = valid_to - dt.timedelta(days=EXTENSION_WINDOW_DAYS)
        if in_bounds(opens):  # a validity ending in the first half of 1900 (a typing slip) opened no window to keep
            out.append(
                Deadline(
                    case_id,
                    person,
                    DeadlineKind.EXTENSION_WINDOW,
                    opens,
                    f"Earliest filing of the extension of {receipt} ({EXTENSION_WINDOW_DAYS} days before)",
                )
            )
        if notice.get("i94_number"):
            out.append(Deadline(case_id, person, DeadlineKind.I94_EXPIRES, valid_to, f"I-94 from approval {receipt}"))
    return out


# The docket's kinds of a person's own dates, as the reports name them (``expirations`` in ``reports.yaml``): a
# person in two case files holds them once (:func:`docgen.compliance.reports.once_per_person`).
PERSONAL_KINDS: dict[DeadlineKind, ExpiringKind] = {
    DeadlineKind.STATUS_VALID_UNTIL: "status",
    DeadlineKind.I94_EXPIRES: "i94",
    DeadlineKind.PASSPORT_EXPIRES: "passport",
    DeadlineKind.EAD_EXPIRES: "ead",
    DeadlineKind.ADVANCE_PAROLE_EXPIRES: "advance_parole",
    DeadlineKind.AC21_FILING_DAY: "six_year",
}
AC21_DAYS = 365  # AC21 106(a): a PERM labor certification or I-140 filed this long before the six-year limit


def from_case(case: Case, source: str = "", placed: Placed | None = None) -> tuple[list[Deadline], list[str]]:
    """Deadlines a case's data holds, and the dates left out as impossible: each person's I-94, passport, EAD and
    advance parole expiry; the approved status's end (``facts.approved_to``, the beneficiary's: the EAD's for an
    I-765 case); the last day to file a PERM labor certification or I-140 for the AC21 one-year extensions past the
    H-1B six-year limit (365 days before it); an H-1B LCA's public access file. A closed case (withdrawn or denied,
    as the reports count it) gives none: its dates alert no one, and those it gave before are closed as superseded
    at its next sync.

    ``placed`` (:func:`docgen.compliance.reports.once_per_person` over the case folder): a person in two case files
    has each of their own dates on one case only, the one the reports choose, its description naming the other
    case(s); without it every date of the case is given."""
    from docgen.compliance.dates import paf_deadlines  # imports this module: load it only when used
    from docgen.compliance.reports import h1b_six_year_end, is_closed, report_rules

    if is_closed(case):
        return [], []
    out: list[Deadline] = []
    problems: list[str] = []
    where = f"{source or case.case_id}:"
    documents = report_rules().expirations

    def add(
        ref: str, field: str, kind: DeadlineKind, day: dt.date | None, text: str, on: dt.date | None = None
    ) -> None:
        """``on``: the date the reports list (the six-year limit), when the deadline falls another day."""
        if day is not None and in_bounds(day):
            twins: tuple[tuple[str, str], ...] | None = ()
            if placed is not None and kind in PERSONAL_KINDS:
                twins = placed.get((case.case_id, ref, documents[PERSONAL_KINDS[kind]].document, on or day), ())
            if twins is None:
                return  # listed on the person's other case file
            others = ", ".join(dict.fromkeys(case_id for case_id, _ in twins))
            text += f" (also in case {others})" if others else ""
            out.append(Deadline(case.case_id, ref, kind, day, text, twins))
        elif day is not None:
            problems.append(out_of_bounds(f"{where} {ref} {field}", day))

    people = case.people_by_ref()
    for ref, person in people:
        name = f"{person.given_name} {person.family_name}"
        ead = f"{name}: EAD expires (renew with Form I-765; reverify on Form I-9 by this day)"
        if person.i94:
            status = person.i94.status or person.current_status or ""
            text = f"{name}: {status} stay ends (I-94)".replace(":  ", ": ")
            add(ref, "i94.expiry_date", DeadlineKind.I94_EXPIRES, person.i94.expiry_date, text)
        if person.passport:
            text = f"{name}: passport expires"
            add(ref, "passport.expiry_date", DeadlineKind.PASSPORT_EXPIRES, person.passport.expiry_date, text)
        if person.ead:
            add(ref, "ead.expiry_date", DeadlineKind.EAD_EXPIRES, person.ead.expiry_date, ead)
        if person.advance_parole:
            day, text = person.advance_parole.expiry_date, f"{name}: advance parole expires (renew with Form I-131)"
            add(ref, "advance_parole.expiry_date", DeadlineKind.ADVANCE_PAROLE_EXPIRES, day, text)
        limit = h1b_six_year_end(person)
        if limit is not None and in_bounds(limit):
            text = (
                f"{name}: H-1B six-year limit {limit.isoformat()}; file the PERM labor certification or I-140 by "
                f"this day for one-year extensions past it (AC21 106(a)), or plan with counsel"
            )
            day = limit - dt.timedelta(days=AC21_DAYS)
            add(ref, "status_history", DeadlineKind.AC21_FILING_DAY, day, text, on=limit)
        elif limit is not None:
            problems.append(out_of_bounds(f"{where} {ref} status_history (six-year limit)", limit))
        if person is case.beneficiary and case.facts.approved_to is not None:  # the case's approval: its person's
            if (case.facts.form or "").upper().replace(" ", "") == "I-765":
                add(ref, "facts.approved_to", DeadlineKind.EAD_EXPIRES, case.facts.approved_to, ead)
            else:
                what = case.facts.classification or case.facts.form or "status"
                text = f"{name}: {what} approved until this day; file an extension before it"
                add(ref, "facts.approved_to", DeadlineKind.STATUS_VALID_UNTIL, case.facts.approved_to, text)
    paf, paf_problems = paf_deadlines(case)
    out += paf
    problems += [f"{where} {problem}" for problem in paf_problems]
    return out, problems


# What must reach USCIS by the day (a response; an extension filed before the stay or approval ends): on a
# weekend or a federal holiday no paper filing arrives, so the last day one can is said beside the date.
ARRIVE_BY_KINDS = (
    DeadlineKind.RFE_RESPONSE,
    DeadlineKind.NOID_RESPONSE,
    DeadlineKind.I94_EXPIRES,
    DeadlineKind.STATUS_VALID_UNTIL,
)


def arrive_by(kind: DeadlineKind, due: dt.date) -> dt.date | None:
    """The last business day on or before ``due`` when ``due`` is a weekend day or a U.S. federal holiday (observed
    days included) and the deadline is one a paper filing must meet; None otherwise. The date itself is kept."""
    from docgen.compliance.rules import business_day_on_or_before  # the holidays calendar: only when used

    if kind not in ARRIVE_BY_KINDS or not in_bounds(due):
        return None
    day = business_day_on_or_before(due)
    return None if day == due else day


def arrive_by_note(kind: DeadlineKind, due: dt.date) -> str:
    """ "falls on a Saturday: paper must arrive by Fri 2027-01-15 (or file online)", or nothing."""
    from docgen.compliance.rules import holiday_name

    last = arrive_by(kind, due)
    if last is None:
        return ""
    why = holiday_name(due) or f"a {due.strftime('%A')}"
    return f"falls on {why}: paper must arrive by {last.strftime('%a')} {last.isoformat()} (or file online)"


def window_open(kind: DeadlineKind, due: dt.date, today: dt.date) -> bool:
    """Whether ``due`` is the opening of an extension window that is open on ``today`` (opened, the validity it
    precedes not yet over): a day from which one may file, never an overdue deadline."""
    return kind is DeadlineKind.EXTENSION_WINDOW and due < today <= due + dt.timedelta(days=EXTENSION_WINDOW_DAYS)


def overdue(kind: DeadlineKind, due: dt.date, today: dt.date) -> bool:
    """Whether a deadline's day has passed with it open: every kind but an extension window's opening."""
    return due < today and kind is not DeadlineKind.EXTENSION_WINDOW


MISSING_HINT = "bring the case file back, or close them with 'docgen mailroom done ID'"


def attention(row: DeadlineRecord) -> str:
    """What a person must look at in a deadline ("case file missing since ...", "unconfirmed (waiting in review
    #N)"), or nothing."""
    if row.review_id is not None:
        return f"unconfirmed (waiting in review #{row.review_id})"
    since = row.case_missing_since
    return f"case file missing since {since.isoformat()}" if since else ""


def close_by_hand(docket: Docket, deadline_ids: list[int]) -> list[DeadlineRecord]:
    """Mark open deadlines done by hand (``mailroom done``, the workspace's Close button), all or none, each
    audited; a :class:`~docgen.errors.UsageError` names an id that is not open and nothing is closed."""
    closed: list[DeadlineRecord] = []
    with docket.transaction() as tx:
        for deadline_id in dict.fromkeys(deadline_ids):  # an id given twice is closed once
            row = tx.mark_done(deadline_id)
            if row is None:
                raise UsageError(f"deadline {deadline_id} is not open (done already, or no such deadline)")
            tx.audit(
                "deadline marked done",
                case_id=row.case_id,
                deadline=deadline_id,
                kind=row.kind.value,
                case_file_missing=row.case_missing,
            )
            closed.append(row)
    return closed


def to_table(rows: list[DeadlineRecord], today: dt.date, owners: Mapping[str, str] | None = None) -> str:
    """A plain table for the terminal (control characters shown as escapes); a deadline whose case file is gone
    says so before its details, and a last line says what to do. With ``owners`` (:meth:`Docket.case_owners`) an
    owner column says who answers for each case (:func:`owner_label`: never blank)."""
    head = f"{'owner':<20} " if owners is not None else ""
    lines = [f"{'id':>4}  {'due':<11} {'days':>5}  {'case':<22} {head}{'person':<12} {'what':<26} details"]
    for row in rows:
        who = f"{owner_label(owners, row.case_id):<20} " if owners is not None else ""
        flag = f"[{attention(row).upper()}] " if attention(row) else ""
        note = arrive_by_note(row.kind, row.due)
        lines.append(
            printable(
                f"{row.id or '-':>4}  {row.due.isoformat():<11} {row.days_left(today):>5}  {row.case_id:<22} {who}"
                f"{row.person:<12} {row.kind.value:<26} {flag}{row.description}" + (f" [{note}]" if note else "")
            )
        )
    missing = sum(row.case_missing for row in rows)
    if missing:
        lines.append(f"{missing} deadline(s) need attention: their case file is gone; {MISSING_HINT}")
    return "\n".join(lines) + "\n"


def to_csv(rows: list[DeadlineRecord], today: dt.date, owners: Mapping[str, str] | None = None) -> str:
    """CSV for spreadsheets (formula-like cells neutralised, control characters shown as escapes); ``attention``
    says "case file missing since ..." for a deadline whose case file is gone; ``arrive_by`` the last business day
    a paper filing can arrive when the day is a weekend or a federal holiday (:func:`arrive_by`); with ``owners``
    an ``owner`` column last (:func:`owner_label`)."""
    header = ["due", "days_left", "case_id", "person", "kind", "description", "attention", "arrive_by"]
    if owners is not None:
        header.append("owner")  # last: the columns a spreadsheet already reads keep their places
    rows_out: list[list[Any]] = []
    for row in rows:
        text = [row.case_id, row.person, row.kind.value, row.description, attention(row)]
        last = arrive_by(row.kind, row.due)
        rows_out.append(
            [
                row.due.isoformat(),
                row.days_left(today),
                *(printable(str(spreadsheet_cell(c))) for c in text),
                last.isoformat() if last else "",
            ]
            + ([printable(str(spreadsheet_cell(owner_label(owners, row.case_id))))] if owners is not None else [])
        )
    return csv_text(header, rows_out)


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def to_ics(
    rows: list[DeadlineRecord],
    stamp: dt.datetime,
    *,
    closed: list[DeadlineRecord] | None = None,
    private: bool = False,
    refresh_minutes: int | None = None,
) -> str:
    """An iCalendar file with one all-day event per deadline (stable UIDs, so a re-import updates; a notice's
    deadline's UID holds the notice's id, so two notices' deadlines of one day are two events).

    ``closed`` deadlines (done) are written ``STATUS:CANCELLED`` with a higher ``SEQUENCE`` under the same UID,
    summary "Done: ..." ("Superseded: ..." when the case file now gives another date, "Withdrawn: ..." when the
    notice that set it was unfiled), so a calendar that had
    them drops them (or shows them struck through). An open deadline whose case file is gone stays in, its
    summary "Case file missing: ...". ``private``
    leaves the descriptions out (they can hold names): an event says only what, which case and whose.
    ``refresh_minutes`` asks a subscribing calendar to fetch again that often.
    Deadlines on days no deadline can fall on are left out (:func:`impossible` lists them).
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//docgen//deadlines//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Immigration deadlines",
    ]
    if refresh_minutes:
        lines += [f"REFRESH-INTERVAL;VALUE=DURATION:PT{refresh_minutes}M", f"X-PUBLISHED-TTL:PT{refresh_minutes}M"]
    for row, done in [(r, False) for r in rows] + [(r, True) for r in closed or []]:
        if not in_bounds(row.due):
            continue
        key = f"{row.case_id}|{row.person}|{row.kind.value}|{row.due.isoformat()}"
        key += f"|notice {row.notice_id}" if row.notice_id is not None else ""  # two notices, one day: two events
        uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@docgen"
        closed_as = ("Withdrawn: " if row.withdrawn else "Superseded: " if row.superseded else "Done: ") if done else ""
        closed_as = closed_as or ("Case file missing: " if row.case_missing else "")
        summary = f"{closed_as}{row.kind.value} - {row.case_id}"
        description = f"{row.kind.value}: case {row.case_id}, {row.person or 'case'}" if private else row.description
        note = "" if done else arrive_by_note(row.kind, row.due)
        description += f" ({note})" if note else ""
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{row.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(row.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ics_text(summary)}",
            f"DESCRIPTION:{ics_text(description)}",
            "TRANSP:TRANSPARENT",
            *(["STATUS:CANCELLED", "SEQUENCE:1"] if done else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def impossible(rows: list[DeadlineRecord]) -> list[DeadlineRecord]:
    """Deadlines on days no deadline can fall on (an older docket may hold them)."""
    return [row for row in rows if not in_bounds(row.due)]


EXPIRY_KINDS = (
    DeadlineKind.I94_EXPIRES,
    DeadlineKind.STATUS_VALID_UNTIL,
    DeadlineKind.PASSPORT_EXPIRES,
    DeadlineKind.EAD_EXPIRES,
    DeadlineKind.ADVANCE_PAROLE_EXPIRES,
)


def expiry_report(rows: list[DeadlineRecord], today: dt.date) -> str:
    """Person, case, status, expiry, days left: the report specialists keep."""
    lines = [f"{'person':<14} {'case':<22} {'status':<20} {'expiry':<11} {'days left':>9}"]
    for row in rows:
        if row.kind in EXPIRY_KINDS:
            lines.append(
                printable(
                    f"{row.person:<14} {row.case_id:<22} {row.kind.value:<20} {row.due.isoformat():<11} "
                    f"{row.days_left(today):>9}" + (f"  [{attention(row)}]" if row.case_missing else "")
                )
            )
    return "\n".join(lines) + "\n"


NO_OWNER = "no owner"
OWNER_NOT_RECORDED = "owner not recorded"


def owner_label(owners: Mapping[str, str], case_id: str) -> str:
    """The owner to show for ``case_id`` from the docket's record of owners: the name, "no owner" when the case file
    names no one, "owner not recorded" when the docket has not seen the case file since it kept owners (the next
    'docgen mailroom ingest', or a save in the workspace, records it), never blank."""
    if case_id not in owners:
        return OWNER_NOT_RECORDED
    return owners[case_id] or NO_OWNER
