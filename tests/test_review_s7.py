"""Findings of the seventh review (docgen used by a global-mobility manager tracking dates for many employees,
and by counsel batch-filling forms): each test failed before its fix."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zoneinfo
from pathlib import Path

import pytest
import yaml

from docgen.cli import main
from docgen.mailroom.docket import Deadline, DeadlineKind, open_docket
from samples.notices import generate as generator

from .confirming import confirm_response_dates
from .conftest import SAMPLES

TODAY = dt.date(2026, 12, 2)


def _case(folder: Path, case_id: str, beneficiary: dict[str, object], **facts: object) -> Path:
    folder.mkdir(exist_ok=True)
    data = {
        "case_id": case_id,
        "petitioner": {
            "name": "Borealis Robotics LLC",
            "address": {"street": "1 Main St", "city": "Austin", "state": "TX", "zip_code": "78701"},
        },
        "facts": {"form": "I-129", "classification": "H-1B", "status": "approved", **facts},
        "beneficiary": {"family_name": "Nguyễn", "given_name": "Thị Minh", "birth_date": "1990-01-15", **beneficiary},
    }
    path = folder / f"{case_id.lower()}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _kowalski_approval(tmp_path: Path, **fields: str) -> None:
    """An I-129 approval for Jan Kowalski of Borealis Robotics (valid 2026-12-26 to 2029-12-24) in the inbox."""
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    approval = generator.Spec(
        name="approval",
        notice_type="approval",
        form="I-129",
        receipt_number="WAC2690100001",
        received_date="2026-08-01",
        notice_date="2026-11-20",
        petitioner="BOREALIS ROBOTICS LLC",
        beneficiary="KOWALSKI, JAN",
        valid_from="2026-12-26",
        valid_to="2029-12-24",
        **fields,
    )
    (inbox / "approval.pdf").write_bytes(generator.notices_pdf([approval]))


def biometrics_without_a_date(tmp_path: Path) -> tuple[Path, Path]:
    """The sample cases and an inbox with a biometrics notice (Emeka Okafor's I-539) whose appointment has a time
    and place but no date; the cases and inbox folders."""
    import shutil

    cases = tmp_path / "cases"
    shutil.copytree(SAMPLES / "cases", cases)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    notice = generator.Spec(
        name="bio",
        notice_type="biometrics",
        form="I-539",
        receipt_number="WAC2690012399",
        received_date="2026-06-01",
        notice_date="2026-11-22",
        applicant="OKAFOR, EMEKA TOBENNA",
        appointment={
            "location": "USCIS OAKLAND ASC, 2040 TELEGRAPH AVE, OAKLAND CA 94612",
            "date": None,
            "time": "09:00",
        },
    )
    (inbox / "bio.pdf").write_bytes(generator.notices_pdf([notice]))
    return cases, inbox


def _ingest(tmp_path: Path) -> Path:
    inbox, docket = tmp_path / "inbox", tmp_path / "docket.sqlite"
    inbox.mkdir(exist_ok=True)
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(tmp_path / "cases")]) == 0
    return docket


# -------------------------------------------------- an EAD, an advance parole, an approval's end: on the docket


def test_ead_advance_parole_and_approval_end_of_a_case_file_reach_deadlines_digest_and_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`report expirations` lists them, but the docket (deadlines, digest, calendar) held only the I-94 and the
    passport: an EAD that ran out yesterday (Form I-9 reverification was due) was in no digest."""
    cases = tmp_path / "cases"
    _case(
        cases,
        "MOB-003",
        {"ead": {"expiry_date": "2026-12-01", "category": "(c)(26)"}, "advance_parole": {"expiry_date": "2026-12-10"}},
    )
    _case(cases, "MOB-010", {"family_name": "Park", "given_name": "Ji-woo"}, approved_to="2026-12-31")
    docket = _ingest(tmp_path)
    capsys.readouterr()
    assert main(["deadlines", "digest", "--docket", str(docket), "--today", TODAY.isoformat()]) == 0
    digest = capsys.readouterr().out
    overdue, soon = digest.split("Due within")[0], digest.split("Due within")[1].split("New notices")[0]
    assert "MOB-003" in overdue and "EAD expires" in overdue
    assert "MOB-003" in soon and "Advance parole expires" in soon
    assert main(["deadlines", "--docket", str(docket), "--format", "ics", "--today", TODAY.isoformat()]) == 0
    ics = capsys.readouterr().out
    assert "SUMMARY:Status valid until - MOB-010" in ics and "DTSTART;VALUE=DATE:20261231" in ics


def test_an_ead_renewed_in_the_case_file_moves_its_deadline(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    path = _case(cases, "MOB-003", {"ead": {"expiry_date": "2026-12-20"}})
    docket = _ingest(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("2026-12-20", "2028-12-19"), encoding="utf-8")
    _ingest(tmp_path)
    with open_docket(docket, create=False) as opened:
        due = [(r.kind, r.due) for r in opened.deadlines_due()]
    assert due == [(DeadlineKind.EAD_EXPIRES, dt.date(2028, 12, 19))]


def test_an_approval_notice_and_the_case_file_it_updated_give_one_status_deadline(tmp_path: Path) -> None:
    """The approval notice writes approved_to into the case file: the notice's deadline and the file's are one."""
    cases = tmp_path / "cases"
    _case(cases, "MOB-004", {"family_name": "Kowalski", "given_name": "Jan", "i94": {"expiry_date": "2026-12-25"}})
    _kowalski_approval(tmp_path, classification="L1A", i94_number="98765432101")
    docket = _ingest(tmp_path)
    assert "approved_to: 2029-12-24" in (cases / "mob-004.yaml").read_text(encoding="utf-8")
    _ingest(tmp_path)  # the case file as the notice left it, read again
    with open_docket(docket, create=False) as opened:
        due = sorted((r.kind.value, r.due.isoformat()) for r in opened.deadlines_due())
    assert due == [
        ("Extension window opens", "2029-06-27"),
        ("I-94 expires", "2029-12-24"),
        ("Status valid until", "2029-12-24"),
    ]


# -------------------------------------------------- a deadline added by hand is not the case file's to close


def test_a_deadline_added_by_hand_survives_the_next_ingest(tmp_path: Path) -> None:
    """The README's own example adds an RFE deadline by hand; the next ingest closed it as 'superseded' because
    the case file does not give it: a lost RFE date."""
    _case(tmp_path / "cases", "MOB-007", {"i94": {"expiry_date": "2027-01-18"}})
    docket = _ingest(tmp_path)
    with open_docket(docket, create=False) as opened, opened.transaction() as tx:
        tx.add_deadline(Deadline("MOB-007", "beneficiary", DeadlineKind.RFE_RESPONSE, dt.date(2027, 3, 1), "by hand"))
    _ingest(tmp_path)
    with open_docket(docket, create=False) as opened:
        kinds = {r.kind for r in opened.deadlines_due()}
    assert kinds == {DeadlineKind.RFE_RESPONSE, DeadlineKind.I94_EXPIRES}


# -------------------------------------------------- the workspace's "today" is the firm's, not UTC's


def _zone_on_another_day() -> str:
    """A zone whose date differs from UTC's right now (UTC-12 in the UTC morning, UTC+14 after 10:00)."""
    return "Etc/GMT+12" if dt.datetime.now(dt.UTC).hour < 12 else "Pacific/Kiritimati"


def test_the_workspace_counts_days_in_the_machine_s_time_zone_not_utc(tmp_path: Path) -> None:
    """The workspace set Django's zone to UTC unless DOCGEN_TIME_ZONE (undocumented) was set, and Django applies
    it to the whole process: on a machine in California from 4 pm on, the dashboard counted days from tomorrow,
    showed a deadline due today as overdue and offered tomorrow as the day a packet was filed."""
    zone = _zone_on_another_day()
    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_TIME_ZONE"}
    env.update(TZ=zone, DJANGO_SETTINGS_MODULE="docgen.web.settings", DOCGEN_WEB_DATA=str(tmp_path))
    code = "import datetime, django; django.setup(); print(datetime.date.today().isoformat())"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == dt.datetime.now(zoneinfo.ZoneInfo(zone)).date().isoformat()


def test_a_mistyped_workspace_time_zone_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "DOCGEN_TIME_ZONE": "America/San_Fransisco"}
    args = [sys.executable, "-m", "docgen", "serve", "--data", str(tmp_path / "data"), "--cases", str(tmp_path)]
    done = subprocess.run([*args, "--port", "0"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "DOCGEN_TIME_ZONE" in lines[0] and "America/San_Fransisco" in lines[0], lines
    assert "Traceback" not in done.stderr


# -------------------------------------------------- a response due on a weekend or a federal holiday


def _rfe(inbox: Path, beneficiary: str, receipt: str, due: str) -> None:
    inbox.mkdir(exist_ok=True)
    spec = generator.Spec(
        name=receipt,
        notice_type="rfe",
        form="I-129",
        receipt_number=receipt,
        received_date="2026-09-01",
        notice_date="2026-11-18",
        petitioner="BOREALIS ROBOTICS LLC",
        beneficiary=beneficiary,
        classification="H1B",
        response_due=due,
    )
    (inbox / f"{receipt}.pdf").write_bytes(generator.notices_pdf([spec]))


def test_a_response_due_on_a_saturday_or_a_federal_holiday_says_when_paper_must_arrive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An RFE due on a Saturday (or Presidents' Day) was listed as due that day, nothing more: a courier booked to
    arrive "by the due date" finds the lockbox closed. Every view says the last day a paper response can arrive."""
    cases = tmp_path / "cases"
    _case(cases, "MOB-007", {"family_name": "Müller", "given_name": "Jörg", "i94": {"expiry_date": "2027-07-05"}})
    _case(cases, "MOB-002", {"family_name": "O'Connor", "given_name": "Siobhán"})
    _case(cases, "MOB-005", {"family_name": "Sato", "given_name": "Yui"})
    _rfe(tmp_path / "inbox", "MULLER, JORG", "WAC2690100002", "2027-01-16")  # a Saturday
    _rfe(tmp_path / "inbox", "O'CONNOR, SIOBHAN", "WAC2690100003", "2027-02-15")  # Washington's Birthday
    _rfe(tmp_path / "inbox", "SATO, YUI", "WAC2690100005", "2027-02-17")  # a Wednesday
    docket = _ingest(tmp_path)
    assert len(confirm_response_dates(docket, cases)) == 3  # each date read from a sentence, confirmed by the clerk
    capsys.readouterr()
    assert main(["deadlines", "--docket", str(docket), "--today", "2027-01-05"]) == 0
    table = {line.split()[3]: line for line in capsys.readouterr().out.splitlines()[1:] if "RFE" in line}
    assert "Saturday" in table["MOB-007"] and "arrive by Fri 2027-01-15" in table["MOB-007"]
    assert "Washington's Birthday" in table["MOB-002"] and "arrive by Fri 2027-02-12" in table["MOB-002"]
    assert "arrive by" not in table["MOB-005"]
    assert main(["deadlines", "--docket", str(docket), "--format", "csv", "--today", "2027-01-05"]) == 0
    rows = {r["case_id"] + r["kind"]: r for r in __import__("csv").DictReader(capsys.readouterr().out.splitlines())}
    assert rows["MOB-007RFE response due"]["arrive_by"] == "2027-01-15"
    assert rows["MOB-005RFE response due"]["arrive_by"] == ""
    assert rows["MOB-007I-94 expires"]["arrive_by"] == "2027-07-02"  # July 5, 2027: Independence Day observed
    assert main(["deadlines", "digest", "--docket", str(docket), "--today", "2027-01-05"]) == 0
    digest = capsys.readouterr().out
    assert "arrive by Fri 2027-01-15" in digest
    assert main(["deadlines", "--docket", str(docket), "--format", "ics", "--today", "2027-01-05"]) == 0
    assert "arrive by Fri 2027-01-15" in capsys.readouterr().out.replace("\r\n ", "")


# -------------------------------------------------- case ids that differ only in case name one file elsewhere


def _sheet_of(tmp_path: Path, case_ids: list[str]) -> Path:
    import csv

    with (SAMPLES / "batch" / "h4-spouses.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle) if r and not r[0].startswith("#")]
    sheet = tmp_path / "cases.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([rows[0], *([case_id, *rows[1][1:]] for case_id in case_ids)])
    return sheet


@pytest.mark.parametrize("other", ["cap-01", "ＣＡＰ-01"])
def test_two_case_ids_alike_but_for_case_or_width_are_refused_before_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], other: str
) -> None:
    """CAP-01 and cap-01 (or full-width ＣＡＰ-01, typed with an Asian keyboard) made two files on Linux that are
    one on Windows, macOS and most shares, and in the ZIP counsel unpack there: one case's form replaced the other's."""
    sheet = _sheet_of(tmp_path, ["CAP-01", other])
    out = tmp_path / "out"
    code = main(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(out), "--for", "spouse"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "cases.csv row 2" in err and "cases.csv row 3" in err and "upper" in err
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_the_expirations_report_names_an_i765_case_s_approval_end_as_the_ead_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An I-765 case's approved_to is the EAD's end: the report told the team to "file the extension petition"
    and never to reverify Form I-9, which is due that day; the docket and dashboard call it the EAD's."""
    _case(tmp_path / "cases", "EAD-001", {}, form="I-765", classification="(c)(26)", approved_to="2026-12-20")
    code = main(["report", "expirations", "--cases", str(tmp_path / "cases"), "--within", "60", "--format", "csv"])
    assert code == 0
    (row,) = list(__import__("csv").DictReader(capsys.readouterr().out.splitlines()))
    assert row["document"] == "EAD (Form I-766)" and "Form I-9" in row["action"]


def test_report_expirations_takes_within_as_deadlines_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`docgen deadlines --within 90d` worked, `docgen report expirations --within 90d` was refused by click."""
    _case(tmp_path / "cases", "MOB-003", {"ead": {"expiry_date": "2027-02-20"}})
    folder = str(tmp_path / "cases")
    args = ["report", "expirations", "--cases", folder, "--today", "2026-12-02", "--within"]
    assert main([*args, "12w"]) == 0 and "MOB-003" in capsys.readouterr().out  # 84 days
    assert main([*args, "10w"]) == 0 and "MOB-003" not in capsys.readouterr().out
    assert main([*args, "-1"]) == 2 and "write a number of days" in capsys.readouterr().err


# -------------------------------------------------- two people of one case with one id


@pytest.mark.parametrize(
    ("first", "second"),
    [("child", "child"), ("principal", "Principal"), ("child", "beneficiary"), ("a", "dependents[0]")],
)
def test_two_people_with_one_id_are_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], first: str, second: str
) -> None:
    """Two children both `id: child`: `--for child` filled the first child's form when counsel meant the second,
    a notice for either was filed to the first, and two I-94s ending the same day were one deadline."""
    case = {
        "case_id": "DUPID-1",
        "beneficiary": {"id": "principal", "family_name": "Lee", "given_name": "Min", "birth_date": "1990-01-01"},
        "dependents": [
            {
                "id": first,
                "relationship": "child",
                "family_name": "Lee",
                "given_name": "Ari",
                "birth_date": "2015-01-01",
            },
            {
                "id": second,
                "relationship": "child",
                "family_name": "Lee",
                "given_name": "Bo",
                "birth_date": "2017-01-01",
            },
        ],
    }
    if first == "principal":
        case["dependents"] = case["dependents"][1:]  # type: ignore[index]
    path = tmp_path / "dup.yaml"
    path.write_text(yaml.safe_dump(case, sort_keys=False), encoding="utf-8")
    assert main(["fill", "I-765", "--case", str(path), "--for", second, "-o", str(tmp_path / "x.pdf")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "dup.yaml" in err and repr(second) in err and "id of its own" in err
    assert not (tmp_path / "x.pdf").exists()


# -------------------------------------------------- a period that ends before it starts


@pytest.mark.parametrize(
    ("section", "first", "last"),
    [
        ("facts", "requested_from", "requested_to"),
        ("facts", "approved_from", "approved_to"),
        ("job", "start_date", "end_date"),
        ("beneficiary.i94", "arrival_date", "expiry_date"),
        ("beneficiary.ead", "valid_from", "expiry_date"),
        ("beneficiary.passport", "issue_date", "expiry_date"),
    ],
)
def test_a_period_that_ends_before_it_starts_is_refused_naming_both_fields(
    tmp_path: Path, section: str, first: str, last: str
) -> None:
    """Dates of intended employment 2027-10-01 to 2026-09-30 (years swapped in a sheet) filled an I-129 and an
    I-539; an I-94 "ending" before the arrival was a deadline months overdue. A period in the wrong order is a
    typing slip, refused naming both fields, never printed."""
    from docgen.case.loader import parse_case
    from docgen.errors import CaseDataError

    data: dict[str, object] = {
        "case_id": "ORDER-1",
        "beneficiary": {"family_name": "Silva", "given_name": "Ana", "birth_date": "1990-01-01"},
        "job": {"title": "Engineer"},
        "facts": {"form": "I-129"},
    }
    holder: dict[str, object] = data
    for key in section.split("."):
        holder = holder.setdefault(key, {})  # type: ignore[assignment]
    if section == "beneficiary.passport":
        holder["number"] = "P1234567"
    holder.update({first: "2027-10-01", last: "2026-09-30"})
    with pytest.raises(CaseDataError) as caught:
        parse_case(data, "case.yaml")
    message = str(caught.value)
    assert f"{section}.{last}: is before {first}" in message
    holder.update({first: "2026-09-30", last: "2026-09-30"})  # one day is a period
    parse_case(data, "case.yaml")


# -------------------------------------------------- names as USCIS prints them


@pytest.mark.parametrize(
    ("family", "given", "printed"),
    [
        ("O'Connor", "Siobhán", "OCONNOR, SIOBHAN"),
        ("Van der Berg", "Pieter", "VANDERBERG, PIETER"),
        ("Ødegård", "Søren", "ODEGARD, SOREN"),
        ("Wójcik", "Łukasz", "WOJCIK, LUKASZ"),
        ("Straßmann", "Jörg", "STRASSMANN, JORG"),
        ("Lærke", "Æsa", "LAERKE, AESA"),
    ],
)
def test_a_notice_names_the_person_as_uscis_prints_the_name(family: str, given: str, printed: str) -> None:
    """USCIS prints names in plain capitals without apostrophes or the letters an accent cannot be stripped from
    (ø, ł, ß, æ): such notices all went to review, each one a clerk's morning task, however the case was written."""
    from docgen.case.model import Person
    from docgen.mailroom.cases import person_matches

    person = Person(family_name=family, given_name=given, birth_date=dt.date(1990, 1, 1))
    assert person_matches(printed, person)
    assert not person_matches(
        "OCONNER, SIOBHAN", Person(family_name="O'Connor", given_name="Siobhán", birth_date=dt.date(1990, 1, 1))
    )


# -------------------------------------------------- an extension window that opened is no overdue deadline


def test_an_opened_extension_window_is_not_overdue_in_the_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The day an approval's extension window opens (180 days before its end) is a day from which one may file, not
    one by which one must: the digest listed it as overdue every morning for six months, among the missed RFEs."""
    cases = tmp_path / "cases"
    _case(cases, "MOB-004", {"family_name": "Kowalski", "given_name": "Jan"})
    _kowalski_approval(tmp_path, classification="H1B")
    docket = _ingest(tmp_path)
    capsys.readouterr()
    assert main(["deadlines", "digest", "--docket", str(docket), "--today", "2029-07-01"]) == 0
    digest = capsys.readouterr().out
    overdue = digest.split("Overdue")[1].split("\n\n")[0]
    assert "Extension window opens" not in overdue and "(0)" in overdue.splitlines()[0]
    opened = digest.split("Extension window open")[1].split("\n\n")[0]
    assert "MOB-004" in opened and "2029-06-27" in opened
    assert main(["deadlines", "digest", "--docket", str(docket), "--today", "2029-12-25"]) == 0
    late = capsys.readouterr().out  # the approval ended: its end is overdue, the window no longer listed
    assert "Status valid until" in late.split("Overdue")[1].split("\n\n")[0]
    assert "Extension window open (" not in late


# -------------------------------------------------- an RFE whose response date was not read


def test_an_rfe_whose_response_date_was_not_read_waits_for_review_not_filed_without_a_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reader flagged the response date (unread), yet the notice was filed to its case with no deadline and no
    review item: an RFE nobody would be reminded of. It waits for review; filing it asks for the date."""
    import shutil

    cases = tmp_path / "cases"
    shutil.copytree(SAMPLES / "cases", cases)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    rfe = generator.Spec(
        name="rfe",
        notice_type="rfe",
        form="I-129",
        receipt_number="WAC2690012345",
        received_date="2026-06-01",
        notice_date="2026-11-22",
        petitioner="ACME ANALYTICS INC",
        beneficiary="OKAFOR, CHIDERA NGOZI",
        classification="H1B",
    )
    (inbox / "rfe.pdf").write_bytes(generator.notices_pdf([rfe]))
    docket = str(_ingest(tmp_path))
    out = capsys.readouterr().out
    assert "0 notice(s) filed, 1 to review" in out
    assert main(["mailroom", "review", "--docket", docket]) == 0
    listing = capsys.readouterr().out
    assert "response_due" in listing and "#1" in listing
    resolve = ["mailroom", "resolve", "1", "--docket", docket, "--cases", str(cases)]
    assert main([*resolve, "--case", "ACME-2026-0142"]) == 2
    err = capsys.readouterr().err
    assert "response_due" in err and "--set response_due=" in err
    assert main([*resolve, "--case", "ACME-2026-0142", "--set", "response_due=01/19/2027"]) == 0
    with open_docket(docket, create=False) as opened:
        due = [(r.kind, r.due) for r in opened.deadlines_due() if r.kind is DeadlineKind.RFE_RESPONSE]
    assert due == [(DeadlineKind.RFE_RESPONSE, dt.date(2027, 1, 19))]


def test_a_biometrics_notice_whose_appointment_date_was_not_read_waits_for_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Filed with no appointment date, it set no deadline: a missed biometrics appointment can abandon the case."""
    biometrics_without_a_date(tmp_path)
    docket = str(_ingest(tmp_path))
    assert "0 notice(s) filed, 1 to review" in capsys.readouterr().out
    assert main(["mailroom", "review", "--docket", docket]) == 0
    assert "appointment" in capsys.readouterr().out
