"""Phone numbers on forms without an extension box (issue 13): the number goes in the box, an extension (or an
international number the box cannot hold) continues in the form's Additional Information part under the item,
or on the addendum sheet where the form has no such part; never dropped, never run together with the digits.

Every test fills a real blank form, reopens the saved PDF and reads the boxes and the continued text.
"""

from __future__ import annotations

from typing import Any

import pytest

from docgen.case.loader import parse_case
from docgen.forms.fill import prepare
from docgen.forms.todo import questions_for
from docgen.templating import FilterError, phone, split_phone

from .conftest import FORMS_DIR
from .pdfcheck import flattened_text, reopen_values
from .test_answers import family, fill

EXTENSION = "773-555-0144 x3021"
FOREIGN = "+381 11 555 0199"
# The applicant's daytime telephone box of each form, and the part and item it is
DAYTIME = {
    "I-765": ("form1[0].Page4[0].Pt3Line3_DaytimePhoneNumber1[0]", "3", "3"),
    "I-485": ("form1[0].#subform[15].Pt10Line3_DaytimePhone[0]", "10", "3"),
    "I-864": ("form1[0].#subform[0].P2_Line7_DaytimeTelephoneNumber[0]", "2", "7"),
}


def continued(form: str, values: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(page, part, item, text) of every filled slot of the form's Additional Information part."""
    return [
        (values.get(slot.page, ""), values.get(slot.part, ""), values.get(slot.item, ""), values[slot.text])
        for slot in prepare(form, FORMS_DIR).fmap.continuation
        if values.get(slot.text)
    ]


def with_phone(number: str) -> dict[str, Any]:
    data = family()
    data["beneficiary"]["phone"] = number
    return data


@pytest.mark.parametrize("form", sorted(DAYTIME))
def test_an_extension_continues_in_additional_information_under_its_item(form: str) -> None:
    box, part, item = DAYTIME[form]
    result = fill(form, with_phone(EXTENSION), None if form == "I-864" else "principal")
    values = reopen_values(result.data)
    assert values[box] == "7735550144"  # the 10 digits, nothing else
    entries = [e for e in continued(form, values) if "3021" in e[3]]
    assert len(entries) == 1, continued(form, values)
    page, got_part, got_item, text = entries[0]
    assert (got_part, got_item) == (part, item)
    assert page == str(prepare(form, FORMS_DIR).fields[box].page)
    assert text.endswith("Daytime Telephone Number: 773-555-0144, extension 3021")
    assert all("77355501443021" not in v and "3021" not in v for k, v in values.items() if k == box)
    assert not [e for e in result.addendum if "3021" in e.text]  # on the form itself, not an addendum sheet


def test_the_continued_extension_is_visible_on_the_flattened_i765() -> None:
    result = fill("I-765", with_phone(EXTENSION), "principal")
    text = " ".join(flattened_text(result.data).split())
    assert "Applicant's Daytime Telephone Number: 773-555-0144, extension 3021" in text
    assert "77355501443021" not in text.replace(" ", "")


def test_a_foreign_number_keeps_its_plus_where_the_box_takes_it() -> None:
    """The I-485's telephone box takes 15 characters: the international number goes in it, plus sign and all."""
    values = reopen_values(fill("I-485", with_phone(FOREIGN), "principal").data)
    assert values[DAYTIME["I-485"][0]] == "+381115550199"
    assert not [e for e in continued("I-485", values) if "381" in e[3]]


@pytest.mark.parametrize("form", ["I-864", "I-765"])
def test_a_foreign_number_continues_whole_where_the_box_takes_ten_digits(form: str) -> None:
    """The I-864's box says "Enter 10 digits for number" (the I-765's holds 10): +381 11 555 0199 cannot go in
    it without losing its country code, so the box points to Additional Information, which has the number whole."""
    box, part, item = DAYTIME[form]
    result = fill(form, with_phone(FOREIGN + " ext. 44"), None if form == "I-864" else "principal")
    values = reopen_values(result.data)
    assert values[box] in ("See Add.", "See Add. Info")  # never 10 of its 12 digits
    entries = [e for e in continued(form, values) if "381" in e[3]]
    assert [(p, i, t.split(": ", 1)[1]) for _, p, i, t in entries] == [(part, item, "+381 11 555 0199, extension 44")]


def test_an_extension_continues_on_the_addendum_where_the_form_has_no_additional_information_part() -> None:
    data = family()
    data["beneficiary"]["mobile"] = "(206) 555-0188 extension 7"
    result = fill("G-1145", data, "principal")
    values = reopen_values(result.data)
    assert values["form1[0].#subform[0].MobilePhoneNumber[0]"] == "2065550188"
    assert [e.text for e in result.addendum] == ["Mobile Telephone Number: (206) 555-0188, extension 7"]
    text = " ".join(flattened_text(result.data).split())
    assert "Item Number: Mobile Phone Number" in text and "(206) 555-0188, extension 7" in text


@pytest.mark.parametrize("form", sorted(DAYTIME))
def test_case_todo_does_not_ask_to_remove_an_extension(form: str) -> None:
    case = parse_case(with_phone(EXTENSION), "case.yaml")
    asked = questions_for(case, case.beneficiary, form, forms_dir=FORMS_DIR)
    assert not [q for q in asked if "phone" in str(q).lower()]


def test_phone_numbers_as_boxes_take_them() -> None:
    assert split_phone("+1 416 555 0190") == ("4165550190", "")  # North American: 10 digits
    assert split_phone("+381 11 555 0199 x 12") == ("+381115550199", "12")
    assert split_phone("1-773-555-0144, ext. 3021") == ("7735550144", "3021")
    assert split_phone("") == ("", "")
    with pytest.raises(FilterError, match="only an extension"):
        split_phone("ext. 3021")


def test_the_phone_filter_outside_a_fill_refuses_an_extension_rather_than_drop_it() -> None:
    assert phone("773-555-0144") == "7735550144"
    with pytest.raises(FilterError, match=r"ext\. 3021.*phone_number.*phone_extension"):
        phone(EXTENSION)
