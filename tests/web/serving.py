"""``docgen serve`` as a process for the browser tests: one way to start it, read its address and stop it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
        [sys.executable, "-m", "docgen.cli", "serve", "--data", str(data), "--cases", str(cases), *options,
         "--port", "0", "--threads", "4"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        assert line.startswith("docgen workspace on http://127.0.0.1:"), line + (
            server.stderr.read() if server.stderr else "")
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
