"""The dates the PAF rules set for one LCA, and the deadlines they put on the docket.

Light on imports (no PDF or Word code), so the mailroom can add these
deadlines to the docket with a case's I-94 and passport dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docgen.case.model import Case, Job, Lca, Posting, Wage
from docgen.compliance.rules import (
    DocumentRule,
    Rules,
    add_business_days,
    add_years,
    business_days_between,
    load_rules,
    nth_business_day,
)
from docgen.errors import CaseDataError
from docgen.mailroom.deadlines import in_bounds, out_of_bounds
from docgen.mailroom.docket import Deadline, DeadlineKind

H1B_CLASSES = {"H-1B", "H1B", "H-1B1", "E-3"}  # the LCA-based classifications


# --- the facts and dates of one LCA --------------------------------------------------------------


def lca_classification(case: Case) -> bool:
    """Whether the case's classification is one filed on an LCA (H-1B, H-1B1, E-3)."""
    return (case.facts.classification or "").upper().replace(" ", "") in H1B_CLASSES


def is_lca_case(case: Case) -> bool:
    """Whether the case has an LCA whose public access file docgen keeps (an H-1B, H-1B1 or E-3 with job.lca)."""
    return lca_classification(case) and case.job is not None and case.job.lca is not None


LCA_DATES = (
    "filed_date",
    "certified_date",
    "valid_from",
    "valid_to",
    "withdrawn_date",
    "last_h1b_employment_date",
    "paf_created_date",
)  # the dates of an LCA section (its postings have their own)


def unusable_dates(lca: Lca) -> list[str]:
    """The LCA's dates no deadline can fall on (a typing slip such as 9999-12-31), each named with its field."""
    fields: list[tuple[str, dt.date | None]] = [(name, getattr(lca, name)) for name in LCA_DATES]
    for index, posting in enumerate(lca.postings):
        fields += [
            (f"postings[{index}].start_date", posting.start_date),
            (f"postings[{index}].end_date", posting.end_date),
        ]
    return [out_of_bounds(f"job.lca.{name}", day) for name, day in fields if day is not None and not in_bounds(day)]


def lca_of(case: Case, source: str) -> tuple[Job, Lca]:
    """The job and its LCA section; CaseDataError naming what is missing."""
    job = case.job
    if job is None or job.lca is None:
        raise CaseDataError(
            f"{source}: case {case.case_id}: job.lca is missing; add the LCA's dates and notice postings "
            "(filed_date, valid_from, valid_to, postings) to build its public access file"
        )
    missing = [
        name
        for name, value in (
            ("job.lca_number", job.lca_number),
            ("job.lca.filed_date", job.lca.filed_date),
            ("job.lca.valid_from", job.lca.valid_from),
            ("job.lca.valid_to", job.lca.valid_to),
        )
        if not value
    ]
    if missing:
        raise CaseDataError(f"{source}: case {case.case_id}: {', '.join(missing)} missing; add them from the LCA")
    slips = unusable_dates(job.lca)
    if slips:
        raise CaseDataError(f"{source}: case {case.case_id}: {slips[0]}", case_id=case.case_id)
    return job, job.lca


PERIODS_PER_YEAR = {"year": 1, "month": 12, "biweekly": 26, "week": 52}


def yearly(wage: Wage, rules: Rules) -> Decimal:
    """A wage as a yearly amount (hourly: times the rule's hours a year)."""
    per_year = rules.wage.hours_per_year if wage.unit == "hour" else PERIODS_PER_YEAR[wage.unit]
    return wage.amount * per_year


def check_wage(case: Case, source: str, rules: Rules | None = None) -> None:
    """Refuse a case whose wage is below the actual or the prevailing wage (the memo would say otherwise)."""
    rules = rules or load_rules()
    job = case.job
    if job is None or job.wage is None:
        raise CaseDataError(f"{source}: case {case.case_id}: job.wage is missing; add the wage paid to the worker")
    paid = yearly(job.wage, rules)
    lca = job.lca
    for name, floor in (
        ("job.prevailing_wage", job.prevailing_wage),
        ("job.lca.actual_wage", lca.actual_wage if lca else None),
    ):
        if floor is not None and paid < yearly(floor, rules):
            raise CaseDataError(
                f"{source}: case {case.case_id}: job.wage ({job.wage.amount} per {job.wage.unit}) is below {name} "
                f"({floor.amount} per {floor.unit}); the wage paid must be at least the higher of the actual and "
                f"the prevailing wage ({rules.wage.source}). Correct the case; nothing was written"
            )


def dependent_or_violator(lca: Lca | Mapping[str, Any]) -> bool:
    """Whether the H-1B-dependent / willful violator documents apply."""
    get = lca.get if isinstance(lca, Mapping) else lambda key: getattr(lca, key)
    return bool(get("h1b_dependent") or get("willful_violator"))


def required_documents(rules: Rules, dependent: bool) -> list[DocumentRule]:
    """The documents this LCA's file must hold."""
    return [d for d in rules.documents if d.when is None or (d.when == "dependent_or_violator" and dependent)]


@dataclass
class PafDates:
    """The dates the rules set for one LCA's file (None when the case cannot say yet)."""

    available_by: dt.date | None  # one working day after the LCA filing
    notice_ends: dict[int, dt.date]  # per posting (by index): the tenth business day
    retention_until: dt.date | None
    retention_basis: str


def posting_end(start: dt.date, rules: Rules | None = None) -> dt.date:
    """The last day a notice posted on ``start`` must stay up (its tenth business day)."""
    rules = rules or load_rules()
    return nth_business_day(start, rules.notice.business_days)


def retention(lca: Lca, rules: Rules | None = None) -> tuple[dt.date | None, str]:
    """Until when the file is kept, and why (20 CFR 655.760(c))."""
    rules = rules or load_rules()
    years = rules.retention.years
    if lca.last_h1b_employment_date:
        return add_years(lca.last_h1b_employment_date, years), (
            f"{years} year after the last H-1B worker's employment under the LCA "
            f"({lca.last_h1b_employment_date.isoformat()})"
        )
    ends = [d for d in (lca.withdrawn_date, lca.valid_to) if d]
    if not ends:
        return None, "unknown until the LCA's end date (job.lca.valid_to) is given"
    # No worker can be employed under the LCA after it ends, so its end is the latest the last employment
    # can be: the date holds whether or not a worker was employed (job.lca.last_h1b_employment_date gives
    # an earlier one).
    end = min(ends)
    how = "withdrawal" if lca.withdrawn_date and end == lca.withdrawn_date else "end"
    return add_years(end, years), f"{years} year after the LCA's {how} ({end.isoformat()})"


def paf_dates(lca: Lca, rules: Rules | None = None) -> PafDates:
    """Every date the rules set for this LCA's file."""
    rules = rules or load_rules()
    available = add_business_days(lca.filed_date, rules.availability.working_days) if lca.filed_date else None
    ends = {i: posting_end(p.start_date, rules) for i, p in enumerate(lca.postings)}
    until, basis = retention(lca, rules)
    return PafDates(available, ends, until, basis)


def posting_days(posting: Posting, today: dt.date) -> int:
    """Business days a notice was (or, still posted, has so far been) up."""
    return business_days_between(posting.start_date, posting.end_date or today)


def paf_deadlines(case: Case) -> tuple[list[Deadline], list[str]]:
    """The public access file's dates for the docket (file ready by, notice up until, file kept until), and
    the LCA dates left out as impossible (then no PAF deadline is recorded)."""
    if not is_lca_case(case):
        return [], []
    assert case.job is not None and case.job.lca is not None
    lca, number = case.job.lca, case.job.lca_number or "the LCA"
    slips = unusable_dates(lca)
    if slips:
        return [], slips
    dates = paf_dates(lca)
    out = []
    if dates.available_by and not lca.paf_created_date:
        out.append(
            Deadline(
                case.case_id,
                "",
                DeadlineKind.PAF_DUE,
                dates.available_by,
                f"Public access file of LCA {number} must be available (one working day after filing)",
            )
        )
    for index, end in sorted(dates.notice_ends.items()):
        posting = lca.postings[index]
        if posting.end_date is None:
            out.append(
                Deadline(
                    case.case_id,
                    "",
                    DeadlineKind.LCA_NOTICE_UNTIL,
                    end,
                    f"Notice of LCA {number} at {posting.location} must stay up until this day (10 business days)",
                )
            )
    if dates.retention_until:
        out.append(
            Deadline(
                case.case_id,
                "",
                DeadlineKind.PAF_RETENTION_ENDS,
                dates.retention_until,
                f"Public access file of LCA {number} may be destroyed after this day",
            )
        )
    return out, []
