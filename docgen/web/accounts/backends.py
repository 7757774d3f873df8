"""The login backend: Django's, behind the lock-out counter."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from docgen.web.accounts import lockout


class LockoutBackend(ModelBackend):
    """Refuses a locked name before checking its password; counts failures, clears them on success."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username:
            return None
        if lockout.locked_until(username) is not None:
            raise PermissionDenied("locked")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            lockout.record_failure(username)
        else:
            lockout.clear(username)
        return user
