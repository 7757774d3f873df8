"""Batch fills for counsel: a spreadsheet of cases in, a ZIP of filled forms and the per-case report out."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings

from docgen.errors import UsageError
from docgen.web.services import jobs, uploads
from docgen.web.workspace.models import Job

ZIP_NAME = "batch.zip"
WORKERS = 2


def start(upload: Path, source_name: str, forms: list[str], person: str, user: Any) -> Job:
    """Run the batch fill of ``forms`` for every case of ``upload`` in the background, with progress."""
    from docgen.batch.runner import Task, make_jobs
    from docgen.batch.sources import read_cases

    if not forms:
        raise UsageError("choose at least one form")
    rows = read_cases(upload)
    tasks = tuple(Task("form", form, person or None) for form in forms)
    batch_jobs = make_jobs(rows, tasks, "{case_id}_{form}.pdf", forms_dir=settings.FORMS_DIR)
    job = jobs.create(
        "batch",
        f"{', '.join(forms)} for {len(batch_jobs)} case(s) from {source_name}",
        user,
        forms=forms,
        person=person,
    )
    job.total = len(batch_jobs)
    job.save(update_fields=["total"])

    def work(job: Job, progress: jobs.Progress) -> None:
        from docgen.batch.runner import run_batch

        out_dir = jobs.folder(job)
        progress(0, len(batch_jobs), "starting")
        context = multiprocessing.get_context("forkserver")
        with cf.ProcessPoolExecutor(max_workers=min(WORKERS, len(batch_jobs)), mp_context=context) as pool:
            report = run_batch(
                batch_jobs,
                out_dir,
                executor=pool,
                inputs=[upload],
                progress=lambda outcome, done, total: progress(done, total, f"{outcome.label}: {outcome.status}"),
            )
        uploads.discard(upload)
        outputs = sorted({name for o in report.outcomes for name in (o.outputs or o.files)})
        with zipfile.ZipFile(out_dir / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in [*outputs, "batch-report.csv", "batch-report.json"]:
                archive.write(out_dir / name, name)
        (out_dir / ZIP_NAME).chmod(0o600)
        jobs.finish(
            job,
            [ZIP_NAME, "batch-report.csv", "batch-report.json"],
            done_cases=sum(o.status == "done" for o in report.outcomes),
            failed=[{"case": o.label, "error": o.error} for o in report.failed],
            rows=[{k: r[k] for k in ("case", "case_id", "status", "error")} for r in report.rows()],
        )

    jobs.run_in_background(job, work)
    return job
