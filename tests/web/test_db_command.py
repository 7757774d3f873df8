"""``docgen db status`` / ``docgen db upgrade`` and ``docgen serve``'s refusal of a newer schema, run as the
command a user types, on SQLite files and on the test PostgreSQL server."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.sql_docket import MIGRATIONS, migration_sql
from tests.web.serving import server_env

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
NEWEST = len(MIGRATIONS)


def _env(**extra: str) -> dict[str, str]:
    env = server_env()
    env.pop("DOCGEN_DATABASE_URL", None)
    return env | extra


def _docgen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen.cli", *args], env=env or _env(), text=True, capture_output=True, timeout=120
    )


def _old_docket(path: Path, version: int) -> None:
    """A docket file as an older docgen left it: the first ``version`` migrations, with a row in it."""
    db = sqlite3.connect(path)
    for number in range(version):
        for statement in migration_sql(number, "sqlite"):
            db.execute(statement)
    db.execute(
        "INSERT INTO sources(content_hash, file_name, status, notices, ingested_at) "
        "VALUES ('abc', 'old-scan.pdf', 'done', 1, '2026-01-05T10:00:00+00:00')"
    )
    db.execute(f"PRAGMA user_version={version}")
    db.commit()
    db.close()


def test_status_then_upgrade_brings_an_old_docket_and_a_new_workspace_to_the_newest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    _old_docket(data / "docket.sqlite", NEWEST - 1)
    status = _docgen("db", "status", "--data", str(data))
    assert status.returncode == 0, status.stderr
    assert f"version {NEWEST - 1} of {NEWEST}: run 'docgen db upgrade'" in status.stdout
    assert f"no workspace database yet at {data.resolve() / 'workspace.sqlite3'}" in status.stdout
    assert sorted(p.name for p in data.iterdir()) == ["docket.sqlite"]  # status made nothing
    assert sqlite3.connect(data / "docket.sqlite").execute("PRAGMA user_version").fetchone()[0] == NEWEST - 1

    upgrade = _docgen("db", "upgrade", "--data", str(data), "-v")
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"version {NEWEST} of {NEWEST}: up to date" in upgrade.stdout
    assert f"applied: {', '.join(str(n) for n in range(1, NEWEST + 1))}" in upgrade.stdout
    assert "to apply" not in upgrade.stdout
    assert "0001_initial" in upgrade.stdout  # the workspace's migrations listed by name
    with open_docket(data / "docket.sqlite", create=False) as docket:
        assert docket.schema_version == NEWEST
        assert docket.source_status("abc") is not None  # the older docket's rows kept

    again = _docgen("db", "status", "--data", str(data))
    assert again.returncode == 0 and "run 'docgen db upgrade'" not in again.stdout


def test_status_before_any_workspace_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "docgen-data"
    status = _docgen("db", "status", "--data", str(data))
    assert status.returncode == 0, status.stderr
    assert "no docket yet" in status.stdout
    assert f"no workspace database yet at {data.resolve() / 'workspace.sqlite3'}" in status.stdout
    assert not data.exists()  # no data folder, no secret key, no empty database made by looking
    data.mkdir(mode=0o700)
    assert _docgen("db", "status", "--data", str(data), "-v").returncode == 0
    assert list(data.iterdir()) == []


def test_serve_and_upgrade_refuse_a_docket_from_a_newer_docgen(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "cases").mkdir()
    docket = data / "docket.sqlite"
    with open_docket(docket):
        pass
    db = sqlite3.connect(docket)
    db.execute(f"PRAGMA user_version={NEWEST + 1}")
    db.commit()
    db.close()
    for args in (["db", "upgrade"], ["serve", "--cases", str(tmp_path / "cases"), "--port", "0"]):
        result = _docgen(*args, "--data", str(data))
        assert result.returncode == 11, result.stdout + result.stderr
        assert f"newer than this docgen knows ({NEWEST}): upgrade docgen; nothing was changed" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (data / "workspace.sqlite3").exists()  # refused before the workspace database was touched
    status = _docgen("db", "status", "--data", str(data))
    assert status.returncode == 0 and f"version {NEWEST + 1}, newer than this docgen knows" in status.stdout


def test_serve_refuses_a_workspace_database_a_newer_docgen_migrated(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (tmp_path / "cases").mkdir()
    assert _docgen("db", "upgrade", "--data", str(data)).returncode == 0
    db = sqlite3.connect(data / "workspace.sqlite3")
    db.execute(
        "INSERT INTO django_migrations(app, name, applied) VALUES ('accounts', '9999_from_the_future', "
        "'2027-01-01 00:00:00')"
    )
    db.commit()
    db.close()
    result = _docgen("serve", "--data", str(data), "--cases", str(tmp_path / "cases"), "--port", "0")
    assert result.returncode == 11, result.stdout + result.stderr
    assert "migrated by a newer docgen (accounts 9999_from_the_future)" in result.stderr
    status = _docgen("db", "status", "--data", str(data))
    assert "9999_from_the_future is newer than this docgen knows: upgrade docgen" in status.stdout


def test_one_team_database_holds_both_histories_on_postgresql(tmp_path: Path, postgres_server: Any) -> None:
    url = postgres_server.fresh()
    env = _env(DOCGEN_DATABASE_URL=url)
    data = tmp_path / "data"
    before = _docgen("db", "status", "--data", str(data), env=env)
    assert before.returncode == 0, before.stderr
    assert "no docket yet" in before.stdout and "to apply" in before.stdout
    # A clerk's ingest makes the docket in the team database (the CLI needs no Django for it).
    shutil.copytree(SAMPLES / "cases", tmp_path / "cases")
    (tmp_path / "inbox").mkdir()
    shutil.copy(SAMPLES / "notices" / "text" / "receipt-i129.pdf", tmp_path / "inbox" / "r.pdf")
    assert ingest_inbox(tmp_path / "inbox", url, tmp_path / "cases").filed
    upgrade = _docgen("db", "upgrade", "--data", str(data), env=env)
    assert upgrade.returncode == 0, upgrade.stderr
    assert f"version {NEWEST} of {NEWEST}: up to date" in upgrade.stdout and "to apply" not in upgrade.stdout
    assert url not in upgrade.stdout  # shown without its query (the password would be there)
    schema = url.split("search_path%3D")[-1]
    with psycopg.connect(postgres_server.url(), autocommit=True) as db:
        tables = {
            r[0]
            for r in db.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,))
        }
    assert {"notices", "docgen_schema", "django_migrations", "auth_user"} <= tables  # one database, both


def test_a_damaged_docket_stops_the_upgrade_but_not_the_workspace(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (tmp_path / "cases").mkdir()
    (data / "docket.sqlite").write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"not a docket" * 500)
    for args in (["db", "status"], ["db", "upgrade"]):
        result = _docgen(*args, "--data", str(data))
        assert result.returncode == 11, result.stdout + result.stderr
        assert result.stderr.startswith(f"docgen: error: {data / 'docket.sqlite'}: "), result.stderr
        assert "Traceback" not in result.stderr
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "docgen.cli",
            "serve",
            "--data",
            str(data),
            "--cases",
            str(tmp_path / "cases"),
            "--port",
            "0",
        ],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
    assert line.startswith("docgen workspace on http://127.0.0.1:"), err
    assert "(the workspace starts without it)" in err and "Traceback" not in err
