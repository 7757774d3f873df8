"""The mailroom review desk: the queue of notices sent to review, one item beside its page images, and the
actions (correct, assign to a case, not a notice, dismiss). Each action is a POST that calls the mailroom
library through :mod:`docgen.web.services.review`; views only read the request and render."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from docgen.errors import DocgenError, DocketError
from docgen.mailroom.docket import ReviewStatus
from docgen.notices.model import FILE_WITHOUT_REVIEW
from docgen.web.accounts import audit
from docgen.web.services import docket as docket_service
from docgen.web.services import review as desk
from docgen.web.services import watcher

CAPABILITY = "accounts.review_notices"


def _perm() -> Any:
    return permission_required(CAPABILITY, raise_exception=True)


def _docket_problem(exc: DocgenError) -> str:
    """Why the docket cannot be read, in one line without its path."""
    busy = docket_service.BUSY.replace("deadlines shown may be incomplete", "the queue is not shown")
    return docket_service.problem_text(exc, busy)


def _queue_page(request: HttpRequest, rows: list[Any], problem: str, status: int = 200) -> HttpResponse:
    watching = watcher.current()
    try:
        filed = desk.filed_lately() if not problem else []
    except DocgenError:
        filed = []
    context = {"rows": rows, "problem": problem, "watch": watching.status() if watching else None, "filed": filed}
    return render(request, "mailroom/queue.html", context, status=status)


@require_GET
@_perm()
def review_queue(request: HttpRequest) -> HttpResponse:
    """Open review items, oldest first."""
    try:
        rows = desk.queue()
        problem = ""
    except DocgenError as exc:  # no docket yet, busy, or one that cannot be read: said in one line
        rows, problem = [], _docket_problem(exc)
    return _queue_page(request, rows, problem)


@require_POST
@_perm()
def review_upload(request: HttpRequest) -> HttpResponse:
    """Scans chosen in the browser (a client's phone photo sent by mail, a scan saved on the desk's computer) go
    into the watched scan folder, where the server files them like the scanner's."""
    from django.conf import settings

    from docgen.web.services.uploads import megabytes

    watching = watcher.current()
    files = request.FILES.getlist("scans")
    if watching is None:
        messages.error(
            request,
            "No scan folder is watched, so scans cannot be taken here: start the workspace with "
            "'docgen serve --watch FOLDER' (or 'watch:' in settings.yaml), or put them in the inbox of "
            "'docgen mailroom ingest'.",
        )
        return redirect("review-queue")
    if not files:
        messages.error(request, "Choose one or more scans (PDF, JPEG, PNG, TIFF or HEIC).")
        return redirect("review-queue")
    limit = int(settings.UPLOAD_LIMIT)
    taken: list[str] = []
    refused: list[str] = []
    for number, uploaded in enumerate(files):
        name = str(uploaded.name)
        if watcher.not_a_scan(name):
            refused.append(
                f"{name}: not a scan (a case, docket or data file the scan folder's watcher never reads); "
                "only scans are taken here (PDF, JPEG, PNG, TIFF or HEIC)"
            )
            continue
        if uploaded.size > limit:
            refused.append(f"{name} is {megabytes(uploaded.size)}; scans up to {megabytes(limit)} are taken")
            continue
        try:
            taken.append(watcher.put_in_inbox(watching.inbox, name, b"".join(uploaded.chunks())))
        except DocgenError as exc:  # disk full, folder not writable: said without the server's path
            rest = [str(f.name) for f in files[number + 1 :]]
            also = f" ({len(rest)} more not tried: {', '.join(rest)})" if rest else ""
            refused.append(f"{name} was not saved: {exc}{also}")
            break
    if taken:
        audit.record(request.user, "scans uploaded to the scan folder", target=f"{len(taken)} file(s)")
        messages.success(
            request,
            f"{len(taken)} scan(s) put in the scan folder: each is filed, or sent to review below, a few seconds "
            "after it arrives; reload this page to see them.",
        )
    for line in refused:
        messages.error(request, line)
    return redirect("review-queue")


def _item_page(
    request: HttpRequest,
    review_id: int,
    *,
    status: int = 200,
    errors: dict[str, str] | None = None,
    posted: Any = None,
    problem: str = "",
    query: str | None = None,
    hits: list[desk.CaseHit] | None = None,
) -> HttpResponse:
    try:
        found = desk.item(review_id, errors, posted)
    except DocketError as exc:  # the docket cannot be read: say why, not "not found"
        return _queue_page(request, [], _docket_problem(exc), status=503)
    except DocgenError:  # no docket yet: no such item
        found = None
    if found is None:
        raise Http404("no such review item")
    if query is None and request.method == "POST" and request.POST.get("q"):
        query = request.POST["q"].strip()  # a refused filing: the cases found stay on the page
        hits = desk.search_cases(query)
    if query is None:
        query = desk.suggested_search(found.notice)
    return render(
        request,
        "mailroom/item.html",
        {
            "item": found,
            "open": found.review.status is ReviewStatus.OPEN,
            "page_numbers": list(range(1, found.pages + 1)),
            "errors": errors or {},
            "problem": problem,
            "query": query,
            "hits": hits,
            "chosen": request.POST.get("case_id", "") if request.method == "POST" else "",
            "chosen_person": request.POST.get("person", "") if request.method == "POST" else "",
            "threshold": f"{FILE_WITHOUT_REVIEW * 100:.0f}%",
            "scan_folder": watching.status().inbox if (watching := watcher.current()) else "",
        },
        status=status,
    )


@_perm()
def review_item(request: HttpRequest, review_id: int) -> HttpResponse:
    """One item: its pages beside the fields read. A POST searches cases (names never go into a URL)."""
    if request.method == "POST":
        query = request.POST.get("q", "").strip()
        hits = desk.search_cases(query)
        return _item_page(request, review_id, query=query, hits=hits)
    response = _item_page(request, review_id)
    if response.status_code == 200:
        audit.record(request.user, "review item viewed", target=f"review {review_id}")
    return response


@require_GET
@_perm()
def review_page(request: HttpRequest, review_id: int, page: int) -> HttpResponse:
    """A page of an open item's review copy as a PNG, drawn on the server (the copy is never served as is)."""
    try:
        data = desk.page_png(review_id, page)
    except DocgenError:
        raise Http404("no such page") from None
    return HttpResponse(data, content_type="image/png")


def _done(request: HttpRequest, review_id: int, said: str) -> HttpResponse:
    """Back to the item while it is still open (corrected, not filed), else to the queue."""
    messages.success(request, said)
    try:
        found = desk.item(review_id)
    except DocgenError:
        found = None
    if found is not None and found.review.status is ReviewStatus.OPEN:
        return redirect("review-item", review_id=review_id)
    return redirect("review-queue")


def _current(review_id: int) -> dict[str, Any]:
    found = desk.item(review_id)
    if found is None:
        raise Http404("no such review item")
    return dict(found.notice.data) if found.notice else {}


@require_POST
@_perm()
def review_correct(request: HttpRequest, review_id: int) -> HttpResponse:
    """Correct fields; the notice is filed at once when the corrected fields match one case."""
    return _resolve(request, review_id, assign=False)


@require_POST
@_perm()
def review_assign(request: HttpRequest, review_id: int) -> HttpResponse:
    """File the notice to the chosen case (with the corrections typed beside it)."""
    return _resolve(request, review_id, assign=True)


def _resolve(request: HttpRequest, review_id: int, *, assign: bool) -> HttpResponse:
    try:
        current = _current(review_id)
    except DocketError as exc:
        return _queue_page(request, [], _docket_problem(exc), status=503)
    except DocgenError:  # no docket yet: no such item
        raise Http404("no such review item") from None
    fixes, errors, confirmed = desk.corrections(current, request.POST)
    if errors:
        return _item_page(request, review_id, status=422, errors=errors, posted=request.POST)
    case_id = request.POST.get("case_id", "").strip() or None
    if assign and case_id is None:
        return _item_page(
            request, review_id, status=422, posted=request.POST, problem="Search for the case and choose it first."
        )
    # "Confirm ... and file" (to the case found, or to the chosen case): the day as read (or as typed); "File to the
    # chosen case" alone chooses the case and leaves a day waiting to be confirmed unconfirmed
    confirm = bool(request.POST.get("confirm"))
    if not assign and not fixes and not confirm:
        same = f"{', '.join(confirmed)}: the same as read, confirmed; nothing was changed." if confirmed else ""
        messages.info(request, same or "Nothing was changed.")
        return redirect("review-item", review_id=review_id)
    try:
        said = desk.act(
            request.user,
            review_id,
            case_id=case_id if assign else None,
            person=request.POST.get("person", "").strip() if assign else None,
            fixes=fixes,
            confirm=confirm,  # neither Save corrections nor File to the chosen case confirms a day left as read
            # the case chosen as this page showed it: another clerk's choice made since is refused, not followed
            chosen_shown=(
                (request.POST.get("chosen_case", ""), request.POST.get("chosen_person", ""))
                if not assign and "chosen_case" in request.POST
                else None
            ),
        )
    except DocgenError as exc:
        if exc.field == "person" and assign and request.POST.get("q"):  # beside 'For', with the cases found
            # (nothing on the notice ties it to the chosen case, or a person not of that case)
            return _item_page(request, review_id, status=422, errors={"person": str(exc)}, posted=request.POST)
        return _item_page(request, review_id, status=422, posted=request.POST, problem=str(exc))
    after = desk.item(review_id)
    filed = after is not None and after.review.status is not ReviewStatus.OPEN
    audit.record(
        request.user,
        "review notice filed" if filed else "review notice corrected",
        case_id=(after.notice.case_id or "") if filed and after and after.notice else "",
        target=f"review {review_id}",
        fields=sorted(fixes),  # which fields, never their values
    )
    if filed and after is not None and after.notice is not None:
        name = (after.notice.filed_path or "").rsplit("/", 1)[-1]
        messages.success(request, f"Review {review_id}: filed to {after.notice.case_id} as {name}.")
        for line in said.splitlines()[1:]:  # a response date or appointment already past: said at once
            if line.startswith("warning: "):
                messages.warning(request, line.removeprefix("warning: "))
            elif line.startswith(("confirmed: ", "corrected: ")):  # the deadline's day the clerk just settled
                messages.success(request, line[0].upper() + line[1:])
        return redirect("review-queue")
    if " still waiting: " in said:  # the day as read is confirmed only by its button (or a date typed)
        waits = said.split(" still waiting: ", 1)[1].split(" as read ", 1)[0]
        chose = re.search(r": case (.+) chosen \(for (.+?)\); still waiting", said)
        if chose:
            messages.warning(
                request,
                f"Review {review_id}: case {chose[1]} chosen (for {chose[2]}); not filed: {waits} is not confirmed. "
                f"It is listed on {chose[1]}'s deadlines as unconfirmed; check it against the page and press "
                "Confirm ... and file to file it there.",
            )
            return redirect("review-item", review_id=review_id)
        messages.warning(
            request,
            f"Review {review_id}: {'corrections saved' if fixes else 'nothing was changed'}; not filed: {waits} "
            "is still waiting to be confirmed. Check it against the page and press Confirm ... and file.",
        )
        return redirect("review-item", review_id=review_id)
    messages.success(
        request,
        f"Review {review_id}: corrections saved; no single case matches them yet. Search for the case and file it.",
    )
    return redirect("review-item", review_id=review_id)


@require_POST
@_perm()
def review_not_a_notice(request: HttpRequest, review_id: int) -> HttpResponse:
    """Close an item whose pages are not a USCIS notice."""
    try:
        said = desk.mark_not_a_notice(request.user, review_id)
    except DocgenError as exc:
        return _item_page(request, review_id, status=422, problem=str(exc))
    audit.record(request.user, "review marked not a notice", target=f"review {review_id}")
    return _done(request, review_id, said)


@require_POST
@_perm()
def review_dismiss(request: HttpRequest, review_id: int) -> HttpResponse:
    """Close an item without filing it, with the reason."""
    try:
        said = desk.dismiss(request.user, review_id, request.POST.get("reason", ""))
    except DocgenError as exc:
        errors = {"reason": exc.fix or str(exc)} if exc.field == "reason" else None
        return _item_page(request, review_id, status=422, errors=errors, problem="" if errors else str(exc))
    audit.record(request.user, "review dismissed", target=f"review {review_id}")
    return _done(request, review_id, said)


@require_POST
@_perm()
def notice_unfile(request: HttpRequest, notice_id: int) -> HttpResponse:
    """Undo a filing: the notice leaves its case and waits for review again (``mailroom unfile``)."""
    try:
        done = desk.unfile(request.user, notice_id, request.POST.get("reason", ""))
    except DocgenError as exc:
        messages.error(request, str(exc))
        return redirect("review-queue")
    audit.record(request.user, "notice unfiled", target=f"notice {notice_id}")
    messages.success(request, done.summary)
    for line in done.checks:
        messages.warning(request, line)
    return redirect("review-item", review_id=done.review_id)
