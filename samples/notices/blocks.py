"""A fourth generator of fictional USCIS notices: values in blocks the grid generators never draw.

Issue 14's findings on the third sealed set, told in words, drawn here from descriptions of real
notices with names, numbers and wordings of this file's own (not from the reader's patterns):

* ``asc-block``: an ASC appointment notice whose header rows are label-left / value-right, a
  ``NOTICE TYPE:`` line, then the appointment block in two interleaved columns: the location
  heading on the left (``PLEASE APPEAR AT``, ``Please come to:``, ``APPLICATION SUPPORT
  CENTER``, ``ASC LOCATION``) with the date label far right on its line (``ON (DATE)``,
  ``Date:``, ``DATE``, ``APPOINTMENT DATE``); under them the ASC's name beside the date, the
  street beside the time label, the city beside the time (or ``Date: ...`` / ``Time: ...`` set
  inline); lower down an ``APPLICANT COPY`` block with the person's home address (not the
  location);
* ``account``: a notice printed from an online account by a browser (its header and footer
  lines): ``Notice type: ...``, labels above values, then a heading (``Your biometrics
  appointment``, ``Appointment details``, ``Your appointment``) over ``March 25, 2026 at 11:15
  AM`` (or ``Wednesday, March 25, 2026, 11:15 AM``) and the ASC's name, street and city lines;
* ``batch``: one applicant's three receipts (consecutive receipt numbers) and the appointment,
  four pages in either of the two layouts;
* ``tearoff``: an I-797A approval with an I-94 tear-off: a dashed line with words in its middle,
  a header row (``Departure Record I-94 Number`` wrapped onto two lines or not, the number's
  column first or not) over the value row, then ``Country of Citizenship: ...``;
* ``letter``: USCIS decision letters (NOID, NOIR, denial) whose header block ends with the
  filing date (``Filed:``, ``Date filed:``, ``Receipt date:``, ``Date of filing:``), a page-2
  running header ``<receipt> Page 2`` with no page count, the response date in a sentence
  (wrapped at the line end or not), denials worded "we are denying your petition", "the
  application is denied", "we must deny the petition";
* ``ledger``: a mainframe printout in Courier with dot leaders and no colons (``PETITIONER
  ......... NAME``), two pairs on some lines, the form's title wrapped under ``CASE TYPE``,
  dates ``FEB 21 2026``, a long petitioner wrapping into the value column.

Every name, number, date and address is invented.

    python samples/notices/blocks.py --out /tmp/blocks --count 60 --scans 6 --seed 5
    python samples/notices/blocks.py --chromium --out samples/notices/layouts   # the *-browser samples

``--chromium`` prints an account batch and an ASC-block notice through headless Chromium (Playwright), with the
browser's own header (its print date and time: no appointment) and footer; the tests read the committed PDFs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
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
FAMILIES = ["asc-block", "account", "tearoff", "letter", "ledger", "batch"]

SITES = [
    ("USCIS RIVERTON ASC", "4417 CANYON RIM BLVD SUITE 210", "RIVERTON UT 84065"),
    ("USCIS HARBOR POINT ASC", "88 WHARFSIDE AVENUE 2ND FLOOR", "HARBOR POINT NJ 07111"),
    ("MAPLE GROVE APPLICATION SUPPORT CENTER", "1250 ORCHARD PARKWAY", "MAPLE GROVE MN 55369"),
    ("USCIS EAST VALLEY", "7300 W SAGUARO ROAD ROOM 3", "MESA AZ 85210"),
    ("USCIS CEDAR FALLS ASC", "19 INDUSTRIAL LOOP STE 5B", "CEDAR FALLS IA 50613"),
]
HOMES = [
    ("1402 WILLOW BEND CT APT 6", "SPRINGDALE AR 72764"),
    ("77 OCEAN VIEW TERRACE", "BRICK NJ 08723"),
    ("3190 PRAIRIE WIND DR", "LINCOLN NE 68516"),
]
# The location heading, the date label and the time label of an ASC block (in the file's own wordings).
BLOCK_WORDS = [
    ("PLEASE APPEAR AT", "ON (DATE)", "AT (TIME)"),
    ("Please come to:", "Date:", "Time:"),
    ("APPLICATION SUPPORT CENTER", "DATE", "TIME"),
    ("ASC LOCATION", "APPOINTMENT DATE", "APPOINTMENT TIME"),
    ("Please appear at", "On (date)", "At (time)"),
]
APPOINTMENT_HEADS = [
    "Your biometrics appointment",
    "Appointment details",
    "Your appointment",
    "Biometrics appointment",
    "Your Application Support Center appointment",
    "Biometric services appointment",
]
ASC_KINDS = ["Biometrics Appointment", "ASC Appointment Notice", "Biometrics Appointment Notice"]
APPLICANT_FORMS = {
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "N-400": "APPLICATION FOR NATURALIZATION",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-751": "PETITION TO REMOVE CONDITIONS ON RESIDENCE",
}
FEES = {
    "I-485": "1440.00",
    "I-765": "520.00",
    "I-131": "630.00",
    "N-400": "760.00",
    "I-539": "470.00",
    "I-751": "750.00",
}
MIXED_GIVEN = ["Halima", "Oskar", "Renata", "Tariq", "Wen", "Ximena", "Bogdan", "Ifeoma"]
MIXED_FAMILY = ["Petrovic", "Okafor", "Lindgren", "Vasquez Rojas", "Haddad", "Nakamura", "Ferreira"]
COUNTRIES = ["KENYA", "PERU", "VIET NAM", "POLAND", "GHANA", "INDIA", "BRAZIL"]
I94_HEADS = ["Departure Record I-94 Number", "I-94 Number", "Departure Record Number", "Admission (I-94) Record Number"]
FILED_LABELS = ["Filed:", "Date filed:", "Receipt date:", "Date of filing:", "Filing date:", "Received:"]
DUE_SENTENCES = [
    "You may submit evidence in rebuttal. Your response must be received by {due}. If you do not respond, "
    "the {thing} will be decided on the record.",
    "You may respond to this notice with evidence. We must receive your response no later than {due}, or "
    "the {thing} will be denied.",
    "Please submit your response, with this notice on top, so that it reaches this office on or before {due}. "
    "A late response will not be considered.",
]
DENIALS = [
    "After a thorough review of the record, we must inform you that we are denying your {thing} for the reasons below.",
    "For the reasons explained above, the {thing} is denied.",
    "Because the record does not establish eligibility, we must deny the {thing}.",
]
LEDGER_COMPANIES = [
    "TRIDENT HARBOR FREIGHT SYSTEMS LLC",
    "ALDER & FINCH SOFTWARE INC",
    "UNIVERSITY OF THE EASTERN HIGHLANDS BOARD OF REGENTS FOR MARINE SCIENCES",
    "PRAIRIE SKY WIND TURBINE MAINTENANCE COOPERATIVE OF THE UPPER MIDWEST",
    "KESTREL BIOANALYTICS CORP",
]


def _person(rng: random.Random, mixed: bool) -> str:
    if mixed:
        middle = f" {rng.choice('ABCDHJKMR')}." if rng.random() < 0.5 else ""
        return f"{rng.choice(MIXED_GIVEN)}{middle} {rng.choice(MIXED_FAMILY)}"
    middle = f" {rng.choice('ABCDEJKMRT')}" if rng.random() < 0.5 else ""
    return f"{rng.choice(V.FAMILY)}, {rng.choice(V.GIVEN)}{middle}"


def _notice(rng: random.Random, family: str, kind: str, form: str, office: str) -> Any:
    year = rng.choice([2024, 2025, 2026])
    receipt = f"{office}{year % 100:02d}{rng.randrange(10**8):08d}"
    received = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    notice_date = received + dt.timedelta(days=rng.randrange(3, 200))
    truth: dict[str, Any] = dict.fromkeys(FIELDS)
    truth.update(
        notice_type=kind,
        form=form,
        receipt_number=receipt,
        notice_date=notice_date.isoformat(),
        received_date=received.isoformat(),
    )
    return V.Notice(truth=truth, family=family, date_writing=rng.choice(["%m/%d/%Y", "{B} {d}, %Y"]))


def asc_notice(rng: random.Random, family: str) -> Any:
    """An applicant's biometrics appointment notice."""
    form = rng.choice(list(APPLICANT_FORMS))
    n = _notice(rng, family, "biometrics", form, rng.choice(["MSC", "NBC", "IOE", "LIN"]))
    n.truth["applicant"] = _person(rng, mixed=rng.random() < 0.6)
    if rng.random() < 0.75:
        n.truth["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    when = dt.date.fromisoformat(n.get("notice_date")) + dt.timedelta(days=rng.randrange(8, 40))
    site = rng.choice(SITES)
    n.truth["appointment"] = {
        "date": when.isoformat(),
        "time": f"{rng.randrange(8, 17):02d}:{rng.choice(['00', '15', '30', '45'])}",
        "location": ", ".join(site),
    }
    n.kind_name = rng.choice(ASC_KINDS)
    n.anumber_writing = rng.randrange(5)
    return n


def receipt_like(rng: random.Random, first: Any, form: str, offset: int) -> Any:
    """The same applicant's receipt for another form, its receipt number next to the first one's."""
    n = _notice(rng, first.family, "receipt", form, first.get("receipt_number")[:3])
    number = int(first.get("receipt_number")[3:]) + offset
    n.truth["receipt_number"] = f"{first.get('receipt_number')[:3]}{number:010d}"
    for key in ("applicant", "a_number", "received_date"):
        n.truth[key] = first.get(key)
    received = dt.date.fromisoformat(first.get("received_date"))
    n.truth["notice_date"] = (received + dt.timedelta(days=rng.randrange(3, 12))).isoformat()
    n.truth["amount"] = FEES[form]
    n.kind_name = "Receipt Notice"
    n.anumber_writing = first.anumber_writing
    return n


def tearoff_notice(rng: random.Random) -> Any:
    form = rng.choice(["I-129", "I-539", "I-129"])
    n = _notice(rng, "tearoff", "approval", form, rng.choice(["WAC", "EAC", "SRC", "LIN"]))
    given, family = rng.choice(V.GIVEN), rng.choice(V.FAMILY)
    person = f"{family}, {given}"
    if form == "I-129":
        n.truth["petitioner"] = rng.choice(V.COMPANIES)
        n.truth["beneficiary"] = person
        n.truth["classification"] = rng.choice(["H1B", "L1A", "O1A", "TN"])
    else:
        n.truth["applicant"] = person
        n.truth["classification"] = rng.choice(["H4", "L2", "B2"])
    start = dt.date.fromisoformat(n.get("notice_date")) + dt.timedelta(days=rng.randrange(0, 30))
    n.truth["valid_from"] = start.isoformat()
    n.truth["valid_to"] = (start + dt.timedelta(days=rng.choice([364, 729, 1094]))).isoformat()
    n.truth["i94_number"] = f"{rng.randrange(10**10, 10**11):011d}"
    n.labels = {"given": given, "family": family, "country": rng.choice(COUNTRIES)}
    return n


def letter_notice(rng: random.Random) -> Any:
    kind = rng.choice(["noid", "noid", "denial"])
    form = rng.choice(["I-140", "I-129", "I-485", "I-130"])
    n = _notice(rng, "letter", kind, form, rng.choice(["MSC", "LIN", "SRC", "EAC", "WAC"]))
    role = {"I-140": "petition", "I-129": "petition", "I-130": "family", "I-485": "applicant"}[form]
    if role == "applicant":
        n.truth["applicant"] = _person(rng, mixed=False)
        if rng.random() < 0.6:
            n.truth["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    else:
        n.truth["beneficiary"] = _person(rng, mixed=False)
        n.truth["petitioner"] = _person(rng, False) if role == "family" else rng.choice(V.COMPANIES)
    n.date_writing = rng.choice(["{B} {d}, %Y", "{B} {d}, %Y", "%m/%d/%Y"])
    n.kind_name = rng.choice(
        {"noid": ["NOTICE OF INTENT TO DENY", "NOTICE OF INTENT TO REVOKE", "Notice of Intent to Deny"]}.get(
            kind, ["DECISION"]
        )
    )
    if kind == "noid":
        due = dt.date.fromisoformat(n.get("notice_date")) + dt.timedelta(days=rng.choice([30, 33, 87]))
        n.truth["response_due"] = due.isoformat()
    n.pages = 2
    n.labels = {"filed": rng.choice(FILED_LABELS)}
    return n


def ledger_notice(rng: random.Random) -> Any:
    kind = rng.choice(["receipt", "approval", "transfer", "receipt"])
    form = rng.choice(["I-140", "I-129", "I-485", "N-400", "I-130"])
    role = V.FORMS[form][1]
    n = _notice(rng, "ledger", kind, form, rng.choice(["SRC", "LIN", "IOE", "EAC"]))
    n.date_writing = "{bu} %d %Y"
    if role == "applicant":
        n.truth["applicant"] = _person(rng, mixed=False)
        if rng.random() < 0.7:
            n.truth["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    else:
        n.truth["beneficiary"] = _person(rng, mixed=False)
        n.truth["petitioner"] = _person(rng, False) if role == "family" else rng.choice(LEDGER_COMPANIES)
    if form in ("I-140", "I-130"):
        received = dt.date.fromisoformat(n.get("received_date"))
        n.truth["priority_date"] = (received - dt.timedelta(days=rng.randrange(0, 400))).isoformat()
    if kind == "receipt":
        n.truth["amount"] = rng.choice(["715.00", "760.00", "1440.00", "2805.00"])
    n.kind_name = {"receipt": "RECEIPT NOTICE", "approval": "APPROVAL NOTICE", "transfer": "TRANSFER NOTICE"}[kind]
    n.money_writing = rng.choice([0, 4])
    return n


# ------------------------------------------------------------------ drawing


def _variant(n: Any) -> int:
    return int(n.get("receipt_number")[-4:])


def _faces(n: Any) -> tuple[str, str]:
    face: tuple[str, str] = [("Sans", "Sans-Bold"), ("Serif", "Serif-Bold"), ("DejaVu", "DejaVu-Bold")][_variant(n) % 3]
    return face


def _long_date(iso: str, n: Any) -> str:
    writing = ["{B} {d}, %Y", "{A}, {B} {d}, %Y", "%m/%d/%Y", "{B} {d}, %Y"][_variant(n) % 4]
    day = dt.date.fromisoformat(iso)
    return day.strftime(
        writing.replace("{A}", day.strftime("%A")).replace("{B}", day.strftime("%B")).replace("{d}", str(day.day))
    )


def _clock(hhmm: str, n: Any) -> str:
    when = dt.time.fromisoformat(hhmm)
    hour, ap = (when.hour - 1) % 12 + 1, "AM" if when.hour < 12 else "PM"
    return [
        f"{hour}:{when.minute:02d} {ap}",
        f"{hour:02d}:{when.minute:02d} {ap}",
        f"{hour}:{when.minute:02d} {ap[0].lower()}.m.",
    ][_variant(n) // 7 % 3]


def _anumber(n: Any) -> str:
    number = n.get("a_number")
    return [
        f"A-{number[:3]}-{number[3:6]}-{number[6:]}",
        f"A{number}",
        f"A{number[:3]} {number[3:6]} {number[6:]}",
        f"A# {number[:3]}-{number[3:6]}-{number[6:]}",
        f"A-{number}",
    ][n.anumber_writing % 5]


def _asc_header(pen: Any, n: Any, y: float) -> float:
    """The top-right title and the label-left / value-right header rows; returns the y under them."""
    face, bold = _faces(n)
    pen.text(40, 752, "Department of Homeland Security", face, 8)
    pen.text(40, 742, "U.S. Citizenship and Immigration Services", face, 8)
    title = ["I-797C | Notice of Action", "Form I-797C, Notice of Action", "I-797C Notice of Action"][_variant(n) % 3]
    pen.text(370, 752, title, bold, 12)
    pen.text(370, 736, n.kind_name if n.get("notice_type") == "biometrics" else "Receipt", bold, 10)
    upper = _variant(n) % 2 == 0
    form = n.get("form")
    rows = [
        ("RECEIPT NUMBER", n.get("receipt_number")),
        ("CASE TYPE", f"{form.replace('-', '')} - {APPLICANT_FORMS[form]}"),
        ("RECEIVED DATE", n.date("received_date")),
        ("NOTICE DATE", n.date("notice_date")),
    ]
    if n.get("a_number"):
        rows.append((["USCIS A#", "A-NUMBER", "A NUMBER"][_variant(n) % 3], _anumber(n)))
    rows.append(("APPLICANT", n.get("applicant")))
    for label, value in rows:
        pen.text(40, y, label if upper else label.title().replace("Uscis", "USCIS").replace("A#", "A#"), bold, 8.5)
        pen.text(150, y, value, face, 10, 400)
        y -= 14
    y -= 6
    kind = "BIOMETRICS APPOINTMENT NOTICE" if n.get("notice_type") == "biometrics" else "RECEIPT NOTICE"
    pen.text(40, y, f"NOTICE TYPE: {kind}" if upper else f"Notice Type: {kind.title()}", bold, 10)
    return y - 20


def _asc_block_page(pen: Any, n: Any) -> None:
    face, bold = _faces(n)
    y = _asc_header(pen, n, 712)
    if n.get("notice_type") == "receipt":
        _receipt_body(pen, n, y, face)
        return
    y = pen.para(
        40,
        y,
        "Please appear at the Application Support Center below at the date and time shown to have your "
        "fingerprints, photograph and signature taken. If you do not appear, your case may be denied.",
        530,
        face,
        9,
    )
    appt = n.get("appointment")
    site = appt["location"].split(", ")
    where, date_label, time_label = BLOCK_WORDS[_variant(n) % len(BLOCK_WORDS)]
    right = [380.0, 420.0, 330.0][_variant(n) // 5 % 3]
    date, clock = _long_date(appt["date"], n), _clock(appt["time"], n)
    pen.text(40, y, where, bold, 9)
    if date_label.endswith(":") and _variant(n) % 2:  # Date: and Time: set inline beside the address
        pen.text(right, y - 12, f"{date_label} {date}", face, 9.5)
        pen.text(right, y - 24, f"{time_label} {clock}", face, 9.5)
    elif _variant(n) // 3 % 4 == 1:  # the right column set flush right at the margin
        for offset, (text, size, weight) in enumerate(
            [(date_label, 9, bold), (date, 9.5, face), (time_label, 9, bold), (clock, 9.5, face)]
        ):
            pen.pdf.setFont(V.font(weight), size)
            pen.pdf.drawRightString(572, y - 12 * offset, text)
    else:
        pen.text(right, y, date_label, bold, 9)
        pen.text(right, y - 12, date, face, 9.5)
        pen.text(right, y - 24, time_label, bold, 9)
        pen.text(right, y - 36, clock, face, 9.5)
    for index, part in enumerate(site):
        pen.text(40, y - 12 * (index + 1), part, face, 9.5, right - 50)
    if _variant(n) % 4 == 3:  # a sentence set close under the block (no part of the address)
        pen.text(40, y - 48, "If you cannot keep this appointment, ask for a new one before the date above.", face, 9)
    y -= 70
    y = pen.para(
        40,
        y,
        "WHAT TO BRING: this notice and a photo identification (passport, driver's license or ID card). If you "
        "cannot come, ask for a new appointment before the date above.",
        530,
        face,
        8.5,
    )
    y -= 30
    pen.text(40, y, "APPLICANT COPY", bold, 9)
    home = HOMES[_variant(n) % len(HOMES)]
    for index, part in enumerate([n.get("applicant").upper(), *home]):
        pen.text(48, y - 12 * (index + 1), part, "Mono", 9.5)
    pen.text(40, 60, "Form I-797C 04/01/24", face, 7)


def _receipt_body(pen: Any, n: Any, y: float, face: str) -> None:
    pen.text(40, y, f"Amount received: {V.write_money(n.get('amount'), 0)}", face, 9.5)
    y -= 18
    pen.para(
        40,
        y,
        "We have received your application and are processing it. If we need more from you, we will send you "
        "a request. We will also schedule your biometrics appointment and mail you a notice.",
        530,
        face,
        9,
    )


def _browser_frame(pen: Any, n: Any, page: int, pages: int) -> None:
    stamp = dt.date.fromisoformat(n.get("notice_date")) + dt.timedelta(days=2)
    pen.text(24, 774, f"{stamp.month}/{stamp.day}/{stamp.year % 100:02d}, 10:{14 + page:02d} AM", "Sans", 7)
    pen.text(260, 774, "My USCIS Account - Documents", "Sans", 7)
    pen.text(24, 18, f"https://my.uscis.example/account/documents/{n.get('receipt_number').lower()}", "Sans", 7)
    pen.text(560, 18, f"{page}/{pages}", "Sans", 7)


def _account_page(pen: Any, n: Any, page: int, pages: int) -> None:
    face, bold = ("DejaVu", "DejaVu-Bold") if _variant(n) % 2 else ("Sans", "Sans-Bold")
    _browser_frame(pen, n, page, pages)
    pen.text(40, 740, "U.S. Citizenship and Immigration Services", bold, 13)
    kind = n.kind_name if n.get("notice_type") == "biometrics" else "Receipt Notice"
    pen.text(40, 718, f"Notice type: {kind}", face, 10.5)
    cells = [
        ("Receipt number", n.get("receipt_number")),
        (["Case type", "Form type"][_variant(n) % 2], n.get("form")),
        ("Received date", n.date("received_date")),
        ("Notice date", n.date("notice_date")),
    ]
    party = [("Applicant", n.get("applicant"))]
    if n.get("a_number"):
        party.append(("A-Number", _anumber(n)))
    y = 690.0
    for row in (cells, party):
        for index, (label, value) in enumerate(row):
            x = 40 + index * (135 if len(row) > 2 else 270)
            pen.text(x, y, label, face, 8)
            pen.text(x, y - 13, value, bold, 10, 130 if len(row) > 2 else 260)
        y -= 36
    y -= 8
    if n.get("notice_type") == "receipt":
        _receipt_body(pen, n, y, face)
        return
    appt = n.get("appointment")
    pen.text(40, y, APPOINTMENT_HEADS[_variant(n) % len(APPOINTMENT_HEADS)], bold, 12)
    y -= 17
    joiner = [" at ", ", ", " at ", " - ", "\n"][_variant(n) // 4 % 5]
    for part in f"{_long_date(appt['date'], n)}{joiner}{_clock(appt['time'], n)}".split("\n"):
        pen.text(40, y, part, face, 10.5)  # the time on a line of its own, or beside the date
        y -= 15
    for part in appt["location"].split(", "):
        pen.text(40, y, part, face, 10.5)
        y -= 13
    y -= 12
    pen.para(
        40,
        y,
        "Bring this notice and a photo identification. Your biometrics will be used to check your background. "
        "To reschedule, sign in to your account before the day of your appointment.",
        530,
        face,
        9.5,
    )


def _tearoff_page(pen: Any, n: Any) -> None:
    face, bold = _faces(n)
    pdf = pen.pdf
    pen.text(200, 758, "THE UNITED STATES OF AMERICA", bold, 14)
    pen.text(40, 736, ["I-797A, Notice of Action", "Form I-797A Notice of Action"][_variant(n) % 2], bold, 11)
    pdf.setLineWidth(0.5)
    boxes = [
        (36, 200, 716, "Receipt Number", n.get("receipt_number")),
        (200, 576, 716, "Case Type", f"{n.get('form').replace('-', '')} - {V.FORMS[n.get('form')][0]}"),
        (36, 146, 688, "Received Date", n.date("received_date")),
        (146, 256, 688, "Notice Date", n.date("notice_date")),
        (256, 366, 688, "Class", n.get("classification")),
        (366, 576, 688, "Page", "1 of 1"),
    ]
    parties = [("Petitioner", n.get("petitioner")), ("Beneficiary", n.get("beneficiary"))]
    if n.get("applicant"):
        parties = [("Applicant", n.get("applicant"))]
    for index, (label, value) in enumerate(parties):
        boxes.append((36 + 270 * index, 306 + 270 * index, 660, label, value))
    for x0, x1, top, label, value in boxes:
        pdf.rect(x0, top - 28, x1 - x0, 28)
        pen.text(x0 + 3, top - 8, label, face, 6.5)
        pen.text(x0 + 4, top - 20, value, bold, 9.5, x1 - x0 - 8)
    pen.text(40, 610, "Notice Type: Approval Notice", face, 10)
    pen.text(40, 596, f"Valid from {n.date('valid_from')} to {n.date('valid_to')}", face, 10)
    pen.para(
        40,
        578,
        "The above petition or application has been approved. The tear-off below is the person's record of "
        "admission; keep it with the passport.",
        530,
        face,
        9,
    )
    # The tear-off: a dashed rule with words in its middle, the header row, the value row.
    words = ["Please tear off below and keep with your I-94", "DETACH HERE AND KEEP WITH YOUR I-94 RECORD"][
        _variant(n) % 2
    ]
    width = pdfmetrics.stringWidth(words, V.font(face), 8)
    middle = PAGE_W / 2
    pdf.setDash(3, 3)
    pdf.line(36, 232, middle - width / 2 - 6, 232)
    pdf.line(middle + width / 2 + 6, 232, 576, 232)
    pdf.setDash()
    pen.text(middle - width / 2, 229, words, face, 8)
    head = I94_HEADS[_variant(n) % len(I94_HEADS)]
    wrapped = _variant(n) // 4 % 2 == 1 and head.count(" ") >= 2
    head_lines = [head.rsplit(" ", 1)[0], head.rsplit(" ", 1)[1]] if wrapped else [head]
    columns = [
        (head_lines, n.get("i94_number")),
        (["Family Name"], n.labels["family"]),
        (["First (Given) Name"], n.labels["given"]),
        (["Birth Date"], f"{rng_birth(n)}"),
    ]
    if _variant(n) // 2 % 2:
        columns = [*columns[1:3], columns[0], columns[3]]  # the number's column third
    xs = (40, 190, 330, 470)
    for x, (lines, value) in zip(xs, columns, strict=True):
        for index, line in enumerate(lines):
            pen.text(x, 212 - 9 * index, line, bold, 7.5, 140)
        pen.text(x, 190, value, "Mono-Bold" if value == n.get("i94_number") else face, 10.5, 140)
    pen.text(40, 172, f"Country of Citizenship: {n.labels['country']}", face, 9)


def rng_birth(n: Any) -> str:
    """A birth date on the tear-off (no notice field): fixed by the receipt number."""
    number = _variant(n)
    return f"{number % 12 + 1:02d}/{number % 27 + 1:02d}/{1960 + number % 40}"


def _letter_pages(pen: Any, n: Any) -> None:
    face = ["Serif", "Sans", "Carlito"][_variant(n) % 3]
    pdf = pen.pdf
    receipt = n.get("receipt_number")
    form = n.get("form")
    thing = "application" if form == "I-485" else "petition"
    pen.text(72, 748, "U.S. Department of Homeland Security", face + "-Bold", 9)
    pen.text(72, 737, "U.S. Citizenship and Immigration Services", face, 9)
    pen.text(72, 726, "National Benefits Center", face, 9)
    pen.text(72, 715, "P.O. Box 25920, Overland Park, KS 66225", face, 9)
    pen.text(72, 670, n.date("notice_date"), face, 11)
    y = 640.0
    for line in [
        (n.get("petitioner") or n.get("applicant")),
        "C/O MARGUERITE OYELARAN ESQ",
        "12 CIVIC PLAZA STE 900",
        "TOPEKA KS 66603",
    ]:
        pen.text(72, y, line, face, 10.5)
        y -= 12.5
    y -= 16
    rows = [("Receipt Number:", receipt), ("Form:", f"{form}, {V.FORMS[form][0].title()}")]
    for role in ("petitioner", "beneficiary", "applicant"):
        if n.get(role):
            rows.append((f"{role.title()}:", n.get(role)))
    if n.get("a_number"):
        rows.append(("A-Number:", _anumber(n)))
    rows.append((n.labels["filed"], n.date("received_date")))
    column = [190.0, 220.0][_variant(n) % 2]
    for label, value in rows:
        pen.text(72, y, label, face, 10.5)
        pen.text(column, y, value, face, 10.5)
        y -= 13
    y -= 18
    heading = n.kind_name
    width = pdfmetrics.stringWidth(heading, V.font(face + "-Bold"), 12)
    pen.text((PAGE_W - width) / 2, y, heading, face + "-Bold", 12)
    y -= 26
    intro = (
        f"The {thing} identified above was filed with U.S. Citizenship and Immigration Services (USCIS). We have "
        "reviewed the record, including the evidence submitted with it and in response to our request."
    )
    if n.get("notice_type") == "denial":
        intro = DENIALS[_variant(n) % len(DENIALS)].replace("{thing}", thing) + " " + intro
    y = pen.para(72, y, intro, 468, face, 10.5)
    y = pen.para(
        72,
        y,
        "The record does not establish that the beneficiary has the required experience. The letters provided do "
        "not describe the duties performed or come from the employers named.",
        468,
        face,
        10.5,
    )
    pdf.showPage()
    header = [f"{receipt} Page 2", f"{receipt}    Page 2", f"Page 2 - {receipt}"][_variant(n) % 3]
    pen.text(72, 748, header, face, 9.5)
    y = pen.para(
        72,
        718,
        "In addition, the record does not show that the petitioner has had the ability to pay the proffered wage "
        "from the priority date onward.",
        468,
        face,
        10.5,
    )
    if n.get("notice_type") == "noid":
        sentence = DUE_SENTENCES[_variant(n) % len(DUE_SENTENCES)]
        sentence = sentence.replace("{thing}", thing).replace("{due}", n.date("response_due"))
        width = [468, 468, 300, 330][_variant(n) // 3 % 4]  # some widths wrap the date onto the next line
        y = pen.para(72, y, sentence, width, face, 10.5)
    else:
        y = pen.para(
            72,
            y,
            "You may file a motion or an appeal on Form I-290B within 33 days of the date of this decision.",
            468,
            face,
            10.5,
        )
    pen.text(72, y - 8, "Sincerely,", face, 10.5)
    pen.text(72, y - 48, "Annika P. Solvang", face, 10.5)
    pen.text(72, y - 61, "Director, National Benefits Center", face, 10.5)
    pdf.showPage()


def _dots(label: str, width: int = 24) -> str:
    return f"{label} {'.' * max(width - len(label) - 1, 3)} "


def _ledger_page(pdf: canvas.Canvas, n: Any) -> None:
    size = 9.0
    form = n.get("form")
    title = V.FORMS[form][0]
    split = title.rfind(" ", 0, 30)
    title_lines = [title[:split], title[split + 1 :]] if len(title) > 30 else [title]
    amount = n.get("amount")
    lines = [
        "DEPARTMENT OF HOMELAND SECURITY".ljust(58) + "I-797C NOTICE OF ACTION",
        "U.S. CITIZENSHIP AND IMMIGRATION SERVICES",
        "",
        (_dots("RECEIPT NUMBER") + V.write_receipt(n.get("receipt_number"), True)).ljust(52)
        + f"CASE TYPE .... {form.replace('-', '')}",
        *(" " * 52 + " " * 15 + part for part in title_lines),
        (_dots("RECEIPT DATE") + n.date("received_date").upper()).ljust(52)
        + (f"PRIORITY DATE {n.date('priority_date').upper()}" if n.get("priority_date") else ""),
        (_dots("NOTICE DATE") + n.date("notice_date").upper()).ljust(52) + "PAGE ......... 1 of 1",
        _dots("NOTICE TYPE") + n.kind_name,
    ]
    if amount:
        lines.append(_dots("AMOUNT RECEIVED") + V.write_money(amount, n.money_writing))
    if n.get("a_number"):
        number = n.get("a_number")
        lines.append(_dots("A NUMBER") + f"A{number[:3]} {number[3:6]} {number[6:]}")
    indent = len(_dots("X" * 10))
    for role in ("petitioner", "beneficiary", "applicant"):
        value = n.get(role)
        if not value:
            continue
        head = _dots(role.upper())
        if len(value) > 48:
            cut = value.rfind(" ", 0, 48)
            lines += [head + value[:cut], " " * indent + value[cut + 1 :]]
        else:
            lines.append(head + value)
    lines.append("")
    body = V.BOILERPLATE[n.get("notice_type")].upper()
    line = ""
    for word in body.split():
        if len(line) + len(word) + 1 > 86:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    y = 748.0
    pdf.setFont("Courier", size)
    for text in lines:
        if text:
            pdf.drawString(36, y, text)
        y -= size * 1.4
    pdf.showPage()


def pdf_of(notices: list[Any]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    pen = V.Pen(pdf)
    for n in notices:
        if n.family == "asc-block":
            _asc_block_page(pen, n)
            pdf.showPage()
        elif n.family == "account":
            _account_page(pen, n, notices.index(n) + 1, len(notices))
            pdf.showPage()
        elif n.family == "tearoff":
            _tearoff_page(pen, n)
            pdf.showPage()
        elif n.family == "letter":
            _letter_pages(pen, n)
        else:
            _ledger_page(pdf, n)
    pdf.save()
    return buffer.getvalue()


def draw_family(rng: random.Random, family: str) -> list[Any]:
    """The notices one file of ``family`` holds."""
    if family in ("asc-block", "account"):
        return [asc_notice(rng, family)]
    if family == "tearoff":
        return [tearoff_notice(rng)]
    if family == "letter":
        return [letter_notice(rng)]
    if family == "ledger":
        return [ledger_notice(rng)]
    appointment = asc_notice(rng, rng.choice(["asc-block", "account"]))
    appointment.truth["form"] = "I-485"
    forms = ["I-485", "I-765", "I-131"]
    receipts = [receipt_like(rng, appointment, form, index) for index, form in enumerate(forms)]
    appointment.truth["receipt_number"] = receipts[0].get("receipt_number")
    return [*receipts, appointment]


def _expected(notices: list[Any]) -> list[dict[str, Any]]:
    out, page = [], 1
    for n in notices:
        out.append(n.expected(page))
        page += n.pages
    return out


def write_blocks(out: Path, count: int, scans: int, seed: int) -> None:
    """``count`` text files (one family after another) and ``scans`` scanned ones."""
    rng = random.Random(seed)
    text = out / "blocks-text"
    for index in range(count):
        family = FAMILIES[index % len(FAMILIES)]
        notices = draw_family(rng, family)
        name = f"b{index:03d}-{family}-{notices[-1].get('notice_type')}.pdf"
        V._write(text, name, pdf_of(notices), _expected(notices))
    scanned = out / "blocks-scans"
    for index in range(scans):
        family = FAMILIES[index % (len(FAMILIES) - 1)]
        notices = draw_family(rng, family)
        how = ["office", "note", "fax", "poor"][index % 4]
        dpi = 150 if how == "poor" else 200
        pages = [V.spoil(page, how, dpi, rng) for page in V.rasterise(pdf_of(notices), dpi)]
        kind = {"fax": "tiff", "office": "pdf", "poor": "jpeg", "note": "png"}[how]
        if kind in ("jpeg", "png") and len(pages) > 1:
            kind = "pdf"
        suffix = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif"}[kind]
        name = f"b{index:03d}-{family}-{how}-scan.{suffix}"
        V._write(scanned, name, V.scan_bytes(pages, kind, dpi, 45 if how == "poor" else 70), _expected(notices))


# ------------------------------------------------------------------ printed by a browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_STYLE = """
@page { size: Letter; margin: 0.6in 0.6in; }
body { font-family: 'DejaVu Sans'; font-size: 10pt; color: #000; text-rendering: optimizeLegibility; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 8px; }
.kind { font-size: 10.5pt; margin: 0 0 14px; }
.grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px 14px; margin-bottom: 14px; }
.k { font-size: 8pt; color: #333; }
.v { font-weight: bold; font-size: 10pt; margin-top: 2px; }
h2 { font-size: 12pt; margin: 16px 0 4px; }
.appt div { line-height: 1.35; }
p { line-height: 1.35; }
.rows td { padding: 1px 18px 1px 0; vertical-align: top; }
.rows td.k { font-weight: bold; font-size: 8.5pt; color: #000; width: 120px; }
.block { display: grid; grid-template-columns: 1fr 1fr; margin: 12px 0; line-height: 1.35; }
.page { page-break-after: always; }
.page:last-child { page-break-after: auto; }
"""


def _e(text: str) -> str:
    return html.escape(text)


def _account_html(n: Any) -> str:
    """The online account's page for one notice (labels above values; an appointment under its heading)."""
    kind = n.kind_name if n.get("notice_type") == "biometrics" else "Receipt Notice"
    cells = [
        ("Receipt number", n.get("receipt_number")),
        ("Form type", n.get("form")),
        ("Received date", n.date("received_date")),
        ("Notice date", n.date("notice_date")),
        ("Applicant", n.get("applicant")),
    ]
    if n.get("a_number"):
        cells.append(("A-Number", _anumber(n)))
    grid = "".join(f'<div><div class="k">{_e(k)}</div><div class="v">{_e(v)}</div></div>' for k, v in cells)
    out = f"<h1>U.S. Citizenship and Immigration Services</h1><div class='kind'>Notice type: {_e(kind)}</div>"
    out += f'<div class="grid">{grid}</div>'
    if n.get("notice_type") == "receipt":
        return (
            out + f"<p>Amount received: {_e(V.write_money(n.get('amount'), 0))}</p><p>We have received your "
            "application and are processing it. We will schedule your biometrics appointment and mail you a notice.</p>"
        )
    appt = n.get("appointment")
    lines = [f"{_long_date(appt['date'], n)} at {_clock(appt['time'], n)}", *appt["location"].split(", ")]
    out += f"<h2>{_e(APPOINTMENT_HEADS[_variant(n) % len(APPOINTMENT_HEADS)])}</h2>"
    out += '<div class="appt">' + "".join(f"<div>{_e(line)}</div>" for line in lines) + "</div>"
    return out + "<p>Bring this notice and a photo identification. To reschedule, sign in to your account.</p>"


def _asc_block_html(n: Any, words: tuple[str, str, str]) -> str:
    """The ASC notice: label-left header rows, then the block whose two columns interleave."""
    form = n.get("form")
    rows = [
        ("RECEIPT NUMBER", n.get("receipt_number")),
        ("CASE TYPE", f"{form.replace('-', '')} - {APPLICANT_FORMS[form]}"),
        ("NOTICE DATE", n.date("notice_date")),
        ("RECEIVED DATE", n.date("received_date")),
        *([("USCIS A#", _anumber(n))] if n.get("a_number") else []),
        ("APPLICANT", n.get("applicant")),
    ]
    table = "".join(f'<tr><td class="k">{_e(k)}</td><td>{_e(v)}</td></tr>' for k, v in rows)
    appt = n.get("appointment")
    where, on, at = words
    left = [f"<b>{_e(where)}</b>", *(_e(part) for part in appt["location"].split(", "))]
    right = [f"<b>{_e(on)}</b>", _e(_long_date(appt["date"], n)), f"<b>{_e(at)}</b>", _e(_clock(appt["time"], n))]
    block = "".join(f"<div>{a}</div><div>{b}</div>" for a, b in zip(left, right, strict=True))
    return (
        '<div style="text-align:right"><b>I-797C | Notice of Action</b><br><b>Biometrics Appointment</b></div>'
        f'<table class="rows">{table}</table><p><b>NOTICE TYPE: BIOMETRICS APPOINTMENT NOTICE</b></p>'
        "<p>Please appear at the Application Support Center below at the date and time shown.</p>"
        f'<div class="block">{block}</div><p><b>APPLICANT COPY</b><br>{_e(n.get("applicant").upper())}<br>'
        f"{_e(HOMES[0][0])}<br>{_e(HOMES[0][1])}</p>"
    )


def chromium_samples(out: Path, seed: int = 1797) -> None:
    """Print an account batch (three receipts and the appointment) and an ASC-block notice with headless
    Chromium (Playwright), the browser's own header (print date and time, title) and footer (address, page),
    into ``out`` with their expected JSON."""
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    batch = draw_family(rng, "batch")
    while batch[-1].family != "account":
        batch = draw_family(rng, "batch")
    for n in batch:
        n.family = "account"
    asc = asc_notice(rng, "asc-block")
    jobs = [
        ("account-batch-browser", batch, [_account_html(n) for n in batch]),
        ("asc-block-browser", [asc], [_asc_block_html(asc, BLOCK_WORDS[0])]),
    ]
    header = (
        '<div style="font-size:7px;width:100%;padding:0 24px"><span class="date"></span>&nbsp;&nbsp;&nbsp;'
        '<span class="title"></span></div>'
    )
    footer = (
        '<div style="font-size:7px;width:100%;padding:0 24px">https://my.uscis.example/account/documents '
        '&nbsp;&nbsp;&nbsp;<span class="pageNumber"></span>/<span class="totalPages"></span></div>'
    )
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for stem, notices, pages in jobs:
                body = "".join(f'<div class="page">{page}</div>' for page in pages)
                head = (
                    f"<meta charset='utf-8'><title>My USCIS Account - Documents</title><style>{CHROMIUM_STYLE}</style>"
                )
                page = browser.new_page()
                page.set_content(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>")
                target = out / f"{stem}.pdf"
                page.pdf(
                    path=str(target),
                    format="Letter",
                    display_header_footer=True,
                    header_template=header,
                    footer_template=footer,
                    margin={"top": "0.6in", "bottom": "0.6in", "left": "0.6in", "right": "0.6in"},
                )
                V._write(out, target.name, target.read_bytes(), _expected(notices))
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=36, help="text files")
    parser.add_argument("--scans", type=int, default=0, help="scanned files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--chromium", action="store_true", help="instead, print the browser-made samples (layouts/*-browser)"
    )
    args = parser.parse_args()
    if args.chromium:
        chromium_samples(args.out)
        return
    write_blocks(args.out, args.count, args.scans, args.seed)


if __name__ == "__main__":
    main()
