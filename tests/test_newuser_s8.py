"""A new user's trial of the mailroom and notices (session 8): each test is one thing a clerk or a specialist
tripped on, with the user's own fictional notices (drawn here with reportlab, not the bundled samples)."""

from __future__ import annotations

import io
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.cli import main
from docgen.mailroom.docket import DeadlineKind, open_docket
from docgen.mailroom.ingest import ingest_inbox

from .conftest import NewDocket

WIDTH, HEIGHT = letter

CASE = """\
# A new user's own fictional case: every name and number invented.
case_id: NW-2026-0007
petitioner:
  name: Northwind Tidal Energy LLC
  ein: "84-1234567"
  address: {street: 77 Harbor Way, city: Portland, state: ME, zip_code: "04101", country: United States}
beneficiary:
  id: principal
  family_name: Valdivia
  given_name: Ines
  middle_name: Carolina
  birth_date: 1991-03-09
  citizenship: [Chile]
  sex: F
  i94: {number: "51234567890", arrival_date: 2024-01-05, expiry_date: 2027-01-04, status: H-1B}
job:
  title: Ocean Energy Engineer
facts:
  form: I-129
  classification: H-1B
  basis: continuation
  status: filed
  filed_date: 2026-10-01
"""

RECEIPT: dict[str, Any] = {
    "title": "I-797C, NOTICE OF ACTION",
    "rows": [
        ("Receipt Number", "WAC2790012345"),
        ("Case Type", "I129 - PETITION FOR A NONIMMIGRANT WORKER"),
        ("Received Date", "10/01/2026"),
        ("Notice Date", "10/08/2026"),
        ("Petitioner", "NORTHWIND TIDAL ENERGY LLC"),
        ("Beneficiary", "VALDIVIA, INES CAROLINA"),
        ("Class", "H1B"),
        ("Amount received", "$1,710.00"),
        ("Notice Type", "Receipt Notice"),
    ],
    "body": "We have received your petition and are processing it.",
}


def replaced(notice: dict[str, Any], **values: str) -> dict[str, Any]:
    """The notice with some rows' values replaced (keys: labels with spaces as underscores)."""
    wanted = {k.replace("_", " "): v for k, v in values.items()}
    return {**notice, "rows": [(label, wanted.get(label, value)) for label, value in notice["rows"]]}


# The premium-processing receipt: the petition's receipt number, issued the same day.
I907 = replaced(
    RECEIPT, Case_Type="I907 - REQUEST FOR PREMIUM PROCESSING SERVICE", Amount_received="$2,805.00", Class="H1B"
)


def draw_notice(pdf: canvas.Canvas, notice: dict[str, Any], top: float, small: bool = False) -> None:
    """One notice drawn from ``top`` down (``small``: a half sheet, rows closer)."""
    step = 15 if small else 22
    pdf.setFont("Helvetica-Bold", 15)
    pdf.drawCentredString(WIDTH / 2, top, "THE UNITED STATES OF AMERICA")
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawCentredString(WIDTH / 2, top - 20, notice["title"])
    y = top - (50 if small else 60)
    for label, value in notice["rows"]:
        pdf.setFont("Helvetica", 9)
        pdf.drawString(60, y, label + ":")
        pdf.setFont("Helvetica-Bold", 11)
        pdf.drawString(200, y, value)
        y -= step
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, y - 10, notice["body"])


def notices_pdf(path: Path, notices: list[dict[str, Any]]) -> Path:
    """A text PDF of one page per notice, in a layout of this file's own: banner, title, label: value rows
    (the file's name printed small in the margin, as a scanner stamps it: two scans of one notice differ)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    for notice in notices:
        draw_notice(pdf, notice, HEIGHT - 60)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 60, "U.S. Citizenship and Immigration Services, California Service Center")
        pdf.drawString(WIDTH - 120, 60, "Page 1 of 1")
        pdf.setFont("Helvetica", 6)
        pdf.drawString(20, 20, f"scan {path.name}")
        pdf.showPage()
    pdf.save()
    path.write_bytes(buffer.getvalue())
    return path


def workspace(tmp_path: Path) -> tuple[Path, Path]:
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    (cases / "northwind-valdivia.yaml").write_text(CASE, encoding="utf-8")
    return inbox, cases


@pytest.mark.parametrize("i907_first", [False, True])
def test_an_i907_receipt_sharing_its_petitions_number_and_day_is_filed_not_dropped_as_a_duplicate(
    tmp_path: Path, new_docket: NewDocket, i907_first: bool
) -> None:
    # The day's mail scanned as one file: the I-129 receipt and its I-907 premium-processing receipt (one receipt
    # number, one notice date). The reader tells them apart; the mailroom counted the second a duplicate and
    # the I-907 receipt was in no case folder and no docket.
    inbox, cases = workspace(tmp_path)
    # (scanned first, the I-907 receipt took the number and the petition's own receipt was the one dropped)
    notices_pdf(inbox / "mail.pdf", [I907, RECEIPT] if i907_first else [RECEIPT, I907])
    docket = new_docket(tmp_path)
    report = ingest_inbox(inbox, docket, cases)
    filed = sorted(p.name for p in (cases / "NW-2026-0007" / "notices").glob("*.pdf"))
    assert filed == [
        "2026-10-08_I-129_receipt_WAC2790012345.pdf",
        "2026-10-08_I-907_receipt_WAC2790012345.pdf",
    ]
    assert report.duplicate_notices == 0
    with open_docket(docket) as d:
        assert sorted(n.form for n in d.notices("NW-2026-0007")) == ["I-129", "I-907"]
    # Each scanned again, alone (another day's batch): nothing is filed twice.
    notices_pdf(inbox / "again-907.pdf", [I907])
    notices_pdf(inbox / "again-129.pdf", [RECEIPT])
    again = ingest_inbox(inbox, docket, cases)
    assert again.duplicate_notices == 2
    assert len(list((cases / "NW-2026-0007" / "notices").glob("*.pdf"))) == 2


def test_an_i907_receipt_recorded_by_an_older_docgen_is_still_a_duplicate_when_scanned_again(
    tmp_path: Path,
) -> None:
    # A docket written before the I-907's identity held its form: the I-907 receipt came alone and was recorded
    # under number|kind|date; scanned again it must not be filed a second time.
    inbox, cases = workspace(tmp_path)
    docket = tmp_path / "docket.sqlite"
    notices_pdf(inbox / "i907.pdf", [I907])
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (recorded,) = d.notices("NW-2026-0007")
    with sqlite3.connect(docket) as db:
        db.execute("UPDATE notices SET identity=? WHERE id=?", (recorded.identity.rpartition("|")[0], recorded.id))
    notices_pdf(inbox / "i907-rescan.pdf", [I907])
    assert ingest_inbox(inbox, docket, cases).duplicate_notices == 1
    assert len(list((cases / "NW-2026-0007" / "notices").glob("*.pdf"))) == 1


STRANGER = replaced(
    RECEIPT,
    Receipt_Number="EAC2790099999",
    Petitioner="BLUE HERON OYSTERS INC",
    Beneficiary="ZELLER, OTTO",
    Notice_Date="10/09/2026",
)


def test_resolve_case_refuses_a_notice_nothing_on_it_ties_to_that_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A receipt for a client the firm has no case for waits for review; the clerk types the case id of the
    # case open on their screen. The notice was filed to Ines Valdivia's case, her file got Otto Zeller's
    # receipt number, and 'ZELLER, OTTO' and 'BLUE HERON OYSTERS INC' were learned for her case, so the next
    # Blue Heron notice files itself there.
    inbox, cases = workspace(tmp_path)
    notices_pdf(inbox / "stranger.pdf", [STRANGER])
    docket = tmp_path / "docket.sqlite"
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    args = ["mailroom", "resolve", str(item.id), "--docket", str(docket), "--cases", str(cases)]
    code = main([*args, "--case", "NW-2026-0007"])
    assert code == 2, capsys.readouterr()
    err = capsys.readouterr().err
    assert "--for PERSON" in err and len(err.strip().splitlines()) == 1
    # what the notice prints and what the case holds, side by side
    assert "'ZELLER, OTTO'" in err and "'BLUE HERON OYSTERS INC'" in err and "EAC2790099999" in err
    assert "Ines Valdivia (principal)" in err and "'Northwind Tidal Energy LLC'" in err
    assert "EAC2790099999" not in (cases / "northwind-valdivia.yaml").read_text(encoding="utf-8")
    with open_docket(docket) as d:
        assert d.aliases() == [] and [r.id for r in d.reviews()] == [item.id]
    assert not (cases / "NW-2026-0007" / "notices").exists()
    # the clerk checks the paper: it is her case's after all (a name USCIS misprinted): --for says so and teaches it
    assert main([*args, "--case", "NW-2026-0007", "--for", "principal"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "filed to NW-2026-0007" in out and "learned name 'ZELLER, OTTO' -> NW-2026-0007 principal" in out
    assert "EAC2790099999" in (cases / "northwind-valdivia.yaml").read_text(encoding="utf-8")


def test_resolve_case_files_a_notice_its_petitioner_or_receipt_ties_to_the_case_without_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Something on the notice leads to the case (its petitioner, as the case file writes it): the name is
    # misprinted, the clerk types the case, and it is filed as before, no --for asked.
    inbox, cases = workspace(tmp_path)
    notices_pdf(inbox / "misprint.pdf", [replaced(RECEIPT, Beneficiary="VALDIVEA, YNES")])
    docket = tmp_path / "docket.sqlite"
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    args = ["mailroom", "resolve", str(item.id), "--docket", str(docket), "--cases", str(cases)]
    assert main([*args, "--case", "NW-2026-0007"]) == 0, capsys.readouterr().err
    assert "filed to NW-2026-0007" in capsys.readouterr().out


def test_the_commands_the_demo_prints_run_as_pasted_without_an_activated_venv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # scripts/demo.sh sets up .venv and never activates it; the demo then printed 'docgen users add ...' and
    # 'docgen serve ...', which a new user's shell answered with "docgen: command not found".
    from docgen.commands.demo import command_name

    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # a fresh shell: the venv's bin folder is not on it
    monkeypatch.chdir(tmp_path)
    docgen = command_name()
    assert docgen != "docgen"
    result = subprocess.run([docgen, "users", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "users" in result.stdout
    venv_bin = str(Path(sys.executable).parent)
    monkeypatch.setenv("PATH", f"{venv_bin}:/usr/bin:/bin")  # activated: the plain name is this docgen
    assert command_name() == "docgen"


def test_a_notice_printed_with_the_trading_name_the_case_file_gives_is_filed_to_the_case(tmp_path: Path) -> None:
    # The case file says the petitioner trades as "Northwind Power" (petitioner.dba, a box of the case page);
    # the receipt prints that name. The matcher compared the legal name only: "no case has this receipt number
    # or these names", to review, and a clerk had to teach an alias the case file already held.
    inbox, cases = workspace(tmp_path)
    text = (cases / "northwind-valdivia.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  name: Northwind Tidal Energy LLC\n", "  name: Northwind Tidal Energy LLC\n  dba: Northwind Power\n"
    )
    (cases / "northwind-valdivia.yaml").write_text(text, encoding="utf-8")
    notices_pdf(inbox / "receipt.pdf", [replaced(RECEIPT, Petitioner="NORTHWIND POWER")])
    docket = tmp_path / "docket.sqlite"
    report = ingest_inbox(inbox, docket, cases)
    assert [Path(p).name for p in report.filed] == ["2026-10-08_I-129_receipt_WAC2790012345.pdf"], report
    # another company's notice for a person of the same name still goes to review
    notices_pdf(
        inbox / "other.pdf",
        [replaced(RECEIPT, Petitioner="NORTHWIND SAILS INC", Receipt_Number="EAC2790011111")],
    )
    assert len(ingest_inbox(inbox, docket, cases).review) == 1


def test_an_approved_extension_is_not_reported_as_an_extension_to_file(tmp_path: Path) -> None:
    # The I-129 extension was filed, then approved (valid 2027-01-05 to 2030-01-04, an I-797 without the I-94
    # tear-off); the old I-94 ends 2027-01-04. The dashboard and 'report expirations' said "file the extension
    # of stay before the I-94 ends", which sends a manager to file a petition that is already approved.
    import datetime as dt

    from docgen.case.loader import load_case
    from docgen.compliance.reports import expirations_report

    _, cases = workspace(tmp_path)
    path = cases / "northwind-valdivia.yaml"
    text = path.read_text(encoding="utf-8").replace("status: filed", "status: approved")
    path.write_text(text + "  approved_from: 2027-01-05\n  approved_to: 2030-01-04\n", encoding="utf-8")
    report = expirations_report([load_case(path)], within=180, today=dt.date(2026, 12, 2))
    (row,) = [r for r in report.rows if r["document"].startswith("I-94")]
    assert "file the extension" not in row["action"]
    assert row["action"].startswith("extension approved to 2030-01-04: write the new I-94")


def test_a_notice_filed_from_a_sheet_of_two_holds_no_other_clients_notice(tmp_path: Path) -> None:
    # Two half-sheet notices scanned on one sheet: Ines Valdivia's receipt (filed to her case) and Otto Zeller's,
    # a client the firm has no case for. Her case folder got the whole sheet, Zeller's name, receipt number and
    # employer on it: another client's personal data in a folder that is sent to counsel and to her employer.
    import pypdfium2 as pdfium

    inbox, cases = workspace(tmp_path)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=True)
    draw_notice(pdf, RECEIPT, HEIGHT - 50, small=True)
    draw_notice(pdf, STRANGER, HEIGHT / 2 - 30, small=True)
    pdf.showPage()
    pdf.save()
    (inbox / "sheet.pdf").write_bytes(buffer.getvalue())
    report = ingest_inbox(inbox, tmp_path / "docket.sqlite", cases)
    assert len(report.filed) == 1 and len(report.review) == 1, report
    filed = pdfium.PdfDocument(report.filed[0])
    text = "".join(filed[i].get_textpage().get_text_range() for i in range(len(filed)))
    assert "ZELLER" not in text and "EAC2790099999" not in text  # no text layer of the other notice
    # What a person sees: her notice, and nothing of his (read back by tesseract, as a person would read it).
    from docgen.notices.ocr import Tesseract

    page = filed[0].render(scale=200 / 72).to_pil().convert("L")  # grey: read in this process, not by the program
    seen = " ".join(w.text for w in Tesseract().words(page, 200))
    assert "VALDIVIA" in seen
    assert "ZELLER" not in seen and "EAC2790099999" not in seen


def test_a_notice_whose_case_file_cannot_be_read_waits_saying_so_not_as_a_stranger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A typo in the case file (an unknown key) makes the ingest skip it; the receipt then waited as "no case has
    # this receipt number or these names", the words of a stranger's notice, on the desk and in .reason.txt:
    # a clerk dismisses it or files it elsewhere. The reason now names the file, and resolve files it once fixed.
    inbox, cases = workspace(tmp_path)
    path = cases / "northwind-valdivia.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("  title: Ocean Energy Engineer\n", "  title: Ocean Energy Engineer\n  tittle: x\n"))
    notices_pdf(inbox / "receipt.pdf", [RECEIPT])
    docket = tmp_path / "docket.sqlite"
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        (item,) = d.reviews()
    assert "northwind-valdivia.yaml" in item.reason and "could not be read" in item.reason
    assert "northwind-valdivia.yaml" in Path(str(item.path)).with_suffix(".reason.txt").read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    args = ["mailroom", "resolve", str(item.id), "--docket", str(docket), "--cases", str(cases)]
    assert main(args) == 0
    assert "filed to NW-2026-0007" in capsys.readouterr().out


def _for_adjustment(receipt: str, form: str, kind: str, title: str, date: str, extra: list[tuple[str, str]]) -> Any:
    """A notice of Ines Valdivia's own application (an applicant box, no petitioner)."""
    rows = [
        ("Receipt Number", receipt),
        ("Case Type", form),
        ("Received Date", "08/03/2026"),
        ("Notice Date", date),
        ("Applicant", "VALDIVIA, INES CAROLINA"),
        *extra,
        ("Notice Type", kind),
    ]
    return {"title": title, "rows": rows, "body": "Please read this notice carefully."}


def test_two_rfes_of_one_person_due_the_same_day_each_keep_their_deadline(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    # USCIS asks for evidence on her I-765 and her I-485 the same day, both due 01/18/2027. The docket keeps one
    # "RFE response due" row (the I-765's, scanned first); the I-765 was then approved, which answered "the" RFE:
    # the I-485's response, still owed, left the deadlines, the digest and the calendar. Now the row is handed
    # to the I-485's RFE.
    inbox, cases = workspace(tmp_path)
    rfe = "I-797E, NOTICE OF ACTION"
    due = [("Response Due", "01/18/2027")]
    notices_pdf(
        inbox / "rfes.pdf",
        [
            _for_adjustment(
                "MSC2790011112",
                "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION",
                "Request for Evidence",
                rfe,
                "11/20/2026",
                due,
            ),
            _for_adjustment(
                "MSC2790011111",
                "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
                "Request for Evidence",
                rfe,
                "11/20/2026",
                due,
            ),
        ],
    )
    docket = new_docket(tmp_path)
    assert len(ingest_inbox(inbox, docket, cases).filed) == 2
    with open_docket(docket) as d:  # each RFE is its own deadline, keyed by its notice
        both = [r for r in d.deadlines_due(within_days=400) if r.kind is DeadlineKind.RFE_RESPONSE]
        assert len(both) == 2 and len({r.notice_id for r in both}) == 2
    notices_pdf(
        inbox / "ead.pdf",
        [
            _for_adjustment(
                "MSC2790011112",
                "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION",
                "Approval Notice",
                "I-797, NOTICE OF ACTION",
                "11/30/2026",
                [("Valid from", "11/30/2026 to 11/29/2028")],
            ),
        ],
    )
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    with open_docket(docket) as d:
        open_rfes = [r for r in d.deadlines_due(within_days=400) if r.kind is DeadlineKind.RFE_RESPONSE]
    assert [r.description for r in open_rfes] == ["RFE response for I-485 MSC2790011111 must arrive at USCIS"]
    # the I-485's own decision answers it
    notices_pdf(
        inbox / "gc.pdf",
        [
            _for_adjustment(
                "MSC2790011111",
                "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
                "Approval Notice",
                "I-797, NOTICE OF ACTION",
                "12/01/2026",
                [],
            ),
        ],
    )
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    with open_docket(docket) as d:
        assert not [r for r in d.deadlines_due(within_days=400) if r.kind is DeadlineKind.RFE_RESPONSE]


def test_an_rfe_due_the_day_of_an_answered_rfe_of_another_receipt_keeps_its_deadline(
    tmp_path: Path, new_docket: NewDocket
) -> None:
    # Her I-129 RFE (due 01/18/2027) was answered and the petition approved. A second I-129 petition (an
    # amendment, its own receipt number) then gets an RFE due the same day, corrected on the review desk. It was
    # filed, but its "RFE response due" was recorded as done at once (the answered RFE's row, same case, person,
    # kind and day): it reached no deadline list, digest or calendar.
    inbox, cases = workspace(tmp_path)
    rfe = replaced(RECEIPT, Notice_Date="11/20/2026", Notice_Type="Request for Evidence")
    rfe = {**rfe, "title": "I-797E, NOTICE OF ACTION", "rows": [*rfe["rows"], ("Response Due", "01/18/2027")]}
    approval = replaced(RECEIPT, Notice_Date="11/30/2026", Notice_Type="Approval Notice")
    approval = {
        **approval,
        "title": "I-797, NOTICE OF ACTION",
        "rows": [*approval["rows"], ("Valid from", "01/05/2027 to 01/04/2030")],
    }
    amended = replaced(rfe, Receipt_Number="WAC2790012399", Notice_Date="11/27/2026")
    docket = new_docket(tmp_path)
    notices_pdf(inbox / "first.pdf", [rfe, approval])
    assert len(ingest_inbox(inbox, docket, cases).filed) == 2
    with open_docket(docket) as d:
        assert not [r for r in d.deadlines_due(within_days=400) if r.kind is DeadlineKind.RFE_RESPONSE]
    notices_pdf(inbox / "second.pdf", [amended])
    assert len(ingest_inbox(inbox, docket, cases).filed) == 1
    with open_docket(docket) as d:
        open_rfes = [r for r in d.deadlines_due(within_days=400) if r.kind is DeadlineKind.RFE_RESPONSE]
    assert [(r.due.isoformat(), r.description) for r in open_rfes] == [
        ("2027-01-18", "RFE response for I-129 WAC2790012399 must arrive at USCIS")
    ]
    # the same RFE scanned again changes nothing, and one marked done by hand stays done
    with open_docket(docket) as d:
        (row,) = open_rfes
        with d.transaction() as tx:
            tx.mark_done(row.id)
    notices_pdf(inbox / "again.pdf", [amended])
    ingest_inbox(inbox, docket, cases)
    with open_docket(docket) as d:
        assert not [r for r in d.deadlines_due(within_days=400) if r.kind is DeadlineKind.RFE_RESPONSE]
