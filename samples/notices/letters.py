"""A third generator of fictional USCIS notices: letters, mainframe printouts and ASC appointment notices.

The notice reader was developed on ``generate.py`` and checked on ``variants.py``;
both draw I-797-style grids. Real mail also holds notices in other shapes, drawn
here from public descriptions of them (not from the reader's patterns):

* ``letter``: a USCIS decision letter (denial under a ``DECISION`` heading, a
  notice of intent to deny or to revoke): the USCIS letterhead, a date line
  alone, the addressee, ``Form:`` / ``Receipt Number:`` / party lines with the
  value far right in a column, a centred heading, body paragraphs, ``Receipt
  Number: ... Page 2 of 2`` on later pages, ``Sincerely,`` and a Director's
  signature;
* ``mainframe``: a fixed-pitch printout with dot leaders (``RECEIPT
  NUMBER.....: LIN-25-158-32713       CASE TYPE: I140``), two label/value pairs
  on a line, dates as ``31-MAR-2025``, long names wrapping into the value column;
* ``asc``: an ASC appointment notice with its heading (sometimes letter-spaced)
  and a two-column block: the Application Support Center's address on the left,
  the date and time of the appointment on the right;
* ``asc-pair``: two ASC notices (two people) printed as half pages on one sheet,
  each with its own header grid and heading, no banner.

Also a law firm's cover letter (letterhead, ``Re:`` line quoting a receipt
number and a notice of intent to deny, ``Sincerely,`` an attorney): no notice.
Every name, number, date and address is invented.

    python samples/notices/letters.py --out /tmp/letters --count 40 --scans 4 --seed 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from docgen.notices.model import FIELDS


def _load_variants() -> ModuleType:
    """The second generator (fonts, pens, writings, scan spoiling), loaded from its file."""
    if "notice_variants" in sys.modules:
        return sys.modules["notice_variants"]
    spec = importlib.util.spec_from_file_location("notice_variants", Path(__file__).with_name("variants.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["notice_variants"] = module
    spec.loader.exec_module(module)
    return module


V = _load_variants()
PAGE_W, PAGE_H = V.PAGE_W, V.PAGE_H
FAMILIES = ["letter", "mainframe", "asc", "asc-pair"]

SERVICE_CENTERS = {
    "LIN": ("Nebraska Service Center", ["P.O. Box 82521", "Lincoln, NE 68501-2521"]),
    "SRC": ("Texas Service Center", ["6046 N Belt Line Rd. STE 172", "Irving, TX 75038-0001"]),
    "EAC": ("Vermont Service Center", ["75 Lower Welden Street", "Saint Albans, VT 05479-0001"]),
    "WAC": ("California Service Center", ["24000 Avila Road, 2nd Floor, Room 2312", "Laguna Niguel, CA 92677"]),
    "IOE": ("Potomac Service Center", ["2200 Potomac Avenue", "Arlington, VA 22202"]),
}
DIRECTORS = ["Loren K. Whitaker", "Teodora Maranzano", "Azikiwe Brathwaite", "Merritt J. Olufsen"]
LONG_COMPANIES = [
    "THE BOARD OF TRUSTEES OF THE COMMONWEALTH AGRICULTURAL AND MECHANICAL UNIVERSITY RESEARCH FOUNDATION",
    "INTERNATIONAL CONSORTIUM FOR ADVANCED PHOTONIC MATERIALS AND QUANTUM SENSING TECHNOLOGIES INCORPORATED",
]
WRAPPING_COMPANIES = [
    "PINECREST VECTOR LOGISTICS CORPORATION",
    "TALLGRASS DATA SYSTEMS CORPORATION",
    "BLUE HERON PRECISION MACHINING COMPANY",
    "OLD MILL VALLEY COMMUNITY HEALTH SERVICES INC",
]
ASC_SITES = [
    ["USCIS PHOENIX", "1330 S 16TH ST", "PHOENIX AZ 85034"],
    ["USCIS TUCSON", "1330 S ALVERNON WAY", "TUCSON AZ 85711"],
    ["USCIS SALT LAKE CITY", "660 S 200 E STE 400", "SALT LAKE CITY UT 84111"],
    ["USCIS ALBUQUERQUE", "1635 UNIVERSITY BLVD NE", "ALBUQUERQUE NM 87102"],
]
LETTER_FORMS = {
    "I-140": ("Immigrant Petition for Alien Worker", "petition"),
    "I-129": ("Petition for a Nonimmigrant Worker", "petition"),
    "I-130": ("Petition for Alien Relative", "family"),
    "I-485": ("Application to Register Permanent Residence or Adjust Status", "applicant"),
    "I-751": ("Petition to Remove Conditions on Residence", "applicant"),
    "I-526": ("Immigrant Petition by Alien Investor", "petition"),
}
HEADINGS = {"denial": ["DECISION"], "noid": ["NOTICE OF INTENT TO DENY", "NOTICE OF INTENT TO REVOKE"]}
DENIED = [
    "For the reasons above, the {thing} is denied.",
    "Accordingly, the {thing} is denied.",
    "ORDER: The {thing} is denied.",
]


def _person(rng: random.Random) -> str:
    middle = f" {rng.choice('ABCDEJKMRT')}" if rng.random() < 0.5 else ""
    return f"{rng.choice(V.FAMILY)}, {rng.choice(V.GIVEN)}{middle}"


def _base(rng: random.Random, family: str, kind: str, form: str, role: str, offices: list[str]) -> Any:
    office = rng.choice(offices)
    year = rng.choice([2024, 2025, 2026])
    receipt = f"{office}{year % 100:02d}{rng.randrange(10**8):08d}"
    received = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    notice_date = received + dt.timedelta(days=rng.randrange(3, 300))
    truth: dict[str, Any] = dict.fromkeys(FIELDS)
    truth.update(notice_type=kind, form=form, receipt_number=receipt, notice_date=notice_date.isoformat())
    if role == "applicant":
        truth["applicant"] = _person(rng)
    else:
        truth["beneficiary"] = _person(rng)
        truth["petitioner"] = _person(rng) if role == "family" else rng.choice([*V.COMPANIES, *WRAPPING_COMPANIES])
    n = V.Notice(truth=truth, family=family, date_writing=rng.choice(V.DATE_WRITINGS))
    return n, received


def letter_notice(rng: random.Random) -> Any:
    """A USCIS decision letter: a denial (DECISION) or a notice of intent to deny or revoke."""
    kind = rng.choice(["denial", "noid", "noid"])
    form = rng.choice(list(LETTER_FORMS))
    n, _ = _base(rng, "letter", kind, form, LETTER_FORMS[form][1], list(SERVICE_CENTERS))
    n.date_writing = rng.choice(["{B} {d}, %Y", "{B} {d}, %Y", "%m/%d/%Y", "{d} {B} %Y"])
    n.kind_name = rng.choice(HEADINGS[kind])
    if form in ("I-140", "I-129") and rng.random() < 0.7:
        n.truth["classification"] = rng.choice(V.CLASSES[form])
    if kind == "noid":
        notice_date = dt.date.fromisoformat(n.get("notice_date"))
        n.truth["response_due"] = (notice_date + dt.timedelta(days=rng.choice([33, 30, 87]))).isoformat()
    n.pages = rng.choice([1, 2, 2])
    n.numbered = True
    return n


def mainframe_notice(rng: random.Random) -> Any:
    """A fixed-pitch printout with dot leaders."""
    kind = rng.choice(["receipt", "approval", "rfe", "transfer", "receipt"])
    form = rng.choice(["I-140", "I-129", "I-130", "I-485", "I-765", "I-539"])
    role = V.FORMS[form][1]
    n, received = _base(rng, "mainframe", kind, form, role, list(V.OFFICES))
    n.date_writing = rng.choice(["%d-{bu}-%Y", "%d-{bu}-%Y", "%m/%d/%Y"])
    n.kind_name = rng.choice(V.KIND_NAMES[kind]).upper()
    n.truth["received_date"] = received.isoformat()
    if role != "applicant" and rng.random() < 0.25:
        n.truth["petitioner"] = rng.choice(LONG_COMPANIES)
    if role == "applicant" and rng.random() < 0.6:
        n.truth["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    if form in ("I-140", "I-130"):
        n.truth["priority_date"] = (received - dt.timedelta(days=rng.randrange(0, 400))).isoformat()
    if form in V.CLASSES and kind in ("receipt", "approval", "rfe") and rng.random() < 0.8:
        n.truth["classification"] = rng.choice(V.CLASSES[form])
    if kind == "receipt":
        n.truth["amount"] = rng.choice(["715.00", "1015.00", "470.00", "2805.00"])
    if kind == "rfe":
        notice_date = dt.date.fromisoformat(n.get("notice_date"))
        n.truth["response_due"] = (notice_date + dt.timedelta(days=rng.choice([33, 87]))).isoformat()
    if kind == "approval" and form in ("I-129", "I-539", "I-765"):
        start = dt.date.fromisoformat(n.get("notice_date")) + dt.timedelta(days=rng.randrange(0, 40))
        n.truth["valid_from"] = start.isoformat()
        n.truth["valid_to"] = (start + dt.timedelta(days=rng.choice([364, 1094]))).isoformat()
    n.numbered = True
    n.hyphen_receipt = rng.random() < 0.7
    return n


def asc_notice(rng: random.Random, family: str = "asc") -> Any:
    """An ASC appointment notice (I-797C) for an applicant."""
    form = rng.choice(["I-485", "I-765", "I-131", "I-539", "N-400", "I-751", "I-90"])
    n, received = _base(rng, family, "biometrics", form, "applicant", ["MSC", "NBC", "IOE", "EAC"])
    n.truth["received_date"] = received.isoformat()
    if rng.random() < 0.7:
        n.truth["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    when = dt.date.fromisoformat(n.get("notice_date")) + dt.timedelta(days=rng.randrange(8, 40))
    site = rng.choice(ASC_SITES)
    n.truth["appointment"] = {
        "date": when.isoformat(),
        "time": f"{rng.randrange(8, 16):02d}:{rng.choice(['00', '15', '30', '45'])}",
        "location": ", ".join(site),
    }
    n.date_writing = rng.choice(["%m/%d/%Y", "%m/%d/%Y", "{B} {d}, %Y"])
    n.kind_name = "ASC APPOINTMENT NOTICE"
    n.anumber_writing = rng.randrange(6)
    n.numbered = True
    return n


# ------------------------------------------------------------------ drawing


def _variant(n: Any) -> int:
    return int(n.get("receipt_number")[-4:])


def _draw_letter(pdf: canvas.Canvas, n: Any) -> None:
    pen = V.Pen(pdf)
    face = ["Serif", "Sans", "Carlito"][_variant(n) % 3]
    bold = face + "-Bold"
    center, address = SERVICE_CENTERS[n.get("receipt_number")[:3]]
    receipt = n.get("receipt_number")
    form = n.get("form")
    thing = {"petition": "petition", "family": "petition", "applicant": "application"}[LETTER_FORMS[form][1]]
    if LETTER_FORMS[form][1] == "applicant" and form == "I-751":
        thing = "petition"
    director = DIRECTORS[_variant(n) % len(DIRECTORS)]
    for page in range(1, n.pages + 1):
        if page == 1:
            left = 72 if _variant(n) % 2 else 330
            pen.text(left, 748, "U.S. Department of Homeland Security", bold, 9)
            pen.text(left, 737, "U.S. Citizenship and Immigration Services", face, 9)
            pen.text(left, 726, center, face, 9)
            y = 715.0
            for line in address:
                pen.text(left, y, line, face, 9)
                y -= 11
            y = 660.0
            pen.text(72, y, n.date("notice_date"), face, 11)
            y -= 30
            addressee = [
                n.get("petitioner") or n.get("applicant"),
                *(["c/o RUTH ABERNATHY ESQ"] if _variant(n) % 3 == 0 else []),
                *(["ABERNATHY & OKONKWO LLP", "ATTN: GLOBAL MOBILITY TEAM"] if _variant(n) % 4 == 1 else []),
                "450 LEXINGTON AVE FL 12",
                "NEW YORK NY 10017",
            ]
            for line in addressee:
                pen.text(72, y, line, face, 10.5)
                y -= 12.5
            y -= 16
            column = [200.0, 230.0, 260.0][_variant(n) % 3]
            rows = [("Form:", f"{form}, {LETTER_FORMS[form][0]}"), ("Receipt Number:", receipt)]
            for label in ("petitioner", "beneficiary", "applicant"):
                if n.get(label):
                    rows.append((f"{label.title()}:", n.get(label)))
            if n.get("classification"):
                rows.append(("Classification:", n.get("classification")))
            for label, value in rows:
                pen.text(72, y, label, face, 10.5)
                for part in pen.wrap(value, face, 10.5, 540 - column):
                    pen.text(column, y, part, face, 10.5)
                    y -= 13
            y -= 18
            heading = n.kind_name
            width = pdfmetrics.stringWidth(heading, V.font(bold), 12)
            pen.text((PAGE_W - width) / 2, y, heading, bold, 12)
            y -= 26
            y = _letter_body(pen, n, y, face, thing, first=True)
        else:
            y = 748.0
            if _variant(n) % 2:
                pen.text(72, y, f"{receipt}", face, 9.5)
                pen.text(470, y, f"Page {page} of {n.pages}", face, 9.5)
            else:
                pen.text(72, y, f"Receipt Number: {receipt}      Page {page} of {n.pages}", face, 9.5)
            y -= 30
            y = _letter_body(pen, n, y, face, thing, first=False)
        if page == n.pages:
            y = _letter_close(pen, n, y, face, thing, director, center)
        pdf.showPage()


def _letter_body(pen: Any, n: Any, y: float, face: str, thing: str, first: bool) -> float:
    kind = n.get("notice_type")
    if first:
        intro = (
            f"The {thing} identified above was filed with U.S. Citizenship and Immigration Services (USCIS) "
            f"under section 203(b) of the Immigration and Nationality Act. We have reviewed the record, "
            "including the evidence submitted in response to our request for evidence."
        )
        y = pen.para(72, y, intro, 468, face, 10.5)
        paras = [
            "The record does not establish that the beneficiary meets the requirements of the classification "
            "sought. The evidence of the beneficiary's prior employment does not describe the duties performed, "
            "and the letters provided do not come from the beneficiary's employers.",
        ]
    else:
        paras = [
            "In addition, the record does not show that the petitioner has had the ability to pay the proffered "
            "wage from the priority date onward. The tax returns submitted show net income below the wage, and "
            "no other evidence of the ability to pay was provided.",
        ]
    for text in paras:
        y = pen.para(72, y, text, 468, face, 10.5)
    if n.pages > 1 and first:
        return y
    if kind == "noid":
        due = n.date("response_due")
        sentence = [
            f"You may submit evidence to overcome the grounds stated above. Your response must be received by {due}.",
            f"You are given until {due} to respond. Please submit your response, with a copy of this notice, "
            f"no later than {due}.",
            f"If you wish to respond, we must receive your response on or before {due}. If you do not respond, "
            f"the {thing} will be decided on the record.",
        ][_variant(n) % 3]
        y = pen.para(72, y, sentence, 468, face, 10.5)
    else:
        y = pen.para(72, y, DENIED[_variant(n) % len(DENIED)].replace("{thing}", thing), 468, face, 10.5)
        y = pen.para(
            72,
            y,
            "If you disagree with this decision, you may file a motion or an appeal on Form I-290B, Notice of "
            "Appeal or Motion, within 33 days of the date of this decision.",
            468,
            face,
            10.5,
        )
    return y


def _letter_close(pen: Any, n: Any, y: float, face: str, thing: str, director: str, center: str) -> float:
    y -= 8
    pen.text(72, y, "Sincerely,", face, 10.5)
    y -= 40
    pen.text(72, y, director, face, 10.5)
    y -= 12.5
    if _variant(n) % 2:
        pen.text(72, y, f"Director, {center}", face, 10.5)
    else:
        pen.text(72, y, "Director", face, 10.5)
        y -= 12.5
        pen.text(72, y, center, face, 10.5)
    y -= 30
    pen.text(72, y, "cc: RUTH ABERNATHY ESQ", face, 9)
    return y


def _dots(label: str, width: int = 19) -> str:
    return f"{label}{'.' * max(width - len(label), 2)}: "


def _draw_mainframe(pdf: canvas.Canvas, n: Any) -> None:
    face = "Mono"
    size = 8.5
    x = 36.0
    receipt = V.write_receipt(n.get("receipt_number"), n.hyphen_receipt)
    form = n.get("form").replace("-", "")
    lines = [
        "DEPARTMENT OF HOMELAND SECURITY",
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES".ljust(56) + "I-797 NOTICE OF ACTION",
        "",
    ]
    if _variant(n) % 2:
        lines.append(_dots("NOTICE TYPE") + n.kind_name)
    else:
        lines.append(" " * 26 + n.kind_name)
    pair = 44
    lines += [
        (_dots("RECEIPT NUMBER") + receipt).ljust(pair) + f"CASE TYPE: {form}",
        (_dots("RECEIPT DATE") + n.date("received_date")).ljust(pair)
        + (f"PRIORITY DATE: {n.date('priority_date')}" if n.get("priority_date") else ""),
        (_dots("NOTICE DATE") + n.date("notice_date")).ljust(pair) + "PAGE: 1 OF 1",
    ]
    parties = [(label, n.get(label)) for label in ("petitioner", "beneficiary", "applicant") if n.get(label)]
    indent = len(_dots("X"))
    for label, value in parties:
        head = _dots(label.upper())
        if _variant(n) % 3 == 0 and len(value) > 28:  # wrapped into the value column at 60 characters
            words, first = value.split(), ""
            while words and len(first) + len(words[0]) < 30:
                first = f"{first} {words.pop(0)}".strip()
            lines.append(head + first)
            lines.append(" " * indent + " ".join(words))
        else:
            lines.append(head + value)
    if n.get("a_number"):
        lines.append(_dots("A-NUMBER") + V.write_anumber(n.get("a_number"), 3 if _variant(n) % 2 else 0))
    if n.get("classification"):
        lines.append(_dots("CLASSIFICATION") + n.get("classification"))
    if n.get("valid_from"):
        valid = n.date("valid_from").ljust(pair - indent)
        lines.append(_dots("VALID FROM") + valid + f"VALID TO: {n.date('valid_to')}")
    if n.get("amount"):
        lines.append(_dots("AMOUNT RECEIVED") + f"${n.get('amount')}")
    if n.get("response_due"):
        lines.append(_dots("RESPONSE DUE") + n.date("response_due"))
    lines.append("")
    body = V.BOILERPLATE[n.get("notice_type")].replace("{due}", n.date("response_due"))
    words, line = body.upper().split(), ""
    for word in words:
        if len(line) + len(word) + 1 > 88:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    y = 750.0
    for text in lines:
        if text:
            pdf.setFont(V.font(face), size)
            pdf.drawString(x, y, text)
        y -= size * 1.45
    office = V.OFFICES[n.get("receipt_number")[:3]]
    y -= 20
    for part in office.split(", "):
        pdf.drawString(x, y, part)
        y -= size * 1.45
    pdf.showPage()


def _asc_half(pen: Any, n: Any, top: float, banner: bool) -> None:
    """One ASC appointment notice drawn from ``top`` down (a whole page, or half of one)."""
    face, bold = [("Sans", "Sans-Bold"), ("Serif", "Serif-Bold"), ("DejaVu", "DejaVu-Bold")][_variant(n) % 3]
    y = top
    if banner:
        pen.text(200, y, "THE UNITED STATES OF AMERICA", bold, 14)
        pen.text(40, y - 22, "I-797C, NOTICE OF ACTION", bold, 11)
        y -= 44
    else:
        pen.text(40, y, "U.S. Department of Homeland Security", face, 7.5)
        y -= 18
    grid = [
        [("RECEIPT NUMBER", n.get("receipt_number"), 40), ("CASE TYPE", n.get("form").replace("-", ""), 200)],
        [
            ("RECEIVED DATE", n.date("received_date"), 40),
            ("NOTICE DATE", n.date("notice_date"), 150),
            ("PAGE", "1 of 1", 260),
        ],
    ]
    applicant = [n.get("applicant")]
    if n.get("a_number"):
        applicant.insert(0, V.write_anumber(n.get("a_number"), n.anumber_writing))
    for index, row in enumerate(grid):
        for label, value, x in row:
            pen.text(x, y, label, bold, 7)
            pen.text(x, y - 11, value, face, 9.5, 150)
        if index == 0:
            pen.text(360, y, "APPLICANT", bold, 7)
            for offset, part in enumerate(applicant):
                pen.text(360, y - 11 - 11 * offset, part, face, 9.5, 220)
        y -= 28
    y -= 8
    heading = n.kind_name
    if _variant(n) % 2:
        gap = "         " if _variant(n) % 4 == 3 else "   "  # letter-spaced, the words set wide apart or not
        heading = gap.join(" ".join(word) for word in heading.split())
    width = pdfmetrics.stringWidth(heading, V.font(bold), 12)
    pen.text((PAGE_W - width) / 2, y, heading, bold, 12)
    y -= 20
    y = pen.para(
        40,
        y,
        "To process your application, USCIS must take your biometrics. Please appear at the Application "
        "Support Center below at the date and time specified. If you fail to appear, your case may be denied.",
        530,
        face,
        9,
    )
    appt = n.get("appointment")
    site = appt["location"].split(", ")
    right = 192.0 if _variant(n) % 3 == 2 else 330.0  # the two columns close together or apart
    pen.text(40, y, "APPLICATION SUPPORT CENTER", bold, 8.5)
    pen.text(right, y, "DATE AND TIME OF APPOINTMENT", bold, 8.5)
    left = y - 12
    for part in site:
        pen.text(40, left, part, face, 9.5)
        left -= 11.5
    when = dt.time.fromisoformat(appt["time"])
    clock = f"{(when.hour - 1) % 12 + 1}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"
    pen.text(right, y - 12, V.write_date(appt["date"], "%m/%d/%Y"), face, 9.5)
    pen.text(right, y - 23.5, clock, face, 9.5)
    y = min(left, y - 30) - 8
    pen.para(
        40,
        y,
        "WHEN YOU GO TO THE ASC, BRING THIS NOTICE AND A PHOTO ID. If you cannot keep this appointment, request "
        "a new one before the date above.",
        530,
        face,
        8.5,
    )


def _draw_asc(pdf: canvas.Canvas, notices: list[Any]) -> None:
    pen = V.Pen(pdf)
    if len(notices) == 1:
        _asc_half(pen, notices[0], 758, banner=True)
    else:
        _asc_half(pen, notices[0], 770, banner=False)
        pdf.setDash(3, 3)
        pdf.line(20, 396, 592, 396)
        pdf.setDash()
        _asc_half(pen, notices[1], 380, banner=False)
    pdf.showPage()


def cover_letter_pdf(rng: random.Random) -> bytes:
    """Not a notice: a law firm's letter to USCIS quoting a receipt number and a NOID, signed by an attorney."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    pen = V.Pen(pdf)
    face = rng.choice(["Serif", "Sans"])
    pen.text(72, 748, "ABERNATHY & OKONKWO LLP", face + "-Bold", 13)
    pen.text(72, 734, "450 Lexington Avenue, Floor 12, New York, NY 10017", face, 9)
    pen.text(72, 690, "June 2, 2026", face, 11)
    y = 660.0
    for line in [
        "U.S. Citizenship and Immigration Services",
        "Nebraska Service Center",
        "P.O. Box 82521",
        "Lincoln, NE 68501-2521",
    ]:
        pen.text(72, y, line, face, 10.5)
        y -= 12.5
    y -= 16
    rows = [
        ("Re:", "Response to Notice of Intent to Deny"),
        ("Receipt Number:", "LIN2615832713"),
        ("Petitioner:", "TALLGRASS DATA SYSTEMS CORPORATION"),
        ("Beneficiary:", "OCAMPO, NOOR T"),
    ]
    for label, value in rows:
        pen.text(72, y, label, face, 10.5)
        pen.text(200, y, value, face, 10.5)
        y -= 13
    y -= 14
    pen.text(72, y, "Dear Sir or Madam:", face, 10.5)
    y -= 20
    y = pen.para(
        72,
        y,
        "Enclosed please find the petitioner's response to the Notice of Intent to Deny dated May 11, 2026, "
        "with the evidence listed in the attached index. Please direct any questions to the undersigned.",
        468,
        face,
        10.5,
    )
    pen.text(72, y - 8, "Sincerely,", face, 10.5)
    pen.text(72, y - 48, "Ruth Abernathy, Esq.", face, 10.5)
    pen.text(72, y - 61, "Attorney for the Petitioner", face, 10.5)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def pdf_of(notices: list[Any]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    if notices[0].family == "asc-pair":
        _draw_asc(pdf, notices)
    elif notices[0].family == "asc":
        _draw_asc(pdf, notices[:1])
    elif notices[0].family == "letter":
        _draw_letter(pdf, notices[0])
    else:
        _draw_mainframe(pdf, notices[0])
    pdf.save()
    return buffer.getvalue()


def draw_family(rng: random.Random, family: str) -> list[Any]:
    """The notices one file of ``family`` holds."""
    if family == "letter":
        return [letter_notice(rng)]
    if family == "mainframe":
        return [mainframe_notice(rng)]
    if family == "asc":
        return [asc_notice(rng)]
    return [asc_notice(rng, "asc-pair"), asc_notice(rng, "asc-pair")]


def _expected(notices: list[Any]) -> list[dict[str, Any]]:
    if notices[0].family == "asc-pair":
        return [n.expected(1) for n in notices]
    return [notices[0].expected(1)]


def write_letters(out: Path, count: int, scans: int, seed: int, spoils: list[str] | None = None) -> None:
    """``count`` text files (one family after another, and a cover letter) and ``scans`` scanned ones
    (spoilt in turn each of the ways in ``spoils``, if given)."""
    rng = random.Random(seed)
    text = out / "letters-text"
    for index in range(count):
        family = FAMILIES[index % len(FAMILIES)]
        notices = draw_family(rng, family)
        V._write(
            text, f"l{index:03d}-{family}-{notices[0].get('notice_type')}.pdf", pdf_of(notices), _expected(notices)
        )
    V._write(text, "not-cover-letter.pdf", cover_letter_pdf(rng), [], "not a USCIS notice")
    scanned = out / "letters-scans"
    for index in range(scans):
        family = FAMILIES[index % len(FAMILIES)]
        notices = draw_family(rng, family)
        for n in notices:
            n.pages = min(n.pages, 1)
        ways = spoils or ["office", "fax", "note", "poor"]
        how = ways[(index + index // len(FAMILIES)) % len(ways)]
        dpi = V.SPOIL_DPI[how]
        pages = [V.spoil(page, how, dpi, rng) for page in V.rasterise(pdf_of(notices), dpi)]
        kind = V.SPOIL_KIND[how]
        suffix = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif"}[kind]
        name = f"l{index:03d}-{family}-{how}-scan.{suffix}"
        V._write(scanned, name, V.scan_bytes(pages, kind, dpi, 45 if how == "poor" else 70), _expected(notices))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=40, help="text files")
    parser.add_argument("--scans", type=int, default=4, help="scanned files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--spoils", default="", help="comma-separated ways to spoil the scans (variants.py's)")
    args = parser.parse_args()
    write_letters(args.out, args.count, args.scans, args.seed, [w for w in args.spoils.split(",") if w])


if __name__ == "__main__":
    main()
