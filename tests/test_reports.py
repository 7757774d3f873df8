"""Reports over real case files: expirations, status, HRIS; written as CSV and XLSX and read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from docgen.cli import main
from docgen.compliance.export import Report, text_of, to_csv, to_xlsx
from docgen.compliance.reports import (
    HRIS_FIELDS,
    expirations_report,
    hris_report,
    load_cases,
    load_mapping,
    stage_of,
    status_report,
)
from docgen.errors import CaseDataError, UsageError
from docgen.yamlio import load_yaml_file
from samples.reports.generate_cases import write_cases

ROOT = Path(__file__).resolve().parents[1]
OKAFOR = ROOT / "samples" / "cases" / "h1b-okafor.yaml"
TODAY = dt.date(2026, 6, 1)


def write_variant(folder: Path, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    data = json.loads(json.dumps(load_yaml_file(OKAFOR, CaseDataError)))
    change(data)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def read_xlsx(path: Path) -> tuple[list[str], list[list[Any]]]:
    book = load_workbook(path, read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    header = [str(h) for h in rows[0]]
    # an empty cell at a row's end is not written (Excel and openpyxl alike): read back as None
    return header, [r + [None] * (len(header) - len(r)) for r in rows[1:]]


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"

    def ead(data: dict[str, Any]) -> None:
        data["case_id"] = "ACME-2026-0200"
        data["facts"]["owner"] = "Ravi Menon"
        data["dependents"][0]["ead"] = {"category": "(c)(26)", "expiry_date": "2026-07-15"}
        data["beneficiary"]["advance_parole"] = {"expiry_date": "2026-05-20"}
        data["beneficiary"]["i94"]["expiry_date"] = "2028-01-31"
        data["dependents"][0]["i94"]["expiry_date"] = "2028-01-31"

    write_variant(folder, "a.yaml", lambda d: None)
    write_variant(folder, "b.yaml", ead)
    return folder


def test_expirations_within_the_window_with_action_and_owner(cases: Path) -> None:
    report = expirations_report(load_cases(cases).cases, within=180, today=TODAY)
    got = [(r["expires"], r["case_id"], r["person"], r["document"]) for r in report.rows]
    assert got == [
        (dt.date(2026, 5, 20), "ACME-2026-0200", "principal", "Advance parole"),
        (dt.date(2026, 7, 15), "ACME-2026-0200", "spouse", "EAD (Form I-766)"),
        (dt.date(2026, 9, 30), "ACME-2026-0142", "principal", "I-94 (authorized stay)"),
        (dt.date(2026, 9, 30), "ACME-2026-0142", "spouse", "I-94 (authorized stay)"),
    ]
    parole, ead, i94 = report.rows[0], report.rows[1], report.rows[2]
    assert parole["days_left"] == -12 and parole["action"].startswith("OVERDUE: ")
    assert "Form I-9 (Supplement B)" in ead["action"] and ead["owner"] == "Ravi Menon"
    assert ead["start_by"] == dt.date(2026, 1, 16) and ead["classification"] == "H-4"
    assert i94["employee_id"] == "E-10482" and i94["name"] == "Chidera Ngozi Okafor"
    assert len(expirations_report(load_cases(cases).cases, within=30, today=TODAY).rows) == 1


def test_expirations_round_trip_through_csv_and_xlsx(cases: Path, tmp_path: Path) -> None:
    csv_path, xlsx_path = tmp_path / "exp.csv", tmp_path / "exp.xlsx"
    base = ["report", "expirations", "--cases", str(cases), "--within", "180", "--today", "2026-06-01"]
    assert main([*base, "--format", "csv", "-o", str(csv_path)]) == 0
    assert main([*base, "--format", "xlsx", "-o", str(xlsx_path)]) == 0
    expected = expirations_report(load_cases(cases).cases, within=180, today=TODAY)
    assert read_csv(csv_path) == [{c: text_of(r[c]) for c in expected.columns} for r in expected.rows]
    header, rows = read_xlsx(xlsx_path)
    assert header == expected.columns
    back = [
        {c: (v.date() if isinstance(v, dt.datetime) else v) for c, v in zip(header, row, strict=True)} for row in rows
    ]
    assert back == expected.rows
    assert (csv_path.stat().st_mode & 0o777) == 0o600


def test_status_groups_with_median_and_longest(tmp_path: Path) -> None:
    folder = tmp_path / "cases"

    def dated(case_id: str, status: str, filed: str | None, receipt: str | None, decision: str | None) -> None:
        def change(data: dict[str, Any]) -> None:
            data["case_id"] = case_id
            data["facts"].update(status=status, filed_date=filed, receipt_date=receipt, decision_date=decision)

        write_variant(folder, f"{case_id}.yaml", change)

    dated("A1", "approved", "2026-01-01", "2026-01-11", "2026-03-01")
    dated("A2", "approved", "2026-01-01", "2026-01-21", "2026-02-10")
    dated("A3", "approved", "2026-02-01", "2026-02-09", "2026-02-19")
    dated("R1", "rfe received", "2026-03-01", "2026-03-15", None)
    dated("D1", "preparing", None, None, None)
    dated("F1", "mailed", "2026-05-01", None, None)
    report = status_report(load_cases(folder).cases)
    rows = {(r["classification"], r["stage"]): r for r in report.rows}
    assert [r["stage"] for r in report.rows] == ["drafting", "filed", "rfe", "approved"]
    approved = rows[("H-1B", "approved")]
    assert approved["cases"] == 3 and approved["case_ids"] == "A1 A2 A3"
    assert (approved["median_days_to_receipt"], approved["longest_days_to_receipt"]) == (10, 20)
    assert (approved["median_days_to_decision"], approved["longest_days_to_decision"]) == (20, 49)
    assert rows[("H-1B", "rfe")]["median_days_to_receipt"] == 14
    assert rows[("H-1B", "drafting")]["median_days_to_receipt"] is None
    out = tmp_path / "status.csv"
    assert main(["report", "status", "--cases", str(folder), "--format", "csv", "-o", str(out)]) == 0
    assert read_csv(out)[3]["median_days_to_decision"] == "20"


def test_stage_from_the_mailroom_status_words(tmp_path: Path) -> None:
    loaded = load_cases(
        write_variant(tmp_path / "c", "a.yaml", lambda d: d["facts"].update(status="biometrics scheduled")).parent
    )
    assert stage_of(loaded.cases[0]) == "receipted"


def test_hris_mapping_names_the_columns_and_formats_dates(cases: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "workday.yaml"
    mapping.write_text(
        "people: employees\n"
        'date_format: "%m/%d/%Y"\n'
        "columns:\n"
        "  Worker_ID: employee_id\n"
        "  Last_Name: family_name\n"
        "  First_Name: given_name\n"
        "  Visa_Type: classification\n"
        "  I94_End: i94_expiry\n"
        "  Passport_Expiration: passport_expiry\n"
        "  EAD_End: ead_expiry\n"
        "  Case_Reference: case_id\n",
        encoding="utf-8",
    )
    out = tmp_path / "hris.csv"
    assert main(["report", "hris", "--cases", str(cases), "--mapping", str(mapping), "-o", str(out)]) == 0
    rows = read_csv(out)
    assert rows[0] == {
        "Worker_ID": "E-10482",
        "Last_Name": "Okafor",
        "First_Name": "Chidera",
        "Visa_Type": "H-1B",
        "I94_End": "09/30/2026",
        "Passport_Expiration": "02/09/2031",
        "EAD_End": "",
        "Case_Reference": "ACME-2026-0142",
    }
    assert len(rows) == 2  # employees only


def test_hris_everyone_round_trips_through_xlsx_with_text_kept_as_text(cases: Path, tmp_path: Path) -> None:
    def other_family(data: dict[str, Any]) -> None:  # other people: one person in two case files is one row
        data.update(case_id="=HYPERLINK(1)")
        data["beneficiary"]["given_name"], data["dependents"][0]["given_name"] = "Ada", "Obi"

    write_variant(cases, "c.yaml", other_family)
    report = hris_report(load_cases(cases).cases)
    assert len(report.rows) == 6 and report.rows[1]["relationship"] == "spouse"
    out = tmp_path / "hris.xlsx"
    assert main(["report", "hris", "--cases", str(cases), "--format", "xlsx", "-o", str(out)]) == 0
    header, rows = read_xlsx(out)
    assert header == report.columns
    back = [{c: (v.date() if isinstance(v, dt.datetime) else v) for c, v in zip(header, r, strict=True)} for r in rows]
    assert back == report.rows
    assert "=HYPERLINK(1)" in {r["case_id"] for r in back}


def test_hris_mapping_mistakes_are_named(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns:\n  Worker_ID: employe_id\n", encoding="utf-8")
    with pytest.raises(
        UsageError, match=r"m.yaml:2: column 'Worker_ID': no field 'employe_id'; did you mean 'employee_id'"
    ):
        load_mapping(mapping)
    mapping.write_text("people: some\ncolumns: {A: case_id}\n", encoding="utf-8")
    with pytest.raises(UsageError, match="people: 'some'"):
        load_mapping(mapping)


def test_unreadable_case_is_named_and_fails_the_run_after_the_report(cases: Path, tmp_path: Path) -> None:
    (cases / "broken.yaml").write_text("case_id: X\nbeneficiary: {family_name: A}\n", encoding="utf-8")
    out = tmp_path / "exp.csv"
    code = main(
        ["report", "expirations", "--cases", str(cases), "--today", "2026-06-01", "--format", "csv", "-o", str(out)]
    )
    assert code == 3 and len(read_csv(out)) == 4


def test_xlsx_needs_an_output_file(cases: Path) -> None:
    assert main(["report", "status", "--cases", str(cases), "--format", "xlsx"]) == 2


def test_a_big_folder_is_read_in_parallel_the_same(tmp_path: Path) -> None:
    folder = tmp_path / "gen"
    write_cases(folder, 70, seed=3)
    serial, pooled = load_cases(folder, workers=1), load_cases(folder, workers=2)
    assert [c.case_id for c in serial.cases] == [c.case_id for c in pooled.cases]
    assert serial.cases == pooled.cases and serial.problems == pooled.problems == []


def test_writers_on_an_empty_report() -> None:
    report = Report("empty", ["a", "b"])
    assert to_csv(report) == "a,b\r\n"  # the toolkit's CSV writer: RFC 4180 line ends
    assert to_xlsx(report)[:2] == b"PK"


def test_status_takes_missing_dates_from_the_docket_notices(tmp_path: Path, new_docket: Any) -> None:
    from docgen.mailroom.docket import NewNotice, NoticeStatus, open_docket

    folder = tmp_path / "cases"
    write_variant(folder, "a.yaml", lambda d: d["facts"].update(status="approved"))
    write_variant(folder, "b.yaml", lambda d: d.update(case_id="DRAFT-1"))  # preparing: the docket is not asked
    docket_path = new_docket(tmp_path)  # a SQLite file, or a postgresql:// address on the test server
    notices = [
        ("ACME-2026-0142", "WAC2390123456", "approval", "2023-04-03", "2023-07-20"),  # the earlier petition
        ("ACME-2026-0142", "WAC2690012345", "receipt", "2026-10-01", "2026-10-08"),
        ("ACME-2026-0142", "WAC2690012345", "approval", "2026-10-01", "2026-11-20"),
        ("DRAFT-1", "WAC2690099999", "receipt", "2026-01-02", "2026-01-09"),
    ]
    with open_docket(docket_path) as docket, docket.transaction() as tx:
        for number, (case_id, receipt, kind, received, dated) in enumerate(notices):
            data = {
                "notice_type": kind,
                "form": "I-129",
                "receipt_number": receipt,
                "received_date": received,
                "notice_date": dated,
            }
            tx.add_notice(NewNotice(f"n{number}", "h", "1", NoticeStatus.FILED, data, f"{number}.pdf", case_id))
    out = tmp_path / "status.csv"
    args = ["report", "status", "--cases", str(folder), "--docket", str(docket_path), "--format", "csv", "-o", str(out)]
    assert main(args) == 0
    rows = {r["case_ids"]: r for r in read_csv(out)}
    approved = rows["ACME-2026-0142"]
    assert (approved["stage"], approved["median_days_to_receipt"], approved["median_days_to_decision"]) == (
        "approved",
        "7",
        "43",
    )
    assert rows["DRAFT-1"]["stage"] == "drafting" and rows["DRAFT-1"]["median_days_to_receipt"] == ""


def test_an_impossible_expiry_is_named_not_reported(cases: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_variant(
        cases,
        "c.yaml",
        lambda d: (
            d.update(case_id="SLIP-1"),
            d["beneficiary"]["passport"].update(expiry_date="0001-01-01", issue_date=None),  # not a swapped period
        ),
    )
    report = expirations_report(load_cases(cases).cases, within=180, today=TODAY)
    assert "SLIP-1" not in {r["case_id"] for r in report.rows if r["document"] == "Passport"}
    assert report.notes == [
        "case SLIP-1: principal: Passport: 0001-01-01 is not a date a deadline can fall on (1900 to 2199); "
        "no deadline recorded, fix the date"
    ]
    assert main(["report", "expirations", "--cases", str(cases), "--today", "2026-06-01"]) == 0
    assert "SLIP-1: principal: Passport: 0001-01-01" in capsys.readouterr().err


def test_a_report_never_overwrites_a_case_file(cases: Path) -> None:
    target = cases / "a.yaml"
    before = target.read_bytes()
    assert main(["report", "status", "--cases", str(cases), "--format", "csv", "-o", str(target)]) == 12
    assert target.read_bytes() == before


def test_csv_cells_a_spreadsheet_would_run_are_quoted_numbers_kept() -> None:
    report = Report("r", ["name", "days"], [{"name": "=HYPERLINK(1)", "days": -12}])
    assert to_csv(report).splitlines() == ["name,days", "'=HYPERLINK(1),-12"]


def test_a_weekly_rerun_replaces_last_weeks_workbook_but_never_a_sheet_of_cases(cases: Path, tmp_path: Path) -> None:
    out = tmp_path / "hris.xlsx"
    args = ["report", "hris", "--cases", str(cases), "--format", "xlsx", "-o", str(out)]
    assert main(args) == 0
    assert main(args) == 0  # last week's export is replaced
    sheet = tmp_path / "cases.xlsx"
    to_plain_sheet = Report("cases", ["case_id", "beneficiary.family_name"], [{"case_id": f"C-{i}"} for i in range(5)])
    from openpyxl import Workbook

    book = Workbook()
    for values in [to_plain_sheet.columns, *to_plain_sheet.values()]:
        book.active.append(values)
    book.save(sheet)
    assert main([*args[:-1], str(sheet)]) == 12


def test_status_takes_the_docket_dates_of_the_case_own_form_not_a_dependent_filing(tmp_path: Path) -> None:
    """An H-1B case whose spouse's I-539 was received later still reports its I-129's receipt and decision."""
    from docgen.mailroom.docket import NewNotice, NoticeStatus, open_docket

    folder = tmp_path / "cases"
    write_variant(folder, "a.yaml", lambda d: d["facts"].update(status="approved"))  # facts.form: I-129
    docket_path = tmp_path / "docket.sqlite"
    notices = [
        ("I-129", "WAC2690012345", "receipt", "2026-06-01", "2026-06-04"),
        ("I-129", "WAC2690012345", "approval", "2026-06-01", "2026-09-02"),
        ("I-539", "IOE0923456789", "biometrics", "2026-06-03", "2026-06-18"),  # the spouse's, filed later
    ]
    with open_docket(docket_path) as docket, docket.transaction() as tx:
        for number, (form, receipt, kind, received, dated) in enumerate(notices):
            data = {
                "notice_type": kind,
                "form": form,
                "receipt_number": receipt,
                "received_date": received,
                "notice_date": dated,
            }
            tx.add_notice(NewNotice(f"n{number}", "h", "1", NoticeStatus.FILED, data, f"{number}.pdf", OKAFOR_ID))
    out = tmp_path / "status.csv"
    args = ["report", "status", "--cases", str(folder), "--docket", str(docket_path), "--format", "csv", "-o", str(out)]
    assert main(args) == 0
    (row,) = read_csv(out)
    assert (row["median_days_to_receipt"], row["median_days_to_decision"]) == ("3", "90")


OKAFOR_ID = "ACME-2026-0142"


@pytest.mark.parametrize("pattern", ["%Q", "%m/%d/%Q", "MM/DD/YYYY", "%H:%M", "%m/%d/%Y %"])
def test_a_date_format_that_writes_no_date_is_refused(tmp_path: Path, pattern: str) -> None:
    """``%Q`` (a typo) wrote the text "%Q" in every date cell of the HR import, silently."""
    mapping = tmp_path / "map.yaml"
    mapping.write_text(yaml.safe_dump({"date_format": pattern, "columns": {"End": "i94_expiry"}}), encoding="utf-8")
    with pytest.raises(UsageError, match=r"map.yaml: date_format .* e\.g\. %m/%d/%Y"):
        load_mapping(mapping)


@pytest.mark.parametrize("pattern", ["%m/%d/%Y", "%Y-%m-%d", "%d.%m.%y", "%d %b %Y", "%Y%m%d"])
def test_usual_date_formats_are_accepted(tmp_path: Path, pattern: str) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(yaml.safe_dump({"date_format": pattern, "columns": {"End": "i94_expiry"}}), encoding="utf-8")
    assert load_mapping(mapping).date_format == pattern


def test_xlsx_cells_keep_their_kinds(tmp_path: Path) -> None:
    """Text that looks like a formula or an error value stays text; dates are dates; numbers and yes/no as given."""
    row = {"a": "=SUM(1)", "b": "#N/A", "c": "#REF!", "d": "plain", "e": dt.date(2026, 1, 2), "f": Decimal("1.5")}
    row |= {"g": True, "h": -3, "i": None, "j": "="}
    report = Report("kinds", list(row), [row])
    path = tmp_path / "kinds.xlsx"
    path.write_bytes(to_xlsx(report))
    sheet = load_workbook(path).worksheets[0]
    cells = {str(sheet.cell(1, col).value): sheet.cell(2, col) for col in range(1, len(row) + 1)}
    assert {name: cells[name].data_type for name in "abcdj"} == dict.fromkeys("abcdj", "s")
    assert [cells[name].value for name in "abcdj"] == ["=SUM(1)", "#N/A", "#REF!", "plain", "="]
    assert cells["e"].is_date and cells["e"].value.date() == dt.date(2026, 1, 2)
    assert cells["e"].number_format == "yyyy-mm-dd"
    assert (cells["f"].value, cells["g"].value, cells["h"].value, cells["i"].value) == (1.5, "yes", -3, None)


def test_reading_cases_leaves_the_cycle_collector_as_it_found_it(cases: Path) -> None:
    import gc

    assert gc.isenabled()
    assert len(load_cases(cases).cases) == 2
    assert gc.isenabled()  # paused while reading only
    gc.disable()
    try:
        load_cases(cases)
        assert not gc.isenabled()  # a caller that turned it off keeps it off
    finally:
        gc.enable()


def test_an_xlsx_report_leaves_numpy_importable() -> None:
    """In a process of its own (as the command line runs), openpyxl is imported without numpy; numpy still
    imports afterwards."""
    import subprocess
    import sys

    code = (
        "import sys; from docgen.compliance.export import Report, to_xlsx; "
        "data = to_xlsx(Report('r', ['a'], [{'a': 1.5}])); "
        "assert data[:2] == b'PK' and 'numpy' not in sys.modules; "
        "import numpy; print(numpy.float64(1.5) + 1)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2.5"


def test_the_default_hris_mapping_lists_every_field_and_carries_the_priority_date(cases: Path) -> None:
    """The bundled mapping is the list a customer copies: a field left out of it (lca_number was) is one nobody
    finds. The priority date, which decides when a green card can be filed, goes to the HRIS with the person."""
    mapping = load_mapping()
    assert list(mapping.columns.values()) == list(HRIS_FIELDS)
    def dated(data: dict[str, Any]) -> None:
        data["case_id"] = "ACME-PD"
        data["facts"]["priority_date"] = "2021-03-04"

    write_variant(cases, "c.yaml", dated)
    rows = [r for r in hris_report(load_cases(cases).cases).rows if r["priority_date"]]
    assert {r["priority_date"] for r in rows} == {dt.date(2021, 3, 4)} and {r["relationship"] for r in rows} >= {
        "employee"
    }
