"""Evidence files of any type, recognised by their content, as PDF pages.

The type comes from the bytes (libmagic through python-magic), never from the
name: a Word file saved as ``offer.pdf`` is converted as Word, a PNG named
``.jpg`` is placed as PNG. PDFs are used as they are; images become pages
(:mod:`docgen.packets.images`); Word and other office documents go through
the DOCX converter (LibreOffice, from :mod:`docgen.letters`).

A damaged file, a PDF or Word file locked with a password, or a type a
packet cannot hold is a :class:`~docgen.errors.PacketError` naming the spec
line, the exhibit and the file, with the fix.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, UnidentifiedImageError

from docgen.errors import (
    ConversionError,
    DamagedFileError,
    DocgenError,
    InputLimitError,
    LockedFileError,
    PacketError,
    UnreadableFileError,
)
from docgen.letters.convert import Converter
from docgen.packets.images import heif_supported, image_pdf
from docgen.pdf.detect import DOCX
from docgen.pdf.detect import detect as detect  # re-exported: evidence types are detected by the PDF layer
from docgen.pdf.files import NotAFileError, read_regular
from docgen.pdf.limits import EVIDENCE_CAPS
from docgen.pdf.open import open_pdf as pdf_open

IMAGE_TYPES = {
    "image/jpeg": "JPEG image",
    "image/png": "PNG image",
    "image/tiff": "TIFF image",
    "image/gif": "GIF image",
    "image/bmp": "BMP image",
    "image/x-ms-bmp": "BMP image",
    "image/webp": "WebP image",
}
HEIF_TYPES = {"image/heic": "HEIC photo", "image/heif": "HEIF photo", "image/heic-sequence": "HEIC photo"}
OFFICE_TYPES = {
    DOCX: ("Word document (DOCX)", ".docx"),
    "application/msword": ("Word 97-2003 document (DOC)", ".doc"),
    "application/vnd.oasis.opendocument.text": ("OpenDocument text (ODT)", ".odt"),
    "text/rtf": ("RTF document", ".rtf"),
}
# Types people send by mistake, with what to do instead.
UNSUPPORTED_HINTS = {
    "text/html": "an HTML page (a download that failed?); save the page as PDF",
    "text/plain": "plain text; save it as PDF",
    "application/zip": "a ZIP archive; unpack it and list the files",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "a spreadsheet (XLSX); print it to PDF",
    "application/vnd.ms-excel": "a spreadsheet (XLS); print it to PDF",
    "message/rfc822": "an e-mail; print it to PDF",
    "application/vnd.ms-outlook": "an Outlook message; print it to PDF",
    "video/mp4": "a video; a packet holds documents only",
    "image/svg+xml": "an SVG drawing; export it as PDF or PNG",
}


DocxConverter = Converter  # the one converter protocol (docgen.letters.convert), under its packet name


@dataclass
class Evidence:
    """One input file, loaded as a PDF."""

    pdf: pikepdf.Pdf
    mime: str
    kind: str
    sha256: str
    size: int
    note: str | None = None
    data: bytes = b""


@dataclass(frozen=True)
class Context:
    """How to name a file in an error: ``spec.yaml:23: exhibit B 'Pay statements': paystub.pdf``."""

    where: str
    what: str
    written: str

    def error(self, problem: str, kind: type[DocgenError] = PacketError) -> DocgenError:
        """An error (a PacketError unless the problem has its own class) naming the spec line, the part or
        exhibit, the file and the problem."""
        return kind(f"{self.where}: {self.what}: {self.written}: {problem}", path=self.written)

    def over(self, exc: InputLimitError) -> InputLimitError:
        """A cap error (which names the file as written) with the spec line and the part or exhibit."""
        return InputLimitError(f"{self.where}: {self.what}: {exc}", path=self.written)


def open_pdf(source: bytes | Path, context: Context) -> pikepdf.Pdf:
    """Open a piece of evidence as a PDF (its bytes, or its file), within the evidence caps.

    Passwords, damage and files cut short are refused with the spec line,
    exhibit and file (:mod:`docgen.pdf.open`).
    """
    try:
        return pdf_open(
            source,
            lambda problem, kind: context.error(problem, kind or PacketError),
            name=context.written,
            caps=EVIDENCE_CAPS,
        )
    except InputLimitError as exc:
        raise context.over(exc) from None


def _image(data: bytes, mime: str, context: Context, page_size: tuple[float, float]) -> pikepdf.Pdf:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about odd EXIF; a damaged image still fails below
            return image_pdf(data, mime, page_size, name=context.written)
    except InputLimitError as exc:
        raise context.over(exc) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        kind = IMAGE_TYPES.get(mime) or HEIF_TYPES.get(mime, "image")
        raise context.error(
            f"the {kind} is damaged or incomplete; get a fresh copy or scan it again", DamagedFileError
        ) from None


def _office(data: bytes, mime: str, context: Context, converter: Callable[[], DocxConverter]) -> pikepdf.Pdf:
    label, suffix = OFFICE_TYPES[mime]
    if suffix == ".docx":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                damaged = archive.testzip() is not None or "word/document.xml" not in archive.namelist()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
            damaged = True
        if damaged:
            raise context.error(f"the {label} is damaged; open it in Word and save it again", DamagedFileError)
    with tempfile.TemporaryDirectory(prefix="docgen-packet-") as scratch:
        source = Path(scratch) / f"evidence{suffix}"
        target = Path(scratch) / "evidence.pdf"
        source.write_bytes(data)
        try:
            converter().convert(source, target)
        except ConversionError as exc:
            raise ConversionError(f"{context.where}: {context.what}: {context.written}: {exc}") from None
        if not target.is_file():
            raise ConversionError(f"{context.where}: {context.what}: {context.written}: the converter wrote no PDF")
        return open_pdf(target.read_bytes(), context)


def _unsupported(mime: str, data: bytes, context: Context) -> DocgenError:
    if mime == "inode/x-empty" or not data:
        return context.error("the file is empty; copy the document again", DamagedFileError)
    if mime in HEIF_TYPES:
        return context.error(
            "HEIC photos need pillow-heif, which is not installed here; pip install pillow-heif, "
            "or save the photo as JPEG"
        )
    if mime in ("application/encrypted", "application/CDFV2-encrypted") or (
        mime.startswith("application/CDFV2") and b"E\x00n\x00c\x00r\x00y\x00p\x00t" in data[:65536]
    ):
        return context.error(
            "the Word file is locked with a password; save an unlocked copy and build again", LockedFileError
        )
    hint = UNSUPPORTED_HINTS.get(mime, "a type a packet cannot hold (PDF, JPEG, PNG, TIFF, HEIC or DOCX)")
    return context.error(f"unsupported file type {mime}: {hint}")


def kind_of(mime: str) -> str:
    """``pdf``, ``image``, ``office`` or ``unsupported`` for a MIME type."""
    if mime == "application/pdf":
        return "pdf"
    if mime in IMAGE_TYPES or (mime in HEIF_TYPES and heif_supported()):
        return "image"
    if mime in OFFICE_TYPES:
        return "office"
    return "unsupported"


def extension_note(path: Path, mime: str) -> str | None:
    """A note when a file's name does not say what its content is (a Word file named ``.pdf``), else None."""
    expected = {
        "application/pdf": {".pdf"},
        "image/jpeg": {".jpg", ".jpeg", ".jpe"},
        "image/png": {".png"},
        "image/tiff": {".tif", ".tiff"},
        "image/heic": {".heic", ".heif"},
        "image/heif": {".heic", ".heif"},
    }
    wanted = expected.get(mime) or ({OFFICE_TYPES[mime][1]} if mime in OFFICE_TYPES else None)
    if wanted and path.suffix.lower() not in wanted:
        named = f"named {path.suffix}" if path.suffix else "named without an extension"
        return f"{path.name} is a {type_name(mime)} by its content ({named}); read as such"
    return None


def type_name(mime: str) -> str:
    """``JPEG image``, ``Word document (DOCX)``, ``PDF``... for a MIME type."""
    if mime == "application/pdf":
        return "PDF"
    if mime in OFFICE_TYPES:
        return OFFICE_TYPES[mime][0]
    return IMAGE_TYPES.get(mime) or HEIF_TYPES.get(mime) or mime


def read_bytes(path: Path, context: Context) -> bytes:
    """A file's bytes, or a PacketError naming the spec line when it is missing or unreadable."""
    try:
        return read_regular(path, EVIDENCE_CAPS, context.written)
    except InputLimitError as exc:
        raise context.over(exc) from None
    except FileNotFoundError:
        raise context.error("no such file; check the path (relative to the spec's folder)") from None
    except IsADirectoryError:
        raise context.error("is a folder; list its files, or use 'folder:'") from None
    except NotAFileError as exc:
        raise context.error(f"{exc.strerror}; give the document file itself", UnreadableFileError) from None
    except OSError as exc:
        raise context.error(f"cannot read it ({exc.strerror})") from None


@dataclass(frozen=True)
class Read:
    """A file read ahead: its bytes, SHA-256 and type by content."""

    data: bytes
    sha256: str
    mime: str


def read_ahead(path: Path) -> Read | None:
    """Read, hash and identify a file (all outside the GIL, so a thread can do it ahead); None if unreadable."""
    try:
        data = read_regular(path, EVIDENCE_CAPS)
    except (OSError, InputLimitError):
        return None  # load_evidence reads it again and names the problem
    return Read(data, hashlib.sha256(data).hexdigest(), detect(data))


def load_evidence(
    path: Path,
    context: Context,
    converter: Callable[[], DocxConverter],
    page_size: tuple[float, float] = (612.0, 792.0),
    ahead: Read | None = None,
) -> Evidence:
    """Read one evidence file and return it as a PDF, whatever its type (``ahead``: already read)."""
    if ahead is None:
        data = read_bytes(path, context)
        ahead = Read(data, hashlib.sha256(data).hexdigest(), detect(data))
    data, mime = ahead.data, ahead.mime
    kind = kind_of(mime)
    if kind == "pdf":
        pdf = open_pdf(path, context)
    elif kind == "image":
        pdf = _image(data, mime, context, page_size)
    elif kind == "office":
        pdf = _office(data, mime, context, converter)
    else:
        raise _unsupported(mime, data, context)
    return Evidence(pdf, mime, kind, ahead.sha256, len(data), extension_note(path, mime), data)
