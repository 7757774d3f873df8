"""Write fictional LCA-like PDFs (a look-alike of a certified Form ETA-9035E printout) for the samples and tests.

    .venv/bin/python samples/paf/make_lca.py [FOLDER]   # samples/paf/lca-okafor.pdf and notice-okafor.pdf

Everything printed is invented: the employer, case number and wages come from
the fictional sample case. ``scan=True`` draws the page as an image, so the PDF
has no text layer (like a scanned signed printout).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent


@dataclass
class LcaSheet:
    """What the look-alike printout shows."""

    case_number: str
    employer: str
    fein: str
    job_title: str
    soc: str
    wage: str
    prevailing_wage: str
    worksite: str
    submitted: dt.date
    certified: dt.date
    begin: dt.date
    end: dt.date

    def lines(self) -> list[str]:
        """The printout's text, line by line."""

        def us(day: dt.date) -> str:
            return day.strftime("%m/%d/%Y")

        return [
            "U.S. Department of Labor - Employment and Training Administration",
            "Labor Condition Application for Nonimmigrant Workers",
            "Form ETA-9035 & 9035E (look-alike for tests; fictional data)",
            "",
            f"Case Number: {self.case_number}",
            "Case Status: Certified",
            f"Date Submitted: {us(self.submitted)}",
            f"Determination Date: {us(self.certified)}",
            "Visa Classification: H-1B",
            "",
            "B. Temporary Need Information",
            f"  Job Title: {self.job_title}",
            f"  SOC (ONET/OES) Code: {self.soc}",
            "  Full-time Position: Yes",
            f"  Begin Date: {us(self.begin)}",
            f"  End Date: {us(self.end)}",
            "  Total Worker Positions: 1",
            "",
            "C. Employer Information",
            f"  Legal Business Name: {self.employer}",
            f"  Federal Employer Identification Number: {self.fein}",
            "",
            "F. Employment and Wage Information",
            f"  Place of Employment: {self.worksite}",
            f"  Wage Rate Paid to Nonimmigrant Workers: {self.wage}",
            f"  Prevailing Wage: {self.prevailing_wage}",
            "",
            "H. Notice: the employer attests that notice of this filing was provided",
            "  for 10 business days in two conspicuous locations or electronically.",
            "",
            "Signature of employer: ______________________     Date: ____________",
        ]


def _text_pdf(sheet: LcaSheet) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setTitle("LCA look-alike (fictional)")
    y = 740.0
    for line in sheet.lines():
        pdf.setFont("Helvetica-Bold" if line and not line.startswith(" ") else "Helvetica", 10)
        pdf.drawString(60, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _scan_pdf(sheet: LcaSheet) -> bytes:
    image = Image.new("L", (1275, 1650), 255)  # letter at 150 dpi
    draw = ImageDraw.Draw(image)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype("DejaVuSans.ttf", 20)
    except OSError:
        font = ImageFont.load_default()
    y = 90
    for line in sheet.lines():
        draw.text((120, y), line, fill=0, font=font)
        y += 33
    png = io.BytesIO()
    image.save(png, format="PNG")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, width=letter[0], height=letter[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def notice_pdf(sheet: LcaSheet, locations: list[str]) -> bytes:
    """A look-alike of the notice an employer posts: the filing of the LCA and where it can be seen."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    pdf.setTitle("Notice of filing of a labor condition application (fictional)")
    lines = [
        "NOTICE OF FILING OF A LABOR CONDITION APPLICATION (fictional sample)",
        "",
        f"{sheet.employer} has filed a labor condition application (case {sheet.case_number})",
        f"with the U.S. Department of Labor for 1 H-1B worker as {sheet.job_title},",
        f"at {sheet.wage}, to work at {sheet.worksite},",
        f"from {sheet.begin.strftime('%m/%d/%Y')} to {sheet.end.strftime('%m/%d/%Y')}.",
        "",
        "The application is available for public inspection at the employer's office.",
        "Complaints alleging misrepresentation of material facts in the application or failure",
        "to comply with its terms may be filed with any office of the Wage and Hour Division.",
        "",
        "Posted at:",
        *(f"  - {place}" for place in locations),
    ]
    y = 720.0
    for line in lines:
        pdf.setFont("Helvetica-Bold" if line.startswith("NOTICE") else "Helvetica", 10.5)
        pdf.drawString(60, y, line)
        y -= 17
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


OKAFOR_POSTINGS = [
    "Kitchen notice board, 12th floor, 500 Market Street",
    "Elevator lobby notice board, 12th floor, 500 Market Street",
]


def lca_pdf(sheet: LcaSheet, *, scan: bool = False) -> bytes:
    """The PDF bytes of a look-alike LCA printout."""
    return _scan_pdf(sheet) if scan else _text_pdf(sheet)


def okafor_sheet() -> LcaSheet:
    """The LCA of the sample case samples/cases/h1b-okafor.yaml."""
    return LcaSheet(
        case_number="I-200-26054-123456",
        employer="Acme Analytics, Inc.",
        fein="98-7654321",
        job_title="Senior Data Engineer",
        soc="15-1252 Software Developers",
        wage="$168,500.00 per year",
        prevailing_wage="$151,320.00 per year (Level III; OFLC Online Wage Library)",
        worksite="500 Market Street, Suite 1200, San Francisco, CA 94105",
        submitted=dt.date(2026, 2, 23),
        certified=dt.date(2026, 3, 2),
        begin=dt.date(2026, 10, 1),
        end=dt.date(2029, 9, 30),
    )


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    for name, data in (
        ("lca-okafor.pdf", lca_pdf(okafor_sheet())),
        ("notice-okafor.pdf", notice_pdf(okafor_sheet(), OKAFOR_POSTINGS)),
    ):
        (folder / name).write_bytes(data)
        print(f"wrote {folder / name}")


if __name__ == "__main__":
    main(sys.argv)
