"""The "Mark as filed" form of a built packet, and the receipts a filed one waits for."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from docgen.errors import DocgenError
from docgen.web.services import filing

register = template.Library()


@register.inclusion_tag("workspace/_packet_filed.html", takes_context=True)
def packet_filing(context: Any, job: Any) -> dict[str, Any]:
    """For a packet built with its manifest: the form (date, today by default), or where its receipts stand."""
    filed = job.details.get("filed") if job.kind == "packet" else None
    problem, rows = "", []
    if filed:
        try:
            rows = filing.waiting(job)
        except DocgenError:
            problem = "The docket cannot be read just now."
    return {
        "job": job,
        "csrf_token": context.get("csrf_token"),
        "ready": job.status == "done" and filing.manifest_name(job) is not None,
        "filed": filed,
        "waiting": rows,
        "problem": problem,
        "today": dt.date.today().isoformat(),
    }
