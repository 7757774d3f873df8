"""A disk cache of validated field maps and prepared blanks, so a one-off ``docgen fill`` does not redo them.

Loading a map compiles every Jinja rule and checks every case path it names
against the case model; for the I-765 that is most of a single fill. Once a
map has loaded without error, the compiled code of its rules is kept in the
user's cache folder (``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``,
else ``~/.cache/docgen``) under a key made of the map file's bytes, the blank
PDF's bytes, the Python and pikepdf versions and the docgen code that
validates maps. The next load of the same map with the same blank reuses the
code and skips the checks (they passed for these very bytes); anything else
(a changed map, another blank, a new docgen, another Python) is a miss and
validates in full.

The blank made ready to fill (XFA and signature removed, every field
emptied) is kept the same way, under a key made of the blank's bytes and the
code that prepares it, with the warnings preparing it gave.

Maps hold no personal data, and the cache files are owner-only. Each file
holds a digest of its contents: one cut short or altered is a miss. A cache
that cannot be read or written is simply not used. :func:`load` and
:func:`save` keep other kinds too (the packets' margins, in
:mod:`docgen.packets.marginstore`). ``DOCGEN_CACHE_DIR=off``
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
from typing import Any

from docgen import __version__
from docgen.errors import OutputError
from docgen.fileio import write_bytes_atomic

Codes = dict[tuple[str, bool], CodeType]

# The modules whose code decides what is cached: whether a map is valid and what it compiles to, and how a
# blank is made ready to fill.
_CODE = {
    "maps": ("case/model.py", "case/paths.py", "case/background.py", "templating.py", "forms/fieldmap.py"),
    "blanks": ("forms/fill.py", "forms/reset.py", "forms/pdf.py"),
}


def cache_dir(kind: str = "maps") -> Path | None:
    """Where cached maps (or blanks) are kept; None when caching is off."""
    explicit = os.environ.get("DOCGEN_CACHE_DIR")
    if explicit:
        return None if explicit.lower() == "off" else Path(explicit) / kind
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen" / kind


def _code_fingerprint(kind: str) -> bytes:
    import pikepdf

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(f"{__version__} {sys.version} {pikepdf.__version__}".encode())
    for name in _CODE[kind]:
        with contextlib.suppress(OSError):
            digest.update((package / name).read_bytes())
    return digest.digest()


def cache_key(data: bytes, kind: str = "maps") -> str:
    """The key of a map (or a blank): its bytes, the Python, pikepdf and docgen versions and the code."""
    return hashlib.sha256(_code_fingerprint(kind) + data).hexdigest()


MAGIC = b"docgen-cache-1\n"
"""What every kept file starts with, then the SHA-256 of the rest: a file cut short by a crash, altered on disk
(a flipped byte in a kept rule's code still loads as code) or written by anything else is a miss."""


def load(key: str, kind: str = "maps") -> Any:
    """What was kept under ``key`` in the ``kind`` folder, or None (caching off, never kept, cut short, altered)."""
    folder = cache_dir(kind)
    if folder is None:
        return None
    try:
        stored = (folder / f"{key}.bin").read_bytes()
    except OSError:
        return None
    head, digest, payload = stored[: len(MAGIC)], stored[len(MAGIC) : len(MAGIC) + 32], stored[len(MAGIC) + 32 :]
    if head != MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def load_codes(key: str) -> Codes | None:
    """The compiled rules of a map validated before, or None."""
    codes = load(key)
    return codes if isinstance(codes, dict) else None


def save(key: str, value: Any, kind: str = "maps") -> None:
    """Keep ``value`` (marshal-able) under ``key`` in the ``kind`` folder, with :data:`MAGIC` and its digest
    (owner-only in 0700 folders, renamed into place but not synced, failures ignored: it is only a cache)."""
    folder = cache_dir(kind)
    if folder is None:
        return
    with contextlib.suppress(OSError, ValueError, OutputError):
        payload = marshal.dumps(value)
        write_bytes_atomic(folder / f"{key}.bin", MAGIC + hashlib.sha256(payload).digest() + payload, durable=False)
