"""``docgen batch ...``: the same work for many cases, in parallel, resumable."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from docgen.batch.jobs import DEFAULT_PATTERN, Task
from docgen.batch.runner import BatchReport, Job, Outcome, Progress, make_jobs, run_batch
from docgen.batch.sources import read_cases
from docgen.batch.template import write_template
from docgen.commands.options import echo, forms_dir_option, maps_dir_option, terminal_text
from docgen.editions import parse_accepted
from docgen.errors import BatchIncomplete

accept_edition_option = click.option(
    "--accept-edition",
    "accept_editions",
    multiple=True,
    metavar="FORM=EDITION",
    help="Fill this edition even though the agency no longer accepts it (I-539=02/04/19); repeat for more.",
)


@contextmanager
def progress_reporter(total: int) -> Iterator[Progress]:
    """A rich progress bar on a terminal, plain lines otherwise."""
    if not sys.stderr.isatty():

        def plain(outcome: Outcome, done: int, count: int) -> None:
            extra = f": {outcome.error}" if outcome.error else ""
            echo(f"[{done}/{count}] {outcome.label}: {outcome.status}{extra}", err=True)

        yield plain
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as Bar

    console = Console(stderr=True)
    with Bar(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    ) as bar:
        task = bar.add_task("cases", total=total)

        def fancy(outcome: Outcome, done: int, count: int) -> None:
            if outcome.status == "failed":
                label, error = escape(terminal_text(outcome.label)), escape(terminal_text(outcome.error))
                console.print(f"[red]failed[/red] {label}: {error}", markup=True, highlight=False)
            bar.update(task, completed=done, total=count)

        yield fancy


def finish(report: BatchReport) -> None:
    """Print the summary; a batch with failures exits non-zero."""
    done = sum(o.status == "done" for o in report.outcomes)
    skipped = sum(o.status == "skipped" for o in report.outcomes)
    echo(
        f"{done} done, {skipped} already done, {len(report.failed)} failed"
        + (f", {len(report.not_started)} not started (interrupted)" if report.interrupted else "")
        + f"; report: {report.out_dir / 'batch-report.csv'}"
    )
    if not report.ok:
        what = "interrupted" if report.interrupted else f"{len(report.failed)} case(s) failed"
        raise BatchIncomplete(f"batch {what}; see {report.out_dir / 'batch-report.csv'} (rerun with --resume)")


@click.group("batch")
def batch_group() -> None:
    """Fill forms (letters, packets) for many cases from a spreadsheet or a folder."""


@batch_group.command("fill")
@click.argument("forms", nargs=-1, required=True)
@click.option(
    "--cases",
    "cases_path",
    required=True,
    type=click.Path(path_type=Path),
    help="CASES.csv, CASES.xlsx or a folder of case files.",
)
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Processes (default: one per core).")
@click.option("--resume", is_flag=True, help="Skip cases already done with the same inputs.")
@click.option("--for", "person", default=None, help="Whose forms: a person id in every case (default beneficiary).")
@click.option("--pattern", default=DEFAULT_PATTERN, show_default=True, help="Output file names.")
@click.option("--flatten", is_flag=True, help="Burn the values into the pages.")
@accept_edition_option
@forms_dir_option
@maps_dir_option
def batch_fill_cmd(
    forms: tuple[str, ...],
    cases_path: Path,
    out_dir: Path,
    workers: int | None,
    resume: bool,
    person: str | None,
    pattern: str,
    flatten: bool,
    accept_editions: tuple[str, ...],
    forms_dir: str | None,
    maps_dir: str | None,
) -> None:
    """Fill FORMS for every case; one report line per case."""
    accepted = tuple(sorted(parse_accepted(accept_editions).items()))
    rows = read_cases(cases_path)
    tasks = tuple(Task("form", form, person) for form in forms)
    jobs = make_jobs(
        rows, tasks, pattern, forms_dir=forms_dir, maps_dir=maps_dir, flatten=flatten, accept_editions=accepted
    )
    _run(jobs, out_dir, workers, resume, [cases_path])


def _run(jobs: list[Job], out_dir: Path, workers: int | None, resume: bool, inputs: list[Path]) -> None:
    with progress_reporter(len(jobs)) as progress:
        report = run_batch(jobs, out_dir, workers=workers, resume=resume, progress=progress, inputs=inputs)
    finish(report)


def _common(func: Any) -> Any:
    for option in reversed(
        [
            click.option(
                "--cases",
                "cases_path",
                required=True,
                type=click.Path(path_type=Path),
                help="CASES.csv, CASES.xlsx or a folder of case files.",
            ),
            click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path)),
            click.option(
                "--workers", type=click.IntRange(min=1), default=None, help="Processes (default: one per core)."
            ),
            click.option("--resume", is_flag=True, help="Skip cases already done with the same inputs."),
        ]
    ):
        func = option(func)
    return func


@batch_group.command("letter")
@click.argument("templates", nargs=-1, required=True)
@_common
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True)
@click.option("--data", type=click.Path(dir_okay=False), default=None, help="Letter data (YAML) for every case.")
@click.option("--logo", type=click.Path(dir_okay=False), default=None, help="Letterhead logo for every case.")
@click.option("--pattern", default=DEFAULT_PATTERN, show_default=True, help="Output file names.")
def batch_letter_cmd(
    templates: tuple[str, ...],
    cases_path: Path,
    out_dir: Path,
    workers: int | None,
    resume: bool,
    fmt: str,
    data: str | None,
    logo: str | None,
    pattern: str,
) -> None:
    """Render letter TEMPLATES for every case; one LibreOffice per worker."""
    files = {"data": data, "logo": logo}  # resolved here: a worker may run elsewhere
    options = (("format", fmt), *((k, str(Path(v).resolve())) for k, v in files.items() if v))
    tasks = tuple(Task("letter", template, None, options) for template in templates)
    inputs = [cases_path, *(Path(p) for p in (data, logo) if p)]
    _run(make_jobs(read_cases(cases_path), tasks, pattern), out_dir, workers, resume, inputs)


@batch_group.command("packet")
@click.argument("spec", type=click.Path(dir_okay=False))
@_common
@click.option("--pattern", default=DEFAULT_PATTERN, show_default=True, help="Output file names.")
@accept_edition_option
@forms_dir_option
@maps_dir_option
def batch_packet_cmd(
    spec: str,
    cases_path: Path,
    out_dir: Path,
    workers: int | None,
    resume: bool,
    pattern: str,
    accept_editions: tuple[str, ...],
    forms_dir: str | None,
    maps_dir: str | None,
) -> None:
    """Build the packet SPEC for every case (its forms and letters from that case)."""
    accepted = tuple(sorted(parse_accepted(accept_editions).items()))
    task = Task("packet", Path(spec).name, None, (("spec", str(Path(spec).resolve())),))
    jobs = make_jobs(
        read_cases(cases_path), (task,), pattern, forms_dir=forms_dir, maps_dir=maps_dir, accept_editions=accepted
    )
    _run(jobs, out_dir, workers, resume, [cases_path, Path(spec)])


@batch_group.command("template")
@click.argument("forms", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--for",
    "person",
    default=None,
    help="Columns for a dependent's forms: dependents[0], or the id 'batch fill --for' takes "
    "(spouse: a dependents[0] with id spouse); default the beneficiary.",
)
@forms_dir_option
@maps_dir_option
def batch_template_cmd(
    forms: tuple[str, ...], output: Path, person: str | None, forms_dir: str | None, maps_dir: str | None
) -> None:
    """Write an XLSX with a column for every case path the FORMS' maps use."""
    count = write_template(output, list(forms), person or "beneficiary", forms_dir=forms_dir, maps_dir=maps_dir)
    echo(f"wrote {output}: {count} columns")


def register(cli: click.Group) -> None:
    """Add the batch group."""
    cli.add_command(batch_group)
