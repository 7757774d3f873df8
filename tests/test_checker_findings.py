"""What an independent check of the filled forms found, each written as a new case from the printed form.

Every test fills the real blank form, saves it, reopens the saved PDF and reads the boxes.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.case.loader import parse_case
from docgen.errors import CaseDataError, FillError
from docgen.forms.fill import FillResult, fill_case, prepare
from docgen.forms.todo import questions_for

from .conftest import FORMS_DIR, SAMPLES
from .pdfcheck import button_states, reopen_values

I907 = "form1[0].#subform[{}]."


@functools.cache
def _sample(name: str) -> str:
    return (SAMPLES / "cases" / name).read_text(encoding="utf-8")


def sample(name: str = "h1b-okafor.yaml") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(_sample(name))
    return data


def fill(form: str, data: dict[str, Any], person: str | None = None) -> tuple[FillResult, dict[str, str]]:
    """Fill, then read the values back from the saved bytes (text /V and each box's appearance state)."""
    result = fill_case(prepare(form, FORMS_DIR), parse_case(copy.deepcopy(data), "case.yaml"), person)
    values = reopen_values(result.data)
    for name, states in button_states(result.data).items():
        on = [state for state in states if state != "Off"]
        values.pop(name, None)  # a box's /V may read "Off": only a ticked box counts as a value
        if on:
            values[name] = on[0]
    return result, values


def todo(form: str, data: dict[str, Any], person: str | None = None) -> list[Any]:
    case = parse_case(copy.deepcopy(data), "case.yaml")
    return questions_for(case, case.person(person), form)


# ---- 1. I-907: every requestor of Part 1, Item 8 -------------------------------------------------


def student() -> dict[str, Any]:
    """An F-1 student who files her own I-765 (OPT) and asks premium processing for it, alone."""
    return {
        "case_id": "STU-2026-0007",
        "beneficiary": {
            "family_name": "Moreau-Lindgren",
            "given_name": "Aurelie",
            "middle_name": "Sofia",
            "birth_date": "2000-03-09",
            "birth_country": "France",
            "citizenship": ["France"],
            "sex": "F",
            "a_number": "A123456780",
            "mailing_address": {
                "street": "300 College Avenue",
                "unit_type": "apt",
                "unit_number": "12",
                "city": "Ithaca",
                "state": "NY",
                "zip_code": "14850",
            },
            "phone": "607-555-0120",
            "mobile": "607-555-0121",
            "email": "aurelie.ml@mail.example",
        },
        "facts": {"form": "I-765", "classification": "(c)(3)(B)"},
        "extra": {"I-907": {"requestor_role": "applicant", "reads_english": True}},
    }


def test_i907_applicant_files_her_own_request() -> None:
    _, values = fill("I-907", student())
    p0, p1, p2, p6 = (I907.format(n) for n in (0, 1, 2, 6))
    assert values[p1 + "Part1_Line8_CheckBox[0]"] == "C"  # "I am the applicant ..."
    assert not any(values.get(p1 + f"Part1_Line8_CheckBox[{n}]") for n in (1, 2, 3))
    assert (values[p0 + "Pt1Line3_FamilyName[0]"], values[p0 + "Pt1Line3_GivenName[0]"]) == (
        "Moreau-Lindgren",
        "Aurelie",
    )
    assert values[p0 + "#area[0].Pt1Line1_AlienRegistrationNumber[0]"] == "123456780"
    assert p0 + "Part1_Line4_CompanyorOrganizationName[0]" not in values  # not filed for a company
    assert values[p0 + "Part1_Line5_MailingAddress_StreetNumberName[0]"] == "300 College Avenue"
    assert values[p0 + "Part1Line6_Checkbox[0]"] == "Y"  # no separate physical address: the same
    assert p1 + "Part1_Line7_PhysicalAddress_StreetNumberName[0]" not in values
    # Part 2: the applicant of the related application, no beneficiary, no company
    assert values[p1 + "Part2_Line4_PetitionerApplicantFamilyName[0]"] == "Moreau-Lindgren"
    assert p1 + "Line_FamilyName[0]" not in values and p1 + "Part1_Line9_CompanyIRSTaxNumber[0]" not in values
    assert values[p2 + "Part1_Line7_OtherInformationAboutCompanyOrg_StreetNumberName[0]"] == "300 College Avenue"
    # Part 3: her own contact information; no preparer; Part 5 empty; no G-28
    assert values[p2 + "P3_Line4_DaytimeTelePhoneNumber[0]"] == "6075550120"
    assert values[p2 + "P3_Line6_Email[0]"] == "aurelie.ml@mail.example"
    assert p2 + "P3_Line2_Checkbox[0]" not in values
    assert not [name for name in values if ".P5_" in name or "FormG28Attach" in name]
    assert values[p6 + "Pt1Line3_FamilyName[1]"] == "Moreau-Lindgren"
    # case todo asks her nothing about a petitioner, a signatory, a preparer or a G-28
    asked = " ".join(q.answer_at for q in todo("I-907", student()))
    assert "petitioner" not in asked and "preparer" not in asked and "representative" not in asked


def test_i907_applicant_with_a_separate_physical_address_gives_item_7() -> None:
    data = student()
    data["beneficiary"]["physical_address"] = {"street": "41 Stewart Ave.", "city": "Ithaca", "state": "NY",
                                               "zip_code": "14850"}  # fmt: skip
    _, values = fill("I-907", data)
    p0, p1 = I907.format(0), I907.format(1)
    assert values[p0 + "Part1Line6_Checkbox[1]"] == "N"
    assert values[p1 + "Part1_Line7_PhysicalAddress_StreetNumberName[0]"] == "41 Stewart Ave."
    # the same place written another way is the same address: Item 6 Yes, Item 7 empty
    same = {"street": "300 College Ave", "unit_type": "apt", "unit_number": "12", "city": "ITHACA"}
    data["beneficiary"]["physical_address"] = {**same, "state": "New York", "zip_code": "14850-1234"}
    _, values = fill("I-907", data)
    assert values[p0 + "Part1Line6_Checkbox[0]"] == "Y"
    assert p1 + "Part1_Line7_PhysicalAddress_StreetNumberName[0]" not in values


def test_i907_attorney_of_the_petitioner_files_it() -> None:
    data = sample()
    data["extra"]["I-907"]["requestor_role"] = "petitioner_attorney"
    result, values = fill("I-907", data)
    p0, p1, p2 = (I907.format(n) for n in (0, 1, 2))
    assert values[p1 + "Part1_Line8_CheckBox[3]"] == "B"  # the second box: the petitioner's attorney
    assert values["form1[0].#subform[0].FormG28Attach[0]"] == "1"
    assert (values[p0 + "Pt1Line3_FamilyName[0]"], values[p0 + "Pt1Line3_GivenName[0]"]) == ("Castellanos", "Ines")
    assert values[p0 + "Part1_Line4_CompanyorOrganizationName[0]"] == "Acme Analytics, Inc."  # on its behalf
    assert values[p0 + "Part1_Line5_MailingAddress_StreetNumberName[0]"] == "101 California Street"  # the firm's
    assert values[p0 + "Part1_Line5_MailingAddress_Unit[1]"] == " FLR "
    assert values[p0 + "#area[1].Pt1Line2_USCISOnlineActNumber[0]"] == "000123456789"
    # Part 2 names the related petition's company and beneficiary
    assert values[p1 + "Line_FamilyName[0]"] == "Okafor"
    assert values[p1 + "Part1_Line8_NameOfCompanyPOC_FamilyName[0]"] == "Lindqvist"
    assert values[p2 + "Part1_Line7_OtherInformationAboutCompanyOrg_StreetNumberName[0]"] == "500 Market Street"
    # Part 3: the attorney's own contact information; she prepared it herself, so Part 5 stays empty
    assert values[p2 + "P3_Line4_DaytimeTelePhoneNumber[0]"] == "4155550190"
    assert values[p2 + "P3_Line5_MobileTelePhoneNumber[1]"] == "4155550191"  # printed Item 5, fax
    assert values[p2 + "P3_Line6_Email[0]"] == "ines.castellanos@castellanos-reyes.example"
    assert p2 + "P3_Line2_Checkbox[0]" not in values
    assert not [name for name in values if ".P5_" in name]
    assert "Thomas" not in values.values()  # the petitioner's signatory is not the requestor
    assert not [name for name in result.unanswered if ".P5_" in name]  # Part 5 is not asked either
    data["representative"].pop("phone")
    asked = {q.answer_at for q in todo("I-907", data)}
    assert "representative.phone" in asked and not [a for a in asked if "signatory" in a or "preparer" in a]


def test_i907_attorney_of_the_applicant_files_it() -> None:
    data = student()
    data["extra"]["I-907"]["requestor_role"] = "applicant_attorney"
    data["representative"] = {"family_name": "Abernathy-Oyelaran", "given_name": "Grace", "firm": "Oyelaran Law PLLC",
                              "address": {"street": "9 Court Street", "city": "Ithaca", "state": "NY",
                                          "zip_code": "14850"},
                              "phone": "607-555-0199", "email": "grace@oyelaran-law.example"}  # fmt: skip
    data["extra"]["I-907"]["mailing_same_as_physical"] = True
    _, values = fill("I-907", data)
    p0, p1, p2 = (I907.format(n) for n in (0, 1, 2))
    assert values[p1 + "Part1_Line8_CheckBox[1]"] == "D"  # the fourth box: the applicant's attorney
    assert not any(values.get(p1 + f"Part1_Line8_CheckBox[{n}]") for n in (0, 2, 3))
    assert values[p0 + "Pt1Line3_FamilyName[0]"] == "Abernathy-Oyelaran"
    assert p0 + "Part1_Line4_CompanyorOrganizationName[0]" not in values
    assert values[p0 + "Part1_Line5_MailingAddress_StreetNumberName[0]"] == "9 Court Street"
    assert p0 + "#area[0].Pt1Line1_AlienRegistrationNumber[0]" not in values  # the student's A-Number is not hers
    assert values[p1 + "Part2_Line4_PetitionerApplicantFamilyName[0]"] == "Moreau-Lindgren"  # the related applicant
    assert values[p2 + "Part1_Line7_OtherInformationAboutCompanyOrg_StreetNumberName[0]"] == "300 College Avenue"
    assert values[p2 + "P3_Line4_DaytimeTelePhoneNumber[0]"] == "6075550199"
    assert values["form1[0].#subform[0].FormG28Attach[0]"] == "1"


def test_i907_the_petitioner_itself_is_unchanged() -> None:
    _, values = fill("I-907", sample())
    p0, p1, p2 = (I907.format(n) for n in (0, 1, 2))
    assert values[p1 + "Part1_Line8_CheckBox[2]"] == "A"  # the first box
    assert (values[p0 + "Pt1Line3_FamilyName[0]"], values[p0 + "Pt1Line3_GivenName[0]"]) == ("Brennan", "Thomas")
    assert values[p0 + "Part1_Line4_CompanyorOrganizationName[0]"] == "Acme Analytics, Inc."
    assert values[p2 + "P3_Line4_DaytimeTelePhoneNumber[0]"] == "4155550144"
    assert values[p2 + "P3_Line2_Checkbox[0]"]  # the attorney prepared it for the company
    assert values["form1[0].#subform[4].P5_Line1_PreparerFamilyName[0]"] == "Castellanos"


def test_i907_errors_name_item_8_and_say_what_to_write() -> None:
    data = student()
    del data["extra"]["I-907"]["requestor_role"]
    with pytest.raises(FillError) as missing:
        fill("I-907", data)
    message = str(missing.value)
    assert "Part 1" in message and "item 8" in message.lower()
    assert "give extra.I-907.requestor_role (one of: petitioner, petitioner_attorney, applicant," in message
    assert "{%" not in message and "{{" not in message and "==" not in message
    data["extra"]["I-907"]["requestor_role"] = "attorney"
    with pytest.raises(CaseDataError, match=r"requestor_role: I-907 Part 1, Item 8: 'attorney' is not one"):
        fill("I-907", data)
    data["extra"]["I-907"]["requestor_role"] = "applicant_attorney"  # and no representative in the case
    with pytest.raises(FillError) as no_attorney:
        fill("I-907", data)
    message = str(no_attorney.value)
    assert message.endswith("needs a value; give representative.family_name in the case")


# ---- 2. I-765 Item 29: the most recent I-129 notice -----------------------------------------------


def test_i765_item_29_takes_the_most_recent_i129_notice() -> None:
    data = sample()
    data["facts"]["receipt_numbers"] = [
        {"form": "I-129", "number": "WAC2690012345", "notice_type": "receipt", "notice_date": "2026-03-02"},
        {"form": "I-129", "number": "WAC2390123456", "notice_type": "approval", "notice_date": "2023-07-20"},
        {"form": "I-140", "number": "LIN2690055555", "notice_type": "receipt", "notice_date": "2026-05-01"},
    ]
    _, values = fill("I-765", data, "spouse")
    assert values["form1[0].Page3[0].Line28_ReceiptNumber[0]"] == "WAC2690012345"
    data["facts"]["receipt_numbers"][0].pop("notice_date")  # which is newest cannot be told: asked, not guessed
    with pytest.raises(FillError, match=r"I-765 Part 2, Item 29 \(.*\): .*notice_date"):
        fill("I-765", data, "spouse")


# ---- 3. I-765 Item 18: one country per box, the rest in Part 6 -------------------------------------


def test_i765_item_18_one_country_per_box_the_rest_in_part_6() -> None:
    data = sample()
    data["dependents"][0]["citizenship"] = ["Nigeria", "Ireland", "United Kingdom"]
    result, values = fill("I-765", data, "spouse")
    assert values["form1[0].Page2[0].Line17a_CountryOfBirth[0]"] == "Nigeria"
    assert values["form1[0].Page2[0].Line17b_CountryOfBirth[0]"] == "Ireland"
    slot = "form1[0].Page7[0].Pt6Line{}{}[0]"
    slots = [
        (values.get(slot.format(n, "b_PartNumber")), values.get(slot.format(n, "c_ItemNumber"))) for n in (3, 4, 5, 6)
    ]
    assert ("2", "18") in slots
    texts = " ".join(v for k, v in values.items() if "AdditionalInfo" in k)
    assert "United Kingdom" in texts and "United Kingdom" not in values["form1[0].Page2[0].Line17b_CountryOfBirth[0]"]
    assert result.addendum == []


# ---- 4. I-140 Part 6, Item 9: the worksite only when it differs from Part 1 -------------------------

I140_STREET = "form1[0].#subform[3].Line9a_StreetNumberName[0]"


def test_i140_item_9_stays_empty_when_the_worksite_is_the_petitioners_address() -> None:
    data = sample("eb2-vasconcelos.yaml")
    _, values = fill("I-140", data)
    assert values[I140_STREET] == "410 Pier Station Road"  # the sample works elsewhere: given
    # the same place as Part 1, written another way (St./Ste, ZIP+4, state name): left empty, not asked
    data["job"]["worksites"][0].update(street="1750 S.W. Kittredge Ave.", unit_type="ste", unit_number="300",
                                       city="beaverton", state="Oregon", zip_code="97005-1234")  # fmt: skip
    result, values = fill("I-140", data)
    assert not [name for name in values if "Line9" in name and "#subform[3]" in name]
    assert I140_STREET in result.skipped
    assert not [q for q in todo("I-140", data) if (q.part, q.item.split(".")[0]) == ("6", "9")]


# ---- 5. I-864: a box pointing to continued text names where it is ------------------------------------


def test_i864_long_street_points_to_additional_information_where_the_text_is() -> None:
    data = sample("eb2-family-haddad.yaml")
    street = "4417 Northwest Old Cornelius Pass Road"
    data["sponsor"]["mailing_address"]["street"] = street
    result, values = fill("I-864", data)
    assert values["form1[0].#subform[2].P4_Line2b_StreetNumberName[0]"] == "See Add. Info."
    assert result.addendum == []  # the text is in Part 11, not on an addendum sheet
    assert values["form1[0].#subform[26].P11_Line3d_AdditionalInfo[0]"] == street
    assert values["form1[0].#subform[26].P11_Line3c_ItemNumber[0]"] == "2.b"


def test_i864_item_3_same_address_written_another_way_is_the_same() -> None:
    data = sample("eb2-family-haddad.yaml")
    sponsor = data["sponsor"]
    mailing = sponsor["mailing_address"]
    sponsor["physical_address"] = {**mailing, "street": mailing["street"].upper().replace("AVENUE", "AVE.")}
    sponsor["physical_address"]["zip_code"] = mailing["zip_code"] + "-0001"
    _, values = fill("I-864", data)
    assert values.get("form1[0].#subform[2].P4_Line3_Checkbox[1]")  # Yes, the same
    assert "form1[0].#subform[2].P4_Line3_Checkbox[0]" not in values
    assert "form1[0].#subform[2].P4_Line4a_StreetNumberName[0]" not in values


def test_each_pointer_names_where_its_text_went() -> None:
    """With the form's Additional Information part full, one answer is in Part 6 and the next on the addendum
    sheet: each box says which (the small map keeps one Part 6 slot)."""
    data = sample()
    spouse = data["dependents"][0]
    spouse["mailing_address"]["street"] = "4417 Northwest Old Cornelius Pass Road, Building C, Rear Entrance"
    spouse["mailing_address"]["city"] = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    small = str(Path(__file__).parent / "fixtures" / "i-765-small.yaml")
    result = fill_case(prepare(small, FORMS_DIR), parse_case(data, "case.yaml"), "spouse")
    values = reopen_values(result.data)
    on_sheet = {entry.field for entry in result.addendum}
    assert len(result.overflow) == 2 and len(on_sheet) == 1
    for entry in result.overflow:
        shown = values[entry.field]
        assert shown in (("See Addendum", "See Add.") if entry.field in on_sheet else ("See Additional Information",
                         "See Add. Info.", "See Add. Info"))  # fmt: skip


# ---- 7. case todo asks only what applies -------------------------------------------------------------


def test_todo_does_not_ask_the_i94_expiry_of_an_admission_for_duration_of_status() -> None:
    data = sample()
    spouse = data["dependents"][0]
    spouse["i94"].pop("expiry_date")
    asked = {(q.part, q.item) for q in todo("I-539", data, "spouse")}
    assert ("1", "15.b") in asked  # a dated admission without its date is asked
    spouse["i94"]["duration_of_status"] = True
    asked = {(q.part, q.item) for q in todo("I-539", data, "spouse")}
    assert ("1", "15.b") not in asked
    _, values = fill("I-539", data, "spouse")
    assert values["form1[0].#subform[1].P1_Checkbox12c[0]"]
    assert "form1[0].#subform[1].P1_Line12b_DateExpires[0]" not in values


@pytest.mark.parametrize(("form", "preparer_part"), [("I-765", "5"), ("I-539", "7"), ("I-907", "5")])
def test_todo_asks_no_preparer_or_g28_of_a_person_filing_alone(form: str, preparer_part: str) -> None:
    data = sample()
    data.pop("preparer")
    data.pop("representative")
    questions = todo(form, data, "spouse")
    assert not [q for q in questions if q.part == preparer_part and q.item.startswith("7")]
    assert not [q for q in questions if "representative" in q.answer_at or "preparer" in q.answer_at]
    _, values = fill(form, data, "spouse")
    assert not [name for name in values if "G28" in name or name.endswith("CheckBox1[0]")]


def test_i140_person_three_is_not_asked_of_a_family_of_two() -> None:
    data = sample("eb2-vasconcelos.yaml")
    data["dependents"] = data["dependents"][:2]
    asked = {(q.part, q.item.split(".")[0].split("-")[0]) for q in todo("I-140", data)}
    assert not asked & {("7", str(n)) for n in range(13, 19)}
