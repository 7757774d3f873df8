"""Set 14's seven layout families, each drawn by its producer: reportlab, fpdf2, HTML (chromium), Word (LibreOffice)."""

from __future__ import annotations

import html
import io
from typing import Any

from bench.notice_eval14.compose import Sheet, wrap

FONT_DIR = "/usr/share/fonts/truetype"
FONTS = {
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "LiberationSansNarrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "LiberationMono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVuSansMono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    "Caladea": ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf"),
}
FAMILY_FONTS = {
    "slate": ("LiberationSans", "DejaVuSans", "Carlito"),
    "ribbon": ("LiberationSerif", "DejaVuSerif", "Caladea"),
    "carbon": ("LiberationMono", "DejaVuSansMono"),
    "ticket": ("LiberationSansNarrow", "DejaVuSansCondensed"),
    "portal": ("Liberation Sans", "DejaVu Sans", "Carlito"),
    "asc": ("Liberation Serif", "DejaVu Sans Condensed", "Liberation Sans"),
    "memo": ("Liberation Serif", "Caladea", "Carlito"),
}
PRODUCER = {
    "slate": "reportlab",
    "ribbon": "reportlab",
    "carbon": "fpdf2",
    "ticket": "fpdf2",
    "portal": "chromium",
    "asc": "chromium",
    "memo": "libreoffice",
}

W, H = 612.0, 792.0


def _rl_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, (regular, bold) in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, f"{FONT_DIR}/{regular}"))
            pdfmetrics.registerFont(TTFont(name + "-Bold", f"{FONT_DIR}/{bold}"))


def _rl_canvas(buffer: io.BytesIO) -> Any:
    from reportlab.pdfgen import canvas

    _rl_fonts()
    return canvas.Canvas(buffer, pagesize=(W, H), invariant=1, pageCompression=1)


def _rl_para(c: Any, text: str, x: float, y: float, width: float, font: str, size: float, lead: float) -> float:
    from reportlab.lib.utils import simpleSplit

    for line in simpleSplit(text, font, size, width):
        c.setFont(font, size)
        c.drawString(x, y, line)
        y -= lead
    return y


def _rl_lines(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return list(simpleSplit(text, font, size, width))


# ---------------------------------------------------------------------------------------------
# slate: a modern grid of ruled boxes, small capital labels at the top of each box, values under them.


def slate(sheet: Sheet) -> bytes:
    buf = io.BytesIO()
    c = _rl_canvas(buf)
    f, fb = sheet.font, sheet.font + "-Bold"
    c.setFont(fb, 13)
    c.drawCentredString(W / 2, H - 50, sheet.banner)
    c.setFont(f, 10.5)
    c.drawString(36, H - 72, sheet.title)
    c.setFont(f, 8)
    c.drawRightString(W - 36, H - 72, sheet.subtitle)
    if sheet.corrected:
        c.setFont(fb, 10)
        c.drawRightString(W - 36, H - 36, "CORRECTED NOTICE")
    y = H - 84
    col = (W - 72) / 3
    c.setLineWidth(0.6)
    for i, (label, value) in enumerate(sheet.grid):
        x = 36 + (i % 3) * col
        if i % 3 == 0 and i:
            y -= 32
        c.rect(x, y - 32, col, 32)
        c.setFont(f, 6.5)
        c.drawString(x + 4, y - 9, label)
        size = 9.5
        while c.stringWidth(value, f, size) > col - 8 and size > 7:
            size -= 0.25
        c.setFont(f, size)
        if c.stringWidth(value, f, size) > col - 8:
            for k, part in enumerate(_rl_lines(value, f, size, col - 8)):
                c.drawString(x + 4, y - 18 - 8 * k, part)
        else:
            c.drawString(x + 4, y - 24, value)
    y -= 40
    half = (W - 72) / 2
    top = y
    lowest = y
    for i, (label, lines) in enumerate(sheet.parties[:2] if len(sheet.parties) > 1 else sheet.parties):
        x = 36 + i * half
        height = 16 + 12 * len(lines)
        c.rect(x, top - height, half if len(sheet.parties) > 1 else W - 72, height)
        c.setFont(f, 6.5)
        c.drawString(x + 4, top - 9, label)
        c.setFont(f, 9.5)
        for k, line in enumerate(lines):
            c.drawString(x + 4, top - 21 - 12 * k, line)
        lowest = min(lowest, top - height)
    y = lowest - 18
    for label, value in sheet.lines:
        c.setFont(fb, 9)
        c.drawString(36, y, label)
        c.setFont(f, 9.5)
        c.drawString(36 + c.stringWidth(label, fb, 9) + 8, y, value)
        y -= 14
    if sheet.appointment:
        y -= 4
        c.setFont(fb, 9)
        c.drawString(36, y, "PLEASE APPEAR AT THE APPLICATION SUPPORT CENTER BELOW:")
        y -= 14
        c.setFont(f, 9.5)
        for label, lines in sheet.appointment:
            c.drawString(36, y, f"{label.upper()}:")
            for k, line in enumerate(lines):
                c.drawString(110, y - 12 * k, line)
            y -= 12 * len(lines) + 2
    y -= 8
    for para in sheet.body + sheet.sentences:
        y = _rl_para(c, para, 36, y, W - 72, f, 8.5, 11) - 5
    ay = min(y - 10, 250)
    c.setFont(f, 9)
    for k, line in enumerate(sheet.addressee):
        c.drawString(50, ay - 11 * k, line)
    if sheet.i94_part:
        c.setDash(3, 3)
        c.line(36, 150, W - 36, 150)
        c.setDash()
        c.setFont(f, 7)
        c.drawString(36, 140, "DETACH HERE - DEPARTURE RECORD")
        for i, (label, value) in enumerate(sheet.i94_part):
            x = 36 + i * (W - 72) / 4
            c.rect(x, 100, (W - 72) / 4, 30)
            c.setFont(f, 6.5)
            c.drawString(x + 4, 121, label)
            c.setFont(f, 9.5)
            c.drawString(x + 4, 106, value)
    c.setFont(f, 7.5)
    for k, line in enumerate(sheet.office):
        c.drawString(36, 80 - 9 * k, line)
    c.drawRightString(W - 36, 44, "Form I-797C 04/01/24")
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# ribbon: values printed above a hairline with their caption under it, in two columns, serif.


def ribbon(sheet: Sheet) -> bytes:
    buf = io.BytesIO()
    c = _rl_canvas(buf)
    f, fb = sheet.font, sheet.font + "-Bold"
    c.setFillGray(0.85)
    c.rect(0, H - 60, W, 60, stroke=0, fill=1)
    c.setFillGray(0)
    c.circle(60, H - 30, 20)
    c.setFont(f, 6)
    c.drawCentredString(60, H - 32, "USCIS")
    c.setFont(fb, 12)
    c.drawString(95, H - 28, sheet.subtitle)
    c.setFont(f, 10)
    c.drawString(95, H - 44, sheet.banner)
    c.setFont(fb, 11)
    c.drawRightString(W - 40, H - 28, sheet.title)
    if sheet.corrected:
        c.setFont(fb, 9)
        c.drawRightString(W - 40, H - 44, "Corrected notice - replaces the notice previously issued")
    y = H - 100
    items = sheet.grid + [(label, value) for label, value in sheet.lines]
    colw = (W - 80) / 2
    for i, (label, value) in enumerate(items):
        x = 40 + (i % 2) * colw
        if i % 2 == 0 and i:
            y -= 36
        c.setFont(fb, 10.5 if len(value) < 40 else 8)
        c.drawString(x, y, value)
        c.setLineWidth(0.4)
        c.line(x, y - 4, x + colw - 14, y - 4)
        c.setFont(f, 7)
        c.drawString(x, y - 13, label)
    y -= 44
    for label, lines in sheet.parties:
        c.setFont(fb, 10.5)
        for k, line in enumerate(lines):
            c.drawString(40, y - 13 * k, line)
        y -= 13 * (len(lines) - 1)
        c.line(40, y - 4, W - 40, y - 4)
        c.setFont(f, 7)
        c.drawString(40, y - 13, label)
        y -= 34
    if sheet.appointment:
        for label, lines in sheet.appointment:
            c.setFont(fb, 10.5)
            for k, line in enumerate(lines):
                c.drawString(40, y - 13 * k, line)
            y -= 13 * (len(lines) - 1)
            c.line(40, y - 4, 330, y - 4)
            c.setFont(f, 7)
            c.drawString(40, y - 13, f"Appointment {label.lower()}")
            y -= 32
    y -= 4
    for para in sheet.body + sheet.sentences:
        y = _rl_para(c, para, 40, y, W - 80, f, 9, 11.5) - 6
    c.setFont(f, 9)
    ay = min(y - 14, 230)
    c.drawString(40, ay + 12, "Mailed to:")
    for k, line in enumerate(sheet.addressee):
        c.drawString(100, ay + 12 - 11 * k, line)
    if sheet.i94_part:
        c.setLineWidth(1)
        c.rect(40, 92, W - 80, 52)
        for i, (label, value) in enumerate(sheet.i94_part):
            x = 50 + i * (W - 100) / 4
            c.setFont(fb, 10)
            c.drawString(x, 120, value)
            c.setFont(f, 7)
            c.drawString(x, 106, label)
    c.setFont(f, 7.5)
    c.drawString(40, 70, "  ".join(sheet.office))
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# carbon: an older fixed-pitch notice, labels and values on padded lines, two pairs a line.


def _fpdf(font: str) -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_creation_date(__import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").timezone.utc))
    regular, bold = FONTS[font]
    pdf.add_font(font, "", f"{FONT_DIR}/{regular}")
    pdf.add_font(font, "B", f"{FONT_DIR}/{bold}")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    return pdf


def carbon(sheet: Sheet) -> bytes:
    pdf = _fpdf(sheet.font)
    f = sheet.font
    pdf.set_font(f, "B", 11)
    pdf.set_xy(0, 40)
    pdf.cell(W, 14, "U.S. DEPARTMENT OF HOMELAND SECURITY", align="C")
    pdf.set_xy(0, 54)
    pdf.set_font(f, "", 10)
    pdf.cell(W, 14, sheet.subtitle.upper(), align="C")
    pdf.set_xy(0, 70)
    pdf.cell(W, 14, sheet.title, align="C")
    if sheet.corrected:
        pdf.set_xy(400, 24)
        pdf.cell(170, 12, "** CORRECTED **")
    pdf.set_font(f, "", 9.5)
    y = 104.0
    pairs = list(sheet.grid)
    for i in range(0, len(pairs), 2):
        for j, (label, value) in enumerate(pairs[i : i + 2]):
            x = 40 + j * 280
            pdf.set_xy(x, y)
            pdf.cell(96, 12, label)
            for k, part in enumerate(wrap(value, 28)):
                pdf.set_xy(x + 96, y + 11 * k)
                pdf.cell(180, 12, part)
        y += 24
    y += 6
    for label, lines in sheet.parties:
        pdf.set_xy(40, y)
        pdf.cell(96, 12, label)
        for k, line in enumerate(lines):
            pdf.set_xy(136, y + 12 * k)
            pdf.cell(420, 12, line)
        y += 12 * len(lines) + 6
    for label, value in sheet.lines:
        pdf.set_xy(40, y)
        pdf.cell(96, 12, label)
        pdf.set_xy(136, y)
        pdf.cell(420, 12, value)
        y += 14
    if sheet.appointment:
        y += 4
        pdf.set_xy(40, y)
        pdf.cell(400, 12, "APPLICATION SUPPORT CENTER - PLEASE APPEAR AT:")
        y += 14
        for label, lines in sheet.appointment:
            pdf.set_xy(40, y)
            pdf.cell(96, 12, label.upper())
            for k, line in enumerate(lines):
                pdf.set_xy(136, y + 12 * k)
                pdf.cell(400, 12, line)
            y += 12 * len(lines) + 2
    y += 10
    pdf.set_font(f, "", 8.5)
    for para in sheet.body + sheet.sentences:
        pdf.set_xy(40, y)
        pdf.multi_cell(W - 80, 10.5, para)
        y = pdf.get_y() + 6
    pdf.set_font(f, "", 9)
    ay = max(y + 8, 560.0) if not sheet.i94_part else max(y + 8, 520.0)
    for k, line in enumerate(sheet.addressee):
        pdf.set_xy(60, ay + 11 * k)
        pdf.cell(300, 11, line)
    if sheet.i94_part:
        pdf.set_xy(40, 640)
        pdf.cell(500, 10, "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -")
        for i, (label, value) in enumerate(sheet.i94_part):
            pdf.set_xy(40 + (i % 2) * 270, 660 + (i // 2) * 16)
            pdf.cell(260, 12, f"{label}  {value}")
    pdf.set_font(f, "", 8)
    for k, line in enumerate(sheet.office):
        pdf.set_xy(40, 716 + 9 * k)
        pdf.cell(400, 9, line)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# ticket: a ruled table, shaded label cells left of value cells, two pairs a row, condensed type.


def ticket(sheet: Sheet) -> bytes:
    pdf = _fpdf(sheet.font)
    f = sheet.font
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(36, 30, W - 72, 26, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(f, "B", 12)
    pdf.set_xy(44, 36)
    pdf.cell(300, 14, sheet.title)
    pdf.set_font(f, "", 8.5)
    pdf.set_xy(W - 300, 36)
    pdf.cell(256, 14, sheet.banner, align="R")
    pdf.set_text_color(0, 0, 0)
    y = 70.0
    if sheet.corrected:
        pdf.set_font(f, "B", 9)
        pdf.set_xy(36, 60)
        pdf.cell(300, 10, "Corrected notice (replaces the earlier notice)")
        y = 76.0
    rows = list(sheet.grid) + list(sheet.lines)
    lw, vw = 80.0, (W - 72) / 2 - 80.0
    pdf.set_fill_color(225, 225, 225)
    pdf.set_line_width(0.5)
    for i in range(0, len(rows), 2):
        for j, (label, value) in enumerate(rows[i : i + 2]):
            x = 36 + j * (lw + vw)
            pdf.set_font(f, "B", 8)
            pdf.set_xy(x, y)
            pdf.cell(lw, 18, label, border=1, fill=True)
            pdf.set_font(f, "", 9 if pdf.get_string_width(value) < vw - 10 else 7)
            pdf.set_xy(x + lw, y)
            pdf.cell(vw, 18, value, border=1)
        y += 18
    for label, lines in sheet.parties:
        height = 6 + 11 * len(lines)
        pdf.set_font(f, "B", 8)
        pdf.set_xy(36, y)
        pdf.cell(lw, height, label, border=1, fill=True)
        pdf.rect(36 + lw, y, W - 72 - lw, height)
        pdf.set_font(f, "", 9)
        for k, line in enumerate(lines):
            pdf.set_xy(40 + lw, y + 3 + 11 * k)
            pdf.cell(W - 80 - lw, 11, line)
        y += height
    if sheet.appointment:
        for label, lines in sheet.appointment:
            height = 6 + 11 * len(lines)
            pdf.set_font(f, "B", 8)
            pdf.set_xy(36, y)
            pdf.cell(lw, height, f"Appointment {label.lower()}", border=1, fill=True)
            pdf.rect(36 + lw, y, W - 72 - lw, height)
            pdf.set_font(f, "", 9)
            for k, line in enumerate(lines):
                pdf.set_xy(40 + lw, y + 3 + 11 * k)
                pdf.cell(W - 80 - lw, 11, line)
            y += height
    y += 14
    pdf.set_font(f, "", 9)
    for para in sheet.body + sheet.sentences:
        pdf.set_xy(36, y)
        pdf.multi_cell(W - 72, 11, para)
        y = pdf.get_y() + 6
    if sheet.i94_part:
        y += 6
        for i, (label, value) in enumerate(sheet.i94_part):
            x = 36 + (i % 2) * (lw + vw)
            pdf.set_font(f, "B", 8)
            pdf.set_xy(x, y + (i // 2) * 18)
            pdf.cell(lw, 18, label, border=1, fill=True)
            pdf.set_font(f, "", 9)
            pdf.set_xy(x + lw, y + (i // 2) * 18)
            pdf.cell(vw, 18, value, border=1)
        y += 44
    pdf.set_font(f, "", 8.5)
    ay = max(y + 12, 600.0)
    for k, line in enumerate(sheet.addressee):
        pdf.set_xy(36, ay + 10 * k)
        pdf.cell(300, 10, line)
    for k, line in enumerate(sheet.office):
        pdf.set_xy(330, ay + 10 * k)
        pdf.cell(246, 10, line, align="R")
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# portal: a notice as an online account shows and prints it (HTML, printed by chromium).

_E = html.escape


def portal(sheet: Sheet, downloaded: str) -> str:
    rows = "".join(f"<dt>{_E(label)}</dt><dd>{_E(value)}</dd>" for label, value in sheet.grid[:-1] + sheet.lines)
    parties = "".join(
        f"<dt>{_E(label)}</dt><dd>{'<br>'.join(_E(line) for line in lines)}</dd>" for label, lines in sheet.parties
    )
    appt = ""
    if sheet.appointment:
        appt = (
            "<h3>Appointment</h3><dl>"
            + "".join(
                f"<dt>{_E(label)}</dt><dd>{'<br>'.join(_E(line) for line in lines)}</dd>"
                for label, lines in sheet.appointment
            )
            + "</dl>"
        )
    i94 = ""
    if sheet.i94_part:
        i94 = (
            "<div class=i94><b>Arrival/Departure record</b><dl>"
            + "".join(f"<dt>{_E(label)}</dt><dd>{_E(value)}</dd>" for label, value in sheet.i94_part)
            + "</dl></div>"
        )
    body = "".join(f"<p>{_E(p)}</p>" for p in sheet.body + sheet.sentences)
    page2 = ""
    if sheet.page2:
        page2 = (
            f"<div class=p2><div class=top>{_E(sheet.grid[0][0])}: {_E(sheet.grid[0][1])} &nbsp; Page 2 of 2</div>"
            + "".join(f"<p>{_E(p)}</p>" for p in sheet.page2)
            + "</div>"
        )
    corrected = "<div class=corr>Corrected notice</div>" if sheet.corrected else ""
    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: Letter; margin: 0.5in 0.55in; }}
body {{ font-family: '{sheet.font}'; font-size: 10pt; color: #111; }}
.bar {{ border-bottom: 3px solid #1a4480; padding-bottom: 6px; display: flex; justify-content: space-between; }}
.bar b {{ font-size: 13pt; color: #1a4480; }} .dl {{ font-size: 8pt; color: #555; }}
h2 {{ font-size: 14pt; margin: 14px 0 4px; }} h3 {{ font-size: 11pt; margin: 10px 0 4px; }}
dl {{ display: grid; grid-template-columns: 150px 1fr; gap: 3px 12px; margin: 4px 0; }}
dt {{ color: #555; }} dd {{ margin: 0; font-weight: 600; }}
.card {{ border: 1px solid #bbb; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }}
.i94 {{ border-top: 2px dashed #777; margin-top: 18px; padding-top: 6px; }}
.corr {{ color: #a00; font-weight: bold; }} .addr {{ font-size: 9pt; margin-top: 14px; }}
.p2 {{ break-before: page; }} .top {{ font-weight: 600; border-bottom: 1px solid #999; margin-bottom: 8px; }}
p {{ margin: 5px 0; line-height: 1.3; }}
</style></head><body>
<div class=bar><b>{_E(sheet.subtitle)}</b><span class=dl>Downloaded {_E(downloaded)} &middot; Documents</span></div>
{corrected}<h2>{_E(sheet.title)}</h2>
<div class=card><dl>{rows}</dl></div><div class=card><dl>{parties}</dl></div>{appt}
{body}{i94}
<div class=addr>{"<br>".join(_E(line) for line in sheet.addressee)}</div>
<div class=addr>{" &middot; ".join(_E(line) for line in sheet.office)}</div>
{page2}</body></html>"""


# ---------------------------------------------------------------------------------------------
# asc: an appointment notice, the appointment in two columns (where left, when right) under a letter-spaced title.


def asc(sheet: Sheet) -> str:
    head = "".join(f"<td><small>{_E(label)}</small><br>{_E(value)}</td>" for label, value in sheet.grid)
    parties = "".join(
        f"<td><small>{_E(label)}</small><br>{'<br>'.join(_E(line) for line in lines)}</td>"
        for label, lines in sheet.parties
    )
    appt = dict(sheet.appointment)
    where = "<br>".join(_E(line) for line in appt.get("Location", []))
    when = f"{_E(appt.get('Date', [''])[0])}<br>{_E(appt.get('Time', [''])[0])}"
    lines = "".join(f"<div><b>{_E(label)}:</b> {_E(value)}</div>" for label, value in sheet.lines)
    body = "".join(f"<p>{_E(p)}</p>" for p in sheet.body)
    heading = sheet.heading or sheet.title
    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: Letter; margin: 0.6in; }}
body {{ font-family: '{sheet.font}'; font-size: 10pt; }}
.t {{ text-align: center; letter-spacing: 3px; font-weight: bold; font-size: 12pt; margin: 10px 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 6px 0; }}
td {{ border: 1px solid #333; padding: 3px 6px; vertical-align: top; }}
small {{ font-size: 7pt; text-transform: uppercase; }}
.ap {{ display: grid; grid-template-columns: 1fr 1fr; border: 2px solid #000; padding: 8px; margin: 10px 0;
  font-size: 11pt; }}
.ap h4 {{ margin: 0 0 4px; font-size: 8pt; }}
</style></head><body>
<div style="display:flex;justify-content:space-between"><div><b>{_E(sheet.banner)}</b><br>{_E(sheet.subtitle)}</div>
<div style="text-align:right">{_E(sheet.title)}</div></div>
<div class=t>{_E(heading)}</div>
<table><tr>{head}</tr></table><table><tr>{parties}</tr></table>{lines}
<div class=ap><div><h4>PLEASE APPEAR AT</h4>{where}</div><div><h4>DATE AND TIME</h4>{when}</div></div>
{body}
<p style="margin-top:24px">{"<br>".join(_E(line) for line in sheet.addressee)}</p>
</body></html>"""


# ---------------------------------------------------------------------------------------------
# memo: a USCIS decision or request letter, written in Word (a facts table, the date line, sentences).


def memo(sheet: Sheet, date_line: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = sheet.font
    style.font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Pt(64)
        section.top_margin = section.bottom_margin = Pt(50)
    head = doc.add_paragraph()
    run = head.add_run("U.S. Department of Homeland Security\n" + sheet.subtitle + "\n" + ", ".join(sheet.office[1:]))
    run.font.size = Pt(9)
    run.bold = True
    if sheet.corrected:
        doc.add_paragraph("CORRECTED NOTICE")
    doc.add_paragraph(date_line)
    doc.add_paragraph("\n".join(sheet.addressee))
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in sheet.grid:
        if label in ("Date", "Page"):
            continue
        cells = table.add_row().cells
        cells[0].text = label + ":"
        cells[1].text = value
    for label, lines in sheet.parties:
        cells = table.add_row().cells
        cells[0].text = label + ":"
        cells[1].text = "\n".join(lines)
    for label, value in sheet.lines:
        cells = table.add_row().cells
        cells[0].text = label + ":"
        cells[1].text = value
    for row in table.rows:
        row.cells[0].width = Pt(120)
        row.cells[1].width = Pt(360)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tr = title.add_run(sheet.heading or sheet.title)
    tr.bold = True
    if sheet.appointment:
        appt = dict(sheet.appointment)
        doc.add_paragraph("Please appear at:\n" + "\n".join(appt["Location"]))
        doc.add_paragraph(f"Date: {appt['Date'][0]}\nTime: {appt['Time'][0]}")
    for para in sheet.body:
        doc.add_paragraph(para)
    for para in sheet.sentences:
        doc.add_paragraph(para).runs[0].bold = True
    if sheet.page2:
        brk = doc.add_paragraph()
        brk.add_run().add_break(WD_BREAK.PAGE)
        brk.add_run(f"{sheet.grid[0][0]}: {sheet.grid[0][1]}    Page 2 of 2")
        for para in sheet.page2:
            doc.add_paragraph(para)
    doc.add_paragraph("Sincerely,\n\n\nDirector")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
