"""``docgen fill``: one form for one person of one case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from docgen.commands.options import check_suffix, echo, forms_dir_option, maps_dir_option
from docgen.editions import accepting_editions, load_editions, parse_accepted
from docgen.fileio import check_output
from docgen.forms.fill import fill_form


@click.command("fill")
@click.argument("form")
@click.option("--case", "case_file", required=True, type=click.Path(path_type=Path), help="Case file (YAML/JSON).")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), help="Where to write the PDF.")
@click.option(
    "--for", "person", default=None, help="Whose form: a person id, 'beneficiary' (default) or dependents[N]."
)
@click.option("--flatten", is_flag=True, help="Burn the values into the pages (no editable fields).")
@click.option("--edition", default=None, help="Use the map of this edition (mm/dd/yy).")
@click.option(
    "--accept-edition",
    default=None,
    metavar="EDITION",
    help="Fill this edition (mm/dd/yy, or FORM=EDITION as batch and packet take it) even though the agency no "
    "longer accepts it (you know better).",
)
@forms_dir_option
@maps_dir_option
def fill_cmd(
    form: str,
    case_file: Path,
    output: Path,
    person: str | None,
    flatten: bool,
    edition: str | None,
    accept_edition: str | None,
    forms_dir: str | None,
    maps_dir: str | None,
) -> None:
    """Fill FORM (an id such as I-765, or a map file) from a case."""
    check_output(output, "pdf", inputs=[case_file])  # first: a case file there is the worse slip (exit 12)
    check_suffix(output, "pdf", ("pdf",), flag="fill")  # a PDF named .docx (or nothing) opens in no PDF viewer
    accepted = {} if not accept_edition else {"*": accept_edition}
    if accept_edition and "=" in accept_edition:  # I-539=02/04/19, as batch and packet are given it
        accepted = parse_accepted([accept_edition])
    with accepting_editions(accepted):
        result = fill_form(
            form,
            case_file,
            person=person,
            output=output,
            flatten=flatten,
            forms_dir=forms_dir,
            maps_dir=maps_dir,
            edition=edition,
        )
    for warning in result.warnings:
        echo(f"docgen: warning: {warning}", err=True)
    entry = load_editions(maps_dir).find(result.form, result.edition) if accept_edition else None
    if entry is not None and entry.refused_on(dt.date.today()):
        echo(
            f"docgen: warning: Form {result.form} edition {result.edition} is {entry.status(dt.date.today())} "
            f"by {entry.agency}; filled because --accept-edition {accept_edition} was given",
            err=True,
        )
    note = f", {result.overflow_note()}" if result.overflow else ""
    echo(f"{output}: {result.form} edition {result.edition}, {len(result.values)} fields filled{note}")


def register(cli: click.Group) -> None:
    """Add the fill command."""
    cli.add_command(fill_cmd)
