"""Roles are Django groups; what each may do is this table, applied after every migrate."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission

EVERYONE = ("view_cases", "view_docket", "view_reports", "review_notices")
MAILROOM_DESK = ("manage_aliases",)  # the mailroom's own work, and the admin's
MAILROOM = (*EVERYONE, *MAILROOM_DESK)
SPECIALIST = (
    *EVERYONE,
    "open_cases",
    "edit_cases",
    "reveal_identity",
    "fill_forms",
    "render_letters",
    "build_packets",
)
COUNSEL = (*SPECIALIST, "run_batches", "manage_templates")
ADMIN = (*COUNSEL, "manage_users", "view_audit", *MAILROOM_DESK)

ROLES: dict[str, tuple[str, ...]] = {
    "admin": ADMIN,
    "counsel": COUNSEL,
    "specialist": SPECIALIST,
    "mailroom": MAILROOM,
}


def sync_roles(**_: Any) -> None:
    """Create the role groups and give each exactly its capabilities."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    create_permissions(apps.get_app_config("accounts"), verbosity=0)
    permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="accounts")}
    for role, capabilities in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([permissions[c] for c in capabilities])


def role_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The user's role (the first role group they are in), or None."""
    if not user.is_authenticated:
        return None
    names = set(user.groups.values_list("name", flat=True))
    return next((role for role in ROLES if role in names), None)


def can(user: Any, capability: str) -> bool:
    """Whether the user's role grants ``capability``."""
    return bool(user.is_authenticated and user.has_perm(f"accounts.{capability}"))
