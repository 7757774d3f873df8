"""Accounts data: failed logins (lock-out), the audit trail, and the capabilities roles grant."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Capability(models.Model):
    """No table: only carries the permissions (capabilities) that roles grant."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_cases", "See the case list (names and case ids)"),
            ("open_cases", "Open case data"),
            ("edit_cases", "Edit and create cases"),
            ("reveal_identity", "Show identity numbers (audited)"),
            ("fill_forms", "Fill forms and download them"),
            ("render_letters", "Render letters"),
            ("manage_templates", "Upload letter templates"),
            ("build_packets", "Build packets"),
            ("run_batches", "Run batch fills"),
            ("view_docket", "See the docket and deadlines"),
            ("review_notices", "Work the mailroom review desk: file, correct, dismiss notices"),
            ("view_reports", "See dashboards and export reports"),
            ("manage_users", "Manage users"),
            ("view_audit", "Read the audit trail"),
            ("manage_aliases", "See and remove the mailroom's learned aliases"),
        ]


class LoginFailure(models.Model):
    """Failed logins in a row for one user name; past the limit the name is locked for a while."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.username}: {self.failures} failure(s)"


class AuditEntry(models.Model):
    """Who viewed or changed what, and when. Holds paths and names of things, never identity numbers."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=60)
    case_id = models.CharField(max_length=200, blank=True, db_index=True)
    target = models.CharField(max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.case_id} {self.target}".strip()


class CalendarFeed(models.Model):
    """A user's secret address of the docket's deadlines as a calendar (ICS). Only the token's SHA-256 is kept:
    the address is shown once, when made; a new one replaces (revokes) the old."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_fetched = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
