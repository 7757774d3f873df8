"""Uploaded files: a size limit, the type read from the content (libmagic), kept owner-only outside anything
served."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Any

import magic
from django.conf import settings

from docgen.fileio import safe_name, write_bytes_atomic

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS: dict[str, dict[str, str]] = {
    "cases": {"text/csv": ".csv", "application/csv": ".csv", "text/plain": ".csv", XLSX: ".xlsx"},
    "template": {DOCX: ".docx"},
}
NAMES = {"cases": "a CSV or XLSX spreadsheet", "template": "a Word document (DOCX)"}


class UploadRefused(ValueError):
    """An upload that is too large or of the wrong type; the message says which, for the page."""


def megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _zip_member(head: bytes, uploaded: Any) -> str | None:
    """Office files libmagic sees only as ZIP: tell XLSX from DOCX by the parts inside."""
    import zipfile

    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        uploaded.seek(0)
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return None


def check(uploaded: Any, kind: str) -> str:
    """The detected type of an upload of ``kind``; raises UploadRefused with a message for the user."""
    limit = int(settings.UPLOAD_LIMIT)
    expected = NAMES[kind]
    if uploaded is None:
        raise UploadRefused(f"Choose a file: {expected}.")
    if uploaded.size > limit:
        raise UploadRefused(
            f"{uploaded.name} is {megabytes(uploaded.size)}; files up to {megabytes(limit)} are accepted."
        )
    if uploaded.size == 0:
        raise UploadRefused(f"{uploaded.name} is empty; choose {expected}.")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    mime = magic.from_buffer(head, mime=True)
    if mime in ("application/zip", "application/octet-stream"):
        mime = _zip_member(head, uploaded) or mime
    if mime not in KINDS[kind]:
        raise UploadRefused(f"{uploaded.name} is not {expected} (its content is {mime}); choose {expected}.")
    if mime == "text/plain" and b"," not in head and b";" not in head:
        raise UploadRefused(f"{uploaded.name} is plain text without columns; choose {expected}.")
    return mime


def store(uploaded: Any, kind: str) -> Path:
    """Check an upload and keep it in a folder of its own under ``DATA/uploads`` (0700, the file 0600), under the
    name the user gave it with the right suffix, so messages about it name the file they chose."""
    mime = check(uploaded, kind)
    uploads = Path(settings.DATA_DIR) / "uploads"
    uploads.mkdir(mode=0o700, exist_ok=True)
    folder = uploads / uuid.uuid4().hex
    folder.mkdir(mode=0o700)
    stem = Path(str(getattr(uploaded, "name", "") or kind).replace("\\", "/")).stem
    if not stem.isprintable() or stem.startswith(".") or len(stem) > 120:
        stem = safe_name(stem)[:120]
    target = folder / f"{stem or kind}{KINDS[kind][mime]}"
    uploaded.seek(0)
    write_bytes_atomic(target, b"".join(uploaded.chunks()))
    return target


def worded(problem: object, path: Path) -> str:
    """A message about a kept upload as the page says it: the file by the name the user chose, never its path on
    the server (the data folder, the random folder it is kept in)."""
    return str(problem).replace(str(path), path.name)


def discard(path: Path) -> None:
    """Remove a kept upload (and its folder)."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    if path.parent.parent == Path(settings.DATA_DIR) / "uploads":
        with contextlib.suppress(OSError):
            path.parent.rmdir()
