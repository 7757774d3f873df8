"""The dashboard's charts in a real browser: server-drawn SVG, accessible, with the numbers of the tables and of
the case files."""

from __future__ import annotations

from collections import Counter
from typing import Any

from docgen.case.loader import load_case
from docgen.errors import DocgenError
from tests.web.test_browser import browser, login, page, pytestmark, workspace  # noqa: F401


def _bars(tab: Any, chart: str) -> dict[str, int]:
    pairs = tab.eval_on_selector_all(
        f"svg#{chart} g.bar", "bars => bars.map(b => [b.dataset.label, Number(b.dataset.value)])"
    )
    return {label: value for label, value in pairs}


def _table(tab: Any, table: str) -> dict[str, int]:
    rows = tab.eval_on_selector_all(
        f"#{table} tbody tr", "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))"
    )
    return {label: int(value) for label, value in rows}


def test_charts_show_the_numbers_of_the_tables_and_the_cases(
    page: Any,  # noqa: F811 (fixtures of test_browser)
    workspace: dict[str, Any],  # noqa: F811
) -> None:
    login(page, workspace, "mailroom1")
    page.click("nav >> text=Dashboard")
    page.wait_for_selector("svg#chart-status")
    for chart in ("chart-status", "chart-classification", "chart-weeks", "chart-timeline"):
        svg = page.locator(f"svg#{chart}")
        assert svg.get_attribute("role") == "img"
        assert page.locator(f"svg#{chart} > title").text_content()
        assert page.locator(f"svg#{chart} > desc").text_content()

    # cases by status and classification: the chart, the table beside it, and the case files agree
    statuses: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    for path in sorted((workspace["root"] / "cases").glob("*.yaml")):
        try:
            case = load_case(path)
        except DocgenError:
            continue
        statuses[case.facts.status or "(none)"] += 1
        classes[case.facts.classification or "(none)"] += 1
    assert _bars(page, "chart-status") == _table(page, "status-table") == dict(statuses)
    assert _bars(page, "chart-classification") == _table(page, "classification-table") == dict(classes)
    desc = page.locator("svg#chart-status > desc").text_content() or ""
    assert all(f"{status}: {n} case" in desc for status, n in statuses.items())

    # deadlines per week: the chart, its table, and the deadline list's "days" column bucketed by week
    days = [
        int(d)
        for d in page.eval_on_selector_all("#deadlines tbody tr", "rows => rows.map(r => r.cells[1].textContent)")
    ]
    weeks = _table(page, "weeks-table")
    assert weeks["overdue"] == sum(1 for d in days if d < 0)
    counts = [n for label, n in weeks.items() if label != "overdue"]
    assert len(counts) == 13
    assert counts == [sum(1 for d in days if 7 * w <= d < 7 * (w + 1)) for w in range(13)]
    assert list(_bars(page, "chart-weeks").values()) == [weeks["overdue"], *counts]
    assert counts[20 // 7] >= 1  # DUE-SOON-1's I-94, 20 days away
