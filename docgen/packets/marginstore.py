"""Margins read before, kept on disk: a document met again is not read again.

What a stamp must not cover on the pages of a document
(:mod:`docgen.packets.clearance`) depends only on the document's bytes, the
edge and the depth of the band read, and the code that reads it (the
clearance module, pdfium, Pillow, numpy). A packet rebuilt after a change to
its spec, or the same evidence in another client's packet, has its margins
answered from the user's cache folder (``margins/`` in the forms' cache:
``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``, else
``~/.cache/docgen``; ``DOCGEN_CACHE_DIR=off`` turns it off) instead of read
with pdfium and the scans decoded again.

Each file is named by a SHA-256 of all of those and holds boxes only (no text,
no pixels), owner-only. It is kept and read by the forms' cache
(:func:`docgen.forms.mapcache.save` and :func:`~docgen.forms.mapcache.load`:
written under a temporary name and renamed, not synced, with a digest of its
contents), so a file cut short by a crash, altered, or holding anything but
boxes is a miss, read afresh.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from pathlib import Path

from docgen import __version__
from docgen.forms import mapcache
from docgen.forms.mapcache import cache_dir

Rect = tuple[float, float, float, float]
KIND = "margins"


@functools.cache
def _fingerprint() -> bytes | None:
    """The versions and code that decide what the margins of given bytes are (None: the code cannot be read)."""
    import numpy
    import PIL
    import pypdfium2

    digest = hashlib.sha256(
        f"{__version__} {sys.version} {pypdfium2.PYPDFIUM_INFO} {pypdfium2.PDFIUM_INFO} {PIL.__version__} "
        f"{numpy.__version__}".encode()
    )
    try:
        digest.update(Path(__file__).with_name("clearance.py").read_bytes())
    except OSError:
        return None
    return digest.digest()


def enabled() -> bool:
    """Whether margins are kept: caching is not off and the code that reads them can be read for the key."""
    return cache_dir(KIND) is not None and _fingerprint() is not None


def margins_key(sha256: str, edge: str, band: float) -> str | None:
    """The cache key of the margins along ``edge``, ``band`` points deep, of the PDF whose SHA-256 (hex) is given.

    None when caching is off, or the code that reads margins cannot be read to be part of the key.
    """
    fingerprint = _fingerprint()
    if fingerprint is None or cache_dir(KIND) is None:
        return None
    digest = hashlib.sha256(fingerprint)
    digest.update(f"{edge} {band!r} {sha256}".encode())
    return digest.hexdigest()


def _boxes(value: object) -> dict[int, list[Rect]] | None:
    """``value`` as margins (page number to boxes of four floats), or None when it is anything else."""
    if not isinstance(value, dict):
        return None
    found: dict[int, list[Rect]] = {}
    for page, boxes in value.items():
        if not isinstance(page, int) or page < 0 or not isinstance(boxes, list):
            return None
        for box in boxes:
            if not (isinstance(box, tuple) and len(box) == 4 and all(type(v) is float for v in box)):
                return None
        found[page] = boxes
    return found


def recall(key: str) -> dict[int, list[Rect]] | None:
    """The margins kept under ``key``, or None (caching off, never kept, unreadable or altered)."""
    return _boxes(mapcache.load(key, KIND))


def keep(key: str, found: dict[int, list[Rect]]) -> None:
    """Keep the margins ``found`` under ``key`` (owner-only; any failure ignored: it is only a cache)."""
    mapcache.save(
        key, {int(page): [tuple(float(v) for v in box) for box in boxes] for page, boxes in found.items()}, KIND
    )
