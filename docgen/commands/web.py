"""``docgen serve`` and ``docgen users``: the web workspace."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from docgen.commands.options import DocketLocation, DocketType, new_docket_option

DEFAULT_DATA = Path("docgen-data")

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DATA,
    show_default=True,
    help="The workspace's data folder: database (SQLite), uploads, outputs; made owner-only.",
)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0 picks a free one).")
@data_option
@click.option(
    "--cases",
    "cases_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of case files (default: 'cases' in DATA/settings.yaml).",
)
@click.option(
    "--packets",
    "packets_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of packet specs (default: a 'packets' folder beside the cases).",
)
@click.option(
    "--docket",
    "docket_path",
    type=DocketType(),
    default=None,
    help="The mailroom docket: a file or a postgresql:// address (default: DATA/docket.sqlite, or "
    "$DOCGEN_DATABASE_URL when that is a PostgreSQL address).",
)
@click.option(
    "--watch",
    "watch_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="A scan folder to watch: each scan, once written, is filed into the cases and docket as "
    "'docgen mailroom watch' does (default: 'watch' in DATA/settings.yaml; none: no watcher).",
)
@click.option(
    "--settle",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="With a watched folder: seconds a scan must stay unchanged before it is read (as 'docgen mailroom "
    "watch --settle').",
)
@new_docket_option
@click.option("--allow-remote", is_flag=True, help="Allow a --host other than this machine (needs a secret key).")
@click.option("--threads", default=8, show_default=True, type=int, help="Request threads.")
def serve_cmd(
    host: str,
    port: int,
    data_dir: Path,
    cases_dir: Path | None,
    packets_dir: Path | None,
    docket_path: DocketLocation | None,
    watch_dir: Path | None,
    settle: float,
    new_docket: bool,
    allow_remote: bool,
    threads: int,
) -> None:
    """Run the web workspace: cases, forms, letters, packets, batches and dashboards in the browser."""
    from docgen.mailroom.reader import file_deadline
    from docgen.web import server

    file_deadline()  # a wrong DOCGEN_READ_DEADLINE stops the server now, not the watcher's thread later
    remote = server.check_host(host, allow_remote)
    server.configure(server.Place(data_dir, cases_dir, packets_dir, docket_path, watch_dir), remote=remote)
    server.upgrade(warn=lambda text: click.echo(text, err=True))
    server.run(host, port, threads, announce=lambda text: click.echo(text), new_docket=new_docket, settle=settle)


@click.group("users")
def users_group() -> None:
    """Accounts of the web workspace."""


def _setup(data_dir: Path) -> None:
    from docgen.web import server

    server.configure(server.Place(data_dir))
    server.migrate()


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@users_group.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["admin", "counsel", "specialist", "mailroom"]))
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@click.option("--replace", is_flag=True, help="Reset the password and role of an existing user.")
@data_option
def users_add_cmd(name: str, role: str, password_stdin: bool, replace: bool, data_dir: Path) -> None:
    """Add user NAME with a role; the password is asked for (or read from standard input), never an option."""
    _setup(data_dir)
    from docgen.web.accounts.users import add_user

    add_user(name, role, _read_password(password_stdin), replace=replace)
    click.echo(f"{name} can log in as {role}")


@users_group.command("list")
@data_option
def users_list_cmd(data_dir: Path) -> None:
    """Every user, their role and whether they may log in."""
    _setup(data_dir)
    from docgen.web.accounts.users import list_users

    for name, role, active in list_users():
        click.echo(f"{name:<24} {role:<12} {'active' if active else 'disabled'}")


@users_group.command("unlock")
@click.argument("name")
@data_option
def users_unlock_cmd(name: str, data_dir: Path) -> None:
    """Lift the lock-out of NAME after repeated failed logins."""
    _setup(data_dir)
    from docgen.web.accounts.users import unlock

    click.echo(f"{name}: unlocked" if unlock(name) else f"{name}: was not locked")


def register(cli: click.Group) -> None:
    """Add ``serve`` and ``users``."""
    cli.add_command(serve_cmd)
    cli.add_command(users_group)
