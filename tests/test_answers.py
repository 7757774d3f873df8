"""Answers right on the page (issue 13): one box per question, skipped items empty, exact overflow items.

Every test fills a real blank form, reopens the saved PDF and reads the boxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.bundled import bundled_dir
from docgen.case.loader import parse_case
from docgen.errors import CaseDataError, FillError, MapError
from docgen.forms.fieldmap import load_map
from docgen.forms.fill import fill_case, prepare
from docgen.forms.todo import questions_for

from .conftest import FORMS_DIR, SAMPLES
from .pdfcheck import button_states, reopen_values

FAMILY = SAMPLES / "cases" / "eb2-family-haddad.yaml"
I864_SAME = "form1[0].#subform[2].P4_Line3_Checkbox[1]"
I864_DIFFERENT = "form1[0].#subform[2].P4_Line3_Checkbox[0]"
I765 = "form1[0].Page2[0]."


def family() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FAMILY.read_text(encoding="utf-8"))
    return data


def fill(form: str, data: dict[str, Any], person: str | None = None) -> Any:
    case = parse_case(data, "case.yaml")
    return fill_case(prepare(form, FORMS_DIR), case, person)


def on(states: dict[str, list[str]], name: str) -> bool:
    return any(state != "Off" for state in states[name])


@pytest.mark.parametrize(
    ("physical", "same", "different"),
    [
        ("same", True, False),  # the sample: the same address given twice
        (None, True, False),  # no physical address: the mailing address is where the sponsor lives
        ("other", False, True),
    ],
)
def test_i864_mailing_same_as_physical_ticks_exactly_one_box(physical: str | None, same: bool, different: bool) -> None:
    data = family()
    sponsor = data["sponsor"]
    if physical is None:
        sponsor.pop("physical_address", None)
    elif physical == "same":
        sponsor["physical_address"] = dict(sponsor["mailing_address"])
    else:
        sponsor["physical_address"] = {**sponsor["mailing_address"], "street": "77 Other Road"}
    states = button_states(fill("I-864", data).data)
    assert (on(states, I864_SAME), on(states, I864_DIFFERENT)) == (same, different)


def test_map_check_refuses_a_filter_bound_to_the_else_branch(tmp_path: Path) -> None:
    source = bundled_dir("form_maps") / "i-864_12-08-21.yaml"
    text = source.read_text(encoding="utf-8")
    fixed = "if case.sponsor.mailing_address else none) | no"
    assert fixed in text
    broken = tmp_path / "i-864.yaml"
    broken.write_text(text.replace("(((case", "((case").replace("else none) | ", "else none | "))
    with pytest.raises(MapError, match=r"i-864.yaml:98: the filter 'yes' applies only to the literal None.*"
                       r"write '\(A if C else none\) \| yes'"):  # fmt: skip
        load_map(broken, FORMS_DIR / "i-864.pdf")


def test_i765_items_15_to_17_stay_empty_when_item_14_is_no() -> None:
    data = family()
    ssa = data["dependents"][0]["ssa"]  # one place for the I-485 and the I-765
    ssa.update(card_wanted=False, disclosure_consent=True)  # consent given, card not wanted
    result = fill("I-765", data, "spouse")
    states = button_states(result.data)
    values = reopen_values(result.data)
    assert on(states, I765 + "Line13_Checkbox[0]") and not on(states, I765 + "Line13_Checkbox[1]")  # 14: No
    assert not on(states, I765 + "Line14_Checkbox_Yes[0]") and not on(states, I765 + "Line14_Checkbox_No[0]")
    for name in ("Line15a_FamilyName[0]", "Line16a_FamilyName[0]", "Line16b_GivenName[0]"):
        assert not values.get(I765 + name)
    assert I765 + "Line14_Checkbox_Yes[0]" in result.skipped
    # and 'case todo' does not ask them
    ssa.pop("disclosure_consent")
    data["dependents"][0]["parents"] = []
    asked = {(q.part, q.item) for q in questions_for(parse_case(data, "case.yaml"), parse_case(data, "c").dependents[0],
                                                     "I-765", forms_dir=FORMS_DIR)}  # fmt: skip
    assert not {("2", "15"), ("2", "17.a"), ("2", "16.a")} & asked


def test_i765_items_15_to_17_filled_when_item_14_is_yes() -> None:
    data = family()
    result = fill("I-765", data, "spouse")
    states = button_states(result.data)
    values = reopen_values(result.data)
    assert on(states, I765 + "Line14_Checkbox_Yes[0]")
    assert values[I765 + "Line16a_FamilyName[0]"] == "Nassar"
    assert not result.skipped or I765 + "Line14_Checkbox_Yes[0]" not in result.skipped


def test_i485_overflow_names_the_exact_item_and_older_jobs_their_row() -> None:
    data = family()
    data["beneficiary"]["experience"][0]["address"]["street"] = "1201 Western Avenue Northwest"  # 29 > 25 characters
    result = fill("I-485", data, "principal")
    street = [e for e in result.overflow if e.field.endswith("Pt3Line12_StreetNumberName[0]")]
    assert [(e.part, e.item, e.text) for e in street] == [("3", "12.a", "1201 Western Avenue Northwest")]
    older = [e for e in result.overflow if e.text.startswith("Cedar Span")]
    assert [(e.part, e.item) for e in older] == [("3", "11-18")]  # continues the employment history list
    values = reopen_values(result.data)
    slots = {values.get(f"form1[0].#subform[19].Pt14Line{n}c_ItemNumber[0]") for n in (5, 6, 7)}
    assert "12.a" in slots
    # the sheet lists each entry under the item it continues
    assert [(e.part, e.item, e.text[:10]) for e in result.addendum] == [("3", "11-18", "Cedar Span")]


OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
VASCONCELOS = SAMPLES / "cases" / "eb2-vasconcelos.yaml"


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def asked(data: dict[str, Any], form: str, person: str | None = None) -> set[tuple[str, str]]:
    case = parse_case(data, "case.yaml")
    return {(q.part, q.item) for q in questions_for(case, case.person(person), form, forms_dir=FORMS_DIR)}


def test_i539_extension_skips_change_of_status_and_pending_petition_items() -> None:
    data = load(OKAFOR)
    answers = data["dependents"][0]["extra"]["I-539"]
    for key in ("new_status", "change_effective_date", "granted_extension_receipt", "related_receipt_number"):
        answers.pop(key, None)
    assert answers["application_type"] == "extension" and answers["based_on_granted_extension"] is False
    questions = asked(data, "I-539", "spouse")
    assert not {("2", "3.b"), ("2", "3.c"), ("3", "2.b"), ("3", "3.b"), ("3", "4"), ("3", "5")} & questions
    answers["application_type"] = "change"  # now 3.b and 3.c apply and are asked
    answers["based_on_granted_extension"] = True
    answers["related_petition"] = "pending"
    questions = asked(data, "I-539", "spouse")
    assert {("2", "3.b"), ("2", "3.c"), ("3", "2.b"), ("3", "3.b")} <= questions


def test_i539_fill_leaves_the_skipped_items_empty_even_when_the_case_has_them() -> None:
    data = load(OKAFOR)
    answers = data["dependents"][0]["extra"]["I-539"]
    answers.update(new_status="F-1", change_effective_date="2026-09-01")  # stale answers from a draft
    result = fill("I-539", data, "spouse")
    values = reopen_values(result.data)
    assert not values.get("form1[0].#subform[1].Pt2Line3c_NewStatus[0]")
    assert not values.get("form1[0].#subform[1].Pt2Line3b_EffectiveDate[0]")
    assert "form1[0].#subform[1].Pt2Line3c_NewStatus[0]" in result.skipped


def test_i140_asks_nothing_about_people_the_family_does_not_have() -> None:
    data = load(VASCONCELOS)
    assert len(data.get("dependents") or []) < 4
    questions = asked(data, "I-140")
    assert not {q for q in questions if q[0] == "7" and int(q[1].split(".")[0]) >= 19}
    assert ("2", "2.a") not in questions and ("2", "2.b") not in questions  # not amended, has a labor cert
    assert ("4", "10") not in questions


def test_i140_asks_each_family_member_by_id_and_no_one_the_family_does_not_have() -> None:
    """A family of two dependents: Persons One and Two are asked, under their ids; Person Three is skipped."""
    case = parse_case(family(), "case.yaml")
    rows = [q for q in questions_for(case, case.beneficiary, "I-140", forms_dir=FORMS_DIR) if q.part == "7"]
    assert {q.item: q.where for q in rows} == {
        "5": "extra > I-140 > dependents > spouse > adjustment",
        "6": "extra > I-140 > dependents > spouse > visa_abroad",
        "11": "extra > I-140 > dependents > daughter > adjustment",
        "12": "extra > I-140 > dependents > daughter > visa_abroad",
    }


def test_todo_says_where_the_answer_goes_in_words() -> None:
    case = parse_case(family(), "case.yaml")
    rows = questions_for(case, case.person("spouse"), "I-485", forms_dir=FORMS_DIR)
    assert [r.where for r in rows if r.item == "25"] == ["dependents[0] (spouse) > background > arrested"]


def test_a_misspelled_answer_gets_did_you_mean() -> None:
    data = family()
    answers = data["extra"]["I-765"]
    answers["eligibilty_category"] = answers.pop("eligibility_category")
    with pytest.raises(CaseDataError, match=r"extra\.I-765\.eligibilty_category: 'eligibilty_category' is not an "
                       r"answer the I-765 takes; did you mean 'eligibility_category'\?"):  # fmt: skip
        fill("I-765", data, "spouse")


def test_eligibility_category_is_normalised_or_refused_with_the_format() -> None:
    data = family()
    data["extra"]["I-765"]["eligibility_category"] = "c9"
    values = reopen_values(fill("I-765", data, "spouse").data)
    boxes = [values.get(f"form1[0].Page3[0].#area[1].section_{n}[0]", "") for n in (1, 2, 3)]
    assert boxes == ["c", "9", ""]  # (c)(9): the form prints the parentheses around its boxes
    data["extra"]["I-765"]["eligibility_category"] = "see attached"
    with pytest.raises(CaseDataError, match=r"I-765 Part 2, Item 27.*written like \(c\)\(9\)"):
        fill("I-765", data, "spouse")


def test_a_receipt_number_of_the_wrong_length_is_refused() -> None:
    data = load(OKAFOR)
    answers = data["dependents"][0]["extra"]["I-539"]
    answers.update(based_on_granted_extension=True, granted_extension_receipt="EAC269010432")  # 12 characters
    with pytest.raises(CaseDataError, match=r"granted_extension_receipt: I-539 Part 3, Item 2\.b: a receipt number "
                       r"is 3 letters \(the office\) and 10 digits, 13 characters; this one has 12"):  # fmt: skip
        fill("I-539", data, "spouse")


def test_map_check_fails_when_a_map_reads_an_undeclared_answer(tmp_path: Path) -> None:
    text = (bundled_dir("form_maps") / "i-765_10-31-22.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "i-765.yaml"
    broken.write_text(text.replace("  previously_filed: yesno\n", ""), encoding="utf-8")
    with pytest.raises(MapError, match=r"i-765.yaml:\d+: the answer 'previously_filed' is not declared"):
        load_map(broken, FORMS_DIR / "i-765.pdf")


def test_country_codes_print_as_the_names_the_forms_use() -> None:
    data = family()
    spouse = data["dependents"][0]
    spouse["birth_country"] = "NO"
    spouse["citizenship"] = ["NOR", "LB"]
    case = parse_case(data, "case.yaml")
    assert case.dependents[0].birth_country == "Norway"
    assert case.dependents[0].citizenship == ["Norway", "Lebanon"]
    values = reopen_values(fill("I-765", data, "spouse").data)
    assert values[I765 + "Line17a_CountryOfBirth[0]"] == "Norway"  # item 17.a: citizenship
    assert "NO" not in values.values()


def test_a_zip_plus_4_is_refused_with_the_format() -> None:
    data = family()
    data["dependents"][0]["mailing_address"]["zip_code"] = "98004-1234"
    with pytest.raises(
        FillError,
        match=r"I-765 Part 2, Item 5\.f \(.*Mailing Address: Zip Code\): this box takes 5 digits "
        r"\(a ZIP code; give a ZIP\+4",
    ):
        fill("I-765", data, "spouse")


def test_new_cases_get_every_expected_box_right(tmp_path: Path) -> None:
    from bench.bench_answers import DEFAULT_DIR, score

    files = sorted(p for p in DEFAULT_DIR.glob("*.yaml") if not p.name.endswith(".case.yaml"))
    assert files
    for path in files:
        result = score(path, FORMS_DIR)
        assert not result.wrong, f"{path.name}: {result.wrong}"
    # a wrong expectation is reported, not passed
    text = files[0].read_text(encoding="utf-8")
    (tmp_path / files[0].name).write_text(text.replace(': "Norway"', ': "Norge"'), encoding="utf-8")
    (tmp_path / "lindqvist-c9.case.yaml").write_text((DEFAULT_DIR / "lindqvist-c9.case.yaml").read_text())
    wrong = score(tmp_path / files[0].name, FORMS_DIR).wrong
    assert wrong and all(want == "Norge" and got == "Norway" for _, want, got in wrong)


def test_the_model_says_a_period_without_work_a_founding_date_and_a_stepchild() -> None:
    data = family()
    data["petitioner"]["year_established"] = 2005  # differs from date_established (2004-05-03)
    with pytest.raises(CaseDataError, match="different years"):
        parse_case(data, "case.yaml")
    data = family()
    case = parse_case(data, "case.yaml")
    assert case.petitioner is not None and case.petitioner.year_established == 2004  # from the full date
    assert [e.employer for e in case.dependents[0].experience][:1] == ["Unemployed"]
    data["dependents"][1]["child_kind"] = "step"
    assert parse_case(data, "case.yaml").dependents[1].child_kind == "step"
    data["dependents"][1]["experience"] = [{"kind": "employment", "title": "Intern"}]  # a job without employer
    with pytest.raises(CaseDataError, match="a job needs employer and title"):
        parse_case(data, "case.yaml")


def test_i140_prints_the_full_founding_date_and_the_last_country_of_residence() -> None:
    values = reopen_values(fill("I-140", load(VASCONCELOS)).data)
    assert values["form1[0].#subform[2].Line2b_DateEstablished[0]"] == "03/16/2009"
    assert values["form1[0].#subform[2].Line1b_Country[0]"] == "Brazil"  # written BR in the case


def test_the_ssa_answers_are_given_once_for_the_i485_and_the_i765() -> None:
    data = family()
    data["dependents"][0]["ssa"] = {"card_issued": False, "card_wanted": False, "disclosure_consent": False}
    i765 = button_states(fill("I-765", data, "spouse").data)
    i485 = button_states(fill("I-485", data, "spouse").data)
    assert on(i765, I765 + "Line13_Checkbox[0]") and not on(i765, I765 + "Line13_Checkbox[1]")  # I-765 14: No
    assert on(i485, "form1[0].#subform[1].Pt1Line16_YN[0]") and not on(i485, "form1[0].#subform[1].Pt1Line16_YN[1]")


def test_a_phone_extension_goes_in_the_extension_column_where_the_form_has_one() -> None:
    data = family()
    data["petitioner"]["phone"] = "206-555-0140 x 305"
    data["petitioner"]["contact"]["phone"] = "(206) 555-0141"
    values = reopen_values(fill("ETA-9089", data).data)
    assert values["4  Phone number Extension"] == "2065550140    Ext. 305"  # C.4: the number, then its extension
    assert values["4 Phone number Extension"] == "2065550141"  # D.4: no extension, nothing added


def test_a_phone_number_with_letters_is_refused_not_cut() -> None:
    data = family()
    data["beneficiary"]["mobile"] = "206-555-CALL"
    with pytest.raises(FillError, match=r"I-485 Part 10, Item 4 \(.*Mobile Telephone.*\): the phone number holds more"):
        fill("I-485", data, "principal")


def test_an_old_per_form_answer_moves_to_its_one_place_and_fills_every_form() -> None:
    """A case written before: the SSA answers, the parents' names and reads English under one form's extra are
    taken over by the person when the case is read, so the person's other forms get them too."""
    data = family()
    spouse = data["dependents"][0]
    del spouse["ssa"], spouse["reads_english"], spouse["parents"]
    spouse["extra"] = {
        "I-765": {"ssa_card_issued": False, "ssa_card_wanted": True, "ssa_disclosure_consent": True,
                  "father": {"family_name": "Khoury", "given_name": "Antoine"},
                  "mother": {"family_name": "Nassar", "given_name": "Hala"}},
        "I-485": {"reads_english": True},
    }  # fmt: skip
    case = parse_case(data, "case.yaml")
    moved = case.dependents[0]
    assert moved.ssa is not None and moved.ssa.card_wanted is True and moved.reads_english is True
    assert [(p.family_name, p.sex) for p in moved.parents] == [("Khoury", "M"), ("Nassar", "F")]
    assert "I-765" not in moved.extra or not moved.extra["I-765"]
    i485 = button_states(fill("I-485", data, "spouse").data)  # the answers given under the I-765 reach the I-485
    assert on(i485, "form1[0].#subform[1].Pt1Line16_YN[1]") and not on(i485, "form1[0].#subform[1].Pt1Line16_YN[0]")
    i765 = reopen_values(fill("I-765", data, "spouse").data)
    assert i765[I765 + "Line16a_FamilyName[0]"] == "Nassar"


@pytest.mark.parametrize(
    ("form", "key", "value", "place"),
    [
        ("I-765", "ssa_card_wanted", True, r"beneficiary\.ssa\.card_wanted"),  # the principal wants none
        ("I-485", "reads_english", False, r"beneficiary\.reads_english"),
        ("I-864", "reads_english", False, r"sponsor\.reads_english"),
    ],
)
def test_one_fact_given_twice_with_different_answers_is_an_error(form: str, key: str, value: Any, place: str) -> None:
    data = family()
    data["extra"][form][key] = value
    with pytest.raises(CaseDataError, match=rf"extra\.{form}\.{key} and {place} give different answers"):
        parse_case(data, "case.yaml")


def test_the_i140_founding_date_is_the_petitioners_only() -> None:
    data = load(VASCONCELOS)
    data["extra"]["I-140"]["date_established"] = "2009-05-12"  # a second date, not the petitioner's
    with pytest.raises(CaseDataError, match=r"extra\.I-140\.date_established and petitioner\.date_established give"):
        parse_case(data, "case.yaml")
    data["petitioner"].pop("date_established")  # an old case: the date only under the I-140's answers
    values = reopen_values(fill("I-140", data).data)
    assert values["form1[0].#subform[2].Line2b_DateEstablished[0]"] == "05/12/2009"


def test_a_map_reading_a_moved_answer_is_refused(tmp_path: Path) -> None:
    text = (bundled_dir("form_maps") / "i-765_10-31-22.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "i-765.yaml"
    broken.write_text(
        text.replace('{check: "applicant.ssa.card_wanted | yes"}', '{check: "extra.ssa_card_wanted | yes"}')
    )
    with pytest.raises(
        MapError, match=r"i-765.yaml:\d+: .*the answer 'ssa_card_wanted' is given once as the person's ssa"
    ):
        load_map(broken, FORMS_DIR / "i-765.pdf")


def test_the_family_household_is_given_once_for_every_i485() -> None:
    """The sample gives the household once, for the case; each person's I-485 Part 8 items 62-65 read it, and a
    person living elsewhere gives their own."""
    data = family()
    assert "household" in data and not any("household" in p for p in [data["beneficiary"], *data["dependents"]])
    data["household"] = {"size": 3, "annual_income": 60000, "assets": 20000, "liabilities": 0}
    data["dependents"][1]["household"] = {"size": 1, "annual_income": 0, "assets": 0, "liabilities": 0}
    for person, size, income_box in (("principal", "3", 2), ("spouse", "3", 2), ("daughter", "1", 0)):
        result = fill("I-485", data, person)
        values = reopen_values(result.data)
        states = button_states(result.data)
        assert values["form1[0].#subform[12].Pt8Line62_FamilyStatus[0]"] == size
        ticked = [i for i in range(5) if on(states, f"form1[0].#subform[12].Pt8Line63_CB[{i}]")]
        assert ticked == [income_box]  # 60,000 is the $52,001-$85,000 box; 0 the first


def test_todo_asks_the_household_once_for_the_case() -> None:
    data = family()
    data["household"] = {"annual_income": 182000, "assets": 95000, "liabilities": 12000}  # the size not given yet
    case = parse_case(data, "case.yaml")
    from docgen.forms.todo import case_questions

    rows = [q for q in case_questions(case, ["I-485"], case.people(), forms_dir=FORMS_DIR) if q.item == "62"]
    assert [(q.person, q.answer_at, q.where) for q in rows] == [("case", "household.size", "household > size")]


def test_an_adopted_child_and_a_stepchild_are_named_so_on_the_i140_and_the_i864() -> None:
    """child_kind reaches the boxes the forms have for it: the relationship of each family member."""
    values = reopen_values(fill("I-140", load(VASCONCELOS)).data)  # the sample's daughter is adopted
    assert values["form1[0].#subform[3].Line1f_Relationship[0]"] == "Spouse"
    assert values["form1[0].#subform[3].Line2f_Relationship[0]"] == "Adopted child"
    assert values["form1[0].#subform[4].Line2f_Relationship[1]"] == "Child"  # the son: no child_kind
    data = family()
    data["dependents"][1]["child_kind"] = "step"
    values = reopen_values(fill("I-864", data).data)
    assert values["form1[0].#subform[1].P3_Line4_Relationship[0]"] == "Spouse"
    assert values["form1[0].#subform[1].P3_Line9_Relationship[0]"] == "Stepchild"


def test_child_kind_is_only_for_a_child() -> None:
    data = family()
    data["dependents"][0]["child_kind"] = "step"  # the spouse
    with pytest.raises(CaseDataError, match=r"dependents\[0\].*child_kind is for a child \(relationship: child\)"):
        parse_case(data, "case.yaml")


def test_a_missing_required_answer_says_where_it_goes_in_the_case() -> None:
    data = family()
    del data["extra"]["I-131"]["application_type"]
    with pytest.raises(FillError) as err:
        fill("I-131", data, "spouse")
    message = str(err.value)
    assert "I-131 Part 1, Item 5 (" in message and "needs an answer; give extra.I-131.application_type" in message
    assert "{{" not in message and "[0]" not in message  # neither the map's expression nor a PDF field name
    data = family()
    del data["dependents"][0]["birth_date"]
    with pytest.raises(CaseDataError, match=r"dependents\[0\]\.birth_date"):
        fill("I-485", data, "spouse")


def test_reads_english_is_the_persons_once_for_all_their_forms() -> None:
    data = family()
    data["dependents"][0]["reads_english"] = False
    data["dependents"][0]["extra"] = {"I-765": {"interpreter": {"family_name": "Saade", "language": "Arabic"}}}
    states = button_states(fill("I-765", data, "spouse").data)
    assert on(states, "form1[0].Page4[0].Pt3Line1Checkbox[0]") and not on(
        states, "form1[0].Page4[0].Pt3Line1Checkbox[1]"
    )
    with pytest.raises(
        FillError, match=r"I-485 Part 10, Item 1\.b .*needs a value; give extra\.I-485\.interpreter\.language"
    ):
        fill("I-485", data, "spouse")  # the same answer on her I-485 asks that form's interpreter
    case = parse_case(family(), "case.yaml")
    with pytest.raises(CaseDataError, match=r"extra\.I-485\.reads_english: .*as the person's reads_english"):
        case.extra["I-485"]["reads_english"] = True  # a case built in code, past the loader: refused at the fill
        fill_case(prepare("I-485", FORMS_DIR), case, "principal")


def test_boxes_are_named_as_the_printed_form_names_them() -> None:
    """The words a message uses for a box, read from the real blanks' tooltips."""
    from docgen.forms.items import describe_field
    from docgen.forms.pdf import load_form

    names = {
        ("i-765.pdf", "form1[0].Page2[0].Line7_AlienNumber[0]", None): "Part 2, Item 8 (Other Information: Alien "
        "Registration Number)",
        ("i-485.pdf", "form1[0].#subform[15].Pt10Line3_DaytimePhone[0]", None): "Part 10, Item 3 (Applicant's "
        "Daytime Telephone Number)",
        ("eta-9089.pdf", "4  Phone number of current residence", "J, Item 4"): "Section J, Item 4 (Phone number of "
        "current residence)",
        ("g-1145.pdf", "form1[0].#subform[0].MobilePhoneNumber[0]", "Mobile Phone Number"): "Mobile Phone Number",
    }
    for (blank, name, item), expected in names.items():
        form = load_form(FORMS_DIR / blank)
        try:
            assert describe_field(item, form.fields[name]) == expected
        finally:
            form.pdf.close()


def test_todo_keeps_a_list_slice_on_the_person_and_names_the_sponsor_plainly() -> None:
    """A computed index that is a slice (other citizenships) is not taken for a key; case.sponsor.x is sponsor.x."""
    data = family()
    data["sponsor"].pop("reads_english")
    case = parse_case(data, "case.yaml")
    spouse = {(q.item, q.answer_at) for q in questions_for(case, case.person("spouse"), "I-765", forms_dir=FORMS_DIR)}
    assert not [q for q in spouse if "slice" in q[1]]
    sponsor = {q.answer_at for q in questions_for(case, case.beneficiary, "I-864", forms_dir=FORMS_DIR)}
    assert "sponsor.reads_english" in sponsor


def test_the_principal_is_still_the_principal_on_the_i485_with_the_case_household() -> None:
    """The household given once must not make the principal's I-485 look like a derivative's (Part 2 items 3-9)."""
    values = reopen_values(fill("I-485", family(), "principal").data)
    assert values["form1[0].#subform[3].Pt2Line3_Receipt[0]"] == "LIN2612345678"
    assert values["form1[0].#subform[3].Pt2Line4_Date[0]"] == "03/14/2025"
    assert not values.get("form1[0].#subform[3].Pt2Line5a_FamilyName[0]")  # the principal's own: only a derivative's
    values = reopen_values(fill("I-485", family(), "spouse").data)
    assert values["form1[0].#subform[3].Pt2Line5a_FamilyName[0]"] == "Haddad"


def test_todo_asks_the_i907_requestor_role_once_not_on_every_item_that_follows_from_it() -> None:
    from docgen.forms.todo import case_questions

    data = load(SAMPLES / "cases" / "l1a-hoshino.yaml")  # premium processing asked, no I-907 answers yet
    assert "I-907" not in (data.get("extra") or {})
    case = parse_case(data, "case.yaml")
    rows = case_questions(case, ["I-907"], case.people(), forms_dir=FORMS_DIR)
    role = [r for r in rows if "requestor_role" in r.answer_at]
    assert [(r.person, r.part, r.item, r.answer_at, r.required) for r in role] == [
        ("case", "1", "8-5", "extra.I-907.requestor_role", True)
    ]
    assert role[0].question.startswith("Request for Premium Processing Service")
    assert role[0].where == (
        "extra > I-907 > requestor_role (one of: petitioner, petitioner_attorney, applicant, applicant_attorney)"
    )
    # a question with an answer of its own stays, asking that alone; nothing is asked twice
    assert ("1", "6", "extra.I-907.mailing_same_as_physical") in {(r.part, r.item, r.answer_at) for r in rows}
    assert len({r.answer_at for r in rows}) == len(rows)
    # the role given, what follows from it is asked as before: the requestor's own answers
    data["extra"] = {**(data.get("extra") or {}), "I-907": {"requestor_role": "applicant"}}
    case = parse_case(data, "case.yaml")
    after = case_questions(case, ["I-907"], case.people(), forms_dir=FORMS_DIR)
    assert not any("requestor_role" in r.answer_at for r in after)
