"""A throw-away PostgreSQL server for the tests: one cluster per test run, a fresh schema per test.

The Debian ``postgresql`` package's binaries (``/usr/lib/postgresql/*/bin``)
make a cluster in a private temporary folder that listens only on a unix
socket there (no TCP port, so nothing else can collide with it). ``initdb``
refuses to run as root, so as root (CI, containers) the server runs as the
``postgres`` system user with the folder handed to it; the tests connect over
the socket as the cluster's superuser. Durability is switched off (a test
database is thrown away), which makes it fast.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg

MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH; "
    "install the Debian package 'postgresql' (scripts/setup.sh does) to run the docket tests"
)
USER = "docgen"
DATABASE = "docgen_test"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl (the newest installed version), if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class Server:
    """A running throw-away cluster."""

    def __init__(self) -> None:
        bindir = binaries()
        if bindir is None or not (bindir / "pg_ctl").exists():
            raise RuntimeError(MISSING)
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="docgen-pg-"))
        self.data = self.folder / "data"
        self.port = 5432  # the socket is in our private folder: no other server can hold this name
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-locale", "-N")
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.folder}'",
            "port": str(self.port),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "60",
        }
        conf = "".join(f"{key} = {value}\n" for key, value in settings.items())
        self._run("sh", "-c", f"cat >> '{self.data}/postgresql.conf'", stdin=conf)
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-s", "start")
        with psycopg.connect(self.url("postgres"), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {DATABASE}")

    def _run(self, program: str, *args: str, stdin: str | None = None) -> None:
        path = str(self.bindir / program) if (self.bindir / program).exists() else program
        done = subprocess.run([*self.run_as, path, *args], input=stdin, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()[-800:]}")

    def url(self, database: str = DATABASE, schema: str | None = None) -> str:
        """The address of a database (with ``search_path`` set to one schema when given)."""
        address = f"postgresql://{USER}@/{database}?host={quote(str(self.folder))}&port={self.port}"
        if schema:
            address += "&options=" + quote(f"-c search_path={schema}")
        return address

    def fresh(self) -> str:
        """The address of a new, empty docket (its own schema in the test database)."""
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {schema}")
        return self.url(schema=schema)

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-s", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
