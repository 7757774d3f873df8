"""What a file is, by its content (libmagic), not by its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docgen.errors import DamagedFileError, NoticeError, UnreadableFileError
from docgen.fileio import content_kind
from docgen.pdf.detect import DOCX, detect
from docgen.pdf.files import NotAFileError, read_head
from docgen.pdf.limits import NOTICE_CAPS

KINDS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/tiff": "tiff",
}
PDF_HEADER = b"%PDF-"  # how a PDF opens (libmagic names any file that opens so application/pdf)
HEIF = ("image/heic", "image/heif", "image/heic-sequence")  # a phone's photos: read through pillow-heif
# Office files and archives sent to the mailroom instead of a scan, named as a clerk knows them.
NOT_SCANS = {
    DOCX: "a Word document (DOCX)",
    "application/msword": "a Word document (DOC)",
    "application/vnd.oasis.opendocument.text": "an OpenDocument text (ODT)",
    "text/rtf": "an RTF document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "a spreadsheet (XLSX)",  # _XLSX
    "application/vnd.ms-excel": "a spreadsheet (XLS)",
    "application/zip": "a ZIP archive",
}
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_KINDS = {"docx": DOCX, "xlsx": _XLSX, "cases": _XLSX}


def file_kind(path: Path) -> str:
    """``pdf``, ``jpeg``, ``png``, ``tiff`` or ``heic``; anything else is a :class:`NoticeError`."""
    try:
        head = read_head(path, 8192, NOTICE_CAPS)
    except FileNotFoundError:
        raise NoticeError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise NoticeError(f"{path}: is a folder; give the notice files in it") from None
    except NotAFileError as exc:
        raise UnreadableFileError(f"{path}: {exc.strerror}; give the notice file itself", path=path) from None
    except OSError as exc:
        raise NoticeError(f"{path}: cannot read ({exc.strerror})") from None
    if not head:
        raise DamagedFileError(f"{path}: the file is empty", path=path, fix="scan or download it again")
    if head.startswith(PDF_HEADER):  # libmagic's answer for every such file, without its thousand rules
        return "pdf"
    mime = detect(head)
    kind = KINDS.get(mime)
    if kind is not None:
        return kind
    if mime in HEIF:
        from docgen.packets.images import heif_supported

        if heif_supported():  # registers its reader with Pillow in this process
            return "heic"
        raise NoticeError(f"{path}: a HEIC photo, which this installation cannot read; export it as JPEG or PDF")
    if mime == "application/zip":  # the first bytes of an Office file may name none of its parts: its directory does
        mime = _zip_type(path)
    if mime in NOT_SCANS:
        raise NoticeError(
            f"{path}: {NOT_SCANS[mime]}, not a notice scan; scan the paper notice, or save the notice as PDF"
        )
    raise NoticeError(f"{path}: not a PDF or an image (it holds {mime}); save the notice as PDF, JPEG, PNG or TIFF")


def _zip_type(path: Path) -> str:
    """A ZIP file's type by its parts (a Word document, a workbook), else ``application/zip``."""
    try:
        with zipfile.ZipFile(path) as archive:
            return ZIP_KINDS.get(content_kind(b"PK\x03\x04", archive), "application/zip")
    except (zipfile.BadZipFile, OSError):
        return "application/zip"
