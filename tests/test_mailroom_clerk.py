"""The mailroom as its clerk and specialist use it, with the mistakes they make: a receipt number in the wrong
case file, a person the case does not have, a scan still being written, an inbox docgen cannot write, a
mistyped docket. Real sample notices and cases, the real CLI; faults only where the machine cannot be made to
fail for real (root ignores permissions)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from docgen.cli import main
from docgen.mailroom.docket import open_docket
from samples.notices import generate as generator

from .confirming import confirm_response_dates
from .conftest import SAMPLES

NOTICES = SAMPLES / "notices" / "text"
OKAFOR = "ACME-2026-0142"  # the sample case the I-129 notices (WAC2690012345, OKAFOR, CHIDERA) belong to


def rooms(tmp_path: Path, names: tuple[str, ...] = ()) -> tuple[Path, Path, Path]:
    """An inbox holding ``names`` from the sample notices, a copy of the sample cases, a docket path."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    for name in names:
        shutil.copy(NOTICES / name, inbox / name)
    return inbox, cases, tmp_path / "docket.sqlite"


def ingest(inbox: Path, cases: Path, docket: Path) -> int:
    return main(["mailroom", "ingest", str(inbox), "--docket", str(docket), "--cases", str(cases), "--no-searchable"])


def add_receipt(case_file: Path, number: str) -> None:
    """Type a receipt number into a case file's receipt list, as a specialist would."""
    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    facts = data.setdefault("facts", {})
    facts.setdefault("receipt_numbers", []).append({"form": "I-129", "number": number, "notice_type": "receipt"})
    case_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def copied_case(cases: Path, name: str, case_id: str, family: str, given: str) -> Path:
    """A new employee's case made by copying Okafor's file and changing the id and the name (the receipt
    numbers of the copied case left in by mistake)."""
    data = yaml.safe_load((cases / "h1b-okafor.yaml").read_text(encoding="utf-8"))
    data["case_id"] = case_id
    data["beneficiary"]["family_name"], data["beneficiary"]["given_name"] = family, given
    data["beneficiary"].pop("middle_name", None)
    target = cases / name
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def filed_pdfs(cases: Path) -> list[str]:
    return sorted(p.relative_to(cases).as_posix() for p in cases.rglob("notices/*.pdf"))


# --- a receipt number in the wrong case file -----------------------------------------------------------------
def test_a_receipt_number_in_two_case_files_sends_the_notice_to_review_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    add_receipt(cases / "h1b-okafor.yaml", "WAC2690012345")
    # Sorted first, so the first case holding the number used to take Okafor's RFE.
    copied_case(cases, "a-adeyemi.yaml", "ACME-2026-0150", "Adeyemi", "Tunde")
    assert ingest(inbox, cases, docket) == 0
    out = capsys.readouterr().out
    assert filed_pdfs(cases) == [], out  # filed to neither: a person decides
    with open_docket(docket, create=False) as d:
        (item,) = d.reviews()
    assert "WAC2690012345 is in 2 case files" in item.reason
    assert "ACME-2026-0150 (a-adeyemi.yaml)" in item.reason and f"{OKAFOR} (h1b-okafor.yaml)" in item.reason
    assert "remove it from the wrong case file" in item.reason
    # The specialist removes it from the copy; resolving the item again files it to Okafor's case.
    data = yaml.safe_load((cases / "a-adeyemi.yaml").read_text(encoding="utf-8"))
    data["facts"]["receipt_numbers"] = [r for r in data["facts"]["receipt_numbers"] if r["number"] != "WAC2690012345"]
    (cases / "a-adeyemi.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code = main(["mailroom", "resolve", str(item.id), "--docket", str(docket), "--cases", str(cases)])
    assert code == 0
    assert f"filed to {OKAFOR}" in capsys.readouterr().out
    assert filed_pdfs(cases) == [f"{OKAFOR}/notices/2026-06-22_I-129_rfe_WAC2690012345.pdf"]


def test_a_receipt_number_typed_into_another_clients_case_does_not_take_the_notice(tmp_path: Path) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf",))
    # Okafor's receipt number, typed (one slip) into another client's case: the notice names Okafor.
    add_receipt(cases / "eb2-vasconcelos.yaml", "WAC2690012345")
    assert ingest(inbox, cases, docket) == 0
    assert filed_pdfs(cases) == []
    with open_docket(docket, create=False) as d:
        (item,) = d.reviews()
    assert "WAC2690012345 is in case TAMSWORTH-2026-0031's file" in item.reason
    assert f"the names on the notice are those of {OKAFOR}" in item.reason


# --- resolve --for a person the case does not have ---------------------------------------------------------------
def review_item_for(tmp_path: Path, notice: str) -> tuple[Path, Path, int]:
    """``notice`` ingested with no case able to take it (Okafor's case file set aside), then the case put back:
    one review item waiting."""
    inbox, cases, docket = rooms(tmp_path, (notice,))
    aside = tmp_path / "h1b-okafor.yaml"
    shutil.move(cases / "h1b-okafor.yaml", aside)
    assert ingest(inbox, cases, docket) == 0
    shutil.move(aside, cases / "h1b-okafor.yaml")
    with open_docket(docket, create=False) as d:
        (item,) = d.reviews()
    return cases, docket, item.id


def test_resolve_for_a_person_the_case_does_not_have_is_refused_and_files_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases, docket, review_id = review_item_for(tmp_path, "approval-i797a.pdf")
    before = (cases / "h1b-okafor.yaml").read_bytes()
    capsys.readouterr()
    argv = ["mailroom", "resolve", str(review_id), "--docket", str(docket), "--cases", str(cases), "--case", OKAFOR]
    code = main([*argv, "--for", "principle"])  # a slip for "principal"
    err = capsys.readouterr().err
    assert code == 3, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"case {OKAFOR} has no person 'principle'; give --for one of: principal, spouse" in err
    assert (cases / "h1b-okafor.yaml").read_bytes() == before  # the I-94 had nowhere to go: nothing written
    assert filed_pdfs(cases) == []
    with open_docket(docket, create=False) as d:
        assert [r.id for r in d.reviews()] == [review_id]  # still open
        assert not [x for x in d.deadlines_due() if x.person == "principle"]


def test_resolve_for_the_beneficiary_records_the_deadlines_under_the_persons_own_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases, docket, review_id = review_item_for(tmp_path, "approval-i797a.pdf")
    argv = ["mailroom", "resolve", str(review_id), "--docket", str(docket), "--cases", str(cases), "--case", OKAFOR]
    assert main([*argv, "--for", "beneficiary"]) == 0, capsys.readouterr().err
    with open_docket(docket, create=False) as d:
        people = {x.person for x in d.deadlines_due() if x.case_id == OKAFOR and x.notice_id is not None}
    assert people == {"principal"}  # the id the case file's own deadlines use, so a later approval supersedes
    i94 = yaml.safe_load((cases / "h1b-okafor.yaml").read_text(encoding="utf-8"))["beneficiary"]["i94"]
    assert str(i94["expiry_date"]) == "2029-09-30"


# --- a scan the scanner is still writing ---------------------------------------------------------------------------
def test_a_scan_still_being_written_is_left_for_the_next_run_not_sent_to_review_cut_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf",))
    whole = (NOTICES / "rfe-i129.pdf").read_bytes()
    chunks = [whole[i : i + 150] for i in range(0, len(whole), 150)]
    scan = inbox / "scan 0001.pdf"
    started = threading.Event()

    def scanner() -> None:  # a slow scanner: a chunk every 0.2 s, still writing while the ingest looks
        with scan.open("wb") as handle:
            for n, chunk in enumerate(chunks):
                handle.write(chunk)
                handle.flush()
                if n == 1:
                    started.set()
                time.sleep(0.2)

    writer = threading.Thread(target=scanner)
    writer.start()
    started.wait(5)
    assert ingest(inbox, cases, docket) == 0
    writing = scan.stat().st_size < len(whole)
    writer.join()
    out, err = capsys.readouterr()
    assert writing, "the scanner finished before the ingest looked: make the scan longer"
    assert "skipped scan 0001.pdf: still being written" in err, out + err
    assert "run the ingest again once the scanner has finished" in err
    assert not (tmp_path / "review").exists()
    assert scan.read_bytes() == whole  # the scanner wrote it whole, into the inbox entry it opened
    assert ingest(inbox, cases, docket) == 0
    assert list(inbox.iterdir()) == []
    assert len(confirm_response_dates(docket, cases)) == 1  # the RFE's response date, read from a sentence
    assert filed_pdfs(cases) == [
        f"{OKAFOR}/notices/2026-06-04_I-129_receipt_WAC2690012345.pdf",
        f"{OKAFOR}/notices/2026-06-22_I-129_rfe_WAC2690012345.pdf",
    ]


def test_a_scan_cut_short_that_no_longer_grows_goes_to_review_as_damaged(tmp_path: Path) -> None:
    inbox, cases, docket = rooms(tmp_path)
    whole = (NOTICES / "rfe-i129.pdf").read_bytes()
    (inbox / "scan 0002.pdf").write_bytes(whole[: len(whole) // 2])
    assert ingest(inbox, cases, docket) == 0
    assert list(inbox.iterdir()) == []
    (reason,) = (tmp_path / "review" / "unreadable").glob("*.reason.txt")
    assert "damaged or incomplete" in reason.read_text(encoding="utf-8")


# --- an inbox docgen can read but not write ------------------------------------------------------------------------
def test_a_filed_scan_that_cannot_leave_a_read_only_inbox_is_a_warning_not_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rfe-i129.pdf"))
    real_unlink = Path.unlink

    def read_only_inbox(self: Path, missing_ok: bool = False) -> None:  # a fault: the share is mounted read-only
        if self.parent == inbox:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", read_only_inbox)
    assert ingest(inbox, cases, docket) == 0
    out, err = capsys.readouterr()
    assert "1 notice(s) filed, 1 to review" in out and "0 failed" in out, out  # the RFE: its date to confirm
    assert "failed" not in err and "OSError" not in err and "Traceback" not in err
    assert err.count("cannot be removed from the inbox") == 2, err  # one line each, beside any other warning
    assert (
        "warning: receipt-i129.pdf: recorded, but it cannot be removed from the inbox (Read-only file system); "
        f"let docgen write to {inbox} or remove the file by hand (the next run only removes it)"
    ) in err
    with open_docket(docket, create=False) as d:
        assert not [a for a in d.audit_log() if a.action == "file failed"]
        assert len(d.notices()) == 2
    assert ingest(inbox, cases, docket) == 0  # still read-only: seen before, said again, nothing filed twice
    out, err = capsys.readouterr()
    assert "0 notice(s) filed" in out and "2 file(s) seen before" in out and "0 failed" in out
    assert err.count("cannot be removed from the inbox") == 2
    monkeypatch.setattr(Path, "unlink", real_unlink)
    assert ingest(inbox, cases, docket) == 0  # writable again: only removed
    assert list(inbox.iterdir()) == []
    with open_docket(docket, create=False) as d:
        assert len(d.notices()) == 2


# --- a cases folder docgen can read but not write ----------------------------------------------------------------
def test_a_read_only_cases_folder_says_to_make_it_writable_not_to_choose_another_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf", "rejection-i129.pdf"))
    real_open, real_mkdir = os.open, os.mkdir
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def read_only(path: object) -> bool:
        return Path(os.fsdecode(path)).absolute().is_relative_to(cases.absolute())

    def open_on_read_only_share(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & writing and read_only(path):  # a fault: the cases share is mounted read-only
            raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def mkdir_on_read_only_share(path: object, *args: object, **kwargs: object) -> None:
        if read_only(path):
            raise OSError(errno.EROFS, "Read-only file system", os.fsdecode(path))
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", open_on_read_only_share)
    monkeypatch.setattr(os, "mkdir", mkdir_on_read_only_share)
    assert ingest(inbox, cases, docket) == 13
    out, err = capsys.readouterr()
    assert "1 to review" in out and "1 failed" in out  # the notice no case has still goes to review
    (line,) = [x for x in err.splitlines() if x.startswith("failed")]
    assert line == (
        f"failed  receipt-i129.pdf: the cases folder {cases.absolute()} cannot be written (Read-only file system); "
        "let docgen write there (mount the share read-write, or give this user write permission) and run the "
        "ingest again (left in the inbox)"
    ), line
    assert "choose another output folder" not in err and "Traceback" not in err
    assert [p.name for p in inbox.iterdir()] == ["receipt-i129.pdf"]


# --- a mistyped docket -----------------------------------------------------------------------------------------
def test_a_mistyped_docket_is_not_made_for_cases_whose_notices_are_recorded_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf",))
    assert ingest(inbox, cases, docket) == 0  # the first day: a new docket, nothing to set up
    shutil.copy(NOTICES / "rfe-i129.pdf", inbox / "rfe-i129.pdf")
    typo = tmp_path / "dockett.sqlite"
    capsys.readouterr()
    assert ingest(inbox, cases, typo) == 2  # the RFE's deadline would have gone to a docket nobody reads
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{typo}: no docket here, but {cases} already holds 1 filed notice(s)" in err
    assert "give that one with --docket" in err and "--new-docket" in err
    assert not typo.exists() and sorted(p.name for p in inbox.iterdir()) == ["rfe-i129.pdf"]
    watch = ["mailroom", "watch", str(inbox), "--docket", str(typo), "--cases", str(cases)]
    assert main(watch) == 2 and not typo.exists()  # the watcher checks it when it starts
    assert ingest(inbox, cases, docket) == 0  # the right docket: filed, its deadline where the team looks
    assert len(confirm_response_dates(docket, cases)) == 1  # once its response date is confirmed
    with open_docket(docket, create=False) as d:
        assert sorted(str(n.notice_type) for n in d.notices()) == ["receipt", "rfe"]
        assert [x.kind.value for x in d.deadlines_due() if x.notice_id is not None] == ["RFE response due"]
    shutil.copy(NOTICES / "approval-i797a.pdf", inbox / "approval-i797a.pdf")
    argv = ["mailroom", "ingest", str(inbox), "--docket", str(typo), "--cases", str(cases), "--no-searchable"]
    assert main([*argv, "--new-docket"]) == 0  # on purpose: made
    assert typo.exists() and list(inbox.iterdir()) == []


# --- a notice whose response date has passed -----------------------------------------------------------------------
def rfe(inbox: Path, name: str, notice_date: dt.date, response_due: dt.date, receipt: str) -> None:
    """An RFE on Okafor's I-129, drawn by the sample generator with these dates."""
    spec = generator.i129_notice(
        name,
        "rfe",
        "grid",
        receipt_number=receipt,
        notice_date=notice_date.isoformat(),
        response_due=response_due.isoformat(),
    )
    (inbox / f"{name}.pdf").write_bytes(generator.notices_pdf([spec]))


def test_a_notice_filed_after_its_response_date_is_said_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path)
    today = dt.date.today()
    late, due = today - dt.timedelta(days=12), today + dt.timedelta(days=60)
    rfe(inbox, "late-rfe", today - dt.timedelta(days=90), late, "WAC2690012345")  # it sat in a pile of mail
    rfe(inbox, "new-rfe", today - dt.timedelta(days=5), due, "WAC2690099999")
    assert ingest(inbox, cases, docket) == 0
    out, err = capsys.readouterr()
    # both response dates are read from a sentence: they wait to be confirmed, the late one said at once all the same
    assert "0 notice(s) filed, 2 to review" in out, out + err
    assert (
        f"warning: case {OKAFOR}: RFE response due {late.isoformat()} (as read; waiting for review to confirm it) "
        "has already passed (12 day(s) ago); confirm it today ('docgen mailroom review')"
    ) in err
    assert due.isoformat() not in err  # the one still ahead is not a warning
    assert err.count("has already passed") == 1
    for review_id in ("1", "2"):  # confirmed, the late one is said again as the deadline it now is
        assert main(["mailroom", "resolve", review_id, "--docket", str(docket), "--cases", str(cases)]) == 0
    out = capsys.readouterr().out
    assert (
        f"warning: case {OKAFOR}: RFE response due {late.isoformat()} has already passed (12 day(s) ago) on the "
        "notice just filed; act on it today ('docgen deadlines' lists it as overdue)"
    ) in out
    assert out.count("has already passed") == 1


def test_resolving_a_review_item_whose_response_date_passed_meanwhile_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path)
    today = dt.date.today()
    late = today - dt.timedelta(days=3)
    rfe(inbox, "late-rfe", today - dt.timedelta(days=60), late, "WAC2690012345")
    aside = tmp_path / "h1b-okafor.yaml"
    shutil.move(cases / "h1b-okafor.yaml", aside)  # no case for it today: it waits for review
    assert ingest(inbox, cases, docket) == 0
    shutil.move(aside, cases / "h1b-okafor.yaml")
    capsys.readouterr()
    argv = ["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases), "--case", OKAFOR]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"filed to {OKAFOR}" in out
    assert f"warning: case {OKAFOR}: RFE response due {late.isoformat()} has already passed (3 day(s) ago)" in out


# --- a folder of scans copied into the inbox -----------------------------------------------------------------------
def test_a_folder_of_scans_in_the_inbox_is_said_not_passed_over_in_silence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("receipt-i129.pdf",))
    day = inbox / "Scans 2026-12-01"
    day.mkdir()
    shutil.copy(NOTICES / "rfe-i129.pdf", day / "rfe-i129.pdf")
    (inbox / ".thumbnails").mkdir()  # hidden: a viewer's, left alone as before
    assert ingest(inbox, cases, docket) == 0
    out, err = capsys.readouterr()
    assert "1 notice(s) filed" in out and "1 skipped" in out, out
    assert (
        "skipped Scans 2026-12-01: a folder; the files in folders are not read: move its scans into the inbox itself"
    ) in err
    assert ".thumbnails" not in err
    assert (day / "rfe-i129.pdf").exists()  # left where it is for a person


# --- resolve to a case id that is not there ------------------------------------------------------------------------
def test_a_mistyped_case_id_among_hundreds_of_cases_is_one_short_line_with_the_likely_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases, docket, review_id = review_item_for(tmp_path, "rfe-i129.pdf")
    template = yaml.safe_load((cases / "eb2-vasconcelos.yaml").read_text(encoding="utf-8"))
    for n in range(300):  # a firm's caseload
        template["case_id"] = f"TAMSWORTH-2026-{1000 + n}"
        text = yaml.dump(template, Dumper=yaml.CSafeDumper, sort_keys=False)  # safe_dump's text, by libyaml: 4x faster
        (cases / f"t{n}.yaml").write_text(text, encoding="utf-8")
    capsys.readouterr()
    argv = ["mailroom", "resolve", str(review_id), "--docket", str(docket), "--cases", str(cases)]
    assert main([*argv, "--case", "ACME-2026-0124"]) == 2  # two digits swapped
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 300, err
    assert "no case 'ACME-2026-0124'" in err and f"did you mean {OKAFOR}" in err and "(304 cases;" in err
    assert main([*argv, "--case", "acme-2026-0142"]) == 2
    assert f"did you mean {OKAFOR}?" in capsys.readouterr().err
    assert main([*argv, "--case", "ZZZ"]) == 2
    err = capsys.readouterr().err
    assert "304 cases, e.g. ACME-2026-0142, CASCADIA-2026-0077, HOSHINO-2026-0007" in err and len(err) < 300


def test_resolving_to_another_clients_case_is_refused_unless_the_person_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = rooms(tmp_path, ("rfe-i129.pdf",))
    add_receipt(cases / "h1b-okafor.yaml", "WAC2690012345")
    copied_case(cases, "a-adeyemi.yaml", "ACME-2026-0150", "Adeyemi", "Tunde")  # the number in two files: review
    assert ingest(inbox, cases, docket) == 0
    before = {p.name: p.read_bytes() for p in cases.glob("*.yaml")}
    capsys.readouterr()
    argv = ["mailroom", "resolve", "1", "--docket", str(docket), "--cases", str(cases)]
    assert main([*argv, "--case", "ACME-2026-0150"]) == 2  # Okafor's RFE, to the copied case: a slip
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"the names on the notice are those of {OKAFOR}, none of case ACME-2026-0150's people" in err
    assert f"file it to {OKAFOR}, or" in err and "--for PERSON" in err
    assert {p.name: p.read_bytes() for p in cases.glob("*.yaml")} == before and filed_pdfs(cases) == []
    assert main([*argv, "--case", OKAFOR]) == 0  # the right case: filed
    assert filed_pdfs(cases) == [f"{OKAFOR}/notices/2026-06-22_I-129_rfe_WAC2690012345.pdf"]
