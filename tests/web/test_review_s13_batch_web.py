"""Review of session 13: the Batch page on the workspace's own case files, for one person of each case (a spouse's
I-765). Real case file, real fill in the batch's worker processes, the ZIP's PDF read back with pypdf."""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _finished_batches() -> list[Any]:
    from docgen.web.workspace.models import Job

    for thread in threading.enumerate():  # the job's thread ends before the test reads it (SQLite's table lock)
        if thread.name.startswith("docgen-job-"):
            thread.join(120)
    return list(Job.objects.filter(kind="batch"))


@pytest.mark.django_db(transaction=True)  # the batch runs in a thread, on its own connection
def test_a_batch_of_a_persons_forms_names_the_person_in_its_files_and_title(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Fault: "For: spouse" filled Emeka Okafor's I-765 into ACME-2026-0142_I-765.pdf, the name the principal's
    I-765 gets, in a job titled "I-765 for 1 case(s)": two downloads (the principal's, the spouse's) unpacked into
    one folder replaced one person's form with the other's, and nothing on the job said whose forms it holds."""
    from docgen.web.services import jobs

    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", folder / "h1b-okafor.yaml")
    settings.CASES_DIR = folder
    settings.DOCKET_PATH = tmp_path / "no-docket-yet.sqlite"
    response = client_for("counsel").post("/batch/", {"source": "cases", "forms": ["I-765"], "person": "spouse"})
    assert response.status_code == 302, response.content.decode()[:2000]
    (job,) = _finished_batches()
    assert job.status == "done", job.details
    assert job.title == "I-765 (spouse) for 1 case(s) from the workspace's case files"
    with zipfile.ZipFile(jobs.folder(job) / "batch.zip") as archive:
        names = sorted(archive.namelist())
        assert names == ["ACME-2026-0142_I-765_spouse.pdf", "batch-report.csv", "batch-report.json"]
        fields = PdfReader(io.BytesIO(archive.read("ACME-2026-0142_I-765_spouse.pdf"))).get_fields() or {}
    values = {str(field.get("/V")) for field in fields.values() if field.get("/V")}
    assert "Emeka" in values and "Chidera" not in values  # the spouse's own form


@pytest.mark.django_db(transaction=True)
def test_a_long_person_id_is_refused_and_a_long_sheet_name_is_shortened_in_the_title(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """A person id pasted with a paragraph after it names every file of the batch: it was a job failed with
    "...: is a binary file; docgen will not overwrite it" naming the server's folder (the file name was too long to
    write); it is refused on the page before any job starts. A spreadsheet with a long name made a job title over the
    300 characters of the job table's column (PostgreSQL refuses it: a server error); the title is shortened."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", folder / "h1b-okafor.yaml")
    settings.CASES_DIR = folder
    settings.DOCKET_PATH = tmp_path / "no-docket-yet.sqlite"
    client = client_for("counsel")
    person = "spouse" + " " * 400 + "x"
    response = client.post("/batch/", {"source": "cases", "forms": ["I-765"], "person": person})
    assert response.status_code == 422
    page = response.content.decode()
    shown = page[page.index('class="error-box"') :][:400].replace("&#x27;", "'")
    assert "For: 'spouse" in shown and "is not a person id; give one such as spouse or dependents[0]" in shown
    assert not _finished_batches()

    name = "Q4 assignees " + "x" * 280 + ".csv"
    sheet = SimpleUploadedFile(name, b"case_id,beneficiary.family_name,beneficiary.given_name\nRV13-CSV-1,Lund,Per\n")
    forms = ["G-1145", "I-131", "I-485", "I-765", "I-907"]  # Django keeps 255 characters of the name: with these, 319
    response = client.post("/batch/", {"source": "upload", "forms": forms, "cases": sheet})
    assert response.status_code == 302, response.content.decode()[:2000]
    (job,) = _finished_batches()
    assert len(job.title) <= 300 and job.title.startswith(f"{', '.join(forms)} for 1 case(s) from Q4 assignees xxx")
    assert job.title.endswith("...")
    assert job.status == "done" and str(settings.DATA_DIR) not in job.message
