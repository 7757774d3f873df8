"""Whose a notice is (docket schema 9): the notices table keeps the case's person each notice was filed for, on SQLite
and PostgreSQL; a docket of an older docgen gets it where the docket can tell (the person of the notice's deadlines,
of the receipt it settled, of the name its review taught), the rest stay empty; the desk and the case page show it
(``tests/web/test_mailfix11_web.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docgen.cli import main
from docgen.mailroom.docket import NoticeStatus, open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.sql_docket import MIGRATIONS
from samples.notices import generate as generator

from .conftest import NewDocket
from .test_docket_keys import older

WHOSE = 9  # the schema that keeps whose a notice is
ROOT = Path(__file__).resolve().parents[1]
ACME = "ACME-2026-0142"


def _notice(number: int, receipt: str, kind: str, form: str, status: str = "filed") -> tuple[str, tuple[Any, ...]]:
    values = {"receipt_number": receipt, "notice_type": kind, "form": form, "notice_date": "2026-11-20"}
    return (
        "INSERT INTO notices(id, identity, source_hash, source_pages, case_id, status, notice_type, form, "
        "receipt_number, notice_date, data, filed_path, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            number,
            f"{receipt}|{kind}|2026-11-20",
            "ab" * 32,
            "1",
            "NW-1" if status == "filed" else None,
            status,
            kind,
            form,
            receipt,
            "2026-11-20",
            json.dumps(values),
            f"/cases/NW-1/notices/{number}.pdf",
            "2026-11-20T10:00:00+00:00",
        ),
    )


def test_an_older_docket_gets_whose_each_filed_notice_is_where_the_docket_can_tell(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    assert len(MIGRATIONS) >= WHOSE
    location = new_docket(tmp_path)
    older(
        location,
        [
            _notice(1, "MSC2790011112", "rfe", "I-765"),  # its deadline is the spouse's
            _notice(2, "WAC2790012345", "receipt", "I-129"),  # it settled the principal's expected receipt
            _notice(3, "MSC2790011113", "receipt", "I-539"),  # its review taught a name for dependents[0]
            _notice(4, "MSC2790011114", "receipt", "I-485"),  # nothing tells: left empty, never guessed
            _notice(5, "MSC2790011115", "rfe", "I-765", status="review"),  # not filed: nobody's yet
            (
                "INSERT INTO deadlines(case_id, person, kind, due, description, notice_id) VALUES (?,?,?,?,?,?)",
                ("NW-1", "spouse", "RFE response due", "2027-01-18", "RFE response for I-765", 1),
            ),
            (
                "INSERT INTO expected_receipts(packet, case_id, person, form, filed_on, expected_by, status, "
                "notice_id, receipt_number, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    "p.pdf",
                    "NW-1",
                    "principal",
                    "I-129",
                    "2026-10-01",
                    "2026-11-01",
                    "received",
                    2,
                    "WAC2790012345",
                    "x",
                ),
            ),
            (
                "INSERT INTO reviews(id, notice_id, reason, path, status, created_at) VALUES (?,?,?,?,?,?)",
                (7, 3, "unmatched", "/review/3.pdf", "resolved", "x"),
            ),
            (
                "INSERT INTO aliases(kind, alias_key, written, case_id, person, review_id, created_at, created_by) "
                "VALUES (?,?,?,?,?,?,?,?)",
                ("name", "SILVA MARTA", "SILVA, MARTA", "NW-1", "dependents[0]", 7, "x", "clerk"),
            ),
        ],
        WHOSE - 1,
    )
    with open_docket(location) as docket:
        assert docket.schema_version == len(MIGRATIONS)
        assert {n.id: n.person for n in docket.notices()} == {
            1: "spouse",
            2: "principal",
            3: "dependents[0]",
            4: None,
            5: None,
        }
        assert [n.person for n in docket.latest_filed(10)] == [None, "dependents[0]", "principal", "spouse"]


def family_notices_filed(root: Path) -> dict[str, Path]:
    """The sample case folder under ``root`` and the principal's I-129 receipt and the spouse's I-765 receipt and
    I-539 biometrics notice, drawn as USCIS prints them and ingested: {"cases", "docket"}."""
    import shutil

    shutil.copytree(ROOT / "samples" / "cases", root / "cases")
    inbox = root / "inbox"
    inbox.mkdir()
    specs = generator.bundled_specs()
    for name in ("receipt-i129", "receipt-i765", "biometrics-i539"):
        (inbox / f"{name}.pdf").write_bytes(generator.notices_pdf([specs[name]]))
    docket = root / "docket.sqlite"
    report = ingest_inbox(inbox, docket, root / "cases")
    assert len(report.filed) == 3 and not report.review, report
    return {"docket": docket, "cases": root / "cases"}


@pytest.fixture
def filed(tmp_path: Path) -> dict[str, Path]:
    """The family's notices filed (:func:`family_notices_filed`)."""
    return family_notices_filed(tmp_path)


def test_each_filed_notice_says_whose_it_is_and_an_unfiled_one_is_nobody_s(
    filed: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with open_docket(filed["docket"]) as docket:
        whose = {n.form: n.person for n in docket.notices(ACME)}
    assert whose == {"I-129": "principal", "I-765": "spouse", "I-539": "spouse"}
    assert main(["mailroom", "notices", "--docket", str(filed["docket"]), "--case", ACME]) == 0
    listed = capsys.readouterr().out
    assert "whose" in listed.splitlines()[0]
    assert any("spouse" in line and "I-765" in line for line in listed.splitlines())
    with open_docket(filed["docket"]) as docket:
        (i765,) = [n for n in docket.notices(ACME) if n.form == "I-765"]
    where = ["--docket", str(filed["docket"]), "--cases", str(filed["cases"])]
    assert main(["mailroom", "unfile", str(i765.id), *where, "--reason", "wrong case"]) == 0, capsys.readouterr()
    with open_docket(filed["docket"]) as docket:
        back = docket.notice(i765.id)
        assert back is not None and back.status is NoticeStatus.REVIEW and back.person is None
        (item,) = docket.reviews()
    capsys.readouterr()
    # filed again from review for the person the clerk names: that person is recorded
    assert main(["mailroom", "resolve", str(item.id), *where, "--case", ACME, "--for", "spouse"]) == 0, (
        capsys.readouterr()
    )
    with open_docket(filed["docket"]) as docket:
        again = docket.notice(i765.id)
    assert again is not None and again.status is NoticeStatus.FILED and again.person == "spouse"
