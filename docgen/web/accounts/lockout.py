"""Lock-out after repeated failed logins: a counter per user name, a cool-down, reset on success.

Counted by user name, not by address: behind a reverse proxy every address is
the proxy's. An admin unlocks early with ``docgen users unlock NAME``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from docgen.web.accounts.models import LoginFailure


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def locked_until(username: str) -> dt.datetime | None:
    """When the lock on this name ends, or None when it is not locked."""
    row = LoginFailure.objects.filter(username=_key(username)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        until: dt.datetime = row.locked_until
        return until
    return None


def record_failure(username: str) -> None:
    """Count a failed login; lock the name once it reaches the limit."""
    now = timezone.now()
    with transaction.atomic():
        row, _ = LoginFailure.objects.select_for_update().get_or_create(username=_key(username))
        if row.locked_until and row.locked_until <= now:
            row.failures = 0
            row.locked_until = None
        row.failures += 1
        row.last_failure = now
        if row.failures >= settings.LOCKOUT_FAILURES:
            row.locked_until = now + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
        row.save()


def clear(username: str) -> bool:
    """Forget the failures of this name (a good login, or an admin's unlock); True when there were any."""
    deleted, _ = LoginFailure.objects.filter(username=_key(username)).delete()
    return bool(deleted)
