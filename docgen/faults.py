"""Fault injection for crash tests: stop the process dead, or press Ctrl-C, at a named point.

``DOCGEN_KILL_AT=case-written docgen mailroom ingest ...`` sends the process
SIGKILL when it reaches ``checkpoint("case-written")``, as a power cut or
``kill -9`` would at that moment. ``DOCGEN_INTERRUPT_AT=case-journaled#3
docgen batch ...`` sends it SIGINT (Ctrl-C) the third time it reaches
``checkpoint("case-journaled")`` (without ``#N``: the first time). Unset
(always, outside tests), a checkpoint does nothing.

``DOCGEN_CRASH_READING=scan.pdf`` makes the mailroom's notice reader die of
``abort()`` when it reads the inbox file named ``scan.pdf``
(``scan.pdf:segv``: of a real memory fault), as a crash inside libtesseract
or pdfium would: see :mod:`docgen.mailroom.reader`. ``scan.pdf:interrupt`` makes
the reader press Ctrl-C in the ingest while it reads that file (SIGINT to its
parent, as a terminal's Ctrl-C reaches the whole foreground group; the reader
itself ignores it), then finish the file slowly.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

KILL_AT = "DOCGEN_KILL_AT"
INTERRUPT_AT = "DOCGEN_INTERRUPT_AT"
CRASH_READING = "DOCGEN_CRASH_READING"

_reached: Counter[str] = Counter()


def _due(variable: str, name: str) -> bool:
    wanted = os.environ.get(variable)
    if not wanted:
        return False
    point, _, times = wanted.partition("#")
    return point == name and _reached[name] == (int(times) if times.isdigit() else 1)


def checkpoint(name: str) -> None:
    """Die here (SIGKILL, no clean-up) when ``DOCGEN_KILL_AT`` names this point; press Ctrl-C (SIGINT to this
    process, handled as a user's would be) when ``DOCGEN_INTERRUPT_AT`` does."""
    if not (os.environ.get(KILL_AT) or os.environ.get(INTERRUPT_AT)):
        return
    _reached[name] += 1
    if _due(KILL_AT, name):
        os.kill(os.getpid(), signal.SIGKILL)
    if _due(INTERRUPT_AT, name):
        signal.raise_signal(signal.SIGINT)  # to this thread: its handler runs here and now, whatever other threads do


def crash_reading(name: str) -> None:
    """Die here, as a crash inside the notice reader would, when ``DOCGEN_CRASH_READING`` names the file
    (``NAME``: ``abort()``, SIGABRT; ``NAME:segv``: a read of address 0, SIGSEGV; ``NAME:interrupt``: Ctrl-C
    in the ingest while this file is read; ``NAME:hang``: never answers, as a loop in pdfium would)."""
    wanted = os.environ.get(CRASH_READING)
    if not wanted:
        return
    modes = (":segv", ":abort", ":interrupt", ":hang")
    target, _, how = wanted.rpartition(":") if wanted.endswith(modes) else (wanted, "", "abort")
    if target != name:
        return
    if how == "hang":
        import time

        time.sleep(3600)  # the ingest kills this worker at its deadline
        return
    if how == "interrupt":
        import time

        os.kill(os.getppid(), signal.SIGINT)
        time.sleep(30)  # the ingest ends this worker long before
        return
    if how == "segv":
        import ctypes

        ctypes.string_at(0)  # a real memory fault: the kernel sends SIGSEGV
    os.abort()
