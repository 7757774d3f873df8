"""Expected receipts: a packet marked filed waits for its receipt notices; late, differing or missing ones show."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom.docket import DeadlineKind, ExpectationStatus, open_docket
from docgen.mailroom.ingest import ingest_inbox
from samples.notices import generate as generator

from .conftest import SAMPLES, NewDocket

CASE = "ACME-2026-0142"
FILED = "2026-06-01"


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The manifest of the sample H-1B filing packet, as 'docgen packet build' writes it."""
    out = tmp_path_factory.mktemp("packet")
    assert main(["packet", "build", str(SAMPLES / "packets" / "h1b-filing.yaml"), "-o", str(out / "h1b.pdf")]) == 0
    return out / "h1b.manifest.json"


def room(tmp_path: Path, new_docket: NewDocket) -> tuple[Path, Path, str]:
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    for case in (SAMPLES / "cases").glob("*.yaml"):
        shutil.copy(case, cases / case.name)
    return inbox, cases, new_docket(tmp_path)


def mark_filed(manifest: Path, docket: str, cases: Path, *extra: str) -> int:
    return main(["packet", "filed", str(manifest), "--date", FILED, "--docket", docket, "--cases", str(cases), *extra])


def receipt(inbox: Path, name: str, **values: str) -> None:
    """A receipt notice for the spouse's I-765 (the sample's), with ``values`` changed."""
    fields = {
        "form": "I-765",
        "receipt_number": "IOE0923456790",
        "received_date": "2026-06-03",
        "notice_date": "2026-06-05",
        "applicant": "OKAFOR, EMEKA TOBENNA",
        "classification": "C26",
        "amount": "470.00",
        "addressee": generator.EMEKA_ADDR,
    } | values
    spec = generator.Spec(name=name, notice_type="receipt", layout="table", **fields)
    (inbox / f"{name}.pdf").write_bytes(generator.notices_pdf([spec]))


def test_each_form_filed_waits_for_its_receipt(
    manifest: Path, tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, cases, docket = room(tmp_path, new_docket)
    forms = [
        d["source"] for s in json.loads(manifest.read_text())["sections"] for d in s["documents"] if d["kind"] == "form"
    ]
    assert any(f.startswith("form G-1145") for f in forms)  # no receipt of its own: not waited for
    assert mark_filed(manifest, docket, cases, "--fee", "I-765=470", "--fee", "I-539:spouse=470") == 0
    out = capsys.readouterr().out
    assert "expecting the receipt of Form I-539 for spouse (Emeka Tobenna Okafor) by 2026-07-01" in out
    assert "Form I-765 for spouse" in out and "G-1145" not in out and "I-907" not in out
    assert mark_filed(manifest, docket, cases) == 0  # again: nothing doubled
    assert capsys.readouterr().out.count("already expected") == 2
    with open_docket(docket) as d:
        waiting = d.expected_receipts()
        assert [(e.form, e.person, e.fee, e.status) for e in waiting] == [
            ("I-539", "spouse", "470.00", ExpectationStatus.EXPECTED),
            ("I-765", "spouse", "470.00", ExpectationStatus.EXPECTED),
        ]
        due = [(r.person, r.due) for r in d.deadlines_due() if r.kind is DeadlineKind.RECEIPT_MISSING]
        assert due == [("spouse: I-539", dt.date(2026, 7, 1)), ("spouse: I-765", dt.date(2026, 7, 1))]

    receipt(inbox, "receipt-i765")
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.filed) == 1 and not report.review
    with open_docket(docket) as d:
        got = {e.form: e for e in d.expected_receipts()}
        assert got["I-765"].status is ExpectationStatus.RECEIVED and got["I-765"].receipt_number == "IOE0923456790"
        assert got["I-539"].status is ExpectationStatus.EXPECTED
        still = [r.person for r in d.deadlines_due() if r.kind is DeadlineKind.RECEIPT_MISSING]
        assert still == ["spouse: I-539"]  # the I-765's arrived; the case-file sync kept the other
        assert d.reviews() == []
    assert main(["deadlines", "--docket", docket, "--today", "2026-07-10"]) == 0
    table = capsys.readouterr().out
    assert "Receipt notice due (missing after)" in table and "spouse: I-539" in table


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"amount": "520.00"}, "fee $520.00 on the notice, $470.00 filed"),
        (
            {"applicant": "OKAFOR, EMEKA TOBENA"},
            "name 'OKAFOR, EMEKA TOBENA' on the notice, 'Emeka Tobenna Okafor' filed",
        ),
        ({"receipt_number": "EAC2690200778"}, "office EAC on the notice, IOE filed with"),
    ],
)
def test_a_receipt_that_differs_from_the_filing_goes_to_review(
    manifest: Path, tmp_path: Path, new_docket: NewDocket, values: dict[str, str], reason: str
) -> None:
    inbox, cases, docket = room(tmp_path, new_docket)
    assert mark_filed(manifest, docket, cases, "--fee", "I-765=470", "--office", "IOE") == 0
    receipt(inbox, "receipt-i765", **values)
    report = ingest_inbox(inbox, docket, cases)
    assert len(report.filed) == 1  # filed to the case all the same: it is the case's receipt
    with open_docket(docket) as d:
        (item,) = d.reviews()
        assert item.reason == f"receipt differs from what was filed: {reason}"
        assert item.notice_id is not None and Path(str(item.path)).exists()
        got = {e.form: e.status for e in d.expected_receipts()}
        assert got == {"I-539": ExpectationStatus.EXPECTED, "I-765": ExpectationStatus.DIFFERS}
        assert [a.action for a in d.audit_log()].count("receipt sent to review") == 1
    filed = Path(str(item.path)).read_bytes()
    resolve = ["mailroom", "resolve", str(item.id), "--docket", docket, "--cases", str(cases)]
    assert main([*resolve, "--case", CASE]) == 2  # it is filed: only a person's note closes it
    assert Path(str(item.path)).read_bytes() == filed
    assert main([*resolve, "--dismiss", "corrected notice requested"]) == 0


def test_a_receipt_without_an_expectation_changes_nothing(tmp_path: Path, new_docket: NewDocket) -> None:
    inbox, cases, docket = room(tmp_path, new_docket)
    receipt(inbox, "receipt-i765", amount="999.00")
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    with open_docket(docket) as d:
        assert d.expected_receipts() == [] and d.reviews() == []


def test_bad_requests_are_one_line_errors(manifest: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, cases, docket = room(tmp_path, lambda folder: str(folder / "docket.sqlite"))
    assert mark_filed(manifest, docket, cases, "--fee", "I-765") == 2
    assert "--fee 'I-765': write FORM=AMOUNT" in capsys.readouterr().err
    assert mark_filed(manifest, docket, cases, "--office", "Vermont") == 2
    assert "--office 'VERMONT'" in capsys.readouterr().err
    assert mark_filed(tmp_path / "nothing.json", docket, cases) == 2
    assert "no such manifest" in capsys.readouterr().err
    assert mark_filed(manifest, docket, tmp_path / "inbox") == 2
    assert f"the packet's case '{CASE}' is not in" in capsys.readouterr().err
    assert mark_filed(SAMPLES / "packets" / "h1b-filing.yaml", docket, cases) == 2
    assert "not a packet manifest" in capsys.readouterr().err


def test_a_filing_date_after_today_is_refused_as_in_the_workspace(
    manifest: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], new_docket: NewDocket
) -> None:
    """``--date 2099-06-01`` (a typo) was recorded: the missing-receipt alert would have waited until 2099. The
    workspace refused it; the command line now does too, and nothing is recorded."""
    _, cases, docket = room(tmp_path, new_docket)
    later = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    args = ["packet", "filed", str(manifest), "--date", later, "--docket", docket, "--cases", str(cases)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"docgen: error: {later} is after today: give the day the packet was filed"
    with open_docket(docket) as d:
        assert not d.expected_receipts(CASE) and "packet marked filed" not in [a.action for a in d.audit_log()]
