"""Filters letters need on top of the shared ones in :mod:`docgen.templating`.

Addresses written the way a letter writes them, amounts and counts in prose,
pay periods, lists joined with "and", long answers split into paragraphs, and
exhibit citations that refuse an exhibit the enclosure list does not have.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from docgen.templating import MONTHS, FilterError, _as_date

UNIT_WORDS = {"apt": "Apt.", "ste": "Suite", "flr": "Floor"}
PAY_PERIODS = {
    "hour": "per hour",
    "week": "per week",
    "biweekly": "every two weeks",
    "month": "per month",
    "year": "per year",
}
US_NAMES = {"united states", "united states of america", "usa", "us", "u.s.", "u.s.a."}
NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _get(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def street_line(address: Any) -> str:
    """Street and unit as a letter writes them: 500 Market Street, Suite 1200."""
    if not address:
        return ""
    street = _get(address, "street") or ""
    unit_type, unit_number = _get(address, "unit_type"), _get(address, "unit_number")
    if unit_number:
        unit = f"{UNIT_WORDS.get(str(unit_type), '')} {unit_number}".strip()
        street = f"{street}, {unit}" if street else unit
    return str(street)


def _is_us(address: Any) -> bool:
    country = _get(address, "country")
    return not country or str(country).strip().lower() in US_NAMES


def city_line(address: Any) -> str:
    """City, state and ZIP (US) or city, province and postal code (abroad)."""
    if not address:
        return ""
    city = _get(address, "city") or ""
    if _is_us(address):
        region, code = _get(address, "state"), _get(address, "zip_code")
    else:
        region, code = _get(address, "province") or _get(address, "state"), _get(address, "postal_code")
    tail = " ".join(str(p) for p in (region, code) if p)
    return ", ".join(str(p) for p in (city, tail) if p)


def country_line(address: Any) -> str:
    """The country, for an address abroad; empty for a US address."""
    return "" if not address or _is_us(address) else str(_get(address, "country"))


def address_line(address: Any) -> str:
    """A whole address on one line: 500 Market Street, Suite 1200, San Francisco, CA 94105."""
    if not address:
        return ""
    care_of = _get(address, "in_care_of")
    parts = [f"c/o {care_of}" if care_of else "", street_line(address), city_line(address), country_line(address)]
    return ", ".join(p for p in parts if p)


def pay_period(unit: Any) -> str:
    """A wage unit in prose: ``year`` becomes ``per year``, ``biweekly`` ``every two weeks``."""
    if unit is None or unit == "":
        return ""
    try:
        return PAY_PERIODS[str(unit)]
    except KeyError:
        raise FilterError(f"{unit!r} is not a pay period ({', '.join(PAY_PERIODS)})") from None


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise FilterError("the value is not a number") from None


def number(value: Any) -> str:
    """A count or quantity with thousands separators: 12,000; 37.5."""
    if value is None or value == "":
        return ""
    amount = _decimal(value)
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount.normalize():,f}"


def dollars(value: Any) -> str:
    """An amount in prose: whole dollars without cents ($187,400,000), else with cents ($52.50);
    a negative one as accountants write it, in parentheses: ($2,300,000)."""
    if value is None or value == "":
        return ""
    amount = _decimal(value)
    shown = f"${int(abs(amount)):,}" if amount == amount.to_integral_value() else f"${abs(amount):,.2f}"
    return f"({shown})" if amount < 0 else shown


def month_year(value: Any) -> str:
    """A date as month and year: September 2014."""
    date = _as_date(value)
    return "" if date is None else f"{MONTHS[date.month - 1]} {date.year}"


def and_list(items: Any) -> str:
    """Items in prose: ``A``, ``A and B``, ``A, B and C``."""
    if not items:
        return ""
    words = [str(i) for i in items if i not in (None, "")]
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def count_of(items: Any, noun: str, plural: str | None = None) -> str:
    """How many, in words up to ten: ``three issues``, ``one issue``, ``12 exhibits``."""
    count = items if isinstance(items, int) else len(items or [])
    word = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{word} {noun if count == 1 else (plural or noun + 's')}"


def paragraphs(text: Any) -> str:
    """Long text in paragraphs: a blank line starts a new paragraph, single line breaks are spaces."""
    if text is None or text == "":
        return ""
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in str(text).strip().split("\n\n")]
    return "\a".join(b for b in blocks if b)


def cite(ids: Any, exhibits: Any) -> str:
    """Exhibit citations by id: ``Exhibit A (Expert opinion); Exhibit B (Payroll records)``.

    An id that the exhibit list does not have is an error, never left out.
    """
    if ids is None or ids == "":
        return ""
    wanted = [ids] if isinstance(ids, str | int) else list(ids)
    titles = {str(_get(e, "id")): _get(e, "title") for e in (exhibits or [])}
    out = []
    for exhibit_id in wanted:
        key = str(exhibit_id)
        if key not in titles:
            known = ", ".join(titles) or "none"
            raise FilterError(f"exhibit {key!r} is cited but not in the list of exhibits (exhibits: {known})")
        out.append(f"Exhibit {key} ({titles[key]})" if titles[key] else f"Exhibit {key}")
    return "; ".join(out)


def cite_pages(ids: Any, exhibits: Any) -> str:
    """Citations with the packet's pages: ``Exhibit A (Expert opinion, ACME-000012 to ACME-000020)``.

    In a packet each exhibit carries its ``range`` (its Bates numbers, else its
    packet pages); a letter rendered on its own cites as :func:`cite` does.
    """
    if ids is None or ids == "":
        return ""
    cite(ids, exhibits)  # an id the list lacks is an error
    wanted = [ids] if isinstance(ids, str | int) else list(ids)
    found = {str(_get(e, "id")): e for e in (exhibits or [])}
    out = []
    for exhibit_id in wanted:
        entry = found[str(exhibit_id)]
        said = [str(v) for v in (_get(entry, "title"), _get(entry, "range")) if v]
        out.append(f"Exhibit {exhibit_id} ({', '.join(said)})" if said else f"Exhibit {exhibit_id}")
    return "; ".join(out)


def lower_first(text: Any) -> str:
    """Text with its first letter in lower case, to continue a sentence ("Master's" to "master's")."""
    if text is None or text == "":
        return ""
    value = str(text)
    if len(value) > 1 and value[1].isupper():  # an acronym such as "MBA" stays
        return value
    return value[:1].lower() + value[1:]


LETTER_FILTERS: dict[str, Callable[..., Any]] = {
    "street_line": street_line,
    "city_line": city_line,
    "country_line": country_line,
    "address_line": address_line,
    "pay_period": pay_period,
    "number": number,
    "dollars": dollars,
    "month_year": month_year,
    "and_list": and_list,
    "count_of": count_of,
    "paragraphs": paragraphs,
    "cite": cite,
    "cite_pages": cite_pages,
    "lower_first": lower_first,
}
