"""What a file is by its content (libmagic), never by its name."""

from __future__ import annotations

import functools
import io
import zipfile

import magic

MAGIC_BYTES = 16384  # enough for every signature libmagic tests here (Office files name their parts first)
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@functools.lru_cache(maxsize=1)
def _magic() -> magic.Magic:
    return magic.Magic(mime=True)


def detect(data: bytes) -> str:
    """The MIME type of a file's content (``application/pdf``, ``image/jpeg``...) from its first bytes.

    A Word file (DOCX) that libmagic takes for a plain ZIP is recognised by its parts.
    """
    mime = str(_magic().from_buffer(data[:MAGIC_BYTES]))
    if mime in ("application/zip", "application/octet-stream") and data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except zipfile.BadZipFile:
            # a damaged Word file still names its parts near the start
            return DOCX if b"word/" in data[:65536] else "application/zip"
    return mime
