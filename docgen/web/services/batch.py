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
NAME_CLASH_FIX = "give each row of the spreadsheet its own case_id, then upload it again"
FOLDER_CLASH_FIX = "give each case file its own case_id (the case list shows the copies), then run it again"
CASE_FILES = "the workspace's case files"
WORKERS = 2
PATTERN = "{case_id}_{form}.pdf"
# a person's forms (the spouse's I-765) are named so: a ZIP of them never holds a file named as the principal's
PERSON_PATTERN = "{case_id}_{form}_{person}.pdf"
PERSON_MAX = 60


def accepted_editions(forms: list[str], ticked: list[str]) -> dict[str, str]:
    """The refused editions of the chosen ``forms`` the user accepted: ``ticked`` holds the boxes' values
    (``I-539=02/04/19``), a box counting only for a chosen form and the edition offered; a chosen form whose
    edition the agency refuses and whose box is not ticked is a :class:`FormError`, as on the Forms tab."""
    from docgen.errors import FormError
    from docgen.web.services.documents import refused_editions

    refused = refused_editions()
    boxes = dict(value.partition("=")[::2] for value in ticked)
    accepted: dict[str, str] = {}
    for form in forms:
        if form not in refused:
            continue
        edition, why, _ = refused[form]
        if boxes.get(form) != edition:
            raise FormError(f"Form {form}: {why}")
        accepted[form] = edition
    return accepted


def start(
    upload: Path | None,
    source_name: str,
    forms: list[str],
    person: str,
    user: Any,
    accept_editions: dict[str, str] | None = None,
) -> Job:
    """Run the batch fill of ``forms`` for every case of ``upload`` (``None``: the workspace's case files, each
    named by its file name, never the server's path) in the background, with progress; ``accept_editions`` (form ->
    edition, from :func:`accepted_editions`) go with every case to the workers, as ``docgen batch --accept-edition``
    sends them."""
    from docgen.batch.runner import Task, check_output_names, make_jobs
    from docgen.batch.sources import read_cases

    if not forms:
        raise UsageError("choose at least one form")
    accepted = dict(accept_editions or {})
    if upload is None:
        folder = Path(settings.CASES_DIR)
        rows = read_cases(folder)
        for row in rows:  # the page names a case file as the case list does, by its name
            row.label = Path(row.label).name
            if row.problem:
                row.problem = row.problem.replace(f"{folder}/", "")
    else:
        rows = read_cases(upload)
    person = person.strip()
    if len(person) > PERSON_MAX or not person.isprintable():  # it names each file: a path too long to write
        shown = person[:40] + "..." if len(person) > 40 else person
        raise UsageError(
            f"For: {shown!r} is not a person id; give one such as spouse or dependents[0] (at most {PERSON_MAX} "
            "characters), or leave it empty for the beneficiary"
        )
    tasks = tuple(Task("form", form, person or None) for form in forms)
    batch_jobs = make_jobs(
        rows,
        tasks,
        PERSON_PATTERN if person else PATTERN,
        forms_dir=settings.FORMS_DIR,
        accept_editions=tuple(sorted(accepted.items())),
    )
    check_output_names(batch_jobs, fix=NAME_CLASH_FIX if upload else FOLDER_CLASH_FIX)  # before a job starts
    job = jobs.create(
        "batch",
        f"{', '.join(forms)}{f' ({person})' if person else ''} for {len(batch_jobs)} case(s) from {source_name}",
        user,
        forms=forms,
        person=person,
        accepted_editions=accepted,
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
                inputs=[upload] if upload else [],
                progress=lambda outcome, done, total: progress(done, total, f"{outcome.label}: {outcome.status}"),
            )
        if upload is not None:
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
