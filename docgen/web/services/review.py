"""The mailroom review desk for the pages: the queue, one item with its fields and pages, and the actions.

Reads go through the docket; every action calls the mailroom library (:mod:`docgen.mailroom.review`) with the
workspace user as the docket's actor, so the desk and ``docgen mailroom resolve`` do the same thing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

from docgen.errors import DocgenError, UsageError
from docgen.mailroom.cases import CaseStore, company_key, normalise_name
from docgen.mailroom.deadlines import TO_CONFIRM, WAITING_FOR
from docgen.mailroom.docket import NoticeRecord, ReviewRecord, ReviewStatus, acting_as, open_docket
from docgen.mailroom.review import (
    CHOSEN,
    as_typed,
    changes_only,
    confirmed_fields,
    not_a_notice,
    parse_corrections,
    resolve,
)
from docgen.notices import FIELDS
from docgen.notices.model import FILE_WITHOUT_REVIEW
from docgen.web.services import cases as case_service
from docgen.web.services import docket as docket_service

if TYPE_CHECKING:
    from docgen.mailroom.unfile import Unfiled

# The fields a reviewer may correct: every notice field ``mailroom resolve --set`` takes (a biometrics
# appointment as one input, "DATE TIME LOCATION", as ``--set appointment=...``).
EDITABLE = tuple(FIELDS)
LABELS = {
    "notice_type": "Notice type",
    "form": "Form",
    "receipt_number": "Receipt number",
    "received_date": "Received date",
    "notice_date": "Notice date",
    "priority_date": "Priority date",
    "petitioner": "Petitioner",
    "beneficiary": "Beneficiary",
    "applicant": "Applicant",
    "a_number": "A-Number",
    "classification": "Classification",
    "valid_from": "Valid from",
    "valid_to": "Valid to",
    "response_due": "Response due",
    "appointment": "Appointment",
    "i94_number": "I-94 number",
    "amount": "Amount",
}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp")
PAGE_WIDTH = 900


@dataclass(frozen=True)
class QueueRow:
    """One open review item as the queue lists it."""

    id: int
    file: str
    reason: str
    notice_type: str
    form: str
    receipt_number: str
    created_at: str
    age: str
    since: str = ""  # the day and time it was sent to review, local (:func:`waiting_since`)


@dataclass(frozen=True)
class FieldRow:
    """One field of a notice on the review page."""

    name: str
    label: str
    value: str
    confidence: float | None
    source: str
    low: bool  # below the filing threshold and not corrected by a person: highlighted
    corrected: bool
    editable: bool
    error: str = ""
    candidate: str = ""  # what OCR read for a field it left empty, unsure: a suggestion, never a value
    candidate_why: str = ""  # why it is doubtful ("OCR confidence 41")
    confirm: str = ""  # a deadline's day read below the threshold, waiting for a person: why ("read from a sentence")

    @property
    def percent(self) -> str:
        """The confidence as people read it."""
        return "" if self.confidence is None else f"{self.confidence * 100:.1f}%"


@dataclass
class Item:
    """One review item: the record, its notice (None for a whole file) and what the page shows."""

    review: ReviewRecord
    notice: NoticeRecord | None
    file: str
    pages: int
    fields: list[FieldRow] = field(default_factory=list)
    problem: str = ""  # why the pages cannot be shown
    waiting: str = ""  # since when, in local time (:func:`waiting_since`)
    chosen: tuple[str, str] | None = None  # the case and person a reviewer chose while a day waits to be confirmed

    @property
    def to_confirm(self) -> list[FieldRow]:
        """The deadline days the notice waits on a person to confirm (pre-filled as read)."""
        return [row for row in self.fields if row.confirm]


@dataclass(frozen=True)
class CaseHit:
    """A case a reviewer may assign a notice to."""

    case_id: str
    petitioner: str
    people: str
    classification: str
    refs: tuple[tuple[str, str], ...] = ()  # (person ref, name): whom the notice may be for


def _docket(read_only: bool = False) -> Any:
    """The docket; ``read_only``: for a page that only reads it (a short wait for another program's write)."""
    location = docket_service.docket_path()
    if isinstance(location, Path) and not location.exists():
        raise UsageError("no notices have been ingested yet (there is no docket)")
    if read_only:
        return docket_service.read_docket(location)
    return open_docket(location, create=False)


def _age(created_at: str, now: dt.datetime) -> str:
    try:
        then = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return ""
    if then.tzinfo is None:
        then = then.replace(tzinfo=dt.UTC)
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def waiting_since(created_at: str, now: dt.datetime | None = None) -> str:
    """When an item was sent to review, as people read it: the workspace's local time and how long ago
    (``2026-12-02 09:15 (3 h ago)``); the docket's UTC stamp as it is when it cannot be read."""
    from django.utils import timezone

    try:
        then = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    if then.tzinfo is None:
        then = then.replace(tzinfo=dt.UTC)
    age = _age(created_at, now or dt.datetime.now(dt.UTC))
    return f"{timezone.localtime(then):%Y-%m-%d %H:%M}" + (f" ({age} ago)" if age else "")


def file_name(review: ReviewRecord) -> str:
    """The review copy's file name (the scan's name, its content hash and pages)."""
    return Path(str(review.path or "")).name


def queue(now: dt.datetime | None = None) -> list[QueueRow]:
    """Open review items, oldest first."""
    moment = now or dt.datetime.now(dt.UTC)
    with _docket(read_only=True) as docket:
        items = docket.reviews(ReviewStatus.OPEN)
        notices = {i.notice_id: docket.notice(i.notice_id) for i in items if i.notice_id is not None}
    rows = []
    for item in items:
        notice = notices.get(item.notice_id) if item.notice_id is not None else None
        rows.append(
            QueueRow(
                id=item.id,
                file=file_name(item),
                reason=item.reason,
                notice_type=(notice.notice_type or "") if notice else "",
                form=(notice.form or "") if notice else "",
                receipt_number=(notice.receipt_number or "") if notice else "",
                created_at=item.created_at,
                age=_age(item.created_at, moment),
                since=waiting_since(item.created_at, moment),
            )
        )
    return rows


def _source(path: Path) -> Path:
    """The review copy, refused when it is a link or gone (as ``mailroom resolve`` refuses it)."""
    if path.is_symlink() or not path.is_file():
        raise UsageError(f"the review copy {path.name} is gone or replaced; put the scan in the inbox again")
    return path


def _page_count(path: Path) -> int:
    if path.suffix.lower() in IMAGE_SUFFIXES:
        from docgen.pdf.images import open_image
        from docgen.pdf.limits import NOTICE_CAPS

        with open_image(path, NOTICE_CAPS, path.name) as image:
            return int(getattr(image, "n_frames", 1))
    import pikepdf  # not pdfium: counting runs outside the drawing lock, beside other requests

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def field_rows(data: dict[str, Any], errors: dict[str, str] | None = None, posted: Any = None) -> list[FieldRow]:
    """The notice's fields with confidence and source text; ``posted`` values (a refused correction) shown
    again as typed, with the ``errors`` beside their inputs."""
    confidence = data.get("confidence") or {}
    source = data.get("source") or {}
    done = set(data.get("corrected") or [])
    candidates = data.get("candidates") or {}
    waiting = data.get(TO_CONFIRM)
    waiting = waiting if isinstance(waiting, dict) else {}
    rows = []
    for name in FIELDS:
        value = data.get(name)
        shown = "" if value is None else as_typed(value)
        if posted is not None and name in EDITABLE and name in posted:
            shown = posted.get(name, "")
        conf = confidence.get(name)
        guess = candidates.get(name) if value is None and name not in done else None
        guessed = guess.get("value") if isinstance(guess, dict) else None
        rows.append(
            FieldRow(
                name=name,
                label=LABELS.get(name, name),
                value=shown,
                confidence=float(conf) if isinstance(conf, int | float) else None,
                source=str(source.get(name) or ""),
                low=name not in done and isinstance(conf, int | float) and conf < FILE_WITHOUT_REVIEW,
                corrected=name in done,
                editable=name in EDITABLE,
                error=(errors or {}).get(name, ""),
                candidate="" if guessed is None else as_typed(guessed),
                candidate_why=str(guess.get("why") or "") if guessed is not None and isinstance(guess, dict) else "",
                confirm=str(waiting.get(name) or "") if value is not None and name not in done else "",
            )
        )
    return rows


def item(review_id: int, errors: dict[str, str] | None = None, posted: Any = None) -> Item | None:
    """One review item (open or not) with its fields, or None."""
    with _docket() as docket:
        review = docket.review(review_id)
        if review is None:
            return None
        notice = docket.notice(review.notice_id) if review.notice_id is not None else None
    found = Item(
        review=review, notice=notice, file=file_name(review), pages=0, waiting=waiting_since(review.created_at)
    )
    if notice is not None:
        found.fields = field_rows(notice.data, errors, posted)
        where = notice.data.get(WAITING_FOR)
        if isinstance(notice.data.get(CHOSEN), dict) and isinstance(where, list) and len(where) == 2:
            found.chosen = (str(where[0]), str(where[1]))
    if review.status is ReviewStatus.OPEN:
        try:
            found.pages = _page_count(_source(Path(str(review.path))))
        except Exception as exc:  # a damaged scan: the page says so, the fields are still shown
            found.problem = str(exc) if isinstance(exc, DocgenError) else "its pages cannot be drawn"
    return found


def page_png(review_id: int, page: int) -> bytes:
    """Page ``page`` (1-based) of an open review item's copy as a PNG, drawn on the server."""
    with _docket() as docket:
        review = docket.review(review_id)
    if review is None or review.status is not ReviewStatus.OPEN or not review.path:
        raise UsageError(f"review item {review_id} is not open")
    path = _source(Path(review.path))
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return _image_png(path, page)
    from docgen.web.services.documents import page_png as pdf_png

    try:
        return pdf_png(path, page - 1, width=PAGE_WIDTH)
    except DocgenError:
        raise
    except Exception:  # pdfium refuses a damaged file
        raise UsageError(f"{path.name}: page {page} cannot be drawn") from None


def _image_png(path: Path, page: int) -> bytes:
    from docgen.pdf.images import open_image
    from docgen.pdf.limits import NOTICE_CAPS

    with open_image(path, NOTICE_CAPS, path.name) as image:
        if not 1 <= page <= int(getattr(image, "n_frames", 1)):
            raise UsageError(f"{path.name} has no page {page}")
        image.seek(page - 1)
        frame = image.convert("RGB")
    if frame.width > PAGE_WIDTH:
        frame = frame.resize((PAGE_WIDTH, max(1, round(frame.height * PAGE_WIDTH / frame.width))))
    buffer = io.BytesIO()
    frame.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


# --- corrections ---------------------------------------------------------------------------------


def corrections(current: dict[str, Any], posted: Any) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """The fields the reviewer changed, checked as ``mailroom resolve --set FIELD=VALUE`` checks them; the
    problems by field (the hint alone, to show beside the input); and the fields retyped with the value read in
    another form (``04/14/2026`` for ``2026-04-14``): confirmed, not corrected."""
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name in EDITABLE:
        if name not in posted:
            continue
        typed = str(posted.get(name, "")).strip()
        before = current.get(name)
        if typed == ("" if before is None else as_typed(before)):
            continue
        try:
            out.update(parse_corrections((f"{name}={typed}",)))
        except UsageError as exc:
            problems[name] = exc.fix or str(exc)
    confirmed = confirmed_fields(current, out)
    return changes_only(current, out), problems, confirmed


def _store() -> CaseStore:
    return CaseStore(Path(settings.CASES_DIR))


IN_THE_PAGE = "; the Mailroom tab lists the items still open"
COPY = re.compile(r"its copy (\S+) is (gone|now a link)")
# the command line's options, as the desk's buttons
BUTTONS = (
    ("--dismiss REASON", "Dismiss (with the reason)"),
    ("--dismiss duplicate", "Dismiss with the reason 'duplicate'"),
    ("with --for PERSON", "by choosing the person in 'For'"),
    ("with --set response_due=DATE", "in 'Response due'"),
    ("with --set valid_to=DATE", "in 'Valid to'"),
    ("with --case ID --for PERSON", "by searching for the case and choosing it, with the person in 'For'"),
)


@contextlib.contextmanager
def _worded_for_the_page() -> Iterator[None]:
    """The library's errors as the desk says them: the review queue rather than 'docgen mailroom review', and a
    review copy by its file name, never the server's path."""
    try:
        yield
    except DocgenError as exc:
        text = exc.message.replace("; see 'docgen mailroom review'", IN_THE_PAGE)
        for option, button in BUTTONS:
            text = text.replace(option, button)
        exc.message = COPY.sub(lambda m: f"its copy {Path(m.group(1)).name} is {m.group(2)}", text)
        exc.args = (exc.message,)
        raise


def act(
    user: Any,
    review_id: int,
    *,
    case_id: str | None = None,
    person: str | None = None,
    fixes: dict[str, Any] | None = None,
    confirm: bool = True,
    chosen_shown: tuple[str, str] | None = None,
) -> str:
    """Correct fields and/or file the notice to a case, for one of its people
    (``mailroom resolve N [--case ID [--for PERSON]] [--set ...]``); ``confirm=False`` (Save corrections) leaves
    a deadline's day waiting to be confirmed, as read, waiting; ``chosen_shown``: the case chosen as the page
    showed it (see :func:`docgen.mailroom.review.resolve`)."""
    store = _store()
    if person and case_id in store.entries:
        people = [ref for ref, _ in store.entries[case_id].case.people_by_ref()]
        if person not in people:
            raise UsageError(
                f"{person!r} is not a person of case {case_id} (its people: {', '.join(people)}); choose again",
                field="person",
            )
    with _worded_for_the_page(), _docket() as docket, acting_as(user.get_username()):
        return resolve(
            docket,
            store,
            review_id,
            case_id=case_id,
            person=person or None,
            corrections=fixes or None,
            confirm=confirm,
            chosen_shown=chosen_shown,
        )


def dismiss(user: Any, review_id: int, reason: str) -> str:
    """Close an item without filing (``mailroom resolve N --dismiss REASON``)."""
    reason = " ".join(reason.split())
    if not reason:
        raise UsageError("say why it is dismissed (a duplicate, a copy for another firm...)", field="reason")
    with _worded_for_the_page(), _docket() as docket, acting_as(user.get_username()):
        return resolve(docket, _store(), review_id, dismiss=reason)


def mark_not_a_notice(user: Any, review_id: int) -> str:
    """Close an item whose pages are not a USCIS notice (``mailroom resolve N --not-a-notice``)."""
    with _worded_for_the_page(), _docket() as docket, acting_as(user.get_username()):
        return not_a_notice(docket, review_id)


# --- undoing a filing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FiledRow:
    """A notice filed to a case, as the desk lists it for undoing (``mailroom unfile``)."""

    id: int
    case_id: str
    form: str
    notice_type: str
    receipt_number: str
    notice_date: str
    file: str
    person: str = ""  # whose notice it is (principal, spouse...); empty when an older docgen filed it, not derivable


def filed_lately(limit: int = 15) -> list[FiledRow]:
    """The notices filed last (newest first): the ones a wrong filing is undone from."""
    with _docket(read_only=True) as docket:
        notices = docket.latest_filed(limit)
    return [
        FiledRow(
            id=n.id,
            case_id=str(n.case_id),
            form=n.form or "",
            notice_type=n.notice_type or "",
            receipt_number=n.receipt_number or "",
            notice_date=n.notice_date or "",
            file=Path(str(n.filed_path or "")).name,
            person=n.person or "",
        )
        for n in notices
    ]


def unfile(user: Any, notice_id: int, reason: str) -> Unfiled:
    """Take a notice filed to the wrong case back to review (``mailroom unfile NOTICE_ID --reason REASON``): the new
    review item, what was done and what to check."""
    from docgen.mailroom.unfile import unfile as unfile_notice

    with _worded_for_the_page(), _docket() as docket, acting_as(user.get_username()):
        return unfile_notice(docket, _store(), notice_id, reason=reason)


# --- case search ---------------------------------------------------------------------------------


def search_cases(text: str, limit: int = 20) -> list[CaseHit]:
    """Cases whose id, petitioner, people's names or receipt numbers hold every word of ``text``."""
    words = normalise_name(text)
    if not words:
        return []
    summaries, models = case_service.all_cases_and_models()
    by_id = {case.case_id: case for case in models}
    hits = []
    for summary in summaries:
        case = by_id.get(summary.case_id)
        if case is None:
            continue
        receipts = " ".join(r.number for r in case.facts.receipt_numbers)
        names = " ".join(name for _, name in summary.people)
        petitioner = case.petitioner.name if case.petitioner else ""
        trading = (case.petitioner.dba or "") if case.petitioner else ""  # the name a notice may print instead
        haystack = set(normalise_name(f"{case.case_id} {names} {receipts} {petitioner} {trading}"))
        haystack |= set(company_key(petitioner).split()) | set(company_key(trading).split())
        joined = " ".join(sorted(haystack))
        if all(w in haystack or w in joined for w in words):
            hits.append(
                CaseHit(
                    case_id=case.case_id,
                    petitioner=petitioner or "",
                    people=", ".join(name for _, name in summary.people),
                    classification=summary.classification,
                    refs=tuple(summary.people),
                )
            )
        if len(hits) >= limit:
            break
    return hits


def suggested_search(notice: NoticeRecord | None) -> str:
    """What to search for first: the family name the notice gives, else its petitioner."""
    if notice is None:
        return ""
    for key in ("beneficiary", "applicant"):
        name = notice.data.get(key)
        if name:
            return str(name).partition(",")[0].strip()
    return company_key(notice.data.get("petitioner"))
