"""Writes the tenth sealed notice set (issue 14): fictional USCIS notices as a small immigration
practice receives them from its clients, with their truth.

Kept untouched: whoever works on the parser must not read this file, the files it writes or their
truth (README.md). ``python -m bench.notice_eval10.generate OUT --seed S``; the bench calls
``generate(folder, seed)``.
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
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

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
    "a_number",
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
)
FONTS = "/usr/share/fonts/truetype"
FONT_FILES = {
    "LibSans": "liberation/LiberationSans-Regular.ttf",
    "LibSans-B": "liberation/LiberationSans-Bold.ttf",
    "LibNarrow": "liberation/LiberationSansNarrow-Regular.ttf",
    "LibNarrow-B": "liberation/LiberationSansNarrow-Bold.ttf",
    "LibSerif": "liberation/LiberationSerif-Regular.ttf",
    "LibSerif-B": "liberation/LiberationSerif-Bold.ttf",
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
    "Hand": "dejavu/DejaVuSans-Oblique.ttf",
}
FIXED_DATE = dt.datetime(2026, 1, 2, 9, 0, 0)

# ---------------------------------------------------------------------------------------------
# Fictional people, firms, offices.

GIVEN = (
    "Amara",
    "Tomasz",
    "Priyanka",
    "Joaquin",
    "Mei",
    "Oluwaseun",
    "Farida",
    "Dmitri",
    "Lucia",
    "Kenji",
    "Nadia",
    "Rafael",
    "Svetlana",
    "Anand",
    "Ines",
    "Kwabena",
    "Yusuf",
    "Hana",
    "Mateo",
    "Leila",
    "Bogdan",
    "Chiara",
    "Tariq",
    "Esperanza",
    "Viktor",
    "Ngozi",
    "Arjun",
    "Rosalind",
    "Emeka",
    "Xiadani",
)
FAMILY = (
    "Okonkwo-Reyes",
    "Wisniewski",
    "Raghunathan",
    "Villalobos",
    "Tsukamoto",
    "Adebayo",
    "Haddad",
    "Petrenko",
    "Marchetti",
    "Nakashima",
    "Abdelrahman",
    "Quintero",
    "Kowalczyk",
    "Subramanian",
    "Ferreira",
    "Mensah",
    "Karadeniz",
    "Lindqvist",
    "O'Sullivan",
    "Balasubramaniam",
    "Dragomir",
    "Esposito",
    "Al-Masri",
    "Castellanos",
    "Novak",
    "Eze",
    "Thakkar",
    "Whitcombe",
    "Nwachukwu",
    "Zamora",
)
MIDDLE = ("A", "B", "C", "D", "E", "F", "J", "K", "L", "M", "N", "R", "S", "T", "")
FIRMS = (
    "Halvorsen Marine Robotics Inc.",
    "Bluegate Analytics LLC",
    "Saint Brendan Regional Medical Center",
    "Corvid Semiconductor Design Corporation",
    "Tallgrass Prairie Community College District",
    "Northbridge Cardiovascular Research Associates of the Great Lakes Region LLC",
    "Pemberton, Oyelaran & Vasquez Structural Engineering Partners PLLC",
    "Quillfeather Software Inc",
    "Mesa Verde Unified School District No. 14",
    "Lumenfield Biotherapeutics Holdings Corporation",
    "Redwater Logistics Co.",
    "Kestrel Ridge Hospitality Group LLC",
)
STREETS = (
    "418 Alder Crossing Rd",
    "2270 W Fenwick Ave Apt 3B",
    "91 Larkspur Ct",
    "1506 Old Mill Pkwy Unit 12",
    "77 Quarry Lane",
    "3300 Sandpiper Blvd Apt 410",
    "604 N Harlow St",
    "12 Birchmont Terrace",
)
CITIES = (
    ("Brookhaven", "GA", "30319"),
    ("Elmira Heights", "NY", "14903"),
    ("Tacoma", "WA", "98406"),
    ("Round Rock", "TX", "78664"),
    ("Dearborn", "MI", "48126"),
    ("Hoboken", "NJ", "07030"),
    ("Aurora", "CO", "80012"),
    ("Framingham", "MA", "01702"),
)
ASC = (
    ("USCIS Application Support Center", "4120 Marlowe Commerce Dr Ste 200", "Fairhaven, TX 75301"),
    ("USCIS ASC Linden Park", "88 Cartwright Plaza, Suite 110", "Linden Park, NJ 07901"),
    ("USCIS Application Support Center", "2605 Stonebrook Industrial Way", "Riverside Heights, CA 92508"),
    ("USCIS ASC", "1450 Meridian Office Park Bldg C", "Oak Hollow, IL 60523"),
    ("USCIS Application Support Center", "701 Cumberland Gap Rd Ste 5", "Millbrook, VA 22030"),
)
FIELD_OFFICES = (
    ("USCIS Fairhaven Field Office", "9800 Concord Federal Plaza", "Fairhaven, TX 75302"),
    ("USCIS Linden Park Field Office", "300 Grand Union Ave", "Linden Park, NJ 07902"),
    ("USCIS Oak Hollow Field Office", "55 W Adams Ridge St", "Oak Hollow, IL 60524"),
)
CENTERS = {
    "EAC": ("Vermont Service Center", "75 Lower Welden Street", "St. Albans, VT 05479"),
    "WAC": ("California Service Center", "P.O. Box 30111", "Laguna Niguel, CA 92607"),
    "LIN": ("Nebraska Service Center", "P.O. Box 82521", "Lincoln, NE 68501"),
    "SRC": ("Texas Service Center", "P.O. Box 851488", "Mesquite, TX 75185"),
    "IOE": ("USCIS Electronic Immigration System", "P.O. Box 648005", "Lee's Summit, MO 64002"),
    "MSC": ("National Benefits Center", "P.O. Box 648004", "Lee's Summit, MO 64002"),
    "NBC": ("National Benefits Center", "P.O. Box 648003", "Lee's Summit, MO 64002"),
}
FORMS = {
    "I-129": ("Petition for a Nonimmigrant Worker", "petition"),
    "I-129F": ("Petition for Alien Fiance(e)", "petition"),
    "I-130": ("Petition for Alien Relative", "petition"),
    "I-140": ("Immigrant Petition for Alien Worker", "petition"),
    "I-907": ("Request for Premium Processing Service", "petition"),
    "I-485": ("Application to Register Permanent Residence or Adjust Status", "application"),
    "I-765": ("Application for Employment Authorization", "application"),
    "I-131": ("Application for Travel Document", "application"),
    "I-539": ("Application to Extend/Change Nonimmigrant Status", "application"),
    "I-90": ("Application to Replace Permanent Resident Card", "application"),
    "I-751": ("Petition to Remove Conditions on Residence", "application"),
    "N-400": ("Application for Naturalization", "application"),
}
FEES_NOW = {
    "I-129": "780.00",
    "I-129F": "675.00",
    "I-130": "675.00",
    "I-140": "715.00",
    "I-907": "2805.00",
    "I-485": "1440.00",
    "I-765": "520.00",
    "I-131": "630.00",
    "I-539": "470.00",
    "I-90": "465.00",
    "I-751": "750.00",
    "N-400": "760.00",
}
FEES_OLD = {
    "I-129": "130.00",
    "I-130": "130.00",
    "I-140": "135.00",
    "I-485": "255.00",
    "I-765": "120.00",
    "I-131": "110.00",
    "I-539": "140.00",
    "I-90": "130.00",
    "I-751": "145.00",
    "N-400": "260.00",
    "I-129F": "110.00",
    "I-907": "1000.00",
}
CLASSES = ("H1B", "L1A", "L1B", "O1A", "TN1", "E3", "H1B1")
CLASS_PRINT = {"H1B": "H-1B", "L1A": "L-1A", "L1B": "L-1B", "O1A": "O-1A", "TN1": "TN1", "E3": "E-3", "H1B1": "H-1B1"}

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
    month = MONTHS[d.month - 1]
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "long":
        return f"{month} {d.day}, {d.year}"
    if style == "abbr":
        return f"{month[:3]} {d.day:02d}, {d.year}"
    if style == "upper":
        return f"{month.upper()} {d.day}, {d.year}"
    if style == "weekday":
        return f"{d.strftime('%A')}, {month} {d.day}, {d.year}"
    raise ValueError(style)


def fmt_time(hh: int, mm: int) -> str:
    suffix = "AM" if hh < 12 else "PM"
    return f"{(hh - 1) % 12 + 1}:{mm:02d} {suffix}"


def fmt_receipt(number: str, style: str) -> str:
    if style == "hyphen":
        return f"{number[:3]}-{number[3:5]}-{number[5:8]}-{number[8:]}"
    return number


def fmt_anum(digits: str, style: str) -> str:
    short = digits.lstrip("0") if digits.startswith("0") else digits
    if style == "spaced":
        return f"A{digits[:3]} {digits[3:6]} {digits[6:]}"
    if style == "hash":
        return f"A# {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if style == "short":
        return f"A{short}"
    return f"A{digits}"


def fmt_amount(value: str, style: str) -> str:
    number = Decimal(value)
    if style == "plain":
        return f"${number:,.2f}"
    if style == "us":
        return f"$ {number:,.2f} U.S."
    if style == "bare":
        return f"{number:,.2f}"
    raise ValueError(style)


# ---------------------------------------------------------------------------------------------
# Notices: what each one is (truth) and how each value is printed (show).


@dataclass
class Notice:
    family: str
    kind: str
    form: str
    truth: dict[str, Any]
    show: dict[str, Any]
    info: dict[str, Any] = field(default_factory=dict)
    pages: list[int] = field(default_factory=list)


TYPE_OF = {
    "receipt": "receipt",
    "i907": "receipt",
    "approval": "approval",
    "a797": "approval",
    "b797": "approval",
    "bio": "biometrics",
    "transfer": "transfer",
    "rejection": "rejection",
    "rfe": "rfe",
    "noid": "noid",
    "noir": "noid",
    "denial": "denial",
    "interview": None,
}


class People:
    """Draws distinct fictional names and numbers from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> tuple[str, str, str]:
        while True:
            given, family = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
            middle = self.rng.choice(MIDDLE)
            key = given + family
            if key not in self.used:
                self.used.add(key)
                return given, middle, family

    def receipt(self, prefix: str, year: int) -> str:
        fy = year % 100
        if prefix == "IOE":
            return "IOE" + f"{self.rng.randint(8, 9)}" + "".join(str(self.rng.randint(0, 9)) for _ in range(9))
        return f"{prefix}{fy:02d}{self.rng.randint(10, 360):03d}{self.rng.randint(10000, 99999)}"

    def anum(self) -> str:
        if self.rng.random() < 0.2:
            return "0" + str(self.rng.randint(30000000, 99999999))
        return str(self.rng.randint(200000000, 249999999))


def person_name(p: tuple[str, str, str], style: str) -> str:
    given, middle, family = p
    if style == "last-first":
        return f"{family.upper()}, {given.upper()}" + (f" {middle}" if middle else "")
    if style == "last-first-mixed":
        return f"{family}, {given}" + (f" {middle}" if middle else "")
    return f"{given}" + (f" {middle}." if middle else "") + f" {family}"


FAMILY_STYLE = {
    # family: (date styles, receipt styles, name style, a-number styles, amount styles)
    "acct": (("long",), ("plain",), "given-first", ("plain", "spaced"), ("plain",)),
    "ins": (("us", "upper"), ("hyphen", "plain"), "last-first", ("short", "plain"), ("us", "plain")),
    "grid": (("us", "abbr"), ("plain",), "last-first", ("spaced", "hash"), ("plain", "us")),
    "letter": (("long",), ("plain",), "given-first", ("plain", "hash"), ("plain",)),
    "asc": (("us",), ("plain",), "last-first", ("spaced", "hash", "plain"), ("plain",)),
    "half": (("abbr", "us"), ("plain",), "last-first-mixed", ("hash", "spaced"), ("plain", "bare")),
}


def make_notice(
    people: People, family: str, kind: str, form: str, year: int, shared: dict[str, Any] | None = None
) -> Notice:
    """One notice with its truth and printed strings. ``shared`` carries the case of a notice
    that goes with another (same receipt number, same people)."""
    rng = people.rng
    date_styles, receipt_styles, name_style, anum_styles, amount_styles = FAMILY_STYLE[family]
    dstyle = rng.choice(date_styles)
    shared = dict(shared or {})
    kind_form = "I-907" if kind == "i907" else form
    role = FORMS[form][1]
    if "receipt_number" in shared:
        receipt = shared["receipt_number"]
    else:
        if family == "acct":
            prefix = "IOE"
        elif family == "ins":
            prefix = rng.choice(("EAC", "WAC", "LIN", "SRC"))
        elif form in ("I-485", "I-765", "I-131", "N-400", "I-90") and rng.random() < 0.6:
            prefix = rng.choice(("MSC", "NBC", "IOE"))
        else:
            prefix = rng.choice(("EAC", "WAC", "LIN", "SRC"))
        receipt = people.receipt(prefix, year)
    received = shared.get("received") or dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
    if kind in ("receipt", "i907", "rejection"):
        notice = received + dt.timedelta(days=rng.randint(3, 16))
    elif kind == "bio":
        notice = received + dt.timedelta(days=rng.randint(18, 40))
    elif kind == "transfer":
        notice = received + dt.timedelta(days=rng.randint(40, 120))
    else:
        notice = received + dt.timedelta(days=rng.randint(20, 200))
    if "notice" in shared and kind == shared.get("kind"):
        notice = shared["notice"]
    truth: dict[str, Any] = {name: None for name in SCORED}
    show: dict[str, Any] = {}
    info: dict[str, Any] = {"date_style": dstyle, "year": year, "prefix": receipt[:3]}
    truth["notice_type"] = TYPE_OF[kind]
    truth["form"] = kind_form
    show["form"] = kind_form
    truth["receipt_number"] = receipt
    show["receipt_number"] = fmt_receipt(receipt, rng.choice(receipt_styles))
    truth["notice_date"] = notice.isoformat()
    show["notice_date"] = fmt_date(notice, dstyle)
    if kind not in ("bio", "interview") or (kind == "bio" and rng.random() < 0.5):
        truth["received_date"] = received.isoformat()
        show["received_date"] = fmt_date(received, dstyle)
    # people
    if role == "petition":
        petitioner = shared.get("petitioner")
        if petitioner is None:
            if form in ("I-130", "I-129F"):
                petitioner = person_name(people.person(), name_style)
            else:
                petitioner = rng.choice(FIRMS)
                if family == "ins" or (family == "grid" and rng.random() < 0.5):
                    petitioner = petitioner.upper()
        beneficiary = shared.get("beneficiary") or person_name(people.person(), name_style)
        truth["petitioner"] = petitioner
        truth["beneficiary"] = beneficiary
        show["petitioner"] = petitioner
        show["beneficiary"] = beneficiary
    else:
        applicant = shared.get("applicant") or person_name(people.person(), name_style)
        truth["applicant"] = applicant
        show["applicant"] = applicant
        anum = shared.get("a_number")
        if anum is None and (kind in ("bio", "interview", "denial") or rng.random() < 0.6) and form != "I-539":
            anum = people.anum()
        if anum is not None and not (form == "I-765" and kind == "receipt" and rng.random() < 0.2):
            style = rng.choice(anum_styles)
            if style == "short" and not anum.startswith("0"):
                style = "plain"
            truth["a_number"] = anum
            show["a_number"] = fmt_anum(anum, style)
            info["a_number_raw"] = anum
    # amounts on receipts
    if kind in ("receipt", "i907"):
        fees = FEES_OLD if year < 2010 else FEES_NOW
        if not (family == "acct" and kind == "receipt" and rng.random() < 0.3):
            truth["amount"] = fees[kind_form]
            show["amount"] = fmt_amount(fees[kind_form], rng.choice(amount_styles))
    # priority date
    if form in ("I-130", "I-140") and kind in ("receipt", "approval") and rng.random() < 0.85:
        pd_date = (
            received if form == "I-130" or rng.random() < 0.5 else received - dt.timedelta(days=rng.randint(90, 700))
        )
        truth["priority_date"] = pd_date.isoformat()
        show["priority_date"] = fmt_date(pd_date, dstyle)
    # classification
    if form == "I-129" and kind in ("receipt", "approval", "a797", "b797", "rfe", "noir", "i907"):
        cls = shared.get("classification") or rng.choice(CLASSES)
        info["class_raw"] = cls
        if kind != "i907" and (kind in ("approval", "a797", "b797") or rng.random() < 0.6):
            truth["classification"] = cls
            show["classification"] = CLASS_PRINT[cls] if rng.random() < 0.7 else cls
    # validity
    if kind in ("approval", "a797", "b797") and form in ("I-129", "I-539"):
        start = notice + dt.timedelta(days=rng.randint(0, 60))
        end = dt.date(start.year + (3 if form == "I-129" else 0), start.month, min(start.day, 28)) - dt.timedelta(
            days=1
        )
        if form == "I-539":
            end = start + dt.timedelta(days=rng.randint(150, 360))
        truth["valid_from"] = start.isoformat()
        truth["valid_to"] = end.isoformat()
        show["valid_from"] = fmt_date(start, dstyle)
        show["valid_to"] = fmt_date(end, dstyle)
    if kind == "a797":
        i94 = f"{rng.randint(100000000, 999999999)}{rng.randint(10, 99)}"
        truth["i94_number"] = i94
        show["i94_number"] = f"{i94[:9]} {i94[9:]}" if family in ("ins", "grid") and rng.random() < 0.6 else i94
    if kind in ("rfe", "noid", "noir"):
        due = notice + dt.timedelta(days=87 if kind == "rfe" else 33)
        truth["response_due"] = due.isoformat()
        show["response_due"] = fmt_date(due, "long" if family == "letter" else dstyle)
    if kind in ("bio", "interview"):
        when = notice + dt.timedelta(days=rng.randint(14, 40))
        while when.weekday() > 4:
            when += dt.timedelta(days=1)
        hh, mm = rng.choice(((8, 0), (8, 30), (9, 0), (10, 0), (11, 30), (13, 0), (14, 0), (15, 30)))
        place = rng.choice(ASC if kind == "bio" else FIELD_OFFICES)
        truth["appointment"] = {"date": when.isoformat(), "time": f"{hh:02d}:{mm:02d}", "location": place[1]}
        show["appointment"] = {
            "date": fmt_date(when, "weekday" if family in ("letter", "acct") else dstyle),
            "time": fmt_time(hh, mm),
            "location": place[1],
        }
        info["place"] = place
    info["case"] = {
        "receipt_number": receipt,
        "received": received,
        "notice": notice,
        "petitioner": truth["petitioner"],
        "beneficiary": truth["beneficiary"],
        "applicant": truth["applicant"],
        "a_number": truth["a_number"] or info.get("a_number_raw"),
        "classification": info.get("class_raw"),
        "kind": kind,
    }
    info["center"] = CENTERS[receipt[:3]]
    addressee = truth["applicant"] or truth["petitioner"]
    if rng.random() < 0.25:
        addressee = "c/o Harborlight Immigration Law PLLC"
    client = shared.get("client") or (
        addressee,
        rng.choice(STREETS),
        "{}, {} {}".format(*rng.choice(CITIES)),
    )
    info["case"]["client"] = client
    info["client"] = client
    return Notice(family, kind, form, truth, show, info)


# ---------------------------------------------------------------------------------------------
# Wording shared by the families.

VARIANT = {
    "receipt": "I-797C",
    "i907": "I-797C",
    "bio": "I-797C",
    "transfer": "I-797C",
    "rejection": "I-797C",
    "approval": "I-797",
    "a797": "I-797A",
    "b797": "I-797B",
    "rfe": "I-797E",
}
TITLE = {
    "receipt": "Receipt Notice",
    "i907": "Receipt Notice",
    "bio": "Biometrics Appointment Notice",
    "transfer": "Transfer Notice",
    "rejection": "Rejection Notice",
    "approval": "Approval Notice",
    "a797": "Approval Notice",
    "b797": "Approval Notice",
    "rfe": "Request for Evidence",
    "noid": "Notice of Intent to Deny",
    "noir": "Notice of Intent to Revoke",
    "denial": "Decision",
    "interview": "Interview Appointment Notice",
}


def body(n: Notice) -> list[str]:
    """Paragraphs of the notice's text (boilerplate; names other notice kinds now and then)."""
    form_name = FORMS[n.form][0]
    k = n.kind
    if k == "receipt":
        return [
            f"We have received your Form {n.form}, {form_name}, and the fee shown on this notice. This notice "
            "only tells you that we received your case; it does not grant any immigration status or benefit.",
            "If we need more information, we will send you a request for evidence. If anything on this notice is "
            "wrong, tell us right away. Keep this notice: you will need the receipt number to ask about your case.",
        ]
    if k == "i907":
        return [
            "We have received your request for premium processing service. Within the premium processing "
            "time frame we will issue an approval notice, a request for evidence, a notice of intent to deny, "
            "or open an investigation for fraud or misrepresentation.",
            f"This notice covers the premium processing request for Form {n.form}; it is not a decision on the "
            "petition itself.",
        ]
    if k == "bio":
        return [
            "USCIS has scheduled you to provide your fingerprints, photograph and signature at the Application "
            "Support Center shown below. Bring this notice and a valid photo identification.",
            "If you do not appear, we may consider your case abandoned and deny it. To reschedule, follow the "
            "instructions in your online account before your appointment date.",
        ]
    if k == "transfer":
        return [
            "To speed up processing, we have transferred your case to another USCIS office. The office now "
            "handling it is shown below. You do not need to do anything; send any reply to a request for "
            "evidence to the office that issued the request.",
        ]
    if k == "rejection":
        return [
            "We are returning your filing because it was not properly filed: the fee was missing or incorrect, "
            "or the form was not signed. Your fee payment has been returned or was not collected.",
            "You may file again with the correct fee and a signed form. Rejected filings keep no receipt date.",
        ]
    if k in ("approval", "a797", "b797"):
        lines = [f"The above {('petition' if FORMS[n.form][1] == 'petition' else 'application')} has been approved."]
        if n.kind == "b797":
            lines.append(
                "We have notified the Department of State. The beneficiary should contact the consulate to apply "
                "for a visa. This notice is not a visa and may not be used in place of one."
            )
        elif n.kind == "a797":
            lines.append(
                "The tear-off record at the bottom of this notice shows the status and the date until which the "
                "person named may stay. Keep it with the passport."
            )
        else:
            lines.append(
                "This approval may be revoked if we later find it was granted in error; we would first send a "
                "notice of intent to revoke."
            )
        return lines
    if k == "rfe":
        return [
            f"We need more evidence before we can decide your Form {n.form}. Submit the evidence listed below "
            "with the cover sheet of this request. If you do not respond, we may deny your case.",
            "1. Evidence that the position is a specialty occupation, such as an itinerary and end-client letters.",
            "2. Copies of pay statements for the last six months, and tax returns for the last two years.",
            "3. Any other evidence you wish us to consider.",
        ]
    if k in ("noid", "noir"):
        verb = "deny" if k == "noid" else "revoke the approval of"
        return [
            f"After review of the record, USCIS intends to {verb} your Form {n.form}, {form_name}. The evidence "
            "submitted in response to our earlier request for evidence did not establish eligibility.",
            "You may submit evidence in rebuttal. If you do not respond by the date above, we will decide the "
            "case on the record as it stands.",
        ]
    if k == "denial":
        return [
            f"USCIS has denied your Form {n.form}, {form_name}. After a review of the record, including the "
            "response to our notice of intent to deny, you have not shown that you are eligible.",
            "You may file a motion to reopen or reconsider on Form I-290B within 30 days of this decision "
            "(33 days if this decision was mailed).",
        ]
    if k == "interview":
        return [
            f"You are scheduled for an interview on your Form {n.form}, {form_name}. Bring this letter, your "
            "passport, photo identification and originals of the documents you filed.",
            "If you cannot attend, write to the office below before the interview date. Failure to appear may "
            "result in the denial of your application.",
        ]
    raise ValueError(k)


def role_rows(n: Notice) -> list[tuple[str, str]]:
    """(field, printed) of the people on the notice, in reading order."""
    rows = []
    for name in ("petitioner", "beneficiary", "applicant"):
        if name in n.show:
            rows.append((name, n.show[name]))
    return rows


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------------
# Producer 1: reportlab (the "grid" and "asc" families, and plain pages such as an envelope).

_RL_READY: set[str] = set()


def _rl_font(name: str) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name not in _RL_READY:
        pdfmetrics.registerFont(TTFont(name, f"{FONTS}/{FONT_FILES[name]}"))
        _RL_READY.add(name)
    return name


def _rl_canvas(path: Path, title: str) -> Any:
    from reportlab import rl_config
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setTitle(title)
    c.setCreator("ReportLab")
    return c


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width) or [text]


def _paras(c: Any, paras: list[str], x: float, y: float, width: float, font: str, size: float) -> float:
    for para in paras:
        for line in _wrap(para, font, size, width):
            c.setFont(font, size)
            c.drawString(x, y, line)
            y -= size * 1.3
        y -= size * 0.6
    return y


def _seal(c: Any, x: float, y: float, r: float) -> None:
    c.setLineWidth(1.2)
    c.circle(x, y, r)
    c.circle(x, y, r * 0.78)
    c.setLineWidth(0.6)
    for i in range(12):
        import math

        a = i * math.pi / 6
        c.line(
            x + math.cos(a) * r * 0.3, y + math.sin(a) * r * 0.3, x + math.cos(a) * r * 0.7, y + math.sin(a) * r * 0.7
        )


def draw_grid(c: Any, n: Notice, fonts: tuple[str, str], rng: random.Random) -> None:
    """A current mailed I-797 of ruled cells, each label left and its value right in the cell."""
    reg, bold = _rl_font(fonts[0]), _rl_font(fonts[1])
    wrapped: dict[str, list[str]] = {}
    variant = VARIANT.get(n.kind, "I-797C")
    _seal(c, 70, 735, 24)
    c.setFont(bold, 9)
    c.drawString(102, 744, "Department of Homeland Security")
    c.setFont(reg, 9)
    c.drawString(102, 732, "U.S. Citizenship and Immigration Services")
    c.setFont(bold, 17)
    c.drawRightString(560, 740, f"{variant}, Notice of Action")
    c.setFont(reg, 11)
    c.drawRightString(560, 724, TITLE[n.kind])
    if variant == "I-797C":
        c.setFont(bold, 7.5)
        c.drawCentredString(306, 704, "THIS NOTICE DOES NOT GRANT ANY IMMIGRATION STATUS OR BENEFIT.")
    pairs: list[tuple[str, str]] = [("Receipt No.", n.show["receipt_number"]), ("Form", n.show["form"])]
    labels = {
        "received_date": "Received",
        "notice_date": "Notice Date",
        "priority_date": "Priority Date",
        "classification": "Class",
        "valid_from": "Valid From",
        "valid_to": "Valid To",
        "response_due": "Respond By",
        "amount": "Fee",
    }
    for key, label in labels.items():
        if key in n.show:
            pairs.append((label, n.show[key]))
    pairs.append(("Page", "1 of 1"))
    x0, width, h = 52, 508, 22
    y = 690
    c.setLineWidth(0.7)
    for i in range(0, len(pairs), 2):
        for j, (label, value) in enumerate(pairs[i : i + 2]):
            cx = x0 + j * width / 2
            c.rect(cx, y - h, width / 2, h)
            c.setFont(bold, 7.5)
            c.drawString(cx + 5, y - 14, label)
            c.setFont(reg, 10)
            c.drawRightString(cx + width / 2 - 6, y - 15, value)
        y -= h
    for key, value in role_rows(n):
        lines = []
        if key == "applicant" and "a_number" in n.show:
            lines.append(n.show["a_number"])
        pieces = _wrap(value, reg, 10, 330)
        if len(pieces) > 1:
            wrapped[key] = pieces
        lines += pieces
        hh = 10 + 13 * len(lines)
        c.rect(x0, y - hh, width, hh)
        c.setFont(bold, 7.5)
        c.drawString(x0 + 5, y - 14, key.capitalize())
        c.setFont(reg, 10)
        for k, line in enumerate(lines):
            c.drawString(x0 + 150, y - 15 - 13 * k, line)
        y -= hh
    y -= 26
    client = n.info["client"]
    c.setFont(reg, 10)
    for line in (client[0].upper(), client[1].upper(), client[2].upper()):
        c.drawString(72, y, line)
        y -= 12.5
    y -= 18
    y = _paras(c, body(n), 52, y, 508, reg, 9.5)
    center = n.info["center"]
    c.setFont(reg, 8.5)
    c.drawString(
        52,
        122,
        "Please see the additional information on the back. You will be notified separately about any other cases "
        "you filed.",
    )
    for k, line in enumerate(center):
        c.drawString(52, 108 - 11 * k, line)
    c.drawString(330, 108, "Customer Service Telephone: 800-375-5283")
    c.drawString(330, 97, "Website: www.uscis.gov")
    if n.kind == "a797":
        c.setDash(4, 3)
        c.line(40, 80, 572, 80)
        c.setDash()
        c.setFont(bold, 8)
        c.drawString(52, 66, "Departure Record")
        c.setFont(reg, 8)
        c.drawString(52, 54, "I-94 Number")
        c.setFont(reg, 11)
        c.drawString(130, 54, n.show["i94_number"])
        name = n.show.get("beneficiary") or n.show.get("applicant") or ""
        c.setFont(reg, 9)
        c.drawString(300, 54, name.upper()[:40])
    c.setFont(reg, 7)
    c.drawString(52, 30, f"Form {variant} 04/01/24")
    n.info["wrapped"] = wrapped


def draw_asc(c: Any, n: Notice, fonts: tuple[str, str], rng: random.Random) -> None:
    """An Application Support Center appointment notice: a strip of case facts, then the appointment."""
    reg, bold = _rl_font(fonts[0]), _rl_font(fonts[1])
    c.setFont(bold, 10)
    c.drawString(50, 748, "Department of Homeland Security")
    c.setFont(reg, 10)
    c.drawString(50, 735, "U.S. Citizenship and Immigration Services")
    c.setFont(bold, 12)
    c.drawRightString(562, 748, "I-797C, Notice of Action")
    c.setFont(bold, 15)
    c.drawCentredString(306, 702, "ASC APPOINTMENT NOTICE")
    n.info["title"] = "ASC APPOINTMENT NOTICE"
    heads = [("CASE TYPE", n.show["form"]), ("RECEIPT NUMBER", n.show["receipt_number"])]
    if "received_date" in n.show:
        heads.append(("RECEIVED DATE", n.show["received_date"]))
    heads += [("NOTICE DATE", n.show["notice_date"]), ("PAGE", "1 of 1")]
    col = 512 / len(heads)
    c.setLineWidth(0.8)
    c.line(50, 690, 562, 690)
    c.line(50, 656, 562, 656)
    for i, (label, value) in enumerate(heads):
        c.setFont(bold, 7)
        c.drawString(54 + i * col, 680, label)
        c.setFont(reg, 10)
        c.drawString(54 + i * col, 664, value)
    c.setFont(bold, 7)
    c.drawString(54, 640, "APPLICANT")
    c.setFont(reg, 10)
    y = 626
    if "a_number" in n.show:
        c.drawString(54, y, n.show["a_number"])
        y -= 13
    c.drawString(54, y, n.show["applicant"])
    client = n.info["client"]
    y = 582
    for line in client:
        c.drawString(72, y, line.upper())
        y -= 12.5
    y = _paras(c, body(n), 50, 520, 512, reg, 9.5)
    place = n.info["place"]
    appt = n.show["appointment"]
    top = y - 6
    c.setLineWidth(1.4)
    c.rect(50, top - 118, 512, 118)
    c.setFont(bold, 10)
    c.drawString(60, top - 18, "PLEASE COME TO:")
    c.setFont(reg, 10.5)
    for k, line in enumerate(place):
        c.drawString(60, top - 36 - 14 * k, line)
    c.setFont(bold, 10)
    c.drawString(330, top - 18, "DATE AND TIME OF APPOINTMENT")
    c.setFont(reg, 10.5)
    c.drawString(330, top - 36, appt["date"])
    c.drawString(330, top - 50, appt["time"])
    c.setFont(reg, 8.5)
    c.drawString(60, top - 100, "APPLICATION SUPPORT CENTER CODE: 3    Bring this notice and photo identification.")
    c.setFont(reg, 8)
    c.drawString(50, 120, "I declare under penalty of perjury that I have reviewed and understand my application.")
    c.drawString(50, 96, "Signature of Applicant: ______________________________     Date: ______________")
    c.drawString(50, 60, "If you have questions, call the USCIS Contact Center at 800-375-5283.")
    c.setFont(reg, 7)
    c.drawString(50, 30, "Form I-797C 04/01/24")
    n.info["wrapped"] = {}


def rl_notice(path: Path, n: Notice, rng: random.Random) -> None:
    fonts = rng.choice(
        (("LibSans", "LibSans-B"), ("DejaSans", "DejaSans-B"), ("Carlito", "Carlito-B"), ("LibNarrow", "LibNarrow-B"))
        if n.family == "grid"
        else (("LibSerif", "LibSerif-B"), ("DejaCond", "DejaCond-B"), ("Caladea", "Caladea-B"))
    )
    c = _rl_canvas(path, "Notice")
    (draw_grid if n.family == "grid" else draw_asc)(c, n, fonts, rng)
    c.showPage()
    c.save()


def rl_plain(path: Path, what: str, rng: random.Random, data: dict[str, Any]) -> None:
    """Pages that come with the mail and are not notices: an envelope, a note, a routing slip."""
    reg, bold = _rl_font("LibSans"), _rl_font("LibSans-B")
    c = _rl_canvas(path, what)
    if what == "envelope":
        c.setFont(bold, 9)
        c.drawString(60, 740, "U.S. Department of Homeland Security")
        c.setFont(reg, 8.5)
        c.drawString(60, 728, "U.S. Citizenship and Immigration Services")
        c.drawString(60, 717, data["center"][1])
        c.drawString(60, 706, data["center"][2])
        c.drawString(60, 690, "OFFICIAL BUSINESS")
        c.drawString(60, 679, "Penalty for Private Use, $300")
        c.rect(470, 700, 80, 50)
        c.setFont(reg, 7)
        c.drawCentredString(510, 730, "PRESORTED")
        c.drawCentredString(510, 720, "FIRST-CLASS MAIL")
        c.setLineWidth(0.6)
        c.roundRect(150, 520, 300, 90, 8)
        c.setFont(reg, 11)
        for k, line in enumerate(data["client_addr"]):
            c.drawString(165, 585 - 15 * k, line.upper())
        c.setFont(bold, 10)
        c.drawString(150, 470, "IMPORTANT: IMMIGRATION DOCUMENTS ENCLOSED")
    elif what == "slip":
        c.setFont(bold, 14)
        c.drawString(60, 730, data["firm"])
        c.setFont(reg, 10)
        c.drawString(60, 712, "Client mail log")
        rows = data["rows"]
        y = 680
        for k, row in enumerate(["Received from client", "Matter", "What it is", "Action"]):
            c.setFont(bold, 10)
            c.drawString(60, y, row)
            c.setFont(reg, 10)
            c.drawString(220, y, rows[k])
            y -= 22
        c.setFont(reg, 9)
        c.drawString(60, 560, "Scanned to the matter folder; original returned to client.")
    c.showPage()
    c.save()


# ---------------------------------------------------------------------------------------------
# Producer 2: fpdf2 (the older "ins" family and the half-sheet "half" family).


def _fpdf(fonts: list[str]) -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="Letter")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(FIXED_DATE.replace(tzinfo=dt.UTC))
    pdf.set_creator("fpdf2")
    for name in fonts:
        pdf.add_font(name, "", f"{FONTS}/{FONT_FILES[name]}")
    return pdf


def _mono_wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def draw_ins(pdf: Any, n: Notice, rng: random.Random) -> None:
    """An older typed notice (INS era and the first DHS years): LABEL: value lines in a fixed pitch."""
    font = rng.choice(("LibMono", "DejaMono"))
    size = 9.5
    pdf.add_page()
    wrapped: dict[str, list[str]] = {}
    lines: list[str] = []
    year = n.info["year"]
    if year < 2003:
        head = ("U.S. Department of Justice", "Immigration and Naturalization Service")
    else:
        head = ("Department of Homeland Security", "U.S. Citizenship and Immigration Services")
    variant = VARIANT.get(n.kind, "I-797")
    lines += [head[0], head[1].ljust(52) + f"{variant}  NOTICE OF ACTION", "", "=" * 78]

    def pair(left: str, right: str = "") -> None:
        lines.append(left.ljust(40) + right)

    pair(f"RECEIPT NUMBER: {n.show['receipt_number']}", f"CASE TYPE: {n.show['form']}")
    left = f"RECEIPT DATE:   {n.show['received_date']}" if "received_date" in n.show else ""
    right = f"PRIORITY DATE: {n.show['priority_date']}" if "priority_date" in n.show else ""
    if left or right:
        pair(left, right)
    pair(f"NOTICE DATE:    {n.show['notice_date']}", "PAGE: 1 OF 1")
    pair(
        f"NOTICE TYPE:    {TITLE[n.kind].upper()}",
        f"CLASS: {n.show['classification']}" if "classification" in n.show else "",
    )
    for key, value in role_rows(n):
        label = f"{key.upper()}:".ljust(16)
        pieces = _mono_wrap(value, 58)
        if len(pieces) > 1:
            wrapped[key] = pieces
        lines.append(label + pieces[0])
        lines += [" " * 16 + piece for piece in pieces[1:]]
        if key == "applicant" and "a_number" in n.show:
            lines.append("A-FILE:".ljust(16) + n.show["a_number"])
    if "valid_from" in n.show:
        lines.append(f"VALID FROM:     {n.show['valid_from']}   TO: {n.show['valid_to']}")
    if "response_due" in n.show:
        lines.append(f"RESPONSE DUE:   {n.show['response_due']}")
    if "amount" in n.show:
        lines.append(f"AMOUNT RECEIVED: {n.show['amount']}")
    lines += ["=" * 78, ""]
    client = n.info["client"]
    lines += [line.upper() for line in client]
    lines += ["", ""]
    for para in body(n):
        lines += [*_mono_wrap(para.upper() if year < 2003 else para, 78), ""]
    center = n.info["center"]
    lines += ["", f"{center[0].upper()}", f"{center[1].upper()}", f"{center[2].upper()}"]
    lines += ["CUSTOMER SERVICE TELEPHONE: (800) 375-5283"]
    pdf.set_font(font, size=size)
    y = 56.0
    for line in lines:
        pdf.text(46, y, line)
        y += size * 1.32
    if n.kind == "a797":
        pdf.set_dash_pattern(dash=3, gap=3)
        pdf.line(36, 660, 576, 660)
        pdf.set_dash_pattern()
        pdf.text(46, 680, "DEPARTURE RECORD")
        pdf.text(46, 696, f"I-94 NUMBER: {n.show['i94_number']}")
        pdf.text(46, 712, f"ADMITTED UNTIL: {n.show['valid_to']}")
    pdf.text(46, 760, f"FORM {variant} (REV. {'09/07/93' if year < 2003 else '01/31/05'}) N")
    n.info["wrapped"] = wrapped


def draw_half(pdf: Any, n: Notice, top: float, rng: random.Random, fonts: tuple[str, str]) -> None:
    """A half-sheet receipt (the top or bottom half of a letter sheet): label: value pairs in two columns."""
    reg, bold = fonts
    wrapped: dict[str, list[str]] = {}
    pdf.set_font(bold, size=11)
    pdf.text(48, top + 34, "U.S. Citizenship and Immigration Services")
    pdf.set_font(reg, size=9)
    pdf.text(48, top + 47, "Department of Homeland Security")
    pdf.set_font(bold, size=13)
    pdf.text(380, top + 34, f"{VARIANT.get(n.kind, 'I-797C')} Notice of Action")
    pdf.set_font(reg, size=9)
    pdf.text(380, top + 47, TITLE[n.kind])
    pdf.set_draw_color(0)
    pdf.set_line_width(0.8)
    pdf.line(48, top + 56, 564, top + 56)
    left = [("Receipt Number", n.show["receipt_number"]), ("Case Type", n.show["form"])]
    if "received_date" in n.show:
        left.append(("Date Received", n.show["received_date"]))
    left.append(("Notice Date", n.show["notice_date"]))
    if "classification" in n.show:
        left.append(("Class", n.show["classification"]))
    right = []
    for key in ("applicant", "petitioner", "beneficiary"):
        if key in n.show:
            right.append((key.capitalize(), n.show[key]))
    if "a_number" in n.show:
        right.append(("A#", n.show["a_number"]))
    if "amount" in n.show:
        right.append(("Fee Paid", n.show["amount"]))
    y = top + 74
    for label, value in left:
        pdf.set_font(bold, size=8.5)
        pdf.text(48, y, label + ":")
        pdf.set_font(reg, size=10)
        pdf.text(130, y, value)
        y += 15
    y2 = top + 74
    for label, value in right:
        pdf.set_font(bold, size=8.5)
        pdf.text(312, y2, label + ":")
        pdf.set_font(reg, size=10)
        text = value
        pieces = [text]
        if pdf.get_string_width(text) > 180:
            words, pieces, line = text.split(), [], ""
            for word in words:
                if line and pdf.get_string_width(f"{line} {word}") > 180:
                    pieces.append(line)
                    line = word
                else:
                    line = f"{line} {word}".strip()
            pieces.append(line)
            wrapped[label.lower()] = pieces
        for piece in pieces:
            pdf.text(380, y2, piece)
            y2 += 13
        y2 += 2
    y = max(y, y2) + 10
    pdf.set_font(reg, size=8.5)
    for para in body(n)[:1]:
        words, line = para.split(), ""
        for word in words:
            if line and pdf.get_string_width(f"{line} {word}") > 516:
                pdf.text(48, y, line)
                y += 11
                line = word
            else:
                line = f"{line} {word}".strip()
        pdf.text(48, y, line)
        y += 16
    client = n.info["client"]
    pdf.set_font(reg, size=9.5)
    for line in client:
        pdf.text(60, y, line.upper())
        y += 12
    pdf.set_font(reg, size=7)
    pdf.text(48, top + 380, f"{n.info['center'][0]}  |  Form I-797C 04/01/24")
    n.info["wrapped"] = wrapped


def fpdf_notice(path: Path, notices: list[Notice], rng: random.Random) -> None:
    if notices[0].family == "ins":
        pdf = _fpdf(["LibMono", "DejaMono"])
        for n in notices:
            draw_ins(pdf, n, rng)
    else:
        fonts = rng.choice((("Carlito", "Carlito-B"), ("DejaCond", "DejaCond-B"), ("LibSans", "LibSans-B")))
        pdf = _fpdf(list(fonts))
        pdf.add_page()
        for k, n in enumerate(notices):
            if k:
                pdf.set_dash_pattern(dash=5, gap=4)
                pdf.line(20, 396, 592, 396)
                pdf.set_dash_pattern()
            draw_half(pdf, n, 396.0 * k, rng, fonts)
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------------
# Producer 3: chromium printing HTML (the "acct" family, downloaded from an online account;
# a client's e-mail; a case-status page).

ACCT_CSS = """
@page { size: Letter; margin: 0.6in 0.7in; }
body { font-family: '%s'; font-size: 10.5pt; color: #1b1b1b; }
.top { display: flex; justify-content: space-between; align-items: flex-end;
  border-bottom: 3px solid #1a4480; padding-bottom: 6px; }
.agency { font-size: 12pt; font-weight: bold; color: #1a4480; }
.sub { font-size: 9pt; color: #444; }
.form { text-align: right; font-size: 15pt; font-weight: bold; }
.kind { text-align: right; font-size: 10.5pt; }
.e { margin: 10px 0; padding: 6px 10px; background: #eef3fa; font-size: 9pt; }
table.f { border-collapse: collapse; width: 100%%; margin: 8px 0 14px 0; }
table.f td { padding: 5px 8px; border-bottom: 1px solid #c9d3e0; vertical-align: top; }
table.f td.l { width: 34%%; color: #555; font-size: 9.5pt; }
table.f td.v { font-weight: bold; }
p { margin: 0 0 8px 0; line-height: 1.35; }
.foot { margin-top: 30px; font-size: 8.5pt; color: #555; border-top: 1px solid #bbb; padding-top: 6px; }
"""


def html_acct(n: Notice, font: str) -> str:
    rows: list[tuple[str, str]] = [("Receipt number", n.show["receipt_number"])]
    rows.append(("Form", f"{n.show['form']}, {FORMS[n.truth['form']][0]}"))
    labels = {
        "received_date": "Date received",
        "notice_date": "Notice date",
        "priority_date": "Priority date",
        "classification": "Classification",
        "valid_from": "Valid from",
        "valid_to": "Valid through",
        "response_due": "Response due by",
        "amount": "Fee paid",
    }
    for key, label in labels.items():
        if key == "notice_date":
            rows.append(("Notice type", TITLE[n.kind]))
        if key in n.show:
            rows.append((label, n.show[key]))
    for key, value in role_rows(n):
        rows.append((key.capitalize(), value))
        if key == "applicant" and "a_number" in n.show:
            rows.append(("USCIS A-number", n.show["a_number"]))
    if "i94_number" in n.show:
        rows.append(("I-94 record number", n.show["i94_number"]))
    if "appointment" in n.show:
        appt, place = n.show["appointment"], n.info["place"]
        rows.append(("Appointment", f"{appt['date']} at {appt['time']}"))
        rows.append(("Location", f"{place[0]}<br>{place[1]}<br>{place[2]}"))
    table = "".join(
        f"<tr><td class='l'>{esc(a)}</td><td class='v'>{b if '<br>' in b else esc(b)}</td></tr>" for a, b in rows
    )
    paras = "".join(f"<p>{esc(p)}</p>" for p in body(n))
    center = n.info["center"]
    return f"""<html><head><meta charset='utf-8'><style>{ACCT_CSS % font}</style></head><body>
<div class='top'><div><div class='agency'>U.S. Citizenship and Immigration Services</div>
<div class='sub'>Department of Homeland Security</div></div>
<div><div class='form'>Form {VARIANT.get(n.kind, "I-797C")}, Notice of Action</div>
<div class='kind'>{TITLE[n.kind]}</div></div></div>
<div class='e'>This is an electronic notice. It was delivered to the online account of the person named below and has
the same effect as a notice sent by mail.</div>
<table class='f'>{table}</table>
{paras}
<div class='foot'>{esc(center[0])} &middot; {esc(center[1])}, {esc(center[2])}<br>
Questions: uscis.gov/contactcenter &middot; Page 1 of 1</div></body></html>"""


def html_email(data: dict[str, Any]) -> str:
    return f"""<html><head><meta charset='utf-8'><style>
body {{ font-family: 'DejaVu Sans'; font-size: 10pt; margin: 0.5in; }}
.h td {{ padding: 2px 8px 2px 0; }} .h td:first-child {{ color: #666; }}
hr {{ border: 0; border-top: 1px solid #aaa; }}
blockquote {{ border-left: 3px solid #ccc; margin: 8px 0; padding-left: 10px; color: #333; }}
</style></head><body>
<div style='font-size:13pt;font-weight:bold'>Fwd: my notice came today</div><hr>
<table class='h'><tr><td>From</td><td>{esc(data["client"])} &lt;{esc(data["mail"])}&gt;</td></tr>
<tr><td>To</td><td>intake@{esc(data["domain"])}</td></tr>
<tr><td>Date</td><td>{esc(data["sent"])}</td></tr></table><hr>
<p>Hi, I got a letter from immigration today. I typed out what it says because my scanner is broken:</p>
<blockquote>Form I-797C, Notice of Action<br>Receipt Number {esc(data["receipt"])}<br>
Case Type {esc(data["form"])}<br>Received Date {esc(data["received"])}<br>Notice Date {esc(data["notice"])}<br>
Applicant {esc(data["name"])}</blockquote>
<p>Do I need to do anything? I will bring the original to our meeting on Thursday.</p>
<p>Thanks,<br>{esc(data["client"].split()[0])}</p></body></html>"""


def html_status(data: dict[str, Any]) -> str:
    return f"""<html><head><meta charset='utf-8'><style>
body {{ font-family: 'Liberation Sans'; margin: 0; background: #f0f0f0; }}
.bar {{ background: #1a4480; color: white; padding: 14px 24px; font-size: 15pt; }}
.card {{ background: white; margin: 24px; padding: 20px 24px; border-radius: 6px; }}
h2 {{ margin: 0 0 10px 0; font-size: 17pt; }} .n {{ color: #555; font-size: 10pt; }}
</style></head><body><div class='bar'>Case Status Online</div>
<div class='card'><div class='n'>Receipt Number: {esc(data["receipt"])}</div>
<h2>Case Was Received</h2>
<p>On {esc(data["received"])}, we received your Form {esc(data["form"])}, and we mailed you a receipt notice.
If you do not receive your receipt notice by {esc(data["later"])}, please ask for it. We will send you a
notice of action by mail when we decide your case or need something from you.</p></div></body></html>"""


def chromium_pdfs(jobs: list[tuple[str, Path]]) -> None:
    """Prints each HTML page to its PDF with one headless chromium."""
    if not jobs:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        for html, out in jobs:
            page.set_content(html, wait_until="load")
            page.pdf(path=str(out), format="Letter", print_background=True, prefer_css_page_size=True)
        browser.close()


# ---------------------------------------------------------------------------------------------
# Producer 4: LibreOffice converting Word documents (the "letter" family; an intake sheet).


def docx_letter(path: Path, n: Notice, rng: random.Random) -> None:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    doc = Document()
    font = rng.choice(("Liberation Serif", "Caladea", "DejaVu Serif", "Carlito"))
    style = doc.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(10.5)
    doc.core_properties.author = "USCIS"
    doc.core_properties.created = FIXED_DATE
    doc.core_properties.modified = FIXED_DATE
    doc.core_properties.last_modified_by = "USCIS"
    office = n.info.get("place") if n.kind == "interview" else None
    origin = office or rng.choice(FIELD_OFFICES) if n.kind in ("interview", "denial") else n.info["center"]
    head = doc.add_paragraph()
    run = head.add_run("U.S. Department of Homeland Security\n")
    run.bold = True
    head.add_run(f"U.S. Citizenship and Immigration Services\n{origin[0]}\n{origin[1]}\n{origin[2]}")
    doc.add_paragraph(n.show["notice_date"])
    client = n.info["client"]
    doc.add_paragraph("\n".join(client))
    ref = doc.add_table(rows=0, cols=2)
    rows = [("Receipt Number:", n.show["receipt_number"]), ("Form:", f"{n.show['form']}, {FORMS[n.form][0]}")]
    for key, value in role_rows(n):
        rows.append((key.capitalize() + ":", value))
    if "a_number" in n.show:
        rows.append(("A-Number:", n.show["a_number"]))
    if "classification" in n.show:
        rows.append(("Classification:", n.show["classification"]))
    for a, b in rows:
        cells = ref.add_row().cells
        cells[0].text = a
        cells[1].text = b
    title = doc.add_paragraph()
    title_run = title.add_run(TITLE[n.kind].upper())
    title_run.bold = True
    title_run.font.size = Pt(13)
    paras = body(n)
    if "received_date" in n.show:
        doc.add_paragraph(
            f"On {n.show['received_date']}, you filed Form {n.form}, {FORMS[n.form][0]}, with U.S. Citizenship and "
            "Immigration Services (USCIS)."
        )
    if n.kind == "interview":
        appt = n.show["appointment"]
        place = n.info["place"]
        doc.add_paragraph(paras[0])
        doc.add_paragraph(f"Date: {appt['date']}\nTime: {appt['time']}\nPlace: {place[0]}\n{place[1]}\n{place[2]}")
        doc.add_paragraph(paras[1])
    elif n.kind == "rfe":
        doc.add_paragraph(paras[0])
        doc.add_paragraph(
            f"Your response must be received by this office on or before {n.show['response_due']}. Send it with "
            "the original of this request on top."
        )
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(f"Receipt Number: {n.show['receipt_number']}          Page 2 of 2")
        for para in paras[1:]:
            doc.add_paragraph(para)
    else:
        for para in paras:
            doc.add_paragraph(para)
        if "response_due" in n.show:
            doc.add_paragraph(
                f"You have until {n.show['response_due']} to respond. A response received after that date "
                "will not be considered."
            )
    doc.add_paragraph("Sincerely,\n\n\nDirector\nOfficer 0417")
    doc.save(str(path))
    n.info["wrapped"] = {}
    n.info["npages"] = 2 if n.kind == "rfe" else 1


def docx_intake(path: Path, data: dict[str, Any]) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.styles["Normal"].font.name = "Carlito"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.created = FIXED_DATE
    doc.core_properties.modified = FIXED_DATE
    doc.core_properties.author = data["firm"]
    p = doc.add_paragraph()
    r = p.add_run(data["firm"] + "\nNew Matter Intake Sheet")
    r.bold = True
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for a, b in (
        ("Client", data["name"]),
        ("Pending with USCIS", f"Form {data['form']} (client has the I-797C receipt notice)"),
        ("Receipt number per client", data["receipt"]),
        ("Received date per notice", data["received"]),
        ("Fee paid", data["amount"]),
        ("Next step", "Wait for the biometrics appointment notice; calendar the follow-up."),
    ):
        cells = table.add_row().cells
        cells[0].text = a
        cells[1].text = b
    doc.add_paragraph("\nConflicts checked. Engagement letter sent. Copies of all notices to be scanned to the file.")
    doc.save(str(path))


def soffice_pdfs(docs: list[Path], outdir: Path) -> None:
    if not docs:
        return
    profile = Path(tempfile.mkdtemp(prefix="set10-lo-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                *[str(d) for d in docs],
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Paper, scanners, faxes, phones.


def render_page(pdf: Path, index: int, dpi: int, grey: bool = True) -> Any:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[index].render(scale=dpi / 72, grayscale=grey).to_pil()
    finally:
        doc.close()
    return image.convert("L" if grey else "RGB")


def page_count(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(pdf)).pages)


def _np_rng(rng: random.Random) -> Any:
    import numpy as np

    return np.random.default_rng(rng.randint(0, 2**31))


def annotate(img: Any, rng: random.Random, lines: list[str], where: tuple[float, float]) -> Any:
    """A client's ballpoint note on the page (blue, slanted)."""
    from PIL import Image, ImageDraw, ImageFont

    rgb = img.convert("RGB")
    w, h = rgb.size
    size = max(18, int(w / 30))
    font = ImageFont.truetype(f"{FONTS}/{FONT_FILES['Hand']}", size)
    layer = Image.new("RGBA", (int(w * 0.5), size * (len(lines) + 1) * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for k, line in enumerate(lines):
        draw.text((6, 6 + k * size * 1.4), line, font=font, fill=(25, 45, 160, 235))
    layer = layer.rotate(rng.uniform(-8, 8), expand=True, resample=Image.BICUBIC)
    rgb.paste(layer, (int(w * where[0]), int(h * where[1])), layer)
    return rgb


def scan(img: Any, rng: random.Random, opts: dict[str, Any]) -> Any:
    """An office copier's scan of a printed page (grey or colour)."""
    import numpy as np
    from PIL import Image, ImageFilter

    nrng = _np_rng(rng)
    colour = img.mode == "RGB"
    arr = np.asarray(img, dtype=np.float32)
    paper = rng.uniform(228, 248) if not opts.get("yellow") else 232.0
    toner = rng.uniform(0.72, 0.95)
    arr = 255.0 - (255.0 - arr) * toner
    arr = arr * (paper / 255.0)
    h, w = arr.shape[:2]
    lamp = np.linspace(rng.uniform(0.9, 1.0), rng.uniform(0.97, 1.03), w, dtype=np.float32)
    arr = arr * (lamp[None, :, None] if colour else lamp[None, :])
    if opts.get("yellow"):
        tint = np.array([1.0, 0.95, 0.78], dtype=np.float32)
        arr = (np.repeat(arr[..., None], 3, axis=2) if not colour else arr) * tint
        colour = True
    arr += nrng.normal(0, rng.uniform(3, 8), arr.shape).astype(np.float32)
    specks = int(w * h / 60000)
    ys, xs = nrng.integers(0, h, specks), nrng.integers(0, w, specks)
    arr[ys, xs] = 40
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB" if colour else "L")
    dpi = opts.get("dpi", 200)
    if opts.get("punched") or opts.get("stapled"):
        from PIL import ImageDraw

        draw = ImageDraw.Draw(out)
        dark = (70, 70, 70) if colour else 70
        if opts.get("punched"):
            for frac in (0.28, 0.72):
                cx, cy, r = 0.3 * dpi, frac * h, 0.12 * dpi
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=dark)
        if opts.get("stapled"):
            draw.line((0.2 * dpi, 0.32 * dpi, 0.62 * dpi, 0.12 * dpi), fill=dark, width=max(2, dpi // 60))
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    angle = opts.get("skew", rng.uniform(-1.8, 1.8))
    fill = (int(paper), int(paper * 0.95), int(paper * 0.8)) if colour else int(paper)
    out = out.rotate(angle, resample=Image.BICUBIC, fillcolor=fill)
    if opts.get("turn"):
        out = out.rotate(opts["turn"], expand=True)
    return out


def blank_back(size: tuple[int, int], rng: random.Random, front: Any | None) -> Any:
    import numpy as np
    from PIL import Image, ImageOps

    nrng = _np_rng(rng)
    arr = np.full((size[1], size[0]), rng.uniform(232, 246), dtype=np.float32)
    if front is not None:
        ghost = np.asarray(ImageOps.mirror(front.convert("L")).resize(size), dtype=np.float32)
        arr -= (255 - ghost) * 0.05
    arr += nrng.normal(0, 4, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def fax(img: Any, rng: random.Random, fine: bool, header: str) -> Any:
    """A faxed page: 204 dpi across, 196 (fine) or 98 (standard) down, one bit."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    grey = img.convert("L")
    w, h = int(8.5 * 204), (11 * (196 if fine else 98))
    grey = grey.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=255).resize((w, h), Image.BILINEAR)
    draw = ImageDraw.Draw(grey)
    font = ImageFont.truetype(f"{FONTS}/{FONT_FILES['DejaMono']}", 22 if fine else 18)
    draw.text((30, 4), header, font=font, fill=0)
    arr = np.asarray(grey, dtype=np.float32) + _np_rng(rng).normal(0, 18, (h, w))
    bw = Image.fromarray(np.where(arr > 150, 255, 0).astype(np.uint8), "L").convert("1", dither=Image.NONE)
    bw.info["dpi"] = (204, 196 if fine else 98)
    return bw


def _coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    import numpy as np

    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=np.float64)
    b = np.array([c for pt in src for c in pt], dtype=np.float64)
    return [float(c) for c in np.linalg.solve(a, b)]


def photo(img: Any, rng: random.Random, mode: str) -> Any:
    """A phone photo of a page: on a desk or table, at an angle, warm light; or of a screen."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    nrng = _np_rng(rng)
    page = img.convert("RGB")
    pw, ph = page.size
    W, H = (int(pw * 1.18), int(ph * 1.14)) if mode != "close" else (int(pw * 1.06), int(ph * 1.05))
    if mode == "screen":
        bg = Image.new("RGB", (W, H), (28, 28, 32))
        arr = np.asarray(page, dtype=np.float32) * np.array([0.86, 0.92, 1.0], dtype=np.float32) + 12
        yy = np.arange(ph, dtype=np.float32)[:, None]
        xx = np.arange(pw, dtype=np.float32)[None, :]
        moire = 10 * np.sin((xx * 0.9 + yy * 0.35) / 2.2) * np.sin(yy / 3.1)
        arr += moire[..., None]
        page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    else:
        base = np.array(rng.choice(((120, 84, 52), (150, 112, 70), (92, 96, 104), (188, 182, 170))), dtype=np.float32)
        grain = nrng.normal(0, 1, (H, 1)).astype(np.float32) * 14 + nrng.normal(0, 5, (H, W)).astype(np.float32)
        bg = Image.fromarray(np.clip(base[None, None, :] + grain[..., None], 0, 255).astype(np.uint8), "RGB")
    j = 0.05
    keystone = rng.uniform(0.05, 0.09) if mode in ("desk", "thumb") else 0.0
    quad = [
        (W * rng.uniform(0.04 + keystone, 0.04 + keystone + j), H * rng.uniform(0.03, 0.03 + j)),
        (W * rng.uniform(0.96 - keystone - j, 0.96 - keystone), H * rng.uniform(0.03, 0.03 + j)),
        (W * rng.uniform(0.95 - j, 0.97), H * rng.uniform(0.96 - j, 0.97)),
        (W * rng.uniform(0.03, 0.05 + j), H * rng.uniform(0.95 - j, 0.97)),
    ]
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    warped = page.transform((W, H), Image.PERSPECTIVE, _coeffs(quad, src), Image.BICUBIC)
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(quad, fill=255)
    if mode != "screen":
        shadow = Image.new("L", (W, H), 0)
        ImageDraw.Draw(shadow).polygon([(x + 14, y + 18) for x, y in quad], fill=110)
        bg = Image.composite(Image.new("RGB", (W, H), (20, 16, 12)), bg, shadow.filter(ImageFilter.GaussianBlur(16)))
    out = Image.composite(warped, bg, mask)
    arr = np.asarray(out, dtype=np.float32)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    r = np.sqrt(((xx - W / 2) / W) ** 2 + ((yy - H / 2) / H) ** 2)
    light = 1.06 - 0.45 * r**2 - 0.12 * (xx / W) * rng.uniform(0.2, 1.0)
    arr = arr * light[..., None] * (np.array([1.04, 1.0, 0.88], dtype=np.float32) if mode != "screen" else 1.0)
    arr += nrng.normal(0, 3.5, arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    if mode == "thumb":
        tw, th = int(W * 0.13), int(H * 0.2)
        thumb = Image.new("RGBA", (tw, th), (0, 0, 0, 0))
        tdraw = ImageDraw.Draw(thumb)
        tdraw.ellipse((0, 0, tw - 1, th * 1.6), fill=(201, 152, 121, 255))
        tdraw.ellipse((tw * 0.22, th * 0.06, tw * 0.78, th * 0.36), fill=(229, 196, 178, 255))
        thumb = thumb.rotate(rng.uniform(-35, -20), expand=True, resample=Image.BICUBIC)
        thumb = thumb.filter(ImageFilter.GaussianBlur(3))
        out.paste(thumb, (int(W * -0.02), int(H * 0.8)), thumb)
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))


def chat(img: Any, rng: random.Random, contact: str) -> Any:
    """A screenshot of a messaging app showing the photo a client sent."""
    from PIL import Image, ImageDraw, ImageFont

    W, H = 1440, 3120
    out = Image.new("RGB", (W, H), (236, 229, 221))
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, 0, W, 200), fill=(7, 94, 84))
    big = ImageFont.truetype(f"{FONTS}/{FONT_FILES['DejaSans-B']}", 44)
    small = ImageFont.truetype(f"{FONTS}/{FONT_FILES['DejaSans']}", 30)
    draw.text((150, 95), contact, font=big, fill=(255, 255, 255))
    draw.text((150, 150), "online", font=small, fill=(210, 235, 230))
    draw.text((40, 20), "9:41", font=small, fill=(255, 255, 255))
    pic = img.convert("RGB")
    scale = 1360 / pic.size[0]
    pic = pic.resize((1360, int(pic.size[1] * scale)), Image.LANCZOS)
    top = 260
    draw.rounded_rectangle((30, top - 10, 1410, top + pic.size[1] + 70), 18, fill=(220, 248, 198))
    out.paste(pic, (40, top))
    draw.text((1220, top + pic.size[1] + 12), "10:42 PM", font=small, fill=(100, 110, 100))
    y = top + pic.size[1] + 100
    if y < H - 200:
        draw.rounded_rectangle((30, y, 760, y + 90), 18, fill=(220, 248, 198))
        draw.text((55, y + 25), "this came in the mail, is it ok??", font=small, fill=(20, 20, 20))
    draw.rectangle((0, H - 130, W, H), fill=(246, 246, 246))
    return out.crop((0, 0, W, min(H, max(y + 160, 1400))))


# ---------------------------------------------------------------------------------------------
# The catalogue: what the practice's mail holds this time.

# A part of a file: ("n", family, kind, form, year, case key or None, relation) is one notice;
# ("pair", ...) two half-sheet notices on one sheet; ("blank",) a duplex back; ("envelope",),
# ("sticky",), ("slip",) pages that are not notices; ("email",), ("intake",), ("status",) non-notices.
N_ = tuple[Any, ...]


def catalogue() -> list[dict[str, Any]]:
    def f(name: str, medium: str, label: str, parts: list[N_], **effect: Any) -> dict[str, Any]:
        return {"name": name, "medium": medium, "label": label, "parts": parts, "effect": effect}

    def n(family: str, kind: str, form: str, year: int, case: str | None = None, rel: str = "") -> N_:
        return ("n", family, kind, form, year, case, rel)

    return [
        # text PDFs: downloaded from online accounts, or e-mailed as the PDF the office printed
        f("t01-receipt.pdf", "text-pdf", "online-account receipt", [n("acct", "receipt", "I-485", 2025)]),
        f("t02-receipt.pdf", "text-pdf", "online-account receipt", [n("acct", "receipt", "I-765", 2024)]),
        f("t03-biometrics.pdf", "text-pdf", "online-account appointment", [n("acct", "bio", "I-485", 2025)]),
        f("t04-approval.pdf", "text-pdf", "online-account approval", [n("acct", "approval", "I-765", 2024)]),
        f("t05-rfe.pdf", "text-pdf", "online-account request for evidence", [n("acct", "rfe", "I-130", 2025)]),
        f("t06-receipt.pdf", "text-pdf", "online-account receipt", [n("acct", "receipt", "N-400", 2026)]),
        f("t07-receipt.pdf", "text-pdf", "mailed receipt (PDF)", [n("grid", "receipt", "I-129", 2025)]),
        f("t08-approval.pdf", "text-pdf", "mailed approval (PDF)", [n("grid", "approval", "I-140", 2024)]),
        f("t09-i797a.pdf", "text-pdf", "approval with I-94 (PDF)", [n("grid", "a797", "I-539", 2025)]),
        f("t10-i797b.pdf", "text-pdf", "approval, beneficiary abroad (PDF)", [n("grid", "b797", "I-129", 2023)]),
        f("t11-rejection.pdf", "text-pdf", "rejection (PDF)", [n("grid", "rejection", "I-765", 2025)]),
        f("t12-receipt.pdf", "text-pdf", "mailed receipt (PDF)", [n("grid", "receipt", "I-751", 2022)]),
        f("t13-transfer.pdf", "text-pdf", "transfer (PDF)", [n("grid", "transfer", "I-130", 2021)]),
        f("t14-receipt.pdf", "text-pdf", "older typed receipt (PDF)", [n("ins", "receipt", "I-130", 1998)]),
        f("t15-approval.pdf", "text-pdf", "older typed approval (PDF)", [n("ins", "approval", "I-129", 2001)]),
        f("t16-i797a.pdf", "text-pdf", "older approval with I-94 (PDF)", [n("ins", "a797", "I-129", 2006)]),
        f("t17-rfe.pdf", "text-pdf", "request for evidence letter, two pages", [n("letter", "rfe", "I-129", 2025)]),
        f("t18-noid.pdf", "text-pdf", "intent to deny letter", [n("letter", "noid", "I-140", 2024)]),
        f("t19-denial.pdf", "text-pdf", "denial letter", [n("letter", "denial", "I-485", 2025)]),
        f("t20-interview.pdf", "text-pdf", "interview letter", [n("letter", "interview", "I-485", 2026)]),
        f("t21-biometrics.pdf", "text-pdf", "ASC appointment (PDF)", [n("asc", "bio", "I-765", 2025)]),
        f("t22-biometrics.pdf", "text-pdf", "ASC appointment (PDF)", [n("asc", "bio", "N-400", 2024)]),
        f("t23-receipt.pdf", "text-pdf", "half-sheet receipt (PDF)", [("pair", n("half", "receipt", "I-131", 2019))]),
        f(
            "t24-premium.pdf",
            "text-pdf",
            "receipt, premium-processing receipt and approval, one receipt number",
            [
                n("grid", "receipt", "I-129", 2025, "p1"),
                n("grid", "i907", "I-129", 2025, "p1", "same"),
                n("grid", "approval", "I-129", 2025, "p1", "same"),
            ],
        ),
        f(
            "t25-family.pdf",
            "text-pdf",
            "one applicant's receipts and appointment",
            [
                n("acct", "receipt", "I-485", 2025, "a1"),
                n("acct", "receipt", "I-765", 2025, "a1", "next"),
                n("acct", "bio", "I-485", 2025, "a1", "same"),
            ],
        ),
        f(
            "t26-pair.pdf",
            "text-pdf",
            "two receipts on one sheet",
            [("pair", n("half", "receipt", "I-485", 2021, "h1"), n("half", "receipt", "I-765", 2021, "h1", "next"))],
        ),
        f("t27-client-email.pdf", "text-pdf", "not a notice: a client's e-mail re-typing a notice", [("email",)]),
        f("t28-intake-sheet.pdf", "text-pdf", "not a notice: an intake sheet quoting a receipt", [("intake",)]),
        # scanned PDFs: the office copier, faxes, a family's old files
        f("s01-receipt.pdf", "scan-pdf", "copier scan", [n("grid", "receipt", "I-140", 2023)], dpi=200),
        f("s02-biometrics.pdf", "scan-pdf", "copier scan", [n("asc", "bio", "I-131", 2025)], dpi=300),
        f(
            "s03-old-receipt.pdf",
            "scan-pdf",
            "old notice from family files",
            [n("ins", "receipt", "I-485", 1999)],
            dpi=200,
            yellow=True,
        ),
        f(
            "s04-old-approval.pdf",
            "scan-pdf",
            "older approval fed upside down",
            [n("ins", "approval", "I-130", 2004)],
            dpi=300,
            turn=180,
        ),
        f(
            "s05-noir-fax.pdf",
            "scan-pdf",
            "intent to revoke, faxed (fine)",
            [n("letter", "noir", "I-129", 2024)],
            fax="fine",
        ),
        f(
            "s06-i797a.pdf",
            "scan-pdf",
            "approval with I-94 fed sideways",
            [n("grid", "a797", "I-129", 2024)],
            dpi=200,
            turn=90,
        ),
        f(
            "s07-rfe-duplex.pdf",
            "scan-pdf",
            "two-page request, duplex with blank backs",
            [n("letter", "rfe", "I-140", 2025)],
            dpi=200,
            duplex=True,
        ),
        f(
            "s08-printout.pdf",
            "scan-pdf",
            "online notice printed and scanned, heavy JPEG",
            [n("acct", "receipt", "I-90", 2024)],
            dpi=150,
            quality=30,
        ),
        f(
            "s09-fax.pdf",
            "scan-pdf",
            "half-sheet receipt, faxed (standard)",
            [("pair", n("half", "receipt", "I-539", 2018))],
            fax="standard",
        ),
        f(
            "s10-annotated.pdf",
            "scan-pdf",
            "approval with a client's note",
            [n("grid", "approval", "I-130", 2022)],
            dpi=200,
            note=True,
            colour=True,
        ),
        f("s11-denial.pdf", "scan-pdf", "denial letter", [n("letter", "denial", "I-539", 2025)], dpi=300),
        f(
            "s12-biometrics.pdf",
            "scan-pdf",
            "ASC appointment, colour scan",
            [n("asc", "bio", "I-90", 2023)],
            dpi=150,
            colour=True,
        ),
        f("s13-transfer.pdf", "scan-pdf", "transfer", [n("grid", "transfer", "I-485", 2024)], dpi=200),
        f(
            "s14-week-batch.pdf",
            "scan-pdf",
            "a week's mail through the feeder: envelope, notice, back, note, notice",
            [
                ("envelope",),
                n("grid", "receipt", "I-130", 2025),
                ("blank",),
                ("sticky",),
                n("asc", "bio", "I-485", 2025),
            ],
            dpi=200,
            punched=True,
        ),
        f(
            "s15-premium.pdf",
            "scan-pdf",
            "receipt, premium-processing receipt and approval, one receipt number",
            [
                n("grid", "receipt", "I-129", 2024, "p2"),
                n("grid", "i907", "I-129", 2024, "p2", "same"),
                n("grid", "approval", "I-129", 2024, "p2", "same"),
            ],
            dpi=200,
            stapled=True,
        ),
        f(
            "s16-pair.pdf",
            "scan-pdf",
            "two receipts on one sheet",
            [("pair", n("half", "receipt", "I-485", 2017, "h2"), n("half", "receipt", "I-131", 2017, "h2", "next"))],
            dpi=300,
        ),
        f("s17-envelope.pdf", "scan-pdf", "not a notice: envelope and mail log", [("envelope",), ("slip",)], dpi=150),
        # mixed batches
        f(
            "m01-batch.pdf",
            "mixed-pdf",
            "batch: downloaded receipt, scanned appointment",
            [n("acct", "receipt", "I-765", 2025, "b1"), ("scan", n("asc", "bio", "I-765", 2025, "b1", "same"))],
            dpi=200,
        ),
        f(
            "m02-batch.pdf",
            "mixed-pdf",
            "batch: scanned old receipt, printed approval",
            [("scan", n("ins", "receipt", "I-140", 2007, "b2")), n("grid", "approval", "I-140", 2008, "b2", "same")],
            dpi=200,
        ),
        # images sent by clients
        f("i01-desk.jpg", "image", "phone photo on a desk", [n("grid", "receipt", "I-485", 2025)], photo="desk"),
        f("i02-thumb.jpg", "image", "phone photo with a thumb", [n("asc", "bio", "N-400", 2025)], photo="thumb"),
        f(
            "i03-chat.jpg",
            "image",
            "messaging-app screenshot of a photo",
            [n("letter", "noid", "I-130", 2025)],
            photo="chat",
        ),
        f(
            "i04-screen.jpg",
            "image",
            "photo of a notice on a screen",
            [n("acct", "approval", "I-130", 2025)],
            photo="screen",
        ),
        f("i05-scan.png", "image", "PNG scan", [n("grid", "a797", "I-539", 2024)], dpi=200),
        f("i06-fax.tif", "image", "TIFF fax", [("pair", n("half", "receipt", "I-129", 2020))], fax="fine"),
        f(
            "i07-duplex.tif",
            "image",
            "two-page TIFF: notice and its blank back",
            [n("grid", "receipt", "I-131", 2024), ("blank",)],
            dpi=200,
        ),
        f("i08-sideways.png", "image", "PNG scan, sideways", [n("letter", "denial", "N-400", 2025)], dpi=150, turn=270),
        f(
            "i09-old-photo.jpg",
            "image",
            "old approval photographed",
            [n("ins", "approval", "I-140", 1997)],
            photo="desk",
            yellow=True,
        ),
        f("i10-chat.png", "image", "messaging-app screenshot", [n("grid", "receipt", "I-539", 2025)], photo="chat"),
        f("i11-status.png", "image", "not a notice: a case-status screenshot", [("status",)]),
    ]


# ---------------------------------------------------------------------------------------------
# Building the notices of the catalogue (contents first, from one seeded generator).


def _bump(receipt: str) -> str:
    return receipt[:-5] + f"{(int(receipt[-5:]) + 1) % 100000:05d}"


def build_contents(seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    people = People(rng)
    cases: dict[str, dict[str, Any]] = {}
    files = catalogue()

    def one(part: N_) -> Notice:
        _, family, kind, form, year, key, rel = part
        shared = None
        if key and key in cases and rel:
            prev = cases[key]
            shared = {name: prev[name] for name in ("received", "petitioner", "beneficiary", "applicant", "client")}
            shared["a_number"] = prev["a_number"]
            shared["classification"] = prev["classification"]
            shared["receipt_number"] = prev["receipt_number"] if rel == "same" else _bump(prev["receipt_number"])
            if kind == "i907":
                shared["notice"] = prev["notice"]
                shared["kind"] = "i907"
        notice = make_notice(
            people, family, kind, form, year, {k: v for k, v in (shared or {}).items() if v is not None}
        )
        if key:
            cases[key] = notice.info["case"]
        return notice

    for spec in files:
        built: list[Any] = []
        for part in spec["parts"]:
            if part[0] == "n":
                built.append(("n", one(part)))
            elif part[0] == "pair":
                built.append(("pair", [one(p) for p in part[1:]]))
            elif part[0] == "scan":
                built.append(("scan", one(part[1])))
            else:
                built.append((part[0],))
        spec["built"] = built
        spec["data"] = _nonnotice_data(people, rng, spec)
    return files


def _nonnotice_data(people: People, rng: random.Random, spec: dict[str, Any]) -> dict[str, Any]:
    given, _middle, family = people.person()
    received = dt.date(2025, rng.randint(1, 10), rng.randint(1, 28))
    receipt = people.receipt(rng.choice(("IOE", "MSC", "EAC")), 2025)
    form = rng.choice(("I-485", "I-765", "I-130"))
    return {
        "client": f"{given} {family}",
        "name": f"{family.upper()}, {given.upper()}",
        "mail": f"{given.lower()}.{family.lower().replace(chr(39), '')}@example.net",
        "domain": "harborlightimmigration.example",
        "firm": "Harborlight Immigration Law, PLLC",
        "sent": f"Mon, {received.day + 3} {MONTHS[received.month - 1][:3]} 2025 19:02",
        "receipt": fmt_receipt(receipt, "plain"),
        "form": form,
        "received": fmt_date(received, "us"),
        "notice": fmt_date(received + dt.timedelta(days=6), "us"),
        "later": fmt_date(received + dt.timedelta(days=30), "long"),
        "amount": "$" + FEES_NOW[form],
        "center": CENTERS["NBC"],
        "client_addr": (f"{given} {family}", rng.choice(STREETS), "{}, {} {}".format(*rng.choice(CITIES))),
        "rows": [
            f"{given} {family} (by mail drop)",
            f"{family} - adjustment",
            f"USCIS envelope; notice {fmt_receipt(receipt, 'plain')} inside, scanned separately",
            "none",
        ],
    }


# ---------------------------------------------------------------------------------------------
# Rendering the sources (text PDFs), checking them, then making each file.


def normalize_pdf(path: Path) -> None:
    """Drops dates and XMP so that one seed gives the same bytes every time."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        for key in ("/DocChecksum", "/ID"):
            if key in pdf.trailer:
                del pdf.trailer[key]
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                del info[key]
        pdf.save(path, deterministic_id=True)


def _text_of(pdf: Path, pages: list[int]) -> str:
    import pypdf

    reader = pypdf.PdfReader(str(pdf))
    return " ".join(reader.pages[p - 1].extract_text() or "" for p in pages)


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


DATE_FORMATS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%A, %B %d, %Y")


def _parse_date(text: str) -> str:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip().title(), fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def says(name: str, printed: Any, value: Any) -> bool:
    """Whether the printed text of a field says the truth's value (the set refuses itself otherwise)."""
    if name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
        return _parse_date(printed) == value
    if name in ("receipt_number", "form", "classification"):
        return re.sub(r"[^A-Z0-9]", "", printed.upper()) == value.replace("-", "").upper() or (
            name == "form" and printed == value
        )
    if name == "a_number":
        digits = re.sub(r"\D", "", printed)
        return digits.zfill(9) == value and len(value) == 9
    if name == "i94_number":
        return re.sub(r"\D", "", printed) == value and len(value) == 11
    if name == "amount":
        return Decimal(re.sub(r"[^0-9.]", "", printed).strip(".")).quantize(Decimal("0.01")) == Decimal(value)
    if name in ("petitioner", "beneficiary", "applicant"):
        return " ".join(printed.split()) == value
    if name == "appointment":
        hh, rest = printed["time"].split(":")
        hour = int(hh) % 12 + (12 if rest.endswith("PM") else 0)
        return (
            _parse_date(printed["date"]) == value["date"]
            and f"{hour:02d}:{rest[:2]}" == value["time"]
            and printed["location"] == value["location"]
        )
    raise ValueError(name)


def check_notice(n: Notice, pdf: Path, pages: list[int]) -> dict[str, Any]:
    """Every value the truth scores is printed on the notice's pages and says that value; returns _printed."""
    text = _squash(_text_of(pdf, pages))
    printed: dict[str, Any] = {}
    for name in SCORED:
        value = n.truth[name]
        if name == "notice_type":
            title = n.info.get("title", TITLE[n.kind])
            if _squash(title) not in text:
                raise SystemExit(f"set 10: {pdf.name}: the title {title!r} is not printed")
            continue
        if value is None:
            if name in n.show:
                raise SystemExit(f"set 10: {pdf.name}: {name} is printed but its truth is null")
            continue
        shown = n.show[name]
        pieces = n.info.get("wrapped", {}).get(name)
        if name == "appointment":
            needles = [shown["date"], shown["time"], shown["location"]]
        elif pieces:
            needles = list(pieces)
            if " ".join(pieces) != " ".join(str(shown).split()):
                raise SystemExit(f"set 10: {pdf.name}: {name} wrapped pieces do not join to the value")
        else:
            needles = [shown]
        for needle in needles:
            if _squash(needle) not in text:
                raise SystemExit(f"set 10: {pdf.name}: {name} printed as {needle!r} is not in the text layer")
        if not says(name, shown, value):
            raise SystemExit(f"set 10: {pdf.name}: {name} printed {shown!r} does not say {value!r}")
        printed[name] = shown
    return printed


def render_sources(files: list[dict[str, Any]], work: Path) -> None:
    """Writes one source PDF per part of every file (notices, pairs, non-notice pages)."""
    html_jobs: list[tuple[str, Path]] = []
    docx_jobs: list[tuple[Path, Path]] = []
    for spec in files:
        frng = random.Random(f"render-{spec['name']}")
        sources = []
        for k, part in enumerate(spec["built"]):
            out = work / f"{spec['name']}.{k}.pdf"
            kind = part[0]
            if kind in ("n", "scan"):
                n = part[1]
                if n.family in ("grid", "asc"):
                    rl_notice(out, n, frng)
                elif n.family == "ins":
                    fpdf_notice(out, [n], frng)
                elif n.family == "acct":
                    font = frng.choice(("Liberation Sans", "DejaVu Sans", "Carlito"))
                    html_jobs.append((html_acct(n, font), out))
                    n.info["wrapped"] = {}
                elif n.family == "letter":
                    doc = work / f"{spec['name']}.{k}.docx"
                    docx_letter(doc, n, frng)
                    docx_jobs.append((doc, out))
                sources.append((kind, out, [n]))
            elif kind == "pair":
                fpdf_notice(out, part[1], frng)
                sources.append((kind, out, part[1]))
            elif kind in ("envelope", "slip"):
                rl_plain(out, kind, frng, spec["data"])
                sources.append((kind, out, []))
            elif kind == "email":
                html_jobs.append((html_email(spec["data"]), out))
                sources.append((kind, out, []))
            elif kind == "status":
                html_jobs.append((html_status(spec["data"]), out))
                sources.append((kind, out, []))
            elif kind == "intake":
                doc = work / f"{spec['name']}.{k}.docx"
                docx_intake(doc, spec["data"])
                docx_jobs.append((doc, out))
                sources.append((kind, out, []))
            else:
                sources.append((kind, None, []))
        spec["sources"] = sources
    chromium_pdfs(html_jobs)
    soffice_pdfs([d for d, _ in docx_jobs], work)
    for doc, out in docx_jobs:
        produced = doc.with_suffix(".pdf")
        if produced != out:
            produced.rename(out)
    for spec in files:
        for kind, out, notices in spec["sources"]:
            if out is None:
                continue
            normalize_pdf(out)
            count = page_count(out)
            if kind == "pair":
                for n in notices:
                    n.info["printed"] = check_notice(n, out, [1])
            elif notices:
                n = notices[0]
                n.info["printed"] = check_notice(n, out, list(range(1, count + 1)))
                if count != n.info.get("npages", 1):
                    raise SystemExit(
                        f"set 10: {spec['name']}: {count} pages where {n.info.get('npages', 1)} were meant"
                    )


def sticky_page(size: tuple[int, int], rng: random.Random, dpi: int) -> Any:
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", size, 250)
    draw = ImageDraw.Draw(page)
    side = int(3 * dpi)
    x, y = int(size[0] * 0.3), int(size[1] * 0.3)
    draw.rectangle((x, y, x + side, y + side), fill=214)
    font = ImageFont.truetype(f"{FONTS}/{FONT_FILES['Hand']}", int(dpi * 0.22))
    for k, line in enumerate(("Hi - here are", "the letters from", "this week. Call", "me pls! Thx")):
        draw.text((x + dpi * 0.2, y + dpi * 0.3 + k * dpi * 0.4), line, font=font, fill=60)
    return page


def _encode(img: Any, rng: random.Random, eff: dict[str, Any], dpi: int) -> bytes:
    buf = io.BytesIO()
    if img.mode == "1":
        img.save(buf, format="TIFF", compression="group4", dpi=img.info.get("dpi", (204, 196)))
    else:
        img.save(buf, format="JPEG", quality=eff.get("quality", rng.randint(60, 88)), dpi=(dpi, dpi))
    return buf.getvalue()


def scan_part(src: Path, rng: random.Random, eff: dict[str, Any], notices: list[Notice]) -> list[Any]:
    """The scanned images of one source's pages (with duplex backs when the file has them)."""
    dpi = eff.get("dpi", 200)
    out = []
    for index in range(page_count(src)):
        colour = bool(eff.get("colour") or eff.get("yellow") or eff.get("note"))
        img = render_page(src, index, dpi if not eff.get("fax") else 200, grey=not colour)
        if eff.get("note") and index == 0:
            lines = ["got it 3 days ago", "-> call lawyer"]
            img = annotate(img, rng, lines, (0.5, 0.6))
        if eff.get("fax"):
            header = f"FROM: 555 0148   P.{index + 1}   HARBORLIGHT"
            out.append(fax(img, rng, eff["fax"] == "fine", header))
        else:
            out.append(scan(img, rng, eff))
        if eff.get("duplex"):
            out.append(blank_back(out[-1].size, rng, out[-1]))
    return out


def make_file(spec: dict[str, Any], folder: Path) -> dict[str, Any]:
    import img2pdf
    import pypdf

    name, medium, eff = spec["name"], spec["medium"], spec["effect"]
    rng = random.Random(f"file-{name}")
    dpi = eff.get("dpi", 200)
    target = folder / name
    expected: list[dict[str, Any]] = []
    page = 0

    def record(notices: list[Notice], pages: list[int]) -> None:
        for n in notices:
            entry = {"pages": pages, "_family": n.family, "_kind": n.kind, **n.truth, "_printed": n.info["printed"]}
            expected.append(entry)

    if medium == "text-pdf":
        if len(spec["sources"]) == 1:
            shutil.copyfile(spec["sources"][0][1], target)
            page = page_count(target)
            record(spec["sources"][0][2], list(range(1, page + 1)))
        else:
            writer = pypdf.PdfWriter()
            for _, src, notices in spec["sources"]:
                start = page + 1
                for p in pypdf.PdfReader(str(src)).pages:
                    writer.add_page(p)
                    page += 1
                record(notices, list(range(start, page + 1)))
            with open(target, "wb") as fh:
                writer.write(fh)
            normalize_pdf(target)
    elif medium in ("scan-pdf", "mixed-pdf"):
        chunks: list[tuple[str, Any]] = []  # ("img", bytes) or ("pdf", path)
        last = None
        for kind, src, notices in spec["sources"]:
            start = page + 1
            if kind == "blank":
                chunks.append(("img", _encode(blank_back(last.size, rng, last), rng, eff, dpi)))
                page += 1
                continue
            if kind == "sticky":
                chunks.append(("img", _encode(scan(sticky_page(last.size, rng, dpi), rng, eff), rng, eff, dpi)))
                page += 1
                continue
            if medium == "mixed-pdf" and kind == "n":
                chunks.append(("pdf", src))
                page += page_count(src)
            else:
                images = scan_part(src, rng, eff, notices)
                chunks += [("img", _encode(img, rng, eff, dpi)) for img in images]
                page += len(images)
                last = images[-1] if not eff.get("fax") else None
                if eff.get("duplex"):
                    record(notices, list(range(start, page + 1, 2)))
                    continue
            record(notices, list(range(start, page + 1)))
        writer = pypdf.PdfWriter()
        for what, item in chunks:
            if what == "img":
                pdf_bytes = img2pdf.convert([item], nodate=True)
                reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
            else:
                reader = pypdf.PdfReader(str(item))
            for p in reader.pages:
                writer.add_page(p)
        with open(target, "wb") as fh:
            writer.write(fh)
        normalize_pdf(target)
    else:
        kind, src, notices = spec["sources"][0]
        if kind == "status":
            img = render_page(src, 0, 110, grey=False)
            img = img.crop((0, 0, img.size[0], int(img.size[1] * 0.45)))
            img.save(target, format="PNG")
            page = 1
        elif "photo" in eff:
            img = render_page(src, 0, 170 if eff["photo"] != "chat" else 190, grey=False)
            if eff.get("yellow"):
                img = scan(img, rng, {"yellow": True, "skew": 0.0})
            mode = eff["photo"]
            img = photo(img, rng, "close" if mode == "chat" else mode)
            if mode == "chat":
                client = notices[0].info["client"][0]
                img = chat(img, rng, client)
            if name.endswith(".png"):
                img.save(target, format="PNG")
            else:
                img.save(target, format="JPEG", quality=rng.randint(62, 82) if mode != "chat" else 58)
            page = 1
        elif eff.get("fax"):
            img = fax(render_page(src, 0, 200), rng, eff["fax"] == "fine", "FROM: 555 0193  P.1  WORK FAX")
            img.save(target, format="TIFF", compression="group4", dpi=img.info["dpi"])
            page = 1
        elif name.endswith(".tif"):
            front = scan(render_page(src, 0, dpi), rng, eff)
            back = blank_back(front.size, rng, front)
            front.save(
                target, format="TIFF", compression="tiff_lzw", dpi=(dpi, dpi), save_all=True, append_images=[back]
            )
            page = 2
        else:
            img = scan(render_page(src, 0, dpi), rng, eff)
            img.save(target, format="PNG", dpi=(dpi, dpi))
            page = 1
        record(notices, [1])
    target.chmod(0o600)
    fmt = {"pdf": "pdf", "jpg": "jpeg", "png": "png", "tif": "tiff"}[name.rsplit(".", 1)[1]]
    return {
        "medium": medium,
        "format": fmt,
        "effect": {k: v for k, v in sorted(eff.items())},
        "dpi": dpi if medium != "text-pdf" else None,
        "pages": page,
        "label": spec["label"],
        "notices": expected,
    }


def generate(folder: Path, seed: int = 1797, only: list[str] | None = None) -> dict[str, Any]:
    """Writes the set (or the files named in ``only``) and its truth.json into ``folder``."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = build_contents(seed)
    if only is not None:
        unknown = set(only) - {spec["name"] for spec in files}
        if unknown:
            raise SystemExit(f"set 10: no such file in the catalogue: {sorted(unknown)}")
        files = [spec for spec in files if spec["name"] in only]
    work = Path(tempfile.mkdtemp(prefix="set10-"))
    try:
        render_sources(files, work)
        truth_files = {spec["name"]: make_file(spec, folder) for spec in files}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": 10, "files": truth_files}
    tmp = folder / "truth.json.tmp"
    tmp.write_text(json.dumps(truth, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.chmod(0o600)
    os.replace(tmp, folder / "truth.json")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the tenth sealed notice set (its keeper only).")
    parser.add_argument("out", type=Path, help="folder to write the files and truth.json into")
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.out, args.seed)
    files = truth["files"]
    notices = sum(len(entry["notices"]) for entry in files.values())
    print(f"set 10, seed {args.seed}: {len(files)} files, {notices} notices -> {args.out}")


if __name__ == "__main__":
    main()
