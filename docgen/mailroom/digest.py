"""``docgen deadlines digest``: the day's summary to send by mail (text or HTML).

Three lists from the docket: the notices recorded since a day (by default
yesterday and today), the open deadlines falling due within 14 days, and the
open deadlines already past (a receipt notice not in by its day is a lost
filing to chase). Above them, "needs attention": open deadlines whose case file
is gone (whatever their day), each with the id ``docgen mailroom done`` takes; such a
deadline is listed there only, where a person acts on it, not again among the
overdue or due soon. Below them, how many items wait for review. Nothing of a
notice beyond its case, form, kind, receipt number and date is shown (never
an I-94 number). The HTML is rendered by Jinja2 with autoescaping, so a name
or file name holding markup is shown, never run; the text is made printable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jinja2

from docgen.mailroom.deadlines import MISSING_HINT, arrive_by_note, attention, in_bounds
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


def build_digest(docket: Docket, today: dt.date, since: dt.date | None = None, soon: int = SOON_DAYS) -> Digest:
    """The summary of ``docket`` on ``today`` (new notices recorded on or after ``since``, default yesterday)."""
    start = since or today - dt.timedelta(days=1)
    notices = [n for n in docket.notices() if n.created_at[:10] >= start.isoformat()]
    deadlines = [
        d for d in docket.deadlines_due(within_days=soon, today=today) if in_bounds(d.due) and not d.case_missing
    ]  # a flagged one is listed under "needs attention" only
    return Digest(
        today=today,
        since=start,
        new_notices=notices,
        due_soon=[d for d in deadlines if d.due >= today],
        overdue=[d for d in deadlines if d.due < today],
        open_reviews=len(docket.reviews()),
        case_missing=[d for d in docket.deadlines_due() if d.case_missing],
    )


def _notice_line(notice: NoticeRecord) -> str:
    where = notice.case_id or "review"
    return (
        f"{where}: {notice.form or '?'} {notice.notice_type or 'notice'} {notice.receipt_number or '(no receipt)'}"
        f" of {notice.notice_date or '?'}" + (" - waits for review" if notice.status == "review" else "")
    )


def _deadline_line(row: DeadlineRecord, today: dt.date) -> str:
    days = row.days_left(today)
    when = f"in {days} day(s)" if days > 0 else "today" if days == 0 else f"{-days} day(s) ago"
    flag = f" [{attention(row)}]" if row.case_missing else ""
    note = arrive_by_note(row.kind, row.due)
    flag += f" [{note}]" if note else ""
    return f"{row.due.isoformat()} ({when})  {row.case_id}  {row.person}: {row.kind.value} - {row.description}{flag}"


def to_text(digest: Digest) -> str:
    """The digest as plain text."""
    out = [f"docgen digest for {digest.today.isoformat()}", ""]
    if digest.case_missing:
        out.append(f"Needs attention: case file missing ({len(digest.case_missing)}); {MISSING_HINT}")
        out.extend(f"  {printable(_deadline_line(d, digest.today))} (id {d.id})" for d in digest.case_missing)
        out.append("")
    sections = [
        (f"Overdue ({len(digest.overdue)})", [_deadline_line(d, digest.today) for d in digest.overdue]),
        (
            f"Due within {SOON_DAYS} days ({len(digest.due_soon)})",
            [_deadline_line(d, digest.today) for d in digest.due_soon],
        ),
        (
            f"New notices since {digest.since.isoformat()} ({len(digest.new_notices)})",
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
<tr class="overdue"><td>{{ r.due }}</td><td>{{ r.case_id }}</td><td>{{ r.person }}</td><td>{{ r.kind.value }}</td>
<td>{{ r.description }}</td><td>{{ attention(r) }} (id {{ r.id }})</td></tr>{% endfor %}
</table>{% endif %}
<h2 class="overdue">Overdue ({{ d.overdue|length }})</h2>
{% if d.overdue %}<table>{% for r in d.overdue %}
<tr class="overdue"><td>{{ r.due }}</td><td>{{ -r.days_left(d.today) }} day(s) ago</td><td>{{ r.case_id }}</td>
<td>{{ r.person }}</td><td>{{ r.kind.value }}</td><td>{{ r.description }}</td>
<td>{{ arrive_by_note(r.kind, r.due) }}</td></tr>{% endfor %}
</table>{% else %}<p>none</p>{% endif %}
<h2>Due within {{ soon }} days ({{ d.due_soon|length }})</h2>
{% if d.due_soon %}<table>{% for r in d.due_soon %}
<tr><td>{{ r.due }}</td><td>in {{ r.days_left(d.today) }} day(s)</td><td>{{ r.case_id }}</td>
<td>{{ r.person }}</td><td>{{ r.kind.value }}</td><td>{{ r.description }}</td>
<td>{{ arrive_by_note(r.kind, r.due) }}</td></tr>{% endfor %}
</table>{% else %}<p>none</p>{% endif %}
<h2>New notices since {{ d.since }} ({{ d.new_notices|length }})</h2>
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
        d=digest, soon=SOON_DAYS, hint=MISSING_HINT, attention=attention, arrive_by_note=arrive_by_note
    )
