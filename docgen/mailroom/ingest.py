"""``docgen mailroom ingest``: every file of the inbox, parsed, split, matched, filed, recorded.

Nothing lost, nothing twice:
- a file whose content was ingested before is only removed from the inbox;
- a notice already in the docket (same receipt number, kind and notice date,
  even inside another scan) is not filed again;
- the filed copy and the case update are written (atomically, under names
  derived from the notice) before the docket records them in one transaction,
  and the inbox file is removed only after that commit; killed at any moment,
  a rerun redoes only what was not committed, to the same names;
- an inbox file being ingested is locked, so two ingests at once share the
  work instead of doing it twice; the docket serialises their writes.

Nothing from outside the inbox: a symbolic link is never followed (the file
is opened with ``O_NOFOLLOW`` and must be a regular file with one name), and
the notice reader works on a private copy of the bytes read through that one
handle, so swapping the file for a link half-way changes nothing. Skipped
entries are reported with the reason and left for a person.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import io
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf

from docgen.case.loader import load_case
from docgen.errors import (
    DiskFullError,
    DocgenError,
    DocketError,
    InputLimitError,
    NoticeError,
    OutputError,
    UnreadableFileError,
    UsageError,
)
from docgen.faults import checkpoint
from docgen.fileio import atomic_writer, safe_name, write_bytes_atomic, write_text_atomic
from docgen.mailroom.aliases import learned_for
from docgen.mailroom.case_sync import CaseSync, sync_case_folder, sync_changed_case
from docgen.mailroom.cases import CaseEntry, CaseStore
from docgen.mailroom.deadlines import TO_CONFIRM, WAITING_FOR, past_on_filing, past_while_waiting
from docgen.mailroom.docket import (
    Docket,
    NewNotice,
    NoticeRecord,
    NoticeStatus,
    SourceStatus,
    is_database_url,
    open_docket,
)
from docgen.mailroom.filing import Filing, file_notice, replay_intents
from docgen.mailroom.reader import Reader, ReaderCrashed
from docgen.mailroom.text import as_typed, printable
from docgen.notices import Notice, NoticeFileResult, parse_notice_file
from docgen.notices.model import (
    BAND_MARGIN,
    CONFLICT,
    CROP_VOTE,
    FILE_WITHOUT_REVIEW,
    FREE_TEXT,
    KEY_FIELDS,
    OCR_REPAIRED,
    POSITION,
    SENTENCE,
    Reading,
    field_confidence,
)
from docgen.packets.images import heif_supported
from docgen.pdf.images import open_image
from docgen.pdf.limits import NOTICE_CAPS, check_bytes
from docgen.pdf.open import Problem, open_pdf

if TYPE_CHECKING:
    from PIL import Image

# The day a notice asks something by: an RFE or NOID whose response date, or a biometrics notice whose appointment
# date, could not be read is never filed without it, since no deadline would remind anyone; it waits for review.
RESPONSE_KINDS = ("rfe", "noid")
# So is an approval of a stay (a petition for a worker, an extension or change of status) whose validity end
# could not be read: filed, the case would say "approved" with no end, and nothing would say when the next
# extension is due (its notice prints "Valid from ... to ...").
VALIDITY_FORMS = ("I-129", "I-539")


def unread_response_day(values: dict[str, Any]) -> bool:
    """Whether ``values`` is an RFE or NOID without a response date."""
    return values.get("notice_type") in RESPONSE_KINDS and not values.get("response_due")


def unread_day(values: dict[str, Any]) -> str | None:
    """The field of the day a notice asks something by when it could not be read (``response_due`` of an RFE or
    NOID, ``appointment`` of a biometrics notice, ``valid_to`` of an approval of a stay), else None."""
    if unread_response_day(values):
        return "response_due"
    appointment = values.get("appointment")
    if values.get("notice_type") == "biometrics" and not (isinstance(appointment, dict) and appointment.get("date")):
        return "appointment"
    if values.get("notice_type") == "approval" and values.get("form") in VALIDITY_FORMS and not values.get("valid_to"):
        return "valid_to"
    return None


# The days a notice sets a deadline by (:mod:`docgen.mailroom.deadlines`), by the kinds of notice they do it for,
# and how a clerk names them. Read, but below the filing threshold, such a day is not filed on the reader's word
# (about one in ten to twenty such readings is wrong, and a wrong response date loses the case): the notice waits
# for review with the reading shown and pre-filled, and its deadline is recorded once a person confirms it.
DEADLINE_DAYS: dict[str, tuple[str, ...]] = {
    "response_due": RESPONSE_KINDS,
    "appointment": ("biometrics",),
    "valid_to": ("approval",),
}
DAY_NAMES = {"response_due": "the response date", "appointment": "the appointment", "valid_to": "the validity end"}
CONFIRMED = "confirmed"  # notice data: the deadline days a person confirmed as read
# What an untrusted reading rests on, in a clerk's words (the rest: how sure the reader is).
EVIDENCE_WORDS = {
    SENTENCE: "read from a sentence",
    FREE_TEXT: "read from the letter's text",
    POSITION: "read by its place on the page, no label beside it",
    CONFLICT: "two readings of it disagree",
    CROP_VOTE: "the scan's readings of it disagree",
    OCR_REPAIRED: "OCR look-alike characters repaired",
}


def why_unsure(reading: Reading, confidence: float) -> str:
    """Why a reading is below the filing threshold, in a clerk's words."""
    return EVIDENCE_WORDS.get(reading.evidence, f"the reader is {confidence * 100:.0f}% sure of it")


def unsure_days(notice: Notice) -> dict[str, str]:
    """The days ``notice`` sets a deadline by that were read below :data:`FILE_WITHOUT_REVIEW`, each with why in a
    clerk's words (``{"response_due": "read from a sentence"}``); a day not read at all is :func:`unread_day`'s."""
    kind = notice.value("notice_type")
    confidence = field_confidence(notice)
    return {
        name: why_unsure(notice.readings[name], confidence[name])
        for name, kinds in DEADLINE_DAYS.items()
        if kind in kinds and notice.value(name) and confidence[name] < FILE_WITHOUT_REVIEW
    }


def confirm_reason(days: dict[str, str]) -> str:
    """The review reason of a notice whose deadline days wait for a person: ``confirm the response date: read
    from a sentence``."""
    return "; ".join(f"confirm {DAY_NAMES.get(name, name)}: {why}" for name, why in days.items())


def sender(result: NoticeFileResult, notice: Notice) -> str | None:
    """The USCIS office that sent an RFE or NOID, as its page prints it (``NEBRASKA SERVICE CENTER``): the
    response letter is addressed to it. None for other notices, or when the page names none."""
    if notice.value("notice_type") not in RESPONSE_KINDS:
        return None
    from docgen.notices.requests import office_of

    return office_of(result, list(notice.pages))


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
NOT_WRITABLE = (errno.EROFS, errno.EACCES, errno.EPERM)


@dataclass
class IngestReport:
    """What one ingest did."""

    files: int = 0
    filed: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    duplicate_files: int = 0
    duplicate_notices: int = 0
    skipped_locked: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name as shown, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name as shown, what went wrong)
    problems: list[str] = field(default_factory=list)


def content_hash(data: bytes) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


# Forms whose notices carry another form's receipt number: the I-907 premium-processing receipt is issued
# under its petition's number, often the same day, so its kind, number and date alone would make it a
# duplicate of the petition's receipt (and it was dropped as one).
SHARED_NUMBER_FORMS = frozenset({"I-907"})


def notice_identity(notice: dict[str, Any], source_hash: str, pages: list[int]) -> str:
    """Receipt number + kind + notice date when all are read (+ the form, for an I-907 notice); else the file
    content and pages."""
    if all(notice.get(k) for k in KEY_FIELDS):
        identity = f"{notice['receipt_number']}|{notice['notice_type']}|{notice['notice_date']}"
        return f"{identity}|{notice['form']}" if notice.get("form") in SHARED_NUMBER_FORMS else identity
    return f"{source_hash}|{','.join(map(str, pages))}"


def recorded_as(docket: Docket, notice: dict[str, Any], identity: str) -> NoticeRecord | None:
    """The notice of the docket this one is (the same notice scanned again), if any: by its identity, or, for an
    I-907 notice, as a docket written before its identity held the form recorded it."""
    found = docket.find_notice(identity)
    if found is None and notice.get("form") in SHARED_NUMBER_FORMS and identity.count("|") == 3:
        older = docket.find_notice(identity.rpartition("|")[0])
        found = older if older is not None and older.form == notice.get("form") else None
    return found


def filed_name(notice: dict[str, Any], source_hash: str = "", pages: str = "") -> str:
    """``2026-03-25_I-129_approval_WAC2612345678.pdf``.

    A notice missing its date, kind or receipt number (filed by a person from
    review) also carries its scan's hash and pages, as its identity does, so two
    such notices of one case never share a name.
    """
    parts = [
        notice.get("notice_date") or "undated",
        notice.get("form") or "form",
        notice.get("notice_type") or "notice",
        notice.get("receipt_number") or "no-receipt",
    ]
    if not all(notice.get(k) for k in KEY_FIELDS) and source_hash:
        parts.append(f"{source_hash[:8]}-p{pages.replace(',', '-')}")
    return "_".join(str(p).replace("/", "-") for p in parts) + ".pdf"


def _notice_problem(path: Path) -> Problem:
    def problem(message: str, kind: type[DocgenError] | None) -> DocgenError:
        return (kind or NoticeError)(f"{path}: {message}", path=path)

    return problem


BAND_DPI = 200  # a shared sheet's band is filed as an image at this resolution (OCR'd again when made searchable)


def band_page(path: Path, number: int, band: tuple[float, float, float, float]) -> bytes | None:
    """Page ``number`` of the PDF at ``path`` as a one-page PDF image showing only ``band`` ((left, top, right,
    bottom) in points from the page's top-left corner; an open edge is inf), the rest painted white: another
    notice printed on the same sheet (above, below or beside it) is not in it, text layer and all. None for a
    rotated page (its band's points are not the rendered image's)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number - 1]
        if page.get_rotation() % 360:
            return None
        image = page.render(scale=BAND_DPI / 72).to_pil().convert("RGB")
    finally:
        document.close()
    _paint_outside(image, band, BAND_DPI / 72)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=float(BAND_DPI))
    return buffer.getvalue()


def turned_bands(path: Path, kind: str, bands: dict[int, tuple[float, float, float, float]]) -> list[int]:
    """The pages in ``bands`` of a PDF that :func:`band_page` cannot cut (turned by the page's rotation): such a
    page would be filed whole, another notice on it and all, so its notice goes to review instead."""
    if kind != "pdf" or not bands:
        return []
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        return [number for number in bands if document[number - 1].get_rotation() % 360]
    finally:
        document.close()


def _paint_outside(image: Image.Image, band: tuple[float, float, float, float], pixels: float) -> None:
    """Paint ``image`` white outside ``band`` (points, ``pixels`` to a point; an open edge is inf) and a margin of
    :data:`BAND_MARGIN` round it."""
    from PIL import ImageDraw

    def edge(points: float, margin: float, size: int) -> int:
        return size if points == float("inf") else min(max(round((points + margin) * pixels), 0), size)

    left, top = edge(band[0], -BAND_MARGIN, image.width), edge(band[1], -BAND_MARGIN, image.height)
    right, bottom = edge(band[2], BAND_MARGIN, image.width), edge(band[3], BAND_MARGIN, image.height)
    draw = ImageDraw.Draw(image)
    for box in ((0, 0, image.width, top), (0, bottom, image.width, image.height)):
        if box[3] > box[1]:
            draw.rectangle(box, fill="white")
    for box in ((0, 0, left, image.height), (right, 0, image.width, image.height)):
        if box[2] > box[0]:
            draw.rectangle(box, fill="white")


def pages_pdf(
    path: Path, kind: str, pages: list[int], bands: dict[int, tuple[float, float, float, float]] | None = None
) -> bytes:
    """The given pages (1-based) of a PDF or image file as one PDF; a page in ``bands`` (shared with another
    notice) only as its band (:func:`band_page`)."""
    if kind == "pdf":
        with open_pdf(path, _notice_problem(path), caps=NOTICE_CAPS) as source, contextlib.ExitStack() as stack:
            out = pikepdf.new()
            for number in pages:
                cut = band_page(path, number, bands[number]) if bands and number in bands else None
                if cut is None:
                    out.pages.append(source.pages[number - 1])
                else:
                    out.pages.append(stack.enter_context(pikepdf.open(io.BytesIO(cut))).pages[0])
            buffer = io.BytesIO()
            out.save(buffer, deterministic_id=True)
            return buffer.getvalue()
    if kind == "heic":
        heif_supported()  # a phone's photo: its reader registered with Pillow in this process too
    frames = []
    with open_image(path, NOTICE_CAPS, str(path)) as image:
        for number in pages:
            image.seek(number - 1)
            if bands and number in bands:  # a scanned sheet's part: its points are those of the upright frame read
                from PIL import ImageOps

                from docgen.notices.ocr import square_pixels
                from docgen.notices.parse import image_dpi

                # The frame as the reader saw it: a standard-mode fax (204 by 98 dpi) stretched to square pixels,
                # the part's points measured on that; kept in colour.
                frame, frame_dpi = square_pixels(ImageOps.exif_transpose(image.convert("RGB")), image_dpi(image))
                _paint_outside(frame, bands[number], frame_dpi / 72)
                frames.append(frame)
            else:
                frames.append(image.convert("RGB"))
    buffer = io.BytesIO()
    dpi = 200.0
    frames[0].save(buffer, format="PDF", save_all=True, append_images=frames[1:], resolution=dpi)
    return buffer.getvalue()


LINK = "a symbolic link; links are never followed: put the file itself in the inbox"
NOT_REGULAR = "not a regular file (a device, pipe or socket); only files are read"
NOT_A_SCAN = "a case or docket file, not a scan; keep it out of the inbox"
NOT_SCAN_SUFFIXES = (".yaml", ".yml", ".json", ".sqlite", ".sqlite3", ".db", "-wal", "-shm", "-journal", ".lock")
FOLDER = "a folder; the files in folders are not read: move its scans into the inbox itself"
HARD_LINK = "a hard link (the file has other names outside the inbox); copy the file into the inbox instead"
PIECE = 1 << 20  # bytes read at a time from a file over the size cap
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


WORK_PREFIX = "docgen-ingest-"


def sweep_work_folders() -> None:
    """Remove the private working folders that killed ingests left (their process is gone)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{WORK_PREFIX}*-*"):
        pid = folder.name.removeprefix(WORK_PREFIX).split("-", 1)[0]
        try:
            if not pid.isdigit() or folder.is_symlink() or folder.stat().st_uid != os.getuid():
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


class Skip(Exception):
    """An inbox entry that is not read, and why."""


def shown_name(name: str, limit: int = 120) -> str:
    """A file name as reports, records and terminals may show it.

    Bytes that are not UTF-8 become U+FFFD, control and line-breaking characters
    ``\\xNN``-style escapes, and a name over ``limit`` characters is shortened
    (the middle is dropped, the extension kept).
    """
    text = printable(name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    if len(text) > limit:
        keep = limit // 2 - 1
        text = f"{text[:keep]}...{text[-keep:]}"
    return text


@dataclass
class InboxFile:
    """An inbox file opened without following links: its bytes and who it is on disk.

    A file over the notice size cap is not read into memory: ``data`` is empty, ``over_cap`` says why, and
    :meth:`digest` and :meth:`copy_to` read it in pieces through ``fd`` (open while the file is claimed).
    """

    path: Path
    name: str
    data: bytes
    device: int
    inode: int
    fd: int = -1
    over_cap: str = ""

    def _pieces(self) -> Iterator[bytes]:
        offset = 0
        while piece := os.pread(self.fd, PIECE, offset):
            yield piece
            offset += len(piece)

    def digest(self) -> str:
        """The SHA-256 of the file's content (read in pieces when it is over the cap)."""
        if not self.over_cap:
            return content_hash(self.data)
        hasher = hashlib.sha256()
        for piece in self._pieces():
            hasher.update(piece)
        return hasher.hexdigest()

    def copy_to(self, target: Path) -> None:
        """Write the file's content to ``target`` atomically (in pieces when it is over the cap)."""
        if not self.over_cap:
            write_bytes_atomic(target, self.data)
            return
        with atomic_writer(target) as handle:
            for piece in self._pieces():
                handle.write(piece)

    def remove(self) -> None:
        """Remove the inbox entry, only if it is still the file that was read."""
        with contextlib.suppress(FileNotFoundError):
            now = os.lstat(self.path)
            if (now.st_dev, now.st_ino) == (self.device, self.inode):
                self.path.unlink()


@contextlib.contextmanager
def claimed(path: Path) -> Iterator[InboxFile | None]:
    """Open, check and lock one inbox file; None when it is gone or another ingest holds it.

    Raises :class:`Skip` for a link, a device, a pipe or a file with other names.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        yield None
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Skip(LINK) from None
        raise Skip(f"cannot be opened ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Skip(NOT_REGULAR)
        if info.st_nlink > 1:
            raise Skip(HARD_LINK)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        os.set_blocking(fd, True)
        name = shown_name(path.name)
        cap = NOTICE_CAPS.bytes
        data, over = b"", ""
        if info.st_size <= cap:  # its size first: a 4 GB file dropped in the inbox is never read into memory
            with open(fd, "rb", closefd=False) as handle:
                data = handle.read(cap + 1)  # bounded, should it have grown since
        if info.st_size > cap or len(data) > cap:
            data = b""
            try:
                check_bytes(name, max(info.st_size, cap + 1), NOTICE_CAPS)
            except InputLimitError as exc:
                over = str(exc)
        yield InboxFile(path, name, data, info.st_dev, info.st_ino, fd, over)
    finally:
        os.close(fd)


# How the end of a complete file of each kind looks (searched in its last bytes).
TAIL_BYTES = 2048
STILL_WRITTEN_FOR = 600.0  # seconds the watcher waits for a file that looks cut short before handing it on
SECOND_LOOK = 2.0  # seconds the ingest watches a file that looks cut short for a scanner still writing it


def looks_complete(path: Path) -> bool:
    """Whether a file ends the way a whole PDF, JPEG, PNG or TIFF ends."""
    try:
        with open(os.open(path, _OPEN_FLAGS), "rb") as handle:  # never through a link, never blocked by a pipe
            head = handle.read(8)
            size = handle.seek(0, 2)
            handle.seek(max(0, size - TAIL_BYTES))
            tail = handle.read()
    except OSError:
        return False
    if head.startswith(b"%PDF"):
        return b"%%EOF" in tail
    if head.startswith(b"\xff\xd8"):
        return tail.rstrip(b"\x00").endswith(b"\xff\xd9")
    if head.startswith(b"\x89PNG"):
        return b"IEND" in tail[-16:]
    return size > 0  # TIFF and anything else: size and time must settle


def _size_and_time(path: Path) -> tuple[int, int] | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None  # a link: claimed() says so


def still_written(paths: list[Path], look_again: float = SECOND_LOOK) -> dict[Path, str]:
    """Of ``paths``, those a scanner is still writing, with why: cut short (see :func:`looks_complete`) and
    grown or touched during a second look ``look_again`` seconds later. Read now, such a file would go to
    review as damaged and what the scanner writes after would be lost with the inbox entry. A file cut short
    that does not change in that time is damaged and goes to review as such. (``mailroom watch`` waits for
    files to settle and needs no second look.)"""
    short = {p: seen for p in paths if not looks_complete(p) and (seen := _size_and_time(p)) is not None}
    if not short:
        return {}
    time.sleep(look_again)
    why = (
        f"still being written (cut short, and it grew or changed in the last {look_again:g} s); run the ingest "
        "again once the scanner has finished, or use 'docgen mailroom watch', which waits for each scan to be whole"
    )
    return {p: why for p, seen in short.items() if _size_and_time(p) != seen}


def inbox_files(inbox: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files waiting in the inbox, and the entries skipped with the reason.

    Hidden files and folders and reason notes are left out silently; folders (a day's scans copied in as a
    folder: their files are not read), links, devices and pipes are skipped and reported.
    """
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    with os.scandir(inbox) as entries:
        for entry in entries:
            if entry.name.startswith(".") or entry.name.endswith(".reason.txt"):
                continue
            if entry.is_symlink():
                skipped.append((shown_name(entry.name), LINK))
            elif entry.is_file(follow_symlinks=False):
                if entry.name.lower().endswith(NOT_SCAN_SUFFIXES):
                    skipped.append((shown_name(entry.name), NOT_A_SCAN))
                else:
                    files.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                skipped.append((shown_name(entry.name), FOLDER))
            else:
                skipped.append((shown_name(entry.name), NOT_REGULAR))
    return sorted(files), sorted(skipped)


CRASH_FIX = (
    "the file is kept here: open it to check it is a notice, then scan it again (or save it again as PDF) and put "
    "the new copy in the inbox, or close this item with 'docgen mailroom resolve ID --dismiss REASON'"
)


def read_notice_file(path: Path) -> NoticeFileResult:
    """The notice reader the ingest's worker runs (:mod:`docgen.mailroom.reader`)."""
    return parse_notice_file(path)


Progress = Callable[[str, str], None]
"""Told of each notice as it is done: ``("filed" | "review", path)`` or ``("failed", "NAME: why")``."""


class Ingest:
    """One run over an inbox."""

    def __init__(
        self,
        docket: Docket,
        cases_dir: Path,
        review_dir: Path,
        progress: Progress | None = None,
        reader: Reader | None = None,
    ) -> None:
        self.docket = docket
        self.cases_dir = Path(cases_dir).absolute()
        self._cases: CaseStore | None = None  # read once, by sync_case_deadlines at the start of run()
        self.review_dir = review_dir
        self.report = IngestReport()
        self.progress = progress or (lambda what, path: None)
        self.reader = reader  # a watcher's, kept between its runs; else one for this run
        self.date_problems: set[str] = set()
        self.missing_cases: set[str] = set()
        self.changed_cases: dict[str, Path] = {}  # case id -> its file, for each case a notice was filed to
        self._reread: dict[str, CaseEntry] = {}  # a changed case file as read again since its last change

    @property
    def cases(self) -> CaseStore:
        """The case folder as read at the start of the run (:meth:`sync_case_deadlines`: once per run)."""
        if self._cases is None:
            raise RuntimeError("the case folder is read by run() or sync_case_deadlines() first")
        return self._cases

    def folder_now(self) -> list[CaseEntry]:
        """The case folder as read at the start of the run, the files notices changed since read again (a person
        in two case files has each own date on one of them: see
        :func:`docgen.mailroom.case_sync.record_case_in_folder`)."""
        out = []
        for case_id, entry in self.cases.entries.items():
            path = self.changed_cases.get(case_id)
            if path is not None and case_id not in self._reread:  # read again once after each change
                with contextlib.suppress(DocgenError, OSError):
                    self._reread[case_id] = CaseEntry(path, load_case(path))
            out.append(self._reread.get(case_id, entry))
        return out

    def run(self, inbox: Path, only: list[Path] | None = None) -> IngestReport:
        """Ingest every file of ``inbox`` (or only those of ``only``: the files a watcher saw settle)."""
        require_inbox(inbox)
        self.report.problems.extend(replay_intents(self.docket))
        self.sync_case_deadlines()
        self.report.problems.extend(self.cases.problems)
        files, self.report.skipped = inbox_files(inbox)
        if only is not None:  # the watcher's: settled (see docgen.mailroom.watch)
            wanted = set(only)
            files = [f for f in files if f in wanted]
        else:
            writing = still_written(files)
            files = [f for f in files if f not in writing]
            self.report.skipped.extend((shown_name(path.name), why) for path, why in writing.items())
        sweep_work_folders()
        with contextlib.ExitStack() as stack:
            work = stack.enter_context(tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-"))
            if self.reader is None and files:
                self.reader = stack.enter_context(Reader(read_notice_file))
                stack.callback(setattr, self, "reader", None)
            for path in files:
                try:
                    with claimed(path) as item:
                        if item is None:
                            self.report.skipped_locked += 1
                            continue
                        self.report.files += 1
                        self.ingest_isolated(item, Path(work))
                except Skip as skip:
                    self.report.skipped.append((shown_name(path.name), str(skip)))
        folder = self.folder_now() if self.changed_cases else []  # read once: recording changes no case file
        for case_id, path in sorted(self.changed_cases.items()):  # what the notices changed, and nothing else
            self._take(sync_changed_case(self.docket, case_id, path, folder=folder))
        self.report.problems.extend(sorted(self.date_problems))
        self.report.problems.extend(
            f"case {printable(case_id)}: its case file is gone (deleted, moved or unreadable); its open deadlines "
            "are kept and flagged 'case file missing': bring the file back, or close them with "
            "'docgen mailroom done ID' (ids in 'docgen deadlines')"
            for case_id in sorted(self.missing_cases)
        )
        return self.report

    def sync_case_deadlines(self) -> None:
        """Deadlines the case files hold (I-94, passports), as the files say now: a date changed (a passport
        renewed) closes the old deadline as superseded, audited, and adds the new one; the open deadlines of a
        case whose file is gone are flagged "case file missing" (see :mod:`docgen.mailroom.case_sync`)."""
        self._cases, synced = sync_case_folder(self.docket, self.cases_dir)
        self._take(synced)

    def _take(self, synced: CaseSync) -> None:
        """What a sync found, for the report: dates no deadline can fall on, cases whose file is gone."""
        self.date_problems.update(synced.problems)
        self.missing_cases.update(row.case_id for row in synced.missing)

    def ingest_isolated(self, item: InboxFile, work: Path) -> None:
        """Ingest one file; whatever goes wrong with it is recorded and the run goes on to the next.

        The file stays in the inbox to be tried again. Only what would fail for
        every file stops the run: the docket cannot be written, the disk is full.
        """
        try:
            self.ingest_file(item, work)
        except (DocketError, DiskFullError):
            raise
        except OutputError as exc:
            cause = exc.__cause__
            if getattr(cause, "errno", None) in DISK_FULL:
                raise DiskFullError(
                    f"the disk is full (while ingesting {item.name}: {exc}); free space and run the ingest "
                    "again: the rest of the inbox waits, nothing half-done is kept"
                ) from None
            if isinstance(cause, OSError) and cause.errno in NOT_WRITABLE:
                self.failed(item, self.not_writable(cause))
            else:
                self.failed(item, str(exc))
        except Exception as exc:  # one bad file must never stop the others
            self.failed(item, f"{type(exc).__name__}: {shown_name(str(exc), 300)}")

    def not_writable(self, cause: OSError) -> str:
        """Why a file could not be filed when a folder the mailroom writes to is read-only, and the fix (the
        writer's own advice, to choose another output folder, is not one a clerk can take)."""
        where = Path(os.fsdecode(cause.filename)).absolute() if cause.filename else None
        rooms = (("the review folder", self.review_dir.absolute()), ("the cases folder", self.cases_dir))
        what = next(
            (f"{what} {folder}" for what, folder in rooms if where is not None and where.is_relative_to(folder)),
            f"the folder {where.parent}" if where is not None else "a folder the mailroom writes to",
        )
        return (
            f"{what} cannot be written ({cause.strerror}); let docgen write there (mount the share read-write, or "
            "give this user write permission) and run the ingest again"
        )

    def take_away(self, item: InboxFile) -> None:
        """Remove a file whose notices are recorded from the inbox; one that cannot be removed (an inbox docgen
        may read but not write, a read-only share) is a warning, not a failure: its work is done and recorded,
        and the next run finds its content seen before and only removes it."""
        try:
            item.remove()
        except OSError as exc:
            self.report.problems.append(
                f"{item.name}: recorded, but it cannot be removed from the inbox ({exc.strerror or exc}); let "
                f"docgen write to {item.path.parent} or remove the file by hand (the next run only removes it)"
            )

    def failed(self, item: InboxFile, reason: str) -> None:
        """Record a file that could not be ingested (it stays in the inbox)."""
        self.report.failed.append((item.name, reason))
        self.progress("failed", f"{item.name}: {reason}")
        with self.docket.transaction() as tx:
            tx.audit("file failed", file=item.name, reason=reason)

    def ingest_file(self, item: InboxFile, work: Path) -> None:
        """Parse, split, match, file and record one inbox file, then remove it."""
        data, name = item.data, item.name
        digest = item.digest()
        if self.docket.source_status(digest) is not None:
            self.report.duplicate_files += 1
            with self.docket.transaction() as tx:
                tx.audit("duplicate file removed from inbox", file=name, content_hash=digest)
            self.take_away(item)
            return
        if item.over_cap:  # never read: kept in review with the cap it is over and the fix
            self.to_review_file(item, digest, "unreadable", item.over_cap)
            return
        copy = work / f"{digest[:16]}{safe_suffix(item.path)}"  # the reader sees these bytes, not the inbox
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        with open(fd, "wb") as handle:  # in a private (0700) folder, gone after this file: no fsync needed
            handle.write(data)
        try:
            try:
                result = self.read(copy, name)
            except (NoticeError, UnreadableFileError) as exc:  # also a locked or damaged file
                self.to_review_file(item, digest, "unreadable", str(exc).replace(str(copy), name))
                return
            except ReaderCrashed as crash:  # a fault inside tesseract or pdfium: this file only, kept for a person
                self.to_review_file(item, digest, "unreadable", f"{crash}; {CRASH_FIX}")
                return
            if not result.notices:
                self.to_review_file(item, digest, "not-a-notice", result.reason or "no notice found")
                return
            statuses = [
                self.ingest_notice(copy, name, result.kind, digest, notice, sender(result, notice))
                for notice in result.notices
            ]
        finally:
            copy.unlink(missing_ok=True)
        with self.docket.transaction() as tx:
            status = SourceStatus.REVIEW if "review" in statuses else SourceStatus.DONE
            tx.record_source(digest, name, status, len(result.notices))
            tx.audit("file ingested", file=name, notices=len(result.notices), content_hash=digest)
        checkpoint("source-recorded")
        self.take_away(item)

    def read(self, copy: Path, name: str) -> NoticeFileResult:
        """The notices of the private copy of inbox file ``name``, read in the reader's worker process."""
        if self.reader is None:  # outside run(): one worker for this file
            with Reader(read_notice_file) as reader:
                return reader.read(copy, name)
        return self.reader.read(copy, name)

    def ingest_notice(
        self, path: Path, name: str, kind: str, digest: str, notice: Notice, office: str | None = None
    ) -> str:
        """File one notice of the file at ``path`` (inbox name ``name``); returns filed, review or duplicate.
        ``office``: the USCIS office that sent it, as printed (kept with an RFE or NOID for its response letter)."""
        values = notice.to_dict()
        if office:
            values["office"] = office
        identity = notice_identity(values, digest, notice.pages)
        if recorded_as(self.docket, values, identity) is not None:
            self.report.duplicate_notices += 1
            return "duplicate"
        pdf = pages_pdf(path, kind, notice.pages, notice.bands)
        record = {"identity": identity, "source_hash": digest, "source_pages": ",".join(map(str, notice.pages))}
        unsure = [f for f in KEY_FIELDS if f in notice.needs_review() or not values.get(f)]
        unsure += [day] if (day := unread_day(values)) else []
        candidates = notice.candidates()  # fields OCR was unsure of: left empty, filed only once a person confirms
        unsure += [name for name in candidates if name not in unsure]
        uncut = [*notice.uncut, *turned_bands(path, kind, notice.bands)]
        match = None if unsure or uncut else self.match(values)
        to_confirm = unsure_days(notice)  # a deadline's day the reader is unsure of: a person confirms it first
        if to_confirm:
            values[TO_CONFIRM] = to_confirm
        if match is None or to_confirm:
            reason = (
                f"low confidence or missing: {', '.join(unsure)}"
                if unsure
                else unsure_why(self.cases, self.docket, values)
                if match is None and not uncut
                else ""
            )
            if to_confirm:  # said first: often the only thing the item waits for
                case = f"; it is case {match[0]}'s, filed there once confirmed" if match is not None else ""
                if match is not None:  # a late RFE in the queue is said at once, as one filed late is
                    self.report.problems.extend(past_while_waiting(match[0], match[1], values))
                    values[WAITING_FOR] = [match[0], match[1]]
                reason = confirm_reason(to_confirm) + case + (f"; {reason}" if reason else "")
            if uncut:  # never filed to a client with another client's notice on the same sheet
                reason = (
                    f"page {', '.join(map(str, uncut))} holds another notice too and this notice's part of it "
                    "could not be cut out (a photographed, steeply tilted or turned sheet); file this notice's part "
                    "by hand" + (f"; {reason}" if reason else "")
                )
            if candidates:  # the field names only: the readings may be personal data (kept out of the audit)
                reason += f"; OCR unsure of {', '.join(candidates)} (what it read is beside the field on the desk)"
            folder = "low-confidence" if unsure or to_confirm else "unmatched"
            pages = "-".join(map(str, notice.pages))  # the content hash keeps two scans of one name apart
            stem = name_part(Path(name).stem, 160)
            target = (self.review_dir / folder / f"{stem}_{digest[:8]}_p{pages}.pdf").absolute()
            write_bytes_atomic(target, pdf)
            readings = "".join(
                f"{field}: OCR read {printable(str(c.value))!r}, unsure ({c.why}); confirm or correct it\n"
                for field, c in candidates.items()
            )
            readings += "".join(
                f"{field}: read {printable(as_typed(values[field]))!r} ({why}); confirm or correct it\n"
                for field, why in to_confirm.items()
            )
            write_text_atomic(target.with_suffix(".reason.txt"), f"{reason}\n{readings}source: {name}\n")
            waiting = NewNotice(**record, status=NoticeStatus.REVIEW, data=values, filed_path=str(target))
            return self._record(waiting, name, reason=reason)
        case_id, person = match
        target = (self.cases.folder_for(case_id) / filed_name(values)).absolute()  # a link there is replaced
        write_bytes_atomic(target, pdf)
        checkpoint("filed-copy-written")
        filing = Filing(
            kind="ingest",
            identity=identity,
            case_id=case_id,
            case_path=str(self.cases.entries[case_id].path),
            person=person,
            record=record
            | {"status": NoticeStatus.FILED.value, "data": values, "case_id": case_id, "filed_path": str(target)},
            file=name,
        )
        if not file_notice(self.docket, filing, self.folder_now()):
            self.report.duplicate_notices += 1
            return "duplicate"
        self.report.filed.append(str(target))
        if filing.changes:
            self.changed_cases[case_id] = Path(filing.case_path)
            self._reread.pop(case_id, None)  # its file changed: read again when next needed
        self.progress("filed", str(target))
        self.report.problems.extend(past_on_filing(self.docket, case_id, person, values))
        return "filed"

    def match(self, values: dict[str, Any]) -> tuple[str, str] | None:
        """The case (and person) a notice belongs to, or None for review."""
        return match_notice(self.cases, self.docket, values)

    def _record(self, notice: NewNotice, name: str, reason: str) -> str:
        """Record a notice that waits for review (its copy is in the review folder)."""
        with self.docket.transaction() as tx:
            if tx.notice_taken(notice.identity):
                self.report.duplicate_notices += 1  # another ingest recorded it first
                return "duplicate"
            notice_id = tx.add_notice(notice)
            tx.add_review(reason, notice.filed_path, notice_id=notice_id)
            tx.audit("notice sent to review", file=name, reason=reason, filed=notice.filed_path)
        self.report.review.append(notice.filed_path)
        self.progress("review", notice.filed_path)
        return "review"

    def to_review_file(self, item: InboxFile, digest: str, folder: str, reason: str) -> None:
        """A whole file that holds no readable notice goes to review with its reason beside it."""
        target = (self.review_dir / folder / f"{digest[:8]}_{name_part(item.name, 160)}").absolute()
        item.copy_to(target)
        write_text_atomic(target.with_name(target.name + ".reason.txt"), f"{reason}\nsource: {item.name}\n")
        with self.docket.transaction() as tx:
            tx.record_source(digest, item.name, SourceStatus.REVIEW, 0)
            tx.add_review(reason, str(target), source_hash=digest)
            tx.audit("file sent to review", file=item.name, reason=reason)
        self.report.review.append(str(target))
        self.progress("review", str(target))
        self.take_away(item)


def name_part(text: str, max_bytes: int) -> str:
    """``text`` made safe for a file name and cut to at most ``max_bytes`` bytes of UTF-8 (whole characters)."""
    return safe_name(text).encode("utf-8")[:max_bytes].decode("utf-8", "ignore")


def safe_suffix(path: Path) -> str:
    """The extension of a file name if it is a plain one (``.pdf``), else nothing."""
    suffix = path.suffix.lower()
    return suffix if suffix[1:].isalnum() and suffix.isascii() and len(suffix) <= 6 else ""


def match_notice(cases: CaseStore, docket: Docket, values: dict[str, Any]) -> tuple[str, str] | None:
    """The case and person of a notice: by receipt number (the person by name), else by names; None if unsure.

    Aliases a review taught (:mod:`docgen.mailroom.aliases`) count as the name, petitioner or receipt number
    they stand for; a receipt number that leads to two cases (two case files, the case files or docket one way
    and an alias another) is unsure, and so is one whose case has none of the names on the notice while another
    case has them (a receipt number typed into the wrong case file): :func:`unsure_why` says which.
    """
    learned = learned_for(docket, values)
    if _receipt_conflict(cases, docket, values, learned):
        return None
    receipt = str(values.get("receipt_number") or "")
    case_id = (cases.by_receipt(receipt) or docket.case_for_receipt(receipt)) if receipt else None
    by_alias = {c for c in learned.receipt_cases if c in cases.entries}
    if case_id is None and by_alias:
        case_id = by_alias.pop()
    found = cases.by_people(values, learned)
    if case_id is not None and case_id in cases.entries:
        case = cases.entries[case_id].case
        person = next((p for c, p in found if c == case_id), case.beneficiary.id or "beneficiary")
        return case_id, person
    return found[0] if len(found) == 1 else None


UNMATCHED = "no case has this receipt number or these names"


def unsure_why(cases: CaseStore, docket: Docket, values: dict[str, Any]) -> str:
    """Why :func:`match_notice` found no case for a notice, in words for the review item and the terminal."""
    conflict = _receipt_conflict(cases, docket, values, learned_for(docket, values))
    if conflict:
        return conflict
    if cases.unreadable:  # the notice's case may be one of them: say so, or a clerk takes it for a stranger's
        names = ", ".join(p.name for p in cases.unreadable[:3]) + (", ..." if len(cases.unreadable) > 3 else "")
        return (
            f"{UNMATCHED} among the cases read; {len(cases.unreadable)} case file(s) could not be read ({names}): "
            "correct them (the ingest says why), then run 'docgen mailroom resolve' on this item"
        )
    return UNMATCHED


def _receipt_conflict(cases: CaseStore, docket: Docket, values: dict[str, Any], learned: Any) -> str | None:
    """Why the receipt number of a notice cannot say its case, or None when it can (or there is none)."""
    receipt = str(values.get("receipt_number") or "")
    if not receipt:
        return None
    in_files = cases.all_by_receipt(receipt)
    fix = "remove it from the wrong case file, then run 'docgen mailroom resolve' on this item"
    if len(in_files) > 1:
        named = ", ".join(f"{c} ({cases.entries[c].path.name})" for c in in_files)
        return f"receipt number {receipt} is in {len(in_files)} case files: {named}; {fix}"
    case_id = in_files[0] if in_files else docket.case_for_receipt(receipt)
    by_alias = {c for c in learned.receipt_cases if c in cases.entries}
    if by_alias - {case_id} and (case_id is not None or len(by_alias) > 1):
        return (
            f"receipt number {receipt} was assigned by a review to {', '.join(sorted(by_alias))} but leads to "
            f"{case_id or 'another case too'}; check which is right ('docgen mailroom aliases')"
        )
    if case_id is None and by_alias:
        case_id = next(iter(by_alias))
    if case_id is None or case_id not in cases.entries:
        return None
    found = {c for c, _ in cases.by_people(values, learned)}
    if found and case_id not in found:
        where = f"case {case_id}'s file" if in_files else f"the docket, for case {case_id}"
        return (
            f"receipt number {receipt} is in {where}, but the names on the notice are those of "
            f"{', '.join(sorted(found))}; correct the receipt number where it is wrong, then run "
            "'docgen mailroom resolve' on this item"
        )
    return None


def require_inbox(inbox: Path) -> None:
    """A mistyped or missing inbox is the caller's mistake (exit 2), named with its fix, before anything is made."""
    if not inbox.is_dir():
        raise UsageError(f"{inbox}: no such inbox folder; check the path, or create it and have the scanner save there")


def check_folders(inbox: Path, docket_path: Path | str, cases_dir: Path, review_dir: Path) -> None:
    """Refuse folders that overlap: everything in the inbox is taken away, so nothing else may live there."""
    where = inbox.resolve()
    for what, folder in (("--cases", cases_dir), ("--review-dir", review_dir)):
        if folder.resolve() == where:
            raise UsageError(
                f"{inbox}: the inbox is also the {what} folder; give the inbox its own folder "
                "(every file in it is filed away or sent to review)"
            )
    if isinstance(docket_path, Path) and docket_path.absolute().parent.resolve() == where:
        raise UsageError(
            f"{docket_path}: the docket is in the inbox; give the inbox its own folder and keep the docket elsewhere"
        )
    # Review copies and filed notices are the only copies once their scan left the inbox: ingested again,
    # each would be a duplicate notice and removed.
    for what, folder in (("review", review_dir.resolve()), ("case", cases_dir.resolve())):
        inside = where.is_relative_to(folder) and where != folder
        if inside and (what == "review" or len(where.relative_to(folder).parts) >= 2):
            raise UsageError(
                f"{inbox}: the inbox is inside the {what} folders ({folder}); give the inbox its own folder. "
                "To settle a notice waiting there use 'docgen mailroom resolve'"
            )


def check_new_docket(docket_path: Path | str, cases_dir: Path) -> None:
    """Refuse to make a new docket file for a cases folder that already holds filed notices: the docket they
    were recorded in (with their RFE and NOID deadlines) is elsewhere, and this one is a typo or a relative
    path run from another folder. Notices filed into it would have their deadlines in a docket nobody reads."""
    if is_database_url(docket_path):
        return
    path = Path(docket_path)
    with contextlib.suppress(OSError):
        if path.exists() and path.stat().st_size > 0:
            return
    filed = sum(1 for _ in cases_dir.glob("*/notices/*.pdf"))
    if filed:
        raise UsageError(
            f"{path.absolute()}: no docket here, but {cases_dir} already holds {filed} filed notice(s), recorded in "
            "another docket; give that one with --docket (or DOCGEN_DATABASE_URL), or --new-docket to start a "
            "new docket for these cases on purpose"
        )


def default_review_dir(docket_path: Path | str, cases_dir: Path) -> Path:
    """Where review copies go without ``--review-dir``: ``review`` beside the docket file (beside the cases folder
    for a database docket)."""
    if is_database_url(docket_path):
        return cases_dir.absolute().parent / "review"
    return Path(docket_path).absolute().parent / "review"


def check_rooms(
    inbox: Path, docket_path: Path | str, cases_dir: Path, review_dir: Path | None = None, new_docket: bool = True
) -> Path:
    """What every ingest needs, checked before a file is read or a docket made: the inbox and the cases
    folder exist and are apart from the review folder and the docket, and (unless ``new_docket``) a docket
    file that is not there yet is not made for cases whose notices are recorded elsewhere
    (:func:`check_new_docket`). Returns the review folder."""
    review = review_dir or default_review_dir(docket_path, cases_dir)
    if not is_database_url(docket_path):
        docket_path = Path(docket_path)
    require_inbox(inbox)
    if not cases_dir.is_dir():
        raise UsageError(f"{cases_dir.absolute()}: no such folder of case files; check the path, or give --cases DIR")
    check_folders(inbox, docket_path, cases_dir, review)
    if not new_docket:
        check_new_docket(docket_path, cases_dir)
    return review


def ingest_inbox(
    inbox: Path,
    docket_path: Path | str,
    cases_dir: Path,
    review_dir: Path | None = None,
    files: list[Path] | None = None,
    progress: Progress | None = None,
    new_docket: bool = True,
    reader: Reader | None = None,
) -> IngestReport:
    """Ingest every file of ``inbox`` (or only ``files`` of it) into the docket and the case folders;
    ``progress`` hears of each notice as soon as it is recorded (an interrupted run has said what it did).

    ``docket_path`` is a docket file or a ``postgresql://`` address; unreadable and
    unmatched notices go to ``review_dir`` (default: ``review`` beside the docket
    file, or beside the cases folder for a database docket). ``new_docket=False`` (the command line's default)
    refuses to make a docket file for cases that already hold filed notices (:func:`check_new_docket`).
    ``reader``: the worker process files are read in (:mod:`docgen.mailroom.reader`), kept by a watcher between
    its runs; without it the run starts one of its own.
    """
    review = check_rooms(inbox, docket_path, cases_dir, review_dir, new_docket)
    if not is_database_url(docket_path):
        docket_path = Path(docket_path)
    with open_docket(docket_path) as docket:  # the case folder is read once, inside the run's first transaction
        return Ingest(docket, cases_dir, review, progress, reader).run(inbox, files)
