"""Second review of session 9 (outside docgen/notices): the six-year limit, unfiling, the docket's dates of a
person in two cases. Every name, number and date here is invented."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from docgen.case.model import Person
from docgen.cli import main
from docgen.compliance.reports import h1b_six_year_end
from docgen.mailroom.docket import DeadlineKind, open_docket
from docgen.mailroom.ingest import ingest_inbox

from .conftest import SAMPLES, NewDocket
from .test_mailroom_unfile import ACME, OKAFOR_FILE, RECEIPT, room

HEAD = """\
# fictional
case_id: {case_id}
petitioner:
  name: "Fictive Widgets, Inc."
  address: {street: 1 Main St, city: Seattle, state: WA, zip_code: "98101", country: United States}
"""


def _person(history: list[tuple[str, str, str | None]]) -> Person:
    periods = [{"status": s, "start_date": a, "end_date": b} for s, a, b in history]
    return Person.model_validate(
        {"family_name": "Quill", "given_name": "Ada", "birth_date": "1990-10-10", "status_history": periods}
    )


@pytest.mark.parametrize(
    ("history", "end"),
    [
        # four years of H-1B, four years at home, a new H-1B: a new six years (the immediate prior year abroad)
        ([("H-1B", "2012-01-01", "2015-12-31"), ("H-1B", "2020-01-01", None)], dt.date(2025, 12, 31)),
        # exactly one year out (2016-01-01 to 2016-12-31): a new six years from 2017-01-01
        ([("H-1B", "2012-01-01", "2015-12-31"), ("H-1B", "2017-01-01", None)], dt.date(2022, 12, 31)),
        # one day short of a year out: the days out are added, no new six years
        ([("H-1B", "2012-01-01", "2015-12-31"), ("H-1B", "2016-12-31", None)], dt.date(2018, 12, 31)),
        # the years between spent in the United States as a student: no new six years, only the days added
        (
            [("H-1B", "2012-01-01", "2015-12-31"), ("F-1", "2016-01-01", "2019-12-31"), ("H-1B", "2020-01-01", None)],
            dt.date(2021, 12, 31),
        ),
    ],
)
def test_a_year_outside_the_united_states_starts_a_new_six_years(
    history: list[tuple[str, str, str | None]], end: dt.date
) -> None:
    """8 CFR 214.2(h)(13)(iii)(A): after the immediate prior year outside the United States a person may be
    admitted for a new six years. The limit was taken as six years from 2012 plus the four years at home
    (2021-12-31): the report said OVERDUE for an H-1B holder with two years left."""
    assert h1b_six_year_end(_person(history)) == end


def test_a_mistyped_year_in_status_history_is_named_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A start date typed 9996 (for 1996 or 2026) stopped every report with OverflowError: date value out of range."""
    folder = tmp_path / "cases"
    folder.mkdir()
    text = (
        HEAD
        + """beneficiary:
  family_name: Quill
  given_name: Ada
  birth_date: 1990-10-10
  status_history:
    - {status: H-1B, start_date: 2019-01-01, end_date: 2020-01-01}
    - {status: H-1B, start_date: 9996-01-01}
facts: {form: I-129, classification: H-1B, status: approved, approved_to: 2027-09-30}
"""
    )
    (folder / "A-1.yaml").write_text(text.replace("{case_id}", "A-1"), encoding="utf-8")
    assert main(["report", "expirations", "--cases", str(folder), "--today", "2026-12-02"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "A-1: beneficiary: H-1B six-year limit" in err and "fix the date" in err, err
    out = tmp_path / "hris.csv"
    assert main(["report", "hris", "--cases", str(folder), "--format", "csv", "-o", str(out)]) == 0


# --- unfiling -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wrong_valid_to", ["2029-09-30", "2030-06-30"])
def test_unfiling_a_wrong_approval_keeps_what_the_case_own_later_approval_gives(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str], wrong_valid_to: str
) -> None:
    """The Borealis approval filed to the Okafor case by mistake, then the Okafor case's own approval (valid to
    2029-09-30) filed: it wrote nothing where the wrong one had written the same (or a later) validity. Unfiling
    the wrong one put the case back to "preparing" with no approved_to, losing what its own approval says."""
    docket = new_docket(tmp_path)
    inbox, cases, where = room(tmp_path, docket, valid_to=wrong_valid_to)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    assert main(["mailroom", "resolve", str(item.id), *where, "--case", ACME, "--for", "principal"]) == 0
    with open_docket(docket) as d:
        (wrong,) = [n for n in d.notices(ACME) if n.receipt_number == RECEIPT]
    for old in inbox.iterdir():
        old.unlink()
    shutil.copy(SAMPLES / "notices" / "text" / "approval-i797a.pdf", inbox)
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    text = (cases / OKAFOR_FILE).read_text(encoding="utf-8")
    assert f"approved_to: {wrong_valid_to}" in text and "status: approved" in text
    capsys.readouterr()
    assert main(["mailroom", "unfile", str(wrong.id), *where]) == 0, capsys.readouterr().err
    text = (cases / OKAFOR_FILE).read_text(encoding="utf-8")
    assert RECEIPT not in text
    assert "approved_to: 2029-09-30" in text and "status: approved" in text, text
    with open_docket(docket) as d:
        due = [r for r in d.deadlines_due() if r.case_id == ACME and r.kind is DeadlineKind.STATUS_VALID_UNTIL]
    assert due and all(r.due == dt.date(2029, 9, 30) for r in due), due


# --- a withdrawn case reopened -----------------------------------------------------------------------------------


def test_a_withdrawn_case_reopened_alerts_its_i94_again(tmp_path: Path, new_docket: NewDocket) -> None:
    """The O-1 was withdrawn; its I-94 alert was closed with the Close button (the advice for a withdrawn case's
    I-94 before session 9). The petition is refiled and the case reopened (status receipted): its I-94, ending in
    six weeks, alerted no one. The rule: a withdrawn or denied case's dates closed by hand are marked superseded at
    its sync (every ingest syncs the folder), so reopened, it gives them again, open. (A close and a reopening
    with no sync between cannot be told from a date dealt with: that one stays closed.)"""
    from docgen.mailroom import deadlines as dl
    from docgen.mailroom.case_sync import sync_case_folder

    docket = new_docket(tmp_path)
    folder = tmp_path / "cases"
    folder.mkdir()
    path = folder / "W-1.yaml"
    text = (
        HEAD.replace("{case_id}", "W-1")
        + """beneficiary:
  family_name: Haddad
  given_name: Omar
  birth_date: 1980-09-09
  i94: {number: "99999999901", arrival_date: 2024-03-10, status: O-1, expiry_date: 2027-01-15}
facts: {form: I-129, classification: O-1, basis: new_employment, status: withdrawn}
"""
    )
    path.write_text(text, encoding="utf-8")
    with open_docket(docket) as d:
        with d.transaction() as tx:  # the docket as an older docgen left it: the withdrawn case's I-94 open
            tx.add_deadline(
                dl.Deadline("W-1", "beneficiary", DeadlineKind.I94_EXPIRES, dt.date(2027, 1, 15), "Omar Haddad: I-94")
            )
        (row,) = d.deadlines_due()
        dl.close_by_hand(d, [row.id])
        sync_case_folder(d, folder)  # the next ingest, the case still withdrawn
        assert not [r for r in d.deadlines_due() if r.case_id == "W-1"]
        path.write_text(text.replace("status: withdrawn", "status: receipted"), encoding="utf-8")
        sync_case_folder(d, folder)
        due = [r for r in d.deadlines_due() if r.kind is DeadlineKind.I94_EXPIRES]
    assert [(r.case_id, r.due) for r in due] == [("W-1", dt.date(2027, 1, 15))]


# --- a person in two case files, one unreadable --------------------------------------------------------------------

PRINCIPAL_CASE = """beneficiary:
  id: principal
  family_name: Marsh
  given_name: Lena
  birth_date: 1991-04-04
  i94: {number: "55555555501", arrival_date: 2024-03-10, status: H-1B, expiry_date: 2027-02-10}
facts: {form: I-129, classification: H-1B, basis: continuation, status: preparing}
"""
DEPENDENT_CASE = """beneficiary:
  id: principal
  family_name: Marsh
  given_name: Tom
  birth_date: 1989-02-02
  i94: {number: "55555555502", arrival_date: 2024-03-10, status: H-1B, expiry_date: 2027-06-30}
dependents:
  - id: spouse
    relationship: spouse
    family_name: Marsh
    given_name: Lena
    birth_date: 1991-04-04
    i94: {number: "55555555501", arrival_date: 2024-03-10, status: H-1B, expiry_date: 2027-02-10}
facts: {form: I-129, classification: H-1B, basis: continuation, status: preparing}
"""


def test_a_save_while_the_person_s_other_case_file_is_unreadable_lists_the_date_once(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    """Lena's I-94 is on her own case (M-1) only. M-1's file is broken by a bad edit; Tom's case (M-2), where she is
    the spouse, is saved: her I-94 was put on M-2 as well, while M-1's row stayed open and unflagged, so the
    calendar alerted twice for one I-94."""
    from docgen.mailroom.case_sync import sync_case_file, sync_case_folder

    docket = new_docket(tmp_path)
    folder = tmp_path / "cases"
    folder.mkdir()
    for case_id, body in (("M-1", PRINCIPAL_CASE), ("M-2", DEPENDENT_CASE)):
        (folder / f"{case_id}.yaml").write_text(HEAD.replace("{case_id}", case_id) + body, encoding="utf-8")
    with open_docket(docket) as d:
        sync_case_folder(d, folder)

        def lena() -> list[tuple[str, bool]]:
            rows = [r for r in d.deadlines_due() if r.due == dt.date(2027, 2, 10)]
            return sorted((r.case_id, bool(r.case_missing)) for r in rows)

        assert lena() == [("M-1", False)]
        broken = folder / "M-1.yaml"
        broken.write_text(broken.read_text(encoding="utf-8").replace("family_name: Marsh", "family_name: [", 1))
        sync_case_file(d, folder / "M-2.yaml")  # a save of Tom's case
        listed = lena()
    assert len([case for case, missing in listed if not missing]) == 1, listed


def test_an_unfile_into_a_review_folder_it_cannot_write_leaves_nothing_pending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --review-dir where a file stands in for the 'unfiled' folder: the unfile recorded its intent first, so
    every later ingest tried it again and failed, and the error read "cannot write here (None)"."""
    from docgen.mailroom.docket import NoticeStatus

    from .test_mailroom_unfile import filed_wrongly

    docket = str(tmp_path / "docket.sqlite")
    _, _, where, notice_id = filed_wrongly(tmp_path, docket, capsys)
    review = tmp_path / "other-review"
    review.mkdir()
    (review / "unfiled").write_text("a file where the folder goes", encoding="utf-8")
    assert main(["mailroom", "unfile", str(notice_id), *where, "--review-dir", str(review)]) != 0
    err = capsys.readouterr().err
    assert "(None)" not in err and "Traceback" not in err and "--review-dir" in err, err
    assert len(err.strip().splitlines()) == 1, err
    with open_docket(docket) as d:
        notice = d.notice(notice_id)
        assert d.intents() == [] and notice is not None and notice.status is NoticeStatus.FILED
