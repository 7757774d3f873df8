"""What the review desk added to the mailroom library: "not a notice", the acting user in the docket's audit,
corrections marked as a person's, identity numbers kept out of the audit, and field-level hints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main
from docgen.errors import UsageError
from docgen.mailroom.cases import HIDDEN, CaseStore
from docgen.mailroom.docket import ReviewStatus, acting_as, open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.review import not_a_notice, parse_corrections, resolve

from .conftest import NewDocket
from .test_mailroom import setup_dirs


def _one_item(tmp_path: Path, new_docket: NewDocket | None = None) -> tuple[Path, Any, int]:
    inbox, cases, docket = setup_dirs(tmp_path, ["rejection-i129.pdf"], new_docket)
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    return cases, docket, item.id


def test_not_a_notice_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], new_docket: NewDocket
) -> None:
    cases, docket, number = _one_item(tmp_path, new_docket)
    args = ["mailroom", "resolve", str(number), "--docket", str(docket), "--cases", str(cases)]
    assert main([*args, "--not-a-notice", "--case", "ACME-2026-0142"]) == 2
    assert "--not-a-notice closes the item; give it alone" in capsys.readouterr().err
    assert main([*args, "--not-a-notice"]) == 0
    assert f"review {number} closed: not a notice" in capsys.readouterr().out
    with open_docket(docket) as d:
        item = d.review(number)
        log = [a.action for a in d.audit_log()]
    assert item is not None and (item.status, item.resolution) == (ReviewStatus.RESOLVED, "not a notice")
    assert "review closed: not a notice" in log
    assert main([*args, "--not-a-notice"]) == 2  # closed already
    assert "is not open" in capsys.readouterr().err


def test_the_acting_user_is_the_docket_actor_only_inside_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_docket: NewDocket
) -> None:
    monkeypatch.setenv("DOCGEN_ACTOR", "terminal-user")
    cases, docket, number = _one_item(tmp_path, new_docket)
    with open_docket(docket) as d:
        with acting_as("clerk"):
            resolve(d, CaseStore(cases), number, corrections={"classification": "H-1B"})
        resolve(d, CaseStore(cases), number, dismiss="copy for another firm")
        actors = [(a.action, a.actor) for a in d.audit_log() if a.details.get("review") == number]
    assert actors == [("notice corrected", "clerk"), ("review dismissed", "terminal-user")]


def test_corrections_are_marked_and_identity_numbers_never_audited(tmp_path: Path) -> None:
    cases, docket, number = _one_item(tmp_path)
    with open_docket(docket) as d:
        resolve(d, CaseStore(cases), number, corrections={"a_number": "A024681357", "petitioner": "Borealis Inc"})
        resolve(
            d,
            CaseStore(cases),
            number,
            case_id="ACME-2026-0142",
            person="principal",
            corrections={"classification": "H-1B"},
        )
        notice = next(n for n in d.notices() if n.receipt_number == "EAC2690200777")
        log = d.audit_log()
    assert notice.data["corrected"] == ["a_number", "classification", "petitioner"]
    assert notice.data["confidence"]["petitioner"] > 0.99 and notice.data["source"]["petitioner"]  # as read
    corrected = next(a for a in log if a.action == "notice corrected")
    assert corrected.details["corrections"] == {"a_number": HIDDEN, "petitioner": "Borealis Inc"}
    assert "24681357" not in repr(log)


def test_a_refused_correction_names_its_field_and_the_fix() -> None:
    with pytest.raises(UsageError) as caught:
        parse_corrections(("notice_date=13/09/2026",))
    fix = "notice_date is not a date: write YYYY-MM-DD or MM/DD/YYYY (month first)"
    assert (caught.value.field, caught.value.fix) == ("notice_date", fix)
    assert str(caught.value) == f"--set notice_date='13/09/2026': {fix}"


def test_a_correction_takes_the_dates_a_case_file_takes() -> None:
    dates = ("2026-03-09", "03/09/2026", "3/9/2026", " 03/09/2026 ")
    assert [parse_corrections((f"notice_date={d}",)) for d in dates] == [{"notice_date": "2026-03-09"}] * 4


@pytest.mark.parametrize(
    ("pair", "fix"),
    [
        ("i94_number=4123456789O", "write 11 digits, or 9 digits, a letter and a digit"),  # letter O for a zero
        ("i94_number=412345678", "write 11 digits, or 9 digits, a letter and a digit"),
        ("a_number=A12", "write A and 8 or 9 digits: ANNNNNNNNN"),
        ("a_number=A0246813S7", "write A and 8 or 9 digits: ANNNNNNNNN"),  # letter S for a five
    ],
)
def test_an_identity_number_correction_is_checked_and_never_quoted(pair: str, fix: str) -> None:
    """A reviewer's typo in an I-94 number would be written into the case file (which then no command reads);
    it is refused like the case file refuses it, naming the field and the format, never the value."""
    key, _, value = pair.partition("=")
    with pytest.raises(UsageError) as caught:
        parse_corrections((pair,))
    assert (caught.value.field, caught.value.fix) == (key, fix)
    assert value not in str(caught.value)


def test_a_good_identity_number_correction_is_kept() -> None:
    assert parse_corrections(("i94_number=41234567890", "a_number=A-024-681-357")) == {
        "i94_number": "41234567890",
        "a_number": "A-024-681-357",
    }


def test_two_reviewers_filing_one_item_at_once_file_it_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two people file the same review item to different cases at the same moment (the desk, or two terminals):
    the notice goes to one case only; the other person is told it was settled meanwhile. (Both were filed: the
    notice and its receipt number landed in both case files, the docket naming only the last.)"""
    import threading

    from docgen.mailroom import review as review_module

    cases, docket, number = _one_item(tmp_path)
    first_writing, second_done = threading.Event(), threading.Event()
    real_write = review_module.write_bytes_atomic

    def slow_first_write(path: Path, data: bytes) -> None:  # the first filer pauses while copying the notice
        if threading.current_thread().name == "first":
            first_writing.set()
            second_done.wait(timeout=2)
        real_write(path, data)

    monkeypatch.setattr(review_module, "write_bytes_atomic", slow_first_write)
    outcomes: dict[str, str] = {}

    def file_to(case_id: str) -> None:
        try:
            with open_docket(docket) as d:
                outcomes[threading.current_thread().name] = resolve(
                    d, CaseStore(cases), number, case_id=case_id, person="principal"
                )
        except UsageError as exc:
            outcomes[threading.current_thread().name] = f"refused: {exc}"
        finally:
            if threading.current_thread().name == "second":
                second_done.set()

    first = threading.Thread(target=file_to, args=("ACME-2026-0142",), name="first")
    first.start()
    assert first_writing.wait(timeout=30)
    second = threading.Thread(target=file_to, args=("CASCADIA-2026-0077",), name="second")
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert outcomes["first"].startswith(f"review {number}: filed to ACME-2026-0142"), outcomes
    assert outcomes["second"].startswith("refused:") and "settled meanwhile" in outcomes["second"], outcomes
    filed = sorted(p.parent.parent.name for p in cases.glob("*/notices/*EAC2690200777*"))
    assert filed == ["ACME-2026-0142"]
    holding = sorted(p.name for p in cases.glob("*.yaml") if "EAC2690200777" in p.read_text())
    assert holding == ["h1b-okafor.yaml"]
    with open_docket(docket) as d:
        item = d.review(number)
        filings = [a for a in d.audit_log() if a.action == "review resolved: notice filed"]
    assert item is not None and item.resolution == "filed to ACME-2026-0142" and len(filings) == 1
    assert not list((tmp_path).rglob(".*.pdf.lock"))  # no lock file left beside the review copy


@pytest.mark.parametrize("other", ["dismiss", "not a notice"])
def test_closing_an_item_while_another_person_files_it_is_refused(
    other: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One person files an item while another dismisses it (or marks it not a notice): the second is told it
    was settled meanwhile, not that it was dismissed while the notice went to the case."""
    import threading

    from docgen.mailroom import review as review_module

    cases, docket, number = _one_item(tmp_path)
    first_writing, second_done = threading.Event(), threading.Event()
    real_write = review_module.write_bytes_atomic

    def slow_first_write(path: Path, data: bytes) -> None:
        if threading.current_thread().name == "first":
            first_writing.set()
            second_done.wait(timeout=2)
        real_write(path, data)

    monkeypatch.setattr(review_module, "write_bytes_atomic", slow_first_write)
    outcomes: dict[str, str] = {}

    def file_it() -> None:
        with open_docket(docket) as d:
            outcomes["first"] = resolve(d, CaseStore(cases), number, case_id="ACME-2026-0142", person="principal")

    def close_it() -> None:
        try:
            with open_docket(docket) as d:
                if other == "dismiss":
                    outcomes["second"] = resolve(d, CaseStore(cases), number, dismiss="a duplicate")
                else:
                    outcomes["second"] = not_a_notice(d, number)
        except UsageError as exc:
            outcomes["second"] = f"refused: {exc}"
        finally:
            second_done.set()

    first = threading.Thread(target=file_it, name="first")
    first.start()
    assert first_writing.wait(timeout=30)
    second = threading.Thread(target=close_it, name="second")
    second.start()
    first.join(timeout=60)
    second.join(timeout=60)
    assert outcomes["first"].startswith(f"review {number}: filed to ACME-2026-0142"), outcomes
    assert outcomes["second"].startswith("refused:") and "settled meanwhile" in outcomes["second"], outcomes
    with open_docket(docket) as d:
        actions = [a.action for a in d.audit_log() if a.details.get("review") == number]
    assert actions.count("review resolved: notice filed") == 1, actions
    assert "review dismissed" not in actions and "review closed: not a notice" not in actions, actions


def test_dismiss_with_a_case_or_without_a_reason_is_refused_and_the_item_stays_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--case ACME --dismiss x`` dismissed the notice (never filed to the case its user named) and
    ``--dismiss ''`` did nothing and exited 0: both are options that do not fit, and the item stays open."""
    cases, docket, number = _one_item(tmp_path)
    args = ["mailroom", "resolve", str(number), "--docket", str(docket), "--cases", str(cases)]
    for extra in (["--case", "ACME-2026-0142"], ["--set", "classification=H-1B"], ["--for", "spouse"]):
        assert main([*args, *extra, "--dismiss", "duplicate"]) == UsageError.exit_code, extra
        err = capsys.readouterr().err
        assert "--dismiss closes the item without filing; give it alone" in err and len(err.splitlines()) == 1
    assert main([*args, "--dismiss", "  "]) == UsageError.exit_code
    assert "--dismiss needs a reason" in capsys.readouterr().err
    with open_docket(docket) as d:
        item = d.review(number)
        assert item is not None and item.status is ReviewStatus.OPEN
        assert "review dismissed" not in [a.action for a in d.audit_log()]
    assert main([*args, "--dismiss", "copy for another firm"]) == 0
