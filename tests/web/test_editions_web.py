"""An edition the agency refuses, in the workspace: said beside the form choice, filled only when the user
ticks the box (audited with their name), and the acceptance reaches the background jobs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

CASE = "ACME-2026-0142"


@pytest.mark.editions_enforced
def test_a_refused_edition_is_said_beside_the_form_and_filled_only_when_ticked(
    client_for: Any, cases_dir: Path
) -> None:
    from docgen.web.accounts.models import AuditEntry

    client = client_for("specialist")
    html = client.get(f"/cases/{CASE}/forms/").content.decode()
    assert "does not accept edition 02/04/19 of Form I-539" in html
    assert 'name="accept_edition" value="I-539=02/04/19"' in html
    assert "Fill this edition anyway (I know USCIS refuses it)" in html
    assert "--accept-edition" not in html  # an option of the command line, not of this page

    refused = client.post(f"/cases/{CASE}/forms/", {"form": "I-539", "person": "spouse"})
    assert refused.status_code == 422
    text = refused.content.decode()
    assert "does not accept edition 02/04/19" in text and "fill this edition anyway" in text
    assert not AuditEntry.objects.filter(action="form filled").exists()

    # a box ticked for another form accepts nothing for this one
    other = client.post(
        f"/cases/{CASE}/forms/", {"form": "I-539", "person": "spouse", "accept_edition": "I-765=02/04/19"}
    )
    assert other.status_code == 422

    done = client.post(
        f"/cases/{CASE}/forms/", {"form": "I-539", "person": "spouse", "accept_edition": "I-539=02/04/19"}
    )
    assert done.status_code == 302
    entry = AuditEntry.objects.get(action="refused edition filled knowingly")
    assert entry.username == "specialist" and entry.target == "I-539 edition 02/04/19" and entry.case_id == CASE

    # a packet assembled in the page from this fill accepts the edition too, saying who accepted it
    from docgen.web.services import assembly

    assert client.post(f"/cases/{CASE}/forms/", {"form": "I-765", "person": "spouse"}).status_code == 302
    items = assembly.candidates(CASE)
    for item in items:
        item.include = item.kind == "form"
    data = assembly.spec_data(CASE, cases_dir / "h1b-okafor.yaml", assembly.Assembly(assembly.Options(), items))
    forms = {part["form"]: part for part in data["parts"] if "form" in part}
    assert forms["I-539"]["accept_edition"] == {
        "edition": "02/04/19",
        "reason": "filled knowingly in the workspace by specialist",
    }
    assert "accept_edition" not in forms["I-765"]


@pytest.mark.editions_enforced
@pytest.mark.django_db(transaction=True)
def test_a_background_job_runs_with_the_acceptance_of_the_request_that_started_it(users: Any) -> None:
    from docgen.editions import accepting_editions, is_accepted_explicitly
    from docgen.web.services import jobs

    seen: list[bool] = []
    ran = threading.Event()

    def work(job: Any, progress: Any) -> None:
        seen.append(is_accepted_explicitly("I-539", "02/04/19"))
        ran.set()

    job = jobs.create("packet", "edition test", users["specialist"], CASE)
    with accepting_editions({"I-539": "02/04/19"}):
        thread = jobs.run_in_background(job, work)
    thread.join(30)
    assert ran.is_set() and seen == [True]


def test_the_packets_tab_offers_only_this_case_s_specs_and_names_the_others(client_for: Any, cases_dir: Path) -> None:
    import re

    html = client_for("specialist").get(f"/cases/{CASE}/packets/").content.decode()
    offered = re.findall(r'<option value="([^"]+)"', html)
    assert offered == ["h1b-filing.yaml", "rfe-response.yaml"]  # both name h1b-okafor.yaml; the first is chosen
    assert (
        "1 other spec in the packets folder is written for other cases: eb2-family.yaml (eb2-family-haddad.yaml)"
        in html
    )
    haddad = client_for("specialist").get("/cases/CASCADIA-2026-0077/packets/").content.decode()
    assert re.findall(r'<option value="([^"]+)"', haddad) == ["eb2-family.yaml"]


def test_a_letter_missing_its_data_says_where_to_add_it_in_the_page(client_for: Any, cases_dir: Path) -> None:
    response = client_for("specialist").post(
        f"/cases/{CASE}/letters/", {"template": "employment_verification", "format": "docx"}
    )
    text = response.content.decode()
    assert "the letter needs" in text and "missing" in text
    assert "--data" not in text
    assert "Answers for one form only (extra)" in text


@pytest.mark.editions_enforced
def test_the_batch_page_refuses_a_refused_edition_unless_its_box_is_ticked(client_for: Any, settings: Any) -> None:
    from docgen.web.accounts.models import AuditEntry
    from docgen.web.workspace.models import Job

    client = client_for("counsel")
    html = client.get("/batch/").content.decode()
    assert 'name="accept_edition" value="I-539=02/04/19"' in html
    assert "Fill this edition anyway (I know USCIS refuses it)" in html
    spreadsheet = Path(__file__).resolve().parents[2] / "samples" / "batch" / "h4-spouses.csv"
    kept = set((Path(settings.DATA_DIR) / "uploads").glob("*/*"))
    for ticked in ([], ["I-765=02/04/19"], ["I-539=01/01/01"]):  # none, another form's, another edition
        with spreadsheet.open("rb") as upload:
            response = client.post(
                "/batch/", {"cases": upload, "forms": ["I-539", "I-765"], "person": "spouse", "accept_edition": ticked}
            )
        assert response.status_code == 422
        text = response.content.decode()
        assert "Form I-539: USCIS does not accept edition 02/04/19" in text and "fill this edition anyway" in text
        assert 'value="I-539" checked' in text and 'value="spouse"' in text  # the choices stay made
    assert not Job.objects.filter(kind="batch").exists() and not AuditEntry.objects.filter(action__contains="batch")
    assert set((Path(settings.DATA_DIR) / "uploads").glob("*/*")) == kept  # nothing kept of a refused run
