"""Issue 14, session 10: one notice printed many ways must read right or not at all; and the classes behind it.

The harness (``tests/notice_variants.py``) prints four notices (a family receipt, an employment receipt with a
firm's long name, an applicant's receipt, an H-1B approval) in 376 variants: label wordings and abbreviations,
labels beside, over, under or run into their values, three cases, with and without colons, seven date forms,
long names wrapped, one or two columns, three fonts, and random mixes of all. Then the classes the opened set 10
showed, each on a fixture built here in several wordings: a wrapped value whose next line starts like a label, a
letter's heading under a party's box, the filing date given only in a letter's sentence, and a client's e-mail
re-typing a notice.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from docgen.notices import parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence

from .notice_cells import Cell, draw_cells, one_notice
from .notice_variants import run


def test_every_printed_variant_reads_right_or_leaves_the_value_to_a_person() -> None:
    outcomes = run(random_count=40, seed=14)
    assert len(outcomes) > 250
    assert [o.name for o in outcomes if o.notices != 1] == []
    assert [(o.name, o.wrong) for o in outcomes if o.wrong] == []  # never a value that is not the notice's
    # Every value is read, but where a label in lower case runs into its value with no colon (a sentence's shape):
    # there the reader may leave values to a person.
    missing = [(o.name, o.missing) for o in outcomes if o.missing and " lower no-colon" not in o.name]
    assert missing == []


LETTER_HEAD: list[Cell] = [
    (72, 60, "U.S. Department of Homeland Security", 10),
    (72, 73, "U.S. Citizenship and Immigration Services", 10),
    (72, 86, "USCIS Cedar Bend Field Office", 10),
    (72, 99, "410 Juniper Hollow Rd", 10),
    (72, 112, "Cedar Bend, OR 97001", 10),
    (72, 138, "May 11, 2026", 10),
    (72, 164, "Tomasz R. Achterberg-Lund", 10),
    (72, 177, "77 Quarry Lane Apt 2", 10),
    (72, 190, "Salem, OR 97301", 10),
]


def _letter(tmp_path: Path, boxes: list[tuple[str, list[str]]], heading: str, body: list[str]) -> Path:
    """A USCIS decision-style letter: letterhead, date, address, label/value boxes, a heading, its sentences."""
    cells = list(LETTER_HEAD)
    y = 216.0
    for label, lines in boxes:
        cells.append((72, y, label, 10))
        cells += [(250, y + 13 * n, line, 10) for n, line in enumerate(lines)]
        y += 13 * len(lines) + 10
    cells.append((72, y + 6, heading, 13))
    y += 30
    for line in body:
        cells.append((72, y, line, 10))
        y += 13
    cells += [(72, y + 20, "Sincerely,", 10), (72, y + 60, "Director", 10)]
    return draw_cells(tmp_path / "letter.pdf", [cells], font="Times-Roman")


DENIED = [
    "On October 2, 2025, you filed Form I-539, Application to Extend/Change Nonimmigrant Status, with",
    "U.S. Citizenship and Immigration Services (USCIS).",
    "USCIS has denied your Form I-539. You have not shown that you are eligible.",
]


@pytest.mark.parametrize(
    ("form_lines", "label", "klass"),
    [
        (["I-539, Application to Extend/Change", "Nonimmigrant Status"], "Form:", None),  # a class's label words
        (["I-539, Application to Extend/Change", "Nonimmigrant Status"], "Case Type:", None),
        (["I-129, Petition for a", "Nonimmigrant Classification"], "Form Type:", None),
        (["I-765, Application for", "Employment Authorization"], "Form:", None),
        # With its colon, a line in the value's column is a label of its own and its value.
        (["I-129, Petition for a Nonimmigrant Worker", "Classification Requested: H-1B"], "Form:", "H1B"),
    ],
)
def test_a_wrapped_value_whose_next_line_starts_like_a_label_is_no_label(
    tmp_path: Path, form_lines: list[str], label: str, klass: str | None
) -> None:
    boxes = [("Receipt Number:", ["EAC2601633962"]), (label, form_lines), ("Applicant:", ["Tomasz R. Achterberg-Lund"])]
    notice = one_notice(_letter(tmp_path, boxes, "DECISION", DENIED))
    assert notice.value("applicant") == "Tomasz R. Achterberg-Lund"
    assert notice.value("classification") == klass  # no class invented from the name under a "Status" line
    assert notice.value("form") == form_lines[0][:5]


@pytest.mark.parametrize("heading", ["DECISION", "REQUEST FOR EVIDENCE", "NOTICE OF INTENT TO DENY"])
def test_a_letter_heading_under_a_party_box_is_never_the_party(tmp_path: Path, heading: str) -> None:
    boxes = [("Receipt Number:", ["EAC2601633962"]), ("Form:", ["I-485"]), ("Applicant:", [])]
    notice = one_notice(_letter(tmp_path, boxes, heading, DENIED))
    assert notice.value("applicant") is None


def test_a_scanned_letter_with_a_wrapped_form_title_reads_no_class_and_the_right_applicant(tmp_path: Path) -> None:
    boxes = [
        ("Receipt Number:", ["EAC2601633962"]),
        ("Form:", ["I-539, Application to Extend/Change", "Nonimmigrant Status"]),
        ("Applicant:", ["Tomasz R. Achterberg-Lund"]),
    ]
    pdf = _letter(tmp_path, boxes, "DECISION", DENIED)
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[0].render(scale=200 / 72).to_pil().convert("L")
    finally:
        document.close()
    image.save(tmp_path / "letter.png", dpi=(200, 200))
    (notice,) = parse_notice_file(tmp_path / "letter.png").notices
    assert notice.value("classification") is None
    assert notice.value("applicant") in ("Tomasz R. Achterberg-Lund", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "On August 3, 2025, you filed Form I-485, Application to Register Permanent Residence or Adjust Status.",
        "On 08/03/2025 the petitioner filed an I-140 petition on behalf of the beneficiary.",
        "You filed Form I-130 with U.S. Citizenship and Immigration Services on August 3, 2025.",
        "USCIS received your application for naturalization on August 3, 2025.",
        "Your Form I-751 was properly filed on August 3, 2025, and is pending.",
        "On August 3, 2025, USCIS received your Form I-765, Application for Employment Authorization.",
    ],
)
def test_a_letter_gives_its_filing_date_in_a_sentence_for_review(tmp_path: Path, sentence: str) -> None:
    boxes = [("Receipt Number:", ["LIN2532076731"]), ("Form:", ["I-485"])]
    notice = one_notice(_letter(tmp_path, boxes, "REQUEST FOR EVIDENCE", [sentence, *RFE_BODY]))
    assert notice.value("received_date") == "2025-08-03"
    assert field_confidence(notice)["received_date"] < FILE_WITHOUT_REVIEW  # a sentence: a person confirms it


RFE_BODY = ["We need more evidence. Your response must be received by this office on or before October 31, 2025."]


@pytest.mark.parametrize(
    "sentence",
    [
        "On September 9, 2025, we received your response to our request for evidence.",
        "On September 9, 2025, you filed a motion to reopen on Form I-290B.",
        "USCIS received your response to our notice of intent to deny on September 9, 2025.",
        "You filed Form I-130 and then, on September 9, 2025, you submitted your response.",
    ],
)
def test_a_later_response_or_motion_is_no_filing_date(tmp_path: Path, sentence: str) -> None:
    boxes = [("Receipt Number:", ["LIN2532076731"]), ("Form:", ["I-485"])]
    notice = one_notice(_letter(tmp_path, boxes, "REQUEST FOR EVIDENCE", [sentence, *RFE_BODY]))
    assert notice.value("received_date") is None


RETYPED = [
    " Form I-797C, Notice of Action",
    " Receipt Number MSC2690177788",
    " Case Type I-130",
    " Received Date 01/05/2026",
    " Notice Date 01/12/2026",
    " Applicant NWOSU, CHIAMAKA",
]


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        (
            ["Fwd: my notice", "From Chiamaka Nwosu <chiamaka@example.net>", "To intake@firm.example"],
            ["Thanks,", "Chi"],
        ),
        (["Hi, I typed what the letter says:"], ["Thank you!", "Chiamaka"]),
        (["Hello Maria,", "here is what came in the mail today:"], ["Best regards,", "Chiamaka Nwosu"]),
        (["Good morning,", "the notice says:"], ["Sent from my iPhone"]),
        (["---------- Forwarded message ---------", "From: Chiamaka <chiamaka@example.net>"], ["Cheers,"]),
    ],
)
def test_a_message_re_typing_a_notice_is_not_a_notice(tmp_path: Path, head: list[str], tail: list[str]) -> None:
    lines = [*head, "", *RETYPED, "", "Do I need to do anything?", *tail]
    cells: list[Cell] = [(50, 50 + 14 * n, line, 10) for n, line in enumerate(lines) if line]
    result = parse_notice_file(draw_cells(tmp_path / "mail.pdf", [cells]))
    assert result.notices == []


def test_a_notice_printed_under_a_mail_header_is_still_a_notice(tmp_path: Path) -> None:
    mail: list[Cell] = [
        (40, 30, "From: USCIS Online Account <no-reply@example.gov>"),
        (40, 42, "Sent: Monday, January 12, 2026 9:14 AM"),
        (40, 54, "To: intake@firm.example"),
        (40, 66, "Subject: Fwd: your receipt notice"),
        (40, 84, "Thanks,"),
    ]
    notice: list[Cell] = [
        (40, 130, "THE UNITED STATES OF AMERICA", 11),
        (380, 140, "Form I-797C, Notice of Action", 10),
        (40, 170, "Receipt Number"),
        (200, 170, "Case Type"),
        (380, 170, "Notice Date"),
        (40, 182, "MSC2690177788"),
        (200, 182, "I-130 Petition for Alien Relative"),
        (380, 182, "01/12/2026"),
        (40, 206, "Received Date"),
        (200, 206, "Notice Type"),
        (40, 218, "01/05/2026"),
        (200, 218, "Receipt Notice"),
        (40, 242, "Petitioner"),
        (40, 254, "NWOSU, CHIAMAKA"),
    ]
    read = one_notice(draw_cells(tmp_path / "printed.pdf", [mail + notice]))
    assert (read.value("receipt_number"), read.value("received_date")) == ("MSC2690177788", "2026-01-05")
