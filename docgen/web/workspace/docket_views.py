"""Workspace pages on the mailroom's docket: learned aliases, each user's calendar feed, a packet marked filed."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from docgen.case.model import DATE_FORMS, read_date
from docgen.errors import DocgenError
from docgen.web.accounts import audit
from docgen.web.accounts.roles import can
from docgen.web.services import calendar, filing
from docgen.web.services import docket as docket_service
from docgen.web.services.docket import docket_exists, docket_path
from docgen.web.workspace.models import Job

log = logging.getLogger("docgen.web.calendar")


def _perm(capability: str) -> Any:
    return permission_required(f"accounts.{capability}", raise_exception=True)


# --- aliases --------------------------------------------------------------------------------------


@_perm("manage_aliases")
def aliases_view(request: HttpRequest) -> HttpResponse:
    """What reviews taught the mailroom (names, trading names, receipt numbers), each removable."""
    from docgen.mailroom import aliases
    from docgen.mailroom.docket import acting_as, open_docket

    location = docket_path()
    if request.method == "POST":
        text = request.POST.get("remove", "")
        if not (text.isascii() and text.isdigit()) or not docket_exists(location):
            messages.error(request, "No such alias; the list below is what the docket holds.")
            return redirect("aliases")
        try:
            with acting_as(request.user.get_username()), open_docket(location, create=False) as docket:
                gone = aliases.remove(docket, int(text))
                warning = aliases.filed_warning(gone, aliases.filed_with(docket, gone))
        except DocgenError as exc:
            messages.error(request, str(exc).replace(str(location), "the docket"))
            return redirect("aliases")
        audit.record(request.user, "alias removed", gone.case_id, f"alias {gone.id} ({gone.kind.value})")
        messages.success(request, f"Removed: {aliases.describe(gone)}. Notices with it go to review again.")
        if warning:
            messages.warning(request, warning)
        return redirect("aliases")
    rows: list[Any] = []
    problem = ""
    if docket_exists(location):
        try:
            with open_docket(location, create=False) as docket:
                rows = docket.aliases()
        except DocgenError as exc:
            problem = str(exc).replace(str(location), "the docket")
    return render(request, "workspace/aliases.html", {"aliases": rows, "problem": problem})


# --- calendar feed --------------------------------------------------------------------------------


@_perm("view_docket")
def calendar_view(request: HttpRequest) -> HttpResponse:
    """The user's calendar feed: make one (shown once), make a new one (the old stops), or stop it."""
    url = ""
    if request.method == "POST":
        if request.POST.get("action") == "sync":
            if not can(request.user, "edit_cases"):
                raise PermissionDenied
            read, changed, problem = docket_service.sync_case_folder(request.user.get_username())
            if problem:
                messages.error(request, f"The case files' dates were not recorded: {problem}.")
            else:
                audit.record(request.user, "case files' dates recorded on the docket")
                superseded = len(changed.superseded) if changed else 0
                messages.success(
                    request,
                    f"The dates of {read} case file(s) are on the docket ({superseded} replaced by a newer date); "
                    "your calendar shows them at its next refresh.",
                )
                for line in (changed.problems if changed else [])[:20]:
                    messages.warning(request, line)
            return redirect("calendar")
        if request.POST.get("action") == "revoke":
            if calendar.revoke(request.user):
                audit.record(request.user, "calendar feed revoked")
            messages.success(request, "Your calendar address is revoked; calendars subscribed to it get nothing more.")
            return redirect("calendar")
        current = calendar.feed_of(request.user)
        replaces = request.POST.get("replaces", "")
        if current is not None and replaces != str(current.pk):
            # a page sent again (reload, back, a second click): the address shown then stays the one in use
            made = timezone.localtime(current.created).strftime("%Y-%m-%d %H:%M")
            messages.error(
                request,
                f"Not changed: your calendar address made {made} is in use (shown only when it was made). If you "
                "did not copy it, use 'Revoke and make a new address'.",
            )
            return redirect("calendar")
        token = calendar.new_token(request.user)
        audit.record(request.user, "calendar feed made")  # never the token
        url = request.build_absolute_uri(reverse("calendar-feed", args=[token]))
    return render(
        request,
        "workspace/calendar.html",
        {
            "feed": calendar.feed_of(request.user),
            "url": url,
            "no_docket": not docket_exists(docket_path()),
            "may_sync": can(request.user, "edit_cases"),
        },
    )


@login_not_required
@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed itself, fetched by a calendar program with the token only (no session). Unknown token: 404."""
    user = calendar.user_for(token)
    if user is None:
        raise Http404("no such calendar")
    try:
        text = calendar.feed_text()
    except DocgenError:
        log.warning("calendar feed: the docket cannot be read")
        return HttpResponse("The docket cannot be read just now.\n", status=503, content_type="text/plain")
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


# --- a packet marked filed ------------------------------------------------------------------------


@require_POST
@_perm("build_packets")
def packet_filed(request: HttpRequest, job_id: str) -> HttpResponse:
    """Mark a built packet filed on a day: its forms become expected receipts on the docket (once)."""
    job: Job = get_object_or_404(Job, pk=job_id)
    if job.kind != "packet":
        raise PermissionDenied
    back = redirect(reverse("case-packets", args=[job.case_id]) + f"#packet-{job.pk}")
    typed = request.POST.get("filed_on", "").strip()
    if not typed:
        messages.error(request, f"Give the day the packet was filed ({DATE_FORMS}).")
        return back
    try:
        filed_on = read_date(typed)  # as a case file reads a date: 2026-04-14 or 04/14/2026
    except ValueError as exc:
        messages.error(request, f"Filed on: {typed[:40]!r} {exc}")
        return back
    try:
        lines = filing.mark_filed(job, filed_on, request.user)
    except DocgenError as exc:
        messages.error(request, f"Not marked: {exc}")
        return back
    audit.record(request.user, "packet marked filed", job.case_id, job.title, filed_on=filed_on.isoformat())
    messages.success(request, f"{job.title} marked filed on {filed_on.isoformat()}. " + "; ".join(lines) + ".")
    return back
