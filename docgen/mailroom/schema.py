"""The docket's schema version, read without changing anything (``docgen db status``).

Opening a docket (:func:`docgen.mailroom.docket.open_docket`) upgrades it;
this module only looks: the version a SQLite file (``PRAGMA user_version``)
or a PostgreSQL database (``docgen_schema``) is at, beside the newest this
docgen knows (the length of :data:`docgen.mailroom.sql_docket.MIGRATIONS`).
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import DocketError
from docgen.mailroom.docket import is_database_url
from docgen.mailroom.sql_docket import MIGRATIONS


@dataclass(frozen=True)
class DocketSchema:
    """Where a docket is and the schema version it is at (None: no docket there yet)."""

    location: str
    version: int | None
    newest: int = len(MIGRATIONS)

    @property
    def newer(self) -> bool:
        """Written by a newer docgen: this one must not touch it."""
        return self.version is not None and self.version > self.newest

    @property
    def state(self) -> str:
        """In words, with what to do."""
        if self.version is None:
            return f"no docket yet (made at version {self.newest} on first use)"
        if self.newer:
            return f"version {self.version}, newer than this docgen knows ({self.newest}): upgrade docgen"
        if self.version < self.newest:
            return f"version {self.version} of {self.newest}: run 'docgen db upgrade'"
        return f"version {self.version} of {self.newest}: up to date"


def docket_schema(location: Path | str) -> DocketSchema:
    """The schema version of the docket at ``location`` (a file, ``sqlite:///path`` or ``postgresql://``)."""
    text = str(location)
    if is_database_url(text):
        return _postgres(text)
    return _sqlite(Path(text.removeprefix("sqlite:///")))


def _sqlite(path: Path) -> DocketSchema:
    if not path.exists() or path.stat().st_size == 0:
        return DocketSchema(str(path), None)
    try:
        raw = sqlite3.connect(f"file:{urllib.parse.quote(str(path.absolute()))}?mode=ro", uri=True, timeout=30)
        try:
            version = int(raw.execute("PRAGMA user_version").fetchone()[0])
            tables = raw.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            if version == 0 and tables.fetchall():
                raise DocketError(f"{path}: not a docket: a database of another program; give the docket file")
        finally:
            raw.close()
    except sqlite3.Error as exc:
        raise DocketError(f"{path}: cannot read the docket ({exc}); restore it from a backup") from None
    return DocketSchema(str(path), version or None)


def _postgres(url: str) -> DocketSchema:
    import psycopg

    from docgen.mailroom.postgres_docket import _secrets, public_location, translated

    location = public_location(url)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=15) as raw:
            found = raw.execute("SELECT to_regclass('docgen_schema') IS NOT NULL").fetchone()
            if not found or not found[0]:
                return DocketSchema(location, None)
            row = raw.execute("SELECT MAX(version) FROM docgen_schema").fetchone()
    except psycopg.Error as exc:
        raise translated(location, exc, _secrets(url)) from None
    except ValueError:
        raise DocketError(
            f"{location}: not a database address docgen can use; write postgresql://USER@HOST:PORT/DATABASE"
        ) from None
    return DocketSchema(location, int(row[0]) if row and row[0] else None)
