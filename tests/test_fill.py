"""Filling the real I-765 through a small map: values, appearances, overflow, errors."""

from __future__ import annotations

import io
import itertools
import shutil
import stat
from pathlib import Path

import pikepdf
import pytest
import yaml

from docgen.case import load_case
from docgen.cli import main
from docgen.errors import (
    CaseDataError,
    DamagedFileError,
    FillError,
    FormError,
    LockedFileError,
    MapError,
    UnknownPersonError,
)
from docgen.forms.fill import fill_form, item_reference
from docgen.forms.pdf import load_form, read_fields

from .conftest import SAMPLES
from .pdfcheck import button_states, flattened_text, reopen_values, squash

FIXTURES = Path(__file__).parent / "fixtures"
SMALL_MAP = FIXTURES / "i-765-small.yaml"
CASE = SAMPLES / "cases" / "h1b-okafor.yaml"


def edited_case(tmp_path: Path, **changes: object) -> Path:
    """The sample case with some of the spouse's values replaced (``mailing_address__city=...``)."""
    data = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    spouse = data["dependents"][0]
    for dotted, value in changes.items():
        *parents, last = (part.replace("I_765", "I-765") for part in dotted.split("__"))
        node = spouse
        for key in parents:
            node = node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def filled(forms_dir: Path) -> bytes:
    return fill_form(str(SMALL_MAP), CASE, person="spouse", forms_dir=forms_dir).data


def test_values_round_trip(filled: bytes) -> None:
    values = reopen_values(filled)
    assert values["form1[0].Page1[0].Line1a_FamilyName[0]"] == "Okafor"
    assert values["form1[0].Page1[0].Line1b_GivenName[0]"] == "Emeka"
    assert values["form1[0].Page2[0].Line7_AlienNumber[0]"] == "021345679"  # padded A-Number
    assert values["form1[0].Page2[0].Pt2Line5_State[0]"] == "CA"
    assert values["form1[0].Page3[0].Line21_DateOfLastEntry[0]"] == "08/14/2023"
    assert values["form1[0].Page2[0].Line9_Checkbox[1]"] == "Y"  # Male box's own on-state


def test_boxes_use_their_own_on_states(filled: bytes) -> None:
    states = button_states(filled)
    assert states["form1[0].Page1[0].Part1_Checkbox[0]"] == ["1"]
    assert states["form1[0].Page2[0].Line9_Checkbox[1]"] == ["Y"]
    assert states["form1[0].Page2[0].Line9_Checkbox[0]"] == ["Off"]


def test_unanswered_question_is_left_off_and_reported(forms_dir: Path) -> None:
    result = fill_form(str(SMALL_MAP), CASE, person="spouse", forms_dir=forms_dir)
    assert "form1[0].Page2[0].Line19_Checkbox[1]" not in result.unanswered  # answered: No
    principal = fill_form(str(SMALL_MAP), CASE, forms_dir=forms_dir)
    assert "form1[0].Page2[0].Line19_Checkbox[0]" in principal.unanswered  # no I-765 answers for her
    assert button_states(principal.data)["form1[0].Page2[0].Line19_Checkbox[0]"] == ["Off"]


def test_values_visible_without_need_appearances(filled: bytes) -> None:
    text = flattened_text(filled)
    for value in ("Okafor", "Emeka", "Tobenna", "Oakland", "1824 Alder Lane", "08/14/2023", "H-4"):
        assert value in text
    assert "021345679" in squash(text)


def test_xfa_perms_encryption_removed_barcode_kept(filled: bytes, forms_dir: Path) -> None:
    blank = load_form(forms_dir / "i-765.pdf")
    blank_codes = {n: f.default_value for n, f in blank.fields.items() if f.is_barcode}
    blank.pdf.close()
    with pikepdf.open(io.BytesIO(filled)) as pdf:
        assert not pdf.is_encrypted
        assert "/XFA" not in pdf.Root.AcroForm
        assert "/NeedAppearances" not in pdf.Root.AcroForm
        assert "/Perms" not in pdf.Root
    values = reopen_values(filled)
    for name, code in blank_codes.items():
        assert values.get(name) == code and code and code.startswith("I-765|10/31/22|")


def test_output_file_is_private_and_atomic(tmp_path: Path, forms_dir: Path) -> None:
    out = tmp_path / "sub" / "i765.pdf"
    fill_form(str(SMALL_MAP), CASE, person="spouse", output=out, forms_dir=forms_dir)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in out.parent.iterdir()] == ["i765.pdf"]


def test_overflow_uses_part_6_then_an_addendum_and_cuts_nothing(tmp_path: Path, forms_dir: Path) -> None:
    long_street = "4417 Northwest Old Cornelius Pass Road, Building C, Rear Entrance"
    long_city = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    case = edited_case(tmp_path, mailing_address__street=long_street, mailing_address__city=long_city)
    result = fill_form(str(SMALL_MAP), case, person="spouse", forms_dir=forms_dir)
    assert {e.text for e in result.overflow} == {long_street, long_city}
    city, street = result.overflow  # in map order
    assert (city.page, city.part, city.item) == (2, "2", "5.d")
    assert (street.page, street.part, street.item) == (2, "2", "5.b")
    values = reopen_values(result.data)
    assert values["form1[0].Page2[0].Line4b_StreetNumberName[0]"].startswith("See Add")
    assert values["form1[0].Page2[0].Pt2Line5_CityOrTown[0]"].startswith("See Add")
    assert values["form1[0].Page7[0].Pt6Line4d_AdditionalInfo[1]"] == long_city  # the form's own Part 6
    assert values["form1[0].Page7[0].Pt6Line3c_ItemNumber[0]"] == "5.d"
    text = flattened_text(result.data)
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert len(pdf.pages) == 8  # the street continued on a generated sheet
    assert long_street in " ".join(text.split())
    assert long_city in squash(text)
    assert "Page Number: 2 Part Number: 2 Item Number: 5.b" in " ".join(text.split())


def test_too_many_digits_for_comb_boxes_is_an_error(tmp_path: Path, forms_dir: Path) -> None:
    rule = "{{ applicant.a_number | anumber }}"
    small = tmp_path / "i-765-small.yaml"
    small.write_text(SMALL_MAP.read_text(encoding="utf-8").replace(rule, rule + "7"), encoding="utf-8")
    with pytest.raises(FillError) as err:
        fill_form(str(small), CASE, person="spouse", forms_dir=forms_dir)
    message = str(err.value)
    # named as the printed form names it (part, item, the question), never by the PDF field's name
    assert message.startswith(
        "h1b-okafor.yaml: case ACME-2026-0142: I-765 Part 2, Item 8 (Other Information: Alien Registration"
    )
    assert "Line7_AlienNumber" not in message and "form1[0]" not in message
    assert "has 10 characters but the boxes hold 9" in message and "0213456797" not in message


def test_an_a_number_that_is_not_one_is_refused_before_filling(tmp_path: Path, forms_dir: Path) -> None:
    for wrong in ("A2134567901", "A12345678O", "2.1345679e8"):
        case = edited_case(tmp_path, a_number=wrong)
        with pytest.raises(CaseDataError, match=r"dependents\[0\]\.a_number: is not an A-Number") as err:
            fill_form(str(SMALL_MAP), case, person="spouse", forms_dir=forms_dir)
        assert wrong not in str(err.value) and wrong[1:9] not in str(err.value)


def test_character_the_form_cannot_print(tmp_path: Path, forms_dir: Path) -> None:
    case = edited_case(tmp_path, given_name="Łukasz")
    with pytest.raises(FillError, match=r"Part 2, Item 1\.b \(.*Given Name.*\): the character 'Ł' cannot be printed"):
        fill_form(str(SMALL_MAP), case, person="spouse", forms_dir=forms_dir)


def test_accents_are_printed(tmp_path: Path, forms_dir: Path) -> None:
    case = edited_case(tmp_path, given_name="Émeka-José")
    data = fill_form(str(SMALL_MAP), case, person="spouse", forms_dir=forms_dir).data
    assert "Émeka-José" in flattened_text(data)


def test_required_field_missing(tmp_path: Path, forms_dir: Path) -> None:
    fmap = tmp_path / "m.yaml"
    fmap.write_text(
        SMALL_MAP.read_text().replace(
            '"{{ applicant.middle_name }}"', '{value: "{{ applicant.middle_name }}", required: true}'
        )
    )
    fill_form(str(fmap), CASE, forms_dir=forms_dir)  # the principal has a middle name
    case = edited_case(tmp_path, middle_name=None)
    expected = r"Part 2, Item 1\.c \(.*Middle Name\): needs a value; give dependents\[0\]\.middle_name in the case$"
    with pytest.raises(FillError, match=expected):
        fill_form(str(fmap), case, person="spouse", forms_dir=forms_dir)


def test_unknown_person(forms_dir: Path) -> None:
    with pytest.raises(UnknownPersonError, match=r"has no person 'cousin' \(people: principal, spouse\)"):
        fill_form(str(SMALL_MAP), CASE, person="cousin", forms_dir=forms_dir)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "form1[0].Page1[0].Line1b_GivenName[0]:",
            "form1[0].Page1[0].Line1b_GivenNam[0]:",
            r"i-765-bad.yaml:8: no field 'form1\[0\].Page1\[0\].Line1b_GivenNam\[0\]' .*"
            r"did you mean 'form1\[0\].Page1\[0\].Line1b_GivenName\[0\]'",
        ),
        (
            "applicant.given_name",
            "applicant.given_nam",
            r"i-765-bad.yaml:8: 'applicant' has no 'given_nam'; did you mean 'applicant.given_name'",
        ),
        (
            "{check: \"applicant.sex | equals('M')\"}",
            "{check: \"applicant.sex | equals('M')\", stat: Y}",
            r"i-765-bad.yaml:12: .*'stat': unknown key; did you mean 'state'",
        ),
        (
            "{check: \"applicant.sex | equals('M')\"}",
            "{check: \"applicant.sex | equals('M')\", state: 'Yes'}",
            r"i-765-bad.yaml:12: .*has no on-state 'Yes' \(its on-states: 'Y'\)",
        ),
        ("fingerprint: cdf2d2b08bd54f58", "fingerprint: 0000000000000000", r"fields of i-765.pdf differ"),
        (
            '"{{ applicant.given_name }}"',
            '"{{ aplicant.given_name }}"',
            r"'aplicant' is not case data; did you mean 'applicant'",
        ),
        ('"{{ applicant.given_name }}"', '"{{ applicant.given_name "', r"i-765-bad.yaml:8: bad expression"),
        (
            "applicant.given_name }}",
            "applicant.given_name | nosuchfilter }}",
            r"i-765-bad.yaml:8: bad expression .*nosuch",
        ),
        ("applicant.given_name }}", "applicant.given_name.foo }}", r"i-765-bad.yaml:8: 'applicant.given_name' is text"),
    ],
)
def test_bad_maps_are_refused_with_file_and_line(
    tmp_path: Path, forms_dir: Path, old: str, new: str, expected: str
) -> None:
    fmap = tmp_path / "i-765-bad.yaml"
    text = SMALL_MAP.read_text()
    assert old in text
    fmap.write_text(text.replace(old, new, 1))
    with pytest.raises(MapError, match=expected):
        fill_form(str(fmap), CASE, person="spouse", forms_dir=forms_dir)


def test_map_of_another_edition(tmp_path: Path, forms_dir: Path) -> None:
    with pikepdf.open(forms_dir / "i-765.pdf") as pdf:
        for target in read_fields(pdf).values():
            if target.is_barcode:
                target.obj["/V"] = pikepdf.String(str(target.default_value).replace("10/31/22", "08/25/20"))
        other = tmp_path / "forms"
        other.mkdir()
        pdf.save(other / "i-765.pdf")
    with pytest.raises(MapError, match=r"map is for I-765 edition 10/31/22 but i-765.pdf is I-765 edition 08/25/20"):
        fill_form(str(SMALL_MAP), CASE, person="spouse", forms_dir=other)


def test_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "i-765.pdf").write_text("this is a note, not a form")
    with pytest.raises(DamagedFileError, match=r"i-765.pdf: not a PDF file"):
        fill_form(str(SMALL_MAP), CASE, forms_dir=tmp_path)


def test_pdf_with_user_password(tmp_path: Path, forms_dir: Path) -> None:
    with pikepdf.open(forms_dir / "i-765.pdf") as pdf:
        pdf.save(tmp_path / "i-765.pdf", encryption=pikepdf.Encryption(user="secret", owner="o"))
    with pytest.raises(LockedFileError, match=r"i-765.pdf: the PDF needs a password to open"):
        fill_form(str(SMALL_MAP), CASE, forms_dir=tmp_path)


def test_xfa_only_form_is_refused(forms_dir: Path) -> None:
    with pytest.raises(FormError, match=r"i-9-xfa-only.pdf: this is a dynamic XFA-only form"):
        load_form(forms_dir / "i-9-xfa-only.pdf")


def test_missing_blank_says_where_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(FormError, match=r"blank form i-765.pdf not found in .*docgen forms fetch I-765"):
        fill_form(str(SMALL_MAP), CASE, forms_dir=tmp_path)


def test_cli_error_is_one_line_with_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "case.yaml"
    bad.write_text("case_id: X\nbeneficiary: {family_name: D, given_name: J, birth_date: '13/45/1990'}\n")
    code = main(["fill", str(SMALL_MAP), "--case", str(bad), "-o", str(tmp_path / "o.pdf")])
    err = capsys.readouterr().err
    assert code == 3
    expected = "case.yaml: beneficiary.birth_date: the value is not a date (write YYYY-MM-DD or MM/DD/YYYY)"
    assert err.strip() == f"docgen: error: {expected}"
    assert not (tmp_path / "o.pdf").exists()


def test_cli_fill_and_flatten(tmp_path: Path, forms_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "flat.pdf"
    code = main(
        [
            "fill",
            str(SMALL_MAP),
            "--case",
            str(CASE),
            "--for",
            "spouse",
            "-o",
            str(out),
            "--flatten",
            "--forms-dir",
            str(forms_dir),
        ]
    )
    assert code == 0, capsys.readouterr().err
    with pikepdf.open(out) as pdf:
        assert "/AcroForm" not in pdf.Root
    assert "Emeka" in flattened_text(out.read_bytes())


def test_item_reference_from_tooltips() -> None:
    assert item_reference("Part 2. Information About You. Your Full Legal Name. 1. A. Enter Family Name.") == (
        "2",
        "1.a",
    )
    assert item_reference("Part 2. Information About You. Eligibility. 28.C. Enter your E-Verify") == ("2", "28.c")
    assert item_reference("Part 2. Other Information. 15. Consent for Disclosure: I authorize") == ("2", "15")
    tip = "Part 3. Other Names. If you need extra space, use Part 14. Additional Information. 2. A. Family Name."
    assert item_reference(tip) == ("3", "2.a")
    assert item_reference("Part 8. See Item Number 18. for details. 19. Select Yes.") == ("8", "19")


def test_blank_copy_is_not_modified(tmp_path: Path, forms_dir: Path) -> None:
    copy = tmp_path / "i-765.pdf"
    shutil.copy(forms_dir / "i-765.pdf", copy)
    before = copy.read_bytes()
    fill_form(str(SMALL_MAP), CASE, person="spouse", forms_dir=tmp_path)
    assert copy.read_bytes() == before


def test_case_object_api(forms_dir: Path) -> None:
    case = load_case(CASE)
    result = fill_form(str(SMALL_MAP), case, person="spouse", forms_dir=forms_dir)
    assert result.form == "I-765" and result.edition == "10/31/22" and result.data.startswith(b"%PDF")


def test_a_rule_that_breaks_on_this_case_is_a_clear_error(tmp_path: Path, forms_dir: Path) -> None:
    fmap = tmp_path / "m.yaml"
    fmap.write_text(
        SMALL_MAP.read_text().replace('"{{ applicant.given_name }}"', '"{{ extra.unknown_answer.split()[0] }}"')
        + "  unknown_answer: text\n"
    )
    expected = r"Part 2, Item 1\.b \(.*\) \(map m\.yaml:\d+\): .*cannot be worked out from this case \(TypeError"
    with pytest.raises(FillError, match=expected):
        fill_form(str(fmap), CASE, person="spouse", forms_dir=forms_dir)


def test_required_only_when_a_condition_holds(tmp_path: Path, forms_dir: Path) -> None:
    fmap = tmp_path / "m.yaml"
    rule = '{value: "{{ applicant.middle_name }}", required: "extra.reason == \'renewal\'"}'
    fmap.write_text(SMALL_MAP.read_text().replace('"{{ applicant.middle_name }}"', rule))
    case = edited_case(tmp_path, middle_name=None)
    fill_form(str(fmap), case, person="spouse", forms_dir=forms_dir)  # initial: not required
    renewal = edited_case(tmp_path, middle_name=None, extra__I_765__reason="renewal")
    with pytest.raises(FillError, match=r"needs a value"):
        fill_form(str(fmap), renewal, person="spouse", forms_dir=forms_dir)


REPEAT = """
repeats:
  - name: other names used
    items: applicant.other_names
    item: "Part 2, Items 2-4"
    cells:
      family: "{{ it.family_name }}"
      given: "{{ it.given_name }}"
      middle: "{{ it.middle_name }}"
    rows:
      - {family: "form1[0].Page1[0].Line2a_FamilyName[0]", given: "form1[0].Page1[0].Line2b_GivenName[0]",
         middle: "form1[0].Page1[0].Line2c_MiddleName[0]"}
      - {family: "form1[0].Page1[0].Line3a_FamilyName[0]", given: "form1[0].Page1[0].Line3b_GivenName[0]",
         middle: "form1[0].Page1[0].Line3c_MiddleName[0]"}
      - {family: "form1[0].Page1[0].Line3a_FamilyName[1]", given: "form1[0].Page1[0].Line3b_GivenName[1]"}
    overflow: "{{ index }}. {{ it.family_name }}, {{ it.given_name }} {{ it.middle_name }}"
"""


def test_repeating_section_fills_rows_then_continues(tmp_path: Path, forms_dir: Path) -> None:
    fmap = tmp_path / "m.yaml"
    fmap.write_text(SMALL_MAP.read_text() + REPEAT)
    names = [{"family_name": f"Family{i}", "given_name": f"Given{i}", "middle_name": f"M{i}"} for i in range(1, 6)]
    case = edited_case(tmp_path, other_names=names)
    result = fill_form(str(fmap), case, person="spouse", forms_dir=forms_dir)
    values = reopen_values(result.data)
    assert values["form1[0].Page1[0].Line2a_FamilyName[0]"] == "Family1"
    assert values["form1[0].Page1[0].Line3b_GivenName[1]"] == "Given3"
    assert [(e.part, e.item, e.text) for e in result.overflow] == [
        ("2", "2-4", "4. Family4, Given4 M4"),
        ("2", "2-4", "5. Family5, Given5 M5"),
    ]
    assert "4. Family4, Given4 M4" in " ".join(flattened_text(result.data).split())


def test_repeat_cells_are_checked_against_the_list_items(tmp_path: Path, forms_dir: Path) -> None:
    fmap = tmp_path / "m.yaml"
    fmap.write_text(SMALL_MAP.read_text() + REPEAT.replace('it.given_name }}"', 'it.given_nam }}"'))
    with pytest.raises(MapError, match=r"'it' has no 'given_nam'; did you mean 'it.given_name'"):
        fill_form(str(fmap), CASE, person="spouse", forms_dir=forms_dir)


def test_multiline_text_sits_on_the_printed_lines(forms_dir: Path) -> None:
    from docgen.forms.appearance import FontCache, layout_text

    form = load_form(forms_dir / "i-765.pdf")
    target = form.fields["form1[0].Page7[0].Pt6Line4d_AdditionalInfo[1]"]
    widget = target.widgets[0]
    assert round(widget.height) == 180
    layout = layout_text(target, widget, "word " * 40, FontCache(form.pdf))
    assert layout is not None and len(layout.lines) > 1
    baselines = [y for _, y, _ in layout.lines]
    assert all(abs((a - b) - 18.0) < 0.01 for a, b in itertools.pairwise(baselines))
    form.pdf.close()


def test_yes_no_answers_written_as_text_are_read_as_such(tmp_path: Path, forms_dir: Path) -> None:
    case = edited_case(tmp_path, extra__I_765__previously_filed="False")
    states = button_states(fill_form(str(SMALL_MAP), case, person="spouse", forms_dir=forms_dir).data)
    assert states["form1[0].Page2[0].Line19_Checkbox[1]"] == ["Off"]  # Yes box stays off
    assert states["form1[0].Page2[0].Line19_Checkbox[0]"] == ["N"]  # No box is ticked
    odd = edited_case(tmp_path, extra__I_765__previously_filed="maybe")
    with pytest.raises(CaseDataError, match=r"previously_filed: I-765 Part 2, Item 12: 'maybe' is not a yes/no answer"):
        fill_form(str(SMALL_MAP), odd, person="spouse", forms_dir=forms_dir)


def test_a_failing_required_condition_is_the_same_error_in_case_todo_as_in_the_fill(
    tmp_path: Path, forms_dir: Path
) -> None:
    from docgen.case.loader import load_case
    from docgen.forms.todo import questions_for

    text = SMALL_MAP.read_text(encoding="utf-8").replace(
        'Line1c_MiddleName[0]: "{{ applicant.middle_name }}"',
        'Line1c_MiddleName[0]: {value: "{{ applicant.middle_name }}", required: "applicant.family_name > 3"}',
    )
    broken = tmp_path / "i-765-small.yaml"
    broken.write_text(text, encoding="utf-8")
    case_file = edited_case(tmp_path, middle_name=None)
    with pytest.raises(FillError, match="'required' condition failed"):
        fill_form(str(broken), case_file, person="spouse", forms_dir=forms_dir)
    case = load_case(case_file)
    # before: the condition's error was taken as "not required", and the to-answer list came back without it
    expected = r"Part 2, Item 1\.c \(.*Middle Name\): the 'required' condition failed \(TypeError\)"
    with pytest.raises(CaseDataError, match=expected):
        questions_for(case, case.person("spouse"), str(broken), forms_dir=forms_dir)


@pytest.mark.parametrize("char", ["\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_a_line_break_in_a_one_line_box_is_refused_never_shown_as_a_space(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    """A line break (Word's Shift+Enter pastes a vertical tab) in a one-line box was kept in the value and shown
    as a space by viewers: a value changed silently on a government form. One line names it and the fix."""
    case = edited_case(tmp_path, birth_city=f"Onit{char}sha")
    out = tmp_path / "i-765.pdf"
    assert main(["fill", "I-765", "--case", str(case), "--for", "spouse", "-o", str(out)]) == FillError.exit_code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("docgen: error: case.yaml: case ACME-2026-0142: ")
    assert f"I-765 Part 2, Item 19.a (City / Town / Village of Birth): holds a line break ({char!r})" in err, err
    assert "this box takes one line; write the value on one line in the case" in err
    assert "Onit" not in err and "Latin letters" not in err
    assert not out.exists()
