"""Edition currency: a form on an edition the agency refuses is an error naming the edition to fetch,
when filled and when packed; an explicit acceptance (option, spec, Python) lets it through, noted."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.editions import accepting_editions, check_edition, load_editions
from docgen.errors import FormError, MapError
from docgen.forms.fill import fill_form
from docgen.forms.registry import list_maps
from docgen.packets import build_packet

from .conftest import SAMPLES

CASE = SAMPLES / "cases" / "h1b-okafor.yaml"
pytestmark = pytest.mark.editions_enforced


def test_every_bundled_form_has_an_entry_with_its_source_and_date() -> None:
    editions = load_editions()
    maps = list_maps()
    assert len(maps) >= 9
    for found in maps:
        entry = editions.find(found.form, found.edition)
        assert entry is not None, f"{found.path.name}: no entry in docgen/data/editions/accepted.yaml"
        assert entry.source and dt.date.fromisoformat(entry.checked) and entry.page.startswith("https://")


def test_filling_a_refused_edition_says_which_to_fetch(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(FormError) as caught:
        fill_form("I-539", CASE, person="spouse")
    message = str(caught.value)
    assert "does not accept edition 02/04/19 of Form I-539" in message
    assert "https://www.uscis.gov/i-539" in message and "later editions: 10/15/19, 05/31/22" in message
    assert "--accept-edition" in message

    out = tmp_path / "i539.pdf"
    command = ["fill", "I-539", "--case", str(CASE), "--for", "spouse"]
    assert main([*command, "-o", str(out)]) == 5
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not accept edition 02/04/19" in err[0]
    assert not out.exists()
    assert main([*command, "-o", str(out), "--accept-edition", "02/04/19"]) == 0
    assert out.exists()
    assert "edition 02/04/19 is not accepted by USCIS; filled because --accept-edition" in capsys.readouterr().err
    # accepting another edition is no acceptance of this one
    other = tmp_path / "other.pdf"
    assert main([*command, "-o", str(other), "--accept-edition", "05/31/22"]) == 5
    # written as batch and packet take it (it was read as an edition named "I-539=02/04/19" and refused)
    assert main([*command, "-o", str(other), "--accept-edition", "I-539=02/04/19"]) == 0
    assert main([*command, "-o", str(other), "--accept-edition", "I-765=02/04/19"]) == 5


def test_an_acceptance_date_turns_into_an_error_the_day_after(tmp_path: Path) -> None:
    firm = tmp_path / "maps"
    (firm / "editions").mkdir(parents=True)
    (firm / "editions" / "accepted.yaml").write_text(
        textwrap.dedent(
            """\
            forms:
              I-765:
                page: https://www.uscis.gov/i-765
                editions:
                  "10/31/22": {accepted: "yes", until: 2024-06-03, source: "firm memo 2024-03", checked: 2024-03-15}
            """
        ),
        encoding="utf-8",
    )
    entry = check_edition("I-765", "10/31/22", maps_dir=firm, day=dt.date(2024, 6, 3))
    assert entry is not None and entry.origin.endswith("editions/accepted.yaml")
    with pytest.raises(FormError, match=r"does not accept edition 10/31/22 of Form I-765 after 2024-06-03"):
        check_edition("I-765", "10/31/22", maps_dir=firm, day=dt.date(2024, 6, 4))
    with pytest.raises(FormError, match="firm memo"):
        fill_form("I-765", CASE, person="spouse", maps_dir=firm)
    # the bundled entry, unconfirmed, lets the fill go on
    assert fill_form("I-765", CASE, person="spouse").edition == "10/31/22"


def test_a_firm_file_without_its_source_is_refused(tmp_path: Path) -> None:
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "accepted.yaml").write_text(
        'forms:\n  I-765:\n    editions:\n      "10/31/22": {accepted: "yes", checked: 2026-01-01}\n', encoding="utf-8"
    )
    with pytest.raises(MapError, match=r"I-765 edition 10/31/22: no 'source:'"):
        load_editions(tmp_path)


def _spec(folder: Path, parts: str) -> Path:
    spec = folder / "packet.yaml"
    spec.write_text(
        f"kind: filing\ncase: {CASE}\nindex: false\nparts:\n{parts}"
        "checks:\n  not_enclosed:\n"
        "    - {item: marriage:spouse, reason: test}\n    - {item: i94:spouse, reason: test}\n"
        "    - {item: principal-status, reason: test}\n",
        encoding="utf-8",
    )
    return spec


def test_packing_a_refused_edition_stops_the_build_unless_the_spec_accepts_it(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "  - form: I-539\n    for: spouse\n")
    with pytest.raises(FormError, match=r"packet.yaml:\d+: .*does not accept edition 02/04/19 of Form I-539"):
        build_packet(spec, tmp_path / "out.pdf", checks="warn")
    assert not (tmp_path / "out.pdf").exists()

    spec = _spec(
        tmp_path,
        "  - form: I-539\n    for: spouse\n"
        "    accept_edition: {edition: 02/04/19, reason: counsel confirmed a grace period}\n",
    )
    result = build_packet(spec, tmp_path / "out.pdf", checks="warn")
    note = "Form I-539 edition 02/04/19 is not accepted by USCIS; packed as accepted: counsel confirmed a grace period"
    assert note in result.notes


def test_a_filled_form_brought_as_a_document_is_checked_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with accepting_editions({"I-539": "02/04/19"}):
        filled = fill_form("I-539", CASE, person="spouse", flatten=True)
    (tmp_path / "signed-i539.pdf").write_bytes(filled.data)
    spec = _spec(tmp_path, "  - {document: signed-i539.pdf, title: Signed Form I-539}\n")
    out = tmp_path / "out.pdf"
    assert main(["packet", "build", str(spec), "-o", str(out), "--warn-only"]) == 5
    err = capsys.readouterr().err
    assert "signed-i539.pdf" in err and "does not accept edition 02/04/19 of Form I-539" in err
    assert main(["packet", "build", str(spec), "-o", str(out), "--warn-only", "--accept-edition", "i539=02/04/19"]) == 0
    assert "packed as accepted on the command line" in capsys.readouterr().out
    assert main(["packet", "build", str(spec), "-o", str(tmp_path / "x.pdf"), "--accept-edition", "02/04/19"]) == 2


def test_packet_editions_lists_every_form_with_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packet", "editions"]) == 0
    out = capsys.readouterr().out
    assert "I-539  02/04/19  not accepted" in " ".join(out.split("  ")) or "not accepted" in out
    assert "ETA-9089" in out and "I-765" in out and "not confirmed" in out
