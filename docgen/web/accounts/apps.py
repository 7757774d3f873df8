"""The accounts app."""

from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """Keeps the role groups in step with :data:`docgen.web.accounts.roles.ROLES` after every migrate."""

    name = "docgen.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from docgen.web.accounts.roles import sync_roles

        post_migrate.connect(sync_roles, sender=self)
