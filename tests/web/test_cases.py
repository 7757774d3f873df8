"""The case pages against real case files: edits round-trip into the YAML the CLI reads, comments and order
kept; the model's errors inline; stale saves refused; new cases; the to-answer report's links."""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path
from typing import Any

from docgen.case.loader import load_case
from tests.pdfcheck import reopen_values

CASE = "ACME-2026-0142"
SAMPLES_CASES = Path(__file__).resolve().parents[2] / "samples" / "cases"


def _form_values(html: str) -> dict[str, Any]:
    """Every input and select of the case form with the value the page shows (what a browser would post)."""
    values: dict[str, str] = {}
    for match in re.finditer(r'<input id="[^"]*" name="([^"]+)" value="([^"]*)"', html):
        values[match.group(1)] = match.group(2)
    for match in re.finditer(r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option(?: value="([^"]*)")? selected>([^<]*)</option>', match.group(2))
        values[match.group(1)] = (
            chosen.group(1) if chosen and chosen.group(1) is not None else chosen.group(2) if chosen else ""
        )
    for match in re.finditer(r'<textarea id="[^"]*" name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values[match.group(1)] = match.group(2)
    import html as html_lib

    values = {k: html_lib.unescape(v) for k, v in values.items()}
    values["_hash"] = re.search(r'name="_hash" value="([0-9a-f]*)"', html).group(1)  # type: ignore[union-attr]
    out: dict[str, Any] = dict(values)
    out["_removed"] = re.findall(r'name="_removed" value="([^"]*)"', html)
    return out


def _open(client: Any, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    return _form_values(response.content.decode())


def test_saving_one_change_touches_only_that_line(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    before = path.read_text()
    client = client_for("specialist")
    values = _open(client, f"/cases/{CASE}/")
    assert values["beneficiary.birth_date"] == "1990-04-17"
    assert "beneficiary.passport.number" not in values  # masked: not on the page, so not posted
    values["dependents[0].i94.expiry_date"] = "2027-03-31"
    response = client.post(f"/cases/{CASE}/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    after = path.read_text()
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(diff) == 2 and diff[1].strip() == "+      expiry_date: 2027-03-31", diff
    assert after.startswith("# Fictional sample case")  # comments kept
    case = load_case(path)  # the CLI reads it
    assert str(case.person("spouse").i94.expiry_date) == "2027-03-31"  # type: ignore[union-attr]
    assert case.beneficiary.passport and case.beneficiary.passport.number  # the masked number kept


def test_validation_error_is_shown_beside_its_input_and_nothing_is_written(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    before = path.read_bytes()
    client = client_for("specialist")
    values = _open(client, f"/cases/{CASE}/")
    values["beneficiary.birth_date"] = "13/45/1990"
    values["beneficiary.sex"] = "Q"
    response = client.post(f"/cases/{CASE}/", {**values, "_save": "1"})
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(
        r'id="f-beneficiary-birth-date-error">the value is not a date \(write YYYY-MM-DD or '
        r"MM/DD/YYYY\)</p>",
        html,
    )
    assert "Not saved: 2 problems to fix" in html
    assert 'value="13/45/1990"' in html  # what was typed stays in the input
    assert path.read_bytes() == before


def test_stale_save_is_refused_and_shows_what_changed(client_for: Any, cases_dir: Path) -> None:
    path = cases_dir / "h1b-okafor.yaml"
    client = client_for("specialist")
    values = _open(client, f"/cases/{CASE}/")
    path.write_text(path.read_text().replace("birth_date: 1990-04-17", "birth_date: 1990-04-18"))
    changed = path.read_bytes()
    values["job.title"] = "Principal Software Engineer"
    response = client.post(f"/cases/{CASE}/", {**values, "_save": "1"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "someone saved this case after you opened it" in html
    assert re.search(r"<td>beneficiary.birth_date</td><td>1990-04-17</td><td>1990-04-18</td>", html)
    assert path.read_bytes() == changed
    again = _form_values(html)  # the page now carries the new version: saving again is a conscious choice
    response = client.post(f"/cases/{CASE}/", {**again, "_save": "1"})
    assert response.status_code == 302
    assert load_case(path).job.title == "Principal Software Engineer"  # type: ignore[union-attr]


def test_new_case_error_then_fixed_then_created(client_for: Any, cases_dir: Path) -> None:
    client = client_for("specialist")
    values = _open(client, "/cases/new/")
    values = {k: v for k, v in values.items() if v}
    values.update(
        {
            "case_id": "NEW-2026-0001",
            "beneficiary.family_name": "Mwangi",
            "beneficiary.given_name": "Achieng",
            "beneficiary.birth_date": "1992-02-30",
            "_hash": "",
        }
    )
    response = client.post("/cases/new/", {**values, "_save": "1"})
    assert response.status_code == 422
    assert "the value is not a date" in response.content.decode()
    assert not (cases_dir / "NEW-2026-0001.yaml").exists()
    values["beneficiary.birth_date"] = "1992-02-28"
    response = client.post("/cases/new/", {**values, "_save": "1"})
    assert response.status_code == 302 and response["Location"] == "/cases/NEW-2026-0001/"
    case = load_case(cases_dir / "NEW-2026-0001.yaml")
    assert (case.case_id, case.beneficiary.family_name, str(case.beneficiary.birth_date)) == (
        "NEW-2026-0001",
        "Mwangi",
        "1992-02-28",
    )
    assert (cases_dir / "NEW-2026-0001.yaml").stat().st_mode & 0o777 == 0o600
    response = client.post("/cases/new/", {**values, "_save": "1"})  # the same page sent again: saved already
    assert response.status_code == 302 and response["Location"] == "/cases/NEW-2026-0001/"
    response = client.post("/cases/new/", {**values, "beneficiary.given_name": "Akinyi", "_save": "1"})  # the same id
    assert response.status_code == 422 and "exists already" in response.content.decode()
    response = client.post("/cases/new/", {**values, "case_id": "new-2026-0001", "_save": "1"})  # only capitals differ
    assert response.status_code == 422 and "only in capitals" in response.content.decode()
    assert not (cases_dir / "new-2026-0001.yaml").exists()


def test_add_and_remove_a_dependent(client_for: Any, cases_dir: Path) -> None:
    client = client_for("specialist")
    values = _open(client, f"/cases/{CASE}/")
    response = client.post(f"/cases/{CASE}/", {**values, "_add": "dependents"})
    html = response.content.decode()
    assert 'name="dependents[1].family_name"' in html
    values = _form_values(html)
    values.update(
        {
            "dependents[1].id": "son",
            "dependents[1].family_name": "Okafor",
            "dependents[1].given_name": "Obi",
            "dependents[1].birth_date": "2021-06-01",
        }
    )
    assert client.post(f"/cases/{CASE}/", {**values, "_save": "1"}).status_code == 302
    assert [p.id for p in load_case(cases_dir / "h1b-okafor.yaml").dependents] == ["spouse", "son"]
    values = _open(client, f"/cases/{CASE}/")
    html = client.post(f"/cases/{CASE}/", {**values, "_remove": "dependents[1]"}).content.decode()
    assert 'name="dependents[1].family_name"' not in html
    assert client.post(f"/cases/{CASE}/", {**_form_values(html), "_save": "1"}).status_code == 302
    assert [p.id for p in load_case(cases_dir / "h1b-okafor.yaml").dependents] == ["spouse"]


def test_still_to_answer_links_to_inputs(client_for: Any, cases_dir: Path) -> None:
    from docgen.web.workspace.editor import field_id

    client = client_for("specialist")
    html = client.get("/cases/CASCADIA-2026-0077/todo/?forms=I-485&people=spouse").content.decode()
    links = re.findall(r'href="/cases/CASCADIA-2026-0077/#([^"]+)"', html)
    assert links, html[:3000]
    page = client.get("/cases/CASCADIA-2026-0077/").content.decode()
    ids = set(re.findall(r'id="(f-[^"]+)"', page))
    assert set(links) <= ids | {"errors"}
    assert any(link.startswith(field_id("dependents[0]")) for link in links)


def test_case_list_filters(client_for: Any, cases_dir: Path) -> None:
    client = client_for("mailroom")
    html = client.get("/?classification=EB-2").content.decode()
    assert "CASCADIA-2026-0077" in html and "ACME-2026-0142" not in html
    html = client.post("/", {"q": "okafor"}).content.decode()  # names are posted, never in the URL
    assert "ACME-2026-0142" in html and "CASCADIA-2026-0077" not in html
    assert 'href="/cases/' not in html  # the mailroom sees names, not case data


def test_fill_a_form_and_read_the_values_back(client_for: Any, cases_dir: Path) -> None:
    client = client_for("specialist")
    response = client.post(f"/cases/{CASE}/forms/", {"form": "I-765", "person": "spouse"})
    assert response.status_code == 302
    job_url = response["Location"]
    html = client.get(job_url).content.decode()
    name = re.search(r'/files/([^"]+\.pdf)"', html).group(1)  # type: ignore[union-attr]
    assert f"{name}/1.png" in html
    png = client.get(f"{job_url}pages/{name}/1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    pdf = b"".join(client.get(f"{job_url}files/{name}").streaming_content)  # type: ignore[attr-defined]
    values = reopen_values(pdf)
    spouse = load_case(cases_dir / "h1b-okafor.yaml").person("spouse")
    assert values["form1[0].Page1[0].Line1a_FamilyName[0]"] == spouse.family_name
    assert values["form1[0].Page1[0].Line1b_GivenName[0]"] == spouse.given_name


def test_saving_without_changes_leaves_every_sample_byte_for_byte(client_for: Any, cases_dir: Path) -> None:
    client = client_for("counsel")
    for path in sorted(cases_dir.glob("*.yaml")):
        before = path.read_bytes()
        case_id = load_case(path).case_id
        values = _open(client, f"/cases/{case_id}/")
        response = client.post(f"/cases/{case_id}/", {**values, "_save": "1"})
        assert response.status_code == 302, (path.name, response.content.decode()[:500])
        assert path.read_bytes() == before, path.name


def test_an_edit_keeps_the_hand_wrapped_lines_around_it(cases_dir: Path, settings: Any) -> None:
    from docgen.web.services import cases

    path = cases_dir / "eb2-family-haddad.yaml"
    before = path.read_text()
    draft = cases.open_draft(path)
    cases.set_value(draft.doc, "beneficiary.email", "karim.haddad@new-mail.example")
    draft.changed.append("beneficiary.email")
    assert cases.save(draft).ok
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), path.read_text().splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len(diff) == 2 and diff[1].endswith("email: karim.haddad@new-mail.example"), diff
    assert load_case(path).beneficiary.email == "karim.haddad@new-mail.example"


def test_a_case_file_ruamel_cannot_read_is_named_not_a_server_error(client_for: Any, cases_dir: Path) -> None:
    (cases_dir / "broken.yaml").write_text("case_id: BROKEN-1\nbeneficiary: {family_name: X, given_name: Y,\n")
    client = client_for("specialist")
    html = client.get("/").content.decode()
    assert "broken" in html and "cannot be read" in html
    response = client.get("/cases/broken/")
    assert response.status_code == 422 and "broken.yaml" in response.content.decode()


def test_the_dashboard_reads_a_team_docket_on_postgresql(
    client_for: Any, cases_dir: Path, settings: Any, postgres_server: Any
) -> None:
    import datetime as dt

    from docgen.mailroom.docket import Deadline, DeadlineKind, open_docket

    url = postgres_server.fresh()
    due = dt.date.today() + dt.timedelta(days=20)
    with open_docket(url) as docket, docket.transaction() as tx:
        tx.add_deadline(Deadline("ACME-2026-0142", "beneficiary", DeadlineKind.RFE_RESPONSE, due, "team RFE reply"))
    settings.DOCKET_PATH = url
    page = client_for("mailroom").get("/dashboard/").content.decode()
    assert "team RFE reply" in page
    assert url not in page  # the address (and any password in it) is never shown


def test_a_damaged_docket_is_said_on_the_dashboard_not_hidden(
    client_for: Any, cases_dir: Path, settings: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "docket.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"not a docket" * 500)
    settings.DOCKET_PATH = broken
    page = client_for("mailroom").get("/dashboard/").content.decode()
    assert 'id="docket-problem"' in page and "deadlines from notices are missing" in page
    assert str(broken) not in page  # where the file lives is not shown


def test_a_case_id_with_accents_or_spaces_opens_and_one_with_a_slash_is_refused(
    client_for: Any, cases_dir: Path
) -> None:
    """A team's own case ids (``MÜLLER 2026-01``) open like any other; an id no address or file name can hold
    (``a/b``, ``..``, 300 characters) is refused beside the case id input, and nothing is written."""
    client = client_for("specialist")
    values = {k: v for k, v in _open(client, "/cases/new/").items() if v}
    values.update(
        {
            "beneficiary.family_name": "Müller",
            "beneficiary.given_name": "Jörg",
            "beneficiary.birth_date": "1990-01-01",
            "_hash": "",
        }
    )
    for bad in ("../../etc/passwd", "a/b", "..", "X" * 300):
        response = client.post("/cases/new/", {**values, "case_id": bad, "_save": "1"})
        assert response.status_code == 422, bad
        assert "a case id names the case&#x27;s address and files: at most 100 characters" in (
            response.content.decode()
        ), bad
    assert sorted(p.name for p in cases_dir.glob("*.yaml")) == sorted(p.name for p in SAMPLES_CASES.glob("*.yaml"))
    response = client.post("/cases/new/", {**values, "case_id": "MÜLLER 2026-01", "_save": "1"})
    assert response.status_code == 302 and response["Location"] == "/cases/M%C3%9CLLER%202026-01/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "MÜLLER 2026-01" in page.content.decode()
    assert client.get("/cases/M%C3%9CLLER%202026-01/forms/").status_code == 200
    listing = client.get("/").content.decode()
    assert 'href="/cases/M%C3%9CLLER%202026-01/"' in listing


def test_every_csv_export_opens_in_a_spreadsheet_with_its_accents(client_for: Any, cases_dir: Path) -> None:
    """Each dashboard CSV starts with the UTF-8 mark spreadsheet programs read the encoding from (the
    expirations and status exports lacked it: 'Luíza' opened as 'LuÃ­za')."""
    client = client_for("mailroom")
    for name in ("deadlines", "expirations", "cases", "status"):
        response = client.get(f"/dashboard/export/{name}.csv")
        assert response.status_code == 200, name
        assert response.content.startswith(b"\xef\xbb\xbf"), name
        assert not response.content[3:].startswith(b"\xef\xbb\xbf"), name  # one mark, not two
    expirations = client.get("/dashboard/export/expirations.csv").content.decode("utf-8-sig")
    assert "Luíza Helena Vasconcelos" in expirations


def test_the_dashboard_shows_no_python_none(client_for: Any, cases_dir: Path) -> None:
    """A median not known yet (no case has a receipt) is an empty cell, as in the CSV, not the word 'None'."""
    page = client_for("mailroom").get("/dashboard/").content.decode()
    assert "MEDIAN_DAYS_TO_RECEIPT" in page.upper()
    assert "<td>None</td>" not in page


def test_a_case_id_with_control_or_direction_characters_is_refused(client_for: Any, cases_dir: Path) -> None:
    """A case id pasted with a tab, a line break, a NUL or a right-to-left override names no file and shows
    differently from what it is: refused beside the input, as a slash is (it was saved as ``A-B.yaml``)."""
    client = client_for("specialist")
    values = {k: v for k, v in _open(client, "/cases/new/").items() if v}
    values.update(
        {
            "beneficiary.family_name": "Müller",
            "beneficiary.given_name": "Jörg",
            "beneficiary.birth_date": "1990-01-01",
            "_hash": "",
            "petitioner.name": "Acme",
            "petitioner.address.street": "1 Main St",
            "petitioner.address.city": "Oakland",
            "petitioner.address.state": "CA",
            "petitioner.address.zip_code": "94610",
            "petitioner.address.country": "United States",
        }
    )
    for bad in ("A\x00B", "A\tB", "A\nB", "ACME\u202e2410", "A\x1b[31mB"):
        response = client.post("/cases/new/", {**values, "case_id": bad, "_save": "1"})
        assert response.status_code == 422, repr(bad)
        page = response.content.decode()
        assert re.search(r'id="f-case-id-error">[^<]*no control', page), repr(bad)
    assert sorted(p.name for p in cases_dir.glob("*.yaml")) == sorted(p.name for p in SAMPLES_CASES.glob("*.yaml"))
    response = client.post("/cases/new/", {**values, "case_id": "REV 2026-01", "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]


def test_a_case_file_the_page_cannot_read_says_why_and_where(client_for: Any, cases_dir: Path) -> None:
    """A case file saved in Latin-1 gave a server error (500, a traceback in the log); one with a YAML slip said
    "cannot be edited here (ParserError)". Each now says what is wrong, where, and the fix, on the page."""
    text = (cases_dir / "eb2-vasconcelos.yaml").read_text(encoding="utf-8")
    (cases_dir / "eb2-vasconcelos.yaml").write_text(text, encoding="latin-1")  # "Luíza" in Latin-1
    broken = (cases_dir / "l1a-hoshino.yaml").read_text(encoding="utf-8").replace("petitioner:", "petitioner: [", 1)
    (cases_dir / "l1a-hoshino.yaml").write_text(broken, encoding="utf-8")
    client = client_for("specialist")
    listing = client.get("/").content.decode()
    assert 'href="/cases/eb2-vasconcelos/"' in listing and 'href="/cases/l1a-hoshino/"' in listing
    response = client.get("/cases/eb2-vasconcelos/")
    assert response.status_code == 422
    page = response.content.decode()
    assert "eb2-vasconcelos.yaml: not UTF-8 text" in page and "save it" in page, page[-2000:]
    response = client.get("/cases/l1a-hoshino/")
    assert response.status_code == 422
    page = response.content.decode().replace("&#x27;", "'")
    assert re.search(r"l1a-hoshino\.yaml:\d+: not valid YAML: [^<]*fix the syntax there", page), page[-2000:]
    assert "ParserError" not in page and str(cases_dir) not in page


def test_every_xlsx_export_holds_a_control_character_as_an_escape(client_for: Any, cases_dir: Path) -> None:
    """A case file written by hand with a NUL in its id (or Word's line break in a name) made every XLSX export
    of the dashboard a server error (openpyxl refuses XML's illegal characters)."""
    from openpyxl import load_workbook

    text = (cases_dir / "h1b-okafor.yaml").read_text(encoding="utf-8")
    text = text.replace("case_id: ACME-2026-0142", 'case_id: "ACME\\0-2026-0142"').replace(
        "given_name: Chidera", 'given_name: "Chidera\\vNgozi"', 1
    )
    (cases_dir / "h1b-okafor.yaml").write_text(text, encoding="utf-8")
    client = client_for("mailroom")
    for name in ("deadlines", "expirations", "cases", "status"):
        response = client.get(f"/dashboard/export/{name}.xlsx")
        assert response.status_code == 200, name
        sheet = load_workbook(io.BytesIO(response.content)).active
        cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        assert any("ACME\\x00-2026-0142" in c for c in cells), (name, cells[:20])
        assert not any("\x00" in c or "\x0b" in c for c in cells), name
