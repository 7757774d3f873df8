"""Read one notice (a group of pages) into a :class:`Notice`: kind, form, fields, checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen.notices.fields import Finder, Hit, page_factor
from docgen.notices.layout import Page
from docgen.notices.model import FIELDS, NULL_BELOW, Notice, Reading
from docgen.notices.patterns import Form, Kind, Patterns

SUSPECT_CONF = 0.55  # a value that fails a sense check: kept, but below the review line
UNREADABLE_PAGE = 0.5  # OCR quality under which a page cannot be trusted at all
APPOINTMENT_PARTS = ("date", "time", "location")


def notice_score(patterns: Patterns, text: str) -> int:
    """How strongly ``text`` looks like a USCIS notice (sum of marker weights)."""
    return sum(weight for regex, weight in patterns.notice_markers if regex.search(text))


def classify(patterns: Patterns, pages: list[Page]) -> tuple[Kind | None, Hit]:
    """The notice kind whose markers weigh most; ``None`` (other) if none is convincing."""
    text = "\n".join(page.text for page in pages)
    scores = []
    for kind in patterns.kinds.values():
        score = sum(weight for regex, weight in kind.markers if regex.search(text))
        scores.append((score, kind))
    scores.sort(key=lambda item: item[0], reverse=True)
    best_score, best = scores[0] if scores else (0, None)
    runner_up = scores[1][0] if len(scores) > 1 else 0
    factor = page_factor(pages[0])
    if best is None or best_score < 5:
        return None, Hit("other", 0.5 * factor, None)
    conf = 0.99 if best_score >= 10 and best_score - runner_up >= 5 else 0.8 if best_score > runner_up else 0.4
    source = next((m.group(0) for regex, _ in best.markers if (m := regex.search(text))), None)
    return best, Hit(best.notice_type, round(conf * factor, 3), " ".join(source.split()) if source else None)


def identify_form(patterns: Patterns, case_type: Hit | None, pages: list[Page]) -> tuple[Form | None, Hit]:
    """The form a notice is about, from its Case Type box or else its text."""
    if case_type and case_type.value:
        first_page = pages[0].text
        for form in patterns.forms:
            if not any(regex.search(case_type.value) for regex in form.case_type):
                continue
            agree = sum(bool(regex.search(case_type.value) or regex.search(first_page)) for regex in form.case_type)
            if agree:
                # The form number and its title both matching is surer than the OCR of either word.
                conf = max(case_type.conf, 0.95 * page_factor(pages[0])) if agree > 1 else case_type.conf
                return form, Hit(form.form, round(conf, 3), case_type.source)
    text = "\n".join(page.text for page in pages)
    for form in patterns.forms:
        for regex in form.case_type:
            match = regex.search(text)
            if match:
                return form, Hit(form.form, round(0.8 * page_factor(pages[0]), 3), " ".join(match.group(0).split()))
    return None, Hit(None, 0.0, case_type.source if case_type else None)


def read_notice(patterns: Patterns, pages: list[Page]) -> Notice:
    """Every field of the notice printed on ``pages``."""
    finder = Finder(patterns)
    kind, kind_hit = classify(patterns, pages)
    labels = [*patterns.labels, *(kind.labels if kind else [])]
    hits: dict[str, Hit] = {}
    for label in labels:
        hit = finder.labelled(pages, label)
        current = hits.get(label.name)
        if hit is not None and (current is None or (current.value is None and hit.value is not None)):
            hits[label.name] = hit
    regexes = [*patterns.patterns, *(kind.patterns if kind else [])]
    for name, hit in finder.patterned(pages, regexes).items():
        if name not in hits or hits[name].value is None:
            hits[name] = hit
    form, form_hit = identify_form(patterns, hits.get("case_type"), pages)
    hits["notice_type"] = kind_hit
    hits["form"] = form_hit
    _appointment(hits)
    readings = _readings(hits, kind, form, pages)
    check_dates(patterns, readings)
    _untrusted_to_null(readings, pages)
    return Notice(pages=[page.number for page in pages], readings=readings)


def _appointment(hits: dict[str, Hit]) -> None:
    parts = {part: hits.pop(f"appointment.{part}", None) for part in APPOINTMENT_PARTS}
    found = {part: hit for part, hit in parts.items() if hit is not None and hit.value is not None}
    if not found:
        return
    value = {part: (found[part].value if part in found else None) for part in APPOINTMENT_PARTS}
    conf = min((found[part].conf if part in found else 0.0) for part in APPOINTMENT_PARTS)
    sources = dict.fromkeys(str(found[part].source) for part in APPOINTMENT_PARTS if part in found)
    source = " / ".join(sources)
    hits["appointment"] = Hit(value, conf, source)


def _applies(name: str, kind: Kind | None, form: Form | None) -> bool:
    if name in ("notice_type", "form", "receipt_number"):
        return True
    if form is not None and name in form.not_applicable:
        return False
    return kind.applies(name) if kind else True


def _readings(hits: dict[str, Hit], kind: Kind | None, form: Form | None, pages: list[Page]) -> dict[str, Reading]:
    readings = {}
    missing_conf = 0.8 * min(page_factor(page) for page in pages)
    for name in FIELDS:
        hit = hits.get(name)
        if not _applies(name, kind, form):
            readings[name] = Reading.not_applicable()
        elif hit is not None and (hit.value is not None or hit.blank):
            readings[name] = Reading(hit.value, hit.conf, hit.source)
        elif kind is not None and name in kind.required:
            readings[name] = Reading(None, 0.0, hit.source if hit else None)
        else:
            readings[name] = Reading(None, 0.1 if hit else missing_conf, hit.source if hit else None)
    return readings


def _date_of(readings: dict[str, Reading], name: str) -> tuple[dt.date | None, list[Reading]]:
    root, _, part = name.partition(".")
    reading = readings.get(root)
    value: Any = reading.value if reading else None
    if part:
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, str) or reading is None:
        return None, []
    return dt.date.fromisoformat(value), [reading]


def check_dates(patterns: Patterns, readings: dict[str, Reading]) -> None:
    """Mark dates that make no sense: outside the plausible years, or out of order."""
    low, high = patterns.years
    for name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
        day, found = _date_of(readings, name)
        if day is not None and not low <= day.year <= high:
            found[0].confidence = min(found[0].confidence, 0.1)
    for before, after in patterns.date_order:
        first, first_readings = _date_of(readings, before)
        second, second_readings = _date_of(readings, after)
        if first is not None and second is not None and first > second:
            for reading in first_readings + second_readings:
                reading.confidence = min(reading.confidence, SUSPECT_CONF)


def _untrusted_to_null(readings: dict[str, Reading], pages: list[Page]) -> None:
    unreadable = all(page.method == "ocr" and page.quality < UNREADABLE_PAGE for page in pages)
    for reading in readings.values():
        if unreadable and reading.confidence < 1.0:
            reading.confidence = min(reading.confidence, 0.3)
        if reading.confidence < NULL_BELOW:
            reading.value = None
