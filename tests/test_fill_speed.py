"""What makes a one-off ``docgen fill`` fast stays correct: the map cache and the lazily loaded parts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docgen.bundled import bundled_dir
from docgen.errors import MapError
from docgen.forms import fieldmap, mapcache, pdf
from docgen.forms.fill import fill_form

from .conftest import FORMS_DIR, ROOT, SAMPLES
from .pdfcheck import reopen_values

CASE = SAMPLES / "cases" / "h1b-okafor.yaml"


def _fresh(monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    """As a new process would: empty in-memory caches, the given disk cache."""
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(cache))
    fieldmap._cached_map.cache_clear()
    from docgen.forms import fill

    fill._prepare_cached.cache_clear()


def test_a_map_validated_once_is_reused_from_the_cache_and_fills_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fresh(monkeypatch, tmp_path / "cache")
    first = fill_form("I-765", CASE, person="spouse")
    assert len(list((tmp_path / "cache" / "maps").glob("*.bin"))) == 1
    _fresh(monkeypatch, tmp_path / "cache")

    def no_checks(*args: object) -> None:
        raise AssertionError("a cached map's paths were checked again")

    monkeypatch.setattr(fieldmap, "_check_paths", no_checks)
    monkeypatch.setattr(pdf, "load_form", no_checks)  # nor checked against the blank it was validated with
    second = fill_form("I-765", CASE, person="spouse")
    assert reopen_values(second.data) == reopen_values(first.data) and second.values == first.values
    assert (tmp_path / "cache" / "maps").stat().st_mode & 0o777 == 0o700


def test_the_same_map_with_another_blank_is_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "i-765.pdf").write_bytes((FORMS_DIR / "i-765.pdf").read_bytes() + b"\n% another copy\n")
    _fresh(monkeypatch, tmp_path / "cache")
    fill_form("I-765", CASE, person="spouse")
    opened: list[Path] = []
    real = pdf.load_form
    monkeypatch.setattr(pdf, "load_form", lambda path: opened.append(Path(path)) or real(path))
    _fresh(monkeypatch, tmp_path / "cache")
    fill_form("I-765", CASE, person="spouse", forms_dir=forms)
    assert opened == [(forms / "i-765.pdf").resolve()]


def test_an_edited_map_is_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    text = (bundled_dir("form_maps") / "i-765_10-31-22.yaml").read_text(encoding="utf-8")
    (maps / "i-765_10-31-22.yaml").write_text(text, encoding="utf-8")
    _fresh(monkeypatch, tmp_path / "cache")
    fill_form("I-765", CASE, person="spouse", maps_dir=maps)
    broken = text.replace("{{ applicant.family_name }}", "{{ applicant.famly_name }}", 1)
    assert broken != text
    (maps / "i-765_10-31-22.yaml").write_text(broken, encoding="utf-8")
    _fresh(monkeypatch, tmp_path / "cache")
    with pytest.raises(MapError, match=r"'applicant' has no 'famly_name'; did you mean 'applicant.family_name'"):
        fill_form("I-765", CASE, person="spouse", maps_dir=maps)


def test_a_damaged_cache_file_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh(monkeypatch, tmp_path / "cache")
    fill_form("G-1145", CASE, person="spouse")
    (cached,) = (tmp_path / "cache" / "maps").glob("*.bin")
    cached.write_bytes(b"\x00not marshal")
    _fresh(monkeypatch, tmp_path / "cache")
    assert fill_form("G-1145", CASE, person="spouse").values
    monkeypatch.setenv("DOCGEN_CACHE_DIR", "off")
    assert mapcache.cache_dir() is None


def test_standard_font_widths_match_reportlab() -> None:
    from reportlab.pdfbase import pdfmetrics

    from docgen.forms.appearance import _N_WIDTH

    assert {name: pdfmetrics.stringWidth("n", name, 1000) for name in _N_WIDTH} == _N_WIDTH


def test_a_fill_loads_no_ocr_office_packet_or_network_code(tmp_path: Path) -> None:
    args = ["fill", "I-765", "--case", str(CASE), "--for", "spouse", "-o", str(tmp_path / "f.pdf")]
    probe = (
        f"import sys; from docgen.cli import main; code = main({args!r}); "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'docxtpl', 'pdfplumber', 'numpy', "
        "'pypdfium2', 'openpyxl', 'rich', 'magic'} | {m for m in sys.modules if m in ('urllib.request', "
        "'docgen.letters.render', 'docgen.packets.build', 'docgen.notices.ocr')}); print(code, heavy)"
    )
    env = {"PYTHONPATH": str(ROOT), "DOCGEN_FORMS_DIR": str(FORMS_DIR), "DOCGEN_CACHE_DIR": str(tmp_path / "c")}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.split("\n")[-2] == "0 []", result.stdout + result.stderr


def test_listing_maps_reads_only_their_headers_and_agrees_with_a_full_read() -> None:
    from docgen.forms.fieldmap import read_map_head, read_map_header
    from docgen.forms.registry import list_maps

    for entry in list_maps():
        head, full = read_map_head(entry.path), read_map_header(entry.path)
        assert "fields" not in head and "fields" in full
        for key in ("form", "edition", "blank", "title"):
            assert head.get(key) == full.get(key), (entry.path.name, key)


def test_a_prepared_blank_is_reused_from_the_cache_with_its_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blank that holds answers is cleared and warned about, from the cache too (naming this path)."""
    from docgen.forms import fill

    forms = tmp_path / "forms"
    forms.mkdir()
    first = fill_form("G-1145", CASE, person="spouse", forms_dir=FORMS_DIR)
    (forms / "g-1145.pdf").write_bytes(first.data)  # a filled form saved as the blank
    _fresh(monkeypatch, tmp_path / "cache")
    cold = fill_form("G-1145", CASE, person="spouse", forms_dir=forms)
    assert cold.warnings and str(forms / "g-1145.pdf") in cold.warnings[0]

    def no_preparing(*args: object) -> None:
        raise AssertionError("a cached blank was prepared again")

    _fresh(monkeypatch, tmp_path / "cache")
    monkeypatch.setattr(fill, "_make_template", no_preparing)
    warm = fill_form("G-1145", CASE, person="spouse", forms_dir=forms)
    assert warm.warnings == cold.warnings and warm.data == cold.data


def test_a_cache_file_altered_by_one_byte_is_a_miss_never_a_wrong_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A byte flipped on disk inside a kept rule's code (``equals('initial')`` read as ``equals('initiak')``)
    still loads as code: it must be a miss (validated again), never a box left unticked on the form."""
    _fresh(monkeypatch, tmp_path / "cache")
    first = fill_form("I-765", CASE, person="spouse")
    (cached,) = (tmp_path / "cache" / "maps").glob("*.bin")
    data = cached.read_bytes()
    rule = data.index(b"extra.reason | equals('initial')")  # the rule's source, then its code
    at = data.index(b"initial", rule + len(b"extra.reason | equals('initial')"))
    cached.write_bytes(data[:at] + b"initiak" + data[at + len(b"initial") :])
    _fresh(monkeypatch, tmp_path / "cache")
    again = fill_form("I-765", CASE, person="spouse")
    assert again.values == first.values and reopen_values(again.data) == reopen_values(first.data)
