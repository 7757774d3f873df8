"""The tools to build maps: inspect, scaffold, check, list, fetch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.errors import FormError
from docgen.forms import registry
from docgen.forms.fieldmap import coverage, load_map
from docgen.forms.pdf import load_form
from docgen.forms.scaffold import scaffold_map

FIXTURES = Path(__file__).parent / "fixtures"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_inspect_json_lists_every_field_with_full_names(forms_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["forms", "inspect", str(forms_dir / "i-765.pdf"), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["form"] == "I-765" and data["edition"] == "10/31/22" and data["xfa"] is True
    fields = {f["name"]: f for f in data["fields"]}
    assert len(fields) == 170
    a_number = fields["form1[0].Page2[0].Line7_AlienNumber[0]"]
    assert (a_number["kind"], a_number["max_len"], a_number["comb"], a_number["page"]) == ("text", 9, True, 2)
    assert fields["form1[0].Page2[0].Pt2Line5_Unit[2]"]["on_states"] == [" APT "]
    assert fields["form1[0].Page1[0].Line1a_FamilyName[0]"]["tooltip"].startswith("Part 2. Information About You.")
    assert "AL" in fields["form1[0].Page2[0].Pt2Line5_State[0]"]["options"]


def test_inspect_table(forms_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["forms", "inspect", str(forms_dir / "g-1145.pdf")], capsys)
    assert code == 0 and "G-1145 edition 09/26/14" in out and "form1[0].#subform[0].LastName[0]" in out


def test_inspect_xfa_only_is_a_clear_error(forms_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["forms", "inspect", str(forms_dir / "i-9-xfa-only.pdf")], capsys)
    assert code == 5 and "dynamic XFA-only form" in err and "Traceback" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("pdf", ["i-765.pdf", "i-140.pdf", "i-485.pdf", "eta-9089.pdf"])
def test_scaffold_is_a_loadable_map_in_form_order(tmp_path: Path, forms_dir: Path, pdf: str) -> None:
    form = load_form(forms_dir / pdf)
    text = scaffold_map(form, pdf)
    path = tmp_path / "draft.yaml"
    path.write_text(text)
    fmap = load_map(path, forms_dir / pdf)  # every suggestion names real case data
    pages = [int(line.split()[1][1:]) for line in text.splitlines() if line.startswith("  # p")]
    assert pages == sorted(pages)
    assert "REVIEW" in text or pdf == "eta-9089.pdf"
    cov = coverage(fmap, form)
    assert 0 < cov.data_fields <= len(form.fields)
    form.pdf.close()


def test_scaffold_suggests_paths_from_tooltips(forms_dir: Path) -> None:
    form = load_form(forms_dir / "i-765.pdf")
    text = scaffold_map(form, "i-765.pdf")
    form.pdf.close()
    assert '"form1[0].Page1[0].Line1a_FamilyName[0]": "{{ applicant.family_name }}"  # REVIEW' in text
    assert '"form1[0].Page2[0].Line7_AlienNumber[0]": "{{ applicant.a_number | anumber }}"  # REVIEW' in text
    assert 'PDF417BarCode1[0]": "bar code' in text


def test_map_check_prints_coverage(forms_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["map", "check", str(FIXTURES / "i-765-small.yaml"), "--forms-dir", str(forms_dir), "--show-unmapped"], capsys
    )
    assert code == 0
    assert "OK, I-765 edition 10/31/22: fills 18 of" in out
    assert "unmapped: form1[0].Page1[0].Line2a_FamilyName[0]  [Part 2, Item 2.a (Family Name" in out


def test_forms_list_shows_missing_blanks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "i-765_10-31-22.yaml").write_text((FIXTURES / "i-765-small.yaml").read_text())
    code, out, _ = run(["forms", "list", "--maps-dir", str(maps), "--forms-dir", str(tmp_path)], capsys)
    assert code == 0 and "I-765" in out and "MISSING (docgen forms fetch I-765)" in out


def test_fetch_offline_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "USCIS_FORM_URL", "http://127.0.0.1:9/{slug}.pdf")
    with pytest.raises(FormError, match=r"I-765: could not download .*check the internet connection"):
        registry.fetch_form("i765", tmp_path, timeout=5)
    assert not list(tmp_path.iterdir())


def test_scaffold_never_writes_over_a_map_someone_worked_on(
    tmp_path: Path, forms_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rerunning the README's ``docgen map scaffold i-129.pdf -o my-maps/i-129.yaml`` replaced the map its user had
    spent hours completing (a map counted as "an earlier output of the same kind"). A map is an input, like a case
    file: refused, the file untouched; a new name works."""
    blank = str(forms_dir / "g-1145.pdf")
    draft = tmp_path / "g-1145_09-26-14.yaml"
    code, _, _ = run(["map", "scaffold", blank, "-o", str(draft)], capsys)
    assert code == 0
    rule = '"form1[0].#subform[0].LastName[0]": '
    worked = draft.read_text(encoding="utf-8").replace(f'  # {rule}""', f'  {rule}"{{{{ applicant.family_name }}}}"')
    assert worked != draft.read_text(encoding="utf-8")
    draft.write_text(worked, encoding="utf-8")
    code, _, err = run(["map", "scaffold", blank, "-o", str(draft)], capsys)
    assert code == 12
    assert err.strip() == (
        f"docgen: error: {draft}: is a field map (maybe completed by hand); docgen will not overwrite it; "
        "choose another output name"
    )
    assert draft.read_text(encoding="utf-8") == worked
    bundled = tmp_path / "bundled.yaml"
    maps = Path(registry.__file__).parents[1] / "data" / "form_maps"
    bundled.write_bytes((maps / "g-1145_09-26-14.yaml").read_bytes())
    assert run(["map", "scaffold", blank, "-o", str(bundled)], capsys)[0] == 12
    assert run(["map", "scaffold", blank, "-o", str(tmp_path / "fresh.yaml")], capsys)[0] == 0
