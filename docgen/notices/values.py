"""Typed values as printed on notices: read, checked, and repaired where the format allows.

Each reader takes the text of one candidate (already cut out by a token
pattern or a label) and returns a :class:`Value` or ``None`` when the text
is not a value of that type. OCR confusions (O/0, I/1, S/5, B/8) are
repaired only where the format says which one belongs: a letter where the
format wants a digit, or the other way round. Nothing is guessed beyond that.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

# What OCR prints instead of a digit, and instead of a letter.
TO_DIGIT = {"O": "0", "o": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "S": "5", "s": "5", "B": "8"}
TO_LETTER = {"0": "O", "1": "I", "|": "I", "l": "I", "5": "S", "$": "S", "8": "B"}

# Classifications without a digit.
LETTER_CLASSES = frozenset({"TN", "TD"})

MONTHS = {
    name: number
    for number, name in enumerate(
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], start=1
    )
}


@dataclass(frozen=True)
class Value:
    """A value read from text, and whether OCR confusions had to be repaired to get it."""

    value: Any
    repaired: bool = False
    checked: bool = False  # passed a check strong enough to keep it even when weakly read


def _digits(text: str) -> tuple[str, bool]:
    """``text`` with look-alike letters turned into digits, and whether any was."""
    fixed = "".join(TO_DIGIT.get(ch, ch) for ch in text)
    return fixed, fixed != text


def read_receipt(text: str, offices: Collection[str]) -> Value | None:
    """A receipt number: a known three-letter office code and 10 digits (``WAC2690012345``)."""
    chars = [ch for ch in text if ch not in " -:."]  # OCR reads a hyphen as a colon or a period
    if len(chars) != 13:
        return None
    head = "".join(chars[:3])
    letters = "".join(TO_LETTER.get(ch, ch) for ch in head).upper()
    digits, fixed = _digits("".join(chars[3:]))
    if letters not in offices or not digits.isdigit():
        return None
    return Value(letters + digits, repaired=fixed or letters != head.upper(), checked=True)


def read_date(text: str) -> Value | None:
    """A date as printed (``06/01/2026``, ``June 1, 2026``, ``Jun 01, 2026``; ``June 1,2026`` as OCR may lose the
    space after the comma) as ISO ``2026-06-01``."""
    text = text.strip()
    numeric = re.fullmatch(r"(\S{1,2})\s?[/.-]\s?(\S{1,2})\s?[/.-]\s?(\S{4})", text)
    if numeric:
        parts = [_digits(part) for part in numeric.groups()]
        if not all(part.isdigit() for part, _ in parts):
            return None
        month, day, year = (int(part) for part, _ in parts)
        return _date(year, month, day, any(fixed for _, fixed in parts))
    named = re.fullmatch(
        r"([A-Za-z]{3})[A-Za-z]*\.?\s*([^\s,.]{1,2}?)(?:st|nd|rd|th)?(?:,?\s+|,\.?\s*)(\S{4})", text, re.IGNORECASE
    )
    if named:
        month_number = MONTHS.get(named.group(1).upper())
        (day_text, day_fixed), (year_text, year_fixed) = _digits(named.group(2)), _digits(named.group(3))
        if month_number is None or not (day_text.isdigit() and year_text.isdigit()):
            return None
        return _date(int(year_text), month_number, int(day_text), day_fixed or year_fixed)
    day_first = re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+(?:of\s+)?([A-Za-z]{3})[A-Za-z]*\.?,?[\s-]+(\d{4})", text, re.IGNORECASE
    )
    if day_first:
        day_month = MONTHS.get(day_first.group(2).upper())
        return _date(int(day_first.group(3)), day_month, int(day_first.group(1)), False) if day_month else None
    iso = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text)
    if iso:
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)), False)
    short = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2})", text)
    if short:  # a two-digit year: this century up to 79, else the last
        year = int(short.group(3))
        return _date(year + (2000 if year < 80 else 1900), int(short.group(1)), int(short.group(2)), False)
    return None


def _date(year: int, month: int, day: int, repaired: bool) -> Value | None:
    try:
        return Value(dt.date(year, month, day).isoformat(), repaired)
    except ValueError:
        return None


def read_time(text: str) -> Value | None:
    """A clock time (``10:00 AM``, ``1:30 p.m.``, ``2:15pm``, or 24-hour ``14:15``) as 24-hour ``HH:MM``."""
    match = re.fullmatch(r"(\S{1,2})\s?[:.]\s?(\S{2})\.?\s*([AaPp])\.?\s?[Mm]\.?", text.strip())
    if not match:
        clock = re.fullmatch(r"([01][0-9]|2[0-3]):([0-5][0-9])(?:\s*(?:hrs?|hours|h))?", text.strip(), re.IGNORECASE)
        return Value(f"{clock.group(1)}:{clock.group(2)}", False) if clock else None  # 24-hour, as printed
    (hour_text, hour_fixed), (minute_text, minute_fixed) = _digits(match.group(1)), _digits(match.group(2))
    if not (hour_text.isdigit() and minute_text.isdigit()):
        return None
    hour, minute = int(hour_text), int(minute_text)
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour = hour % 12 + (12 if match.group(3).upper() == "P" else 0)
    return Value(f"{hour:02d}:{minute:02d}", hour_fixed or minute_fixed)


def read_money(text: str) -> Value | None:
    """An amount in dollars (``$1,710.00``, ``$****780.00`` with a printer's check-protection fill) as ``1710.00``."""
    body = re.sub(r"(?i)\bUSD\b|\bUS(?=\s?\$)", "", text).replace("$", "").replace(" ", "").strip("* ")
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})*", body):  # whole dollars: "$470", "$1,710"
        return Value(f"{int(body.replace(',', ''))}.00")
    match = re.fullmatch(r"([0-9][0-9,.]*?)[.,]([0-9]{2})", body)
    if not match:
        return None
    whole = re.sub(r"[,.]", "", match.group(1))
    return Value(f"{int(whole)}.{match.group(2)}") if whole.isdigit() else None


def read_i94(text: str) -> Value | None:
    """An I-94 record number: 11 characters, 9 digits, a letter or digit, a digit."""
    chars = "".join(ch for ch in text if ch not in " -")
    if len(chars) != 11:
        return None
    head, fixed_head = _digits(chars[:9])
    tail, fixed_tail = _digits(chars[10])
    middle = chars[9].upper()
    if not (head.isdigit() and tail.isdigit() and middle.isalnum()):
        return None
    return Value(head + middle + tail, fixed_head or fixed_tail)


def read_class(text: str) -> Value | None:
    """A classification (``H-1B``, ``L1A``, ``E21``, ``C26``) without hyphens: ``H1B``."""
    chars = text.strip().upper().replace("-", "")
    if chars in LETTER_CLASSES:
        return Value(chars)
    match = re.fullmatch(r"([A-Z0-9]{1,2}?)([0-9IL|])([A-Z0-9]{0,2})", chars)
    if not match:
        return None
    head = "".join(TO_LETTER.get(ch, ch) for ch in match.group(1))
    digit = TO_DIGIT.get(match.group(2), match.group(2))
    if not head.isalpha():
        return None
    value = head + digit + match.group(3)
    return Value(value, value != chars)


# An A-Number as printed before a name in a party box ("A238 312 000", "A-238312000").
# OCR may print a speck between the groups ("A809.076 865,"), a space inside one ("A-689-47 1-864") or the
# hyphen after the A as an l ("Al116116721": nine digits after the l, so the l is no digit), a 0 as Q
# ("AQ42 333 839"): a period or
# comma there is no letter of a name. The ninth digit is followed by no letter (a name's initial O or B
# after an eight-digit number is the name's).
A_NUMBER_PREFIX = re.compile(
    r"^\W*A\s?(?:[-#.:]|[lI|](?=\d{9}(?!\d)))?\s?"
    r"(?:[0-9OoQIlSB](?:[\s.,-]{0,2}[0-9OoQIlSB]){8}(?![0-9A-Za-z])|\d{8}(?![0-9]))[.,;]?"
)


# Nine digits in groups starting a party box's line: an A-Number whose A OCR lost, no part of the name after it.
LOST_A = re.compile(r"^\W*\d{3}[\s.,-]{0,2}\d{3}[\s.,-]{0,2}\d{3}(?![0-9])[\s.,;]*(?=[A-Za-z])")


# A period that belongs to a name: after an abbreviation or an initial ("ACME, INC.", "DOE, JANE A.").
KEPT_PERIOD = re.compile(
    r"(?:\b(?:INC|CO|CORP|LTD|LLC|L\.L\.C|P\.C|PLLC|JR|SR|ESQ|ST|INTL|ASSOC|BROS|N\.A|S\.A|[A-Z])\.)$", re.IGNORECASE
)


def read_anumber(text: str) -> Value | None:
    """An A-Number (``A238 312 000``, ``A-238-312-000``, ``A38312000``) as 9 digits (``238312000``).

    An 8-digit number is padded with a leading zero, as forms ask.
    """
    body = re.sub(r"[\s#.,:-]", "", text.strip())
    if body[:1] not in ("A", "a"):
        return None
    hyphen_read = len(body) == 11 and body[1] in "lI|" and body[2:].isdigit()
    if hyphen_read:
        body = body[:1] + body[2:]  # "Al116116721": the hyphen after the A read as an l (ten digits are no A-Number)
    digits, fixed = _digits(body[1:])
    fixed = fixed or hyphen_read
    if not digits.isdigit() or len(digits) not in (8, 9):
        return None
    return Value(digits.zfill(9), fixed, checked=len(digits) == 9)


BARE_ANUMBER = re.compile(r"\d{3}[\s-]?\d{3}[\s-]?\d{3}")


def read_alien_number(text: str) -> Value | None:
    """An A-Number under its own label (``A-Number``, ``USCIS A#``): as :func:`read_anumber`, or nine digits
    printed without the A (``209-989-597``), which only the label says are an A-Number."""
    found = read_anumber(text)
    if found is not None or not BARE_ANUMBER.fullmatch(text.strip()):
        return found
    return Value(re.sub(r"\D", "", text), checked=True)


def split_anumber(text: str) -> tuple[str | None, str]:
    """An A-Number printed at the start of ``text`` (a party box's first line), and the rest."""
    match = A_NUMBER_PREFIX.match(text)
    if not match:
        return None, text
    return match.group(0).strip(), text[match.end() :]


# Words a form prints in a name's place that are no name: a placeholder (``NONE``, ``N/A``, ``NOT APPLICABLE``,
# ``UNKNOWN``, ``SEE ATTACHED LIST``) or a heading's next word (``PETITIONER INFORMATION``).
NOT_A_NAME = re.compile(
    r"(?:N\s*/\s*A|N\.\s*A\.?|NONE(?:\s+(?:GIVEN|LISTED|PROVIDED))?|NIL|NOT\s+(?:APPLICABLE|AVAILABLE|PROVIDED|GIVEN|LISTED)"
    r"|UNKNOWN|INFORMATION|INFO|DETAILS|DATA|VARIOUS|MULTIPLE(?:\s+[A-Z]+)?"
    r"|(?:SEE|REFER\s+TO)\s+(?:THE\s+)?(?:ATTACHED|ATTACHMENT|ENCLOSED|ENCLOSURE|BELOW|ABOVE|LIST|ADDENDUM)\b.*"
    r"|(?:LIST\s+)?ATTACHED\b.*)",
    re.IGNORECASE,
)


def read_name(text: str) -> Value | None:
    """A person's or company's name as printed, spaces tidied (``OKAFOR, CHIDERA NGOZI``).

    An A-Number on the line before the name (an applicant box) is not part of it; text that is
    mostly digits is not a name, nor a placeholder or heading word (:data:`NOT_A_NAME`).
    """
    text = LOST_A.sub("", split_anumber(text)[1])
    if sum(ch.isdigit() for ch in text) > sum(ch.isalpha() for ch in text):
        return None
    name = " ".join(text.replace("|", " ").split())
    # Marks round a name go; its letters stay, accented or not (``ØSTERGÅRD``, ``JOSÉ``: a letter is no mark).
    name = re.sub(r"^(?:[^\w(]|_)+|(?:[^\w.)]|_)+$", "", name) if name else name
    if name.endswith(".") and not KEPT_PERIOD.search(name):
        name = re.sub(r"(?:[^\w)]|_)+$", "", name)
    name = re.sub(r"\s+,", ",", name)
    if sum(ch.isalpha() for ch in name) < 2 or NOT_A_NAME.fullmatch(name.strip("()[]-*. ")):
        return None
    return Value(name)


def read_text(text: str) -> Value | None:
    """Free text, spaces tidied."""
    cleaned = " ".join(text.split())
    return Value(cleaned) if cleaned else None


# A form number alone (``I-485``, ``N 400``, ``I-129F``), its I as OCR may read it (``1-485``, ``l-485``, ``|-485``).
_BARE_FORM = re.compile(r"(?:(?P<i>[1l|I])|(?P<letters>[A-Z]{1,2}))\s?-?\s?(?P<number>[0-9]{2,4}[A-Z]{0,2})")


def read_form(text: str) -> Value | None:
    """A Case Type box: a form number alone written as forms are (``I-485``; OCR's ``1-485`` is the same number),
    else the box's text as printed (a form's title, read by :func:`~docgen.notices.reader.identify_form`)."""
    cleaned = " ".join(text.split())
    bare = _BARE_FORM.fullmatch(cleaned.strip(" .,:;"))
    if bare is None:
        return Value(cleaned) if cleaned else None
    return Value(f"{'I' if bare.group('i') else bare.group('letters')}-{bare.group('number')}")


def is_bare_form(value: object) -> bool:
    """Whether a Case Type box's value is a form number alone (as :func:`read_form` writes one)."""
    return isinstance(value, str) and _BARE_FORM.fullmatch(value) is not None


def read_address(text: str) -> Value | None:
    """An address block (its lines already joined with ``, ``)."""
    return read_name(text)


_PAGE_OCR = re.compile(r"(?<![A-Za-z0-9])([0-9Il|i]{1,2})\s*of\s*([0-9Il|i]{1,2})(?![A-Za-z0-9])")


def read_page(text: str) -> Value | None:
    """Page numbering (``2 of 3``) as ``(2, 3)``; also as OCR reads a small one (``lofl``, ``1ofi``: a 1 read as a
    letter, the spaces lost)."""
    match = re.search(r"(\d{1,2})\s+of\s+(\d{1,2})", text, re.IGNORECASE) or _PAGE_OCR.search(text)
    if not match:
        return None
    page, total = (int(_digits(group.replace("i", "1"))[0]) for group in match.groups())
    return Value((page, total)) if 1 <= page <= total else None


Reader = Callable[[str], Value | None]

READERS: dict[str, Reader] = {
    "date": read_date,
    "time": read_time,
    "money": read_money,
    "i94": read_i94,
    "class": read_class,
    "name": read_name,
    "text": read_text,
    "form": read_form,
    "address": read_address,
    "page": read_page,
    "anumber": read_anumber,
    "alien_number": read_alien_number,
}

# Types whose values are recognisable on their own: a label may be followed by one without a colon.
STRONG_TYPES = frozenset({"receipt", "date", "time", "money", "i94", "class", "page", "anumber", "alien_number"})
# Value types that a token pattern finds inside longer text (others take the whole text).
TOKEN_TYPES = {
    "receipt": "receipt",
    "date": "date",
    "time": "time",
    "money": "money",
    "class": "klass",
    "i94": "i94",
    "anumber": "anumber",
    "alien_number": "alien_number",
}
