"""Run one job per case over an executor; resumable, interruptible, reported. The one batch runner.

Forms, letters and packets for many cases all go through :func:`run_batch`
(``docgen batch ...``, ``docgen letter --cases``, :func:`docgen.letters.render_batch`).
The per-case work is a pure function of the job (:func:`run_job`): it reads
the case data in the job and the files its tasks name (maps, blank forms,
templates; see :mod:`docgen.batch.tasks`) and produces the output files. It
runs anywhere a ``concurrent.futures`` executor runs it: a local process pool
(default), this process (``workers=1``), or a Dask cluster through
``distributed.Client(...).get_executor()``. The files of a case come back as
bytes only when every task of the case succeeded; the driver writes them
atomically (its disk waits overlap the workers' filling), appends the case to
a journal (for ``--resume``) and writes the report.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import gc
import json
import os
import resource
import signal
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.batch.jobs import DEFAULT_PATTERN, Job, Task, file_hash, output_name, whose
from docgen.batch.sources import CaseRow
from docgen.batch.tasks import TASK_KINDS, task_kind
from docgen.case.loader import parse_case
from docgen.editions import accepting_editions
from docgen.errors import DocgenError, OutputError, UsageError
from docgen.faults import checkpoint
from docgen.fileio import (
    append_line,
    check_output,
    csv_text,
    data_kind,
    locked,
    make_private_dir,
    note_written,
    part_files,
    refuse_edited,
    sha256_hex,
    write_bytes_atomic,
    write_text_atomic,
    written_record,
)

__all__ = [
    "DEFAULT_PATTERN",
    "TASK_KINDS",
    "BatchReport",
    "Job",
    "Outcome",
    "Progress",
    "Task",
    "file_hash",
    "make_jobs",
    "output_name",
    "run_batch",
    "run_job",
]

JOURNAL = ".docgen-batch-journal.jsonl"
LOCK = ".docgen-batch.lock"
EDITABLE = ".docx"  # outputs a person edits (in Word): never replaced once edited
PR_SET_PDEATHSIG = 1


@dataclass
class Outcome:
    """What one case produced: the names of its files (and their bytes while they travel to the driver), or an
    error in plain words."""

    label: str
    case_id: str
    status: str  # done, failed, skipped
    files: dict[str, bytes] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    error: str = ""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    worker_pid: int = 0
    worker_peak_kib: int = 0


def run_job(job: Job) -> Outcome:
    """Do every task of one case; a user mistake fails this case only, and a failed case writes nothing."""
    start = time.perf_counter()
    case_id = str(job.case_data.get("case_id") or "")
    outcome = Outcome(job.label, case_id, "failed", worker_pid=os.getpid())
    try:
        if job.problem:
            raise UsageError(job.problem)
        case = parse_case(job.case_data, job.label)
        outcome.case_id = case.case_id
        files: dict[str, bytes] = {}
        with accepting_editions(dict(job.accept_editions)):  # the driver's acceptance, carried by the job
            for task in job.tasks:
                made, notes = task_kind(task.kind).run(task, job, case)
                files.update(made)
                outcome.notes.extend(notes)
        outcome.files, outcome.outputs = files, sorted(files)
        outcome.status = "done"
    except DocgenError as exc:
        outcome.files, outcome.outputs = {}, []
        outcome.error = str(exc)
    except Exception as exc:  # a bug must not stop the other cases; the report names it
        outcome.files, outcome.outputs = {}, []
        outcome.error = f"{job.label}: internal error ({type(exc).__name__}); please report it"  # no case data
    outcome.seconds = time.perf_counter() - start
    _settle_worker()
    outcome.worker_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return outcome


def _write_files(folder: Path, files: dict[str, bytes], sources: list[Path], written: dict[str, str]) -> None:
    """Write one case's files; ``written`` is the folder's record of the letters docgen wrote, kept up to date."""
    check_not_edited(folder, list(files), written)  # again: a letter may have been opened and saved meanwhile
    for name, data in files.items():
        try:
            write_bytes_atomic(check_output(folder / name, data_kind(data), sources), data)
        except OSError as exc:
            raise OutputError(f"{folder / name}: cannot write ({exc.strerror}); check the output folder") from None
        if name.endswith(EDITABLE):
            note_written(folder / name, data)
            written[name] = sha256_hex(data)


class _Worker:
    """State of a local pool worker process."""

    started = False  # set in pool workers only
    frozen = False


def _start_worker(driver: int) -> None:
    """Workers leave Ctrl-C to the driver, which stops the batch cleanly, and die with the driver (even a
    kill -9 of it): a worker gone closes its LibreOffice worker's input, which then stops LibreOffice."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _Worker.started = True
    with contextlib.suppress(OSError, AttributeError):  # Linux: the kernel kills us when the driver dies
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != driver:  # the driver died before we were ready
        os._exit(1)
    threading.Thread(target=_watch_driver, args=(driver,), daemon=True, name="docgen-lifeline").start()


def _watch_driver(driver: int) -> None:
    """The same where the kernel cannot do it (no prctl): check the parent every second."""
    while os.getppid() == driver:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGKILL)


def _settle_worker() -> None:
    """After a pool worker's first case its maps, blanks and templates stay for good: move them out of the
    garbage collector's sight (gc.freeze), so later collections do not walk them for every case."""
    if _Worker.started and not _Worker.frozen:
        gc.collect()
        gc.freeze()
        _Worker.frozen = True


NAME_CLASH_FIX = "give each case its own case_id, and use {form} in --pattern when filling several forms"


def check_output_names(jobs: list[Job], fix: str = NAME_CLASH_FIX) -> None:
    """Before anything runs: the pattern works and no two outputs get the same file name (else a
    :class:`UsageError` ending with ``fix``: the CLI's, or one the caller's user can follow, as the workspace's)."""
    owners: dict[str, tuple[str, str]] = {}
    for job in jobs:
        case_id = str(job.case_data.get("case_id") or job.label)
        for task in job.tasks:
            name = output_name(job.pattern, case_id, task, ext=task_kind(task.kind).extension(task))
            key = unicodedata.normalize("NFKC", name).casefold()  # one file on Windows, macOS and most shares
            if key in owners:
                first, label = owners[key]
                if first == name:
                    raise UsageError(f"{name} would be written twice ({label} and {job.label}): {fix}")
                raise UsageError(
                    f"{first} ({label}) and {name} ({job.label}) differ only in upper and lower case or in the width "
                    f"of their letters: on Windows, macOS and most shares they are one file; {fix}"
                )
            owners[key] = (name, job.label)


def check_outputs(jobs: list[Job], out_dir: Path, sources: list[Path]) -> list[str]:
    """Before anything runs: no output or report would replace an input, a case file, a docket or another kind
    of file. Returns the names the run may write."""
    names = []
    for name, kind in (("batch-report.csv", "csv"), ("batch-report.json", "json")):
        check_output(out_dir / name, kind, sources)
        names.append(name)
    for job in jobs:
        case_id = str(job.case_data.get("case_id") or job.label)
        for task in job.tasks:
            ext = task_kind(task.kind).extension(task)
            check_output(out_dir / output_name(job.pattern, case_id, task, ext=ext), ext, sources)
        names += job_outputs(job)
    return names


def make_jobs(rows: Iterable[CaseRow], tasks: tuple[Task, ...], pattern: str, **options: Any) -> list[Job]:
    """One job per case row (a case file keeps its own path, so its relative paths resolve)."""
    return [
        Job(
            label=r.label,
            case_data=r.data,
            tasks=tasks,
            pattern=pattern,
            problem=r.problem,
            case_file=r.file,
            folder=r.folder,
            **options,
        )
        for r in rows
    ]


@dataclass
class BatchReport:
    """One line per case, and where the outputs went."""

    out_dir: Path
    outcomes: list[Outcome]
    interrupted: bool = False
    not_started: list[str] = field(default_factory=list)
    accepted_editions: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> list[Outcome]:
        """Cases that failed."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def ok(self) -> bool:
        """Every case done (or skipped as already done) and nothing left."""
        return not self.failed and not self.interrupted and not self.not_started

    def rows(self) -> list[dict[str, Any]]:
        """Report rows for CSV and JSON."""
        out = [
            {
                "case": o.label,
                "case_id": o.case_id,
                "status": o.status,
                "outputs": ";".join(o.outputs),
                "error": o.error,
                "notes": "; ".join(o.notes),
                "seconds": round(o.seconds, 3),
            }
            for o in self.outcomes
        ]
        out += [
            {
                "case": label,
                "case_id": "",
                "status": "not started",
                "outputs": "",
                "error": "",
                "notes": "",
                "seconds": 0,
            }
            for label in self.not_started
        ]
        return out

    def write(self, stem: str = "batch-report") -> tuple[Path, Path]:
        """Write ``batch-report.csv`` and ``batch-report.json`` into the output folder."""
        rows = self.rows()
        header = ["case", "case_id", "status", "outputs", "error", "notes", "seconds"]
        csv_path, json_path = self.out_dir / f"{stem}.csv", self.out_dir / f"{stem}.json"
        write_text_atomic(csv_path, csv_text(header, ([row[h] for h in header] for row in rows)))
        summary = {
            "interrupted": self.interrupted,
            "done": sum(o.status == "done" for o in self.outcomes),
            "skipped": sum(o.status == "skipped" for o in self.outcomes),
            "failed": len(self.failed),
            "not_started": len(self.not_started),
            "accepted_editions": self.accepted_editions,
            "cases": rows,
        }
        write_text_atomic(json_path, json.dumps(summary, indent=2))
        return csv_path, json_path


class Journal:
    """Append-only record of finished cases, for ``--resume``; one fsynced JSON line per case."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL

    def size(self) -> int:
        """Where the next entry goes (the journal's length in bytes)."""
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def load(self, start: int = 0) -> dict[str, dict[str, Any]]:
        """Last entry per case label (of the entries from byte ``start`` on: those a run wrote)."""
        entries: dict[str, dict[str, Any]] = {}
        if not self.path.exists():
            return entries
        with self.path.open("rb") as handle:
            handle.seek(start)
            text = handle.read().decode("utf-8", errors="replace")
        for line in text.splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a crash: that case is simply done again
            entries[entry["label"]] = entry
        return entries

    def people(self) -> dict[str, str]:
        """Whose form each file the journal's done cases wrote holds (``name -> person id``; the latest run's)."""
        if not self.path.exists():
            return {}
        out: dict[str, str] = {}
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict) and entry.get("status") == "done" and isinstance(entry.get("people"), dict):
                out.update({str(k): str(v) for k, v in entry["people"].items()})
        return out

    def append(self, entry: dict[str, Any] | None) -> None:
        """Record one finished case durably (``None``: only check the journal can be written)."""
        append_line(
            self.path,
            None if entry is None else json.dumps(entry) + "\n",
            what="write the batch journal",
            fix="make the output folder writable (or free space) and rerun with --resume",
        )


def case_inputs(job: Job) -> dict[str, str]:
    """Hashes of the files one case's data points at (a letterhead logo), so an edited one reruns the case."""
    out: dict[str, str] = {}
    for task in job.tasks:
        out.update(task_kind(task.kind).case_inputs(task, job))
    return out


def input_fingerprints(job: Job) -> dict[str, str]:
    """Hashes of every file the job's tasks read besides the case data (maps, blanks, templates, data, specs)."""
    out: dict[str, str] = {}
    for task in job.tasks:
        out.update(task_kind(task.kind).inputs(task, job))
    return out


Progress = Callable[[Outcome, int, int], None]


def run_batch(
    jobs: list[Job],
    out_dir: Path,
    *,
    workers: int | None = None,
    executor: cf.Executor | None = None,
    resume: bool = False,
    progress: Progress | None = None,
    inputs: Iterable[Path] = (),
) -> BatchReport:
    """Run ``jobs``; write outputs, journal and report into ``out_dir``.

    ``inputs`` are the files the run reads (the sheet of cases, letter data...); no output may replace one,
    nor a case file, a docket or a file of another kind (:func:`docgen.fileio.check_output`), nor a letter
    (.docx) edited since docgen wrote it (:func:`docgen.fileio.edited_since_written`).

    ``workers=1`` runs the cases in this process (no pool: a converter set with
    :func:`docgen.letters.convert.process_converter_set` serves them); more
    workers run a local process pool; ``executor`` runs them wherever it does.

    One batch at a time writes into ``out_dir``: it holds an OS lock (:data:`LOCK`) for the whole run, and a
    second run into the same folder is refused at once (:class:`~docgen.errors.BusyError`); the kernel frees the
    lock of a run that was killed.
    """
    try:
        make_private_dir(out_dir)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot make the output folder ({exc.strerror}); choose another") from None
    check_output_names(jobs)
    if any(job.case_file and Path(job.case_file).resolve().parent == out_dir.resolve() for job in jobs):
        raise OutputError(
            f"{out_dir}: is the folder of case files; the next run (--resume) would read its report as a case: "
            "choose another --out-dir"
        )
    sources = [*inputs, *(Path(job.case_file) for job in jobs if job.case_file)]
    sources += [Path(job.label) for job in jobs if not job.case_file and Path(job.label).is_file()]
    names = check_outputs(jobs, out_dir, sources)  # refused before anything is made in the folder
    busy = (
        f"{out_dir}: another docgen batch is writing into this folder; wait for it to finish, or give another --out-dir"
    )
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(locked(out_dir / LOCK, busy=busy))
        except OSError as exc:
            raise OutputError(
                f"{out_dir / LOCK}: cannot open the batch's lock file ({exc.strerror}); make the output folder writable"
            ) from None
        return _run_locked(jobs, out_dir, workers, executor, resume, progress, sources, names)


def _run_locked(
    jobs: list[Job],
    out_dir: Path,
    workers: int | None,
    executor: cf.Executor | None,
    resume: bool,
    progress: Progress | None,
    sources: list[Path],
    names: list[str],
) -> BatchReport:
    for name in names:  # half-written files of a run that was killed (none of a running one: we hold the lock)
        for part in part_files(out_dir / name):
            part.unlink(missing_ok=True)
    journal = Journal(out_dir)
    journal.append(None)  # a folder docgen cannot write in stops here, before any case runs
    previous = journal.load() if resume else {}
    started_at = journal.size()
    fingerprints: dict[tuple[Any, ...], dict[str, str]] = {}
    outcomes: list[Outcome] = []
    pending: list[tuple[Job, str]] = []
    for job in jobs:
        key = (job.tasks, job.forms_dir, job.maps_dir)
        if key not in fingerprints:
            with accepting_editions(dict(job.accept_editions)):
                fingerprints[key] = input_fingerprints(job)
        digest = job.input_hash({**fingerprints[key], **case_inputs(job)})
        before = previous.get(job.label)
        if (
            before
            and before.get("hash") == digest
            and before.get("status") == "done"
            and all((out_dir / name).exists() for name in before.get("outputs", []))
        ):
            outcomes.append(
                Outcome(job.label, before.get("case_id", ""), "skipped", notes=["already done with the same inputs"])
            )
            continue
        kept = _filed_copies(out_dir, before, digest)
        if kept:
            outcomes.append(Outcome(job.label, str(before.get("case_id", "")) if before else "", "failed", error=kept))
            continue
        pending.append((job, digest))
    written = written_record(out_dir)  # read once: the run adds what it writes
    check_not_edited(out_dir, [name for job, _ in pending for name in job_outputs(job)], written)
    check_same_people(out_dir, [job for job, _ in pending], journal.people())
    report = BatchReport(out_dir, outcomes)
    for job in jobs:
        report.accepted_editions.update(job.accept_editions)
    finished: set[str] = set()
    ctrl_c = _CtrlC()

    def record(job: Job, digest: str, outcome: Outcome) -> None:
        with ctrl_c.held():  # a case's files, its journal line, its report line: never cut between (Ctrl-C waits)
            _store(outcome, out_dir, journal, digest, sources, written, job_people(job))
            outcomes.append(outcome)
            finished.add(job.label)
            if progress:
                progress(outcome, len(finished), len(pending))

    with ctrl_c.installed():
        try:
            if executor is None and (workers == 1 or len(pending) <= 1):
                from docgen.letters.convert import process_converter_set

                with process_converter_set():  # a LibreOffice started for these cases stops with them
                    for job, digest in pending:
                        record(job, digest, run_job(job))
            else:
                _run_pool(pending, executor, workers, record)
        except KeyboardInterrupt:
            report.interrupted = True
            for entry in journal.load(started_at).values():  # the report says what the journal says
                if entry["label"] not in finished:  # journaled, then stopped by an interrupt not ours to hold
                    outcomes.append(_journaled_outcome(entry))
                    finished.add(entry["label"])
            report.not_started = [job.label for job, _ in pending if job.label not in finished]
        ctrl_c.ignore()  # the cases are over: a Ctrl-C now cannot cut the report short
        order = {job.label: i for i, job in enumerate(jobs)}
        outcomes.sort(key=lambda o: order.get(o.label, 0))
        report.write()
    return report


FILED_SUFFIXES = (".pdf",)  # what is filed (forms, packets, letters as PDF); a .docx is a draft, guarded apart


def _filed_copies(out_dir: Path, before: dict[str, Any] | None, digest: str) -> str:
    """Why ``--resume`` must not redo a case done before from other inputs: the PDFs that run wrote are still in
    the folder, and one may be the copy counsel filed (replacing it loses the record of what was sent). Empty
    when nothing is in the way."""
    if not before or before.get("status") != "done" or before.get("hash") == digest:
        return ""
    present = [n for n in before.get("outputs", []) if n.endswith(FILED_SUFFIXES) and (out_dir / n).exists()]
    if not present:
        return ""
    return (
        f"{', '.join(present)}: made by an earlier run from other inputs (the case, or a file it reads, changed "
        f"since; it may be the copy filed) and --resume keeps it: move it out of {out_dir} to keep it, "
        "then rerun with --resume"
    )


def job_outputs(job: Job) -> list[str]:
    """The names of the files one job writes (a packet's manifest included)."""
    case_id = str(job.case_data.get("case_id") or job.label)
    names = []
    for task in job.tasks:
        name = output_name(job.pattern, case_id, task, ext=task_kind(task.kind).extension(task))
        names.append(name)
        if task.kind == "packet":
            names.append(Path(name).stem + ".manifest.json")
    return names


def check_not_edited(out_dir: Path, names: list[str], written: dict[str, str]) -> None:
    """No letter (.docx) the run would write replaces one edited since docgen wrote it (in Word, say)."""
    docx = [n for n in names if n.endswith(EDITABLE)]
    refuse_edited(out_dir, docx, "the batch", "give another --out-dir", written)


def job_people(job: Job) -> dict[str, str]:
    """Whose form each file of one job holds (``name -> person id``), as the journal records it."""
    case_id = str(job.case_data.get("case_id") or job.label)
    return {
        output_name(job.pattern, case_id, task, ext=task_kind(task.kind).extension(task)): whose(job, task)
        for task in job.tasks
    }


def check_same_people(out_dir: Path, jobs: list[Job], recorded: dict[str, str]) -> None:
    """No file the run would write replaces one an earlier run wrote for another person of the case under the same
    name (``--for spouse`` after ``--for principal`` with the default ``{case_id}_{form}.{ext}``): that is another
    person's form, maybe the copy filed, and it would be gone without a word. Refused before any case runs."""
    clashes = []
    for job in jobs:
        for name, person in job_people(job).items():
            before = recorded.get(name)
            if before is not None and before != person and (out_dir / name).exists():
                clashes.append(f"{name} (holds {before}'s, this run fills {person}'s)")
    if clashes:
        shown = "; ".join(clashes[:3]) + (f"; and {len(clashes) - 3} more" if len(clashes) > 3 else "")
        raise OutputError(
            f"{out_dir}: an earlier run wrote another person's form under the name this run would use: {shown}; "
            "give --pattern '{case_id}_{form}_{person}.{ext}' or another --out-dir (or move those files out)"
        )


def _journaled_outcome(entry: dict[str, Any]) -> Outcome:
    """A case as the journal recorded it (its notes and time were not kept)."""
    return Outcome(
        str(entry["label"]),
        str(entry.get("case_id", "")),
        str(entry.get("status", "failed")),
        outputs=list(entry.get("outputs", [])),
        error=str(entry.get("error", "")),
    )


class _CtrlC:
    """Ctrl-C during a batch. The first press stops it, but never in the middle of recording a case (its files,
    its journal line, its report line): pressed then, the batch stops right after that case is recorded. Pressing
    it again while the batch stops does nothing, so it cannot cut the stop short (workers never told to quit,
    which the process then waits for forever; no report)."""

    def __init__(self) -> None:
        self.pressed = False
        self.holding = False
        self.deferred = False

    def press(self, signum: int, frame: Any) -> None:
        if self.pressed:
            return
        self.pressed = True
        if self.holding:
            self.deferred = True
        else:
            raise KeyboardInterrupt

    def ignore(self) -> None:
        """From now on a press does nothing."""
        self.pressed = True

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """A block no press cuts short; one pressed in it stops the batch when it ends."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.deferred:
            self.deferred = False
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Handle SIGINT for the block, when this thread may and nobody else handles it (or ignores it)."""
        if threading.current_thread() is not threading.main_thread() or (
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler
        ):
            yield
            return
        signal.signal(signal.SIGINT, self.press)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, signal.default_int_handler)


def _run_pool(
    pending: list[tuple[Job, str]],
    executor: cf.Executor | None,
    workers: int | None,
    record: Callable[[Job, str, Outcome], None],
) -> None:
    """Run the pending jobs over ``executor`` (or a local process pool); ``record`` each as it finishes."""
    count = workers or os.cpu_count() or 1
    pool = executor or cf.ProcessPoolExecutor(
        max_workers=min(count, len(pending)), initializer=_start_worker, initargs=(os.getpid(),)
    )
    futures: dict[cf.Future[Outcome], tuple[Job, str]] = {}
    try:
        futures = {pool.submit(run_job, job): (job, digest) for job, digest in pending}
        for future in cf.as_completed(futures):
            job, digest = futures[future]
            record(job, digest, future.result())
    except KeyboardInterrupt:
        for future in futures:
            future.cancel()
        raise
    finally:
        if executor is None:
            pool.shutdown(wait=True, cancel_futures=True)


def _store(
    outcome: Outcome,
    out_dir: Path,
    journal: Journal,
    digest: str,
    sources: list[Path],
    written: dict[str, str],
    people: dict[str, str],
) -> None:
    """Write a case's files atomically (none replacing an input or an edited letter), then record the case."""
    if outcome.files:
        try:
            _write_files(out_dir, outcome.files, sources, written)
        except OutputError as exc:
            outcome.status, outcome.error, outcome.outputs = "failed", str(exc), []
        outcome.files = {}
    journal.append(
        {
            "label": outcome.label,
            "case_id": outcome.case_id,
            "status": outcome.status,
            "hash": digest,
            "outputs": outcome.outputs,
            "error": outcome.error,
            "people": {name: person for name, person in people.items() if name in outcome.outputs},
        }
    )
    checkpoint("case-journaled")
