"""The data shipped inside the package, and users' own folders layered over it.

Everything docgen reads at run time (field maps, letter templates, notice
patterns, e-filing profiles, ...) lives in ``docgen/data/`` and is found with
:mod:`importlib.resources`, so a wheel installed anywhere has it. A firm's own
folder of maps or letters is searched first and adds to the bundled set; a
file of the same name (or, for maps, the same form and edition) overrides the
bundled one.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from docgen.errors import DocgenError

_EXTRACTED = contextlib.ExitStack()
atexit.register(_EXTRACTED.close)


@functools.cache
def bundled_dir(name: str) -> Path:
    """``docgen/data/NAME`` as a real folder (extracted once when the package is imported from a zip)."""
    found = resources.files("docgen").joinpath("data", name)
    if isinstance(found, Path):
        return found
    return _EXTRACTED.enter_context(resources.as_file(found))


def user_dirs(explicit: Path | str | None, env_var: str, error: type[DocgenError]) -> list[Path]:
    """The user's folders: ``explicit`` (a command option), else ``$ENV_VAR`` (several joined by ``os.pathsep``).

    A folder that does not exist is an error, so a typo never silently falls
    back to the bundled files.
    """
    folders = [Path(explicit)] if explicit else [Path(p) for p in os.environ.get(env_var, "").split(os.pathsep) if p]
    for folder in folders:
        if not folder.is_dir():
            source = "" if explicit else f" (from ${env_var})"
            raise error(f"{folder}: no such folder{source}; check the path, or leave it out to use the bundled files")
    return folders


def layered_dirs(explicit: Path | str | None, env_var: str, bundled: str, error: type[DocgenError]) -> list[Path]:
    """The user's folders first, then the bundled one."""
    return [*user_dirs(explicit, env_var, error), bundled_dir(bundled)]


def layered_files(folders: Iterable[Path], pattern: str) -> dict[str, Path]:
    """File name -> path over ``folders``, the first folder holding a name winning; sorted by name."""
    found: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.glob(pattern)):
            if not path.name.startswith(("~$", ".")):
                found.setdefault(path.name, path)
    return dict(sorted(found.items()))


def describe(folders: list[Path]) -> str:
    """``DIR and the bundled set`` (or ``the bundled set``) for messages; the bundled folder comes last."""
    return " and ".join([*(str(f) for f in folders[:-1]), "the bundled set"])
