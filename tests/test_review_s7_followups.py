"""Follow-ups of the seventh review (a global-mobility manager's dates, counsel's batches): each test failed before
its fix. Real case files, real forms, the real CLI."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen.cli import main

from .conftest import SAMPLES

TODAY = "2026-12-02"


def _case(folder: Path, case_id: str, beneficiary: dict[str, object], **facts: object) -> Path:
    folder.mkdir(exist_ok=True)
    data = {
        "case_id": case_id,
        "petitioner": {
            "name": "Borealis Robotics LLC",
            "address": {"street": "1 Main St", "city": "Austin", "state": "TX", "zip_code": "78701"},
        },
        "facts": {"form": "I-129", "classification": "H-1B", **facts},
        "beneficiary": {"family_name": "Haugen", "given_name": "Sigrid", "birth_date": "1990-01-15", **beneficiary},
    }
    path = folder / f"{case_id.lower()}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _expirations(capsys: pytest.CaptureFixture[str], folder: Path, *more: str) -> list[dict[str, str]]:
    args = ["report", "expirations", "--cases", str(folder), "--within", "180", "--format", "csv", "--today", TODAY]
    assert main([*args, *more]) == 0
    return list(csv.DictReader(capsys.readouterr().out.splitlines()))


# -------------------------------------------------- (c)(99) has the shape of a category, but is none


def test_an_eligibility_category_not_on_the_i765_list_is_refused_naming_case_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`(c)(99)` was accepted because it looked like one and printed on the I-765: USCIS rejects the application."""
    data: dict[str, Any] = yaml.safe_load((SAMPLES / "cases" / "eb2-family-haddad.yaml").read_text(encoding="utf-8"))
    data["extra"]["I-765"]["eligibility_category"] = "c99"
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / "i765.pdf"
    code = main(["fill", "I-765", "--case", str(case), "--for", "spouse", "-o", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(err) == 1, err
    assert "case.yaml" in err[0] and "eligibility_category" in err[0] and "(c)(99) is not an eligibility" in err[0]
    assert not out.exists()
    data["extra"]["I-765"]["eligibility_category"] = "c3"  # the shape, missing its letter
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["fill", "I-765", "--case", str(case), "--for", "spouse", "-o", str(out)]) != 0
    assert "did you mean (c)(3)(A) or (c)(3)(B)" in capsys.readouterr().err
    data["extra"]["I-765"]["eligibility_category"] = "c17iii"  # a real one, written short
    case.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["fill", "I-765", "--case", str(case), "--for", "spouse", "-o", str(out)]) == 0, capsys.readouterr()


@pytest.mark.parametrize(
    ("written", "category"),
    [("(c)(17)(i)", "(c)(17)(i)"), ("c17i", "(c)(17)(i)"), ("C17I", "(c)(17)(i)"), ("c3c", "(c)(3)(C)")],
)
def test_a_one_letter_sub_part_is_spelled_as_the_list_spells_it(written: str, category: str) -> None:
    """`(c)(17)(i)` was made `(c)(17)(I)` (a one-letter part taken for a capital, as in (c)(3)(C)), which the list
    does not hold: the right category, and the one the refusal suggested, were both refused."""
    from docgen.forms.answers import eligibility_category

    assert eligibility_category(written) == category


# -------------------------------------------------- a closed case stops alerting


@pytest.mark.parametrize("status", ["withdrawn", "denied"])
def test_a_withdrawn_or_denied_case_is_not_in_the_expirations_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    cases = tmp_path / "cases"
    _case(cases, "MOB-020", {"i94": {"expiry_date": "2026-12-20"}}, status=status)
    _case(cases, "MOB-021", {"family_name": "Lund", "i94": {"expiry_date": "2026-12-21"}}, status="approved")
    rows = _expirations(capsys, cases)
    assert [r["case_id"] for r in rows] == ["MOB-021"]


# -------------------------------------------------- the day to start is a working day


def test_start_by_never_falls_on_a_weekend_or_a_federal_holiday(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = tmp_path / "cases"
    # 180 days before 2027-06-06 is Sunday 2026-12-08? no: compute, and pick dates whose start falls on a
    # Saturday (2026-12-05) and on Christmas Day (Friday 2026-12-25).
    saturday = dt.date(2026, 12, 5) + dt.timedelta(days=180)
    christmas = dt.date(2026, 12, 25) + dt.timedelta(days=180)
    _case(cases, "MOB-030", {"i94": {"expiry_date": saturday.isoformat()}}, status="approved")
    _case(cases, "MOB-031", {"family_name": "Lund", "i94": {"expiry_date": christmas.isoformat()}}, status="approved")
    rows = {r["case_id"]: r for r in _expirations(capsys, cases, "--within", "400")}
    assert rows["MOB-030"]["start_by"] == "2026-12-04"  # the Friday before
    assert rows["MOB-031"]["start_by"] == "2026-12-24"  # the day before Christmas


# -------------------------------------------------- the 240-day rule


def test_an_extension_filed_in_time_reports_the_240_day_end_not_overdue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A timely-filed extension lets the worker keep working for the same employer up to 240 days after the I-94
    ends (8 CFR 274a.12(b)(20)); the report said "OVERDUE: file the extension" of a case filed and receipted."""
    cases = tmp_path / "cases"
    receipt = [{"form": "I-129", "number": "WAC2690100009", "notice_type": "receipt", "notice_date": "2026-10-20"}]
    _case(
        cases,
        "MOB-040",
        {"i94": {"expiry_date": "2026-11-15"}},
        status="filed",
        basis="continuation",
        approved_to="2026-11-15",
        filed_date="2026-10-01",
        receipt_numbers=receipt,
    )
    _case(cases, "MOB-041", {"family_name": "Lund", "i94": {"expiry_date": "2026-11-16"}}, status="approved")
    rows = _expirations(capsys, cases)
    filed = [r for r in rows if r["case_id"] == "MOB-040"]
    assert {r["document"] for r in filed} == {"I-94 (authorized stay)", "Status validity (approval)"}
    for row in filed:
        assert "OVERDUE" not in row["action"], row
        assert "2026-10-01" in row["action"] and "240" in row["action"] and "2027-07-13" in row["action"]
        assert row["work_until"] == "2027-07-13"
    (other,) = [r for r in rows if r["case_id"] == "MOB-041"]
    assert other["action"].startswith("OVERDUE: file the extension") and other["work_until"] == ""


def test_an_extension_filed_after_the_i94_ended_gets_no_240_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = tmp_path / "cases"
    _case(cases, "MOB-042", {"i94": {"expiry_date": "2026-11-15"}}, status="filed", filed_date="2026-11-20")
    (row,) = _expirations(capsys, cases)
    assert (
        row["action"].startswith("OVERDUE")
        and "after this date had passed" in row["action"]
        and row["work_until"] == ""
    )


def test_a_pending_extension_names_no_earlier_petitions_receipt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The receipt named as the pending extension's was the earlier petition's approval kept in the case file."""
    cases = tmp_path / "cases"
    earlier = [{"form": "I-129", "number": "WAC2390123456", "notice_type": "approval", "notice_date": "2023-07-20"}]
    _case(cases, "MOB-044", {"i94": {"expiry_date": "2026-11-15"}}, status="filed", receipt_numbers=earlier)
    (row,) = _expirations(capsys, cases)
    assert row["action"].startswith("extension filed, its received date not known"), row
    assert "WAC2390123456" not in row["action"] and row["work_until"] == ""


def test_the_received_date_of_a_receipt_notice_in_the_docket_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case the mailroom marked filed (its receipt notice filed to it) has no filed_date in its file: the report
    takes the receipt notice's received date from the docket (`--docket`), and says where to look without it."""
    from samples.notices import generate as generator

    cases = tmp_path / "cases"
    _case(cases, "MOB-043", {"family_name": "Nakamura", "given_name": "Ren", "i94": {"expiry_date": "2026-11-15"}},
          status="approved", approved_to="2026-11-15")  # fmt: skip
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    spec = generator.Spec(
        name="receipt",
        notice_type="receipt",
        form="I-129",
        receipt_number="WAC2690100043",
        received_date="2026-11-02",
        notice_date="2026-11-09",
        petitioner="BOREALIS ROBOTICS LLC",
        beneficiary="NAKAMURA, REN",
        classification="H1B",
    )
    (inbox / "receipt.pdf").write_bytes(generator.notices_pdf([spec]))
    docket = tmp_path / "docket.sqlite"
    assert main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases)]) == 0
    capsys.readouterr()
    assert "status: filed" in (cases / "mob-043.yaml").read_text(encoding="utf-8")
    rows = _expirations(capsys, cases)
    assert all("OVERDUE" not in r["action"] and "received date" in r["action"] for r in rows), rows
    rows = _expirations(capsys, cases, "--docket", str(docket))
    assert {r["work_until"] for r in rows} == {"2027-07-13"}, rows


# -------------------------------------------------- --resume never replaces the PDF that may have been filed


def test_resume_after_a_case_changed_keeps_the_pdf_already_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counsel filed CAP-01's I-765, corrected a cell of the sheet and ran `--resume` for the rest: the filed PDF
    was replaced by the new one (the record of what was sent, lost). The case is refused in one line saying how to
    keep it, the other cases go on, and once the file is moved out the new one is written."""
    with (SAMPLES / "batch" / "h4-spouses.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle) if r and not r[0].startswith("#")]
    header, first = rows[0], rows[1]
    given = header.index("dependents[0].given_name")

    def sheet(given_name: str) -> Path:
        path = tmp_path / "cases.csv"
        second = [*first]
        second[0], second[given] = "CAP-02", "Ana"
        changed = [*first]
        changed[0], changed[given] = "CAP-01", given_name
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([header, changed, second])
        return path

    out = tmp_path / "out"
    args = ["batch", "fill", "I-765", "--out-dir", str(out), "--for", "spouse", "--workers", "1", "--resume"]
    assert main([*args, "--cases", str(sheet("Maria"))]) == 0, capsys.readouterr().err
    filed = out / "CAP-01_I-765.pdf"
    kept = filed.read_bytes()
    (out / "CAP-02_I-765.pdf").unlink()  # a case still to do
    capsys.readouterr()
    assert main([*args, "--cases", str(sheet("Mariana"))]) == 13
    assert filed.read_bytes() == kept
    assert (out / "CAP-02_I-765.pdf").exists()
    lines = (out / "batch-report.csv").read_text(encoding="utf-8").splitlines()
    report = {r["case_id"]: r for r in csv.DictReader(lines)}
    assert report["CAP-02"]["status"] == "done" and report["CAP-01"]["status"] == "failed"
    error = report["CAP-01"]["error"]
    assert "CAP-01_I-765.pdf" in error and "move it out" in error and "\n" not in error
    filed.rename(tmp_path / "CAP-01_I-765.as-filed.pdf")
    assert main([*args, "--cases", str(sheet("Mariana"))]) == 0
    assert filed.exists() and filed.read_bytes() != kept


# -------------------------------------------------- a biometrics appointment typed in review


def test_a_biometrics_appointment_is_typed_in_review_and_set_on_the_docket(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A biometrics notice whose appointment date was not read waits for review, but `--set appointment=...` was
    refused (and filing it without one was allowed): a resolved item still had no deadline."""
    from docgen.mailroom.docket import DeadlineKind, open_docket

    from .test_review_s7 import biometrics_without_a_date

    cases, inbox = biometrics_without_a_date(tmp_path)
    docket = str(tmp_path / "docket.sqlite")
    assert main(["mailroom", "ingest", str(inbox), "--docket", docket, "--cases", str(cases)]) == 0
    resolve = ["mailroom", "resolve", "1", "--docket", docket, "--cases", str(cases), "--case", "ACME-2026-0142"]
    capsys.readouterr()
    assert main(resolve) == 2  # filed without its date, nothing would remind anyone
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--set appointment=" in err[0], err
    for wrong, said in (("appointment=12/45/2026 09:00", "not a date"), ("appointment.time=25:00", "HH:MM")):
        assert main([*resolve, "--set", wrong]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and said in err[0], err
    assert (
        main(
            [
                *resolve,
                "--set",
                "appointment=12/15/2026 2:30 PM USCIS OAKLAND ASC, 2040 TELEGRAPH AVE",
                "--for",
                "spouse",
            ]
        )
        == 0
    ), capsys.readouterr()
    with open_docket(docket, create=False) as opened:
        (row,) = [r for r in opened.deadlines_due() if r.kind is DeadlineKind.BIOMETRICS]
    assert row.due == dt.date(2026, 12, 15) and "14:30" in row.description and "OAKLAND ASC" in row.description


# -------------------------------------------------- each notice in one daily digest, whatever the zone


@pytest.fixture
def far_zone(monkeypatch: pytest.MonkeyPatch) -> Any:
    """This process in a zone whose date differs from UTC's right now (UTC-12 in the UTC morning, UTC+14 after)."""
    import time

    zone = "Etc/GMT+12" if dt.datetime.now(dt.UTC).hour < 12 else "Pacific/Kiritimati"
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    yield zone
    monkeypatch.undo()
    time.tzset()


def test_a_notice_is_in_one_daily_digest_counted_in_the_local_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], far_zone: str
) -> None:
    """The digest compared the docket's UTC stamp with the local date: in a zone a day off UTC's, a notice filed
    today was listed in the digests of two or three days."""
    from docgen.mailroom.digest import build_digest
    from docgen.mailroom.docket import NewNotice, NoticeStatus, open_docket

    location = str(tmp_path / "docket.sqlite")
    with open_docket(location) as docket, docket.transaction() as tx:
        data = {"form": "I-129", "notice_type": "rfe", "receipt_number": "WAC2690012345", "notice_date": "2026-11-20"}
        tx.add_notice(
            NewNotice("WAC2690012345|rfe|2026-11-20", "ab" * 32, "1", NoticeStatus.FILED, data, "/x.pdf", "MOB-050")
        )
    local_today = dt.datetime.now().date()
    listed = []
    for offset in range(-1, 4):
        day = (local_today + dt.timedelta(days=offset)).isoformat()
        assert main(["deadlines", "digest", "--docket", location, "--today", day]) == 0
        if "WAC2690012345" in capsys.readouterr().out.split("New notices")[1]:
            listed.append(offset)
    assert listed == [0, 1]  # today's digest (made after it was recorded) and tomorrow's, by local days
    with open_docket(location, create=False) as docket:
        made = dt.datetime.now(dt.UTC)
        assert build_digest(docket, local_today, now=made).new_notices  # within the last 24 hours
        tomorrow = (made + dt.timedelta(days=1, minutes=1)).astimezone()
        assert not build_digest(docket, tomorrow.date(), now=tomorrow).new_notices  # the next morning's: not again


def test_a_candidate_appointment_is_shown_as_it_is_typed_back() -> None:
    """`notice parse` showed an unsure appointment as "2026-12-15, 14:30, ..." and the desk as "2026-12-15 14:30 ...":
    one form now, the one `mailroom resolve --set appointment=...` and the desk take back."""
    from docgen.commands.notices import _shown
    from docgen.mailroom.review import as_typed, parse_corrections

    appointment = {"date": "2026-12-15", "time": "14:30", "location": "USCIS OAKLAND ASC, 2040 TELEGRAPH AVE"}
    typed = as_typed(appointment)
    assert typed == "2026-12-15 14:30 USCIS OAKLAND ASC, 2040 TELEGRAPH AVE"
    assert parse_corrections((f"appointment={typed}",))["appointment"] == appointment
    assert _shown(appointment) == f'"{typed}"' and _shown("DOE, JANE") == '"DOE, JANE"'
