"""Reading an input file: regular files only, never a pipe or a device.

``/dev/zero`` as evidence would be read until memory runs out, and a named
pipe (FIFO) would block the run forever. A file is opened without blocking,
checked to be a regular file on the open descriptor (no race with a swap),
and only then read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from docgen.pdf.limits import Caps, check_bytes

KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device (like /dev/zero)",
    stat.S_IFBLK: "a block device (a disk)",
    stat.S_IFSOCK: "a socket",
}


class NotAFileError(OSError):
    """The path is a pipe, a device or a socket, not a file; ``strerror`` says which."""


def _open_regular(path: Path) -> int:
    """A read-only descriptor of ``path``, which must be a regular file (raises OSError subclasses)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(mode):
            kind = KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise NotAFileError(errno.EINVAL, f"is {kind}, not a file", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(path: Path | str) -> None:
    """Raise FileNotFoundError, IsADirectoryError or :class:`NotAFileError` unless ``path`` is a regular file."""
    os.close(_open_regular(Path(path)))


def read_regular(path: Path | str, caps: Caps | None = None, name: str | None = None) -> bytes:
    """The bytes of a regular file (pipes and devices refused), within ``caps.bytes`` if given.

    ``name`` is how a cap error names the file (default: the path).
    """
    path = Path(path)
    fd = _open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        if caps is not None:
            check_bytes(name or str(path), os.fstat(handle.fileno()).st_size, caps)
        return handle.read()


def read_head(path: Path | str, size: int, caps: Caps | None = None) -> bytes:
    """The first ``size`` bytes of a regular file (for detecting its type), the file within ``caps.bytes``."""
    with os.fdopen(_open_regular(Path(path)), "rb") as handle:
        if caps is not None:
            check_bytes(str(path), os.fstat(handle.fileno()).st_size, caps)
        return handle.read(size)
