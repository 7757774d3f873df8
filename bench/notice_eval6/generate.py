"""Sixth notice evaluation set (issue 14): fictional USCIS I-797-family notices with their truth.

A development set written without reading the parser, its samples or tests, or the other sets' generators:
see README.md ("The rule") before reading further if you work on the parser.

``generate(folder, seed)`` writes the files and ``truth.json`` (the shape of bench/notice_eval/README.md,
"Truth") and returns the truth; ``python -m bench.notice_eval6.generate OUT --seed S`` does the same.
Every printed value is looked for again in the written PDF's text layer (pypdf) before the truth is written.
"""

# ruff: noqa: E501  (HTML and CSS templates and notice wording read best unbroken)
from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
SEED = 1797
CHROMIUM = "/usr/bin/chromium"
FIXED_TIME = dt.datetime(2026, 1, 5, 9, 30, 0, tzinfo=dt.UTC)

FIELDS = (
    "notice_type",
    "form",
    "receipt_number",
    "received_date",
    "notice_date",
    "priority_date",
    "petitioner",
    "beneficiary",
    "applicant",
    "a_number",
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
)

# ---------------------------------------------------------------------------------------------
# Fonts (TrueType files on the machine; every producer embeds the same ones).

FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/crosextra",
)
FONT_FILES = {
    "DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVuSansCondensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVuSansMono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "LiberationSans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "LiberationSansNarrow": ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
    "LiberationSerif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "LiberationMono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "Carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "Caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
}
# the CSS / Word name of each font
FONT_FAMILY = {
    "DejaVuSans": "DejaVu Sans",
    "DejaVuSansCondensed": "DejaVu Sans Condensed",
    "DejaVuSerif": "DejaVu Serif",
    "DejaVuSansMono": "DejaVu Sans Mono",
    "LiberationSans": "Liberation Sans",
    "LiberationSansNarrow": "Liberation Sans Narrow",
    "LiberationSerif": "Liberation Serif",
    "LiberationMono": "Liberation Mono",
    "Carlito": "Carlito",
    "Caladea": "Caladea",
}


def font_path(name: str, bold: bool = False) -> str:
    filename = FONT_FILES[name][1 if bold else 0]
    for folder in FONT_DIRS:
        candidate = os.path.join(folder, filename)
        if os.path.exists(candidate):
            return candidate
    raise SystemExit(
        f"notice set 6: font file {filename} is not installed (Debian fonts-dejavu, fonts-liberation, fonts-crosextra-*)"
    )


_REGISTERED: set[str] = set()


def _rl_font(name: str, bold: bool) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = f"{name}-B" if bold else name
    if key not in _REGISTERED:
        pdfmetrics.registerFont(TTFont(key, font_path(name, bold)))
        _REGISTERED.add(key)
    return key


def text_width(text: str, font: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(text, _rl_font(font, bold), size))


def wrap(text: str, font: str, size: float, width: float, bold: bool = False) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, font, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


# ---------------------------------------------------------------------------------------------
# Fictional people, companies, places and numbers.

GIVEN = [
    "Marisol",
    "Tomasz",
    "Adaeze",
    "Kenji",
    "Priyanka",
    "Oluwaseun",
    "Ilse",
    "Farrukh",
    "Beatriz",
    "Dmitri",
    "Nkechi",
    "Rohan",
    "Siobhan",
    "Thanh",
    "Yusuf",
    "Carmela",
    "Anders",
    "Leilani",
    "Mateus",
    "Zainab",
    "Hyun-woo",
    "Paulina",
    "Emeka",
    "Svetlana",
    "Ignacio",
    "Ayesha",
    "Bartholomew",
    "Mei-ling",
    "Kwabena",
    "Ines",
]
FAMILY = [
    "Okonkwo",
    "Vasquez-Ruiz",
    "Lindqvist",
    "Takahashi",
    "Raghunathan",
    "Adebayo",
    "Kowalczyk",
    "Haddad",
    "Nguyen",
    "Castellanos",
    "O'Farrell",
    "Mbeki",
    "Petrossian",
    "Yamamoto",
    "Abernathy",
    "Szabo",
    "Delacroix",
    "Mwangi",
    "Bhattacharya",
    "Quispe",
    "Halvorsen",
    "Ferreira",
    "Olawale",
    "Karimova",
    "Dubois",
    "Achterberg",
]
MIDDLE = ["A", "B", "C", "D", "E", "J", "K", "L", "M", "R", "S", "T", ""]
COMPANIES = [
    "Brightwater Analytics LLC",
    "Copperline Robotics Inc.",
    "Saguaro Valley Community Hospital",
    "Northfield Semiconductor Design Corporation of America",
    "Tidewater Marine Engineering & Logistics Services Group, Inc.",
    "Kestrel Biosciences, Inc.",
    "Lakeshore Unified School District No. 114",
    "Prairie Lantern Software Solutions International LLC",
    "Hollow Oak Architecture Partners LLP",
    "Blue Heron Data Systems Inc.",
    "Greenmantle Agricultural Research Cooperative of the Upper Midwest",
    "Ironbridge Structural Consulting Engineers P.C.",
    "Mesa Verde Pediatric Associates PLLC",
    "Quillfeather Publishing Company",
]
STREETS = [
    "Juniper Hollow Rd",
    "W Lantern Ave",
    "Cobblestone Ct",
    "N Farrow St",
    "Bayberry Ln",
    "E Kittredge Blvd",
    "Old Mill Pkwy",
]
CITIES = [
    ("Tucson", "AZ", "85716"),
    ("Dayton", "OH", "45409"),
    ("Boise", "ID", "83706"),
    ("Raleigh", "NC", "27605"),
    ("Spokane", "WA", "99203"),
    ("Fresno", "CA", "93704"),
    ("Albany", "NY", "12208"),
    ("Omaha", "NE", "68106"),
]
ASC_SITES = [
    ("USCIS TUCSON ASC", "4120 E PALO VERDE RD STE 210", "TUCSON AZ 85712"),
    ("USCIS DAYTON ASC", "3875 WOODMAN CREEK DR", "DAYTON OH 45432"),
    ("USCIS BOISE ASC", "1185 S VISTA RIDGE AVE", "BOISE ID 83705"),
    ("USCIS RALEIGH-DURHAM ASC", "2210 BRIARWOOD COMMONS BLVD STE 120", "RALEIGH NC 27604"),
    ("USCIS SPOKANE ASC", "920 W RIVERBEND PLZ", "SPOKANE WA 99201"),
    ("USCIS FRESNO ASC", "5480 N PALM BLUFF AVE STE 105", "FRESNO CA 93711"),
    ("USCIS ALBANY ASC", "301 WOLF HOLLOW PKWY", "ALBANY NY 12205"),
    ("USCIS OMAHA ASC", "13730 CORNHUSKER PLAZA", "OMAHA NE 68144"),
]
OFFICES = {
    "WAC": ("USCIS California Service Center", "P.O. Box 30111", "Laguna Niguel CA 92607-0111"),
    "EAC": ("USCIS Vermont Service Center", "75 Lower Welden Street", "Saint Albans VT 05479-0001"),
    "LIN": ("USCIS Nebraska Service Center", "P.O. Box 82521", "Lincoln NE 68501-2521"),
    "SRC": ("USCIS Texas Service Center", "6046 N Belt Line Rd. STE 172", "Irving TX 75038-0001"),
    "MSC": ("USCIS National Benefits Center", "P.O. Box 648003", "Lee's Summit MO 64002"),
    "YSC": ("USCIS Potomac Service Center", "2200 Potomac Center Drive", "Arlington VA 20598-2200"),
    "IOE": ("USCIS Electronic Immigration System", "P.O. Box 21200", "Washington DC 20013-1200"),
}
ATTORNEYS = [
    ("Harriet Q. Fenwick", "Fenwick Ostrander Immigration Law PLLC"),
    ("Rafael D. Montiel", "Montiel & Sato LLP"),
    ("Gwendolyn Achebe", "Achebe Workforce Immigration Group"),
]

CASE_TYPES = {
    "I-129": "PETITION FOR A NONIMMIGRANT WORKER",
    "I-129F": "PETITION FOR ALIEN FIANCE(E)",
    "I-130": "PETITION FOR ALIEN RELATIVE",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "I-140": "IMMIGRANT PETITION FOR ALIEN WORKERS",
    "I-360": "PETITION FOR AMERASIAN, WIDOW(ER), OR SPECIAL IMMIGRANT",
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-751": "PETITION TO REMOVE CONDITIONS ON RESIDENCE",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-821D": "CONSIDERATION OF DEFERRED ACTION FOR CHILDHOOD ARRIVALS",
    "I-90": "APPLICATION TO REPLACE PERMANENT RESIDENT CARD",
    "I-907": "REQUEST FOR PREMIUM PROCESSING SERVICE",
    "N-400": "APPLICATION FOR NATURALIZATION",
    "N-600": "APPLICATION FOR CERTIFICATE OF CITIZENSHIP",
}
PETITIONS = {"I-129", "I-129F", "I-130", "I-140", "I-360", "I-907"}
FEES = {
    "I-129": "780.00",
    "I-129F": "675.00",
    "I-130": "675.00",
    "I-131": "630.00",
    "I-140": "715.00",
    "I-360": "515.00",
    "I-485": "1440.00",
    "I-539": "470.00",
    "I-751": "750.00",
    "I-765": "520.00",
    "I-821D": "85.00",
    "I-90": "465.00",
    "I-907": "2805.00",
    "N-400": "760.00",
    "N-600": "1385.00",
}
OLD_FEES = {
    "I-129": "460.00",
    "I-130": "535.00",
    "I-131": "575.00",
    "I-140": "700.00",
    "I-485": "1225.00",
    "I-539": "370.00",
    "I-751": "680.00",
    "I-765": "410.00",
    "I-90": "540.00",
    "I-907": "1410.00",
    "N-400": "725.00",
    "I-129F": "535.00",
    "I-821D": "495.00",
    "I-360": "435.00",
    "N-600": "1170.00",
}
INS_FEES = {
    "I-129": "130.00",
    "I-130": "130.00",
    "I-131": "110.00",
    "I-140": "135.00",
    "I-485": "255.00",
    "I-539": "140.00",
    "I-751": "145.00",
    "I-765": "120.00",
    "I-90": "130.00",
    "I-907": "1000.00",
    "N-400": "260.00",
    "I-129F": "110.00",
    "I-360": "130.00",
    "N-600": "185.00",
}
CLASSES = {
    "I-129": ["H1B", "L1A", "L1B", "O1A", "E3", "TN1", "R1"],
    "I-539": ["H4", "L2", "B2", "F1"],
    "I-140": ["E21", "E31", "E13", "E11"],
    "I-130": ["IR1", "F21", "CR1"],
    "I-129F": ["K1"],
}


@dataclass
class Notice:
    """One notice: its kind, what the case behind it holds, and how it is printed (family, font)."""

    kind: (
        str  # receipt, i907, biometrics, transfer, rejection, approval, approval94, approvalb, rfe, noid, noir, denial
    )
    form: str
    receipt: str
    notice_date: dt.date
    received: dt.date | None = None
    priority: dt.date | None = None
    petitioner: str | None = None
    beneficiary: str | None = None
    applicant: str | None = None
    a_number: str | None = None  # 9 digits
    a_style: int = 0
    classification: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    response_due: dt.date | None = None
    appointment: tuple[dt.date, str, tuple[str, str, str]] | None = None  # date, HH:MM, site lines
    i94: str | None = None
    amount: str | None = None
    family: str = "ledger"
    font: str = "DejaVuSans"
    era: str = "now"
    addressee: list[str] = field(default_factory=list)
    twopage: bool = False
    style: int = 0  # a per-notice variant within a family
    paper: str = "Letter"  # Letter or A4 (a notice downloaded and printed abroad)

    @property
    def notice_type(self) -> str:
        return {
            "receipt": "receipt",
            "i907": "receipt",
            "biometrics": "biometrics",
            "transfer": "transfer",
            "rejection": "rejection",
            "approval": "approval",
            "approval94": "approval",
            "approvalb": "approval",
            "rfe": "rfe",
            "noid": "noid",
            "noir": "noid",
            "denial": "denial",
        }[self.kind]

    @property
    def office(self) -> tuple[str, str, str]:
        if self.era == "ins":
            return INS_OFFICES[self.receipt[:3]]
        return OFFICES.get(self.receipt[:3], OFFICES["IOE"])


class Printed:
    """What one notice prints for each scored field: the truth is built from this, never from the case."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self.parts: dict[str, list[str]] = {}

    def put(self, name: str, text: str) -> str:
        self.parts.setdefault(name, []).append(text)
        return text

    def truth(self) -> dict[str, Any]:
        n = self.notice
        values: dict[str, Any] = {
            "notice_type": n.notice_type,
            "form": n.form,
            "receipt_number": n.receipt,
            "received_date": iso(n.received),
            "notice_date": iso(n.notice_date),
            "priority_date": iso(n.priority),
            "petitioner": n.petitioner,
            "beneficiary": n.beneficiary,
            "applicant": n.applicant,
            "a_number": n.a_number,
            "classification": n.classification,
            "valid_from": iso(n.valid_from),
            "valid_to": iso(n.valid_to),
            "response_due": iso(n.response_due),
            "appointment": None,
            "i94_number": n.i94,
            "amount": n.amount,
        }
        if n.appointment:
            values["appointment"] = {
                "date": n.appointment[0].isoformat(),
                "time": n.appointment[1],
                "location": n.appointment[2][1],
            }
        out = {name: (values[name] if name in self.parts else None) for name in FIELDS}
        for name in FIELDS:
            if name in self.parts and values[name] is None:
                raise AssertionError(f"{name} printed but the notice has no value")
        out["_printed"] = {name: list(parts) for name, parts in self.parts.items()}
        return out


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------------------------------------
# How values are written (each family picks its ways).

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def fdate(d: dt.date, style: str) -> str:
    if style == "mdy":
        return d.strftime("%m/%d/%Y")
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "LONG":
        return f"{MONTHS[d.month - 1].upper()} {d.day:02d}, {d.year}"
    if style == "short":
        return f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}"
    if style == "dmy":
        return f"{d.day:02d} {MONTHS[d.month - 1][:3].upper()} {d.year}"
    if style == "mdy2":
        return f"{d.month}/{d.day}/{d.year}"
    raise ValueError(style)


def freceipt(r: str, style: str) -> str:
    if style == "dash" and r[:3] != "IOE":
        return f"{r[:3]}-{r[3:5]}-{r[5:8]}-{r[8:]}"
    if style == "star" and r[:3] != "IOE":
        return f"{r[:3]}*{r[3:]}"
    return r


def fanum(a: str, style: int) -> str:
    short = a[1:] if a[0] == "0" else a  # an 8-digit A-Number printed with its 8 digits
    return [
        f"A{a}",
        f"A{a[:3]} {a[3:6]} {a[6:]}",
        f"A {a[:3]}-{a[3:6]}-{a[6:]}",
        f"A-{short}",
        f"A# {a[:3]}-{a[3:6]}-{a[6:]}",
        f"A{short}",
    ][style % 6]


def famount(amount: str, style: int) -> str:
    value = Decimal(amount)
    text = f"{value:,.2f}"
    return [f"${text}", f"$ {text} U.S.", f"${value:.2f}", f"USD {text}", f"${text} US"][style % 5]


def ftime(hhmm: str, style: int) -> str:
    hour, minute = (int(x) for x in hhmm.split(":"))
    suffix = "AM" if hour < 12 else "PM"
    h12 = hour % 12 or 12
    return [
        f"{h12:02d}:{minute:02d} {suffix}",
        f"{h12}:{minute:02d} {suffix}",
        f"{h12}:{minute:02d} {suffix.lower()[0]}.m.",
        f"{hour:02d}:{minute:02d}",
    ][style % 4]


def fform(form: str, style: str) -> str:
    if style == "compact":
        return form.replace("-", "")
    if style == "spaced":
        return form.replace("-", " ")
    return form


def fi94(i94: str, style: int) -> str:
    return [i94, f"{i94[:9]} {i94[9:]}", f"{i94[:3]} {i94[3:6]} {i94[6:9]} {i94[9:]}"][style % 3]


def name_last_first(given: str, middle: str, family: str) -> str:
    return f"{family.upper()}, {given.upper()}{(' ' + middle) if middle else ''}"


# ---------------------------------------------------------------------------------------------
# A page as drawing operations (origin top left, points), drawn by reportlab or fpdf2.

PAGE_W, PAGE_H = 612.0, 792.0


@dataclass
class Op:
    kind: str
    args: tuple[Any, ...]


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        font: str,
        size: float,
        bold: bool = False,
        align: str = "l",
        grey: float = 0.0,
    ) -> float:
        if align == "r":
            x -= text_width(s, font, size, bold)
        elif align == "c":
            x -= text_width(s, font, size, bold) / 2
        self.ops.append(Op("text", (x, y, s, font, size, bold, grey)))
        return x + text_width(s, font, size, bold)

    def line(
        self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6, grey: float = 0.0, dash: bool = False
    ) -> None:
        self.ops.append(Op("line", (x1, y1, x2, y2, width, grey, dash)))

    def rect(
        self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True, width: float = 0.6
    ) -> None:
        self.ops.append(Op("rect", (x, y, w, h, fill, stroke, width)))

    def circle(self, x: float, y: float, r: float, width: float = 0.8) -> None:
        self.ops.append(Op("circle", (x, y, r, width)))

    def para(
        self,
        x: float,
        y: float,
        text: str,
        font: str,
        size: float,
        width: float,
        leading: float | None = None,
        bold: bool = False,
    ) -> float:
        """Wrapped text from baseline y; returns the baseline after the last line."""
        lead = leading or size * 1.3
        for line in wrap(text, font, size, width, bold):
            self.text(x, y, line, font, size, bold)
            y += lead
        return y


def draw_reportlab(pages: list[Page], path: Path, title: str) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("USCIS")
    for page in pages:
        for op in page.ops:
            if op.kind == "text":
                x, y, s, font, size, bold, grey = op.args
                c.setFillGray(grey)
                c.setFont(_rl_font(font, bold), size)
                c.drawString(x, PAGE_H - y, s)
            elif op.kind == "line":
                x1, y1, x2, y2, width, grey, dash = op.args
                c.setStrokeGray(grey)
                c.setLineWidth(width)
                c.setDash(3, 2) if dash else c.setDash()
                c.line(x1, PAGE_H - y1, x2, PAGE_H - y2)
                c.setDash()
            elif op.kind == "rect":
                x, y, w, h, fill, stroke, width = op.args
                c.setLineWidth(width)
                c.setStrokeGray(0)
                if fill is not None:
                    c.setFillGray(fill)
                c.rect(x, PAGE_H - y - h, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
                c.setFillGray(0)
            elif op.kind == "circle":
                x, y, r, width = op.args
                c.setLineWidth(width)
                c.circle(x, PAGE_H - y, r, stroke=1, fill=0)
        c.showPage()
    c.save()


def draw_fpdf(pages: list[Page], path: Path, title: str) -> None:
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # a font's old 'created' stamp is not news
    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(title)
    pdf.set_producer("USCIS ELIS NOTICE PRINT")
    added: set[str] = set()
    for page in pages:
        pdf.add_page()
        for op in page.ops:
            if op.kind == "text":
                x, y, s, font, size, bold, grey = op.args
                key = font + ("B" if bold else "")
                if key not in added:
                    pdf.add_font(key, "", font_path(font, bold))
                    added.add(key)
                pdf.set_font(key, "", size)
                pdf.set_text_color(int(grey * 255))
                pdf.text(x, y, s)
            elif op.kind == "line":
                x1, y1, x2, y2, width, grey, dash = op.args
                pdf.set_draw_color(int(grey * 255))
                pdf.set_line_width(width)
                if dash:
                    pdf.set_dash_pattern(dash=3, gap=2)
                pdf.line(x1, y1, x2, y2)
                pdf.set_dash_pattern()
            elif op.kind == "rect":
                x, y, w, h, fill, stroke, width = op.args
                pdf.set_draw_color(0)
                pdf.set_line_width(width)
                if fill is not None:
                    pdf.set_fill_color(int(fill * 255))
                style = ("D" if stroke else "") + ("F" if fill is not None else "")
                pdf.rect(x, y, w, h, style=style or "D")
            elif op.kind == "circle":
                x, y, r, width = op.args
                pdf.set_line_width(width)
                pdf.circle(x, y, r, style="D")
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------------
# Pieces several families share.

TITLES = {
    "receipt": "Receipt Notice",
    "i907": "Premium Processing Receipt Notice",
    "biometrics": "ASC Appointment Notice",
    "transfer": "Transfer Notice",
    "rejection": "Rejection Notice",
    "approval": "Approval Notice",
    "approval94": "Approval Notice",
    "approvalb": "Approval Notice",
    "rfe": "Request for Evidence",
    "noid": "Notice of Intent to Deny",
    "noir": "Notice of Intent to Revoke",
    "denial": "Decision",
}
FORM_LETTER = {"approval94": "I-797A", "approvalb": "I-797B", "rfe": "I-797E", "approval": "I-797"}


def form_letter(n: Notice) -> str:
    return FORM_LETTER.get(n.kind, "I-797C")


INS_OFFICES = {
    "WAC": ("INS California Service Center", "P.O. Box 30111", "Laguna Niguel CA 92607-0111"),
    "EAC": ("INS Vermont Service Center", "75 Lower Welden Street", "Saint Albans VT 05479-0001"),
    "LIN": ("INS Nebraska Service Center", "P.O. Box 82521", "Lincoln NE 68501-2521"),
    "SRC": ("INS Texas Service Center", "P.O. Box 851488", "Mesquite TX 75185-1488"),
}


def case_type(n: Notice, style: str = "compact") -> tuple[str, str]:
    """The form as printed (recorded) and the rest of the case-type line."""
    return fform(n.form, style), CASE_TYPES[n.form]


def body_text(n: Notice, rng: random.Random) -> list[str]:
    """Paragraphs of the notice body; some mention other kinds of notices on purpose."""
    k = n.kind
    if k in ("receipt", "i907"):
        first = (
            "The above application or petition has been received. It usually takes several months to process this "
            "type of case. Please notify us immediately if any of the above information is incorrect."
        )
        if k == "i907":
            first = (
                "We have received your request for premium processing. Within the premium processing time frame we "
                "will issue an approval notice, a denial notice, a request for evidence, or a notice of intent to deny, "
                "or open an investigation for fraud or misrepresentation."
            )
        return [
            first,
            "If we find we need more evidence or information we may send you a request for evidence (RFE) or a "
            "notice of intent to deny (NOID). Keep this notice; you will need it if you contact us about this case.",
            "You can check the status of your case online with the receipt number above.",
        ]
    if k == "biometrics":
        return [
            "To process your application, USCIS must capture your biometrics. Please appear at the Application Support "
            "Center below at the date and time specified. If you fail to appear as scheduled, your case may be "
            "considered abandoned and denied.",
            "When you go to the Application Support Center, bring this appointment notice and your photo "
            "identification (passport, driver's license, national ID, military ID, or State-issued photo ID).",
        ]
    if k == "transfer":
        return [
            "To balance the workload among our offices, we have transferred the above case to another office for "
            "processing. The office now handling your case is shown below. Please send any correspondence to that "
            "office; it will send you a notice when it makes a decision or needs more evidence.",
        ]
    if k == "rejection":
        return [
            "Your application or petition is being returned to you because it was not properly filed. The fee was "
            "not the correct amount or the form was not signed. Correct the problem and file the complete package "
            "again with the correct fee. This is not a denial and it is not a request for evidence.",
        ]
    if k in ("approval", "approval94", "approvalb"):
        text = [
            "The above petition has been approved. Please contact the U.S. consulate abroad if the beneficiary needs a "
            "visa. This approval does not guarantee admission; the officer at the port of entry decides.",
            "USCIS may revoke an approval on notice; a notice of intent to revoke is sent first if we find that the "
            "facts stated in the petition were not true.",
        ]
        if k == "approval94":
            text[0] = (
                "The above petition and change or extension of status have been approved. The beneficiary's new I-94 "
                "is at the bottom of this notice. Keep it with the passport."
            )
        return text
    if k == "rfe":
        return [
            "The evidence submitted is not sufficient to establish eligibility. Submit the evidence listed on the "
            "following pages. If you do not respond, we will decide the case on the record, which may lead to a denial.",
            "Return this notice on top of your response. Send all the requested evidence at one time.",
        ]
    if k in ("noid", "noir"):
        verb = "revoke the approval of" if k == "noir" else "deny"
        return [
            f"USCIS intends to {verb} the above case for the reasons stated below. In our earlier request for evidence "
            "we asked for documents showing the qualifying relationship; the response did not establish it.",
            "You may submit evidence in rebuttal. If you do not respond, the decision will be made on the record.",
        ]
    if k == "denial":
        return [
            "After a thorough review of the record, USCIS has denied the above case. The evidence submitted in "
            "response to the request for evidence and to the notice of intent to deny did not overcome the grounds stated.",
            "You may file a motion to reopen or reconsider on Form I-290B within 30 days of this decision (33 days if "
            "it was mailed).",
        ]
    raise ValueError(k)


def due_sentence(n: Notice, style: str) -> tuple[str, str, str]:
    """A response-date sentence: before, the printed date, after."""
    assert n.response_due
    date = fdate(n.response_due, style)
    if n.kind == "rfe":
        return (
            "The requested evidence must be received in this office by ",
            date,
            ". Responses received after that date may not be considered.",
        )
    return ("You have until ", date, " to submit a rebuttal and evidence in support of the case.")


# ---------------------------------------------------------------------------------------------
# Family "ledger" (reportlab or fpdf2): the current I-797C, each header cell with its label left of the value.


def fam_ledger(n: Notice, p: Printed, rng: random.Random) -> list[Page]:
    f = n.font
    pg = Page()
    pg.text(306, 40, "THE UNITED STATES OF AMERICA", f, 8, True, "c")
    pg.circle(62, 62, 22)
    pg.text(62, 60, "DHS", f, 7, True, "c")
    pg.text(62, 69, "SEAL", f, 5, False, "c")
    pg.text(96, 58, "Department of Homeland Security", f, 9.5, True)
    pg.text(96, 70, "U.S. Citizenship and Immigration Services", f, 9.5)
    pg.text(560, 58, f"{form_letter(n)} | Notice of Action", f, 13, True, "r")
    y = 92
    rows: list[list[tuple[str, str, str | None]]] = []
    shown_form, rest = case_type(n, "compact" if n.style % 2 == 0 else "hyphen")
    rows.append([("Receipt Number", freceipt(n.receipt, "plain"), "receipt_number"), ("Case Type", "", None)])
    second = []
    if n.received:
        second.append(("Received Date", fdate(n.received, "mdy"), "received_date"))
    if n.priority:
        second.append(("Priority Date", fdate(n.priority, "mdy"), "priority_date"))
    second.append(("Notice Date", fdate(n.notice_date, "mdy"), "notice_date"))
    second.append(("Page", "1 of 1", None))
    rows.append(second)
    x0, width = 40.0, 532.0
    for row in rows:
        cw = width / len(row)
        for i, (label, value, key) in enumerate(row):
            cx = x0 + i * cw
            pg.rect(cx, y, cw, 26)
            end = pg.text(cx + 4, y + 16, label, f, 7, True)
            if label == "Case Type":
                pg.text(end + 6, y + 11, p.put("form", shown_form) + " - " + rest[:38], f, 8)
                pg.text(end + 6, y + 21, rest[38:], f, 8)
            elif key:
                pg.text(end + 8, y + 16, p.put(key, value), f, 10)
            else:
                pg.text(end + 8, y + 16, value, f, 10)
        y += 26
    # party boxes
    parties: list[tuple[str, str | None, str]] = []
    if n.petitioner:
        parties.append(("Petitioner", n.petitioner, "petitioner"))
    if n.applicant:
        parties.append(("Applicant", n.applicant, "applicant"))
    if n.beneficiary:
        parties.append(("Beneficiary", n.beneficiary, "beneficiary"))
    bh = 40.0
    cw = width / max(1, len(parties))
    for i, (label, name, key) in enumerate(parties):
        cx = x0 + i * cw
        pg.rect(cx, y, cw, bh)
        pg.text(cx + 4, y + 10, label, f, 7, True)
        ly = y + 21
        if key == "applicant" and n.a_number:
            pg.text(cx + 60, y + 10, p.put("a_number", fanum(n.a_number, n.a_style)), f, 9)
        assert name
        lines = wrap(name.upper(), f, 9, cw - 64)
        for line in lines:
            pg.text(cx + 60, ly, line, f, 9)
            p.put(key, line)
            ly += 10
    y += bh + 18
    # notice type line and payment
    title = TITLES[n.kind]
    pg.text(40, y, "Notice Type:", f, 10, True)
    pg.text(120, y, p.put("notice_type", title), f, 10)
    if n.classification:
        pg.text(330, y, "Class:", f, 10, True)
        pg.text(372, y, p.put("classification", n.classification), f, 10)
    y += 14
    if n.valid_from and n.valid_to:
        pg.text(40, y, "Valid from", f, 10, True)
        x = pg.text(100, y, p.put("valid_from", fdate(n.valid_from, "mdy")), f, 10)
        pg.text(x + 6, y, "to", f, 10, True)
        pg.text(x + 22, y, p.put("valid_to", fdate(n.valid_to, "mdy")), f, 10)
        y += 14
    if n.amount:
        pg.text(40, y, "Payment Information:", f, 9, True)
        y += 12
        fee = n.amount
        bio = "85.00" if n.era == "mid" and n.form in ("I-485", "I-539", "N-400", "I-90", "I-751") else None
        if bio:
            fee = str(Decimal(n.amount) - Decimal(bio))
        pg.text(56, y, "Application/Petition Fee:", f, 9)
        pg.text(300, y, famount(fee, 0), f, 9, align="r")
        y += 11
        if bio:
            pg.text(56, y, "Biometrics Fee:", f, 9)
            pg.text(300, y, famount(bio, 0), f, 9, align="r")
            y += 11
        pg.text(56, y, "Total Amount Received:", f, 9, True)
        pg.text(300, y, p.put("amount", famount(n.amount, 0)), f, 9, True, "r")
        y += 11
        pg.text(56, y, "Total Balance Due:", f, 9)
        pg.text(300, y, "$0.00", f, 9, align="r")
        y += 16
    y += 8
    # addressee at left, body at right
    ay = y
    for line in addressee_lines(n, f, 9, 240):
        pg.text(48, ay, line, f, 9)
        ay += 11
    by = y
    for para in body_text(n, rng):
        by = pg.para(300, by, para, f, 8, 262) + 5
    if n.response_due:
        before, date, after = due_sentence(n, "long")
        by = pg.para(300, by, before + p.put("response_due", date) + after, f, 8, 262) + 5
    if n.appointment:
        by = appointment_block(pg, n, p, 300, max(by, ay) + 6, f)
    y = max(ay, by) + 12
    office = n.office
    if n.i94:
        tear_off(pg, n, p, f)
        pg.text(572, 530, f"Form {form_letter(n)} 04/01/24", f, 7, align="r")
        return [pg]
    pg.line(40, 700, 572, 700)
    pg.text(
        40,
        712,
        "Please see the additional information on the back. You will be notified separately about any other cases you filed.",
        f,
        7,
    )
    pg.text(40, 726, office[0], f, 8, True)
    pg.text(40, 736, f"{office[1]}, {office[2]}", f, 8)
    pg.text(40, 746, "USCIS Contact Center: www.uscis.gov/contactcenter", f, 8)
    pg.text(572, 770, f"Form {form_letter(n)} 04/01/24", f, 7, align="r")
    return [pg]


def addressee_lines(n: Notice, f: str, size: float, width: float) -> list[str]:
    """The addressee block, each line wrapped to ``width`` (a long company name takes two lines)."""
    return [part for line in n.addressee for part in wrap(line, f, size, width)]


def appointment_block(pg: Page, n: Notice, p: Printed, x: float, y: float, f: str) -> float:
    """The ASC's address and the appointment's date and time: side by side, or stacked when narrow."""
    assert n.appointment
    day, hhmm, site = n.appointment
    label = "APPLICATION SUPPORT CENTER"
    offset = max(text_width(label, f, 8.5, True), *(text_width(line, f, 8.5) for line in site)) + 14
    if x + offset + text_width("DATE AND TIME OF APPOINTMENT", f, 8.5, True) > 580:
        pg.text(x, y, label, f, 8.5, True)
        for i, line in enumerate(site):
            pg.text(x, y + 12 + 11 * i, p.put("appointment", line) if i == 1 else line, f, 8.5)
        y += 12 + 11 * len(site) + 6
        pg.text(x, y, "DATE AND TIME OF APPOINTMENT", f, 8.5, True)
        end = pg.text(x, y + 12, p.put("appointment", fdate(day, "mdy")), f, 8.5)
        pg.text(end + 8, y + 12, p.put("appointment", ftime(hhmm, n.style)), f, 8.5)
        return y + 26
    pg.text(x, y, label, f, 8.5, True)
    pg.text(x + offset, y, "DATE AND TIME OF APPOINTMENT", f, 8.5, True)
    y += 12
    pg.text(x, y, site[0], f, 8.5)
    pg.text(x + offset, y, p.put("appointment", fdate(day, "mdy")), f, 8.5)
    y += 11
    pg.text(x, y, p.put("appointment", site[1]), f, 8.5)
    pg.text(x + offset, y, p.put("appointment", ftime(hhmm, n.style)), f, 8.5)
    y += 11
    pg.text(x, y, site[2], f, 8.5)
    return y + 14


# ---------------------------------------------------------------------------------------------
# Family "sidebar" (fpdf2 or reportlab): a grey column on the left holds the case facts, label over value.


def fam_sidebar(n: Notice, p: Printed, rng: random.Random) -> list[Page]:
    f = n.font
    pg = Page()
    pg.rect(0, 0, 178, PAGE_H, fill=0.92, stroke=False)
    pg.text(24, 48, "U.S. Department of", f, 9)
    pg.text(24, 60, "Homeland Security", f, 9, True)
    pg.text(24, 72, "U.S. Citizenship and", f, 9)
    pg.text(24, 84, "Immigration Services", f, 9)
    y = 120.0
    dstyle = "short" if n.style % 2 else "mdy"

    def fact(label: str, value: str, key: str | None) -> None:
        nonlocal y
        pg.text(24, y, label.upper(), f, 6.5, True, grey=0.3)
        y += 11
        for line in wrap(value, f, 9.5, 140):
            pg.text(24, y, line, f, 9.5)
            if key:
                p.put(key, line)
            y += 11.5
        y += 7

    fact("Receipt number", freceipt(n.receipt, "plain"), "receipt_number")
    fact("Form", fform(n.form, "hyphen" if n.style % 3 else "compact"), "form")
    if n.received:
        fact("Date received", fdate(n.received, dstyle), "received_date")
    if n.priority:
        fact("Priority date", fdate(n.priority, dstyle), "priority_date")
    fact("Notice date", fdate(n.notice_date, dstyle), "notice_date")
    if n.petitioner:
        fact("Petitioner", n.petitioner, "petitioner")
    if n.beneficiary:
        fact("Beneficiary", n.beneficiary, "beneficiary")
    if n.applicant:
        if n.a_number:
            pg.text(24, y, "APPLICANT", f, 6.5, True, grey=0.3)
            y += 11
            pg.text(24, y, p.put("a_number", fanum(n.a_number, n.a_style)), f, 9.5)
            y += 11.5
            for line in wrap(n.applicant, f, 9.5, 140):
                pg.text(24, y, p.put("applicant", line), f, 9.5)
                y += 11.5
            y += 7
        else:
            fact("Applicant", n.applicant, "applicant")
    if n.classification:
        fact("Classification", n.classification, "classification")
    if n.valid_from and n.valid_to:
        fact("Valid from", fdate(n.valid_from, dstyle), "valid_from")
        fact("Valid to", fdate(n.valid_to, dstyle), "valid_to")
    if n.amount:
        fact("Fee received", famount(n.amount, 1 + n.style), "amount")
    # main column
    x = 206.0
    pg.text(x, 60, f"Form {form_letter(n)}, Notice of Action", f, 16, True)
    pg.text(x, 84, p.put("notice_type", TITLES[n.kind].upper()), f, 12, True)
    _shown, rest = case_type(n, "hyphen")
    pg.text(x, 100, rest.title(), f, 9, grey=0.25)
    ay = 136.0
    for line in n.addressee:
        pg.text(x, ay, line, f, 10)
        ay += 12.5
    y2 = ay + 24
    for para in body_text(n, rng):
        y2 = pg.para(x, y2, para, f, 9.5, 360) + 8
    if n.response_due:
        before, date, after = due_sentence(n, "long")
        y2 = pg.para(x, y2, before + p.put("response_due", date) + after, f, 9.5, 360, bold=False) + 8
    if n.appointment:
        day, hhmm, site = n.appointment
        pg.rect(x, y2, 360, 70)
        pg.text(x + 8, y2 + 16, "Your appointment", f, 9, True)
        pg.text(x + 8, y2 + 32, p.put("appointment", fdate(day, "long")), f, 10)
        pg.text(x + 8, y2 + 46, "at " + p.put("appointment", ftime(hhmm, n.style + 1)), f, 10)
        pg.text(x + 170, y2 + 32, site[0], f, 9)
        pg.text(x + 170, y2 + 44, p.put("appointment", site[1]), f, 9)
        pg.text(x + 170, y2 + 56, site[2], f, 9)
        y2 += 84
    office = n.office
    pg.text(x, 720, office[0], f, 8, True)
    pg.text(x, 731, f"{office[1]} | {office[2]}", f, 8)
    pg.text(x, 760, f"Form {form_letter(n)} (Rev. 01/19/21)   Page 1 of 1", f, 7, grey=0.3)
    return [pg]


# ---------------------------------------------------------------------------------------------
# Family "leader" (fpdf2, monospaced): an older system printout with dotted leaders to the values.


def fam_leader(n: Notice, p: Printed, rng: random.Random) -> list[Page]:
    f = n.font
    pg = Page()
    size = 9.0
    cw = text_width("M", f, size)
    lead = 11.0
    y = 46.0
    x = 48.0

    def row(text: str) -> None:
        nonlocal y
        pg.text(x, y, text, f, size)
        y += lead

    if n.era == "ins":
        row("U.S. DEPARTMENT OF JUSTICE")
        row("IMMIGRATION AND NATURALIZATION SERVICE" + " " * 17 + "I-797, NOTICE OF ACTION")
    else:
        row("U.S. DEPARTMENT OF HOMELAND SECURITY")
        row("U.S. CITIZENSHIP AND IMMIGRATION SERVICES" + " " * 14 + f"{form_letter(n)}, NOTICE OF ACTION")
    y += lead
    dstyle = "LONG" if n.style % 2 else "mdy"

    def kv(label: str, value: str, key: str | None) -> None:
        nonlocal y
        lab = (label.upper() + " ").ljust(24, ".") + ": "
        pg.text(x, y, lab, f, size)
        pg.text(x + cw * len(lab), y, p.put(key, value) if key else value, f, size)
        y += lead

    kv("Receipt number", freceipt(n.receipt, "dash"), "receipt_number")
    shown, rest = case_type(n, "spaced" if n.style == 5 else "compact")
    pg.text(x, y, "CASE TYPE ".ljust(24, ".") + ": ", f, size)
    pg.text(x + cw * 26, y, p.put("form", shown) + " " + rest, f, size)
    y += lead
    kv("Notice type", TITLES[n.kind].upper(), "notice_type")
    if n.received:
        kv("Received date", fdate(n.received, dstyle), "received_date")
    if n.priority:
        kv("Priority date", fdate(n.priority, dstyle), "priority_date")
    kv("Notice date", fdate(n.notice_date, dstyle), "notice_date")
    if n.petitioner:
        parts = wrap(n.petitioner.upper(), f, size, cw * 44)
        kv("Petitioner", parts[0], "petitioner")
        for part in parts[1:]:
            pg.text(x + cw * 26, y, p.put("petitioner", part), f, size)
            y += lead
    if n.beneficiary:
        kv("Beneficiary", n.beneficiary.upper(), "beneficiary")
    if n.applicant:
        if n.a_number:
            kv("Applicant", fanum(n.a_number, n.a_style), "a_number")
            pg.text(x + cw * 26, y, p.put("applicant", n.applicant.upper()), f, size)
            y += lead
        else:
            kv("Applicant", n.applicant.upper(), "applicant")
    if n.classification:
        kv("Class", n.classification, "classification")
    if n.valid_from and n.valid_to:
        kv("Validity", "", None)
        y -= lead
        vx = x + cw * 26
        pg.text(vx, y, p.put("valid_from", fdate(n.valid_from, dstyle)), f, size)
        vx += cw * (len(fdate(n.valid_from, dstyle)) + 1)
        pg.text(vx, y, "TO", f, size)
        pg.text(vx + cw * 3, y, p.put("valid_to", fdate(n.valid_to, dstyle)), f, size)
        y += lead
    if n.i94:
        kv("I-94 number", fi94(n.i94, 1), "i94_number")
    if n.amount:
        kv("Amount received", famount(n.amount, 1), "amount")
    if n.response_due:
        kv("Response due", fdate(n.response_due, dstyle), "response_due")
    y += lead
    pg.line(x, y - 6, 564, y - 6, 0.4, dash=True)
    y += 4
    for line in n.addressee:
        row(line.upper())
    y += lead
    if n.appointment:
        day, hhmm, site = n.appointment
        row("PLEASE APPEAR AT:")
        row("    " + site[0])
        pg.text(x + cw * 4, y, p.put("appointment", site[1]), f, size)
        y += lead
        row("    " + site[2])
        pg.text(x, y, "ON: ", f, size)
        pg.text(x + cw * 4, y, p.put("appointment", fdate(day, dstyle)), f, size)
        pg.text(x + cw * 24, y, "AT: ", f, size)
        pg.text(x + cw * 28, y, p.put("appointment", ftime(hhmm, 0)), f, size)
        y += 2 * lead
    for para in body_text(n, rng):
        for line in wrap(para.upper(), f, size, 516):
            row(line)
        y += lead / 2
    office = n.office
    y = 730
    row(office[0].upper())
    row(f"{office[1].upper()}  {office[2].upper()}")
    pg.text(564, 772, f"FORM {form_letter(n)} (REV. 09/07/93)N", f, 7, align="r")
    return [pg]


# ---------------------------------------------------------------------------------------------
# Family "rightcol" (reportlab): a letter with its case facts in a right-hand column, label: value.
# RFEs and NOIDs run onto a second page that repeats the receipt number.


def fam_rightcol(n: Notice, p: Printed, rng: random.Random) -> list[Page]:
    f = n.font
    pg = Page()
    pg.text(54, 54, "U.S. Department of Homeland Security", f, 10, True)
    pg.text(54, 66, "U.S. Citizenship and Immigration Services", f, 9)
    office = n.office
    pg.text(54, 78, office[0], f, 9)
    pg.text(54, 90, office[1], f, 9)
    pg.text(54, 102, office[2], f, 9)
    pg.text(558, 60, "U.S. Citizenship", f, 14, True, "r")
    pg.text(558, 76, "and Immigration", f, 14, True, "r")
    pg.text(558, 92, "Services", f, 14, True, "r")
    pg.line(54, 116, 558, 116, 1.2)
    facts: list[tuple[str, str, str | None]] = []
    dstyle = "mdy2" if n.style % 2 else "long"
    facts.append(("Receipt No.:", freceipt(n.receipt, "plain"), "receipt_number"))
    facts.append(("Form:", fform(n.form, "hyphen"), "form"))
    facts.append(("Date of Notice:", fdate(n.notice_date, dstyle), "notice_date"))
    if n.received:
        facts.append(("Filed:", fdate(n.received, dstyle), "received_date"))
    if n.priority:
        facts.append(("Priority Date:", fdate(n.priority, dstyle), "priority_date"))
    if n.classification:
        facts.append(("Classification:", n.classification, "classification"))
    y = 136.0
    for label, value, key in facts:
        pg.text(470, y, label, f, 8.5, True, "r")
        pg.text(476, y, p.put(key, value) if key else value, f, 8.5)
        y += 12
    ay = 142.0
    for line in addressee_lines(n, f, 10, 300):
        pg.text(54, ay, line, f, 10)
        ay += 12.5
    y = max(y, ay) + 22
    pg.text(306, y, p.put("notice_type", TITLES[n.kind].upper()), f, 13, True, "c")
    y += 24
    if n.petitioner:
        parts = wrap(n.petitioner, f, 10, 340)
        pg.text(54, y, "Petitioner:", f, 10, True)
        for part in parts:
            pg.text(140, y, p.put("petitioner", part), f, 10)
            y += 12.5
    if n.beneficiary:
        pg.text(54, y, "Beneficiary:", f, 10, True)
        pg.text(140, y, p.put("beneficiary", n.beneficiary), f, 10)
        y += 12.5
    if n.applicant:
        pg.text(54, y, "Applicant:", f, 10, True)
        x = pg.text(140, y, p.put("applicant", n.applicant), f, 10)
        if n.a_number:
            pg.text(x + 14, y, p.put("a_number", fanum(n.a_number, n.a_style)), f, 10)
        y += 12.5
    y += 14
    paras = body_text(n, rng)
    for para in paras[:1]:
        y = pg.para(54, y, para, f, 10, 504) + 8
    if n.response_due:
        before, date, after = due_sentence(n, dstyle)
        y = pg.para(54, y, before + p.put("response_due", date) + after, f, 10, 504, bold=False) + 8
    pages = [pg]
    if n.twopage:
        pg.text(306, 760, "Page 1 of 2", f, 8, align="c")
        pg2 = Page()
        pg2.text(54, 54, f"Receipt No.: {freceipt(n.receipt, 'plain')}", f, 9)
        pg2.text(558, 54, "Page 2 of 2", f, 9, align="r")
        y2 = 90.0
        pg2.text(54, y2, "Evidence to submit" if n.kind == "rfe" else "Grounds", f, 11, True)
        y2 += 18
        items = [
            "Evidence that the beneficiary's degree is equivalent to a U.S. bachelor's degree in a specific specialty.",
            "An itinerary of the services or engagements, with the dates and places of each.",
            "Copies of the beneficiary's pay statements for the last six months.",
            "A detailed description of the duties, with the share of time spent on each.",
        ]
        for i, item in enumerate(items, 1):
            y2 = pg2.para(72, y2, f"{i}. {item}", f, 10, 470) + 6
        for para in paras[1:]:
            y2 = pg2.para(54, y2 + 6, para, f, 10, 504) + 6
        pg2.text(54, y2 + 30, "Sincerely,", f, 10)
        pg2.text(54, y2 + 60, "Director, " + office[0].replace("USCIS ", ""), f, 10)
        pages.append(pg2)
    else:
        for para in paras[1:]:
            y = pg.para(54, y, para, f, 10, 504) + 8
        if n.appointment:
            y = appointment_block(pg, n, p, 54, y + 6, f)
        if n.i94:
            tear_off(pg, n, p, f)
        if n.amount:
            pg.text(54, y + 6, "Amount received: " + p.put("amount", famount(n.amount, 4)), f, 10)
        if n.valid_from and n.valid_to:
            pg.text(
                54,
                y + 22,
                "Validity: "
                + p.put("valid_from", fdate(n.valid_from, dstyle))
                + " through "
                + p.put("valid_to", fdate(n.valid_to, dstyle)),
                f,
                10,
            )
        pg.text(54, 760 if not n.i94 else 520, f"Form {form_letter(n)} 07/11/14", f, 7)
    return pages


def tear_off(pg: Page, n: Notice, p: Printed, f: str) -> None:
    """The I-94 at the foot of an I-797A (below a dashed cut line)."""
    assert n.i94
    y = 540.0
    pg.line(30, y, 582, y, 0.6, dash=True)
    pg.text(306, y + 10, "DETACH HERE", f, 6, align="c")
    pg.rect(54, y + 24, 504, 170)
    pg.text(64, y + 42, "Department of Homeland Security", f, 9, True)
    pg.text(64, y + 54, "U.S. Customs and Border Protection", f, 8)
    pg.text(548, y + 42, "OMB No. 1651-0111", f, 7, align="r")
    pg.text(306, y + 76, "I-94 Arrival-Departure Record", f, 12, True, "c")
    pg.text(64, y + 100, "I-94 Number:", f, 9, True)
    pg.text(150, y + 100, p.put("i94_number", fi94(n.i94, n.style)), f, 12)
    pg.text(64, y + 120, "Name:", f, 9, True)
    pg.text(150, y + 120, (n.beneficiary or n.applicant or "").upper(), f, 9)
    pg.text(64, y + 140, "Class:", f, 9, True)
    pg.text(150, y + 140, n.classification or "", f, 9)
    pg.text(300, y + 140, "Until:", f, 9, True)
    pg.text(340, y + 140, fdate(n.valid_to, "mdy") if n.valid_to else "", f, 9)
    pg.text(64, y + 178, "CBP Form I-94 (05/08)", f, 7)


# ---------------------------------------------------------------------------------------------
# Family "halfsheet" (reportlab): a compact notice in half a page; two of them share a sheet.


def fam_halfsheet(n: Notice, p: Printed, rng: random.Random, page: Page | None = None, top: float = 0.0) -> list[Page]:
    f = n.font
    pg = page or Page()
    y0 = top + 36
    pg.rect(36, y0, 540, 330, width=1.0)
    pg.text(48, y0 + 18, "Department of Homeland Security / USCIS", f, 8.5, True)
    pg.text(564, y0 + 18, p.put("notice_type", TITLES[n.kind]), f, 11, True, "r")
    pg.text(564, y0 + 30, f"{form_letter(n)}, Notice of Action", f, 8, align="r")
    pg.line(36, y0 + 38, 576, y0 + 38)
    cells = [
        ("RECEIPT #", freceipt(n.receipt, "plain"), "receipt_number"),
        ("FORM", fform(n.form, "compact" if n.style % 2 else "hyphen"), "form"),
    ]
    if n.received:
        cells.append(("RECEIVED", fdate(n.received, "mdy"), "received_date"))
    cells.append(("NOTICE DATE", fdate(n.notice_date, "mdy"), "notice_date"))
    cw = 540 / len(cells)
    for i, (label, value, key) in enumerate(cells):
        cx = 36 + i * cw
        if i:
            pg.line(cx, y0 + 38, cx, y0 + 70)
        pg.text(cx + 6, y0 + 48, label, f, 6.5, True)
        pg.text(cx + 6, y0 + 63, p.put(key, value), f, 10)
    pg.line(36, y0 + 70, 576, y0 + 70)
    y = y0 + 86
    if n.applicant:
        pg.text(48, y, "APPLICANT", f, 6.5, True)
        if n.a_number:
            pg.text(120, y, p.put("a_number", fanum(n.a_number, n.a_style)), f, 9.5)
            y += 12
        pg.text(120, y, p.put("applicant", n.applicant.upper()), f, 9.5)
        y += 16
    if n.petitioner:
        pg.text(48, y, "PETITIONER", f, 6.5, True)
        for part in wrap(n.petitioner.upper(), f, 9.5, 230):
            pg.text(120, y, p.put("petitioner", part), f, 9.5)
            y += 11.5
        y += 2.5
    if n.beneficiary:
        pg.text(48, y, "BENEFICIARY", f, 6.5, True)
        pg.text(120, y, p.put("beneficiary", n.beneficiary.upper()), f, 9.5)
        y += 14
    if n.amount:
        pg.text(48, y, "AMOUNT RECEIVED", f, 6.5, True)
        pg.text(120, y, p.put("amount", famount(n.amount, 2)), f, 9.5)
        y += 14
    address = addressee_lines(n, f, 8.5, 200)
    for i, line in enumerate(address):
        pg.text(360, y0 + 86 + i * 11, line, f, 8.5)
    y = max(y + 6, y0 + 86 + 11 * len(address) + 4)
    if n.appointment:
        y = appointment_block(pg, n, p, 48, y, f)
    for para in body_text(n, rng)[:1]:
        y = pg.para(48, y, para, f, 8, 516) + 4
    pg.text(48, y0 + 322, f"Form {form_letter(n)} 04/01/24", f, 6.5)
    return [pg]


# ---------------------------------------------------------------------------------------------
# Family "openform" (reportlab or fpdf2): a current notice without rules, labels over values in a
# loose grid (a label with nothing under it stays), the applicant block below, an ASC check-in stub.


def fam_openform(n: Notice, p: Printed, rng: random.Random) -> list[Page]:
    f = n.font
    pg = Page()
    pg.text(48, 50, "Department of Homeland Security", f, 8.5)
    pg.text(48, 62, "U.S. Citizenship and Immigration Services", f, 11, True)
    pg.text(564, 52, form_letter(n), f, 20, True, "r")
    pg.text(564, 66, "Notice of Action", f, 10, align="r")
    pg.text(306, 92, "THIS NOTICE DOES NOT GRANT ANY IMMIGRATION STATUS OR BENEFIT.", f, 7.5, True, "c")
    shown, rest = case_type(n, "compact" if n.style % 2 else "hyphen")
    y = 116.0
    cols = (48.0, 210.0, 372.0, 490.0)
    grid = [
        [
            ("Receipt Number", freceipt(n.receipt, "plain"), "receipt_number"),
            ("Case Type", f"{shown} - {rest}", "form"),
        ],
        [
            ("Received Date", fdate(n.received, "mdy") if n.received else "", "received_date"),
            ("Priority Date", fdate(n.priority, "mdy") if n.priority else "", "priority_date"),
            ("Notice Date", fdate(n.notice_date, "mdy"), "notice_date"),
            ("Page", "1 of 1", None),
        ],
    ]
    for row in grid:
        for i, (label, value, key) in enumerate(row):
            x = cols[i]
            pg.text(x, y, label, f, 7.5, True, grey=0.25)
            if not value:
                continue
            if key == "form":
                lines = wrap(value, f, 9.5, 564 - x)
                pg.text(x, y + 13, lines[0], f, 9.5)
                p.put("form", shown)
                for k, line in enumerate(lines[1:], 1):
                    pg.text(x, y + 13 + 11 * k, line, f, 9.5)
            else:
                pg.text(x, y + 13, p.put(key, value) if key else value, f, 9.5)
        y += 38
    people: list[tuple[str, list[str], str]] = []
    if n.applicant:
        lines = [p.put("a_number", fanum(n.a_number, n.a_style))] if n.a_number else []
        people.append(("Applicant", [*lines, p.put("applicant", n.applicant.upper())], "applicant"))
    if n.petitioner:
        people.append(
            (
                "Petitioner",
                [p.put("petitioner", part) for part in wrap(n.petitioner.upper(), f, 9.5, 150)],
                "petitioner",
            )
        )
    if n.beneficiary:
        people.append(("Beneficiary", [p.put("beneficiary", n.beneficiary.upper())], "beneficiary"))
    for i, (label, lines, _) in enumerate(people):
        x = cols[i]
        pg.text(x, y, label, f, 7.5, True, grey=0.25)
        for k, line in enumerate(lines):
            pg.text(x, y + 13 + 11 * k, line, f, 9.5)
    y += 24 + 11 * max((len(lines) for _, lines, _ in people), default=1)
    pg.line(48, y, 564, y, 0.4, grey=0.5)
    y += 22
    for k, line in enumerate(n.addressee):
        pg.text(64, y + 11 * k, line, f, 9.5)
    y += 11 * len(n.addressee) + 18
    pg.text(48, y, "Notice Type:", f, 9.5, True)
    pg.text(120, y, p.put("notice_type", TITLES[n.kind]), f, 9.5)
    y += 14
    if n.classification:
        pg.text(48, y, "Classification:", f, 9.5, True)
        pg.text(130, y, p.put("classification", n.classification), f, 9.5)
        if n.valid_from and n.valid_to:
            pg.text(
                250,
                y,
                "Valid from "
                + p.put("valid_from", fdate(n.valid_from, "mdy"))
                + " until "
                + p.put("valid_to", fdate(n.valid_to, "mdy")),
                f,
                9.5,
            )
        y += 14
    if n.amount:
        pg.text(
            48, y, "Amount received: " + p.put("amount", famount(n.amount, 2 + n.style)) + " (paid by check)", f, 9.5
        )
        y += 14
    y += 6
    for para in body_text(n, rng):
        y = pg.para(48, y, para, f, 9, 516) + 5
    if n.response_due:
        before, date, after = due_sentence(n, "mdy")
        y = pg.para(48, y, before + p.put("response_due", date) + after, f, 9, 516) + 5
    if n.appointment:
        day, hhmm, site = n.appointment
        y += 6
        pg.text(48, y, "Please appear at:", f, 9.5, True)
        pg.text(300, y, "On:", f, 9.5, True)
        pg.text(330, y, p.put("appointment", fdate(day, "long")), f, 9.5)
        pg.text(300, y + 12, "At:", f, 9.5, True)
        pg.text(330, y + 12, p.put("appointment", ftime(hhmm, n.style)), f, 9.5)
        for k, line in enumerate(site):
            pg.text(64, y + 12 + 11 * k, p.put("appointment", line) if k == 1 else line, f, 9.5)
        stub = 640.0
        pg.line(30, stub, 582, stub, 0.6, dash=True)
        pg.text(48, stub + 18, "APPLICATION SUPPORT CENTER USE ONLY - bring this page", f, 8, True)
        pg.rect(48, stub + 28, 516, 70)
        pg.text(56, stub + 44, "Receipt: " + freceipt(n.receipt, "plain"), f, 8.5)
        pg.text(56, stub + 58, (n.applicant or n.beneficiary or "").upper(), f, 8.5)
        pg.text(330, stub + 44, "[ ] Fingerprints   [ ] Photo   [ ] Signature", f, 8.5)
        pg.text(330, stub + 58, "Biometrics taken by: ________________", f, 8.5)
    elif n.i94:
        tear_off(pg, n, p, f)
    office = n.office
    if not n.i94:
        pg.text(48, 752, f"{office[0]}, {office[1]}, {office[2]}", f, 7.5, grey=0.3)
    pg.text(564, 772, f"Form {form_letter(n)} 02/12/23", f, 7, align="r")
    return [pg]


# ---------------------------------------------------------------------------------------------
# HTML families (chromium): "tablehead" (a ruled table whose label row is over its value row) and
# "account" (an online-account download: a definition list in two columns, a printed header and footer).


CSS_BASE = """
@page { size: %(paper)s; margin: 0.55in 0.6in; }
body { font-family: '%(font)s'; font-size: 9.5pt; color: #111; margin: 0; }
p { margin: 0 0 7pt 0; line-height: 1.3; }
"""


def html_tablehead(n: Notice, p: Printed, rng: random.Random) -> str:
    e = html.escape
    dstyle = "mdy" if n.style % 2 == 0 else "short"
    shown, rest = case_type(n, "compact" if n.style % 3 == 0 else "hyphen")
    heads = ["Receipt Number", "Case Type", "Received Date", "Notice Date"]
    vals = [
        p.put("receipt_number", freceipt(n.receipt, "plain")),
        p.put("form", shown) + " - " + rest,
        p.put("received_date", fdate(n.received, dstyle)) if n.received else "",
        p.put("notice_date", fdate(n.notice_date, dstyle)),
    ]
    row2h, row2v = [], []
    if n.priority:
        row2h.append("Priority Date")
        row2v.append(e(p.put("priority_date", fdate(n.priority, dstyle))))
    if n.petitioner:
        row2h.append("Petitioner")
        row2v.append(e(p.put("petitioner", n.petitioner.upper())))
    if n.applicant:
        row2h.append("Applicant")
        cell = ""
        if n.a_number:
            cell = e(p.put("a_number", fanum(n.a_number, n.a_style))) + "<br>"
        row2v.append(cell + e(p.put("applicant", n.applicant.upper())))
    if n.beneficiary:
        row2h.append("Beneficiary")
        row2v.append(e(p.put("beneficiary", n.beneficiary.upper())))
    row2h.append("Page")
    row2v.append("1 of 1")

    def trow(cells: list[str], tag: str, raw: bool = False) -> str:
        span = 4 // max(1, len(cells)) if len(cells) < 4 else 1
        out = []
        for i, c in enumerate(cells):
            cs = span + (4 - span * len(cells) if i == len(cells) - 1 else 0)
            out.append(f"<{tag} colspan='{cs}'>{c if raw else e(c)}</{tag}>")
        return "<tr>" + "".join(out) + "</tr>"

    extra = ""
    if n.classification:
        extra += f"<p><b>Class:</b> {e(p.put('classification', n.classification))}"
        if n.valid_from and n.valid_to:
            extra += f" &nbsp; <b>Valid from</b> {e(p.put('valid_from', fdate(n.valid_from, dstyle)))} <b>to</b> {e(p.put('valid_to', fdate(n.valid_to, dstyle)))}"
        extra += "</p>"
    if n.amount:
        extra += f"<p><b>Amount received:</b> {e(p.put('amount', famount(n.amount, n.style)))}</p>"
    body = "".join(f"<p>{e(t)}</p>" for t in body_text(n, rng))
    if n.response_due:
        before, date, after = due_sentence(n, "long")
        body += f"<p><b>{e(before)}{e(p.put('response_due', date))}{e(after)}</b></p>"
    appt = ""
    if n.appointment:
        day, hhmm, site = n.appointment
        appt = (
            "<table class='appt'><tr><th>Application Support Center</th><th>Date</th><th>Time</th></tr>"
            f"<tr><td>{e(site[0])}<br>{e(p.put('appointment', site[1]))}<br>{e(site[2])}</td>"
            f"<td>{e(p.put('appointment', fdate(day, 'long')))}</td><td>{e(p.put('appointment', ftime(hhmm, n.style + 2)))}</td></tr></table>"
        )
    i94 = ""
    if n.i94:
        i94 = (
            "<div class='tear'><div class='cut'>- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -</div>"
            "<h3>Departure Record</h3>"
            f"<p><b>I-94 No.</b> <span class='big'>{e(p.put('i94_number', fi94(n.i94, 1)))}</span></p>"
            f"<p><b>Family name</b> {e((n.beneficiary or '').split(',')[0])}</p></div>"
        )
    addr = "<br>".join(e(x) for x in n.addressee)
    office = n.office
    return f"""<!doctype html><html><head><meta charset='utf-8'><style>{CSS_BASE % {"font": FONT_FAMILY[n.font], "paper": n.paper}}
.top {{ display:flex; justify-content:space-between; align-items:flex-end; border-bottom: 2px solid #000; padding-bottom:4pt; }}
.top .t {{ font-size: 15pt; font-weight: bold; }}
table.grid {{ width:100%; border-collapse: collapse; margin-top: 8pt; table-layout: fixed; }}
table.grid th {{ background:#d9d9d9; font-size:7pt; text-align:left; padding:2pt 4pt; border:1px solid #000; text-transform: uppercase; }}
table.grid td {{ font-size:9.5pt; padding:3pt 4pt 5pt 4pt; border:1px solid #000; vertical-align: top; }}
.kind {{ margin: 10pt 0 6pt 0; font-size: 11pt; }}
.cols {{ display:flex; gap: 18pt; margin-top: 10pt; }} .cols > div {{ flex: 1; }}
table.appt {{ border-collapse: collapse; margin: 6pt 0; }} table.appt th, table.appt td {{ border: 1px solid #444; padding: 3pt 6pt; font-size: 9pt; text-align:left; vertical-align: top; }}
.tear {{ margin-top: 30pt; border: 1px solid #000; padding: 6pt 10pt; }} .cut {{ letter-spacing: 1pt; color:#555; font-size: 7pt; }}
.big {{ font-size: 13pt; letter-spacing: 1pt; }}
.foot {{ margin-top: 18pt; font-size: 7.5pt; border-top: 1px solid #000; padding-top: 4pt; }}
</style></head><body>
<div class='top'><div>THE UNITED STATES OF AMERICA<br><b>U.S. Citizenship and Immigration Services</b></div><div class='t'>{form_letter(n)} | Notice of Action</div></div>
<table class='grid'>{trow(heads, "th")}{trow(vals, "td")}{trow(row2h, "th")}{trow(row2v, "td", raw=True)}</table>
<div class='kind'><b>Notice Type:</b> {e(p.put("notice_type", TITLES[n.kind]))}</div>
{extra}
<div class='cols'><div>{addr}</div><div>{body}{appt}</div></div>
<div class='foot'>{e(office[0])} &middot; {e(office[1])} &middot; {e(office[2])}<br>Form {form_letter(n)} 04/01/24</div>
{i94}
</body></html>"""


def html_account(n: Notice, p: Printed, rng: random.Random) -> str:
    e = html.escape
    dstyle = "short" if n.style % 2 == 0 else "long"
    items: list[tuple[str, str]] = []

    def item(label: str, value: str, key: str | None) -> None:
        items.append((label, e(p.put(key, value)) if key else e(value)))

    item("Receipt number", freceipt(n.receipt, "plain"), "receipt_number")
    item("Form", fform(n.form, "hyphen"), "form")
    item("Notice type", TITLES[n.kind], "notice_type")
    item("Notice date", fdate(n.notice_date, dstyle), "notice_date")
    if n.received:
        item("Date we received your case", fdate(n.received, dstyle), "received_date")
    if n.priority:
        item("Priority date", fdate(n.priority, dstyle), "priority_date")
    if n.applicant:
        if n.a_number:
            items.append(
                (
                    "Applicant",
                    e(p.put("a_number", fanum(n.a_number, n.a_style))) + "<br>" + e(p.put("applicant", n.applicant)),
                )
            )
        else:
            item("Applicant", n.applicant, "applicant")
    if n.petitioner:
        item("Petitioner", n.petitioner, "petitioner")
    if n.beneficiary:
        item("Beneficiary", n.beneficiary, "beneficiary")
    if n.classification:
        item("Classification", n.classification, "classification")
    if n.valid_from and n.valid_to:
        items.append(
            (
                "Validity period",
                e(p.put("valid_from", fdate(n.valid_from, dstyle)))
                + " &ndash; "
                + e(p.put("valid_to", fdate(n.valid_to, dstyle))),
            )
        )
    if n.amount:
        item("Amount paid", famount(n.amount, 0), "amount")
    if n.response_due:
        item("Respond by", fdate(n.response_due, dstyle), "response_due")
    if n.appointment:
        day, hhmm, site = n.appointment
        items.append(
            (
                "Appointment",
                e(p.put("appointment", fdate(day, "long")))
                + ", "
                + e(p.put("appointment", ftime(hhmm, n.style)))
                + "<br>"
                + e(site[0])
                + "<br>"
                + e(p.put("appointment", site[1]))
                + "<br>"
                + e(site[2]),
            )
        )
    if n.i94:
        item("Form I-94 number", fi94(n.i94, 0), "i94_number")
    dl = "".join(f"<div class='it'><dt>{e(label)}</dt><dd>{value}</dd></div>" for label, value in items)
    body = "".join(f"<p>{e(t)}</p>" for t in body_text(n, rng))
    return f"""<!doctype html><html><head><meta charset='utf-8'><style>{CSS_BASE % {"font": FONT_FAMILY[n.font], "paper": n.paper}}
h1 {{ font-size: 17pt; margin: 4pt 0 2pt 0; }} .sub {{ color:#333; margin-bottom: 10pt; }}
dl {{ display:grid; grid-template-columns: 1fr 1fr; column-gap: 24pt; row-gap: 6pt; margin: 0 0 14pt 0; }}
.it {{ border-bottom: 1px solid #bbb; padding-bottom: 3pt; }} dt {{ font-size: 7.5pt; color:#444; }} dd {{ margin:0; font-size: 10.5pt; }}
.banner {{ background:#0b2a4a; color:#fff; padding: 6pt 10pt; font-weight:bold; }}
</style></head><body>
<div class='banner'>U.S. Citizenship and Immigration Services &mdash; Online Account</div>
<h1>{form_letter(n)}, Notice of Action</h1><div class='sub'>Document downloaded from your USCIS online account</div>
<dl>{dl}</dl>{body}
<p style='font-size:8pt;color:#444'>This electronic notice has the same effect as a paper notice. {e(n.office[0])}.</p>
</body></html>"""


HTML_FAMILIES: dict[str, Callable[[Notice, Printed, random.Random], str]] = {
    "tablehead": html_tablehead,
    "account": html_account,
}
CANVAS_FAMILIES: dict[str, Callable[[Notice, Printed, random.Random], list[Page]]] = {
    "ledger": fam_ledger,
    "openform": fam_openform,
    "sidebar": fam_sidebar,
    "leader": fam_leader,
    "rightcol": fam_rightcol,
    "halfsheet": fam_halfsheet,
}


# ---------------------------------------------------------------------------------------------
# Word family (LibreOffice): "wordletter", a letter on letterhead with a tab-aligned facts block.


def a4(section: Any, paper: str) -> None:
    from docx.shared import Mm, Pt

    if paper == "A4":
        section.page_width, section.page_height = Mm(210), Mm(297)
    else:
        section.page_width, section.page_height = Pt(612), Pt(792)


def docx_wordletter(notices: list[Notice], printed: list[Printed], rng: random.Random, path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.created = FIXED_TIME.replace(tzinfo=None)
    doc.core_properties.modified = FIXED_TIME.replace(tzinfo=None)
    doc.core_properties.author = "USCIS"
    doc.core_properties.last_modified_by = "USCIS"
    style = doc.styles["Normal"]
    style.font.name = FONT_FAMILY[notices[0].font]
    style.font.size = Pt(10.5)
    for s in doc.sections:
        s.left_margin = s.right_margin = Pt(64)
        a4(s, notices[0].paper)
        s.top_margin = s.bottom_margin = Pt(50)
    for idx, (n, p) in enumerate(zip(notices, printed, strict=True)):
        if idx:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        office = n.office
        head = doc.add_paragraph()
        r = head.add_run("U.S. Department of Homeland Security\n")
        r.bold = True
        head.add_run(f"{office[0]}\n{office[1]}\n{office[2]}")
        right = doc.add_paragraph()
        right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        rr = right.add_run("U.S. Citizenship\nand Immigration\nServices")
        rr.bold = True
        rr.font.size = Pt(14)
        dstyle = "long" if n.style % 2 == 0 else "mdy"
        doc.add_paragraph(p.put("notice_date", fdate(n.notice_date, dstyle)))
        doc.add_paragraph("\n".join(n.addressee))
        facts = doc.add_paragraph()
        facts.paragraph_format.tab_stops.add_tab_stop(Pt(130))
        lines: list[tuple[str, str]] = []
        lines.append(("RE:", "Form " + p.put("form", fform(n.form, "hyphen")) + ", " + CASE_TYPES[n.form].title()))
        lines.append(("Receipt Number:", p.put("receipt_number", freceipt(n.receipt, "plain"))))
        if n.petitioner:
            lines.append(("Petitioner:", p.put("petitioner", n.petitioner)))
        if n.beneficiary:
            lines.append(("Beneficiary:", p.put("beneficiary", n.beneficiary)))
        if n.applicant:
            lines.append(("Applicant:", p.put("applicant", n.applicant)))
            if n.a_number:
                lines.append(("A-Number:", p.put("a_number", fanum(n.a_number, n.a_style))))
        if n.received:
            lines.append(("Filed:", p.put("received_date", fdate(n.received, dstyle))))
        for i, (label, value) in enumerate(lines):
            run = facts.add_run(label)
            run.bold = True
            facts.add_run("\t" + value + ("\n" if i < len(lines) - 1 else ""))
        t = doc.add_paragraph()
        t.alignment = WD_ALIGN_PARAGRAPH.CENTER
        tr = t.add_run(p.put("notice_type", TITLES[n.kind].upper()))
        tr.bold = True
        tr.font.size = Pt(13)
        salutation = "Dear " + (n.petitioner or n.applicant or "Sir or Madam") + ":"
        doc.add_paragraph(salutation)
        for para in body_text(n, rng):
            doc.add_paragraph(para)
        if n.response_due:
            before, date, after = due_sentence(n, dstyle)
            par = doc.add_paragraph()
            par.add_run(before)
            par.add_run(p.put("response_due", date)).bold = True
            par.add_run(after)
        doc.add_paragraph("Sincerely,\n\n\nField Office Director")
    doc.save(str(path))


def docx_wordtable(notices: list[Notice], printed: list[Printed], rng: random.Random, path: Path) -> None:
    """Family "wordtable": a notice typed into a Word table, each cell a small label over its value."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.created = FIXED_TIME.replace(tzinfo=None)
    doc.core_properties.modified = FIXED_TIME.replace(tzinfo=None)
    doc.core_properties.author = "USCIS"
    doc.core_properties.last_modified_by = "USCIS"
    doc.styles["Normal"].font.name = FONT_FAMILY[notices[0].font]
    doc.styles["Normal"].font.size = Pt(10)
    for sec in doc.sections:
        sec.left_margin = sec.right_margin = Pt(50)
        a4(sec, notices[0].paper)
        sec.top_margin = sec.bottom_margin = Pt(40)
    for idx, (n, p) in enumerate(zip(notices, printed, strict=True)):
        if idx:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        head = doc.add_paragraph()
        run = head.add_run("THE UNITED STATES OF AMERICA")
        run.bold = True
        run.font.size = Pt(8)
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = doc.add_paragraph()
        t = title.add_run(f"{form_letter(n)}, Notice of Action")
        t.bold = True
        t.font.size = Pt(15)
        title.add_run("\nDepartment of Homeland Security - U.S. Citizenship and Immigration Services").font.size = Pt(9)
        shown, rest = case_type(n, "compact" if n.style % 2 == 0 else "hyphen")
        cells: list[tuple[str, str, str | None]] = [
            ("RECEIPT NUMBER", freceipt(n.receipt, "plain"), "receipt_number"),
            ("CASE TYPE", f"{shown} - {rest}", "form"),
            ("NOTICE TYPE", TITLES[n.kind], "notice_type"),
        ]
        if n.received:
            cells.append(("RECEIVED DATE", fdate(n.received, "mdy"), "received_date"))
        if n.priority:
            cells.append(("PRIORITY DATE", fdate(n.priority, "mdy"), "priority_date"))
        cells.append(("NOTICE DATE", fdate(n.notice_date, "mdy"), "notice_date"))
        if n.petitioner:
            cells.append(("PETITIONER", n.petitioner.upper(), "petitioner"))
        if n.beneficiary:
            cells.append(("BENEFICIARY", n.beneficiary.upper(), "beneficiary"))
        if n.applicant:
            cells.append(("APPLICANT", n.applicant.upper(), "applicant"))
        if n.classification:
            cells.append(("CLASS", n.classification, "classification"))
        if n.valid_from and n.valid_to:
            cells.append(("VALID FROM", fdate(n.valid_from, "mdy"), "valid_from"))
            cells.append(("VALID TO", fdate(n.valid_to, "mdy"), "valid_to"))
        if n.amount:
            cells.append(("AMOUNT RECEIVED", famount(n.amount, n.style + 3), "amount"))
        columns = 3
        table = doc.add_table(rows=(len(cells) + columns - 1) // columns, cols=columns)
        table.style = "Table Grid"
        for k, (label, value, key) in enumerate(cells):
            cell = table.cell(k // columns, k % columns)
            lab = cell.paragraphs[0].add_run(label)
            lab.bold = True
            lab.font.size = Pt(6.5)
            if key == "applicant" and n.a_number:
                cell.add_paragraph(p.put("a_number", fanum(n.a_number, n.a_style)))
            if key == "form":
                p.put("form", shown)
                cell.add_paragraph(value)
            elif key:
                cell.add_paragraph(p.put(key, value))
        doc.add_paragraph()
        doc.add_paragraph("\n".join(n.addressee))
        for para in body_text(n, rng):
            doc.add_paragraph(para).paragraph_format.space_after = Pt(4)
        if n.appointment:
            day, hhmm, site = n.appointment
            appt = doc.add_table(rows=2, cols=2)
            appt.style = "Table Grid"
            appt.cell(0, 0).text = "APPLICATION SUPPORT CENTER"
            appt.cell(0, 1).text = "DATE AND TIME OF APPOINTMENT"
            appt.cell(1, 0).text = f"{site[0]}\n{p.put('appointment', site[1])}\n{site[2]}"
            appt.cell(
                1, 1
            ).text = f"{p.put('appointment', fdate(day, 'mdy'))}\n{p.put('appointment', ftime(hhmm, n.style))}"
        office = n.office
        foot = doc.add_paragraph(f"\n{office[0]}\n{office[1]}\n{office[2]}")
        foot.runs[0].font.size = Pt(8)
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# The cases behind the notices.

APPLICANT_FORMS = ("I-485", "I-765", "I-131", "I-539", "I-751", "N-400", "I-90", "I-821D", "N-600")
KIND_FORMS = {
    "receipt": (
        "I-129",
        "I-140",
        "I-130",
        "I-485",
        "I-765",
        "I-131",
        "I-539",
        "I-751",
        "N-400",
        "I-90",
        "I-129F",
        "I-821D",
        "I-360",
        "N-600",
    ),
    "i907": ("I-129", "I-140"),
    "biometrics": ("I-485", "I-765", "I-539", "I-90", "N-400", "I-751", "I-131", "I-821D"),
    "transfer": ("I-130", "I-485", "I-751", "I-129", "I-765"),
    "rejection": ("I-765", "I-90", "I-131", "I-130"),
    "approval": ("I-129", "I-140", "I-130", "I-129F"),
    "approval94": ("I-129", "I-539"),
    "approvalb": ("I-129",),
    "rfe": ("I-129", "I-140", "I-485", "I-765", "I-130"),
    "noid": ("I-130", "I-140", "I-751", "I-485"),
    "noir": ("I-129", "I-140"),
    "denial": ("I-485", "I-129", "I-765", "I-539"),
}
ERA_YEARS = {"now": (2024, 2025), "mid": (2015, 2019), "old": (2004, 2009), "ins": (2001, 2002)}
PREFIXES = {
    "now": ("IOE", "WAC", "EAC", "LIN", "SRC", "MSC", "YSC"),
    "mid": ("WAC", "EAC", "LIN", "SRC", "MSC", "YSC"),
    "old": ("WAC", "EAC", "LIN", "SRC", "MSC"),
    "ins": ("WAC", "EAC", "LIN", "SRC"),
}


def person(rng: random.Random, last_first: bool = True) -> str:
    given, family, middle = rng.choice(GIVEN), rng.choice(FAMILY), rng.choice(MIDDLE)
    if last_first:
        return name_last_first(given, middle, family)
    return f"{given} {middle + '. ' if middle else ''}{family}"


def address_block(rng: random.Random, name: str, care_of: tuple[str, str] | None = None) -> list[str]:
    city, state, zip5 = rng.choice(CITIES)
    street = f"{rng.randint(100, 9899)} {rng.choice(STREETS)}"
    if care_of:
        return [
            care_of[0].upper(),
            care_of[1].upper(),
            f"{street.upper()} STE {rng.randint(100, 990)}",
            f"{city.upper()} {state} {zip5}-{rng.randint(1000, 9999)}",
        ]
    return [name.upper(), street.upper(), f"{city.upper()} {state} {zip5}"]


def receipt_number(rng: random.Random, received: dt.date, era: str) -> str:
    prefix = rng.choice(PREFIXES[era])
    fiscal = received.year + (1 if received.month >= 10 else 0)
    if prefix == "IOE":
        return f"IOE{rng.randint(80, 99):02d}{rng.randint(10**7, 10**8 - 1)}"
    day = (received - dt.date(fiscal - 1, 10, 1)).days + 1
    return f"{prefix}{fiscal % 100:02d}{day:03d}{rng.randint(10000, 99999)}"


def make_notice(
    rng: random.Random, kind: str, family: str, font: str, era: str = "now", form: str | None = None, **over: Any
) -> Notice:
    form = form or rng.choice([f for f in KIND_FORMS[kind] if era != "ins" or f != "I-821D"])
    lo, hi = ERA_YEARS[era]
    received = dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
    receipt = receipt_number(rng, received, era)
    later = {
        "receipt": (3, 20),
        "i907": (3, 15),
        "biometrics": (15, 45),
        "transfer": (60, 200),
        "rejection": (5, 20),
        "approval": (40, 300),
        "approval94": (40, 200),
        "approvalb": (40, 200),
        "rfe": (30, 150),
        "noid": (120, 300),
        "noir": (300, 600),
        "denial": (150, 500),
    }[kind]
    notice_date = received + dt.timedelta(days=rng.randint(*later))
    n = Notice(
        kind=kind,
        form=form,
        receipt=receipt,
        notice_date=notice_date,
        family=family,
        font=font,
        era=era,
        style=rng.randint(0, 5),
    )
    if kind not in ("rejection",) or rng.random() < 0.5:
        n.received = received
    if kind == "rejection":
        n.receipt = receipt
    base = "I-129" if form == "I-907" else form
    if base in PETITIONS:
        if base in ("I-129", "I-140"):
            n.petitioner = rng.choice(COMPANIES)
        else:
            n.petitioner = person(rng, rng.random() < 0.7)
        n.beneficiary = person(rng, True)
    else:
        n.applicant = person(rng, rng.random() < 0.8)
        if rng.random() < 0.8:
            digits = (
                f"{rng.randint(10**7, 10**8 - 1):08d}"
                if rng.random() < 0.15
                else f"{rng.randint(200_000_000, 240_000_000):09d}"
            )
            n.a_number = digits.zfill(9)
            n.a_style = rng.randint(0, 5)
    if form in ("I-140", "I-130") and kind in ("receipt", "approval", "rfe", "noid", "transfer"):
        n.priority = received - dt.timedelta(days=rng.randint(0, 400)) if form == "I-140" else received
    if kind in ("receipt", "i907"):
        table = INS_FEES if era == "ins" else OLD_FEES if era != "now" else FEES
        n.amount = table["I-907" if kind == "i907" else form]
        if kind == "i907":
            n.form = "I-907"
    if kind in ("approval", "approval94", "approvalb") and base in CLASSES:
        n.classification = rng.choice(CLASSES[base])
        if base in ("I-129", "I-539"):
            n.valid_from = notice_date + dt.timedelta(days=rng.randint(0, 60))
            n.valid_to = dt.date(
                n.valid_from.year + rng.choice((1, 2, 3)), n.valid_from.month, min(n.valid_from.day, 28)
            ) - dt.timedelta(days=1)
    if kind == "approval94":
        n.i94 = f"{rng.randint(10**8, 10**9 - 1)}{rng.randint(10, 99)}"
    if kind == "rfe":
        n.response_due = notice_date + dt.timedelta(days=87)
    if kind in ("noid", "noir"):
        n.response_due = notice_date + dt.timedelta(days=33)
    if kind == "biometrics":
        day = notice_date + dt.timedelta(days=rng.randint(12, 30))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        n.appointment = (day, rng.choice(("08:00", "09:00", "10:30", "13:00", "14:00", "15:30")), rng.choice(ASC_SITES))
    if rng.random() < 0.5:
        n.addressee = address_block(rng, "", rng.choice(ATTORNEYS))
    else:
        n.addressee = address_block(rng, n.applicant or n.petitioner or "")
    for key, value in over.items():
        setattr(n, key, value)
    return n


# ---------------------------------------------------------------------------------------------
# Files: each is a list of parts; a part is one or more notices drawn by one producer, then kept as
# text or turned into a scan or an image.


@dataclass
class Part:
    notices: list[Notice]
    producer: str  # reportlab, fpdf2, chromium, soffice, nonnotice
    family: str
    rewrite: str | None = None  # pdftocairo or qpdf
    scan: dict[str, Any] | None = None  # how a scanned part is degraded (None: printed)
    blank_backs: bool = False
    nonnotice: str | None = None
    sheet: bool = False  # two notices on one sheet (halfsheet)


@dataclass
class FileSpec:
    name: str
    medium: str
    label: str
    parts: list[Part]
    image: str | None = None  # jpeg, png, tiff, tiff-g4 for image files
    photo: bool = False


SANS = ("DejaVuSans", "LiberationSans", "Carlito", "LiberationSansNarrow", "DejaVuSansCondensed")
SERIF = ("LiberationSerif", "DejaVuSerif", "Caladea")
MONO = ("DejaVuSansMono", "LiberationMono")
FAMILY_FONTS = {
    "ledger": SANS,
    "sidebar": SANS + SERIF,
    "leader": MONO,
    "rightcol": SERIF + SANS[:2],
    "halfsheet": SANS,
    "tablehead": SANS + SERIF,
    "account": SANS,
    "wordletter": (*SERIF, "Carlito", "LiberationSans"),
    "openform": (*SANS, "Caladea"),
    "wordtable": ("Carlito", "LiberationSans", "DejaVuSans", "LiberationSerif"),
}
FAMILY_KINDS = {
    "ledger": ("receipt", "i907", "biometrics", "approval", "approval94", "transfer", "rejection"),
    "sidebar": ("receipt", "biometrics", "approval", "approvalb", "transfer", "rfe"),
    "leader": ("receipt", "approval", "approval94", "biometrics", "transfer", "i907"),
    "rightcol": ("rfe", "noid", "noir", "denial", "approval94", "receipt"),
    "halfsheet": ("receipt", "biometrics", "transfer", "rejection"),
    "tablehead": ("receipt", "i907", "approval", "approval94", "biometrics", "rfe"),
    "account": ("receipt", "biometrics", "approval", "rfe", "transfer", "denial"),
    "wordletter": ("rfe", "noid", "noir", "denial"),
    "openform": ("receipt", "biometrics", "rejection", "approval94", "rfe"),
    "wordtable": ("receipt", "biometrics", "approval", "transfer", "i907"),
}
FAMILY_PRODUCER = {
    "ledger": ("reportlab", "fpdf2"),
    "sidebar": ("fpdf2", "reportlab"),
    "leader": ("fpdf2",),
    "rightcol": ("reportlab", "fpdf2"),
    "halfsheet": ("reportlab",),
    "tablehead": ("chromium",),
    "account": ("chromium",),
    "wordletter": ("soffice",),
    "openform": ("reportlab", "fpdf2"),
    "wordtable": ("soffice",),
}


def catalogue(seed: int) -> list[FileSpec]:
    rng = random.Random(seed)
    files: list[FileSpec] = []
    count = [0]

    def name(ext: str) -> str:
        count[0] += 1
        return f"n6-{count[0]:03d}.{ext}"

    def one(kind: str, family: str, **over: Any) -> Notice:
        era = over.pop("era", rng.choice(("old", "ins")) if family == "leader" else rng.choice(("now", "now", "mid")))
        n = make_notice(rng, kind, family, rng.choice(FAMILY_FONTS[family]), era, **over)
        if family in ("tablehead", "account", "wordletter", "wordtable") and rng.random() < 0.3:
            n.paper = "A4"
        return n

    def part(notices: list[Notice], **kw: Any) -> Part:
        fam = notices[0].family
        producer = kw.pop("producer", rng.choice(FAMILY_PRODUCER[fam]))
        return Part(notices, producer, fam, **kw)

    # text PDFs: every family and its kinds in turn
    rewrites = [None, None, "pdftocairo", None, "qpdf"]
    singles = []
    order = {family: list(kinds) for family, kinds in FAMILY_KINDS.items() if family != "halfsheet"}
    for kinds in order.values():
        rng.shuffle(kinds)
    while len(singles) < 28:
        for family, kinds in order.items():
            if kinds and len(singles) < 28:
                singles.append((family, kinds.pop()))
    for i, (family, kind) in enumerate(singles):
        n = one(kind, family, twopage=(kind in ("rfe", "noid") and family == "rightcol"))
        files.append(
            FileSpec(
                name("pdf"),
                "text-pdf",
                f"{TITLES[kind].lower()} ({n.form}), {family}",
                [part([n], rewrite=rewrites[i % len(rewrites)] if family not in ("wordletter",) else None)],
            )
        )
    # multi-notice text files
    base = one("receipt", "ledger", form="I-129", era="now")
    pp = replace(
        base, kind="i907", form="I-907", amount=FEES["I-907"], notice_date=base.notice_date + dt.timedelta(days=1)
    )
    appr = replace(
        base,
        kind="approval",
        amount=None,
        classification="H1B",
        notice_date=base.notice_date + dt.timedelta(days=12),
        valid_from=base.notice_date + dt.timedelta(days=40),
        valid_to=base.notice_date + dt.timedelta(days=40 + 3 * 365 - 1),
    )
    files.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "I-129 receipt, I-907 receipt and approval, one receipt number",
            [part([base], producer="fpdf2"), part([pp], producer="fpdf2"), part([appr], producer="fpdf2")],
        )
    )
    a = one("receipt", "halfsheet", form="I-765", era="now")
    b = replace(
        one("receipt", "halfsheet", form="I-131", era="now"),
        applicant=a.applicant,
        a_number=a.a_number,
        a_style=a.a_style,
        addressee=a.addressee,
        received=a.received,
        notice_date=a.notice_date,
        font=a.font,
    )
    if b.receipt[:3] == a.receipt[:3] and a.receipt[:3] != "IOE":
        b.receipt = a.receipt[:-5] + f"{(int(a.receipt[-5:]) + 1) % 100000:05d}"
    files.append(
        FileSpec(name("pdf"), "text-pdf", "two receipts for one applicant on one sheet", [part([a, b], sheet=True)])
    )
    r1 = one("rfe", "rightcol", form="I-140", twopage=True, era="mid")
    r2 = replace(
        r1,
        kind="approval",
        response_due=None,
        twopage=False,
        notice_date=r1.response_due - dt.timedelta(days=20),
        classification="E21",
    )
    files.append(
        FileSpec(
            name("pdf"), "text-pdf", "two-page RFE then its approval", [part([r1]), part([r2], producer="reportlab")]
        )
    )

    # scanned PDFs
    def fx(dpi: int, **kw: Any) -> dict[str, Any]:
        kw.setdefault("tone", rng.randint(236, 250))
        kw.setdefault("ink", rng.randint(20, 45))
        kw.setdefault("noise", rng.choice((3, 4, 6, 8)))
        kw.setdefault("skew", round(rng.uniform(-1.6, 1.6), 2))
        kw.setdefault("blur", round(rng.uniform(0.3, 0.9), 2))
        kw.setdefault("specks", rng.choice((0, 20, 60)))
        kw.setdefault("lamp", rng.choice((0, 0, 14, 24)))
        kw.setdefault("jpeg", None if kw.get("fax") else rng.choice((40, 55, 70, 85)))
        return {"dpi": dpi, **kw}

    scans = [
        ("receipt", "ledger", fx(300, jpeg=70), {}),
        ("biometrics", "tablehead", fx(200, jpeg=50, lamp=20), {}),
        ("approval94", "rightcol", fx(300, rotate=180), {}),
        ("rfe", "wordletter", fx(200, fax=True, jpeg=None, skew=0.4, noise=0, specks=0, lamp=0), {}),
        ("receipt", "account", fx(150, blur=0.8, jpeg=40, specks=60), {}),
        ("noid", "rightcol", fx(300, skew=0.5), {"blank_backs": True, "twopage": True}),
        ("approvalb", "sidebar", fx(200, rotate=90, note=True), {}),
        ("receipt", "leader", fx(200, fax=True, jpeg=None, noise=0, lamp=0), {}),
        ("denial", "account", fx(240, tone=232, ink=70, skew=-2.2), {}),
        ("receipt", "openform", fx(300, ocr=True), {}),
        ("i907", "wordtable", fx(200, ocr=True, jpeg=60), {}),
    ]
    for kind, family, effect, extra in scans:
        blank = extra.pop("blank_backs", False)
        n = one(kind, family, **extra)
        files.append(
            FileSpec(
                name("pdf"),
                "scan-pdf",
                f"{TITLES[kind].lower()} ({n.form}), {family}, scanned",
                [part([n], scan=effect, blank_backs=blank)],
            )
        )
    base = one("receipt", "tablehead", form="I-140", era="now")
    pp = replace(
        base, kind="i907", form="I-907", amount=FEES["I-907"], notice_date=base.notice_date + dt.timedelta(days=2)
    )
    appr = replace(
        base, kind="approval", amount=None, classification="E21", notice_date=base.notice_date + dt.timedelta(days=13)
    )
    effect = fx(200)
    files.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "I-140 receipt, I-907 receipt and approval, one receipt number, scanned",
            [part([base], scan=effect), part([pp], scan=effect), part([appr], scan=effect)],
        )
    )
    a = one("biometrics", "halfsheet", form="I-765", era="now")
    b = replace(
        one("receipt", "halfsheet", form="I-539", era="now"),
        applicant=a.applicant,
        a_number=a.a_number,
        a_style=a.a_style,
        addressee=a.addressee,
        font=a.font,
    )
    files.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "an appointment and a receipt on one sheet, scanned",
            [part([a, b], sheet=True, scan=fx(300, skew=1.1))],
        )
    )
    r485 = one("receipt", "sidebar", form="I-485", era="now")
    r765 = replace(
        r485,
        form="I-765",
        amount=FEES["I-765"],
        style=r485.style + 1,
        receipt=r485.receipt[:-5] + f"{(int(r485.receipt[-5:]) + 1) % 100000:05d}",
    )
    bio = replace(
        r485, kind="biometrics", amount=None, family="ledger", notice_date=r485.notice_date + dt.timedelta(days=19)
    )
    bio.appointment = (
        bio.notice_date + dt.timedelta(days=16 + (7 - (bio.notice_date + dt.timedelta(days=16)).weekday()) % 7),
        "09:00",
        rng.choice(ASC_SITES),
    )
    effect = fx(200)
    files.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "one applicant's I-485 and I-765 receipts and appointment, duplex scan",
            [
                part([r485], scan=effect, blank_backs=True),
                part([r765], scan=effect, blank_backs=True),
                part([bio], producer="reportlab", scan=effect, blank_backs=True),
            ],
        )
    )
    files.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "attorney cover letter quoting a notice, scanned",
            [Part([], "fpdf2", "none", nonnotice="cover", scan=fx(200))],
        )
    )
    # mixed batches: printed and scanned pages in one PDF
    t1 = one("transfer", "ledger")
    s1 = one("rfe", "wordletter")
    t2 = one("receipt", "account")
    files.append(
        FileSpec(
            name("pdf"),
            "mixed-pdf",
            "mail batch: printed transfer, scanned RFE, printed receipt",
            [part([t1]), part([s1], scan=fx(200)), part([t2])],
        )
    )
    t3 = one("approval", "tablehead")
    s3 = one("receipt", "leader")
    files.append(
        FileSpec(
            name("pdf"),
            "mixed-pdf",
            "mail batch: printed approval, faxed receipt",
            [part([t3]), part([s3], scan=fx(200, fax=True, jpeg=None, noise=0, lamp=0))],
        )
    )
    # images
    images = [
        ("receipt", "ledger", "jpeg", "jpg", fx(150, photo=True, jpeg=None, skew=0, specks=0, lamp=0), {}),
        ("biometrics", "sidebar", "jpeg", "jpg", fx(150, photo=True, note=True, jpeg=None, skew=0, lamp=0), {}),
        ("approval", "rightcol", "png", "png", fx(200, jpeg=None), {}),
        ("receipt", "tablehead", "png", "png", fx(200, jpeg=None, rotate=180), {}),
        ("rejection", "ledger", "tiff-g4", "tif", fx(200, fax=True, jpeg=None, noise=0, lamp=0), {}),
        ("rfe", "rightcol", "tiff", "tiff", fx(200, jpeg=None), {"twopage": True}),
        ("transfer", "account", "jpeg", "jpeg", fx(200, jpeg=None, rotate=270), {}),
        ("approval94", "ledger", "jpeg", "jpg", fx(150, photo=True, jpeg=None, skew=0, lamp=0), {}),
    ]
    for kind, family, fmt, ext, effect, extra in images:
        n = one(kind, family, **extra)
        files.append(
            FileSpec(
                name(ext),
                "image",
                f"{TITLES[kind].lower()} ({n.form}), {family}, {fmt}{', photo' if effect.get('photo') else ''}",
                [part([n], scan=effect)],
                image=fmt,
            )
        )
    files.append(
        FileSpec(
            name("jpg"),
            "image",
            "fee invoice quoting receipt numbers, photo",
            [Part([], "soffice", "none", nonnotice="invoice", scan=fx(150, photo=True, jpeg=None, skew=0))],
            image="jpeg",
        )
    )
    c1 = one("receipt", "account")
    c2 = one("noid", "wordletter")
    c3 = one("approval94", "openform")
    files.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "a paralegal's compiled PDF: three notices of three cases from three producers",
            [part([c1]), part([c2]), part([c3])],
        )
    )
    # non-notices
    files.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "attorney cover letter quoting a notice",
            [Part([], "reportlab", "none", nonnotice="cover")],
        )
    )
    files.append(
        FileSpec(
            name("pdf"), "text-pdf", "case-status page printout", [Part([], "chromium", "none", nonnotice="status")]
        )
    )
    files.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "fee invoice quoting receipt numbers",
            [Part([], "soffice", "none", nonnotice="invoice")],
        )
    )
    return files


# ---------------------------------------------------------------------------------------------
# Things that are not notices but quote them.


def nonnotice_pages(kind: str, rng: random.Random) -> list[Page]:
    f = "LiberationSerif"
    pg = Page()
    receipt = receipt_number(rng, dt.date(2025, 3, 4), "now")
    who = person(rng, False)
    if kind == "cover":
        att = rng.choice(ATTORNEYS)
        pg.text(306, 60, att[1], f, 14, True, "c")
        pg.text(306, 76, "1420 Cedar Terrace, Suite 300 | Tucson, AZ 85716 | (520) 555-0147", f, 9, align="c")
        pg.line(60, 86, 552, 86)
        y = 116.0
        for line in [
            "May 2, 2025",
            "",
            "U.S. Citizenship and Immigration Services",
            "Attn: I-129 Premium Processing",
            "P.O. Box 30111",
            "Laguna Niguel CA 92607-0111",
            "",
            f"Re: Response to Request for Evidence, Receipt Number {receipt}",
            f"Beneficiary: {who}",
        ]:
            pg.text(60, y, line, f, 11, line.startswith("Re:"))
            y += 14
        y += 8
        for para in [
            "Dear Officer:",
            "Enclosed please find our response to the Request for Evidence dated March 28, 2025. A copy of the Form I-797E, "
            "Notice of Action, is attached on top of the response as the notice instructs. We also enclose a copy of the "
            "Form I-797C, Notice of Action (Receipt Notice) and the Form I-907 receipt for reference.",
            "The response is organized as an exhibit list followed by the exhibits. Please direct any questions to the "
            "undersigned.",
            "Respectfully submitted,",
        ]:
            y = pg.para(60, y, para, f, 11, 492) + 10
        pg.text(60, y + 30, att[0], f, 11)
        pg.text(60, y + 44, "Attorney for the Petitioner", f, 11)
        pg.text(
            60, y + 80, "Enclosures: Form I-797E, Notice of Action; Form I-797C, Notice of Action; exhibits A-K", f, 9
        )
    elif kind == "invoice":
        raise AssertionError("the invoice is a Word document")
    return [pg]


def status_html(rng: random.Random) -> str:
    receipt = receipt_number(rng, dt.date(2025, 7, 14), "now")
    return f"""<!doctype html><html><head><meta charset='utf-8'><style>body {{ font-family: 'Liberation Sans'; font-size: 10pt; margin: 30pt; }}
.bar {{ background:#003366; color:#fff; padding:8pt; font-weight:bold }} h2 {{ margin-top:18pt }}</style></head><body>
<div class='bar'>Case Status Online</div>
<p>Receipt Number: <b>{receipt}</b></p>
<h2>Case Was Received</h2>
<p>On July 14, 2025, we received your Form I-765, Application for Employment Authorization, Receipt Number {receipt},
and sent you the receipt notice that describes how we will process your case. Please follow the instructions in the
notice. If you move, go to www.uscis.gov/addresschange to give us your new mailing address.</p>
<p>Form I-797C, Notice of Action, was mailed to the address on file. If we need something from you, we will send you
a request for evidence.</p>
<p style='font-size:8pt;color:#555'>Printed from the case status page. This is not a notice.</p>
</body></html>"""


def invoice_docx(rng: random.Random, path: Path) -> None:
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    doc.core_properties.created = FIXED_TIME.replace(tzinfo=None)
    doc.core_properties.modified = FIXED_TIME.replace(tzinfo=None)
    doc.core_properties.author = "Billing"
    doc.styles["Normal"].font.name = "Carlito"
    doc.styles["Normal"].font.size = Pt(10.5)
    att = rng.choice(ATTORNEYS)
    doc.add_heading(att[1], level=1)
    doc.add_paragraph("INVOICE 2025-0417\nDate: June 3, 2025\nClient: " + rng.choice(COMPANIES))
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Item", "Receipt Number", "Amount"), strict=True):
        cell.text = text
    rows = [
        ("USCIS filing fee, Form I-129 (H-1B)", receipt_number(rng, dt.date(2025, 4, 2), "now"), "$780.00"),
        ("Premium processing fee, Form I-907", "", "$2,805.00"),
        ("Preparation of response to Notice of Action (RFE)", "", "$1,500.00"),
        ("Courier", "", "$46.20"),
    ]
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph(
        "\nTotal due: $5,131.20\nFees paid to USCIS appear on the Form I-797C receipt notices. Payment due within 30 days."
    )
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# Producing the PDFs.


def _settle(path: Path) -> None:
    """Drops creation dates and metadata, and gives the file an ID from its content: same seed, same bytes."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            for key in list(meta.keys()):
                del meta[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate", "/DocChecksum"):
            if key in info:
                del info[key]
        for key in ("/ID", "/DocChecksum"):  # a producer's random first ID survives a deterministic save
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.save(path, deterministic_id=True)


def _rewrite(path: Path, how: str) -> None:
    tmp = path.with_suffix(".rw.pdf")
    if how == "pdftocairo":
        subprocess.run(["pdftocairo", "-pdf", str(path), str(tmp)], check=True, capture_output=True)
    else:
        subprocess.run(
            ["qpdf", "--object-streams=generate", "--linearize", "--deterministic-id", str(path), str(tmp)],
            check=True,
            capture_output=True,
        )
    tmp.replace(path)


class Producers:
    """Renders parts to PDFs; HTML goes through one chromium, Word files through one LibreOffice call."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.html: list[tuple[str, Path, bool]] = []
        self.docx: list[Path] = []
        self.after: list[tuple[Path, str | None]] = []

    def canvas(self, pages: list[Page], producer: str, path: Path, title: str) -> None:
        (draw_fpdf if producer == "fpdf2" else draw_reportlab)(pages, path, title)

    def add_html(self, markup: str, path: Path, header: bool = False) -> None:
        self.html.append((markup, path, header))

    def run(self) -> None:
        if self.html:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                for markup, path, header in self.html:
                    page.set_content(markup, wait_until="load")
                    kwargs: dict[str, Any] = {"path": str(path), "prefer_css_page_size": True, "print_background": True}
                    if header:
                        kwargs.update(
                            display_header_footer=True,
                            header_template="<div style='font-size:7px;width:100%;padding:0 28px;font-family:Liberation Sans'>USCIS Online Account - Documents</div>",
                            footer_template="<div style='font-size:7px;width:100%;text-align:right;padding:0 28px;font-family:Liberation Sans'>my.uscis.gov/account/documents &nbsp; <span class='pageNumber'></span>/<span class='totalPages'></span></div>",
                            margin={"top": "0.7in", "bottom": "0.7in", "left": "0.6in", "right": "0.6in"},
                        )
                    page.pdf(**kwargs)
                browser.close()
        if self.docx:
            profile = self.work / "lo-profile"
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(self.work),
                    *[str(p) for p in self.docx],
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
        for path, how in self.after:
            if how:
                _rewrite(path, how)
            _settle(path)


def render_part(part: Part, index: str, prod: Producers, rng: random.Random) -> tuple[Path, list[Printed]]:
    """Draws a part into work/<index>.pdf (deferred for chromium and LibreOffice); the printed values of its notices."""
    path = prod.work / f"{index}.pdf"
    printed = [Printed(n) for n in part.notices]
    title = "Notice of Action"
    if part.nonnotice:
        if part.nonnotice == "status":
            prod.add_html(status_html(rng), path)
        elif part.nonnotice == "invoice":
            src = prod.work / f"{index}.docx"
            invoice_docx(rng, src)
            prod.docx.append(src)
        else:
            prod.canvas(nonnotice_pages(part.nonnotice, rng), part.producer, path, "Letter")
    elif part.sheet:
        pg = Page()
        for i, (n, p) in enumerate(zip(part.notices, printed, strict=True)):
            fam_halfsheet(n, p, rng, page=pg, top=i * 380.0)
        prod.canvas([pg], part.producer, path, title)
    elif part.producer == "chromium":
        for n, p in zip(part.notices, printed, strict=True):
            prod.add_html(HTML_FAMILIES[part.family](n, p, rng), path, header=part.family == "account")
    elif part.producer == "soffice":
        src = prod.work / f"{index}.docx"
        (docx_wordtable if part.family == "wordtable" else docx_wordletter)(part.notices, printed, rng, src)
        prod.docx.append(src)
    else:
        pages: list[Page] = []
        for n, p in zip(part.notices, printed, strict=True):
            pages.extend(CANVAS_FAMILIES[part.family](n, p, rng))
        prod.canvas(pages, part.producer, path, title)
    prod.after.append((path, part.rewrite))
    return path, printed


def _squash(text: str) -> str:
    return "".join(text.split())


def page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def check_printed(path: Path, printed: list[Printed], pages_of: list[list[int]]) -> None:
    """Every printed value is in the text layer of its notice's pages, or the set is refused."""
    texts = page_texts(path)
    for p, pages in zip(printed, pages_of, strict=True):
        layer = _squash(" ".join(texts[i - 1] for i in pages))
        for name, parts in p.parts.items():
            for text in parts:
                if _squash(text) not in layer:
                    raise AssertionError(
                        f"notice set 6: {path.name}: {name} printed as {text!r} is not in the text layer"
                    )


def pdf_page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


# ---------------------------------------------------------------------------------------------
# Scans and images (rendered from the printed parts, then degraded).


def _np_rng(tag: str) -> Any:
    import hashlib

    import numpy as np

    return np.random.default_rng(int.from_bytes(hashlib.sha256(tag.encode()).digest()[:8], "big"))


def render_pages(src: Path, dpi: int) -> list[Any]:
    """The PDF's pages as greyscale PIL images at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def handwriting(img: Any, tag: str, dpi: int) -> Any:
    """A note in blue ink: slanted words, an underline scribble and a tick (colour image)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    rgb = img.convert("RGB")
    gen = _np_rng(tag + "-ink")
    unit = dpi / 72
    layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.truetype(
        font_path("DejaVuSans").replace("DejaVuSans.ttf", "DejaVuSans-Oblique.ttf"), int(15 * unit)
    )
    words = ["rec'd - calendar!", "copy to client", "scan + file", "check fee"][int(gen.integers(0, 4))]
    x, y = int(rgb.width * 0.52), int(rgb.height * 0.36)
    txt = Image.new("RGBA", (int(260 * unit), int(40 * unit)), (0, 0, 0, 0))
    ImageDraw.Draw(txt).text((4, 4), words, font=font, fill=(28, 52, 160, 235))
    txt = txt.rotate(float(gen.uniform(4, 9)), expand=True, resample=Image.BICUBIC)
    layer.alpha_composite(txt, (x, y))
    pts = [(x + int(i * 9 * unit), y + int(34 * unit + gen.normal(0, 1.5 * unit))) for i in range(18)]
    draw.line(pts, fill=(28, 52, 160, 220), width=max(2, int(1.4 * unit)))
    tx, ty = int(rgb.width * 0.86), int(rgb.height * 0.12)
    draw.line(
        [(tx, ty), (tx + int(8 * unit), ty + int(10 * unit)), (tx + int(24 * unit), ty - int(14 * unit))],
        fill=(28, 52, 160, 230),
        width=max(2, int(1.8 * unit)),
    )
    out = Image.alpha_composite(rgb.convert("RGBA"), layer).convert("RGB")
    return out if np.asarray(out).size else rgb


def degrade(img: Any, fx: dict[str, Any], tag: str) -> Any:
    """A scanner's or a fax's damage to one page image (greyscale or colour PIL image)."""
    import numpy as np
    from PIL import Image, ImageFilter

    gen = _np_rng(tag)
    dpi = fx["dpi"]
    if fx.get("note"):
        img = handwriting(img, tag, dpi)
    mode = img.mode
    if fx.get("skew"):
        fill = 255 if mode == "L" else (255, 255, 255)
        img = img.rotate(fx["skew"], resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if fx.get("blur"):
        img = img.filter(ImageFilter.GaussianBlur(fx["blur"]))
    arr = np.asarray(img).astype(np.float32)
    # toner: darken the ink a little less, and lift the paper to its tone
    tone = fx.get("tone", 246)
    arr = tone - (255 - arr) * (tone - fx.get("ink", 30)) / 255
    if fx.get("lamp"):
        h, w = arr.shape[:2]
        ramp = np.linspace(0, fx["lamp"], w, dtype=np.float32)[None, :]
        ramp = ramp + np.linspace(0, fx["lamp"] / 2, h, dtype=np.float32)[:, None]
        arr = arr - (ramp if arr.ndim == 2 else ramp[:, :, None])
    if fx.get("noise"):
        arr = arr + gen.normal(0, fx["noise"], arr.shape[:2] if arr.ndim == 2 else arr.shape).astype(np.float32)
    if fx.get("specks"):
        h, w = arr.shape[:2]
        for _ in range(fx["specks"]):
            y, x = int(gen.integers(0, h - 3)), int(gen.integers(0, w - 3))
            arr[y : y + int(gen.integers(1, 4)), x : x + int(gen.integers(1, 4))] = 40
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    img = Image.fromarray(arr)
    if fx.get("fax"):
        # standard-resolution fax: half the vertical resolution, then one bit
        w, h = img.size
        img = img.convert("L").resize((w, h // 2), Image.BILINEAR).resize((w, h), Image.NEAREST)
        img = img.point(lambda v: 255 if v > 150 else 0).convert("1")
    if fx.get("rotate"):
        img = img.rotate(fx["rotate"], expand=True)
    return img


def blank_back(size: tuple[int, int], fx: dict[str, Any], tag: str) -> Any:
    import numpy as np
    from PIL import Image

    gen = _np_rng(tag + "-back")
    arr = np.full((size[1], size[0]), fx.get("tone", 246), np.float32) + gen.normal(0, 3, (size[1], size[0]))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img.convert("1") if fx.get("fax") else img


def photograph(img: Any, fx: dict[str, Any], tag: str) -> Any:
    """The page photographed on a desk: perspective, warm light, vignette, a wood background."""
    import numpy as np
    from PIL import Image, ImageFilter

    gen = _np_rng(tag + "-photo")
    page = img.convert("RGB")
    w, h = page.size
    W, H = int(w * 1.25), int(h * 1.18)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    grain = np.sin(xx / 9.0 + np.sin(yy / 60.0) * 3) * 10 + gen.normal(0, 4, (H, W))
    wood = np.stack([150 + grain, 105 + grain * 0.8, 70 + grain * 0.6], axis=2)
    canvas = Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8))
    # perspective: the page's corners land on a slightly skewed quadrilateral
    j = [float(v) for v in gen.uniform(0.0, 0.05, 8)]
    dst = [
        (W * (0.08 + j[0] * 0.5), H * (0.05 + j[1] * 0.4)),
        (W * (0.92 - j[2] * 0.5), H * (0.06 + j[3] * 0.3)),
        (W * (0.94 - j[4] * 0.3), H * (0.95 - j[5] * 0.3)),
        (W * (0.06 + j[6] * 0.3), H * (0.93 - j[7] * 0.4)),
    ]
    coeffs = _perspective_coeffs(dst, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = page.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", page.size, 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=0)
    shadow = mask.filter(ImageFilter.GaussianBlur(18))
    canvas = Image.composite(Image.new("RGB", (W, H), (60, 40, 25)), canvas, shadow.point(lambda v: int(v * 0.5)))
    canvas.paste(warped, (0, 0), mask)
    arr = np.asarray(canvas).astype(np.float32)
    arr *= np.array([1.05, 0.98, 0.86], np.float32)  # warm lamp
    r = np.sqrt(((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2)
    arr *= (1 - 0.28 * np.clip(r - 0.45, 0, 1))[:, :, None]
    arr += gen.normal(0, 3.5, arr.shape)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))
    if fx.get("rotate"):
        out = out.rotate(fx["rotate"], expand=True)
    return out


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """PIL's PERSPECTIVE coefficients mapping output points ``dst`` to input points ``src``."""
    import numpy as np

    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))
    return [float(v) for v in solution]


def scan_part(src: Path, part: Part, tag: str) -> list[Any]:
    """The part's pages as degraded images (PIL), with blank backs when the part was fed duplex."""
    fx = part.scan or {}
    images = []
    for i, img in enumerate(render_pages(src, fx["dpi"])):
        page_fx = dict(fx)
        if i and fx.get("note"):
            page_fx["note"] = False
        out = degrade(img, page_fx, f"{tag}-{i}")
        if fx.get("photo"):
            out = photograph(out, fx, f"{tag}-{i}")
        images.append(out)
        if part.blank_backs:
            images.append(blank_back(out.size, fx, f"{tag}-{i}"))
    return images


def images_to_pdf(images: list[Any], dpi: int, out: Path, jpeg: int | None) -> None:
    """A scanner's PDF: one image per page at its resolution (JPEG, Flate, or CCITT G4 for one-bit pages)."""
    import img2pdf

    blobs = []
    for img in images:
        buf = io.BytesIO()
        if img.mode == "1":
            img.save(buf, format="TIFF", compression="group4", dpi=(dpi, dpi))
        elif jpeg:
            img.save(buf, format="JPEG", quality=jpeg, dpi=(dpi, dpi))
        else:
            img.save(buf, format="PNG", dpi=(dpi, dpi))
        blobs.append(buf.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    out.write_bytes(img2pdf.convert(blobs, layout_fun=layout, nodate=True))


def ocr_pdf(images: list[Any], dpi: int, out: Path, jpeg: int | None) -> None:
    """A scanner's searchable PDF: each page image with tesseract's invisible text layer (OCR errors and all)."""
    pages = []
    for k, img in enumerate(images):
        src = out.with_name(f"{out.stem}-{k}.{'jpg' if jpeg else 'png'}")
        if jpeg:
            img.convert("L").save(src, format="JPEG", quality=jpeg, dpi=(dpi, dpi))
        else:
            img.save(src, format="PNG", dpi=(dpi, dpi))
        base = out.with_name(f"{out.stem}-{k}")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        subprocess.run(
            ["tesseract", str(src), str(base), "-l", "eng", "--dpi", str(dpi), "pdf"],
            check=True,
            capture_output=True,
            env=env,
        )
        pages.append(base.with_suffix(".pdf"))
    _concat(pages, out)


def save_image(images: list[Any], out: Path, kind: str, dpi: int) -> None:
    first, rest = images[0], images[1:]
    if kind == "jpeg":
        first.convert("RGB").save(out, format="JPEG", quality=82, dpi=(dpi, dpi))
    elif kind == "png":
        first.save(out, format="PNG", dpi=(dpi, dpi))
    elif kind == "tiff-g4":
        first.convert("1").save(
            out,
            format="TIFF",
            compression="group4",
            dpi=(dpi, dpi),
            save_all=True,
            append_images=[im.convert("1") for im in rest],
        )
    else:
        first.save(out, format="TIFF", compression="tiff_lzw", dpi=(dpi, dpi), save_all=True, append_images=rest)


# ---------------------------------------------------------------------------------------------
# Putting it together.


def _concat(sources: list[Path], out: Path) -> None:
    import pikepdf

    if len(sources) == 1:  # one producer's PDF as it made it (its metadata settled)
        shutil.copyfile(sources[0], out)
        _settle(out)
        return
    with pikepdf.new() as pdf:
        for src in sources:
            with pikepdf.open(src) as part_pdf:
                pdf.pages.extend(part_pdf.pages)
        pdf.save(out, deterministic_id=True)


def describe(part: Part) -> str:
    fx = part.scan or {}
    words = [f"{fx['dpi']} dpi"]
    for key in ("skew", "blur", "noise", "lamp", "specks", "jpeg"):
        if fx.get(key):
            words.append(f"{key} {fx[key]}")
    for key in ("fax", "photo", "note", "ocr"):
        if fx.get(key):
            words.append(key)
    if fx.get("rotate"):
        words.append(f"turned {fx['rotate']}")
    if part.blank_backs:
        words.append("duplex blank backs")
    return ", ".join(words)


def generate(folder: Path, seed: int = SEED, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Writes the set for ``seed`` into ``folder`` (files and truth.json) and returns the truth.

    ``only`` (file names) writes just those files of the set, as the whole set has them (for tests)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs = catalogue(seed)
    if only is not None:
        wanted = set(only)
        specs = [spec for spec in specs if spec.name in wanted]
    truth: dict[str, Any] = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": 6, "files": {}}
    with tempfile.TemporaryDirectory(prefix="notice-set6-") as tmp:
        work = Path(tmp)
        prod = Producers(work)
        rendered: dict[tuple[int, int], tuple[Path, list[Printed]]] = {}
        for fi, spec in enumerate(specs):
            for pi, part in enumerate(spec.parts):
                rng = random.Random(f"{seed}-{spec.name}-{pi}")
                rendered[(fi, pi)] = render_part(part, f"{Path(spec.name).stem}p{pi}", prod, rng)
        prod.run()
        for fi, spec in enumerate(specs):
            notices: list[dict[str, Any]] = []
            sources: list[Path] = []
            all_images: list[Any] = []
            effects: list[str] = []
            dpi: int | None = None
            page_no = 0
            for pi, part in enumerate(spec.parts):
                path, printed = rendered[(fi, pi)]
                count = pdf_page_count(path)
                pages_of = [[1] for _ in printed] if part.sheet else [list(range(1, count + 1)) for _ in printed]
                check_printed(path, printed, pages_of)
                if part.scan is None:
                    sources.append(path)
                    offsets = list(range(page_no + 1, page_no + count + 1))
                    page_no += count
                else:
                    images = scan_part(path, part, f"{seed}-{spec.name}-{pi}")
                    step = 2 if part.blank_backs else 1
                    offsets = [page_no + 1 + k * step for k in range(count)]
                    page_no += len(images)
                    if spec.image:
                        all_images.extend(images)
                    else:
                        scanned = work / f"{Path(spec.name).stem}p{pi}-scan.pdf"
                        if part.scan.get("ocr"):
                            ocr_pdf(images, part.scan["dpi"], scanned, part.scan.get("jpeg"))
                        else:
                            images_to_pdf(images, part.scan["dpi"], scanned, part.scan.get("jpeg"))
                        sources.append(scanned)
                    dpi = part.scan["dpi"]
                    if describe(part) not in effects:
                        effects.append(describe(part))
                for p, own in zip(printed, pages_of, strict=True):
                    entry = p.truth()
                    entry["pages"] = [offsets[i - 1] for i in own]
                    entry["_family"] = p.notice.family
                    notices.append(entry)
            out = folder / spec.name
            if spec.image:
                save_image(all_images, out, spec.image, dpi or 200)
            else:
                _concat(sources, out)
            out.chmod(0o600)
            truth["files"][spec.name] = {
                "medium": spec.medium,
                "format": spec.image or "pdf",
                "effect": "; ".join(effects) or None,
                "dpi": dpi,
                "pages": page_no,
                "label": spec.label,
                "producers": sorted(
                    {part.producer + (f"+{part.rewrite}" if part.rewrite else "") for part in spec.parts}
                ),
                "notices": [{k: v for k, v in entry.items()} for entry in notices],
            }
    truth_path = folder / "truth.json"
    truth_path.write_text(json.dumps(truth, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    truth_path.chmod(0o600)
    return truth


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the sixth notice evaluation set (fictional notices and truth.json)."
    )
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(list(argv) if argv is not None else None)
    truth = generate(args.out, args.seed)
    files = truth["files"]
    print(f"{len(files)} files, {sum(len(e['notices']) for e in files.values())} notices -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
