"""A built packet marked filed from the workspace: its forms become expected receipts on the docket.

The same library as ``docgen packet filed MANIFEST --date``
(:mod:`docgen.mailroom.receipts`): the manifest the build wrote names the
case and each form with its person. A packet (one build) is marked filed
once; a second marking is refused, naming when and by whom it was marked
(the docket would keep the forms once a day anyway, but a second date would
wait for the same receipts twice).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from docgen.errors import UsageError
from docgen.mailroom.docket import ExpectedReceipt, acting_as, open_docket
from docgen.web.services import jobs
from docgen.web.services.docket import docket_exists, docket_path
from docgen.web.workspace.models import Job


@dataclass(frozen=True)
class Waiting:
    """One form of a filed packet and where its receipt stands."""

    form: str
    person: str
    expected_by: str
    status: str  # expected, received, differs
    receipt_number: str


def manifest_name(job: Job) -> str | None:
    """The manifest a packet job wrote, if any."""
    return next((name for name in job.files if name.endswith(".manifest.json")), None)


def mark_filed(job: Job, filed_on: dt.date, user: Any, today: dt.date | None = None) -> list[str]:
    """Record the packet's forms as expected receipts; returns the lines to show. Refuses a packet marked before,
    a date after today, and a packet without a manifest naming a case of the workspace."""
    from docgen.mailroom.cases import CaseStore
    from docgen.mailroom.receipts import check_filed_on, expectations, manifest_forms, record_filing

    check_filed_on(filed_on, today)
    name = manifest_name(job)
    path = jobs.file_path(job, name) if name else None
    if job.kind != "packet" or job.status != "done" or path is None:
        raise UsageError("only a packet that was built (with its manifest) can be marked filed")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)  # two clicks at once: the second waits, then refuses
        earlier = locked.details.get("filed")
        if earlier:
            raise UsageError(
                f"this packet was marked filed already (filed {earlier['on']}, marked by {earlier['by']}); "
                "its receipts are awaited on the docket"
            )
        data, forms = manifest_forms(path)
        entry = CaseStore(settings.CASES_DIR).entries.get(str(data["case"]))
        if entry is None or data["case"] != job.case_id:
            raise UsageError(f"the packet's case {data['case']!r} is not a case of this workspace")
        expected = expectations(entry.case, str(data.get("packet") or job.title), forms, filed_on)
        if not expected:
            raise UsageError("the packet holds no form that gets a receipt notice; nothing to wait for")
        with acting_as(user.username), open_docket(docket_path()) as docket, docket.transaction() as tx:
            recorded = record_filing(tx, expected, name or "")
        locked.details = {
            **locked.details,
            "filed": {"on": filed_on.isoformat(), "by": user.username, "packet": expected[0].packet},
        }
        locked.save(update_fields=["details"])
    return [
        f"Form {item.form} for {item.person}: receipt expected by {item.expected_by.isoformat()}"
        + ("" if new else " (already expected from a filing that day)")
        for item, new in recorded
    ]


def waiting(job: Job) -> list[Waiting]:
    """The receipts a filed packet waits for (or got), as the docket has them now."""
    filed = job.details.get("filed") if job.kind == "packet" else None
    location = docket_path()
    if not filed or not docket_exists(location):
        return []
    with open_docket(location, create=False) as docket:
        rows: list[ExpectedReceipt] = docket.expected_receipts(job.case_id)
    return [
        Waiting(r.form, r.person, r.expected_by.isoformat(), r.status.value, r.receipt_number or "")
        for r in rows
        if r.packet == filed["packet"] and r.filed_on.isoformat() == filed["on"]
    ]
