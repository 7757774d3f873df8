"""The sealed notice set's own checks: its truth is what the page prints, and the bench's matching rules.

These tests keep the evaluation honest; they never run the parser.
"""

from __future__ import annotations

import datetime as dt
import random

import pypdfium2 as pdfium
import pytest

from bench.bench_notices_sealed import match, outcome, same
from bench.notice_eval import generate

KINDS = [
    ("receipt", "I-485"),
    ("premium", "I-907"),
    ("approval_i94", "I-129"),
    ("biometrics", "I-539"),
    ("rfe", "I-140"),
]


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


@pytest.mark.parametrize("family", generate.FAMILIES)
def test_every_expected_value_is_printed_on_the_page(family: str) -> None:
    fonts = generate.register_fonts()
    rnd = random.Random(f"test:{family}")
    for kind, form in KINDS:
        note = generate.make_notice(rnd, kind, form, family, generate.font_for(rnd, fonts, family), pages=1)
        pdf = generate.render_text_pdf([generate.Sheet([(note, 1)])], fonts, rnd)
        doc = pdfium.PdfDocument(pdf)
        text = doc[0].get_textpage().get_text_range()
        doc.close()
        printed, digits = _alnum(text), "".join(ch for ch in text if ch.isdigit())
        truth = note.truth([1])
        for name in ("receipt_number", "petitioner", "beneficiary", "applicant", "classification"):
            if truth[name]:
                assert _alnum(truth[name]) in printed, (family, kind, name)
        for name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
            if truth[name]:
                day = dt.date.fromisoformat(truth[name])
                assert _alnum(generate.fmt_date(day, note.date_style)) in printed, (family, kind, name)
        for name in ("i94_number", "a_number", "amount"):
            if truth[name]:
                assert truth[name].replace(".", "").lstrip("0") in digits, (family, kind, name)
        if truth["appointment"]:
            assert _alnum(truth["appointment"]["location"]) in printed


def test_a_notice_of_intent_to_revoke_is_expected_as_noid_and_an_i907_receipt_as_a_receipt() -> None:
    rnd = random.Random(3)
    assert generate.make_notice(rnd, "noir", "I-129", "inline", "times").truth([1])["notice_type"] == "noid"
    premium = generate.make_notice(rnd, "premium", "I-907", "boxed", "helvetica").truth([1])
    assert (premium["notice_type"], premium["form"]) == ("receipt", "I-907")


def test_values_match_after_the_documented_normalisation_only() -> None:
    assert same("petitioner", "DOE, JANE A", "Doe Jane A.")
    assert not same("petitioner", "DOE, JANE A", "Jane A Doe")
    assert same("receipt_number", "WAC0912345678", "WAC-09-123-45678")
    assert same("form", "I-129", "I129")
    assert not same("form", "I-129", "I-130")
    assert same("amount", "2805.00", "$2,805.00")
    assert same("a_number", "012345678", "A012-345-678")
    assert not same("a_number", "012345678", "12345678")
    assert same(
        "appointment",
        {"date": "2025-04-15", "time": "09:00", "location": "1887 MONTEREY RD"},
        {"date": "2025-04-15", "time": "9:00", "location": "USCIS San Jose ASC, 1887 Monterey Rd."},
    )
    assert not same("received_date", "2025-04-15", "2025-04-16")
    assert outcome("amount", None, "630.00") == "invented"
    assert outcome("amount", "630.00", None) == "missing"
    assert outcome("amount", "630.00", "603.00") == "wrong"


def test_notices_pair_by_pages_then_by_agreeing_fields() -> None:
    expected = [{"pages": [1], "receipt_number": "WAC2512345678"}, {"pages": [1], "receipt_number": "WAC2512345679"}]
    actual = [{"pages": [1], "receipt_number": "WAC2512345679"}]
    assert match(expected, actual) == [(0, None), (1, 0)]
