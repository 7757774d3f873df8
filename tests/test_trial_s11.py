"""A new user's trial (session 11): a global-mobility manager at a 300-person company (Fjord Systems, fictional)
tracking her assignees' families, and immigration counsel batch-filling their forms. Every name, number and date
here is invented. Each test is one thing they tripped on; the faults not fixed this round are strict xfails with
the reason, so they stay visible. The workspace's pages are tested in ``tests/web/test_trial_s11_web.py``."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from docgen.cli import main

from .conftest import FORMS_DIR, SAMPLES

FAMILY = SAMPLES / "cases" / "eb2-family-haddad.yaml"


def _fill(cases: Path, out: Path, *extra: str) -> list[str]:
    return [
        "batch",
        "fill",
        "I-485",
        "--cases",
        str(cases),
        "--out-dir",
        str(out),
        "--forms-dir",
        str(FORMS_DIR),
        *extra,
    ]


@pytest.fixture
def family(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(FAMILY, cases)
    return cases


def test_a_batch_for_the_spouse_never_replaces_the_principal_s_form_of_the_same_name(
    family: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counsel fills the family's I-485s into one folder, one person per run: with the default pattern the spouse's
    run would have written ``CASE_I-485.pdf`` over the principal's (maybe the copy filed), without a word."""
    out = tmp_path / "out"
    assert main(_fill(family, out, "--for", "principal")) == 0, capsys.readouterr().err
    (form,) = out.glob("*_I-485.pdf")
    principal = form.read_bytes()
    capsys.readouterr()
    assert main(_fill(family, out, "--for", "spouse")) == 12
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{form.name} (holds principal's, this run fills spouse's)" in err
    assert "--pattern '{case_id}_{form}_{person}.{ext}'" in err
    assert form.read_bytes() == principal  # untouched
    # the principal again (named by id or as the beneficiary) is the same person's form: replaced as asked
    assert main(_fill(family, out, "--for", "beneficiary")) == 0, capsys.readouterr().err
    # the spouse under her own names goes ahead, and is then her file
    assert main(_fill(family, out, "--for", "spouse", "--pattern", "{case_id}_{form}_{person}.{ext}")) == 0
    assert (out / form.name.replace("_I-485.pdf", "_I-485_spouse.pdf")).exists()
    capsys.readouterr()
    # the spouse named by her place in the list is still the spouse
    assert main(_fill(family, out, "--for", "dependents[0]")) == 12
    assert "(holds principal's, this run fills spouse's)" in capsys.readouterr().err


GM_CASE = """\
# fictional
case_id: {case_id}
petitioner:
  name: Fjord Systems Inc.
  address: {{street: 1 Harbor Way, city: Boston, state: MA, zip_code: "02110", country: United States}}
beneficiary:
  id: principal
  family_name: Nakamura
  given_name: Aiko
  birth_date: 1981-02-11
  employee_id: E-1001
  i94: {{number: "51234567801", arrival_date: 2024-01-02, expiry_date: {i94}, status: H-1B}}
facts: {{form: I-129, classification: H-1B, basis: continuation, status: preparing, owner: {owner}}}
"""


def test_a_copy_of_a_case_file_left_in_the_folder_is_named_not_counted_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manager copied GM-2026-002.yaml to try an edit and left the copy (its I-94 typed differently) in the
    folder: the status report counted the case twice, the expirations listed two I-94 ends for one person, the
    HRIS export two rows, and nothing said why. The mailroom refuses such a folder; the reports now name the copy,
    leave it out and fail (exit 3) after writing the report, as for a file they cannot read."""
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "GM-2026-002.yaml").write_text(GM_CASE.format(case_id="GM-2026-002", i94="2027-01-16", owner="Tom Reyes"))
    (cases / "GM-2026-002 (copy).yaml").write_text(
        GM_CASE.format(case_id="GM-2026-002", i94="2027-01-20", owner="Tom Reyes")
    )
    (cases / "GM-2026-003.yaml").write_text(
        GM_CASE.format(case_id="GM-2026-003", i94="2027-02-10", owner="Maja Lindqvist").replace("Aiko", "Yui")
    )
    out = tmp_path / "status.csv"
    assert main(["report", "status", "--cases", str(cases), "--format", "csv", "-o", str(out)]) == 3
    err = capsys.readouterr().err
    # the copy is named, whatever the order of the names: the file named after its case id is the case
    assert "GM-2026-002 (copy).yaml: case_id 'GM-2026-002' is also the case_id of " in err
    assert f"is also the case_id of {cases / 'GM-2026-002.yaml'}; give each case its own case_id" in err
    assert "Traceback" not in err
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert row["cases"] == "2" and row["case_ids"].split() == ["GM-2026-002", "GM-2026-003"]
    exp = tmp_path / "exp.csv"
    assert main(["report", "expirations", "--cases", str(cases), "--format", "csv", "-o", str(exp)]) == 3
    rows = list(csv.DictReader(io.StringIO(exp.read_text(encoding="utf-8-sig"))))
    assert sorted((r["case_id"], r["document"][:4]) for r in rows) == [("GM-2026-002", "I-94"), ("GM-2026-003", "I-94")]
    # the same in a sheet: the second row of a case id is named by its row
    sheet = tmp_path / "rows.csv"
    sheet.write_text(
        "case_id,beneficiary.family_name,beneficiary.given_name,beneficiary.birth_date\n"
        "R-7,Ho,Gi,1990-12-31\nR-7,Ho,Gi,1990-12-31\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["report", "status", "--cases", str(sheet)]) == 3
    assert "rows.csv row 3: case_id 'R-7' is also the case_id of" in capsys.readouterr().err


def test_a_report_or_template_named_for_another_format_is_refused_naming_the_right_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report hris --format csv -o hris.xlsx`` wrote a CSV that Excel refuses to open under that name;
    ``report expirations -o exp.csv`` wrote the plain-text table into a .csv (one column in a spreadsheet);
    ``batch template I-765 -o cases.csv`` wrote an XLSX that ``batch fill --cases cases.csv`` then refused as
    "not UTF-8 text"; ``deadlines digest -o today.html`` wrote plain text into an .html. ``docgen deadlines`` already
    refused such names: now every command that writes a report does, before anything is written."""
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "GM-2026-002.yaml").write_text(GM_CASE.format(case_id="GM-2026-002", i94="2027-01-16", owner="Tom"))
    runs = [
        (["report", "hris", "--cases", str(cases)], "hris.xlsx", "name the file hris.csv (or give --format xlsx)"),
        (["report", "expirations", "--cases", str(cases)], "exp.csv", "name the file exp.txt (or give --format csv)"),
        (["report", "status", "--cases", str(cases), "--format", "xlsx"], "s.csv", "name the file s.xlsx"),
        (["batch", "template", "I-765", "--forms-dir", str(FORMS_DIR)], "cases.csv", "name the file cases.xlsx"),
    ]
    assert main(["paf", "check", "--cases", str(cases), "--csv", str(tmp_path / "paf.xlsx")]) == 2
    assert "paf.xlsx: --csv writes a CSV here; name the file paf.csv" in capsys.readouterr().err
    for args, name, fix in runs:
        assert main([*args, "-o", str(tmp_path / name)]) == 2, name
        err = capsys.readouterr().err
        assert fix in err and err.count("\n") == 1 and "Traceback" not in err, err
        assert not (tmp_path / name).exists()
    # the right names work, whatever their case
    assert main(["report", "hris", "--cases", str(cases), "--format", "xlsx", "-o", str(tmp_path / "h.XLSX")]) == 0
    assert (tmp_path / "h.XLSX").read_bytes()[:2] == b"PK"
    assert main(["report", "expirations", "--cases", str(cases), "-o", str(tmp_path / "exp.txt")]) == 0
    assert main(["batch", "template", "I-765", "--forms-dir", str(FORMS_DIR), "-o", str(tmp_path / "t.xlsx")]) == 0
    docket = tmp_path / "docket.sqlite"
    assert main(["mailroom", "ingest", str(_empty(tmp_path)), "--docket", str(docket), "--cases", str(cases)]) == 0
    capsys.readouterr()
    assert main(["deadlines", "digest", "--docket", str(docket), "-o", str(tmp_path / "today.html")]) == 2
    assert "name the file today.txt (or give --format html)" in capsys.readouterr().err
    assert (
        main(["deadlines", "digest", "--docket", str(docket), "--format", "html", "-o", str(tmp_path / "t.htm")]) == 0
    )
    assert (tmp_path / "t.htm").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def _empty(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return inbox


def test_the_deadlines_help_does_not_promise_a_docket_it_refuses_to_make(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``docgen deadlines --help`` said the docket is "a SQLite file (made on first use)"; the manager's first
    ``docgen deadlines --docket d.sqlite`` then stopped with "no docket here ... (a docket is made by 'mailroom
    ingest')"."""
    assert main(["deadlines", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "made on first use" not in text and "the first 'mailroom ingest' makes it" in text
    assert main(["deadlines", "--docket", str(tmp_path / "d.sqlite")]) == 11
    assert "a docket is made by 'mailroom ingest'" in capsys.readouterr().err


def test_the_deadlines_and_the_digest_name_each_case_s_owner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    cases = tmp_path / "cases"
    cases.mkdir()
    soon = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    (cases / "GM-2026-002.yaml").write_text(GM_CASE.format(case_id="GM-2026-002", i94=soon, owner="Tom Reyes"))
    docket = tmp_path / "docket.sqlite"
    assert main(["mailroom", "ingest", str(_empty(tmp_path)), "--docket", str(docket), "--cases", str(cases)]) == 0
    out = tmp_path / "deadlines.csv"
    assert main(["deadlines", "--docket", str(docket), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and all(row.get("owner") == "Tom Reyes" for row in rows), rows
    capsys.readouterr()
    assert main(["deadlines", "digest", "--docket", str(docket)]) == 0
    assert "Tom Reyes" in capsys.readouterr().out


@pytest.mark.parametrize("within", ["99999999", "3000000d", "10000y"])
def test_a_huge_within_is_refused_in_one_line_not_a_traceback(
    within: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``report expirations --within 99999999`` (a key held down) ended in an OverflowError traceback."""
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "GM-2026-002.yaml").write_text(GM_CASE.format(case_id="GM-2026-002", i94="2027-01-16", owner="Tom"))
    assert main(["report", "expirations", "--cases", str(cases), f"--within={within}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "at most 100y (36500 days)" in err and "Traceback" not in err
    assert main(["report", "expirations", "--cases", str(cases), "--within=100y"]) == 0
    assert "GM-2026-002" in capsys.readouterr().out


def test_a_sheet_of_employees_is_imported_as_case_files_one_per_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manager's ten assignees were a spreadsheet from HR; the workspace edits case files, and nothing turned
    the one into the other (each case typed again in the browser). ``docgen case import`` writes a case file per row
    that validates, never over one that is there, and names the rows it did not write."""
    import datetime as dt
    import os

    import openpyxl

    from docgen.compliance.reports import expirations_report, load_cases

    sheet = tmp_path / "staff.xlsx"
    book = openpyxl.Workbook()
    rows = book.active
    assert rows is not None
    rows.append(
        [
            "case_id",
            "beneficiary.family_name",
            "beneficiary.given_name",
            "beneficiary.birth_date",
            "beneficiary.i94.expiry_date",
            "beneficiary.citizenship[0]",
            "dependents[0].id",
            "dependents[0].relationship",
            "dependents[0].family_name",
            "dependents[0].given_name",
            "dependents[0].birth_date",
            "dependents[0].ead.expiry_date",
            "petitioner.name",
            "petitioner.address.zip_code",
            "facts.owner",
        ]
    )
    rows.append(["# fictional"])
    common = [
        "spouse",
        "spouse",
        "Øster",
        "Ida",
        "1984-07-07",
        dt.date(2027, 2, 15),
        "Fjord Systems",
        "02110",
        "Maja L",
    ]
    rows.append(["GM-2026-003", "Øster", "Søren", dt.datetime(1982, 3, 12), dt.date(2027, 2, 10), "NO", *common])
    rows.append(["GM-2026-004", "Fernández", "María José", "1983-04-13", "2027-03-07", "Spain", *common])
    rows.append(["GM-2026-005", "Nguyen", "An", "13/45/1984", "2027-04-01", "Vietnam", *common])  # a bad date
    rows.append(["gm-2026-003", "Øster", "Søren", "1982-03-12", "2027-02-10", "Norway", *common])  # one file
    rows.append(["../GM-2026-006", "Kowalski", "Piotr", "1985-06-15", "2027-04-26", "Poland", *common])  # no address
    book.save(sheet)
    cases = tmp_path / "cases"
    assert main(["case", "import", str(sheet), "--to", str(cases)]) == 3
    err = capsys.readouterr().err
    assert "staff.xlsx row 5: beneficiary.birth_date:" in err and "(not imported)" in err
    assert "staff.xlsx row 6: case_id 'gm-2026-003' is also the case_id of staff.xlsx row 3" in err
    assert (
        "staff.xlsx row 7: case_id: a case id names the case's file and address: at most 100 characters, no slash"
        in err
    )
    assert "Traceback" not in err
    written = sorted(p.name for p in cases.iterdir())
    assert written == ["GM-2026-003.yaml", "GM-2026-004.yaml"]
    assert all(os.stat(cases / name).st_mode & 0o077 == 0 for name in written)  # personal data: owner-only
    text = (cases / "GM-2026-003.yaml").read_text(encoding="utf-8")
    assert text.startswith("# imported from staff.xlsx row 3 by docgen case import on ")
    loaded = load_cases(cases)
    assert not loaded.problems
    (soren, maria) = loaded.cases
    assert soren.beneficiary.citizenship == ["Norway"] and soren.beneficiary.birth_date == dt.date(1982, 3, 12)
    assert soren.petitioner is not None and soren.petitioner.address is not None
    assert soren.petitioner.address.zip_code == "02110"  # the leading zero kept
    assert maria.person("spouse").ead is not None and maria.facts.owner == "Maja L"
    report = expirations_report(loaded.cases, within=180, today=dt.date(2026, 12, 2))
    assert {(r["case_id"], r["document"][:4]) for r in report.rows} >= {
        ("GM-2026-003", "I-94"),
        ("GM-2026-004", "I-94"),
        ("GM-2026-003", "EAD "),  # one spouse in both files: her EAD listed once
    }
    # imported again: the files edited since are never replaced
    (cases / "GM-2026-003.yaml").write_text(text.replace("Maja L", "Tom Reyes"), encoding="utf-8")
    capsys.readouterr()
    assert main(["case", "import", str(sheet), "--to", str(cases)]) == 3
    err = capsys.readouterr().err
    assert "GM-2026-003.yaml is there already (case GM-2026-003); a case file is never replaced" in err
    assert "Tom Reyes" in (cases / "GM-2026-003.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in cases.iterdir()) == written  # no leftovers


def test_a_filled_form_or_a_map_named_for_another_type_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``fill I-765 -o emeka-ead.docx`` (or with no extension) wrote a PDF no PDF viewer would be asked to open, and
    ``map scaffold -o draft.pdf`` a YAML map under a PDF's name, which no --maps-dir then found; the batch already
    refused a pattern naming a PDF otherwise."""
    case = SAMPLES / "cases" / "h1b-okafor.yaml"
    fill = ["fill", "I-765", "--case", str(case), "--for", "spouse", "--forms-dir", str(FORMS_DIR), "-o"]
    for name, fix in (("emeka-ead.docx", "emeka-ead.pdf"), ("emeka-ead", "emeka-ead.pdf")):
        assert main([*fill, str(tmp_path / name)]) == 2
        err = capsys.readouterr().err
        assert f"{name}: fill writes a PDF here; name the file {fix}" in err and err.count("\n") == 1
        assert not (tmp_path / name).exists()
    assert main([*fill, str(tmp_path / "Emeka EAD.PDF")]) == 0
    assert (tmp_path / "Emeka EAD.PDF").read_bytes()[:5] == b"%PDF-"
    assert main([*fill, str(case)]) == 12  # a case file there is refused first, as before
    blank = str(FORMS_DIR / "g-1145.pdf")
    capsys.readouterr()
    assert main(["map", "scaffold", blank, "-o", str(tmp_path / "draft.pdf")]) == 2
    assert "draft.pdf: map scaffold writes a YAML here; name the file draft.yaml" in capsys.readouterr().err
    assert main(["map", "scaffold", blank, "-o", str(tmp_path / "draft.yml")]) == 0


def test_case_todo_marks_a_question_it_shortens(capsys: pytest.CaptureFixture[str]) -> None:
    """``case todo`` cut each question at 70 characters mid-word with no mark ("Select Initial Permission to
    (required)"): the counsel took it for the whole question. A shortened question ends at a word with "...", as
    the README's example shows."""
    case = SAMPLES / "cases" / "eb2-vasconcelos.yaml"
    assert main(["case", "todo", str(case), "--forms", "I-765", "--forms-dir", str(FORMS_DIR)]) == 0
    lines = capsys.readouterr().out.splitlines()
    header, rows = lines[0], lines[1:-1]
    start, end = header.index("question"), header.index("answer goes in")
    questions = [row[start:end].strip().removesuffix(" (required)") for row in rows]
    assert questions and any(q.endswith("...") for q in questions), questions
    for question in questions:
        assert len(question) <= 73
        assert question.endswith("...") or len(question) < 70 or question[-1] in ".?)"


def test_the_template_s_id_column_is_described_as_the_person_s_id_not_a_name(tmp_path: Path) -> None:
    """``batch template I-765 --for dependents[0]`` described the ``dependents[0].id`` column with the I-765's
    Family Name tooltip (a rule reading the whole person lent it every column of the person): counsel's paralegal
    typed the spouse's family name there."""
    from docgen.batch.template import template_columns

    columns = template_columns(["I-765"], "dependents[0]", forms_dir=FORMS_DIR)
    assert columns["dependents[0].id"].startswith("the person's id in the case, as --for names it")
    assert "Family Name" in columns["dependents[0].family_name"]


def test_a_template_for_spouse_fills_with_batch_fill_for_spouse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``batch template I-765 --for spouse`` (the ``--for`` that ``batch fill`` takes) wrote columns
    ``spouse.family_name`` ... that are no case paths: every row of the filled sheet then failed with "unknown column
    'spouse.id'". They are the ``dependents[0]`` columns, its id column asking for "spouse"."""
    import openpyxl

    sheet = tmp_path / "cap.xlsx"
    assert main(["batch", "template", "I-765", "--for", "spouse", "--forms-dir", str(FORMS_DIR), "-o", str(sheet)]) == 0
    book = openpyxl.load_workbook(sheet)
    rows = book.active
    assert rows is not None
    header = [c.value for c in rows[1]]
    assert not [h for h in header if str(h).startswith("spouse.")]
    assert "(e.g. spouse)" in str(rows.cell(2, header.index("dependents[0].id") + 1).value)
    values = {
        "case_id": "CAP-1",
        "beneficiary.family_name": "Okafor",
        "beneficiary.given_name": "Chidera",
        "beneficiary.birth_date": "1990-04-17",
        "dependents[0].id": "spouse",
        "dependents[0].relationship": "spouse",
        "dependents[0].family_name": "Okafor",
        "dependents[0].given_name": "Emeka",
        "dependents[0].birth_date": "1988-11-02",
    }
    rows.append([values.get(str(h)) for h in header])
    book.save(sheet)
    out = tmp_path / "out"
    assert main(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(out), "--for", "spouse"]) == 13
    (line,) = csv.DictReader(io.StringIO((out / "batch-report.csv").read_text(encoding="utf-8")))
    assert "unknown column" not in line["error"]  # the sheet's columns are the case's; what is missing is named
    assert "I-765 Part" in line["error"] and "extra.I-765" in line["error"], line["error"]
