"""What a parsed notice looks like: values, their confidence and the text they came from.

A :class:`Notice` holds one value per field of the output (see ``FIELDS``);
beside each value a confidence between 0 and 1 and the text it was read
from. ``None`` means the field does not apply to this notice (confidence 1),
is blank on the notice (high confidence) or could not be read (low
confidence: a person must look).

Confidence is calibrated: :func:`field_confidence` turns the reader's raw
score into how often a reading like it (same source, text layer or OCR; a
value or a null; same band of raw score) was right on the development
samples. A field at or above :data:`FILE_WITHOUT_REVIEW` is trusted; a notice
files without review when its key fields all are (:meth:`Notice.needs_review`
lists the fields below it). ``Notice.to_dict()["confidence"]`` holds the
calibrated figures.
"""

from __future__ import annotations

import re
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

# ``noid`` covers the Notice of Intent to Deny and the Notice of Intent to Revoke (NOIR): both carry a
# response date. An interview notice is none of these kinds (null, for review).
NOTICE_TYPES = ("receipt", "approval", "rfe", "biometrics", "transfer", "rejection", "noid", "denial", "other")

# Raw reader scores (Reading.confidence): below NULL_BELOW a value is not trusted and is reported as
# None, with its source text kept; below WEAK_BELOW a value is weak (read again on scans; reviewed).
NULL_BELOW = 0.5
WEAK_BELOW = 0.6

# Calibrated confidence (field_confidence): at or above this a field is trusted without review.
FILE_WITHOUT_REVIEW = 0.99
REVIEW_BELOW = FILE_WITHOUT_REVIEW

# How often a reading was right on the development samples, by how its page was read ("text" layer or
# "ocr"), whether it holds a value or is null, and its raw score: (lowest raw score of the band, share
# right), a band's share estimated as (right + 0.5) / (n + 1). A band with fewer than 30 readings, or
# None, keeps the raw score. Measured with ``bench/bench_notices.py --calibrate``, two runs pooled: (1)
# samples/notices, 300 generated text notices and 70 generated scans (seeds 4242 and 777); (2)
# samples/notices, 200 generated text notices (seed 3), 250 text notices and 20 scans of the second
# generator (variants.py, seeds 3, 21 and 99). 16,800 fields; one wrong value at or above the threshold
# (two names touching on one line, read as one).
CALIBRATION: dict[tuple[str, str], tuple[tuple[float, float | None], ...]] = {
    ("text", "value"): ((0.0, None), (0.95, 0.9987), (0.99, 0.9998)),  # right: 375/375, 6350/6351
    ("text", "null"): ((0.0, None), (0.8, 0.9995), (0.9, 0.9681)),  # 963/963; blank boxes 45/46
    ("ocr", "value"): ((0.0, None), (0.8, 0.9957), (0.9, 0.9981), (0.95, 0.9991), (0.99, 0.9961)),  # 115, 265, 529, 127
    # 116/127: a label OCR missed hides a value; from 0.99 (no trace of the value on the page) the raw score.
    ("ocr", "null"): ((0.0, None), (0.8, 0.9102), (0.9, None)),
}

# What a value rests on (``Reading.evidence``), and whether that is enough to file it without a person
# looking. Every path of the reader that gives a value names its evidence; a value whose evidence is not
# trusted is held below FILE_WITHOUT_REVIEW whatever its raw score (it goes to review: safe). The rule is
# a value must stand in its own label's place, or be a notice's self-description (its kind's title).
LABELLED = "labelled"  # in its own label's box: after the label, right of it, under or over it in its column
MISSPELT_LABEL = "misspelt label"  # as LABELLED, at a label OCR misspelt or garbled and read again
# At words a letter or two from a label that OCR read with confidence (``Billing Date``, ``Client Number``): maybe
# another label printed right, not that label misspelt.
GUESSED_LABEL = "guessed label"
CROP_AGREED = "crop agreed"  # a scan's value read again from its box alone, the two readings the same
PARTY_BOX = "party box"  # an A-Number on the first line of a party box (APPLICANT over A-Number and name)
INLINE_LABEL = "inline label"  # a label's words and the value in one run of text (``VALID FROM x TO y``)
TITLE = "title"  # a notice kind named by a title line near the top (no Notice Type line)
SENTENCE = "sentence"  # taken from a sentence of the letter (``must be received by June 5, 2026``)
HEADING = "heading"  # under a heading with no label (an ASC's address under its name)
POSITION = "position"  # by position only: a letter's lone date line; a receipt number whose label was not read
OTHER_SIDE = "other side"  # in its label's column but on the side the page's other labels do not use
FREE_TEXT = "free text"  # a form or kind found in body text (a form title anywhere, an operative sentence)
OCR_REPAIRED = "ocr repaired"  # OCR look-alikes (O/0, I/1) repaired, not confirmed by a second reading
CROP_VOTE = "crop vote"  # a scan's readings disagreed: a majority, or a value no crop confirmed
CUT = "maybe cut"  # a value of several lines whose next line, close under it in its column, was not joined
CONFLICT = "conflict"  # two candidates for the field disagree (a label and a sentence, two readings)
# A party's name whose page reading OCR was unsure of (under OCR_DOUBT), its box's second reading the same: kept, for
# review (the same engine may repeat a letter it has no glyph for: ``SORENSEN`` twice for ``SØRENSEN``).
WEAK_AGREED = "weak, read twice"
# A scanned name one of whose words stands higher than the others (a mark over a capital: ``HALLSTRÖM``) while OCR,
# whose alphabet lacks the marked letter, read a plain one (``HALLSTROM``): kept, for a person to confirm.
MARK_LOST = "mark lost"
# A free-form value (a name, an address) run into its label with no colon or gap (``PETITIONER ACME INC``): the
# label's words may start a heading (``PETITIONER INFORMATION``, a title ``APPLICATION SUPPORT CENTER ...``).
RUN_TOGETHER = "run together"

TRUSTED_EVIDENCE = frozenset({LABELLED, MISSPELT_LABEL, CROP_AGREED, PARTY_BOX, INLINE_LABEL, TITLE})
REVIEW_CEILING = 0.9  # calibrated confidence of a value whose evidence is not trusted, at most
PARTY_FIELDS = ("petitioner", "beneficiary", "applicant")
# A party's name ending in one of these words (or a comma or hyphen) was cut where it wrapped: ``... FOUNDATION OF``.
DANGLING = frozenset({"OF", "AND", "&", "THE", "FOR", "DE", "DEL", "VAN", "VON", "AT", "TO"})

# The fields that decide where a notice is filed: below FILE_WITHOUT_REVIEW, a person looks first.
KEY_FIELDS = ("notice_type", "receipt_number", "notice_date")

# OCR doubt. Tesseract gives each word a confidence (0-100). A value read by OCR whose weakest word is below
# OCR_DOUBT is not asserted: the field is null, and what OCR read is kept as the field's ``candidate`` (with
# why it is doubtful) for the person resolving the notice, who confirms or corrects it. So is a value whose
# second reading from its box alone disagreed. A candidate is never a value: it is never filed.
OCR_DOUBT = 75.0
# Below this, what OCR read is noise (``eogesess`` for a name under grain): null with no candidate (the page
# is there to read).
CANDIDATE_FLOOR = 30.0


def candidate_for(value: Any, why: str, ocr_conf: float | None) -> Candidate | None:
    """The candidate of a doubtful OCR reading, or None when OCR read only noise (see :data:`CANDIDATE_FLOOR`)."""
    if value is None or (ocr_conf is not None and ocr_conf < CANDIDATE_FLOOR):
        return None
    return Candidate(value, why)


NOT_A_NOTICE = "not a USCIS notice"
UNREADABLE = "scan unreadable: review by hand"


@dataclass(frozen=True)
class Candidate:
    """What OCR read for a field it was unsure of, and why it is doubtful: shown to a person, never filed."""

    value: Any
    why: str  # "OCR confidence 41", "read again from its box: TRAN, DMITRI S"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "why": self.why}


def doubt(ocr_conf: float) -> str:
    """Why a value read with this (weakest word's) tesseract confidence is doubtful, in words."""
    return f"OCR confidence {int(ocr_conf)}"  # cut down, not rounded: 74.6 shows as 74, below OCR_DOUBT (75)


@dataclass
class Reading:
    """One field's value, how sure we are of it, and the text it was read from."""

    value: Any = None
    confidence: float = 0.0
    source: str | None = None
    evidence: str = LABELLED  # what the value rests on (see TRUSTED_EVIDENCE)
    # Tesseract's confidence (0-100) in the weakest word the value was read from; None for a text layer.
    ocr_conf: float | None = None
    candidate: Candidate | None = None  # a doubtful OCR reading withheld from ``value`` (see OCR_DOUBT)

    @classmethod
    def not_applicable(cls) -> Reading:
        """A field this kind of notice never carries."""
        return cls(None, 1.0, None)


def calibrated(raw: float, ocr: bool, is_value: bool) -> float:
    """How often a reading with raw score ``raw`` was right (see :data:`CALIBRATION`)."""
    if raw >= 1.0 and not is_value:
        return 1.0  # a field this kind of notice or form never carries
    bands = CALIBRATION["ocr" if ocr else "text", "value" if is_value else "null"]
    share: float | None = None
    for floor, right in bands:
        if raw >= floor:
            share = right
    return raw if share is None else share


def lowest_filed_score(ocr: bool) -> float:
    """The lowest raw score of a value that calibrates at or above :data:`FILE_WITHOUT_REVIEW` (OCR: 0.8)."""
    bands = CALIBRATION["ocr" if ocr else "text", "value"]
    return min((floor for floor, right in bands if right is not None and right >= FILE_WITHOUT_REVIEW), default=1.0)


BAND_MARGIN = 4.0  # points filed round a shared sheet's part (a line's ink beyond its box: ascenders, blur)


@dataclass
class Notice:
    """One notice found in a file: its pages, a reading per field, and whether its pages were OCR'd."""

    pages: list[int]
    readings: dict[str, Reading] = field(default_factory=dict)
    ocr: bool = False
    # A page this notice shares with another (two notices printed on one sheet, one above the other or side by
    # side): the part of it that is this notice's, (left, top, right, bottom) in points from the page's top-left
    # corner (an open edge is inf; a scan's part carried back to the scanned page, its edge facing the other
    # notice the inner one of a tilted sheet's). The mailroom files only that part and :data:`BAND_MARGIN` round
    # it, so one client's filed copy does not show another's notice: an edge facing another notice lies at least
    # the margin from that notice's print.
    bands: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    # Pages shared with another notice whose part could not be cut out safely (a photographed sheet; a tilt too
    # great for a level part to hold this notice's print and none of the other's): the notice goes to review
    # with the whole sheet, never filed to a client with another client's print.
    uncut: list[int] = field(default_factory=list)

    def value(self, name: str) -> Any:
        """The value of field ``name`` (None if absent)."""
        reading = self.readings.get(name)
        return reading.value if reading else None

    def needs_review(self) -> list[str]:
        """Fields whose calibrated confidence is below :data:`FILE_WITHOUT_REVIEW`."""
        confidence = field_confidence(self)
        return [name for name in FIELDS if confidence[name] < FILE_WITHOUT_REVIEW]

    def files_without_review(self) -> bool:
        """Whether the fields that decide where the notice goes are all trusted (:data:`KEY_FIELDS`)."""
        confidence = field_confidence(self)
        return all(self.value(name) is not None and confidence[name] >= FILE_WITHOUT_REVIEW for name in KEY_FIELDS)

    def candidates(self) -> dict[str, Candidate]:
        """The fields left null because OCR was unsure of them, with what OCR read (see :data:`OCR_DOUBT`)."""
        return {
            name: reading.candidate
            for name in FIELDS
            if (reading := self.readings.get(name)) is not None and reading.candidate is not None
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the fields, then calibrated ``confidence`` and ``source`` per field, then the
        ``candidates`` (fields OCR was unsure of: what it read, and why; never values)."""
        readings = {name: self.readings.get(name, Reading()) for name in FIELDS}
        confidence = field_confidence(self)
        out: dict[str, Any] = {"pages": list(self.pages)}
        out.update({name: reading.value for name, reading in readings.items()})
        out["confidence"] = {name: round(confidence[name], 4) for name in FIELDS}
        out["source"] = {name: reading.source for name, reading in readings.items()}
        out["candidates"] = {name: candidate.to_dict() for name, candidate in self.candidates().items()}
        return out


def field_confidence(notice: Notice) -> dict[str, float]:
    """Per field, the calibrated confidence (0-1) that the reading is right, value or null.

    A null that the notice's kind or form never carries is 1; a value or null read from text or
    OCR gets how often such readings were right on the development samples. A field is trusted
    at or above :data:`FILE_WITHOUT_REVIEW`.
    """
    out = {}
    for name in FIELDS:
        reading = notice.readings.get(name, Reading())
        out[name] = calibrated(reading.confidence, notice.ocr, reading.value is not None)
        if reading.value is not None and (
            reading.evidence not in TRUSTED_EVIDENCE
            or _dangling(name, reading.value)
            or _partial(name, reading.value)
            or _implausible_party(name, notice)
        ):
            out[name] = min(out[name], REVIEW_CEILING)
    return out


# Plausibility across fields (issue 14: a layout the reader does not know gives values as sure as a known one).
# A person's role (beneficiary, applicant) holding a firm's name means the party boxes were read one place off
# (the beneficiary's name in the petitioner's box, the attorney's firm in the beneficiary's): every party name of
# the notice goes to a person. A party name with a digit in it has an address, a date or another label's value run
# into it. Neither rule has a threshold: nothing was tuned on a set (see README, Notices). ``Law`` alone is a
# surname (``LAW, JENNIFER``), not a firm: only ``Law Firm``, ``Law Office(s)``, ``Law Group`` are.
ORGANISATION = re.compile(
    r"\b(?:L\.?L\.?C|L\.?L\.?P|P\.?L\.?L\.?C|INC|INCORPORATED|CORP|CORPORATION|LTD|LIMITED|LAW\s+(?:FIRM|OFFICES?|GROUP))\b",
    re.IGNORECASE,
)
PERSON_ROLES = ("beneficiary", "applicant")


def _implausible_party(name: str, notice: Notice) -> bool:
    """Whether a party's name cannot be right as read: a digit in it, or a firm in a person's role on the notice."""
    if name not in PARTY_FIELDS:
        return False
    value = notice.value(name)
    if isinstance(value, str) and any(char.isdigit() for char in value):
        return True
    return any(
        isinstance(person, str) and ORGANISATION.search(person) is not None
        for person in (notice.value(role) for role in PERSON_ROLES)
    )


# A party's name that says it is not whole: the rest on an attachment or a list (``JANE DOE (SEE ATTACHED)``,
# ``ACME INC ET AL``, ``OKAFOR, BEN AND OTHERS``).
PARTIAL = re.compile(
    r"\b(?:SEE|REFER\s+TO)\s+(?:THE\s+)?(?:ATTACHED|ATTACHMENT|ENCLOSED|ENCLOSURE|ADDENDUM|LIST|CONTINUATION)\b"
    r"|\bET\.?\s*AL\b|\bAND\s+OTHERS\b|\b(?:CONTINUED|CONT'D)\b",
    re.IGNORECASE,
)


def _partial(name: str, value: Any) -> bool:
    """Whether a party's name says the rest of it is elsewhere (:data:`PARTIAL`): kept as printed, for a person."""
    return name in PARTY_FIELDS and isinstance(value, str) and PARTIAL.search(value) is not None


def _dangling(name: str, value: Any) -> bool:
    """Whether a party's name stops where it cannot end (a connective word, a comma, a hyphen): the rest
    of it wrapped onto a line the reader did not join, so the value goes to a person."""
    if name not in PARTY_FIELDS or not isinstance(value, str) or not value.strip():
        return False
    text = value.strip()
    return text[-1] in ",-&" or text.split()[-1].upper().rstrip(".") in DANGLING


@dataclass
class NoticeFileResult:
    """Everything read from one input file."""

    file: str
    notices: list[Notice] = field(default_factory=list)
    reason: str | None = None
    kind: str = ""  # what the file is: pdf, jpeg, png, tiff
    ocr_pages: list[int] = field(default_factory=list)
    skipped_pages: list[int] = field(default_factory=list)
    page_texts: dict[int, str] = field(default_factory=dict)  # page number -> its text (read or OCR)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document for this file."""
        return {"file": self.file, "notices": [notice.to_dict() for notice in self.notices], "reason": self.reason}
