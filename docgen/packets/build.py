"""Build a packet from its spec: the Python API behind ``docgen packet build``.

Stages, each a small function: load the spec; load every document (fill the
forms, render the letters, read the evidence by content), so a bad file stops
the run before anything is written; lay the packet out and build the index of
exhibits from the real page numbers; assemble the PDF (or the parts of a
split); write the PDFs and the manifest atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import pikepdf

from docgen.case.loader import load_case
from docgen.case.model import Case
from docgen.editions import accepting_editions, check_edition, first_page_text, load_editions, printed_edition
from docgen.errors import DamagedFileError, DocgenError, PacketError, UsageError
from docgen.fileio import safe_name
from docgen.letters.convert import LazyConverter
from docgen.packets import sheets
from docgen.packets.assemble import Doc, DocKind, Section, assemble, paginate
from docgen.packets.clearance import Edge, InkCache, Margins, recall_or_read
from docgen.packets.confine import Folders, confine, exhibit_context, part_context
from docgen.packets.downsample import downsample
from docgen.packets.evidence import Context, DocxConverter, Read, load_evidence, read_ahead
from docgen.packets.fields import field_prefix, has_fields
from docgen.packets.normalise import normalise
from docgen.packets.output import Staging, file_id, save_bytes
from docgen.packets.profiles import Profile, file_size, load_profile, megabytes, page_ranges
from docgen.packets.spec import (
    AcceptEdition,
    DocumentPart,
    ExhibitEntry,
    FormPart,
    ImageOptions,
    LetterPart,
    NoticePart,
    PacketSpec,
    PartEntry,
    StampSpec,
    load_spec,
)
from docgen.packets.split import plan_split
from docgen.packets.stamps import bates, reach, stamp_font, stamp_texts
from docgen.pdf.open import DAMAGED

DEFAULT_PROFILE = "paper"
T = TypeVar("T")
READ_AHEAD = 8
ROLE_TITLES = {
    "notice": "Notice (copy)",
    "g-1145": "Form G-1145",
    "cover-letter": "Cover letter",
    "g-28": "Form G-28",
    "fee": "Fee payment",
    "support-letter": "Support letter",
}
KIND_TITLES = {"filing": "Filing packet", "rfe-response": "Response to Request for Evidence"}


@dataclass(frozen=True)
class OutputFile:
    """One PDF written: where, its hash and size, and which packet pages and stamps it holds."""

    path: Path
    sha256: str
    size: int
    first_page: int
    last_page: int
    first_stamp: str | None
    last_stamp: str | None


@dataclass
class PacketResult:
    """What a build wrote and what the reader should know."""

    spec: PacketSpec
    profile: Profile
    pages: int
    files: list[OutputFile]
    manifest_path: Path
    manifest: dict[str, Any]
    notes: list[str] = field(default_factory=list)


DECODERS = 2
"""Threads decoding scans for the stamps' clearance: once the documents are loaded, both cores decode."""
SCANS_AHEAD = 16
"""Scanned pages read by pdfium and waiting for a decoder, at most (each holds its JPEG in memory)."""


@dataclass
class Build:
    """The state of one build while documents are loaded."""

    spec: PacketSpec
    profile: Profile
    converters: LazyConverter
    case_override: Path | None = None
    folders: Folders | None = None
    forms_dir: Path | str | None = None
    maps_dir: Path | str | None = None
    notes: list[str] = field(default_factory=list)
    images: ImageOptions | None = None
    documents: int = 0
    _case: tuple[Case, Path] | None = None
    _margins: dict[str, Margins] = field(default_factory=dict)
    _pool: ThreadPoolExecutor | None = None
    _decoder: ThreadPoolExecutor | None = None
    _inks: InkCache = field(default_factory=dict)
    _gate: threading.BoundedSemaphore = field(default_factory=lambda: threading.BoundedSemaphore(SCANS_AHEAD))
    _readers: ThreadPoolExecutor | None = None
    ahead: dict[Path, Future[Read | None]] = field(default_factory=dict)
    _queue: list[Path] = field(default_factory=list)
    sheets: pikepdf.Pdf | None = None  # kept open: the stamp font lives in it even when no sheet is used

    def case(self, where: str) -> tuple[Case, Path]:
        """The packet's case (loaded once): from the command line, else from the spec."""
        if self._case is None:
            if self.case_override is not None:
                path = self.case_override
            elif self.spec.model.case:
                path = self.spec.resolve(self.spec.model.case)
            else:
                raise PacketError(f"{where}: forms and letters need a case; add 'case: path/to/case.yaml' to the spec")
            self._case = (load_case(path), path)
        return self._case

    def margins(self, key: str, data: bytes, sha256: str | None = None) -> Margins | None:
        """What the stamps must not cover on the pages of a document, once per distinct document.

        pdfium reads it in the build's pdfium thread and Pillow decodes the
        scans it meets in a second thread (both mostly outside the GIL) while
        the other documents load; :func:`settle_margins` collects it. A scan
        met again (the same JPEG drawn the same way) is not decoded twice,
        and a document whose margins an earlier build kept
        (:mod:`docgen.packets.marginstore`, by ``sha256``, the hash of
        ``data``, worked out when not given) is not read at all. None when
        the packet has no stamps.
        """
        stamp = self.spec.model.stamp
        if stamp.style == "none":
            return None
        if key not in self._margins:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-margins")
            if self._decoder is None:
                self._decoder = ThreadPoolExecutor(max_workers=DECODERS, thread_name_prefix="docgen-scans")
            edge: Edge = "top" if stamp.position.startswith("top") else "bottom"
            band = reach(stamp)
            reading = self._pool.submit(recall_or_read, data, edge, band, self._decoder, self._inks, self._gate, sha256)
            self._margins[key] = Margins(reading, data, edge, band, self.in_pdfium_thread)
        return self._margins[key]

    def in_pdfium_thread(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work`` in the margins thread and wait for it: pdfium is not thread-safe (two threads in
        it at once can crash the process), so all of a build's pdfium work runs in that one thread."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-margins")
        return self._pool.submit(work, *args).result()

    def pdfium_text(self, data: bytes) -> str:
        """A PDF's first page text (:func:`docgen.editions.first_page_text`), in the margins thread."""
        return self.in_pdfium_thread(first_page_text, data)

    def read_ahead(self, paths: list[Path]) -> None:
        """Read, hash and identify the evidence files in background threads while earlier ones load.

        At most :data:`READ_AHEAD` files are held in memory ahead of the one loading.
        """
        self._queue = list(dict.fromkeys(paths))
        self._queue.reverse()
        if len(self._queue) > 1:
            self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="docgen-read")
            self._top_up()

    def _top_up(self) -> None:
        while self._readers is not None and self._queue and len(self.ahead) < READ_AHEAD:
            path = self._queue.pop()
            self.ahead[path] = self._readers.submit(read_ahead, path)

    def taken(self, path: Path) -> Read | None:
        """The read-ahead result for ``path`` (None: read it now)."""
        future = self.ahead.pop(path, None)
        self._top_up()
        return future.result() if future is not None else None

    def close(self) -> None:
        """Stop the background threads and LibreOffice, if they were started."""
        for pool in (self._pool, self._decoder, self._readers):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._decoder = self._readers = None
        self.ahead.clear()
        self.converters.close()

    def shrink(self, doc: Doc, what: str) -> None:
        """Downsample and recompress the document's images (``--max-dpi``, ``--jpeg-quality``); note what changed."""
        assert self.images is not None
        done = downsample(doc.pdf, self.images.max_dpi, self.images.jpeg_quality)
        if not done.changed:
            return
        after = io.BytesIO()
        doc.pdf.save(after)
        before = doc.size or 0
        doc.shrunk = {
            "bytes": [before, len(after.getvalue())],
            "dpi": [round(done.dpi[0]), round(done.dpi[1])],
            "images": [done.changed, done.images],
        }
        kept = f"; {done.images - done.changed} kept" if done.images > done.changed else ""
        self.notes.append(
            f"{what}: {doc.title}: {done.changed} of {done.images} image(s) recompressed, "
            f"{done.dpi[0]:.0f} -> {done.dpi[1]:.0f} dpi, {file_size(before)} -> {file_size(len(after.getvalue()))}"
            f"{kept}"
        )

    def next_field_name(self, title: str) -> str:
        """A unique top-level field name for the next document with a form."""
        self.documents += 1
        return field_prefix(self.documents, title)

    def prepare(self, doc: Doc, what: str, key: str, data: bytes | None = None) -> Doc:
        """Normalise a loaded document (scripts, page size, flattening); name its fields, map its margins.

        A document with a form gets a unique top-level field name built from
        ``key``. Every page's content near the stamp's edge (text, drawings,
        the ink of scans, fields) is mapped so the stamps keep clear of it:
        from the file as it is when its pages keep their place, else from the
        pages as normalised (an image put on a page, an A4 page shrunk).
        """
        if has_fields(doc.pdf):
            if doc.field_name is None:
                doc.field_name = self.next_field_name(key)
            if data is not None and doc.pending is None:
                doc.pending = self.margins(doc.sha256 or _sha(data), data, doc.sha256)
        data = data if data is not None else doc.raw
        done = normalise(doc.pdf, self.profile.page_size, self.spec.model.flatten_forms, data)
        resized, kept = done.resized, done.kept
        doc.raw = None
        size = self.profile.page_size.name
        if resized:
            self.notes.append(f"{what}: {doc.title}: page(s) {page_ranges(resized)} put on {size} pages")
        if kept:
            self.notes.append(f"{what}: {doc.title}: page(s) {page_ranges(kept)} not {size}, kept (form fields)")
        doc.pages = range(len(doc.pdf.pages))
        if not has_fields(doc.pdf):
            doc.field_name = None
        if self.images is not None and doc.kind in ("evidence", "document", "notice"):
            self.shrink(doc, what)
        if doc.pending is None:
            if data is not None and not resized and doc.mime == "application/pdf":
                doc.pending = self.margins(doc.sha256 or _sha(data), data, doc.sha256)
            else:
                laid_out = io.BytesIO()
                doc.pdf.save(laid_out, static_id=True)  # the same bytes each time: kept margins are found again
                doc.pending = self.margins(f"{doc.sha256 or id(doc)} as laid out", laid_out.getvalue())
        return doc


@contextmanager
def damage_named(context: Context) -> Iterator[None]:
    """Damage qpdf finds only while a document is walked (a broken object deep inside) as a one-line error."""
    try:
        yield
    except (pikepdf.PdfError, RuntimeError):
        raise context.error(DAMAGED, DamagedFileError) from None


def settle_margins(sections: list[Section]) -> None:
    """Collect the text boxes worked out in the background into the documents."""
    for section in sections:
        for doc in section.docs:
            if doc.pending is not None:
                text = doc.pending.result()
                doc.obstacles = {
                    n: [*text.get(n, []), *doc.obstacles.get(n, [])] for n in set(text) | set(doc.obstacles)
                }
                doc.pending = None


def _pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def _sheet_pdf(data: bytes) -> pikepdf.Pdf:
    """A PDF docgen drew, without the unused standard font reportlab lists on every page."""
    pdf = _pdf(data)
    pdf.remove_unreferenced_resources()
    return pdf


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _located(exc: DocgenError, where: str) -> DocgenError:
    """The same kind of error, its message prefixed with the spec line."""
    return exc.located(where)


def _person_name(case: Case, ref: str | None) -> str:
    try:
        person = case.person(ref)
    except KeyError:
        return ref or ""
    return f"{person.given_name} {person.family_name}"


def _form_doc(build: Build, part: FormPart, where: str) -> Doc:
    from docgen.forms.fill import fill_form  # the forms feature, loaded only for a packet with forms

    case, _path = build.case(where)
    accepted = part.accept_edition
    try:
        with accepting_editions({part.form: accepted.edition} if accepted else {}):
            result = fill_form(
                part.form,
                case,
                person=part.for_,
                flatten=build.spec.model.flatten_forms,
                forms_dir=build.forms_dir,
                maps_dir=build.maps_dir,
                edition=part.edition,
            )
    except DocgenError as exc:
        raise _located(exc, where) from None
    build.notes += edition_notes(result.form, result.edition, accepted, build.maps_dir)
    who = f" ({_person_name(case, part.for_)})" if part.for_ else ""
    title = part.title or f"Form {result.form}{who}"
    if result.overflow:
        build.notes.append(f"{title}: {result.overflow_note()}")
    if result.unanswered:
        build.notes.append(f"{title}: {len(result.unanswered)} item(s) the case does not answer were left empty")
    source = f"form {result.form} edition {result.edition}" + (f" for {part.for_}" if part.for_ else "")
    pdf = _pdf(result.data)
    doc = Doc(title, "form", source, pdf, range(len(pdf.pages)), _sha(result.data), size=len(result.data))
    doc.raw = result.data
    key = f"form {result.form} {result.edition}"  # within a build, the page text is the blank's
    doc.pending = build.margins(key, result.data, doc.sha256)
    if has_fields(pdf):
        doc.field_name = build.next_field_name(f"{result.form}-{part.for_}" if part.for_ else result.form)
    return doc


def edition_notes(form: str, edition: str, accepted: AcceptEdition | None, maps_dir: Path | str | None) -> list[str]:
    """A note when a form goes in on an edition the agency refuses, accepted explicitly (and why)."""
    entry = load_editions(maps_dir).find(form, edition)
    if entry is None or not entry.refused_on(dt.date.today()):
        return []
    why = f": {accepted.reason}" if accepted is not None and accepted.edition == edition else " on the command line"
    status = entry.status(dt.date.today())
    return [f"Form {form} edition {edition} is {status} by {entry.agency}; packed as accepted{why}"]


def _check_packed_edition(build: Build, part: DocumentPart, pdf: pikepdf.Pdf, data: bytes, where: str) -> None:
    """A filled form brought as a document (a signed G-28, a flattened I-765) on a refused edition stops the build."""
    printed = printed_edition(pdf, data, build.pdfium_text)
    if printed is None:
        return
    form, edition = printed
    accepted = part.accept_edition
    try:
        with accepting_editions({form: accepted.edition} if accepted else {}):
            check_edition(form, edition, maps_dir=build.maps_dir)
    except DocgenError as exc:
        raise _located(exc, f"{where}: {part.document}") from None
    build.notes += edition_notes(form, edition, accepted, build.maps_dir)


def _letter_exhibits(
    exhibits: list[Section], stamp: StampSpec | None = None, stand_in: bool = False
) -> list[dict[str, Any]]:
    """The exhibit list a letter sees (``extra.exhibits``): id, title, pages, description and, with the
    packet's ``stamp``, ``first_page``, ``last_page`` and ``range`` (``ACME-000012 to ACME-000020``, else
    ``pages 12-20``).

    Before pagination (``stand_in``) the range is a stand-in of the same length, so the letter takes the
    same room on its first rendering as on its last."""
    listed = []
    for s in exhibits:
        entry: dict[str, Any] = {
            "id": s.label,
            "title": s.title,
            "pages": sum(d.count for d in s.evidence),
            "description": s.description,
        }
        if stamp is not None:
            first, last = (0, 0) if stand_in else (s.first, s.stop - 1)
            entry.update(first_page=first + 1, last_page=last + 1, range=_range_text(stamp, first, last))
        listed.append(entry)
    return listed


def _range_text(stamp: StampSpec, first: int, last: int) -> str:
    if stamp.style == "bates":
        return f"{bates(stamp, first)} to {bates(stamp, last)}"
    return f"pages {first + 1}-{last + 1}"


def _letter_doc(
    build: Build,
    part: LetterPart,
    role: str,
    where: str,
    exhibits: list[Section],
    listed: list[dict[str, Any]] | None = None,
) -> Doc:
    """Render a letter part; ``listed`` is its exhibit list (default: before pagination, stand-in ranges)."""
    from docgen.letters.render import render_letter
    from docgen.packets.crosscheck import letter_data, packet_notices

    _case, case_path = build.case(where)
    if listed is None:
        listed = _letter_exhibits(exhibits, build.spec.model.stamp, stand_in=True)
    try:
        notices = build.in_pdfium_thread(packet_notices, build.spec)  # the notice reader renders with pdfium
        data = letter_data(build.spec, part, listed, notices)
        result = render_letter(
            part.letter,
            case_path,
            fmt="pdf",
            data=data,
            logo=build.spec.resolve(part.logo) if part.logo else None,
            date=part.date,
            converter=build.converters(),
        )
    except DocgenError as exc:
        raise _located(exc, where) from None
    assert result.pdf is not None
    title = part.title or ROLE_TITLES.get(role) or part.name.replace("_", " ").capitalize()
    pdf = _pdf(result.pdf)
    doc = Doc(
        title, "letter", f"letter {part.name}", pdf, range(len(pdf.pages)), _sha(result.pdf), size=len(result.pdf)
    )
    doc.raw = result.pdf
    return doc


def part_title(entry: PartEntry) -> str:
    """The title of a document or notice part: the spec's, its role's, else its file name."""
    part = entry.part
    assert isinstance(part, DocumentPart | NoticePart)
    written = part.document if isinstance(part, DocumentPart) else part.notice
    return part.title or ROLE_TITLES.get(entry.role) or Path(written).stem


def _file_doc(build: Build, entry: PartEntry) -> Doc:
    part = entry.part
    assert isinstance(part, DocumentPart | NoticePart)
    title = part_title(entry)
    context = part_context(build.spec, entry, title)
    written = context.written
    path = build.spec.resolve(written)
    if build.folders is not None:
        path = build.folders.check(path, context)
    loaded = load_evidence(path, context, build.converters, build.profile.page_size.points)
    if loaded.note:
        build.notes.append(f"part {title!r}: {loaded.note}")
    kind: DocKind = "notice" if isinstance(part, NoticePart) else "document"
    if isinstance(part, DocumentPart):
        _check_packed_edition(build, part, loaded.pdf, loaded.data, build.spec.where(("parts", entry.position)))
    doc = Doc(title, kind, written, loaded.pdf, range(0), loaded.sha256, loaded.mime, loaded.size)
    with damage_named(context):
        return build.prepare(doc, f"part {title!r}", entry.role, loaded.data)


def load_part(build: Build, entry: PartEntry, exhibits: list[Section]) -> Section:
    """Fill, render or read one part of the packet."""
    where = build.spec.where(("parts", entry.position))
    part = entry.part
    if isinstance(part, FormPart):
        doc = _form_doc(build, part, where)
    elif isinstance(part, LetterPart):
        doc = _letter_doc(build, part, entry.role, where, exhibits)
    else:
        doc = _file_doc(build, entry)
    if doc.kind in ("form", "letter"):
        build.prepare(doc, f"part {doc.title!r}", doc.kind)
    return Section("part", doc.title, entry.role, [doc], line=entry.line)


def load_exhibit(build: Build, entry: ExhibitEntry) -> Section:
    """Read every file of one exhibit (its divider sheet is added later)."""
    exhibit = entry.exhibit
    what = f"exhibit {entry.label} {exhibit.title!r}"
    docs: list[Doc] = []
    for number, source in enumerate(entry.sources, 1):
        context = exhibit_context(build.spec, entry, source.line, source.written)
        ahead = build.taken(source.path)
        loaded = load_evidence(source.path, context, build.converters, build.profile.page_size.points, ahead)
        if loaded.note:
            build.notes.append(f"{what}: {loaded.note}")
        title = source.title or Path(source.written).name
        doc = Doc(title, "evidence", source.written, loaded.pdf, range(0), loaded.sha256, loaded.mime, loaded.size)
        with damage_named(context):
            docs.append(build.prepare(doc, f"exhibit {entry.label}", f"exhibit-{entry.label}{number}", loaded.data))
    return Section("exhibit", exhibit.title, "exhibit", docs, entry.label, exhibit.description, entry.line)


def _index_subtitle(build: Build) -> list[str]:
    lines = [build.spec.model.title or KIND_TITLES[build.spec.model.kind]]
    if build._case is not None:
        lines.append(f"Case {build._case[0].case_id}")
    return lines


def _index_rows(build: Build, exhibits: list[Section], total: int) -> list[sheets.IndexRow]:
    stamp = build.spec.model.stamp
    texts = stamp_texts(stamp, 0, total, total) if stamp.style == "bates" else []
    return [
        sheets.IndexRow(
            s.label or "",
            s.title,
            s.description,
            s.first + 1,
            s.stop,
            texts[s.first] if texts else None,
            texts[s.stop - 1] if texts else None,
        )
        for s in exhibits
    ]


def add_sheets(build: Build, parts: list[Section], exhibits: list[Section]) -> tuple[list[Section], pikepdf.Object]:
    """Put the divider sheets and the index of exhibits in place; return the sections and the stamp font.

    The index is laid out first (its length depends on the titles, not on
    the page numbers), so the packet is paginated once; then the index (with
    the real page numbers) and every divider are drawn in one PDF.
    """
    model = build.spec.model
    page_size = build.profile.page_size.points
    placeholder = pikepdf.new()
    if model.dividers:
        for section in exhibits:
            title = f"Divider, Exhibit {section.label}"
            section.docs.insert(0, Doc(title, "divider", "docgen divider sheet", placeholder, range(1)))
    sections = [*parts, *exhibits]
    index: Doc | None = None
    subtitle = _index_subtitle(build)
    if model.index and exhibits:
        provisional = paginate(sections) + 1  # the numbers change below, the column widths do not
        layout = sheets.index_layout(_index_rows(build, exhibits, provisional), subtitle, page_size)
        index = Doc("Index of exhibits", "index", "docgen index of exhibits", placeholder, range(len(layout)))
        sections.insert(len(parts), Section("index", "Index of exhibits", "index", [index]))
    total = paginate(sections)
    sheet = sheets.IndexSheet(_index_rows(build, exhibits, total), "Index of Exhibits", subtitle) if index else None
    dividers = [sheets.Divider(s.label or "", s.title, s.description) for s in exhibits] if model.dividers else []
    data = sheets.sheets_pdf(sheet, dividers, page_size)
    pdf = build.sheets = _sheet_pdf(data)
    first = 0
    if index is not None:
        index.pdf, index.sha256, index.size = pdf, _sha(data), len(data)
        first = index.count
    for number, section in enumerate(exhibits if model.dividers else []):
        section.docs[0].pdf, section.docs[0].pages = pdf, range(first + number, first + number + 1)
    if len(pdf.pages) != first + len(dividers) + 1:
        raise PacketError("the index of exhibits came out longer than laid out; report this as a bug")
    return sections, stamp_font(pdf)


def load_sections(build: Build) -> tuple[list[Section], pikepdf.Object]:
    """Every section of the packet in order, documents loaded, dividers and index in place; the stamp font."""
    # Forms and ready documents first (their margins are read in the background while the exhibits
    # load), letters last (they list the exhibits).
    early = {entry.position: load_part(build, entry, []) for entry in build.spec.parts if not _is_letter(entry)}
    build.read_ahead([source.path for entry in build.spec.exhibits for source in entry.sources])
    exhibits = [load_exhibit(build, entry) for entry in build.spec.exhibits]
    parts = [early.get(entry.position) or load_part(build, entry, exhibits) for entry in build.spec.parts]
    sections, font = add_sheets(build, parts, exhibits)
    if _cites_pages(build):
        sections, font = _cite_real_pages(build, parts, exhibits, sections, font)
    _convention_notes(build, parts)
    return sections, font


CITES_PAGES = ("cite_pages", ".range", ".first_page", ".last_page")


def _cites_pages(build: Build) -> bool:
    """Whether a letter of the packet prints its exhibits' pages or Bates numbers."""
    for entry in build.spec.parts:
        if isinstance(entry.part, LetterPart) and entry.part.exhibits == "packet" and build.spec.exhibits:
            from docgen.letters.render import load_template  # the letters feature, loaded only for letters

            sources = load_template(entry.part.letter).sources
            if any(word in source.source for source in sources for word in CITES_PAGES):
                return True
    return False


def _cite_real_pages(
    build: Build, parts: list[Section], exhibits: list[Section], sections: list[Section], font: pikepdf.Object
) -> tuple[list[Section], pikepdf.Object]:
    """Render the letters again with the exhibits' real pages and Bates numbers, until the pages stay put.

    The first rendering cited stand-ins of the same length; when a letter
    comes out longer or shorter with the real numbers, the packet is paginated
    again and the letters rendered once more (three renderings at most).
    """
    stamp = build.spec.model.stamp
    for _attempt in range(3):
        listed = _letter_exhibits(exhibits, stamp)
        moved = False
        for entry, section in zip(build.spec.parts, parts, strict=True):
            if not isinstance(entry.part, LetterPart) or entry.part.exhibits != "packet":
                continue
            where = build.spec.where(("parts", entry.position))
            doc = _letter_doc(build, entry.part, entry.role, where, exhibits, listed)
            build.prepare(doc, f"part {doc.title!r}", doc.kind)
            moved |= doc.count != section.docs[0].count
            section.docs[0] = doc
        if not moved:
            return sections, font
        sections, font = _resheet(build, parts, exhibits)
    raise PacketError("the letters' citations of exhibit pages do not settle (the letters keep changing length)")


def _resheet(build: Build, parts: list[Section], exhibits: list[Section]) -> tuple[list[Section], pikepdf.Object]:
    """Lay out the sheets again over the parts as they are (the dividers already placed are kept)."""
    for section in exhibits:
        if section.docs and section.docs[0].kind == "divider":
            section.docs.pop(0)
    return add_sheets(build, parts, exhibits)


def _is_letter(entry: PartEntry) -> bool:
    return isinstance(entry.part, LetterPart)


def _convention_notes(build: Build, parts: list[Section]) -> None:
    roles = {s.role for s in parts}
    kind = build.spec.model.kind
    if kind == "rfe-response" and "notice" not in roles:
        build.notes.append("no copy of the RFE notice: USCIS asks for it on top of the response (add '- notice: FILE')")
    if kind == "filing" and "g-1145" not in roles:
        build.notes.append("no Form G-1145: add it on top to be told by e-mail or text when the filing is accepted")


# --- output -------------------------------------------------------------------------------------


def _targets(
    spec: PacketSpec,
    output: Path | None,
    out_dir: Path | None,
    ranges: list[tuple[int, int]],
    split: bool,
    sections: list[Section],
) -> list[Path]:
    if output is not None:
        return [output]
    assert out_dir is not None
    if not split:
        return [out_dir / f"{spec.name}.pdf"]
    width = len(str(len(ranges))) if len(ranges) >= 10 else 1
    return [
        out_dir / f"{spec.name}-part{n:0{width}d}-{part_label(sections, start, stop)}.pdf"
        for n, (start, stop) in enumerate(ranges, 1)
    ]


def part_label(sections: list[Section], start: int, stop: int) -> str:
    """What a split file holds, for its name: ``cover`` (the parts before the exhibits: notice, letters,
    forms, index), ``exhibit-B``, ``exhibits-C-F``, ``cover-exhibits-A-B``; ``exhibit-C-pages-1-40``
    for a piece of an exhibit cut by pages."""
    held = [s for s in sections if s.first < stop and s.stop > start]
    exhibits = [s for s in held if s.kind == "exhibit"]
    words = ["cover"] if any(s.kind != "exhibit" for s in held) else []
    if len(exhibits) == 1:
        only = exhibits[0]
        words.append(f"exhibit-{only.label}")
        if start > only.first or stop < only.stop:
            words.append(f"pages-{max(start, only.first) - only.first + 1}-{min(stop, only.stop) - only.first}")
    elif exhibits:
        words.append(f"exhibits-{exhibits[0].label}-{exhibits[-1].label}")
    return safe_name("-".join(words) or "pages")


def manifest_path(first: Path, spec: PacketSpec, out_dir: Path | None) -> Path:
    """Where the manifest goes: beside the PDF (``OUT.manifest.json``) or in the output folder."""
    if out_dir is not None:
        return out_dir / f"{spec.name}.manifest.json"
    return first.with_name(first.stem + ".manifest.json")


def _span(first: int, stop: int, texts: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"pages": [first + 1, stop]}
    if texts:
        out["stamps"] = [texts[first], texts[stop - 1]]
    return out


def _files_of(first: int, stop: int, files: list[OutputFile]) -> list[str]:
    return [f.path.name for f in files if f.first_page <= stop and f.last_page >= first + 1]


def _doc_entry(doc: Doc, texts: list[str], files: list[OutputFile]) -> dict[str, Any]:
    entry: dict[str, Any] = {"title": doc.title, "kind": doc.kind, "source": doc.source, "type": doc.mime}
    if doc.sha256:
        entry["sha256"] = doc.sha256
        entry["bytes"] = doc.size
    if doc.shrunk:
        entry["downsampled"] = doc.shrunk
    entry.update(_span(doc.first, doc.stop, texts))
    entry["files"] = _files_of(doc.first, doc.stop, files)
    return entry


def _section_entry(section: Section, texts: list[str], files: list[OutputFile]) -> dict[str, Any]:
    entry: dict[str, Any] = {"kind": section.kind, "title": section.title, "role": section.role}
    if section.kind == "exhibit":
        entry["label"] = section.label
        entry["description"] = section.description
        dividers = [d for d in section.docs if d.kind == "divider"]
        if dividers:
            entry["divider_page"] = dividers[0].first + 1
    entry.update(_span(section.first, section.stop, texts))
    entry["files"] = _files_of(section.first, section.stop, files)
    entry["documents"] = [_doc_entry(d, texts, files) for d in section.docs if d.kind != "divider"]
    return entry


def build_manifest(
    build: Build, sections: list[Section], total: int, texts: list[str], files: list[OutputFile]
) -> dict[str, Any]:
    """The manifest: every file, part, exhibit, source file, page range, stamp range and SHA-256."""
    model = build.spec.model
    limit = build.profile.size_limit
    return {
        "packet": build.spec.name,
        "kind": model.kind,
        "title": model.title,
        "spec": str(build.spec.path),
        "case": build._case[0].case_id if build._case else None,
        "profile": {
            "name": build.profile.name,
            "size_limit": limit.bytes if limit else None,
            "source": limit.source if limit else None,
            "as_of": limit.as_of if limit else None,
            "page_size": build.profile.page_size.name,
        },
        "stamp": model.stamp.model_dump(include={"style", "prefix", "start", "digits", "position"}),
        "pages": total,
        "files": [
            {
                "file": f.path.name,
                "sha256": f.sha256,
                "bytes": f.size,
                "pages": [f.first_page, f.last_page],
                "stamps": [f.first_stamp, f.last_stamp] if f.first_stamp else None,
            }
            for f in files
        ],
        "sections": [_section_entry(s, texts, files) for s in sections],
        "notes": build.notes,
    }


def _stale(manifest: Path, keep: set[Path]) -> list[Path]:
    """The parts an earlier build listed in this manifest that this build does not write."""
    try:
        old = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    stale = []
    for entry in old.get("files", []) if isinstance(old, dict) else []:
        name = entry.get("file") if isinstance(entry, dict) else None
        if isinstance(name, str) and "/" not in name and name.endswith(".pdf"):
            path = manifest.parent / name
            if path not in keep:
                stale.append(path)
    return stale


def _check_request(output: Path | None, out_dir: Path | None, split: bool, profile: Profile) -> None:
    if (output is None) == (out_dir is None):
        raise UsageError("give either an output file (-o OUT.pdf) or an output folder (--out-dir DIR)")
    if split and out_dir is None:
        raise UsageError("--split writes several files: give an output folder (--out-dir DIR) instead of -o")
    if split and profile.size_limit is None:
        raise UsageError(
            f"--split needs a size limit, and profile {profile.name!r} has none; "
            "name an e-filing profile (--profile uscis-online)"
        )
    if output is not None and output.suffix.lower() != ".pdf":
        raise UsageError(f"{output}: write the packet to a .pdf file")


def build_packet(
    spec: PacketSpec | Path | str,
    output: Path | str | None = None,
    *,
    out_dir: Path | str | None = None,
    split: bool = False,
    profile: str | Path | None = None,
    case: Path | str | None = None,
    forms_dir: Path | str | None = None,
    maps_dir: Path | str | None = None,
    converter: DocxConverter | None = None,
    allow_dirs: Iterable[Path | str] = (),
    checks: Literal["error", "warn", "off"] = "error",
    max_dpi: float | None = None,
    jpeg_quality: int | None = None,
) -> PacketResult:
    """Build the packet of ``spec`` into ``output`` (one PDF) or ``out_dir`` (split parts with ``split``).

    ``profile`` (default: the spec's, else ``paper``) sets the page size and
    the size limit. Evidence is read only from the spec's folder and
    ``allow_dirs``: a path (or link) leading elsewhere stops the build before
    anything is read. A manifest JSON is written beside the PDF(s). Nothing is
    written unless every document loaded and every file is complete. The
    content cross-checks (:mod:`docgen.packets.crosscheck`) stop the build on a
    problem (``checks="error"``), or add it to the notes (``checks="warn"``).
    ``max_dpi`` and ``jpeg_quality`` (over the spec's ``images:``) make the
    scans smaller for e-filing (:mod:`docgen.packets.downsample`).
    """
    loaded = spec if isinstance(spec, PacketSpec) else load_spec(spec)
    chosen = load_profile(profile or loaded.model.profile or DEFAULT_PROFILE)
    target = Path(output) if output is not None else None
    folder = Path(out_dir) if out_dir is not None else None
    _check_request(target, folder, split, chosen)
    folders = Folders.of(loaded, allow_dirs)
    loaded = confine(loaded, folders, part_title)
    build = Build(loaded, chosen, LazyConverter(converter), Path(case) if case else None, folders, forms_dir, maps_dir)
    build.images = _image_options(loaded, max_dpi, jpeg_quality)
    build.notes += paper_only_notes(loaded, chosen)
    try:
        sections, font = load_sections(build)
        settle_margins(sections)  # first: the files' bytes kept for it are let go before the checks read theirs
        if checks != "off":
            _cross_check(build, sections, checks == "warn")
    finally:
        build.close()
    return _write(build, sections, font, target, folder, split)


PAPER_ONLY = {
    "g-1145": "Form G-1145 asks for e-mail notice of a paper filing; an online filing is notified in the account",
    "fee": "the fee of an online filing is paid in the account (Pay.gov), not by check, G-1450 or G-1650",
}


def paper_only_notes(spec: PacketSpec, profile: Profile) -> list[str]:
    """Warnings for parts that belong to a paper filing (G-1145, fee payment) in a packet for online filing."""
    if not profile.online:
        return []
    notes = []
    for entry in spec.parts:
        reason = PAPER_ONLY.get(entry.role)
        if reason:
            where = spec.where(("parts", entry.position))
            notes.append(
                f"warning [paper-only] {where}: a paper-only part ({entry.role}) in a packet for {profile.title} "
                f"(profile {profile.name}): {reason}; leave it out of the upload"
            )
    return notes


def _image_options(spec: PacketSpec, max_dpi: float | None, jpeg_quality: int | None) -> ImageOptions | None:
    """The downsampling asked for: the options given, over the spec's ``images:``; None for none."""
    given = spec.model.images
    if max_dpi is None and jpeg_quality is None:
        return given
    try:
        return ImageOptions(
            max_dpi=max_dpi if max_dpi is not None else (given.max_dpi if given else None),
            jpeg_quality=jpeg_quality if jpeg_quality is not None else (given.jpeg_quality if given else 75),
        )
    except ValueError as exc:
        problem = "; ".join(e["msg"] for e in exc.errors()) if hasattr(exc, "errors") else str(exc)
        raise UsageError(f"--max-dpi / --jpeg-quality: {problem} (dpi 72-1200, quality 20-95)") from None


def _cross_check(build: Build, sections: list[Section], as_warnings: bool) -> None:
    """The content cross-checks (docgen/packets/crosscheck.py), with packet page numbers; errors stop the build."""
    from docgen.packets.crosscheck import cross_check

    has_case = build._case is not None or build.case_override is not None or bool(build.spec.model.case)
    case, case_path = build.case(str(build.spec.path)) if has_case else (None, None)
    pages = {d.source: d.first + 1 for s in sections for d in s.docs if d.kind in ("notice", "evidence")}
    exhibits = _letter_exhibits([s for s in sections if s.kind == "exhibit"], build.spec.model.stamp)
    report = cross_check(
        build.spec, case=case, case_path=case_path, exhibits=exhibits, pages=pages, as_warnings=as_warnings
    )
    report.raise_errors()
    build.notes += report.notes()


def _identity(sections: list[Section], start: int, stop: int, texts: list[str], title: str, images: str = "") -> bytes:
    """The file ID of packet pages ``start`` .. ``stop - 1``: a digest of their sources, pages and stamps.

    Input files count by their hash; forms and letters docgen makes count by
    what they are (LibreOffice stamps each PDF it writes with the time).
    """
    facts = [title, str(start), str(stop), *texts[start:stop], images]
    for section in sections:
        for doc in section.docs:
            if doc.first < stop and doc.stop > start:
                made = doc.kind in ("form", "letter", "divider", "index")
                facts += [doc.title, doc.source, "" if made else doc.sha256 or "", str(doc.first), str(doc.count)]
    return file_id(facts)


def _images_key(build: Build) -> str:
    """The downsampling options, for the file ID (other options, other bytes)."""
    return "" if build.images is None else f"images {build.images.max_dpi} {build.images.jpeg_quality}"


def _write(
    build: Build,
    sections: list[Section],
    font: pikepdf.Object,
    output: Path | None,
    out_dir: Path | None,
    split: bool,
) -> PacketResult:
    total = paginate(sections)
    stamp = build.spec.model.stamp
    texts = stamp_texts(stamp, 0, total, total)
    title = build.spec.model.title or KIND_TITLES[build.spec.model.kind]
    sizes: dict[tuple[int, int], int] = {}
    crowded: set[int] = set()
    shrunk: set[int] = set()

    def render(start: int, stop: int) -> pikepdf.Pdf:
        pdf, spots = assemble(sections, start, stop, stamp, texts, title, font)
        crowded.update(spots.crowded)
        shrunk.update(spots.shrunk)
        return pdf

    def measure(start: int, stop: int) -> int:
        if (start, stop) not in sizes:
            identity = _identity(sections, start, stop, texts, title, _images_key(build))
            sizes[(start, stop)] = len(save_bytes(render(start, stop), identity))
        return sizes[(start, stop)]

    limit = build.profile.size_limit
    ranges = [(0, total)]
    if split and limit is not None:
        plan = plan_split(sections, limit.bytes, measure)
        build.notes += plan.notes
        ranges = plan.ranges
    paths = _targets(build.spec, output, out_dir, ranges, split, sections)
    where = manifest_path(paths[0], build.spec, out_dir)
    stale = _stale(where, set(paths)) if out_dir is not None else []
    with Staging() as staging:
        files = []
        for path, (start, stop) in zip(paths, ranges, strict=True):
            identity = _identity(sections, start, stop, texts, title, _images_key(build))
            digest, size = staging.pdf(render(start, stop), path, identity)
            first_stamp, last_stamp = (texts[start], texts[stop - 1]) if texts else (None, None)
            files.append(OutputFile(path, digest, size, start + 1, stop, first_stamp, last_stamp))
        _size_notes(build, files, split)
        if shrunk:
            pages = page_ranges(sorted(n + 1 for n in shrunk))
            build.notes.append(f"page(s) {pages}: the stamp is drawn smaller to keep clear of the page's content")
        if crowded:
            pages = page_ranges(sorted(n + 1 for n in crowded))
            build.notes.append(f"page(s) {pages}: no clear margin for the stamp; it is drawn on a white box")
        manifest = build_manifest(build, sections, total, texts, files)
        staging.data(where, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    for path in stale:
        path.unlink(missing_ok=True)
    return PacketResult(build.spec, build.profile, total, files, where, manifest, build.notes)


def _size_notes(build: Build, files: list[OutputFile], split: bool) -> None:
    limit = build.profile.size_limit
    if split or limit is None or files[0].size <= limit.bytes:
        return
    build.notes.append(
        f"the packet is {megabytes(files[0].size)}, over the {megabytes(limit.bytes)} limit of profile "
        f"{build.profile.name}; build with --out-dir DIR --split to upload it in parts"
    )
