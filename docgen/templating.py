"""The sandboxed Jinja2 environment shared by field maps and letter templates.

Templates and maps are user content: they run in a sandbox (no access to
Python internals), undefined names are errors (never an empty gap on a
federal form), ``None`` renders as an empty string, and attribute access on
an empty section (``applicant.passport.number`` when there is no passport)
gives ``None`` rather than an error, so optional data stays optional.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import SandboxedEnvironment

from docgen.case.identity import FORMATS

_US_STATES = {
    "alabama": "AL",
    "alaska": "AK",
    "arizona": "AZ",
    "arkansas": "AR",
    "california": "CA",
    "colorado": "CO",
    "connecticut": "CT",
    "delaware": "DE",
    "district of columbia": "DC",
    "florida": "FL",
    "georgia": "GA",
    "hawaii": "HI",
    "idaho": "ID",
    "illinois": "IL",
    "indiana": "IN",
    "iowa": "IA",
    "kansas": "KS",
    "kentucky": "KY",
    "louisiana": "LA",
    "maine": "ME",
    "maryland": "MD",
    "massachusetts": "MA",
    "michigan": "MI",
    "minnesota": "MN",
    "mississippi": "MS",
    "missouri": "MO",
    "montana": "MT",
    "nebraska": "NE",
    "nevada": "NV",
    "new hampshire": "NH",
    "new jersey": "NJ",
    "new mexico": "NM",
    "new york": "NY",
    "north carolina": "NC",
    "north dakota": "ND",
    "ohio": "OH",
    "oklahoma": "OK",
    "oregon": "OR",
    "pennsylvania": "PA",
    "rhode island": "RI",
    "south carolina": "SC",
    "south dakota": "SD",
    "tennessee": "TN",
    "texas": "TX",
    "utah": "UT",
    "vermont": "VT",
    "virginia": "VA",
    "washington": "WA",
    "west virginia": "WV",
    "wisconsin": "WI",
    "wyoming": "WY",
    "puerto rico": "PR",
    "guam": "GU",
    "virgin islands": "VI",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class FilterError(ValueError):
    """A transform cannot turn the value into what the form asks for."""


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FilterError("the value is not a date (write YYYY-MM-DD)") from None


def uscis_date(value: Any) -> str:
    """A date as forms write it: mm/dd/yyyy."""
    date = _as_date(value)
    return "" if date is None else date.strftime("%m/%d/%Y")


def long_date(value: Any) -> str:
    """A date written out, as in a letter: March 5, 2026."""
    date = _as_date(value)
    return "" if date is None else f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def digits(value: Any) -> str:
    """Only the digits of a value (``123-45-6789`` to ``123456789``)."""
    return "" if value is None else re.sub(r"\D", "", str(value))


def _identity_digits(value: Any, kind: str) -> str:
    """The digits of an identity number, after checking its whole format (a letter O for a zero, or a number
    turned into ``2.1e8``, is an error, never cleaned into another number); the value is never quoted."""
    if value is None or value == "":
        return ""
    fmt = FORMATS[kind]
    text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    problem = fmt.problem(text) if text is not None else f"is not {fmt.what} (write {fmt.how})"
    if problem:
        raise FilterError(f"the value {problem}")
    return digits(text)


def anumber(value: Any) -> str:
    """An A-Number as 9 digits: drop the ``A``, pad an 8-digit number with a zero."""
    text = _identity_digits(value, "a_number")
    return text.zfill(9) if text else ""


def ssn(value: Any) -> str:
    """A Social Security number as 9 digits."""
    return _identity_digits(value, "ssn")


def ein(value: Any) -> str:
    """An employer identification number as 9 digits."""
    return _identity_digits(value, "ein")


def uscis_account(value: Any) -> str:
    """A USCIS online account number as 12 digits."""
    return _identity_digits(value, "uscis_account")


_EXTENSION = re.compile(r"^(?P<number>.*?)[\s,;]*(?:ext\.?|extension|x|#)\s*(?P<ext>\d{1,6})\s*$", re.IGNORECASE)
_PHONE_MARKS = re.compile(r"^[\d\s()+./-]*$")


def _split(value: Any) -> tuple[str, str, str]:
    """(the number as written, the number as a box takes it, the extension's digits or '')."""
    if value is None or value == "":
        return "", "", ""
    text = str(value).strip()
    match = _EXTENSION.match(text)
    written, extension = (match.group("number"), match.group("ext")) if match else (text, "")
    if not _PHONE_MARKS.match(written):
        raise FilterError(
            "the phone number holds more than digits and an extension; write it as digits "
            "(dashes, spaces, brackets allowed), an extension as 'ext. 12'"
        )
    number = digits(written)
    if extension and not number:
        raise FilterError(f"the phone number is only an extension (ext. {extension}); give the whole number")
    if len(number) == 11 and number.startswith("1"):
        number = number[1:]  # a North American number: 10 digits, with or without +1
    elif written.lstrip().startswith("+") and number:
        number = "+" + number  # an international number keeps its plus: without it, it is no number to dial
    return " ".join(written.split()), number, extension


def split_phone(value: Any) -> tuple[str, str]:
    """A phone number as (the number, the extension's digits or ''): ``512-555-0141 ext. 12`` is
    ``('5125550141', '12')``. A North American number is 10 digits (``+1`` dropped); an international one is
    ``+`` and its digits (``+381 11 555 0199`` is ``+381115550199``). Anything but digits, spaces and
    ``+ ( ) - . /`` besides the extension (a letter, a second number) is an error, never dropped."""
    _, number, extension = _split(value)
    return number, extension


@dataclass(frozen=True)
class PhoneNote:
    """A phone number the ``phone`` filter gave a box: as the case writes it (``+381 11 555 0199``), as the box
    gets it, and its extension ('' when none). The fill continues what the box cannot hold."""

    written: str
    number: str
    extension: str


_NOTED: ContextVar[list[PhoneNote] | None] = ContextVar("docgen_phone_notes", default=None)


@contextmanager
def noting_phones() -> Iterator[list[PhoneNote]]:
    """Collect the phone numbers the ``phone`` filter formats while rendering one box, so the fill can continue
    an extension (or a number too long for the box) in the form's Additional Information part."""
    notes: list[PhoneNote] = []
    token = _NOTED.set(notes)
    try:
        yield notes
    finally:
        _NOTED.reset(token)


def phone(value: Any) -> str:
    """A phone number for a box without an extension box: 10 digits for a North American number, ``+`` and the
    digits for an international one.

    An extension never goes in the box (run together with the number, ``512555014112``, it dials another
    line): while a form is filled (:func:`noting_phones`) it is noted and the fill continues it in the form's
    Additional Information part, e.g. "Applicant's Daytime Telephone Number: 773-555-0144, extension 3021".
    Anywhere else (a letter template) an extension is an error, never dropped.
    """
    written, number, extension = _split(value)
    notes = _NOTED.get()
    if notes is not None and number:
        note = PhoneNote(written, number, extension)
        if note not in notes:
            notes.append(note)
    elif extension:
        raise FilterError(
            f"the phone number has an extension (ext. {extension}) and the 'phone' filter has no place for it "
            "here; print the number with 'phone_number' and the extension with 'phone_extension'"
        )
    return number


def phone_number(value: Any) -> str:
    """The number of a phone number, as digits, without its extension (for a form with an extension box)."""
    return split_phone(value)[0]


def phone_extension(value: Any) -> str:
    """The extension of a phone number (``ext. 12`` gives ``12``), '' when there is none."""
    return split_phone(value)[1]


def state_code(value: Any) -> str:
    """A US state as its two-letter code."""
    if value is None or value == "":
        return ""
    text = str(value).strip()
    if len(text) == 2:
        return text.upper()
    code = _US_STATES.get(text.lower())
    if code is None:
        raise FilterError(f"{text!r} is not a US state; write its two-letter code")
    return code


def money(value: Any, symbol: str = "$") -> str:
    """An amount with thousands separators and cents: $125,000.00; a negative one -$2,300,000.00 (never $-2,...)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FilterError("the value is not an amount") from None
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def amount(value: Any) -> str:
    """An amount as plain digits with cents, no separators: 125000.00."""
    return money(value, symbol="").replace(",", "")


_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0"}


def truth(value: Any, strict: bool = True) -> bool | None:
    """An answer as True/False; None when unanswered. Text such as 'False' or 'No' is read as such.

    Other text is an error when ``strict`` (a yes/no question), else true when not empty.
    """
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        if not strict:
            return True
        raise FilterError("the answer is not yes or no; write true or false")
    return bool(value)


def yes_no(value: Any) -> str:
    """True/False as Yes/No; None stays empty."""
    answer = truth(value)
    return "" if answer is None else ("Yes" if answer else "No")


def yes(value: Any) -> bool | None:
    """For a Yes box: True/False as is; an unanswered question (None) stays None."""
    return truth(value)


def no(value: Any) -> bool | None:
    """For a No box: the opposite of the answer; an unanswered question stays None."""
    answer = truth(value)
    return None if answer is None else not answer


def equals(value: Any, other: Any) -> bool | None:
    """For a box that stands for one choice: None while unanswered, else whether it is this choice."""
    return None if value is None or value == "" else value == other


_CHILD_KINDS = {"step": "Stepchild", "adopted": "Adopted child"}


def relationship(person: Any) -> str:
    """A family member's relationship to the principal as the forms write it: ``Spouse``, ``Child``, and for a
    child whose ``child_kind`` says so ``Stepchild`` or ``Adopted child``; '' when not given."""
    if not person or not person.get("relationship"):
        return ""
    kind = _CHILD_KINDS.get(str(person.get("child_kind") or ""))
    if person["relationship"] == "child" and kind:
        return kind
    return str(person["relationship"]).capitalize()


def name_line(person: Any) -> str:
    """Given, middle and family name in reading order."""
    if not person:
        return ""
    parts = [person.get("given_name"), person.get("middle_name"), person.get("family_name")]
    return " ".join(p for p in parts if p)


_ADDRESS_WORDS = {
    "street": "st", "avenue": "ave", "road": "rd", "boulevard": "blvd", "drive": "dr", "lane": "ln",
    "place": "pl", "court": "ct", "suite": "ste", "floor": "flr", "apartment": "apt", "north": "n",
    "south": "s", "east": "e", "west": "w", "usa": "united states", "us": "united states",
}  # fmt: skip


def _address_key(address: Any) -> tuple[str, ...] | None:
    """An address as compared: case, punctuation, spacing and common abbreviations (Street/St) ignored, the
    state as its code, a ZIP+4 as its 5 digits, no country as the United States."""
    if not address:
        return None

    def norm(value: Any) -> str:
        words = re.sub(r"[^\w\s]", " ", re.sub(r"[.']", "", str(value or ""))).lower().split()
        return " ".join(_ADDRESS_WORDS.get(w, w) for w in words)

    get = address.get
    try:
        state = state_code(get("state") or "")
    except FilterError:  # a province or region of a foreign address
        state = str(get("state"))
    country = norm(get("country")) or "united states"
    return (
        norm(get("street")),
        norm(get("unit_type")),
        norm(get("unit_number")),
        norm(get("city")),
        norm(state),
        digits(get("zip_code"))[:5],
        norm(get("province")),
        norm(get("postal_code")),
        _ADDRESS_WORDS.get(country, country),
    )


def same_address(address: Any, other: Any) -> bool | None:
    """Whether two addresses are the same place, as written by different people (``500 Market Street, Suite
    1200`` and ``500 Market St., Ste 1200``); None when either is missing."""
    first, second = _address_key(address), _address_key(other)
    return None if first is None or second is None else first == second


def latest_receipt(receipt_numbers: Any, form: str) -> str:
    """The receipt number of the most recent notice for ``form`` (by ``notice_date``; '' when the case has
    none). Several receipts of that form need each its notice date: file order does not say which is newest."""
    entries = [r for r in receipt_numbers or [] if (r.get("form") or "").upper().replace(" ", "") == form.upper()]
    if len(entries) <= 1:
        return str(entries[0]["number"]) if entries else ""
    if any(r.get("notice_date") is None for r in entries):
        raise FilterError(
            f"the case has {len(entries)} {form} receipt numbers and not every one has its notice_date; "
            "give each its notice date (facts.receipt_numbers[].notice_date) so the most recent one is used"
        )
    newest = max(range(len(entries)), key=lambda i: (entries[i]["notice_date"], i))
    return str(entries[newest]["number"])


FILTERS = {
    "uscis_date": uscis_date,
    "long_date": long_date,
    "digits": digits,
    "anumber": anumber,
    "ssn": ssn,
    "ein": ein,
    "uscis_account": uscis_account,
    "phone": phone,
    "phone_number": phone_number,
    "phone_extension": phone_extension,
    "state_code": state_code,
    "money": money,
    "amount": amount,
    "yes_no": yes_no,
    "name_line": name_line,
    "relationship": relationship,
    "yes": yes,
    "no": no,
    "equals": equals,
    "same_address": same_address,
    "latest_receipt": latest_receipt,
}


class Answers(dict[str, Any]):
    """Form-specific answers (``extra``): a question not answered reads as None, not an error."""

    @classmethod
    def wrap(cls, data: Any) -> Any:
        """Answers all the way down: nested sections and list items too."""
        if isinstance(data, dict):
            return cls({str(k): cls.wrap(v) for k, v in data.items()})
        if isinstance(data, list):
            return [cls.wrap(v) for v in data]
        return data


class CaseEnvironment(SandboxedEnvironment):
    """Sandboxed, strict about unknown names, lenient about empty sections."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if obj is None:
            return None
        if isinstance(obj, Answers):
            return obj.get(attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if obj is None:
            return None
        if isinstance(obj, Answers) and isinstance(argument, str):
            return obj.get(argument)
        if isinstance(obj, list) and isinstance(argument, int) and argument >= len(obj):
            return None
        return super().getitem(obj, argument)


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return uscis_date(value)
    return value


def _none_safe(func: Any) -> Any:
    """Wrap a text filter so an empty answer stays empty instead of becoming 'None'."""

    def wrapped(value: Any, *args: Any, **kwargs: Any) -> Any:
        return "" if value is None else func(value, *args, **kwargs)

    return wrapped


def _none_counts_zero(func: Any) -> Any:
    """Wrap ``length``: an empty section's list has no items instead of failing with "NoneType has no len()"."""

    def wrapped(value: Any) -> Any:
        return 0 if value is None else func(value)

    return wrapped


def make_environment() -> CaseEnvironment:
    """A fresh environment with the toolkit's filters."""
    env = CaseEnvironment(undefined=StrictUndefined, finalize=_finalize, autoescape=False, keep_trailing_newline=False)
    for name in ("upper", "lower", "capitalize", "title", "trim"):
        env.filters[name] = _none_safe(env.filters[name])
    for name in ("length", "count"):  # a list of an empty section (``job.worksites`` with no job) counts 0, as
        env.filters[name] = _none_counts_zero(env.filters[name])  # ``{% if %}`` reads it; its loop names the gap
    env.filters.update(FILTERS)
    return env  # ``today`` comes with each render's context (current_date()), never frozen in a cached environment


def current_date() -> dt.date:
    """Today's date, read at each fill or letter, so a long-lived process (the web workspace) never goes stale."""
    return dt.date.today()


def variable_paths(tree: nodes.Template | nodes.Node, free: set[str]) -> list[tuple[str, ...]]:
    """Every attribute chain (``('applicant', 'passport', 'number')``) over a free name."""
    out: list[tuple[str, ...]] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        path = node_chain(node)
        if path is not None and path[0] in free and path not in out:
            out.append(path)
    return out


def node_chain(node: nodes.Node, keep_index: bool = False) -> tuple[str, ...] | None:
    """``applicant.parents[1].sex`` as ``('applicant', 'parents', '[]', 'sex')`` (``'[1]'`` with
    ``keep_index``); ``'[*]'`` for a computed index; None when the chain does not start at a name."""
    parts: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem):
            arg = node.arg
            if isinstance(arg, nodes.Const) and isinstance(arg.value, int):
                parts.append(f"[{arg.value}]" if keep_index else "[]")
            elif isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                parts.append(arg.value)
            else:
                parts.append("[*]")
            node = node.node
        elif isinstance(node, nodes.Name):
            return (node.name, *reversed(parts))
        else:
            return None
