"""What needs a person, and how a person settles it: assign to a case, correct a field, or dismiss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.errors import UsageError
from docgen.fileio import write_bytes_atomic
from docgen.mailroom.cases import CaseStore, apply_notice
from docgen.mailroom.docket import Docket
from docgen.mailroom.ingest import filed_name, record_notice_deadlines
from docgen.notices import FIELDS


def parse_corrections(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``receipt_number=WAC2690012345`` pairs to a dict of notice fields."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or key not in FIELDS or key == "appointment":
            raise UsageError(f"--set {pair!r}: write FIELD=VALUE with a field of {', '.join(FIELDS)}")
        out[key] = value.strip() or None
    return out


def resolve(
    docket: Docket,
    cases: CaseStore,
    review_id: int,
    *,
    case_id: str | None = None,
    person: str | None = None,
    corrections: dict[str, Any] | None = None,
    dismiss: str | None = None,
) -> str:
    """Settle one review item; returns what was done, in words."""
    item = docket.review(review_id)
    if item is None or item["status"] != "open":
        raise UsageError(f"review item {review_id} is not open; see 'docgen mailroom review'")
    if dismiss:
        with docket.transaction() as tx:
            docket.close_review(tx, review_id, f"dismissed: {dismiss}")
            docket.audit(tx, "review dismissed", file=item["path"], review=review_id, reason=dismiss)
        return f"review {review_id} dismissed"
    if item["notice_id"] is None:
        raise UsageError(
            f"review {review_id} is a whole file ({item['reason']}); rescan it into the inbox, "
            "or close it with --dismiss REASON"
        )
    notice = next(n for n in docket.notices() if n.id == item["notice_id"])
    data = dict(notice.data)
    data.update(corrections or {})
    if case_id is None:
        found = cases.by_receipt(str(data.get("receipt_number") or "")) if data.get("receipt_number") else None
        matches = [(found, "beneficiary")] if found else cases.by_people(data)
        if len(matches) != 1 or matches[0][0] is None:
            with docket.transaction() as tx:
                docket.update_notice(tx, notice.id, data=data)
                docket.audit(tx, "notice corrected", review=review_id, corrections=corrections or {})
            return f"review {review_id}: corrected, still no single case matches; give --case"
        case_id, person = matches[0][0], person or matches[0][1]
    if case_id not in cases.entries:
        raise UsageError(f"no case {case_id!r} in {cases.folder}; known: {', '.join(sorted(cases.entries))}")
    source = Path(str(item["path"]))
    target = cases.folder_for(case_id) / filed_name(data)
    write_bytes_atomic(target, source.read_bytes())
    changes = apply_notice(cases.entries[case_id].path, data, person)
    with docket.transaction() as tx:
        docket.update_notice(
            tx,
            notice.id,
            case_id=case_id,
            status="filed",
            filed_path=str(target),
            data=data,
            receipt_number=data.get("receipt_number"),
            notice_type=data.get("notice_type"),
            notice_date=data.get("notice_date"),
            form=data.get("form"),
        )
        record_notice_deadlines(docket, tx, case_id, person or "", data, notice.id)
        docket.close_review(tx, review_id, f"filed to {case_id}")
        docket.audit(
            tx,
            "review resolved: notice filed",
            file=str(source),
            case_id=case_id,
            review=review_id,
            corrections=corrections or {},
            changes=changes,
        )
    source.unlink(missing_ok=True)
    source.with_suffix(".reason.txt").unlink(missing_ok=True)
    return f"review {review_id}: filed to {case_id} as {target}"
