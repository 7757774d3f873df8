"""Shipped data lives in the package; a firm's own maps and letters layer over it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from docgen.bundled import bundled_dir
from docgen.cli import main
from docgen.errors import MapError, TemplateError
from docgen.forms.registry import find_map, list_maps
from docgen.letters import list_templates, render_letter
from docgen.letters.render import template_path

from .conftest import SAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
PAF_MEMOS = {
    f"paf_{name}"
    for name in ("actual_wage_system", "benefits", "exempt_workers", "notice", "prevailing_wage", "wage_rate")
}
BUNDLED_LETTERS = {"employment_verification", "h1b_support", "l1a_support", "rfe_response", *PAF_MEMOS}


def test_bundled_data_is_inside_the_package() -> None:
    package = Path(__import__("docgen").__file__).parent
    for name in ("form_maps", "letter_templates", "notices", "efiling"):
        folder = bundled_dir(name)
        assert folder.is_relative_to(package) and any(folder.iterdir()), name
    assert {e.form for e in list_maps()} >= {"I-765", "I-485", "ETA-9089"}
    assert set(list_templates()) == BUNDLED_LETTERS


@pytest.fixture
def firm_letters(tmp_path: Path) -> Path:
    """A firm's folder: one letter of its own, and its own wording of the H-1B support letter."""
    folder = tmp_path / "firm-letters"
    folder.mkdir()
    verification = bundled_dir("letter_templates") / "employment_verification.docx"
    shutil.copy(verification, folder / "firm_welcome.docx")
    shutil.copy(verification, folder / "h1b_support.docx")
    return folder


def test_a_firm_letters_folder_adds_to_and_overrides_the_bundled_set(firm_letters: Path) -> None:
    assert set(list_templates(firm_letters)) == BUNDLED_LETTERS | {"firm_welcome"}
    assert template_path("h1b_support", firm_letters) == firm_letters / "h1b_support.docx"
    assert template_path("rfe_response", firm_letters) == bundled_dir("letter_templates") / "rfe_response.docx"
    # the firm's h1b_support is its own wording (here the verification letter), not the bundled letter
    options = {"data": SAMPLES / "letters" / "h1b-okafor.yaml", "date": "2026-06-15"}
    case = SAMPLES / "cases" / "h1b-okafor.yaml"
    firm = render_letter("h1b_support", case, templates_dir=firm_letters, **options)  # type: ignore[arg-type]
    bundled = render_letter("h1b_support", case, **options)  # type: ignore[arg-type]
    verification = render_letter("employment_verification", case, **options)  # type: ignore[arg-type]
    assert text(firm.docx) == text(verification.docx) != text(bundled.docx)


def text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_the_letters_folder_from_the_environment_layers_too(
    firm_letters: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCGEN_LETTERS_DIR", str(firm_letters))
    assert main(["letter", "list"]) == 0
    assert capsys.readouterr().out.split() == sorted(BUNDLED_LETTERS | {"firm_welcome"})


def test_a_missing_user_folder_is_an_error_not_a_silent_fallback(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"no-such: no such folder"):
        list_templates(tmp_path / "no-such")
    with pytest.raises(MapError, match=r"no-such: no such folder"):
        list_maps(tmp_path / "no-such")


def test_a_firm_maps_folder_overrides_by_name_and_by_edition(tmp_path: Path) -> None:
    small = (FIXTURES / "i-765-small.yaml").read_text(encoding="utf-8")
    by_name, by_edition = tmp_path / "by-name", tmp_path / "by-edition"
    by_name.mkdir()
    by_edition.mkdir()
    (by_name / "i-765_10-31-22.yaml").write_text(small, encoding="utf-8")
    (by_edition / "our-i765.yaml").write_text(small, encoding="utf-8")
    bundled_forms = {e.form for e in list_maps()}
    for folder, name in ((by_name, "i-765_10-31-22.yaml"), (by_edition, "our-i765.yaml")):
        entries = list_maps(folder)
        assert {e.form for e in entries} == bundled_forms  # nothing lost
        assert [e.path for e in entries if e.form == "I-765"] == [folder / name]
        assert find_map("I-765", folder).path == folder / name
    assert find_map("I-485", by_name).path.parent == bundled_dir("form_maps")


def test_forms_list_says_which_maps_are_yours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "i-765_10-31-22.yaml").write_text((FIXTURES / "i-765-small.yaml").read_text(), encoding="utf-8")
    assert main(["forms", "list", "--maps-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if f"(from {tmp_path})" in line] == [
        line for line in lines if line.startswith("I-765 ")
    ]
    assert any(line.startswith("I-485 ") and "(from" not in line for line in lines)


def test_the_demo_outside_the_checkout_says_where_the_samples_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOCGEN_SAMPLES_DIR", raising=False)
    assert main(["demo", "--out-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("docgen: error: samples: no demo plan") and "--samples" in err and err.count("\n") == 1


def test_the_one_off_template_builder_never_overwrites(tmp_path: Path) -> None:
    """The DOCX files are the source of truth (edited in Word); the old builder refuses to write over any file."""
    import runpy

    edited = tmp_path / "h1b_support.docx"
    edited.write_bytes(b"edited in Word")
    builder = runpy.run_path(str(Path(__file__).parents[1] / "scripts" / "build_letter_templates.py"))
    assert builder["main"](["--out-dir", str(tmp_path)]) == 1
    assert edited.read_bytes() == b"edited in Word" and [p.name for p in tmp_path.iterdir()] == ["h1b_support.docx"]
