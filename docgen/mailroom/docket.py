"""The docket: cases, notices, deadlines, review items and an audit log.

SQLite by default (one file, nothing to set up), in WAL mode with a busy
timeout so several ingests can run at once; every change happens in one
``BEGIN IMMEDIATE`` transaction. The schema is versioned (``PRAGMA
user_version``) and upgraded by the migrations below on open. The rest of the
toolkit talks to :class:`Docket` only, so a server database can take its
place for a team later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import DiskFullError, DocgenError, DocketError, UsageError

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


def now() -> str:
    """UTC time stamp for records."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def actor() -> str:
    """Who is acting (the OS user), for the audit log."""
    try:
        return os.environ.get("DOCGEN_ACTOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class NoticeRecord:
    """A notice as the docket keeps it."""

    id: int
    identity: str
    case_id: str | None
    status: str
    notice_type: str | None
    form: str | None
    receipt_number: str | None
    notice_date: str | None
    data: dict[str, Any]
    filed_path: str | None
    source_hash: str
    source_pages: str


TABLES = ("sources", "notices", "deadlines", "reviews", "audit", "intents")


def translated(path: Path, exc: sqlite3.Error) -> DocgenError:
    """A SQLite error as the one-line error a user can act on."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "full" in text:
        return DiskFullError(f"{path}: the disk is full (the docket cannot grow); free space and run again")
    if "no such table" in text:
        table = text.rsplit(":", 1)[-1].strip()
        return DocketError(f"{path}: the docket has no {table} table; restore it from a backup or start a new docket")
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


class Docket:
    """A SQLite docket file."""

    def __init__(self, path: Path | str, create: bool = True) -> None:
        self.path = Path(path)
        new = not self.path.exists()
        if new and not create:
            raise DocketError(f"{self.path}: no docket here; check the path (a docket is made by 'mailroom ingest')")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if create:
                _make_private(self.path)
            raw = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            raw.row_factory = sqlite3.Row
            raw.execute("PRAGMA journal_mode=WAL")
            self.db = _Connection(self.path, raw)
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
        try:
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except DocgenError:
            raw.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Docket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        with self.transaction():
            version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
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
            found = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for table in TABLES:
                if table not in found:
                    raise DocketError(
                        f"{self.path}: the docket has no {table} table; restore it from a backup or start a new docket"
                    )

    @property
    def schema_version(self) -> int:
        """The schema version of this file."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[_Connection]:
        """One atomic change: ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.raw.in_transaction:
                self.db.raw.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- sources -------------------------------------------------------
    def source_status(self, content_hash: str) -> str | None:
        """'done' or 'review' when this file content was ingested before."""
        row = self.db.execute("SELECT status FROM sources WHERE content_hash=?", (content_hash,)).fetchone()
        return str(row["status"]) if row else None

    def record_source(self, tx: _Connection, content_hash: str, name: str, status: str, count: int) -> None:
        """Mark a file's content as ingested."""
        tx.execute(
            "INSERT INTO sources(content_hash, file_name, status, notices, ingested_at) VALUES (?,?,?,?,?) "
            "ON CONFLICT(content_hash) DO UPDATE SET status=excluded.status, notices=excluded.notices",
            (content_hash, name, status, count, now()),
        )

    # --- notices -------------------------------------------------------
    def find_notice(self, identity: str) -> NoticeRecord | None:
        """The notice with this identity, if recorded."""
        row = self.db.execute("SELECT * FROM notices WHERE identity=?", (identity,)).fetchone()
        return _notice(row) if row else None

    def add_notice(self, tx: _Connection, record: dict[str, Any]) -> int:
        """Insert a notice; returns its id."""
        cursor = tx.execute(
            "INSERT INTO notices(identity, source_hash, source_pages, case_id, status, notice_type, form, "
            "receipt_number, notice_date, data, filed_path, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                record["identity"],
                record["source_hash"],
                record["source_pages"],
                record.get("case_id"),
                record["status"],
                record.get("notice_type"),
                record.get("form"),
                record.get("receipt_number"),
                record.get("notice_date"),
                json.dumps(record["data"]),
                record.get("filed_path"),
                now(),
            ),
        )
        return int(cursor.lastrowid or 0)

    def notices(self, case_id: str | None = None) -> list[NoticeRecord]:
        """All notices (of one case)."""
        if case_id is None:
            rows = self.db.execute("SELECT * FROM notices ORDER BY id").fetchall()
        else:
            rows = self.db.execute("SELECT * FROM notices WHERE case_id=? ORDER BY id", (case_id,)).fetchall()
        return [_notice(r) for r in rows]

    def case_for_receipt(self, receipt: str) -> str | None:
        """The case a receipt number was filed to before."""
        row = self.db.execute(
            "SELECT case_id FROM notices WHERE receipt_number=? AND case_id IS NOT NULL ORDER BY id LIMIT 1",
            (receipt,),
        ).fetchone()
        return str(row["case_id"]) if row else None

    def update_notice(self, tx: _Connection, notice_id: int, **values: Any) -> None:
        """Change columns of a notice (e.g. after review)."""
        if "data" in values:
            values["data"] = json.dumps(values["data"])
        columns = ", ".join(f"{k}=?" for k in values)
        tx.execute(f"UPDATE notices SET {columns} WHERE id=?", (*values.values(), notice_id))

    # --- deadlines -----------------------------------------------------
    def add_deadline(
        self,
        tx: _Connection,
        case_id: str,
        person: str | None,
        kind: str,
        due: str,
        description: str,
        notice_id: int | None,
    ) -> None:
        """Record a deadline (once: the same case, person, kind and date is kept once)."""
        tx.execute(
            "INSERT INTO deadlines(case_id, person, kind, due, description, notice_id) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(case_id, person, kind, due) DO NOTHING",
            (case_id, person or "", kind, due, description, notice_id),
        )

    def replace_case_deadlines(self, tx: _Connection, case_id: str) -> None:
        """Drop the open deadlines a case file gave (not those from notices), before recording them anew."""
        tx.execute("DELETE FROM deadlines WHERE case_id=? AND notice_id IS NULL AND done=0", (case_id,))

    def supersede(self, tx: _Connection, case_id: str, person: str, kinds: tuple[str, ...]) -> None:
        """Close the validity deadlines of approvals that a later approval of the same person replaces."""
        row = tx.execute(
            "SELECT MAX(due) FROM deadlines WHERE case_id=? AND person=? AND kind='Status valid until' "
            "AND notice_id IS NOT NULL",
            (case_id, person),
        ).fetchone()
        latest = row[0] if row else None
        if not latest:
            return
        latest_notice = tx.execute(
            "SELECT notice_id FROM deadlines WHERE case_id=? AND person=? AND kind='Status valid until' AND due=?",
            (case_id, person, latest),
        ).fetchone()[0]
        marks = ",".join("?" for _ in kinds)
        tx.execute(
            f"UPDATE deadlines SET done=1 WHERE case_id=? AND person=? AND kind IN ({marks}) "
            "AND notice_id IS NOT NULL AND notice_id != ?",
            (case_id, person, *kinds, latest_notice),
        )

    def close_response_deadlines(self, tx: _Connection, receipt: str, kinds: tuple[str, ...]) -> None:
        """A decision on a receipt closes the RFE/NOID response deadlines of that receipt."""
        marks = ",".join("?" for _ in kinds)
        tx.execute(
            f"UPDATE deadlines SET done=1 WHERE kind IN ({marks}) AND notice_id IN "
            "(SELECT id FROM notices WHERE receipt_number=?)",
            (*kinds, receipt),
        )

    def mark_done(self, tx: _Connection, deadline_id: int) -> dict[str, Any] | None:
        """Close one open deadline by hand; returns it, or None when there is no such open deadline."""
        row = tx.execute("SELECT * FROM deadlines WHERE id=? AND done=0", (deadline_id,)).fetchone()
        if row is None:
            return None
        tx.execute("UPDATE deadlines SET done=1 WHERE id=?", (deadline_id,))
        return dict(row)

    def deadlines(self) -> list[dict[str, Any]]:
        """Every open deadline, soonest first."""
        rows = self.db.execute("SELECT * FROM deadlines WHERE done=0 ORDER BY due, case_id").fetchall()
        return [dict(r) for r in rows]

    # --- review --------------------------------------------------------
    def add_review(
        self,
        tx: _Connection,
        reason: str,
        path: str | None,
        notice_id: int | None = None,
        source_hash: str | None = None,
    ) -> int:
        """Open a review item."""
        cursor = tx.execute(
            "INSERT INTO reviews(notice_id, source_hash, reason, path, created_at) VALUES (?,?,?,?,?)",
            (notice_id, source_hash, reason, path, now()),
        )
        return int(cursor.lastrowid or 0)

    def reviews(self, status: str = "open") -> list[dict[str, Any]]:
        """Review items (open by default)."""
        return [dict(r) for r in self.db.execute("SELECT * FROM reviews WHERE status=? ORDER BY id", (status,))]

    def review(self, review_id: int) -> dict[str, Any] | None:
        """One review item."""
        row = self.db.execute("SELECT * FROM reviews WHERE id=?", (review_id,)).fetchone()
        return dict(row) if row else None

    def close_review(self, tx: _Connection, review_id: int, resolution: str) -> None:
        """Mark a review item resolved."""
        tx.execute(
            "UPDATE reviews SET status='resolved', resolution=?, resolved_at=? WHERE id=?",
            (resolution, now(), review_id),
        )

    # --- write-ahead intents -------------------------------------------
    def add_intent(self, tx: _Connection, identity: str, case_id: str, case_path: str, payload: dict[str, Any]) -> int:
        """Record, before a case file is changed, what the docket must record once it is."""
        cursor = tx.execute(
            "INSERT INTO intents(identity, case_id, case_path, payload, created_at) VALUES (?,?,?,?,?)",
            (identity, case_id, case_path, json.dumps(payload, default=str), now()),
        )
        return int(cursor.lastrowid or 0)

    def intents(self) -> list[dict[str, Any]]:
        """Intents not completed (a run was killed between changing a case file and recording it)."""
        rows = self.db.execute("SELECT * FROM intents ORDER BY id").fetchall()
        return [dict(r) | {"payload": json.loads(r["payload"])} for r in rows]

    def intent_pending(self, tx: _Connection, intent_id: int) -> bool:
        """Whether this intent still waits to be completed."""
        return tx.execute("SELECT 1 FROM intents WHERE id=?", (intent_id,)).fetchone() is not None

    def identity_taken(self, tx: _Connection, identity: str) -> bool:
        """Whether a notice of this identity is recorded or being filed."""
        return (
            tx.execute(
                "SELECT 1 FROM notices WHERE identity=? UNION ALL SELECT 1 FROM intents WHERE identity=?",
                (identity, identity),
            ).fetchone()
            is not None
        )

    def drop_intent(self, tx: _Connection, intent_id: int) -> None:
        """The intent is completed."""
        tx.execute("DELETE FROM intents WHERE id=?", (intent_id,))

    # --- audit ---------------------------------------------------------
    def audit(
        self, tx: _Connection, action: str, file: str | None = None, case_id: str | None = None, **details: Any
    ) -> None:
        """Append to the audit log: who, when, which file, what changed."""
        tx.execute(
            "INSERT INTO audit(at, actor, action, file, case_id, details) VALUES (?,?,?,?,?,?)",
            (now(), actor(), action, file, case_id, json.dumps(details, default=str)),
        )

    def audit_log(self) -> list[dict[str, Any]]:
        """The whole audit log, oldest first."""
        return [dict(r) for r in self.db.execute("SELECT * FROM audit ORDER BY id")]


def _notice(row: sqlite3.Row) -> NoticeRecord:
    return NoticeRecord(
        id=row["id"],
        identity=row["identity"],
        case_id=row["case_id"],
        status=row["status"],
        notice_type=row["notice_type"],
        form=row["form"],
        receipt_number=row["receipt_number"],
        notice_date=row["notice_date"],
        data=json.loads(row["data"]),
        filed_path=row["filed_path"],
        source_hash=row["source_hash"],
        source_pages=row["source_pages"],
    )
