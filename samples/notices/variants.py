"""A second generator of fictional USCIS notices: layouts and writings the first one never draws.

``generate.py`` made the samples the notice reader was developed on; a reader
that scores well on them may have learned that generator. This module draws
notices its own way, from the description of I-797 notices in
``shared/DOMAIN.md`` and public descriptions of real ones (not from the
reader's patterns), to find out how the reader does on layouts it was not
tuned on. Every name, number, date and address here is invented.

Layout families (each in its own TrueType fonts, so text layers and glyph
shapes differ from the first generator's core fonts):

* ``band``: labels left of their values on one line, no colons, mixed case
  (``Receipt Number     WAC2690012345``), a name running onto a second line;
* ``colon-box``: ruled boxes holding ``RECEIPT NUMBER: ...`` on one line,
  upper case, the notice kind in a ``NOTICE TYPE:`` box;
* ``under``: values printed above rules with their labels under them, the kind
  only in the title, the A-Number on the applicant's first line;
* ``mono``: a fixed-pitch grid (Liberation Mono), labels over values, receipt
  numbers with hyphens, dates as ``01-OCT-2026``;
* ``payment``: the modern I-797C with a payment block (several fees, the
  total received last), ``Applicant`` box holding ``A# 238-312-000`` and
  the name below, dates as ``October 1, 2026``.

Writings vary by notice: dates (``06/01/2026``, ``June 1, 2026``, ``Jun. 1,
2026``, ``1 June 2026``, ``01-JUN-2026``, ``06-01-2026``), amounts (``$1,710.00``,
``$1710.00``, ``$ 630.00 U.S.``, ``$470``, ``USD 1,710.00``), A-Numbers
(``A238 312 000``, ``A-238-312-000``, ``A# 238312000``, ``A38312000``).

Scans and photos: pages rasterised with pdftoppm, then one of ``fax`` (1-bit,
speckled, TIFF), ``office`` (grey, skewed, JPEG), ``poor`` (150 dpi, blurred,
low-quality JPEG), ``photo`` (perspective, shadow, on a desk) or ``note`` (a
handwritten-looking note with a date across the margin), saved as PDF, JPEG,
PNG or TIFF.

Also: files that are not notices (a case-status web page printout, a fax
cover sheet), two notices of one person on one sheet, and batches of notices
sharing a receipt number with no page numbering.

    python samples/notices/variants.py --out /tmp/variants --count 120 --scans 12 --seed 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from docgen.notices.model import FIELDS

rl_config.invariant = 1

PAGE_W, PAGE_H = 612.0, 792.0
FONT_DIR = Path("/usr/share/fonts/truetype")
FONT_FILES = {
    "Sans": "liberation/LiberationSans-Regular.ttf",
    "Sans-Bold": "liberation/LiberationSans-Bold.ttf",
    "Serif": "liberation/LiberationSerif-Regular.ttf",
    "Serif-Bold": "liberation/LiberationSerif-Bold.ttf",
    "Mono": "liberation/LiberationMono-Regular.ttf",
    "Mono-Bold": "liberation/LiberationMono-Bold.ttf",
    "DejaVu": "dejavu/DejaVuSans.ttf",
    "DejaVu-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "Carlito": "crosextra/Carlito-Regular.ttf",
    "Carlito-Bold": "crosextra/Carlito-Bold.ttf",
    "Oblique": "dejavu/DejaVuSansCondensed-Oblique.ttf",
}
FALLBACK = {
    "Sans": "Helvetica",
    "Serif": "Times-Roman",
    "Mono": "Courier",
    "DejaVu": "Helvetica",
    "Carlito": "Helvetica",
}
_FONTS: dict[str, str] = {}


def font(name: str) -> str:
    """A registered font name (a TrueType font of the system, else the nearest PDF core font)."""
    if name in ("Courier", "Courier-Bold"):
        return name  # the PDF core font, as older notices were typed
    if name not in _FONTS:
        path = FONT_DIR / FONT_FILES[name]
        if path.exists():
            pdfmetrics.registerFont(TTFont(f"V-{name}", str(path)))
            _FONTS[name] = f"V-{name}"
        else:
            base, _, bold = name.partition("-")
            core = FALLBACK.get(base, "Helvetica")
            _FONTS[name] = core + ("-Bold" if bold and core != "Times-Roman" else "-Bold" if bold else "")
            if core == "Times-Roman" and bold:
                _FONTS[name] = "Times-Bold"
    return _FONTS[name]


# -------------------------------------------------------------------- truth

FORMS = {
    "I-129": ("PETITION FOR A NONIMMIGRANT WORKER", "petition"),
    "I-140": ("IMMIGRANT PETITION FOR ALIEN WORKER", "petition"),
    "I-130": ("PETITION FOR ALIEN RELATIVE", "family"),
    "I-129F": ("PETITION FOR ALIEN FIANCE(E)", "family"),
    "I-907": ("REQUEST FOR PREMIUM PROCESSING SERVICE", "petition"),
    "I-485": ("APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS", "applicant"),
    "I-765": ("APPLICATION FOR EMPLOYMENT AUTHORIZATION", "applicant"),
    "I-131": ("APPLICATION FOR TRAVEL DOCUMENT", "applicant"),
    "I-539": ("APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS", "applicant"),
    "I-751": ("PETITION TO REMOVE CONDITIONS ON RESIDENCE", "applicant"),
    "I-90": ("APPLICATION TO REPLACE PERMANENT RESIDENT CARD", "applicant"),
    "N-400": ("APPLICATION FOR NATURALIZATION", "applicant"),
    "I-821D": ("CONSIDERATION OF DEFERRED ACTION FOR CHILDHOOD ARRIVALS", "applicant"),
    "N-600": ("APPLICATION FOR CERTIFICATE OF CITIZENSHIP", "applicant"),
    "I-601": ("APPLICATION FOR WAIVER OF GROUNDS OF INADMISSIBILITY", "applicant"),
    "I-360": ("PETITION FOR AMERASIAN, WIDOW(ER), OR SPECIAL IMMIGRANT", "petition"),
    "I-526": ("IMMIGRANT PETITION BY ALIEN INVESTOR", "petition"),
}
KINDS = {
    "receipt": [
        "I-129",
        "I-140",
        "I-130",
        "I-129F",
        "I-907",
        "I-485",
        "I-765",
        "I-131",
        "I-539",
        "I-751",
        "I-90",
        "N-400",
        "I-821D",
        "N-600",
        "I-601",
        "I-360",
        "I-526",
    ],
    "approval": ["I-129", "I-140", "I-130", "I-765", "I-131", "I-539", "I-751", "I-360"],
    "rfe": ["I-129", "I-140", "I-485", "I-130", "I-539", "I-601"],
    "biometrics": ["I-485", "I-765", "I-131", "I-539", "I-90", "N-400", "I-751", "I-821D"],
    "transfer": ["I-485", "I-130", "I-539", "N-400", "I-129"],
    "rejection": ["I-129", "I-765", "I-130", "I-90"],
    "noid": ["I-129", "I-140", "I-130", "I-751"],
    "denial": ["I-129", "I-765", "I-539", "I-485", "I-131"],
}
# What the notice kind is called in a Notice Type line or title.
KIND_NAMES = {
    "receipt": ["Receipt Notice", "Receipt"],
    "approval": ["Approval Notice", "Approval"],
    "rfe": ["Request for Evidence", "Request for Additional Evidence"],
    "biometrics": ["ASC Appointment Notice", "Biometrics Appointment Notice", "Fingerprint Notification"],
    "transfer": ["Transfer Notice", "Notice of Transfer"],
    "rejection": ["Rejection Notice"],
    "noid": ["Notice of Intent to Deny"],
    "denial": ["Denial Notice", "Notice of Denial"],
}
FORM_TITLE = {
    "receipt": "I-797C",
    "biometrics": "I-797C",
    "transfer": "I-797C",
    "rejection": "I-797C",
    "approval": "I-797",
    "rfe": "I-797E",
    "noid": "I-797",
    "denial": "I-797",
}
OFFICES = {
    "WAC": "CALIFORNIA SERVICE CENTER, P.O. BOX 30111, LAGUNA NIGUEL CA 92607-0111",
    "EAC": "VERMONT SERVICE CENTER, 75 LOWER WELDEN STREET, SAINT ALBANS VT 05479-0001",
    "LIN": "NEBRASKA SERVICE CENTER, P.O. BOX 82521, LINCOLN NE 68501-2521",
    "SRC": "TEXAS SERVICE CENTER, 6046 N BELT LINE RD, IRVING TX 75038-0001",
    "MSC": "NATIONAL BENEFITS CENTER, P.O. BOX 648003, LEE'S SUMMIT MO 64002",
    "IOE": "USCIS ELIS, P.O. BOX 1140, ARLINGTON VA 22202",
    "NBC": "NATIONAL BENEFITS CENTER, P.O. BOX 648005, LEE'S SUMMIT MO 64002",
    "YSC": "POTOMAC SERVICE CENTER, 2200 POTOMAC AVE, ARLINGTON VA 22202",
}
CLASSES = {
    "I-129": ["H1B", "L1A", "L1B", "O1A", "E3", "TN", "H2B", "R1"],
    "I-140": ["E21", "E31", "E13", "E11"],
    "I-765": ["C9", "C26", "C3C", "A5"],
    "I-360": ["SD6", "EB4"],
    "I-539": ["H4", "L2", "B2"],
}
GIVEN = [
    "MARISOL",
    "KWAME",
    "IRINA",
    "DEVIKA",
    "HAMID",
    "SIOBHAN",
    "TOMASZ",
    "ANH",
    "OLUFEMI",
    "BEATRIZ",
    "RAFAEL",
    "YUSUF",
    "INGRID",
    "PRAKASH",
    "LUCIA",
    "CHIOMA",
]
FAMILY = [
    "ABERNATHY-QUISPE",
    "O'DONNELL",
    "VAN DER BERG",
    "NWACHUKWU",
    "KOWALCZYK",
    "DELACROIX",
    "TRAN",
    "ISMAILOV",
    "FONSECA",
    "LINDQVIST",
    "RAMIREZ DE LA PAZ",
    "BHATTACHARYA",
    "MCALLISTER",
    "OKONKWO",
]
COMPANIES = [
    "HALCYON MICROSYSTEMS, INC.",
    "RIVERBEND CLINICAL RESEARCH LLC",
    "SOLSTICE AEROSPACE CORP",
    "GRANITE & PINE ARCHITECTS PC",
    "QUANTA LEDGER TECHNOLOGIES INC",
    "NORTHERN LIGHTS PEDIATRIC AND ADOLESCENT MEDICAL ASSOCIATES PLLC",
    "TRANSCONTINENTAL SEMICONDUCTOR DESIGN AND VERIFICATION SERVICES LLC",
]
ASCS = [
    "USCIS BALTIMORE ASC, 3701 KOPPERS STREET, BALTIMORE MD 21227",
    "USCIS DENVER ASC, 12445 EAST CALEY AVENUE, CENTENNIAL CO 80111",
    "USCIS NEWARK ASC, 1886 SPRINGFIELD AVENUE, MAPLEWOOD NJ 07040",
]
ADDRESSEES = [
    ["RUTH ABERNATHY ESQ", "ABERNATHY & OKONKWO LLP", "450 LEXINGTON AVE FL 12", "NEW YORK NY 10017"],
    ["GRANITE & PINE ARCHITECTS PC", "C/O HUMAN RESOURCES", "88 HARBOR DRIVE", "PORTLAND ME 04101"],
]
DATE_WRITINGS = ["%m/%d/%Y", "{B} {d}, %Y", "{b}. {d}, %Y", "{d} {B} %Y", "%d-{bu}-%Y", "%m-%d-%Y", "{b} %d, %Y"]
FAMILIES = ["band", "colon-box", "under", "mono", "payment"]
# Third round (drawn only with --new-families): a ruled table with values in grid cells, and a
# two-column page (small-type key fields in a left column, the letter right of them, the kind only
# in the title, the appointment and the response date only in sentences).
NEW_FAMILIES = ["table", "twocol"]
# Fourth round (drawn only with --grid-families): a header grid with each label on its own row and its value
# on the next (``Receipt #``, ``Type of Notice``, the applicant's A-Number and name on one line), and an
# older Courier page typed as padded lines, four notices of one person to a file.
GRID_FAMILIES = ["rows", "courier"]
FAMILIES_USED: list[str] = list(FAMILIES)
WEEKDAY_WRITINGS = ["{A}, {B} {d}, %Y", "{B} {d}, %Y", "%m/%d/%Y", "{a} {b} {d} %Y"]
CLOCK_WRITINGS = ["{h}:{m} {ap}", "{h}:{m} {apd}", "{H}:{m}", "{h}:{m}{apl}"]


def write_date(iso: str | None, writing: str) -> str:
    """A date in one writing (``{B}``: full month, ``{b}``: short month, ``{bu}``: short month upper, ``{d}``: day)."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    text = writing.replace("{B}", day.strftime("%B")).replace("{bu}", day.strftime("%b").upper())
    text = text.replace("{b}", day.strftime("%b")).replace("{d}", str(day.day))
    return day.strftime(text)


def write_clock(hhmm: str, writing: int) -> str:
    when = dt.time.fromisoformat(hhmm)
    hour = (when.hour - 1) % 12 + 1
    ap = "AM" if when.hour < 12 else "PM"
    return CLOCK_WRITINGS[writing % len(CLOCK_WRITINGS)].format(
        h=hour, m=f"{when.minute:02d}", H=f"{when.hour:02d}", ap=ap, apd=ap[0].lower() + ".m.", apl=ap.lower()
    )


def write_day(iso: str, writing: int) -> str:
    """A date with its weekday, as appointment letters write it (``Tuesday, June 2, 2026``)."""
    day = dt.date.fromisoformat(iso)
    text = WEEKDAY_WRITINGS[writing % len(WEEKDAY_WRITINGS)]
    text = text.replace("{A}", day.strftime("%A")).replace("{a}", day.strftime("%a"))
    text = text.replace("{B}", day.strftime("%B")).replace("{b}", day.strftime("%b")).replace("{d}", str(day.day))
    return day.strftime(text)


def write_money(amount: str, writing: int) -> str:
    whole, cents = amount.split(".")
    grouped = f"{int(whole):,}"
    return [
        f"${grouped}.{cents}",
        f"${whole}.{cents}",
        f"$ {grouped}.{cents} U.S.",
        f"${grouped}",
        f"USD {grouped}.{cents}",
        f"${grouped}.{cents} USD",
    ][writing]


def write_anumber(number: str, writing: int) -> str:
    a, b, c = number[:3], number[3:6], number[6:]
    if writing == 5 and number.startswith("0"):
        return f"A{number[1:]}"  # eight digits, as older cards print them
    return [f"A{a} {b} {c}", f"A-{a}-{b}-{c}", f"A# {number}", f"A{number}", f"A {a}-{b}-{c}", f"A{number}"][writing]


def write_receipt(number: str, hyphens: bool) -> str:
    return f"{number[:3]}-{number[3:5]}-{number[5:8]}-{number[8:]}" if hyphens else number


@dataclass
class Notice:
    """One notice to draw: its truth (the expected JSON fields) and how to write it."""

    truth: dict[str, Any]
    family: str
    pages: int = 1
    numbered: bool = True  # "Page n of N" printed
    date_writing: str = "%m/%d/%Y"
    money_writing: int = 0
    anumber_writing: int = 0
    kind_name: str = ""
    hyphen_receipt: bool = False
    addressee: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # fourth round: the wording of each label

    def get(self, name: str) -> Any:
        return self.truth[name]

    def date(self, name: str) -> str:
        return write_date(self.truth[name], self.date_writing)

    def expected(self, first_page: int) -> dict[str, Any]:
        return {"pages": list(range(first_page, first_page + self.pages)), **self.truth}


def random_notice(rng: random.Random, family: str | None = None) -> Notice:
    """A random, fictional notice of any kind and form in one of the families."""
    kind = rng.choice(list(KINDS))
    form = rng.choice(KINDS[kind])
    role = FORMS[form][1]
    family = family or rng.choice(FAMILIES)
    office = rng.choice(list(OFFICES))
    year = rng.choice([2023, 2024, 2025, 2026])
    receipt = f"{office}{year % 100:02d}{rng.randrange(10**8):08d}"
    received = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    notice_date = received + dt.timedelta(days=rng.randrange(2, 240))
    person = f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" + (
        f" {rng.choice('ABCDEJKMR')}" if rng.random() < 0.4 else ""
    )
    truth: dict[str, Any] = dict.fromkeys(FIELDS)
    truth.update(notice_type=kind, form=form, receipt_number=receipt, notice_date=notice_date.isoformat())
    if kind != "rejection" or rng.random() < 0.7:
        truth["received_date"] = received.isoformat()
    if role == "applicant":
        truth["applicant"] = person
        if rng.random() < 0.7:
            truth["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    else:
        truth["beneficiary"] = person
        truth["petitioner"] = (
            f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" if role == "family" else rng.choice(COMPANIES)
        )
    if form in ("I-140", "I-130", "I-360", "I-526") and kind not in ("biometrics",):
        truth["priority_date"] = (received - dt.timedelta(days=rng.randrange(0, 700))).isoformat()
    if form in CLASSES and kind in ("receipt", "approval", "rfe", "noid", "denial") and rng.random() < 0.8:
        truth["classification"] = rng.choice(CLASSES[form])
    if kind in ("receipt", "rejection"):
        truth["amount"] = rng.choice(["470.00", "630.00", "1710.00", "2805.00", "1440.00", "85.00", "555.00", "410.00"])
    if kind in ("rfe", "noid"):
        truth["response_due"] = (notice_date + dt.timedelta(days=rng.choice([33, 30, 84, 87]))).isoformat()
    if kind == "biometrics":
        when = notice_date + dt.timedelta(days=rng.randrange(10, 45))
        truth["appointment"] = {
            "date": when.isoformat(),
            "time": f"{rng.randrange(8, 16):02d}:{rng.choice(['00', '15', '30', '45'])}",
            "location": rng.choice(ASCS),
        }
    if kind == "approval" and form in ("I-129", "I-539", "I-765", "I-131"):
        start = notice_date + dt.timedelta(days=rng.randrange(0, 60))
        truth["valid_from"] = start.isoformat()
        truth["valid_to"] = (start + dt.timedelta(days=rng.choice([364, 729, 1094]))).isoformat()
        if form in ("I-129", "I-539") and rng.random() < 0.6:
            truth["i94_number"] = f"{rng.randrange(10**9, 10**10):010d}" + rng.choice("0123456789")
            truth["i94_number"] = truth["i94_number"][:9] + rng.choice("A0123456789B") + truth["i94_number"][10]
    return Notice(
        truth=truth,
        family=family,
        pages=2 if kind == "rfe" and rng.random() < 0.5 else 1,
        numbered=family != "under" and rng.random() < 0.85,
        date_writing=rng.choice(DATE_WRITINGS),
        money_writing=rng.randrange(6),
        anumber_writing=rng.randrange(6),
        kind_name=rng.choice(KIND_NAMES[kind]),
        hyphen_receipt=family == "mono" or rng.random() < 0.1,
        addressee=rng.choice(ADDRESSEES),
    )


# ------------------------------------------------------------------ drawing


class Pen:
    """A reportlab canvas with text that shrinks to fit a width."""

    def __init__(self, pdf: canvas.Canvas) -> None:
        self.pdf = pdf

    def text(self, x: float, y: float, text: str, face: str = "Sans", size: float = 10, width: float = 0) -> None:
        name = font(face)
        width = width or PAGE_W - 30 - x
        while size > 6 and pdfmetrics.stringWidth(text, name, size) > width:
            size -= 0.5
        self.pdf.setFont(name, size)
        self.pdf.drawString(x, y, text)

    def para(self, x: float, y: float, text: str, width: float, face: str = "Serif", size: float = 10) -> float:
        for line in simpleSplit(text, font(face), size, width):
            self.text(x, y, line, face, size)
            y -= size * 1.3
        return y - size * 0.5

    def wrap(self, text: str, face: str, size: float, width: float) -> list[str]:
        return simpleSplit(text, font(face), size, width)


def _parties(n: Notice) -> list[tuple[str, list[str]]]:
    """The party boxes: the applicant's A-Number on the line above the name."""
    if n.get("applicant"):
        lines = [write_anumber(n.get("a_number"), n.anumber_writing)] if n.get("a_number") else []
        return [("Applicant", [*lines, n.get("applicant")])]
    return [("Petitioner", [n.get("petitioner")]), ("Beneficiary", [n.get("beneficiary")])]


def _case_type(n: Notice, style: int) -> str:
    form = n.get("form")
    title = FORMS[form][0]
    return [f"{form.replace('-', '')} - {title}", f"{form} - {title.title()}", f"Form {form}, {title.title()}"][style]


BOILERPLATE = {
    "receipt": "We have received your form and are processing it. Our records show the information above. If any "
    "of it is wrong, contact us. We may ask for more evidence: if we issue a request for evidence or a notice of "
    "intent to deny, respond by the date it gives. This notice is not an approval and grants no status.",
    "approval": "The above petition or application has been approved. If the notice has a tear-off I-94 below, "
    "that record replaces the one you had. This notice does not guarantee a visa; a denial of a visa is decided by "
    "the Department of State.",
    "rfe": "Additional evidence is needed before we can decide this case. Send what is listed below. Your response "
    "must be received in this office by {due}. If you do not respond, we may deny the case as abandoned.",
    "biometrics": "To process your case we must take your fingerprints and photograph. Please come to the Application "
    "Support Center below. If you do not appear, your case may be denied.",
    "transfer": "To speed processing we have transferred your case to the office below. You do not need to do "
    "anything. A request for evidence, if any, will come from that office.",
    "rejection": "We are returning your filing because it was not properly filed: the fee was not correct. "
    "The fee shown is refunded. You may file again with the right fee; this is not a denial.",
    "noid": "Based on the record we intend to deny this case for the reasons below. You may submit evidence to "
    "rebut them. Your response must be received in this office by {due}.",
    "denial": "After reviewing the record we have denied this case for the reasons in the enclosed decision. "
    "You may file a motion to reopen or an appeal within 33 days; a request for evidence is no longer possible.",
}


def _body(pen: Pen, n: Notice, y: float, face: str) -> float:
    text = BOILERPLATE[n.get("notice_type")].replace("{due}", n.date("response_due"))
    y = pen.para(44, y, text, 520, face, 9.5)
    if n.get("form") == "I-907":
        y = pen.para(
            44,
            y,
            "Premium processing: within 15 business days we will issue an approval notice, a request for "
            "evidence, or a notice of intent to deny, or open an investigation.",
            520,
            face,
            9.5,
        )
    return y


def _banner(pen: Pen, n: Notice, bold: str, page: int) -> None:
    pen.text(200, 758, "THE UNITED STATES OF AMERICA", bold, 14)
    pen.text(40, 736, f"{FORM_TITLE[n.get('notice_type')]}, Notice of Action", bold, 11)
    pen.text(400, 742, "Department of Homeland Security", bold.split("-")[0], 8)
    pen.text(400, 732, "U.S. Citizenship and Immigration Services", bold.split("-")[0], 8)


def _footer(pen: Pen, n: Notice, face: str) -> None:
    office = OFFICES[n.get("receipt_number")[:3]]
    y = 86.0
    for part in office.split(", "):
        pen.text(44, y, part, face, 8)
        y -= 10
    pen.text(360, 60, "Form I-797C 01/01/26", face, 7)


def _numbering(n: Notice, page: int) -> str:
    return f"{page} of {n.pages}" if n.numbered else ""


def _band(pen: Pen, n: Notice, page: int) -> float:
    """Labels left of their values, no colons, mixed case; long names wrap under the value."""
    face, bold = "Serif", "Serif-Bold"
    _banner(pen, n, bold, page)
    y = 706.0
    rows: list[tuple[str, str, str, str]] = [
        ("Receipt Number", write_receipt(n.get("receipt_number"), n.hyphen_receipt), "Case Type", _case_type(n, 1)),
        ("Received Date", n.date("received_date"), "Priority Date", n.date("priority_date")),
        ("Notice Date", n.date("notice_date"), "Page", _numbering(n, page)),
    ]
    for left, value, right, other in rows:
        pen.text(40, y, left, bold, 9)
        pen.text(130, y, value, face, 10, 150)
        pen.text(300, y, right, bold, 9)
        pen.text(380, y, other, face, 10, 200)
        y -= 15
    y -= 4
    for label, lines in _parties(n):
        pen.text(40, y, label, bold, 9)
        for line in lines:
            for part in pen.wrap(line, face, 10, 260):
                pen.text(130, y, part, face, 10, 270)
                y -= 12.5
        y -= 3
    pen.text(40, y - 4, "Notice Type", bold, 9)
    pen.text(130, y - 4, n.kind_name, face, 10)
    return y - 26


def _colon_box(pen: Pen, n: Notice, page: int) -> float:
    """Ruled boxes, each holding LABEL: value on one line; upper case; the kind in a NOTICE TYPE box."""
    face, bold = "DejaVu", "DejaVu-Bold"
    _banner(pen, n, bold, page)
    pdf = pen.pdf
    pdf.setLineWidth(0.7)

    def box(x0: float, x1: float, top: float, label: str, value: str, height: float = 20) -> None:
        pdf.rect(x0, top - height, x1 - x0, height)
        pen.text(x0 + 4, top - 13, f"{label}: {value}".rstrip(), face, 8.5, x1 - x0 - 8)

    top = 712.0
    box(36, 300, top, "NOTICE TYPE", n.kind_name.upper())
    box(300, 576, top, "NOTICE DATE", n.date("notice_date"))
    top -= 20
    box(36, 300, top, "RECEIPT NUMBER", write_receipt(n.get("receipt_number"), n.hyphen_receipt))
    box(300, 576, top, "CASE TYPE", _case_type(n, 0))
    top -= 20
    box(36, 220, top, "RECEIVED DATE", n.date("received_date"))
    box(220, 420, top, "PRIORITY DATE", n.date("priority_date"))
    box(420, 576, top, "PAGE", _numbering(n, page))
    top -= 20
    for label, lines in _parties(n):
        text = " ".join(lines)
        parts = pen.wrap(f"{label.upper()}: {text}", face, 8.5, 530)
        height = 8 + 11 * len(parts)
        pdf.rect(36, top - height, 540, height)
        y = top - 13
        for part in parts:
            pen.text(40, y, part, face, 8.5, 532)
            y -= 11
        top -= height
    return top - 24


def _under(pen: Pen, n: Notice, page: int) -> float:
    """Values above rules, their labels under them; the notice kind only as the title."""
    face, bold = "Carlito", "Carlito-Bold"
    pen.text(200, 758, "THE UNITED STATES OF AMERICA", bold, 14)
    pen.text(40, 732, f"{FORM_TITLE[n.get('notice_type')]} Notice of Action", bold, 10)
    pen.text(40, 714, n.kind_name.upper(), bold, 14)
    pdf = pen.pdf

    def item(x: float, base: float, width: float, label: str, lines: list[str]) -> None:
        y = base + 12 * (len(lines) - 1)
        for line in lines:
            if line:
                pen.text(x, y, line, face, 10.5, width)
            y -= 12
        pdf.setLineWidth(0.4)
        pdf.line(x, base - 3, x + width - 8, base - 3)
        pen.text(x, base - 11, label.upper(), face, 6.5)

    y = 684.0
    item(40, y, 170, "Receipt Number", [write_receipt(n.get("receipt_number"), n.hyphen_receipt)])
    item(215, y, 360, "Case Type", [_case_type(n, 0)])
    y -= 34
    item(40, y, 120, "Received Date", [n.date("received_date")])
    item(165, y, 120, "Priority Date", [n.date("priority_date")])
    item(290, y, 120, "Notice Date", [n.date("notice_date")])
    parties = _parties(n)
    tallest = max(len(lines) for _, lines in parties)
    y -= 34 + 12 * (tallest - 1)
    item(40, y, 265, parties[0][0], parties[0][1])
    if len(parties) > 1:
        item(315, y, 260, parties[1][0], parties[1][1])
    return y - 34


def _mono(pen: Pen, n: Notice, page: int) -> float:
    """A fixed-pitch grid: labels over values, padded with spaces, drawn one line per run."""
    face = "Mono"
    pen.text(190, 758, "THE UNITED STATES OF AMERICA", "Mono-Bold", 13)
    pen.text(40, 736, f"FORM {FORM_TITLE[n.get('notice_type')]}   NOTICE OF ACTION", "Mono-Bold", 10)
    receipt = write_receipt(n.get("receipt_number"), True)
    parties = _parties(n)
    columns = (0, 24, 44)

    def line(y: float, cells: list[str]) -> None:
        text = ""
        for column, cell in zip(columns, cells, strict=False):
            if cell:
                text = text.ljust(max(column, len(text) + 3)) + cell
        pen.text(40, y, text, face, 9.5, 540)

    rows = [
        ["RECEIPT NUMBER", "CASE TYPE", ""],
        [receipt, _case_type(n, 0)[:40], ""],
        ["RECEIVED DATE", "PRIORITY DATE", "NOTICE DATE"],
        [n.date("received_date").upper(), n.date("priority_date").upper(), n.date("notice_date").upper()],
        [parties[0][0].upper(), "", "PAGE"],
        [parties[0][1][0], "", _numbering(n, page)],
    ]
    rows += [[extra, "", ""] for extra in parties[0][1][1:]]
    if len(parties) > 1:
        rows += [[parties[1][0].upper(), "", ""], [parties[1][1][0], "", ""]]
    y = 712.0
    for row in rows:
        line(y, row)
        y -= 12
    pen.text(40, y - 8, f"NOTICE TYPE: {n.kind_name.upper()}", "Mono-Bold", 10)
    return y - 34


def _payment(pen: Pen, n: Notice, page: int) -> float:
    """The modern I-797C: small labels above values in boxes, a payment block on receipts."""
    face, bold = "Sans", "Sans-Bold"
    _banner(pen, n, bold, page)
    pdf = pen.pdf
    pdf.setLineWidth(0.5)

    def box(x0: float, x1: float, top: float, height: float, label: str, lines: list[str]) -> None:
        pdf.rect(x0, top - height, x1 - x0, height)
        pen.text(x0 + 3, top - 8, label, face, 6.5)
        y = top - 20
        for line in lines:
            parts = pen.wrap(line, bold, 9.5, x1 - x0 - 8) if height > 30 else [line]
            for part in parts if line else []:
                pen.text(x0 + 4, y, part, bold, 9.5, x1 - x0 - 6)
                y -= 11

    top = 716.0
    box(36, 200, top, 28, "Receipt Number", [write_receipt(n.get("receipt_number"), n.hyphen_receipt)])
    box(200, 576, top, 28, "Case Type", [_case_type(n, 0)])
    top -= 28
    box(36, 146, top, 28, "Received Date", [n.date("received_date")])
    box(146, 256, top, 28, "Priority Date", [n.date("priority_date")])
    box(256, 366, top, 28, "Notice Date", [n.date("notice_date")])
    box(366, 436, top, 28, "Page", [_numbering(n, page)])
    top -= 28
    parties = _parties(n)
    tall = 20 + 11 * max(len(pen.wrap(" ".join(lines), bold, 9.5, 260)) + len(lines) - 1 for _, lines in parties)
    box(36, 306, top, tall, parties[0][0], parties[0][1])
    if len(parties) > 1:
        box(306, 576, top, tall, parties[1][0], parties[1][1])
    top -= tall + 16
    pen.text(320, top, f"Notice Type: {n.kind_name}", face, 9.5)
    y = top - 14
    if n.get("classification"):
        pen.text(320, y, f"Class Requested: {n.get('classification')}", face, 9.5)
        y -= 14
    return min(y, top - 10) - 10


def _payment_block(pen: Pen, n: Notice, y: float, face: str) -> float:
    amount = n.get("amount")
    if not amount:
        return y
    if n.get("notice_type") == "rejection":
        pen.text(44, y, f"Fee Returned: {write_money(amount, n.money_writing)}", face, 9.5)
        return y - 20
    if n.family == "payment":
        total = float(amount)
        fee = f"{max(total - 85.0, 0.0):.2f}" if total > 300 else amount
        bio = f"{total - float(fee):.2f}"
        rows = [
            ("Payment Information:", ""),
            ("Application/Petition Fee:", write_money(fee, 0)),
            ("Biometrics Fee:", write_money(bio, 0)),
            ("Total Amount Received:", write_money(amount, n.money_writing)),
            ("Total Balance Due:", "$0.00"),
        ]
        for label, value in rows:
            pen.text(44, y, label, face, 9.5)
            pen.text(200, y, value, face, 9.5)
            y -= 12
        return y - 10
    pen.text(44, y, f"Amount Received: {write_money(amount, n.money_writing)}", face, 9.5)
    return y - 20


def _approval_block(pen: Pen, n: Notice, y: float, face: str) -> float:
    parts = []
    if n.get("classification") and n.family != "payment":
        parts.append(f"Classification: {n.get('classification')}")
    if n.get("valid_from"):
        parts.append(f"Validity Dates: {n.date('valid_from')} to {n.date('valid_to')}")
    for part in parts:
        pen.text(44, y, part, face, 9.5)
        y -= 14
    return y - 6


def _appointment(pen: Pen, n: Notice, y: float, face: str, bold: str) -> float:
    appt = n.get("appointment")
    pen.text(44, y, "Application Support Center", bold, 9)
    pen.text(330, y, "Appointment Date and Time", bold, 9)
    left = y - 13
    for part in appt["location"].split(", "):
        pen.text(44, left, part, face, 10)
        left -= 12
    when = dt.time.fromisoformat(appt["time"])
    clock = f"{(when.hour - 1) % 12 + 1}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"
    pen.text(330, y - 13, write_date(appt["date"], n.date_writing), face, 10)
    pen.text(330, y - 25, clock, face, 10)
    return min(left, y - 30) - 14


def _tear_off(pen: Pen, n: Notice, face: str) -> None:
    pdf = pen.pdf
    pdf.setDash(3, 3)
    pdf.line(36, 200, 576, 200)
    pdf.setDash()
    number = n.get("i94_number")
    pen.text(40, 186, "Detach this portion and keep it with your passport.", face, 7)
    pen.text(40, 170, "I-94 Record Number", face, 7.5)
    pen.text(40, 156, number, "Mono-Bold", 12)
    pen.text(250, 170, "Name", face, 7.5)
    pen.text(250, 156, n.get("beneficiary") or n.get("applicant") or "", "Mono-Bold", 10)
    pen.text(40, 136, f"Class: {n.get('classification') or ''}   Until: {n.date('valid_to')}", face, 9)


HEADERS = {"band": _band, "colon-box": _colon_box, "under": _under, "mono": _mono, "payment": _payment}
FACES = {
    "band": ("Serif", "Serif-Bold"),
    "colon-box": ("DejaVu", "DejaVu-Bold"),
    "under": ("Carlito", "Carlito-Bold"),
    "mono": ("Mono", "Mono-Bold"),
    "payment": ("Sans", "Sans-Bold"),
}
EVIDENCE = [
    "1. Submit evidence that the proffered position is a specialty occupation, such as a detailed description "
    "of the duties and the share of time spent on each.",
    "2. Submit copies of the beneficiary's pay statements for the most recent three months.",
    "3. Submit evidence that the petitioner has the ability to pay the proffered wage from the priority date.",
]


def _variant(n: Notice) -> int:
    """A stable per-notice choice of sub-layout (from its receipt number, so old seeds draw as before)."""
    return int(n.get("receipt_number")[-4:])


def _table(pen: Pen, n: Notice, page: int) -> float:
    """A ruled table: label cells left of value cells, two pairs a row; names wrap inside their cell."""
    face, bold = ("Carlito", "Carlito-Bold") if _variant(n) % 2 else ("DejaVu", "DejaVu-Bold")
    upper = _variant(n) % 3 == 0
    _banner(pen, n, bold, page)
    pdf = pen.pdf
    pdf.setLineWidth(0.6)
    if n.get("applicant"):
        parties = [
            (
                "Applicant",
                n.get("applicant"),
                "A-Number",
                write_anumber(n.get("a_number"), n.anumber_writing) if n.get("a_number") else "",
            )
        ]
    else:
        parties = [("Petitioner", n.get("petitioner"), "Beneficiary", n.get("beneficiary"))]
    rows = [
        (
            "Receipt Number",
            write_receipt(n.get("receipt_number"), n.hyphen_receipt),
            "Notice Date",
            n.date("notice_date"),
        ),
        ("Case Type", _case_type(n, 2), "Page", _numbering(n, page)),
        ("Received Date", n.date("received_date"), "Priority Date", n.date("priority_date")),
        ("Notice Type", n.kind_name, "Class", n.get("classification") or ""),
        *parties,
    ]
    cells = ((36, 122), (122, 306), (306, 392), (392, 576))
    top = 716.0
    for row in rows:
        wrapped = [pen.wrap(row[1], face, 9, 176), pen.wrap(row[3], face, 9, 176)]
        height = 8 + 11 * max(1, *(len(w) for w in wrapped))
        for (x0, x1), text, index in zip(cells, row, range(4), strict=True):
            if index % 2 == 0:
                pdf.setFillGray(0.88)
                pdf.rect(x0, top - height, x1 - x0, height, fill=1)
                pdf.setFillGray(0)
                pen.text(x0 + 3, top - 12, text.upper() if upper else text, bold, 8, x1 - x0 - 5)
            else:
                pdf.rect(x0, top - height, x1 - x0, height)
                y = top - 12
                for part in wrapped[index // 2]:
                    pen.text(x0 + 4, y, part, face, 9, x1 - x0 - 6)
                    y -= 11
        top -= height
    return top - 20


DUE_SENTENCES = [
    "Your response must be received by {due}.",
    "You must submit the requested evidence no later than {due}.",
    "We must receive your response on or before {due}, or we may deny the case.",
    "Please respond by {due}. A response received after that date may not be considered.",
]
APPOINTMENT_SENTENCES = [
    "You are scheduled to appear for biometrics on {day} at {clock} at the following location:",
    "Your appointment has been scheduled for {day} at {clock}. Please go to:",
    "Please appear at the Application Support Center below on {day} at {clock}.",
]
I94_LABELS = ["I-94 Number", "Admission Record Number", "I-94#", "Form I-94 Number"]
FEE_LABELS = ["Amount Received", "Fee Received", "Total Amount Received"]


def _twocol(pen: Pen, n: Notice, page: int) -> float:
    """Key fields in small type in a left column, the letter right of it; the kind only in the title."""
    face, bold = "Serif", "Sans-Bold"
    small = 7.5 if _variant(n) % 2 else 8
    pen.text(200, 760, "THE UNITED STATES OF AMERICA", bold, 13)
    pen.text(36, 740, f"Form {FORM_TITLE[n.get('notice_type')]}, Notice of Action", bold, 9)
    pen.text(240, 716, n.kind_name.upper(), bold, 15, 330)
    items: list[tuple[str, str]] = [
        ("RECEIPT NUMBER", write_receipt(n.get("receipt_number"), n.hyphen_receipt)),
        ("CASE TYPE", _case_type(n, 0)),
        ("RECEIVED DATE", n.date("received_date")),
        ("NOTICE DATE", n.date("notice_date")),
        ("PRIORITY DATE", n.date("priority_date")),
    ]
    if n.get("applicant"):
        items.append(("APPLICANT", n.get("applicant")))
        if n.get("a_number"):
            items.append(("A-NUMBER", write_anumber(n.get("a_number"), n.anumber_writing)))
    else:
        items += [("PETITIONER", n.get("petitioner")), ("BENEFICIARY", n.get("beneficiary"))]
    if n.get("classification"):
        items.append(("CLASS", n.get("classification")))
    if n.get("valid_from"):
        items.append(("VALID FROM", n.date("valid_from")))
        items.append(("VALID TO", n.date("valid_to")))
    if n.get("amount"):
        label = "FEE RETURNED" if n.get("notice_type") == "rejection" else FEE_LABELS[_variant(n) % 3].upper()
        items.append((label, write_money(n.get("amount"), n.money_writing)))
    if n.numbered:
        items.append(("PAGE", _numbering(n, page)))
    y = 700.0
    for label, value in items:
        if not value:
            continue
        pen.text(36, y, label, bold, 6.5)
        y -= small + 2
        for part in pen.wrap(value, face, small, 180):
            pen.text(36, y, part, face, small, 185)
            y -= small + 2
        y -= 6
    right = 690.0
    for line in n.addressee:
        pen.text(240, right, line, "Mono", 9)
        right -= 11
    right -= 10
    kind = n.get("notice_type")
    text = BOILERPLATE[kind].split(". ")[0] + "."
    right = pen.para(240, right, text, 330, face, 9.5)
    if n.get("response_due"):
        due = DUE_SENTENCES[_variant(n) % len(DUE_SENTENCES)].replace("{due}", n.date("response_due"))
        right = pen.para(240, right, due, 330, face, 9.5)
    appt = n.get("appointment")
    if appt:
        sentence = APPOINTMENT_SENTENCES[_variant(n) % len(APPOINTMENT_SENTENCES)]
        sentence = sentence.replace("{day}", write_day(appt["date"], _variant(n) // 3))
        sentence = sentence.replace("{clock}", write_clock(appt["time"], _variant(n) // 7))
        right = pen.para(240, right, sentence, 330, face, 9.5)
        for part in appt["location"].split(", "):
            pen.text(250, right, part, face, 9.5)
            right -= 11.5
        right -= 8
    if kind in ("rfe", "noid"):
        for item in EVIDENCE:
            right = pen.para(248, right, item, 320, face, 9)
    return min(y, right) - 10


def _tear_off_small(pen: Pen, n: Notice, face: str) -> None:
    """An I-94 tear-off with the number beside its label on one line."""
    pdf = pen.pdf
    pdf.setDash(2, 2)
    pdf.line(36, 150, 576, 150)
    pdf.setDash()
    label = I94_LABELS[_variant(n) % len(I94_LABELS)]
    pen.text(
        40, 136, f"{label}: {n.get('i94_number')}" if _variant(n) % 2 else f"{label}   {n.get('i94_number')}", face, 9
    )
    pen.text(300, 136, n.get("beneficiary") or n.get("applicant") or "", face, 9)
    pen.text(40, 122, f"Until: {n.date('valid_to')}", face, 8)


# ------------------------------------------------------------ fourth round

GRID_LABELS = {
    "receipt_number": ["Receipt #", "Receipt Number", "RECEIPT #", "Receipt No.", "RECEIPT NUMBER"],
    "notice_type": ["Type of Notice", "Notice Type", "NOTICE TYPE:", "TYPE OF NOTICE", "Type of Action"],
    "notice_date": ["Notice Date", "Date of Notice", "NOTICE DATE:", "Date of This Notice"],
    "received_date": ["Received Date", "Date Received", "RECEIVED DATE"],
    "case_type": ["Case Type", "Form Type", "CASE TYPE"],
    "response_due": ["Respond By", "Response Due", "Reply By", "Response Due Date", "RESPOND BY:"],
    "priority_date": ["Priority Date", "PRIORITY DATE"],
}
GRID_KIND_NAMES = {
    "receipt": ["Receipt Notice", "RECEIPT NOTICE"],
    "approval": ["Approval Notice", "APPROVAL NOTICE"],
    "rfe": ["Request for Additional Evidence", "Request for Evidence", "REQUEST FOR EVIDENCE"],
    "biometrics": [
        "APPOINTMENT NOTICE",
        "Appointment Notice",
        "ASC Appointment Notice",
        "Biometric Appointment",
        "Fingerprint Notification",
    ],
    "transfer": ["Transfer Notice"],
    "rejection": ["Rejection Notice"],
    "noid": ["Notice of Intent to Revoke", "NOTICE OF INTENT TO REVOKE", "Notice of Intent to Deny"],
    "denial": ["Denial Notice"],
}
GRID_DUE_SENTENCES = [
    "Your response must be received by {due}.",
    "If you wish to respond, your response must be received in this office by {due}.",
    "Submit your response no later than {due}.",
]
ASC_CITY = {"BALTIMORE": "USCIS BALTIMORE ASC", "DENVER": "USCIS DENVER ASC", "NEWARK": "USCIS NEWARK ASC"}


def grid_notice(rng: random.Random, family: str) -> Notice:
    """A random notice for the fourth-round families: label wordings, kind names and name writings of their own."""
    n = random_notice(rng, family)
    n.labels = {name: rng.choice(words) for name, words in GRID_LABELS.items()}
    n.kind_name = rng.choice(GRID_KIND_NAMES[n.get("notice_type")])
    if n.get("applicant") and family == "rows" and rng.random() < 0.6:
        family_name, _, given = n.get("applicant").partition(", ")
        n.truth["applicant"] = f"{given.title()} {family_name.title()}".replace("O'd", "O'D").replace("Mca", "McA")
    if n.get("a_number"):
        n.anumber_writing = rng.choice([2, 2, 4, 0])  # A# 216-312-494 and the others
    if family == "courier" and n.get("petitioner") and rng.random() < 0.2:
        n.truth["petitioner"] = None  # the slot holds only its label: nothing printed under it
    n.numbered = rng.random() < 0.5
    return n


def _grid_anumber(n: Notice) -> str:
    number = n.get("a_number")
    if n.anumber_writing == 2:
        return f"A# {number[:3]}-{number[3:6]}-{number[6:]}"
    return write_anumber(number, n.anumber_writing)


def _grid_party(n: Notice) -> list[tuple[str, list[str]]]:
    """Party boxes; the applicant's A-Number on the name's line (rows, mixed-case names) or above it."""
    if n.get("applicant"):
        name = n.get("applicant")
        if not n.get("a_number"):
            return [("Applicant", [name])]
        if name != name.upper():
            return [("Applicant", [f"{_grid_anumber(n)} {name}"])]
        return [("Applicant", [_grid_anumber(n), name])]
    return [("Petitioner", [n.get("petitioner") or ""]), ("Beneficiary", [n.get("beneficiary")])]


def _appointment_block(pen: Pen, n: Notice, x: float, y: float, face: str, bold: str) -> float:
    """APPLICATION SUPPORT CENTER, the ASC's name and address, then DATE AND TIME OF APPOINTMENT over
    ``01/13/2014 at 8:00 AM``."""
    appt = n.get("appointment")
    pen.text(x, y, "APPLICATION SUPPORT CENTER", bold, 8)
    y -= 11
    for part in appt["location"].split(", "):
        pen.text(x, y, part, face, 9.5)
        y -= 11
    y -= 6
    pen.text(x, y, "DATE AND TIME OF APPOINTMENT", bold, 8)
    y -= 11
    when = f"{write_date(appt['date'], '%m/%d/%Y')} at {write_clock(appt['time'], _variant(n) % 2)}"
    pen.text(x, y, when, face, 9.5)
    return y - 18


def _rows(pen: Pen, n: Notice, page: int) -> float:
    """A header grid: each label on its own row, its value on the next, three columns."""
    face, bold = [("Sans", "Sans-Bold"), ("Serif", "Serif-Bold"), ("DejaVu", "DejaVu-Bold")][_variant(n) % 3]
    _banner(pen, n, bold, page)
    if _variant(n) % 2:
        pen.text(240, 712, n.kind_name, bold, 12)  # sometimes also a title
    lab = n.labels
    cells: list[tuple[str, str]] = [
        (lab["receipt_number"], write_receipt(n.get("receipt_number"), n.hyphen_receipt)),
        (lab["notice_type"], n.kind_name),
        (lab["notice_date"], n.date("notice_date")),
        (lab["case_type"], _case_type(n, 1)[:34]),
        (lab["received_date"], n.date("received_date")),
        (lab["priority_date"], n.date("priority_date")),
    ]
    if n.get("response_due"):
        cells.append((lab["response_due"], n.date("response_due")))
    if n.numbered:
        cells.append(("Page", _numbering(n, page)))
    xs = (40, 230, 420)
    y = 690.0
    for start in range(0, len(cells), 3):
        for x, (label, value) in zip(xs, cells[start : start + 3], strict=False):
            pen.text(x, y, label, bold, 8)
            pen.text(x, y - 12, value, face, 9.5, 180)
        y -= 32
    for index, (label, lines) in enumerate(_grid_party(n)):
        x = xs[0] if index == 0 else 300
        pen.text(x, y, label.upper() if _variant(n) % 4 == 0 else label, bold, 8)
        line_y = y - 12
        for line in lines:
            if line:
                pen.text(x, line_y, line, face, 9.5, 250)
            line_y -= 11.5
    return y - 12 - 11.5 * max(len(lines) for _, lines in _grid_party(n)) - 16


def _courier(pen: Pen, n: Notice, page: int) -> float:
    """An older Courier page: upper-case labels over values, typed as padded lines."""
    face = "Courier"
    pen.text(180, 758, "THE UNITED STATES OF AMERICA", "Courier-Bold", 12)
    pen.text(40, 738, f"FORM {FORM_TITLE[n.get('notice_type')]}  NOTICE OF ACTION", "Courier-Bold", 10)
    lab = {name: words.upper().rstrip(":") for name, words in n.labels.items()}
    parties = _grid_party(n)

    def line(y: float, cells: list[str]) -> None:
        text = ""
        for column, cell in zip((0, 26, 48), cells, strict=False):
            if cell:
                text = text.ljust(max(column, len(text) + 3)) + cell
        pen.text(40, y, text, face, 9, 540)

    rows = [
        [lab["receipt_number"], lab["case_type"], lab["notice_type"]],
        [write_receipt(n.get("receipt_number"), True), n.get("form"), n.kind_name.upper()],
        [lab["received_date"], lab["notice_date"], "PAGE" if n.numbered else ""],
        [n.date("received_date").upper(), n.date("notice_date").upper(), _numbering(n, page)],
    ]
    if n.get("response_due") or n.get("priority_date"):
        rows += [
            [
                lab["response_due"] if n.get("response_due") else "",
                lab["priority_date"] if n.get("priority_date") else "",
            ],
            [n.date("response_due").upper(), n.date("priority_date").upper()],
        ]
    if len(parties) == 1:
        rows += [["APPLICANT", "", ""], *([text.upper(), "", ""] for text in parties[0][1])]
    elif len(parties[0][1][0]) < 23 and len(parties[1][1][0]) < 40:
        rows += [["PETITIONER", "BENEFICIARY", ""], [parties[0][1][0], parties[1][1][0], ""]]
    else:  # a long name: a row of its own
        rows += [
            ["PETITIONER", "", ""],
            [parties[0][1][0], "", ""],
            ["BENEFICIARY", "", ""],
            [parties[1][1][0], "", ""],
        ]
    y = 714.0
    for row in rows:
        line(y, row)
        y -= 11
    return y - 14


def draw_grid(pdf: canvas.Canvas, n: Notice) -> None:
    """The fourth-round families."""
    pen = Pen(pdf)
    face, bold = ("Courier", "Courier-Bold") if n.family == "courier" else ("Sans", "Sans-Bold")
    y = _rows(pen, n, 1) if n.family == "rows" else _courier(pen, n, 1)
    for line in n.addressee:
        pen.text(48, y, line, face, 9)
        y -= 11
    y -= 12
    y = _payment_block(pen, n, y, face)
    y = _approval_block(pen, n, y, face)
    text = BOILERPLATE[n.get("notice_type")].split(". ")[0] + "."
    y = pen.para(44, y, text, 520, face, 9)
    if n.get("response_due"):
        due = GRID_DUE_SENTENCES[_variant(n) % len(GRID_DUE_SENTENCES)].replace("{due}", n.date("response_due"))
        y = pen.para(44, y, due, 520, face, 9)
    if n.get("appointment"):
        y = _appointment_block(pen, n, 44, y - 4, face, bold)
    if n.get("i94_number"):
        _tear_off_small(pen, n, face)
    else:
        _footer(pen, n, face)
    pdf.showPage()


def draw_new(pdf: canvas.Canvas, n: Notice) -> None:
    """The third-round families: everything placed by the family itself."""
    pen = Pen(pdf)
    face = "Serif" if n.family == "twocol" else "Carlito"
    for page in range(1, n.pages + 1):
        if n.family == "twocol":
            _twocol(pen, n, page) if page == 1 else _second_page(pen, n, page, face)
        else:
            y = _table(pen, n, page)
            if page == 1:
                for line in n.addressee:
                    pen.text(48, y, line, "Mono", 9.5)
                    y -= 11
                y -= 12
                if n.get("amount"):
                    label = "Fee Returned" if n.get("notice_type") == "rejection" else "Total Amount Received"
                    pen.text(44, y, f"{label}: {write_money(n.get('amount'), n.money_writing)}", face, 9.5)
                    y -= 20
                if n.get("valid_from"):
                    pen.text(44, y, f"Valid from {n.date('valid_from')} to {n.date('valid_to')}", face, 9.5)
                    y -= 20
                text = BOILERPLATE[n.get("notice_type")].split(". ")[0] + "."
                y = pen.para(44, y, text, 520, face, 9.5)
                if n.get("response_due"):
                    due = DUE_SENTENCES[_variant(n) % len(DUE_SENTENCES)].replace("{due}", n.date("response_due"))
                    y = pen.para(44, y, due, 520, face, 9.5)
                appt = n.get("appointment")
                if appt:
                    rows = [
                        ("Date:", write_day(appt["date"], _variant(n))),
                        ("Time:", write_clock(appt["time"], _variant(n) // 5)),
                        ("Location:", appt["location"]),
                    ]
                    for label, value in rows:
                        pen.text(44, y, label, face + "-Bold", 9.5)
                        pen.text(110, y, value, face, 9.5)
                        y -= 13
                    y -= 8
                if n.get("notice_type") in ("rfe", "noid") and n.pages == 1:
                    for item in EVIDENCE:
                        y = pen.para(52, y, item, 510, face, 9.5)
            else:
                for item in EVIDENCE:
                    y = pen.para(52, y, item, 510, face, 9.5)
        if page == 1 and n.get("i94_number"):
            _tear_off_small(pen, n, face)
        else:
            _footer(pen, n, face)
        pdf.showPage()


def _second_page(pen: Pen, n: Notice, page: int, face: str) -> None:
    pen.text(36, 750, f"Receipt Number {write_receipt(n.get('receipt_number'), n.hyphen_receipt)}", face, 9)
    if n.numbered:
        pen.text(480, 750, f"Page {_numbering(n, page)}", face, 9)
    y = 720.0
    for item in EVIDENCE:
        y = pen.para(52, y, item, 510, face, 9.5)


def draw(pdf: canvas.Canvas, n: Notice) -> None:
    if n.family in GRID_FAMILIES:
        draw_grid(pdf, n)
        return
    if n.family in NEW_FAMILIES:
        draw_new(pdf, n)
        return
    pen = Pen(pdf)
    face, bold = FACES[n.family]
    for page in range(1, n.pages + 1):
        y = HEADERS[n.family](pen, n, page)
        if page == 1:
            left = y
            for line in n.addressee:
                pen.text(48, left, line, "Mono", 9.5)
                left -= 11
            y = left - 12
            y = _payment_block(pen, n, y, face)
            y = _approval_block(pen, n, y, face)
            y = _body(pen, n, y, face)
            if n.get("appointment"):
                y = _appointment(pen, n, y - 4, face, bold)
            if n.get("notice_type") == "rfe" and n.pages == 1:
                for item in EVIDENCE:
                    y = pen.para(52, y, item, 510, face, 9.5)
            if n.get("i94_number"):
                _tear_off(pen, n, face)
        else:
            for item in EVIDENCE:
                y = pen.para(52, y, item, 510, face, 9.5)
        if not n.get("i94_number"):
            _footer(pen, n, face)
        pdf.showPage()


def notices_pdf(notices: list[Notice]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    for n in notices:
        draw(pdf, n)
    pdf.save()
    return buffer.getvalue()


def status_printout_pdf() -> bytes:
    """Not a notice: a printout of an online case-status page (a receipt number, a form, a date)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    pen = Pen(pdf)
    pen.text(40, 760, "Case Status Online - U.S. Citizenship and Immigration Services", "Sans", 8)
    pen.text(40, 720, "Case Status Online", "Sans-Bold", 18)
    pen.text(40, 690, "Receipt Number: LIN2690123456", "Sans", 11)
    pen.text(40, 660, "Case Was Approved", "Sans-Bold", 14)
    pen.para(
        40,
        640,
        "On June 3, 2026, we approved your Form I-140, Immigrant Petition for Alien Worker, Receipt Number "
        "LIN2690123456. We mailed you an approval notice. Please follow the instructions in the notice.",
        520,
        "Sans",
        11,
    )
    pen.text(40, 40, "https://egov.uscis.gov/  printed 06/05/2026 9:14 AM", "Sans", 7)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fax_cover_pdf() -> bytes:
    """Not a notice: a fax cover sheet that names the notice it forwards."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    pen = Pen(pdf)
    pen.text(40, 740, "FACSIMILE TRANSMITTAL", "Sans-Bold", 20)
    rows = [
        ("To:", "Records Department"),
        ("From:", "Abernathy & Okonkwo LLP"),
        ("Date:", "07/14/2026"),
        ("Pages:", "3 including cover"),
        ("Subject:", "I-797C Receipt Notice, Receipt Number EAC2690077001"),
    ]
    y = 700.0
    for label, value in rows:
        pen.text(40, y, label, "Sans-Bold", 11)
        pen.text(120, y, value, "Sans", 11)
        y -= 20
    pen.para(
        40,
        y - 10,
        "Please find attached the receipt notice for the I-129 petition. Call us with any "
        "questions. This transmission may contain confidential information.",
        520,
        "Sans",
        11,
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ---------------------------------------------------------------- spoiling


def rasterise(pdf_bytes: bytes, dpi: int) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(src), str(Path(tmp) / "p")], check=True)
        return [Image.open(path).convert("L") for path in sorted(Path(tmp).glob("p*.png"))]


def _noise(page: Image.Image, rng: random.Random, sigma: float, specks: float) -> Image.Image:
    gen = np.random.default_rng(rng.randrange(1 << 30))
    arr = np.asarray(page, dtype=np.float32)
    arr = arr + gen.normal(0.0, sigma, arr.shape)
    arr[gen.random(arr.shape) < specks] = 30.0
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def _handwriting(page: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """A note written across the top margin: slanted, jittered letters, a date and a word or two."""
    size = max(dpi // 5, 12)
    path = FONT_DIR / FONT_FILES["Oblique"]
    face = ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default()
    note = rng.choice(["rec'd 7/2 - call client", "scanned 3/14/26 JS", "file w/ H-1B ext!", "copy to HR 9/1"])
    layer = Image.new("L", (size * len(note), size * 2), 0)
    draw = ImageDraw.Draw(layer)
    x = 4.0
    for char in note:
        draw.text((x, size * 0.4 + rng.uniform(-2, 2)), char, fill=255, font=face)
        x += size * rng.uniform(0.5, 0.62)
    layer = layer.rotate(rng.uniform(-6, 6), expand=True, resample=Image.Resampling.BICUBIC)
    ink = Image.new("L", layer.size, 60)
    out = page.copy()
    # In the blank lower half of the sheet, or across the top margin above the banner.
    top = int(page.height * rng.uniform(0.55, 0.7)) if rng.random() < 0.6 else int(dpi * 0.05)
    out.paste(ink, (int(page.width * rng.uniform(0.4, 0.55)), top), layer)
    return out


def _photo(page: Image.Image, rng: random.Random) -> Image.Image:
    """The sheet photographed on a desk: shrunk in perspective, shadowed on one side, slightly soft."""
    w, h = page.size
    canvas_w, canvas_h = int(w * 1.25), int(h * 1.2)
    desk = Image.fromarray(
        np.clip(np.random.default_rng(rng.randrange(1 << 30)).normal(95, 12, (canvas_h, canvas_w)), 0, 255).astype(
            np.uint8
        ),
        "L",
    )
    # Where the sheet's corners land (clockwise from top-left), then the inverse mapping PIL wants.
    mx, my = canvas_w * 0.1, canvas_h * 0.08
    corners = [
        (mx + rng.uniform(-20, 40), my + rng.uniform(-20, 20)),
        (canvas_w - mx + rng.uniform(-40, 20), my + rng.uniform(-10, 30)),
        (canvas_w - mx + rng.uniform(-10, 30), canvas_h - my + rng.uniform(-30, 10)),
        (mx + rng.uniform(-30, 10), canvas_h - my + rng.uniform(-20, 20)),
    ]
    source = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = _perspective(corners, source)
    sheet = page.transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=0
    )
    mask = Image.new("L", page.size, 255).transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coeffs, fillcolor=0
    )
    desk.paste(sheet, (0, 0), mask)
    ramp = np.linspace(rng.uniform(0.6, 0.75), 1.0, canvas_w, dtype=np.float32)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    shaded = np.asarray(desk, dtype=np.float32) * ramp[None, :]
    return Image.fromarray(np.clip(shaded, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.7))


def _perspective(dest: list[tuple[float, float]], src: list[tuple[float, float]]) -> tuple[float, ...]:
    """Coefficients mapping output pixels (``dest``) back to input pixels (``src``), as PIL wants them."""
    rows = []
    for (x, y), (u, v) in zip(dest, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=float), np.array([c for p in src for c in p], dtype=float))
    return tuple(float(c) for c in solution)


SPOILS = ["fax", "office", "poor", "photo", "note"]
# Harder ones (issue 14, scans), drawn only when asked for: a phone photo of the sheet turned a quarter
# (either way) on a desk; a blurred grey scan with a dark shadow band down one edge; a low-resolution scan
# fed upside down.
HARD_SPOILS = ["sideways", "shadow", "upside"]
SPOIL_DPI = {"fax": 200, "office": 200, "poor": 150, "photo": 150, "note": 200, "sideways": 180, "shadow": 200}
SPOIL_DPI["upside"] = 150
SPOIL_KIND = {"fax": "tiff", "office": "pdf", "poor": "jpeg", "photo": "jpeg", "note": "png"}
SPOIL_KIND.update(sideways="jpeg", shadow="jpeg", upside="png")


def _shadow(page: Image.Image, rng: random.Random) -> Image.Image:
    """Grey, blurred, with a dark band down one edge (the scanner lid left open over a thick book)."""
    soft = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.9, 1.3))).point(lambda v: 230 - (255 - v) * 0.8)
    arr = np.asarray(_noise(soft, rng, 5, 0.0003), dtype=np.float32)
    width = arr.shape[1]
    band = int(width * rng.uniform(0.05, 0.1))
    depth = rng.uniform(0.25, 0.45)  # how bright the paper stays at the very edge
    fall = np.ones(width, dtype=np.float32)
    fall[width - band :] = np.linspace(1.0, depth, band, dtype=np.float32) ** 1.5
    if rng.random() < 0.3:
        fall = fall[::-1]
    arr = arr * fall[None, :]
    turned = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return turned.rotate(rng.uniform(-1.5, 1.5), Image.Resampling.BICUBIC, fillcolor=200)


def spoil(page: Image.Image, how: str, dpi: int, rng: random.Random) -> Image.Image:
    if how == "fax":
        page = _noise(page, rng, 10, 0.002).rotate(rng.uniform(-1.5, 1.5), fillcolor=255)
        return page.point(lambda v: 255 if v > 140 else 0)
    if how == "office":
        grey = page.point(lambda v: 235 - (255 - v) * 0.8)
        return _noise(grey, rng, 6, 0.0005).rotate(rng.uniform(-3.5, 3.5), Image.Resampling.BICUBIC, fillcolor=235)
    if how == "poor":
        soft = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0))).point(lambda v: 225 - (255 - v) * 0.7)
        return _noise(soft, rng, 9, 0.001).rotate(rng.uniform(-2, 2), Image.Resampling.BICUBIC, fillcolor=225)
    if how == "photo":
        return _photo(page, rng)
    if how == "note":
        return _handwriting(page, rng, dpi).rotate(rng.uniform(-1, 1), Image.Resampling.BICUBIC, fillcolor=255)
    if how == "sideways":
        return _photo(page.rotate(rng.choice([90, 270]), expand=True), rng)
    if how == "shadow":
        return _shadow(page, rng)
    if how == "upside":
        return _noise(page, rng, 6, 0.0005).rotate(
            180 + rng.uniform(-1.5, 1.5), Image.Resampling.BICUBIC, fillcolor=250
        )
    raise ValueError(how)


def scan_bytes(pages: list[Image.Image], kind: str, dpi: int, quality: int) -> bytes:
    buffer = io.BytesIO()
    if kind == "pdf":
        pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
        for page in pages:
            jpeg = io.BytesIO()
            page.save(jpeg, "JPEG", quality=quality)
            pdf.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, PAGE_W, PAGE_H)
            pdf.showPage()
        pdf.save()
    elif kind == "jpeg":
        pages[0].save(buffer, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif kind == "png":
        pages[0].save(buffer, "PNG", optimize=True, dpi=(dpi, dpi))
    else:
        frames = [page.convert("1") for page in pages]
        frames[0].save(buffer, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(dpi, dpi))
    return buffer.getvalue()


# ------------------------------------------------------------------ writing


def _write(out: Path, name: str, data: bytes, notices: list[dict[str, Any]], reason: str | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)
    expect = {"file": name, "notices": notices, "reason": reason}
    (out / name).with_suffix(".json").write_text(json.dumps(expect, indent=2) + "\n", encoding="utf-8")


def _expected(notices: list[Notice]) -> list[dict[str, Any]]:
    out, page = [], 1
    for n in notices:
        out.append(n.expected(page))
        page += n.pages
    return out


def write_variants(
    out: Path, count: int, scans: int, seed: int, families: list[str] | None = None, spoils: list[str] | None = None
) -> None:
    """``count`` text notices (with batches and non-notices among them) and ``scans`` scanned ones (spoilt in
    turn each of the ways in ``spoils``, by default :data:`SPOILS`)."""
    rng = random.Random(seed)
    FAMILIES_USED[:] = families or FAMILIES
    text = out / "variants-text"
    for index in range(count):
        family = FAMILIES_USED[index % len(FAMILIES_USED)]
        if family in GRID_FAMILIES:
            _write_grid(text, index, family, rng)
            continue
        if index % 25 == 24:  # a batch: notices of one case sharing a receipt number, no page numbers
            first = random_notice(rng, family)
            second = random_notice(rng, family)
            second.truth.update(receipt_number=first.get("receipt_number"), form=first.get("form"))
            for key in ("applicant", "a_number", "petitioner", "beneficiary", "priority_date"):
                second.truth[key] = first.get(key)
            for n in (first, second):
                n.numbered = False
            if second.get("notice_type") == first.get("notice_type"):
                continue
            _sanitise(second)
            batch = [first, second]
            _write(text, f"v{index:03d}-batch.pdf", notices_pdf(batch), _expected(batch))
            continue
        n = random_notice(rng, family)
        _write(text, f"v{index:03d}-{family}-{n.get('notice_type')}.pdf", notices_pdf([n]), _expected([n]))
    _write(text, "not-status-printout.pdf", status_printout_pdf(), [], "not a USCIS notice")
    _write(text, "not-fax-cover.pdf", fax_cover_pdf(), [], "not a USCIS notice")
    scanned = out / "variants-scans"
    for index in range(scans):
        family = FAMILIES_USED[index % len(FAMILIES_USED)]
        n = grid_notice(rng, family) if family in GRID_FAMILIES else random_notice(rng, family)
        n.pages = 1
        ways = spoils or SPOILS
        how = ways[index % len(ways)]
        dpi, kind = SPOIL_DPI[how], SPOIL_KIND[how]
        pages = [spoil(page, how, dpi, rng) for page in rasterise(notices_pdf([n]), dpi)]
        suffix = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif"}[kind]
        name = f"v{index:03d}-{n.family}-{how}-scan.{suffix}"
        _write(scanned, name, scan_bytes(pages, kind, dpi, 45 if how == "poor" else 70), _expected([n]))


def _write_grid(text: Path, index: int, family: str, rng: random.Random) -> None:
    """One fourth-round file: a notice, or (Courier, every fourth file) four notices of one person."""
    first = grid_notice(rng, family)
    first.pages = 1
    batch = [first]
    if family == "courier" and index % 8 == 3:
        while len(batch) < 4:
            other = grid_notice(rng, family)
            other.pages = 1
            if other.get("notice_type") in {n.get("notice_type") for n in batch}:
                continue
            for key in ("applicant", "a_number", "petitioner", "beneficiary"):
                other.truth[key] = first.get(key)
            other.anumber_writing = first.anumber_writing
            if bool(first.get("applicant")) != (FORMS[other.get("form")][1] == "applicant"):
                continue  # one person's notices: the same kind of party box
            other.numbered = first.numbered = True
            batch.append(other)
    name = f"v{index:03d}-{family}-{'batch' if len(batch) > 1 else first.get('notice_type')}.pdf"
    _write(text, name, notices_pdf(batch), _expected(batch))


# Fields a second notice of a batch must not carry over from a kind that has them.
KIND_FIELDS = {
    "amount": ("receipt", "rejection"),
    "response_due": ("rfe", "noid"),
    "appointment": ("biometrics",),
    "valid_from": ("approval",),
    "valid_to": ("approval",),
    "i94_number": ("approval",),
}


def _sanitise(n: Notice) -> None:
    kind = n.get("notice_type")
    for name, kinds in KIND_FIELDS.items():
        if kind not in kinds:
            n.truth[name] = None
    if n.get("form") not in CLASSES or kind in ("biometrics", "transfer", "rejection"):
        n.truth["classification"] = None
    if kind == "biometrics":
        n.truth["priority_date"] = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=100, help="text notices (and batches)")
    parser.add_argument("--scans", type=int, default=10, help="scanned or photographed notices")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--new-families", action="store_true", help="draw only the third-round families (table, twocol)"
    )
    parser.add_argument(
        "--grid-families", action="store_true", help="draw only the fourth-round families (rows, courier)"
    )
    parser.add_argument("--spoils", default="", help=f"comma-separated ways to spoil the scans: {SPOILS + HARD_SPOILS}")
    args = parser.parse_args()
    families = GRID_FAMILIES if args.grid_families else NEW_FAMILIES if args.new_families else None
    spoils = [way for way in args.spoils.split(",") if way]
    write_variants(args.out, args.count, args.scans, args.seed, families, spoils)


if __name__ == "__main__":
    main()
