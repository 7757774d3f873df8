"""OCR doubt (issue 14, wrong values): a value whose characters tesseract was unsure of is not asserted.

The field is null and what OCR read is kept as its ``candidate`` (with why it is doubtful) for the person
resolving the notice; so is a name whose box, read again alone, reads otherwise. A candidate is never a value.
Pages are word boxes marked as OCR'd (each word with its tesseract confidence), or a real image read by
tesseract with one word's confidence lowered (a fault: the doubt a poor scan gives).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from docgen.commands.notices import summary
from docgen.notices import parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import CANDIDATE_FLOOR, FILE_WITHOUT_REVIEW, OCR_DOUBT, field_confidence
from docgen.notices.ocr import Tesseract
from docgen.notices.patterns import default_patterns
from docgen.notices.reader import read_notice

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "notices"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

ROWS = [
    (40, [(44, "I-797C"), (98, "NOTICE OF ACTION")]),
    (70, [(44, "Receipt Number:"), (150, "WAC2690012345")]),
    (85, [(44, "Notice Type:"), (150, "Receipt")]),
    (100, [(44, "Notice Date:"), (150, "June 1, 2026")]),
    (115, [(44, "Form:"), (150, "I-129")]),
    (130, [(44, "Petitioner:"), (150, "ACME ROBOTICS LLC")]),
    (145, [(44, "Beneficiary:"), (150, "DOE, JANE A")]),
]


def _page(confs: dict[str, float], again: dict[str, str] | None = None, crops: bool = True) -> Page:
    """The receipt above as OCR'd words (confidence 93 unless ``confs`` says), its boxes read again as the
    page reads them unless ``again`` gives another reading for a box starting with that word (no second
    reading at all without ``crops``)."""
    words = []
    for top, row in ROWS:
        for x, text in row:
            x0 = x
            for part in text.split():
                words.append(Word(part, x0, top, x0 + 5.5 * len(part), top + 9, confs.get(part, 93.0)))
                x0 += 5.5 * len(part) + 4
    lines = group_lines(words)

    def reread(box: tuple[float, float, float, float], zoom: int, chars: str) -> str:
        inside = [w for w in words if w.x0 >= box[0] - 1 and w.x1 <= box[2] + 1 and w.top >= box[1] - 1]
        inside = [w for w in inside if w.bottom <= box[3] + 1]
        text = " ".join(w.text for w in inside)
        return (again or {}).get(inside[0].text, text) if inside else ""

    return Page(1, lines, "ocr", 0.95, reread=reread if crops else None)


def test_a_value_ocr_is_unsure_of_is_null_with_its_reading_as_candidate() -> None:
    assert OCR_DOUBT > 55
    notice = read_notice(default_patterns(), [_page({"JANE": 55}, crops=False)])
    assert notice.value("beneficiary") is None
    assert field_confidence(notice)["beneficiary"] < FILE_WITHOUT_REVIEW  # for a person
    candidate = notice.readings["beneficiary"].candidate
    assert candidate is not None and candidate.value == "DOE, JANE A" and candidate.why == "OCR confidence 55"
    document = notice.to_dict()
    assert document["beneficiary"] is None
    assert document["candidates"] == {"beneficiary": {"value": "DOE, JANE A", "why": "OCR confidence 55"}}
    # The other values, read surely, stand.
    assert (notice.value("petitioner"), notice.value("receipt_number")) == ("ACME ROBOTICS LLC", "WAC2690012345")


def test_a_surely_read_value_stands_with_no_candidate() -> None:
    notice = read_notice(default_patterns(), [_page({})])
    assert notice.value("beneficiary") == "DOE, JANE A"
    assert notice.readings["beneficiary"].ocr_conf == 93.0
    assert notice.candidates() == {} and notice.to_dict()["candidates"] == {}


def test_a_date_ocr_is_unsure_of_is_withheld_too() -> None:
    notice = read_notice(default_patterns(), [_page({"June": 62}, crops=False)])
    assert notice.value("notice_date") is None
    assert notice.candidates()["notice_date"].value == "2026-06-01"


def test_a_weak_reading_its_box_confirms_stands_and_one_it_does_not_is_a_candidate() -> None:
    confirmed = read_notice(default_patterns(), [_page({"JANE": 55})])
    assert confirmed.value("beneficiary") == "DOE, JANE A" and confirmed.candidates() == {}
    unconfirmed = read_notice(default_patterns(), [_page({"JANE": 55}, again={"DOE,": ""})])
    assert unconfirmed.value("beneficiary") is None
    candidate = unconfirmed.candidates()["beneficiary"]
    assert (candidate.value, candidate.why) == ("DOE, JANE A", "OCR confidence 55, read again from its box as nothing")


def test_noise_gives_no_candidate() -> None:
    """Below the floor OCR read nothing a person could use: null, the page is there to read."""
    notice = read_notice(default_patterns(), [_page({"JANE": CANDIDATE_FLOOR - 10}, crops=False)])
    assert notice.value("beneficiary") is None and notice.candidates() == {}


def test_a_name_whose_box_reads_otherwise_is_a_candidate() -> None:
    """``TRAN, DMITRIS`` on the page at 91, ``TRAN, DMITRI S`` in its box: which is right, a person says."""
    disagreeing = read_notice(default_patterns(), [_page({"DOE,": 91}, again={"DOE,": "DOE, JANE R"})])
    assert disagreeing.value("beneficiary") is None
    candidate = disagreeing.candidates()["beneficiary"]
    assert candidate.value == "DOE, JANE A"
    assert candidate.why == "OCR confidence 91, read again from its box as 'DOE, JANE R'"
    agreeing = read_notice(default_patterns(), [_page({"DOE,": 91})])
    assert agreeing.value("beneficiary") == "DOE, JANE A" and agreeing.candidates() == {}
    # Other marks, same letters (a speck read as a period): the same name. A crop that read something else
    # entirely says nothing of the page's letters: the page's reading stands.
    for crop in ("DOE. JANE A.", "snredassiaaghs frateboraue"):
        kept = read_notice(default_patterns(), [_page({"DOE,": 91}, again={"DOE,": crop})])
        assert kept.value("beneficiary") == "DOE, JANE A" and kept.candidates() == {}, crop


def test_a_text_pdf_has_no_ocr_confidence_and_no_candidates() -> None:
    result = parse_notice_file(SAMPLES / "text" / "rfe-i129.pdf")
    for notice in result.notices:
        assert notice.candidates() == {}
        assert all(reading.ocr_conf is None for reading in notice.readings.values())


class _Unsure(Tesseract):
    """Tesseract, its confidence in words holding ``word`` lowered to ``conf`` and its box read again as
    ``misread`` (the doubt of a poor scan: the page and the box alone read it differently)."""

    def __init__(self, word: str, conf: float, misread: str) -> None:
        super().__init__()
        self.word, self.conf, self.misread = word, conf, misread

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        return super().line(image, dpi, chars).replace(self.word, self.misread)

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        return [
            Word(w.text, w.x0, w.top, w.x1, w.bottom, self.conf) if self.word in w.text else w
            for w in super().words(image, dpi)
        ]


def test_a_scanned_receipt_read_by_tesseract_shows_the_candidate_in_the_summary(tmp_path: Path) -> None:
    image = Image.new("L", (2550, 1100), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    for top, row in ROWS:
        for x, text in row:
            draw.text((x * 300 / 72, top * 300 / 72), text, fill=15, font=font)
    path = tmp_path / "receipt-scan.png"
    image.save(path, dpi=(300, 300))
    result = parse_notice_file(path, engine=_Unsure("JANE", 47.0, "JAME"))
    (notice,) = result.notices
    assert notice.value("receipt_number") == "WAC2690012345"
    assert notice.value("beneficiary") is None
    assert notice.candidates()["beneficiary"].value == "DOE, JANE A"
    assert summary(result).splitlines()[1:] == [
        "  beneficiary: \u2014  (unsure: \"DOE, JANE A\", OCR confidence 47, read again from its box as 'DOE, JAME A')"
    ]


def _column_page(last: str) -> Page:
    """A values-under-labels notice whose petitioner runs onto four lines of its narrow column, the last
    ``last`` (the label allows three)."""
    rows = [
        (40, [(44, "I-797C"), (98, "NOTICE OF ACTION")]),
        (60, [(44, "Receipt Number"), (250, "Notice Date")]),
        (72, [(44, "WAC2690012345"), (250, "June 1, 2026")]),
        (90, [(44, "Notice Type"), (250, "Form")]),
        (102, [(44, "Approval Notice"), (250, "I-129")]),
        (120, [(44, "Petitioner"), (250, "Beneficiary")]),
        (132, [(44, "HARBORVIEW REGIONAL"), (250, "DOE, JANE A")]),
        (143, [(44, "MEDICAL CENTER")]),
        (154, [(44, "FOUNDATION OF GREATER")]),
        (165, [(44, last)]),
        (190, [(44, "Valid from"), (250, "Valid to")]),
        (202, [(44, "10/01/2026"), (250, "09/30/2029")]),
    ]
    words = []
    for top, row in rows:
        for x, text in row:
            x0 = x
            for part in text.split():
                words.append(Word(part, x0, top, x0 + 5.5 * len(part), top + 9, 100.0))
                x0 += 5.5 * len(part) + 4
    return Page(1, group_lines(words), "text")


def test_a_company_name_wrapping_past_its_line_count_is_read_whole_or_sent_to_review() -> None:
    """Not OCR doubt but its kin: a name cut where the reader's line count ends is a wrong value. A company's
    name whose next line, set as close, ends in a company word is joined; other words there send it to review."""
    whole = read_notice(default_patterns(), [_column_page("TIDEWATER INC")])
    assert whole.value("petitioner") == "HARBORVIEW REGIONAL MEDICAL CENTER FOUNDATION OF GREATER TIDEWATER INC"
    assert field_confidence(whole)["petitioner"] >= FILE_WITHOUT_REVIEW
    cut = read_notice(default_patterns(), [_column_page("TIDEWATER")])
    assert cut.value("petitioner") == "HARBORVIEW REGIONAL MEDICAL CENTER FOUNDATION OF GREATER"
    assert field_confidence(cut)["petitioner"] < FILE_WITHOUT_REVIEW  # may be cut: a person looks
    assert whole.value("beneficiary") == cut.value("beneficiary") == "DOE, JANE A"
