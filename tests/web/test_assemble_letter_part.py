"""A letter rendered on the Letters tab goes into a packet assembled in the page as a ``letter:`` part: rendered
again from its template and the case's data, so the cross-checks read what it says is enclosed, the requests it
answers and the notice it quotes, and the job page shows what they found."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.test_newuser_s10 import ingest_confirmed, notices_pdf, rfe
from tests.web.conftest import SAMPLES
from tests.web.test_newuser_s10_web import LETTER_ANSWERS, room  # noqa: F401  (the fixture)

CASE = "NWF-2026-006"
URL = f"/cases/{CASE}/packets/assemble/"


def _keys(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="item" value="([^"]+)">', html)


def _rfe_letter_rendered(client: Any, room: dict[str, Path]) -> None:  # noqa: F811
    """The paralegal's answers in the case, the RFE filed by the mailroom, the letter rendered on the Letters tab."""
    case_file = room["cases"] / "nwf-2026-006.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8") + LETTER_ANSWERS, encoding="utf-8")
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1
    rendered = client.post(f"/cases/{CASE}/letters/", {"template": "rfe_response", "format": "docx"})
    assert rendered.status_code == 302
    _wait_all()  # the rendering runs as a job: done before the packet's job (the test database has one writer)


def _build(client: Any, keys: list[str], **extra: Any) -> Any:
    data: dict[str, Any] = {"item": keys, **{f"on:{k}": "1" for k in keys}, "kind": "rfe-response"}
    data.update(extra)
    return client.post(URL, {**data, "action": "build"})


def _wait_all() -> None:
    for thread in threading.enumerate():
        if thread.name.startswith("docgen-job-"):
            thread.join(120)


def _wait(job_id: Any) -> None:
    for thread in threading.enumerate():
        if thread.name == f"docgen-job-{job_id}":
            thread.join(120)


def _finished(response: Any) -> Any:
    """The job a build's redirect names, read once its thread has ended: nothing is read from the database before,
    as the test database (SQLite, shared cache) refuses the job's writes while another thread reads ('database table
    is locked': the job failed under CI's load)."""
    from docgen.web.workspace.models import Job

    job_id = response.url.rstrip("/").rsplit("/", 1)[1]
    _wait(job_id)
    return Job.objects.get(pk=job_id)


@pytest.mark.django_db(transaction=True)  # the build runs in a thread, on its own connection
def test_the_job_page_shows_the_enclosure_the_letter_claims_and_the_packet_lacks(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
) -> None:

    client = client_for("specialist")
    _rfe_letter_rendered(client, room)
    keys = _keys(client.get(URL).content.decode())
    assert "letter:rfe_response" in keys
    response = _build(client, keys, **{"place:letter:rfe_response": "cover-letter"})
    assert response.status_code == 302, re.findall(r"error-box.*?</div>", response.content.decode(), re.S)
    job = _finished(response)
    page = client.get(response.url).content.decode()
    found = page.split('id="crosscheck"', 1)[1].split("</section>", 1)[0]
    assert "found problems" in found
    assert re.search(r"error \[enclosures\] letter \S*rfe_response\S*: says .*G-28", found), found
    assert "no response letter part (letter:)" not in found  # the letter is read: its points answer the RFE
    assert "ok [requests: 1 in part" in found
    job.refresh_from_db()
    assert job.status == "failed" and "cross-check problem" in job.message


@pytest.mark.django_db(transaction=True)
def test_a_packet_whose_letter_agrees_with_its_parts_passes_and_prints_the_letter_checked(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
) -> None:
    import io
    import stat

    from django.utils import timezone

    from docgen.compliance.lca import pdf_text
    from docgen.packets.spec import LetterPart, load_spec
    from docgen.web.services import assembly, jobs
    from docgen.web.workspace.models import Job

    client = client_for("specialist")
    _rfe_letter_rendered(client, room)
    # the signed G-28 the letter says is enclosed, brought as a scan and placed as a document part
    g28 = io.BytesIO((SAMPLES / "packets" / "evidence" / "lca-certified.pdf").read_bytes())
    g28.name = "g-28-signed.pdf"
    client.post(URL, {"evidence": g28})
    keys = _keys(client.get(URL).content.decode())
    upload = next(k for k in keys if k.startswith("upload:"))
    response = _build(client, keys, **{f"place:{upload}": "document", f"title:{upload}": "Form G-28, signed"})
    assert response.status_code == 302, re.findall(r"error-box.*?</div>", response.content.decode(), re.S)
    job = _finished(response)
    page = client.get(response.url).content.decode()
    found = page.split('id="crosscheck"', 1)[1].split("</section>", 1)[0]
    assert 'Cross-checks <span class="good">pass</span>' in found, found
    assert "ok [enclosures: 1 letter(s) read]" in found and "ok [requests: 1 in part" in found
    job.refresh_from_db()
    assert job.status == "done", job.message
    # the spec the page wrote: a letter: part dated the day it was rendered, its answers beside it (owner-only)
    spec = load_spec(assembly.work_dir(CASE) / "packet.yaml")
    (letter,) = [e.part for e in spec.parts if isinstance(e.part, LetterPart)]
    rendering = Job.objects.filter(kind="letter").latest("created")
    rendered_on = timezone.localdate(rendering.created).isoformat()
    assert (letter.letter, letter.role, letter.date) == ("rfe_response", "cover-letter", rendered_on)
    assert letter.data is not None and stat.S_IMODE(spec.resolve(letter.data).stat().st_mode) == 0o600
    # the packet prints the letter the checks read: the G-28 sentence, the office of the filed RFE
    packet = jobs.file_path(job, f"{CASE}-packet.pdf")
    assert packet is not None
    text = " ".join(pdf_text(packet).split())
    assert "G-28" in text and "enclosed" in text and "California Service Center" in text


@pytest.mark.django_db(transaction=True)
def test_a_letter_whose_answers_the_case_lost_since_it_was_rendered_says_where_to_add_them(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
) -> None:

    client = client_for("specialist")
    _rfe_letter_rendered(client, room)
    case_file = room["cases"] / "nwf-2026-006.yaml"  # the points taken out of the case after the rendering
    text = case_file.read_text(encoding="utf-8")
    start, end = text.index("    points:\n"), text.index("    exhibits:\n")
    case_file.write_text(text[:start] + text[end:], encoding="utf-8")
    response = _build(client, _keys(client.get(URL).content.decode()))
    assert response.status_code == 302
    job = _finished(response)
    job.refresh_from_db()
    assert job.status == "failed" and "extra.points is missing" in job.message
    assert "Case data tab" in job.message and "--data" not in job.message


def firm_letter_rendered(client_for: Any, room: dict[str, Path]) -> Path:  # noqa: F811
    """The firm's copy of ``rfe_response`` uploaded as ``firm_rfe`` (by an admin), the paralegal's answers in the
    case, the RFE filed by the mailroom, and the letter rendered from it on the Letters tab; the uploaded file."""
    import io

    from docgen.bundled import bundled_dir
    from docgen.web.services import documents

    docx = io.BytesIO((bundled_dir("letter_templates") / "rfe_response.docx").read_bytes())
    docx.name = "firm_rfe.docx"
    client_for("admin").post("/templates/upload/", {"template": docx, "next": f"/cases/{CASE}/letters/"})
    uploaded = documents.uploaded_templates_dir() / "firm_rfe.docx"
    assert uploaded.is_file()
    case_file = room["cases"] / "nwf-2026-006.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8") + LETTER_ANSWERS, encoding="utf-8")
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1
    rendered = client_for("specialist").post(
        f"/cases/{CASE}/letters/", {"template": "upload:firm_rfe", "format": "docx"}
    )
    assert rendered.status_code == 302
    _wait_all()
    return uploaded


def test_a_letter_from_the_firm_s_uploaded_template_is_rendered_again_from_it(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
) -> None:
    from docgen.errors import UsageError
    from docgen.packets.crosscheck import cross_check
    from docgen.packets.spec import LetterPart, load_spec
    from docgen.web.services import assembly
    from docgen.web.workspace.models import Job

    uploaded = firm_letter_rendered(client_for, room)
    case_file = room["cases"] / "nwf-2026-006.yaml"
    for older in (False, True):  # a rendering from before the template chosen was kept finds it too
        if older:
            job = Job.objects.filter(kind="letter").latest("created")
            job.details = {k: v for k, v in job.details.items() if k != "source"}
            job.save()
        state = assembly.load(CASE)
        for item in state.items:
            item.include = True
        state.options.kind = "rfe-response"
        spec = load_spec(assembly.write_spec(CASE, case_file, state))
        (letter,) = [e.part for e in spec.parts if isinstance(e.part, LetterPart)]
        assert Path(letter.letter) == uploaded
        report = cross_check(spec, case_path=case_file)
        assert any(p.check == "enclosures" and "G-28" in p.message for p in report.problems), report.lines()
    uploaded.unlink()  # the template gone: the page says so, and how to go on
    with pytest.raises(UsageError, match="no longer on the Letters tab; upload it again or untick the letter"):
        assembly.write_spec(CASE, case_file, assembly.load(CASE))
