"""Issue 14, reviewer's findings on the notice reader (session 10), each drawn here (reportlab, fictional values)
and read by the real reader (tesseract for the scans).

- Two notices stacked on one sheet, faxed in standard mode (204 by 98 dpi): each client's filed copy holds its
  own notice only (the copy is blanked on the frame as the reader saw it, stretched to square pixels).
- A TIFF whose recorded resolution is 0/0 or 1/0 (Pillow: nan) or absurd: read as it is, no traceback; a
  stretch to square pixels never passes the pixel cap.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational, ImageFileDirectory_v2

from docgen.mailroom.ingest import pages_pdf
from docgen.notices import parse_notice_file
from docgen.notices.ocr import square_pixels
from docgen.notices.parse import image_dpi
from tests.notice_cells import Cell, draw_cells

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def _receipt(top: float, receipt: str, name: str, received: str) -> list[Cell]:
    cells: list[Cell] = [
        (40, 20, "THE UNITED STATES OF AMERICA", 12),
        (380, 30, "Form I-797C, Notice of Action", 11),
        (40, 60, "Receipt Number", 10),
        (200, 60, "Case Type", 10),
        (380, 60, "Notice Date", 10),
        (40, 74, receipt, 11),
        (200, 74, "I-130 Petition for Alien Relative", 10),
        (380, 74, "01/12/2026", 11),
        (40, 100, "Received Date", 10),
        (200, 100, "Notice Type", 10),
        (40, 114, received, 11),
        (200, 114, "Receipt Notice", 11),
        (40, 140, "Petitioner", 10),
        (40, 154, name, 11),
        (40, 190, "The above application or petition has been received. Please notify us immediately if any", 10),
        (40, 204, "of the above information is incorrect. Keep this notice for your records.", 10),
    ]
    return [(x, y + top, text, size) for x, y, text, size in cells]


@needs_tesseract
def test_two_notices_stacked_on_a_standard_mode_fax_each_file_only_their_own(tmp_path: Path) -> None:
    from tests.test_notices_scan_s10 import _faxed
    from tests.test_notices_sheets_s9 import _seen

    sheet = draw_cells(
        tmp_path / "sheet.pdf",
        [
            _receipt(20, "MSC2690177788", "NWOSU, CHIAMAKA", "01/05/2026")
            + _receipt(420, "IOE0912345678", "QUISPE, HALVARD", "02/03/2026")
        ],
    )
    path = tmp_path / "fax.tif"
    _faxed(sheet, 204, 98).save(path, compression="group4", dpi=(204, 98))
    notices = parse_notice_file(path).notices
    assert [n.value("receipt_number") for n in notices] == ["MSC2690177788", "IOE0912345678"]
    owners = {"MSC2690177788": ("NWOSU", "QUISPE"), "IOE0912345678": ("QUISPE", "NWOSU")}
    for notice in notices:
        assert notice.bands, "each notice is a part of the sheet"
        seen = _seen(pages_pdf(path, "tif", notice.pages, notice.bands))
        own, other = owners[str(notice.value("receipt_number"))]
        assert own in seen and other not in seen, (notice.value("receipt_number"), seen)


def test_a_stretched_frame_keeps_its_colour_for_the_filed_copy() -> None:
    image = Image.new("RGB", (850, 550), (250, 240, 200))
    image.info["dpi"] = (100.0, 50.0)
    stretched, dpi = square_pixels(image, 100)
    assert stretched.mode == "RGB" and stretched.size == (850, 1100) and dpi == 100


def _tiff(path: Path, size: tuple[int, int], across: IFDRational, down: IFDRational) -> Path:
    tags = ImageFileDirectory_v2()
    tags[282], tags[283], tags[296] = across, down, 2
    Image.new("L", size, 255).save(path, tiffinfo=tags)
    return path


@pytest.mark.parametrize(
    ("across", "down"),
    [((204, 1), (0, 0)), ((204, 1), (1, 0)), ((1, 0), (98, 1)), ((0, 0), (0, 0)), ((204, 1), (10**9, 1))],
    ids=["down-0/0", "down-1/0", "across-1/0", "both-0/0", "down-absurd"],
)
def test_a_tiff_with_a_resolution_of_no_number_is_read_as_it_is(
    tmp_path: Path, across: tuple[int, int], down: tuple[int, int]
) -> None:
    path = _tiff(tmp_path / "scan.tif", (1700, 1100), IFDRational(*across), IFDRational(*down))
    with Image.open(path) as image:
        image.load()
        out, dpi = square_pixels(image, image_dpi(image))
        assert out.size == image.size and dpi == image_dpi(image)


@needs_tesseract
def test_a_blank_tiff_with_a_resolution_of_0_over_0_is_no_traceback(tmp_path: Path) -> None:
    path = _tiff(tmp_path / "scan.tif", (1700, 1100), IFDRational(204, 1), IFDRational(0, 0))
    notices = parse_notice_file(path).notices  # was a ValueError traceback; a blank scan goes to review
    assert all(reading.value is None for notice in notices for reading in notice.readings.values())


def test_a_stretch_to_square_pixels_never_passes_the_pixel_cap(tmp_path: Path) -> None:
    path = _tiff(tmp_path / "strip.tif", (20000, 2), IFDRational(26000, 1), IFDRational(1, 1))
    with Image.open(path) as image:
        image.load()
        out, _ = square_pixels(image, image_dpi(image))
        assert out.size == (20000, 2)


def test_grey_for_reading_a_colour_photo_works_in_little_memory() -> None:
    """A colour page made grey (its marks made light) took ~48 bytes a pixel in floats at once (a 48 MP phone
    photo: gigabytes); it is worked on a band of rows at a time, the same grey out."""
    import tracemalloc

    import numpy as np
    from PIL import ImageDraw

    from docgen.notices.ocr import grey_page

    photo = Image.new("RGB", (2000, 1500), (236, 226, 200))  # a warm-lit page
    draw = ImageDraw.Draw(photo)
    draw.rectangle((200, 300, 1200, 360), fill=(250, 240, 60))  # a highlighter's stroke
    draw.text((220, 320), "WAC2690512286", fill=(20, 20, 20))
    tracemalloc.start()
    try:
        grey = grey_page(photo)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * photo.width * photo.height, peak
    level = np.asarray(grey)
    assert level[310, 1100] > 200 and level[5, 5] > 200  # the stroke made light, the paper white
    assert level[320:340, 220:320].min() < 80  # the print stays dark


NOTICE_BOXES: list[Cell] = [
    (380, 40, "Form I-797C, Notice of Action", 10),
    (40, 70, "Receipt Number", 10),
    (200, 70, "Case Type", 10),
    (40, 82, "MSC2690177788", 10),
    (200, 82, "I-130", 10),
    (40, 106, "Received Date", 10),
    (200, 106, "Notice Date", 10),
    (40, 118, "01/05/2026", 10),
    (200, 118, "01/12/2026", 10),
    (40, 142, "Petitioner", 10),
    (40, 154, "NWOSU, CHIAMAKA", 10),
]
# The same notice with its labels beside their values ("Receipt #:" then the number in its own box to the right).
NOTICE_BESIDE: list[Cell] = [
    (380, 40, "Form I-797C, Notice of Action", 10),
    (40, 70, "Receipt #:", 10),
    (160, 70, "MSC2690177788", 10),
    (40, 88, "Received Date:", 10),
    (160, 88, "January 5, 2026", 10),
    (40, 106, "Notice Date:", 10),
    (160, 106, "January 12, 2026", 10),
    (40, 124, "Petitioner:", 10),
    (160, 124, "NWOSU, CHIAMAKA", 10),
]


@pytest.mark.parametrize("notice", [NOTICE_BOXES, NOTICE_BESIDE], ids=["value-under-label", "value-beside-label"])
@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ([], ["Thanks!"]),
        (["Hi Maria,"], ["Thanks,", "Anand"]),
        (["Good morning!"], ["Kind regards,", "Anand Shah"]),
        ([], ["Best,", "Anand Shah", "From: Anand Shah <anand@example.net>"]),
        (["Fwd: my receipt"], ["Sent from my iPhone"]),
    ],
    ids=["thanks", "hi-thanks", "morning-regards", "best-from-address", "fwd-sent-from"],
)
def test_a_note_or_mail_around_a_notice_with_its_receipt_in_a_box_never_unmakes_it(
    tmp_path: Path, notice: list[Cell], head: list[str], tail: list[str]
) -> None:
    cells: list[Cell] = [(40, 14 + 12 * n, line, 10) for n, line in enumerate(head)]
    cells += [(x, y + 12 * len(head), text, size) for x, y, text, size in notice]
    cells += [(40, 200 + 12 * len(head) + 12 * n, line, 10) for n, line in enumerate(tail)]
    (read,) = parse_notice_file(draw_cells(tmp_path / "noted.pdf", [cells])).notices
    assert read.value("receipt_number") == "MSC2690177788"


HEAD: list[Cell] = [
    (380, 40, "Form I-797C, Notice of Action", 10),
    (40, 70, "Receipt Number", 10),
    (200, 70, "Case Type", 10),
    (380, 70, "Notice Date", 10),
    (40, 82, "WAC2690512286", 10),
    (200, 82, "I-129 Petition for a Nonimmigrant Worker", 10),
    (380, 82, "01/12/2026", 10),
    (40, 106, "Received Date", 10),
    (200, 106, "Notice Type", 10),
    (40, 118, "01/05/2026", 10),
    (200, 118, "Receipt Notice", 10),
]


@pytest.mark.parametrize(
    ("party", "line"),
    [
        ("petitioner", "Petitioner INFORMATION"),
        ("petitioner", "PETITIONER INFORMATION"),
        ("beneficiary", "Beneficiary NOT APPLICABLE"),
        ("beneficiary", "Beneficiary NONE"),
        ("beneficiary", "Beneficiary: SEE ATTACHED LIST"),
        ("beneficiary", "Beneficiary: N/A"),
        ("beneficiary", "Beneficiary: Unknown"),
        ("beneficiary", "Beneficiary: (none)"),
        ("beneficiary", "Beneficiary: See attachment"),
    ],
)
def test_a_placeholder_or_heading_word_in_a_name_s_place_is_no_name(tmp_path: Path, party: str, line: str) -> None:
    cells = [*HEAD, (40, 142, line, 10)]
    (read,) = parse_notice_file(draw_cells(tmp_path / "party.pdf", [cells])).notices
    assert read.value(party) is None, read.value(party)


@pytest.mark.parametrize("name", ["NA, KIM", "INFORMATION SYSTEMS LLC", "NONE, JOHN"])
def test_a_name_that_holds_a_placeholder_word_is_still_a_name(tmp_path: Path, name: str) -> None:
    cells = [*HEAD, (40, 142, "Petitioner", 10), (40, 154, name, 10)]
    (read,) = parse_notice_file(draw_cells(tmp_path / "party.pdf", [cells])).notices
    assert read.value("petitioner") == name


@pytest.mark.parametrize(
    "sentence",
    [
        "On June 1, 2025, you filed Form I-907, Request for Premium Processing Service.",
        "On June 1, 2025, you filed a Form I-290B, Notice of Appeal or Motion.",
        "On 06/01/2025 the petitioner filed an I-290B on behalf of the beneficiary.",
        "You filed Form I-907 with U.S. Citizenship and Immigration Services on June 1, 2025.",
        "You filed a Form I-290B, Notice of Appeal or Motion, on June 1, 2025.",
        "USCIS received your Form I-907 on June 1, 2025.",
        "Your Form I-290B was properly filed on June 1, 2025, and is pending.",
        "On June 1, 2025, you filed Form G-28, Notice of Entry of Appearance as Attorney.",
    ],
)
def test_a_premium_processing_request_appeal_or_motion_filed_is_no_filing_date(tmp_path: Path, sentence: str) -> None:
    from tests.notice_cells import one_notice
    from tests.test_notice_variants import RFE_BODY, _letter

    boxes = [("Receipt Number:", ["LIN2532076731"]), ("Form:", ["I-140"])]
    notice = one_notice(_letter(tmp_path, boxes, "REQUEST FOR EVIDENCE", [sentence, *RFE_BODY]))
    assert notice.value("received_date") is None
