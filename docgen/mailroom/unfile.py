"""Undoing a filing: a notice filed to the wrong case goes back to review (``docgen mailroom unfile NOTICE_ID``,
the desk's Unfile button).

What the filing did is undone, as far as nothing else changed it since:

- the notice waits for review again, its copy moved from the case folder to ``review/unfiled/`` (the
  searchable copy beside it removed), a review item opened saying where it was and why it left;
- the deadlines it set are withdrawn (closed, kept: the calendar feed sends them as cancelled, "Withdrawn: ...");
  an expected receipt it settled is awaited again;
- what it changed in the case file (receipt numbers, status, validity, I-94) is put back where the file still
  holds what the notice wrote; anything changed since is listed for a person to check (never overwritten);
- the aliases its review taught are removed;
- the audit log says who unfiled which notice from which case, what was put back and what to check.

It is one recoverable step, like filing (:mod:`docgen.mailroom.filing`): the docket records the intent first, then
the review copy, the case file and the case folder are changed, then one transaction records the rest and drops
the intent; a run killed in between is completed by the next ingest (:func:`replay`) or unfile.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError, OutputError, UsageError
from docgen.faults import checkpoint
from docgen.fileio import make_private_dir, write_bytes_atomic
from docgen.mailroom.aliases import forget
from docgen.mailroom.cases import REPLACED, CaseStore, case_file_lock, given_by, plan_unfile, write_case_text
from docgen.mailroom.docket import (
    ANSWERED_BY_DECISION,
    SUPERSEDED_BY_APPROVAL,
    AuditEntry,
    Docket,
    Intent,
    NewNotice,
    NoticeRecord,
    NoticeStatus,
    ReviewRecord,
    ReviewStatus,
    UnitOfWork,
)
from docgen.mailroom.text import printable

KIND = "unfile"
FILING_ACTIONS = ("notice filed", "case updated", "review resolved: notice filed")


@dataclass
class Unfiling:
    """A filing to undo: what the docket records once the review copy, case file and case folder are changed."""

    notice_id: int
    case_id: str
    case_path: str  # '' when the case file is gone: nothing to put back
    filed_path: str
    review_path: str
    reason: str
    notice: dict[str, Any]  # the fields of a NewNotice, as it goes back to review
    changes: list[dict[str, Any]] = field(default_factory=list)  # what the filing changed in the case file
    replaced: dict[str, str] = field(default_factory=dict)  # identity numbers it replaced there, to write back
    restored: list[dict[str, Any]] = field(default_factory=list)  # what is put back
    check: list[str] = field(default_factory=list)  # what a person must look at
    aliases: list[int] = field(default_factory=list)  # the ids its review taught
    open_reviews: list[int] = field(default_factory=list)  # items of the notice still open (a receipt that differs)
    reopen: list[int] = field(default_factory=list)  # deadlines its filing closed (an earlier approval's, an RFE)
    people: list[str] = field(default_factory=list)  # whose validity deadlines the rule closes again
    given: dict[str, str] = field(default_factory=dict)  # what the case's other filed notices give (kept)
    kind: str = KIND

    def identity(self) -> str:
        """The intent's identity (apart from any notice's)."""
        return f"unfile|{self.notice_id}"


def _filing_entry(log: list[AuditEntry], notice: NoticeRecord, review_id: int | None) -> AuditEntry | None:
    """The audit entry of the notice's latest filing that lists what it changed (or says it changed nothing)."""
    tagged = [e for e in log if e.action in FILING_ACTIONS and e.details.get("notice") == notice.id]
    if tagged:
        return tagged[-1]
    if review_id is not None:  # filed from review by a docgen that did not tag the entry with the notice
        return next(
            (e for e in reversed(log) if e.action == FILING_ACTIONS[2] and e.details.get("review") == review_id), None
        )
    for index in range(len(log) - 1, -1, -1):  # filed by an older ingest: its "case updated" entry follows
        entry = log[index]
        if entry.action == FILING_ACTIONS[0] and entry.details.get("filed") == notice.filed_path:
            after = log[index + 1] if index + 1 < len(log) else None
            if after is not None and after.action == FILING_ACTIONS[1] and after.file == entry.file:
                return after
            return entry
    return None


def _filed_by_review(resolved: list[ReviewRecord], notice: NoticeRecord) -> int | None:
    """The review item whose resolution filed the notice to its case (the latest), if a person filed it
    (``resolved``: the notice's resolved review items)."""
    done = [r for r in resolved if r.resolution == f"filed to {notice.case_id}"]
    return done[-1].id if done else None


def _closed_by(docket: Docket, notice: NoticeRecord, log: list[AuditEntry]) -> tuple[list[int], list[str]]:
    """The deadlines of other notices of the case the filing of ``notice`` closed by a rule (an approval closes
    the earlier approval's validity; a decision answers the RFE or NOID of its receipt), to open again when it is
    unfiled; those a person closed by hand (``log``: the case's audit log) stay closed. Also the people whose
    validity rule must run again."""
    from docgen.mailroom.deadlines import EARLIEST

    kind, receipt = notice.notice_type, notice.receipt_number
    if kind not in ("approval", "denial"):
        return [], []
    by_hand = {e.details.get("deadline") for e in log if e.action == "deadline marked done"}
    closed = [
        r
        for r in docket.deadlines_closed(since=EARLIEST)
        if r.case_id == notice.case_id
        and r.notice_id not in (None, notice.id)
        and not r.withdrawn
        and not r.superseded
        and r.id not in by_hand
    ]
    validity = [r for r in closed if kind == "approval" and r.kind in SUPERSEDED_BY_APPROVAL]
    answered = [
        r
        for r in closed
        if receipt
        and r.kind in ANSWERED_BY_DECISION
        and (asked := docket.notice(int(r.notice_id or 0))) is not None
        and asked.receipt_number == receipt
    ]
    return [r.id for r in validity + answered], sorted({r.person for r in validity})


def plan(docket: Docket, cases: CaseStore, notice_id: int, review_dir: Path | None, reason: str) -> Unfiling:
    """What unfiling ``notice_id`` will do; a UsageError when it is not a filed notice or its copy is gone."""
    notice = docket.notice(notice_id)
    if notice is None:
        raise UsageError(f"no notice {notice_id} in the docket; 'docgen mailroom notices' lists them with their ids")
    if notice.status is not NoticeStatus.FILED or not notice.case_id:
        raise UsageError(f"notice {notice_id} is not filed to a case (it waits for review); settle it there")
    filed = Path(str(notice.filed_path or ""))
    if filed.is_symlink() or not filed.is_file():
        raise UsageError(
            f"notice {notice_id}: its copy {filed.name} is not in the folder of case {notice.case_id} any more; "
            "put it back there (or scan the notice into the inbox again), then unfile it"
        )
    resolved = docket.reviews(ReviewStatus.RESOLVED, notice_id=notice.id)
    review_id = _filed_by_review(resolved, notice)
    log = docket.audit_log(notice.case_id)
    entry = _filing_entry(log, notice, review_id)
    changes = list(entry.details.get("changes") or []) if entry else []
    # the notices filed to the case after this one: what they wrote the same as this one is theirs too
    after = log[next(i for i, e in enumerate(log) if e is entry) + 1 :] if entry else []
    later = {e.details.get("notice") for e in after if e.action in FILING_ACTIONS} - {notice.id}
    if review_dir is None:  # the review folder its earlier item was in, else the ingest's default
        from docgen.mailroom.ingest import default_review_dir

        earlier = [r.path for r in resolved if r.path]
        review_dir = Path(earlier[-1]).parent.parent if earlier else default_review_dir(docket.location, cases.folder)
    target = (review_dir / "unfiled" / f"{filed.stem}_notice{notice.id}{filed.suffix}").absolute()
    taught = [
        a.id
        for a in docket.aliases()
        if review_id is not None and a.review_id == review_id and a.case_id == notice.case_id
    ]
    entry_case = cases.entries.get(notice.case_id)
    reopen, people = _closed_by(docket, notice, log)
    return Unfiling(
        notice_id=notice.id,
        case_id=notice.case_id,
        case_path=str(entry_case.path) if entry_case else "",
        filed_path=str(filed),
        review_path=str(target),
        reason=reason,
        notice={
            "identity": notice.identity,
            "source_hash": notice.source_hash,
            "source_pages": notice.source_pages,
            "status": NoticeStatus.REVIEW.value,
            "data": {k: v for k, v in notice.data.items() if k != REPLACED},  # that filing's, not the next one's
            "filed_path": str(target),
            "case_id": None,
        },
        changes=changes,
        replaced=dict(notice.data.get(REPLACED) or {}),
        aliases=taught,
        open_reviews=[r.id for r in docket.reviews(notice_id=notice.id)],
        reopen=reopen,
        people=people,
        given=given_by(
            [n.data for n in docket.notices(notice.case_id) if n.id in later and n.status is NoticeStatus.FILED],
            str(entry_case.case.facts.form or "") if entry_case else "",
        ),
    )


def unfile(
    docket: Docket, cases: CaseStore, notice_id: int, review_dir: Path | None = None, reason: str = ""
) -> Unfiled:
    """Take a filed notice out of its case and back to review; returns what was done (the new review item, what it
    says, what to check). The copy goes to
    ``review_dir``/unfiled (default: the review folder its earlier review item was in, else the ingest's)."""
    reason = " ".join(reason.split()) or "filed to the wrong case"
    replay(docket)  # an unfiling a killed run left is completed first
    job = plan(docket, cases, notice_id, review_dir, reason)
    case_path = Path(job.case_path) if job.case_path else None
    with case_file_lock(case_path) if case_path else contextlib.nullcontext():
        text = None
        if case_path is not None:
            text, job.restored, job.check = plan_unfile(
                case_path, job.changes, job.notice["data"] | {REPLACED: job.replaced}, job.given
            )
        else:
            job.check.append(f"the case file of {job.case_id} is not in the cases folder: nothing was put back in it")
        folder = Path(job.review_path).parent
        try:  # before the intent: a folder it cannot write leaves nothing to complete
            make_private_dir(folder)
        except OSError as exc:
            raise OutputError(
                f"{folder}: cannot write the notice's copy here ({exc.strerror or exc}); give another folder with "
                "--review-dir"
            ) from None
        with docket.transaction() as tx:
            current = docket.notice(notice_id)
            if current is None or current.status is not NoticeStatus.FILED or current.case_id != job.case_id:
                raise UsageError(f"notice {notice_id} was unfiled or moved meanwhile; see 'docgen mailroom review'")
            intent_id = tx.add_intent(job.identity(), job.case_id, job.case_path, job.__dict__.copy())
        checkpoint("unfile-intent-recorded")
        _move_copy(job)
        if text is not None and case_path is not None:
            write_case_text(case_path, text)
        checkpoint("unfile-case-written")
        _remove_filed(job)
        with docket.transaction() as tx:
            new_review = _commit(tx, job, intent_id)
        checkpoint("unfile-committed")
    return said(job, new_review)


@dataclass(frozen=True)
class Unfiled:
    """What an unfiling did: the review item the notice waits on again, the line that says so, and a line per thing
    a person must check."""

    notice_id: int
    review_id: int
    summary: str
    checks: list[str]

    def __str__(self) -> str:
        return "\n".join([self.summary, *self.checks])


def said(job: Unfiling, review_id: int) -> Unfiled:
    """What an unfiling did, in words (the summary; a line per thing to check)."""
    put_back = ", ".join(str(c["path"]) for c in job.restored) or "nothing"
    summary = printable(
        f"notice {job.notice_id} unfiled from {job.case_id}: back to review as item {review_id} "
        f"({Path(job.review_path).name}); case file: put back {put_back}"
    )
    return Unfiled(job.notice_id, review_id, summary, [printable(f"check: {what}") for what in job.check])


def _move_copy(job: Unfiling) -> None:
    """The filed copy's bytes to the review copy (again after a crash: the same bytes, the same name)."""
    filed, target = Path(job.filed_path), Path(job.review_path)
    if filed.is_file() and not filed.is_symlink():
        write_bytes_atomic(target, filed.read_bytes())


def _remove_filed(job: Unfiling) -> None:
    """The copy leaves the case folder (with its searchable copy), once the review copy is written."""
    filed = Path(job.filed_path)
    if Path(job.review_path).is_file():
        filed.unlink(missing_ok=True)
        filed.with_name(f"{filed.stem}.searchable.pdf").unlink(missing_ok=True)


def _commit(tx: UnitOfWork, job: Unfiling, intent_id: int) -> int:
    """The notice back to review, its deadlines withdrawn, receipts awaited again, aliases removed, the case
    file's deadlines recorded again, the audit entry, and the intent dropped; returns the new review item."""
    from docgen.mailroom.filing import _record_case_file  # filing imports this module to replay intents

    tx.update_notice(job.notice_id, NewNotice(**(job.notice | {"status": NoticeStatus(job.notice["status"])})))
    for review_id in job.open_reviews:
        tx.close_review(review_id, f"notice unfiled from {job.case_id}")
    new_review = tx.add_review(f"unfiled from {job.case_id}: {job.reason}", job.review_path, notice_id=job.notice_id)
    withdrawn = tx.withdraw_deadlines(job.notice_id)
    tx.reopen_deadlines(job.reopen)  # what its filing closed, then closed again if another notice still closes it
    for person in job.people:
        tx.supersede(job.case_id, person, SUPERSEDED_BY_APPROVAL)
    receipt = job.notice["data"].get("receipt_number")
    if receipt and job.reopen:
        tx.close_response_deadlines(str(receipt), ANSWERED_BY_DECISION)
    awaited = tx.receipt_unmatched(job.notice_id)
    removed = []
    for alias_id in job.aliases:
        gone = forget(tx, alias_id, unfiled_notice=job.notice_id)
        if gone is not None:
            removed.append(gone.id)
    if job.case_path:
        _record_case_file(tx, Path(job.case_path))
    tx.audit(
        "notice unfiled",
        file=job.filed_path,
        case_id=job.case_id,
        notice=job.notice_id,
        review=new_review,
        reason=job.reason,
        restored=job.restored,
        check=job.check,
        deadlines_withdrawn=[d.id for d in withdrawn],
        deadlines_reopened=job.reopen,
        receipts_awaited_again=[e.id for e in awaited],
        aliases_removed=removed,
    )
    tx.drop_intent(intent_id)
    return new_review


def replay(docket: Docket) -> list[str]:
    """Complete the unfilings killed runs left (between recording the intent and recording the rest)."""
    problems: list[str] = []
    for intent in docket.intents():
        if intent.payload.get("kind") == KIND:
            problem = replay_one(docket, intent)
            if problem:
                problems.append(problem)
    return problems


def replay_one(docket: Docket, intent: Intent) -> str:
    """Complete one unfiling; a problem in words, or ''."""
    try:
        job = Unfiling(**intent.payload)
    except TypeError:
        return f"intent {intent.id} ({intent.case_id}) cannot be read; check its case file by hand"
    case_path = Path(job.case_path) if job.case_path else None
    try:
        with case_file_lock(case_path) if case_path else contextlib.nullcontext():
            with docket.transaction() as tx:
                if not tx.intent_pending(intent.id):
                    return ""  # its run finished it after all
            if not Path(job.review_path).is_file():
                _move_copy(job)
            if case_path is not None:
                text, _, _ = plan_unfile(
                    case_path, job.changes, job.notice["data"] | {REPLACED: job.replaced}, job.given
                )  # what is left to put back
                if text is not None:
                    write_case_text(case_path, text)
            _remove_filed(job)
            with docket.transaction() as tx:
                _commit(tx, job, intent.id)
    except (OSError, DocgenError) as exc:
        return f"notice {job.notice_id}: unfiling from {job.case_id} could not be completed ({exc})"
    return ""
