"""Whether a letter's date makes sense for its case: the warnings counsel wants before signing.

A letter dated after the employment it asks for begins, after the status it
extends has ended, or after the response it carries was due is legal, but
almost always a mistake (the letter was dated "today" by default). These are
warnings, never errors: the date may be right and the filing late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from docgen.case.model import Case

PETITION_TEMPLATES = ("h1b_support", "l1a_support")
RESPONSE_TEMPLATES = ("rfe_response",)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _long(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def date_warnings(
    case: Case, template: str, dated: dt.date, section: Mapping[str, Any] | None = None, due: dt.date | None = None
) -> list[str]:
    """What is odd about dating letter ``template`` of ``case`` on ``dated``.

    ``section`` is the letter's data (``extra.<template>``: ``response_due``);
    ``due`` a response due date read elsewhere (the notice on top of a packet).
    """
    warnings = []
    facts = case.facts
    shown = _long(dated)
    if template in PETITION_TEMPLATES and facts is not None and facts.requested_from and dated > facts.requested_from:
        warnings.append(
            f"the letter is dated {shown}, after the requested start date {_long(facts.requested_from)} "
            "(facts.requested_from); give the letter the date it is signed (date:)"
        )
    if template in PETITION_TEMPLATES:
        i94 = case.beneficiary.i94
        expiry = i94.expiry_date if i94 is not None else None
        if expiry is not None and dated > expiry:
            warnings.append(
                f"the letter is dated {shown}, after the beneficiary's I-94 expired ({_long(expiry)}); "
                "a petition to extend status must be filed before it ends"
            )
    if template in RESPONSE_TEMPLATES:
        dues = [d for d in (_as_date((section or {}).get("response_due")), due) if d is not None]
        if dues and dated > min(dues):
            warnings.append(
                f"the letter is dated {shown}, after the response was due ({_long(min(dues))}); "
                "USCIS decides on the record once the due date has passed"
            )
    return warnings
