"""The workspace database's migrations (Django's), read for ``docgen db status`` and checked before
``docgen serve`` applies them: a database migrated by a newer docgen is refused, never half-used.

Call after :func:`docgen.web.server.configure`.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.errors import DocketError


@dataclass(frozen=True)
class AppSchema:
    """One Django app's migrations: applied, still to apply, and applied by a newer docgen (unknown here)."""

    app: str
    applied: tuple[str, ...]
    pending: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def state(self) -> str:
        """In words, with what to do."""
        if self.unknown:
            return f"{self.unknown[-1]} is newer than this docgen knows: upgrade docgen"
        last = self.applied[-1] if self.applied else "nothing applied"
        if self.pending:
            return f"{last}; {len(self.pending)} to apply: run 'docgen db upgrade'"
        return f"{last}: up to date"


def location() -> str:
    """The workspace database as messages may show it (a file, or an address without its password)."""
    import os

    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return str(db["NAME"])
    from docgen.mailroom.postgres_docket import public_location  # psycopg: only for a PostgreSQL database

    return public_location(os.environ.get("DOCGEN_DATABASE_URL", ""))


def missing() -> bool:
    """Whether the workspace database is a SQLite file not made yet (reading it would make an empty one)."""
    from pathlib import Path

    from django.conf import settings

    db = settings.DATABASES["default"]
    return bool(db["ENGINE"] == "django.db.backends.sqlite3" and not Path(str(db["NAME"])).exists())


def workspace_schema() -> list[AppSchema]:
    """Each app's migrations in the workspace database (applied ones first read from ``django_migrations``)."""
    from django.db import DatabaseError, connection
    from django.db.migrations.loader import MigrationLoader

    try:
        loader = MigrationLoader(connection, ignore_no_migrations=True)
    except DatabaseError as exc:
        where = location()
        raise DocketError(f"{where}: cannot read the workspace database ({exc}); check DOCGEN_DATABASE_URL") from None
    known = set(loader.disk_migrations)
    applied = set(loader.applied_migrations or {})
    apps = []
    for app in sorted(loader.migrated_apps):
        on_disk = sorted(name for a, name in known if a == app)
        done = sorted(name for a, name in applied if a == app)
        apps.append(
            AppSchema(
                app,
                tuple(n for n in on_disk if n in done),
                tuple(n for n in on_disk if n not in done),
                tuple(n for n in done if (app, n) not in known),
            )
        )
    return apps


def refuse_newer(apps: list[AppSchema] | None = None) -> None:
    """Stop before anything runs on a workspace database a newer docgen migrated."""
    for app in apps if apps is not None else workspace_schema():
        if app.unknown:
            raise DocketError(
                f"{location()}: the workspace database was migrated by a newer docgen ({app.app} "
                f"{app.unknown[-1]}); nothing was changed; upgrade docgen to that version or newer"
            )
