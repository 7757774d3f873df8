"""Notices on paper and in files (session 12): bundles, letters with a facts column, stamps, photos, four to a sheet.

Every notice here is drawn in this file's own layouts (reportlab, fictional values), then put together or damaged
by this file's own code: a case-management bundle (an index page, a header counting the bundle's documents, a
footer numbering the file's pages, a Bates number), a letter whose case facts stand in a column beside its sender
and date lines, a grey scan with a pen note and a mailroom's received stamp, a phone photo on a patterned desk
under light that falls off across the sheet, four notices printed on one sheet.

Classes: a count of documents ("Document 2 of 3") or the file's own page numbering ("page 3 of 5" on the file's
third page) numbers no notice's pages, so a bundle's notices are not merged; a letter whose date line shares its
row with the facts column is a notice; a received stamp's date is never the notice's; a photographed sheet is cut
by its edges even where part of it is too dark for its bright box; a notice with a banner over a card that opens
with the agency's names joined by a bar is two notices.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from docgen.notices import parse_notice_file
from docgen.notices.layout import Page, Word, group_lines
from docgen.notices.model import FILE_WITHOUT_REVIEW, field_confidence
from docgen.notices.patterns import default_patterns
from docgen.notices.split import split_pages

WIDTH, HEIGHT = letter
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def _notice_page(pdf: canvas.Canvas, kind_title: str, facts: list[tuple[str, str]], body: str, top: float) -> None:
    """A notice of boxes: the agency's names, a kind title, labelled facts (label, then value beside it)."""
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(60, top, "U.S. Department of Homeland Security")
    pdf.drawString(60, top - 14, "U.S. Citizenship and Immigration Services")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(60, top - 46, kind_title)
    y = top - 80
    for label, value in facts:
        pdf.setFont("Helvetica", 9)
        pdf.drawString(60, y, label)
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(200, y, value)
        y -= 18
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, y - 20, body)


BUNDLE = [
    ("Receipt Notice", "WAC2734411902", "I-129", "March 3, 2027", "receipt"),
    ("Request for Evidence", "WAC2734411902", "I-129", "April 19, 2027", "rfe"),
    ("Approval Notice", "WAC2734411902", "I-129", "June 7, 2027", "approval"),
]


def bundle(path: Path, counted: bool) -> Path:
    """A case-management system's bundle: an index page, then a receipt, a two-page request for evidence and an
    approval, every page under the system's header (``Item k of 3`` when ``counted``) and over its footer (the
    file's page number out of five, a Bates number)."""
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)

    def frame(page: int, item: int | None) -> None:
        pdf.setFont("Helvetica", 8)
        head = "Harborline Mobility Services  -  matter HMS-4471"
        if item is not None and counted:
            head += f"  -  Document {item} of 3"
        pdf.drawString(40, HEIGHT - 24, head)
        pdf.drawString(40, 20, f"Privileged and confidential   page {page} of 5")
        pdf.drawString(WIDTH - 130, 20, f"HMS-BATES-{page + 7120:06d}")

    frame(1, None)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(60, HEIGHT - 80, "Matter documents")
    pdf.setFont("Helvetica", 10)
    for row, (title, receipt, form, date, _) in enumerate(BUNDLE):
        pdf.drawString(60, HEIGHT - 110 - 16 * row, f"{row + 1}.  {title}   {form}   {receipt}   {date}")
    pdf.showPage()
    page = 2
    for item, (title, receipt, form, date, _) in enumerate(BUNDLE, 1):
        frame(page, item)
        facts = [("Receipt Number", receipt), ("Case Type", form), ("Notice Date", date)]
        body = "Submit the evidence listed on the next page." if item == 2 else "Keep this notice for your records."
        _notice_page(pdf, title, facts, body, HEIGHT - 70)
        pdf.showPage()
        page += 1
        if item == 2:  # the request's second page: its receipt number and page in a running header
            frame(page, item)
            pdf.setFont("Helvetica", 9)
            pdf.drawString(60, HEIGHT - 50, f"{receipt}   Page 2 of 2")
            pdf.setFont("Helvetica", 10)
            pdf.drawString(60, HEIGHT - 90, "1. Copies of the beneficiary's pay statements for the last three months.")
            pdf.drawString(60, HEIGHT - 106, "2. An organizational chart showing the position offered.")
            pdf.showPage()
            page += 1
    pdf.save()
    return path


@pytest.mark.parametrize("counted", [True, False], ids=["document-count", "file-numbering-only"])
def test_a_bundle_with_an_index_and_its_own_page_numbers_holds_each_notice_apart(tmp_path: Path, counted: bool) -> None:
    result = parse_notice_file(bundle(tmp_path / "bundle.pdf", counted))
    read = [notice.to_dict() for notice in result.notices]
    assert [notice["notice_type"] for notice in read] == [kind for *_, kind in BUNDLE]
    assert [notice["pages"] for notice in read] == [[2], [3, 4], [5]]
    assert [notice["notice_date"] for notice in read] == ["2027-03-03", "2027-04-19", "2027-06-07"]
    assert 1 in result.skipped_pages  # the index page is no notice


def draw_facts_letter(pdf: canvas.Canvas) -> None:
    """A notice of intent to deny as a letter: the sender's lines and the letter's date on the left, the case facts
    in a column on the right at a wider line pitch (some of its lines fall between the sender's), the petitioner's
    long name wrapping onto a second line, the beneficiary's line level with the letter's date."""
    top = HEIGHT - 60
    left = [
        "U.S. Department of Homeland Security",
        "U.S. Citizenship and Immigration Services",
        "Potomac Service Center",
        "2200 Potomac Ave",
        "Arlington VA 22202",
    ]
    pdf.setFont("Times-Roman", 10)
    for row, text in enumerate(left):
        pdf.drawString(60, top - 13 * row, text)
    pdf.drawString(60, top - 78, "11 August 2027")
    facts = [
        ("Form:", "I-140"),
        ("Case Number:", "YSC2741187350"),
        ("Petitioner:", "GRANITE FALLS ORCHARD"),
        ("", "COOPERATIVE ASSOCIATION"),
        ("Beneficiary:", "ILUNGA, BENEDICTE"),
    ]
    for (label, value), y in zip(facts, (0, 19.5, 39, 51, 78), strict=True):  # the name's lines 12 points apart
        pdf.drawString(330, top - y, label)
        pdf.drawString(400, top - y, value)
    y = top - 120
    for text in ["MARISOL ECHEVERRIA", "ECHEVERRIA AND PARTNERS", "410 HARBOR STREET", "TACOMA WA 98402"]:
        pdf.drawString(60, y, text)
        y -= 12
    pdf.setFont("Times-Bold", 13)
    pdf.drawString(60, y - 30, "Notice of Intent to Deny")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(60, y - 52, "USCIS intends to deny the petition named above for the reasons set out below.")
    pdf.drawString(60, y - 66, "Any rebuttal must reach this office on or before 09/14/2027.")
    pdf.drawString(60, y - 100, "Sincerely,")
    pdf.drawString(60, y - 130, "Center Director")


def facts_letter(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)
    draw_facts_letter(pdf)
    pdf.showPage()
    pdf.save()
    return path


def test_a_letter_whose_date_line_shares_its_row_with_the_facts_column_is_a_notice(tmp_path: Path) -> None:
    read = [notice.to_dict() for notice in parse_notice_file(facts_letter(tmp_path / "letter.pdf")).notices]
    assert len(read) == 1
    assert read[0]["notice_type"] == "noid"
    assert read[0]["receipt_number"] == "YSC2741187350"
    assert read[0]["response_due"] == "2027-09-14"
    assert read[0]["petitioner"] == "GRANITE FALLS ORCHARD COOPERATIVE ASSOCIATION"
    assert read[0]["beneficiary"] == "ILUNGA, BENEDICTE"


def _render(pdf_path: Path, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        image: Image.Image = document[0].render(scale=dpi / 72).to_pil()
        return image.convert("RGB")
    finally:
        document.close()


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def annotate(image: Image.Image, dpi: int) -> Image.Image:
    """Hand marks on a printed letter: a pen note beside its date line and the mailroom's received stamp (a box,
    three lines: RECEIVED, its own date, the office) low on the page, in ink that scans grey."""
    draw = ImageDraw.Draw(image)
    inch = dpi / 72
    draw.text((160 * inch, (60 + 13 * 3 + 26 - 8) * inch), "fwd GC", fill=(40, 40, 120), font=_font(round(10 * inch)))
    x, y = 90 * inch, 560 * inch
    font = _font(round(11 * inch))
    draw.rectangle((x - 8 * inch, y - 8 * inch, x + 120 * inch, y + 56 * inch), outline=(150, 20, 20), width=3)
    for row, text in enumerate(["RECEIVED", "OCT 02 2027", "MAIL ROOM"]):
        draw.text((x, y + 16 * inch * row), text, fill=(150, 20, 20), font=font)
    return image


def grey_scan(image: Image.Image, path: Path, dpi: int) -> Path:
    """A grey copier scan as a PDF: a slight tilt, soft toner, noise, a JPEG inside."""
    grey = image.convert("L").rotate(0.4, resample=Image.Resampling.BILINEAR, fillcolor=255)
    grey = grey.filter(ImageFilter.GaussianBlur(0.5))
    rng = np.random.default_rng(12)
    pixels = np.asarray(grey, dtype=np.float32) * 0.9 + 18 + rng.normal(0, 5, grey.size[::-1])
    jpeg = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L").save(jpeg, format="JPEG", quality=75)
    buffer = io.BytesIO()
    Image.open(jpeg).save(buffer, format="PDF", resolution=float(dpi))
    path.write_bytes(buffer.getvalue())
    return path


@needs_tesseract
def test_a_scanned_letter_with_a_pen_note_and_a_received_stamp_is_one_notice_without_the_stamps_date(
    tmp_path: Path,
) -> None:
    dpi = 200
    scan = grey_scan(annotate(_render(facts_letter(tmp_path / "letter.pdf"), dpi), dpi), tmp_path / "scan.pdf", dpi)
    read = [notice.to_dict() for notice in parse_notice_file(scan).notices]
    assert len(read) == 1
    notice = read[0]
    assert notice["notice_type"] == "noid"
    assert notice["receipt_number"] in ("YSC2741187350", None)
    assert notice["received_date"] is None  # the letter prints none; the stamp's date is the mailroom's
    assert "2027-10-02" not in [notice[name] for name in notice]


def photograph(image: Image.Image, seed: int = 4) -> Image.Image:
    """``image`` as a phone photo: the sheet laid at a slant on a dark wood-grain desk, the lamp's light falling off
    across the sheet (its far side darker than the bright desk stripes' peaks), seen in perspective, a JPEG."""
    rng = np.random.default_rng(seed)
    sheet_w, sheet_h = image.size
    width, height = round(sheet_w * 1.3), round(sheet_h * 1.25)
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    grain = 70 + 45 * (np.sin(xs / 23.0 + 3 * np.sin(ys / 61.0)) > 0.3)  # wavy stripes, some fairly light
    desk = np.stack([grain * 1.25, grain * 0.85, grain * 0.5], axis=-1)
    corners = [
        (0.12 * width, 0.08 * height),
        (0.90 * width, 0.06 * height),
        (0.92 * width, 0.93 * height),
        (0.10 * width, 0.91 * height),
    ]
    target = [(0.0, 0.0), (float(sheet_w), 0.0), (float(sheet_w), float(sheet_h)), (0.0, float(sheet_h))]
    rows, values = [], []
    for (x, y), (u, v) in zip(corners, target, strict=True):  # photo pixel (x, y) shows sheet pixel (u, v)
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    coeffs = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
    warped = image.convert("RGB").transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(coeffs), Image.Resampling.BICUBIC, fillcolor=(0, 0, 0)
    )
    mask = Image.new("L", image.size, 255).transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(coeffs), Image.Resampling.BILINEAR, fillcolor=0
    )
    paper = np.asarray(warped, dtype=np.float32) * np.array([1.0, 0.95, 0.85], dtype=np.float32)
    light = (1.0 - 0.55 * (1.0 - xs / width) ** 1.6)[..., None]  # the left side of the sheet in the lamp's shadow
    alpha = np.asarray(mask, dtype=np.float32)[..., None] / 255.0
    photo = desk * (1 - alpha) + paper * light * alpha + rng.normal(0, 3, (height, width, 1))
    out = io.BytesIO()
    Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8), "RGB").save(out, format="JPEG", quality=85)
    return Image.open(io.BytesIO(out.getvalue()))


@needs_tesseract
def test_a_photo_whose_sheet_falls_into_shadow_on_one_side_is_read_whole(tmp_path: Path) -> None:
    pdf_path = tmp_path / "receipt.pdf"
    pdf = canvas.Canvas(str(pdf_path), pagesize=letter, invariant=True)
    facts = [("Receipt Number", "EAC2745520917"), ("Case Type", "I-765"), ("Notice Date", "May 4, 2027")]
    _notice_page(pdf, "Receipt Notice", facts, "We have received the application named above.", HEIGHT - 70)
    pdf.showPage()
    pdf.save()
    photo = photograph(_render(pdf_path, 150))
    path = tmp_path / "photo.jpg"
    photo.save(path, format="JPEG", quality=90)
    read = [notice.to_dict() for notice in parse_notice_file(path).notices]
    assert len(read) == 1
    assert read[0]["notice_type"] == "receipt"
    assert read[0]["receipt_number"] == "EAC2745520917"  # printed at the sheet's left, in the shadow


def _banner_notice(pdf: canvas.Canvas, receipt: str, title: str, date: str) -> None:
    """A notice of boxes under a banner (THE UNITED STATES OF AMERICA), in capitals as a mainframe printed it."""
    top = HEIGHT - 50
    pdf.setFont("Courier-Bold", 11)
    pdf.drawString(60, top, "DEPARTMENT OF HOMELAND SECURITY")
    pdf.drawString(60, top - 14, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    pdf.drawString(320, top - 14, "I-797C NOTICE OF ACTION")
    pdf.setFont("Courier-Bold", 13)
    pdf.drawCentredString(WIDTH / 2, top - 44, "THE UNITED STATES OF AMERICA")
    pdf.setFont("Courier", 10)
    rows = [f"RECEIPT NUMBER {receipt}", f"NOTICE DATE {date}", "CASE TYPE I-130"]
    for row, text in enumerate(rows):
        pdf.drawString(60, top - 80 - 16 * row, text)
    pdf.drawString(60, top - 180, f"THIS NOTICE IS YOUR {title} FOR THE PETITION NAMED ABOVE.")
    pdf.drawString(60, 60, "FORM I-797C")


def _card_notice(pdf: canvas.Canvas, receipt: str, date: str) -> None:
    """An appointment card: the agency's names on one line joined by a bar, the kind as its heading."""
    top = HEIGHT - 50
    pdf.setFont("Helvetica", 9)
    pdf.drawString(60, top, "U.S. Department of Homeland Security | U.S. Citizenship and Immigration Services")
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(60, top - 34, "ASC Appointment Notice")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(60, top - 60, f"Receipt {receipt}    Notice Date {date}    Case Type I-485")
    pdf.drawString(60, top - 90, "Please come to the application support center below to give your biometrics.")
    pdf.drawString(60, top - 110, "USCIS HARTFORD ASC, 467 Silver Lane, East Hartford CT 06118")


FOUR = [("banner", "MSC2748810234"), ("banner", "MSC2748810299"), ("card", "MSC2748810511"), ("card", "MSC2748810577")]


def test_four_to_a_sheet_a_banner_notice_over_a_card_is_two_notices(tmp_path: Path) -> None:
    path = tmp_path / "four.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)
    scale = 0.48
    for index, (kind, receipt) in enumerate(FOUR):
        column, row = index % 2, index // 2
        pdf.saveState()
        pdf.translate(column * WIDTH / 2 + 6, HEIGHT / 2 * (1 - row) + 4)
        pdf.scale(scale, scale)
        if kind == "banner":
            _banner_notice(pdf, receipt, "RECEIPT", "JUN 14 2027")
        else:
            _card_notice(pdf, receipt, "July 2, 2027")
        pdf.restoreState()
    pdf.showPage()
    pdf.save()
    read = [notice.to_dict() for notice in parse_notice_file(path).notices]
    assert [notice["receipt_number"] for notice in read] == [receipt for _, receipt in FOUR]
    assert [notice["notice_type"] for notice in read][2:] == ["biometrics", "biometrics"]


def test_a_tracking_sheet_listing_cases_and_their_notices_is_no_notice(tmp_path: Path) -> None:
    # A firm's tracking sheet: the agency's names in its footnote, a notice's labels as its column heads, a kind's
    # title in every row, a column of receipt numbers. It lists notices; it is none.
    path = tmp_path / "tracking.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(50, HEIGHT - 60, "Open matters - weekly tracking")
    pdf.setFont("Helvetica-Bold", 9)
    for x, head in ((50, "Client"), (190, "Receipt Number"), (300, "Form"), (350, "Notice Type"), (470, "Notice Date")):
        pdf.drawString(x, HEIGHT - 90, head)
    rows = [
        ("Okafor, Chidi", "LIN2741190023", "I-140", "Approval Notice", "03/02/2027"),
        ("Varga, Henrik", "EAC2740087716", "I-539", "Receipt Notice", "02/11/2027"),
        ("Mbeki, Thandiwe", "WAC2739912245", "I-129", "Request for Evidence", "01/28/2027"),
        ("Lindqvist, Maja", "SRC2742201958", "I-765", "Receipt Notice", "03/09/2027"),
    ]
    pdf.setFont("Helvetica", 9)
    for index, row in enumerate(rows):
        for x, text in zip((50, 190, 300, 350, 470), row, strict=True):
            pdf.drawString(x, HEIGHT - 108 - 16 * index, text)
    pdf.drawString(
        50, 60, "Copies of the Form I-797 notices from U.S. Citizenship and Immigration Services are on file."
    )
    pdf.showPage()
    pdf.save()
    result = parse_notice_file(path)
    assert result.notices == []


def _ocr_sheet(rows: Sequence[tuple[float, float, str]]) -> Page:
    """A photographed sheet as OCR read it: each (top, x, text) a run of words in points."""
    words = []
    for top, x, text in rows:
        for word in text.split():
            words.append(Word(word, x, top, x + 5.0 * len(word), top + 8, 90.0))
            x += 5.0 * (len(word) + 1)
    return Page(1, group_lines(words), "ocr", quality=0.8)


# The right half: a receipt whose marks OCR read well enough.
RIGHT_HALF = [
    (20, 430, "Department of Homeland Security"),
    (30, 430, "U.S. Citizenship and Immigration Services"),
    (30, 650, "I-797C Notice of Action"),
    (60, 520, "Receipt"),
    (60, 430, "Receipt #"),
    (70, 430, "IOE2790055512"),
    (90, 430, "Notice Date"),
    (100, 430, "May 6, 2027"),
    (130, 520, "This notice confirms that USCIS received your case."),
    (500, 430, "USCIS Electronic Immigration System, Lee's Summit MO"),
]
# The left half: an approval whose small print OCR garbled (its title, its labels), its banner and number read.
LEFT_HALF = [
    (20, 30, "Depnrtmeat ot Homelnnd Secunty"),
    (45, 60, "THE UNITED STATES OF AMERICA"),
    (60, 30, "WAC2790011234"),
    (60, 130, "FEB 26 2027"),
    (70, 30, "CASE NR"),
    (70, 130, "oATE RECO"),
    (90, 30, "1129 PETITION FOR A NONIMMIGRANT WORKER"),
    (130, 30, "The above petition has been approved."),
    (480, 30, "Departure Record"),
    (500, 30, "California Service Center, Laguna Niguel CA 92677"),
]


def test_two_notices_photographed_side_by_side_are_two_when_one_side_lost_marks_but_kept_its_banner() -> None:
    groups, _ = split_pages(default_patterns(), [_ocr_sheet(LEFT_HALF + RIGHT_HALF)])
    assert len(groups) == 2
    texts = [group[0].text for group in groups]
    assert "WAC2790011234" in texts[0] and "IOE2790055512" not in texts[0]
    assert "IOE2790055512" in texts[1] and "WAC2790011234" not in texts[1]


def test_a_cover_note_beside_a_notice_quoting_its_number_is_no_second_notice() -> None:
    # Beside the notice, a clerk's note with no banner naming the case: the sheet is one notice.
    note = [(20, 30, "Scan for the file"), (60, 30, "Case WAC2790011234"), (130, 30, "Please log and file this week.")]
    note += [(500, 30, "Mailroom, second floor")]
    groups, _ = split_pages(default_patterns(), [_ocr_sheet(note + RIGHT_HALF)])
    assert len(groups) == 1


@needs_tesseract
def test_a_scanned_firms_name_whose_next_line_hangs_under_its_label_is_not_filed_cut(tmp_path: Path) -> None:
    # ``Petitioner: HARBOR POINT MARINE SUPPLY`` / ``HOLDINGS, LLC D/B/A HARBOR POINT`` set under the label, not the
    # value: the name is read whole, or goes to a person; never filed as its first line alone.
    path = tmp_path / "hung.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=True)
    top = HEIGHT - 60
    pdf.setFont("Times-Roman", 10)
    left = [
        "U.S. Department of Homeland Security",
        "U.S. Citizenship and Immigration Services",
        "Vermont Service Center",
    ]
    for y, text in zip((0, 11, 22), left, strict=True):
        pdf.drawString(60, top - y, text)
    pdf.drawString(60, top - 100, "June 2, 2027")
    right = [(0, "Form: I-129"), (16, "Receipt No.: EAC2751130087"), (39, "Petitioner: HARBOR POINT MARINE SUPPLY")]
    right += [(53, "HOLDINGS, LLC D/B/A HARBOR POINT"), (72, "Beneficiary: SOKOLOVA, IRINA")]
    for y, text in right:
        pdf.drawString(330, top - y, text)
    pdf.setFont("Times-Bold", 13)
    pdf.drawString(60, top - 170, "Request for Evidence")
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(60, top - 192, "Your response must be received in this office by August 30, 2027.")
    pdf.showPage()
    pdf.save()
    notices = parse_notice_file(grey_scan(_render(path, 200), tmp_path / "hung-scan.pdf", 200)).notices
    assert len(notices) == 1
    petitioner = notices[0].value("petitioner")
    whole = "HARBOR POINT MARINE SUPPLY HOLDINGS, LLC D/B/A HARBOR POINT"
    assert petitioner in (None, whole) or field_confidence(notices[0])["petitioner"] < FILE_WITHOUT_REVIEW
    assert (
        petitioner != "HARBOR POINT MARINE SUPPLY" or field_confidence(notices[0])["petitioner"] < FILE_WITHOUT_REVIEW
    )
