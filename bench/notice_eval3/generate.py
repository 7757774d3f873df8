"""Third sealed evaluation set for the USCIS notice reader (issue 14).

SEALED: whoever works on the notice parser must not read this file, the files
it writes or their ``truth.json``, and must not run the bench with
``--details`` (bench/notice_eval3/README.md). It was written without reading
the parser, its data, samples or tests, or the generators of sets 1 and 2.

``generate(folder, seed)`` writes about 50 fictional I-797-family files (text
PDFs from four producers, scanned PDFs, a mixed batch, images) and
``truth.json`` in the shape ``bench/bench_notices_sealed.py`` reads. Every
true value is printed on its page: each renderer registers the exact text it
prints for a field, and the generator refuses to finish when that text is not
in the text layer of the source PDF the file was made from.

Run: ``python -m bench.notice_eval3.generate OUT_DIR [--seed N] [--only NAME ...]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import logging
import random
import subprocess
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import img2pdf
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader, PdfWriter

GENERATOR_VERSION = 1

SCORED = (
    "notice_type",
    "form",
    "receipt_number",
    "received_date",
    "notice_date",
    "priority_date",
    "petitioner",
    "beneficiary",
    "applicant",
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
    "a_number",
)

FONTS = Path("/usr/share/fonts/truetype")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# ---------------------------------------------------------------------------------------------
# Fictional people, companies, offices.

GIVEN = [
    "Anika",
    "Tomas",
    "Mei",
    "Oluwaseun",
    "Priya",
    "Dmitri",
    "Lucia",
    "Kenji",
    "Farah",
    "Mateo",
    "Ingrid",
    "Rahul",
    "Sofia",
    "Bilal",
    "Hana",
    "Nikolai",
    "Amara",
    "Diego",
    "Yusuf",
    "Elena",
    "Chidi",
    "Lena",
    "Arjun",
    "Camila",
    "Jonas",
    "Leila",
    "Pavel",
    "Noor",
    "Marco",
    "Aiko",
]
FAMILY = [
    "Varga",
    "Okonkwo",
    "Lindqvist",
    "Ramaswamy",
    "Castellanos",
    "Nakamura",
    "Haddad",
    "Petrov",
    "Moreau",
    "Adeyemi",
    "Sorensen",
    "Kowalczyk",
    "Bhattacharya",
    "Quintero",
    "Yilmaz",
    "Achterberg",
    "Delacroix-Brun",
    "Mwangi",
    "Szabo",
    "O'Donnell",
    "Fitzgerald",
    "Takahashi",
    "Abernathy",
    "Villanueva",
    "Grünewald",
    "Novak",
    "Iyer",
    "Carvalho",
    "Halvorsen",
    "Zielinski",
]
COMPANIES = [
    "NORTHWIND ANALYTICS LLC",
    "BLUE HERON ROBOTICS INC",
    "CASCADE VALLEY SEMICONDUCTOR CORP",
    "PINE & MAPLE SOFTWARE GROUP LLC",
    "HARBORLIGHT GENOMICS INC",
    "TRIDENT LOGISTICS SYSTEMS LLC",
    "ORCHARD STREET PEDIATRIC ASSOCIATES PC",
    "SILVERLINE PAYMENTS INC",
]
LONG_COMPANIES = [
    "GREAT LAKES REGIONAL MEDICAL CENTER AND BIOMEDICAL RESEARCH FOUNDATION INC",
    "UNIVERSITY OF THE NORTHERN PLAINS BOARD OF REGENTS FOR AGRICULTURAL SCIENCES",
    "CONSOLIDATED PRECISION AEROSPACE COMPONENTS AND TOOLING MANUFACTURING COMPANY",
]
OFFICES = {
    "EAC": ("VERMONT SERVICE CENTER", "38 RIVER ROAD", "ESSEX JUNCTION VT 05479-0001"),
    "WAC": ("CALIFORNIA SERVICE CENTER", "P.O. BOX 30111", "LAGUNA NIGUEL CA 92607-0111"),
    "LIN": ("NEBRASKA SERVICE CENTER", "P.O. BOX 82521", "LINCOLN NE 68501-2521"),
    "SRC": ("TEXAS SERVICE CENTER", "6046 N BELT LINE RD", "IRVING TX 75038-0001"),
    "IOE": ("ELIS - ONLINE FILING", "P.O. BOX 648003", "LEE'S SUMMIT MO 64002"),
    "MSC": ("NATIONAL BENEFITS CENTER", "P.O. BOX 648004", "LEE'S SUMMIT MO 64002"),
    "YSC": ("POTOMAC SERVICE CENTER", "2200 POTOMAC CENTER DR", "ARLINGTON VA 22202"),
}
ASCS = [
    ("USCIS HARBORVIEW ASC", "1418 HARBORVIEW PKWY SUITE 120", "NORFOLK VA 23510"),
    ("USCIS ELM CREEK ASC", "2775 ELM CREEK BLVD", "SAN ANTONIO TX 78230"),
    ("USCIS RIVERGATE ASC", "560 RIVERGATE PLAZA ROOM 14", "PORTLAND OR 97209"),
    ("USCIS LAKESHORE ASC", "9021 LAKESHORE DRIVE 3RD FLOOR", "CHICAGO IL 60611"),
    ("USCIS MILL POND ASC", "305 MILL POND ROAD", "EDISON NJ 08817"),
]
ATTORNEYS = [
    ("MARGARET L. OYELARAN", "OYELARAN & KESSLER LLP", "410 MARKET STREET SUITE 2200", "DENVER CO 80202"),
    ("DANIEL P. ESTRADA-WHITE", "ESTRADA WHITE IMMIGRATION LAW PC", "77 WATER STREET 9TH FLOOR", "NEW YORK NY 10005"),
    ("RUTH ABERNATHY", "GLOBAL MOBILITY COUNSEL LLC", "1200 PEACHTREE ST NE", "ATLANTA GA 30309"),
]

FORMS: dict[str, tuple[str, str, str, list[str]]] = {
    # form: (case type title, who ("pet" petitioner+beneficiary, "app" applicant), fee, offices)
    "I-129": ("PETITION FOR A NONIMMIGRANT WORKER", "pet", "780.00", ["WAC", "EAC", "IOE"]),
    "I-140": ("IMMIGRANT PETITION FOR ALIEN WORKER", "pet", "715.00", ["LIN", "SRC", "IOE"]),
    "I-130": ("PETITION FOR ALIEN RELATIVE", "pet", "675.00", ["IOE", "MSC"]),
    "I-485": ("APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS", "app", "1440.00", ["MSC", "LIN"]),
    "I-765": ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", "app", "520.00", ["IOE", "MSC", "LIN"]),
    "I-131": ("APPLICATION FOR TRAVEL DOCUMENT", "app", "630.00", ["MSC", "IOE"]),
    "I-539": ("APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS", "app", "470.00", ["WAC", "EAC", "IOE"]),
    "I-751": ("PETITION TO REMOVE CONDITIONS ON RESIDENCE", "app", "750.00", ["EAC", "WAC"]),
    "N-400": ("APPLICATION FOR NATURALIZATION", "app", "760.00", ["IOE"]),
    "I-90": ("APPLICATION TO REPLACE PERMANENT RESIDENT CARD", "app", "465.00", ["IOE", "MSC"]),
    "I-824": ("APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION", "app", "590.00", ["SRC", "LIN"]),
    "I-907": ("REQUEST FOR PREMIUM PROCESSING SERVICE", "pet", "2805.00", ["WAC", "EAC", "IOE"]),
}
CLASSES = {
    "I-129": ["H1B", "L1A", "L1B", "O1A", "E2", "TN1"],
    "I-140": ["E21", "E31", "E13", "E12"],
    "I-539": ["B2", "H4", "L2"],
}


def _with_hyphen(cls: str) -> str:
    """How a class is printed on some layouts: H-1B, L-1A, E-21 (the truth keeps it without hyphens)."""
    return cls[0] + "-" + cls[1:] if len(cls) > 1 else cls


# ---------------------------------------------------------------------------------------------
# Value formats (the printed forms; the truth keeps ISO dates, digits, cents).


def d_us(d: dt.date) -> str:
    return f"{d:%m/%d/%Y}"


def d_long(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def d_mon(d: dt.date) -> str:
    return f"{d:%b} {d.day:02d}, {d.year}"


def d_ledger(d: dt.date) -> str:
    return f"{d:%b} {d.day:02d} {d.year}".upper()


def rn_dashed(rn: str) -> str:
    return f"{rn[:3]}-{rn[3:5]}-{rn[5:8]}-{rn[8:]}"


def money(amount: str, style: int) -> str:
    whole, cents = amount.split(".")
    grouped = f"{int(whole):,}"
    return [f"${grouped}.{cents}", f"$ {whole}.{cents} U.S.", f"${whole}.{cents}", f"USD {grouped}.{cents}"][style % 4]


def anum(a: str, style: int) -> str:
    """A-Number printed ``style`` ways; ``a`` is the 9-digit truth."""
    if a.startswith("0") and style % 2 == 0:
        return "A" + a[1:]  # an older 8-digit A-Number, printed without the leading zero
    return [f"A{a[:3]} {a[3:6]} {a[6:]}", f"A-{a[:3]}-{a[3:6]}-{a[6:]}", f"A{a}", f"A# {a}", f"A{a}"][style % 5]


def clock(t: str) -> str:
    h, m = (int(x) for x in t.split(":"))
    return f"{(h - 1) % 12 + 1}:{m:02d} {'AM' if h < 12 else 'PM'}"


# ---------------------------------------------------------------------------------------------
# Notices.


@dataclass
class Notice:
    kind: str  # receipt i907 biometrics transfer rejection approval rfe noid noir denial
    family: str
    v: dict[str, Any]
    x: dict[str, Any]
    printed: dict[str, str] = field(default_factory=dict)

    def show(self, name: str, text: str) -> str:
        """Register that field ``name`` is printed as ``text`` (checked against the PDF text later)."""
        self.printed[name] = text
        return text

    def truth(self) -> dict[str, Any]:
        return {name: self.v.get(name) for name in SCORED}


@dataclass
class Source:
    """One source document (one notice, or a non-notice) rendered to a text PDF by a producer."""

    key: str
    family: str
    notice: Notice | None
    build: Callable[[Path], None] | None = None  # writes the PDF (reportlab, fpdf2)
    html: str | None = None  # chromium
    header: str | None = None  # chromium header/footer text (printed from an account, a browser)
    docx: Any = None  # LibreOffice
    pdf: Path | None = None
    pages: int = 0
    label: str = ""


class Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_rn: set[str] = set()
        self.used_people: set[str] = set()
        self.style = 0

    def person(self) -> tuple[str, str, str]:
        while True:
            g, f, m = self.rng.choice(GIVEN), self.rng.choice(FAMILY), self.rng.choice("ABCDEHJKLMNRST")
            if g + f not in self.used_people:
                self.used_people.add(g + f)
                return g, f, m

    def receipt(self, form: str, office: str | None = None) -> str:
        while True:
            off = office or self.rng.choice(FORMS[form][3])
            rn = f"{off}{self.rng.choice(['25', '26'])}{self.rng.randint(100, 999)}{self.rng.randint(10000, 99999)}"
            if rn not in self.used_rn:
                self.used_rn.add(rn)
                return rn

    def date(self) -> dt.date:
        return dt.date(2025, 5, 1) + dt.timedelta(days=self.rng.randint(0, 480))

    def notice(self, kind: str, form: str, family: str, **over: Any) -> Notice:
        r = self.rng
        self.style += 1
        who = FORMS[form][1]
        received = over.pop("received", None) or self.date()
        v: dict[str, Any] = dict.fromkeys(SCORED)
        x: dict[str, Any] = {"style": self.style, "doc": "I-797C"}
        v["form"] = form
        v["receipt_number"] = over.pop("rn", None) or self.receipt(form)
        g, f, m = self.person()
        x["given"], x["family"], x["middle"] = g, f, m
        upper = family in ("c797", "ledger", "tearoff")
        x["person"] = f"{f.upper()}, {g.upper()} {m}" if upper else f"{g} {m}. {f}"
        x["dob"] = dt.date(r.randint(1968, 2001), r.randint(1, 12), r.randint(1, 28))
        x["country"] = r.choice(["INDIA", "BRAZIL", "NIGERIA", "POLAND", "JAPAN", "MEXICO", "TURKEY", "KENYA"])
        x["attorney"] = r.choice(ATTORNEYS)
        if who == "pet":
            if form == "I-130":
                pg, pf, pm = self.person()
                v["petitioner"] = f"{pf.upper()}, {pg.upper()} {pm}" if upper else f"{pg} {pm}. {pf}"
            else:
                v["petitioner"] = over.pop("petitioner", None) or r.choice(
                    LONG_COMPANIES if self.style % 4 == 0 else COMPANIES
                )
            v["beneficiary"] = over.pop("beneficiary", None) or x["person"]
        else:
            v["applicant"] = over.pop("applicant", None) or x["person"]
            lead = "0" if self.style % 5 == 0 else str(r.randint(1, 3))  # some older 8-digit A-Numbers
            a = over.pop("a_number", None) or lead + str(r.randint(1, 9)) + "".join(
                r.choice("0123456789") for _ in range(7)
            )
            if a.startswith("0") or kind in ("receipt", "biometrics", "denial", "approval", "transfer", "rfe", "noid"):
                v["a_number"] = a
        v["notice_type"] = {"i907": "receipt", "noir": "noid"}.get(kind, kind)
        office = v["receipt_number"][:3]
        x["office"] = OFFICES[office]
        if kind in ("receipt", "i907"):
            v["received_date"] = received
            v["notice_date"] = received + dt.timedelta(days=r.randint(2, 12))
            v["amount"] = FORMS["I-907" if kind == "i907" else form][2]
            if kind == "i907":
                v["form"] = "I-907"
            if form in ("I-140", "I-130") and kind == "receipt":
                v["priority_date"] = received if form == "I-130" else received - dt.timedelta(days=r.randint(30, 400))
        elif kind == "biometrics":
            v["notice_date"] = received + dt.timedelta(days=r.randint(10, 30))
            when = v["notice_date"] + dt.timedelta(days=r.randint(12, 40))
            asc = r.choice(ASCS)
            t = r.choice(["08:00", "09:00", "10:30", "11:15", "13:00", "14:30", "15:00"])
            v["appointment"] = {"date": when.isoformat(), "time": t, "location": asc[1]}
            x["asc"] = asc
            x["when"] = when
        elif kind in ("transfer", "rejection"):
            v["received_date"] = received
            v["notice_date"] = received + dt.timedelta(days=r.randint(15, 90))
            x["to_office"] = OFFICES[r.choice([o for o in ("EAC", "WAC", "LIN", "SRC", "MSC") if o != office])]
        elif kind == "approval":
            v["received_date"] = received
            v["notice_date"] = received + dt.timedelta(days=r.randint(15, 200))
            x["doc"] = over.pop("doc", "I-797")
            cls = over.pop("cls", None) or r.choice(CLASSES.get(form, ["H1B"]))
            v["classification"] = cls
            if form == "I-140":
                v["priority_date"] = received - dt.timedelta(days=r.randint(60, 500))
            else:
                start = v["notice_date"] + dt.timedelta(days=r.randint(5, 120))
                v["valid_from"] = start
                v["valid_to"] = dt.date(
                    start.year + r.choice([1, 2, 3]), start.month, min(start.day, 28)
                ) - dt.timedelta(days=1)
            if x["doc"] == "I-797A":
                v["i94_number"] = f"{r.randint(100000000, 999999999)}{r.randint(10, 99)}"
        elif kind in ("rfe", "noid", "noir", "denial"):
            v["received_date"] = received if kind != "denial" else None
            v["notice_date"] = received + dt.timedelta(days=r.randint(40, 220))
            if kind != "denial":
                v["response_due"] = v["notice_date"] + dt.timedelta(days=87 if kind == "rfe" else 33)
            if kind == "rfe":
                x["doc"] = "I-797E"
            if kind == "noir":
                x["approved"] = received + dt.timedelta(days=r.randint(20, 30))
        for key, value in over.items():
            if key in v:
                v[key] = value
            else:
                x[key] = value
        for key in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
            if isinstance(v[key], dt.date):
                x[key] = v[key]
                v[key] = v[key].isoformat()
        return Notice(kind, family, v, x)


def case_type(n: Notice, compact: bool = True) -> str:
    form = n.v["form"]
    title = FORMS[form][0]
    shown = form.replace("-", "") if compact else form
    return n.show("form", shown) + " - " + title


TYPE_LINE = {
    "receipt": "Receipt Notice",
    "i907": "Premium Processing Receipt",
    "biometrics": "ASC Appointment Notice",
    "transfer": "Transfer Notice",
    "rejection": "Rejection Notice",
    "approval": "Approval Notice",
    "rfe": "Request for Evidence",
}


def body(n: Notice) -> list[str]:
    """Boilerplate paragraphs; several name other actions and dates that are not the notice's."""
    k = n.kind
    if k in ("receipt", "i907"):
        extra = (
            "We received your request for premium processing. Within 15 business days we will issue an approval "
            "notice, a denial notice, a request for evidence (RFE) or a notice of intent to deny (NOID), or open an "
            "investigation for fraud or misrepresentation. If we issue an RFE or a NOID, a new 15-day period begins "
            "when we receive your response."
            if k == "i907"
            else "We have received your form and are processing it. If we need more information we will send you a "
            "request for evidence or a notice of intent to deny; please respond by the date on that notice. "
            "Processing times are posted on our website."
        )
        return [
            extra,
            "This notice does not grant any immigration status or benefit. It is not evidence that this case is "
            "still pending; check the status online with the receipt number above.",
            "If any of the above information is incorrect, call the USCIS Contact Center immediately.",
        ]
    if k == "biometrics":
        return [
            "To process your case, USCIS must collect your biometrics (fingerprints, photograph and signature). "
            "Please appear at the Application Support Center below at the date and time shown.",
            "Bring this notice and a valid photo identification (passport, driver's license, national ID, military ID "
            "or State-issued photo ID). If you cannot attend, reschedule online before your appointment; failure to "
            "appear may result in the denial of your case.",
        ]
    if k == "transfer":
        to = n.x["to_office"][0]
        return [
            f"We have transferred your case to the {to} to speed up processing. That office will notify you of any "
            "further action, such as a request for evidence or an interview.",
            "Please send any correspondence about this case to the office that now has it, and quote the receipt "
            "number above.",
        ]
    if k == "rejection":
        return [
            "Your filing is rejected because the fee was not paid in the correct amount. We are returning your "
            "package, including any payment. A rejected filing does not keep a place in line and is not a denial.",
            "You may correct the deficiency and file again with the current edition of the form and the correct fee.",
        ]
    if k == "approval":
        return [
            "The above petition has been approved. Please contact the U.S. consulate or port of entry if the "
            "beneficiary will travel. This approval may be revoked; before revoking it we would send a notice of "
            "intent to revoke.",
            "The approval of this petition does not in itself grant any immigration status and does not guarantee "
            "that the beneficiary will later be found eligible for a visa or admission.",
        ]
    return []


# ---------------------------------------------------------------------------------------------
# Family "c797": the current computer-printed I-797C / I-797 grid, drawn word by word (reportlab).


def build_c797(n: Notice) -> Callable[[Path], None]:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    st = n.x["style"]
    regular, bold = ("Helvetica", "Helvetica-Bold") if st % 2 else ("Times-Roman", "Times-Bold")

    def words(c: Any, x: float, y: float, text: str, font: str, size: float) -> None:
        space = stringWidth(" ", font, size)
        c.setFont(font, size)
        for word in text.split(" "):
            if word:
                c.drawString(x, y, word)
            x += stringWidth(word, font, size) + space

    def box(c: Any, x0: float, y0: float, x1: float, y1: float, label: str, lines: list[str]) -> None:
        c.setLineWidth(0.6)
        c.rect(x0, y1, x1 - x0, y0 - y1)
        words(c, x0 + 3, y0 - 8, label, regular, 6.5)
        y = y0 - 20
        for line in lines:
            words(c, x0 + 4, y, line, bold, 9.5)
            y -= 11.5

    v, x = n.v, n.x

    def draw(path: Path) -> None:
        c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
        w = letter[0]
        words(c, 36, 752, "DEPARTMENT OF HOMELAND SECURITY", regular, 7)
        words(c, 36, 743, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", regular, 7)
        title = "THE UNITED STATES OF AMERICA"
        words(c, (w - stringWidth(title, bold, 13)) / 2, 748, title, bold, 13)
        doc = f"{x['doc']}, NOTICE OF ACTION"
        words(c, w - 36 - stringWidth(doc, bold, 10.5), 728, doc, bold, 10.5)
        rn = n.show("receipt_number", v["receipt_number"])
        top = 712
        box(c, 36, top, 200, top - 34, "Receipt Number", [rn])
        box(c, 200, top, 576, top - 34, "Case Type", [case_type(n)])
        row = top - 34
        cells = [
            ("Received Date", "received_date"),
            ("Priority Date", "priority_date"),
            ("Notice Date", "notice_date"),
        ]
        xs = [36, 170, 304, 438, 576]
        for i, (label, key) in enumerate(cells):
            value = n.show(key, d_us(x[key])) if v[key] else ""
            box(c, xs[i], row, xs[i + 1], row - 34, label, [value] if value else [])
        box(c, xs[3], row, xs[4], row - 34, "Page", ["1 of 1"])
        row -= 34
        people: list[tuple[str, list[str]]] = []
        if v["applicant"]:
            lines = []
            if v["a_number"]:
                lines.append(n.show("a_number", anum(v["a_number"], st)))
            lines.extend(simpleSplit(n.show("applicant", v["applicant"]), bold, 9.5, 260))
            people.append(("Applicant", lines))
        else:
            people.append(("Petitioner", simpleSplit(n.show("petitioner", v["petitioner"]), bold, 9.5, 260)))
            people.append(("Beneficiary", simpleSplit(n.show("beneficiary", v["beneficiary"]), bold, 9.5, 260)))
        box(c, 36, row, 306, row - 56, people[0][0], people[0][1])
        box(
            c, 306, row, 576, row - 56, people[1][0] if len(people) > 1 else "", people[1][1] if len(people) > 1 else []
        )
        y = row - 76
        kind_line = TYPE_LINE.get(n.kind, "")
        if n.kind == "i907":
            kind_line = "Receipt Notice"
        n.show("notice_type", kind_line)
        words(c, 36, y, "Notice Type: " + kind_line, bold, 10)
        y -= 14
        if n.kind == "i907":
            words(c, 36, y, "Section: Premium processing request for the petition above", regular, 9)
            y -= 14
        if v["classification"]:
            words(c, 36, y, "Class: " + n.show("classification", v["classification"]), regular, 9.5)
            y -= 13
        if v["valid_from"]:
            vf, vt = n.show("valid_from", d_us(x["valid_from"])), n.show("valid_to", d_us(x["valid_to"]))
            words(c, 36, y, f"Valid from {vf} to {vt}", regular, 9.5)
            y -= 13
        if v["amount"]:
            amt = n.show("amount", money(v["amount"], st))
            words(c, 36, y, "Payment Information:", bold, 9)
            y -= 12
            for label, value in (
                ("Application/Petition Fee:", amt),
                ("Total Amount Received:", amt),
                ("Total Balance Due:", "$0.00"),
            ):
                words(c, 48, y, label, regular, 9)
                words(c, 200, y, value, regular, 9)
                y -= 11
        if v["appointment"]:
            asc = x["asc"]
            y -= 4
            words(c, 36, y, "APPLICATION SUPPORT CENTER", bold, 9)
            words(c, 320, y, "DATE AND TIME OF APPOINTMENT", bold, 9)
            y -= 12
            words(c, 36, y, asc[0], regular, 9)
            words(c, 320, y, n.show("appointment.date", d_us(x["when"])), regular, 9)
            y -= 11
            words(c, 36, y, n.show("appointment.location", asc[1]), regular, 9)
            words(c, 320, y, n.show("appointment.time", clock(v["appointment"]["time"])), regular, 9)
            y -= 11
            words(c, 36, y, asc[2], regular, 9)
            y -= 14
        att = x["attorney"]
        y -= 8
        for line in att:
            words(c, 60, y, line, regular, 9.5)
            y -= 11.5
        y -= 10
        for para in body(n):
            for line in simpleSplit(para, regular, 8.5, 530):
                words(c, 36, y, line, regular, 8.5)
                y -= 10.5
            y -= 5
        off = x["office"]
        words(
            c,
            36,
            92,
            "Please see the additional information on the back. You will be notified separately about "
            "any other cases you filed.",
            regular,
            7.5,
        )
        for i, line in enumerate(("U.S. CITIZENSHIP AND IMMIGRATION SERVICES", *off)):
            words(c, 36, 76 - i * 9, line, regular, 8)
        words(c, 380, 67, "USCIS Contact Center: www.uscis.gov/contactcenter", regular, 7.5)
        words(c, 36, 28, f"Form {x['doc']} 07/11/14", regular, 7)
        c.showPage()
        c.save()

    return draw


# ---------------------------------------------------------------------------------------------
# Family "ledger": an older monospaced printout with dotted leaders, drawn letter by letter (reportlab).


def build_ledger(n: Notice) -> Callable[[Path], None]:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    v, x = n.v, n.x
    font, size, pitch = "Courier", 9.0, 5.4

    def lead(label: str, value: str, width: int = 24) -> str:
        return (label + " ").ljust(width, ".") + " " + value

    lines: list[str] = []
    lines.append("U.S. DEPARTMENT OF HOMELAND SECURITY".center(96))
    lines.append(("U.S. CITIZENSHIP AND IMMIGRATION SERVICES" + " " * 14 + f"{x['doc']} NOTICE OF ACTION").rjust(92))
    lines.append("")
    rn = n.show("receipt_number", rn_dashed(v["receipt_number"]))
    ct = case_type(n)
    lines.append(lead("RECEIPT NUMBER", rn).ljust(48) + lead("CASE TYPE", ct.split(" - ")[0], 14))
    lines.extend(" " * 63 + part for part in textwrap.wrap(ct.split(" - ")[1], 33))
    left = lead("RECEIPT DATE", n.show("received_date", d_ledger(x["received_date"]))) if v["received_date"] else ""
    right = (
        lead("PRIORITY DATE", n.show("priority_date", d_ledger(x["priority_date"])), 14) if v["priority_date"] else ""
    )
    if left or right:
        lines.append(left.ljust(48) + right)
    lines.append(
        lead("NOTICE DATE", n.show("notice_date", d_ledger(x["notice_date"]))).ljust(48) + lead("PAGE", "1 of 1", 14)
    )
    lines.append("")
    if v["applicant"]:
        if v["a_number"]:
            lines.append(lead("A NUMBER", n.show("a_number", anum(v["a_number"], x["style"] + 2))))
        lines.append(lead("APPLICANT", n.show("applicant", v["applicant"])))
    else:
        pet = n.show("petitioner", v["petitioner"])
        if len(pet) > 66:
            cut = pet.rfind(" ", 0, 66)
            lines.append(lead("PETITIONER", pet[:cut]))
            lines.append(" " * 25 + pet[cut + 1 :])
        else:
            lines.append(lead("PETITIONER", pet))
        lines.append(lead("BENEFICIARY", n.show("beneficiary", v["beneficiary"])))
    lines.append("")
    kind = {"i907": "PREMIUM PROCESSING RECEIPT"}.get(n.kind, TYPE_LINE.get(n.kind, "").upper())
    lines.append("NOTICE TYPE: " + n.show("notice_type", kind))
    if v["classification"]:
        cls = n.show("classification", _with_hyphen(v["classification"]))
        lines.append(lead("CLASSIFICATION", cls))
    if v["valid_from"]:
        lines.append(
            lead("VALID FROM", n.show("valid_from", d_ledger(x["valid_from"])))
            + "   UNTIL "
            + n.show("valid_to", d_ledger(x["valid_to"]))
        )
    if v["amount"]:
        lines.append(lead("AMOUNT RECEIVED", n.show("amount", money(v["amount"], x["style"]))))
    lines.append("")
    att = x["attorney"]
    lines.extend("     " + line for line in att)
    lines.append("")
    for para in body(n):
        words = para.upper().split()
        line = ""
        for word in words:
            if len(line) + len(word) + 1 > 92:
                lines.append(line)
                line = word
            else:
                line = (line + " " + word).strip()
        lines.append(line)
        lines.append("")
    lines.append("")
    office = x["office"]
    lines.append("PLEASE SEE THE ADDITIONAL INFORMATION ON THE BACK.  YOU WILL BE NOTIFIED SEPARATELY ABOUT ANY")
    lines.append("OTHER CASES YOU FILED.")
    lines.extend(["U.S. CITIZENSHIP AND IMMIGRATION SERVICES", *office])

    def draw(path: Path) -> None:
        c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
        y = 750.0
        c.setFont(font, size)
        for line in lines:
            for i, ch in enumerate(line):
                if ch != " ":
                    c.drawString(40 + i * pitch, y, ch)
            y -= 11.2
        c.setFont(font, 7)
        c.drawString(40, 30, f"FORM {x['doc']} (REV. 01/31/05) Y")
        c.showPage()
        c.save()

    return draw


# ---------------------------------------------------------------------------------------------
# Family "asc": the biometrics appointment notice, with a bordered appointment panel (fpdf2, TrueType).


def build_asc(n: Notice) -> Callable[[Path], None]:
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # fpdf2's subsetter warns about font dates
    v, x = n.v, n.x
    st = x["style"]
    fam = ["LiberationSans", "Carlito", "DejaVuSansCondensed"][st % 3]
    files = {
        "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
        "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
        "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    }[fam]

    def draw(path: Path) -> None:
        pdf = FPDF(unit="pt", format="letter")
        pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        pdf.add_font(fam, "", str(FONTS / files[0]))
        pdf.add_font(fam, "B", str(FONTS / files[1]))
        pdf.set_auto_page_break(False)
        pdf.add_page()
        pdf.set_margins(40, 40, 40)

        def text(xx: float, yy: float, s: str, size: float = 9.5, style: str = "") -> None:
            pdf.set_font(fam, style, size)
            pdf.text(xx, yy, s)

        text(40, 50, "U.S. Department of Homeland Security", 9)
        text(40, 62, "U.S. Citizenship and Immigration Services", 9)
        text(360, 50, f"{x['doc']} | Notice of Action", 12, "B")
        text(360, 66, "Biometrics Appointment", 11)
        pdf.set_line_width(0.8)
        rows = [
            ("RECEIPT NUMBER", n.show("receipt_number", v["receipt_number"])),
            ("CASE TYPE", case_type(n)),
            ("NOTICE DATE", n.show("notice_date", d_us(x["notice_date"]))),
            ("APPLICANT", n.show("applicant", v["applicant"])),
        ]
        if v["a_number"]:
            rows.insert(3, ("USCIS A#", n.show("a_number", anum(v["a_number"], st + 1))))
        y = 90.0
        for label, value in rows:
            pdf.rect(40, y, 532, 22)
            text(46, y + 14, label, 7.5, "B")
            text(150, y + 15, value, 10)
            y += 22
        y += 16
        text(40, y, "NOTICE TYPE: " + n.show("notice_type", "Biometrics Appointment Notice").upper(), 10.5, "B")
        y += 20
        pdf.set_fill_color(235, 235, 235)
        pdf.rect(40, y, 532, 86, style="DF")
        asc = x["asc"]
        text(52, y + 18, "PLEASE APPEAR AT", 8, "B")
        text(52, y + 34, asc[0], 10.5, "B")
        text(52, y + 49, n.show("appointment.location", asc[1]), 10.5)
        text(52, y + 64, asc[2], 10.5)
        text(340, y + 18, "ON (DATE)", 8, "B")
        text(340, y + 34, n.show("appointment.date", d_long(x["when"])), 12, "B")
        text(340, y + 52, "AT (TIME)", 8, "B")
        text(340, y + 68, n.show("appointment.time", clock(v["appointment"]["time"])), 12, "B")
        y += 110
        pdf.set_font(fam, "", 9)
        for para in body(n):
            pdf.set_xy(40, y)
            pdf.multi_cell(532, 12, para)
            y = pdf.get_y() + 8
        pdf.set_xy(40, y + 4)
        pdf.multi_cell(
            532,
            12,
            "If you have already given biometrics for another application, you must still appear. Your receipt "
            "was mailed separately; keep it with this notice.",
        )
        y = pdf.get_y() + 20
        for line in ("APPLICANT COPY", x["person"], "1827 WILLOWBROOK LANE APT 3C", "SPRINGFIELD IL 62704"):
            text(60, y, line, 9.5)
            y += 12
        text(40, 740, "U.S. Citizenship and Immigration Services, " + ", ".join(x["office"]), 7.5)
        text(40, 752, f"Form {x['doc']} 04/01/24", 7)
        pdf.output(str(path))

    return draw


# ---------------------------------------------------------------------------------------------
# Family "tearoff": approvals (I-797, I-797A with the I-94 tear-off, I-797B) and receipts as Word documents
# converted by LibreOffice.


def build_tearoff(n: Notice) -> Any:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    v, x = n.v, n.x
    st = x["style"]
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = ["Liberation Serif", "Caladea", "Liberation Sans"][st % 3]
    style.font.size = Pt(9.5)
    sec = d.sections[0]
    sec.page_width, sec.page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, docx.shared.Inches(0.6))

    def para(text: str, size: float = 9.5, bold: bool = False, align: Any = None, after: float = 2) -> None:
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
        p.paragraph_format.space_after = Pt(after)
        if align is not None:
            p.alignment = align

    para("THE UNITED STATES OF AMERICA", 13, True, WD_ALIGN_PARAGRAPH.CENTER)
    para(f"{x['doc']}, Notice of Action", 11, True, WD_ALIGN_PARAGRAPH.RIGHT, 6)
    t = d.add_table(rows=2, cols=3)
    t.style = "Table Grid"
    cells = [
        ("RECEIPT NUMBER", n.show("receipt_number", v["receipt_number"])),
        ("CASE TYPE", case_type(n)),
        ("NOTICE DATE", n.show("notice_date", d_us(x["notice_date"]))),
        ("RECEIPT DATE", n.show("received_date", d_us(x["received_date"])) if v["received_date"] else ""),
        ("PRIORITY DATE", n.show("priority_date", d_us(x["priority_date"])) if v["priority_date"] else ""),
        ("PAGE", "1 of 1"),
    ]
    for i, (label, value) in enumerate(cells):
        cell = t.cell(i // 3, i % 3)
        cell.text = ""
        r1 = cell.paragraphs[0].add_run(label)
        r1.font.size = Pt(7)
        r2 = cell.add_paragraph().add_run(value)
        r2.bold = True
    t2 = d.add_table(rows=1, cols=2)
    t2.style = "Table Grid"
    if v["applicant"]:
        who = [("APPLICANT", [n.show("applicant", v["applicant"])])]
        if v["a_number"]:
            who.append(("A-NUMBER", [n.show("a_number", anum(v["a_number"], st))]))
    else:
        who = [
            ("PETITIONER", [n.show("petitioner", v["petitioner"])]),
            ("BENEFICIARY", [n.show("beneficiary", v["beneficiary"])]),
        ]
    for i, (label, lines) in enumerate(who):
        cell = t2.cell(0, i)
        cell.text = ""
        cell.paragraphs[0].add_run(label).font.size = Pt(7)
        for line in lines:
            cell.add_paragraph().add_run(line).bold = True
    para("", after=2)
    kind = "Approval Notice" if n.kind == "approval" else TYPE_LINE.get(n.kind, "Receipt Notice")
    if n.kind == "i907":
        kind = "Receipt Notice"
    para("Notice Type: " + n.show("notice_type", kind), 10.5, True)
    if v["classification"]:
        para("Class: " + n.show("classification", v["classification"]))
    if v["valid_from"]:
        para(
            "Valid from "
            + n.show("valid_from", d_us(x["valid_from"]))
            + " to "
            + n.show("valid_to", d_us(x["valid_to"]))
        )
    if v["amount"]:
        para("Amount received: " + n.show("amount", money(v["amount"], st + 1)))
    para("", after=4)
    for line in x["attorney"]:
        para(line, 9.5, after=0)
    para("", after=6)
    for text in body(n):
        para(text, 8.5, after=5)
    if x["doc"] == "I-797B":
        para(
            "The beneficiary is outside the United States. Send a copy of this notice to the consulate where the "
            "beneficiary will apply for a visa. This form is not a visa and may not be used in place of a visa.",
            8.5,
        )
    office = x["office"]
    para("U.S. CITIZENSHIP AND IMMIGRATION SERVICES, " + ", ".join(office), 8, after=4)
    if v["i94_number"]:
        para(
            "- - - - - - - - - - - - - - - - - - - - - Please tear off below and keep with your I-94 - - - - - - - - "
            "- - - - - - - - - - - - -",
            7,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            after=4,
        )
        tt = d.add_table(rows=2, cols=4)
        tt.style = "Table Grid"
        i94 = n.show("i94_number", v["i94_number"])
        heads = ["Departure Record I-94 Number", "Family Name", "First (Given) Name", "Birth Date"]
        vals = [i94, x["family"].upper(), x["given"].upper(), d_us(x["dob"])]
        for i in range(4):
            tt.cell(0, i).text = heads[i]
            tt.cell(1, i).text = vals[i]
        para(f"Country of Citizenship: {x['country']}", 8.5)
    para(f"Form {x['doc']} 07/11/14", 7)
    return d


# ---------------------------------------------------------------------------------------------
# Family "account": a notice downloaded from an online account and printed from a browser (chromium), with
# the browser's own header and footer (a printing date that is not the notice's).


SANS = ("'Liberation Sans', sans-serif", "'DejaVu Sans', sans-serif", "'Carlito', sans-serif")
SERIF = ("'Liberation Serif', serif", "'Caladea', serif", "'DejaVu Serif', serif")

CSS_ACCOUNT = """
@page { size: Letter; margin: 0.7in 0.6in; }
body { font-family: 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: 10.5pt; color: #111; }
.bar { background: #1a3d6d; color: white; padding: 8px 12px; font-weight: bold; font-size: 12pt; }
.sub { color: #1a3d6d; font-size: 15pt; font-weight: bold; margin: 10px 0 2px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 24px; row-gap: 8px; margin: 12px 0; }
.grid div { border-bottom: 1px solid #bbb; padding-bottom: 3px; }
.lab { display: block; font-size: 8pt; color: #555; text-transform: uppercase; letter-spacing: 0.04em; }
.val { font-weight: bold; }
.panel { border: 1.5px solid #1a3d6d; padding: 8px 12px; margin: 10px 0; }
p { margin: 6px 0; line-height: 1.3; }
"""


def build_account(n: Notice) -> tuple[str, str]:
    v, x = n.v, n.x
    st = x["style"]
    e = html.escape
    cells: list[tuple[str, str]] = [
        ("Receipt number", n.show("receipt_number", v["receipt_number"])),
        ("Form", n.show("form", v["form"]) + " " + FORMS[v["form"]][0].title()),
    ]
    for label, key in (
        ("Received date", "received_date"),
        ("Priority date", "priority_date"),
        ("Notice date", "notice_date"),
    ):
        if v[key]:
            cells.append((label, n.show(key, d_long(x[key]))))
    if v["applicant"]:
        cells.append(("Applicant", n.show("applicant", v["applicant"])))
        if v["a_number"]:
            cells.append(("A-Number", n.show("a_number", anum(v["a_number"], st + 3))))
    else:
        cells.append(("Petitioner", n.show("petitioner", v["petitioner"])))
        cells.append(("Beneficiary", n.show("beneficiary", v["beneficiary"])))
    if v["classification"]:
        cells.append(("Classification", n.show("classification", _with_hyphen(v["classification"]))))
    if v["valid_from"]:
        cells.append(("Valid from", n.show("valid_from", d_long(x["valid_from"]))))
        cells.append(("Valid to", n.show("valid_to", d_long(x["valid_to"]))))
    if v["amount"]:
        cells.append(("Amount received", n.show("amount", money(v["amount"], 0))))
    kind = {"i907": "Receipt Notice"}.get(n.kind, TYPE_LINE.get(n.kind, ""))
    grid = "".join(f"<div><span class='lab'>{e(a)}</span><span class='val'>{e(b)}</span></div>" for a, b in cells)
    panel = ""
    if v["appointment"]:
        asc = x["asc"]
        panel = (
            "<div class='panel'><b>Your biometrics appointment</b><br>"
            f"{e(n.show('appointment.date', d_long(x['when'])))} at "
            f"{e(n.show('appointment.time', clock(v['appointment']['time'])))}<br>"
            f"{e(asc[0])}<br>{e(n.show('appointment.location', asc[1]))}<br>{e(asc[2])}</div>"
        )
    paras = "".join(f"<p>{e(p)}</p>" for p in body(n))
    page = (
        f'<html><head><style>{CSS_ACCOUNT}</style></head><body style="font-family: {SANS[st % len(SANS)]}">'
        "<div class='bar'>U.S. Citizenship and Immigration Services &mdash; Account notice</div>"
        f"<div class='sub'>Form {e(x['doc'])}, Notice of Action</div>"
        f"<div><b>Notice type:</b> {e(n.show('notice_type', kind))}</div>"
        f"<div class='grid'>{grid}</div>{panel}{paras}"
        f"<p style='font-size:8.5pt;color:#444'>This is an electronic copy of a notice in your USCIS online account. "
        f"{e(x['office'][0].title())}. Downloaded notices are the same as mailed notices.</p>"
        "</body></html>"
    )
    printed = dt.date(2026, 11, 20) + dt.timedelta(days=st % 9)
    header = f"{printed.month}/{printed.day}/{printed:%y}, {8 + st % 4}:{17 + st % 40:02d} AM|USCIS Account"
    return page, header


# ---------------------------------------------------------------------------------------------
# Family "letter": I-797E requests for evidence (notice page, then the request's pages), notices of intent to
# deny or revoke, and decisions, as multi-page letters (chromium).


CSS_LETTER = """
@page { size: Letter; margin: 0.75in 0.8in; }
body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 11pt; }
.lh { border-bottom: 2px solid #000; padding-bottom: 4px; margin-bottom: 14px; }
.lh .a { font-size: 9pt; } .lh .b { font-size: 13pt; font-weight: bold; }
table.re td { padding: 1px 10px 1px 0; vertical-align: top; }
table.g { border-collapse: collapse; width: 100%; margin: 8px 0; }
table.g td { border: 1px solid #000; padding: 3px 6px; vertical-align: top; }
table.g .l { font-size: 7.5pt; display: block; }
h2 { text-align: center; font-size: 14pt; margin: 14px 0 10px; }
.pb { page-break-before: always; }
.ph { font-size: 9pt; text-align: right; margin-bottom: 12px; }
p { text-align: justify; line-height: 1.35; margin: 7px 0; }
"""

ITEMS_I140 = [
    "Evidence of the petitioner's ability to pay the proffered wage from the priority date onward, in the form of "
    "annual reports, federal tax returns or audited financial statements.",
    "Letters from former employers on letterhead, giving the name, address and title of the writer and a specific "
    "description of the duties performed by the beneficiary, showing the experience the labor certification requires.",
    "A copy of the beneficiary's foreign degree and transcripts, with a credentials evaluation.",
    "Evidence that the beneficiary has maintained lawful nonimmigrant status, such as copies of Forms I-94 and pay "
    "statements.",
    "The original labor certification, signed by the petitioner, the beneficiary and any preparer.",
]
ITEMS_FAMILY = [
    "Evidence that the marriage was entered into in good faith, such as a joint lease or mortgage, joint bank "
    "statements, joint tax returns and birth certificates of children born to the marriage.",
    "Evidence that any prior marriage of either spouse was legally ended, such as a final divorce decree or a death "
    "certificate.",
    "The petitioner's proof of United States citizenship or lawful permanent residence.",
    "Affidavits from people who know of the marriage, with the affiant's full name, address and relationship.",
    "Photographs of the couple over time, with dates and places written on the back.",
]
ITEMS_APPLICANT = [
    "Evidence that you were inspected and admitted or paroled into the United States, such as a copy of your "
    "passport admission stamp or Form I-94.",
    "A completed Form I-693, Report of Immigration Medical Examination and Vaccination Record, in a sealed envelope.",
    "Evidence that you have maintained lawful status since your last entry, such as pay statements, school records "
    "or approval notices.",
    "Two identical passport-style photographs taken within the last 30 days.",
    "Certified court dispositions for any arrest or citation, even if the charges were dismissed.",
]
RFE_ITEMS = [
    "Evidence that the offered position qualifies as a specialty occupation, such as an organizational chart "
    "showing the position's place in the hierarchy and a detailed description of the duties with the percentage "
    "of time spent on each.",
    "Evidence that the petitioner has maintained a valid employer-employee relationship with the beneficiary, such "
    "as a signed employment agreement and the beneficiary's most recent pay statements.",
    "A credentials evaluation of the beneficiary's foreign degree from a reliable service, together with copies of "
    "the diploma and transcripts.",
    "Copies of the beneficiary's Forms W-2 for each year of employment in the United States.",
    "Evidence of the petitioner's ability to pay the proffered wage from the priority date onward, in the form of "
    "annual reports, federal tax returns or audited financial statements.",
]


def items_for(form: str) -> list[str]:
    """What a request or a notice of intent asks for: by the form it is about."""
    if form == "I-129":
        return RFE_ITEMS
    if form == "I-140":
        return ITEMS_I140
    if form in ("I-130", "I-751"):
        return ITEMS_FAMILY
    return ITEMS_APPLICANT


def build_letter(n: Notice) -> str:
    v, x = n.v, n.x
    items = items_for(v["form"])
    e = html.escape
    office = x["office"]
    form = v["form"]
    font = f' style="font-family: {SERIF[x["style"] % len(SERIF)]}"'
    letterhead = (
        "<div class='lh'><div class='a'>U.S. Department of Homeland Security<br>"
        f"U.S. Citizenship and Immigration Services<br>{e(office[0].title())}<br>{e(office[1])}<br>{e(office[2])}</div>"
        "<div class='b' style='text-align:right;margin-top:-20px'>U.S. Citizenship<br>and Immigration Services</div>"
        "</div>"
    )
    if v["applicant"]:
        who = [("Applicant:", n.show("applicant", v["applicant"]))]
        if v["a_number"]:
            who.append(("A-Number:", n.show("a_number", anum(v["a_number"], x["style"] + 1))))
    else:
        who = [
            ("Petitioner:", n.show("petitioner", v["petitioner"])),
            ("Beneficiary:", n.show("beneficiary", v["beneficiary"])),
        ]
    rn = n.show("receipt_number", v["receipt_number"])
    form_txt = n.show("form", form)
    re_rows = [("Receipt Number:", rn), ("Form:", f"{form_txt}, {FORMS[form][0].title()}"), *who]
    if v["received_date"] and n.kind != "rfe":
        re_rows.append(("Filed:", n.show("received_date", d_long(x["received_date"]))))
    re_block = (
        "<table class='re'>" + "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in re_rows) + "</table>"
    )
    att = "<br>".join(e(line) for line in x["attorney"])
    due = d_long(x["response_due"]) if v["response_due"] else ""
    if n.kind == "rfe":
        nd = n.show("notice_date", d_us(x["notice_date"]))
        rd = n.show("received_date", d_us(x["received_date"]))
        n.show("notice_type", "Request for Evidence")
        n.show("form", form.replace("-", ""))
        names = "".join(f"<td><span class='l'>{e(a.rstrip(':').upper())}</span><b>{e(b)}</b></td>" for a, b in who)
        pages = 4
        first = (
            "<div style='text-align:center;font-weight:bold;font-size:13pt'>THE UNITED STATES OF AMERICA</div>"
            "<div style='text-align:right;font-weight:bold'>I-797E, NOTICE OF ACTION</div>"
            "<table class='g'><tr>"
            f"<td><span class='l'>RECEIPT NUMBER</span><b>{e(rn)}</b></td>"
            f"<td colspan='2'><span class='l'>CASE TYPE</span><b>{e(form.replace('-', ''))} - "
            f"{e(FORMS[form][0])}</b></td></tr><tr>"
            f"<td><span class='l'>RECEIVED DATE</span><b>{e(rd)}</b></td>"
            f"<td><span class='l'>NOTICE DATE</span><b>{e(nd)}</b></td>"
            f"<td><span class='l'>PAGE</span><b>1 of {pages}</b></td></tr><tr>{names}<td></td></tr></table>"
            "<p><b>Notice Type: Request for Evidence</b></p>"
            f"<p style='border:1.5px solid #000;padding:6px'><b>THE EVIDENCE REQUESTED MUST BE RECEIVED BY "
            f"{e(n.show('response_due', d_us(x['response_due'])).upper())}</b> at the address below. Return this "
            "notice on top of your response.</p>"
            f"<p>{att}</p>"
            "<p>We need more information before we can decide your case. The evidence we need is listed on the "
            "pages that follow. If you do not respond by the date above, we will decide the case on the record, "
            "which may result in a denial. We will not grant an extension.</p>"
            f"<p style='font-size:9pt'>U.S. CITIZENSHIP AND IMMIGRATION SERVICES, {e(', '.join(office))}</p>"
        )
        rest = ""
        for page in range(2, pages + 1):
            asked = items[(page - 2) * 2 : (page - 2) * 2 + 2] or ["Any other evidence you wish to submit."]
            lis = "".join(f"<li><p>{e(i)}</p></li>" for i in asked)
            rest += (
                f"<div class='pb'><div class='ph'>{e(rn)} &nbsp; Page {page} of {pages}</div>"
                + (
                    "<h2>Request for Evidence</h2><p>The record does not establish eligibility. Please submit:</p>"
                    if page == 2
                    else ""
                )
                + f"<ol start='{(page - 2) * 2 + 1}'>{lis}</ol>"
                + (
                    "<p>Submit all the evidence at one time, with the first page of this notice on top. Evidence "
                    "submitted without it may be delayed. A notice of intent to deny is not a prerequisite to a "
                    "denial.</p>"
                    if page == pages
                    else ""
                )
                + "</div>"
            )
        x["pages"] = pages
        return f"<html><head><style>{CSS_LETTER}</style></head><body{font}>{first}{rest}</body></html>"
    nd = n.show("notice_date", d_long(x["notice_date"]))
    if n.kind == "denial":
        title = n.show("notice_type", "DECISION")
        opening = (
            f"Thank you for submitting Form {form}. After a thorough review of your application and the evidence in "
            "the record, we must inform you that we are denying your application for the reasons below."
        )
        closing = (
            "This decision may not be appealed. You may file a motion to reopen or reconsider on Form I-290B within "
            "30 days (33 days if this decision was mailed). We issued a request for evidence earlier; the response "
            "did not overcome the grounds above."
        )
    else:
        revoke = n.kind == "noir"
        title = n.show("notice_type", "NOTICE OF INTENT TO REVOKE" if revoke else "NOTICE OF INTENT TO DENY")
        earlier = d_long(x["approved"]) if revoke else d_long(x["notice_date"] - dt.timedelta(days=70))
        opening = (
            f"On {earlier}, USCIS approved the petition above. Information obtained since then indicates that the "
            "approval may have been granted in error, and USCIS intends to revoke it."
            if revoke
            else f"On {earlier}, USCIS sent you a request for evidence. Your response has been reviewed; the record "
            "does not yet establish eligibility, and USCIS intends to deny the petition."
        )
        closing = (
            "You may submit evidence in rebuttal. <b>Your response must be received by "
            f"{e(n.show('response_due', due))}.</b> "
            "If you do not respond, or the response does not overcome the grounds stated, the "
            + ("approval will be revoked." if revoke else "petition will be denied.")
        )
    grounds = "".join(f"<p>The record lacks this: {e(i[0].lower() + i[1:])}</p>" for i in items[1:4])
    first = (
        f"{letterhead}<p>{e(nd)}</p><p>{att}</p>{re_block}<h2>{e(title)}</h2>"
        f"<p>{e(opening)}</p><p>The grounds are as follows.</p>"
        f"<p>The record lacks this: {e(items[0][0].lower() + items[0][1:])}</p>"
    )
    second = (
        f"<div class='pb'><div class='ph'>{e(rn)} &nbsp; Page 2</div>{grounds}"
        f"<p>{closing}</p><p>Sincerely,</p><p>Director<br>{e(office[0].title())}</p></div>"
    )
    x["pages"] = 2
    return f"<html><head><style>{CSS_LETTER}</style></head><body{font}>{first}{second}</body></html>"


# ---------------------------------------------------------------------------------------------
# Not notices.


def nonnotice_cover(m: Maker) -> Any:
    import docx

    rn = m.receipt("I-129")
    d = docx.Document()
    d.styles["Normal"].font.name = "Carlito"
    for line in (
        "OYELARAN & KESSLER LLP",
        "410 Market Street, Suite 2200, Denver CO 80202",
        "",
        "March 30, 2026",
        "",
        "U.S. Citizenship and Immigration Services",
        "California Service Center",
        "P.O. Box 30111",
        "Laguna Niguel CA 92607-0111",
        "",
    ):
        d.add_paragraph(line)
    d.add_paragraph(
        f"Re:\tResponse to Request for Evidence\n\tReceipt Number: {rn}\n\tPetitioner: BLUE HERON ROBOTICS "
        "INC\n\tBeneficiary: Achterberg, Lena K\n\tClassification: H-1B"
    )
    d.add_paragraph(
        "Dear Officer: On behalf of the petitioner we respond to the Form I-797E, Notice of Action, dated January 9, "
        "2026, which asks that the response be received by April 3, 2026. The original I-797E notice is enclosed on "
        "top of this response. We also enclose a copy of the Form I-797C receipt notice (received date 11/14/2025) "
        "and of the Form I-907 premium processing receipt."
    )
    d.add_paragraph(
        "Exhibit A: organizational chart. Exhibit B: position description. Exhibit C: credentials "
        "evaluation. Exhibit D: Forms W-2."
    )
    d.add_paragraph("Respectfully submitted,\n\nMargaret L. Oyelaran\nAttorney for the Petitioner")
    return d


def nonnotice_status(m: Maker) -> tuple[str, str]:
    rn = m.receipt("I-765")
    page = (
        f"<html><head><style>{CSS_ACCOUNT}</style></head><body>"
        "<div class='bar'>USCIS &mdash; Case Status Online</div>"
        f"<p>Your receipt number: <b>{rn}</b></p>"
        "<div class='sub'>Case Was Approved</div>"
        f"<p>On October 2, 2026, we approved your Form I-765, Application for Employment Authorization, Receipt "
        f"Number {rn}, and mailed you an approval notice. Please follow the instructions in the notice. If you move, "
        "go to www.uscis.gov/addresschange to give us your new mailing address.</p>"
        "<p style='font-size:9pt'>Case history: Case Was Received (June 12, 2026); Fingerprint Fees Were Received; "
        "Case Was Approved (October 2, 2026).</p></body></html>"
    )
    return page, "12/1/26, 10:04 AM|Case Status Online"


def nonnotice_invoice(m: Maker) -> Callable[[Path], None]:
    from fpdf import FPDF

    def draw(path: Path) -> None:
        pdf = FPDF(unit="pt", format="letter")
        pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        pdf.add_font("Carlito", "", str(FONTS / "crosextra/Carlito-Regular.ttf"))
        pdf.add_font("Carlito", "B", str(FONTS / "crosextra/Carlito-Bold.ttf"))
        pdf.add_page()
        pdf.set_font("Carlito", "B", 20)
        pdf.text(50, 70, "INVOICE")
        pdf.set_font("Carlito", "", 11)
        y = 100.0
        for line in (
            "Estrada White Immigration Law PC",
            "77 Water Street, 9th Floor, New York NY 10005",
            "Invoice 2026-0418    Date: 04/18/2026",
            "Bill to: Silverline Payments Inc, Accounts Payable",
            "Matter: H-1B extension for N. Halvorsen (Form I-129 with I-907)",
        ):
            pdf.text(50, y, line)
            y += 16
        y += 10
        for desc, amt in (
            ("Professional fees, H-1B extension petition", "$3,250.00"),
            ("USCIS filing fee, Form I-129 (H-1B)", "$780.00"),
            ("Asylum Program Fee", "$600.00"),
            ("Premium processing fee, Form I-907", "$2,805.00"),
            ("Courier (FedEx Priority Overnight)", "$42.18"),
            ("TOTAL DUE", "$7,477.18"),
        ):
            pdf.text(50, y, desc)
            pdf.text(460, y, amt)
            y += 18
        pdf.text(50, y + 20, "Payment due within 30 days. Receipt notices will be forwarded when they arrive.")
        pdf.output(str(path))

    return draw


def nonnotice_label(m: Maker) -> Callable[[Path], None]:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    r = m.rng

    def draw(path: Path) -> None:
        c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
        c.setLineWidth(1.5)
        c.rect(100, 380, 412, 370)
        c.setFont("Helvetica-Bold", 22)
        c.drawString(115, 720, "FedEx")
        c.setFont("Helvetica", 8)
        c.drawString(300, 728, "ORIGIN ID: DENA   (303) 555-0142")
        c.drawString(300, 718, "SHIP DATE: 30MAR26   ACTWGT: 2.40 LB")
        c.setFont("Helvetica", 9)
        y = 690
        for line in (
            "FROM: OYELARAN & KESSLER LLP",
            "410 MARKET STREET SUITE 2200",
            "DENVER CO 80202",
            "",
            "TO: USCIS CALIFORNIA SERVICE CENTER",
            "ATTN: I-129 RFE RESPONSE",
            "24000 AVILA ROAD 2ND FLOOR",
            "LAGUNA NIGUEL CA 92677",
        ):
            c.drawString(115, y, line)
            y -= 12
        x0 = 120.0
        for _ in range(70):
            w = r.choice([1.0, 1.5, 2.5, 3.0])
            c.rect(x0, 470, w, 70, fill=1, stroke=0)
            x0 += w + r.choice([1.0, 1.5, 2.0])
            if x0 > 490:
                break
        c.setFont("Helvetica-Bold", 14)
        c.drawString(115, 450, "TRK# 7712 4039 8815")
        c.drawString(115, 430, "PRIORITY OVERNIGHT   TUE 31 MAR 10:30A")
        c.setFont("Helvetica", 8)
        c.drawString(115, 395, "After printing this label: fold the page in half and place it in a shipping pouch.")
        c.showPage()
        c.save()

    return draw


# ---------------------------------------------------------------------------------------------
# Producers.


def make_source(key: str, n: Notice) -> Source:
    fam = n.family
    if fam == "c797":
        return Source(key, fam, n, build=build_c797(n))
    if fam == "ledger":
        return Source(key, fam, n, build=build_ledger(n))
    if fam == "asc":
        return Source(key, fam, n, build=build_asc(n))
    if fam == "tearoff":
        return Source(key, fam, n, docx=build_tearoff(n))
    if fam == "account":
        page, header = build_account(n)
        return Source(key, fam, n, html=page, header=header)
    if fam == "letter":
        return Source(key, fam, n, html=build_letter(n))
    raise ValueError(fam)


def produce(sources: list[Source], work: Path) -> None:
    """Render every source: direct builders, one LibreOffice call, one chromium for all HTML."""
    for s in sources:
        if s.build is not None:
            s.pdf = work / f"{s.key}.pdf"
            s.build(s.pdf)
    docs = [s for s in sources if s.docx is not None]
    if docs:
        ddir = work / "docx"
        ddir.mkdir(exist_ok=True)
        for s in docs:
            s.docx.save(str(ddir / f"{s.key}.docx"))
        profile = work / "lo-profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                *[str(ddir / f"{s.key}.docx") for s in docs],
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        for s in docs:
            s.pdf = work / f"{s.key}.pdf"
    pages = [s for s in sources if s.html is not None]
    if pages:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            for s in pages:
                tab.set_content(s.html or "", wait_until="load")
                s.pdf = work / f"{s.key}.pdf"
                opts: dict[str, Any] = {"path": str(s.pdf), "format": "Letter", "print_background": True}
                if s.header:
                    left, right = s.header.split("|")
                    opts.update(
                        display_header_footer=True,
                        header_template=f"<div style='font-size:8px;width:100%;padding:0 24px;display:flex;"
                        f"justify-content:space-between'><span>{html.escape(left)}</span>"
                        f"<span>{html.escape(right)}</span></div>",
                        footer_template="<div style='font-size:8px;width:100%;padding:0 24px;display:flex;"
                        "justify-content:space-between'><span>https://my.uscis.gov/account/applicant/documents"
                        "</span><span><span class='pageNumber'></span>/<span class='totalPages'></span></span></div>",
                        margin={"top": "0.6in", "bottom": "0.6in", "left": "0.5in", "right": "0.5in"},
                    )
                tab.pdf(**opts)
            browser.close()
    for s in sources:
        assert s.pdf is not None and s.pdf.exists(), s.key
        s.pages = len(PdfReader(str(s.pdf)).pages)


def squash(text: str) -> str:
    return "".join(text.split()).upper()


def pdf_texts(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def check_printed(s: Source) -> None:
    """Every true value of the notice is printed, as registered, in the source PDF's text."""
    n = s.notice
    if n is None or s.pdf is None:
        return
    text = squash(" ".join(pdf_texts(s.pdf)))
    for name in SCORED:
        value = n.v.get(name)
        if value is None:
            continue
        keys = [f"appointment.{k}" for k in ("date", "time", "location")] if name == "appointment" else [name]
        for key in keys:
            if key not in n.printed:
                raise AssertionError(f"{s.key}: {key} is in the truth but the {s.family} layout does not print it")
            if squash(n.printed[key]) not in text:
                raise AssertionError(f"{s.key}: {key} printed as {n.printed[key]!r} is not in the PDF text")
            if not agrees(name, value, n.printed[key], key):
                raise AssertionError(f"{s.key}: {key} printed as {n.printed[key]!r} does not say {value!r}")


DATE_FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%b %d %Y")


def parse_printed_date(text: str) -> str | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip().title(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def agrees(name: str, value: Any, printed: str, key: str = "") -> bool:
    """Whether the printed text says the true value (a guard against truth that disagrees with its page)."""
    digits = "".join(ch for ch in printed if ch.isdigit())
    if key == "appointment.date":
        return parse_printed_date(printed) == value["date"]
    if key == "appointment.time":
        t = dt.datetime.strptime(printed.strip(), "%I:%M %p")
        return f"{t:%H:%M}" == value["time"]
    if key == "appointment.location":
        return printed == value["location"]
    if name.endswith("_date") or name in ("valid_from", "valid_to", "response_due"):
        return parse_printed_date(printed) == value
    if name == "a_number":
        return digits.rjust(9, "0") == value
    if name == "i94_number":
        return digits == value
    if name == "amount":
        return f"{float(''.join(ch for ch in printed if ch.isdigit() or ch == '.').strip('.')):.2f}" == value
    if name in ("receipt_number", "form", "classification"):
        return "".join(ch for ch in printed if ch.isalnum()).upper() == "".join(ch for ch in value if ch.isalnum())
    if name == "notice_type":
        return True  # a title or type line; the kind is the generator's own
    return printed == value


# ---------------------------------------------------------------------------------------------
# Scans and photographs.


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(doc))]
    finally:
        doc.close()


def blank_page(dpi: int, bleed: Image.Image | None, rng: np.random.Generator) -> Image.Image:
    """The back of a sheet in a duplex scan: paper, noise, and a faint mirror of the front showing through."""
    w, h = int(8.5 * dpi), int(11 * dpi)
    arr = np.full((h, w), 243.0)
    if bleed is not None:
        mirror = np.asarray(bleed.transpose(Image.Transpose.FLIP_LEFT_RIGHT).resize((w, h)), dtype=float)
        arr -= (255 - mirror) * 0.05
    arr += rng.normal(0, 3.0, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def degrade(img: Image.Image, fx: dict[str, Any], rng: np.random.Generator) -> Image.Image:
    """A scanner's or copier's version of a clean grey page. ``fx`` keys say which effects."""
    if fx.get("blur"):
        img = img.filter(ImageFilter.GaussianBlur(fx["blur"]))
    arr = np.asarray(img, dtype=float)
    ink = 255 - arr
    arr = 255 - ink * fx.get("toner", 0.9)  # soft toner
    arr = arr * fx.get("paper", 0.95) + 4  # grey paper
    h, w = arr.shape
    if fx.get("shadow"):  # a copier lid or book-edge shadow down one side
        xs = np.arange(w, dtype=float)
        side = np.exp(-xs / (w * 0.06)) if fx["shadow"] == "left" else np.exp(-(w - xs) / (w * 0.06))
        arr = arr * (1 - 0.55 * side)[None, :]
    if fx.get("lamp"):  # uneven light top to bottom
        ys = np.linspace(0, 1, h)
        arr = arr * (0.88 + 0.12 * np.cos((ys - 0.3) * 2.2))[:, None]
    if fx.get("moire"):  # a halftone screen beating with the sensor
        yy, xx = np.mgrid[0:h, 0:w].astype(float)
        a = np.deg2rad(fx["moire"])
        arr += 9 * np.sin(2 * np.pi * (xx * np.cos(a) + yy * np.sin(a)) / 4.3) * np.sin(2 * np.pi * xx / 97)
    if fx.get("noise"):
        arr += rng.normal(0, fx["noise"], arr.shape)
    if fx.get("specks"):
        for _ in range(fx["specks"]):
            y0, x0 = int(rng.integers(0, h - 4)), int(rng.integers(0, w - 4))
            arr[y0 : y0 + int(rng.integers(1, 4)), x0 : x0 + int(rng.integers(1, 4))] = 40
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if fx.get("skew"):
        out = out.rotate(fx["skew"], resample=Image.Resampling.BICUBIC, expand=True, fillcolor=238)
    if fx.get("turn"):
        out = out.rotate(fx["turn"], expand=True)
    if fx.get("fax"):  # 1-bit fine-mode fax: 204 x 196 dpi, hard threshold
        dpi = fx["dpi"]
        out = out.resize((int(out.width * 204 / dpi), int(out.height * 196 / dpi)), Image.Resampling.LANCZOS)
        out = out.point(lambda p: 255 if p > 150 else 0).convert("1", dither=Image.Dither.NONE)
    return out


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for pt in src for c in pt], dtype=float)
    return [float(c) for c in np.linalg.solve(a, b)]


def photograph(img: Image.Image, fx: dict[str, Any], rng: np.random.Generator) -> Image.Image:
    """A phone photo of the page on a desk: perspective, warm light, shadow, vignette, slight blur."""
    page = img.convert("RGB")
    pw, ph = page.size
    W, H = int(pw * 1.22), int(ph * 1.16)
    desk = np.zeros((H, W, 3))
    base = np.array(fx.get("desk", (120, 86, 58)), dtype=float)
    grain = np.sin(np.linspace(0, 60, W))[None, :] * 10 + rng.normal(0, 6, (H, W))
    desk[:] = base
    desk += grain[..., None]
    background = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8))
    j = lambda s: float(rng.uniform(-s, s))  # noqa: E731
    mx, my = W * 0.09, H * 0.07
    quad = [
        (mx + j(W * 0.03), my + j(H * 0.02)),
        (W - mx + j(W * 0.03), my + j(H * 0.025)),
        (W - mx * 0.8 + j(W * 0.02), H - my + j(H * 0.02)),
        (mx * 1.1 + j(W * 0.02), H - my * 0.9 + j(H * 0.02)),
    ]
    coeffs = _perspective_coeffs(quad, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    warped = page.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", page.size, 255).transform(
        (W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=0
    )
    background.paste(warped, (0, 0), mask)
    arr = np.asarray(background, dtype=float)
    yy, xx = np.mgrid[0:H, 0:W].astype(float)
    vign = 1 - 0.35 * (((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2) / 2
    arr *= vign[..., None]
    if fx.get("shadow"):  # a hand or phone shadow across one corner
        arr *= (1 - 0.4 * np.clip(1 - (xx / W + yy / H), 0, 1) ** 2)[..., None]
    arr *= np.array(fx.get("tint", (1.04, 0.98, 0.86)))[None, None, :]
    arr += rng.normal(0, 4, arr.shape)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(fx.get("blur", 0.8)))
    if fx.get("turn"):
        out = out.rotate(fx["turn"], expand=True)
    return out


def handwriting(img: Image.Image, text: str, dpi: int) -> Image.Image:
    """A note in pen in the top margin (a date and initials that are not the notice's)."""
    out = img.convert("RGB")
    draw = ImageDraw.Draw(out)
    font = ImageFont.truetype(str(FONTS / "dejavu/DejaVuSerif-Italic.ttf"), int(dpi * 0.16))
    draw.text((int(dpi * 4.6), int(dpi * 0.18)), text, fill=(30, 50, 150), font=font)
    return out


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


def scan_page_bytes(img: Image.Image, dpi: int, quality: int) -> bytes:
    buf = io.BytesIO()
    if img.mode == "1":
        img.save(buf, "TIFF", compression="group4", dpi=(204, 196))
    else:
        img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The set.


@dataclass
class Part:
    """A file's run of pages: a source document printed (text) or scanned (an effect), or blank backs."""

    source: str
    how: str = "text"  # text | scan
    fx: dict[str, Any] = field(default_factory=dict)
    blank_backs: bool = False


@dataclass
class FilePlan:
    name: str
    medium: str
    parts: list[Part]
    label: str
    effect: str = ""
    dpi: int | None = None
    image: dict[str, Any] | None = None  # for images: {"format", "photo", ...}


def plan(m: Maker) -> tuple[dict[str, Source], list[FilePlan]]:
    sources: dict[str, Source] = {}

    def add(key: str, kind: str, form: str, family: str, **over: Any) -> Notice:
        n = m.notice(kind, form, family, **over)
        sources[key] = make_source(key, n)
        return n

    files: list[FilePlan] = []

    def text(name: str, keys: list[str], label: str) -> None:
        files.append(FilePlan(name, "text-pdf", [Part(k) for k in keys], label, "printed"))

    # Text PDFs, one notice each.
    singles = [
        ("receipt", "I-129", "c797", {}),
        ("receipt", "I-485", "c797", {}),
        ("i907", "I-129", "c797", {}),
        ("rejection", "I-765", "c797", {}),
        ("transfer", "I-751", "c797", {}),
        ("receipt", "I-140", "ledger", {}),
        ("transfer", "I-130", "ledger", {}),
        ("approval", "I-129", "ledger", {"cls": "L1A"}),
        ("receipt", "N-400", "ledger", {}),
        ("biometrics", "I-485", "asc", {}),
        ("biometrics", "I-539", "asc", {}),
        ("biometrics", "N-400", "asc", {}),
        ("approval", "I-129", "tearoff", {"doc": "I-797A", "cls": "H1B"}),
        ("approval", "I-129", "tearoff", {"doc": "I-797B", "cls": "O1A"}),
        ("approval", "I-140", "tearoff", {"doc": "I-797"}),
        ("approval", "I-539", "tearoff", {"doc": "I-797A", "cls": "H4"}),
        ("receipt", "I-765", "account", {}),
        ("rejection", "I-90", "account", {}),
        ("biometrics", "I-765", "account", {}),
        ("approval", "I-129", "account", {"cls": "L1B"}),
        ("rfe", "I-129", "letter", {}),
        ("noid", "I-140", "letter", {}),
        ("noir", "I-129", "letter", {}),
        ("denial", "I-485", "letter", {}),
    ]
    for i, (kind, form, fam, over) in enumerate(singles, 1):
        key = f"t{i:02d}"
        add(key, kind, form, fam, **over)
        label = f"{kind} {form} ({fam}{', ' + over['doc'] if 'doc' in over else ''})"
        if fam == "account":
            label += ", downloaded from an online account and printed from a browser"
        if kind == "rfe":
            label += ", notice page then three pages of the request"
        text(f"text-{i:02d}-{fam}-{kind}-{form.lower()}.pdf", [key], label)

    # Text PDFs, several notices.
    r = m.receipt("I-129", "WAC")
    recv = m.date()
    pet = m.rng.choice(LONG_COMPANIES)
    base = add("tm1a", "receipt", "I-129", "c797", rn=r, received=recv, petitioner=pet)
    add("tm1b", "i907", "I-129", "c797", rn=r, received=recv, petitioner=pet, beneficiary=base.v["beneficiary"])
    add(
        "tm1c",
        "approval",
        "I-129",
        "tearoff",
        rn=r,
        received=recv,
        petitioner=pet,
        doc="I-797A",
        cls="H1B",
        beneficiary=base.v["beneficiary"].upper(),
    )
    text(
        "text-multi-1-receipt-i907-approval-one-receipt-number.pdf",
        ["tm1a", "tm1b", "tm1c"],
        "I-129 receipt, its I-907 receipt and the I-797A approval: one receipt number",
    )
    first = m.receipt("I-485", "MSC")
    recv2 = m.date()
    g, f, mi = m.person()
    applicant = f"{f.upper()}, {g.upper()} {mi}"
    a_no = "2" + "".join(m.rng.choice("0123456789") for _ in range(8))
    nums = [f"{first[:3]}{int(first[3:]) + i:010d}" for i in range(3)]
    for k, form, rn in (("tm2a", "I-485", nums[0]), ("tm2b", "I-765", nums[1]), ("tm2c", "I-131", nums[2])):
        m.used_rn.add(rn)
        add(k, "receipt", form, "ledger", rn=rn, received=recv2, applicant=applicant, a_number=a_no)
    add("tm2d", "biometrics", "I-485", "asc", rn=nums[0], received=recv2, applicant=f"{g} {mi}. {f}", a_number=a_no)
    text(
        "text-multi-2-one-applicant-three-receipts-and-biometrics.pdf",
        ["tm2a", "tm2b", "tm2c", "tm2d"],
        "one applicant: I-485, I-765, I-131 receipts (consecutive numbers) and the ASC appointment",
    )

    # Not notices, printed.
    sources["n1"] = Source("n1", "nonnotice", None, docx=nonnotice_cover(m), label="cover letter")
    page, header = nonnotice_status(m)
    sources["n2"] = Source("n2", "nonnotice", None, html=page, header=header, label="case status printout")
    sources["n3"] = Source("n3", "nonnotice", None, build=nonnotice_invoice(m), label="fee invoice")
    sources["n4"] = Source("n4", "nonnotice", None, build=nonnotice_label(m), label="FedEx label")
    files.append(
        FilePlan(
            "text-not-a-notice-cover-letter.pdf",
            "text-pdf",
            [Part("n1")],
            "not a notice: law-firm RFE response cover letter quoting the I-797E and a receipt number",
            "printed",
        )
    )
    files.append(
        FilePlan(
            "text-not-a-notice-case-status.pdf",
            "text-pdf",
            [Part("n2")],
            "not a notice: case-status web page printed from a browser",
            "printed",
        )
    )

    # Scanned PDFs.
    def scan(name: str, parts: list[Part], label: str, dpi: int, effect: str) -> None:
        for p in parts:
            p.how = "scan"
            p.fx.setdefault("dpi", dpi)
        files.append(FilePlan(name, "scan-pdf", parts, label, effect, dpi))

    add("s01", "receipt", "I-130", "c797")
    scan(
        "scan-01-receipt-i130.pdf",
        [Part("s01", fx={"skew": 1.3, "noise": 6, "lamp": 1, "specks": 40})],
        "receipt I-130 (c797)",
        200,
        "grey, skew 1.3, uneven lamp, specks",
    )
    r = m.receipt("I-129", "EAC")
    recv = m.date()
    n = add("s02a", "receipt", "I-129", "c797", rn=r, received=recv)
    add(
        "s02b",
        "i907",
        "I-129",
        "c797",
        rn=r,
        received=recv,
        petitioner=n.v["petitioner"],
        beneficiary=n.v["beneficiary"],
    )
    scan(
        "scan-02-receipt-and-i907-one-scan.pdf",
        [Part("s02a", fx={"skew": -0.8, "noise": 5}), Part("s02b", fx={"skew": 0.6, "noise": 5})],
        "I-129 receipt and its I-907 receipt in one scan",
        240,
        "grey, skew under 1",
    )
    add("s03", "approval", "I-539", "tearoff", doc="I-797A", cls="B2")
    scan(
        "scan-03-approval-i797a-upside-down.pdf",
        [Part("s03", fx={"turn": 180, "noise": 5, "skew": 0.4})],
        "I-797A approval I-539 with I-94 tear-off, fed upside down",
        200,
        "rotated 180",
    )
    add("s04", "biometrics", "I-90", "asc")
    scan(
        "scan-04-biometrics-i90-sideways.pdf",
        [Part("s04", fx={"turn": 90, "noise": 4})],
        "ASC appointment I-90 scanned sideways",
        200,
        "rotated 90",
    )
    add("s05a", "approval", "I-129", "ledger", cls="H1B")
    add("s05b", "receipt", "I-824", "c797")
    scan(
        "scan-05-duplex-two-notices-blank-backs.pdf",
        [
            Part("s05a", fx={"noise": 5, "skew": -0.5}, blank_backs=True),
            Part("s05b", fx={"noise": 5, "skew": 0.9}, blank_backs=True),
        ],
        "duplex scan: approval (ledger) and I-824 receipt, each with a blank back",
        200,
        "duplex, blank backs",
    )
    add("s06", "rfe", "I-140", "letter")
    scan(
        "scan-06-rfe-i140-fax.pdf",
        [Part("s06", fx={"fax": 1, "skew": 0.7})],
        "I-797E request for evidence with its request pages, received by fax",
        300,
        "1-bit fine fax",
    )
    add("s07", "receipt", "I-131", "account")
    scan(
        "scan-07-account-receipt-i131-moire.pdf",
        [Part("s07", fx={"moire": 37, "noise": 4, "blur": 0.6})],
        "account-printed I-131 receipt, rescanned at low resolution with moire",
        150,
        "moire, 150 dpi",
    )
    add("s08", "noid", "I-130", "letter")
    scan(
        "scan-08-noid-i130-shadow.pdf",
        [Part("s08", fx={"shadow": "left", "noise": 5, "skew": 1.1, "blur": 0.5})],
        "notice of intent to deny I-130, two pages, copier-lid shadow",
        200,
        "shadow, skew",
    )
    add("s09", "approval", "I-140", "tearoff", doc="I-797")
    scan(
        "scan-09-approval-i140-jpeg.pdf",
        [Part("s09", fx={"noise": 3, "jpeg": 35})],
        "I-797 approval I-140, heavy JPEG compression",
        300,
        "JPEG quality 35",
    )
    add("s10", "receipt", "N-400", "ledger")
    scan(
        "scan-10-receipt-n400-blur-shadow.pdf",
        [Part("s10", fx={"shadow": "right", "blur": 1.0, "noise": 6, "toner": 0.75})],
        "ledger N-400 receipt, faint toner, blurred, shadow on the binding side",
        200,
        "blur, faint toner",
    )
    add("s11", "rejection", "I-131", "c797")
    scan(
        "scan-11-rejection-i131-low-dpi.pdf",
        [Part("s11", fx={"noise": 5, "skew": -1.6})],
        "rejection I-131 at 150 dpi",
        150,
        "150 dpi, skew",
    )
    r = m.receipt("I-129", "IOE")
    recv = m.date()
    pet = m.rng.choice(COMPANIES)
    n = add("s12a", "receipt", "I-129", "ledger", rn=r, received=recv, petitioner=pet)
    add("s12b", "i907", "I-129", "ledger", rn=r, received=recv, petitioner=pet, beneficiary=n.v["beneficiary"])
    add(
        "s12c",
        "approval",
        "I-129",
        "c797",
        rn=r,
        received=recv,
        petitioner=pet,
        beneficiary=n.v["beneficiary"],
        cls="H1B",
    )
    scan(
        "scan-12-batch-receipt-i907-approval.pdf",
        [
            Part("s12a", fx={"noise": 5}),
            Part("s12b", fx={"noise": 5, "skew": 1.0}),
            Part("s12c", fx={"noise": 5, "skew": -0.7}),
        ],
        "scanned batch: I-129 receipt, I-907 receipt and approval, one receipt number",
        200,
        "grey",
    )
    scan(
        "scan-not-a-notice-fedex-label.pdf",
        [Part("n4", fx={"noise": 5, "skew": 0.8})],
        "not a notice: FedEx label page from the mail",
        200,
        "grey",
    )

    # Mixed batch: printed and scanned pages.
    add("m1", "receipt", "I-485", "c797")
    add("m2", "biometrics", "I-131", "asc")
    add("m3", "transfer", "I-129", "ledger")
    files.append(
        FilePlan(
            "mixed-batch-receipt-biometrics-transfer.pdf",
            "mixed-pdf",
            [Part("m1"), Part("m2", "scan", {"dpi": 200, "noise": 5, "skew": 0.9}), Part("m3")],
            "mail batch: printed I-485 receipt, scanned ASC appointment, printed transfer notice",
            "printed + scanned",
            200,
        )
    )

    # Images.
    def image(name: str, keys: list[str], fmt: str, label: str, dpi: int, effect: str, **opts: Any) -> None:
        files.append(
            FilePlan(
                name,
                "image",
                [Part(k, "scan", {"dpi": dpi, **opts.get("fx", {})}) for k in keys],
                label,
                effect,
                dpi,
                {"format": fmt, **opts},
            )
        )

    add("i01", "receipt", "I-765", "c797")
    image(
        "photo-01-receipt-i765.jpg",
        ["i01"],
        "JPEG",
        "phone photo of an I-765 receipt on a desk",
        200,
        "photo: perspective, warm light, corner shadow",
        photo={"shadow": True},
    )
    add("i02", "approval", "I-129", "tearoff", doc="I-797A", cls="L1A")
    image(
        "image-02-approval-i797a.png",
        ["i02"],
        "PNG",
        "I-797A approval with the I-94 tear-off, grey PNG",
        200,
        "PNG scan",
        fx={"noise": 4, "skew": 0.6},
    )
    add("i03", "rfe", "I-765", "letter")
    image(
        "image-03-rfe-first-page-fax.tif",
        ["i03"],
        "TIFF-G4",
        "first page of an I-797E, faxed (one page only)",
        300,
        "1-bit G4 fax",
        fx={"fax": 1},
        first_page_only=True,
    )
    add("i04a", "biometrics", "I-539", "asc")
    add("i04b", "receipt", "I-539", "c797")
    image(
        "image-04-two-notices.tif",
        ["i04a", "i04b"],
        "TIFF-LZW",
        "two-page grey TIFF: ASC appointment and receipt",
        200,
        "LZW multi-page",
        fx={"noise": 4},
    )
    add("i05", "transfer", "I-140", "ledger")
    image(
        "photo-05-transfer-sideways.jpg",
        ["i05"],
        "JPEG",
        "photo of a transfer notice taken sideways",
        180,
        "photo rotated 90",
        photo={"turn": -90, "desk": (200, 200, 196), "tint": (1.0, 1.0, 1.02)},
    )
    add("i06", "i907", "I-140", "c797")
    image(
        "image-06-i907-upside-down.png",
        ["i06"],
        "PNG",
        "I-907 receipt for an I-140, scanned upside down at 150 dpi",
        150,
        "rotated 180, 150 dpi",
        fx={"turn": 180, "noise": 4},
    )
    add("i07", "biometrics", "I-485", "account")
    image(
        "photo-07-account-biometrics-handwritten.jpg",
        ["i07"],
        "JPEG",
        "photo of an account-printed ASC notice with a handwritten note",
        200,
        "photo, handwriting",
        photo={"blur": 1.0},
        note=True,
    )
    add("i08", "noid", "I-129", "letter")
    image(
        "photo-08-noid-first-page.jpg",
        ["i08"],
        "JPEG",
        "photo of the first page of a notice of intent to deny",
        200,
        "photo",
        photo={"shadow": True},
        first_page_only=True,
    )
    image(
        "photo-not-a-notice-invoice.jpg",
        ["n3"],
        "JPEG",
        "not a notice: photo of a law firm's invoice with USCIS fees",
        170,
        "photo",
        photo={},
    )
    return sources, files


def assemble(
    fp: FilePlan, sources: dict[str, Source], folder: Path, rng: np.random.Generator
) -> tuple[int, list[dict[str, Any]]]:
    """Write one file; return its page count and its notices' truth (with 1-based pages)."""
    notices: list[dict[str, Any]] = []
    page_no = 0
    if fp.medium == "image":
        assert fp.image is not None
        frames: list[Image.Image] = []
        for part in fp.parts:
            s = sources[part.source]
            assert s.pdf is not None
            pages = render_pages(s.pdf, part.fx["dpi"])
            if fp.image.get("first_page_only"):
                pages = pages[:1]
            for pg in pages:
                if fp.image.get("note"):
                    pg = handwriting(pg, "bring passport! - call ASC 2/3", part.fx["dpi"])
                if "photo" in fp.image:
                    frames.append(photograph(pg, fp.image["photo"], rng))
                else:
                    frames.append(degrade(pg, part.fx, rng))
            if s.notice is not None:
                seen = pdf_texts(s.pdf)[: len(pages)]
                notices.append(_truth(s, list(range(page_no + 1, page_no + len(pages) + 1)), " ".join(seen)))
            page_no += len(pages)
        out = folder / fp.name
        fmt = fp.image["format"]
        dpi = fp.dpi or 200
        if fmt == "JPEG":
            frames[0].save(out, "JPEG", quality=82, dpi=(dpi, dpi))
        elif fmt == "PNG":
            frames[0].save(out, "PNG", dpi=(dpi, dpi), optimize=False)
        elif fmt == "TIFF-G4":
            frames[0].save(out, "TIFF", compression="group4", dpi=(204, 196))
        else:
            frames[0].save(out, "TIFF", compression="tiff_lzw", save_all=True, append_images=frames[1:], dpi=(dpi, dpi))
        return page_no, notices
    writer = PdfWriter()
    for part in fp.parts:
        s = sources[part.source]
        assert s.pdf is not None
        if part.how == "text":
            reader = PdfReader(str(s.pdf))
            for pg in reader.pages:
                writer.add_page(pg)
            count = len(reader.pages)
            pages_here = list(range(page_no + 1, page_no + count + 1))
            page_no += count
        else:
            dpi = part.fx["dpi"]
            images = render_pages(s.pdf, dpi)
            blobs: list[bytes] = []
            pages_here = []
            for img in images:
                blobs.append(scan_page_bytes(degrade(img, part.fx, rng), dpi, part.fx.get("jpeg", 72)))
                page_no += 1
                pages_here.append(page_no)
                if part.blank_backs:
                    blobs.append(scan_page_bytes(degrade(blank_page(dpi, img, rng), {"noise": 3}, rng), dpi, 72))
                    page_no += 1
            scanned = PdfReader(io.BytesIO(img2pdf.convert(blobs)))
            for pg in scanned.pages:
                writer.add_page(pg)
        if s.notice is not None:
            notices.append(_truth(s, pages_here))
    writer.add_metadata({"/Producer": "notice_eval3"})
    with (folder / fp.name).open("wb") as fh:
        writer.write(fh)
    return page_no, notices


def _truth(s: Source, pages: list[int], seen: str | None = None) -> dict[str, Any]:
    """The notice's truth on ``pages``; with ``seen`` (the text of the pages a file keeps, when it keeps only some),
    a value not printed there is ``null``: the file does not carry it."""
    assert s.notice is not None
    values = s.notice.truth()
    printed = dict(s.notice.printed)
    if seen is not None:
        text = squash(seen)
        for name in SCORED:
            keys = [k for k in printed if k == name or k.startswith(name + ".")]
            if values[name] is not None and not all(squash(printed[k]) in text for k in keys):
                values[name] = None
                for k in keys:
                    del printed[k]
    return {"pages": pages, "_family": s.family, **values, "_printed": printed}


def generate(folder: Path, seed: int = 1797, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Write the set (or the files named in ``only``) and ``truth.json`` into ``folder``; return the truth."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    m = Maker(seed)
    sources, files = plan(m)
    if only is not None:
        wanted = set(only)
        unknown = wanted - {f.name for f in files}
        if unknown:
            raise ValueError(f"no such file in the set: {sorted(unknown)}")
        files = [f for f in files if f.name in wanted]
    needed = {p.source for f in files for p in f.parts}
    todo = [sources[k] for k in sources if k in needed]
    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory(prefix="notice-eval3-") as tmp:
        work = Path(tmp)
        produce(todo, work)
        for s in todo:
            check_printed(s)
        entries: dict[str, Any] = {}
        for fp in files:
            pages, notices = assemble(fp, sources, folder, rng)
            fmt = fp.image["format"].split("-")[0].lower() if fp.image else "pdf"
            entries[fp.name] = {
                "medium": fp.medium,
                "format": fmt,
                "effect": fp.effect,
                "dpi": fp.dpi,
                "pages": pages,
                "label": fp.label,
                "notices": notices,
            }
    truth = {
        "set": 3,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "files": entries,
    }
    (folder / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description="Write the third sealed notice set (its keeper only).")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=1797)
    ap.add_argument("--only", nargs="*", help="write only these files (names as in truth.json)")
    args = ap.parse_args()
    started = time.perf_counter()
    truth = generate(args.folder, args.seed, args.only)
    files = truth["files"]
    print(
        f"{len(files)} files, {sum(len(e['notices']) for e in files.values())} notices, "
        f"{sum(e['pages'] for e in files.values())} pages in {time.perf_counter() - started:.1f} s -> {args.folder}"
    )


if __name__ == "__main__":
    main()
