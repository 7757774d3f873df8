"""Aliases: a review that assigns a notice to a case teaches the matcher, and never files to the wrong case silently.

Real notices (drawn by samples/notices/generate.py), real case files, real dockets (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom import aliases
from docgen.mailroom.cases import CaseStore
from docgen.mailroom.docket import AliasKind, NewAlias, open_docket
from docgen.mailroom.ingest import ingest_inbox, match_notice
from docgen.mailroom.review import resolve
from docgen.mailroom.transfer import export_docket, import_docket
from samples.notices import generate as generator

from .conftest import SAMPLES, NewDocket

ACME = "ACME-2026-0142"
NOTICES = SAMPLES / "notices" / "text"


def room(tmp_path: Path, new_docket: NewDocket) -> tuple[Path, Path, str]:
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    return inbox, cases, new_docket(tmp_path)


def lindgren(inbox: Path, name: str, receipt: str, **values: str) -> None:
    """An I-129 approval for the name and trading name of the sample rejection, with ``values`` changed."""
    fields = {
        "form": "I-129",
        "receipt_number": receipt,
        "received_date": "2026-06-02",
        "notice_date": "2026-08-20",
        "petitioner": "BOREALIS ROBOTICS LLC",
        "beneficiary": "LINDGREN, ASTRID MARIA",
        "classification": "H1B",
        "valid_from": "2026-10-01",
        "valid_to": "2029-09-30",
        "addressee": ["BOREALIS ROBOTICS LLC", "400 HARBOR DRIVE", "PORTLAND ME 04101"],
    } | values
    spec = generator.Spec(name=name, notice_type="approval", layout="grid", **fields)
    (inbox / f"{name}.pdf").write_bytes(generator.notices_pdf([spec]))


def taught(tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, str]:
    """The sample rejection (names no case has) assigned to ACME by a reviewer on the command line."""
    inbox, cases, docket = room(tmp_path, new_docket)
    shutil.copy(NOTICES / "rejection-i129.pdf", inbox)
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    capsys.readouterr()
    args = ["mailroom", "resolve", str(item.id), "--docket", docket, "--cases", str(cases), "--case", ACME]
    assert main(args) == 2  # nothing on it ties it to ACME: the reviewer must say whom it is about
    assert "--for PERSON (one of: principal, spouse)" in capsys.readouterr().err
    assert main([*args, "--for", "principal"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "filed to ACME-2026-0142" in out and "learned name 'LINDGREN, ASTRID MARIA'" in out
    return inbox, cases, docket


def test_a_review_teaches_name_trading_name_and_receipt_and_the_next_notice_files_itself(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCGEN_ACTOR", "ines")
    inbox, cases, docket = taught(tmp_path, new_docket, capsys)
    with open_docket(docket) as d:
        learned = {(a.kind, a.written, a.case_id, a.person, a.target, a.created_by) for a in d.aliases()}
    assert learned == {
        (AliasKind.NAME, "LINDGREN, ASTRID MARIA", ACME, "principal", None, "ines"),
        (AliasKind.PETITIONER, "BOREALIS ROBOTICS LLC", ACME, None, "ACME ANALYTICS", "ines"),
        (AliasKind.RECEIPT, "EAC2690200777", ACME, None, None, "ines"),
    }
    assert main(["mailroom", "aliases", "--docket", docket]) == 0
    table = capsys.readouterr().out
    assert "LINDGREN, ASTRID MARIA" in table and "BOREALIS ROBOTICS LLC" in table and "ines" in table
    lindgren(inbox, "approval-lindgren", "EAC2690200888")
    report = ingest_inbox(inbox, docket, cases)
    assert [Path(p).name for p in report.filed] == ["2026-08-20_I-129_approval_EAC2690200888.pdf"]
    assert (cases / ACME / "notices" / "2026-08-20_I-129_approval_EAC2690200888.pdf").exists()
    with open_docket(docket) as d:
        assert d.reviews() == []
        log = [e for e in d.audit_log() if e.action == "alias learned"]
    assert len(log) == 3 and all(e.actor == "ines" and e.case_id == ACME for e in log)


def test_a_name_alias_alone_is_not_enough_and_a_removed_alias_teaches_nothing(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = taught(tmp_path, new_docket, capsys)
    lindgren(inbox, "other-employer", "EAC2690200901", petitioner="NORTHWIND TRADING LLC")
    report = ingest_inbox(inbox, docket, cases)
    assert report.filed == [] and len(report.review) == 1  # the name is known, the petitioner is not
    with open_docket(docket) as d:
        name_alias = next(a for a in d.aliases() if a.kind is AliasKind.NAME)
    assert main(["mailroom", "aliases", "--docket", docket, "--remove", str(name_alias.id)]) == 0
    assert "removed alias" in capsys.readouterr().out
    assert main(["mailroom", "aliases", "--docket", docket, "--remove", str(name_alias.id)]) == 2
    assert f"no alias {name_alias.id}" in capsys.readouterr().err
    lindgren(inbox, "after-removal", "EAC2690200902")
    report = ingest_inbox(inbox, docket, cases)
    assert report.filed == [] and len(report.review) == 1  # the trading name alone does not file it
    with open_docket(docket) as d:
        (removed,) = [e for e in d.audit_log() if e.action == "alias removed"]
    assert removed.case_id == ACME and removed.details["kind"] == "name"


def test_removing_an_alias_names_the_notices_it_filed_which_stay_where_they_are(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = taught(tmp_path, new_docket, capsys)
    lindgren(inbox, "approval-lindgren", "EAC2690200888")  # filed by the name and trading-name aliases
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    filed = "2026-08-20_I-129_approval_EAC2690200888.pdf"
    with open_docket(docket) as d:
        by_kind = {a.kind: a for a in d.aliases()}
        notice = next(n for n in d.notices() if n.receipt_number == "EAC2690200888")
    capsys.readouterr()
    assert main(["mailroom", "aliases", "--docket", docket, "--remove", str(by_kind[AliasKind.NAME].id)]) == 0
    out, err = capsys.readouterr()
    assert "removed alias" in out
    assert (
        f"warning: 1 notice filed to {ACME} with this alias stays there (removing it moves nothing): "
        f"notice {notice.id} ({filed}); if it belongs to another case, move it by hand" in err
    )
    assert (cases / ACME / "notices" / filed).exists()  # nothing moved
    # the receipt alias filed nothing (the notice that taught it was filed by a person): no warning
    assert main(["mailroom", "aliases", "--docket", docket, "--remove", str(by_kind[AliasKind.RECEIPT].id)]) == 0
    assert "warning" not in capsys.readouterr().err
    with open_docket(docket) as d:
        removed = {e.details["kind"]: e.details for e in d.audit_log() if e.action == "alias removed"}
    assert removed["name"]["filed_with_it"] == [notice.id] and removed["receipt"]["filed_with_it"] == []


def test_a_name_learned_for_two_cases_goes_to_review(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = taught(tmp_path, new_docket, capsys)
    lindgren(inbox, "second", "EAC2690200903", petitioner="NORTHWIND TRADING LLC")
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
        message = resolve(d, CaseStore(cases), item.id, case_id="TAMSWORTH-2026-0031", person="principal")
        assert "learned name 'LINDGREN, ASTRID MARIA'" in message
    lindgren(inbox, "third", "EAC2690200904", petitioner="NORTHWIND TRADING LLC")  # only Tamsworth fits
    report = ingest_inbox(inbox, docket, cases)
    assert [Path(p).parent.parent.name for p in report.filed] == ["TAMSWORTH-2026-0031"]
    # an application names no petitioner: the name, learned for two cases, fits both
    spec = generator.Spec(
        name="ead",
        notice_type="receipt",
        layout="table",
        form="I-765",
        receipt_number="IOE0923400001",
        received_date="2026-06-03",
        notice_date="2026-06-05",
        applicant="LINDGREN, ASTRID MARIA",
        classification="C26",
        amount="470.00",
        addressee=["ASTRID LINDGREN", "1 ELM STREET", "PORTLAND ME 04101"],
    )
    (inbox / "ead.pdf").write_bytes(generator.notices_pdf([spec]))
    report = ingest_inbox(inbox, docket, cases)
    assert report.filed == [] and len(report.review) == 1


def test_a_receipt_alias_that_disagrees_with_the_case_files_goes_to_review(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    _, cases, docket = room(tmp_path, new_docket)
    store = CaseStore(cases)
    notice = {"receipt_number": "WAC2390123456", "notice_type": "approval", "form": "I-129"}
    with open_docket(docket) as d:
        assert match_notice(store, d, notice) == (ACME, "principal")  # in the case file
        with d.transaction() as tx:
            tx.add_alias(NewAlias(AliasKind.RECEIPT, "WAC2390123456", "WAC2390123456", "TAMSWORTH-2026-0031"))
        assert match_notice(store, d, notice) is None
        with d.transaction() as tx:
            tx.add_alias(NewAlias(AliasKind.RECEIPT, "EAC2690300001", "EAC2690300001", "TAMSWORTH-2026-0031"))
        unknown = notice | {"receipt_number": "EAC2690300001"}
        assert match_notice(store, d, unknown) == ("TAMSWORTH-2026-0031", "principal")
        with d.transaction() as tx:
            tx.add_alias(NewAlias(AliasKind.RECEIPT, "EAC2690300001", "EAC2690300001", ACME))
        assert match_notice(store, d, unknown) is None  # one number, two cases


def test_what_is_never_learned(tmp_path: Path, new_docket: NewDocket) -> None:
    _, cases, docket = room(tmp_path, new_docket)
    store = CaseStore(cases)
    assert not aliases.learnable_name("A123456789 LINDGREN, ASTRID") and not aliases.learnable_name("LINDGREN")
    spouse_notice = {
        "form": "I-765",
        "notice_type": "receipt",
        "applicant": "OKAFR, EMEKA",
        "receipt_number": "IOE0923456790",
    }
    with open_docket(docket) as d:
        # a dependent's application filed to the beneficiary by default: the name is not remembered
        guessed = aliases.lessons(store, d, ACME, "principal", spouse_notice, person_known=False)
        assert [a.kind for a in guessed] == [AliasKind.RECEIPT]
        told = aliases.lessons(store, d, ACME, "spouse", spouse_notice, person_known=True)
        assert [(a.kind, a.person) for a in told] == [(AliasKind.NAME, "spouse"), (AliasKind.RECEIPT, None)]
        digits = aliases.lessons(
            store, d, ACME, "spouse", spouse_notice | {"applicant": "A123456789"}, person_known=True
        )
        assert AliasKind.NAME not in {a.kind for a in digits}
        known = {
            "form": "I-129",
            "beneficiary": "OKAFOR, CHIDERA",
            "petitioner": "Acme Analytics Inc",
            "receipt_number": "WAC2390123456",
        }
        assert aliases.lessons(store, d, ACME, "principal", known, person_known=True) == []  # led there anyway


def test_export_and_import_carry_the_aliases(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, docket = taught(tmp_path, new_docket, capsys)
    out = tmp_path / "docket.jsonl"
    with open_docket(docket) as d:
        before = d.aliases()
        counts = export_docket(d, out)
    assert counts["aliases"] == 3
    assert json.loads(out.read_text().splitlines()[0])["rows"]["aliases"] == 3
    target = tmp_path / "moved.sqlite"
    with open_docket(target) as d:
        import_docket(d, out)
        assert d.aliases() == before
        with d.transaction() as tx:  # ids go on after the imported ones
            new = tx.add_alias(NewAlias(AliasKind.RECEIPT, "EAC2690300002", "EAC2690300002", ACME))
        assert new is not None and new > max(a.id for a in before)


@pytest.mark.parametrize("point", ["intent-recorded", "case-written"])
def test_a_resolve_killed_half_way_is_completed_with_its_aliases_once(
    tmp_path: Path, new_docket: NewDocket, point: str
) -> None:
    import os
    import subprocess
    import sys

    inbox, cases, docket = room(tmp_path, new_docket)
    shutil.copy(NOTICES / "rejection-i129.pdf", inbox)
    ingest_inbox(inbox, docket, cases)
    env = {**os.environ, "DOCGEN_KILL_AT": point, "PYTHONPATH": str(SAMPLES.parent)}
    args = [sys.executable, "-m", "docgen.cli", "mailroom", "resolve", "1", "--docket", docket, "--cases", str(cases)]
    killed = subprocess.run([*args, "--case", ACME, "--for", "principal"], env=env, capture_output=True, timeout=120)
    assert killed.returncode == -9
    with open_docket(docket) as d:
        assert d.aliases() == [] and len(d.intents()) == 1
    ingest_inbox(inbox, docket, cases)  # the next run completes what the killed one left
    with open_docket(docket) as d:
        assert {a.kind for a in d.aliases()} == {AliasKind.NAME, AliasKind.PETITIONER, AliasKind.RECEIPT}
        assert d.intents() == [] and d.reviews() == []
        assert len([e for e in d.audit_log() if e.action == "alias learned"]) == 3
