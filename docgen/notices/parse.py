"""From a file to notices: detect the file's kind, get each page's text, split, read.

The pipeline, stage by stage: :func:`~docgen.notices.detect.file_kind`
(libmagic), :func:`read_pages` (PDF text layer, else OCR), :func:`split_pages`
(one group of pages per notice), :func:`read_notice` (fields), then a second
look, word by word, at text pages whose notice lacks required fields.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
from PIL import Image, ImageOps, UnidentifiedImageError

from docgen.errors import DamagedFileError
from docgen.notices.detect import file_kind
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import (
    CONFLICT,
    FIELDS,
    NOT_A_NOTICE,
    UNREADABLE,
    WEAK_BELOW,
    Notice,
    NoticeFileResult,
    Reading,
)
from docgen.notices.patterns import FLAGS, Patterns, default_patterns
from docgen.notices.pdftext import (
    OCR_DPI,
    LoadedPages,
    PageLoadError,
    TextPage,
    has_text,
    layout_words,
    open_pdf,
    pdfium_words,
    render,
    scanned_under_text,
)
from docgen.notices.reader import UNREADABLE_PAGE, read_notice
from docgen.notices.split import printed_backs, split_pages, without_stamps
from docgen.pdf.images import frames, open_image
from docgen.pdf.limits import NOTICE_CAPS

if TYPE_CHECKING:  # OCR (numpy with it) is imported when a page needs it, not to read a text PDF
    from docgen.notices.ocr import OcrEngine

LETTER_WIDTH_INCHES = 8.5


def parse_notice_file(
    path: Path | str, *, engine: OcrEngine | None = None, patterns: Patterns | None = None
) -> NoticeFileResult:
    """Every notice in the file at ``path`` (a PDF, JPEG, PNG or TIFF).

    Raises :class:`~docgen.errors.NoticeError` when the file is missing or not a
    PDF or image, :class:`~docgen.errors.LockedFileError` when it needs a
    password and :class:`~docgen.errors.DamagedFileError` when it is damaged. A readable
    file with no notice gives an empty list and the reason.
    """
    path = Path(path)
    patterns = patterns or default_patterns()
    kind = file_kind(path)
    if kind != "pdf":
        return _read_notices(path, kind, _image_pages(path, engine), patterns, None)
    with open_pdf(path) as pdf:  # open until its notices are read: a second look reads pages again (fonts loaded)
        loaded: dict[int, TextPage] = {}  # text pages, kept for a second look
        try:
            return _read_notices(path, kind, _pdf_pages(pdf, path, engine, loaded), patterns, (pdf, loaded))
        finally:
            for page in loaded.values():
                page.close()


def _read_notices(
    path: Path, kind: str, pages: list[Page], patterns: Patterns, pdf: tuple[pdfium.PdfDocument, LoadedPages] | None
) -> NoticeFileResult:
    """Split a file's pages into notices and read each; a text notice read weakly gets a second look."""
    result = NoticeFileResult(file=path.name, kind=kind)
    result.ocr_pages = [page.number for page in pages if page.method == "ocr"]
    result.page_texts = {page.number: page.text for page in pages}
    pages = [without_stamps(patterns, page) if page.method == "ocr" else page for page in pages]
    groups, result.skipped_pages = split_pages(patterns, pages)
    if not groups:
        if pages and all(_unreadable(page) for page in pages):
            result.notices = [unreadable_notice(pages)]
            result.reason = UNREADABLE
        else:
            result.reason = NOT_A_NOTICE
        return result
    backs = printed_backs(patterns, pages, groups, result.skipped_pages)
    for index, group in enumerate(groups):
        notice = read_notice(patterns, group)
        text = all(page.method == "text" for page in group)
        if pdf is not None and text and worth_second_look(patterns, notice, group):
            notice = _second_look(pdf, patterns, group, notice)
        notice.pages = sorted([*notice.pages, *(number for number, owner in backs.items() if owner == index)])
        result.notices.append(notice)
        if all(_unreadable(page) for page in group):
            result.reason = UNREADABLE
    result.skipped_pages = [number for number in result.skipped_pages if number not in backs]
    return result


def _unreadable(page: Page) -> bool:
    return page.method == "ocr" and page.quality < UNREADABLE_PAGE


def unreadable_notice(pages: list[Page]) -> Notice:
    """A notice that could not be read: every field null with no confidence, for a person to fill in."""
    return Notice(pages=[page.number for page in pages], readings={name: Reading() for name in FIELDS}, ocr=True)


def _second_look(
    pdf: tuple[pdfium.PdfDocument, LoadedPages], patterns: Patterns, group: list[Page], first: Notice
) -> Notice:
    """Read the pages again from their words (:func:`~docgen.notices.pdftext.layout_words`: characters grouped
    into words, not pdfium's text runs); keep whichever reading is surer."""
    words = layout_words(pdf[0], [page.number for page in group], pdf[1])
    pages = [
        Page(
            page.number,
            group_lines([w for w in words[page.number] if _in_band(page, w)]),
            "text",
            offset=page.offset,
            box=page.box,
        )
        for page in group
    ]
    return merge_looks(first, read_notice(patterns, pages))


def merge_looks(first: Notice, second: Notice) -> Notice:
    """Two readings of one text page (its text runs, then its characters grouped into words): the one with fewer
    weak fields, with what only the other read filled in; where both read a field and disagree, a person looks."""
    kept, other = (second, first) if len(_weak(second)) < len(_weak(first)) else (first, second)
    for name, reading in kept.readings.items():
        theirs = other.readings[name]
        if reading.value is None and theirs.value is not None and reading.confidence < 1.0:
            # Read in one look and not in the other (a grouping of the words that lost a label's box): the value
            # read stands as it was read. A field the kept reading's kind or form never carries stays empty.
            kept.readings[name] = theirs
        elif reading.value is not None and theirs.value is not None and theirs.value != reading.value:
            if _unspaced(theirs.value) == _unspaced(reading.value):
                # The same characters, spaced otherwise (a printout whose words come without space characters):
                # the first look's spacing (its text runs, spaces as printed).
                kept.readings[name] = reading if kept is first else theirs
            else:
                reading.evidence = CONFLICT  # the two reads of the page disagree: a person looks
    return kept


def _unspaced(value: object) -> str:
    """A value's characters without the spaces between them (a dict's values in order)."""
    parts = value.values() if isinstance(value, dict) else [value]
    return "|".join("".join(str(part).split()) for part in parts)


def _in_band(page: Page, word: Word) -> bool:
    """Whether ``word`` lies within the lines of ``page`` (a notice printed on part of a sheet reads only its part)."""
    if not page.lines:
        return True
    if page.box is not None and not page.box[0] <= (word.x0 + word.x1) / 2 < page.box[2]:
        return False  # the other side of a sheet printed two notices side by side
    middle = (word.top + word.bottom) / 2
    return page.lines[0].top - 2.0 <= middle <= page.lines[-1].bottom + 2.0


# The fields worth a second, slower look at a text page (about as long again as the first): what files the
# notice and its deadlines. A weak optional field (a class, an amount) goes to review instead.
SECOND_LOOK_FIELDS = ("notice_type", "form", "receipt_number", "notice_date", "response_due", "appointment")


def worth_second_look(patterns: Patterns, notice: Notice, group: list[Page]) -> bool:
    """Whether a second look may help: the kind or form is weak, or another key field is weak while its
    label is printed on the pages (another grouping of the same words may read it). A date with no label
    on the pages (given only in a sentence, or not on the notice) reads no better word by word:
    its second look only cost time (one in four notices of a set with many such fields)."""
    weak = _weak(notice, SECOND_LOOK_FIELDS)
    if not weak:
        return False
    text = "\n".join(page.text for page in group)
    kind = patterns.kinds.get(str(notice.value("notice_type"))) if notice.value("notice_type") else None
    labels = [*patterns.labels, *(kind.labels if kind else [])]
    wanted = {LABELLED_AS.get(name, name) for name in weak}
    return any(
        label.name.split(".")[0] in wanted and re.search(label.alternatives, text, FLAGS) for label in labels
    ) or bool({"notice_type", "form"} & set(weak))


# The label that names a field on a notice, where it is not the field itself.
LABELLED_AS = {"notice_type": "notice_type_text", "form": "case_type"}


def _weak(notice: Notice, names: tuple[str, ...] = FIELDS) -> list[str]:
    """Fields the reader scored weak (raw score under WEAK_BELOW), among ``names``."""
    return [name for name in names if notice.readings[name].confidence < WEAK_BELOW]


def read_pages(path: Path, kind: str, engine: OcrEngine | None = None) -> list[Page]:
    """The pages of a file as text lines: from the PDF text layer, or by OCR."""
    if kind == "pdf":
        with open_pdf(path) as pdf:
            return _pdf_pages(pdf, path, engine)
    return _image_pages(path, engine)


def _pdf_pages(
    pdf: pdfium.PdfDocument,
    path: Path,
    engine: OcrEngine | None,
    loaded: dict[int, TextPage] | None = None,
) -> list[Page]:
    """The pages of an open PDF; text pages are left open in ``loaded`` when given (the caller closes them)."""
    pages = []
    for index in range(len(pdf)):
        try:
            page = TextPage(pdf, index)
        except PageLoadError:
            raise DamagedFileError(
                f"{path}: page {index + 1} is damaged", path=path, fix="scan or download the file again"
            ) from None
        kept = False
        try:
            words = pdfium_words(page)
            if has_text(words) and not scanned_under_text(page):
                pages.append(Page(index + 1, group_lines(words), "text"))
                if loaded is not None:
                    loaded[index + 1] = page
                    kept = True
            else:
                page.close()  # rendered through pypdfium2's page, loaded again
                scan = pdf[index]
                try:
                    pages.append(_ocr(index + 1, render(scan, OCR_DPI), OCR_DPI, engine))
                finally:
                    scan.close()
        finally:
            if not kept:
                page.close()
    return pages


def _image_pages(path: Path, engine: OcrEngine | None) -> list[Page]:
    from docgen.notices.ocr import grey_page

    pages = []
    try:
        with open_image(path, NOTICE_CAPS, str(path)) as image:
            for index, frame in enumerate(frames(image, NOTICE_CAPS, str(path))):
                upright = ImageOps.exif_transpose(grey_page(frame))  # a coloured mark made light
                pages.append(_ocr(index + 1, upright, image_dpi(frame), engine))
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise DamagedFileError(
            f"{path}: the image is damaged or incomplete ({exc})", path=path, fix="scan it again"
        ) from None
    return pages


def image_dpi(image: Image.Image) -> int:
    """The scan's resolution: as recorded if plausible for a letter page, else from its width."""
    recorded = image.info.get("dpi")
    if recorded:
        dpi = float(recorded[0])
        if dpi > 0 and 5.0 <= image.width / dpi <= 12.0:
            return round(dpi)
    return round(image.width / LETTER_WIDTH_INCHES)


def _ocr(number: int, image: Image.Image, dpi: int, engine: OcrEngine | None) -> Page:
    """A page read by OCR, with ``engine`` (tesseract when None)."""
    from docgen.notices.ocr import Tesseract, crop, ocr_page, quality, read_small, source_box

    engine = engine or Tesseract()
    result = ocr_page(image, dpi, engine)
    cache: dict[tuple[tuple[float, float, float, float], int, str], str] = {}

    def reread(box: tuple[float, float, float, float], zoom: int, chars: str) -> str:
        if (box, zoom, chars) not in cache:
            image = crop(result.image, result.dpi, box)
            if zoom > 1:
                image = image.resize((image.width * zoom, image.height * zoom), Image.Resampling.LANCZOS)
            cache[box, zoom, chars] = engine.line(image, result.dpi * zoom, chars)
        return cache[box, zoom, chars]

    block = getattr(engine, "block", None)  # an engine that reads blocks of lines (tesseract does)

    def reread_small(boxes: list[tuple[float, float, float, float]]) -> list[str]:
        return read_small(block, result.image, result.dpi, boxes, LABEL_CHARS) if block else ["" for _ in boxes]

    def to_sheet(
        box: tuple[float, float, float, float],
        ink: tuple[float, float, float, float],
        reach: tuple[float, float, float, float],
    ) -> tuple[float, float, float, float] | None:
        return source_box(result, box, ink, reach)

    return Page(
        number,
        group_lines(result.words),
        "ocr",
        quality(result.words),
        reread=reread,
        reread_small=reread_small,
        to_sheet=to_sheet,
    )


LABEL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ#"  # what a label read again may hold
