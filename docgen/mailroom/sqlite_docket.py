"""The docket on SQLite: one file, nothing to set up (the default).

WAL mode with a busy timeout, so several ingests can run at once; every
change is one ``BEGIN IMMEDIATE`` transaction. The schema is versioned
(``PRAGMA user_version``) and upgraded by the migrations below on open. Every
SQLite error becomes a one-line :class:`~docgen.errors.DocgenError` naming the
file (a full disk, a damaged page, a missing table). The file is created
owner-only (0600) before SQLite opens it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from docgen.errors import DiskFullError, DocgenError, DocketError, UsageError
from docgen.mailroom.docket import (
    AuditEntry,
    Deadline,
    DeadlineKind,
    DeadlineRecord,
    Intent,
    NewNotice,
    NoticeRecord,
    NoticeStatus,
    ReviewRecord,
    ReviewStatus,
    SourceStatus,
    actor,
    now,
)

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE sources (
        content_hash TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        status TEXT NOT NULL,            -- done, review
        notices INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,   -- receipt|type|notice date, or content hash|pages
        source_hash TEXT NOT NULL,
        source_pages TEXT NOT NULL,
        case_id TEXT,
        status TEXT NOT NULL,            -- filed, review
        notice_type TEXT,
        form TEXT,
        receipt_number TEXT,
        notice_date TEXT,
        data TEXT NOT NULL,              -- the parsed notice as JSON
        filed_path TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX notices_receipt ON notices(receipt_number);
    CREATE INDEX notices_case ON notices(case_id);
    CREATE TABLE deadlines (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL,
        person TEXT,
        kind TEXT NOT NULL,
        due TEXT NOT NULL,
        description TEXT NOT NULL,
        notice_id INTEGER REFERENCES notices(id),
        done INTEGER NOT NULL DEFAULT 0,
        UNIQUE(case_id, person, kind, due)
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        notice_id INTEGER REFERENCES notices(id),
        source_hash TEXT,
        reason TEXT NOT NULL,
        path TEXT,
        status TEXT NOT NULL DEFAULT 'open',
        resolution TEXT,
        created_at TEXT NOT NULL,
        resolved_at TEXT
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        file TEXT,
        case_id TEXT,
        details TEXT NOT NULL
    );
    """,
    # 2: write-ahead intents: a case-file change recorded before it is made, completed after a crash
    """
    CREATE TABLE intents (
        id INTEGER PRIMARY KEY,
        identity TEXT NOT NULL UNIQUE,   -- the notice's identity
        case_id TEXT NOT NULL,
        case_path TEXT NOT NULL,
        payload TEXT NOT NULL,           -- what to record once the case file is written (JSON)
        created_at TEXT NOT NULL
    );
    """,
]


TABLES = ("sources", "notices", "deadlines", "reviews", "audit", "intents")


def translated(path: Path, exc: sqlite3.Error) -> DocgenError:
    """A SQLite error as the one-line error a user can act on."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "full" in text:
        return DiskFullError(f"{path}: the disk is full (the docket cannot grow); free space and run again")
    if "no such table" in text:
        table = text.rsplit(":", 1)[-1].strip()
        return DocketError(f"{path}: the docket has no {table} table; restore it from a backup or start a new docket")
    if isinstance(exc, sqlite3.IntegrityError):
        return DocketError(f"{path}: another run recorded this first ({text}); run the command again")
    if "locked" in text or "busy" in text:
        return DocketError(f"{path}: the docket is locked by another program ({text}); try again when it is done")
    if isinstance(exc, sqlite3.OperationalError) and ("readonly" in text or "unable to open" in text):
        return DocketError(f"{path}: cannot write the docket ({text}); check the file's and folder's permissions")
    return DocketError(
        f"{path}: the docket file is damaged ({text}); restore it from a backup (or try: sqlite3 {path.name} .recover)"
    )


class _Connection:
    """A SQLite connection whose errors are one-line :class:`DocgenError` s naming the docket."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self.raw = db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement."""
        try:
            return self.raw.execute(sql, params)
        except OverflowError:
            raise UsageError("a number given is larger than any id the docket holds; see the listing for ids") from None
        except sqlite3.Error as exc:
            raise translated(self.path, exc) from None

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a query and fetch every row (errors translated while fetching too)."""
        try:
            return self.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise translated(self.path, exc) from None

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


def _make_private(path: Path) -> None:
    """Create the docket file owner-only before SQLite opens it; an empty file given is made owner-only too."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        os.close(fd)
    except FileExistsError:
        if path.stat().st_size == 0:
            os.chmod(path, 0o600)


class SqliteDocket:
    """A docket in one SQLite file (implements :class:`docgen.mailroom.docket.Docket`)."""

    def __init__(self, path: Path | str, create: bool = True) -> None:
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise DocketError(f"{self.path}: no docket here; check the path (a docket is made by 'mailroom ingest')")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if create:
                _make_private(self.path)
            raw = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            raw.row_factory = sqlite3.Row
            raw.execute("PRAGMA journal_mode=WAL")
        except OSError as exc:
            raise DocketError(
                f"{self.path}: cannot make the docket here ({exc.strerror}); choose another place"
            ) from None
        except sqlite3.OperationalError as exc:
            raise DocketError(
                f"{self.path}: cannot open or make the docket ({exc}); check the folder's permissions"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise DocketError(f"{self.path}: not a docket database ({exc}); give the docket file docgen made") from None
        self.db = _Connection(self.path, raw)
        try:
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except DocgenError:
            raw.close()
            raise

    @property
    def location(self) -> str:
        """The docket file."""
        return str(self.path)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> SqliteDocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        with self.transaction():
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise DocketError(
                    f"{self.path}: docket schema {version} is newer than this docgen knows ({len(MIGRATIONS)}); "
                    "upgrade docgen"
                )
            for number in range(version, len(MIGRATIONS)):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version={number + 1}")
            found = {r[0] for r in self.db.rows("SELECT name FROM sqlite_master WHERE type='table'")}
            for table in TABLES:
                if table not in found:
                    raise DocketError(
                        f"{self.path}: the docket has no {table} table; restore it from a backup or start a new docket"
                    )

    @property
    def schema_version(self) -> int:
        """The schema version of this file."""
        return int(self.db.rows("PRAGMA user_version")[0][0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[SqliteUnitOfWork]:
        """One atomic change: ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield SqliteUnitOfWork(self.db)
        except BaseException:
            if self.db.raw.in_transaction:
                self.db.raw.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- reads -----------------------------------------------------------
    def deadlines_due(self, within_days: int | None = None, today: dt.date | None = None) -> list[DeadlineRecord]:
        """Open deadlines, soonest first (only those due within ``within_days`` of ``today`` when given)."""
        if within_days is None:
            rows = self.db.rows("SELECT * FROM deadlines WHERE done=0 ORDER BY due, case_id, id")
        else:
            try:
                last = (today or dt.date.today()) + dt.timedelta(days=within_days)
            except OverflowError:
                last = dt.date.max
            rows = self.db.rows(
                "SELECT * FROM deadlines WHERE done=0 AND due<=? ORDER BY due, case_id, id", (last.isoformat(),)
            )
        return [self._deadline(r) for r in rows]

    def _deadline(self, row: sqlite3.Row) -> DeadlineRecord:
        try:
            due = dt.date.fromisoformat(row["due"])
            kind = DeadlineKind(row["kind"])
        except ValueError:
            raise DocketError(
                f"{self.path}: deadline {row['id']} holds {row['kind']!r} on {row['due']!r}, not a deadline; "
                "restore the docket from a backup"
            ) from None
        return DeadlineRecord(
            case_id=row["case_id"],
            person=row["person"],
            kind=kind,
            due=due,
            description=row["description"],
            id=row["id"],
            notice_id=row["notice_id"],
            done=bool(row["done"]),
        )

    def notices(self, case_id: str | None = None) -> list[NoticeRecord]:
        """Every notice (of one case), oldest first."""
        if case_id is None:
            return [_notice(r) for r in self.db.rows("SELECT * FROM notices ORDER BY id")]
        return [_notice(r) for r in self.db.rows("SELECT * FROM notices WHERE case_id=? ORDER BY id", (case_id,))]

    def notice(self, notice_id: int) -> NoticeRecord | None:
        """One notice."""
        rows = self.db.rows("SELECT * FROM notices WHERE id=?", (notice_id,))
        return _notice(rows[0]) if rows else None

    def find_notice(self, identity: str) -> NoticeRecord | None:
        """The notice with this identity, if recorded."""
        rows = self.db.rows("SELECT * FROM notices WHERE identity=?", (identity,))
        return _notice(rows[0]) if rows else None

    def case_for_receipt(self, receipt: str) -> str | None:
        """The case a receipt number was filed to before."""
        rows = self.db.rows(
            "SELECT case_id FROM notices WHERE receipt_number=? AND case_id IS NOT NULL ORDER BY id LIMIT 1",
            (receipt,),
        )
        return str(rows[0]["case_id"]) if rows else None

    def source_status(self, content_hash: str) -> SourceStatus | None:
        """What came of this file content, if it was ingested before."""
        rows = self.db.rows("SELECT status FROM sources WHERE content_hash=?", (content_hash,))
        return SourceStatus(rows[0]["status"]) if rows else None

    def reviews(self, status: ReviewStatus = ReviewStatus.OPEN) -> list[ReviewRecord]:
        """Review items (open by default), oldest first."""
        return [_review(r) for r in self.db.rows("SELECT * FROM reviews WHERE status=? ORDER BY id", (status.value,))]

    def review(self, review_id: int) -> ReviewRecord | None:
        """One review item."""
        rows = self.db.rows("SELECT * FROM reviews WHERE id=?", (review_id,))
        return _review(rows[0]) if rows else None

    def audit_log(self, case_id: str | None = None) -> list[AuditEntry]:
        """The audit log (of one case), oldest first."""
        if case_id is None:
            rows = self.db.rows("SELECT * FROM audit ORDER BY id")
        else:
            rows = self.db.rows("SELECT * FROM audit WHERE case_id=? ORDER BY id", (case_id,))
        return [
            AuditEntry(r["id"], r["at"], r["actor"], r["action"], r["file"], r["case_id"], json.loads(r["details"]))
            for r in rows
        ]

    def intents(self) -> list[Intent]:
        """Intents not completed (a run was killed between changing a case file and recording it)."""
        return [
            Intent(r["id"], r["identity"], r["case_id"], r["case_path"], json.loads(r["payload"]))
            for r in self.db.rows("SELECT * FROM intents ORDER BY id")
        ]


class SqliteUnitOfWork:
    """The writes of one SQLite transaction (implements :class:`docgen.mailroom.docket.UnitOfWork`)."""

    def __init__(self, db: _Connection) -> None:
        self.db = db

    def record_source(self, content_hash: str, name: str, status: SourceStatus, notices: int) -> None:
        """Mark a file's content as ingested (again: the status is updated)."""
        self.db.execute(
            "INSERT INTO sources(content_hash, file_name, status, notices, ingested_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT(content_hash) DO UPDATE SET status=excluded.status, notices=excluded.notices",
            (content_hash, name, status.value, notices, now()),
        )

    def notice_taken(self, identity: str) -> bool:
        """Whether a notice of this identity is recorded, or being filed (a pending intent)."""
        return bool(
            self.db.rows(
                "SELECT 1 FROM notices WHERE identity=? UNION ALL SELECT 1 FROM intents WHERE identity=?",
                (identity, identity),
            )
        )

    def add_notice(self, notice: NewNotice) -> int:
        """Record a notice (its identity must not be taken); returns its id."""
        cursor = self.db.execute(
            "INSERT INTO notices(identity, source_hash, source_pages, case_id, status, notice_type, form, "
            "receipt_number, notice_date, data, filed_path, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                notice.identity,
                notice.source_hash,
                notice.source_pages,
                notice.case_id,
                notice.status.value,
                notice.notice_type,
                notice.form,
                notice.receipt_number,
                notice.notice_date,
                json.dumps(notice.data),
                notice.filed_path,
                now(),
            ),
        )
        return int(cursor.lastrowid or 0)

    def update_notice(self, notice_id: int, notice: NewNotice) -> None:
        """Replace what is known of a notice (after review)."""
        self.db.execute(
            "UPDATE notices SET identity=?, case_id=?, status=?, notice_type=?, form=?, receipt_number=?, "
            "notice_date=?, data=?, filed_path=? WHERE id=?",
            (
                notice.identity,
                notice.case_id,
                notice.status.value,
                notice.notice_type,
                notice.form,
                notice.receipt_number,
                notice.notice_date,
                json.dumps(notice.data),
                notice.filed_path,
                notice_id,
            ),
        )

    def add_deadline(self, deadline: Deadline, notice_id: int | None = None) -> None:
        """Record a deadline; the same case, person, kind and day is kept once."""
        self.db.execute(
            "INSERT INTO deadlines(case_id, person, kind, due, description, notice_id) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(case_id, person, kind, due) DO NOTHING",
            (
                deadline.case_id,
                deadline.person or "",
                DeadlineKind(deadline.kind).value,
                deadline.due.isoformat(),
                deadline.description,
                notice_id,
            ),
        )

    def replace_case_deadlines(self, case_id: str) -> None:
        """Drop the open deadlines a case file gave (not those from notices, not those done)."""
        self.db.execute("DELETE FROM deadlines WHERE case_id=? AND notice_id IS NULL AND done=0", (case_id,))

    def supersede(self, case_id: str, person: str, kinds: tuple[DeadlineKind, ...]) -> None:
        """Close ``kinds`` of every notice of the person but the one with the latest validity."""
        valid = DeadlineKind.STATUS_VALID_UNTIL.value
        latest = self.db.rows(
            "SELECT notice_id FROM deadlines WHERE case_id=? AND person=? AND kind=? AND notice_id IS NOT NULL "
            "ORDER BY due DESC, notice_id DESC LIMIT 1",
            (case_id, person, valid),
        )
        if not latest:
            return
        marks = ",".join("?" for _ in kinds)
        self.db.execute(
            f"UPDATE deadlines SET done=1 WHERE case_id=? AND person=? AND kind IN ({marks}) "
            "AND notice_id IS NOT NULL AND notice_id != ?",
            (case_id, person, *(k.value for k in kinds), latest[0]["notice_id"]),
        )

    def close_response_deadlines(self, receipt: str, kinds: tuple[DeadlineKind, ...]) -> None:
        """Close ``kinds`` set by notices of this receipt number."""
        marks = ",".join("?" for _ in kinds)
        self.db.execute(
            f"UPDATE deadlines SET done=1 WHERE kind IN ({marks}) AND notice_id IN "
            "(SELECT id FROM notices WHERE receipt_number=?)",
            (*(k.value for k in kinds), receipt),
        )

    def mark_done(self, deadline_id: int) -> DeadlineRecord | None:
        """Close one open deadline by hand; None when there is no such open deadline."""
        rows = self.db.rows("SELECT * FROM deadlines WHERE id=? AND done=0", (deadline_id,))
        if not rows:
            return None
        self.db.execute("UPDATE deadlines SET done=1 WHERE id=?", (deadline_id,))
        row = rows[0]
        return DeadlineRecord(
            case_id=row["case_id"],
            person=row["person"],
            kind=DeadlineKind(row["kind"]),
            due=dt.date.fromisoformat(row["due"]),
            description=row["description"],
            id=row["id"],
            notice_id=row["notice_id"],
            done=True,
        )

    def add_review(
        self, reason: str, path: str | None, notice_id: int | None = None, source_hash: str | None = None
    ) -> int:
        """Open a review item; returns its id."""
        cursor = self.db.execute(
            "INSERT INTO reviews(notice_id, source_hash, reason, path, created_at) VALUES (?,?,?,?,?)",
            (notice_id, source_hash, reason, path, now()),
        )
        return int(cursor.lastrowid or 0)

    def close_review(self, review_id: int, resolution: str) -> None:
        """Mark a review item resolved."""
        self.db.execute(
            "UPDATE reviews SET status=?, resolution=?, resolved_at=? WHERE id=?",
            (ReviewStatus.RESOLVED.value, resolution, now(), review_id),
        )

    def audit(self, action: str, file: str | None = None, case_id: str | None = None, **details: Any) -> None:
        """Append to the audit log (the actor and time are added)."""
        self.db.execute(
            "INSERT INTO audit(at, actor, action, file, case_id, details) VALUES (?,?,?,?,?,?)",
            (now(), actor(), action, file, case_id, json.dumps(details, default=str)),
        )

    def add_intent(self, identity: str, case_id: str, case_path: str, payload: dict[str, Any]) -> int:
        """Record a case-file change before it is made; returns its id."""
        cursor = self.db.execute(
            "INSERT INTO intents(identity, case_id, case_path, payload, created_at) VALUES (?,?,?,?,?)",
            (identity, case_id, case_path, json.dumps(payload, default=str), now()),
        )
        return int(cursor.lastrowid or 0)

    def intent_pending(self, intent_id: int) -> bool:
        """Whether this intent still waits to be completed."""
        return bool(self.db.rows("SELECT 1 FROM intents WHERE id=?", (intent_id,)))

    def drop_intent(self, intent_id: int) -> None:
        """The intent is completed."""
        self.db.execute("DELETE FROM intents WHERE id=?", (intent_id,))


def _notice(row: sqlite3.Row) -> NoticeRecord:
    return NoticeRecord(
        id=row["id"],
        identity=row["identity"],
        case_id=row["case_id"],
        status=NoticeStatus(row["status"]),
        notice_type=row["notice_type"],
        form=row["form"],
        receipt_number=row["receipt_number"],
        notice_date=row["notice_date"],
        data=json.loads(row["data"]),
        filed_path=row["filed_path"],
        source_hash=row["source_hash"],
        source_pages=row["source_pages"],
    )


def _review(row: sqlite3.Row) -> ReviewRecord:
    return ReviewRecord(
        id=row["id"],
        notice_id=row["notice_id"],
        source_hash=row["source_hash"],
        reason=row["reason"],
        path=row["path"],
        status=ReviewStatus(row["status"]),
        resolution=row["resolution"],
        created_at=row["created_at"],
        resolved_at=row["resolved_at"],
    )
