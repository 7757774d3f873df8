"""Review of session 13: does the dashboard name the same owner as ``docgen deadlines`` for the same deadline,
after the owner changes and after a case's id changes (its old id's deadlines "case file missing")?

Real case files, a real SQLite docket written by ``mailroom ingest``, the dashboard's CSV export compared with the
command line's CSV, row by row."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _cli_owners(docket: Path, capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, str, str, str], str]:
    capsys.readouterr()
    assert main(["deadlines", "--docket", str(docket), "--format", "csv", "--within", "90d"]) == 0
    rows = csv.DictReader(io.StringIO(capsys.readouterr().out))
    return {(r["due"], r["case_id"], r["person"], r["kind"]): r["owner"] for r in rows}


def _page_owners(client: Any) -> dict[tuple[str, str, str, str], str]:
    export = client.get("/dashboard/export/deadlines.csv").content.decode("utf-8-sig")
    rows = csv.DictReader(io.StringIO(export))
    return {(r["due"], r["case_id"], r["person"], r["kind"]): r["owner"] for r in rows}


def _ingest(tmp_path: Path, folder: Path, docket: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(folder)]) == 0


def test_the_dashboard_names_the_owner_docgen_deadlines_names(
    tmp_path: Path, settings: Any, client_for: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fault: the dashboard read the owner from the case files only, so a deadline whose case file is gone (the
    case's id changed in the file, or on the page) showed no owner at all where ``docgen deadlines`` named the one
    the docket recorded, and a case file naming no one showed a blank where the command line says "no owner"."""
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("h1b-okafor.yaml", "eb2-family-haddad.yaml"):
        shutil.copy(SAMPLES / "cases" / name, folder / name)
    docket = tmp_path / "docket.sqlite"
    settings.CASES_DIR = folder
    settings.DOCKET_PATH = docket
    _ingest(tmp_path, folder, docket)
    client = client_for("specialist")

    okafor = folder / "h1b-okafor.yaml"
    okafor.write_text(
        okafor.read_text(encoding="utf-8").replace("owner: Maja Lindqvist", "owner: Tomás Ferreira"), encoding="utf-8"
    )
    _ingest(tmp_path, folder, docket)  # the owner changed, recorded
    cli = _cli_owners(docket, capsys)
    assert {owner for (_, case_id, _, _), owner in cli.items() if case_id == "ACME-2026-0142"} == {"Tomás Ferreira"}
    assert {owner for (_, case_id, _, _), owner in cli.items() if case_id == "CASCADIA-2026-0077"} == {"no owner"}
    page = _page_owners(client)
    assert {k: page[k] for k in cli} == cli

    # the case's id changed in its file: the old id's deadlines are flagged "case file missing", owner as recorded
    okafor.write_text(
        okafor.read_text(encoding="utf-8").replace("case_id: ACME-2026-0142", "case_id: ACME-2026-0142-B"),
        encoding="utf-8",
    )
    _ingest(tmp_path, folder, docket)
    cli = _cli_owners(docket, capsys)
    missing = {k: owner for k, owner in cli.items() if k[1] == "ACME-2026-0142"}
    assert missing and set(missing.values()) == {"Tomás Ferreira"}
    page = _page_owners(client)
    assert {k: page[k] for k in cli} == cli
    dashboard = client.get("/dashboard/").content.decode()
    row = dashboard.split('data-attention="case-file-missing"', 1)[1].split("</tr>", 1)[0]
    assert row.endswith("<td>Tomás Ferreira</td>"), row


def test_a_copy_left_beside_a_case_file_does_not_change_the_owner_the_dashboard_shows(
    tmp_path: Path, settings: Any, client_for: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", folder / "h1b-okafor.yaml")
    docket = tmp_path / "docket.sqlite"
    settings.CASES_DIR = folder
    settings.DOCKET_PATH = docket
    _ingest(tmp_path, folder, docket)
    text = (folder / "h1b-okafor.yaml").read_text(encoding="utf-8")
    copy = text.replace("owner: Maja Lindqvist", "owner: Tomás Ferreira")
    (folder / "h1b-okafor-copy.yaml").write_text(copy, encoding="utf-8")
    cli = _cli_owners(docket, capsys)
    assert {owner for key, owner in cli.items() if key[1] == "ACME-2026-0142"} == {"Maja Lindqvist"}
    page = _page_owners(client_for("specialist"))
    assert {k: page.get(k) for k in cli} == cli
