"""The filing-to-receipt-to-decision chart: median days per group, from the case files' dates (the status report's
rows), the same figures as the table under it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

CASE = """\
case_id: {case_id}
beneficiary: {{family_name: Tamm, given_name: Liis, birth_date: 1991-03-04}}
facts:
  classification: O-1A
  status: {status}
  filed_date: {filed}
  receipt_date: {receipt}
{decision}"""


def _write(folder: Path, case_id: str, filed: int, receipt: int, decision: int | None) -> None:
    day = dt.date(2026, 1, 5)
    text = CASE.format(
        case_id=case_id,
        status="approved" if decision is not None else "filed",
        filed=day.isoformat(),
        receipt=(day + dt.timedelta(days=receipt)).isoformat(),
        decision=f"  decision_date: {(day + dt.timedelta(days=decision)).isoformat()}\n" if decision else "",
    )
    (folder / f"{case_id.lower()}.yaml").write_text(text)


def test_timeline_chart_has_the_median_days(client_for: Any, cases_dir: Path) -> None:
    _write(cases_dir, "CHART-1", 0, 10, 70)  # 10 days to receipt, 60 more to decision
    _write(cases_dir, "CHART-2", 0, 20, 120)  # 20, then 100
    _write(cases_dir, "CHART-3", 0, 30, None)  # receipted, not decided
    html = client_for("mailroom").get("/dashboard/").content.decode()
    chart = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-timeline"') :]
    chart = chart[: chart.index("</svg>")]
    bars = re.findall(r'data-label="([^"]+)" data-receipt="([^"]*)" data-decision="([^"]*)"', chart)
    assert ("O-1A · approved · approved", "15", "80") in bars  # medians of 10, 20 and of 60, 100
    assert ("O-1A · receipted · filed", "30", "") in bars
    assert "15 + 80 = 95 days" in chart and "30 days, no decision yet" in chart
    assert '<title id="chart-timeline-title">Days from filing to receipt to decision</title>' in chart
