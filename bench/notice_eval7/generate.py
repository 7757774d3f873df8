"""Writes the seventh notice evaluation set (issue 14): fictional USCIS notices and their truth.

``python -m bench.notice_eval7.generate OUT [--seed 1797]`` writes the files and ``truth.json`` into OUT;
``bench/bench_notices_sealed.py --set 7`` calls ``generate(folder, seed)``. Written without reading the
notice parser, its samples or tests, or the other sets' generators (README.md). Everything is fictional.

Each notice is drawn by a layout family that prints values through ``Notice.show``: only what a page prints
becomes truth, and every printed text is found again in the source PDF's text layer before the truth is
written (``verify``; with ``SET7_DEBUG=1`` a refusal also prints the page's text). Scans and photos are made
from those source PDFs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import logging
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

GENERATOR_VERSION = 1
DEFAULT_SEED = 1797
PAGE_W, PAGE_H = 612.0, 792.0  # US letter, points

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/crosextra")
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
HAND_FONTS = ("DejaVuSerif-Italic.ttf", "LiberationSerif-Italic.ttf", "Caladea-Italic.ttf", "Carlito-Italic.ttf")


def font_path(name: str) -> str:
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return str(path)
    raise SystemExit(f"font {name} is missing: install fonts-dejavu, fonts-liberation, fonts-crosextra-carlito")


# ---------------------------------------------------------------------------------------------------------
# Fictional case data.

GIVEN = ["Marisol", "Tenzin", "Oluwaseun", "Ildiko", "Rafael", "Yusuf", "Anouk", "Dmitri", "Keiko", "Bartholomew",
         "Nadia", "Thandiwe", "Joaquin", "Saoirse", "Priyanka", "Mateus", "Leilani", "Grzegorz", "Amara", "Hyun-woo",
         "Esperanza", "Kofi", "Ingeborg", "Farhan", "Lucia", "Tomasz", "Wen", "Adaeze", "Henrik", "Zainab"]
FAMILY = ["Quintero", "Okonkwo-Bell", "Varga", "Lindqvist", "Albuquerque", "Haddad", "Nakashima", "O'Rourke",
          "Petrossian", "Castellanos", "Mbeki", "Szymanski", "De la Fuente", "Achterberg", "Ranganathan",
          "Whitcombe", "Kowalczyk", "Esposito", "Abernathy", "Oyelaran", "Tran", "Gallagher", "Sepulveda",
          "Ivanova", "Kaur", "Fairweather", "Dubois", "Hakimi", "Montgomery", "Zhou"]
MIDDLE = ["A", "B", "C", "E", "J", "K", "L", "M", "R", "S", "T", ""]
COMPANIES = ["Brightwater Analytics LLC", "Cobalt Ridge Semiconductor Inc", "Lakeshore Pediatric Associates PC",
             "Northfield Unified School District No 14", "Pinecrest Robotics Corp",
             "Harborview Regional Medical Center Foundation of Greater Tidewater Inc",
             "Saguaro Solar Engineering Group LLC", "Meridian Biologics & Vaccine Research Laboratories Inc",
             "Tall Timber Software Cooperative", "Redwood Valley Community College District",
             "Atlas Freight & Logistics of the Pacific Northwest LLC", "Quarry Hill Architects LLP"]
CENTERS = {  # receipt prefix: office name and (fictional) mailing lines
    "WAC": ("California Service Center", "24000 Avila Road, 2nd Floor", "Laguna Niguel CA 92677"),
    "EAC": ("Vermont Service Center", "38 River Road", "Essex Junction VT 05479"),
    "LIN": ("Nebraska Service Center", "850 S Street", "Lincoln NE 68508"),
    "SRC": ("Texas Service Center", "6046 N Belt Line Rd", "Irving TX 75038"),
    "IOE": ("National Benefits Center", "P.O. Box 648003", "Lee's Summit MO 64002"),
    "MSC": ("National Benefits Center", "P.O. Box 648004", "Lee's Summit MO 64002"),
    "YSC": ("Potomac Service Center", "2200 Potomac Ave", "Arlington VA 22202"),
}
ASC = [  # fictional support centers: (office line, street line, city line)
    ("USCIS TACOMA ASC", "4612 Commerce Loop Suite 110", "Tacoma WA 98421"),
    ("USCIS DULUTH ASC", "1880 Lakeside Parkway", "Duluth MN 55802"),
    ("USCIS EL PASO ASC", "7225 Montana Vista Drive Bldg C", "El Paso TX 79925"),
    ("USCIS FRESNO ASC", "3390 W Shaw Plaza", "Fresno CA 93711"),
    ("USCIS HARTFORD ASC", "455 Wethersfield Commons", "Hartford CT 06114"),
    ("USCIS MEMPHIS ASC", "910 Crosstown Center Drive", "Memphis TN 38104"),
    ("USCIS RALEIGH ASC", "5205 Capital Oaks Blvd Ste 200", "Raleigh NC 27604"),
]
STREETS = ["1450 Orchard Lane Apt 3B", "88 Wexford Court", "2719 Calle Ventana", "601 Pier Avenue Unit 12",
           "14 Birchwood Terrace", "930 Old Mill Road", "5 Harbor Square #402", "3301 Prairie Wind Dr"]
CITIES = ["Bellevue WA 98004", "Ann Arbor MI 48104", "Santa Fe NM 87501", "Durham NC 27701", "Boise ID 83702",
          "Madison WI 53703", "Savannah GA 31401", "Provo UT 84601"]
FIRMS = ["Delacroix & Mwangi Immigration Law PLLC", "Ostrowski Partners LLP", "The Law Office of Ren Aoki",
         "Fairhaven Legal Group"]

FORMS = {  # form: title, who files (petitioner / applicant), fee
    "I-129": ("Petition for a Nonimmigrant Worker", "pet", "780.00"),
    "I-129F": ("Petition for Alien Fiance(e)", "pet", "675.00"),
    "I-130": ("Petition for Alien Relative", "pet", "675.00"),
    "I-140": ("Immigrant Petition for Alien Worker", "pet", "715.00"),
    "I-907": ("Request for Premium Processing Service", "pet", "2,805.00"),
    "I-485": ("Application to Register Permanent Residence or Adjust Status", "app", "1,440.00"),
    "I-765": ("Application for Employment Authorization", "app", "520.00"),
    "I-131": ("Application for Travel Document", "app", "630.00"),
    "I-539": ("Application to Extend/Change Nonimmigrant Status", "app", "470.00"),
    "I-751": ("Petition to Remove Conditions on Residence", "app", "750.00"),
    "N-400": ("Application for Naturalization", "app", "760.00"),
    "I-90": ("Application to Replace Permanent Resident Card", "app", "465.00"),
    "I-601A": ("Application for Provisional Unlawful Presence Waiver", "app", "795.00"),
    "I-821D": ("Consideration of Deferred Action for Childhood Arrivals", "app", "85.00"),
}

FIELD_NAMES = ("notice_type", "form", "receipt_number", "received_date", "notice_date", "priority_date",
               "petitioner", "beneficiary", "applicant", "a_number", "classification", "valid_from", "valid_to",
               "response_due", "appointment", "i94_number", "amount")

TYPE_TITLE = {
    "receipt": "Receipt Notice", "approval": "Approval Notice", "rfe": "Request for Evidence",
    "biometrics": "Biometrics Appointment Notice", "transfer": "Transfer Notice", "rejection": "Rejection Notice",
    "noid": "Notice of Intent to Deny", "denial": "Decision", "noir": "Notice of Intent to Revoke",
}


class TruthError(SystemExit):
    """A value the truth holds is not printed as it should be: the set is refused."""


@dataclass
class Notice:
    """One notice: its true values, and what the layout printed (``shown``: field -> printed texts)."""

    kind: str  # receipt approval rfe biometrics transfer rejection noid noir denial
    form: str
    values: dict[str, Any]
    family: str = ""
    pages: list[int] = field(default_factory=list)
    shown: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def notice_type(self) -> str:
        return "noid" if self.kind == "noir" else self.kind

    def show(self, name: str, text: str) -> str:
        """Record that field ``name`` is printed as ``text`` (several calls: a wrapped name's parts)."""
        self.shown.setdefault(name, []).append(text)
        return text

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def truth(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pages": self.pages, "_family": self.family}
        for name in FIELD_NAMES:
            if name == "notice_type":
                out[name] = self.notice_type
            elif name in self.shown:
                value = self.values[name]
                if name in ("petitioner", "beneficiary", "applicant"):
                    value = " ".join(" ".join(self.shown[name]).split())
                out[name] = iso(value)
            else:
                out[name] = None
        out["_printed"] = {k: v for k, v in self.shown.items()}
        return out


# ---------------------------------------------------------------------------------------------------------
# Printed forms of values.

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "long": f"{m} {d.day}, {d.year}",
        "abbr": f"{m[:3]}. {d.day}, {d.year}" if m != "May" else f"May {d.day}, {d.year}",
        "upper": f"{m[:3].upper()} {d.day:02d} {d.year}",
        "dash": f"{d.month:02d}-{d.day:02d}-{d.year}",
        "day": f"{['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][d.weekday()]}, "
               f"{m} {d.day}, {d.year}",
        "short": f"{d.month}/{d.day}/{d.year}",
    }[style]


def fmt_receipt(r: str, style: str) -> str:
    if style == "dash":
        return f"{r[:3]}-{r[3:5]}-{r[5:8]}-{r[8:]}"
    if style == "space":
        return f"{r[:3]} {r[3:13]}"
    return r


def fmt_anum(a: str, style: str) -> str:
    """``a`` is 9 digits; an 8-digit A-Number is stored with its leading zero."""
    core = a[1:] if style == "eight" else a
    return {
        "grp": f"A{a[:3]} {a[3:6]} {a[6:]}",
        "dash": f"A-{a[:3]}-{a[3:6]}-{a[6:]}",
        "flat": f"A{a}",
        "hash": f"A# {a[:3]}-{a[3:6]}-{a[6:]}",
        "uscis": f"{a[:3]}-{a[3:6]}-{a[6:]}",
        "eight": f"A{core}",
    }[style]


def fmt_money(amount: str, style: str) -> str:
    return {
        "plain": f"${amount}",
        "space": f"$ {amount}",
        "usd": f"USD {amount}",
        "us": f"${amount} U.S.",
        "nocents": f"${amount[:-3]}" if amount.endswith(".00") else f"${amount}",
    }[style]


def fmt_time(hhmm: str, style: str) -> str:
    h, m = (int(x) for x in hhmm.split(":"))
    ap = "AM" if h < 12 else "PM"
    h12 = h if 1 <= h <= 12 else (h - 12 if h > 12 else 12)
    return {"ampm": f"{h12}:{m:02d} {ap}", "ampm0": f"{h12:02d}:{m:02d} {ap}", "dots": f"{h12}:{m:02d} "
            f"{'a.m.' if h < 12 else 'p.m.'}", "24": f"{h:02d}:{m:02d}"}[style]


def name_lf(person: tuple[str, str, str], upper: bool = True) -> str:
    given, middle, family = person
    text = f"{family}, {given}" + (f" {middle}" if middle else "")
    return text.upper() if upper else text


def name_fl(person: tuple[str, str, str]) -> str:
    given, middle, family = person
    return f"{given} {middle + '. ' if middle else ''}{family}"


# ---------------------------------------------------------------------------------------------------------
# Making notices.


def person(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(GIVEN), rng.choice(MIDDLE), rng.choice(FAMILY)


def receipt_no(rng: random.Random, prefix: str, year: int) -> str:
    return f"{prefix}{year % 100:02d}{rng.randint(100, 999)}{rng.randint(10000, 99999)}"


def a_number(rng: random.Random, eight: bool = False) -> str:
    return f"0{rng.randint(10000000, 99999999)}" if eight else str(rng.randint(200000000, 249999999))


CLASSES = {"I-129": ["H1B", "L1A", "L1B", "O1A", "TN1", "E2"], "I-140": ["E21", "E31", "E13", "E12"],
           "I-539": ["H4", "L2", "B2", "F1"], "I-130": ["F21", "IR1", "F11"], "I-129F": ["K1"]}
CLASS_PRINT = {"H1B": "H-1B", "L1A": "L-1A", "L1B": "L-1B", "O1A": "O-1A", "TN1": "TN1", "E2": "E-2", "E21": "E21",
               "E31": "E31", "E13": "E13", "E12": "E12", "H4": "H-4", "L2": "L-2", "B2": "B-2", "F1": "F-1",
               "F21": "F21", "IR1": "IR1", "F11": "F11", "K1": "K-1"}


def make_notice(rng: random.Random, kind: str, form: str, **over: Any) -> Notice:
    """A notice with consistent fictional values; ``over`` pins values (shared receipt numbers, people)."""
    prefix = over.pop("prefix", None) or rng.choice(
        ["IOE", "MSC"] if form in ("I-485", "I-765", "I-131", "I-90", "N-400", "I-601A", "I-821D", "I-130")
        else ["WAC", "EAC", "LIN", "SRC", "YSC"])
    year = over.pop("year", None) or rng.choice([2024, 2025, 2025, 2026, 2026, 2026])
    received = over.pop("received", None) or dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 300))
    gap = {"receipt": (2, 21), "biometrics": (14, 45), "transfer": (40, 200), "rejection": (10, 40),
           "approval": (20, 300), "rfe": (25, 200), "noid": (90, 300), "noir": (200, 500), "denial": (60, 400)}
    lo, hi = gap[kind]
    notice_date = over.pop("notice_date", None) or received + dt.timedelta(days=rng.randint(lo, hi))
    v: dict[str, Any] = {
        "form": form,
        "receipt_number": over.pop("receipt_number", None) or receipt_no(rng, prefix, received.year),
        "received_date": received,
        "notice_date": notice_date,
    }
    role = FORMS[form][1]
    extra: dict[str, Any] = {"prefix": v["receipt_number"][:3], "back": over.pop("back", False)}
    if role == "pet":
        if form in ("I-130", "I-129F"):
            extra["pet_person"] = over.pop("pet_person", None) or person(rng)
        else:
            extra["company"] = over.pop("company", None) or rng.choice(COMPANIES)
        extra["ben_person"] = over.pop("ben_person", None) or person(rng)
        v["petitioner"] = v["beneficiary"] = True
    else:
        extra["app_person"] = over.pop("app_person", None) or person(rng)
        v["applicant"] = True
        if over.pop("with_anum", rng.random() < 0.75):
            v["a_number"] = over.pop("a_number", None) or a_number(rng, eight=rng.random() < 0.2)
    if form in ("I-140", "I-130") and kind in ("receipt", "approval"):
        v["priority_date"] = received
    if kind in ("receipt",) and over.pop("with_fee", True):
        v["amount"] = FORMS[form][2].replace(",", "")
    if kind == "approval" and form in CLASSES:
        v["classification"] = over.pop("classification", None) or rng.choice(CLASSES[form])
        if form in ("I-129", "I-539"):
            start = notice_date + dt.timedelta(days=rng.randint(-20, 60))
            v["valid_from"] = start
            v["valid_to"] = dt.date(start.year + rng.choice([1, 2, 3]), start.month, min(start.day, 28)) - \
                dt.timedelta(days=1)
    elif kind == "receipt" and form in ("I-129", "I-140") and rng.random() < 0.5:
        v["classification"] = rng.choice(CLASSES[form])
    if kind in ("rfe", "noid", "noir"):
        v["response_due"] = notice_date + dt.timedelta(days=87 if kind == "rfe" else 33)
    if kind == "biometrics":
        asc = over.pop("asc", None) or rng.choice(ASC)
        day = notice_date + dt.timedelta(days=rng.randint(12, 30))
        while day.weekday() > 4:
            day += dt.timedelta(days=1)
        hhmm = rng.choice(["08:00", "08:30", "09:00", "09:15", "10:00", "11:30", "13:00", "14:30", "15:00"])
        v["appointment"] = {"date": day, "time": hhmm, "location": asc[1]}
        extra["asc"] = asc
    if over.pop("i94", False):
        v["i94_number"] = f"{rng.randint(100000000, 999999999)}{rng.randint(10, 99)}"
    v.update(over)
    return Notice(kind, form, v, extra=extra)


def iso(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: iso(x) for k, x in value.items()}
    return value


# ---------------------------------------------------------------------------------------------------------
# Pens: one drawing interface (points, origin top left, y = baseline) over reportlab and fpdf2.


class Pen:
    producer = ""
    page_no = 1

    def next_page(self) -> None:
        self.new_page()
        self.page_no += 1

    def text(self, x: float, y: float, s: str, font: str = "LiberationSans", size: float = 10,
             bold: bool = False, align: str = "l", gray: float = 0.0) -> None:
        raise NotImplementedError

    def width(self, s: str, font: str, size: float, bold: bool = False) -> float:
        raise NotImplementedError

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, gray: float = 0.0,
             dash: bool = False) -> None:
        raise NotImplementedError

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True,
             lw: float = 0.6) -> None:
        raise NotImplementedError

    def new_page(self) -> None:
        raise NotImplementedError

    def save(self, path: Path) -> None:
        raise NotImplementedError

    def wrap(self, s: str, font: str, size: float, maxw: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        cur = ""
        for word in s.split():
            trial = f"{cur} {word}" if cur else word
            if cur and self.width(trial, font, size, bold) > maxw:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def para(self, x: float, y: float, s: str, font: str, size: float, maxw: float, leading: float | None = None,
             bold: bool = False) -> float:
        lead = leading or size * 1.3
        for ln in self.wrap(s, font, size, maxw, bold):
            self.text(x, y, ln, font, size, bold)
            y += lead
        return y


class ReportlabPen(Pen):
    producer = "reportlab"
    _registered: ClassVar[set[str]] = set()

    def __init__(self) -> None:
        from reportlab.pdfgen import canvas

        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._sw = stringWidth

    def _font(self, font: str, bold: bool) -> str:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        name = f"{font}-B" if bold else font
        if name not in ReportlabPen._registered:
            pdfmetrics.registerFont(TTFont(name, font_path(FONT_FILES[font][1 if bold else 0])))
            ReportlabPen._registered.add(name)
        return name

    def text(self, x: float, y: float, s: str, font: str = "LiberationSans", size: float = 10,
             bold: bool = False, align: str = "l", gray: float = 0.0) -> None:
        name = self._font(font, bold)
        self.c.setFillGray(gray)
        self.c.setFont(name, size)
        if align == "r":
            self.c.drawRightString(x, PAGE_H - y, s)
        elif align == "c":
            self.c.drawCentredString(x, PAGE_H - y, s)
        else:
            self.c.drawString(x, PAGE_H - y, s)
        self.c.setFillGray(0)

    def width(self, s: str, font: str, size: float, bold: bool = False) -> float:
        return float(self._sw(s, self._font(font, bold), size))

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, gray: float = 0.0,
             dash: bool = False) -> None:
        self.c.setLineWidth(w)
        self.c.setStrokeGray(gray)
        self.c.setDash(3, 2) if dash else self.c.setDash()
        self.c.line(x1, PAGE_H - y1, x2, PAGE_H - y2)
        self.c.setDash()
        self.c.setStrokeGray(0)

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True,
             lw: float = 0.6) -> None:
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, PAGE_H - y - h, w, h, stroke=int(stroke), fill=int(fill is not None))
        self.c.setFillGray(0)

    def new_page(self) -> None:
        self.c.showPage()

    def save(self, path: Path) -> None:
        self.c.showPage()
        self.c.save()
        path.write_bytes(self.buf.getvalue())


class FpdfPen(Pen):
    producer = "fpdf2"

    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="letter")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(dt.datetime(2026, 1, 5, 9, 0, 0, tzinfo=dt.UTC))
        self.pdf.add_page()
        self.fonts: set[str] = set()

    def _font(self, font: str, bold: bool, size: float) -> None:
        if font not in self.fonts:
            self.pdf.add_font(font, "", font_path(FONT_FILES[font][0]))
            self.pdf.add_font(font, "B", font_path(FONT_FILES[font][1]))
            self.fonts.add(font)
        self.pdf.set_font(font, "B" if bold else "", size)

    def text(self, x: float, y: float, s: str, font: str = "LiberationSans", size: float = 10,
             bold: bool = False, align: str = "l", gray: float = 0.0) -> None:
        self._font(font, bold, size)
        g = int(gray * 255)
        self.pdf.set_text_color(g, g, g)
        w = self.pdf.get_string_width(s)
        x0 = x - w if align == "r" else x - w / 2 if align == "c" else x
        self.pdf.text(x0, y, s)

    def width(self, s: str, font: str, size: float, bold: bool = False) -> float:
        self._font(font, bold, size)
        return float(self.pdf.get_string_width(s))

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, gray: float = 0.0,
             dash: bool = False) -> None:
        self.pdf.set_line_width(w)
        g = int(gray * 255)
        self.pdf.set_draw_color(g, g, g)
        self.pdf.set_dash_pattern(dash=3, gap=2) if dash else self.pdf.set_dash_pattern()
        self.pdf.line(x1, y1, x2, y2)
        self.pdf.set_dash_pattern()

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: bool = True,
             lw: float = 0.6) -> None:
        self.pdf.set_line_width(lw)
        self.pdf.set_draw_color(0, 0, 0)
        if fill is not None:
            g = int(fill * 255)
            self.pdf.set_fill_color(g, g, g)
        style = ("D" if stroke else "") + ("F" if fill is not None else "")
        if style:
            self.pdf.rect(x, y, w, h, style="DF" if style == "DF" else style)

    def new_page(self) -> None:
        self.pdf.add_page()

    def save(self, path: Path) -> None:
        self.pdf.output(str(path))


# ---------------------------------------------------------------------------------------------------------
# Words on the page (the same for every family: what a notice of each kind says).

BOTTOM = 688.0  # nothing of a notice below this line but its footer: stamps and notes go there


def form_title(form: str) -> str:
    return f"{form}, {FORMS[form][0]}"


def body(n: Notice, rng: random.Random) -> list[str]:
    f = n.form
    if n.kind == "receipt" and f == "I-907":
        return ["We have received your request for premium processing service. Within 15 business days of the "
                "date shown above we will issue an approval notice, a request for evidence, or a notice of intent "
                "to deny, or open an investigation for fraud or misrepresentation.",
                "If we do not take one of these actions in time, we will refund the premium processing fee and "
                "continue to process the case as a premium case."]
    if n.kind == "receipt":
        return ["This notice confirms that U.S. Citizenship and Immigration Services (USCIS) received your "
                f"Form {f}. It does not grant any immigration status or benefit, and it is not evidence that the "
                "case is still pending.",
                "If we need more information we will send you a request for evidence (RFE) or, in some cases, a "
                "notice of intent to deny (NOID). Please keep this notice with your records and give the receipt "
                "number whenever you contact us about the case.",
                "If any of the information above is wrong, tell us at once so that later notices are correct."]
    if n.kind == "biometrics":
        return ["To process your case USCIS must take your fingerprints, photograph and signature. Please appear "
                "at the Application Support Center below at the date and time shown.",
                "Bring this notice and a photo identification (passport, driver's license, or your Permanent "
                "Resident Card). If you do not appear and do not ask to reschedule, we may consider the case "
                "abandoned and deny it."]
    if n.kind == "approval":
        out = ["The above petition or application has been approved. Please keep this notice for your records."]
        if n.has("i94_number"):
            out.append("This notice carries the new Arrival-Departure Record (Form I-94) number. Keep the notice "
                       "with your passport; it shows the status granted and the date until which it is valid.")
        out.append("This approval may be revoked if the facts stated in the petition turn out to be untrue; in "
                   "that case we would first send a notice of intent to revoke.")
        return out
    if n.kind == "rfe":
        return ["We need more evidence before we can decide your case. The evidence requested is listed on the "
                "following page. Send it together with this page, on top of your response.",
                "If you do not respond by the date shown, we will decide the case on the record as it stands, "
                "which may lead to a denial. We will not grant an extension of the deadline."]
    if n.kind in ("noid", "noir"):
        verb = "deny" if n.kind == "noid" else "revoke the approval of"
        return [f"USCIS intends to {verb} the {FORMS[f][0].lower()} filed on Form {f}, for the reasons given "
                "below. Earlier we sent you a request for evidence; the response did not establish eligibility.",
                "You may submit a rebuttal with new evidence. Your response must arrive at this office by the "
                "date given in this notice; if it does not, we will decide the case without it."]
    if n.kind == "denial":
        return [f"After a careful review of the record, USCIS has denied your Form {f}. The reasons for the "
                "decision are explained below.",
                "If you believe the decision is wrong you may file a motion to reopen or reconsider, or an appeal, "
                "on Form I-290B within 33 days of the date of this decision."]
    if n.kind == "transfer":
        return ["To speed up processing, we have transferred your case to another USCIS office. The receipt "
                "number stays the same. Send any further correspondence to the office that now holds the case.",
                "You do not need to do anything now. We will notify you when we make a decision or need "
                "more information."]
    return ["We are returning your filing because it could not be accepted: the fee submitted was not the correct "
            "amount, or the form was not signed. The filing and the payment are returned with this notice.",
            "You may correct the problem and file again. Do not send this notice back with the new filing."]


CONTACT = ("Please see the additional information on the back. You will be notified separately about any other "
           "cases you filed. If you have questions, visit uscis.gov/contactcenter or call the USCIS Contact Center "
           "at 800-375-5283 (TTY 800-767-1833).")


def back_page(pen: Pen, n: Notice, rng: random.Random, font: str) -> None:
    """The printed back of a notice: general information, no case values."""
    pen.next_page()
    pen.text(PAGE_W / 2, 50, "ADDITIONAL INFORMATION", font, 11, bold=True, align="c")
    y = 80.0
    paras = [("NOTICE: ", "Although this notice may say that the case was received or approved, USCIS keeps the "
              "right to verify the information submitted at any time, before or after a decision."),
             ("Biometrics: ", "If your case needs fingerprints, a photograph or a signature, we will mail you an "
              "appointment notice for an Application Support Center. Do not go to a support center without one."),
             ("Address changes: ", "If you move, tell us within 10 days, online or on Form AR-11, and update the "
              "address on each pending case, or you may not receive later notices."),
             ("Processing times: ", "Current processing times for each form and office are posted online. Please "
              "do not contact us about a case until it is outside the posted time."),
             ("Requests for evidence: ", "If we ask for more evidence, send everything requested together, with "
              "the request on top, by the date given. Partial responses are decided as they stand.")]
    for head, text in paras:
        pen.text(54, y, head, font, 9.5, bold=True)
        y = pen.para(54, y + 13, text, font, 9.5, PAGE_W - 108) + 10
    pen.text(PAGE_W - 54, PAGE_H - 40, f"Form {i797(n)} (back)", font, 7, align="r", gray=0.3)


def kind_word(n: Notice) -> str:
    return {"receipt": "Receipt", "approval": "Approval Notice", "rfe": "Request for Evidence",
            "biometrics": "Biometrics Appointment", "transfer": "Transfer Notice", "rejection": "Rejection Notice",
            "noid": "Notice of Intent to Deny", "noir": "Notice of Intent to Revoke", "denial": "Denial"}[n.kind]


def i797(n: Notice) -> str:
    if n.kind == "approval":
        return "I-797A" if n.has("i94_number") else "I-797"
    if n.kind == "rfe":
        return "I-797E"
    return "I-797C"


def mailing(n: Notice, rng: random.Random) -> list[str]:
    """The addressee block: an attorney, the employer, or the person (never a scored value)."""
    choice = rng.random()
    if choice < 0.4:
        attorney = name_fl(person(rng)).upper()
        return [attorney, "C/O " + rng.choice(FIRMS).upper(), rng.choice(STREETS).upper(), rng.choice(CITIES).upper()]
    who = n.extra.get("company") or name_fl(n.extra.get("pet_person") or n.extra.get("app_person")
                                            or n.extra["ben_person"])
    return [who.upper()[:46], rng.choice(STREETS).upper(), rng.choice(CITIES).upper()]


def party_values(n: Notice, upper: bool = True) -> dict[str, str]:
    out: dict[str, str] = {}
    if n.has("petitioner"):
        out["petitioner"] = (n.extra["company"].upper() if upper else n.extra["company"]) if "company" in n.extra \
            else name_lf(n.extra["pet_person"], upper)
        out["beneficiary"] = name_lf(n.extra["ben_person"], upper)
    if n.has("applicant"):
        out["applicant"] = name_lf(n.extra["app_person"], upper)
    return out


@dataclass
class Style:
    """Per-notice printing choices."""

    date: str
    receipt: str
    anum: str
    money: str
    time: str
    font: str
    upper: bool

    def unlabelled_anum(self) -> None:
        """An A-Number printed without a label of its own keeps its `A` (a bare 238-312-000 says nothing)."""
        if self.anum == "uscis":
            self.anum = "hash"

    @staticmethod
    def pick(rng: random.Random, fonts: tuple[str, ...], n: Notice) -> Style:
        anum = "eight" if n.has("a_number") and n.values["a_number"].startswith("0") else \
            rng.choice(["grp", "dash", "flat", "hash", "uscis", "grp"])
        return Style(date=rng.choice(["us", "us", "long", "abbr", "upper", "dash"]),
                     receipt=rng.choice(["plain", "plain", "plain", "dash", "space"]),
                     anum=anum, money=rng.choice(["plain", "plain", "space", "usd", "us", "nocents"]),
                     time=rng.choice(["ampm", "ampm", "ampm0", "dots", "24"]), font=rng.choice(fonts),
                     upper=rng.random() < 0.7)


def shown_date(n: Notice, st: Style, name: str, style: str | None = None) -> str:
    return n.show(name, fmt_date(n.values[name], style or st.date))


def shown_receipt(n: Notice, st: Style) -> str:
    return n.show("receipt_number", fmt_receipt(n.values["receipt_number"], st.receipt))


def shown_anum(n: Notice, st: Style) -> str:
    return n.show("a_number", fmt_anum(n.values["a_number"], st.anum))


def shown_money(n: Notice, st: Style) -> str:
    fee = FORMS[n.form][2] if n.values["amount"] == FORMS[n.form][2].replace(",", "") else n.values["amount"]
    return n.show("amount", fmt_money(fee, st.money))


def shown_class(n: Notice) -> str:
    return n.show("classification", CLASS_PRINT[n.values["classification"]])


def shown_i94(n: Notice, spaced: bool) -> str:
    v = n.values["i94_number"]
    return n.show("i94_number", f"{v[:9]} {v[9:]}" if spaced else v)


def shown_form(n: Notice, style: str) -> str:
    f = n.form
    text = {"plain": f, "title": form_title(f), "compact": f.replace("-", ""), "dash": f"{f} - {FORMS[f][0]}",
            "upper": form_title(f).upper(), "spaced": f.replace("-", " ")}[style]
    n.show("form", {"compact": f.replace("-", ""), "spaced": f.replace("-", " ")}.get(style, f))
    return text


def draw_name(pen: Pen, n: Notice, fieldname: str, text: str, x: float, y: float, maxw: float, font: str,
              size: float, bold: bool = False, lead: float | None = None) -> float:
    """A name, wrapped inside ``maxw``; every line is recorded as printed. Returns the next baseline."""
    for part in pen.wrap(text, font, size, maxw, bold):
        pen.text(x, y, n.show(fieldname, part), font, size, bold)
        y += lead or size * 1.25
    return y


def paragraphs(pen: Pen, paras: list[str], x: float, y: float, font: str, size: float, maxw: float,
               limit: float = BOTTOM - 8) -> float:
    for p in paras:
        lines = pen.wrap(p, font, size, maxw)
        if y + len(lines) * size * 1.3 > limit:
            break
        y = pen.para(x, y, p, font, size, maxw) + size * 0.6
    return y


def footer(pen: Pen, n: Notice, rng: random.Random, font: str, top: float = 0.0, height: float = PAGE_H) -> None:
    center = CENTERS.get(n.extra["prefix"], CENTERS["IOE"])
    ed = rng.choice(["04/01/24", "07/11/14", "01/20/25", "09/17/18"])
    y = top + height - 22
    pen.line(36, y - 10, PAGE_W - 36, y - 10, 0.4, 0.4)
    pen.text(36, y, f"USCIS {center[0]}, {center[1]}, {center[2]}", font, 6.5, gray=0.25)
    pen.text(PAGE_W - 36, y, f"Form {i797(n)} {ed}", font, 6.5, align="r", gray=0.25)


# ---------------------------------------------------------------------------------------------------------
# Layout families drawn with a pen. Each draws one notice from ``top`` (points) and may add pages.


def _cells(pen: Pen, x: float, y: float, widths: list[float], heads: list[str], vals: list[str], font: str,
           shade: float = 0.85, h: float = 30.0) -> float:
    """A band: a shaded row of column heads over a row of values."""
    cx = x
    for w, head, val in zip(widths, heads, vals, strict=True):
        pen.rect(cx, y, w, 12, fill=shade, lw=0.5)
        pen.rect(cx, y + 12, w, h - 12, lw=0.5)
        pen.text(cx + 3, y + 9, head, font, 6.5, bold=True)
        if val:
            pen.text(cx + 4, y + 25, val, font, 9.5)
        cx += w
    return y + h


def fam_ledger(pen: Pen, n: Notice, rng: random.Random, top: float = 0.0) -> None:
    """Column-head bands over value rows, heads shaded; a tear-off Departure Record on an I-797A."""
    st = Style.pick(rng, ("LiberationSans", "DejaVuSansCondensed", "Carlito"), n)
    st.unlabelled_anum()
    f = st.font
    pen.text(36, top + 40, "DEPARTMENT OF HOMELAND SECURITY", f, 8, bold=True)
    pen.text(36, top + 50, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", f, 8)
    pen.text(PAGE_W - 36, top + 44, f"{i797(n)} | NOTICE OF ACTION", f, 13, bold=True, align="r")
    pen.line(36, top + 58, PAGE_W - 36, top + 58, 1.2)
    barcode(pen, 250, top + 26, 110, 20, n.values["receipt_number"])
    y = top + 70
    w = [120.0, 150.0, 95.0, 95.0, 80.0]
    page = "1 of 2" if n.kind in ("rfe", "noid", "noir") else "1 of 1"
    heads = rng.choice([["RECEIPT NO.", "FORM", "DATE RECEIVED", "NOTICE DATE", "PAGE"],
                        ["RECEIPT NUMBER", "CASE TYPE", "RECEIVED DATE", "DATE OF NOTICE", "PAGE"]])
    y = _cells(pen, 36, y, w, heads,
               [shown_receipt(n, st), shown_form(n, rng.choice(["plain", "compact", "plain", "spaced"])),
                shown_date(n, st, "received_date") if n.kind != "rejection" else "",
                shown_date(n, st, "notice_date"), page], f)
    heads = ["NOTICE TYPE"]
    vals = [kind_word(n).upper()]
    if n.has("priority_date"):
        heads.append("PRIORITY DATE")
        vals.append(shown_date(n, st, "priority_date"))
    if n.has("classification"):
        heads.append("CLASS")
        vals.append(shown_class(n))
    if n.has("amount"):
        heads.append("AMOUNT RECEIVED")
        vals.append(shown_money(n, st))
    if n.has("response_due"):
        heads.append("RESPONSE DUE")
        vals.append(shown_date(n, st, "response_due"))
    widths = [160.0] + [(PAGE_W - 72 - 160) / (len(heads) - 1)] * (len(heads) - 1) if len(heads) > 1 else [540.0]
    y = _cells(pen, 36, y, widths, heads, vals, f) + 10
    parties = party_values(n, st.upper)
    if "petitioner" in parties:
        pen.rect(36, y, 270, 12, fill=0.85)
        pen.rect(306, y, 270, 12, fill=0.85)
        pen.text(39, y + 9, "PETITIONER", f, 6.5, bold=True)
        pen.text(309, y + 9, "BENEFICIARY", f, 6.5, bold=True)
        y1 = draw_name(pen, n, "petitioner", parties["petitioner"], 40, y + 25, 255, f, 9.5)
        y2 = draw_name(pen, n, "beneficiary", parties["beneficiary"], 310, y + 25, 255, f, 9.5)
        bottom = max(y1, y2)
        pen.rect(36, y + 12, 540, bottom - y - 6, lw=0.5)
        y = bottom + 8
    else:
        pen.rect(36, y, 300, 12, fill=0.85)
        pen.text(39, y + 9, "APPLICANT", f, 6.5, bold=True)
        yy = y + 25
        if n.has("a_number"):
            pen.text(40, yy, shown_anum(n, st), f, 9.5)
            yy += 12
        yy = draw_name(pen, n, "applicant", parties["applicant"], 40, yy, 280, f, 9.5)
        pen.rect(36, y + 12, 300, yy - y - 6, lw=0.5)
        y = yy + 8
    if n.has("valid_from"):
        y = _cells(pen, 36, y, [180.0, 180.0], ["VALID FROM", "VALID TO"],
                   [shown_date(n, st, "valid_from"), shown_date(n, st, "valid_to")], f) + 8
    if n.kind == "biometrics":
        ap = n.values["appointment"]
        asc = n.extra["asc"]
        pen.rect(36, y, 540, 64, lw=1.0)
        pen.text(44, y + 14, "APPLICATION SUPPORT CENTER", f, 7, bold=True)
        pen.text(44, y + 27, asc[0], f, 9.5)
        pen.text(44, y + 39, n.show("appointment", asc[1]), f, 9.5)
        pen.text(44, y + 51, asc[2], f, 9.5)
        pen.text(330, y + 14, "APPOINTMENT DATE", f, 7, bold=True)
        pen.text(330, y + 27, n.show("appointment", fmt_date(ap["date"], st.date)), f, 9.5)
        pen.text(460, y + 14, "TIME", f, 7, bold=True)
        pen.text(460, y + 27, n.show("appointment", fmt_time(ap["time"], st.time)), f, 9.5)
        y += 76
    for ln in mailing(n, rng):
        pen.text(60, y + 12, ln, f, 9)
        y += 11
    y += 20
    limit = 520.0 if n.has("i94_number") else BOTTOM - 8
    paragraphs(pen, [*body(n, rng), CONTACT], 36, y, f, 9, 540, limit)
    if n.has("i94_number"):
        yt = 560.0
        pen.line(20, yt, PAGE_W - 20, yt, 0.8, dash=True)
        pen.text(PAGE_W / 2, yt + 10, "detach here", f, 6, align="c", gray=0.4)
        pen.text(40, yt + 30, "DEPARTURE RECORD", f, 10, bold=True)
        pen.text(40, yt + 46, "I-94 Number", f, 7, bold=True)
        pen.text(40, yt + 60, shown_i94(n, rng.random() < 0.5), "LiberationMono", 12)
        nm = parties.get("beneficiary") or parties.get("applicant") or ""
        pen.text(260, yt + 46, "Name", f, 7, bold=True)
        pen.text(260, yt + 60, nm, f, 9.5)
        pen.text(40, yt + 80, "Class", f, 7, bold=True)
        pen.text(40, yt + 94, CLASS_PRINT[n.values["classification"]], f, 9.5)
        pen.text(260, yt + 80, "Until", f, 7, bold=True)
        pen.text(260, yt + 94, fmt_date(n.values["valid_to"], st.date), f, 9.5)
    footer(pen, n, rng, f, top)
    if n.kind in ("rfe", "noid", "noir"):
        second_page(pen, n, rng, st)


def barcode(pen: Pen, x: float, y: float, w: float, h: float, text: str) -> None:
    """Bars standing for the receipt number (no human-readable line): what a mail sorter reads."""
    bits = "".join(f"{ord(ch):08b}" for ch in f"*{text}*")
    unit = w / len(bits)
    run_start = None
    for i, bit in enumerate(bits + "0"):
        if bit == "1" and run_start is None:
            run_start = i
        elif bit == "0" and run_start is not None:
            pen.rect(x + run_start * unit, y, (i - run_start) * unit, h, fill=0.0, stroke=False)
            run_start = None


def second_page(pen: Pen, n: Notice, rng: random.Random, st: Style) -> None:
    """Page 2 of a request: the receipt number again, the list of what is asked for, a signature."""
    pen.next_page()
    f = st.font
    pen.text(36, 40, f"Receipt Number {fmt_receipt(n.values['receipt_number'], st.receipt)}", f, 9)
    pen.text(PAGE_W - 36, 40, "Page 2 of 2", f, 9, align="r")
    pen.line(36, 48, PAGE_W - 36, 48, 0.5)
    y = 80.0
    pen.text(36, y, "EVIDENCE REQUESTED" if n.kind == "rfe" else "GROUNDS", f, 11, bold=True)
    y += 22
    items = ["Evidence that the position offered qualifies as a specialty occupation, such as a detailed "
             "description of the duties and the percentage of time spent on each.",
             "Copies of the beneficiary's degree and transcripts, with an evaluation of foreign education by a "
             "reliable credentials evaluation service.",
             "Federal tax returns or audited financial statements showing the ability to pay the proffered wage "
             "from the priority date onward.",
             "Evidence of the employer-employee relationship for the whole of the period requested, such as "
             "contracts, statements of work and itineraries."]
    for i, item in enumerate(rng.sample(items, 3), 1):
        y = pen.para(56, y, f"{i}. {item}", f, 9.5, 500) + 8
    y += 10
    if n.has("response_due"):
        pen.text(36, y, "Send your response so that it is received no later than the response due date shown "
                 "on page 1.", f, 9)
    y += 50
    pen.text(36, y, "Sincerely,", f, 10)
    pen.text(36, y + 40, f"{name_fl(person(rng))}", f, 10)
    pen.text(36, y + 53, "Director", f, 10)


def fam_sidebar(pen: Pen, n: Notice, rng: random.Random, top: float = 0.0) -> None:
    """A shaded column down the left with the case facts stacked (caption, then value); the letter right."""
    st = Style.pick(rng, ("DejaVuSans", "LiberationSans", "Carlito", "LiberationSansNarrow"), n)
    f = st.font
    pen.rect(0, 0, 190, BOTTOM + 10, fill=0.9, stroke=False)
    y = 44.0
    pen.text(20, y, "USCIS", f, 20, bold=True)
    pen.text(20, y + 13, "Notice of Action", f, 8)
    pen.text(20, y + 23, f"Form {i797(n)}", f, 8)
    y += 50

    def item(caption: str, value: str | None, fieldname: str | None = None) -> None:
        nonlocal y
        pen.text(20, y, caption, f, 6.8, gray=0.35)
        y += 12
        if fieldname in ("petitioner", "beneficiary", "applicant"):
            y = draw_name(pen, n, fieldname, value or "", 20, y, 160, f, 9.5, bold=True) + 6
        else:
            pen.text(20, y, value or "", f, 9.5, bold=True)
            y += 18

    item("Receipt number", shown_receipt(n, st))
    item("Case type", shown_form(n, rng.choice(["plain", "plain", "compact"])))
    if n.kind != "rejection":
        item("Received", shown_date(n, st, "received_date"))
    item(rng.choice(["Date of notice", "Notice date", "Mailed"]), shown_date(n, st, "notice_date"))
    if n.has("priority_date"):
        item("Priority date", shown_date(n, st, "priority_date"))
    parties = party_values(n, st.upper)
    if "petitioner" in parties:
        item("Petitioner", parties["petitioner"], "petitioner")
        item("Beneficiary", parties["beneficiary"], "beneficiary")
    else:
        if n.has("a_number"):
            item("USCIS A#", shown_anum(n, st))
        item("Applicant", parties["applicant"], "applicant")
    if n.has("classification"):
        item("Classification", shown_class(n))
    if n.has("valid_from"):
        item("Valid from", shown_date(n, st, "valid_from"))
        item("Valid until", shown_date(n, st, "valid_to"))
    if n.has("i94_number"):
        item("I-94 record number", shown_i94(n, rng.random() < 0.3))
    if n.has("amount"):
        item("Fee", shown_money(n, st))
    if n.has("response_due"):
        item("Respond by", shown_date(n, st, "response_due"))
    x = 214.0
    yy = 60.0
    pen.text(x, yy, kind_word(n) if n.kind != "receipt" else "Receipt Notice", f, 16, bold=True)
    yy += 16
    pen.text(x, yy, form_title(n.form), f, 9, gray=0.3)
    yy += 30
    for ln in mailing(n, rng):
        pen.text(x, yy, ln, f, 9)
        yy += 11
    yy += 22
    if n.kind == "biometrics":
        ap = n.values["appointment"]
        asc = n.extra["asc"]
        pen.text(x, yy, "Your appointment", f, 11, bold=True)
        yy += 16
        pen.text(x, yy, n.show("appointment", fmt_date(ap["date"], "day")) + "  at  "
                 + n.show("appointment", fmt_time(ap["time"], st.time)), f, 10)
        yy += 14
        for i, ln in enumerate(asc):
            pen.text(x, yy, n.show("appointment", ln) if i == 1 else ln, f, 10)
            yy += 12
        yy += 14
    paragraphs(pen, [*body(n, rng), CONTACT], x, yy, f, 9.5, PAGE_W - x - 36)
    footer(pen, n, rng, f, top)
    if n.kind in ("rfe", "noid", "noir"):
        second_page(pen, n, rng, st)


def fam_colon(pen: Pen, n: Notice, rng: random.Random, top: float = 0.0) -> None:
    """Centred heading; labels right-aligned against a gutter, ending in a colon, values left of it."""
    st = Style.pick(rng, ("LiberationSansNarrow", "LiberationSerif", "Caladea", "DejaVuSerif"), n)
    f = st.font
    pen.text(PAGE_W / 2, 42, "U.S. Department of Homeland Security", f, 10, align="c")
    pen.text(PAGE_W / 2, 56, "U.S. Citizenship and Immigration Services", f, 12, bold=True, align="c")
    pen.text(PAGE_W / 2, 84, f"Form {i797(n)}, Notice of Action", f, 9, align="c")
    pen.text(PAGE_W / 2, 104, TYPE_TITLE[n.kind].upper(), f, 15, bold=True, align="c")
    pen.line(120, 112, PAGE_W - 120, 112, 0.8)
    gx = 230.0
    y = 138.0

    def row(label: str, value: str, fieldname: str | None = None) -> None:
        nonlocal y
        pen.text(gx, y, label + ":", f, 10, align="r")
        if fieldname:
            y = draw_name(pen, n, fieldname, value, gx + 10, y, PAGE_W - gx - 60, f, 10, bold=True, lead=13)
            y += 3
        else:
            pen.text(gx + 10, y, value, f, 10, bold=True)
            y += 16

    row("Receipt Number", shown_receipt(n, st))
    row("Form", shown_form(n, rng.choice(["title", "dash", "plain"])))
    if n.kind != "rejection":
        row(rng.choice(["Date Received", "Received Date", "Filing Date"]), shown_date(n, st, "received_date"))
    row(rng.choice(["Notice Date", "Date of Notice", "Date of This Notice"]), shown_date(n, st, "notice_date"))
    if n.has("priority_date"):
        row("Priority Date", shown_date(n, st, "priority_date"))
    parties = party_values(n, st.upper)
    if "petitioner" in parties:
        row("Petitioner", parties["petitioner"], "petitioner")
        row("Beneficiary", parties["beneficiary"], "beneficiary")
    else:
        row("Applicant", parties["applicant"], "applicant")
        if n.has("a_number"):
            row("Alien Registration Number", shown_anum(n, st))
    if n.has("classification"):
        row("Classification", shown_class(n))
    if n.has("valid_from"):
        row("Validity", shown_date(n, st, "valid_from") + " to " + shown_date(n, st, "valid_to"))
    if n.has("i94_number"):
        row("I-94 Admission Record", shown_i94(n, False))
    if n.has("amount"):
        row("Amount Received", shown_money(n, st))
    if n.has("response_due"):
        row("Response Due", shown_date(n, st, "response_due"))
    if n.kind == "biometrics":
        ap = n.values["appointment"]
        asc = n.extra["asc"]
        row("Appointment Date", n.show("appointment", fmt_date(ap["date"], st.date)))
        row("Appointment Time", n.show("appointment", fmt_time(ap["time"], st.time)))
        row("Location", asc[0])
        row("Address", n.show("appointment", asc[1]))
        row("City", asc[2])
    y += 14
    for ln in mailing(n, rng):
        pen.text(72, y, ln, f, 9.5)
        y += 12
    y += 16
    paragraphs(pen, [*body(n, rng), CONTACT], 72, y, f, 10, PAGE_W - 144)
    footer(pen, n, rng, f, top)
    if n.kind in ("rfe", "noid", "noir"):
        second_page(pen, n, rng, st)


def fam_stub(pen: Pen, n: Notice, rng: random.Random, top: float = 0.0) -> None:
    """A half-sheet notice: facts in pipe-separated runs of `Label value` on a line; two fit on one sheet."""
    st = Style.pick(rng, ("DejaVuSansCondensed", "LiberationSans", "Carlito"), n)
    st.unlabelled_anum()
    f = st.font
    y = top + 36
    pen.rect(36, y - 12, 540, 18, fill=0.15, stroke=False)
    pen.text(44, y + 1, f"NOTICE OF ACTION  {i797(n)}", f, 10, bold=True, gray=1.0)
    pen.text(PAGE_W - 44, y + 1, kind_word(n).upper(), f, 10, bold=True, align="r", gray=1.0)
    y += 26
    sep = "  |  "

    def run(parts: list[str]) -> None:
        nonlocal y
        pen.text(40, y, sep.join(p for p in parts if p), f, 9.5)
        y += 15

    run([f"Receipt {shown_receipt(n, st)}", f"Case Type {shown_form(n, 'plain')}",
         f"Received {shown_date(n, st, 'received_date')}" if n.kind != "rejection" else "",
         f"Notice Date {shown_date(n, st, 'notice_date')}"])
    extra = []
    if n.has("priority_date"):
        extra.append(f"Priority Date {shown_date(n, st, 'priority_date')}")
    if n.has("classification"):
        extra.append(f"Class {shown_class(n)}")
    if n.has("amount"):
        extra.append(f"Fee Paid {shown_money(n, st)}")
    if n.has("response_due"):
        extra.append(f"Reply By {shown_date(n, st, 'response_due')}")
    if n.has("valid_from"):
        extra.append(f"Valid {shown_date(n, st, 'valid_from')} - {shown_date(n, st, 'valid_to')}")
    if extra:
        run(extra)
    parties = party_values(n, st.upper)
    if "petitioner" in parties:
        pen.text(40, y, "Petitioner", f, 9.5, bold=True)
        y = draw_name(pen, n, "petitioner", parties["petitioner"], 110, y, 420, f, 9.5)
        pen.text(40, y, "Beneficiary", f, 9.5, bold=True)
        y = draw_name(pen, n, "beneficiary", parties["beneficiary"], 110, y, 420, f, 9.5)
    else:
        pen.text(40, y, "Applicant", f, 9.5, bold=True)
        if n.has("a_number"):
            pen.text(110, y, shown_anum(n, st), f, 9.5)
            y += 12
        y = draw_name(pen, n, "applicant", parties["applicant"], 110, y, 420, f, 9.5)
    if n.kind == "biometrics":
        ap = n.values["appointment"]
        asc = n.extra["asc"]
        run([f"Appointment {n.show('appointment', fmt_date(ap['date'], st.date))}",
             f"Time {n.show('appointment', fmt_time(ap['time'], st.time))}"])
        run([asc[0], n.show("appointment", asc[1]), asc[2]])
    y += 8
    limit = top + 370
    paragraphs(pen, body(n, rng)[:2], 40, y, f, 8.5, 530, limit)
    pen.line(36, top + 380, PAGE_W - 36, top + 380, 0.4, 0.3)
    pen.text(40, top + 389, f"Please keep this notice. Form {i797(n)} (Rev. 0{rng.randint(1, 9)}/2{rng.randint(0, 5)})",
             f, 6.5, gray=0.3)


def fam_memo(pen: Pen, n: Notice, rng: random.Random, top: float = 0.0) -> None:
    """A decision letter: letterhead, date line at the right, an `IN RE` reference table, heading, body;
    names given-name first; a later page repeats the receipt number."""
    st = Style.pick(rng, ("LiberationSerif", "Caladea", "DejaVuSerif"), n)
    st.date = rng.choice(["long", "long", "abbr", "us"])
    f = st.font
    pen.text(72, 50, "U.S. Citizenship", f, 14, bold=True)
    pen.text(72, 66, "and Immigration", f, 14, bold=True)
    pen.text(72, 82, "Services", f, 14, bold=True)
    center = CENTERS.get(n.extra["prefix"], CENTERS["IOE"])
    pen.text(PAGE_W - 72, 50, center[0], f, 8.5, align="r")
    pen.text(PAGE_W - 72, 61, center[1], f, 8.5, align="r")
    pen.text(PAGE_W - 72, 72, center[2], f, 8.5, align="r")
    pen.line(72, 92, PAGE_W - 72, 92, 0.8)
    y = 118.0
    pen.text(PAGE_W - 72, y, shown_date(n, st, "notice_date"), f, 10.5, align="r")
    y += 20
    for ln in mailing(n, rng):
        pen.text(72, y, ln, f, 10)
        y += 12.5
    y += 16
    pen.text(72, y, "IN RE:", f, 10.5, bold=True)
    lx, vx = 130.0, 262.0

    def ref(label: str, value: str, fieldname: str | None = None) -> None:
        nonlocal y
        pen.text(lx, y, label, f, 10.5)
        if fieldname:
            y = draw_name(pen, n, fieldname, value, vx, y, PAGE_W - vx - 72, f, 10.5, lead=13)
        else:
            pen.text(vx, y, value, f, 10.5)
            y += 13

    ref("Receipt Number", shown_receipt(n, st))
    ref("Form", shown_form(n, "title"))
    if rng.random() < 0.6 and n.kind != "rejection":
        ref("Filed", shown_date(n, st, "received_date"))
    if n.has("petitioner"):
        pet = n.extra.get("company") or name_fl(n.extra["pet_person"])
        ref("Petitioner", pet, "petitioner")
        ref("Beneficiary", name_fl(n.extra["ben_person"]), "beneficiary")
    else:
        ref("Applicant", name_fl(n.extra["app_person"]), "applicant")
        if n.has("a_number"):
            ref("A-File", shown_anum(n, st))
    if n.has("classification"):
        ref("Classification", shown_class(n))
    y += 18
    heading = {"noid": "NOTICE OF INTENT TO DENY", "noir": "NOTICE OF INTENT TO REVOKE",
               "denial": "DECISION", "transfer": "NOTICE OF CASE TRANSFER", "rfe": "REQUEST FOR EVIDENCE",
               "approval": "APPROVAL NOTICE", "receipt": "RECEIPT NOTICE", "rejection": "NOTICE OF REJECTION",
               "biometrics": "APPOINTMENT NOTICE"}[n.kind]
    pen.text(PAGE_W / 2, y, heading, f, 12, bold=True, align="c")
    y += 24
    salutation = "Dear Sir or Madam:" if rng.random() < 0.5 else "Dear " + (
        name_fl(n.extra.get("pet_person") or n.extra.get("app_person") or n.extra["ben_person"]) + ":")
    pen.text(72, y, salutation, f, 10.5)
    y += 20
    paras = body(n, rng)
    if n.has("response_due"):
        paras.append("Your response must be received in this office on or before "
                     + shown_date(n, st, "response_due") + ". Mail it with a copy of this letter to the "
                     "address above.")
    paragraphs(pen, paras, 72, y, f, 10.5, PAGE_W - 144)
    pen.text(72, PAGE_H - 30, "www.uscis.gov", f, 8, gray=0.3)
    if n.kind in ("noid", "noir", "denial", "rfe"):
        pen.next_page()
        pen.text(72, 50, f"{fmt_receipt(n.values['receipt_number'], st.receipt)}", f, 9.5)
        pen.text(PAGE_W - 72, 50, "Page 2", f, 9.5, align="r")
        y = 90.0
        reasons = ["The record does not show that the beneficiary holds the degree required for the position, "
                   "or its foreign equivalent.",
                   "The evidence submitted in response to the earlier request does not establish the ability to "
                   "pay the proffered wage as of the priority date.",
                   "The itinerary submitted does not cover the whole of the period requested, and the contracts "
                   "in the record are unsigned."]
        pen.text(72, y, "DISCUSSION", f, 11, bold=True)
        y += 20
        for r in reasons:
            y = pen.para(72, y, r, f, 10.5, PAGE_W - 144) + 10
        y += 30
        pen.text(72, y, "Sincerely,", f, 10.5)
        pen.text(72, y + 40, name_fl(person(rng)), f, 10.5)
        pen.text(72, y + 53, f"Director, {CENTERS.get(n.extra['prefix'], CENTERS['IOE'])[0]}", f, 10.5)


def fam_asc(pen: Pen, n: Notice, rng: random.Random, top: float = 0.0) -> None:
    """An appointment notice: a bullet-separated strip of case facts, then a framed `PLEASE COME TO` box
    with `ON` and `AT` cells."""
    st = Style.pick(rng, ("LiberationSans", "DejaVuSans", "Carlito", "DejaVuSansCondensed"), n)
    st.unlabelled_anum()
    f = st.font
    pen.text(36, 46, "Department of Homeland Security", f, 9)
    pen.text(36, 58, "U.S. Citizenship and Immigration Services", f, 9, bold=True)
    pen.text(PAGE_W - 36, 52, f"{i797(n)} Notice of Action", f, 12, bold=True, align="r")
    barcode(pen, 262, 36, 120, 22, n.values["receipt_number"])
    pen.rect(36, 70, 540, 22, fill=0.92, lw=0.4)
    bullet = " \u2022 "
    facts = [f"Receipt # {shown_receipt(n, st)}", f"Case Type {shown_form(n, 'plain')}",
             f"Notice Date {shown_date(n, st, 'notice_date')}"]
    if rng.random() < 0.6:
        facts.insert(2, f"Received {shown_date(n, st, 'received_date')}")
    pen.text(44, 85, bullet.join(facts), f, 8.8)
    y = 114.0
    pen.text(36, y, "APPLICANT", f, 7.5, bold=True)
    y += 13
    if n.has("a_number"):
        pen.text(36, y, shown_anum(n, st), f, 10)
        y += 12.5
    y = draw_name(pen, n, "applicant", party_values(n, True)["applicant"], 36, y, 260, f, 10)
    yy = 114.0
    for ln in mailing(n, rng):
        pen.text(330, yy + 13, ln, f, 9)
        yy += 11
    y = max(y, yy) + 24
    pen.text(PAGE_W / 2, y, "BIOMETRICS APPOINTMENT", f, 13, bold=True, align="c")
    y += 20
    paragraphs(pen, body(n, rng)[:1], 36, y, f, 9.5, 540)
    y += 40
    ap = n.values["appointment"]
    asc = n.extra["asc"]
    pen.rect(36, y, 340, 80, lw=1.4)
    pen.text(44, y + 14, "PLEASE COME TO:", f, 8, bold=True)
    pen.text(44, y + 32, asc[0], f, 11, bold=True)
    pen.text(44, y + 47, n.show("appointment", asc[1]), f, 11)
    pen.text(44, y + 62, asc[2], f, 11)
    pen.rect(376, y, 200, 40, lw=1.4)
    pen.rect(376, y + 40, 200, 40, lw=1.4)
    pen.text(384, y + 13, "ON:", f, 8, bold=True)
    pen.text(384, y + 31, n.show("appointment", fmt_date(ap["date"], rng.choice(["day", "long", "us"]))), f, 10.5,
             bold=True)
    pen.text(384, y + 53, "AT:", f, 8, bold=True)
    pen.text(384, y + 71, n.show("appointment", fmt_time(ap["time"], st.time)), f, 10.5, bold=True)
    y += 104
    paragraphs(pen, [*body(n, rng)[1:],
        "If you cannot come at this time, you may ask to reschedule once before the appointment date. "
        "Rescheduling may delay your case.", CONTACT], 36, y, f, 9.5, 540)
    footer(pen, n, rng, f, top)


# ---------------------------------------------------------------------------------------------------------
# Families written as HTML (chromium prints them) and as Word documents (LibreOffice converts them).


def fam_portal(n: Notice, rng: random.Random) -> str:
    """An electronic notice as an online account prints it: a header bar, a grid of fact tiles, the text."""
    st = Style.pick(rng, ("Liberation Sans", "DejaVu Sans", "Carlito"), n)
    e = html.escape
    tiles: list[tuple[str, str]] = [("Receipt number", shown_receipt(n, st)),
                                    ("Form", shown_form(n, rng.choice(["dash", "plain"]))),
                                    ("Notice type", kind_word(n))]
    if n.kind != "rejection":
        tiles.append(("Received date", shown_date(n, st, "received_date")))
    tiles.append(("Notice date", shown_date(n, st, "notice_date")))
    if n.has("priority_date"):
        tiles.append(("Priority date", shown_date(n, st, "priority_date")))
    parties = party_values(n, st.upper)
    for role in ("petitioner", "beneficiary", "applicant"):
        if role in parties:
            tiles.append((role.capitalize(), n.show(role, parties[role])))
    if n.has("a_number"):
        tiles.append(("A-Number", shown_anum(n, st)))
    if n.has("classification"):
        tiles.append(("Classification", shown_class(n)))
    if n.has("valid_from"):
        tiles.append(("Valid from", shown_date(n, st, "valid_from")))
        tiles.append(("Valid to", shown_date(n, st, "valid_to")))
    if n.has("i94_number"):
        tiles.append(("I-94 number", shown_i94(n, False)))
    if n.has("amount"):
        tiles.append(("Payment received", shown_money(n, st)))
    if n.has("response_due"):
        tiles.append(("Response due", shown_date(n, st, "response_due")))
    appt = ""
    if n.kind == "biometrics":
        ap = n.values["appointment"]
        asc = n.extra["asc"]
        when = n.show("appointment", fmt_date(ap["date"], "day"))
        appt = (f"<div class='appt'><h3>Biometrics appointment</h3><p><b>{e(when)}"
                f"</b> at <b>{e(n.show('appointment', fmt_time(ap['time'], st.time)))}</b></p>"
                f"<p>{e(asc[0])}<br>{e(n.show('appointment', asc[1]))}<br>{e(asc[2])}</p></div>")
    grid = "".join(f"<div class='t'><div class='c'>{e(a)}</div><div class='v'>{e(b)}</div></div>" for a, b in tiles)
    paras = "".join(f"<p>{e(p)}</p>" for p in [*body(n, rng), CONTACT])
    acct = f"{rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: Letter; margin: 0.55in 0.6in 1.3in 0.6in; }}
body {{ font-family: '{st.font}'; font-size: 10pt; color: #111; }}
.bar {{ background: #1d3557; color: white; padding: 10px 14px; display: flex; justify-content: space-between; }}
.bar b {{ font-size: 15pt; }}
h2 {{ font-size: 14pt; margin: 16px 0 8px 0; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 8px; }}
.t {{ border: 1px solid #9aa; border-radius: 4px; padding: 5px 7px; }}
.c {{ font-size: 7.5pt; color: #456; text-transform: uppercase; letter-spacing: 0.3px; }}
.v {{ font-size: 10.5pt; font-weight: bold; margin-top: 2px; }}
.appt {{ border-left: 5px solid #1d3557; padding: 4px 12px; margin: 14px 0; }}
.small {{ font-size: 7.5pt; color: #555; }}
</style></head><body>
<div class="bar"><b>USCIS</b><span>Notice of Action &middot; Form {i797(n)}</span></div>
<p class="small">Online account number {acct} &middot; This electronic notice is an official USCIS notice.</p>
<h2>{e(TYPE_TITLE[n.kind])}</h2>
<div class="grid">{grid}</div>{appt}{paras}
</body></html>"""


def fam_leaders(n: Notice, rng: random.Random, path: Path) -> None:
    """A word-processor notice: `Label ........ value` lines on dot-leader tab stops, in two blocks."""
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Inches, Pt

    st = Style.pick(rng, ("Carlito", "Caladea", "Liberation Serif", "DejaVu Serif Condensed"), n)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.9)
    sec.top_margin, sec.bottom_margin = Inches(0.6), Inches(1.4)
    style = doc.styles["Normal"]
    style.font.name = st.font
    style.font.size = Pt(10.5)

    def para(text: str, size: float = 10.5, bold: bool = False, center: bool = False, after: float = 4) -> None:
        p = doc.add_paragraph()
        r = p.add_run(text)
        r.bold = bold
        r.font.size = Pt(size)
        p.paragraph_format.space_after = Pt(after)
        if center:
            p.alignment = 1

    para("DEPARTMENT OF HOMELAND SECURITY  -  U.S. CITIZENSHIP AND IMMIGRATION SERVICES", 8.5, center=True)
    para(f"{i797(n)}  NOTICE OF ACTION", 16, bold=True, center=True, after=12)

    def lead(label: str, value: str) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Inches(2.4), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
        p.paragraph_format.space_after = Pt(2)
        p.add_run(label)
        r = p.add_run("\t" + value)
        r.bold = True

    lead("Type of notice", kind_word(n))
    lead("Receipt number", shown_receipt(n, st))
    lead("Case type", shown_form(n, rng.choice(["title", "plain"])))
    if n.kind != "rejection":
        lead("Received date", shown_date(n, st, "received_date"))
    lead("Notice date", shown_date(n, st, "notice_date"))
    if n.has("priority_date"):
        lead("Priority date", shown_date(n, st, "priority_date"))
    parties = party_values(n, st.upper)
    for role in ("petitioner", "beneficiary", "applicant"):
        if role in parties:
            lead(role.capitalize(), n.show(role, parties[role]))
    if n.has("a_number"):
        lead("Alien number", shown_anum(n, st))
    if n.has("classification"):
        lead("Classification", shown_class(n))
    if n.has("valid_from"):
        lead("Valid from", shown_date(n, st, "valid_from"))
        lead("Valid to", shown_date(n, st, "valid_to"))
    if n.has("i94_number"):
        lead("I-94 number", shown_i94(n, rng.random() < 0.5))
    if n.has("amount"):
        lead("Total amount received", shown_money(n, st))
    if n.has("response_due"):
        lead("Response due date", shown_date(n, st, "response_due"))
    if n.kind == "biometrics":
        ap = n.values["appointment"]
        asc = n.extra["asc"]
        lead("Appointment date", n.show("appointment", fmt_date(ap["date"], st.date)))
        lead("Appointment time", n.show("appointment", fmt_time(ap["time"], st.time)))
        lead("Support center", asc[0])
        lead("Address", n.show("appointment", asc[1]) + ", " + asc[2])
    para("", after=8)
    for ln in mailing(n, rng):
        para(ln, 10, after=0)
    para("", after=8)
    for p in body(n, rng):
        para(p, 10, after=6)
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------------------
# Pages that are not notices (they quote notices).


def nonnotice_cover(pen: Pen, rng: random.Random) -> None:
    f = rng.choice(["LiberationSerif", "Caladea"])
    firm = rng.choice(FIRMS)
    pen.text(PAGE_W / 2, 50, firm.upper(), f, 13, bold=True, align="c")
    pen.text(PAGE_W / 2, 64, f"{rng.choice(STREETS)} - {rng.choice(CITIES)}", f, 9, align="c")
    y = 110.0
    pen.text(72, y, fmt_date(dt.date(2026, rng.randint(1, 11), rng.randint(1, 28)), "long"), f, 10.5)
    y += 30
    client = person(rng)
    for ln in [name_fl(client), rng.choice(STREETS), rng.choice(CITIES)]:
        pen.text(72, y, ln, f, 10.5)
        y += 13
    y += 16
    rn = receipt_no(rng, rng.choice(["WAC", "EAC", "IOE"]), 2026)
    pen.text(72, y, f"Re: Your Form I-797A, Notice of Action - Receipt Number {rn}", f, 10.5, bold=True)
    y += 26
    paras = [f"Dear {client[0]}:",
             "Enclosed please find the original Form I-797A, Notice of Action, that we received from U.S. "
             "Citizenship and Immigration Services on your behalf. The approval notice includes your new Form I-94 "
             "record at the bottom of the page; please keep it with your passport.",
             f"We have kept a copy for our file. Should USCIS send a request for evidence or any other notice about "
             f"receipt number {rn}, we will contact you right away.",
             "Please call our office if you have any questions.", "Very truly yours,", name_fl(person(rng)),
             "Enclosure: Form I-797A (original)"]
    paragraphs(pen, paras, 72, y, f, 10.5, PAGE_W - 144)


def nonnotice_invoice(pen: Pen, rng: random.Random) -> None:
    f = rng.choice(["LiberationSans", "Carlito"])
    firm = rng.choice(FIRMS)
    pen.text(40, 50, firm, f, 14, bold=True)
    pen.text(PAGE_W - 40, 50, "INVOICE", f, 20, bold=True, align="r")
    pen.text(PAGE_W - 40, 68, f"No. {rng.randint(20000, 29999)}", f, 10, align="r")
    y = 110.0
    client = rng.choice(COMPANIES)
    pen.text(40, y, "Bill to: " + client, f, 10)
    y += 14
    rn = receipt_no(rng, "WAC", 2026)
    pen.text(40, y, f"Matter: H-1B petition, Form I-129 (USCIS receipt {rn})", f, 10)
    y += 30
    pen.rect(40, y, 532, 16, fill=0.85)
    pen.text(46, y + 11, "Description", f, 9, bold=True)
    pen.text(566, y + 11, "Amount", f, 9, bold=True, align="r")
    y += 30
    rows = [("Professional fees: preparation of Form I-129 and supporting letter", "$3,500.00"),
            ("USCIS filing fee, Form I-129 (advanced)", "$780.00"),
            ("Asylum Program Fee (advanced)", "$600.00"),
            ("Premium processing fee, Form I-907 (advanced)", "$2,805.00"),
            ("Courier and copies", "$64.50")]
    for d, a in rows:
        pen.text(46, y, d, f, 9.5)
        pen.text(566, y, a, f, 9.5, align="r")
        y += 16
    pen.line(40, y, 572, y)
    pen.text(566, y + 16, "Total due: $7,749.50", f, 10, bold=True, align="r")
    pen.text(40, y + 60, "USCIS issued the I-797C receipt notices for the petition and the I-907 request; copies are "
             "enclosed.", f, 9)
    pen.text(40, y + 74, "Payment due within 30 days. Thank you for your business.", f, 9)


def nonnotice_i94(rng: random.Random) -> str:
    """A printout of an arrival record from the border agency's website: an I-94 number, a class and a date,
    but not a USCIS notice."""
    who = person(rng)
    number = f"{rng.randint(100000000, 999999999)}{rng.randint(10, 99)}"
    entry = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
    until = dt.date(entry.year + 3, entry.month, entry.day)
    rows = [("Admission I-94 Record Number", number), ("Most Recent Date of Entry", fmt_date(entry, "long")),
            ("Class of Admission", rng.choice(["H1B", "L1A", "F1", "B2"])),
            ("Admit Until Date", fmt_date(until, "us")),
            ("Last/Surname", who[2].upper()), ("First (Given) Name", who[0].upper()),
            ("Birth Date", f"{rng.randint(1970, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
            ("Document Number", f"{rng.choice('KXPM')}{rng.randint(1000000, 9999999)}"),
            ("Country of Citizenship", rng.choice(["Kenya", "Poland", "India", "Brazil", "Viet Nam"]))]
    table = "".join(f"<tr><th>{html.escape(a)}:</th><td>{html.escape(b)}</td></tr>" for a, b in rows)
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: 'Liberation Sans'; font-size: 10.5pt; margin: 34px; }} h1 {{ font-size: 16pt; }}
th {{ text-align: right; padding: 4px 10px; color: #333; font-weight: normal; }} td {{ font-weight: bold; }}
.note {{ font-size: 8.5pt; color: #444; margin-top: 24px; }}</style></head><body>
<p>Official Website of the Department of Homeland Security</p>
<h1>I-94 Official Website - Get Most Recent I-94</h1>
<h2 style="font-size: 13pt">Most Recent I-94</h2><table>{table}</table>
<p class="note">If USCIS approves an extension or change of status, the new I-94
record is printed at the bottom of the Form I-797A approval notice; that record replaces this one.</p>
<p class="note">Printed from the website for the client file. Get Travel History for earlier entries.</p>
</body></html>"""


def nonnotice_email(rng: random.Random) -> str:
    client = person(rng)
    rn = receipt_no(rng, "IOE", 2026)
    d = fmt_date(dt.date(2026, rng.randint(1, 11), rng.randint(1, 28)), "day")
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ font-family: 'DejaVu Sans'; font-size: 10pt; margin: 30px; }} .h td {{ padding: 2px 8px 2px 0; }}
.q {{ border-left: 3px solid #aaa; padding-left: 10px; color: #333; }}</style></head><body>
<table class="h"><tr><td><b>From:</b></td>
<td>Case Updates &lt;updates@{html.escape(rng.choice(FIRMS).split()[0].lower())}-law.example&gt;</td></tr>
<tr><td><b>To:</b></td><td>{html.escape(name_fl(client))}</td></tr><tr><td><b>Sent:</b></td><td>{d}</td></tr>
<tr><td><b>Subject:</b></td><td>Case status update - Receipt Number {rn}</td></tr></table><hr>
<p>Hello {html.escape(client[0])},</p>
<p>We checked the USCIS online case status for your Form I-485 today. It reads:</p>
<div class="q"><p><b>Fingerprint Fee Was Received</b></p><p>On {d}, we received your biometrics fee for your
Form I-485, Application to Register Permanent Residence or Adjust Status, Receipt Number {rn}, and we mailed you a
receipt notice. We will mail you an appointment notice (Form I-797C) with the date, time and place.</p></div>
<p>No action is needed from you. When the appointment notice arrives, please send us a scan of it.</p>
<p>Best regards,<br>Paralegal team</p></body></html>"""


# ---------------------------------------------------------------------------------------------------------
# Pieces (one producer's PDF each) and files (pieces merged, then printed, scanned or photographed).

PEN_FAMILIES: dict[str, Callable[..., None]] = {
    "ledger": fam_ledger, "sidebar": fam_sidebar, "colon": fam_colon, "stub": fam_stub, "memo": fam_memo,
    "asc": fam_asc}


@dataclass
class Piece:
    producer: str  # reportlab fpdf2 chromium libreoffice
    family: str  # a family name, or a non-notice: cover invoice email
    notices: list[Notice]
    pdf: Path | None = None
    pages: int = 0


@dataclass
class FileSpec:
    name: str
    medium: str  # text-pdf scan-pdf mixed-pdf image
    pieces: list[Piece]
    label: str
    effect: str = "none"  # office fax photo
    dpi: int = 0
    scanned: set[int] = field(default_factory=set)  # mixed: which pieces were scanned
    duplex: bool = False
    turn: dict[int, int] = field(default_factory=dict)  # source page (1-based) -> degrees the page is turned
    marks: list[str] = field(default_factory=list)  # stamp note staple
    fmt: str = "pdf"


def fix_dates(data: bytes) -> bytes:
    """Pins creation and modification dates and document ids (same lengths: the xref stays right)."""
    data = re.sub(rb"D:\d{14}([+\-Z][0-9']*)?", lambda m: b"D:20260105090000" + m.group(0)[16:], data)
    data = re.sub(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)", b"2026-01-05T09:00:00", data)
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
                  lambda m: m.group(0).replace(m.group(1), b"A" * len(m.group(1))).replace(m.group(2),
                                                                                         b"B" * len(m.group(2))),
                  data)
    data = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + b"0" * 32, data)
    data = re.sub(rb"uuid:[0-9a-fA-F\-]{36}", b"uuid:00000000-0000-0000-0000-000000000000", data)
    return data


def build_pen_piece(piece: Piece, rng: random.Random, path: Path) -> None:
    pen: Pen = ReportlabPen() if piece.producer == "reportlab" else FpdfPen()
    if piece.family == "cover":
        nonnotice_cover(pen, rng)
    elif piece.family == "invoice":
        nonnotice_invoice(pen, rng)
    elif piece.family == "stub" and len(piece.notices) == 2:  # two half-sheet notices on one sheet
        for n, top in zip(piece.notices, (0.0, 396.0), strict=True):
            n.family = "stub"
            fam_stub(pen, n, rng, top)
            n.pages = [1]
        pen.line(18, 396, PAGE_W - 18, 396, 0.5, 0.5, dash=True)
    else:
        for i, n in enumerate(piece.notices):
            if i:
                pen.next_page()
            first = pen.page_no
            n.family = piece.family
            PEN_FAMILIES[piece.family](pen, n, rng)
            if n.extra.get("back"):
                back_page(pen, n, rng, rng.choice(["LiberationSans", "DejaVuSerif"]))
            n.pages = list(range(first, pen.page_no + 1))
    pen.save(path)
    path.write_bytes(fix_dates(path.read_bytes()))


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def convert_html(jobs: list[tuple[str, Path]]) -> None:
    if not jobs:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for markup, out in jobs:
            page.set_content(markup, wait_until="load")
            page.pdf(path=str(out), format="Letter", prefer_css_page_size=True, print_background=True)
            out.write_bytes(fix_dates(out.read_bytes()))
        browser.close()


def convert_docx(paths: list[Path], work: Path) -> None:
    if not paths:
        return
    profile = work / "lo-profile"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
           "--outdir", str(paths[0].parent), *map(str, paths)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    for p in paths:
        out = p.with_suffix(".pdf")
        if not out.exists():
            raise SystemExit(f"LibreOffice did not convert {p.name}")
        out.write_bytes(fix_dates(out.read_bytes()))


def merge(paths: list[Path], out: Path) -> None:
    from pypdf import PdfWriter

    if len(paths) == 1:
        shutil.copyfile(paths[0], out)
        return
    writer = PdfWriter()
    for p in paths:
        writer.append(str(p))
    writer.add_metadata({"/Producer": "pypdf"})
    with out.open("wb") as fh:
        writer.write(fh)
    out.write_bytes(fix_dates(out.read_bytes()))


# ---------------------------------------------------------------------------------------------------------
# The truth check: every printed text is in the source PDF's text layer, on the notice's pages.


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u2022", " ").split())


def verify(path: Path, notices: list[Notice], label: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    texts = [_norm(p.extract_text() or "") for p in reader.pages]
    for n in notices:
        where = " ".join(texts[i - 1] for i in n.pages)
        for name, parts in n.shown.items():
            for part in parts:
                if _norm(part) not in where:
                    if os.environ.get("SET7_DEBUG"):
                        print(where, file=sys.stderr)
                    raise TruthError(f"{label}: {name} printed as {part!r} is not in the text layer of pages "
                                     f"{n.pages} of {path.name}")
        truth = n.truth()
        checks = {k: truth[k] for k in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to",
                                        "response_due") if truth[k]}
        for k, value in checks.items():  # each printed date says the true date
            d = dt.date.fromisoformat(value)
            if not any(n.shown[k][0] == fmt_date(d, s) for s in ("us", "long", "abbr", "upper", "dash", "day",
                                                                  "short")):
                raise TruthError(f"{label}: {k} printed as {n.shown[k][0]!r} does not say {value}")
        if truth["a_number"] and "".join(ch for ch in n.shown["a_number"][0] if ch.isdigit()).rjust(9, "0") != \
                truth["a_number"]:
            raise TruthError(f"{label}: a_number printed as {n.shown['a_number'][0]!r} is not {truth['a_number']}")
        if truth["receipt_number"] and "".join(ch for ch in n.shown["receipt_number"][0] if ch.isalnum()) != \
                truth["receipt_number"]:
            raise TruthError(f"{label}: receipt number printed as {n.shown['receipt_number'][0]!r}")


# ---------------------------------------------------------------------------------------------------------
# Paper: rendering, marks people leave on mail, scanners, faxes and phone cameras. All stays readable.


def render(path: Path, dpi: int) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    out = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    return out


NOTES = ["calendared - atty to review", "copy to client", "scan to file pls", "orig. in red folder",
         "FYI - call client re: this", "entered in docket", "check fee?", "rec'd by mail"]


def add_marks(img: Image.Image, marks: list[str], rng: random.Random, dpi: int) -> Image.Image:
    """A RECEIVED date stamp, a handwritten note (both in the bottom band), a staple at the top left."""
    k = dpi / 72
    img = img.copy()
    if "stamp" in marks or "stamp-mid" in marks:
        layer = Image.new("RGB", (int(230 * k), int(64 * k)), "white")
        d = ImageDraw.Draw(layer)
        color = rng.choice([(190, 30, 45), (110, 40, 150), (30, 60, 170)])
        big = ImageFont.truetype(font_path("DejaVuSans-Bold.ttf"), int(17 * k))
        small = ImageFont.truetype(font_path("DejaVuSans-Bold.ttf"), int(9 * k))
        d.rectangle([2, 2, layer.width - 3, layer.height - 3], outline=color, width=max(2, int(2 * k)))
        d.text((layer.width / 2, 18 * k), "RECEIVED", fill=color, font=big, anchor="mm")
        when = dt.date(2026, rng.randint(1, 11), rng.randint(1, 28))
        d.text((layer.width / 2, 37 * k), fmt_date(when, "upper"), fill=color, font=small, anchor="mm")
        d.text((layer.width / 2, 51 * k), rng.choice(["MAILROOM", "LEGAL DEPT.", "DOCKETING"]), fill=color,
               font=small, anchor="mm")
        layer = layer.rotate(rng.uniform(-9, 9), expand=True, fillcolor="white", resample=Image.BICUBIC)
        box = (int(rng.uniform(335, 345) * k), int(rng.uniform(694, 700) * k)) if "stamp" in marks else \
            (int(rng.uniform(380, 392) * k), int(rng.uniform(455, 470) * k))
        region = img.crop((box[0], box[1], box[0] + layer.width, box[1] + layer.height))
        img.paste(ImageChops.multiply(region, layer), box)
    if "note" in marks:
        hand = ImageFont.truetype(font_path(rng.choice(HAND_FONTS)), int(rng.uniform(13, 16) * k))
        layer = Image.new("RGB", (int(280 * k), int(60 * k)), "white")
        d = ImageDraw.Draw(layer)
        ink = rng.choice([(25, 45, 150), (20, 20, 30), (30, 80, 60)])
        text = rng.choice(NOTES)
        d.text((6 * k, 8 * k), text, fill=ink, font=hand)
        w = d.textlength(text, font=hand)
        d.line([(6 * k, 30 * k), (6 * k + w, 28 * k)], fill=ink, width=max(1, int(1.3 * k)))
        d.text((6 * k, 34 * k), rng.choice(["- M.", "JT", "ok", "-> AR"]), fill=ink, font=hand)
        layer = layer.rotate(rng.uniform(-5, 4), expand=True, fillcolor="white", resample=Image.BICUBIC)
        box = (int(40 * k), int(rng.uniform(696, 704) * k))
        region = img.crop((box[0], box[1], box[0] + layer.width, box[1] + layer.height))
        img.paste(ImageChops.multiply(region, layer), box)
    if "staple" in marks:
        d = ImageDraw.Draw(img)
        x, y = 14 * k, 16 * k
        d.line([(x, y), (x + 26 * k, y - 7 * k)], fill=(90, 90, 95), width=max(2, int(1.6 * k)))
    if "punch" in marks:  # a two-hole punch in the top margin: the scanner lid shows through, dark
        d = ImageDraw.Draw(img)
        for cx in (PAGE_W / 2 - 108, PAGE_W / 2 + 108):
            r = 9 * k
            cy = rng.uniform(13, 16) * k
            d.ellipse([cx * k - r, cy - r, cx * k + r, cy + r], fill=(38, 38, 40))
    if "fold" in marks:  # a letter folded in three for the envelope: two soft creases
        a = np.asarray(img, dtype=np.float32)
        h = a.shape[0]
        rows = np.arange(h, dtype=np.float32)[:, None, None]
        for third in (1 / 3, 2 / 3):
            y0 = (third + rng.uniform(-0.01, 0.01)) * h
            soft = np.exp(-(((rows - y0) / (5 * k)) ** 2))
            sharp = np.exp(-(((rows - y0) / (0.5 * k)) ** 2))
            shade = 1.0 - 0.10 * soft - 0.22 * sharp
            a = a * shade
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    if "coffee" in marks:  # a cup ring in the bottom band
        layer = Image.new("RGB", img.size, "white")
        d = ImageDraw.Draw(layer)
        cx, cy, r = rng.uniform(200, 420) * k, rng.uniform(728, 745) * k, 34 * k
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(196, 160, 118), width=max(2, int(2.2 * k)))
        d.ellipse([cx - r + 3 * k, cy - r + 2 * k, cx + r - 2 * k, cy + r - 3 * k], outline=(225, 205, 180),
                  width=max(1, int(1.2 * k)))
        img = ImageChops.multiply(img, layer.filter(ImageFilter.GaussianBlur(0.8 * k)))
    return img


def _blur(img: Image.Image, radius: float) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(radius)) if radius > 0.05 else img


def scanner(img: Image.Image, rng: random.Random, dpi: int, strength: float, color: bool = False) -> Image.Image:
    """Office scan, grey or colour: paper tone, soft toner, uneven lamp, skew, noise, specks (strength 0-1)."""
    g = img if color else ImageOps.grayscale(img)
    g = _blur(g, rng.uniform(0.3, 0.5 + 0.6 * strength) * dpi / 200)
    a = np.asarray(g, dtype=np.float32) / 255.0
    ink = 1.0 - a
    level = rng.uniform(222, 246)
    paper: Any = np.array([level, level - rng.uniform(0, 5), level - rng.uniform(4, 16)], dtype=np.float32) \
        if color else level
    black = rng.uniform(18, 45 + 40 * strength)
    out = paper - ink * (paper - black)
    h, w = out.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lamp = 1.0 - rng.uniform(0.02, 0.05 + 0.08 * strength) * ((xx / w - rng.uniform(0, 1)) ** 2
                                                             + (yy / h - rng.uniform(0, 1)) ** 2)
    out = out * (lamp[..., None] if color else lamp)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    out += nrng.normal(0, 3 + 6 * strength, out.shape)
    specks = int(200 + 1500 * strength)
    ys = nrng.integers(0, h, specks)
    xs = nrng.integers(0, w, specks)
    dots = nrng.uniform(40, 140, specks)
    out[ys, xs] = dots[:, None] if color else dots
    res = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB" if color else "L")
    angle = rng.uniform(-1.6, 1.6) * (0.4 + strength)
    fill: Any = (int(level * 0.9),) * 3 if color else int(level * 0.9)
    return res.rotate(angle, resample=Image.BICUBIC, fillcolor=fill, expand=False)


def fax(img: Image.Image, rng: random.Random, dpi: int, standard: bool = False) -> Image.Image:
    """A fax: 200 dpi (200 x 100 in standard mode), bilevel, a little skew, streaks, specks, the sending
    machine's header line."""
    g = ImageOps.grayscale(img)
    g = g.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=255)
    if dpi != 200:
        g = g.resize((int(g.width * 200 / dpi), int(g.height * 200 / dpi)), Image.LANCZOS)
    d = ImageDraw.Draw(g)
    hdr = ImageFont.truetype(font_path("DejaVuSansMono.ttf"), 22)
    stamp = f"{rng.randint(10, 12)}/0{rng.randint(1, 9)}/2026 {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    d.text((40, 12), stamp +
           f"  FROM: {rng.choice(FIRMS)[:24].upper()}   P. 00{rng.randint(1, 3)}", fill=0, font=hdr)
    g = _blur(g, 0.7)
    if standard:
        g = g.resize((g.width, g.height // 2), Image.BILINEAR)
    a = np.asarray(g, dtype=np.float32)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = a + nrng.normal(0, 30, a.shape)
    rows = nrng.integers(int(a.shape[0] * BOTTOM / PAGE_H) + 4, a.shape[0] - 10, rng.randint(1, 3))
    for row in rows:  # a dirty line on the scan bar (in the bottom band, away from the values)
        a[row: row + int(nrng.integers(1, 3)), :] -= nrng.uniform(60, 140)
    out = Image.fromarray(((a > rng.uniform(135, 165)) * 255).astype(np.uint8), "L").convert("1")
    out.info["dpi_xy"] = (200, 100) if standard else (200, 200)
    return out


def blank_back(front: Image.Image, rng: random.Random) -> Image.Image:
    """The empty back of a duplex scan: paper, noise, a faint show-through of the front."""
    g = ImageOps.grayscale(front).transpose(Image.FLIP_LEFT_RIGHT)
    a = np.asarray(g, dtype=np.float32)
    out = 240 - (255 - a) * 0.04
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    out += nrng.normal(0, 2.5, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L")


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float))]


def photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of the sheet on a desk: perspective, a wood or laminate desk, warm uneven light."""
    w, h = img.size
    cw, ch = int(w * 1.22), int(h * 1.16)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    yy, xx = np.mgrid[0:ch, 0:cw].astype(np.float32)
    base = np.array(rng.choice([(120, 82, 50), (150, 110, 70), (95, 95, 100), (175, 165, 150)]), dtype=np.float32)
    rough = np.asarray(Image.fromarray(nrng.integers(0, 255, (ch // 40 + 2, cw // 8 + 2)).astype(np.uint8))
                       .resize((cw, ch), Image.BICUBIC), dtype=np.float32) / 255.0
    grain = 0.82 + 0.08 * np.sin(yy / rng.uniform(6, 14) + 5 * rough + 2 * np.sin(xx / rng.uniform(150, 400))) \
        + 0.08 * rough
    desk = base[None, None, :] * grain[..., None] + nrng.normal(0, 4, (ch, cw, 1))
    canvas = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8), "RGB")
    mx, my = (cw - w) / 2, (ch - h) / 2
    turn = math.radians(rng.uniform(-4, 4))
    j = [(rng.uniform(-0.05, 0.05) * w + (y0 - 0.5) * h * math.sin(turn),
          rng.uniform(-0.04, 0.04) * h - (x0 - 0.5) * w * math.sin(turn))
         for x0, y0 in ((0, 0), (1, 0), (1, 1), (0, 1))]
    quad = [(mx + j[0][0], my + j[0][1]), (mx + w + j[1][0], my + j[1][1]),
            (mx + w + j[2][0], my + h + j[2][1]), (mx + j[3][0], my + h + j[3][1])]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    coeffs = _perspective_coeffs(quad, src)
    sheet = img.transform((cw, ch), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", (w, h), 255).transform((cw, ch), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=0)
    shadow = mask.filter(ImageFilter.GaussianBlur(14))
    canvas = Image.composite(Image.new("RGB", canvas.size, (30, 25, 20)), canvas,
                             shadow.point(lambda v: int(v * 0.5)))
    canvas.paste(sheet, (0, 0), mask)
    a = np.asarray(canvas, dtype=np.float32)
    cx, cy = rng.uniform(0.3, 0.7) * cw, rng.uniform(0.2, 0.6) * ch
    r = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(cw, ch)
    light = 1.05 - rng.uniform(0.25, 0.4) * r ** 1.5
    tint = np.array([1.0, rng.uniform(0.93, 0.97), rng.uniform(0.82, 0.9)], dtype=np.float32)
    if rng.random() < 0.5:  # the phone's (or the hand's) soft shadow across one corner
        sx, sy = rng.choice([(0.0, 1.0), (1.0, 1.0), (1.0, 0.0)])
        dist = np.sqrt(((xx / cw) - sx) ** 2 + ((yy / ch) - sy) ** 2)
        light = light * (1.0 - 0.28 * np.clip((0.55 - dist) / 0.15, 0.0, 1.0))
    a = a * light[..., None] * tint[None, None, :] + nrng.normal(0, 3.5, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    return _blur(out, rng.uniform(0.4, 0.9))


# ---------------------------------------------------------------------------------------------------------
# Writing a file.


def _img2pdf(images: list[Image.Image], dpi: int, rng: random.Random, quality: int) -> bytes:
    import img2pdf

    blobs = []
    for im in images:
        buf = io.BytesIO()
        if im.mode == "1":
            im.save(buf, format="TIFF", compression="group4", dpi=im.info.get("dpi_xy", (200, 200)))
        else:
            im.save(buf, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
        blobs.append(buf.getvalue())
    return fix_dates(img2pdf.convert(blobs, creationdate=dt.datetime(2026, 1, 5, 9, 0, 0),
                                     moddate=dt.datetime(2026, 1, 5, 9, 0, 0)))


def degrade_pages(spec: FileSpec, src: Path, rng: random.Random, only: set[int] | None = None
                  ) -> tuple[list[Image.Image], list[list[int]]]:
    """Scanned page images and, per source page, the output pages it became (its blank back is not one)."""
    pages = render(src, spec.dpi)
    out: list[Image.Image] = []
    where: list[list[int]] = []
    strength = rng.uniform(0.2, 0.8)
    color = spec.fmt in ("pdf", "jpg") and rng.random() < 0.3
    for i, page in enumerate(pages, 1):
        if only is not None and i not in only:
            where.append([])
            continue
        every = {"staple", "fold", "punch"}
        page = add_marks(page, spec.marks if i == 1 else [m for m in spec.marks if m in every], rng, spec.dpi)
        if spec.effect in ("fax", "fax-standard"):
            im = fax(page, rng, spec.dpi, spec.effect == "fax-standard")
        elif spec.effect == "photo":
            im = photo(page, rng)
        else:
            im = scanner(page, rng, spec.dpi, strength, color)
        turn = spec.turn.get(i, 0)
        if turn:
            im = im.rotate(turn, expand=True)
        out.append(im)
        where.append([len(out)])
        if spec.duplex:
            out.append(blank_back(page, rng) if not spec.effect.startswith("fax") else Image.new("1", im.size, 1))
    return out, where


def write_file(spec: FileSpec, folder: Path, work: Path, rng: random.Random) -> dict[str, Any]:
    src = work / f"{spec.name}.src.pdf"
    merge([p.pdf for p in spec.pieces if p.pdf], src)
    offset = 0
    notices: list[Notice] = []
    piece_pages: list[list[int]] = []
    for piece in spec.pieces:
        piece_pages.append(list(range(offset + 1, offset + piece.pages + 1)))
        for n in piece.notices:
            n.pages = [p + offset for p in n.pages]
            notices.append(n)
        offset += piece.pages
    verify(src, notices, spec.name)
    total = offset
    mapping = {p: [p] for p in range(1, total + 1)}
    out = folder / spec.name
    quality = rng.randint(45, 80)
    if spec.medium == "text-pdf":
        shutil.copyfile(src, out)
        n_pages = total
    elif spec.medium == "scan-pdf":
        images, where = degrade_pages(spec, src, rng)
        out.write_bytes(_img2pdf(images, spec.dpi, rng, quality))
        mapping = {i + 1: w for i, w in enumerate(where)}
        n_pages = len(images)
    elif spec.medium == "mixed-pdf":
        from pypdf import PdfReader, PdfWriter

        scanned_src = {p for i in spec.scanned for p in piece_pages[i]}
        images, where = degrade_pages(spec, src, rng, only=scanned_src)
        scan_pdf = PdfReader(io.BytesIO(_img2pdf(images, spec.dpi, rng, quality)))
        reader = PdfReader(str(src))
        writer = PdfWriter()
        mapping = {}
        for p in range(1, total + 1):
            if p in scanned_src:
                for k in where[p - 1]:
                    writer.add_page(scan_pdf.pages[k - 1])
                    mapping[p] = [len(writer.pages)]
                    if spec.duplex:
                        writer.add_page(scan_pdf.pages[k])
            else:
                writer.add_page(reader.pages[p - 1])
                mapping[p] = [len(writer.pages)]
        writer.add_metadata({"/Producer": "Mailroom batch"})
        buf = io.BytesIO()
        writer.write(buf)
        out.write_bytes(fix_dates(buf.getvalue()))
        n_pages = len(writer.pages)
    else:
        images, where = degrade_pages(spec, src, rng)
        mapping = {i + 1: w for i, w in enumerate(where)}
        n_pages = len(images)
        if spec.fmt == "tif":
            if images[0].mode == "1":
                images[0].save(out, format="TIFF", compression="group4", save_all=True, append_images=images[1:],
                               dpi=(200, 200))
            else:
                images = [ImageOps.grayscale(im) for im in images]
                images[0].save(out, format="TIFF", compression="tiff_lzw", save_all=True, append_images=images[1:],
                               dpi=(spec.dpi, spec.dpi))
        elif spec.fmt == "png":
            images[0].save(out, format="PNG", dpi=(spec.dpi, spec.dpi))
        else:
            images[0].convert("RGB").save(out, format="JPEG", quality=rng.randint(78, 90),
                                          dpi=(spec.dpi, spec.dpi))
    for n in notices:
        n.pages = sorted({q for p in n.pages for q in mapping[p]})
    out.chmod(0o600)
    return {
        "medium": spec.medium,
        "format": spec.fmt if spec.medium == "image" else "pdf",
        "effect": spec.effect + (" duplex" if spec.duplex else "") + "".join(f" {m}" for m in spec.marks)
        + "".join(f" turned{d}" for d in sorted(set(spec.turn.values()))),
        "dpi": spec.dpi or None,
        "pages": n_pages,
        "label": spec.label,
        "producers": sorted({p.producer for p in spec.pieces}),
        "notices": [n.truth() for n in notices],
    }


# ---------------------------------------------------------------------------------------------------------
# The catalogue: what files the set holds (the shape is fixed; names, numbers and dates come from the seed).


def catalogue(rng: random.Random) -> list[FileSpec]:
    specs: list[FileSpec] = []

    def N(kind: str, form: str, **over: Any) -> Notice:
        return make_notice(rng, kind, form, **over)

    def P(producer: str, family: str, *notices: Notice) -> Piece:
        return Piece({"rl": "reportlab", "fp": "fpdf2", "html": "chromium", "lo": "libreoffice"}[producer], family,
                     list(notices))

    def add(medium: str, label: str, *pieces: Piece, **kw: Any) -> None:
        fmt = kw.pop("fmt", "pdf")
        ext = {"pdf": "pdf", "jpg": "jpg", "png": "png", "tif": "tif"}[fmt]
        name = f"{len(specs) + 1:02d}-{medium.split('-')[0]}.{ext}"
        specs.append(FileSpec(name, medium, list(pieces), label, fmt=fmt, **kw))

    def trio(prefix_form: str = "I-129") -> list[Notice]:
        """A receipt, its I-907 receipt and the approval: one receipt number."""
        first = N("receipt", prefix_form)
        same = {"receipt_number": first.values["receipt_number"], "company": first.extra["company"],
                "ben_person": first.extra["ben_person"], "received": first.values["received_date"]}
        prem = N("receipt", "I-907", notice_date=first.values["notice_date"], **same)
        appr = N("approval", prefix_form, i94=rng.random() < 0.6, **same)
        return [first, prem, appr]

    def family_of(forms: list[str], kinds: list[str]) -> list[Notice]:
        """One applicant's notices: consecutive receipt numbers, one A-Number."""
        who = person(rng)
        anum = a_number(rng)
        base = N("receipt", forms[0], app_person=who, a_number=anum, with_anum=True)
        rn = base.values["receipt_number"]
        out = [base]
        for i, (form, kind) in enumerate(zip(forms[1:], kinds[1:], strict=True), 1):
            over: dict[str, Any] = {"app_person": who, "a_number": anum, "with_anum": True,
                                    "receipt_number": f"{rn[:8]}{int(rn[8:]) + i:05d}"[:13],
                                    "received": base.values["received_date"]}
            if kind == "receipt":
                over["notice_date"] = base.values["notice_date"]
            out.append(N(kind, form, **over))
        return out

    # Text PDFs.
    add("text-pdf", "I-129 receipt with its printed back, ledger", P("rl", "ledger", N("receipt", "I-129", back=True)))
    add("text-pdf", "I-797A I-129 approval, ledger", P("fp", "ledger", N("approval", "I-129", i94=True)))
    add("text-pdf", "I-485 receipt, sidebar", P("rl", "sidebar", N("receipt", "I-485")))
    add("text-pdf", "I-765 biometrics, sidebar", P("fp", "sidebar", N("biometrics", "I-765")))
    add("text-pdf", "I-140 receipt, colon", P("fp", "colon", N("receipt", "I-140")))
    add("text-pdf", "I-140 approval, colon", P("fp", "colon", N("approval", "I-140")))
    add("text-pdf", "I-765 receipt, portal", P("html", "portal", N("receipt", "I-765")))
    add("text-pdf", "I-129 RFE, portal", P("html", "portal", N("rfe", "I-129")))
    add("text-pdf", "I-539 I-797A approval, portal", P("html", "portal", N("approval", "I-539", i94=True)))
    add("text-pdf", "N-400 receipt, leaders", P("lo", "leaders", N("receipt", "N-400")))
    add("text-pdf", "I-130 transfer, leaders", P("lo", "leaders", N("transfer", "I-130")))
    add("text-pdf", "I-130 approval, leaders", P("lo", "leaders", N("approval", "I-130")))
    add("text-pdf", "I-140 NOID, memo", P("rl", "memo", N("noid", "I-140")))
    add("text-pdf", "I-485 denial, memo", P("fp", "memo", N("denial", "I-485")))
    add("text-pdf", "I-129 NOIR, memo", P("rl", "memo", N("noir", "I-129")))
    add("text-pdf", "I-485 biometrics, asc", P("rl", "asc", N("biometrics", "I-485")))
    add("text-pdf", "N-400 biometrics, asc", P("fp", "asc", N("biometrics", "N-400")))
    add("text-pdf", "two half-sheet receipts for one person", P("rl", "stub", *family_of(["I-485", "I-765"],
                                                                                        ["receipt", "receipt"])))
    add("text-pdf", "I-129 receipt, I-907 receipt, approval: one receipt number",
        P("rl", "ledger", *trio()))
    fam = family_of(["I-485", "I-131", "I-485"], ["receipt", "receipt", "biometrics"])
    add("text-pdf", "one applicant: receipts and biometrics, three producers",
        P("html", "portal", fam[0]), P("rl", "sidebar", fam[1]), P("fp", "asc", fam[2]))
    add("text-pdf", "I-90 rejection, colon", P("rl", "colon", N("rejection", "I-90", with_fee=False)))
    add("text-pdf", "I-140 RFE two pages, ledger", P("rl", "ledger", N("rfe", "I-140")))
    add("text-pdf", "not a notice: cover letter quoting an I-797A", P("rl", "cover"))
    add("text-pdf", "I-751 transfer, sidebar", P("fp", "sidebar", N("transfer", "I-751")))
    add("text-pdf", "not a notice: an I-94 record printed from the web", P("html", "i94"))
    # Scanned PDFs.
    add("scan-pdf", "I-130 receipt and its printed back, ledger, stamped",
        P("rl", "ledger", N("receipt", "I-130", back=True)), dpi=300,
        effect="office", marks=["stamp"])
    add("scan-pdf", "I-129 approval, sidebar, note, folded", P("rl", "sidebar", N("approval", "I-129")), dpi=200,
        effect="office", marks=["note", "fold"])
    add("scan-pdf", "I-765 RFE, colon, duplex", P("fp", "colon", N("rfe", "I-765")), dpi=200, effect="office",
        duplex=True)
    add("scan-pdf", "I-129 NOID, memo, stapled, folded, punched", P("rl", "memo", N("noid", "I-129")), dpi=200,
        effect="office", marks=["staple", "fold", "punch"])
    add("scan-pdf", "I-539 biometrics, asc, standard-mode fax", P("rl", "asc", N("biometrics", "I-539")), dpi=200,
        effect="fax-standard")
    add("scan-pdf", "I-907 receipt, portal", P("html", "portal", trio()[1]), dpi=200, effect="office")
    add("scan-pdf", "I-601A receipt, leaders, upside down", P("lo", "leaders", N("receipt", "I-601A")), dpi=300,
        effect="office", turn={1: 180})
    add("scan-pdf", "two half-sheet notices on one page", P("fp", "stub", N("receipt", "I-129F"),
                                                            N("receipt", "I-130")), dpi=250, effect="office")
    add("scan-pdf", "I-539 I-797A approval, ledger, sideways", P("rl", "ledger", N("approval", "I-539", i94=True)),
        dpi=200, effect="office", turn={1: 90})
    add("scan-pdf", "I-129 denial, memo, stamp and note", P("fp", "memo", N("denial", "I-129")), dpi=300,
        effect="office", marks=["stamp-mid", "note"])
    add("scan-pdf", "receipt, I-907 receipt, approval: duplex, stamped", P("fp", "ledger", *trio()), dpi=200,
        effect="office", duplex=True, marks=["stamp"])
    add("scan-pdf", "I-821D receipt, sidebar, fax", P("rl", "sidebar", N("receipt", "I-821D")), dpi=200,
        effect="fax")
    add("scan-pdf", "I-90 biometrics, colon, folded", P("fp", "colon", N("biometrics", "I-90")), dpi=300,
        effect="office", marks=["fold"])
    add("scan-pdf", "I-485 transfer, portal", P("html", "portal", N("transfer", "I-485")), dpi=200, effect="office")
    add("scan-pdf", "N-400 receipt, ledger, upside down, stapled", P("rl", "ledger", N("receipt", "N-400")),
        dpi=200, effect="office", turn={1: 180}, marks=["staple", "stamp-mid"])
    first = N("receipt", "I-140")
    same = {"receipt_number": first.values["receipt_number"], "company": first.extra["company"],
            "ben_person": first.extra["ben_person"], "received": first.values["received_date"]}
    add("scan-pdf", "stapled batch: I-140 receipt, RFE, approval", P("rl", "sidebar", first),
        P("rl", "memo", N("rfe", "I-140", **same)), P("fp", "colon", N("approval", "I-140", **same)),
        dpi=200, effect="office", marks=["staple", "stamp", "punch"])
    add("scan-pdf", "not a notice: e-mail quoting a case status", P("html", "email"), dpi=200, effect="office")
    add("scan-pdf", "I-131 biometrics, asc, sideways", P("rl", "asc", N("biometrics", "I-131")), dpi=250,
        effect="office", turn={1: 270})
    add("scan-pdf", "I-539 receipt, half sheet, note", P("rl", "stub", N("receipt", "I-539")), dpi=200,
        effect="office", marks=["note"])
    add("scan-pdf", "I-129 RFE, leaders, 150 dpi, punched", P("lo", "leaders", N("rfe", "I-129")), dpi=150,
        effect="office", marks=["punch"])
    # Mixed batches.
    fam = family_of(["I-485", "I-485"], ["receipt", "biometrics"])
    add("mixed-pdf", "batch: printed receipt, scanned appointment, printed approval",
        P("rl", "ledger", fam[0]), P("rl", "asc", fam[1]), P("html", "portal", N("approval", "I-129")),
        dpi=200, effect="office", scanned={1})
    add("mixed-pdf", "batch: scanned NOID, printed receipt, scanned two-up",
        P("fp", "memo", N("noid", "I-130")), P("fp", "colon", N("receipt", "I-765")),
        P("rl", "stub", N("receipt", "I-131"), N("biometrics", "I-131")), dpi=250, effect="office",
        scanned={0, 2}, duplex=True)
    # Images.
    add("image", "I-765 receipt photographed, folded, cup ring", P("rl", "ledger", N("receipt", "I-765")), dpi=150,
        effect="photo", fmt="jpg", marks=["fold", "coffee"])
    add("image", "I-485 biometrics photographed, note", P("fp", "asc", N("biometrics", "I-485")), dpi=150,
        effect="photo", fmt="jpg", marks=["note"])
    add("image", "I-797A photographed", P("rl", "sidebar", N("approval", "I-129", i94=True)), dpi=150,
        effect="photo", fmt="jpg")
    add("image", "I-131 receipt, PNG scan sideways", P("fp", "colon", N("receipt", "I-131")), dpi=200,
        effect="office", fmt="png", turn={1: 90})
    add("image", "I-129F receipt, PNG scan, folded", P("html", "portal", N("receipt", "I-129F")), dpi=200,
        effect="office", fmt="png", marks=["fold"])
    add("image", "I-129 approval, G4 fax TIFF", P("lo", "leaders", N("approval", "I-129")), dpi=200, effect="fax",
        fmt="tif")
    add("image", "I-485 RFE letter, two-page TIFF", P("rl", "memo", N("rfe", "I-485")), dpi=200, effect="office",
        fmt="tif")
    add("image", "two half-sheet notices, JPEG scan", P("fp", "stub", N("biometrics", "I-765"),
                                                        N("receipt", "I-539")), dpi=200, effect="office", fmt="jpg")
    add("image", "I-130 transfer photographed sideways, folded", P("fp", "memo", N("transfer", "I-130")), dpi=150,
        effect="photo", fmt="jpg", turn={1: 90}, marks=["fold"])
    add("image", "not a notice: invoice photographed", P("rl", "invoice"), dpi=150, effect="photo", fmt="jpg")
    add("image", "I-751 approval, PNG scan, stamped", P("rl", "colon", N("approval", "I-751")), dpi=300,
        effect="office", fmt="png", marks=["stamp"])
    t = trio()
    add("image", "receipt and I-907 receipt, fax TIFF", P("rl", "ledger", t[0]), P("fp", "sidebar", t[1]),
        dpi=200, effect="fax", fmt="tif")
    return specs


# ---------------------------------------------------------------------------------------------------------
# Entry point.


def generate(folder: Path, seed: int = DEFAULT_SEED, only: set[str] | None = None) -> dict[str, Any]:
    """Writes the set into ``folder`` (created) and returns the truth it wrote to ``folder/truth.json``.

    ``only`` (file names) writes just those files, identical to the same files of the whole set (the test)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # fpdf2's font subsetter warns about font dates
    rng = random.Random(seed)
    specs = catalogue(rng)
    if only is not None:
        unknown = only - {s.name for s in specs}
        if unknown:
            raise ValueError(f"no such files in set 7: {sorted(unknown)}")
    chosen = [(si, spec) for si, spec in enumerate(specs) if only is None or spec.name in only]
    files: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="notice-eval7-") as tmp:
        work = Path(tmp)
        html_jobs: list[tuple[str, Path]] = []
        docx: list[Path] = []
        for si, spec in chosen:
            for pi, piece in enumerate(spec.pieces):
                prng = random.Random(f"{seed}-{si}-{pi}")
                stem = work / f"p{si:02d}-{pi}"
                if piece.producer in ("reportlab", "fpdf2"):
                    piece.pdf = stem.with_suffix(".pdf")
                    build_pen_piece(piece, prng, piece.pdf)
                elif piece.producer == "chromium":
                    piece.pdf = stem.with_suffix(".pdf")
                    if piece.family == "email":
                        html_jobs.append((nonnotice_email(prng), piece.pdf))
                    elif piece.family == "i94":
                        html_jobs.append((nonnotice_i94(prng), piece.pdf))
                    else:
                        for n in piece.notices:
                            n.family = "portal"
                        html_jobs.append((fam_portal(piece.notices[0], prng), piece.pdf))
                else:
                    src = stem.with_suffix(".docx")
                    for n in piece.notices:
                        n.family = "leaders"
                    fam_leaders(piece.notices[0], prng, src)
                    docx.append(src)
                    piece.pdf = stem.with_suffix(".pdf")
        convert_html(html_jobs)
        convert_docx(docx, work)
        for _, spec in chosen:
            for piece in spec.pieces:
                assert piece.pdf is not None
                piece.pages = pdf_pages(piece.pdf)
                if piece.producer in ("chromium", "libreoffice"):
                    for n in piece.notices:
                        n.pages = list(range(1, piece.pages + 1))
        for si, spec in chosen:
            files[spec.name] = write_file(spec, folder, work, random.Random(f"{seed}-file-{si}"))
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": 7, "files": files}
    path = folder / "truth.json"
    tmp_path = path.with_suffix(".tmp")
    tmp_path.write_text(json.dumps(truth, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.chmod(tmp_path, 0o600)
    tmp_path.replace(path)
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    truth = generate(args.out, args.seed)
    notices = sum(len(f["notices"]) for f in truth["files"].values())
    print(f"wrote {len(truth['files'])} files, {notices} notices into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
