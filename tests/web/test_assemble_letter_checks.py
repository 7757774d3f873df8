"""A letter held in a packet assembled in the page, as the job page's check lines say it: an uploaded template by its
name only (never the server's folder)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.test_newuser_s10 import ingest_confirmed, notices_pdf, rfe
from tests.web.test_assemble_letter_part import URL, _build, _keys, _wait, _wait_all
from tests.web.test_newuser_s10_web import LETTER_ANSWERS, room  # noqa: F401  (the fixture)

CASE = "NWF-2026-006"


def _checks(client: Any, response: Any) -> str:
    """The job page's cross-check section, once the job is over."""
    from docgen.web.workspace.models import Job

    assert response.status_code == 302, re.findall(r"error-box.*?</div>", response.content.decode(), re.S)
    job = Job.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
    _wait(job.pk)
    page = client.get(response.url).content.decode()
    return page.split('id="crosscheck"', 1)[1].split("</section>", 1)[0]


@pytest.mark.django_db(transaction=True)  # the build runs in a thread, on its own connection
def test_the_job_page_names_an_uploaded_template_by_its_name_not_the_server_s_path(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
    settings: Any,
) -> None:
    # The paralegal's packet with the firm's own RFE letter: the job page's check lines read "error [enclosures]
    # letter /srv/docgen-data/templates/firm_rfe.docx: ...", the server's folders shown to every user of the case.
    from docgen.bundled import bundled_dir

    docx = io.BytesIO((bundled_dir("letter_templates") / "rfe_response.docx").read_bytes())
    docx.name = "firm_rfe.docx"
    client_for("admin").post("/templates/upload/", {"template": docx, "next": f"/cases/{CASE}/letters/"})
    client = client_for("specialist")
    case_file = room["cases"] / "nwf-2026-006.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8") + LETTER_ANSWERS, encoding="utf-8")
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1
    rendered = client.post(f"/cases/{CASE}/letters/", {"template": "upload:firm_rfe", "format": "docx"})
    assert rendered.status_code == 302
    _wait_all()
    keys = _keys(client.get(URL).content.decode())
    assert "letter:firm_rfe" in keys
    found = _checks(client, _build(client, keys, **{"place:letter:firm_rfe": "cover-letter"}))
    assert re.search(r"error \[enclosures\] letter firm_rfe: says .*G-28", found), found
    assert str(settings.DATA_DIR) not in found and "templates/" not in found and ".docx" not in found

