"""A new user's trial (session 10): a mailroom clerk and a paralegal at an immigration firm, with their own
fictional cases and notices (drawn here with reportlab as USCIS prints them; every name and number invented).
Each test is one thing they tripped on. The workspace's pages are tested in ``tests/web/test_newuser_s10_web.py``
on the same fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.cli import main
from docgen.mailroom.docket import DeadlineKind, open_docket
from docgen.mailroom.ingest import ingest_inbox
from tests.confirming import confirm_response_dates

WIDTH, HEIGHT = letter

CASE = """\
# A new user's own fictional case: every name and number invented.
case_id: NWF-2026-006
petitioner:
  name: Borealis Robotics LLC
  address: {street: 900 Pine Street, city: Seattle, state: WA, zip_code: "98101", country: United States}
beneficiary:
  id: principal
  family_name: Silva
  given_name: Joao
  middle_name: Pedro
  birth_date: 1985-11-11
  citizenship: [Brazil]
  i94: {number: "51234567805", arrival_date: 2023-09-01, expiry_date: 2027-03-15, status: H-1B}
dependents:
  - id: spouse
    relationship: spouse
    family_name: Silva
    given_name: Marta
    birth_date: 1987-02-03
    i94: {number: "61234567805", arrival_date: 2023-09-01, expiry_date: 2027-03-15, status: H-4}
job:
  title: Robotics Engineer
facts:
  form: I-129
  classification: H-1B
  basis: continuation
  status: filed
  receipt_numbers:
    - {form: I-129, number: WAC2690311006, notice_type: receipt, notice_date: 2026-10-05}
"""

I129 = "I129 - PETITION FOR A NONIMMIGRANT WORKER"
FIRM = ("RUTH OKONJO", "NORTHWIND IMMIGRATION LLP", "1 UNION SQUARE", "SEATTLE WA 98101")


def _notice(
    c: canvas.Canvas, kind: str, notice_type: str, rows: list[tuple[str, str]], lines: tuple[str, ...] = ()
) -> None:
    """One page of an I-797 as USCIS lays it out: banner, the kind, a grid of labelled boxes, Notice Type."""
    c.setFont("Helvetica-Bold", 14)
    c.drawCentredString(WIDTH / 2, HEIGHT - 50, "THE UNITED STATES OF AMERICA")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(40, HEIGHT - 75, f"{kind}, Notice of Action")
    c.setFont("Helvetica", 8)
    c.drawRightString(WIDTH - 40, HEIGHT - 70, "DEPARTMENT OF HOMELAND SECURITY")
    c.drawRightString(WIDTH - 40, HEIGHT - 80, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    spots = [(40, 170), (210, 362), (40, 170), (210, 120), (330, 242), (40, 170), (210, 120), (330, 242)]
    tops = [0, 0, 1, 1, 1, 2, 2, 2]
    for (label, value), (x, w), row in zip(rows, spots, tops, strict=False):
        y = HEIGHT - 130 - 32 * row
        c.rect(x, y, w, 32)
        c.setFont("Helvetica", 7)
        c.drawString(x + 3, y + 23, label)
        c.setFont("Helvetica", 10)
        c.drawString(x + 3, y + 5, value)
    c.setFont("Helvetica", 10)
    for i, line in enumerate(FIRM):
        c.drawString(50, HEIGHT - 230 - 13 * i, line)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(300, HEIGHT - 230, f"Notice Type: {notice_type}")
    c.drawString(300, HEIGHT - 244, "Class: H1B")
    c.setFont("Helvetica", 9)
    for i, line in enumerate(lines):
        c.drawString(40, HEIGHT - 330 - 12 * i, line)
    y = HEIGHT - 330 - 12 * len(lines) - 30
    for line in ("U.S. CITIZENSHIP AND IMMIGRATION SERVICES", "CALIFORNIA SERVICE CENTER", "P.O. BOX 30111"):
        c.drawString(40, y, line)
        y -= 11
    c.setFont("Helvetica", 7)
    c.drawString(40, 30, "Form I-797 (Rev. 01/01/26)")
    c.showPage()


def _rows(receipt: str, received: str, notice_date: str, beneficiary: str) -> list[tuple[str, str]]:
    return [
        ("Receipt Number", receipt),
        ("Case Type", I129),
        ("Received Date", received),
        ("Priority Date", ""),
        ("Petitioner", "BOREALIS ROBOTICS LLC"),
        ("Notice Date", notice_date),
        ("Page", "1 of 1"),
        ("Beneficiary", beneficiary),
    ]


def approval(c: canvas.Canvas, validity: bool = True) -> None:
    """An I-797A approval of the case's petition; ``validity=False``: the "Valid from ... to ..." line is
    missing from what was read (a photo's shadow over it, a fold)."""
    lines = ("The above petition and change/extension of stay have been approved.",)
    if validity:
        lines = ("Valid from 10/01/2026 to 09/30/2029", *lines)
    _notice(
        c, "I-797A", "Approval Notice", _rows("WAC2690311006", "10/01/2026", "11/10/2026", "SILVA, JOAO PEDRO"), lines
    )


def rfe(c: canvas.Canvas) -> None:
    """An I-797E Request for Evidence on the case's petition, due 01/29/2027."""
    _notice(
        c,
        "I-797E",
        "Request for Evidence",
        _rows("WAC2690311006", "10/01/2026", "11/04/2026", "SILVA, JOAO PEDRO"),
        (
            "We need more information before we can make a decision on your case. The evidence requested below",
            "must be received in this office by 01/29/2027. Return this notice on top of your response.",
            "1. Submit evidence that the position is a specialty occupation.",
        ),
    )


def notices_pdf(path: Path, *pages: Any) -> Path:
    """A text PDF of the given notice pages (each a function drawing one page)."""
    c = canvas.Canvas(str(path), pagesize=letter)
    for page in pages:
        page(c)
    c.save()
    return path


def ingest_confirmed(inbox: Path, docket_path: Path, cases: Path) -> list[str]:
    """Ingest the inbox, then confirm the response dates waiting for the clerk: the paths filed."""
    report = ingest_inbox(inbox, docket_path, cases)
    return report.filed + confirm_response_dates(docket_path, cases)


def workspace(root: Path) -> tuple[Path, Path, Path]:
    """(inbox, cases folder, docket path) with the one case file."""
    inbox, cases = root / "inbox", root / "cases"
    inbox.mkdir()
    cases.mkdir()
    (cases / "nwf-2026-006.yaml").write_text(CASE, encoding="utf-8")
    return inbox, cases, root / "docket.sqlite"


def test_an_approval_read_without_its_validity_waits_for_review_not_filed_without_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A phone photo of an I-797A whose "Valid from ... to ..." line was not read was filed to the case: the case
    # said "approved" with no validity end, the I-94 stayed the old one, and no deadline told anyone to file the
    # next extension before the approval ends. Filed, it must carry its end; unread, a person types it.
    inbox, cases, docket_path = workspace(tmp_path)
    notices_pdf(inbox / "IMG_2231.pdf", lambda c: approval(c, validity=False))
    report = ingest_inbox(inbox, docket_path, cases)
    assert not report.filed and len(report.review) == 1
    with open_docket(docket_path) as docket:
        (item,) = docket.reviews()
        assert "valid_to" in item.reason
        assert not [d for d in docket.deadlines_due() if d.kind == DeadlineKind.STATUS_VALID_UNTIL]
    assert "approved" not in (cases / "nwf-2026-006.yaml").read_text(encoding="utf-8")
    # the clerk files it from review: without the date, one line saying which field and where to read it
    args = ["mailroom", "resolve", str(item.id), "--docket", str(docket_path), "--cases", str(cases)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "--set valid_to=DATE" in err and len(err.strip().splitlines()) == 1
    assert main([*args, "--set", "valid_to=09/30/2029"]) == 0, capsys.readouterr().err
    with open_docket(docket_path) as docket:
        ends = [d.due.isoformat() for d in docket.deadlines_due() if d.kind == DeadlineKind.STATUS_VALID_UNTIL]
    assert ends == ["2029-09-30"]


def test_an_approval_read_with_its_validity_is_filed_with_its_end_on_the_docket(tmp_path: Path) -> None:
    inbox, cases, docket_path = workspace(tmp_path)
    notices_pdf(inbox / "scan.pdf", approval)
    report = ingest_inbox(inbox, docket_path, cases)
    assert len(report.filed) == 1 and not report.review
    with open_docket(docket_path) as docket:
        ends = [d.due.isoformat() for d in docket.deadlines_due() if d.kind == DeadlineKind.STATUS_VALID_UNTIL]
    assert "2029-09-30" in ends


LETTER_DATA = """\
# The paralegal's answer to the RFE: the argued points only; what the notice prints is not typed again.
rfe_response:
  points:
    - item: 1
      title: The position is a specialty occupation
      response: The duties of a Robotics Engineer require a bachelor's degree in mechanical engineering.
      exhibits: [A]
"""


def test_an_rfe_response_letter_takes_the_receipt_and_dates_from_the_notice_on_top(tmp_path: Path) -> None:
    # The paralegal put the RFE the mailroom filed on top of the packet and wrote the letter's argued points; the
    # letter still wanted receipt_number, notice_date and response_due typed into the letter data, though the
    # packet's own notice prints them (and a typo there is a wrong receipt number on the cover letter).
    from docgen.packets.crosscheck import letter_data, packet_notices
    from docgen.packets.spec import LetterPart, load_spec

    workspace(tmp_path)
    notices_pdf(tmp_path / "rfe.pdf", rfe)
    (tmp_path / "letter.yaml").write_text(LETTER_DATA, encoding="utf-8")
    (tmp_path / "packet.yaml").write_text(
        "kind: rfe-response\nname: rfe-silva\ncase: cases/nwf-2026-006.yaml\n"
        "parts:\n  - {letter: rfe_response, data: letter.yaml, date: '2026-12-10'}\n"
        "  - {notice: rfe.pdf, title: Request for Evidence}\n",
        encoding="utf-8",
    )
    spec = load_spec(tmp_path / "packet.yaml")
    (letter,) = [e.part for e in spec.parts if isinstance(e.part, LetterPart)]
    section = letter_data(spec, letter, [], packet_notices(spec))["rfe_response"]
    assert section["receipt_number"] == "WAC2690311006"
    assert (section["notice_date"], section["response_due"]) == ("2026-11-04", "2027-01-29")
    # what the letter data gives is kept (the notices cross-check then says when it differs from the notice)
    (tmp_path / "letter.yaml").write_text(LETTER_DATA + "  receipt_number: WAC2690311007\n", encoding="utf-8")
    section = letter_data(spec, letter, [], packet_notices(spec))["rfe_response"]
    assert section["receipt_number"] == "WAC2690311007" and section["response_due"] == "2027-01-29"


def test_an_rfe_s_response_date_the_reader_is_unsure_of_is_confirmed_before_it_is_the_deadline(
    tmp_path: Path,
) -> None:
    # Every RFE of the trial was filed at once with "review: response_due" in the reader's own summary: a date
    # that is wrong one time in ten by the reader's calibration became the deadline with nobody looking.
    from docgen.notices import parse_notice_file
    from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence

    inbox, cases, docket_path = workspace(tmp_path)
    notices_pdf(inbox / "scan-0005.pdf", rfe)
    (notice,) = parse_notice_file(inbox / "scan-0005.pdf").notices
    confidence = field_confidence(notice)["response_due"]
    report = ingest_inbox(inbox, docket_path, cases)
    assert confidence >= FILE_WITHOUT_REVIEW or not report.filed
