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
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from docgen.errors import DiskFullError, DocgenError, DocketBusyError, DocketError, UsageError
from docgen.mailroom.sql_docket import MIGRATIONS, TABLES, SqlReads, SqlUnitOfWork

__all__ = ["MIGRATIONS", "SqliteDocket", "SqliteUnitOfWork", "translated"]

SqliteUnitOfWork = SqlUnitOfWork  # the writes are the shared ones


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
        return DocketBusyError(f"{path}: the docket is locked by another program ({text}); try again when it is done")
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


def _not_a_docket(path: Path, raw: sqlite3.Connection, create: bool) -> DocketError | None:
    """Why a file must not be opened as a docket, before anything is written to it: another program's
    database (tables, schema version 0) or, for a command that only reads, a file no docket was made in."""
    if int(raw.execute("PRAGMA user_version").fetchone()[0]) > 0:
        return None
    tables = sorted(
        r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    )
    if tables:
        return DocketError(
            f"{path}: not a docket: a database of another program (tables {', '.join(tables[:5])}); "
            "nothing was changed; give the docket file docgen made"
        )
    if not create:
        return DocketError(f"{path}: not a docket yet (the file is empty); a docket is made by 'mailroom ingest'")
    return None


class SqliteDocket(SqlReads):
    """A docket in one SQLite file (implements :class:`docgen.mailroom.docket.Docket`)."""

    dialect = "sqlite"

    db: _Connection

    def __init__(self, path: Path | str, create: bool = True, wait: float = 60.0) -> None:
        """``wait``: the seconds to wait for another program's write lock (a page that only reads waits a few)."""
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise DocketError(f"{self.path}: no docket here; check the path (a docket is made by 'mailroom ingest')")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if create:
                _make_private(self.path)
            raw = sqlite3.connect(self.path, timeout=wait, isolation_level=None)
            raw.row_factory = sqlite3.Row
            refusal = _not_a_docket(self.path, raw, create)
            if refusal is not None:
                raw.close()
                raise refusal
            raw.execute("PRAGMA journal_mode=WAL")
        except OSError as exc:
            raise DocketError(
                f"{self.path}: cannot make the docket here ({exc.strerror}); choose another place"
            ) from None
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise translated(self.path, exc) from None
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

    def _migrate(self) -> None:
        """A docket of the current schema is only read on open (no write lock: another program's long write
        does not hold up a reader); an older one is migrated as the other databases are."""
        if self.schema_version == len(MIGRATIONS) and not set(TABLES) - self._table_names():
            return
        super()._migrate()

    @property
    def location(self) -> str:
        """The docket file."""
        return str(self.path)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def _record_version(self, version: int) -> None:
        self.db.execute(f"PRAGMA user_version={int(version)}")

    def _table_names(self) -> set[str]:
        return {r[0] for r in self.db.rows("SELECT name FROM sqlite_master WHERE type='table'")}

    @property
    def schema_version(self) -> int:
        """The schema version of this file."""
        return int(self.db.rows("PRAGMA user_version")[0][0])

    @contextlib.contextmanager
    def transaction(self) -> Iterator[SqlUnitOfWork]:
        """One atomic change: ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield SqlUnitOfWork(self.db)
        except BaseException:
            if self.db.raw.in_transaction:
                self.db.raw.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
