"""Write a packet's files all or nothing, with owner-only permissions.

Every file (the PDF or its parts, the manifest) is first written under a
temporary name in its folder (mode 0600); only when all of them are complete
are they synced and renamed into place. On any error the temporary files are
removed and nothing under the final names changes.

qpdf writes each PDF straight to its file (much faster than through Python
memory). The file ID (``/ID`` in the trailer) is a digest of what the file
holds (its sources' hashes, pages and stamps), so the same inputs give the
same bytes: qpdf writes its fixed test ID and this module puts the digest in
its place (same length, in the last bytes of the file, no offset moves).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

import pikepdf

from docgen.errors import OutputError
from docgen.fileio import PRIVATE_FILE_MODE

STATIC_ID = b"31415926535897932384626433832795"  # what qpdf writes with static_id
TAIL = 65536


def file_id(facts: Iterable[str]) -> bytes:
    """A 16-byte file ID, as 32 hex digits, from what the file holds."""
    digest = hashlib.sha256("\x1f".join(facts).encode("utf-8")).hexdigest()[:32]
    return digest.encode("ascii")


def _save_options() -> dict[str, object]:
    return {"static_id": True, "object_stream_mode": pikepdf.ObjectStreamMode.generate}


def save_bytes(pdf: pikepdf.Pdf, identity: bytes) -> bytes:
    """The PDF as bytes (to measure a part of a split), with its file ID."""
    buffer = io.BytesIO()
    pdf.save(buffer, **_save_options())  # type: ignore[arg-type]
    data = buffer.getvalue()
    head, tail = data[:-TAIL], data[-TAIL:]
    if tail.count(STATIC_ID) != 2:
        raise AssertionError("qpdf did not write its fixed file ID where expected")
    return head + tail.replace(STATIC_ID, identity)


def _patch_id(path: Path, identity: bytes) -> None:
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        start = max(0, size - TAIL)
        handle.seek(start)
        tail = handle.read()
        if tail.count(STATIC_ID) != 2:
            raise AssertionError("qpdf did not write its fixed file ID where expected")
        at = tail.find(STATIC_ID)
        while at != -1:
            handle.seek(start + at)
            handle.write(identity)
            at = tail.find(STATIC_ID, at + len(STATIC_ID))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _digest(path: Path) -> tuple[str, int]:
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
        return digest.hexdigest(), handle.tell()


class Staging:
    """Files written under temporary names, renamed into place together when the block ends without error."""

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []
        self.synced: set[Path] = set()

    def __enter__(self) -> Staging:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if kind is None:
            self._commit()
        else:
            self._discard()

    def _temporary(self, final: Path) -> Path:
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
        except OSError as exc:
            raise OutputError(f"{final}: cannot write here ({exc.strerror}); choose another output folder") from None
        os.fchmod(fd, PRIVATE_FILE_MODE)
        os.close(fd)
        self.staged.append((Path(name), final))
        return Path(name)

    def pdf(self, pdf: pikepdf.Pdf, final: Path, identity: bytes) -> tuple[str, int]:
        """Write ``pdf`` for ``final``; return its SHA-256 and size."""
        temporary = self._temporary(final)
        try:
            pdf.save(temporary, **_save_options())  # type: ignore[arg-type]
            _patch_id(temporary, identity)
            with ThreadPoolExecutor(max_workers=1) as syncer:  # flush to disk while the hash is worked out
                synced = syncer.submit(_fsync, temporary)
                digest = _digest(temporary)
                synced.result()
            self.synced.add(temporary)
            return digest
        except OSError as exc:
            raise OutputError(f"{final}: writing failed ({exc.strerror}); nothing was written") from None

    def data(self, final: Path, data: bytes) -> None:
        """Write ``data`` for ``final``."""
        temporary = self._temporary(final)
        try:
            temporary.write_bytes(data)
        except OSError as exc:
            raise OutputError(f"{final}: writing failed ({exc.strerror}); nothing was written") from None

    def _commit(self) -> None:
        try:
            for temporary, _final in self.staged:
                if temporary not in self.synced:
                    _fsync(temporary)
            for temporary, final in self.staged:
                os.replace(temporary, final)
        except OSError as exc:
            self._discard()
            raise OutputError(f"writing the packet failed ({exc.strerror}); check the output folder") from None

    def _discard(self) -> None:
        for temporary, _final in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged.clear()
