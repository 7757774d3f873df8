"""``docgen db status`` / ``docgen db upgrade``: every schema docgen keeps (the docket's and the workspace
database's), shown and brought to the newest version by one command."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.commands.options import DocketLocation, DocketType
from docgen.commands.web import data_option

docket_choice = click.option(
    "--docket",
    "docket_path",
    type=DocketType(),
    default=None,
    help="The docket: a file or a postgresql:// address (default: as 'docgen serve' finds it: DATA/docket.sqlite, "
    "or $DOCGEN_DATABASE_URL when that is a PostgreSQL address).",
)
verbose_option = click.option("-v", "--verbose", is_flag=True, help="List every migration applied.")


@click.group("db")
def db_group() -> None:
    """The schemas of the docket and the workspace database: their versions, and one upgrade for both."""


def _setup(data_dir: Path, docket_path: DocketLocation | None, look_only: bool = False) -> None:
    from docgen.web import server

    server.configure(server.Place(data_dir, docket=docket_path), look_only=look_only)


def _show(verbose: bool) -> None:
    from django.conf import settings

    from docgen.mailroom.schema import docket_schema
    from docgen.mailroom.sql_docket import MIGRATIONS
    from docgen.web import schema

    docket = docket_schema(settings.DOCKET_PATH)
    click.echo(f"docket     {docket.location}")
    click.echo(f"  {docket.state}")
    if verbose and docket.version:
        shown = min(docket.version, len(MIGRATIONS))
        click.echo(f"  applied: {', '.join(str(n) for n in range(1, shown + 1))}")
    click.echo(f"workspace  {schema.location()}")
    if schema.missing():  # looking must not make it
        made_by = "'docgen db upgrade' or 'docgen serve' makes it"
        click.echo(f"  no workspace database yet at {schema.location()} ({made_by})")
        return
    apps = schema.workspace_schema()
    width = max((len(app.app) for app in apps), default=0)
    for app in apps:
        click.echo(f"  {app.app:<{width}}  {app.state}")
        if verbose and app.applied:
            click.echo(f"  {'':<{width}}  applied: {', '.join(app.applied)}")


@db_group.command("status")
@data_option
@docket_choice
@verbose_option
def status_cmd(data_dir: Path, docket_path: DocketLocation | None, verbose: bool) -> None:
    """The version of each schema, beside the newest this docgen knows; upgrades, and makes, nothing."""
    _setup(data_dir, docket_path, look_only=True)
    _show(verbose)


@db_group.command("upgrade")
@data_option
@docket_choice
@verbose_option
def upgrade_cmd(data_dir: Path, docket_path: DocketLocation | None, verbose: bool) -> None:
    """Bring the docket and the workspace database to the newest version (refused, changing nothing, when
    either was written by a newer docgen); then show each version."""
    from docgen.web import server

    _setup(data_dir, docket_path)
    server.upgrade()
    _show(verbose)


def register(cli: click.Group) -> None:
    """Add the db group."""
    cli.add_command(db_group)
