"""Atomic, owner-only file writes.

Outputs hold personal data, so they are created with mode 0600 and appear
under their final name only once complete (write to a temporary file in the
same folder, fsync, rename).
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from docgen.errors import BusyError, DiskFullError, OutputError

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents owner-only (0700): file names in them carry receipt numbers and
    names. Folders that already exist are left as they are."""
    path = Path(path)
    missing: list[Path] = []
    current = path
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=PRIVATE_DIR_MODE)
            os.chmod(folder, PRIVATE_DIR_MODE)  # whatever the umask
    if not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "a file is there, not a folder", str(path))
    return path


def part_files(path: Path) -> list[Path]:
    """Temporary files :func:`atomic_writer` left for ``path`` when a run was killed mid-write."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    return sorted(folder.glob(f".{glob_escape(path.name)}.*.part"))


def glob_escape(name: str) -> str:
    """``name`` with the glob characters ``*?[`` taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _pid_alive(pid: int) -> bool:
    """Whether a process runs; a zombie (killed, not yet reaped by its new parent) has left its folders for good."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def sweep_private_temp(prefix: str) -> None:
    """Remove ``<tmp>/<prefix><pid>-*`` folders of ours whose process is gone (killed before it cleaned up)."""
    import shutil

    pattern = re.compile(re.escape(prefix) + r"(\d+)-")
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for entry in root.glob(glob_escape(prefix) + "*"):
            match = pattern.match(entry.name)
            with contextlib.suppress(OSError):
                if match and entry.is_dir() and entry.stat().st_uid == os.getuid() and not _pid_alive(int(match[1])):
                    shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def private_temp_dir(prefix: str) -> Iterator[Path]:
    """A 0700 temporary folder ``<prefix><pid>-XXXX``, removed when the block ends; folders that killed runs
    left behind under the same prefix are removed first."""
    import shutil

    sweep_private_temp(prefix)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: int = PRIVATE_FILE_MODE, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` atomically when the block ends (owner-only by default);
    ``durable=False`` skips the sync to disk (a cache: after a crash it may be lost, never half there)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        make_private_dir(folder)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror}); choose another output folder") from exc
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(f"{path}: the disk is full; nothing was written: free space and run again") from exc
        raise OutputError(f"{path}: writing failed ({exc.strerror}); nothing was written") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes, mode: int = PRIVATE_FILE_MODE, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, owner-only unless ``mode`` says otherwise (``durable``: see
    :func:`atomic_writer`)."""
    with atomic_writer(path, mode, durable) as handle:
        handle.write(data)


def write_text_atomic(path: Path, text: str, mode: int = PRIVATE_FILE_MODE) -> None:
    """Write UTF-8 ``text`` to ``path`` atomically, owner-only unless ``mode`` says otherwise."""
    write_bytes_atomic(path, text.encode("utf-8"), mode)


@contextlib.contextmanager
def locked(lock: Path, *, busy: str | None = None) -> Iterator[None]:
    """Hold an exclusive OS lock (``fcntl.flock``) on the file ``lock`` for the block.

    The lock file is created owner-only and left in place (removing a lock file another process has open would
    let a third take the lock beside it). The kernel releases the lock when its process ends, however it ends
    (``kill -9`` included), so a lock left by a killed run never blocks. Without ``busy`` the block waits for the
    lock; with it, it does not wait: :class:`~docgen.errors.BusyError` with that message at once. Opening the lock
    file may raise ``OSError`` (a folder that cannot be written).
    """
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (fcntl.LOCK_NB if busy is not None else 0))
        except BlockingIOError:
            raise BusyError(busy or f"{lock}: held by another run") from None
        yield
    finally:
        os.close(fd)  # releases the lock


WRITTEN_RECORD = ".docgen-written.jsonl"


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def append_line(
    path: Path, line: str | None, *, what: str, fix: str, compact: Callable[[Path, int], None] | None = None
) -> None:
    """Append ``line`` (with its newline) to ``path`` durably, creating it owner-only; ``None`` only checks the
    file can be opened for appending. A failure is one line: ``PATH: cannot WHAT (reason); FIX``.

    With ``compact``, the append holds an OS lock on the file and, still holding it, calls ``compact(path,
    size)``, which may replace the file atomically; an append that finds the file replaced while it waited
    for the lock opens the new one, so no line is ever written into a file already replaced."""
    try:
        while True:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
            try:
                if compact is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    try:
                        replaced = os.fstat(fd).st_ino != os.stat(path).st_ino
                    except FileNotFoundError:
                        replaced = True  # removed while this one waited: open (create) it again
                    if replaced:
                        continue  # compacted (renamed over) while this one waited: append to the new file
                if line is not None:
                    os.write(fd, line.encode("utf-8"))
                    os.fsync(fd)
                if compact is not None:
                    compact(path, os.fstat(fd).st_size)
                return
            finally:
                os.close(fd)  # releases the lock
    except OSError as exc:
        error = DiskFullError if exc.errno in (errno.ENOSPC, errno.EDQUOT) else OutputError
        raise error(f"{path}: cannot {what} ({exc.strerror}); {fix}") from None


def note_written(path: Path, data: bytes) -> None:
    """Record in ``path``'s folder (:data:`WRITTEN_RECORD`, one line appended, owner-only) that docgen wrote
    ``data`` there, so a later run can tell whether the file was edited since (:func:`edited_since_written`).
    The record stays bounded: see :func:`_compact_written`."""
    path = Path(path)
    append_line(
        path.parent / WRITTEN_RECORD,
        json.dumps({"file": path.name, "sha256": sha256_hex(data)}) + "\n",
        what="record what was written",
        fix=f"{path} is written, but a later run will not know whether it was edited: make the folder writable "
        "(or free space)",
        compact=_compact_written,
    )


WRITTEN_RECORD_COMPACT_AT = 64 * 1024  # bytes; about 650 lines


def _compact_written(record: Path, size: int) -> None:
    """Past :data:`WRITTEN_RECORD_COMPACT_AT` bytes, and twice the size it had when last compacted, rewrite the
    record atomically as one line per file still in its folder (the last hash docgen wrote under that name): a
    superseded line, or one of a file gone, guards nothing. Called with the record's lock held."""
    if size <= WRITTEN_RECORD_COMPACT_AT:
        return
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError), record.open("rb") as handle:
        if size <= 2 * int(json.loads(handle.readline())["compacted_bytes"]):
            return
    folder = record.parent
    kept = {name: digest for name, digest in written_record(folder).items() if (folder / name).is_file()}
    body = "".join(json.dumps({"file": name, "sha256": kept[name]}) + "\n" for name in sorted(kept))
    header = json.dumps({"compacted_bytes": len(body.encode("utf-8"))}) + "\n"  # no "file": readers skip it
    with contextlib.suppress(OutputError):  # the line is appended already; the next append tries again
        write_text_atomic(record, header + body)


def written_record(folder: Path) -> dict[str, str]:
    """File name -> SHA-256 of what docgen last wrote under that name in ``folder`` (empty without a record)."""
    written: dict[str, str] = {}
    try:
        text = (Path(folder) / WRITTEN_RECORD).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return written
    for line in text.splitlines():
        with contextlib.suppress(ValueError, TypeError, KeyError):
            entry = json.loads(line)
            if isinstance(entry["file"], str) and isinstance(entry["sha256"], str):
                written[entry["file"]] = entry["sha256"]
    return written


def edited_since_written(folder: Path, written: dict[str, str], names: Iterable[str] | None = None) -> list[str]:
    """The files of ``folder`` that docgen wrote (``written``: file name -> SHA-256 of the bytes it wrote; only
    ``names`` among them when given) whose content is no longer that: edited since (in Word, say). Sorted; a file
    gone, or never recorded, is not edited."""
    wanted = set(written) if names is None else set(names) & set(written)
    out = []
    for name in sorted(wanted):
        path = Path(folder) / name
        with contextlib.suppress(OSError):
            if path.is_file() and sha256_hex(path.read_bytes()) != written[name]:
                out.append(name)
    return out


def refuse_edited(
    folder: Path, names: Iterable[str], doing: str, other: str, written: dict[str, str] | None = None
) -> None:
    """Refuse (:class:`~docgen.errors.OutputError`, nothing written) when ``doing`` (``"the batch"``) would
    replace one of ``names`` in ``folder`` that was edited since docgen wrote it; ``other`` is the way out
    besides moving the files away (``"give another --out-dir"``). ``written`` is the folder's record
    (:func:`written_record`) when the caller keeps it at hand."""
    names = list(names)
    if not names:
        return
    edited = edited_since_written(folder, written_record(folder) if written is None else written, names)
    if edited:
        them, letters = ("it", "letter") if len(edited) == 1 else ("them", "letters")
        raise OutputError(
            f"{folder}: {', '.join(edited)} changed since docgen wrote {them} (edited in Word?); {doing} would "
            f"replace {them}: move {them} out of the folder (and carry the changes over to the new {letters}), or "
            f"{other}; then run again"
        )


def safe_name(text: str) -> str:
    """Text made safe as (part of) a file name: letters, digits, ``-_.``; anything else becomes ``-``."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in text).strip("-.") or "case"


# --- what an output may replace ------------------------------------------------------------------------

_SNIFF_BYTES = 64 * 1024
_KIND_WORDS = {
    "docket": "a docket (SQLite database)",
    "case": "a case file",
    "cases": "a sheet of cases",
    "map": "a field map",
    "packet-spec": "a packet spec",
    "pdf": "a PDF",
    "docx": "a Word document",
    "xlsx": "an Excel workbook",
    "zip": "a ZIP archive",
    "ics": "an iCalendar file",
    "json": "a JSON file",
    "csv": "a CSV file",
    "yaml": "a YAML file",
    "text": "a text file",
    "binary": "a binary file",
    "folder": "a folder",
}
# Files nobody's output may replace: the inputs docgen reads and the records it keeps (a field map too: the
# scaffold's draft becomes a map by hand, and a rerun must never throw that work away).
_NEVER_REPLACED = {"docket", "case", "cases", "packet-spec", "folder", "map"}


# Set in the keywords of the workbooks docgen's reports write, so a weekly rerun may replace last week's file
# (a workbook of many rows is otherwise taken for a sheet of cases and never overwritten).
REPORT_KEYWORD = "docgen-report"


def _zip_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        if "docProps/core.xml" in names and REPORT_KEYWORD.encode() in archive.read("docProps/core.xml")[:65536]:
            return "xlsx"  # a report docgen wrote (docgen report ...): a rerun replaces it
        sheet = next((n for n in sorted(names) if n.startswith("xl/worksheets/") and n.endswith(".xml")), None)
        if sheet is not None:
            with archive.open(sheet) as handle:
                head = handle.read(4 * 1024 * 1024)  # bounded: a workbook with case rows shows them early
            if re.search(rb"<(?:\w+:)?row\b[^>]*\br=\"3\"", head):
                return "cases"  # rows past the template's header and description: someone's cases
        return "xlsx"
    return "zip"


def _text_kind(text: str) -> str:
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("BEGIN:VCALENDAR"):
        return "ics"
    if stripped.startswith(("{", "[")):
        case = re.search(r'"case_id"\s*:', text) and re.search(r'"beneficiary"\s*:\s*\{', text)
        return "case" if case else "json"
    lines = [line for line in stripped.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    first = lines[0] if lines else ""
    if re.search(r"^(?:case_id|beneficiary)\s*:", text, re.MULTILINE):
        return "case"
    if re.search(r"^fields\s*:", text, re.MULTILINE) and re.search(r"^form\s*:", text, re.MULTILINE):
        return "map"
    if re.search(r"^(?:parts|exhibits)\s*:", text, re.MULTILINE) and re.search(r"^kind\s*:", text, re.MULTILINE):
        return "packet-spec"
    if "," in first and "beneficiary." in first:
        return "cases"
    if "," in first and not re.match(r"^[\w.-]+\s*:", first):
        return "csv"
    if re.match(r"^(?:---|[\w.-]+\s*:)", first):
        return "yaml"
    return "text"


def content_kind(head: bytes, archive: zipfile.ZipFile | None = None) -> str:
    """What a file holds, by its content (``pdf``, ``docket``, ``case``, ``csv``...), from its first bytes."""
    if not head:
        return "empty"
    if head.startswith(b"SQLite format 3\x00"):
        return "docket"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if archive is None:
            return "zip"
        try:
            return _zip_kind(archive)
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return "zip"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "binary"
        text = head[: exc.start].decode("utf-8")
    if "\x00" in text:
        return "binary"
    return _text_kind(text)


def data_kind(data: bytes) -> str:
    """:func:`content_kind` of bytes about to be written."""
    archive = None
    if data.startswith(b"PK\x03\x04"):
        with contextlib.suppress(zipfile.BadZipFile):
            archive = zipfile.ZipFile(io.BytesIO(data))
    return content_kind(data[:_SNIFF_BYTES], archive)


def file_kind(path: Path) -> str | None:
    """:func:`content_kind` of an existing file; None when nothing is there."""
    try:
        if path.is_dir():
            return "folder"
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError:
        return None
    except OSError:
        return "binary"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                return content_kind(head, archive)
        except (zipfile.BadZipFile, OSError):
            return "zip"
    return content_kind(head)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: Path | str, kind: str, inputs: Iterable[Path | str | None] = ()) -> Path:
    """Refuse an output that would destroy something; return the path.

    Refused: an input of the same run (also through a link), a docket, a case
    file or sheet of cases, a packet spec, a folder, and any existing file whose
    content is of another kind than ``kind`` (``pdf``, ``docx``, ``xlsx``,
    ``csv``, ``ics``, ``json``, ``map``, ``text``). Replacing an earlier output
    of the same kind is allowed, but for a field map (a draft is completed by
    hand). Every command that writes calls this first.
    """
    path = Path(path)
    for item in inputs:
        if item is not None and _same_file(path, Path(item)):
            raise OutputError(
                f"{path}: is also an input of this run; docgen will not overwrite it; choose another output name"
            )
    found = file_kind(path)
    if found is None or found == "empty" or (found == kind and found not in _NEVER_REPLACED):
        return path
    if found == kind == "map":
        raise OutputError(
            f"{path}: is a field map (maybe completed by hand); docgen will not overwrite it; "
            "choose another output name"
        )
    raise OutputError(
        f"{path}: is {_KIND_WORDS.get(found, found)}; docgen will not overwrite it with "
        f"{_KIND_WORDS.get(kind, kind)}; choose another output name"
    )


# --- CSV for spreadsheets ------------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Google Sheets
# (``=HYPERLINK(...)`` in a case id); OWASP's advice is to prefix such text with a single quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value: Any) -> Any:
    """``value`` safe for a spreadsheet: text that a spreadsheet would run as a formula gets a leading ``'``;
    numbers (a negative count of days) stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML (an XLSX cell, a DOCX run) cannot hold


def xml_safe(value: Any) -> Any:
    """``value`` as XML (an XLSX cell, a DOCX run) may hold it: a control character XML does not allow
    (Word's line break ``\\v`` pasted into a name) as a visible escape (``\\x0b``), as the terminal shows it."""
    if isinstance(value, str) and _XML_ILLEGAL.search(value):
        return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV document (every cell through :func:`spreadsheet_cell`); the one CSV writer of the toolkit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([spreadsheet_cell(h) for h in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return buffer.getvalue()
