"""Expected receipts: a packet marked filed waits for one receipt notice per form.

``docgen packet filed MANIFEST --date D`` reads the manifest ``docgen packet
build`` wrote: its case and, for each form, ``source: "form I-539 edition
02/04/19 for spouse"`` (the form, and the person it was filed for; none is the
beneficiary). Each form that gets a receipt notice of its own (not a G-1145,
G-28, fee form, I-864 or I-693 filed with it) becomes an expected receipt on
the docket, with the person's name as the case file has it and the fee paid
when given, and a :attr:`~docgen.mailroom.docket.DeadlineKind.RECEIPT_MISSING`
deadline ``days`` after filing: overdue, it is the lost filing to chase.

When the ingest files a receipt notice (:func:`match_receipt`, in the same
transaction as the notice), it is matched to the oldest awaited receipt of
that case, form and person; the deadline is closed. A receipt whose name,
fee or office differs from what was filed is still filed, and a review item
says what differs, so a person asks USCIS for a corrected notice.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from docgen.case.model import Case, Person
from docgen.errors import UsageError
from docgen.mailroom.aliases import notice_name
from docgen.mailroom.cases import normalise_name
from docgen.mailroom.docket import (
    Deadline,
    DeadlineKind,
    ExpectationStatus,
    ExpectedReceipt,
    NewExpectedReceipt,
    UnitOfWork,
)

# Forms filed inside a packet that get no receipt notice of their own.
NO_RECEIPT = frozenset({"G-1145", "G-28", "G-1450", "G-1650", "I-864", "I-864A", "I-864EZ", "I-693", "I-907"})
SOURCE = re.compile(r"^form (?P<form>\S+) edition .*?(?: for (?P<person>\S+))?$")
OFFICE = re.compile(r"^[A-Z]{3}$")
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class FiledForm:
    """One form of a packet: which, and for whom (a person reference of the case; None is the beneficiary)."""

    form: str
    person: str | None


def manifest_forms(path: Path) -> tuple[dict[str, Any], list[FiledForm]]:
    """The manifest and the forms it lists, in packet order; a UsageError naming the manifest if it is not one."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such manifest; give the .manifest.json 'docgen packet build' wrote") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(
            f"{path}: not a packet manifest ({exc}); give the .manifest.json 'docgen packet build' wrote"
        ) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("sections"), list):
        raise UsageError(
            f"{path}: not a packet manifest (no sections); give the .manifest.json 'docgen packet build' wrote"
        )
    if not manifest.get("case"):
        raise UsageError(f"{path}: the packet names no case; only a packet built from a case file can be marked filed")
    forms: list[FiledForm] = []
    for section in manifest["sections"]:
        for doc in section.get("documents", []) if isinstance(section, dict) else []:
            if not isinstance(doc, dict) or doc.get("kind") != "form":
                continue
            match = SOURCE.match(str(doc.get("source", "")))
            if match is None:
                raise UsageError(
                    f"{path}: document {doc.get('title')!r} is a form of unknown source; rebuild the packet"
                )
            forms.append(FiledForm(match["form"], match["person"]))
    return manifest, forms


def parse_fees(pairs: tuple[str, ...]) -> dict[tuple[str, str | None], Decimal]:
    """``--fee I-129=1710`` or ``--fee I-539:spouse=470`` as {(form, person or None): amount}."""
    fees: dict[tuple[str, str | None], Decimal] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        form, _, person = key.strip().partition(":")
        amount = money(value)
        if not sep or not form or amount is None:
            raise UsageError(f"--fee {pair!r}: write FORM=AMOUNT or FORM:PERSON=AMOUNT, e.g. --fee I-129=1710")
        fees[(form.upper(), person or None)] = amount
    return fees


def money(text: str | None) -> Decimal | None:
    """An amount of dollars (``$1,710.00``) as a Decimal, or None if it is not one."""
    if text is None:
        return None
    try:
        value = Decimal(str(text).replace("$", "").replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def full_name(person: Person) -> str:
    """Given, middle and family name as one line."""
    return " ".join(str(p) for p in (person.given_name, person.middle_name, person.family_name) if p)


def check_filed_on(filed_on: dt.date, today: dt.date | None = None) -> None:
    """A packet is filed on a day that has come: a later date (a typo of the year) would hold its missing-receipt
    alert back until then."""
    if filed_on > (today or dt.date.today()):
        raise UsageError(f"{filed_on.isoformat()} is after today: give the day the packet was filed")


def expectations(
    case: Case,
    packet: str,
    forms: list[FiledForm],
    filed_on: dt.date,
    days: int = DEFAULT_DAYS,
    fees: dict[tuple[str, str | None], Decimal] | None = None,
    office: str | None = None,
) -> list[NewExpectedReceipt]:
    """The receipts to wait for: one per form that gets a receipt notice."""
    fees = fees or {}
    if office is not None and not OFFICE.match(office):
        raise UsageError(
            f"--office {office!r}: give the office's three letters as receipt numbers start (WAC, EAC, IOE)"
        )
    out: list[NewExpectedReceipt] = []
    for item in forms:
        if item.form.upper() in NO_RECEIPT:
            continue
        try:
            person = case.person(item.person)
        except KeyError:
            raise UsageError(
                f"{case.case_id}: the packet's Form {item.form} is for {item.person!r}, not a person of the case"
            ) from None
        ref = next(r for r, p in case.people_by_ref() if p is person)  # as the ingest names the person
        fee = fees.get((item.form.upper(), item.person)) or fees.get((item.form.upper(), None))
        out.append(
            NewExpectedReceipt(
                packet=packet,
                case_id=case.case_id,
                person=ref,
                form=item.form,
                name=full_name(person),
                fee=None if fee is None else f"{fee:.2f}",
                office=office,
                filed_on=filed_on,
                expected_by=filed_on + dt.timedelta(days=days),
            )
        )
    return out


def missing_deadline(expected: NewExpectedReceipt) -> Deadline:
    """The deadline a receipt not arrived in time becomes (its person names the form too: one per form)."""
    return Deadline(
        case_id=expected.case_id,
        person=f"{expected.person}: {expected.form}",
        kind=DeadlineKind.RECEIPT_MISSING,
        due=expected.expected_by,
        description=(
            f"Receipt notice for Form {expected.form} ({expected.name or expected.person}), filed "
            f"{expected.filed_on.isoformat()}: missing if not here by {expected.expected_by.isoformat()}"
        ),
    )


def record_filing(
    tx: UnitOfWork, expected: list[NewExpectedReceipt], file: str
) -> list[tuple[NewExpectedReceipt, bool]]:
    """Record the expected receipts and their deadlines; (each, whether new)."""
    out = []
    for item in expected:
        new = tx.expect_receipt(item)
        if new:
            tx.add_deadline(missing_deadline(item))
        out.append((item, new))
    tx.audit(
        "packet marked filed",
        file=file,
        case_id=expected[0].case_id if expected else None,
        forms=[f"{e.form} {e.person}" for e in expected],
        filed_on=expected[0].filed_on.isoformat() if expected else None,
    )
    return out


def _same_name(on_notice: str, filed: str) -> bool:
    """Every word of the filed name and the notice's name agree (order and punctuation aside)."""
    return sorted(normalise_name(on_notice)) == sorted(normalise_name(filed))


def differences(expected: ExpectedReceipt, data: dict[str, Any]) -> list[str]:
    """What a receipt notice says otherwise than what was filed (name, fee, office)."""
    found = []
    name = notice_name(data, expected.form)
    if expected.name and name and not _same_name(str(name), expected.name):
        found.append(f"name {name!r} on the notice, {expected.name!r} filed")
    paid, charged = money(expected.fee), money(data.get("amount"))
    if paid is not None and charged is not None and paid != charged:
        found.append(f"fee ${charged:,.2f} on the notice, ${paid:,.2f} filed")
    receipt = str(data.get("receipt_number") or "")
    if expected.office and receipt and not receipt.upper().startswith(expected.office):
        found.append(f"office {receipt[:3]} on the notice, {expected.office} filed with")
    return found


def match_receipt(
    tx: UnitOfWork, case_id: str, person: str, data: dict[str, Any], notice_id: int, filed_path: str | None
) -> None:
    """A receipt notice filed to a case: settle the receipt its packet waits for (in the filing's transaction)."""
    form = data.get("form")
    if data.get("notice_type") != "receipt" or not form:
        return
    waiting = [e for e in tx.open_expectations(case_id, str(form)) if e.person == person]
    if not waiting:
        return
    expected = waiting[0]
    found = differences(expected, data)
    status = ExpectationStatus.DIFFERS if found else ExpectationStatus.RECEIVED
    tx.receipt_arrived(expected.id, notice_id, data.get("receipt_number"), status)
    tx.close_deadline(case_id, f"{person}: {expected.form}", DeadlineKind.RECEIPT_MISSING)
    tx.audit(
        "expected receipt arrived",
        case_id=case_id,
        form=expected.form,
        person=person,
        receipt=data.get("receipt_number"),
        status=status.value,
    )
    if found:
        reason = f"receipt differs from what was filed: {'; '.join(found)}"
        tx.add_review(reason, filed_path, notice_id=notice_id)
        tx.audit("receipt sent to review", case_id=case_id, form=expected.form, reason=reason)
