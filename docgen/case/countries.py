"""Country codes as the country names USCIS forms print (``NO`` -> ``Norway``).

A case may give a country as an ISO 3166 code (two or three capital letters, as
on a passport's machine-readable line: ``NO``, ``NOR``); the model stores the
name a form shows. Names are pycountry's short (common) names, with the few the
forms write otherwise. Anything that is not such a code is kept as written.
"""

from __future__ import annotations

import re
from typing import Any

_CODE = re.compile(r"^[A-Z]{2,3}$")
# Where the forms' country lists differ from the ISO short names.
_FORM_NAMES = {
    "RU": "Russia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "CZ": "Czech Republic",
    "TR": "Turkey",
    "GB": "United Kingdom",
    "US": "United States",
    "VA": "Vatican City",
    "BN": "Brunei",
    "MM": "Burma",
    "CV": "Cape Verde",
    "SZ": "Eswatini",
}
_ALIASES = {"UK": "GB"}  # written on cases though not ISO


def country_name(value: Any) -> Any:
    """The form's name for a country code; other values unchanged."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not _CODE.match(text):
        return value
    import pycountry  # only for a code: a case that writes names never loads its 250 countries

    code = _ALIASES.get(text, text)
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    if found is None:
        return value
    return _FORM_NAMES.get(found.alpha_2) or getattr(found, "common_name", None) or found.name
