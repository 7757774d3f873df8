"""``docgen mailroom watch``: ingest each scan once the scanner has finished writing it.

A scanner (or a copy over the network) writes a file slowly, sometimes with
pauses. A file is handed to the ingest only when it is *settled*:

- its size and modification time have not changed for ``settle`` seconds, and
- its content ends the way a whole file of its kind ends (``%%EOF`` near the
  end of a PDF, the end marker of a JPEG or PNG); a file that still looks cut
  short waits, up to ``max_wait`` seconds, after which the ingest sees it and
  sends it to review as unreadable (nothing waits for ever, nothing is lost).

Restart-safe: every file already in the inbox when the watcher starts is a
candidate, and the ingest itself never files a content twice (the docket keeps
the hash of every file it has seen). File-system events (watchdog: inotify on
Linux) wake the loop early; a slow poll runs as well, for shares where events
do not arrive.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from docgen.mailroom.ingest import STILL_WRITTEN_FOR, IngestReport, inbox_files, looks_complete, require_inbox

STOP_SEEN_WITHIN = 0.25  # seconds: how soon the loop, waiting for files, notices it was asked to stop
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~")


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float  # monotonic time the file was first seen with this size and time
    first_seen: float


class SettleTracker:
    """Which inbox files have stopped changing and look whole."""

    def __init__(self, settle: float, max_wait: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.settle = settle
        self.max_wait = max_wait
        self.clock = clock
        self.seen: dict[Path, _Seen] = {}
        self.handed: dict[Path, tuple[int, int]] = {}  # left in the inbox by the ingest: size and time then

    def ready(self, paths: list[Path]) -> list[Path]:
        """Of ``paths`` (the inbox now), those settled since the last look."""
        now = self.clock()
        ready: list[Path] = []
        present = set(paths)
        for gone in set(self.seen) - present:
            del self.seen[gone]
        for gone in set(self.handed) - present:
            del self.handed[gone]
        for path in paths:
            if path.name.lower().endswith(PARTIAL_SUFFIXES):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if path in self.handed:
                if self.handed[path] == (stat.st_size, stat.st_mtime_ns):
                    continue  # the ingest left it (failed, or not a file it reads): wait until it changes
                del self.handed[path]
            old = self.seen.get(path)
            if old is None or (old.size, old.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
                first = old.first_seen if old else now
                self.seen[path] = _Seen(stat.st_size, stat.st_mtime_ns, now, first)
                continue
            if now - old.since < self.settle:
                continue
            if looks_complete(path) or now - old.first_seen >= self.max_wait:
                ready.append(path)
        return ready

    def done(self, paths: list[Path]) -> None:
        """Forget files handed to the ingest (a file put back later is new again); one the ingest left in
        the inbox (it failed and was reported) is not handed on again until it changes."""
        for path in paths:
            self.seen.pop(path, None)
            try:
                stat = path.stat()
            except OSError:
                continue
            self.handed[path] = (stat.st_size, stat.st_mtime_ns)


class _Wake(FileSystemEventHandler):
    def __init__(self, event: threading.Event) -> None:
        self.event = event

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.event.set()


IngestFiles = Callable[[list[Path]], IngestReport]


def watch(
    inbox: Path,
    ingest_files: IngestFiles,
    stop: threading.Event,
    *,
    settle: float = 2.0,
    poll: float = 5.0,
    max_wait: float = STILL_WRITTEN_FOR,
    on_report: Callable[[IngestReport], None] | None = None,
    on_skipped: Callable[[list[tuple[str, str]]], None] | None = None,
    on_look: Callable[[int, int], None] | None = None,
) -> None:
    """Hand settled inbox files to ``ingest_files`` until ``stop`` is set; ``on_skipped`` hears the entries
    not read (links, case files...) with the reason, at each look; ``on_look`` hears, after each look, how
    many files wait in the inbox and how many of them are still settling."""
    require_inbox(inbox)
    wake = threading.Event()
    observer = Observer()
    observer.schedule(_Wake(wake), str(inbox), recursive=False)
    observer.daemon = True
    observer.start()
    tracker = SettleTracker(settle, max_wait)
    try:
        while not stop.is_set():
            files, skipped = inbox_files(inbox)
            if skipped and on_skipped is not None:
                on_skipped(skipped)
            ready = tracker.ready(files)
            if ready:
                report = ingest_files(ready)
                tracker.done(ready)
                if on_report is not None:
                    on_report(report)
            if on_look is not None:
                on_look(len(files) - len(ready), len(tracker.seen))
            # Wake on an event, but look again soon while files are settling; a stop is seen within
            # STOP_SEEN_WITHIN seconds, not after a whole poll (a server's SIGTERM waited up to 5 s here).
            wait = min(poll, settle / 2) if tracker.seen else poll
            until = time.monotonic() + wait
            while not stop.is_set() and not wake.wait(min(STOP_SEEN_WITHIN, max(0.0, until - time.monotonic()))):
                if time.monotonic() >= until:
                    break
            wake.clear()
    finally:
        observer.stop()
        observer.join(timeout=5)
