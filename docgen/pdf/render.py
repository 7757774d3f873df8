"""PDF pages as images (pdfium), within the caps: sizes and page counts checked before rendering."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium
from PIL import Image

from docgen.errors import DamagedFileError, DocgenError, LockedFileError, UnreadableFileError
from docgen.pdf.files import NotAFileError, check_regular
from docgen.pdf.limits import Caps, check_page_render, check_pages

if TYPE_CHECKING:  # a type only: pikepdf (behind docgen.pdf.open) is not needed to read with pdfium
    from docgen.pdf.open import Problem


@contextmanager
def open_pdfium(
    path: Path | str, problem: Problem, caps: Caps, dpi: float | None = None
) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF with pdfium for text and rendering; refuse it when over ``caps``.

    The page count, and with ``dpi`` the size every page would be rendered at,
    are checked from the page boxes before any page is loaded. Problems with
    the file go through ``problem`` (as in :func:`docgen.pdf.open.open_pdf`);
    caps are :class:`~docgen.errors.InputLimitError`.
    """
    path = Path(path)
    try:
        check_regular(path)
        pdf = pdfium.PdfDocument(str(path))
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise problem(_os_problem(exc), None) from None
    except NotAFileError as exc:
        raise problem(_os_problem(exc), UnreadableFileError) from None
    except pdfium.PdfiumError as exc:
        raise problem(*pdfium_problem(exc)) from None
    try:
        check_pages(str(path), len(pdf), caps)
        if dpi is not None:
            for index in range(len(pdf)):
                check_page_render(str(path), index + 1, pdf.get_page_size(index), dpi, caps)
        yield pdf
    finally:
        pdf.close()


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file; check the path"
    if isinstance(exc, IsADirectoryError):
        return "is a folder; give the files in it"
    return f"{exc.strerror}; give the document file itself"


def pdfium_problem(exc: pdfium.PdfiumError) -> tuple[str, type[DocgenError]]:
    """What a pdfium open failure means for the user, with the fix, and its class."""
    text = str(exc).lower()
    if "password" in text:
        return "the PDF is password-protected; ask the sender for an open copy or remove the password", LockedFileError
    if "format" in text or "header" in text:
        return "the PDF is damaged or incomplete; scan or download it again", DamagedFileError
    return f"the PDF cannot be opened ({exc}); scan or download it again", DamagedFileError


def render_page(page: pdfium.PdfPage, dpi: float, caps: Caps, name: str = "PDF", number: int = 0) -> Image.Image:
    """A page as a greyscale image at ``dpi``; the pixel cap is checked first."""
    check_page_render(name, number, (page.get_width(), page.get_height()), dpi, caps)
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        image: Image.Image = bitmap.to_pil().convert("L")
        return image
    finally:
        bitmap.close()


def held(function: Any) -> Any:
    """The same pdfium function, called without letting the GIL go (``ctypes.PYFUNCTYPE``).

    For calls of a few nanoseconds made thousands of times (an object's kind
    and box): releasing and taking back the GIL around each costs more than
    the call, and while the main thread runs Python each taking back waits
    its turn. The plain function when ctypes cannot make one.
    """
    try:
        prototype = ctypes.PYFUNCTYPE(function.restype, *function.argtypes)
        address = ctypes.cast(function, ctypes.c_void_p).value
    except (AttributeError, TypeError, ctypes.ArgumentError):
        return function
    return prototype(address) if address else function
