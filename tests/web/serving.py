"""``docgen serve`` as a process for the browser tests: one way to start it, read its address and stop it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
ROLES = ("admin", "counsel", "specialist", "mailroom")
# The real CLI with Django's fast test hasher (tests/web/fast_hashing_cli.py): logins cost no PBKDF2 rounds.
CLI = "tests.web.fast_hashing_cli"


def server_env() -> dict[str, str]:
    """The environment of a workspace process: this checkout's code, no settings of the caller's own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCGEN_WEB_", "DJANGO_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("DOCGEN_SECRET_KEY", None)
    return env


@contextlib.contextmanager
def served(data: Path, cases: Path, env: dict[str, str], *options: str) -> Iterator[str]:
    """Run ``docgen serve`` on a free port; yields its address; stops it and checks it logged no traceback."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            CLI,
            "serve",
            "--data",
            str(data),
            "--cases",
            str(cases),
            *options,
            "--port",
            "0",
            "--threads",
            "4",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        assert line.startswith("docgen workspace on http://127.0.0.1:"), line + (
            server.stderr.read() if server.stderr else ""
        )
        yield line.split()[3].rstrip("/")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log = server.stderr.read() if server.stderr else ""
        for pipe in (server.stdout, server.stderr):
            if pipe is not None:
                pipe.close()
        assert "Traceback" not in log, log


def add_users(data: Path, env: dict[str, str]) -> None:
    """``docgen users add`` (the command itself, as an administrator runs it) for ``admin1``, ``counsel1``,
    ``specialist1`` and ``mailroom1``, all with :data:`PASSWORD`."""
    for role in ROLES:
        subprocess.run(
            [sys.executable, "-m", CLI, "users", "add", f"{role}1", "--role", role, "--data", str(data)],
            input=PASSWORD + "\n",
            env=env,
            text=True,
            capture_output=True,
            check=True,
            timeout=60,
        )


def copy_users(users: Path, data: Path) -> None:
    """A workspace data folder holding the users of ``users`` (a folder :func:`add_users` filled): a copy
    costs nothing, four ``docgen users add`` four start-ups of Django."""
    shutil.copytree(users, data)
