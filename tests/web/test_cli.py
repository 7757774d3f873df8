"""``docgen serve`` and ``docgen users`` as a user runs them (separate processes: each configures Django once)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DOCGEN_WEB_", "DJANGO_", "DOCGEN_SECRET"))}
    return subprocess.run(
        [sys.executable, "-m", "docgen.cli", *args],
        input=stdin,
        text=True,
        capture_output=True,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        timeout=60,
    )


def test_serving_beyond_localhost_needs_the_flag_and_a_secret_key(tmp_path: Path) -> None:
    result = _run(["serve", "--host", "0.0.0.0", "--data", str(tmp_path / "d"), "--cases", str(tmp_path)])
    assert result.returncode == 2
    assert "reachable from other machines; add --allow-remote" in result.stderr
    result = _run(
        ["serve", "--host", "0.0.0.0", "--allow-remote", "--data", str(tmp_path / "d"), "--cases", str(tmp_path)]
    )
    assert result.returncode == 2
    assert "serving beyond this machine needs a secret key: set DOCGEN_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_users_add_reads_the_password_from_stdin_and_keeps_the_data_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = _run(["users", "add", "maja", "--role", "specialist", "--data", str(data)], "short\n")
    assert result.returncode == 2 and "password refused: This password is too short" in result.stderr
    result = _run(["users", "add", "maja", "--role", "specialist", "--data", str(data)], "a fine long passphrase\n")
    assert result.returncode == 0, result.stderr
    assert "maja can log in as specialist" in result.stdout
    assert "a fine long passphrase" not in result.stdout + result.stderr
    assert data.stat().st_mode & 0o777 == 0o700
    assert (data / "workspace.sqlite3").stat().st_mode & 0o777 == 0o600
    assert (data / "secret_key").stat().st_mode & 0o777 == 0o600
    listed = _run(["users", "list", "--data", str(data)])
    assert listed.stdout.split() == ["maja", "specialist", "active"]
    again = _run(["users", "add", "maja", "--role", "admin", "--data", str(data)], "another long passphrase\n")
    assert again.returncode == 2 and "exists already; add --replace" in again.stderr


def test_serve_refuses_a_missing_cases_folder(tmp_path: Path) -> None:
    result = _run(["serve", "--data", str(tmp_path / "d"), "--cases", str(tmp_path / "nope"), "--port", "0"])
    assert result.returncode == 2
    assert "no such folder of case files; give --cases DIR" in result.stderr


def test_the_demo_ends_with_how_to_open_the_workspace(tmp_path: Path, capsys: Any) -> None:
    from docgen.commands.demo import _workspace, command_name

    (tmp_path / "mailroom" / "cases").mkdir(parents=True)
    assert _workspace({}, tmp_path, ROOT / "samples") == 0
    out = capsys.readouterr().out
    docgen = command_name()  # 'docgen', or this venv's script when that is not on the PATH
    assert f"{docgen} users add YOURNAME --role admin --data {tmp_path / 'workspace'}" in out
    serve = next(line.strip() for line in out.splitlines() if line.strip().startswith(f"{docgen} serve"))
    assert f"--cases {tmp_path / 'mailroom' / 'cases'}" in serve and "--docket" in serve
    assert (tmp_path / "mailroom" / "logos" / "acme-analytics.png").exists()  # the cases' ../logos/ resolve
    result = _run([*serve.split()[1:2], "--help"])
    for option in serve.split()[2::2]:
        assert option in result.stdout


def test_users_add_refuses_a_name_django_itself_would_refuse(tmp_path: Path) -> None:
    """``docgen users add 'bad name/..'`` (and the Users page) made the account: a name with a space, a slash or
    an escape sequence then shows in the audit trail and on the terminal as something else. Django's own rule
    for user names (letters, digits and @ . + - _, at most 150) applies; nothing is made."""
    data = tmp_path / "data"
    for bad in ("bad name/..", "x" * 151, "maja\x1b[31m"):
        result = _run(["users", "add", bad, "--role", "specialist", "--data", str(data)], "a fine long passphrase\n")
        assert result.returncode == 2, bad
        assert "user name" in result.stderr and "letters, digits and @ . + - _" in result.stderr, result.stderr
        assert "\x1b" not in result.stderr and "Traceback" not in result.stderr
    listed = _run(["users", "list", "--data", str(data)])
    assert listed.stdout.strip() == ""
    ok = _run(["users", "add", "maja.l@acme", "--role", "admin", "--data", str(data)], "a fine long passphrase\n")
    assert ok.returncode == 0, ok.stderr
