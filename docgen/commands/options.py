"""Options shared by several commands."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from docgen.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])


def forms_dir_option(func: F) -> F:
    """``--forms-dir``: where blank PDFs are (default: $DOCGEN_FORMS_DIR)."""
    return click.option(
        "--forms-dir",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        help="Folder of blank form PDFs (default: $DOCGEN_FORMS_DIR, ./forms, or the user data folder).",
    )(func)


def maps_dir_option(func: F) -> F:
    """``--maps-dir``: the user's field maps, layered over the bundled ones."""
    return click.option(
        "--maps-dir",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        help="Folder of your own field maps, searched before the bundled ones (default: $DOCGEN_MAPS_DIR).",
    )(func)


def samples_dir(explicit: Path | str | None = None) -> Path:
    """The sample cases, letters, packets and notices the demo runs on: ``--samples``, $DOCGEN_SAMPLES_DIR or
    ./samples (they live in the source checkout, not in the installed package)."""
    folder = Path(explicit or os.environ.get("DOCGEN_SAMPLES_DIR") or "samples")
    if not (folder / "demo.yaml").is_file():
        raise UsageError(
            f"{folder}: no demo plan (demo.yaml) there; run from the source checkout, or give --samples "
            "(or DOCGEN_SAMPLES_DIR) the checkout's samples/ folder"
        )
    return folder


def samples_option(func: F) -> F:
    """``--samples``: the folder of samples (default: $DOCGEN_SAMPLES_DIR or ./samples)."""
    return click.option(
        "--samples",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="The checkout's samples/ folder (default: $DOCGEN_SAMPLES_DIR or ./samples).",
    )(func)


DocketLocation = Path | str  # a docket file, or a postgresql:// address


class DocketType(click.ParamType):  # type: ignore[type-arg]
    """A docket file (a Path) or a ``postgresql://`` address (kept as text: a path would fold its slashes)."""

    name = "DOCKET"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> DocketLocation:
        from docgen.mailroom.docket import is_database_url

        text = str(value)
        if is_database_url(text):
            return text
        if text.startswith("sqlite:///"):  # the URL form (as DOCGEN_DATABASE_URL may hold it) of a file
            value = text.removeprefix("sqlite:///")
        path: Path = click.Path(dir_okay=False, path_type=Path).convert(value, param, ctx)
        return path


def docket_option(func: F, required: bool = True) -> F:
    """``--docket``: the docket file, or a PostgreSQL address (default: $DOCGEN_DATABASE_URL)."""
    return click.option(
        "--docket",
        "docket_path",
        required=required,
        envvar="DOCGEN_DATABASE_URL",
        type=DocketType(),
        help="The docket: a SQLite file (the first 'mailroom ingest' makes it) or a team database, "
        "postgresql://USER@HOST/DB (default: $DOCGEN_DATABASE_URL).",
    )(func)


CASES_HELP = "Folder of case files; notices are filed under CASES/<case_id>/notices/."


def cases_folder_option(func: F, help: str = CASES_HELP) -> F:
    """``--cases``: the folder of case files the mailroom files notices into (required)."""
    return click.option(
        "--cases", "cases_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help=help
    )(func)


def terminal_text(text: str) -> str:
    """Text for the terminal: control, separator and direction characters (an ESC in a case id or a file
    name, a U+2028 in a tooltip) shown as visible escapes, line by line, never passed through raw."""
    from docgen.mailroom.text import printable

    return "\n".join(printable(line) for line in str(text).split("\n"))


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` through :func:`terminal_text`: the one way commands print what came from files."""
    click.echo(terminal_text(text), err=err, nl=nl)


new_docket_option = click.option(
    "--new-docket",
    is_flag=True,
    help="Make a new docket file even though the cases folder holds notices filed with another docket.",
)


def parse_within(text: str | None) -> int | None:
    """``--within``: days ahead, written ``90``, ``90d``, ``12w``, ``6m`` (30 days each) or ``1y``."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d+)\s*([dwmy]?)", text.strip().lower())
    if not match:
        raise UsageError(f"--within {text!r}: write a number of days, e.g. 90d, 12w, 6m or 1y")
    number, unit = int(match.group(1)), match.group(2) or "d"
    days = number * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    if days > MAX_WITHIN_DAYS:  # past the calendar's last year (a traceback), and past any deadline there is
        raise UsageError(f"--within {text!r}: at most 100y ({MAX_WITHIN_DAYS} days); every deadline falls in it")
    return days


MAX_WITHIN_DAYS = 36500


# The names a spreadsheet, calendar or browser opens each format by; a file named for another would not open (Excel
# refuses a CSV named .xlsx), or would open as a table of one column (a plain-text table named .csv).
FORMAT_SUFFIXES = {
    "csv": (".csv",),
    "ics": (".ics",),
    "xlsx": (".xlsx",),
    "html": (".html", ".htm"),
    "pdf": (".pdf",),
    "yaml": (".yaml", ".yml"),
}
_SAID_AN = {"ics", "xlsx", "html"}  # "an ICS", "a CSV": as the letters are said


def check_suffix(output: Path, fmt: str, formats: Iterable[str], flag: str = "") -> None:
    """Refuse ``--format ics -o cal.csv``, ``-o report.csv`` with the plain-text table, and the like: the file would
    be handed to the wrong program. ``formats``: the command's own (the hint offers only one of those); ``flag``:
    the option that chose the format when it is not ``--format`` (``paf check --csv``)."""
    wanted = FORMAT_SUFFIXES.get(fmt)
    suffix = output.suffix.lower()
    known = {ext for exts in FORMAT_SUFFIXES.values() for ext in exts}
    if (wanted is not None and suffix in wanted) or (wanted is None and suffix not in known):
        return
    other = next((name for name in formats if suffix in FORMAT_SUFFIXES.get(name, ())), None)
    hint = f" (or give --format {other})" if other else ""
    what = ("an " if fmt in _SAID_AN else "a ") + fmt.upper() if wanted else "plain text"
    raise UsageError(
        f"{output}: {flag or '--format ' + fmt} writes {what} here; name the file "
        f"{output.with_suffix(wanted[0] if wanted else '.txt').name}{hint}"
    )
