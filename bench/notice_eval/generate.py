"""Write the sealed notice evaluation set: fictional Form I-797-family notices and their truth.

Written without reading the notice parser or its sample generator, from the
project's DOMAIN.md, issue 14 and public descriptions of I-797 notices. The
author of the parser must not read this file or what it writes (see README.md).

Run: ``python -m bench.notice_eval.generate OUT_DIR [--seed 1797]``. Writes the
files under OUT_DIR and ``OUT_DIR/truth.json`` (per file: medium, what it holds
and the notices expected in it, with the parser's field names). The same seed
gives the same set (fonts found on the machine are recorded in the truth).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

GENERATOR_VERSION = 1
# scanned PDFs carry these instead of the time they were written (same seed, same bytes)
FIXED_DATES = {"creationDate": time.gmtime(1767323045), "modDate": time.gmtime(1767323045)}
PAGE_W, PAGE_H = 612.0, 792.0

# ---------------------------------------------------------------------------------------------
# Fonts: reportlab's built-ins always; DejaVu / Liberation when installed.

TTF_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
TTF_SETS = {
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "dejavu-mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "liberation-sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "liberation-mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
}
BUILTIN_SETS = {
    "helvetica": ("Helvetica", "Helvetica-Bold"),
    "times": ("Times-Roman", "Times-Bold"),
    "courier": ("Courier", "Courier-Bold"),
}
MONO = ("courier", "dejavu-mono", "liberation-mono")
SANS = ("helvetica", "dejavu-sans", "liberation-sans")
SERIF = ("times", "dejavu-serif", "liberation-serif")


def _find_ttf(name: str) -> Path | None:
    for folder in TTF_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


def register_fonts() -> dict[str, tuple[str, str]]:
    """The font sets available here: name -> (regular, bold) reportlab font names."""
    sets = dict(BUILTIN_SETS)
    for key, (regular, bold) in TTF_SETS.items():
        paths = [_find_ttf(regular), _find_ttf(bold)]
        if None in paths:
            continue
        names = (f"ev-{key}", f"ev-{key}-bold")
        for font_name, path in zip(names, paths, strict=True):
            if font_name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(font_name, str(path)))
        sets[key] = names
    return sets


def pick_font(rnd: random.Random, fonts: dict[str, tuple[str, str]], group: tuple[str, ...]) -> str:
    available = [name for name in group if name in fonts]
    return rnd.choice(available)


# ---------------------------------------------------------------------------------------------
# Fictional data.

GIVEN = [
    "JANE",
    "RAVI",
    "MEI",
    "CARLOS",
    "AMARA",
    "TOMASZ",
    "LEILA",
    "KWAME",
    "SOFIA",
    "HIROSHI",
    "PRIYA",
    "OLUWASEUN",
    "ANA",
    "DMITRI",
    "FATIMA",
    "LUCAS",
    "NGOC",
    "ELENA",
    "YUSUF",
    "INGRID",
    "MATEO",
    "ZHIWEI",
]
FAMILY = [
    "DOE",
    "RAMANATHAN",
    "CHEN",
    "OKONKWO-BELL",
    "KOWALSKI",
    "HADDAD",
    "MENSAH",
    "ALVAREZ",
    "TANAKA",
    "IYER",
    "ADEYEMI",
    "SOUSA",
    "VOLKOV",
    "RAHMAN",
    "MOREAU",
    "NGUYEN",
    "PETROVA",
    "DE LA CRUZ",
    "LINDQVIST",
    "OYELARAN",
    "VARGAS",
    "SHIMIZU",
]
COMPANIES = [
    "ACME ROBOTICS INC",
    "BLUE HERON ANALYTICS LLC",
    "PINEWOOD MEDICAL GROUP PC",
    "QUANTA FREIGHT SYSTEMS INC",
    "ORCHARD LANE SOFTWARE CORP",
    "KESTREL BIOSCIENCES INC",
    "MERIDIAN GRID SOLUTIONS LLC",
    "SILVERPINE FOODS CO",
]
LONG_COMPANIES = [
    "NORTHWESTERN ADVANCED SEMICONDUCTOR MANUFACTURING AND RESEARCH CORPORATION",
    "GREATER LAKES REGIONAL UNIVERSITY HOSPITAL AND HEALTH SCIENCES CENTER",
    "TRANS-PACIFIC RENEWABLE ENERGY ENGINEERING CONSULTANTS LLC",
    "CONSOLIDATED MIDWESTERN AGRICULTURAL MACHINERY AND EQUIPMENT HOLDINGS INC",
]
ADDRESSEES = [
    ["MARIA L FONTAINE", "FONTAINE & REYES LLP", "200 HARBOR ST STE 1400", "SEATTLE WA 98101"],
    ["DAVID OKAFOR ESQ", "OKAFOR IMMIGRATION LAW PLLC", "55 W MONROE ST FL 9", "CHICAGO IL 60603"],
    ["C/O HR GLOBAL MOBILITY", "1 INNOVATION WAY", "AUSTIN TX 78701"],
    ["SARAH J KLEIN", "KLEIN BERGSTROM LLP", "900 MARKET ST STE 300", "SAN FRANCISCO CA 94102"],
    ["THOMAS N ABERNATHY", "ABERNATHY & VOSS", "410 PARK AVE S 12TH FL", "NEW YORK NY 10016"],
]
OFFICES = {
    "WAC": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "CALIFORNIA SERVICE CENTER",
        "P.O. BOX 30111",
        "LAGUNA NIGUEL CA 92607-0111",
    ],
    "EAC": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "VERMONT SERVICE CENTER",
        "75 LOWER WELDEN STREET",
        "SAINT ALBANS VT 05479-0001",
    ],
    "LIN": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "NEBRASKA SERVICE CENTER",
        "P.O. BOX 82521",
        "LINCOLN NE 68501-2521",
    ],
    "SRC": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "TEXAS SERVICE CENTER",
        "6046 N BELT LINE RD",
        "IRVING TX 75038-0001",
    ],
    "MSC": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "NATIONAL BENEFITS CENTER",
        "P.O. BOX 648003",
        "LEES SUMMIT MO 64002",
    ],
    "IOE": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "ELECTRONIC IMMIGRATION SYSTEM",
        "P.O. BOX 660867",
        "DALLAS TX 75266-0867",
    ],
    "YSC": [
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "POTOMAC SERVICE CENTER",
        "2200 POTOMAC AVE STOP 2425",
        "ARLINGTON VA 20598-2425",
    ],
}
ASCS = [
    ("USCIS TUKWILA ASC", "12500 TUKWILA INTERNATIONAL BLVD", "SEATTLE WA 98168"),
    ("USCIS CHICAGO ASC", "5600 N RIVER RD STE 150", "ROSEMONT IL 60018"),
    ("USCIS SAN JOSE ASC", "1887 MONTEREY RD", "SAN JOSE CA 95112"),
    ("USCIS ALEXANDRIA ASC", "8850 RICHMOND HWY STE 100", "ALEXANDRIA VA 22309"),
    ("USCIS IRVING ASC", "2201 W AIRPORT FWY STE 400", "IRVING TX 75062"),
]
# form -> (case type description, offices, fees printed on receipts)
FORMS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "I-129": ("PETITION FOR A NONIMMIGRANT WORKER", ("WAC", "EAC"), ("780.00", "1710.00", "2030.00", "460.00")),
    "I-140": ("IMMIGRANT PETITION FOR ALIEN WORKER", ("LIN", "SRC"), ("715.00", "700.00")),
    "I-485": ("APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS", ("MSC", "IOE"), ("1440.00", "1225.00")),
    "I-765": ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", ("IOE", "MSC", "YSC"), ("520.00", "470.00", "410.00")),
    "I-131": ("APPLICATION FOR TRAVEL DOCUMENT", ("MSC", "IOE"), ("630.00", "575.00")),
    "I-539": ("APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS", ("EAC", "WAC", "IOE"), ("470.00", "370.00")),
    "I-130": ("PETITION FOR ALIEN RELATIVE", ("IOE", "MSC"), ("675.00", "625.00")),
    "I-751": ("PETITION TO REMOVE CONDITIONS ON RESIDENCE", ("EAC", "WAC"), ("750.00", "680.00")),
    "N-400": ("APPLICATION FOR NATURALIZATION", ("IOE",), ("760.00", "710.00")),
    "I-90": ("APPLICATION TO REPLACE PERMANENT RESIDENT CARD", ("IOE", "MSC"), ("465.00", "540.00")),
    "I-907": ("REQUEST FOR PREMIUM PROCESSING SERVICE", ("WAC", "EAC"), ("2805.00", "2500.00")),
}
COMPANY_PETITIONS = ("I-129", "I-140", "I-907")
PERSON_PETITIONS = ("I-130",)
CLASSES = {"I-129": ("H1B", "L1A", "L1B", "O1", "E3"), "I-539": ("H4", "L2", "B2")}
KIND_TITLE = {
    "receipt": "I-797C",
    "premium": "I-797C",
    "biometrics": "I-797C",
    "transfer": "I-797C",
    "rejection": "I-797C",
    "approval": "I-797",
    "approval_i94": "I-797A",
    "approval_abroad": "I-797B",
    "rfe": "I-797E",
    "noid": "I-797C",
    "noir": "I-797C",
}
NOTICE_TYPE = {
    "receipt": "receipt",
    "premium": "receipt",
    "biometrics": "biometrics",
    "transfer": "transfer",
    "rejection": "rejection",
    "approval": "approval",
    "approval_i94": "approval",
    "approval_abroad": "approval",
    "rfe": "rfe",
    "noid": "noid",
    "noir": "noid",
}
NOTICE_TYPE_TEXT = {
    "receipt": ("Receipt Notice",),
    "premium": ("Receipt Notice", "Premium Processing Receipt Notice"),
    "biometrics": ("ASC Appointment Notice", "Biometrics Appointment Notice", "Appointment Notice"),
    "transfer": ("Transfer Notice", "Notice of Transfer"),
    "rejection": ("Rejection Notice",),
    "approval": ("Approval Notice",),
    "approval_i94": ("Approval Notice",),
    "approval_abroad": ("Approval Notice",),
    "rfe": ("Request for Evidence", "Request for Additional Evidence"),
    "noid": ("Notice of Intent to Deny",),
    "noir": ("Notice of Intent to Revoke",),
}
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
    """A date as a notice prints it."""
    if style == "long":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if style == "upper-long":
        return f"{MONTHS[day.month - 1].upper()} {day.day:02d}, {day.year}"
    if style == "abbr":
        return f"{MONTHS[day.month - 1][:3]} {day.day:02d}, {day.year}"
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def fmt_time(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}"


def fmt_amount(amount: str, style: str) -> str:
    value = f"{float(amount):,.2f}"
    return {"us": f"$ {value} U.S.", "plain": f"${value}", "nocomma": f"${float(amount):.2f}"}[style]


def fmt_a_number(digits: str, style: str) -> str:
    body = digits.lstrip("0") if style == "short" and digits.startswith("0") else digits
    if style == "spaced":
        return f"A{digits[:3]} {digits[3:6]} {digits[6:]}"
    if style == "hash":
        return f"A# {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return f"A{body}"


def fmt_receipt(number: str, style: str) -> str:
    if style == "dashed":
        return f"{number[:3]}-{number[3:5]}-{number[5:8]}-{number[8:]}"
    return number


def fmt_form(form: str, style: str) -> str:
    """The form number as the case type line prints it; 'ocr' gives what an OCR'd text layer holds."""
    letter, digits = form.split("-")
    if style == "compact":
        return f"{letter}{digits}"
    if style == "spaced":
        return f"{letter} {digits}"
    if style == "ocr":
        return {"I": "1", "N": "N"}[letter] + digits if digits in ("907", "131") else f"l-{digits}"
    return form


def person(rnd: random.Random) -> tuple[str, str, str]:
    return rnd.choice(FAMILY), rnd.choice(GIVEN), rnd.choice("ABCDEJKLMNRS")


def person_text(name: tuple[str, str, str], style: str) -> str:
    family_name, given, middle = name
    if style == "given-first":
        return f"{given.title()} {middle}. {family_name.title()}"
    return f"{family_name}, {given} {middle}"


# ---------------------------------------------------------------------------------------------
# One notice: what it says, and what the parser should return for it.


@dataclass
class Notice:
    kind: str
    form: str
    receipt: str
    received: dt.date
    notice_date: dt.date
    family: str
    font: str
    priority: dt.date | None = None
    petitioner: str | None = None
    beneficiary: str | None = None
    applicant: str | None = None
    a_number: str | None = None
    classification: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    response_due: dt.date | None = None
    appointment: dict[str, Any] | None = None
    i94: str | None = None
    amount: str | None = None
    addressee: list[str] = field(default_factory=list)
    pages: int = 1
    # how it is printed
    date_style: str = "mdy"
    form_style: str = "compact"
    receipt_style: str = "plain"
    a_style: str = "spaced"
    amount_style: str = "us"
    name_style: str = "family-first"
    type_text: str = ""
    traps: list[str] = field(default_factory=list)

    def truth(self, pages: list[int]) -> dict[str, Any]:
        """The expected parse, in the parser's field names (ISO dates, digits for numbers)."""
        iso = lambda day: day.isoformat() if day else None  # noqa: E731
        return {
            "pages": pages,
            "notice_type": NOTICE_TYPE[self.kind],
            "form": self.form,
            "receipt_number": self.receipt,
            "received_date": iso(self.received),
            "notice_date": iso(self.notice_date),
            "priority_date": iso(self.priority),
            "petitioner": self.petitioner,
            "beneficiary": self.beneficiary,
            "applicant": self.applicant,
            "classification": self.classification,
            "valid_from": iso(self.valid_from),
            "valid_to": iso(self.valid_to),
            "response_due": iso(self.response_due),
            "appointment": self.appointment and {key: self.appointment[key] for key in ("date", "time", "location")},
            "i94_number": self.i94,
            "amount": self.amount,
            "a_number": self.a_number,
            "_kind": self.kind,
            "_family": self.family,
            "_font": self.font,
            "_traps": list(self.traps),
        }


def receipt_number(rnd: random.Random, office: str, year: int) -> str:
    return f"{office}{year % 100:02d}{rnd.randint(10000000, 99999999)}"


def make_notice(rnd: random.Random, kind: str, form: str, family: str, font: str, **over: Any) -> Notice:
    """A fictional notice of ``kind`` on ``form`` in layout ``family``; ``over`` sets any field."""
    old = family == "courier"
    year = rnd.randint(2008, 2013) if old else rnd.randint(2023, 2026)
    received = over.pop("received", None) or dt.date(year, rnd.randint(1, 10), rnd.randint(1, 28))
    gap = rnd.randint(5, 40) if kind in ("receipt", "premium", "rejection") else rnd.randint(30, 200)
    notice_date = over.pop("notice_date", None) or received + dt.timedelta(days=gap)
    office = rnd.choice([code for code in FORMS[form][1] if not (old and code == "IOE")] or ["MSC"])
    note = Notice(
        kind=kind,
        form=form,
        receipt=receipt_number(rnd, office, received.year),
        received=received,
        notice_date=notice_date,
        family=family,
        font=font,
        addressee=list(rnd.choice(ADDRESSEES)),
    )
    note.type_text = rnd.choice(NOTICE_TYPE_TEXT[kind])
    styles = {"inline": rnd.choice(["long", "mdy"]), "table": "abbr", "courier": rnd.choice(["long", "mdy"])}
    note.date_style = styles.get(family, "mdy")
    note.form_style = rnd.choice(["compact", "compact", "hyphen"]) if family != "inline" else "hyphen"
    note.receipt_style = "dashed" if old and rnd.random() < 0.7 else "plain"
    note.a_style = rnd.choice(["spaced", "plain", "hash"])
    note.name_style = "given-first" if family == "inline" else "family-first"
    note.amount_style = {"upper": "plain", "courier": "us", "boxed": "us"}.get(family, rnd.choice(["us", "plain"]))
    who = person(rnd)
    if form in COMPANY_PETITIONS:
        note.petitioner = rnd.choice(COMPANIES)
        note.beneficiary = person_text(who, note.name_style)
    elif form in PERSON_PETITIONS:
        note.petitioner = person_text(person(rnd), note.name_style)
        note.beneficiary = person_text(who, note.name_style)
    else:
        note.applicant = person_text(who, note.name_style)
        digits = f"{rnd.randint(0, 2) if rnd.random() < 0.3 else rnd.randint(1, 2)}{rnd.randint(10000000, 99999999)}"
        note.a_number = digits
        if digits.startswith("0") and rnd.random() < 0.6:
            note.a_style = "short"  # an 8-digit A-Number as printed: A12345678
        note.traps.append("a-number-first-line")
    if kind in ("receipt", "premium"):
        note.amount = rnd.choice(FORMS[form][2])
    if form in ("I-140", "I-130", "I-485") and kind in ("receipt", "approval", "rfe", "transfer", "noid"):
        note.priority = received - dt.timedelta(days=rnd.randint(0, 400)) if form == "I-485" else received
    if kind in ("approval", "approval_i94", "approval_abroad") and form in CLASSES:
        note.classification = rnd.choice(CLASSES[form])
        note.valid_from = notice_date + dt.timedelta(days=rnd.randint(0, 60))
        years = rnd.choice([1, 2, 3])
        note.valid_to = note.valid_from.replace(year=note.valid_from.year + years) - dt.timedelta(days=1)
    if kind == "approval_i94":
        note.i94 = f"{rnd.randint(1, 9)}{rnd.randint(0, 10**10 - 1):010d}"
    if kind == "rfe":
        note.response_due = notice_date + dt.timedelta(days=87)
        note.pages = rnd.choice([1, 2])
    if kind in ("noid", "noir"):
        note.response_due = notice_date + dt.timedelta(days=33)
    if kind == "biometrics":
        asc = rnd.choice(ASCS)
        day = notice_date + dt.timedelta(days=rnd.randint(10, 35))
        hhmm = f"{rnd.choice([8, 9, 10, 11, 13, 14, 15])}:{rnd.choice(['00', '30'])}"
        note.appointment = {
            "date": day.isoformat(),
            "time": f"{int(hhmm.split(':')[0]):02d}:{hhmm.split(':')[1]}",
            "location": asc[1],
            "lines": list(asc),
        }
    for key, value in over.items():
        setattr(note, key, value)
    return note


# ---------------------------------------------------------------------------------------------
# Text of a notice, shared by the layouts.


def body_paragraphs(note: Notice, rnd: random.Random) -> list[str]:
    """Boilerplate as USCIS notices word it (paraphrased), with mentions of other actions on purpose."""
    fee = fmt_amount(note.amount, note.amount_style) if note.amount else ""
    due = fmt_date(note.response_due, note.date_style) if note.response_due else ""
    paras: dict[str, list[str]] = {
        "receipt": [
            "The above application or petition has been received. It usually takes some time to process this type "
            "of case. Please notify us immediately if any of the above information is incorrect.",
            "If we find we need more evidence or information, we may send you a request for evidence (RFE) or a "
            "notice of intent to deny (NOID) before we make a decision. Keep this notice for your records.",
            "You can check the status of your case online with the receipt number above.",
        ],
        "premium": [
            "We have received your request for premium processing service. Within the premium processing time frame "
            "we will issue an approval notice, a request for evidence, a notice of intent to deny, a denial "
            "notice, or notify you that we have opened an investigation for fraud or misrepresentation.",
            "If we issue a request for evidence or a notice of intent to deny, a new premium processing time frame "
            "begins when we receive your response. The premium processing fee is not refundable in that case.",
        ],
        "biometrics": [
            "To process your application, USCIS must take your biometrics. Please appear at the Application Support "
            "Center below at the date and time shown. If you fail to appear as scheduled, your application may be "
            "considered abandoned and denied.",
            "Bring this notice and a valid photo identification (passport, driver's license, or national ID).",
        ],
        "transfer": [
            "We have transferred your case to another USCIS office so that it can be processed more quickly. The "
            "office now handling your case will send you notice of any further action, which may include a request "
            "for evidence or an interview notice. Your receipt number does not change.",
        ],
        "rejection": [
            "Your application or petition is rejected and returned to you for the following reason: the filing "
            "fee submitted was not the correct amount, or the form was not signed. You may correct the problem and "
            "file it again with the correct fee. A rejected filing does not keep a place in line.",
        ],
        "approval": [
            "The above petition has been approved. Please contact the U.S. Consulate or Port of Entry if the "
            "beneficiary needs a visa. This notice does not itself grant any immigration status or benefit.",
            "USCIS may revoke approval of a petition or issue a notice of intent to revoke if it finds the facts "
            "stated in the petition were not true. Keep this notice for your records.",
        ],
        "rfe": [
            "We have reviewed your case and we need additional evidence before we can make a decision. The "
            "evidence requested below must be submitted together with the original of this notice.",
            f"Your response must be received in this office by {due}. If you do not respond by that date, "
            "we will consider the case abandoned or decide it on the record; we may also issue a notice of intent "
            "to deny.",
        ],
        "noid": [
            "This notice informs you of our intent to deny the above case. On review of the record, including "
            "your response to the request for evidence we sent earlier, the evidence does not establish "
            "eligibility for the benefit sought.",
            f"You may submit evidence in rebuttal. Your response must be received by {due} (30 days plus 3 days for "
            "mailing from the date of this notice). If you do not respond, we will deny the case.",
        ],
        "noir": [
            "This notice informs you of our intent to revoke the approval of the above petition under 8 CFR "
            "205.2. The record shows that the job offer described in the petition may no longer exist.",
            f"You may offer evidence in support of the petition. Your response must be received by {due}. "
            "If you do not respond, the approval will be revoked without further notice.",
        ],
    }
    kind = {"approval_i94": "approval", "approval_abroad": "approval"}.get(note.kind, note.kind)
    out = list(paras[kind])
    if note.kind == "approval_i94":
        out.insert(
            1,
            "The bottom part of this notice shows the new I-94 record of the beneficiary or applicant. "
            "Tear it off and keep it with the passport.",
        )
    if note.kind == "approval_abroad":
        out.insert(
            1,
            "The beneficiary is outside the United States. We have sent a copy of this notice to the "
            "Department of State for consular processing.",
        )
    if note.amount and note.family in ("boxed", "courier", "inline"):
        label = "AMOUNT RECEIVED:" if note.family == "courier" and rnd.random() < 0.5 else "Amount received:"
        out.insert(0, f"{label} {fee}")
    return out


def rfe_items() -> list[str]:
    return [
        "1. Evidence that the position is a specialty occupation: a detailed description of the duties, the "
        "percentage of time spent on each, and the minimum education required.",
        "2. Evidence of the employer-employee relationship for the whole period requested, such as the "
        "end-client letter, the statement of work, and the itinerary of services.",
        "3. Copies of the beneficiary's pay statements for the last three months, and Forms W-2.",
        "4. An evaluation of the beneficiary's foreign education by a credentials evaluation service.",
    ]


@dataclass
class Grid:
    """The labelled values of one notice, in reading order (label keys, value lines)."""

    rows: list[tuple[str, list[str]]]

    def get(self, key: str) -> list[str]:
        for name, lines in self.rows:
            if name == key:
                return lines
        return []


def grid_values(note: Notice, page: int) -> Grid:
    d = lambda day: fmt_date(day, note.date_style) if day else ""  # noqa: E731
    desc = FORMS[note.form][0]
    if note.family == "inline":
        desc = desc.title()
        for word in (" For ", " To ", " Or ", " A "):
            desc = desc.replace(word, word.lower())
    form_text = fmt_form(note.form, note.form_style)
    case_type = f"{form_text} - {desc}"
    rows: list[tuple[str, list[str]]] = [
        ("receipt", [fmt_receipt(note.receipt, note.receipt_style)]),
        ("case_type", [case_type]),
        ("received", [d(note.received)]),
        ("priority", [d(note.priority)]),
        ("notice_date", [d(note.notice_date)]),
        ("page", [f"{page} of {note.pages}"]),
    ]
    if note.applicant:
        lines = [note.applicant]
        if note.a_number:
            lines.insert(0, fmt_a_number(note.a_number, note.a_style))
        rows.append(("applicant", lines))
    if note.petitioner:
        rows.append(("petitioner", [note.petitioner]))
    if note.beneficiary:
        rows.append(("beneficiary", [note.beneficiary]))
    rows.append(("notice_type", [note.type_text]))
    if note.classification:
        cls = note.classification
        if note.family in ("inline", "table") and cls[0] in "HL" and len(cls) == 3:
            cls = f"{cls[0]}-{cls[1:]}"
        rows.append(("class", [cls]))
    if note.valid_from and note.valid_to:
        rows.append(("valid_from", [d(note.valid_from)]))
        rows.append(("valid_to", [d(note.valid_to)]))
    if note.i94:
        rows.append(("i94", [f"{note.i94[:9]} {note.i94[9:]}" if note.family == "courier" else note.i94]))
    if note.amount:
        rows.append(("amount", [fmt_amount(note.amount, note.amount_style)]))
    if note.response_due:
        rows.append(("response_due", [d(note.response_due)]))
    return Grid(rows)


LABELS: dict[str, dict[str, str]] = {
    "boxed": {
        "receipt": "Receipt Number",
        "case_type": "Case Type",
        "received": "Received Date",
        "priority": "Priority Date",
        "notice_date": "Notice Date",
        "page": "Page",
        "applicant": "Applicant",
        "petitioner": "Petitioner",
        "beneficiary": "Beneficiary",
        "notice_type": "Notice Type",
        "class": "Class",
        "valid_from": "Valid From",
        "valid_to": "Valid To",
        "i94": "I-94 Number",
        "amount": "Amount Received",
        "response_due": "Response Due",
    },
    "under": {
        "receipt": "RECEIPT NUMBER",
        "case_type": "CASE TYPE",
        "received": "RECEIVED DATE",
        "priority": "PRIORITY DATE",
        "notice_date": "NOTICE DATE",
        "page": "PAGE",
        "applicant": "APPLICANT",
        "petitioner": "PETITIONER",
        "beneficiary": "BENEFICIARY",
        "notice_type": "NOTICE TYPE",
        "class": "CLASS",
        "valid_from": "VALID FROM",
        "valid_to": "VALID TO",
        "i94": "I-94 NUMBER",
        "amount": "AMOUNT RECEIVED",
        "response_due": "RESPONSE DUE",
    },
    "courier": {
        "receipt": "RECEIPT NUMBER",
        "case_type": "CASE TYPE",
        "received": "RECEIPT DATE",
        "priority": "PRIORITY DATE",
        "notice_date": "NOTICE DATE",
        "page": "PAGE",
        "applicant": "APPLICANT",
        "petitioner": "PETITIONER",
        "beneficiary": "BENEFICIARY",
        "notice_type": "NOTICE TYPE",
        "class": "CLASS",
        "valid_from": "VALID FROM",
        "valid_to": "TO",
        "i94": "I-94#",
        "amount": "AMOUNT RECEIVED",
        "response_due": "RESPONSE DUE",
    },
    "inline": {
        "receipt": "Receipt Number",
        "case_type": "Case Type",
        "received": "Received Date",
        "priority": "Priority Date",
        "notice_date": "Notice Date",
        "page": "Page",
        "applicant": "Applicant",
        "petitioner": "Petitioner",
        "beneficiary": "Beneficiary",
        "notice_type": "Notice Type",
        "class": "Classification",
        "valid_from": "Valid From",
        "valid_to": "Valid Until",
        "i94": "I-94 Number",
        "amount": "Amount Received",
        "response_due": "Response Due Date",
    },
    "upper": {
        "receipt": "RECEIPT NUMBER",
        "case_type": "CASE TYPE",
        "received": "RECEIVED DATE",
        "priority": "PRIORITY DATE",
        "notice_date": "NOTICE DATE",
        "page": "PAGE",
        "applicant": "APPLICANT",
        "petitioner": "PETITIONER",
        "beneficiary": "BENEFICIARY",
        "notice_type": "NOTICE TYPE",
        "class": "CLASS",
        "valid_from": "VALID FROM",
        "valid_to": "VALID UNTIL",
        "i94": "I-94 NUMBER",
        "amount": "AMOUNT RECEIVED",
        "response_due": "RESPONSE DUE DATE",
    },
    "table": {
        "receipt": "Receipt #",
        "case_type": "Form / Case Type",
        "received": "Date Received",
        "priority": "Priority Date",
        "notice_date": "Date of Notice",
        "page": "Page",
        "applicant": "Applicant",
        "petitioner": "Petitioner",
        "beneficiary": "Beneficiary",
        "notice_type": "Type of Notice",
        "class": "Classification",
        "valid_from": "Valid From",
        "valid_to": "Valid Until",
        "i94": "I-94 Admission #",
        "amount": "Fee Received",
        "response_due": "Respond By",
    },
}
FAMILIES = tuple(LABELS)


# ---------------------------------------------------------------------------------------------
# Drawing.


class Pen:
    """Text on a reportlab canvas with one font set, y measured down from the page top."""

    def __init__(self, c: canvas.Canvas, fonts: tuple[str, str]) -> None:
        self.c = c
        self.regular, self.bold = fonts

    def text(self, x: float, y: float, s: str, size: float = 10, bold: bool = False, align: str = "left") -> None:
        font = self.bold if bold else self.regular
        self.c.setFont(font, size)
        if align == "center":
            self.c.drawCentredString(x, PAGE_H - y, s)
        elif align == "right":
            self.c.drawRightString(x, PAGE_H - y, s)
        else:
            self.c.drawString(x, PAGE_H - y, s)

    def width(self, s: str, size: float, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(s, self.bold if bold else self.regular, size)

    def wrap(self, s: str, size: float, width: float, bold: bool = False) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in s.split():
            trial = f"{current} {word}".strip()
            if current and self.width(trial, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines or [""]

    def para(self, x: float, y: float, s: str, size: float, width: float, bold: bool = False) -> float:
        for line in self.wrap(s, size, width, bold):
            self.text(x, y, line, size, bold)
            y += size * 1.25
        return y + size * 0.5

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None) -> None:
        self.c.setLineWidth(0.6)
        if fill is not None:
            self.c.setFillGray(fill)
            self.c.rect(x, PAGE_H - y - h, w, h, stroke=1, fill=1)
            self.c.setFillGray(0)
        else:
            self.c.rect(x, PAGE_H - y - h, w, h, stroke=1, fill=0)

    def hline(self, x1: float, x2: float, y: float, dash: bool = False) -> None:
        self.c.setLineWidth(0.6)
        if dash:
            self.c.setDash(4, 3)
        self.c.line(x1, PAGE_H - y, x2, PAGE_H - y)
        self.c.setDash()


def appointment_lines(note: Notice, style: str) -> list[str]:
    appt = note.appointment or {}
    day = dt.date.fromisoformat(appt["date"])
    when = f"{fmt_date(day, note.date_style)} at {fmt_time(appt['time'])}"
    lines = list(appt["lines"])
    if style == "inline":
        return [
            f"Appointment Date: {fmt_date(day, note.date_style)}",
            f"Appointment Time: {fmt_time(appt['time'])}",
            "Location: " + ", ".join(lines),
        ]
    return ["APPLICATION SUPPORT CENTER", *lines, "DATE AND TIME OF APPOINTMENT", when]


def tearoff_lines(note: Notice) -> list[str]:
    name = note.beneficiary or note.applicant or ""
    valid_to = fmt_date(note.valid_to, note.date_style) if note.valid_to else ""
    number = f"{note.i94[:9]} {note.i94[9:]}" if note.family == "courier" and note.i94 else note.i94 or ""
    return [
        f"Receipt# {fmt_receipt(note.receipt, note.receipt_style)}",
        f"I-94# {number}",
        f"NAME {name}",
        f"CLASS {note.classification}  UNTIL {valid_to}",
    ]


def footer(pen: Pen, note: Notice, size: float = 7.5) -> None:
    office = OFFICES[note.receipt[:3]]
    y = PAGE_H - 78
    for line in office:
        pen.text(40, y, line, size)
        y += size * 1.3
    pen.text(40, y + 4, "Customer Service Telephone: 800-375-5283", size)
    pen.text(572, PAGE_H - 30, f"Form {KIND_TITLE[note.kind]} 07/11/14", size, align="right")


def draw_extras(pen: Pen, note: Notice, y: float, size: float, style: str, compact: bool) -> float:
    if note.appointment:
        for i, line in enumerate(appointment_lines(note, style)):
            pen.text(60, y, line, size, bold=(style != "inline" and i in (0, 4)))
            y += size * 1.35
        y += 6
    if note.i94 and not compact:
        ty = PAGE_H - 150
        pen.hline(30, 582, ty - 12, dash=True)
        pen.text(306, ty - 16, "Please tear off the part below and keep it with the passport", 6.5, align="center")
        for i, line in enumerate(tearoff_lines(note)):
            pen.text(330 if style == "courier" else 320, ty + 4 + i * (size * 1.35), line, size)
        pen.text(40, ty + 4, "Departure Record", size, bold=True)
        pen.text(40, ty + 4 + size * 1.35, "Form I-94 (detach)", size)
    return y


def draw_body(pen: Pen, note: Notice, rnd: random.Random, y: float, size: float, width: float, compact: bool) -> float:
    paras = body_paragraphs(note, rnd)
    if compact:
        paras = paras[:2]
    for para in paras:
        y = pen.para(40, y, para, size, width)
    return y


def draw_boxed(pen: Pen, note: Notice, grid: Grid, rnd: random.Random, compact: bool) -> None:
    """Family 'boxed': modern grid of boxes, labels above values."""
    lab = LABELS["boxed"]
    pen.text(306, 40, "THE UNITED STATES OF AMERICA", 13, bold=True, align="center")
    pen.text(40, 62, f"{KIND_TITLE[note.kind]} | NOTICE OF ACTION", 11, bold=True)
    pen.text(572, 62, "Department of Homeland Security", 8, align="right")
    y = 72.0

    def row(cells: list[tuple[str, float]]) -> None:
        nonlocal y
        x = 40.0
        wrapped = [
            (key, w, [part for line in grid.get(key) for part in pen.wrap(line, 9.5, w - 8)]) for key, w in cells
        ]
        h = 14 + 11.5 * max(len(lines) for _, _, lines in wrapped)
        for key, w, lines in wrapped:
            pen.rect(x, y, w, h)
            pen.text(x + 3, y + 8, lab[key], 6.5)
            for i, line in enumerate(lines):
                pen.text(x + 4, y + 18 + i * 11.5, line, 9.5)
            x += w
        y += h

    row([("receipt", 180), ("case_type", 352)])
    row([("received", 140), ("priority", 140), ("notice_date", 140), ("page", 112)])
    parties = [key for key in ("applicant", "petitioner", "beneficiary") if grid.get(key)]
    row([(key, 532 / len(parties)) for key in parties])
    row(
        [("notice_type", 532)]
        if not note.classification
        else [("notice_type", 200), ("class", 92), ("valid_from", 120), ("valid_to", 120)]
    )
    y += 14
    if note.response_due:
        pen.text(40, y, f"Response due: {grid.get('response_due')[0]}", 10, bold=True)
        y += 16
    for line in note.addressee:
        pen.text(40, y, line, 9.5)
        y += 11.5
    y += 10
    y = draw_body(pen, note, rnd, y, 9, 532, compact)
    draw_extras(pen, note, y + 4, 9.5, "boxed", compact)
    if not compact:
        footer(pen, note)


def draw_under(pen: Pen, note: Notice, grid: Grid, rnd: random.Random, compact: bool) -> None:
    """Family 'under': values above their labels (a rule, then a small caption under it)."""
    lab = LABELS["under"]
    pen.text(40, 38, "THE UNITED STATES OF AMERICA", 12, bold=True)
    pen.text(572, 38, f"{KIND_TITLE[note.kind]}, NOTICE OF ACTION", 11, bold=True, align="right")

    def cell(key: str, x: float, y: float, w: float) -> float:
        lines = [part for line in grid.get(key) for part in pen.wrap(line, 10, w)] or [""]
        for i, line in enumerate(lines):
            pen.text(x, y + i * 12, line, 10)
        y += 12 * (len(lines) - 1) + 4
        pen.hline(x, x + w, y)
        pen.text(x, y + 8, lab[key], 6.5)
        return y + 22

    left = ["receipt", "received", "notice_date"]
    right = ["case_type", "priority", "page"]
    yl = yr = 64.0
    for key in left:
        yl = cell(key, 40, yl, 220)
    for key in right:
        yr = cell(key, 300, yr, 272)
    y = max(yl, yr)
    parties = [key for key in ("applicant", "petitioner", "beneficiary") if grid.get(key)]
    ys = [cell(key, 40 + i * 266, y, 240) for i, key in enumerate(parties)]
    y = max(ys)
    y = cell("notice_type", 40, y, 300)
    if note.classification:
        y = max(cell("class", 40, y, 100), cell("valid_from", 170, y, 150), cell("valid_to", 350, y, 150))
    if note.i94:
        y = cell("i94", 40, y, 200)
    if note.amount:
        y = cell("amount", 40, y, 200)
    if note.response_due:
        y = cell("response_due", 40, y, 200)
    for line in note.addressee:
        pen.text(330, y, line, 9.5)
        y += 11.5
    y += 8
    y = draw_body(pen, note, rnd, y, 9, 532, compact)
    draw_extras(pen, note, y + 4, 9.5, "under", compact)
    if not compact:
        footer(pen, note)


def draw_courier(pen: Pen, note: Notice, grid: Grid, rnd: random.Random, compact: bool) -> None:
    """Family 'courier': the older monospaced grid, labels over values in fixed columns, no boxes."""
    lab = LABELS["courier"]
    size = 9.0
    col = pen.width("M", size)
    y = 40.0

    def line(s: str, bold: bool = False) -> None:
        nonlocal y
        pen.text(40, y, s, size, bold)
        y += size * 1.3

    line(" " * 28 + "THE UNITED STATES OF AMERICA", bold=True)
    line("")
    line(" " * 64 + f"{KIND_TITLE[note.kind]} NOTICE OF ACTION", bold=True)
    line("")
    code = (
        fmt_form(note.form, note.form_style).replace("-", "")
        if note.form_style != "ocr"
        else fmt_form(note.form, "ocr")
    )
    desc = FORMS[note.form][0]
    width_right = int(532 / col) - 44

    def pair(labels: list[tuple[int, str]], values: list[tuple[int, list[str]]]) -> None:
        text = ""
        for pos, label in labels:
            text = text.ljust(pos) + label
        line(text)
        depth = max(len(v) for _, v in values)
        for i in range(depth):
            text = ""
            for pos, vals in values:
                if i < len(vals):
                    text = text.ljust(pos) + vals[i]
            line(text)

    def wrap_col(s: str, width: int) -> list[str]:
        out, cur = [], ""
        for word in s.split():
            if cur and len(cur) + 1 + len(word) > width:
                out.append(cur)
                cur = word
            else:
                cur = f"{cur} {word}".strip()
        return [*out, cur] if cur else out

    pair(
        [(0, lab["receipt"]), (44, f"{lab['case_type']}  {code}")],
        [(0, grid.get("receipt")), (44, wrap_col(desc, width_right))],
    )
    first_party = "applicant" if grid.get("applicant") else "petitioner"
    party_lines = [part for value in grid.get(first_party) for part in wrap_col(value, width_right)]
    pair(
        [(0, lab["received"]), (22, lab["priority"]), (44, lab[first_party])],
        [(0, grid.get("received")), (22, grid.get("priority")), (44, party_lines)],
    )
    second = grid.get("beneficiary") if first_party == "petitioner" else []
    pair(
        [(0, lab["notice_date"]), (22, lab["page"]), (44, lab["beneficiary"] if second else "")],
        [(0, grid.get("notice_date")), (22, grid.get("page")), (44, second)],
    )
    line("")
    line(" " * 44 + f"NOTICE TYPE: {note.type_text.upper()}")
    if note.classification and note.valid_from and note.valid_to:
        line(
            f"CLASS: {note.classification}".ljust(44) + f"VALID FROM {grid.get('valid_from')[0]} TO "
            f"{grid.get('valid_to')[0]}"
        )
    if note.i94:
        line(f"I-94#: {grid.get('i94')[0]}")
    if note.response_due:
        line(f"RESPONSE DUE: {grid.get('response_due')[0]}")
    line("")
    for address in note.addressee:
        line(address)
    line("")
    for para in body_paragraphs(note, rnd)[: 2 if compact else None]:
        for text in wrap_col(para, int(532 / col)):
            line(text)
        line("")
    draw_extras(pen, note, y + 4, size, "courier", compact)
    if not compact:
        footer(pen, note, 7.5)


def draw_inline(pen: Pen, note: Notice, grid: Grid, rnd: random.Random, compact: bool) -> None:
    """Family 'inline': a letter with "Label: value" lines."""
    lab = LABELS["inline"]
    pen.text(40, 40, "U.S. Department of Homeland Security", 10, bold=True)
    pen.text(40, 53, "U.S. Citizenship and Immigration Services", 10)
    pen.text(572, 40, f"Form {KIND_TITLE[note.kind]}, Notice of Action", 10, bold=True, align="right")
    y = 80.0
    for line in note.addressee:
        pen.text(40, y, line, 10)
        y += 12.5
    y += 12
    for key in (
        "receipt",
        "case_type",
        "received",
        "priority",
        "notice_date",
        "applicant",
        "petitioner",
        "beneficiary",
        "notice_type",
        "class",
        "valid_from",
        "valid_to",
        "i94",
        "amount",
        "response_due",
    ):
        values = grid.get(key)
        if not values or not values[0]:
            continue
        label = f"{lab[key]}:"
        indent = 40 + pen.width(label + " ", 10, bold=True)
        pen.text(40, y, label, 10, bold=True)
        for value in values:
            for part in pen.wrap(value, 10, 572 - indent):
                pen.text(indent, y, part, 10)
                y += 12.5
    y += 10
    paras = body_paragraphs(note, rnd)
    if note.amount:
        paras = paras[1:]  # the amount is in the lines above
    for para in paras[: 2 if compact else None]:
        y = pen.para(40, y, para, 10, 532)
    y = draw_extras(pen, note, y + 4, 10, "inline", compact)
    if not compact:
        pen.text(40, y + 10, "Sincerely,", 10)
        pen.text(40, y + 36, "Director, Service Center Operations", 10)
        pen.text(306, PAGE_H - 30, f"Page {grid.get('page')[0]}", 8, align="center")
        footer(pen, note)


def draw_upper(pen: Pen, note: Notice, grid: Grid, rnd: random.Random, compact: bool) -> None:
    """Family 'upper': black banner, upper-case labels with the value to their right."""
    lab = LABELS["upper"]
    pen.rect(30, 26, 552, 22, fill=0.0)
    pen.c.setFillGray(1)
    pen.text(306, 41, "THE UNITED STATES OF AMERICA", 12, bold=True, align="center")
    pen.c.setFillGray(0)
    pen.text(40, 66, f"{KIND_TITLE[note.kind]} | NOTICE OF ACTION", 11, bold=True)
    y = 84.0

    def pair(key: str, x: float, y: float, label_w: float, value_w: float) -> float:
        pen.text(x, y, lab[key], 7.5, bold=True)
        values = [part for line in grid.get(key) for part in pen.wrap(line, 9.5, value_w)] or [""]
        for i, value in enumerate(values):
            pen.text(x + label_w, y + i * 11.5, value, 9.5)
        return y + 11.5 * len(values) + 4

    yl = yr = y
    for key in ("receipt", "received", "priority", "notice_date", "page"):
        yl = pair(key, 40, yl, 95, 140)
    yr = pair("case_type", 300, yr, 70, 200)
    y = max(yl, yr) + 6
    for key in ("applicant", "petitioner", "beneficiary"):
        if grid.get(key):
            y = pair(key, 40, y, 95, 420)
    pen.text(40, y + 4, f"NOTICE TYPE: {note.type_text.upper()}", 11, bold=True)
    y += 22
    if note.amount:
        pen.text(40, y, f"AMOUNT RECEIVED: {grid.get('amount')[0]}", 10, bold=True)
        y += 16
    if note.classification:
        y = pair("class", 40, y, 95, 100)
        y = pair("valid_from", 40, y, 95, 100)
        y = pair("valid_to", 40, y, 95, 100)
    if note.response_due:
        y = pair("response_due", 40, y, 120, 100)
    y += 6
    for line in note.addressee:
        pen.text(40, y, line, 9.5)
        y += 11.5
    y += 10
    y = draw_body(pen, note, rnd, y, 9, 532, compact)
    draw_extras(pen, note, y + 4, 9.5, "upper", compact)
    if not compact:
        footer(pen, note)


def draw_table(pen: Pen, note: Notice, grid: Grid, rnd: random.Random, compact: bool) -> None:
    """Family 'table': a two-column table, shaded label cells on the left, values on the right."""
    lab = LABELS["table"]
    pen.text(40, 40, "THE UNITED STATES OF AMERICA", 11, bold=True)
    pen.text(40, 54, "Department of Homeland Security - U.S. Citizenship and Immigration Services", 8)
    pen.text(572, 40, f"Notice of Action  {KIND_TITLE[note.kind]}", 11, bold=True, align="right")
    y = 70.0
    for key in (
        "receipt",
        "case_type",
        "received",
        "priority",
        "notice_date",
        "page",
        "applicant",
        "petitioner",
        "beneficiary",
        "notice_type",
        "class",
        "valid_from",
        "valid_to",
        "i94",
        "amount",
        "response_due",
    ):
        if not grid.get(key) and key not in ("priority",):
            continue
        lines = [part for line in grid.get(key) for part in pen.wrap(line, 9.5, 380)] or [""]
        h = 6 + 12 * len(lines)
        pen.rect(40, y, 140, h, fill=0.88)
        pen.rect(180, y, 392, h)
        pen.text(44, y + 12, lab[key], 8.5, bold=True)
        for i, line in enumerate(lines):
            pen.text(186, y + 12 + i * 12, line, 9.5)
        y += h
    y += 14
    for line in note.addressee:
        pen.text(40, y, line, 9.5)
        y += 11.5
    y += 10
    y = draw_body(pen, note, rnd, y, 9, 532, compact)
    draw_extras(pen, note, y + 4, 9.5, "table", compact)
    if not compact:
        footer(pen, note)


DRAW: dict[str, Callable[[Pen, Notice, Grid, random.Random, bool], None]] = {
    "boxed": draw_boxed,
    "under": draw_under,
    "courier": draw_courier,
    "inline": draw_inline,
    "upper": draw_upper,
    "table": draw_table,
}


def draw_continuation(pen: Pen, note: Notice, page: int) -> None:
    """Page 2 of an RFE: a running header with the receipt number, then the list of evidence."""
    lab = LABELS[note.family]
    receipt = fmt_receipt(note.receipt, note.receipt_style)
    pen.text(40, 40, f"{lab['receipt']}: {receipt}", 9.5, bold=True)
    pen.text(572, 40, f"Page {page} of {note.pages}", 9.5, align="right")
    y = 70.0
    pen.text(40, y, "Evidence requested (continued)", 10, bold=True)
    y += 20
    for item in rfe_items():
        y = pen.para(40, y, item, 9.5, 532)
    y = pen.para(
        40,
        y + 6,
        "Submit all of the evidence at one time, with the original of this notice on top. "
        "A response that is incomplete may lead to a notice of intent to deny or a denial.",
        9.5,
        532,
    )
    footer(pen, note)


def draw_notice_page(
    c: canvas.Canvas,
    fonts: dict[str, tuple[str, str]],
    note: Notice,
    page: int,
    rnd: random.Random,
    compact: bool = False,
) -> None:
    pen = Pen(c, fonts[note.font])
    if page == 1:
        DRAW[note.family](pen, note, grid_values(note, page), rnd, compact)
    else:
        draw_continuation(pen, note, page)


# ---------------------------------------------------------------------------------------------
# Documents that are not notices.


def draw_cover_letter(c: canvas.Canvas, fonts: dict[str, tuple[str, str]], rnd: random.Random) -> None:
    pen = Pen(c, fonts[pick_font(rnd, fonts, SERIF)])
    firm = rnd.choice(ADDRESSEES[:2] + ADDRESSEES[3:])
    office = OFFICES[rnd.choice(["WAC", "EAC"])]
    receipt = receipt_number(rnd, "WAC", 2025)
    name = person_text(person(rnd), "given-first")
    y = 50.0
    for line in firm[1:]:
        pen.text(306, y, line, 10, bold=line == firm[1], align="center")
        y += 12.5
    y += 20
    pen.text(40, y, fmt_date(dt.date(2025, rnd.randint(1, 12), rnd.randint(1, 28)), "long"), 11)
    y += 28
    for line in office[1:]:
        pen.text(40, y, line, 11)
        y += 13.5
    y += 16
    pen.text(40, y, f"Re: Receipt Number: {receipt}", 11, bold=True)
    pen.text(40, y + 14, "Form I-129, Petition for a Nonimmigrant Worker - H-1B", 11, bold=True)
    pen.text(40, y + 28, f"Beneficiary: {name}", 11, bold=True)
    y += 56
    for para in [
        "Dear Officer:",
        f"Enclosed please find our client's response to the Request for Evidence dated "
        f"{fmt_date(dt.date(2025, rnd.randint(1, 12), rnd.randint(1, 28)), 'mdy')}. A copy of the Form I-797A, "
        "Notice of Action, issued with the prior approval is included at Exhibit 4, together with the I-94 record.",
        "The petitioner respectfully asks that the petition be approved. Notice Type: this is a response, not a "
        "new filing; no fee is enclosed. Please direct any questions to the undersigned.",
        "Respectfully submitted,",
    ]:
        y = pen.para(40, y, para, 11, 532)
    pen.text(40, y + 30, firm[0], 11)
    pen.text(40, y + 44, "Attorney for the Petitioner", 11)


def draw_invoice(c: canvas.Canvas, fonts: dict[str, tuple[str, str]], rnd: random.Random) -> None:
    pen = Pen(c, fonts[pick_font(rnd, fonts, SANS)])
    firm = rnd.choice(ADDRESSEES[:2] + ADDRESSEES[3:])
    pen.text(40, 50, firm[1], 14, bold=True)
    pen.text(40, 66, f"{firm[2]}, {firm[3]}", 9)
    pen.text(572, 50, "INVOICE", 20, bold=True, align="right")
    day = dt.date(2025, rnd.randint(1, 12), rnd.randint(1, 28))
    pen.text(572, 72, f"Invoice No. {rnd.randint(10000, 99999)}", 10, align="right")
    pen.text(572, 86, f"Invoice Date: {fmt_date(day, 'mdy')}", 10, align="right")
    pen.text(572, 100, f"Due Date: {fmt_date(day + dt.timedelta(days=30), 'mdy')}", 10, align="right")
    pen.text(40, 120, "Bill to:", 10, bold=True)
    pen.text(40, 134, rnd.choice(COMPANIES), 10)
    receipt = receipt_number(rnd, "EAC", 2025)
    rows = [
        ("Legal fees: H-1B extension, Form I-129 and support letter", "3,500.00"),
        ("USCIS filing fee, Form I-129 (paid on client's behalf)", "780.00"),
        ("USCIS premium processing fee, Form I-907", "2,805.00"),
        (f"Courier, receipt notice {receipt}", "45.00"),
    ]
    y = 170.0
    pen.rect(40, y, 532, 18, fill=0.85)
    pen.text(46, y + 12, "Description", 10, bold=True)
    pen.text(566, y + 12, "Amount (USD)", 10, bold=True, align="right")
    y += 18
    for desc, amount in rows:
        pen.text(46, y + 14, desc, 10)
        pen.text(566, y + 14, amount, 10, align="right")
        y += 20
    pen.hline(40, 572, y + 6)
    pen.text(460, y + 24, "AMOUNT DUE:", 10, bold=True, align="right")
    pen.text(566, y + 24, "$7,130.00", 10, bold=True, align="right")
    pen.text(40, y + 60, "Please pay within 30 days. Thank you for your business.", 9)


def draw_status_email(c: canvas.Canvas, fonts: dict[str, tuple[str, str]], rnd: random.Random) -> None:
    pen = Pen(c, fonts[pick_font(rnd, fonts, SANS)])
    receipt = receipt_number(rnd, "IOE", 2025)
    day = dt.date(2025, rnd.randint(1, 12), rnd.randint(1, 28))
    y = 50.0
    for line in [
        f"From: case-updates@{rnd.choice(['example-hr.com', 'mobility.example.org'])}",
        "To: global.mobility@example.com",
        f"Sent: {fmt_date(day, 'long')} 9:14 AM",
        f"Subject: Case status update - {receipt}",
    ]:
        pen.text(40, y, line, 10)
        y += 13
    y += 16
    for para in [
        "Hello team,",
        f'USCIS online case status for receipt number {receipt} (Form I-765) now reads: "Request for Evidence '
        f'Was Sent". The notice itself (Form I-797E) has not arrived yet; we will scan it when it does.',
        "The employee's I-797C receipt notice and the biometrics appointment notice are already in the file. "
        "No action is needed from the employee until the notice arrives.",
        "Best regards,",
        "Global Mobility Operations",
    ]:
        y = pen.para(40, y, para, 10, 532)


NON_NOTICES: dict[str, Callable[[canvas.Canvas, dict[str, tuple[str, str]], random.Random], None]] = {
    "cover-letter": draw_cover_letter,
    "invoice": draw_invoice,
    "status-email": draw_status_email,
}


# ---------------------------------------------------------------------------------------------
# Files: sheets -> text PDF -> (optionally) scans and photos.


@dataclass
class Sheet:
    """One printed page: one notice page, two compact notices, or a non-notice."""

    notices: list[tuple[Notice, int]] = field(default_factory=list)
    other: str | None = None
    scan: bool = False  # in a mixed batch: this page arrives scanned


@dataclass
class FileSpec:
    name: str
    medium: str  # text-pdf, scan-pdf, mixed-pdf, image
    sheets: list[Sheet]
    label: str
    fmt: str = "pdf"  # pdf, jpeg, png, tiff
    effect: str = "scan"  # scan, photo, note
    traps: list[str] = field(default_factory=list)


def render_text_pdf(sheets: list[Sheet], fonts: dict[str, tuple[str, str]], rnd: random.Random) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle("")
    for sheet in sheets:
        if sheet.other:
            NON_NOTICES[sheet.other](c, fonts, rnd)
        elif len(sheet.notices) == 1:
            note, page = sheet.notices[0]
            draw_notice_page(c, fonts, note, page, rnd)
        else:
            scale = 0.72
            for slot, (note, page) in enumerate(sheet.notices):
                c.saveState()
                c.translate((PAGE_W - PAGE_W * scale) / 2, (215.0 if slot == 0 else -178.0))
                c.scale(scale, scale)
                draw_notice_page(c, fonts, note, page, rnd, compact=True)
                c.restoreState()
            c.setDash(3, 3)
            c.line(20, 396, 592, 396)
            c.setDash()
        c.showPage()
    c.save()
    return buf.getvalue()


def rasterize(pdf: bytes, index: int, dpi: int) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        bitmap = doc[index].render(scale=dpi / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        doc.close()


def degrade(img: Image.Image, rnd: random.Random) -> Image.Image:
    """A flatbed scan: grey paper, soft toner, skew of 0.5-2 degrees, noise, JPEG artefacts."""
    nrng = np.random.default_rng(rnd.randrange(2**32))
    paper, ink = rnd.uniform(222, 248), rnd.uniform(15, 70)
    a = np.asarray(img, dtype=np.float32)
    a = ink + (a / 255.0) * (paper - ink)
    h, w = a.shape
    a *= np.linspace(rnd.uniform(0.93, 1.0), rnd.uniform(0.95, 1.02), w)[None, :]  # uneven lamp
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 0.8)))
    angle = rnd.choice([-1, 1]) * rnd.uniform(0.5, 2.0)
    out = out.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=int(paper))
    a = np.asarray(out, dtype=np.float32) + nrng.normal(0, rnd.uniform(4, 10), (h, w))
    speckles = int(a.size * rnd.uniform(0.00003, 0.00015))
    a.flat[nrng.integers(0, a.size, speckles)] = nrng.uniform(0, 100, speckles)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=rnd.randint(45, 80))
    buf.seek(0)
    return Image.open(buf).convert("L")


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping output points ``dst`` to input points ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return [float(value) for value in np.linalg.solve(np.array(rows), np.array(rhs))]


def photograph(img: Image.Image, rnd: random.Random) -> Image.Image:
    """A phone photo of the page lying on a wooden desk: perspective, shading, background, colour."""
    nrng = np.random.default_rng(rnd.randrange(2**32))
    w, h = img.size
    cw, ch = int(w * 1.3), int(h * 1.2)
    xs = np.arange(cw)[None, :]
    ys = np.arange(ch)[:, None]
    grain = np.sin(xs / 9.0 + 3 * np.sin(ys / 140.0)) * 12 + nrng.normal(0, 6, (ch, cw))
    wood = np.stack([118 + grain, 82 + grain * 0.8, 52 + grain * 0.5], axis=-1)
    left, top = (cw - w) / 2, (ch - h) / 2
    jitter = lambda: rnd.uniform(-0.03, 0.03) * w  # noqa: E731
    dst = [
        (left + jitter() + w * 0.04, top + jitter()),
        (left + w + jitter() - w * 0.04, top + jitter()),
        (left + w + jitter(), top + h + jitter()),
        (left + jitter(), top + h + jitter()),
    ]
    coeffs = _perspective_coeffs(dst, [(0, 0), (w, 0), (w, h), (0, h)])
    page = img.convert("RGB").transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", img.size, 255).transform((cw, ch), Image.Transform.PERSPECTIVE, coeffs)
    page_a = np.asarray(page, dtype=np.float32) * np.array([1.0, 0.98, 0.93])  # warm light
    m = (np.asarray(mask, dtype=np.float32) / 255.0)[..., None]
    a = page_a * m + wood * (1 - m)
    cx, cy = rnd.uniform(0.2, 0.8) * cw, rnd.uniform(0.1, 0.5) * ch
    dist = np.sqrt((xs - cx) ** 2 + (ys - cy) ** 2) / np.hypot(cw, ch)
    a *= (1.05 - 0.45 * dist)[..., None]  # lamp and vignette
    a += nrng.normal(0, 3.5, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=85)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def handwritten_note(img: Image.Image, rnd: random.Random, dpi: int) -> Image.Image:
    """Blue ink in the margin: a slanted note, an underline scribble and a tick, as a clerk would add."""
    out = img.convert("RGB")
    w, h = out.size
    ink = (30, 50, 150)
    font_path = _find_ttf("DejaVuSans-Oblique.ttf") or _find_ttf("LiberationSans-Italic.ttf")
    size = int(dpi * 0.2)
    font = ImageFont.truetype(str(font_path), size) if font_path else ImageFont.load_default()
    note = Image.new("RGBA", (int(dpi * 2.6), int(dpi * 0.9)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(note)
    draw.text(
        (4, 4),
        rnd.choice(["copy to HR - KM", "scanned, orig. to file", "calendar it! -jb"]),
        font=font,
        fill=(*ink, 235),
    )
    pts = [(6 + i * 9, int(dpi * 0.45) + int(6 * np.sin(i / 2.0))) for i in range(int(dpi * 2.4 / 9))]
    draw.line(pts, fill=(*ink, 220), width=max(2, dpi // 100))
    note = note.rotate(rnd.uniform(-12, -5), expand=True, resample=Image.Resampling.BICUBIC)
    out.paste(note, (int(w * 0.55), int(h * 0.52)), note)
    draw = ImageDraw.Draw(out)
    x0, y0 = int(w * 0.86), int(h * 0.08)
    draw.line(
        [(x0, y0), (x0 + dpi // 12, y0 + dpi // 9), (x0 + dpi // 4, y0 - dpi // 8)], fill=ink, width=max(3, dpi // 70)
    )
    return out


def write_file(spec: FileSpec, root: Path, fonts: dict[str, tuple[str, str]], rnd: random.Random) -> dict[str, Any]:
    pdf = render_text_pdf(spec.sheets, fonts, rnd)
    target = root / spec.name
    target.parent.mkdir(parents=True, exist_ok=True)
    dpis: list[int] = []
    if spec.medium == "text-pdf":
        target.write_bytes(pdf)
    elif spec.medium in ("scan-pdf", "image"):
        images = []
        for index in range(len(spec.sheets)):
            dpi = rnd.choice([150, 200, 200, 240, 300, 300]) if spec.effect == "scan" else 200
            dpis.append(dpi)
            img = rasterize(pdf, index, dpi)
            if spec.effect == "photo":
                images.append(photograph(img, rnd))
            elif spec.effect == "note":
                images.append(handwritten_note(degrade(img, rnd), rnd, dpi))
            else:
                images.append(degrade(img, rnd))
        save_images(images, target, spec.fmt, dpis)
    else:  # mixed: some pages as printed, some scanned, in one PDF
        out = pikepdf.Pdf.new()
        with pikepdf.open(io.BytesIO(pdf)) as text_doc:
            for index, sheet in enumerate(spec.sheets):
                if sheet.scan:
                    dpi = rnd.choice([200, 300])
                    dpis.append(dpi)
                    buf = io.BytesIO()
                    degrade(rasterize(pdf, index, dpi), rnd).save(buf, "PDF", resolution=dpi, **FIXED_DATES)
                    with pikepdf.open(io.BytesIO(buf.getvalue())) as scanned:
                        out.pages.append(scanned.pages[0])
                else:
                    out.pages.append(text_doc.pages[index])
            out.save(target, deterministic_id=True)
    notices: list[dict[str, Any]] = []
    for page_no, sheet in enumerate(spec.sheets, start=1):
        for note, page in sheet.notices:
            if page == 1:
                notices.append(note.truth([page_no + offset for offset in range(note.pages)]))
    return {
        "medium": spec.medium,
        "format": spec.fmt,
        "effect": spec.effect if spec.medium != "text-pdf" else None,
        "label": spec.label,
        "pages": len(spec.sheets),
        "dpi": dpis,
        "traps": spec.traps,
        "notices": notices,
    }


def save_images(images: list[Image.Image], target: Path, fmt: str, dpis: list[int]) -> None:
    dpi = dpis[0] if dpis else 200
    if fmt == "pdf":
        images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:], **FIXED_DATES)
    elif fmt == "jpeg":
        images[0].save(target, "JPEG", quality=88, dpi=(dpi, dpi))
    elif fmt == "png":
        images[0].save(target, "PNG", dpi=(dpi, dpi))
    elif fmt == "tiff":
        compression = "group4" if len(images) == 1 else "tiff_lzw"
        frames = [img.convert("1") if compression == "group4" else img for img in images]
        frames[0].save(target, "TIFF", compression=compression, dpi=(dpi, dpi), save_all=True, append_images=frames[1:])


# ---------------------------------------------------------------------------------------------
# The plan: which notices, in which layouts, fonts and media.

SINGLE_KINDS: list[tuple[str, str]] = [
    ("receipt", "I-129"),
    ("premium", "I-907"),
    ("receipt", "I-485"),
    ("receipt", "I-765"),
    ("receipt", "I-131"),
    ("receipt", "I-140"),
    ("biometrics", "I-485"),
    ("biometrics", "I-539"),
    ("transfer", "I-765"),
    ("rejection", "I-131"),
    ("approval", "I-140"),
    ("approval_i94", "I-129"),
    ("approval_i94", "I-539"),
    ("approval_abroad", "I-129"),
    ("rfe", "I-129"),
    ("rfe", "I-485"),
    ("noid", "I-140"),
    ("noir", "I-129"),
    ("receipt", "N-400"),
    ("receipt", "I-751"),
    ("biometrics", "I-90"),
    ("receipt", "I-130"),
]


def font_for(rnd: random.Random, fonts: dict[str, tuple[str, str]], family: str) -> str:
    if family == "courier":
        return pick_font(rnd, fonts, MONO)
    if family in ("under", "inline"):
        return pick_font(rnd, fonts, SERIF + SANS)
    return pick_font(rnd, fonts, SANS + SERIF)


def build_plan(rnd: random.Random, fonts: dict[str, tuple[str, str]]) -> list[FileSpec]:
    plan: list[FileSpec] = []
    counter = iter(range(1, 1000))

    def name(ext: str) -> str:
        return f"n{next(counter):03d}.{ext}"

    def new(kind: str, form: str, family: str, **over: Any) -> Notice:
        return make_notice(rnd, kind, form, family, font_for(rnd, fonts, family), **over)

    def sheets_for(note: Notice) -> list[Sheet]:
        return [Sheet(notices=[(note, page)]) for page in range(1, note.pages + 1)]

    families = list(FAMILIES)
    # 1. Single notices as text PDFs: every kind, every family in turn.
    for i, (kind, form) in enumerate(SINGLE_KINDS):
        family = families[i % len(families)]
        note = new(kind, form, family)
        if i in (1, 2, 4):  # form numbers as an OCR'd text layer prints them: 1907, 1131, l-...
            note.form_style = "ocr"
            note.traps.append("ocr-form-number")
        if i in (3, 17):
            note.form_style = "spaced"
            note.traps.append("spaced-form-number")
        if (kind in ("receipt", "approval_abroad") and form == "I-129") or i == 14:
            note.petitioner = rnd.choice(LONG_COMPANIES)
            note.traps.append("petitioner-two-lines")
        if note.amount:
            note.traps.append(f"amount-{note.amount_style}")
        if kind in ("receipt", "premium", "approval", "rfe"):
            note.traps.append("boilerplate-mentions-other-actions")
        plan.append(FileSpec(name("pdf"), "text-pdf", sheets_for(note), f"{kind} {form} ({family})", traps=note.traps))
    # 2. Single notices scanned to PDF.
    scan_kinds = [
        ("receipt", "I-765"),
        ("premium", "I-907"),
        ("approval_i94", "I-129"),
        ("rfe", "I-129"),
        ("biometrics", "I-485"),
        ("noid", "I-485"),
        ("approval", "I-129"),
        ("transfer", "I-485"),
        ("receipt", "I-131"),
        ("approval_abroad", "I-129"),
        ("rejection", "I-765"),
        ("receipt", "I-129"),
    ]
    for i, (kind, form) in enumerate(scan_kinds):
        family = families[(i + 2) % len(families)]
        note = new(kind, form, family)
        if kind == "receipt" and form == "I-129":
            note.petitioner = rnd.choice(LONG_COMPANIES)
            note.traps.append("petitioner-two-lines")
        plan.append(FileSpec(name("pdf"), "scan-pdf", sheets_for(note), f"{kind} {form} ({family}), scanned"))
    # 3. Images: JPEG, PNG, TIFF, a photo on a desk, a handwritten note.
    image_kinds = [
        ("receipt", "I-485", "jpeg", "scan"),
        ("approval_i94", "I-539", "jpeg", "scan"),
        ("rfe", "I-140", "png", "scan"),
        ("biometrics", "I-765", "png", "scan"),
        ("receipt", "I-129", "tiff", "scan"),
        ("approval", "I-129", "jpeg", "photo"),
        ("receipt", "I-765", "jpeg", "photo"),
        ("approval", "I-140", "png", "note"),
    ]
    for i, (kind, form, fmt, effect) in enumerate(image_kinds):
        family = families[(i + 4) % len(families)]
        note = new(kind, form, family, pages=1)
        plan.append(
            FileSpec(
                name({"jpeg": "jpg", "png": "png", "tiff": "tif"}[fmt]),
                "image",
                [Sheet([(note, 1)])],
                f"{kind} {form} ({family}), {effect} {fmt}",
                fmt=fmt,
                effect=effect,
                traps=[effect] if effect != "scan" else [],
            )
        )
    # 4. Multi-notice files.
    plan.extend(multi_files(rnd, fonts, new, name))
    # 5. Not notices.
    plan.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            [Sheet(other="cover-letter")],
            "law-firm cover letter quoting Form I-797A and a receipt number",
            traps=["not-a-notice"],
        )
    )
    plan.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            [Sheet(other="invoice")],
            "law-firm invoice with USCIS fees",
            traps=["not-a-notice"],
        )
    )
    plan.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            [Sheet(other="status-email")],
            "e-mail printout quoting a case status",
            traps=["not-a-notice"],
        )
    )
    plan.append(
        FileSpec(
            name("pdf"), "scan-pdf", [Sheet(other="cover-letter")], "cover letter, scanned", traps=["not-a-notice"]
        )
    )
    plan.append(
        FileSpec(
            name("jpg"),
            "image",
            [Sheet(other="invoice")],
            "invoice, photographed",
            fmt="jpeg",
            effect="photo",
            traps=["not-a-notice"],
        )
    )
    order = list(range(len(plan)))
    rnd.shuffle(order)  # the file's number says nothing about what it holds
    for spec, index in zip(plan, order, strict=True):
        spec.name = f"n{index + 1:03d}.{spec.name.rsplit('.', 1)[1]}"
    return plan


def multi_files(
    rnd: random.Random, fonts: dict[str, tuple[str, str]], new: Callable[..., Notice], name: Callable[[str], str]
) -> list[FileSpec]:
    out: list[FileSpec] = []

    def chain(family: str) -> list[Notice]:
        """An I-129 receipt, its I-907 receipt and the approval: one receipt number, one petition."""
        receipt = new("receipt", "I-129", family)
        premium = new(
            "premium",
            "I-907",
            family,
            receipt=receipt.receipt,
            received=receipt.received,
            petitioner=receipt.petitioner,
            beneficiary=receipt.beneficiary,
            notice_date=receipt.notice_date + dt.timedelta(days=1),
        )
        approval = new(
            "approval_abroad",
            "I-129",
            family,
            receipt=receipt.receipt,
            received=receipt.received,
            petitioner=receipt.petitioner,
            beneficiary=receipt.beneficiary,
            notice_date=receipt.notice_date + dt.timedelta(days=12),
        )
        approval.valid_from = approval.notice_date + dt.timedelta(days=20)
        approval.valid_to = approval.valid_from.replace(year=approval.valid_from.year + 3) - dt.timedelta(days=1)
        for note in (receipt, premium, approval):
            note.traps.append("shared-receipt-number")
        return [receipt, premium, approval]

    def one_person(family: str, forms: list[tuple[str, str]], scan_family: str | None = None) -> list[Notice]:
        """Notices for one applicant: consecutive receipt numbers, one A-Number."""
        first = new(forms[0][0], forms[0][1], family)
        notes = [first]
        for kind, form in forms[1:]:
            number = first.receipt[:5] + f"{int(first.receipt[5:]) + len(notes):08d}"
            notes.append(
                new(
                    kind,
                    form,
                    scan_family or family,
                    receipt=number,
                    applicant=first.applicant,
                    a_number=first.a_number,
                    received=first.received,
                    a_style=first.a_style,
                    notice_date=first.notice_date + dt.timedelta(days=0 if kind == "receipt" else 21),
                )
            )
        return notes

    def as_sheets(notes: list[Notice]) -> list[Sheet]:
        return [Sheet([(note, page)]) for note in notes for page in range(1, note.pages + 1)]

    notes = chain("boxed")
    out.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            as_sheets(notes),
            "I-129 receipt + I-907 receipt + approval, one receipt number",
            traps=["multi", "shared-receipt-number"],
        )
    )
    notes = one_person(
        "courier", [("receipt", "I-485"), ("receipt", "I-765"), ("receipt", "I-131"), ("biometrics", "I-485")]
    )
    out.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            as_sheets(notes),
            "I-485/I-765/I-131 receipts + biometrics, one person (courier)",
            traps=["multi"],
        )
    )
    rfe = new("rfe", "I-129", "upper", pages=2)
    approval = new(
        "approval_i94",
        "I-129",
        "upper",
        receipt=rfe.receipt,
        received=rfe.received,
        petitioner=rfe.petitioner,
        beneficiary=rfe.beneficiary,
        notice_date=rfe.response_due - dt.timedelta(days=20),
    )
    approval.valid_from = approval.notice_date
    approval.valid_to = approval.valid_from.replace(year=approval.valid_from.year + 2)
    out.append(
        FileSpec(
            name("pdf"),
            "text-pdf",
            as_sheets([rfe, approval]),
            "2-page RFE then approval, one receipt number",
            traps=["multi", "shared-receipt-number", "page-2-of-2"],
        )
    )
    notes = chain("under")
    out.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            as_sheets(notes),
            "I-129 receipt + I-907 receipt + approval, scanned",
            traps=["multi", "shared-receipt-number"],
        )
    )
    pair = one_person("boxed", [("receipt", "I-765"), ("receipt", "I-131")], scan_family="upper")
    for note in pair:
        note.pages = 1
        note.traps.append("two-on-one-page")
    bio = new("biometrics", "I-485", "table", applicant=pair[0].applicant, a_number=pair[0].a_number)
    rfe2 = new("rfe", "I-485", "inline", pages=2)
    out.append(
        FileSpec(
            name("pdf"),
            "scan-pdf",
            [Sheet([(pair[0], 1), (pair[1], 1)]), *as_sheets([bio, rfe2])],
            "mail batch: two receipts on one page, biometrics, 2-page RFE",
            traps=["multi", "two-on-one-page"],
        )
    )
    mixed = [
        new("receipt", "I-140", "table"),
        new("approval_i94", "I-129", "courier"),
        new("transfer", "I-485", "boxed"),
        new("rfe", "I-765", "under", pages=2),
        new("noid", "I-129", "inline"),
    ]
    sheets = as_sheets(mixed)
    for index, sheet in enumerate(sheets):
        sheet.scan = index in (1, 3, 4, 5)
    out.append(
        FileSpec(
            name("pdf"),
            "mixed-pdf",
            sheets,
            "mail batch: printed and scanned pages in one PDF",
            traps=["multi", "mixed"],
        )
    )
    tiff = [new("approval", "I-129", "boxed"), new("receipt", "I-539", "courier")]
    out.append(
        FileSpec(name("tif"), "image", as_sheets(tiff), "two notices in a multi-page TIFF", fmt="tiff", traps=["multi"])
    )
    return out


def generate(out_dir: Path, seed: int) -> dict[str, Any]:
    """Write the set under ``out_dir`` and return the truth (also written to ``out_dir/truth.json``)."""
    rnd = random.Random(seed)
    fonts = register_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, Any] = {}
    for spec in sorted(build_plan(rnd, fonts), key=lambda s: s.name):
        files[spec.name] = write_file(spec, out_dir, fonts, random.Random(f"{seed}:{spec.name}"))
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "fonts": sorted(fonts), "files": files}
    (out_dir / "truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.out_dir, args.seed)
    n_notices = sum(len(entry["notices"]) for entry in truth["files"].values())
    print(f"{len(truth['files'])} files, {n_notices} notices -> {args.out_dir}")


if __name__ == "__main__":
    main()
