"""Property: whatever the text, it is on the form in full or on the addendum in full, never cut."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.case import load_case
from docgen.forms.fill import fill_case, prepare

from .conftest import FORMS_DIR, SAMPLES
from .pdfcheck import reopen_values

SMALL_MAP = Path(__file__).parent / "fixtures" / "i-765-small.yaml"
STREET = "form1[0].Page2[0].Line4b_StreetNumberName[0]"
# Letters a WinAnsi form font can print: ASCII plus Latin-1 accents.
ALPHABET = st.characters(codec="cp1252", categories=("Lu", "Ll", "Nd", "Zs", "Pd", "Po"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(street=st.text(ALPHABET, min_size=1, max_size=120).filter(lambda s: s.strip() != ""))
def test_street_is_never_cut(street: str) -> None:
    prepared = prepare(str(SMALL_MAP), FORMS_DIR)
    case = load_case(SAMPLES / "cases" / "h1b-okafor.yaml")
    spouse = case.dependents[0]
    assert spouse.mailing_address is not None
    spouse.mailing_address.street = street
    result = fill_case(prepared, case, "spouse")
    shown = reopen_values(result.data)[STREET]
    expected = street.strip()
    if shown == expected:
        assert not [e for e in result.overflow if e.field == STREET]
    else:
        assert shown.startswith("See Add")
        assert [e.text for e in result.overflow if e.field == STREET] == [expected]
