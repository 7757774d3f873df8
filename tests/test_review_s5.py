"""Findings of the fifth review (docgen used as its people would, with bad input): each test failed before its fix."""

from __future__ import annotations

import csv
from pathlib import Path

import pikepdf
import pytest

from docgen.cli import main
from docgen.errors import DamagedFileError, LockedFileError, NoticeError

from .conftest import SAMPLES

NOTICES = SAMPLES / "notices"


# -------------------------------------------------- notice parse keeps the problem's exit code


def test_notice_parse_of_a_locked_notice_exits_as_a_locked_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README: a PDF that needs a password exits 14 whether it is a blank form, an exhibit or a notice."""
    locked = tmp_path / "rfe-locked.pdf"
    with pikepdf.open(NOTICES / "text" / "rfe-i129.pdf") as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    assert main(["notice", "parse", str(locked)]) == LockedFileError.exit_code == 14
    err = capsys.readouterr().err
    assert "rfe-locked.pdf" in err and "password" in err


def test_notice_parse_of_damaged_notices_exits_as_damaged_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes((NOTICES / "text" / "rfe-i129.pdf").read_bytes()[:400])
    files = [NOTICES / "bad" / "corrupt.pdf", cut, NOTICES / "text" / "receipt-i129.pdf"]
    assert main(["notice", "parse", *map(str, files)]) == DamagedFileError.exit_code == 15
    err = capsys.readouterr().err
    assert "2 of 3 file(s) could not be read" in err


def test_notice_parse_of_different_problems_exits_as_a_notice_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "memo.pdf"
    text.write_text("not a notice at all\n", encoding="utf-8")
    files = [NOTICES / "bad" / "corrupt.pdf", text]
    assert main(["notice", "parse", *map(str, files)]) == NoticeError.exit_code == 10
    assert "2 of 2 file(s) could not be read" in capsys.readouterr().err


# -------------------------------------------------- a CSV saved with semicolons (Excel in much of Europe)


def test_a_semicolon_csv_is_named_as_such_not_as_values_beyond_the_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel in a European locale saves "CSV" with semicolons (and decimal commas: 168500,00): one line saying
    so, before any case is tried, never a per-row "values beyond the last named column" nor a wage misread."""
    with (SAMPLES / "batch" / "h4-spouses.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[:3]
    sheet = tmp_path / "spouses.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    out = tmp_path / "out"
    code = main(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(out), "--for", "spouse"])
    err = capsys.readouterr().err
    assert code == 3
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "spouses.csv" in lines[0] and "semicolon" in lines[0] and "comma" in lines[0].lower()
    assert not (out / "batch-report.csv").exists()


def test_a_tab_separated_sheet_named_csv_is_named_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "cases.csv"
    sheet.write_text("case_id\tbeneficiary.family_name\nX-1\tOkafor\n", encoding="utf-8")
    code = main(["batch", "fill", "G-1145", "--cases", str(sheet), "--out-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3 and "cases.csv" in err and "tab" in err and len(err.strip().splitlines()) == 1


# -------------------------------------------------- a required answer left empty says so


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  title: Senior Data Engineer\n", "  title:\n", "job.title"),
        ("  title: Senior Data Engineer\n", '  title: ""\n', "job.title"),
        ("  birth_date: 1990-04-17\n", "  birth_date:\n", "beneficiary.birth_date"),
        ("  citizenship: [Nigeria]\n", "  citizenship:\n", "beneficiary.citizenship"),
    ],
)
def test_a_required_answer_left_empty_is_named_empty_not_of_the_wrong_type(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    """A case copied from a template with its keys left blank (``title:``) said "the value is not text"."""
    text = (SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    assert old in text  # the first one is the beneficiary's (the title: the job's)
    case = tmp_path / "case.yaml"
    case.write_text(text.replace(old, new, 1), encoding="utf-8")
    code = main(["fill", "G-1145", "--case", str(case), "-o", str(tmp_path / "g.pdf")])
    err = capsys.readouterr().err.strip()
    assert code == 3
    assert err == f"docgen: error: case.yaml: {field}: is required but empty; fill it in"


# -------------------------------------------------- a birth date in the future is a typo, not a date to print


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  birth_date: 1990-04-17\n", "  birth_date: 2090-04-17\n", "beneficiary.birth_date"),
        ("    birth_date: 1988-11-02\n", "    birth_date: 11/02/2088\n", "dependents[0].birth_date"),
    ],
)
def test_a_birth_date_after_today_is_refused_without_repeating_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str
) -> None:
    """1988 typed 2088 printed a birth date in the future on the I-765; now one line naming the field, never
    the date, and nothing written."""
    text = (SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    case = tmp_path / "case.yaml"
    case.write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path / "i-765.pdf"
    code = main(["fill", "I-765", "--case", str(case), "--for", "spouse", "-o", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 3 and not out.exists()
    assert err.startswith(f"docgen: error: case.yaml: {field}: is after today") and "check the year" in err
    assert "2088" not in err and "2090" not in err and len(err.splitlines()) == 1


def test_a_birth_date_of_today_is_a_newborn(tmp_path: Path) -> None:
    import datetime as dt

    from docgen.case.loader import load_case

    text = (SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("    birth_date: 1988-11-02\n", f"    birth_date: {dt.date.today()}\n"), "utf-8")
    assert load_case(case).dependents[0].birth_date == dt.date.today()


# -------------------------------------------------- a support letter for a case without its job yet


@pytest.mark.parametrize("template", ["h1b_support", "l1a_support"])
def test_a_support_letter_for_a_case_without_a_job_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str
) -> None:
    """A new case (made in the workspace, no job yet) said "object of type 'NoneType' has no len()"; now the
    letter's usual report of every value it needs, the job's among them, and nothing written."""
    case = tmp_path / "case.yaml"
    case.write_text(
        "case_id: NEW-1\npetitioner:\n  name: Acme Analytics, Inc.\n  address: {street: 500 Market Street, "
        "city: San Francisco, state: CA, zip_code: '94105', country: United States}\n"
        "beneficiary: {family_name: Okafor, given_name: Chidera, birth_date: 1990-04-17}\n",
        encoding="utf-8",
    )
    out = tmp_path / "letter.docx"
    code = main(["letter", template, "--case", str(case), "-o", str(out), "--date", "2026-08-20"])
    err = capsys.readouterr().err.strip()
    assert code == 7 and not out.exists()
    assert "NoneType" not in err and "len()" not in err, err
    assert "values the letter needs are missing" in err and "job.worksites is missing" in err, err
    assert "job.title is empty" in err and len(err.splitlines()) == 1


# -------------------------------------------------- a control character pasted from Word, in an XLSX report


def _case_with_a_pasted_line_break(folder: Path) -> Path:
    """Word's Shift+Enter line break (\\v) pasted into a name: a YAML escape keeps it in the case file."""
    folder.mkdir()
    text = (SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    case = folder / "h1b-okafor.yaml"
    case.write_text(text.replace("given_name: Chidera", 'given_name: "Chidera\\vNgozi"', 1), encoding="utf-8")
    return case


@pytest.mark.parametrize("report", ["expirations", "status", "hris"])
def test_an_xlsx_report_shows_a_control_character_as_an_escape_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], report: str
) -> None:
    """openpyxl refuses XML's illegal characters: the report died with a traceback quoting the name."""
    from openpyxl import load_workbook

    cases = tmp_path / "cases"
    _case_with_a_pasted_line_break(cases)
    out = tmp_path / f"{report}.xlsx"
    assert main(["report", report, "--cases", str(cases), "--format", "xlsx", "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    cells = [str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c is not None]
    if report != "status":  # the status report counts cases, it names nobody
        assert any("Chidera\\x0bNgozi" in c for c in cells), cells
    assert not any("\x0b" in c for c in cells)


def test_a_letter_names_a_control_character_it_cannot_print_never_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Word document cannot hold \\v: the letter died with lxml's XMLSyntaxError and a traceback."""
    case = _case_with_a_pasted_line_break(tmp_path / "cases")
    out = tmp_path / "evl.docx"
    code = main(["letter", "employment_verification", "--case", str(case), "-o", str(out), "--date", "2026-08-01"])
    err = capsys.readouterr().err.strip()
    assert code == 7 and not out.exists()
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert "control character (\\x0b)" in err and "retype" in err and "Chidera" not in err, err


def test_a_date_with_a_time_of_day_is_named_as_not_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``2026-10-01T09:00:00`` (a date copied from a system export) gave pydantic's own words."""
    text = (SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    assert "  start_date: 2026-10-01\n" in text
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("  start_date: 2026-10-01\n", "  start_date: 2026-10-01T09:00:00\n"), "utf-8")
    code = main(["fill", "G-1145", "--case", str(case), "-o", str(tmp_path / "g.pdf")])
    err = capsys.readouterr().err.strip()
    assert code == 3
    assert err == (
        "docgen: error: case.yaml: job.start_date: '2026-10-01T09:00:00' is not a date (write YYYY-MM-DD or MM/DD/YYYY)"
    )


def test_a_template_named_in_part_offers_every_template_with_that_part(capsys: pytest.CaptureFixture[str]) -> None:
    """``docgen letter support`` suggested 'l1a_support' alone, though the H-1B's letter is 'h1b_support'."""
    code = main(["letter", "support", "--case", str(SAMPLES / "cases" / "h1b-okafor.yaml"), "-o", "never.docx"])
    err = capsys.readouterr().err.strip()
    assert code == 7
    assert err.endswith("did you mean one of 'h1b_support', 'l1a_support'?"), err
    assert not Path("never.docx").exists()


def test_a_batch_pattern_naming_another_type_of_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--pattern '{case_id}.docx'`` on a form fill wrote PDFs named .docx (an upload portal or a colleague
    takes them for Word files); refused before any case runs."""
    out = tmp_path / "out"
    sheet = str(SAMPLES / "batch" / "h4-spouses.csv")
    code = main(["batch", "fill", "G-1145", "--cases", sheet, "--out-dir", str(out), "--pattern", "{case_id}.docx"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and (not out.exists() or not any(out.iterdir()))
    assert err == (
        "docgen: error: output pattern '{case_id}.docx' gives 'CAP26-0001.docx', but the file is a PDF; "
        "end the pattern with .{ext} (or .pdf)"
    )
    assert main(["batch", "fill", "G-1145", "--cases", sheet, "--out-dir", str(out), "--pattern", "{case_id}.PDF"]) == 0
