"""The green-card family: I-485, I-131, I-864 and ETA-9089 maps, the new case sections, ``case todo``.

Round trip and flattened text of every demo job are in ``test_maps.py``; here:
the repeating sections fill the form's rows and continue (Additional
Information part, then the addendum sheet) when the case has more; unanswered
yes/no questions stay empty and are listed by ``docgen case todo``; the new
case sections are validated; the scaffold's suggestions for these forms.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

from docgen.bundled import bundled_dir
from docgen.case import load_case
from docgen.case.loader import parse_case
from docgen.cli import main
from docgen.errors import CaseDataError, MapError, UnknownPersonError
from docgen.forms.fieldmap import load_map
from docgen.forms.fill import fill_form
from docgen.forms.pdf import load_form
from docgen.forms.scaffold import suggest
from docgen.forms.todo import case_questions

from .conftest import SAMPLES
from .pdfcheck import button_states, flattened_text, reopen_values, squash

CASE = SAMPLES / "cases" / "eb2-family-haddad.yaml"
P3 = "form1[0].#subform[4]."
P14 = "form1[0].#subform[19]."


def case_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    return data


def write_case(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def address(n: int) -> dict[str, Any]:
    return {"street": f"{n} Test Street", "city": "Lyon", "postal_code": f"6900{n}", "country": "France",
            "date_from": f"20{10 + n:02d}-01-01", "date_to": f"20{10 + n:02d}-12-31"}  # fmt: skip


@pytest.fixture(scope="module")
def principal_i485(forms_dir: Path) -> Any:
    return fill_form("I-485", CASE, person="principal", forms_dir=forms_dir)


def test_address_history_fills_two_rows_then_part_14(principal_i485: Any) -> None:
    values = reopen_values(principal_i485.data)
    assert values[P3 + "Pt3Line5_StreetNumberName[0]"] == "2210 NE 62nd Street"
    assert values[P3 + "Pt3Line6b_Date[0]"] == "Present"
    assert values[P3 + "Pt3Line7_CityOrTown[0]"] == "Bellevue"
    assert values[P3 + "Pt3Line8b_DateTo[0]"] == "09/04/2023"
    # Items 9-10: the most recent address abroad that is not one of the first two rows.
    assert values[P3 + "Pt3Line9_CityOrTown[0]"] == "Toronto"
    history = [e for e in principal_i485.overflow if e.item == "5-8"]
    assert [e.text.split(",")[0] for e in history] == ["88 Harbour Street APT 2405", "14 Rue Abdel Aziz"]
    assert values[P14 + "Pt14Line5b_PartNumber[0]"] == "3" and values[P14 + "Pt14Line5c_ItemNumber[0]"] == "5-8"
    assert values[P14 + "Pt14Line5d_AdditionalInfo[0]"].startswith("88 Harbour Street APT 2405, Toronto, Ontario")
    assert not principal_i485.addendum


def test_employment_history_keeps_the_most_recent_foreign_job_off_item_19(principal_i485: Any) -> None:
    values = reopen_values(principal_i485.data)
    assert values["form1[0].#subform[5].Pt3Line4a_EmployerName[0]"] == "Lakeshore Structures Ltd."
    assert "form1[0].#subform[5].Pt3Line19_EmployerName[0]" not in values  # Lakeshore (abroad) is listed above
    assert [e.item for e in principal_i485.overflow if e.text.startswith("Cedar Span")] == ["11-18"]


def test_long_address_history_continues_on_the_addendum(tmp_path: Path, forms_dir: Path) -> None:
    data = case_data()
    data["beneficiary"]["address_history"] = [address(n) for n in range(1, 9)]
    result = fill_form("I-485", write_case(tmp_path, data), person="principal", forms_dir=forms_dir)
    history = [e.text for e in result.overflow if e.item == "5-8"]
    assert len(history) == 6  # eight addresses, two rows
    values = reopen_values(result.data)
    assert values[P3 + "Pt3Line5_StreetNumberName[0]"] == "1 Test Street"
    assert P3 + "Pt3Line9_StreetNumberName[0]" not in values  # the most recent address abroad is row 1
    text = squash(flattened_text(result.data))
    for entry in result.overflow:
        assert squash(entry.text) in text  # nothing cut: on the form's Part 14 or the addendum sheet
    assert result.addendum and squash("8 Test Street") in text


def test_children_continue_past_three_rows(tmp_path: Path, forms_dir: Path) -> None:
    data = case_data()
    child = data["dependents"][1]
    for n, name in enumerate(["Maya", "Karim Jr", "Yara"]):
        data["dependents"].append({**child, "id": f"child{n}", "given_name": name, "birth_date": f"201{6 + n}-01-01"})
    result = fill_form("I-485", write_case(tmp_path, data), person="principal", forms_dir=forms_dir)
    values = reopen_values(result.data)
    assert values["form1[0].#subform[7].Pt6Line1_TotalChildren[0]"] == "4"
    assert values["form1[0].#subform[8].Pt6Line12b_GivenName[0]"] == "Karim Jr"
    assert [e.text.split(";")[0] for e in result.overflow if e.item == "2-16"] == ["Haddad, Yara"]


def test_a_child_lists_no_children_and_a_single_person_no_spouse(forms_dir: Path) -> None:
    result = fill_form("I-485", CASE, person="daughter", forms_dir=forms_dir)
    values = reopen_values(result.data)
    assert values["form1[0].#subform[7].Pt6Line1_TotalChildren[0]"] == "0"
    assert "form1[0].#subform[7].Pt6Line2a_FamilyName[0]" not in values
    states = button_states(result.data)
    assert states["form1[0].#subform[6].Pt5Line2_YNNA[2]"] == ["A"]  # spouse in the armed forces: N/A
    assert states["form1[0].#subform[6].Pt5Line10_YN[1]"] == ["Off"]
    # The derivative's principal (Part 2 items 5-9) is the beneficiary.
    assert values["form1[0].#subform[3].Pt2Line5b_GivenName[0]"] == "Karim"


def test_unanswered_background_question_stays_empty_never_no(forms_dir: Path) -> None:
    result = fill_form("I-485", CASE, person="spouse", forms_dir=forms_dir)
    states = button_states(result.data)
    item25 = ["form1[0].#subform[9].Pt8Line25_YesNo[0]", "form1[0].#subform[9].Pt8Line25_YesNo[1]"]
    assert [states[n] for n in item25] == [["Off"], ["Off"]]
    assert set(item25) <= set(result.unanswered)
    assert states["form1[0].#subform[9].Pt8Line26_YesNo[0]"] == ["N"]  # an answered "No"


def test_todo_lists_the_question_left_unanswered() -> None:
    case = load_case(CASE)
    rows = case_questions(case, ["I-485", "I-131"], case.people())
    arrested = [r for r in rows if r.answer_at == "applicant.background.arrested"]
    assert [(r.person, r.form, r.part, r.item) for r in arrested] == [("spouse", "I-485", "8", "25")]
    assert arrested[0].question.startswith("Ever arrested")
    assert not [r for r in rows if r.person == "principal"]  # the principal's questionnaire is complete


def test_todo_does_not_ask_follow_ups_that_do_not_apply(tmp_path: Path) -> None:
    data = case_data()
    data["beneficiary"]["background"]["j1_two_year_requirement"] = True  # now 24.b and 24.c apply
    del data["beneficiary"]["background"]["j1_requirement_complied"]
    del data["beneficiary"]["background"]["j1_waiver_granted"]
    case = load_case(write_case(tmp_path, data))
    items = {r.item for r in case_questions(case, ["I-485"]) if r.form == "I-485" and r.part == "8"}
    assert items == {"24.b", "24.c"}
    data["beneficiary"]["background"]["j1_two_year_requirement"] = False  # they do not apply
    case = load_case(write_case(tmp_path, data))
    assert not [r for r in case_questions(case, ["I-485"]) if r.part == "8"]


def test_todo_cli_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["case", "todo", str(CASE), "--forms", "I-485", "--for", "spouse"]) == 0
    out = capsys.readouterr().out
    assert "dependents[0] (spouse) > background > arrested" in out and "1 question(s) still to answer" in out
    assert main(["case", "todo", str(CASE), "--forms", "I-485,I-131", "--all", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["case"] == "CASCADIA-2026-0077"
    assert {q["answer_at"] for q in data["questions"]} == {"applicant.background.arrested"}


def test_todo_cli_mistakes_are_one_line_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["case", "todo", str(CASE), "--forms", "I-485", "--for", "cousin"]) == UnknownPersonError.exit_code
    err = capsys.readouterr().err
    assert "has no person 'cousin' (people: principal, spouse, daughter)" in err and len(err.splitlines()) == 1
    # the same problem, the same code, from another command
    assert main(["fill", "I-485", "--case", str(CASE), "--for", "cousin", "-o", "x.pdf"]) == 3
    assert "has no person 'cousin'" in capsys.readouterr().err
    assert main(["case", "todo", str(CASE), "--forms", "I-485", "--for", "spouse", "--all"]) == 2


BASE = {"case_id": "T-1", "beneficiary": {"family_name": "Doe", "given_name": "Jan", "birth_date": "1990-01-01"}}


def person(**fields: Any) -> dict[str, Any]:
    return {**BASE, "beneficiary": {**BASE["beneficiary"], **fields}}


def test_background_ids_come_from_the_data_file() -> None:
    with pytest.raises(CaseDataError, match=r"beneficiary.background.arested: unknown key; did you mean 'arrested'"):
        parse_case(person(background={"arested": False}), "t.yaml")
    case = parse_case(person(background={"arrested": False}), "t.yaml")
    dumped = case.beneficiary.model_dump()["background"]
    assert dumped["arrested"] is False and dumped["denied_visa"] is None  # unanswered stays None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"biographic": {"height_inches": 12}},
            r"beneficiary.biographic.height_inches: 12: .*less than or equal to 11",
        ),
        ({"biographic": {"eye_color": "violet"}}, r"beneficiary.biographic.eye_color: 'violet' is not one of"),
        ({"biographic": {"race": ["martian"]}}, r"beneficiary.biographic.race\[0\]: 'martian' is not one of"),
        ({"address_history": [{"street": "x", "date_from": "2020-13-01"}]}, r"address_history\[0\].date_from"),
        ({"marriage": {"date": "2020-01-01"}}, r"beneficiary.marriage.spouse: is required but missing"),
        ({"entries": [{"manner": "swam"}]}, r"beneficiary.entries\[0\].manner: 'swam' is not one of"),
    ],
)
def test_new_sections_are_validated(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(CaseDataError, match=message):
        parse_case(person(**fields), "t.yaml")


def test_sponsor_is_validated() -> None:
    with pytest.raises(CaseDataError, match=r"sponsor.basis: 'uncle' is not one of"):
        parse_case({**BASE, "sponsor": {"family_name": "K", "given_name": "S", "basis": "uncle"}}, "t.yaml")
    with pytest.raises(CaseDataError, match=r"sponsor.household.dependent_children: -1"):
        sponsor = {"family_name": "K", "given_name": "S", "household": {"dependent_children": -1}}
        parse_case({**BASE, "sponsor": sponsor}, "t.yaml")


def test_i864_adds_up_household_and_income(forms_dir: Path) -> None:
    values = reopen_values(fill_form("I-864", CASE, forms_dir=forms_dir).data)
    assert values["form1[0].#subform[2].P3_Line28_TotalNumberofImmigrants[0]"] == "3"
    assert values["form1[0].#subform[3].Override[0]"] == "7"  # 3 sponsored + sponsor + spouse + 2 children
    assert values["form1[0].#subform[4].P6_Line15_TotalHouseholdIncome[0]"] == "196500.00"
    assert values["form1[0].#subform[0].P1_Line1c_InterestIn[0]"] == "Cascadia Bridgeworks, Inc."


def test_eta9089_edition_is_guarded_by_the_fingerprint(tmp_path: Path, forms_dir: Path) -> None:
    """The DOL form has no bar code to read an edition from: the field set's fingerprint guards it."""
    eta = bundled_dir("form_maps") / "eta-9089_05-31-21.yaml"
    assert load_map(eta, forms_dir / "eta-9089.pdf").edition == "05/31/2021"
    with pikepdf.open(forms_dir / "eta-9089.pdf") as pdf:  # another version: a field renamed
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.get("/T")) == "Text2")
        field.T = pikepdf.String("D1_MiddleInitial")
        pdf.save(tmp_path / "eta-9089.pdf")
    with pytest.raises(
        MapError, match=r"map is for ETA-9089 edition 05/31/2021 \(fields 1a78846150ac2c44\) but .* differ"
    ):
        load_map(eta, tmp_path / "eta-9089.pdf")
    with pytest.raises(
        MapError, match=r"map is for ETA-9089 edition 05/31/2021 but i-907.pdf is I-907 edition 04/01/24"
    ):
        load_map(eta, forms_dir / "i-907.pdf")


def test_eta9089_radio_groups_take_the_answers_on_states(forms_dir: Path) -> None:
    states = button_states(fill_form("ETA-9089", CASE, forms_dir=forms_dir).data)
    assert states["Group_C9"] == ["Y", "Off"]  # familial relationship: Yes
    assert states["education_minimum"][4] == "masters "
    assert states["Group_Ie.24"] == ["Off", "Off", "na"]  # no bargaining representative
    assert states["Group_J.23"] == ["0", "Off"]  # employed by the petitioner, worked out from experience


@pytest.mark.parametrize(
    ("pdf", "field", "path"),
    [
        ("i-485.pdf", "form1[0].#subform[5].Pt4Line1b_GivenName[0]", "applicant.parents[0].given_name"),
        ("i-485.pdf", "form1[0].#subform[6].Pt4Line13_CityTown[0]", "applicant.parents[1].birth_city"),
        ("i-485.pdf", "form1[0].#subform[6].Pt5Line7_Date[0]", "applicant.marriage.date"),
        ("i-485.pdf", "form1[0].#subform[1].Pt1Line12_State[0]", "applicant.mailing_address.state"),
        ("i-485.pdf", "form1[0].#subform[0].Pt1Line2a_FamilyName[0]", None),  # other names: a repeat
        ("i-485.pdf", "form1[0].#subform[5].Pt3Line16_CityOrTown[0]", None),  # employment history: a repeat
        ("i-864.pdf", "form1[0].#subform[2].P4_Line4c_CityOrTown[0]", "case.sponsor.physical_address.city"),
        ("i-131.pdf", "form1[0].P5[0].Part2_Line4_CityTown[0]", "applicant.physical_address.city"),
    ],
)
def test_scaffold_reads_sub_headings(forms_dir: Path, pdf: str, field: str, path: str | None) -> None:
    form = load_form(forms_dir / pdf)
    suggestion = suggest(form.fields[field])
    form.pdf.close()
    assert (suggestion.path if suggestion else None) == path


def test_family_packet_puts_each_persons_forms_in_filing_order(tmp_path: Path, forms_dir: Path) -> None:
    from docgen.packets.build import build_packet

    result = build_packet(SAMPLES / "packets" / "eb2-family.yaml", tmp_path / "eb2-family.pdf", forms_dir=forms_dir)
    titles = [s["title"] for s in result.manifest["sections"]]
    assert [t.split(" (")[0] for t in titles[:5]] == [
        "Form G-1145",
        "Form I-485",
        "Form I-864, Affidavit of Support",
        "Form I-765",
        "Form I-131, advance parole",
    ]
    assert titles[-1] == "Receipt notice of the principal's Form I-140"  # the evidence after the forms
    assert [t for t in titles if t.startswith("Form I-485")] == [
        "Form I-485 (Karim E. Haddad, principal)",
        "Form I-485 (Nour Haddad, derivative spouse)",
        "Form I-485 (Lina Haddad, derivative child)",
    ]
    assert "LIN2612345678" in squash(flattened_text((tmp_path / "eb2-family.pdf").read_bytes()))
