"""A new user's trial (session 11): a global-mobility manager at a 300-person company (Fjord Systems, fictional)
tracking her assignees' families, and immigration counsel batch-filling their forms. Every name, number and date
here is invented. Each test is one thing they tripped on; the faults not fixed this round are strict xfails with
the reason, so they stay visible. The workspace's pages are tested in ``tests/web/test_trial_s11_web.py``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.cli import main

from .conftest import FORMS_DIR, SAMPLES

FAMILY = SAMPLES / "cases" / "eb2-family-haddad.yaml"


def _fill(cases: Path, out: Path, *extra: str) -> list[str]:
    return [
        "batch",
        "fill",
        "I-485",
        "--cases",
        str(cases),
        "--out-dir",
        str(out),
        "--forms-dir",
        str(FORMS_DIR),
        *extra,
    ]


@pytest.fixture
def family(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(FAMILY, cases)
    return cases


def test_a_batch_for_the_spouse_never_replaces_the_principal_s_form_of_the_same_name(
    family: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counsel fills the family's I-485s into one folder, one person per run: with the default pattern the spouse's
    run would have written ``CASE_I-485.pdf`` over the principal's (maybe the copy filed), without a word."""
    out = tmp_path / "out"
    assert main(_fill(family, out, "--for", "principal")) == 0, capsys.readouterr().err
    (form,) = out.glob("*_I-485.pdf")
    principal = form.read_bytes()
    capsys.readouterr()
    assert main(_fill(family, out, "--for", "spouse")) == 12
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{form.name} (holds principal's, this run fills spouse's)" in err
    assert "--pattern '{case_id}_{form}_{person}.{ext}'" in err
    assert form.read_bytes() == principal  # untouched
    # the principal again (named by id or as the beneficiary) is the same person's form: replaced as asked
    assert main(_fill(family, out, "--for", "beneficiary")) == 0, capsys.readouterr().err
    # the spouse under her own names goes ahead, and is then her file
    assert main(_fill(family, out, "--for", "spouse", "--pattern", "{case_id}_{form}_{person}.{ext}")) == 0
    assert (out / form.name.replace("_I-485.pdf", "_I-485_spouse.pdf")).exists()
    capsys.readouterr()
    # the spouse named by her place in the list is still the spouse
    assert main(_fill(family, out, "--for", "dependents[0]")) == 12
    assert "(holds principal's, this run fills spouse's)" in capsys.readouterr().err
