"""Generate the fictional evidence files of the sample packets.

Every person, company, number and document here is invented, and every page
says "FICTIONAL SAMPLE". The files are small and of the kinds evidence
arrives in: a JPEG diploma scan, a multi-page TIFF transcript, an A4 PDF, PDF
pay stubs, a Word offer letter saved with a ``.pdf`` name, a PNG org chart, a
HEIC phone photo taken sideways, JPEG scans of W-2s, and copies of USCIS
notices drawn by ``samples/notices/generate.py`` (a simple I-797E is drawn
here if that generator is missing).

    .venv/bin/python samples/packets/make_evidence.py     # rewrite samples/packets/evidence/
"""

from __future__ import annotations

import importlib.util
import io
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import docx
from docx.shared import Pt
from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen import canvas

rl_config.invariant = 1  # same bytes on every run

HERE = Path(__file__).resolve().parent
OUT = HERE / "evidence"
NOTICES = HERE.parent / "notices" / "generate.py"
MARK = "FICTIONAL SAMPLE"
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))


def font(size: int, bold: bool = False, serif: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A Liberation font for drawing images (Pillow's default if it is missing)."""
    name = f"Liberation{'Serif' if serif else 'Sans'}-{'Bold' if bold else 'Regular'}.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default()


# --- PDFs ----------------------------------------------------------------------------------------


def text_pdf(pages: list[list[str]], size: tuple[float, float] = LETTER, title: str = "") -> bytes:
    """A simple text PDF: each page a list of lines (a line starting with '#' is a heading)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=size, pageCompression=1)
    pdf.setTitle(title)
    width, height = size
    for lines in pages:
        pdf.setFont("Helvetica-Bold", 8)
        pdf.drawRightString(width - 40, height - 30, MARK)
        y = height - 72
        for line in lines:
            if line.startswith("#"):
                pdf.setFont("Helvetica-Bold", 13)
                line = line.lstrip("# ")
            else:
                pdf.setFont("Helvetica", 10.5)
            for wrapped in textwrap.wrap(line, 92) or [""]:
                pdf.drawString(72, y, wrapped)
                y -= 15
            y -= 4
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pay_stub(month: str, period: str, ytd_months: int) -> bytes:
    """One monthly pay statement of the fictional employer."""
    gross = 168500 / 12
    federal, state, fica = gross * 0.22, gross * 0.08, gross * 0.0765
    net = gross - federal - state - fica
    lines = [
        "# Acme Analytics, Inc. - Earnings Statement",
        "500 Market Street, Suite 1200, San Francisco, CA 94105",
        f"Pay period: {period}        Pay date: last business day of {month}",
        "Employee: Chidera N. Okafor        Employee ID: 004217        Title: Senior Data Engineer",
        "",
        f"Gross pay (salary)                              {gross:>12,.2f}    YTD {gross * ytd_months:>12,.2f}",
        f"Federal income tax                              {federal:>12,.2f}",
        f"State income tax (CA)                           {state:>12,.2f}",
        f"Social Security and Medicare                    {fica:>12,.2f}",
        f"Net pay                                         {net:>12,.2f}",
        "",
        "Hours: 173.33 (salaried, full time, 40 hours per week). Worksite: San Francisco, CA.",
    ]
    return text_pdf([lines], title=f"Earnings statement {month}")


def evaluation_pdf() -> bytes:
    """A two-page credential evaluation on A4 paper (the packet puts it on letter pages)."""
    first = [
        "# Meridian Credential Evaluators - Evaluation of Foreign Education",
        "Reference: MCE-2026-55812        Date: 3 March 2026",
        "Name: Chidera Ngozi Okafor",
        "Credential 1: Master of Science in Computer Science, University of Lagos, Nigeria (2014)",
        "Credential 2: Bachelor of Engineering in Electrical Engineering, University of Nigeria, Nsukka (2012)",
        "",
        "# Evaluation",
        "The Master of Science awarded after two years of graduate study following a five-year "
        "Bachelor of Engineering is the equivalent of a Master of Science in Computer Science from a "
        "regionally accredited institution of higher education in the United States.",
    ]
    second = [
        "# Documents examined",
        "Degree certificate and academic transcript of the Master of Science (copies).",
        "Degree certificate of the Bachelor of Engineering (copy).",
        "",
        "This evaluation is advisory and is based on the documents named above. - Evaluator: D. Mbeki",
    ]
    return text_pdf([first, second], size=A4, title="Credential evaluation")


def expert_opinion_pdf() -> bytes:
    """A three-page expert opinion letter."""
    body = (
        "I am a professor of data engineering and have taught graduate courses in distributed data systems "
        "for eighteen years. I was asked by counsel for Acme Analytics, Inc. to give my opinion on whether "
        "the position of Senior Data Engineer described in the petition requires at least a bachelor's "
        "degree in computer science, electrical engineering or a closely related field."
    )
    return text_pdf(
        [
            ["# Opinion letter of Professor Amara Lindgren", "Northfield Institute of Technology", "", body],
            [
                "# The duties of the position",
                "Designing distributed pipelines for anonymised clinical records, building statistical "
                "forecasting models and validating them, and reviewing the code of junior engineers each "
                "call for the theoretical and practical application of a body of highly specialised knowledge.",
            ],
            [
                "# Conclusion",
                "In my opinion the duties could not be performed by a person without at least a bachelor's "
                "degree in one of those fields or its equivalent.",
                "",
                "Amara Lindgren, Professor of Data Engineering",
            ],
        ],
        title="Expert opinion",
    )


# --- images --------------------------------------------------------------------------------------


def _stamp(draw: ImageDraw.ImageDraw, width: int) -> None:
    draw.text((width - 20, 14), MARK, fill=90, anchor="ra", font=font(22, bold=True))


def diploma_jpeg() -> bytes:
    """A landscape diploma scan, grey, 150 dpi."""
    image = Image.new("L", (1650, 1275), 246)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 1610, 1235), outline=60, width=8)
    draw.rectangle((62, 62, 1588, 1213), outline=120, width=2)
    lines = [
        (250, "UNIVERSITY OF LAGOS", 64, True),
        (380, "This is to certify that", 34, False),
        (460, "CHIDERA NGOZI OKAFOR", 58, True),
        (560, "having satisfied the requirements of the University", 34, False),
        (620, "has been admitted to the degree of", 34, False),
        (720, "MASTER OF SCIENCE", 56, True),
        (800, "in Computer Science", 40, False),
        (940, "Given under the seal of the University this 12th day of July 2014", 30, False),
    ]
    for y, text, size, bold in lines:
        draw.text((825, y), text, fill=20, anchor="mm", font=font(size, bold, serif=True))
    _stamp(draw, image.width)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70, dpi=(150, 150))
    return buffer.getvalue()


def transcript_tiff() -> bytes:
    """A three-page black-and-white transcript scan (multi-page TIFF, CCITT G4, 200 dpi)."""
    courses = [
        ("CSC 801", "Advanced Algorithms", "A"),
        ("CSC 803", "Distributed Systems", "A"),
        ("CSC 805", "Statistical Learning", "B+"),
        ("CSC 807", "Database Systems", "A"),
        ("CSC 811", "Parallel Computing", "A-"),
        ("CSC 813", "Data Mining", "A"),
        ("CSC 890", "Research Project", "A"),
    ]
    pages = []
    for number in range(1, 4):
        page = Image.new("L", (1700, 2200), 255)
        draw = ImageDraw.Draw(page)
        draw.text((850, 160), "UNIVERSITY OF LAGOS - ACADEMIC TRANSCRIPT", fill=0, anchor="mm", font=font(44, True))
        draw.text(
            (850, 230),
            f"Okafor, Chidera Ngozi  -  M.Sc. Computer Science  -  page {number} of 3",
            fill=0,
            anchor="mm",
            font=font(30),
        )
        y = 360
        for code, title, grade in courses:
            draw.text((200, y), f"{code}   {title}", fill=0, font=font(34))
            draw.text((1450, y), grade, fill=0, font=font(34, True))
            y += 90
        _stamp(draw, page.width)
        pages.append(page.convert("1"))
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(200, 200))
    return buffer.getvalue()


def org_chart_png() -> bytes:
    """The data platform group's organisation chart (PNG, 150 dpi)."""
    image = Image.new("RGB", (1500, 900), "white")
    draw = ImageDraw.Draw(image)
    boxes = {
        "VP Engineering\nR. Aldana": (600, 80),
        "Director, Data Platform\nK. Whitford": (600, 300),
        "Senior Data Engineer\nC. N. Okafor": (180, 560),
        "Senior Data Engineer\nP. Dunmore": (600, 560),
        "Data Engineer (3)\nreports to C. N. Okafor": (1020, 560),
    }
    for text, (x, y) in boxes.items():
        draw.rectangle((x, y, x + 300, y + 130), outline=(30, 60, 120), width=4, fill=(232, 240, 252))
        draw.multiline_text((x + 150, y + 65), text, fill=(10, 20, 40), anchor="mm", align="center", font=font(26))
    for x in (330, 750, 1170):
        draw.line((750, 430, 750, 500, x, 500, x, 560), fill=(30, 60, 120), width=4)
    draw.line((750, 210, 750, 300), fill=(30, 60, 120), width=4)
    draw.text((40, 840), "Acme Analytics, Inc. - Data Platform group, 2026", fill=(60, 60, 60), font=font(24))
    draw.text((1480, 14), MARK, fill=(150, 30, 30), anchor="ra", font=font(22, bold=True))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True, dpi=(150, 150))
    return buffer.getvalue()


def w2_jpeg(year: int, wages: int) -> bytes:
    """A grey scan of a Form W-2 summary (landscape, 150 dpi)."""
    image = Image.new("L", (1275, 825), 240)
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 1245, 795), outline=40, width=4)
    rows = [
        f"Form W-2 Wage and Tax Statement  {year}",
        "a  Employee's SSN: XXX-XX-9876",
        "b  Employer identification number (EIN): 98-7654321",
        "c  Employer: Acme Analytics, Inc., 500 Market Street, San Francisco, CA 94105",
        "e  Employee: Chidera N. Okafor, 1824 Alder Lane Apt 3B, Oakland, CA 94610",
        f"1  Wages, tips, other compensation: {wages:,.2f}",
        f"3  Social security wages: {min(wages, 168600):,.2f}",
        f"5  Medicare wages and tips: {wages:,.2f}",
    ]
    y = 90
    for index, row in enumerate(rows):
        draw.text((70, y), row, fill=15, font=font(40 if index == 0 else 30, bold=index == 0))
        y += 85
    _stamp(draw, image.width)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=60, dpi=(150, 150))
    return buffer.getvalue()


def i94_photo_heic() -> bytes | None:
    """A phone photo (HEIC) of the I-94 printout, taken sideways: EXIF says to turn it (orientation 6)."""
    try:
        import pillow_heif
    except ImportError:
        return None
    page = Image.new("RGB", (1200, 1550), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    lines = [
        ("Most Recent I-94", 52, True),
        ("Admission (I-94) Record Number: 41234567890", 34, False),
        ("Most Recent Date of Entry: 2023 August 14", 34, False),
        ("Class of Admission: H1B", 34, False),
        ("Admit Until Date: 09/30/2026", 34, False),
        ("Last/Surname: OKAFOR", 34, False),
        ("First (Given) Name: CHIDERA NGOZI", 34, False),
        ("Port of Entry: SAN FRANCISCO, CA", 34, False),
    ]
    y = 150
    for text, size, bold in lines:
        draw.text((100, y), text, fill=(20, 20, 20), font=font(size, bold))
        y += 110 if bold else 80
    draw.text((1180, 20), MARK, fill=(150, 30, 30), anchor="ra", font=font(28, bold=True))
    sideways = page.transpose(Image.Transpose.ROTATE_90)  # the phone was held sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # display: rotate 90 degrees clockwise
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    sideways.save(buffer, "HEIF", quality=50, exif=exif.tobytes())
    return buffer.getvalue()


# --- Word ----------------------------------------------------------------------------------------


def word(paragraphs: list[str], heading: str) -> bytes:
    """A DOCX with a heading and paragraphs."""
    document = docx.Document()
    document.core_properties.author = "docgen sample"
    document.add_paragraph(MARK).runs[0].font.size = Pt(8)
    document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def offer_letter_docx() -> bytes:
    """The offer letter, a Word file (saved by the sample as offer-letter.pdf, a wrong extension)."""
    return word(
        [
            "Dear Ms. Okafor,",
            "Acme Analytics, Inc. is pleased to confirm its offer of continued employment as Senior Data "
            "Engineer in its Data Platform group in San Francisco, California, for the period of "
            "October 1, 2026 to September 30, 2029, at an annual salary of $168,500.00, full time, 40 hours "
            "per week.",
            "Your duties are set out in the enclosed position description. This offer is subject to the "
            "approval of the H-1B petition filed on your behalf.",
            "Sincerely,",
            "Thomas Brennan, Vice President, People Operations",
        ],
        "Offer of employment",
    )


def cv_docx() -> bytes:
    """The expert's curriculum vitae (a real DOCX)."""
    return word(
        [
            "Professor of Data Engineering, Northfield Institute of Technology (2008 to date).",
            "Ph.D. in Computer Science (2006); M.S. in Statistics (2002).",
            "Selected publications: eleven peer-reviewed articles on distributed data processing.",
            "Courses taught: Distributed Data Systems; Statistical Computing; Data Engineering Practice.",
        ],
        "Amara Lindgren - Curriculum vitae",
    )


# --- notices -------------------------------------------------------------------------------------


def _notices_module() -> ModuleType | None:
    if not NOTICES.is_file():
        return None
    spec = importlib.util.spec_from_file_location("docgen_sample_notices", NOTICES)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def rfe_notice_pdf() -> bytes:
    """The I-797E the sample RFE response answers (receipt and dates as in samples/letters/h1b-okafor.yaml)."""
    notices = _notices_module()
    if notices is None:
        return text_pdf(
            [
                [
                    "# THE UNITED STATES OF AMERICA - I-797E, Notice of Action",
                    "Receipt Number: WAC2612050321    Case Type: I129 - PETITION FOR A NONIMMIGRANT WORKER",
                    "Notice Date: 06/02/2026    Petitioner: ACME ANALYTICS INC    Beneficiary: OKAFOR, CHIDERA NGOZI",
                    "Notice Type: Request for Evidence    Class: H1B",
                    "The evidence requested must be received in this office by 08/27/2026.",
                ]
            ],
            title="Notice of Action",
        )
    spec = notices.Spec(
        name="rfe-acme",
        notice_type="rfe",
        form="I-129",
        receipt_number="WAC2612050321",
        received_date="2026-04-14",
        notice_date="2026-06-02",
        petitioner=notices.ACME,
        beneficiary=notices.OKAFOR,
        classification="H1B",
        response_due="2026-08-27",
        addressee=notices.ATTORNEY,
        pages=2,
    )
    return bytes(notices.notices_pdf([spec]))


def prior_approval_pdf() -> bytes | None:
    """The 2023 approval notice of the current H-1B (receipt WAC2390123456, as in the sample case)."""
    notices = _notices_module()
    if notices is None:
        return None
    return bytes(notices.notices_pdf([notices.bundled_specs()["approval-2023"]]))


def lca_pdf() -> bytes:
    """A summary of the certified Labor Condition Application (the case's job.lca_number and dates)."""
    return text_pdf(
        [
            [
                "# Labor Condition Application for Nonimmigrant Workers (Form ETA-9035), certified",
                "Case number: I-200-26054-123456        Case status: Certified        Certified: 03/02/2026",
                "Visa classification: H-1B        Period of employment: 10/01/2026 to 09/30/2029",
                "Employer: Acme Analytics, Inc., 500 Market Street, Suite 1200, San Francisco, CA 94105 "
                "(FEIN 98-7654321)",
                "Job title: Senior Data Engineer        SOC: 15-1252 Software Developers        Full time: yes",
                "Worksite 1 of 1: 500 Market Street, Suite 1200, San Francisco, San Francisco County, CA 94105",
                "Wage rate: $168,500.00 per year        Prevailing wage: $151,320.00 per year (Level III, OFLC)",
                "Summary of the certified application drawn for the sample packets; the real LCA is the DOL's "
                "certified Form ETA-9035 with its signature page.",
            ]
        ],
        title="Labor Condition Application I-200-26054-123456",
    )


def marriage_certificate_pdf() -> bytes:
    """The marriage certificate of the H-4 spouse and the principal."""
    return text_pdf(
        [
            [
                "# Federal Republic of Nigeria - Certificate of Marriage (certified copy)",
                "Marriage registry: Enugu North Local Government Area, Enugu State",
                "Date of marriage: 14 April 2017        Certificate number: EN/2017/00418",
                "Husband: Emeka Tobenna Eze, born 2 November 1988 at Onitsha",
                "Wife: Chidera Ngozi Okafor, born 17 April 1990 at Enugu",
                "Remarks: the husband took the surname Okafor by deed poll of 2 March 2018.",
            ]
        ],
        title="Certificate of marriage",
    )


def spouse_i94_pdf() -> bytes:
    """The H-4 spouse's most recent I-94 record, as printed from the CBP website."""
    return text_pdf(
        [
            [
                "# Most Recent I-94 (printout)",
                "Admission I-94 record number: 41234567891",
                "Most recent date of entry: 2023 August 14        Class of admission: H4",
                "Admit until date: 09/30/2026",
                "Last/Surname: OKAFOR        First (Given) Name: EMEKA TOBENNA",
                "Birth date: 1988 November 02        Document number: B12345678        Country of citizenship: Nigeria",
            ]
        ],
        title="I-94 record of Emeka Okafor",
    )


# --- all -----------------------------------------------------------------------------------------


def files() -> dict[str, bytes | None]:
    """Every evidence file by its path under evidence/."""
    return {
        "diploma-msc.jpg": diploma_jpeg(),
        "transcript-msc.tif": transcript_tiff(),
        "credential-evaluation.pdf": evaluation_pdf(),
        "offer-letter.pdf": offer_letter_docx(),  # a Word file with a PDF name, on purpose
        "org-chart.png": org_chart_png(),
        "i94-record-photo.heic": i94_photo_heic(),
        "paystubs/2026-07.pdf": pay_stub("July 2026", "07/01/2026 - 07/31/2026", 7),
        "paystubs/2026-08.pdf": pay_stub("August 2026", "08/01/2026 - 08/31/2026", 8),
        "paystubs/2026-09.pdf": pay_stub("September 2026", "09/01/2026 - 09/30/2026", 9),
        "w2/w2-2023.jpg": w2_jpeg(2023, 38125),
        "w2/w2-2024.jpg": w2_jpeg(2024, 158000),
        "w2/w2-2025.jpg": w2_jpeg(2025, 163200),
        "expert-opinion.pdf": expert_opinion_pdf(),
        "lindgren-cv.docx": cv_docx(),
        "ooh-software-developers.pdf": text_pdf(
            [
                [
                    "# Occupational Outlook Handbook: Software Developers (excerpt, paraphrased)",
                    "How to become one: software developers typically need a bachelor's degree in computer "
                    "and information technology or a related field, such as engineering or mathematics.",
                    "What they do: design computer applications and data systems, analyse users' needs, "
                    "and direct the work of programmers.",
                ]
            ],
            title="OOH excerpt",
        ),
        "vacancies/2024-data-engineer.pdf": text_pdf(
            [
                [
                    "# Vacancy: Data Engineer (2024)",
                    "Requirements: bachelor's degree in computer science or a related field.",
                ]
            ]
        ),
        "vacancies/2025-senior-data-engineer.pdf": text_pdf(
            [
                [
                    "# Vacancy: Senior Data Engineer (2025)",
                    "Requirements: master's degree in computer science, "
                    "electrical engineering or a closely related field.",
                ]
            ]
        ),
        "vacancies/2026-staff-data-engineer.pdf": text_pdf(
            [
                [
                    "# Vacancy: Staff Data Engineer (2026)",
                    "Requirements: master's degree in computer science or a "
                    "related field and five years of experience.",
                ]
            ]
        ),
        "lca-certified.pdf": lca_pdf(),
        "h4/marriage-certificate.pdf": marriage_certificate_pdf(),
        "h4/i94-emeka-okafor.pdf": spouse_i94_pdf(),
        "notices/i-797e-rfe.pdf": rfe_notice_pdf(),
        "notices/i-797b-approval-2023.pdf": prior_approval_pdf(),
    }


def main() -> None:
    """Write the evidence files (owner-readable; they are fictional, but packets are private by habit)."""
    total = 0
    for name, data in files().items():
        if data is None:
            print(f"skipped {name} (its generator is not available here)")
            continue
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        total += len(data)
        print(f"{target.relative_to(HERE)}: {len(data):,} bytes")
    print(f"{total:,} bytes in all")


if __name__ == "__main__":
    main()
