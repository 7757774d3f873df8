"""The names a field map, a letter template and the to-answer report see: built in this one place.

Their types are declared beside the model in :data:`docgen.case.paths.ROOTS`, which the map and
template checks read; a test keeps the two in step, so a name a map may use is a name a fill has.
"""

from __future__ import annotations

from typing import Any

from docgen import templating
from docgen.case.model import Case, Person


def build_context(case: Case, person: Person, form_id: str) -> dict[str, Any]:
    """The names a map or template sees for ``person``'s ``form_id`` (``extra`` holds that form's answers)."""
    data = case.model_dump(mode="python")
    merged = dict(case.extra.get(form_id, {}))
    merged.update(person.extra.get(form_id, {}))
    applicant = person.model_dump(mode="python")
    for someone in (applicant, data["beneficiary"], *data["dependents"]):  # alike, so applicant == beneficiary holds
        if someone.get("household") is None:  # the family's household, given once for the case
            someone["household"] = data.get("household")
    return {
        "case": data,
        "petitioner": data["petitioner"],
        "beneficiary": data["beneficiary"],
        "applicant": applicant,
        "dependents": data["dependents"],
        "job": data["job"],
        "representative": data["representative"],
        "preparer": data["preparer"],
        "facts": data["facts"],
        "extra": templating.Answers.wrap(merged),
        "today": templating.current_date(),  # read at each fill, never frozen in a cached environment
    }
