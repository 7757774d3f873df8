"""The case page's per-form answers and RFE letter points as inputs, on real case files: a choice, a yes/no and a
date saved into the YAML the CLI reads (one line changed, comments kept), a wrong answer refused beside its input
by the fill's own check (nothing written), answers per person, a form added from the list, the letter's points
added, reordered, removed and checked."""

from __future__ import annotations

import difflib
import html as html_lib
import re
from pathlib import Path
from typing import Any

from docgen.case.loader import load_case
from tests.web.test_cases import _form_values

HADDAD = "CASCADIA-2026-0077"
OKAFOR = "ACME-2026-0142"
TYPE = "answer:extra.I-131.application_type"


def _page(client: Any, url: str) -> tuple[str, dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), _values(response)


def _values(response: Any) -> dict[str, Any]:
    """What a browser would post from the page ``response`` shows (date inputs and the points' hidden inputs too)."""
    text = response.content.decode()
    values = _form_values(text)
    for match in re.finditer(r'<input type="date" id="[^"]*" name="([^"]+)" value="([^"]*)"', text):
        values[match.group(1)] = match.group(2)
    for match in re.finditer(r'<input type="hidden" name="(rfe\.[^"]+)" value="([^"]*)"', text):
        values[match.group(1)] = html_lib.unescape(match.group(2))
    values["_forms"] = re.findall(r'name="_forms" value="([^"]*)"', text)
    values["_groups"] = re.findall(r'name="_groups" value="([^"]*)"', text)
    return values


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_answers_show_as_inputs_naming_the_forms_item(client_for: Any, cases_dir: Path) -> None:
    text, values = _page(client_for("specialist"), f"/cases/{HADDAD}/")
    assert values[TYPE] == "5.a"  # the stored choice is the selected option
    assert 'Application type <span class="muted">(I-131 Part 1, Item 1; application_type)</span>' in text
    select = re.search(rf'<select id="[^"]*" name="{re.escape(TYPE)}".*?</select>', text, re.S).group(0)  # type: ignore[union-attr]
    assert '<option value="1">1: I am a lawful permanent resident' in html_lib.unescape(select)  # the form's words
    assert values["answer:extra.I-131.prior_advance_parole"] == "false"  # yes/no/unanswered
    assert values["answer:extra.I-131.trip.departure_date"] == "2026-12-18"  # a date input
    assert 'name="answer:dependents[0].extra.I-131.application_type"' not in text  # the spouse has none of her own
    assert '<option value="dependents[0].extra.I-131">Spouse: Nour Haddad</option>' in text  # offered to add
    assert values["answer:extra.I-765.eligibility_category"] == "(c)(9)"
    assert set(values["_forms"]) >= {"I-131", "I-765", "I-485", "I-864", "ETA-9089"}
    assert "rfe_response" not in values["_forms"]


def test_saving_an_answer_changes_its_line_and_the_cli_reads_it(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_text()
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{HADDAD}/")
    values[TYPE] = "5.b"
    values["answer:extra.I-131.trip.departure_date"] = "2026-12-20"
    values["answer:extra.I-131.refugee_status"] = ""  # unanswered: the key goes
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    after = path.read_text()
    assert sorted(_diff(before, after)) == sorted(
        [
            '-    application_type: "5.a"',
            '+    application_type: "5.b"',
            "-    refugee_status: false",
            "-      departure_date: 2026-12-18",
            "+      departure_date: 2026-12-20",
        ]
    ), _diff(before, after)
    assert "# Advance parole while the I-485 is pending" in after  # comments kept
    case = load_case(path)
    assert case.extra["I-131"]["application_type"] == "5.b"
    assert str(case.extra["I-131"]["trip"]["departure_date"]) == "2026-12-20"


def test_a_wrong_answer_is_refused_beside_its_input_and_nothing_is_written(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_bytes()
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{HADDAD}/")
    values["answer:extra.I-765.eligibility_category"] = "(c)(99)"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 422
    text = html_lib.unescape(response.content.decode())
    beside = re.search(r'id="f-answer-extra-I-765-eligibility-category-error">([^<]*)<', text)
    assert beside, text[:2000]
    assert beside.group(1).startswith("I-765 Part 2, Item 27: (c)(99) is not an eligibility category of Form I-765")
    assert 'href="#f-answer-extra-I-765-eligibility-category"' in text  # the summary links to the input
    assert 'value="(c)(99)"' in text  # the typed value stays in its input
    assert path.read_bytes() == before


def test_a_choice_posted_outside_the_list_is_named_with_the_choices(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_bytes()
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{HADDAD}/")
    values["answer:dependents[0].extra.I-131.application_type"] = "5a"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 422
    text = html_lib.unescape(response.content.decode())
    beside = re.search(r'id="f-answer-dependents-0-extra-I-131-application-type-error">([^<]*)<', text)
    assert beside and "'5a' is not one of the choices; did you mean '5.a'?" in beside.group(1), text[:3000]
    assert path.read_bytes() == before


def test_an_answer_for_one_person_goes_under_that_person(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{HADDAD}/")
    values["_add_group_choice.I-131"] = "dependents[0].extra.I-131"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_add_group": "I-131"})
    assert response.status_code == 200
    values = _values(response)
    assert values["answer:dependents[0].extra.I-131.prior_advance_parole"] == ""  # her own, unanswered
    assert "answer:dependents[1].extra.I-131.prior_advance_parole" not in values  # the daughter's not asked for
    values["answer:dependents[0].extra.I-131.prior_advance_parole"] = "true"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    case = load_case(path)
    assert case.person("spouse").extra["I-131"]["prior_advance_parole"] is True  # type: ignore[union-attr]
    assert case.extra["I-131"]["prior_advance_parole"] is False  # the case-wide answer untouched


def test_a_form_added_from_the_list_gets_its_inputs(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{OKAFOR}/")
    assert "answer:extra.I-131.application_type" not in values
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_add_form": "", "_add_form_choice": "I-131"})
    assert response.status_code == 200
    values = _values(response)
    assert "I-131" in values["_forms"] and TYPE in values
    values[TYPE] = "5.a"
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert load_case(path).extra["I-131"]["application_type"] == "5.a"


def test_rfe_points_are_added_moved_removed_and_saved(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{OKAFOR}/")
    assert values["rfe.count"] == "0"
    for _ in range(3):
        response = client.post(f"/cases/{OKAFOR}/", {**values, "_rfe": "add"})
        assert response.status_code == 200
        values = _values(response)
    assert values["rfe.count"] == "3"
    for index, (title, answer) in enumerate(
        [("Specialty occupation", "The degree."), ("Employer", "It pays."), ("Maintenance", "W-2s.")]
    ):
        values[f"rfe.{index}.item"] = str(index + 1)
        values[f"rfe.{index}.title"] = title
        values[f"rfe.{index}.response"] = answer
        values[f"rfe.{index}.exhibits"] = "A, B" if index == 0 else "C"
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_rfe": "up:2"})  # Maintenance before Employer
    values = _values(response)
    assert values["rfe.1.title"] == "Maintenance"
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_rfe": "remove:0"})
    values = _values(response)
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    points = load_case(path).extra["rfe_response"]["points"]
    assert [(p["item"], p["title"], p["exhibits"]) for p in points] == [
        (3, "Maintenance", ["C"]),
        (2, "Employer", ["C"]),
    ]
    _, values = _page(client, f"/cases/{OKAFOR}/")
    assert values["rfe.0.title"] == "Maintenance" and values["rfe.1.response"] == "It pays."


def test_a_point_without_its_item_number_is_refused_beside_it(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    before = path.read_bytes()
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{OKAFOR}/")
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_rfe": "add"})
    values = _values(response)
    values["rfe.0.item"] = "first"
    values["rfe.0.response"] = "Enclosed."
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_save": "1"})
    assert response.status_code == 422
    text = html_lib.unescape(response.content.decode())
    item = re.search(r'id="f-rfe-0-item-error">([^<]*)<', text)
    title = re.search(r'id="f-rfe-0-title-error">([^<]*)<', text)
    assert item and "'first' is not an item number" in item.group(1)
    assert title and title.group(1).startswith("say what the RFE asks")
    assert 'href="#f-rfe-0-item"' in text and 'href="#f-rfe-0-title"' in text  # the summary links to the inputs
    assert path.read_bytes() == before


def test_mailroom_sees_no_answers_and_may_not_save(client_for: Any, cases_dir: Path) -> None:
    client = client_for("mailroom")
    assert client.get(f"/cases/{HADDAD}/").status_code == 403
    assert client.post(f"/cases/{HADDAD}/", {TYPE: "5.b", "_save": "1"}).status_code == 403


POINTS = """\
  rfe_response:
    receipt_number: WAC2612050321
    points:
      # the notice's first request
      - item: 1
        title: The position is a specialty occupation
        request: Submit evidence that the position is a specialty occupation.
        response: |
          The position requires a master's degree.

          An expert opinion is enclosed.
        exhibits: [A, B]
      - item: 2
        title: The Petitioner is the employer
        response: The Petitioner hires, pays and supervises her.
        exhibits: [C]
"""


def test_points_written_in_the_file_keep_their_other_keys_and_comments_when_moved(
    client_for: Any, cases_dir: Path
) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    text = path.read_text()
    path.write_text(text.replace("\nextra:\n", "\nextra:\n" + POINTS, 1))
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{OKAFOR}/")
    assert (
        values["rfe.0.response"].strip() == "The position requires a master's degree.\n\nAn expert opinion is enclosed."
    )
    assert values["rfe.0.exhibits"] == "A, B"
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_rfe": "down:0"})
    values = _values(response)
    assert values["rfe.0.title"] == "The Petitioner is the employer"
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = path.read_text()
    assert "receipt_number: WAC2612050321" in saved and "# Fictional sample case" in saved
    points = load_case(path).extra["rfe_response"]["points"]
    assert [p["item"] for p in points] == [2, 1]
    assert "exhibits: [A, B]" in saved and "response: |" in saved  # the point moved as it was written
    assert points[1]["request"] == "Submit evidence that the position is a specialty occupation."  # kept with its point
    assert points[1]["response"] == "The position requires a master's degree.\n\nAn expert opinion is enclosed.\n"
    _, again = _page(client, f"/cases/{OKAFOR}/")
    before = path.read_bytes()
    response = client.post(f"/cases/{OKAFOR}/", {**again, "_save": "1"})  # saved again untouched: no change
    assert response.status_code == 302 and path.read_bytes() == before


def test_a_post_without_the_csrf_token_is_refused(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_bytes()
    client = client_for("specialist", csrf=True)
    _, values = _page(client, f"/cases/{HADDAD}/")
    values[TYPE] = "5.b"
    assert client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"}).status_code == 403
    assert path.read_bytes() == before


def test_an_identity_number_among_the_answers_is_masked_until_shown(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            '    application_type: "5.a"\n',
            '    application_type: "5.a"\n    on_behalf_of: {a_number: "A087654321"}\n',
            1,
        )
    )
    client = client_for("specialist")
    page, values = _page(client, f"/cases/{HADDAD}/")
    assert "087654321" not in page
    assert re.search(r'<span class="masked" id="f-answer-extra-I-131-on-behalf-of-a-number">', page)
    assert "answer:extra.I-131.on_behalf_of.a_number" not in values  # not posted, so kept as it is
    values[TYPE] = "5.b"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert load_case(path).extra["I-131"]["on_behalf_of"]["a_number"] == "A087654321"
    assert client.post(f"/cases/{HADDAD}/reveal/").status_code == 302
    page, values = _page(client, f"/cases/{HADDAD}/")
    assert values["answer:extra.I-131.on_behalf_of.a_number"] == "A087654321"


def test_without_the_blank_forms_the_answers_are_still_inputs_and_checked(
    client_for: Any, cases_dir: Path, settings: Any, tmp_path: Path
) -> None:
    settings.FORMS_DIR = tmp_path / "no-forms"
    (tmp_path / "no-forms").mkdir()
    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_bytes()
    client = client_for("specialist")
    text, values = _page(client, f"/cases/{HADDAD}/")
    assert values[TYPE] == "5.a" and "The form&#x27;s words and item numbers are not shown" in text
    values[TYPE] = "5a"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 422
    beside = re.search(r'id="f-answer-extra-I-131-application-type-error">([^<]*)<', response.content.decode())
    assert beside and "is not one of the choices" in html_lib.unescape(beside.group(1))
    assert path.read_bytes() == before


def test_still_to_answer_links_to_the_answers_input(client_for: Any, cases_dir: Path) -> None:
    client = client_for("specialist")
    html = client.get(f"/cases/{OKAFOR}/todo/?forms=I-131").content.decode()
    link = f"/cases/{OKAFOR}/?forms=I-131#f-answer-extra-I-131-application-type"
    assert f'href="{link}"' in html, re.findall(r'href="(/cases/[^"]+)"', html)[:5]
    page = client.get(link.split("#")[0]).content.decode()
    assert 'id="f-answer-extra-I-131-application-type"' in page
    assert re.search(r'<details class="section depth-2 answers-group" id="f-answers-extra-I-131" open>', page)


def test_a_case_with_an_answer_given_the_old_way_saves_as_the_command_line_reads_it(
    client_for: Any, cases_dir: Path
) -> None:
    path = cases_dir / "eb2-family-haddad.yaml"
    line = "  ssa: {card_issued: true, card_wanted: false, disclosure_consent: false}"
    text = path.read_text()
    at = text.index("\n", text.index(line)) + 1
    path.write_text(text[:at] + "  extra:\n    I-765: {ssa_card_wanted: false}\n" + text[at:])  # as ssa.card_wanted
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{HADDAD}/")
    values[TYPE] = "5.b"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "    I-765: {ssa_card_wanted: false}\n" in path.read_text()  # left as written
    before = path.read_bytes()
    _, values = _page(client, f"/cases/{HADDAD}/")
    values["beneficiary.extra"] = "I-765:\n  ssa_card_wanted: true"
    response = client.post(f"/cases/{HADDAD}/", {**values, "_save": "1"})
    assert response.status_code == 422  # two answers to one question: said, never a traceback
    assert "give different answers" in html_lib.unescape(response.content.decode())
    assert path.read_bytes() == before


def test_answers_posted_for_no_such_person_or_answer_change_nothing(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    before = path.read_bytes()
    client = client_for("specialist")
    _, values = _page(client, f"/cases/{OKAFOR}/")
    values["answer:dependents[7].extra.I-907.requestor_role"] = "petitioner"
    values["answer:extra.I-907.__class__"] = "x"
    values["answer:extra.NOT-A-FORM.anything"] = "x"
    values["rfe.count"] = "1000000000"
    response = client.post(f"/cases/{OKAFOR}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert path.read_bytes() == before
