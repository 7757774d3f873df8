"""Eighth notice evaluation set (issue 14): fictional USCIS notices as a mailroom receives them, with truth.

Kept unseen: whoever works on the parser must not read this file, the files it writes or their truth
(README.md, "The rule"). Run: ``python -m bench.notice_eval8.generate OUT --seed 1797``; the bench
calls ``generate(folder, seed)``. Every value the truth scores is printed on its notice's pages, and
the generator refuses to write a set where a printed value is missing from the source PDF's text layer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import logging
import os
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GENERATOR_VERSION = "8.1"
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
PAGE_W, PAGE_H = 612.0, 792.0
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/crosextra",
)
FACES = {
    "lsans": "LiberationSans-Regular.ttf",
    "lsans-b": "LiberationSans-Bold.ttf",
    "lserif": "LiberationSerif-Regular.ttf",
    "lserif-b": "LiberationSerif-Bold.ttf",
    "lmono": "LiberationMono-Regular.ttf",
    "lmono-b": "LiberationMono-Bold.ttf",
    "dsans": "DejaVuSans.ttf",
    "dsans-b": "DejaVuSans-Bold.ttf",
    "dserif": "DejaVuSerif.ttf",
    "dserif-b": "DejaVuSerif-Bold.ttf",
    "dmono": "DejaVuSansMono.ttf",
    "dmono-b": "DejaVuSansMono.ttf",
    "carlito": "Carlito-Regular.ttf",
    "carlito-b": "Carlito-Bold.ttf",
    "narrow": "LiberationSansNarrow-Regular.ttf",
    "narrow-b": "LiberationSansNarrow-Bold.ttf",
    "dcond": "DejaVuSansCondensed.ttf",
    "dcond-b": "DejaVuSansCondensed-Bold.ttf",
    "hand": "DejaVuSerif-Italic.ttf",
}


def font_path(key: str) -> str:
    for folder in FONT_DIRS:
        path = Path(folder) / FACES[key]
        if path.exists():
            return str(path)
    raise SystemExit(
        f"notice set 8: font {FACES[key]} is not installed (needs the Liberation, DejaVu and Carlito fonts)"
    )


# ---------------------------------------------------------------------------------------------
# Fictional people, companies, offices.

GIVEN = [
    "Amara",
    "Tomasz",
    "Ines",
    "Kenji",
    "Olusegun",
    "Marisol",
    "Dmitri",
    "Priyanka",
    "Henrik",
    "Yasmin",
    "Tadeo",
    "Leilani",
    "Bogdan",
    "Nkechi",
    "Rafael",
    "Sunita",
    "Mateus",
    "Elif",
    "Joaquin",
    "Ha-eun",
    "Casimir",
    "Adaeze",
    "Thanh",
    "Soraya",
    "Lorenzo",
    "Wanjiru",
    "Emeric",
    "Farida",
    "Ilse",
    "Nikhil",
    "Zofia",
    "Ayodele",
    "Beatriz",
    "Ruslan",
    "Mireille",
    "Chidi",
    "Anouk",
    "Goran",
    "Paloma",
    "Keoni",
]
SURNAMES = [
    "Okonkwo",
    "Vasquez-Lindqvist",
    "Haraldsen",
    "Nakamura-Reyes",
    "Achterberg",
    "Szymanska",
    "Oyelaran",
    "Castellanos",
    "Dubrovnik",
    "Raghunathan",
    "Feldhaus",
    "Mbeki-Torres",
    "Quintanilla",
    "Eriksdottir",
    "Abernathy",
    "Kowalczyk",
    "Tran-Whitfield",
    "Balogun",
    "Marchetti",
    "Ivanova",
    "Delacroix",
    "Chaudhary",
    "Oyelowo",
    "Brannigan",
    "Salvatierra",
    "Nwachukwu",
    "Lindgren",
    "Petrakis",
    "Halvorsen",
    "Zamorano",
    "O'Flaherty",
    "Bhattacharya",
    "Kristiansen",
    "Moreau-Diallo",
    "Yilmaz",
    "Sandoval",
]
INITIALS = "ABCDEFGHJKLMNPRSTVW"
CO_A = [
    "Bluewater",
    "Copperline",
    "Northgate",
    "Larkspur",
    "Meridian",
    "Halcyon",
    "Tidewell",
    "Granite",
    "Brightfield",
    "Cedarmont",
    "Saltmarsh",
    "Ironleaf",
]
CO_B = [
    "Analytics",
    "Biologics",
    "Systems Integration",
    "Data Works",
    "Semiconductor Design",
    "Clinical Research",
    "Logistics",
    "Software Engineering",
    "Robotics",
    "Environmental Consulting",
    "Medical Devices",
    "Capital Advisors",
]
CO_C = ("LLC", "Inc.", "Corporation", "LLP", "Co.", "Holdings LLC")
LONG_CO = (
    "Consolidated Prairie Valley Cooperative Agricultural Research and Extension Services, Inc.",
    "Northeastern Regional Consortium for Advanced Pediatric Cardiology Research LLC",
    "Trans-Pacific Integrated Semiconductor Packaging and Test Technologies Corporation",
)
STREETS = [
    "Alder",
    "Quarry",
    "Wexford",
    "Hollins",
    "Marigold",
    "Pemberton",
    "Ridgeback",
    "Sycamore",
    "Tillman",
    "Brookhaven",
    "Calloway",
    "Denholm",
]
ST_KIND = ("Street", "Avenue", "Road", "Boulevard", "Parkway", "Drive")
CITIES = (
    ("Fairhaven", "MA", "02719"),
    ("Lakewood", "CO", "80226"),
    ("Bellmore", "NY", "11710"),
    ("Port Ainsley", "WA", "98366"),
    ("Sugar Grove", "IL", "60554"),
    ("Clearbrook", "MN", "56634"),
    ("Mesa Verde", "AZ", "85201"),
    ("Oakridge", "TN", "37830"),
)
OFFICES = {
    "EAC": ("Vermont Service Center", "38 River Road", "Essex Junction VT 05479-0001"),
    "WAC": ("California Service Center", "P.O. Box 30111", "Laguna Niguel CA 92607-0111"),
    "LIN": ("Nebraska Service Center", "P.O. Box 82521", "Lincoln NE 68501-2521"),
    "SRC": ("Texas Service Center", "6046 N Belt Line Rd", "Irving TX 75038-0001"),
    "MSC": ("National Benefits Center", "P.O. Box 648003", "Lee's Summit MO 64002"),
    "IOE": ("Potomac Service Center", "2200 Potomac Center Dr", "Arlington VA 22202"),
    "YSC": ("Potomac Service Center", "2200 Potomac Center Dr", "Arlington VA 22202"),
}
ASCS = (
    ("USCIS HARTWELL ASC", "4418 W CALLOWAY AVE STE 200", "HARTWELL GA 30643"),
    ("USCIS NORTH BRANFORD ASC", "120 QUARRY ROAD BLDG C", "NORTH BRANFORD CT 06471"),
    ("USCIS GLENWOOD ASC", "2905 SYCAMORE PKWY SUITE 110", "GLENWOOD IL 60425"),
    ("USCIS SAN LORENZO ASC", "16055 HESPERIAN BLVD UNIT 4", "SAN LORENZO CA 94580"),
    ("USCIS PINE BLUFF ASC", "711 WEXFORD DRIVE", "PINE BLUFF AR 71601"),
)
FIELD_OFFICES = (
    ("USCIS Millbrook Field Office", "1450 Tillman Parkway, Room 310", "Millbrook NY 12545"),
    ("USCIS Riverside Field Office", "6800 Denholm Avenue, 2nd Floor", "Riverside CA 92501"),
)

# code: (title, petition?, fee now, fee 2000s)
FORMS: dict[str, tuple[str, bool, str, str]] = {
    "I-129": ("PETITION FOR A NONIMMIGRANT WORKER", True, "780.00", "320.00"),
    "I-140": ("IMMIGRANT PETITION FOR ALIEN WORKER", True, "715.00", "475.00"),
    "I-130": ("PETITION FOR ALIEN RELATIVE", True, "675.00", "355.00"),
    "I-485": ("APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS", False, "1440.00", "930.00"),
    "I-765": ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", False, "520.00", "340.00"),
    "I-131": ("APPLICATION FOR TRAVEL DOCUMENT", False, "630.00", "305.00"),
    "I-539": ("APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS", False, "470.00", "300.00"),
    "N-400": ("APPLICATION FOR NATURALIZATION", False, "760.00", "595.00"),
    "I-751": ("PETITION TO REMOVE CONDITIONS ON RESIDENCE", False, "750.00", "465.00"),
    "I-90": ("APPLICATION TO REPLACE PERMANENT RESIDENT CARD", False, "465.00", "290.00"),
    "I-907": ("REQUEST FOR PREMIUM PROCESSING SERVICE", True, "2805.00", "1000.00"),
}
CLASSES = {"I-129": ("H1B", "L1A", "L1B", "O1A", "H1B"), "I-140": ("E21", "E31", "E13"), "I-539": ("H4", "L2")}
KIND_TYPE = {
    "receipt": "receipt",
    "i907": "receipt",
    "biometrics": "biometrics",
    "interview": None,
    "approval": "approval",
    "approval_a": "approval",
    "approval_b": "approval",
    "transfer": "transfer",
    "rejection": "rejection",
    "rfe": "rfe",
    "noid": "noid",
    "noir": "noid",
    "denial": "denial",
}


LATEST = dt.date(2026, 11, 24)


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


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


def fmt_date(d: dt.date, style: str) -> str:
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]} {d.day:02d}, {d.year}"
    if style == "upper":
        return f"{MONTHS[d.month - 1].upper()} {d.day}, {d.year}"
    if style == "dmy":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}"
    raise ValueError(style)


def fmt_time(hh: int, mm: int, style: str) -> str:
    h12 = hh % 12 or 12
    if style == "ampm":
        return f"{h12}:{mm:02d} {'AM' if hh < 12 else 'PM'}"
    if style == "dots":
        return f"{h12}:{mm:02d} {'a.m.' if hh < 12 else 'p.m.'}"
    return f"{h12:02d}:{mm:02d} {'AM' if hh < 12 else 'PM'}"


def fmt_receipt(r: str, style: str) -> str:
    if style == "dash":
        return f"{r[:3]}-{r[3:5]}-{r[5:8]}-{r[8:]}"
    return r


def fmt_anum(a: str, style: str) -> str:
    """``a`` is the printed digits (8 or 9)."""
    if style == "spaced" and len(a) == 9:
        return f"A{a[:3]} {a[3:6]} {a[6:]}"
    if style == "dashed" and len(a) == 9:
        return f"A-{a[:3]}-{a[3:6]}-{a[6:]}"
    if style == "hash":
        return f"A# {a}"
    return f"A{a}"


def fmt_amount(a: str, style: str) -> str:
    whole, cents = a.split(".")
    grouped = f"{int(whole):,}"
    if style == "us":
        return f"$ {grouped}.{cents} U.S."
    if style == "plain":
        return f"${grouped}.{cents}"
    if style == "nocomma":
        return f"${whole}.{cents}"
    raise ValueError(style)


# ---------------------------------------------------------------------------------------------
# A notice: its truth and what its page printed for each value.


@dataclass
class Notice:
    kind: str
    form: str
    family: str
    t: dict[str, Any] = field(default_factory=dict)
    printed: dict[str, list[str]] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)  # pages in its source document (0-based)
    x: dict[str, Any] = field(default_factory=dict)  # what the page prints beside the scored fields

    def say(self, name: str, text: str) -> str:
        """Record that the page prints ``text`` for field ``name`` (a wrapped value: several calls)."""
        self.printed.setdefault(name, []).append(text)
        return text

    def truth(self) -> dict[str, Any]:
        return {name: self.t.get(name) for name in FIELDS}


def person(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(GIVEN), rng.choice(SURNAMES), rng.choice(INITIALS)


def company(rng: random.Random, long: bool = False) -> str:
    if long:
        return rng.choice(LONG_CO)
    return f"{rng.choice(CO_A)} {rng.choice(CO_B)} {rng.choice(CO_C)}"


def address(rng: random.Random) -> list[str]:
    city, st, zipc = rng.choice(CITIES)
    return [f"{rng.randint(12, 9870)} {rng.choice(STREETS)} {rng.choice(ST_KIND)}", f"{city} {st} {zipc}"]


class Maker:
    """Draws consistent fictional case data for notices."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def receipt(self, office: str, year: int) -> str:
        while True:
            r = f"{office}{year % 100:02d}{self.rng.randint(1, 260):03d}{self.rng.randint(10000, 99999)}"
            if office == "IOE":
                r = f"IOE{self.rng.randint(10**9, 10**10 - 1)}"
            if r not in self.used:
                self.used.add(r)
                return r

    def anum(self) -> str:
        if self.rng.random() < 0.15:
            return str(self.rng.randint(30_000_000, 99_999_999))
        return str(self.rng.randint(200_000_000, 249_999_999))

    def notice(
        self,
        kind: str,
        form: str,
        family: str,
        year: int,
        *,
        office: str | None = None,
        with_anum: bool | None = None,
        with_amount: bool = True,
        with_priority: bool = False,
        long_co: bool = False,
        receipt: str | None = None,
        who: tuple[str, str, str] | None = None,
        received: dt.date | None = None,
    ) -> Notice:
        rng = self.rng
        n = Notice(kind, form, family, {name: None for name in FIELDS})
        title, petition, fee_now, fee_old = FORMS[form]
        n.x["title"] = title
        n.t["notice_type"] = KIND_TYPE[kind]
        n.t["form"] = form
        office = office or rng.choice(("EAC", "WAC", "LIN", "SRC") if petition else ("MSC", "LIN", "SRC", "EAC"))
        n.x["office"] = office
        n.t["receipt_number"] = receipt or self.receipt(office, year)
        received = received or dt.date(year, rng.randint(1, 10), rng.randint(1, 27))
        gap = {"receipt": 9, "i907": 9, "rejection": 12, "transfer": 80, "biometrics": 25, "interview": 160}.get(
            kind, 120
        )
        notice_date = received + dt.timedelta(days=rng.randint(gap // 2 + 1, gap + 6))
        if notice_date > LATEST:  # the mailroom's today is early December 2026
            notice_date = max(received + dt.timedelta(days=3), LATEST - dt.timedelta(days=rng.randint(0, 20)))
        n.x["received"] = received
        n.x["notice"] = notice_date
        n.t["notice_date"] = iso(notice_date)
        if kind not in ("biometrics", "interview", "noid", "noir", "denial") or rng.random() < 0.5:
            n.t["received_date"] = iso(received)
        who = who or person(rng)
        n.x["person"] = who
        given, last, mid = who
        if form in ("I-129", "I-140", "I-907"):
            n.t["petitioner"] = company(rng, long_co)
            n.t["beneficiary"] = f"{last.upper()}, {given.upper()}"
            n.x["addressee"] = [n.t["petitioner"], "Attn: Human Resources", *address(rng)]
        elif form == "I-130":
            pg, pl, pm = person(rng)
            n.t["petitioner"] = f"{pl.upper()}, {pg.upper()} {pm}"
            n.t["beneficiary"] = f"{last.upper()}, {given.upper()} {mid}"
            n.x["addressee"] = [f"{pg} {pm}. {pl}", *address(rng)]
        else:
            n.t["applicant"] = f"{last.upper()}, {given.upper()} {mid}"
            n.x["addressee"] = [f"{given} {mid}. {last}", *address(rng)]
            if with_anum is None:
                with_anum = rng.random() < 0.75
        if with_anum:
            printed = self.anum()
            n.x["anum_digits"] = printed
            n.t["a_number"] = printed.zfill(9)
        if with_priority or (kind in ("approval", "receipt") and form in ("I-140", "I-130") and rng.random() < 0.7):
            n.t["priority_date"] = iso(
                received - dt.timedelta(days=rng.randint(0, 400)) if form == "I-130" else received
            )
        if kind in ("receipt", "i907") and with_amount:
            if kind == "i907":
                fee_now, fee_old = FORMS["I-907"][2], FORMS["I-907"][3]
            n.t["amount"] = fee_old if year < 2012 else fee_now
        if kind in ("approval", "approval_a", "approval_b") and form in CLASSES:
            n.t["classification"] = rng.choice(CLASSES[form])
        if kind in ("approval", "approval_a", "approval_b") and form in ("I-129", "I-539"):
            start = notice_date + dt.timedelta(days=rng.randint(0, 40))
            n.t["valid_from"] = iso(start)
            n.t["valid_to"] = iso(
                dt.date(start.year + rng.choice((1, 2, 3)), start.month, min(start.day, 28)) - dt.timedelta(days=1)
            )
        if kind == "approval_a":
            n.t["i94_number"] = f"{rng.randint(10**10, 10**11 - 1)}"
        if kind in ("rfe", "noid", "noir"):
            days = {"rfe": 87, "noid": 33, "noir": 33}[kind]
            n.t["response_due"] = iso(notice_date + dt.timedelta(days=days))
        if kind in ("biometrics", "interview"):
            hh, mm = rng.choice(((8, 0), (9, 30), (10, 15), (11, 0), (13, 0), (14, 45), (15, 30)))
            when = notice_date + dt.timedelta(days=rng.randint(12, 30))
            while when.weekday() >= 5:
                when += dt.timedelta(days=1)
            place = rng.choice(ASCS) if kind == "biometrics" else rng.choice(FIELD_OFFICES)
            n.x["appt"] = (when, hh, mm, place)
            n.t["appointment"] = {"date": iso(when), "time": f"{hh:02d}:{mm:02d}", "location": place[1]}
        if kind == "i907":
            n.t["form"] = "I-907"
            n.x["title"] = FORMS["I-907"][0]
        return n


# ---------------------------------------------------------------------------------------------
# Pens: one drawing interface over reportlab and fpdf2 (top-left origin, points, baseline y).


class Pen:
    def __init__(self) -> None:
        self.page = 0

    def width(self, s: str, font: str, size: float) -> float:
        from reportlab.pdfbase import pdfmetrics

        _rl_font(font)
        return float(pdfmetrics.stringWidth(s, font, size))

    def text(self, x: float, y: float, s: str, font: str = "lsans", size: float = 10, align: str = "l") -> None:
        raise NotImplementedError

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, dash: bool = False) -> None:
        raise NotImplementedError

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None) -> None:
        raise NotImplementedError

    def new_page(self) -> None:
        raise NotImplementedError

    def finish(self) -> bytes:
        raise NotImplementedError

    def wrap(self, s: str, font: str, size: float, width: float) -> list[str]:
        words, lines, cur = s.split(), [], ""
        for w in words:
            trial = f"{cur} {w}".strip()
            if cur and self.width(trial, font, size) > width:
                lines.append(cur)
                cur = w
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def para(
        self, x: float, y: float, s: str, font: str, size: float, width: float, lead: float | None = None
    ) -> float:
        lead = lead or size * 1.25
        for ln in self.wrap(s, font, size, width):
            self.text(x, y, ln, font, size)
            y += lead
        return y


_RL_DONE: set[str] = set()


def _rl_font(key: str) -> None:
    if key in _RL_DONE:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(key, font_path(key)))
    _RL_DONE.add(key)


class RLPen(Pen):
    def __init__(self) -> None:
        super().__init__()
        from reportlab.pdfgen import canvas

        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
        self.c.setTitle("")

    def text(self, x: float, y: float, s: str, font: str = "lsans", size: float = 10, align: str = "l") -> None:
        _rl_font(font)
        self.c.setFont(font, size)
        self.c.setFillGray(0)
        yy = PAGE_H - y
        if align == "r":
            self.c.drawRightString(x, yy, s)
        elif align == "c":
            self.c.drawCentredString(x, yy, s)
        else:
            self.c.drawString(x, yy, s)

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, dash: bool = False) -> None:
        self.c.setLineWidth(w)
        self.c.setDash(3, 2) if dash else self.c.setDash()
        self.c.line(x1, PAGE_H - y1, x2, PAGE_H - y2)
        self.c.setDash()

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None) -> None:
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, PAGE_H - y - h, w, h, stroke=1 if lw > 0 else 0, fill=1 if fill is not None else 0)
        self.c.setFillGray(0)

    def new_page(self) -> None:
        self.c.showPage()
        self.page += 1

    def finish(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


class FPen(Pen):
    def __init__(self) -> None:
        super().__init__()
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        self.pdf.add_page()
        self.fonts: set[str] = set()

    def _font(self, key: str, size: float) -> None:
        if key not in self.fonts:
            self.pdf.add_font(key, "", font_path(key))
            self.fonts.add(key)
        self.pdf.set_font(key, "", size)

    def text(self, x: float, y: float, s: str, font: str = "lsans", size: float = 10, align: str = "l") -> None:
        self._font(font, size)
        w = self.width(s, font, size)
        xx = x - w if align == "r" else x - w / 2 if align == "c" else x
        self.pdf.text(xx, y, s)

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, dash: bool = False) -> None:
        self.pdf.set_line_width(w)
        self.pdf.set_dash_pattern(dash=3, gap=2) if dash else self.pdf.set_dash_pattern()
        self.pdf.line(x1, y1, x2, y2)
        self.pdf.set_dash_pattern()

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None) -> None:
        self.pdf.set_line_width(max(lw, 0.01))
        if fill is not None:
            g = int(fill * 255)
            self.pdf.set_fill_color(g, g, g)
        style = ("D" if lw > 0 else "") + ("F" if fill is not None else "")
        self.pdf.rect(x, y, w, h, style=style or "D")

    def new_page(self) -> None:
        self.pdf.add_page()
        self.page += 1

    def finish(self) -> bytes:
        return bytes(self.pdf.output())


# ---------------------------------------------------------------------------------------------
# Canvas families.

TYPE_WORDS = {
    "receipt": ("Receipt Notice", "RECEIPT NOTICE"),
    "i907": ("Premium Processing Receipt", "RECEIPT NOTICE"),
    "approval": ("Approval Notice", "APPROVAL NOTICE"),
    "approval_a": ("Approval Notice", "APPROVAL NOTICE"),
    "approval_b": ("Approval Notice", "APPROVAL NOTICE"),
    "transfer": ("Transfer Notice", "TRANSFER NOTICE"),
    "rejection": ("Rejection Notice", "REJECTION NOTICE"),
    "rfe": ("Request for Evidence", "REQUEST FOR EVIDENCE"),
}
EDITION = {"approval": "I-797", "approval_a": "I-797A", "approval_b": "I-797B", "rfe": "I-797E"}


def short_title(title: str, limit: int) -> str:
    """A form's title cut at a word boundary, as narrow notice cells print it."""
    out = ""
    for w in title.title().replace("/", "/ ").split():
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out} {w}".strip()
    return out.replace("/ ", "/")


def body_text(n: Notice) -> list[str]:
    k = n.kind
    if k == "receipt":
        return [
            "This notice confirms that USCIS received your case and the fee shown above. It does not grant any "
            "immigration status or benefit. Keep it with your records and quote the receipt number whenever "
            "you contact us about this case.",
            "If we find that something is missing, we may send you a request for evidence or a notice of intent "
            "to deny before we decide. Please allow the processing times posted online before you ask about the case.",
        ]
    if k == "i907":
        return [
            "We received your request for premium processing. Within the premium processing time frame we will "
            "issue an approval notice, a denial notice, a notice of intent to deny, or a request for evidence, "
            "or open an investigation for fraud or misrepresentation. The receipt number is the one of the "
            "related petition.",
        ]
    if k.startswith("approval"):
        out = [
            "The above petition has been approved. Please contact the U.S. consulate abroad if the beneficiary "
            "needs a visa. This notice is not a visa and does not by itself allow entry to the United States."
        ]
        if k == "approval_a":
            out.append(
                "The I-94 at the bottom of this notice shows the beneficiary's new status and the date the "
                "authorized stay ends. Detach it along the dotted line and keep it with the passport."
            )
        out.append(
            "USCIS may revoke an approval after notice if it finds the facts stated in the petition untrue "
            "(a notice of intent to revoke would say why)."
        )
        return out
    if k == "transfer":
        return [
            "To speed processing, your case has been moved to another USCIS office. Send any further mail about "
            "the case to the office shown below. You do not need to file again or pay another fee."
        ]
    if k == "rejection":
        return [
            "Your filing is being returned because it could not be accepted: the fee enclosed was not the correct "
            "amount for the form filed. Correct the problem and file again with the full fee. No receipt "
            "date is kept for a rejected filing."
        ]
    if k == "rfe":
        return [
            "More evidence is needed before a decision can be made on this case. Submit the items listed on the "
            "attached sheet together with this notice on top of your response.",
            "If all requested evidence is not received by the due date, the case will be decided on the record "
            "as it stands, which may result in a denial.",
        ]
    return []


def _cell(
    pen: Pen, x: float, y: float, w: float, h: float, label: str, lines: list[str], lf: str, vf: str, vs: float
) -> None:
    pen.rect(x, y, w, h)
    pen.text(x + 3, y + 8, label, lf, 6.5)
    yy = y + 8 + vs + 3
    for ln in lines:
        pen.text(x + 4, yy, ln, vf, vs)
        yy += vs + 2


def draw_grid(pen: Pen, n: Notice, rng: random.Random, st: dict[str, Any]) -> None:
    """A current-style I-797 page: heading, a grid of labelled cells, notice type lines, addressee, body."""
    lf, vf, bf = st["lf"], st["vf"], st["bf"]
    ds = st["date"]
    t = n.t
    edition = EDITION.get(n.kind, "I-797C")
    pen.text(36, 34, "Department of Homeland Security", lf, 8)
    pen.text(36, 44, "U.S. Citizenship and Immigration Services", lf, 8)
    pen.text(576, 38, f"Form {edition}, Notice of Action", bf, 11, "r")
    pen.text(306, 72, "THE UNITED STATES OF AMERICA", bf, 13, "c")
    x0, y = 36.0, 84.0
    rcpt = n.say("receipt_number", fmt_receipt(t["receipt_number"], st.get("rstyle", "plain")))
    _cell(pen, x0, y, 180, 30, "RECEIPT NUMBER", [rcpt], lf, vf, 10)
    form_code = t["form"].replace("-", "")
    ctype = f"{n.say('form', form_code)} - {n.x['title']}"
    _cell(pen, x0 + 180, y, 360, 30, "CASE TYPE", pen.wrap(ctype, vf, 8.5, 350)[:1], lf, vf, 8.5)
    y += 30
    cells = [("RECEIVED DATE", "received_date"), ("PRIORITY DATE", "priority_date"), ("NOTICE DATE", "notice_date")]
    for i, (lab, name) in enumerate(cells):
        val = t[name]
        txt = n.say(name, fmt_date(dt.date.fromisoformat(val), ds)) if val else ""
        _cell(pen, x0 + i * 135, y, 135, 30, lab, [txt], lf, vf, 10)
    _cell(pen, x0 + 405, y, 135, 30, "PAGE", ["1 of 1"], lf, vf, 10)
    y += 30
    left_label = "APPLICANT" if t.get("applicant") else "PETITIONER"
    left: list[str] = []
    if t.get("applicant"):
        if t.get("a_number"):
            left.append(n.say("a_number", fmt_anum(n.x["anum_digits"], st.get("astyle", "spaced"))))
        left.append(n.say("applicant", t["applicant"]))
        right_label, right = "", []
    else:
        for ln in pen.wrap(t["petitioner"], vf, 9.5, 255):
            left.append(n.say("petitioner", ln))
        right_label = "BENEFICIARY"
        right = []
        if t.get("a_number"):
            right.append(n.say("a_number", fmt_anum(n.x["anum_digits"], st.get("astyle", "spaced"))))
        right.append(n.say("beneficiary", t["beneficiary"]))
    h = 16 + 12 * max(len(left), len(right), 2)
    _cell(pen, x0, y, 270, h, left_label, left, lf, vf, 9.5)
    _cell(pen, x0 + 270, y, 270, h, right_label, right, lf, vf, 9.5)
    y += h + 18
    tw, _ = TYPE_WORDS[n.kind]
    pen.text(x0, y, f"Notice Type: {n.say('notice_type', tw)}", bf, 10.5)
    y += 14
    if t.get("amount"):
        pen.text(x0, y, f"Amount received: {n.say('amount', fmt_amount(t['amount'], st.get('mstyle', 'us')))}", vf, 9.5)
        y += 13
    if n.kind == "i907":
        pen.text(x0, y, "Premium processing requested for the related Form I-129 petition", vf, 9.5)
        y += 13
    if t.get("classification"):
        pen.text(x0, y, f"Class: {n.say('classification', t['classification'])}", vf, 9.5)
        y += 13
    if t.get("valid_from"):
        vfrom = n.say("valid_from", fmt_date(dt.date.fromisoformat(t["valid_from"]), ds))
        vto = n.say("valid_to", fmt_date(dt.date.fromisoformat(t["valid_to"]), ds))
        pen.text(x0, y, f"Valid from {vfrom} to {vto}", vf, 9.5)
        y += 13
    if t.get("response_due"):
        due = n.say("response_due", fmt_date(dt.date.fromisoformat(t["response_due"]), ds))
        pen.text(x0, y, f"Response due: {due}", bf, 10)
        y += 13
    if n.kind == "transfer":
        pen.text(x0, y, f"Case now at: {OFFICES['MSC'][0]}", vf, 9.5)
        y += 13
    y += 10
    for ln in n.x["addressee"]:
        pen.text(x0 + 18, y, ln.upper(), vf, 9.5)
        y += 12
    y += 16
    for p in body_text(n):
        y = pen.para(x0, y, p, vf, 8.8, 540) + 6
    office = OFFICES[n.x["office"]]
    yb = 560 if n.kind == "approval_a" else 700
    pen.text(
        x0,
        yb,
        "Please see the additional information on the back. You will be notified separately about any other "
        "cases you filed.",
        lf,
        7.5,
    )
    pen.text(x0, yb + 14, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", bf, 8.5)
    pen.text(x0, yb + 25, office[0].upper(), vf, 8.5)
    pen.text(x0, yb + 36, f"{office[1].upper()}, {office[2].upper()}", vf, 8.5)
    pen.text(x0, yb + 47, "National Customer Service Center: 800-375-5283", vf, 8.5)
    pen.text(576, 770, f"Form {edition} 04/01/24", lf, 7, "r")
    if n.kind == "approval_a":
        yt = 628.0
        pen.line(20, yt, 592, yt, 0.8, dash=True)
        pen.text(306, yt + 10, "Detach along the dotted line", lf, 6.5, "c")
        pen.text(36, yt + 28, "Departure Record", bf, 10)
        i94 = t["i94_number"]
        shown = f"{i94[:9]} {i94[9:]}" if st.get("i94split") else i94
        _cell(pen, 36, yt + 36, 200, 30, "I-94 NUMBER", [n.say("i94_number", shown)], lf, vf, 11)
        g, last, _ = n.x["person"]
        _cell(pen, 236, yt + 36, 170, 30, "FAMILY NAME", [last.upper()], lf, vf, 10)
        _cell(pen, 406, yt + 36, 170, 30, "FIRST (GIVEN) NAME", [g.upper()], lf, vf, 10)
        _cell(
            pen,
            36,
            yt + 66,
            200,
            30,
            "COUNTRY OF CITIZENSHIP",
            [rng.choice(("BRAZIL", "INDIA", "POLAND", "KENYA", "VIET NAM"))],
            lf,
            vf,
            10,
        )
        _cell(
            pen,
            236,
            yt + 66,
            340,
            30,
            "CLASS / ADMIT UNTIL",
            [f"{t['classification']} / {fmt_date(dt.date.fromisoformat(t['valid_to']), ds)}"],
            lf,
            vf,
            10,
        )


def draw_mainframe(pen: Pen, n: Notice, rng: random.Random, st: dict[str, Any]) -> None:
    """An older continuous-form printout in a fixed-pitch face, label : value lines in two columns."""
    f, fb = st["vf"], st["bf"]
    t = n.t
    size = 9.0
    cw = pen.width("M", f, size)
    y = 40.0

    def line(s: str, font: str = f) -> None:
        nonlocal y
        pen.text(40, y, s, font, size)
        y += size * 1.45

    def pad(s: str, w: int) -> str:
        return s + " " * max(1, w - len(s))

    line(
        pad("U.S. DEPARTMENT OF HOMELAND SECURITY", 52)
        + EDITION.get(n.kind, "I-797C").replace("I-797C", "I-797C")
        + ", NOTICE OF ACTION"
    )
    line("U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    y += 6
    pen.text(306, y, "THE UNITED STATES OF AMERICA", fb, 11, "c")
    y += 20
    ds = st["date"]
    rcpt = n.say("receipt_number", fmt_receipt(t["receipt_number"], "dash"))
    form_code = n.say("form", t["form"].replace("-", ""))
    line(pad("RECEIPT NUMBER : " + rcpt, 44) + "CASE TYPE : " + form_code)
    line(pad("", 44) + n.x["title"][:40])
    rd = (
        n.say("received_date", fmt_date(dt.date.fromisoformat(t["received_date"]), ds))
        if t.get("received_date")
        else ""
    )
    pd = (
        n.say("priority_date", fmt_date(dt.date.fromisoformat(t["priority_date"]), ds))
        if t.get("priority_date")
        else ""
    )
    line(pad("RECEIPT DATE   : " + rd, 44) + "PRIORITY DATE : " + pd)
    nd = n.say("notice_date", fmt_date(dt.date.fromisoformat(t["notice_date"]), ds))
    line(pad("NOTICE DATE    : " + nd, 44) + "PAGE : 1 OF 1")
    y += 4
    if t.get("applicant"):
        if t.get("a_number"):
            line("APPLICANT      : " + n.say("a_number", fmt_anum(n.x["anum_digits"], "plain")))
            line("                 " + n.say("applicant", t["applicant"]))
        else:
            line("APPLICANT      : " + n.say("applicant", t["applicant"]))
    else:
        pet = t["petitioner"].upper()
        words = pet.split()
        first, rest = "", []
        for w in words:
            if len(first) + len(w) + 1 <= 44 and not rest:
                first = f"{first} {w}".strip()
            else:
                rest.append(w)
        line("PETITIONER     : " + n.say("petitioner", first))
        if rest:
            line("                 " + n.say("petitioner", " ".join(rest)))
        n.t["petitioner"] = pet
        if t.get("a_number"):
            line("BENEFICIARY    : " + n.say("a_number", fmt_anum(n.x["anum_digits"], "plain")))
            line("                 " + n.say("beneficiary", t["beneficiary"]))
        else:
            line("BENEFICIARY    : " + n.say("beneficiary", t["beneficiary"]))
    y += 4
    line("NOTICE TYPE    : " + n.say("notice_type", TYPE_WORDS[n.kind][1]), fb)
    if t.get("classification"):
        valid = ""
        if t.get("valid_from"):
            vfrom = n.say("valid_from", fmt_date(dt.date.fromisoformat(t["valid_from"]), ds))
            vto = n.say("valid_to", fmt_date(dt.date.fromisoformat(t["valid_to"]), ds))
            valid = f"VALID {vfrom} TO {vto}"
        line(pad("CLASS          : " + n.say("classification", t["classification"]), 44) + valid)
    if t.get("amount"):
        line("AMOUNT RECEIVED: " + n.say("amount", fmt_amount(t["amount"], "nocomma")))
    y += 12
    for ln in n.x["addressee"]:
        line("     " + ln.upper())
    y += 14
    for p in body_text(n):
        for ln in _mono_wrap(p.upper(), int(530 / cw)):
            line(ln)
        y += 6
    office = OFFICES[n.x["office"]]
    y = max(y + 10, 600.0)
    line("PLEASE SEE THE ADDITIONAL INFORMATION ON THE BACK.")
    line(f"U.S. CITIZENSHIP AND IMMIGRATION SERVICES, {office[0].upper()}")
    line(f"{office[1].upper()}  {office[2].upper()}")
    line("CUSTOMER SERVICE TELEPHONE: (800) 375-5283")
    if n.kind == "approval_a":
        y += 10
        pen.line(30, y, 582, y, 0.7, dash=True)
        y += 16
        i94 = t["i94_number"]
        g, last, _ = n.x["person"]
        line("DEPARTURE RECORD", fb)
        line(
            pad("I-94 NUMBER: " + n.say("i94_number", f"{i94[:9]} {i94[9:]}"), 40)
            + f"NAME: {last.upper()}, {g.upper()}"
        )
    pen.text(572, 775, f"FORM {EDITION.get(n.kind, 'I-797C')} (REV. 01/31/05) N", f, 7, "r")


def _mono_wrap(s: str, width: int) -> list[str]:
    out, cur = [], ""
    for w in s.split():
        if len(cur) + len(w) + 1 > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    if cur:
        out.append(cur)
    return out


def draw_asc(pen: Pen, n: Notice, rng: random.Random, st: dict[str, Any]) -> None:
    """An appointment notice: header cells, the applicant, then a panel of date, time and place."""
    lf, vf, bf = st["lf"], st["vf"], st["bf"]
    t = n.t
    ds = st["date"]
    pen.text(36, 36, "U.S. Department of Homeland Security", vf, 8.5)
    pen.text(36, 47, "U.S. Citizenship and Immigration Services", vf, 8.5)
    pen.text(576, 42, "I-797C, Notice of Action", bf, 11, "r")
    title = (
        "APPLICATION SUPPORT CENTER APPOINTMENT NOTICE"
        if n.kind == "biometrics"
        else "REQUEST FOR APPLICANT TO APPEAR FOR INITIAL INTERVIEW"
    )
    pen.rect(36, 60, 540, 22, 0, fill=0.85)
    pen.text(306, 75, n.say("notice_type", title) if n.kind == "biometrics" else title, bf, 11, "c")
    y = 98.0
    cols = [(36, "Receipt Number"), (186, "Case Type"), (366, "Notice Date"), (486, "Page")]
    for x, lab in cols:
        pen.text(x, y, lab, lf, 7.5)
    y += 13
    pen.text(36, y, n.say("receipt_number", t["receipt_number"]), vf, 10)
    pen.text(186, y, n.say("form", t["form"]) + " " + short_title(n.x["title"], 30), vf, 8.5)
    pen.text(366, y, n.say("notice_date", fmt_date(dt.date.fromisoformat(t["notice_date"]), ds)), vf, 10)
    pen.text(486, y, "1 of 1", vf, 10)
    y += 20
    if t.get("received_date"):
        pen.text(36, y, "Received Date", lf, 7.5)
        pen.text(36, y + 13, n.say("received_date", fmt_date(dt.date.fromisoformat(t["received_date"]), ds)), vf, 10)
        y += 30
    pen.text(36, y, "Applicant", lf, 7.5)
    y += 13
    if t.get("a_number"):
        pen.text(36, y, n.say("a_number", fmt_anum(n.x["anum_digits"], st.get("astyle", "dashed"))), vf, 10)
        y += 13
    pen.text(36, y, n.say("applicant", t["applicant"]), vf, 10)
    y += 26
    for ln in n.x["addressee"]:
        pen.text(54, y, ln.upper(), vf, 9.5)
        y += 12
    y += 18
    if n.kind == "biometrics":
        intro = (
            "USCIS has scheduled the collection of your biometrics (fingerprints, photograph and signature) for the "
            "case above. Go to the Application Support Center shown below on the date and at the time shown."
        )
    else:
        intro = (
            "You are requested to appear for an interview on your application. Come to the office below with this "
            "letter, your passport and the original documents listed on the back."
        )
    y = pen.para(36, y, intro, vf, 9.2, 540) + 8
    when, hh, mm, place = n.x["appt"]
    pen.rect(36, y, 540, 74)
    pen.text(44, y + 12, "APPOINTMENT DATE", lf, 7.5)
    pen.text(184, y + 12, "TIME", lf, 7.5)
    pen.text(284, y + 12, "PLACE", lf, 7.5)
    dtext = n.say("appointment", fmt_date(when, st.get("adate", "long")))
    ttext = n.say("appointment", fmt_time(hh, mm, st.get("tstyle", "ampm")))
    pen.text(44, y + 28, dtext, bf, 10.5)
    pen.text(184, y + 28, ttext, bf, 10.5)
    pen.text(284, y + 28, place[0], vf, 9.5)
    pen.text(284, y + 41, n.say("appointment", place[1]), vf, 9.5)
    pen.text(284, y + 54, place[2], vf, 9.5)
    y += 96
    bring = (
        "Bring this notice and a photo identity document (passport, driver's license, or permanent resident card). "
        "If you cannot come, request a new appointment before the date above; missing it without doing so may "
        "lead us to treat the case as abandoned, or to issue a request for evidence."
    )
    y = pen.para(36, y, bring, vf, 8.8, 540) + 10
    pen.text(36, 716, "If you have questions, call the USCIS Contact Center at 800-375-5283.", lf, 8)
    pen.text(576, 770, "Form I-797C 04/01/24", lf, 7, "r")


def draw_half(pen: Pen, n: Notice, rng: random.Random, st: dict[str, Any], top: float) -> None:
    """A compact half-sheet notice (two can share a sheet): a banner line, a facts block in two columns."""
    lf, vf, bf = st["lf"], st["vf"], st["bf"]
    t = n.t
    ds = st["date"]
    y = top + 30
    pen.text(36, y, "THE UNITED STATES OF AMERICA", bf, 10)
    pen.text(576, y, "I-797C  NOTICE OF ACTION", bf, 10, "r")
    pen.line(36, y + 5, 576, y + 5, 1.2)
    y += 22
    rows_l: list[tuple[str, str]] = [("Receipt", n.say("receipt_number", t["receipt_number"]))]
    rows_l.append(("Form", n.say("form", t["form"]) + "  " + short_title(n.x["title"], 34)))
    if t.get("received_date"):
        rows_l.append(("Received", n.say("received_date", fmt_date(dt.date.fromisoformat(t["received_date"]), ds))))
    rows_l.append(("Notice Date", n.say("notice_date", fmt_date(dt.date.fromisoformat(t["notice_date"]), ds))))
    if t.get("priority_date"):
        rows_l.append(
            ("Priority Date", n.say("priority_date", fmt_date(dt.date.fromisoformat(t["priority_date"]), ds)))
        )
    rows_r: list[tuple[str, str]] = [("Notice Type", n.say("notice_type", TYPE_WORDS[n.kind][0]))]
    if t.get("amount"):
        rows_r.append(("Fee", n.say("amount", fmt_amount(t["amount"], "plain"))))
    if t.get("applicant"):
        if t.get("a_number"):
            rows_r.append(("A-Number", n.say("a_number", fmt_anum(n.x["anum_digits"], "plain"))))
        rows_r.append(("Applicant", n.say("applicant", t["applicant"])))
    else:
        rows_r.append(("Petitioner", n.say("petitioner", t["petitioner"])))
        rows_r.append(("Beneficiary", n.say("beneficiary", t["beneficiary"])))
    for i, (lab, val) in enumerate(rows_l):
        pen.text(36, y + i * 14, lab + ":", lf, 8.5)
        pen.text(100, y + i * 14, val, vf, 9.5)
    for i, (lab, val) in enumerate(rows_r):
        pen.text(322, y + i * 14, lab + ":", lf, 8.5)
        pen.text(390, y + i * 14, val, vf, 9.5)
    y += 14 * max(len(rows_l), len(rows_r)) + 14
    for ln in n.x["addressee"][:3]:
        pen.text(54, y, ln.upper(), vf, 9)
        y += 11
    y += 8
    for p in body_text(n)[:1]:
        y = pen.para(36, y, p, vf, 8, 540)
    office = OFFICES[n.x["office"]]
    pen.text(36, top + 372, f"USCIS {office[0]}, {office[1]}, {office[2]}", lf, 7.5)


def draw_invoice(pen: Pen, data: dict[str, Any]) -> None:
    """Not a notice: a law firm's invoice listing USCIS fees and a receipt number."""
    f, fb = "lserif", "lserif-b"
    pen.text(36, 50, data["firm"], fb, 16)
    pen.text(36, 66, data["firm_addr"], f, 9)
    pen.text(576, 50, "INVOICE", fb, 18, "r")
    pen.text(576, 66, f"Invoice No. {data['no']}", f, 9, "r")
    pen.text(576, 78, f"Date: {data['date']}", f, 9, "r")
    y = 120.0
    for ln in data["to"]:
        pen.text(36, y, ln, f, 10)
        y += 13
    y += 10
    pen.text(36, y, data["re"], fb, 10)
    y += 24
    pen.rect(36, y - 12, 540, 18, 0, fill=0.88)
    pen.text(40, y, "Description", fb, 9.5)
    pen.text(572, y, "Amount", fb, 9.5, "r")
    y += 20
    total = 0.0
    for desc, amt in data["lines"]:
        pen.text(40, y, desc, f, 9.5)
        pen.text(572, y, f"${amt:,.2f}", f, 9.5, "r")
        total += amt
        y += 16
    pen.line(400, y - 6, 576, y - 6)
    pen.text(480, y + 6, "Total due", fb, 10, "r")
    pen.text(572, y + 6, f"${total:,.2f}", fb, 10, "r")
    y += 40
    y = pen.para(36, y, data["note"], f, 9, 540)
    pen.text(36, 740, "Payment due within 30 days. Thank you for your business.", f, 8.5)


# ---------------------------------------------------------------------------------------------
# Word documents (LibreOffice) and HTML (chromium).


def docx_letter(path: Path, n: Notice, st: dict[str, Any]) -> None:
    """A USCIS decision or request letter: letterhead, date line, addressee, a reference table, heading, body."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    t = n.t
    ds = st["date"]
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = st["font"]
    style.font.size = Pt(10.5)
    for s in (
        "U.S. Department of Homeland Security",
        "U.S. Citizenship and Immigration Services",
        OFFICES[n.x["office"]][0],
        f"{OFFICES[n.x['office']][1]}, {OFFICES[n.x['office']][2]}",
    ):
        p = doc.add_paragraph(s)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    doc.add_paragraph(n.say("notice_date", fmt_date(dt.date.fromisoformat(t["notice_date"]), ds)))
    for ln in n.x["addressee"]:
        p = doc.add_paragraph(ln)
        p.paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    rows: list[tuple[str, str]] = [("Receipt Number:", n.say("receipt_number", t["receipt_number"]))]
    rows.append(("Form:", f"{n.say('form', t['form'])}, {n.x['title'].title()}"))
    if t.get("received_date"):
        rows.append(("Date Filed:", n.say("received_date", fmt_date(dt.date.fromisoformat(t["received_date"]), ds))))
    if t.get("applicant"):
        rows.append(("Applicant:", n.say("applicant", t["applicant"])))
        if t.get("a_number"):
            rows.append(("A-Number:", n.say("a_number", fmt_anum(n.x["anum_digits"], "dashed"))))
    else:
        rows.append(("Petitioner:", n.say("petitioner", t["petitioner"])))
        rows.append(("Beneficiary:", n.say("beneficiary", t["beneficiary"])))
    table = doc.add_table(rows=len(rows), cols=2)
    for i, (a, b) in enumerate(rows):
        table.cell(i, 0).text = a
        table.cell(i, 1).text = b
        table.cell(i, 0).paragraphs[0].runs[0].bold = True
    doc.add_paragraph()
    heading = {
        "rfe": "REQUEST FOR EVIDENCE",
        "noid": "NOTICE OF INTENT TO DENY",
        "noir": "NOTICE OF INTENT TO REVOKE",
        "denial": "DECISION",
    }[n.kind]
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(n.say("notice_type", heading))
    r.bold = True
    r.font.size = Pt(13)
    kind = n.kind
    if kind == "rfe":
        paras = [
            "This office has reviewed your case and finds that the record does not yet establish eligibility. "
            "Please submit the evidence described below. A copy of this letter must be placed on top of your response.",
            "1. Evidence that the offered position qualifies as claimed, including a detailed description of the "
            "duties, the percentage of time spent on each, and the minimum education required.",
            "2. Evidence of the employer's ability to pay the offered wage from the priority date onward, such as "
            "annual reports, federal tax returns or audited financial statements.",
        ]
    elif kind in ("noid", "noir"):
        verb = "deny" if kind == "noid" else "revoke the approval of"
        paras = [
            f"USCIS intends to {verb} this case for the reasons below. Earlier, a request for evidence was sent and "
            "the response was reviewed; the evidence submitted does not overcome the grounds stated here.",
            "The record contains inconsistent statements about the dates of employment abroad, and the "
            "documents provided do not resolve them.",
        ]
    else:
        paras = [
            "After careful review of the record, including the response to our earlier request for evidence, "
            "USCIS has determined that you have not established eligibility. The application is denied.",
            "You may file a motion to reopen or reconsider on Form I-290B within 33 days of this decision. "
            "A motion must include the required fee.",
        ]
    for s in paras:
        doc.add_paragraph(s)
    if t.get("response_due"):
        due = n.say("response_due", fmt_date(dt.date.fromisoformat(t["response_due"]), st.get("due", ds)))
        p = doc.add_paragraph()
        p.add_run("Your response must be received by this office on or before ")
        r = p.add_run(due)
        r.bold = True
        p.add_run(". Send it to the address at the top of this letter. No extension of this time can be granted.")
    if n.x.get("pages2"):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(f"Receipt Number {t['receipt_number']}          Page 2 of 2")
        more = [
            "3. Copies of the beneficiary's pay statements for the last six months and Forms W-2 for the past "
            "two years.",
            "4. An organizational chart showing the position, its supervisor and the positions it supervises.",
            "Submit all the evidence at one time. If you submit only part of it, a decision will be made on the "
            "record.",
        ]
        for s in more:
            doc.add_paragraph(s)
    doc.add_paragraph()
    doc.add_paragraph("Sincerely,")
    doc.add_paragraph(f"{rng_director(n)}\nDirector, {OFFICES[n.x['office']][0]}")
    doc.save(str(path))


def rng_director(n: Notice) -> str:
    return {
        "EAC": "L. M. Hatcher",
        "WAC": "R. Oyelaran-Stone",
        "LIN": "P. K. Vander Meer",
        "SRC": "D. Ashworth",
        "MSC": "C. Brightwater",
        "IOE": "J. Tamsin",
        "YSC": "J. Tamsin",
    }[n.x["office"]]


def docx_cover(path: Path, data: dict[str, Any]) -> None:
    """Not a notice: an attorney's cover letter quoting a notice and its receipt number."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = data["font"]
    doc.styles["Normal"].font.size = Pt(11)
    p = doc.add_paragraph()
    r = p.add_run(data["firm"])
    r.bold = True
    r.font.size = Pt(15)
    doc.add_paragraph(data["firm_addr"])
    doc.add_paragraph(data["date"])
    doc.add_paragraph("VIA COURIER")
    for ln in data["to"]:
        doc.add_paragraph(ln).paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    for ln in data["re"]:
        doc.add_paragraph(ln).paragraph_format.space_after = Pt(0)
    doc.add_paragraph()
    doc.add_paragraph("Dear Sir or Madam:")
    for s in data["body"]:
        doc.add_paragraph(s)
    doc.add_paragraph("Respectfully submitted,")
    doc.add_paragraph(data["signer"])
    doc.save(str(path))


HTML_HEAD = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: Letter; margin: 0.55in 0.6in; }}
body {{ font-family: '{font}'; font-size: 10.5pt; color: #111; }}
.bar {{ background: #1d3557; color: #fff; padding: 8px 12px; font-size: 12pt; font-weight: bold; }}
.sub {{ color: #555; font-size: 9pt; margin: 4px 0 14px 0; }}
h1 {{ font-size: 16pt; margin: 10px 0 4px 0; }}
.card {{ border: 1px solid #bbb; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 10px 18px; }}
.k {{ color: #555; font-size: 8pt; text-transform: uppercase; letter-spacing: 0.04em; }}
.v {{ font-size: 11pt; font-weight: bold; margin-top: 2px; }}
p {{ line-height: 1.35; }}
table.m {{ border-collapse: collapse; width: 100%; font-size: 10pt; }}
table.m td {{ padding: 3px 6px; vertical-align: top; }}
.small {{ font-size: 8pt; color: #444; }}
</style></head><body>"""


def _kv(k: str, v: str) -> str:
    return f'<div><div class="k">{k}</div><div class="v">{v}</div></div>'


def html_account(n: Notice, st: dict[str, Any]) -> str:
    """A notice as the online account prints it: a title bar, a card of facts, the body."""
    t = n.t
    ds = st["date"]
    out = [HTML_HEAD.format(font=st["font"])]
    out.append(
        '<div class="bar">U.S. Citizenship and Immigration Services &nbsp;|&nbsp; Form I-797C, Notice of Action</div>'
    )
    ttl = "Receipt Notice" if n.kind == "receipt" else "Biometrics Appointment Notice"
    out.append(f"<h1>{n.say('notice_type', ttl)}</h1>")
    out.append(f'<div class="sub">{n.x["title"].title()} &middot; sent to your account</div>')
    cells = [_kv("Receipt number", n.say("receipt_number", t["receipt_number"])), _kv("Form", n.say("form", t["form"]))]
    if t.get("received_date"):
        cells.append(
            _kv("Received date", n.say("received_date", fmt_date(dt.date.fromisoformat(t["received_date"]), ds)))
        )
    cells.append(_kv("Notice date", n.say("notice_date", fmt_date(dt.date.fromisoformat(t["notice_date"]), ds))))
    if t.get("applicant"):
        cells.append(_kv("Applicant", n.say("applicant", t["applicant"])))
        if t.get("a_number"):
            cells.append(_kv("A-Number", n.say("a_number", fmt_anum(n.x["anum_digits"], "dashed"))))
    else:
        cells.append(_kv("Petitioner", n.say("petitioner", t["petitioner"])))
        cells.append(_kv("Beneficiary", n.say("beneficiary", t["beneficiary"])))
    if t.get("amount"):
        cells.append(_kv("Fee paid", n.say("amount", fmt_amount(t["amount"], "plain"))))
    out.append(f'<div class="card"><div class="grid">{"".join(cells)}</div></div>')
    if n.kind == "biometrics":
        when, hh, mm, place = n.x["appt"]
        d = n.say("appointment", fmt_date(when, "long"))
        tm = n.say("appointment", fmt_time(hh, mm, "dots"))
        street = n.say("appointment", place[1].title())
        n.t["appointment"]["location"] = place[1].title()
        out.append(
            '<div class="card"><div class="k">Where and when</div>'
            f'<table class="m"><tr><td>Date</td><td><b>{d}</b></td></tr><tr><td>Time</td><td><b>{tm}</b></td></tr>'
            f"<tr><td>Location</td><td>{place[0].title().replace('Uscis', 'USCIS').replace('Asc', 'ASC')}<br>"
            f"{street}<br>{place[2].title()}</td></tr></table></div>"
        )
        out.append(
            "<p>Bring this notice and a photo identity document. If you need to reschedule, do it in your account "
            "before the appointment date.</p>"
        )
    else:
        out.append(
            "<p>We have received your form and fee. This notice does not grant any status or benefit. We will "
            "contact you if we need more from you, for example to take your biometrics or to request evidence.</p>"
        )
    out.append(
        f'<p class="small">Case history and messages are in your account. {OFFICES[n.x["office"]][0]}, '
        f"{OFFICES[n.x['office']][2]}.</p>"
    )
    out.append("</body></html>")
    return "".join(out)


def html_email(data: dict[str, Any]) -> str:
    """Not a notice: a printed e-mail quoting a case status message."""
    out = [HTML_HEAD.format(font="DejaVu Sans")]
    out.append('<table class="m">')
    for k, v in (("From", data["from"]), ("Sent", data["sent"]), ("To", data["to"]), ("Subject", data["subject"])):
        out.append(f"<tr><td><b>{k}:</b></td><td>{v}</td></tr>")
    out.append("</table><hr>")
    for s in data["body"]:
        out.append(f"<p>{s}</p>")
    out.append("</body></html>")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Source documents: rendered once, checked, then used as text pages or as the paper that is scanned.


@dataclass
class Doc:
    key: str
    producer: str  # reportlab | fpdf | docx | html
    family: str
    notices: list[Notice]
    style: dict[str, Any] = field(default_factory=dict)
    layout: str = "one"  # one | half2 | stack
    other: dict[str, Any] | None = None  # a non-notice's data
    pdf: bytes = b""


def render_canvas(doc: Doc, rng: random.Random) -> None:
    pen: Pen = RLPen() if doc.producer == "reportlab" else FPen()
    if doc.family == "invoice":
        draw_invoice(pen, doc.other or {})
        doc.pdf = pen.finish()
        return
    if doc.family == "half":
        for i, n in enumerate(doc.notices):
            top = 0.0 if i % 2 == 0 else 396.0
            if i and i % 2 == 0:
                pen.new_page()
            if i % 2 == 1:
                pen.line(18, 396, 594, 396, 0.5, dash=True)
            draw_half(pen, n, rng, doc.style, top)
            n.pages = [pen.page]
        doc.pdf = pen.finish()
        return
    for i, n in enumerate(doc.notices):
        if i:
            pen.new_page()
        st = n.x.get("style") or doc.style
        {"grid": draw_grid, "mainframe": draw_mainframe, "asc": draw_asc}[n.family](pen, n, rng, st)
        n.pages = [pen.page]
    doc.pdf = pen.finish()


def run_soffice(docs: list[Doc], work: Path) -> None:
    if not docs:
        return
    src = work / "docx"
    src.mkdir()
    for d in docs:
        if d.other is not None:
            docx_cover(src / f"{d.key}.docx", d.other)
        else:
            docx_letter(src / f"{d.key}.docx", d.notices[0], d.style)
    profile = work / "lo-profile"
    cmd = [
        shutil.which("soffice") or "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work / "docx-pdf"),
        *[str(src / f"{d.key}.docx") for d in docs],
    ]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    for d in docs:
        d.pdf = (work / "docx-pdf" / f"{d.key}.pdf").read_bytes()
        if d.notices:
            d.notices[0].pages = list(range(_npages(d.pdf)))


def run_chromium(docs: list[Doc]) -> None:
    if not docs:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--font-render-hinting=none"]
        )
        page = browser.new_page()
        for d in docs:
            html = html_email(d.other) if d.other is not None else html_account(d.notices[0], d.style)
            page.set_content(html)
            d.pdf = page.pdf(format="Letter", print_background=True, prefer_css_page_size=True)
            if d.notices:
                d.notices[0].pages = list(range(_npages(d.pdf)))
        browser.close()


def normalise(data: bytes) -> bytes:
    """Drop creation dates, XMP and random IDs so a seed always gives the same bytes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                del pdf.docinfo[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


def page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [(p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


def squash(s: str) -> str:
    return "".join(s.split())


def check_doc(doc: Doc) -> None:
    """Every scored value of each notice is printed, found on its own pages of the source PDF, and says the truth."""
    texts = page_texts(doc.pdf)
    for n in doc.notices:
        where = squash(" ".join(texts[p] for p in n.pages))
        for name in FIELDS:
            value = n.t.get(name)
            shown = n.printed.get(name)
            if value is None:
                if shown and name != "form":
                    raise AssertionError(f"set 8 {doc.key}: {name} printed {shown} but the truth has none")
                continue
            if not shown:
                raise AssertionError(f"set 8 {doc.key}: the truth has {name}={value!r} but the page does not print it")
            for piece in shown:
                if squash(piece) not in where:
                    raise AssertionError(f"set 8 {doc.key}: {name} printed {piece!r}, not in the text layer")
            says(name, value, shown, doc.key)


def says(name: str, value: Any, shown: list[str], key: str) -> None:
    """What was printed reads as the true value (a second, independent reading of the printed text)."""
    joined = " ".join(shown)
    ok = True
    if name in ("receipt_number", "form", "classification"):
        ok = "".join(c for c in joined.upper() if c.isalnum()) == "".join(c for c in str(value).upper() if c.isalnum())
    elif name in ("i94_number", "a_number"):
        ok = "".join(c for c in joined if c.isdigit()).zfill(9 if name == "a_number" else 11) == value
    elif name == "amount":
        found = re.search(r"\d[\d,]*\.\d\d", joined)
        ok = bool(found) and found.group(0).replace(",", "") == value
    elif name in ("petitioner", "beneficiary", "applicant"):
        ok = " ".join(joined.split()) == value
    elif name == "appointment":
        ok = parse_date(shown[0]) == value["date"] and shown[-1] == value["location"]
    elif name != "notice_type":
        ok = parse_date(joined) == value
    if not ok:
        raise AssertionError(f"set 8 {key}: {name} printed {shown!r} does not say {value!r}")


def parse_date(s: str) -> str | None:
    s = s.strip()
    for f in ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d-%b-%Y"):
        try:
            return dt.datetime.strptime(s.title() if f == "%d-%b-%Y" else s, f).date().isoformat()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------------------------
# Paper, scanners, faxes and phones.


def raster(pdf: bytes, index: int, dpi: int, colour: bool = False) -> Any:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        img = page.render(scale=dpi / 72, grayscale=not colour).to_pil()
        page.close()
    finally:
        doc.close()
    return img.convert("RGB" if colour else "L")


def scanned(img: Any, rng: random.Random, fx: dict[str, Any]) -> Any:
    """A copier or desktop scanner's view of the sheet (grey, 8-bit)."""
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    if fx.get("stamp"):
        img = stamp(img, rng, fx["stamp"])
    if fx.get("note"):
        img = handwrite(img, rng, fx["note"])
    img = img.filter(ImageFilter.GaussianBlur(fx.get("blur", 0.6)))
    a = np.asarray(img).astype(np.float32)
    paper = fx.get("paper", 236)
    ink = fx.get("ink", 40)
    a = ink + (a / 255.0) * (paper - ink)
    h, w = a.shape
    lamp = np.linspace(fx.get("lamp", 0.0), 0.0, w)[None, :] * 40
    a = a - lamp
    yy, xx = np.mgrid[0:h, 0:w]
    if fx.get("fold"):  # a letter folded in three: two soft creases
        for frac in (1 / 3, 2 / 3):
            a = a - 22 * np.exp(-(((yy - h * frac) / (h * 0.002)) ** 2))
    if fx.get("punch"):  # two-hole punched on the left edge
        r = w * 0.013
        for frac in (0.27, 0.73):
            a[((yy - h * frac) ** 2 + (xx - w * 0.045) ** 2) < r * r] = 25
    if fx.get("staple"):  # a staple at the top left
        for k in range(int(w * 0.04)):
            y0, x0 = int(h * 0.02 + k * 0.7), int(w * 0.03 + k)
            a[y0 : y0 + max(2, h // 700), x0 : x0 + 2] = 60
    a = a + nrng.normal(0, fx.get("noise", 5.0), a.shape)
    for _ in range(int(fx.get("specks", 60))):
        y, x = int(nrng.integers(0, h - 3)), int(nrng.integers(0, w - 3))
        a[y : y + int(nrng.integers(1, 3)), x : x + int(nrng.integers(1, 3))] = ink + 20
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    skew = fx.get("skew", 0.0)
    if skew:
        img = img.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=int(paper - 10))
    rot = fx.get("rotate", 0)
    if rot:
        img = img.rotate(rot, expand=True)
    return img


def stamp(img: Any, rng: random.Random, text: str) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    w, h = img.size
    layer = Image.new("L", (int(w * 0.32), int(h * 0.07)), 255)
    d = ImageDraw.Draw(layer)
    font = ImageFont.truetype(font_path("dsans-b"), int(h * 0.022))
    d.rectangle([2, 2, layer.size[0] - 3, layer.size[1] - 3], outline=90, width=max(2, w // 400))
    d.text((layer.size[0] // 2, layer.size[1] // 2), text, fill=90, font=font, anchor="mm")
    layer = layer.rotate(rng.uniform(-6, 6), expand=True, fillcolor=255)
    out = img.copy()
    pos = (int(w * 0.58), int(h * 0.012))
    region = out.crop((pos[0], pos[1], pos[0] + layer.size[0], pos[1] + layer.size[1]))
    from PIL import ImageChops

    out.paste(ImageChops.darker(region, layer), pos)
    return out


def handwrite(img: Any, rng: random.Random, text: str) -> Any:
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    w, h = img.size
    font = ImageFont.truetype(font_path("hand"), int(h * 0.018))
    layer = Image.new("L", (int(w * 0.5), int(h * 0.05)), 255)
    ImageDraw.Draw(layer).text((4, 4), text, fill=70, font=font)
    layer = layer.rotate(rng.uniform(-8, -3), expand=True, fillcolor=255)
    out = img.copy()
    pos = (int(w * 0.45), int(h * 0.86))
    region = out.crop((pos[0], pos[1], pos[0] + layer.size[0], pos[1] + layer.size[1]))
    out.paste(ImageChops.darker(region, layer), pos)
    return out


def blank_back(dpi: int, rng: random.Random) -> Any:
    import numpy as np
    from PIL import Image

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    w, h = int(8.5 * dpi), int(11 * dpi)
    a = 234 + nrng.normal(0, 4, (h, w))
    for _ in range(30):
        y, x = int(nrng.integers(0, h - 2)), int(nrng.integers(0, w - 2))
        a[y : y + 2, x : x + 2] = 120
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def fax(img: Any, rng: random.Random, fine: bool) -> Any:
    """A fax: 1 bit, standard mode halves the vertical resolution; a little dropout."""
    import numpy as np
    from PIL import Image

    w, h = img.size
    if not fine:
        img = img.resize((w, h // 2), Image.BILINEAR).resize((w, h), Image.NEAREST)
    a = np.asarray(img).astype(np.int16)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = a + nrng.normal(0, 18, a.shape)
    bw = np.where(a > 150, 255, 0).astype(np.uint8)
    return Image.fromarray(bw, "L").convert("1")


def photo(img: Any, rng: random.Random, fx: dict[str, Any]) -> Any:
    """A phone photo of the sheet on a desk: perspective, warm uneven light, vignette, the desk around it."""
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    sheet = img.convert("RGB")
    sw, sh = sheet.size
    W, H = int(sw * 1.25), int(sh * 1.18)
    yy, xx = np.mgrid[0:H, 0:W]
    wobble = np.cumsum(nrng.normal(0, 0.08, H))[:, None]
    grain = np.sin(xx / (9.0 + 3 * np.sin(yy / 300.0)) + wobble + np.sin(yy / 55.0) * 2) * 9 + nrng.normal(0, 5, (H, W))
    desk = np.stack([120 + grain, 82 + grain * 0.8, 50 + grain * 0.5], axis=-1)
    if fx.get("desk") == "grey":
        desk = np.stack([95 + grain * 0.3] * 3, axis=-1)
    canvas = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8), "RGB")
    j = fx.get("tilt", 0.05)
    dst = [
        (W * 0.1 + rng.uniform(-1, 1) * W * j, H * 0.08 + rng.uniform(0, 1) * H * j),
        (W * 0.9 + rng.uniform(-1, 1) * W * j, H * 0.07 + rng.uniform(0, 1) * H * j),
        (W * 0.92 + rng.uniform(-1, 1) * W * j, H * 0.93 - rng.uniform(0, 1) * H * j),
        (W * 0.08 + rng.uniform(-1, 1) * W * j, H * 0.92 - rng.uniform(0, 1) * H * j),
    ]
    src = [(0, 0), (sw, 0), (sw, sh), (0, sh)]
    coeffs = _perspective(dst, src)
    warped = sheet.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", (sw, sh), 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=0)
    canvas.paste(warped, (0, 0), mask)
    a = np.asarray(canvas).astype(np.float32)
    cy, cx = H * rng.uniform(0.3, 0.6), W * rng.uniform(0.3, 0.7)
    r = np.sqrt(((yy - cy) / H) ** 2 + ((xx - cx) / W) ** 2)
    light = 1.08 - 0.55 * r**1.6
    a = a * light[..., None] * np.array([1.04, 0.98, 0.86])
    if fx.get("shadow"):
        edge = 1 / (1 + np.exp(-((xx - W * 0.55) / (W * 0.03)))) * (1 / (1 + np.exp((yy - H * 0.35) / (H * 0.03))))
        a = a * (1 - 0.25 * edge)[..., None]
    a = a + nrng.normal(0, 4, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB").filter(
        ImageFilter.GaussianBlur(fx.get("blur", 0.8))
    )
    return out


def _perspective(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    import numpy as np

    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=False):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for p in src for c in p], dtype=float)
    return [float(v) for v in np.linalg.solve(a, b)]


def jpeg_bytes(img: Any, q: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=q, dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()


def g4_bytes(img: Any, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.convert("1").save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    return buf.getvalue()


def images_pdf(images: list[bytes]) -> bytes:
    import img2pdf

    return bytes(img2pdf.convert(images, nodate=True))


def merge(parts: list[bytes]) -> bytes:
    import pikepdf

    out = pikepdf.new()
    opened = []
    for data in parts:
        src = pikepdf.open(io.BytesIO(data))
        opened.append(src)
        out.pages.extend(src.pages)
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True)
    for src in opened:
        src.close()
    return normalise(buf.getvalue())


# ---------------------------------------------------------------------------------------------
# The catalogue: what the mailroom got, in which medium.


@dataclass
class Part:
    doc: Doc
    pages: list[int] | None = None  # pages of the doc (all when None)
    scan: dict[str, Any] | None = None  # None: printed pages as they are
    backs: bool = False  # a blank duplex back after each scanned page


@dataclass
class FileSpec:
    name: str
    medium: str
    label: str
    parts: list[Part]
    fmt: str = "pdf"  # pdf | jpeg | png | tiff
    effect: str = "none"


STYLES = [
    {"lf": "lsans", "vf": "lsans", "bf": "lsans-b", "date": "us"},
    {"lf": "dsans", "vf": "dsans", "bf": "dsans-b", "date": "us", "astyle": "plain"},
    {"lf": "carlito", "vf": "carlito", "bf": "carlito-b", "date": "long", "mstyle": "plain"},
    {"lf": "narrow", "vf": "lsans", "bf": "lsans-b", "date": "abbr", "astyle": "hash"},
    {"lf": "dcond", "vf": "dserif", "bf": "dserif-b", "date": "us", "rstyle": "plain", "i94split": True},
    {"lf": "lsans", "vf": "lserif", "bf": "lserif-b", "date": "us", "astyle": "dashed", "mstyle": "plain"},
]
MONO = [{"vf": "lmono", "bf": "lmono-b", "date": "us"}, {"vf": "dmono", "bf": "dmono-b", "date": "dmy"}]


def catalogue(rng: random.Random) -> list[FileSpec]:
    mk = Maker(rng)
    docs: list[Doc] = []
    files: list[FileSpec] = []
    counter = iter(range(1000))

    def doc(producer: str, family: str, notices: list[Notice], style: dict[str, Any] | None = None, **kw: Any) -> Doc:
        if style is None:
            if family in ("grid", "asc", "half"):
                style = dict(rng.choice(STYLES))
            elif family == "mainframe":
                style = dict(rng.choice(MONO))
            elif family == "letter":
                style = {
                    "font": rng.choice(("Liberation Serif", "Caladea", "Carlito", "DejaVu Serif")),
                    "date": rng.choice(("long", "long", "us")),
                }
            else:
                style = {
                    "font": rng.choice(("Liberation Sans", "DejaVu Sans", "Carlito")),
                    "date": rng.choice(("long", "us")),
                }
        d = Doc(f"d{next(counter):02d}", producer, family, notices, style, **kw)
        docs.append(d)
        return d

    def one(kind: str, form: str, family: str, year: int, producer: str, **kw: Any) -> Doc:
        return doc(producer, family, [mk.notice(kind, form, family, year, **kw)])

    def text_file(name: str, label: str, d: Doc) -> None:
        files.append(FileSpec(name, "text-pdf", label, [Part(d)]))

    def scan_file(name: str, label: str, parts: list[Part], effect: str) -> None:
        files.append(FileSpec(name, "scan-pdf", label, parts, effect=effect))

    def image_file(name: str, label: str, d: Doc, fmt: str, fx: dict[str, Any], effect: str) -> None:
        files.append(FileSpec(name, "image", label, [Part(d, scan=fx)], fmt=fmt, effect=effect))

    y = rng.choice((2025, 2026))
    # --- text PDFs, one notice each -----------------------------------------------------------
    text_file("t01.pdf", "I-129 receipt", one("receipt", "I-129", "grid", y, "reportlab"))
    text_file("t02.pdf", "I-485 receipt", one("receipt", "I-485", "grid", y, "fpdf", with_anum=True))
    text_file("t03.pdf", "I-797A I-129 approval with I-94", one("approval_a", "I-129", "grid", y, "reportlab"))
    text_file(
        "t04.pdf", "I-140 approval", one("approval", "I-140", "grid", y, "fpdf", with_priority=True, long_co=True)
    )
    text_file("t05.pdf", "I-130 transfer", one("transfer", "I-130", "grid", y, "reportlab", office="WAC"))
    text_file("t06.pdf", "I-797B I-129 approval", one("approval_b", "I-129", "grid", y, "fpdf"))
    text_file(
        "t07.pdf",
        "I-140 receipt, older printout",
        one("receipt", "I-140", "mainframe", 2006, "fpdf", with_priority=True),
    )
    text_file(
        "t08.pdf", "I-539 approval with I-94, older printout", one("approval_a", "I-539", "mainframe", 2009, "fpdf")
    )
    text_file(
        "t09.pdf",
        "I-129 approval, older printout",
        one("approval", "I-129", "mainframe", 2010, "reportlab", long_co=True),
    )
    rfe = mk.notice("rfe", "I-129", "letter", y)
    rfe.x["pages2"] = True
    text_file("t10.pdf", "I-129 request for evidence, two pages", doc("docx", "letter", [rfe]))
    text_file("t11.pdf", "I-140 notice of intent to deny", one("noid", "I-140", "letter", y, "docx"))
    text_file("t12.pdf", "I-485 denial", one("denial", "I-485", "letter", y, "docx", with_anum=True))
    text_file("t13.pdf", "I-129 notice of intent to revoke", one("noir", "I-129", "letter", y, "docx"))
    text_file(
        "t14.pdf", "I-765 receipt from the online account", one("receipt", "I-765", "account", y, "html", office="IOE")
    )
    text_file(
        "t15.pdf", "N-400 receipt from the online account", one("receipt", "N-400", "account", y, "html", office="IOE")
    )
    text_file(
        "t16.pdf",
        "I-539 biometrics from the online account",
        one("biometrics", "I-539", "account", y, "html", office="IOE"),
    )
    text_file(
        "t17.pdf", "I-485 biometrics appointment", one("biometrics", "I-485", "asc", y, "reportlab", with_anum=True)
    )
    text_file("t18.pdf", "N-400 biometrics appointment", one("biometrics", "N-400", "asc", y, "fpdf"))
    text_file("t19.pdf", "I-485 interview notice", one("interview", "I-485", "asc", y, "reportlab", with_anum=True))
    text_file(
        "t20.pdf", "I-131 receipt, half sheet", doc("reportlab", "half", [mk.notice("receipt", "I-131", "half", y)])
    )
    text_file("t21.pdf", "I-765 rejection", one("rejection", "I-765", "grid", y, "reportlab"))
    text_file("t22.pdf", "I-751 receipt", one("receipt", "I-751", "grid", y, "fpdf", with_anum=True))
    # --- text PDFs with several notices ---------------------------------------------------------
    r129 = mk.notice("receipt", "I-129", "grid", y, office="WAC")
    r907 = mk.notice(
        "i907",
        "I-129",
        "grid",
        y,
        receipt=r129.t["receipt_number"],
        who=r129.x["person"],
        received=r129.x["received"] + dt.timedelta(days=20),
    )
    app = mk.notice(
        "approval",
        "I-129",
        "grid",
        y,
        receipt=r129.t["receipt_number"],
        who=r129.x["person"],
        received=r129.x["received"],
    )
    for n in (r907, app):
        n.t["petitioner"] = r129.t["petitioner"]
        n.x["addressee"] = r129.x["addressee"]
    text_file(
        "t23.pdf",
        "I-129 receipt, I-907 receipt and approval, one receipt number",
        doc("reportlab", "grid", [r129, r907, app]),
    )
    who = person(rng)
    h1 = mk.notice("receipt", "I-485", "half", y, who=who, with_anum=True, office="MSC")
    h2 = mk.notice("receipt", "I-765", "half", y, who=who, with_anum=False, office="MSC")
    h2.t["receipt_number"] = h1.t["receipt_number"][:-5] + f"{int(h1.t['receipt_number'][-5:]) + 1:05d}"
    mk.used.add(h2.t["receipt_number"])
    for name in ("received_date", "notice_date"):
        h2.t[name] = h1.t[name]
    h2.x["addressee"] = h1.x["addressee"]
    text_file("t24.pdf", "two receipts on one sheet", doc("fpdf", "half", [h1, h2]))
    rfe2 = mk.notice("rfe", "I-140", "letter", y, office="LIN")
    rfe2.x["pages2"] = True
    app2 = mk.notice(
        "approval",
        "I-140",
        "grid",
        y,
        receipt=rfe2.t["receipt_number"],
        who=rfe2.x["person"],
        office="LIN",
        received=rfe2.x["received"] + dt.timedelta(days=110),
    )
    app2.t["received_date"] = rfe2.t["received_date"] or iso(rfe2.x["received"])
    if app2.t.get("priority_date"):
        app2.t["priority_date"] = app2.t["received_date"]
    app2.t["petitioner"] = rfe2.t["petitioner"]
    d_rfe2, d_app2 = doc("docx", "letter", [rfe2]), doc("reportlab", "grid", [app2])
    files.append(
        FileSpec("t25.pdf", "text-pdf", "I-140 request for evidence then its approval", [Part(d_rfe2), Part(d_app2)])
    )
    # --- not notices, printed -------------------------------------------------------------------
    q = mk.notice("rfe", "I-129", "letter", y)
    firm = f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)} LLP"
    cover = {
        "font": "Liberation Serif",
        "firm": firm,
        "firm_addr": "Suite 1400, 88 Pemberton Street, Fairhaven MA 02719",
        "date": fmt_date(dt.date.fromisoformat(q.t["notice_date"]) + dt.timedelta(days=40), "long"),
        "to": [
            "U.S. Citizenship and Immigration Services",
            OFFICES[q.x["office"]][0],
            OFFICES[q.x["office"]][1],
            OFFICES[q.x["office"]][2],
        ],
        "re": [
            f"Re: Response to Request for Evidence, Receipt Number {q.t['receipt_number']}",
            f"Petitioner: {q.t['petitioner']}",
            f"Beneficiary: {q.t['beneficiary']}",
            "Classification: H-1B",
        ],
        "body": [
            f"We write on behalf of the petitioner in response to the Form I-797E, Notice of Action, Request for "
            f"Evidence dated {fmt_date(dt.date.fromisoformat(q.t['notice_date']), 'long')}, a copy of which is "
            "enclosed on top "
            "of this response as instructed.",
            "The enclosed exhibits address each point raised. Exhibit A describes the duties of the position; "
            "Exhibit B holds the beneficiary's degree evaluation; Exhibit C the employer's financial statements. "
            "We trust this response establishes eligibility and ask that the petition be approved.",
        ],
        "signer": f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}, Esq.",
    }
    d_cover = doc("docx", "cover", [], other=cover)
    files.append(FileSpec("t26.pdf", "text-pdf", "attorney cover letter quoting a notice", [Part(d_cover)]))
    em_n = mk.notice("receipt", "I-765", "account", y, office="IOE")
    email = {
        "from": "USCIS Case Status &lt;no-reply@uscis.example&gt;",
        "sent": fmt_date(dt.date.fromisoformat(em_n.t["notice_date"]), "long") + " 6:02 PM",
        "to": "paralegal@" + firm.split()[0].lower() + "-law.example",
        "subject": f"Case status update for receipt number {em_n.t['receipt_number']}",
        "body": [
            f"Case Was Received. On {fmt_date(dt.date.fromisoformat(em_n.t['received_date']), 'long')}, "
            "we received your "
            "Form I-765, Application for Employment Authorization, "
            f"Receipt Number {em_n.t['receipt_number']}, and sent "
            "you the receipt notice that describes how we will process your case.",
            "Please do not reply to this message. You can check your case status online with your receipt number.",
        ],
    }
    files.append(
        FileSpec("t27.pdf", "text-pdf", "case status e-mail printout", [Part(doc("html", "email", [], other=email))])
    )

    # --- scanned PDFs -------------------------------------------------------------------------
    def fxs(**kw: Any) -> dict[str, Any]:
        base = {
            "dpi": rng.choice((200, 240, 300)),
            "skew": round(rng.uniform(-1.8, 1.8), 2),
            "blur": round(rng.uniform(0.4, 1.0), 2),
            "noise": round(rng.uniform(3, 8), 1),
            "q": rng.choice((55, 65, 75, 85)),
            "lamp": round(rng.uniform(0, 0.4), 2),
        }
        base.update(kw)
        return base

    scan_file(
        "s01.pdf",
        "I-129 receipt, copier scan",
        [Part(one("receipt", "I-129", "grid", y, "reportlab"), scan=fxs(dpi=300))],
        "copier 300 dpi",
    )
    scan_file(
        "s02.pdf",
        "I-130 receipt, skewed scan",
        [Part(one("receipt", "I-130", "grid", y, "fpdf"), scan=fxs(dpi=200, skew=2.1))],
        "200 dpi, skew",
    )
    scan_file(
        "s03.pdf",
        "I-485 receipt, older printout, faxed",
        [Part(one("receipt", "I-485", "mainframe", 2004, "fpdf", with_anum=True), scan=fxs(dpi=200, fax="standard"))],
        "standard fax",
    )
    scan_file(
        "s04.pdf",
        "I-765 biometrics, upside down",
        [Part(one("biometrics", "I-765", "asc", y, "reportlab"), scan=fxs(rotate=180))],
        "fed upside down",
    )
    rfe3 = mk.notice("rfe", "I-485", "letter", y, with_anum=True)
    rfe3.x["pages2"] = True
    scan_file(
        "s05.pdf",
        "I-485 request for evidence, duplex with blank backs",
        [Part(doc("docx", "letter", [rfe3]), scan=fxs(dpi=240, fold=True), backs=True)],
        "duplex, blank backs, folded",
    )
    scan_file(
        "s06.pdf",
        "I-539 approval with I-94, sideways",
        [Part(one("approval_a", "I-539", "grid", y, "reportlab"), scan=fxs(rotate=90, dpi=200))],
        "sideways",
    )
    scan_file(
        "s07.pdf",
        "I-90 receipt, half sheet scan",
        [Part(doc("fpdf", "half", [mk.notice("receipt", "I-90", "half", y, office="MSC")]), scan=fxs(dpi=150, q=60))],
        "150 dpi",
    )
    scan_file(
        "s08.pdf",
        "I-131 receipt from the account, printed and scanned",
        [Part(one("receipt", "I-131", "account", y, "html", office="IOE"), scan=fxs(dpi=150))],
        "150 dpi",
    )
    s09 = one("approval", "I-130", "grid", y, "reportlab")
    scan_file(
        "s09.pdf",
        "I-130 approval, RECEIVED stamp and a note",
        [
            Part(
                s09,
                scan=fxs(
                    stamp="RECEIVED  "
                    + fmt_date(
                        dt.date.fromisoformat(s09.notices[0].t["notice_date"]) + dt.timedelta(days=4), "abbr"
                    ).upper(),
                    note="calendar + copy to client",
                ),
            )
        ],
        "stamp, handwritten note",
    )
    scan_file(
        "s10.pdf",
        "I-90 biometrics, faxed",
        [Part(one("biometrics", "I-90", "asc", y, "fpdf", with_anum=True), scan=fxs(dpi=200, fax="fine"))],
        "fine fax",
    )
    scan_file(
        "s11.pdf",
        "I-130 notice of intent to deny",
        [Part(one("noid", "I-130", "letter", y, "docx"), scan=fxs(dpi=300, q=55, punch=True))],
        "300 dpi, heavy JPEG, punched",
    )
    scan_file(
        "s12.pdf",
        "I-485 transfer",
        [Part(one("transfer", "I-485", "grid", y, "fpdf", with_anum=True, office="LIN"), scan=fxs(dpi=240, lamp=0.8))],
        "uneven lamp",
    )
    scan_file(
        "s13.pdf",
        "I-140 approval, older printout, poor copy",
        [
            Part(
                one("approval", "I-140", "mainframe", 2008, "fpdf", with_priority=True),
                scan=fxs(dpi=200, q=50, blur=1.3, ink=70),
            )
        ],
        "soft toner, heavy JPEG",
    )
    who = person(rng)
    base = mk.receipt("MSC", y)
    seq = int(base[-5:])
    rcpts = [f"{base[:-5]}{seq + i:05d}" for i in range(3)]
    mk.used.update(rcpts)
    fam = []
    for form, r in zip(("I-485", "I-765", "I-131"), rcpts, strict=False):
        fam.append(mk.notice("receipt", form, "grid", y, who=who, with_anum=True, receipt=r, office="MSC"))
    for n in fam[1:]:
        n.x["anum_digits"] = fam[0].x["anum_digits"]
        n.t["a_number"] = fam[0].t["a_number"]
        n.x["addressee"] = fam[0].x["addressee"]
        n.t["received_date"] = fam[0].t["received_date"]
        n.t["notice_date"] = fam[0].t["notice_date"]
    bio = mk.notice(
        "biometrics",
        "I-485",
        "asc",
        y,
        who=who,
        with_anum=True,
        receipt=rcpts[0],
        office="MSC",
        received=fam[0].x["received"],
    )
    bio.x["anum_digits"] = fam[0].x["anum_digits"]
    bio.t["a_number"] = fam[0].t["a_number"]
    bio.x["addressee"] = fam[0].x["addressee"]
    grid_style = dict(STYLES[0])
    for n in fam:
        n.x["style"] = grid_style
    scan_file(
        "s14.pdf",
        "one applicant's three receipts and biometrics",
        [
            Part(doc("reportlab", "grid", fam, grid_style), scan=fxs(dpi=200, staple=True), backs=True),
            Part(doc("reportlab", "asc", [bio]), scan=fxs(dpi=200)),
        ],
        "batch, duplex backs",
    )
    p1 = mk.notice("receipt", "I-539", "half", y, office="EAC")
    p2 = mk.notice("transfer", "I-130", "half", y, office="EAC")
    scan_file(
        "s15.pdf",
        "two notices on one sheet, scanned",
        [Part(doc("reportlab", "half", [p1, p2]), scan=fxs(dpi=300))],
        "two on one sheet",
    )
    cover2 = dict(cover)
    q2 = mk.notice("approval", "I-140", "grid", y)
    cover2.update(
        {
            "font": "Carlito",
            "re": [
                f"Re: {q2.t['petitioner']}, Form I-140, Receipt No. {q2.t['receipt_number']}",
                "Client matter 2291-04",
            ],
            "body": [
                "Enclosed please find the original Form I-797, Notice of Action, approving the above petition, "
                "with a notice "
                f"date of {fmt_date(dt.date.fromisoformat(q2.t['notice_date']), 'long')}. Please keep it with your "
                "immigration records.",
                "The next step is the adjustment application. We will be in touch about the documents needed.",
            ],
            "to": [q2.t["petitioner"], "Attn: Global Mobility", *address(rng)],
        }
    )
    scan_file(
        "s16.pdf",
        "attorney cover letter, scanned",
        [Part(doc("docx", "cover", [], other=cover2), scan=fxs(dpi=200))],
        "200 dpi",
    )
    # --- mixed batches --------------------------------------------------------------------------
    m1 = one("receipt", "I-129", "grid", y, "fpdf")
    m2 = one("biometrics", "I-131", "asc", y, "reportlab", with_anum=True)
    m3 = one("rfe", "I-765", "grid", y, "reportlab")
    files.append(
        FileSpec(
            "m01.pdf",
            "mixed-pdf",
            "mail batch: printed receipt, scanned appointment, printed request",
            [Part(m1), Part(m2, scan=fxs(dpi=200)), Part(m3)],
            effect="printed + scanned",
        )
    )
    m4 = one("receipt", "I-140", "mainframe", 2007, "fpdf", with_priority=True)
    m5 = one("approval_a", "I-129", "grid", y, "fpdf")
    files.append(
        FileSpec(
            "m02.pdf",
            "mixed-pdf",
            "mail batch: scanned older receipt, printed approval with I-94",
            [Part(m4, scan=fxs(dpi=240), backs=True), Part(m5)],
            effect="scanned + printed",
        )
    )
    # --- images -----------------------------------------------------------------------------------
    image_file(
        "i01.jpg",
        "I-765 receipt, phone photo",
        one("receipt", "I-765", "grid", y, "reportlab", with_anum=True),
        "jpeg",
        {"photo": True, "dpi": 150, "q": 85},
        "phone photo on a desk",
    )
    image_file(
        "i02.jpg",
        "I-129 approval with I-94, phone photo",
        one("approval_a", "I-129", "grid", y, "fpdf"),
        "jpeg",
        {"photo": True, "dpi": 160, "q": 82, "shadow": True, "tilt": 0.07},
        "phone photo, shadow",
    )
    image_file(
        "i03.png",
        "I-485 biometrics, PNG scan",
        one("biometrics", "I-485", "asc", y, "fpdf", with_anum=True),
        "png",
        fxs(dpi=200),
        "PNG scan",
    )
    image_file(
        "i04.tif",
        "I-130 receipt, older printout, G4 fax",
        one("receipt", "I-130", "mainframe", 2005, "fpdf"),
        "tiff",
        fxs(dpi=200, fax="fine"),
        "G4 fax TIFF",
    )
    image_file(
        "i05.jpg",
        "I-539 denial letter, sideways scan",
        one("denial", "I-539", "letter", y, "docx"),
        "jpeg",
        fxs(dpi=200, rotate=270),
        "sideways JPEG",
    )
    image_file(
        "i06.png",
        "I-140 receipt, half sheet, upside down",
        doc("reportlab", "half", [mk.notice("receipt", "I-140", "half", y, with_priority=True)]),
        "png",
        fxs(dpi=150, rotate=180),
        "upside down PNG",
    )
    image_file(
        "i07.jpg",
        "N-400 biometrics from the account, phone photo",
        one("biometrics", "N-400", "account", y, "html", office="IOE"),
        "jpeg",
        {"photo": True, "dpi": 150, "q": 80, "desk": "grey"},
        "phone photo",
    )
    image_file(
        "i08.jpg",
        "I-129 request for evidence, JPEG scan",
        one("rfe", "I-129", "grid", y, "reportlab"),
        "jpeg",
        fxs(dpi=240, q=70),
        "JPEG scan",
    )
    t1 = mk.notice("receipt", "I-129", "grid", y, office="EAC")
    t2 = mk.notice("i907", "I-129", "grid", y, receipt=t1.t["receipt_number"], who=t1.x["person"], office="EAC")
    t2.t["petitioner"] = t1.t["petitioner"]
    t2.x["addressee"] = t1.x["addressee"]
    t2.t["received_date"] = t1.t["received_date"]
    files.append(
        FileSpec(
            "i09.tif",
            "image",
            "I-129 receipt and I-907 receipt, two-page TIFF",
            [Part(doc("fpdf", "grid", [t1, t2]), scan=fxs(dpi=200, lzw=True))],
            fmt="tiff",
            effect="two-page LZW TIFF",
        )
    )
    inv_n = mk.notice("receipt", "I-129", "grid", y)
    invoice = {
        "firm": firm,
        "firm_addr": "Suite 1400, 88 Pemberton Street, Fairhaven MA 02719",
        "no": f"{rng.randint(20000, 29999)}",
        "date": fmt_date(dt.date.fromisoformat(inv_n.t["notice_date"]), "abbr"),
        "to": [inv_n.t["petitioner"], "Accounts Payable", *address(rng)],
        "re": f"Re: H-1B petition for {inv_n.t['beneficiary'].title()}, USCIS Receipt {inv_n.t['receipt_number']}",
        "lines": [
            ("Professional fees: H-1B extension petition", 3250.0),
            ("USCIS filing fee, Form I-129", 780.0),
            ("Premium processing fee, Form I-907", 2805.0),
            ("Asylum Program Fee", 600.0),
            ("Courier", 42.5),
        ],
        "note": "USCIS issued the Form I-797C receipt notice for this petition; a copy is in your portal. "
        "We will forward "
        "the approval notice when it arrives.",
    }
    image_file(
        "i10.jpg",
        "law firm invoice with USCIS fees, phone photo",
        doc("reportlab", "invoice", [], other=invoice),
        "jpeg",
        {"photo": True, "dpi": 150, "q": 84},
        "phone photo",
    )
    return files


# ---------------------------------------------------------------------------------------------
# Writing a set.


def _docs_of(files: list[FileSpec]) -> list[Doc]:
    seen: dict[str, Doc] = {}
    for f in files:
        for p in f.parts:
            seen.setdefault(p.doc.key, p.doc)
    return list(seen.values())


def scan_pages(part: Part, rng: random.Random) -> list[tuple[Any, int, bool]]:
    """(image, dpi, is_notice_page) for each page of a scanned part, blank backs included."""
    fx = part.scan or {}
    dpi = int(fx.get("dpi", 200))
    pages = part.pages if part.pages is not None else list(range(_npages(part.doc.pdf)))
    out: list[tuple[Any, int, bool]] = []
    for i in pages:
        img = raster(part.doc.pdf, i, dpi, colour=bool(fx.get("photo")))
        if fx.get("photo"):
            img = photo(img, rng, fx)
        else:
            img = scanned(img, rng, fx)
            if fx.get("fax"):
                img = fax(img, rng, fx["fax"] == "fine")
        out.append((img, dpi, True))
        if part.backs:
            out.append((scanned(blank_back(dpi, rng), rng, {**fx, "skew": 0, "rotate": 0, "specks": 20}), dpi, False))
    return out


def _npages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _encode(img: Any, dpi: int, fx: dict[str, Any]) -> bytes:
    if img.mode == "1":
        return g4_bytes(img, dpi)
    return jpeg_bytes(img, int(fx.get("q", 75)), dpi)


def build_file(spec: FileSpec, rng: random.Random) -> tuple[bytes, int, list[list[int]], int | None]:
    """The file's bytes, its page count, each part's notices' final pages, and the scan dpi (if any)."""
    chunks: list[bytes] = []
    final_pages = 0
    dpi_seen: int | None = None
    placed: dict[int, list[int]] = {}
    images: list[tuple[Any, int]] = []
    for part in spec.parts:
        doc_pages = part.pages if part.pages is not None else list(range(_npages(part.doc.pdf)))
        page_map: dict[int, int] = {}
        if part.scan is None:
            import pikepdf

            with pikepdf.open(io.BytesIO(part.doc.pdf)) as src:
                sub = pikepdf.new()
                for i in doc_pages:
                    sub.pages.append(src.pages[i])
                    page_map[i] = final_pages
                    final_pages += 1
                buf = io.BytesIO()
                sub.save(buf)
                chunks.append(buf.getvalue())
        else:
            shots = scan_pages(part, rng)
            k = 0
            encoded = []
            for img, dpi, is_page in shots:
                dpi_seen = dpi
                if is_page:
                    page_map[doc_pages[k]] = final_pages
                    k += 1
                final_pages += 1
                if spec.fmt == "pdf":
                    encoded.append(_encode(img, dpi, part.scan))
                images.append((img, dpi))
            if spec.fmt == "pdf":
                chunks.append(images_pdf(encoded))
        for n in part.doc.notices:
            placed[id(n)] = [page_map[p] + 1 for p in n.pages if p in page_map]
    data = merge(chunks) if spec.fmt == "pdf" else write_image(spec, images)
    per_notice = [placed[id(n)] for p in spec.parts for n in p.doc.notices]
    return data, final_pages, per_notice, dpi_seen


def write_image(spec: FileSpec, images: list[tuple[Any, int]]) -> bytes:
    buf = io.BytesIO()
    first, dpi = images[0]
    fx = spec.parts[0].scan or {}
    if spec.fmt == "jpeg":
        first.save(buf, "JPEG", quality=int(fx.get("q", 80)), dpi=(dpi, dpi))
    elif spec.fmt == "png":
        first.save(buf, "PNG", dpi=(dpi, dpi))
    elif first.mode == "1":
        first.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        first.save(
            buf,
            "TIFF",
            compression="tiff_lzw",
            dpi=(dpi, dpi),
            save_all=True,
            append_images=[im for im, _ in images[1:]],
        )
    return buf.getvalue()


def generate(folder: Path | str, seed: int = 1797, only: Iterable[str] | None = None) -> dict[str, Any]:
    """Write the set for ``seed`` into ``folder`` (files 0600) with its ``truth.json``; returns the truth.

    ``only``: write just these file names (the truth still lists only them)."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # fpdf2's subsetter on DejaVu's head table
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files = catalogue(rng)
    wanted = set(only) if only is not None else None
    if wanted is not None:
        unknown = wanted - {f.name for f in files}
        if unknown:
            raise ValueError(f"set 8 has no file {sorted(unknown)}")
        files = [f for f in files if f.name in wanted]
    docs = _docs_of(files)
    with tempfile.TemporaryDirectory(prefix="set8-") as tmp:
        work = Path(tmp)
        for d in docs:
            if d.producer in ("reportlab", "fpdf"):
                render_canvas(d, random.Random(f"{seed}-{d.key}"))
        run_soffice([d for d in docs if d.producer == "docx"], work)
        run_chromium([d for d in docs if d.producer == "html"])
    for d in docs:
        d.pdf = normalise(d.pdf)
        check_doc(d)
    truth: dict[str, Any] = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": 8, "files": {}}
    for spec in files:
        frng = random.Random(f"{seed}-{spec.name}")
        data, npages, per_notice, dpi = build_file(spec, frng)
        path = folder / spec.name
        tmp_path = path.with_name(path.name + ".part")
        tmp_path.write_bytes(data)
        os.chmod(tmp_path, 0o600)
        os.replace(tmp_path, path)
        notices = []
        for n, pages in zip([n for p in spec.parts for n in p.doc.notices], per_notice, strict=False):
            entry: dict[str, Any] = {"pages": pages, "_family": n.family, **n.truth()}
            entry["_printed"] = {k: v for k, v in n.printed.items() if n.t.get(k) is not None}
            notices.append(entry)
        truth["files"][spec.name] = {
            "medium": spec.medium,
            "format": spec.fmt,
            "effect": spec.effect,
            "dpi": dpi,
            "pages": npages,
            "label": spec.label,
            "notices": notices,
        }
    out = folder / "truth.json"
    tmp_truth = folder / "truth.json.part"
    tmp_truth.write_text(json.dumps(truth, indent=1, sort_keys=True), encoding="utf-8")
    os.chmod(tmp_truth, 0o600)
    os.replace(tmp_truth, out)
    return truth


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write notice set 8 (kept unseen: for its keeper only).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args(argv)
    truth = generate(args.out, args.seed)
    n = sum(len(f["notices"]) for f in truth["files"].values())
    print(f"set 8, seed {args.seed}: {len(truth['files'])} files, {n} notices -> {args.out}")


if __name__ == "__main__":
    main()
