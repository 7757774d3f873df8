"""A disk cache of validated field maps, so a one-off ``docgen fill`` does not recompile its map.

Loading a map compiles every Jinja rule and checks every case path it names
against the case model; for the I-765 that is most of a single fill. Once a
map has loaded without error, the compiled code of its rules is kept in the
user's cache folder (``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``,
else ``~/.cache/docgen``) under a key made of the map file's bytes, the Python
version and the docgen code that validates maps. The next load of the same
map reuses the code and skips the path checks (they passed for these very
bytes); anything else (a changed map, a new docgen, another Python) is a miss
and validates in full. The checks against the blank PDF run every time.

Maps hold no personal data, and the cache files are owner-only. A cache that
cannot be read or written is simply not used. ``DOCGEN_CACHE_DIR=off``
turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

from docgen import __version__
from docgen.errors import OutputError
from docgen.fileio import write_bytes_atomic

Codes = dict[tuple[str, bool], CodeType]

# The modules whose code decides whether a map is valid and what it compiles to.
_VALIDATORS = ("case/model.py", "case/paths.py", "case/background.py", "templating.py", "forms/fieldmap.py")


def cache_dir() -> Path | None:
    """Where cached maps are kept; None when caching is off."""
    explicit = os.environ.get("DOCGEN_CACHE_DIR")
    if explicit:
        return None if explicit.lower() == "off" else Path(explicit) / "maps"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen" / "maps"


def _code_fingerprint() -> bytes:
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for name in _VALIDATORS:
        with contextlib.suppress(OSError):
            digest.update((package / name).read_bytes())
    return digest.digest()


def cache_key(map_bytes: bytes) -> str:
    """The key of a map: its bytes, the Python version and the validating code."""
    return hashlib.sha256(_code_fingerprint() + map_bytes).hexdigest()


def load(key: str) -> Codes | None:
    """The compiled rules of a map validated before, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        codes = marshal.loads((folder / f"{key}.bin").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return codes if isinstance(codes, dict) else None


def save(key: str, codes: Codes) -> None:
    """Keep the compiled rules of a map that validated (owner-only; failures ignored)."""
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError, ValueError, OutputError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_bytes_atomic(folder / f"{key}.bin", marshal.dumps(codes))
