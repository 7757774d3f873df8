"""``docgen mailroom ingest``: every file of the inbox, parsed, split, matched, filed, recorded.

Nothing lost, nothing twice:
- a file whose content was ingested before is only removed from the inbox;
- a notice already in the docket (same receipt number, kind and notice date,
  even inside another scan) is not filed again;
- the filed copy and the case update are written (atomically, under names
  derived from the notice) before the docket records them in one transaction,
  and the inbox file is removed only after that commit; killed at any moment,
  a rerun redoes only what was not committed, to the same names;
- an inbox file being ingested is locked, so two ingests at once share the
  work instead of doing it twice; the docket serialises their writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from docgen.errors import NoticeError
from docgen.fileio import write_bytes_atomic, write_text_atomic
from docgen.mailroom.cases import CaseStore, apply_notice
from docgen.mailroom.deadlines import from_case, from_notice
from docgen.mailroom.docket import Docket
from docgen.notices import Notice, parse_notice_file
from docgen.pdf.images import open_image
from docgen.pdf.limits import NOTICE_CAPS
from docgen.pdf.open import open_pdf

KEY_FIELDS = ("notice_type", "receipt_number", "notice_date")


@dataclass
class IngestReport:
    """What one ingest did."""

    files: int = 0
    filed: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    duplicate_files: int = 0
    duplicate_notices: int = 0
    skipped_locked: int = 0
    problems: list[str] = field(default_factory=list)


def content_hash(data: bytes) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def notice_identity(notice: dict[str, Any], source_hash: str, pages: list[int]) -> str:
    """Receipt number + kind + notice date when all are read; else the file content and pages."""
    if all(notice.get(k) for k in KEY_FIELDS):
        return f"{notice['receipt_number']}|{notice['notice_type']}|{notice['notice_date']}"
    return f"{source_hash}|{','.join(map(str, pages))}"


def filed_name(notice: dict[str, Any]) -> str:
    """``2026-03-25_I-129_approval_WAC2612345678.pdf``."""
    parts = [
        notice.get("notice_date") or "undated",
        notice.get("form") or "form",
        notice.get("notice_type") or "notice",
        notice.get("receipt_number") or "no-receipt",
    ]
    return "_".join(str(p).replace("/", "-") for p in parts) + ".pdf"


def pages_pdf(path: Path, kind: str, pages: list[int]) -> bytes:
    """The given pages (1-based) of a PDF or image file as one PDF."""
    if kind == "pdf":
        with open_pdf(path, lambda problem: NoticeError(f"{path}: {problem}"), caps=NOTICE_CAPS) as source:
            out = pikepdf.new()
            for number in pages:
                out.pages.append(source.pages[number - 1])
            buffer = io.BytesIO()
            out.save(buffer, deterministic_id=True)
            return buffer.getvalue()
    frames = []
    with open_image(path, NOTICE_CAPS, str(path)) as image:
        for number in pages:
            image.seek(number - 1)
            frames.append(image.convert("RGB"))
    buffer = io.BytesIO()
    dpi = 200.0
    frames[0].save(buffer, format="PDF", save_all=True, append_images=frames[1:], resolution=dpi)
    return buffer.getvalue()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[bool]:
    """Hold an exclusive lock on an inbox file; False when another ingest holds it."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield False
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        handle.close()


def inbox_files(inbox: Path) -> list[Path]:
    """The files waiting in the inbox (hidden files and reason notes left out)."""
    return sorted(
        p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".reason.txt")
    )


class Ingest:
    """One run over an inbox."""

    def __init__(self, docket: Docket, cases: CaseStore, review_dir: Path) -> None:
        self.docket = docket
        self.cases = cases
        self.review_dir = review_dir
        self.report = IngestReport()

    def run(self, inbox: Path) -> IngestReport:
        """Ingest every file of ``inbox``."""
        if not inbox.is_dir():
            raise NoticeError(f"{inbox}: no such inbox folder")
        self.sync_case_deadlines()
        self.report.problems.extend(self.cases.problems)
        for path in inbox_files(inbox):
            with locked(path) as mine:
                if not mine or not path.exists():
                    self.report.skipped_locked += 1
                    continue
                self.report.files += 1
                self.ingest_file(path)
        if self.report.filed:
            self.sync_case_deadlines()  # the notices changed case files: record what they say now
        return self.report

    def sync_case_deadlines(self) -> None:
        """Deadlines the case files hold (I-94, passports), as the files say now.

        The files are read inside the docket's write transaction, so of two
        ingests at once the one that records last has read the latest files.
        """
        with self.docket.transaction() as tx:
            self.cases = CaseStore(self.cases.folder)
            for entry in self.cases.entries.values():
                self.docket.replace_case_deadlines(tx, entry.case.case_id)
                for deadline in from_case(entry.case):
                    self.docket.add_deadline(
                        tx,
                        deadline.case_id,
                        deadline.person,
                        deadline.kind,
                        deadline.due.isoformat(),
                        deadline.description,
                        None,
                    )

    def ingest_file(self, path: Path) -> None:
        """Parse, split, match, file and record one inbox file, then remove it."""
        data = path.read_bytes()
        digest = content_hash(data)
        if self.docket.source_status(digest) is not None:
            self.report.duplicate_files += 1
            with self.docket.transaction() as tx:
                self.docket.audit(tx, "duplicate file removed from inbox", file=path.name, content_hash=digest)
            path.unlink(missing_ok=True)
            return
        try:
            result = parse_notice_file(path)
        except NoticeError as exc:
            self.to_review_file(path, data, digest, "unreadable", str(exc))
            return
        if not result.notices:
            self.to_review_file(path, data, digest, "not-a-notice", result.reason or "no notice found")
            return
        statuses = [self.ingest_notice(path, result.kind, digest, notice) for notice in result.notices]
        with self.docket.transaction() as tx:
            status = "review" if "review" in statuses else "done"
            self.docket.record_source(tx, digest, path.name, status, len(result.notices))
            self.docket.audit(tx, "file ingested", file=path.name, notices=len(result.notices), content_hash=digest)
        path.unlink(missing_ok=True)

    def ingest_notice(self, path: Path, kind: str, digest: str, notice: Notice) -> str:
        """File one notice of a file; returns filed, review or duplicate."""
        values = notice.to_dict()
        identity = notice_identity(values, digest, notice.pages)
        if self.docket.find_notice(identity) is not None:
            self.report.duplicate_notices += 1
            return "duplicate"
        pdf = pages_pdf(path, kind, notice.pages)
        record = {
            "identity": identity,
            "source_hash": digest,
            "source_pages": ",".join(map(str, notice.pages)),
            "notice_type": values.get("notice_type"),
            "form": values.get("form"),
            "receipt_number": values.get("receipt_number"),
            "notice_date": values.get("notice_date"),
            "data": values,
        }
        unsure = [f for f in KEY_FIELDS if f in notice.needs_review() or not values.get(f)]
        match = None if unsure else self.match(values)
        if match is None:
            reason = (
                f"low confidence or missing: {', '.join(unsure)}"
                if unsure
                else "no case has this receipt number or these names"
            )
            folder = "low-confidence" if unsure else "unmatched"
            pages = "-".join(map(str, notice.pages))  # the content hash keeps two scans of one name apart
            target = (self.review_dir / folder / f"{Path(path.name).stem}_{digest[:8]}_p{pages}.pdf").resolve()
            write_bytes_atomic(target, pdf)
            write_text_atomic(target.with_suffix(".reason.txt"), f"{reason}\nsource: {path.name}\n")
            return self._record(record | {"status": "review", "filed_path": str(target)}, path, reason=reason)
        case_id, person = match
        target = (self.cases.folder_for(case_id) / filed_name(values)).resolve()
        write_bytes_atomic(target, pdf)
        changes = apply_notice(self.cases.entries[case_id].path, values, person)
        return self._record(
            record | {"status": "filed", "case_id": case_id, "filed_path": str(target)},
            path,
            person=person,
            changes=changes,
        )

    def match(self, values: dict[str, Any]) -> tuple[str, str] | None:
        """The case (and person) a notice belongs to, or None for review."""
        return match_notice(self.cases, self.docket, values)

    def _record(
        self,
        record: dict[str, Any],
        path: Path,
        person: str | None = None,
        changes: list[dict[str, Any]] | None = None,
        reason: str | None = None,
    ) -> str:
        try:
            with self.docket.transaction() as tx:
                notice_id = self.docket.add_notice(tx, record)
                case_id = record.get("case_id")
                if case_id:
                    record_notice_deadlines(self.docket, tx, case_id, person or "", record["data"], notice_id)
                    self.docket.audit(
                        tx,
                        "notice filed",
                        file=path.name,
                        case_id=case_id,
                        receipt=record.get("receipt_number"),
                        notice_type=record.get("notice_type"),
                        filed=record["filed_path"],
                    )
                    if changes:
                        self.docket.audit(tx, "case updated", file=path.name, case_id=case_id, changes=changes)
                else:
                    self.docket.add_review(tx, reason or "review", record["filed_path"], notice_id=notice_id)
                    self.docket.audit(
                        tx, "notice sent to review", file=path.name, reason=reason, filed=record["filed_path"]
                    )
        except sqlite3.IntegrityError:
            self.report.duplicate_notices += 1  # another ingest recorded it first
            return "duplicate"
        (self.report.filed if record["status"] == "filed" else self.report.review).append(record["filed_path"])
        return str(record["status"]) if record["status"] == "filed" else "review"

    def to_review_file(self, path: Path, data: bytes, digest: str, folder: str, reason: str) -> None:
        """A whole file that holds no readable notice goes to review with its reason beside it."""
        target = (self.review_dir / folder / f"{digest[:8]}_{path.name}").resolve()
        write_bytes_atomic(target, data)
        write_text_atomic(target.with_name(target.name + ".reason.txt"), f"{reason}\n")
        with self.docket.transaction() as tx:
            self.docket.record_source(tx, digest, path.name, "review", 0)
            self.docket.add_review(tx, reason, str(target), source_hash=digest)
            self.docket.audit(tx, "file sent to review", file=path.name, reason=reason)
        self.report.review.append(str(target))
        path.unlink(missing_ok=True)


def match_notice(cases: CaseStore, docket: Docket, values: dict[str, Any]) -> tuple[str, str] | None:
    """The case and person of a notice: by receipt number (the person by name), else by names; None if unsure."""
    receipt = str(values.get("receipt_number") or "")
    case_id = (cases.by_receipt(receipt) or docket.case_for_receipt(receipt)) if receipt else None
    found = cases.by_people(values)
    if case_id is not None and case_id in cases.entries:
        case = cases.entries[case_id].case
        person = next((p for c, p in found if c == case_id), case.beneficiary.id or "beneficiary")
        return case_id, person
    return found[0] if len(found) == 1 else None


SUPERSEDED_BY_APPROVAL = ("Status valid until", "Extension window opens", "I-94 expires")
ANSWERED_BY_DECISION = ("RFE response due", "NOID response due")


def record_notice_deadlines(
    docket: Docket, tx: sqlite3.Connection, case_id: str, person: str, data: dict[str, Any], notice_id: int
) -> None:
    """Record a notice's deadlines; a newer approval closes the validity deadlines of older ones."""
    deadlines = from_notice(case_id, person, data)
    for deadline in deadlines:
        docket.add_deadline(
            tx, case_id, deadline.person, deadline.kind, deadline.due.isoformat(), deadline.description, notice_id
        )
    if any(d.kind == "Status valid until" for d in deadlines):
        docket.supersede(tx, case_id, person, SUPERSEDED_BY_APPROVAL)
    if data.get("notice_type") in ("approval", "denial") and data.get("receipt_number"):
        docket.close_response_deadlines(tx, str(data["receipt_number"]), ANSWERED_BY_DECISION)


def ingest_inbox(inbox: Path, docket_path: Path, cases_dir: Path, review_dir: Path | None = None) -> IngestReport:
    """Ingest every file of ``inbox`` into the docket and the case folders."""
    cases = CaseStore(cases_dir)
    with Docket(docket_path) as docket:
        return Ingest(docket, cases, review_dir or docket_path.parent / "review").run(inbox)
