"""Template context: the user's role and what it may do (for the menu)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from docgen.web.accounts.roles import ADMIN, role_of


def role(request: HttpRequest) -> dict[str, Any]:
    """``role`` (name), ``may`` (capability -> bool) and ``upload_limit`` (bytes, for the browser's check
    before it sends a file) for every page."""
    limit = int(settings.UPLOAD_LIMIT)
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"role": None, "may": {}, "upload_limit": limit}
    return {
        "role": role_of(user),
        "may": {c: user.has_perm(f"accounts.{c}") for c in ADMIN},
        "upload_limit": limit,
    }
