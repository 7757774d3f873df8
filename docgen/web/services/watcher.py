"""The watched scan folder inside ``docgen serve``: the mailroom's watch loop in a thread of the server.

The loop is :func:`docgen.mailroom.watch.watch` with the one ingest
(:func:`docgen.mailroom.ingest.ingest_inbox`), exactly as ``docgen mailroom
watch`` runs it; this module adds what a server needs around it:

- settled files are ingested one at a time, and a stop (SIGTERM, Ctrl-C) is
  looked at between files, so the server stops after the file in hand is
  filed; the ingest is crash-safe besides (a kill mid-file is finished by the
  next run);
- a file that fails is reported by the ingest and left in the inbox; an error
  that stops the loop itself (the docket unreachable, the inbox gone) is
  recorded and the loop started again after a pause, so the server never
  stops for it and the desk shows it;
- :class:`WatchStatus` says what the desk shows: which inbox, the last look,
  files waiting and settling, the last filed, the recent problems (newest first, each with its file's name).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from docgen.errors import DocgenError
from docgen.mailroom.ingest import IngestReport, check_rooms, inbox_files, ingest_inbox, read_notice_file
from docgen.mailroom.reader import Reader
from docgen.mailroom.searchable import make_searchable_copies
from docgen.mailroom.text import printable
from docgen.mailroom.watch import watch

log = logging.getLogger("docgen.web.watch")
RESTART_PAUSES = (2.0, 5.0, 15.0, 30.0, 60.0)  # seconds before each restart of a loop that stopped on an error
HEALTHY = 300.0  # a loop that ran this long before failing is restarted after the shortest pause again
RECENT_PROBLEMS = 10  # problems the desk lists, newest first (kept in memory only: never logged with names)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class WatchProblem:
    """One problem of the watcher: when, the scan it concerns (its name in the folder; empty for the folder or the
    loop itself) and the reason in one line."""

    at: dt.datetime
    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}" if self.file else self.reason


@dataclass(frozen=True)
class WatchStatus:
    """What the watcher last did (a copy; the watcher keeps the live one)."""

    inbox: str
    running: bool = False
    started: dt.datetime | None = None
    last_look: dt.datetime | None = None
    waiting: int = 0
    settling: int = 0
    filed_total: int = 0
    review_total: int = 0
    duplicate_total: int = 0  # notices (and whole files) already on the docket: taken from the folder, not filed again
    last_filed: str = ""
    last_filed_at: dt.datetime | None = None
    problems: tuple[WatchProblem, ...] = ()  # the recent ones, newest first (at most RECENT_PROBLEMS)
    restarts: int = 0
    restarting: bool = False  # the loop stopped on a problem and starts again shortly

    @property
    def last_problem(self) -> str:
        """The newest problem in one line (``NAME: reason``), or nothing."""
        return str(self.problems[0]) if self.problems else ""

    @property
    def last_problem_at(self) -> dt.datetime | None:
        """When the newest problem happened."""
        return self.problems[0].at if self.problems else None


class Watcher:
    """The watch loop in a background thread: :meth:`start`, :meth:`status`, :meth:`stop`."""

    def __init__(
        self,
        inbox: Path,
        docket: Path | str,
        cases: Path,
        review_dir: Path | None = None,
        *,
        settle: float = 2.0,
        poll: float = 5.0,
        searchable: bool = True,
        new_docket: bool = False,
    ) -> None:
        self.inbox, self.docket, self.cases, self.review_dir = inbox, docket, cases, review_dir
        self.new_docket = new_docket  # a docket file may be made for cases that hold notices filed with another
        self.settle, self.poll, self.searchable = settle, poll, searchable
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status = WatchStatus(inbox=str(inbox))
        self._thread: threading.Thread | None = None
        self._reader: Reader | None = None  # the loop thread's (docgen.mailroom.reader)

    def check(self) -> None:
        """Refuse, before the server starts, an inbox that is missing or overlaps the cases, review or docket, and
        (unless ``new_docket``) a docket file not there yet for cases whose notices are recorded in another (a
        mistyped ``--docket``: see :func:`docgen.mailroom.ingest.check_new_docket`)."""
        check_rooms(self.inbox, self.docket, self.cases, self.review_dir, self.new_docket)

    def start(self) -> None:
        """Start the loop in a daemon thread."""
        self._set(running=True, started=_now())
        self._thread = threading.Thread(target=self._supervise, name="docgen-watch", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 120.0) -> bool:
        """Ask the loop to stop after the file in hand; True once it has."""
        self._stop.set()
        if self._thread is not None and self._thread.ident is not None:  # a stop right after start: not begun
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def status(self) -> WatchStatus:
        """What the watcher is doing, as of now."""
        with self._lock:
            alive = self._thread is not None and self._thread.is_alive()
            return replace(self._status, running=self._status.running and alive)

    def _set(self, **changes: object) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]

    def _problem(
        self, text: str, logged: str = "a file could not be filed; the mailroom desk shows why", file: str = ""
    ) -> None:
        """Keep ``text`` (about the scan named ``file``) first among the recent problems the desk lists; the server
        log gets ``logged`` (scan names may hold a client's name)."""
        log.warning("watch: %s", logged)
        reason = " ".join(printable(text).split())  # one line, whatever the message held
        problem = WatchProblem(_now(), printable(file), reason)
        with self._lock:
            earlier = self._status.problems
            if earlier and (earlier[0].file, earlier[0].reason) == (problem.file, problem.reason):
                earlier = earlier[1:]  # the same again (a loop failing at each restart): once, at its latest time
            self._status = replace(self._status, problems=(problem, *earlier)[:RECENT_PROBLEMS])

    def _supervise(self) -> None:
        with Reader(read_notice_file) as self._reader:  # the scans are read in one worker process, kept meanwhile
            self._loop()

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            began = time.monotonic()
            self._set(restarting=False)
            try:
                watch(
                    self.inbox,
                    self._ingest,
                    self._stop,
                    settle=self.settle,
                    poll=self.poll,
                    on_look=self._looked,
                )
                break  # stopped on request
            except DocgenError as exc:
                self._problem(printable(str(exc)), "the watcher stopped on an error (shown on the desk); restarting")
            except OSError as exc:  # the folder went away (a share unmounted), cannot be read...
                self._problem(
                    f"{printable(str(self.inbox))}: {exc.strerror or exc}; the watcher looks again shortly",
                    "the scan folder cannot be read (shown on the mailroom desk); restarting",
                )
            except Exception as exc:  # the server must outlive any error of the loop
                text = f"the watcher stopped on an unexpected error ({type(exc).__name__}); restarting"
                self._problem(text, text)
            if time.monotonic() - began > HEALTHY:
                failures = 0  # it ran well for a while: the pauses start short again
            pause = RESTART_PAUSES[min(failures, len(RESTART_PAUSES) - 1)]
            failures += 1
            self._set(restarts=self._status.restarts + 1, restarting=True)
            self._stop.wait(pause)
        self._set(running=False)

    def _looked(self, waiting: int, settling: int) -> None:
        self._set(last_look=_now(), waiting=waiting, settling=settling)

    def _ingest(self, files: list[Path]) -> IngestReport:
        """Ingest settled files one at a time, stopping between files when asked."""
        total = IngestReport()
        for path in files:
            if self._stop.is_set():
                break  # left in the inbox: the next start takes it
            report = ingest_inbox(
                self.inbox, self.docket, self.cases, self.review_dir, files=[path], reader=self._reader
            )
            self._record(report, path.name)
            waiting = len(inbox_files(self.inbox)[0])
            self._set(waiting=waiting, settling=min(self._status.settling, waiting))
            total.files += report.files
            total.filed += report.filed
            total.review += report.review
            total.duplicate_files += report.duplicate_files
            total.duplicate_notices += report.duplicate_notices
            total.failed += report.failed
            total.problems += report.problems
        return total

    def _record(self, report: IngestReport, scan: str = "") -> None:
        """Count what one ingest (of the scan named ``scan``) did and keep its problems for the desk."""
        duplicates = report.duplicate_files + report.duplicate_notices
        if report.filed or report.review or duplicates:
            log.info(
                "watch: %d filed, %d sent to review, %d already on the docket",
                len(report.filed),
                len(report.review),
                duplicates,
            )
        with self._lock:
            status = self._status
            changes: dict[str, object] = {
                "filed_total": status.filed_total + len(report.filed),
                "review_total": status.review_total + len(report.review),
                "duplicate_total": status.duplicate_total + duplicates,
            }
            if report.filed:
                changes |= {"last_filed": Path(report.filed[-1]).name, "last_filed_at": _now()}
            self._status = replace(status, **changes)  # type: ignore[arg-type]
        for name, why in report.failed:
            self._problem(f"{why} (left in the inbox)", file=name)
        for problem in report.problems:  # a deadline already past on a notice just filed, a case file skipped...
            logged = "a problem to look at (shown on the mailroom desk); the scans were filed"
            self._problem(problem.removeprefix(f"{scan}: ") if scan else problem, logged, file=scan)
        if self.searchable and report.filed:
            copies = make_searchable_copies([Path(p) for p in report.filed])
            for problem in copies.problems:
                self._problem(problem, "a filed notice got no searchable copy (shown on the mailroom desk)", file=scan)


UPLOAD_NAME_LIMIT = 120  # characters of an uploaded scan's name kept, its extension included


def upload_name(name: str) -> str:
    """An uploaded scan's name made safe for the scan folder: no folder part, no leading dot, at most
    :data:`UPLOAD_NAME_LIMIT` characters with its extension kept (the watcher reads a scan by its extension)."""
    from docgen.fileio import safe_name

    wanted = Path(safe_name(Path(name).name).lstrip(".") or "scan")
    suffix = wanted.suffix if len(wanted.suffix) <= 16 else ""
    stem = wanted.name[: len(wanted.name) - len(suffix)] if suffix else wanted.name
    return (stem[: UPLOAD_NAME_LIMIT - len(suffix)].rstrip("-.") or "scan") + suffix


def not_a_scan(name: str) -> bool:
    """Whether the watcher would leave a file of this name in the folder unread (a case or docket file, a reason
    note)."""
    from docgen.mailroom.ingest import NOT_SCAN_SUFFIXES

    lowered = upload_name(name).lower()
    return lowered.endswith(NOT_SCAN_SUFFIXES) or lowered.endswith(".reason.txt")


def put_in_inbox(inbox: Path, name: str, data: bytes) -> str:
    """Write a scan uploaded on the desk into the watched folder under its own name made safe (see
    :func:`upload_name`), or ``NAME-2.pdf``, ``NAME-3.pdf``... when that is taken; the name used.

    Atomic and owner-only: the scan is written whole to a hidden temporary file of the folder (which the watcher
    skips), then given its name with a hard link, which fails when the name is taken, so two uploads of one name
    at once never overwrite each other. The watcher files it as it files what the scanner puts there.
    Raises :class:`DiskFullError` or :class:`OutputError` (messages without the folder's path) when it cannot be
    written; nothing is left behind then."""
    import errno
    import os
    import tempfile

    from docgen.errors import DiskFullError, OutputError
    from docgen.fileio import PRIVATE_FILE_MODE

    wanted = Path(upload_name(name))
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=inbox)
        tmp = Path(tmp_name)
        os.fchmod(fd, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        number = 1
        while True:
            target = inbox / (wanted.name if number == 1 else f"{wanted.stem}-{number}{wanted.suffix}")
            try:
                os.link(tmp, target)
            except FileExistsError:
                number += 1
                continue
            return target.name
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(
                "the scan folder's disk is full", path=inbox, fix="free space and upload it again"
            ) from exc
        raise OutputError(
            f"the scan folder cannot be written ({exc.strerror or exc})",
            path=inbox,
            fix="ask whoever runs the server to check the folder's permissions",
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


_current: Watcher | None = None


def current() -> Watcher | None:
    """The watcher of this server process, if ``--watch`` started one."""
    return _current


def install(watcher: Watcher | None) -> None:
    """Make ``watcher`` the one the pages show."""
    global _current
    _current = watcher
