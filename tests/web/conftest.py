"""Fixtures of the web workspace tests: a Django set up on a throw-away data folder, users of every role, a copy
of the sample cases per test."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PASSWORD = "a long test passphrase 7"
ROLES = ("admin", "counsel", "specialist", "mailroom")

_data = Path(tempfile.mkdtemp(prefix="docgen-web-test-"))
atexit.register(shutil.rmtree, _data, ignore_errors=True)
(_data / "tmp").mkdir()
os.environ["DOCGEN_WEB_DATA"] = str(_data)
os.environ.setdefault("DOCGEN_WEB_CASES", str(SAMPLES / "cases"))
os.environ["DOCGEN_WEB_PACKETS"] = str(SAMPLES / "packets")
os.environ["DOCGEN_WEB_DOCKET"] = str(_data / "docket.sqlite")
os.environ.setdefault("DOCGEN_SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ["DJANGO_SETTINGS_MODULE"] = "docgen.web.settings"

import django  # noqa: E402  (after the environment the settings read)

django.setup()

from django.conf import settings as _settings  # noqa: E402

_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: fast hashing


@pytest.fixture
def cases_dir(tmp_path: Path, settings: Any) -> Path:
    """A copy of the sample cases the test may change (the workspace reads it)."""
    folder = tmp_path / "cases"
    shutil.copytree(SAMPLES / "cases", folder)
    settings.CASES_DIR = folder
    return folder


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    """One user per role, named after it."""
    from docgen.web.accounts.users import add_user

    return {role: add_user(role, role, PASSWORD) for role in ROLES}


@pytest.fixture
def client_for(users: dict[str, Any]) -> Iterator[Any]:
    """A logged-in test client for a role: ``client_for('specialist')``."""
    from django.test import Client

    def make(role: str, csrf: bool = False) -> Any:
        client = Client(enforce_csrf_checks=csrf)
        client.force_login(users[role])
        return client

    yield make


@pytest.fixture(scope="session")
def browser_users(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """A workspace data folder with one user per role made by ``docgen users add``, once per test run: the served
    workspaces of the browser tests start from copies of it (``serving.copy_users``). With xdist, the first worker
    to need it makes it under the run's temporary root, holding a lock, and the other finds it made (four
    ``users add`` are four start-ups of Django, about 2.5 s of CPU)."""
    from docgen.fileio import locked
    from tests.web.serving import add_users, server_env

    if worker_id == "master":
        data = tmp_path_factory.mktemp("browser-users") / "data"
        add_users(data, server_env())
        return data
    shared = tmp_path_factory.getbasetemp().parent / "browser-users"
    shared.mkdir(mode=0o700, exist_ok=True)
    data = shared / "data"
    with locked(shared / ".lock"):
        if not data.exists():
            making = shared / "making"
            shutil.rmtree(making, ignore_errors=True)  # a worker that died half-way
            add_users(making, server_env())
            making.rename(data)
    return data
