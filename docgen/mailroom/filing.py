"""Filing a notice to its case: the case-file change and its docket records as one recoverable step.

A case file cannot take part in a database transaction, so the change is
made in three steps, each safe to be killed after:

1. **intent**: in one docket transaction, record what will change (the
   notice, the case file, the changes planned, the records to write);
2. **case file**: write the new case file (atomically);
3. **commit**: in one docket transaction, record the notice, its deadlines
   and the audit entries (with the changes of step 1), and drop the intent.

A run killed between 1 and 3 leaves the intent; the next run completes it
first (:func:`replay_intents`): the case change is applied again (it is
idempotent, so a change already written is not made twice) and recorded with
the changes planned. The case file's lock is held from step 1 to 3, so an
intent is only ever completed by the run that made it or, once that run is
gone, by the next one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.case.loader import load_case
from docgen.errors import DocgenError
from docgen.faults import checkpoint
from docgen.mailroom import aliases
from docgen.mailroom.case_sync import record_case_in_folder
from docgen.mailroom.cases import REPLACED, CaseEntry, case_file_lock, plan_notice, write_case_text
from docgen.mailroom.deadlines import from_notice
from docgen.mailroom.docket import (
    ANSWERED_BY_DECISION,
    SUPERSEDED_BY_APPROVAL,
    DeadlineKind,
    Docket,
    NewNotice,
    NoticeStatus,
    UnitOfWork,
)
from docgen.mailroom.receipts import match_receipt


@dataclass
class Filing:
    """A notice to file to a case: what the docket records once the case file is written.

    ``kind`` is ``ingest`` (a new notice from the inbox) or ``resolve`` (a
    notice waiting in review, ``notice_id`` and ``review_id``).
    """

    kind: str
    identity: str
    case_id: str
    case_path: str
    person: str
    record: dict[str, Any]  # the fields of a NewNotice (status filed, case_id set)
    file: str
    notice_id: int | None = None
    review_id: int | None = None
    corrections: dict[str, Any] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)  # what a review taught (docgen.mailroom.aliases)
    confirmed: list[str] = field(default_factory=list)  # deadline days a reviewer confirmed as read (for the audit)

    def payload(self) -> dict[str, Any]:
        """The intent as JSON-ready data."""
        return {k: v for k, v in self.__dict__.items()}


def file_notice(docket: Docket, filing: Filing, folder: Iterable[CaseEntry] | None = None) -> bool:
    """Change the case file and record the notice, recoverably; False when the notice is already taken.
    ``folder``: the case folder as already read (an ingest's), for the people the case shares with other files."""
    path = Path(filing.case_path)
    with case_file_lock(path):
        replaced: dict[str, str] = {}
        text, filing.changes = plan_notice(path, filing.record["data"], filing.person, replaced)
        data = {k: v for k, v in filing.record["data"].items() if k != REPLACED}
        filing.record["data"] = data | ({REPLACED: replaced} if replaced else {})  # for an unfile to write back
        with docket.transaction() as tx:
            if filing.kind == "ingest" and tx.notice_taken(filing.identity):
                return False  # recorded (or being filed) by another run
            intent_id = tx.add_intent(filing.identity, filing.case_id, filing.case_path, filing.payload())
        checkpoint("intent-recorded")
        if text is not None:
            write_case_text(path, text)
        checkpoint("case-written")
        with docket.transaction() as tx:
            commit(tx, filing, intent_id, folder)
        checkpoint("committed")
    return True


def replay_intents(docket: Docket) -> list[str]:
    """Complete what killed runs left between changing a case file and recording it; returns problems."""
    from docgen.mailroom import unfile  # it imports this module

    problems: list[str] = []
    for intent in docket.intents():
        if intent.payload.get("kind") == unfile.KIND:  # a notice being taken out of a case
            problem = unfile.replay_one(docket, intent)
            problems += [problem] if problem else []
            continue
        try:
            filing = Filing(**intent.payload)
        except TypeError:
            problems.append(f"intent {intent.id} ({intent.case_id}) cannot be read; check its case file by hand")
            continue
        path = Path(filing.case_path)
        try:
            with case_file_lock(path):
                with docket.transaction() as tx:
                    if not tx.intent_pending(intent.id):
                        continue  # its run finished it after all
                text, changes = plan_notice(path, filing.record["data"], filing.person)
                if text is not None:
                    write_case_text(path, text)
                filing.changes = changes or filing.changes  # written before the kill: the planned changes
                with docket.transaction() as tx:
                    commit(tx, filing, intent.id)
        except (DocgenError, OSError) as exc:
            problems.append(f"{filing.file}: filing to {filing.case_id} could not be completed ({exc})")
    return problems


def commit(tx: UnitOfWork, filing: Filing, intent_id: int, folder: Iterable[CaseEntry] | None = None) -> None:
    """Step 3: the notice, its deadlines and the audit entries, and the intent dropped."""
    notice = NewNotice(**(filing.record | {"status": NoticeStatus(filing.record["status"]), "person": filing.person}))
    if filing.kind == "ingest":
        notice_id = tx.add_notice(notice)
        tx.audit(
            "notice filed",
            file=filing.file,
            case_id=filing.case_id,
            receipt=notice.receipt_number,
            notice_type=notice.notice_type,
            filed=notice.filed_path,
            notice=notice_id,
        )
        if filing.changes:
            tx.audit("case updated", file=filing.file, case_id=filing.case_id, changes=filing.changes, notice=notice_id)
    else:
        notice_id = int(filing.notice_id or 0)
        tx.update_notice(notice_id, notice)
        tx.close_review(int(filing.review_id or 0), f"filed to {filing.case_id}")
        tx.audit(
            "review resolved: notice filed",
            file=filing.file,
            case_id=filing.case_id,
            review=filing.review_id,
            corrections=filing.corrections,
            **({"confirmed": filing.confirmed} if filing.confirmed else {}),
            changes=filing.changes,
            notice=notice_id,
        )
        aliases.record(tx, [aliases.from_payload(a) for a in filing.aliases], filing.file)
    record_notice_deadlines(tx, filing.case_id, filing.person, notice.data, notice_id)
    match_receipt(tx, filing.case_id, filing.person, notice.data, notice_id, notice.filed_path)
    _record_case_file(tx, Path(filing.case_path), folder)
    tx.drop_intent(intent_id)


def _record_case_file(tx: UnitOfWork, path: Path, folder: Iterable[CaseEntry] | None = None) -> None:
    """The case file the notice just changed (its I-94 date...), recorded with the notice: the docket's deadlines
    follow it at once. A file that cannot be read now is left to the next ingest, which reads the folder and says
    why; the notice is recorded all the same."""
    try:
        case = load_case(path)
    except (DocgenError, OSError):
        return
    record_case_in_folder(tx, case, path, folder)


def record_notice_deadlines(tx: UnitOfWork, case_id: str, person: str, data: dict[str, Any], notice_id: int) -> None:
    """Record a notice's deadlines; a newer approval closes the validity deadlines of older ones, and a
    decision answers the RFE or NOID of its receipt, in whichever order the two notices arrive."""
    deadlines, problems = from_notice(case_id, person, data)
    for problem in problems:
        tx.audit("deadline not recorded", case_id=case_id, problem=problem)
    for deadline in deadlines:
        tx.add_deadline(deadline, notice_id)
    if any(d.kind is DeadlineKind.STATUS_VALID_UNTIL for d in deadlines):
        tx.supersede(case_id, person, SUPERSEDED_BY_APPROVAL)
    if data.get("notice_type") in ("approval", "denial", "rfe", "noid") and data.get("receipt_number"):
        tx.close_response_deadlines(str(data["receipt_number"]), ANSWERED_BY_DECISION)
