"""Generate fictional USCIS notices (Form I-797 family) with their expected JSON.

Every name, number, date and address here is invented. The notices imitate
the layout of real ones (banner, grid of labelled boxes, "Notice Type:" block,
body text, office address, I-94 tear-off) in six layout families:

* ``grid``: the modern I-797C, small labels above the values in boxes;
* ``inline``: the older style, ``LABEL: value`` on one line;
* ``table``: a two-column key/value table, labels left, values right;
* ``modern``: upper-case labels above values in tall boxes, the applicant box
  holding the A-Number on its first line, a NOTICE TYPE box, names that wrap;
* ``stacked``: values printed above their labels, the kind only in the title;
* ``courier``: an older Courier grid, each line one run padded with spaces,
  hyphenated receipt numbers, the I-94 as ``Admission No. 123456789 01``.

Traps beside them: boilerplate naming other actions ("we may issue a notice of
intent to deny"), an I-907 premium-processing receipt, form numbers as OCR
prints them in a text layer ("1907", "I 129"), a batch of three notices that
share one receipt number, amounts as ``$ 630.00 U.S.``, and a law-firm letter
quoting "Form I-797A, Notice of Action" with a receipt number (not a notice).

Scans are made from the text PDFs: rasterised with pdftoppm, then rotated,
blurred, speckled, greyed and saved at low resolution as image PDFs, JPEG, PNG
and multi-page TIFF. Expected JSON is written from the ground truth used to
draw each notice, never from the parser. Output is the same on every run,
except the encrypted sample (encryption salts itself at random).

    python samples/notices/generate.py                 # rewrite the bundled samples here
    python samples/notices/generate.py --random 60 --out /tmp/bench-notices --seed 7
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
import pikepdf
from PIL import Image, ImageFilter
from reportlab import rl_config
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from docgen.notices.model import FIELDS, NOT_A_NOTICE  # the output fields, in order: expected JSON has them all

rl_config.invariant = 1  # same bytes on every run

HERE = Path(__file__).resolve().parent
PAGE_W, PAGE_H = 612.0, 792.0


CASE_TYPES = {
    "I-129": "I129 - PETITION FOR A NONIMMIGRANT WORKER",
    "I-140": "I140 - IMMIGRANT PETITION FOR ALIEN WORKER",
    "I-539": "I539 - APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-765": "I765 - APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-485": "I485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-131": "I131 - APPLICATION FOR TRAVEL DOCUMENT",
    "I-907": "I907 - REQUEST FOR PREMIUM PROCESSING SERVICE",
    "I-130": "I130 - PETITION FOR ALIEN RELATIVE",
    "I-129F": "I129F - PETITION FOR ALIEN FIANCE(E)",
    "I-751": "I751 - PETITION TO REMOVE CONDITIONS ON RESIDENCE",
    "I-824": "I824 - APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION",
    "I-90": "I90 - APPLICATION TO REPLACE PERMANENT RESIDENT CARD",
    "N-400": "N400 - APPLICATION FOR NATURALIZATION",
}

OFFICES = {
    "WAC": ["CALIFORNIA SERVICE CENTER", "P.O. BOX 30111", "LAGUNA NIGUEL CA 92607-0111"],
    "EAC": ["VERMONT SERVICE CENTER", "75 LOWER WELDEN STREET", "SAINT ALBANS VT 05479-0001"],
    "LIN": ["NEBRASKA SERVICE CENTER", "P.O. BOX 82521", "LINCOLN NE 68501-2521"],
    "SRC": ["TEXAS SERVICE CENTER", "6046 N BELT LINE RD", "IRVING TX 75038-0001"],
    "MSC": ["NATIONAL BENEFITS CENTER", "P.O. BOX 648003", "LEE'S SUMMIT MO 64002"],
    "IOE": ["POTOMAC SERVICE CENTER", "2200 POTOMAC AVE", "ARLINGTON VA 22202"],
    "YSC": ["POTOMAC SERVICE CENTER", "2200 POTOMAC AVE", "ARLINGTON VA 22202"],
}

TITLES = {
    "receipt": ("I-797C, Notice of Action", "Receipt Notice"),
    "approval": ("I-797, Notice of Action", "Approval Notice"),
    "rfe": ("I-797E, Notice of Action", "Request for Evidence"),
    "biometrics": ("I-797C, Notice of Action", "ASC Appointment Notice"),
    "transfer": ("I-797C, Notice of Action", "Transfer Notice"),
    "rejection": ("I-797C, Notice of Action", "Rejection Notice"),
    "noid": ("I-797, Notice of Action", "Notice of Intent to Deny"),
    "denial": ("I-797, Notice of Action", "Denial Notice"),
}


@dataclass
class Spec:
    """One notice to draw: its ground truth and how it looks."""

    name: str
    notice_type: str
    form: str
    receipt_number: str
    received_date: str
    notice_date: str
    layout: str = "grid"
    priority_date: str | None = None
    petitioner: str | None = None
    beneficiary: str | None = None
    applicant: str | None = None
    classification: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    response_due: str | None = None
    appointment: dict[str, str] | None = None
    i94_number: str | None = None
    amount: str | None = None
    a_number: str | None = None  # 9 digits; printed on the first line of the applicant box
    title: str | None = None  # e.g. "I-797A, Notice of Action"
    case_type: str | None = None  # the Case Type as printed, if not the form's usual wording (OCR'd text layer)
    amount_style: str = "plain"  # plain ($1,710.00), spaced ($ 630.00 U.S.)
    trap_body: bool = False  # body boilerplate that names other actions (RFE, NOID, denial)
    number: bool = True  # pages carry "Page n of N" (stacked layout: never)
    addressee: list[str] = field(default_factory=list)
    pages: int = 1
    printed_receipt: str | None = None  # what the page shows, if not the true number (OCR test)

    def truth(self, first_page: int) -> dict[str, Any]:
        """The expected JSON entry for this notice."""
        entry: dict[str, Any] = {"pages": list(range(first_page, first_page + self.pages))}
        for name in FIELDS:
            entry[name] = getattr(self, name)
        return entry


# ----------------------------------------------------------------- formatting


DATE_STYLES = {"modern": "grid", "courier": "inline", "stacked": "table"}


def _date(iso: str | None, style: str) -> str:
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    style = DATE_STYLES.get(style, style)
    if style == "grid":
        return day.strftime("%m/%d/%Y")
    if style == "inline":
        return f"{day.strftime('%B')} {day.day}, {day.year}"
    return day.strftime("%b %d, %Y")


def _time12(hhmm: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {suffix}"


def _money(amount: str, style: str = "plain") -> str:
    whole, cents = amount.split(".")
    if style == "spaced":
        return f"$ {int(whole):,}.{cents} U.S."
    return f"${int(whole):,}.{cents}"


def _a_number(number: str) -> str:
    """An A-Number as notices print it, in one of four ways (chosen by the number, so stable)."""
    a, b, c = number[:3], number[3:6], number[6:]
    return [f"A{a} {b} {c}", f"A{a}-{b}-{c}", f"A{number}", f"A-{number}"][int(number) % 4]


def _case_type(spec: Spec) -> str:
    return spec.case_type or CASE_TYPES[spec.form]


def _party_rows(spec: Spec) -> list[tuple[str, str]]:
    if spec.applicant:
        return [("Applicant", spec.applicant)]
    return [("Petitioner", spec.petitioner or ""), ("Beneficiary", spec.beneficiary or "")]


def _party_boxes(spec: Spec) -> list[tuple[str, list[str]]]:
    """Party boxes as the newer layouts print them: the A-Number above the applicant's name."""
    if spec.applicant:
        lines = [_a_number(spec.a_number)] if spec.a_number else []
        return [("APPLICANT", [*lines, spec.applicant])]
    return [("PETITIONER", [spec.petitioner or ""]), ("BENEFICIARY", [spec.beneficiary or ""])]


def _notice_block(spec: Spec, style: str) -> list[str]:
    """The lines beside the addressee: notice type, class, validity, amount."""
    kind_line = TITLES[spec.notice_type][1]
    lines = [] if style in ("modern", "stacked") else [f"Notice Type: {kind_line}"]
    if style == "courier":
        lines = [line.upper() for line in lines]
    if spec.amount and spec.notice_type == "receipt" and style != "stacked":
        label = "AMOUNT RECEIVED:" if style in ("modern", "courier") else "Amount received:"
        money = _money(spec.amount, spec.amount_style)
        lines.append(f"{label} {money}" + (" U.S." if spec.amount_style == "plain" and style != "modern" else ""))
    if spec.amount and spec.notice_type == "rejection":
        lines.append(f"Fee returned: {_money(spec.amount, spec.amount_style)}")
    if spec.classification:
        lines.append(f"Class: {spec.classification}")
    if spec.valid_from and spec.valid_to:
        lines.append(f"Valid from {_date(spec.valid_from, style)} to {_date(spec.valid_to, style)}")
    return lines


def _body(spec: Spec, style: str) -> list[str]:
    """Paragraphs of body text, by notice kind."""
    office = OFFICES[spec.receipt_number[:3]][0].title()
    due = _date(spec.response_due, style)
    texts = {
        "receipt": [
            "The above case has been received by our office and is in process. Our records indicate your "
            "personal information is as shown above. If any of this information is incorrect, please call "
            "the USCIS Contact Center immediately.",
            "Processing time - Processing times vary by form type. You can check our current processing "
            "times online. If you have questions, contact the USCIS Contact Center.",
        ],
        "approval": [
            "The above petition has been approved. The petition indicates that the beneficiary is now in "
            "the United States; the request for extension of stay has also been approved. The tear-off "
            "portion at the bottom of this notice is the beneficiary's new I-94 record.",
        ]
        if spec.i94_number
        else [
            "The above petition has been approved. The beneficiary is outside the United States; we have "
            "notified the Department of State consulate named in the petition. This notice is not a visa.",
        ],
        "rfe": [
            "We need more information before we can make a decision on your case. The evidence requested "
            f"below must be received in this office by {due}. Return this notice on top of your response.",
            "If you do not respond by that date, we will make a decision based on the record as it stands.",
        ],
        "biometrics": [
            "To process your application, USCIS must capture your biometrics. Please appear at the "
            "Application Support Center shown below at the date and time specified.",
        ],
        "transfer": [
            f"Your case has been transferred to another USCIS office, the {office}, to balance workloads. "
            "You do not need to take any action. Please send any future correspondence to that office.",
        ],
        "rejection": [
            "Your filing is being rejected and returned because the fee submitted is not the correct "
            "amount. The fee shown above is returned with this notice. You may refile with the correct fee.",
        ],
        "noid": [
            "After a review of the record, USCIS intends to deny the petition for the reasons below. You may "
            f"submit evidence in rebuttal. Your response must be received in this office by {due}.",
        ],
        "denial": [
            "After a full review of the record, USCIS has decided that the request is denied for the reasons "
            "given on the attached decision. You may file a motion or an appeal as explained in the decision.",
        ],
    }
    paragraphs = texts[spec.notice_type]
    if spec.trap_body or spec.form == "I-907":
        paragraphs = [*paragraphs, TRAP_BODY]
    return paragraphs


# Boilerplate that names other actions: the kind comes from the Notice Type line and the title, never from this.
TRAP_BODY = (
    "Premium processing: within the premium processing timeframe USCIS will issue an approval notice, a "
    "request for evidence or a notice of intent to deny, or open an investigation for fraud. If we issue a "
    "request for evidence or a notice of intent to deny, the clock starts again when we receive the response. "
    "This notice does not grant any immigration status or benefit and the case has not been approved or denied."
)


RFE_ITEMS = [
    "1. Specialty occupation. Submit evidence that the position requires at least a bachelor's degree in a "
    "specific specialty, such as an organisational chart and a detailed description of daily duties.",
    "2. Employer-employee relationship. Submit the employment agreement and evidence of the work the "
    "beneficiary will perform at each worksite for the whole period requested.",
    "3. Maintenance of status. Submit the beneficiary's pay statements for the last six months and the "
    "corresponding Forms W-2.",
    "4. Labor Condition Application. Submit a certified LCA that covers every worksite named in the petition.",
]


# -------------------------------------------------------------------- drawing


class Pen:
    """A thin helper over a reportlab canvas that wraps text."""

    def __init__(self, pdf: canvas.Canvas) -> None:
        self.pdf = pdf

    def text(self, x: float, y: float, text: str, font: str = "Helvetica", size: float = 10, width: float = 0) -> None:
        """Draw ``text``; shrink it to ``width`` points if given (as a notice printer fits a box)."""
        width = width or PAGE_W - 36 - x
        while size > 6 and stringWidth(text, font, size) > width:
            size -= 0.5
        self.pdf.setFont(font, size)
        self.pdf.drawString(x, y, text)

    def para(self, x: float, y: float, text: str, width: float, font: str = "Times-Roman", size: float = 10.5) -> float:
        for line in simpleSplit(text, font, size, width):
            self.text(x, y, line, font, size)
            y -= size * 1.35
        return y - size * 0.6


def _banner(pen: Pen, spec: Spec) -> None:
    title = spec.title or TITLES[spec.notice_type][0]
    pen.text(PAGE_W / 2 - 130, 752, "THE UNITED STATES OF AMERICA", "Helvetica-Bold", 15)
    pen.text(40, 724, title, "Helvetica-Bold", 12)
    pen.text(370, 730, "DEPARTMENT OF HOMELAND SECURITY", "Helvetica", 8)
    pen.text(370, 720, "U.S. CITIZENSHIP AND IMMIGRATION SERVICES", "Helvetica", 8)


def _footer(pen: Pen, spec: Spec, page: int) -> None:
    office = OFFICES[spec.receipt_number[:3]]
    y = 96.0
    pen.text(
        40,
        y,
        "Please see the additional information on the back. "
        "You will be notified separately about any other cases you filed.",
        "Helvetica",
        7.5,
    )
    y -= 16
    for line in ["U.S. CITIZENSHIP AND IMMIGRATION SERVICES", *office]:
        pen.text(40, y, line, "Helvetica", 8.5)
        y -= 11
    pen.text(370, 80, "USCIS Contact Center: www.uscis.gov/contactcenter", "Helvetica", 7.5)
    pen.text(PAGE_W - 110, 40, f"Form I-797 (Rev. 01/01/26)  p.{page}", "Helvetica", 6.5)


def _cell(pen: Pen, x0: float, x1: float, top: float, label: str, value: str) -> None:
    pen.pdf.setLineWidth(0.6)
    pen.pdf.rect(x0, top - 34, x1 - x0, 34)
    pen.text(x0 + 3, top - 10, label, "Helvetica", 8)
    if value:
        pen.text(x0 + 4, top - 26, value, "Courier-Bold", 10.5, x1 - x0 - 8)


def _grid_header(pen: Pen, spec: Spec, page: int, total: int, receipt: str) -> float:
    top = 700.0
    _cell(pen, 36, 216, top, "Receipt Number", receipt)
    _cell(pen, 216, 576, top, "Case Type", CASE_TYPES[spec.form])
    top -= 34
    parties = _party_rows(spec)
    _cell(pen, 36, 156, top, "Received Date", _date(spec.received_date, "grid"))
    _cell(pen, 156, 276, top, "Priority Date", _date(spec.priority_date, "grid"))
    _cell(pen, 276, 576, top, parties[0][0], parties[0][1])
    top -= 34
    _cell(pen, 36, 156, top, "Notice Date", _date(spec.notice_date, "grid"))
    _cell(pen, 156, 276, top, "Page", f"{page} of {total}")
    if len(parties) > 1:
        _cell(pen, 276, 576, top, parties[1][0], parties[1][1])
    else:
        _cell(pen, 276, 576, top, "", "")
    return top - 50


def _inline_header(pen: Pen, spec: Spec, page: int, total: int, receipt: str) -> float:
    font = "Times-Roman"
    y = 690.0
    pen.text(40, y, f"RECEIPT NUMBER: {receipt}", "Times-Bold", 11)
    pen.text(260, y, f"CASE TYPE: {CASE_TYPES[spec.form]}", font, 10)
    y -= 18
    pen.text(40, y, f"RECEIVED DATE: {_date(spec.received_date, 'inline')}", font, 10.5)
    pen.text(260, y, f"PRIORITY DATE: {_date(spec.priority_date, 'inline')}".rstrip(), font, 10.5)
    pen.text(470, y, f"PAGE: {page} of {total}", font, 10.5)
    y -= 18
    pen.text(40, y, f"NOTICE DATE: {_date(spec.notice_date, 'inline')}", font, 10.5)
    y -= 18
    for label, value in _party_rows(spec):
        pen.text(40, y, f"{label.upper()}: {value}", font, 10.5)
        y -= 18
    if spec.a_number:
        pen.text(40, y, f"A-NUMBER: {_a_number(spec.a_number)}", font, 10.5)
        y -= 18
    return y - 20


def _table_header(pen: Pen, spec: Spec, page: int, total: int, receipt: str) -> float:
    rows = [
        ("Receipt Number", receipt),
        ("Case Type", CASE_TYPES[spec.form]),
        ("Received Date", _date(spec.received_date, "table")),
        ("Priority Date", _date(spec.priority_date, "table")),
        ("Notice Date", _date(spec.notice_date, "table")),
        *_party_rows(spec),
        *([("A-Number", _a_number(spec.a_number))] if spec.a_number else []),
        ("Page", f"{page} of {total}"),
    ]
    y = 692.0
    for label, value in rows:
        pen.text(44, y, label.upper(), "Helvetica-Bold", 9)
        if value:
            pen.text(170, y, value, "Helvetica", 10)
        pen.pdf.setLineWidth(0.3)
        pen.pdf.line(40, y - 4, 576, y - 4)
        y -= 17
    return y - 22


def _box(pen: Pen, x0: float, x1: float, top: float, height: float, label: str, lines: list[str]) -> None:
    """A ruled box: an upper-case label, then its value on one or more lines (long values wrap)."""
    pen.pdf.setLineWidth(0.8)
    pen.pdf.rect(x0, top - height, x1 - x0, height)
    pen.text(x0 + 4, top - 9, label, "Helvetica-Bold", 7)
    y = top - 22
    for line in lines:
        for part in simpleSplit(line, "Helvetica", 10, x1 - x0 - 10) if line else []:
            pen.text(x0 + 5, y, part, "Helvetica", 10, x1 - x0 - 8)
            y -= 11.5


def _modern_header(pen: Pen, spec: Spec, page: int, total: int, receipt: str) -> float:
    top = 702.0
    _box(pen, 36, 226, top, 32, "RECEIPT NUMBER", [receipt])
    _box(pen, 226, 576, top, 32, "CASE TYPE", [_case_type(spec)])
    top -= 32
    _box(pen, 36, 146, top, 32, "RECEIVED DATE", [_date(spec.received_date, "modern")])
    _box(pen, 146, 256, top, 32, "PRIORITY DATE", [_date(spec.priority_date, "modern")])
    _box(pen, 256, 366, top, 32, "NOTICE DATE", [_date(spec.notice_date, "modern")])
    _box(pen, 366, 436, top, 32, "PAGE", [f"{page} of {total}" if spec.number else ""])
    _box(pen, 436, 576, top, 32, "NOTICE TYPE", [TITLES[spec.notice_type][1]])
    top -= 32
    parties = _party_boxes(spec)
    _box(pen, 36, 306, top, 46, parties[0][0], parties[0][1])
    if len(parties) > 1:
        _box(pen, 306, 576, top, 46, parties[1][0], parties[1][1])
    return top - 66


def _stacked_header(pen: Pen, spec: Spec, page: int, total: int, receipt: str) -> float:
    """Values above their labels; the notice kind only as the title."""
    pen.text(40, 700, TITLES[spec.notice_type][1].upper(), "Helvetica-Bold", 13)

    def item(x: float, bottom: float, label: str, lines: list[str]) -> None:
        y = bottom + 12.0 * (len(lines) - 1)
        for line in lines:
            if line:
                pen.text(x, y, line, "Courier", 10.5, 250)
            y -= 12.0
        pen.text(x, bottom - 10, label, "Helvetica", 6.5)

    y = 670.0
    item(40, y, "RECEIPT NUMBER", [receipt])
    item(220, y, "CASE TYPE", [_case_type(spec)])
    y -= 36
    item(40, y, "RECEIVED DATE", [_date(spec.received_date, "stacked")])
    item(160, y, "PRIORITY DATE", [_date(spec.priority_date, "stacked")])
    item(280, y, "NOTICE DATE", [_date(spec.notice_date, "stacked")])
    if spec.amount and spec.notice_type == "receipt":
        item(400, y, "AMOUNT RECEIVED", [_money(spec.amount, spec.amount_style)])
    parties = _party_boxes(spec)
    y -= 36 + 12.0 * (max(len(lines) for _, lines in parties) - 1)
    item(40, y, parties[0][0], parties[0][1])
    if len(parties) > 1:
        item(320, y, parties[1][0], parties[1][1])
    return y - 40


COURIER_COLUMNS = (0, 19, 37)  # characters: where the three columns of the Courier grid start


def _courier_line(pen: Pen, y: float, cells: list[str]) -> None:
    """One line of the Courier grid: the cells padded with spaces to their columns, drawn as one run."""
    text = ""
    for column, cell in zip(COURIER_COLUMNS, cells, strict=False):
        text = (text.ljust(max(column, len(text) + 2)) if text else " " * column) + cell if cell else text
    pen.text(40, y, text, "Courier", 10, 540)


def _courier_header(pen: Pen, spec: Spec, page: int, total: int, receipt: str) -> float:
    """The older Courier grid: labels over values, every line one padded run, receipt numbers hyphenated."""
    if receipt == spec.receipt_number:
        receipt = f"{receipt[:3]}-{receipt[3:5]}-{receipt[5:8]}-{receipt[8:]}"
    form_code, _, title = _case_type(spec).partition(" - ")
    parties = _party_boxes(spec)
    first_party = parties[0][1]
    rows = [
        ["RECEIPT NUMBER", "", f"CASE TYPE  {form_code}"],
        [receipt, "", title],
        ["RECEIVED DATE", "PRIORITY DATE", parties[0][0]],
        [_date(spec.received_date, "courier"), _date(spec.priority_date, "courier"), first_party[0]],
    ]
    rows += [["", "", line] for line in first_party[1:]]
    if len(parties) > 1:
        rows += [["NOTICE DATE", "PAGE", parties[1][0]]]
        rows += [[_date(spec.notice_date, "courier"), f"{page} of {total}", parties[1][1][0]]]
    else:
        rows += [["NOTICE DATE", "PAGE", ""], [_date(spec.notice_date, "courier"), f"{page} of {total}", ""]]
    y = 694.0
    for row in rows:
        _courier_line(pen, y, row)
        y -= 12.5
    return y - 24


HEADERS = {
    "grid": _grid_header,
    "inline": _inline_header,
    "table": _table_header,
    "modern": _modern_header,
    "stacked": _stacked_header,
    "courier": _courier_header,
}


def _address_and_block(pen: Pen, spec: Spec, y: float) -> float:
    left = y
    for line in spec.addressee:
        pen.text(48, left, line, "Courier", 10)
        left -= 12
    right = y
    font = "Courier" if spec.layout == "courier" else "Helvetica"
    for line in _notice_block(spec, spec.layout):
        pen.text(330, right, line, font, 10)
        right -= 14
    return min(left, right) - 18


def _appointment_stacked(pen: Pen, spec: Spec, y: float) -> float:
    """The appointment block of the stacked layout: values above their labels, like its header."""
    appt = spec.appointment or {}
    lines = appt["location"].split(", ")
    bottom = y - 13 * (len(lines) - 1)
    for index, line in enumerate(lines):
        pen.text(48, y - 13 * index, line, "Courier", 10.5)
    pen.text(48, bottom - 10, "APPLICATION SUPPORT CENTER", "Helvetica", 6.5)
    pen.text(330, y, _date(appt["date"], spec.layout), "Courier", 10.5)
    pen.text(330, y - 10, "APPOINTMENT DATE", "Helvetica", 6.5)
    pen.text(430, y, _time12(appt["time"]), "Courier", 10.5)
    pen.text(430, y - 10, "APPOINTMENT TIME", "Helvetica", 6.5)
    return bottom - 40


def _appointment(pen: Pen, spec: Spec, y: float) -> float:
    appt = spec.appointment or {}
    pen.text(48, y, "APPLICATION SUPPORT CENTER", "Helvetica-Bold", 9)
    pen.text(330, y, "DATE AND TIME OF APPOINTMENT", "Helvetica-Bold", 9)
    left = y - 15
    for line in appt["location"].split(", "):
        pen.text(48, left, line, "Courier", 10.5)
        left -= 13
    pen.text(330, y - 15, _date(appt["date"], spec.layout), "Courier", 10.5)
    pen.text(330, y - 28, _time12(appt["time"]), "Courier", 10.5)
    pen.para(
        48,
        min(left, y - 40) - 10,
        "If you are unable to keep this appointment, reschedule it online before the appointment date. "
        "Bring this notice and photo identification.",
        520,
    )
    return min(left, y - 40) - 50


def _tear_off_courier(pen: Pen, spec: Spec) -> None:
    """The older I-94 tear-off: Courier lines, the number as ``123456789 01``."""
    pen.pdf.setDash(4, 3)
    pen.pdf.line(36, 228, 576, 228)
    pen.pdf.setDash()
    number = spec.i94_number or ""
    rows = [
        "DEPARTURE RECORD",
        f"Admission No. {number[:9]} {number[9:]}",
        f"NAME: {spec.beneficiary or spec.applicant or ''}",
        f"CLASS: {spec.classification}   UNTIL: {_date(spec.valid_to, 'grid')}",
    ]
    y = 210.0
    for row in rows:
        pen.text(40, y, row, "Courier", 10)
        y -= 14


def _tear_off(pen: Pen, spec: Spec) -> None:
    if spec.layout == "courier":
        _tear_off_courier(pen, spec)
        return
    pen.pdf.setDash(4, 3)
    pen.pdf.line(36, 228, 576, 228)
    pen.pdf.setDash()
    pen.text(40, 216, "Please tear off this portion and keep it with your passport.", "Helvetica", 7.5)
    pen.text(40, 198, "DEPARTURE RECORD", "Helvetica-Bold", 10)
    pen.text(40, 182, "Admission (I-94) Record Number", "Helvetica", 8)
    pen.text(40, 168, spec.i94_number or "", "Courier-Bold", 12)
    pen.text(300, 182, "Name", "Helvetica", 8)
    pen.text(300, 168, spec.beneficiary or spec.applicant or "", "Courier-Bold", 10)
    pen.text(300, 150, f"Class: {spec.classification}  Until: {_date(spec.valid_to, 'grid')}", "Courier", 10)
    pen.text(40, 140, "Form I-94 Arrival-Departure Record", "Helvetica", 7)


def draw_notice(pdf: canvas.Canvas, spec: Spec) -> None:
    """Draw every page of one notice on ``pdf``."""
    pen = Pen(pdf)
    receipt = spec.printed_receipt or spec.receipt_number
    for page in range(1, spec.pages + 1):
        _banner(pen, spec)
        y = HEADERS[spec.layout](pen, spec, page, spec.pages, receipt)
        if page == 1:
            y = _address_and_block(pen, spec, y)
            for text in _body(spec, spec.layout):
                y = pen.para(48, y, text, 516)
            if spec.notice_type == "biometrics":
                y = (_appointment_stacked if spec.layout == "stacked" else _appointment)(pen, spec, y - 6)
            if spec.i94_number:
                _tear_off(pen, spec)
        else:
            y = pen.para(48, y, "Evidence requested (continued):", 516, "Times-Bold")
        if spec.notice_type == "rfe" and (page > 1 or spec.pages == 1):
            for item in RFE_ITEMS:
                y = pen.para(56, y, item, 508)
        if not spec.i94_number:
            _footer(pen, spec, page)
        pdf.showPage()


def notices_pdf(specs: list[Spec]) -> bytes:
    """A text PDF holding ``specs`` one after the other."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    pdf.setTitle("Notice of Action")
    for spec in specs:
        draw_notice(pdf, spec)
    pdf.save()
    return buffer.getvalue()


def letter_pdf() -> bytes:
    """A document that is not a notice: an RFE response cover letter (mentions receipt numbers)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    pen = Pen(pdf)
    y = 740.0
    for line in ["CASTELLANOS & REYES LLP", "101 California Street, Floor 24", "San Francisco, CA 94111"]:
        pen.text(48, y, line, "Times-Bold" if y == 740.0 else "Times-Roman", 11)
        y -= 14
    y -= 20
    for line in ["U.S. Citizenship and Immigration Services", "California Service Center", "Laguna Niguel, CA"]:
        pen.text(48, y, line, "Times-Roman", 11)
        y -= 14
    y -= 16
    pen.text(48, y, "Re: Response to Request for Evidence (Form I-797E)", "Times-Bold", 11)
    pen.text(
        48, y - 14, "Receipt Number WAC2690012345, Acme Analytics, Inc. for Chidera Okafor (H-1B)", "Times-Roman", 11
    )
    y -= 44
    for text in [
        "Dear Officer:",
        "On behalf of the petitioner we respond to the Request for Evidence issued on June 22, 2026. "
        "Each point of the request is answered below with references to the enclosed exhibits.",
        "The position of Senior Data Engineer requires a master's degree in computer science or a closely "
        "related field, as shown in Exhibits A through D.",
        "Respectfully submitted,",
        "Ines Castellanos, Attorney for the Petitioner",
    ]:
        y = pen.para(48, y, text, 516, "Times-Roman", 11)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def quoting_letter_pdf() -> bytes:
    """Not a notice: a law firm's cover letter quoting "Form I-797A, Notice of Action" and a receipt number."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    pen = Pen(pdf)
    lines = [
        ("HALVORSEN MBEKI IMMIGRATION LAW GROUP", "Helvetica-Bold"),
        ("2200 Pennsylvania Avenue NW, Suite 500, Washington, DC 20037", "Helvetica"),
        ("", "Helvetica"),
        ("September 14, 2026", "Helvetica"),
        ("", "Helvetica"),
        ("U.S. Department of Homeland Security", "Helvetica"),
        ("U.S. Citizenship and Immigration Services", "Helvetica"),
        ("California Service Center, Laguna Niguel, CA 92607", "Helvetica"),
        ("", "Helvetica"),
        ("Re: Form I-797A, Notice of Action - request to correct the I-94 record", "Helvetica-Bold"),
        ("Receipt Number: WAC2690012345", "Helvetica-Bold"),
        ("Case Type: I-129, Petition for a Nonimmigrant Worker", "Helvetica-Bold"),
        ("Notice Date: September 2, 2026", "Helvetica-Bold"),
    ]
    y = 740.0
    for text, font in lines:
        if text:
            pen.text(56, y, text, font, 10.5)
        y -= 14
    for text in [
        "Dear Officer:",
        "We write on behalf of Acme Analytics Inc about the Form I-797A, Notice of Action, approval notice "
        "enclosed. The I-94 record at the bottom of the notice gives a validity end date that does not match "
        "the approved petition. We ask that USCIS issue a corrected notice.",
        "Enclosed: a copy of the I-797A approval notice; the beneficiary's passport biographic page.",
        "Sincerely,",
        "Amara Halvorsen-Mbeki, Esq.",
    ]:
        y = pen.para(56, y - 6, text, 500, "Helvetica", 10.5)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ---------------------------------------------------------------------- scans


@dataclass
class Scan:
    """How to spoil a page: resolution, skew, blur, noise, greyness, JPEG quality."""

    dpi: int = 200
    angle: float = 0.0
    blur: float = 0.0
    noise: float = 0.0
    paper: int = 245  # background grey level
    quality: int = 70
    turn: int = 0  # degrees the sheet went through the scanner turned (180: upside down)


def rasterise(pdf_bytes: bytes, dpi: int) -> list[Image.Image]:
    """Render each page to a greyscale image with pdftoppm."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf_bytes)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(src), str(Path(tmp) / "p")], check=True)
        pages = sorted(Path(tmp).glob("p*.png"))
        return [Image.open(path).convert("L") for path in pages]


def spoil(image: Image.Image, scan: Scan, rng: random.Random) -> Image.Image:
    """Make a clean page look scanned."""
    arr = np.asarray(image, dtype=np.float32)
    arr = scan.paper - (255.0 - arr) * (scan.paper - 30) / 255.0  # grey paper, greyish ink
    if scan.noise:
        gen = np.random.default_rng(rng.randrange(1 << 30))
        arr = arr + gen.normal(0.0, scan.noise, arr.shape)
        specks = gen.random(arr.shape) < 0.0008
        arr[specks] = 40.0
    page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if scan.blur:
        page = page.filter(ImageFilter.GaussianBlur(scan.blur))
    if scan.angle:
        page = page.rotate(scan.angle, resample=Image.Resampling.BICUBIC, fillcolor=scan.paper, expand=False)
    if scan.turn:
        page = page.rotate(scan.turn, expand=True)
    return page


def _jpeg(page: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def image_pdf(pages: list[Image.Image], dpi: int, quality: int) -> bytes:
    """An image-only PDF (as a scanner writes it), one JPEG per page."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H))
    for page in pages:
        pdf.drawImage(ImageReader(io.BytesIO(_jpeg(page, quality))), 0, 0, PAGE_W, PAGE_H)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_file(
    specs: list[Spec], scan: Scan, kind: str, rng: random.Random, page_scans: list[Scan] | None = None
) -> bytes:
    """Scan the notices in ``specs`` into one file of ``kind`` (pdf, jpeg, png, tiff)."""
    clean = rasterise(notices_pdf(specs), scan.dpi)
    scans = page_scans or [scan] * len(clean)
    pages = [spoil(image, how, rng) for image, how in zip(clean, scans, strict=True)]
    if kind == "pdf":
        return image_pdf(pages, scan.dpi, scan.quality)
    buffer = io.BytesIO()
    if kind == "jpeg":
        pages[0].save(buffer, "JPEG", quality=scan.quality, dpi=(scan.dpi, scan.dpi))
    elif kind == "png":
        pages[0].save(buffer, "PNG", optimize=True, dpi=(scan.dpi, scan.dpi))
    elif kind == "tiff":
        bilevel = [page.point(lambda v: 255 if v > 150 else 0).convert("1") for page in pages]
        bilevel[0].save(
            buffer, "TIFF", save_all=True, append_images=bilevel[1:], compression="group4", dpi=(scan.dpi, scan.dpi)
        )
    else:
        raise ValueError(kind)
    return buffer.getvalue()


# -------------------------------------------------------------------- samples

OKAFOR = "OKAFOR, CHIDERA NGOZI"
EMEKA = "OKAFOR, EMEKA TOBENNA"
ACME = "ACME ANALYTICS INC"
ATTORNEY = ["INES CASTELLANOS", "CASTELLANOS & REYES LLP", "101 CALIFORNIA STREET FLR 24", "SAN FRANCISCO CA 94111"]
EMEKA_ADDR = ["EMEKA TOBENNA OKAFOR", "1824 ALDER LANE APT 3B", "OAKLAND CA 94610"]
OAKLAND_ASC = "USCIS OAKLAND, 2040 TELEGRAPH AVENUE, OAKLAND CA 94612"


def i129_notice(name: str, kind: str, layout: str, **values: Any) -> Spec:
    """An I-129 notice of ``kind`` for the sample H-1B case, drawn in ``layout``; ``values`` override fields."""
    base: dict[str, Any] = {
        "form": "I-129",
        "receipt_number": "WAC2690012345",
        "received_date": "2026-06-01",
        "petitioner": ACME,
        "beneficiary": OKAFOR,
        "classification": "H1B",
        "addressee": ATTORNEY,
    }
    base.update(values)
    return Spec(name=name, notice_type=kind, layout=layout, **base)


def bundled_specs() -> dict[str, Spec]:
    """The notices of the bundled samples, by name."""
    specs = [
        i129_notice("receipt-i129", "receipt", "grid", notice_date="2026-06-04", amount="1710.00"),
        i129_notice(
            "approval-i797a",
            "approval",
            "grid",
            notice_date="2026-09-02",
            valid_from="2026-10-01",
            valid_to="2029-09-30",
            i94_number="84112233445",
            title="I-797A, Notice of Action",
        ),
        i129_notice(
            "approval-2023",
            "approval",
            "inline",
            receipt_number="WAC2390123456",
            received_date="2023-04-03",
            notice_date="2023-07-20",
            valid_from="2023-10-01",
            valid_to="2026-09-30",
            title="I-797B, Notice of Action",
        ),
        i129_notice("rfe-i129", "rfe", "grid", notice_date="2026-06-22", response_due="2026-09-16", pages=2),
        Spec(
            name="biometrics-i539",
            notice_type="biometrics",
            form="I-539",
            layout="grid",
            receipt_number="IOE0923456789",
            received_date="2026-06-03",
            notice_date="2026-06-18",
            applicant=EMEKA,
            appointment={"date": "2026-07-08", "time": "10:00", "location": OAKLAND_ASC},
            addressee=EMEKA_ADDR,
        ),
        Spec(
            name="receipt-i765",
            notice_type="receipt",
            form="I-765",
            layout="table",
            receipt_number="IOE0923456790",
            received_date="2026-06-03",
            notice_date="2026-06-05",
            applicant=EMEKA,
            classification="C26",
            amount="470.00",
            addressee=EMEKA_ADDR,
        ),
        Spec(
            name="transfer-i539",
            notice_type="transfer",
            form="I-539",
            layout="inline",
            receipt_number="EAC2690104321",
            received_date="2026-05-11",
            notice_date="2026-07-01",
            applicant="NAKAMURA, HARUKI",
            addressee=["HARUKI NAKAMURA", "77 ELM STREET", "SOMERVILLE MA 02143"],
        ),
        Spec(
            name="rejection-i129",
            notice_type="rejection",
            form="I-129",
            layout="table",
            receipt_number="EAC2690200777",
            received_date="2026-04-06",
            notice_date="2026-04-14",
            petitioner="BOREALIS ROBOTICS LLC",
            beneficiary="LINDGREN, ASTRID MARIA",
            amount="780.00",
            addressee=["BOREALIS ROBOTICS LLC", "ATTN HUMAN RESOURCES", "400 HARBOR DRIVE", "PORTLAND ME 04101"],
        ),
        Spec(
            name="noid-i140",
            notice_type="noid",
            form="I-140",
            layout="grid",
            receipt_number="SRC2690055501",
            received_date="2025-11-17",
            notice_date="2026-05-29",
            priority_date="2024-03-12",
            petitioner="MERIDIAN BIOLOGICS CORP",
            beneficiary="GARCIA LOPEZ, MARIA JOSE",
            classification="E21",
            response_due="2026-07-03",
            addressee=["DANIEL OKONJO ESQ", "OKONJO IMMIGRATION PLLC", "1200 MAIN STREET SUITE 400", "DALLAS TX 75202"],
        ),
        Spec(
            name="denial-i765",
            notice_type="denial",
            form="I-765",
            layout="inline",
            receipt_number="LIN2690333210",
            received_date="2026-01-20",
            notice_date="2026-06-10",
            applicant="PETROVA, IRINA SERGEYEVNA",
            classification="C9",
            addressee=["IRINA SERGEYEVNA PETROVA", "915 LAKE SHORE DRIVE APT 12", "CHICAGO IL 60611"],
        ),
        Spec(
            name="receipt-i485",
            notice_type="receipt",
            form="I-485",
            layout="grid",
            receipt_number="MSC2691234567",
            received_date="2026-03-02",
            notice_date="2026-03-09",
            priority_date="2024-03-12",
            applicant="GARCIA LOPEZ, MARIA JOSE",
            amount="1440.00",
            addressee=["MARIA JOSE GARCIA LOPEZ", "3300 OAK LAWN AVENUE APT 8", "DALLAS TX 75219"],
        ),
        Spec(
            name="approval-i140",
            notice_type="approval",
            form="I-140",
            layout="table",
            receipt_number="SRC2490011223",
            received_date="2024-03-12",
            notice_date="2024-09-30",
            priority_date="2024-03-12",
            petitioner="MERIDIAN BIOLOGICS CORP",
            beneficiary="GARCIA LOPEZ, MARIA JOSE",
            classification="E21",
            addressee=["DANIEL OKONJO ESQ", "OKONJO IMMIGRATION PLLC", "1200 MAIN STREET SUITE 400", "DALLAS TX 75202"],
        ),
    ]
    return {spec.name: spec for spec in specs}


def expected(file_name: str, specs: list[Spec], reason: str | None = None, **extra: Any) -> dict[str, Any]:
    """The expected JSON of a sample file."""
    notices, page = [], 1
    for spec in specs:
        notices.append(spec.truth(page))
        page += spec.pages
    return {"file": file_name, "notices": notices, "reason": reason, **extra}


def _write(out: Path, name: str, data: bytes, expect: dict[str, Any]) -> None:
    (out / name).write_bytes(data)
    stem = name.rsplit(".", 1)[0]
    (out / f"{stem}.json").write_text(json.dumps(expect, indent=2) + "\n", encoding="utf-8")


def write_bundled(out: Path) -> None:
    """Write the bundled samples: text notices, scans, a batch, bad inputs."""
    rng = random.Random(20260720)
    specs = bundled_specs()
    text_dir, scan_dir, bad_dir = out / "text", out / "scans", out / "bad"
    for folder in (text_dir, scan_dir, bad_dir):
        folder.mkdir(parents=True, exist_ok=True)
    for name, spec in specs.items():
        _write(text_dir, f"{name}.pdf", notices_pdf([spec]), expected(f"{name}.pdf", [spec]))
    batch = [specs["receipt-i129"], specs["transfer-i539"], specs["rfe-i129"], specs["denial-i765"]]
    _write(text_dir, "batch-text.pdf", notices_pdf(batch), expected("batch-text.pdf", batch))

    scans: list[tuple[str, list[Spec], Scan, str]] = [
        ("approval-i797a-scan.pdf", [specs["approval-i797a"]], Scan(dpi=200, angle=1.6, blur=0.6, noise=6), "pdf"),
        (
            "rfe-i129-scan.jpg",
            [_first_page(specs["rfe-i129"])],
            Scan(dpi=150, angle=-2.2, blur=0.5, noise=5, quality=60),
            "jpeg",
        ),
        ("biometrics-i539-scan.png", [specs["biometrics-i539"]], Scan(dpi=150, angle=0.8, blur=0.4), "png"),
        ("noid-i140-scan.tif", [specs["noid-i140"], specs["receipt-i485"]], Scan(dpi=200, angle=-1.0), "tiff"),
    ]
    for name, group, how, kind in scans:
        _write(scan_dir, name, scan_file(group, how, kind, rng), expected(name, group))

    name = "transfer-i539-upside-down-scan.jpg"
    upside_down = Scan(dpi=150, angle=0.6, blur=0.4, noise=4, quality=65, turn=180)
    _write(
        scan_dir,
        name,
        scan_file([specs["transfer-i539"]], upside_down, "jpeg", rng),
        expected(name, [specs["transfer-i539"]]),
    )

    # OCR confusions printed into the receipt number itself: the parser must repair them by position.
    confused = i129_notice(
        "receipt-confused",
        "receipt",
        "inline",
        receipt_number="SRC2690481205",
        printed_receipt="5RC269O4BI2O5",
        received_date="2026-06-08",
        notice_date="2026-06-11",
        amount="2805.00",
    )
    name = "receipt-ocr-confusion-scan.pdf"
    _write(
        scan_dir,
        name,
        scan_file([confused], Scan(dpi=200, angle=-0.7, blur=0.5, noise=5), "pdf", rng),
        expected(name, [confused]),
    )

    mail = [specs["receipt-i129"], specs["transfer-i539"], specs["rfe-i129"], specs["denial-i765"]]
    per_page = [Scan(dpi=200, angle=a, blur=0.5, noise=5) for a in (1.2, -0.9, 0.4, 2.0, -1.5)]
    name = "mail-batch-scan.pdf"
    _write(scan_dir, name, scan_file(mail, per_page[0], "pdf", rng, per_page), expected(name, mail))

    smudged = Scan(dpi=60, angle=4.0, blur=2.2, noise=30, quality=25)
    name = "unreadable-scan.jpg"
    _write(bad_dir, name, scan_file([specs["receipt-i765"]], smudged, "jpeg", rng), {"file": name, "unreadable": True})

    _write(bad_dir, "not-a-notice.pdf", letter_pdf(), expected("not-a-notice.pdf", [], reason=NOT_A_NOTICE))
    corrupt = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nthis file was cut short by a failed upload"
    _write(bad_dir, "corrupt.pdf", corrupt, {"file": "corrupt.pdf", "error": "corrupt"})
    _write(
        bad_dir,
        "encrypted.pdf",
        _encrypted(notices_pdf([specs["receipt-i129"]])),
        {"file": "encrypted.pdf", "error": "password"},
    )


LONG_PETITIONER = "INTERNATIONAL GEOSPATIAL ANALYTICS AND SATELLITE IMAGING SERVICES CORPORATION"


def layout_specs() -> dict[str, Spec]:
    """Development samples of the newer layout families and the traps, by name."""
    person = {"applicant": "NAKASHIMA-OYELARAN, TEMPERANCE ADAEZE", "a_number": "238312000", "addressee": EMEKA_ADDR}
    specs = [
        Spec(
            name="receipt-i485-modern",
            notice_type="receipt",
            form="I-485",
            layout="modern",
            receipt_number="MSC2691234999",
            received_date="2026-03-02",
            notice_date="2026-03-09",
            priority_date="2024-03-12",
            amount="1440.00",
            **person,
        ),
        i129_notice(
            "receipt-i907-modern",
            "receipt",
            "modern",
            form="I-907",
            notice_date="2026-06-04",
            amount="2805.00",
        ),
        Spec(
            name="receipt-i131-stacked",
            notice_type="receipt",
            form="I-131",
            layout="stacked",
            receipt_number="IOE0923456123",
            received_date="2026-02-10",
            notice_date="2026-02-12",
            amount="630.00",
            amount_style="spaced",
            applicant="OYELARAN, DAMILOLA",
            a_number="041926337",
            addressee=EMEKA_ADDR,
        ),
        i129_notice(
            "approval-i129-courier",
            "approval",
            "courier",
            receipt_number="WAC2390123456",
            received_date="2023-04-03",
            notice_date="2023-07-20",
            valid_from="2023-10-01",
            valid_to="2026-09-30",
            i94_number="53190288441",
            title="I-797A, Notice of Action",
        ),
        Spec(
            name="rfe-i140-stacked",
            notice_type="rfe",
            form="I-140",
            layout="stacked",
            receipt_number="SRC2690055777",
            received_date="2025-11-17",
            notice_date="2026-05-20",
            priority_date="2025-11-17",
            petitioner="MERIDIAN BIOLOGICS CORP",
            beneficiary="GARCIA LOPEZ, MARIA JOSE",
            classification="E21",
            response_due="2026-08-12",
            pages=2,
            number=False,
            addressee=ATTORNEY,
        ),
        Spec(
            name="biometrics-i765-stacked",
            notice_type="biometrics",
            form="I-765",
            layout="stacked",
            receipt_number="IOE0923456124",
            received_date="2026-02-10",
            notice_date="2026-02-20",
            appointment={"date": "2026-03-12", "time": "14:30", "location": OAKLAND_ASC},
            applicant="OYELARAN, DAMILOLA",
            a_number="041926337",
            addressee=EMEKA_ADDR,
        ),
        i129_notice(
            "receipt-i129-modern-wrapped",
            "receipt",
            "modern",
            receipt_number="EAC2690300100",
            notice_date="2026-06-05",
            petitioner=LONG_PETITIONER,
            amount="1710.00",
            case_type="I 129 - PETITION FOR A NONIMMIGRANT WORKER",
        ),
        i129_notice(
            "receipt-i907-ocr-layer",
            "receipt",
            "grid",
            form="I-907",
            receipt_number="WAC2690012346",
            notice_date="2026-06-04",
            amount="2805.00",
            case_type="1907 - REQUEST FOR PREMIUM PROCESSING SERVICE",
        ),
        Spec(
            name="receipt-i485-courier-ocr-layer",
            notice_type="receipt",
            form="I-485",
            layout="courier",
            receipt_number="LIN2690777001",
            received_date="2026-01-05",
            notice_date="2026-01-09",
            priority_date="2025-06-30",
            amount="1440.00",
            case_type="l-485 - APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
            **person,
        ),
        Spec(
            name="transfer-i130-courier",
            notice_type="transfer",
            form="I-130",
            layout="courier",
            receipt_number="IOE0912000333",
            received_date="2025-08-18",
            notice_date="2026-04-02",
            petitioner="RAMIREZ, LUCIA",
            beneficiary="RAMIREZ OCHOA, JAVIER",
            addressee=["LUCIA RAMIREZ", "45 BIRCH COURT", "TUCSON AZ 85701"],
        ),
        i129_notice(
            "noid-i129-modern",
            "noid",
            "modern",
            receipt_number="EAC2690300177",
            notice_date="2026-08-03",
            response_due="2026-09-06",
            petitioner=LONG_PETITIONER,
            trap_body=True,
        ),
        Spec(
            name="receipt-i751-inline",
            notice_type="receipt",
            form="I-751",
            layout="inline",
            receipt_number="IOE0933300111",
            received_date="2026-05-01",
            notice_date="2026-05-04",
            amount="750.00",
            trap_body=True,
            **person,
        ),
        Spec(
            name="receipt-i90-table",
            notice_type="receipt",
            form="I-90",
            layout="table",
            receipt_number="IOE0933300222",
            received_date="2026-05-01",
            notice_date="2026-05-02",
            amount="465.00",
            applicant="SOKOLOVA, VERA",
            a_number="201334455",
            addressee=["VERA SOKOLOVA", "9 HARBOR VIEW", "BOSTON MA 02110"],
        ),
        Spec(
            name="approval-i824-inline",
            notice_type="approval",
            form="I-824",
            layout="inline",
            receipt_number="MSC2690440001",
            received_date="2026-01-12",
            notice_date="2026-04-30",
            applicant="SOKOLOVA, VERA",
            addressee=["VERA SOKOLOVA", "9 HARBOR VIEW", "BOSTON MA 02110"],
        ),
        Spec(
            name="receipt-i129f-modern",
            notice_type="receipt",
            form="I-129F",
            layout="modern",
            receipt_number="IOE0944400555",
            received_date="2026-04-14",
            notice_date="2026-04-16",
            petitioner="BRANDT, JONAS",
            beneficiary="ADEYEMI, FOLASADE",
            amount="675.00",
            addressee=["JONAS BRANDT", "18 CEDAR LANE", "MADISON WI 53703"],
        ),
        Spec(
            name="biometrics-n400-modern",
            notice_type="biometrics",
            form="N-400",
            layout="modern",
            receipt_number="IOE0955500666",
            received_date="2026-03-03",
            notice_date="2026-03-20",
            appointment={"date": "2026-04-09", "time": "09:00", "location": OAKLAND_ASC},
            **person,
        ),
    ]
    return {spec.name: spec for spec in specs}


def same_receipt_batch(specs: dict[str, Spec]) -> list[Spec]:
    """An I-129 receipt, its I-907 premium-processing receipt and the approval: one receipt number."""
    receipt = i129_notice("receipt-i129-modern", "receipt", "modern", notice_date="2026-06-04", amount="1710.00")
    approval = i129_notice(
        "approval-i129-modern",
        "approval",
        "modern",
        notice_date="2026-06-20",
        valid_from="2026-10-01",
        valid_to="2029-09-30",
        classification="H1B",
    )
    return [receipt, specs["receipt-i907-modern"], approval]


def write_layouts(out: Path) -> None:
    """Development samples of the newer layouts and traps (text, some scanned), with expected JSON."""
    rng = random.Random(20261201)
    folder = out / "layouts"
    folder.mkdir(parents=True, exist_ok=True)
    specs = layout_specs()
    for name, spec in specs.items():
        _write(folder, f"{name}.pdf", notices_pdf([spec]), expected(f"{name}.pdf", [spec]))
    batch = same_receipt_batch(specs)
    _write(folder, "batch-same-receipt.pdf", notices_pdf(batch), expected("batch-same-receipt.pdf", batch))
    noid = Spec(**{**specs["rfe-i140-stacked"].__dict__, "notice_type": "noid", "pages": 1})
    noid.name, noid.notice_date, noid.response_due = "noid-i140-stacked", "2026-09-01", "2026-10-05"
    unnumbered = [specs["rfe-i140-stacked"], noid]
    _write(folder, "batch-unnumbered.pdf", notices_pdf(unnumbered), expected("batch-unnumbered.pdf", unnumbered))
    _write(folder, "cover-letter-i797a.pdf", quoting_letter_pdf(), expected("cover-letter-i797a.pdf", [], NOT_A_NOTICE))
    scans: list[tuple[str, list[Spec], Scan, str]] = [
        ("receipt-i485-modern-scan.png", [specs["receipt-i485-modern"]], Scan(dpi=200, angle=0.9, blur=0.4), "png"),
        (
            "receipt-i131-stacked-scan.jpg",
            [specs["receipt-i131-stacked"]],
            Scan(dpi=200, angle=-1.4, blur=0.5, noise=4, quality=70),
            "jpeg",
        ),
        ("approval-i129-courier-scan.pdf", [specs["approval-i129-courier"]], Scan(dpi=200, angle=1.1), "pdf"),
        ("batch-same-receipt-scan.pdf", batch, Scan(dpi=200, angle=-0.6, blur=0.4, quality=55), "pdf"),
    ]
    for name, group, how, kind in scans:
        _write(folder, name, scan_file(group, how, kind, rng), expected(name, group))
    # Two half-sheet notices for one person on one scanned page of a batch.
    pair = [specs["receipt-i131-stacked"], specs["biometrics-i765-stacked"]]
    sheet = sheet_scan(pair, Scan(dpi=300, angle=0.4, blur=0.3), rng)
    _write(folder, "sheet-two-notices-scan.pdf", sheet, _same_page(expected("sheet-two-notices-scan.pdf", pair)))
    mixed = [
        (batch[0], None),
        (specs["receipt-i485-modern"], Scan(dpi=200, angle=-0.8, blur=0.4)),
        (batch[2], None),
    ]
    _write(
        folder,
        "batch-mixed-scan.pdf",
        mixed_batch(mixed, rng),
        expected("batch-mixed-scan.pdf", [spec for spec, _ in mixed]),
    )
    photo = specs["receipt-i90-table"]
    note = "filed 5/9 - JD|call client re: biometrics"
    _write(folder, "photo-desk-scan.jpg", desk_photo(photo, rng, note), expected("photo-desk-scan.jpg", [photo]))


def _same_page(document: dict[str, Any]) -> dict[str, Any]:
    """Expected JSON for notices that share one sheet: each on page 1."""
    for notice in document["notices"]:
        notice["pages"] = [1]
    return document


def sheet_scan(specs: list[Spec], scan: Scan, rng: random.Random) -> bytes:
    """Two half-sheet notices scanned as one page: the top half of each notice's first page, stacked."""
    halves = []
    for spec in specs:
        page = rasterise(notices_pdf([spec]), scan.dpi)[0]
        halves.append(page.crop((0, 0, page.width, page.height // 2)))
    sheet = Image.new("L", (halves[0].width, halves[0].height * 2), 255)
    sheet.paste(halves[0], (0, 0))
    sheet.paste(halves[1], (0, halves[0].height))
    return image_pdf([spoil(sheet, scan, rng)], scan.dpi, scan.quality)


def mixed_batch(parts: list[tuple[Spec, Scan | None]], rng: random.Random) -> bytes:
    """One PDF of notices, some pages with their text layer and some scanned (a mixed mail batch)."""
    out = pikepdf.Pdf.new()
    for spec, scan in parts:
        data = notices_pdf([spec]) if scan is None else scan_file([spec], scan, "pdf", rng)
        with pikepdf.open(io.BytesIO(data)) as src:
            out.pages.extend(src.pages)
    buffer = io.BytesIO()
    out.save(buffer, static_id=True)
    return buffer.getvalue()


def desk_photo(spec: Spec, rng: random.Random, note: str = "") -> bytes:
    """A phone photo of a notice on a desk: dark margins, a turn of a few degrees, uneven light, JPEG.

    ``note`` is written across the page in a slanted hand-like script (a specialist's note).
    """
    page = rasterise(notices_pdf([spec]), 170)[0]
    if note:
        from PIL import ImageDraw, ImageFont

        draw = ImageDraw.Draw(page)
        font = ImageFont.load_default(size=int(page.height * 0.022))
        for index, word in enumerate(note.split("|")):
            draw.text((page.width * 0.45, page.height * (0.52 + 0.03 * index)), word, fill=70, font=font)
        draw.line([(page.width * 0.43, page.height * 0.51), (page.width * 0.95, page.height * 0.49)], fill=60, width=3)
    page = page.rotate(3.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    desk = Image.new("L", (int(page.width * 1.18), int(page.height * 1.12)), 70)
    desk.paste(page, (int(page.width * 0.08), int(page.height * 0.05)))
    arr = np.asarray(desk, dtype=np.float32)
    light = np.linspace(1.0, 0.72, arr.shape[1])[None, :] * np.linspace(1.0, 0.85, arr.shape[0])[:, None]
    gen = np.random.default_rng(rng.randrange(1 << 30))
    arr = arr * light + gen.normal(0.0, 4.0, arr.shape)
    photo = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=80)
    return out.getvalue()


def _first_page(spec: Spec) -> Spec:
    """A one-page copy of a multi-page notice (a phone photo of its first page)."""
    copy = Spec(**{**spec.__dict__, "pages": 1})
    return copy


def _encrypted(pdf_bytes: bytes) -> bytes:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pdf.save(buffer, encryption=pikepdf.Encryption(user="mailroom", owner="uscis-owner", R=6))
    return buffer.getvalue()


# ------------------------------------------------------------ random notices

GIVEN = ["ANA", "WEI", "PRIYA", "JONAS", "LEILA", "TOMAS", "NKEMDILIM", "SOFIA", "ARJUN", "YUKI", "OLUWASEUN", "MATEO"]
FAMILY = ["FERREIRA", "CHEN", "RAGHAVAN", "VIRTANEN", "HADDAD", "NOVAK", "EZE", "ROSSI", "MEHTA", "SATO", "ADEYEMI"]
COMPANIES = [
    "NORTHWIND DATA LLC",
    "BLUE HERON LABS INC",
    "CASCADE GENOMICS CORP",
    "TRILLIUM SYSTEMS INC",
    "ORCHARD ROBOTICS LLC",
]
FORM_FOR_KIND = {
    "receipt": ["I-129", "I-140", "I-539", "I-765", "I-485", "I-131", "I-907", "I-130", "I-129F", "I-751", "I-90"],
    "approval": ["I-129", "I-140", "I-765", "I-130", "I-824", "I-751"],
    "rfe": ["I-129", "I-140", "I-485", "I-130", "I-751"],
    "biometrics": ["I-539", "I-765", "I-485", "I-131", "I-90", "N-400", "I-751"],
    "transfer": ["I-129", "I-539", "I-485", "I-130", "N-400"],
    "rejection": ["I-129", "I-765", "I-130"],
    "noid": ["I-129", "I-140", "I-130"],
    "denial": ["I-129", "I-765", "I-539", "I-485"],
}
LAYOUTS = ["grid", "inline", "table", "modern", "stacked", "courier"]
PETITIONS = ("I-129", "I-140", "I-907", "I-130", "I-129F")  # a petitioner and a beneficiary, no applicant
FAMILY_PETITIONS = ("I-130", "I-129F")  # the petitioner is a person
LONG_COMPANIES = [LONG_PETITIONER, "CONSOLIDATED MARITIME LOGISTICS AND PORT AUTOMATION TECHNOLOGIES LLC"]
CLASS_FOR_FORM = {
    "I-129": ["H1B", "L1A", "L1B", "O1A", "E3", "TN"],
    "I-140": ["E21", "E31"],
    "I-765": ["C26", "C9", "C3B"],
}
ASCS = [
    "USCIS DALLAS, 7008 SHADY OAK ROAD, DALLAS TX 75219",
    "USCIS SEATTLE, 12500 TUKWILA INTERNATIONAL BLVD, SEATTLE WA 98168",
    "USCIS CHICAGO, 101 WEST CONGRESS PARKWAY, CHICAGO IL 60605",
]


def random_spec(rng: random.Random, index: int) -> Spec:
    """A random, fictional notice: any kind, form and layout."""
    kind = rng.choice(list(FORM_FOR_KIND))
    form = rng.choice(FORM_FOR_KIND[kind])
    office = rng.choice(list(OFFICES))
    year = rng.choice([2024, 2025, 2026])
    receipt = f"{office}{year % 100}{rng.randrange(90, 99)}{rng.randrange(10**6):06d}"[:13]
    received = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
    notice = received + dt.timedelta(days=rng.randrange(3, 200))
    person = f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}"
    is_petition = form in PETITIONS
    layout = rng.choice(LAYOUTS)
    values: dict[str, Any] = {
        "name": f"random-{index:03d}",
        "notice_type": kind,
        "form": form,
        "layout": layout,
        "receipt_number": receipt,
        "received_date": received.isoformat(),
        "notice_date": notice.isoformat(),
        "petitioner": rng.choice(COMPANIES) if is_petition else None,
        "beneficiary": person if is_petition else None,
        "applicant": None if is_petition else person,
        "addressee": ATTORNEY,
    }
    if form in FAMILY_PETITIONS:
        values["petitioner"] = f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}"
    elif is_petition and layout in ("modern", "grid") and rng.random() < 0.3:
        values["petitioner"] = rng.choice(LONG_COMPANIES)  # wraps onto a second line in a box
    if not is_petition and layout != "grid" and rng.random() < 0.6:
        values["a_number"] = f"{rng.randrange(10**7, 10**9):09d}"
    values["trap_body"] = rng.random() < 0.4
    values["number"] = layout != "stacked"
    if kind in ("receipt", "rejection"):
        values["amount_style"] = rng.choice(["plain", "spaced"])
    if form in ("I-140", "I-485", "I-130"):
        values["priority_date"] = (received - dt.timedelta(days=rng.randrange(0, 900))).isoformat()
    if form in CLASS_FOR_FORM and kind not in ("biometrics", "transfer", "rejection"):
        values["classification"] = rng.choice(CLASS_FOR_FORM[form])
    if kind in ("receipt", "rejection"):
        values["amount"] = rng.choice(["460.00", "470.00", "780.00", "1710.00", "2805.00", "1440.00"])
    if kind in ("rfe", "noid"):
        values["response_due"] = (notice + dt.timedelta(days=rng.choice([33, 84, 87]))).isoformat()
        values["pages"] = rng.choice([1, 2]) if kind == "rfe" else 1
    if kind == "biometrics":
        when = notice + dt.timedelta(days=rng.randrange(14, 40))
        values["appointment"] = {
            "date": when.isoformat(),
            "time": f"{rng.randrange(8, 16):02d}:{rng.choice(['00', '30'])}",
            "location": rng.choice(ASCS),
        }
    if kind == "approval" and form == "I-129":
        start = notice + dt.timedelta(days=rng.randrange(10, 90))
        values["valid_from"] = start.isoformat()
        values["valid_to"] = (start + dt.timedelta(days=3 * 365 - 1)).isoformat()
        if rng.random() < 0.5:
            values["i94_number"] = f"{rng.randrange(10**10, 10**11)}"
            values["title"] = "I-797A, Notice of Action"
    return Spec(**values)


def write_random(out: Path, count: int, seed: int, scans: int) -> None:
    """Write ``count`` random text notices and ``scans`` scanned ones, each with expected JSON."""
    rng = random.Random(seed)
    (out / "text").mkdir(parents=True, exist_ok=True)
    (out / "scans").mkdir(parents=True, exist_ok=True)
    for index in range(count):
        spec = random_spec(rng, index)
        _write(out / "text", f"{spec.name}.pdf", notices_pdf([spec]), expected(f"{spec.name}.pdf", [spec]))
    for index in range(scans):
        spec = random_spec(rng, 1000 + index)
        spec.pages = 1
        how = Scan(
            dpi=rng.choice([150, 200, 300]), angle=rng.uniform(-3, 3), blur=rng.uniform(0, 0.8), noise=rng.uniform(0, 8)
        )
        kind = rng.choice(["pdf", "jpeg", "png"])
        suffix = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}[kind]
        name = f"{spec.name}-scan.{suffix}"
        _write(out / "scans", name, scan_file([spec], how, kind, rng), expected(name, [spec]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: beside this script)")
    parser.add_argument(
        "--random", type=int, default=0, help="write this many random text notices instead of the bundled set"
    )
    parser.add_argument("--scans", type=int, default=0, help="with --random: also this many random scans")
    parser.add_argument("--seed", type=int, default=1, help="with --random: the random seed")
    args = parser.parse_args()
    if args.random or args.scans:
        write_random(args.out, args.random, args.seed, args.scans)
    else:
        write_bundled(args.out)
        write_layouts(args.out)


if __name__ == "__main__":
    main()
