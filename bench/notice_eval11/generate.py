"""Writes the eleventh sealed notice evaluation set (issue 14): fictional USCIS notices with their truth.

The set models the mail of a university's international scholars office and of a large employer whose
paper mail goes through a digital mail-scanning vendor: vendor scans (cover sheets, stamps, the vendor's own
imperfect OCR text layer, envelopes, two pages to a sheet), notices a G-28 representative downloads from the
online account, notices forwarded through an HR ticketing system, copier scans, faxes and phone photos.

Usage: ``python -m bench.notice_eval11.generate OUT --seed 1797``; the bench calls ``generate(folder, seed)``.
Whoever works on the parser must not read this file or what it writes (README.md, "The rule").
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import io
import json
import logging
import random
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import img2pdf
import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from pypdf import PdfReader, PdfWriter, Transformation

GENERATOR_VERSION = "11.1"
SET = 11
CHROMIUM = "/usr/bin/chromium"
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
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/crosextra",
)
FONT_FILES = {
    "LiberationSans": "LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "LiberationSans-Bold.ttf",
    "LiberationSansNarrow": "LiberationSansNarrow-Regular.ttf",
    "LiberationSansNarrow-Bold": "LiberationSansNarrow-Bold.ttf",
    "LiberationSerif": "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "LiberationSerif-Bold.ttf",
    "LiberationMono": "LiberationMono-Regular.ttf",
    "LiberationMono-Bold": "LiberationMono-Bold.ttf",
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansCondensed": "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold": "DejaVuSansCondensed-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "Carlito": "Carlito-Regular.ttf",
    "Carlito-Bold": "Carlito-Bold.ttf",
    "Caladea": "Caladea-Regular.ttf",
    "Caladea-Bold": "Caladea-Bold.ttf",
}


def font_path(name: str) -> str:
    for folder in FONT_DIRS:
        path = Path(folder) / FONT_FILES[name]
        if path.exists():
            return str(path)
    raise SystemExit(
        f"notice set 11: font {FONT_FILES[name]} is not installed (apt-get install fonts-liberation "
        "fonts-dejavu fonts-crosextra-carlito fonts-crosextra-caladea)"
    )


def sub_rng(seed: int, *names: object) -> random.Random:
    digest = hashlib.sha256("|".join([str(seed), *map(str, names)]).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(63))


# ---------------------------------------------------------------------------------------------
# Fictional people, organisations, offices.

GIVEN = [
    "Anneliese",
    "Rohan",
    "Mei-Lin",
    "Tomasz",
    "Ifeoma",
    "Kaveh",
    "Lucía",
    "Darius",
    "Noor",
    "Henrik",
    "Svetlana",
    "Oluwaseun",
    "Akira",
    "Paloma",
    "Radhika",
    "Emeka",
    "Ingrid",
    "Yusuf",
    "Xiaoyu",
    "Benedikt",
    "Amara",
    "Joaquim",
    "Priyanka",
    "Matteo",
    "Thandiwe",
    "Kenji",
    "Zofia",
    "Anand",
    "Leilani",
    "Farid",
]
FAMILY = [
    "Okonkwo-Reyes",
    "Vasquez Lindqvist",
    "Tanabe",
    "Marchetti",
    "Balasubramanian",
    "Kowalczyk",
    "Adeyemi",
    "Haddad",
    "Nakashima",
    "Ferreira",
    "Oyelaran",
    "Rautenbach",
    "Castellanos",
    "Iyer",
    "Lindgren",
    "Mbeki-Thorne",
    "Zhao",
    "Quintero",
    "Abernathy",
    "Sørensen",
    "Chaudhry",
    "Delacroix",
    "Wojcik",
    "Ogunbiyi",
    "Hallström",
    "Prasad",
    "Montague",
    "Esterhuizen",
    "Kuznetsova",
    "Villanueva",
]
MIDDLE = ["", "", "A", "M", "J", "R", "", "K", "E", ""]
EMPLOYERS = [
    "Northfield State University",
    "The Board of Regents of the Calloway Institute of Technology and Applied Sciences",
    "Harrowgate Biomedical Research Foundation Inc",
    "Ostrander Maritime Analytics LLC",
    "Pinebrook Children's Hospital Medical Center Corporation",
    "Quillon Semiconductor Devices Incorporated",
    "Trustees of Ashmere College",
    "Vellacott & Brandt Global Logistics Services, L.P.",
    "Marlow Ridge University Research Corporation",
    "Sundquist Renewable Grid Technologies, Inc.",
]
FIRMS = [
    (
        "Keller Aoyama Immigration Group LLP",
        "Naomi R. Keller",
        "401 Larchmont Avenue Suite 1200",
        "Arden Hills, MN 55112",
    ),
    (
        "Office of International Scholars",
        "Attn: Scholar Services",
        "Northfield State University, 212 Ellery Hall",
        "Northfield, OH 43997",
    ),
    ("Brightwater Mobility Counsel PC", "David Osei-Mensah", "88 Commerce Row Floor 9", "Weston Harbor, MA 02371"),
    (
        "Global Mobility - Immigration Desk",
        "Quillon Semiconductor Devices",
        "5600 Silica Way Mail Stop 14-B",
        "Pelham Grove, TX 78744",
    ),
    ("Ferrante & Ilunga Attorneys at Law", "Teodora Ferrante", "19 Old Quarry Road", "Lakemont, NJ 07931"),
]
OFFICES = {
    "EAC": ("Vermont Service Center", "38 River Glen Street", "Saint Albans, VT 05479-0001"),
    "WAC": ("California Service Center", "24000 Avila Road, 2nd Floor", "Laguna Niguel, CA 92677"),
    "LIN": ("Nebraska Service Center", "850 S Street", "Lincoln, NE 68501-2521"),
    "SRC": ("Texas Service Center", "4141 N St Augustine Rd", "Dallas, TX 75227"),
    "MSC": ("National Benefits Center", "PO Box 648003", "Lee's Summit, MO 64002"),
    "IOE": ("USCIS Electronic Immigration System", "PO Box 648005", "Lee's Summit, MO 64002"),
    "YSC": ("Potomac Service Center", "2200 Potomac Center Dr", "Arlington, VA 20598-2200"),
}
ASCS = [
    ("USCIS Application Support Center", "3412 Brandywine Commons Blvd", "Suite 140", "Gahanna, OH 43230"),
    ("USCIS ASC Westfield", "77 Corliss Landing Way", "Unit 5", "Westfield, NJ 07090"),
    ("USCIS Application Support Center", "1190 Tamarack Plaza Drive", "", "Round Rock, TX 78664"),
    ("Application Support Center - Fremont Hills", "4500 Ardenwood Terrace", "Building C", "Fremont Hills, CA 94539"),
]
FIELD_OFFICES = [
    ("USCIS Columbus Field Office", "650 Harmon Crossing Parkway", "Room 210", "Columbus, OH 43219"),
    ("USCIS Newark Field Office", "970 Raymond Ferry Boulevard", "3rd Floor", "Newark, NJ 07102"),
    ("USCIS San Antonio Field Office", "8940 Four Winds Esplanade", "", "San Antonio, TX 78239"),
]
CASE_TYPES = {
    "I-129": "PETITION FOR A NONIMMIGRANT WORKER",
    "I-907": "REQUEST FOR PREMIUM PROCESSING SERVICE",
    "I-140": "IMMIGRANT PETITION FOR ALIEN WORKER",
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-130": "PETITION FOR ALIEN RELATIVE",
    "I-751": "PETITION TO REMOVE CONDITIONS ON RESIDENCE",
    "I-90": "APPLICATION TO REPLACE PERMANENT RESIDENT CARD",
    "I-129F": "PETITION FOR ALIEN FIANCE(E)",
    "N-400": "APPLICATION FOR NATURALIZATION",
}
FEES_NOW = {
    "I-129": "780.00",
    "I-907": "2805.00",
    "I-140": "715.00",
    "I-485": "1440.00",
    "I-765": "260.00",
    "I-131": "630.00",
    "I-539": "470.00",
    "I-130": "675.00",
    "I-751": "750.00",
    "I-90": "465.00",
    "I-129F": "675.00",
    "N-400": "760.00",
}
FEES_OLD = {
    "I-129": "325.00",
    "I-907": "1225.00",
    "I-140": "580.00",
    "I-485": "985.00",
    "I-765": "380.00",
    "I-131": "360.00",
    "I-539": "290.00",
    "I-130": "420.00",
    "I-751": "505.00",
    "I-90": "365.00",
    "I-129F": "340.00",
    "N-400": "595.00",
}
EMPLOYER_FORMS = ("I-129", "I-140", "I-907")
PERSON_PETITION = ("I-130", "I-129F")
TITLES = {
    "receipt": ["Receipt Notice", "RECEIPT NOTICE", "Notice of Receipt"],
    "approval": ["Approval Notice", "APPROVAL NOTICE", "Petition Approval Notice"],
    "biometrics": [
        "Biometrics Appointment Notice",
        "ASC Appointment Notice",
        "APPLICATION SUPPORT CENTER APPOINTMENT NOTICE",
    ],
    "rfe": ["Request for Evidence", "REQUEST FOR EVIDENCE", "Request for Additional Evidence"],
    "noid": ["Notice of Intent to Deny", "NOTICE OF INTENT TO DENY"],
    "noir": ["Notice of Intent to Revoke", "NOTICE OF INTENT TO REVOKE"],
    "denial": ["Decision", "Notice of Denial", "DENIAL NOTICE"],
    "transfer": ["Transfer Notice", "Notice of Case Transfer", "TRANSFER NOTICE"],
    "rejection": ["Rejection Notice", "NOTICE OF REJECTION"],
    "interview": ["Interview Appointment Notice", "Request for Applicant to Appear for Interview"],
}
TRUTH_TYPE = {"noir": "noid", "interview": None}


def person(rng: random.Random, middle: bool = True) -> str:
    fam = rng.choice(FAMILY).upper()
    given = rng.choice(GIVEN).upper()
    mid = rng.choice(MIDDLE) if middle else ""
    return f"{fam}, {given}" + (f" {mid}" if mid else "")


def a_number(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return "0" + str(rng.randint(30000000, 99999999))
    return str(rng.randint(201000000, 249999999))


def receipt_number(rng: random.Random, office: str, received: dt.date) -> str:
    fy = (received.year + (1 if received.month >= 10 else 0)) % 100
    if office == "IOE":
        return f"IOE{rng.randint(8, 9):02d}{rng.randint(10000000, 99999999)}"
    return f"{office}{fy:02d}{rng.randint(100, 999)}{rng.randint(10000, 99999)}"


def add_days(day: dt.date, n: int) -> dt.date:
    return day + dt.timedelta(days=n)


def weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


# ---------------------------------------------------------------------------------------------
# A notice: its truth and what it prints.


@dataclass
class Notice:
    kind: str  # receipt, approval, biometrics, rfe, noid, noir, denial, transfer, rejection, interview
    form: str
    family: str
    era: str  # "now" or "old"
    receipt: str
    received: dt.date
    notice_date: dt.date
    office: str
    petitioner: str | None = None
    beneficiary: str | None = None
    applicant: str | None = None
    a_num: str | None = None
    priority: dt.date | None = None
    classification: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    response_due: dt.date | None = None
    appointment: dict[str, Any] | None = None  # date, time (dt.time), place (name, street, unit, city)
    i94: str | None = None
    amount: str | None = None
    approval_form: str = ""  # I-797, I-797A, I-797B
    pages: int = 1
    addressee: tuple[str, str, str, str] = FIRMS[0]
    printed: dict[str, list[str]] = field(default_factory=dict)
    page_list: list[int] = field(default_factory=list)

    @property
    def notice_type(self) -> str | None:
        return TRUTH_TYPE.get(self.kind, self.kind)

    def truth(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        prints = self.printed
        out: dict[str, Any] = {
            "pages": list(self.page_list),
            "_family": self.family,
            "_kind": self.kind,
            "notice_type": self.notice_type,
            "form": self.form if "form" in prints else None,
            "receipt_number": self.receipt if "receipt_number" in prints else None,
            "received_date": iso(self.received) if "received_date" in prints else None,
            "notice_date": iso(self.notice_date) if "notice_date" in prints else None,
            "priority_date": iso(self.priority) if "priority_date" in prints else None,
            "petitioner": self.petitioner if "petitioner" in prints else None,
            "beneficiary": self.beneficiary if "beneficiary" in prints else None,
            "applicant": self.applicant if "applicant" in prints else None,
            "a_number": self.a_num if "a_number" in prints else None,
            "classification": self.classification.replace("-", "")
            if self.classification and "classification" in prints
            else None,
            "valid_from": iso(self.valid_from) if "valid_from" in prints else None,
            "valid_to": iso(self.valid_to) if "valid_to" in prints else None,
            "response_due": iso(self.response_due) if "response_due" in prints else None,
            "appointment": None,
            "i94_number": self.i94 if "i94_number" in prints else None,
            "amount": self.amount if "amount" in prints else None,
        }
        if self.appointment and "appointment" in prints:
            ap = self.appointment
            out["appointment"] = {
                "date": ap["date"].isoformat(),
                "time": ap["time"].strftime("%H:%M"),
                "location": ap["place"][1],
            }
        out["_printed"] = {k: list(v) for k, v in sorted(prints.items())}
        return out


def build_notice(
    rng: random.Random,
    kind: str,
    form: str,
    family: str,
    *,
    era: str = "now",
    base: Notice | None = None,
    office: str | None = None,
    cls: str | None = None,
    approval_form: str = "I-797",
    pages: int = 1,
    today: dt.date | None = None,
) -> Notice:
    """A fictional notice of ``kind`` about ``form``; ``base`` shares its case (receipt number, parties)."""
    if era == "old":
        received = dt.date(rng.randint(2007, 2015), rng.randint(1, 12), rng.randint(1, 28))
    else:
        received = today or dt.date(2026, rng.randint(1, 10), rng.randint(1, 28))
    received = weekday(received)
    if base is not None:
        receipt, received, office = base.receipt, base.received, base.office
    else:
        if office is None:
            if form in ("I-485", "I-765", "I-131", "I-90", "N-400", "I-130", "I-129F"):
                office = (
                    rng.choice(["MSC", "IOE", "MSC", "LIN", "EAC"])
                    if era == "now"
                    else rng.choice(["MSC", "LIN", "EAC"])
                )
            else:
                office = rng.choice(["WAC", "EAC", "LIN", "SRC", "WAC"])
        receipt = receipt_number(rng, office, received)
    delay = {
        "receipt": rng.randint(2, 16),
        "rejection": rng.randint(5, 25),
        "transfer": rng.randint(40, 160),
        "biometrics": rng.randint(20, 60),
        "interview": rng.randint(120, 300),
    }.get(kind, rng.randint(30, 190))
    notice_date = weekday(add_days(received, delay))
    n = Notice(
        kind=kind,
        form=form,
        family=family,
        era=era,
        receipt=receipt,
        received=received,
        notice_date=notice_date,
        office=office,
        approval_form=approval_form,
        pages=pages,
        addressee=rng.choice(FIRMS),
    )
    fees = FEES_OLD if era == "old" else FEES_NOW
    core = "I-129" if form == "I-907" else form
    if base is not None:
        n.petitioner, n.beneficiary, n.applicant, n.a_num = (
            base.petitioner,
            base.beneficiary,
            base.applicant,
            base.a_num,
        )
        n.classification, n.priority = base.classification, base.priority
    elif core in EMPLOYER_FORMS:
        n.petitioner = rng.choice(EMPLOYERS)
        n.beneficiary = person(rng)
    elif core in PERSON_PETITION:
        n.petitioner = person(rng)
        n.beneficiary = person(rng)
    elif core == "I-751":
        n.petitioner = person(rng)
        n.a_num = a_number(rng)
    else:
        n.applicant = person(rng)
        n.a_num = a_number(rng)
    if form in ("I-140", "I-130") and n.priority is None:
        n.priority = (
            received if form == "I-130" or rng.random() < 0.5 else weekday(add_days(received, -rng.randint(200, 900)))
        )
    if cls:
        n.classification = cls
    if kind == "receipt":
        n.amount = fees[form]
    if kind == "approval" and core in ("I-129", "I-539"):
        start = weekday(add_days(notice_date, rng.randint(-20, 60)))
        years = 3 if (n.classification or "").startswith(("H", "L")) else 2
        n.valid_from = start
        n.valid_to = add_days(dt.date(start.year + years, start.month, min(start.day, 28)), -1)
        if approval_form == "I-797A":
            n.i94 = str(rng.randint(100000000, 999999999)) + f"{rng.randint(0, 99):02d}"
    if kind in ("rfe", "noid", "noir"):
        n.response_due = add_days(notice_date, 87 if kind == "rfe" else 33)
    if kind in ("biometrics", "interview"):
        place = rng.choice(ASCS if kind == "biometrics" else FIELD_OFFICES)
        day = weekday(add_days(notice_date, rng.randint(14, 40)))
        hour = rng.choice([8, 9, 10, 11, 13, 14, 15]) if kind == "biometrics" else rng.choice([8, 9, 10, 13, 14])
        minute = rng.choice([0, 15, 30, 45, 0])
        n.appointment = {"date": day, "time": dt.time(hour, minute), "place": place}
    return n


# ---------------------------------------------------------------------------------------------
# How values are printed (each family its own way).

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


def fmt_date(day: dt.date, style: str) -> str:
    if style == "us":
        return day.strftime("%m/%d/%Y")
    if style == "long":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "long0":
        return f"{MONTHS[day.month - 1]} {day.day:02d}, {day.year}"
    if style == "abbr":
        return f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}"
    raise ValueError(style)


def fmt_receipt(receipt: str, style: str) -> str:
    if style == "dash" and not receipt.startswith("IOE"):
        return f"{receipt[:3]}-{receipt[3:5]}-{receipt[5:8]}-{receipt[8:]}"
    return receipt


def fmt_a(a_num: str, style: str) -> str:
    core = a_num.lstrip("0") if len(a_num.lstrip("0")) == 8 and style.endswith("8") else a_num
    if style.startswith("spaced") and len(core) == 9:
        return f"A{core[:3]} {core[3:6]} {core[6:]}"
    if style.startswith("dash") and len(core) == 9:
        return f"A-{core[:3]}-{core[3:6]}-{core[6:]}"
    return f"A{core}"


def fmt_time(t: dt.time, style: str) -> str:
    if style == "24":
        return t.strftime("%H:%M")
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def fmt_amount(amount: str, style: str) -> str:
    whole, cents = amount.split(".")
    grouped = f"{int(whole):,}"
    if style == "us":
        return f"${grouped}.{cents} U.S."
    if style == "plain":
        return f"${grouped}.{cents}"
    return f"$ {grouped}.{cents}"


def fmt_i94(i94: str, style: str) -> str:
    return f"{i94[:9]} {i94[9:]}" if style == "split" else i94


@dataclass
class Style:
    date: str = "us"
    receipt: str = "plain"
    a_num: str = "spaced"
    time: str = "12"
    amount: str = "us"
    i94: str = "plain"
    title_i: int = 0
    caps_names: bool = True


def content(n: Notice, st: Style, rng: random.Random) -> dict[str, Any]:
    """What a notice prints, as label-independent facts; records the printed text of each value."""
    pr: dict[str, list[str]] = {}
    d = lambda day: fmt_date(day, st.date)  # noqa: E731
    facts: dict[str, str] = {}
    facts["receipt"] = fmt_receipt(n.receipt, st.receipt)
    pr["receipt_number"] = [facts["receipt"]]
    code = n.form.replace("-", "")
    facts["case_type"] = f"{code} - {CASE_TYPES[n.form]}"
    pr["form"] = [code]
    facts["received"] = d(n.received)
    pr["received_date"] = [facts["received"]]
    facts["notice_date"] = d(n.notice_date)
    pr["notice_date"] = [facts["notice_date"]]
    if n.priority:
        facts["priority"] = d(n.priority)
        pr["priority_date"] = [facts["priority"]]
    for role in ("petitioner", "beneficiary", "applicant"):
        value = getattr(n, role)
        if value:
            facts[role] = value
            pr[role] = [value]
    if n.a_num:
        facts["a_number"] = fmt_a(n.a_num, st.a_num)
        pr["a_number"] = [facts["a_number"]]
    if n.classification and n.kind == "approval":
        facts["class"] = n.classification
        pr["classification"] = [n.classification]
    if n.valid_from and n.valid_to:
        facts["valid_from"], facts["valid_to"] = d(n.valid_from), d(n.valid_to)
        pr["valid_from"], pr["valid_to"] = [facts["valid_from"]], [facts["valid_to"]]
    if n.i94:
        facts["i94"] = fmt_i94(n.i94, st.i94)
        pr["i94_number"] = [facts["i94"]]
    if n.amount:
        facts["amount"] = fmt_amount(n.amount, st.amount)
        pr["amount"] = [facts["amount"]]
    if n.response_due:
        facts["response_due"] = d(n.response_due)
        pr["response_due"] = [facts["response_due"]]
    if n.appointment:
        ap = n.appointment
        facts["ap_date"] = d(ap["date"])
        facts["ap_time"] = fmt_time(ap["time"], st.time)
        name, street, unit, city = ap["place"]
        if unit and rng.random() < 0.5:
            facts["ap_place"] = [name, f"{street}, {unit}", city]
        else:
            facts["ap_place"] = [line for line in (name, street, unit, city) if line]
        pr["appointment"] = [facts["ap_date"], facts["ap_time"], street]
    titles = TITLES[n.kind]
    title = titles[st.title_i % len(titles)]
    pr["notice_type"] = [title]
    return {"facts": facts, "printed": pr, "title": title, "body": body_text(n, facts, rng)}


def body_text(n: Notice, f: dict[str, str], rng: random.Random) -> list[str]:
    """Paragraphs of the notice's body (written for this set; boilerplate names other actions)."""
    form = n.form
    core = "I-129" if form == "I-907" else form
    if n.kind == "receipt" and form == "I-907":
        return [
            f"We received your request for premium processing of the Form {core} shown above and the fee. We will "
            "take an action on the case within the premium processing time frame, counted from the date we received "
            "the request. An action may be an approval notice, a denial notice, a notice of intent to deny or a "
            "request for evidence.",
            "If we issue a request for evidence, the clock starts again when we receive your response. Keep this "
            "notice with your records and bring it if you contact us about the case.",
        ]
    if n.kind == "receipt":
        return [
            "We have received your form and the fee and are processing it. This notice does not grant any "
            "immigration status or benefit, and it is not evidence that the case is still pending.",
            "If we need more information we will send a request for evidence; if the evidence on file does not "
            "establish eligibility we may send a notice of intent to deny. Please notify us right away if your "
            "mailing address changes. You can check your case status online with the receipt number above.",
            "If any information on this notice is wrong, contact us. Biometrics appointments, when needed, are "
            "scheduled separately and you will get a separate notice.",
        ]
    if n.kind == "approval":
        text = [
            "The above petition or application has been approved for the period shown. "
            "Please keep this notice for your records."
        ]
        if n.i94:
            text.append(
                "The bottom part of this notice is a Form I-94, Arrival-Departure Record. It shows the "
                "status and the stay authorized. Any earlier I-94 for this person is no longer valid."
            )
        elif core == "I-129":
            text.append(
                "The beneficiary must apply for a visa abroad or, if visa exempt, present this notice at a "
                "port of entry. This notice is not a visa and cannot be used in place of one."
            )
        text.append(
            "USCIS may revoke an approval if the facts change; before revoking we send a notice of intent "
            "to revoke and consider any response."
        )
        return text
    if n.kind == "biometrics":
        return [
            "To process your application, USCIS must collect your fingerprints, photograph and signature. Please "
            "appear at the Application Support Center below at the date and time shown. Bring this notice and a "
            "photo identity document (passport, driver's license, national ID or military ID).",
            "If you cannot keep this appointment, you may reschedule it online before the date shown. Failure to "
            "appear may result in denial of your application.",
        ]
    if n.kind == "interview":
        return [
            "You are scheduled for an interview about the application shown above. Please come to the office "
            "below at the date and time shown and bring this notice, your passport and every travel document, "
            "and the originals of the documents you filed.",
            "If you do not appear and do not contact us before the interview, your application may be denied as "
            "abandoned. This notice is not a request for evidence.",
        ]
    if n.kind in ("rfe", "noid", "noir"):
        what = {
            "rfe": "The evidence submitted is not sufficient to establish eligibility.",
            "noid": "After review of the record, USCIS intends to deny this case for the reasons below.",
            "noir": "USCIS has received information indicating the approval was granted in error "
            "and intends to revoke it.",
        }[n.kind]
        return [
            what + " You may submit additional evidence as described on the following page(s).",
            f"Your response must be received in this office by {f['response_due']}. Submit all the evidence at "
            "one time, with this notice on top. If you do not respond by the deadline, we will decide the case on "
            "the record as it stands.",
            "Items requested: evidence that the position is offered on the terms stated in the filing; copies of "
            "payroll records for the most recent quarter; the academic credentials evaluation, if any; any other "
            "evidence you wish USCIS to consider.",
        ]
    if n.kind == "denial":
        return [
            "After a thorough review of the record, we regret to inform you that the above case is denied. The "
            "reasons are explained below. The request for evidence we issued earlier was answered, but the "
            "response did not overcome the grounds stated in it.",
            "You may file a motion to reopen or reconsider on Form I-290B within 30 days of this decision (33 days "
            "if it was mailed). A motion must meet the requirements of 8 CFR 103.5.",
        ]
    if n.kind == "transfer":
        return [
            "To speed up processing, we have transferred your case to another USCIS office. The office now handling "
            "your case will send you any further notices. You do not need to do anything now.",
            "Please use the receipt number above whenever you contact us. A transfer does not change the date we "
            "received your case.",
        ]
    if n.kind == "rejection":
        return [
            "Your application or petition is being returned because it cannot be accepted for filing as "
            "submitted. The reasons are checked below. The fee is returned with this notice.",
            "[X] The form was not signed.   [ ] The fee was missing or incorrect.   "
            "[ ] An outdated edition of the form was used.",
            "You may correct the deficiency and file again. "
            "The case will receive a new receipt number when it is accepted.",
        ]
    raise ValueError(n.kind)


# ---------------------------------------------------------------------------------------------
# Families. Each renders notices (one after another, each on its own pages) into one PDF.

HEAD_FORM = {
    "receipt": "I-797C",
    "biometrics": "I-797C",
    "transfer": "I-797C",
    "rejection": "I-797C",
    "interview": "I-797C",
    "rfe": "I-797E",
    "noid": "I-797",
    "noir": "I-797",
    "denial": "I-797",
}


def form_head(n: Notice) -> str:
    return n.approval_form if n.kind == "approval" else HEAD_FORM[n.kind]


def set_printed_lines(pr: dict[str, list[str]], key: str, lines: list[str]) -> None:
    if key in pr:
        pr[key] = list(lines)


_RL_FONTS: set[str] = set()


def rl_fonts(*names: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in names:
        if name not in _RL_FONTS:
            pdfmetrics.registerFont(TTFont(name, font_path(name)))
            _RL_FONTS.add(name)


def rl_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [""]


def render_band(notices: list[Notice], path: Path, rng: random.Random) -> None:
    """Current mailed notice: grey bands of column heads over rows of values (reportlab)."""
    from reportlab.pdfgen import canvas

    sans, bold = rng.choice(
        [
            ("LiberationSans", "LiberationSans-Bold"),
            ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"),
            ("Carlito", "Carlito-Bold"),
        ]
    )
    rl_fonts(sans, bold)
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setTitle("Notice of Action")
    for n in notices:
        st = Style(
            date=rng.choice(["us", "us", "long0"]),
            a_num=rng.choice(["spaced", "plain", "dash8", "spaced8"]),
            amount=rng.choice(["us", "plain"]),
            i94=rng.choice(["plain", "split"]),
            title_i=rng.randint(0, 2),
        )
        cont = content(n, st, rng)
        f, pr = cont["facts"], cont["printed"]
        n.printed = pr
        left, right, y = 42.0, 570.0, 750.0
        c.setFont(bold, 8.5)
        c.drawString(left, y, "Department of Homeland Security")
        c.setFont(sans, 8.5)
        c.drawString(left, y - 11, "U.S. Citizenship and Immigration Services")
        c.setFont(bold, 11)
        c.drawRightString(right, y, f"Form {form_head(n)}, Notice of Action")
        c.setFont(sans, 14)
        c.drawCentredString(306, y - 34, "THE UNITED STATES OF AMERICA")
        y -= 52
        page_text = f"1 of {n.pages}"

        def band(
            cells: list[tuple[str, list[str], float]], y: float, left: float = left, right: float = right
        ) -> float:
            height = 12 + 12 * max(len(v) for _, v, _ in cells) + 4
            x = left
            c.setFillGray(0.82)
            c.rect(left, y - 12, right - left, 12, stroke=0, fill=1)
            c.setFillGray(0)
            c.setLineWidth(0.6)
            c.rect(left, y - height, right - left, height, stroke=1, fill=0)
            for label, values, width in cells:
                c.setFont(bold, 7.5)
                c.drawString(x + 4, y - 9, label)
                c.setFont(sans, 10)
                for k, line in enumerate(values):
                    c.drawString(x + 4, y - 25 - 12 * k, line)
                if x > left:
                    c.line(x, y, x, y - height)
                x += width
            return y - height

        w = right - left
        y = band(
            [
                ("Receipt Number", [f["receipt"]], w * 0.32),
                ("Case Type", rl_wrap(f["case_type"], sans, 10, w * 0.68 - 8), w * 0.68),
            ],
            y,
        )
        row2: list[tuple[str, list[str], float]] = [("Received Date", [f["received"]], w * 0.25)]
        row2.append(("Priority Date", [f.get("priority", "")], w * 0.25))
        row2 += [("Notice Date", [f["notice_date"]], w * 0.25), ("Page", [page_text], w * 0.25)]
        y = band(row2, y)
        half = w / 2 - 8
        if n.applicant:
            lines = ([f["a_number"]] if "a_number" in f else []) + rl_wrap(f["applicant"], sans, 10, half)
            set_printed_lines(pr, "applicant", lines[1:] if "a_number" in f else lines)
            y = band([("Applicant", lines, w)], y)
        else:
            plab = "Petitioner"
            pl = rl_wrap(f["petitioner"], sans, 10, half)
            set_printed_lines(pr, "petitioner", pl)
            cells = [(plab, ([f["a_number"]] if "a_number" in f else []) + pl, w / 2)]
            if "beneficiary" in f:
                bl = rl_wrap(f["beneficiary"], sans, 10, half)
                set_printed_lines(pr, "beneficiary", bl)
                cells.append(("Beneficiary", bl, w / 2))
            y = band(cells, y)
        y -= 16
        c.setFont(bold, 10)
        c.drawString(left, y, f"Notice Type: {cont['title']}")
        if "amount" in f:
            c.setFont(sans, 10)
            c.drawString(left + 300, y, f"Amount received: {f['amount']}")
        if n.kind == "approval":
            y -= 14
            c.setFont(sans, 10)
            line = f"Class: {f.get('class', '')}"
            if "valid_from" in f:
                line += f"      Valid from {f['valid_from']} to {f['valid_to']}"
            c.drawString(left, y, line)
        y -= 26
        c.setFont(sans, 9.5)
        for line in n.addressee:
            c.drawString(left + 6, y, line.upper())
            y -= 12
        y -= 12
        for para in cont["body"]:
            for line in rl_wrap(para, sans, 9.5, w):
                c.drawString(left, y, line)
                y -= 12
            y -= 6
        if n.appointment:
            y -= 4
            c.setLineWidth(1)
            box = 16 + 13 * len(f["ap_place"])
            c.rect(left, y - box, w, box)
            c.setFont(bold, 8)
            c.drawString(
                left + 6, y - 11, "APPLICATION SUPPORT CENTER" if n.kind == "biometrics" else "PLACE OF INTERVIEW"
            )
            c.drawString(left + w / 2 + 6, y - 11, "DATE AND TIME OF APPOINTMENT")
            c.setFont(sans, 10)
            for k, line in enumerate(f["ap_place"]):
                c.drawString(left + 6, y - 25 - 13 * k, line)
            c.drawString(left + w / 2 + 6, y - 25, f["ap_date"])
            c.drawString(left + w / 2 + 6, y - 38, f["ap_time"])
            y -= box + 10
        if n.i94:
            c.setDash(3, 3)
            c.line(left - 20, 150, right + 20, 150)
            c.setDash()
            c.setFont(bold, 8)
            c.drawString(left, 136, "Please tear off the bottom part and keep it with your Form I-94 record.")
            c.rect(left, 40, w, 86)
            c.setFont(bold, 7.5)
            c.drawString(left + 6, 116, "Departure Record")
            c.drawString(left + 6, 100, "I-94 Number")
            c.drawString(left + 200, 100, "Name")
            c.setFont(sans, 11)
            c.drawString(left + 6, 86, f["i94"])
            c.drawString(left + 200, 86, (n.beneficiary or n.applicant or "")[:48])
            c.setFont(sans, 8)
            c.drawString(left + 6, 52, f"Form I-94 (issued with Form {n.approval_form})")
        else:
            c.setFont(sans, 8.5)
            name, street, city = OFFICES[n.office]
            c.drawString(left, 70, f"U.S. Citizenship and Immigration Services, {name}")
            c.drawString(left, 59, f"{street}, {city}")
        c.setFont(sans, 7)
        c.drawString(left, 28, f"Form {form_head(n)} 04/01/24")
        c.showPage()
        if n.pages == 2:
            continuation_rl(c, n, f, sans, bold)
    c.save()


def continuation_rl(c: Any, n: Notice, f: dict[str, str], sans: str, bold: str) -> None:
    c.setFont(bold, 10)
    c.drawString(42, 750, f"Receipt Number: {f['receipt']}")
    c.drawRightString(570, 750, "Page 2 of 2")
    c.setFont(sans, 9.5)
    y = 720.0
    for k, item in enumerate(EVIDENCE_ITEMS, 1):
        for line in rl_wrap(f"{k}. {item}", sans, 9.5, 520):
            c.drawString(50, y, line)
            y -= 12
        y -= 6
    c.showPage()


EVIDENCE_ITEMS = [
    "Evidence that a valid employer-employee relationship exists for the whole period requested, such as an "
    "organisational chart, performance reviews and the supervisor's duties.",
    "A detailed description of the position with the percentage of time spent on each duty and the minimum "
    "education required to perform it.",
    "Copies of the beneficiary's pay statements for the last three months and Forms W-2 for the last two years.",
    "An explanation of any gap in status, with supporting documents.",
    "Any other evidence you wish us to consider. Arrange it in the order of the items above and label each part.",
]


def render_frame(notices: list[Notice], path: Path, rng: random.Random) -> None:
    """Older framed notice (late 2000s to mid 2010s): serif, label and value in one cell (reportlab)."""
    from reportlab.pdfgen import canvas

    serif, bold = rng.choice(
        [("LiberationSerif", "LiberationSerif-Bold"), ("DejaVuSerif", "DejaVuSerif-Bold"), ("Caladea", "Caladea-Bold")]
    )
    rl_fonts(serif, bold)
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    for n in notices:
        st = Style(
            date="long",
            receipt="dash",
            a_num=rng.choice(["plain", "plain8", "spaced"]),
            amount="sp",
            i94="split",
            title_i=rng.choice([0, 1]),
        )
        cont = content(n, st, rng)
        f, pr = cont["facts"], cont["printed"]
        n.printed = pr
        left, right = 40.0, 572.0
        w = right - left
        c.setLineWidth(1.4)
        c.rect(30, 30, 552, 732)
        c.setFont(bold, 13)
        c.drawCentredString(306, 738, "U.S. Department of Homeland Security")
        c.setFont(serif, 10)
        c.drawCentredString(306, 724, "U.S. Citizenship and Immigration Services")
        c.setFont(bold, 12)
        c.drawString(left, 700, cont["title"].upper())
        pr["notice_type"] = [cont["title"].upper()]
        c.setFont(serif, 9)
        c.drawRightString(right, 700, f"{form_head(n)} NOTICE OF ACTION")
        y = 690.0
        c.setLineWidth(0.5)

        def row(cells: list[tuple[str, list[str], float]], y: float, left: float = left, w: float = w) -> float:
            h = 6 + 12 * max(len(v) for _, v, _ in cells) + 4
            x = left
            c.rect(left, y - h, w, h)
            for label, values, cw in cells:
                c.setFont(bold, 7)
                c.drawString(x + 3, y - 13, label.upper())
                lw = c.stringWidth(label.upper(), bold, 7) + 8
                c.setFont(serif, 10)
                for k, line in enumerate(values):
                    c.drawString(x + 3 + lw, y - 13 - 12 * k, line)
                if x > left:
                    c.line(x, y, x, y - h)
                x += cw
            return y - h

        y = row(
            [("Receipt number", [f["receipt"]], w * 0.42), ("Case type", [f["case_type"][:5].strip()], w * 0.58)], y
        )
        y = row(
            [
                ("Received date", [f["received"]], w * 0.34),
                ("Priority date", [f.get("priority", "")], w * 0.33),
                ("Notice date", [f["notice_date"]], w * 0.33),
            ],
            y,
        )
        role = "applicant" if n.applicant else "petitioner"
        name_lines = rl_wrap(f[role], serif, 10, w * (1.0 if role == "applicant" else 0.58) - 90)
        set_printed_lines(pr, role, name_lines)
        cells = [(role.title(), name_lines, w if role == "applicant" else w * 0.58)]
        if "beneficiary" in f:
            bl = rl_wrap(f["beneficiary"], serif, 10, w * 0.42 - 80)
            set_printed_lines(pr, "beneficiary", bl)
            cells.append(("Beneficiary", bl, w * 0.42))
        y = row(cells, y)
        y -= 18
        c.setFont(serif, 10)
        if "a_number" in f:
            c.drawString(left, y, f"A# {f['a_number']}")
            y -= 14
        if "amount" in f:
            c.drawString(left, y, f"Total amount received: {f['amount']}")
            y -= 14
        if n.kind == "approval":
            line = f"Class: {f.get('class', '')}"
            if "valid_from" in f:
                line += f"     Valid from {f['valid_from']} to {f['valid_to']}"
            c.drawString(left, y, line)
            y -= 14
        y -= 14
        for line in n.addressee:
            c.drawString(left + 10, y, line)
            y -= 12
        y -= 14
        c.setFont(serif, 10)
        for para in cont["body"]:
            for line in rl_wrap(para, serif, 10, w):
                c.drawString(left, y, line)
                y -= 12.5
            y -= 5
        if n.appointment:
            c.setFont(bold, 10)
            c.drawString(left, y - 4, f"Appointment: {f['ap_date']} at {f['ap_time']}")
            y -= 18
            c.setFont(serif, 10)
            for line in f["ap_place"]:
                c.drawString(left + 20, y, line)
                y -= 12
        if n.i94:
            c.setDash(2, 2)
            c.line(30, 160, 582, 160)
            c.setDash()
            c.setFont(bold, 9)
            c.drawString(left, 144, "DEPARTURE RECORD")
            c.setFont(serif, 10)
            c.drawString(left, 124, f"I-94#  {f['i94']}")
            c.drawString(left + 230, 124, (n.beneficiary or n.applicant or "")[:44])
            c.setFont(serif, 8)
            c.drawString(left, 104, "Form I-94 (Rev. 04-15-86) N - Departure Number")
        else:
            name, street, city = OFFICES[n.office]
            c.setFont(serif, 9)
            c.drawString(left, 96, name.upper())
            c.drawString(left, 85, street.upper())
            c.drawString(left, 74, city.upper())
        c.setFont(serif, 7)
        c.drawString(left, 40, f"Form {form_head(n)} (Rev. 01/31/05) N")
        c.showPage()
        if n.pages == 2:
            continuation_rl(c, n, f, serif, bold)
    c.save()


def render_sidecol(notices: list[Notice], path: Path, rng: random.Random) -> None:
    """Service-centre letter with a ruled column of case facts on the right (fpdf2, TrueType)."""
    from fpdf import FPDF

    reg, bold = rng.choice(
        [("LiberationSans", "LiberationSans-Bold"), ("Carlito", "Carlito-Bold"), ("DejaVuSans", "DejaVuSans-Bold")]
    )
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_producer("PyFPDF/fpdf2")
    pdf.set_creator("USCIS Notice Print")
    pdf.set_creation_date(dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    pdf.set_auto_page_break(False)
    pdf.add_font("R", "", font_path(reg))
    pdf.add_font("R", "B", font_path(bold))
    for n in notices:
        st = Style(
            date=rng.choice(["long", "long", "us"]),
            a_num=rng.choice(["dash", "plain", "spaced"]),
            amount="plain",
            title_i=rng.randint(0, 2),
        )
        cont = content(n, st, rng)
        f, pr = cont["facts"], cont["printed"]
        n.printed = pr
        pdf.add_page()
        name, street, city = OFFICES[n.office]
        pdf.set_font("R", "B", 10)
        pdf.set_xy(40, 40)
        pdf.cell(300, 12, "U.S. Department of Homeland Security")
        pdf.set_font("R", "", 9)
        for k, line in enumerate(["U.S. Citizenship and Immigration Services", name, street, city]):
            pdf.set_xy(40, 54 + 11 * k)
            pdf.cell(300, 11, line)
        # the column of facts
        cx, cw = 410.0, 165.0
        pdf.set_draw_color(90, 90, 90)
        pdf.set_fill_color(238, 238, 238)
        pdf.rect(cx - 6, 40, cw + 10, 14, style="F")
        pdf.set_font("R", "B", 8.5)
        pdf.set_xy(cx, 42)
        pdf.cell(cw, 10, f"Form {form_head(n)}  -  Case Information")
        y = 62.0
        items: list[tuple[str, str, str | None]] = [
            ("Receipt Number", f["receipt"], None),
            ("Form", n.form, None),
            ("Date Received", f["received"], None),
            ("Date of Notice", f["notice_date"], None),
        ]
        pr["form"] = [items[1][1]]
        if "priority" in f:
            items.append(("Priority Date", f["priority"], None))
        for role, label in (("petitioner", "Petitioner"), ("beneficiary", "Beneficiary"), ("applicant", "Applicant")):
            if role in f:
                items.append((label, f[role], role))
        if "a_number" in f:
            items.append(("A-Number", f["a_number"], None))
        if "response_due" in f and rng.random() < 0.6:
            items.append(("Response Due", f["response_due"], None))
        for label, value, role in items:
            pdf.set_font("R", "B", 7.5)
            pdf.set_text_color(80, 80, 80)
            pdf.set_xy(cx, y)
            pdf.cell(cw, 9, label)
            pdf.set_text_color(0, 0, 0)
            pdf.set_font("R", "", 9.5)
            lines = pdf.multi_cell(cw, 11, value, dry_run=True, output="LINES")
            if role:
                set_printed_lines(pr, role, [ln.strip() for ln in lines])
            for k, line in enumerate(lines):
                pdf.set_xy(cx, y + 10 + 11 * k)
                pdf.cell(cw, 11, line)
            y += 10 + 11 * len(lines) + 6
            pdf.line(cx - 6, y - 3, cx + cw + 4, y - 3)
        # the letter
        y = 130.0
        pdf.set_font("R", "", 9.5)
        for line in n.addressee:
            pdf.set_xy(40, y)
            pdf.cell(330, 11, line)
            y += 11
        y += 22
        pdf.set_font("R", "B", 13)
        pdf.set_xy(40, y)
        pdf.cell(340, 15, cont["title"])
        y += 26
        pdf.set_font("R", "", 9.5)
        body = list(cont["body"])
        if n.kind == "approval" and "class" in f:
            extra = f"Classification: {f['class']}."
            if "valid_from" in f:
                extra += f" Validity: {f['valid_from']} through {f['valid_to']}."
            body.insert(0, extra)
        if "amount" in f:
            body.insert(0, f"Fee received: {f['amount']}")
        for para in body:
            pdf.set_xy(40, y)
            lines = pdf.multi_cell(350, 12, para, dry_run=True, output="LINES")
            for line in lines:
                pdf.set_xy(40, y)
                pdf.cell(350, 12, line)
                y += 12
            y += 7
        if n.appointment:
            pdf.set_font("R", "B", 9.5)
            pdf.set_xy(40, y)
            pdf.cell(350, 12, "Please appear on:")
            y += 13
            pdf.set_font("R", "", 9.5)
            for line in [f"{f['ap_date']}, {f['ap_time']}", *f["ap_place"]]:
                pdf.set_xy(60, y)
                pdf.cell(330, 12, line)
                y += 12
        pdf.set_font("R", "", 8)
        pdf.set_xy(40, 740)
        pdf.cell(500, 10, "www.uscis.gov")
        pdf.set_xy(40, 752)
        pdf.cell(500, 10, f"Form {form_head(n)} (Rev. 08/01/23)   Page 1 of {n.pages}")
        if n.pages == 2:
            pdf.add_page()
            pdf.set_font("R", "B", 10)
            pdf.set_xy(40, 40)
            pdf.cell(300, 12, f"{cont['title']} - {f['receipt']}")
            pdf.set_xy(450, 40)
            pdf.cell(120, 12, "Page 2 of 2", align="R")
            pdf.set_font("R", "", 9.5)
            y = 70
            for k, item in enumerate(EVIDENCE_ITEMS, 1):
                for line in pdf.multi_cell(520, 12, f"{k}. {item}", dry_run=True, output="LINES"):
                    pdf.set_xy(46, y)
                    pdf.cell(520, 12, line)
                    y += 12
                y += 6
    pdf.output(str(path))


def html_portal(notices: list[Notice], rng: random.Random) -> str:
    """A notice as a G-28 representative downloads it from the online account (chromium prints the HTML)."""
    font = rng.choice(["Liberation Sans", "DejaVu Sans", "Carlito"])
    rep = rng.choice(["N. Keller", "D. Osei-Mensah", "T. Ferrante", "R. Ibarra-Lund"])
    parts = []
    for i, n in enumerate(notices):
        st = Style(
            date=rng.choice(["abbr", "long", "us"]),
            a_num=rng.choice(["plain", "spaced", "dash"]),
            amount=rng.choice(["plain", "us"]),
            title_i=rng.randint(0, 2),
            time=rng.choice(["12", "12", "24"]),
        )
        cont = content(n, st, rng)
        f, pr = cont["facts"], cont["printed"]
        n.printed = pr
        e = html.escape
        rows = [
            ("Receipt number", f["receipt"], "Form", n.form),
            ("Received", f["received"], "Notice date", f["notice_date"]),
        ]
        pr["form"] = [n.form]
        if "priority" in f or "amount" in f:
            rows.append(("Priority date", f.get("priority", "&nbsp;"), "Fee paid", f.get("amount", "&nbsp;")))
        if n.kind == "approval" and "class" in f:
            rows.append(
                (
                    "Classification",
                    f["class"],
                    "Valid",
                    f"{f['valid_from']} to {f['valid_to']}" if "valid_from" in f else "&nbsp;",
                )
            )
        if "i94" in f:
            rows.append(("I-94 number", f["i94"], "&nbsp;", "&nbsp;"))
        if "response_due" in f:
            rows.append(("Response due", f["response_due"], "&nbsp;", "&nbsp;"))

        def cell(v: str) -> str:
            return v if v.startswith("&") else html.escape(v)

        grid = "".join(f"<tr><th>{a}</th><td>{cell(b)}</td><th>{c}</th><td>{cell(d)}</td></tr>" for a, b, c, d in rows)
        people = ""
        for role, label in (("petitioner", "Petitioner"), ("beneficiary", "Beneficiary"), ("applicant", "Applicant")):
            if role in f:
                people += f"<tr><th>{label}</th><td class=name colspan=3>{e(f[role])}</td></tr>"
        if "a_number" in f:
            people += f"<tr><th>A-Number</th><td colspan=3>{e(f['a_number'])}</td></tr>"
        appt = ""
        if n.appointment:
            place = "<br>".join(e(x) for x in f["ap_place"])
            appt = (
                f"<div class=appt><div><b>Appointment date and time</b><br>{e(f['ap_date'])}<br>{e(f['ap_time'])}</div>"
                f"<div><b>Location</b><br>{place}</div></div>"
            )
        body = "".join(f"<p>{e(p)}</p>" for p in cont["body"])
        year = n.notice_date.year + (1 if n.notice_date.month == 12 else 0)
        fetched = f"{MONTHS[(n.notice_date.month + 1) % 12][:3]} {rng.randint(1, 28)}, {year}"
        office = " &middot; ".join(e(x) for x in OFFICES[n.office])
        more = ""
        if n.pages == 2:
            items = "".join(f"<li>{e(x)}</li>" for x in EVIDENCE_ITEMS)
            more = (
                f"<section class=page><div class=top>Receipt number {e(f['receipt'])} &middot; page 2 of 2</div>"
                f"<ol>{items}</ol></section>"
            )
        doc_no = 1000 + rng.randint(0, 8999)
        parts.append(f"""<section class=page>
<div class=bar>USCIS online account &middot; Legal representative view &middot; Document {doc_no}-{i + 1}</div>
<div class=meta>Downloaded by {rep} (Form G-28 on file) on {fetched}</div>
<h1>Form {form_head(n)}, Notice of Action</h1>
<h2>{e(cont["title"])}</h2>
<table class=kv>{grid}{people}</table>
{appt}
<div class=body>{body}</div>
<div class=foot>{office}</div>
</section>{more}""")
    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: Letter; margin: 0.5in; }}
body {{ font-family: '{font}'; font-size: 10pt; margin: 0; font-variant-ligatures: none; }}
.page {{ page-break-after: always; position: relative; height: 9.9in; }}
.bar {{ background: #1f3b5c; color: white; padding: 5px 8px; font-size: 8.5pt; }}
.meta {{ font-size: 8pt; color: #555; margin: 3px 0 14px 0; }}
h1 {{ font-size: 14pt; margin: 0; }} h2 {{ font-size: 12pt; margin: 4px 0 12px 0; color: #1f3b5c; }}
table.kv {{ border-collapse: collapse; width: 100%; margin-bottom: 12px; }}
table.kv th {{ text-align: left; background: #eef2f6; font-size: 8.5pt; width: 18%; padding: 4px 6px;
  border: 1px solid #c8d0da; }}
table.kv td {{ padding: 4px 6px; border: 1px solid #c8d0da; width: 32%; white-space: nowrap; }}
table.kv td.name {{ white-space: normal; }}
.appt {{ display: flex; gap: 30px; border: 1.5px solid #333; padding: 8px; margin: 8px 0; }}
.body p {{ margin: 0 0 7px 0; }}
.top {{ font-weight: bold; margin-bottom: 10px; }}
.foot {{ position: absolute; bottom: 0; font-size: 8pt; color: #444; }}
</style></head><body>{"".join(parts)}</body></html>"""


def docx_memo(notices: list[Notice], path: Path, rng: random.Random) -> None:
    """A notice as a word processor lays it out: tab-aligned labels, an appointment table (LibreOffice prints it)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Inches, Pt

    font = rng.choice(["Liberation Serif", "Caladea", "Liberation Sans", "Carlito"])
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.left_margin = sec.right_margin = Inches(0.9)
    sec.top_margin = sec.bottom_margin = Inches(0.7)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(3)

    def para(text: str = "", bold: bool = False, size: float | None = None, tab: bool = False) -> Any:
        p = doc.add_paragraph()
        if tab:
            p.paragraph_format.tab_stops.add_tab_stop(Inches(1.9))
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return p

    for idx, n in enumerate(notices):
        st = Style(
            date=rng.choice(["long0", "us", "long"]),
            a_num=rng.choice(["spaced", "plain", "plain8"]),
            amount=rng.choice(["us", "plain", "sp"]),
            title_i=rng.randint(0, 2),
        )
        cont = content(n, st, rng)
        f, pr = cont["facts"], cont["printed"]
        n.printed = pr
        p = para("U.S. Citizenship and Immigration Services", bold=True, size=11)
        if idx:
            p.paragraph_format.page_break_before = True
        para(f"Form {form_head(n)}, Notice of Action", size=9)
        para(cont["title"], bold=True, size=15)
        lines = [
            ("Receipt #:", f["receipt"]),
            ("Case type:", f["case_type"].title().replace("I", "I", 1)),
            ("Date received:", f["received"]),
            ("Notice date:", f["notice_date"]),
        ]
        pr["form"] = [f["case_type"].split(" - ")[0]]
        if "priority" in f:
            lines.append(("Priority date:", f["priority"]))
        for role, label in (
            ("petitioner", "Petitioner:"),
            ("beneficiary", "Beneficiary:"),
            ("applicant", "Applicant:"),
        ):
            if role in f:
                lines.append((label, f[role]))
        if "a_number" in f:
            lines.append(("A#:", f["a_number"]))
        if "amount" in f:
            lines.append(("Fee:", f["amount"]))
        if n.kind == "approval" and "class" in f:
            lines.append(("Class:", f["class"]))
            if "valid_from" in f:
                lines.append(("Valid from:", f"{f['valid_from']}   until: {f['valid_to']}"))
        for label, value in lines:
            para(f"{label}\t{value}", tab=True)
        para()
        for line in n.addressee:
            p = para(line)
            p.paragraph_format.space_after = Pt(0)
        para()
        for text in cont["body"]:
            para(text)
        if n.appointment:
            table = doc.add_table(rows=2, cols=2)
            table.style = "Table Grid"
            table.cell(0, 0).text = "Date and time"
            table.cell(0, 1).text = "Location"
            table.cell(1, 0).text = f"{f['ap_date']}\n{f['ap_time']}"
            table.cell(1, 1).text = "\n".join(f["ap_place"])
        para()
        name, street, city = OFFICES[n.office]
        para(f"{name}, {street}, {city}", size=8.5)
        if n.pages == 2:
            p = para(f"Receipt #: {f['receipt']}        Page 2 of 2", bold=True)
            p.paragraph_format.page_break_before = True
            for k, item in enumerate(EVIDENCE_ITEMS, 1):
                para(f"{k}. {item}")
    _ = WD_BREAK
    doc.core_properties.created = dt.datetime(2026, 11, 1)
    doc.core_properties.modified = dt.datetime(2026, 11, 1)
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# Things that are not notices (they quote notices), and vendor pages.


def html_isss_mail(rng: random.Random, quoted: Notice) -> str:
    rcpt = quoted.receipt
    name = (quoted.beneficiary or quoted.applicant or "").split(",")[0].title()
    until = fmt_date(add_days(quoted.notice_date, 3 * 365), "long")
    sent = fmt_date(add_days(quoted.notice_date, 6), "abbr")
    return f"""<!doctype html><html><head><meta charset=utf-8><style>
@page {{ size: Letter; margin: 0.6in; }}
body {{ font-family: 'Liberation Sans'; font-size: 10.5pt; font-variant-ligatures: none; }}
.h td {{ padding: 1px 8px 1px 0; font-size: 9.5pt; }} hr {{ border: 0; border-top: 1px solid #999; }}
</style></head><body>
<div style="font-size:8pt;color:#666">Northfield State University Mail - H-1B extension: approval received</div><hr>
<table class=h><tr><td><b>From:</b></td>
<td>Office of International Scholars &lt;oiss@northfield-state.example.edu&gt;</td></tr>
<tr><td><b>To:</b></td><td>Dr. {html.escape(name)}</td></tr>
<tr><td><b>Date:</b></td><td>{sent}, 9:14 AM</td></tr>
<tr><td><b>Subject:</b></td><td>H-1B extension: approval received</td></tr></table><hr>
<p>Dear Dr. {html.escape(name)},</p>
<p>Good news: we received the Form I-797A, Notice of Action for your H-1B extension (receipt number {rcpt}) in
today's mail. The approval is valid until {until}. The original notice is in your file at our office; a copy is
attached. Please keep the I-94 part with your passport.</p>
<p>If you plan to travel, book an appointment with us first. If you receive a request for evidence or any other
notice directly, forward it to us right away.</p>
<p>Kind regards,<br>Scholar Services Team<br>Office of International Scholars</p>
</body></html>"""


def render_ticket_summary(path: Path, rng: random.Random, quoted: list[Notice]) -> None:
    """An HR ticketing system's case summary listing notices (not a notice)."""
    from reportlab.pdfgen import canvas

    rl_fonts("LiberationSans", "LiberationSans-Bold")
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("LiberationSans-Bold", 13)
    c.drawString(40, 750, f"Case IMM-{rng.randint(1000, 9999)}  -  Immigration documents received")
    c.setFont("LiberationSans", 9)
    c.drawString(40, 734, "Global Mobility Service Desk   |   Status: Waiting on employee   |   Priority: P3")
    y = 700.0
    c.setFont("LiberationSans-Bold", 9)
    for x, head in ((40, "Received"), (110, "Document"), (250, "Receipt no."), (360, "Summary")):
        c.drawString(x, y, head)
    c.setFont("LiberationSans", 9)
    for n in quoted:
        y -= 16
        c.drawString(40, y, fmt_date(add_days(n.notice_date, 4), "us"))
        c.drawString(110, y, f"I-797 ({TITLES[n.kind][0]})")
        c.drawString(250, y, n.receipt)
        c.drawString(360, y, f"{n.form}, noted {fmt_date(n.notice_date, 'us')}")
    y -= 30
    for line in [
        "Agent note: originals scanned by the mail vendor and attached to this ticket. Employee asked to",
        "confirm travel plans before the approval arrives. No request for evidence received so far.",
        "Next review: when the approval notice arrives, update the expiry tracker.",
    ]:
        c.drawString(40, y, line)
        y -= 13
    c.showPage()
    c.save()


def render_cover_letter(path: Path, rng: random.Random, quoted: Notice) -> None:
    """An attorney's cover letter to a client that quotes an approval notice (not a notice)."""
    from reportlab.pdfgen import canvas

    rl_fonts("LiberationSerif", "LiberationSerif-Bold")
    firm = FIRMS[2]
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("LiberationSerif-Bold", 14)
    c.drawString(60, 740, firm[0])
    c.setFont("LiberationSerif", 9.5)
    c.drawString(60, 726, f"{firm[2]}, {firm[3]}")
    c.setFont("LiberationSerif", 11)
    y = 680.0
    lines = [
        fmt_date(add_days(quoted.notice_date, 9), "long"),
        "",
        "PRIVILEGED AND CONFIDENTIAL",
        "",
        quoted.petitioner or "",
        "Attn: Human Resources",
        "",
        f"Re: Form I-797, Notice of Action - {quoted.form} approval, receipt {quoted.receipt}",
        "",
        "Dear Client:",
        "",
        "Enclosed is the original Form I-797, Notice of Action approving the petition referenced above. Please",
        "keep it with the employee's immigration records and give a copy to the employee, who will need it for",
        "visa stamping. We will calendar the expiry date and contact you six months before it to discuss an",
        "extension. If USCIS sends a notice of intent to revoke or any other notice, send it to us at once.",
        "",
        "Sincerely,",
        "",
        firm[1],
        "Enclosure: Form I-797 (original)",
    ]
    for line in lines:
        c.drawString(60, y, line)
        y -= 15
    c.showPage()
    c.save()


def vendor_cover(rng: random.Random, dpi: int, client: str, mail_id: str, when: str) -> Image.Image:
    w, h = int(8.5 * dpi), int(11 * dpi)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(font_path("DejaVuSans-Bold"), int(dpi * 0.32))
    mid = ImageFont.truetype(font_path("DejaVuSans"), int(dpi * 0.15))
    d.text((w // 2, int(h * 0.12)), "DOCUMENT SEPARATOR", font=big, fill=0, anchor="mm")
    x = int(w * 0.15)
    bits = np_rng(rng).integers(0, 2, 90)
    for b in bits:
        bw = int(dpi * (0.03 if b else 0.015))
        d.rectangle([x, int(h * 0.2), x + bw, int(h * 0.3)], fill=0)
        x += bw + int(dpi * 0.02)
    for k, line in enumerate(
        [
            f"Client: {client}",
            f"Mail item: {mail_id}",
            f"Scanned: {when}",
            "Scanned by MailVault Document Services",
            "Do not remove - page is not part of the item",
        ]
    ):
        d.text((int(w * 0.15), int(h * 0.38) + k * int(dpi * 0.3)), line, font=mid, fill=0)
    return img


def envelope_page(rng: random.Random, dpi: int, to: tuple[str, str, str, str], postmark: str) -> Image.Image:
    w, h = int(8.5 * dpi), int(11 * dpi)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    ew, eh = int(9.5 * dpi * 0.85), int(4.125 * dpi * 0.85)
    x0, y0 = (w - ew) // 2, int(h * 0.3)
    d.rectangle([x0, y0, x0 + ew, y0 + eh], outline=60, width=max(2, dpi // 100), fill=232)
    f = ImageFont.truetype(font_path("LiberationSans"), int(dpi * 0.1))
    fb = ImageFont.truetype(font_path("LiberationSans-Bold"), int(dpi * 0.1))
    d.text((x0 + 30, y0 + 30), "U.S. Department of Homeland Security", font=fb, fill=20)
    d.text((x0 + 30, y0 + 30 + int(dpi * 0.14)), "U.S. Citizenship and Immigration Services", font=f, fill=20)
    d.text((x0 + 30, y0 + 30 + int(dpi * 0.28)), "OFFICIAL BUSINESS - Penalty for Private Use, $300", font=f, fill=20)
    d.text((x0 + ew - int(dpi * 1.9), y0 + 30), f"PRESORTED FIRST-CLASS  {postmark}", font=f, fill=40)
    for k, line in enumerate(to):
        d.text((x0 + int(ew * 0.35), y0 + int(eh * 0.5) + k * int(dpi * 0.14)), line.upper(), font=f, fill=10)
    return img


# ---------------------------------------------------------------------------------------------
# Scanning, faxing, photographing.


def raster(pdf_path: Path, index: int, dpi: int) -> Image.Image:
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        page = doc[index]
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        doc.close()
    return img


def stamp(img: Image.Image, dpi: int, text: str) -> Image.Image:
    img = img.copy()
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(font_path("LiberationMono"), max(8, int(dpi * 0.085)))
    d.text((int(dpi * 0.3), int(dpi * 0.1)), text, font=f, fill=70)
    return img


def received_stamp(img: Image.Image, dpi: int, rng: random.Random, when: dt.date) -> Image.Image:
    """The office's date stamp in the lower right (rubber stamp ink, a little askew), over whatever is there."""
    w, h = int(dpi * 2.6), int(dpi * 0.95)
    mark = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(mark)
    big = ImageFont.truetype(font_path("DejaVuSerif-Bold"), int(dpi * 0.2))
    small = ImageFont.truetype(font_path("DejaVuSans-Bold"), int(dpi * 0.1))
    d.rectangle([2, 2, w - 3, h - 3], outline=0, width=max(2, dpi // 60))
    d.text((w // 2, int(h * 0.22)), "RECEIVED", font=big, fill=0, anchor="mm")
    d.text((w // 2, int(h * 0.52)), when.strftime("%b %d %Y").upper(), font=big, fill=0, anchor="mm")
    d.text((w // 2, int(h * 0.8)), "OFFICE OF INTERNATIONAL SCHOLARS", font=small, fill=0, anchor="mm")
    mark = mark.rotate(rng.uniform(-6, 6), expand=True, fillcolor=255)
    ink = Image.new("L", mark.size, 110)
    out = img.copy()
    x, y = img.width - mark.width - int(dpi * 0.6), int(img.height * 0.78)
    region = out.crop((x, y, x + mark.width, y + mark.height))
    inked = Image.fromarray(np.minimum(np.asarray(region), np.asarray(ink)))
    region = Image.composite(inked, region, ImageOps.invert(mark))
    out.paste(region, (x, y))
    return out


def staple(img: Image.Image, dpi: int) -> Image.Image:
    """A staple in the top left corner (the batch was stapled before it was scanned)."""
    img = img.copy()
    d = ImageDraw.Draw(img)
    x, y = int(dpi * 0.35), int(dpi * 0.3)
    d.line([x, y + int(dpi * 0.35), x + int(dpi * 0.35), y], fill=40, width=max(3, dpi // 40))
    d.ellipse([x - 6, y + int(dpi * 0.35) - 6, x + 6, y + int(dpi * 0.35) + 6], fill=90)
    return img


def degrade(
    img: Image.Image,
    rng: random.Random,
    *,
    skew: float = 0.8,
    blur: float = 0.6,
    noise: float = 6.0,
    tone: int = 236,
    specks: int = 40,
    lamp: float = 0.06,
) -> Image.Image:
    g = np_rng(rng)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img, dtype=np.float32) / 255.0
    a = a * (tone / 255.0) + (1 - a) * 0.12
    h, w = a.shape
    ramp = np.linspace(-lamp, lamp, w, dtype=np.float32)[None, :]
    a = np.clip(a * (1 - np.abs(ramp)) * 255 + g.normal(0, noise, a.shape).astype(np.float32), 0, 255)
    out = Image.fromarray(a.astype(np.uint8), "L")
    d = ImageDraw.Draw(out)
    for _ in range(specks):
        x, y, r = g.integers(0, w), g.integers(0, h), g.integers(1, 4)
        d.ellipse([x, y, x + r, y + r], fill=int(g.integers(20, 90)))
    angle = rng.uniform(-skew, skew)
    return out.rotate(angle, resample=Image.BICUBIC, fillcolor=tone)


def to_fax(img: Image.Image, dpi: int, fine: bool) -> tuple[Image.Image, tuple[int, int]]:
    w, h = img.size
    xdpi, ydpi = 204, (196 if fine else 98)
    small = img.resize((int(w * xdpi / dpi), int(h * ydpi / dpi)), Image.BILINEAR)
    return small.point(lambda v: 255 if v > 150 else 0).convert("1"), (xdpi, ydpi)


def jpeg_bytes(img: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=False)
    return buf.getvalue()


def g4_bytes(img: Image.Image, dpi: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "TIFF", compression="group4", dpi=dpi)
    return buf.getvalue()


def perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array([c for pair in src for c in pair], dtype=np.float64)
    return [float(v) for v in np.linalg.solve(a, b)]


def photograph(page: Image.Image, rng: random.Random, size: tuple[int, int] = (1500, 2000)) -> Image.Image:
    """A phone photo of the sheet lying on a desk: angle, warm uneven light, vignette, noise."""
    g = np_rng(rng)
    W, H = size
    wood = np.zeros((H, W, 3), dtype=np.float32)
    base = np.array(rng.choice([(120, 84, 52), (150, 118, 80), (96, 90, 86), (176, 160, 140)]), dtype=np.float32)
    grain = np.sin(np.linspace(0, 60, H)[:, None] + g.normal(0, 0.3, (1, W))) * 10
    wood[:] = base + grain[..., None]
    desk = Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8), "RGB")
    sheet = page.convert("RGB")
    pw, ph = sheet.size
    m = 0.07
    corners = [
        (W * (m + rng.uniform(0, 0.05)), H * (m + rng.uniform(0, 0.04))),
        (W * (1 - m - rng.uniform(0, 0.05)), H * (m + rng.uniform(0, 0.06))),
        (W * (1 - m - rng.uniform(0, 0.03)), H * (1 - m - rng.uniform(0, 0.03))),
        (W * (m + rng.uniform(0, 0.03)), H * (1 - m - rng.uniform(0, 0.05))),
    ]
    coeffs = perspective_coeffs(corners, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    warped = sheet.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", (pw, ph), 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=0)
    desk.paste(warped, (0, 0), mask)
    a = np.asarray(desk, dtype=np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = W * rng.uniform(0.3, 0.7), H * rng.uniform(0.2, 0.5)
    light = 1.05 - 0.45 * (((xx - cx) / W) ** 2 + ((yy - cy) / H) ** 2)
    a = a * light[..., None] * np.array([1.04, 0.98, 0.86], dtype=np.float32)
    a = a + g.normal(0, 4, a.shape).astype(np.float32)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))


def pdftotext_words(pdf: Path, index: int) -> list[tuple[float, float, float, float, str]]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(index + 1), "-l", str(index + 1), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', out):
        words.append((float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5])))
    return words


OCR_SWAPS = {
    "0": "O",
    "O": "0",
    "1": "l",
    "l": "1",
    "5": "S",
    "S": "5",
    "8": "B",
    "B": "8",
    "I": "l",
    "e": "c",
    "rn": "m",
    "m": "rn",
    "/": "l",
    ",": ".",
    "-": "~",
}


def ocr_noise(word: str, rng: random.Random, rate: float) -> str:
    if rng.random() >= rate:
        return word
    spots = [k for k in OCR_SWAPS if k in word]
    if not spots:
        return word
    key = rng.choice(spots)
    at = word.find(key)
    return word[:at] + OCR_SWAPS[key] + word[at + len(key) :]


def ocr_layer_page(
    img_jpeg: bytes, words: list[tuple[float, float, float, float, str]], rng: random.Random, rate: float
) -> bytes:
    """A vendor's searchable scan: the JPEG page and an invisible, imperfect OCR text layer."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rl_fonts("LiberationSans")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792), invariant=1)
    c.setProducer("MailVault Capture 7.2 (OCR)")
    c.drawImage(ImageReader(io.BytesIO(img_jpeg)), 0, 0, 612, 792)
    for x0, y0, x1, y1, text in words:
        if rng.random() < 0.01:
            continue
        size = max(4.0, (y1 - y0) * 0.9)
        t = c.beginText()
        t.setTextRenderMode(3)
        t.setFont("LiberationSans", size)
        width = c.stringWidth(text, "LiberationSans", size) or 1
        t.setHorizScale(max(50.0, min(200.0, 100 * (x1 - x0) / width)))
        t.setTextOrigin(x0 + rng.uniform(-0.6, 0.6), 792 - y1 + size * 0.2)
        t.textOut(ocr_noise(text, rng, rate))
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The catalogue: what each file holds and how it reaches the mailroom.

PRODUCER = {"band": "reportlab", "frame": "reportlab", "sidecol": "fpdf2", "portal": "chromium", "memo": "libreoffice"}


@dataclass
class Seg:
    """Part of a file: notices of one family (rendered together), a non-notice, or a vendor page."""

    kind: str  # notices, other, cover, envelope
    how: str = "text"  # text, scan, ocr, fax, photo, image
    family: str = ""
    notices: list[Notice] = field(default_factory=list)
    other: str = ""
    quoted: list[Notice] = field(default_factory=list)
    opts: dict[str, Any] = field(default_factory=dict)
    src: Path | None = None


@dataclass
class FileSpec:
    name: str
    medium: str
    fmt: str
    effect: str
    label: str
    segs: list[Seg]
    dpi: int | None = None
    twoup: bool = False


def catalogue(seed: int) -> list[FileSpec]:
    files: list[FileSpec] = []
    today = dt.date(2026, 11, 2)

    def rng_for(name: str) -> random.Random:
        return sub_rng(seed, "file", name)

    def recent(rng: random.Random, back: int = 240) -> dt.date:
        return weekday(add_days(today, -rng.randint(20, back)))

    def one(
        name: str,
        medium: str,
        fmt: str,
        effect: str,
        label: str,
        family: str,
        kind: str,
        form: str,
        how: str = "text",
        dpi: int | None = None,
        **kw: Any,
    ) -> None:
        rng = rng_for(name)
        opts = kw.pop("opts", {})
        era = kw.pop("era", "old" if family == "frame" else "now")
        n = build_notice(rng, kind, form, family, era=era, today=None if era == "old" else recent(rng), **kw)
        files.append(FileSpec(name, medium, fmt, effect, label, [Seg("notices", how, family, [n], opts=opts)], dpi))

    # text PDFs: downloaded from the online account, printed to PDF by the firm, forwarded by HR
    one("d01.pdf", "text-pdf", "pdf", "", "receipt I-129 H-1B (band)", "band", "receipt", "I-129", cls="H-1B")
    one("d02.pdf", "text-pdf", "pdf", "", "premium processing receipt (band)", "band", "receipt", "I-907")
    one(
        "d03.pdf",
        "text-pdf",
        "pdf",
        "",
        "I-797A approval with I-94 (band)",
        "band",
        "approval",
        "I-129",
        cls="H-1B",
        approval_form="I-797A",
    )
    one("d04.pdf", "text-pdf", "pdf", "", "biometrics I-485 (band)", "band", "biometrics", "I-485")
    one("d05.pdf", "text-pdf", "pdf", "", "receipt I-485 (band)", "band", "receipt", "I-485")
    one("d06.pdf", "text-pdf", "pdf", "", "two-page RFE I-129 (sidecol)", "sidecol", "rfe", "I-129", pages=2)
    one("d07.pdf", "text-pdf", "pdf", "", "NOID I-140 (sidecol)", "sidecol", "noid", "I-140")
    one("d08.pdf", "text-pdf", "pdf", "", "transfer I-485 (sidecol)", "sidecol", "transfer", "I-485")
    one("d09.pdf", "text-pdf", "pdf", "", "interview I-485 (sidecol)", "sidecol", "interview", "I-485")
    one("d10.pdf", "text-pdf", "pdf", "", "denial I-539 (sidecol)", "sidecol", "denial", "I-539")
    one("d11.pdf", "text-pdf", "pdf", "", "receipt I-140 (portal download)", "portal", "receipt", "I-140")
    one(
        "d12.pdf",
        "text-pdf",
        "pdf",
        "",
        "approval I-140 E12 (portal download)",
        "portal",
        "approval",
        "I-140",
        cls="E12",
    )
    one("d13.pdf", "text-pdf", "pdf", "", "receipt I-765 (portal download)", "portal", "receipt", "I-765")
    one("d14.pdf", "text-pdf", "pdf", "", "biometrics I-539 (portal download)", "portal", "biometrics", "I-539")
    one("d15.pdf", "text-pdf", "pdf", "", "RFE I-485 (portal download)", "portal", "rfe", "I-485")
    one("d16.pdf", "text-pdf", "pdf", "", "biometrics I-90 (memo)", "memo", "biometrics", "I-90")
    one("d17.pdf", "text-pdf", "pdf", "", "interview N-400 (memo)", "memo", "interview", "N-400")
    one("d18.pdf", "text-pdf", "pdf", "", "receipt I-130 (memo)", "memo", "receipt", "I-130")
    one("d19.pdf", "text-pdf", "pdf", "", "rejection I-765 (memo)", "memo", "rejection", "I-765")
    one(
        "d20.pdf",
        "text-pdf",
        "pdf",
        "",
        "I-797B approval O-1A, older (frame)",
        "frame",
        "approval",
        "I-129",
        cls="O-1A",
        approval_form="I-797B",
    )
    one("d21.pdf", "text-pdf", "pdf", "", "receipt I-131, older (frame)", "frame", "receipt", "I-131")
    one(
        "d22.pdf",
        "text-pdf",
        "pdf",
        "",
        "I-797A approval I-539 H-4, older (frame)",
        "frame",
        "approval",
        "I-539",
        cls="H-4",
        approval_form="I-797A",
    )
    one(
        "d23.pdf",
        "text-pdf",
        "pdf",
        "forwarded through an HR ticketing system (header and footer)",
        "receipt N-400 in an HR ticket printout (band)",
        "band",
        "receipt",
        "N-400",
        opts={"wrapper": True},
    )
    one(
        "d24.pdf",
        "text-pdf",
        "pdf",
        "forwarded through an HR ticketing system (header and footer)",
        "I-797A approval L-1A in an HR ticket printout (portal)",
        "portal",
        "approval",
        "I-129",
        cls="L-1A",
        approval_form="I-797A",
        opts={"wrapper": True},
    )

    # text PDFs with several notices
    rng = rng_for("d25.pdf")
    base = build_notice(rng, "receipt", "I-129", "band", cls="H-1B", today=recent(rng), office="WAC")
    pp = build_notice(rng, "receipt", "I-907", "band", base=base)
    pp.notice_date = base.notice_date
    ap = build_notice(rng, "approval", "I-129", "portal", base=base, approval_form="I-797", cls="H-1B")
    ap.notice_date = weekday(add_days(base.notice_date, rng.randint(8, 14)))
    files.append(
        FileSpec(
            "d25.pdf",
            "text-pdf",
            "pdf",
            "two producers joined",
            "I-129 receipt, I-907 receipt, approval: one receipt number",
            [Seg("notices", "text", "band", [base, pp]), Seg("notices", "text", "portal", [ap])],
        )
    )
    rng = rng_for("d26.pdf")
    first = build_notice(rng, "receipt", "I-485", "band", today=recent(rng), office="IOE")
    group = [first]
    for k, form in enumerate(("I-765", "I-131"), 1):
        other = build_notice(rng, "receipt", form, "band", base=first)
        other.form, other.amount, other.notice_date = form, FEES_NOW[form], first.notice_date
        other.receipt = f"{first.receipt[:3]}{int(first.receipt[3:]) + k:010d}"
        group.append(other)
    bio = build_notice(rng, "biometrics", "I-485", "memo", base=first)
    files.append(
        FileSpec(
            "d26.pdf",
            "text-pdf",
            "pdf",
            "two producers joined",
            "one applicant's three receipts and biometrics notice",
            [Seg("notices", "text", "band", group), Seg("notices", "text", "memo", [bio])],
        )
    )
    rng = rng_for("d27.pdf")
    a = build_notice(rng, "receipt", "I-539", "sidecol", today=recent(rng))
    b = build_notice(rng, "receipt", "I-765", "sidecol", today=recent(rng))
    files.append(
        FileSpec(
            "d27.pdf",
            "text-pdf",
            "pdf",
            "two pages on one landscape sheet (2-up)",
            "two receipts on one sheet",
            [Seg("notices", "text", "sidecol", [a, b])],
            twoup=True,
        )
    )
    # not notices
    rng = rng_for("d28.pdf")
    q = build_notice(rng, "approval", "I-129", "band", cls="H-1B", approval_form="I-797A", today=recent(rng))
    files.append(
        FileSpec(
            "d28.pdf",
            "text-pdf",
            "pdf",
            "",
            "not a notice: scholars office e-mail quoting an approval",
            [Seg("other", "text", other="isss_mail", quoted=[q])],
        )
    )
    rng = rng_for("d29.pdf")
    qs = [
        build_notice(rng, k, f, "band", today=recent(rng))
        for k, f in (("receipt", "I-129"), ("receipt", "I-907"), ("biometrics", "I-539"))
    ]
    files.append(
        FileSpec(
            "d29.pdf",
            "text-pdf",
            "pdf",
            "",
            "not a notice: HR ticket summary listing notices",
            [Seg("other", "text", other="ticket", quoted=qs)],
        )
    )

    # scanned PDFs: the mail-scanning vendor, the office copier, the fax
    V = {"vendor": True}
    one(
        "s01.pdf",
        "scan-pdf",
        "pdf",
        "vendor scan: separator sheet, stamp, vendor OCR text layer",
        "receipt I-129 L-1A (band)",
        "band",
        "receipt",
        "I-129",
        how="ocr",
        dpi=200,
        cls="L-1A",
        opts={"vendor": True, "cover": True},
    )
    one(
        "s02.pdf",
        "scan-pdf",
        "pdf",
        "vendor scan: stamp, vendor OCR text layer",
        "two-page RFE I-140 (sidecol)",
        "sidecol",
        "rfe",
        "I-140",
        how="ocr",
        dpi=200,
        pages=2,
        opts=V,
    )
    one(
        "s03.pdf",
        "scan-pdf",
        "pdf",
        "copier scan, grey, the office's RECEIVED stamp",
        "I-797A approval I-539 (portal print)",
        "portal",
        "approval",
        "I-539",
        how="scan",
        dpi=300,
        cls="H-4",
        approval_form="I-797A",
        opts={"received": True},
    )
    one(
        "s04.pdf",
        "scan-pdf",
        "pdf",
        "fax, standard mode, 1-bit G4",
        "biometrics N-400 (memo)",
        "memo",
        "biometrics",
        "N-400",
        how="fax",
        dpi=200,
        opts={"fine": False},
    )
    one(
        "s05.pdf",
        "scan-pdf",
        "pdf",
        "fed upside down",
        "receipt I-751, older (frame)",
        "frame",
        "receipt",
        "I-751",
        how="scan",
        dpi=200,
        opts={"rotate": 180},
    )
    one(
        "s06.pdf",
        "scan-pdf",
        "pdf",
        "scanned sideways",
        "approval I-129 H-1B (band)",
        "band",
        "approval",
        "I-129",
        how="scan",
        dpi=200,
        cls="H-1B",
        opts={"rotate": 90},
    )
    one(
        "s07.pdf",
        "scan-pdf",
        "pdf",
        "duplex scan with blank back",
        "receipt I-485 (band)",
        "band",
        "receipt",
        "I-485",
        how="scan",
        dpi=150,
        opts={"duplex": True},
    )
    one(
        "s08.pdf",
        "scan-pdf",
        "pdf",
        "vendor scan: envelope first, stamp",
        "transfer I-130 (sidecol)",
        "sidecol",
        "transfer",
        "I-130",
        how="scan",
        dpi=200,
        opts={"vendor": True, "envelope": True},
    )
    one(
        "s09.pdf",
        "scan-pdf",
        "pdf",
        "vendor scan: separator sheet, stamp, vendor OCR text layer",
        "biometrics I-131 (band)",
        "band",
        "biometrics",
        "I-131",
        how="ocr",
        dpi=240,
        opts={"vendor": True, "cover": True},
    )
    one(
        "s10.pdf",
        "scan-pdf",
        "pdf",
        "copier scan, skewed",
        "notice of intent to revoke I-129 (sidecol)",
        "sidecol",
        "noir",
        "I-129",
        how="scan",
        dpi=200,
        opts={"skew": 2.0},
    )
    one(
        "s11.pdf",
        "scan-pdf",
        "pdf",
        "heavy JPEG",
        "approval I-140, older (frame)",
        "frame",
        "approval",
        "I-140",
        how="scan",
        dpi=150,
        cls="E21",
        approval_form="I-797",
        opts={"quality": 30},
    )
    one(
        "s12.pdf",
        "scan-pdf",
        "pdf",
        "vendor scan: stamp; the office's RECEIVED stamp",
        "receipt I-129F (memo)",
        "memo",
        "receipt",
        "I-129F",
        how="scan",
        dpi=300,
        opts={"vendor": True, "received": True},
    )
    one(
        "s13.pdf",
        "scan-pdf",
        "pdf",
        "fax, fine mode, 1-bit G4",
        "rejection I-90 (band)",
        "band",
        "rejection",
        "I-90",
        how="fax",
        dpi=200,
        opts={"fine": True},
    )
    one(
        "s14.pdf",
        "scan-pdf",
        "pdf",
        "duplex scan with blank backs",
        "two-page denial I-485 (sidecol)",
        "sidecol",
        "denial",
        "I-485",
        how="scan",
        dpi=200,
        pages=2,
        opts={"duplex": True, "staple": True},
    )
    rng = rng_for("s15.pdf")
    base = build_notice(rng, "receipt", "I-129", "band", cls="H-1B", today=recent(rng), office="EAC")
    pp = build_notice(rng, "receipt", "I-907", "band", base=base)
    pp.notice_date = base.notice_date
    ap = build_notice(rng, "approval", "I-129", "band", base=base, approval_form="I-797A", cls="H-1B")
    ap.notice_date = weekday(add_days(base.notice_date, rng.randint(6, 14)))
    files.append(
        FileSpec(
            "s15.pdf",
            "scan-pdf",
            "pdf",
            "vendor scan: separator sheet, stamp",
            "I-129 receipt, I-907 receipt, I-797A approval: one receipt number",
            [
                Seg("cover", "scan"),
                Seg("notices", "scan", "band", [base, pp, ap], opts={"vendor": True, "staple": True}),
            ],
            200,
        )
    )
    rng = rng_for("s16.pdf")
    a = build_notice(rng, "receipt", "I-765", "portal", today=recent(rng))
    b = build_notice(rng, "biometrics", "I-765", "portal", base=a)
    files.append(
        FileSpec(
            "s16.pdf",
            "scan-pdf",
            "pdf",
            "vendor scan, two pages to a sheet (2-up)",
            "receipt and biometrics on one sheet",
            [Seg("notices", "scan", "portal", [a, b], opts=V)],
            200,
            twoup=True,
        )
    )
    rng = rng_for("s17.pdf")
    q = build_notice(rng, "approval", "I-129", "band", cls="H-1B", approval_form="I-797", today=recent(rng))
    files.append(
        FileSpec(
            "s17.pdf",
            "scan-pdf",
            "pdf",
            "vendor scan: separator sheet",
            "not a notice: attorney cover letter quoting an approval",
            [Seg("cover", "scan"), Seg("other", "scan", other="cover_letter", quoted=[q], opts=V)],
            200,
        )
    )

    # mixed batches
    rng = rng_for("x01.pdf")
    n1 = build_notice(rng, "receipt", "I-140", "band", today=recent(rng))
    n2 = build_notice(rng, "biometrics", "I-485", "portal", today=recent(rng))
    n3 = build_notice(rng, "interview", "I-485", "memo", base=n2)
    files.append(
        FileSpec(
            "x01.pdf",
            "mixed-pdf",
            "pdf",
            "printed and scanned pages",
            "batch: receipt (text), biometrics (scan), interview (text)",
            [
                Seg("notices", "text", "band", [n1]),
                Seg("notices", "scan", "portal", [n2]),
                Seg("notices", "text", "memo", [n3]),
            ],
            200,
        )
    )
    rng = rng_for("x02.pdf")
    n1 = build_notice(rng, "receipt", "I-765", "sidecol", today=recent(rng))
    n2 = build_notice(rng, "approval", "I-129", "portal", cls="H-1B", approval_form="I-797B", today=recent(rng))
    files.append(
        FileSpec(
            "x02.pdf",
            "mixed-pdf",
            "pdf",
            "vendor batch: separator sheet and stamp (scanned), a downloaded page",
            "batch: receipt (scan), approval (text)",
            [
                Seg("cover", "scan"),
                Seg("notices", "ocr", "sidecol", [n1], opts=V),
                Seg("notices", "text", "portal", [n2]),
            ],
            200,
        )
    )

    # images
    one(
        "p01.jpg",
        "image",
        "jpeg",
        "phone photo on a desk",
        "receipt I-485 (band)",
        "band",
        "receipt",
        "I-485",
        how="photo",
        dpi=150,
    )
    one(
        "p02.jpg",
        "image",
        "jpeg",
        "phone photo on a desk, the office's RECEIVED stamp",
        "biometrics I-765 (memo)",
        "memo",
        "biometrics",
        "I-765",
        how="photo",
        dpi=150,
        opts={"received": True},
    )
    one("p03.png", "image", "png", "PNG scan", "RFE I-765 (sidecol)", "sidecol", "rfe", "I-765", how="image", dpi=200)
    one(
        "p04.tif",
        "image",
        "tiff-g4",
        "fax TIFF, G4",
        "receipt I-129 H-1B (band)",
        "band",
        "receipt",
        "I-129",
        how="fax",
        dpi=200,
        cls="H-1B",
        opts={"fine": True},
    )
    one(
        "p05.tif",
        "image",
        "tiff-lzw",
        "two-page LZW TIFF",
        "two-page NOID I-130 (sidecol)",
        "sidecol",
        "noid",
        "I-130",
        how="image",
        dpi=200,
        pages=2,
    )
    one(
        "p06.jpg",
        "image",
        "jpeg",
        "JPEG scan, sideways",
        "receipt I-539, older (frame)",
        "frame",
        "receipt",
        "I-539",
        how="image",
        dpi=200,
        opts={"rotate": 90},
    )
    one(
        "p07.jpg",
        "image",
        "jpeg",
        "phone photo on a desk",
        "I-797B approval I-129 (portal print)",
        "portal",
        "approval",
        "I-129",
        how="photo",
        dpi=150,
        cls="H-1B",
        approval_form="I-797B",
    )
    one(
        "p08.jpg",
        "image",
        "jpeg",
        "vendor JPEG scan with stamp",
        "transfer I-485 (memo)",
        "memo",
        "transfer",
        "I-485",
        how="image",
        dpi=200,
        opts=V,
    )
    rng = rng_for("p09.png")
    a = build_notice(rng, "biometrics", "I-485", "band", today=recent(rng))
    b = build_notice(rng, "receipt", "I-765", "band", today=recent(rng))
    files.append(
        FileSpec(
            "p09.png",
            "image",
            "png",
            "vendor scan, two pages to a sheet (2-up)",
            "two notices on one sheet",
            [Seg("notices", "image", "band", [a, b], opts=V)],
            200,
            twoup=True,
        )
    )
    rng = rng_for("p10.jpg")
    q = build_notice(rng, "approval", "I-129", "band", cls="H-1B", approval_form="I-797A", today=recent(rng))
    files.append(
        FileSpec(
            "p10.jpg",
            "image",
            "jpeg",
            "phone photo on a desk",
            "not a notice: scholar check-in form quoting a notice",
            [Seg("other", "photo", other="checkin", quoted=[q])],
            150,
        )
    )
    return files


def render_checkin(path: Path, rng: random.Random, quoted: Notice) -> None:
    """A scholars office's check-in form, filled in on a computer, that quotes a notice (not a notice)."""
    from reportlab.pdfgen import canvas

    rl_fonts("Carlito", "Carlito-Bold")
    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("Carlito-Bold", 16)
    c.drawString(50, 740, "Office of International Scholars - Scholar Check-in")
    c.setFont("Carlito", 11)
    rows = [
        ("Scholar", quoted.beneficiary or ""),
        ("Department", "Chemical and Biomolecular Engineering"),
        ("Immigration status", "H-1B (extension approved)"),
        ("I-797 receipt number", quoted.receipt),
        ("Status valid until", fmt_date(quoted.valid_to or quoted.notice_date, "us")),
        ("Check-in date", fmt_date(add_days(quoted.notice_date, 12), "us")),
        ("Advisor", "M. Castellanos"),
    ]
    y = 700.0
    for label, value in rows:
        c.rect(50, y - 8, 512, 24)
        c.drawString(58, y, label)
        c.drawString(250, y, value)
        y -= 24
    y -= 20
    for line in [
        "Documents seen: passport, I-94 record, Form I-797A Notice of Action (copy kept in the file).",
        "Reminder: report any change of address within 10 days. Bring any notice you receive to the office.",
    ]:
        c.drawString(50, y, line)
        y -= 15
    c.showPage()
    c.save()


# ---------------------------------------------------------------------------------------------
# Rendering, checking, assembling.


class TruthError(SystemExit):
    pass


def norm_text(text: str) -> str:
    return " ".join(text.split())


def says(name: str, printed: list[str], n: Notice) -> bool:
    """Whether the printed text of field ``name`` says the notice's true value."""
    joined = " ".join(printed)
    if name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
        true = {
            "received_date": n.received,
            "notice_date": n.notice_date,
            "priority_date": n.priority,
            "valid_from": n.valid_from,
            "valid_to": n.valid_to,
            "response_due": n.response_due,
        }[name]
        return parse_date(joined) == true
    if name == "receipt_number":
        return re.sub(r"[^A-Z0-9]", "", joined.upper()) == n.receipt
    if name == "form":
        return re.sub(r"[^A-Z0-9]", "", joined.upper()) == n.form.replace("-", "")
    if name in ("petitioner", "beneficiary", "applicant"):
        return joined == getattr(n, name)
    if name == "a_number":
        return re.sub(r"\D", "", joined).zfill(9) == n.a_num
    if name == "i94_number":
        return re.sub(r"\D", "", joined) == n.i94
    if name == "amount":
        found = re.search(r"\d[\d,]*\.\d\d", joined)
        return found is not None and found[0].replace(",", "") == n.amount
    if name == "classification":
        return joined == n.classification
    if name == "appointment":
        ap = n.appointment or {}
        day, time_text, street = printed
        return (
            parse_date(day) == ap.get("date") and parse_time(time_text) == ap.get("time") and street == ap["place"][1]
        )
    if name == "notice_type":
        words = {
            "receipt": "receipt",
            "approval": "approv",
            "biometrics": ("biometric", "support center", "asc appointment"),
            "rfe": "evidence",
            "noid": "intent to deny",
            "noir": "intent to revoke",
            "denial": ("denial", "decision"),
            "transfer": "transfer",
            "rejection": "reject",
            "interview": "interview",
        }[n.kind]
        return any(w in joined.lower() for w in ((words,) if isinstance(words, str) else words))
    raise ValueError(name)


def parse_date(text: str) -> dt.date | None:
    for fmt in ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_time(text: str) -> dt.time | None:
    for fmt in ("%I:%M %p", "%H:%M"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).time()
        except ValueError:
            continue
    return None


def check_source(spec: FileSpec, seg: Seg) -> None:
    """Every printed value is in the source PDF's text layer (pypdf) on the notice's pages and says the truth."""
    assert seg.src is not None
    reader = PdfReader(str(seg.src))
    texts = [norm_text(page.extract_text() or "") for page in reader.pages]
    expected = sum(n.pages for n in seg.notices)
    if len(texts) != expected:
        raise TruthError(f"notice set 11: {spec.name}: {seg.family} rendered {len(texts)} pages, expected {expected}")
    at = 0
    for n in seg.notices:
        text = " ".join(texts[at : at + n.pages])
        at += n.pages
        for name, fragments in n.printed.items():
            if name not in FIELDS:
                raise TruthError(f"notice set 11: {spec.name}: unknown field {name}")
            for frag in fragments:
                if norm_text(frag) not in text:
                    raise TruthError(f"notice set 11: {spec.name}: {name} printed as {frag!r} is not in the text layer")
            if not says(name, fragments, n):
                raise TruthError(f"notice set 11: {spec.name}: {name} printed as {fragments!r} does not say the truth")


def render_sources(files: list[FileSpec], seed: int, work: Path) -> None:
    htmls: list[tuple[Seg, str]] = []
    docxs: list[Seg] = []
    for spec in files:
        for k, seg in enumerate(spec.segs):
            rng = sub_rng(seed, "render", spec.name, k)
            path = work / f"{Path(spec.name).stem}-{k}.pdf"
            seg.src = path
            if seg.kind == "notices":
                if seg.family == "band":
                    render_band(seg.notices, path, rng)
                elif seg.family == "frame":
                    render_frame(seg.notices, path, rng)
                elif seg.family == "sidecol":
                    render_sidecol(seg.notices, path, rng)
                elif seg.family == "portal":
                    htmls.append((seg, html_portal(seg.notices, rng)))
                elif seg.family == "memo":
                    docx_memo(seg.notices, path.with_suffix(".docx"), rng)
                    docxs.append(seg)
            elif seg.other == "isss_mail":
                htmls.append((seg, html_isss_mail(rng, seg.quoted[0])))
            elif seg.other == "ticket":
                render_ticket_summary(path, rng, seg.quoted)
            elif seg.other == "cover_letter":
                render_cover_letter(path, rng, seg.quoted[0])
            elif seg.other == "checkin":
                render_checkin(path, rng, seg.quoted[0])
            elif seg.kind in ("cover", "envelope"):
                seg.src = None
    if htmls:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            for seg, text in htmls:
                assert seg.src is not None
                page.set_content(text, wait_until="load")
                page.pdf(path=str(seg.src), format="Letter", print_background=True, prefer_css_page_size=True)
            browser.close()
    if docxs:
        profile = work / "lo-profile"
        cmd = [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            *[str(seg.src.with_suffix(".docx")) for seg in docxs if seg.src],
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        for seg in docxs:
            assert seg.src is not None
            if not seg.src.exists():
                raise TruthError(f"notice set 11: LibreOffice did not write {seg.src.name}")


def wrap_ticket(src: Path, rng: random.Random, n: Notice) -> Path:
    """The HR ticketing system's print: its own header and footer over the attached notice's pages."""
    from reportlab.pdfgen import canvas

    rl_fonts("DejaVuSansCondensed")
    reader = PdfReader(str(src))
    overlay = io.BytesIO()
    c = canvas.Canvas(overlay, pagesize=(612, 792), invariant=1)
    ticket = f"HRSD-{rng.randint(100000, 999999)}"
    printed = fmt_date(add_days(n.notice_date, rng.randint(3, 9)), "us")
    for k in range(len(reader.pages)):
        c.setFont("DejaVuSansCondensed", 7.5)
        c.setFillGray(0.35)
        c.drawString(20, 780, f"PeopleDesk | Ticket {ticket} | Category: Immigration > Notices | Attachment {k + 1}")
        c.drawString(
            20,
            12,
            f"Printed {printed} by mobility.coordinator | Internal - do not forward | {k + 1}/{len(reader.pages)}",
        )
        c.showPage()
    c.save()
    over = PdfReader(io.BytesIO(overlay.getvalue()))
    writer = PdfWriter()
    for page, top in zip(reader.pages, over.pages, strict=True):
        page.merge_page(top)
        writer.add_page(page)
    out = src.with_name(src.stem + "-wrapped.pdf")
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def impose_two(src: Path) -> bytes:
    """Two portrait pages on one landscape sheet, as a scanner's or printer's 2-up setting makes them."""
    reader = PdfReader(str(src))
    writer = PdfWriter()
    sheet = writer.add_blank_page(792, 612)
    scale = 0.64
    for k, page in enumerate(reader.pages[:2]):
        tx = 12 + k * 396 + (396 - 612 * scale) / 2 - 6
        ty = (612 - 792 * scale) / 2
        sheet.merge_transformed_page(page, Transformation().scale(scale).translate(tx, ty))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass
class PageOut:
    kind: str  # pdf (path, index), pdfbytes, jpeg, g4, pil
    path: Path | None = None
    index: int = 0
    data: bytes = b""
    dpi: tuple[int, int] = (200, 200)
    image: Image.Image | None = None


def vendor_line(rng: random.Random, when: dt.date, k: int) -> str:
    return (
        f"MailVault | NSU-OISS mailstop 4410 | Item {when:%y%m%d}-{rng.randint(100, 999)} | "
        f"Scanned {fmt_date(when, 'us')} | p{k}"
    )


def build_pages(spec: FileSpec, seed: int) -> list[PageOut]:
    """The file's pages in order; sets each notice's page numbers."""
    pages: list[PageOut] = []
    rng = sub_rng(seed, "assemble", spec.name)
    dpi = spec.dpi or 200
    all_notices = [n for seg in spec.segs for n in seg.notices]
    when = add_days(max((n.notice_date for n in all_notices), default=dt.date(2026, 10, 1)), rng.randint(3, 6))
    for seg in spec.segs:
        if seg.kind == "cover":
            img = vendor_cover(
                rng,
                dpi,
                "Northfield State University - OISS",
                f"{when:%y%m%d}-{rng.randint(1000, 9999)}",
                fmt_date(when, "us"),
            )
            pages.append(PageOut("jpeg", data=jpeg_bytes(degrade(img, rng, skew=0.4, noise=3), 70), dpi=(dpi, dpi)))
            continue
        assert seg.src is not None
        src = seg.src
        if seg.opts.get("wrapper"):
            src = wrap_ticket(src, rng, seg.notices[0])
        count = len(PdfReader(str(src)).pages)
        if seg.how == "text":
            if spec.twoup:
                pages.append(PageOut("pdfbytes", data=impose_two(src)))
                for n in seg.notices:
                    n.page_list = [len(pages)]
                continue
            at = 0
            for n in seg.notices:
                n.page_list = [len(pages) + 1 + i for i in range(n.pages)]
                for i in range(n.pages):
                    pages.append(PageOut("pdf", path=src, index=at + i))
                at += n.pages
            if not seg.notices:
                pages += [PageOut("pdf", path=src, index=i) for i in range(count)]
            continue
        # scanned and photographed pages
        if seg.opts.get("cover"):
            img = vendor_cover(
                rng,
                dpi,
                "Quillon Semiconductor - Global Mobility",
                f"{when:%y%m%d}-{rng.randint(1000, 9999)}",
                fmt_date(when, "us"),
            )
            pages.append(PageOut("jpeg", data=jpeg_bytes(degrade(img, rng, skew=0.4, noise=3), 70), dpi=(dpi, dpi)))
        images = [raster(src, i, dpi) for i in range(count)]
        if seg.opts.get("staple"):
            images = [staple(img, dpi) for img in images]
        if seg.opts.get("received"):
            images[0] = received_stamp(images[0], dpi, rng, add_days(when, -rng.randint(1, 3)))
        if seg.opts.get("vendor"):
            images = [stamp(img, dpi, vendor_line(rng, when, k + 1)) for k, img in enumerate(images)]
        if spec.twoup:
            sheet = Image.new("L", (int(11 * dpi), int(8.5 * dpi)), 255)
            for k, img in enumerate(images[:2]):
                small = img.resize((int(img.width * 0.64), int(img.height * 0.64)), Image.LANCZOS)
                sheet.paste(
                    small, (int(k * 5.5 * dpi + (5.5 * dpi - small.width) / 2), int((8.5 * dpi - small.height) / 2))
                )
            images = [sheet]
        if seg.opts.get("envelope"):
            n0 = seg.notices[0]
            env = envelope_page(rng, dpi, n0.addressee, fmt_date(add_days(n0.notice_date, 1), "us"))
            pages.append(PageOut("jpeg", data=jpeg_bytes(degrade(env, rng, skew=1.0), 75), dpi=(dpi, dpi)))
        per_notice: list[int] = []
        for n in seg.notices:
            per_notice += [id(n)] * (1 if spec.twoup else n.pages)
        if spec.twoup:
            per_notice = per_notice[:1]
        owner_pages: dict[int, list[int]] = {}
        for k, img in enumerate(images):
            if seg.how == "photo":
                small = img.resize((int(img.width * 0.8), int(img.height * 0.8)), Image.LANCZOS) if dpi > 150 else img
                out = PageOut("pil", image=photograph(small, rng), dpi=(150, 150))
            else:
                tone = rng.randint(226, 246)
                skew = seg.opts.get("skew", 0.9)
                dirty = degrade(
                    img,
                    rng,
                    skew=skew,
                    blur=rng.uniform(0.3, 0.8),
                    noise=rng.uniform(3, 8),
                    tone=tone,
                    specks=rng.randint(10, 80),
                    lamp=rng.uniform(0.02, 0.1),
                )
                rot = seg.opts.get("rotate", 0)
                if rot:
                    dirty = dirty.rotate(rot, expand=True)
                if seg.how == "fax":
                    bw, fax_dpi = to_fax(dirty, dpi, seg.opts.get("fine", True))
                    out = PageOut("g4", data=g4_bytes(bw, fax_dpi), dpi=fax_dpi, image=bw)
                elif seg.how == "ocr":
                    jpg = jpeg_bytes(dirty, rng.randint(55, 80))
                    words = pdftotext_words(src, k)
                    out = PageOut("pdfbytes", data=ocr_layer_page(jpg, words, rng, 0.035))
                elif seg.how == "image":
                    out = PageOut("pil", image=dirty, dpi=(dpi, dpi))
                else:
                    out = PageOut(
                        "jpeg", data=jpeg_bytes(dirty, seg.opts.get("quality", rng.randint(60, 85))), dpi=(dpi, dpi)
                    )
            pages.append(out)
            if seg.notices:
                owner = per_notice[k] if k < len(per_notice) else per_notice[-1]
                owner_pages.setdefault(owner, []).append(len(pages))
                if spec.twoup:
                    for n in seg.notices:
                        owner_pages[id(n)] = [len(pages)]
            if seg.opts.get("duplex"):
                back = Image.new("L", img.size, 255)
                pages.append(
                    PageOut("jpeg", data=jpeg_bytes(degrade(back, rng, skew=0.3, specks=30), 70), dpi=(dpi, dpi))
                )
        for n in seg.notices:
            n.page_list = owner_pages[id(n)]
    return pages


FIXED_DATE = "D:20261109120000Z"


def normalised_pdf(data: bytes, producer: str | None = None) -> bytes:
    """The same PDF with fixed dates and a deterministic ID (the set is byte-identical per seed)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/DocChecksum", "/ID"):
            if key in pdf.trailer:
                del pdf.trailer[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                pdf.docinfo[key] = pikepdf.String(FIXED_DATE)
        if producer:
            pdf.docinfo["/Producer"] = pikepdf.String(producer)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def write_file(spec: FileSpec, pages: list[PageOut], folder: Path) -> None:
    target = folder / spec.name
    if spec.fmt == "pdf":
        sources = {p.path for p in pages if p.kind == "pdf"}
        only = next(iter(sources)) if len(sources) == 1 and all(p.kind == "pdf" for p in pages) else None
        if only is not None and [p.index for p in pages] == list(range(len(PdfReader(str(only)).pages))):
            data = normalised_pdf(only.read_bytes())
        else:
            writer = PdfWriter()
            readers: dict[Path, PdfReader] = {}
            producer = None
            for p in pages:
                if p.kind == "pdf":
                    assert p.path is not None
                    reader = readers.setdefault(p.path, PdfReader(str(p.path)))
                    producer = producer or str((reader.metadata or {}).get("/Producer") or "")
                    writer.add_page(reader.pages[p.index])
                elif p.kind == "pdfbytes":
                    writer.add_page(PdfReader(io.BytesIO(p.data)).pages[0])
                else:
                    one = img2pdf.convert(p.data, layout_fun=img2pdf.get_fixed_dpi_layout_fun(p.dpi))
                    writer.add_page(PdfReader(io.BytesIO(one)).pages[0])
            buf = io.BytesIO()
            writer.write(buf)
            if spec.medium == "scan-pdf":
                producer = (
                    "MailVault Capture 7.2" if any(s.opts.get("vendor") for s in spec.segs) else "Copier ScanToPDF 3.1"
                )
            data = normalised_pdf(buf.getvalue(), producer or None)
        target.write_bytes(data)
    else:
        images = []
        for p in pages:
            if p.image is not None:
                images.append(p.image)
            else:
                images.append(Image.open(io.BytesIO(p.data)))
        dpi = pages[0].dpi
        if spec.fmt == "jpeg":
            images[0].save(target, "JPEG", quality=84, dpi=dpi)
        elif spec.fmt == "png":
            images[0].save(target, "PNG", dpi=dpi)
        elif spec.fmt == "tiff-g4":
            images[0].save(target, "TIFF", compression="group4", dpi=dpi, save_all=True, append_images=images[1:])
        elif spec.fmt == "tiff-lzw":
            images[0].save(target, "TIFF", compression="tiff_lzw", dpi=dpi, save_all=True, append_images=images[1:])
        else:
            raise ValueError(spec.fmt)
    target.chmod(0o600)


def generate(folder: Path, seed: int = 1797, only: set[str] | None = None) -> dict[str, Any]:
    """Write the set into ``folder`` (the files and ``truth.json``) and return the truth; ``only`` writes just
    the files named (each file is the same as in the whole set)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    files = [spec for spec in catalogue(seed) if only is None or spec.name in only]
    truth: dict[str, Any] = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": SET, "files": {}}
    with tempfile.TemporaryDirectory(prefix="notice-set11-") as tmp:
        work = Path(tmp)
        render_sources(files, seed, work)
        for spec in files:
            for seg in spec.segs:
                if seg.kind == "notices":
                    check_source(spec, seg)
        for spec in files:
            pages = build_pages(spec, seed)
            write_file(spec, pages, folder)
            notices = [n for seg in spec.segs for n in seg.notices]
            truth["files"][spec.name] = {
                "medium": spec.medium,
                "format": spec.fmt,
                "effect": spec.effect,
                "dpi": spec.dpi if spec.medium != "text-pdf" else None,
                "pages": len(pages),
                "label": spec.label,
                "notices": [n.truth() for n in notices],
            }
    out = folder / "truth.json"
    out.write_text(json.dumps(truth, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    out.chmod(0o600)
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description="Write notice evaluation set 11 (files and truth.json).")
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.out, args.seed)
    files = truth["files"]
    print(f"{len(files)} files, {sum(len(f['notices']) for f in files.values())} notices -> {args.out}")


if __name__ == "__main__":
    main()
