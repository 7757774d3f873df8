"""DOCX to PDF through one headless LibreOffice that serves a whole batch.

Starting LibreOffice costs about two seconds; converting a letter once it runs
costs a tenth of that. :class:`OfficeConverter` therefore starts one worker
(:mod:`docgen.letters.office_worker`, run by the Python that has LibreOffice's
UNO bridge) on first use and keeps it for every later document.

Faults are contained: the worker runs in its own process group with its own
throw-away LibreOffice profile; a document that takes longer than ``timeout``
seconds, or a LibreOffice that dies, gets the whole group killed and one fresh
start; a second failure is a :class:`~docgen.errors.ConversionError`. Closing
the converter (or leaving its ``with`` block, or the program ending) kills
whatever is left of the group. Nothing is written under the output name
unless a complete PDF came back.

Why not unoserver's server: it works with Debian's python3-uno, but it waits a
fixed seven seconds at start, its XML-RPC client has no timeout, and its
conversion opens documents visible, which costs about a third more per letter
than opening them hidden (measured on the sample letters). So the worker
drives ``soffice --headless --accept=...`` over the UNO bridge itself, and the
supervision (timeouts, restart, process group) lives here.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol

from docgen.errors import ConversionError
from docgen.fileio import private_temp_dir, sweep_private_temp, write_bytes_atomic

WORKER_SCRIPT = Path(__file__).with_name("office_worker.py")
UNO_PYTHON_CANDIDATES = ("/usr/lib/libreoffice/program/python", "/usr/bin/python3", "/usr/local/bin/python3")
DEFAULT_TIMEOUT = 60.0
DEFAULT_START_TIMEOUT = 60.0
POLL_INTERVAL = 0.2


class Converter(Protocol):
    """Turns a DOCX file into a PDF file; tests swap in fakes that fail on purpose."""

    def convert(self, source: Path, target: Path) -> None:
        """Write the PDF of ``source`` to ``target`` or raise ConversionError."""

    def close(self) -> None:
        """Release whatever the converter holds (processes, temporary files)."""


@functools.lru_cache(maxsize=1)
def uno_python() -> str:
    """The Python that can ``import uno`` ($DOCGEN_UNO_PYTHON or a system one)."""
    explicit = os.environ.get("DOCGEN_UNO_PYTHON")
    candidates = [explicit] if explicit else list(UNO_PYTHON_CANDIDATES)
    for candidate in candidates:
        if not candidate or not Path(candidate).is_file():
            continue
        probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False)
        if probe.returncode == 0:
            return candidate
    raise ConversionError(
        "LibreOffice's Python bridge was not found (no Python that can 'import uno'); "
        "run scripts/setup.sh (Debian package python3-uno) or set DOCGEN_UNO_PYTHON"
    )


def soffice_path() -> str:
    """The LibreOffice program ($DOCGEN_SOFFICE, else soffice or libreoffice on PATH)."""
    explicit = os.environ.get("DOCGEN_SOFFICE")
    found = explicit or shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConversionError(
            "LibreOffice was not found (no soffice on PATH); run scripts/setup.sh "
            "(Debian package libreoffice-writer-nogui) or set DOCGEN_SOFFICE"
        )
    return found


def default_worker_command() -> list[str]:
    """How to start the real worker: the UNO Python running office_worker.py."""
    return [uno_python(), str(WORKER_SCRIPT), "--soffice", soffice_path()]


@dataclass
class _Worker:
    """One running worker process and its private profile folder."""

    process: subprocess.Popen[bytes]
    profile: Path
    log: IO[bytes]
    buffer: bytes = b""


def _last_words(worker: _Worker) -> str:
    """The last line the worker wrote on stderr, to say why it stopped."""
    with contextlib.suppress(OSError, ValueError):
        worker.log.seek(0)
        lines = [line.strip() for line in worker.log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        lines = [line for line in lines if "javaldx" not in line]
        if lines:
            return f": {lines[-1][:200]}"
    return ""


def _kill_group(worker: _Worker) -> None:
    """Kill the worker's whole process group, reap it and remove its profile."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(worker.process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.process.wait(timeout=10)
    for stream in (worker.process.stdin, worker.process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    worker.log.close()
    shutil.rmtree(worker.profile, ignore_errors=True)


def _stop_gracefully(worker: _Worker, grace: float = 10.0) -> None:
    """Close the worker's stdin (it stops LibreOffice and exits), then sweep the group."""
    if worker.process.stdin is not None:
        with contextlib.suppress(OSError):
            worker.process.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        worker.process.wait(timeout=grace)
    _kill_group(worker)


@dataclass
class _Slot:
    """Holds the current worker so a finalizer can stop it without the converter."""

    worker: _Worker | None = None

    def stop(self) -> None:
        if self.worker is not None:
            worker, self.worker = self.worker, None
            _stop_gracefully(worker)


class _Failure(Exception):
    """The worker crashed or hung; worth one restart."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class OfficeConverter:
    """One LibreOffice for many documents, restarted once on a crash or hang.

    ``worker`` is the command that starts the worker (default: the UNO Python
    running :mod:`docgen.letters.office_worker`); the converter appends
    ``--profile URL``. Tests pass a fake worker that crashes or hangs.
    """

    timeout: float = DEFAULT_TIMEOUT
    start_timeout: float = DEFAULT_START_TIMEOUT
    worker: Sequence[str] | None = None
    starts: int = field(default=0, init=False)
    _slot: _Slot = field(default_factory=_Slot, init=False, repr=False)

    def __post_init__(self) -> None:
        self._finalizer = weakref.finalize(self, self._slot.stop)

    def __enter__(self) -> OfficeConverter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The worker's process id (its process group id too), while one runs."""
        return self._slot.worker.process.pid if self._slot.worker else None

    def close(self) -> None:
        """Stop LibreOffice and remove its profile; the converter can start again later."""
        self._slot.stop()

    def start(self) -> None:
        """Start the worker now (it starts on first use otherwise); raise ConversionError if it will not."""
        if self._slot.worker is None:
            try:
                self._slot.worker = self._launch()
            except _Failure as first:
                try:
                    self._slot.worker = self._launch()
                except _Failure as second:
                    raise ConversionError(
                        f"LibreOffice could not be started ({first.reason}; after a restart: {second.reason}); "
                        "check that 'soffice --headless' runs on this machine"
                    ) from None

    def convert(self, source: Path, target: Path) -> None:
        """Convert DOCX ``source`` to PDF ``target``; one restart on a crash or hang, then ConversionError."""
        failures: list[str] = []
        for _attempt in range(2):
            self.start()
            try:
                self._request(source, target)
                return
            except _Failure as failure:
                failures.append(failure.reason)
                worker, self._slot.worker = self._slot.worker, None
                if worker is not None:
                    _kill_group(worker)
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
        raise ConversionError(
            f"{source.name}: LibreOffice {failures[0]}, and again after a restart ({failures[-1]}); "
            "nothing was written. Open the DOCX in Word or LibreOffice to check it, or raise the timeout"
        )

    def _launch(self) -> _Worker:
        command = list(self.worker) if self.worker is not None else default_worker_command()
        sweep_private_temp("docgen-office-")  # profiles of workers killed before they cleaned up
        profile = Path(tempfile.mkdtemp(prefix=f"docgen-office-{os.getpid()}-"))
        profile.chmod(0o700)
        log = tempfile.TemporaryFile(prefix="docgen-office-log-")  # noqa: SIM115 - lives as long as the worker
        try:
            process = subprocess.Popen(
                [*command, "--profile", profile.as_uri()],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            log.close()
            shutil.rmtree(profile, ignore_errors=True)
            raise ConversionError(
                f"cannot start the LibreOffice worker ({exc.strerror}); run scripts/setup.sh"
            ) from None
        worker = _Worker(process, profile, log)
        self.starts += 1
        try:
            message = self._read_message(worker, self.start_timeout, "did not start")
        except BaseException:  # a failure, Ctrl-C or SIGTERM while it starts: nothing may be left behind
            _kill_group(worker)
            raise
        if not message.get("ready"):
            _kill_group(worker)
            raise _Failure(f"did not start: {message.get('error', 'no reason given')}")
        return worker

    def _request(self, source: Path, target: Path) -> None:
        worker = self._slot.worker
        assert worker is not None and worker.process.stdin is not None
        line = json.dumps({"in": str(source.resolve()), "out": str(target.resolve())}) + "\n"
        try:
            worker.process.stdin.write(line.encode("utf-8"))
            worker.process.stdin.flush()
        except OSError:
            raise _Failure("had stopped (crashed)") from None
        message = self._read_message(worker, self.timeout, f"hung (no answer in {self.timeout:g} s)")
        if not message.get("ok"):
            raise ConversionError(f"{source.name}: LibreOffice could not convert it: {message.get('error', '?')}")
        if not target.is_file() or target.stat().st_size == 0:
            raise _Failure("answered but wrote no PDF")

    def _read_message(self, worker: _Worker, timeout: float, hang_reason: str) -> dict[str, Any]:
        """The next JSON line from the worker, or _Failure on exit, garbage or timeout."""
        stdout = worker.process.stdout
        assert stdout is not None
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            while b"\n" not in worker.buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Failure(hang_reason)
                if not selector.select(min(remaining, POLL_INTERVAL)):
                    if worker.process.poll() is not None:  # died, though a child may hold the pipe open
                        raise _Failure(f"crashed (exit status {worker.process.returncode}{_last_words(worker)})")
                    continue
                chunk = os.read(stdout.fileno(), 65536)
                if not chunk:
                    worker.process.wait()
                    raise _Failure(f"crashed (exit status {worker.process.returncode}{_last_words(worker)})")
                worker.buffer += chunk
        line, _, worker.buffer = worker.buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except ValueError:
            raise _Failure("answered with something that is not a worker reply") from None
        if not isinstance(message, dict):
            raise _Failure("answered with something that is not a worker reply")
        return message


def check_pdf(data: bytes, name: str) -> None:
    """Refuse anything that is not a complete PDF."""
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ConversionError(f"{name}: LibreOffice returned an incomplete PDF; nothing was written")


class LazyConverter:
    """The one way docgen holds a LibreOffice: the caller's converter, or one started on first use.

    ``LazyConverter(given)()`` gives the converter to use; a LibreOffice this
    object started is stopped by :meth:`close` (or leaving its ``with``
    block). A packet build, a letter, a demo and every batch worker go through
    it, so start-up and shutdown are written once. It is a :class:`Converter`
    itself, so it can be handed on before anything needs converting.
    """

    def __init__(self, given: Converter | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.given = given
        self.timeout = timeout
        self.own: Converter | None = None

    def __call__(self) -> Converter:
        if self.given is not None:
            return self.given
        if self.own is None:
            self.own = OfficeConverter(timeout=self.timeout)
        return self.own

    def convert(self, source: Path, target: Path) -> None:
        """Convert with the converter (starting LibreOffice now if this is the first document)."""
        self().convert(source, target)

    def close(self) -> None:
        """Stop the LibreOffice this object started, if any (a caller's converter is left running)."""
        if self.own is not None:
            self.own.close()
            self.own = None

    def __enter__(self) -> LazyConverter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


_PROCESS = LazyConverter()
_STOP_REGISTERED_IN: set[int] = set()


def _stop_at_exit() -> None:
    """Once per process (a forked worker registers anew): its LibreOffice stops when the process ends (pool
    workers skip atexit, hence Finalize)."""
    if os.getpid() in _STOP_REGISTERED_IN:
        return
    import atexit
    import multiprocessing.util

    atexit.register(_PROCESS.close)
    multiprocessing.util.Finalize(None, _PROCESS.close, exitpriority=10)
    _STOP_REGISTERED_IN.add(os.getpid())


def process_converter() -> Converter:
    """This process's LibreOffice for a batch worker: started on first use, stopped when the process exits."""
    _stop_at_exit()
    return _PROCESS()


@contextlib.contextmanager
def process_converter_set(converter: Converter | None = None) -> Iterator[None]:
    """Within the block, :func:`process_converter` is ``converter`` (when given): a caller's LibreOffice
    serves a batch run in this process. A LibreOffice started within the block is stopped when it ends."""
    before, started_before = _PROCESS.given, _PROCESS.own is not None
    if converter is not None:
        _PROCESS.given = converter
    try:
        yield
    finally:
        _PROCESS.given = before
        if not started_before:
            _PROCESS.close()


def convert_to_pdf(
    source: Path | str | bytes,
    output: Path | str | None = None,
    *,
    converter: Converter | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """The PDF of a DOCX (a path or its bytes); with ``output`` also written there atomically.

    Pass a ``converter`` to share one LibreOffice over many calls; without one,
    a converter is started for this call and stopped afterwards.
    """
    name = Path(output).name if output is not None else "document"
    with (
        LazyConverter(converter, timeout=timeout) as office,
        private_temp_dir("docgen-convert-") as folder,  # 0700, swept if a killed run left one
    ):
        if isinstance(source, bytes):
            docx = folder / "letter.docx"
            write_bytes_atomic(docx, source)  # 0600
        else:
            docx = Path(source)
            if not docx.is_file():
                raise ConversionError(f"{docx}: no such DOCX file; check the path")
            name = docx.name
        pdf = folder / "letter.pdf"
        office().convert(docx, pdf)
        data = pdf.read_bytes()
    check_pdf(data, name)
    if output is not None:
        write_bytes_atomic(Path(output), data)
    return data


if __name__ == "__main__":  # pragma: no cover - manual check: python -m docgen.letters.convert IN.docx OUT.pdf
    convert_to_pdf(sys.argv[1], sys.argv[2])
