"""Case files load into the model; mistakes give one-line errors naming file and path."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.case import load_case
from docgen.errors import CaseDataError

from .conftest import SAMPLES


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


BASE = """case_id: T-1
beneficiary:
  family_name: Doe
  given_name: Jan
  birth_date: {birth}
"""


def test_sample_loads() -> None:
    case = load_case(SAMPLES / "cases" / "h1b-okafor.yaml")
    assert case.beneficiary.family_name == "Okafor"
    assert case.person("spouse").given_name == "Emeka"
    assert str(case.job.wage.amount) == "168500" if case.job and case.job.wage else False


def test_us_date_accepted(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, BASE.format(birth="04/17/1990")))
    assert case.beneficiary.birth_date.isoformat() == "1990-04-17"


def test_impossible_date_names_file_path_and_value(tmp_path: Path) -> None:
    with pytest.raises(CaseDataError) as err:
        load_case(write(tmp_path, BASE.format(birth="'13/45/1990'")))
    assert str(err.value).startswith("case.yaml: beneficiary.birth_date: the value is not a date")
    assert "1990" not in str(err.value)  # a birth date is never repeated in a message


def test_bad_iso_date_is_not_a_yaml_crash(tmp_path: Path) -> None:
    with pytest.raises(CaseDataError, match=r"beneficiary.birth_date: the value is not a date"):
        load_case(write(tmp_path, BASE.format(birth="1990-13-45")))


def test_unknown_key_suggests(tmp_path: Path) -> None:
    text = BASE.format(birth="1990-01-01") + "  famly_name: X\n"
    with pytest.raises(CaseDataError, match=r"beneficiary.famly_name: unknown key; did you mean 'family_name'"):
        load_case(write(tmp_path, text))


def test_missing_required(tmp_path: Path) -> None:
    with pytest.raises(CaseDataError, match=r"beneficiary.given_name: is required but missing"):
        load_case(write(tmp_path, "case_id: T\nbeneficiary: {family_name: D, birth_date: 1990-01-01}\n"))


def test_norway_stays_a_country(tmp_path: Path) -> None:
    text = BASE.format(birth="1990-01-01") + "  birth_country: NO\n"
    assert load_case(write(tmp_path, text)).beneficiary.birth_country == "Norway"  # not false; the name forms print


def test_identity_numbers_are_not_repeated_in_messages(tmp_path: Path) -> None:
    text = BASE.format(birth="1990-01-01") + "  ssn: [512349876]\n"
    with pytest.raises(CaseDataError) as err:
        load_case(write(tmp_path, text))
    assert "beneficiary.ssn: must be text in quotes" in str(err.value) and "512349876" not in str(err.value)


def test_an_i129_basis_typo_suggests_the_value(tmp_path: Path) -> None:
    """A typo in facts.basis used to drop the change-of-employer wording of the support letter silently."""
    text = BASE.format(birth="1990-01-01") + "facts:\n  classification: H-1B\n  basis: change-of-employer\n"
    with pytest.raises(
        CaseDataError,
        match=r"facts.basis: 'change-of-employer': is not an I-129 basis; did you mean "
        r"'change_of_employer'\?",
    ):
        load_case(write(tmp_path, text))
    fine = BASE.format(birth="1990-01-01") + "facts:\n  classification: EB-2\n  basis: PERM labor certification\n"
    assert load_case(write(tmp_path, fine)).facts.basis == "PERM labor certification"  # not an I-129: free text


def test_a_fixed_value_typo_suggests_the_value(tmp_path: Path) -> None:
    text = BASE.format(birth="1990-01-01") + "  sex: f\n"
    with pytest.raises(CaseDataError, match=r"beneficiary.sex: 'f' is not one of 'M', 'F' or 'X'; did you mean 'F'\?"):
        load_case(write(tmp_path, text))


def test_the_names_maps_may_use_are_the_names_every_fill_and_letter_gets() -> None:
    from docgen.case.context import build_context
    from docgen.case.loader import load_case
    from docgen.case.paths import ROOTS

    case = load_case(SAMPLES / "cases" / "h1b-okafor.yaml")
    assert set(build_context(case, case.beneficiary, "I-129")) == set(ROOTS)
