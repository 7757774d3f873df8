"""Jobs: work that makes files, its folder, and running the long ones in a background thread.

A job's files live in ``DATA/jobs/<id>/`` (owner-only); the job page asks for the job's progress and the
server answers as soon as it changes (a long poll, :func:`wait_for_change`). A server restart marks jobs that
were running as failed.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone

from docgen.errors import DocgenError
from docgen.fileio import safe_name
from docgen.web.workspace.models import Job

log = logging.getLogger("docgen.web.jobs")

Progress = Callable[[int, int, str], None]


# Every change of a running job (progress, done, failed) bumps its version and wakes the job pages waiting on
# it, so a page hears of the end at once instead of asking again after a pause. Jobs run in this process
# (threads), so a condition variable is enough. At most WAITERS requests wait at once, so waiting pages never
# take every server thread; the others are answered at once and ask again.
WAITERS = 2
_changes = threading.Condition()
_versions: dict[str, int] = {}
_waiting = threading.BoundedSemaphore(WAITERS)


def _changed(job_id: Any) -> None:
    with _changes:
        _versions[str(job_id)] = _versions.get(str(job_id), 0) + 1
        _changes.notify_all()


def version(job_id: Any) -> int:
    """How many times the job changed since the server started."""
    with _changes:
        return _versions.get(str(job_id), 0)


def wait_for_change(job_id: Any, seen: int, timeout: float) -> int:
    """Block until the job's version differs from ``seen`` or ``timeout`` seconds pass (at once when too many
    requests wait already); the version then."""
    if not _waiting.acquire(blocking=False):
        return version(job_id)
    try:
        with _changes:
            _changes.wait_for(lambda: _versions.get(str(job_id), 0) != seen, timeout)
            return _versions.get(str(job_id), 0)
    finally:
        _waiting.release()


def folder(job: Job) -> Path:
    """Where a job's files are (made owner-only on first use)."""
    path = Path(settings.DATA_DIR) / "jobs" / str(job.id)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def file_path(job: Job, name: str) -> Path | None:
    """A file the job made, by name (None for anything else, so a name cannot reach outside the folder)."""
    if name not in job.files:
        return None
    path = folder(job) / safe_name(name)
    return path if path.is_file() else None


TITLE_MAX = 300  # Job.title's length


def create(kind: str, title: str, user: Any, case_id: str = "", *, unsaved: bool = False, **details: Any) -> Job:
    """A new job row (``unsaved``: not written yet; work done in the request writes it once, with ``finish``)."""
    if len(title) > TITLE_MAX:  # a long upload's name, a long person id: PostgreSQL refuses a longer title
        title = title[: TITLE_MAX - 3] + "..."
    job = Job(kind=kind, title=title, owner=user, case_id=case_id, details=details)
    if not unsaved:
        job.save()
    return job


def finish(job: Job, files: list[str], **details: Any) -> None:
    """Mark a job done with its files."""
    job.files = files
    job.details = {**job.details, **details}
    job.status = "done"
    job.finished = timezone.now()
    job.save()
    _changed(job.pk)


def fail(job: Job, message: str) -> None:
    """Mark a job failed with a message for the user."""
    job.status = "failed"
    job.message = message
    job.finished = timezone.now()
    _when_unlocked(job.save)
    _changed(job.pk)


LOCKED_TRIES = 5  # a job's status written again this many times at most while SQLite says a table is locked ...
LOCKED_WAIT = 0.2  # ... waiting this long (seconds), doubled each time


def _when_unlocked(write: Callable[[], Any]) -> None:
    """Write a job's status, again after a pause while SQLite reports a table locked by another connection's read
    (its shared-cache databases do not wait as files do): a busy moment must not fail the user's job."""
    for attempt in range(LOCKED_TRIES):
        try:
            write()
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == LOCKED_TRIES - 1:
                raise
            time.sleep(LOCKED_WAIT * 2**attempt)


def run_in_background(job: Job, work: Callable[[Job, Progress], None]) -> threading.Thread:
    """Run ``work(job, progress)`` in a thread; errors become the job's message (library errors in its words)."""

    def progress(done: int, total: int, message: str = "") -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, message=message)
        _changed(job.pk)

    def target() -> None:
        close_old_connections()
        try:
            _when_unlocked(lambda: Job.objects.filter(pk=job.pk).update(status="running"))
            _changed(job.pk)
            work(job, progress)
        except DocgenError as exc:  # the job's files by their names, never the server's folder
            where = Path(settings.DATA_DIR) / "jobs" / str(job.id)
            fail(job, str(exc).replace(f"{where}/", "").replace(str(where), "the job's folder"))
        except Exception:
            log.exception("job %s (%s) failed", job.pk, job.kind)
            fail(job, "the job stopped on an internal error; the server log has the details")
        finally:
            connection.close()

    # the request's context goes with the work (an edition the user accepted: docgen.editions)
    context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(target,), name=f"docgen-job-{job.pk}", daemon=True)
    thread.start()
    return thread


def mark_interrupted() -> int:
    """Jobs left running by a stopped server are failed (called on start)."""
    count: int = Job.objects.filter(status__in=("queued", "running")).update(
        status="failed", message="the server stopped while this ran; start it again", finished=timezone.now()
    )
    return count
