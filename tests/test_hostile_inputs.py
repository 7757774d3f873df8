"""Hostile and careless input: every probe gets a one-line error or a safe result, never a traceback,
a lost file or another client's data. Inputs are generated here (no committed blobs) and kept small."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pikepdf
import pytest
import yaml

from docgen.cli import main
from docgen.forms.fill import fill_form
from docgen.mailroom.text import printable

from .conftest import SAMPLES
from .pdfcheck import button_states, reopen_values

OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
HADDAD = SAMPLES / "cases" / "eb2-family-haddad.yaml"


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def sample(path: Path = OKAFOR) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def every_text(data: bytes) -> str:
    """All strings and decoded streams of a PDF, for looking for what must not be there."""
    chunks: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    continue
            elif isinstance(obj, pikepdf.Dictionary):
                chunks.extend(str(v) for v in obj.values() if isinstance(v, pikepdf.String))
    return "\n".join(chunks)


# --- a filled form used as the blank -------------------------------------------------------------------


def test_a_filled_form_used_as_the_blank_carries_nothing_to_the_next_client(
    tmp_path: Path, forms_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = sample()
    long_street = "4417 Northwest Old Cornelius Pass Road, Building C, Rear Entrance, Loading Dock 7"
    spouse = previous["dependents"][0]
    spouse["mailing_address"]["street"] = long_street
    spouse["mailing_address"]["city"] = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysilio"
    spouse["mailing_address"]["in_care_of"] = "Okafor Family Trust, attention of the trustee, Dr. Eze"
    spouse["birth_city"] = "Onitsha North Local Government Area, Anambra State Southeast " * 2
    first = fill_form("I-765", write_yaml(tmp_path / "okafor.yaml", previous), person="spouse", forms_dir=forms_dir)
    assert first.addendum, "the previous client's form needs an addendum sheet for this test"
    dirty = tmp_path / "forms"
    dirty.mkdir()
    (dirty / "i-765.pdf").write_bytes(first.data)  # the slip: a filled form saved over the blank

    nxt = sample(HADDAD)
    for key in ("middle_name", "a_number", "passport", "i94", "ssn"):
        nxt["beneficiary"].pop(key, None)
    next_case = write_yaml(tmp_path / "next.yaml", nxt)
    clean = fill_form("I-765", next_case, forms_dir=forms_dir)
    result = fill_form("I-765", next_case, forms_dir=dirty)

    assert reopen_values(result.data) == reopen_values(clean.data)
    assert button_states(result.data) == button_states(clean.data)
    with pikepdf.open(io.BytesIO(result.data)) as a, pikepdf.open(io.BytesIO(clean.data)) as b:
        assert len(a.pages) == len(b.pages)  # the previous client's addendum sheet is gone
    text = every_text(result.data)
    for secret in ("Tobenna", "021345679", "B12345678", "41234567891", "Cornelius"):
        assert secret not in text
    assert not clean.warnings
    assert len(result.warnings) == 1
    assert "holds answers in" in result.warnings[0] and "1 appended page" in result.warnings[0]

    out = tmp_path / "out.pdf"
    assert main(["fill", "I-765", "--case", str(next_case), "-o", str(out), "--forms-dir", str(dirty)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("docgen: warning: ") and "i-765.pdf" in err[0]


# --- outputs never overwrite inputs --------------------------------------------------------------------


def blank_pdf(path: Path) -> Path:
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)
    return path


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], *keep: Path) -> str:
    """Run the CLI; it must exit 12 with one line and leave ``keep`` byte for byte as they were."""
    before = [k.read_bytes() for k in keep]
    assert main(argv) == 12
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("docgen: error: ") and "choose another output" in err
    assert [k.read_bytes() for k in keep] == before
    return err


def test_fill_refuses_to_write_over_its_case_or_another_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = write_yaml(tmp_path / "case.yaml", sample())
    other = write_yaml(tmp_path / "other.yaml", sample(HADDAD))
    fill = ["fill", "I-765", "--case", str(case), "--for", "spouse", "-o"]
    assert "input of this run" in refused([*fill, str(case)], capsys, case)
    link = tmp_path / "link.pdf"
    link.symlink_to(case)
    assert "input of this run" in refused([*fill, str(link)], capsys, case)
    assert "a case file" in refused([*fill, str(other)], capsys, other)
    json_case = tmp_path / "case.pdf"  # a case in JSON under a PDF's name: the content decides
    json_case.write_text('{"case_id": "X-1", "beneficiary": {"family_name": "Roe"}}', encoding="utf-8")
    assert "a case file" in refused([*fill, str(json_case)], capsys, json_case)
    notes = tmp_path / "notes.pdf"
    notes.write_text("call the client on Monday\n", encoding="utf-8")
    assert "a text file" in refused([*fill, str(notes)], capsys, notes)
    out = tmp_path / "i-765.pdf"
    assert main([*fill, str(out)]) == 0
    assert main([*fill, str(out)]) == 0  # an earlier output of the same kind is replaced
    capsys.readouterr()


def test_deadlines_never_overwrite_a_docket(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docgen.mailroom.docket import open_docket

    docket, other = tmp_path / "docket.sqlite", tmp_path / "archive.db"
    for path in (docket, other):
        with open_docket(path):
            pass
    for fmt in ("csv", "ics", "table"):
        args = ["deadlines", "--docket", str(docket), "--format", fmt, "-o"]
        assert "input of this run" in refused([*args, str(docket)], capsys, docket)
        assert "docket" in refused([*args, str(other)], capsys, other)
    data = tmp_path / "letters.yaml"  # letter data: YAML behind a comment
    data.write_text("# support letter data\nh1b_support:\n  salary: 1\n", encoding="utf-8")
    assert "YAML" in refused(["deadlines", "--docket", str(docket), "--format", "table", "-o", str(data)], capsys, data)
    out = tmp_path / "deadlines.csv"
    assert main(["deadlines", "--docket", str(docket), "--format", "csv", "-o", str(out)]) == 0
    assert "ics" not in str(out)
    assert main(["deadlines", "--docket", str(docket), "--format", "ics", "-o", str(out)]) == 12  # csv there now
    capsys.readouterr()


def test_batch_template_and_letters_refuse_case_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write_yaml(tmp_path / "case.yaml", sample())
    assert "a case file" in refused(["batch", "template", "I-765", "-o", str(case)], capsys, case)
    sheet = tmp_path / "cases.csv"
    sheet.write_text("case_id,beneficiary.family_name\nX-1,Roe\n", encoding="utf-8")
    assert "sheet of cases" in refused(["batch", "template", "I-765", "-o", str(sheet)], capsys, sheet)
    template = tmp_path / "template.xlsx"
    assert main(["batch", "template", "I-765", "-o", str(template)]) == 0
    assert main(["batch", "template", "I-765", "-o", str(template)]) == 0  # an earlier template is replaced
    capsys.readouterr()
    filled = write_sheet(tmp_path / "filled.xlsx", [["case_id", "beneficiary.family_name"], ["# ref"], ["X-1", "Roe"]])
    assert "sheet of cases" in refused(["batch", "template", "I-765", "-o", str(filled)], capsys, filled)
    link = tmp_path / "case.pdf"
    link.symlink_to(case)
    letter = ["letter", "render", "h1b_support", "--case", str(case), "-o"]
    assert "input of this run" in refused([*letter, str(link)], capsys, case)


def test_batch_reports_never_replace_the_sheet_of_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    sheet = out / "batch-report.csv"
    sheet.write_text("case_id,beneficiary.family_name\nX-1,Roe\n", encoding="utf-8")
    refused(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(out)], capsys, sheet)
    assert sorted(p.name for p in out.iterdir()) == ["batch-report.csv"]


def test_packet_build_refuses_to_write_over_its_evidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evidence = blank_pdf(tmp_path / "diploma.pdf")
    spec = write_yaml(
        tmp_path / "spec.yaml",
        {"kind": "filing", "exhibits": [{"title": "Degree", "files": ["diploma.pdf"]}]},
    )
    assert "input of this run" in refused(["packet", "build", str(spec), "-o", str(evidence)], capsys, evidence)
    folder = ["packet", "build", str(spec), "--out-dir", str(tmp_path)]
    (tmp_path / "spec.pdf").write_bytes(b"")  # an empty file in the way is nothing to lose
    (tmp_path / "spec.manifest.json").write_text("kind: filing\nparts: []\n", encoding="utf-8")
    assert "packet spec" in refused(folder, capsys, tmp_path / "spec.manifest.json")


# --- identity numbers: a fixed format, never repeated ---------------------------------------------------


def case_text(tmp_path: Path, beneficiary_extra: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        "case_id: HOSTILE-1\nbeneficiary:\n  family_name: Roe\n  given_name: Ana\n  birth_date: 1990-01-01\n"
        + beneficiary_extra,
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("line", "where", "secret"),
    [
        ("  a_number: A12345678O\n", "beneficiary.a_number: is not an A-Number", "2345678"),
        ("  a_number: 2.1345679e8\n", "beneficiary.a_number: is not an A-Number", "1345679"),
        ("  a_number: 2.1345679e+8\n", "beneficiary.a_number: must be text", "1345679"),  # a YAML float
        ("  a_number: 213456789\n", "beneficiary.a_number: must be text", "13456789"),  # a YAML int
        ("  a_number: [A09876543]\n", "beneficiary.a_number: must be text", "09876543"),
        ("  passport: [A09876543]\n", "beneficiary.passport:", "09876543"),
        ("  passport: {number: [A09876543]}\n", "beneficiary.passport.number: must be text", "09876543"),
        ("  passport: {number: A0987-6543}\n", "beneficiary.passport.number: is not a passport", "0987"),
        ("  ssn: 512-34-987O\n", "beneficiary.ssn: is not a Social Security number", "512"),
        ("  i94: {number: '4123456789O'}\n", "beneficiary.i94.number: is not an I-94 number", "123456789"),
        ("  uscis_account_number: '0001234567890'\n", "uscis_account_number: is not a USCIS online account", "1234567"),
        ("  entries: [{passport_number: [RL4418207]}]\n", "entries[0].passport_number: must be text", "4418207"),
        ("  marriage: {spouse: {family_name: Roe}, spouse_a_number: A1234567}\n", "spouse_a_number: is not", "1234567"),
    ],
)
def test_identity_numbers_have_a_format_and_are_never_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, where: str, secret: str
) -> None:
    case = case_text(tmp_path, line)
    assert main(["fill", "I-765", "--case", str(case), "-o", str(tmp_path / "x.pdf")]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and where in err and secret not in err
    assert not (tmp_path / "x.pdf").exists()


def test_receipt_numbers_and_eins_have_a_format(tmp_path: Path) -> None:
    from docgen.case.loader import parse_case
    from docgen.errors import CaseDataError

    data = sample()
    data["facts"]["receipt_numbers"] = [{"form": "I-129", "number": "WAC26900I2345"}]
    with pytest.raises(CaseDataError, match=r"receipt_numbers\[0\]\.number: is not a USCIS receipt number") as err:
        parse_case(data, "case.yaml")
    assert "26900" not in str(err.value)
    data = sample()
    data["petitioner"]["ein"] = "98-765432l"
    with pytest.raises(CaseDataError, match=r"petitioner\.ein: is not an EIN") as err:
        parse_case(data, "case.yaml")
    assert "765432" not in str(err.value)


def test_a_list_for_a_number_never_reaches_batch_reports_or_the_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    good = sample()
    write_yaml(cases / "a-good.yaml", good)
    bad = sample()
    bad["case_id"] = "ACME-BAD"
    bad["dependents"][0]["a_number"] = ["A09876543"]
    bad["dependents"][0]["passport"] = ["B12345678"]
    write_yaml(cases / "b-bad.yaml", bad)
    code = main(
        ["batch", "fill", "I-765", "--cases", str(cases), "--out-dir", str(out), "--for", "spouse", "--workers", "1"]
    )
    assert code == 13
    printed = capsys.readouterr()
    written = "".join(p.read_text(encoding="utf-8") for p in out.iterdir() if p.suffix in (".csv", ".json", ".jsonl"))
    assert "b-bad.yaml" in written and "dependents[0].a_number" in written
    for secret in ("09876543", "12345678"):
        assert secret not in written and secret not in printed.out + printed.err
    assert (out / "ACME-2026-0142_I-765.pdf").exists()  # the good case was filled


# --- CSV formula injection -----------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.invalid/x","open")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def read_csv_cells(text: str) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(text)))


def test_spreadsheet_cells_never_start_a_formula() -> None:
    from docgen.fileio import csv_text, spreadsheet_cell

    for formula in FORMULAS:
        assert spreadsheet_cell(formula) == "'" + formula
    assert spreadsheet_cell(-12) == -12 and spreadsheet_cell("ACME-1") == "ACME-1"
    cells = read_csv_cells(csv_text(["a", "b"], [[f, -3] for f in FORMULAS]))
    assert [row[0] for row in cells[1:]] == ["'" + f for f in FORMULAS]
    assert {row[1] for row in cells[1:]} == {"-3"}  # a number stays a number


def test_deadline_csv_neutralises_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime as dt

    from docgen.mailroom.docket import Deadline, DeadlineKind, open_docket

    docket = tmp_path / "docket.sqlite"
    with open_docket(docket) as d, d.transaction() as tx:
        for n, formula in enumerate(FORMULAS):
            due = dt.date(2031, 1, n + 1)
            tx.add_deadline(Deadline(formula, "=cmd|'/c calc'!A0", DeadlineKind.PASSPORT_EXPIRES, due, formula))
    out = tmp_path / "deadlines.csv"
    assert main(["deadlines", "--docket", str(docket), "--format", "csv", "-o", str(out), "--today", "2031-01-03"]) == 0
    rows = read_csv_cells(out.read_bytes().decode("utf-8"))[1:]
    # Neutralised first; control characters (tab, CR) then shown as escapes, as everywhere in the docket's output.
    assert [r[2] for r in rows] == [printable("'" + f) for f in FORMULAS]
    assert {r[3] for r in rows} == {"'=cmd|'/c calc'!A0"}
    assert [r[1] for r in rows][:3] == ["-2", "-1", "0"]  # days left stay numbers
    capsys.readouterr()


def test_batch_report_neutralises_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "cases.csv"
    import csv

    with sheet.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["case_id", "beneficiary.family_name"], *([f, "Roe"] for f in FORMULAS[:4])])
    out = tmp_path / "out"
    assert main(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(out), "--workers", "1"]) == 13
    rows = read_csv_cells((out / "batch-report.csv").read_text(encoding="utf-8"))[1:]
    assert sorted(r[1] for r in rows) == sorted("'" + f for f in FORMULAS[:4])
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    capsys.readouterr()


# --- one-line errors, never a traceback ----------------------------------------------------------------

BIG = "9" * 5000


def one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str], code: int) -> str:
    assert main(argv) == code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("docgen: error: "), err
    return err


def test_a_5000_digit_number_in_a_case_map_or_spec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_case = case_text(tmp_path, f"  household: {{size: {BIG}}}\n")
    fill = ["fill", "I-765", "-o", str(tmp_path / "x.pdf"), "--case"]
    assert "case.yaml:6: " in one_line_error([*fill, str(yaml_case)], capsys, 3)
    json_case = tmp_path / "case.json"
    json_case.write_text('{"case_id": "X", "beneficiary": {"household": {"size": ' + BIG + "}}}", encoding="utf-8")
    assert "more than 60 digits" in one_line_error([*fill, str(json_case)], capsys, 3)
    small_map = Path(__file__).parent / "fixtures" / "i-765-small.yaml"
    bad_map = tmp_path / "i-765-small.yaml"
    bad_map.write_text(small_map.read_text(encoding="utf-8") + f"lines_note: {BIG}\n", encoding="utf-8")
    err = one_line_error(["fill", str(bad_map), "--case", str(OKAFOR), "-o", str(tmp_path / "y.pdf")], capsys, 4)
    assert "more than 60 digits" in err
    spec = tmp_path / "spec.yaml"
    spec.write_text(f"kind: filing\nstamp: {{start: {BIG}}}\n", encoding="utf-8")
    assert "spec.yaml:2" in one_line_error(["packet", "build", str(spec), "-o", str(tmp_path / "p.pdf")], capsys, 9)


def test_a_folder_named_like_a_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "x.json"
    folder.mkdir()
    err = one_line_error(["fill", "I-765", "--case", str(folder), "-o", str(tmp_path / "x.pdf")], capsys, 3)
    assert "is a folder" in err


def test_one_bad_case_file_does_not_stop_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    write_yaml(cases / "a-good.yaml", sample())
    (cases / "b-huge.yaml").write_text(f"case_id: HUGE\nbeneficiary: {{household: {{size: {BIG}}}}}\n", "utf-8")
    (cases / "c-folder.json").mkdir()
    (cases / "d-broken.json").write_text('{"case_id": "X", ', encoding="utf-8")
    argv = ["batch", "fill", "I-765", "--for", "spouse", "--cases", str(cases), "--out-dir", str(out), "--workers", "1"]
    assert main(argv) == 13
    capsys.readouterr()
    report = (out / "batch-report.csv").read_text(encoding="utf-8")
    assert report.count(",done,") == 1 and report.count(",failed,") == 3
    assert "more than 60 digits" in report and "is a folder" in report and "not valid JSON" in report
    assert (out / "ACME-2026-0142_I-765.pdf").exists()


def write_sheet(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def rewrite_zip(path: Path, member: str, change: object) -> Path:
    """Replace one part of an Office file (``change`` maps its bytes to new bytes)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[member] = change(parts[member])  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def with_prolog(prolog: bytes, entity: bytes) -> object:
    def change(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
        return prolog + body.replace(b"<v>", b"<v>" + entity, 1)

    return change


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("truncated", "damaged or cut short"),
        ("bomb", "declares XML entities"),
        ("xxe", "declares XML entities"),
        ("expands", "expands 200x"),
    ],
)
def test_hostile_workbooks_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str, expected: str
) -> None:
    book = write_sheet(tmp_path / "cases.xlsx", [["case_id", "beneficiary.family_name"], ["X-1", "Roe"]])
    if damage == "truncated":
        book.write_bytes(book.read_bytes()[:-300])
    elif damage == "bomb":
        rewrite_zip(book, "xl/worksheets/sheet1.xml", with_prolog(BOMB, b"&lol3;"))
    elif damage == "xxe":
        rewrite_zip(book, "xl/worksheets/sheet1.xml", with_prolog(XXE, b"&xxe;"))
    else:
        rewrite_zip(
            book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<sheetData>", b" " * 4_000_000 + b"<sheetData>")
        )
    argv = ["batch", "fill", "I-765", "--cases", str(book), "--out-dir", str(tmp_path / "out")]
    assert expected in one_line_error(argv, capsys, 3)


def test_csv_cells_and_columns_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docgen.batch.sources import read_cases

    sheet = tmp_path / "cases.csv"
    sheet.write_text("case_id,beneficiary.family_name\nX-1," + "R" * 140_000 + "\n", encoding="utf-8")
    argv = ["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(tmp_path / "out")]
    assert "cases.csv:2: a cell over 131072 characters" in one_line_error(argv, capsys, 3)
    sheet.write_text("case_id,beneficiary.citizenship[99999999]\nX-1,Norway\n", encoding="utf-8")
    (row,) = read_cases(sheet)
    assert row.problem and "list position over 99" in row.problem and row.data == {"case_id": "X-1"}
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.write(b"case_id,beneficiary.family_name\n")
        handle.truncate(200 * 1024 * 1024)  # sparse: nothing is written or read
    argv = ["batch", "fill", "I-765", "--cases", str(huge), "--out-dir", str(tmp_path / "out2")]
    assert "over the 100 MB" in one_line_error(argv, capsys, 3)


def test_csv_with_a_quote_left_open_is_an_error_not_a_swallowed_row(tmp_path: Path) -> None:
    from docgen.batch.sources import read_cases
    from docgen.errors import CaseDataError

    sheet = tmp_path / "cases.csv"
    sheet.write_text('case_id,beneficiary.family_name\nX-1,"Roe\nX-2,Smith\nX-3,Doe\n', encoding="utf-8")
    with pytest.raises(CaseDataError, match=r"cases\.csv:\d: a quote .* is opened and not closed"):
        read_cases(sheet)
    sheet.write_text('case_id,beneficiary.family_name\nX-1,"Roe\nX-2,"Smith"\n', encoding="utf-8")
    with pytest.raises(CaseDataError, match="quote"):
        read_cases(sheet)
    sheet.write_text('case_id,job.duties[0].duty\nX-1,"Design, build\nand run ""pipelines"""\n', encoding="utf-8")
    (row,) = read_cases(sheet)  # a quoted cell over two lines is still fine
    assert row.data["job"]["duties"][0]["duty"] == 'Design, build\nand run "pipelines"'


def test_a_csv_that_cannot_be_read_says_why_as_any_data_file_does(tmp_path: Path) -> None:
    from docgen.batch.sources import read_csv
    from docgen.errors import CaseDataError

    (tmp_path / "latin1.csv").write_bytes("case_id,beneficiary.family_name\nX-1,Mu\xf1oz\n".encode("latin-1"))
    (tmp_path / "folder.csv").mkdir()
    for name, says in (
        ("gone.csv", "no such CSV file; check the path"),  # said "cannot read (No such file or directory)"
        ("latin1.csv", "not UTF-8 text; save the spreadsheet as CSV UTF-8"),
        ("folder.csv", "is a folder, not a CSV file"),
    ):
        with pytest.raises(CaseDataError, match=re.escape(f"{name}: {says}")):
            read_csv(tmp_path / name)


def make_docx_template(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_paragraph("Dear {{ beneficiary.given_name }},")
    document.save(str(path))
    return path


@pytest.mark.parametrize("damage", ["bomb", "huge"])
def test_hostile_letter_templates_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    template = make_docx_template(tmp_path / "hostile.docx")
    if damage == "bomb":
        rewrite_zip(
            template, "word/document.xml", lambda xml: BOMB + xml.split(b"?>", 1)[1].replace(b"Dear", b"&lol3;")
        )
        expected = "declares XML entities"
    else:
        with template.open("r+b") as handle:
            handle.truncate(2 * 1024**3)  # a sparse 2 GB file: nothing is read
        expected = "too large for a letter template"
    argv = ["letter", "render", str(template), "--case", str(OKAFOR), "-o", str(tmp_path / "x.docx")]
    assert expected in one_line_error(argv, capsys, 7)


# --- bounded work, private leftovers, processes that die with the driver --------------------------------


def test_the_addendum_wrapper_keeps_every_character_of_a_long_unbroken_value() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from docgen.forms.addendum import _wrap

    token = "".join(chr(0x41 + (i * 7) % 26) for i in range(20_000))
    text = f"See {token} and then some words after it\nsecond paragraph"
    lines = _wrap(text, "Helvetica", 10, 480)
    assert all(stringWidth(line, "Helvetica", 10) <= 480 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")  # broken, never cut
    assert lines[0] == "See" and lines[-1] == "second paragraph" and len(lines) > 40


def test_a_very_long_value_continues_in_full(tmp_path: Path, forms_dir: Path) -> None:
    data = sample()
    data["dependents"][0]["mailing_address"]["street"] = "S" * 8_000
    data["dependents"][0]["mailing_address"]["city"] = "C" * 8_000
    small = Path(__file__).parent / "fixtures" / "i-765-small.yaml"
    result = fill_form(str(small), write_yaml(tmp_path / "c.yaml", data), person="spouse", forms_dir=forms_dir)
    assert sorted(e.text for e in result.addendum) == ["C" * 8_000, "S" * 8_000]
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert len(pdf.pages) > 8


def dead_pid() -> int:
    import subprocess
    import sys

    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(process.stdout)


def test_a_killed_conversion_leaves_no_readable_letter(tmp_path: Path) -> None:
    import stat
    import tempfile

    from docgen.letters.convert import convert_to_pdf

    stale = Path(tempfile.gettempdir()) / f"docgen-convert-{dead_pid()}-probe"
    stale.mkdir()
    (stale / "letter.docx").write_bytes(b"a letter of a client whose conversion was killed")
    seen: dict[str, int] = {}

    class Observer:  # LibreOffice's place: notes what it was given, writes a minimal PDF
        def convert(self, source: Path, target: Path) -> None:
            seen["file"] = stat.S_IMODE(source.stat().st_mode)
            seen["folder"] = stat.S_IMODE(source.parent.stat().st_mode)
            target.write_bytes(b"%PDF-1.4\n%%EOF\n")

        def close(self) -> None:
            pass

    convert_to_pdf(b"PK docx bytes", converter=Observer())
    assert seen == {"file": 0o600, "folder": 0o700}
    assert not stale.exists()  # the killed run's folder was swept


def test_resume_removes_half_written_files_and_folders_are_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import stat

    out = tmp_path / "new" / "batch"
    out.mkdir(parents=True)
    part = out / ".ACME-2026-0142_I-765.pdf.x1y2z3.part"
    part.write_bytes(b"%PDF-1.7 half")
    other = out / ".someone-elses.txt.part"
    other.write_bytes(b"keep")
    case = tmp_path / "cases"
    case.mkdir()
    write_yaml(case / "okafor.yaml", sample())
    argv = ["batch", "fill", "I-765", "--for", "spouse", "--cases", str(case), "--out-dir", str(out), "--workers", "1"]
    assert main([*argv, "--resume"]) == 0
    assert not part.exists() and other.exists()
    fresh = tmp_path / "made" / "by" / "docgen"
    assert main([*argv[:-4], "--out-dir", str(fresh), "--workers", "1"]) == 0
    for folder in (tmp_path / "made", tmp_path / "made" / "by", fresh):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    deep = tmp_path / "letters" / "2026" / "i-765.pdf"
    assert main(["fill", "I-765", "--case", str(case / "okafor.yaml"), "--for", "spouse", "-o", str(deep)]) == 0
    assert stat.S_IMODE(deep.parent.stat().st_mode) == 0o700
    capsys.readouterr()


def test_counts_cannot_be_negative_and_names_are_composed(tmp_path: Path, forms_dir: Path) -> None:
    from docgen.case.loader import parse_case
    from docgen.errors import CaseDataError

    data = sample()
    data["petitioner"]["employees_us"] = -5
    with pytest.raises(CaseDataError, match=r"petitioner\.employees_us"):
        parse_case(data, "case.yaml")
    data = sample()
    data["dependents"][0]["given_name"] = "Jose\u0301"  # e + combining acute, as some keyboards type it
    small = Path(__file__).parent / "fixtures" / "i-765-small.yaml"
    result = fill_form(str(small), write_yaml(tmp_path / "c.yaml", data), person="spouse", forms_dir=forms_dir)
    assert reopen_values(result.data)["form1[0].Page1[0].Line1b_GivenName[0]"] == "Jos\u00e9"


def descendants(root: int) -> dict[int, str]:
    """Every process below ``root`` (pid -> command line), from /proc."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat_line = (entry / "stat").read_text()
            commands[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat_line.rsplit(")", 1)[1].split()[1])
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in found:
                found[child] = commands.get(child, "")
                frontier.append(child)
    return found


def command_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_of_the_batch_letter_driver_leaves_no_worker_or_libreoffice(tmp_path: Path) -> None:
    import contextlib
    import os
    import signal
    import subprocess
    import sys
    import tempfile
    import time

    from docgen.fileio import sweep_private_temp

    below: dict[int, str] = {}
    cases = tmp_path / "cases"
    cases.mkdir()
    for n in range(4):
        data = sample()
        data["case_id"] = f"KILL-{n}"
        write_yaml(cases / f"c{n}.yaml", data)
    command = "import sys; from docgen.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = [
        "batch",
        "letter",
        "h1b_support",
        "--cases",
        str(cases),
        "--out-dir",
        str(tmp_path / "out"),
        "--workers",
        "2",
    ]
    driver = subprocess.Popen(
        [sys.executable, "-c", command, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and driver.poll() is None:
            below = descendants(driver.pid)
            if any("soffice" in c for c in below.values()):
                break
            time.sleep(0.2)
        assert any("soffice" in c for c in below.values()), "LibreOffice never started under the batch"
        time.sleep(0.5)
        below = descendants(driver.pid)
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait()
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and any(alive(pid) for pid in below):
            time.sleep(0.25)
        left = {pid: c for pid, c in below.items() if alive(pid)}
        assert not left, f"left running after kill -9 of the driver: {left}"
        profiles = [Path(tempfile.gettempdir()).glob(f"docgen-office-{pid}-*") for pid in below]
        sweep_private_temp("docgen-office-")  # what the next LibreOffice start does with killed workers' profiles
        assert not [p for found in profiles for p in found]
    finally:  # whatever happened, nothing of this test keeps running
        for pid, command_line in {**below, **descendants(driver.pid)}.items():
            if alive(pid) and command_of(pid) == command_line:  # the same process, not a reused id
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        if driver.poll() is None:
            driver.kill()
            driver.wait()


# --- issue 11: editions, today ------------------------------------------------------------------------


def test_editions_with_four_digit_years_sort_by_date(tmp_path: Path) -> None:
    import datetime as dt

    from docgen.bundled import bundled_dir
    from docgen.forms.registry import edition_date, find_map

    maps = bundled_dir("form_maps")
    source = (maps / "eta-9089_05-31-21.yaml").read_text(encoding="utf-8")
    for edition in ("05/31/2021", "05/31/2024", "12/01/2019"):
        text = source.replace('edition: "05/31/2021"', f'edition: "{edition}"')
        (tmp_path / f"eta-9089_{edition.replace('/', '-')}.yaml").write_text(text, encoding="utf-8")
    assert find_map("ETA-9089", tmp_path).edition == "05/31/2024"
    assert find_map("ETA-9089", tmp_path, edition="05/31/2021").edition == "05/31/2021"
    assert edition_date("10/31/22") == dt.date(2022, 10, 31) and edition_date("05/31/2021") == dt.date(2021, 5, 31)
    assert edition_date("draft") is None and edition_date("13/45/22") is None


def test_today_is_read_at_each_fill_not_when_the_map_was_cached(
    tmp_path: Path, forms_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from docgen import templating
    from docgen.case import load_case
    from docgen.forms.fill import fill_case, prepare

    small = Path(__file__).parent / "fixtures" / "i-765-small.yaml"
    dated = tmp_path / "i-765-small.yaml"
    rule = '"{{ applicant.middle_name }}"'
    dated.write_text(small.read_text(encoding="utf-8").replace(rule, '"{{ today | uscis_date }}"'), encoding="utf-8")
    prepared = prepare(str(dated), forms_dir)  # cached: a long-lived process keeps it for days
    case = load_case(OKAFOR)
    middle = "form1[0].Page1[0].Line1c_MiddleName[0]"
    assert fill_case(prepared, case, "spouse").values[middle] == dt.date.today().strftime("%m/%d/%Y")
    monkeypatch.setattr(templating, "current_date", lambda: dt.date(2030, 1, 2))  # the calendar moves on
    assert prepare(str(dated), forms_dir) is prepared
    assert fill_case(prepared, case, "spouse").values[middle] == "01/02/2030"


# --- a short fuzz run (bench/fuzz_readers.py runs it longer) -------------------------------------------


@pytest.mark.parametrize(("reader", "examples"), [("case", 25), ("spec", 20), ("map", 4)])
def test_readers_accept_or_refuse_in_one_line_never_a_traceback(reader: str, examples: int) -> None:
    from bench.fuzz_readers import fuzz

    accepted, refused = fuzz(reader, examples)
    assert accepted + refused >= examples // 2 and refused > 0


# --- the terminal never gets raw control characters ----------------------------------------------------


def test_control_characters_reach_the_terminal_only_as_visible_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = "\x1b]0;owned\x07\x1b[2J\u2028\u202e"
    err = one_line_error(["fill", "I-765", "--case", str(tmp_path / f"{evil}.yaml"), "-o", "x.pdf"], capsys, 3)
    assert "\\x1b" in err and "\x1b" not in err and "\u2028" not in err and "\u202e" not in err
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / f"{evil}.yaml").write_text("case_id: X\n", encoding="utf-8")  # a file name is user input too
    argv = ["batch", "fill", "I-765", "--cases", str(cases), "--out-dir", str(tmp_path / "out"), "--workers", "1"]
    assert main(argv) == 13
    printed = capsys.readouterr()
    for stream in (printed.out, printed.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\u2028" not in stream
    assert "\\x1b" in printed.err


def test_a_full_disk_is_its_own_problem_wherever_a_file_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docgen.fileio as fileio
    from docgen.errors import DiskFullError, exit_code

    class Full(io.BytesIO):
        def write(self, data: object) -> int:  # what every write meets on a full disk
            raise OSError(28, "No space left on device")

    def full_disk(fd: int, mode: str) -> Full:
        os.close(fd)
        return Full()

    monkeypatch.setattr(fileio.os, "fdopen", full_disk)
    with pytest.raises(DiskFullError, match=r"out\.pdf: the disk is full") as err:
        fileio.write_bytes_atomic(tmp_path / "out.pdf", b"%PDF-1.7")
    assert exit_code(err.value) == 16
    assert not list(tmp_path.iterdir())  # nothing half-written left behind
