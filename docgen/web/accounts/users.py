"""Users and roles, shared by ``docgen users`` and the admin's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group, User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import transaction

from docgen.errors import UsageError
from docgen.mailroom.text import printable
from docgen.web.accounts import lockout
from docgen.web.accounts.roles import ROLES, role_of


def checked_name(username: str) -> str:
    """A user name by Django's own rule (letters, digits and @ . + - _, at most 150), so what the audit trail and
    the terminal show is what it is; UsageError otherwise."""
    name = username.strip()
    if not name:
        raise UsageError("give a user name", field="username")
    try:
        UnicodeUsernameValidator()(name)
        MaxLengthValidator(150)(name)
    except ValidationError:
        raise UsageError(
            f"user name {printable(name[:40])!r}: write letters, digits and @ . + - _ only, at most 150 characters",
            field="username",
        ) from None
    return name


def add_user(username: str, role: str, password: str, *, replace: bool = False) -> User:
    """Create (or with ``replace``, reset) a user with one role; the password must pass Django's validators."""
    if role not in ROLES:
        raise UsageError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    name = checked_name(username)
    existing = User.objects.filter(username=name).first()
    if existing is not None and not replace:
        raise UsageError(f"user {name!r} exists already; add --replace to reset the password and role")
    user = existing or User(username=name)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise UsageError(f"password refused: {' '.join(exc.messages)}") from None
    with transaction.atomic():
        user.set_password(password)
        user.is_active = True
        user.save()
        user.groups.set([Group.objects.get(name=role)])
    lockout.clear(name)
    return user


def list_users() -> list[tuple[str, str, bool]]:
    """(name, role, active) of every user."""
    return [(u.username, role_of(u) or "-", u.is_active) for u in User.objects.order_by("username")]


def locked_names() -> dict[str, Any]:
    """User names locked out now, with when the lock ends."""
    return {name: lockout.locked_until(name) for name, _, _ in list_users() if lockout.locked_until(name)}


def unlock(username: str) -> bool:
    """Lift a lock-out early; True when the name had failures recorded."""
    return lockout.clear(username)
