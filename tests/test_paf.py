"""H-1B public access files: built from the bundled sample, audited clean, and one file per problem the
audit must catch. Real DOCX memos (docxtpl), real PDFs (reportlab look-alike LCAs), real calendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.case.loader import load_case
from docgen.cli import main
from docgen.compliance.check import audit_cases, audit_folder
from docgen.compliance.dates import paf_deadlines, retention
from docgen.compliance.paf import build_paf
from docgen.compliance.rules import add_business_days, business_days_between, is_business_day, load_rules
from docgen.errors import CaseDataError, DamagedFileError, PacketError, TemplateError
from docgen.mailroom.deadlines import from_case
from docgen.mailroom.docket import DeadlineKind, open_docket
from docgen.yamlio import load_yaml_file
from samples.paf.make_lca import lca_pdf, okafor_sheet

ROOT = Path(__file__).resolve().parents[1]
OKAFOR = ROOT / "samples" / "cases" / "h1b-okafor.yaml"
SAMPLE_LCA = ROOT / "samples" / "paf" / "lca-okafor.pdf"
SAMPLE_NOTICE = ROOT / "samples" / "paf" / "notice-okafor.pdf"
BUILT = dt.date(2026, 2, 24)
CHECKED = dt.date(2026, 3, 10)


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return " ".join(part.split(">", 1)[-1] for part in xml.split("</w:t>"))


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:  # words joined by single spaces: a line break in a PDF is layout, not text
        return " ".join(" ".join(page.get_textpage().get_text_range() for page in document).split())
    finally:
        document.close()


def case_variant(tmp_path: Path, change: Callable[[dict[str, Any]], None], name: str = "case.yaml") -> Path:
    """The sample case with one change, written to tmp_path."""
    data = json.loads(json.dumps(load_yaml_file(OKAFOR, CaseDataError)))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def build(tmp_path: Path, case: Path = OKAFOR, lca: Path | None = SAMPLE_LCA, folder: str = "paf") -> Path:
    out = tmp_path / folder
    build_paf(case, out, lca_pdf=lca, notice_copy=SAMPLE_NOTICE, today=BUILT)
    return out


def problems_of(folder: Path, today: dt.date = CHECKED) -> list[str]:
    return [f.problem for f in audit_folder(folder, today=today).problems]


# --- the calendar -------------------------------------------------------------------------------


def test_business_days_skip_weekends_and_federal_holidays() -> None:
    assert not is_business_day(dt.date(2026, 11, 26))  # Thanksgiving
    assert not is_business_day(dt.date(2026, 7, 3))  # Independence Day observed (July 4 is a Saturday)
    assert is_business_day(dt.date(2026, 11, 27))
    assert business_days_between(dt.date(2026, 11, 20), dt.date(2026, 12, 3)) == 9  # 14 calendar days
    assert add_business_days(dt.date(2026, 1, 16), 1) == dt.date(2026, 1, 20)  # Friday, then MLK Day


def test_every_rule_names_its_source() -> None:
    rules = load_rules()
    sources = [d.source for d in rules.documents] + [rules.notice.source, rules.retention.source]
    assert all("CFR 655.7" in s for s in sources)
    assert rules.notice.business_days == 10 and rules.notice.locations == 2
    assert rules.retention.source == "20 CFR 655.760(c)"


# --- building --------------------------------------------------------------------------------------


def test_sample_paf_is_built_and_checks_clean(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(OKAFOR, cases / OKAFOR.name)
    folder = cases / "ACME-2026-0142" / "paf"
    args = ["paf", "build", str(OKAFOR), "--lca", str(SAMPLE_LCA), "--notice-copy", str(SAMPLE_NOTICE)]
    args += ["-o", str(folder), "--date", "2026-02-24"]
    assert main(args) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "00-index.pdf",
        "01-lca.pdf",
        "02-wage-rate.docx",
        "03-actual-wage-system.docx",
        "04-prevailing-wage.docx",
        "05-notice.docx",
        "06-notice-copy.pdf",
        "07-benefits.docx",
        "paf.json",
    ]
    assert (folder / "01-lca.pdf").read_bytes() == SAMPLE_LCA.read_bytes()
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in folder.iterdir())
    assert "$168,500.00 per year" in docx_text(folder / "02-wage-rate.docx")
    assert "$151,320.00 per year" in docx_text(folder / "04-prevailing-wage.docx")
    assert "OFLC Online Wage Library" in docx_text(folder / "04-prevailing-wage.docx")
    notice = docx_text(folder / "05-notice.docx")
    assert "Kitchen notice board" in notice and "Elevator lobby" in notice and "March 5, 2026" in notice
    assert "401(k) plan" in docx_text(folder / "07-benefits.docx")
    index = pdf_text(folder / "00-index.pdf")
    assert "I-200-26054-123456" in index and "20 CFR 655.760(a)(4)" in index and "September 30, 2030" in index
    manifest = json.loads((folder / "paf.json").read_text())
    assert manifest["dates"]["available_by"] == "2026-02-24"
    assert [d["id"] for d in manifest["documents"]][:2] == ["lca", "wage_rate"]
    csv_path = tmp_path / "check.csv"
    assert main(["paf", "check", "--cases", str(cases), "--today", "2026-03-10", "--csv", str(csv_path)]) == 0
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert [(r["case_id"], r["status"], r["problems"]) for r in rows] == [("ACME-2026-0142", "ok", "")]
    assert rows[0]["retention_until"] == "2030-09-30"


def test_missing_memo_facts_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    def drop(data: dict[str, Any]) -> None:
        del data["job"]["lca"]["actual_wage_system"]
        del data["job"]["lca"]["prevailing_wage_source"]

    case = case_variant(tmp_path, drop)
    with pytest.raises(TemplateError) as caught:
        build_paf(case, tmp_path / "out", lca_pdf=SAMPLE_LCA, today=BUILT)
    message = str(caught.value)
    assert "job.lca.actual_wage_system" in message and "job.lca.prevailing_wage_source" in message
    assert "paf_actual_wage_system.docx" in message and "paf_prevailing_wage.docx" in message
    assert not (tmp_path / "out").exists()


def test_case_without_lca_section_is_refused_by_name(tmp_path: Path) -> None:
    case = case_variant(tmp_path, lambda d: d["job"].pop("lca"))
    assert main(["paf", "build", str(case), "-o", str(tmp_path / "out")]) == 3


def test_h1b_dependent_employer_gets_the_exempt_worker_list(tmp_path: Path) -> None:
    def dependent(data: dict[str, Any]) -> None:
        data["job"]["lca"]["h1b_dependent"] = True
        data["job"]["lca"]["exempt_workers"] = ["Chidera Ngozi Okafor (master's degree; $168,500 a year)"]

    folder = build(tmp_path, case_variant(tmp_path, dependent))
    text = docx_text(folder / "08-exempt-workers.docx")
    assert "H-1B-dependent employer" in text and "Chidera Ngozi Okafor" in text
    assert problems_of(folder) == []
    (folder / "08-exempt-workers.docx").unlink()
    assert problems_of(folder) == ["missing: H-1B-dependent employer or willful violator - list of exempt H-1B workers"]


# --- the LCA PDF -------------------------------------------------------------------------------------


def test_lca_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "lca.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    with pytest.raises(DamagedFileError, match=r"certified LCA: .*lca.pdf: not a PDF"):
        build_paf(OKAFOR, tmp_path / "out", lca_pdf=fake, today=BUILT)
    assert not (tmp_path / "out").exists()


def test_lca_of_another_case_or_period_is_refused(tmp_path: Path) -> None:
    other = okafor_sheet()
    other.case_number = "I-200-26054-999999"
    wrong_number = tmp_path / "other.pdf"
    wrong_number.write_bytes(lca_pdf(other))
    with pytest.raises(PacketError, match=r"the PDF is LCA I-200-26054-999999 but the case says job.lca_number"):
        build_paf(OKAFOR, tmp_path / "out", lca_pdf=wrong_number, today=BUILT)
    period = okafor_sheet()
    period.end = dt.date(2028, 9, 30)
    wrong_dates = tmp_path / "period.pdf"
    wrong_dates.write_bytes(lca_pdf(period))
    with pytest.raises(PacketError, match=r"does not show job.lca.valid_to 2029-09-30"):
        build_paf(OKAFOR, tmp_path / "out", lca_pdf=wrong_dates, today=BUILT)


def test_scanned_lca_is_kept_with_a_note(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(lca_pdf(okafor_sheet(), scan=True))
    result = build_paf(OKAFOR, tmp_path / "out", lca_pdf=scan, today=BUILT)
    assert any("no text layer" in note for note in result.notes)
    assert (tmp_path / "out" / "01-lca.pdf").read_bytes() == scan.read_bytes()


# --- one file per problem the audit must catch ---------------------------------------------------------


def test_missing_documents_are_reported_with_the_fix(tmp_path: Path) -> None:
    folder = build(tmp_path, lca=None)
    (folder / "04-prevailing-wage.docx").unlink()
    (folder / "06-notice-copy.pdf").unlink()
    audit = audit_folder(folder, today=CHECKED)
    found = {f.problem: (f.fix, f.source) for f in audit.problems}
    assert set(found) == {
        "missing: Certified Labor Condition Application (Form ETA-9035/9035E), signed",
        "missing: Prevailing wage and its source",
        "missing: Copy of the notice as posted or sent",
    }
    assert "--notice-copy NOTICE.pdf" in found["missing: Copy of the notice as posted or sent"][0]
    assert "--lca LCA.pdf" in found["missing: Certified Labor Condition Application (Form ETA-9035/9035E), signed"][0]
    assert found["missing: Prevailing wage and its source"][1] == "20 CFR 655.760(a)(4)"


def test_posting_shorter_than_ten_business_days(tmp_path: Path) -> None:
    def short(data: dict[str, Any]) -> None:  # 14 calendar days over Thanksgiving: 9 business days
        lca = data["job"]["lca"]
        lca.update(filed_date="2026-12-03", paf_created_date="2026-12-03")
        for posting in lca["postings"]:
            posting.update(start_date="2026-11-20", end_date="2026-12-03")

    problems = problems_of(build(tmp_path, case_variant(tmp_path, short), lca=None), dt.date(2026, 12, 10))
    problems = [p for p in problems if not p.startswith("missing")]
    assert len(problems) == 3
    assert problems[0].startswith("notice posted at Kitchen notice board") and "was up 9 business day(s)" in problems[0]
    assert problems[2].startswith("notice posted at 0 location(s) for 10 business days; at least 2 are required")


def test_posting_at_one_location(tmp_path: Path) -> None:
    folder = build(tmp_path, case_variant(tmp_path, lambda d: d["job"]["lca"]["postings"].pop()))
    assert problems_of(folder) == [
        "notice posted at 1 location(s) for 10 business days; at least 2 are required (or an electronic notice)"
    ]


def test_electronic_notice_alone_is_enough(tmp_path: Path) -> None:
    def electronic(data: dict[str, Any]) -> None:
        data["job"]["lca"]["postings"] = [
            {
                "location": "intranet: hr.acme.example/lca",
                "start_date": "2026-02-20",
                "end_date": "2026-03-06",
                "electronic": True,
            }
        ]

    assert problems_of(build(tmp_path, case_variant(tmp_path, electronic))) == []


def test_notice_posted_after_the_filing(tmp_path: Path) -> None:
    def late(data: dict[str, Any]) -> None:
        for posting in data["job"]["lca"]["postings"]:
            posting.update(start_date="2026-02-25", end_date="2026-03-12")

    problems = problems_of(build(tmp_path, case_variant(tmp_path, late)), dt.date(2026, 3, 20))
    assert len(problems) == 2 and all("after the LCA was filed (2026-02-23)" in p for p in problems)


def test_file_made_available_later_than_one_working_day(tmp_path: Path) -> None:
    def late(data: dict[str, Any]) -> None:  # filed Friday 16 January; Monday is MLK Day: due Tuesday
        lca = data["job"]["lca"]
        lca.update(filed_date="2026-01-16", paf_created_date="2026-01-21")
        for posting in lca["postings"]:
            posting.update(start_date="2026-01-05", end_date="2026-01-20")

    case = case_variant(tmp_path, late)
    assert [p.problem for p in audit_folder(build(tmp_path, case, lca=None), today=CHECKED).problems][1:] == [
        "file made available 2026-01-21, later than 2026-01-20 (one working day after the LCA filing on 2026-01-16)"
    ]
    on_time = case_variant(tmp_path, lambda d: (late(d), d["job"]["lca"].update(paf_created_date="2026-01-20")))
    assert problems_of(build(tmp_path, on_time, lca=None, folder="ok"))[1:] == []


def test_file_past_retention_may_be_destroyed(tmp_path: Path) -> None:
    def left(data: dict[str, Any]) -> None:
        data["job"]["lca"]["last_h1b_employment_date"] = "2027-06-30"

    folder = build(tmp_path, case_variant(tmp_path, left))
    audit = audit_folder(folder, today=dt.date(2028, 7, 1))
    assert audit.status == "may be destroyed" and audit.problems == []
    assert audit.retention_until == dt.date(2028, 6, 30)
    assert audit.findings[0].source == "20 CFR 655.760(c)"
    assert audit_folder(folder, today=dt.date(2028, 6, 30)).status == "ok"
    assert main(["paf", "check", str(folder), "--today", "2028-07-01"]) == 0


def test_retention_without_workers_is_a_year_after_the_lca_ends() -> None:
    lca = load_case(OKAFOR).job.lca  # type: ignore[union-attr]
    assert lca is not None
    assert retention(lca)[0] == dt.date(2030, 9, 30)
    withdrawn = lca.model_copy(update={"withdrawn_date": dt.date(2027, 2, 1)})
    assert retention(withdrawn)[0] == dt.date(2028, 2, 1)


def test_check_exits_9_and_cases_mode_finds_a_case_without_a_file(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(OKAFOR, cases / OKAFOR.name)
    shutil.copy(ROOT / "samples" / "cases" / "l1a-hoshino.yaml", cases)  # not an LCA case: not audited
    audits = audit_cases(cases, today=CHECKED)
    assert [(a.case_id, [f.problem for f in a.problems]) for a in audits] == [
        ("ACME-2026-0142", ["no public access file"])
    ]
    assert "docgen paf build h1b-okafor.yaml --lca LCA.pdf" in audits[0].problems[0].fix
    assert main(["paf", "check", "--cases", str(cases), "--today", "2026-03-10"]) == 9
    assert main(["paf", "check", str(tmp_path / "nowhere")]) == 9


# --- the docket ---------------------------------------------------------------------------------------


def test_paf_dates_go_on_the_docket(tmp_path: Path) -> None:
    def posted(data: dict[str, Any]) -> None:
        lca = data["job"]["lca"]
        lca.pop("paf_created_date")
        for posting in lca["postings"]:
            posting.pop("end_date")

    case = load_case(case_variant(tmp_path, posted))
    deadlines, problems = paf_deadlines(case)
    assert problems == []
    kinds = {(d.kind, d.due) for d in deadlines}
    assert kinds == {
        ("PAF due", dt.date(2026, 2, 24)),
        ("LCA notice posted until", dt.date(2026, 3, 5)),
        ("PAF retention ends", dt.date(2030, 9, 30)),
    }
    assert {(d.kind, d.due) for d in from_case(case)[0]} >= kinds
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(tmp_path / "case.yaml", cases / "case.yaml")
    docket = tmp_path / "docket.sqlite"
    main(["paf", "check", "--cases", str(cases), "--docket", str(docket), "--today", "2026-02-24"])
    with open_docket(docket, create=False) as opened:
        recorded = {(r.kind, r.due) for r in opened.deadlines_due()}
    assert (DeadlineKind.PAF_RETENTION_ENDS, dt.date(2030, 9, 30)) in recorded
    assert (DeadlineKind.PAF_DUE, dt.date(2026, 2, 24)) in recorded


def test_wage_below_the_prevailing_or_actual_wage_is_refused(tmp_path: Path) -> None:
    low = case_variant(tmp_path, lambda d: d["job"].update(wage={"amount": 70, "unit": "hour"}))  # 145,600 a year
    with pytest.raises(CaseDataError, match=r"job.wage \(70 per hour\) is below job.prevailing_wage .*655.731"):
        build_paf(low, tmp_path / "out", lca_pdf=SAMPLE_LCA, today=BUILT)
    under_actual = case_variant(tmp_path, lambda d: d["job"].update(wage={"amount": 160000, "unit": "year"}), "b.yaml")
    with pytest.raises(CaseDataError, match=r"below job.lca.actual_wage"):
        build_paf(under_actual, tmp_path / "out", lca_pdf=SAMPLE_LCA, today=BUILT)
    assert not (tmp_path / "out").exists()
    hourly = case_variant(tmp_path, lambda d: d["job"].update(wage={"amount": 81, "unit": "hour"}), "c.yaml")
    build_paf(hourly, tmp_path / "out", lca_pdf=SAMPLE_LCA, today=BUILT)  # 168,480 a year


def test_memos_as_pdf_through_libreoffice(tmp_path: Path) -> None:
    result = build_paf(OKAFOR, tmp_path / "paf", lca_pdf=SAMPLE_LCA, notice_copy=SAMPLE_NOTICE, pdf=True, today=BUILT)
    pdfs = sorted(p.name for p in result.files if p.suffix == ".pdf")
    assert pdfs == [
        "00-index.pdf",
        "01-lca.pdf",
        "02-wage-rate.pdf",
        "03-actual-wage-system.pdf",
        "04-prevailing-wage.pdf",
        "05-notice.pdf",
        "06-notice-copy.pdf",
        "07-benefits.pdf",
        "public-access-file.pdf",
    ]
    assert "$168,500.00 per year" in pdf_text(tmp_path / "paf" / "02-wage-rate.pdf")
    assert "March 5, 2026" in pdf_text(tmp_path / "paf" / "05-notice.pdf")
    combined = tmp_path / "paf" / "public-access-file.pdf"
    with pikepdf.open(combined) as whole, whole.open_outline() as outline:
        titles = [item.title for item in outline.root]
        assert len(whole.pages) == 8  # one page each: index, LCA, five memos, the notice
    assert titles[:3] == [
        "Index",
        "Certified Labor Condition Application (Form ETA-9035/9035E), signed",
        "Wage rate to be paid to the H-1B worker",
    ]
    text = pdf_text(combined)
    assert (
        text.index("H-1B Public Access File") < text.index("Case Number: I-200-26054-123456") < text.index("MEMORANDUM")
    )


def test_rebuild_removes_what_the_file_no_longer_holds_and_check_notes_edits(tmp_path: Path) -> None:
    def dependent(data: dict[str, Any]) -> None:
        data["job"]["lca"]["willful_violator"] = True

    folder = build(tmp_path, case_variant(tmp_path, dependent))
    assert (folder / "08-exempt-workers.docx").is_file()
    (folder / "notes.txt").write_text("kept: not made by docgen")
    result = build_paf(OKAFOR, folder, lca_pdf=SAMPLE_LCA, notice_copy=SAMPLE_NOTICE, today=BUILT)
    assert not (folder / "08-exempt-workers.docx").exists() and (folder / "notes.txt").is_file()
    assert "removed 08-exempt-workers.docx, made by the earlier build and not part of the file now" in result.notes
    (folder / "07-benefits.docx").write_bytes((folder / "07-benefits.docx").read_bytes() + b"\0")
    audit = audit_folder(folder, today=CHECKED)
    assert audit.status == "ok" and audit.notes == [
        "07-benefits.docx changed since the file was built (edited in Word?); check it"
    ]


def test_only_lca_classifications_get_a_file(tmp_path: Path) -> None:
    case = case_variant(tmp_path, lambda d: d["facts"].update(classification="L-1A"))
    with pytest.raises(CaseDataError, match=r"facts\.classification is 'L-1A'"):
        build_paf(case, tmp_path / "out", today=BUILT)


@given(start=st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31)), days=st.integers(1, 30))
@settings(max_examples=200, deadline=None)
def test_a_run_of_business_days_counts_back_to_itself(start: dt.date, days: int) -> None:
    from docgen.compliance.rules import nth_business_day

    end = nth_business_day(start, days)
    assert is_business_day(end)
    assert business_days_between(start, end) == days
    assert business_days_between(start, end - dt.timedelta(days=1)) == days - 1


def test_an_impossible_lca_date_is_named_never_a_traceback(tmp_path: Path) -> None:
    def slip(data: dict[str, Any]) -> None:
        data["job"]["lca"]["valid_to"] = "9999-12-31"
        data["job"]["lca"]["postings"][0]["start_date"] = "0001-01-01"

    case_path = case_variant(tmp_path, slip)
    with pytest.raises(CaseDataError, match=r"job\.lca\.valid_to: 9999-12-31 is not a date a deadline can fall on"):
        build_paf(case_path, tmp_path / "out", today=BUILT)
    deadlines, problems = from_case(load_case(case_path), "case.yaml")
    assert not [d for d in deadlines if d.kind.startswith(("PAF", "LCA"))]
    assert any("job.lca.postings[0].start_date: 0001-01-01" in p for p in problems)
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(case_path, cases / "case.yaml")
    assert main(["paf", "check", "--cases", str(cases), "--today", "2026-03-10"]) == 9


def test_outputs_never_overwrite_inputs_and_the_folder_is_private(tmp_path: Path) -> None:
    folder = build(tmp_path)
    assert (folder.stat().st_mode & 0o777) == 0o700
    again = build_paf(  # a rebuild from the file's own copies
        OKAFOR, folder, lca_pdf=folder / "01-lca.pdf", notice_copy=folder / "06-notice-copy.pdf", today=BUILT
    )
    assert (folder / "01-lca.pdf").read_bytes() == SAMPLE_LCA.read_bytes() and again.notes == []
    case = case_variant(tmp_path, lambda d: None, "02-wage-rate.docx")  # a case file where a memo would go
    before = case.read_bytes()
    assert main(["paf", "build", str(case), "--lca", str(SAMPLE_LCA), "-o", str(tmp_path)]) == 12
    assert case.read_bytes() == before
    assert main(["paf", "check", str(folder), "--today", "2026-03-10", "--csv", str(OKAFOR)]) == 12


def test_notice_copy_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DamagedFileError, match=r"copy of the notice: .*h1b-okafor.yaml: not a PDF"):
        build_paf(OKAFOR, tmp_path / "out", lca_pdf=SAMPLE_LCA, notice_copy=OKAFOR, today=BUILT)
    assert not (tmp_path / "out").exists()


def test_check_of_a_mistyped_folder_or_a_case_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in the folder told the user to build a PAF there; a case file given got an Errno 20 and the
    advice to build into the case file's path."""
    case = tmp_path / "h1b.yaml"
    shutil.copy(OKAFOR, case)
    missing = tmp_path / "cases" / "ACME-2026-0142" / "pfa"
    assert main(["paf", "check", str(missing), str(case), "--today", "2026-03-10"]) == 9
    out = capsys.readouterr().out
    assert "no such folder" in out and "check the path" in out
    assert "is a file, not a public access file folder" in out and "Errno" not in out
    assert f"-o {case}" not in out
    assert audit_folder(missing).findings[0].problem.startswith("no such folder")


def test_build_into_the_cases_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`-o cases/` put paf.json among the case files: every report then failed on it as a broken case."""
    cases = tmp_path / "cases"
    cases.mkdir()
    case = cases / "h1b-okafor.yaml"
    shutil.copy(OKAFOR, case)
    mode = cases.stat().st_mode & 0o777
    args = ["paf", "build", str(case), "--lca", str(SAMPLE_LCA), "--notice-copy", str(SAMPLE_NOTICE), "-o", str(cases)]
    assert main(args) == 12
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "case files" in err and "own folder" in err
    assert sorted(p.name for p in cases.iterdir()) == ["h1b-okafor.yaml"]
    assert cases.stat().st_mode & 0o777 == mode
    assert main(["report", "expirations", "--cases", str(cases), "--today", "2026-06-01"]) == 0


def test_a_rebuild_never_throws_away_a_memo_edited_in_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The memos are DOCX "editable in Word" and ``paf check`` notes an edit; a rebuild (to add the notice copy, a
    new posting) wrote over the edited memo, or removed it, without a word. It is refused, nothing is written, and
    the fix is said; once the edited memo is moved away the rebuild goes ahead."""
    import docx

    def dependent(data: dict[str, Any]) -> None:
        data["job"]["lca"]["willful_violator"] = True

    violator = case_variant(tmp_path, dependent)
    folder = build(tmp_path, violator)
    for name in ("07-benefits.docx", "08-exempt-workers.docx"):
        memo = docx.Document(str(folder / name))
        memo.add_paragraph("HR: dental plan changed on 2026-02-20.")
        memo.save(str(folder / name))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    args = ["paf", "build", str(OKAFOR), "--lca", str(SAMPLE_LCA), "--notice-copy", str(SAMPLE_NOTICE), "-o"]
    assert main([*args, str(folder)]) == 12  # 08 would be removed: the employer is no longer a willful violator
    err = capsys.readouterr().err.strip()
    assert err == (
        f"docgen: error: {folder}: 07-benefits.docx, 08-exempt-workers.docx changed since the file was built "
        "(edited in Word?); a rebuild would replace them: move them out of the folder (and carry the changes "
        "over to the new memos), then build again"
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    (folder / "07-benefits.docx").rename(tmp_path / "07-benefits-edited.docx")
    (folder / "08-exempt-workers.docx").rename(tmp_path / "08-exempt-workers-edited.docx")
    assert main([*args, str(folder)]) == 0


_OPENED: list[str] = []  # files opened to read, while a test listens (an audit hook stays for good)
_LISTENING: list[bool] = []


def _note_open(event: str, args: tuple[Any, ...]) -> None:
    if _LISTENING and event == "open" and isinstance(args[0], str) and args[1] in (None, "r", "rb"):
        _OPENED.append(args[0])


def test_a_rebuild_reads_the_earlier_manifest_once(tmp_path: Path) -> None:
    """The earlier build's manifest (what it wrote, and each file's hash) is read and parsed once, not twice."""
    import sys

    folder = tmp_path / "paf"
    args = ["paf", "build", str(OKAFOR), "--lca", str(SAMPLE_LCA), "--notice-copy", str(SAMPLE_NOTICE)]
    args += ["-o", str(folder), "--date", "2026-02-24"]
    assert main(args) == 0
    sys.addaudithook(_note_open)
    _OPENED.clear()
    _LISTENING.append(True)
    try:
        assert main(args) == 0  # a rebuild: the earlier files are checked for edits, then replaced
    finally:
        _LISTENING.clear()
    reads = [path for path in _OPENED if Path(path) == folder / "paf.json"]
    assert len(reads) == 2, reads  # check_output's look at what kind of file it is, then the manifest, parsed once
    (folder / "07-benefits.docx").write_bytes((folder / "07-benefits.docx").read_bytes() + b"\0")
    assert main(args) == 12  # still refused: the guard reads the same manifest
