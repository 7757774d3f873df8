"""The packet assembled in the page: choose, upload, order, title, build (docgen/web/services/assembly.py).

One form carries the whole state (order of the rows, ticks, titles, places), so every button works without
JavaScript: Up/Down and Remove re-render the page in the new state, Upload keeps the file and re-renders,
Build writes the spec and starts the build. With JavaScript the rows are also dragged into order.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from docgen.errors import DocgenError
from docgen.web.accounts import audit
from docgen.web.services import assembly
from docgen.web.services.uploads import UploadRefused
from docgen.web.workspace.views import _case_or_404

PARTS_HINT = (
    "Forms, letters and documents, before the index. Forms are filled from the case when the packet is built; "
    "letters are the copies rendered on the Letters tab."
)
PARTS_EMPTY = "No filled forms or rendered letters yet: fill forms on the Forms tab, render letters on the Letters tab."
EXHIBITS_HINT = "Each file is one exhibit after the index, behind a divider; its title is the one the index shows."


def _page(
    request: HttpRequest, summary: Any, state: assembly.Assembly, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "workspace/case_assemble.html",
        {
            "summary": summary,
            "state": state,
            "groups": [
                ("parts", state.group("parts"), "Parts, in order", PARTS_HINT, PARTS_EMPTY),
                ("exhibits", state.group("exhibits"), "Exhibits, in order", EXHIBITS_HINT, "Upload evidence above."),
            ],
            "limit_mb": int(settings.UPLOAD_LIMIT) // (1024 * 1024),
            "profiles": assembly.profile_choices(),
            "kinds": assembly.KINDS,
            "stamps": assembly.STAMPS,
            **extra,
        },
        status=status,
    )


@permission_required("accounts.build_packets", raise_exception=True)
def case_assemble(request: HttpRequest, case_id: str) -> HttpResponse:
    """Choose filled forms, letters and uploaded evidence, order and title them, build the packet."""
    summary = _case_or_404(case_id)
    if request.method != "POST":
        return _page(request, summary, assembly.load(summary.case_id))
    state = assembly.from_post(summary.case_id, request.POST)
    upload_problem = ""
    uploaded = request.FILES.get("evidence")
    if uploaded is not None or request.POST.get("action") == "upload":
        try:
            item = assembly.store_evidence(summary.case_id, uploaded)
        except UploadRefused as exc:
            upload_problem = str(exc)
        else:
            audit.record(request.user, "evidence uploaded", summary.case_id, item.key)
            state = assembly.from_post(summary.case_id, request.POST)
    removed = request.POST.get("remove", "")
    if removed.startswith("upload:"):
        assembly.remove_evidence(summary.case_id, removed)
        audit.record(request.user, "evidence removed", summary.case_id, removed)
        state = assembly.from_post(summary.case_id, request.POST)
    moved = request.POST.get("move", "")
    if ":" in moved:
        direction, _, key = moved.partition(":")
        assembly.move(state, key, -1 if direction == "up" else 1)
    assembly.save(summary.case_id, state)
    if upload_problem:
        return _page(request, summary, state, status=422, upload_problem=upload_problem)
    if request.POST.get("action") != "build":
        return _page(request, summary, state)
    try:
        job = assembly.start(summary.path, summary.case_id, state, request.user)
    except DocgenError as exc:
        return _page(request, summary, state, status=422, problem=str(exc))
    audit.record(request.user, "packet built", summary.case_id, "assembled in the page")
    return redirect("job-detail", job_id=job.pk)
