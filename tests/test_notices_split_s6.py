"""Which notices a file holds, round six of issue 14: classes of notice boundaries, each on pages drawn here.

Classes, told in words (no file of any evaluation set is copied): a USCIS letter whose letterhead says little
and whose director signs on its second page; a duplex scan's blank back between a notice's pages; a
notice's printed back (instructions) between its pages; two half-sheet notices on one sheet whose banners
could not be read, told apart by their own receipt numbers. The traps sit beside each rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.notices import parse_notice_file
from docgen.notices.patterns import default_patterns
from docgen.notices.titles import _plain, form_by_title, title_slips
from tests.notice_cells import Cell, draw_cells

# ------------------------------------------------------------------ a USCIS letter signed on its second page


def _letter_first_page(receipt: str) -> list[Cell]:
    """A decision letter under a seal's wrapped agency name, beside a post-box address (no office named)."""
    return [
        (72, 40, "U.S. Citizenship"),
        (340, 40, "P.O. Box 648004"),
        (72, 52, "and Immigration"),
        (340, 52, "Lee's Summit MO 64002"),
        (72, 64, "Services"),
        (465, 100, "August 18, 2026"),
        (72, 120, "SAOIRSE R. ZHOU"),
        (72, 132, "88 WEXFORD COURT"),
        (72, 144, "BELLEVUE WA 98004"),
        (131, 172, "Receipt Number"),
        (263, 172, receipt),
        (131, 185, "Applicant"),
        (263, 185, "Saoirse R. Zhou"),
        (270, 220, "DECISION", 12),
        (72, 246, "Dear Saoirse R. Zhou:"),
        (72, 266, "After a careful review of the record, USCIS has denied your Form I-485."),
    ]


def _letter_second_page(receipt: str, signer: str) -> list[Cell]:
    return [
        (72, 40, receipt),
        (500, 40, "Page 2"),
        (72, 80, "DISCUSSION"),
        (72, 100, "The record does not show that the applicant is admissible."),
        (72, 140, "Sincerely,"),
        (72, 180, "Hyun-woo S. Ranganathan"),
        (72, 192, signer),
    ]


def test_a_uscis_letter_signed_by_a_director_on_its_second_page(tmp_path: Path) -> None:
    """The first page alone says too little (a wrapped agency name, a receipt number, a DECISION heading); its
    second page, repeating the receipt number in its running header, is signed by a USCIS director."""
    pages = [_letter_first_page("MSC2644359037"), _letter_second_page("MSC2644359037", "Director, Field Office")]
    result = parse_notice_file(draw_cells(tmp_path / "decision.pdf", pages))
    assert [notice.pages for notice in result.notices] == [[1, 2]]
    assert result.notices[0].value("notice_type") == "denial"
    assert result.notices[0].value("receipt_number") == "MSC2644359037"


def test_a_letter_signed_by_no_officer_stays_no_notice(tmp_path: Path) -> None:
    """The trap: the same pages signed by someone who is no USCIS officer."""
    pages = [_letter_first_page("MSC2644359037"), _letter_second_page("MSC2644359037", "Paralegal")]
    assert parse_notice_file(draw_cells(tmp_path / "letter.pdf", pages)).notices == []


def test_a_signed_second_page_of_another_receipt_lends_nothing(tmp_path: Path) -> None:
    """The trap: a signed page whose running header names another receipt number is not this letter's."""
    pages = [_letter_first_page("MSC2644359037"), _letter_second_page("MSC2644359999", "Director, Field Office")]
    assert parse_notice_file(draw_cells(tmp_path / "two.pdf", pages)).notices == []


# ------------------------------------------------------------------ pages between a notice's pages


HEAD: list[Cell] = [
    (47, 40, "U.S. Department of Homeland Security"),
    (47, 52, "U.S. Citizenship and Immigration Services"),
    (47, 80, "Form I-797E, Notice of Action"),
    (47, 96, "REQUEST FOR EVIDENCE", 12),
]


def _rfe_first(receipt: str) -> list[Cell]:
    return [
        *HEAD,
        (47, 130, f"Receipt Number: {receipt}"),
        (47, 146, "Form: I-765 Application for Employment Authorization"),
        (47, 162, "Date Received: March 11, 2024"),
        (47, 178, "Notice Date: July 17, 2024"),
        (47, 194, "Applicant: TRAN, DMITRI S"),
        (47, 210, "Response Due: October 12, 2024"),
        (47, 250, "We need more evidence before we can decide your case. The evidence requested is on the next page."),
    ]


def _rfe_second(receipt: str) -> list[Cell]:
    return [
        (47, 33, f"Receipt Number {receipt}"),
        (460, 33, "Page 2 of 2"),
        (47, 72, "EVIDENCE REQUESTED"),
        (47, 92, "1. Copies of the applicant's passport pages and of every Form I-94."),
        (47, 130, "Send your response so that it is received no later than the response due date."),
    ]


BACK: list[Cell] = [
    (47, 40, "GENERAL INFORMATION"),
    (47, 60, "Keep this notice with your records. If you move, tell us your new address within 10 days."),
    (47, 75, "Do not send original documents unless we ask for them."),
]


def test_a_blank_back_between_a_notices_pages(tmp_path: Path) -> None:
    """A duplex scan: every sheet's back is scanned too, blank between the notice's two pages (read by OCR)."""
    pages = [_rfe_first("MSC2450421502"), [], _rfe_second("MSC2450421502"), []]
    result = parse_notice_file(draw_cells(tmp_path / "duplex.pdf", pages))
    assert [notice.pages for notice in result.notices] == [[1, 3]]
    assert result.notices[0].value("notice_type") == "rfe"
    assert sorted(result.skipped_pages) == [2, 4]


def test_a_printed_back_between_a_notices_pages(tmp_path: Path) -> None:
    """A notice's back printed with general information: its second page, repeating its receipt number and
    saying it is page 2, still joins it."""
    pages = [_rfe_first("MSC2450421502"), BACK, _rfe_second("MSC2450421502"), BACK]
    result = parse_notice_file(draw_cells(tmp_path / "backs.pdf", pages))
    assert [notice.pages for notice in result.notices] == [[1, 3]]


def test_a_second_page_of_another_receipt_after_a_back_joins_nothing(tmp_path: Path) -> None:
    """The trap: after a page of something else, a page 2 naming another receipt number is not this notice's."""
    pages = [_rfe_first("MSC2450421502"), BACK, _rfe_second("MSC2450421999")]
    result = parse_notice_file(draw_cells(tmp_path / "other.pdf", pages))
    assert [notice.pages for notice in result.notices] == [[1]]


# ------------------------------------------------------------------ half sheets whose banners were not read


def _half(top: float, receipt: str, form: str, name: str) -> list[Cell]:
    """A half-sheet notice whose banner is lost (a reverse-video bar a scan turned to a smudge)."""
    return [
        (41, top, f"Receipt Number: {receipt}"),
        (300, top, f"Case Type: {form}"),
        (41, top + 15, "Received Date: 10/13/2026"),
        (300, top + 15, "Notice Date: 10/23/2026"),
        (41, top + 30, f"Applicant: {name}"),
        (41, top + 60, f"This notice confirms that U.S. Citizenship and Immigration Services received Form {form}.", 8),
    ]


def test_two_half_sheets_told_apart_by_their_receipt_numbers(tmp_path: Path) -> None:
    """No banner, no title: each half states its own receipt number by its label, the second well below the
    first. The sheet's one form footer (at its foot) does not make the upper half less of a notice."""
    page = [
        *_half(60, "MSC2669656248", "I-485", "NAKASHIMA, DMITRI J"),
        *_half(450, "MSC2669656249", "I-765", "NAKASHIMA, DMITRI J"),
        (41, 760, "Please keep this notice. Form I-797C (Rev. 04/20)"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "halves.pdf", [page]))
    assert [notice.value("receipt_number") for notice in result.notices] == ["MSC2669656248", "MSC2669656249"]
    assert [notice.value("form") for notice in result.notices] == ["I-485", "I-765"]


def test_one_notice_repeating_its_receipt_number_lower_down_stays_one(tmp_path: Path) -> None:
    """The trap: a notice repeating its own receipt number on a tear-off lower on the sheet is one notice."""
    page = [
        *_half(60, "MSC2669656248", "I-485", "NAKASHIMA, DMITRI J"),
        (41, 450, "Receipt Number: MSC2669656248"),
        (41, 465, "Return this part with your response."),
        (41, 760, "Please keep this notice. Form I-797C (Rev. 04/20)"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "tear.pdf", [page]))
    assert [notice.value("receipt_number") for notice in result.notices] == ["MSC2669656248"]


def test_a_related_cases_receipt_number_lower_down_splits_nothing(tmp_path: Path) -> None:
    """The trap: a notice naming a related case's receipt number by its label, well below its own (no notice
    date beside it), is one notice, whole."""
    page = [
        *_half(60, "MSC2669656248", "I-485", "NAKASHIMA, DMITRI J"),
        (41, 400, "Related case"),
        (41, 415, "Receipt Number: MSC2669656111"),
        (41, 430, "Form I-765, filed with this application."),
        (41, 760, "Please keep this notice. Form I-797C (Rev. 04/20)"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "related.pdf", [page]))
    assert [notice.value("receipt_number") for notice in result.notices] == ["MSC2669656248"]
    assert result.notices[0].pages == [1] and result.skipped_pages == []


@pytest.mark.parametrize("footer", ["Form -797C (Rev. 03/24)", "Form !-797C (Rev. 03/24)", "Form I-797C (Rev. 03/24)"])
def test_a_form_footer_whose_i_ocr_lost_still_marks_a_notice(tmp_path: Path, footer: str) -> None:
    """A half sheet whose banner was lost: its form footer, the I of I-797C lost or read as a mark, still counts."""
    page = [
        *_half(60, "MSC2669656248", "I-485", "NAKASHIMA, DMITRI J"),
        (41, 380, f"Please keep this notice. {footer}"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "half.pdf", [page]))
    assert [notice.value("receipt_number") for notice in result.notices] == ["MSC2669656248"]


def test_without_its_footer_a_bare_header_block_is_no_notice(tmp_path: Path) -> None:
    """The trap: the same labels with no banner, title or form footer say too little."""
    page = _half(60, "MSC2669656248", "I-485", "NAKASHIMA, DMITRI J")
    assert parse_notice_file(draw_cells(tmp_path / "bare.pdf", [page])).notices == []


# ------------------------------------------------------------------ how notices name themselves


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("NOTICE OF CASE TRANSFER", "transfer"),
        ("TRANSFER OF FILE NOTICE", "transfer"),
        ("NOTICE OF RECEIPT", "receipt"),
        ("PETITION APPROVAL NOTICE", "approval"),
        ("NOTICE OF APPLICATION DENIAL", "denial"),
        ("NOTICE OF FILING REJECTION", "rejection"),
        ("REQUEST FOR EVIDENCE NOTICE", "rfe"),
        ("NOTICE OF INTENT TO DENY", "noid"),
        # The trap: a title naming no kind names none (null, for review; never a guess).
        ("NOTICE OF INTERVIEW", None),
    ],
)
def test_titles_in_the_wordings_notices_use(tmp_path: Path, title: str, kind: str | None) -> None:
    """The kind from the title alone (no Notice Type line), in the wordings USCIS notices name themselves."""
    page: list[Cell] = [
        (47, 40, "U.S. Department of Homeland Security"),
        (47, 52, "U.S. Citizenship and Immigration Services"),
        (47, 80, "Form I-797, Notice of Action"),
        (47, 100, title, 12),
        (47, 130, "Receipt Number: MSC2450421502"),
        (47, 146, "Notice Date: July 17, 2024"),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "titled.pdf", [page]))
    assert [notice.value("notice_type") for notice in result.notices] == [kind]


def test_a_letter_headed_by_a_uscis_office_alone(tmp_path: Path) -> None:
    """A letter whose agency name is not read (a photo blurred the seal's wording) is still USCIS's when its
    letterhead names a USCIS office: it greets, and is a notice."""
    page: list[Cell] = [
        (340, 40, "National Benefits Center"),
        (340, 52, "P.O. Box 648004"),
        (465, 100, "06/09/2025"),
        (72, 120, "AMARA J. ZHOU"),
        (72, 132, "88 WEXFORD COURT"),
        (131, 172, "Receipt Number"),
        (263, 172, "MSC2519531818"),
        (205, 220, "NOTICE OF CASE TRANSFER", 12),
        (72, 246, "Dear Amara J. Zhou:"),
        (72, 266, "To speed up processing, we have transferred your case to another USCIS office."),
    ]
    result = parse_notice_file(draw_cells(tmp_path / "office.pdf", [page]))
    assert [notice.value("notice_type") for notice in result.notices] == ["transfer"]


def test_a_firm_letter_sent_to_a_uscis_office_is_no_notice(tmp_path: Path) -> None:
    """The trap: a law firm's letter names the USCIS office only as its addressee, under its date line."""
    page: list[Cell] = [
        (72, 40, "ABERNATHY SOLIS LLP"),
        (72, 52, "410 Market Street, Denver CO 80202"),
        (465, 100, "06/09/2025"),
        (72, 120, "USCIS"),
        (72, 132, "National Benefits Center"),
        (131, 172, "Receipt Number"),
        (263, 172, "MSC2519531818"),
        (205, 220, "NOTICE OF CASE TRANSFER", 12),
        (72, 246, "Dear Officer:"),
        (72, 266, "We write about the transfer of the case named above."),
    ]
    assert parse_notice_file(draw_cells(tmp_path / "firm.pdf", [page])).notices == []


# ------------------------------------------------------------------ a notice's printed back


def _receipt_notice(sends_to_back: bool) -> list[Cell]:
    cells: list[Cell] = [
        (47, 40, "U.S. Department of Homeland Security"),
        (47, 52, "U.S. Citizenship and Immigration Services"),
        (47, 80, "Form I-797C, Notice of Action"),
        (47, 100, "RECEIPT NOTICE", 12),
        (47, 130, "Receipt Number: MSC2450421502"),
        (47, 146, "Notice Date: July 17, 2024"),
        (47, 162, "Date Received: March 11, 2024"),
    ]
    if sends_to_back:
        cells.append((47, 200, "Please see the additional information on the back."))
    return cells


GENERAL: list[Cell] = [
    (47, 40, "ADDITIONAL INFORMATION"),
    (47, 60, "If you move, tell us your new address within 10 days. Keep this notice with your records."),
]


def test_a_printed_back_belongs_to_its_notice(tmp_path: Path) -> None:
    """The back of the sheet, printed with general information, is one of the notice's pages (it is filed with
    it), whether the back names itself so or the notice sends its reader there; it is not read for fields."""
    for name, notice, back in [
        ("sends.pdf", _receipt_notice(True), GENERAL),
        ("names.pdf", _receipt_notice(False), [*GENERAL, (47, 740, "Form I-797C (back)")]),
    ]:
        result = parse_notice_file(draw_cells(tmp_path / name, [notice, back]))
        assert [n.pages for n in result.notices] == [[1, 2]], name
        assert result.skipped_pages == []
        assert result.notices[0].value("receipt_number") == "MSC2450421502"


def test_a_page_after_a_notice_that_is_no_back_stays_out(tmp_path: Path) -> None:
    """The traps: a general page after a notice that neither names itself a back nor is sent to; a page naming
    a receipt number (a letter about a case) after a notice that sends its reader to its back."""
    letter: list[Cell] = [*GENERAL, (47, 80, "Receipt Number: MSC2450421999")]
    for name, pages in [
        ("general.pdf", [_receipt_notice(False), GENERAL]),
        ("letter.pdf", [_receipt_notice(True), letter]),
    ]:
        result = parse_notice_file(draw_cells(tmp_path / name, pages))
        assert [n.pages for n in result.notices] == [[1]], name
        assert result.skipped_pages == [2]


def test_a_run_together_text_longer_than_a_title_is_measured_not_a_crash() -> None:
    """OCR running a title's words together, with specks after them, gives fewer words than the title but more
    letters: it is measured against the title (no form named), never an error that loses the whole file."""
    title = _plain("Petition for Alien Relative")
    text = "PETITION FORALIENRELATIVE XXXXX"
    assert len(text) - 3 > len(title) and text.count(" ") + 1 < len(title.split())
    assert title_slips(text, title) > 0
    assert form_by_title(default_patterns().forms, text) is None
