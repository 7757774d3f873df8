"""``docgen`` as the browser tests start it (``python -m tests.web.fast_hashing_cli serve ...``): the real CLI,
with the one setting Django's testing documentation tells test runs to change, a fast password hasher.

The production hasher (PBKDF2, a million rounds) costs about 0.4 s of CPU per login and per ``docgen users
add``: the browser tests log in some thirty times, and test what a login lets a user do, not what the hash
costs. The workspace's own tests in the pytest process use the same hasher (``tests/web/conftest.py``); the
production settings keep PBKDF2, and ``tests/web/test_cli.py`` runs ``docgen users add`` unchanged."""

from __future__ import annotations

import sys

import django

from docgen.cli import main

FAST = "django.contrib.auth.hashers.MD5PasswordHasher"

_setup = django.setup


def _setup_with_fast_hashing(*args: object, **kwargs: object) -> None:
    """``django.setup`` (which ``docgen.web.server.configure`` calls), then the fast hasher first: new
    passwords are hashed with it, and a user a test made with the plain ``docgen users add`` (PBKDF2) still
    logs in. No password has been hashed yet, so Django's cached list of hashers is made from this one."""
    _setup(*args, **kwargs)  # type: ignore[arg-type]
    from django.conf import settings

    settings.PASSWORD_HASHERS = [FAST, *settings.PASSWORD_HASHERS]


django.setup = _setup_with_fast_hashing

if __name__ == "__main__":
    sys.exit(main())
