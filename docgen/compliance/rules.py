"""The PAF rules (``docgen/data/compliance/rules.yaml``), loaded once into typed models, and the business-day calendar.

Every rule carries its source (``20 CFR 655.760(a)(2)``) so a report can cite
it beside the problem. Business days skip Saturdays, Sundays and U.S. federal
holidays as the ``holidays`` package keeps them (observed days included).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

import holidays as holidays_lib
from pydantic import BaseModel, ConfigDict, ValidationError

from docgen.bundled import bundled_dir
from docgen.errors import DocgenError
from docgen.yamlio import load_yaml_text

RULES_FILE = "rules.yaml"


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    what: str
    source: str
    checked: str


class DocumentRule(_Rule):
    """One document the public access file holds."""

    title: str
    kind: Literal["file", "memo"]
    template: str | None = None
    when: Literal["dependent_or_violator"] | None = None


class NoticeRule(_Rule):
    """Notice of the filing: how long, where, and how early."""

    business_days: int
    locations: int
    earliest_before_filing_days: int


class AvailabilityRule(_Rule):
    """When the file must be ready."""

    working_days: int


class RetentionRule(_Rule):
    """How long the file is kept."""

    years: int


class WageRule(_Rule):
    """The wage paid is at least the higher of the actual and the prevailing wage."""

    hours_per_year: int


class CalendarRule(BaseModel):
    """Whose holidays are skipped."""

    model_config = ConfigDict(extra="forbid")

    holidays: str
    source: str


class Rules(BaseModel):
    """Every PAF rule."""

    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentRule]
    notice: NoticeRule
    availability: AvailabilityRule
    retention: RetentionRule
    wage: WageRule
    calendar: CalendarRule

    def document(self, doc_id: str) -> DocumentRule:
        """The rule of one document by id."""
        return next(d for d in self.documents if d.id == doc_id)


@functools.cache
def load_rules() -> Rules:
    """The bundled rules, validated."""
    text = (bundled_dir("compliance") / RULES_FILE).read_text(encoding="utf-8")
    data = load_yaml_text(text, f"docgen/data/compliance/{RULES_FILE}", DocgenError)
    try:
        return Rules.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DocgenError(f"docgen/data/compliance/{RULES_FILE}: {where}: {first['msg']}; fix the rules file") from None


# --- business days -----------------------------------------------------------------------------


@functools.cache
def _federal_holidays(year: int) -> holidays_lib.HolidayBase:
    return holidays_lib.country_holidays("US", years=year)


def is_business_day(day: dt.date) -> bool:
    """Monday to Friday and not a U.S. federal holiday (observed days count as holidays)."""
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def business_day_on_or_before(day: dt.date) -> dt.date:
    """``day`` when it is a business day, else the last business day before it (a Friday, the day before a holiday)."""
    while not is_business_day(day):
        day -= dt.timedelta(days=1)
    return day


def holiday_name(day: dt.date) -> str | None:
    """The federal holiday on ``day``, if any."""
    name = _federal_holidays(day.year).get(day)
    return str(name) if name else None


def business_days_between(first: dt.date, last: dt.date) -> int:
    """Business days from ``first`` to ``last``, both counted (0 when ``last`` is before ``first``)."""
    count, day = 0, first
    while day <= last:
        count += is_business_day(day)
        day += dt.timedelta(days=1)
    return count


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The business day ``days`` business days after ``start`` (``start`` itself not counted)."""
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        left -= is_business_day(day)
    return day


def nth_business_day(start: dt.date, count: int) -> dt.date:
    """The last day of a run of ``count`` business days starting on ``start`` (counted if a business day)."""
    day = start
    while not is_business_day(day):
        day += dt.timedelta(days=1)
    return add_business_days(day, count - 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
