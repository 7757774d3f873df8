"""Fault injection for crash tests: stop the process dead at a named point.

``DOCGEN_KILL_AT=case-written docgen mailroom ingest ...`` sends the process
SIGKILL when it reaches ``checkpoint("case-written")``, as a power cut or
``kill -9`` would at that moment. Unset (always, outside tests), a checkpoint
does nothing.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "DOCGEN_KILL_AT"


def checkpoint(name: str) -> None:
    """Die here (SIGKILL, no clean-up) when ``DOCGEN_KILL_AT`` names this point."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)
