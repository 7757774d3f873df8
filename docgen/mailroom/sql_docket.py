"""What the SQLite and PostgreSQL dockets share: one schema history, the reads and the unit of work.

The statements are written once, in the SQL both databases speak (``?``
placeholders, ``ON CONFLICT``, ``RETURNING``); an implementation supplies a
connection (:class:`Connection`) that runs them and turns its database's
errors into one-line :class:`~docgen.errors.DocgenError` s, and keeps the
schema version its own way (SQLite ``PRAGMA user_version``, a
``docgen_schema`` table on PostgreSQL). :data:`MIGRATIONS` is the one
migration history; :func:`migration_sql` gives a step in a dialect (the only
differences: id columns and integer width).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, Self

from docgen.errors import DocketError
from docgen.mailroom.docket import (
    CASE_FILE_KINDS,
    Alias,
    AliasKind,
    AuditEntry,
    Deadline,
    DeadlineKind,
    DeadlineRecord,
    ExpectationStatus,
    ExpectedReceipt,
    Intent,
    NewAlias,
    NewExpectedReceipt,
    NewNotice,
    NoticeRecord,
    NoticeStatus,
    ReviewRecord,
    ReviewStatus,
    SourceStatus,
    actor,
    now,
)

MIGRATIONS: list[str | dict[str, str]] = [  # a step's SQL, or its SQL per dialect and for "both" (run after)
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
    # 3: expected receipts: each form of a packet marked filed waits for its receipt notice
    """
    CREATE TABLE expected_receipts (
        id INTEGER PRIMARY KEY,
        packet TEXT NOT NULL,
        case_id TEXT NOT NULL,
        person TEXT NOT NULL,
        form TEXT NOT NULL,
        name TEXT,                       -- the person's name as filed
        fee TEXT,                        -- the fee paid, as filed
        office TEXT,                     -- the receipt-number prefix of the office filed with, if given
        filed_on TEXT NOT NULL,
        expected_by TEXT NOT NULL,
        status TEXT NOT NULL,            -- expected, received, differs
        notice_id INTEGER REFERENCES notices(id),
        receipt_number TEXT,
        created_at TEXT NOT NULL,
        UNIQUE(case_id, person, form, filed_on)
    );
    CREATE INDEX expected_receipts_case ON expected_receipts(case_id, form);
    """,
    # 4: aliases a review taught: a name, trading name or receipt number as a notice wrote it, and its case
    """
    CREATE TABLE aliases (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,              -- name, petitioner, receipt
        alias_key TEXT NOT NULL,         -- as matching compares it (normalised)
        written TEXT NOT NULL,           -- as the notice wrote it
        case_id TEXT NOT NULL,
        person TEXT,                     -- a name's person in the case
        target TEXT,                     -- a petitioner alias: the case's petitioner as matching compares it
        review_id INTEGER,               -- the review item whose resolution taught it
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE(kind, alias_key, case_id)
    );
    CREATE INDEX aliases_key ON aliases(kind, alias_key);
    """,
    # 5: a case-file deadline whose date the file no longer gives is closed as superseded, not deleted
    """
    ALTER TABLE deadlines ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
    """,
    # 6: an open deadline whose case file is gone (deleted, moved away, its case_id changed) is flagged, not
    # closed: the day the sync first missed the file; cleared when the file is back
    """
    ALTER TABLE deadlines ADD COLUMN case_missing_since TEXT;
    """,
    # 7: a notice unfiled (filed to the wrong case) withdraws the deadlines it set: closed, kept (a subscribed
    # calendar is sent them as cancelled, "Withdrawn: ..."), opened again when the notice is filed there again
    """
    ALTER TABLE deadlines ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
    """,
    # 8: a notice's deadlines are keyed by the notice that set them (two RFEs of one person due the same day are two
    # rows, each closed by its own decision); a case file's keep their key (case, person, kind, day). The one
    # UNIQUE(case_id, person, kind, due) of migration 1 becomes two partial unique indexes. Rows two notices shared
    # get a row for the other notice (open unless a decision of its receipt answered it). An I-907 receipt recorded
    # before its identity held the form gets the form, so it no longer stands in for its petition's receipt.
    {
        "sqlite": """
        CREATE TABLE deadlines_keyed (
            id INTEGER PRIMARY KEY,
            case_id TEXT NOT NULL,
            person TEXT,
            kind TEXT NOT NULL,
            due TEXT NOT NULL,
            description TEXT NOT NULL,
            notice_id INTEGER REFERENCES notices(id),
            done INTEGER NOT NULL DEFAULT 0,
            superseded INTEGER NOT NULL DEFAULT 0,
            case_missing_since TEXT,
            withdrawn INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO deadlines_keyed(id, case_id, person, kind, due, description, notice_id, done, superseded,
            case_missing_since, withdrawn)
            SELECT id, case_id, person, kind, due, description, notice_id, done, superseded, case_missing_since,
            withdrawn FROM deadlines;
        DROP TABLE deadlines;
        ALTER TABLE deadlines_keyed RENAME TO deadlines;
        """,
        "postgresql": """
        ALTER TABLE deadlines DROP CONSTRAINT IF EXISTS deadlines_case_id_person_kind_due_key;
        """,
        "both": """
        CREATE UNIQUE INDEX deadlines_of_cases ON deadlines(case_id, person, kind, due) WHERE notice_id IS NULL;
        CREATE UNIQUE INDEX deadlines_of_notices ON deadlines(notice_id, case_id, person, kind, due)
            WHERE notice_id IS NOT NULL;
        CREATE INDEX deadlines_notice ON deadlines(notice_id);
        INSERT INTO deadlines(case_id, person, kind, due, description, notice_id, done)
            SELECT DISTINCT shared.case_id, shared.person, shared.kind, shared.due,
            (CASE other.notice_type WHEN 'rfe' THEN 'RFE' ELSE 'NOID' END) || ' response for '
            || COALESCE(other.form, 'form') || ' ' || COALESCE(other.receipt_number, 'no receipt number')
            || ' must arrive at USCIS',
            other.id,
            (CASE WHEN EXISTS (SELECT 1 FROM notices decided WHERE decided.receipt_number=other.receipt_number
                AND decided.status='filed' AND decided.notice_type IN ('approval', 'denial')
                AND COALESCE(decided.notice_date, '') >= COALESCE(other.notice_date, '')) THEN 1 ELSE 0 END)
            FROM deadlines shared JOIN notices other ON other.case_id=shared.case_id AND other.status='filed'
            AND other.id<>shared.notice_id
            AND ((shared.kind='RFE response due' AND other.notice_type='rfe')
                OR (shared.kind='NOID response due' AND other.notice_type='noid'))
            AND RESPONSE_DUE(other.data)=shared.due
            WHERE shared.notice_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM deadlines own WHERE own.notice_id=other.id AND own.kind=shared.kind);
        UPDATE notices SET identity=identity || '|I-907'
            WHERE form='I-907' AND identity=receipt_number || '|' || notice_type || '|' || notice_date
            AND NOT EXISTS (SELECT 1 FROM notices newer WHERE newer.identity=notices.identity || '|I-907');
        """,
    },
    # 9: whose notice it is (the case's person ref: principal, spouse, dependents[0]...), for the desk and the case
    # page. Older filed notices get it where the docket can tell: the person of the deadlines the notice set, of the
    # receipt it settled, or of the name its review taught; the rest stay empty (shown as not recorded).
    """
    ALTER TABLE notices ADD COLUMN person TEXT;
    UPDATE notices SET person=(SELECT d.person FROM deadlines d WHERE d.notice_id=notices.id AND d.person IS NOT NULL
        AND d.person<>'' ORDER BY d.id LIMIT 1) WHERE status='filed';
    UPDATE notices SET person=(SELECT e.person FROM expected_receipts e WHERE e.notice_id=notices.id
        AND e.case_id=notices.case_id ORDER BY e.id LIMIT 1) WHERE status='filed' AND person IS NULL;
    UPDATE notices SET person=(SELECT a.person FROM aliases a JOIN reviews r ON r.id=a.review_id
        WHERE r.notice_id=notices.id AND a.kind='name' AND a.case_id=notices.case_id AND a.person IS NOT NULL
        ORDER BY a.id LIMIT 1) WHERE status='filed' AND person IS NULL;
    """,
    # 10: who owns each case (the case file's facts.owner, '' for none), written each time an ingest or a sync
    # records the case, so 'docgen deadlines' and the digest say who answers for a date without the cases folder;
    # a case the docket has not seen since this step is shown as "owner not recorded" until its next sync.
    """
    CREATE TABLE case_owners (
        case_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL
    );
    """,
]

# every table of a docket's rows, in an order that keeps references valid (an export writes them so)
TABLES = (
    "sources",
    "notices",
    "deadlines",
    "reviews",
    "audit",
    "intents",
    "expected_receipts",
    "aliases",
    "case_owners",
)
_ORDER = {"sources": "content_hash", "case_owners": "case_id"}  # the tables without an id, by their key


# How each dialect reads a notice's response date from its JSON (a data migration's only difference).
_RESPONSE_DUE = {
    "sqlite": "json_extract({}, '$.response_due')",
    "postgresql": "(CAST({} AS json) ->> 'response_due')",
}


def migration_sql(number: int, dialect: str) -> list[str]:
    """The statements of migration ``number`` (0-based) for ``sqlite`` or ``postgresql``."""
    step = MIGRATIONS[number]
    text = step if isinstance(step, str) else step.get(dialect, "") + ";" + step.get("both", "")
    text = text.replace("RESPONSE_DUE(other.data)", _RESPONSE_DUE[dialect].format("other.data"))
    if dialect == "postgresql":
        text = text.replace("INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
        text = text.replace("INTEGER", "BIGINT")
    return [s for s in text.split(";") if s.strip()]


Row = Mapping[str, Any]


class Connection(Protocol):
    """What the shared code needs of a database connection (errors already translated)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> object:
        """Run one statement."""

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run a statement and fetch every row (each readable by column name)."""


class SqlReads:
    """The reads and the schema upgrade of a docket (mixed into each implementation, which sets ``db`` and gives
    ``location``, ``close``, ``transaction`` and the three dialect hooks below)."""

    db: Connection
    dialect: str  # 'sqlite' or 'postgresql': which form of each migration runs

    @property
    def location(self) -> str:
        """Where the docket is, for messages."""
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        """The schema version the database is at."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager[Any]:
        """One atomic change."""
        raise NotImplementedError

    def _record_version(self, version: int) -> None:
        """Write the schema version reached (inside the upgrade's transaction)."""
        raise NotImplementedError

    def _table_names(self) -> set[str]:
        """The tables the database holds."""
        raise NotImplementedError

    def _prepare_versions(self) -> None:
        """Make the place the version is kept, where the dialect needs one."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        """Bring the schema to the newest version in one transaction; refuse a newer one or a missing table."""
        with self.transaction():
            self._prepare_versions()
            version = self.schema_version
            if version > len(MIGRATIONS):
                raise DocketError(
                    f"{self.location}: docket schema {version} is newer than this docgen knows ({len(MIGRATIONS)}); "
                    "upgrade docgen"
                )
            for number in range(version, len(MIGRATIONS)):
                for statement in migration_sql(number, self.dialect):
                    self.db.execute(statement)
                self._record_version(number + 1)
            found = self._table_names()
            for table in TABLES:
                if table not in found:
                    raise DocketError(
                        f"{self.location}: the docket has no {table} table; restore it from a backup or start a "
                        "new docket"
                    )

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
        return [deadline_record(self.location, r) for r in rows]

    def notices(self, case_id: str | None = None) -> list[NoticeRecord]:
        """Every notice (of one case), oldest first."""
        if case_id is None:
            return [notice_record(r) for r in self.db.rows("SELECT * FROM notices ORDER BY id")]
        return [notice_record(r) for r in self.db.rows("SELECT * FROM notices WHERE case_id=? ORDER BY id", (case_id,))]

    def latest_filed(self, limit: int) -> list[NoticeRecord]:
        """The ``limit`` notices recorded last among those filed to a case, newest first."""
        rows = self.db.rows(
            "SELECT * FROM notices WHERE status=? AND case_id IS NOT NULL AND case_id != '' ORDER BY id DESC LIMIT ?",
            (NoticeStatus.FILED.value, limit),
        )
        return [notice_record(r) for r in rows]

    def notice(self, notice_id: int) -> NoticeRecord | None:
        """One notice."""
        rows = self.db.rows("SELECT * FROM notices WHERE id=?", (notice_id,))
        return notice_record(rows[0]) if rows else None

    def find_notice(self, identity: str) -> NoticeRecord | None:
        """The notice with this identity, if recorded."""
        rows = self.db.rows("SELECT * FROM notices WHERE identity=?", (identity,))
        return notice_record(rows[0]) if rows else None

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

    def reviews(self, status: ReviewStatus = ReviewStatus.OPEN, notice_id: int | None = None) -> list[ReviewRecord]:
        """Review items (open by default; of one notice), oldest first."""
        if notice_id is None:
            rows = self.db.rows("SELECT * FROM reviews WHERE status=? ORDER BY id", (status.value,))
        else:
            rows = self.db.rows(
                "SELECT * FROM reviews WHERE status=? AND notice_id=? ORDER BY id", (status.value, notice_id)
            )
        return [review_record(r) for r in rows]

    def review(self, review_id: int) -> ReviewRecord | None:
        """One review item."""
        rows = self.db.rows("SELECT * FROM reviews WHERE id=?", (review_id,))
        return review_record(rows[0]) if rows else None

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

    def expected_receipts(
        self, case_id: str | None = None, status: ExpectationStatus | None = None
    ) -> list[ExpectedReceipt]:
        """Receipts expected from packets marked filed (of one case, in one status), oldest first."""
        where, params = [], []
        if case_id is not None:
            where.append("case_id=?")
            params.append(case_id)
        if status is not None:
            where.append("status=?")
            params.append(status.value)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self.db.rows(f"SELECT * FROM expected_receipts{clause} ORDER BY id", params)
        return [expected_record(r) for r in rows]

    def deadlines_closed(self, since: dt.date) -> list[DeadlineRecord]:
        """Deadlines done (by hand or by a later notice) that fall on or after ``since``, soonest first."""
        rows = self.db.rows(
            "SELECT * FROM deadlines WHERE done=1 AND due>=? ORDER BY due, case_id, id", (since.isoformat(),)
        )
        return [deadline_record(self.location, r) for r in rows]

    def aliases(self, kind: AliasKind | None = None, key: str | None = None) -> list[Alias]:
        """Learned aliases (of one kind, with one key), oldest first."""
        where, params = [], []
        if kind is not None:
            where.append("kind=?")
            params.append(AliasKind(kind).value)
        if key is not None:
            where.append("alias_key=?")
            params.append(key)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return [alias_record(r) for r in self.db.rows(f"SELECT * FROM aliases{clause} ORDER BY id", params)]

    def case_owners(self) -> dict[str, str]:
        """Each case's owner as last recorded from its case file ('' when the file names no one)."""
        return {str(r["case_id"]): str(r["owner"]) for r in self.db.rows("SELECT case_id, owner FROM case_owners")}

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of one docket table as stored (for export), by id or key."""
        if table not in TABLES:
            raise DocketError(f"{self.location}: no table {table!r} in a docket")
        order = _ORDER.get(table, "id")
        return [dict(r) for r in self.db.rows(f"SELECT * FROM {table} ORDER BY {order}")]


class SqlUnitOfWork:
    """The writes of one transaction (implements :class:`docgen.mailroom.docket.UnitOfWork`)."""

    def __init__(self, db: Connection) -> None:
        self.db = db

    def _insert(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.db.rows(sql + " RETURNING id", params)[0]["id"])

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
                "SELECT 1 AS taken FROM notices WHERE identity=? UNION ALL SELECT 1 FROM intents WHERE identity=?",
                (identity, identity),
            )
        )

    def add_notice(self, notice: NewNotice) -> int:
        """Record a notice (its identity must not be taken); returns its id."""
        return self._insert(
            "INSERT INTO notices(identity, source_hash, source_pages, case_id, person, status, notice_type, form, "
            "receipt_number, notice_date, data, filed_path, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                notice.identity,
                notice.source_hash,
                notice.source_pages,
                notice.case_id,
                notice.person,
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

    def update_notice(self, notice_id: int, notice: NewNotice) -> None:
        """Replace what is known of a notice (after review)."""
        self.db.execute(
            "UPDATE notices SET identity=?, case_id=?, person=?, status=?, notice_type=?, form=?, receipt_number=?, "
            "notice_date=?, data=?, filed_path=? WHERE id=?",
            (
                notice.identity,
                notice.case_id,
                notice.person,
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
        """Record a deadline. A notice's is kept once per notice, case, person, kind and day (two notices asking a
        response the same day are two deadlines, each closed by its own decision); one withdrawn (the notice was
        unfiled) is open again when the notice is filed there again. A case file's (``notice_id`` None) is kept
        once per case, person, kind and day; one superseded by the file's new date, or withdrawn, is open again.

        A case file's date that a notice's deadline already stands for (an approval's validity the notice wrote
        into the file) is not recorded twice, and the other way round: whichever came first holds the day."""
        key = (deadline.case_id, deadline.person or "", DeadlineKind(deadline.kind).value, deadline.due.isoformat())
        held_by = "notice_id IS NOT NULL AND withdrawn=0" if notice_id is None else "notice_id IS NULL AND superseded=0"
        if self.db.rows(
            f"SELECT 1 AS held FROM deadlines WHERE case_id=? AND person=? AND kind=? AND due=? AND {held_by}", key
        ):
            return
        target = (
            "(case_id, person, kind, due) WHERE notice_id IS NULL"
            if notice_id is None
            else "(notice_id, case_id, person, kind, due) WHERE notice_id IS NOT NULL"
        )
        self.db.execute(
            "INSERT INTO deadlines(case_id, person, kind, due, description, notice_id) VALUES (?,?,?,?,?,?) "
            f"ON CONFLICT{target} DO UPDATE SET done=0, superseded=0, withdrawn=0, "
            "description=excluded.description WHERE deadlines.superseded=1 OR deadlines.withdrawn=1 "
            "OR (deadlines.done=0 AND deadlines.description <> excluded.description)",  # "also in case ..." now
            (*key, deadline.description, notice_id),
        )

    def record_case_owner(self, case_id: str, owner: str) -> None:
        """Keep the case file's owner as it says now ('' for none), replacing the one recorded before."""
        self.db.execute(
            "INSERT INTO case_owners(case_id, owner) VALUES (?, ?) ON CONFLICT(case_id) DO UPDATE SET owner=?",
            (case_id, owner, owner),
        )

    def record_case_deadlines(
        self, case_id: str, deadlines: Sequence[Deadline], closed: bool = False
    ) -> list[DeadlineRecord]:
        """Record the deadlines a case file gives now; returns the open ones it gave before and no longer gives.

        Those are closed as superseded (kept, so a subscribed calendar is sent them as cancelled under the same
        UID); one superseded earlier that the file gives again (a change undone) is open again. Deadlines from
        notices and filings are not touched, nor those done by hand, nor those of a kind no case file gives
        (an RFE deadline added by hand).
        """
        given = {(d.person or "", DeadlineKind(d.kind).value, d.due.isoformat()) for d in deadlines}
        kinds = ",".join("?" for _ in CASE_FILE_KINDS)
        rows = self.db.rows(
            f"SELECT * FROM deadlines WHERE case_id=? AND notice_id IS NULL AND kind IN ({kinds}) AND done=0 "
            "ORDER BY due, id",
            (case_id, *(kind.value for kind in CASE_FILE_KINDS)),
        )
        gone: list[DeadlineRecord] = []
        for row in rows:
            if (row["person"] or "", row["kind"], row["due"]) not in given:
                self.db.execute("UPDATE deadlines SET done=1, superseded=1 WHERE id=?", (row["id"],))
                record = deadline_record("docket", row)
                gone.append(dataclasses.replace(record, done=True, superseded=True))
        if closed:  # closed by hand while the case is withdrawn or denied: open again if the case is reopened
            self.db.execute(
                f"UPDATE deadlines SET superseded=1 WHERE case_id=? AND notice_id IS NULL AND kind IN ({kinds}) "
                "AND done=1 AND superseded=0 AND withdrawn=0",
                (case_id, *(kind.value for kind in CASE_FILE_KINDS)),
            )
        for deadline in deadlines:
            self.add_deadline(deadline)  # one superseded before and given again (a change undone) opens again
            if deadline.twins and self._done_by_hand_elsewhere(deadline):
                self.db.execute(
                    "UPDATE deadlines SET done=1 WHERE case_id=? AND person=? AND kind=? AND due=? "
                    "AND notice_id IS NULL AND done=0",
                    (
                        deadline.case_id,
                        deadline.person or "",
                        DeadlineKind(deadline.kind).value,
                        deadline.due.isoformat(),
                    ),
                )
        return gone

    def _done_by_hand_elsewhere(self, deadline: Deadline) -> bool:
        """Whether the person's same date on another case file (``twins``) was closed by hand (not superseded or
        withdrawn): a docket written before listed it on each case file, and one was marked done."""
        kind, due = DeadlineKind(deadline.kind).value, deadline.due.isoformat()
        return any(
            self.db.rows(
                "SELECT 1 AS done FROM deadlines WHERE case_id=? AND person=? AND kind=? AND due=? "
                "AND notice_id IS NULL AND done=1 AND superseded=0 AND withdrawn=0",
                (case_id, person, kind, due),
            )
            for case_id, person in deadline.twins
        )

    def supersede(self, case_id: str, person: str, kinds: tuple[DeadlineKind, ...]) -> None:
        """Close ``kinds`` of every notice of the person but the one with the latest validity."""
        valid = DeadlineKind.STATUS_VALID_UNTIL.value
        latest = self.db.rows(
            "SELECT notice_id FROM deadlines WHERE case_id=? AND person=? AND kind=? AND notice_id IS NOT NULL "
            "AND withdrawn=0 ORDER BY due DESC, notice_id DESC LIMIT 1",
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
        """Close ``kinds`` set by notices of this receipt number that a filed decision (approval or denial)
        of the same receipt, dated on or after them, has answered, whichever of the two was filed first (each
        notice's deadlines are its own: an RFE of another application due the same day stays open)."""
        marks = ",".join("?" for _ in kinds)
        answered = (
            f"done=0 AND kind IN ({marks}) AND notice_id IN "
            "(SELECT asked.id FROM notices asked WHERE asked.receipt_number=? AND EXISTS "
            "(SELECT 1 FROM notices decided WHERE decided.receipt_number=asked.receipt_number "
            "AND decided.status='filed' AND decided.notice_type IN ('approval', 'denial') "
            "AND COALESCE(decided.notice_date, '') >= COALESCE(asked.notice_date, '')))"
        )
        params = (*(k.value for k in kinds), receipt)
        self.db.execute(f"UPDATE deadlines SET done=1 WHERE {answered}", params)

    def withdraw_deadlines(self, notice_id: int) -> list[DeadlineRecord]:
        """Withdraw the deadlines a notice set (it is unfiled): closed and marked withdrawn, kept for the calendar;
        returns them."""
        rows = self.db.rows("SELECT * FROM deadlines WHERE notice_id=? AND withdrawn=0 ORDER BY due, id", (notice_id,))
        self.db.execute("UPDATE deadlines SET done=1, withdrawn=1 WHERE notice_id=?", (notice_id,))
        return [dataclasses.replace(deadline_record("docket", r), done=True, withdrawn=True) for r in rows]

    def reopen_deadlines(self, deadline_ids: Sequence[int]) -> None:
        """Open again deadlines a notice's filing closed (it is unfiled); the rules then close again those another
        notice still closes."""
        for deadline_id in deadline_ids:
            self.db.execute("UPDATE deadlines SET done=0 WHERE id=? AND withdrawn=0", (deadline_id,))

    def receipt_unmatched(self, notice_id: int) -> list[ExpectedReceipt]:
        """The expected receipts a notice settled wait again (it is unfiled), their "receipt missing" deadline open
        again; returns them as they were settled."""
        rows = self.db.rows("SELECT * FROM expected_receipts WHERE notice_id=? ORDER BY id", (notice_id,))
        for row in rows:
            self.db.execute(
                "UPDATE expected_receipts SET status=?, notice_id=NULL, receipt_number=NULL WHERE id=?",
                (ExpectationStatus.EXPECTED.value, row["id"]),
            )
            self.db.execute(
                "UPDATE deadlines SET done=0 WHERE case_id=? AND person=? AND kind=? AND done=1 AND withdrawn=0",
                (row["case_id"], f"{row['person']}: {row['form']}", DeadlineKind.RECEIPT_MISSING.value),
            )
        return [expected_record(r) for r in rows]

    def case_file_gone(self, case_id: str, since: dt.date) -> list[DeadlineRecord]:
        """Flag the open deadlines of a case whose file is gone (kept open, never closed); returns those newly
        flagged (one flagged before keeps its first day)."""
        rows = self.db.rows(
            "SELECT * FROM deadlines WHERE case_id=? AND done=0 AND case_missing_since IS NULL ORDER BY due, id",
            (case_id,),
        )
        if rows:
            self.db.execute(
                "UPDATE deadlines SET case_missing_since=? WHERE case_id=? AND done=0 AND case_missing_since IS NULL",
                (since.isoformat(), case_id),
            )
        return [dataclasses.replace(deadline_record("docket", r), case_missing_since=since) for r in rows]

    def case_file_back(self, case_id: str) -> list[DeadlineRecord]:
        """Clear the flag of a case whose file is there (again); returns the open deadlines it was cleared from."""
        rows = self.db.rows(
            "SELECT * FROM deadlines WHERE case_id=? AND case_missing_since IS NOT NULL ORDER BY due, id", (case_id,)
        )
        if rows:
            self.db.execute("UPDATE deadlines SET case_missing_since=NULL WHERE case_id=?", (case_id,))
        return [
            dataclasses.replace(deadline_record("docket", r), case_missing_since=None) for r in rows if not r["done"]
        ]

    def mark_done(self, deadline_id: int) -> DeadlineRecord | None:
        """Close one open deadline by hand; None when there is no such open deadline."""
        rows = self.db.rows("SELECT * FROM deadlines WHERE id=? AND done=0", (deadline_id,))
        if not rows:
            return None
        self.db.execute("UPDATE deadlines SET done=1 WHERE id=?", (deadline_id,))
        return dataclasses.replace(deadline_record("docket", rows[0]), done=True)

    def close_deadline(self, case_id: str, person: str, kind: DeadlineKind) -> None:
        """Close the open deadlines of one kind of a case and person."""
        self.db.execute(
            "UPDATE deadlines SET done=1 WHERE case_id=? AND person=? AND kind=? AND done=0",
            (case_id, person, kind.value),
        )

    def add_review(
        self, reason: str, path: str | None, notice_id: int | None = None, source_hash: str | None = None
    ) -> int:
        """Open a review item; returns its id."""
        return self._insert(
            "INSERT INTO reviews(notice_id, source_hash, reason, path, status, created_at) VALUES (?,?,?,?,?,?)",
            (notice_id, source_hash, reason, path, ReviewStatus.OPEN.value, now()),
        )

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
        return self._insert(
            "INSERT INTO intents(identity, case_id, case_path, payload, created_at) VALUES (?,?,?,?,?)",
            (identity, case_id, case_path, json.dumps(payload, default=str), now()),
        )

    def intent_pending(self, intent_id: int) -> bool:
        """Whether this intent still waits to be completed."""
        return bool(self.db.rows("SELECT 1 AS pending FROM intents WHERE id=?", (intent_id,)))

    def drop_intent(self, intent_id: int) -> None:
        """The intent is completed."""
        self.db.execute("DELETE FROM intents WHERE id=?", (intent_id,))

    def expect_receipt(self, expected: NewExpectedReceipt) -> bool:
        """Record a receipt to wait for; False when this form was already marked filed that day."""
        rows = self.db.rows(
            "INSERT INTO expected_receipts(packet, case_id, person, form, name, fee, office, filed_on, expected_by, "
            "status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(case_id, person, form, filed_on) DO NOTHING RETURNING id",
            (
                expected.packet,
                expected.case_id,
                expected.person,
                expected.form,
                expected.name,
                expected.fee,
                expected.office,
                expected.filed_on.isoformat(),
                expected.expected_by.isoformat(),
                ExpectationStatus.EXPECTED.value,
                now(),
            ),
        )
        return bool(rows)

    def open_expectations(self, case_id: str, form: str) -> list[ExpectedReceipt]:
        """The receipts of one form of a case still awaited, oldest filing first."""
        return [
            expected_record(r)
            for r in self.db.rows(
                "SELECT * FROM expected_receipts WHERE case_id=? AND form=? AND status=? ORDER BY filed_on, id",
                (case_id, form, ExpectationStatus.EXPECTED.value),
            )
        ]

    def receipt_arrived(
        self, expected_id: int, notice_id: int, receipt_number: str | None, status: ExpectationStatus
    ) -> None:
        """An awaited receipt came (``received``, or ``differs`` from what was filed)."""
        self.db.execute(
            "UPDATE expected_receipts SET status=?, notice_id=?, receipt_number=? WHERE id=?",
            (status.value, notice_id, receipt_number, expected_id),
        )

    def add_alias(self, alias: NewAlias) -> int | None:
        """Remember an alias; its id, or None when the same alias already leads to that case."""
        rows = self.db.rows(
            "INSERT INTO aliases(kind, alias_key, written, case_id, person, target, review_id, created_at, created_by) "
            "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(kind, alias_key, case_id) DO NOTHING RETURNING id",
            (
                AliasKind(alias.kind).value,
                alias.key,
                alias.written,
                alias.case_id,
                alias.person,
                alias.target,
                alias.review_id,
                now(),
                actor(),
            ),
        )
        return int(rows[0]["id"]) if rows else None

    def remove_alias(self, alias_id: int) -> Alias | None:
        """Forget one alias; what was removed, or None when there is no such alias."""
        rows = self.db.rows("DELETE FROM aliases WHERE id=? RETURNING *", (alias_id,))
        return alias_record(rows[0]) if rows else None

    def insert_row(self, table: str, row: Mapping[str, Any]) -> None:
        """Put one exported row back as it was (import); its id is kept."""
        if table not in TABLES:
            raise DocketError(f"no table {table!r} in a docket")
        columns = list(row)
        if not all(c.isidentifier() for c in columns):
            raise DocketError(f"table {table}: a column name {columns!r} is not one a docket has")
        marks = ",".join("?" for _ in columns)
        self.db.execute(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks})", [row[c] for c in columns])


def deadline_record(location: str, row: Row) -> DeadlineRecord:
    """A deadline row as a record (a row no docgen wrote is an error naming it)."""
    try:
        due = dt.date.fromisoformat(row["due"])
        kind = DeadlineKind(row["kind"])
    except ValueError:
        raise DocketError(
            f"{location}: deadline {row['id']} holds {row['kind']!r} on {row['due']!r}, not a deadline; "
            "restore the docket from a backup"
        ) from None
    return DeadlineRecord(
        case_id=row["case_id"],
        person=row["person"],
        kind=kind,
        due=due,
        description=row["description"],
        id=int(row["id"]),
        notice_id=None if row["notice_id"] is None else int(row["notice_id"]),
        done=bool(row["done"]),
        superseded=bool(row["superseded"]),
        case_missing_since=_day(row["case_missing_since"]),
        withdrawn=bool(row["withdrawn"]),
    )


def _day(text: str | None) -> dt.date | None:
    """A stored ISO day, or None."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def notice_record(row: Row) -> NoticeRecord:
    """A notice row as a record."""
    return NoticeRecord(
        id=int(row["id"]),
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
        created_at=row["created_at"],
        person=row["person"] or None,
    )


def review_record(row: Row) -> ReviewRecord:
    """A review row as a record."""
    return ReviewRecord(
        id=int(row["id"]),
        notice_id=None if row["notice_id"] is None else int(row["notice_id"]),
        source_hash=row["source_hash"],
        reason=row["reason"],
        path=row["path"],
        status=ReviewStatus(row["status"]),
        resolution=row["resolution"],
        created_at=row["created_at"],
        resolved_at=row["resolved_at"],
    )


def expected_record(row: Row) -> ExpectedReceipt:
    """An expected-receipt row as a record."""
    return ExpectedReceipt(
        id=int(row["id"]),
        packet=row["packet"],
        case_id=row["case_id"],
        person=row["person"],
        form=row["form"],
        name=row["name"],
        fee=row["fee"],
        office=row["office"],
        filed_on=dt.date.fromisoformat(row["filed_on"]),
        expected_by=dt.date.fromisoformat(row["expected_by"]),
        status=ExpectationStatus(row["status"]),
        notice_id=None if row["notice_id"] is None else int(row["notice_id"]),
        receipt_number=row["receipt_number"],
    )


def alias_record(row: Row) -> Alias:
    """An alias row as a record."""
    return Alias(
        kind=AliasKind(row["kind"]),
        key=row["alias_key"],
        written=row["written"],
        case_id=row["case_id"],
        person=row["person"],
        target=row["target"],
        review_id=None if row["review_id"] is None else int(row["review_id"]),
        id=int(row["id"]),
        created_at=row["created_at"],
        created_by=row["created_by"],
    )
