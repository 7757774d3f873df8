"""The certified LCA the user brings: a PDF, and where it has a text layer, the LCA of this case.

The file is read by content (libmagic), opened with the packets' PDF layer
(password and damage are refused there), and its text layer read with pdfium.
An LCA's case number looks like ``I-200-26054-123456``; its dates are written
``MM/DD/YYYY`` (DOL's printouts) or ``YYYY-MM-DD``. A PDF with no text (a
scan) is accepted with a note that the number and dates could not be checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from docgen.case.model import Case
from docgen.errors import DamagedFileError, PacketError, UnreadableFileError
from docgen.packets.evidence import Context, detect, open_pdf

LCA_NUMBER = re.compile(r"\bI-\d{3}-\d{5}-\d{6}\b")
US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MIN_TEXT_CHARS = 40


@dataclass
class LcaCheck:
    """What was read from the LCA PDF and checked against the case."""

    path: Path
    data: bytes
    pages: int
    text_layer: bool
    numbers: list[str] = field(default_factory=list)
    dates: set[dt.date] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _dates(text: str) -> set[dt.date]:
    found: set[dt.date] = set()
    for month, day, year in US_DATE.findall(text):
        try:
            found.add(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    for year, month, day in ISO_DATE.findall(text):
        try:
            found.add(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def pdf_text(path: Path) -> str:
    """The text layer of every page (empty for a scan)."""
    document = pdfium.PdfDocument(str(path))
    try:
        parts = []
        for page in document:
            textpage = page.get_textpage()
            try:
                parts.append(textpage.get_text_range())
            finally:
                textpage.close()
        return "\n".join(parts)
    finally:
        document.close()


def read_pdf(path: Path, case: Case, what: str, option: str) -> tuple[bytes, int]:
    """The bytes and page count of a PDF the user gives (``--lca``, ``--notice-copy``); refused when it is not a
    readable PDF."""
    context = Context(f"case {case.case_id}", what, str(path))
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise context.error(f"no such file; check the path given to {option}", UnreadableFileError) from None
    except IsADirectoryError:
        raise context.error("is a folder; give a PDF file", UnreadableFileError) from None
    except OSError as exc:
        raise context.error(f"cannot read it ({exc.strerror})", UnreadableFileError) from None
    mime = detect(data)
    if mime != "application/pdf":
        raise context.error(f"not a PDF (its content is {mime}); give the {what} as a PDF", DamagedFileError)
    pdf = open_pdf(Path(path), context)
    pages = len(pdf.pages)
    pdf.close()
    return data, pages


def check_lca_pdf(path: Path, case: Case) -> LcaCheck:
    """Refuse a file that is not a readable PDF or, when it has text, is the LCA of another case or period."""
    context = Context(f"case {case.case_id}", "certified LCA", str(path))
    data, pages = read_pdf(path, case, "certified LCA", "--lca")
    text = pdf_text(Path(path))
    check = LcaCheck(Path(path), data, pages, len("".join(text.split())) >= MIN_TEXT_CHARS)
    if not check.text_layer:
        check.notes.append("the LCA PDF has no text layer (a scan): its case number and dates were not checked")
        return check
    check.numbers = sorted(set(LCA_NUMBER.findall(text)))
    check.dates = _dates(text)
    _compare(check, case, context)
    return check


def _compare(check: LcaCheck, case: Case, context: Context) -> None:
    job = case.job
    number = job.lca_number if job else None
    if number:
        if not check.numbers:
            check.notes.append("no LCA case number found in the PDF's text; check by eye that it is " + number)
        elif number not in check.numbers:
            raise PacketError(
                f"{context.where}: {context.what}: {context.written}: the PDF is LCA {', '.join(check.numbers)} "
                f"but the case says job.lca_number {number}",
                path=check.path,
                case_id=case.case_id,
                field="job.lca_number",
                fix="give the right PDF or correct the case",
            )
    lca = job.lca if job else None
    if lca is None:
        return
    wanted = {
        "job.lca.valid_from": lca.valid_from,
        "job.lca.valid_to": lca.valid_to,
        "job.lca.filed_date": lca.filed_date,
        "job.lca.certified_date": lca.certified_date,
    }
    missing = [f"{name} {day.isoformat()}" for name, day in wanted.items() if day and day not in check.dates]
    if missing:
        raise PacketError(
            f"{context.where}: {context.what}: {context.written}: the PDF does not show {'; '.join(missing)} "
            "(dates of the case)",
            path=check.path,
            case_id=case.case_id,
            field=missing[0].split()[0],
            fix="give the LCA of this period or correct the dates in the case",
        )
