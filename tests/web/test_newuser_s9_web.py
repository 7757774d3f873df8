"""A global-mobility manager's dashboard on her own fictional assignees (session 9): a person in two case files,
a withdrawn case, an H-1B near its six-year limit. Dates are set from today, as the dashboard counts from it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl

TODAY = dt.date.today()


def _day(days: int) -> str:
    return (TODAY + dt.timedelta(days=days)).isoformat()


def _h1b_start() -> dt.date:
    """A first H-1B day about six years and 100 days ago (never 29 February, whose anniversary is another rule)."""
    start = TODAY.replace(year=TODAY.year - 6, day=min(TODAY.day, 28)) + dt.timedelta(days=101)
    return start + dt.timedelta(days=1) if (start.month, start.day) == (2, 29) else start


SIX_YEAR_END = _h1b_start().replace(year=_h1b_start().year + 6) - dt.timedelta(days=1)


PETITIONER = """\
petitioner:
  name: Borealis Robotics, Inc.
  address: {street: 77 Harbor Way, city: Seattle, state: WA, zip_code: "98101", country: United States}
"""


def _person(given: str, birth: str, status: str, i94_days: int, ead_days: int | None = None, pad: str = "  ") -> str:
    text = f"""family_name: Rao
given_name: {given}
birth_date: {birth}
i94: {{number: "2222222220{len(given)}", status: {status}, expiry_date: {_day(i94_days)}}}
"""
    if ead_days is not None:
        text += f"ead: {{category: (c)(26), expiry_date: {_day(ead_days)}}}\n"
    return "".join(pad + line + "\n" for line in text.splitlines())


def _write(folder: Path) -> None:
    vikram = _person("Vikram", "1986-03-15", "H-1B", 44)
    devika = _person("Devika", "1989-08-12", "H-4", 44, ead_days=18)
    files = {
        "BRX-002": "beneficiary:\n  id: principal\n" + vikram
        + "dependents:\n  - id: spouse\n    relationship: spouse\n"
        + _person("Devika", "1989-08-12", "H-4", 44, 18, "    ")
        + "facts: {form: I-129, classification: H-1B, basis: continuation, status: preparing}\n",
        "BRX-006": "beneficiary:\n  id: principal\n" + vikram
        + "facts: {form: I-485, classification: EB-2, status: receipted}\n",
        "BRX-010": "beneficiary:\n  id: principal\n" + devika
        + "facts: {form: I-765, classification: H-4, status: approved}\n",
        "BRX-009": "beneficiary:\n" + _person("Omar", "1980-09-09", "O-1", 3)
        + "facts: {form: I-129, classification: O-1, basis: new_employment, status: withdrawn}\n",
        "BRX-003": "beneficiary:\n" + _person("Tereza", "1990-10-10", "H-1B", 300)
        + f"  status_history:\n    - {{status: H-1B, start_date: {_h1b_start()}}}\n"
        + "facts: {form: I-129, classification: H-1B, basis: continuation, status: approved}\n",
    }  # fmt: skip
    for case_id, text in files.items():
        text = f"# fictional\ncase_id: {case_id}\n{PETITIONER}{text}"
        (folder / f"{case_id}.yaml").write_text(text, encoding="utf-8")


def _setup(tmp_path: Path, settings: Any) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    _write(folder)
    settings.CASES_DIR = folder
    settings.DOCKET_PATH = tmp_path / "no-docket-yet.sqlite"


def test_the_dashboard_lists_a_person_s_documents_once_and_no_withdrawn_case(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Devika's EAD and I-94 and Vikram's I-94 were each listed twice in the deadlines (one per case file they are
    in) and counted twice in the tiles; the withdrawn O-1's I-94 and passport were listed as due, though the README
    says a closed case is left out of the dashboard."""
    _setup(tmp_path, settings)
    client = client_for("specialist")
    page = client.get("/dashboard/").content.decode()
    deadlines = page.split("Deadlines: overdue and due within 90 days", 1)[1].split("Expirations within", 1)[0]
    assert deadlines.count("Devika Rao: EAD expires") == 1, deadlines
    assert deadlines.count("Devika Rao: H-4 stay ends") == 1 and deadlines.count("Vikram Rao: H-1B stay ends") == 1
    assert "(also in BRX-002)" in deadlines and "(also in BRX-006)" in deadlines
    assert "Omar" not in deadlines and "BRX-009" not in deadlines
    expirations = page.split("Expirations within", 1)[1]
    assert expirations.count("EAD (Form I-766)") == 1 and "also in BRX-002" in expirations
    # the six-year limit, about 100 days away, with the action due
    assert "H-1B six-year limit (H and L time)" in expirations and SIX_YEAR_END.isoformat() in expirations
    data = client.get("/dashboard/export/deadlines.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    texts = [str(row) for row in sheet.iter_rows(values_only=True)]
    assert sum("Devika Rao: EAD expires" in t for t in texts) == 1 and not any("BRX-009" in t for t in texts), texts


def test_the_dashboard_s_deadlines_and_tracking_exports_keep_dates_as_dates(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """The deadlines and the visa tracking XLSX wrote their dates as text ('2026-12-20'): HR's sort and date filter
    in Excel saw no dates (the expirations and status exports kept them as dates)."""
    _setup(tmp_path, settings)
    client = client_for("specialist")
    for name, column in (("deadlines", "due"), ("cases", "next_deadline")):
        data = client.get(f"/dashboard/export/{name}.xlsx").content
        sheet = openpyxl.load_workbook(io.BytesIO(data)).active
        assert sheet is not None
        header, *rows = list(sheet.iter_rows(values_only=True))
        days = [row[header.index(column)] for row in rows if row[header.index(column)]]
        assert days and all(isinstance(day, dt.datetime) for day in days), (name, days)
        csv_text = client.get(f"/dashboard/export/{name}.csv").content.decode("utf-8-sig")
        assert _day(18) in csv_text  # ISO in the CSV, as before


def test_a_case_file_with_an_unquoted_zero_led_number_saves_from_the_page(client_for: Any, cases_dir: Path) -> None:
    """A case file written by a script (PyYAML writes 000987654321 without quotes) reads fine on the command line
    (the text 000987654321), but the page read the number 987654321: it refused every save of the case with
    "representative.uscis_account_number: must be text in quotes", a field nobody had touched (masked, not even
    on the page), and showed an A-Number without its leading zero."""
    from docgen.case.loader import load_case
    from tests.web.test_cases import _form_values

    path = cases_dir / "h1b-okafor.yaml"
    text = path.read_text(encoding="utf-8").replace(
        'uscis_account_number: "000123456789"', "uscis_account_number: 000987654321"
    )
    path.write_text(text.replace('a_number: "213456789"', "a_number: 012345678"), encoding="utf-8")
    assert load_case(path).representative.uscis_account_number == "000987654321"  # type: ignore[union-attr]
    client = client_for("specialist")
    client.post("/cases/ACME-2026-0142/reveal/")  # the identity numbers on the page, as a specialist may
    values = _form_values(client.get("/cases/ACME-2026-0142/").content.decode())
    assert values.get("beneficiary.a_number", "012345678") == "012345678", values.get("beneficiary.a_number")
    values["facts.owner"] = "Hanna Quist"
    response = client.post("/cases/ACME-2026-0142/", {**values, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    case = load_case(path)  # the command line reads the same numbers, zeros kept
    assert case.facts.owner == "Hanna Quist" and case.beneficiary.a_number == "012345678"
    assert case.representative is not None and case.representative.uscis_account_number == "000987654321"


def test_the_calendar_page_puts_the_case_files_dates_on_an_empty_docket(
    tmp_path: Path, settings: Any, client_for: Any, users: dict[str, Any]
) -> None:
    """A workspace set up on case files, with no mailroom yet, gave an empty calendar feed (no docket: nothing to
    read) while the dashboard listed twenty deadlines; the page did not say why, and no page could fix it."""
    from docgen.web.services import calendar

    _setup(tmp_path, settings)
    specialist = client_for("specialist")
    token = calendar.new_token(users["specialist"])
    assert "BEGIN:VEVENT" not in specialist.get(f"/calendar/{token}.ics").content.decode()
    page = specialist.get("/calendar/").content.decode()
    assert "There is no docket yet, so the feed is empty" in page and 'value="sync"' in page
    mailroom = client_for("mailroom")
    assert 'value="sync"' not in mailroom.get("/calendar/").content.decode()
    assert mailroom.post("/calendar/", {"action": "sync"}).status_code == 403
    done = specialist.post("/calendar/", {"action": "sync"}, follow=True).content.decode()
    assert "The dates of 5 case file(s) are on the docket" in done, done[-2000:]
    feed = specialist.get(f"/calendar/{token}.ics").content.decode()
    assert "EAD expires: case BRX-010" in feed and "Devika" not in feed  # no names in a third party's calendar
    # the dashboard reads them from the docket now: still once per person, and none of the withdrawn case
    page = specialist.get("/dashboard/").content.decode()
    deadlines = page.split("Deadlines: overdue and due within 90 days", 1)[1].split("Expirations within", 1)[0]
    assert deadlines.count("Devika Rao: EAD expires") == 1 and "BRX-009" not in deadlines, deadlines


def test_a_withdrawn_case_s_dates_stay_off_the_calendar(
    tmp_path: Path, settings: Any, client_for: Any, users: dict[str, Any]
) -> None:
    from docgen.web.services import calendar

    _setup(tmp_path, settings)
    specialist = client_for("specialist")
    token = calendar.new_token(users["specialist"])
    specialist.post("/calendar/", {"action": "sync"})
    feed = specialist.get(f"/calendar/{token}.ics").content.decode()
    assert "case BRX-010" in feed and "case BRX-009" not in feed


def test_an_i94_past_its_day_under_a_timely_extension_says_until_when_the_person_may_work(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Sofia's I-94 ended two days ago, her H-1B extension was received before it: the dashboard's deadlines showed
    the I-94 in red as overdue with nothing else, while the expirations below said she may keep working."""
    _setup(tmp_path, settings)
    filed, ended = _day(-50), _day(-2)
    (tmp_path / "cases" / "BRX-005.yaml").write_text(
        f"# fictional\ncase_id: BRX-005\n{PETITIONER}beneficiary:\n"
        + _person("Sofia", "1992-07-07", "H-1B", -2).replace("family_name: Rao", "family_name: Lindgren")
        + "facts: {form: I-129, classification: H-1B, basis: continuation, status: receipted, "
        + f"filed_date: {filed}}}\n",
        encoding="utf-8",
    )
    page = client_for("specialist").get("/dashboard/").content.decode()
    deadlines = page.split("Deadlines: overdue and due within 90 days", 1)[1].split("Expirations within", 1)[0]
    until = (dt.date.fromisoformat(ended) + dt.timedelta(days=240)).isoformat()
    words = "may keep working for the same employer until"
    assert f"Sofia Lindgren: H-1B stay ends (I-94) [extension filed before this day: {words} {until}" in deadlines
    # the family's I-129, not filed yet, gets no such words
    assert deadlines.count("240-day rule") == 1


def test_an_i94_before_an_approved_extension_says_to_record_the_new_i94(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Kofi's extension was approved to a day three years on; his I-94 still ends in 26 days in the case file. The
    dashboard's deadlines gave it as a stay about to end, nothing said what the expirations say: record the new
    I-94 of the approval."""
    _setup(tmp_path, settings)
    (tmp_path / "cases" / "BRX-004.yaml").write_text(
        f"# fictional\ncase_id: BRX-004\n{PETITIONER}beneficiary:\n"
        + _person("Kofi", "1985-01-20", "H-1B", 26).replace("family_name: Rao", "family_name: Mensah")
        + "facts: {form: I-129, classification: H-1B, basis: continuation, status: approved, "
        + f"approved_to: {_day(1030)}}}\n",
        encoding="utf-8",
    )
    page = client_for("specialist").get("/dashboard/").content.decode()
    deadlines = page.split("Deadlines: overdue and due within 90 days", 1)[1].split("Expirations within", 1)[0]
    assert f"Kofi Mensah: H-1B stay ends (I-94) [extension approved to {_day(1030)}: write the new I-94" in deadlines
