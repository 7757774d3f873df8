"""The docket on a PostgreSQL server: one docket for a team (``postgresql://user@host/db``).

The schema is the SQLite docket's (one migration history,
:mod:`docgen.mailroom.sql_docket`), its version kept in a ``docgen_schema``
table and upgraded on open. Writes are as safe as on SQLite: every unit of
work is one transaction that first takes the docket's transaction-level
advisory lock, so write transactions run one after another (as SQLite's
``BEGIN IMMEDIATE`` does) while reads go on; the unique constraints stay the
last line of defence. Errors become one-line :class:`~docgen.errors.DocgenError` s
naming the database by an address without its password.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import errors
from psycopg.rows import dict_row

from docgen.errors import DiskFullError, DocgenError, DocketError, UsageError
from docgen.mailroom.sql_docket import SqlReads, SqlUnitOfWork

LOCK_KEY = 0x646F6367656E  # "docgen": the advisory lock every write transaction of a docket takes


def public_location(url: str) -> str:
    """The database address as messages may show it: no password (in the user part or the query)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://(an address that cannot be read)"
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, hostport = netloc.rsplit("@", 1)
        netloc = f"{userinfo.split(':', 1)[0]}@{hostport}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k.lower() != "password"], safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def _secrets(url: str) -> list[str]:
    """The password of an address (as written and decoded), to scrub from any message."""
    found: list[str] = []
    with contextlib.suppress(ValueError):
        parts = urlsplit(url)
        if parts.password:
            found.append(parts.password)
        found += [v for k, v in parse_qsl(parts.query) if k.lower() == "password" and v]
        if "@" in parts.netloc and ":" in parts.netloc.rsplit("@", 1)[0]:
            found.append(parts.netloc.rsplit("@", 1)[0].split(":", 1)[1])
    return sorted({s for s in found if s}, key=len, reverse=True)


def translated(location: str, exc: psycopg.Error, secrets: Sequence[str] = ()) -> DocgenError:
    """A PostgreSQL error as the one-line error a user can act on."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    for secret in secrets:
        text = text.replace(secret, "***")
    if isinstance(exc, errors.DiskFull):
        return DiskFullError(f"{location}: the database server's disk is full; free space there and run again")
    if isinstance(exc, errors.UndefinedTable):
        return DocketError(f"{location}: the docket is missing a table ({text}); restore it from a backup")
    if isinstance(exc, errors.IntegrityError):
        return DocketError(f"{location}: another run recorded this first ({text}); run the command again")
    if isinstance(exc, errors.NumericValueOutOfRange):
        return UsageError("a number given is larger than any id the docket holds; see the listing for ids")
    if isinstance(exc, errors.InsufficientPrivilege):
        return DocketError(f"{location}: the database user may not do this ({text}); ask the database's owner")
    if isinstance(exc, psycopg.OperationalError):
        return DocketError(
            f"{location}: cannot reach the docket database ({text}); check the address, that the server runs "
            "and the user's rights"
        )
    return DocketError(f"{location}: the database refused the docket's request ({text})")


@functools.lru_cache(maxsize=256)
def _dialect(sql: str) -> str:
    """The shared SQL's ``?`` placeholders as psycopg's ``%s``."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection (autocommit outside transactions) whose errors are one-line DocgenErrors."""

    def __init__(self, location: str, raw: psycopg.Connection[dict[str, Any]], secrets: Sequence[str]) -> None:
        self.location = location
        self.raw = raw
        self.secrets = secrets

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement."""
        try:
            self.raw.execute(_dialect(sql), list(params))
        except psycopg.Error as exc:
            raise translated(self.location, exc, self.secrets) from None

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a statement and fetch every row."""
        try:
            cursor = self.raw.execute(_dialect(sql), list(params))
            return cursor.fetchall() if cursor.description else []
        except psycopg.Error as exc:
            raise translated(self.location, exc, self.secrets) from None


class PostgresUnitOfWork(SqlUnitOfWork):
    """The shared writes; an import also moves each table's id counter past the ids it put back."""

    def __init__(self, db: _Connection) -> None:
        super().__init__(db)
        self.imported: set[str] = set()

    def insert_row(self, table: str, row: Mapping[str, Any]) -> None:
        """Put one exported row back as it was (import); its id is kept."""
        super().insert_row(table, row)
        if "id" in row:
            self.imported.add(table)

    def finish(self) -> None:
        """Before commit: new ids start after the imported ones."""
        for table in sorted(self.imported):
            self.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


class PostgresDocket(SqlReads):
    """A docket in a PostgreSQL database (implements :class:`docgen.mailroom.docket.Docket`)."""

    dialect = "postgresql"

    db: _Connection

    def __init__(self, url: str) -> None:
        self.url = url
        self._location = public_location(url)
        secrets = _secrets(url)
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=15)
        except psycopg.Error as exc:
            raise translated(self._location, exc, secrets) from None
        except ValueError:  # psycopg does not accept the address at all
            raise DocketError(
                f"{self._location}: not a database address docgen can use; write postgresql://USER@HOST:PORT/DATABASE"
            ) from None
        self.raw = raw
        self.db = _Connection(self._location, raw, secrets)
        try:
            self._migrate()
        except DocgenError:
            raw.close()
            raise

    @property
    def location(self) -> str:
        """The database address without its password."""
        return self._location

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()

    def _prepare_versions(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS docgen_schema (version INTEGER NOT NULL)")

    def _record_version(self, version: int) -> None:
        self.db.execute("DELETE FROM docgen_schema")
        self.db.execute("INSERT INTO docgen_schema(version) VALUES (?)", (version,))

    def _table_names(self) -> set[str]:
        rows = self.db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {r["table_name"] for r in rows}

    @property
    def schema_version(self) -> int:
        """The schema version of this database."""
        rows = self.db.rows("SELECT MAX(version) AS version FROM docgen_schema")
        return int(rows[0]["version"] or 0) if rows else 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[PostgresUnitOfWork]:
        """One atomic change, after every other write transaction of this docket (committed, or rolled back)."""
        try:
            with self.raw.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))
                work = PostgresUnitOfWork(self.db)
                yield work
                work.finish()
        except psycopg.Error as exc:  # the commit itself failed
            raise translated(self.location, exc, self.db.secrets) from None
