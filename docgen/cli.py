"""The ``docgen`` command: a thin layer over the library.

Each command group lives in :mod:`docgen.commands`; this module wires them
together and turns every :class:`~docgen.errors.DocgenError` into one line on
stderr and its exit code. Tracebacks are for bugs only.
"""

from __future__ import annotations

import importlib
import signal
import sys

import click

from docgen.errors import DocgenError

# Each module defines ``register(group)``; add a line here for a new command module.
COMMAND_MODULES = [
    "docgen.commands.forms",
    "docgen.commands.fill",
    "docgen.commands.demo",
    "docgen.commands.notices",
    "docgen.commands.batch",
    "docgen.commands.mailroom",
    "docgen.commands.letters",
    "docgen.commands.packets",
    "docgen.commands.todo",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen")
def cli() -> None:
    """Fill immigration forms, write letters, build packets and read notices."""


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(cli)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a cancelled job, ``timeout``) unwinds like Ctrl-C, so cleanup code runs: no LibreOffice or
    temporary copy of a letter is left behind."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising for user errors."""
    signal.signal(signal.SIGTERM, _terminated)
    try:
        cli.main(args=argv, prog_name="docgen", standalone_mode=False)
    except DocgenError as exc:
        click.echo(f"docgen: error: {exc}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("docgen: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("docgen: interrupted", err=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
