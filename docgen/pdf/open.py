"""Opening a PDF for reading or editing (pikepdf), with one clear error per way it can fail.

Every PDF a user hands docgen (a blank form, a piece of evidence, a notice
being filed) is opened here. The problems and their fixes are worded once,
here, each with its class (:class:`~docgen.errors.LockedFileError`,
:class:`~docgen.errors.DamagedFileError`, :class:`~docgen.errors.UnreadableFileError`,
or ``None``: the caller's own, for a path that is not there); the caller says
where (``problem``: a function from the text and the class to the error, e.g.
prefixed with the path, or with the spec line and exhibit of a packet):

- no such file, a folder, a pipe or device (never read: it could block or never end);
- not a PDF at all (by its first bytes);
- a PDF that needs a password to open (an owner password alone is fine: USCIS's
  own forms have one);
- a damaged PDF: qpdf cannot read it, it has no pages, or qpdf had to repair it
  and some page came back without content (a file cut short);
- over the page cap (:class:`~docgen.errors.InputLimitError`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf

from docgen.errors import DamagedFileError, DocgenError, LockedFileError, UnreadableFileError
from docgen.pdf.files import NotAFileError, read_head
from docgen.pdf.limits import Caps, check_pages

Problem = Callable[[str, "type[DocgenError] | None"], DocgenError]
HEADER_BYTES = 1024  # the PDF header may follow some junk; readers look this far

PASSWORD = (
    "the PDF needs a password to open; ask for an unlocked copy, or remove the password "
    "(qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and try again"
)
DAMAGED = "the PDF is damaged and cannot be read; get a fresh copy or scan it again"


def _head(source: Path | bytes, problem: Problem) -> bytes:
    if isinstance(source, bytes):
        return source[:HEADER_BYTES]
    try:
        return read_head(source, HEADER_BYTES)
    except FileNotFoundError:
        raise problem("no such file; check the path", None) from None
    except IsADirectoryError:
        raise problem("is a folder, not a PDF; give the file", None) from None
    except NotAFileError as exc:
        raise problem(f"{exc.strerror}; give the PDF file itself", UnreadableFileError) from None
    except OSError as exc:
        raise problem(f"cannot read it ({exc.strerror})", UnreadableFileError) from None


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
        except (pikepdf.PdfError, RuntimeError):
            missing.append(number)
    return missing


def open_pdf(
    source: Path | bytes,
    problem: Problem,
    *,
    name: str | None = None,
    caps: Caps | None = None,
    wanted: str = "the PDF itself",
) -> pikepdf.Pdf:
    """Open a PDF (a file: qpdf reads it itself, faster than from Python memory; or its bytes).

    ``problem`` turns a problem (``"the PDF needs a password to open; ..."``,
    ``LockedFileError``) into the error, placed where the caller says; ``wanted`` finishes the not-a-PDF message
    (``"not a PDF file; give the blank form as downloaded from USCIS"``);
    ``name`` names the file in a cap error. The caller closes the PDF.
    """
    if b"%PDF-" not in _head(source, problem):
        raise problem(f"not a PDF file; give {wanted}", DamagedFileError)
    try:
        pdf = pikepdf.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    except pikepdf.PasswordError:
        raise problem(PASSWORD, LockedFileError) from None
    except (pikepdf.PdfError, RuntimeError):  # qpdf's own runtime errors too ("/Count is wrong ...")
        raise problem(DAMAGED, DamagedFileError) from None
    try:
        _check(pdf, problem, name or (str(source) if isinstance(source, Path) else "PDF"), caps)
    except BaseException:
        pdf.close()
        raise
    return pdf


def _check(pdf: pikepdf.Pdf, problem: Problem, name: str, caps: Caps | None) -> None:
    try:
        count = len(pdf.pages)
    except (pikepdf.PdfError, RuntimeError):
        count = 0
    if caps is not None:
        check_pages(name, count, caps)
    if count == 0:
        raise problem("the PDF is damaged (no readable pages); get a fresh copy or scan it again", DamagedFileError)
    if pdf.get_warnings():  # qpdf repaired the file: make sure no page came back empty
        missing = _pages_without_content(pdf)
        if missing:
            shown = ", ".join(map(str, missing[:8])) + (" ..." if len(missing) > 8 else "")
            raise problem(
                f"the PDF is damaged (cut short?): page(s) {shown} cannot be read; get a fresh copy or scan it again",
                DamagedFileError,
            )
