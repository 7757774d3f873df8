"""What the workspace keeps in its database: the jobs that made files (forms, letters, packets, batches)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    """A piece of work and the files it made; long ones run in the background and report progress here.

    The files live in ``DATA/jobs/<id>/`` (owner-only), never under anything served directly; they are
    downloaded through a view that checks the user's role.
    """

    KINDS = [("form", "Form"), ("letter", "Letter"), ("packet", "Packet"), ("batch", "Batch")]
    STATUSES = [("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=10, choices=KINDS)
    title = models.CharField(max_length=300)
    case_id = models.CharField(max_length=200, blank=True, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUSES, default="queued")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    files = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.kind} {self.title} ({self.status})"

    @property
    def percent(self) -> int:
        """Share done, 0-100."""
        if self.status == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0
