"""Text from case files, notices and file names, made safe to show on a terminal or put in a calendar.

Control characters (ESC, CR, ...), line and paragraph separators and
bidirectional overrides are shown as visible escapes (``\\x1b``, ``\\u2028``),
never passed through raw: they could rewrite the terminal, break a calendar
line or reorder what a person reads. Joiners used in names (U+200C, U+200D)
are kept.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_UNSHOWN = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")
_KEPT = {"\u200c", "\u200d"}  # zero-width non-joiner and joiner: part of Persian and Indic names


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every control, separator and direction character as a visible escape."""
    return "".join(_escaped(c) if c not in _KEPT and unicodedata.category(c) in _UNSHOWN else c for c in text)


def ics_text(text: str) -> str:
    """A TEXT value of iCalendar (RFC 5545 3.3.11): printable, then ``\\ ; ,`` escaped."""
    return printable(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


APPOINTMENT_PARTS = ("date", "time", "location")


def as_typed(value: Any) -> str:
    """A notice value as a person types it back (``resolve --set``, the review desk): an appointment as
    ``DATE TIME LOCATION``, anything else as its text."""
    if isinstance(value, dict):
        return " ".join(str(value[k]) for k in APPOINTMENT_PARTS if value.get(k))
    return str(value)
