"""Template errors name the unclosed or unbalanced tag and its line as Word shows the document;
`docgen letter new` starts a firm's template from a bundled one, never overwriting."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import docx
import pytest

from docgen.cli import main
from docgen.errors import OutputError, TemplateError, UsageError
from docgen.letters.render import load_template, new_template, render_letter
from docgen.letters.tags import document_lines, tag_problem

from .conftest import SAMPLES

OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"


def _template(folder: Path, name: str, paragraphs: list[str], header: str | None = None) -> Path:
    document = docx.Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Signed"
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["Dear {{ beneficiary.given_name }},", "{%p if facts.premium_processing %}", "Premium.", "Thanks."],
            "body line 2: “{%p if facts.premium_processing %}” is never closed; add {%p endif %} (on a paragraph",
        ),
        (
            ["Hello", "{%p endif %}", "Bye"],
            "body line 2: “{%p endif %}” closes no 'if' (nothing is open there)",
        ),
        (
            ["{%p if facts.premium_processing %}", "{%p for d in job.duties %}", "{{ d.duty }}", "{%p endif %}"],
            "body line 4: “{%p endif %}” closes the 'for' opened at body line 2 (“{%p for d in job.duties %}”); "
            "close that one first with {%p endfor %}",
        ),
        (
            ["Intro", "We ask for {% if facts.premium_processing %}premium processing.", "End"],
            "body line 2 (“We ask for {% if facts.premium_processing %}premium processing.”): "
            "“{% if facts.premium_processing %}” is never closed; add {% endif %} where",
        ),
        (
            ["Hi {{ beneficiary.given_name ", "x"],
            "body line 1 (“Hi {{ beneficiary.given_name ”): “{{” is not closed by “}}” on the same line",
        ),
        (
            ["{%p else %}", "x"],
            "body line 1: “{%p else %}” is not inside an 'for' or 'if' block",
        ),
    ],
)
def test_a_tag_error_names_the_tag_and_its_line(tmp_path: Path, paragraphs: list[str], expected: str) -> None:
    path = _template(tmp_path, "broken", paragraphs)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert expected in message, message


def test_a_header_is_counted_on_its_own(tmp_path: Path) -> None:
    path = _template(tmp_path, "header", ["Body"], header="{%p if representative %}Counsel")
    assert "header 1 line 1 (“{%p if representative %}Counsel”)" in (tag_problem(path.read_bytes()) or "")
    lines = document_lines(path.read_bytes())
    assert [(line.part, line.number, line.text) for line in lines if line.text] == [
        ("body", 1, "Body"),
        ("body", 2, "Signed"),  # a table cell is a line too
        ("header 1", 1, "{%p if representative %}Counsel"),
    ]


def test_the_bundled_templates_balance() -> None:
    for name in ("h1b_support", "l1a_support", "rfe_response", "employment_verification"):
        assert tag_problem(load_template(name).data) is None, name


def test_letter_new_copies_a_template_to_start_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    firm = tmp_path / "letters"
    firm.mkdir()
    assert main(["letter", "new", "acme_support", "--from", "h1b_support", "--templates-dir", str(firm)]) == 0
    copy = firm / "acme_support.docx"
    assert copy.read_bytes() == load_template("h1b_support").data
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert "acme_support.docx: a copy of h1b_support" in capsys.readouterr().out
    # the copy renders like its source, reading the same letter data (extra.h1b_support)
    loaded = load_template("acme_support", firm)
    assert loaded.key == "h1b_support"
    result = render_letter("acme_support", OKAFOR, fmt="docx", templates_dir=firm, date=dt.date(2026, 8, 20))
    assert result.docx
    # never overwritten
    copy.write_bytes(b"edited by the firm")
    assert main(["letter", "new", "acme_support", "--from", "l1a_support", "--templates-dir", str(firm)]) == 12
    assert "already there; nothing was overwritten" in capsys.readouterr().err
    assert copy.read_bytes() == b"edited by the firm"


def test_letter_new_needs_a_folder_and_a_plain_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCGEN_LETTERS_DIR", raising=False)
    with pytest.raises(UsageError, match="--templates-dir DIR or \\$DOCGEN_LETTERS_DIR"):
        new_template("acme", "h1b_support")
    with pytest.raises(UsageError, match="use letters, digits"):
        new_template("../escape", "h1b_support", tmp_path)
    with pytest.raises(TemplateError, match="did you mean 'h1b_support'"):
        new_template("acme", "h1b_suport", tmp_path)
    monkeypatch.setenv("DOCGEN_LETTERS_DIR", str(tmp_path))
    assert new_template("acme", "rfe_response") == tmp_path / "acme.docx"
    with pytest.raises(OutputError):
        new_template("acme", "rfe_response")


def test_cite_pages_adds_the_range_in_a_packet_and_refuses_unknown_exhibits() -> None:
    from docgen.letters.filters import cite_pages
    from docgen.templating import FilterError

    listed = [
        {"id": "A", "title": "Expert opinion", "range": "ACME-000007 to ACME-000011"},
        {"id": "B", "title": "Handbook"},
    ]
    assert (
        cite_pages(["A", "B"], listed) == "Exhibit A (Expert opinion, ACME-000007 to ACME-000011); Exhibit B (Handbook)"
    )
    with pytest.raises(FilterError, match="exhibit 'C' is cited but not in the list"):
        cite_pages("C", listed)
