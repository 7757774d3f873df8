"""The notice reader behind a process wall: a crash while reading one file costs that file, never the ingest.

Tesseract runs inside the reading process (libtesseract through ctypes:
:mod:`docgen.notices.ocr`), and so do pdfium and Pillow. A fault in one of
them (a segfault, an ``abort()``) on a strange scan would end the process
that met it; run in the ingest (or in ``docgen serve``'s watcher), it would
end the whole run. So the ingest reads each file through a :class:`Reader`:

- a worker process, forked on the first file and kept for the next ones (so
  tesseract's model and the notice patterns are loaded once per run, as
  before), reads the file and sends back what the reader returned or raised;
- when the worker dies on a file (killed by a signal, or gone), the file is
  tried once more in a fresh worker if the one that died had read other files
  before (the crash may be the aftermath of an earlier one); a fresh worker
  dying on it raises :class:`ReaderCrashed`: the ingest sends that file to
  review, kept, and goes on with the next in a new worker;
- a worker still reading a file after :func:`file_deadline` seconds (default
  :data:`FILE_DEADLINE`; ``DOCGEN_READ_DEADLINE`` sets it) is killed and
  :class:`ReaderStuck` raised: tesseract has its own limit per page, but a
  loop in pdfium, an image decoder or a pattern on hostile text has none, and
  one such file must not hold up every notice behind it;
- a worker is replaced by a fresh one after :data:`RENEW_AFTER` files, so
  memory a library leaks over a server's weeks of scans is given back;
- the worker ignores Ctrl-C and SIGTERM: the ingest decides when to stop, so a
  file is never sent to review as "crashed" because the run was stopped.

The worker is forked (no new interpreter to start: about a fortieth of a
second, once per run); it closes every file the ingest had open (an inbox
file's lock is never held by it), and leaves with ``os._exit`` (the ingest's
docket connection and temporary folders are the ingest's alone).
``bench/mailroom_reader.py`` measures the cost per file against reading in the
ingest's own process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from types import TracebackType
from typing import Any

from docgen.errors import UsageError
from docgen.faults import crash_reading
from docgen.notices import NoticeFileResult

ReadFile = Callable[[Path], NoticeFileResult]

CRASHED = "the reader crashed on this file"
RENEW_AFTER = 500  # files a worker reads before a fresh one takes over (a fork: a few hundredths of a second)
# Seconds one file may take: a notice file has at most 60 pages (NOTICE_CAPS), read in well under 10 s each.
FILE_DEADLINE = 900.0
DEADLINE_VARIABLE = "DOCGEN_READ_DEADLINE"


class ReaderCrashed(Exception):
    """The worker died reading this file (``why``: the signal, in words); a fresh worker died on it too."""

    def __init__(self, why: str) -> None:
        super().__init__(f"{CRASHED} ({why})")
        self.why = why


class ReaderStuck(ReaderCrashed):
    """The worker was still reading this file after the deadline; it was killed (the file is not tried again)."""

    def __init__(self, seconds: float) -> None:
        Exception.__init__(self, f"the reader was still reading this file after {seconds:g} s and was stopped")
        self.why = f"no answer within {seconds:g} s"


def file_deadline() -> float:
    """Seconds one file may take: ``DOCGEN_READ_DEADLINE`` when it is a positive number, else :data:`FILE_DEADLINE`.

    A value that is not a positive number raises :class:`~docgen.errors.UsageError` naming the variable.
    """
    written = os.environ.get(DEADLINE_VARIABLE, "").strip()
    if not written:
        return FILE_DEADLINE
    try:
        seconds = float(written)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise UsageError(f"{DEADLINE_VARIABLE}={written!r}: give the seconds one notice file may take, e.g. 900")
    return seconds


class ReaderError(Exception):
    """What the reader raised, when the exception itself could not be sent back (its type and message)."""


def _death(status: int) -> str:
    """A worker's wait status in words: ``SIGSEGV, a memory fault``, ``exit status 3``."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        meanings: dict[int, str] = {
            signal.SIGSEGV: "a memory fault",
            signal.SIGBUS: "a memory fault",
            signal.SIGABRT: "an abort",
            signal.SIGILL: "an illegal instruction",
            signal.SIGFPE: "an arithmetic fault",
            signal.SIGKILL: "killed, perhaps for using too much memory",
        }
        meaning = meanings.get(number)
        return f"{name}, {meaning}" if meaning else name
    if os.WIFEXITED(status):
        return f"it ended with exit status {os.WEXITSTATUS(status)}"
    return "it ended"


def _serve(connection: Connection, read: ReadFile) -> None:
    """The worker's loop: read each file asked for, send back ``("ok", result)`` or ``("raised", exception)``."""
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return  # the ingest is gone or closed us
        if request is None:
            return
        path, name = request
        crash_reading(name)
        answer: tuple[str, Any]
        try:
            answer = ("ok", read(Path(path)))
        except Exception as exc:  # sent back and raised there, as if read in the ingest
            try:
                pickle.loads(pickle.dumps(exc))
                answer = ("raised", exc)
            except Exception:
                answer = ("raised", ReaderError(f"{type(exc).__name__}: {exc}"))
        connection.send(answer)


class Reader:
    """Reads notice files in a worker process (see the module's notes); use as a context manager, or :meth:`close`.

    Only the thread that made it may use it (the ingest reads one file at a time).
    """

    def __init__(self, read: ReadFile, deadline: float | None = None) -> None:
        self._read = read
        self._deadline = file_deadline() if deadline is None else deadline
        self._pid: int | None = None
        self._connection: Connection | None = None
        self._served = 0  # files the current worker has read

    def __enter__(self) -> Reader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def read(self, path: Path, name: str) -> NoticeFileResult:
        """What the reader makes of the file at ``path`` (``name``: the inbox file's name, for the fault hook).

        Raises what the reader raised, or :class:`ReaderCrashed` when the worker died on this file.
        """
        while True:
            fresh = self._served == 0 or self._pid is None
            try:
                return self._ask(path, name)
            except ReaderStuck:
                raise  # tried again, it would hold up the run as long once more
            except ReaderCrashed:
                if fresh:
                    raise
                # A worker that had read other files died: perhaps of an earlier file; a fresh one decides.

    def _ask(self, path: Path, name: str) -> NoticeFileResult:
        if self._served >= RENEW_AFTER:
            self.close()  # what a library leaked in a long watch goes with the worker
        connection = self._connection if self._pid is not None else None
        if connection is None:
            connection = self._start()
        try:
            connection.send((str(path), name))
            if not connection.poll(self._deadline):
                self._reap(kill=True)
                raise ReaderStuck(self._deadline)
            status, answer = connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise ReaderCrashed(self._reap()) from None
        except BaseException:  # Ctrl-C while it reads: the worker is ended with the run, the file left
            self._reap(kill=True)
            raise
        self._served += 1
        if status == "raised":
            raise answer
        result: NoticeFileResult = answer
        return result

    def _start(self) -> Connection:
        ours, theirs = Pipe(duplex=True)
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
                keep = theirs.fileno()
                os.closerange(3, keep)  # the inbox file's lock, the docket, the server's sockets: not ours
                os.closerange(keep + 1, max(keep + 1, os.sysconf("SC_OPEN_MAX")))
                _serve(theirs, self._read)
            except BaseException:
                code = 70  # EX_SOFTWARE: the parent reports the file as crashed
            finally:
                os._exit(code)
        theirs.close()
        self._pid, self._connection, self._served = pid, ours, 0
        return ours

    def _reap(self, kill: bool = False) -> str:
        """Collect the worker (killed first with ``kill``); how it ended, in words."""
        pid, connection = self._pid, self._connection
        self._pid, self._connection, self._served = None, None, 0
        if connection is not None:
            connection.close()
        if pid is None:
            return "it was not running"
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        return _death(status)

    def close(self) -> None:
        """Stop the worker (it finishes nothing: it only ever works while :meth:`read` waits for it)."""
        if self._pid is None:
            return
        connection = self._connection
        if connection is not None:
            with contextlib.suppress(OSError):
                connection.send(None)
        self._reap()
