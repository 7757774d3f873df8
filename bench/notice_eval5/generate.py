"""Writes the fifth sealed notice evaluation set (issue 14): fictional Form I-797-family notices and truth.

Whoever works on the notice reader must not read this file, the files it writes or their truth
(bench/notice_eval5/README.md, "The rule"). Run: ``python -m bench.notice_eval5.generate OUT --seed 1797``.
The bench calls ``generate(folder, seed)``.
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
import subprocess
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pikepdf
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

GENERATOR_VERSION = 1
logging.getLogger("fontTools").setLevel(logging.ERROR)  # fpdf2 subsetting Carlito/Caladea warns
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
FIXED = dt.datetime(2026, 1, 2, 9, 0, 0, tzinfo=dt.UTC)
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/crosextra",
)
FONTS = {
    "dejavu-sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "dejavu-cond": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    "dejavu-serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "dejavu-mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
    "lib-sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "lib-narrow": ("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
    "lib-serif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    "lib-mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "caladea": ("Caladea-Regular.ttf", "Caladea-Bold.ttf"),
}


def font_path(name: str) -> str:
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.exists():
            return str(path)
    raise SystemExit(f"font {name} is not installed (Debian fonts-dejavu, fonts-liberation, fonts-crosextra-*)")


# ---------------------------------------------------------------------------------------------
# Fictional people, firms, offices.

GIVEN = [
    "Oksana",
    "Tendai",
    "Rafael",
    "Mirela",
    "Join",
    "Thabo",
    "Ingrid",
    "Kofi",
    "Yusra",
    "Matteo",
    "Anahit",
    "Dmitri",
    "Soledad",
    "Haruto",
    "Priyanka",
    "Emeka",
    "Zofia",
    "Lucian",
    "Nadia",
    "Bao",
    "Farrukh",
    "Ilse",
    "Teodoro",
    "Amara",
    "Sven",
    "Roshni",
    "Kwabena",
    "Elif",
    "Marguerite",
    "Osvaldo",
]
FAMILY = [
    "Balogun-Reyes",
    "Okonkwo",
    "Varga",
    "Lindqvist",
    "Castellanos",
    "Nakashima",
    "Petrosyan",
    "Adeyemi",
    "Quintero",
    "Mbeki",
    "Horvath",
    "Sandoval",
    "Takeda",
    "Ivanova",
    "Marchetti",
    "Ochieng",
    "Kowalczyk",
    "Haddad",
    "Fonseca",
    "Abernathy",
    "Deshpande",
    "Tran",
    "Oyelaran",
    "Wojcik",
    "Zapata",
    "O'Rourke",
    "Valdivia",
    "Kaur",
    "Engstrom",
    "Mwangi",
]
MIDDLE = ["A", "B", "C", "D", "E", "J", "K", "L", "M", "R", "S", "T", ""]
COMPANIES = [
    "Brightwater Coastal Engineering and Environmental Remediation Services of the Pacific Northwest LLC",
    "Meridian Valley Regional Health System Cardiology and Vascular Surgery Associates PC",
    "Quarry Hill Semiconductor Test and Measurement Laboratories Incorporated",
    "Northgate Agricultural Cooperative Seed Genetics and Plant Breeding Research Division",
    "Halcyon Data Systems Inc",
    "Tamarack Robotics Corp",
    "Saint Columba Unified School District Board of Education of the County of Ridgemont",
    "Larkspur Advanced Materials and Composite Structures Manufacturing Company",
    "Kestrel Ridge Software LLC",
    "Oldfield Hospitality Group",
    "Cinder Peak Geothermal Energy Development and Drilling Partners LP",
    "University Medical Research Foundation of the Greater Westbrook Metropolitan Area",
]
LAW_FIRMS = [
    ("Halvorsen & Quist LLP", "1180 Alder Street Suite 900", "Portland OR 97205"),
    ("Marrow Baptiste Immigration Law Group PC", "44 Canal Plaza 3rd Floor", "Providence RI 02903"),
    ("Okafor Lindgren PLLC", "2300 Commerce Blvd Ste 410", "Plano TX 75093"),
    ("Delacroix & Wen Attorneys at Law", "601 Union Square Ave Suite 1500", "San Jose CA 95113"),
]
OFFICES = {
    "WAC": ("California Service Center", "P.O. Box 30111", "Laguna Niguel CA 92607-0111"),
    "EAC": ("Vermont Service Center", "75 Lower Welden Street", "Saint Albans VT 05479-0001"),
    "LIN": ("Nebraska Service Center", "P.O. Box 82521", "Lincoln NE 68501-2521"),
    "SRC": ("Texas Service Center", "P.O. Box 851488", "Mesquite TX 75185-1488"),
    "MSC": ("National Benefits Center", "P.O. Box 25920", "Overland Park KS 66225-5920"),
    "IOE": ("Electronic Immigration System", "P.O. Box 648005", "Lee's Summit MO 64002"),
    "YSC": ("Potomac Service Center", "2200 Potomac Center Drive", "Arlington VA 20598-2200"),
}
ASCS = [
    ("USCIS GREENFIELD ASC", "2417 ORCHARD PARK DR STE 110", "GREENFIELD IN 46140"),
    ("USCIS HARBOR CITY ASC", "880 WATERLINE AVE", "HARBOR CITY CA 90710"),
    ("USCIS BRANDYWINE ASC", "1532 MILLRACE RD BLDG C", "BRANDYWINE MD 20613"),
    ("USCIS SILVER FALLS ASC", "301 CASCADE COMMONS PKWY", "SILVER FALLS OR 97381"),
    ("USCIS LAKE TOWNE ASC", "7720 N SHORELINE BLVD SUITE 200", "LAKE TOWNE IL 60045"),
    ("USCIS RED MESA ASC", "4105 E CANYON VISTA DR", "RED MESA AZ 85239"),
]
STREETS = ["Birchwood Ct", "Magnolia Ter", "Old Mill Rd", "Quail Run Dr", "Sycamore Ln", "Lantern Way", "Cobalt Ave"]
CITIES = [
    ("Fairhaven", "WA", "98225"),
    ("Brookfield", "WI", "53045"),
    ("Cedar Falls", "IA", "50613"),
    ("Westborough", "MA", "01581"),
    ("Riverton", "UT", "84065"),
    ("Dunmore", "PA", "18512"),
]

FORMS = {
    "I-129": "PETITION FOR A NONIMMIGRANT WORKER",
    "I-140": "IMMIGRANT PETITION FOR ALIEN WORKER",
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "I-130": "PETITION FOR ALIEN RELATIVE",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-751": "PETITION TO REMOVE CONDITIONS ON RESIDENCE",
    "N-400": "APPLICATION FOR NATURALIZATION",
    "I-90": "APPLICATION TO REPLACE PERMANENT RESIDENT CARD",
    "I-907": "REQUEST FOR PREMIUM PROCESSING SERVICE",
    "I-129F": "PETITION FOR ALIEN FIANCE(E)",
    "I-601A": "APPLICATION FOR PROVISIONAL UNLAWFUL PRESENCE WAIVER",
    "I-824": "APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION",
    "I-821D": "CONSIDERATION OF DEFERRED ACTION FOR CHILDHOOD ARRIVALS",
}
FEES = {
    "I-129": ["780.00", "460.00", "1,015.00"],
    "I-140": ["715.00", "700.00"],
    "I-485": ["1,440.00", "1,225.00"],
    "I-765": ["470.00", "260.00", "520.00"],
    "I-131": ["630.00", "575.00"],
    "I-130": ["675.00", "625.00"],
    "I-539": ["470.00", "420.00"],
    "I-751": ["750.00", "760.00"],
    "N-400": ["760.00", "710.00"],
    "I-90": ["465.00", "415.00"],
    "I-907": ["2,805.00", "2,500.00"],
    "I-129F": ["675.00"],
    "I-601A": ["795.00"],
    "I-824": ["590.00"],
    "I-821D": ["85.00"],
}
PETITION_FORMS = {"I-129", "I-140", "I-130", "I-129F", "I-907"}
KIND_TITLE = {
    "receipt": "Receipt Notice",
    "approval": "Approval Notice",
    "transfer": "Transfer Notice",
    "rejection": "Rejection Notice",
    "biometrics": "ASC Appointment Notice",
    "rfe": "Request for Evidence",
    "noid": "Notice of Intent to Deny",
    "noir": "Notice of Intent to Revoke",
    "denial": "Decision",
}


# ---------------------------------------------------------------------------------------------
# Printed forms of values (the truth is what the page prints; the check reads each back).

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
    month = MONTHS[d.month - 1]
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "long":
        return f"{month} {d.day}, {d.year}"
    if style == "abbr":
        short = month[:3] + ("" if month in ("May",) else ".")
        return f"{short} {d.day}, {d.year}"
    if style == "dash":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    if style == "short":
        return f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"
    if style == "upper":
        return f"{month[:3].upper()} {d.day:02d} {d.year}"
    if style == "iso":
        return d.isoformat()
    raise ValueError(style)


def parse_date(text: str) -> dt.date:
    text = (
        text.replace("May ", "May. ") if text.startswith("May ") and "," in text and len(text.split()[0]) == 3 else text
    )
    for pattern in ("%m/%d/%Y", "%B %d, %Y", "%b. %d, %Y", "%m-%d-%Y", "%m/%d/%y", "%b %d %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable printed date {text!r}")


def fmt_anum(digits: str, style: str) -> str:
    core = digits.lstrip("0") if style == "eight" else digits
    if style == "spaced":
        return f"A{digits[:3]} {digits[3:6]} {digits[6:]}"
    if style == "hash":
        return f"A# {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if style == "dash":
        return f"A-{digits}"
    if style == "eight":
        return f"A{core}"
    if style == "uscis":
        return f"USCIS# {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if style == "plain":
        return f"A{digits}"
    raise ValueError(style)


def fmt_amount(cents: str, style: str) -> str:
    if style == "us":
        return f"${cents} U.S."
    if style == "spaced":
        return f"$ {cents}"
    if style == "plain":
        return f"${cents}"
    if style == "usd":
        return f"USD {cents}"
    if style == "whole":
        return "$" + cents[:-3]
    raise ValueError(style)


def fmt_receipt(number: str, style: str) -> str:
    if style == "dash":
        return f"{number[:3]}-{number[3:5]}-{number[5:8]}-{number[8:]}"
    if style == "spaced":
        return f"{number[:3]} {number[3:]}"
    return number


def fmt_time(hour: int, minute: int, style: str) -> str:
    suffix = "AM" if hour < 12 else "PM"
    h12 = hour % 12 or 12
    if style == "ampm":
        return f"{h12:02d}:{minute:02d} {suffix}"
    if style == "dots":
        return f"{h12}:{minute:02d} {suffix[0].lower()}.m."
    return f"{h12}:{minute:02d} {suffix}"


# ---------------------------------------------------------------------------------------------
# The notices.


@dataclass
class Person:
    given: str
    family: str
    middle: str
    a_number: str
    street: str
    city: str

    def last_first(self) -> str:
        return f"{self.family.upper()}, {self.given.upper()}" + (f" {self.middle}" if self.middle else "")

    def first_last(self) -> str:
        return f"{self.given} " + (f"{self.middle}. " if self.middle else "") + self.family


@dataclass
class Notice:
    kind: str  # receipt, approval, transfer, rejection, biometrics, rfe, noid, noir, denial
    form: str
    family: str
    fields: dict[str, Any]  # the truth
    printed: dict[str, list[str]]  # field -> the strings the page prints for it
    ctx: dict[str, Any] = field(default_factory=dict)  # what the layout needs beside the fields

    def p(self, name: str, index: int = 0) -> str:
        return self.printed[name][index]

    def has(self, name: str) -> bool:
        return name in self.printed

    def truth(self, pages: list[int]) -> dict[str, Any]:
        entry: dict[str, Any] = {"pages": pages, "_family": self.family}
        for name in SCORED:
            entry[name] = self.fields.get(name)
        entry["_printed"] = {k: v for k, v in self.printed.items()}
        return entry


class Maker:
    """Draws fictional cases and notices from one seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self) -> Person:
        r = self.rng
        while True:
            given, family = r.choice(GIVEN), r.choice(FAMILY)
            if (given, family) not in self.used:
                self.used.add(f"{given} {family}")
                break
        a_number = f"{r.randint(1, 2)}{r.randint(0, 99999999):08d}"
        city = r.choice(CITIES)
        return Person(
            given,
            family,
            r.choice(MIDDLE),
            a_number,
            f"{r.randint(12, 9899)} {r.choice(STREETS)}",
            f"{city[0]} {city[1]} {city[2]}",
        )

    def receipt_number(self, office: str, year: int) -> str:
        r = self.rng
        if office == "IOE":
            return f"IOE{r.randint(80, 99):02d}{r.randint(0, 99999999):08d}"
        return f"{office}{year % 100:02d}{r.randint(1, 299):03d}{r.randint(10000, 99999):05d}"

    def date(self, start: dt.date, days: int) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, days))

    def notice(self, kind: str, form: str, family: str, **kw: Any) -> Notice:
        """A notice of ``kind`` for ``form``; keyword ``styles`` picks printed forms, others fix values."""
        r = self.rng
        st: dict[str, str] = {"date": "us", "anum": "spaced", "amount": "us", "receipt": "plain", "time": "ampm"}
        st.update(kw.get("styles", {}))
        old = family == "ledger"
        base = kw.get("base") or (self.date(dt.date(2008, 3, 1), 1200) if old else self.date(dt.date(2025, 2, 1), 420))
        office = (
            kw.get("office")
            or (kw["receipt"][:3] if kw.get("receipt") else None)
            or r.choice(
                {
                    "I-129": ["WAC", "EAC"],
                    "I-140": ["LIN", "SRC"],
                    "I-907": ["WAC", "EAC"],
                    "I-539": ["EAC", "WAC"],
                    "I-130": ["IOE", "MSC"],
                    "I-751": ["EAC", "WAC"],
                    "N-400": ["IOE"],
                    "I-90": ["IOE"],
                    "I-129F": ["WAC"],
                    "I-601A": ["MSC"],
                    "I-824": ["SRC"],
                    "I-821D": ["MSC"],
                }.get(form, ["MSC", "LIN", "IOE"])
            )
        )
        if old and office == "IOE":
            office = "LIN"
        receipt = kw.get("receipt") or self.receipt_number(office, base.year)
        received = kw.get("received") or base
        if kind == "receipt" or kind == "rejection" or kind == "transfer":
            notice_date = kw.get("notice_date") or received + dt.timedelta(days=r.randint(3, 20))
        elif kind == "biometrics":
            notice_date = kw.get("notice_date") or received + dt.timedelta(days=r.randint(20, 60))
        else:
            notice_date = kw.get("notice_date") or received + dt.timedelta(days=r.randint(30, 200))
        fields: dict[str, Any] = {"notice_type": "noid" if kind == "noir" else kind, "form": form}
        printed: dict[str, list[str]] = {}
        ctx: dict[str, Any] = {"office": office, "styles": st, "title": FORMS[form]}

        def put(name: str, value: Any, *texts: str) -> None:
            fields[name] = value
            printed[name] = list(texts)

        put("form", form, form.replace("-", "") if kw.get("form_compact", True) else form)
        if kind != "rejection" or kw.get("rejection_receipt", True):
            put("receipt_number", receipt, fmt_receipt(receipt, st["receipt"]))
        put("notice_date", notice_date.isoformat(), fmt_date(notice_date, st["date"]))
        if kw.get("show_received", kind not in ("biometrics", "denial")):
            put("received_date", received.isoformat(), fmt_date(received, st.get("rdate", st["date"])))
        if kw.get("priority"):
            prio = received - dt.timedelta(days=r.randint(150, 500)) if form in ("I-140", "I-485") else received
            put("priority_date", prio.isoformat(), fmt_date(prio, st["date"]))
        people = kw.get("people") or {}
        petition = form in PETITION_FORMS
        if petition:
            company = people.get("petitioner") or r.choice(COMPANIES)
            bene = people.get("beneficiary") or self.person()
            if form in ("I-130", "I-129F"):
                pet_person = people.get("petitioner_person") or self.person()
                pet_text = pet_person.last_first() if st.get("names") != "first" else pet_person.first_last()
            else:
                pet_text = company.upper() if st.get("company_case", "upper") == "upper" else company
            bene_text = bene.last_first() if st.get("names") != "first" else bene.first_last()
            put("petitioner", pet_text, pet_text)
            put("beneficiary", bene_text, bene_text)
            ctx["person"] = bene
            if kw.get("bene_anum"):
                put("a_number", bene.a_number, fmt_anum(bene.a_number, st["anum"]))
        else:
            person = people.get("applicant") or self.person()
            if st["anum"] == "eight":
                person.a_number = "0" + person.a_number[1:]
            text = person.last_first() if st.get("names") != "first" else person.first_last()
            put("applicant", text, text)
            if kw.get("anum", True):
                put("a_number", person.a_number, fmt_anum(person.a_number, st["anum"]))
            ctx["person"] = person
        if kind in ("receipt",) and kw.get("amount", True):
            cents = kw.get("fee") or r.choice(FEES[form])
            if st["amount"] == "whole" and not cents.endswith(".00"):
                cents = cents[:-3] + ".00"
            put("amount", cents.replace(",", ""), fmt_amount(cents, st["amount"]))
        if kind == "approval" and form in ("I-129", "I-539"):
            cls = kw.get("cls") or r.choice(
                ["H1B", "L1A", "L1B", "O1A", "E2", "TN"] if form == "I-129" else ["H4", "L2", "B2"]
            )
            put("classification", cls, cls)
            start = kw.get("valid_from") or notice_date + dt.timedelta(days=r.randint(-20, 90))
            end = dt.date(start.year + r.choice([1, 2, 3]), start.month, min(start.day, 28)) - dt.timedelta(days=1)
            put("valid_from", start.isoformat(), fmt_date(start, st["date"]))
            put("valid_to", end.isoformat(), fmt_date(end, st["date"]))
            if kw.get("i94"):
                i94 = f"{r.randint(100000000, 999999999)}{r.randint(0, 99):02d}"
                text = f"{i94[:9]} {i94[9:]}" if st.get("i94") == "split" else i94
                put("i94_number", i94, text)
                ctx["birth"] = fmt_date(dt.date(r.randint(1975, 2000), r.randint(1, 12), r.randint(1, 28)), "us")
        if kind in ("rfe", "noid", "noir"):
            days = 87 if kind == "rfe" else 33
            due = notice_date + dt.timedelta(days=kw.get("due_days", days))
            put("response_due", due.isoformat(), fmt_date(due, st.get("ddate", st["date"])))
        if kind == "biometrics":
            asc = kw.get("asc") or r.choice(ASCS)
            when = notice_date + dt.timedelta(days=r.randint(14, 30))
            while when.weekday() > 4:
                when += dt.timedelta(days=1)
            hour, minute = r.choice([(8, 0), (9, 30), (10, 0), (11, 15), (13, 0), (14, 30), (15, 45)])
            fields["appointment"] = {"date": when.isoformat(), "time": f"{hour:02d}:{minute:02d}", "location": asc[1]}
            printed["appointment"] = [
                fmt_date(when, st.get("adate", st["date"])),
                fmt_time(hour, minute, st["time"]),
                asc[1],
            ]
            ctx["asc"] = asc
            ctx["when"] = when
        ctx["receipt_raw"] = receipt
        ctx["received"] = received
        ctx["notice_day"] = notice_date
        ctx.update(kw.get("ctx", {}))
        return Notice(kind, form, family, fields, printed, ctx)


# ---------------------------------------------------------------------------------------------
# Body text (this set's own wording; it names other notice kinds on purpose).


def body(n: Notice) -> list[str]:
    office = OFFICES[n.ctx["office"]][0]
    if n.kind == "receipt" and n.form == "I-907":
        return [
            "We received your request for premium processing service for the petition shown above. Within 15 "
            "business days of the receipt date we will issue an approval notice, a denial notice, a request for "
            "evidence or a notice of intent to deny, or tell you that we opened an investigation for fraud or "
            "misrepresentation. If we do none of these, we will refund the premium processing fee.",
            "Keep this notice with your records. It does not grant any immigration status or benefit.",
        ]
    if n.kind == "receipt":
        return [
            "This notice confirms that USCIS received your case. It is not an approval and does not grant any "
            "immigration status or benefit. If anything is missing we will send you a request for evidence; if the "
            "evidence does not establish eligibility we may issue a notice of intent to deny or a denial.",
            "If you must attend a biometrics appointment, you will receive a separate appointment notice. Check "
            "the status of your case online with the receipt number above. Tell us within 10 days if you move.",
        ]
    if n.kind == "approval":
        text = [
            "The above petition has been approved. This notice is the record of the approval; it is not a visa. "
            "USCIS may send a notice of intent to revoke and revoke this approval if it finds that the facts stated "
            "in the petition were not true.",
        ]
        if n.has("i94_number"):
            text.append(
                "The lower part of this notice is the new Arrival-Departure Record (Form I-94) of the "
                "person named there. Keep it with the passport; it replaces any earlier record."
            )
        elif n.ctx.get("consulate"):
            text.append(
                "We have sent a copy of this approval to the Department of State. The beneficiary should "
                "apply for a visa at the consulate named above; this notice is not a travel document."
            )
        return text
    if n.kind == "transfer":
        return [
            f"To balance workloads, your case has been transferred from the {office} to the "
            f"{n.ctx.get('to_office', 'National Benefits Center')}. The transferred office will send any request "
            "for evidence, appointment notice or decision. Use the same receipt number in all inquiries.",
        ]
    if n.kind == "rejection":
        return [
            "Your filing is rejected and is returned with this notice for the reason checked below. Your fee has "
            "been returned or will not be deposited. A rejected filing keeps no received date; if you file again, "
            "a new receipt notice will be issued.",
            "[X] The form was not signed.    [ ] The fee was incorrect.    [ ] An outdated edition was used.",
        ]
    if n.kind == "biometrics":
        return [
            "To process your case, USCIS must collect your fingerprints, photograph and signature. Please appear "
            "at the Application Support Center shown below at the date and time shown. If you do not appear and "
            "do not reschedule, we may consider your case abandoned and deny it.",
        ]
    if n.kind == "rfe":
        return [
            "We need more evidence before we can decide your case. The items we need are listed in the request "
            "attached to this notice. Submit all of them at one time. If you do not respond by the date shown, we "
            "may deny your case; this notice is not a notice of intent to deny and is not a denial.",
        ]
    return []


# ---------------------------------------------------------------------------------------------
# Family "grid" (fpdf2): the current Form I-797 / I-797C / I-797A, ruled cells with small labels.


def _new_fpdf(font: str) -> Any:
    import fpdf
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="letter")
    pdf.set_creation_date(FIXED)
    pdf.set_producer(f"PyFPDF/fpdf2 {getattr(fpdf, 'FPDF_VERSION', '2')}")
    pdf.set_auto_page_break(False)
    regular, bold = FONTS[font]
    pdf.add_font("R", "", font_path(regular))
    pdf.add_font("R", "B", font_path(bold))
    pdf.set_margins(36, 36, 36)
    return pdf


def _fwrap(pdf: Any, text: str, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and pdf.get_string_width(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def _form_edition(n: Notice) -> str:
    if n.kind == "approval":
        return "I-797A" if n.has("i94_number") else "I-797B" if n.ctx.get("consulate") else "I-797"
    return "I-797C"


def grid_notice(pdf: Any, n: Notice, page_of: str = "1 of 1") -> None:
    pdf.add_page()
    edition = _form_edition(n)
    pdf.set_font("R", "", 7.5)
    pdf.text(36, 40, "Department of Homeland Security")
    pdf.text(36, 49, "U.S. Citizenship and Immigration Services")
    pdf.set_font("R", "B", 12.5)
    title = "THE UNITED STATES OF AMERICA"
    pdf.text(306 - pdf.get_string_width(title) / 2, 70, title)
    pdf.set_font("R", "B", 11)
    head = f"{edition}, Notice of Action"
    pdf.text(576 - pdf.get_string_width(head), 44, head)
    x0, y = 36.0, 84.0

    def cell(x: float, yy: float, w: float, h: float, label: str, lines: list[str], size: float = 9.5) -> None:
        pdf.rect(x, yy, w, h)
        pdf.set_font("R", "", 6.5)
        pdf.text(x + 3, yy + 8, label)
        pdf.set_font("R", "B", size)
        for i, line in enumerate(lines):
            pdf.text(x + 4, yy + 19 + i * (size + 1.5), line)

    case_type = f"{n.p('form')} - {n.ctx['title']}"
    cell(x0, y, 170, 30, "Receipt Number", [n.p("receipt_number")] if n.has("receipt_number") else [])
    pdf.set_font("R", "B", 9.5)
    cell(x0 + 170, y, 370, 30, "Case Type", _fwrap(pdf, case_type, 360)[:1])
    y += 30
    cell(x0, y, 130, 30, "Received Date", [n.p("received_date")] if n.has("received_date") else [])
    cell(x0 + 130, y, 130, 30, "Priority Date", [n.p("priority_date")] if n.has("priority_date") else [])
    cell(x0 + 260, y, 150, 30, "Notice Date", [n.p("notice_date")])
    cell(x0 + 410, y, 130, 30, "Page", [page_of])
    y += 30
    pdf.set_font("R", "B", 9.5)
    if n.has("petitioner"):
        pet = _fwrap(pdf, n.p("petitioner"), 255)
        ben_lines = [n.p("beneficiary")]
        if n.has("a_number"):
            ben_lines = [n.p("a_number"), *ben_lines]
        h = 14 + 11 * max(len(pet), len(ben_lines)) + 6
        label = "Petitioner"
        cell(x0, y, 270, h, label, pet)
        cell(x0 + 270, y, 270, h, "Beneficiary", ben_lines)
    else:
        style = n.ctx.get("anum_in_label", False)
        if n.has("a_number") and style:
            lines = [n.p("applicant")]
            label = f"Applicant     {n.p('a_number')}"
        elif n.has("a_number"):
            lines = [n.p("a_number"), n.p("applicant")]
            label = "Applicant"
        else:
            lines, label = [n.p("applicant")], "Applicant"
        h = 14 + 11 * len(lines) + 6
        cell(x0, y, 540, h, label, lines)
    y += h + 16
    # addressee on the left, the notice type block on the right
    person: Person = n.ctx["person"]
    firm = n.ctx.get("firm")
    pdf.set_font("R", "", 9)
    addr = [person.first_last().upper()] if not n.has("petitioner") else _fwrap(pdf, n.p("petitioner"), 260)
    if firm:
        addr = [f"c/o {firm[0].upper()}", firm[1].upper(), firm[2].upper()]
        addr.insert(0, "ATTORNEY OF RECORD" if n.has("petitioner") else person.first_last().upper())
    else:
        addr += [person.street.upper(), person.city.upper()]
    pdf.set_font("R", "", 9)
    for i, line in enumerate(addr):
        pdf.text(40, y + 10 + i * 11, line)
    ry = y + 10
    pdf.set_font("R", "B", 9.5)
    kind_title = n.ctx.get("type_text") or KIND_TITLE[n.kind]
    pdf.text(318, ry, f"Notice Type: {kind_title}")
    pdf.set_font("R", "", 9)
    rows: list[str] = []
    if n.has("amount"):
        rows.append(f"Amount received: {n.p('amount')}")
    if n.has("classification"):
        rows.append(f"Class: {n.p('classification')}")
        if n.ctx.get("consulate"):
            rows.append(f"Consulate: {n.ctx['consulate']}")
        rows.append(f"Valid from {n.p('valid_from')} to {n.p('valid_to')}")
    if n.ctx.get("section"):
        rows.append(f"Section: {n.ctx['section']}")
    for i, row in enumerate(rows):
        pdf.text(318, ry + 13 + i * 11.5, row)
    y = max(y + 12 + 11 * len(addr), ry + 13 + 11.5 * len(rows)) + 14
    pdf.set_font("R", "", 8.5)
    for para in body(n):
        for line in _fwrap(pdf, para, 536):
            pdf.text(38, y, line)
            y += 10.5
        y += 5
    if n.has("i94_number"):
        y = max(y + 10, 540.0)
        pdf.set_dash_pattern(dash=3, gap=2)
        pdf.line(30, y, 582, y)
        pdf.set_dash_pattern()
        pdf.set_font("R", "", 6.5)
        pdf.text(36, y + 9, "Please tear off this part and keep it with your passport.")
        y += 16
        pdf.rect(36, y, 540, 86)
        pdf.set_font("R", "B", 9)
        pdf.text(42, y + 13, "Form I-94 Arrival-Departure Record")
        pdf.set_font("R", "", 6.5)
        pdf.text(42, y + 28, "I-94 Number")
        pdf.text(220, y + 28, "Name")
        pdf.text(42, y + 56, "Class")
        pdf.text(160, y + 56, "Admit Until")
        pdf.text(300, y + 56, "Date of Birth")
        pdf.set_font("R", "B", 10)
        pdf.text(42, y + 40, n.p("i94_number"))
        pdf.text(220, y + 40, n.p("beneficiary") if n.has("beneficiary") else n.p("applicant"))
        pdf.text(42, y + 68, n.p("classification"))
        pdf.text(160, y + 68, n.p("valid_to"))
        pdf.text(300, y + 68, n.ctx["birth"])
    office = OFFICES[n.ctx["office"]]
    pdf.set_font("R", "", 8)
    yb = 712.0
    for line in (
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        office[0].upper(),
        office[1].upper(),
        office[2].upper(),
        "USCIS Contact Center: www.uscis.gov/contactcenter",
    ):
        pdf.text(40, yb, line)
        yb += 10
    pdf.set_font("R", "", 6.5)
    pdf.text(36, 770, f"Form {edition} {n.ctx.get('edition', '04/01/24')}")
    pdf.text(500, 770, "Keep for your records")


def render_grid(notices: list[Notice], font: str) -> tuple[bytes, list[list[int]]]:
    pdf = _new_fpdf(font)
    pages = []
    for n in notices:
        grid_notice(pdf, n)
        pages.append([pdf.page])
    return bytes(pdf.output()), pages


# ---------------------------------------------------------------------------------------------
# reportlab families: "ledger" (an older monospaced notice), "asc" (appointment notice), "compact"
# (a half-sheet notice, two to a page), and the invoice that is not a notice.

_REGISTERED: set[str] = set()


def _rl_font(font: str) -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = FONTS[font]
    names = (f"{font}-r", f"{font}-b")
    if font not in _REGISTERED:
        pdfmetrics.registerFont(TTFont(names[0], font_path(regular)))
        pdfmetrics.registerFont(TTFont(names[1], font_path(bold)))
        _REGISTERED.add(font)
    return names


def _rl_canvas() -> tuple[Any, io.BytesIO]:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1, pageCompression=1)
    c.setProducer("ReportLab PDF Library - www.reportlab.com")
    return c, buf


def _rwrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def ledger_notice(c: Any, n: Notice, font: str) -> None:
    """An older notice: fixed-pitch type, a ruled frame, labels in capitals over their values."""
    reg, bold = _rl_font(font)
    H = 792
    size = 9.0
    c.setFont(reg, 8)
    c.drawString(40, H - 40, "U.S. Department of Homeland Security")
    c.drawString(40, H - 50, "U.S. Citizenship and Immigration Services")
    c.setFont(bold, 10)
    c.drawRightString(572, H - 44, f"{_form_edition(n)}, Notice of Action")
    c.setFont(bold, 11)
    c.drawCentredString(306, H - 76, "THE UNITED STATES OF AMERICA")
    top = H - 90
    c.setLineWidth(0.8)
    c.rect(40, top - 124, 532, 124)
    c.line(300, top, 300, top - 124)
    c.line(40, top - 40, 572, top - 40)
    c.line(40, top - 82, 300, top - 82)
    c.line(300, top - 82, 572, top - 82)

    def lab(x: float, y: float, text: str) -> None:
        c.setFont(reg, 7)
        c.drawString(x, y, text)

    def val(x: float, y: float, text: str) -> None:
        c.setFont(bold, size)
        c.drawString(x, y, text)

    lab(46, top - 11, "RECEIPT NUMBER")
    if n.has("receipt_number"):
        val(46, top - 27, n.p("receipt_number"))
    lab(306, top - 11, f"CASE TYPE   {n.p('form')}")
    c.setFont(bold, 7.5)
    for i, line in enumerate(_rwrap(n.ctx["title"], bold, 7.5, 258)[:2]):
        c.drawString(306, top - 23 - i * 9, line)
    lab(46, top - 51, "RECEIPT DATE")
    lab(166, top - 51, "PRIORITY DATE")
    if n.has("received_date"):
        val(46, top - 67, n.p("received_date"))
    if n.has("priority_date"):
        val(166, top - 67, n.p("priority_date"))
    lab(46, top - 93, "NOTICE DATE")
    lab(166, top - 93, "PAGE")
    val(46, top - 109, n.p("notice_date"))
    val(166, top - 109, "1 of 1")
    right_top = ("PETITIONER", n.p("petitioner")) if n.has("petitioner") else ("APPLICANT", n.p("applicant"))
    lab(306, top - 51, right_top[0])
    c.setFont(bold, 8)
    lines = _rwrap(right_top[1], bold, 8, 260)
    if right_top[0] == "APPLICANT" and n.has("a_number"):
        lines = [n.p("a_number"), *lines]
    for i, line in enumerate(lines[:3]):
        c.drawString(306, top - 61 - i * 9, line)
    if n.has("beneficiary"):
        lab(306, top - 93, "BENEFICIARY")
        c.setFont(bold, 8)
        blines = [n.p("beneficiary")]
        if n.has("a_number"):
            blines = [n.p("a_number"), *blines]
        for i, line in enumerate(blines):
            c.drawString(306, top - 105 - i * 9, line)
    y = top - 146
    person: Person = n.ctx["person"]
    c.setFont(reg, size)
    addr = n.ctx.get("addressee") or [person.first_last().upper(), person.street.upper(), person.city.upper()]
    for line in addr:
        c.drawString(46, y, line)
        y -= 11
    y2 = top - 146
    c.setFont(bold, size)
    c.drawString(316, y2, f"Notice Type: {n.ctx.get('type_text') or KIND_TITLE[n.kind]}")
    c.setFont(reg, 8.5)
    extra: list[str] = []
    if n.has("amount"):
        extra.append(f"AMOUNT RECEIVED: {n.p('amount')}")
    if n.has("classification"):
        extra.append(f"Class: {n.p('classification')}")
        extra.append(f"Valid from {n.p('valid_from')}")
        extra.append(f"        to {n.p('valid_to')}")
    if n.ctx.get("consulate"):
        extra.append(f"Consulate: {n.ctx['consulate']}")
    if n.ctx.get("section"):
        extra.extend(_rwrap(f"Section: {n.ctx['section']}", reg, 8.5, 250))
    for line in extra:
        y2 -= 11
        c.drawString(316, y2, line)
    y = min(y, y2) - 22
    c.setFont(reg, 8.2)
    for para in body(n):
        for line in _rwrap(para, reg, 8.2, 526):
            c.drawString(42, y, line)
            y -= 10
        y -= 6
    if n.has("i94_number"):
        y = min(y - 14, 250)
        c.setDash(2, 2)
        c.line(30, y, 582, y)
        c.setDash()
        y -= 18
        c.setFont(bold, 9)
        c.drawString(46, y, "DEPARTURE RECORD")
        c.setFont(reg, 7)
        c.drawString(46, y - 16, "I-94 NUMBER")
        c.drawString(250, y - 16, "NAME")
        c.setFont(bold, 11)
        c.drawString(46, y - 30, n.p("i94_number"))
        c.setFont(bold, 9)
        c.drawString(250, y - 30, n.p("beneficiary") if n.has("beneficiary") else n.p("applicant"))
        c.setFont(reg, 7)
        c.drawString(
            46, y - 48, f"BIRTH DATE {n.ctx['birth']}      CLASS {n.p('classification')}      UNTIL {n.p('valid_to')}"
        )
    office = OFFICES[n.ctx["office"]]
    c.setFont(reg, 7.5)
    yb = 84
    for line in (
        "Please see the additional information on the back. You will be notified separately about any "
        "other cases you filed.",
        f"{office[0].upper()}",
        f"{office[1].upper()}  {office[2].upper()}",
        "Customer Service Telephone: (800) 375-5283",
    ):
        c.drawString(42, yb, line)
        yb -= 10
    c.setFont(reg, 6)
    c.drawString(40, 30, f"Form {_form_edition(n)} (Rev. {n.ctx.get('edition', '01/31/05')}) N")
    c.showPage()


def asc_notice(c: Any, n: Notice, font: str) -> None:
    """An appointment notice: a label column beside values, a heading, and the centre and time in a box."""
    reg, bold = _rl_font(font)
    H = 792
    c.setFont(bold, 10)
    c.drawString(40, H - 42, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES")
    c.setFont(reg, 8)
    c.drawString(40, H - 53, "Department of Homeland Security")
    c.setFont(bold, 10)
    c.drawRightString(572, H - 42, "I-797C, NOTICE OF ACTION")
    c.setFont(reg, 7)
    c.drawRightString(572, H - 53, "THE UNITED STATES OF AMERICA")
    y = H - 84
    rows = [
        ("Receipt Number", n.p("receipt_number")),
        ("Case Type", f"{n.p('form')} - {n.ctx['title']}"),
    ]
    if n.has("received_date"):
        rows.append(("Received Date", n.p("received_date")))
    rows.append(("Notice Date", n.p("notice_date")))
    rows.append(("Page", "1 of 1"))
    for label, value in rows:
        c.setFont(reg, 8.5)
        c.drawString(44, y, label)
        c.setFont(bold, 9.5)
        c.drawString(150, y, value)
        y -= 14
    c.setFont(reg, 8.5)
    c.drawString(44, y, "Applicant")
    c.setFont(bold, 9.5)
    lines = [n.p("applicant")]
    if n.has("a_number"):
        lines = [n.p("a_number"), *lines]
    for line in lines:
        c.drawString(150, y, line)
        y -= 12
    y -= 16
    person: Person = n.ctx["person"]
    c.setFont(reg, 9)
    c.drawString(44, y, "APPLICANT COPY")
    for line in (person.first_last().upper(), person.street.upper(), person.city.upper()):
        y -= 11
        c.drawString(44, y, line)
    c.setFont(bold, 9.5)
    c.drawString(330, y + 33, f"Notice Type: {n.ctx.get('type_text', 'ASC Appointment Notice')}")
    y -= 26
    c.setFont(bold, 13)
    c.drawCentredString(306, y, "BIOMETRICS APPOINTMENT")
    y -= 18
    c.setFont(reg, 8.5)
    for para in body(n):
        for line in _rwrap(para, reg, 8.5, 520):
            c.drawString(44, y, line)
            y -= 10.5
        y -= 6
    box_top = y - 4
    c.rect(44, box_top - 70, 524, 70)
    c.line(306, box_top, 306, box_top - 70)
    asc = n.ctx["asc"]
    c.setFont(bold, 8)
    c.drawString(50, box_top - 12, "APPLICATION SUPPORT CENTER")
    c.drawString(312, box_top - 12, "DATE AND TIME OF APPOINTMENT")
    c.setFont(reg, 9.5)
    for i, line in enumerate((asc[0], n.p("appointment", 2), asc[2])):
        c.drawString(50, box_top - 28 - i * 12, line)
    c.drawString(312, box_top - 28, n.p("appointment", 0))
    c.drawString(312, box_top - 40, n.p("appointment", 1))
    y = box_top - 92
    c.setFont(bold, 8.5)
    c.drawString(44, y, "WHEN YOU GO TO THE APPLICATION SUPPORT CENTER, BRING:")
    c.setFont(reg, 8.5)
    for line in (
        "1. this appointment notice, and",
        "2. a passport, driver's license, or other photo identification.",
        "If you cannot come, request a new appointment online before the date above. Rescheduling may delay your case.",
        "Reminder: if a request for evidence or a notice of intent to deny is "
        "pending, this appointment does not answer it.",
    ):
        y -= 11
        c.drawString(44, y, line)
    office = OFFICES[n.ctx["office"]]
    c.setFont(reg, 7.5)
    c.drawString(44, 70, f"{office[0]}, {office[1]}, {office[2]}")
    c.setFont(reg, 6)
    c.drawString(44, 32, f"Form I-797C {n.ctx.get('edition', '07/11/22')}")
    c.showPage()


def compact_notice(c: Any, n: Notice, font: str, top: float) -> None:
    """A half-sheet notice from ``top`` (points from the bottom) down about 380 points."""
    reg, bold = _rl_font(font)
    y = top - 34
    c.setFont(bold, 12)
    c.drawString(40, y, "NOTICE OF ACTION")
    c.setFont(reg, 7.5)
    c.drawString(40, y - 10, "Department of Homeland Security - U.S. Citizenship and Immigration Services")
    c.setFont(bold, 16)
    c.drawRightString(572, y - 4, _form_edition(n))
    y -= 26
    cols = [
        ("Receipt Number", 40, 120),
        ("Case Type", 160, 70),
        ("Received Date", 230, 90),
        ("Notice Date", 320, 90),
        ("Priority Date", 410, 90),
        ("Page", 500, 72),
    ]
    values = {
        "Receipt Number": n.p("receipt_number") if n.has("receipt_number") else "",
        "Case Type": n.p("form"),
        "Received Date": n.p("received_date") if n.has("received_date") else "",
        "Notice Date": n.p("notice_date"),
        "Priority Date": n.p("priority_date") if n.has("priority_date") else "",
        "Page": "1 of 1",
    }
    c.setFillGray(0.85)
    c.rect(40, y - 14, 532, 14, stroke=0, fill=1)
    c.setFillGray(0)
    c.rect(40, y - 32, 532, 32)
    for label, x, _w in cols:
        c.setFont(bold, 7)
        c.drawString(x + 3, y - 10, label)
        c.setFont(reg, 9)
        c.drawString(x + 3, y - 27, values[label])
        if x > 40:
            c.line(x, y, x, y - 32)
    y -= 48
    c.setFont(reg, 8)
    c.drawString(42, y, n.ctx["title"])
    y -= 16
    if n.has("petitioner"):
        parties = [("Petitioner:", _rwrap(n.p("petitioner"), bold, 9, 420)), ("Beneficiary:", [n.p("beneficiary")])]
    else:
        lines = [n.p("applicant")]
        if n.has("a_number"):
            lines = [n.p("a_number"), *lines]
        parties = [("Applicant:", lines)]
    for label, lines in parties:
        c.setFont(reg, 8.5)
        c.drawString(42, y, label)
        c.setFont(bold, 9)
        for line in lines:
            c.drawString(110, y, line)
            y -= 11
        y -= 3
    c.setFont(bold, 9)
    c.drawString(42, y - 4, f"Notice Type: {n.ctx.get('type_text') or KIND_TITLE[n.kind]}")
    if n.has("amount"):
        c.setFont(reg, 9)
        c.drawString(330, y - 4, f"Fee received: {n.p('amount')}")
    y -= 22
    c.setFont(reg, 7.6)
    for para in body(n)[:1]:
        for line in _rwrap(para, reg, 7.6, 528):
            c.drawString(42, y, line)
            y -= 9
    office = OFFICES[n.ctx["office"]]
    c.setFont(reg, 7)
    c.drawString(42, top - 372, f"USCIS {office[0]} - {office[1]} - {office[2]}")
    c.drawRightString(572, top - 372, f"Form I-797C {n.ctx.get('edition', '09/09/21')}")


def render_rl(family: str, notices: list[Notice], font: str, twoup: bool = False) -> tuple[bytes, list[list[int]]]:
    c, buf = _rl_canvas()
    pages: list[list[int]] = []
    page = 0
    if family == "compact":
        per = 2 if twoup else 1
        for start in range(0, len(notices), per):
            page += 1
            for k, n in enumerate(notices[start : start + per]):
                top = 792 - k * 396
                if k:
                    c.setDash(4, 3)
                    c.line(20, 396, 592, 396)
                    c.setDash()
                compact_notice(c, n, font, top)
                pages.append([page])
            c.showPage()
    else:
        draw = ledger_notice if family == "ledger" else asc_notice
        for n in notices:
            page += 1
            draw(c, n, font)
            pages.append([page])
    c.save()
    return buf.getvalue(), pages


def render_invoice(font: str, rng: random.Random, firm: tuple[str, str, str], client: str, receipt: str) -> bytes:
    """A law firm's invoice that lists USCIS fees: not a notice."""
    reg, bold = _rl_font(font)
    c, buf = _rl_canvas()
    H = 792
    c.setFont(bold, 15)
    c.drawString(48, H - 60, firm[0])
    c.setFont(reg, 9)
    c.drawString(48, H - 74, f"{firm[1]}, {firm[2]}")
    c.setFont(bold, 20)
    c.drawRightString(564, H - 60, "INVOICE")
    c.setFont(reg, 9.5)
    c.drawRightString(564, H - 76, f"Invoice No. {rng.randint(20000, 29999)}   Date: 02/14/2026")
    c.drawString(48, H - 110, f"Bill to: {client}")
    c.drawString(48, H - 123, f"Matter: H-1B extension - USCIS receipt {receipt}")
    y = H - 160
    c.setFillGray(0.88)
    c.rect(48, y - 4, 516, 16, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 9.5)
    c.drawString(52, y, "Description")
    c.drawRightString(560, y, "Amount")
    items = [
        ("Professional fees: petition preparation, Form I-129 and supporting letter", "$3,250.00"),
        ("USCIS filing fee, Form I-129 (check no. 4471)", "$780.00"),
        ("USCIS premium processing fee, Form I-907", "$2,805.00"),
        ("Asylum Program Fee", "$600.00"),
        ("Courier and copies", "$46.50"),
    ]
    c.setFont(reg, 9.5)
    for text, amount in items:
        y -= 18
        c.drawString(52, y, text)
        c.drawRightString(560, y, amount)
    y -= 26
    c.setFont(bold, 10)
    c.drawString(360, y, "Total due")
    c.drawRightString(560, y, "$7,481.50")
    c.setFont(reg, 8.5)
    y -= 40
    for line in (
        "Receipt notices (Form I-797C) for both the petition and the premium processing request are enclosed",
        "for your records. Payment due within 30 days. Thank you for your business.",
    ):
        c.drawString(48, y, line)
        y -= 11
    c.showPage()
    c.save()
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Family "letter" (Word document -> LibreOffice): USCIS decision letters and I-797E requests for
# evidence on letterhead; also the attorney's cover letter that is not a notice.

LETTER_HEAD = {
    "rfe": "REQUEST FOR EVIDENCE",
    "noid": "NOTICE OF INTENT TO DENY",
    "noir": "NOTICE OF INTENT TO REVOKE",
    "denial": "DECISION",
}
REASONS = {
    "I-129": [
        "The record does not show that the offered position is a specialty occupation as the regulations define "
        "that term, because the duties described are general and could be performed by a person without a "
        "degree in a specific specialty.",
        "The record does not establish that the petitioner will have an employer-employee relationship with the "
        "beneficiary at the third-party work site for the whole period requested.",
        "The labor condition application submitted does not correspond to the work location and wage level "
        "described in the petition.",
    ],
    "I-140": [
        "The record contains no evidence of the employer's ability to pay the proffered wage from the priority "
        "date onward, such as annual reports, federal tax returns, or audited financial statements.",
        "The experience letters do not show that the beneficiary had the experience the labor certification "
        "requires before the priority date.",
        "The degree evaluation does not establish a U.S. master's degree or a foreign equivalent degree.",
    ],
    "I-130": [
        "The record does not establish that the marriage was entered into in good faith: the joint documents "
        "submitted cover only the two months before the filing.",
        "The petitioner's evidence of U.S. citizenship or permanent residence is illegible.",
        "The prior marriage of the beneficiary is not shown to have been legally terminated.",
    ],
    "status": [
        "The record does not show that the applicant maintained lawful status from the last admission to the "
        "date of filing.",
        "The medical examination report (Form I-693) submitted is not signed by the civil surgeon.",
        "The evidence of financial support submitted does not cover the period requested.",
    ],
}
DIRECTORS = ["Marisol Teague", "Jonah P. Whitcombe", "Adaeze Lundgren", "Corwin Stavros"]


def _docx_base(font: str) -> Any:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(10.5)
    style.paragraph_format.space_after = Pt(4)
    core = d.core_properties
    core.created = FIXED.replace(tzinfo=None)
    core.modified = FIXED.replace(tzinfo=None)
    core.author = "USCIS"
    core.last_modified_by = "USCIS"
    core.revision = 1
    return d


def _para(d: Any, text: str = "", bold: bool = False, size: float | None = None, align: str | None = None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = d.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    return p


def _table(d: Any, rows: list[tuple[str, str]], widths: tuple[float, float] = (1.6, 4.6)) -> None:
    from docx.shared import Inches

    t = d.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = t.add_row().cells
        cells[0].text = label
        cells[1].text = value
        cells[0].paragraphs[0].runs[0].bold = True
        cells[0].width, cells[1].width = Inches(widths[0]), Inches(widths[1])


def letter_docx(n: Notice, font: str, rng: random.Random) -> bytes:
    from docx.enum.text import WD_BREAK

    d = _docx_base(font)
    office = OFFICES[n.ctx["office"]]
    head = d.sections[0].header.paragraphs[0]
    head.text = "U.S. Department of Homeland Security"
    _para(d, "U.S. Citizenship and Immigration Services", bold=True, size=9)
    _para(d, f"{office[0]}\n{office[1]}\n{office[2]}", size=9)
    if n.kind == "rfe":
        _para(d, "I-797E, Notice of Action", bold=True, align="right")
    _para(d, n.p("notice_date"), align="right" if n.ctx.get("date_right") else None)
    firm = n.ctx.get("firm") or LAW_FIRMS[0]
    _para(
        d,
        f"{n.ctx.get('attorney', 'Attorney of Record').upper()}\n{firm[0].upper()}\n{firm[1].upper()}\n"
        f"{firm[2].upper()}",
        size=9.5,
    )
    rows: list[tuple[str, str]] = []
    if n.has("receipt_number"):
        rows.append(("Receipt Number:", n.p("receipt_number")))
    rows.append(("Form:", f"{n.p('form')}, {n.ctx['title'].title()}"))
    if n.has("received_date"):
        rows.append(("Date Filed:", n.p("received_date")))
    if n.has("priority_date"):
        rows.append(("Priority Date:", n.p("priority_date")))
    for name, label in (("petitioner", "Petitioner:"), ("beneficiary", "Beneficiary:"), ("applicant", "Applicant:")):
        if n.has(name):
            rows.append((label, n.p(name)))
    if n.has("a_number"):
        rows.append(("A-Number:", n.p("a_number")))
    _table(d, rows)
    _para(d)
    _para(d, LETTER_HEAD[n.kind], bold=True, size=12.5, align="center")
    party = "petition" if n.has("petitioner") else "application"
    if n.kind == "rfe":
        first = [
            f"USCIS needs more evidence to decide the {party} identified above. Please read this request "
            "carefully and submit every item it asks for at one time. If you submit only some of the evidence, "
            "we will decide the case on the record; we may deny it, and we will not send a second request for "
            "evidence or a notice of intent to deny before doing so.",
            f"Your response must be received by USCIS on or before {n.p('response_due')}. Send it with the "
            "enclosed copy of this notice on top to the address shown above.",
        ]
    elif n.kind in ("noid", "noir"):
        verb = "deny" if n.kind == "noid" else "revoke the approval of"
        first = [
            f"USCIS intends to {verb} the {party} identified above for the reasons below. This notice follows the "
            "request for evidence we sent earlier and the response we received.",
            f"You may submit a rebuttal with any further evidence. It must reach this office no later than "
            f"{n.p('response_due')}; if it does not, we will decide the case on the present record.",
        ]
    else:
        first = [
            f"After a full review of the record, USCIS denies the {party} identified above. We sent a request "
            "for evidence and considered the evidence received in response; it does not establish eligibility.",
            "You may file a motion to reopen or reconsider on Form I-290B within 33 days of this decision. "
            "This decision does not give any other notice or appointment date.",
        ]
    for text in first:
        _para(d, text, align="justify")
    reasons = REASONS.get(n.form, REASONS["status"])
    if n.ctx.get("pages", 1) == 2:
        p = _para(d, "")
        p.runs[0].add_break(WD_BREAK.PAGE)
        _para(d, f"{n.p('receipt_number')}   Page 2", size=9, align="right")
    for i, text in enumerate(reasons[: rng.randint(2, 3)]):
        _para(d, f"{i + 1}. {text}", align="justify")
    _para(d, "Sincerely,")
    _para(d, f"{rng.choice(DIRECTORS)}\nDirector, {office[0]}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def cover_letter_docx(
    font: str, firm: tuple[str, str, str], receipt: str, pet: str, ben: str, rfe_date: str, due: str
) -> bytes:
    """An attorney's cover letter for an RFE response: quotes notices and a receipt number, is not one."""
    d = _docx_base(font)
    _para(d, firm[0], bold=True, size=14, align="center")
    _para(d, f"{firm[1]} | {firm[2]} | Tel. (555) 014-2290", size=9, align="center")
    _para(d, "February 20, 2026")
    _para(
        d,
        "VIA COURIER\nU.S. Citizenship and Immigration Services\nNebraska Service Center\nP.O. Box 82521\n"
        "Lincoln NE 68501-2521",
    )
    _table(
        d,
        [
            ("Re:", "Response to Request for Evidence"),
            ("Receipt Number:", receipt),
            ("Petitioner:", pet),
            ("Beneficiary:", ben),
            ("Form:", "I-140, Immigrant Petition for Alien Worker"),
        ],
    )
    _para(d, "Dear Officer:")
    for text in (
        f"On behalf of the petitioner, we respond to the Form I-797E, Notice of Action (Request for Evidence), "
        f"dated {rfe_date}, a copy of which is enclosed on top of this response. The response is due {due}.",
        "The petitioner earlier received a Form I-797C, Notice of Action (Receipt Notice), for this petition and a "
        "Form I-797A, Notice of Action, approving the beneficiary's current status. Copies are at Exhibits B and C.",
        "Exhibit A: copy of the Request for Evidence. Exhibit B: Form I-797C receipt. Exhibit C: Form I-797A "
        "approval. Exhibit D: audited financial statements 2023-2025. Exhibit E: letter of the chief financial "
        "officer.",
        "Please direct any question to the undersigned.",
    ):
        _para(d, text, align="justify")
    _para(d, "Respectfully submitted,\n\nEleanor V. Quist\nAttorney for the Petitioner")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def soffice_batch(docs: dict[str, bytes], work: Path) -> dict[str, bytes]:
    """Converts Word documents to PDF with one LibreOffice call."""
    if not docs:
        return {}
    src = work / "docx"
    out = work / "docx-pdf"
    src.mkdir()
    out.mkdir()
    for key, data in docs.items():
        (src / f"{key}.docx").write_bytes(data)
    profile = work / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sorted(str(p) for p in src.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = {}
    for key in docs:
        target = out / f"{key}.pdf"
        if not target.exists():
            raise SystemExit(f"LibreOffice wrote no PDF for {key}")
        result[key] = target.read_bytes()
    return result


# ---------------------------------------------------------------------------------------------
# Family "portal" (HTML printed by chromium): a notice as downloaded from an online account; and the
# case-status page that is not a notice.

CSS_FONTS = {
    "dejavu-sans": "DejaVu Sans",
    "carlito": "Carlito",
    "lib-sans": "Liberation Sans",
    "caladea": "Caladea",
    "lib-serif": "Liberation Serif",
    "dejavu-cond": "DejaVu Sans Condensed",
}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def portal_html(n: Notice, font: str) -> str:
    facts: list[tuple[str, str]] = []
    if n.has("receipt_number"):
        facts.append(("Receipt number", n.p("receipt_number")))
    facts.append(("Form", f"{n.p('form')} {n.ctx['title'].title()}"))
    if n.has("received_date"):
        facts.append(("Date received", n.p("received_date")))
    if n.has("priority_date"):
        facts.append(("Priority date", n.p("priority_date")))
    facts.append(("Notice date", n.p("notice_date")))
    if n.has("amount"):
        facts.append(("Fee paid", n.p("amount")))
    people: list[tuple[str, str]] = []
    for name, label in (("petitioner", "Petitioner"), ("beneficiary", "Beneficiary"), ("applicant", "Applicant")):
        if n.has(name):
            people.append((label, n.p(name)))
    if n.has("a_number"):
        people.append(("A-Number", n.p("a_number")))
    cells = "".join(
        f'<div class="f"><div class="k">{_esc(k)}</div><div class="v">{_esc(v)}</div></div>' for k, v in facts
    )
    pcells = "".join(
        f'<div class="f wide"><div class="k">{_esc(k)}</div><div class="v">{_esc(v)}</div></div>' for k, v in people
    )
    paras = "".join(f"<p>{_esc(t)}</p>" for t in body(n))
    appt = ""
    if n.kind == "biometrics":
        asc = n.ctx["asc"]
        weekday = n.ctx["when"].strftime("%A")
        appt = (
            '<section class="appt"><h2>Your biometrics appointment</h2>'
            f'<p class="big">{weekday}, {_esc(n.p("appointment", 0))} at {_esc(n.p("appointment", 1))}</p>'
            f"<p>{_esc(asc[0].title().replace('Uscis', 'USCIS').replace('Asc', 'ASC'))}<br>"
            f"{_esc(n.p('appointment', 2))}"
            f"<br>{_esc(asc[2])}</p>"
            "<p class=small>Bring this notice and a photo identification. To reschedule, use your online account "
            "before the appointment.</p></section>"
        )
    title = n.ctx.get("type_text") or KIND_TITLE[n.kind]
    if n.kind == "rfe":
        appt = (
            f'<section class="appt"><h2>Respond by</h2><p class="big">{_esc(n.p("response_due"))}</p>'
            "<p class=small>Upload your response in your account or mail it with the response cover "
            "sheet. If we do not receive it by this date we may deny the case.</p></section>"
        )
    office = OFFICES[n.ctx["office"]]
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: Letter; margin: 0.55in 0.6in; }}
body {{ font-family: '{CSS_FONTS[font]}'; font-size: 9.5pt; color: #16191d; }}
.top {{ display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 3px solid #1b3a66;
  padding-bottom: 6px; }}
.agency {{ font-weight: 700; font-size: 12.5pt; color: #1b3a66; }}
.agency small {{ display: block; font-weight: 400; font-size: 8pt; color: #333; }}
.form {{ text-align: right; font-size: 9pt; }}
.form b {{ font-size: 12pt; display: block; }}
h1 {{ font-size: 16pt; letter-spacing: 1.2px; margin: 16px 0 2px; }}
.sub {{ color: #555; font-size: 8.5pt; margin-bottom: 8px; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 9px 16px; border: 1px solid #c9ced6;
  padding: 10px 12px; background: #f5f7fa; }}
.f .k {{ font-size: 7pt; text-transform: uppercase; letter-spacing: 0.7px; color: #5b6470; }}
.f .v {{ font-size: 10.5pt; font-weight: 700; margin-top: 2px; }}
.f.wide {{ grid-column: span 3; }}
.people {{ margin-top: 10px; }}
.appt {{ margin-top: 14px; border-left: 5px solid #1b3a66; padding: 4px 12px; }}
.appt h2 {{ font-size: 11pt; margin: 2px 0; }}
.big {{ font-size: 12.5pt; font-weight: 700; }}
.small {{ font-size: 8pt; color: #444; }}
.foot {{ position: fixed; bottom: 0; left: 0; right: 0; font-size: 7.5pt; color: #555;
  border-top: 1px solid #c9ced6; padding-top: 4px; display: flex; justify-content: space-between; }}
</style></head><body>
<div class="top"><div class="agency">U.S. Citizenship and Immigration Services
<small>U.S. Department of Homeland Security</small></div>
<div class="form"><b>Notice of Action</b>{_form_edition(n)}</div></div>
<h1>{_esc(title)}</h1>
<div class="sub">This notice is also available in your USCIS online account.</div>
<div class="grid">{cells}</div>
<div class="grid people">{pcells}</div>
{appt}
<div class="bodytext">{paras}</div>
<div class="foot"><span>{_esc(office[0])}, {_esc(office[1])}, {_esc(office[2])}</span>
<span>Form {_form_edition(n)} {n.ctx.get("edition", "01/20/25")} &middot; Page 1 of 1</span></div>
</body></html>"""


def status_html(receipt: str, form: str, when: str, font: str) -> str:
    """A browser printout of an online case-status page: quotes a notice, is not one."""
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: Letter; margin: 0.5in; }}
body {{ font-family: '{CSS_FONTS[font]}'; font-size: 10pt; }}
.bar {{ font-size: 7.5pt; color: #444; display: flex; justify-content: space-between; }}
.hdr {{ background: #003366; color: white; padding: 10px 14px; font-size: 14pt; font-weight: 700; margin-top: 6px; }}
.box {{ border: 1px solid #bbb; padding: 14px 18px; margin-top: 14px; }}
h2 {{ font-size: 17pt; margin: 6px 0 10px; }}
</style></head><body>
<div class="bar"><span>2/27/26, 4:12 PM</span><span>Case Status Online - Case Status Search</span></div>
<div class="hdr">USCIS | Case Status Online</div>
<div class="box"><div>Your Case Status for <b>{receipt}</b></div>
<h2>Case Was Approved And My Decision Was Emailed</h2>
<p>On {when}, we approved your Form {form}, Petition for a Nonimmigrant Worker, Receipt Number {receipt}, and
emailed you an approval notice (Form I-797, Notice of Action). Please follow the instructions in the notice.
If you do not receive your approval notice by mail within 30 days, you can ask us for it.</p>
<p>Earlier steps: Case Was Received (receipt notice mailed); Premium Processing Fee Received; Request for Evidence
Was Sent; Response To USCIS' Request For Evidence Was Received.</p></div>
<p style="font-size:8pt">https://egov.uscis.gov/casestatus/mycasestatus.do &nbsp; 1/1</p>
</body></html>"""


def chromium_batch(pages: dict[str, str]) -> dict[str, bytes]:
    """Prints HTML pages to PDF with one headless chromium (Playwright)."""
    if not pages:
        return {}
    from playwright.sync_api import sync_playwright

    result = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for key in sorted(pages):
                page.set_content(pages[key], wait_until="load")
                result[key] = page.pdf(format="Letter", print_background=True, prefer_css_page_size=True)
        finally:
            browser.close()
    return result


# ---------------------------------------------------------------------------------------------
# PDFs: tidy (no dates, a fixed ID: byte-identical per seed), merge, and check against the truth.


def tidy_pdf(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for key in ("/ID", "/DocChecksum"):  # a random ID, a checksum over the time: not byte-identical per seed
            if key in pdf.trailer:
                del pdf.trailer[key]
        info = {str(k): pikepdf.String(str(v)) for k, v in pdf.docinfo.items() if str(k) in ("/Producer", "/Creator")}
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary(info))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def merge_pdfs(parts: list[bytes]) -> bytes:
    """The parts' pages in one PDF, which keeps the first part's producer."""
    if len(parts) == 1:
        return tidy_pdf(parts[0])
    target = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(p)) for p in parts]
    for src in sources:
        target.pages.extend(src.pages)
    first = {str(k): v for k, v in sources[0].docinfo.items() if str(k) in ("/Producer", "/Creator")}
    target.docinfo = target.make_indirect(pikepdf.Dictionary({k: pikepdf.String(str(v)) for k, v in first.items()}))
    out = io.BytesIO()
    target.save(out, deterministic_id=True)
    for src in sources:
        src.close()
    return tidy_pdf(out.getvalue())


def page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_notice(n: Notice, texts: list[str], where: str) -> None:
    """Every printed value is on the notice's pages and says the truth; refuses the set otherwise."""
    page_text = _squash(" ".join(texts))
    for name, strings in n.printed.items():
        for s in strings:
            if _squash(s) not in page_text:
                raise SystemExit(f"truth check: {where}: {name} printed as {s!r} is not in the text layer")
    f = n.fields
    for name in ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due"):
        if name in n.printed and parse_date(n.printed[name][0]).isoformat() != f[name]:
            raise SystemExit(f"truth check: {where}: {name} {n.printed[name][0]!r} is not {f[name]}")
    if "appointment" in n.printed:
        if parse_date(n.printed["appointment"][0]).isoformat() != f["appointment"]["date"]:
            raise SystemExit(f"truth check: {where}: appointment date")
        m = re.match(r"(\d+):(\d\d)\s*([ap])", n.printed["appointment"][1].lower())
        assert m, where
        hour = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        if f"{hour:02d}:{m.group(2)}" != f["appointment"]["time"]:
            raise SystemExit(f"truth check: {where}: appointment time")
    if "a_number" in n.printed and re.sub(r"\D", "", n.printed["a_number"][0]).rjust(9, "0") != f["a_number"]:
        raise SystemExit(f"truth check: {where}: a_number")
    if (
        "receipt_number" in n.printed
        and re.sub(r"[^A-Z0-9]", "", n.printed["receipt_number"][0]) != f["receipt_number"]
    ):
        raise SystemExit(f"truth check: {where}: receipt_number")
    if "amount" in n.printed:
        digits = re.sub(r"[^0-9.]", "", n.printed["amount"][0]).rstrip(".")
        if f"{float(digits):.2f}" != f["amount"]:
            raise SystemExit(f"truth check: {where}: amount")
    if "i94_number" in n.printed and re.sub(r"\D", "", n.printed["i94_number"][0]) != f["i94_number"]:
        raise SystemExit(f"truth check: {where}: i94_number")
    for name in ("petitioner", "beneficiary", "applicant", "classification"):
        if name in n.printed and n.printed[name][0] != f[name]:
            raise SystemExit(f"truth check: {where}: {name}")
    if "form" in n.printed and n.printed["form"][0].replace("-", "") != f["form"].replace("-", ""):
        raise SystemExit(f"truth check: {where}: form")


# ---------------------------------------------------------------------------------------------
# Scans, faxes, photos, handwriting.


def raster(pdf: bytes, dpi: int, colour: bool = False) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            bitmap = page.render(scale=dpi / 72)
            img = bitmap.to_pil().convert("RGB" if colour else "L")
            images.append(img)
            page.close()
    finally:
        doc.close()
    return images


def handwrite(img: Image.Image, r: random.Random, lines: list[str], dpi: int) -> Image.Image:
    """Blue ink notes: slanted oblique letters on a wavy baseline, an underline scribble and a tick."""
    img = img.convert("RGB")
    w, h = img.size
    size = int(dpi * 0.2)
    font = ImageFont.truetype(font_path("DejaVuSans-Oblique.ttf"), size)
    layer = Image.new("RGBA", (int(w * 0.55), size * (len(lines) + 2)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    ink = (24, 48, 150, 235)
    y = size // 2
    for line in lines:
        x = 10
        for ch in line:
            dy = r.randint(-3, 3) * dpi // 200
            draw.text((x, y + dy), ch, font=font, fill=ink)
            x += int(font.getlength(ch) * r.uniform(0.92, 1.12))
        y += int(size * 1.25)
    pts = [(12 + k * 14 * dpi // 200, y - size // 3 + (5 if k % 2 else -5)) for k in range(18)]
    draw.line(pts, fill=ink, width=max(2, dpi // 100))
    layer = layer.rotate(r.uniform(4, 9), expand=True, resample=Image.BICUBIC)
    x0 = int(w * r.uniform(0.38, 0.44))
    y0 = int(h * r.uniform(0.50, 0.62))
    img.paste(layer, (x0, y0), layer)
    draw = ImageDraw.Draw(img)
    tx, ty = int(w * 0.08), int(h * 0.10)
    draw.line(
        [(tx, ty), (tx + dpi // 12, ty + dpi // 10), (tx + dpi // 4, ty - dpi // 8)],
        fill=ink[:3],
        width=max(3, dpi // 70),
    )
    return img


def degrade(img: Image.Image, r: random.Random, g: np.random.Generator, o: dict[str, Any]) -> Image.Image:
    colour = img.mode == "RGB"
    a = np.asarray(img, dtype=np.float32)
    toner = o.get("toner", 0.9)
    a = 255 - (255 - a) * toner
    paper = o.get("paper", 240)
    a = a * (paper / 255.0)
    hgt, wid = a.shape[:2]
    if o.get("lamp"):
        ramp = 1 - o["lamp"] * np.linspace(0, 1, wid, dtype=np.float32) ** 2
        a = a * (ramp[None, :, None] if colour else ramp[None, :])
    a = a + g.normal(0, o.get("noise", 5), a.shape).astype(np.float32)
    for _ in range(o.get("specks", 30)):
        y, x = int(g.integers(0, hgt - 4)), int(g.integers(0, wid - 4))
        a[y : y + int(g.integers(1, 4)), x : x + int(g.integers(1, 4))] = 40
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB" if colour else "L")
    if o.get("blur"):
        out = out.filter(ImageFilter.GaussianBlur(o["blur"]))
    fill: Any = (paper, paper, paper) if colour else paper
    if o.get("skew"):
        out = out.rotate(o["skew"], resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if o.get("rotate"):
        out = out.rotate(o["rotate"], expand=True)
    if o.get("jpeg"):
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=o["jpeg"])
        out = Image.open(io.BytesIO(buf.getvalue()))
        out.load()
    return out


def blank_back(front: Image.Image, g: np.random.Generator, paper: int) -> Image.Image:
    """The back of a duplex sheet: paper, noise and the front showing through faintly."""
    ghost = np.asarray(ImageOps.mirror(front.convert("L")), dtype=np.float32)
    a = paper - (255 - ghost) * 0.035 + g.normal(0, 3, ghost.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def fax(img: Image.Image, dpi: int, g: np.random.Generator) -> Image.Image:
    w, h = img.size
    small = img.convert("L").resize((int(w * 204 / dpi), int(h * 196 / dpi)), Image.BILINEAR)
    a = np.asarray(small, dtype=np.float32) + g.normal(0, 18, (small.size[1], small.size[0]))
    return Image.fromarray(np.where(a > 150, 255, 0).astype(np.uint8), "L").convert("1")


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    return [float(c) for c in np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64))]


def photo(sheet: Image.Image, r: random.Random, g: np.random.Generator) -> Image.Image:
    """A phone photo of the sheet on a wooden desk: perspective, warm light, shadow and vignette."""
    sheet = sheet.convert("RGB")
    sw, sh = sheet.size
    W, H = int(sw * 1.3), int(sh * 1.22)
    yy = np.arange(H, dtype=np.float32)[:, None]
    xx = np.arange(W, dtype=np.float32)[None, :]
    grain = np.sin(yy / r.uniform(7, 11) + 3 * np.sin(xx / r.uniform(140, 220))) * 14 + g.normal(0, 6, (H, W))
    wood = np.stack([120 + grain, 78 + grain * 0.7, 44 + grain * 0.4], axis=-1)
    bg = Image.fromarray(np.clip(wood, 0, 255).astype(np.uint8), "RGB")
    mx, my = (W - sw) / 2, (H - sh) / 2
    j = [r.uniform(-0.04, 0.04) * sw for _ in range(8)]
    dst = [
        (mx + j[0], my + j[1] + sh * 0.02),
        (mx + sw + j[2], my + j[3]),
        (mx + sw + j[4] + sw * 0.02, my + sh + j[5]),
        (mx + j[6] - sw * 0.02, my + sh + j[7]),
    ]
    src = [(0.0, 0.0), (float(sw), 0.0), (float(sw), float(sh)), (0.0, float(sh))]
    coeffs = _perspective_coeffs(dst, src)
    warped = sheet.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0))
    mask = Image.new("L", (sw, sh), 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=0)
    shadow = mask.filter(ImageFilter.GaussianBlur(sw // 60))
    bg = Image.composite(Image.new("RGB", (W, H), (40, 26, 16)), bg, shadow.point(lambda v: int(v * 0.5)))
    bg.paste(warped, (0, 0), mask)
    a = np.asarray(bg, dtype=np.float32)
    cy, cx = H * r.uniform(0.35, 0.55), W * r.uniform(0.4, 0.6)
    dist = np.sqrt(((yy - cy) / H) ** 2 + ((xx - cx) / W) ** 2)
    light = (1.08 - 0.55 * dist**2)[..., None]
    a = a * light * np.array([1.06, 0.99, 0.86], dtype=np.float32) + g.normal(0, 4, a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.7))
    return out.rotate(r.uniform(-2.5, 2.5), resample=Image.BICUBIC, fillcolor=(60, 40, 25))


# ---------------------------------------------------------------------------------------------
# The catalogue: which files, which notices, which producers and which damage.


@dataclass
class Part:
    family: str  # grid, ledger, asc, compact, letter, portal; or invoice, cover, status (not notices)
    notices: list[Notice]
    font: str
    twoup: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    pdf: bytes = b""
    pages: list[list[int]] = field(default_factory=list)


@dataclass
class FileSpec:
    name: str
    medium: str
    label: str
    parts: list[Part]
    fmt: str = "pdf"
    scan: dict[str, Any] = field(default_factory=dict)
    scanned_parts: tuple[int, ...] = ()  # mixed batches: which parts were scanned


STY = {
    "grid": {"date": "us", "anum": "spaced", "amount": "us"},
    "ledger": {"date": "long", "receipt": "dash", "amount": "plain", "anum": "hash", "i94": "split"},
    "asc": {"date": "us", "anum": "hash", "time": "ampm"},
    "compact": {"date": "short", "amount": "spaced", "anum": "dash"},
    "letter": {"date": "long", "anum": "plain"},
    "portal": {"date": "abbr", "anum": "uscis", "amount": "plain", "time": "plain", "names": "first"},
}
SECTIONS = {
    "I-485": "Adjustment as direct beneficiary of immigrant petition",
    "I-140": "Member of professions w/adv degree or of exceptional ability, Sec.203(b)(2)",
    "I-130": "Husband or wife of U.S. citizen, 201(b) INA",
    "I-765": "(c)(9) Pending adjustment of status",
}


def catalogue(seed: int) -> list[FileSpec]:
    r = random.Random(seed)
    mk = Maker(r)
    files: list[FileSpec] = []

    def note(kind: str, form: str, family: str, **kw: Any) -> Notice:
        styles = dict(STY[family])
        styles.update(kw.pop("styles", {}))
        if family in ("letter", "portal"):
            kw.setdefault("form_compact", False)
        ctx = kw.pop("ctx", {})
        if form in SECTIONS and kind in ("receipt", "approval") and family in ("grid", "ledger"):
            ctx.setdefault("section", SECTIONS[form])
        if r.random() < 0.5 and family in ("grid", "ledger", "letter"):
            ctx.setdefault("firm", r.choice(LAW_FIRMS))
        return mk.notice(kind, form, family, styles=styles, ctx=ctx, **kw)

    def single(name: str, medium: str, family: str, font: str, n: Notice, fmt: str = "pdf", **scan: Any) -> None:
        label = f"{KIND_TITLE[n.kind].lower()} {n.form}"
        files.append(FileSpec(name, medium, label, [Part(family, [n], font)], fmt, scan))

    def sc(dpi: int, **kw: Any) -> dict[str, Any]:
        o: dict[str, Any] = {
            "dpi": dpi,
            "skew": round(r.uniform(-1.9, 1.9), 2),
            "blur": round(r.uniform(0.2, 0.9), 2),
            "noise": round(r.uniform(3, 9), 1),
            "specks": r.randint(10, 90),
            "lamp": r.choice([0, 0.08, 0.16]),
            "jpeg": r.choice([50, 62, 75, 88]),
            "paper": r.randint(226, 246),
            "toner": round(r.uniform(0.72, 0.95), 2),
        }
        o.update(kw)
        return o

    # --- text PDFs, one notice each -------------------------------------------------------------
    single("t01.pdf", "text-pdf", "grid", "lib-sans", note("receipt", "I-129", "grid", ctx={"firm": LAW_FIRMS[1]}))
    single(
        "t02.pdf",
        "text-pdf",
        "grid",
        "dejavu-sans",
        note("receipt", "I-485", "grid", priority=True, styles={"anum": "hash"}),
    )
    single("t03.pdf", "text-pdf", "grid", "carlito", note("approval", "I-129", "grid", i94=True, cls="H1B"))
    single(
        "t04.pdf",
        "text-pdf",
        "grid",
        "lib-sans",
        note("approval", "I-129", "grid", cls="L1A", ctx={"consulate": "MUMBAI"}),
    )
    single(
        "t05.pdf",
        "text-pdf",
        "grid",
        "dejavu-sans",
        note("transfer", "I-130", "grid", priority=True, ctx={"to_office": "Potomac Service Center"}),
    )
    single("t06.pdf", "text-pdf", "grid", "carlito", note("rejection", "I-765", "grid", rejection_receipt=False))
    single("t07.pdf", "text-pdf", "ledger", "lib-mono", note("approval", "I-140", "ledger", priority=True))
    single(
        "t08.pdf",
        "text-pdf",
        "ledger",
        "dejavu-mono",
        note("receipt", "I-539", "ledger", fee="300.00", styles={"date": "abbr"}),
    )
    single(
        "t09.pdf", "text-pdf", "ledger", "lib-mono", note("approval", "I-539", "ledger", i94=True, cls="H4", anum=False)
    )
    single("t10.pdf", "text-pdf", "asc", "lib-sans", note("biometrics", "I-485", "asc"))
    single(
        "t11.pdf",
        "text-pdf",
        "asc",
        "dejavu-cond",
        note("biometrics", "N-400", "asc", show_received=True, styles={"time": "dots", "anum": "spaced"}),
    )
    single(
        "t12.pdf", "text-pdf", "compact", "lib-narrow", note("receipt", "I-601A", "compact", styles={"amount": "whole"})
    )
    single(
        "t13.pdf",
        "text-pdf",
        "compact",
        "dejavu-cond",
        note("receipt", "I-907", "compact", styles={"amount": "usd", "date": "dash"}),
    )
    single("t14.pdf", "text-pdf", "letter", "Liberation Serif", note("rfe", "I-129", "letter", ctx={"pages": 2}))
    single(
        "t15.pdf",
        "text-pdf",
        "letter",
        "Caladea",
        note("noid", "I-140", "letter", priority=False, ctx={"date_right": True}),
    )
    single("t16.pdf", "text-pdf", "letter", "Carlito", note("denial", "I-485", "letter", show_received=True))
    single("t17.pdf", "text-pdf", "letter", "DejaVu Serif", note("noir", "I-129", "letter", ctx={"pages": 2}))
    single("t18.pdf", "text-pdf", "portal", "dejavu-sans", note("receipt", "I-765", "portal", office="IOE"))
    single(
        "t19.pdf",
        "text-pdf",
        "portal",
        "carlito",
        note("biometrics", "I-90", "portal", office="IOE", styles={"anum": "hash", "adate": "long"}),
    )
    single(
        "t20.pdf",
        "text-pdf",
        "portal",
        "lib-sans",
        note("receipt", "N-400", "portal", office="IOE", styles={"date": "long", "anum": "spaced"}),
    )
    single("t21.pdf", "text-pdf", "portal", "caladea", note("rfe", "I-765", "portal", styles={"ddate": "long"}))
    single(
        "t22.pdf",
        "text-pdf",
        "grid",
        "dejavu-sans",
        note("receipt", "I-751", "grid", styles={"anum": "eight"}, ctx={"anum_in_label": True}),
    )

    # --- text PDFs, several notices ---------------------------------------------------------------
    company = COMPANIES[0]
    bene = mk.person()
    base = dt.date(2025, 9, 8)
    shared = dict(people={"petitioner": company, "beneficiary": bene}, receipt="EAC2524651873", received=base)
    m1 = [
        note("receipt", "I-129", "grid", notice_date=base + dt.timedelta(days=6), **shared),
        note("receipt", "I-907", "grid", notice_date=base + dt.timedelta(days=6), **shared),
        note("approval", "I-129", "grid", cls="H1B", notice_date=base + dt.timedelta(days=13), **shared),
    ]
    files.append(
        FileSpec(
            "t23-batch.pdf",
            "text-pdf",
            "multi: I-129 receipt, I-907 receipt, approval; one receipt number",
            [Part("grid", m1, "lib-sans")],
        )
    )
    who = mk.person()
    rec = mk.receipt_number("MSC", 2026)
    nxt = rec[:-5] + f"{int(rec[-5:]) + 1:05d}"
    day = dt.date(2026, 1, 12)
    m2 = [
        note("receipt", "I-485", "compact", people={"applicant": who}, receipt=rec, received=day, priority=True),
        note("receipt", "I-765", "compact", people={"applicant": who}, receipt=nxt, received=day),
    ]
    files.append(
        FileSpec(
            "t24-two-on-one.pdf",
            "text-pdf",
            "multi: two half-sheet receipts on one page",
            [Part("compact", m2, "lib-narrow", twoup=True)],
        )
    )
    bene3 = mk.person()
    day3 = dt.date(2025, 11, 3)
    sh3 = dict(people={"petitioner": COMPANIES[2], "beneficiary": bene3}, receipt="WAC2603012245", received=day3)
    m3 = [
        note("rfe", "I-129", "letter", notice_date=day3 + dt.timedelta(days=40), ctx={"pages": 2}, **sh3),
        note("approval", "I-129", "grid", notice_date=day3 + dt.timedelta(days=150), i94=True, cls="O1A", **sh3),
    ]
    files.append(
        FileSpec(
            "t25-rfe-then-approval.pdf",
            "text-pdf",
            "multi: RFE letter and the approval after it",
            [Part("letter", [m3[0]], "Liberation Serif"), Part("grid", [m3[1]], "carlito")],
        )
    )

    # --- text PDFs that are not notices ---------------------------------------------------------------
    files.append(
        FileSpec(
            "t26-cover-letter.pdf",
            "text-pdf",
            "not a notice: RFE response cover letter",
            [Part("cover", [], "Liberation Serif", extra={"receipt": "LIN2519944120"})],
        )
    )
    files.append(
        FileSpec(
            "t27-case-status.pdf",
            "text-pdf",
            "not a notice: case status printout",
            [Part("status", [], "dejavu-sans", extra={"receipt": "WAC2590217734"})],
        )
    )

    # --- scanned PDFs -----------------------------------------------------------------------------------
    single("s01.pdf", "scan-pdf", "grid", "lib-sans", note("receipt", "I-140", "grid", priority=True), **sc(300))
    single(
        "s02.pdf",
        "scan-pdf",
        "grid",
        "dejavu-sans",
        note("approval", "I-129", "grid", i94=True, cls="L1B"),
        **sc(200, jpeg=45),
    )
    single("s03.pdf", "scan-pdf", "ledger", "lib-mono", note("receipt", "I-129", "ledger"), **sc(200, rotate=180))
    single(
        "s04.pdf",
        "scan-pdf",
        "ledger",
        "dejavu-mono",
        note("approval", "I-130", "ledger", priority=True, styles={"date": "abbr"}),
        **sc(150, blur=0.5),
    )
    single("s05.pdf", "scan-pdf", "asc", "lib-sans", note("biometrics", "I-765", "asc"), **sc(200, fax=True))
    single(
        "s06.pdf",
        "scan-pdf",
        "asc",
        "carlito",
        note("biometrics", "I-539", "asc", styles={"anum": "spaced"}),
        **sc(250, note=["appt - tell client!", "rec'd 3/9, cal'd"]),
    )
    single(
        "s07.pdf",
        "scan-pdf",
        "compact",
        "dejavu-cond",
        note("receipt", "N-400", "compact", office="IOE"),
        **sc(300, rotate=90),
    )
    single(
        "s08.pdf",
        "scan-pdf",
        "letter",
        "Caladea",
        note("rfe", "I-140", "letter", priority=True, ctx={"pages": 2}),
        **sc(200, duplex=True),
    )
    single("s09.pdf", "scan-pdf", "letter", "Liberation Serif", note("noid", "I-130", "letter"), **sc(250))
    single(
        "s10.pdf",
        "scan-pdf",
        "portal",
        "lib-sans",
        note("receipt", "I-129F", "portal", styles={"date": "long"}),
        **sc(200),
    )
    single(
        "s11.pdf", "scan-pdf", "grid", "carlito", note("receipt", "I-90", "grid", styles={"anum": "eight"}), **sc(150)
    )
    single("s12.pdf", "scan-pdf", "letter", "Carlito", note("denial", "I-129", "letter"), **sc(200, fax=True))
    who2 = mk.person()
    r485 = mk.receipt_number("LIN", 2026)
    r765 = r485[:-5] + f"{int(r485[-5:]) + 1:05d}"
    d2 = dt.date(2026, 2, 2)
    sm1 = [
        note("receipt", "I-485", "grid", people={"applicant": who2}, receipt=r485, received=d2, priority=True),
        note("receipt", "I-765", "grid", people={"applicant": who2}, receipt=r765, received=d2),
        note("biometrics", "I-485", "asc", people={"applicant": who2}, receipt=r485, received=d2),
    ]
    files.append(
        FileSpec(
            "s13-one-applicant.pdf",
            "scan-pdf",
            "multi: two receipts and the biometrics notice, duplex",
            [Part("grid", sm1[:2], "dejavu-sans"), Part("asc", sm1[2:], "lib-sans")],
            scan=sc(200, duplex=True),
        )
    )
    who3 = mk.person()
    r131 = mk.receipt_number("MSC", 2025)
    r765b = r131[:-5] + f"{int(r131[-5:]) + 1:05d}"
    sm2 = [
        note("receipt", "I-131", "compact", people={"applicant": who3}, receipt=r131, styles={"date": "dash"}),
        note("receipt", "I-765", "compact", people={"applicant": who3}, receipt=r765b, styles={"date": "dash"}),
    ]
    files.append(
        FileSpec(
            "s14-two-on-one.pdf",
            "scan-pdf",
            "multi: two notices on one scanned sheet",
            [Part("compact", sm2, "lib-narrow", twoup=True)],
            scan=sc(250),
        )
    )
    files.append(
        FileSpec(
            "s15-cover-letter.pdf",
            "scan-pdf",
            "not a notice: cover letter, scanned",
            [Part("cover", [], "Caladea", extra={"receipt": "SRC2601187765"})],
            scan=sc(200),
        )
    )

    # --- mixed batches ------------------------------------------------------------------------------------
    x1 = [
        note("receipt", "I-129", "grid"),
        note("approval", "I-539", "grid", i94=True, cls="L2"),
        note("transfer", "I-751", "ledger"),
    ]
    files.append(
        FileSpec(
            "x1-mail.pdf",
            "mixed-pdf",
            "mixed: receipt, scanned I-797A, transfer",
            [
                Part("grid", [x1[0]], "lib-sans"),
                Part("grid", [x1[1]], "carlito"),
                Part("ledger", [x1[2]], "dejavu-mono"),
            ],
            scan=sc(200),
            scanned_parts=(1,),
        )
    )
    x2 = [
        note("biometrics", "I-131", "asc"),
        note("rfe", "I-539", "letter", ctx={"pages": 2}),
        note("receipt", "I-824", "compact"),
    ]
    files.append(
        FileSpec(
            "x2-mail.pdf",
            "mixed-pdf",
            "mixed: scanned appointment, RFE letter, scanned receipt",
            [
                Part("asc", [x2[0]], "dejavu-cond"),
                Part("letter", [x2[1]], "DejaVu Serif"),
                Part("compact", [x2[2]], "dejavu-cond"),
            ],
            scan=sc(200),
            scanned_parts=(0, 2),
        )
    )

    # --- images --------------------------------------------------------------------------------------------
    single(
        "i01.jpg",
        "image",
        "grid",
        "lib-sans",
        note("receipt", "I-485", "grid", priority=True),
        "jpeg",
        **sc(150, photo=True, jpeg=84),
    )
    single(
        "i02.jpg",
        "image",
        "asc",
        "carlito",
        note("biometrics", "I-131", "asc"),
        "jpeg",
        **sc(150, photo=True, jpeg=82, note=["Fri - bring EAD", "done 4/2"]),
    )
    single(
        "i03.png", "image", "grid", "dejavu-sans", note("approval", "I-129", "grid", cls="TN"), "png", **sc(200, jpeg=0)
    )
    single(
        "i04.png",
        "image",
        "ledger",
        "lib-mono",
        note("receipt", "I-140", "ledger", priority=True),
        "png",
        **sc(200, jpeg=0, rotate=270),
    )
    single(
        "i05.tif", "image", "compact", "lib-narrow", note("receipt", "I-765", "compact"), "tiff", **sc(200, fax=True)
    )
    single(
        "i06.jpg", "image", "letter", "Liberation Serif", note("noid", "I-129", "letter"), "jpeg", **sc(200, rotate=180)
    )
    single(
        "i07.jpg", "image", "portal", "carlito", note("receipt", "I-130", "portal", priority=True), "jpeg", **sc(200)
    )
    single(
        "i08.png",
        "image",
        "grid",
        "carlito",
        note("rejection", "I-131", "grid", amount=False),
        "png",
        **sc(150, jpeg=0),
    )
    single(
        "i09.jpg", "image", "letter", "Caladea", note("rfe", "I-539", "letter"), "jpeg", **sc(150, photo=True, jpeg=80)
    )
    bene4 = mk.person()
    sh4 = dict(
        people={"petitioner": COMPANIES[5], "beneficiary": bene4},
        receipt="EAC1016052210",
        received=dt.date(2010, 3, 29),
    )
    im1 = [
        note("receipt", "I-129", "ledger", fee="320.00", notice_date=dt.date(2010, 4, 2), **sh4),
        note("receipt", "I-907", "ledger", fee="1,000.00", notice_date=dt.date(2010, 4, 2), **sh4),
    ]
    files.append(
        FileSpec(
            "i10-premium.tif",
            "image",
            "multi: I-129 and I-907 receipts, two-page TIFF",
            [Part("ledger", im1, "lib-mono")],
            "tiff",
            sc(200, jpeg=0),
        )
    )
    files.append(
        FileSpec(
            "i11-invoice.jpg",
            "image",
            "not a notice: invoice with USCIS fees, photographed",
            [Part("invoice", [], "dejavu-sans", extra={"receipt": "EAC2524651873"})],
            "jpeg",
            sc(150, photo=True, jpeg=82),
        )
    )
    return files


# ---------------------------------------------------------------------------------------------
# Writing the set.


def _render_parts(files: list[FileSpec], seed: int, work: Path) -> None:
    docs: dict[str, bytes] = {}
    htmls: dict[str, str] = {}
    keyed: dict[str, Part] = {}
    for fi, spec in enumerate(files):
        for pi, part in enumerate(spec.parts):
            key = f"f{fi:02d}p{pi}"
            rng = random.Random(f"{seed}-{spec.name}-{pi}")  # a file's look does not depend on the others
            if part.family in ("grid",):
                part.pdf, part.pages = render_grid(part.notices, part.font)
            elif part.family in ("ledger", "asc", "compact"):
                part.pdf, part.pages = render_rl(part.family, part.notices, part.font, part.twoup)
            elif part.family == "invoice":
                part.pdf = render_invoice(part.font, rng, LAW_FIRMS[2], COMPANIES[1], part.extra["receipt"])
            elif part.family == "letter":
                docs[key] = letter_docx(part.notices[0], part.font, rng)
                keyed[key] = part
            elif part.family == "cover":
                docs[key] = cover_letter_docx(
                    part.font,
                    LAW_FIRMS[3],
                    part.extra["receipt"],
                    COMPANIES[6].upper(),
                    mk_name(rng),
                    "January 9, 2026",
                    "April 6, 2026",
                )
                keyed[key] = part
            elif part.family == "portal":
                htmls[key] = portal_html(part.notices[0], part.font)
                keyed[key] = part
            elif part.family == "status":
                htmls[key] = status_html(part.extra["receipt"], "I-129", "February 24, 2026", part.font)
                keyed[key] = part
            else:
                raise ValueError(part.family)
    for key, data in {**soffice_batch(docs, work), **chromium_batch(htmls)}.items():
        part = keyed[key]
        part.pdf = data
        count = len(pikepdf.open(io.BytesIO(data)).pages)
        part.pages = [list(range(1, count + 1)) for _ in part.notices]
        for n in part.notices:
            want = n.ctx.get("pages", 1)
            if count != want:
                raise SystemExit(f"{key}: {n.family} {n.kind} came out as {count} pages, not {want}")
    for spec in files:
        for part in spec.parts:
            part.pdf = tidy_pdf(part.pdf)
            texts = page_texts(part.pdf)
            for n, pages in zip(part.notices, part.pages, strict=True):
                check_notice(n, [texts[p - 1] for p in pages], f"{spec.name} {n.family} {n.kind} {n.form}")
            quoted = part.extra.get("receipt")
            if not part.notices and quoted and quoted not in _squash(" ".join(texts)):
                raise SystemExit(f"{spec.name}: the quoted receipt number is not printed")


def mk_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY).upper()}, {rng.choice(GIVEN).upper()}"


def _encode(img: Image.Image, o: dict[str, Any], dpi: int) -> bytes:
    buf = io.BytesIO()
    if img.mode == "1":
        img.save(buf, "TIFF", compression="group4", dpi=(204, 196))
    else:
        img.save(buf, "JPEG", quality=o.get("jpeg") or 85, dpi=(dpi, dpi))
    return buf.getvalue()


SCANNERS = ("MFP Scan to PDF 4.2", "DocCapture Station 2.7", "img2pdf 0.6.3", "OfficeScan Pro 11")


def _images_to_pdf(images: list[bytes], producer: str) -> bytes:
    import img2pdf

    with pikepdf.open(io.BytesIO(img2pdf.convert(images, nodate=True))) as pdf:
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary({"/Producer": pikepdf.String(producer)}))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return tidy_pdf(out.getvalue())


def _scan_pages(pdf: bytes, o: dict[str, Any], r: random.Random, g: np.random.Generator) -> list[Image.Image]:
    dpi = o["dpi"]
    colour = bool(o.get("note") or o.get("photo"))
    pages = raster(pdf, dpi, colour)
    out = []
    for i, img in enumerate(pages):
        if o.get("note") and i == 0:
            img = handwrite(img, r, o["note"], dpi)
        if o.get("photo"):
            img = photo(img, r, g)
            out.append(img)
            continue
        img = degrade(img, r, g, {**o, "jpeg": 0 if o.get("fax") else o.get("jpeg")})
        if o.get("fax"):
            img = fax(img, dpi, g)
        out.append(img)
    return out


def _effect(o: dict[str, Any]) -> str:
    bits = [f"{o['dpi']} dpi"]
    for key in ("photo", "fax", "duplex", "note"):
        if o.get(key):
            bits.append(key)
    if o.get("rotate"):
        bits.append(f"rotated {o['rotate']}")
    if not o.get("photo"):
        bits.append(f"skew {o['skew']}, blur {o['blur']}, jpeg {o.get('jpeg') or 'none'}")
    return "; ".join(bits)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    tmp.replace(path)


def build(spec: FileSpec, folder: Path, seed: int) -> dict[str, Any]:
    r = random.Random(f"{seed}-{spec.name}")
    g = np.random.default_rng([seed, zlib.crc32(spec.name.encode())])
    o = spec.scan
    notices: list[dict[str, Any]] = []
    entry: dict[str, Any] = {
        "medium": spec.medium,
        "format": spec.fmt,
        "effect": None,
        "dpi": None,
        "label": spec.label,
    }
    if spec.medium == "text-pdf":
        data = merge_pdfs([p.pdf for p in spec.parts])
        offset = 0
        for part in spec.parts:
            for n, pages in zip(part.notices, part.pages, strict=True):
                notices.append(n.truth([offset + p for p in pages]))
            offset += len(pikepdf.open(io.BytesIO(part.pdf)).pages)
        total = offset
        _write(folder / spec.name, data)
    elif spec.medium in ("scan-pdf", "mixed-pdf"):
        chunks: list[bytes] = []
        offset = 0
        for pi, part in enumerate(spec.parts):
            count = len(pikepdf.open(io.BytesIO(part.pdf)).pages)
            scanned = spec.medium == "scan-pdf" or pi in spec.scanned_parts
            step = 2 if scanned and o.get("duplex") else 1
            if scanned:
                imgs = _scan_pages(part.pdf, o, r, g)
                encoded = []
                for img in imgs:
                    encoded.append(_encode(img, o, o["dpi"]))
                    if step == 2:
                        encoded.append(_encode(blank_back(img, g, o.get("paper", 240)), o, o["dpi"]))
                chunks.append(_images_to_pdf(encoded, r.choice(SCANNERS)))
            else:
                chunks.append(part.pdf)
            for n, pages in zip(part.notices, part.pages, strict=True):
                notices.append(n.truth([offset + (p - 1) * step + 1 for p in pages]))
            offset += count * step
        total = offset
        _write(folder / spec.name, merge_pdfs(chunks))
        entry["effect"], entry["dpi"] = _effect(o), o["dpi"]
    else:
        pdf = merge_pdfs([p.pdf for p in spec.parts])
        imgs = _scan_pages(pdf, o, r, g)
        offset = 0
        for part in spec.parts:
            for n, pages in zip(part.notices, part.pages, strict=True):
                notices.append(n.truth([offset + p for p in pages]))
            offset += len(pikepdf.open(io.BytesIO(part.pdf)).pages)
        total = len(imgs)
        buf = io.BytesIO()
        if spec.fmt == "jpeg":
            imgs[0].convert("RGB").save(buf, "JPEG", quality=o.get("jpeg") or 85, dpi=(o["dpi"], o["dpi"]))
        elif spec.fmt == "png":
            imgs[0].save(buf, "PNG", dpi=(o["dpi"], o["dpi"]))
        elif len(imgs) == 1 and imgs[0].mode == "1":
            imgs[0].save(buf, "TIFF", compression="group4", dpi=(204, 196))
        else:
            imgs[0].save(
                buf, "TIFF", compression="tiff_lzw", save_all=True, append_images=imgs[1:], dpi=(o["dpi"], o["dpi"])
            )
        _write(folder / spec.name, buf.getvalue())
        entry["effect"], entry["dpi"] = _effect(o), o["dpi"]
    entry["pages"] = total
    entry["notices"] = notices
    return entry


def generate(folder: Path, seed: int = 1797, only: set[str] | None = None) -> dict[str, Any]:
    """Writes the set (or the files named in ``only``) and its truth.json into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = catalogue(seed)
    if only is not None:
        files = [f for f in files if f.name in only]
    with tempfile.TemporaryDirectory(prefix="notice-eval5-") as tmp:
        _render_parts(files, seed, Path(tmp))
    truth: dict[str, Any] = {"generator_version": GENERATOR_VERSION, "seed": seed, "files": {}}
    for spec in files:
        truth["files"][spec.name] = build(spec, folder, seed)
    _write(folder / "truth.json", json.dumps(truth, indent=1, sort_keys=True).encode("utf-8"))
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the fifth sealed notice evaluation set (issue 14).")
    parser.add_argument("out", type=Path, help="folder to write the files and truth.json into")
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.out, args.seed)
    notices = sum(len(e["notices"]) for e in truth["files"].values())
    print(f"{len(truth['files'])} files, {notices} notices -> {args.out}")


if __name__ == "__main__":
    os.umask(0o077)
    main()
