"""Deadlines from notices and cases, and the ways a team reads them (table, CSV, iCalendar).

From notices: RFE and NOID response due dates, biometrics appointments,
the end of an approval's validity and the day the extension window opens
(USCIS takes an extension up to 180 days before the current stay ends), and
the I-94 expiry on an I-797A. From cases: each person's I-94 expiry and
passport expiry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from docgen.case.model import Case
from docgen.fileio import csv_text

EXTENSION_WINDOW_DAYS = 180


@dataclass
class Deadline:
    """One date a person must act on (or know of)."""

    case_id: str
    person: str
    kind: str
    due: dt.date
    description: str

    def days_left(self, today: dt.date) -> int:
        """Days from ``today`` (negative when past)."""
        return (self.due - today).days


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def from_notice(case_id: str, person: str, notice: dict[str, Any]) -> list[Deadline]:
    """Deadlines a parsed notice sets."""
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
                f"{label} response due",
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
                "Biometrics appointment",
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
                "Status valid until",
                valid_to,
                f"{klass} approval {receipt} ends; file an extension before this date".strip(),
            )
        )
        out.append(
            Deadline(
                case_id,
                person,
                "Extension window opens",
                valid_to - dt.timedelta(days=EXTENSION_WINDOW_DAYS),
                f"Earliest filing of the extension of {receipt} ({EXTENSION_WINDOW_DAYS} days before)",
            )
        )
        if notice.get("i94_number"):
            out.append(Deadline(case_id, person, "I-94 expires", valid_to, f"I-94 from approval {receipt}"))
    return out


def from_case(case: Case) -> list[Deadline]:
    """Deadlines a case's data holds (I-94 and passport expiry per person)."""
    out = []
    for ref, person in case.people_by_ref():
        name = f"{person.given_name} {person.family_name}"
        if person.i94 and person.i94.expiry_date:
            status = person.i94.status or person.current_status or ""
            out.append(
                Deadline(
                    case.case_id,
                    ref,
                    "I-94 expires",
                    person.i94.expiry_date,
                    f"{name}: {status} stay ends (I-94)".replace(":  ", ": "),
                )
            )
        if person.passport and person.passport.expiry_date:
            out.append(
                Deadline(
                    case.case_id, ref, "Passport expires", person.passport.expiry_date, f"{name}: passport expires"
                )
            )
    return out


def to_table(rows: list[dict[str, Any]], today: dt.date) -> str:
    """A plain table for the terminal."""
    lines = [f"{'id':>4}  {'due':<11} {'days':>5}  {'case':<22} {'person':<12} {'what':<26} details"]
    for row in rows:
        due = dt.date.fromisoformat(row["due"])
        lines.append(
            f"{row['id']:>4}  {row['due']:<11} {(due - today).days:>5}  {row['case_id']:<22} {row['person']:<12} "
            f"{row['kind']:<26} {row['description']}"
        )
    return "\n".join(lines) + "\n"


def to_csv(rows: list[dict[str, Any]], today: dt.date) -> str:
    """CSV for spreadsheets."""
    header = ["due", "days_left", "case_id", "person", "kind", "description"]
    return csv_text(
        header,
        (
            [
                r["due"],
                (dt.date.fromisoformat(r["due"]) - today).days,
                r["case_id"],
                r["person"],
                r["kind"],
                r["description"],
            ]
            for r in rows
        ),
    )


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


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


def to_ics(rows: list[dict[str, Any]], stamp: dt.datetime) -> str:
    """An iCalendar file with one all-day event per deadline (stable UIDs, so a re-import updates)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//docgen//deadlines//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Immigration deadlines",
    ]
    for row in rows:
        due = dt.date.fromisoformat(row["due"])
        key = f"{row['case_id']}|{row['person']}|{row['kind']}|{row['due']}"
        uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@docgen"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
            f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(row['kind'] + ' - ' + row['case_id'])}",
            f"DESCRIPTION:{_ics_text(row['description'])}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


EXPIRY_KINDS = ("I-94 expires", "Status valid until", "Passport expires")


def expiry_report(rows: list[dict[str, Any]], today: dt.date) -> str:
    """Person, case, status, expiry, days left: the report specialists keep."""
    lines = [f"{'person':<14} {'case':<22} {'status':<20} {'expiry':<11} {'days left':>9}"]
    for row in rows:
        if row["kind"] not in EXPIRY_KINDS:
            continue
        due = dt.date.fromisoformat(row["due"])
        lines.append(
            f"{row['person']:<14} {row['case_id']:<22} {row['kind']:<20} {row['due']:<11} {(due - today).days:>9}"
        )
    return "\n".join(lines) + "\n"
