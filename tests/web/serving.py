"""``docgen serve`` as a process for the browser tests: one way to start it, read its address and stop it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


def _drained(pipe: IO[str] | None, into: list[str]) -> threading.Thread:
    """A thread reading ``pipe`` to its end into ``into``: a chatty server never blocks on a full pipe."""
    thread = threading.Thread(target=lambda: into.extend(iter(pipe.readline, "")) if pipe else None, daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def served(data: Path, cases: Path, env: dict[str, str], *options: str) -> Iterator[str]:
    """Run ``docgen serve`` on a free port; yields its address; stops it and checks it logged no traceback. What
    it writes (its log on stderr, lines after the address on stdout) is read as it comes, kept for that check."""
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
    said: list[str] = []
    logged: list[str] = []
    readers = [_drained(server.stderr, logged)]
    try:
        line = server.stdout.readline() if server.stdout else ""
        readers.append(_drained(server.stdout, said))
        if not line.startswith("docgen workspace on http://127.0.0.1:"):
            server.wait(timeout=20)
            readers[0].join(timeout=20)
            raise AssertionError(line + "".join(logged))
        yield line.split()[3].rstrip("/")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        for reader in readers:
            reader.join(timeout=20)
        for pipe in (server.stdout, server.stderr):
            if pipe is not None:
                pipe.close()
        log = "".join(logged)
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
