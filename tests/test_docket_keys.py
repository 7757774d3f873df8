"""Deadlines keyed by the notice that set them (docket schema 8), on SQLite and on PostgreSQL: a docket written by an
older docgen is upgraded in place, its rows kept, the deadline two same-day RFEs shared split in two, and an I-907
receipt recorded before its identity held the form no longer blocks its petition's receipt."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import psycopg

from docgen.mailroom.docket import Deadline, DeadlineKind, open_docket
from docgen.mailroom.sql_docket import MIGRATIONS, migration_sql

from .conftest import NewDocket

KEYED = 8  # the schema that keys a notice's deadlines by the notice
DUE = "2027-01-18"


def older(location: str, rows: list[tuple[str, tuple[Any, ...]]], version: int = KEYED - 1) -> None:
    """A docket of schema ``version`` (that before the keys by default) at ``location`` holding ``rows``
    (statement, parameters)."""
    if location.startswith("postgresql://"):
        with psycopg.connect(location, autocommit=False) as db:
            for number in range(version):
                for statement in migration_sql(number, "postgresql"):
                    db.execute(statement)
            db.execute("CREATE TABLE docgen_schema (version INTEGER NOT NULL)")
            db.execute("INSERT INTO docgen_schema(version) VALUES (%s)", (version,))
            for sql, params in rows:
                db.execute(sql.replace("?", "%s"), params)
        return
    with sqlite3.connect(location) as db:
        for number in range(version):
            for statement in migration_sql(number, "sqlite"):
                db.execute(statement)
        for sql, params in rows:
            db.execute(sql, params)
        db.execute(f"PRAGMA user_version={version}")
    Path(location).chmod(0o600)


def _notice(number: int, receipt: str, kind: str, form: str, date: str, identity: str = "", **data: str) -> tuple:
    values = {"receipt_number": receipt, "notice_type": kind, "form": form, "notice_date": date, **data}
    return (
        "INSERT INTO notices(id, identity, source_hash, source_pages, case_id, status, notice_type, form, "
        "receipt_number, notice_date, data, filed_path, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            number,
            identity or f"{receipt}|{kind}|{date}",
            "ab" * 32,
            "1",
            "NW-1",
            "filed",
            kind,
            form,
            receipt,
            date,
            json.dumps(values),
            f"/cases/NW-1/notices/{number}.pdf",
            "2026-11-20T10:00:00+00:00",
        ),
    )


def test_an_older_docket_is_upgraded_to_deadlines_keyed_by_their_notice(tmp_path: Path, new_docket: NewDocket) -> None:
    assert len(MIGRATIONS) >= KEYED
    location = new_docket(tmp_path)
    shared = (
        "INSERT INTO deadlines(case_id, person, kind, due, description, notice_id, done) VALUES (?,?,?,?,?,?,?)",
        ("NW-1", "principal", "RFE response due", DUE, "RFE response for I-765 MSC2790011112 must arrive", 1, 0),
    )
    case_file = (
        "INSERT INTO deadlines(case_id, person, kind, due, description, notice_id, done) VALUES (?,?,?,?,?,?,?)",
        ("NW-1", "principal", "I-94 expires", "2027-01-04", "Ines Valdivia: H-1B stay ends (I-94)", None, 0),
    )
    older(
        location,
        [
            _notice(1, "MSC2790011112", "rfe", "I-765", "2026-11-20", response_due=DUE),
            _notice(2, "MSC2790011111", "rfe", "I-485", "2026-11-20", response_due=DUE),
            _notice(3, "WAC2790012345", "receipt", "I-907", "2026-10-08"),  # recorded as number|kind|date
            shared,
            case_file,
        ],
    )
    with open_docket(location) as docket:
        assert docket.schema_version == len(MIGRATIONS)
        rfes = [r for r in docket.deadlines_due() if r.kind is DeadlineKind.RFE_RESPONSE]
        assert sorted((r.notice_id, r.description) for r in rfes) == [
            (1, "RFE response for I-765 MSC2790011112 must arrive"),  # the row it held, as it was
            (2, "RFE response for I-485 MSC2790011111 must arrive at USCIS"),
        ]
        assert [r.kind for r in docket.deadlines_due() if r.notice_id is None] == [DeadlineKind.I94_EXPIRES]
        i907 = docket.notice(3)
        assert i907 is not None and i907.identity == "WAC2790012345|receipt|2026-10-08|I-907"
        assert docket.find_notice("WAC2790012345|receipt|2026-10-08") is None  # the petition's receipt is free
        due = dt.date.fromisoformat(DUE)
        with docket.transaction() as tx:  # the keys: per notice for a notice's, per case for a case file's
            tx.add_deadline(Deadline("NW-1", "principal", DeadlineKind.RFE_RESPONSE, due, "again"), 2)
            tx.add_deadline(Deadline("NW-1", "principal", DeadlineKind.RFE_RESPONSE, due, "a third"), 3)
            i94 = Deadline("NW-1", "principal", DeadlineKind.I94_EXPIRES, dt.date(2027, 1, 4), "again")
            tx.add_deadline(i94)
            tx.add_deadline(i94)
        assert len([r for r in docket.deadlines_due() if r.kind is DeadlineKind.RFE_RESPONSE]) == 3
        assert len([r for r in docket.deadlines_due() if r.kind is DeadlineKind.I94_EXPIRES]) == 1
        with docket.transaction() as tx:  # a new deadline gets a new id after the copied rows
            tx.add_deadline(Deadline("NW-1", "principal", DeadlineKind.BIOMETRICS, due, "new"), 1)
        assert max(r.id for r in docket.deadlines_due()) > 2
