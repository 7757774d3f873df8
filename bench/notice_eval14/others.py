"""Set 14's papers that are not notices (they quote notices), and the imaging system's and fax's cover sheets."""

from __future__ import annotations

import html
import io
from typing import Any

from bench.notice_eval14.families import _fpdf, _rl_canvas

_E = html.escape


def tracking_sheet(rows: list[tuple[str, str, str, str]], font: str = "LiberationSansNarrow") -> bytes:
    """The office's case tracking sheet: people, forms, receipt numbers, status, next date."""
    pdf = _fpdf(font)
    pdf.set_font(font, "B", 13)
    pdf.set_xy(36, 36)
    pdf.cell(500, 16, "IPSS Case Tracking - Physicians & Researchers (internal)")
    pdf.set_font(font, "", 8.5)
    pdf.set_xy(36, 54)
    pdf.cell(500, 12, "International Physician & Scholar Services - printed for the weekly case review - do not file")
    y = 80.0
    widths = (150.0, 70.0, 110.0, 210.0)
    pdf.set_fill_color(210, 220, 235)
    for k, head in enumerate(("Person", "Form", "Receipt #", "Status / next step")):
        pdf.set_font(font, "B", 9)
        pdf.set_xy(36 + sum(widths[:k]), y)
        pdf.cell(widths[k], 16, head, border=1, fill=True)
    y += 16
    for row in rows:
        for k, value in enumerate(row):
            pdf.set_font(font, "", 8.5)
            pdf.set_xy(36 + sum(widths[:k]), y)
            pdf.cell(widths[k], 15, value, border=1)
        y += 15
    return bytes(pdf.output())


def cover_email(receipt: str, person: str, sent: str) -> str:
    """An attorney's e-mail printed from a web mail reader, quoting a receipt notice."""
    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: Letter; margin: 0.6in; }} body {{ font-family: 'Liberation Sans'; font-size: 10.5pt; }}
.h td {{ padding: 1px 8px 1px 0; vertical-align: top; }} .h td:first-child {{ color: #555; }}
hr {{ border: 0; border-top: 1px solid #999; }}
</style></head><body>
<div style="font-size:9pt;color:#666">Halverstrom Health Mail - Fwd: I-797C received</div>
<h3>Fwd: I-797C received - {_E(person)}</h3>
<table class=h><tr><td>From:</td><td>Patricia N. Quellmalz &lt;pquellmalz@margolin-vestergaard.example&gt;</td></tr>
<tr><td>Sent:</td><td>{_E(sent)}</td></tr>
<tr><td>To:</td><td>IPSS Visa Team &lt;ipss-visa@halverstrom.example&gt;</td></tr>
<tr><td>Subject:</td><td>Form I-797C, Notice of Action - receipt {_E(receipt)}</td></tr></table><hr>
<p>Dear IPSS team,</p>
<p>USCIS has issued the Form I-797C, Notice of Action (receipt notice) for Dr. {_E(person)}'s petition. The receipt
number is {_E(receipt)}. We have saved the notice to the case folder; the original follows by mail.</p>
<p>Please update the tracking sheet and remind the department that the current status remains valid while the
petition is pending. We will let you know as soon as we receive the approval notice or any request for evidence.</p>
<p>Best regards,<br>Patricia N. Quellmalz<br>Margolin Vestergaard LLP</p>
<p style="font-size:8pt;color:#666">This message may contain privileged and confidential information.</p>
</body></html>"""


def status_page(receipt: str, form: str, when: str, printed: str) -> str:
    """A case status web page printed to PDF by the browser."""
    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: Letter; margin: 0.5in; }} body {{ font-family: 'DejaVu Sans'; font-size: 10pt; }}
.top {{ background: #162e51; color: white; padding: 10px; font-size: 13pt; }}
.box {{ border: 1px solid #ccc; padding: 14px; margin-top: 16px; }}
.st {{ font-size: 16pt; font-weight: bold; color: #162e51; }}
.small {{ font-size: 8pt; color: #666; }}
</style></head><body>
<div class=small>{_E(printed)} &nbsp;&nbsp; Case Status Online</div>
<div class=top>U.S. Citizenship and Immigration Services - Case Status Online</div>
<div class=box><div class=small>Your Case Status for receipt number {_E(receipt)}</div>
<div class=st>Case Was Received</div>
<p>On {_E(when)}, we received your Form {_E(form)}, Receipt Number {_E(receipt)}, and sent you the receipt notice
that describes how we will process your case. Please follow the instructions in the notice. If you move, go to
the change of address page to give us your new mailing address.</p></div>
<p class=small>Check another case status. Enter your 13-character receipt number. Need help?</p>
</body></html>"""


def hr_letter(person: str, receipt: str, valid_to: str, when: str) -> bytes:
    """The hospital HR department's letter on a physician's status (Word)."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Carlito"
    doc.styles["Normal"].font.size = Pt(11)
    head = doc.add_paragraph()
    run = head.add_run("HALVERSTROM UNIVERSITY MEDICAL CENTER\nHuman Resources - Faculty & Physician Employment")
    run.bold = True
    doc.add_paragraph(when)
    doc.add_paragraph(f"To whom it may concern:\n\nRe: {person}")
    doc.add_paragraph(
        f"This letter confirms that {person} is employed full time as an attending physician in the Department of "
        f"Medicine. Employment is authorized under an approved H-1B petition (Form I-797 Approval Notice, receipt "
        f"{receipt}), valid through {valid_to}. HR will begin the extension six months before that date."
    )
    doc.add_paragraph("Please contact International Physician & Scholar Services with any questions.")
    doc.add_paragraph("Sincerely,\n\n\nDirector, Faculty & Physician Employment")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def imaging_cover(index: str, people: list[str], pages: int, receipts: list[str]) -> bytes:
    """The document-imaging system's index cover sheet with its bar code."""
    from reportlab.graphics.barcode import code128

    buf = io.BytesIO()
    c = _rl_canvas(buf)
    c.setFont("LiberationSans-Bold", 18)
    c.drawString(60, 720, "DOCUMENT IMAGING - INDEX COVER SHEET")
    barcode = code128.Code128(index, barHeight=48, barWidth=1.3)
    barcode.drawOn(c, 60, 640)
    c.setFont("LiberationMono", 11)
    c.drawString(60, 625, index)
    c.setFont("LiberationSans", 11)
    lines: list[tuple[str, Any]] = [
        ("Department", "International Physician & Scholar Services"),
        ("Document class", "USCIS CORRESPONDENCE - INCOMING"),
        ("Batch pages", str(pages)),
        ("Index names", "; ".join(people)),
        ("Reference", ", ".join(receipts)),
    ]
    y = 590
    for label, value in lines:
        c.drawString(60, y, f"{label}:")
        c.drawString(180, y, value)
        y -= 20
    c.setFont("LiberationSans", 9)
    c.drawString(60, 100, "Place this sheet on top of the batch. Scan at 200-300 dpi. Do not staple.")
    c.showPage()
    c.save()
    return buf.getvalue()


def fax_cover(sender: str, pages: int, when: str) -> bytes:
    """A fax cover sheet (the first page of a fax, born digital in the batch)."""
    pdf = _fpdf("LiberationSans")
    pdf.set_font("LiberationSans", "B", 26)
    pdf.set_xy(50, 60)
    pdf.cell(500, 30, "FAX")
    pdf.set_font("LiberationSans", "", 12)
    rows = (
        ("To", "Halverstrom IPSS - Visa Team"),
        ("Fax", "555-0142"),
        ("From", sender),
        ("Date", when),
        ("Pages", f"{pages} (including cover)"),
        ("Re", "USCIS notices for your files"),
    )
    for k, (label, value) in enumerate(rows):
        pdf.set_xy(50, 120 + 24 * k)
        pdf.cell(90, 20, label + ":")
        pdf.cell(400, 20, value)
    pdf.set_font("LiberationSans", "", 9)
    pdf.set_xy(50, 700)
    pdf.multi_cell(
        500,
        12,
        "CONFIDENTIAL: this facsimile is intended only for the addressee. If you received it in error, "
        "call the sender and destroy it.",
    )
    return bytes(pdf.output())
