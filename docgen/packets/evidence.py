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

import functools
import hashlib
import io
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import magic
import pikepdf
from PIL import Image, UnidentifiedImageError

from docgen.errors import ConversionError, DamagedFileError, DocgenError, LockedFileError, PacketError
from docgen.letters.convert import Converter
from docgen.packets.images import heif_supported, image_pdf

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
MAGIC_BYTES = 16384  # enough for every signature libmagic tests here (Office files name their parts first)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
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


@functools.lru_cache(maxsize=1)
def _magic() -> magic.Magic:
    return magic.Magic(mime=True)


def detect(data: bytes) -> str:
    """The MIME type of a file's content (``application/pdf``, ``image/jpeg``...)."""
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


def _pages_without_content(pdf: pikepdf.Pdf) -> list[int]:
    """1-based numbers of pages whose content stream is missing or unreadable."""
    missing = []
    for number, page in enumerate(pdf.pages, start=1):
        try:
            contents = page.obj.get("/Contents")
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            if not streams or not all(isinstance(c, pikepdf.Stream) for c in streams):
                missing.append(number)
                continue
            for stream in streams:
                if isinstance(stream, pikepdf.Stream):
                    stream.read_bytes()
        except pikepdf.PdfError:
            missing.append(number)
    return missing


def open_pdf(source: bytes | Path, context: Context) -> pikepdf.Pdf:
    """Open a PDF (its bytes, or its file: qpdf then reads the file itself, much faster than from
    Python memory); refuse one that needs a password or is damaged."""
    try:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except pikepdf.PasswordError:
        raise context.error(
            "the PDF needs a password to open; ask for an unlocked copy, or remove the password "
            "(qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and build again",
            LockedFileError,
        ) from None
    except pikepdf.PdfError:
        raise context.error(
            "the PDF is damaged and cannot be read; get a fresh copy or scan it again", DamagedFileError
        ) from None
    try:
        count = len(pdf.pages)
    except pikepdf.PdfError:
        count = 0
    if count == 0:
        pdf.close()
        raise context.error(
            "the PDF is damaged (no readable pages); get a fresh copy or scan it again", DamagedFileError
        )
    if pdf.get_warnings():  # qpdf repaired the file: make sure no page came back empty
        missing = _pages_without_content(pdf)
        if missing:
            pdf.close()
            shown = ", ".join(map(str, missing[:8])) + (" ..." if len(missing) > 8 else "")
            raise context.error(
                f"the PDF is damaged (cut short?): page(s) {shown} cannot be read; get a fresh copy or scan it again",
                DamagedFileError,
            )
    return pdf


def _image(data: bytes, mime: str, context: Context, page_size: tuple[float, float]) -> pikepdf.Pdf:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about odd EXIF; a damaged image still fails below
            return image_pdf(data, mime, page_size)
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


def _extension_note(path: Path, mime: str) -> str | None:
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
        return path.read_bytes()
    except FileNotFoundError:
        raise context.error("no such file; check the path (relative to the spec's folder)") from None
    except IsADirectoryError:
        raise context.error("is a folder; list its files, or use 'folder:'") from None
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
        data = path.read_bytes()
    except OSError:
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
    return Evidence(pdf, mime, kind, ahead.sha256, len(data), _extension_note(path, mime), data)
