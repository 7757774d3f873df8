"""A new user's trial of the workspace (session 10): the paralegal who opens a case when an RFE lands, on the
user's own fictional case and notices (``tests/test_newuser_s10.py`` draws them)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.mailroom.ingest import IngestReport, ingest_inbox
from docgen.web.services import watcher
from tests.confirming import confirm_response_dates
from tests.test_newuser_s10 import ingest_confirmed, notices_pdf, rfe, workspace


@pytest.fixture
def room(tmp_path: Path, settings: Any) -> Iterator[dict[str, Path]]:
    inbox, cases, docket = workspace(tmp_path)
    settings.DOCKET_PATH = docket
    settings.CASES_DIR = cases
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    yield {"inbox": inbox, "cases": cases, "docket": docket, "root": tmp_path}


def test_the_case_page_shows_the_rfe_the_mailroom_filed_and_its_response_deadline(
    client_for: Any, room: dict[str, Path]
) -> None:
    # The mailroom filed an RFE to the case; the paralegal opened the case in the workspace and found neither the
    # notice nor its response date on any of its tabs (only the case list's "next deadline" column, which showed
    # the soonest date, not the RFE's): she had to ask the clerk or run 'docgen deadlines' in a terminal.
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1  # its response date confirmed
    client = client_for("specialist")
    for tab in ("", "packets/", "letters/"):
        page = client.get(f"/cases/NWF-2026-006/{tab}").content.decode()
        deadlines = page.split('id="case-deadlines"', 1)[1].split("</table>", 1)[0]
        assert "RFE response due" in deadlines and "2027-01-29" in deadlines, tab
        notices = page.split('id="case-notices"', 1)[1].split("</table>", 1)[0]
        assert "WAC2690311006" in notices and "response due 2027-01-29" in notices and "rfe" in notices, tab
    # the case file's own dates are listed too (the I-94 of each person), soonest first
    assert deadlines.index("2027-01-29") < deadlines.index("2027-03-15")
    assert "spouse" in deadlines


def test_a_case_without_a_docket_shows_its_own_dates_and_no_notices(client_for: Any, room: dict[str, Path]) -> None:
    page = client_for("specialist").get("/cases/NWF-2026-006/").content.decode()
    assert 'id="case-deadlines"' in page and "I-94 expires" in page
    assert 'id="case-notices"' not in page


def test_the_server_log_does_not_say_a_filed_scan_could_not_be_filed(
    room: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    # A biometrics notice that came after its appointment was filed, and the desk rightly said the appointment
    # had passed; the server log said "watch: a file could not be filed; the mailroom desk shows why", and the
    # admin went looking for a lost scan.
    scans = room["root"] / "scans"
    scans.mkdir()
    watching = watcher.Watcher(scans, room["docket"], room["cases"], searchable=False)
    report = IngestReport(files=1, filed=[str(room["cases"] / "filed.pdf")])
    report.problems.append("case NWF-2026-006: Biometrics appointment 2026-11-24 has already passed")
    with caplog.at_level(logging.INFO, logger="docgen.web.watch"):
        watching._record(report)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "1 filed" in logged and "could not be filed" not in logged
    assert "already passed" in watching.status().last_problem


LETTER_ANSWERS = """\
extra:
  rfe_response:
    office: {name: California Service Center, street: 24000 Avila Road, city: Laguna Niguel, state: CA,
             zip_code: "92677"}
    points:
      - item: 1
        title: The position is a specialty occupation
        response: The duties of a Robotics Engineer require a bachelor's degree in mechanical engineering.
        exhibits: [A]
    exhibits:
      - {id: A, title: Expert opinion letter, pages: 3}
representative:
  family_name: Okonjo
  given_name: Ruth
  firm: Northwind Immigration LLP
  address: {street: 1 Union Square, city: Seattle, state: WA, zip_code: "98101", country: United States}
"""


def test_the_rfe_letter_rendered_in_the_page_quotes_the_filed_rfe_s_receipt_and_dates(
    client_for: Any, room: dict[str, Path]
) -> None:
    # The paralegal wrote the letter's points in the case and rendered rfe_response on the Letters tab: it was
    # refused for extra.receipt_number, notice_date and response_due, which the RFE the mailroom filed to this
    # very case prints, so she had to copy them from the scan into the YAML box by hand.
    from docgen.packets.crosscheck import docx_text
    from docgen.web.services import jobs
    from docgen.web.workspace.models import Job

    case_file = room["cases"] / "nwf-2026-006.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8") + LETTER_ANSWERS, encoding="utf-8")
    client = client_for("specialist")
    before = client.post("/cases/NWF-2026-006/letters/", {"template": "rfe_response", "format": "docx"})
    assert before.status_code == 422 and "extra.receipt_number" in before.content.decode()
    # the fix is said as the page shows it (there is no "Edit" button: the case page is the form)
    assert "Case data tab, box &quot;Answers for one form only (extra)&quot;" in before.content.decode()
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1  # its response date confirmed
    after = client.post("/cases/NWF-2026-006/letters/", {"template": "rfe_response", "format": "docx"})
    assert after.status_code == 302, re.findall(r"error-box.*?</div>", after.content.decode(), re.S)
    job = Job.objects.filter(kind="letter").latest("created")
    path = jobs.file_path(job, job.files[0])
    assert path is not None
    text = docx_text(path.read_bytes())
    assert "WAC2690311006" in text and "January 29, 2027" in text and "November 4, 2026" in text
    # the case file is not changed by it
    assert "WAC2690311006" in case_file.read_text(encoding="utf-8")
    assert "receipt_number: WAC2690311006" not in case_file.read_text(encoding="utf-8")


def test_the_assembled_rfe_response_puts_the_rfe_the_mailroom_filed_on_top(
    client_for: Any, room: dict[str, Path]
) -> None:
    # To build the RFE response packet in the page, the paralegal had to upload the RFE notice as evidence: the
    # copy the mailroom filed is in the case's folder on the server, which no page serves, so she asked the clerk
    # to scan the paper again.
    from docgen.packets.crosscheck import packet_notices
    from docgen.packets.spec import load_spec
    from docgen.web.services import assembly

    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1  # its response date confirmed
    url = "/cases/NWF-2026-006/packets/assemble/"
    page = client_for("specialist").get(url).content.decode()
    keys = re.findall(r'<input type="hidden" name="item" value="(notice:\d+)">', page)
    assert len(keys) == 1 and "Request for Evidence (Form I-797E), copy" in page
    assert f'name="remove" value="{keys[0]}"' not in page  # the filed notice stays with its case
    state = assembly.load("NWF-2026-006")
    (item,) = [i for i in state.items if i.key == keys[0]]
    assert item.place == "notice" and not item.include
    item.include = True
    state.options.kind = "rfe-response"
    spec_path = assembly.write_spec("NWF-2026-006", room["cases"] / "nwf-2026-006.yaml", state)
    spec = load_spec(spec_path)
    (notice,) = packet_notices(spec)
    assert notice.is_part and notice.values["receipt_number"] == "WAC2690311006"
    assert notice.values["response_due"] == "2027-01-29"


def test_answers_typed_in_the_extra_box_are_saved_not_a_server_error(client_for: Any, room: dict[str, Path]) -> None:
    # The paralegal typed the RFE letter's points into "Answers for one form only (extra)" and pressed Save case:
    # "Server Error (500)", nothing saved, and the server log held the whole answer in a traceback.
    from docgen.case import load_case

    client = client_for("specialist")
    page = client.get("/cases/NWF-2026-006/").content.decode()
    form = {name: value for name, value in re.findall(r'name="(_hash)" value="([^"]*)"', page)}
    answers = (
        "rfe_response:\n  points:\n    - item: 1\n      title: The position is a specialty occupation\n"
        "      exhibits: [A]\n  exhibits:\n    - {id: A, title: Expert opinion letter, pages: 3}\n"
        "I-765:\n  eligibility_category: c26\n"
    )
    response = client.post("/cases/NWF-2026-006/", {**form, "case_id": "NWF-2026-006", "extra": answers})
    assert response.status_code in (200, 302), response.status_code
    case = load_case(room["cases"] / "nwf-2026-006.yaml")
    assert case.extra["rfe_response"]["points"][0]["exhibits"] == ["A"]
    assert case.extra["I-765"]["eligibility_category"] == "c26"
    assert "Borealis Robotics LLC" in (room["cases"] / "nwf-2026-006.yaml").read_text(encoding="utf-8")


def test_an_assembled_rfe_response_checks_what_its_letter_says_is_enclosed(
    client_for: Any, room: dict[str, Path]
) -> None:
    # The rfe_response letter rendered on the Letters tab says "A Form G-28 ... is enclosed" and lists the
    # exhibits of its own data; the packet assembled in the page held no G-28 and other exhibit titles, and the
    # job page said "Cross-checks pass" (only "no response letter part (letter:) to check them against").
    from docgen.packets.crosscheck import cross_check
    from docgen.packets.spec import load_spec
    from docgen.web.services import assembly

    case_file = room["cases"] / "nwf-2026-006.yaml"
    case_file.write_text(case_file.read_text(encoding="utf-8") + LETTER_ANSWERS, encoding="utf-8")
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1  # its response date confirmed
    client = client_for("specialist")
    rendered = client.post("/cases/NWF-2026-006/letters/", {"template": "rfe_response", "format": "docx"})
    assert rendered.status_code == 302
    state = assembly.load("NWF-2026-006")
    for item in state.items:
        item.include = True
    state.options.kind = "rfe-response"
    spec = load_spec(assembly.write_spec("NWF-2026-006", case_file, state))
    report = cross_check(spec, case_path=case_file)
    assert any(p.check == "enclosures" and "G-28" in p.message for p in report.problems), report.lines()


def test_the_clerk_uploads_a_client_s_phone_photo_on_the_desk_and_it_is_filed(
    client_for: Any, room: dict[str, Path]
) -> None:
    # A client e-mailed a photo of her RFE; the clerk had no way to bring it into the workspace but to copy it
    # onto the scanner's share: the desk has no upload, though the README sends her to the browser for the rest.
    import io
    import stat

    scans = room["root"] / "scans"
    scans.mkdir()
    client = client_for("mailroom")
    photo = notices_pdf(room["root"] / "IMG_2231.pdf", rfe).read_bytes()
    assert 'id="scan-upload"' not in client.get("/mailroom/").content.decode()  # no folder watched: no form
    response = client.post("/mailroom/upload/", {"scans": [io.BytesIO(photo)]}, follow=True)
    assert "No scan folder is watched" in response.content.decode() and not list(scans.iterdir())
    watching = watcher.Watcher(scans, room["docket"], room["cases"], searchable=False)
    watcher.install(watching)
    try:
        assert 'id="scan-upload"' in client.get("/mailroom/").content.decode()
        files = []
        for name in ("IMG_2231.pdf", "IMG_2231.pdf"):  # the same name twice: both kept
            handle = io.BytesIO(photo)
            handle.name = name
            files.append(handle)
        response = client.post("/mailroom/upload/", {"scans": files}, follow=True)
        assert "2 scan(s) put in the scan folder" in response.content.decode()
        kept = sorted(p.name for p in scans.iterdir())
        assert kept == ["IMG_2231-2.pdf", "IMG_2231.pdf"]
        assert all(stat.S_IMODE((scans / name).stat().st_mode) == 0o600 for name in kept)
        report = watching._ingest(sorted(scans.iterdir()))
        assert len(report.review) == 1 and report.duplicate_files == 1  # the second copy is the same file
        # filed once the clerk confirms the response date read from the letter's sentence
        assert len(confirm_response_dates(room["docket"], room["cases"])) == 1
    finally:
        watcher.install(None)


def test_the_desk_asks_for_an_unread_approval_end_in_its_own_words_and_files_it_with_the_date(
    client_for: Any, room: dict[str, Path]
) -> None:
    # An I-797A photographed with a shadow over "Valid from ... to ..." waits for review; the clerk chose the
    # case and was told to "give it with --set valid_to=DATE", a terminal's option, on the page.
    from docgen.mailroom.docket import DeadlineKind, open_docket
    from tests.test_newuser_s10 import approval

    notices_pdf(room["inbox"] / "IMG_2231.pdf", lambda c: approval(c, validity=False))
    assert len(ingest_inbox(room["inbox"], room["docket"], room["cases"]).review) == 1
    with open_docket(room["docket"]) as docket:
        (item,) = docket.reviews()
    client = client_for("mailroom")
    url = f"/mailroom/{item.id}/assign/"
    page = client.post(url, {"case_id": "NWF-2026-006"}).content.decode()
    assert "in &#x27;Valid to&#x27;" in page and "--set" not in page
    client.post(url, {"case_id": "NWF-2026-006", "valid_from": "10/01/2026", "valid_to": "09/30/2029"})
    with open_docket(room["docket"]) as docket:
        assert not docket.reviews()
        ends = [d.due.isoformat() for d in docket.deadlines_due() if d.kind == DeadlineKind.STATUS_VALID_UNTIL]
    assert ends == ["2029-09-30"]


def test_the_rfe_letter_is_addressed_to_the_office_that_sent_the_filed_rfe(
    client_for: Any, room: dict[str, Path]
) -> None:
    # With the receipt number and dates taken from the filed RFE, the letter still stopped at extra.office: the
    # office the notice prints at its foot had to be typed too.
    from docgen.mailroom.docket import open_docket
    from docgen.packets.crosscheck import docx_text
    from docgen.web.services import jobs
    from docgen.web.workspace.models import Job

    case_file = room["cases"] / "nwf-2026-006.yaml"
    no_office = "\n".join(
        line for line in LETTER_ANSWERS.splitlines() if "office" not in line and 'zip_code: "92677' not in line
    )
    case_file.write_text(case_file.read_text(encoding="utf-8") + no_office + "\n", encoding="utf-8")
    notices_pdf(room["inbox"] / "scan-0005.pdf", rfe)
    assert len(ingest_confirmed(room["inbox"], room["docket"], room["cases"])) == 1  # its response date confirmed
    with open_docket(room["docket"]) as docket:
        (notice,) = docket.notices("NWF-2026-006")
    assert notice.data["office"] == "CALIFORNIA SERVICE CENTER"
    response = client_for("specialist").post(
        "/cases/NWF-2026-006/letters/", {"template": "rfe_response", "format": "docx"}
    )
    assert response.status_code == 302, re.findall(r"error-box.*?</div>", response.content.decode(), re.S)
    job = Job.objects.filter(kind="letter").latest("created")
    path = jobs.file_path(job, job.files[0])
    assert path is not None
    text = docx_text(path.read_bytes())
    assert "California Service Center" in text and "Laguna Niguel" in text
