"""Moving a docket between SQLite and PostgreSQL (export/import), and a SQLite docket of an older schema."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.sql_docket import MIGRATIONS, TABLES, migration_sql

from .conftest import SAMPLES, NewDocket
from .pgserver import Server

NOTICES = SAMPLES / "notices" / "text"


def what_it_holds(location: str | Path) -> dict[str, object]:
    """Everything a docket tells through its interface."""
    with open_docket(location, create=False) as docket:
        return {
            "notices": docket.notices(),
            "deadlines": docket.deadlines_due(),
            "reviews": docket.reviews(),
            "audit": docket.audit_log(),
            "expected": docket.expected_receipts(),
            "rows": {table: docket.table_rows(table) for table in TABLES},
        }


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite docket after a real ingest of sample notices (filed, to review, deadlines, audit)."""
    tmp = tmp_path_factory.mktemp("transfer")
    inbox, cases = tmp / "inbox", tmp / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    for name in ("approval-i797a.pdf", "rfe-i129.pdf", "biometrics-i539.pdf", "rejection-i129.pdf"):
        shutil.copy(NOTICES / name, inbox / name)
    docket = tmp / "docket.sqlite"
    report = ingest_inbox(inbox, docket, cases)
    assert report.filed and report.review
    return docket


def test_sqlite_to_postgresql_and_back_keeps_everything(
    ingested: Path, postgres_server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "docket.jsonl"
    assert main(["docket", "export", str(ingested), "-o", str(export)]) == 0
    assert oct(export.stat().st_mode & 0o777) == "0o600"
    team = postgres_server.fresh()
    assert main(["docket", "import", str(export), "--docket", team]) == 0
    assert "imported" in capsys.readouterr().out
    original = what_it_holds(ingested)
    assert what_it_holds(team) == original
    back, again = tmp_path / "back.jsonl", tmp_path / "again.sqlite"
    assert main(["docket", "export", team, "-o", str(back)]) == 0
    assert main(["docket", "import", str(back), "--docket", str(again)]) == 0
    assert what_it_holds(again) == original
    assert export.read_text().splitlines()[1:] == back.read_text().splitlines()[1:]
    with open_docket(team) as docket, docket.transaction() as tx:  # new ids follow the imported ones
        review_id = tx.add_review("after the move", None)
    with open_docket(ingested) as docket:
        assert review_id > max(r["id"] for r in docket.table_rows("reviews"))


def test_the_address_can_come_from_the_environment(
    ingested: Path, postgres_server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = tmp_path / "docket.jsonl"
    assert main(["docket", "export", str(ingested), "-o", str(export)]) == 0
    team = postgres_server.fresh()
    monkeypatch.setenv("DOCGEN_DATABASE_URL", team)
    assert main(["docket", "import", str(export)]) == 0
    assert main(["mailroom", "review"]) == 0
    assert what_it_holds(team)["notices"] == what_it_holds(ingested)["notices"]


def test_an_import_goes_only_into_an_empty_docket_and_all_or_nothing(
    ingested: Path, new_docket: NewDocket, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make = new_docket
    export = tmp_path / "docket.jsonl"
    assert main(["docket", "export", str(ingested), "-o", str(export)]) == 0
    target = make(tmp_path)
    assert main(["docket", "import", str(export), "--docket", target]) == 0
    capsys.readouterr()
    assert main(["docket", "import", str(export), "--docket", target]) == 11
    assert "already holds rows" in capsys.readouterr().err
    lines = export.read_text().splitlines()
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("\n".join([*lines[:-1], lines[-1][:-5]]) + "\n")
    fresh = make(tmp_path / "fresh")
    assert main(["docket", "import", str(damaged), "--docket", fresh]) == 2
    assert f"line {len(lines)}: not JSON" in capsys.readouterr().err
    short = tmp_path / "short.jsonl"
    short.write_text("\n".join(lines[:-3]) + "\n")
    assert main(["docket", "import", str(short), "--docket", fresh]) == 2
    assert "cut short" in capsys.readouterr().err
    with open_docket(fresh) as docket:
        assert all(not docket.table_rows(table) for table in TABLES)
    assert main(["docket", "import", str(ingested), "--docket", fresh]) == 2
    assert "not a docket export" in capsys.readouterr().err


def test_an_older_sqlite_docket_is_migrated_in_place(tmp_path: Path) -> None:
    """A docket written by a docgen of schema 2 opens with its rows kept and the new tables added."""
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        for number in range(2):
            for statement in migration_sql(number, "sqlite"):
                db.execute(statement)
        db.execute(
            "INSERT INTO notices(identity, source_hash, source_pages, case_id, status, data, created_at) "
            "VALUES ('WAC2690012345|approval|2026-09-02', 'ab', '1', 'ACME', 'filed', '{}', '2026-09-03')"
        )
        db.execute("PRAGMA user_version=2")
    os.chmod(path, 0o600)
    with open_docket(path, create=False) as docket:
        assert docket.schema_version == len(MIGRATIONS) == 10
        assert docket.case_owners() == {}  # schema 10: filled at the next ingest or sync
        assert [n.identity for n in docket.notices()] == ["WAC2690012345|approval|2026-09-02"]
        assert docket.expected_receipts() == [] and docket.aliases() == []


def test_an_export_of_a_newer_docgen_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "new.jsonl"
    export.write_text(json.dumps({"format": "docgen-docket", "version": 1, "schema": 99, "rows": {}}) + "\n")
    assert main(["docket", "import", str(export), "--docket", str(tmp_path / "d.sqlite")]) == 2
    assert "newer than this docgen knows" in capsys.readouterr().err


def test_a_sqlite_url_in_the_environment_is_a_docket_file(
    ingested: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCGEN_DATABASE_URL", f"sqlite:///{ingested}")
    assert main(["mailroom", "review"]) == 0
    assert "rejection I-129 EAC2690200777" in capsys.readouterr().out
