"""A job page hears of a change at once: the status request waits on the job's version, not on a timer."""

from __future__ import annotations

import threading
import uuid

import pytest

from docgen.web.services import jobs


def test_a_waiting_request_wakes_when_the_job_changes() -> None:
    job_id = uuid.uuid4()
    seen = jobs.version(job_id)
    threading.Timer(0.2, jobs._changed, args=(job_id,)).start()
    assert jobs.wait_for_change(job_id, seen, timeout=60) == seen + 1  # woken by the change, not the timeout


def test_a_change_before_the_wait_is_not_lost() -> None:
    job_id = uuid.uuid4()
    seen = jobs.version(job_id)
    jobs._changed(job_id)
    assert jobs.wait_for_change(job_id, seen, timeout=60) == seen + 1


def test_waiters_are_capped_so_server_threads_stay_free() -> None:
    job_id = uuid.uuid4()
    pause = threading.Event()
    started = threading.Barrier(jobs.WAITERS + 1)
    results: list[int] = []

    def wait() -> None:
        started.wait()
        results.append(jobs.wait_for_change(job_id, 0, timeout=60))

    waiters = [threading.Thread(target=wait) for _ in range(jobs.WAITERS)]
    for thread in waiters:
        thread.start()
    started.wait()
    while jobs._waiting._value > 0:  # until both hold a slot
        pause.wait(0.01)
    assert jobs.wait_for_change(job_id, 0, timeout=60) == 0  # answered at once: no slot free
    jobs._changed(job_id)
    for thread in waiters:
        thread.join(timeout=60)
    assert results == [1] * jobs.WAITERS


def test_a_status_write_refused_while_a_table_is_locked_is_written_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's shared-cache databases refuse a write while another connection reads ('database table is locked')
    instead of waiting: a job's status is written again after a pause, and any other database error stands."""
    from django.db import OperationalError

    monkeypatch.setattr(jobs, "LOCKED_WAIT", 0.001)
    calls: list[int] = []

    def busy_twice() -> None:  # a fault simulated: the real lock needs two threads racing
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("database table is locked")

    jobs._when_unlocked(busy_twice)
    assert len(calls) == 3

    def broken() -> None:
        raise OperationalError("no such table: workspace_job")

    with pytest.raises(OperationalError, match="no such table"):
        jobs._when_unlocked(broken)

    def always_locked() -> None:
        raise OperationalError("database table is locked")

    with pytest.raises(OperationalError, match="locked"):
        jobs._when_unlocked(always_locked)
