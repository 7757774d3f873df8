"""A new user's trial of the reports (session 9): a global-mobility manager's own fictional assignees (Borealis
Robotics) in the windows of the expirations report, a person in two case files, an H-1B near its six-year limit.
Every name, number and date here is invented."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from docgen.case.loader import load_case
from docgen.cli import main
from docgen.compliance.reports import expirations_report, h1b_six_year_end, load_cases

TODAY = dt.date(2026, 12, 2)

HEAD = """\
# fictional
case_id: {case_id}
petitioner:
  name: "Borealis Robotics, Inc."
  address: {street: 77 Harbor Way, city: Seattle, state: WA, zip_code: "98101", country: United States}
"""

VIKRAM = """\
  id: principal
  family_name: Rao
  given_name: Vikram
  birth_date: 1986-03-15
  employee_id: E-2002
  passport: {number: P2222222, country: India, expiry_date: 2031-03-03}
  i94: {number: "22222222201", arrival_date: 2024-03-10, status: H-1B, expiry_date: 2027-01-15}
"""

DEVIKA = """\
  family_name: Rao
  given_name: Devika
  birth_date: 1989-08-12
  passport: {number: S7654321, country: India, expiry_date: 2031-05-05}
  i94: {number: "22222222202", arrival_date: 2024-03-10, status: H-4, expiry_date: 2027-01-15}
  ead: {category: (c)(26), valid_from: 2025-12-21, expiry_date: 2026-12-20}
"""

CASES = {
    # the family's H-1B extension, not filed yet
    "BRX-002": HEAD
    + "beneficiary:\n"
    + VIKRAM
    + "dependents:\n  - id: spouse\n    relationship: spouse\n"
    + DEVIKA.replace("  ", "    ")
    + "facts: {form: I-129, classification: H-1B, basis: continuation, status: preparing, approved_to: 2027-01-15}\n",
    # Vikram's green card: I-485 received 2026-06-01, pending
    "BRX-006": HEAD
    + "beneficiary:\n"
    + VIKRAM
    + "facts: {form: I-485, classification: EB-2, status: receipted, filed_date: 2026-06-01}\n",
    # Devika's own H-4 EAD case
    "BRX-010": HEAD
    + "beneficiary:\n  id: principal\n"
    + DEVIKA
    + "facts: {form: I-765, classification: H-4, status: approved, approved_to: 2026-12-20}\n",
    # a withdrawn O-1: its dates alert no one
    "BRX-009": HEAD
    + """beneficiary:
  family_name: Haddad
  given_name: Omar
  birth_date: 1980-09-09
  i94: {number: "99999999901", arrival_date: 2024-03-10, status: O-1, expiry_date: 2026-12-05}
facts: {form: I-129, classification: O-1, basis: new_employment, status: withdrawn}
""",
    # an H-1B near the six-year limit: L-1B from 2021-04-20, out of status in April 2022, H-1B since 2022-05-01
    "BRX-003": HEAD
    + """beneficiary:
  family_name: Novak
  given_name: Tereza
  birth_date: 1990-10-10
  employee_id: E-2003
  i94: {number: "33333333301", arrival_date: 2024-10-05, status: H-1B, expiry_date: 2027-09-30}
  status_history:
    - {status: H-1B, start_date: 2022-05-01}
    - {status: L-1B, start_date: 2021-04-20, end_date: 2022-03-31}
facts: {form: I-129, classification: H-1B, basis: continuation, status: approved, approved_to: 2027-09-30}
""",
}


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for case_id, text in CASES.items():
        (folder / f"{case_id}.yaml").write_text(text.replace("{case_id}", case_id), encoding="utf-8")
    return folder


def _rows(folder: Path, within: int = 180) -> list[dict[str, object]]:
    loaded = load_cases(folder)
    assert not loaded.problems, loaded.problems
    return expirations_report(loaded.cases, within=within, today=TODAY).rows


def test_a_pending_green_card_does_not_give_the_i94_the_240_day_rule(cases: Path) -> None:
    """An I-485 received before the I-94 ends was read as an extension of stay: the report said Vikram "may keep
    working for the same employer until 2027-09-12 (240-day rule)", which only a timely I-129 extension gives."""
    (cases / "BRX-002.yaml").unlink()  # the green card alone
    (row,) = [r for r in _rows(cases) if r["case_id"] == "BRX-006" and r["document"].startswith("I-94")]
    assert "240-day" not in str(row["action"]) and row["work_until"] is None, row
    assert str(row["action"]).startswith("file the extension of stay"), row


def test_a_person_in_two_case_files_is_listed_once_naming_the_other_case(cases: Path, tmp_path: Path) -> None:
    """Vikram is in his H-1B case and his green-card case, Devika in the family's case and her own EAD case: each
    of their I-94s and Devika's EAD was listed twice, and HR counted two expirations for one card."""
    out = tmp_path / "exp.xlsx"
    code = main(["report", "expirations", "--cases", str(cases), "--within", "180", "--today", TODAY.isoformat(),
                 "--format", "xlsx", "-o", str(out)])  # fmt: skip
    assert code == 0
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header, *values = [list(r) for r in sheet.iter_rows(values_only=True)]
    rows = [dict(zip(header, v, strict=True)) for v in values]
    seen = [(r["name"], r["document"], r["expires"]) for r in rows]
    assert len(seen) == len(set(seen)), seen
    (ead,) = [r for r in rows if r["name"] == "Devika Rao" and str(r["document"]).startswith("EAD")]
    assert (ead["case_id"], ead["also_in"], ead["days_left"]) == ("BRX-010", "BRX-002", 18)
    assert ead["expires"] == dt.datetime(2026, 12, 20)  # a date cell, as HR sorts it
    (i94,) = [r for r in rows if r["name"] == "Vikram Rao" and str(r["document"]).startswith("I-94")]
    assert (i94["case_id"], i94["also_in"], i94["days_left"]) == ("BRX-002", "BRX-006", 44)
    # his status validity is the H-1B case's own, listed once; the withdrawn O-1 is not listed at all
    assert [r["case_id"] for r in rows if str(r["document"]).startswith("Status")] == ["BRX-002"]
    assert "BRX-009" not in {r["case_id"] for r in rows}


def test_two_people_with_one_name_but_other_birth_dates_stay_two_rows(cases: Path) -> None:
    text = (cases / "BRX-010.yaml").read_text(encoding="utf-8").replace("1989-08-12", "1991-01-01")
    (cases / "BRX-010.yaml").write_text(text, encoding="utf-8")
    eads = [r for r in _rows(cases) if r["name"] == "Devika Rao" and str(r["document"]).startswith("EAD")]
    assert sorted(r["case_id"] for r in eads) == ["BRX-002", "BRX-010"] and not any(r["also_in"] for r in eads)


def test_the_h1b_six_year_limit_is_listed_with_the_time_out_of_status_added(cases: Path, tmp_path: Path) -> None:
    """The six-year limit was not tracked at all. L-1B time counts; the 30 days of April 2022 between the L-1B and
    the H-1B do not: six years from 2021-04-20 end on 2027-04-19, plus 30 days: 2027-05-19."""
    case = load_case(cases / "BRX-003.yaml")
    assert h1b_six_year_end(case.beneficiary) == dt.date(2027, 5, 19)
    # listed from its start-by day (540 days before: the PERM takes months), even in a 30-day report
    (row,) = [r for r in _rows(cases, within=30) if r["case_id"] == "BRX-003"]
    assert row["document"] == "H-1B six-year limit (H and L time)" and row["expires"] == dt.date(2027, 5, 19)
    assert row["days_left"] == 168 and row["start_by"] == dt.date(2025, 11, 25)
    assert "AC21" in str(row["action"]) and "recaptured" in str(row["action"])
    out = tmp_path / "hris.csv"
    assert main(["report", "hris", "--cases", str(cases), "--format", "csv", "-o", str(out)]) == 0
    (hris,) = [r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))) if r["case_id"] == "BRX-003"]
    assert hris["h1b_six_year_end"] == "2027-05-19"


@pytest.mark.parametrize(
    ("history", "end"),
    [
        ([("H-1B", "2020-03-01", None)], dt.date(2026, 2, 28)),  # continuous: the day before the anniversary
        ([("H-1B", "2020-02-29", None)], dt.date(2026, 2, 28)),  # a leap day start: 1 March is the anniversary
        ([("H-4", "2019-01-01", "2020-12-31"), ("H-1B", "2021-01-01", None)], dt.date(2024, 12, 31)),  # H-4 counts
        ([("F-1", "2015-09-01", "2019-05-31"), ("H-1B", "2019-10-01", None)], dt.date(2025, 9, 30)),  # F-1 not
        ([("H-1B", "2019-10-01", "2022-09-30"), ("H-1B", "2022-06-01", None)], dt.date(2025, 9, 30)),  # overlap
        ([("H-1B", "2019-10-01", "2021-09-30"), ("L-1A", "2021-10-01", None)], None),  # now L-1A: another limit
    ],
)
def test_six_year_end(history: list[tuple[str, str, str | None]], end: dt.date | None) -> None:
    from docgen.case.model import Person

    periods = [{"status": s, "start_date": a, "end_date": b} for s, a, b in history]
    person = Person.model_validate(
        {"family_name": "Novak", "given_name": "Tereza", "birth_date": "1990-10-10", "status_history": periods}
    )
    assert h1b_six_year_end(person) == end


def test_a_status_period_that_ends_before_it_starts_is_refused_naming_both_fields(
    cases: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = cases / "BRX-003.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2022-03-31", "2020-03-31"), encoding="utf-8")
    assert main(["report", "expirations", "--cases", str(cases), "--today", TODAY.isoformat()]) == 3
    err = capsys.readouterr().err
    assert "status_history[1].end_date" in err and "start_date" in err and "Traceback" not in err, err


@pytest.mark.editions_enforced
def test_batch_packet_takes_the_spec_s_accepted_edition_as_packet_build_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's `docgen batch packet samples/packets/h1b-filing.yaml --cases ...` stopped at once: "USCIS does
    not accept edition 02/04/19 of Form I-539 ...; accept it with --accept-edition", though the spec's I-539 part
    accepts it (`accept_edition:`) and `docgen packet build` of the same spec builds."""
    from tests.conftest import SAMPLES

    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "ACME-2026-0142.yaml").write_bytes((SAMPLES / "cases" / "h1b-okafor.yaml").read_bytes())
    spec = tmp_path / "h4.yaml"
    spec.write_text(
        "kind: filing\nname: h4\ntitle: H-4 extension\nprofile: paper\nparts:\n"
        "  - form: I-539\n    for: spouse\n"
        '    accept_edition: {edition: 02/04/19, reason: "the only I-539 blank at hand; not for filing"}\n'
        "checks:\n  not_enclosed:\n"
        + "".join(
            f"    - {{item: '{item}', reason: added at assembly}}\n"
            for item in ("marriage:spouse", "dependant-i94:spouse", "principal-status")
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = main(["batch", "packet", str(spec), "--cases", str(folder), "--out-dir", str(out), "--workers", "1"])
    assert code == 0, capsys.readouterr().err
    assert [p.name for p in out.glob("*.pdf")] == ["ACME-2026-0142_h4.pdf"], list(out.iterdir())


def test_a_withdrawn_case_is_not_counted_as_denied_in_the_status_report(cases: Path, tmp_path: Path) -> None:
    """The withdrawn O-1 was in the stage 'denied' of `report status`: the manager's weekly count said one petition
    was denied when the company had withdrawn it. A closed case was 'drafting'."""
    path = cases / "BRX-008.yaml"
    path.write_text((cases / "BRX-009.yaml").read_text(encoding="utf-8").replace("BRX-009", "BRX-008").replace(
        "status: withdrawn", "status: closed"), encoding="utf-8")  # fmt: skip
    out = tmp_path / "status.csv"
    assert main(["report", "status", "--cases", str(cases), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    stages = {r["case_ids"]: r["stage"] for r in rows}
    assert stages["BRX-009"] == "withdrawn" and stages["BRX-008"] == "closed", stages
    assert not any(r["stage"] == "denied" for r in rows)


def test_the_hris_import_has_one_row_per_employee_in_two_case_files(cases: Path, tmp_path: Path) -> None:
    """Vikram (E-2002) is in his H-1B case and his green-card case: the Workday import had two rows with one
    Employee_ID. They agree, so they are one row naming both cases; rows that disagree stay apart (nothing picked)."""
    from tests.conftest import SAMPLES

    out = tmp_path / "hris.csv"
    mapping = str(SAMPLES / "reports" / "workday-hris.yaml")
    args = ["report", "hris", "--cases", str(cases), "--mapping", mapping, "--format", "csv", "-o", str(out)]
    assert main(args) == 0
    rows = [r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))) if r["Employee_ID"] == "E-2002"]
    assert [(r["Immigration_Case_ID"], r["I94_Expiration_Date"], r["Visa_Valid_To"]) for r in rows] == [
        ("BRX-002, BRX-006", "01/15/2027", "01/15/2027")
    ]
    path = cases / "BRX-006.yaml"  # the green-card file still has the old I-94: the import shows both
    path.write_text(path.read_text(encoding="utf-8").replace("expiry_date: 2027-01-15", "expiry_date: 2026-06-30"))
    assert main(args) == 0
    rows = [r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))) if r["Employee_ID"] == "E-2002"]
    assert sorted(r["I94_Expiration_Date"] for r in rows) == ["01/15/2027", "06/30/2026"]


def test_docgen_deadlines_lists_a_person_s_ead_once_and_no_withdrawn_case(
    cases: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docgen.mailroom.case_sync import sync_case_folder
    from docgen.mailroom.docket import open_docket

    docket = tmp_path / "docket.sqlite"
    with open_docket(docket, create=True) as opened:
        sync_case_folder(opened, cases)
    capsys.readouterr()
    assert main(["deadlines", "--docket", str(docket), "--format", "csv", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.count("Devika Rao: EAD expires") == 1 and "BRX-009" not in out, out


def test_a_missing_i539_explanation_says_which_answers_ask_for_it(tmp_path: Path) -> None:
    """Counsel's H-4 wave stopped on every spouse with "I-539 Part 8, Item 3.d (Additional Information): needs a
    value": nothing said that the "No" to Part 4, Item 14 (employed since admission) asks for an explanation."""
    from docgen.errors import DocgenError
    from docgen.forms.fill import fill_form
    from tests.conftest import SAMPLES

    text = (SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8")
    start = text.index("        explanations:")
    end = text.index("      I-765:")
    path = tmp_path / "case.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        fill_form("I-539", path, person="spouse", output=tmp_path / "i539.pdf")
    message = str(caught.value)
    assert "Part 8, Item 3.d" in message and "Part 4, Item 14" in message and "explanations[0].text" in message
    assert not (tmp_path / "i539.pdf").exists()
