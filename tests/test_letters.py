"""Letters rendered to DOCX from the sample cases, reopened and read; errors before anything is written."""

from __future__ import annotations

import copy
import datetime as dt
import io
import shutil
import stat
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Inches
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.case.loader import load_case
from docgen.case.model import Case
from docgen.cli import main
from docgen.commands.letters import run_letter_jobs
from docgen.errors import CaseDataError, TemplateError, UsageError
from docgen.letters import render_batch, render_letter, template_variables
from docgen.letters.filters import address_line, and_list, cite, city_line, count_of, dollars, number, pay_period
from docgen.letters.filters import paragraphs as paragraphs_filter
from docgen.letters.render import load_letter_data
from docgen.templating import FilterError, amount, money

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
HOSHINO = SAMPLES / "cases" / "l1a-hoshino.yaml"
OKAFOR_LETTERS = SAMPLES / "letters" / "h1b-okafor.yaml"
ACME_LOGO = SAMPLES / "logos" / "acme-analytics.png"
DAY = dt.date(2026, 6, 15)


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph of the body, table cells included, in document order."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for block in document.element.body.iter():
        if block.tag.endswith("}p"):
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            out.append(text)
    return out


def body_text(data: bytes) -> str:
    return "\n".join(paragraphs(data))


def header_xml(data: bytes) -> str:
    section = docx.Document(io.BytesIO(data)).sections[0]
    return section.first_page_header._element.xml + section.header._element.xml


def tables(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(io.BytesIO(data)).tables]


def okafor() -> Case:
    return load_case(OKAFOR)


def render(template: str, case: Any = OKAFOR, **kwargs: Any) -> bytes:
    kwargs.setdefault("date", DAY)
    return render_letter(template, case, **kwargs).docx


def no_tags_left(data: bytes) -> None:
    text = body_text(data) + header_xml(data)
    assert "{{" not in text and "{%" not in text and "}}" not in text


# --- each template with the sample cases ---------------------------------------------------------


def test_h1b_support_letter_from_the_okafor_case() -> None:
    data = render("h1b_support", logo=ACME_LOGO)
    text = body_text(data)
    no_tags_left(data)
    assert "June 15, 2026" in text
    assert "Beneficiary:Chidera Ngozi Okafor" in text.replace("\n", "")
    assert "to extend, without change in the terms of employment, the H-1B classification of Chidera" in text
    assert "$168,500.00 per year" in text
    assert "prevailing wage of $151,320.00 per year (Level III)" in text
    assert "October 1, 2026 to September 30, 2029" in text
    assert "ETA case number I-200-26054-123456" in text
    assert "WAC2390123456 (Form I-129, approved July 20, 2023)" in text
    assert "gross annual income of $187,400,000" in text
    duties = next(t for t in tables(data) if t[0] == ["Duties", "Share of time"])
    assert len(duties) == 5
    assert duties[1] == [
        "Design and build distributed data pipelines that ingest anonymised clinical records from partner hospitals.",
        "40%",
    ]
    assert [row[1] for row in duties[1:]] == ["40%", "30%", "15%", "15%"]
    assert "Master of Science in Computer Science, University of Lagos, Nigeria (2014)" in text
    assert "Data Engineer, Lumen Health Data Ltd. (September 2014 to June 2019)" in text
    assert "500 Market Street, Suite 1200, San Francisco, CA 94105 (San Francisco County)" in text
    assert "Premium processing." in text
    assert "The Beneficiary's spouse, Emeka Tobenna Okafor, is seeking H-4 status" in text
    assert "Amended petition." not in text
    assert "Thomas Brennan\nVice President, People Operations\nAcme Analytics, Inc." in text
    assert "<w:drawing>" in header_xml(data)  # the logo in the letterhead
    assert "500 Market Street, Suite 1200" in header_xml(data)


def test_h1b_optional_paragraphs_follow_the_data() -> None:
    case = okafor()
    changed = case.model_copy(
        update={
            "dependents": [],
            "facts": case.facts.model_copy(update={"premium_processing": False, "amended_petition": True}),
            "extra": {"h1b_support": {"amendment_reason": "The Beneficiary's worksite moves to Oakland."}},
        }
    )
    text = body_text(render("h1b_support", changed))
    assert "Premium processing." not in text
    assert "Family members." not in text
    assert "Amended petition. This is an amended petition. The Beneficiary's worksite moves to Oakland." in text


def test_h1b_without_a_logo_has_no_picture() -> None:
    data = render("h1b_support")
    assert "<w:drawing>" not in header_xml(data)
    assert "Acme Analytics, Inc." in header_xml(data)


def test_l1a_support_letter_from_the_hoshino_case() -> None:
    data = render("l1a_support", HOSHINO)
    text = body_text(data)
    no_tags_left(data)
    assert "to classify Haruka Sato (the “Beneficiary”) as an L-1A intracompany transferee" in text
    assert "Hoshino Seimitsu Robotics K.K. is the parent company of the Petitioner." in text
    assert "3-18-7 Meieki, Nagoya, Aichi 450-0002, Japan" in text
    assert "since April 1, 2019, most recently as Manager, Controls Engineering Department" in text
    duty_tables = [t for t in tables(data) if t[0] == ["Duties", "Share of time"]]
    assert [len(t) for t in duty_tables] == [5, 5]  # abroad, then in the United States
    assert duty_tables[1][3][1] == "25%"
    assert "Controls Engineer (7)" in text
    assert "The position is managerial within the meaning of section 101(a)(44)(A)" in text
    assert "executive within the meaning" not in text
    assert "spouse, Kenji Sato, and child, Mio Sato, are seeking L-2 status" in text
    assert "new office" not in text
    assert "Premium processing." not in text
    assert "Please direct any question about this petition to Laura Whitfield at 408-555-0171." in text
    assert "$212,000.00 per year" in text
    assert "<w:drawing>" in header_xml(data)  # petitioner.logo, relative to the case file


def test_l1a_executive_and_new_office_from_letter_data() -> None:
    data = {"l1a_support": {"capacity": "executive", "new_office": True}}
    text = body_text(render("l1a_support", HOSHINO, data=data))
    assert "The position is executive within the meaning of section 101(a)(44)(B)" in text
    assert "The Petitioner is a new office within the meaning of 8 C.F.R. § 214.2(l)(1)(ii)(F)" in text


def test_employment_verification_letter() -> None:
    data = render("employment_verification", data=OKAFOR_LETTERS, logo=ACME_LOGO)
    text = body_text(data)
    no_tags_left(data)
    assert "Bayview Residential Leasing\nAttn: Leasing Office\n220 Harbor Way\nOakland, CA 94607" in text
    assert "Re: Employment verification for Chidera Ngozi Okafor" in text
    assert "has been employed by Acme Analytics, Inc. since July 15, 2019 and remains employed with us" in text
    assert "full-time, 40 hours per week, with a salary of $168,500.00 per year" in text
    assert "Review code and mentor three junior engineers on data engineering practice." in text
    assert "at the employee's request in support of an application for a residential lease." in text
    assert "thomas.brennan@acme-analytics.example" in text


def test_employment_verification_for_a_former_employee() -> None:
    letter_data = {"employment_verification": {"hire_date": "2019-07-15", "end_date": "2026-03-31"}}
    text = body_text(render("employment_verification", data=letter_data))
    assert "was employed by Acme Analytics, Inc. from July 15, 2019 to March 31, 2026" in text
    assert "and the final salary was $168,500.00 per year" in text
    assert "To Whom It May Concern:" in text
    assert "at the employee's request" not in text


def test_rfe_response_letter() -> None:
    data = render("rfe_response", data=OKAFOR_LETTERS, date=dt.date(2026, 8, 10))
    text = body_text(data)
    no_tags_left(data)
    assert "Via FedEx Priority Overnight" in text
    assert "California Service Center\n24000 Avila Road, 2nd Floor, Room 2312\nLaguna Niguel, CA 92677" in text
    assert "Receipt number:WAC2612050321" in text.replace("\n", "")
    assert "issued on June 2, 2026" in text
    assert "Response due:August 27, 2026" in text.replace("\n", "")
    assert "The RFE raises four issues." in text
    assert "Issue 1: The position is a specialty occupation" in text
    assert "Issue 3: The Beneficiary has maintained H-1B status" in text
    # the answer's blank line starts a new paragraph
    assert any(p.startswith("Professor Amara Lindgren, who has taught") for p in paragraphs(data))
    assert "Evidence submitted: Exhibit E (Forms W-2 issued to the Beneficiary for 2023, 2024 and 2025); " in text
    enclosures = next(t for t in tables(data) if t[0] == ["Exhibit", "Document"])
    assert [row[0] for row in enclosures[1:]] == ["A", "B", "C", "D", "E", "F", "G", "H"]
    assert enclosures[3][1].endswith("(1 page)")
    assert "Ines Castellanos\nAttorney for the Petitioner\nCastellanos & Reyes LLP\nCA Bar No. 287341" in text
    assert "WAC2612050321" in header_xml(data)


def test_rfe_citing_an_exhibit_not_enclosed_is_an_error(tmp_path: Path) -> None:
    letter_data = load_letter_data_copy()
    letter_data["rfe_response"]["points"][0]["exhibits"] = ["A", "Z"]
    out = tmp_path / "rfe.docx"
    with pytest.raises(TemplateError, match=r"exhibit 'Z' is cited but not in the list of exhibits"):
        render_letter("rfe_response", OKAFOR, data=letter_data, output=out)
    assert list(tmp_path.iterdir()) == []


def load_letter_data_copy() -> dict[str, Any]:
    return copy.deepcopy(load_letter_data(OKAFOR_LETTERS))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=40).filter(
        lambda s: s.strip() == s and s.strip() != ""
    )
)
def test_any_name_reaches_the_letter_exactly(name: str) -> None:
    case = okafor()
    changed = case.model_copy(update={"beneficiary": case.beneficiary.model_copy(update={"given_name": name})})
    text = body_text(render("employment_verification", changed, data=OKAFOR_LETTERS))
    assert f"Re: Employment verification for {name} Ngozi Okafor" in text


# --- errors: nothing is written --------------------------------------------------------------------


def write_template(folder: Path, name: str, *lines: str) -> Path:
    document = docx.Document()
    document.sections[0].left_margin = Inches(1)
    for line in lines:
        document.add_paragraph(line)
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def test_missing_case_data_is_named_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    with pytest.raises(TemplateError) as caught:
        render_letter("employment_verification", OKAFOR, output=out)
    message = str(caught.value)
    assert "extra.hire_date | long_date is empty" in message
    assert "body “" in message and "{{ extra.hire_date | long_date }}" in message
    assert "extra.employment_verification" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_every_missing_value_is_reported_at_once(tmp_path: Path) -> None:
    case = okafor()
    assert case.job is not None
    changed = case.model_copy(update={"job": case.job.model_copy(update={"lca_number": None, "soc_code": None})})
    with pytest.raises(TemplateError) as caught:
        render_letter("h1b_support", changed, output=tmp_path / "h1b.pdf")
    message = str(caught.value)
    assert "job.lca_number is empty" in message
    assert "job.soc_code is empty" in message
    assert message.count("job.soc_code is empty") == 1  # used in three places, named once with each place
    assert "2 values the letter needs are missing" in message
    assert list(tmp_path.iterdir()) == []


def test_missing_list_for_a_loop_is_named(tmp_path: Path) -> None:
    letter_data = load_letter_data_copy()
    del letter_data["rfe_response"]["points"]
    with pytest.raises(TemplateError, match=r"extra\.points is missing \(the loop needs a list\)"):
        render_letter("rfe_response", OKAFOR, data=letter_data, output=tmp_path / "rfe.docx")
    assert list(tmp_path.iterdir()) == []


def test_misspelled_variables_are_named_with_a_suggestion(tmp_path: Path) -> None:
    template = write_template(
        tmp_path,
        "typo",
        "Dear {{ beneficiary.famly_name }},",
        "{% for d in job.duties %}{{ d.dutty }}{% endfor %}",
        "{{ benficiary.given_name }}",
    )
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as caught:
        render_letter(template, OKAFOR, output=out)
    message = str(caught.value)
    assert "beneficiary.famly_name (body “Dear {{ beneficiary.famly_name }},”)" in message
    assert "did you mean 'beneficiary.family_name'?" in message
    assert "d.dutty (that is job.duties[].dutty)" in message
    assert "did you mean 'job.duties[].duty'?" in message
    assert "'benficiary' is not case data; did you mean 'beneficiary'?" in message
    assert not out.exists()
    assert template_variables(template).problems  # docgen letter vars reports them too


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ beneficiary | attr('__class__') }}",
        "{{ logo._image }}",
        "{% set n = '__cla' ~ 'ss__' %}{{ beneficiary | attr(n) }}",
        "{% for c in ''.__class__.__mro__ %}{{ c }}{% endfor %}",
    ],
)
def test_template_reaching_python_internals_is_refused(tmp_path: Path, tag: str) -> None:
    template = write_template(tmp_path, "evil", "Hello", tag)
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError, match="Python internals"):
        render_letter(template, OKAFOR, output=out)
    assert not out.exists()


def test_unknown_template_suggests_a_name() -> None:
    with pytest.raises(TemplateError, match="did you mean 'h1b_support'"):
        render_letter("h1b_suport", OKAFOR)


def test_output_must_be_docx_or_pdf(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.docx or \.pdf"):
        render_letter("h1b_support", OKAFOR, output=tmp_path / "letter.txt")


def test_logo_that_is_not_there_is_named(tmp_path: Path) -> None:
    with pytest.raises(CaseDataError, match="the logo: no image at"):
        render_letter("h1b_support", OKAFOR, logo=tmp_path / "nope.png", output=tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []


# --- variables ----------------------------------------------------------------------------------


def test_vars_lists_what_each_template_uses() -> None:
    analysis = template_variables("h1b_support")
    paths = analysis.paths()
    for expected in ("job.duties[].duty", "job.duties[].percent", "job.wage.amount", "facts.premium_processing"):
        assert expected in paths
    assert "logo" in paths and "dependents[].relationship" in paths
    assert analysis.problems == [] and analysis.internals == []
    for name in ("l1a_support", "employment_verification", "rfe_response"):
        assert template_variables(name).problems == []
    assert "extra.points[].exhibits" in template_variables("rfe_response").paths()


def test_cli_vars_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", "list"]) == 0
    assert capsys.readouterr().out.split() == [
        "employment_verification",
        "h1b_support",
        "l1a_support",
        "paf_actual_wage_system",
        "paf_benefits",
        "paf_exempt_workers",
        "paf_notice",
        "paf_prevailing_wage",
        "paf_wage_rate",
        "rfe_response",
    ]
    assert main(["letter", "vars", "rfe_response"]) == 0
    out = capsys.readouterr().out
    assert "letter data goes under extra.rfe_response" in out
    assert "extra.receipt_number" in out and "page header" in out


def test_cli_vars_fails_on_a_misspelled_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = write_template(tmp_path, "typo", "{{ job.titel }}")
    assert main(["letter", "vars", str(template)]) == TemplateError.exit_code
    err = capsys.readouterr().err
    assert "PROBLEM job.titel" in err and "did you mean 'job.title'" in err


# --- CLI and batch ------------------------------------------------------------------------------


def test_cli_renders_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "verification.docx"
    args = ["letter", "employment_verification", "--case", str(OKAFOR), "--data", str(OKAFOR_LETTERS)]
    assert main([*args, "--date", "2026-06-15", "-o", str(out)]) == 0
    assert "employment_verification letter for case ACME-2026-0142" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "June 15, 2026" in body_text(out.read_bytes())


def test_a_letter_edited_in_word_since_it_was_rendered_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``docgen letter ... -o x.docx`` run again wrote over the letter a specialist had since edited in Word. An
    unedited letter is still replaced; an edited one is refused in one line (exit 12), untouched, with the fix."""
    out = tmp_path / "support.docx"
    args = ["letter", "h1b_support", "--case", str(OKAFOR), "--date", "2026-06-15", "-o"]
    assert main([*args, str(out)]) == 0
    assert main([*args, str(out)]) == 0  # not edited since: replaced as before
    letter = docx.Document(str(out))
    letter.add_paragraph("Edited by counsel: the second worksite is added.")
    letter.save(str(out))  # as Word would: the whole package written again
    edited = out.read_bytes()
    capsys.readouterr()
    assert main([*args, str(out)]) == 12
    assert capsys.readouterr().err == (
        f"docgen: error: {tmp_path}: support.docx changed since docgen wrote it (edited in Word?); rendering "
        "again would replace it: move it out of the folder (and carry the changes over to the new letter), or give "
        "-o another name; then run again\n"
    )
    assert out.read_bytes() == edited
    assert main([*args, str(tmp_path / "support-2.docx")]) == 0  # another name
    out.rename(tmp_path / "support-edited.docx")  # or moved away
    assert main([*args, str(out)]) == 0
    assert "Edited by counsel" not in body_text(out.read_bytes())
    assert "Edited by counsel" in body_text((tmp_path / "support-edited.docx").read_bytes())


def test_cli_missing_data_is_one_line_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "verification.pdf"
    code = main(["letter", "employment_verification", "--case", str(OKAFOR), "-o", str(out)])
    assert code == TemplateError.exit_code
    err = capsys.readouterr().err
    assert err.startswith("docgen: error: employment_verification.docx: case ACME-2026-0142:")
    assert err.count("\n") == 1
    assert not out.exists()


def test_cli_wants_one_case_or_many(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", "h1b_support", "-o", "x.docx"]) == UsageError.exit_code
    assert "--case CASE -o OUT.pdf, or --cases" in capsys.readouterr().err


def test_batch_over_a_folder_keeps_going_past_a_bad_case(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(OKAFOR, cases / "a-okafor.yaml")
    (cases / "b-broken.yaml").write_text("case_id: X-1\nbeneficiary: {family_name: Doe}\n", encoding="utf-8")
    second = OKAFOR.read_text(encoding="utf-8").replace("case_id: ACME-2026-0142", "case_id: ACME-2026-0199")
    (cases / "c-second.yaml").write_text(second, encoding="utf-8")
    out_dir = tmp_path / "out"
    seen: list[str] = []
    report = render_batch(
        "h1b_support", cases, out_dir, fmt="docx", date=DAY, progress=lambda o, done, total: seen.append(o.label)
    )
    assert [Path(label).name for label in seen] == ["a-okafor.yaml", "b-broken.yaml", "c-second.yaml"]
    assert [Path(o.label).name for o in report.failed] == ["b-broken.yaml"]
    assert "beneficiary.given_name" in report.failed[0].error
    assert sorted(p.name for p in out_dir.iterdir() if not p.name.startswith((".", "batch-report"))) == [
        "ACME-2026-0142_h1b_support.docx",
        "ACME-2026-0199_h1b_support.docx",
    ]
    assert (out_dir / "batch-report.csv").exists()  # the one batch runner's report


def test_batch_from_a_spreadsheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "staff.csv"
    columns = [
        "case_id",
        "beneficiary.family_name",
        "beneficiary.given_name",
        "beneficiary.birth_date",
        "petitioner.name",
        "petitioner.address.street",
        "petitioner.address.city",
        "petitioner.address.state",
        "petitioner.address.zip_code",
        "petitioner.signatory.family_name",
        "petitioner.signatory.given_name",
        "petitioner.signatory.title",
        "petitioner.signatory.phone",
        "job.title",
        "job.wage.amount",
        "job.hours_per_week",
        "job.duties[0].duty",
        "extra.employment_verification.hire_date",
    ]
    rows = [
        "EV-1,Ngata,Aroha,1991-02-03,Kowhai Labs LLC,12 Pier Road,Seattle,WA,98101,Reyes,Dana,HR Director,"
        "206-555-0100,Lab Manager,98000,40,Runs the lab.,2021-09-01",
        "EV-2,Ivanova,Mila,1989-12-30,Kowhai Labs LLC,12 Pier Road,Seattle,WA,98101,Reyes,Dana,HR Director,"
        "206-555-0100,Chemist,87000.50,32,Runs assays.,",
    ]
    sheet.write_text(",".join(columns) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out_dir = tmp_path / "letters"
    code = main(
        ["letter", "employment_verification", "--cases", str(sheet), "--out-dir", str(out_dir), "--format", "docx"]
    )
    captured = capsys.readouterr()
    assert code == 13  # one row lacks its hire date
    assert "staff.csv row 3: failed" in captured.err and "extra.hire_date" in captured.err
    assert "1 done, 0 already done, 1 failed" in captured.out
    text = body_text((out_dir / "EV-1_employment_verification.docx").read_bytes())
    assert "Aroha Ngata has been employed by Kowhai Labs LLC since September 1, 2021" in text
    assert "$98,000.00 per year" in text
    assert "12 Pier Road" in header_xml((out_dir / "EV-1_employment_verification.docx").read_bytes())


def test_run_letter_jobs_for_the_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = {
        "letters": [
            {
                "template": "employment_verification",
                "case": "cases/h1b-okafor.yaml",
                "data": "letters/h1b-okafor.yaml",
                "logo": "logos/acme-analytics.png",
                "out": "ACME/verification.docx",
            },
            {"template": "h1b_support", "case": "cases/nope.yaml", "out": "ACME/nope.docx"},
            {"template": "h1b_support"},
        ]
    }
    assert run_letter_jobs(plan, tmp_path) == 2
    captured = capsys.readouterr()
    assert f"wrote {tmp_path / 'ACME/verification.docx'} (employment_verification letter" in captured.out
    assert "FAILED ACME/nope.docx" in captured.err and "needs template, case and out" in captured.err
    assert (tmp_path / "ACME" / "verification.docx").exists()


# --- filters ------------------------------------------------------------------------------------


def test_letter_filters() -> None:
    office = {"street": "101 California Street", "unit_type": "flr", "unit_number": "24", "city": "San Francisco"}
    assert address_line({**office, "state": "CA", "zip_code": "94111"}) == (
        "101 California Street, Floor 24, San Francisco, CA 94111"
    )
    abroad = {"street": "3-18-7 Meieki", "city": "Nagoya", "province": "Aichi", "postal_code": "450-0002"}
    assert city_line({**abroad, "country": "Japan"}) == "Nagoya, Aichi 450-0002"
    assert address_line({**abroad, "country": "Japan"}).endswith(", Japan")
    assert pay_period("biweekly") == "every two weeks"
    with pytest.raises(FilterError):
        pay_period("fortnight")
    assert dollars(187400000) == "$187,400,000" and dollars("52.5") == "$52.50"
    assert dollars(-2300000) == "($2,300,000)" and dollars("-52.5") == "($52.50)"  # never $-2,300,000
    assert money(-2300000) == "-$2,300,000.00" and money("125000") == "$125,000.00"
    assert amount("-2300000") == "-2300000.00"
    assert number(12000) == "12,000" and number("37.5") == "37.5"
    assert and_list(["Nigeria"]) == "Nigeria" and and_list(["A", "B", "C"]) == "A, B and C"
    assert count_of([1, 2], "issue") == "two issues" and count_of(1, "issue") == "one issue"
    assert count_of(12, "exhibit") == "12 exhibits"
    assert paragraphs_filter("one\nline\n\ntwo") == "one line\atwo"
    exhibits = [{"id": "A", "title": "Letter"}, {"id": "B", "title": None}]
    assert cite(["A", "B"], exhibits) == "Exhibit A (Letter); Exhibit B"
    with pytest.raises(FilterError, match="'C' is cited"):
        cite("C", exhibits)


def test_a_value_of_only_spaces_is_a_gap_too(tmp_path: Path) -> None:
    case = okafor()
    assert case.job is not None
    changed = case.model_copy(update={"job": case.job.model_copy(update={"lca_number": "   "})})
    with pytest.raises(TemplateError, match=r"job.lca_number is empty"):
        render_letter("h1b_support", changed, output=tmp_path / "h1b.docx")
    assert list(tmp_path.iterdir()) == []


def test_the_record_of_written_letters_stays_bounded_and_keeps_every_present_file_s_guard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``.docgen-written.jsonl`` only grew (a line a render, for ever); past 64 KiB it is compacted atomically to
    one line per file still in the folder, and the guard of every such file holds after it."""
    import json

    from docgen.fileio import WRITTEN_RECORD, sha256_hex

    out, other = tmp_path / "support.docx", tmp_path / "other.docx"
    args = ["letter", "h1b_support", "--case", str(OKAFOR), "--date", "2026-06-15", "-o"]
    assert main([*args, str(other)]) == 0
    letter = docx.Document(str(other))
    letter.add_paragraph("Edited by counsel.")
    letter.save(str(other))  # edited since docgen wrote it: its guard must survive the compaction
    record = tmp_path / WRITTEN_RECORD
    old = [
        json.dumps({"file": name, "sha256": sha256_hex(f"{name} {i}".encode())})
        for i in range(1500)
        for name in ("support.docx", "gone.docx")
    ]  # earlier renders, and a letter moved away since
    record.write_text(record.read_text() + "\n".join(old) + "\n")
    assert record.stat().st_size > 2 * 64 * 1024

    assert main([*args, str(out)]) == 0
    lines = record.read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    files = [e["file"] for e in entries if "file" in e]
    assert sorted(files) == ["other.docx", "support.docx"] and len(lines) <= 3  # one line a present file
    assert {e["file"]: e["sha256"] for e in entries if "file" in e}["support.docx"] == sha256_hex(out.read_bytes())
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*.part"))
    capsys.readouterr()
    assert main([*args, str(other)]) == 12  # the edited letter is still guarded
    assert "other.docx changed since docgen wrote it" in capsys.readouterr().err
    assert main([*args, str(out)]) == 0  # an unedited one is still replaced
    assert len(record.read_text().splitlines()) == len(lines) + 1  # below the bound: appended, not compacted


def _note_many(folder: str, name: str, times: int) -> None:
    from docgen.fileio import note_written

    for i in range(times):
        note_written(Path(folder) / name, f"{name} {i}".encode())


def test_writers_in_parallel_never_lose_a_line_to_a_compaction(tmp_path: Path) -> None:
    """Batch workers note their letters in one folder at once: a compaction by one never drops another's line."""
    import multiprocessing

    from docgen.fileio import WRITTEN_RECORD, sha256_hex, written_record

    names = [f"letter-{n}.docx" for n in range(3)]
    for name in names:
        (tmp_path / name).write_bytes(b"present")
    times = 300  # about 90 KB of lines: compacted at least once, while the others append
    context = multiprocessing.get_context("forkserver")
    workers = [context.Process(target=_note_many, args=(str(tmp_path), name, times)) for name in names]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert written_record(tmp_path) == {name: sha256_hex(f"{name} {times - 1}".encode()) for name in names}
    assert (tmp_path / WRITTEN_RECORD).stat().st_size < 64 * 1024 + 1024
