"""The second sealed notice set (issue 14): fictional I-797-family notices made three ways.

``generate(folder, seed)`` writes about 53 files and ``truth.json`` (the shape
``bench/bench_notices_sealed.py`` reads). Pages are drawn by headless chromium
from HTML and CSS, by LibreOffice from Word documents and by reportlab; scans,
faxes and photos are made from those pages with pdfium, numpy and PIL.

Written without reading the notice parser, its samples, its tests or the first
sealed set's generator. Sealed: the parser's author reads none of this file,
its output or its truth (bench/notice_eval2/README.md).

Run: ``python -m bench.notice_eval2.generate FOLDER [--seed N]``.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import img2pdf
import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

GENERATOR_VERSION = 1
LATEST = date(2026, 11, 27)  # the last notice date of the set (the mail of the week before 2026-12-01)
FONT_DIR = Path("/usr/share/fonts/truetype")
TRUTH_FIELDS = (
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

# ---------------------------------------------------------------------------------------------
# Fictional material.

GIVEN = [
    "Amara",
    "Tomasz",
    "Ingrid",
    "Rafael",
    "Mei",
    "Oluwaseun",
    "Priyanka",
    "Dmitri",
    "Lucia",
    "Kwame",
    "Siobhan",
    "Haruto",
    "Fatima",
    "Benedikt",
    "Ximena",
    "Anders",
    "Nkechi",
    "Ravi",
    "Giulia",
    "Yusuf",
    "Marisol",
    "Tobias",
    "Leilani",
    "Stanislav",
    "Aiko",
    "Emeka",
    "Valentina",
    "Rustam",
    "Noor",
    "Caspian",
]
SURNAMES = [
    "Okonkwo",
    "Wisniewski",
    "Halvorsen",
    "Quintero",
    "Zhao",
    "Adebayo",
    "Raghunathan",
    "Volkov",
    "Ferraro",
    "Mensah",
    "Gallagher",
    "Tanabe",
    "Haddad",
    "Eichler",
    "Villanueva",
    "Lindqvist",
    "Eze",
    "Subramanian",
    "Castellano",
    "Demir",
    "Ocampo",
    "Brandt",
    "Kealoha",
    "Petrenko",
    "Morimoto",
    "Obi",
    "Santangelo",
    "Abdulov",
    "Rahimi",
    "Thornbury",
    "Vandermeer",
    "Nakashima",
]
LONG_SURNAMES = ["Venkataraghavan Srinivasamurthy", "Wojciechowska Szczepanska", "Papadopoulou Karamanlidou"]
COMPANY_A = [
    "Bluefen",
    "Cedar Quarry",
    "Northwind Lattice",
    "Saltmarsh",
    "Orrery",
    "Kestrel Peak",
    "Ironbark",
    "Halcyon Tide",
    "Pinecrest Vector",
    "Marigold Circuit",
    "Tallgrass",
    "Copperline",
]
COMPANY_B = [
    "Analytics",
    "Biologics",
    "Robotics",
    "Logistics",
    "Software",
    "Semiconductor",
    "Health Partners",
    "Data Systems",
    "Foods",
    "Aerospace",
]
COMPANY_C = ["LLC", "Inc.", "Corporation", "LP", "Co."]
LONG_COMPANIES = [
    "Consolidated Prairie Hydroelectric Engineering Services Cooperative of Western Nebraska",
    "Greater Chesapeake Regional Pediatric Oncology and Hematology Research Institute Inc",
    "Transcontinental Precision Optics and Photonic Instrumentation Manufacturing Company LLC",
    "Allegheny Riverfront Municipal Water Reclamation and Environmental Laboratories Corporation",
]
FIRMS = ["Abernathy Solis LLP", "Kowalczyk Immigration Law PC", "Marsh and Obuya Attorneys", "Delacroix Fenn LLP"]
STREETS = [
    "Juniper Avenue",
    "Old Mill Road",
    "Harbor View Drive",
    "Sycamore Street",
    "Lakeshore Blvd",
    "Pemberton Way",
    "Quarry Lane",
    "Wexford Court",
]
CITIES = [
    ("Austin", "TX", "787"),
    ("Columbus", "OH", "432"),
    ("Raleigh", "NC", "276"),
    ("Sacramento", "CA", "958"),
    ("Boise", "ID", "837"),
    ("Hartford", "CT", "061"),
    ("Tucson", "AZ", "857"),
    ("Madison", "WI", "537"),
]
COUNTRIES = ["INDIA", "NIGERIA", "POLAND", "BRAZIL", "PHILIPPINES", "KOREA, SOUTH", "GERMANY", "MEXICO", "CHINA"]

OFFICES = {
    "WAC": ("California Service Center", ["P.O. Box 30111", "Laguna Niguel CA 92607-0111"]),
    "EAC": ("Vermont Service Center", ["75 Lower Welden Street", "Saint Albans VT 05479-0001"]),
    "LIN": ("Nebraska Service Center", ["P.O. Box 82521", "Lincoln NE 68501-2521"]),
    "SRC": ("Texas Service Center", ["6046 N Belt Line Rd", "Irving TX 75038-0001"]),
    "MSC": ("National Benefits Center", ["P.O. Box 648003", "Lee's Summit MO 64002"]),
    "NBC": ("National Benefits Center", ["P.O. Box 648004", "Lee's Summit MO 64002"]),
    "IOE": ("USCIS Electronic Immigration System", ["P.O. Box 21200", "Kansas City MO 64121"]),
    "YSC": ("Potomac Service Center", ["2200 Potomac Center Drive", "Arlington VA 20598-0001"]),
}
ASC_SITES = [
    ("USCIS PHOENIX", "1330 S 16TH ST", "PHOENIX AZ 85034"),
    ("USCIS NEWARK", "970 BROAD STREET", "NEWARK NJ 07102"),
    ("USCIS CHARLOTTE", "6130 TYVOLA CENTRE DRIVE", "CHARLOTTE NC 28217"),
    ("USCIS OAKLAND PARK", "4451 NORTHWEST 31ST AVE", "OAKLAND PARK FL 33309"),
    ("USCIS DENVER", "12484 E WEAVER PLACE", "CENTENNIAL CO 80111"),
    ("USCIS SEATTLE", "12500 TUKWILA INTERNATIONAL BLVD", "SEATTLE WA 98168"),
]

FORMS: dict[str, tuple[str, str, list[str], list[int]]] = {
    # form: (title, party kind, offices, fee lines)
    "I-129": ("PETITION FOR A NONIMMIGRANT WORKER", "pet", ["WAC", "EAC"], [780, 600]),
    "I-129F": ("PETITION FOR ALIEN FIANCE(E)", "pet", ["WAC", "EAC"], [675]),
    "I-140": ("IMMIGRANT PETITION FOR ALIEN WORKERS", "pet", ["LIN", "SRC"], [715, 600]),
    "I-130": ("PETITION FOR ALIEN RELATIVE", "pet", ["IOE", "MSC"], [675]),
    "I-907": ("REQUEST FOR PREMIUM PROCESSING SERVICE", "pet", ["WAC", "EAC", "LIN", "SRC"], [2805]),
    "I-485": ("APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS", "app", ["MSC", "NBC", "IOE"], [1440]),
    "I-765": ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", "app", ["IOE", "MSC"], [260]),
    "I-131": ("APPLICATION FOR TRAVEL DOCUMENT", "app", ["IOE", "MSC", "NBC"], [630]),
    "I-539": ("APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS", "app", ["EAC", "WAC", "IOE"], [470]),
    "N-400": ("APPLICATION FOR NATURALIZATION", "app", ["IOE"], [760]),
    "I-90": ("APPLICATION TO REPLACE PERMANENT RESIDENT CARD", "app", ["IOE"], [465]),
    "I-751": ("PETITION TO REMOVE CONDITIONS ON RESIDENCE", "app", ["IOE", "EAC"], [750]),
    "I-824": ("APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION", "app", ["MSC", "NBC"], [590]),
}
FEE_NAMES = ["Application/Petition Fee", "Asylum Program Fee"]
TYPE_WORDS = {
    "receipt": "Receipt Notice",
    "approval": "Approval Notice",
    "rfe": "Request for Evidence",
    "biometrics": "ASC Appointment Notice",
    "transfer": "Transfer Notice",
    "rejection": "Rejection Notice",
    "noid": "Notice of Intent to Deny",
    "denial": "Denial Notice",
}

# ---------------------------------------------------------------------------------------------
# One notice: its data, how its values are printed, and its truth.


@dataclass
class Notice:
    """A notice to draw: ``data`` holds the values, ``style`` how they are printed."""

    kind: str  # the notice_type in truth
    sub: str  # receipt, premium, approval, i797a, i797b, rfe, biometrics, transfer, rejection, noid, noir, denial
    family: str
    form: str
    receipt: str
    data: dict[str, Any]
    style: dict[str, str]
    printed: set[str] = field(default_factory=set)

    @property
    def party(self) -> str:
        return FORMS[self.form][1]

    def truth(self) -> dict[str, Any]:
        d = self.data
        iso = {
            k: (d[k].isoformat() if d.get(k) else None)
            for k in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")
        }
        appt = d.get("appointment")
        return {
            "notice_type": self.kind,
            "form": self.form,
            "receipt_number": self.receipt,
            **iso,
            "petitioner": d.get("petitioner"),
            "beneficiary": d.get("beneficiary"),
            "applicant": d.get("applicant"),
            "classification": d.get("classification"),
            "appointment": ({"date": appt[0].isoformat(), "time": appt[1], "location": appt[2][1]} if appt else None),
            "i94_number": d.get("i94"),
            "amount": f"{d['amount']:.2f}" if d.get("amount") is not None else None,
            "a_number": d.get("a_number"),
        }

    # printed forms of the values: each marks the field as printed (checked against truth)
    def p(self, name: str) -> str:
        self.printed.add(name)
        d, s = self.data, self.style
        if name == "receipt_number":
            return fmt_receipt(self.receipt, s.get("receipt", "plain"))
        if name == "form":
            return fmt_form(self.form, s.get("form", "hyphen"))
        if name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
            return fmt_date(d[name], s.get("date", "us"))
        if name == "amount":
            return fmt_amount(d["amount"], s.get("amount", "comma"))
        if name == "a_number":
            return fmt_anum(d["a_number"], s.get("anum", "spaced"))
        if name == "i94_number":
            i94 = d["i94"]
            return {"plain": i94, "split": f"{i94[:9]} {i94[9:]}", "groups": f"{i94[:4]} {i94[4:8]} {i94[8:]}"}[
                s.get("i94", "plain")
            ]
        if name == "appointment":
            return ""
        return str(d[name])

    def pdate(self, name: str, style: str) -> str:
        self.printed.add(name)
        return fmt_date(self.data[name], style)


def fmt_date(d: date, style: str) -> str:
    months = [
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
    m = months[d.month - 1]
    return {
        "us": f"{d.month:02d}/{d.day:02d}/{d.year}",
        "long": f"{m} {d.day}, {d.year}",
        "long0": f"{m} {d.day:02d}, {d.year}",
        "mon": f"{m[:3]} {d.day}, {d.year}",
        "dmy": f"{d.day:02d}-{m[:3].upper()}-{d.year}",
        "upper": f"{m.upper()} {d.day:02d} {d.year}",
        "short": f"{d.month}/{d.day}/{d.year % 100:02d}",
    }[style]


def fmt_receipt(r: str, style: str) -> str:
    if style == "dashed" and r[:3] != "IOE":
        return f"{r[:3]}-{r[3:5]}-{r[5:8]}-{r[8:]}"
    if style == "star":
        return f"{r[:3]}*{r[3:]}"
    return r


def fmt_form(f: str, style: str) -> str:
    letter, num = f.split("-")
    return {
        "hyphen": f,
        "compact": f"{letter}{num}",
        "spaced": f"{letter} {num}",
        "ocr1": f"1{num}" if letter == "I" else f,  # an OCR'd "I" read as "1"
        "ocrl": f"l-{num}" if letter == "I" else f,  # an OCR'd "I" read as "l"
    }[style]


def fmt_amount(a: Decimal, style: str) -> str:
    whole = f"{a:,.2f}"
    return {
        "comma": f"${whole}",
        "plain": f"${a:.2f}",
        "usd": f"USD {whole}",
        "space": f"$ {whole}",
        "nocents": f"${a:,.0f}" if a == a.to_integral_value() else f"${whole}",
    }[style]


def fmt_anum(n: str, style: str) -> str:
    if style == "eight" and n.startswith("0"):
        return f"A{n[1:]}"
    return {
        "spaced": f"A{n[:3]} {n[3:6]} {n[6:]}",
        "plain": f"A{n}",
        "dashed": f"A-{n[:3]}-{n[3:6]}-{n[6:]}",
        "label": f"A# {n}",
        "eight": f"A{n}",
    }[style]


# ---------------------------------------------------------------------------------------------
# Making notices.


class Maker:
    """Draws fictional values from one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seq = rng.randint(10000, 60000)
        self.used: set[str] = set()

    def person(self, order: str = "last", long: bool = False) -> str:
        r = self.rng
        given, middle = r.choice(GIVEN), r.choice("ABCDEFGHJKLMNPRSTW")
        last = r.choice(LONG_SURNAMES) if long else r.choice(SURNAMES)
        if order == "last":
            return f"{last.upper()}, {given.upper()} {middle}"
        if order == "lastmixed":
            return f"{last}, {given} {middle}."
        return f"{given} {middle}. {last}"

    def company(self, long: bool = False, upper: bool = False) -> str:
        r = self.rng
        name = (
            r.choice(LONG_COMPANIES) if long else f"{r.choice(COMPANY_A)} {r.choice(COMPANY_B)} {r.choice(COMPANY_C)}"
        )
        return name.upper() if upper else name

    def receipt(self, office: str, year: int) -> str:
        while True:
            if office == "IOE":
                num = f"IOE{self.rng.randint(80, 99):02d}{self.rng.randint(0, 99999999):08d}"
            else:
                self.seq += self.rng.randint(1, 900)
                num = f"{office}{year % 100:02d}{self.rng.randint(10, 250):03d}{self.seq % 100000:05d}"
            if num not in self.used:
                self.used.add(num)
                return num

    def next_receipt(self, prev: str) -> str:
        num = f"{prev[:3]}{int(prev[3:]) + 1:010d}"
        self.used.add(num)
        return num

    def anum(self) -> str:
        if self.rng.random() < 0.2:
            return f"0{self.rng.randint(10000000, 99999999)}"
        return f"{self.rng.randint(200000000, 249999999)}"

    def day(self, start: date, span: int) -> date:
        return start + timedelta(days=self.rng.randint(0, span))

    def addressee(self) -> list[str]:
        r = self.rng
        city, st, zip3 = r.choice(CITIES)
        name = r.choice([f"{self.person('first')}", f"{r.choice(FIRMS)}"])
        extra = r.choice(["c/o " + self.person("first"), "Suite " + str(r.randint(100, 2400)), "ATTN: HR"])
        return [
            name.upper(),
            extra.upper(),
            f"{r.randint(10, 9999)} {r.choice(STREETS).upper()}",
            f"{city.upper()} {st} {zip3}{r.randint(10, 99)}",
        ]


def make_notice(
    mk: Maker,
    sub: str,
    form: str,
    family: str,
    *,
    receipt: str | None = None,
    people: dict[str, str] | None = None,
    when: date | None = None,
    style: dict[str, str] | None = None,
    long_name: bool = False,
    fees: int = 1,
    show: set[str] | None = None,
) -> Notice:
    """One notice with fictional values; ``show`` lists optional fields to print (priority date, class...)."""
    r = mk.rng
    show = show or set()
    kind = {"premium": "receipt", "i797a": "approval", "i797b": "approval", "noir": "noid"}.get(sub, sub)
    _title, party, offices, fee_list = FORMS[form]
    office = receipt[:3] if receipt else r.choice(offices)
    received = when or mk.day(date(2025, 3, 3), 420)
    year = received.year + (1 if received.month >= 10 else 0)
    rnum = receipt or mk.receipt(office, year)
    data: dict[str, Any] = {"office": office, "addressee": mk.addressee()}
    upper_names = family in ("dotlead", "c797", "asc")
    if people:
        data.update(people)
    elif party == "pet":
        if form == "I-130" or form == "I-129F":
            data["petitioner"] = mk.person("last" if upper_names else "first")
        else:
            data["petitioner"] = mk.company(long=long_name, upper=upper_names)
        data["beneficiary"] = mk.person("last" if upper_names else r.choice(["first", "lastmixed"]))
    else:
        data["applicant"] = mk.person("last" if upper_names else r.choice(["first", "lastmixed"]), long=long_name)
    if party == "app" and sub in ("receipt", "biometrics", "approval", "i797a", "transfer") and "a_number" not in data:
        data["a_number"] = mk.anum() if (sub == "biometrics" or r.random() < 0.8) else None
    if party == "pet" and not people:
        data["a_number"] = None
    data.setdefault("a_number", None)
    notice_day = received + timedelta(days=r.randint(2, 9))
    if sub in ("approval", "i797a", "i797b", "rfe", "noid", "noir", "denial", "transfer", "biometrics"):
        notice_day = received + timedelta(days=r.randint(20, 200))
    if notice_day > LATEST:  # no notice dated after the mail it came in
        notice_day = max(received + timedelta(days=1), LATEST - timedelta(days=r.randint(0, 12)))
    data["received_date"] = received
    data["notice_date"] = notice_day
    if sub in ("noid", "noir", "denial") and "received_in_letter" not in show:
        data["received_date"] = None
    if sub == "rejection":
        data["received_date"] = received
    if "priority" in show:
        data["priority_date"] = (
            received - timedelta(days=r.randint(0, 900)) if form in ("I-140", "I-485", "I-130") else received
        )
    if sub in ("receipt", "premium"):
        amounts = [Decimal(fee_list[0])] + ([Decimal(fee_list[1])] if fees > 1 and len(fee_list) > 1 else [])
        data["fees"] = amounts
        data["amount"] = sum(amounts, Decimal(0))
    if sub in ("approval", "i797a", "i797b") and form in ("I-129", "I-539", "I-129F", "I-131", "I-765"):
        start = notice_day + timedelta(days=r.randint(0, 120))
        data["valid_from"] = start
        data["valid_to"] = start.replace(year=start.year + r.choice([1, 2, 3])) - timedelta(days=1)
    if sub in ("i797a",):
        data["i94"] = f"{r.randint(100000000, 999999999)}{r.randint(0, 99):02d}"
    if "classification" in show or sub in ("approval", "i797a", "i797b"):
        if form in ("I-129", "I-907"):
            data["classification"] = r.choice(["H1B", "L1A", "L1B", "O1A", "TN1", "E3", "R1"])
        elif form == "I-140":
            data["classification"] = r.choice(["E21", "E31", "E32", "E13", "E11"])
        elif form == "I-539":
            data["classification"] = r.choice(["B2", "H4", "L2", "F1"])
        elif form == "I-130":
            data["classification"] = r.choice(["F21", "IR1", "F11"])
        elif form == "I-765":
            data["classification"] = r.choice(["C09", "C08", "A05"])
    if sub in ("rfe", "noid", "noir"):
        data["response_due"] = notice_day + timedelta(days=r.choice([33, 30, 87, 84]))
    if sub == "biometrics":
        site = r.choice(ASC_SITES)
        hour = r.choice([8, 9, 10, 11, 13, 14, 15])
        minute = r.choice([0, 0, 30, 15])
        appt_day = notice_day + timedelta(days=r.randint(10, 30))
        while appt_day.weekday() > 4:
            appt_day += timedelta(days=1)
        data["appointment"] = (appt_day, f"{hour:02d}:{minute:02d}", list(site))
    if sub == "transfer":
        data["new_office"] = r.choice([o for o in OFFICES if o != office and o not in ("NBC", "IOE")])
    picks = {
        "date": r.choice(["us", "us", "long", "mon"]),
        "amount": r.choice(["comma", "plain", "usd", "space", "nocents"]),
        "anum": r.choice(["spaced", "spaced", "plain", "dashed", "label"]),
        "form": "hyphen",
        "receipt": "plain",
        "i94": r.choice(["plain", "split", "groups"]),
    }
    if data["a_number"] and data["a_number"].startswith("0") and r.random() < 0.5:
        picks["anum"] = "eight"
    if family == "dotlead":
        picks["date"] = r.choice(["us", "us", "upper", "dmy"])
    picks.update(style or {})
    return Notice(kind=kind, sub=sub, family=family, form=form, receipt=rnum, data=data, style=picks)


# ---------------------------------------------------------------------------------------------
# Boilerplate (written for this set; it mentions other notice kinds on purpose).

BODY = {
    "receipt": (
        "We have received your case and the fee shown. This notice confirms receipt only: it is not a decision "
        "on your case. If we need more information we will send you a request for evidence; if the record does "
        "not support approval we may send a notice of intent to deny before we decide. Approval or denial notices "
        "are mailed to the address above. Quote the receipt number in every letter or call."
    ),
    "premium": (
        "We have received your request for premium processing. Within the premium processing time frame we will "
        "take one of these actions: issue an approval notice, issue a denial notice, issue a request for evidence, "
        "or issue a notice of intent to deny. If we cannot act in time, we will refund the premium processing fee "
        "and keep processing the case."
    ),
    "transfer": (
        "To balance workloads, we have moved your case to the office shown below. You do not need to file again. "
        "Send any response to a request for evidence or a notice of intent to deny to the office that issued it, "
        "unless that notice says otherwise."
    ),
    "rejection": (
        "We are returning your filing because it could not be accepted as submitted. It has not been denied; no "
        "decision was made on the merits. Correct the items below and file again with the correct fee."
    ),
    "approval": (
        "The above petition or application has been approved. This approval may be revoked if the facts change; "
        "in that case you would first receive a notice of intent to revoke. Keep this notice with your records."
    ),
    "biometrics": (
        "To process your case, USCIS must collect your fingerprints, photograph and signature. Bring this notice "
        "and a photo identification to the Application Support Center shown. If you do not appear and do not "
        "reschedule, we may consider your case abandoned and issue a denial. Do not bring a request for evidence "
        "response to the appointment."
    ),
}


def esc(value: str) -> str:
    return html.escape(value, quote=False)


def lines_html(lines: list[str]) -> str:
    return "<br>".join(esc(x) for x in lines)


def case_type(n: Notice) -> str:
    return f"{n.p('form')} - {FORMS[n.form][0]}"


def office_lines(n: Notice, code: str | None = None) -> list[str]:
    name, addr = OFFICES[code or n.data["office"]]
    return ["U.S. CITIZENSHIP AND IMMIGRATION SERVICES", name.upper(), *addr]


# ---------------------------------------------------------------------------------------------
# HTML families (chromium).

PAGE_CSS = """
@page { size: 8.5in 11in; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; }
.page { width: 8.5in; height: 11in; overflow: hidden; position: relative; padding: 0.55in 0.6in;
        page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
"""

C797_CSS = """
.c797 { font-size: 10pt; color: #000; }
.c797 .hd { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid #000;
            padding-bottom: 4px; }
.c797 .usa { border: 2px solid #000; padding: 4px 10px; font-weight: bold; letter-spacing: 1px; font-size: 11pt; }
.c797 .kind { font-size: 16pt; font-weight: bold; }
.c797 .dhs { font-size: 8pt; margin-top: 3px; }
.c797 .warn { text-align: center; font-weight: bold; font-size: 9pt; margin: 8px 0; letter-spacing: 0.5px; }
.c797 table.grid { width: 100%; border-collapse: collapse; }
.c797 table.grid td { border: 1px solid #000; vertical-align: top; padding: 2px 5px 5px 5px; }
.c797 .lab { font-size: 7.5pt; display: block; }
.c797 .val { font-size: 10.5pt; font-weight: bold; display: block; margin-top: 1px; }
.c797 .addr { margin: 16px 0 10px 0.3in; font-size: 10pt; line-height: 1.25; }
.c797 .type { font-weight: bold; margin: 10px 0 4px 0; }
.c797 .pay td { padding: 1px 12px 1px 0; }
.c797 p { text-align: justify; line-height: 1.3; margin: 8px 0; }
.c797 .foot { position: absolute; bottom: 0.5in; left: 0.6in; right: 0.6in; border-top: 1px solid #000;
              font-size: 8pt; padding-top: 4px; display: flex; justify-content: space-between; }
"""


def c797_page(n: Notice, page: str = "1 of 1") -> str:
    d = n.data
    banner = "I-797, Notice of Action" if n.kind == "approval" else "I-797C, Notice of Action"
    warn = (
        '<div class="warn">THIS NOTICE DOES NOT GRANT ANY IMMIGRATION STATUS OR BENEFIT.</div>'
        if n.kind != "approval"
        else ""
    )

    def cell(label: str, value: str, span: int = 1, rows: str = "") -> str:
        return (
            f'<td colspan="{span}"><span class="lab">{esc(label)}</span>'
            f'<span class="val">{value or "&nbsp;"}</span>{rows}</td>'
        )

    pri = esc(n.p("priority_date")) if d.get("priority_date") else ""
    cls_cell = cell("Class", esc(n.p("classification")), 2) if d.get("classification") else cell("", "", 2)
    if n.party == "pet":
        who = cell("Petitioner", esc(n.p("petitioner"))) + cell("Beneficiary", esc(n.p("beneficiary")), 2)
    else:
        anum = esc(n.p("a_number")) + "<br>" if d.get("a_number") else ""
        who = cell("Applicant", anum + esc(n.p("applicant")), 3)
    grid = (
        '<table class="grid">'
        f"<tr>{cell('Receipt Number', esc(n.p('receipt_number')))}{cell('Case Type', esc(case_type(n)), 2)}</tr>"
        f"<tr>{cell('Received Date', esc(n.p('received_date')) if d.get('received_date') else '')}"
        f"{cell('Priority Date', pri)}{cell('Page', page)}</tr>"
        f"<tr>{cell('Notice Date', esc(n.p('notice_date')))}"
        f"{cls_cell}"
        f"</tr><tr>{who}</tr></table>"
    )
    typ = f'<div class="type">Notice Type: {TYPE_WORDS[n.kind]}</div>'
    extra = ""
    if n.sub in ("receipt", "premium"):
        fees = d["fees"]
        if len(fees) > 1 or n.style.get("ledger"):
            rows = "".join(
                f"<tr><td>{FEE_NAMES[i]}:</td><td>{esc(fmt_amount(fee, n.style['amount']))}</td></tr>"
                for i, fee in enumerate(fees)
            )
            extra = (
                f'<div><b>Payment Information:</b><table class="pay">{rows}'
                f"<tr><td>Total Amount Received:</td><td>{esc(n.p('amount'))}</td></tr>"
                f"<tr><td>Total Balance Due:</td><td>{esc(fmt_amount(Decimal(0), n.style['amount']))}</td></tr>"
                "</table></div>"
            )
        else:
            extra = f"<div>Amount received: {esc(n.p('amount'))}</div>"
    if n.sub == "approval" and d.get("valid_from"):
        extra = f"<div>Valid from {esc(n.p('valid_from'))} to {esc(n.p('valid_to'))}</div>"
    if n.sub == "transfer":
        new = OFFICES[d["new_office"]][0]
        extra = f"<div>Your case has been transferred to the {esc(new)}.</div>"
    body = BODY["premium" if n.sub == "premium" else n.kind if n.kind in BODY else "receipt"]
    foot_left = lines_html(office_lines(n))
    edition = "Form I-797C 04/01/24" if n.kind != "approval" else "Form I-797 04/01/24"
    return (
        f'<div class="page c797"><div class="hd"><div class="usa">THE UNITED STATES OF AMERICA</div>'
        f'<div class="kind">{banner}</div></div>'
        '<div class="dhs">Department of Homeland Security<br>U.S. Citizenship and Immigration Services</div>'
        f'{warn}{grid}<div class="addr">{lines_html(d["addressee"])}</div>{typ}{extra}<p>{esc(body)}</p>'
        f'<div class="foot"><div>{foot_left}</div><div>{edition}</div></div></div>'
    )


ASC_CSS = """
.asc { font-size: 10.5pt; }
.asc h1 { font-size: 15pt; text-align: center; margin: 0 0 2px 0; letter-spacing: 2px; }
.asc .sub { text-align: center; font-size: 9pt; margin-bottom: 12px; }
.asc .kv { display: grid; grid-template-columns: 1.5in 2.3in 1.2in 1.6in; row-gap: 3px; }
.asc .kv .k { font-weight: bold; font-size: 9pt; }
.asc .who { margin-top: 12px; border-left: 3px solid #000; padding-left: 8px; }
.asc .appt { width: 100%; border-collapse: collapse; margin: 14px 0; }
.asc .appt th { border: 1.5px solid #000; background: #ddd; font-size: 9pt; padding: 3px; }
.asc .appt td { border: 1.5px solid #000; padding: 6px 8px; vertical-align: top; font-size: 11pt; }
.asc p { line-height: 1.3; margin: 6px 0; text-align: justify; }
.asc .slip { height: 5.1in; overflow: hidden; border-bottom: 1px dashed #000; margin-bottom: 0.2in; }
.asc .slip:last-child { border-bottom: none; }
.asc .slip p { font-size: 9pt; margin: 3px 0; }
.asc .slip .appt { margin: 8px 0; }
"""


def asc_block(n: Notice, compact: bool = False) -> str:
    d = n.data
    appt_day, hhmm, site = d["appointment"]
    n.printed.add("appointment")
    hour, minute = int(hhmm[:2]), hhmm[3:]
    ampm = f"{(hour - 1) % 12 + 1:02d}:{minute} {'AM' if hour < 12 else 'PM'}"
    when = fmt_date(appt_day, n.style.get("appt_date", n.style["date"]))
    anum = f"<div>{esc(n.p('a_number'))}</div>" if d.get("a_number") else ""
    kv = (
        f'<div class="kv"><span class="k">Receipt Number</span><span>{esc(n.p("receipt_number"))}</span>'
        f'<span class="k">Notice Date</span><span>{esc(n.p("notice_date"))}</span>'
        f'<span class="k">Case Type</span><span>{esc(n.p("form"))}</span>'
        f'<span class="k">Page</span><span>1 of 1</span>'
        + (f'<span class="k">Received Date</span><span>{esc(n.p("received_date"))}</span>' if not compact else "")
        + "</div>"
    )
    who = f'<div class="who"><b>APPLICANT</b>{anum}<div>{esc(n.p("applicant"))}</div></div>'
    appt = (
        '<table class="appt"><tr><th>APPLICATION SUPPORT CENTER</th><th>DATE AND TIME OF APPOINTMENT</th></tr>'
        f"<tr><td>{lines_html(site)}</td><td>{esc(when)}<br>{ampm}</td></tr></table>"
    )
    body = BODY["biometrics"] if not compact else BODY["biometrics"].split(". ")[0] + "."
    return (
        "<h1>ASC APPOINTMENT NOTICE</h1>"
        '<div class="sub">I-797C, Notice of Action &middot; Department of Homeland Security &middot; '
        "U.S. Citizenship and Immigration Services</div>"
        f"{kv}{who}<p><b>Notice Type:</b> {TYPE_WORDS['biometrics']}</p>{appt}<p>{esc(body)}</p>"
    )


def asc_page(n: Notice) -> str:
    foot = lines_html(office_lines(n))
    return (
        f'<div class="page asc">{asc_block(n)}<div style="margin-top:14px">{lines_html(n.data["addressee"])}</div>'
        f'<div style="position:absolute;bottom:0.5in;font-size:8pt">{foot}</div></div>'
    )


def asc_pair_page(a: Notice, b: Notice) -> str:
    slips = "".join(f'<div class="slip">{asc_block(n, True)}</div>' for n in (a, b))
    return f'<div class="page asc">{slips}</div>'


TEAR_CSS = """
.tear { font-size: 10pt; }
.tear .hd { display: flex; justify-content: space-between; }
.tear .hd .r { text-align: right; }
.tear .hd .big { font-size: 20pt; font-weight: bold; letter-spacing: 1px; }
.tear .cols { display: flex; gap: 0.3in; margin-top: 14px; }
.tear .cols > div { flex: 1; }
.tear .line { margin: 2px 0; }
.tear .line b { display: inline-block; min-width: 1.15in; }
.tear .namebox { width: 2.6in; }
.tear p { line-height: 1.3; text-align: justify; }
.tear .cut { position: absolute; left: 0.4in; right: 0.4in; top: 7.55in; border-top: 2px dashed #000;
             font-size: 7.5pt; text-align: center; padding-top: 2px; }
.tear .i94 { position: absolute; left: 0.6in; right: 0.6in; top: 7.85in; border: 1.5px solid #000; padding: 8px;
             display: grid; grid-template-columns: 1.6in 2.1in 1.4in 1.7in; row-gap: 5px; font-size: 9.5pt; }
.tear .i94 .t { grid-column: 1 / 5; font-weight: bold; font-size: 11pt; }
.tear .i94 .k { font-size: 8pt; }
"""


def tear_page(n: Notice, mk: Maker) -> str:
    d = n.data
    variant = {"i797a": "I-797A", "i797b": "I-797B"}.get(n.sub, "I-797")
    lines = [
        ("Receipt Number", n.p("receipt_number")),
        ("Case Type", case_type(n)),
        ("Received Date", n.p("received_date")),
        ("Notice Date", n.p("notice_date")),
        ("Page", "1 of 1"),
    ]
    if n.party == "pet":
        people = [("Petitioner", n.p("petitioner")), ("Beneficiary", n.p("beneficiary"))]
    else:
        people = [("Applicant", n.p("applicant"))]
        if d.get("a_number"):
            people.insert(0, ("A-Number", n.p("a_number")))
    left = "".join(f'<div class="line"><b>{k}:</b> {esc(v)}</div>' for k, v in lines)
    right = "".join(f'<div class="line namebox"><b>{k}:</b><br>{esc(v)}</div>' for k, v in people)
    validity = (
        f'<div class="line"><b>Notice Type:</b> Approval Notice</div>'
        f'<div class="line"><b>Class:</b> {esc(n.p("classification"))}</div>'
        f'<div class="line"><b>Valid from</b> {esc(n.p("valid_from"))} <b style="min-width:0">to</b> '
        f"{esc(n.p('valid_to'))}</div>"
    )
    if n.sub == "i797b":
        body = (
            "The above petition has been approved. The beneficiary is outside the United States and may apply "
            "for a visa at a U.S. consulate; we have sent a copy of this approval to the Department of State. "
            "Approval of the petition does not guarantee that a visa will be issued. A later notice of intent to "
            "revoke may follow if the facts change."
        )
    else:
        body = BODY["approval"] + (
            " The I-94 below shows the new period of stay; tear it off and keep it with your passport."
            if n.sub == "i797a"
            else ""
        )
    i94 = ""
    if n.sub == "i797a":
        who = d.get("beneficiary") or d.get("applicant") or ""
        fam, _, given = who.partition(",") if "," in who else (who.split()[-1], "", " ".join(who.split()[:-1]))
        birth = date(mk.rng.randint(1970, 2000), mk.rng.randint(1, 12), mk.rng.randint(1, 28))
        i94 = (
            '<div class="cut">&#9986; Please tear off the I-94 below and keep it with your passport</div>'
            '<div class="i94"><div class="t">DEPARTURE RECORD</div>'
            f'<span class="k">I-94 Number</span><span><b>{esc(n.p("i94_number"))}</b></span>'
            f'<span class="k">Class of admission</span><span>{esc(d["classification"])}</span>'
            f'<span class="k">Family name</span><span>{esc(fam.strip().upper())}</span>'
            f'<span class="k">Until</span><span>{esc(fmt_date(d["valid_to"], n.style["date"]))}</span>'
            f'<span class="k">Given name</span><span>{esc(given.strip().upper())}</span>'
            f'<span class="k">Birth date</span><span>{esc(fmt_date(birth, "us"))}</span>'
            f'<span class="k">Country of citizenship</span><span>{mk.rng.choice(COUNTRIES)}</span></div>'
        )
    return (
        f'<div class="page tear"><div class="hd"><div>U.S. Department of Homeland Security<br>'
        f"U.S. Citizenship and Immigration Services<br>{lines_html(OFFICES[d['office']][1])}</div>"
        f'<div class="r"><div class="big">{variant}</div><div>NOTICE OF ACTION</div>'
        f"<div>THE UNITED STATES OF AMERICA</div></div></div>"
        f'<div class="cols"><div>{left}</div><div>{right}</div></div>{validity}'
        f'<div style="margin:12px 0 0 0.2in">{lines_html(d["addressee"])}</div><p>{esc(body)}</p>{i94}</div>'
    )


STATUS_CSS = """
.web { font-size: 11pt; padding-top: 0.3in; }
.web .bar { background: #003366; color: #fff; padding: 10px; font-size: 14pt; }
.web .nav { font-size: 9pt; color: #333; margin: 4px 0 18px 0; }
.web h2 { color: #003366; }
.web .box { border: 1px solid #999; padding: 12px; background: #f4f4f4; }
.web .prt { display: flex; justify-content: space-between; font-size: 8pt; margin-bottom: 10px; }
.web .prt.bot { position: absolute; bottom: 0.4in; left: 0.6in; right: 0.6in; }
"""


def status_page(mk: Maker, receipt: str, form: str, when: date) -> str:
    return (
        '<div class="page web"><div class="prt"><span>6/2/26, 9:41 AM</span><span>Case Status Online</span></div>'
        '<div class="bar">USCIS &nbsp; Case Status Online</div>'
        '<div class="nav">Home &gt; Check Case Status &gt; Your Case Status</div>'
        f'<div class="box">Receipt Number: <b>{receipt}</b></div>'
        f"<h2>Case Was Approved</h2><p>On {fmt_date(when, 'long')}, we approved your Form {form}, "
        f"{FORMS[form][0].title()}, Receipt Number {receipt}, and emailed you an approval notice "
        "(Form I-797, Notice of Action). Please follow the instructions in the notice. If we had sent a request "
        "for evidence or a notice of intent to deny, this page would say so.</p>"
        "<p>If you move, update your address. This page is not a notice and is not evidence of status.</p>"
        '<div class="nav">Privacy &middot; Accessibility &middot; Freedom of Information Act</div>'
        '<div class="prt bot"><span>https://egov.uscis.gov/casestatus/mycasestatus.do</span><span>1/1</span></div></div>'
    )


def html_doc(pages: list[str], font: str) -> str:
    css = PAGE_CSS + C797_CSS + ASC_CSS + TEAR_CSS + STATUS_CSS
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{css}"
        f"body {{ font-family: '{font}'; }}</style></head><body>{''.join(pages)}</body></html>"
    )


# ---------------------------------------------------------------------------------------------
# reportlab families.

RL_FONTS = {
    # name: (regular file, bold file)
    "LiberationMono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
    "DejaVuSansMono": ("dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf"),
    "Carlito": ("crosextra/Carlito-Regular.ttf", "crosextra/Carlito-Bold.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
}


def rl_font(name: str) -> tuple[str, str]:
    """Register a TrueType font with reportlab (falls back to the built-in faces when not installed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = RL_FONTS[name]
    if not (FONT_DIR / regular).exists():
        return ("Courier", "Courier-Bold") if "Mono" in name else ("Times-Roman", "Times-Bold")
    known = pdfmetrics.getRegisteredFontNames()  # another set's generator may have registered one face of the name
    for face, file in ((name, regular), (name + "-Bold", bold)):
        if face not in known:
            pdfmetrics.registerFont(TTFont(face, str(FONT_DIR / file)))
    return name, name + "-Bold"


def dotlead_page(c: Any, n: Notice, font: str) -> None:
    """An older mainframe printout: upper case, monospaced, dotted leaders."""
    import textwrap

    reg, bold = rl_font(font)
    d = n.data
    size, lead = 9.6, 12.2
    y = 10.3 * 72
    x = 0.75 * 72

    def put(text: str, b: bool = False) -> None:
        nonlocal y
        c.setFont(bold if b else reg, size)
        c.drawString(x, y, text)
        y -= lead

    def kv(label: str, value: str, label2: str = "", value2: str = "") -> None:
        left = f"{label:.<19}: {value}"
        put(f"{left:<44}{(label2 + ': ' + value2) if label2 else ''}")

    variant = "I-797A" if n.sub == "i797a" else "I-797" if n.kind == "approval" else "I-797C"
    put(f"{'U.S. DEPARTMENT OF HOMELAND SECURITY':<46}{variant} NOTICE OF ACTION", True)
    put("U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    put("THE UNITED STATES OF AMERICA")
    put("=" * 78)
    kv("RECEIPT NUMBER", n.p("receipt_number"), "CASE TYPE", n.p("form"))
    kv(
        "RECEIPT DATE",
        n.p("received_date") if d.get("received_date") else "",
        "PRIORITY DATE",
        n.p("priority_date") if d.get("priority_date") else "",
    )
    kv("NOTICE DATE", n.p("notice_date"), "PAGE", "1 OF 1")
    width = 78 - 21
    for role in ("petitioner", "beneficiary", "applicant"):
        if not d.get(role):
            continue
        first = True
        if role == "applicant" and d.get("a_number"):
            kv("APPLICANT", n.p("a_number"))
            first = False
        for part in textwrap.wrap(n.p(role).upper() if n.style.get("upper_names") else n.p(role), width):
            if first:
                kv(role.upper(), part)
                first = False
            else:
                put(" " * 21 + part)
    put("-" * 78)
    put(f"NOTICE TYPE: {TYPE_WORDS[n.kind].upper()}", True)
    if d.get("classification"):
        put(f"CLASS: {n.p('classification')}")
    if d.get("valid_from"):
        put(f"VALID FROM {n.p('valid_from')} TO {n.p('valid_to')}")
    if d.get("i94"):
        put(f"I94# {n.p('i94_number')}")
    if d.get("amount") is not None:
        put(f"AMOUNT RECEIVED: {n.p('amount')}")
    if n.sub == "transfer":
        put(f"CASE TRANSFERRED TO: {OFFICES[d['new_office']][0].upper()}")
    y -= lead
    for line in d["addressee"]:
        put(" " * 6 + line)
    y -= lead
    body = BODY["premium" if n.sub == "premium" else n.kind if n.kind in BODY else "receipt"].upper()
    for line in textwrap.wrap(body, 78):
        put(line)
    y = 1.4 * 72
    for line in office_lines(n):
        put(line)
    put(f"{'':<56}FORM I-797 (REV. 01/31/05) N")


def ledger_page(c: Any, n: Notice, font: str) -> None:
    """An account-style notice: label/value pairs on one line and a table of fees with their total."""
    from reportlab.lib.utils import simpleSplit

    reg, bold = rl_font(font)
    d = n.data
    inch = 72
    c.setLineWidth(1)
    c.circle(1.15 * inch, 10.15 * inch, 0.38 * inch)
    c.setFont(bold, 7)
    c.drawCentredString(1.15 * inch, 10.12 * inch, "DHS")
    c.setFont(bold, 12)
    c.drawString(1.7 * inch, 10.3 * inch, "U.S. Citizenship and Immigration Services")
    c.setFont(reg, 9)
    c.drawString(1.7 * inch, 10.12 * inch, "Department of Homeland Security")
    c.drawString(1.7 * inch, 9.97 * inch, " \u00b7 ".join([OFFICES[d["office"]][0], *OFFICES[d["office"]][1]]))
    c.setFont(bold, 18)
    c.drawRightString(7.75 * inch, 10.25 * inch, "Notice of Action")
    c.setFont(reg, 9)
    c.drawRightString(7.75 * inch, 10.05 * inch, "Form I-797C")
    c.line(0.75 * inch, 9.75 * inch, 7.75 * inch, 9.75 * inch)
    rows: list[tuple[str, str]] = [
        ("Receipt #", n.p("receipt_number")),
        ("Form", f"{n.p('form')} {FORMS[n.form][0].title()}"),
        ("Date received", n.p("received_date")),
        ("Notice date", n.p("notice_date")),
        ("Notice type", TYPE_WORDS[n.kind]),
    ]
    if d.get("priority_date"):
        rows.append(("Priority date", n.p("priority_date")))
    if d.get("classification"):
        rows.append(("Class requested", n.p("classification")))
    if n.party == "pet":
        rows += [("Petitioner", n.p("petitioner")), ("Beneficiary", n.p("beneficiary"))]
    else:
        if d.get("a_number"):
            rows.append(("Alien number", n.p("a_number")))
        rows.append(("Applicant", n.p("applicant")))
    if n.sub == "premium":
        rows.append(("Related case", f"Form I-129 filed {fmt_date(d['received_date'], n.style['date'])}"))
    if n.sub == "transfer":
        rows.append(("Now at", OFFICES[d["new_office"]][0]))
    y = 9.45 * inch
    for label, value in rows:
        c.setFont(bold, 10)
        c.drawString(0.8 * inch, y, label)
        c.setFont(reg, 10.5)
        parts = simpleSplit(value, reg, 10.5, 2.9 * inch)
        for k, part in enumerate(parts):
            c.drawString(2.3 * inch, y - k * 13, part)
        y -= 13 * max(1, len(parts)) + 4
    # the addressee in the window on the right
    c.setFont(reg, 10)
    for k, line in enumerate(d["addressee"]):
        c.drawString(5.35 * inch, 9.4 * inch - k * 13, line)
    y -= 10
    if n.sub in ("receipt", "premium"):
        c.setFont(bold, 10.5)
        c.drawString(0.8 * inch, y, "Account summary")
        y -= 6
        c.line(0.8 * inch, y, 5.0 * inch, y)
        y -= 14
        names = ["Premium processing fee"] if n.sub == "premium" else FEE_NAMES
        for k, fee in enumerate(d["fees"]):
            c.setFont(reg, 10)
            c.drawString(0.9 * inch, y, names[k])
            c.drawRightString(4.9 * inch, y, fmt_amount(fee, n.style["amount"]))
            y -= 14
        c.line(0.8 * inch, y + 9, 5.0 * inch, y + 9)
        c.setFont(bold, 10)
        c.drawString(0.9 * inch, y - 2, "Amount received")
        c.drawRightString(4.9 * inch, y - 2, n.p("amount"))
        y -= 16
        c.setFont(reg, 10)
        c.drawString(0.9 * inch, y - 2, "Balance due")
        c.drawRightString(4.9 * inch, y - 2, fmt_amount(Decimal(0), n.style["amount"]))
        y -= 26
    body = BODY["premium" if n.sub == "premium" else n.kind if n.kind in BODY else "receipt"]
    c.setFont(reg, 10)
    for line in simpleSplit(body, reg, 10, 6.9 * inch):
        c.drawString(0.8 * inch, y, line)
        y -= 13
    c.setFont(reg, 7.5)
    c.drawString(
        0.8 * inch, 0.6 * inch, "Form I-797C (Rev. 09/08/25)   This notice does not grant any immigration status."
    )
    c.drawRightString(7.75 * inch, 0.6 * inch, "Page 1 of 1")


def invoice_page(c: Any, mk: Maker, receipt: str, font: str) -> None:
    """Not a notice: a law firm's invoice that lists USCIS fees and a receipt number."""
    reg, bold = rl_font(font)
    inch = 72
    firm = mk.rng.choice(FIRMS)
    c.setFont(bold, 16)
    c.drawString(0.8 * inch, 10.2 * inch, firm)
    c.setFont(reg, 10)
    c.drawString(0.8 * inch, 10.0 * inch, "Immigration and Nationality Law")
    c.setFont(bold, 20)
    c.drawRightString(7.7 * inch, 10.2 * inch, "INVOICE")
    c.setFont(reg, 10)
    day = mk.day(date(2026, 1, 5), 200)
    client = mk.company()
    for k, line in enumerate(
        [
            f"Invoice no. 2026-{mk.rng.randint(1000, 9999)}",
            f"Date: {fmt_date(day, 'mon')}",
            f"Client: {client}",
            f"Matter: H-1B extension, USCIS receipt {receipt}",
        ]
    ):
        c.drawString(0.8 * inch, 9.5 * inch - k * 14, line)
    items = [
        ("Professional fees: preparation of Form I-129 and support letter", Decimal("3500.00")),
        ("USCIS filing fee, Form I-129 (paid on client's behalf)", Decimal("780.00")),
        ("Asylum Program Fee", Decimal("600.00")),
        ("Premium processing, Form I-907", Decimal("2805.00")),
        ("Courier and copies", Decimal("48.20")),
    ]
    y = 8.6 * inch
    c.setFont(bold, 10)
    c.drawString(0.8 * inch, y, "Description")
    c.drawRightString(7.7 * inch, y, "Amount")
    c.line(0.8 * inch, y - 4, 7.7 * inch, y - 4)
    y -= 20
    c.setFont(reg, 10)
    for text, amt in items:
        c.drawString(0.8 * inch, y, text)
        c.drawRightString(7.7 * inch, y, fmt_amount(amt, "comma"))
        y -= 16
    c.setFont(bold, 11)
    c.drawString(0.8 * inch, y - 6, "Total due")
    c.drawRightString(7.7 * inch, y - 6, fmt_amount(sum((a for _, a in items), Decimal(0)), "comma"))
    c.setFont(reg, 9)
    c.drawString(
        0.8 * inch,
        y - 40,
        "USCIS issued Form I-797C, Notice of Action (receipt notice) for this matter. Payment due within 30 days.",
    )


def rl_doc(path: Path, pages: list[Callable[[Any], None]]) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()


# ---------------------------------------------------------------------------------------------
# Word documents converted by LibreOffice: letters, the I-797E request for evidence, a cover letter.


def _docx(font: str, size: float) -> Any:
    from docx import Document
    from docx.shared import Inches, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.9)
    sec.top_margin, sec.bottom_margin = Inches(0.7), Inches(0.7)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(4)
    return doc


def _para(doc: Any, text: str = "", bold: bool = False, size: float | None = None, align: str = "") -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    par = doc.add_paragraph()
    run = par.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align:
        par.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[align]
    return par


def _lines(doc: Any, lines: list[str], bold_first: bool = False) -> None:
    par = doc.add_paragraph()
    for k, line in enumerate(lines):
        run = par.add_run(line)
        run.bold = bold_first and k == 0
        if k < len(lines) - 1:
            run.add_break()


def _kv_table(doc: Any, rows: list[tuple[str, str]], borders: bool = False) -> None:
    from docx.shared import Inches

    table = doc.add_table(rows=0, cols=2)
    if borders:
        table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Inches(1.7), Inches(4.9)
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)


def letter_doc(n: Notice, font: str, mk: Maker) -> Any:
    """A notice of intent to deny or revoke, or a denial, as a two-page letter."""
    d = n.data
    doc = _docx(font, 10.5)
    _lines(
        doc,
        [
            "U.S. Department of Homeland Security",
            "U.S. Citizenship and Immigration Services",
            OFFICES[d["office"]][0],
            *OFFICES[d["office"]][1],
        ],
        bold_first=True,
    )
    _para(doc, n.pdate("notice_date", n.style.get("letter_date", "long")))
    _lines(doc, d["addressee"])
    rows = [("Form:", f"{n.p('form')}, {FORMS[n.form][0].title()}"), ("Receipt Number:", n.p("receipt_number"))]
    if n.party == "pet":
        rows += [("Petitioner:", n.p("petitioner")), ("Beneficiary:", n.p("beneficiary"))]
    else:
        rows += [("Applicant:", n.p("applicant"))]
    if d.get("classification"):
        rows.append(("Classification:", n.p("classification")))
    _kv_table(doc, rows)
    heading = {"noid": "NOTICE OF INTENT TO DENY", "noir": "NOTICE OF INTENT TO REVOKE", "denial": "DECISION"}[n.sub]
    _para(doc, "")
    _para(doc, heading, bold=True, size=13, align="center")
    earlier = d["notice_date"] - timedelta(days=mk.rng.randint(60, 140))
    if n.sub == "denial":
        paras = [
            f"On {fmt_date(earlier, 'long')} we sent you a request for evidence. The response we received does not "
            "establish eligibility for the benefit sought, for the reasons below.",
            "The record does not show that the offered position meets the requirements of the classification, "
            "and the evidence of the beneficiary's qualifications is incomplete. We have considered every "
            "document submitted, including the response to our earlier notice of intent to deny.",
            "For these reasons, the petition is denied.",
        ]
        page2 = [
            "If you disagree with this decision, you may file Form I-290B, Notice of Appeal or Motion, within 33 "
            "days of the date of this decision (36 days if mailed). The fee and filing instructions are on our "
            "website. A motion or appeal does not stop the decision from taking effect.",
        ]
    else:
        action = "revoke the approval of" if n.sub == "noir" else "deny"
        due = n.pdate("response_due", n.style.get("letter_date", "long"))
        paras = [
            f"We have reviewed your filing and the evidence in the record, including your response to the request "
            f"for evidence we sent on {fmt_date(earlier, 'long')}. Based on that review we intend to {action} the "
            f"{'petition' if n.party == 'pet' else 'application'} for the reasons set out below.",
            "The evidence does not establish that the requirements of the classification are met. In particular, "
            "the duties described are general, the supporting documents are not consistent with one another, and "
            "no independent evidence confirms the claimed employment.",
        ]
        page2 = [
            "You may submit evidence or argument to overcome the grounds stated above. Place a copy of this notice "
            "on top of your response. If you do not respond, we will decide on the record as it stands, and a "
            "denial may follow.",
            f"Your response must be received by USCIS no later than {due}. This deadline cannot be extended.",
        ]
    for text in paras:
        _para(doc, text, align="justify")
    doc.add_page_break()
    _lines(doc, [f"Receipt Number: {fmt_receipt(n.receipt, n.style.get('receipt', 'plain'))}", "Page 2 of 2"])
    for text in page2:
        _para(doc, text, align="justify")
    _para(doc, "")
    _lines(doc, ["Sincerely,", "", f"{mk.person('first')}", "Director, " + OFFICES[d["office"]][0]])
    return doc


def rfe_doc(n: Notice, font: str, mk: Maker) -> Any:
    """An I-797E request for evidence: cover notice, the list of evidence, and the response coversheet."""
    d = n.data
    due = n.pdate("response_due", n.style.get("letter_date", "long"))
    doc = _docx(font, 10.5)
    _para(doc, "THE UNITED STATES OF AMERICA", bold=True, size=12, align="center")
    _para(doc, "I-797E, NOTICE OF ACTION", bold=True, size=16, align="center")
    _para(doc, "Department of Homeland Security \u2013 U.S. Citizenship and Immigration Services", align="center")
    rows = [
        ("Receipt Number", n.p("receipt_number")),
        ("Case Type", case_type(n)),
        ("Received Date", n.p("received_date")),
        ("Notice Date", n.p("notice_date")),
        ("Page", "1 of 3"),
    ]
    if n.party == "pet":
        rows += [("Petitioner", n.p("petitioner")), ("Beneficiary", n.p("beneficiary"))]
    else:
        rows += [("Applicant", n.p("applicant"))]
    _kv_table(doc, rows, borders=True)
    _para(doc, "")
    _lines(doc, d["addressee"])
    _para(doc, "Notice Type: Request for Evidence", bold=True)
    _para(
        doc,
        "We need more evidence before we can decide your case. The evidence we need is listed on the "
        "following page. Send it together with the response coversheet (the last page of this notice) on "
        "top. If you do not respond, we may deny your case; we will not send a separate notice of intent to "
        "deny before doing so.",
        align="justify",
    )
    _para(
        doc,
        f"RESPONSE DUE: The evidence must be received by {due}.",
        bold=True,
    )
    _lines(doc, office_lines(n))
    doc.add_page_break()
    _lines(doc, [f"Receipt Number: {n.receipt}", "Page 2 of 3"])
    _para(doc, "EVIDENCE REQUESTED", bold=True, size=12)
    items = [
        "A detailed description of the position's duties, with the share of time spent on each.",
        "Evidence that the position requires at least a bachelor's degree in a specific specialty.",
        "The beneficiary's diplomas and transcripts, with an evaluation of any foreign degree.",
        "Copies of the last three pay statements issued to the beneficiary.",
        "An organizational chart showing the position and its supervisor.",
    ]
    for k, item in enumerate(mk.rng.sample(items, 4), 1):
        _para(doc, f"{k}. {item}", align="justify")
    _para(
        doc,
        "Submit copies unless an original is asked for. Documents in a foreign language need a full "
        "English translation certified by the translator.",
        align="justify",
    )
    doc.add_page_break()
    _para(doc, "RESPONSE COVERSHEET", bold=True, size=16, align="center")
    _para(doc, "Place this page on top of your response", align="center")
    _kv_table(
        doc,
        [
            ("Receipt Number", n.receipt),
            ("Case Type", fmt_form(n.form, "compact")),
            ("Response due", fmt_date(d["response_due"], "us")),
            ("Page", "3 of 3"),
        ],
        borders=True,
    )
    _para(doc, "")
    _lines(doc, ["Send your response to:", *office_lines(n)])
    _para(
        doc,
        "Do not send a second copy by fax or e-mail. A response received after the date above may lead to a "
        "denial of the case.",
        align="justify",
    )
    return doc


def cover_letter_doc(mk: Maker, font: str, receipt: str, form: str) -> Any:
    """Not a notice: an attorney's cover letter to USCIS quoting a receipt number and notices."""
    doc = _docx(font, 11)
    firm = mk.rng.choice(FIRMS)
    city, st, zip3 = mk.rng.choice(CITIES)
    _lines(
        doc,
        [firm, f"{mk.rng.randint(100, 999)} {mk.rng.choice(STREETS)}", f"{city}, {st} {zip3}{mk.rng.randint(10, 99)}"],
        bold_first=True,
    )
    day = mk.day(date(2026, 2, 1), 200)
    _para(doc, fmt_date(day, "long"))
    code = receipt[:3]
    _lines(doc, ["U.S. Citizenship and Immigration Services", OFFICES[code][0], *OFFICES[code][1]])
    _kv_table(
        doc,
        [
            ("Re:", "Response to Request for Evidence"),
            ("Receipt Number:", receipt),
            ("Form:", f"{form}, {FORMS[form][0].title()}"),
            ("Petitioner:", mk.company()),
            ("Beneficiary:", mk.person("first")),
            ("RFE dated:", fmt_date(day - timedelta(days=40), "long")),
            ("Response due:", fmt_date(day + timedelta(days=20), "long")),
        ],
    )
    _para(doc, "Dear Officer:")
    for text in [
        "On behalf of the petitioner, we respectfully submit this response to the Request for Evidence "
        "(Form I-797E, Notice of Action) issued in the above case. A copy of the notice is enclosed on top.",
        "We also enclose a copy of the earlier Form I-797A, Notice of Action, approving the beneficiary's prior "
        "status, and the Form I-797C receipt notice. The evidence is indexed below; each exhibit is tabbed by a "
        "plain sheet as USCIS asks.",
        "Exhibit A: Expert opinion letter. Exhibit B: Organizational chart. Exhibit C: Pay statements. "
        "Exhibit D: Degree evaluation.",
        "Please contact our office if anything further is needed. Thank you for your attention to this matter.",
    ]:
        _para(doc, text, align="justify")
    _lines(doc, ["Respectfully,", "", mk.person("first") + ", Esq.", firm])
    return doc


# ---------------------------------------------------------------------------------------------
# Scanners, faxes and phones (pdfium renders the page; numpy and PIL do the rest).


def render(pdf: Path, index: int, dpi: int, color: bool = False) -> Image.Image:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        bitmap = doc[index].render(scale=dpi / 72, grayscale=not color)
        img = bitmap.to_pil()
    finally:
        doc.close()
    return img.convert("RGB" if color else "L")


def handwrite(img: Image.Image, rng: random.Random, dpi: int, notes: list[str]) -> Image.Image:
    """Blue-ink notes in the margins, a tick and an underline scribble, slanted word by word."""
    img = img.convert("RGB")
    font_path = FONT_DIR / "dejavu" / "DejaVuSerif-Italic.ttf"
    size = int(dpi * 0.2)
    font = ImageFont.truetype(str(font_path), size) if font_path.exists() else ImageFont.load_default()
    ink = (28, 46, 150)
    w, h = img.size
    spots = [(int(w * 0.3), int(h * 0.006)), (int(w * 0.08), int(h * 0.955)), (int(w * 0.6), int(h * 0.93))]
    for (x, y), note in zip(spots, notes, strict=False):
        for word in note.split():
            box = font.getbbox(word)
            tile = Image.new("RGBA", (box[2] + 10, box[3] + 10), (0, 0, 0, 0))
            ImageDraw.Draw(tile).text((5, 5), word, font=font, fill=(*ink, 235))
            tile = tile.rotate(rng.uniform(-7, 7), expand=True, resample=Image.Resampling.BICUBIC)
            img.paste(tile, (x, y + rng.randint(-4, 4)), tile)
            x += tile.size[0] + int(size * 0.3)
    draw = ImageDraw.Draw(img)
    # a tick beside the top note and a wavy underline under it
    tx, ty = spots[0][0] - int(dpi * 0.3), spots[0][1] + int(size * 0.6)
    draw.line(
        [(tx, ty), (tx + size // 3, ty + size // 2), (tx + size, ty - size // 2)], fill=ink, width=max(2, dpi // 90)
    )
    ux, uy = spots[0][0], spots[0][1] + int(size * 1.45)
    pts = [(ux + k * size // 3, uy + int(rng.uniform(-3, 3) + 4 * np.sin(k))) for k in range(12)]
    draw.line(pts, fill=ink, width=max(2, dpi // 100))
    return img


def degrade(img: Image.Image, rng: random.Random, dpi: int, how: str) -> Image.Image:
    """An office scan: paper tone, soft toner, blur, skew, uneven light, noise, specks; ``how`` adds one defect."""
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    color = img.mode == "RGB"
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.8) * dpi / 200))
    arr = np.asarray(img, dtype=np.float32) / 255.0
    paper, ink = rng.uniform(0.88, 0.97), rng.uniform(0.04, 0.18)
    arr = ink + (paper - ink) * arr
    h, w = arr.shape[:2]
    ys = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    xs = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    light = 1.0 - rng.uniform(0.02, 0.07) * (xs if rng.random() < 0.5 else ys)
    if how == "toner":  # a faded vertical band where the drum ran low
        x0 = rng.uniform(0.2, 0.7)
        band = np.exp(-(((xs - x0) / 0.05) ** 2))
        arr = arr + (paper - arr) * 0.45 * band if not color else arr + (paper - arr) * 0.45 * band[..., None]
    if how == "shadow":  # the copier lid left open: a dark edge
        edge = np.clip(1 - xs / 0.06, 0, 1) ** 2
        light = light * (1 - 0.55 * edge)
    arr = arr * (light[..., None] if color else light)
    arr += nrng.standard_normal(arr.shape, dtype=np.float32) * rng.uniform(0.015, 0.035)
    out = Image.fromarray((np.clip(arr, 0, 1) * 255).astype(np.uint8))
    draw = ImageDraw.Draw(out)
    for _ in range(rng.randint(15, 60)):
        x, y, r = rng.randint(0, w - 1), rng.randint(0, h - 1), rng.uniform(0.5, 2.2) * dpi / 200
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(40, 40, 40) if color else 40)
    fill = (int(paper * 255),) * 3 if color else int(paper * 255)
    return out.rotate(rng.uniform(-2.2, 2.2), resample=Image.Resampling.BICUBIC, fillcolor=fill)


def fax(img: Image.Image, rng: random.Random) -> Image.Image:
    """A fine-mode fax: 204 x 196 dpi, one bit, a little noise (``img`` rendered at 300 dpi)."""
    w, h = img.size
    small = img.resize((int(w * 204 / 300), int(h * 196 / 300)), Image.Resampling.LANCZOS)
    small = small.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, fillcolor=255)
    arr = np.asarray(small, dtype=np.float32)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    arr += nrng.standard_normal(arr.shape, dtype=np.float32) * 18
    one = Image.fromarray(np.where(arr > 150, 255, 0).astype(np.uint8)).convert("1")
    one.info["dpi"] = (204, 196)
    return one


def _perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping points ``dst`` (output) to ``src`` (input)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))]


def photo(page: Image.Image, rng: random.Random) -> Image.Image:
    """The page photographed on a desk: perspective, warm light from one side, wood around it, a soft lens."""
    page = page.convert("RGB")
    page = page.resize((int(page.width * 0.8), int(page.height * 0.8)), Image.Resampling.LANCZOS)
    pw, ph = page.size
    cw, ch = int(pw * 1.3), int(ph * 1.22)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    # wood grain and light drawn at a quarter of the size, then enlarged (they are smooth)
    qw, qh = cw // 4, ch // 4
    yy, xx = np.mgrid[0:qh, 0:qw].astype(np.float32)
    grain = np.sin(xx * 4 / rng.uniform(9, 15) + 3 * np.sin(yy * 4 / 140.0)) * 0.5 + 0.5
    wood = np.stack([120 + 40 * grain, 78 + 25 * grain, 45 + 15 * grain], axis=-1)
    canvas = Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8)).resize((cw, ch), Image.Resampling.BILINEAR)
    light = np.clip(0.72 + 0.3 * (1 - np.hypot(xx / qw - 0.35, yy / qh - 0.3)), 0.55, 1.02)
    light_img = Image.fromarray((light * 200).astype(np.uint8)).resize((cw, ch), Image.Resampling.BILINEAR)
    mx, my = (cw - pw) / 2, (ch - ph) / 2

    def jit(x: float, y: float) -> tuple[float, float]:
        return x + rng.uniform(-0.045, 0.045) * pw, y + rng.uniform(-0.03, 0.03) * ph

    dst = [jit(mx, my), jit(mx + pw, my), jit(mx + pw, my + ph), jit(mx, my + ph)]
    src = [(0.0, 0.0), (float(pw), 0.0), (float(pw), float(ph)), (0.0, float(ph))]
    coeffs = _perspective(src, dst)
    warped = page.transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", (pw, ph), 255).transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    shadow = mask.filter(ImageFilter.GaussianBlur(15)).point(lambda v: int(v * 0.5))
    canvas.paste((30, 20, 10), (12, 15), shadow)
    canvas.paste(warped, (0, 0), mask)
    arr = np.asarray(canvas, dtype=np.float32) / 255.0
    lit = np.asarray(light_img, dtype=np.float32) / 200.0
    arr = arr * lit[..., None] * np.array([1.0, 0.96, 0.86], dtype=np.float32)
    arr += nrng.standard_normal(arr.shape, dtype=np.float32) * 0.02
    out = Image.fromarray((np.clip(arr, 0, 1) * 255).astype(np.uint8))
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Documents and files.

HTML_FAMILIES = ("c797", "asc", "tear")
RL_FAMILIES = ("dotlead", "ledger")
DOCX_FAMILIES = ("letter", "rfe")


@dataclass
class Doc:
    """One source document, drawn by one route, with the notices on its pages (1-based)."""

    route: str  # html, rl, docx
    content: Any
    notices: list[tuple[Notice, list[int]]]
    pages: int
    path: Path | None = None


@dataclass
class Spec:
    """One file of the set: its parts (a document printed or scanned) and how it is saved."""

    name: str
    label: str
    medium: str
    parts: list[tuple[Doc, str]]
    effect: str = "office"
    dpi: int = 300
    fmt: str = "pdf"


class Planner:
    """Builds the documents of the set in a fixed order from one seeded source."""

    def __init__(self, mk: Maker) -> None:
        self.mk = mk
        self.docs: list[Doc] = []

    def _add(self, doc: Doc) -> Doc:
        self.docs.append(doc)
        return doc

    def notice(self, n: Notice, font: str) -> Doc:
        if n.family == "c797":
            return self._add(Doc("html", html_doc([c797_page(n)], font), [(n, [1])], 1))
        if n.family == "asc":
            return self._add(Doc("html", html_doc([asc_page(n)], font), [(n, [1])], 1))
        if n.family == "tear":
            return self._add(Doc("html", html_doc([tear_page(n, self.mk)], font), [(n, [1])], 1))
        if n.family == "dotlead":
            n.style.setdefault("upper_names", "1")
            return self._add(Doc("rl", [lambda c, n=n, f=font: dotlead_page(c, n, f)], [(n, [1])], 1))
        if n.family == "ledger":
            return self._add(Doc("rl", [lambda c, n=n, f=font: ledger_page(c, n, f)], [(n, [1])], 1))
        if n.family == "letter":
            return self._add(Doc("docx", letter_doc(n, font, self.mk), [(n, [1, 2])], 2))
        if n.family == "rfe":
            return self._add(Doc("docx", rfe_doc(n, font, self.mk), [(n, [1, 2, 3])], 3))
        raise ValueError(n.family)

    def pair(self, a: Notice, b: Notice, font: str) -> Doc:
        for n in (a, b):
            n.data["received_date"] = None
        return self._add(Doc("html", html_doc([asc_pair_page(a, b)], font), [(a, [1]), (b, [1])], 1))

    def status(self, receipt: str, form: str, font: str) -> Doc:
        when = self.mk.day(date(2026, 3, 1), 120)
        return self._add(Doc("html", html_doc([status_page(self.mk, receipt, form, when)], font), [], 1))

    def invoice(self, receipt: str, font: str) -> Doc:
        own = Maker(random.Random(self.mk.rng.randint(0, 2**31)))  # drawn later: its own source
        return self._add(Doc("rl", [lambda c: invoice_page(c, own, receipt, font)], [], 1))

    def cover(self, receipt: str, form: str, font: str) -> Doc:
        return self._add(Doc("docx", cover_letter_doc(self.mk, font, receipt, form), [], 1))


def plan(mk: Maker) -> list[Spec]:
    """The set: which notices, in which families and fonts, printed, scanned or photographed."""
    pl = Planner(mk)
    mn = lambda *a, **k: make_notice(mk, *a, **k)  # noqa: E731
    specs: list[Spec] = []

    def one(label: str, n: Notice, font: str, medium: str = "text-pdf", **kw: Any) -> None:
        specs.append(Spec("", label, medium, [(pl.notice(n, font), "scan" if medium != "text-pdf" else "text")], **kw))

    # printed, one notice each
    one(
        "I-129 receipt, payment block",
        mn("receipt", "I-129", "c797", fees=2, show={"classification"}),
        "Liberation Sans",
    )
    one("I-485 receipt, A-Number over the name", mn("receipt", "I-485", "c797", show={"priority"}), "DejaVu Sans")
    one("I-907 receipt", mn("premium", "I-907", "c797", style={"form": "compact"}), "Carlito")
    one("N-400 receipt", mn("receipt", "N-400", "c797", style={"amount": "usd", "form": "compact"}), "Liberation Sans")
    one("I-140 approval", mn("approval", "I-140", "c797", show={"priority"}), "Liberation Serif")
    one("I-751 transfer", mn("transfer", "I-751", "c797", style={"form": "compact"}), "DejaVu Sans")
    one("I-824 receipt, OCR'd form number", mn("receipt", "I-824", "c797", style={"form": "ocrl"}), "Caladea")
    one("I-485 biometrics", mn("biometrics", "I-485", "asc"), "DejaVu Serif")
    one(
        "N-400 biometrics, long name",
        mn("biometrics", "N-400", "asc", long_name=True, style={"date": "long"}),
        "Liberation Sans",
    )
    one("I-129 I-797A with I-94, long petitioner", mn("i797a", "I-129", "tear", long_name=True), "Carlito")
    one("I-539 I-797A with I-94", mn("i797a", "I-539", "tear", style={"date": "long0"}), "DejaVu Sans")
    one("I-129 I-797B", mn("i797b", "I-129", "tear", style={"date": "mon"}), "Liberation Serif")
    one(
        "I-140 receipt, mainframe, OCR'd form",
        mn(
            "receipt",
            "I-140",
            "dotlead",
            show={"priority"},
            style={"receipt": "dashed", "form": "ocr1", "amount": "space"},
        ),
        "LiberationMono",
    )
    one(
        "I-129 approval, mainframe, I-94 inline",
        mn("i797a", "I-129", "dotlead", long_name=True, style={"date": "upper", "form": "compact"}),
        "DejaVuSansMono",
    )
    one(
        "I-765 receipt, mainframe, spaced form",
        mn("receipt", "I-765", "dotlead", show={"classification"}, style={"form": "spaced"}),
        "LiberationMono",
    )
    one("I-130 transfer, mainframe", mn("transfer", "I-130", "dotlead", style={"date": "dmy"}), "DejaVuSansMono")
    one("I-907 receipt, account style", mn("premium", "I-907", "ledger", style={"date": "mon"}), "Carlito")
    one("I-130 receipt, account style", mn("receipt", "I-130", "ledger", show={"priority"}), "DejaVuSerif")
    one(
        "I-129F receipt, account style, long names",
        mn("receipt", "I-129F", "ledger", long_name=True, style={"date": "long"}),
        "LiberationSerif",
    )
    one("I-90 rejection, account style", mn("rejection", "I-90", "ledger"), "Carlito")
    one("I-140 notice of intent to deny, letter", mn("noid", "I-140", "letter", show={"classification"}), "Carlito")
    one("I-129 notice of intent to revoke, letter", mn("noir", "I-129", "letter", long_name=True), "Caladea")
    one("I-485 denial, letter", mn("denial", "I-485", "letter", style={"letter_date": "long0"}), "Liberation Serif")
    one("I-129 request for evidence, three pages", mn("rfe", "I-129", "rfe"), "DejaVu Serif")

    # printed, several notices in one file
    r = mn("receipt", "I-129", "c797", fees=2, show={"classification"})
    people = {k: r.data[k] for k in ("petitioner", "beneficiary")}
    prem = mn("premium", "I-907", "ledger", receipt=r.receipt, people=people, when=r.data["received_date"])
    appr = mn("i797a", "I-129", "tear", receipt=r.receipt, people=people, when=r.data["received_date"])
    appr.data["classification"] = r.data["classification"]
    specs.append(
        Spec(
            "",
            "I-129 receipt, its I-907 receipt and the I-797A: one receipt number",
            "text-pdf",
            [
                (pl.notice(r, "Liberation Sans"), "text"),
                (pl.notice(prem, "Carlito"), "text"),
                (pl.notice(appr, "DejaVu Sans"), "text"),
            ],
        )
    )
    rfe = mn("rfe", "I-140", "rfe")
    people = {k: rfe.data[k] for k in ("petitioner", "beneficiary")}
    ok = mn("approval", "I-140", "c797", receipt=rfe.receipt, people=people, when=rfe.data["received_date"])
    ok.data["notice_date"] = min(rfe.data["response_due"] + timedelta(days=20), LATEST)
    assert ok.data["notice_date"] > rfe.data["notice_date"]
    specs.append(
        Spec(
            "",
            "three-page RFE then the approval, one receipt number",
            "text-pdf",
            [(pl.notice(rfe, "Liberation Serif"), "text"), (pl.notice(ok, "DejaVu Sans"), "text")],
        )
    )
    first = mn("receipt", "I-485", "c797")
    person = {"applicant": first.data["applicant"], "a_number": first.data["a_number"] or mk.anum()}
    first.data["a_number"] = person["a_number"]
    day = first.data["received_date"]
    ead = mn("receipt", "I-765", "c797", receipt=mk.next_receipt(first.receipt), people=person, when=day)
    ap = mn("receipt", "I-131", "c797", receipt=mk.next_receipt(ead.receipt), people=person, when=day)
    bio = mn("biometrics", "I-485", "asc", receipt=first.receipt, people=person, when=day)
    specs.append(
        Spec(
            "",
            "one applicant: I-485, I-765, I-131 receipts and the biometrics notice",
            "text-pdf",
            [(pl.notice(x, "Carlito"), "text") for x in (first, ead, ap, bio)],
        )
    )
    a = mn("biometrics", "I-485", "asc")
    b = mn(
        "biometrics",
        "I-765",
        "asc",
        receipt=mk.next_receipt(a.receipt),
        people={"applicant": a.data["applicant"], "a_number": a.data["a_number"]},
        when=a.data["received_date"],
    )
    b.data["appointment"] = a.data["appointment"]
    specs.append(
        Spec("", "two biometrics notices on one page", "text-pdf", [(pl.pair(a, b, "Liberation Sans"), "text")])
    )

    # printed, not notices
    specs.append(
        Spec(
            "",
            "not a notice: attorney's RFE cover letter",
            "text-pdf",
            [(pl.cover(mk.receipt("WAC", 2026), "I-129", "Caladea"), "text")],
        )
    )
    specs.append(
        Spec(
            "",
            "not a notice: case status web page printout",
            "text-pdf",
            [(pl.status(mk.receipt("IOE", 2026), "I-765", "DejaVu Sans"), "text")],
        )
    )
    specs.append(
        Spec(
            "",
            "not a notice: law firm invoice with USCIS fees",
            "text-pdf",
            [(pl.invoice(mk.receipt("EAC", 2026), "DejaVuSerif"), "text")],
        )
    )

    # scanned PDFs
    one("I-131 receipt, scan", mn("receipt", "I-131", "c797"), "Liberation Sans", "scan-pdf", dpi=300)
    one(
        "I-129 receipt, scan, faded toner",
        mn("receipt", "I-129", "c797", fees=2),
        "DejaVu Sans",
        "scan-pdf",
        effect="toner",
        dpi=200,
    )
    one(
        "I-90 biometrics, scan, copier shadow",
        mn("biometrics", "I-90", "asc"),
        "Liberation Serif",
        "scan-pdf",
        effect="shadow",
        dpi=250,
    )
    one("I-129 I-797A, scan", mn("i797a", "I-129", "tear"), "Liberation Sans", "scan-pdf", dpi=300)
    one(
        "I-485 receipt, mainframe, scan",
        mn("receipt", "I-485", "dotlead", style={"anum": "spaced"}),
        "LiberationMono",
        "scan-pdf",
        dpi=200,
    )
    one(
        "I-907 receipt, account style, handwritten note",
        mn("premium", "I-907", "ledger"),
        "Carlito",
        "scan-pdf",
        effect="handwriting",
        dpi=300,
    )
    one("I-130 notice of intent to deny, scan", mn("noid", "I-130", "letter"), "Liberation Serif", "scan-pdf", dpi=200)
    one(
        "I-765 request for evidence, scan",
        mn("rfe", "I-765", "rfe", style={"letter_date": "us"}),
        "Carlito",
        "scan-pdf",
        effect="toner",
        dpi=300,
    )
    one("I-129 transfer, fax", mn("transfer", "I-129", "c797"), "Liberation Sans", "scan-pdf", effect="fax", dpi=300)
    r = mn("receipt", "I-129", "c797", fees=2)
    prem = mn(
        "premium",
        "I-907",
        "ledger",
        receipt=r.receipt,
        people={k: r.data[k] for k in ("petitioner", "beneficiary")},
        when=r.data["received_date"],
    )
    specs.append(
        Spec(
            "",
            "I-129 and I-907 receipts, one receipt number, scan",
            "scan-pdf",
            [(pl.notice(r, "DejaVu Sans"), "scan"), (pl.notice(prem, "DejaVuSerif"), "scan")],
            dpi=250,
        )
    )
    a = mn("biometrics", "I-539", "asc")
    b = mn("biometrics", "I-765", "asc")
    specs.append(
        Spec(
            "",
            "two biometrics notices, two people, one scanned page",
            "scan-pdf",
            [(pl.pair(a, b, "DejaVu Serif"), "scan")],
            dpi=300,
        )
    )
    specs.append(
        Spec(
            "",
            "not a notice: attorney's cover letter, scan",
            "scan-pdf",
            [(pl.cover(mk.receipt("SRC", 2026), "I-140", "Liberation Serif"), "scan")],
            dpi=200,
        )
    )

    # mixed batches: printed and scanned pages in one PDF
    x1 = mn("noid", "I-129", "letter")
    x2 = mn("receipt", "I-539", "c797")
    x3 = mn("i797a", "I-539", "tear")
    x4 = mn("biometrics", "I-539", "asc")
    specs.append(
        Spec(
            "",
            "mail batch: letter, scan, print, scan",
            "mixed-pdf",
            [
                (pl.notice(x1, "Carlito"), "text"),
                (pl.notice(x2, "Liberation Sans"), "scan"),
                (pl.notice(x3, "DejaVu Sans"), "text"),
                (pl.notice(x4, "Liberation Serif"), "scan"),
            ],
            dpi=250,
        )
    )
    y1 = mn("approval", "I-129", "dotlead", style={"date": "upper"})
    y2 = mn("receipt", "N-400", "c797")
    y3 = mn("receipt", "I-140", "ledger", fees=2)
    specs.append(
        Spec(
            "",
            "mail batch: scan, print, scan",
            "mixed-pdf",
            [
                (pl.notice(y1, "LiberationMono"), "scan"),
                (pl.notice(y2, "Carlito"), "text"),
                (pl.notice(y3, "Carlito"), "scan"),
            ],
            dpi=200,
        )
    )

    # images
    one("I-130 receipt, JPEG scan", mn("receipt", "I-130", "c797"), "Liberation Serif", "image", dpi=200, fmt="jpg")
    one("I-485 biometrics, PNG", mn("biometrics", "I-485", "asc"), "DejaVu Sans", "image", dpi=150, fmt="png")
    one(
        "I-129 I-797A, photographed on a desk",
        mn("i797a", "I-129", "tear"),
        "Liberation Sans",
        "image",
        effect="photo",
        dpi=200,
        fmt="jpg",
    )
    one(
        "I-907 receipt, photographed on a desk",
        mn("premium", "I-907", "c797"),
        "DejaVu Sans",
        "image",
        effect="photo",
        dpi=200,
        fmt="jpg",
    )
    one(
        "I-140 receipt, mainframe, fax TIFF",
        mn("receipt", "I-140", "dotlead", style={"receipt": "dashed"}),
        "DejaVuSansMono",
        "image",
        effect="fax",
        dpi=300,
        fmt="tif",
    )
    one(
        "I-485 receipt, account style, handwritten note",
        mn("receipt", "I-485", "ledger"),
        "Carlito",
        "image",
        effect="handwriting",
        dpi=200,
        fmt="jpg",
    )
    one("I-129 denial, letter, two-page TIFF", mn("denial", "I-129", "letter"), "Caladea", "image", dpi=200, fmt="tif")
    n1 = mn("receipt", "N-400", "c797")
    n2 = mn(
        "biometrics",
        "N-400",
        "asc",
        receipt=n1.receipt,
        people={"applicant": n1.data["applicant"], "a_number": n1.data["a_number"] or mk.anum()},
        when=n1.data["received_date"],
    )
    n1.data["a_number"] = n2.data["a_number"]
    specs.append(
        Spec(
            "",
            "N-400 receipt and biometrics, two-page TIFF",
            "image",
            [(pl.notice(n1, "Liberation Sans"), "scan"), (pl.notice(n2, "Liberation Sans"), "scan")],
            dpi=200,
            fmt="tif",
        )
    )
    one("I-765 rejection, PNG", mn("rejection", "I-765", "c797"), "Carlito", "image", dpi=200, fmt="png")
    specs.append(
        Spec(
            "",
            "not a notice: invoice photographed",
            "image",
            [(pl.invoice(mk.receipt("WAC", 2026), "Carlito"), "scan")],
            effect="photo",
            dpi=200,
            fmt="jpg",
        )
    )

    for k, spec in enumerate(specs, 1):
        ext = {"pdf": "pdf", "jpg": "jpg", "png": "png", "tif": "tif"}[spec.fmt]
        spec.name = f"{k:02d}-{spec.medium.split('-')[0]}.{ext}"
    return specs


def build(docs: list[Doc], work: Path) -> None:
    """Draw every document: chromium for HTML (one browser), reportlab, LibreOffice (one call)."""
    from playwright.sync_api import sync_playwright

    html_docs = [d for d in docs if d.route == "html"]
    for k, doc in enumerate(docs):
        doc.path = work / f"doc{k:03d}.pdf"
    if html_docs:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            try:
                page = browser.new_page()
                for doc in html_docs:
                    page.set_content(doc.content, wait_until="load")
                    page.pdf(path=str(doc.path), prefer_css_page_size=True, print_background=True)
            finally:
                browser.close()
    for doc in docs:
        if doc.route == "rl":
            assert doc.path is not None
            rl_doc(doc.path, doc.content)
    word = [d for d in docs if d.route == "docx"]
    if word:
        src = work / "docx"
        src.mkdir()
        for doc in word:
            assert doc.path is not None
            doc.content.save(str(src / (doc.path.stem + ".docx")))
        profile = (work / "lo-profile").as_uri()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                *sorted(str(p) for p in src.glob("*.docx")),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    for doc in docs:
        assert doc.path is not None
        with pikepdf.open(doc.path) as pdf:
            got = len(pdf.pages)
        if got != doc.pages:
            raise AssertionError(f"{doc.route} document {doc.path.name}: {got} pages, planned {doc.pages}")


def scanned(doc: Doc, index: int, spec: Spec, rng: random.Random, color: bool) -> Image.Image:
    """One page of ``doc`` as the scanner (or fax, or phone) of ``spec`` saw it."""
    assert doc.path is not None
    if spec.effect == "fax":
        return fax(render(doc.path, index, 300), rng)
    img = render(doc.path, index, spec.dpi, color=color or spec.effect in ("handwriting", "photo"))
    if spec.effect == "handwriting" and index == 0:
        img = handwrite(img, rng, spec.dpi, ["rec'd 6/12 - docketed", "call client re: fees", "cc HR"])
    if spec.effect == "photo":
        return photo(img, rng)
    out = degrade(img, rng, spec.dpi, spec.effect)
    return out if color or spec.effect == "handwriting" else out.convert("L")


def _image_pdf(img: Image.Image, dpi: int, rng: random.Random) -> bytes:
    if img.mode == "1":
        buf = io.BytesIO()
        img.save(buf, "TIFF", compression="group4", dpi=img.info.get("dpi", (dpi, dpi)))
        data = buf.getvalue()
    else:
        data = jpeg_bytes(img, rng.randint(62, 88), dpi)
    return bytes(img2pdf.convert(data))


def write_file(spec: Spec, folder: Path, rng: random.Random) -> None:
    target = folder / spec.name
    if spec.medium == "text-pdf" and len(spec.parts) == 1:
        assert spec.parts[0][0].path is not None
        shutil.copyfile(spec.parts[0][0].path, target)
        return
    if spec.fmt == "pdf":
        sources: list[pikepdf.Pdf] = []
        with pikepdf.new() as out:
            for doc, mode in spec.parts:
                assert doc.path is not None
                if mode == "text":
                    sources.append(pikepdf.open(doc.path))
                    out.pages.extend(sources[-1].pages)
                    continue
                for i in range(doc.pages):
                    sources.append(
                        pikepdf.open(io.BytesIO(_image_pdf(scanned(doc, i, spec, rng, False), spec.dpi, rng)))
                    )
                    out.pages.extend(sources[-1].pages)
            out.save(target, deterministic_id=True)
        for src in sources:
            src.close()
        return
    images = [scanned(doc, i, spec, rng, spec.fmt == "jpg") for doc, _ in spec.parts for i in range(doc.pages)]
    if spec.fmt == "jpg":
        images[0].convert("RGB").save(target, "JPEG", quality=rng.randint(78, 90), dpi=(spec.dpi, spec.dpi))
    elif spec.fmt == "png":
        images[0].save(target, "PNG", dpi=(spec.dpi, spec.dpi))
    else:
        compression = "group4" if images[0].mode == "1" else "tiff_lzw"
        dpi = images[0].info.get("dpi", (spec.dpi, spec.dpi))
        images[0].save(target, "TIFF", compression=compression, dpi=dpi, save_all=True, append_images=images[1:])


def truth_entry(spec: Spec) -> dict[str, Any]:
    notices: list[dict[str, Any]] = []
    offset = 0
    for doc, _ in spec.parts:
        for n, pages in doc.notices:
            t = n.truth()
            missing = [k for k, v in t.items() if v is not None and k != "notice_type" and k not in n.printed]
            if missing:
                raise AssertionError(f"{spec.label}: truth has {missing} but the page does not print them")
            notices.append({"pages": [offset + p for p in pages], "_family": n.family, **t})
        offset += doc.pages
    return {
        "medium": spec.medium,
        "format": spec.fmt,
        "effect": spec.effect if spec.medium != "text-pdf" else None,
        "dpi": spec.dpi if spec.medium != "text-pdf" else None,
        "pages": offset,
        "label": spec.label,
        "notices": notices,
    }


def generate(folder: Path, seed: int, only: Collection[str] | None = None) -> dict[str, Any]:
    """Write the set and its ``truth.json`` into ``folder``; returns the truth.

    ``only`` names the files to write (the rest of the set is planned, not drawn), for quick checks: the
    files written are the same as in the whole set.
    """
    folder.mkdir(parents=True, exist_ok=True)
    mk = Maker(random.Random(seed))
    specs = plan(mk)
    if only is not None:
        unknown = set(only) - {spec.name for spec in specs}
        if unknown:
            raise ValueError(f"not in the set: {sorted(unknown)}")
    docs: list[Doc] = []
    for spec in specs:
        for doc, _ in spec.parts:
            if doc not in docs and (only is None or spec.name in only):
                docs.append(doc)
    with tempfile.TemporaryDirectory(prefix="notice-eval2-") as tmp:
        build(docs, Path(tmp))
        files = {}
        for k, spec in enumerate(specs):
            if only is None or spec.name in only:
                write_file(spec, folder, random.Random(seed * 7919 + k))
                files[spec.name] = truth_entry(spec)
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": 2, "files": files}
    (folder / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.folder, args.seed)
    files = truth["files"]
    print(f"{len(files)} files, {sum(len(f['notices']) for f in files.values())} notices -> {args.folder}")


if __name__ == "__main__":
    main()
