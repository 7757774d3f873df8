"""Values in blocks the grid generators never draw (issue 14, third sealed set's text classes, told in words).

``samples/notices/blocks.py`` draws them from descriptions of real notices: ASC appointment blocks whose two
columns interleave, appointments printed from an online account, I-94 tear-offs with a wrapped column
heading, decision letters with a ``Filed:`` line and a later page headed only by the receipt number, and
Courier ledgers with dot leaders. A few files are made at run time and must read exactly; then each rule on
a page built from words, with the traps beside it (the applicant's home address is no appointment location,
a browser's print date is no appointment, a conditional "we must deny" decides nothing).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, REVIEW_BELOW, TRUSTED_EVIDENCE, field_confidence
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice
from docgen.notices.split import split_pages

from .conftest import SAMPLES


def _blocks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("notice_blocks", SAMPLES / "notices" / "blocks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["notice_blocks"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def blocks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("blocks")
    _blocks().write_blocks(out, count=12, scans=0, seed=2031)  # two of each family
    return out / "blocks-text"


def test_blocks_families_read_exactly(blocks: Path) -> None:
    files = sorted(blocks.glob("*.pdf"))
    assert {path.name.split("-", 1)[1].rsplit("-", 1)[0] for path in files} == {
        "asc-block",
        "account",
        "tearoff",
        "letter",
        "ledger",
        "batch",
    }
    for path in files:
        want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        result = parse_notice_file(path)
        got = result.to_dict()
        assert len(got["notices"]) == len(want["notices"]), path.name  # a batch of four: four
        for notice, read, truth in zip(got["notices"], result.notices, want["notices"], strict=True):
            assert {key: notice[key] for key in truth} == truth, path.name
            for name in FIELDS:
                if truth[name] is not None and name != "notice_type":
                    # sure, but for a value whose evidence goes to review (docgen.notices.model.TRUSTED_EVIDENCE)
                    trusted = read.readings[name].evidence in TRUSTED_EVIDENCE
                    assert (notice["confidence"][name] >= REVIEW_BELOW) == trusted, (path.name, name)


def _page(rows: list[list[tuple[float, str]]], step: float = 14.0, number: int = 1) -> Page:
    words = []
    for index, row in enumerate(rows):
        y = 40 + step * index
        words += [Word(text, x, y, x + 6 * len(text), y + 10) for x, text in row]
    return Page(number, group_lines(words), "text")


ASC_HEAD = [
    [(40, "Department of Homeland Security"), (370, "I-797C | Notice of Action")],
    [(370, "Biometrics Appointment")],
    [(40, "RECEIPT NUMBER"), (150, "IOE2561158334")],
    [(40, "CASE TYPE"), (150, "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION")],
    [(40, "NOTICE DATE"), (150, "12/24/2025")],
    [(40, "APPLICANT"), (150, "Odalys V. Brandt")],
    [(40, "NOTICE TYPE: BIOMETRICS APPOINTMENT NOTICE")],
    [(40, "Please appear at the Application Support Center below at the date and time shown.")],
]
HOME = [[(40, "APPLICANT COPY")], [(48, "ODALYS V BRANDT")], [(48, "55 TAMARACK LANE")], [(48, "DULUTH MN 55803")]]


@pytest.mark.parametrize(
    ("where", "on", "at", "flush"),
    [
        ("PLEASE APPEAR AT", "ON (DATE)", "AT (TIME)", False),
        ("Please come to:", "Date:", "Time:", False),
        ("APPLICATION SUPPORT CENTER", "DATE", "TIME", False),
        ("PLEASE APPEAR AT", "ON (DATE)", "AT (TIME)", True),
        ("APPLICATION SUPPORT CENTER", "DATE", "TIME", True),
    ],
)
def test_an_asc_block_in_two_interleaved_columns(where: str, on: str, at: str, flush: bool) -> None:
    """The location heading left, the date label far right on its line (the right column set from its left
    edge or flush right at the margin); the ASC's name beside the date, its street beside the time label, its
    city beside the time. The sentence set close under the block and the home address lower down are no part
    of the location."""

    def right(text: str) -> tuple[float, str]:
        return (572 - 6 * len(text) if flush else 400, text)

    rows = [
        *ASC_HEAD,
        [(40, where), right(on)],
        [(40, "USCIS TAMARACK ASC"), right("Friday, January 9, 2026")],
        [(40, "610 W SUPERIOR ST 4TH FLOOR"), right(at)],
        [(40, "DULUTH MN 55802"), right("10:45 a.m.")],
        [(40, "If you cannot keep this appointment, ask for a new one before the date above.")],
        [],
        *HOME,
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("notice_type") == "biometrics"
    assert notice.value("appointment") == {
        "date": "2026-01-09",
        "time": "10:45",
        "location": "USCIS TAMARACK ASC, 610 W SUPERIOR ST 4TH FLOOR, DULUTH MN 55802",
    }
    assert field_confidence(notice)["appointment"] >= FILE_WITHOUT_REVIEW


def test_a_sentence_starting_like_the_location_heading_is_no_location() -> None:
    """``Please appear at`` is the block's heading only when nothing follows it on its segment."""
    rows = [*ASC_HEAD, [(40, "PLEASE APPEAR AT THE ASC NAMED IN YOUR LETTER")], [(40, "USCIS TAMARACK ASC")]]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("appointment") is None


@pytest.mark.parametrize(
    ("heading", "when"),
    [
        ("Your biometrics appointment", "March 25, 2026 at 11:15 AM"),
        ("Appointment details", "Wednesday, March 25, 2026, 11:15 AM"),
        ("Your appointment", "03/25/2026 at 11:15 a.m."),
        ("Your Application Support Center appointment", "March 25, 2026|11:15 AM"),
    ],
)
def test_an_account_printout_heading_over_the_date_and_time(heading: str, when: str) -> None:
    """An online account's page: a heading naming the appointment, the date and time on the next line, the
    ASC's lines down to its city. The browser's print date and time at the top is no appointment."""
    rows = [
        [(24, "3/20/26, 10:14 AM"), (260, "My USCIS Account - Documents")],
        [(40, "U.S. Citizenship and Immigration Services")],
        [(40, "Notice type: ASC Appointment Notice")],
        [(40, "Receipt number"), (175, "Case type"), (310, "Notice date")],
        [(40, "NBC2538042971"), (175, "I-485"), (310, "03/01/2026")],
        [(40, "Applicant")],
        [(40, "Halima C. Nakamura")],
        [(40, heading)],
        *([(40, part)] for part in when.split("|")),  # the time on a line of its own
        [(40, "USCIS CEDAR FALLS ASC")],
        [(40, "19 INDUSTRIAL LOOP STE 5B")],
        [(40, "CEDAR FALLS IA 50613")],
        [(40, "Bring this notice and a photo identification to your appointment.")],
    ]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("appointment") == {
        "date": "2026-03-25",
        "time": "11:15",
        "location": "USCIS CEDAR FALLS ASC, 19 INDUSTRIAL LOOP STE 5B, CEDAR FALLS IA 50613",
    }
    browser_only = [row for row in rows if row[0][1] not in when.split("|")]
    assert read_notice(default_patterns(), [_page(browser_only)]).value("appointment") is None


TEAR_OFF = [
    [(200, "THE UNITED STATES OF AMERICA")],
    [(40, "I-797A, Notice of Action")],
    [(40, "Receipt Number"), (200, "Case Type")],
    [(40, "WAC2596985540"), (200, "I539 - APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS")],
    [(40, "Received Date"), (150, "Notice Date")],
    [(40, "07/03/2025"), (150, "10/17/2025")],
    [(40, "Applicant")],
    [(40, "LINDQVIST, BEATRIZ")],
    [(40, "Notice Type: Approval Notice")],
    [(250, "Please tear off below and keep with your I-94")],
]


@pytest.mark.parametrize("first", [True, False])
def test_an_i94_tear_off_with_its_heading_wrapped(first: bool) -> None:
    """``Departure Record I-94`` over ``Number``: one label, its value under the second line; the number's
    column first or third. The birth date beside it is no field."""
    heads = [(["Departure Record I-94", "Number"], "37147278176"), (["Family Name"], "LINDQVIST")]
    heads += [(["First (Given) Name"], "BEATRIZ"), (["Birth Date"], "08/26/2001")]
    if not first:
        heads = [heads[1], heads[2], heads[0], heads[3]]
    xs = (40, 190, 330, 470)
    rows = [
        [(x, lines[0]) for x, (lines, _) in zip(xs, heads, strict=True)],
        [(x, lines[1]) for x, (lines, _) in zip(xs, heads, strict=True) if len(lines) > 1],
        [(x, value) for x, (_, value) in zip(xs, heads, strict=True)],
        [(40, "Country of Citizenship: PERU")],
    ]
    words = []
    for index, row in enumerate(TEAR_OFF):
        words += [Word(text, x, 40 + 14 * index, x + 6 * len(text), 50 + 14 * index) for x, text in row]
    for index, row in enumerate(rows):  # a header's second line sits close under its first
        y = 200 + [0, 9, 24, 40][index]
        words += [Word(text, x, y, x + 5 * len(text), y + 8) for x, text in row]
    notice = read_notice(default_patterns(), [Page(1, group_lines(words), "text")])
    assert notice.value("i94_number") == "37147278176"
    assert notice.value("notice_type") == "approval"


LETTER = [
    [(72, "U.S. Department of Homeland Security")],
    [(72, "U.S. Citizenship and Immigration Services")],
    [(72, "National Benefits Center")],
    [(72, "August 20, 2026")],
    [(72, "OKONKWO, RAFAEL")],
    [(72, "12 CIVIC PLAZA STE 900")],
    [(72, "Receipt Number:"), (200, "MSC2580273817")],
    [(72, "Form:"), (200, "I-485, Application to Register Permanent Residence or Adjust Status")],
    [(72, "Applicant:"), (200, "OKONKWO, RAFAEL")],
]


@pytest.mark.parametrize("filed", ["Filed:", "Date filed:", "Date of filing:"])
def test_a_letter_filed_line_and_its_later_page_headed_by_the_receipt_number(filed: str) -> None:
    """The header block's filing date is the received date; page 2 says only ``MSC... Page 2`` (no count)
    and holds the response date, wrapped at the line end."""
    first = _page([*LETTER, [(72, filed), (200, "August 11, 2026")], [(250, "NOTICE OF INTENT TO DENY")]])
    second = _page(
        [
            [(72, "MSC2580273817 Page 2")],
            [(72, "You may submit evidence in rebuttal. Your response must be received by")],
            [(72, "September 30, 2026. If you do not respond, the application will be decided on the record.")],
            [(72, "Sincerely,")],
        ],
        number=2,
    )
    groups, skipped = split_pages(default_patterns(), [first, second])
    assert ([[page.number for page in group] for group in groups], skipped) == ([[1, 2]], [])
    notice = read_notice(default_patterns(), groups[0])
    assert (notice.value("notice_type"), notice.value("received_date")) == ("noid", "2026-08-11")
    assert notice.value("response_due") == "2026-09-30"


def test_a_page_quoting_the_receipt_number_below_its_head_does_not_continue_a_letter() -> None:
    """Only a running header (the page's first lines) ties a page without markers to the notice before."""
    first = _page([*LETTER, [(72, "Filed:"), (200, "August 11, 2026")], [(250, "NOTICE OF INTENT TO DENY")]])
    other = _page(
        [
            [(72, "ABERNATHY & OKONKWO LLP")],
            [(72, "Internal file note")],
            [(72, "Client matter: OKONKWO"), (300, "Receipt MSC2580273817")],
        ],
        number=2,
    )
    groups, skipped = split_pages(default_patterns(), [first, other])
    assert ([[page.number for page in group] for group in groups], skipped) == ([[1]], [2])


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "After a thorough review, we must inform you that we are denying your application for the reasons below.",
            "denial",
        ),
        ("Because the record does not establish eligibility, we must deny the application.", "denial"),
        ("For the reasons explained above, the application is denied.", "denial"),
        ("If you do not respond, we must deny the application.", None),
        ("USCIS may deny the application if the evidence is not sent.", None),
    ],
)
def test_a_decision_letters_operative_sentence_in_other_wordings(sentence: str, kind: str | None) -> None:
    rows = [*LETTER, [(72, "Filed:"), (200, "August 11, 2026")], [(280, "DECISION")], [(72, sentence)]]
    notice = read_notice(default_patterns(), [_page(rows)])
    assert notice.value("notice_type") == kind
    if kind is not None:
        assert field_confidence(notice)["notice_type"] < FILE_WITHOUT_REVIEW  # from a sentence: for review


@pytest.mark.parametrize(
    "petitioner",
    ["TRIDENT HARBOR FREIGHT SYSTEMS LLC", "UNIVERSITY OF THE EASTERN HIGHLANDS BOARD OF REGENTS FOR MARINE SCIENCES"],
)
def test_a_ledger_petitioner_above_the_beneficiary_line(petitioner: str) -> None:
    """Courier, dot leaders and no colons: the next line (``BENEFICIARY ....... NAME``) is the next label and
    its value, never the end of the petitioner's name; a long name's own second line is joined."""
    head = "PETITIONER ............. "
    cut = petitioner.rfind(" ", 0, 48) if len(petitioner) > 48 else len(petitioner)
    lines = [
        "DEPARTMENT OF HOMELAND SECURITY",
        "RECEIPT NUMBER ......... SRC-26-309-33491",
        "RECEIPT DATE ........... NOV 03 2026",
        "NOTICE DATE ............ APR 13 2027",
        "NOTICE TYPE ............ RECEIPT NOTICE",
        head + petitioner[:cut],
        *([" " * len(head) + petitioner[cut + 1 :]] if cut < len(petitioner) else []),
        "BENEFICIARY ............ BHATTACHARYA, YUSUF",
    ]
    words = []
    for index, text in enumerate(lines):  # each line one run, as a padded fixed-pitch line is read
        indent = len(text) - len(text.lstrip())
        body = text.strip()
        x = 36 + 5.4 * indent
        words.append(Word(body, x, 40 + 12.6 * index, x + 5.4 * len(body), 49 + 12.6 * index))
    notice = read_notice(default_patterns(), [Page(1, group_lines(words), "text")])
    assert (notice.value("petitioner"), notice.value("beneficiary")) == (petitioner, "BHATTACHARYA, YUSUF")
    assert field_confidence(notice)["petitioner"] >= FILE_WITHOUT_REVIEW
