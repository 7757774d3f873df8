"""Review of session 13: the case page's "Answers each form takes" and the RFE letter's points, tried with bad input
by a new user (and a client that posts what it likes): one line beside the input, never a server error, nothing
written. Real sample case files; what a browser would post read from the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_case_answers11 import _page

HADDAD = "CASCADIA-2026-0077"
DEPARTURE = "answer:extra.I-131.trip.departure_date"


def _client(client_for: Any) -> Any:
    client = client_for("specialist")
    client.raise_request_exception = False  # a server error is a 500 here, as the user sees it
    return client


def _error_beside(page: str, input_id: str) -> str:
    found = re.search(rf'<p class="field-error" id="{re.escape(input_id)}-error">([^<]*)</p>', page)
    assert found, page[page.find('id="errors"') :][:1500]
    return found.group(1)


@pytest.mark.parametrize(("typed", "shown"), [("²", "'²'"), ("9" * 5000, "'" + "9" * 36 + "...")])
def test_an_rfe_points_item_that_is_no_plain_number_is_refused_beside_it(
    client_for: Any, cases_dir: Path, typed: str, shown: str
) -> None:
    """Fault: an item typed "²" (a superscript two, pasted from a document) or a number of 5000 digits ended in a
    server error (int() of it), the case page lost."""
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_text(encoding="utf-8")
    client = _client(client_for)
    _, values = _page(client, f"/cases/{HADDAD}/")
    point = {"rfe.count": "1", "rfe.0.origin": "", "rfe.0.item": typed, "rfe.0.title": "Travel is documented"}
    response = client.post(f"/cases/{HADDAD}/", {**values, **point, "_save": "1"})
    assert response.status_code == 422
    message = _error_beside(response.content.decode(), "f-rfe-0-item")
    assert message.replace("&#x27;", "'").startswith(f"{shown} is not an item number; write the number the RFE gives")
    assert len(message) < 200
    assert path.read_text(encoding="utf-8") == before


def test_crafted_row_numbers_and_filters_never_end_in_a_server_error(client_for: Any, cases_dir: Path) -> None:
    """Fault: a row number or a filter read with str.isdigit() took "²" for a number and int() of it failed: the
    Move buttons' value, a row's origin, the case list's "within" filter in the address."""
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_text(encoding="utf-8")
    client = _client(client_for)
    _, values = _page(client, f"/cases/{HADDAD}/")
    row = {"rfe.count": "1", "rfe.0.item": "1", "rfe.0.title": "Travel is documented"}
    assert client.post(f"/cases/{HADDAD}/", {**values, **row, "rfe.0.origin": "", "_rfe": "up:²"}).status_code == 200
    assert client.post(f"/cases/{HADDAD}/", {**values, **row, "rfe.0.origin": "²", "_rfe": "add"}).status_code == 200
    assert path.read_text(encoding="utf-8") == before
    assert client.get("/?within=²").status_code == 200


def test_adding_answers_for_a_form_or_person_there_is_none_of_says_nothing_was_added(
    client_for: Any, cases_dir: Path
) -> None:
    """Fault: "Answers for another form" with a form docgen has no map for said "None added: give its answers", and
    "Answers for one person only" for a person the case does not have said "Give this person's own I-131 answers"
    with no inputs added."""
    client = _client(client_for)
    _, values = _page(client, f"/cases/{HADDAD}/")
    page = client.post(f"/cases/{HADDAD}/", {**values, "_add_form": "", "_add_form_choice": "rfe_response"})
    text = page.content.decode()
    assert "None added" not in text and "No form added: choose one of the forms in the list" in text
    person = {"_add_group": "I-131", "_add_group_choice.I-131": "dependents[9].extra.I-131"}
    text = client.post(f"/cases/{HADDAD}/", {**values, **person}).content.decode()
    assert "Give this person" not in text and "No answers added: choose a person of this case" in text
    assert 'name="answer:dependents[9].extra.I-131.application_type"' not in text
    spouse = {"_add_group": "I-131", "_add_group_choice.I-131": "dependents[0].extra.I-131"}
    text = client.post(f"/cases/{HADDAD}/", {**values, **spouse}).content.decode()
    assert 'name="answer:dependents[0].extra.I-131.application_type"' in text  # a person the case has: added


def test_a_date_the_case_file_writes_month_first_is_shown_in_the_date_input(client_for: Any, cases_dir: Path) -> None:
    """A case file may write a date 01/15/2027; a date input shows only 2027-01-15 (a browser empties any other value
    and posts it back empty: the browser test shows the date removed from the file). One that is no date at all is
    shown in a text input as written, so it is posted back and the check says what is wrong beside it."""
    path = cases_dir / "eb2-family-haddad.yaml"
    text = path.read_text(encoding="utf-8")
    assert "      departure_date: 2026-12-18\n" in text
    path.write_text(text.replace("departure_date: 2026-12-18", "departure_date: 12/18/2026"), encoding="utf-8")
    client = _client(client_for)
    page, values = _page(client, f"/cases/{HADDAD}/")
    assert (
        f'<input type="date" id="f-answer-extra-I-131-trip-departure-date" name="{DEPARTURE}" value="2026-12-18"'
        in (page)
    )
    path.write_text(text.replace("departure_date: 2026-12-18", "departure_date: soon"), encoding="utf-8")
    page, values = _page(client, f"/cases/{HADDAD}/")
    assert f'<input id="f-answer-extra-I-131-trip-departure-date" name="{DEPARTURE}" value="soon"' in page
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 422
    assert "I-131 Part 7, Item 1" in _error_beside(
        response.content.decode(), "f-answer-extra-I-131-trip-departure-date"
    )


def test_a_childs_answer_changed_after_the_spouse_was_removed_on_the_page_is_saved(
    client_for: Any, cases_dir: Path
) -> None:
    """Fault: with the spouse removed on the page ("Remove", then the save), the daughter moved to dependents[0] and
    her answers were compared with the spouse's as the file held them at that place: her I-131 application type
    changed to the one the spouse had was taken for "no change", and the file kept her old one, the save said done."""
    from docgen.case.loader import load_case
    from tests.web.test_case_answers11 import _values

    path = cases_dir / "eb2-family-haddad.yaml"
    own = '    extra:\n      I-131:\n        application_type: "{}"\n'
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  - id: daughter\n", own.format("5.a") + "  - id: daughter\n" + own.format("5.b"), 1),
        encoding="utf-8",
    )
    client = _client(client_for)
    _, values = _page(client, f"/cases/{HADDAD}/")
    assert values["answer:dependents[1].extra.I-131.application_type"] == "5.b"  # the daughter's
    removed = client.post(f"/cases/{HADDAD}/", {**values, "_remove": "dependents[0]"})
    assert removed.status_code == 200
    values = _values(removed)
    assert values["_removed"] == ["dependents[0]"]
    assert values["answer:dependents[0].extra.I-131.application_type"] == "5.b"  # the daughter, now first
    values["answer:dependents[0].extra.I-131.application_type"] = "5.a"
    assert client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"}).status_code == 302
    case = load_case(path)
    assert [(d.id, d.extra["I-131"]["application_type"]) for d in case.dependents] == [("daughter", "5.a")]


def test_a_number_answer_takes_thousands_separators_as_the_case_sections_do(client_for: Any, cases_dir: Path) -> None:
    """Fault: the README says a number on the case page may carry thousands separators (1,250,000.50) and a comma
    anywhere else (5,5) is refused; the ETA-9089's wage typed 1,250,000.50 among a form's answers was refused with
    "input should be a valid decimal". It is kept as 1250000.50 (what the form prints); 5,5 stays refused."""
    path = cases_dir / "eb2-family-haddad.yaml"
    client = _client(client_for)
    _, values = _page(client, f"/cases/{HADDAD}/")
    wage = "answer:extra.ETA-9089.wage_to"
    refused = client.post(f"/cases/{HADDAD}/", {**values, wage: "5,5", "_save": "1"})
    assert refused.status_code == 422
    assert "Part G, Item 1" in _error_beside(refused.content.decode(), "f-answer-extra-ETA-9089-wage-to")
    assert client.post(f"/cases/{HADDAD}/", {**values, wage: "1,250,000.50", "_save": "1"}).status_code == 302
    assert "    wage_to: '1250000.50'\n" in path.read_text(encoding="utf-8")
    _, values = _page(client, f"/cases/{HADDAD}/")
    assert values[wage] == "1250000.50"


def test_a_passport_number_among_a_persons_answers_is_masked_until_shown(client_for: Any, cases_dir: Path) -> None:
    """Fault: the I-539's "current passport, only if different from Part 1" (``current_passport.number``) is a
    passport number, but only an answer itself named like one (``passport_number``, ``a_number``) was masked: the
    spouse's passport number was in clear on the page, in its input and in the YAML box of his answers."""
    from docgen.case.loader import load_case

    path = cases_dir / "h1b-okafor.yaml"
    text = path.read_text(encoding="utf-8")
    passport = "        current_passport:\n          number: C55443322\n          country: Nigeria\n"
    assert "        application_type: extension\n" in text
    path.write_text(
        text.replace("        application_type: extension\n", "        application_type: extension\n" + passport, 1),
        encoding="utf-8",
    )
    client = _client(client_for)
    number = "answer:dependents[0].extra.I-539.current_passport.number"
    page, values = _page(client, "/cases/ACME-2026-0142/")
    assert "C55443322" not in page and "55443322" not in page
    assert '<span class="masked" id="f-answer-dependents-0-extra-I-539-current-passport-number">' in page
    assert number not in values  # not posted: kept as it is
    values["answer:dependents[0].extra.I-539.current_passport.country"] = "Ghana"
    assert client.post("/cases/ACME-2026-0142/", {**values, "_save": "1"}).status_code == 302
    spouse = load_case(path).dependents[0]
    assert spouse.extra["I-539"]["current_passport"] == {"number": "C55443322", "country": "Ghana"}
    assert client.post("/cases/ACME-2026-0142/reveal/").status_code == 302
    _, values = _page(client, "/cases/ACME-2026-0142/")
    assert values[number] == "C55443322"
