"""Issue 16 in a real browser (one workspace for the module): a packet assembled in the page from a filled
I-765, a rendered letter and uploaded evidence, ordered by dragging, built by the library's builder, downloaded
and opened with pikepdf; a wrong upload refused beside its input; the dashboard's charts with the numbers of
the tables and of the case files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pikepdf

from docgen.case.loader import load_case
from docgen.errors import DocgenError
from tests.web.test_browser import SAMPLES, browser, login, opened, page, pytestmark, workspace  # noqa: F401

EVIDENCE = SAMPLES / "packets" / "evidence"


def _row(key_start: str) -> str:
    return f"li.row[data-key^='{key_start}']"


def _order(tab: Any, group: str) -> list[str]:
    return list(tab.eval_on_selector_all(f"#{group} > li.row", "rows => rows.map(r => r.dataset.key)"))


def _titles(outline: Any) -> list[str]:
    return [str(item.title) for item in outline]


def test_assemble_a_packet_reorder_by_drag_build_and_download(
    page: Any,  # noqa: F811
    workspace: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    base = workspace["url"] + "/cases/ACME-2026-0142"
    login(page, workspace, "specialist1")
    # a filled form and a rendered letter, made on their tabs
    page.goto(base + "/forms/")
    page.select_option("#form", "I-765")
    page.select_option("#person", "spouse")
    page.click("button:has-text('Fill')")
    page.wait_for_selector("h2:has-text('Download')")
    with page.expect_download() as info:
        page.click(".downloads a")
    form_pages = len(pikepdf.open(info.value.path()).pages)
    page.goto(base + "/letters/")
    page.select_option("select[name=template]", "h1b_support")
    page.click("button:has-text('Show its variables')")
    opened(page, "h2:has-text('What h1b_support uses')")  # else the next click could land on the page going away
    page.click("button:has-text('Render the letter')")
    page.wait_for_selector(".downloads a", timeout=90_000)
    with page.expect_download() as info:
        page.click(".downloads a")
    letter_pages = len(pikepdf.open(info.value.path()).pages)

    page.goto(base + "/packets/")
    page.click("text=Assemble a packet in the page")
    page.wait_for_selector("#parts")
    # two evidence files, uploaded one after the other
    for name in ("offer-letter.pdf", "credential-evaluation.pdf"):
        page.set_input_files("#evidence", str(EVIDENCE / name))
        page.click("button:has-text('Upload')")
        opened(page, f"#exhibits li.row:has-text('{name}')")
    assert not page.query_selector("#evidence-error")
    detail = page.inner_text("#exhibits li.row:has-text('offer-letter.pdf') .detail")
    assert "Word document (DOCX)" in detail and "named .pdf" in detail  # recognised by content, not by name
    parts = _order(page, "parts")
    form_key = next(k for k in parts if k.startswith("form:I-765:spouse:"))
    letter_key = "letter:h1b_support"
    assert parts.index(letter_key) > parts.index(form_key)  # a support letter comes after the forms
    offer, evaluation = _order(page, "exhibits")
    # drag the letter above the form and the evaluation above the offer
    page.drag_and_drop(f"{_row(letter_key)} .grip", _row(form_key), target_position={"x": 20, "y": 4})
    page.drag_and_drop(f"{_row(evaluation)} .grip", _row(offer), target_position={"x": 20, "y": 4})
    parts = _order(page, "parts")
    assert parts.index(letter_key) < parts.index(form_key)
    assert _order(page, "exhibits") == [evaluation, offer]
    page.evaluate("window.notReloaded = true")
    page.click(f"{_row(offer)} button:has-text('Up')")  # moved in the page by the script, nothing posted
    assert _order(page, "exhibits") == [offer, evaluation] and page.evaluate("window.notReloaded")
    page.click(f"{_row(offer)} button:has-text('Down')")
    assert _order(page, "exhibits") == [evaluation, offer]
    for key in parts:  # only the two this test made (the module's other tests fill other forms)
        checkbox = page.locator(f"input[name='on:{key}']")
        if key in (letter_key, form_key):
            checkbox.check()
        else:
            checkbox.uncheck()
    page.fill(f"input[name='title:{evaluation}']", "Credential evaluation of the degree")
    page.fill(f"input[name='title:{offer}']", "Offer of employment")
    page.fill("#name", "okafor-assembled")
    page.select_option("#stamp", "page")
    # the support letter makes it an H-1B petition, whose checklist wants more than this small packet holds
    page.click("button:has-text('Build the packet')")
    opened(page, ".error-box", timeout=120_000)
    assert "cross-check problem" in page.inner_text(".error-box")
    problems = page.inner_text("#crosscheck")
    assert "found problems" in problems and "error [checklist]" in problems and "I-129" in problems
    page.goto(workspace["url"] + "/cases/ACME-2026-0142/packets/assemble/")  # the draft kept on the server
    assert _order(page, "parts") == parts and _order(page, "exhibits") == [evaluation, offer]
    assert page.input_value(f"input[name='title:{offer}']") == "Offer of employment"
    page.check("input[name=warn_only]")
    page.click("button:has-text('Build the packet')")
    opened(page, "h2:has-text('Download')", timeout=120_000)
    assert "passes" in page.inner_text("h3:has-text('Preflight')")
    assert page.is_visible("#crosscheck")
    names = page.eval_on_selector_all(".downloads a", "links => links.map(a => a.textContent)")
    assert names == ["okafor-assembled.pdf", "okafor-assembled.manifest.json"]
    with page.expect_download() as info:
        page.click("text=okafor-assembled.pdf")
    target = tmp_path / "packet.pdf"
    info.value.save_as(target)
    with page.expect_download() as info:
        page.click("text=okafor-assembled.manifest.json")
    manifest = json.loads(Path(info.value.path()).read_text())

    with pikepdf.open(target) as pdf:
        converted = next(  # the Word file named .pdf, converted by LibreOffice: pages as the builder made them
            d for sec in manifest["sections"] for d in sec["documents"] if d["source"].endswith("offer-letter.pdf")
        )
        assert converted["type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        offer_pages = converted["pages"][1] - converted["pages"][0] + 1
        evidence_pages = len(pikepdf.open(EVIDENCE / "credential-evaluation.pdf").pages) + offer_pages
        index_pages = sum(s["pages"][1] - s["pages"][0] + 1 for s in manifest["sections"] if s["kind"] == "index")
        assert index_pages >= 1
        # letter, form, the index, two dividers, the evidence: nothing lost or doubled
        assert len(pdf.pages) == letter_pages + form_pages + index_pages + 2 + evidence_pages
        with pdf.open_outline() as outline:
            top = _titles(outline.root)
            exhibits = next(item for item in outline.root if str(item.title) == "Exhibits")
            exhibit_titles = _titles(exhibits.children)
    assert top.index("H1b support") < top.index(next(t for t in top if t.startswith("Form I-765")))
    assert exhibit_titles[0].endswith("Credential evaluation of the degree")
    assert exhibit_titles[1].endswith("Offer of employment")
    assert exhibit_titles[0].startswith("Exhibit A") and exhibit_titles[1].startswith("Exhibit B")
    spec = (workspace["data"] / "work" / "ACME-2026-0142" / "packet.yaml").read_text()
    assert "order: as-listed" in spec  # the spec the page wrote: `docgen packet build` rebuilds it


def test_a_wrong_type_upload_is_refused_beside_the_input(
    page: Any,  # noqa: F811 (fixtures of test_browser)
    workspace: dict[str, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    login(page, workspace, "specialist1")
    page.goto(workspace["url"] + "/cases/ACME-2026-0142/packets/assemble/")
    fake = tmp_path / "bank-statement.pdf"
    fake.write_text("Balance: 12,345.67\nThis is a text file named like a PDF.\n")
    page.set_input_files("#evidence", str(fake))
    page.click("button:has-text('Upload')")
    error = opened(page, ".field:has(#evidence) #evidence-error")
    text = error.inner_text()
    assert "bank-statement.pdf is not evidence a packet can hold (its content is text/plain" in text
    assert page.get_attribute("#evidence", "aria-describedby") == "evidence-error"
    assert not page.query_selector("#exhibits li.row:has-text('bank-statement.pdf')")
    stored = workspace["data"] / "work" / "ACME-2026-0142" / "evidence"
    assert not list(stored.rglob("bank-statement.pdf"))


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
    opened(page, "svg#chart-status")
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
