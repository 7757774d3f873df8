"""``docgen paf ...`` (H-1B public access files) and ``docgen report ...`` (expirations, status, HRIS).

docgen paf build CASE --lca LCA.pdf -o DIR          assemble the file of the case's LCA
docgen paf check DIR...  |  --cases CASES            audit files: one row per case, each problem with its fix
docgen report expirations --cases CASES --within 180 documents ending soon, with the action due
docgen report status --cases CASES                   cases by classification, stage and status
docgen report hris --cases CASES --format csv        one row per person for an HR system import
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from docgen.commands.options import DocketLocation, DocketType, check_suffix, parse_within
from docgen.compliance.export import FORMATS, OUTPUT_KINDS, Report, render, to_csv, to_table, write_report
from docgen.compliance.reports import (
    docket_filing_dates,
    expirations_report,
    hris_report,
    load_cases,
    load_mapping,
    status_report,
)
from docgen.errors import CaseDataError, PacketError, UsageError
from docgen.fileio import check_output, write_text_atomic

today_option = click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Count from this date (YYYY-MM-DD)."
)
cases_option = click.option(
    "--cases",
    "cases_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of case files (or a CSV/XLSX sheet, one case per row).",
)


def _day(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


@click.group("paf")
def paf_group() -> None:
    """H-1B public access files: build one per LCA, audit them."""


@paf_group.command("build")
@click.argument("case", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lca", "lca_pdf", type=click.Path(path_type=Path), default=None, help="The certified LCA (PDF).")
@click.option(
    "--notice-copy",
    type=click.Path(path_type=Path),
    default=None,
    help="A copy of the notice as posted or sent (PDF).",
)
@click.option("-o", "--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--pdf", is_flag=True, help="Also convert each memo to PDF (LibreOffice).")
@click.option(
    "--templates-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of your own letter templates (paf_*.docx), searched before the bundled ones.",
)
@click.option(
    "--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Date on the memos and index."
)
def build_cmd(
    case: Path,
    lca_pdf: Path | None,
    notice_copy: Path | None,
    out_dir: Path,
    pdf: bool,
    templates_dir: Path | None,
    date: dt.datetime | None,
) -> None:
    """Assemble the public access file of CASE's LCA into OUT_DIR (index, LCA, memos, paf.json)."""
    from docgen.compliance.paf import build_paf  # Word, PDF and LibreOffice code: only for this command

    result = build_paf(
        case, out_dir, lca_pdf=lca_pdf, notice_copy=notice_copy, pdf=pdf, today=_day(date), templates_dir=templates_dir
    )
    for path in result.files:
        click.echo(f"wrote {path}")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)


@paf_group.command("check")
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--cases",
    "cases_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Audit the file of every H-1B case with an LCA in this folder (files at CASES/<case_id>/paf).",
)
@click.option(
    "--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write CSV."
)
@click.option(
    "--docket",
    "docket_path",
    type=DocketType(),
    default=None,
    help="With --cases: record the cases' deadlines (PAF, I-94, passport) in this docket.",
)
@today_option
def check_cmd(
    folders: tuple[Path, ...],
    cases_dir: Path | None,
    csv_path: Path | None,
    docket_path: DocketLocation | None,
    today: dt.datetime | None,
) -> None:
    """Audit public access files: missing documents, notice, timing, retention. Exit 9 when any has problems."""
    from docgen.compliance.check import audit_cases, audit_folder, audit_report

    if not folders and cases_dir is None:
        raise UsageError("give PAF folders or --cases DIR; see 'docgen paf check --help'")
    if docket_path is not None and cases_dir is None:
        raise UsageError("--docket needs --cases DIR (the deadlines come from the case files)")
    inputs = [*folders, cases_dir, *([docket_path] if isinstance(docket_path, Path) else [])]
    if csv_path is not None:  # before the audit: a case file there first, then a CSV named .xlsx (Excel refuses it)
        check_output(csv_path, "csv", inputs)
        check_suffix(csv_path, "csv", ("csv",), flag="--csv")
    day = _day(today)
    audits = [audit_folder(folder, today=day) for folder in folders]
    if cases_dir is not None:
        audits += audit_cases(cases_dir, today=day)
    report = audit_report(audits)
    click.echo(to_table(report), nl=False)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if csv_path is not None:
        write_text_atomic(check_output(csv_path, "csv", inputs), to_csv(report))
        click.echo(f"wrote {csv_path}")
    if docket_path is not None and cases_dir is not None:
        _record_deadlines(docket_path, cases_dir)
    failed = [a for a in audits if a.problems]
    if failed:
        raise PacketError(f"{len(failed)} of {len(audits)} public access file(s) have problems; the fixes are above")


def _record_deadlines(docket_path: DocketLocation, cases_dir: Path) -> None:
    from docgen.mailroom.docket import open_docket
    from docgen.mailroom.ingest import Ingest

    with open_docket(docket_path) as docket:
        review = docket_path.parent / "review" if isinstance(docket_path, Path) else cases_dir / "review"
        sync = Ingest(docket, cases_dir, review)
        sync.sync_case_deadlines()
        where = docket.location  # an address without its password
    for problem in sorted(sync.date_problems):
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"deadlines recorded in {where} (see 'docgen deadlines --docket {where}')")


@click.group("report")
def report_group() -> None:
    """The weekly reports: expirations, case status, HRIS export."""


format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to this file."
)


def _emit(report: Report, fmt: str, output: Path | None, problems: list[str], inputs: list[Path | None]) -> None:
    if output is not None:
        check_output(output, OUTPUT_KINDS.get(fmt, "text"), inputs)  # first: a case file there is the worse slip
        check_suffix(output, fmt, FORMATS)  # a CSV named .xlsx, or the table named .csv, would not open right
        write_report(report, fmt, output, inputs)
        click.echo(f"wrote {output} ({len(report.rows)} row(s))")
    elif fmt == "xlsx":
        raise UsageError("--format xlsx needs -o FILE.xlsx")
    else:
        click.echo(render(report, fmt).decode("utf-8"), nl=False)
    for problem in [*report.notes, *problems]:
        click.echo(f"warning: not in the report: {problem}", err=True)
    if problems:
        raise CaseDataError(f"{len(problems)} case(s) could not be read and are not in the report; fix them (above)")


@report_group.command("expirations")
@cases_option
@click.option("--within", default="180", show_default=True, help="Days ahead (180, 90d, 26w, 6m or 1y).")
@click.option(
    "--docket",
    "docket_path",
    type=DocketType(),
    default=None,
    help="Take a pending extension's received date from this docket's receipt notices (the 240-day rule).",
)
@format_option
@output_option
@today_option
def expirations_cmd(
    cases_dir: Path,
    within: str,
    docket_path: DocketLocation | None,
    fmt: str,
    output: Path | None,
    today: dt.datetime | None,
) -> None:
    """I-94, passport, status, EAD and advance parole end dates within N days, with the action due and the owner."""
    days = parse_within(within)
    assert days is not None
    loaded = load_cases(cases_dir)
    forms = {case.case_id: case.facts.form for case in loaded.cases if case.facts.form}
    dates = docket_filing_dates(docket_path, forms) if docket_path is not None else None
    report = expirations_report(loaded.cases, within=days, today=_day(today), docket=dates)
    inputs: list[Path | None] = [cases_dir, *([docket_path] if isinstance(docket_path, Path) else [])]
    _emit(report, fmt, output, loaded.problems, inputs)


@report_group.command("status")
@cases_option
@click.option(
    "--docket",
    "docket_path",
    type=DocketType(),
    default=None,
    help="Take filing, receipt and decision dates the cases lack from this docket's notices.",
)
@format_option
@output_option
def status_cmd(cases_dir: Path, docket_path: DocketLocation | None, fmt: str, output: Path | None) -> None:
    """Cases by classification, stage and status; days from filing to receipt and receipt to decision."""
    loaded = load_cases(cases_dir)
    forms = {case.case_id: case.facts.form for case in loaded.cases if case.facts.form}
    dates = docket_filing_dates(docket_path, forms) if docket_path is not None else None
    inputs: list[Path | None] = [cases_dir, *([docket_path] if isinstance(docket_path, Path) else [])]
    _emit(status_report(loaded.cases, dates), fmt, output, loaded.problems, inputs)


@report_group.command("hris")
@cases_option
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "table"]), default="csv", show_default=True)
@click.option(
    "--mapping",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Column mapping (YAML: columns: {Header: field}); default: every field under its own name.",
)
@output_option
def hris_cmd(cases_dir: Path, fmt: str, mapping: Path | None, output: Path | None) -> None:
    """One row per person with the fields an HR system keeps, named as your import expects."""
    chosen = load_mapping(mapping)
    loaded = load_cases(cases_dir)
    _emit(hris_report(loaded.cases, chosen), fmt, output, loaded.problems, [cases_dir, mapping])


def register(cli: click.Group) -> None:
    """Add the paf and report groups."""
    cli.add_command(paf_group)
    cli.add_command(report_group)
