"""The workspace app."""

from __future__ import annotations

from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """Cases, documents, batches and dashboards."""

    name = "docgen.web.workspace"
    label = "workspace"
    default_auto_field = "django.db.models.BigAutoField"
