"""Office files (XLSX sheets of cases, DOCX letter templates) checked before any XML parser reads them.

An XLSX or DOCX is a ZIP of XML parts. A hostile one can declare XML entities
(a "billion laughs" bomb, or an external entity that reads a local file),
expand from a few megabytes to gigabytes, or be cut short. :func:`check_ooxml`
refuses all of these with one line, reading only the ZIP directory and the
first bytes of each XML part, so nothing large is ever held in memory.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from docgen.errors import DocgenError

MAX_EXPANDED = 256 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, per part larger than 1 MB
_PROBE = 64 * 1024
_MAX_PROLOG = 1024 * 1024
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(rb"<[A-Za-z_]")


def _declares_entities(handle: IO[bytes]) -> bool:
    """Whether an XML part has a DOCTYPE or ENTITY before its root element (a prolog past 1 MB counts)."""
    data = b""
    while len(data) < _MAX_PROLOG:
        chunk = handle.read(_PROBE)
        if not chunk:
            break
        data += chunk
        prolog = _COMMENT.sub(b"", data)
        root = _ROOT.search(prolog)
        if root:
            head = prolog[: root.start()]
            return b"<!DOCTYPE" in head or b"<!ENTITY" in head
    return len(data) >= _MAX_PROLOG or b"<!DOCTYPE" in data or b"<!ENTITY" in data


def check_ooxml(path: Path, error: type[DocgenError], what: str, fix: str, max_expanded: int = MAX_EXPANDED) -> None:
    """Refuse a damaged, oversized or entity-declaring Office file with ``error`` naming ``path``."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if total > max_expanded:
                raise error(
                    f"{path}: the {what} expands to {total // (1024 * 1024)} MB (limit {max_expanded // (1024 * 1024)} "
                    f"MB); {fix}"
                )
            for member in members:
                if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                    raise error(f"{path}: the {what} holds a part that expands {MAX_RATIO}x or more; {fix}")
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as handle:
                        if _declares_entities(handle):
                            raise error(f"{path}: the {what} declares XML entities (never found in a real one); {fix}")
    except zipfile.BadZipFile as exc:
        raise error(f"{path}: the {what} is damaged or cut short ({exc}); {fix}") from None
    except (OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise error(f"{path}: the {what} cannot be read ({type(exc).__name__}); {fix}") from None
