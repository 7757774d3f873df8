"""What a file is, by its content (libmagic), not by its name."""

from __future__ import annotations

from pathlib import Path

from docgen.errors import DamagedFileError, NoticeError, UnreadableFileError
from docgen.pdf.detect import detect
from docgen.pdf.files import NotAFileError, read_head
from docgen.pdf.limits import NOTICE_CAPS

KINDS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/tiff": "tiff",
}


def file_kind(path: Path) -> str:
    """``pdf``, ``jpeg``, ``png`` or ``tiff``; anything else is a :class:`NoticeError`."""
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
    mime = detect(head)
    kind = KINDS.get(mime)
    if kind is None:
        raise NoticeError(f"{path}: not a PDF or an image (it holds {mime}); save the notice as PDF, JPEG, PNG or TIFF")
    return kind
