"""Find labelled values and patterned values on the pages of a notice.

A label is looked for at the start of a text segment. Its value is, in turn:
the rest of the segment after a colon (``Receipt Number: WAC...``), the next
segment to its right (a key/value table), or the segments just below it in
the same column (a grid of boxes) -- or just above it, on a page whose values
are printed above their labels. Which way a page runs is decided once per
page by its typed labels: where a receipt number or a date label finds a
valid value (below or above), the page's names and texts are read the same
way. A label with nothing after or below it is a blank box: the field is
empty on the notice, which is not the same as unreadable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from docgen.notices.layout import LINE_CHARS, Line, Page, Segment, Word
from docgen.notices.model import (
    CONFLICT,
    CROP_AGREED,
    CROP_VOTE,
    CUT,
    GUESSED_LABEL,
    HEADING,
    INLINE_LABEL,
    LABELLED,
    MARK_LOST,
    MISSPELT_LABEL,
    OCR_REPAIRED,
    OTHER_SIDE,
    RUN_TOGETHER,
    SENTENCE,
    WEAK_BELOW,
    Candidate,
    candidate_for,
    doubt,
    lowest_filed_score,
)
from docgen.notices.patterns import Label, Patterns, by_text, finditer, page_folded, title_names
from docgen.notices.values import (
    KEPT_PERIOD,
    READERS,
    STRONG_TYPES,
    TOKEN_TYPES,
    Value,
    is_bare_form,
    read_receipt,
    split_anumber,
)

COLUMN_TOLERANCE = 14.0  # points a value below a label may start left or right of it
FIRST_LINE_GAP = 22.0  # points between a label and the value below it, at most
NEXT_LINE_GAP = 8.0  # points between two lines of one value, at most
WRAP_LINES = 3  # lines a wrapped value may run over before the line in question
PATTERN_FACTOR = 0.98  # a value found by a text pattern is a little less sure than a labelled one
REPAIR_FACTOR = 0.92  # a value that needed OCR repairs is less sure
BLANK_CONF = 0.9  # a blank box on a text page
OCR_PUNCTUATION_CONF = 0.45  # an OCR'd name with a period in it: null for review, source kept
CHECKED_FLOOR = 0.55  # a value that passed a strong format check is kept (for review if weakly read)
# On scans these are read twice (the page, then the value's box alone): they must agree.
DOUBLE_READ = frozenset({"receipt", "i94", "anumber", "alien_number"})
# ... and these only when the page reading was weak.
WEAK_REREAD = frozenset({"class", "date", "time", "money", "name"})
REREAD_MIN_CHARS = {
    "receipt": 9,
    "i94": 9,
    "anumber": 8,
    "alien_number": 8,
    "class": 2,
    "date": 6,
    "time": 4,
    "money": 3,
    "name": 2,
    "form": 3,
}
# Characters a re-read may return, by type ("" = any).
REREAD_CHARS = {
    "receipt": LINE_CHARS,
    "i94": LINE_CHARS,
    "anumber": LINE_CHARS,
    "alien_number": LINE_CHARS,
    "class": LINE_CHARS,
    "form": LINE_CHARS + "-",
}
# A name read by OCR whose weakest word is below CHECK_BELOW (tesseract's 0-100) is read again from its box
# alone (sharp, one line): the two readings must agree, else the field is null with the page's reading as
# its candidate (``TRAN, DMITRIS`` on the page, ``TRAN, DMITRI S`` in its box). Agreement changes no score.
CHECKED_READ = frozenset({"name"})
CHECK_BELOW = 95.0
AGREED_CONF = 0.85  # the page reading and the sharp crop agree
MAJORITY_CONF = 0.58  # the page's reading failed, both crops agree: kept, for review
DISAGREE_CONF = 0.3  # they do not: null, for a person to read
# A page OCR read poorly: under this share of its words read with good confidence (``ocr.quality``), a value's
# own words' confidence does not make it sure (a lost letter leaves the rest of a word read confidently: ``ZHOU,
# ADAEZE`` for ``ZHOU, ADAEZE S`` at quality 0.67). The page factor there is at most POOR_PAGE_FACTOR, which keeps a
# raw score under the lowest band that calibrates into the filing range (``model.lowest_filed_score``).
POOR_PAGE = 0.75
POOR_PAGE_FACTOR = round(lowest_filed_score(ocr=True) - 0.01, 3)
# Labels whose values tell which way a line of labels runs (value above or below).
LINE_VOTE_TYPES = frozenset({"receipt", "date", "time", "i94"})
# Value types whose format no other value shares: read on the other side of their label when needed.
OWN_FORMAT = frozenset({"receipt", "i94", "anumber", "alien_number"})


MISSPELT_FACTOR = 0.95  # a value found at a label OCR misspelt is a little less sure
# A small label OCR garbled past a misspelling is read again from its box (enlarged, capitals only) when it
# has this many letters, was read with less than this confidence, and is among the page's weakest few.
GARBLED_LETTERS = (6, 16)
GARBLED_CONF = 75.0
GARBLED_REREADS = 8
MISSPELT_MIN = 8  # letters a label needs before a misspelling of it is recognised
HEADER_SIZE = 0.1  # two cells' heights this share apart at most are in one type size (a row of column headings)
HEADER_GAP = 2.0  # a row of values this many heights under a row of headings at most
HEADER_ALIGN = 3.0  # points: a cell starting this near a heading's left edge is under it
LEAD_LABEL_WORDS = 3  # words of a misspelt label that starts a segment holding its value, at most
# OCR's confidence (0-100) in every word of a would-be misspelt label at or above which OCR read what is printed: it
# may be another label a letter or two from a known one (``Billing Date``, ``Client Number``, ``Appointment Notice``),
# not a slip (``Recerveo Dare``, ``Pettoner``): the label is a guess, its value goes to review.
SURE_SPELLING = 90.0
# Upper-case words, as labels are printed, or a few words each with a capital (``Prionty Date``, ``Oate Received``,
# ``ApplicanURequestor``).
_LABEL_LIKE = re.compile(r"[A-Z][A-Z .,:'/()-]{3,}|[A-Z][A-Za-z]*(?:[ /]+/?[A-Z][A-Za-z]*){0,2}[.:]?")
WRAPPED_WORDS = 2  # the words of a label's second line (``Number``, ``Record No.``), at most
WRAPPED_CHARS = 40  # the characters of a wrapped label's first line, at most (its second line: half as many)
_LABEL_TAIL = re.compile(r"[A-Za-z][A-Za-z .#()/-]*")  # the second line of a wrapped label: words, no figures


def _read_surely(words: list[Word]) -> bool:
    """Whether OCR read every one of ``words`` with confidence (see :data:`SURE_SPELLING`): what they spell is
    likely what is printed, so words a letter or two from a label may be another label, not that one misspelt."""
    return bool(words) and min(word.conf for word in words) >= SURE_SPELLING


def _misspelt_evidence(hit: Hit, label: list[Word]) -> str:
    """The evidence of a value found at a label OCR misspelt (its words ``label``): a misspelt label's; or, when OCR
    was sure of every word it read there (:func:`_read_surely`), a guessed label's: whatever the value's own
    reading (a second reading from its box agreeing says nothing of the label), it goes to review."""
    if _read_surely(label) and hit.value is not None:
        return GUESSED_LABEL
    return MISSPELT_LABEL if hit.evidence == LABELLED else hit.evidence


def _letters(text: str) -> str:
    """The letters of ``text``, upper case (how labels are compared across OCR's spacing)."""
    return "".join(ch for ch in text.upper() if ch.isalpha())


_BARE_WORDS = re.compile(r"[A-Za-z][A-Za-z ]*[.:]?")  # a label's words alone, its mark lost (``Receipt``)
_WHOLE = re.compile(r"^(?P<label>.*?)(?P<sep>)(?P<rest>)$")  # a segment that is a label and nothing else


_LABEL_SETS: dict[int, tuple[Patterns, list[Label], list[str], dict[str, frozenset[str]]]] = {}


def _label_sets(patterns: Patterns) -> tuple[list[Label], list[str], dict[str, frozenset[str]]]:
    """Every label (common and per kind) whose values vote a line's direction, the labels' plain words,
    and each word's letters (made once per pattern set, not per page: thousands of words)."""
    if id(patterns) not in _LABEL_SETS:
        every = [*patterns.labels, *(lab for kind in patterns.kinds.values() for lab in kind.labels)]
        voting = [lab for lab in every if lab.type in LINE_VOTE_TYPES]
        words = sorted({word for lab in every for word in lab.words if len(word) >= MISSPELT_MIN})
        _LABEL_SETS[id(patterns)] = (patterns, voting, words, {word: frozenset(word) for word in words})
    _, voting, words, chars = _LABEL_SETS[id(patterns)]
    return voting, words, chars


def distance(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions) between two short strings."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Hit:
    """A value found on a page (or a label found blank), with confidence and source text."""

    value: Any
    conf: float
    source: str | None
    blank: bool = False
    evidence: str = LABELLED  # what the value rests on (docgen.notices.model.TRUSTED_EVIDENCE)
    ocr_conf: float | None = None  # tesseract's confidence (0-100) in the value's weakest word; None: a text layer
    candidate: Candidate | None = None  # a value OCR was unsure of, withheld (docgen.notices.model.OCR_DOUBT)
    # Where the value's label (or a pattern's match) stands: (page number, top in points); None when unknown. The
    # parts of one value read under several labels (an appointment's date, time and place) must stand together.
    where: tuple[int, float] | None = None


_READ_KEYS = {type_: f"read {type_}" for type_ in [*READERS, *TOKEN_TYPES]}  # by_text's key of Finder.read


@dataclass(frozen=True)
class _Found:
    value: Value
    start: int
    end: int


class Finder:
    """Finds field values on pages with a set of :class:`Patterns`."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        self._vote_labels, self._words, self._chars = _label_sets(patterns)
        # Labels whose value has a format of its own: one of them with its value right of another label is a pair of
        # its own (see :meth:`other_pair`). Not an A-Number's: a party's box holds it over or before the name.
        every = [*patterns.labels, *(lab for kind in patterns.kinds.values() for lab in kind.labels)]
        self._pair_labels = [lab for lab in every if lab.type in STRONG_TYPES - PARTY_BOX_TYPES]
        # What a page's text alone decides with these patterns is kept on the page (``Page.memo``), so that each
        # finder made for the page (splitting a batch makes several before the notice is read) works it out once.
        self._above_key = f"values above {id(patterns)}"
        self._line_key = f"line above {id(patterns)}"
        self._starts_key = f"label segments {id(patterns)}"

    def values_above(self, page: Page) -> bool:
        """Whether values on ``page`` are printed above their labels (voted by typed labels)."""
        key = self._above_key
        if key not in page.memo:
            page.memo[key] = self._vote_direction(page)
        above: bool = page.memo[key]
        return above

    def _vote_direction(self, page: Page) -> bool:
        below = above = 0
        typed = [label for label in self.patterns.labels if label.type in ("receipt", "date")]
        # On a scan, labels OCR misspelt vote too (a poor scan may keep no label spelt right).
        misspelt = [
            (number, segment, label)
            for number, _, segment, name in self._misspelt_labels(page)
            for label in typed
            if name in label.words
        ]
        candidates = [
            (number, segment, next((lab for lab in typed if lab.regex.match(segment.text)), None))
            for number, _, segment in self._label_segments(page)
        ]
        for number, segment, label in [*candidates, *misspelt]:
            if label is None:
                continue
            match = label.regex.match(segment.text) or _WHOLE.match(segment.text)
            if match is None or match.group("rest").strip():
                continue
            vote_below, vote_above = self._direction_vote(page, number, segment, label)
            below += vote_below
            above += vote_above
        return above > below

    def read(self, type_: str, text: str) -> _Found | None:
        """The first value of ``type_`` in ``text`` (token types) or ``text`` read whole (others); worked out
        once a text and type for these patterns (the same texts are read again: by each label near them, by the
        split and the reading, on every notice of a batch)."""
        return by_text(self.patterns, _READ_KEYS.get(type_) or f"read {type_}", text, lambda _, t: self._read(type_, t))

    def _read(self, type_: str, text: str) -> _Found | None:
        token_name = TOKEN_TYPES.get(type_)
        if token_name is None:
            value = READERS[type_](text)
            if value and type_ == "name" and self.is_label_word(str(value.value)):
                return None  # the slot holds only the next label (``BENEFICIARY``): the value is missing
            if value and type_ == "name" and self._heading(str(value.value)):
                return None  # a letter's heading under the box (``DECISION``, ``REQUEST FOR EVIDENCE``) names no one
            if value and type_ == "name" and is_prose(text) and not _titled_name(text):
                return None  # a sentence under a heading (``Employer`` over ``ACME LLC must show ...``) names no one
            return _Found(value, 0, len(text)) if value else None
        for match in self.patterns.tokens[token_name].finditer(text):
            value = self._typed(type_, match.group(0))
            if value:
                return _Found(value, match.start(), match.end())
        return None

    def _typed(self, type_: str, text: str) -> Value | None:
        if type_ == "receipt":
            return read_receipt(text, self.patterns.offices)
        return READERS[type_](text)

    def is_label(self, segment: Segment, page: Page | None = None) -> bool:
        """Whether a segment is itself a label (so not a value); on ``page``, not when it is the next line of a
        value wrapped under itself (see :meth:`continues_value`)."""
        if not self.patterns.any_label.match(segment.text):
            return False
        return page is None or not self.continues_value(page, segment)

    def continues_value(self, page: Page, segment: Segment) -> bool:
        """Whether ``segment`` is a wrapped value's next line, not a label: first on its line, with no colon, close
        under a value in the value's own column, the value right of its label (``Form:  I-539, Application to
        Extend/Change`` over ``Nonimmigrant Status``, a form's title whose second line starts as a label does). A
        label of a grid's next row starts in the labels' column, left of the value above it."""
        key = "continued values"
        if key not in page.memo:
            found: set[int] = set()
            for number in range(1, len(page.lines)):
                line = page.lines[number]
                first = line.segments[0]
                if ":" in first.text or not self.patterns.any_label.match(first.text):
                    continue
                if self._under_labelled_value(page, number, first):
                    found.add(id(first))
            page.memo[key] = found
        continued: set[int] = page.memo[key]
        return id(segment) in continued

    def _under_labelled_value(self, page: Page, number: int, segment: Segment) -> bool:
        """Whether, over line ``number``, a value right of a label runs down its column onto ``segment`` (its
        lines close together, nothing left of them on their lines until the label's)."""
        edge = segment.top
        for above in range(number - 1, max(number - 1 - WRAP_LINES, -1), -1):
            line = page.lines[above]
            if edge - line.bottom > NEXT_LINE_GAP:
                return False
            at = next(
                (index for index, seg in enumerate(line.segments) if abs(seg.x0 - segment.x0) <= COLUMN_TOLERANCE), None
            )
            if at is None or self.patterns.label_start.match(line.segments[at].text):
                return False  # nothing over it in its column, or a label (a column of labels: ``Filed`` over it)
            if at > 0:
                left = line.segments[at - 1]
                return bool(self.patterns.label_start.match(left.text)) and left.x1 < segment.x0
            edge = line.top
        return False

    def is_label_word(self, text: str) -> bool:
        """Whether ``text`` is a known label (``BENEFICIARY``), or one as OCR misspells it (``BENEFICIARV``,
        also in a scanner's text layer), or holds a party label among its words (two cells run together:
        ``ACME DESIGN BENEFICIARY AND SONS``), or is made of column headings' words alone (``Country of Birth``,
        the next heading of a row of headings): never a name."""
        if self.patterns.label_only.match(text):
            return True
        words = text.upper().replace(",", " ").split()
        if len(words) > 1 and PARTY_LABELS.intersection(words):
            return True
        bare = [word.strip(".:#") for word in words]
        if bare and set(bare) <= HEADING_VOCABULARY and not set(bare) <= HEADING_LINKS and "," not in text:
            return True  # the next column's heading (``Country of Birth``) beside a label in a row of headings
        letters = "".join(ch for ch in text.upper() if ch.isalpha())
        if len(words) > LABEL_WORDS or len(letters) < MISSPELT_MIN or any(ch in text for ch in ",0123456789&"):
            return False  # labels hold no comma, digit or ampersand; names of people and firms often do
        return letters in self._words or self._nearest_label(letters) is not None

    def labelled(self, pages: list[Page], label: Label) -> Hit | None:
        """The value of ``label`` on the first page that has the label (on scans, also as OCR misspelt it).

        A label with a value wins over one found blank before it (a heading over the labelled box)."""
        blank: Hit | None = None
        for page in pages:
            hit, blank_here = self._labelled_on(page, label)
            if hit is not None:
                return hit
            blank = blank or blank_here
        if blank is not None:
            return blank
        for page in pages:
            for number, position, segment, name in self._misspelt_labels(page):
                if name in label.words:
                    match = _WHOLE.match(segment.text)
                    assert match is not None
                    hit = self._at_label(page, number, position, segment, match, label)
                    if hit is not None:
                        return replace(
                            hit,
                            conf=round(hit.conf * MISSPELT_FACTOR, 3),
                            evidence=_misspelt_evidence(hit, segment.words),
                            where=(page.number, segment.top),
                        )
        for page in pages:
            for number, position, segment, name, cut in self._misspelt_leads(page):
                if name not in label.words:
                    continue
                lead = segment.text[: segment.starts[cut]].rstrip()
                match = re.match(rf"(?P<label>{re.escape(lead)})(?P<sep>\s*)(?P<rest>.*)$", segment.text, re.DOTALL)
                assert match is not None
                hit = self._at_label(page, number, position, segment, match, label)
                if hit is not None and hit.value is not None:
                    return replace(
                        hit,
                        conf=round(hit.conf * MISSPELT_FACTOR, 3),
                        evidence=_misspelt_evidence(hit, segment.words[:cut]),
                        where=(page.number, segment.top),
                    )
        return self._at_stem(pages, label)

    def _misspelt_leads(self, page: Page) -> list[tuple[int, int, Segment, str, int]]:
        """Segments of a scan that start with a label OCR misspelt and go on with its value on one line (``Recerveo Dare
        March 4, 2026``: a small label set close before its value): the label they start with, and the index of the
        value's first word. The label's words must be a label's as :meth:`_nearest_label` finds one (within a letter
        in four, and nearer to it than to any other), and the value must stand a cell's gap after them (wider than a
        space, as :data:`CUT_GAP`): a title's or a sentence's words (``REQUEST FOR PREMIUM PROCESSING``, near
        ``REQUESTOR``) run on at a space's width."""
        if page.method != "ocr":
            return []
        if "misspelt leads" not in page.memo:
            found: list[tuple[int, int, Segment, str, int]] = []
            for number, line in enumerate(page.lines):
                for position, segment in enumerate(line.segments):
                    if self.patterns.label_start.match(segment.text) or len(segment.words) < 2:
                        continue
                    for cut in range(min(LEAD_LABEL_WORDS, len(segment.words) - 1), 0, -1):
                        if not _cell_gap(segment, cut):
                            continue  # the value is a cell of its own: a space's width on is the label's next word
                        lead = " ".join(word.text for word in segment.words[:cut])
                        if not _LABEL_LIKE.fullmatch(lead):
                            continue
                        letters = "".join(ch for ch in lead.upper() if ch.isalpha())
                        if len(letters) < MISSPELT_MIN:
                            continue
                        name = self._nearest_label(letters)
                        if name is not None and not (any(ch.islower() for ch in lead) and not _words_in(lead, name)):
                            found.append((number, position, segment, name, cut))
                            break
            page.memo["misspelt leads"] = found
        leads: list[tuple[int, int, Segment, str, int]] = page.memo["misspelt leads"]
        return leads

    def all_labelled(self, pages: list[Page], label: Label) -> list[Hit]:
        """Every value of ``label`` on ``pages`` read at a label spelt right (a label printed more than once)."""
        found = []
        for page in pages:
            for number, position, segment in self._label_segments(page):
                match = self._label_match(page, position, segment, label)
                if match:
                    hit = self._at_label(page, number, position, segment, match, label)
                    if hit is not None and hit.value is not None:
                        found.append(hit)
        return found

    def _labelled_on(self, page: Page, label: Label) -> tuple[Hit | None, Hit | None]:
        """On one page: the first value of ``label`` (None when none) and the first blank box found before
        it; kept on the page (splitting a batch reads a page's receipt number, date and kind before the
        notice's reading asks again)."""
        key = f"labelled {id(label)}"
        if key not in page.memo:
            hit, blank, run_together = None, None, None
            for number, position, segment in self._label_segments(page):
                match = self._label_match(page, position, segment, label)
                if match:
                    found = self._at_label(page, number, position, segment, match, label)
                    if found is not None:
                        found = replace(found, where=(page.number, segment.top))
                    if found is not None and found.blank:
                        blank = blank or found
                    elif found is not None and found.evidence == RUN_TOGETHER:
                        run_together = run_together or found  # a heading's words, maybe: a label further on wins
                    elif found is not None:
                        hit = found
                        break
            page.memo[key] = (hit or run_together, blank)
        found_on: tuple[Hit | None, Hit | None] = page.memo[key]
        return found_on

    def _label_match(self, page: Page, position: int, segment: Segment, label: Label) -> re.Match[str] | None:
        """``label`` at the start of ``segment``; a run-in label (``Place 1200 Main St``) only first on its line of a
        run-in page (:meth:`run_in`)."""
        match = label.regex.match(segment.text)
        if match is None and label.run_in is not None and position == 0 and self.run_in(page):
            match = label.run_in.match(segment.text)
            value = self.read(label.type, match.group("rest")) if match else None
            if value is None or value.start != 0:
                return None  # another label's words (``Date Received 01/12/2026``), or no value right after
        return match

    def run_in(self, page: Page) -> bool:
        """Whether ``page`` prints its labels with no colon, each opening a line with its value after it on the line
        (``Receipt Number MSC2231255593``, ``RECEIVED DATE   08/13/2019``): at least :data:`RUN_IN_LINES` lines open so
        with a label of a typed value (a receipt number, a date), more than open with a label and a colon. On such a
        page a label may run into any value the same way (``Applicant Jane Doe``, ``Place 1200 Main St``)."""
        key = f"run in {id(self.patterns)}"
        if key not in page.memo:
            run, colon = 0, 0
            typed = [label for label in self.patterns.labels if label.type in ("receipt", "date")]
            for line in page.lines:
                text = line.segments[0].text
                for label in typed:
                    match = label.regex.match(text)
                    if match is None:
                        continue
                    rest = match.group("rest").strip()
                    if not rest and len(line.segments) > 1:
                        rest = line.segments[1].text  # the value a cell apart, the label with no colon
                    if match.group("sep").strip():
                        colon += 1
                    elif rest:
                        value = self.read(label.type, rest)
                        run += value is not None and value.start == 0
                    break
            page.memo[key] = run >= RUN_IN_LINES and run > colon
        found: bool = page.memo[key]
        return found

    def _at_stem(self, pages: list[Page], label: Label) -> Hit | None:
        """On a scan, the value of a label OCR read without its small ``#`` or ``No.`` (``Receipt`` beside or over
        a receipt number): only a value of a format no other field shares, found at the bare words."""
        if not label.stems or label.type not in OWN_FORMAT:
            return None
        for page in pages:
            if page.method != "ocr":
                continue
            for number, line in enumerate(page.lines):
                for position, segment in enumerate(line.segments):
                    if not _BARE_WORDS.fullmatch(segment.text) or _letters(segment.text) not in label.stems:
                        continue
                    match = _WHOLE.match(segment.text)
                    assert match is not None
                    hit = self._at_label(page, number, position, segment, match, label)
                    if hit is not None and hit.value is not None:
                        evidence = MISSPELT_LABEL if hit.evidence == LABELLED else hit.evidence
                        return replace(hit, conf=round(hit.conf * MISSPELT_FACTOR, 3), evidence=evidence)
        return None

    def _misspelt_labels(self, page: Page) -> list[tuple[int, int, Segment, str]]:
        """Segments of a scan that are a label OCR misspelt (``KECEIPT NUMBER``, ``NOTIGE DATE``), with the label
        they are nearest to: within a letter in four, and nearer to it than to any other label."""
        if page.method != "ocr":
            return []
        if "misspelt" not in page.memo:
            found: list[tuple[int, int, Segment, str]] = []
            garbled: list[tuple[int, int, Segment]] = []
            for number, line in enumerate(page.lines):
                for position, segment in enumerate(line.segments):
                    text = segment.text
                    if len(text) > 32 or self.patterns.label_start.match(text):
                        continue
                    letters = "".join(ch for ch in text.upper() if ch.isalpha())
                    name = self._nearest_label(letters) if _LABEL_LIKE.fullmatch(text) else None
                    if name is not None and any(ch.islower() for ch in text) and not _words_in(text, name):
                        name = None  # a title-case heading with a word of its own (Priority Mail), not a misspelt label
                    if name is not None:
                        found.append((number, position, segment, name))
                    elif self._garbled(segment, letters):
                        garbled.append((number, position, segment))
            found += self._labels_read_again(page, garbled)
            found.sort(key=lambda item: (item[0], item[1]))
            page.memo["misspelt"] = found
        misspelt: list[tuple[int, int, Segment, str]] = page.memo["misspelt"]
        return misspelt

    def _is_misspelt_label(self, page: Page, segment: Segment) -> bool:
        """Whether a scan's segment is a label OCR misspelt or garbled (so not a value)."""
        return any(found is segment for _, _, found, _ in self._misspelt_labels(page))

    def _garbled(self, segment: Segment, letters: str) -> bool:
        """Whether a scanned segment may be a small label OCR garbled beyond a misspelling (``PCTINONER``,
        ``RECEPT MER``): a word or two of mostly capitals, as long as a label, weakly read."""
        text = segment.text
        capitals = sum(ch.isupper() for ch in text)
        return (
            GARBLED_LETTERS[0] <= len(letters) <= GARBLED_LETTERS[1]
            and capitals >= 0.6 * len(letters)
            and len(text.split()) <= 2
            and not any(ch.isdigit() for ch in text)
            and segment.conf() < GARBLED_CONF
        )

    def _labels_read_again(
        self, page: Page, garbled: list[tuple[int, int, Segment]]
    ) -> list[tuple[int, int, Segment, str]]:
        """Garbled label-like segments read again from their box, enlarged and in capitals only: those that
        then read as a label (or within OCR's reach of one) are that label. The weakest few, for time."""
        if page.reread_small is None or not garbled:
            return []
        found = []
        weakest = sorted(garbled, key=lambda item: item[2].conf())[:GARBLED_REREADS]
        readings = page.reread_small([segment.box() for _, _, segment in weakest])
        for (number, position, segment), again in zip(weakest, readings, strict=True):
            letters = "".join(ch for ch in again.upper() if ch.isalpha())
            name = letters if letters in self._words else self._nearest_label(letters)
            if name is not None:
                found.append((number, position, segment, name))
        return found

    def _nearest_label(self, letters: str) -> str | None:
        chars = frozenset(letters)
        near = [
            word
            for word in self._words
            if abs(len(word) - len(letters)) <= len(word) // 4
            # kinds of letter one has and the other lacks: each takes an edit, a bound cheap to count
            and max(len(chars - self._chars[word]), len(self._chars[word] - chars)) <= len(word) // 4
        ]
        scored = sorted({(distance(letters, word), word) for word in near})
        if not scored or scored[0][0] == 0 or scored[0][0] > len(scored[0][1]) // 4:
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] != scored[0][1]:
            return None  # as near to two labels: neither
        return scored[0][1]

    def _label_segments(self, page: Page) -> list[tuple[int, int, Segment]]:
        """The segments of ``page`` that start with some label (line number, position, segment), found once."""
        key = self._starts_key
        if key not in page.memo:
            starts = self.patterns.label_start
            found = []
            for number, line in enumerate(page.lines):
                for position, segment in enumerate(line.segments):
                    pairs = _separated(segment)
                    if len(pairs) > 1:  # label/value pairs on one line parted by bars or dots
                        found += [(number, position, part) for part in pairs if starts.match(part.text)]
                        continue
                    if starts.match(segment.text):
                        if position == 0 and self.continues_value(page, segment):
                            continue  # a wrapped value's next line that starts as a label does
                        found += [(number, position, part) for part in self._two_labels(segment)]
                        continue
                    cut = self._label_cut(segment)
                    if cut:  # a value cell run into the next label cell: that label counts too
                        found.append((number, position, Segment(segment.words[cut:])))
                        continue
                    wrapped = self._wrapped_label(page, number, segment)
                    if wrapped is not None:
                        found.append(wrapped)
            page.memo[key] = found
        segments: list[tuple[int, int, Segment]] = page.memo[key]
        return segments

    def _wrapped_label(self, page: Page, number: int, segment: Segment) -> tuple[int, int, Segment] | None:
        """A column heading whose label wraps onto the next line of its column (``Departure Record I-94`` over
        ``Number``): both lines as one label, placed on the second line (its value comes under that one)."""
        if number + 1 >= len(page.lines) or len(segment.text) > WRAPPED_CHARS:
            return None
        below = page.lines[number + 1]
        if below.top - segment.bottom > NEXT_LINE_GAP:
            return None
        for position, tail in enumerate(below.segments):
            if abs(tail.x0 - segment.x0) > COLUMN_TOLERANCE:
                continue
            text = tail.text
            if len(text) > WRAPPED_CHARS // 2 or text.count(" ") >= WRAPPED_WORDS or not _LABEL_TAIL.fullmatch(text):
                return None
            if not self.patterns.any_label.match(f"{segment.text} {text}") or self.is_label(tail):
                return None
            return (number + 1, position, Segment([*segment.words, *tail.words]))
        return None

    def _label_cut(self, segment: Segment) -> int:
        """Where in ``segment`` a label starts after a gap wider than a space (a value cell and the next label
        cell run together: ``TRANSCONTINENTAL DESIGN  Beneficiary``): the word's index, 0 for none."""
        words = segment.words
        for index in range(1, len(words)):
            word, before = words[index], words[index - 1]
            if word.x0 - before.x1 < CUT_GAP * min(word.height, before.height):
                continue
            if self.patterns.any_label.match(" ".join(w.text for w in words[index:])):
                return index
        return 0

    def _before_label(self, segment: Segment) -> Segment:
        """``segment`` without a label cell run into its end (see :meth:`_label_cut`)."""
        cut = self._label_cut(segment) if len(segment.words) > 1 else 0
        return Segment(segment.words[:cut]) if cut else segment

    def _two_labels(self, segment: Segment) -> list[Segment]:
        """A segment that is two column headings set close together (``APPLICATION SUPPORT CENTER`` and
        ``DATE AND TIME OF APPOINTMENT`` on one line, even run together as ``CENTERDATE``): each heading
        apart, with its own column (a heading cut inside a word gets its share of the word's width)."""
        words, text = segment.words, segment.text
        if len(text) > MAX_HEADING_CHARS or any(ch in text for ch in ":;#"):
            return [segment]
        if self.patterns.label_only.match(text):
            return [segment]  # one label whose words are labels too (``Date Received``: ``Date``, ``Received``)
        whole = self.patterns.any_label
        for cut in range(4, len(text) - 3):
            left, right = text[:cut], text[cut:]
            if not right[0].isalpha() or not (whole.match(left.strip()) and whole.match(right)):
                continue
            if not self.patterns.label_start.match(right):
                continue
            return [Segment(part) for part in _cut_words(words, segment.starts, cut)]
        return [segment]

    def _header_row(self, page: Page, number: int, label: Segment, right: Word) -> bool:
        """Whether a label and the cell right of it on line ``number`` may be two column headings over a row of
        values (``Beneficiary   Country of Birth`` over ``OKAFOR, MARTINA``), not a label and its value: the two in
        one type size, and under the label, on the next line, a cell starting where it starts that is no label (a
        key/value grid has the next key under a key)."""
        height = label.words[0].height
        if abs(right.height - height) > HEADER_SIZE * height or number + 1 >= len(page.lines):
            return False
        below = page.lines[number + 1]
        if below.top - page.lines[number].bottom > HEADER_GAP * height:
            return False
        return any(
            abs(seg.x_at(start) - label.x0) <= HEADER_ALIGN and not self.is_label(seg)
            for seg in below.segments
            for start in seg.starts[:1]
        )

    def _at_label(
        self, page: Page, number: int, position: int, segment: Segment, match: re.Match[str], label: Label
    ) -> Hit | None:
        rest, colon = match.group("rest"), bool(match.group("sep").strip())
        if (
            rest.strip()
            and not colon
            and label.type not in STRONG_TYPES
            and _own_cell(segment, match)
            and not self.patterns.any_label.match(rest.strip())
        ):
            value_at = len(match.string) - len(match.string[match.start("rest") :].lstrip())
            if not self._header_row(page, number, segment, segment.words[segment.starts.index(value_at)]):
                colon = True  # a free-form value set apart from its label as a cell of its own: as good as a colon
        if rest.strip() and not colon and self._run_in_value(page, number, position, rest):
            colon = True  # a label run into its value on a page that prints every label so
        if rest.strip():
            if not colon and label.type not in STRONG_TYPES and not _caps_pair(segment.text, match):
                return None  # prose that starts with a label word
            if not colon and self._is_title(segment.text):
                return None  # a notice's title that starts with a label's words (``APPLICATION SUPPORT CENTER ...``)
            at = match.start("rest")
            run_x0, value_x = segment.box(at)[0], segment.x_at(at)
            # Inside a run (a text PDF's line of label and value in one string) the value's x is estimated by its
            # share of characters: off by up to a quarter of the width before it (capitals are wider).
            slack = ESTIMATE_SLACK * (value_x - run_x0)
            # Narrow characters before the value (a dot leader, spaces) put it further left than its share says.
            slack = max(slack, value_x - _narrow_x(segment, at))
            more, cut = self._continued(page, number, (run_x0, value_x), label, slack, segment.x0)
            if more:
                rest = _joiner(label).join([rest, *(seg.text for seg in more)])
            found = self.read(label.type, rest)
            if found and not colon and _prose_around(segment.text, match, rest[found.end :]):
                return None  # a sentence (wrapped onto this line) that starts with a label word and holds a value
            if found and more:
                joined = self._hit(page, found, min(seg.conf() for seg in [segment, *more]), rest, label.type)
                return replace(joined, evidence=CUT) if cut and joined.evidence == LABELLED else joined
            if found:
                offset = match.start("rest")
                span = (offset + found.start, offset + found.end)
                read = self._hit(page, found, segment.conf(*span), rest, label.type, segment.box(*span))
                if (
                    not colon
                    and label.type not in STRONG_TYPES
                    and read.evidence == LABELLED
                    and not _case_turns(match)
                ):
                    # A free-form value run into its label with no colon (``PETITIONER INFORMATION``): as likely a
                    # heading's next word as a value (``APPLICANT DOE, JANE``): a person looks. A label in lower
                    # case and its value in capitals (``Beneficiary DOE, JANE``) part where the case turns.
                    read = replace(read, evidence=RUN_TOGETHER)
                if cut and read.evidence == LABELLED and label.type == "name":
                    read = replace(read, evidence=CUT)  # its next line, under the label, may be the name's (review)
                return self._wrap_guard(page, number, (segment.x_at(offset), segment.box(offset)[0]), label, read)
            if self._votes(page, label.type, rest):
                return self._vote(page, label.type, segment.box(match.start("rest")), None, rest, 0.0)
            if not colon:
                return self._heading_run_together(page, number, segment, match, label)
            return Hit(None, 0.1, rest.strip())
        line = page.lines[number]
        if position + 1 >= len(line.segments):
            line, number = self._level_right(page, number, segment, line)
        unsure: Hit | None = None
        if (
            position + 1 < len(line.segments)
            and not self.is_label(line.segments[position + 1])
            and not self._is_misspelt_label(page, line.segments[position + 1])
            and not self._in_sentence(label, line.segments[position + 1].text)
            and not self.other_pair(line.segments[position + 1].text, label)
            and not self._next_heading(page, number, segment, line.segments[position + 1], label)
        ):
            # A sentence right of a label is the letter beside a column of labels, not the label's value.
            right = self._before_label(line.segments[position + 1])
            if self._beside_letter(page, number, segment, right):
                local = self._line_direction(page, number)
                own = self._in_column(page, number, segment, label, self.values_above(page) if local is None else local)
                if own is not None and own.value is not None:
                    return own
            more, cut = self._continued_right(page, number, segment, right, label)
            if more:
                hit = self._right_run(page, [right, *more], label)
                if hit is not None:
                    return replace(hit, evidence=CUT) if cut and hit.evidence == LABELLED else hit
            found = self.read(label.type, right.text)
            if found:
                span = (found.start, found.end)
                hit = self._hit(page, found, right.conf(*span), right.text, label.type, right.box(*span))
                if page.method != "ocr" or not self._garbled_label(label, hit):
                    hit = self._far_right(page, number, segment, right, label, hit)
                    hit = self._wrap_guard(page, number, (right.x0,), label, hit)
                    return replace(hit, evidence=CUT) if cut and hit.evidence == LABELLED else hit
                # On a scan, a right neighbour read as a label, or read differently each time, may be the
                # next box's label OCR garbled (a label line of a values-above page): the column decides.
                unsure = hit
            if unsure is None and self._votes(page, label.type, right.text):
                voted = self._vote(page, label.type, right.box(), None, right.text, 0.0)
                if voted.value is not None and not self._garbled_label(label, voted):
                    return voted
            # Not a value of this label (the next column's label and value): look in the label's column.
        local = self._line_direction(page, number)
        if local is None and label.type == "name":
            local = self._party_captions(page, segment)
        above = self.values_above(page) if local is None else local
        hit = self._in_column(page, number, segment, label, above)
        if local is not None and local != self.values_above(page) and page.method == "ocr":
            hit = self._against_page(page, number, segment, label, hit)
        if (hit is None or hit.value is None) and label.type in OWN_FORMAT:
            # A value whose format is its own (receipt, I-94, A-Number) may sit the other way from the
            # page's other labels (an I-94 tear-off printed labels-above on a values-above page).
            other = self._in_column(page, number, segment, label, not above)
            if other is not None and other.value is not None:
                return replace(other, evidence=OTHER_SIDE) if other.evidence == LABELLED else other
        if unsure is not None and (hit is None or hit.value is None):
            shown = unsure.candidate  # the page's reading of a name its box read otherwise, unless it is a label
            if shown is not None and self.patterns.any_label.match(str(shown.value)):
                shown = None
            return Hit(None, min(unsure.conf, DISAGREE_CONF), unsure.source, candidate=shown)
        return hit if hit is not None else Hit(None, BLANK_CONF * page.quality, None, blank=True)

    def _run_in_value(self, page: Page, number: int, position: int, rest: str) -> bool:
        """Whether ``rest``, after a label with no colon, is its value as a run-in page prints it: the label opens a
        line of its own segment, and the rest is no label, no sentence and no heading's next word."""
        if position != 0 or len(page.lines[number].segments) != 1 or not self.run_in(page):
            return False
        rest = rest.strip()
        if self.patterns.label_start.match(rest) or is_prose(rest) or self._heading(rest):
            return False
        if _HEADING_REST.fullmatch(rest):  # words alone: a name has two or more (one is a heading's next word)
            return len(rest.split()) >= 2
        return True

    def _next_heading(self, page: Page, number: int, label: Segment, right: Segment, spec: Label) -> bool:
        """Whether the segment right of a place's label is the next column's heading, not the place: a few words
        with no figure (a place holds a street number or a ZIP code), each of the two heading a column of its own
        (``WHERE`` and ``BRING`` over their lists, in one row of headings)."""
        if spec.type != "address" or any(ch.isdigit() for ch in right.text) or len(right.text.split()) > HEADING_WORDS:
            return False
        below = page.lines[number + 1 :]
        return bool(self._below(below, label, 1)) and bool(self._below(below, right, 1))

    def _level_right(self, page: Page, number: int, label: Segment, line: Line) -> tuple[Line, int]:
        """The label's line with, after the label that ends it, the first text right of it on a line just above or
        below that stands level with it (a small label and its value in larger type on one baseline: the value's
        descenders put it on a line of its own); and the number of the lower of the two lines (what follows the
        value is read from there on)."""
        for near in (number + 1, number - 1):
            if not 0 <= near < len(page.lines):
                continue
            right = [seg for seg in page.lines[near].segments if seg.x0 > label.x1]
            if not right or any(seg.x1 > label.x0 and seg.x0 <= label.x1 for seg in page.lines[near].segments):
                continue  # nothing right of the label there, or text over or under the label itself: another row
            first = right[0]
            overlap = min(first.bottom, label.bottom) - max(first.top, label.top)
            if overlap >= LEVEL_SHARE * min(first.bottom - first.top, label.bottom - label.top):
                return Line([*line.segments, first]), max(number, near)
        return line, number

    def other_pair(self, text: str, label: Label | None = None) -> bool:
        """Whether ``text`` (right of ``label`` on its line, or in a label's column) is a label with its own value
        (another than ``label``): that label's words and, right after them, a value of its own format (``NOTICE DATE
        June 1, 2015`` beside an empty ``PRIORITY DATE`` box). Its value is that label's, never this one's (only labels
        of a checked format count: a name's label words may start a firm's name, ``Applicant Services Inc``)."""
        name = label.name if label is not None else ""
        return by_text(self.patterns, f"other pair {name}", text, lambda _, t: self._other_pair(t, name))

    def _other_pair(self, text: str, name: str) -> bool:
        for other in self._pair_labels:
            if other.name == name:
                continue
            match = other.regex.match(text)
            rest = match.group("rest") if match else ""
            if not rest.strip():
                continue
            found = self.read(other.type, rest)
            if found is not None and not rest[: found.start].strip():
                return True
        return False

    def _heading(self, text: str) -> bool:
        """Whether ``text`` is a whole heading of a notice: a kind's title or a decision letter's heading."""
        return bool(self.patterns.decision_heading.fullmatch(text.strip())) or self._is_title(text.strip())

    def _is_title(self, text: str) -> bool:
        """Whether a whole segment is some notice kind's title (``APPLICATION SUPPORT CENTER APPOINTMENT NOTICE``): a
        heading, never a label and its value run together."""
        return any(by_text(self.patterns, "title", text, title_names))

    def _far_right(self, page: Page, number: int, segment: Segment, right: Segment, label: Label, hit: Hit) -> Hit:
        """A value far right of its label that is another label's (a label next to it in its own column: a
        values-above grid whose right column is set half a box lower shares lines with the left one) while the
        label's own column holds another value the page's way: two candidates that disagree. The column's
        value stands, for review, with both in the source."""
        if hit.value is None or right.x0 - segment.x1 <= FAR_RIGHT * (segment.bottom - segment.top):
            return hit
        local = self._line_direction(page, number)
        way = self.values_above(page) if local is None else local
        if not self._labelled_other(page, number, right, way):
            return hit  # a key/value table's value, far right of its label: its own
        own = self._in_column(page, number, segment, label, way)
        if own is None or own.value is None or own.value == hit.value:
            return hit
        return replace(own, evidence=CONFLICT, source=f"{own.source} / {hit.source}")

    def _labelled_other(self, page: Page, number: int, value: Segment, above: bool) -> bool:
        """Whether ``value`` (on line ``number``) is another label's: the nearest text in its column on the
        label's side (under it when values sit above their labels, else over it) is a label."""
        lines = page.lines[number + 1 :] if above else page.lines[:number][::-1]
        for line in lines:
            gap = line.top - value.bottom if above else value.top - line.bottom
            if gap > FIRST_LINE_GAP:
                return False
            column = [seg for seg in line.segments if abs(seg.x0 - value.x0) <= COLUMN_TOLERANCE]
            if column:
                return self.is_label(column[0], page)
        return False

    def _against_page(self, page: Page, number: int, segment: Segment, label: Label, hit: Hit | None) -> Hit | None:
        """A scan's label whose line voted the other way from the page: when its column holds another valid
        value on the page's side too, the line's vote (a value OCR lost on the line's other label, the
        next row's value counted in its place) is not enough to pick: null, for review."""
        if hit is None or hit.value is None or label.type not in LINE_VOTE_TYPES:
            return hit
        other = self._in_column(page, number, segment, label, self.values_above(page))
        if other is None or other.value is None or other.value == hit.value:
            return hit
        return Hit(None, DISAGREE_CONF, f"{hit.source} / {other.source}")

    def _garbled_label(self, label: Label, hit: Hit) -> bool:
        """Whether a name read right of its label on a scan is no name: its readings disagreed (null), or
        agreed on a label (``BENEFICIARY``)."""
        if label.type != "name":
            return False
        return hit.value is None or bool(self.patterns.any_label.match(str(hit.value)))

    def _in_sentence(self, label: Label, text: str) -> bool:
        """Whether ``text`` right of a label is a sentence holding no value of it up front: a name is never
        in a sentence, a date is not one when words come before it (``Your response must be received by
        ...``); a figure first and words after it (``$1,710.00 (one thousand ...)``) is a value."""
        if label.type in ("text", "form") or not is_prose(text) or (label.type == "name" and _titled_name(text)):
            return False
        if label.type not in TOKEN_TYPES:
            return True
        found = self.read(label.type, text)
        return found is None or bool(text[: found.start].strip())

    def _beside_letter(self, page: Page, number: int, label: Segment, right: Segment) -> bool:
        """Whether ``right`` is a line of a letter printed beside a column of labels over values: far right
        of the label, in a column whose nearby lines are sentences. (A ruled table's value cells are near
        their labels' cells, and the sentences under a table start at the labels' margin, not the values'.)"""
        if right.x0 - label.x1 <= FAR_RIGHT * (label.bottom - label.top):
            return False
        near = page.lines[max(0, number - LETTER_REACH) : number + LETTER_REACH + 1]
        return any(
            abs(seg.x0 - right.x0) <= COLUMN_TOLERANCE and seg is not right and is_prose(seg.text)
            for line in near
            for seg in line.segments
        )

    def _in_column(self, page: Page, number: int, segment: Segment, label: Label, above: bool) -> Hit | None:
        """The value in the label's column, below it (or above it): None when that space is empty."""
        # Other labels on the label's line mark where the next column starts: a value running into the next
        # column's value (two cells too close to be told apart by their gap) is cut there.
        stops = [seg.x0 for seg in page.lines[number].segments if seg.x0 > segment.x1 and self.is_label(seg)]
        if above:
            below = self._above_label(page.lines[:number], segment, label.lines, stops)
        else:
            below = self._below(page.lines[number + 1 :], segment, label.lines, stops)
            if not below and label.type in FLUSH_RIGHT_TYPES:
                below = self._flush_right_below(page, number, segment)
            if not below:
                below = self._under_heading(page, number, segment, label.lines)
            if not below:
                below = self._indented_below(page, number, segment, label.lines)
        if label.type == "address":  # an address ends before a sentence set close under it
            below = below[: next((i for i, seg in enumerate(below) if is_prose(seg.text)), len(below))]
        if label.type == "name" and above:  # a name over its caption starts under a heading or an A-Number over it
            below = below[_name_top(below, self._heading) :]
        if label.type == "name" and not above:  # a name over its mailing address (a box of both) ends before it
            below = below[: next((i for i, seg in enumerate(below) if i and _postal_line(seg.text)), len(below))]
        runs_on = False
        if below and not above and label.type == "name" and len(below) >= label.lines:
            more = self._name_runs_on(page, below)
            if more and COMPANY_END.search(more[-1].text.strip()) and not self._name_runs_on(page, below + more):
                below = below + more  # a company's name wrapped onto more lines than most (``... TIDEWATER INC``)
            else:
                runs_on = bool(more)
        if below and above and label.type == "name" and len(below) >= label.lines:
            # A name over its label (a values-above grid) whose first lines are higher than a name's usual lines: they
            # are joined while they go on as closely in the column; one going on higher still sends it to review.
            for _ in range(NAME_RUN_ON):
                higher = self._name_starts_higher(page, below[0])
                if higher is None:
                    break
                below = [higher, *below]
            runs_on = self._name_starts_higher(page, below[0]) is not None
        if below and above and label.type == "name" and not runs_on:
            runs_on = self._indented_between(page, number, segment, below)
        if below:
            joiner = ", " if label.type == "address" else " "
            text = joiner.join(seg.text for seg in below)
            found = self.read(label.type, text)
            if found:
                hit = self._column_value(page, found, below, text, joiner, label, above)
                if (
                    hit.value is not None
                    and hit.evidence in (LABELLED, CUT)
                    and (runs_on or self._cut_short(page, below, label, above))
                ):
                    return replace(hit, evidence=CUT)  # its next line may be part of it: a person looks
                return hit
            if self._votes(page, label.type, below[0].text):
                return self._vote(page, label.type, below[0].box(), None, text, 0.0)
            return Hit(None, 0.1, text)
        return None

    def _indented_between(self, page: Page, number: int, label: Segment, name: list[Segment]) -> bool:
        """Whether a line between a name's first line and its caption under it holds text set right of the column,
        under the name's own width (``... D/B/A TIDEWORKS`` over an indented ``SHIPPING``): the name's hanging
        continuation, which the column's run leaves out: the name may be cut (a person looks)."""
        first = _line_of(page, name[0])
        if first is None:
            return False
        right = max(seg.x1 for seg in name)
        taken = {seg.text for seg in name}
        return any(
            label.x0 + COLUMN_TOLERANCE < seg.x0 < right and seg.text not in taken and not self.is_label(seg)
            for line in page.lines[first + 1 : number]
            for seg in line.segments
        )

    def _heading_run_together(
        self, page: Page, number: int, segment: Segment, match: re.Match[str], label: Label
    ) -> Hit | None:
        """A column heading run together with the next column's heading in one segment (``Departure Record I-94
        Number Family Name``): a value of a format of its own in the column under (or over) the label's words."""
        rest = match.group("rest").strip()
        words = rest.split()
        if label.type not in STRONG_TYPES or not _HEADING_REST.fullmatch(rest) or len(words) > HEADING_WORDS:
            return None
        if any(word[0].islower() for word in words):
            return None  # a sentence that starts with the label's words, not a heading
        head, _ = _cut_words(segment.words, segment.starts, match.start("rest"))
        if not head:
            return None
        local = self._line_direction(page, number)
        above = self.values_above(page) if local is None else local
        hit = self._in_column(page, number, Segment(head), label, above)
        return hit if hit is not None and hit.value is not None else None

    def _under_heading(self, page: Page, number: int, label: Segment, count: int) -> list[Segment]:
        """The value under a column heading centred over its cell, the value set from the cell's left edge (a
        table's centred headings over left-aligned values: ``APPLICATION SUPPORT CENTER`` over ``USCIS PHOENIX``):
        only on a line of headings each of which has its own such value (see :meth:`_centred_cells`); then the
        lines under that value in its column (up to ``count`` in all)."""
        first = self._centred_cells(page, number).get(id(label))
        if first is None:
            return []
        if count <= 1:
            return [first]
        return [first, *self._column_run(page.lines[number + 2 :], first, count - 1, upward=False, stops=[])]

    def _indented_below(self, page: Page, number: int, label: Segment, count: int) -> list[Segment]:
        """The value on the line under a label, indented right of it (``Petitioner`` over a name set a tab in):
        starting within FAR_RIGHT label heights after the label's end, nothing of its line between the label's left
        edge and it, nothing of the label's line over it; then the lines under it in its column."""
        if number + 1 >= len(page.lines):
            return []
        following = page.lines[number + 1]
        if following.top - label.bottom > FIRST_LINE_GAP + GAP_SLACK:
            return []
        reach = FAR_RIGHT * (label.bottom - label.top)
        first = next((seg for seg in following.segments if seg.x0 > label.x0 + COLUMN_TOLERANCE), None)
        if first is None or first.x0 - label.x1 > reach:
            return []
        if any(label.x0 - COLUMN_TOLERANCE <= seg.x0 < first.x0 for seg in following.segments):
            return []  # something starts between the label's edge and it: another column's, or the label's own row
        if any(o is not label and o.x0 < first.x1 and o.x1 > label.x1 for o in page.lines[number].segments):
            return []  # another cell of the label's line over it
        if self.is_label(first) or is_prose(first.text) or self.other_pair(first.text):
            return []
        if count <= 1:
            return [first]
        return [first, *self._column_run(page.lines[number + 2 :], first, count - 1, upward=False, stops=[])]

    def _centred_cells(self, page: Page, number: int) -> dict[int, Segment]:
        """Per label of line ``number`` (by id), its value on the next line when the line is a table's centred
        headings: for each label, the one segment starting left of it that fits in the cell the label would be
        centred in if the cell started there, that cell holding nothing else of the label's line. Every label of
        the line must have one, each its own (values set right of their labels, or a label over an empty cell:
        none)."""
        key = f"centred {number} {id(self.patterns)}"
        if key not in page.memo:
            page.memo[key] = self._find_centred_cells(page, number)
        found: dict[int, Segment] = page.memo[key]
        return found

    def _find_centred_cells(self, page: Page, number: int) -> dict[int, Segment]:
        if number + 1 >= len(page.lines):
            return {}
        heads = page.lines[number].segments
        labels = [seg for seg in heads if self.is_label(seg)]
        following = page.lines[number + 1]
        if not labels or following.top - page.lines[number].bottom > FIRST_LINE_GAP + GAP_SLACK:
            return {}
        found: dict[int, Segment] = {}
        for label in labels:
            middle = (label.x0 + label.x1) / 2
            fits = [
                seg
                for seg in following.segments
                if seg.x0 <= label.x0 + COLUMN_TOLERANCE
                and seg.x1 <= 2 * middle - seg.x0 + COLUMN_TOLERANCE  # the cell's right edge, the label centred
                and not any(o.x0 < 2 * middle - seg.x0 and o.x1 > seg.x0 for o in heads if o is not label)
            ]
            if len(fits) != 1 or self.is_label(fits[0]) or is_prose(fits[0].text) or self.other_pair(fits[0].text):
                return {}  # a label without such a value: not a line of centred headings
            found[id(label)] = fits[0]
        return found if len({id(seg) for seg in found.values()}) == len(found) else {}

    def _flush_right_below(self, page: Page, number: int, label: Segment) -> list[Segment]:
        """A value under a label that ends its line, in a column set flush right (``ON (DATE)`` over ``June 23,
        2025``): the next line's last segment, ending where the label ends; none when the label has text after
        it on its line, or that segment is a label or a sentence."""
        line = page.lines[number]
        if line.segments[-1].x1 > label.x1 + 1.0 or number + 1 >= len(page.lines):
            return []
        below = page.lines[number + 1]
        last = below.segments[-1]
        if below.top - label.bottom > FIRST_LINE_GAP or abs(last.x1 - label.x1) > COLUMN_TOLERANCE:
            return []
        if (
            len(last.text) > FLUSH_RIGHT_CHARS
            or is_prose(last.text)
            or self.is_label(last)
            or self.other_pair(last.text)
        ):
            return []  # a justified sentence ends at the margin too: never a value
        return [last]

    def _column_value(
        self, page: Page, found: _Found, below: list[Segment], text: str, joiner: str, label: Label, above: bool
    ) -> Hit:
        """The value read from the lines ``below`` a label (or above it), scored on the line it sits on."""
        start = 0
        for seg in below:  # the one line the value sits on, if it sits on one
            if start <= found.start and found.end <= start + len(seg.text):
                span = (found.start - start, found.end - start)
                hit = self._hit(page, found, seg.conf(*span), text, label.type, seg.box(*span))
                if above or len(below) >= label.lines:
                    return hit
                at = _line_of(page, seg)
                return hit if at is None else self._wrap_guard(page, at, (seg.x0,), label, hit)
            start += len(seg.text) + len(joiner)
        if label.type == "name" and len(below) > 1 and not split_anumber(below[0].text)[1].strip():
            below = below[1:]  # the A-Number line above a name: its OCR is not the name's
            if len(below) == 1:  # the name on its own line: a weak reading of it is read again there
                return self._hit(page, found, below[0].conf(), text, label.type, below[0].box())
        weakest = min(seg.conf() for seg in below)
        if label.type == "address" and page.reread is not None and weakest < CHECK_BELOW:
            return self._address_again(page, below, text, joiner, label, weakest)
        return self._hit(page, found, weakest, text, label.type)

    def _address_again(
        self, page: Page, lines: list[Segment], text: str, joiner: str, label: Label, weakest: float
    ) -> Hit:
        """An address over several lines that OCR read with a weak word (a state and ZIP code read as one unsure word,
        an odd word scored nothing): each line read again from its own box alone, then enlarged where that differs.
        Every line read alike (their letters and digits) stands, as two readings agreeing; a line whose two box
        readings agree with each other but not with the page's is the boxes' reading, for review; any other
        disagreement gives no value, the page's reading shown as the field's candidate."""
        assert page.reread is not None
        kept: list[str] = []
        voted = False
        readings: list[str] = []
        for line in lines:
            again = [" ".join(page.reread(line.box(), 1, "").split())]
            if _address_key(again[0]) != _address_key(line.text):
                again.append(" ".join(page.reread(line.box(), 2, "").split()))
            readings.extend(again)
            if _address_key(line.text) in map(_address_key, again):
                same = next(reading for reading in again if _address_key(reading) == _address_key(line.text))
                # The same letters and digits: a speck the page read as a period and the box did not is no period.
                kept.append(same if line.text.count(".") > same.count(".") else line.text)
            elif len(again) == 2 and _address_key(again[0]) == _address_key(again[1]) and _address_key(again[0]):
                kept.append(again[1])
                voted = True
            else:
                found = self.read(label.type, text)
                first = _ocr_name(found.value.value, 1.0)[0] if found and isinstance(found.value.value, str) else None
                why = f"{doubt(weakest)}, read again from its box as '{joiner.join(readings)}'"
                shown = f"{' '.join(text.split())} (read again: {' / '.join(readings)})"
                return Hit(None, DISAGREE_CONF, shown, evidence=CROP_VOTE, candidate=candidate_for(first, why, weakest))
        joined = joiner.join(kept)
        found = self.read(label.type, joined)
        if found is None or not isinstance(found.value.value, str):
            return Hit(None, DISAGREE_CONF, joined, evidence=CROP_VOTE)
        value, conf = _ocr_name(found.value.value, AGREED_CONF * page_factor(page))
        source = f"{' '.join(text.split())} (read again: {' / '.join(readings)})"
        if voted:  # a line's page reading was outvoted: the boxes' reading, for review (as :meth:`_vote` keeps one)
            return Hit(value, min(conf, MAJORITY_CONF), source, evidence=CROP_VOTE)
        return Hit(value, round(max(conf, 0.0), 3), source, evidence=CROP_AGREED, ocr_conf=weakest)

    def _cut_short(self, page: Page, below: list[Segment], label: Label, above: bool) -> bool:
        """Whether an address under its label stopped short: the next text in
        its column, a little further down than its lines are apart, is no label and no sentence (a line spacing
        wider than the reader's, or a line pushed down by the next column's): it may be part of the value."""
        if above or label.type != "address" or len(below) >= label.lines:  # a name's next line: _wrap_guard
            return False
        last = below[-1]
        at = _line_of(page, last)
        if at is None:
            return False
        for line in page.lines[at + 1 :]:
            if line.top - last.bottom > CUT_SHORT_GAP:
                return False
            column = [seg for seg in line.segments if abs(seg.x0 - below[0].x0) <= COLUMN_TOLERANCE]
            if column:
                text = column[0].text
                return not (self.is_label(column[0]) or is_prose(text) or sum(ch.isalpha() for ch in text) < 3)
        return False

    def _name_starts_higher(self, page: Page, first: Segment) -> Segment | None:
        """The line over a name read upward from its label (a values-above grid) when the name goes on there: set as
        close as a name's lines, in its column, no label, no sentence and no figure."""
        at = _line_of(page, first)
        if at is None or at == 0:
            return None
        line = page.lines[at - 1]
        if first.top - line.bottom > NEXT_LINE_GAP + GAP_SLACK:
            return None
        column = [seg for seg in line.segments if abs(seg.x0 - first.x0) <= COLUMN_TOLERANCE]
        if not column:
            return None
        text = column[0].text.strip()
        if (
            self.is_label(column[0], page)
            or is_prose(text)
            or any(ch.isdigit() for ch in text)
            or sum(ch.isalpha() for ch in text) < 3
        ):
            return None
        return column[0]

    def _name_runs_on(self, page: Page, below: list[Segment]) -> list[Segment]:
        """The lines (at most two) that go on under a name read from its column's lines ``below``, set as
        close as its lines: no label, no sentence, no figure, words of three letters or more."""
        taken: list[Segment] = []
        last = below[-1]
        at = _line_of(page, last)
        if at is None:
            return taken
        for line in page.lines[at + 1 : at + 1 + NAME_RUN_ON]:
            if line.top - last.bottom > NEXT_LINE_GAP + GAP_SLACK:
                break
            column = [seg for seg in line.segments if abs(seg.x0 - below[0].x0) <= COLUMN_TOLERANCE]
            if not column or line.segments[0] is not column[0]:
                break
            text = column[0].text.strip()
            if self.is_label(column[0]) or is_prose(text) or any(ch.isdigit() for ch in text):
                break
            if sum(ch.isalpha() for ch in text) < 3:
                break
            taken.append(column[0])
            last = column[0]
        return taken

    def _wrap_guard(self, page: Page, number: int, starts: tuple[float, ...], label: Label, hit: Hit) -> Hit:
        """A name read from one line (line ``number``, starting at one of ``starts``) whose next line, close
        under it in its column with no label, may continue it (a name that wraps where the reader did not
        join it): a company word alone there (``CORPORATION``, ``INC``) is joined; other upper-case words
        send the name to review rather than filing it cut."""
        if label.type != "name" or label.lines < 2 or not isinstance(hit.value, str) or number + 1 >= len(page.lines):
            return hit
        line, following = page.lines[number], page.lines[number + 1]
        if following.top - line.bottom > NEXT_LINE_GAP * 1.5:
            return hit
        column = [seg for seg in following.segments if min(abs(seg.x0 - x) for x in starts) <= COLUMN_TOLERANCE]
        if not column or following.segments[0] is not column[0]:
            return hit  # nothing there, or a label or value of another column starts that line
        text = column[0].text.strip()
        if self.patterns.label_start.match(text) or any(ch.islower() or ch.isdigit() for ch in text):
            return hit
        if COMPANY_WORDS.fullmatch(text):
            joined = self.read("name", f"{hit.value} {text}")
            if joined is not None:
                conf = (
                    hit.conf if page.method == "text" else min(hit.conf, column[0].conf() / 100.0 * page_factor(page))
                )
                ocr_conf = None if hit.ocr_conf is None else min(hit.ocr_conf, column[0].conf())
                return replace(
                    hit, value=joined.value.value, conf=round(conf, 3), source=f"{hit.source} {text}", ocr_conf=ocr_conf
                )
        if sum(ch.isalpha() for ch in text) >= 3 and not COMPANY_END.search(hit.value):
            return replace(hit, conf=min(hit.conf, WRAP_UNSURE_CONF), source=f"{hit.source} / {text}", evidence=CUT)
        return hit

    def _below(self, lines: list[Line], label: Segment, count: int, stops: list[float] | None = None) -> list[Segment]:
        """Segments under ``label`` in its column: up to ``count`` lines, stopping at a label or a gap."""
        return self._column_run(lines, label, count, upward=False, stops=stops or [])

    def _above_label(
        self, lines: list[Line], label: Segment, count: int, stops: list[float] | None = None
    ) -> list[Segment]:
        """Segments over ``label`` in its column, nearest first, up to ``count`` lines; in reading order."""
        return self._column_run(lines[::-1], label, count, upward=True, stops=stops or [])[::-1]

    def _column_run(
        self, lines: list[Line], label: Segment, count: int, upward: bool, stops: list[float] | None = None
    ) -> list[Segment]:
        """Segments in ``label``'s column over ``lines`` (nearest first), up to ``count``, stopping at a label or
        a gap; ``upward`` walks lines above the label. ``stops``: where the next columns start (see _cut)."""
        taken: list[Segment] = []
        edge = label.top if upward else label.bottom
        for line in lines:
            gap = edge - line.bottom if upward else line.top - edge
            if gap > (NEXT_LINE_GAP if taken else FIRST_LINE_GAP) + GAP_SLACK:
                break
            column = [seg for seg in line.segments if abs(seg.x0 - label.x0) <= COLUMN_TOLERANCE]
            if not column and stops is not None:
                column = [part for seg in line.segments if (part := _cut(seg, label.x0, None)) is not None]
            if not column:
                continue  # a line of the next column between two of the value's (an appointment block's)
            if self.is_label(column[0]) or self.other_pair(column[0].text):
                break  # a label, or a label with its own value (``RECEIVED DATE Apr. 1, 2026`` over a blank box)
            value = self._before_label(column[0])
            for stop in stops or []:
                value = _cut(value, None, stop) or value
            taken.append(value)
            edge = column[0].top if upward else column[0].bottom
            if len(taken) >= count:
                break
        return taken

    def _continued_right(
        self, page: Page, number: int, head: Segment, right: Segment, label: Label
    ) -> tuple[list[Segment], bool]:
        """Lines continuing a name printed right of its label ``head``: each under the first one, with nothing
        between the label's left edge and it on its line (a page of two such columns has the other column's
        label and value left of it; another label under ``head`` starts a value of its own); and whether the
        name may go on past them (see :func:`_ends_name`)."""
        if label.lines < 2 or label.type not in ("name", "address"):
            return [], False
        taken: list[Segment] = []
        bottom = right.bottom
        # A firm's name may wrap onto a line or two more than most names (``... COOPERATIVE OF THE`` / ``NORTHWEST
        # LLC``): joined when its last line ends as a firm's name does.
        usual = label.lines - 1
        most = usual + (NAME_RUN_ON if label.type == "name" else 0)
        # A value set after a colon of its own (``: ACME RESEARCH``) continues under its first letter, not the colon.
        lead = len(right.text) - len(right.text.lstrip(VALUE_LEAD))
        starts = (right.x0, right.x_at(lead)) if 0 < lead < len(right.text) else (right.x0,)
        for line in page.lines[number + 1 :]:
            column = [seg for seg in line.segments if min(abs(seg.x0 - x) for x in starts) <= COLUMN_TOLERANCE / 2]
            if line.top - bottom > NEXT_LINE_GAP:
                break
            if not column and self._left_column_line(line, head.x0 + COLUMN_TOLERANCE):
                continue  # a line of a column left of the label's, set between two of the name's lines
            if not column:
                break
            first = column[0]
            if any(seg.x1 > head.x0 - COLUMN_TOLERANCE and seg.x0 < first.x0 for seg in line.segments):
                break
            if self.is_label(first) or self.patterns.label_pair.match(first.text) or is_prose(first.text):
                break
            if label.type == "name" and any(ch.isdigit() for ch in first.text):
                # A name goes on in letters: a line with a figure is not joined. An address's street or an
                # A-Number ends the name; another line (``RECEIVED 01/02/2011``, a name's last line misread)
                # may be the name's: held for review.
                return taken[:usual], len(taken) > usual or not _ends_name(first.text)
            if len(taken) >= most:
                return taken[:usual], True  # more lines than a name takes, and another close under them
            taken.append(first)
            bottom = line.bottom
        if len(taken) > usual and not COMPANY_END.search(taken[-1].text.strip()):
            return taken[:usual], True  # more lines than a name takes, not ending as a firm's name does: a person looks
        return taken, False

    def _under_label(self, line: Line, margin: float) -> bool:
        """Whether ``line`` opens at the label's margin with words in capitals and no figure that are no label (a
        name run on from the label's line, its next line set under the label: ``Petitioner: ACME HOLDINGS,`` /
        ``LLC D/B/A ACME``)."""
        first = line.segments[0] if line.segments else None
        if first is None or abs(first.x0 - margin) > COLUMN_TOLERANCE / 2:
            return False
        text = first.text.strip()
        return (
            text.upper() == text
            and any(ch.isalpha() for ch in text)
            and not any(ch.isdigit() for ch in text)
            and not self.is_label(first)
            and not self.patterns.label_pair.match(text)
        )

    def _left_column_line(self, line: Line, edge: float) -> bool:
        """Whether ``line`` lies wholly left of ``edge`` and is a label with its value, or text (a column of label and
        value pairs left of a wrapped value, its lines set between the value's): a label alone there may have its
        value under it, in the wrapped value's column."""
        return (
            bool(line.segments)
            and all(seg.x1 <= edge for seg in line.segments)
            and not (len(line.segments) == 1 and self.patterns.label_only.match(line.segments[0].text))
        )

    def _right_run(self, page: Page, run: list[Segment], label: Label) -> Hit | None:
        """A value right of its label over several lines (the A-Number line above a name is left out)."""
        if label.type == "name" and not split_anumber(run[0].text.lstrip(VALUE_LEAD))[1].strip():
            run = run[1:]  # the applicant box's A-Number line: the name is below it
        if not run:
            return None
        text = _joiner(label).join(seg.text for seg in run)
        found = self.read(label.type, text)
        if found is None:
            return None
        if len(run) == 1:
            span = (found.start, found.end)
            return self._hit(page, found, run[0].conf(*span), text, label.type, run[0].box(*span))
        return self._hit(page, found, min(seg.conf() for seg in run), text, label.type)

    def _line_direction(self, page: Page, number: int) -> bool | None:
        """Whether the values of the labels on line ``number`` sit above them, voted by that line's typed
        labels alone (None when they do not tell): a block printed the other way from the page's header."""
        lines: dict[int, bool | None] = page.memo.setdefault(self._line_key, {})
        if number not in lines:
            lines[number] = self._vote_line(page, number)
        return lines[number]

    def _party_captions(self, page: Page, segment: Segment) -> bool | None:
        """True when the party labels in ``segment``'s column are captions printed under their names (a side
        block of ``ACME CORP`` over ``Petitioner``, ``DOE, JANE`` over ``Beneficiary``, then the mailing block),
        whichever way the page's typed labels vote; None when the column does not tell. The column's ends tell:
        its first party label has a name over it that is no other label's value (nothing labelled over that
        name), and its last has nothing under it that is a name of its own (nothing, a sentence, or a mailing
        block: a name over a street or a city and ZIP code line)."""
        key = "party captions"
        columns: dict[float, bool | None] = page.memo.setdefault(key, {})
        for x0, found in columns.items():
            if abs(x0 - segment.x0) <= COLUMN_TOLERANCE:
                return found
        parties = [
            (number, seg)
            for number, _, seg in self._label_segments(page)
            if abs(seg.x0 - segment.x0) <= COLUMN_TOLERANCE and self._party_label_alone(seg)
        ]
        found = None
        if parties:
            (first_at, first), (last_at, last) = parties[0], parties[-1]
            over = self._above_label(page.lines[:first_at], first, 1)
            if over and len(over[0].text.split()) == 1:  # a long name's last word wrapped onto a line of its own
                wrapped = self._above_label(page.lines[:first_at], first, 2)
                over = [seg for seg in wrapped if seg.text != over[0].text][:1] or over  # the name's first line
            under = self._below(page.lines[last_at + 1 :], last, PARTY_BLOCK_LINES)
            if (
                over
                and self._caption_name(over[0].text)
                and not self._label_over(page, over[0])
                and (not under or is_prose(under[0].text) or any(_postal_line(seg.text) for seg in under[1:]))
            ):
                found = True
        columns[segment.x0] = found
        return found

    def _label_over(self, page: Page, segment: Segment) -> bool:
        """Whether the nearest text over ``segment`` in its column, as close as a value under its label, is a label."""
        at = _line_of(page, segment)
        for line in page.lines[:at][::-1] if at else []:
            if segment.top - line.bottom > FIRST_LINE_GAP + GAP_SLACK:
                return False
            column = [seg for seg in line.segments if abs(seg.x0 - segment.x0) <= COLUMN_TOLERANCE]
            if column:
                return self.is_label(column[0], page)
        return False

    def _party_label_alone(self, segment: Segment) -> bool:
        """Whether ``segment`` is a party's label and nothing more (``Petitioner``, ``Beneficiary:``)."""
        text = segment.text.strip().rstrip(":").strip().upper()
        return text in PARTY_LABELS

    def _caption_name(self, text: str) -> bool:
        """Whether ``text`` over a party label reads as a name printed over its caption: two words at least, no
        label, heading or title, no sentence, no figure."""
        words = text.split()
        return (
            len(words) >= 2
            and not any(ch.isdigit() for ch in text)
            and not is_prose(text)
            and not self._heading(text)
            and not self.patterns.any_label.match(text)
            and self.read("name", text) is not None
        )

    def _direction_vote(self, page: Page, number: int, segment: Segment, label: Label) -> tuple[bool, bool]:
        """One typed label's vote: (its value is under it, its value is over it), neither when both or none."""
        under = self._below(page.lines[number + 1 :], segment, 1)
        over = self._above_label(page.lines[:number], segment, 1)
        ok_under = bool(under) and self.read(label.type, under[0].text) is not None
        ok_over = bool(over) and self.read(label.type, over[0].text) is not None
        return ok_under and not ok_over, ok_over and not ok_under

    def _vote_line(self, page: Page, number: int) -> bool | None:
        below = above = 0
        for at, _, segment in self._label_segments(page):
            if at != number:
                continue
            label = next((lab for lab in self._vote_labels if lab.regex.match(segment.text)), None)
            match = label.regex.match(segment.text) if label is not None else None
            if label is None or match is None or match.group("rest").strip():
                continue
            vote_below, vote_above = self._direction_vote(page, number, segment, label)
            against = (vote_below or vote_above) and vote_above != self.values_above(page)
            # Against the page's way only when the value voted for is not the value of another label beyond
            # it (a stacked column of labels and values whose value under this label OCR lost).
            if against and self._label_beyond(page, number, segment, upward=vote_above):
                continue
            below += vote_below
            above += vote_above
        return None if above == below else above > below

    def _label_beyond(self, page: Page, number: int, segment: Segment, upward: bool) -> bool:
        """Whether, in ``segment``'s column, the nearest text over it (``upward``) or under it has a label
        just beyond it: that text is the other label's value as much as this one's."""
        lines = page.lines[:number][::-1] if upward else page.lines[number + 1 :]
        found = 0
        edge = segment.top if upward else segment.bottom
        for line in lines:
            gap = edge - line.bottom if upward else line.top - edge
            if gap > FIRST_LINE_GAP:
                return False
            column = [seg for seg in line.segments if abs(seg.x0 - segment.x0) <= COLUMN_TOLERANCE]
            if not column:
                continue
            if found:
                return self.is_label(column[0], page)
            found = 1
            edge = column[0].top if upward else column[0].bottom
        return False

    def _continued(
        self,
        page: Page,
        number: int,
        starts: tuple[float, float],
        label: Label,
        slack: float = 0.0,
        margin: float | None = None,
    ) -> tuple[list[Segment], bool]:
        """Lines continuing a value after its label (a name that wraps): each starts under the value's run,
        or under the value itself (``starts``: the x of both; the second known within ``slack`` points); and
        whether the value may go on past them (more lines than a name takes: a person looks). ``margin``: the
        label's left edge (text wholly left of it is another column's)."""
        margin = starts[0] if margin is None else margin
        if label.lines < 2 or label.type not in ("name", "address"):
            return [], False
        taken: list[Segment] = []
        bottom = page.lines[number].bottom
        usual = label.lines - 1
        most = usual + (NAME_RUN_ON if label.type == "name" else 0)  # a firm's long name (see _continued_right)
        for line in page.lines[number + 1 :]:
            if line.top - bottom > NEXT_LINE_GAP:
                break
            column = [
                seg
                for seg in line.segments
                if abs(seg.x0 - starts[0]) <= COLUMN_TOLERANCE / 2
                or abs(seg.x0 - starts[1]) <= COLUMN_TOLERANCE / 2 + slack
            ]
            if not column and self._left_column_line(line, margin - COLUMN_TOLERANCE):
                continue  # a line of a column left of the value's, set between two of its lines
            if not column and not taken and self._under_label(line, margin):
                return taken, True  # the name's next line hung under its label, not its value, perhaps: a person looks
            if not column or self.is_label(column[0]) or len(line.segments) > 2:
                break
            if self.patterns.label_pair.match(column[0].text):
                break  # the next label and its value (``BENEFICIARY ....... NAME``), typed at the label's margin
            if any(self.is_label(seg) for seg in line.segments if seg.x0 < column[0].x0 and seg.x1 > margin):
                break  # the next label's value, parted from its label by OCR (``BENEFICIARY........`` ``NAME``)
            first = column[0].text
            if abs(column[0].x0 - margin) <= COLUMN_TOLERANCE / 2 and self.patterns.label_start.match(first):
                # At the label's margin, starting with a label's words: the next label and its value with no colon
                # (``Amount Received $715.00``); in capitals it may be the name's next line (``EMPLOYER SERVICES``).
                return taken[:usual], not any(ch.islower() for ch in first)
            if len(taken) >= most:
                return taken[:usual], True
            taken.append(column[0])
            bottom = line.bottom
        if len(taken) > usual and not COMPANY_END.search(taken[-1].text.strip()):
            return taken[:usual], True
        return taken, False

    def _hit(
        self,
        page: Page,
        found: _Found,
        word_conf: float,
        source: str,
        type_: str = "",
        box: tuple[float, float, float, float] | None = None,
    ) -> Hit:
        conf = (0.99 if page.method == "text" else word_conf / 100.0) * page_factor(page)
        value = found.value.value
        if found.value.repaired:
            conf *= REPAIR_FACTOR
        if found.value.checked:
            # Office code and length check out: keep the value, but a weak OCR read still goes to review.
            conf = max(conf, CHECKED_FLOOR)
        if page.method == "text" and found.value.repaired:
            # A look-alike in digital text is no OCR slip: the repaired value is kept, for a person to confirm.
            conf = min(conf, TEXT_REPAIR_CONF)
        if page.method == "ocr" and type_ in ("name", "address") and isinstance(value, str):
            value, conf = _ocr_name(value, conf)
        ocr_conf = word_conf if page.method == "ocr" else None
        weak = conf < WEAK_BELOW and (type_ in WEAK_REREAD or (type_ == "form" and is_bare_form(value)))
        if page.reread is not None and box is not None and (type_ in DOUBLE_READ or weak):
            return _marked(page, type_, box, self._vote(page, type_, box, value, source, conf, ocr_conf))
        if page.reread is not None and box is not None and type_ in CHECKED_READ and word_conf < CHECK_BELOW:
            again = _lead_letter_off(page.reread(box, 1, REREAD_CHARS.get(type_, "")), str(value))
            second = self._reading(type_, again)
            if _mark_for_letter(value, second):  # the box reads a letter where the page read a mark: for review
                readings = f"{' '.join(source.split())} (read again: {' '.join(again.split())})"
                return _marked(page, type_, box, Hit(second, MAJORITY_CONF, readings, evidence=CROP_VOTE))
            if _differs(value, second):  # a second reading disagrees: the page's is a candidate
                tidy = " ".join(again.split())
                why = f"{doubt(word_conf)}, read again from its box as " + (f"'{tidy}'" if tidy else "nothing")
                readings = f"{' '.join(source.split())} (read again: {tidy or '-'})"
                shown = _initial_apart(value, second)
                if shown is not value:  # the box's reading shown: say what the page read
                    why = f"{doubt(word_conf)}, read on the page as '{value}', in its box alone as '{tidy}'"
                candidate = candidate_for(shown, why, word_conf)
                return Hit(None, DISAGREE_CONF, readings, evidence=CROP_VOTE, candidate=candidate)
        evidence = OCR_REPAIRED if page.method == "ocr" and found.value.repaired else LABELLED
        hit = Hit(value, round(conf, 3), " ".join(source.split()), evidence=evidence, ocr_conf=ocr_conf)
        return _marked(page, type_, box, hit)

    def hit(
        self,
        page: Page,
        found: _Found,
        word_conf: float,
        source: str,
        type_: str = "",
        box: tuple[float, float, float, float] | None = None,
    ) -> Hit:
        """A value found at ``box`` on ``page``, scored (and on a scan read again) like a labelled one."""
        return self._hit(page, found, word_conf, source, type_, box)

    def vote(
        self,
        page: Page,
        type_: str,
        box: tuple[float, float, float, float],
        first: Any,
        source: str,
        conf: float,
        ocr_conf: float | None = None,
    ) -> Hit:
        """A value read again from its box alone (see :meth:`_vote`)."""
        return self._vote(page, type_, box, first, source, conf, ocr_conf)

    def _votes(self, page: Page, type_: str, text: str) -> bool:
        """Whether a value that failed its check on a scan is worth reading again from its box."""
        enough = sum(ch.isalnum() for ch in text) >= REREAD_MIN_CHARS.get(type_, 99)
        return page.reread is not None and type_ in DOUBLE_READ | WEAK_REREAD and enough

    def _vote(
        self,
        page: Page,
        type_: str,
        box: tuple[float, float, float, float],
        first: Any,
        source: str,
        conf: float,
        ocr_conf: float | None = None,
    ) -> Hit:
        """Read a value again from its box alone (sharp, then enlarged): agreeing readings decide.

        The page reading confirmed by the sharp crop is sure; a receipt number no crop reading contradicts
        is kept for review. Readings that disagree give no value: null, every reading in the source, and
        the page's reading (else the one two readings agree on) as the field's candidate for a person.
        """
        assert page.reread is not None
        source = " ".join(source.split())
        chars = REREAD_CHARS.get(type_, "")
        texts = [page.reread(box, 1, chars)]
        second = self._reading(type_, texts[0])
        if first is not None and second == first:
            return Hit(first, round(max(conf, AGREED_CONF), 3), source, evidence=CROP_AGREED, ocr_conf=ocr_conf)
        texts.append(page.reread(box, 2, chars))
        third = self._reading(type_, texts[1])
        if type_ in CHECKED_READ:  # a name read again with other marks but the same letters is the same name
            second, third = (first if _same_name(v, first) else v for v in (second, third))
        votes = Counter(v for v in (first, second, third) if v is not None)
        readings = f"{source} (read again: {' / '.join(text or '-' for text in texts)})"
        if not votes:
            return Hit(None, DISAGREE_CONF, readings, evidence=CROP_VOTE)
        value, count = votes.most_common(1)[0]
        if first is not None and len(votes) == 1:  # no crop reading contradicts the page's
            if count >= 2 or type_ in DOUBLE_READ:  # the enlarged crop agrees, or a format-checked value
                kept = MAJORITY_CONF if count >= 2 else min(conf, CHECKED_FLOOR)
                return Hit(first, kept, readings, evidence=CROP_VOTE, ocr_conf=ocr_conf)
        elif first is None and count >= 2:  # the page's reading failed; both crops read one value
            return Hit(value, MAJORITY_CONF, readings, evidence=CROP_VOTE)
        # The readings disagree (or a weak reading no crop confirms): no value, the page's reading shown.
        shown = dict.fromkeys(f"'{' '.join(text.split())}'" if text.strip() else "nothing" for text in texts)
        again = " / ".join(shown)
        why = f"read again from its box as {again}"
        if ocr_conf is not None:
            why = f"{doubt(ocr_conf)}, {why}"
        candidate = candidate_for(first, why, ocr_conf)  # none when the page's own reading failed
        return Hit(None, DISAGREE_CONF, readings, evidence=CROP_VOTE, candidate=candidate)

    def _reading(self, type_: str, text: str) -> Any:
        found = self.read(type_, text)
        if found and type_ in ("name", "address") and isinstance(found.value.value, str):
            return _ocr_name(found.value.value, 1.0)[0]  # tidied like the page reading it is compared with
        return found.value.value if found else None

    def headed(self, pages: list[Page], head: re.Pattern[str], type_: str, lines: int) -> Hit | None:
        """A value whose first line is a segment matching ``head`` whole, with the lines under it in its column."""
        for page in pages:
            for number, line in enumerate(page.lines):
                for segment in line.segments:
                    if not head.match(segment.text):
                        continue
                    run = [segment, *self._under_head(page.lines[number + 1 :], segment, lines - 1)]
                    text = (", " if type_ == "address" else " ").join(seg.text for seg in run)
                    found = self.read(type_, text)
                    if found:
                        hit = self._hit(page, found, min(seg.conf() for seg in run), text, type_)
                        return replace(hit, conf=round(hit.conf * PATTERN_FACTOR, 3), evidence=HEADING)
        return None

    def _under_head(self, lines: list[Line], head: Segment, count: int) -> list[Segment]:
        """Up to ``count`` segments under ``head`` in its column, passing lines of other columns between them."""
        taken: list[Segment] = []
        edge = head.bottom
        for line in lines:
            column = [seg for seg in line.segments if abs(seg.x0 - head.x0) <= COLUMN_TOLERANCE]
            if not column:
                continue
            if column[0].top - edge > NEXT_LINE_GAP or self.is_label(column[0]) or len(taken) >= count:
                break
            taken.append(column[0])
            edge = column[0].bottom
        return taken

    def patterned(
        self, pages: list[Page], regexes: list[re.Pattern[str]], by_block: list[re.Pattern[str]] | None = None
    ) -> dict[str, Hit]:
        """Values of the named groups of ``regexes`` over the pages' text; the first match wins. Those of
        ``by_block`` still missing are then looked for in each column's block of text alone."""
        hits: dict[str, Hit] = {}
        for regex in regexes:
            for page in pages:
                for match in finditer(regex, page.text, page_folded(page)):
                    for group, text in match.groupdict().items():
                        name = group.replace("__", ".")  # appointment__date: the field appointment.date
                        if text is None or name in hits:
                            continue
                        hit = self._patterned_one(page, match, group, text)
                        if hit:
                            hits[name] = hit
        # A sentence that wraps in a column beside another (a letter beside a column of labels and values)
        # has the other column's lines between its own in the page's text: read each block on its own too.
        for regex in by_block or []:
            if all(group.replace("__", ".") in hits for group in regex.groupindex):
                continue
            for page in pages:
                for block in column_blocks(page):
                    for match in finditer(regex, block.text, page_folded(block)):
                        for group, text in match.groupdict().items():
                            name = group.replace("__", ".")
                            if text is None or name in hits:
                                continue
                            hit = self._patterned_one(block, match, group, text)
                            if hit:
                                hits[name] = hit
        return hits

    def _patterned_one(self, page: Page, match: re.Match[str], name: str, text: str) -> Hit | None:
        label = next((lab for lab in self.patterns.labels if lab.name == name), None)
        type_ = label.type if label else PART_TYPES.get(name.rpartition("__")[2], "date")
        if type_ == "address":  # an address block's lines (a pattern may take several): joined as a label's are
            text = ", ".join(part.strip() for part in text.splitlines() if part.strip())
        found = self.read(type_, text)
        if not found:
            return None
        start = match.start(name)
        end = match.end(name) if type_ == "address" else start + found.end  # the lines as printed, not as joined
        conf = page.conf(start + found.start, end)
        hit = self._hit(page, found, conf, match.group(0))
        # A label's words and its value in one run (``VALID FROM x TO y``), or a sentence of the letter.
        evidence = SENTENCE if self._in_sentence_match(page, match) else hit.evidence
        evidence = INLINE_LABEL if evidence == LABELLED else evidence
        at = next((seg.top for a, b, seg in page.index if a <= match.start() < b), None)
        where = None if at is None else (page.number, at)
        return replace(hit, conf=round(hit.conf * PATTERN_FACTOR, 3), evidence=evidence, where=where)

    def _in_sentence_match(self, page: Page, match: re.Match[str]) -> bool:
        """Whether a pattern's match is a sentence rather than a label and its value in one run: the words
        before its first value are no label (``must be received by``, ``scheduled ... on``), or the match,
        or a segment it touches, reads as prose."""
        first = min(match.start(group) for group in match.groupdict() if match.group(group) is not None)
        lead = page.text[match.start() : first].strip()
        labelled = self.patterns.label_start.match(lead) or (lead.endswith(":") and len(lead.split()) <= LEAD_WORDS)
        if not labelled or is_prose(match.group(0)):
            return True
        start, end = match.span()
        return any(is_prose(seg.text) for a, b, seg in page.index if a < end and b > start)


# A street line (``2839 LINDEN RD``, ``410 Harbor View Drive, Suite 12``, ``P.O. Box 648003``) or a city, state and
# ZIP code line (``PORTLAND OR 97214``, ``Madison, WI 53703-1201``): an address's, never a name's.
STREET_LINE = re.compile(
    r"^\s*(?:\d{1,6}[A-Z]?\s+(?:[A-Z0-9.'-]+\s+){0,5}?(?:ST|STREET|RD|ROAD|AVE|AVENUE|BLVD|BOULEVARD|DR|DRIVE|LN|LANE|"
    r"CT|COURT|WAY|PL|PLACE|PKWY|PARKWAY|HWY|HIGHWAY|CIR|CIRCLE|TER|TERRACE|TRL|TRAIL|SQ|SQUARE|PIKE|ROW)\b\.?"
    r"|P\.?\s?O\.?\s+BOX\s+\d)",
    re.IGNORECASE,
)
CITY_LINE = re.compile(r"^[^\d,]{2,40},?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\s*$")


def _name_top(lines: list[Segment], heading: Callable[[str], bool]) -> int:
    """Where a name read upward over its caption starts among ``lines`` (reading order): under the nearest line
    over it that is a heading (``Receipt``, ``Approval Notice``) or an A-Number's (the party box's first line)."""
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        if heading(text) or split_anumber(text.strip())[0] is not None:
            return index + 1
    return 0


def _postal_line(text: str) -> bool:
    """Whether a line is a postal address's street line or its city, state and ZIP code line."""
    return bool(STREET_LINE.match(text) or CITY_LINE.match(text.strip()))


def _ends_name(text: str) -> bool:
    """Whether a line under a name surely is not part of it: an address's first line (a street number) or an
    A-Number (a party box's)."""
    text = text.lstrip(VALUE_LEAD)
    return text[:1].isdigit() or split_anumber(text)[0] is not None


VALUE_LEAD = ":.-= \t"  # what may stand before a value right of its label (``APPLICANT`` ``: A229884398``)
# A value set flush right under its label (a column aligned on its right edge): only of a type recognisable on its
# own, in a short segment (a weekday and a long date) that is no sentence.
FLUSH_RIGHT_TYPES = frozenset({"date", "time"})
FLUSH_RIGHT_CHARS = 40
# Types of value a party's box holds beside the name (``A# 216-312-494 Kwame C. Vargas``), and the page's numbering.
PARTY_BOX_TYPES = frozenset({"anumber", "alien_number", "page"})
# A value right of its label by more than this many times the label's height may be another column's text.
FAR_RIGHT = 10.0
# A text on the next line up or down right of a label stands level with it (its value, in larger type) when their
# heights overlap by this share of the smaller one.
LEVEL_SHARE = 0.6
LETTER_REACH = 4  # lines above and below a far-right value looked at for the letter's sentences
PARTY_LABELS = frozenset({"PETITIONER", "BENEFICIARY", "APPLICANT"})  # a name holding one is two cells run together
PARTY_BLOCK_LINES = 4  # lines under a column's last party label looked at for a mailing block
LABEL_WORDS = 2  # a name of more words than this is not taken for a misspelt label
# Words of a form's column headings (``Country of Birth``, ``Family Name``, ``Date of Birth``, ``Class of Admission``):
# a would-be name made of these words alone (one at least not a connective) is a heading, never a person or a firm.
HEADING_VOCABULARY = frozenset(
    {
        *("NAME", "NAMES", "FAMILY", "GIVEN", "FIRST", "MIDDLE", "LAST", "SURNAME", "FULL", "OTHER"),
        *("DATE", "BIRTH", "COUNTRY", "CITY", "STATE", "PROVINCE", "PLACE", "CITIZENSHIP", "NATIONALITY"),
        *("GENDER", "SEX", "NUMBER", "NO", "CODE", "ZIP", "POSTAL", "ADDRESS", "STREET", "APT", "TYPE"),
        *("CLASS", "ADMISSION", "ADMITTED", "STATUS", "EXPIRES", "EXPIRATION", "VALID", "UNTIL", "FROM", "TO"),
        *("RELATIONSHIP", "TELEPHONE", "PHONE", "EMAIL", "E-MAIL", "OF", "AND", "OR", "THE", "IN"),
    }
)
HEADING_LINKS = frozenset({"OF", "AND", "OR", "THE", "IN", "FROM", "TO"})
PROSE_WORDS = 5  # a sentence: at least this many words ...
PROSE_LOWER = 3  # ... of which this many are lower-case words that are not name particles
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "do",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "y",
        "e",
        "bin",
        "ibn",
        "al",
        "el",
        "mac",
        "st",
    }
)


BLOCK_GAP = 16.0  # points between two lines of one block of text in a column, at most


def column_blocks(page: Page) -> list[Page]:
    """The blocks of text in a page's columns (lines one under another at one left edge), each as a page of
    its own, its lines in order; blocks of one line are left out. Found once per page."""
    if "blocks" in page.memo:
        blocks: list[Page] = page.memo["blocks"]
        return blocks
    runs: list[list[Segment]] = []
    for line in page.lines:
        for segment in line.segments:
            run = next(
                (
                    run
                    for run in runs
                    if abs(run[0].x0 - segment.x0) <= COLUMN_TOLERANCE
                    and 0 <= segment.top - run[-1].bottom <= BLOCK_GAP
                ),
                None,
            )
            if run is None:
                runs.append([segment])
            else:
                run.append(segment)
    blocks = [
        Page(page.number, [Line([seg]) for seg in run], page.method, page.quality, page.offset, reread=page.reread)
        for run in runs
        if len(run) > 1
    ]
    page.memo["blocks"] = blocks
    return blocks


GAP_SLACK = 0.1  # points: a gap this much over a limit is still within it (a limit met exactly, read with rounding)
NAME_RUN_ON = 2  # lines a name may run on past its label's line count (``_name_runs_on``)
CUT_SHORT_GAP = 1.5 * NEXT_LINE_GAP  # the next line of an address may be this far under its last one (_cut_short)
CUT_GAP = 0.8  # a gap between two words at least this many times their height may part two cells


def _joiner(label: Label) -> str:
    """What joins the lines of a value: an address's lines with a comma, other values' with a space."""
    return ", " if label.type == "address" else " "


def _cut(segment: Segment, start: float | None, stop: float | None) -> Segment | None:
    """The words of ``segment`` from the one starting at column ``start`` (or to the one starting at column
    ``stop``, left out), where that word starts a cell of its own: after a gap wider than a space, or (to
    ``stop``: two cells set so close they touch) right at the column when what is cut off is a value of a
    format of its own (``TAKAHASHI, ZAINAB E`` and the next column's ``1 of 1``).
    None when the segment does not run across that column."""
    words = segment.words
    for index in range(1, len(words)):
        word, before = words[index], words[index - 1]
        at = start if start is not None else stop
        assert at is not None
        if abs(word.x0 - at) > COLUMN_TOLERANCE:
            continue
        if word.x0 - before.x1 < CUT_GAP * min(word.height, before.height):
            touching = stop is not None and abs(word.x0 - at) <= ALIGNED_CUT and word.x0 > before.x1
            if not touching or not _typed_value(" ".join(w.text for w in words[index:])):
                continue
        return Segment(words[index:] if start is not None else words[:index])
    return _cut_in_run(segment, stop) if stop is not None else None


def _cut_in_run(segment: Segment, stop: float) -> Segment | None:
    """``segment`` up to the next column at ``stop`` where a run of a text PDF holds both cells (its words' places
    estimated by their share of characters): only when what is cut off is a value of a format of its own."""
    text = segment.text
    if segment.x1 <= stop + COLUMN_TOLERANCE:
        return None
    for offset in range(1, len(text)):
        if text[offset - 1] != " " or text[offset] == " " or abs(segment.x_at(offset) - stop) > COLUMN_TOLERANCE:
            continue
        if _typed_value(text[offset:]):
            left, _ = _cut_words(segment.words, segment.starts, offset - 1)
            kept = [_trimmed(word) for word in left if word.text.strip()]
            return Segment(kept) if kept else None
    return None


ALIGNED_CUT = 2.0  # points: a word starting this near the next column's edge starts that column's cell
_OWN_FORMATS = ("date", "time", "page", "money", "i94")


def _typed_value(text: str) -> bool:
    """Whether ``text`` is wholly a value of a format of its own (a date, a time, page numbering...)."""
    return any(READERS[type_](text) is not None for type_ in _OWN_FORMATS)


# What parts label/value pairs printed on one line: a bar, a middle dot or a bullet with spaces around it.
_PAIR_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022]\s+")


def _separated(segment: Segment) -> list[Segment]:
    """``segment`` parted at its separators (``Receipt MSC... | Case Type I-485 | Received 10/13/2026``), each
    part with its share of the words' width; the segment alone when it has none."""
    text = segment.text
    cuts = [(m.start(), m.end()) for m in _PAIR_SEPARATOR.finditer(text)]
    if not cuts:
        return [segment]
    parts = []
    words, starts, begin = segment.words, segment.starts, 0
    for start, end in [*cuts, (len(text), len(text))]:
        left, _ = _cut_words(words, starts, start)
        piece = [w for w in left if w.text.strip()]
        if begin < start and piece:
            # _cut_words cuts from the segment's start: drop what lies before this part's beginning.
            _, tail = _cut_words(piece, Segment(piece).starts, begin)
            piece = [w for w in tail if w.text.strip()]
            if piece:
                parts.append(Segment([_trimmed(w) for w in piece]))
        begin = end
    return parts


def _trimmed(word: Word) -> Word:
    """``word`` without spaces at its ends (a word cut out of a run)."""
    text = word.text.strip()
    return word if text == word.text else replace(word, text=text)


def is_prose(text: str) -> bool:
    """Whether ``text`` reads as a sentence of a letter (``detailed description of the duties ...``, ``Your
    response must be received by June 5, 2026.``) rather than a value: names, dates and numbers in boxes
    are not written in lower-case words."""
    words = re.findall(r"[^\W\d_][\w'-]*", _DBA.sub(" ", text))
    lower = [word for word in words if word[0].islower() and word not in NAME_PARTICLES]
    return len(words) >= PROSE_WORDS and len(lower) >= PROSE_LOWER


_DBA = re.compile(r"(?<![A-Za-z])d\s?/\s?b\s?/\s?a(?![A-Za-z])")  # "doing business as" in a company's name: no prose


# The small words an institution's name keeps in lower case between its capitalised words (``The Board of Regents of
# the ... Institute of Technology and Applied Sciences``, ``Trustees of the ... University``).
NAME_LINKS = frozenset({"of", "the", "and", "for", "in", "at", "on", "&"})


def _titled_name(text: str) -> bool:
    """Whether ``text`` is an institution's long name in title case, not a sentence: every lower-case word a link
    (:data:`NAME_LINKS`), at least as many words capitalised; no sentence's full stop inside it."""
    words = re.findall(r"[^\W\d_][\w'.-]*|&", text)
    lower = [word for word in words if not word[0].isupper()]
    if any(word.lower() not in NAME_LINKS for word in lower) or re.search(r"[a-z]{2}\.\s", text):
        return False
    return len(words) - len(lower) >= len(lower)


# The next column's heading run into a label's segment: a few words, no figures.
_HEADING_REST = re.compile(r"[A-Za-z][A-Za-z .'/()-]*")
HEADING_WORDS = 4

ESTIMATE_SLACK = 0.25  # share of a run's width before a character by which its estimated x may be off

RUN_IN_LINES = 3  # lines opening with a typed label and its value with no colon that make a run-in page, at least

LEAD_WORDS = 4  # words of a label ending in a colon before a pattern's value (``Validity Dates:``), at most

# The type of a part named in a pattern group without a common label (appointment__time).
PART_TYPES = {"time": "time", "location": "address"}

# The words that end a company's name: a line holding only these under a name continues it.
_COMPANY = (
    r"(?:CORPORATION|CORP|INC|INCORPORATED|LLC|L\.L\.C|LLP|LTD|LIMITED|COMPANY|CO|PC|P\.C|PLLC|LP|N\.A|"
    r"GROUP|HOLDINGS|FOUNDATION|ASSOCIATES|PARTNERS|TRUST)"
)
COMPANY_WORDS = re.compile(rf"(?:{_COMPANY}\.?,?\s*){{1,3}}", re.IGNORECASE)
COMPANY_END = re.compile(rf"\b{_COMPANY}\.?$", re.IGNORECASE)
WRAP_UNSURE_CONF = 0.55  # a name whose next line may continue it: kept, for review

MAX_HEADING_CHARS = 90  # characters of two column headings set close together on one line, at most


def _line_of(page: Page, segment: Segment) -> int | None:
    """The number of the line ``segment`` (or a part cut from one of its segments) sits on."""
    middle = (segment.top + segment.bottom) / 2
    return next((i for i, line in enumerate(page.lines) if line.top <= middle <= line.bottom), None)


def _lead_letter_off(again: str, value: str) -> str:
    """A box read again without a lone character before it that the page's reading ``value`` does not start with:
    the crop's margin reaches the end of the word before (``t Wen-Li Abernathy``: the last letter of ``Applicant``
    one space before a name run into its label). A lone letter after a name is kept: it may be an initial the page
    lost."""
    words = again.split()
    if len(words) > 1 and len(words[0]) == 1 and not value.startswith(words[0]):
        words = words[1:]
    return " ".join(words)


def _cut_words(words: list[Word], starts: list[int], cut: int) -> tuple[list[Word], list[Word]]:
    """``words`` parted at character ``cut`` of their text (a word cut inside gets its share of the width)."""
    left: list[Word] = []
    right: list[Word] = []
    for word, begin in zip(words, starts, strict=True):
        if begin + len(word.text) <= cut:
            left.append(word)
        elif begin >= cut:
            right.append(word)
        else:
            at = cut - begin
            x = word.x0 + (word.x1 - word.x0) * at / len(word.text)
            left.append(replace(word, text=word.text[:at], x1=x))
            right.append(replace(word, text=word.text[at:], x0=x, column=True))
    return left, right


CAPS_PAIR_WORDS = 10  # an upper-case label and value without a colon: the value has at most this many words


def _words_in(text: str, label: str) -> bool:
    """Whether every word of ``text`` is a word of ``label`` (its letters, upper case, no spaces) as OCR may
    misspell it: within an edit in three of some run of the label's letters (``Prionty`` in ``PRIORITYDATE``, not
    ``Mail``)."""
    for word in re.findall(r"[A-Za-z]+", text):
        word = word.upper()
        # Edit distance from ``word`` to the nearest run of ``label`` (a run may start and end anywhere).
        row = [0] * (len(label) + 1)
        for i, ch in enumerate(word, 1):
            prev, row[0] = row[0], i
            for j, other in enumerate(label, 1):
                prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ch != other))
        if min(row) > max(1, len(word) // 3):
            return False
    return True


def _prose_around(text: str, match: re.Match[str], after: str) -> bool:
    """Whether a label with no colon and the value after it are a sentence's words, not a label and its value: the
    label in lower case (a paragraph's wrapped line: ``received on January 14, 2026 and ...``), or a sentence
    going on after the value (``Start Date 10/01/2024 of your prior card is not changed.``; words in brackets
    after a figure, ``$1,710.00 (one thousand ...)``, spell the value out)."""
    label = match.string[: match.start("sep")].strip()
    if re.match(r"[a-z]{2}", label):  # a lower-case word; one lower-case letter is OCR's I or 1 (``l-94#``)
        return True
    words = re.findall(r"[^\W\d_][\w'-]*", re.sub(r"\([^)]*\)?", " ", after))
    return is_prose(text) and sum(word[0].islower() and word not in NAME_PARTICLES for word in words) >= PROSE_TAIL


PROSE_TAIL = 2  # lower-case words after a value that make its line a sentence, at least


CELL_SPACING = 1.5  # a gap between two cells of one line is this many times wider than its words' spacing, at least
CELL_CHARS = 1.25  # ... and this many times wider than its words' letters (a fixed-pitch space is one letter wide)


def _cell_gap(segment: Segment, index: int) -> bool:
    """Whether the gap before word ``index`` of ``segment`` parts two cells: wider than :data:`CUT_GAP` times the
    words' height, :data:`CELL_CHARS` times the width of a letter of the words beside it, and :data:`CELL_SPACING`
    times every other gap between the segment's words (a fixed-pitch line's spaces are wide, but one letter wide
    and all alike)."""
    words = segment.words
    gaps = [after.x0 - before.x1 for before, after in pairwise(words)]
    gap = gaps[index - 1]
    before, after = words[index - 1], words[index]
    if gap < CUT_GAP * min(after.height, before.height):
        return False
    letter = ((before.x1 - before.x0) / max(len(before.text), 1) + (after.x1 - after.x0) / max(len(after.text), 1)) / 2
    if gap < CELL_CHARS * letter:
        return False
    return all(gap >= CELL_SPACING * other for position, other in enumerate(gaps) if position != index - 1)


def _own_cell(segment: Segment, match: re.Match[str]) -> bool:
    """Whether the value after a label with no colon is a cell of its own beside the label's (``Petitioner`` in small
    type, then ``Cobalt Ridge Software LLC``): the label's words end a word (a run of text) and the value starts the
    next one, a gap wider than a space between them (as :data:`CUT_GAP` parts two cells), and the value is no
    sentence (two lower-case words are one's). A heading's next word (``PETITIONER INFORMATION``) follows at a space's
    width."""
    at = len(match.string) - len(match.string[match.start("rest") :].lstrip())
    if at not in segment.starts:
        return False
    index = segment.starts.index(at)
    if index == 0 or not _cell_gap(segment, index):
        return False
    rest = match.group("rest")
    lower = sum(part[0].islower() and part not in NAME_PARTICLES for part in re.findall(r"[^\W\d_][\w'-]*", rest))
    return not is_prose(rest) and lower < PROSE_TAIL  # a name's words are not a sentence's lower-case ones


def _case_turns(match: re.Match[str]) -> bool:
    """Whether a label printed with lower-case letters runs into a value in capitals (``Beneficiary DOE, JANE``):
    the turn of case parts the two cells as a colon would."""
    label, rest = match.string[: match.start("sep")], match.group("rest")
    return (
        any(ch.islower() for ch in label) and not any(ch.islower() for ch in rest) and any(ch.isupper() for ch in rest)
    )


NARROW_CHARS = frozenset(".,:;'|!iIlt ")  # characters about half as wide as most in a proportional font
NARROW_SHARE = 0.5
CAPITAL_SHARE = 1.3  # capitals about a third wider than lower-case letters


def _char_weight(ch: str) -> float:
    if ch in NARROW_CHARS:
        return NARROW_SHARE
    return CAPITAL_SHARE if ch.isupper() else 1.0


def _narrow_x(segment: Segment, offset: int) -> float:
    """Where the character at ``offset`` starts inside a run of one word, its characters weighed by their width in a
    proportional font (dots and spaces narrow, capitals wide): the left end of where it may be, when a dot leader or
    spaces stand before a value in capitals (see :meth:`Segment.x_at`, which shares the run out evenly)."""
    for word, begin in zip(segment.words, segment.starts, strict=True):
        if begin <= offset < begin + len(word.text):
            weights = [_char_weight(ch) for ch in word.text]
            return word.x0 + (word.x1 - word.x0) * sum(weights[: offset - begin]) / max(sum(weights), 1e-6)
    return segment.x0


def _caps_pair(text: str, match: re.Match[str]) -> bool:
    """Whether a segment is a label and its value in capitals with no colon (``PETITIONER ACME INC``, ``Petitioner
    ACME INC``: the change to capitals parts the cells), not prose that starts with a label word (prose goes on in
    lower-case letters)."""
    if any(ch.islower() for ch in match.group("rest")):
        return False
    rest = match.group("rest").split()
    return 0 < len(rest) <= CAPS_PAIR_WORDS and sum(ch.isalpha() for ch in "".join(rest)) >= 2


TEXT_REPAIR_CONF = 0.55  # at least NULL_BELOW (the value is kept) and below WEAK_BELOW (it is reviewed)


# An initial's period inside a name, before the next word (``Amara S. De La Cruz``, ``Kwame C. Vargas``).
INITIAL = re.compile(r"(?<![A-Za-z])[A-Z]\.(?=\s+[A-Z])")
# Two or more single letters each with its period, a word of their own (``L.P.``, ``L.L.C.``, ``U.S.A.``): an
# abbreviation as printed, not OCR specks between letters.
INITIALISM = re.compile(r"(?<![A-Za-z.])(?:[A-Za-z]\.){2,}(?![A-Za-z])")


def _name_key(name: Any) -> str:
    """A name's letters and digits in upper case, words apart: what a second reading must give the same
    (a speck read as a period or a comma is no other name; ``DMITRIS`` and ``DMITRI S`` are two)."""
    return " ".join(re.sub(r"[^0-9A-Z ]+", " ", str(name).upper()).split())


def _address_key(text: str) -> str:
    """An address line's letters and digits, upper case: two readings of it compared whatever their punctuation."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _same_name(a: Any, b: Any) -> bool:
    return a is not None and b is not None and _name_key(a) == _name_key(b)


def _differs(value: Any, again: Any) -> bool:
    """Whether a name read again from its box alone is another reading of the same name: the same length
    or nearly, some letters or spaces otherwise (a crop that read something else entirely, or nothing,
    says nothing about the page's letters)."""
    if again is None:
        return False
    first, second = _name_key(value), _name_key(again)
    if not second or first == second:
        return False
    return distance(first, second) <= max(2, max(len(first), len(second)) // 2)


# Marks OCR reads for a thin letter inside a word (``De!`` for ``Del``, ``Wi|son`` for ``Wilson``), and the letters.
_THIN_MARKS = frozenset("!|")
_THIN_LETTERS = frozenset("lIi")


def _mark_for_letter(value: Any, again: Any) -> bool:
    """Whether a name's box read alone gives the page's reading letter for letter, except a thin letter where the
    page read a mark no name holds (``Lucinda De! Valle-Ruiz`` on the page, ``Lucinda Del Valle-Ruiz`` in its box):
    the box's reading, kept for a person to confirm (never filed)."""
    if not isinstance(value, str) or not isinstance(again, str) or len(value) != len(again) or value == again:
        return False
    pairs = [(a, b) for a, b in zip(value, again, strict=True) if a != b]
    return all(a in _THIN_MARKS and b in _THIN_LETTERS for a, b in pairs)


def _initial_apart(value: Any, again: Any) -> Any:
    """The name a person is shown when its two readings disagree: the box's own reading when it is the page's
    letters with a one-letter last word set apart (``TRAN, DMITRIS`` on the page, ``TRAN, DMITRI S`` in its box:
    the page lost the space before an initial; a name's last letter is not read into a word of its own), else the
    page's. Only ever a candidate: a value two readings disagree on is never filed."""
    first, second = _name_key(value), _name_key(again)
    initial = len(second.split()) == len(first.split()) + 1 and len(second.split()[-1]) == 1 < len(first.split()[-1])
    return again if initial and first.replace(" ", "") == second.replace(" ", "") else value


def _ocr_name(name: str, conf: float) -> tuple[str, float]:
    """OCR specks read as periods: drop one between two letters; any other period goes to review (an
    initial's period is kept).

    A semicolon after the family name is a misread comma (``MEHTA; TOMAS``); a space on one side of a
    hyphen is OCR's (``ABERNATHY -QUISPE``).
    """
    parts = INITIALISM.split(name)  # ``L.P.``, ``U.S.A.``: letters each with its period, printed so
    kept = INITIALISM.findall(name)
    cleaned = "".join(
        re.sub(r"(?<=[A-Za-z])\.(?=[A-Za-z])", "", part) + (kept[index] if index < len(kept) else "")
        for index, part in enumerate(parts)
    ).replace(";", ",")
    cleaned = re.sub(r"(?<=[A-Za-z])(?:\s+-|-\s+)(?=[A-Za-z])", "-", cleaned)  # a space OCR put beside a hyphen
    if "." in INITIAL.sub("", KEPT_PERIOD.sub("", INITIALISM.sub("", cleaned))):
        conf = min(conf, OCR_PUNCTUATION_CONF)
    return cleaned, conf


# A word of capitals whose top stands above the others' of its name by more than this share of their height holds a
# mark over a letter (``HALLSTRÖM``, ``LUCÍA``): OCR's English alphabet reads the plain letter, with confidence.
MARK_RISE = 0.15


def _marked(page: Page, type_: str, box: tuple[float, float, float, float] | None, hit: Hit) -> Hit:
    """A scanned name read at ``box`` whose words show a mark over a capital (:func:`marks_above`): kept, for review
    (an accent OCR's English alphabet may have dropped: ``HALLSTROM`` read for ``HALLSTRÖM``)."""
    if type_ != "name" or page.method != "ocr" or box is None or hit.value is None:
        return hit
    if hit.evidence in (LABELLED, CROP_AGREED) and marks_above(page, box):
        return replace(hit, evidence=MARK_LOST)
    return hit


def marks_above(page: Page, box: tuple[float, float, float, float]) -> bool:
    """Whether the words of a scanned name in ``box`` show a mark over a capital: one word's top rises above the
    capitals' line of the name's other words (capitals all stand as high; an accent or a ring stands higher)."""
    x0, top, x1, bottom = box
    words = [
        word
        for line in page.lines
        if line.bottom >= top and line.top <= bottom
        for segment in line.segments
        for word in segment.words
        if word.x0 >= x0 - 1.0 and word.x1 <= x1 + 1.0 and word.top >= top - 1.0 and word.bottom <= bottom + 1.0
    ]
    capitals = [word for word in words if sum(ch.isalpha() for ch in word.text) >= 2 and word.text.isupper()]
    if len(capitals) < 2:
        return False
    height = min(word.bottom - word.top for word in capitals)  # plain capitals, no comma's tail below, no mark above
    line = max(word.top for word in capitals)
    return any(line - word.top > MARK_RISE * height for word in capitals)


def page_factor(page: Page) -> float:
    """How much a page's overall OCR quality lowers the confidence of what is read on it.

    On a page OCR read poorly (quality under :data:`POOR_PAGE`) the factor holds every raw score under the
    calibration's lowest trusted band (``POOR_PAGE_FACTOR``): however sure tesseract was of a value's own words,
    the page's say-so files nothing; only a second reading from the value's box alone (``AGREED_CONF``) can.
    """
    if page.method == "text":
        return 1.0
    factor = min(1.0, 0.5 + page.quality / 1.8)
    return min(factor, POOR_PAGE_FACTOR) if page.quality < POOR_PAGE else factor
