"""Review s12 (reved12): a new user's sheets through ``docgen case import`` (real CSV/XLSX files, the real CLI)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml

from docgen.batch.sources import flatten_case

ROOT = Path(__file__).resolve().parents[1]


def _rows() -> list[list[str]]:
    data = yaml.safe_load((ROOT / "samples/cases/h1b-okafor.yaml").read_text(encoding="utf-8"))
    flat = flatten_case(data)
    keys = list(flat)
    return [keys, [flat[k] for k in keys]]


def _import(sheet: Path, to: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "docgen", "case", "import", str(sheet), "--to", str(to)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_cases_in_the_second_tab_are_named_not_reported_as_no_cases(tmp_path: Path) -> None:
    """Fault: a workbook whose cases sit in a second tab said only 'no cases found'."""
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active["A1"] = "see the other tab"
    cases = book.create_sheet("Cases")
    for row in _rows():
        cases.append(row)
    book.save(tmp_path / "staff.xlsx")
    done = _import(tmp_path / "staff.xlsx", tmp_path / "cases")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "'Cases'" in done.stderr and "first tab" in done.stderr, done.stderr
    assert not list((tmp_path / "cases").glob("*.yaml")) if (tmp_path / "cases").exists() else True


def test_a_title_row_above_the_header_is_named(tmp_path: Path) -> None:
    """Fault: a merged title row above the header gave only 'N value(s) beyond the last named column'."""
    book = openpyxl.Workbook()
    sheet = book.active
    rows = _rows()
    sheet.append(["Employee data"] + [""] * (len(rows[0]) - 1))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "staff.xlsx")
    done = _import(tmp_path / "staff.xlsx", tmp_path / "cases")
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert "first row is the header" in done.stderr, done.stderr
    assert not list((tmp_path / "cases").glob("*.yaml"))


def test_passport_with_spaces_and_dates_three_ways_are_not_guessed(tmp_path: Path) -> None:
    """Checked, not a fault: a passport number with spaces and a date in words are refused per row, never guessed."""
    rows = _rows()
    keys = rows[0]
    bad = dict(zip(keys, rows[1], strict=True))
    bad["case_id"] = "R-2"
    bad["beneficiary.passport.number"] = "X 123 4567"
    bad["beneficiary.birth_date"] = "4 March 1990"
    with (tmp_path / "staff.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(keys)
        out.writerow(rows[1])
        out.writerow([bad[k] for k in keys])
    done = _import(tmp_path / "staff.csv", tmp_path / "cases")
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert "staff.csv row 3" in done.stderr and "passport.number" in done.stderr and "birth_date" in done.stderr
    assert [p.name for p in (tmp_path / "cases").glob("*.yaml")] == ["ACME-2026-0142.yaml"]


@pytest.mark.parametrize("name", ["staff.xlsx", "staff.txt"])
def test_a_file_that_is_not_a_sheet_is_one_line(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"%PDF-1.7\nnot a sheet\n")
    done = _import(tmp_path / name, tmp_path / "cases")
    assert done.returncode in (2, 3) and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and name in done.stderr


def test_a_second_row_of_a_case_id_is_named_even_when_the_first_is_bad(tmp_path: Path) -> None:
    """Fault: when the first row of a case id did not validate, a second row of that id was written silently."""
    rows = _rows()
    keys = rows[0]
    bad = dict(zip(keys, rows[1], strict=True))
    bad["beneficiary.passport.number"] = "X 123 4567"
    with (tmp_path / "staff.csv").open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(keys)
        out.writerow([bad[k] for k in keys])
        out.writerow(rows[1])
    done = _import(tmp_path / "staff.csv", tmp_path / "cases")
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert "staff.csv row 3: case_id 'ACME-2026-0142' is also the case_id of staff.csv row 2" in done.stderr, (
        done.stderr
    )
    assert not list((tmp_path / "cases").glob("*.yaml"))


def test_a_passport_number_typed_as_a_number_in_xlsx_is_refused(tmp_path: Path) -> None:
    """Fault: an XLSX numeric passport cell (Excel drops a leading zero: 012345678 -> 12345678) was imported as is."""
    rows = _rows()
    keys = rows[0]
    row: list[object] = list(rows[1])
    row[keys.index("beneficiary.passport.number")] = 12345678
    book = openpyxl.Workbook()
    book.active.append(keys)
    book.active.append(row)
    book.save(tmp_path / "staff.xlsx")
    done = _import(tmp_path / "staff.xlsx", tmp_path / "cases")
    assert done.returncode == 3 and "Traceback" not in done.stderr
    assert "staff.xlsx row 2: beneficiary.passport.number: typed as a number" in done.stderr, done.stderr
    assert not list((tmp_path / "cases").glob("*.yaml"))
