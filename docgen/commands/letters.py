"""``docgen letter``: support letters, employment verification letters and RFE responses.

docgen letter h1b_support --case case.yaml -o letter.pdf        one letter (.docx or .pdf)
docgen letter h1b_support --cases cases/ --out-dir out/         one per case of a folder or sheet
docgen letter vars rfe_response                                  the data a template uses
docgen letter list                                               the templates at hand
docgen letter new acme_support --from h1b_support                a copy in your letters folder
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from docgen.bundled import describe
from docgen.commands.options import echo, samples_dir
from docgen.errors import DocgenError, TemplateError, UsageError
from docgen.letters.convert import Converter, LazyConverter
from docgen.letters.render import (
    list_templates,
    load_template,
    new_template,
    render_batch,
    render_letter,
    templates_dirs,
)


class LetterGroup(click.Group):
    """``docgen letter TEMPLATE ...`` renders; ``docgen letter vars|list ...`` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["render", *args]
        return super().parse_args(ctx, args)


def _templates_dir_option(func: Any) -> Any:
    return click.option(
        "--templates-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder of your own letter templates, searched before the bundled ones (default: $DOCGEN_LETTERS_DIR).",
    )(func)


@click.group("letter", cls=LetterGroup, invoke_without_command=False)
def letter_group() -> None:
    """Write a letter from a DOCX template and case data, as DOCX or PDF.

    TEMPLATE is a template name (see 'docgen letter list') or a .docx path.
    """


@letter_group.command("render")
@click.argument("template")
@click.option("--case", "case_file", type=click.Path(dir_okay=False, path_type=Path), help="One case file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Letter to write: .docx or .pdf.")
@click.option(
    "--cases",
    "cases",
    type=click.Path(path_type=Path),
    help="Many cases: a folder of case files, or a .csv/.xlsx sheet with one case per row.",
)
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), help="Where --cases letters go.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "docx"]),
    default="pdf",
    show_default=True,
    help="Format of --cases letters.",
)
@click.option(
    "--data",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Letter data (YAML) with sections named like templates, merged over the case's extra.",
)
@click.option("--logo", type=click.Path(dir_okay=False, path_type=Path), help="Letterhead logo (PNG/JPEG).")
@click.option("--date", "date", default=None, help="Date of the letter, YYYY-MM-DD (default: today).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="--cases: processes, each with its own LibreOffice.",
)
@click.option("--resume", is_flag=True, help="--cases: skip cases already done with the same inputs.")
@_templates_dir_option
def render_cmd(
    template: str,
    case_file: Path | None,
    output: Path | None,
    cases: Path | None,
    out_dir: Path | None,
    fmt: str,
    data: Path | None,
    logo: Path | None,
    date: str | None,
    workers: int,
    resume: bool,
    templates_dir: Path | None,
) -> None:
    """Render TEMPLATE for one case (--case, -o) or many (--cases, --out-dir; the batch runner, with a report)."""
    if (case_file is None) == (cases is None):
        raise UsageError("letter: give either --case CASE -o OUT.pdf, or --cases DIR_OR_SHEET --out-dir DIR")
    if case_file is not None:
        if output is None:
            raise UsageError("letter: --case needs -o OUT.docx or -o OUT.pdf")
        result = render_letter(
            template, case_file, output=output, data=data, logo=logo, date=date, templates_dir=templates_dir
        )
        echo(f"{output}: {result.template} letter for case {result.case_id}")
        for warning in date_warnings_of(template, case_file, data, date, templates_dir):
            echo(f"  warning: {warning}", err=True)
        return
    assert cases is not None
    if out_dir is None:
        raise UsageError("letter: --cases needs --out-dir DIR")

    from docgen.commands.batch import finish, progress_reporter

    with progress_reporter(0) as progress:
        report = render_batch(
            template,
            cases,
            out_dir,
            fmt=fmt,
            data=data,
            logo=logo,
            date=date,
            templates_dir=templates_dir,
            workers=workers,
            resume=resume,
            progress=progress,
        )
    finish(report)


@letter_group.command("vars")
@click.argument("template")
@click.option("--all", "show_all", is_flag=True, help="Show every place a variable is used, not only the first.")
@_templates_dir_option
def vars_cmd(template: str, show_all: bool, templates_dir: Path | None) -> None:
    """List every variable TEMPLATE uses, and where; fail if one is not case data."""
    loaded = load_template(template, templates_dir)
    analysis = loaded.analysis
    echo(f"{loaded.path.name}: {len(analysis.paths())} variables; letter data goes under extra.{loaded.key}")
    width = max((len(p) for p in analysis.paths()), default=0)
    seen: set[str] = set()
    for usage in analysis.usages:
        if usage.path in seen and not show_all:
            continue
        first = usage.path not in seen
        seen.add(usage.path)
        label = usage.path if first else ""
        echo(f"  {label:<{width}}  {usage.where}")
    if analysis.problems:
        for problem in analysis.problems:
            echo(f"  PROBLEM {problem}", err=True)
        raise TemplateError(f"{loaded.path.name}: {len(analysis.problems)} variable(s) are not case data; see above")


@letter_group.command("new")
@click.argument("name")
@click.option("--from", "source", required=True, help="The template to start from (e.g. h1b_support).")
@_templates_dir_option
def new_cmd(name: str, source: str, templates_dir: Path | None) -> None:
    """Copy a template into your letters folder as NAME.docx, to edit in Word (never overwrites)."""
    target = new_template(name, source, templates_dir)
    echo(f"{target}: a copy of {source} to edit in Word; render it with 'docgen letter {name} --case ...'")


@letter_group.command("list")
@_templates_dir_option
def list_cmd(templates_dir: Path | None) -> None:
    """List the letter templates at hand."""
    names = list_templates(templates_dir)
    if not names:
        raise UsageError(f"no letter templates in {describe(templates_dirs(templates_dir))}")
    for name in names:
        echo(name)


def _job_path(job: dict[str, Any], key: str, samples: Path) -> Path | None:
    value = job.get(key)
    return samples / str(value) if value else None


def run_letter_jobs(
    plan: dict[str, Any], out_dir: Path, converter: Converter | None = None, samples: Path | None = None
) -> int:
    """Run the ``letters:`` jobs of a demo plan (paths relative to samples/); return the failure count.

    Each job is ``{template, case, out}`` with optional ``data``, ``logo`` and
    ``date``. One LibreOffice serves every PDF (``converter``, or one started
    here on first need); one line is printed per output.
    """
    failures = 0
    root = samples_dir(samples)
    with LazyConverter(converter) as office:
        for job in plan.get("letters") or []:
            out = str(job.get("out", "?")) if isinstance(job, dict) else "?"
            try:
                if not isinstance(job, dict) or not job.get("template") or not job.get("case") or not job.get("out"):
                    raise UsageError(f"demo plan: letter job {job!r} needs template, case and out")
                date = job.get("date")
                result = render_letter(
                    str(job["template"]),
                    root / str(job["case"]),
                    output=out_dir / out,
                    data=_job_path(job, "data", root),
                    logo=_job_path(job, "logo", root),
                    date=dt.date.fromisoformat(str(date)) if date else None,
                    converter=office,
                )
            except (DocgenError, ValueError) as exc:
                failures += 1
                echo(f"  FAILED {out}: {exc}", err=True)
                continue
            echo(f"  wrote {out_dir / out} ({result.template} letter, case {result.case_id})")
            if not date:
                echo(f"  warning {out}: no date: in the plan; the letter is dated today", err=True)
            for warning in date_warnings_of(
                str(job["template"]), root / str(job["case"]), _job_path(job, "data", root), date
            ):
                echo(f"  warning {out}: {warning}", err=True)
    return failures


def date_warnings_of(
    template: str, case_file: Path, data: Path | None, date: Any, templates_dir: Path | None = None
) -> list[str]:
    """What is odd about the letter's date (after the requested start, the I-94's end, the due date) and
    what to confirm about its addressee (an address not verified, none for the case)."""
    from docgen.case.loader import load_case
    from docgen.letters.dates import date_warnings
    from docgen.letters.render import letter_addressee_notes, load_letter_data, load_template

    loaded = load_template(template, templates_dir)
    key = str(loaded.key)
    letter = load_letter_data(data)
    section = letter.get(key) or {}
    dated = dt.date.fromisoformat(str(date)) if date else dt.date.today()
    case = load_case(case_file)
    return date_warnings(case, key, dated, section) + letter_addressee_notes(loaded, case, letter)


def register(cli: click.Group) -> None:
    """Add the letter command group."""
    cli.add_command(letter_group)
