"""What a parsed notice looks like: values, their confidence and the text they came from.

A :class:`Notice` holds one value per field of the output (see ``FIELDS``);
beside each value a confidence between 0 and 1 and the text it was read
from. ``None`` means the field does not apply to this notice (confidence 1),
is blank on the notice (high confidence) or could not be read (low
confidence: a person must look).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The output fields of a notice, in output order (``pages`` comes first, outside this list).
FIELDS = (
    "notice_type",
    "form",
    "receipt_number",
    "received_date",
    "notice_date",
    "priority_date",
    "petitioner",
    "beneficiary",
    "applicant",
    "a_number",
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
)

NOTICE_TYPES = ("receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial", "other")

# Below this confidence a value is not trusted: it is reported as None, with its source text kept.
NULL_BELOW = 0.5
# Below this confidence a field needs a person's review.
REVIEW_BELOW = 0.6

NOT_A_NOTICE = "not a USCIS notice"
UNREADABLE = "scan unreadable: review by hand"


@dataclass
class Reading:
    """One field's value, how sure we are of it, and the text it was read from."""

    value: Any = None
    confidence: float = 0.0
    source: str | None = None

    @classmethod
    def not_applicable(cls) -> Reading:
        """A field this kind of notice never carries."""
        return cls(None, 1.0, None)


@dataclass
class Notice:
    """One notice found in a file: its pages and a reading per field."""

    pages: list[int]
    readings: dict[str, Reading] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        """The value of field ``name`` (None if absent)."""
        reading = self.readings.get(name)
        return reading.value if reading else None

    def needs_review(self) -> list[str]:
        """Fields whose confidence is below :data:`REVIEW_BELOW`."""
        return [name for name in FIELDS if self.readings.get(name, Reading()).confidence < REVIEW_BELOW]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the fields, then ``confidence`` and ``source`` per field."""
        readings = {name: self.readings.get(name, Reading()) for name in FIELDS}
        out: dict[str, Any] = {"pages": list(self.pages)}
        out.update({name: reading.value for name, reading in readings.items()})
        out["confidence"] = {name: round(reading.confidence, 2) for name, reading in readings.items()}
        out["source"] = {name: reading.source for name, reading in readings.items()}
        return out


@dataclass
class NoticeFileResult:
    """Everything read from one input file."""

    file: str
    notices: list[Notice] = field(default_factory=list)
    reason: str | None = None
    kind: str = ""  # what the file is: pdf, jpeg, png, tiff
    ocr_pages: list[int] = field(default_factory=list)
    skipped_pages: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document for this file."""
        return {"file": self.file, "notices": [notice.to_dict() for notice in self.notices], "reason": self.reason}
