"""Twelfth sealed notice evaluation set (issue 14): the generator.

Kept untouched: whoever works on the notice reader must not read this file, the files it writes or their
truth (see README.md). ``generate(folder, seed)`` writes the files and ``truth.json`` and returns the truth;
``python -m bench.notice_eval12.generate DIR --seed N`` does the same from the command line.

What it models: a corporate relocation vendor's case-management system (portal exports, document bundles with
Bates numbers, page headers and footers) and the in-house legal team of an employer that prints notices two or
four to a sheet and annotates them by hand (pen notes, a RECEIVED stamp, highlighter, sticky notes) before they
are scanned or photographed; a family-based practice's clients (names with particles, hyphens, apostrophes,
diacritics and suffixes; A-Numbers); older typed notices; corrected (re-issued) notices.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import io
import json
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
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

GENERATOR_VERSION = "12.1"
SET = 12

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
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
    "a_number",
)

FONT_DIR = Path("/usr/share/fonts/truetype")
FONT_FILES = {
    "LiberationSans": "liberation/LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "liberation/LiberationSans-Bold.ttf",
    "LiberationSansNarrow": "liberation/LiberationSansNarrow-Regular.ttf",
    "LiberationSansNarrow-Bold": "liberation/LiberationSansNarrow-Bold.ttf",
    "LiberationSerif": "liberation/LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "liberation/LiberationSerif-Bold.ttf",
    "LiberationMono": "liberation/LiberationMono-Regular.ttf",
    "LiberationMono-Bold": "liberation/LiberationMono-Bold.ttf",
    "DejaVuSans": "dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSansCondensed": "dejavu/DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "DejaVuSerif": "dejavu/DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "dejavu/DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "dejavu/DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": "dejavu/DejaVuSansMono-Bold.ttf",
    "Carlito": "crosextra/Carlito-Regular.ttf",
    "Carlito-Bold": "crosextra/Carlito-Bold.ttf",
    "Caladea": "crosextra/Caladea-Regular.ttf",
    "Caladea-Bold": "crosextra/Caladea-Bold.ttf",
}
HAND_FONT = FONT_DIR / "dejavu/DejaVuSans-Oblique.ttf"
HAND_FONT2 = FONT_DIR / "liberation/LiberationSerif-Italic.ttf"
SANS = ("LiberationSans", "DejaVuSans", "Carlito", "LiberationSansNarrow", "DejaVuSansCondensed")
SERIF = ("LiberationSerif", "DejaVuSerif", "Caladea")
MONO = ("LiberationMono", "DejaVuSansMono")
CSS_FONTS = {
    "LiberationSans": "'Liberation Sans'",
    "DejaVuSans": "'DejaVu Sans'",
    "Carlito": "Carlito",
    "LiberationSansNarrow": "'Liberation Sans Narrow'",
    "DejaVuSansCondensed": "'DejaVu Sans Condensed'",
    "LiberationSerif": "'Liberation Serif'",
    "DejaVuSerif": "'DejaVu Serif'",
    "Caladea": "Caladea",
}
DOCX_FONTS = {
    "LiberationMono": "Liberation Mono",
    "DejaVuSansMono": "DejaVu Sans Mono",
    "LiberationSerif": "Liberation Serif",
    "Caladea": "Caladea",
    "Carlito": "Carlito",
    "DejaVuSerif": "DejaVu Serif",
    "LiberationSans": "Liberation Sans",
}

PAGE_W, PAGE_H = 612.0, 792.0

# ---------------------------------------------------------------------------------------------
# The people, firms and offices (all fictional).

EMPLOYERS = (
    "HALDANE & VOSS PRECISION INSTRUMENTS OF NORTH AMERICA, INC.",
    "NORTHWIND LOGISTICS HOLDINGS, LLC D/B/A NORTHWIND FREIGHT SOLUTIONS",
    "QUILLFEATHER BIOANALYTICS CORPORATION",
    "ST. ADALBERT'S REGIONAL MEDICAL CENTER OF THE LOWER MERRIMACK VALLEY",
    "KESTREL-MONTAGUE SEMICONDUCTOR DESIGN SERVICES LLC",
    "BLUE HERON DATA SYSTEMS INC",
    "OYELARAN & DE SOUZA CONSULTING ENGINEERS, P.C.",
    "TRI-COUNTY UNIFIED SCHOOL DISTRICT NO. 14",
    "ARCADIA VERTICAL FARMS INC. DBA GREENSTACK",
    "MCALLISTER-NKEMELU ADVANCED MATERIALS RESEARCH LABORATORIES, INC.",
    "PELICAN BAY SOFTWARE COOPERATIVE",
    "VANTERPOOL MARITIME ENGINEERING GROUP LTD",
)
PERSONS = (
    ("DE LA CRUZ-MORALES", "MARIA JOSEFINA", ""),
    ("O'NEILL", "SEAMUS PATRICK", "JR"),
    ("VAN DER BERG", "ANNELIES", ""),
    ("NGUYEN", "THI THU HA", ""),
    ("AL-HASHIMI", "OMAR KHALID", ""),
    ("D'ANGELO", "LUCA", "III"),
    ("MÜLLER-SCHMIDT", "JÜRGEN", ""),
    ("ØSTERGÅRD", "SØREN MIKKEL", ""),
    ("SAINT-JUST", "ÉLODIE", ""),
    ("MACKENZIE-OKONKWO", "ADAEZE", ""),
    ("DOS SANTOS", "JOÃO PEDRO", "JR"),
    ("LE", "VAN MINH", ""),
    ("VON HAGEN", "FRIEDERIKE", ""),
    ("BEN-DAVID", "YAEL", ""),
    ("FITZGERALD-NAKAMURA", "KENJI", "II"),
    ("DELA PAZ", "ROSALINDA", ""),
    ("ABU-ZAYD", "LAYLA", ""),
    ("OYELOWO", "BABATUNDE", ""),
    ("KOWALCZYK", "ZOFIA", ""),
    ("PÉREZ DE ARCE", "IGNACIO", ""),
    ("MCDONAGH", "AOIFE", ""),
    ("SUNDARARAJAN", "VENKATESH", ""),
    ("DA SILVA", "BEATRIZ", ""),
    ("EL AMRANI", "YOUSSEF", ""),
)
# one family (the family-based practice): same surname, several people
FAMILY_SURNAME = "DE LA CRUZ-MORALES"
FAMILY = (
    ("DE LA CRUZ-MORALES", "MARIA JOSEFINA", ""),
    ("DE LA CRUZ-MORALES", "MATEO", ""),
    ("DE LA CRUZ-MORALES", "MARIA ISABEL", ""),
    ("DE LA CRUZ-MORALES", "JOSE ANTONIO", "JR"),
)
ATTORNEYS = (
    ("Rowena T. Achterberg", "ACHTERBERG LIU LLP", "1400 Wynkoop Street, Suite 800", "Denver CO 80202"),
    ("Daniel Osei-Bonsu", "OSEI-BONSU IMMIGRATION LAW PLLC", "77 Summer Street, 4th Floor", "Boston MA 02110"),
    ("Priya Raghunathan", "HALVORSEN GLOBAL MOBILITY LEGAL", "2200 Sixth Avenue, Floor 12", "Seattle WA 98121"),
)
OFFICES = {
    "EAC": ("Vermont Service Center", "75 Lower Welden Street", "Saint Albans VT 05479"),
    "WAC": ("California Service Center", "24000 Avila Road", "Laguna Niguel CA 92677"),
    "LIN": ("Nebraska Service Center", "850 S Street", "Lincoln NE 68508"),
    "SRC": ("Texas Service Center", "4141 N St. Augustine Rd", "Dallas TX 75227"),
    "MSC": ("National Benefits Center", "P.O. Box 648005", "Lee's Summit MO 64002"),
    "IOE": ("USCIS Electronic Immigration System", "P.O. Box 648003", "Lee's Summit MO 64002"),
    "YSC": ("Potomac Service Center", "2200 Potomac Avenue", "Arlington VA 22202"),
}
ASCS = (
    ("USCIS SEATTLE ASC", "12500 Tukwila International Blvd", "Seattle WA 98168"),
    ("USCIS DENVER ASC", "3401 Quebec Street, Suite 1100", "Denver CO 80207"),
    ("USCIS BOSTON ASC", "170 Portland Street, Room 110", "Boston MA 02114"),
    ("USCIS SAN JOSE ASC", "122 Charcot Avenue", "San Jose CA 95131"),
    ("USCIS CHARLOTTE ASC", "6130 Tyvola Centre Drive", "Charlotte NC 28217"),
)
FIELD_OFFICES = (
    ("USCIS Seattle Field Office", "12500 Tukwila International Blvd", "Seattle WA 98168"),
    ("USCIS Boston Field Office", "15 New Sudbury Street, Room E-170", "Boston MA 02203"),
    ("USCIS Denver Field Office", "12484 E Weaver Place", "Centennial CO 80111"),
)
FORM_TITLES = {
    "I-129": "PETITION FOR A NONIMMIGRANT WORKER",
    "I-129F": "PETITION FOR ALIEN FIANCE(E)",
    "I-130": "PETITION FOR ALIEN RELATIVE",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "I-140": "IMMIGRANT PETITION FOR ALIEN WORKER",
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-907": "REQUEST FOR PREMIUM PROCESSING SERVICE",
    "N-400": "APPLICATION FOR NATURALIZATION",
    "I-90": "APPLICATION TO REPLACE PERMANENT RESIDENT CARD",
    "I-751": "PETITION TO REMOVE CONDITIONS ON RESIDENCE",
    "I-824": "APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION",
}
FEES = {
    "I-129": "780.00",
    "I-129F": "675.00",
    "I-130": "675.00",
    "I-131": "630.00",
    "I-140": "715.00",
    "I-485": "1440.00",
    "I-539": "470.00",
    "I-765": "260.00",
    "I-907": "2805.00",
    "N-400": "760.00",
    "I-90": "465.00",
    "I-751": "750.00",
    "I-824": "590.00",
}
OLD_FEES = {
    "I-129": "130.00",
    "I-140": "135.00",
    "I-485": "255.00",
    "I-539": "120.00",
    "I-765": "100.00",
    "I-130": "130.00",
    "I-131": "110.00",
    "I-90": "110.00",
}
PETITIONS = ("I-129", "I-129F", "I-130", "I-140", "I-907")
WITH_ANUM = ("I-485", "I-765", "I-131", "N-400", "I-90", "I-751")
OFFICE_FOR = {
    "I-129": ("WAC", "EAC"),
    "I-907": ("WAC", "EAC"),
    "I-140": ("LIN", "SRC"),
    "I-129F": ("EAC", "WAC"),
    "I-130": ("IOE", "MSC"),
    "I-485": ("MSC", "IOE", "LIN"),
    "I-765": ("IOE", "MSC"),
    "I-131": ("MSC", "IOE"),
    "I-539": ("EAC", "WAC", "IOE"),
    "N-400": ("IOE", "MSC"),
    "I-90": ("IOE", "MSC"),
    "I-751": ("EAC", "WAC"),
    "I-824": ("MSC", "SRC"),
}


# ---------------------------------------------------------------------------------------------
# A notice: what is true about it, and how one family prints it.


@dataclass
class Notice:
    kind: str
    form: str
    truth: dict[str, Any]
    family: str
    producer: str
    era: str = "now"
    info: dict[str, Any] = field(default_factory=dict)
    printed: dict[str, list[str]] = field(default_factory=dict)
    pages: int = 1  # pages of the rendered notice


@dataclass
class Doc:
    """One rendered document: a notice, or a paper that is not one (``notice`` is None)."""

    key: str
    producer: str
    notice: Notice | None = None
    build: Callable[[random.Random], Any] | None = None  # for non-notices: returns ops pages / html / docx spec
    kind: str = "ops"  # ops, html, docx-lines, docx-letter
    pages: int = 1
    pdf: bytes = b""


@dataclass
class FileSpec:
    name: str
    medium: str
    label: str
    docs: list[Doc]
    assembly: str = "plain"  # plain, bundle, nup2, nup4
    fmt: str = "pdf"  # pdf, jpeg, png, tiff
    effect: str = "none"
    dpi: int | None = None
    scanned: list[int] | None = None  # for mixed: which final pages are scanned (0-based)
    annotate: bool = False
    opts: dict[str, Any] = field(default_factory=dict)


def _rng_for(seed: int, name: str) -> random.Random:
    return random.Random(f"set12:{seed}:{name}")


def _np_rng(seed: int, name: str) -> np.random.Generator:
    digest = hashlib.sha256(f"set12np:{seed}:{name}".encode()).hexdigest()
    return np.random.default_rng(int(digest[:16], 16))


# ---------------------------------------------------------------------------------------------
# Value forms: how each family prints a value, and the parse-back check of every printed form.

MONTHS = (
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
)


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us-short":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "long":
        return f"{m} {d.day}, {d.year}"
    if style == "abbr":
        return f"{m[:3]}. {d.day}, {d.year}" if m != "May" else f"May {d.day}, {d.year}"
    if style == "upper":
        return f"{m[:3].upper()} {d.day:02d} {d.year}"
    if style == "dmy":
        return f"{d.day} {m} {d.year}"
    if style == "dash":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy-upper":
        return f"{d.day:02d}-{m[:3].upper()}-{d.year}"
    if style == "weekday":
        return f"{d.strftime('%A')}, {m} {d.day}, {d.year}"
    raise ValueError(style)


DATE_PATTERNS = (
    "%m/%d/%Y",
    "%B %d, %Y",
    "%b. %d, %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%m-%d-%Y",
    "%Y-%m-%d",
    "%d-%b-%Y",
    "%A, %B %d, %Y",
)


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in DATE_PATTERNS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def fmt_receipt(receipt: str, style: str) -> str:
    if style == "plain":
        return receipt
    if style == "dash":
        return f"{receipt[:3]}-{receipt[3:5]}-{receipt[5:8]}-{receipt[8:]}"
    if style == "space":
        return f"{receipt[:3]} {receipt[3:]}"
    raise ValueError(style)


def fmt_anum(anum: str, style: str) -> str:
    short = anum.lstrip("0") if anum.startswith("0") and style == "eight" else anum
    if style == "eight":
        return f"A{short}"
    if style == "dash":
        return f"A-{anum[:3]}-{anum[3:6]}-{anum[6:]}"
    if style == "space":
        return f"A{anum[:3]} {anum[3:6]} {anum[6:]}"
    if style == "hash":
        return f"A# {anum}"
    if style == "plain":
        return f"A{anum}"
    raise ValueError(style)


def fmt_amount(amount: str, style: str) -> str:
    whole, cents = amount.split(".")
    grouped = f"{int(whole):,}"
    if style == "dollar":
        return f"${grouped}.{cents}"
    if style == "dollar-space":
        return f"$ {grouped}.{cents}"
    if style == "usd":
        return f"USD {grouped}.{cents}"
    if style == "bare":
        return f"{whole}.{cents}"
    if style == "whole":
        return f"${grouped}" if cents == "00" else f"${grouped}.{cents}"
    raise ValueError(style)


def fmt_time(hhmm: str, style: str) -> str:
    hour, minute = (int(p) for p in hhmm.split(":"))
    h12 = hour % 12 or 12
    if style == "ampm":
        return f"{h12}:{minute:02d} {'AM' if hour < 12 else 'PM'}"
    if style == "dots":
        return f"{h12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"
    if style == "24":
        return f"{hour:02d}:{minute:02d}"
    raise ValueError(style)


def parse_time(text: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})\s*(AM|PM|a\.m\.|p\.m\.)?", text.strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), m.group(2)
    suffix = (m.group(3) or "").lower().replace(".", "")
    if suffix == "pm" and hour != 12:
        hour += 12
    if suffix == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute}"


def name_last_first(person: tuple[str, str, str], upper: bool = True) -> str:
    last, first, suffix = person
    text = f"{last}, {first}" + (f" {suffix}" if suffix else "")
    return text if upper else _title(text)


def name_first_last(person: tuple[str, str, str], upper: bool = False) -> str:
    last, first, suffix = person
    text = f"{first} {last}" + (f" {suffix}" if suffix else "")
    return text.upper() if upper else _title(text)


def _title(text: str) -> str:
    out = []
    for word in text.split(" "):
        if word in ("JR", "II", "III", "IV"):
            out.append(word.capitalize() if word == "JR" else word)
        elif word.lower() in ("of", "the", "and", "for"):
            out.append(word.lower())
        elif word.lower() in ("de", "la", "van", "der", "von", "dos", "da", "del", "le", "el", "ben", "dela"):
            out.append(word.lower() if word.lower() not in ("le", "el", "ben", "dela") else word.capitalize())
        else:
            parts = re.split(r"([-'’])", word)
            out.append("".join(p if p in "-'’" else p[:1].upper() + p[1:].lower() for p in parts))
    text = " ".join(out)
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), text)


def norm_name(value: str) -> str:
    text = "".join(ch if ch.isalnum() or ch in "-'&" else " " for ch in value.upper())
    return " ".join(text.split())


TYPE_WORDS = {
    "receipt": ("Receipt", "RECEIPT", "Receipt Notice", "Premium Processing Receipt", "PREMIUM PROCESSING RECEIPT"),
    "approval": ("Approval Notice", "APPROVAL", "Approval", "APPROVED"),
    "rfe": ("Request for Evidence", "REQUEST FOR EVIDENCE"),
    "biometrics": ("Biometrics Appointment Notice", "BIOMETRICS APPOINTMENT", "Biometrics Appointment"),
    "transfer": ("Transfer Notice", "TRANSFER NOTICE", "Case Transfer"),
    "rejection": ("Rejection Notice", "REJECTION NOTICE", "Rejection"),
    "noid": ("Notice of Intent to Deny", "NOTICE OF INTENT TO DENY", "Notice of Intent to Revoke"),
    "denial": ("Decision: Denied", "DENIAL NOTICE", "Denial"),
}


def type_word(kind: str, rng: random.Random, upper: bool, form: str = "") -> str:
    words = [w for w in TYPE_WORDS[kind] if (w.isupper() == upper)]
    if kind == "receipt":
        words = [w for w in words if ("PREMIUM" in w.upper()) == (form == "I-907")] or ["Receipt"]
    return rng.choice(words or list(TYPE_WORDS[kind]))


# ---------------------------------------------------------------------------------------------
# Building the notices' values.


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days))


def _weekday(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def receipt_for(rng: random.Random, form: str, received: dt.date) -> str:
    offices = OFFICE_FOR.get(form, ("MSC",))
    if received.year < 2010:
        offices = tuple(o for o in offices if o in ("EAC", "WAC", "LIN", "SRC")) or ("EAC", "LIN")
    office = rng.choice(offices)
    fy = (received.year + (1 if received.month >= 10 else 0)) % 100  # the government's fiscal year
    return f"{office}{fy:02d}{rng.randrange(10**8):08d}"


def a_number(rng: random.Random, eight: bool = False) -> str:
    if eight:
        return f"0{rng.randrange(10**7, 10**8):08d}"
    return f"{rng.randrange(2, 3)}{rng.randrange(10**8):08d}"


def blank_truth() -> dict[str, Any]:
    return {name: None for name in FIELDS}


def make_notice(
    rng: random.Random,
    kind: str,
    form: str,
    family: str,
    producer: str,
    era: str = "now",
    person: tuple[str, str, str] | None = None,
    employer: str | None = None,
    base: Notice | None = None,
) -> Notice:
    """The values of one notice (truth before printing; the family's printer may null what it leaves out)."""
    t = blank_truth()
    if era == "old":
        year = rng.randrange(1998, 2008)
    elif era == "mid":
        year = rng.randrange(2012, 2021)
    else:
        year = rng.randrange(2025, 2027)
    start = dt.date(year, 1, 5)
    received = _weekday(_date_between(rng, start, start + dt.timedelta(days=300)))
    info: dict[str, Any] = {}
    if base is not None:
        t["receipt_number"] = base.truth["receipt_number"]
        received = dt.date.fromisoformat(base.truth["received_date"])
        person = base.info["person"]
        employer = base.info.get("employer")
        info.update({k: base.info[k] for k in ("anum",) if k in base.info})
    else:
        t["receipt_number"] = receipt_for(rng, form, received)
    t["form"] = form
    t["notice_type"] = None if kind == "interview" else kind
    t["received_date"] = received.isoformat()
    petition = form in PETITIONS
    person = person or rng.choice(PERSONS)
    info["person"] = person
    if petition:
        if form in ("I-130", "I-129F"):
            sponsor = rng.choice([p for p in PERSONS if p != person])
            info["sponsor"] = sponsor
            employer = None
        else:
            employer = employer or rng.choice(EMPLOYERS)
        info["employer"] = employer
    else:
        if "anum" not in info and form in WITH_ANUM:
            info["anum"] = a_number(rng, eight=rng.random() < 0.12)
    if kind == "receipt":
        notice = received + dt.timedelta(days=rng.randrange(2, 25))
    elif kind in ("approval", "denial"):
        notice = received + dt.timedelta(days=rng.randrange(15, 200))
    elif kind in ("rfe", "noid", "transfer", "rejection"):
        notice = received + dt.timedelta(days=rng.randrange(10, 150))
    else:
        notice = received + dt.timedelta(days=rng.randrange(12, 60))
    notice = _weekday(notice)
    t["notice_date"] = notice.isoformat()
    if kind == "receipt" and form in FEES:
        fees = OLD_FEES if era == "old" else FEES
        t["amount"] = fees.get(form, FEES[form])
    if form == "I-140" and kind in ("receipt", "approval"):
        t["priority_date"] = _date_between(rng, received - dt.timedelta(days=500), received).isoformat()
    if form == "I-130" and kind in ("receipt", "approval"):
        t["priority_date"] = received.isoformat()
    if kind == "approval":
        if form == "I-129":
            t["classification"] = rng.choice(("H1B", "L1A", "L1B", "O1A", "H1B", "E3"))
        elif form == "I-140":
            t["classification"] = rng.choice(("E21", "E13", "E31", "E11"))
        elif form == "I-539":
            t["classification"] = rng.choice(("H4", "L2", "B2", "F1"))
        if form in ("I-129", "I-539"):
            vf = notice + dt.timedelta(days=rng.randrange(0, 40))
            t["valid_from"] = vf.isoformat()
            t["valid_to"] = (vf.replace(year=vf.year + rng.choice((1, 2, 3))) - dt.timedelta(days=1)).isoformat()
            if rng.random() < 0.75:
                t["i94_number"] = f"{rng.randrange(10**10, 10**11)}"
    if kind in ("rfe", "noid"):
        t["response_due"] = (notice + dt.timedelta(days=87 if kind == "rfe" else 33)).isoformat()
    if kind in ("biometrics", "interview"):
        day = _weekday(notice + dt.timedelta(days=rng.randrange(14, 40)))
        hour = rng.choice(("08:00", "08:30", "09:00", "10:15", "11:30", "13:00", "14:30", "15:45"))
        place = rng.choice(ASCS if kind == "biometrics" else FIELD_OFFICES)
        t["appointment"] = {"date": day.isoformat(), "time": hour, "location": place[1]}
        info["place"] = place
    if petition:
        if form in ("I-130", "I-129F"):
            t["petitioner"] = "sponsor"
        else:
            t["petitioner"] = "employer"
        t["beneficiary"] = "person"
    else:
        t["applicant"] = "person"
        if "anum" in info:
            t["a_number"] = info["anum"]
    if kind == "interview" and form == "N-400":
        t["received_date"] = t["received_date"]
    return Notice(kind=kind, form=form, truth=t, family=family, producer=producer, era=era, info=info)


def person_of(n: Notice, role: str) -> tuple[str, str, str] | str:
    """The party a role stands for: a person (last, first, suffix) or an employer's name."""
    what = n.truth[role]
    if what == "employer":
        return str(n.info["employer"])
    if what == "sponsor":
        return n.info["sponsor"]  # type: ignore[no-any-return]
    return n.info["person"]  # type: ignore[no-any-return]


def party_text(n: Notice, role: str, order: str) -> str:
    """How the party of ``role`` is printed: ``last`` (upper, LAST, FIRST), ``first`` (First Last), ``lastmixed``."""
    who = person_of(n, role)
    if isinstance(who, str):
        if order != "first":
            return who
        text = _title(who)
        for wrong, right in (
            ("Llc", "LLC"),
            ("D/b/a", "d/b/a"),
            ("Dba", "DBA"),
            ("P.c.", "P.C."),
            ("Ltd", "Ltd."),
            ("No. 14", "No. 14"),
        ):
            text = text.replace(wrong, right)
        return text
    if order == "last":
        return name_last_first(who)
    if order == "lastmixed":
        return name_last_first(who, upper=False)
    if order == "firstupper":
        return name_first_last(who, upper=True)
    return name_first_last(who)


def show(n: Notice, name: str, *strings: str, value: Any = None) -> None:
    """Record that the page prints ``strings`` for field ``name`` (and, for names, the value they join to)."""
    n.printed.setdefault(name, []).extend(s for s in strings if s)
    if value is not None:
        n.truth[name] = value


def finalize(n: Notice) -> None:
    """The truth keeps only what the page prints: a field nobody printed is null."""
    for name in FIELDS:
        if n.truth[name] is not None and name not in n.printed:
            if name == "notice_type" and n.kind == "interview":
                continue
            n.truth[name] = None


# ---------------------------------------------------------------------------------------------
# Drawing: a page is a list of operations in points from the top-left corner, drawn by reportlab or fpdf2.


class Page:
    def __init__(self, width: float = PAGE_W, height: float = PAGE_H) -> None:
        self.w, self.h = width, height
        self.ops: list[tuple[Any, ...]] = []

    def text(self, x: float, y: float, s: str, font: str, size: float, align: str = "l", gray: float = 0.0) -> float:
        self.ops.append(("text", x, y, s, font, size, align, gray))
        return width_of(s, font, size)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6, dash: bool = False) -> None:
        self.ops.append(("line", x1, y1, x2, y2, width, dash))

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None, stroke: float = 0.6) -> None:
        self.ops.append(("rect", x, y, w, h, fill, stroke))

    def para(self, x: float, y: float, text: str, font: str, size: float, width: float, lead: float = 1.25) -> float:
        """Wrapped text; returns the y under it."""
        for line in wrap(text, font, size, width):
            self.text(x, y, line, font, size)
            y += size * lead
        return y


_REGISTERED = False


def _register_fonts() -> None:
    global _REGISTERED
    if _REGISTERED:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, rel in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / rel)))
    _REGISTERED = True


def width_of(s: str, font: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    _register_fonts()
    return float(pdfmetrics.stringWidth(s, font, size))


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and width_of(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render_reportlab(pages: list[Page]) -> bytes:
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    _register_fonts()
    rl_config.invariant = 1
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(pages[0].w, pages[0].h), invariant=1)
    for page in pages:
        c.setPageSize((page.w, page.h))
        for op in page.ops:
            if op[0] == "text":
                _, x, y, s, font, size, align, gray = op
                c.setFillGray(gray)
                c.setFont(font, size)
                yy = page.h - y
                if align == "r":
                    c.drawRightString(x, yy, s)
                elif align == "c":
                    c.drawCentredString(x, yy, s)
                else:
                    c.drawString(x, yy, s)
            elif op[0] == "line":
                _, x1, y1, x2, y2, width, dash = op
                c.setLineWidth(width)
                c.setStrokeGray(0)
                c.setDash(3, 2) if dash else c.setDash()
                c.line(x1, page.h - y1, x2, page.h - y2)
                c.setDash()
            elif op[0] == "rect":
                _, x, y, w, h, fill, stroke = op
                c.setLineWidth(stroke or 0.1)
                c.setStrokeGray(0)
                if fill is not None:
                    c.setFillGray(fill)
                c.rect(x, page.h - y - h, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
                c.setFillGray(0)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_fpdf(pages: list[Page]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(pages[0].w, pages[0].h))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    added: set[str] = set()
    for page in pages:
        pdf.add_page(format=(page.w, page.h))
        for op in page.ops:
            if op[0] == "text":
                _, x, y, s, font, size, align, gray = op
                if font not in added:
                    pdf.add_font(font, "", str(FONT_DIR / FONT_FILES[font]))
                    added.add(font)
                pdf.set_font(font, size=size)
                pdf.set_text_color(int(gray * 255))
                w = pdf.get_string_width(s)
                xx = x - w if align == "r" else x - w / 2 if align == "c" else x
                pdf.text(xx, y, s)
            elif op[0] == "line":
                _, x1, y1, x2, y2, width, dash = op
                pdf.set_line_width(width)
                pdf.set_draw_color(0)
                if dash:
                    pdf.set_dash_pattern(dash=3, gap=2)
                pdf.line(x1, y1, x2, y2)
                pdf.set_dash_pattern()
            elif op[0] == "rect":
                _, x, y, w, h, fill, stroke = op
                pdf.set_line_width(stroke or 0.1)
                style = ("F" if fill is not None else "") + ("D" if stroke else "")
                if fill is not None:
                    pdf.set_fill_color(int(fill * 255))
                pdf.rect(x, y, w, h, style=style or "D")
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# Boilerplate: body text that names other actions (the notice type is never in it), and addressees.

BODY = {
    "receipt": (
        "This notice confirms that USCIS received your case. It does not grant any immigration status or "
        "benefit. If we need more information we may send you a request for evidence, and if the evidence does "
        "not establish eligibility we may issue a notice of intent to deny before we decide.",
        "Processing times change. Keep this notice: you will need the receipt number when you contact us. "
        "A transfer of your case to another office, if it happens, will be sent to you in writing.",
    ),
    "approval": (
        "The above petition or application has been approved. This approval does not by itself grant any "
        "benefit abroad. USCIS may revoke an approval; if so we will first send a notice of intent to revoke.",
        "Any request for evidence issued earlier in this case is closed by this decision.",
    ),
    "transfer": (
        "We have transferred your case to the office shown below to balance workloads. You do not need to do "
        "anything. A request for evidence or an appointment notice, if any, will come from the new office.",
    ),
    "rejection": (
        "Your filing is rejected and returned for the reason below. A rejected filing is not retained and "
        "receives no receipt date. You may correct the problem and file again with the correct fee.",
    ),
    "biometrics": (
        "USCIS has scheduled you to provide biometrics (fingerprints, photograph and signature). Bring this "
        "notice and a photo identification. If you do not appear we may consider the case abandoned and deny "
        "it; a request for evidence may follow if the biometrics cannot be used.",
    ),
}


def addressee_lines(rng: random.Random, n: Notice) -> list[str]:
    if rng.random() < 0.6:
        name, firm, street, city = rng.choice(ATTORNEYS)
        return [name.upper(), firm, street.upper(), city.upper()]
    who = n.info["person"]
    street = (
        f"{rng.randrange(100, 9999)} {rng.choice(('ELM', 'CEDAR', 'HARBOR', 'LINDEN', 'QUARRY'))} "
        + rng.choice(("ST", "AVE", "RD", "CT"))
        + (f" APT {rng.randrange(1, 40)}" if rng.random() < 0.5 else "")
    )
    city = rng.choice(("PORTLAND OR 97214", "ALBANY NY 12203", "AUSTIN TX 78704", "MADISON WI 53703"))
    return [name_first_last(who, upper=True), street, city]


def _form_tag(n: Notice) -> str:
    if n.kind == "approval":
        return "I-797A" if n.truth["i94_number"] else "I-797"
    if n.kind == "rfe":
        return "I-797E"
    return "I-797C"


# ---------------------------------------------------------------------------------------------
# Family "strip": a packed strip of boxes (value over a tiny abbreviated label), a side column of party labels.


def fam_strip(n: Notice, rng: random.Random) -> list[Page]:
    sans = rng.choice(SANS)
    bold = sans + "-Bold"
    p = Page()
    t = n.truth
    p.text(36, 40, "Department of Homeland Security", sans, 9)
    p.text(36, 51, "U.S. Citizenship and Immigration Services", sans, 9)
    p.text(576, 44, f"{_form_tag(n)}, Notice of Action", bold, 13, align="r")
    p.rect(36, 60, 540, 16, fill=0.85, stroke=0)
    p.text(306, 72, "THE UNITED STATES OF AMERICA", bold, 10.5, align="c")
    d_style = rng.choice(("us", "abbr", "upper", "long"))
    r_style = rng.choice(("plain", "plain", "dash"))
    labels = rng.choice(
        (
            ("RCPT NO.", "RCVD", "PRTY DT", "NTC DT", "PG"),
            ("Receipt #", "Rec'd", "Prio. Date", "Notice Dt", "Pg"),
            ("CASE NUMBER", "DATE REC'D", "PRIORITY", "NOTICE DATE", "PAGE"),
        )
    )
    y = 84
    boxes = [(36, 142), (178, 96), (274, 96), (370, 96), (466, 40)]
    receipt_txt = fmt_receipt(t["receipt_number"], r_style)
    values = [receipt_txt, fmt_date(dt.date.fromisoformat(t["received_date"]), d_style)]
    show(n, "receipt_number", receipt_txt)
    show(n, "received_date", values[1])
    if t["priority_date"]:
        values.append(fmt_date(dt.date.fromisoformat(t["priority_date"]), d_style))
        show(n, "priority_date", values[2])
    else:
        values.append(rng.choice(("N/A", "--", "")))
    values.append(fmt_date(dt.date.fromisoformat(t["notice_date"]), d_style))
    show(n, "notice_date", values[3])
    values.append("1 of 1")
    for (x, w), label, value in zip(boxes, labels, values, strict=True):
        p.rect(x, y, w, 28)
        p.text(x + 3, y + 13, value, bold, 9.5)
        p.text(x + 3, y + 25, label, sans, 5.5)
    y += 28
    form_compact = n.form.replace("-", "")
    case_type = f"{form_compact} - {FORM_TITLES[n.form]}"
    show(n, "form", form_compact)
    type_txt = type_word(n.kind, rng, upper=rng.random() < 0.5, form=n.form) if n.kind != "interview" else ""
    p.rect(36, y, 370, 28)
    p.text(39, y + 13, case_type, bold, 8 if len(case_type) > 50 else 9)
    p.text(39, y + 25, rng.choice(("CASE TYPE", "Case Type", "FORM")), sans, 5.5)
    p.rect(406, y, 100, 28)
    type_size = 8.5
    while type_txt and width_of(type_txt, bold, type_size) > 94:
        type_size -= 0.5
    p.text(409, y + 13, type_txt, bold, type_size)
    show(n, "notice_type", type_txt)
    p.text(409, y + 25, rng.choice(("NOTICE TYPE", "Type", "ACTION")), sans, 5.5)
    p.rect(506, y, 70, 28)
    if t["classification"]:
        p.text(509, y + 13, t["classification"], bold, 9.5)
        show(n, "classification", t["classification"])
    p.text(509, y + 25, rng.choice(("CLASS", "Class", "CLASSIF.")), sans, 5.5)
    y += 28
    if t["valid_from"]:
        vs = rng.choice(("us", "abbr", "long"))
        p.rect(36, y, 270, 24)
        vf = fmt_date(dt.date.fromisoformat(t["valid_from"]), vs)
        vt = fmt_date(dt.date.fromisoformat(t["valid_to"]), vs)
        p.text(39, y + 11, vf, bold, 9.5)
        p.text(39, y + 21, "VALID FROM", sans, 5.5)
        p.rect(306, y, 270, 24)
        p.text(309, y + 11, vt, bold, 9.5)
        p.text(309, y + 21, "VALID TO", sans, 5.5)
        show(n, "valid_from", vf)
        show(n, "valid_to", vt)
        y += 24
    # side column of labels, long names wrapping into 2-3 lines; a second column of labels close to the right
    y += 22
    col_x, val_x, val_w = 36, 112, 206
    rows: list[tuple[str, str, list[str]]] = []
    order = rng.choice(("last", "last", "lastmixed"))
    fee_only = n.form == "I-907" and rng.random() < 0.5
    for role, label in (("petitioner", "PETITIONER"), ("beneficiary", "BENEFICIARY"), ("applicant", "APPLICANT")):
        if t[role] is None or (fee_only and role == "beneficiary"):
            continue
        text = party_text(n, role, order)
        lines = wrap(text, sans, 9, val_w)
        if role == "applicant" and t["a_number"] and rng.random() < 0.7:
            an = fmt_anum(t["a_number"], rng.choice(("space", "plain", "dash", "hash")))
            show(n, "a_number", an)
            lines = [an, *lines]
            show(n, role, *lines[1:], value=" ".join(lines[1:]))
        else:
            show(n, role, *lines, value=" ".join(lines))
        rows.append((role, label, lines))
    if t["a_number"] and "a_number" not in n.printed:
        an = fmt_anum(t["a_number"], rng.choice(("dash", "space", "plain")))
        rows.append(("a_number", "A-NUMBER", [an]))
        show(n, "a_number", an)
    right: list[tuple[str, str]] = []
    if t["amount"]:
        amt = fmt_amount(t["amount"], rng.choice(("dollar", "dollar-space", "usd", "whole")))
        right.append((rng.choice(("AMOUNT RECEIVED", "FEE", "Amt. Rec'd")), amt))
        show(n, "amount", amt)
    right.append(("PAYMENT", rng.choice(("Check", "Credit card", "ACH", "Money order"))))
    if n.kind == "rejection":
        right.append(("REASON", rng.choice(("Fee missing", "Unsigned form", "Wrong edition"))))
    ry = y
    for label, value in right:
        p.text(340, ry, label, bold, 7)
        p.text(420, ry, value, sans, 9)
        ry += 13
    for _role, label, lines in rows:
        p.text(col_x, y, label, bold, 7)
        for line in lines:
            p.text(val_x, y, line, sans, 9)
            y += 11.5
        y += 5
    y = max(y, ry) + 10
    # addressee block
    for i, line in enumerate(addressee_lines(rng, n)):
        p.text(340, y + i * 11, line, sans, 9)
    y += 56
    if n.kind == "biometrics":
        place = n.info["place"]
        ap = t["appointment"]
        p.rect(36, y, 540, 74, fill=0.93, stroke=0.6)
        p.text(44, y + 14, "APPLICATION SUPPORT CENTER", bold, 8)
        for i, line in enumerate(place):
            p.text(44, y + 28 + i * 12, line, sans, 9.5)
        dstyle = rng.choice(("weekday", "us", "long"))
        ds = fmt_date(dt.date.fromisoformat(ap["date"]), dstyle)
        ts = fmt_time(ap["time"], rng.choice(("ampm", "dots")))
        p.text(330, y + 14, "DATE AND TIME OF APPOINTMENT", bold, 8)
        p.text(330, y + 28, ds, sans, 9.5)
        p.text(330, y + 40, ts, sans, 9.5)
        show(n, "appointment", ds, ts, place[1])
        y += 86
    for para in BODY.get(n.kind, BODY["receipt"]):
        y = p.para(36, y, para, sans, 8.5, 540) + 6
    if t["i94_number"]:
        y = max(y + 10, 610)
        p.line(36, y, 576, y, dash=True)
        p.text(306, y + 10, "Detach this part and keep it with your passport", sans, 6.5, align="c")
        p.text(36, y + 28, "Departure Record", bold, 9)
        i94 = t["i94_number"]
        shown = rng.choice((i94, f"{i94[:9]} {i94[9:]}", f"{i94[:3]} {i94[3:7]} {i94[7:]}"))
        p.text(36, y + 42, "I-94 Number", sans, 6.5)
        p.text(100, y + 42, shown, bold, 10)
        show(n, "i94_number", shown)
        who = person_of(n, "beneficiary" if t["beneficiary"] else "applicant")
        if not isinstance(who, str):
            p.text(300, y + 42, name_last_first(who), sans, 9)
        y += 56
    office = OFFICES[t["receipt_number"][:3]]
    p.text(36, 748, f"{office[0]}, {office[1]}, {office[2]}", sans, 7)
    p.text(36, 758, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", sans, 7)
    p.text(
        576,
        758,
        rng.choice(("Form I-797C 07/11/14", "Form I-797 (Rev. 01/31/05) N", "Form I-797A 04/01/24")),
        sans,
        6.5,
        align="r",
    )
    return [p]


# ---------------------------------------------------------------------------------------------
# Family "typed": an older notice typed in a fixed-pitch font as padded lines (INS era and the first DHS years).


def _pad(left: str, right: str, col: int) -> str:
    return left.ljust(col) + right if len(left) < col else left + "  " + right


def fam_typed(n: Notice, rng: random.Random) -> list[list[str]]:
    t = n.truth
    ins = int(t["received_date"][:4]) < 2003
    lines: list[str] = []
    agency = (
        ("U.S. DEPARTMENT OF JUSTICE", "IMMIGRATION AND NATURALIZATION SERVICE")
        if ins
        else ("U.S. DEPARTMENT OF HOMELAND SECURITY", "U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    )
    tag = _form_tag(n).replace("I-797C", "I-797C").replace("I-797A", "I-797A")
    lines.append(_pad(agency[0], "NOTICE OF ACTION", 50))
    lines.append(_pad(agency[1], f"FORM {tag}", 50))
    lines.append("")
    lines.append(" " * 22 + "THE UNITED STATES OF AMERICA")
    lines.append("")
    d_style = rng.choice(("upper", "us", "dmy-upper"))
    rcpt = fmt_receipt(t["receipt_number"], rng.choice(("dash", "plain")))
    show(n, "receipt_number", rcpt)
    rd = fmt_date(dt.date.fromisoformat(t["received_date"]), d_style)
    nd = fmt_date(dt.date.fromisoformat(t["notice_date"]), d_style)
    show(n, "received_date", rd)
    show(n, "notice_date", nd)
    lab = rng.choice(
        (
            ("CASE NO.", "FILED", "ACTION DT"),
            ("RECEIPT NUMBER", "RECEIPT DATE", "NOTICE DATE"),
            ("FILE NO.", "DATE RECD", "DATE OF NOTICE"),
        )
    )
    lines.append(_pad(f"{lab[0]} {rcpt}", f"{lab[1]} {rd}", 38))
    form_txt = n.form.replace("-", "") if rng.random() < 0.6 else n.form
    show(n, "form", form_txt)
    lines.append(f"CASE TYPE {form_txt} {FORM_TITLES[n.form]}"[:78])
    pd = "----"
    if t["priority_date"]:
        pd = fmt_date(dt.date.fromisoformat(t["priority_date"]), d_style)
        show(n, "priority_date", pd)
    lines.append(_pad(f"PRIORITY DT {pd}", f"{lab[2]} {nd}", 38) + "   PAGE 1 OF 1")
    lines.append("")
    indent = 14
    for role, label in (("petitioner", "PETITIONER"), ("beneficiary", "BENEFICIARY"), ("applicant", "APPLICANT")):
        if t[role] is None:
            continue
        text = party_text(n, role, "last")
        chunks = _mono_wrap(text, 78 - indent)
        if role == "applicant" and t["a_number"]:
            an = fmt_anum(t["a_number"], rng.choice(("plain", "dash", "eight" if t["a_number"][0] == "0" else "hash")))
            show(n, "a_number", an)
            lines.append(label.ljust(indent) + an)
            label = ""
        show(n, role, *chunks, value=" ".join(chunks))
        for i, chunk in enumerate(chunks):
            lines.append((label if i == 0 else "").ljust(indent) + chunk)
    lines.append("")
    type_txt = type_word(n.kind, rng, upper=True, form=n.form)
    show(n, "notice_type", type_txt)
    nature = rng.choice(("NATURE OF ACTION", "NOTICE TYPE", "ACTION"))
    extra = ""
    if t["classification"]:
        extra = f"   CLASS {t['classification']}"
        show(n, "classification", t["classification"])
    lines.append(f"{nature}: {type_txt}{extra}")
    if t["valid_from"]:
        vf = fmt_date(dt.date.fromisoformat(t["valid_from"]), "us")
        vt = fmt_date(dt.date.fromisoformat(t["valid_to"]), "us")
        show(n, "valid_from", vf)
        show(n, "valid_to", vt)
        lines.append(f"VALID FROM {vf} UNTIL {vt}")
    if t["amount"]:
        amt = fmt_amount(t["amount"], rng.choice(("dollar", "bare", "dollar-space")))
        show(n, "amount", amt)
        lines.append(f"FEE RECEIVED: {amt}")
    lines.append("-" * 78)
    body = " ".join(BODY.get(n.kind, BODY["receipt"]))
    lines.extend(_mono_wrap(body.upper(), 78))
    lines.append("")
    if t["i94_number"]:
        lines.append("- " * 39)
        i94 = t["i94_number"]
        shown = f"{i94[:9]} {i94[9:]}"
        show(n, "i94_number", shown)
        lines.append("DEPARTURE RECORD")
        lines.append(f"I-94 NO. {shown}")
        lines.append("")
    for line in addressee_lines(rng, n):
        lines.append(" " * 4 + line)
    lines.append("")
    office = OFFICES[t["receipt_number"][:3]]
    lines.append(f"{office[0].upper()}")
    lines.append(f"{office[1].upper()}, {office[2].upper()}")
    lines.append(f"FORM {tag} (REV. {'09-07-93' if ins else rng.choice(('10-21-02', '01-31-05'))})")
    return [lines]


def _mono_wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    return out


def lines_to_pages(pages_lines: list[list[str]], font: str, size: float = 9.0) -> list[Page]:
    pages = []
    for lines in pages_lines:
        p = Page()
        for i, line in enumerate(lines):
            if line.strip():
                p.text(54, 62 + i * size * 1.22, line, font, size)
        pages.append(p)
    return pages


# ---------------------------------------------------------------------------------------------
# Family "letter": a decision, request or appointment letter with a block of case facts and sentences.

LETTER_HEADS = {
    "rfe": ("REQUEST FOR EVIDENCE", "Request for Evidence"),
    "noid": ("NOTICE OF INTENT TO DENY", "Notice of Intent to Deny"),
    "denial": ("DECISION", "Decision"),
    "interview": ("INTERVIEW APPOINTMENT", "Notice of Interview"),
    "transfer": ("NOTICE OF CASE TRANSFER", "Transfer Notice"),
}


def fam_letter(n: Notice, rng: random.Random) -> list[list[tuple[Any, ...]]]:
    t = n.truth
    office = OFFICES[t["receipt_number"][:3]]
    pages: list[list[tuple[Any, ...]]] = [[]]
    b = pages[0]
    b.append(
        (
            "lh",
            [
                "U.S. Department of Homeland Security",
                "U.S. Citizenship and Immigration Services",
                office[0],
                office[1],
                office[2],
            ],
        )
    )
    nd = fmt_date(dt.date.fromisoformat(t["notice_date"]), rng.choice(("long", "dmy", "abbr")))
    show(n, "notice_date", nd)
    b.append(("date", nd))
    given_first = rng.random() < 0.6
    facts: list[tuple[str, list[str]]] = []
    form_txt = rng.choice((n.form, f"Form {n.form}"))
    show(n, "form", form_txt.replace("Form ", ""))
    facts.append(("Form:", [form_txt]))
    rcpt = fmt_receipt(t["receipt_number"], rng.choice(("plain", "dash", "space")))
    show(n, "receipt_number", rcpt)
    facts.append((rng.choice(("Receipt No.:", "Receipt Number:", "Case #:")), [rcpt]))
    if rng.random() < 0.6:
        rd = fmt_date(dt.date.fromisoformat(t["received_date"]), "us")
        show(n, "received_date", rd)
        facts.append((rng.choice(("Date Filed:", "Received:", "Filing Date:")), [rd]))
    for role, label in (("petitioner", "Petitioner:"), ("beneficiary", "Beneficiary:"), ("applicant", "Applicant:")):
        if t[role] is None:
            continue
        text = party_text(n, role, "first" if given_first else "last")
        parts = wrap(text, "LiberationSerif", 10, 190)
        show(n, role, *parts, value=" ".join(parts))
        facts.append((label, parts))
    if t["a_number"]:
        an = fmt_anum(t["a_number"], rng.choice(("dash", "plain", "space")))
        show(n, "a_number", an)
        facts.append(("A-Number:" if rng.random() < 0.5 else "A#:", [an]))
    if t["classification"]:
        show(n, "classification", t["classification"])
        facts.append(("Classification:", [t["classification"]]))
    b.append(("facts", facts))
    b.append(("addr", addressee_lines(rng, n)))
    heads = LETTER_HEADS[n.kind]
    head = heads[0] if rng.random() < 0.5 else heads[1]
    b.append(("head", head))
    if n.kind != "interview":
        if n.kind == "denial":
            show(n, "notice_type", "DENIED")
            b.append(("p", "After careful review, your case is DENIED for the reasons below."))
        elif n.kind == "transfer":
            show(n, "notice_type", head)
        else:
            show(n, "notice_type", head)
    if n.kind in ("rfe", "noid"):
        due = dt.date.fromisoformat(t["response_due"])
        ds = fmt_date(due, rng.choice(("long", "dmy", "us")))
        show(n, "response_due", ds)
        if n.kind == "rfe":
            b.append(
                (
                    "p",
                    "The evidence submitted with your case is not sufficient to establish eligibility. "
                    "Submit the evidence listed on the next page. This is not a notice of intent to deny "
                    "and not a denial; if you do not respond, a decision will be made on the record.",
                )
            )
            b.append(
                (
                    "p",
                    f"Your response must be received in this office by {ds}. Send it with the "
                    "original of this request on top.",
                )
            )
        else:
            b.append(
                (
                    "p",
                    "USCIS intends to deny your case. The request for evidence issued earlier did not "
                    "resolve the issues below. You may submit rebuttal evidence.",
                )
            )
            b.append(
                (
                    "p",
                    f"Any response must reach this office on or before {ds}, or the case will be "
                    "decided on the record without further notice.",
                )
            )
    elif n.kind == "interview":
        ap = t["appointment"]
        place = n.info["place"]
        ds = fmt_date(dt.date.fromisoformat(ap["date"]), "weekday")
        ts = fmt_time(ap["time"], rng.choice(("ampm", "dots")))
        show(n, "appointment", ds, ts, place[1])
        b.append(
            (
                "p",
                "You are requested to appear for an interview on your case. Bring this letter, your "
                "passport and the originals of documents you filed. Failure to appear may result in a "
                "denial; a request for evidence may be handed to you at the interview.",
            )
        )
        b.append(("appt", [("Date:", [ds]), ("Time:", [ts]), ("Place:", list(place))]))
    elif n.kind == "transfer":
        b.append(("p", BODY["transfer"][0]))
        new = rng.choice([o for k, o in OFFICES.items() if k != t["receipt_number"][:3]])
        b.append(("p", f"New office: {new[0]}, {new[1]}, {new[2]}."))
    else:
        b.append(
            (
                "p",
                "The applicant has not established eligibility for the benefit sought. The evidence "
                "submitted in response to the request for evidence and the notice of intent to deny did "
                "not overcome the grounds stated.",
            )
        )
        b.append(("p", "You may file a motion to reopen or reconsider on Form I-290B within 33 days."))
    if n.kind == "rfe":
        pages.append([])
        b2 = pages[1]
        b2.append(("small", f"{fmt_receipt(t['receipt_number'], 'plain')}    Page 2 of 2"))
        b2.append(("head", "EVIDENCE REQUESTED"))
        for item in (
            "1. Evidence that the position is a specialty occupation, such as an itinerary of duties.",
            "2. Evidence of the beneficiary's degree and its foreign equivalency.",
            "3. Pay statements for the last six months.",
            "If the evidence is not received by the date on page 1, a denial may follow.",
        ):
            b2.append(("p", item))
        b2.append(("sig", ["Sincerely,", "", "Director", office[0]]))
    else:
        b.append(("sig", ["Sincerely,", "", "Field Office Director" if n.kind == "interview" else "Director"]))
    n.pages = len(pages)
    return pages


def letter_to_pages(spec: list[list[tuple[Any, ...]]], font: str) -> list[Page]:
    bold = font + "-Bold"
    out = []
    for blocks in spec:
        p = Page()
        y = 50.0
        for block in blocks:
            kind = block[0]
            if kind == "lh":
                for i, line in enumerate(block[1]):
                    p.text(60, y + i * 11, line, bold if i < 2 else font, 9 if i < 2 else 8.5)
                y += len(block[1]) * 11 + 10
            elif kind == "date":
                p.text(60, y, block[1], font, 10.5)
                y += 22
            elif kind == "facts":
                fy = 50.0
                for label, parts in block[1]:
                    p.text(330, fy, label, bold, 9)
                    for part in parts:
                        p.text(412, fy, part, font, 10)
                        fy += 12
                    fy += 2
                y = max(y, fy + 8)
            elif kind == "addr":
                for i, line in enumerate(block[1]):
                    p.text(60, y + i * 12, line, font, 10)
                y += len(block[1]) * 12 + 18
            elif kind == "head":
                p.text(306, y, block[1], bold, 12, align="c")
                y += 22
            elif kind == "p":
                y = p.para(60, y, block[1], font, 10, 492) + 6
            elif kind == "appt":
                for label, values in block[1]:
                    p.text(80, y, label, bold, 10)
                    for value in values:
                        p.text(140, y, value, font, 10)
                        y += 12.5
                y += 8
            elif kind == "small":
                p.text(552, 40, block[1], font, 8.5, align="r")
            elif kind == "sig":
                y += 10
                for line in block[1]:
                    if line:
                        p.text(60, y, line, font, 10)
                    y += 13
        out.append(p)
    return out


# ---------------------------------------------------------------------------------------------
# Family "card": an appointment notice whose facts run in one line and whose appointment is a ticket.


def fam_card(n: Notice, rng: random.Random) -> list[Page]:
    font = rng.choice(SANS)
    bold = font + "-Bold"
    t = n.truth
    p = Page()
    p.text(40, 44, "U.S. Department of Homeland Security  |  U.S. Citizenship and Immigration Services", font, 8)
    p.text(572, 44, "I-797C", bold, 10, align="r")
    title = "BIOMETRICS APPOINTMENT" if n.kind == "biometrics" else "INTERVIEW APPOINTMENT"
    if n.kind == "biometrics" and rng.random() < 0.5:
        title = "Biometrics Appointment Notice"
    p.text(40, 74, title, bold, 17)
    if n.kind == "biometrics":
        show(n, "notice_type", title)
    p.line(40, 82, 572, 82, 1.2)
    rcpt = fmt_receipt(t["receipt_number"], rng.choice(("plain", "dash")))
    nd = fmt_date(dt.date.fromisoformat(t["notice_date"]), rng.choice(("us", "us-short", "abbr")))
    show(n, "receipt_number", rcpt)
    show(n, "notice_date", nd)
    form_txt = n.form
    show(n, "form", form_txt)
    facts = [("Receipt", rcpt), ("Notice Date", nd), ("Case Type", form_txt)]
    if rng.random() < 0.7:
        rd = fmt_date(dt.date.fromisoformat(t["received_date"]), "us")
        show(n, "received_date", rd)
        facts.append(("Received", rd))
    x = 40.0
    for i, (label, value) in enumerate(facts):
        if i:
            p.text(x, 98, "·", font, 9)
            x += 8
        x += p.text(x, 98, label + " ", bold, 8)
        x += p.text(x, 98, value, font, 9) + 6
    # applicant line: the A-Number and the name on one line
    y = 124
    who_role = "applicant" if t["applicant"] is not None else "beneficiary"
    name = party_text(n, who_role, rng.choice(("last", "first")))
    p.text(40, y, "APPLICANT" if who_role == "applicant" else "BENEFICIARY", bold, 7.5)
    if t["a_number"]:
        an = fmt_anum(t["a_number"], rng.choice(("hash", "dash", "space")))
        show(n, "a_number", an)
        w = p.text(110, y, an, font, 10)
        p.text(110 + w + 14, y, name, font, 10)
    else:
        p.text(110, y, name, font, 10)
    show(n, who_role, name, value=name)
    if t["petitioner"] is not None:
        pet = party_text(n, "petitioner", "last")
        parts = wrap(pet, font, 10, 440)
        p.text(40, y + 16, "PETITIONER", bold, 7.5)
        for i, part in enumerate(parts):
            p.text(110, y + 16 + i * 12, part, font, 10)
        show(n, "petitioner", *parts, value=" ".join(parts))
        y += 12 * len(parts)
    # the ticket
    y += 30
    ap = t["appointment"]
    place = n.info["place"]
    p.rect(40, y, 532, 118, fill=0.95, stroke=1.2)
    p.line(220, y + 8, 220, y + 110, 0.4, dash=True)
    p.line(420, y + 8, 420, y + 110, 0.4, dash=True)
    p.text(52, y + 20, "WHEN", bold, 9)
    day = dt.date.fromisoformat(ap["date"])
    style = rng.choice(("weekday", "long", "us"))
    ds = fmt_date(day, style)
    if style == "weekday":
        wd, rest = ds.split(", ", 1)
        p.text(52, y + 40, wd + ",", font, 10)
        p.text(52, y + 54, rest, bold, 11)
        shown_date = rest
    else:
        p.text(52, y + 54, ds, bold, 11)
        shown_date = ds
    ts = fmt_time(ap["time"], rng.choice(("ampm", "dots", "24")))
    p.text(52, y + 72, "at " + ts, font, 11)
    p.text(232, y + 20, "WHERE", bold, 9)
    for i, line in enumerate(place):
        p.text(232, y + 40 + i * 14, line, font, 10)
    p.text(432, y + 20, "BRING", bold, 9)
    for i, line in enumerate(("this notice", "photo ID", "your EAD, if any")):
        p.text(432, y + 40 + i * 13, "- " + line, font, 9)
    show(n, "appointment", shown_date, ts, place[1])
    y += 140
    body = (
        BODY["biometrics"]
        if n.kind == "biometrics"
        else (
            "You are scheduled for an interview. Bring the originals of documents filed and this notice. If you "
            "cannot attend, request a new date in writing; a case may be denied as abandoned.",
        )
    )
    for para in body:
        y = p.para(40, y, para, font, 9, 532) + 8
    y += 10
    p.text(40, y, "Mailed to:", bold, 8)
    for i, line in enumerate(addressee_lines(rng, n)):
        p.text(110, y + i * 11, line, font, 9)
    p.text(40, 760, "If you have questions, contact the USCIS Contact Center. Form I-797C 07/11/14", font, 7)
    return [p]


# ---------------------------------------------------------------------------------------------
# Family "slab": a notice as an electronic copy in HTML, a side bar of abbreviated facts, party cards, and
# sometimes a corrected (re-issued) notice that names the date of the notice it replaces.


def fam_slab(n: Notice, rng: random.Random) -> str:
    t = n.truth
    font = CSS_FONTS[rng.choice(("LiberationSans", "DejaVuSans", "Carlito", "LiberationSerif", "Caladea"))]
    e = html.escape
    d_style = rng.choice(("us", "abbr", "long", "dash"))
    side: list[tuple[str, str]] = []
    rcpt = fmt_receipt(t["receipt_number"], rng.choice(("plain", "dash")))
    show(n, "receipt_number", rcpt)
    side.append(("Rcpt #", rcpt))
    form_txt = n.form
    show(n, "form", form_txt)
    side.append(("Case type", f"{form_txt}"))
    rd = fmt_date(dt.date.fromisoformat(t["received_date"]), d_style)
    show(n, "received_date", rd)
    side.append(("Rec'd", rd))
    nd = fmt_date(dt.date.fromisoformat(t["notice_date"]), d_style)
    show(n, "notice_date", nd)
    side.append(("Notice dt", nd))
    if t["priority_date"]:
        pd = fmt_date(dt.date.fromisoformat(t["priority_date"]), d_style)
        show(n, "priority_date", pd)
        side.append(("Prio dt", pd))
    else:
        side.append(("Prio dt", rng.choice(("None", "N/A", "&mdash;"))))
    if t["classification"]:
        show(n, "classification", t["classification"])
        side.append(("Class", t["classification"]))
    if t["amount"]:
        amt = fmt_amount(t["amount"], rng.choice(("dollar", "usd", "whole")))
        show(n, "amount", amt)
        side.append(("Fee", amt))
    side.append(("Page", "1 of 1"))
    type_txt = type_word(n.kind, rng, upper=False, form=n.form)
    show(n, "notice_type", type_txt)
    corrected = n.info.get("corrected")
    parties = []
    order = rng.choice(("lastmixed", "last", "first"))
    for role, label in (("petitioner", "Petitioner"), ("beneficiary", "Beneficiary"), ("applicant", "Applicant")):
        if t[role] is None:
            continue
        text = party_text(n, role, order)
        show(n, role, text, value=text)
        sub = ""
        if role == "applicant" and t["a_number"]:
            an = fmt_anum(t["a_number"], rng.choice(("dash", "space", "plain")))
            show(n, "a_number", an)
            sub = f"<div class='an'>{e(an)}</div>"
        parties.append(f"<div class='party'>{sub}<div class='pv'>{e(text)}</div><div class='pl'>{label}</div></div>")
    valid = ""
    if t["valid_from"]:
        vf = fmt_date(dt.date.fromisoformat(t["valid_from"]), d_style)
        vt = fmt_date(dt.date.fromisoformat(t["valid_to"]), d_style)
        show(n, "valid_from", vf)
        show(n, "valid_to", vt)
        valid = f"<p class='valid'>Valid from <b>{e(vf)}</b> to <b>{e(vt)}</b></p>"
    i94 = ""
    if t["i94_number"]:
        num = t["i94_number"]
        shown = rng.choice((num, f"{num[:3]} {num[3:7]} {num[7:]}"))
        show(n, "i94_number", shown)
        who = party_text(n, "beneficiary" if t["beneficiary"] else "applicant", "last")
        i94 = (
            f"<div class='tear'><div class='cut'>&#9986; cut here and keep with your travel document</div>"
            f"<table><tr><td class='k'>Arrival/Departure Record (I-94) No.</td><td>{e(shown)}</td></tr>"
            f"<tr><td class='k'>Name</td><td>{e(who)}</td></tr></table></div>"
        )
    banner = ""
    if corrected:
        banner = (
            f"<div class='corr'>CORRECTED NOTICE &mdash; this notice replaces the notice dated "
            f"{e(fmt_date(corrected, d_style))}, which showed an error. Please destroy the earlier notice."
            "</div>"
        )
    addr = "<br>".join(e(line) for line in addressee_lines(rng, n))
    body = "".join(f"<p>{e(para)}</p>" for para in BODY.get(n.kind, BODY["receipt"]))
    office = OFFICES[t["receipt_number"][:3]]
    side_html = "".join(
        f"<div class='sk'>{k}</div><div class='sv'>{e(v) if '&' not in v else v}</div>" for k, v in side
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: Letter; margin: 0.5in; }}
body {{ font-family: {font}; font-size: 10pt; margin: 0; color: #111; }}
.top {{ display: flex; justify-content: space-between; border-bottom: 2px solid #222; padding-bottom: 4px; }}
.top .t {{ font-size: 18pt; font-weight: bold; }}
.wrap {{ display: flex; margin-top: 10px; }}
.side {{ width: 1.75in; background: #e8e8e8; padding: 8px; margin-right: 14px; }}
.sk {{ font-size: 7pt; color: #444; margin-top: 6px; }}
.sv {{ font-weight: bold; font-size: 9.5pt; }}
.main {{ flex: 1; }}
.party {{ border-bottom: 1px solid #999; margin: 6px 0; padding-bottom: 2px; width: 4.2in; }}
.pv {{ font-weight: bold; font-size: 10.5pt; }}
.pl {{ font-size: 6.5pt; color: #333; }}
.an {{ font-size: 9pt; }}
.corr {{ border: 2px solid #000; padding: 5px; font-weight: bold; margin-top: 8px; font-size: 9pt; }}
.ty {{ font-size: 13pt; font-weight: bold; margin: 8px 0; }}
.tear {{ margin-top: 18px; border-top: 1px dashed #000; padding-top: 4px; }}
.cut {{ font-size: 7pt; }}
.k {{ font-size: 8pt; padding-right: 10px; }}
.foot {{ position: fixed; bottom: 0; font-size: 7pt; width: 100%; border-top: 1px solid #888; }}
p {{ margin: 6px 0; }}
</style></head><body>
<div class="top"><div>Department of Homeland Security<br>U.S. Citizenship and Immigration Services</div>
<div class="t">{_form_tag(n)} Notice of Action</div></div>
{banner}
<div class="wrap"><div class="side">{side_html}</div>
<div class="main"><div class="ty">{e(type_txt)}</div>
{"".join(parties)}
{valid}
<div style="margin:10px 0 10px 0">{addr}</div>
{body}
{i94}
</div></div>
<div class="foot">{e(office[0])}, {e(office[1])}, {e(office[2])} &nbsp;&nbsp;
Form {_form_tag(n)} (electronic copy)</div>
</body></html>"""


# ---------------------------------------------------------------------------------------------
# Word documents (converted by LibreOffice) and HTML pages (printed by chromium).


def docx_lines(pages_lines: list[list[str]], font: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Inches, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.75)
    sec.top_margin = sec.bottom_margin = Inches(0.7)
    style = doc.styles["Normal"]
    style.font.name = DOCX_FONTS[font]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = Pt(11)
    for pi, lines in enumerate(pages_lines):
        for i, line in enumerate(lines):
            para = doc.add_paragraph()
            run = para.add_run(line)
            if pi < len(pages_lines) - 1 and i == len(lines) - 1:
                run.add_break(WD_BREAK.PAGE)
    buf = io.BytesIO()
    doc.core_properties.created = dt.datetime(2026, 1, 1)
    doc.core_properties.modified = dt.datetime(2026, 1, 1)
    doc.save(buf)
    return buf.getvalue()


def docx_letter(spec: list[list[tuple[Any, ...]]], font: str) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Inches, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.9)
    sec.top_margin = sec.bottom_margin = Inches(0.6)
    style = doc.styles["Normal"]
    style.font.name = DOCX_FONTS[font]
    style.font.size = Pt(10)
    style.paragraph_format.space_after = Pt(3)
    style.paragraph_format.space_before = Pt(0)

    def para(text: str = "", bold: bool = False, size: float | None = None, align: Any = None) -> Any:
        p = doc.add_paragraph()
        if text:
            r = p.add_run(text)
            r.bold = bold
            if size:
                r.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        return p

    for pi, blocks in enumerate(spec):
        if pi:
            doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        # letterhead and facts side by side in a borderless table
        lh = next((b for b in blocks if b[0] == "lh"), None)
        facts = next((b for b in blocks if b[0] == "facts"), None)
        if lh or facts:
            table = doc.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            left, right = table.rows[0].cells
            left.width, right.width = Inches(3.4), Inches(3.3)
            left.paragraphs[0].add_run("\n".join((lh or ("lh", []))[1])).font.size = Pt(9)
            first = True
            for label, parts in (facts or ("facts", []))[1]:
                p = right.paragraphs[0] if first else right.add_paragraph()
                first = False
                p.paragraph_format.space_after = Pt(1)
                r = p.add_run(label + " ")
                r.bold = True
                r.font.size = Pt(9)
                p.add_run(" ".join(parts)).font.size = Pt(10)
        for block in blocks:
            kind = block[0]
            if kind in ("lh", "facts"):
                continue
            if kind == "date":
                para()
                para(block[1])
            elif kind == "addr":
                para()
                for line in block[1]:
                    p = para(line)
                    p.paragraph_format.space_after = Pt(0)
                para()
            elif kind == "head":
                para(block[1], bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
            elif kind == "p":
                para(block[1])
            elif kind == "appt":
                for label, values in block[1]:
                    p = para()
                    p.paragraph_format.left_indent = Inches(0.3)
                    r = p.add_run(label + " ")
                    r.bold = True
                    p.add_run(", ".join(values) if label == "Place:" else values[0])
            elif kind == "small":
                para(block[1], size=8, align=WD_ALIGN_PARAGRAPH.RIGHT)
            elif kind == "sig":
                para()
                for line in block[1]:
                    p = para(line)
                    p.paragraph_format.space_after = Pt(0)
    doc.core_properties.created = dt.datetime(2026, 1, 1)
    doc.core_properties.modified = dt.datetime(2026, 1, 1)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def run_soffice(docs: dict[str, bytes], work: Path) -> dict[str, bytes]:
    """Converts Word documents to PDF with one LibreOffice call (its own profile folder)."""
    if not docs:
        return {}
    src = work / "docx"
    out = work / "docx-pdf"
    src.mkdir(exist_ok=True)
    out.mkdir(exist_ok=True)
    for key, data in docs.items():
        (src / f"{key}.docx").write_bytes(data)
    profile = work / "lo-profile"
    cmd = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *sorted(str(p) for p in src.glob("*.docx")),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    result = {}
    for key in docs:
        pdf = out / f"{key}.pdf"
        if not pdf.exists():
            raise RuntimeError(f"LibreOffice did not convert {key}.docx")
        result[key] = pdf.read_bytes()
    return result


def run_chromium(pages: dict[str, str]) -> dict[str, bytes]:
    """Prints HTML pages to PDF with one headless chromium (Debian's /usr/bin/chromium through Playwright)."""
    if not pages:
        return {}
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for key in sorted(pages):
            page.set_content(pages[key], wait_until="load")
            result[key] = page.pdf(format="Letter", print_background=True, prefer_css_page_size=True)
        browser.close()
    return result


def normalize_pdf(data: bytes) -> bytes:
    """Same bytes for the same input: dates and document ids out, a deterministic id in."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                del info[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        if "/ID" in pdf.trailer:
            del pdf.trailer["/ID"]  # qpdf keeps the first id of its input: a producer's random or dated one
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Rendering a document, and the check that every printed value is in the text layer and says the true value.


def prepare(doc: Doc, seed: int) -> tuple[str, Any]:
    """Runs the family printer: returns (producer, payload) where payload is pages of ops, Word bytes or HTML."""
    rng = _rng_for(seed, "doc:" + doc.key)
    n = doc.notice
    if n is None:
        assert doc.build is not None
        return doc.producer, doc.build(rng)
    n.printed = {}
    if n.family == "strip":
        payload: Any = fam_strip(n, rng)
    elif n.family == "card":
        payload = fam_card(n, rng)
    elif n.family == "typed":
        lines = fam_typed(n, rng)
        font = rng.choice(MONO)
        payload = docx_lines(lines, font) if n.producer == "libreoffice" else lines_to_pages(lines, font)
    elif n.family == "letter":
        spec = fam_letter(n, rng)
        font = rng.choice(("LiberationSerif", "Caladea", "DejaVuSerif", "Carlito"))
        payload = docx_letter(spec, font) if n.producer == "libreoffice" else letter_to_pages(spec, font)
    elif n.family == "slab":
        payload = fam_slab(n, rng)
    else:
        raise ValueError(n.family)
    finalize(n)
    return n.producer, payload


def render_all(docs: list[Doc], seed: int, work: Path) -> None:
    word: dict[str, bytes] = {}
    pages: dict[str, str] = {}
    for doc in docs:
        producer, payload = prepare(doc, seed)
        if producer == "reportlab":
            doc.pdf = render_reportlab(payload)
        elif producer == "fpdf2":
            doc.pdf = render_fpdf(payload)
        elif producer == "libreoffice":
            word[doc.key] = payload
        elif producer == "chromium":
            pages[doc.key] = payload
        else:
            raise ValueError(producer)
    for key, data in {**run_soffice(word, work), **run_chromium(pages)}.items():
        next(d for d in docs if d.key == key).pdf = data
    for doc in docs:
        doc.pdf = normalize_pdf(doc.pdf)


def page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _squash(text: str) -> str:
    return " ".join(text.split())


def found(piece: str, text: str) -> bool:
    """Whether ``piece`` is in the text layer (spacing aside; a ligature glyph counts as its letters)."""
    text = unicodedata.normalize("NFKC", text)
    if _squash(piece) in _squash(text):
        return True
    return "".join(piece.split()) in "".join(text.split())


def says(name: str, pieces: list[str], value: Any) -> bool:
    """Whether the printed pieces of field ``name`` read back as the true ``value``."""
    if name in ("petitioner", "beneficiary", "applicant"):
        return " ".join(pieces) == value
    piece = pieces[0]
    if name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
        return len(pieces) == 1 and parse_date(piece) == dt.date.fromisoformat(value)
    if name in ("receipt_number", "form", "classification"):
        return "".join(ch for ch in piece.upper() if ch.isalnum()) == value.replace("-", "").upper()
    if name == "a_number":
        return "".join(ch for ch in piece if ch.isdigit()).zfill(9) == value
    if name == "i94_number":
        return "".join(ch for ch in piece if ch.isdigit()) == value
    if name == "amount":
        return f"{float(''.join(ch for ch in piece if ch.isdigit() or ch == '.')):.2f}" == value
    if name == "notice_type":
        return (
            piece in TYPE_WORDS[value]
            or (value == "denial" and piece == "DENIED")
            or (value == "noid" and piece.upper() in ("NOTICE OF INTENT TO DENY", "NOTICE OF INTENT TO REVOKE"))
            or (piece.upper() in (w.upper() for w in TYPE_WORDS[value]))
            or (value == "transfer" and piece.upper() in ("NOTICE OF CASE TRANSFER", "TRANSFER NOTICE"))
            or (value == "rfe" and piece.upper() == "REQUEST FOR EVIDENCE")
        )
    if name == "appointment":
        d, tm, street = pieces
        return (
            parse_date(d) == dt.date.fromisoformat(value["date"])
            and parse_time(tm) == value["time"]
            and (street == value["location"])
        )
    return False


def check_notice(n: Notice, texts: list[str], where: str) -> None:
    """Refuses (raises) when a value is not printed in the text layer of the notice's pages or says another one."""
    joined = "\n".join(texts)
    t = n.truth
    order = [t["received_date"], t["notice_date"], (t["appointment"] or {}).get("date"), t["response_due"]]
    dates = [d for d in order if d]
    if dates != sorted(dates) or (t["valid_from"] and t["valid_from"] >= t["valid_to"]):
        raise RuntimeError(f"{where}: the notice's dates are out of order: {order}")
    for name in FIELDS:
        value = n.truth[name]
        pieces = n.printed.get(name)
        if value is None:
            if pieces and not (name == "notice_type" and n.kind == "interview"):
                raise RuntimeError(f"{where}: {name} printed as {pieces!r} but the truth is null")
            continue
        if not pieces:
            raise RuntimeError(f"{where}: {name} is {value!r} in the truth but the page does not print it")
        if not says(name, pieces, value):
            raise RuntimeError(f"{where}: {name} printed as {pieces!r} does not say {value!r}")
        for piece in pieces:
            if not found(piece, joined):
                raise RuntimeError(f"{where}: {name} piece {piece!r} is not in the text layer")


# ---------------------------------------------------------------------------------------------
# Papers that are not notices, and the pages a document bundle adds.


def nn_portal(rng: random.Random, rows: list[Notice]) -> str:
    e = html.escape
    body = ""
    for n in rows:
        who = n.info["person"]
        body += (
            f"<tr><td>{e(name_first_last(who))}</td><td>{e(n.truth['receipt_number'])}</td><td>{e(n.form)}</td>"
            f"<td>{e(TYPE_WORDS[n.kind][0] if n.kind in TYPE_WORDS else 'Interview')}</td>"
            f"<td>{e(fmt_date(dt.date.fromisoformat(n.truth['notice_date']), 'us'))}</td>"
            f"<td>{rng.choice(('Filed', 'Docketed', 'Awaiting review'))}</td></tr>"
        )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: Letter landscape; margin: 0.4in; }}
body {{ font-family: 'DejaVu Sans'; font-size: 9pt; }}
h1 {{ font-size: 14pt; margin: 0; }} table {{ border-collapse: collapse; width: 100%; margin-top: 10px; }}
td, th {{ border: 1px solid #aaa; padding: 3px 5px; text-align: left; }} th {{ background: #dde; }}
</style></head><body>
<div>Meridian Relocation Partners &middot; CaseDesk</div>
<h1>Immigration documents received &mdash; export</h1>
<div>Exported {rng.randrange(1, 28):02d}.{rng.randrange(1, 13):02d}.2026 by a.kowalski &middot;
Program: Global Transfers 2026</div>
<table><tr><th>Employee</th><th>Receipt number</th><th>Form</th><th>Document</th><th>Notice date</th>
<th>Status</th></tr>
{body}</table>
<p>This export lists documents uploaded to CaseDesk. It is not a government document. Original notices (Form
I-797, I-797A, I-797C) are kept in each case's document bundle.</p></body></html>"""


def nn_memo(rng: random.Random, n: Notice) -> bytes:
    who = n.info["person"]
    spec: list[list[tuple[Any, ...]]] = [
        [
            (
                "lh",
                [
                    "HALVORSEN GROUP, INC.",
                    "Legal Department - Immigration",
                    "2200 Sixth Avenue, Floor 12",
                    "Seattle WA 98121",
                    "",
                ],
            ),
            ("date", fmt_date(dt.date.fromisoformat(n.truth["notice_date"]) + dt.timedelta(days=9), "long")),
            (
                "addr",
                [
                    "To: Global Mobility (Relocation desk)",
                    f"Re: {name_first_last(who)} - Form I-797A, Notice of Action",
                ],
            ),
            ("head", "MEMORANDUM"),
            (
                "p",
                f"Enclosed is a copy of the Form I-797 Notice of Action for {name_first_last(who)}, receipt number "
                f"{n.truth['receipt_number']}, notice date "
                f"{fmt_date(dt.date.fromisoformat(n.truth['notice_date']), 'long')}. The original stays in the "
                "legal file. Please update the employee's case in CaseDesk and calendar the validity end date.",
            ),
            (
                "p",
                "If USCIS sends a request for evidence or a notice of intent to deny in this matter, forward it to "
                "us the same day.",
            ),
            ("sig", ["Regards,", "", "Priya Raghunathan, Senior Counsel"]),
        ]
    ]
    return docx_letter(spec, "Carlito")


def nn_slip(rng: random.Random, n: Notice) -> list[Page]:
    p = Page()
    font = "LiberationSans"
    p.rect(60, 60, 492, 420, stroke=1.5)
    p.text(306, 92, "LEGAL DEPARTMENT - MAIL ROUTING SLIP", font + "-Bold", 14, align="c")
    rows = [
        (
            "Date received in mailroom",
            fmt_date(dt.date.fromisoformat(n.truth["notice_date"]) + dt.timedelta(days=4), "us"),
        ),
        ("Sender", "USCIS"),
        ("Document", "Form I-797C Notice of Action (receipt)"),
        ("Receipt No. quoted", fmt_receipt(n.truth["receipt_number"], "dash")),
        ("Employee / matter", name_last_first(n.info["person"])),
        ("Route to", "[ ] Counsel   [x] Paralegal   [ ] Global Mobility"),
        ("Action", "Docket, scan to CaseDesk, file original"),
    ]
    y = 130
    for label, value in rows:
        p.text(80, y, label, font + "-Bold", 9.5)
        p.text(250, y, value, font, 10)
        p.line(245, y + 4, 530, y + 4, 0.3)
        y += 30
    p.text(80, y + 20, "Initials: ______   Date docketed: ____________", font, 10)
    return [p]


def nn_envelope(rng: random.Random, n: Notice) -> list[Page]:
    p = Page(684, 306)
    font = "LiberationSans"
    p.text(30, 36, "U.S. Department of Homeland Security", font + "-Bold", 9)
    p.text(30, 48, "U.S. Citizenship and Immigration Services", font, 9)
    office = OFFICES[n.truth["receipt_number"][:3]]
    p.text(30, 60, office[1], font, 9)
    p.text(30, 72, office[2], font, 9)
    p.text(30, 96, "OFFICIAL BUSINESS", font + "-Bold", 9)
    p.text(30, 108, "Penalty for Private Use, $300", font, 8)
    p.rect(560, 26, 96, 60, stroke=0.8)
    p.text(608, 52, "PRESORTED", font, 7, align="c")
    p.text(608, 62, "FIRST-CLASS MAIL", font, 7, align="c")
    p.text(608, 72, "POSTAGE & FEES PAID", font, 7, align="c")
    for i, line in enumerate(addressee_lines(rng, n)):
        p.text(300, 180 + i * 13, line, font, 11)
    p.text(300, 250, "IMPORTANT NOTICE ENCLOSED - I-797", font + "-Bold", 8)
    return [p]


def bundle_index(rng: random.Random, case_id: str, employee: str, items: list[tuple[str, str, int, str]]) -> Page:
    p = Page()
    font = "DejaVuSansCondensed"
    p.text(40, 50, "Meridian Relocation Partners", font + "-Bold", 11)
    p.text(40, 64, "CaseDesk document bundle", font, 10)
    p.text(572, 50, f"Case {case_id}", font + "-Bold", 10, align="r")
    p.text(
        572,
        64,
        f"Generated {rng.randrange(1, 28):02d}.{rng.randrange(1, 13):02d}.2026 14:{rng.randrange(60):02d}",
        font,
        8,
        align="r",
    )
    p.line(40, 72, 572, 72, 1)
    p.text(40, 96, f"Employee: {employee}", font, 10)
    p.text(40, 112, "Contents", font + "-Bold", 12)
    y = 134
    p.text(40, y, "#", font + "-Bold", 8.5)
    p.text(60, y, "Document", font + "-Bold", 8.5)
    p.text(330, y, "Reference", font + "-Bold", 8.5)
    p.text(450, y, "Bates", font + "-Bold", 8.5)
    y += 14
    for i, (title, ref, pages, bates) in enumerate(items, 1):
        p.text(40, y, str(i), font, 9)
        p.text(60, y, title, font, 9)
        p.text(330, y, ref, font, 9)
        p.text(450, y, f"{bates} ({pages} p.)", font, 9)
        y += 14
    p.text(
        40, y + 20, "Copies of USCIS notices as uploaded by counsel. Confidential: attorney-client privileged.", font, 8
    )
    return p


# ---------------------------------------------------------------------------------------------
# Assembling a file's pages: plain, a CaseDesk bundle (index page, page header, Bates footer), two or four up.


def _overlay(page: Page) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(render_reportlab([page]))).pages[0]


def assemble(spec: FileSpec, seed: int) -> tuple[bytes, list[list[int]]]:
    """The file's PDF (before any scanning) and, per document, its 1-based page numbers in it."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    rng = _rng_for(seed, "assemble:" + spec.name)
    readers = [PdfReader(io.BytesIO(d.pdf)) for d in spec.docs]
    writer = PdfWriter()
    placed: list[list[int]] = [[] for _ in spec.docs]
    if spec.assembly in ("plain", "bundle"):
        bates0 = rng.randrange(100, 9000)
        prefix = rng.choice(("MRP", "HGM", "CD-MRP"))
        case_id = f"HGM-2026-{rng.randrange(100, 999):05d}"
        total = sum(len(r.pages) for r in readers)
        items = []
        if spec.assembly == "bundle":
            bates = bates0 + 1
            for d, r in zip(spec.docs, readers, strict=True):
                n = d.notice
                title = (
                    f"USCIS {n.form} {TYPE_WORDS.get(n.kind, ('Interview notice',))[0].lower()}"
                    if n
                    else "Correspondence"
                )
                ref = (
                    f"{n.truth['receipt_number']} / {fmt_date(dt.date.fromisoformat(n.truth['notice_date']), 'iso')}"
                    if n
                    else "-"
                )
                items.append((title, ref, len(r.pages), f"{prefix}-{bates:06d}"))
                bates += len(r.pages)
            who = next((d.notice.info["person"] for d in spec.docs if d.notice), ("DOE", "JANE", ""))
            writer.add_page(_overlay(bundle_index(rng, case_id, name_first_last(who), items)))
        count = 0
        for di, r in enumerate(readers):
            for page in r.pages:
                count += 1
                if spec.assembly == "bundle":
                    new = PageObject.create_blank_page(width=PAGE_W, height=PAGE_H)
                    new.merge_transformed_page(page, Transformation().scale(0.9, 0.9).translate(30.6, 36))
                    head = Page()
                    head.text(
                        36,
                        22,
                        f"CaseDesk bundle {case_id}  |  Document {di + 1} of {len(readers)}  |  "
                        f"printed {rng.randrange(1, 28):02d}.{rng.randrange(1, 13):02d}.2026",
                        "DejaVuSansCondensed",
                        7.5,
                    )
                    head.line(36, 27, 576, 27, 0.4)
                    head.text(576, 776, f"{prefix}-{bates0 + count:06d}", "LiberationMono-Bold", 9, align="r")
                    head.text(36, 776, f"Confidential - page {count + 1} of {total + 1}", "DejaVuSansCondensed", 7)
                    new.merge_page(_overlay(head))
                    writer.add_page(new)
                else:
                    writer.add_page(page)
                placed[di].append(len(writer.pages))
    else:
        per = 2 if spec.assembly == "nup2" else 4
        flat = [(di, page) for di, r in enumerate(readers) for page in r.pages]
        for start in range(0, len(flat), per):
            chunk = flat[start : start + per]
            if per == 2:
                sheet = PageObject.create_blank_page(width=PAGE_H, height=PAGE_W)
                s = 396 / PAGE_W
                spots = [(0.0, (PAGE_W - PAGE_H * s) / 2), (396.0, (PAGE_W - PAGE_H * s) / 2)]
            else:
                sheet = PageObject.create_blank_page(width=PAGE_W, height=PAGE_H)
                s = 0.5
                spots = [(0.0, 396.0), (306.0, 396.0), (0.0, 0.0), (306.0, 0.0)]
            for (di, page), (x, y) in zip(chunk, spots, strict=False):
                sheet.merge_transformed_page(page, Transformation().scale(s, s).translate(x, y))
                sheet_idx = len(writer.pages) + 1
                if sheet_idx not in placed[di]:
                    placed[di].append(sheet_idx)
            writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    return normalize_pdf(out.getvalue()), placed


# ---------------------------------------------------------------------------------------------
# Paper: pages rendered to pixels, annotated by the legal team, then scanned, faxed or photographed.


@dataclass
class Raster:
    image: Image.Image
    scale: float
    height_pt: float
    value_boxes: list[tuple[float, float, float, float]]  # pixels: x0, y0, x1, y1
    text_mask: np.ndarray  # True where any character is (pixels / 4)


def rasterize(pdf: bytes, dpi: int, pieces_per_page: dict[int, list[str]]) -> list[Raster]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    out = []
    scale = dpi / 72
    for i in range(len(doc)):
        page = doc[i]
        _width, height = page.get_size()
        image = page.render(scale=scale).to_pil().convert("RGB")
        tp = page.get_textpage()
        mask = np.zeros((image.height // 4 + 1, image.width // 4 + 1), dtype=bool)
        for ci in range(tp.count_chars()):
            left, bottom, right, top = tp.get_charbox(ci)
            x0, x1 = int(left * scale / 4), int(right * scale / 4) + 1
            y0, y1 = int((height - top) * scale / 4), int((height - bottom) * scale / 4) + 1
            mask[max(y0, 0) : max(y1, 0), max(x0, 0) : max(x1, 0)] = True
        boxes = []
        for piece in pieces_per_page.get(i, []):
            searcher = tp.search(piece, match_case=True)
            while hit := searcher.get_next():  # every place it is printed (two notices on a sheet share values)
                idx, count = hit
                cb = [tp.get_charbox(j) for j in range(idx, idx + count)]
                boxes.append(
                    (
                        min(b[0] for b in cb) * scale,
                        (height - max(b[3] for b in cb)) * scale,
                        max(b[2] for b in cb) * scale,
                        (height - min(b[1] for b in cb)) * scale,
                    )
                )
        out.append(Raster(image, scale, height, boxes, mask))
        tp.close()
        page.close()
    doc.close()
    return out


NOTES = (
    "docketed",
    "cc: HR",
    "pls file",
    "copy to EE",
    "ck I-94!",
    "RFE -> atty",
    "called client",
    "orig in file",
    "scan to CaseDesk",
    "2nd copy?",
    "ok",
    "see email",
    "per JK: file",
)


def _free(mask: np.ndarray, x: int, y: int, w: int, h: int) -> bool:
    x0, y0, x1, y1 = x // 4, y // 4, (x + w) // 4 + 1, (y + h) // 4 + 1
    if x0 < 0 or y0 < 0 or y1 > mask.shape[0] or x1 > mask.shape[1]:
        return False
    return not mask[y0:y1, x0:x1].any()


def _hits(boxes: list[tuple[float, float, float, float]], x: int, y: int, w: int, h: int, pad: float) -> bool:
    return any(
        not (bx1 + pad < x or bx0 - pad > x + w or by1 + pad < y or by0 - pad > y + h) for bx0, by0, bx1, by1 in boxes
    )


def _ink(
    size: tuple[int, int], text: str, px: int, color: tuple[int, int, int], angle: float, font_path: Path = HAND_FONT
) -> Image.Image:
    font = ImageFont.truetype(str(font_path), px)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.text((4, 4), text, font=font, fill=(*color, 235))
    return layer.rotate(angle, resample=Image.BICUBIC, expand=True)


def annotate(r: Raster, rng: random.Random, marks: tuple[str, ...]) -> None:
    """The legal team's marks: a RECEIVED stamp, highlighter, pen notes, a sticky note; never over a value."""
    img = r.image
    s = r.scale
    draw = ImageDraw.Draw(img, "RGBA")
    for mark in marks:
        if mark == "highlight" and r.value_boxes:
            for box in rng.sample(r.value_boxes, min(2, len(r.value_boxes))):
                x0, y0, x1, y1 = box
                arr = np.asarray(img).astype(np.float32)
                ys, ye, xs, xe = int(y0 - 2 * s), int(y1 + 2 * s), int(x0 - 3 * s), int(x1 + 3 * s)
                arr[ys:ye, xs:xe] *= np.array([1.0, 0.95, 0.45], dtype=np.float32)
                img.paste(Image.fromarray(arr.clip(0, 255).astype(np.uint8)))
        elif mark == "underline" and r.value_boxes:
            x0, y0, x1, y1 = rng.choice(r.value_boxes)
            wob = [(x0 + (x1 - x0) * k / 8, y1 + 3 * s + rng.uniform(-1, 1) * s) for k in range(9)]
            draw.line(wob, fill=(25, 45, 160, 230), width=max(2, int(1.2 * s)))
        elif mark == "tick" and r.value_boxes:
            x0, y0, x1, y1 = rng.choice(r.value_boxes)
            cx, cy = x1 + 8 * s, (y0 + y1) / 2
            if not _hits(r.value_boxes, int(cx), int(cy - 6 * s), int(10 * s), int(10 * s), 0):
                draw.line(
                    [(cx, cy), (cx + 3 * s, cy + 4 * s), (cx + 10 * s, cy - 6 * s)],
                    fill=(25, 45, 160, 230),
                    width=max(2, int(1.4 * s)),
                )
        elif mark in ("stamp", "note", "sticky"):
            if mark == "stamp":
                day = dt.date(2026, rng.randrange(1, 13), rng.randrange(1, 28))
                text = f"RECEIVED\n{fmt_date(day, 'upper')}\nLEGAL DEPT."
                layer = _ink(
                    (int(150 * s), int(70 * s)),
                    text,
                    int(14 * s),
                    (190, 30, 40),
                    rng.uniform(-12, 12),
                    FONT_DIR / FONT_FILES["LiberationSans-Bold"],
                )
            elif mark == "note":
                text = rng.choice(NOTES)
                if rng.random() < 0.4:
                    text += f" {rng.randrange(1, 13)}/{rng.randrange(1, 29)}"
                layer = _ink(
                    (int(140 * s), int(30 * s)),
                    text,
                    int(13 * s),
                    (20, 40, 150),
                    rng.uniform(-8, 8),
                    rng.choice((HAND_FONT, HAND_FONT2)),
                )
            else:
                w = int(110 * s)
                layer = Image.new("RGBA", (w, w), (255, 236, 120, 255))
                ink = _ink(
                    (w, w),
                    rng.choice(("Pls docket\nby Fri", "Call atty\nre: this", "EE copy\nsent", "2 notices\nsame #?")),
                    int(14 * s),
                    (20, 40, 150),
                    0,
                    HAND_FONT,
                )
                layer.alpha_composite(ink, (int(6 * s), int(10 * s)))
                layer = layer.rotate(rng.uniform(-6, 6), resample=Image.BICUBIC, expand=True)
            lw, lh = layer.size
            targets = list(r.value_boxes)
            rng.shuffle(targets)
            for attempt in range(160):
                if mark == "sticky":
                    x = rng.choice((int(-0.2 * lw), img.width - int(0.8 * lw)))
                    y = rng.choice((int(-0.2 * lh), img.height - int(0.8 * lh)))
                    if _hits(r.value_boxes, x, y, lw, lh, 6 * s):
                        continue
                elif mark == "note" and targets and attempt < 60:
                    _bx0, by0, bx1, _by1 = targets[attempt % len(targets)]
                    x = int(bx1 + rng.uniform(6, 60) * s)
                    y = int(by0 + rng.uniform(-30, 20) * s)
                    if not _free(r.text_mask, x, y, lw, lh):
                        continue
                else:
                    x = int(rng.uniform(0, img.width - lw))
                    y = int(rng.uniform(0, img.height - lh))
                    if not _free(r.text_mask, x, y, lw, lh):
                        continue
                img.paste(layer.convert("RGB"), (x, y), layer)
                r.text_mask[max(y, 0) // 4 : (y + lh) // 4 + 1, max(x, 0) // 4 : (x + lw) // 4 + 1] = True
                break


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    matrix = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(matrix, dtype=float)
    b = np.array([c for pair in src for c in pair], dtype=float)
    return [float(v) for v in np.linalg.solve(a, b)]


def photograph(img: Image.Image, rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    """A phone photo of the sheet on a desk: perspective, warm uneven light, vignette, a little blur."""
    w, h = img.size
    out_w, out_h = int(w * 1.25), int(h * 1.2)
    yy, xx = np.mgrid[0:out_h, 0:out_w]
    grain = np.sin(xx / rng.uniform(9, 15) + np.sin(yy / 70) * 3) * 18 + nrng.normal(0, 6, (out_h, out_w))
    desk = np.stack([120 + grain, 82 + grain * 0.8, 50 + grain * 0.6], axis=-1).clip(0, 255).astype(np.uint8)
    bg = Image.fromarray(desk, "RGB")
    m = 0.08
    corners = [
        (out_w * (0.1 + rng.uniform(-m, m) / 2), out_h * (0.06 + rng.uniform(0, m) / 2)),
        (out_w * (0.9 + rng.uniform(-m, m) / 2), out_h * (0.05 + rng.uniform(0, m) / 2)),
        (out_w * (0.93 + rng.uniform(-m, m) / 2), out_h * (0.95 - rng.uniform(0, m) / 2)),
        (out_w * (0.07 + rng.uniform(-m, m) / 2), out_h * (0.94 - rng.uniform(0, m) / 2)),
    ]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = _perspective_coeffs(corners, src)
    warped = img.transform((out_w, out_h), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", (w, h), 255).transform((out_w, out_h), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    bg.paste(warped, (0, 0), mask)
    arr = np.asarray(bg).astype(np.float32)
    cx, cy = rng.uniform(0.3, 0.7) * out_w, rng.uniform(0.2, 0.6) * out_h
    dist = np.sqrt(((xx - cx) / out_w) ** 2 + ((yy - cy) / out_h) ** 2)
    light = (1.08 - dist * rng.uniform(0.5, 0.8))[..., None]
    arr = arr * light * np.array([1.04, 0.98, 0.86])
    arr += nrng.normal(0, 4, arr.shape)
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.7))
    return out


def degrade(img: Image.Image, fx: dict[str, Any], rng: random.Random, nrng: np.random.Generator) -> Image.Image:
    if fx.get("photo"):
        return photograph(img, rng, nrng)
    color = fx.get("color", False)
    im = img if color else img.convert("L")
    arr = np.asarray(im).astype(np.float32)
    paper = fx.get("paper", 242)
    toner = fx.get("toner", 30)
    arr = toner + (arr / 255.0) * (paper - toner)
    if fx.get("lamp"):
        ramp = np.linspace(1.0, 1.0 - fx["lamp"], arr.shape[1])
        arr = arr * (ramp[None, :, None] if arr.ndim == 3 else ramp[None, :])
    im = Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB" if color else "L")
    if fx.get("blur"):
        im = im.filter(ImageFilter.GaussianBlur(fx["blur"]))
    if fx.get("skew"):
        im = im.rotate(fx["skew"], resample=Image.BICUBIC, expand=True, fillcolor=(paper,) * 3 if color else paper)
    arr = np.asarray(im).astype(np.float32)
    if fx.get("noise"):
        arr = arr + nrng.normal(0, fx["noise"], arr.shape)
    if fx.get("specks"):
        for _ in range(fx["specks"]):
            y, x = int(nrng.integers(0, arr.shape[0] - 4)), int(nrng.integers(0, arr.shape[1] - 4))
            arr[y : y + int(nrng.integers(1, 4)), x : x + int(nrng.integers(1, 4))] = 40
    im = Image.fromarray(arr.clip(0, 255).astype(np.uint8), "RGB" if color else "L")
    if fx.get("fax"):
        w, h = im.size
        if fx["fax"] == "std":
            im = im.resize((w, h // 2), Image.BILINEAR).resize((w, h), Image.NEAREST)
        im = im.point(lambda v: 255 if v > 150 else 0).convert("1")
    if fx.get("rotate"):
        im = im.rotate(fx["rotate"], expand=True)
    return im


def encode(im: Image.Image, fmt: str, dpi: int, quality: int = 75) -> bytes:
    buf = io.BytesIO()
    if fmt == "jpeg":
        im.convert("RGB" if im.mode == "RGB" else "L").save(
            buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=False
        )
    elif fmt == "png":
        im.save(buf, "PNG", dpi=(dpi, dpi))
    elif fmt == "tiff-g4":
        im.convert("1").save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        raise ValueError(fmt)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The catalogue: which files, which notices, which paper.

SCAN_PRESETS: dict[str, dict[str, Any]] = {
    "copier": {"dpi": 300, "blur": 0.6, "skew": 1.2, "noise": 5, "jpeg": 70, "specks": 20},
    "copier-200": {"dpi": 200, "blur": 0.5, "skew": -0.8, "noise": 6, "jpeg": 65, "lamp": 0.15},
    "grey-150": {"dpi": 150, "blur": 0.3, "skew": 0.6, "noise": 4, "jpeg": 60, "paper": 228},
    "heavy-jpeg": {"dpi": 200, "blur": 0.8, "skew": 1.8, "noise": 7, "jpeg": 28, "toner": 55},
    "fax-fine": {"dpi": 200, "fax": "fine", "skew": 0.7, "noise": 10},
    "fax-std": {"dpi": 200, "fax": "std", "skew": -1.1, "noise": 12},
    "sideways": {"dpi": 200, "blur": 0.5, "skew": 0.5, "noise": 5, "jpeg": 70, "rotate": 90},
    "upside": {"dpi": 250, "blur": 0.4, "noise": 5, "jpeg": 70, "rotate": 180},
    "colour": {"dpi": 200, "color": True, "blur": 0.5, "skew": -1.4, "noise": 4, "jpeg": 75, "lamp": 0.2},
    "faint": {"dpi": 300, "toner": 105, "paper": 236, "blur": 0.9, "skew": 0.9, "noise": 5, "jpeg": 70},
    "photo": {"dpi": 200, "photo": True, "jpeg": 80},
    "png": {"dpi": 200, "blur": 0.4, "skew": -0.6, "noise": 3},
}
MARKS = (
    ("stamp", "highlight", "note"),
    ("sticky", "underline", "note"),
    ("note", "tick", "stamp"),
    ("highlight", "note", "note"),
    ("stamp", "sticky"),
    ("underline", "tick", "note", "stamp"),
)

# (family, producer, kind, form, era) per single notice; media assigned below
SINGLES: tuple[tuple[str, str, str, str, str], ...] = (
    ("strip", "reportlab", "receipt", "I-129", "now"),
    ("strip", "fpdf2", "approval", "I-129", "now"),
    ("strip", "reportlab", "biometrics", "I-485", "now"),
    ("strip", "fpdf2", "receipt", "I-140", "now"),
    ("strip", "reportlab", "rejection", "I-765", "now"),
    ("strip", "fpdf2", "transfer", "I-130", "now"),
    ("strip", "reportlab", "receipt", "N-400", "now"),
    ("strip", "fpdf2", "approval", "I-539", "now"),
    ("strip", "reportlab", "approval", "I-140", "mid"),
    ("typed", "libreoffice", "receipt", "I-129", "old"),
    ("typed", "libreoffice", "approval", "I-129", "old"),
    ("typed", "reportlab", "approval", "I-539", "old"),
    ("typed", "fpdf2", "transfer", "I-485", "old"),
    ("typed", "libreoffice", "receipt", "I-485", "old"),
    ("typed", "reportlab", "receipt", "I-130", "mid"),
    ("letter", "libreoffice", "rfe", "I-129", "now"),
    ("letter", "libreoffice", "noid", "I-130", "now"),
    ("letter", "libreoffice", "interview", "N-400", "now"),
    ("letter", "fpdf2", "denial", "I-485", "now"),
    ("letter", "fpdf2", "rfe", "I-765", "now"),
    ("letter", "reportlab", "noid", "I-140", "mid"),
    ("letter", "fpdf2", "transfer", "I-539", "now"),
    ("letter", "libreoffice", "denial", "I-539", "mid"),
    ("card", "reportlab", "biometrics", "I-765", "now"),
    ("card", "fpdf2", "interview", "I-485", "now"),
    ("card", "reportlab", "biometrics", "N-400", "now"),
    ("card", "fpdf2", "biometrics", "I-131", "now"),
    ("card", "reportlab", "biometrics", "I-90", "now"),
    ("slab", "chromium", "approval", "I-129", "now"),
    ("slab", "chromium", "receipt", "I-130", "now"),
    ("slab", "chromium", "receipt", "I-131", "now"),
    ("slab", "chromium", "approval", "I-539", "now"),
    ("slab", "chromium", "receipt", "I-129F", "now"),
    ("slab", "chromium", "receipt", "I-751", "now"),
    ("strip", "fpdf2", "receipt", "I-765", "now"),
    ("strip", "reportlab", "receipt", "I-907", "now"),
    ("slab", "chromium", "approval", "I-140", "now"),
    ("typed", "libreoffice", "approval", "I-140", "old"),
    ("strip", "fpdf2", "receipt", "I-90", "now"),
    ("letter", "libreoffice", "rfe", "I-140", "mid"),
    ("card", "fpdf2", "biometrics", "I-539", "now"),
    ("strip", "reportlab", "rejection", "I-131", "now"),
    ("slab", "chromium", "receipt", "I-485", "now"),
    ("strip", "fpdf2", "approval", "I-129", "now"),
)
ASCII_PERSONS = tuple(p for p in PERSONS if all(ord(c) < 128 for c in "".join(p)))


def _notice(rng: random.Random, family: str, producer: str, kind: str, form: str, era: str, **kw: Any) -> Notice:
    if family == "typed" and "person" not in kw and "base" not in kw:
        kw["person"] = rng.choice(ASCII_PERSONS)
    n = make_notice(rng, kind, form, family, producer, era, **kw)
    if family == "slab" and kind in ("approval", "receipt") and rng.random() < 0.4:
        notice = dt.date.fromisoformat(n.truth["notice_date"])
        received = dt.date.fromisoformat(n.truth["received_date"])
        if (notice - received).days >= 3:  # the notice it replaces came after the filing and before this one
            n.info["corrected"] = notice - dt.timedelta(days=rng.randrange(1, min(40, (notice - received).days)))
    return n


def catalogue(seed: int) -> list[FileSpec]:
    rng = random.Random(f"set12-catalogue:{seed}")
    specs: list[FileSpec] = []
    counter = [0]

    def doc(n: Notice | None, producer: str = "", build: Any = None) -> Doc:
        counter[0] += 1
        return Doc(
            key=f"d{counter[0]:03d}", producer=producer or (n.producer if n else "reportlab"), notice=n, build=build
        )

    def name(ext: str) -> str:
        return f"set12-{len(specs) + 1:03d}.{ext}"

    singles = list(SINGLES)
    rng.shuffle(singles)
    # media for the single notices: 22 text, 13 scanned, 9 images
    media = ["text"] * 22 + ["scan"] * 13 + ["image"] * 9
    scan_presets = [
        "copier",
        "copier-200",
        "grey-150",
        "heavy-jpeg",
        "fax-fine",
        "fax-std",
        "sideways",
        "upside",
        "colour",
        "faint",
        "copier",
        "copier-200",
        "colour",
    ]
    image_kinds = [
        ("jpeg", "photo"),
        ("jpeg", "photo"),
        ("jpeg", "photo"),
        ("png", "png"),
        ("png", "sideways"),
        ("tiff", "fax-fine"),
        ("tiff", "fax-std"),
        ("jpeg", "colour"),
        ("tiff-lzw", "png"),
    ]
    si = ii = 0
    for (family, producer, kind, form, era), medium in zip(singles, media, strict=True):
        n = _notice(rng, family, producer, kind, form, era)
        label = f"{kind} {form} ({family}, {producer})"
        if medium == "text":
            specs.append(FileSpec(name("pdf"), "text-pdf", label, [doc(n)]))
        elif medium == "scan":
            preset = scan_presets[si]
            si += 1
            annotate_it = preset not in ("fax-fine", "fax-std") and si % 2 == 0
            specs.append(
                FileSpec(
                    name("pdf"),
                    "scan-pdf",
                    label + f", scanned {preset}",
                    [doc(n)],
                    effect=preset,
                    dpi=SCAN_PRESETS[preset]["dpi"],
                    annotate=annotate_it,
                )
            )
        else:
            fmt, preset = image_kinds[ii]
            ii += 1
            ext = "jpg" if fmt == "jpeg" else "tif" if fmt.startswith("tiff") else fmt
            specs.append(
                FileSpec(
                    name(ext),
                    "image",
                    label + f", {preset} {fmt}",
                    [doc(n)],
                    fmt=fmt,
                    effect=preset,
                    dpi=SCAN_PRESETS[preset]["dpi"],
                    annotate=preset in ("photo", "colour"),
                )
            )
    # a receipt, its I-907 receipt and the approval with one receipt number, in a CaseDesk bundle (text)
    employer = EMPLOYERS[1]
    r129 = _notice(rng, "strip", "reportlab", "receipt", "I-129", "now", employer=employer)
    r907 = _notice(rng, "slab", "chromium", "receipt", "I-907", "now", base=r129)
    r907.truth["notice_date"] = r129.truth["notice_date"]
    r907.truth["amount"] = FEES["I-907"]
    a129 = _notice(rng, "strip", "fpdf2", "approval", "I-129", "now", base=r129)
    specs.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "CaseDesk bundle: I-129 receipt, I-907 receipt, approval",
            [doc(r129), doc(r907), doc(a129)],
            assembly="bundle",
        )
    )
    # the family's receipts and appointment, consecutive receipt numbers, in a bundle (text)
    fam_docs = []
    first = _notice(rng, "strip", "fpdf2", "receipt", "I-485", "now", person=FAMILY[0])
    fam_docs.append(doc(first))
    base_no = int(first.truth["receipt_number"][3:])
    for i, (fam, prod, kind, form, who) in enumerate(
        (
            ("strip", "reportlab", "receipt", "I-765", FAMILY[0]),
            ("slab", "chromium", "receipt", "I-485", FAMILY[1]),
            ("card", "reportlab", "biometrics", "I-485", FAMILY[0]),
        )
    ):
        # filed together: one received date; the biometrics notice carries the first receipt's number
        n = _notice(rng, fam, prod, kind, form, "now", base=first)
        if kind == "receipt":
            n.truth["receipt_number"] = f"{first.truth['receipt_number'][:3]}{base_no + i + 1:010d}"
        if who != FAMILY[0]:
            n.info["person"] = who
            n.info["anum"] = a_number(rng)
            if n.truth["a_number"]:
                n.truth["a_number"] = n.info["anum"]
        fam_docs.append(doc(n))
    specs.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "CaseDesk bundle: one family's receipts and appointment",
            fam_docs,
            assembly="bundle",
        )
    )
    # two notices printed two to a sheet (text), and four to a sheet (text)
    pair = [
        _notice(rng, "strip", "reportlab", "receipt", "I-539", "now", person=FAMILY[1]),
        _notice(rng, "card", "fpdf2", "biometrics", "I-765", "now", person=FAMILY[2]),
    ]
    specs.append(
        FileSpec(name("pdf"), "text-pdf", "two notices printed two to a sheet", [doc(n) for n in pair], assembly="nup2")
    )
    quad = [
        _notice(rng, "typed", "reportlab", "receipt", "I-130", "mid"),
        _notice(rng, "strip", "fpdf2", "approval", "I-539", "now"),
        _notice(rng, "card", "reportlab", "biometrics", "I-131", "now"),
        _notice(rng, "strip", "reportlab", "receipt", "I-485", "now", person=FAMILY[3]),
    ]
    specs.append(
        FileSpec(
            name("pdf"), "text-pdf", "four notices printed four to a sheet", [doc(n) for n in quad], assembly="nup4"
        )
    )
    # not notices (text): the vendor's portal export, the legal team's memo
    listed = [d.notice for s in specs[:12] for d in s.docs if d.notice]
    specs.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "not a notice: CaseDesk export listing notices",
            [doc(None, "chromium", build=lambda r, rows=listed[:6]: nn_portal(r, rows))],
        )
    )
    memo_of = next(d.notice for s in specs for d in s.docs if d.notice and d.notice.kind == "approval")
    specs.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            "not a notice: legal department memo quoting an I-797A",
            [doc(None, "libreoffice", build=lambda r, n=memo_of: nn_memo(r, n))],
        )
    )
    # scanned: an annotated two-up sheet; a scanned bundle with a two-page request; the routing slip
    pair2 = [_notice(rng, "strip", "fpdf2", "receipt", "I-140", "now")]
    pair2.append(_notice(rng, "strip", "reportlab", "receipt", "I-907", "now", base=pair2[0]))
    specs.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "two notices two to a sheet, annotated, scanned",
            [doc(n) for n in pair2],
            assembly="nup2",
            effect="copier",
            dpi=300,
            annotate=True,
        )
    )
    rfe_base = _notice(rng, "strip", "reportlab", "receipt", "I-129", "now")
    bundle3 = [
        rfe_base,
        _notice(rng, "letter", "libreoffice", "rfe", "I-129", "now", base=rfe_base),
        _notice(rng, "slab", "chromium", "approval", "I-129", "now", base=rfe_base),
    ]
    specs.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "CaseDesk bundle printed and scanned: receipt, RFE, approval",
            [doc(n) for n in bundle3],
            assembly="bundle",
            effect="copier-200",
            dpi=200,
        )
    )
    slip_of = bundle3[0]
    specs.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            "not a notice: mail routing slip quoting a receipt number",
            [doc(None, "reportlab", build=lambda r, n=slip_of: nn_slip(r, n))],
            effect="copier",
            dpi=200,
            annotate=True,
        )
    )
    # mixed: a bundle whose middle pages were scanned in; a mail batch
    mix1 = [
        _notice(rng, "slab", "chromium", "receipt", "I-485", "now"),
        _notice(rng, "letter", "fpdf2", "noid", "I-129", "now"),
        _notice(rng, "typed", "libreoffice", "approval", "I-129", "old"),
    ]
    specs.append(
        FileSpec(
            name("pdf"),
            "mixed-pdf",
            "CaseDesk bundle with scanned pages",
            [doc(n) for n in mix1],
            assembly="bundle",
            effect="copier-200",
            dpi=200,
            scanned=[2, 3],
        )
    )
    mix2 = [
        _notice(rng, "card", "reportlab", "biometrics", "I-485", "now"),
        _notice(rng, "strip", "fpdf2", "receipt", "I-131", "now"),
    ]
    specs.append(
        FileSpec(
            name("pdf"),
            "mixed-pdf",
            "mail batch: printed and scanned notices",
            [doc(n) for n in mix2],
            effect="colour",
            dpi=200,
            scanned=[1],
            annotate=True,
        )
    )
    # images: an annotated two-up sheet photographed, a two-page request as a multi-page TIFF, an envelope photo
    pair3 = [
        _notice(rng, "strip", "reportlab", "approval", "I-129", "now"),
        _notice(rng, "slab", "chromium", "receipt", "I-539", "now"),
    ]
    specs.append(
        FileSpec(
            name("jpg"),
            "image",
            "two notices two to a sheet, annotated, photographed",
            [doc(n) for n in pair3],
            assembly="nup2",
            fmt="jpeg",
            effect="photo",
            dpi=300,
            annotate=True,
        )
    )
    rfe2 = _notice(rng, "letter", "fpdf2", "rfe", "I-485", "now", person=FAMILY[0])
    specs.append(
        FileSpec(
            name("tif"),
            "image",
            "two-page request for evidence, multi-page TIFF",
            [doc(rfe2)],
            fmt="tiff-lzw",
            effect="png",
            dpi=200,
        )
    )
    env_of = pair3[0]
    specs.append(
        FileSpec(
            name("jpg"),
            "image",
            "not a notice: USCIS envelope photographed",
            [doc(None, "reportlab", build=lambda r, n=env_of: nn_envelope(r, n))],
            fmt="jpeg",
            effect="photo",
            dpi=200,
        )
    )
    return specs


# ---------------------------------------------------------------------------------------------
# Writing the set.


def _images_to_pdf(images: list[bytes]) -> bytes:
    import img2pdf

    return normalize_pdf(img2pdf.convert(images))


def _scan_pages(
    pdf: bytes, spec: FileSpec, pieces: dict[int, list[str]], seed: int, which: list[int] | None = None
) -> list[Image.Image]:
    fx = SCAN_PRESETS[spec.effect]
    rng = _rng_for(seed, "scan:" + spec.name)
    nrng = _np_rng(seed, "scan:" + spec.name)
    rasters = rasterize(pdf, fx["dpi"], pieces)
    out = []
    for i, r in enumerate(rasters):
        if which is not None and i not in which:
            continue
        if spec.annotate:
            annotate(r, rng, MARKS[rng.randrange(len(MARKS))])
        out.append(degrade(r.image, fx, rng, nrng))
    return out


def _encode_scan(im: Image.Image, fx: dict[str, Any]) -> bytes:
    if im.mode == "1":
        return encode(im, "tiff-g4", fx["dpi"])
    return encode(im, "jpeg", fx["dpi"], fx.get("jpeg", 75))


def _zero_tiff_pads(data: bytes) -> bytes:
    """libtiff leaves the byte that word-aligns an IFD after its last strip unwritten: zero it (same bytes per seed)."""
    import struct

    out = bytearray(data)
    endian = "<" if data[:2] == b"II" else ">"
    (offset,) = struct.unpack(endian + "I", data[4:8])
    while offset:
        (count,) = struct.unpack(endian + "H", data[offset : offset + 2])
        tags: dict[int, tuple[int, int, int]] = {}
        for k in range(count):
            tag, typ, n, value = struct.unpack(endian + "HHII", data[offset + 2 + 12 * k : offset + 14 + 12 * k])
            tags[tag] = (typ, n, value)
        ends = []
        if 273 in tags and 279 in tags:
            (t_off, n_off, v_off), (t_cnt, _, v_cnt) = tags[273], tags[279]

            def values(typ: int, n: int, value: int) -> list[int]:
                if n == 1:
                    return [value]
                size, fmt = (4, "I") if typ == 4 else (2, "H")
                return list(struct.unpack(endian + fmt * n, data[value : value + size * n]))

            ends = [a + b for a, b in zip(values(t_off, n_off, v_off), values(t_cnt, n_off, v_cnt), strict=True)]
        if ends and max(ends) % 2 == 1 and max(ends) + 1 == offset:  # the pad between the last strip and the IFD
            out[max(ends)] = 0
        (offset,) = struct.unpack(endian + "I", data[offset + 2 + 12 * count : offset + 6 + 12 * count])
    return bytes(out)


def build_file(spec: FileSpec, seed: int) -> tuple[bytes, dict[str, Any]]:
    pdf, placed = assemble(spec, seed)
    notices = [(d.notice, placed[i]) for i, d in enumerate(spec.docs) if d.notice is not None]
    pieces: dict[int, list[str]] = {}
    for n, pages in notices:
        for p in pages:
            pieces.setdefault(p - 1, []).extend(x for v in n.printed.values() for x in v if len(x) >= 2)
    texts = page_texts(pdf)
    for n, pages in notices:
        check_notice(n, [texts[p - 1] for p in pages], f"{spec.name} ({spec.label})")
    page_count = len(texts)
    if spec.medium == "text-pdf":
        data = pdf
    elif spec.medium == "scan-pdf":
        fx = SCAN_PRESETS[spec.effect]
        data = _images_to_pdf([_encode_scan(im, fx) for im in _scan_pages(pdf, spec, pieces, seed)])
    elif spec.medium == "mixed-pdf":
        from pypdf import PdfReader, PdfWriter

        fx = SCAN_PRESETS[spec.effect]
        scans = _scan_pages(pdf, spec, pieces, seed, which=spec.scanned)
        scanned = dict(zip(spec.scanned or [], scans, strict=True))
        writer = PdfWriter()
        for i, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
            if i in scanned:
                writer.add_page(PdfReader(io.BytesIO(_images_to_pdf([_encode_scan(scanned[i], fx)]))).pages[0])
            else:
                writer.add_page(page)
        buf = io.BytesIO()
        writer.write(buf)
        data = normalize_pdf(buf.getvalue())
    else:
        fx = SCAN_PRESETS[spec.effect]
        images = _scan_pages(pdf, spec, pieces, seed)
        buf = io.BytesIO()
        if spec.fmt == "tiff-lzw":
            frames = [im.convert("L") for im in images]
            frames[0].save(
                buf, "TIFF", compression="tiff_lzw", save_all=True, append_images=frames[1:], dpi=(fx["dpi"], fx["dpi"])
            )
            buf = io.BytesIO(_zero_tiff_pads(buf.getvalue()))
        elif spec.fmt == "tiff":
            buf.write(_zero_tiff_pads(encode(images[0], "tiff-g4", fx["dpi"])))
        elif spec.fmt == "png":
            buf.write(encode(images[0], "png", fx["dpi"]))
        else:
            buf.write(encode(images[0], "jpeg", fx["dpi"], fx.get("jpeg", 80)))
        data = buf.getvalue()
    producers = sorted({d.producer for d in spec.docs} | ({"reportlab"} if spec.assembly == "bundle" else set()))
    entry = {
        "medium": spec.medium,
        "format": {"tiff-lzw": "tiff"}.get(spec.fmt, spec.fmt),
        "effect": spec.effect,
        "dpi": spec.dpi,
        "pages": page_count,
        "label": spec.label,
        "producers": producers,
        "assembly": spec.assembly,
        "annotated": spec.annotate,
        "notices": [
            {
                "pages": pages,
                "_family": n.family,
                "_kind": n.kind,
                "_printed": n.printed,
                **{k: n.truth[k] for k in FIELDS},
            }
            for n, pages in notices
        ],
    }
    return data, entry


def generate(folder: Path, seed: int = 1797, only: list[str] | None = None) -> dict[str, Any]:
    """Writes the set's files and ``truth.json`` into ``folder``; returns the truth.

    ``only`` writes just the files named (each the same bytes as in the whole set). Nothing is written when
    a printed value is missing from its page's text layer or says another value than the truth.
    """
    folder = Path(folder)
    specs = catalogue(seed)
    if only is not None:
        unknown = set(only) - {s.name for s in specs}
        if unknown:
            raise ValueError(f"no such file in set 12: {sorted(unknown)}")
        specs = [s for s in specs if s.name in only]
    with tempfile.TemporaryDirectory(prefix="set12-") as tmp:
        work = Path(tmp)
        render_all([d for s in specs for d in s.docs], seed, work)
        for s in specs:
            for d in s.docs:
                if d.notice is not None:
                    check_notice(d.notice, page_texts(d.pdf), f"{s.name} document {d.key}")
        outputs = {}
        files: dict[str, Any] = {}
        for s in specs:
            data, entry = build_file(s, seed)
            outputs[s.name] = data
            files[s.name] = entry
        truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": SET, "files": files}
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
        stage = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder))
        try:
            for fname, data in outputs.items():
                target = stage / fname
                target.write_bytes(data)
                target.chmod(0o600)
            (stage / "truth.json").write_text(
                json.dumps(truth, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8"
            )
            (stage / "truth.json").chmod(0o600)
            for fname in outputs:
                os.replace(stage / fname, folder / fname)
            os.replace(stage / "truth.json", folder / "truth.json")
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write sealed notice evaluation set 12 (its keeper only).")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    parser.add_argument("--only", nargs="*", help="write just these files")
    args = parser.parse_args(argv)
    try:
        truth = generate(args.folder, args.seed, args.only)
    except (RuntimeError, ValueError) as exc:
        print(f"error: set 12 not written: {exc}", file=sys.stderr)
        return 2
    notices = sum(len(e["notices"]) for e in truth["files"].values())
    print(f"set 12, seed {args.seed}: {len(truth['files'])} files, {notices} notices -> {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
