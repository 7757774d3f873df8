"""What needs a person, and how a person settles it: assign to a case, correct a field, or dismiss."""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docgen.case.identity import FORMATS
from docgen.case.model import DATE_FORMS, read_date
from docgen.errors import UnknownPersonError, UsageError
from docgen.fileio import write_bytes_atomic
from docgen.mailroom.aliases import alias_payload, describe, learned_for, lessons
from docgen.mailroom.cases import (
    HIDDEN,
    CaseEntry,
    CaseStore,
    case_file_lock,
    company_key,
    person_matches,
    petitioner_keys,
)
from docgen.mailroom.deadlines import TO_CONFIRM, WAITING_FOR, past_on_filing
from docgen.mailroom.docket import Docket, NewNotice, NoticeRecord, NoticeStatus, ReviewStatus
from docgen.mailroom.filing import Filing, file_notice
from docgen.mailroom.ingest import (
    CONFIRMED,
    DAY_NAMES,
    filed_name,
    match_notice,
    notice_identity,
    recorded_as,
    unread_day,
    unread_response_day,
)
from docgen.mailroom.text import APPOINTMENT_PARTS, printable
from docgen.mailroom.text import as_typed as as_typed  # re-exported: the desk and the CLI type values back
from docgen.notices import FIELDS
from docgen.notices.model import NOTICE_TYPES

# notice data of a notice a reviewer chose the case of while its deadline's day waits to be confirmed (the desk's "File
# to the chosen case", the day left as read): {"person_known": bool}; its WAITING_FOR is the case and person chosen,
# which "Confirm ... and file" then files it to (kept out of filings, as WAITING_FOR)
CHOSEN = "case_chosen"
_DATE_FIELDS = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")
_RECEIPT = re.compile(r"^[A-Z]{3}\d{10}$")
IDENTITY_FIELDS = {"a_number": "a_number", "i94_number": "i94"}  # notice fields that are identity numbers: format


def _checked(key: str, value: str) -> str:
    """A corrected value in the form the docket keeps, or a UsageError saying what to write (its ``field`` is
    the notice field and its ``fix`` the hint alone, for a form that shows it beside the input)."""

    def wrong(fix: str) -> UsageError:
        return UsageError(f"--set {key}={value!r}: {fix}", field=key, fix=fix)

    if key in IDENTITY_FIELDS:  # checked as the case file checks it (it may be written there), never quoted
        identity = FORMATS[IDENTITY_FIELDS[key]]
        problem = identity.problem(value)
        if problem:
            raise UsageError(f"--set {key}=...: {key} {problem}", field=key, fix=f"write {identity.how}")
        return value.strip()
    if key in _DATE_FIELDS:  # read as a case file reads a date (US style too), kept ISO
        try:
            return read_date(value).isoformat()
        except ValueError:
            raise wrong(f"{key} is not a date: write {DATE_FORMS} (month first)") from None
    if key == "receipt_number":
        text = value.replace(" ", "").upper()
        if not _RECEIPT.match(text):
            raise wrong("a receipt number is 3 letters and 10 digits")
        return text
    if key == "notice_type" and value not in NOTICE_TYPES:
        raise wrong(f"one of {', '.join(NOTICE_TYPES)}")
    if key == "form" and not re.fullmatch(r"[A-Z]{1,4}-\d+[A-Z]?", value):
        raise wrong("write the form id, e.g. I-129")
    return value


def shown_corrections(corrections: dict[str, Any] | None) -> dict[str, Any]:
    """Corrections as the audit log may show them: an identity number is recorded as given, never shown."""
    return {k: HIDDEN if k in IDENTITY_FIELDS and v else v for k, v in (corrections or {}).items()}


def confirmed_fields(data: dict[str, Any], corrections: dict[str, Any] | None) -> list[str]:
    """Fields of checked ``corrections`` given the value the notice already holds (the same date typed
    ``04/14/2026`` for ``2026-04-14``, a receipt number in lower case): a reviewer confirming a reading, not
    correcting it."""
    return sorted(
        k for k, v in (corrections or {}).items() if v is not None and (v == data.get(k) or str(v) == str(data.get(k)))
    )


def changes_only(data: dict[str, Any], corrections: dict[str, Any] | None) -> dict[str, Any]:
    """Of checked ``corrections``, those that change the notice (see :func:`confirmed_fields`)."""
    corrections = _merged(data, corrections or {})
    same = set(confirmed_fields(data, corrections))
    return {k: v for k, v in corrections.items() if k not in same}


def with_corrections(data: dict[str, Any], corrections: dict[str, Any] | None) -> dict[str, Any]:
    """A notice's data with corrections applied; ``corrected`` lists the fields a person set (their
    ``confidence`` and ``source`` stay what the reader found, so the page's reading can still be seen)."""
    out = dict(data)
    corrections = changes_only(data, corrections)  # the value already read, retyped, is no correction
    if corrections:
        out.update(corrections)
        out["corrected"] = sorted({*(data.get("corrected") or []), *corrections})
    return out


_TIME = re.compile(r"^(\d{1,2}):(\d{2})\s*([AaPp]\.?[Mm]\.?)?$")
APPOINTMENT_HOW = "write appointment='DATE TIME LOCATION' (12/15/2026 09:00 USCIS OAKLAND ASC ...)"


def _appointment_time(value: str) -> str:
    """``9:00``, ``09:00 AM``, ``2:30 pm`` to ``09:00`` / ``14:30``; a UsageError for anything else."""
    match = _TIME.match(value.strip())
    hour, minute = (int(match.group(1)), int(match.group(2))) if match else (99, 99)
    meridiem = (match.group(3) or "").replace(".", "").lower() if match else ""
    if meridiem and not 1 <= hour <= 12:
        hour = 99
    hour = hour % 12 + (12 if meridiem == "pm" else 0) if meridiem else hour
    if hour > 23 or minute > 59:
        fix = "the time is HH:MM (09:00, 2:30 PM)"
        raise UsageError(f"--set appointment.time={value!r}: {fix}", field="appointment", fix=fix)
    return f"{hour:02d}:{minute:02d}"


def _appointment_part(part: str, value: str) -> str:
    if part == "date":
        try:
            return read_date(value).isoformat()
        except ValueError:
            fix = f"the appointment's date is not a date: write {DATE_FORMS} (month first)"
            raise UsageError(f"--set appointment.date={value!r}: {fix}", field="appointment", fix=fix) from None
    if part == "time":
        return _appointment_time(value)
    return " ".join(value.split())


def _appointment(value: str) -> dict[str, str]:
    """``DATE TIME LOCATION`` (time and location optional) to the notice's appointment, checked."""
    words = value.split()
    if not words:
        return {}
    out = {"date": _appointment_part("date", words[0])}
    rest = words[1:]
    for size in (2, 1):  # "2:30 PM" or "14:30"
        if len(rest) >= size and _TIME.match(" ".join(rest[:size])):
            out["time"], rest = _appointment_time(" ".join(rest[:size])), rest[size:]
            break
    if rest:
        out["location"] = " ".join(rest)
    return out


def parse_corrections(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``receipt_number=WAC2690012345`` pairs to a dict of checked notice fields. A biometrics appointment is
    ``appointment=DATE TIME LOCATION`` or its parts ``appointment.date=``, ``appointment.time=``,
    ``appointment.location=`` (merged with what the notice holds when filed)."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        head, _, part = key.partition(".")
        if sep and head == "appointment" and (not part or part in APPOINTMENT_PARTS):
            appointment = out.get("appointment") or {}
            if part:
                appointment[part] = _appointment_part(part, value) if value.strip() else None
            else:
                appointment.update(_appointment(value))
            out["appointment"] = appointment
            continue
        if not sep or key not in FIELDS or part:
            fields = ", ".join(f if f != "appointment" else "appointment[.date|.time|.location]" for f in FIELDS)
            raise UsageError(f"--set {pair!r}: write FIELD=VALUE with a field of {fields}")
        out[key] = _checked(key, value.strip()) if value.strip() else None
    return out


def _merged(data: dict[str, Any], corrections: dict[str, Any]) -> dict[str, Any]:
    """Corrections whose appointment parts are completed with the parts the notice read."""
    if not isinstance(corrections.get("appointment"), dict):
        return corrections
    read = data.get("appointment")
    merged = {**(read if isinstance(read, dict) else {}), **corrections["appointment"]}
    return {**corrections, "appointment": {k: merged.get(k) for k in APPOINTMENT_PARTS if merged.get(k)}}


@contextlib.contextmanager
def settling(docket: Docket, review_id: int, copy: Path | None) -> Iterator[None]:
    """Hold a review item's lock (beside its review copy) and check it is still open: of two people settling one
    item at the same moment (two desks, two terminals), the second is told it was settled meanwhile."""
    lockable = copy is not None and bool(copy.name) and copy.parent.is_dir()
    try:
        with case_file_lock(copy) if copy is not None and lockable else contextlib.nullcontext():
            settled = docket.review(review_id)
            if settled is None or settled.status is not ReviewStatus.OPEN:
                done = f" ({settled.resolution})" if settled and settled.resolution else ""
                raise UsageError(f"review item {review_id} was settled meanwhile{done}; see 'docgen mailroom review'")
            yield
    finally:
        if copy is not None and lockable:
            copy.with_name(f".{copy.name}.lock").unlink(missing_ok=True)


def resolve(
    docket: Docket,
    cases: CaseStore,
    review_id: int,
    *,
    case_id: str | None = None,
    person: str | None = None,
    corrections: dict[str, Any] | None = None,
    dismiss: str | None = None,
    confirm: bool = True,
    chosen_shown: tuple[str, str] | None = None,
) -> str:
    """Settle one review item; returns what was done, in words. With ``confirm=False`` (the desk's "Save
    corrections") a deadline's day waiting to be confirmed, left as read, is not confirmed: the corrections are
    saved and the item keeps waiting. ``chosen_shown``: the case and person chosen for it as the clerk's page
    showed them (``("", "")``: none); filed without a case given, a choice made since is refused, never followed."""
    if dismiss is not None:
        if case_id or person or corrections:  # never dismiss a notice its user meant to file or correct
            raise UsageError("--dismiss closes the item without filing; give it alone (without --case, --for or --set)")
        if not dismiss.strip():
            raise UsageError("--dismiss needs a reason (a duplicate, a copy for another firm...)")
    item = docket.review(review_id)
    if item is None or item.status is not ReviewStatus.OPEN:
        raise UsageError(f"review item {review_id} is not open; see 'docgen mailroom review'")
    if dismiss:
        with settling(docket, review_id, Path(str(item.path)) if item.path else None), docket.transaction() as tx:
            tx.close_review(review_id, f"dismissed: {dismiss}")
            tx.audit("review dismissed", file=item.path, review=review_id, reason=dismiss)
        return f"review {review_id} dismissed"
    notice = docket.notice(item.notice_id) if item.notice_id is not None else None
    if notice is None:
        raise UsageError(
            f"review {review_id} is a whole file ({item.reason}); rescan it into the inbox, "
            "or close it with --dismiss REASON"
        )
    if notice.status is NoticeStatus.FILED:
        raise UsageError(
            f"review {review_id}: the notice is filed to {notice.case_id} already ({item.reason}); once checked "
            "(a corrected notice asked for), close it with --dismiss REASON"
        )
    source = Path(str(item.path))
    if source.is_symlink():
        raise UsageError(f"review {review_id}: its copy {source} is now a link; put the scan in the inbox again")
    if not source.exists():
        raise UsageError(f"review {review_id}: its copy {source} is gone; put the scan in the inbox again")
    corrections = changes_only(notice.data, corrections)
    data = with_corrections(notice.data, corrections)
    identity = notice_identity(data, notice.source_hash, [int(p) for p in notice.source_pages.split(",")])
    if (
        identity != notice.identity
        and (earlier := recorded_as(docket, data, identity)) is not None
        and earlier.id != notice.id
    ):
        raise UsageError(
            f"review {review_id}: with these corrections it is a notice already in the docket; "
            "close it with --dismiss duplicate"
        )
    if unread_response_day(data):  # filed without it, no deadline would remind anyone of the response
        fix = "type the response date printed on the notice"
        raise UsageError(
            f"review {review_id}: this {str(data.get('notice_type')).upper()} has no response date; give it with "
            "--set response_due=DATE (as printed on the notice) so its deadline is on the docket",
            field="response_due",
            fix=fix,
        )
    if unread_day(data) == "appointment":  # filed without it, nothing would remind anyone of the appointment
        raise UsageError(
            f"review {review_id}: this biometrics notice has no appointment date; give it with --set "
            "appointment='DATE TIME LOCATION' (as printed on the notice) so it is on the docket",
            field="appointment",
            fix="type the appointment's date, time and place printed on the notice",
        )
    if unread_day(data) == "valid_to":  # filed without it, nothing would say when the next extension is due
        raise UsageError(
            f'review {review_id}: this approval has no validity end; give it with --set valid_to=DATE (the "to" '
            'date of "Valid from ... to ..." printed on the notice) so the extension\'s deadline is on the docket',
            field="valid_to",
            fix="type the last day of the validity printed on the notice",
        )
    person_known = person is not None

    def keep_corrected() -> None:
        """The corrections kept on the notice, which stays in review."""
        kept = NewNotice(
            identity=identity,
            source_hash=notice.source_hash,
            source_pages=notice.source_pages,
            status=NoticeStatus.REVIEW,
            data=data,
            filed_path=str(source),
        )
        with settling(docket, review_id, source), docket.transaction() as tx:  # not over a filing meanwhile
            tx.update_notice(notice.id, kept)
            tx.audit("notice corrected", review=review_id, corrections=shown_corrections(corrections))

    waiting = notice.data.get(TO_CONFIRM)
    unsettled = [n for n in waiting if n not in corrections and data.get(n)] if isinstance(waiting, dict) else []
    days = ", ".join(f"{DAY_NAMES.get(n, n)} {as_typed(data[n])}" for n in unsettled)
    if not confirm and unsettled and case_id is None:  # saving corrections is no confirmation of the day as read
        if corrections:
            keep_corrected()
        return (
            f"review {review_id}: {'corrected' if corrections else 'nothing changed'}; still waiting: {days} "
            "as read is not confirmed, so nothing is filed"
        )
    chosen, where = notice.data.get(CHOSEN), notice.data.get(WAITING_FOR)
    is_chosen = isinstance(chosen, dict) and isinstance(where, list) and len(where) == 2
    now = (str(where[0]), str(where[1])) if is_chosen and isinstance(where, list) else ("", "")
    if case_id is None and chosen_shown is not None and tuple(chosen_shown) != now:  # two clerks on one item
        said = (
            f"case {now[0]} (for {now[1]}) was chosen meanwhile" if now[0] else "the case chosen was undone meanwhile"
        )
        raise UsageError(f"review {review_id}: {said}; nothing was filed: look at the item again and confirm")
    if case_id is None and person is None and is_chosen and isinstance(chosen, dict):
        # confirmed after a reviewer chose the case (Choose the case): filed there, as chosen, while it can be
        case_id, person, person_known = now[0], now[1], bool(chosen.get("person_known"))
        entry = cases.entries.get(case_id)
        people = [ref for ref, _ in entry.case.people_by_ref()] if entry is not None else []
        if person not in people:
            gone = f"has no person {person!r} any more" if entry is not None else "is no longer in the case folder"
            raise UsageError(
                f"review {review_id}: case {case_id}, chosen for it (for {person}), {gone}; nothing was filed: "
                "choose the case again with --case ID --for PERSON",
                field="person",
            )
    # Only a deadline's day to confirm (the case found by the notice as read, as the ingest would have filed it):
    # filed exactly as the ingest files, so nothing is learned from it (no alias for what already leads there).
    as_ingest = case_id is None and person is None and isinstance(waiting, dict) and set(corrections) <= set(waiting)
    if case_id is None:
        match = match_notice(cases, docket, data)
        if match is None and not corrections:
            return (
                f"review {review_id}: still no single case matches; give --case ID, correct a field with "
                "--set FIELD=VALUE, or close it with --dismiss REASON"
            )
        if match is None:
            keep_corrected()
            return f"review {review_id}: corrected, still no single case matches; give --case"
        case_id, person, person_known = match[0], person or match[1], True
    if case_id not in cases.entries:
        raise UsageError(f"no case {case_id!r} in {cases.folder}; {_known_cases(case_id, sorted(cases.entries))}")
    if person is not None:
        person = person_ref(cases.entries[case_id], person)
    if person is None:
        fitting = cases.by_people(data, learned_for(docket, data))
        others = sorted({c for c, _ in fitting} - {case_id})
        found = [p for c, p in fitting if c == case_id]
        if others and not found:  # a slip of the case id: it would file one client's notice to another
            raise UsageError(
                f"review {review_id}: the names on the notice are those of {', '.join(others)}, none of case "
                f"{case_id}'s people; file it to {others[0]}, or, if {case_id} is right (a notice of this case "
                "naming someone else), say for whom with --for PERSON"
            )
        if not found and not ties(cases, docket, case_id, data):  # a stranger's notice, the case open on screen
            raise UsageError(untied(review_id, cases.entries[case_id], data), field="person")
        person_known = bool(found)
        person = found[0] if found else (cases.entries[case_id].case.beneficiary.id or "beneficiary")
    if not confirm and unsettled:  # the case chosen, the day as read not confirmed: it waits, listed for that case
        kept = NewNotice(identity, notice.source_hash, notice.source_pages, NoticeStatus.REVIEW, data, str(source))
        where = (case_id, person)
        return choose_case(docket, notice, review_id, kept, where, person_known, days, shown_corrections(corrections))
    taught = (
        []
        if as_ingest
        else lessons(cases, docket, case_id, person, data, person_known=person_known, review_id=review_id)
    )
    data, confirmed = confirming(data, corrections)
    name = filed_name(data, notice.source_hash, notice.source_pages)
    target = (cases.folder_for(case_id) / name).absolute()  # a link there is replaced, not followed
    with settling(docket, review_id, source):  # two people filing this item at once: the second is refused
        write_bytes_atomic(target, source.read_bytes())
        record = {
            "identity": identity,
            "source_hash": notice.source_hash,
            "source_pages": notice.source_pages,
            "status": NoticeStatus.FILED.value,
            "data": data,
            "filed_path": str(target),
            "case_id": case_id,
        }
        filing = Filing(
            kind="resolve",
            identity=identity,
            case_id=case_id,
            case_path=str(cases.entries[case_id].path),
            person=person,
            record=record,
            file=str(source),
            notice_id=notice.id,
            review_id=review_id,
            corrections=shown_corrections(corrections),  # for the audit log only
            confirmed=confirmed,
            aliases=[alias_payload(a) for a in taught],
        )
        file_notice(docket, filing)
        source.unlink(missing_ok=True)
        source.with_suffix(".reason.txt").unlink(missing_ok=True)
    learned = f"; learned {', '.join(describe(a) for a in taught)}" if taught else ""
    late = "".join(f"\nwarning: {w}" for w in past_on_filing(docket, case_id, person, data))
    days = "".join(f"\n{line}" for line in confirmed_days(data, confirmed, notice.data.get(TO_CONFIRM)))
    return f"review {review_id}: filed to {case_id} as {target}{learned}{days}{late}"


def confirming(data: dict[str, Any], corrections: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A notice's data as it is filed from review: the deadline days it waited on (``to_confirm``, see
    :func:`docgen.mailroom.ingest.unsure_days`) are settled, those filed as read listed in ``confirmed`` (a
    corrected one is in ``corrected``); and the fields confirmed as read."""
    out = dict(data)
    waiting = out.pop(TO_CONFIRM, None) or {}
    out.pop(WAITING_FOR, None)
    out.pop(CHOSEN, None)
    confirmed = sorted(name for name in waiting if name not in corrections and out.get(name))
    if confirmed:
        out[CONFIRMED] = sorted({*(out.get(CONFIRMED) or []), *confirmed})
    return out, confirmed


def choose_case(
    docket: Docket,
    notice: NoticeRecord,
    review_id: int,
    kept: NewNotice,
    where: tuple[str, str],
    person_known: bool,
    days: str,
    corrected: dict[str, Any],
) -> str:
    """Keep the case (and person) a reviewer chose for a notice whose deadline day, left as read, is not confirmed
    (``kept``: the notice as corrected, still in review): nothing is filed; the day is listed for that case
    "unconfirmed (waiting in review #N)", and confirming it files the notice there. Returns what was done."""
    chosen = {WAITING_FOR: list(where), CHOSEN: {"person_known": person_known}}
    # under the item's lock, checked open: a clerk filing it meanwhile is never undone by this choice
    with settling(docket, review_id, Path(kept.filed_path)), docket.transaction() as tx:
        tx.update_notice(notice.id, dataclasses.replace(kept, data=kept.data | chosen))
        tx.audit(
            "review: case chosen, day not confirmed",
            case_id=where[0],
            review=review_id,
            person=where[1],
            corrections=corrected,
        )
    return (
        f"review {review_id}: case {where[0]} chosen (for {where[1]}); still waiting: {days} as read is not "
        "confirmed, so nothing is filed"
    )


def confirmed_days(data: dict[str, Any], confirmed: list[str], waiting: Any) -> list[str]:
    """What ``resolve`` says of the deadline days a notice waited on: ``confirmed: the response date
    2027-01-29, as read; now on the docket`` (or ``corrected: ...``)."""
    lines = []
    for name in waiting if isinstance(waiting, dict) else {}:
        if data.get(name):
            how = "confirmed" if name in confirmed else "corrected"
            what = "as read" if name in confirmed else "as typed"
            lines.append(f"{how}: {DAY_NAMES.get(name, name)} {as_typed(data[name])}, {what}; now on the docket")
    return lines


def to_confirm_lines(review_id: int, data: dict[str, Any]) -> list[str]:
    """For an item waiting on a deadline's day the reader is unsure of: the day as read, and the one command that
    confirms it (or corrects it)."""
    waiting = data.get(TO_CONFIRM)
    return [
        f"{DAY_NAMES.get(name, name)} as read: {as_typed(data[name])} ({why}); confirm it with 'docgen mailroom "
        f"resolve {review_id}', or correct it with --set {name}=..."
        for name, why in (waiting.items() if isinstance(waiting, dict) else ())
        if data.get(name)
    ]


def ties(cases: CaseStore, docket: Docket, case_id: str, data: dict[str, Any]) -> bool:
    """Whether anything the notice prints leads to ``case_id``: a receipt number the case file, the docket's
    notices or an alias give it, a name of one of its people (as written or learned), or its petitioner (legal
    or trading name, or a learned one). A notice tied by nothing is a stranger's until a person says whom of the
    case it is about (``--for``)."""
    case = cases.entries[case_id].case
    learned = learned_for(docket, data)
    receipt = str(data.get("receipt_number") or "").upper()
    if receipt and (
        case_id in cases.all_by_receipt(receipt)
        or docket.case_for_receipt(receipt) == case_id
        or case_id in learned.receipt_cases
    ):
        return True
    names = [data.get("beneficiary"), data.get("applicant")]
    if any(c == case_id for c, _ in learned.people) or any(
        person_matches(name, person) for name in names for _, person in case.people_by_ref()
    ):
        return True
    petitioner = company_key(data.get("petitioner"))
    own = petitioner_keys(case)
    return bool(petitioner) and bool(own & ({petitioner} | learned.petitioners))


def untied(review_id: int, entry: CaseEntry, data: dict[str, Any]) -> str:
    """The one line refusing ``--case`` for a notice nothing ties to the case: what the notice prints, what the
    case holds, and the ``--for`` that says it is the case's all the same."""
    case = entry.case
    printed = [
        f"{label} {data[key]!r}"
        for key, label in (("beneficiary", "beneficiary"), ("applicant", "applicant"), ("petitioner", "petitioner"))
        if data.get(key)
    ]
    if data.get("receipt_number"):
        printed.append(f"receipt {data['receipt_number']}")
    refs = [ref for ref, _ in case.people_by_ref()]
    people = ", ".join(f"{p.given_name} {p.family_name} ({ref})" for ref, p in case.people_by_ref())
    held = [people] if people else []
    if case.petitioner and case.petitioner.name:
        held.append(f"petitioner {case.petitioner.name!r}")
    numbers = [r.number for r in case.facts.receipt_numbers]
    held.append(f"receipts {', '.join(numbers)}" if numbers else "no receipt number")
    return printable(
        f"review {review_id}: nothing on the notice ties it to case {case.case_id}: the notice prints "
        f"{'; '.join(printed) or 'no name, petitioner or receipt number'}, the case holds {'; '.join(held)}; "
        f"if it is this case's notice all the same, say whom it is about with --for PERSON (one of: "
        f"{', '.join(refs)}), which files it and remembers the names for that person"
    )


def _known_cases(wanted: str, known: list[str], shown: int = 10) -> str:
    """The cases to choose from, in a line that stays one line for a firm with hundreds: the ids written like
    ``wanted`` (another case, the case of letters), else the first few and how many there are."""
    if len(known) <= shown:
        return f"known: {', '.join(known)}"
    alike = [c for c in known if c.casefold() == wanted.casefold()]
    alike += [c for c in difflib.get_close_matches(wanted, known, n=3, cutoff=0.6) if c not in alike]
    if alike:
        return f"did you mean {' or '.join(alike)}? ({len(known)} cases; the case id is 'case_id:' in its file)"
    return f"{len(known)} cases, e.g. {', '.join(known[:3])}; the case id is 'case_id:' in its file"


def person_ref(entry: CaseEntry, given: str) -> str:
    """The person ``--for`` names, as the case's deadlines and case file know them (``beneficiary`` is the
    beneficiary's id when it has one); a person the case does not have is refused before anything is filed (a
    deadline recorded for nobody would reach no one, an I-94 number would have nowhere to go)."""
    case = entry.case
    refs = case.people_by_ref()
    try:
        wanted = case.person(given)
    except KeyError:
        people = ", ".join(ref for ref, _ in refs)
        raise UnknownPersonError(
            f"{entry.path.name}: case {case.case_id} has no person {given!r}; give --for one of: {people}",
            path=entry.path,
            case_id=case.case_id,
            field="person",
            fix=f"people: {people}",
        ) from None
    return next(ref for ref, person in refs if person is wanted)


NOT_A_NOTICE = "not a notice"


def not_a_notice(docket: Docket, review_id: int) -> str:
    """Close a review item whose pages are not a USCIS notice (a cover letter, an advert, a blank page): nothing
    is filed and no deadline is set; the docket records it as such (``mailroom resolve N --not-a-notice``)."""
    item = docket.review(review_id)
    if item is None or item.status is not ReviewStatus.OPEN:
        raise UsageError(f"review item {review_id} is not open; see 'docgen mailroom review'")
    notice = docket.notice(item.notice_id) if item.notice_id is not None else None
    if notice is not None and notice.status is NoticeStatus.FILED:
        raise UsageError(
            f"review {review_id}: the notice is filed to {notice.case_id} already; close it with --dismiss REASON"
        )
    with settling(docket, review_id, Path(str(item.path)) if item.path else None), docket.transaction() as tx:
        tx.close_review(review_id, NOT_A_NOTICE)
        tx.audit("review closed: not a notice", file=item.path, review=review_id)
    return f"review {review_id} closed: not a notice"
