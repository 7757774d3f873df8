"""A global-mobility manager's workspace (session 11, fictional Fjord Systems assignees): who owns each deadline,
and a copy of a case file left in the folder. Dates are set from today, as the dashboard counts from it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.test_trial_s11 import GM_CASE

TODAY = dt.date.today()


def _day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def _case(case_id: str, given: str, i94_days: int, owner: str) -> str:
    return GM_CASE.format(case_id=case_id, i94=_day(i94_days), owner=owner).replace("Aiko", given)


def _setup(tmp_path: Path, settings: Any) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "GM-2026-002.yaml").write_text(_case("GM-2026-002", "Aiko", 45, "Tom Reyes"), encoding="utf-8")
    (folder / "GM-2026-003.yaml").write_text(_case("GM-2026-003", "Yui", 70, "Maja Lindqvist"), encoding="utf-8")
    settings.CASES_DIR = folder
    settings.DOCKET_PATH = tmp_path / "no-docket-yet.sqlite"
    return folder


def _rows(page: str, table: str) -> list[str]:
    body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return body.split("<tr")[2:]  # after the head's row


def test_the_dashboard_says_who_owns_each_deadline_and_expiry(tmp_path: Path, settings: Any, client_for: Any) -> None:
    """Asked "what is due in the next 90 days, and who owns it?", the dashboard's deadlines and expirations had no owner
    (``facts.owner``), though ``docgen report expirations`` prints it; the deadlines and tracking exports neither."""
    _setup(tmp_path, settings)
    client = client_for("specialist")
    page = client.get("/dashboard/").content.decode()
    for table in ("deadlines-table", "expirations-table"):
        assert "<th>Owner</th>" in page.split(f'id="{table}"', 1)[1].split("</thead>", 1)[0]
        rows = _rows(page, table)
        aiko = [r for r in rows if "Aiko Nakamura" in r]
        yui = [r for r in rows if "Yui Nakamura" in r]
        assert aiko and yui, table
        assert all(r.split("</tr>", 1)[0].endswith("<td>Tom Reyes</td>") for r in aiko), (table, aiko)
        assert all(r.split("</tr>", 1)[0].endswith("<td>Maja Lindqvist</td>") for r in yui), (table, yui)
    export = client.get("/dashboard/export/deadlines.csv").content.decode("utf-8-sig")
    lines = list(csv.DictReader(io.StringIO(export)))
    assert {(line["case_id"], line["owner"]) for line in lines} == {
        ("GM-2026-002", "Tom Reyes"),
        ("GM-2026-003", "Maja Lindqvist"),
    }
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/dashboard/export/cases.xlsx").content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    owner = values[0].index("owner")
    assert sorted((row[0], row[owner]) for row in values[1:]) == [
        ("GM-2026-002", "Tom Reyes"),
        ("GM-2026-003", "Maja Lindqvist"),
    ]


def test_a_copy_of_a_case_file_is_listed_by_its_file_name_and_not_counted(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """A copy left beside GM-2026-002.yaml (sorted before it) made two rows "GM-2026-002" on the case list, both
    opening the first file by name order (the copy), and the dashboard counted 3 cases preparing, with no word why.
    The copy is listed by its file name with the problem, opens as itself saying so, and is not counted."""
    folder = _setup(tmp_path, settings)
    (folder / "GM-2026-002 (copy).yaml").write_text(_case("GM-2026-002", "Aiko", 49, "Someone Else"), encoding="utf-8")
    client = client_for("specialist")
    listing = client.get("/").content.decode()
    assert listing.count('href="/cases/GM-2026-002/"') == 1
    assert 'href="/cases/GM-2026-002%20%28copy%29.yaml/"' in listing
    assert "same case id as GM-2026-002.yaml" in listing
    case = client.get("/cases/GM-2026-002/").content.decode()
    assert "Tom Reyes" in case and "Someone Else" not in case  # the case, not its copy
    copy = client.get("/cases/GM-2026-002%20(copy).yaml/").content.decode()
    assert "Someone Else" in copy
    assert "case_id &#x27;GM-2026-002&#x27; is also the case_id of GM-2026-002.yaml" in copy.replace("&#39;", "&#x27;")
    page = client.get("/dashboard/").content.decode()
    status = page.split('id="status-table"', 1)[1].split("</table>", 1)[0]
    assert "<td>preparing</td><td>2</td>" in status
    assert "Someone Else" not in page


@pytest.mark.django_db(transaction=True)  # the batch runs in a thread, on its own connection
def test_a_batch_of_the_workspace_s_case_files_with_a_copy_is_refused_naming_the_files(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """The Batch page's "the workspace's case files": two files of one case id would write one file twice; said on
    the page before any job starts, by the files' names (never the server's folder), with a fix for the case list."""
    from docgen.web.workspace.models import Job

    folder = _setup(tmp_path, settings)
    (folder / "GM-2026-002 (copy).yaml").write_text(_case("GM-2026-002", "Aiko", 49, "Someone"), encoding="utf-8")
    response = client_for("counsel").post("/batch/", {"source": "cases", "forms": ["I-765"]})
    assert response.status_code == 422
    page = response.content.decode()
    shown = page[page.index('class="error-box"') :][:600]
    assert "GM-2026-002_I-765.pdf would be written twice (GM-2026-002 (copy).yaml and GM-2026-002.yaml)" in shown
    assert "give each case file its own case_id (the case list shows the copies)" in shown
    assert str(folder) not in page and "--pattern" not in page
    assert 'id="source-cases" checked' in page  # the choice kept
    assert not Job.objects.filter(kind="batch").exists()
    # without the copy it starts, from the case files, with no upload
    (folder / "GM-2026-002 (copy).yaml").unlink()
    response = client_for("counsel").post("/batch/", {"source": "cases", "forms": ["I-765"]})
    assert response.status_code == 302
    for thread in threading.enumerate():  # ended before the test reads the job: the test database refuses the job's
        if thread.name.startswith("docgen-job-"):  # writes while another thread reads ('table is locked')
            thread.join(120)
    (job,) = Job.objects.filter(kind="batch")
    assert job.title == "I-765 for 2 case(s) from the workspace's case files"
    assert job.status == "done", job.status


def test_the_case_list_shows_each_case_s_owner_and_filters_by_owner(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Ten assignees split between two specialists: the case list said nothing of who owns which case, and "my
    cases" could not be listed. The owner is a column and a filter (not for the mailroom: names and case ids only)."""
    _setup(tmp_path, settings)
    client = client_for("specialist")
    listing = client.get("/").content.decode()
    assert "<th>Owner</th>" in listing
    assert "<option >Maja Lindqvist</option><option >Tom Reyes</option>" in listing.replace("<option>", "<option >")
    rows = listing.split('id="case-rows"', 1)[1].split("</tbody>", 1)[0].split("<tr")[1:]
    assert [("GM-2026-002" in r, "<td>Tom Reyes</td>" in r) for r in rows] == [(True, True), (False, False)]
    mine = client.get("/?owner=Tom+Reyes").content.decode()
    shown = mine.split('id="case-rows"', 1)[1].split("</tbody>", 1)[0]
    assert "GM-2026-002" in shown and "GM-2026-003" not in shown
    clerk = client_for("mailroom").get("/?owner=Tom+Reyes").content.decode()
    assert "<th>Owner</th>" not in clerk and "Maja Lindqvist" not in clerk and "Tom Reyes" not in clerk
    assert "GM-2026-003" in clerk  # the filter is not theirs: every case listed, by id
