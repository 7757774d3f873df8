"""Letters and packets as batch tasks (forms are in :mod:`docgen.batch.runner`).

Each worker process keeps one LibreOffice for all its letters and packets
(started on first need, closed when the worker exits), so the start-up cost
is paid once per worker, not once per case.
"""

from __future__ import annotations

import multiprocessing.util
from pathlib import Path
from typing import Any

from docgen.batch.runner import TASK_RUNNERS, Job, Task, output_name
from docgen.case.model import Case
from docgen.fileio import private_temp_dir, write_text_atomic

_OFFICE: Any = None


def worker_converter() -> Any:
    """This process's LibreOffice converter, started on first use."""
    global _OFFICE
    if _OFFICE is None:
        from docgen.letters import OfficeConverter

        _OFFICE = OfficeConverter()
        multiprocessing.util.Finalize(None, _close_office, exitpriority=10)
    return _OFFICE


def _close_office() -> None:
    global _OFFICE
    if _OFFICE is not None:
        _OFFICE.close()
        _OFFICE = None


def letter_task(job: Job, case: Case, task: Task) -> tuple[dict[str, bytes], list[str]]:
    """Render one letter template for one case, as DOCX or PDF."""
    from docgen.letters import render_letter

    options = dict(task.options)
    fmt = options.get("format", "pdf")
    result = render_letter(
        task.name,
        case,
        fmt=fmt,
        data=options.get("data"),
        logo=options.get("logo"),
        date=options.get("date"),
        converter=worker_converter() if fmt == "pdf" else None,
    )
    data = result.pdf if fmt == "pdf" else result.docx
    assert data is not None
    return {output_name(job.pattern, case.case_id, task, ext=fmt): data}, []


def packet_task(job: Job, case: Case, task: Task) -> tuple[dict[str, bytes], list[str]]:
    """Build one packet spec for one case; the PDF and its manifest come back as files."""
    from docgen.packets.build import build_packet

    options = dict(task.options)
    with private_temp_dir("docgen-packet-") as tmp:
        case_file = Path(job.label)  # a case from a folder keeps its own file, so its relative paths (logo) resolve
        if not case_file.is_file():
            case_file = tmp / "case.json"
            write_text_atomic(case_file, case.model_dump_json(exclude_none=True))
        name = output_name(job.pattern, case.case_id, task, ext="pdf")
        target = tmp / name
        result = build_packet(
            options["spec"],
            target,
            case=case_file,
            forms_dir=job.forms_dir,
            maps_dir=job.maps_dir,
            converter=worker_converter(),
        )
        files = {name: target.read_bytes(), Path(name).stem + ".manifest.json": result.manifest_path.read_bytes()}
    return files, list(result.notes)


TASK_RUNNERS["letter"] = letter_task
TASK_RUNNERS["packet"] = packet_task
