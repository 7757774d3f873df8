"""Run one job per case over an executor; resumable, interruptible, reported.

The per-case work is a pure function of the job (:func:`run_job`): it reads
the case data in the job, the maps and blank forms named by it, and returns
the output files as bytes. It runs anywhere a ``concurrent.futures``
executor runs it: a local process pool (default), or a Dask cluster through
``distributed.Client(...).get_executor()``. The driver writes outputs
atomically, appends each finished case to a journal (for ``--resume``) and
writes the report.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import hashlib
import json
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from docgen.batch.sources import CaseRow
from docgen.case.loader import parse_case
from docgen.errors import DocgenError, OutputError, UsageError
from docgen.fileio import (
    check_output,
    csv_text,
    data_kind,
    make_private_dir,
    part_files,
    safe_name,
    write_bytes_atomic,
    write_text_atomic,
)

JOURNAL = ".docgen-batch-journal.jsonl"
PR_SET_PDEATHSIG = 1
DEFAULT_PATTERN = "{case_id}_{form}.pdf"


@dataclass(frozen=True)
class Task:
    """One output of a case: a form to fill (kind 'form'); letters and packets add kinds."""

    kind: str
    name: str  # form id, letter template, packet spec
    person: str | None = None
    options: tuple[tuple[str, str], ...] = ()


@dataclass
class Job:
    """Everything one case needs, picklable, with no open resources."""

    label: str
    case_data: dict[str, Any]
    tasks: tuple[Task, ...]
    pattern: str
    forms_dir: str | None = None
    maps_dir: str | None = None
    flatten: bool = False
    problem: str | None = None

    def input_hash(self, fingerprints: dict[str, str]) -> str:
        """A hash of the case data, the task list and the maps and blanks they use."""
        blob = json.dumps(
            {
                "case": self.case_data,
                "tasks": [asdict(t) for t in self.tasks],
                "pattern": self.pattern,
                "flatten": self.flatten,
                "inputs": fingerprints,
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


@dataclass
class Outcome:
    """What one case produced: files (name -> bytes) or an error in plain words."""

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


class TaskRunner(Protocol):
    """Produces the output files of one task for one case."""

    def __call__(self, job: Job, case: Any, task: Task) -> tuple[dict[str, bytes], list[str]]: ...


def output_name(pattern: str, case_id: str, task: Task, ext: str = "pdf") -> str:
    """The output file name for one task (``{case_id}_{form}.pdf``; ``{form}`` is the form, template or spec)."""
    try:
        name = pattern.format(
            case_id=safe_name(case_id),
            form=safe_name(Path(task.name).stem if task.kind == "packet" else task.name),
            person=safe_name(task.person or "beneficiary"),
            ext=ext,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(
            f"output pattern {pattern!r}: {exc}; use {{case_id}}, {{form}}, {{person}} and {{ext}}"
        ) from None
    if "/" in name or name.startswith("."):
        raise UsageError(f"output pattern {pattern!r} gives {name!r}; it must be a plain file name")
    return name


def fill_task(job: Job, case: Any, task: Task) -> tuple[dict[str, bytes], list[str]]:
    """Fill one form of one case."""
    from docgen.forms.fill import fill_case, prepare

    prepared = prepare(task.name, job.forms_dir, job.maps_dir)
    result = fill_case(prepared, case, task.person, job.label, job.flatten)
    notes = [*result.warnings, *([result.overflow_note()] if result.overflow else [])]
    return {output_name(job.pattern, case.case_id, task): result.data}, notes


TASK_RUNNERS: dict[str, TaskRunner] = {"form": fill_task}


def task_runner(kind: str) -> TaskRunner:
    """The function that does one kind of task (letters and packets load on first use, in any worker)."""
    if kind not in TASK_RUNNERS:
        import docgen.batch.tasks  # noqa: F401 - registers the letter and packet tasks
    return TASK_RUNNERS[kind]


def run_job(job: Job) -> Outcome:
    """Do every task of one case; a user mistake fails this case only."""
    start = time.perf_counter()
    case_id = str(job.case_data.get("case_id") or "")
    outcome = Outcome(job.label, case_id, "failed", worker_pid=os.getpid())
    try:
        if job.problem:
            raise UsageError(job.problem)
        case = parse_case(job.case_data, job.label)
        outcome.case_id = case.case_id
        for task in job.tasks:
            files, notes = task_runner(task.kind)(job, case, task)
            outcome.files.update(files)
            outcome.notes.extend(notes)
        outcome.status = "done"
    except DocgenError as exc:
        outcome.files = {}
        outcome.error = str(exc)
    except Exception as exc:  # a bug must not stop the other cases; the report names it
        outcome.files = {}
        outcome.error = f"{job.label}: internal error ({type(exc).__name__}: {exc}); please report it"
    outcome.seconds = time.perf_counter() - start
    outcome.worker_peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return outcome


def _worker_start(driver: int) -> None:
    """Workers leave Ctrl-C to the driver, which stops the batch cleanly, and die with the driver (even a
    kill -9 of it): a worker gone closes its LibreOffice worker's input, which then stops LibreOffice."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def check_output_names(jobs: list[Job]) -> None:
    """Before anything runs: the pattern works and no two outputs get the same file name."""
    owners: dict[str, str] = {}
    for job in jobs:
        case_id = str(job.case_data.get("case_id") or job.label)
        for task in job.tasks:
            ext = dict(task.options).get("format", "pdf")
            name = output_name(job.pattern, case_id, task, ext=ext)
            if name in owners:
                raise UsageError(
                    f"{name} would be written twice ({owners[name]} and {job.label}): give each case its own "
                    "case_id, and use {form} in --pattern when filling several forms"
                )
            owners[name] = job.label


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
            ext = dict(task.options).get("format", "pdf")
            name = output_name(job.pattern, case_id, task, ext=ext)
            check_output(out_dir / name, ext, sources)
            names.append(name)
            if task.kind == "packet":
                names.append(Path(name).stem + ".manifest.json")
    return names


def make_jobs(rows: Iterable[CaseRow], tasks: tuple[Task, ...], pattern: str, **options: Any) -> list[Job]:
    """One job per case row."""
    return [
        Job(label=r.label, case_data=r.data, tasks=tasks, pattern=pattern, problem=r.problem, **options) for r in rows
    ]


@dataclass
class BatchReport:
    """One line per case, and where the outputs went."""

    out_dir: Path
    outcomes: list[Outcome]
    interrupted: bool = False
    not_started: list[str] = field(default_factory=list)

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
                "outputs": ";".join(sorted(o.files)),
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
            "cases": rows,
        }
        write_text_atomic(json_path, json.dumps(summary, indent=2))
        return csv_path, json_path


class Journal:
    """Append-only record of finished cases, for ``--resume``; one fsynced JSON line per case."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / JOURNAL

    def load(self) -> dict[str, dict[str, Any]]:
        """Last entry per case label."""
        entries: dict[str, dict[str, Any]] = {}
        if not self.path.exists():
            return entries
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a crash: that case is simply done again
            entries[entry["label"]] = entry
        return entries

    def append(self, entry: dict[str, Any]) -> None:
        """Record one finished case durably."""
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, (json.dumps(entry) + "\n").encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def input_fingerprints(tasks: tuple[Task, ...], forms_dir: str | None, maps_dir: str | None) -> dict[str, str]:
    """Hashes of the maps and blank forms the tasks use (so a new edition reruns cases)."""
    from docgen.forms.fill import prepare

    out: dict[str, str] = {}
    for task in tasks:
        if task.kind == "letter":
            from docgen.letters.render import template_path

            out[f"letter:{task.name}"] = hashlib.sha256(template_path(task.name).read_bytes()).hexdigest()
            continue
        if task.kind == "packet":
            out[f"packet:{task.name}"] = hashlib.sha256(Path(dict(task.options)["spec"]).read_bytes()).hexdigest()
            continue
        prepared = prepare(task.name, forms_dir, maps_dir)
        digest = hashlib.sha256(prepared.blank_bytes)
        digest.update(prepared.fmap.path.read_bytes())
        out[task.name] = digest.hexdigest()
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
    nor a case file, a docket or a file of another kind (:func:`docgen.fileio.check_output`).
    """
    try:
        make_private_dir(out_dir)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot make the output folder ({exc.strerror}); choose another") from None
    check_output_names(jobs)
    sources = [*inputs, *(Path(job.label) for job in jobs if Path(job.label).is_file())]
    names = check_outputs(jobs, out_dir, sources)
    for name in names:  # half-written files of a run that was killed
        for part in part_files(out_dir / name):
            part.unlink(missing_ok=True)
    journal = Journal(out_dir)
    previous = journal.load() if resume else {}
    fingerprints = input_fingerprints(jobs[0].tasks, jobs[0].forms_dir, jobs[0].maps_dir) if jobs else {}
    outcomes: list[Outcome] = []
    pending: list[tuple[Job, str]] = []
    for job in jobs:
        digest = job.input_hash(fingerprints)
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
        pending.append((job, digest))
    report = BatchReport(out_dir, outcomes)
    own = executor is None
    pool = executor or cf.ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1, initializer=_worker_start, initargs=(os.getpid(),)
    )
    futures: dict[cf.Future[Outcome], tuple[Job, str]] = {}
    try:
        futures = {pool.submit(run_job, job): (job, digest) for job, digest in pending}
        for count, future in enumerate(_completed(futures), start=1):
            job, digest = futures[future]
            outcome = future.result()
            _store(outcome, out_dir, journal, digest, sources)
            outcomes.append(outcome)
            if progress:
                progress(outcome, count, len(pending))
    except KeyboardInterrupt:
        report.interrupted = True
        for future in futures:
            future.cancel()
        finished = {o.label for o in outcomes}
        report.not_started = [job.label for job, _ in pending if job.label not in finished]
    finally:
        if own:
            pool.shutdown(wait=True, cancel_futures=True)
    order = {job.label: i for i, job in enumerate(jobs)}
    outcomes.sort(key=lambda o: order.get(o.label, 0))
    report.write()
    return report


def _completed(futures: dict[cf.Future[Outcome], Any]) -> Iterator[cf.Future[Outcome]]:
    yield from cf.as_completed(futures)


def _store(outcome: Outcome, out_dir: Path, journal: Journal, digest: str, sources: list[Path]) -> None:
    """Write a case's files atomically, then record it as done."""
    for name, data in outcome.files.items():
        write_bytes_atomic(check_output(out_dir / name, data_kind(data), sources), data)
    journal.append(
        {
            "label": outcome.label,
            "case_id": outcome.case_id,
            "status": outcome.status,
            "hash": digest,
            "outputs": sorted(outcome.files),
            "error": outcome.error,
        }
    )
