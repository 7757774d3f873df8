"""Charts of the dashboard, drawn on the server as SVG from the same data as its tables (no chart library, no
script): cases by status and by classification, deadlines per week for the next 13 weeks, and the days from
filing to receipt to decision.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that says what it shows, every
bar carries its number as text (and as ``data-value``), and the same numbers are in a table beside it.
Colours come from presentation attributes (the workspace's Content-Security-Policy allows no inline style).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from docgen.mailroom.deadlines import overdue as is_overdue
from docgen.mailroom.docket import DeadlineKind
from docgen.web.services import docket

WEEKS = 13
INK, MUTED, GRID = "#1d2330", "#5d6675", "#d8dce3"
BAR, BAR2, BAD = "#1f5fbf", "#8fb3e8", "#b3261e"
FONT = 'font-family="system-ui, sans-serif"'


@dataclass(frozen=True)
class Week:
    """One week of the deadline chart: its first day, its last, how many deadlines fall in it."""

    start: dt.date
    end: dt.date
    count: int


def weekly_deadlines(deadlines: list[docket.Due], today: dt.date, weeks: int = WEEKS) -> tuple[int, list[Week]]:
    """(overdue count, deadlines per week): week 1 is today and the six days after it, and so on."""
    counts = [0] * weeks
    overdue = 0
    for due in deadlines:
        days = due.days_left(today)
        if days < 0:
            overdue += is_overdue(DeadlineKind(due.kind), due.due, today)  # not an extension window that opened
        elif days < 7 * weeks:
            counts[days // 7] += 1
    return overdue, [
        Week(today + dt.timedelta(days=7 * n), today + dt.timedelta(days=7 * n + 6), counts[n]) for n in range(weeks)
    ]


def _nice_max(value: float) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5, 10, 20, 50...)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, int]], noun: str = "case") -> SafeString:
    """Horizontal bars, one per row (label, count), longest first as given."""
    label_width, bar_width, row_height = 190, 330, 26
    height = max(1, len(rows)) * row_height + 10
    top = max((n for _, n in rows), default=0)
    desc = "; ".join(f"{label}: {n} {noun}{'s' if n != 1 else ''}" for label, n in rows) or f"no {noun}s"
    out = _open(chart_id, label_width + bar_width + 50, height, title, desc)
    for index, (label, n) in enumerate(rows):
        y = 5 + index * row_height
        length = 0 if top == 0 else max(2, round(bar_width * n / top))
        shown = label if len(label) <= 28 else label[:27] + "…"
        out.append(
            f'<g class="bar" data-label="{escape(label)}" data-value="{n}">'
            f"<title>{escape(label)}: {n}</title>"
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row_height - 8}" rx="3" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 17}" font-size="13" fill="{INK}">{n}</text></g>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped


def week_chart(chart_id: str, overdue: int, weeks: list[Week]) -> SafeString:
    """Columns: deadlines overdue, then per week for the next weeks."""
    left, bottom, column, gap, plot = 34, 40, 34, 8, 150
    columns: list[tuple[str, str, int, str]] = [("overdue", "overdue", overdue, BAD)]
    columns += [
        (w.start.strftime("%b %-d"), f"{w.start.isoformat()} to {w.end.isoformat()}", w.count, BAR) for w in weeks
    ]
    width = left + len(columns) * (column + gap) + 10
    height = plot + bottom + 12
    top = _nice_max(max(n for _, _, n, _ in columns))
    desc = f"Overdue: {overdue}. " + "; ".join(f"week of {w.start.isoformat()}: {w.count}" for w in weeks)
    title = f"Deadlines per week, the next {len(weeks)} weeks"
    out = _open(chart_id, width, height, title, desc)
    base = 10 + plot
    for tick in (0, top // 2, top) if top > 1 else (0, top):
        y = base - plot * tick / top
        out.append(
            f'<line x1="{left - 4}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{MUTED}">{tick}</text>'
        )
    for index, (label, long_label, n, colour) in enumerate(columns):
        x = left + index * (column + gap)
        length = plot * n / top
        out.append(
            f'<g class="bar" data-label="{escape(long_label)}" data-value="{n}">'
            f"<title>{escape(long_label)}: {n}</title>"
            f'<rect x="{x}" y="{base - length:.1f}" width="{column}" height="{length:.1f}" rx="2" fill="{colour}"/>'
            f'<text x="{x + column / 2}" y="{base - length - 4:.1f}" text-anchor="middle" font-size="11" '
            f'fill="{INK}">{n if n else ""}</text>'
            f'<text x="{x + column / 2}" y="{base + 14}" text-anchor="end" font-size="10" fill="{MUTED}" '
            f'transform="rotate(-40 {x + column / 2} {base + 14})">{escape(label)}</text></g>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped


def timeline_chart(chart_id: str, status: Any) -> SafeString:
    """Stacked bars per group of the status report: median days filing to receipt, then receipt to decision."""
    rows = []
    for row in status.rows:
        receipt, decision = row.get("median_days_to_receipt"), row.get("median_days_to_decision")
        if receipt is None and decision is None:
            continue
        label = " · ".join(str(row[k]) for k in ("classification", "stage", "status") if row.get(k))
        rows.append((label or "(none)", receipt, decision, int(row.get("cases") or 0)))
    label_width, bar_width, row_height = 230, 330, 26
    height = max(1, len(rows)) * row_height + 34
    top = max(((r or 0) + (d or 0) for _, r, d, _ in rows), default=0)
    parts = []
    for label, receipt, decision, cases in rows:
        said = [f"filing to receipt {receipt} days" if receipt is not None else "filing to receipt not known"]
        said.append(f"receipt to decision {decision} days" if decision is not None else "no decision yet")
        parts.append(f"{label} ({cases} case{'s' if cases != 1 else ''}): " + ", ".join(said))
    desc = ("Median days; " + "; ".join(parts)) if parts else "No case has a filing, receipt or decision date yet."
    out = _open(chart_id, label_width + bar_width + 90, height, "Days from filing to receipt to decision", desc)
    out.append(
        f'<rect x="{label_width}" y="4" width="12" height="12" fill="{BAR}"/>'
        f'<text x="{label_width + 16}" y="14" font-size="12" fill="{INK}">filing → receipt</text>'
        f'<rect x="{label_width + 130}" y="4" width="12" height="12" fill="{BAR2}"/>'
        f'<text x="{label_width + 146}" y="14" font-size="12" fill="{INK}">receipt → decision (median days)</text>'
    )
    for index, (label, receipt, decision, _cases) in enumerate(rows):
        y = 26 + index * row_height
        scale = bar_width / top if top else 0
        first = round((receipt or 0) * scale)
        second = round((decision or 0) * scale)
        shown = label if len(label) <= 32 else label[:31] + "…"
        out.append(
            f'<g class="bar" data-label="{escape(label)}" data-receipt="{"" if receipt is None else receipt}" '
            f'data-decision="{"" if decision is None else decision}">'
            f"<title>{escape(label)}: {escape(parts[index].split(': ', 1)[1])}</title>"
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="{INK}">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{first}" height="{row_height - 8}" fill="{BAR}"/>'
            f'<rect x="{label_width + first}" y="{y + 4}" width="{second}" height="{row_height - 8}" fill="{BAR2}"/>'
            f'<text x="{label_width + first + second + 6}" y="{y + 17}" font-size="12" fill="{INK}">'
            f"{_sum_text(receipt, decision)}</text></g>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every text above is escaped


def _sum_text(receipt: float | None, decision: float | None) -> str:
    if receipt is not None and decision is not None:
        return f"{receipt:g} + {decision:g} = {receipt + decision:g} days"
    if receipt is not None:
        return f"{receipt:g} days, no decision yet"
    return f"receipt date not known; {decision:g} days to decision"
