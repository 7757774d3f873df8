"""The workspace pages. Each reads the request, calls a service, renders; the work is in the library."""

from __future__ import annotations

import copy
import datetime as dt
import re
import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from docgen.errors import DocgenError
from docgen.web.accounts import audit
from docgen.web.accounts.roles import can
from docgen.web.services import batch, cases, charts, documents, jobs, reports, uploads
from docgen.web.services import docket as docket_service
from docgen.web.workspace import answers, editor, tables
from docgen.web.workspace.models import Job

REVEAL_SECONDS = 600
EXPIRY_DAYS = 180  # the dashboard lists expirations this close (and past ones); the export has them all
JOB_WAIT = 20.0  # seconds a job page's request for progress waits for a change
JOB_CAPABILITY = {"form": "fill_forms", "letter": "render_letters", "packet": "build_packets", "batch": "run_batches"}


def _perm(capability: str) -> Any:
    return permission_required(f"accounts.{capability}", raise_exception=True)


def _case_or_404(case_id: str) -> cases.CaseSummary:
    summary = cases.find(case_id)
    if summary is None:
        raise Http404("no such case")
    return summary


def _today(request: HttpRequest) -> dt.date:
    return dt.date.today()


# --- case list ------------------------------------------------------------------------------------


@_perm("view_cases")
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case, filtered by classification, status, next deadline (query) and names (posted, never in the URL)."""
    rows = cases.all_cases()
    within_text = request.GET.get("within", "")
    text = request.POST.get("q", "") if request.method == "POST" else ""
    open_cases = can(request.user, "open_cases")  # the mailroom sees names and case ids only
    shown = cases.filter_cases(
        rows,
        text=text,
        classification=request.GET.get("classification", ""),
        status=request.GET.get("status", ""),
        owner=request.GET.get("owner", "") if open_cases else "",
        within=int(within_text) if within_text.isascii() and within_text.lstrip("-").isdigit() else None,
        today=_today(request),
    )
    return render(
        request,
        "workspace/case_list.html",
        {
            "rows": shown,
            "table_rows": tables.render("case_rows.html", rows=shown, today=_today(request), open_cases=open_cases),
            "total": len(rows),
            "docket_problem": docket_service.docket_problem(),
            "q": text,
            "classifications": sorted({r.classification for r in rows if r.classification}),
            "statuses": sorted({r.status for r in rows if r.status}),
            "owners": sorted({r.owner for r in rows if r.owner}) if open_cases else [],
            "filters": request.GET,
            "today": _today(request),
            "open_cases": open_cases,
        },
    )


# --- case page ------------------------------------------------------------------------------------


def _revealed(request: HttpRequest, case_id: str) -> bool:
    until = request.session.get("reveal", {}).get(case_id, 0)
    return bool(until > time.time())


def _editor_page(
    request: HttpRequest, draft: cases.Draft, summary: cases.CaseSummary | None, status: int = 200, **extra: Any
) -> HttpResponse:
    reveal = summary is not None and _revealed(request, summary.case_id)
    added = extra.pop("added_forms", [])
    groups = frozenset(extra.pop("added_groups", []))
    blocks = answers.build_blocks(
        draft.doc, added, draft.errors, draft.raw, reveal or summary is None, frozenset(draft.changed), groups
    )
    shown_forms = [block.form for block in blocks]
    points = extra.pop("rfe_rows", None)
    points = answers.rows_with_errors(answers.point_rows(draft.doc) if points is None else points, draft.errors)
    mine = answers.placed_errors(blocks, draft.errors)
    rest = {path: messages for path, messages in draft.errors.items() if path not in mine}
    rows, problems = editor.build_rows(draft.doc, rest, draft.raw, reveal=reveal or summary is None)
    problems = [*problems, *((path, message, mine[path]) for path in mine for message in draft.errors[path])]
    return render(
        request,
        "workspace/case_edit.html",
        {
            "summary": summary,
            "rows": rows,
            "problems": problems,
            "answer_blocks": blocks,
            "answer_forms": shown_forms,
            "answer_groups": [g.at for b in blocks for g in b.groups if g.at != f"extra.{b.form}"],
            "form_options": [(form, title) for form, title in answers.known_forms() if form not in shown_forms],
            "rfe_rows": points,
            "base_hash": draft.base_hash,
            "removed": draft.removed,
            "revealed": reveal,
            "has_masked": any(r.masked for r in rows)
            or any(a.masked for b in blocks for g in b.groups for a in g.inputs),
            "may_edit": can(request.user, "edit_cases"),
            **extra,
        },
        status=status,
    )


@_perm("open_cases")
def case_detail(request: HttpRequest, case_id: str) -> HttpResponse:
    """The case as an editable form; saving writes the case file (refused when stale or invalid)."""
    summary = _case_or_404(case_id)
    if request.method == "POST" and not can(request.user, "edit_cases"):
        raise PermissionDenied
    try:
        draft = cases.open_draft(summary.path)
    except DocgenError as exc:
        return render(request, "workspace/case_broken.html", {"summary": summary, "problem": str(exc)}, status=422)
    if request.method != "POST":
        audit.record(request.user, "case viewed", summary.case_id)
        if summary.copy_of is not None and summary.problem:  # a copy left beside its case file: say so on it
            messages.warning(request, summary.problem)
        shown = [form for form in request.GET.getlist("forms") if answers.form_id(form) == form]  # "Still to answer"
        return _editor_page(request, draft, summary, added_forms=shown)
    draft.base_hash = request.POST.get("_hash", "")
    return _edit(request, draft, summary)


def _edit(request: HttpRequest, draft: cases.Draft, summary: cases.CaseSummary | None) -> HttpResponse:
    for path in request.POST.getlist("_removed"):  # removals made earlier on this page, in order
        cases.remove_item(draft, path)
    # the case file as opened, with those removals: what the answers' inputs showed, so what they are compared with
    # (before them, a child's answer was compared with the removed spouse's at the same index: a change to the
    # value the spouse had was taken for no change, and lost)
    original = editor.plain(draft.doc)
    opened = copy.deepcopy(draft.doc)  # and as written (styles, comments), given back where the answers are the same
    cases.apply_post(draft, request.POST)
    answers.apply_answers(draft, request.POST, original)
    added = [form for form in request.POST.getlist("_forms") if answers.form_id(form)]
    points = answers.posted_rows(request.POST)
    groups = [at for at in request.POST.getlist("_groups") if re.fullmatch(r"[\w\[\].-]+", at)]
    page: dict[str, Any] = {"added_forms": added, "added_groups": groups, "rfe_rows": points}
    notice = ""
    if points is not None:
        if request.POST.get("_rfe"):
            points, notice = answers.move_rows(points, request.POST["_rfe"])
            page["rfe_rows"] = points
        answers.apply_points(draft, points, original)
    answers.restyle(draft, opened)
    if points is not None and request.POST.get("_rfe"):
        return _editor_page(request, draft, summary, notice=notice, **page)
    if request.POST.get("_add_group"):
        form = request.POST["_add_group"]
        where = answers.person_group(form, request.POST.get(f"_add_group_choice.{form}", ""))
        if (
            where
            and answers.form_id(form) == form
            and isinstance(cases.get_value(draft.doc, where.split(".")[0]), dict)
        ):
            groups.append(where)
            notice = f"Give this person's own {form} answers, then save."
        else:  # a person the case does not have, or a form without a map: nothing added, and said so
            notice = "No answers added: choose a person of this case in the list beside the form's answers."
        return _editor_page(request, draft, summary, notice=notice, **page)
    if "_add_form" in request.POST:
        form = answers.form_id(request.POST.get("_add_form_choice", ""))
        if form and form not in added:
            added.append(form)
        notice = (
            f"{form} added: give its answers, then save the case."
            if form
            else "No form added: choose one of the forms in the list (docgen has a map for each of them)."
        )
        return _editor_page(request, draft, summary, notice=notice, **page)
    if request.POST.get("_add"):
        cases.add_item(draft, request.POST["_add"])
        return _editor_page(request, draft, summary, notice="Added. Fill it in, then save the case.", **page)
    if request.POST.get("_remove"):
        cases.remove_item(draft, request.POST["_remove"])
        return _editor_page(request, draft, summary, notice="Removed. Save the case to keep the change.", **page)
    if points is not None:  # rows left empty are not points: shown as they are saved
        page["rfe_rows"] = [row for row in points if not answers.empty_row(row)]
    valid = not draft.errors and cases.validate(draft)
    if valid:  # the answers checked as a fill checks them, the letter's points as the letter reads them
        answers.check_answers(draft, answers.source_name(draft.path))
        answers.check_points(draft)
        valid = not draft.errors
    if not valid:
        return _editor_page(request, draft, summary, status=422, **page)
    saved = cases.save(draft)
    if saved.stale is not None:
        draft.base_hash = saved.current_hash
        return _editor_page(request, draft, summary, status=409, stale=saved.stale, **page)
    if not saved.ok:
        draft.errors.setdefault("case_id", []).append(saved.problem)
        return _editor_page(request, draft, summary, status=422, **page)
    case_id = draft.case.case_id if draft.case else ""
    audit.record(
        request.user,
        "case created" if summary is None else "case saved",
        case_id,
        saved.path.name if saved.path else "",
        changed=cases.changed_sections(draft.changed),
    )
    messages.success(request, f"Saved {case_id} ({len(draft.changed)} change(s)).")
    if saved.path is not None:
        previous = summary.case_id if summary is not None else None
        synced, problem = docket_service.sync_case(saved.path, request.user.get_username(), previous)
        if problem:
            messages.warning(request, problem)
        if synced is not None and synced.missing:
            messages.warning(
                request,
                f"The case id changed: {len(synced.missing)} open deadline(s) of {previous} in the docket are flagged "
                "'case file missing' on the dashboard; close them there, or give the case its old id again.",
            )
        parts = [
            f"{len(synced.superseded)} replaced by the case file's dates" if synced and synced.superseded else "",
            f"{len(synced.reattached)} no longer flagged 'case file missing'" if synced and synced.reattached else "",
        ]
        if any(parts):
            messages.info(request, "Deadlines updated: " + "; ".join(p for p in parts if p) + ".")
    return redirect("case-detail", case_id=case_id)


@_perm("edit_cases")
def case_new(request: HttpRequest) -> HttpResponse:
    """A new case: the same form, empty; saving creates CASE_ID.yaml in the cases folder."""
    draft = cases.open_draft(None)
    if request.method != "POST":
        return _editor_page(request, draft, None)
    return _edit(request, draft, None)


@require_POST
@_perm("reveal_identity")
def case_reveal(request: HttpRequest, case_id: str) -> HttpResponse:
    """Show this case's identity numbers for ten minutes (recorded in the audit trail)."""
    summary = _case_or_404(case_id)
    shown = dict(request.session.get("reveal", {}))
    shown[summary.case_id] = time.time() + REVEAL_SECONDS
    request.session["reveal"] = shown
    audit.record(request.user, "identity numbers shown", summary.case_id)
    return redirect("case-detail", case_id=summary.case_id)


@require_GET
@_perm("open_cases")
def case_todo(request: HttpRequest, case_id: str) -> HttpResponse:
    """Still to answer: the questions the chosen forms ask that the case does not answer, linked to inputs."""
    loaded = cases.load(case_id)
    if loaded is None:
        raise Http404("no such case")
    summary, case = loaded
    chosen = request.GET.getlist("forms")
    people = request.GET.getlist("people") or [ref for ref, _ in summary.people]
    rows: list[Any] = []
    problem = ""
    if chosen:
        try:
            rows = cases.todo(case, chosen, people)
        except DocgenError as exc:
            problem = str(exc)
    return render(
        request,
        "workspace/case_todo.html",
        {
            "summary": summary,
            "forms": documents.form_choices(),
            "chosen": chosen,
            "people": people,
            "rows": rows,
            "problem": problem,
        },
    )


def upload_too_large(request: HttpRequest) -> HttpResponse:
    """What a body over the server's limit gets (docgen.web.oversize sends it here), with the menu."""
    from docgen.web import oversize
    from docgen.web.services.uploads import megabytes

    sent_to = str(request.META.get(oversize.SENT_TO) or "")
    back = sent_to if sent_to.startswith("/") and not sent_to.startswith("//") else ""
    came_from = urlsplit(str(request.META.get("HTTP_REFERER") or ""))
    if came_from.netloc == request.get_host() and came_from.path.startswith("/"):
        # the page whose form was sent (the letters page, not /templates/upload/, which only takes a POST)
        back = came_from.path + (f"?{came_from.query}" if came_from.query else "")
    return render(
        request,
        "workspace/upload_too_large.html",
        {"limit": megabytes(int(settings.UPLOAD_LIMIT)), "back": back},
        status=413,
    )


# --- forms, letters, packets ----------------------------------------------------------------------


@_perm("fill_forms")
def case_forms(request: HttpRequest, case_id: str) -> HttpResponse:
    """Pick a form and a person; fill; go to the result."""
    summary = _case_or_404(case_id)
    problem = ""
    refused = documents.refused_editions()
    if request.method == "POST":
        form, person = request.POST.get("form", ""), request.POST.get("person", "")
        # the box of the chosen form only ("I-539=02/04/19"): accepting one form's edition accepts no other
        ticked = dict(v.partition("=")[::2] for v in request.POST.getlist("accept_edition"))
        accepted = ticked.get(form, "")
        try:
            job = documents.fill(
                summary.path,
                summary.case_id,
                form,
                person,
                request.user,
                flatten=bool(request.POST.get("flatten")),
                timing=getattr(request, "server_timing", None),
                accept_edition=accepted if form in refused else "",
            )
        except DocgenError as exc:
            problem = str(exc)
        else:
            if form in refused and accepted:
                audit.record(
                    request.user, "refused edition filled knowingly", summary.case_id, f"{form} edition {accepted}"
                )
            audit.record(request.user, "form filled", summary.case_id, f"{form} for {person or 'beneficiary'}")
            return redirect("job-detail", job_id=job.pk)
    return render(
        request,
        "workspace/case_forms.html",
        {
            "summary": summary,
            "forms": documents.form_choices(),
            "refused": sorted((form, *about) for form, about in refused.items()),
            "problem": problem,
            "recent": Job.objects.filter(case_id=summary.case_id, kind="form")[:10],
        },
        status=422 if problem else 200,
    )


@_perm("render_letters")
def case_letters(request: HttpRequest, case_id: str) -> HttpResponse:
    """Pick a template, see what it uses, render DOCX or PDF."""
    summary = _case_or_404(case_id)
    choice = request.POST.get("template") or request.GET.get("template", "")
    problem, analysis, which = "", None, ""
    if choice:
        try:
            analysis = documents.variables(choice)
            which = documents.notice_choice(documents.template_source(choice), summary.path, summary.case_id)
        except DocgenError as exc:
            problem = str(exc)
    if request.method == "POST" and not problem:
        fmt = request.POST.get("format", "pdf")
        try:
            job = documents.render_letter(summary.path, summary.case_id, choice, fmt, request.user)
        except DocgenError as exc:
            problem = str(exc)
        else:
            audit.record(request.user, "letter rendered", summary.case_id, f"{choice} ({fmt})")
            return redirect("job-detail", job_id=job.pk)
    return render(
        request,
        "workspace/case_letters.html",
        {
            "summary": summary,
            "templates": documents.letter_choices(),
            "choice": choice,
            "analysis": analysis,
            "problem": problem,
            "which_notice": which,
            "may_upload": can(request.user, "manage_templates"),
        },
        status=422 if problem and request.method == "POST" else 200,
    )


@_perm("manage_templates")
def template_upload(request: HttpRequest) -> HttpResponse:
    """A firm's own DOCX template: type and size checked, variables checked before it is kept."""
    if request.method != "POST":  # an address typed or followed: the upload is on each case's Letters tab
        return redirect("case-list")
    back = request.POST.get("next") or ""
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        back = reverse("case-list")  # only a path of this site ('//host/' is another site)
    uploaded = request.FILES.get("template")
    try:
        path = uploads.store(uploaded, "template")
    except uploads.UploadRefused as exc:
        messages.error(request, str(exc))
        return redirect(back)
    try:
        name, problems = documents.store_template(uploaded.name if uploaded else "template.docx", path)
    except DocgenError as exc:
        name, problems = "", [str(exc)]
    finally:
        uploads.discard(path)
    if problems:
        messages.error(request, "The template was not kept: " + "; ".join(uploads.worded(p, path) for p in problems))
    else:
        audit.record(request.user, "template uploaded", target=name)
        messages.success(request, f"Template {name} is ready to use.")
    return redirect(back)


@_perm("build_packets")
def case_packets(request: HttpRequest, case_id: str) -> HttpResponse:
    """Build a packet from a spec of the packets folder for this case (in the background), preflight it."""
    summary = _case_or_404(case_id)
    problem = ""
    if request.method == "POST":
        try:
            job = documents.start_packet(
                summary.path,
                summary.case_id,
                request.POST.get("spec", ""),
                request.user,
                split=bool(request.POST.get("split")),
            )
        except DocgenError as exc:
            problem = str(exc)
        else:
            audit.record(request.user, "packet built", summary.case_id, request.POST.get("spec", ""))
            return redirect("job-detail", job_id=job.pk)
    specs, others = documents.packet_choices_split(summary.path)
    return render(
        request,
        "workspace/case_packets.html",
        {
            "summary": summary,
            "specs": specs,
            "others": others,
            "problem": problem,
            "recent": Job.objects.filter(case_id=summary.case_id, kind="packet")[:10],
        },
    )


# --- batch ----------------------------------------------------------------------------------------


@_perm("run_batches")
def batch_view(request: HttpRequest) -> HttpResponse:
    """Upload a CSV/XLSX of cases, pick forms and whose they are, run with live progress."""
    problem = ""
    refused = documents.refused_editions()
    chosen, person = request.POST.getlist("forms"), request.POST.get("person", "")
    from_cases = request.POST.get("source") == "cases"  # the workspace's own case files, not a sheet
    if request.method == "POST":
        uploaded = None if from_cases else request.FILES.get("cases")
        try:
            accepted = batch.accepted_editions(chosen, request.POST.getlist("accept_edition"))
            path = None if from_cases else uploads.store(uploaded, "cases")
        except (uploads.UploadRefused, DocgenError) as exc:
            problem = str(exc)
        else:
            name = batch.CASE_FILES if from_cases else uploaded.name if uploaded else ""
            try:
                job = batch.start(path, name, chosen, person, request.user, accept_editions=accepted)
            except DocgenError as exc:
                if path is not None:
                    uploads.discard(path)
                problem = uploads.worded(exc, path) if path is not None else str(exc)
            else:
                for form, edition in accepted.items():
                    target = f"{form} edition {edition} in batch {job.pk}"
                    audit.record(request.user, "refused edition filled knowingly", target=target)
                audit.record(request.user, "batch started", target=job.title)
                return redirect("job-detail", job_id=job.pk)
    return render(
        request,
        "workspace/batch.html",
        {
            "forms": documents.form_choices(),
            "refused": sorted((form, *about) for form, about in refused.items()),
            "chosen": chosen,
            "person": person,
            "from_cases": from_cases,
            "case_count": len(cases.all_cases()),
            "problem": problem,
            "recent": Job.objects.filter(kind="batch")[:10],
        },
        status=422 if problem else 200,
    )


# --- jobs and their files -------------------------------------------------------------------------


def _job_for(request: HttpRequest, job_id: str) -> Job:
    job: Job = get_object_or_404(Job, pk=job_id)
    if not can(request.user, JOB_CAPABILITY[job.kind]):
        raise PermissionDenied
    return job


@require_GET
def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    """A job's result: progress while it runs; pages, notes and downloads when done."""
    job = _job_for(request, job_id)
    pages: list[tuple[str, list[int]]] = []
    if job.status == "done" and job.kind in ("form", "letter"):
        for name in job.files:
            path = jobs.file_path(job, name)
            if path is not None and path.suffix == ".pdf":
                pages.append((name, list(range(1, documents.page_count(path) + 1))))
    return render(request, "workspace/job.html", {"job": job, "pages": pages})


@require_GET
def job_status(request: HttpRequest, job_id: str) -> JsonResponse:
    """Progress for the job page: with ``?seen=N`` (the version it has), answered when the job changes (or
    after JOB_WAIT seconds), so the page hears of the end at once."""
    job = _job_for(request, job_id)
    seen = request.GET.get("seen", "")
    current = jobs.version(job.pk)
    if seen.isascii() and seen.isdigit() and int(seen) == current and job.status in ("queued", "running"):
        current = jobs.wait_for_change(job.pk, current, JOB_WAIT)
        job.refresh_from_db()
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "version": current,
        }
    )


@require_GET
def job_file(request: HttpRequest, job_id: str, name: str) -> FileResponse:
    """Download a file a job made (recorded in the audit trail)."""
    job = _job_for(request, job_id)
    path = jobs.file_path(job, name)
    if path is None:
        raise Http404("no such file")
    audit.record(request.user, "file downloaded", job.case_id, name)
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@require_GET
def job_page(request: HttpRequest, job_id: str, name: str, page: int) -> HttpResponse:
    """One page of a PDF a job made, as a PNG."""
    job = _job_for(request, job_id)
    path = jobs.file_path(job, name)
    if path is None or path.suffix != ".pdf":
        raise Http404("no such file")
    try:
        data = documents.page_image(path, page - 1)
    except DocgenError:
        raise Http404("no such page") from None
    return HttpResponse(data, content_type="image/png")


# --- dashboards -----------------------------------------------------------------------------------


@_perm("view_reports")
def dashboard(request: HttpRequest) -> HttpResponse:
    """Deadlines by window, expirations, cases by status and classification, receipt-to-decision times."""
    today = _today(request)
    snapshot = reports.Snapshot.take()
    deadlines = reports.deadline_table(today, snapshot)
    expirations = reports.expirations(today, snapshot, within=EXPIRY_DAYS)
    windows = {name: [r for r in deadlines.rows if r[2] == name] for name, _ in reports.WINDOWS}
    attention = [r for r in deadlines.rows if r[7]]
    status = reports.status(snapshot)
    by_status, by_classification = reports.counts("status", snapshot), reports.counts("classification", snapshot)
    overdue, weeks = charts.weekly_deadlines(snapshot.deadlines, today)
    return render(
        request,
        "workspace/dashboard.html",
        {
            "today": today,
            "docket_problem": docket_service.docket_problem(),
            "windows": windows,
            "attention": attention,
            "deadlines": deadlines,
            "deadline_rows": tables.render(
                "deadline_rows.html",
                rows=deadlines.rows,
                open_cases=can(request.user, "open_cases"),
                may_close=can(request.user, "edit_cases"),
                csrf_token=get_token(request),
            ),
            "expirations": expirations,
            "expiry_rows": tables.render(
                "expiry_rows.html", rows=expirations.rows, today=today, open_cases=can(request.user, "open_cases")
            ),
            "by_status": by_status,
            "by_classification": by_classification,
            "weeks": weeks,
            "overdue": overdue,
            "status_chart": charts.bar_chart("chart-status", "Cases by status", [(v, n) for v, n, _ in by_status]),
            "classification_chart": charts.bar_chart(
                "chart-classification", "Cases by classification", [(v, n) for v, n, _ in by_classification]
            ),
            "week_chart": charts.week_chart("chart-weeks", overdue, weeks),
            "timeline_chart": charts.timeline_chart("chart-timeline", status),
            "status": status,
            "status_rows": tables.render(
                "plain_rows.html", rows=list(status.values()), columns=len(status.columns), empty="No cases."
            ),
        },
    )


@require_POST
@_perm("edit_cases")
def deadline_done(request: HttpRequest, deadline_id: int) -> HttpResponse:
    """Close one docket deadline by hand (the Close button of a deadline whose case file is gone: a withdrawn
    case must not keep alerting), as ``docgen mailroom done`` does; audited in the docket and the workspace."""
    try:
        case_id, what = docket_service.close_deadline(deadline_id, request.user.get_username())
    except DocgenError as exc:
        busy = "The docket is busy (another ingest or import is writing); nothing was closed; try again in a minute."
        messages.error(request, f"Not closed: {docket_service.problem_text(exc, busy)}")
    else:
        audit.record(request.user, "deadline closed", case_id, f"deadline {deadline_id}")
        messages.success(request, f"Closed: {what}.")
    return redirect(reverse("dashboard") + "#deadlines")


@require_GET
@_perm("view_reports")
def export(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """A report table as CSV or XLSX."""
    if fmt not in ("csv", "xlsx") or name not in reports.REPORTS:
        raise Http404("no such report")
    data = reports.export(name, fmt, _today(request))
    audit.record(request.user, "report exported", target=f"{name}.{fmt}")
    response = HttpResponse(data, content_type="text/csv; charset=utf-8" if fmt == "csv" else uploads.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}-{_today(request).isoformat()}.{fmt}"'
    return response
