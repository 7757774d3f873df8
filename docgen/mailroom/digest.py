"""``docgen deadlines digest``: the day's summary to send by mail (text or HTML).

Four lists from the docket: the notices recorded since a day (by default
in the 24 hours before the digest is made, in this machine's zone), the open deadlines falling due within 14 days, the
open deadlines already past (a receipt notice not in by its day is a lost
filing to chase; an extension window that opened is not among them, a day
from which one may file), and the extension windows open now (when there are). Above them,
"needs attention": open deadlines whose case file is gone (whatever their
day), each with the id ``docgen mailroom done`` takes; such a deadline is
listed there only, where a person acts on it, not again among the
overdue or due soon. Below them, how many items wait for review. Nothing of a
notice beyond its case, form, kind, receipt number and date is shown (never
an I-94 number). The HTML is rendered by Jinja2 with autoescaping, so a name
or file name holding markup is shown, never run; the text is made printable. Each deadline names its case's owner
as the docket last recorded it ("no owner", "owner not recorded"), in the text and the HTML alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import jinja2

from docgen.mailroom.deadlines import (
    MISSING_HINT,
    arrive_by_note,
    attention,
    dates_due,
    in_bounds,
    overdue,
    owner_label,
    window_open,
)
from docgen.mailroom.docket import DeadlineRecord, Docket, NoticeRecord
from docgen.mailroom.text import printable

SOON_DAYS = 14


@dataclass(frozen=True)
class Digest:
    """What the day's summary holds."""

    today: dt.date
    since: dt.date
    new_notices: list[NoticeRecord]
    due_soon: list[DeadlineRecord]
    overdue: list[DeadlineRecord]
    open_reviews: int
    case_missing: list[DeadlineRecord] = field(default_factory=list)  # open, whatever their day; case file gone
    windows_open: list[DeadlineRecord] = field(default_factory=list)  # extension windows opened: file now
    since_at: str = ""  # the start of the notices' window as shown ("2026-12-01 08:00", or the day)
    owners: dict[str, str] = field(default_factory=dict)  # each case's owner as the docket last recorded it


def _midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` in this machine's zone, as an aware time."""
    return dt.datetime.combine(day, dt.time()).astimezone()


def _recorded(notice: NoticeRecord) -> dt.datetime:
    """When a notice was recorded (the docket stamps UTC), as an aware time; a stamp without zone is UTC."""
    stamp = dt.datetime.fromisoformat(notice.created_at)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def notice_window(
    today: dt.date, since: dt.date | None = None, now: dt.datetime | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """The times whose notices a digest lists, in this machine's zone (the docket stamps UTC): from the start of
    ``since``; else, for a digest of today, the 24 hours before it is made (a digest sent every morning lists
    each notice once); for another day, that day and the day before."""
    now = (now or dt.datetime.now(dt.UTC)).astimezone()
    if today == now.date():
        start = _midnight(since) if since else now - dt.timedelta(days=1)
        return start, now
    start = _midnight(since or today - dt.timedelta(days=1))
    return start, _midnight(today + dt.timedelta(days=1))


def build_digest(
    docket: Docket,
    today: dt.date,
    since: dt.date | None = None,
    soon: int = SOON_DAYS,
    now: dt.datetime | None = None,
) -> Digest:
    """The summary of ``docket`` on ``today`` (new notices: see :func:`notice_window`)."""
    start, end = notice_window(today, since, now)
    notices = [n for n in docket.notices() if start <= _recorded(n) <= end]
    deadlines = [
        d for d in dates_due(docket, soon, today) if in_bounds(d.due) and not d.case_missing
    ]  # a flagged one is listed under "needs attention" only; a day waiting in review is listed, flagged
    return Digest(
        today=today,
        since=start.date(),
        since_at=start.strftime("%Y-%m-%d %H:%M") if start.time() != dt.time() else start.date().isoformat(),
        new_notices=notices,
        due_soon=[d for d in deadlines if d.due >= today],
        overdue=[d for d in deadlines if overdue(d.kind, d.due, today)],
        open_reviews=len(docket.reviews()),
        case_missing=[d for d in docket.deadlines_due() if d.case_missing],
        windows_open=[d for d in docket.deadlines_due() if not d.case_missing and window_open(d.kind, d.due, today)],
        owners=docket.case_owners(),
    )


def _notice_line(notice: NoticeRecord) -> str:
    where = notice.case_id or "review"
    return (
        f"{where}: {notice.form or '?'} {notice.notice_type or 'notice'} {notice.receipt_number or '(no receipt)'}"
        f" of {notice.notice_date or '?'}" + (" - waits for review" if notice.status == "review" else "")
    )


def _deadline_line(row: DeadlineRecord, today: dt.date, owners: Mapping[str, str] | None = None) -> str:
    days = row.days_left(today)
    when = f"in {days} day(s)" if days > 0 else "today" if days == 0 else f"{-days} day(s) ago"
    flag = f" [{attention(row)}]" if attention(row) else ""
    note = arrive_by_note(row.kind, row.due)
    flag += f" [{note}]" if note else ""
    who = f" ({owner_label(owners, row.case_id)})" if owners is not None else ""
    return (
        f"{row.due.isoformat()} ({when})  {row.case_id}{who}  {row.person}: {row.kind.value} - {row.description}{flag}"
    )


def to_text(digest: Digest) -> str:
    """The digest as plain text."""
    out = [f"docgen digest for {digest.today.isoformat()}", ""]
    if digest.case_missing:
        out.append(f"Needs attention: case file missing ({len(digest.case_missing)}); {MISSING_HINT}")
        out.extend(
            f"  {printable(_deadline_line(d, digest.today, digest.owners))} (id {d.id})" for d in digest.case_missing
        )
        out.append("")
    sections = [
        (f"Overdue ({len(digest.overdue)})", [_deadline_line(d, digest.today, digest.owners) for d in digest.overdue]),
        (
            f"Due within {SOON_DAYS} days ({len(digest.due_soon)})",
            [_deadline_line(d, digest.today, digest.owners) for d in digest.due_soon],
        ),
        *(
            [
                (
                    f"Extension window open: the extension may be filed now ({len(digest.windows_open)})",
                    [_deadline_line(d, digest.today, digest.owners) for d in digest.windows_open],
                )
            ]
            if digest.windows_open
            else []
        ),
        (
            f"New notices since {digest.since_at or digest.since.isoformat()} ({len(digest.new_notices)})",
            [_notice_line(n) for n in digest.new_notices],
        ),
    ]
    for title, lines in sections:
        out.append(title)
        out.extend(f"  {printable(line)}" for line in lines or ["none"])
        out.append("")
    out.append(f"{digest.open_reviews} item(s) wait for review (docgen mailroom review).")
    return "\n".join(out) + "\n"


_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>docgen digest {{ d.today }}</title>
<style>body{font-family:sans-serif} .overdue{color:#a00} td{padding:2px 8px;vertical-align:top}</style>
</head><body>
<h1>docgen digest for {{ d.today }}</h1>
{% if d.case_missing %}<h2 class="overdue">Needs attention: case file missing ({{ d.case_missing|length }})</h2>
<p>{{ hint }}</p><table>{% for r in d.case_missing %}
<tr class="overdue"><td>{{ r.due }}</td><td>{{ r.case_id }}</td>
<td>{{ owner(r.case_id) }}</td><td>{{ r.person }}</td><td>{{ r.kind.value }}</td>
<td>{{ r.description }}</td><td>{{ attention(r) }} (id {{ r.id }})</td></tr>{% endfor %}
</table>{% endif %}
<h2 class="overdue">Overdue ({{ d.overdue|length }})</h2>
{% if d.overdue %}<table>{% for r in d.overdue %}
<tr class="overdue"><td>{{ r.due }}</td><td>{{ -r.days_left(d.today) }} day(s) ago</td><td>{{ r.case_id }}</td>
<td>{{ owner(r.case_id) }}</td>
<td>{{ r.person }}</td><td>{{ r.kind.value }}</td><td>{{ r.description }}</td>
<td>{{ attention(r) }} {{ arrive_by_note(r.kind, r.due) }}</td></tr>{% endfor %}
</table>{% else %}<p>none</p>{% endif %}
<h2>Due within {{ soon }} days ({{ d.due_soon|length }})</h2>
{% if d.due_soon %}<table>{% for r in d.due_soon %}
<tr><td>{{ r.due }}</td><td>in {{ r.days_left(d.today) }} day(s)</td><td>{{ r.case_id }}</td>
<td>{{ owner(r.case_id) }}</td>
<td>{{ r.person }}</td><td>{{ r.kind.value }}</td><td>{{ r.description }}</td>
<td>{{ attention(r) }} {{ arrive_by_note(r.kind, r.due) }}</td></tr>{% endfor %}
</table>{% else %}<p>none</p>{% endif %}
{% if d.windows_open %}<h2>Extension window open: the extension may be filed now ({{ d.windows_open|length }})</h2>
<table>{% for r in d.windows_open %}
<tr><td>{{ r.due }}</td><td>opened {{ -r.days_left(d.today) }} day(s) ago</td><td>{{ r.case_id }}</td>
<td>{{ owner(r.case_id) }}</td>
<td>{{ r.person }}</td><td>{{ r.kind.value }}</td><td>{{ r.description }}</td></tr>{% endfor %}
</table>{% endif %}
<h2>New notices since {{ d.since_at or d.since }} ({{ d.new_notices|length }})</h2>
{% if d.new_notices %}<ul>{% for n in d.new_notices %}
<li>{{ n.case_id or "review" }}: {{ n.form or "?" }} {{ n.notice_type or "notice" }}
{{ n.receipt_number or "(no receipt)" }} of {{ n.notice_date or "?" }}{% if n.status == "review" %}
(waits for review){% endif %}</li>{% endfor %}
</ul>{% else %}<p>none</p>{% endif %}
<p>{{ d.open_reviews }} item(s) wait for review.</p>
</body></html>
"""


def to_html(digest: Digest) -> str:
    """The digest as an HTML page (every value escaped)."""
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=lambda value: printable(value) if isinstance(value, str) else value,  # then escaped
    )
    return env.from_string(_HTML).render(
        d=digest,
        soon=SOON_DAYS,
        hint=MISSING_HINT,
        attention=attention,
        arrive_by_note=arrive_by_note,
        owner=lambda case_id: owner_label(digest.owners, case_id),  # as the text digest: never blank
    )
