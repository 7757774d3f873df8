"""Review of session 13: case owners as the CLI tells them (the HTML digest, a docket moved by export/import).

Real case files, a real ingest (which records every case file's owner in the docket), real SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom.docket import open_docket

from .conftest import SAMPLES, NewDocket

TODAY = dt.date(2026, 9, 1)  # the Okafors' I-94s end 2026-09-30: due within 30 days, not within the digest's 14


class _Cells(html.parser.HTMLParser):
    """The text of each table row of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _cases(folder: Path, owners: dict[str, str | None]) -> Path:
    """Copies of the sample cases, the owner of each case file (by file name) set, or removed with None."""
    cases = folder / "cases"
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    okafor = cases / "h1b-okafor.yaml"
    text = okafor.read_text(encoding="utf-8")
    assert "  owner: Maja Lindqvist\n" in text
    owner = owners.get("h1b-okafor.yaml", "Maja Lindqvist")
    okafor.write_text(
        text.replace("  owner: Maja Lindqvist\n", f"  owner: {owner}\n" if owner else ""), encoding="utf-8"
    )
    return cases


def _ingest(folder: Path, docket: str, cases: Path) -> None:
    inbox = folder / "inbox"
    inbox.mkdir(exist_ok=True)
    assert main(["mailroom", "ingest", str(inbox), "--docket", docket, "--cases", str(cases)]) == 0


def test_the_html_digest_names_each_deadlines_owner_as_the_text_digest_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fault: the text digest said "(Maja Lindqvist)" after each deadline, the HTML digest (the one sent by mail)
    named no owner at all, nor "no owner" for a case file naming no one."""
    cases = _cases(tmp_path, {"h1b-okafor.yaml": "Maja <Lindqvist> & Co"})
    docket = str(tmp_path / "docket.sqlite")
    _ingest(tmp_path, docket, cases)
    capsys.readouterr()
    day = TODAY + dt.timedelta(days=20)  # the I-94s due in 9 days
    text_out, html_out = tmp_path / "digest.txt", tmp_path / "digest.html"
    assert main(["deadlines", "digest", "--docket", docket, "--today", day.isoformat(), "-o", str(text_out)]) == 0
    html_args = ["deadlines", "digest", "--docket", docket, "--today", day.isoformat(), "--format", "html"]
    assert main([*html_args, "-o", str(html_out)]) == 0
    text = text_out.read_text(encoding="utf-8")
    assert "ACME-2026-0142 (Maja <Lindqvist> & Co)" in text
    page = html_out.read_text(encoding="utf-8")
    assert "Maja &lt;Lindqvist&gt; &amp; Co" in page  # escaped, never markup
    cells = _Cells()
    cells.feed(page)
    acme = [row for row in cells.rows if "ACME-2026-0142" in row]
    assert len(acme) == text.count("ACME-2026-0142 (")
    assert acme and all("Maja <Lindqvist> & Co" in row for row in acme)
    cascadia = [row for row in cells.rows if "CASCADIA-2026-0077" in row]
    assert cascadia and all("no owner" in row for row in cascadia)  # the Haddads' file names no one


def test_the_html_digest_says_owner_not_recorded_for_a_case_the_docket_has_not_synced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = _cases(tmp_path, {})
    docket = str(tmp_path / "docket.sqlite")
    _ingest(tmp_path, docket, cases)
    with sqlite3.connect(docket) as db:  # as a docket upgraded to schema 10 holds it before the case's next sync
        db.execute("DELETE FROM case_owners WHERE case_id='ACME-2026-0142'")
    out = tmp_path / "digest.html"
    day = TODAY + dt.timedelta(days=20)
    html_args = ["deadlines", "digest", "--docket", docket, "--today", day.isoformat(), "--format", "html"]
    assert main([*html_args, "-o", str(out)]) == 0
    cells = _Cells()
    cells.feed(out.read_text(encoding="utf-8"))
    acme = [row for row in cells.rows if "ACME-2026-0142" in row]
    assert acme and all("owner not recorded" in row for row in acme)


def test_export_and_import_carry_each_cases_owner(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fault: the export left the case_owners table out, so a docket moved to PostgreSQL (or back) said "owner not
    recorded" for every case until the next ingest. Both ways, on both backends."""
    cases = _cases(tmp_path, {"h1b-okafor.yaml": "Maja Lindqvist"})
    source = new_docket(tmp_path / "a")
    (tmp_path / "a").mkdir()
    _ingest(tmp_path, source, cases)
    with open_docket(source, create=False) as docket:
        owners = docket.case_owners()
    assert owners["ACME-2026-0142"] == "Maja Lindqvist" and owners["CASCADIA-2026-0077"] == ""
    export = tmp_path / "docket.jsonl"
    assert main(["docket", "export", source, "-o", str(export)]) == 0
    target = new_docket(tmp_path / "b")
    (tmp_path / "b").mkdir()
    assert main(["docket", "import", str(export), "--docket", target]) == 0
    with open_docket(target, create=False) as docket:
        assert docket.case_owners() == owners
    capsys.readouterr()
    assert main(["deadlines", "--docket", target, "--today", TODAY.isoformat(), "--within", "60d"]) == 0
    table = capsys.readouterr().out
    assert "Maja Lindqvist" in table and "owner not recorded" not in table
    # a docket holding owners only is not empty: an import into it is refused, nothing added
    only_owners = new_docket(tmp_path / "c")
    (tmp_path / "c").mkdir()
    with open_docket(only_owners) as docket, docket.transaction() as tx:
        tx.record_case_owner("OTHER-1", "Someone")
    assert main(["docket", "import", str(export), "--docket", only_owners]) == 11
    assert "case_owners" in capsys.readouterr().err
    with open_docket(only_owners, create=False) as docket:
        assert docket.case_owners() == {"OTHER-1": "Someone"}


def test_an_export_made_before_owners_were_exported_still_imports(tmp_path: Path) -> None:
    """An export written by the docgen before this fix (no case_owners lines, none in its first line) imports as
    before: the owners come at the next ingest."""
    cases = _cases(tmp_path, {})
    docket = str(tmp_path / "docket.sqlite")
    _ingest(tmp_path, docket, cases)
    export = tmp_path / "docket.jsonl"
    assert main(["docket", "export", docket, "-o", str(export)]) == 0
    lines = export.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["rows"].pop("case_owners", None)
    old = [json.dumps(header)] + [line for line in lines[1:] if json.loads(line)["table"] != "case_owners"]
    old_export = tmp_path / "old.jsonl"
    old_export.write_text("\n".join(old) + "\n", encoding="utf-8")
    target = str(tmp_path / "new.sqlite")
    assert main(["docket", "import", str(old_export), "--docket", target]) == 0
    with open_docket(target, create=False) as opened:
        assert opened.case_owners() == {}


def test_an_export_row_the_docket_cannot_take_is_named_by_its_line_and_nothing_is_imported(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fault: a row of an edited or damaged export that the database refuses (an owner emptied to null, a column no
    docket has) was said as "another run recorded this first ...; run the command again" or "the docket file is
    damaged ...; restore it from a backup" (exit 11), about the new, empty docket. It names the export's line."""
    cases = _cases(tmp_path, {})
    docket = str(tmp_path / "docket.sqlite")
    _ingest(tmp_path, docket, cases)
    export = tmp_path / "docket.jsonl"
    assert main(["docket", "export", docket, "-o", str(export)]) == 0
    lines = export.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if '"Maja Lindqvist"' in line)
    for change in ('"owner": null', '"owner": "Maja", "colour": "red"'):
        damaged = tmp_path / "damaged.jsonl"
        edited = [line.replace('"owner": "Maja Lindqvist"', change) for line in lines]
        damaged.write_text("\n".join(edited) + "\n", encoding="utf-8")
        target = new_docket(tmp_path / "t")
        (tmp_path / "t").mkdir(exist_ok=True)
        capsys.readouterr()
        assert main(["docket", "import", str(damaged), "--docket", target]) == 2
        err = capsys.readouterr().err
        assert f"damaged.jsonl: line {number}: a case_owners row the docket cannot take" in err, err
        assert "restore it from a backup" not in err and "another run" not in err
        with open_docket(target, create=False) as opened:  # all or nothing
            assert not opened.deadlines_due() and not opened.case_owners()


def test_the_file_a_copy_is_named_after_stands_for_the_case() -> None:
    """Two files carry one case id: the one named after the case id stands; else the one every other's name holds
    (a copy is named after its original, sorting before or after it); else the first in the folder's order."""
    from docgen.case.loader import standing_files

    assert standing_files([("a/GM-1-copy.yaml", "GM-1"), ("a/GM-1.yaml", "GM-1")]) == {"GM-1": "a/GM-1.yaml"}
    pairs = [("c/h1b-okafor-copy.yaml", "X-9"), ("c/h1b-okafor.yaml", "X-9"), ("c/Copy of h1b-okafor.yaml", "X-9")]
    assert standing_files(pairs) == {"X-9": "c/h1b-okafor.yaml"}
    assert standing_files([("d/one.yaml", "Y"), ("d/two.yaml", "Y")]) == {"Y": "d/one.yaml"}
