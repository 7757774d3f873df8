"""``docgen docket export`` / ``docgen docket import``: move a docket between SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.options import DocketLocation, DocketType, docket_option
from docgen.fileio import check_output
from docgen.mailroom.docket import open_docket
from docgen.mailroom.transfer import export_docket, import_docket


@click.group("docket")
def docket_group() -> None:
    """Move a docket between a SQLite file and a PostgreSQL database."""


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {table}" for table, n in counts.items() if n) or "no rows"


@docket_group.command("export")
@click.argument("docket", type=DocketType(), envvar="DOCGEN_DATABASE_URL")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.jsonl")
def export_cmd(docket: DocketLocation, output: Path) -> None:
    """Write every row of DOCKET (a file or postgresql:// address) to one JSON Lines file (owner-only)."""
    check_output(output, "json", inputs=[docket] if isinstance(docket, Path) else [])
    with open_docket(docket, create=False) as source:
        counts = export_docket(source, output)
    click.echo(f"wrote {output} ({_summary(counts)})")


@docket_group.command("import")
@click.argument("export_file", type=click.Path(dir_okay=False, path_type=Path))
@docket_option
def import_cmd(export_file: Path, docket_path: DocketLocation) -> None:
    """Put the rows of EXPORT_FILE into a new, empty docket (all of them or, on any error, none)."""
    with open_docket(docket_path) as target:
        counts = import_docket(target, export_file)
        click.echo(f"imported {_summary(counts)} into {target.location}")


def register(cli: click.Group) -> None:
    """Add the docket group."""
    cli.add_command(docket_group)
