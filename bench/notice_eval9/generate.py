"""Write the ninth notice evaluation set: fictional USCIS Form I-797-family notices with their truth.

Kept unseen (README.md, "The rule"): whoever works on the parser does not read this file, the files it
writes or their truth.json. ``python -m bench.notice_eval9.generate OUT --seed S`` writes a set;
the bench calls ``generate(folder, seed)``.

The set models what an employer's global-mobility team receives: notices forwarded by counsel (PDF
attachments, web-mail printouts with the notice shown inline, screenshots of a PDF viewer, photos),
courtesy copies, a family's notices in one envelope, older approvals from an employee's file (INS era
and after), copier scans, faxes and re-scanned faxes, and papers that are not notices but quote them.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from random import Random
from typing import Any

GENERATOR_VERSION = 1
FONT_DIR = Path("/usr/share/fonts/truetype")
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
    "a_number",
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
)
DATE_FIELDS = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")

# ---------------------------------------------------------------------------------------------
# Fictional people, firms and places.

GIVEN = (
    "Anika",
    "Tomasz",
    "Priyanka",
    "Mateo",
    "Ifeoma",
    "Kenji",
    "Larissa",
    "Dmitri",
    "Soo-ah",
    "Rafael",
    "Nadia",
    "Oluwaseun",
    "Hyun-woo",
    "Beatriz",
    "Arjun",
    "Ingrid",
    "Tariq",
    "Mei",
    "Joaquin",
    "Svetlana",
    "Chidi",
    "Elif",
    "Ravi",
    "Camille",
    "Bogdan",
    "Yusuf",
    "Xiaoling",
    "Anders",
    "Fatima",
    "Gustavo",
)
FAMILY = (
    "Varga",
    "Okonkwo",
    "Raghunathan",
    "Lindqvist",
    "Castellanos",
    "Takahashi",
    "Mbeki",
    "Oyelaran",
    "Petrosyan",
    "Brannigan",
    "Zielinski",
    "Haddad",
    "Nakamura-Ortiz",
    "Ferreira",
    "Subramaniam",
    "Kowalczyk",
    "Achterberg",
    "Delacroix",
    "Emenike",
    "Quispe",
    "Van der Berg",
    "O'Donnell",
    "Iyer",
    "Halvorsen",
    "Nwachukwu",
    "Santangelo",
    "Oduya",
    "Marchetti",
    "Yilmaz",
    "Thorsdottir",
)
COMPANIES = (
    "Brightwater Analytics Inc.",
    "Cobalt Ridge Software LLC",
    "Harbor & Pine Consulting Group",
    "Luminar Biosystems Corp.",
    "Stonebridge Data Services, Inc.",
    "Pelican Grid Technologies",
    "Tessellate Robotics Inc.",
    "Northfork Semiconductor LLC",
    "Quillon Health Informatics",
)
LONG_COMPANIES = (
    "Meridian Continental Engineering and Infrastructure Solutions of North America, Inc.",
    "Allegheny Valley Regional Medical Research Foundation and Affiliated Clinics",
    "Silverline Precision Manufacturing & Advanced Materials Laboratories LLC",
)
COUNSEL = (
    (
        "Rosalind M. Achebe, Esq.",
        "Achebe Lindgren Immigration LLP",
        "1450 Calloway Street Suite 900",
        "Denver CO 80202",
    ),
    ("Graham T. Whitcombe", "Whitcombe & Ortega PC", "88 Lantern Wharf, 12th Floor", "Boston MA 02110"),
    ("Felicia Ng-Okafor, Esq.", "Kestrel Global Mobility Law", "2701 Orchard Parkway Ste 310", "San Jose CA 95134"),
)
EMPLOYER_HR = ("Global Mobility Team", "Attn: Immigration Desk", "600 Larkspur Avenue, Floor 4", "Austin TX 78701")
# Service-centre names are real; their addresses here are invented.
OFFICES = {
    "WAC": ("California Service Center", "P.O. Box 30347", "Laguna Niguel CA 92607-0347"),
    "EAC": ("Vermont Service Center", "38 River Bend Road", "St. Albans VT 05479-0001"),
    "LIN": ("Nebraska Service Center", "P.O. Box 87420", "Lincoln NE 68501-7420"),
    "SRC": ("Texas Service Center", "P.O. Box 851921", "Mesquite TX 75185-1921"),
    "IOE": ("Potomac Service Center", "2200 Potomac Center Drive", "Arlington VA 22202-4401"),
    "MSC": ("National Benefits Center", "P.O. Box 648117", "Lee's Summit MO 64064-8117"),
}
ASC_SITES = (
    ("USCIS San Antonio ASC", "7302 Blanco Crossing Road Suite 140", "San Antonio TX 78216"),
    ("USCIS Fresno ASC", "1911 N Millbrook Avenue", "Fresno CA 93720"),
    ("USCIS Pittsburgh ASC", "415 Liberty Quay, Suite 210", "Pittsburgh PA 15222"),
    ("USCIS Tukwila ASC", "12608 Interurban Loop South", "Tukwila WA 98168"),
    ("USCIS Charlotte ASC", "5719 Arrowpoint Commons Drive", "Charlotte NC 28273"),
)
FIELD_OFFICES = (("USCIS Dallas Field Office", "8101 Stemmons Crossing Boulevard", "Irving TX 75247"),)

CASE_TYPES = {
    "I-129": "PETITION FOR A NONIMMIGRANT WORKER",
    "I-140": "IMMIGRANT PETITION FOR ALIEN WORKER",
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-907": "REQUEST FOR PREMIUM PROCESSING SERVICE",
    "I-824": "APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION",
    "I-90": "APPLICATION TO REPLACE PERMANENT RESIDENT CARD",
    "I-130": "PETITION FOR ALIEN RELATIVE",
}
FEES = {
    "I-129": (("Petition Fee", "780.00"), ("Fraud Prevention and Detection Fee", "500.00"), ("ACWIA Fee", "1,500.00")),
    "I-140": (("Petition Fee", "715.00"), ("Asylum Program Fee", "600.00")),
    "I-485": (("Application Fee", "1,440.00"),),
    "I-765": (("Application Fee", "520.00"),),
    "I-131": (("Application Fee", "630.00"),),
    "I-539": (("Application Fee", "420.00"), ("Biometrics Fee", "85.00")),
    "I-907": (("Premium Processing Fee", "2,805.00"),),
    "I-824": (("Application Fee", "590.00"),),
    "I-90": (("Application Fee", "465.00"),),
    "I-130": (("Petition Fee", "675.00"),),
}
OLD_FEES = {
    "I-129": "110.00",
    "I-140": "135.00",
    "I-485": "255.00",
    "I-765": "100.00",
    "I-539": "120.00",
    "I-907": "1,000.00",
}

TYPE_OF = {
    "receipt": "receipt",
    "i907": "receipt",
    "approval": "approval",
    "rfe": "rfe",
    "noid": "noid",
    "noir": "noid",
    "denial": "denial",
    "transfer": "transfer",
    "rejection": "rejection",
    "biometrics": "biometrics",
    "interview": None,
}

# ---------------------------------------------------------------------------------------------
# Dates as notices print them; each style reads back with its strptime pattern.

DATE_STYLES = {
    "us": ("%m/%d/%Y", lambda d: d.strftime("%m/%d/%Y")),
    "long": ("%B %d, %Y", lambda d: f"{d:%B} {d.day}, {d.year}"),
    "abbr": ("%b %d, %Y", lambda d: f"{d:%b} {d.day:02d}, {d.year}"),
    "caps": ("%b %d %Y", lambda d: d.strftime("%b %d %Y").upper()),
    "dmy": ("%d-%b-%Y", lambda d: d.strftime("%d-%b-%Y").upper()),
    "short": ("%m/%d/%y", lambda d: d.strftime("%m/%d/%y")),
}


def fmt_date(d: date, style: str) -> str:
    return str(DATE_STYLES[style][1](d))


def read_date(text: str, style: str) -> date:
    return datetime.strptime(
        text.strip().title() if style in ("caps", "dmy") else text.strip(), DATE_STYLES[style][0]
    ).date()


def fmt_time(t: time, style: str) -> str:
    if style == "24":
        return t.strftime("%H:%M")
    hour = t.hour % 12 or 12
    return (
        f"{hour:02d}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
        if style == "pad"
        else f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
    )


def read_time(text: str) -> str:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?:\s*([AP])\.?M\.?)?", text.strip(), re.I)
    if not m:
        raise ValueError(text)
    hour = int(m.group(1))
    if m.group(3):
        hour = hour % 12 + (12 if m.group(3).upper() == "P" else 0)
    return f"{hour:02d}:{m.group(2)}"


def money(value: str) -> Decimal:
    return Decimal(value.replace(",", ""))


# ---------------------------------------------------------------------------------------------
# One notice: its data, and what a layout printed of it.


@dataclass
class Notice:
    kind: str
    form: str
    receipt: str
    received: date
    notice_date: date
    office: str
    era: str = "now"  # "ins" (before March 2003), "dhs" (2003-2012), "now"
    priority: date | None = None
    petitioner: str | None = None
    beneficiary: str | None = None
    applicant: str | None = None
    a_number: str | None = None
    classification: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    response_due: date | None = None
    appt: tuple[date, time, tuple[str, str, str]] | None = None
    i94: str | None = None
    fees: tuple[tuple[str, str], ...] = ()
    variant: str = "I-797C"
    addressee: tuple[str, ...] = ()
    birth: date | None = None
    country: str = ""
    pages: int = 1
    back: bool = False  # a printed back page (general information, no fields): one of the notice's pages
    family: str = ""
    printed: dict[str, list[str]] = field(default_factory=dict)
    checks: list[tuple[str, str, Any]] = field(default_factory=list)  # (field, text, how to read it back)

    @property
    def amount(self) -> str | None:
        if not self.fees:
            return None
        return f"{sum((money(v) for _, v in self.fees), Decimal(0)):,.2f}"

    def put(self, name: str, text: str, reader: Any = None) -> str:
        """Record that ``text`` printed on the page gives field ``name``; returns the text."""
        self.printed.setdefault(name, []).append(text)
        if reader is not None:
            self.checks.append((name, text, reader))
        return text

    def date(self, name: str, style: str) -> str:
        value = getattr(
            self,
            {"received_date": "received", "notice_date": "notice_date", "priority_date": "priority"}.get(name, name),
        )
        return self.put(name, fmt_date(value, style), style)

    def truth(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: None for name in SCORED}
        out["notice_type"] = TYPE_OF[self.kind]
        values: dict[str, Any] = {
            "form": "I-907" if self.kind == "i907" else self.form,
            "receipt_number": self.receipt,
            "received_date": self.received.isoformat(),
            "notice_date": self.notice_date.isoformat(),
            "priority_date": self.priority.isoformat() if self.priority else None,
            "petitioner": self.petitioner,
            "beneficiary": self.beneficiary,
            "applicant": self.applicant,
            "a_number": self.a_number,
            "classification": (self.classification or "").replace("-", "") or None,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "response_due": self.response_due.isoformat() if self.response_due else None,
            "appointment": None,
            "i94_number": self.i94,
            "amount": str(money(self.amount)) if self.amount else None,
        }
        if self.appt:
            d, t, place = self.appt
            values["appointment"] = {"date": d.isoformat(), "time": t.strftime("%H:%M"), "location": place[1]}
        for name in SCORED[1:]:
            if name in self.printed:
                if values[name] is None:
                    raise ValueError(f"{self.family} {self.kind}: printed {name} without a value")
                out[name] = values[name]
        if "notice_type" not in self.printed and out["notice_type"] is not None:
            raise ValueError(f"{self.family} {self.kind}: no title or notice type printed")
        return out


def rn_print(receipt: str, style: str) -> str:
    if style == "dash" and receipt[:3] != "IOE":
        return f"{receipt[:3]}-{receipt[3:5]}-{receipt[5:8]}-{receipt[8:]}"
    return receipt


def a_print(a_number: str, style: str) -> str:
    a = a_number
    short = a.lstrip("0") if a.startswith("0") else a
    return {
        "spaced": f"A{a[:3]} {a[3:6]} {a[6:]}",
        "hash": f"A# {a[:3]}-{a[3:6]}-{a[6:]}",
        "plain": f"A{short}",
        "dash": f"A-{a}",
    }[style]


def name_last_first(given: str, family: str, middle: str, upper: bool = True) -> str:
    text = f"{family}, {given}" + (f" {middle}" if middle else "")
    return text.upper() if upper else text


# ---------------------------------------------------------------------------------------------
# Making notices.


class Maker:
    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.i94s: set[str] = set()

    def person(self) -> tuple[str, str, str]:
        return (
            self.rng.choice(GIVEN),
            self.rng.choice(FAMILY),
            self.rng.choice("ABCDEFGHJKLMNRST") if self.rng.random() < 0.6 else "",
        )

    def receipt(self, office: str, fy: int) -> str:
        while True:
            if office == "IOE":
                rn = f"IOE{self.rng.randint(80, 99)}{self.rng.randint(10**7, 10**8 - 1)}"
            else:
                rn = f"{office}{fy % 100:02d}{self.rng.randint(1, 365):03d}{self.rng.randint(10000, 99999)}"
            if rn not in self.used:
                self.used.add(rn)
                return rn

    def a_number(self) -> str:
        return f"{self.rng.choice([0, 2, 2, 2, 3])}{self.rng.randint(10**7, 10**8 - 1)}"

    def i94(self) -> str:
        return f"{self.rng.randint(10**10, 10**11 - 1)}"

    def day(self, start: date, span: int) -> date:
        d = start + timedelta(days=self.rng.randint(0, span))
        while d.weekday() >= 5:
            d += timedelta(days=1)
        return d

    def notice(self, kind: str, form: str, era: str = "now", office: str | None = None, **over: Any) -> Notice:
        rng = self.rng
        year = {"ins": rng.randint(1999, 2002), "dhs": rng.randint(2004, 2012), "now": rng.choice([2025, 2026, 2026])}[
            era
        ]
        received = self.day(date(year, 1, 5), 250)
        lag = {
            "receipt": rng.randint(3, 20),
            "i907": rng.randint(3, 12),
            "biometrics": rng.randint(20, 45),
            "interview": rng.randint(120, 300),
            "transfer": rng.randint(40, 120),
            "rejection": rng.randint(10, 30),
        }
        notice_date = self.day(received, 0) + timedelta(days=lag.get(kind, rng.randint(15, 160)))
        while notice_date.weekday() >= 5:
            notice_date += timedelta(days=1)
        # no notice dated after the mail was opened, and none on INS letterhead after INS was dissolved
        cap = {"now": date(2026, 11, 27), "ins": date(2003, 2, 28)}.get(era)
        while cap and notice_date > cap:
            received -= timedelta(days=364)  # 52 weeks: still a weekday
            notice_date -= timedelta(days=364)
        if office is None:
            office = rng.choice(
                {
                    "I-129": ["WAC", "EAC", "WAC", "IOE"],
                    "I-140": ["LIN", "SRC"],
                    "I-485": ["MSC", "LIN", "IOE"],
                    "I-765": ["IOE", "MSC", "LIN"],
                    "I-131": ["MSC", "IOE"],
                    "I-539": ["WAC", "EAC", "IOE"],
                    "I-824": ["LIN"],
                    "I-90": ["IOE", "MSC"],
                    "I-130": ["IOE", "MSC"],
                }[form]
            )
            if era != "now" and office == "IOE":
                office = "EAC"
        n = Notice(
            kind=kind,
            form=form,
            receipt=self.receipt(office, received.year + (1 if received.month >= 10 else 0)),
            received=received,
            notice_date=notice_date,
            office=office,
            era=era,
        )
        g, f, m = self.person()
        employer = rng.choice(COMPANIES)
        if form in ("I-129", "I-140", "I-130", "I-824"):
            n.petitioner = employer.upper() if rng.random() < 0.6 else employer
            n.beneficiary = name_last_first(g, f, m, upper=rng.random() < 0.8)
        else:
            n.applicant = name_last_first(g, f, m, upper=rng.random() < 0.75)
            if form in ("I-485", "I-765", "I-131", "I-90") or rng.random() < 0.4:
                n.a_number = self.a_number()
        n.birth = date(rng.randint(1972, 1999), rng.randint(1, 12), rng.randint(1, 28))
        n.country = rng.choice(["INDIA", "BRAZIL", "NIGERIA", "POLAND", "KOREA, SOUTH", "PERU", "TURKEY", "SWEDEN"])
        if form == "I-140":
            n.priority = received
            n.classification = rng.choice(["E21", "E13", "E31"])
        if form == "I-129":
            n.classification = rng.choice(["H-1B", "H-1B", "L-1A", "L-1B", "O-1A", "TN"])
        if form == "I-539":
            n.classification = rng.choice(["H-4", "L-2"])
        if form == "I-765":
            n.classification = rng.choice(["C09", "C26", "A05"]) if kind == "approval" else None
        if kind in ("receipt", "i907", "rejection"):
            fees = FEES["I-907" if kind == "i907" else form]
            if era != "now":
                fees = (("Fee", OLD_FEES.get("I-907" if kind == "i907" else form, "130.00")),)
            n.fees = fees if kind != "rejection" else (("Fee", "0.00"),)
            if kind == "rejection":
                n.fees = ()
        if kind == "approval":
            start = notice_date + timedelta(days=rng.randint(0, 40))
            n.valid_from = start
            n.valid_to = date(start.year + rng.choice([1, 2, 3]), start.month, min(start.day, 28)) - timedelta(days=1)
            if form == "I-140" or form == "I-130":
                n.valid_from = n.valid_to = None
        if kind in ("rfe", "noid", "noir"):
            n.response_due = notice_date + timedelta(days={"rfe": 87, "noid": 33, "noir": 33}[kind])
        if kind in ("biometrics", "interview"):
            site = rng.choice(ASC_SITES if kind == "biometrics" else FIELD_OFFICES)
            when = self.day(notice_date + timedelta(days=14), 20)
            n.appt = (when, time(rng.choice([8, 9, 10, 11, 13, 14, 15]), rng.choice([0, 0, 30, 15])), site)
        for key, value in over.items():
            setattr(n, key, value)
        if "receipt" in over:
            n.office = n.receipt[:3]
        if n.notice_date <= n.received:
            n.notice_date = self.day(n.received + timedelta(days=30), 20)
        return n

    def long_petitioner(self, n: Notice) -> None:
        name = self.rng.choice(LONG_COMPANIES)
        n.petitioner = name.upper() if self.rng.random() < 0.5 else name


# ---------------------------------------------------------------------------------------------
# Boilerplate (written for this set; mentions other actions on purpose, as real notices do).

BODY = {
    "receipt": (
        "The above application or petition has been received. Please keep this notice for your records and "
        "notify us at once if any of the information above is incorrect. If we find that you must submit more "
        "information, we will write to you; we may send a request for evidence or a notice of intent to deny "
        "before we decide your case. Processing times are posted on our website.",
    ),
    "i907": (
        "We have received your request for premium processing service. Within the premium processing time "
        "frame we will issue an approval or a denial notice, or a request for evidence or notice of intent to "
        "deny. If we do not act within that time frame we will refund the premium processing fee.",
    ),
    "approval": (
        "The above petition or application has been approved. This notice is not a visa and may not be used "
        "in place of one. The approval may be revoked if the facts stated in it are found to be untrue; we "
        "would first send you a notice of intent to revoke.",
    ),
    "transfer": (
        "We have transferred the case above to another office to balance the workload and speed up "
        "processing. The office that now has your case is shown below. Please send all correspondence about "
        "this case to that office; a request for evidence, if any, will come from there.",
    ),
    "rejection": (
        "Your application or petition is being returned to you because it cannot be accepted for filing. "
        "The fee was not correct or the form was not signed. You may file again with the correct fee.",
    ),
    "biometrics": (
        "To process your application, USCIS must collect your biometrics (fingerprints, photograph and "
        "signature). Please appear at the support center shown below at the date and time given. If you fail "
        "to appear, your application may be considered abandoned and denied.",
    ),
    "interview": (
        "You are requested to appear for an interview on your application at the office shown below. Bring "
        "this notice, your passport and originals of the documents filed with your application. Failure to "
        "appear may result in the denial of your application.",
    ),
}


# ---------------------------------------------------------------------------------------------
# reportlab: the "strip" family (current I-797 / I-797A / I-797C with the payment block and the I-94
# part) and the "panel" family (appointment and interview notices).

TTF = {
    "LibSans": "liberation/LiberationSans-Regular.ttf",
    "LibSans-B": "liberation/LiberationSans-Bold.ttf",
    "LibSerif": "liberation/LiberationSerif-Regular.ttf",
    "LibSerif-B": "liberation/LiberationSerif-Bold.ttf",
    "LibNarrow": "liberation/LiberationSansNarrow-Regular.ttf",
    "LibNarrow-B": "liberation/LiberationSansNarrow-Bold.ttf",
    "LibMono": "liberation/LiberationMono-Regular.ttf",
    "LibMono-B": "liberation/LiberationMono-Bold.ttf",
    "DejaSans": "dejavu/DejaVuSans.ttf",
    "DejaSans-B": "dejavu/DejaVuSans-Bold.ttf",
    "DejaCond": "dejavu/DejaVuSansCondensed.ttf",
    "DejaCond-B": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "DejaSerif": "dejavu/DejaVuSerif.ttf",
    "DejaSerif-B": "dejavu/DejaVuSerif-Bold.ttf",
    "DejaMono": "dejavu/DejaVuSansMono.ttf",
    "DejaMono-B": "dejavu/DejaVuSansMono-Bold.ttf",
    "Carlito": "crosextra/Carlito-Regular.ttf",
    "Carlito-B": "crosextra/Carlito-Bold.ttf",
    "Caladea": "crosextra/Caladea-Regular.ttf",
    "Caladea-B": "crosextra/Caladea-Bold.ttf",
}
_REGISTERED: set[str] = set()


def rl_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, rel in TTF.items():
        if name not in _REGISTERED:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / rel)))
            _REGISTERED.add(name)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if stringWidth(trial, font, size) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def party_lines(n: Notice, name: str, text: str, font: str, size: float, width: float) -> list[str]:
    lines = wrap(text, font, size, width)
    for piece in lines:
        n.put(name, piece)
    return lines


def office_block(n: Notice) -> list[str]:
    centre, street, city = OFFICES[n.office]
    return ["U.S. CITIZENSHIP AND IMMIGRATION SERVICES", centre, street, city]


def title_of(n: Notice) -> str:
    return {"approval": n.variant, "rfe": "I-797E"}.get(n.kind, "I-797C")


NOTICE_TYPE_TEXT = {
    "receipt": ("Receipt Notice", "Receipt"),
    "i907": ("Premium Processing Receipt Notice", "Receipt Notice"),
    "approval": ("Approval Notice", "Approval Notice"),
    "transfer": ("Transfer Notice", "Notice of Case Transfer"),
    "rejection": ("Rejection Notice", "Rejection Notice"),
    "biometrics": ("ASC Appointment Notice", "Biometrics Appointment"),
}


def draw_strip(c: Any, n: Notice, rng: Random, page_h: float = 792.0) -> None:
    """A current notice: two ruled strips of cells (labels small above values), the parties, the notice
    type and its facts beside a payment block, addressee, body, office, edition."""
    fonts = rng.choice(
        [("LibSans", "LibSans-B"), ("Carlito", "Carlito-B"), ("DejaSans", "DejaSans-B"), ("LibNarrow", "LibNarrow-B")]
    )
    reg, bold = fonts
    top = page_h - 36
    c.setFont(bold, 8.5)
    c.drawString(40, top, "Department of Homeland Security")
    c.setFont(reg, 8.5)
    c.drawString(40, top - 11, "U.S. Citizenship and Immigration Services")
    c.setFont(bold, 15)
    form_no = title_of(n)
    c.drawRightString(572, top - 6, f"{form_no}, Notice of Action")
    n.put("notice_type", form_no)
    c.setFont(bold, 7.5)
    c.drawCentredString(306, top - 26, "THE UNITED STATES OF AMERICA")
    # strip 1
    labels1 = rng.choice([("Receipt Number", "Case Type"), ("RECEIPT NUMBER", "CASE TYPE"), ("Receipt #", "Case Type")])
    rn = n.put("receipt_number", rn_print(n.receipt, "plain"))
    form_short = ("I-907" if n.kind == "i907" else n.form).replace("-", "")
    case = n.put("form", form_short) + " - " + CASE_TYPES["I-907" if n.kind == "i907" else n.form]
    y = top - 40
    row_h = 26

    def cells(y0: float, spec: list[tuple[str, str, float]]) -> None:
        x = 40.0
        c.setLineWidth(0.6)
        for label, value, width in spec:
            c.rect(x, y0 - row_h, width, row_h)
            c.setFont(reg, 6.5)
            c.drawString(x + 3, y0 - 8, label)
            size = 9.5
            from reportlab.pdfbase.pdfmetrics import stringWidth

            while stringWidth(value, bold, size) > width - 6 and size > 6:
                size -= 0.5
            c.setFont(bold, size)
            c.drawString(x + 3, y0 - 20, value)
            x += width

    cells(y, [(labels1[0], rn, 150), (labels1[1], case, 382)])
    dstyle = rng.choice(["us", "us", "long", "abbr"])
    labels2 = rng.choice(
        [
            ("Received Date", "Priority Date", "Notice Date", "Page"),
            ("Date Received", "Priority Date", "Date of Notice", "Page"),
        ]
    )
    recv = n.date("received_date", dstyle)
    prio = n.date("priority_date", dstyle) if n.priority else ""
    ndate = n.date("notice_date", dstyle)
    y -= row_h
    cells(
        y,
        [
            (labels2[0], recv, 133),
            (labels2[1], prio, 133),
            (labels2[2], ndate, 133),
            (labels2[3], f"1 of {n.pages}", 133),
        ],
    )
    y -= row_h
    # parties
    h = 40
    c.setLineWidth(0.6)
    if n.petitioner:
        c.rect(40, y - h, 266, h)
        c.rect(306, y - h, 266, h)
        c.setFont(reg, 6.5)
        c.drawString(43, y - 8, "Petitioner" if labels1[0][1].islower() else "PETITIONER")
        c.drawString(309, y - 8, "Beneficiary" if labels1[0][1].islower() else "BENEFICIARY")
        c.setFont(bold, 9)
        for i, line in enumerate(party_lines(n, "petitioner", n.petitioner, bold, 9, 256)[:3]):
            c.drawString(43, y - 19 - i * 10, line)
        c.drawString(309, y - 19, n.put("beneficiary", n.beneficiary or ""))
    else:
        c.rect(40, y - h, 532, h)
        c.setFont(reg, 6.5)
        c.drawString(43, y - 8, "Applicant" if labels1[0][1].islower() else "APPLICANT")
        c.setFont(bold, 9.5)
        line_y = y - 19
        if n.a_number:
            c.drawString(43, line_y, n.put("a_number", a_print(n.a_number, rng.choice(["spaced", "spaced", "plain"]))))
            line_y -= 11
        c.drawString(43, line_y, n.put("applicant", n.applicant or ""))
    y -= h + 18
    # notice type and facts (left), payment (right)
    ntext = NOTICE_TYPE_TEXT.get(n.kind, ("Notice", ""))[0]
    c.setFont(bold, 10)
    c.drawString(40, y, "Notice Type: " + n.put("notice_type", ntext))
    fy = y - 14
    c.setFont(reg, 9.5)
    if n.kind == "approval":
        if n.classification:
            c.drawString(40, fy, "Class: " + n.put("classification", n.classification))
            fy -= 12
        if n.valid_from:
            vs = rng.choice(["us", "us", "long"])
            c.drawString(40, fy, f"Valid from {n.date('valid_from', vs)} to {n.date('valid_to', vs)}")
            fy -= 12
        if n.variant == "I-797B":
            c.drawString(40, fy, "Consulate: " + rng.choice(["CHENNAI", "SAO PAULO", "LAGOS", "WARSAW"]))
            fy -= 12
    if n.kind == "transfer":
        c.drawString(
            40, fy, "Your case was transferred to: " + rng.choice(["National Benefits Center", "Texas Service Center"])
        )
        fy -= 12
    if n.fees:
        c.setFont(bold, 8.5)
        c.drawString(360, y, "Payment Information:")
        c.setFont(reg, 8.5)
        py = y - 12
        for label, value in n.fees:
            c.drawString(360, py, f"{label}:")
            c.drawRightString(572, py, f"${value}")
            py -= 11
        c.drawString(360, py, "Total Amount Received:")
        c.drawRightString(572, py, "$" + n.put("amount", n.amount or "", "amount"))
        c.drawString(360, py - 11, "Total Balance Due:")
        c.drawRightString(572, py - 11, "$0.00")
        fy = min(fy, py - 22)
    # addressee
    ay = fy - 24
    c.setFont(reg, 9.5)
    for line in n.addressee:
        c.drawString(58, ay, line.upper())
        ay -= 11.5
    # body
    by = ay - 22
    c.setFont(reg, 8.8)
    for para in BODY.get(n.kind, ()):
        for line in wrap(para, reg, 8.8, 532):
            c.drawString(40, by, line)
            by -= 11
        by -= 6
    if n.kind == "approval" and n.variant == "I-797A":
        c.drawString(40, by, "The I-94 at the bottom of this notice shows the new period of stay.")
        by -= 11
    # office block
    oy = 196 if n.variant == "I-797A" and n.kind == "approval" else 120
    c.setFont(reg, 8)
    c.drawString(
        40,
        oy + 12,
        "Please see the additional information on the back. You will be notified separately about any other "
        "cases you filed.",
    )
    for i, line in enumerate(office_block(n)):
        c.setFont(bold if i == 0 else reg, 8)
        c.drawString(40, oy - i * 10, line)
    c.drawString(330, oy - 10, "USCIS Contact Center: www.uscis.gov/contactcenter")
    if n.variant == "I-797A" and n.kind == "approval":
        tear_off(c, n, rng, reg, bold)
    c.setFont(reg, 7)
    edition = {
        "I-797C": "Form I-797C 07/11/14",
        "I-797": "Form I-797 07/11/14",
        "I-797A": "Form I-797A 07/11/14",
        "I-797B": "Form I-797B 07/11/14",
    }
    c.drawString(40, 24, edition.get(title_of(n), "Form I-797C 07/11/14"))


def tear_off(c: Any, n: Notice, rng: Random, reg: str, bold: str) -> None:
    c.setDash(3, 3)
    c.line(30, 150, 582, 150)
    c.setDash()
    c.setFont(reg, 6.5)
    c.drawString(40, 153, "Please tear off and keep the lower part of this notice with your passport.")
    c.rect(300, 36, 272, 104)
    c.setFont(bold, 8)
    c.drawString(306, 128, "Form I-94 Arrival-Departure Record")
    c.setFont(reg, 8)
    style = rng.choice(["split", "plain"])
    num = n.i94 or ""
    c.drawString(306, 114, "I-94 Number: " + n.put("i94_number", f"{num[:9]} {num[9:]}" if style == "split" else num))
    fam, _, giv = (n.beneficiary or n.applicant or "").partition(", ")
    c.drawString(306, 102, f"Family Name: {fam.upper()}")
    c.drawString(306, 91, f"First (Given) Name: {giv.upper()}")
    c.drawString(306, 80, f"Birth Date: {n.birth:%m/%d/%Y}" if n.birth else "")
    c.drawString(306, 69, f"Country of Citizenship: {n.country}")
    c.drawString(306, 50, f"Class: {n.classification}    Until: {fmt_date(n.valid_to, 'us') if n.valid_to else ''}")
    c.setFont(reg, 7.5)
    c.drawString(40, 128, f"Receipt Number: {n.receipt}")
    c.drawString(40, 117, "Keep this part with your Form I-94 when you travel.")


def draw_panel(c: Any, n: Notice, rng: Random) -> None:
    """An appointment notice: a header of facts in label/value rows at the top right, the applicant at the
    left, then a shaded panel with where and when, and what to bring."""
    reg, bold = rng.choice([("LibSerif", "LibSerif-B"), ("Caladea", "Caladea-B"), ("DejaCond", "DejaCond-B")])
    c.setFont(bold, 12)
    c.drawString(40, 750, "U.S. Department of Homeland Security")
    c.setFont(reg, 10)
    c.drawString(40, 737, "U.S. Citizenship and Immigration Services")
    c.setFont(bold, 13)
    c.drawRightString(572, 750, "Form I-797C, Notice of Action")
    n.put("notice_type", "I-797C")
    if n.kind == "biometrics":
        title = rng.choice(["Biometrics Appointment Notice", "Application Support Center Appointment Notice"])
    else:
        title = "Interview Appointment Notice"
    c.setFont(bold, 14)
    c.drawCentredString(306, 706, n.put("notice_type", title) if n.kind == "biometrics" else title)
    rows = [
        ("Receipt No.", n.put("receipt_number", rn_print(n.receipt, rng.choice(["plain", "dash"])))),
        ("Case Type", n.put("form", n.form) + " " + CASE_TYPES[n.form].title()),
        ("Date of Notice", n.date("notice_date", "long")),
    ]
    if rng.random() < 0.7:
        rows.insert(2, ("Filed", n.date("received_date", "long")))
    c.setFont(reg, 9)
    y = 680
    for label, value in rows:
        c.setFont(reg, 8.5)
        c.drawString(300, y, label)
        c.setFont(bold, 9)
        for line in wrap(value, bold, 9, 200):
            c.drawString(370, y, line)
            y -= 11
        y -= 3
    ay = 680
    c.setFont(reg, 8.5)
    c.drawString(40, ay, "Applicant")
    c.setFont(bold, 10)
    c.drawString(40, ay - 13, n.put("applicant", n.applicant or ""))
    if n.a_number:
        c.setFont(reg, 9)
        c.drawString(40, ay - 26, a_label(n, rng))
    c.setFont(reg, 9.5)
    yy = ay - 52
    for line in n.addressee:
        c.drawString(40, yy, line)
        yy -= 11.5
    y = min(y, yy) - 16
    c.setFont(reg, 9)
    for line in wrap(BODY[n.kind][0], reg, 9, 532):
        c.drawString(40, y, line)
        y -= 11.5
    y -= 10
    assert n.appt is not None
    d, t, place = n.appt
    c.setFillGray(0.9)
    c.rect(40, y - 92, 532, 92, fill=1, stroke=0)
    c.setFillGray(0)
    c.setFont(bold, 9)
    c.drawString(50, y - 16, "Where" if n.kind == "biometrics" else "Please report to")
    c.drawString(360, y - 16, "Date")
    c.drawString(360, y - 52, "Time")
    c.setFont(reg, 10)
    c.drawString(50, y - 30, place[0])
    c.drawString(50, y - 43, n.put("appointment", place[1]))
    c.drawString(50, y - 56, place[2])
    dstyle = rng.choice(["wlong", "us"])
    dtext = f"{d:%A}, {fmt_date(d, 'long')}" if dstyle == "wlong" else fmt_date(d, "us")
    n.put("appointment", dtext)
    n.checks.append(
        ("appointment", fmt_date(d, "long") if dstyle == "wlong" else dtext, "long" if dstyle == "wlong" else "us")
    )
    c.setFont(bold, 11)
    c.drawString(360, y - 30, dtext)
    ttext = n.put("appointment", fmt_time(t, rng.choice(["pad", "plain"])))
    n.checks.append(("appointment", ttext, "time"))
    c.drawString(360, y - 66, ttext)
    y -= 112
    c.setFont(reg, 9)
    for line in wrap(
        "Bring this notice and a valid photo identification (passport, driver's license, or other "
        "government-issued ID). If you need to reschedule, do so before the appointment date through "
        "your online account or by calling the Contact Center; rescheduling may delay your case.",
        reg,
        9,
        532,
    ):
        c.drawString(40, y, line)
        y -= 11.5
    if n.kind == "biometrics":
        c.rect(420, 60, 152, 50)
        c.setFont(reg, 7.5)
        c.drawString(426, 98, "APPLICATION SUPPORT CENTER USE ONLY")
        c.drawString(426, 84, "Code: 3")
    for i, line in enumerate(office_block(n)):
        c.setFont(reg, 8)
        c.drawString(40, 100 - i * 10, line)
    c.setFont(reg, 7)
    c.drawString(40, 24, "Form I-797C 07/11/14")


def a_label(n: Notice, rng: Random) -> str:
    style = rng.choice(["hash", "plain", "dash"])
    text = n.put("a_number", a_print(n.a_number or "", style))
    return text if style == "hash" else "A-Number: " + text


def draw_back(c: Any, n: Notice) -> None:
    """The back of a notice: general information, no fields of its own."""
    c.setFont("LibSans-B", 10)
    c.drawString(40, 740, "Additional Information")
    y = 720
    paras = (
        "General. The filing of an application or petition does not in itself allow a person to enter the United "
        "States and does not confer any other right or benefit. Keep this notice: you will need it to ask about "
        "your case.",
        "Inquiries. You can check the status of your case online with the receipt number on the front of this "
        "notice. If you move, tell us your new address within 10 days.",
        "Biometrics. If we need your fingerprints, photograph or signature, we will send you a separate "
        "appointment notice with the date, time and place. Do not go to an Application Support Center before you "
        "receive it.",
        "Requests for evidence. If we need more evidence we will send you a request for evidence; answer it by the "
        "date it gives, with a copy of the request on top of your response.",
        "Fraud. USCIS may verify the information you submitted through any means, including site visits; "
        "willfully false statements may lead to denial and criminal penalties.",
    )
    for para in paras:
        for line in wrap(para, "LibSans", 9, 532):
            c.setFont("LibSans", 9)
            c.drawString(40, y, line)
            y -= 12
        y -= 8
    c.setFont("LibSans", 7)
    c.drawString(40, 24, f"Form {title_of(n)} 07/11/14")


def draw_invoice(c: Any, rng: Random, ref: Notice) -> None:
    """Not a notice: a law firm's invoice to the employer, quoting a receipt number and USCIS fees."""
    _, firm, street, city = rng.choice(COUNSEL)
    c.setFont("LibSerif-B", 16)
    c.drawString(40, 740, firm)
    c.setFont("LibSerif", 9)
    c.drawString(40, 726, f"{street}, {city}")
    c.setFont("LibSans-B", 13)
    c.drawRightString(572, 740, "INVOICE")
    c.setFont("LibSans", 9)
    inv_date = ref.notice_date + timedelta(days=9)
    c.drawRightString(572, 726, f"Invoice No. {rng.randint(20000, 29999)}   Date: {inv_date:%m/%d/%Y}")
    y = 690
    for line in ("Bill to:", *EMPLOYER_HR[:1], COMPANIES[0], *EMPLOYER_HR[2:]):
        c.drawString(40, y, line)
        y -= 12
    y -= 10
    c.drawString(40, y, f"Matter: {ref.beneficiary or ref.applicant} - Form {ref.form} ({ref.classification or ''})")
    c.drawString(
        40,
        y - 12,
        f"USCIS Receipt Number: {ref.receipt}   (Form I-797C, Notice of Action dated {ref.notice_date:%m/%d/%Y})",
    )
    y -= 40
    rows = [
        ("Professional fees: preparation of petition and supporting letter", "4,250.00"),
        ("USCIS filing fee (advanced)", "780.00"),
        ("Fraud Prevention and Detection Fee (advanced)", "500.00"),
        ("Form I-907 premium processing fee (advanced)", "2,805.00"),
        ("Courier and copies", "64.50"),
    ]
    c.setFont("LibSans-B", 9)
    c.drawString(40, y, "Description")
    c.drawRightString(572, y, "Amount (USD)")
    c.line(40, y - 4, 572, y - 4)
    c.setFont("LibSans", 9)
    total = Decimal(0)
    for desc, amt in rows:
        y -= 16
        c.drawString(40, y, desc)
        c.drawRightString(572, y, amt)
        total += money(amt)
    c.line(40, y - 6, 572, y - 6)
    c.setFont("LibSans-B", 10)
    c.drawString(40, y - 20, "Total due")
    c.drawRightString(572, y - 20, f"${total:,.2f}")
    c.setFont("LibSans", 8.5)
    c.drawString(
        40, y - 50, "Payment due within 30 days. The receipt notice for the petition is enclosed for your records."
    )
    c.drawString(40, y - 62, "Questions: billing@" + firm.split()[0].lower() + "-law.example")


# ---------------------------------------------------------------------------------------------
# fpdf2: the "ledger" family, older notices from an employee's file (INS era and after): a double
# frame, upper-case "LABEL: value" pairs in two columns, a typed-looking font.


def draw_ledger(pdf: Any, n: Notice, rng: Random) -> None:
    font = rng.choice(["LibMono", "DejaMono", "LibSerif"])
    pdf.add_page()
    pdf.set_font(font, "", 9)
    ins = n.era == "ins"
    pdf.set_xy(36, 30)
    pdf.cell(300, 11, "U.S. Department of Justice" if ins else "Department of Homeland Security")
    pdf.set_xy(36, 41)
    pdf.cell(300, 11, "Immigration and Naturalization Service" if ins else "U.S. Citizenship and Immigration Services")
    form_no = title_of(n)
    pdf.set_font(font, "B", 13)
    pdf.set_xy(330, 32)
    pdf.cell(246, 14, f"{form_no}, Notice of Action", align="R")
    n.put("notice_type", form_no)
    pdf.set_line_width(1.2)
    pdf.rect(30, 62, 552, 138)
    pdf.set_line_width(0.4)
    pdf.rect(33, 65, 546, 132)
    pdf.set_font(font, "", 8)
    pdf.set_xy(36, 67)
    pdf.cell(540, 10, "THE UNITED STATES OF AMERICA", align="C")
    dstyle = rng.choice(["caps", "us", "abbr"])
    left = [
        ("RECEIPT NUMBER", n.put("receipt_number", rn_print(n.receipt, rng.choice(["dash", "plain"])))),
        ("RECEIPT DATE" if rng.random() < 0.6 else "RECEIVED DATE", n.date("received_date", dstyle)),
        ("NOTICE DATE", n.date("notice_date", dstyle)),
        ("PAGE", f"1 of {n.pages}"),
    ]
    if n.priority:
        left.insert(2, ("PRIORITY DATE", n.date("priority_date", dstyle)))
    form_text = ("I-907" if n.kind == "i907" else n.form).replace("-", "")
    right: list[tuple[str, str]] = [("CASE TYPE", n.put("form", form_text))]
    y = 84.0
    for label, value in left:
        pdf.set_font(font, "", 8)
        pdf.set_xy(40, y)
        pdf.cell(100, 11, label + ":")
        pdf.set_font(font, "B", 9)
        pdf.set_xy(128, y)
        pdf.cell(150, 11, value)
        y += 13
    y = 84.0
    pdf.set_font(font, "", 8)
    for label, value in right:
        pdf.set_xy(300, y)
        pdf.cell(80, 11, label + ":")
        pdf.set_font(font, "B", 9)
        pdf.set_xy(380, y)
        pdf.cell(190, 11, value)
        y += 11
    pdf.set_font(font, "", 8)
    pdf.set_xy(380, y)
    pdf.multi_cell(195, 10, CASE_TYPES["I-907" if n.kind == "i907" else n.form])
    y = max(y + 24, 120)
    parties: list[tuple[str, list[tuple[str, str]]]] = []
    if n.petitioner:
        parties.append(("PETITIONER", [("petitioner", n.petitioner)]))
        parties.append(("BENEFICIARY", [("beneficiary", n.beneficiary or "")]))
    else:
        lines = [("applicant", n.applicant or "")]
        if n.a_number:
            lines.insert(0, ("a_number", a_print(n.a_number, rng.choice(["plain", "spaced", "dash"]))))
        parties.append(("APPLICANT", lines))
    for label, items in parties:
        pdf.set_font(font, "", 8)
        pdf.set_xy(300, y)
        pdf.cell(80, 11, label + ":")
        pdf.set_font(font, "B", 9)
        for name, line in items:
            chunks: list[str] = []
            for word in line.split():
                if chunks and pdf.get_string_width(chunks[-1] + " " + word) <= 190:
                    chunks[-1] += " " + word
                else:
                    chunks.append(word)
            for chunk in chunks:
                pdf.set_xy(380, y)
                pdf.cell(195, 11, chunk)
                n.put(name, chunk)
                y += 11
        y += 2
    # below the frame
    y = 214.0
    pdf.set_font(font, "B", 10)
    pdf.set_xy(36, y)
    ntext = {
        "receipt": "Receipt Notice",
        "i907": "Premium Processing Receipt",
        "approval": "Approval Notice",
        "transfer": "Transfer Notice",
        "rejection": "Rejection Notice",
    }[n.kind]
    pdf.cell(300, 12, "NOTICE TYPE: " + n.put("notice_type", ntext.upper()))
    y += 16
    pdf.set_font(font, "", 9)
    if n.kind == "approval":
        if n.classification:
            pdf.set_xy(36, y)
            pdf.cell(200, 11, "CLASS: " + n.put("classification", n.classification.replace("-", "")))
            y += 12
        if n.valid_from:
            pdf.set_xy(36, y)
            pdf.cell(400, 11, f"VALID FROM {n.date('valid_from', 'us')} UNTIL {n.date('valid_to', 'us')}")
            y += 12
        if n.variant == "I-797B":
            pdf.set_xy(36, y)
            pdf.cell(300, 11, "CONSULATE: " + rng.choice(["MUMBAI", "MONTERREY", "MANILA", "FRANKFURT"]))
            y += 12
    if n.fees:
        pdf.set_xy(330, 214)
        pdf.cell(246, 12, "AMOUNT RECEIVED: $ " + n.put("amount", n.amount or "", "amount") + " U.S.", align="R")
    y += 14
    for line in n.addressee:
        pdf.set_xy(60, y)
        pdf.cell(300, 11, line.upper())
        y += 11
    y += 14
    for para in BODY.get(n.kind, ()):
        pdf.set_xy(36, y)
        pdf.multi_cell(540, 11, para)
        y = pdf.get_y() + 8
    pdf.set_font(font, "", 8)
    oy = 560 if n.variant == "I-797A" else 690
    for i, line in enumerate(office_block(n)):
        text = (
            line.replace("U.S. CITIZENSHIP AND IMMIGRATION SERVICES", "IMMIGRATION AND NATURALIZATION SERVICE")
            if ins
            else line
        )
        pdf.set_xy(36, oy + i * 10)
        pdf.cell(300, 10, text)
    if n.variant == "I-797A" and n.kind == "approval":
        pdf.set_dash_pattern(dash=2, gap=2)
        pdf.line(30, 610, 582, 610)
        pdf.set_dash_pattern()
        pdf.set_font(font, "B", 9)
        pdf.set_xy(320, 620)
        pdf.cell(250, 11, "DEPARTURE RECORD")
        pdf.set_font(font, "", 9)
        num = n.i94 or ""
        pdf.set_xy(320, 634)
        pdf.cell(250, 11, "I-94 NUMBER " + n.put("i94_number", f"{num[:9]} {num[9:]}"))
        pdf.set_xy(320, 648)
        pdf.cell(250, 11, f"{(n.beneficiary or n.applicant or '').upper()}")
        pdf.set_xy(320, 662)
        pdf.cell(250, 11, f"BIRTH DATE {n.birth:%m/%d/%y}" if n.birth else "")
        pdf.set_xy(36, 634)
        pdf.cell(250, 11, f"RECEIPT # {n.receipt}")
    pdf.set_font(font, "", 7)
    pdf.set_xy(36, 760)
    pdf.cell(300, 9, "Form I-797 (Rev. 09/07/93)N" if ins else "Form I-797 (Rev. 01/31/05) N")


def fpdf_document(draw: list[tuple[Notice, Random]], path: Path) -> None:
    import logging

    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # old 'created' stamps in some fonts' head tables
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(2026, 1, 1))
    for style, suffix in (("", ""), ("B", "-B")):
        for name in ("LibMono", "DejaMono", "LibSerif", "LibNarrow", "Carlito", "DejaSans"):
            pdf.add_font(name, style, str(FONT_DIR / TTF[name + suffix]))
    for n, rng in draw:
        (draw_band if n.family == "band" else draw_ledger)(pdf, n, rng)
    pdf.output(str(path))


def draw_band(pdf: Any, n: Notice, rng: Random) -> None:
    """A current notice in bands: shaded bands of label-value pairs across the page, the parties as
    lines under them, a validity range or the fee, the addressee, the body, the office in two columns."""
    font = rng.choice(["LibNarrow", "Carlito", "DejaSans"])
    small = 7.5 if font == "DejaSans" else 8.5
    pdf.add_page()
    pdf.set_font(font, "", small)
    pdf.set_xy(36, 30)
    pdf.cell(330, 10, "U.S. Department of Homeland Security  |  U.S. Citizenship and Immigration Services")
    form_no = title_of(n)
    pdf.set_font(font, "B", 16)
    pdf.set_xy(380, 26)
    pdf.cell(196, 18, "Form " + n.put("notice_type", form_no), align="R")
    pdf.set_font(font, "", 10)
    pdf.set_xy(380, 44)
    pdf.cell(196, 12, "Notice of Action", align="R")
    dstyle = rng.choice(["long", "us", "abbr"])
    form_text = ("I-907" if n.kind == "i907" else n.form).replace("-", "")
    ntext = {
        "receipt": "RECEIPT",
        "i907": "PREMIUM PROCESSING RECEIPT",
        "approval": "APPROVAL",
        "transfer": "TRANSFER",
        "rejection": "REJECTION",
    }[n.kind]
    rows: list[list[tuple[str, str]]] = [
        [
            ("NOTICE DATE", n.date("notice_date", dstyle)),
            ("RECEIPT NUMBER", n.put("receipt_number", rn_print(n.receipt, "plain"))),
            ("PAGE", f"1 of {n.pages}"),
        ],
        [("CASE TYPE", n.put("form", form_text) + " - " + CASE_TYPES["I-907" if n.kind == "i907" else n.form])],
        [
            ("DATE RECEIVED", n.date("received_date", dstyle)),
            ("PRIORITY DATE", n.date("priority_date", dstyle) if n.priority else "-"),
            ("NOTICE TYPE", n.put("notice_type", ntext)),
        ],
    ]
    y = 66.0
    for row in rows:
        pdf.set_fill_color(226, 226, 226)
        pdf.rect(36, y, 540, 17, style="F")
        width = 540 / len(row)
        for i, (label, value) in enumerate(row):
            x = 40 + i * width
            pdf.set_font(font, "B", small)
            pdf.set_xy(x, y + 3)
            pdf.cell(0, 11, label)
            lw = pdf.get_string_width(label) + 8
            pdf.set_font(font, "", 9.5)
            pdf.set_xy(x + lw, y + 3)
            pdf.cell(width - lw - 6, 11, value)
        y += 20
    y += 8
    lines: list[tuple[str, str, str]] = []
    if n.petitioner:
        lines.append(("PETITIONER", "petitioner", n.petitioner))
        lines.append(("BENEFICIARY", "beneficiary", n.beneficiary or ""))
    else:
        lines.append(("APPLICANT", "applicant", n.applicant or ""))
        if n.a_number:
            lines.append(("A#", "a_number", a_print(n.a_number, rng.choice(["plain", "spaced"]))))
    if n.kind == "approval":
        if n.classification:
            lines.append(("CLASSIFICATION", "classification", n.classification))
        if n.valid_from and n.valid_to:
            lines.append(("VALIDITY", "", f"{n.date('valid_from', 'us')} - {n.date('valid_to', 'us')}"))
        if n.variant == "I-797B":
            lines.append(("CONSULATE", "", rng.choice(["BOGOTA", "HYDERABAD", "ISTANBUL", "SEOUL"])))
    if n.fees:
        lines.append(("FEE RECEIVED", "", "USD " + n.put("amount", n.amount or "", "amount")))
    for label, name, value in lines:
        pdf.set_font(font, "B", small)
        pdf.set_xy(40, y)
        pdf.cell(100, 12, label)
        pdf.set_font(font, "", 10)
        chunks: list[str] = []
        for word in value.split():
            if chunks and pdf.get_string_width(chunks[-1] + " " + word) <= 420:
                chunks[-1] += " " + word
            else:
                chunks.append(word)
        for chunk in chunks:
            pdf.set_xy(140, y)
            pdf.cell(420, 12, chunk)
            if name:
                n.put(name, chunk)
            y += 12.5
        y += 1
    y += 16
    pdf.set_font(font, "", 10)
    for line in n.addressee:
        pdf.set_xy(72, y)
        pdf.cell(300, 12, line)
        y += 12
    y += 18
    pdf.set_font(font, "", 9)
    for para in BODY.get(n.kind, ()):
        pdf.set_xy(36, y)
        pdf.multi_cell(540, 11.5, para)
        y = pdf.get_y() + 8
    pdf.set_draw_color(0, 0, 0)
    pdf.line(36, 690, 576, 690)
    pdf.set_font(font, "", 8)
    for i, line in enumerate(office_block(n)):
        pdf.set_xy(36, 696 + i * 10)
        pdf.cell(260, 10, line)
    for i, line in enumerate(("Questions? Visit www.uscis.gov or call the", "USCIS Contact Center at 800-375-5283.")):
        pdf.set_xy(330, 696 + i * 10)
        pdf.cell(246, 10, line)
    pdf.set_xy(36, 760)
    pdf.cell(200, 9, f"Form {form_no} 04/01/24")


# ---------------------------------------------------------------------------------------------
# LibreOffice: the "letter" family (requests for evidence, notices of intent to deny or revoke,
# denials) written as Word documents; and the HR status report (not a notice).

LETTER_HEAD = {
    "rfe": "REQUEST FOR EVIDENCE",
    "noid": "NOTICE OF INTENT TO DENY",
    "noir": "NOTICE OF INTENT TO REVOKE",
    "denial": "DECISION",
}


def build_letter(n: Notice, rng: Random, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = rng.choice(["Liberation Serif", "Caladea", "Carlito", "DejaVu Serif"])
    style.font.size = Pt(10.5)
    for section in doc.sections:
        section.page_height = Pt(792)
        section.page_width = Pt(612)
        section.left_margin = section.right_margin = Pt(60)
        section.top_margin = Pt(40)
        section.bottom_margin = Pt(50)
    centre, street, city = OFFICES[n.office]

    def para(text: str = "", bold: bool = False, align: Any = None, size: float | None = None, after: float = 2) -> Any:
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(after)
        return p

    para("U.S. Department of Homeland Security", bold=True, size=12, after=0)
    para("U.S. Citizenship and Immigration Services", after=0)
    para(centre, after=0)
    para(f"{street}, {city}", after=14)
    dstyle = rng.choice(["long", "long", "us"])
    para(n.date("notice_date", dstyle), after=12)
    for line in n.addressee:
        para(line, after=0)
    para("", after=8)
    table = doc.add_table(rows=0, cols=2)
    rows: list[tuple[str, str]] = [("Receipt Number:", n.put("receipt_number", rn_print(n.receipt, "plain")))]
    rows.append(("Form:", n.put("form", n.form) + ", " + CASE_TYPES[n.form].title()))
    if rng.random() < 0.6:
        rows.append(("Date Filed:" if rng.random() < 0.5 else "Received Date:", n.date("received_date", dstyle)))
    if n.priority and rng.random() < 0.7:
        rows.append(("Priority Date:", n.date("priority_date", dstyle)))
    if n.petitioner:
        rows.append(("Petitioner:", n.put("petitioner", n.petitioner)))
        rows.append(("Beneficiary:", n.put("beneficiary", n.beneficiary or "")))
    else:
        rows.append(("Applicant:", n.put("applicant", n.applicant or "")))
        if n.a_number:
            rows.append(("A-Number:", n.put("a_number", a_print(n.a_number, rng.choice(["dash", "spaced"])))))
    if n.classification and n.form == "I-129":
        rows.append(("Classification:", n.put("classification", n.classification)))
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
        cells[0].paragraphs[0].runs[0].bold = True
    para("", after=6)
    para(n.put("notice_type", LETTER_HEAD[n.kind]), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=12, after=10)
    who = "petition" if n.petitioner else "application"
    if n.kind == "rfe":
        body = [
            f"USCIS has reviewed the {who} named above. The evidence in the record is not sufficient to "
            "establish eligibility. Please submit the evidence listed below. Failure to respond may lead to a "
            "denial; a notice of intent to deny is not required before a denial based on the record."
        ]
        due = n.date("response_due", "long")
        body.append(
            f"Your response must be received in this office by {due}. Send the response with a copy "
            "of this request on top of it to the address above."
        )
    elif n.kind in ("noid", "noir"):
        act = "deny" if n.kind == "noid" else "revoke the approval of"
        body = [
            f"USCIS intends to {act} the {who} named above for the reasons given below. This is not a "
            "final decision. Our earlier request for evidence is part of the record."
        ]
        due = n.date("response_due", "long")
        body.append(
            f"You may submit evidence in rebuttal. Your response must be received by {due}; if we "
            "receive nothing by then, we will decide on the record."
        )
    else:
        body = [
            f"After careful review of the record, USCIS has denied the {who} named above for the reasons "
            "given below. You may file a motion to reopen or reconsider, or an appeal, within 33 days of "
            "this decision."
        ]
    for text in body:
        para(text, after=8)
    points = [
        "Evidence that the position is a specialty occupation: a detailed description of the duties, the "
        "percentage of time spent on each and the degree required.",
        "Evidence of the employer-employee relationship for the whole period requested, such as contracts, "
        "statements of work and itineraries for each worksite.",
        "Evidence of the beneficiary's degree or its foreign equivalent, with a credentials evaluation.",
        "Evidence of the ability to pay the proffered wage from the priority date onward: annual reports, "
        "federal tax returns, or audited financial statements.",
        "Copies of the beneficiary's pay statements and Forms W-2 for the last three years.",
        "An explanation of any gap in the beneficiary's status since the last admission.",
    ]
    for i, text in enumerate(points[: 3 if n.pages == 1 else 6]):
        para(f"{i + 1}. {text}", after=6)
    if n.pages > 1:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        para(f"{n.receipt}", after=0)
        para("Page 2", after=12)
        for text in (
            "The evidence should be submitted as copies unless an original is requested. Translations "
            "must be complete and certified. Submit all the requested evidence at one time.",
            "Include the enclosed cover sheet on top of your response. If you do not respond, USCIS "
            "will decide the case on the evidence in the record; a denial may follow.",
            "Please note that you are allowed only one response to this request.",
        ):
            para(text, after=8)
    para("Sincerely,", after=22)
    para(rng.choice(["M. Okereke-Dunn", "Laurel V. Castaneda", "T. R. Whitfield"]), after=0)
    para("Director", after=0)
    doc.save(str(path))


def build_tracker(rng: Random, notices: list[Notice], path: Path) -> None:
    """Not a notice: an HR status report listing employees' cases, receipt numbers and dates."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Carlito"
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("Immigration case status report", level=1)
    doc.add_paragraph(
        f"Prepared by the Global Mobility Team for the monthly review. As of {notices[0].notice_date:%B %d, %Y}."
    )
    doc.add_paragraph(
        "Status is taken from the I-797 notices counsel forwarded (Notice of Action, Receipt Notice, "
        "Approval Notice). Deadlines are calendared by the team."
    )
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["Employee", "Form", "Receipt Number", "Received", "Status", "Next date"], strict=True
    ):
        cell.text = text
    for n in notices:
        cells = table.add_row().cells
        person = n.beneficiary or n.applicant or ""
        status = {
            "receipt": "Receipt Notice",
            "approval": "Approved",
            "rfe": "RFE issued",
            "biometrics": "Biometrics scheduled",
        }.get(n.kind, "Pending")
        nxt = n.response_due or n.valid_to or (n.appt[0] if n.appt else None)
        for cell, text in zip(
            cells,
            [person, n.form, n.receipt, f"{n.received:%m/%d/%Y}", status, f"{nxt:%m/%d/%Y}" if nxt else "-"],
            strict=True,
        ):
            cell.text = text
    doc.add_paragraph("")
    doc.add_paragraph("Questions about a case go to outside counsel; please do not contact USCIS directly.")
    doc.save(str(path))


# ---------------------------------------------------------------------------------------------
# chromium: the "mailview" family (a notice forwarded by counsel, printed from web mail with the
# PDF attachment shown inline under the message), counsel's e-mail quoting a notice (not a notice),
# and a case-status page (not a notice).

CSS = """
@page { size: Letter; margin: 0.5in 0.55in; }
body { font-family: '%s', sans-serif; font-size: 10pt; color: #111; }
.mail h1 { font-size: 15pt; font-weight: normal; margin: 0 0 6pt 0; }
.mail .meta { font-size: 9pt; color: #333; border-bottom: 1px solid #bbb; padding-bottom: 6pt; }
.mail .meta b { display: inline-block; width: 6em; }
.mail p { margin: 6pt 0; }
.att { border: 1px solid #999; margin-top: 10pt; padding: 16pt 20pt; page-break-inside: avoid; }
.att + .att { page-break-before: always; }
.hdr { display: flex; justify-content: space-between; border-bottom: 2px solid #000; padding-bottom: 4pt; }
.hdr .t { font-size: 14pt; font-weight: bold; }
.usa { text-align: center; font-size: 7.5pt; letter-spacing: 2pt; margin: 3pt 0 8pt; }
table.facts { width: 100%%; border-collapse: collapse; font-size: 9pt; }
table.facts th { text-align: right; font-weight: normal; font-variant: small-caps; color: #444;
  padding: 2pt 6pt 2pt 0; width: 17%%; vertical-align: top; }
table.facts td { font-weight: bold; padding: 2pt 10pt 2pt 0; width: 33%%; vertical-align: top; }
.ntype { margin: 10pt 0 4pt; font-weight: bold; }
.addr { margin: 10pt 0 10pt 30pt; font-size: 9.5pt; }
.small { font-size: 8pt; }
.fine { font-size: 8.5pt; margin-top: 8pt; }
"""


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_notice(n: Notice, rng: Random) -> str:
    form_no = title_of(n)
    n.put("notice_type", form_no)
    dstyle = rng.choice(["us", "long", "abbr"])
    form_text = n.put("form", "I-907" if n.kind == "i907" else n.form)
    pairs: list[tuple[str, str]] = [
        ("Receipt Number", n.put("receipt_number", n.receipt)),
        ("Case Type", f"{form_text} - {CASE_TYPES[form_text].title()}"),
        ("Received Date", n.date("received_date", dstyle)),
        ("Notice Date", n.date("notice_date", dstyle)),
    ]
    if n.priority:
        pairs.append(("Priority Date", n.date("priority_date", dstyle)))
    if n.petitioner:
        pairs.append(("Petitioner", n.put("petitioner", n.petitioner)))
        pairs.append(("Beneficiary", n.put("beneficiary", n.beneficiary or "")))
    else:
        pairs.append(("Applicant", n.put("applicant", n.applicant or "")))
        if n.a_number:
            pairs.append(("A-Number", n.put("a_number", a_print(n.a_number, rng.choice(["hash", "spaced", "dash"])))))
    pairs.append(("Page", f"1 of {n.pages}"))
    rows = []
    for i in range(0, len(pairs), 2):
        chunk = pairs[i : i + 2]
        rows.append("<tr>" + "".join(f"<th>{esc(a)}</th><td>{esc(b)}</td>" for a, b in chunk) + "</tr>")
    ntext = NOTICE_TYPE_TEXT.get(n.kind, ("Notice", ""))[0]
    facts = [f"<div class=ntype>Notice Type: {esc(n.put('notice_type', ntext))}</div>"]
    if n.kind == "approval":
        if n.classification:
            facts.append(f"<div>Classification: {esc(n.put('classification', n.classification))}</div>")
        if n.valid_from:
            facts.append(f"<div>Valid from {n.date('valid_from', dstyle)} to {n.date('valid_to', dstyle)}</div>")
    if n.fees:
        facts.append(f"<div>Amount received: ${n.put('amount', n.amount or '', 'amount')}</div>")
    if n.appt:
        d, t, place = n.appt
        dt = n.put("appointment", fmt_date(d, "us"))
        n.checks.append(("appointment", dt, "us"))
        tt = n.put("appointment", fmt_time(t, "pad"))
        n.checks.append(("appointment", tt, "time"))
        facts.append(
            f"<div class=fine><b>Application Support Center:</b> {esc(place[0])}, "
            f"{esc(n.put('appointment', place[1]))}, "
            f"{esc(place[2])}<br><b>Date and time of appointment:</b> {dt} {tt}</div>"
        )
    addr = "<br>".join(esc(a.upper()) for a in n.addressee)
    body = "".join(f"<p class=fine>{esc(p)}</p>" for p in BODY.get(n.kind, ()))
    office = "<br>".join(esc(x) for x in office_block(n))
    return (
        f"<div class=att><div class=hdr><span class=small>Department of Homeland Security<br>U.S. Citizenship and "
        f"Immigration Services</span><span class=t>{form_no}, Notice of Action</span></div>"
        f"<div class=usa>THE UNITED STATES OF AMERICA</div><table class=facts>{''.join(rows)}</table>{''.join(facts)}"
        f"<div class=addr>{addr}</div>{body}<p class=small>{office}</p>"
        f"<p class=small>Form {form_no} 07/11/14</p></div>"
    )


def mail_head(rng: Random, subject: str, sent: date, attachments: list[str]) -> str:
    name, firm, _, _ = rng.choice(COUNSEL)
    hour = rng.randint(8, 18)
    return (
        f"<div class=mail><h1>{esc(subject)}</h1><div class=meta><b>From:</b> {esc(name)} &lt;notices@"
        f"{firm.split()[0].lower()}-law.example&gt;<br><b>Sent:</b> {sent:%A}, {sent:%B} {sent.day}, {sent.year} "
        f"{hour % 12 or 12}:{rng.randint(10, 59)} {'AM' if hour < 12 else 'PM'}<br><b>To:</b> Global Mobility Team "
        f"&lt;mobility@brightwater.example&gt;<br><b>Attachments:</b> {esc(', '.join(attachments))}</div>"
    )


def html_mailview(notices: list[Notice], rng: Random) -> str:
    n = notices[0]
    who = n.beneficiary or n.applicant or ""
    subject = f"FW: USCIS notice - {who.title()} - {n.form}"
    sent = n.notice_date + timedelta(days=rng.randint(4, 9))
    atts = [f"{x.receipt}.pdf" for x in notices]
    text = (
        "Hello team,<br>Please find below the notice(s) we received for the case noted in the subject line. "
        "We have saved the original in the client file and calendared any dates on our side. Please update "
        "your tracker and let us know if the employee's details have changed.<br>Best regards,<br>Case Manager"
    )
    return mail_head(rng, subject, sent, atts) + f"<p>{text}</p></div>" + "".join(html_notice(x, rng) for x in notices)


def html_counsel_mail(rng: Random, ref: Notice) -> str:
    subject = f"Approval received - {ref.beneficiary or ref.applicant} ({ref.classification or ref.form})"
    sent = ref.notice_date + timedelta(days=5)
    valid = f"{ref.valid_to:%B %d, %Y}" if ref.valid_to else "the end date on the notice"
    text = (
        f"<p>Dear Global Mobility Team,</p><p>Good news: USCIS approved the {ref.form} filed for "
        f"{esc(ref.beneficiary or '')}. The Form I-797A, Notice of Action, receipt number {ref.receipt}, was "
        f"issued on {ref.notice_date:%m/%d/%Y}. The approval is valid through {valid}, and the new I-94 is "
        "printed at the bottom of the notice.</p><p>We will send the original approval notice by courier. "
        "Please do not rely on this e-mail for travel; the employee should carry the original I-797A. Note that "
        "USCIS may still issue a notice of intent to revoke if the facts change, so let us know about any "
        "change in the job or worksite.</p><p>Kind regards,<br>Immigration Counsel</p>"
    )
    return mail_head(rng, subject, sent, [f"{ref.receipt} approval.pdf"]) + text + "</div>"


def html_status(rng: Random, ref: Notice) -> str:
    return (
        f"<div style='background:#f2f4f7;padding:18pt'><div style='font-size:9pt;color:#555'>Case Status Online</div>"
        f"<h1 style='font-size:18pt'>Case Was Received</h1><p>Receipt Number: <b>{ref.receipt}</b></p>"
        f"<p>On {ref.received:%B %d, %Y}, we received your Form {ref.form}, {CASE_TYPES[ref.form].title()}, "
        f"Receipt Number {ref.receipt}, and sent you the receipt notice that describes how we will process your "
        "case. Please follow the instructions in the notice. If you do not receive your receipt notice by mail "
        "within 30 days, contact the USCIS Contact Center.</p><p style='font-size:8pt;color:#555'>This page is "
        "not a notice of action and cannot be used as evidence of status.</p></div>"
    )


def render_html(jobs: list[tuple[str, Path, str]]) -> None:
    """Print HTML pages to PDF with one headless chromium. ``jobs``: (html body, out path, font)."""
    if not jobs:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        for i, (body, out, font) in enumerate(jobs):
            page.set_content(
                f"<html><head><meta charset=utf-8><style>{CSS % font}</style></head><body>{body}</body></html>"
            )
            header = i % 2 == 0
            page.pdf(
                path=str(out),
                format="Letter",
                print_background=True,
                display_header_footer=header,
                header_template="<div style='font-size:7px;width:100%;padding-left:30px'>"
                "Mail - Global Mobility Team - Outlook</div>",
                footer_template="<div style='font-size:7px;width:100%;text-align:right;padding-right:30px'>"
                "<span class=pageNumber></span>/<span class=totalPages></span></div>",
                margin={"top": "0.55in", "bottom": "0.55in", "left": "0.5in", "right": "0.5in"},
            )
        browser.close()


def render_docx(jobs: list[tuple[Path, Path]], work: Path) -> None:
    """Convert Word documents to PDF with one LibreOffice call (a private profile)."""
    if not jobs:
        return
    profile = work / "lo-profile"
    src = [str(s) for s, _ in jobs]
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "lo-out"),
            *src,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    for s, out in jobs:
        shutil.move(str(work / "lo-out" / (s.stem + ".pdf")), out)


# ---------------------------------------------------------------------------------------------
# Paper, scanners, faxes, phones and screens.


def render_page(pdf_path: Path, index: int, dpi: float, grey: bool = True) -> Any:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        image = doc[index].render(scale=dpi / 72, grayscale=grey).to_pil()
    finally:
        doc.close()
    return image.convert("L" if grey else "RGB")


def two_up(left: Any, right: Any) -> Any:
    """Two letter pages reduced side by side on one landscape sheet (a copier's 2-in-1)."""
    from PIL import Image

    w, h = left.size
    sheet = Image.new(left.mode, (h, w), 255 if left.mode == "L" else (255, 255, 255))
    scale = min((h / 2 - 20) / w, (w - 20) / h)
    for i, page in enumerate((left, right)):
        small = page.resize((int(w * scale), int(h * scale)))
        sheet.paste(small, (int(10 + i * h / 2), int((w - h * scale) / 2)))
    return sheet


def handwriting(image: Any, rng: Random, text: str, colour: tuple[int, int, int]) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    w, h = image.size
    font = ImageFont.truetype(str(FONT_DIR / "dejavu/DejaVuSerif-Italic.ttf"), max(18, w // 38))
    layer = Image.new("RGBA", (w // 2, h // 12), (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((4, 4), text, font=font, fill=(*colour, 235))
    layer = layer.rotate(rng.uniform(-6, 6), expand=True, resample=Image.Resampling.BICUBIC)
    base = image.convert("RGB")
    base.paste(layer, (int(w * rng.uniform(0.5, 0.56)), int(h * rng.uniform(0.58, 0.62))), layer)  # a blank stretch
    return base if image.mode == "RGB" else base.convert("L")


def marks(image: Any, rng: Random, extras: tuple[str, ...], dpi: float) -> Any:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    w, h = image.size
    ink = 40 if image.mode == "L" else (40, 40, 40)
    if "staple" in extras:
        x, y = int(dpi * 0.35), int(dpi * 0.3)
        draw.line((x, y, x + int(dpi * 0.45), y - int(dpi * 0.12)), fill=ink, width=max(2, int(dpi / 60)))
    if "punch" in extras:
        for frac in (0.2, 0.5, 0.8):
            r = int(dpi * 0.13)
            cx, cy = int(dpi * 0.3), int(h * frac)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=60 if image.mode == "L" else (60, 60, 60))
    if "fold" in extras:
        for frac in (1 / 3, 2 / 3):
            y = int(h * frac) + rng.randint(-8, 8)
            draw.line((0, y, w, y), fill=205 if image.mode == "L" else (205, 205, 200), width=2)
    return image


def copier(image: Any, rng: Random, dpi: float, strength: float = 1.0) -> Any:
    """Paper tone, soft toner, blur, skew, uneven lamp, noise and specks."""
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    angle = rng.uniform(-1.8, 1.8) * strength
    fill = 250 if image.mode == "L" else (250, 248, 240)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=fill)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8) * dpi / 200))
    arr = np.asarray(image).astype(np.float32)
    paper = rng.uniform(228, 246)
    arr = arr / 255.0 * (paper - 25) + 25 + rng.uniform(0, 30) * strength * (arr < 128)
    w = arr.shape[1]
    lamp = np.linspace(rng.uniform(-14, 0), rng.uniform(0, 10), w, dtype=np.float32)[None, :]
    arr = arr + (lamp if arr.ndim == 2 else lamp[..., None])
    arr = arr + nrng.normal(0, 5 * strength, arr.shape).astype(np.float32)
    specks = nrng.random(arr.shape[:2]) < 0.00025 * strength
    arr[specks] = 30
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), image.mode)


def fax(image: Any, rng: Random, header: str, fine: bool) -> Any:
    """A fax: the page at 204 x 196 (fine) or 204 x 98 (standard) dpi, one bit, with the sender's line."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = image.size  # rendered at 204 dpi
    image = image.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BILINEAR, fillcolor=255)
    if not fine:
        image = image.resize((w, h // 2)).resize((w, h))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT_DIR / "dejavu/DejaVuSansMono.ttf"), 22)
    draw.rectangle((0, 0, w, 30), fill=255)
    draw.text((20, 4), header, font=font, fill=0)
    threshold = rng.randint(150, 175)
    return image.point(lambda v: 255 if v > threshold else 0).convert("1")


def photo(image: Any, rng: Random) -> Any:
    """A phone photo of the sheet on a desk: perspective, warm uneven light, vignette, a wood-like desk."""
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = np.random.default_rng(rng.randint(0, 2**31))
    page = image.convert("RGB")
    pw, ph = page.size
    W, H = int(pw * 1.25), int(ph * 1.18)
    grain = nrng.normal(0, 1, (H // 8, W)).astype(np.float32)
    wood = np.repeat(grain, 8, axis=0)[:H] * 10
    base = np.stack([wood + 120, wood + 84, wood + 52], axis=-1)
    desk = Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(2))
    ox, oy = (W - pw) // 2, (H - ph) // 2
    desk.paste(page, (ox, oy))
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    keystone = pw * rng.uniform(0.04, 0.08)  # the phone tilted over the sheet: one edge looks narrower
    quad = (
        ox + j(40) - 30 - keystone,
        oy + j(30) - 40,
        ox + j(40) - 20,
        oy + ph + j(30) + 50,
        ox + pw + j(40) + 30,
        oy + ph + j(30) + 20,
        ox + pw + j(40) + 40 + keystone,
        oy + j(30) - 30,
    )
    out = desk.transform((W, H), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC)
    arr = np.asarray(out).astype(np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = W * rng.uniform(0.35, 0.65), H * rng.uniform(0.3, 0.6)
    vignette = 1 - 0.35 * (((xx - cx) / W) ** 2 + ((yy - cy) / H) ** 2)
    arr = arr * vignette[..., None] * np.array([1.0, 0.95, 0.84], dtype=np.float32)
    arr = arr + nrng.normal(0, 3, arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.7))
    scale = 2400 / max(W, H)
    return out.resize((int(W * scale), int(H * scale)), Image.Resampling.LANCZOS)


def screenshot(image: Any, title: str) -> Any:
    """A screenshot of a PDF viewer showing the page: toolbar, grey canvas, the page at screen zoom."""
    from PIL import Image, ImageDraw, ImageFont

    page = image.convert("RGB")
    pw, ph = page.size
    W = pw + 260
    H = min(ph + 90, 1500)
    shot = Image.new("RGB", (W, H), (82, 86, 89))
    draw = ImageDraw.Draw(shot)
    draw.rectangle((0, 0, W, 44), fill=(50, 54, 57))
    font = ImageFont.truetype(str(FONT_DIR / "dejavu/DejaVuSans.ttf"), 17)
    draw.text((16, 12), title, font=font, fill=(235, 235, 235))
    draw.text((W - 190, 12), "1 / 1      -   125%   +", font=font, fill=(235, 235, 235))
    shot.paste(page.crop((0, 0, pw, min(ph, H - 64))), (130, 58))
    return shot


def encode(image: Any, fmt: str, dpi: float, quality: int = 75) -> bytes:
    buf = io.BytesIO()
    if fmt == "jpeg":
        image.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=False)
    elif fmt == "png":
        image.save(buf, "PNG", dpi=(dpi, dpi))
    elif fmt == "g4":
        image.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
    else:
        raise ValueError(fmt)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The catalogue: source documents, and the files made of their pages.


@dataclass
class Doc:
    key: str
    kind: str  # strip/panel (reportlab, per notice family), ledger (fpdf2), letter (LibreOffice), mailview (chromium),
    # and the non-notices: invoice (reportlab), tracker (LibreOffice), counsel, status (chromium)
    notices: list[Notice]
    seed: int
    ref: list[Notice] = field(default_factory=list)
    path: Path | None = None
    starts: list[int] = field(default_factory=list)
    npages: int = 0
    texts: list[str] = field(default_factory=list)

    @property
    def producer(self) -> str:
        return {
            "rl": "reportlab",
            "ledger": "fpdf2",
            "letter": "libreoffice",
            "tracker": "libreoffice",
            "mailview": "chromium",
            "counsel": "chromium",
            "status": "chromium",
            "invoice": "reportlab",
        }[self.kind]


@dataclass
class Out:
    name: str
    medium: str
    label: str
    sheets: list[tuple[Any, ...]]  # ("text", doc, page) ("text2up", (doc, p), (doc, p)) ("scan", doc, page)
    # ("scan2up", (doc, p), (doc, p)) ("blank",)
    effect: str = "none"  # copier, fax, refax, photo, screen, tiff-g4, tiff-lzw, png-scan, jpeg-scan
    dpi: int = 0
    fmt: str = "pdf"
    extras: tuple[str, ...] = ()
    seed: int = 0


def plan(mk: Maker, rng: Random) -> tuple[list[Doc], list[Out]]:
    docs: list[Doc] = []
    outs: list[Out] = []

    def address(n: Notice) -> None:
        if rng.random() < 0.55:
            name, firm, street, city = rng.choice(COUNSEL)
            n.addressee = (name, firm, street, city)
        else:
            n.addressee = ((n.petitioner or COMPANIES[0])[:40], "c/o " + EMPLOYER_HR[0], EMPLOYER_HR[2], EMPLOYER_HR[3])

    def note(kind: str, form: str, family: str, era: str = "now", **over: Any) -> Notice:
        n = mk.notice(kind, form, era=era, **over)
        n.family = family
        if kind == "approval" and "variant" not in over:
            n.variant = "I-797"
        if n.variant == "I-797A":
            n.i94 = mk.i94()
        address(n)
        return n

    def wide(n: Notice) -> Notice:
        """A petitioner name long enough to run onto further lines."""
        mk.long_petitioner(n)
        address(n)
        return n

    def doc(kind: str, notices: list[Notice], ref: list[Notice] | None = None) -> Doc:
        d = Doc(f"d{len(docs) + 1:02d}", kind, notices, rng.randint(0, 2**31), ref or [])
        docs.append(d)
        return d

    def single(n: Notice) -> Doc:
        kind = {"strip": "rl", "panel": "rl", "ledger": "ledger", "band": "ledger"}.get(n.family, n.family)
        return doc(kind, [n])

    def out(
        medium: str,
        label: str,
        sheets: list[tuple[Any, ...]],
        effect: str = "none",
        dpi: int = 0,
        fmt: str = "pdf",
        extras: tuple[str, ...] = (),
    ) -> None:
        ext = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif"}[fmt]
        outs.append(
            Out(f"f{len(outs) + 1:02d}.{ext}", medium, label, sheets, effect, dpi, fmt, extras, rng.randint(0, 2**31))
        )

    def pages(d: Doc, how: str = "text") -> list[tuple[Any, ...]]:
        count = sum(n.pages + n.back for n in d.notices) if d.notices else 1
        return [(how, d, i) for i in range(count)]

    # --- text PDFs, one notice each
    n = note("receipt", "I-129", "strip")
    mk.long_petitioner(n)
    address(n)
    for spec in (
        n,
        note("receipt", "I-485", "strip"),
        note("receipt", "I-765", "band"),
        note("approval", "I-140", "strip"),
        note("approval", "I-129", "strip", variant="I-797A"),
        note("approval", "I-539", "strip", variant="I-797A"),
        note("transfer", "I-485", "band"),
        note("approval", "I-129", "band", variant="I-797B"),
        note("i907", "I-140", "band"),
        note("approval", "I-765", "band"),
        note("biometrics", "I-485", "panel"),
        note("biometrics", "I-539", "panel"),
        note("interview", "I-485", "panel"),
        note("approval", "I-129", "ledger", era="ins", variant="I-797A"),
        wide(note("approval", "I-129", "ledger", era="dhs")),
        note("receipt", "I-140", "ledger", era="dhs"),
        note("receipt", "I-129", "ledger", era="ins"),
        note("rfe", "I-129", "letter", pages=2),
        note("noid", "I-140", "letter"),
        note("noir", "I-129", "letter"),
        note("rfe", "I-485", "letter"),
        note("receipt", "I-129", "mailview"),
        note("approval", "I-129", "mailview"),
        note("biometrics", "I-765", "mailview"),
    ):
        d = single(spec)
        out("text-pdf", f"{spec.family} {spec.kind} {spec.form}", pages(d))
    # --- text PDFs with several notices
    base = note("receipt", "I-129", "strip")
    premium = note(
        "i907",
        "I-129",
        "strip",
        receipt=base.receipt,
        petitioner=base.petitioner,
        beneficiary=base.beneficiary,
        received=base.received,
        notice_date=base.notice_date,
        addressee=base.addressee,
    )
    approved = note(
        "approval",
        "I-129",
        "strip",
        variant="I-797A",
        receipt=base.receipt,
        petitioner=base.petitioner,
        beneficiary=base.beneficiary,
        received=base.received,
        classification=base.classification,
        addressee=base.addressee,
    )
    d = doc("rl", [base, premium, approved])
    out("text-pdf", "receipt, I-907 receipt and approval with one receipt number", pages(d))
    spouse = note("receipt", "I-539", "mailview")
    ead = note(
        "receipt",
        "I-765",
        "mailview",
        applicant=spouse.applicant,
        a_number=spouse.a_number or mk.a_number(),
        received=spouse.received,
        notice_date=spouse.notice_date,
    )
    ead.receipt = spouse.receipt[:-1] + str((int(spouse.receipt[-1]) + 1) % 10)
    ead.office = spouse.office
    d = doc("mailview", [spouse, ead])
    out("text-pdf", "two receipts forwarded in one e-mail", [("text", d, i) for i in range(2)])
    travel = note("receipt", "I-131", "strip")
    bio = note("biometrics", "I-131", "panel", applicant=travel.applicant, a_number=travel.a_number)
    d = doc("rl", [travel, bio])
    out("text-pdf", "two notices printed two to a sheet", [("text2up", (d, 0), (d, 1))])
    # --- text PDFs that are not notices
    ref = note("approval", "I-129", "strip", variant="I-797A")
    out("text-pdf", "counsel's e-mail quoting an approval notice", pages(doc("counsel", [], [ref])))
    out(
        "text-pdf",
        "HR case status report",
        pages(doc("tracker", [], [note("receipt", "I-485", "strip"), ref, note("rfe", "I-140", "letter")])),
    )
    out("text-pdf", "law firm invoice with USCIS fees", pages(doc("invoice", [], [note("receipt", "I-129", "strip")])))
    # --- scanned PDFs
    scans = [
        (note("receipt", "I-485", "strip"), "copier", 300, ()),
        (wide(note("approval", "I-129", "strip", variant="I-797A")), "copier", 200, ("staple",)),
        (note("approval", "I-129", "ledger", era="ins", variant="I-797A"), "refax", 200, ()),
        (note("biometrics", "I-765", "panel"), "fax", 204, ()),
        (note("i907", "I-129", "strip"), "copier-180", 240, ()),
        (note("approval", "I-129", "ledger", era="dhs"), "copier-90", 200, ()),
        (note("noid", "I-485", "letter"), "copier", 250, ("punch", "fold")),
        (note("receipt", "I-140", "mailview"), "copier", 200, ()),
        (note("receipt", "I-824", "strip"), "colour-note", 200, ()),
        (note("biometrics", "I-131", "panel"), "fax-fine", 204, ()),
        (note("rejection", "I-765", "band"), "copier", 150, ()),
        (note("receipt", "I-140", "band"), "copier", 200, ()),
        (note("approval", "I-140", "ledger", era="dhs"), "refax", 200, ("punch",)),
        (note("denial", "I-539", "letter"), "copier", 300, ("staple", "fold")),
    ]
    for spec, effect, dpi, extras in scans:
        d = single(spec)
        out(
            "scan-pdf", f"{spec.family} {spec.kind} {spec.form}, {effect}", pages(d, "scan"), effect, dpi, extras=extras
        )
    front = note("receipt", "I-485", "strip", back=True)
    d = single(front)
    out("scan-pdf", "a receipt scanned duplex with its printed back", pages(d, "scan"), "copier", 200)
    rfe2 = note("rfe", "I-140", "letter", pages=2)
    d = single(rfe2)
    out(
        "scan-pdf",
        "two-page request duplex with blank backs",
        [("scan", d, 0), ("blank",), ("scan", d, 1), ("blank",)],
        "copier",
        200,
    )
    family = note("receipt", "I-485", "strip")
    kin = [family]
    for _ in range(2):
        k = note(
            "receipt",
            "I-485",
            "strip",
            received=family.received,
            notice_date=family.notice_date,
            addressee=family.addressee,
        )
        k.receipt = kin[-1].receipt[:-5] + f"{(int(kin[-1].receipt[-5:]) + 1) % 100000:05d}"
        k.office = family.office
        kin.append(k)
    d = doc("rl", kin)
    out(
        "scan-pdf",
        "a family's receipts from one envelope, stapled",
        pages(d, "scan"),
        "copier",
        200,
        extras=("staple",),
    )
    rfe = note("rfe", "I-129", "letter")
    after = note(
        "approval",
        "I-129",
        "strip",
        receipt=rfe.receipt,
        petitioner=rfe.petitioner,
        beneficiary=rfe.beneficiary,
        received=rfe.received,
        classification=rfe.classification,
        notice_date=rfe.response_due + timedelta(days=21),
    )
    d1, d2 = single(rfe), single(after)
    out("scan-pdf", "request for evidence and the approval after it", [("scan", d1, 0), ("scan", d2, 0)], "copier", 300)
    r1, r2 = note("receipt", "I-765", "strip"), note("receipt", "I-131", "band")
    d1, d2 = single(r1), single(r2)
    out("scan-pdf", "two receipts copied two to a sheet", [("scan2up", (d1, 0), (d2, 0))], "copier", 300)
    # --- images
    images = [
        (note("approval", "I-129", "strip", variant="I-797A"), "photo", 200, "jpeg"),
        (note("receipt", "I-129", "ledger", era="dhs"), "photo", 200, "jpeg"),
        (note("receipt", "I-129", "strip"), "screen", 130, "png"),
        (note("biometrics", "I-485", "panel"), "screen", 130, "png"),
        (note("denial", "I-485", "letter"), "png-scan-90", 200, "png"),
        (note("receipt", "I-539", "band"), "tiff-g4", 204, "tiff"),
        (note("approval", "I-140", "mailview"), "jpeg-scan", 200, "jpeg"),
    ]
    for spec, effect, dpi, fmt in images:
        d = single(spec)
        out("image", f"{spec.family} {spec.kind} {spec.form}, {effect}", pages(d, "scan"), effect, dpi, fmt)
    work = note("receipt", "I-765", "strip")
    prints = note(
        "biometrics", "I-765", "panel", applicant=work.applicant, a_number=work.a_number, receipt=work.receipt
    )
    d = doc("rl", [work, prints])
    out("image", "receipt and appointment, two-page TIFF", pages(d, "scan"), "tiff-lzw", 200, "tiff")
    out(
        "image",
        "case status page screenshot",
        pages(doc("status", [], [note("receipt", "I-130", "strip")]), "scan"),
        "screen",
        110,
        "png",
    )
    # --- mixed batches
    m1 = note("receipt", "I-129", "strip")
    m2 = note(
        "i907",
        "I-129",
        "strip",
        receipt=m1.receipt,
        petitioner=m1.petitioner,
        beneficiary=m1.beneficiary,
        received=m1.received,
        notice_date=m1.notice_date,
        addressee=m1.addressee,
    )
    m3 = note("approval", "I-129", "ledger", era="dhs")
    da, db, dc = doc("rl", [m1]), doc("rl", [m2]), single(m3)
    out(
        "mixed-pdf",
        "batch: printed receipt, scanned I-907 receipt, printed older approval",
        [("text", da, 0), ("scan", db, 0), ("text", dc, 0)],
        "copier",
        200,
    )
    m4, m5 = note("biometrics", "I-485", "panel"), note("rfe", "I-765", "letter")
    dd, de = single(m4), single(m5)
    out(
        "mixed-pdf",
        "batch: scanned appointment with a blank back, printed request",
        [("scan", dd, 0), ("blank",), ("text", de, 0)],
        "copier",
        250,
    )
    return docs, outs


# ---------------------------------------------------------------------------------------------
# Rendering the sources, checking every printed value, composing the files.


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\u00a0", "")


def pdf_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def render_sources(docs: list[Doc], work: Path) -> None:
    from reportlab.pdfgen import canvas

    rl_fonts()
    docx_jobs: list[tuple[Path, Path]] = []
    html_jobs: list[tuple[str, Path, str]] = []
    for d in docs:
        rng = Random(d.seed)
        d.path = work / f"{d.key}.pdf"
        if d.kind in ("rl", "invoice"):
            c = canvas.Canvas(str(d.path), pagesize=(612, 792), invariant=1)
            for n in d.notices:
                {"strip": draw_strip, "panel": draw_panel}[n.family](c, n, rng)
                c.showPage()
                if n.back:
                    draw_back(c, n)
                    c.showPage()
            if d.kind == "invoice":
                draw_invoice(c, rng, d.ref[0])
                c.showPage()
            c.save()
        elif d.kind == "ledger":
            fpdf_document([(n, rng) for n in d.notices], d.path)
        elif d.kind in ("letter", "tracker"):
            src = work / f"{d.key}.docx"
            if d.kind == "letter":
                build_letter(d.notices[0], rng, src)
            else:
                build_tracker(rng, d.ref, src)
            docx_jobs.append((src, d.path))
        else:
            font = rng.choice(["Liberation Sans", "DejaVu Sans", "Carlito", "Liberation Serif"])
            if d.kind == "mailview":
                body = html_mailview(d.notices, rng)
            elif d.kind == "counsel":
                body = html_counsel_mail(rng, d.ref[0])
            else:
                body = html_status(rng, d.ref[0])
            html_jobs.append((body, d.path, font))
    render_docx(docx_jobs, work)
    render_html(
        html_jobs,
    )
    for d in docs:
        assert d.path is not None
        d.texts = pdf_texts(d.path)
        d.npages = len(d.texts)
        if d.kind == "mailview":
            d.starts = []
            for i, text in enumerate(d.texts):
                d.starts.extend([i] * squash(text).upper().count("THEUNITEDSTATESOFAMERICA"))
            if len(d.starts) != len(d.notices):
                raise SystemExit(f"{d.key}: {len(d.starts)} notices found in the mail print, {len(d.notices)} made")
        else:
            d.starts, at = [], 0
            for n in d.notices:
                d.starts.append(at)
                at += n.pages + n.back
            if d.notices and at != d.npages:
                raise SystemExit(f"{d.key} ({d.kind}): {d.npages} pages, expected {at}")


def notice_pages(d: Doc, k: int) -> list[int]:
    """0-based pages of document ``d`` that notice ``k`` covers."""
    start = d.starts[k]
    end = d.starts[k + 1] if k + 1 < len(d.starts) else d.npages
    if d.kind == "mailview" and k + 1 < len(d.starts):
        end = max(end, start + 1)
    return list(range(start, max(end, start + 1)))


def verify(d: Doc) -> None:
    """Every printed value is in the notice's own pages of the source's text layer and says the true value."""
    for k, n in enumerate(d.notices):
        hay = squash(" ".join(d.texts[i] for i in notice_pages(d, k)))
        where = f"{d.key} notice {k + 1} ({n.family} {n.kind} {n.form})"
        for name, pieces in n.printed.items():
            for piece in pieces:
                if squash(piece) not in hay:
                    raise SystemExit(f"{where}: {name} printed as {piece!r} is not in the text layer")
        truth = n.truth()
        for name, text, how in n.checks:
            if how in DATE_STYLES:
                got = read_date(text, how).isoformat()
                want = truth[name]["date"] if name == "appointment" else truth[name]
            elif how == "amount":
                got, want = str(money(text)), truth["amount"]
            elif how == "time":
                got, want = read_time(text), truth["appointment"]["time"]
            else:
                raise ValueError(how)
            if got != want:
                raise SystemExit(f"{where}: {name} printed {text!r} reads {got}, truth {want}")
        alnum = lambda v: "".join(ch for ch in str(v).upper() if ch.isalnum())  # noqa: E731
        if truth["receipt_number"] and alnum(n.printed["receipt_number"][0]) != truth["receipt_number"]:
            raise SystemExit(f"{where}: receipt number printed {n.printed['receipt_number'][0]!r}")
        if (
            truth["a_number"]
            and "".join(ch for ch in n.printed["a_number"][0] if ch.isdigit()).zfill(9) != truth["a_number"]
        ):
            raise SystemExit(f"{where}: A-Number printed {n.printed['a_number'][0]!r}")
        if (
            truth["i94_number"]
            and "".join(ch for ch in n.printed["i94_number"][0] if ch.isdigit()) != truth["i94_number"]
        ):
            raise SystemExit(f"{where}: I-94 printed {n.printed['i94_number'][0]!r}")
        for name in ("petitioner", "beneficiary", "applicant"):
            if truth[name] and " ".join(n.printed[name]) != truth[name]:
                raise SystemExit(f"{where}: {name} printed {n.printed[name]!r}, truth {truth[name]!r}")
        for name in ("form", "classification"):
            if truth[name] and any(alnum(p) != alnum(truth[name]) for p in n.printed[name]):
                raise SystemExit(f"{where}: {name} printed {n.printed[name]!r}, truth {truth[name]!r}")
        if truth["appointment"] and truth["appointment"]["location"] not in n.printed["appointment"]:
            raise SystemExit(f"{where}: appointment street line not printed")


FAX_FROM = ("FROM: ACHEBE LINDGREN LLP", "FROM: KESTREL GLOBAL MOBILITY", "FROM: WHITCOMBE ORTEGA PC")


def sheet_image(sheet: tuple[Any, ...], dpi: float, grey: bool) -> Any:
    from PIL import Image

    if sheet[0] == "blank":
        return Image.new("L" if grey else "RGB", (int(8.5 * dpi), int(11 * dpi)), 255 if grey else (255, 255, 255))
    if sheet[0] == "scan2up":
        (d1, p1), (d2, p2) = sheet[1], sheet[2]
        return two_up(render_page(d1.path, p1, dpi, grey), render_page(d2.path, p2, dpi, grey))
    return render_page(sheet[1].path, sheet[2], dpi, grey)


def sheet_date(sheet: tuple[Any, ...]) -> date:
    """The notice date of the first notice on a sheet (a fax is sent some days after it)."""
    for part in sheet[1:]:
        d = part[0] if isinstance(part, tuple) else part
        if isinstance(d, Doc) and (d.notices or d.ref):
            return (d.notices or d.ref)[0].notice_date
    return date(2026, 3, 2)


def scanned(o: Out, sheet: tuple[Any, ...], rng: Random, index: int) -> tuple[bytes, str]:
    """One sheet as the file's effect makes it: image bytes and their kind (jpeg, png, g4)."""
    effect = o.effect
    if effect.startswith("fax") or effect == "tiff-g4":
        image = sheet_image(sheet, 204, True)
        sent = datetime.combine(sheet_date(sheet), time(8)) + timedelta(
            days=rng.randint(1, 6), minutes=rng.randint(0, 600)
        )
        stamp = f"{sent:%b %d %Y %I:%M%p}"
        image = fax(image, rng, f"{stamp}  {rng.choice(FAX_FROM)}  P. {index + 1:03d}", fine=effect != "fax")
        return encode(image, "g4", 204), "g4"
    if effect == "refax":
        image = sheet_image(sheet, 204, True)
        image = fax(image, rng, f"{rng.choice(FAX_FROM)}   PAGE {index + 1:02d}", fine=False).convert("L")
        image = copier(image.resize((int(8.5 * o.dpi), int(11 * o.dpi))), rng, o.dpi, 0.6)
        return encode(image, "jpeg", o.dpi, 60), "jpeg"
    if effect == "photo":
        image = sheet_image(sheet, o.dpi, False)
        if rng.random() < 0.5:
            image = handwriting(
                image, rng, rng.choice(["copy to HR file", "orig. w/ employee", "scanned for tracker"]), (30, 50, 160)
            )
        return encode(photo(image, rng), "jpeg", 300, 82), "jpeg"
    if effect == "screen":
        image = sheet_image(sheet, o.dpi, False)
        title = rng.choice(["notice.pdf", "I797_scan_final.pdf", "USCIS notice (1).pdf"])
        if sheet[0] == "scan" and sheet[1].kind == "status":
            title = "Case Status Online - Chromium"
        return encode(screenshot(image, title), "png", 96), "png"
    grey = effect != "colour-note"
    image = sheet_image(sheet, o.dpi, grey)
    if effect == "colour-note":
        image = handwriting(image, rng, rng.choice(["rec'd - calendar!", "file: employee folder"]), (25, 45, 170))
    image = marks(image, rng, o.extras if index == 0 or "punch" in o.extras else (), o.dpi)
    image = copier(image, rng, o.dpi, 1.0 if sheet[0] != "blank" else 0.4)
    if effect.endswith("-180"):
        image = image.rotate(180, expand=True)
    if effect.endswith("-90"):
        image = image.rotate(90 if rng.random() < 0.5 else 270, expand=True)
    if o.fmt == "png":
        return encode(image, "png", o.dpi), "png"
    return encode(image, "jpeg", o.dpi, rng.randint(45, 72)), "jpeg"


def compose(o: Out, folder: Path, work: Path) -> int:
    """Write file ``o`` into ``folder``; returns its page count."""
    import img2pdf
    from PIL import Image
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf._page import PageObject

    rng = Random(o.seed)
    target = folder / o.name
    if o.fmt != "pdf":
        images = [scanned(o, s, rng, i) for i, s in enumerate(o.sheets)]
        if o.fmt == "tiff":
            frames = [Image.open(io.BytesIO(data)) for data, _ in images]
            if o.effect == "tiff-lzw":
                frames = [f.convert("L") for f in frames]
                frames[0].save(
                    target, "TIFF", compression="tiff_lzw", save_all=True, append_images=frames[1:], dpi=(o.dpi, o.dpi)
                )
            else:
                frames[0].save(
                    target, "TIFF", compression="group4", save_all=True, append_images=frames[1:], dpi=(204, 204)
                )
        else:
            target.write_bytes(images[0][0])
        return len(o.sheets)
    writer = PdfWriter()
    for i, sheet in enumerate(o.sheets):
        if sheet[0] == "text":
            writer.add_page(PdfReader(str(sheet[1].path)).pages[sheet[2]])
        elif sheet[0] == "text2up":
            blank = PageObject.create_blank_page(width=792, height=612)
            scale = 0.62
            for j, (d, p) in enumerate((sheet[1], sheet[2])):
                src = PdfReader(str(d.path)).pages[p]
                blank.merge_transformed_page(
                    src, Transformation().scale(scale).translate(18 + j * 396, (612 - 792 * scale) / 2)
                )
            writer.add_page(blank)
        else:
            data, _ = scanned(o, sheet, rng, i)
            layout = img2pdf.get_fixed_dpi_layout_fun((204, 204)) if o.effect.startswith("fax") else None
            pdf = img2pdf.convert(data, nodate=True, **({"layout_fun": layout} if layout else {}))
            writer.add_page(PdfReader(io.BytesIO(pdf)).pages[0])
    raw = io.BytesIO()
    writer.write(raw)
    normalise(raw.getvalue(), target)
    return len(o.sheets)


def normalise(data: bytes, target: Path) -> None:
    """No dates, no random IDs: the same seed gives the same bytes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key in list(meta.keys()):
                del meta[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for key in ("/CreationDate", "/ModDate"):
            if key in pdf.docinfo:
                del pdf.docinfo[key]
        pdf.save(target, deterministic_id=True, compress_streams=True)


def generate(folder: Path, seed: int = 1797, only: list[str] | None = None) -> dict[str, Any]:
    """Write the set (or just the files named in ``only``) and its truth.json into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    rng = Random(seed)
    _, outs = plan(Maker(rng), rng)
    if only is not None:
        outs = [o for o in outs if o.name in only]
    used: list[Doc] = []
    for o in outs:
        for sheet in o.sheets:
            for part in sheet[1:]:
                d = part[0] if isinstance(part, tuple) else part
                if isinstance(d, Doc) and d not in used:
                    used.append(d)
    used.sort(key=lambda d: d.key)
    files: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="set9-") as tmp:
        work = Path(tmp)
        render_sources(used, work)
        for d in used:
            verify(d)
        for o in outs:
            npages = compose(o, folder, work)
            os.chmod(folder / o.name, 0o600)
            files[o.name] = entry(o, npages)
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "files": files}
    path = folder / "truth.json"
    path.write_text(json.dumps(truth, indent=1, sort_keys=True), encoding="utf-8")
    os.chmod(path, 0o600)
    return truth


def entry(o: Out, npages: int) -> dict[str, Any]:
    notices: list[dict[str, Any]] = []
    seen: set[tuple[str, int]] = set()
    producers: list[str] = []
    for page_no, sheet in enumerate(o.sheets, start=1):
        parts = [sheet[1:3]] if sheet[0] in ("text", "scan") else list(sheet[1:]) if sheet[0] != "blank" else []
        for d, p in parts:
            if d.producer not in producers:
                producers.append(d.producer)
            for k, n in enumerate(d.notices):
                if p in notice_pages(d, k):
                    if (d.key, k) not in seen:
                        seen.add((d.key, k))
                        notices.append({"_n": n, "_key": (d.key, k), "pages": []})
                    item = next(x for x in notices if x["_key"] == (d.key, k))
                    if page_no not in item["pages"]:
                        item["pages"].append(page_no)
    out = []
    for item in notices:
        n = item["_n"]
        out.append({"pages": item["pages"], "_family": n.family, "_printed": n.printed, **n.truth()})
    return {
        "medium": o.medium,
        "format": o.fmt,
        "effect": o.effect,
        "dpi": o.dpi or None,
        "pages": npages,
        "label": o.label,
        "producers": producers,
        "notices": out,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the ninth notice evaluation set (kept unseen).")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.out, args.seed)
    notices = sum(len(e["notices"]) for e in truth["files"].values())
    print(f"{len(truth['files'])} files, {notices} notices -> {args.out}")


if __name__ == "__main__":
    main()


def catalogue(seed: int = 1797) -> list[dict[str, Any]]:
    """The files a seed makes, without writing them: name, medium, format, effect, label, producers, notices."""
    rng = Random(seed)
    _, outs = plan(Maker(rng), rng)
    rows = []
    for o in outs:
        producers: list[str] = []
        count = 0
        seen: set[tuple[str, int]] = set()
        for sheet in o.sheets:
            parts = [sheet[1:3]] if sheet[0] in ("text", "scan") else list(sheet[1:]) if sheet[0] != "blank" else []
            for d, p in parts:
                if d.producer not in producers:
                    producers.append(d.producer)
                for k in range(len(d.notices)):
                    first = sum(n.pages + n.back for n in d.notices[:k])
                    if first <= p < first + d.notices[k].pages + d.notices[k].back and (d.key, k) not in seen:
                        seen.add((d.key, k))
                        count += 1
        rows.append(
            {
                "name": o.name,
                "medium": o.medium,
                "format": o.fmt,
                "effect": o.effect,
                "label": o.label,
                "producers": producers,
                "notices": count,
                "sheets": len(o.sheets),
            }
        )
    return rows
