"""Atomic, owner-only file writes.

Outputs hold personal data, so they are created with mode 0600 and appear
under their final name only once complete (write to a temporary file in the
same folder, fsync, rename).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from docgen.errors import OutputError

PRIVATE_FILE_MODE = 0o600


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = PRIVATE_FILE_MODE) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` atomically when the block ends (owner-only by default)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror}); choose another output folder") from exc
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: writing failed ({exc.strerror}); nothing was written") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write ``data`` to ``path`` atomically, owner-only unless ``mode`` says otherwise."""
    with atomic_writer(path, mode) as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically, owner-only unless ``mode`` says otherwise."""
    write_bytes_atomic(path, text.encode("utf-8"), mode)


def safe_name(text: str) -> str:
    """Text made safe as (part of) a file name: letters, digits, ``-_.``; anything else becomes ``-``."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text).strip("-.") or "case"
