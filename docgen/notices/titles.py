"""A form named by its title as OCR read it: whole, or only its first or last words.

A scanned Case Type box may lose the form number (``-485 Application to Register ...``, the ``I``
gone), or its first line (``RESIDENCE OR ADJUST STATUS``), or print the title in one table cell and
the number in another. The title is data (``form-*.yaml``), so a value that is a known form's title,
or the start or end of one, within OCR's reach (about a letter in eight wrong), names that form. A
value as near to two forms' titles names neither: never a pick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.notices.patterns import Form

MIN_WORDS = 3  # a part of a title shorter than this says too little
MIN_LETTERS = 15
LETTERS_PER_SLIP = 8  # one OCR slip (a letter wrong, lost or added) allowed per this many letters
# A form number whose head OCR lost, before the title (``-485``, ``485``): its digits must be the form's.
_NUMBER_FRAGMENT = re.compile(r"^\W*(?:[I1l|]\s?)?[-.]?\s?(\d{2,4})\s?([A-Z]{0,2})\b[\s,.:-]*", re.IGNORECASE)
_WORD = re.compile(r"[A-Z0-9()']+")


@dataclass(frozen=True)
class TitleMatch:
    """The form a text names by its title, how many OCR slips that took, and the text matched."""

    form: Form
    slips: int
    text: str


def _plain(text: str) -> str:
    """Upper-case words joined by single spaces (punctuation, slashes and hyphens are spaces)."""
    return " ".join(_WORD.findall(text.upper().replace("(", " ").replace(")", " ")))


def _last_row(text: str, title: str) -> list[int]:
    """Edit distances from ``text`` to every prefix of ``title`` (text whole, title's start free to end)."""
    previous = list(range(len(title) + 1))
    for i, char in enumerate(text, start=1):
        current = [i]
        for j, other in enumerate(title, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous


def title_slips(text: str, title: str) -> int:
    """Fewest OCR slips that make ``text`` the whole of ``title``, its start or its end (words in order)."""
    whole_or_start = _last_row(text, title)
    if text.count(" ") + 1 < len(title.split()):
        # A part of the title: it starts or ends at a word's edge (a cut last word may be short).
        # (A part longer than the whole title, its words run together, is measured against the title's end.)
        cut = min(max(len(text) - 3, 0), len(title))
        start = min(whole_or_start[cut:])
        end = min(_last_row(text[::-1], title[::-1])[cut:])
        return min(start, end)
    return whole_or_start[-1]


def form_by_title(forms: list[Form], text: str) -> TitleMatch | None:
    """The one form whose title ``text`` is (or starts or ends), within OCR's reach; None when no form's
    or more than one form's title is that near, or when a number before the title is another form's."""
    digits = ""
    fragment = _NUMBER_FRAGMENT.match(text)
    if fragment:
        digits = fragment.group(1) + fragment.group(2).upper()
        text = text[fragment.end() :]
    plain = _plain(text)
    if len(plain.split()) < MIN_WORDS or sum(ch.isalpha() for ch in plain) < MIN_LETTERS:
        return None
    reach = max(1, len(plain) // LETTERS_PER_SLIP)
    words = set(plain.split())
    near: list[TitleMatch] = []
    whole: list[TitleMatch] = []  # the text is the whole title, not its start or end
    for form in forms:
        title = _plain(form.title)
        if len(words & set(title.split())) < min(2, len(words)) or len(plain) > len(title) + reach:
            continue  # shares too few words to be within reach (checked first: it is cheap)
        slips = title_slips(plain, title)
        if slips <= reach:
            near.append(TitleMatch(form, slips, plain))
            if len(plain.split()) >= len(title.split()):
                whole.append(near[-1])
    if whole:
        near = whole  # a whole title before another form's longer title that starts so (I-131 and I-131A)
    if digits:
        # A number printed before the title decides between titles as near (I-765 and I-765V start alike);
        # a number that is another form's names none.
        near = [match for match in near if _digits_of(match.form) == digits]
    if len(near) != 1:
        return None  # no title, or two forms' titles as near: neither
    return near[0]


def _digits_of(form: Form) -> str:
    return form.form.partition("-")[2]
