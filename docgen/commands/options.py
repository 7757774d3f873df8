"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

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
    """``--maps-dir``: where field maps are (default: the project's form_maps/)."""
    return click.option(
        "--maps-dir",
        type=click.Path(file_okay=False, path_type=str),
        default=None,
        help="Folder of field maps (default: $DOCGEN_MAPS_DIR or the bundled form_maps/).",
    )(func)
