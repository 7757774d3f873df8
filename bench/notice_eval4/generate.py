"""Fourth sealed evaluation set for the notice reader (issue 14).

Writes fictional USCIS Form I-797-family notices (text PDFs from several producers, scans, images,
mail batches and a few documents that are not notices) and ``truth.json`` into a folder.
Deterministic per seed. Written without reading the parser, its tests or the other sets' generators;
see README.md (the parser's authors must not read this file).

    python -m bench.notice_eval4.generate FOLDER [--seed 1797]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import random
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GENERATOR_VERSION = "4.1"
FONT_DIR = Path("/usr/share/fonts/truetype")
LETTER = (612.0, 792.0)

# ---------------------------------------------------------------------------------------------
# Fictional people, companies, places.

GIVEN = [
    "Amara",
    "Bogdan",
    "Chiamaka",
    "Dmitri",
    "Esperanza",
    "Farhan",
    "Giulia",
    "Haruto",
    "Ines",
    "Jovan",
    "Kalani",
    "Lucien",
    "Mireille",
    "Nnamdi",
    "Oksana",
    "Pranav",
    "Quynh",
    "Rafaela",
    "Soren",
    "Tamsin",
    "Umberto",
    "Valentina",
    "Wojciech",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Anselm",
    "Berit",
    "Cosmin",
    "Delphine",
]
FAMILY = [
    "Okonkwo",
    "Lindqvist",
    "Baptiste",
    "Ferreira",
    "Nakashima",
    "Vasquez",
    "Mbeki",
    "Horvath",
    "Quispe",
    "Raghunathan",
    "Sørlie",
    "Tanaka",
    "Ugarte",
    "Villanueva",
    "Wisniewski",
    "Abernathy",
    "Castellanos",
    "Dimitrov",
    "Esposito",
    "Gallagher",
    "Haddad",
    "Ivanova",
    "Jaramillo",
    "Kowalczyk",
    "Lemaire",
    "Marchetti",
    "Nguyen-Tran",
    "O'Callaghan",
    "Petrosyan",
    "Szabo",
]
COMPANIES_SHORT = [
    "Bluefin Analytics Inc",
    "Corvid Robotics LLC",
    "Halyard Foods Corp",
    "Meridian Lattice Inc",
    "Ostrava Tool Works LLC",
    "Pinecrest Health System",
    "Quillon Semiconductor Inc",
    "Tidewater Data Co",
    "Verdant Grid Solutions LLC",
    "Wrenfield Biosciences Inc",
]
COMPANIES_LONG = [
    "Northwind Agricultural Machinery and Irrigation Systems of North America LLC",
    "The Board of Trustees of the Lakeshore Community College District Number Fourteen",
    "Consolidated Maritime Logistics and Cold Storage Terminal Operators Inc",
    "Saint Bartholomew Regional Medical Center and Affiliated Teaching Clinics",
    "Greater Piedmont Advanced Materials Research and Manufacturing Consortium Inc",
]
STREETS = [
    "1185 Tillman Ferry Road",
    "42 Quarry Hill Lane",
    "7730 Marsh Harbor Parkway",
    "310 Ashgrove Court",
    "2901 Cedar Bluff Avenue Apt 4C",
    "56 Wickersham Street",
    "1604 Old Mill Run",
    "880 Larkspur Terrace",
]
CITIES = [
    ("Raleigh", "NC", "27606"),
    ("Tempe", "AZ", "85281"),
    ("Dayton", "OH", "45402"),
    ("Boise", "ID", "83702"),
    ("Worcester", "MA", "01608"),
    ("Fresno", "CA", "93721"),
    ("Omaha", "NE", "68102"),
    ("Tulsa", "OK", "74103"),
]
ASCS = [
    ("USCIS RALEIGH-DURHAM ASC", "4203 Elmhurst Crossing Drive", "Morrisville NC 27560"),
    ("USCIS TUCSON ASC", "1677 West Saguaro Point Road", "Tucson AZ 85705"),
    ("USCIS CINCINNATI ASC", "9120 Sycamore Bend Boulevard", "Blue Ash OH 45242"),
    ("USCIS SACRAMENTO ASC", "2770 Riverbank Commons Way Suite 140", "Sacramento CA 95815"),
    ("USCIS MINNEAPOLIS ASC", "6045 Bassett Creek Parkway", "Golden Valley MN 55422"),
    ("USCIS PROVIDENCE ASC", "118 Weybosset Harbor Street", "Providence RI 02903"),
    ("USCIS SAN ANTONIO ASC", "8350 Medina Oaks Drive Suite 210", "San Antonio TX 78227"),
    ("USCIS OKLAHOMA CITY ASC", "4400 Northwest Canyon Ridge Road", "Oklahoma City OK 73112"),
    ("USCIS ALBANY ASC", "15 Washington Quarry Avenue", "Albany NY 12205"),
    ("USCIS SPOKANE ASC", "920 East Lilac Meadow Drive", "Spokane WA 99207"),
]
OFFICES = {
    "WAC": ("California Service Center", "24000 Avila Road", "Laguna Niguel CA 92677"),
    "EAC": ("Vermont Service Center", "75 Lower Welden Street", "Saint Albans VT 05479"),
    "LIN": ("Nebraska Service Center", "850 S Street", "Lincoln NE 68508"),
    "SRC": ("Texas Service Center", "6046 N Belt Line Road", "Irving TX 75038"),
    "MSC": ("National Benefits Center", "P.O. Box 648003", "Lee's Summit MO 64002"),
    "YSC": ("Potomac Service Center", "2200 Potomac Center Drive", "Arlington VA 22202"),
    "IOE": ("USCIS Electronic Immigration System", "P.O. Box 82521", "Lincoln NE 68501"),
}
ATTORNEYS = [
    ("Marisol Etxeberria, Esq.", "Etxeberria Lowe LLP"),
    ("Theodore Quaye", "Quaye & Brannigan PC"),
    ("Ingrid Halvorsen", "Halvorsen Immigration Law Group"),
    ("Rohan Das", "Das Mobility Counsel LLC"),
]

# form: (title, party kind: "pet" petitioner/beneficiary or "app" applicant, fee in dollars)
FORMS: dict[str, tuple[str, str, int]] = {
    "I-129": ("Petition for a Nonimmigrant Worker", "pet", 780),
    "I-140": ("Immigrant Petition for Alien Workers", "pet", 715),
    "I-130": ("Petition for Alien Relative", "pet", 675),
    "I-129F": ("Petition for Alien Fiance(e)", "pet", 675),
    "I-485": ("Application to Register Permanent Residence or Adjust Status", "app", 1440),
    "I-765": ("Application for Employment Authorization", "app", 520),
    "I-131": ("Application for Travel Document", "app", 630),
    "I-539": ("Application to Extend/Change Nonimmigrant Status", "app", 470),
    "N-400": ("Application for Naturalization", "app", 760),
    "I-751": ("Petition to Remove Conditions on Residence", "app", 750),
    "I-90": ("Application to Replace Permanent Resident Card", "app", 465),
    "I-824": ("Application for Action on an Approved Application or Petition", "app", 590),
    "I-601A": ("Application for Provisional Unlawful Presence Waiver", "app", 795),
    "N-600": ("Application for Certificate of Citizenship", "app", 1385),
    "I-907": ("Request for Premium Processing Service", "pet", 2805),
}
TYPE_OF = {
    "receipt": "receipt",
    "i907": "receipt",
    "biometrics": "biometrics",
    "approval": "approval",
    "approval_a": "approval",
    "approval_b": "approval",
    "rfe": "rfe",
    "noid": "noid",
    "noir": "noid",
    "transfer": "transfer",
    "rejection": "rejection",
    "denial": "denial",
}
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
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# ---------------------------------------------------------------------------------------------
# A notice's data, and how each value is printed.


@dataclass
class Notice:
    kind: str
    form: str
    receipt: str
    notice_date: dt.date
    received: dt.date | None = None
    priority: dt.date | None = None
    petitioner: str | None = None
    beneficiary: str | None = None
    applicant: str | None = None
    a_number: str | None = None  # 9 digits
    a_short: bool = False  # an 8-digit A-Number printed without its leading zero
    classification: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    response_due: dt.date | None = None
    appt: tuple[dt.date, str, tuple[str, str, str]] | None = None  # date, "HH:MM", (ASC, street, city)
    i94: str | None = None
    amount: int | None = None
    family: str = ""
    person: tuple[str, str, str] = ("", "", "")  # given, middle initial, family of the applicant/beneficiary
    printed: dict[str, list[str]] = field(default_factory=dict)
    pages: int = 1

    @property
    def office(self) -> tuple[str, str, str]:
        return OFFICES[self.receipt[:3]]


def fmt_date(d: dt.date, style: str) -> str:
    if style == "us":
        return d.strftime("%m/%d/%Y")
    if style == "us_nz":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "yy":
        return d.strftime("%m/%d/%y")
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "abbr":
        return f"{MONTHS[d.month - 1][:3]} {d.day:02d}, {d.year}"
    if style == "upper":
        return f"{MONTHS[d.month - 1].upper()} {d.day}, {d.year}"
    if style == "dmy":
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}"
    if style == "weekday":
        return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


def fmt_receipt(r: str, style: str) -> str:
    if style == "hyph":
        return f"{r[:3]}-{r[3:5]}-{r[5:8]}-{r[8:]}"
    if style == "space":
        return f"{r[:3]} {r[3:5]} {r[5:8]} {r[8:]}"
    return r


def fmt_anum(a: str, short: bool, style: str) -> str:
    digits = a[1:] if short else a
    if short:
        return {"plain": f"A{digits}", "hyph": f"A-{digits}", "hash": f"A# {digits}"}.get(style, f"A{digits}")
    return {
        "groups": f"A{digits[:3]} {digits[3:6]} {digits[6:]}",
        "hyph": f"A-{digits[:3]}-{digits[3:6]}-{digits[6:]}",
        "hash": f"A# {digits}",
        "plain": f"A{digits}",
        "hashhyph": f"A# {digits[:3]}-{digits[3:6]}-{digits[6:]}",
    }[style]


def fmt_amount(cents_dollars: int, style: str) -> str:
    s = f"{cents_dollars:,}"
    return {
        "plain": f"${s}.00",
        "space_us": f"$ {s}.00 U.S.",
        "usd": f"USD {s}.00",
        "stars": f"$****{s}.00",
        "nodec": f"${s}",
        "trail": f"{s}.00 USD",
        "spaced": f"$ {s}.00",
    }[style]


def fmt_time(hhmm: str, style: str) -> str:
    h, m = (int(x) for x in hhmm.split(":"))
    h12 = h % 12 or 12
    ap = "AM" if h < 12 else "PM"
    return {
        "ampm": f"{h12}:{m:02d} {ap}",
        "ampm0": f"{h12:02d}:{m:02d} {ap}",
        "dots": f"{h12}:{m:02d} {ap.lower()[0]}.m.",
        "lower": f"{h12}:{m:02d}{ap.lower()}",
        "h24": f"{h:02d}:{m:02d}",
    }[style]


def fmt_form(form: str, style: str) -> str:
    if style == "compact":
        return form.replace("-", "")
    if style == "spaced":
        return form.replace("-", " ")
    return form


class Rec:
    """Records how a notice prints each of its values; the truth holds exactly the values recorded."""

    def __init__(self, n: Notice) -> None:
        self.n = n

    def put(self, name: str, text: str, *more: str) -> str:
        self.n.printed.setdefault(name, [])
        for part in (text, *more):
            if part not in self.n.printed[name]:
                self.n.printed[name].append(part)
        return text

    def date(self, name: str, style: str) -> str:
        value = {
            "received_date": self.n.received,
            "notice_date": self.n.notice_date,
            "priority_date": self.n.priority,
            "valid_from": self.n.valid_from,
            "valid_to": self.n.valid_to,
            "response_due": self.n.response_due,
        }[name]
        assert value is not None, name
        return self.put(name, fmt_date(value, style))

    def receipt(self, style: str) -> str:
        return self.put("receipt_number", fmt_receipt(self.n.receipt, style))

    def form(self, style: str = "hyph") -> str:
        return self.put("form", fmt_form(self.n.form, style))

    def anum(self, style: str) -> str:
        assert self.n.a_number
        return self.put("a_number", fmt_anum(self.n.a_number, self.n.a_short, style))

    def amount(self, style: str) -> str:
        assert self.n.amount is not None
        return self.put("amount", fmt_amount(self.n.amount, style))

    def name(self, role: str, text: str | None = None, parts: Iterable[str] = ()) -> str:
        """``text`` as printed (defaults to the stored name); ``parts`` the lines it is printed on, if wrapped."""
        value = getattr(self.n, role)
        assert value
        shown = text or value
        pieces = list(parts) or [shown]
        if role in self.n.printed and self.n.printed[role] != pieces:
            raise ValueError(f"{role} printed two ways on one notice")
        self.n.printed[role] = pieces
        return shown

    def klass(self, text: str) -> str:
        return self.put("classification", text)

    def i94(self, text: str) -> str:
        return self.put("i94_number", text)

    def kind(self, text: str) -> str:
        return self.put("notice_type", text)

    def appt(self, date_style: str, time_style: str, upper: bool = False) -> tuple[str, str, tuple[str, str, str]]:
        assert self.n.appt
        day, hhmm, place = self.n.appt
        d, t = fmt_date(day, date_style), fmt_time(hhmm, time_style)
        self.put("appointment", d, t, place[1].upper() if upper else place[1])
        return d, t, place


def person_name(n: Notice, style: str) -> str:
    given, mid, fam = n.person
    if style == "last_first":
        return f"{fam.upper()}, {given.upper()} {mid}"
    if style == "last_first_mixed":
        return f"{fam}, {given} {mid}."
    return f"{given} {mid}. {fam}"


def truth_of(n: Notice) -> dict[str, Any]:
    p = n.printed
    out: dict[str, Any] = {name: None for name in SCORED}
    out["notice_type"] = TYPE_OF[n.kind] if "notice_type" in p else None
    if "form" in p:
        out["form"] = n.form
    if "receipt_number" in p:
        out["receipt_number"] = n.receipt
    for name, value in (
        ("received_date", n.received),
        ("notice_date", n.notice_date),
        ("priority_date", n.priority),
        ("valid_from", n.valid_from),
        ("valid_to", n.valid_to),
        ("response_due", n.response_due),
    ):
        if name in p and value is not None:
            out[name] = value.isoformat()
    for role in ("petitioner", "beneficiary", "applicant"):
        if role in p:
            out[role] = " ".join(" ".join(p[role]).split())
    if "classification" in p:
        out["classification"] = n.classification
    if "appointment" in p and n.appt:
        out["appointment"] = {"date": n.appt[0].isoformat(), "time": n.appt[1], "location": n.appt[2][1]}
    if "i94_number" in p:
        out["i94_number"] = n.i94
    if "amount" in p and n.amount is not None:
        out["amount"] = f"{n.amount}.00"
    if "a_number" in p:
        out["a_number"] = n.a_number
    return out


def _weekday_after(d: dt.date, days: int) -> dt.date:
    d = d + dt.timedelta(days=days)
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


CLASSES = {"I-129": ["H1B", "L1A", "L1B", "O1", "TN"], "I-539": ["B2", "H4", "L2"], "I-140": ["E21", "E13", "E31"]}
CLASS_PRINT = {
    "H1B": "H-1B",
    "L1A": "L-1A",
    "L1B": "L-1B",
    "O1": "O-1",
    "TN": "TN",
    "B2": "B-2",
    "H4": "H-4",
    "L2": "L-2",
    "E21": "E21",
    "E13": "E13",
    "E31": "E31",
}


class Maker:
    """Builds fictional notices with plausible dates and numbers; every value unique enough to be checked."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def receipt(self, office: str | None = None, form: str = "") -> str:
        rng = self.rng
        if form in ("I-129", "I-140", "I-129F", "I-907"):
            pool = ["WAC", "EAC", "LIN", "SRC", "IOE"]
        elif form in ("I-130", "I-751", "I-90", "N-400", "I-765", "I-131", "I-539"):
            pool = ["IOE", "MSC", "EAC", "LIN", "SRC", "YSC"]
        else:
            pool = ["MSC", "LIN", "SRC", "YSC", "IOE"]
        office = office or rng.choice(pool)
        while True:
            if office == "IOE":
                r = f"IOE{rng.randint(80, 99)}{rng.randint(10**7, 10**8 - 1)}"
            else:
                r = f"{office}{rng.choice([25, 26])}{rng.randint(100, 999)}{rng.randint(10000, 99999)}"
            if r not in self.used:
                self.used.add(r)
                return r

    def person(self) -> tuple[str, str, str]:
        return (self.rng.choice(GIVEN), self.rng.choice("ABCDEFGHJKLMNPRSTVW"), self.rng.choice(FAMILY))

    def notice(
        self,
        kind: str,
        form: str,
        family: str,
        *,
        long_name: bool = False,
        office: str | None = None,
        receipt: str | None = None,
        base: Notice | None = None,
    ) -> Notice:
        rng = self.rng
        if base is not None:  # another notice of the same case (same receipt number, same parties)
            n = Notice(
                kind=kind,
                form=form,
                receipt=base.receipt,
                notice_date=base.notice_date,
                received=base.received,
                petitioner=base.petitioner,
                beneficiary=base.beneficiary,
                applicant=base.applicant,
                a_number=base.a_number,
                a_short=base.a_short,
                person=base.person,
                classification=base.classification,
                family=family,
            )
        else:
            if form in ("I-539", "I-129") and kind in ("approval_a",):
                office = office or rng.choice(["WAC", "EAC", "SRC", "LIN"])
            recv = dt.date(2025, 1, 6) + dt.timedelta(days=rng.randint(0, 400))
            n = Notice(
                kind=kind,
                form=form,
                receipt=receipt or self.receipt(office, form),
                notice_date=recv,
                received=recv,
                family=family,
            )
            n.person = self.person()
            party = FORMS[form][1]
            if form == "I-130" or form == "I-129F":
                pg, pm, pf = self.person()
                n.petitioner = f"{pf.upper()}, {pg.upper()} {pm}"
            elif party == "pet":
                pool = COMPANIES_LONG if long_name else COMPANIES_SHORT
                n.petitioner = rng.choice(pool).upper() if rng.random() < 0.6 else rng.choice(pool)
            if party == "pet":
                n.beneficiary = person_name(n, "last_first")
            else:
                n.applicant = person_name(n, "last_first")
                if rng.random() < 0.85:
                    digits = rng.randint(10**7, 10**8 - 1) if rng.random() < 0.2 else rng.randint(2 * 10**8, 10**9 - 1)
                    n.a_number = f"{digits:09d}"
                    n.a_short = digits < 10**8
        if n.classification is None and form in CLASSES and kind not in ("receipt", "biometrics", "rejection"):
            n.classification = rng.choice(CLASSES[form])
        # dates by kind
        if kind in ("receipt", "i907", "rejection"):
            n.notice_date = _weekday_after(n.received or n.notice_date, rng.randint(2, 21))
        elif kind == "biometrics":
            n.notice_date = _weekday_after(n.received or n.notice_date, rng.randint(15, 50))
        elif kind == "transfer":
            n.notice_date = _weekday_after(n.received or n.notice_date, rng.randint(40, 160))
        else:
            n.notice_date = _weekday_after(n.received or n.notice_date, rng.randint(30, 300))
        if base is not None:  # a later notice of the same case comes after the first
            if kind in ("receipt", "i907"):
                n.notice_date = base.notice_date
            else:
                gap = rng.randint(60, 100) if base.kind == "rfe" else rng.randint(12, 40)
                n.notice_date = _weekday_after(base.notice_date, gap)
        if kind == "biometrics":
            day = _weekday_after(n.notice_date, rng.randint(14, 40))
            hhmm = f"{rng.randint(8, 15):02d}:{rng.choice(['00', '30', '00', '15'])}"
            n.appt = (day, hhmm, rng.choice(ASCS))
        if kind in ("rfe",):
            n.response_due = n.notice_date + dt.timedelta(days=87)
        if kind in ("noid", "noir"):
            n.response_due = n.notice_date + dt.timedelta(days=33)
        if form in ("I-140", "I-130") and kind in ("receipt", "approval", "rfe", "noid", "noir", "transfer"):
            n.priority = n.received
        if kind in ("approval", "approval_a", "approval_b") and n.classification and form in ("I-129", "I-539"):
            n.valid_from = _weekday_after(n.notice_date, rng.randint(3, 30))
            years = 3 if n.classification in ("H1B", "L1A", "O1", "TN", "L1B") else 1
            n.valid_to = n.valid_from.replace(year=n.valid_from.year + years) - dt.timedelta(days=1)
            if n.classification == "B2":
                n.valid_to = n.valid_from + dt.timedelta(days=rng.randint(90, 180))
        if kind == "approval_a":
            n.i94 = f"{rng.randint(1, 9)}{rng.randint(10**9, 10**10 - 1)}"
        if kind in ("receipt", "i907"):
            n.amount = FORMS["I-907" if kind == "i907" else form][2]
            if kind == "i907":
                n.form = "I-907"
        return n


# ---------------------------------------------------------------------------------------------
# Drawing: one small pen over two PDF libraries (reportlab canvas, fpdf2), coordinates from the top left.

FONTS = {
    "carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    "caladea": ("crosextra/Caladea-Regular.ttf", "crosextra/Caladea-Bold.ttf"),
    "libsans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "libnarrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
    "libserif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "libmono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    "dvsans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "dvcond": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "dvserif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "dvserifc": ("dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSerifCondensed-Bold.ttf"),
    "dvmono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
}


class Pen:
    """Text, lines and boxes on letter pages; ``font`` is a FONTS key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def text(self, x: float, y: float, s: str, font: str, size: float, bold: bool = False) -> None: ...
    def width(self, s: str, font: str, size: float, bold: bool = False) -> float: ...
    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, dash: bool = False) -> None: ...
    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None) -> None: ...
    def page(self) -> None: ...
    def close(self) -> None: ...

    def right(self, x: float, y: float, s: str, font: str, size: float, bold: bool = False) -> None:
        self.text(x - self.width(s, font, size, bold), y, s, font, size, bold)

    def center(self, x: float, y: float, s: str, font: str, size: float, bold: bool = False) -> None:
        self.text(x - self.width(s, font, size, bold) / 2, y, s, font, size, bold)

    def wrap(self, s: str, font: str, size: float, width: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        cur = ""
        for word in s.split():
            trial = f"{cur} {word}".strip()
            if cur and self.width(trial, font, size, bold) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines

    def para(
        self, x: float, y: float, s: str, font: str, size: float, width: float, lead: float = 1.3, bold: bool = False
    ) -> float:
        for ln in self.wrap(s, font, size, width, bold):
            self.text(x, y, ln, font, size, bold)
            y += size * lead
        return y


class RLPen(Pen):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        from reportlab.pdfgen import canvas

        self.c = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
        self.c.setCreator("Notice print service")
        self.c.setLineCap(0)

    def _font(self, font: str, bold: bool) -> str:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        name = f"{font}{'-b' if bold else ''}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / FONTS[font][1 if bold else 0])))
        return name

    def text(self, x: float, y: float, s: str, font: str, size: float, bold: bool = False) -> None:
        self.c.setFont(self._font(font, bold), size)
        self.c.drawString(x, LETTER[1] - y, s)

    def width(self, s: str, font: str, size: float, bold: bool = False) -> float:
        from reportlab.pdfbase import pdfmetrics

        return float(pdfmetrics.stringWidth(s, self._font(font, bold), size))

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, dash: bool = False) -> None:
        self.c.setLineWidth(w)
        self.c.setDash(3, 2) if dash else self.c.setDash()
        self.c.line(x1, LETTER[1] - y1, x2, LETTER[1] - y2)
        self.c.setDash()

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None) -> None:
        self.c.setLineWidth(lw)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, LETTER[1] - y - h, w, h, stroke=1 if lw else 0, fill=1 if fill is not None else 0)
        self.c.setFillGray(0)

    def page(self) -> None:
        self.c.showPage()

    def close(self) -> None:
        self.c.save()


class FPen(Pen):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        from fpdf import FPDF

        self.f = FPDF(unit="pt", format="letter")
        self.f.set_auto_page_break(False)
        self.f.set_creator("CLAIMS print")
        self.f.set_producer("CLAIMS print")
        self.f.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        self.f.add_page()
        self.loaded: set[str] = set()

    def _font(self, font: str, bold: bool, size: float) -> None:
        style = "B" if bold else ""
        if (font + style) not in self.loaded:
            self.f.add_font(font, style, str(FONT_DIR / FONTS[font][1 if bold else 0]))
            self.loaded.add(font + style)
        self.f.set_font(font, style, size)

    def text(self, x: float, y: float, s: str, font: str, size: float, bold: bool = False) -> None:
        self._font(font, bold, size)
        self.f.text(x, y, s)

    def width(self, s: str, font: str, size: float, bold: bool = False) -> float:
        self._font(font, bold, size)
        return float(self.f.get_string_width(s))

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float = 0.6, dash: bool = False) -> None:
        self.f.set_line_width(w)
        if dash:
            self.f.set_dash_pattern(dash=3, gap=2)
        self.f.line(x1, y1, x2, y2)
        self.f.set_dash_pattern()

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 0.6, fill: float | None = None) -> None:
        self.f.set_line_width(lw or 0.01)
        if fill is not None:
            g = int(fill * 255)
            self.f.set_fill_color(g, g, g)
        style = ("F" if not lw else "DF") if fill is not None else "D"
        self.f.rect(x, y, w, h, style=style)

    def page(self) -> None:
        self.f.add_page()

    def close(self) -> None:
        self.f.output(str(self.path))


# ---------------------------------------------------------------------------------------------
# Wording shared by the families.

KIND_NAMES = {
    "receipt": ["Receipt Notice", "Receipt"],
    "i907": ["Receipt Notice", "Premium Processing Receipt"],
    "biometrics": ["ASC Appointment Notice", "Biometrics Appointment Notice", "Biometric Appointment"],
    "approval": ["Approval Notice", "Approval"],
    "approval_a": ["Approval Notice"],
    "approval_b": ["Approval Notice"],
    "rfe": ["Request for Evidence", "Request for Additional Evidence"],
    "noid": ["Notice of Intent to Deny"],
    "noir": ["Notice of Intent to Revoke"],
    "transfer": ["Transfer Notice", "Case Transfer Notice"],
    "rejection": ["Rejection Notice"],
    "denial": ["Denial Notice", "Decision: Denial"],
}
FORM_ID = {
    "receipt": "I-797C",
    "i907": "I-797C",
    "biometrics": "I-797C",
    "transfer": "I-797C",
    "rejection": "I-797C",
    "approval": "I-797",
    "approval_a": "I-797A",
    "approval_b": "I-797B",
    "rfe": "I-797E",
    "noid": "I-797",
    "noir": "I-797",
    "denial": "I-797",
}
BODY = {
    "receipt": "This notice confirms that USCIS received your filing and the fee shown. It does not grant any "
    "immigration status or benefit. If we need more information we may send you a request for evidence or a "
    "notice of intent to deny. Keep this notice; please include the receipt number in every inquiry.",
    "i907": "We have received your request for premium processing. Within the premium processing time frame we "
    "will issue an approval notice, a denial notice, a notice of intent to deny, or a request for evidence, or "
    "open an investigation for fraud or misrepresentation. The underlying petition keeps its receipt number.",
    "biometrics": "You are scheduled to appear at the Application Support Center shown to have your "
    "fingerprints, photograph and signature taken. Bring this notice and a photo identification. If you do not "
    "appear, your case may be denied as abandoned. A request to reschedule must be made before the date.",
    "approval": "The above petition has been approved. Any request for evidence or notice of intent to deny "
    "issued earlier has been satisfied. This approval may later be revoked if the facts are found untrue. "
    "Please contact the office shown below with any question about this notice.",
    "rfe": "The evidence submitted is not sufficient to establish eligibility. Submit the evidence listed. If "
    "you do not respond, a decision will be made on the record, which may result in a denial. A notice of "
    "intent to deny is not required before a decision.",
    "noid": "After review of the record, USCIS intends to deny your petition for the reasons stated. You may "
    "submit evidence in rebuttal. The earlier request for evidence and your response were considered.",
    "noir": "USCIS intends to revoke the approval of the petition shown above for the reasons stated. You may "
    "submit evidence in opposition. An approval notice issued earlier remains on the record until a decision.",
    "transfer": "To balance workloads, your case has been transferred to the office shown below. Please send "
    "any correspondence to that office. This transfer does not mean that a decision has been made.",
    "rejection": "Your filing is being returned because it was not properly filed: the fee was not correct or "
    "the form was not signed. Correct the deficiency and file again. No receipt or approval has been issued.",
    "denial": "After a review of the record, including your response to the request for evidence, the petition "
    "is denied for the reasons stated. You may file a motion or an appeal on Form I-290B within 33 days.",
}
BODY["approval_a"] = BODY["approval"] + " The lower part of this notice is the new arrival-departure record."
BODY["approval_b"] = BODY["approval"] + " The beneficiary may apply for a visa abroad with this notice."
EVIDENCE = [
    "Evidence that the position qualifies as a specialty occupation, such as a detailed description of duties.",
    "Copies of the beneficiary's academic transcripts and a credential evaluation from a qualified service.",
    "Evidence of the petitioner's ability to pay the proffered wage from the priority date onward.",
    "Copies of Forms W-2 or pay statements for the most recent period of employment.",
    "An itinerary of services or engagements with dates and locations of the work.",
    "A copy of the certified labor condition application for the worksite named in the petition.",
    "Evidence of the bona fide marital relationship, such as joint leases or bank statements.",
    "Form I-693, Report of Immigration Medical Examination and Vaccination Record, signed by a civil surgeon.",
]


def case_type(form: str, style: str) -> tuple[str, str]:
    """(text printed, the form token inside it) for a case-type line."""
    title = FORMS[form][0]
    if style == "upper":
        tok = form.replace("-", "")
        return f"{tok} - {title.upper()}", tok
    if style == "comma":
        return f"{form}, {title}", form
    if style == "form":
        return f"Form {form} {title}", form
    tok = form.replace("-", "")
    return f"{tok} {title}", tok


def addressee(rng: random.Random, n: Notice) -> list[str]:
    city, st, zipc = rng.choice(CITIES)
    if rng.random() < 0.5:
        att, firm = rng.choice(ATTORNEYS)
        return [att.upper(), firm.upper(), rng.choice(STREETS).upper(), f"{city.upper()} {st} {zipc}"]
    name = n.petitioner if n.petitioner and FORMS[n.form][1] == "pet" and "," not in n.petitioner else None
    who = (name or f"{n.person[0]} {n.person[2]}").upper()
    if len(who) > 40:
        who = "C/O HUMAN RESOURCES"
    return [who, rng.choice(STREETS).upper(), f"{city.upper()} {st} {zipc}"]


def parties(n: Notice) -> list[str]:
    return ["petitioner", "beneficiary"] if n.petitioner else ["applicant"]


# ---------------------------------------------------------------------------------------------
# Family "casebar": a current-style notice with a ruled bar of header cells (reportlab or fpdf2).


def _cell(
    p: Pen,
    x: float,
    y: float,
    w: float,
    h: float,
    label: str,
    lines: list[str],
    font: str,
    lsize: float = 6.5,
    vsize: float = 9.5,
    bold: bool = True,
) -> None:
    p.rect(x, y, w, h, lw=0.5)
    p.text(x + 3, y + lsize + 2, label, font, lsize)
    yy = y + lsize + 4 + vsize
    for ln in lines:
        p.text(x + 4, yy, ln, font, vsize, bold)
        yy += vsize * 1.2


def casebar(p: Pen, n: Notice, rng: random.Random, font: str) -> None:
    r = Rec(n)
    L = {
        "rcpt": rng.choice(["Receipt Number", "Receipt No.", "Case Receipt #"]),
        "recv": rng.choice(["Received Date", "Date Received", "Filed On"]),
        "prio": rng.choice(["Priority Date", "Priority Dt."]),
        "ntc": rng.choice(["Notice Date", "Date of Notice", "Date Issued"]),
        "case": rng.choice(["Case Type", "Form", "Application/Petition"]),
        "type": rng.choice(["Notice Type", "Type of Notice", "Action"]),
        "amt": rng.choice(["Amount Received", "Fee Received", "Payment Received"]),
        "cls": rng.choice(["Class", "Classification", "Status Granted"]),
        "from": rng.choice(["Valid From", "Validity Start", "Start Date"]),
        "to": rng.choice(["Valid To", "Validity End", "End Date"]),
    }
    dstyle = rng.choice(["us", "us", "abbr", "long", "us_nz"])
    fid = FORM_ID[n.kind]
    p.center(306, 38, "THE UNITED STATES OF AMERICA", font, 8, True)
    p.text(40, 62, "Notice of Action" if fid != "I-797E" else "Request for Evidence", font, 17, True)
    p.right(572, 62, fid, font, 12, True)
    p.line(40, 70, 572, 70, 1.2)
    y = 78
    xs = [40, 190, 300, 400, 500, 572]
    _cell(p, xs[0], y, xs[1] - xs[0], 30, L["rcpt"], [r.receipt(rng.choice(["plain", "plain", "hyph"]))], font)
    _cell(p, xs[1], y, xs[2] - xs[1], 30, L["recv"], [r.date("received_date", dstyle)] if n.received else [], font)
    _cell(p, xs[2], y, xs[3] - xs[2], 30, L["prio"], [r.date("priority_date", dstyle)] if n.priority else [], font)
    _cell(p, xs[3], y, xs[4] - xs[3], 30, L["ntc"], [r.date("notice_date", dstyle)], font)
    _cell(p, xs[4], y, xs[5] - xs[4], 30, "Page", ["1 of 2" if n.kind == "rfe" else "1 of 1"], font)
    y += 30
    ct, tok = case_type(n.form, rng.choice(["upper", "upper", "comma"]))
    r.put("form", tok)
    vs = 9.5
    while p.width(ct, font, vs, True) > 322 and vs > 6.5:
        vs -= 0.5
    _cell(p, 40, y, 330, 30, L["case"], [ct], font, vsize=vs)
    _cell(p, 370, y, 202, 30, L["type"], [r.kind(rng.choice(KIND_NAMES[n.kind]))], font)
    y += 30
    # parties
    if n.petitioner:
        pet_lines = p.wrap(n.petitioner, font, 9.5, 250, True)
        r.name("petitioner", " ".join(pet_lines), pet_lines)
        h = 22 + 11.5 * len(pet_lines)
        _cell(p, 40, y, 265, h, rng.choice(["Petitioner", "Petitioner Name"]), pet_lines, font)
        _cell(p, 305, y, 267, h, rng.choice(["Beneficiary", "Beneficiary Name"]), [r.name("beneficiary")], font)
        y += h
    else:
        lines = []
        if n.a_number:
            lines.append(r.anum(rng.choice(["groups", "hyph", "plain", "hashhyph"])))
        lines.append(r.name("applicant"))
        h = 22 + 11.5 * len(lines)
        _cell(p, 40, y, 265, h, rng.choice(["Applicant", "Applicant/Requestor"]), lines, font)
        p.rect(305, y, 267, h, 0.5)
        y += h
    # extra cells by kind
    extra: list[tuple[str, list[str]]] = []
    if n.amount is not None:
        extra.append((L["amt"], [r.amount(rng.choice(["plain", "space_us", "spaced", "stars"]))]))
    if n.classification and n.kind.startswith("approval"):
        extra.append((L["cls"], [r.klass(CLASS_PRINT[n.classification])]))
    if n.valid_from and n.valid_to:
        extra.append((L["from"], [r.date("valid_from", dstyle)]))
        extra.append((L["to"], [r.date("valid_to", dstyle)]))
    if n.response_due:
        extra.append((rng.choice(["Response Due", "Reply Due By", "Evidence Due"]), [r.date("response_due", dstyle)]))
    if extra:
        w = 532 / len(extra)
        for i, (lab, val) in enumerate(extra):
            _cell(p, 40 + i * w, y, w, 30, lab, val, font)
        y += 30
    y += 22
    for ln in addressee(rng, n):
        p.text(60, y, ln, font, 9.5)
        y += 11.5
    y += 14
    if n.appt:
        d, t, place = r.appt(rng.choice(["us", "weekday", "long"]), rng.choice(["ampm", "ampm0", "dots"]))
        p.rect(40, y, 532, 66, 0.8)
        p.text(48, y + 13, rng.choice(["APPLICATION SUPPORT CENTER", "Please appear at"]), font, 8, True)
        p.text(330, y + 13, rng.choice(["DATE AND TIME OF APPOINTMENT", "Appointment Date/Time"]), font, 8, True)
        for i, ln in enumerate(place):
            p.text(48, y + 27 + i * 12, ln, font, 10)
        p.text(330, y + 27, d, font, 10, True)
        p.text(330, y + 39, t, font, 10, True)
        y += 80
    y = p.para(40, y, BODY[n.kind], font, 9.5, 532)
    if n.kind == "rfe":
        due = r.put("response_due", fmt_date(n.response_due, "long")) if n.response_due else ""
        y = p.para(40, y + 8, f"Your response must be received in this office by {due}.", font, 9.5, 532, bold=True)
    office = n.office
    if n.kind == "approval_a":
        yt = 600
        p.line(30, yt, 582, yt, 0.8, dash=True)
        p.text(40, yt + 14, "Please tear off the bottom part and keep it with your travel document.", font, 7.5)
        p.text(40, yt + 34, rng.choice(["Form I-94 Arrival-Departure Record", "I-94 Record"]), font, 10, True)
        lab = rng.choice(["I-94 Number", "Admission Record No.", "I-94 Record Number"])
        i94 = rng.choice([n.i94, f"{n.i94[:9]} {n.i94[9:]}"]) if n.i94 else ""
        _cell(p, 40, yt + 44, 200, 32, lab, [r.i94(i94)], font, vsize=11)
        if n.valid_to:
            _cell(p, 240, yt + 44, 150, 32, "Until", [fmt_date(n.valid_to, dstyle)], font, vsize=11)
        p.text(40, yt + 96, "Detach here and present at departure", font, 7)
        yo = 720
    else:
        yo = 700
    p.text(40, yo, office[0].upper(), font, 8, True)
    p.text(40, yo + 10, office[1].upper(), font, 8)
    p.text(40, yo + 20, office[2].upper(), font, 8)
    p.text(40, yo + 36, rng.choice(["Customer Service: 800-375-5283", "USCIS Contact Center 800-375-5283"]), font, 7)
    p.right(572, 770, f"Form {fid} 04/01/24", font, 7)
    if n.kind == "rfe":
        _rfe_page2(p, n, rng, font, r)


def _rfe_page2(p: Pen, n: Notice, rng: random.Random, font: str, r: Rec) -> None:
    p.page()
    n.pages = 2
    p.text(40, 50, f"Receipt Number {fmt_receipt(n.receipt, 'plain')}", font, 9, True)
    p.right(572, 50, "Page 2 of 2", font, 9, True)
    p.line(40, 56, 572, 56, 0.8)
    y = 84
    p.text(40, y, "EVIDENCE REQUESTED", font, 11, True)
    y += 20
    for i, item in enumerate(rng.sample(EVIDENCE, 4)):
        y = p.para(56, y, f"{i + 1}. {item}", font, 10, 500) + 6
    y += 10
    y = p.para(
        40,
        y,
        "Send the requested evidence together with the original of this notice on top. Submit all "
        "the evidence at one time; evidence sent separately may not be considered.",
        font,
        10,
        532,
    )
    p.text(40, y + 20, "Director", font, 10)


# ---------------------------------------------------------------------------------------------
# Family "abbrev": a system printout in a monospaced font, abbreviated labels, two pairs a line (fpdf2).


def abbrev(p: Pen, n: Notice, rng: random.Random, font: str) -> None:
    r = Rec(n)
    size = 9.0
    cw = p.width("M", font, size)
    dstyle = rng.choice(["us", "yy", "dmy"])
    rows: list[str] = []

    def pair(k1: str, v1: str, k2: str = "", v2: str = "") -> None:
        left = f"{k1:<11}{v1}"
        rows.append(f"{left:<40}{k2:<11}{v2}".rstrip() if k2 else left)

    fid = FORM_ID[n.kind]
    rows.append(f"{'U.S. CITIZENSHIP AND IMMIGRATION SERVICES':<52}{fid}")
    rows.append(f"{'NOTICE OF ACTION':<52}{'PAGE 1 OF 1'}")
    rows.append("=" * 64)
    pair("RCPT NBR:", r.receipt(rng.choice(["plain", "hyph", "space"])), "NTC DT:", r.date("notice_date", dstyle))
    ct, tok = case_type(n.form, "upper")
    r.put("form", tok)
    rows.append(f"{'FORM TYPE:':<11}{ct[:52]}")
    pair(
        "RCVD DT:",
        r.date("received_date", dstyle) if n.received else "",
        "PRTY DT:",
        r.date("priority_date", dstyle) if n.priority else "",
    )
    pair("NTC TYPE:", r.kind(rng.choice(KIND_NAMES[n.kind]).upper()))
    rows.append("-" * 64)
    if n.petitioner:
        width = 52
        pet = n.petitioner.upper()
        parts = []
        cur = ""
        for word in pet.split():
            if cur and len(cur) + 1 + len(word) > width:
                parts.append(cur)
                cur = word
            else:
                cur = f"{cur} {word}".strip()
        parts.append(cur)
        r.name("petitioner", " ".join(parts), parts)
        rows.append(f"{'PETITIONER:':<12}{parts[0]}")
        rows.extend(f"{'':<12}{x}" for x in parts[1:])
        rows.append(f"{'BENEFICIARY:':<12}{r.name('beneficiary')}")
    else:
        if n.a_number:
            rows.append(f"{'APPLICANT:':<12}{r.anum(rng.choice(['hash', 'hashhyph', 'plain']))}")
            rows.append(f"{'':<12}{r.name('applicant')}")
        else:
            rows.append(f"{'APPLICANT:':<12}{r.name('applicant')}")
    if n.amount is not None:
        pair("AMT RCVD:", r.amount(rng.choice(["plain", "stars", "trail", "nodec"])))
    if n.classification and n.kind.startswith("approval"):
        cls = r.klass(rng.choice([n.classification, CLASS_PRINT[n.classification]]))
        if n.valid_from and n.valid_to:
            pair("CLASS:", cls, "VALID:", f"{r.date('valid_from', dstyle)} TO {r.date('valid_to', dstyle)}")
        else:
            pair("CLASS:", cls)
    if n.i94:
        pair("I94 NBR:", r.i94(n.i94))
    if n.response_due:
        pair("RESP DUE:", r.date("response_due", dstyle))
    if n.appt:
        d, t, place = r.appt(dstyle, rng.choice(["h24", "ampm0"]), upper=True)
        rows.append("-" * 64)
        pair("APPT DT:", d, "APPT TM:", t)
        rows.append(f"{'ASC:':<11}{place[0]}")
        rows.append(f"{'':<11}{place[1].upper()}")
        rows.append(f"{'':<11}{place[2].upper()}")
    rows.append("-" * 64)
    y = 60.0
    for row in rows:
        p.text(46, y, row, font, size)
        y += size * 1.45
    y += 14
    for ln in addressee(rng, n):
        p.text(46 + 4 * cw, y, ln, font, size)
        y += size * 1.3
    y += 20
    for ln in p.wrap(BODY[n.kind].upper(), font, size - 0.5, 64 * cw):
        p.text(46, y, ln, font, size - 0.5)
        y += size * 1.3
    office = n.office
    y = max(y + 30, 690)
    for ln in (office[0].upper(), office[1].upper(), office[2].upper()):
        p.text(46, y, ln, font, size - 0.5)
        y += size * 1.2


# ---------------------------------------------------------------------------------------------
# Family "halfsheet": a compact notice filling half a page, label and value on one line, two columns.


def halfsheet(p: Pen, n: Notice, rng: random.Random, font: str, y0: float = 0.0) -> None:
    r = Rec(n)
    dstyle = rng.choice(["us", "abbr", "iso", "long"])
    p.rect(36, y0 + 30, 540, 22, lw=0, fill=0.82)
    p.text(44, y0 + 45, f"{FORM_ID[n.kind]}  |  NOTICE OF ACTION", font, 11, True)
    p.right(568, y0 + 45, r.kind(rng.choice(KIND_NAMES[n.kind])), font, 11, True)
    lab = {
        "rcpt": rng.choice(["Receipt #", "Receipt Number"]),
        "ntc": rng.choice(["Notice Date", "Dated"]),
        "recv": rng.choice(["Received", "Receipt Date"]),
        "case": rng.choice(["Form", "Case Type"]),
    }
    left = [(lab["rcpt"], r.receipt("plain")), (lab["case"], r.form(rng.choice(["hyph", "compact"])))]
    if n.received:
        left.append((lab["recv"], r.date("received_date", dstyle)))
    left.append((lab["ntc"], r.date("notice_date", dstyle)))
    if n.amount is not None:
        left.append((rng.choice(["Fee", "Amount"]), r.amount(rng.choice(["plain", "usd", "space_us"]))))
    y = y0 + 72
    for k, v in left:
        p.text(44, y, k, font, 8.5)
        p.text(130, y, v, font, 9.5, True)
        y += 14
    yr = y0 + 72
    if n.petitioner:
        lines = p.wrap(n.petitioner, font, 9.5, 200, True)
        r.name("petitioner", " ".join(lines), lines)
        p.text(320, yr, "Petitioner", font, 8.5)
        for ln in lines:
            p.text(380, yr, ln, font, 9.5, True)
            yr += 12
        p.text(320, yr + 2, "Beneficiary", font, 8.5)
        p.text(380, yr + 2, r.name("beneficiary"), font, 9.5, True)
        yr += 16
    else:
        p.text(320, yr, "Applicant", font, 8.5)
        if n.a_number:
            p.text(380, yr, r.anum(rng.choice(["groups", "hyph", "hash"])), font, 9.5, True)
            yr += 12
        p.text(380, yr, r.name("applicant", person_name(n, "last_first")), font, 9.5, True)
        yr += 16
    y = max(y, yr) + 6
    if n.appt:
        d, t, place = r.appt(rng.choice(["weekday", "us"]), rng.choice(["ampm", "lower"]))
        p.rect(40, y, 532, 58, 0.6)
        p.text(48, y + 14, rng.choice(["Report to:", "Location:"]), font, 8.5)
        for i, ln in enumerate(place):
            p.text(110, y + 14 + i * 12, ln, font, 9.5, i == 0)
        p.text(370, y + 14, "Date:", font, 8.5)
        p.text(405, y + 14, d, font, 9.5, True)
        p.text(370, y + 28, "Time:", font, 8.5)
        p.text(405, y + 28, t, font, 9.5, True)
        y += 70
    y = p.para(44, y + 4, BODY[n.kind], font, 8.5, 524, 1.25)
    office = n.office
    p.text(44, y + 8, f"{office[0]}, {office[1]}, {office[2]}", font, 7.5)
    p.line(20, y0 + 392, 592, y0 + 392, 0.4, dash=True) if y0 == 0 else None


# ---------------------------------------------------------------------------------------------
# Family "reletter": a USCIS letter (requests, intents, decisions, transfers) with an RE: block.


def reletter(p: Pen, n: Notice, rng: random.Random, font: str) -> None:
    r = Rec(n)
    office = n.office
    p.text(72, 60, "U.S. Department of Homeland Security", font, 10)
    p.text(72, 72, "U.S. Citizenship and Immigration Services", font, 10)
    p.text(72, 84, office[0], font, 10)
    p.text(72, 96, f"{office[1]}, {office[2]}", font, 10)
    p.right(540, 66, "U.S. Citizenship", font, 13, True)
    p.right(540, 82, "and Immigration", font, 13, True)
    p.right(540, 98, "Services", font, 13, True)
    dstyle = rng.choice(["long", "long", "upper", "abbr"])
    y = 140.0
    p.text(72, y, r.date("notice_date", dstyle), font, 11)
    y += 30
    for ln in addressee(rng, n):
        p.text(72, y, ln, font, 11)
        y += 13
    y += 18
    re_lines: list[tuple[str, str]] = []
    ct, tok = case_type(n.form, rng.choice(["comma", "form"]))
    r.put("form", tok)
    re_lines.append(("", ct))
    rlabel = rng.choice(["Receipt Number:", "Receipt No.:", "Case:"])
    re_lines.append((rlabel, r.receipt(rng.choice(["plain", "hyph"]))))
    if n.petitioner:
        pet = n.petitioner
        lines = p.wrap(pet, font, 11, 300)
        r.name("petitioner", " ".join(lines), lines)
        re_lines.append(("Petitioner:", lines[0]))
        re_lines.extend(("", x) for x in lines[1:])
        re_lines.append(
            ("Beneficiary:", r.name("beneficiary", person_name(n, rng.choice(["given_first", "last_first_mixed"]))))
        )
    else:
        re_lines.append(("Applicant:", r.name("applicant", person_name(n, "given_first"))))
        if n.a_number:
            re_lines.append(("A-Number:" if rng.random() < 0.5 else "File No.:", r.anum("hyph")))
    if n.received:
        re_lines.append(("Filed:", r.date("received_date", dstyle)))
    p.text(72, y, "RE:", font, 11, True)
    indent = max(p.width(k, font, 11) for k, _ in re_lines) + 8
    for i, (k, v) in enumerate(re_lines):
        p.text(110, y, k, font, 11)
        p.text(110 + (indent if i else 0), y, v, font, 11)
        y += 13
    y += 16
    heading = r.kind(rng.choice(KIND_NAMES[n.kind]).upper())
    p.center(306, y, heading, font, 12, True)
    y += 26
    y = p.para(72, y, BODY[n.kind], font, 11, 468) + 10
    if n.response_due:
        due = r.date("response_due", rng.choice(["long", "weekday", "us"]))
        y = (
            p.para(
                72,
                y,
                rng.choice(
                    [
                        f"Your response must be received by USCIS on or before {due}.",
                        f"You must submit the requested evidence no later than {due}, at the address on this letter.",
                        f"You have until {due} to respond. A response received after that date will not be considered.",
                    ]
                ),
                font,
                11,
                468,
                bold=True,
            )
            + 10
        )
    y = p.para(
        72,
        y,
        "Please include a copy of this letter with your response and write the receipt number on every page you send.",
        font,
        11,
        468,
    )
    page2 = n.kind in ("noid", "noir", "denial", "rfe")
    if page2:
        p.right(540, 750, "Page 1 of 2", font, 9)
        p.page()
        n.pages = 2
        p.text(72, 60, f"{fmt_receipt(n.receipt, 'plain')}", font, 10)
        p.right(540, 60, "Page 2 of 2", font, 10)
        y = 100
        for item in rng.sample(EVIDENCE, 3):
            y = p.para(90, y, "- " + item, font, 11, 450) + 6
        y += 10
    p.text(72, y + 20, "Sincerely,", font, 11)
    p.text(72, y + 64, rng.choice(["Alma R. Pennington", "Conrad Whitlock", "Oyelaran T. Bassey"]), font, 11)
    p.text(72, y + 77, f"Director, {office[0]}", font, 11)


# ---------------------------------------------------------------------------------------------
# Family "cards": an HTML rendering with a CSS grid of labelled cards (printed by chromium).

CSS_BASE = """
@page { size: letter; margin: 0.5in; }
body { font-family: FONT; font-size: 10pt; color: #111; margin: 0; }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6pt; margin: 8pt 0; }
.card { border: 0.6pt solid #777; border-radius: 4pt; padding: 4pt 6pt; }
.card .k { font-size: 7pt; text-transform: uppercase; color: #555; }
.card .v { font-weight: bold; font-size: 10.5pt; }
.wide { grid-column: span 2; }
.full { grid-column: span 3; }
h1 { font-size: 16pt; margin: 0; } .top { display: flex; justify-content: space-between; align-items: end;
  border-bottom: 2pt solid #223; padding-bottom: 4pt; }
.small { font-size: 8pt; color: #333; } p { margin: 5pt 0; line-height: 1.3; }
table.appt { border-collapse: collapse; width: 100%; margin: 8pt 0; }
table.appt th { background: #dde; font-size: 8pt; text-align: left; padding: 3pt 5pt; border: 0.6pt solid #889; }
table.appt td { padding: 5pt; border: 0.6pt solid #889; font-size: 10.5pt; vertical-align: top; }
.tear { border-top: 1pt dashed #555; margin-top: 18pt; padding-top: 6pt; }
.pb { break-before: page; }
"""


def _card(label: str, value: str, cls: str = "") -> str:
    return f'<div class="card {cls}"><div class="k">{html.escape(label)}</div><div class="v">{value}</div></div>'


def cards(n: Notice, rng: random.Random, font: str) -> str:
    r = Rec(n)
    e = html.escape
    dstyle = rng.choice(["us", "long", "abbr"])
    fid = FORM_ID[n.kind]
    kind = r.kind(rng.choice(KIND_NAMES[n.kind]))
    out = [
        f'<div class="top"><div><div class="small">THE UNITED STATES OF AMERICA &middot; Department of Homeland '
        f'Security</div><h1>{e(kind)}</h1></div><div><b>Form {fid}</b><br><span class="small">Notice of Action'
        f"</span></div></div>",
        '<div class="grid">',
    ]
    out.append(_card(rng.choice(["Receipt number", "Receipt #"]), e(r.receipt(rng.choice(["plain", "hyph"])))))
    ct, tok = case_type(n.form, rng.choice(["comma", "upper"]))
    r.put("form", tok)
    out.append(_card(rng.choice(["Case type", "Form"]), e(ct), "wide"))
    if n.received:
        out.append(_card(rng.choice(["Received", "Date received"]), e(r.date("received_date", dstyle))))
    if n.priority:
        out.append(_card("Priority date", e(r.date("priority_date", dstyle))))
    out.append(_card(rng.choice(["Notice date", "Date of this notice"]), e(r.date("notice_date", dstyle))))
    if n.petitioner:
        out.append(_card("Petitioner", e(r.name("petitioner")), "wide"))
        out.append(_card("Beneficiary", e(r.name("beneficiary"))))
    else:
        v = ""
        if n.a_number:
            v = e(r.anum(rng.choice(["groups", "hyph", "hash"]))) + "<br>"
        out.append(_card("Applicant", v + e(r.name("applicant")), "wide"))
    if n.amount is not None:
        out.append(
            _card(rng.choice(["Amount received", "Fee paid"]), e(r.amount(rng.choice(["plain", "usd", "space_us"]))))
        )
    if n.classification and n.kind.startswith("approval"):
        out.append(_card("Classification", e(r.klass(CLASS_PRINT[n.classification]))))
    if n.valid_from and n.valid_to:
        out.append(_card("Valid from", e(r.date("valid_from", dstyle))))
        out.append(_card("Valid until", e(r.date("valid_to", dstyle))))
    if n.response_due:
        out.append(_card(rng.choice(["Respond by", "Response due"]), e(r.date("response_due", dstyle))))
    out.append("</div>")
    if n.appt:
        d, t, place = r.appt(rng.choice(["weekday", "long"]), rng.choice(["ampm", "dots"]))
        out.append(
            '<table class="appt"><tr><th>Date</th><th>Time</th><th>Application Support Center</th></tr>'
            f"<tr><td>{e(d)}</td><td>{e(t)}</td><td>{'<br>'.join(e(x) for x in place)}</td></tr></table>"
        )
    out.append("<p>" + "<br>".join(e(x) for x in addressee(rng, n)) + "</p>")
    out.append(f"<p>{e(BODY[n.kind])}</p>")
    if n.i94:
        out.append(
            f'<div class="tear"><b>I-94 Arrival/Departure Record</b><div class="grid">'
            f"{_card('Admission record number', e(r.i94(n.i94)))}"
            f"{_card('Class of admission', e(CLASS_PRINT.get(n.classification or '', '')))}</div></div>"
        )
    office = n.office
    out.append(f'<p class="small">{e(office[0])}<br>{e(office[1])}<br>{e(office[2])}</p>')
    if n.kind == "rfe":
        n.pages = 2
        out.append(
            f'<div class="pb"><p class="small">{e(fmt_receipt(n.receipt, "plain"))} &middot; Page 2 of 2</p>'
            "<h1>Evidence requested</h1><ol>"
            + "".join(f"<li><p>{e(x)}</p></li>" for x in rng.sample(EVIDENCE, 4))
            + "</ol></div>"
        )
    return _page(font, "".join(out))


def _page(font: str, body: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS_BASE.replace('FONT', font)}</style>"
        f"</head><body>{body}</body></html>"
    )


# ---------------------------------------------------------------------------------------------
# Family "ascslip": an appointment notice with a three-column appointment table (chromium).


def ascslip(n: Notice, rng: random.Random, font: str) -> str:
    r = Rec(n)
    e = html.escape
    dstyle = rng.choice(["us", "abbr"])
    ct, tok = case_type(n.form, "upper")
    r.put("form", tok)
    title = r.kind(rng.choice(["ASC Appointment Notice", "Biometrics Appointment Notice"]))
    d, t, place = r.appt(rng.choice(["weekday", "us", "long"]), rng.choice(["ampm", "lower", "dots"]))
    who = []
    if n.a_number:
        who.append(e(r.anum(rng.choice(["groups", "hashhyph"]))))
    who.append(e(r.name("applicant")))
    rows = [
        (rng.choice(["Receipt Number", "Receipt #"]), e(r.receipt("plain"))),
        ("Case Type", e(ct)),
        (rng.choice(["Notice Date", "Date of Notice"]), e(r.date("notice_date", dstyle))),
        ("Applicant", "<br>".join(who)),
    ]
    grid = "".join(f"<tr><th style='width:28%'>{e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    body = (
        f"<div class='top'><div><div class='small'>U.S. Citizenship and Immigration Services</div>"
        f"<h1>{e(title)}</h1></div><div><b>I-797C</b></div></div>"
        f"<table class='appt'>{grid}</table>"
        "<p>To process your case, USCIS must capture your biometrics. Please appear at the Application Support "
        "Center below at the date and time shown.</p>"
        f"<table class='appt'><tr><th>{rng.choice(['Appointment date', 'Date'])}</th>"
        f"<th>{rng.choice(['Appointment time', 'Time'])}</th><th>{rng.choice(['Location', 'Place'])}</th></tr>"
        f"<tr><td><b>{e(d)}</b></td><td><b>{e(t)}</b></td><td>{'<br>'.join(e(x) for x in place)}</td></tr></table>"
        f"<p>{e(BODY['biometrics'])}</p>"
        "<p class='small'>Bring: this notice; a passport, national ID or driver's license; your employment "
        "authorization document if you have one.</p>"
        f"<p>{'<br>'.join(e(x) for x in addressee(rng, n))}</p>"
    )
    return _page(font, body)


# ---------------------------------------------------------------------------------------------
# Family "wordtable": a word-processor notice with a two-column label/value table (LibreOffice).


def wordtable(n: Notice, rng: random.Random, font: str) -> Any:
    import docx
    from docx.shared import Pt

    r = Rec(n)
    doc = docx.Document()
    st = doc.styles["Normal"]
    st.font.name = font
    st.font.size = Pt(10.5)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)
    sec.left_margin = sec.right_margin = docx.shared.Inches(0.9)
    sec.top_margin = sec.bottom_margin = docx.shared.Inches(0.7)
    head = doc.add_paragraph()
    head.add_run("Department of Homeland Security\nU.S. Citizenship and Immigration Services").bold = True
    t = doc.add_paragraph()
    fid = FORM_ID[n.kind]
    run = t.add_run(f"Form {fid}, Notice of Action")
    run.bold = True
    run.font.size = Pt(15)
    dstyle = rng.choice(["us", "long", "upper", "abbr"])
    rows: list[tuple[str, str]] = [
        (rng.choice(["Type of notice", "Notice type"]), r.kind(rng.choice(KIND_NAMES[n.kind]))),
        (rng.choice(["Receipt number", "USCIS receipt"]), r.receipt(rng.choice(["plain", "hyph"]))),
    ]
    ct, tok = case_type(n.form, rng.choice(["comma", "upper", "form"]))
    r.put("form", tok)
    rows.append(("Form", ct))
    if n.received:
        rows.append((rng.choice(["Date received", "Receipt date"]), r.date("received_date", dstyle)))
    if n.priority:
        rows.append(("Priority date", r.date("priority_date", dstyle)))
    rows.append((rng.choice(["Date of notice", "Notice date"]), r.date("notice_date", dstyle)))
    if n.petitioner:
        rows.append(("Petitioner", r.name("petitioner")))
        rows.append(("Beneficiary", r.name("beneficiary", person_name(n, rng.choice(["last_first", "given_first"])))))
    else:
        rows.append(("Applicant", r.name("applicant")))
        if n.a_number:
            rows.append((rng.choice(["A-Number", "Alien Registration Number"]), r.anum(rng.choice(["hyph", "groups"]))))
    if n.amount is not None:
        rows.append(("Fee received", r.amount(rng.choice(["plain", "space_us", "nodec"]))))
    if n.classification and n.kind.startswith("approval"):
        rows.append(("Classification", r.klass(CLASS_PRINT[n.classification])))
    if n.valid_from and n.valid_to:
        rows.append(("Validity", f"{r.date('valid_from', dstyle)} to {r.date('valid_to', dstyle)}"))
    if n.i94:
        rows.append(("I-94 number", r.i94(n.i94)))
    if n.response_due:
        rows.append((rng.choice(["Response deadline", "Reply by"]), r.date("response_due", dstyle)))
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in rows:
        cells = table.add_row().cells
        cells[0].text = k
        cells[1].text = v
        cells[1].paragraphs[0].runs[0].bold = True
        cells[0].width = docx.shared.Inches(1.9)
        cells[1].width = docx.shared.Inches(4.8)
    if n.appt:
        d, tm, place = r.appt(rng.choice(["weekday", "long"]), rng.choice(["ampm", "dots"]))
        doc.add_paragraph(f"You are scheduled to appear at {place[0]}, {place[1]}, {place[2]} on {d} at {tm}.")
    doc.add_paragraph("\n".join(addressee(rng, n)))
    doc.add_paragraph(BODY[n.kind])
    if n.kind in ("rfe", "noid", "noir"):
        for item in rng.sample(EVIDENCE, 3):
            doc.add_paragraph(item, style="List Number")
    office = n.office
    doc.add_paragraph(f"{office[0]}\n{office[1]}\n{office[2]}")
    return doc


# ---------------------------------------------------------------------------------------------
# Documents that are not notices, though they quote notices.


def cover_letter(mk: Maker, rng: random.Random) -> tuple[Any, Notice]:
    import docx

    n = mk.notice("approval_a", "I-129", "nonnotice")
    att, firm = rng.choice(ATTORNEYS)
    doc = docx.Document()
    doc.styles["Normal"].font.name = "Liberation Serif"
    doc.add_paragraph(f"{firm}\n{rng.choice(STREETS)}\nRaleigh, NC 27606").runs[0].bold = True
    doc.add_paragraph(fmt_date(n.notice_date + dt.timedelta(days=4), "long"))
    doc.add_paragraph(f"{n.person[0]} {n.person[2]}\n{rng.choice(STREETS)}\nTempe, AZ 85281")
    doc.add_paragraph(
        f"Re: Form I-797A, Notice of Action (Approval Notice)\nReceipt Number: {n.receipt}\nPetitioner: {n.petitioner}"
    )
    doc.add_paragraph(f"Dear {n.person[0]}:")
    doc.add_paragraph(
        f"We are pleased to enclose the original Form I-797A, Notice of Action, showing that USCIS approved the "
        f"extension of your H-1B status. The notice is dated {fmt_date(n.notice_date, 'long')} and your status is "
        f"valid until {fmt_date(n.valid_to or n.notice_date, 'long')}. The I-94 record at the bottom of the notice, "
        f"number {n.i94}, is your new record of admission; keep it with your passport."
    )
    doc.add_paragraph(
        "If you travel, you will need a visa stamp. Please call us before you book any trip. We will "
        "calendar the date by which an extension must be filed."
    )
    doc.add_paragraph(f"Sincerely,\n\n{att}\nEnclosure: Form I-797A (original)")
    return doc, n


def status_page(mk: Maker, rng: random.Random) -> str:
    n = mk.notice("receipt", "I-765", "nonnotice")
    e = html.escape
    body = (
        "<div class='small'>https://egov.uscis.gov/casestatus &middot; printed "
        f"{e(fmt_date(n.notice_date + dt.timedelta(days=9), 'us'))}</div>"
        "<h1>Case Status Online</h1><p class='small'>Check your case status. Enter your receipt number.</p>"
        f"<div class='card'><div class='k'>Your receipt number</div><div class='v'>{n.receipt}</div></div>"
        "<h1 style='margin-top:14pt'>Case Was Received</h1>"
        f"<p>On {e(fmt_date(n.received or n.notice_date, 'long'))}, we received your Form I-765, Application for "
        f"Employment Authorization, Receipt Number {n.receipt}, and sent you the receipt notice that describes how "
        "we will process your case. Please follow the instructions in the notice. If you move, go to "
        "www.uscis.gov/addresschange to give us your new mailing address.</p>"
        "<p class='small'>This is not a notice of action. It does not replace any notice USCIS mails to you.</p>"
    )
    return _page("Liberation Sans", body)


def invoice(p: Pen, mk: Maker, rng: random.Random) -> None:
    n = mk.notice("receipt", "I-129", "nonnotice")
    font = "libsans"
    _att, firm = rng.choice(ATTORNEYS)
    p.text(50, 60, firm, font, 16, True)
    p.text(50, 78, rng.choice(STREETS), font, 9)
    p.right(560, 60, "INVOICE", font, 20, True)
    p.right(560, 80, f"Invoice no. {rng.randint(10000, 99999)}", font, 9)
    p.right(560, 92, f"Date: {fmt_date(n.notice_date, 'us')}", font, 9)
    p.text(50, 120, f"Bill to: {n.petitioner}", font, 10)
    p.text(50, 134, f"Matter: H-1B extension for {n.person[0]} {n.person[2]}, USCIS receipt {n.receipt}", font, 10)
    rows = [
        ("Professional fees, H-1B extension petition", "3,250.00"),
        ("USCIS filing fee, Form I-129", "780.00"),
        ("USCIS premium processing fee, Form I-907", "2,805.00"),
        ("Asylum Program Fee", "600.00"),
        ("Courier and copies", "48.50"),
    ]
    y = 170.0
    p.rect(50, y - 14, 510, 18, lw=0, fill=0.85)
    p.text(56, y - 1, "Description", font, 10, True)
    p.right(554, y - 1, "Amount (USD)", font, 10, True)
    y += 20
    for d, a in rows:
        p.text(56, y, d, font, 10)
        p.right(554, y, a, font, 10)
        y += 18
    p.line(50, y - 8, 560, y - 8)
    p.text(56, y + 6, "Total due", font, 11, True)
    p.right(554, y + 6, "$7,483.50", font, 11, True)
    p.text(56, y + 40, "Payment due within 30 days. The approval notice will be forwarded when received.", font, 9)


def exhibit_index(p: Pen, mk: Maker, rng: random.Random) -> None:
    n = mk.notice("rfe", "I-140", "nonnotice")
    font = "dvserif"
    p.center(306, 70, "RESPONSE TO REQUEST FOR EVIDENCE", font, 13, True)
    p.center(306, 88, "INDEX OF EXHIBITS", font, 12, True)
    lines = [
        f"Form I-140, Immigrant Petition for Alien Workers, Receipt Number {fmt_receipt(n.receipt, 'hyph')}",
        f"Petitioner: {n.petitioner}",
        f"Beneficiary: {n.beneficiary}",
        f"Request for Evidence (Form I-797E) dated {fmt_date(n.notice_date, 'long')}; "
        f"response due {fmt_date(n.response_due or n.notice_date, 'long')}",
    ]
    y = 124.0
    for ln in lines:
        y = p.para(72, y, ln, font, 10.5, 468)
    y += 16
    for i, item in enumerate(
        [
            "Copy of the Request for Evidence, Form I-797E",
            "Petitioner's letter of support",
            "Audited financial statements, 2024 and 2025",
            "Beneficiary's Forms W-2",
            "Expert opinion letter",
            "Credential evaluation",
        ]
    ):
        p.text(90, y, f"Exhibit {chr(65 + i)}", font, 10.5, True)
        p.text(170, y, item, font, 10.5)
        y += 18
    p.text(72, y + 30, "Submitted by counsel for the petitioner.", font, 10.5)


# ---------------------------------------------------------------------------------------------
# Sources (one PDF each), files (sources assembled, then printed, scanned or photographed).


@dataclass
class Src:
    producer: str  # "rl", "fpdf", "html", "docx"
    family: str
    font: str
    notices: list[Notice]
    draw: Callable[..., Any] | None = None  # for non-notices
    cairo: bool = False  # re-written through pdftocairo
    pdf: Path | None = None
    pages: int = 0
    seed: float = 0.0


@dataclass
class FileSpec:
    name: str
    medium: str  # text-pdf, scan-pdf, mixed-pdf, image
    label: str
    parts: list[Src]
    effect: str = "none"
    dpi: int = 0
    blanks: bool = False  # duplex: a blank back after every page
    scanned_parts: tuple[int, ...] = ()  # mixed: which parts are scanned


RL_FONTS = ["carlito", "libnarrow", "dvcond", "libsans"]
FP_FONTS = ["libsans", "caladea", "dvcond", "carlito"]
MONO = ["dvmono", "libmono"]
SERIF = ["caladea", "dvserif", "libserif", "dvserifc"]
HTML_FONTS = ["'Liberation Sans'", "'DejaVu Serif'", "Carlito", "'Liberation Serif'", "'DejaVu Sans'", "Caladea"]
DOCX_FONTS = ["Carlito", "Liberation Serif", "Caladea", "DejaVu Sans", "Liberation Sans"]


def plan(rng: random.Random) -> list[FileSpec]:
    mk = Maker(rng)
    files: list[FileSpec] = []

    def src(family: str, kind: str, form: str, producer: str = "", font: str = "", **kw: Any) -> Src:
        cairo = kw.pop("cairo", False)
        n = mk.notice(kind, form, family, **kw)
        producer = (
            producer
            or {
                "casebar": "rl",
                "abbrev": "fpdf",
                "halfsheet": "fpdf",
                "reletter": "rl",
                "cards": "html",
                "ascslip": "html",
                "wordtable": "docx",
            }[family]
        )
        if not font:
            font = rng.choice(
                {
                    "casebar": RL_FONTS if producer == "rl" else FP_FONTS,
                    "abbrev": MONO,
                    "halfsheet": FP_FONTS,
                    "reletter": SERIF,
                    "cards": HTML_FONTS,
                    "ascslip": HTML_FONTS,
                    "wordtable": DOCX_FONTS,
                }[family]
            )
        return Src(producer, family, font, [n], cairo=cairo)

    def same_case(base: Src, family: str, kind: str, producer: str = "") -> Src:
        s = src(family, kind, base.notices[0].form, producer)
        s.notices = [mk.notice(kind, "I-907" if kind == "i907" else base.notices[0].form, family, base=base.notices[0])]
        return s

    def add(name: str, medium: str, label: str, parts: list[Src], **kw: Any) -> None:
        files.append(FileSpec(name, medium, label, parts, **kw))

    # text PDFs, one notice each
    singles = [
        ("casebar", "receipt", "I-129", "rl", {"long_name": True}),
        ("casebar", "biometrics", "I-485", "fpdf", {}),
        ("casebar", "approval_a", "I-129", "rl", {}),
        ("casebar", "rfe", "I-140", "rl", {"long_name": True}),
        ("casebar", "approval_b", "I-129", "fpdf", {"cairo": True}),
        ("casebar", "i907", "I-129", "rl", {}),
        ("abbrev", "receipt", "I-485", "fpdf", {}),
        ("abbrev", "biometrics", "I-765", "fpdf", {}),
        ("abbrev", "approval_a", "I-539", "rl", {}),
        ("abbrev", "transfer", "I-130", "fpdf", {}),
        ("halfsheet", "receipt", "N-400", "fpdf", {}),
        ("halfsheet", "biometrics", "I-90", "rl", {}),
        ("reletter", "noid", "I-129", "rl", {"cairo": True, "long_name": True}),
        ("reletter", "noir", "I-140", "rl", {"cairo": True}),
        ("reletter", "denial", "I-485", "rl", {}),
        ("reletter", "rfe", "I-130", "rl", {"cairo": True}),
        ("cards", "receipt", "I-129F", "html", {}),
        ("cards", "approval_a", "I-129", "html", {"long_name": True}),
        ("cards", "rfe", "I-765", "html", {}),
        ("ascslip", "biometrics", "N-400", "html", {}),
        ("wordtable", "receipt", "I-601A", "docx", {}),
        ("wordtable", "approval", "I-140", "docx", {}),
        ("wordtable", "rfe", "I-129", "docx", {"long_name": True}),
        ("wordtable", "rejection", "I-90", "docx", {}),
        ("cards", "approval", "I-130", "html", {}),
    ]
    for i, (fam, kind, form, prod, kw) in enumerate(singles):
        s = src(fam, kind, form, prod, **kw)
        if kind == "i907":
            s.notices[0].form = "I-907"
        add(f"t{i + 1:02d}-{kind}.pdf", "text-pdf", f"{fam} {kind} {form}", [s])
    # text PDFs with several notices
    base = src("casebar", "receipt", "I-129", "rl", office="WAC")
    add(
        "t26-batch.pdf",
        "text-pdf",
        "receipt, I-907 receipt and approval, one receipt number",
        [base, same_case(base, "casebar", "i907", "rl"), same_case(base, "casebar", "approval", "rl")],
    )
    pair = src("halfsheet", "receipt", "I-485", "fpdf", office="MSC")
    second = mk.notice("receipt", "I-765", "halfsheet", base=pair.notices[0])
    second.receipt = pair.notices[0].receipt[:-1] + str((int(pair.notices[0].receipt[-1]) + 1) % 10)
    pair.notices.append(second)
    bio = src("abbrev", "biometrics", "I-485", "fpdf")
    bio.notices = [mk.notice("biometrics", "I-485", "abbrev", base=pair.notices[0])]
    add("t27-applicant.pdf", "text-pdf", "two receipts on one page and the appointment", [pair, bio])
    add("t28-cover.pdf", "text-pdf", "law-firm cover letter", [Src("docx", "nonnotice", "", [], draw=cover_letter)])
    add(
        "t29-index.pdf",
        "text-pdf",
        "exhibit index of an RFE response",
        [Src("rl", "nonnotice", "", [], draw=exhibit_index)],
    )
    # scans
    scans = [
        ("casebar", "receipt", "I-140", "rl", "soft", 300, {}),
        ("casebar", "biometrics", "I-131", "fpdf", "skew", 200, {}),
        ("abbrev", "approval_a", "I-129", "fpdf", "upside", 200, {}),
        ("reletter", "rfe", "I-129", "rl", "duplex", 300, {}),
        ("cards", "biometrics", "I-539", "html", "grey", 150, {}),
        ("wordtable", "noid", "I-140", "docx", "sideways", 240, {}),
        ("halfsheet", "i907", "I-129", "fpdf", "fax", 200, {}),
        ("ascslip", "biometrics", "I-751", "html", "jpeg", 300, {}),
        ("casebar", "approval_a", "I-539", "rl", "note", 200, {}),
        ("wordtable", "approval_a", "I-129", "docx", "soft", 300, {}),
        ("reletter", "transfer", "I-129", "rl", "skew", 200, {"long_name": True}),
        ("casebar", "rejection", "I-765", "fpdf", "grey", 150, {}),
    ]
    for i, (fam, kind, form, prod, eff, dpi, kw) in enumerate(scans):
        s = src(fam, kind, form, prod, **kw)
        if kind == "i907":
            s.notices[0].form = "I-907"
        add(
            f"s{i + 1:02d}-{kind}.pdf",
            "scan-pdf",
            f"{fam} {kind} {form} ({eff})",
            [s],
            effect=eff,
            dpi=dpi,
            blanks=eff == "duplex",
        )
    pair = src("halfsheet", "receipt", "N-400", "fpdf", office="IOE")
    pair.notices.append(mk.notice("biometrics", "N-400", "halfsheet", base=pair.notices[0]))
    add("s13-two-on-a-page.pdf", "scan-pdf", "receipt and appointment on one page", [pair], effect="soft", dpi=300)
    base = src("casebar", "receipt", "I-129", "fpdf", office="EAC")
    add(
        "s14-batch.pdf",
        "scan-pdf",
        "receipt, I-907 receipt and approval, one receipt number (scanned)",
        [base, same_case(base, "halfsheet", "i907", "rl"), same_case(base, "cards", "approval")],
        effect="skew",
        dpi=200,
    )
    add(
        "s15-status.pdf",
        "scan-pdf",
        "case-status printout",
        [Src("html", "nonnotice", "", [], draw=status_page)],
        effect="grey",
        dpi=200,
    )
    # mixed batches
    base = src("abbrev", "receipt", "I-765", "fpdf")
    add(
        "m01-batch.pdf",
        "mixed-pdf",
        "receipt (printed), appointment (scanned), approval (printed)",
        [base, same_case(base, "casebar", "biometrics", "rl"), src("wordtable", "approval_a", "I-539")],
        scanned_parts=(1,),
        effect="soft",
        dpi=200,
    )
    base = src("reletter", "rfe", "I-129", "rl")
    add(
        "m02-batch.pdf",
        "mixed-pdf",
        "request (scanned), approval (printed), one receipt number",
        [base, same_case(base, "casebar", "approval_a", "rl")],
        scanned_parts=(0,),
        effect="skew",
        dpi=300,
    )
    # images
    imgs = [
        ("casebar", "biometrics", "I-485", "rl", "photo", 200, "jpg"),
        ("abbrev", "receipt", "I-824", "fpdf", "grey", 200, "png"),
        ("cards", "approval_a", "I-539", "html", "fax", 200, "tif"),
        ("halfsheet", "biometrics", "I-765", "fpdf", "photo_note", 200, "jpg"),
        ("wordtable", "receipt", "I-131", "docx", "sideways", 300, "jpg"),
        ("ascslip", "biometrics", "I-90", "html", "upside", 200, "png"),
        ("casebar", "approval", "I-129", "fpdf", "soft", 300, "jpg"),
        ("abbrev", "biometrics", "N-400", "fpdf", "photo", 200, "jpg"),
        ("casebar", "receipt", "N-600", "rl", "grey", 150, "png"),
    ]
    for i, (fam, kind, form, prod, eff, dpi, ext) in enumerate(imgs):
        add(
            f"i{i + 1:02d}-{kind}.{ext}",
            "image",
            f"{fam} {kind} {form} ({eff})",
            [src(fam, kind, form, prod)],
            effect=eff,
            dpi=dpi,
        )
    add(
        "i10-noid.tif",
        "image",
        "two-page letter (TIFF)",
        [src("reletter", "noid", "I-130", "rl")],
        effect="grey",
        dpi=200,
    )
    add(
        "i11-invoice.jpg",
        "image",
        "law-firm invoice (photo)",
        [Src("fpdf", "nonnotice", "", [], draw=invoice)],
        effect="photo",
        dpi=200,
    )
    for f in files:  # each source its own random stream, so a subset of the files is drawn as in the whole set
        for s in f.parts:
            s.seed = rng.random()
            if s.draw is not None:
                own = random.Random(rng.random())
                s.draw = _bind(s.draw, Maker(own), own)
    return files


def _bind(fn: Callable[..., Any], mk: Maker, rng: random.Random) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        return fn(*args, mk, rng)

    return call


# ---------------------------------------------------------------------------------------------
# Rendering the sources: reportlab and fpdf2 here, chromium and LibreOffice once each for all.

PEN_FAMILIES: dict[str, Callable[..., None]] = {
    "casebar": casebar,
    "abbrev": abbrev,
    "halfsheet": halfsheet,
    "reletter": reletter,
}


def render_all(files: list[FileSpec], work: Path) -> None:
    html_jobs: list[tuple[Src, Path, str]] = []
    docx_jobs: list[tuple[Src, Path]] = []
    k = 0
    for f in files:
        for s in f.parts:
            k += 1
            rng = random.Random(s.seed)
            s.pdf = work / f"src{k:03d}.pdf"
            if s.producer in ("rl", "fpdf"):
                pen: Pen = RLPen(s.pdf) if s.producer == "rl" else FPen(s.pdf)
                if s.draw is not None:
                    s.draw(pen)
                elif s.family == "halfsheet":
                    for j, n in enumerate(s.notices):
                        halfsheet(pen, n, rng, s.font, y0=396.0 * j)
                else:
                    PEN_FAMILIES[s.family](pen, s.notices[0], rng, s.font)
                pen.close()
            elif s.producer == "html":
                text = (
                    s.draw()
                    if s.draw is not None
                    else (cards if s.family == "cards" else ascslip)(s.notices[0], rng, s.font)
                )
                html_jobs.append((s, s.pdf, text))
            else:
                doc = s.draw()[0] if s.draw is not None else wordtable(s.notices[0], rng, s.font)
                path = work / f"src{k:03d}.docx"
                doc.core_properties.author = "USCIS"
                doc.core_properties.created = dt.datetime(2026, 1, 1)
                doc.core_properties.modified = dt.datetime(2026, 1, 1)
                doc.save(str(path))
                docx_jobs.append((s, path))
    if html_jobs:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            for _s, path, text in html_jobs:
                page.set_content(text)
                page.pdf(path=str(path), format="Letter", print_background=True, prefer_css_page_size=True)
            browser.close()
    if docx_jobs:
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
                *[str(p) for _, p in docx_jobs],
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    for f in files:
        for s in f.parts:
            assert s.pdf is not None
            if not s.pdf.exists():
                raise RuntimeError(f"{f.name}: the {s.producer} producer wrote no PDF")
            if s.cairo:
                out = s.pdf.with_suffix(".cairo.pdf")
                subprocess.run(["pdftocairo", "-pdf", str(s.pdf), str(out)], check=True, capture_output=True)
                s.pdf = out
            from pypdf import PdfReader

            s.pages = len(PdfReader(str(s.pdf)).pages)
            for n in s.notices:
                n.pages = s.pages


# ---------------------------------------------------------------------------------------------
# Scanning and photographing.


def _raster(pdf: Path, index: int, dpi: int) -> Any:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        img = doc[index].render(scale=dpi / 72.0, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()
    return img


def _blank(dpi: int) -> Any:
    from PIL import Image

    return Image.new("L", (int(8.5 * dpi), int(11 * dpi)), 255)


def degrade(img: Any, effect: str, rng: random.Random, dpi: int) -> Any:
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    if effect in ("note", "photo_note"):
        img = _handwriting(img, rng, dpi)
    if effect == "upside":
        img = img.rotate(180)
    if effect == "sideways":
        img = img.rotate(90 if rng.random() < 0.5 else 270, expand=True)
    blur = {"soft": 0.7, "grey": 0.9, "skew": 0.6, "jpeg": 0.5, "fax": 0.4}.get(effect, 0.6) * dpi / 200
    img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32)
    ink = {"grey": 0.78, "soft": 0.85}.get(effect, 0.9)
    paper = {"grey": 222.0, "soft": 238.0}.get(effect, 244.0)
    a = paper - (255.0 - a) * ink * paper / 255.0
    h, w = a.shape
    yy = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    xx = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    a = a - 10.0 * (xx * 0.6 + yy * 0.3 + 0.5) ** 2 * (effect != "fax")
    a += nrng.standard_normal(a.shape, dtype=np.float32) * (5.5 if effect != "grey" else 8.0)
    for _ in range(rng.randint(20, 80)):  # specks
        y, x = nrng.integers(0, h - 4), nrng.integers(0, w - 4)
        a[y : y + rng.randint(1, 3), x : x + rng.randint(1, 3)] -= 120
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    if effect in ("skew", "soft", "grey", "jpeg", "note", "duplex", "fax", "photo", "photo_note"):
        angle = rng.uniform(0.4, 2.2) * rng.choice([-1, 1]) if effect != "photo" else 0.0
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=int(paper))
    if effect == "fax":
        img = img.point(lambda v: 255 if v > 150 else 0).convert("1")
    return img


def _handwriting(img: Any, rng: random.Random, dpi: int) -> Any:
    """A note in blue ink: slanted words, an underline scribble and a tick, away from the notice's values."""
    from PIL import Image, ImageDraw, ImageFont

    rgb = img.convert("RGB")
    layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    font = ImageFont.truetype(str(FONT_DIR / "dejavu/DejaVuSerif-Italic.ttf"), int(dpi * 0.22))
    note = rng.choice(["scanned + sent to client", "calendar this! - MR", "copy to HR file", "orig. in safe"])
    w, h = rgb.size
    tx, ty = int(w * 0.52), int(h * 0.905)
    d.text((tx, ty), note, font=font, fill=(25, 45, 160, 230))
    pts = [(tx + i * dpi // 10, ty + int(dpi * 0.3) + rng.randint(-4, 4)) for i in range(14)]
    d.line(pts, fill=(25, 45, 160, 220), width=max(2, dpi // 90))
    cx, cy = int(w * 0.9), int(h * 0.33)
    d.line(
        [(cx, cy), (cx + dpi // 8, cy + dpi // 7), (cx + dpi // 3, cy - dpi // 6)],
        fill=(25, 45, 160, 230),
        width=max(3, dpi // 60),
    )
    layer = layer.rotate(rng.uniform(-4, 4), center=(tx, ty))
    out = Image.alpha_composite(rgb.convert("RGBA"), layer).convert("RGB")
    return out.convert("L") if img.mode == "L" else out


def photograph(img: Any, rng: random.Random) -> Any:
    """The sheet on a wooden desk: perspective, warm light, a shadow, a vignette, lens softness."""
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    sheet = img.convert("RGB")
    w, h = sheet.size
    W, H = int(w * 1.22), int(h * 1.16)
    qw, qh = W // 4, H // 4  # the desk and the light are smooth: made small, then scaled up
    yy = np.arange(qh, dtype=np.float32)[:, None]
    xx = np.arange(qw, dtype=np.float32)[None, :]
    grain = 18 * np.sin(xx / 9.0 + 3 * np.sin(yy / 48.0)) + nrng.standard_normal((qh, qw), dtype=np.float32) * 6
    wood = np.stack([128 + grain, 88 + grain * 0.7, 52 + grain * 0.45], axis=-1)
    desk = Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8), "RGB").resize((W, H), Image.BILINEAR)
    m = [rng.uniform(0.02, 0.07) for _ in range(8)]
    dst = [
        (W * (0.09 - m[0] / 2), H * (0.07 + m[1] / 3)),
        (W * (0.91 + m[2] / 3), H * (0.06 - m[3] / 4)),
        (W * (0.93 - m[4] / 4), H * (0.94)),
        (W * (0.07 + m[5] / 3), H * (0.95 - m[6] / 4)),
    ]
    coeffs = _perspective(dst, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = sheet.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", (w, h), 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    desk.paste(warped, (0, 0), mask)
    cy, cx = np.ogrid[-1 : 1 : complex(0, qh), -1 : 1 : complex(0, qw)]
    gain = (1.0 - 0.28 * (cx**2 + cy**2)) * (0.92 + 0.08 * (cx * rng.uniform(-1, 1)))
    gain_img = Image.fromarray(np.clip(gain * 255, 0, 255).astype(np.uint8), "L").resize((W, H), Image.BILINEAR)
    a = np.asarray(desk).astype(np.float32)
    a *= (np.asarray(gain_img, dtype=np.float32) / 255.0)[..., None]
    a *= np.array([1.04, 0.99, 0.88], dtype=np.float32)
    a += nrng.standard_normal((H, W, 1), dtype=np.float32) * 4
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.8))
    return out


def _perspective(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    import numpy as np

    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs))]


def _jpeg(img: Any, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
    return buf.getvalue()


def _scan_pdf(images: list[Any], dpi: int, quality: int) -> bytes:
    import img2pdf

    blobs = []
    for im in images:
        if im.mode == "1":
            buf = io.BytesIO()
            im.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
            blobs.append(buf.getvalue())
        else:
            blobs.append(_jpeg(im, quality, dpi))
    return bytes(img2pdf.convert(blobs))


# ---------------------------------------------------------------------------------------------
# Assembling the files, checking the truth against the text layer, writing truth.json.


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_printed(n: Notice, page_texts: list[str], where: str) -> None:
    """Refuse a notice whose truth holds a value its pages do not print (or print another way)."""
    text = _squash("".join(page_texts))
    truth = truth_of(n)
    for name in SCORED:
        if truth[name] is None:
            continue
        shown = n.printed.get("notice_type", []) if name == "notice_type" else n.printed.get(name, [])
        if not shown:
            raise RuntimeError(f"{where}: {name} is in the truth but was never printed")
        for part in shown:
            if _squash(part) not in text:
                raise RuntimeError(f"{where}: {name} printed as {part!r} is not in the page's text layer")
    # values printed in another form must still say the truth's value
    for role in ("petitioner", "beneficiary", "applicant"):
        if truth[role] is not None and " ".join(" ".join(n.printed[role]).split()) != truth[role]:
            raise RuntimeError(f"{where}: {role} printed differs from the truth")
    if truth["a_number"] is not None:
        digits = re.sub(r"\D", "", n.printed["a_number"][0]).rjust(9, "0")
        if digits != truth["a_number"]:
            raise RuntimeError(f"{where}: a_number printed as another number")
    if truth["receipt_number"] is not None:
        for part in n.printed["receipt_number"]:
            if re.sub(r"[^A-Z0-9]", "", part) != truth["receipt_number"]:
                raise RuntimeError(f"{where}: receipt printed as another number")
    if truth["i94_number"] is not None and re.sub(r"\D", "", n.printed["i94_number"][0]) != truth["i94_number"]:
        raise RuntimeError(f"{where}: i94 printed as another number")


def _texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def build_file(f: FileSpec, folder: Path, rng: random.Random) -> dict[str, Any]:
    from pypdf import PdfReader, PdfWriter

    pages: list[tuple[Src, int] | None] = []  # None: a blank back
    notice_pages: list[tuple[Notice, list[int], Src]] = []
    for s in f.parts:
        assert s.pdf is not None
        first = len(pages) + 1
        for i in range(s.pages):
            pages.append((s, i))
            if f.blanks:
                pages.append(None)
        span = list(range(first, len(pages) + 1))
        if f.blanks:
            span = [p for p in span if pages[p - 1] is not None]
        for n in s.notices:
            notice_pages.append((n, span, s))
    # the truth only for what each page prints
    cache: dict[Path, list[str]] = {}
    for n, _span, s in notice_pages:
        assert s.pdf is not None
        cache.setdefault(s.pdf, _texts(s.pdf))
        check_printed(n, cache[s.pdf], f"{f.name} ({n.family} {n.kind})")
    out = folder / f.name
    effect_rng = random.Random(rng.random())
    fmt = out.suffix.lstrip(".")
    if f.medium == "text-pdf":
        w = PdfWriter()
        for entry in pages:
            assert entry is not None
            src, i = entry
            w.add_page(PdfReader(str(src.pdf)).pages[i])
        w.add_metadata({"/Producer": "notice batch", "/CreationDate": "D:20260101000000Z"})
        with out.open("wb") as fh:
            w.write(fh)
    elif f.medium in ("scan-pdf", "mixed-pdf"):
        w = PdfWriter()
        quality = 30 if f.effect == "jpeg" else effect_rng.randint(55, 85)
        for entry in pages:
            if entry is None:
                im = degrade(_blank(f.dpi), "soft", effect_rng, f.dpi)
                w.append(PdfReader(io.BytesIO(_scan_pdf([im], f.dpi, quality))))
                continue
            src, i = entry
            scanned = f.medium == "scan-pdf" or f.parts.index(src) in f.scanned_parts
            if scanned:
                im = degrade(_raster(src.pdf, i, f.dpi), f.effect, effect_rng, f.dpi)  # type: ignore[arg-type]
                w.append(PdfReader(io.BytesIO(_scan_pdf([im], f.dpi, quality))))
            else:
                w.add_page(PdfReader(str(src.pdf)).pages[i])
        w.add_metadata({"/Producer": "scanner", "/CreationDate": "D:20260101000000Z"})
        with out.open("wb") as fh:
            w.write(fh)
    else:
        ims = []
        for entry in pages:
            assert entry is not None
            src, i = entry
            im = _raster(src.pdf, i, f.dpi)
            if f.effect in ("photo", "photo_note"):
                if f.effect == "photo_note":
                    im = _handwriting(im, effect_rng, f.dpi)
                im = photograph(degrade(im, "photo", effect_rng, f.dpi), effect_rng)
            else:
                im = degrade(im, f.effect, effect_rng, f.dpi)
            ims.append(im)
        if fmt == "jpg":
            out.write_bytes(_jpeg(ims[0], effect_rng.randint(70, 88), f.dpi))
        elif fmt == "png":
            ims[0].save(out, "PNG", dpi=(f.dpi, f.dpi))
        elif ims[0].mode == "1":
            ims[0].save(out, "TIFF", compression="group4", dpi=(f.dpi, f.dpi))
        else:
            ims[0].save(out, "TIFF", compression="tiff_lzw", dpi=(f.dpi, f.dpi), save_all=True, append_images=ims[1:])
    out.chmod(0o600)
    return {
        "medium": f.medium,
        "format": {"pdf": "pdf", "jpg": "jpeg", "png": "png", "tif": "tiff"}[fmt],
        "effect": f.effect,
        "dpi": f.dpi or None,
        "pages": len(pages),
        "label": f.label,
        "notices": [
            {
                "pages": span,
                "_family": n.family,
                **truth_of(n),
                "_printed": {k: v for k, v in n.printed.items() if not k.endswith(":value")},
            }
            for n, span, _s in notice_pages
        ],
    }


def generate(folder: Path, seed: int, only: Iterable[str] | None = None) -> None:
    """Write the set for ``seed`` into ``folder`` (all files, or only those named in ``only``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"notice-eval4-{seed}")
    files = plan(rng)
    if only is not None:
        wanted = set(only)
        unknown = wanted - {f.name for f in files}
        if unknown:
            raise ValueError(f"no such file in the set: {sorted(unknown)}")
        files = [f for f in files if f.name in wanted]
    rngs = {f.name: random.Random(f"{seed}-{f.name}") for f in files}
    with tempfile.TemporaryDirectory(prefix="notice-eval4-") as tmp:
        render_all(files, Path(tmp))
        entries = {f.name: build_file(f, folder, rngs[f.name]) for f in files}
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "files": entries}
    tmp_truth = folder / "truth.json.tmp"
    tmp_truth.write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp_truth.chmod(0o600)
    tmp_truth.replace(folder / "truth.json")


def file_names(seed: int = 1797) -> list[str]:
    """The names of the set's files (without writing anything)."""
    return [f.name for f in plan(random.Random(f"notice-eval4-{seed}"))]


def main() -> None:
    ap = argparse.ArgumentParser(description="Write the fourth sealed notice set (its keeper only).")
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=1797)
    args = ap.parse_args()
    generate(args.folder, args.seed)
    truth = json.loads((args.folder / "truth.json").read_text(encoding="utf-8"))
    files = truth["files"]
    print(
        f"{len(files)} files, {sum(len(e['notices']) for e in files.values())} notices, "
        f"{sum(e['pages'] for e in files.values())} pages -> {args.folder}"
    )


if __name__ == "__main__":
    main()
