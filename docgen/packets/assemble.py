"""Lay a packet out page by page and assemble any page range of it into one PDF.

The packet is a list of sections (parts, the index, exhibits), each a list of
documents already loaded as PDFs. :func:`paginate` gives every section and
document its packet page numbers; :func:`assemble` copies the pages of a range
(the whole packet, or one part of a split) into a new PDF and adds what a
reader needs: the form fields of every whole form (renamed per document, see
:mod:`docgen.packets.fields`), page stamps, bookmarks and page labels.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pikepdf

from docgen.packets.clearance import Margins
from docgen.packets.fields import graft_fields, has_fields, merge_optional_content
from docgen.packets.spec import StampSpec
from docgen.packets.stamps import Rect, Spots, bates, stamp_pages
from docgen.pdf.flatten import flatten_form

DocKind = Literal["form", "letter", "document", "notice", "evidence", "divider", "index"]
SectionKind = Literal["part", "index", "exhibit"]


@dataclass
class Doc:
    """One document of the packet: its PDF, the pages of it used, and where it came from."""

    title: str
    kind: DocKind
    source: str
    pdf: pikepdf.Pdf
    pages: range
    sha256: str | None = None
    mime: str = "application/pdf"
    size: int | None = None
    field_name: str | None = None
    obstacles: dict[int, list[Rect]] = field(default_factory=dict)
    raw: bytes | None = field(default=None, repr=False)
    pending: Margins | None = field(default=None, repr=False)
    first: int = 0
    shrunk: dict[str, Any] | None = None  # what downsampling did: bytes and dpi before and after, images
    _flat: pikepdf.Pdf | None = field(default=None, repr=False)

    @property
    def count(self) -> int:
        """How many pages the document has in the packet."""
        return len(self.pages)

    @property
    def stop(self) -> int:
        """The packet page after its last page (0-based)."""
        return self.first + self.count

    def flattened(self) -> pikepdf.Pdf:
        """A copy of the document with its form flattened (for a form cut across split parts)."""
        if self._flat is None:
            buffer = io.BytesIO()
            self.pdf.save(buffer)
            self._flat = pikepdf.open(io.BytesIO(buffer.getvalue()))
            flatten_form(self._flat)
        return self._flat


@dataclass
class Section:
    """A part (form, letter, document), the index of exhibits, or an exhibit."""

    kind: SectionKind
    title: str
    role: str
    docs: list[Doc]
    label: str | None = None
    description: str | None = None
    line: int | None = None
    first: int = 0

    @property
    def count(self) -> int:
        """How many pages the section has (its divider included)."""
        return sum(d.count for d in self.docs)

    @property
    def stop(self) -> int:
        """The packet page after its last page (0-based)."""
        return self.first + self.count

    @property
    def bookmark(self) -> str:
        """``Exhibit B: Pay statements`` for an exhibit, the title otherwise."""
        return f"Exhibit {self.label}: {self.title}" if self.kind == "exhibit" else self.title

    @property
    def evidence(self) -> list[Doc]:
        """The documents of the section without its divider sheet."""
        return [d for d in self.docs if d.kind != "divider"]


def paginate(sections: Sequence[Section]) -> int:
    """Give every section and document its first packet page; return the page count."""
    page = 0
    for section in sections:
        section.first = page
        for doc in section.docs:
            doc.first = page
            page += doc.count
    return page


def _overlap(first: int, stop: int, start: int, end: int) -> tuple[int, int] | None:
    lo, hi = max(first, start), min(stop, end)
    return (lo, hi) if lo < hi else None


def _copy_pages(
    dest: pikepdf.Pdf, sections: Sequence[Section], start: int, stop: int, obstacles: list[list[Rect]]
) -> list[tuple[Doc, pikepdf.Pdf]]:
    """Copy the pages of the range into ``dest`` (and their stamp obstacles); return the whole documents."""
    whole: list[tuple[Doc, pikepdf.Pdf]] = []
    for section in sections:
        for doc in section.docs:
            span = _overlap(doc.first, doc.stop, start, stop)
            if span is None:
                continue
            partial = span != (doc.first, doc.stop)
            source = doc.flattened() if partial and doc.field_name and has_fields(doc.pdf) else doc.pdf
            numbers = doc.pages[span[0] - doc.first : span[1] - doc.first]
            if numbers == range(len(source.pages)):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", pikepdf.PageCopyWarning)  # the forms are carried by graft_fields
                    dest.pages.extend(source.pages)
            else:
                pages = source.pages
                for number in numbers:
                    dest.pages.append(pages[number])
            obstacles.extend(doc.obstacles.get(number, []) for number in numbers)
            if not partial:
                whole.append((doc, source))
    return whole


def _outline(dest: pikepdf.Pdf, sections: Sequence[Section], start: int, stop: int) -> None:
    with dest.open_outline() as outline:
        exhibits: pikepdf.OutlineItem | None = None
        for section in sections:
            span = _overlap(section.first, section.stop, start, stop)
            if span is None:
                continue
            title = section.bookmark + (" (continued)" if section.first < start else "")
            item = pikepdf.OutlineItem(title, span[0] - start)
            if section.kind != "exhibit":
                outline.root.append(item)
                continue
            if exhibits is None:
                exhibits = pikepdf.OutlineItem("Exhibits", span[0] - start)
                outline.root.append(exhibits)
            exhibits.children.append(item)
            for doc in section.evidence:
                doc_span = _overlap(doc.first, doc.stop, start, stop)
                if doc_span is not None:
                    item.children.append(pikepdf.OutlineItem(doc.title, doc_span[0] - start))


def page_labels(stamp: StampSpec, start: int, stop: int) -> pikepdf.Array:
    """The /PageLabels entries that make a viewer show each page's stamp as its page number."""
    nums: list[Any] = []
    if stamp.style != "bates":
        return pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, St=start + 1)])
    page = start
    while page < stop:
        number = stamp.start + page
        if number == 0:
            nums += [page - start, pikepdf.Dictionary(P=pikepdf.String(bates(stamp, page)))]
            page += 1
            continue
        width = len(str(number))
        padding = "0" * max(0, stamp.digits - width)
        nums += [
            page - start,
            pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(stamp.prefix + padding), St=number),
        ]
        page = 10**width - stamp.start
    return pikepdf.Array(nums)


def assemble(
    sections: Sequence[Section],
    start: int,
    stop: int,
    stamp: StampSpec,
    stamps: Sequence[str],
    title: str,
    font: pikepdf.Object,
) -> tuple[pikepdf.Pdf, Spots]:
    """A new PDF of packet pages ``start`` .. ``stop - 1``, stamped, bookmarked, forms intact.

    ``font`` is the stamp font (in the sheets PDF). Also returns the packet
    pages (0-based) whose stamp was drawn smaller or found no clear spot.
    """
    dest = pikepdf.new()
    obstacles: list[list[Rect]] = []
    whole = _copy_pages(dest, sections, start, stop, obstacles)
    for doc, source in whole:
        if doc.field_name:
            graft_fields(dest, source, doc.field_name)
    merge_optional_content(dest, _unique(source for _doc, source in whole))
    spots = stamp_pages(dest, stamp, stamps[start:stop], font, obstacles)
    _outline(dest, sections, start, stop)
    dest.Root.PageLabels = pikepdf.Dictionary(Nums=page_labels(stamp, start, stop))
    dest.Root.PageMode = pikepdf.Name.UseOutlines
    dest.docinfo["/Title"] = pikepdf.String(title)
    dest.docinfo["/Producer"] = pikepdf.String("docgen")
    return dest, Spots([start + n for n in spots.shrunk], [start + n for n in spots.crowded])


def _unique(pdfs: Iterator[pikepdf.Pdf]) -> list[pikepdf.Pdf]:
    seen: set[int] = set()
    out = []
    for pdf in pdfs:
        if id(pdf) not in seen:
            seen.add(id(pdf))
            out.append(pdf)
    return out
