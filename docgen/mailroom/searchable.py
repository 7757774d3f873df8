"""Searchable copies of filed scans: the same pages with an OCR text layer, beside the original.

OCRmyPDF does the work (it is the well-kept tool for exactly this: page
rasterising, tesseract, a text layer aligned under the image, the original
image kept untouched). Ghostscript is not needed: pages are rasterised with
pdfium and the output is a plain PDF, not PDF/A.

The copy is named ``<original stem>.searchable.pdf``. A notice that already
has a text layer (a PDF made by a computer) needs no copy and gets none. A
failure never touches the filed notice: it is reported and the next run of
:func:`make_searchable_copies` tries again.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

SUFFIX = ".searchable.pdf"
# Pages with fewer characters than this in their text layer are scans.
MIN_TEXT_CHARS = 40


@dataclass
class SearchableReport:
    """What one pass made."""

    made: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def copy_path(original: Path) -> Path:
    """Where the searchable copy of a filed notice goes."""
    return original.with_name(original.stem + SUFFIX)


def is_copy(path: Path) -> bool:
    """Whether a file is itself a searchable copy."""
    return path.name.endswith(SUFFIX)


def needs_text_layer(path: Path) -> bool:
    """True when some page of the PDF has (almost) no text layer."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            textpage = page.get_textpage()
            try:
                if len(textpage.get_text_range().strip()) < MIN_TEXT_CHARS:
                    return True
            finally:
                textpage.close()
                page.close()
        return False
    finally:
        pdf.close()


def make_searchable(original: Path) -> Path | None:
    """Write the searchable copy of one filed scan; None when it already has text or a copy."""
    target = copy_path(original)
    if target.exists() or not needs_text_layer(original):
        return None
    import ocrmypdf  # loaded only when a scan needs it (it takes a while to import)

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    handle, temp = tempfile.mkstemp(prefix=".searchable-", suffix=".pdf", dir=original.parent)
    os.close(handle)
    try:
        ocrmypdf.ocr(
            original,
            temp,
            output_type="pdf",
            rasterizer="pypdfium",
            skip_text=True,
            progress_bar=False,
            jobs=1,
            optimize=0,
        )
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    finally:
        Path(temp).unlink(missing_ok=True)
    return target


def make_searchable_copies(paths: list[Path]) -> SearchableReport:
    """Searchable copies for filed notices that are scans; problems reported, never raised."""
    report = SearchableReport()
    for path in paths:
        if is_copy(path) or path.suffix.lower() != ".pdf" or not path.is_file():
            continue
        try:
            made = make_searchable(path)
        except Exception as exc:  # OCRmyPDF's error tree is wide; the filed notice stays as it is
            report.problems.append(f"{path.name}: no searchable copy ({type(exc).__name__}: {exc})".splitlines()[0])
            continue
        if made is not None:
            report.made.append(made)
    return report


def missing_copies(cases_dir: Path) -> list[Path]:
    """Filed notices under ``CASES/*/notices/`` (scans or not) that have no searchable copy yet."""
    return sorted(p for p in cases_dir.glob("*/notices/*.pdf") if not is_copy(p) and not copy_path(p).exists())
