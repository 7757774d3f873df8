"""Fictional USCIS notices made by other programs than ours: a browser and LibreOffice.

``generate.py`` and ``variants.py`` draw with reportlab, which writes each
label and value as one string. Other programs lay text out their own way, and
the PDF's text layer follows them:

* **Chromium** (HTML printed to PDF, producer ``Skia/PDF``) places every glyph
  on its own, prints no spaces, and overlaps glyph boxes at kerning pairs
  (``AW``, ``TA``, ``Ty``) and with CSS ``letter-spacing``. The notices here use
  DejaVu and Liberation fonts with kerning on (``text-rendering:
  optimizeLegibility``), a letter-spaced banner and labels, CSS grid and flex
  boxes and an HTML table, and a batch of three receipts in one PDF.
* **LibreOffice** (``soffice --headless --convert-to pdf`` from a DOCX written
  with python-docx, characters expanded and kerned as Word's Format > Character
  > Spacing sets them): a receipt in a Word table under a letter-spaced banner,
  and a notice of intent to deny in letter form (letter-spaced letterhead and
  title, ``Label:<tab>value`` lines, justified paragraphs).

Every name, number, date and address is invented. Expected JSON is written
from the values each notice is drawn from, never from the reader. The PDFs
are committed under ``layouts/`` so tests need no browser or office suite.

    python samples/notices/producers.py            # rewrite layouts/*-chromium.* and *-libreoffice.*
    python samples/notices/producers.py --out /tmp/producers
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.notices.model import FIELDS

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Notice:
    """One notice: what it says (the expected JSON) and how it is printed."""

    name: str
    truth: dict[str, Any]
    printed: dict[str, str] = field(default_factory=dict)  # label -> value as printed
    title: str = "I-797C, Notice of Action"
    kind_line: str = "Receipt Notice"
    body: list[str] = field(default_factory=list)
    address: list[str] = field(default_factory=list)

    def expected(self, first_page: int) -> dict[str, Any]:
        entry: dict[str, Any] = {"pages": [first_page]}
        for name in FIELDS:
            entry[name] = self.truth.get(name)
        return entry


FIRM = ["KAWA MEL SANTANGELO ESQ", "WAVERLY & TAYLOR LLP", "401 AVENUE OF THE AMERICAS FL 7", "NEW YORK NY 10013"]


def notices() -> dict[str, Notice]:
    """The fictional notices, by file stem."""
    receipt = Notice(
        "receipt-i129-chromium",
        {
            "notice_type": "receipt",
            "form": "I-129",
            "receipt_number": "WAC2690071234",
            "received_date": "2026-06-01",
            "notice_date": "2026-06-04",
            "petitioner": "ORRERY ROBOTICS INC.",
            "beneficiary": "TAVARES, YVETTE AWA",
            "amount": "2805.00",
        },
        {
            "Receipt Number": "WAC2690071234",
            "Case Type": "I129 - PETITION FOR A NONIMMIGRANT WORKER",
            "Received Date": "06/01/2026",
            "Priority Date": "",
            "Notice Date": "06/04/2026",
            "Page": "1 of 1",
            "Petitioner": "ORRERY ROBOTICS INC.",
            "Beneficiary": "TAVARES, YVETTE AWA",
            "Amount received": "$2,805.00",
        },
        body=[
            "This notice confirms that USCIS received your petition. It does not grant any immigration status or "
            "benefit. We will notify you separately about any other case you may have filed.",
            "Processing time: you may check the status of this case online with the receipt number above. "
            "Keep this notice for your records.",
        ],
        address=FIRM,
    )
    approval = Notice(
        "approval-i129-chromium-table",
        {
            "notice_type": "approval",
            "form": "I-129",
            "receipt_number": "EAC2690110457",
            "received_date": "2026-03-16",
            "notice_date": "2026-07-22",
            "petitioner": "AVANTE WATERWAYS TRAVEL CORP",
            "beneficiary": "WATTANA, TYRONE KAY",
            "classification": "L1A",
            "valid_from": "2026-08-01",
            "valid_to": "2029-07-31",
        },
        {
            "Receipt Number": "EAC2690110457",
            "Case Type": "I129 - PETITION FOR A NONIMMIGRANT WORKER",
            "Received Date": "March 16, 2026",
            "Notice Date": "July 22, 2026",
            "Petitioner": "AVANTE WATERWAYS TRAVEL CORP",
            "Beneficiary": "WATTANA, TYRONE KAY",
            "Class": "L1A",
            "Valid from": "08/01/2026",
            "Valid to": "07/31/2029",
            "Page": "1 of 1",
        },
        title="I-797, Notice of Action",
        kind_line="Approval Notice",
        body=[
            "The above petition has been approved. The petition indicates that the person named above will "
            "apply for a visa abroad; this notice may be shown to the consular officer.",
            "The approval of this petition does not in itself grant any immigration status and does not "
            "guarantee that the alien beneficiary will subsequently be found eligible for a visa.",
        ],
        address=FIRM,
    )
    rfe = Notice(
        "rfe-i140-chromium-flex",
        {
            "notice_type": "rfe",
            "form": "I-140",
            "receipt_number": "LIN2690245610",
            "received_date": "2026-02-09",
            "notice_date": "2026-05-18",
            "priority_date": "2025-11-03",
            "petitioner": "YAWATA FOODS AVIATION LLC",
            "beneficiary": "AWOLOWO, TEODORA",
            "response_due": "2026-08-13",
        },
        {
            "Receipt Number": "LIN2690245610",
            "Case Type": "I140 - IMMIGRANT PETITION FOR ALIEN WORKER",
            "Received Date": "02/09/2026",
            "Priority Date": "11/03/2025",
            "Notice Date": "05/18/2026",
            "Page": "1 of 1",
            "Petitioner": "YAWATA FOODS AVIATION LLC",
            "Beneficiary": "AWOLOWO, TEODORA",
        },
        title="I-797E, Notice of Action",
        kind_line="Request for Evidence",
        body=[
            "The evidence submitted is not sufficient to establish eligibility. Submit the evidence listed "
            "below. Your response must be received in this office by August 13, 2026.",
            "1. Evidence that the petitioner has had the continuing ability to pay the proffered wage from the "
            "priority date onward, such as annual reports, federal tax returns or audited financial statements.",
        ],
        address=FIRM,
    )
    biometrics = Notice(
        "biometrics-i485-chromium",
        {
            "notice_type": "biometrics",
            "form": "I-485",
            "receipt_number": "MSC2690388821",
            "received_date": "2026-04-20",
            "notice_date": "2026-05-11",
            "applicant": "VAUGHAN-TAYLOR, AWILDA",
            "appointment": {
                "date": "2026-06-02",
                "time": "09:30",
                "location": "USCIS NEWARK ASC, 970 BROAD STREET, NEWARK NJ 07102",
            },
        },
        {
            "Receipt Number": "MSC2690388821",
            "Case Type": "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
            "Received Date": "04/20/2026",
            "Notice Date": "05/11/2026",
            "Page": "1 of 1",
            "Applicant": "VAUGHAN-TAYLOR, AWILDA",
        },
        kind_line="ASC Appointment Notice",
        body=[
            "To process your application, USCIS must take your biometrics. Please appear at the Application "
            "Support Center below at the date and time specified.",
        ],
        address=["AWILDA VAUGHAN-TAYLOR", "27 WAVERLY PLACE APT 3", "NEWARK NJ 07102"],
    )
    return {n.name: n for n in (receipt, approval, rfe, biometrics)}


def batch_receipts() -> list[Notice]:
    """Three receipts for three cases, one a page, in one PDF."""
    out = []
    for number, (receipt, form, case_type, who, date) in enumerate(
        [
            ("IOE0926112233", "I-765", "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION", "TAYLOR, AVA WREN", "06/15"),
            ("IOE0926112234", "I-131", "I131 - APPLICATION FOR TRAVEL DOCUMENT", "TAYLOR, AVA WREN", "06/15"),
            (
                "SRC2690554470",
                "I-539",
                "I539 - APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
                "WATTS, TYE",
                "06/16",
            ),
        ]
    ):
        month, day = date.split("/")
        out.append(
            Notice(
                f"batch-{number}",
                {
                    "notice_type": "receipt",
                    "form": form,
                    "receipt_number": receipt,
                    "received_date": f"2026-{month}-{int(day) - 3:02d}",
                    "notice_date": f"2026-{month}-{day}",
                    "applicant": who,
                },
                {
                    "Receipt Number": receipt,
                    "Case Type": case_type,
                    "Received Date": f"{month}/{int(day) - 3:02d}/2026",
                    "Notice Date": f"{date}/2026",
                    "Page": "1 of 1",
                    "Applicant": who,
                },
                body=["This notice confirms that USCIS received your application. Keep it for your records."],
                address=[who.split(", ")[1] + " " + who.split(", ")[0], "88 TAVERN AVENUE", "YONKERS NY 10701"],
            )
        )
    return out


# ------------------------------------------------------------------ Chromium

STYLE = """
@page { size: Letter; margin: 0.55in 0.6in; }
body { font-family: 'DejaVu Sans'; font-size: 9.5pt; color: #000;
       text-rendering: optimizeLegibility; font-kerning: normal; margin: 0; }
.banner { text-align: center; font-weight: bold; font-size: 11pt; letter-spacing: 0.3em; }
.head { display: flex; justify-content: space-between; align-items: flex-end; margin: 14px 0 10px; }
.title { font-family: 'Liberation Sans'; font-size: 15pt; font-weight: bold; }
.agency { font-size: 8pt; text-align: right; letter-spacing: 0.04em; }
.grid { display: grid; grid-template-columns: 1.25fr 1.5fr 1fr; border: 1px solid #000; }
.box { border: 0.5px solid #000; padding: 3px 6px 5px; min-height: 30px; }
.label { font-size: 6.5pt; text-transform: uppercase; letter-spacing: 0.08em; }
.value { font-family: 'Liberation Serif'; font-size: 11pt; margin-top: 2px; }
.kind { margin: 14px 0; display: flex; justify-content: space-between; }
.kind .what { font-size: 10pt; }
.addr { font-family: 'Liberation Mono'; font-size: 9.5pt; margin: 10px 0 16px 12px; }
p { text-align: justify; line-height: 1.35; margin: 0 0 8px; }
table.pairs { border-collapse: collapse; width: 100%; }
table.pairs td { border: 0.5px solid #000; padding: 4px 6px; vertical-align: top; }
table.pairs td.k { font-size: 7pt; text-transform: uppercase; letter-spacing: 0.1em; width: 17%; }
table.pairs td.v { font-family: 'Liberation Serif'; font-size: 10.5pt; width: 33%; }
.row { display: flex; gap: 10px; margin: 2px 0; }
.row .k { width: 150px; font-size: 8pt; text-transform: uppercase; letter-spacing: 0.12em; }
.row .v { font-family: 'DejaVu Serif'; font-size: 10pt; }
.appt { border: 1px solid #000; padding: 6px 10px; margin: 12px 0; width: 60%; }
.foot { margin-top: 22px; font-size: 8pt; letter-spacing: 0.02em; }
.page { page-break-after: always; }
.page:last-child { page-break-after: auto; }
"""


def _e(text: str) -> str:
    return html.escape(text)


def _head(notice: Notice) -> str:
    return (
        '<div class="banner">THE UNITED STATES OF AMERICA</div>'
        f'<div class="head"><div class="title">{_e(notice.title)}</div>'
        '<div class="agency">DEPARTMENT OF HOMELAND SECURITY<br>U.S. CITIZENSHIP AND IMMIGRATION SERVICES</div></div>'
    )


def _tail(notice: Notice) -> str:
    paragraphs = "".join(f"<p>{_e(text)}</p>" for text in notice.body)
    return (
        paragraphs + '<div class="foot">U.S. CITIZENSHIP AND IMMIGRATION SERVICES<br>'
        "Customer Service Telephone: 800-375-5283 &nbsp; www.uscis.gov</div>"
    )


def _address(notice: Notice) -> str:
    return '<div class="addr">' + "<br>".join(_e(line) for line in notice.address) + "</div>"


def grid_page(notice: Notice) -> str:
    """The modern I-797C: small letter-spaced labels above values in a CSS grid of boxes."""
    boxes = "".join(
        f'<div class="box"><div class="label">{_e(label)}</div><div class="value">{_e(value) or "&nbsp;"}</div></div>'
        for label, value in notice.printed.items()
    )
    kind = f'<div class="kind"><div class="what"><b>Notice Type:</b> {_e(notice.kind_line)}</div></div>'
    appointment = ""
    truth = notice.truth.get("appointment")
    if truth:
        appointment = (
            "<p>You are scheduled to appear for biometrics on Tuesday, June 2, 2026 at 9:30 a.m. at:</p>"
            '<div class="appt"><div class="value">USCIS NEWARK ASC<br>970 BROAD STREET<br>NEWARK NJ 07102</div></div>'
        )
    return _head(notice) + f'<div class="grid">{boxes}</div>' + kind + _address(notice) + appointment + _tail(notice)


def table_page(notice: Notice) -> str:
    """An HTML table: label cells left of value cells, two pairs a row."""
    pairs = list(notice.printed.items())
    rows = []
    for index in range(0, len(pairs), 2):
        cells = "".join(f'<td class="k">{_e(k)}</td><td class="v">{_e(v)}</td>' for k, v in pairs[index : index + 2])
        rows.append(f"<tr>{cells}</tr>")
    kind = f'<div class="kind"><div class="what"><b>Notice Type:</b> {_e(notice.kind_line)}</div></div>'
    return _head(notice) + f'<table class="pairs">{"".join(rows)}</table>' + kind + _address(notice) + _tail(notice)


def flex_page(notice: Notice) -> str:
    """Flex rows: a letter-spaced upper-case label, its value beside it."""
    rows = "".join(
        f'<div class="row"><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div></div>'
        for k, v in notice.printed.items()
    )
    kind = f'<div class="kind"><div class="what"><b>Notice Type:</b> {_e(notice.kind_line)}</div></div>'
    return _head(notice) + rows + kind + _address(notice) + _tail(notice)


def chromium_pdf(pages: list[str], out: Path, title: str) -> None:
    """Print HTML pages to one PDF with headless Chromium (Playwright)."""
    from playwright.sync_api import sync_playwright

    body = "".join(f'<div class="page">{page}</div>' for page in pages)
    head = f"<meta charset='utf-8'><title>{_e(title)}</title><style>{STYLE}</style>"
    document = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content(document)
            page.pdf(path=str(out), format="Letter", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()


# ------------------------------------------------------------------ LibreOffice


def _docx_receipt(notice: Notice, path: Path) -> None:
    """An I-797C receipt laid out in a Word table: labels above values in cells."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10)
    banner = document.add_paragraph()
    banner.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = banner.add_run("THE UNITED STATES OF AMERICA")
    run.bold = True
    _spacing(run, 40)
    title = document.add_paragraph()
    title_run = title.add_run(notice.title)
    title_run.bold, title_run.font.size = True, Pt(14)
    pairs = list(notice.printed.items())
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for index in range(0, len(pairs), 3):
        cells = table.add_row().cells
        for cell, (label, value) in zip(cells, pairs[index : index + 3], strict=False):
            label_run = cell.paragraphs[0].add_run(label.upper())
            label_run.font.size = Pt(7)
            value_run = cell.add_paragraph().add_run(value)
            value_run.font.name, value_run.font.size = "Liberation Serif", Pt(11)
    kind = document.add_paragraph()
    kind_label = kind.add_run("Notice Type: ")
    kind_label.bold = True
    _spacing(kind_label, 8)
    _spacing(kind.add_run(notice.kind_line), 0)
    for line in notice.address:
        document.add_paragraph(line).paragraph_format.space_after = Pt(0)
    for text in notice.body:
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(str(path))


def _spacing(run: Any, twentieths: int, kern: bool = True) -> None:
    """Expand a Word run's letters by ``twentieths`` of a point (Format > Character > Spacing) and kern it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = run._r.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    properties.append(spacing)
    if kern:
        kerning = OxmlElement("w:kern")
        kerning.set(qn("w:val"), "16")
        properties.append(kerning)


def _docx_letter(notice: Notice, path: Path) -> None:
    """A decision letter: a letter-spaced letterhead, ``Label:<tab>value`` lines, the title as a line, justified
    paragraphs in a kerned font."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(11)
    for number, line in enumerate(
        ["U.S. DEPARTMENT OF HOMELAND SECURITY", "U.S. Citizenship and Immigration Services", "Vermont Service Center"]
    ):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        _spacing(run, 50 if number == 0 else 0)
    document.add_paragraph()
    for label, value in notice.printed.items():
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(120))
        label_run = paragraph.add_run(f"{label}:")
        label_run.bold = True
        _spacing(label_run, 10)
        _spacing(paragraph.add_run(f"\t{value}"), 0)
    document.add_paragraph()
    for line in notice.address:
        document.add_paragraph(line).paragraph_format.space_after = Pt(0)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading_run = heading.add_run(notice.kind_line.upper())
    heading_run.bold, heading_run.font.size = True, Pt(13)
    _spacing(heading_run, 60)
    for text in notice.body:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _spacing(paragraph.add_run(text), 0)
    document.save(str(path))


def libreoffice_pdf(docx: Path, out: Path) -> None:
    """Convert a DOCX to PDF with LibreOffice, headless, in a private profile."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(Path(tmp) / (docx.stem + ".pdf"), out)


def office_notices() -> list[tuple[Notice, str]]:
    receipt = Notice(
        "receipt-i130-libreoffice",
        {
            "notice_type": "receipt",
            "form": "I-130",
            "receipt_number": "IOE0926778812",
            "received_date": "2026-09-08",
            "notice_date": "2026-09-10",
            "petitioner": "WALTERS, TAYE AVERY",
            "beneficiary": "WALTERS, KAWTAR",
            "amount": "675.00",
        },
        {
            "Receipt Number": "IOE0926778812",
            "Case Type": "I130 - PETITION FOR ALIEN RELATIVE",
            "Received Date": "09/08/2026",
            "Notice Date": "09/10/2026",
            "Page": "1 of 1",
            "Amount Received": "$675.00",
            "Petitioner": "WALTERS, TAYE AVERY",
            "Beneficiary": "WALTERS, KAWTAR",
            "Priority Date": "",
        },
        body=[
            "This notice confirms that USCIS received your petition. It does not grant any immigration status or "
            "benefit. Keep this notice for your records; you may check the status of this case online."
        ],
        address=["TAYE AVERY WALTERS", "1509 WAVERTREE LANE", "AUSTIN TX 78745"],
    )
    noid = Notice(
        "noid-i129-libreoffice",
        {
            "notice_type": "noid",
            "form": "I-129",
            "receipt_number": "EAC2690313377",
            "notice_date": "2026-10-05",
            "petitioner": "TAVA WORKS INC.",
            "beneficiary": "AWAD, YVONNE",
            "response_due": "2026-11-09",
        },
        {
            "Receipt Number": "EAC2690313377",
            "Form": "I-129, Petition for a Nonimmigrant Worker",
            "Notice Date": "October 5, 2026",
            "Petitioner": "TAVA WORKS INC.",
            "Beneficiary": "AWAD, YVONNE",
        },
        kind_line="Notice of Intent to Deny",
        body=[
            "The petitioner filed the above petition seeking to classify the beneficiary as a nonimmigrant worker. "
            "After a review of the record, USCIS intends to deny the petition for the reasons below.",
            "The record does not establish that the proffered position is a specialty occupation. You may submit "
            "evidence in rebuttal. Your response must be received by November 9, 2026. If you do not respond, "
            "the petition will be denied.",
        ],
        address=[
            "KAWA MEL SANTANGELO ESQ",
            "WAVERLY & TAYLOR LLP",
            "401 AVENUE OF THE AMERICAS FL 7",
            "NEW YORK NY 10013",
        ],
    )
    return [(receipt, "receipt"), (noid, "letter")]


# ------------------------------------------------------------------ writing


def _write_json(out: Path, stem: str, notices_in_file: list[Notice]) -> None:
    expected = {
        "file": f"{stem}.pdf",
        "notices": [notice.expected(page) for page, notice in enumerate(notices_in_file, start=1)],
        "reason": None,
    }
    (out / f"{stem}.json").write_text(json.dumps(expected, indent=2) + "\n", encoding="utf-8")


def write_all(out: Path) -> None:
    """Write every sample PDF with its expected JSON into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    drawn = notices()
    pages = {
        "receipt-i129-chromium": grid_page,
        "approval-i129-chromium-table": table_page,
        "rfe-i140-chromium-flex": flex_page,
        "biometrics-i485-chromium": grid_page,
    }
    for stem, page in pages.items():
        chromium_pdf([page(drawn[stem])], out / f"{stem}.pdf", drawn[stem].title)
        _write_json(out, stem, [drawn[stem]])
    batch = batch_receipts()
    chromium_pdf([grid_page(notice) for notice in batch], out / "batch-receipts-chromium.pdf", "Receipts")
    _write_json(out, "batch-receipts-chromium", batch)
    with tempfile.TemporaryDirectory() as tmp:
        for notice, kind in office_notices():
            docx = Path(tmp) / f"{notice.name}.docx"
            (_docx_receipt if kind == "receipt" else _docx_letter)(notice, docx)
            libreoffice_pdf(docx, out / f"{notice.name}.pdf")
            _write_json(out, notice.name, [notice])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE / "layouts", help="folder to write into (default: layouts/)")
    write_all(parser.parse_args().out)


if __name__ == "__main__":
    main()
