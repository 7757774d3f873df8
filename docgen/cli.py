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

from docgen import __version__
from docgen.errors import DocgenError, exit_code

# Command name -> the module that defines it (with ``register(group)``). Modules are imported
# only when their command runs, so ``docgen fill`` does not load OCR, LibreOffice or packet code.
COMMANDS = {
    "batch": "docgen.commands.batch",
    "case": "docgen.commands.todo",
    "deadlines": "docgen.commands.mailroom",
    "db": "docgen.commands.db",
    "demo": "docgen.commands.demo",
    "docket": "docgen.commands.docket",
    "fill": "docgen.commands.fill",
    "forms": "docgen.commands.forms",
    "letter": "docgen.commands.letters",
    "mailroom": "docgen.commands.mailroom",
    "map": "docgen.commands.forms",
    "notice": "docgen.commands.notices",
    "packet": "docgen.commands.packets",
    "paf": "docgen.commands.compliance",
    "report": "docgen.commands.compliance",
    "serve": "docgen.commands.web",
    "users": "docgen.commands.web",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        holder = click.Group()
        importlib.import_module(module).register(holder)
        return holder.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen", message="%(prog)s %(version)s")
def cli() -> None:
    """Fill immigration forms, write letters, build packets and read notices."""


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
        from docgen.commands.options import terminal_text

        click.echo(f"docgen: error: {terminal_text(str(exc))}", err=True)
        return exit_code(exc)  # the one table: docgen.errors.EXIT_CODES
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
