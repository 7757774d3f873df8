"""Aliases: what a person's correction teaches the matcher, so the next notice files itself.

When a review item is settled by assigning its notice to a case (``docgen
mailroom resolve N --case X``, or the review desk, both through
:func:`docgen.mailroom.review.resolve`), the docket remembers why, in the
same transaction as the filing:

- the beneficiary's or applicant's name as the notice wrote it -> that case
  and person (``LINDGREN, ASTRID M`` is the case's Astrid Lindgren);
- the petitioner's name as written -> the case's petitioner (a trading name:
  ``ACME DATA`` is Acme Analytics, Inc., for every case of that petitioner);
- the receipt number -> that case.

An alias never files a notice to the wrong case silently:

- a name alias stands in for the name only: the petitioner must still fit (as
  written, or by a petitioner alias), and exactly one case must fit, as for
  names matched as written; a petitioner alias stands in for the petitioner
  only, a name must still fit;
- a receipt alias leading elsewhere than the case files or the docket's notices
  do, or one receipt number learned for two cases, sends the notice to review;
- names with digits (an A-Number read into the name box) or of one word are not
  learned.

``docgen mailroom aliases`` lists them; ``--remove ID`` forgets one. Each one
learned or removed is written to the audit log.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docgen.errors import UsageError
from docgen.mailroom.cases import CaseStore, Learned, company_key, normalise_name, person_matches, petitioner_keys
from docgen.mailroom.docket import (
    Alias,
    AliasKind,
    Docket,
    NewAlias,
    NoticeRecord,
    NoticeStatus,
    ReviewStatus,
    UnitOfWork,
)
from docgen.mailroom.text import printable

_RECEIPT = re.compile(r"^[A-Z]{3}\d{10}$")
PETITIONS = ("I-129", "I-140", "I-130", "I-129F", "I-360", "I-526")  # notices naming a beneficiary, not an applicant


def name_key(text: str | None) -> str:
    """A person's name as aliases compare it: upper-case words, accents and punctuation gone."""
    return " ".join(normalise_name(text))


def notice_name(data: dict[str, Any], form: str | None = None) -> str | None:
    """The person a notice is about: the beneficiary of a petition, else the applicant."""
    if str(form or data.get("form") or "").upper().startswith(PETITIONS):
        return data.get("beneficiary") or data.get("applicant")
    return data.get("applicant") or data.get("beneficiary")


def learnable_name(text: str | None) -> bool:
    """Whether a name may become an alias: two words at least, and no digits (an A-Number is never kept)."""
    words = normalise_name(text)
    return len(words) >= 2 and not any(ch.isdigit() for ch in str(text))


def learned_for(docket: Docket, values: dict[str, Any]) -> Learned:
    """What the docket's aliases say of one notice's names, petitioner and receipt number."""
    people: set[tuple[str, str]] = set()
    for name in {name_key(values.get(k)) for k in ("beneficiary", "applicant")} - {""}:
        people |= {(a.case_id, str(a.person)) for a in docket.aliases(AliasKind.NAME, name) if a.person}
    petitioner = company_key(values.get("petitioner"))
    petitioners = (
        {str(a.target) for a in docket.aliases(AliasKind.PETITIONER, petitioner) if a.target} if petitioner else set()
    )
    receipt = str(values.get("receipt_number") or "").upper()
    receipts = {a.case_id for a in docket.aliases(AliasKind.RECEIPT, receipt)} if receipt else set()
    return Learned(frozenset(people), frozenset(petitioners), frozenset(receipts))


def lessons(
    cases: CaseStore,
    docket: Docket,
    case_id: str,
    person: str,
    data: dict[str, Any],
    *,
    person_known: bool,
    review_id: int | None = None,
) -> list[NewAlias]:
    """What assigning a notice (``data``, as corrected) to ``case_id`` and ``person`` teaches: each of its name,
    petitioner and receipt number that did not already lead there. Read before the filing changes anything.

    A name is learned for the person when the person is known (given by the reviewer or found by the
    matcher), or when it is a petition's beneficiary filed for the case's beneficiary: a defaulted guess
    about a dependent's application is never remembered.
    """
    case = cases.entries[case_id].case
    out: list[NewAlias] = []
    refs = dict(case.people_by_ref())
    name = notice_name(data)
    beneficiary_ref = next(iter(refs), None)
    petition = bool(data.get("beneficiary")) and name == data.get("beneficiary") and person == beneficiary_ref
    target = refs.get(person)
    if (
        name
        and target is not None
        and learnable_name(name)
        and (person_known or petition)
        and not person_matches(name, target)
    ):
        out.append(NewAlias(AliasKind.NAME, name_key(name), str(name), case_id, person=person, review_id=review_id))
    written = data.get("petitioner")
    key, own = company_key(written), company_key(case.petitioner.name) if case.petitioner else ""
    if key and own and key not in petitioner_keys(case):  # a trading name the case file gives leads there already
        out.append(NewAlias(AliasKind.PETITIONER, key, str(written), case_id, target=own, review_id=review_id))
    receipt = str(data.get("receipt_number") or "").upper()
    if _RECEIPT.match(receipt) and cases.by_receipt(receipt) != case_id and docket.case_for_receipt(receipt) != case_id:
        out.append(NewAlias(AliasKind.RECEIPT, receipt, receipt, case_id, review_id=review_id))
    return out


def alias_payload(alias: NewAlias) -> dict[str, Any]:
    """An alias to learn, as JSON-ready data (it waits in a filing's intent)."""
    return {**alias.__dict__, "kind": alias.kind.value}


def from_payload(data: dict[str, Any]) -> NewAlias:
    """An alias back from :func:`alias_payload`."""
    return NewAlias(**{**data, "kind": AliasKind(data["kind"])})


def record(tx: UnitOfWork, aliases: list[NewAlias], file: str | None = None) -> list[int]:
    """Remember aliases (in the filing's transaction) and audit each new one; returns the new ids."""
    new: list[int] = []
    for alias in aliases:
        alias_id = tx.add_alias(alias)
        if alias_id is None:
            continue
        new.append(alias_id)
        tx.audit(
            "alias learned",
            file=file,
            case_id=alias.case_id,
            alias=alias_id,
            kind=alias.kind.value,
            written=alias.written,
            person=alias.person,
            review=alias.review_id,
        )
    return new


def remove(docket: Docket, alias_id: int) -> Alias:
    """Forget one alias (audited, with the notices it filed: :func:`filed_with`); a UsageError when there is
    none of that id. The notices it filed stay where they are."""
    found = next((a for a in docket.aliases() if a.id == alias_id), None)
    filed = [n.id for n in filed_with(docket, found)] if found is not None else []
    with docket.transaction() as tx:
        gone = forget(tx, alias_id, filed_with_it=filed)
        if gone is None:
            raise UsageError(f"no alias {alias_id}; see 'docgen mailroom aliases' for the ids")
    return gone


def forget(tx: UnitOfWork, alias_id: int, **why: Any) -> Alias | None:
    """Remove one alias inside ``tx``, audited as "alias removed" with what it was (kind, written, person: never
    the notice's other data) and ``why``; None when there is none of that id."""
    gone = tx.remove_alias(alias_id)
    if gone is not None:
        tx.audit(
            "alias removed",
            case_id=gone.case_id,
            alias=gone.id,
            kind=gone.kind.value,
            written=gone.written,
            person=gone.person,
            **why,
        )
    return gone


def filed_with(docket: Docket, alias: Alias) -> list[NoticeRecord]:
    """The notices the matcher filed to the alias's case since it was learned that carry what it stands for
    (the name, trading name or receipt number as written): those it filed, or helped file. A notice a person
    filed (from review) is not one of them, nor the one whose review taught it."""
    by_person = {r.notice_id for r in docket.reviews(ReviewStatus.RESOLVED) if r.notice_id is not None}
    out = []
    for notice in docket.notices(alias.case_id):
        if notice.status is not NoticeStatus.FILED or notice.id in by_person or notice.created_at < alias.created_at:
            continue
        if alias.kind is AliasKind.NAME:
            carried = {name_key(notice.data.get(k)) for k in ("beneficiary", "applicant")}
        elif alias.kind is AliasKind.PETITIONER:
            carried = {company_key(notice.data.get("petitioner"))}
        else:
            carried = {str(notice.receipt_number or "").upper()}
        if alias.key in carried:
            out.append(notice)
    return out


def filed_warning(alias: Alias, notices: list[NoticeRecord]) -> str:
    """What to tell whoever removed ``alias`` of the notices it filed ('' when none): they stay filed."""
    if not notices:
        return ""
    listed = ", ".join(f"notice {n.id} ({Path(str(n.filed_path)).name})" for n in notices)
    one = len(notices) == 1
    return printable(
        f"{len(notices)} notice{'' if one else 's'} filed to {alias.case_id} with this alias "
        f"{'stays' if one else 'stay'} there (removing it moves nothing): {listed}; "
        f"if {'it belongs' if one else 'any belongs'} to another case, move it by hand"
    )


def describe(alias: NewAlias) -> str:
    """One alias in words: ``name 'LINDGREN, ASTRID M' -> ACME-2026-0142 principal``."""
    where = f"{alias.case_id} {alias.person}" if alias.person else alias.case_id
    if alias.kind is AliasKind.PETITIONER:
        where = f"the petitioner of {alias.case_id}"
    return printable(f"{alias.kind.value} {alias.written!r} -> {where}")


def to_table(rows: list[Alias]) -> str:
    """The aliases as a table for the terminal (control characters shown as escapes)."""
    lines = [f"{'id':>4}  {'kind':<10} {'as written':<34} {'case':<22} {'person':<14} {'learned':<10} by"]
    for row in rows:
        lines.append(
            printable(
                f"{row.id:>4}  {row.kind.value:<10} {row.written:<34} {row.case_id:<22} {row.person or '':<14} "
                f"{row.created_at[:10]:<10} {row.created_by}"
            )
        )
    return "\n".join(lines) + "\n"
