"""What each of set 14's notices says, laid out as a family prints it (labels, value forms), before any producer."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bench.notice_eval14.facts import (
    FORM_TITLES,
    KIND_TYPE,
    SERVICE_CENTERS,
    TYPE_WORDS,
    Notice,
    fmt_amount,
    fmt_anumber,
    fmt_date,
    fmt_i94,
    fmt_receipt,
    fmt_time,
)

ADDRESSEES = (
    (
        "HALVERSTROM UNIVERSITY MEDICAL CENTER",
        "INTL PHYSICIAN & SCHOLAR SERVICES",
        "4100 LANTERN HILL RD MAIL STOP 77",
        "RIVERTON OH 43990",
    ),
    ("MARGOLIN VESTERGAARD LLP", "ATTN: PATRICIA N QUELLMALZ ESQ", "900 GRANARY SQ SUITE 1450", "RIVERTON OH 43991"),
    ("HALVERSTROM HEALTH GME OFFICE", "C/O VISA COORDINATOR", "12 INFIRMARY CIRCLE ROOM B-204", "RIVERTON OH 43990"),
)

# Each family's own words for the same facts: (receipt, case type/form, received, notice date, priority, page,
# petitioner, beneficiary, applicant, notice type, amount, class, valid, i94)
VOCAB: dict[str, dict[str, str]] = {
    "slate": {
        "receipt": "RECEIPT NUMBER",
        "form": "CASE TYPE",
        "received": "RECEIVED DATE",
        "notice": "NOTICE DATE",
        "priority": "PRIORITY DATE",
        "page": "PAGE",
        "petitioner": "PETITIONER",
        "beneficiary": "BENEFICIARY",
        "applicant": "APPLICANT",
        "type": "NOTICE TYPE:",
        "amount": "AMOUNT RECEIVED:",
        "class": "CLASS:",
        "valid": "VALID FROM",
        "i94": "I-94 NUMBER",
    },
    "ribbon": {
        "receipt": "Receipt No.",
        "form": "Form / Case Type",
        "received": "Date Received",
        "notice": "Date of Notice",
        "priority": "Priority Date",
        "page": "Sheet",
        "petitioner": "Petitioner",
        "beneficiary": "Beneficiary",
        "applicant": "Applicant",
        "type": "Type of Notice",
        "amount": "Fee",
        "class": "Classification",
        "valid": "Validity",
        "i94": "Departure Record No.",
    },
    "carbon": {
        "receipt": "RECEIPT NO.",
        "form": "CASE TYPE",
        "received": "RECEIPT DATE",
        "notice": "NOTICE DATE",
        "priority": "PRIORITY DATE",
        "page": "PAGE",
        "petitioner": "PETITIONER",
        "beneficiary": "BENEFICIARY",
        "applicant": "APPLICANT",
        "type": "NOTICE TYPE",
        "amount": "AMOUNT RECEIVED",
        "class": "CLASS",
        "valid": "VALID",
        "i94": "I-94 NO.",
    },
    "ticket": {
        "receipt": "Case No.",
        "form": "Form Filed",
        "received": "Filed On",
        "notice": "Notice Issued",
        "priority": "Priority Date",
        "page": "Page",
        "petitioner": "Filed By",
        "beneficiary": "On Behalf Of",
        "applicant": "Filed By",
        "type": "Type of Action",
        "amount": "Fee Paid",
        "class": "Category",
        "valid": "Valid",
        "i94": "Form I-94 No.",
    },
    "portal": {
        "receipt": "Receipt number",
        "form": "Form",
        "received": "Received",
        "notice": "Notice date",
        "priority": "Priority date",
        "page": "Page",
        "petitioner": "Petitioner",
        "beneficiary": "Beneficiary",
        "applicant": "Applicant",
        "type": "Notice type",
        "amount": "Fee received",
        "class": "Classification",
        "valid": "Valid",
        "i94": "I-94 record number",
    },
    "asc": {
        "receipt": "CASE RECEIPT #",
        "form": "FORM",
        "received": "RECEIVED",
        "notice": "NOTICE DATE",
        "priority": "PRIORITY DATE",
        "page": "PAGE",
        "petitioner": "PETITIONER",
        "beneficiary": "BENEFICIARY",
        "applicant": "APPLICANT",
        "type": "NOTICE TYPE",
        "amount": "FEE",
        "class": "CLASS",
        "valid": "VALID",
        "i94": "I-94",
    },
    "memo": {
        "receipt": "Receipt Number",
        "form": "Form",
        "received": "Date Filed",
        "notice": "Date",
        "priority": "Priority Date",
        "page": "Page",
        "petitioner": "Petitioner",
        "beneficiary": "Beneficiary",
        "applicant": "Applicant",
        "type": "Notice",
        "amount": "Fee",
        "class": "Classification",
        "valid": "Valid",
        "i94": "I-94",
    },
}
STYLE: dict[str, dict[str, Any]] = {
    "slate": {
        "date": ("us",),
        "receipt": ("plain",),
        "anum": ("space", "plain", "dash"),
        "amount": ("grouped", "spaced"),
        "time": ("pad", "12"),
        "case_title": True,
        "i94": ("plain",),
    },
    "ribbon": {
        "date": ("long", "short"),
        "receipt": ("plain",),
        "anum": ("hash", "dash"),
        "amount": ("grouped", "usd"),
        "time": ("12",),
        "case_title": False,
        "i94": ("plain", "split"),
    },
    "carbon": {
        "date": ("upper", "us"),
        "receipt": ("dash", "plain"),
        "anum": ("short", "plain"),
        "amount": ("grouped",),
        "time": ("pad",),
        "case_title": True,
        "i94": ("split",),
    },
    "ticket": {
        "date": ("dash", "us", "intl"),
        "receipt": ("plain",),
        "anum": ("plain", "dash"),
        "amount": ("usd", "bare"),
        "time": ("24", "12"),
        "case_title": False,
        "i94": ("plain",),
    },
    "portal": {
        "date": ("long",),
        "receipt": ("plain",),
        "anum": ("dash", "plain"),
        "amount": ("grouped",),
        "time": ("12", "ap"),
        "case_title": False,
        "i94": ("plain",),
    },
    "asc": {
        "date": ("us", "long"),
        "receipt": ("plain",),
        "anum": ("space", "hash"),
        "amount": ("grouped",),
        "time": ("pad", "ap", "12"),
        "case_title": True,
        "i94": ("plain",),
    },
    "memo": {
        "date": ("long", "intl"),
        "receipt": ("plain",),
        "anum": ("dash", "plain"),
        "amount": ("grouped",),
        "time": ("ap", "12"),
        "case_title": False,
        "i94": ("plain",),
    },
}

BOILER_RECEIPT = (
    "The above case has been received. Please notify us immediately if any of the above information is "
    "incorrect. If we find it necessary to ask for more evidence or information, we will contact you in "
    "writing; we may send a request for evidence or a notice of intent to deny before a decision is made.",
    "Processing times vary by form type. You can check our current processing times and your case status "
    "online with the receipt number above. Please save this notice and bring it with you if you are asked "
    "to appear at a USCIS office.",
)
BOILER_PREMIUM = (
    "We have received your request for premium processing service. We will take action on the related "
    "petition within the premium processing timeframe: we will issue an approval notice, a denial notice, "
    "a notice of intent to deny, or a request for evidence, or open an investigation for fraud.",
)
BOILER_APPROVAL = (
    "The above petition has been approved. This approval does not itself grant a visa; a notice of intent to "
    "revoke may be issued if the facts stated in the petition were not true. Please contact the nearest U.S. "
    "consulate if the beneficiary needs a visa.",
)
BOILER_APPROVAL94 = (
    "The above petition and the change or extension of stay were approved. The tear-off part at the bottom of "
    "this notice shows the new arrival-departure record; keep it with the passport.",
)
BOILER_RFE = (
    "The evidence submitted is not sufficient to establish eligibility. Please submit the evidence listed "
    "below. If you do not respond, we may deny the case; we may also issue a notice of intent to deny.",
    "1. Evidence that the position is in the beneficiary's field of research, including a detailed "
    "description of duties, the percentage of time spent on each, and the supervising department's letter.",
    "2. Evidence of the beneficiary's license or eligibility to practise medicine in the state of intended "
    "employment, or of the exemption that applies to a research appointment.",
)
BOILER_NOID = (
    "We intend to deny this case for the reasons below. You were previously sent a request for evidence; the "
    "response did not establish eligibility. You may submit evidence in rebuttal.",
    "The record does not show that the proposed endeavor has national importance beyond the beneficiary's "
    "own clinical practice, or that the beneficiary is well positioned to advance it.",
)
BOILER_DENIAL = (
    "After review of the record, the case is denied for the reasons stated below. This decision does not "
    "affect any other case. You may file a motion to reopen or reconsider within 30 days.",
)
BOILER_TRANSFER = (
    "To balance our workload, we have transferred the above case to another office for processing. Please "
    "send any correspondence to the office below. Your receipt number does not change.",
)
BOILER_REJECTION = (
    "Your filing is rejected and returned for the reason below: the fee submitted was not the correct amount "
    "or the form was not signed. You may correct the problem and file again; the receipt date will be the "
    "date the corrected filing is accepted.",
)
BOILER_BIO = (
    "USCIS has scheduled you to appear at the Application Support Center below to have your biometrics "
    "taken. Bring this notice and a photo identification. Failure to appear may result in denial.",
)
BOILER_INTERVIEW = (
    "You are requested to appear for an interview on your application at the office below. Bring this "
    "letter, your passport, your employment authorization card and the originals of all documents you sent.",
)


@dataclass
class Sheet:
    """A notice laid out: what every family's renderer draws (the values are the printed strings)."""

    family: str
    font: str
    banner: str
    title: str
    subtitle: str
    grid: list[tuple[str, str]] = field(default_factory=list)
    parties: list[tuple[str, list[str]]] = field(default_factory=list)
    lines: list[tuple[str, str]] = field(default_factory=list)
    appointment: list[tuple[str, list[str]]] = field(default_factory=list)
    i94_part: list[tuple[str, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    page2: list[str] = field(default_factory=list)
    addressee: tuple[str, ...] = ()
    office: tuple[str, ...] = ()
    heading: str = ""
    corrected: bool = False
    sentences: list[str] = field(default_factory=list)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def compose(n: Notice, rnd: random.Random, font: str, name_width: int = 40) -> Sheet:
    """Lay notice ``n`` out in its family's words; fills ``n.shown`` with each printed value."""
    fam = n.family
    vocab, style = VOCAB[fam], STYLE[fam]
    ptype = KIND_TYPE[n.kind]
    dstyle = rnd.choice(style["date"])
    f = n.facts
    shown = n.shown

    def d(name: str) -> str:
        text = fmt_date(f[name], dstyle)
        shown[name] = text
        f[name] = f[name]
        return text

    receipt = fmt_receipt(f["receipt_number"], rnd.choice(style["receipt"]))
    shown["receipt_number"] = receipt
    form = n.form
    if style["case_title"]:
        case = f"{form.replace('-', '')} - {FORM_TITLES[form]}"
    else:
        case = f"Form {form}" if fam != "ticket" else f"{form} {FORM_TITLES[form].title()}"
    shown["form"] = case
    title_form = {"approval94": "I-797A", "rfe": "I-797E", "approval": "I-797", "corrected": "I-797A"}.get(
        n.kind, "I-797C"
    )
    if n.kind == "approval" and f.get("abroad"):
        title_form = "I-797B"
    office = SERVICE_CENTERS[f["receipt_number"][:3]]
    sheet = Sheet(
        family=fam,
        font=font,
        banner="THE UNITED STATES OF AMERICA"
        if fam in ("slate", "ribbon", "carbon")
        else "U.S. Department of Homeland Security",
        title=f"{title_form}, Notice of Action" if fam != "carbon" else f"{title_form} NOTICE OF ACTION",
        subtitle="U.S. Citizenship and Immigration Services",
        addressee=rnd.choice(ADDRESSEES),
        office=("U.S. CITIZENSHIP AND IMMIGRATION SERVICES", office[0].upper(), office[1].upper(), office[2].upper()),
        corrected=n.kind == "corrected",
    )
    sheet.grid.append((vocab["receipt"], receipt))
    sheet.grid.append((vocab["form"], case))
    if "received_date" in f and n.kind not in ("biometrics", "interview"):
        sheet.grid.append((vocab["received"], d("received_date")))
    if f.get("priority_date") and n.kind in ("receipt", "approval", "approval94", "corrected"):
        sheet.grid.append((vocab["priority"], d("priority_date")))
    sheet.grid.append((vocab["notice"], d("notice_date")))
    sheet.grid.append((vocab["page"], f"1 of {n.pages}"))
    # parties
    for role in ("petitioner", "beneficiary", "applicant"):
        if not f.get(role):
            continue
        lines = wrap(f[role], name_width)
        shown[role] = lines if len(lines) > 1 else lines[0]
        if role == "applicant" and f.get("a_number"):
            anum = fmt_anumber(f["a_number"], rnd.choice(style["anum"]) if not f.get("short_a") else "short")
            shown["a_number"] = anum
            lines = [anum, *lines]
        sheet.parties.append((vocab[role], lines))
    if ptype is not None:
        word = rnd.choice(TYPE_WORDS[ptype])
        shown["notice_type"] = word
        sheet.lines.append((vocab["type"], word))
    if f.get("amount"):
        money = fmt_amount(f["amount"], rnd.choice(style["amount"]))
        shown["amount"] = money
        sheet.lines.append((vocab["amount"], money))
    if f.get("classification"):
        klass = {"H1B": "H-1B", "O1A": "O-1A", "H4": "H-4", "E21": "E21", "E11": "E11", "E12": "E12"}[
            f["classification"]
        ]
        shown["classification"] = klass
        sheet.lines.append((vocab["class"], klass))
    if f.get("valid_from"):
        sheet.lines.append((vocab["valid"], f"{d('valid_from')} to {d('valid_to')}"))
    if f.get("i94_number"):
        i94 = fmt_i94(f["i94_number"], rnd.choice(style["i94"]))
        shown["i94_number"] = i94
        sheet.i94_part = [
            (vocab["i94"], i94),
            (vocab["receipt"], receipt),
            ("Class" if fam != "carbon" else "CLASS", shown.get("classification", "")),
            ("Until" if fam != "carbon" else "UNTIL", shown.get("valid_to", "")),
        ]
    if f.get("appointment"):
        appt = f["appointment"]
        when = fmt_date(appt["date_obj"], dstyle)
        at = fmt_time(appt["time"], rnd.choice(style["time"]))
        shown["appointment"] = {"date": when, "time": at, "location": appt["location"]}
        place = list(appt["lines"])
        sheet.appointment = [("Date", [when]), ("Time", [at]), ("Location", place)]
    if f.get("response_due"):
        due = d("response_due")
        if fam in ("ticket", "portal"):
            sheet.lines.append(("Respond By" if fam == "ticket" else "Response due", due))
        else:
            sheet.sentences.append(f"Your response must be received in this office on or before {due}.")
    sheet.body = list(
        {
            "receipt": BOILER_RECEIPT,
            "premium": BOILER_PREMIUM,
            "approval": BOILER_APPROVAL,
            "approval94": BOILER_APPROVAL94,
            "corrected": BOILER_APPROVAL94,
            "rfe": BOILER_RFE,
            "noid": BOILER_NOID,
            "denial": BOILER_DENIAL,
            "transfer": BOILER_TRANSFER,
            "rejection": BOILER_REJECTION,
            "biometrics": BOILER_BIO,
            "interview": BOILER_INTERVIEW,
        }[n.kind]
    )
    if n.kind == "corrected":
        sheet.body.insert(
            0, "This notice is issued to correct an error on the notice previously sent; it replaces that notice."
        )
    if n.kind == "transfer":
        new = SERVICE_CENTERS[f["transfer_to"]]
        sheet.body.append(f"New office: {new[0]}, {new[1]}, {new[2]}.")
    sheet.heading = {
        "rfe": "REQUEST FOR EVIDENCE",
        "noid": "NOTICE OF INTENT TO DENY",
        "denial": "DECISION",
        "interview": "REQUEST FOR APPLICANT TO APPEAR FOR INTERVIEW",
        "biometrics": "APPLICATION SUPPORT CENTER APPOINTMENT",
    }.get(n.kind, "")
    if n.pages > 1:
        sheet.page2 = [
            "3. Evidence of the beneficiary's published research and of its use by others in the field, such as "
            "citations, invitations to review, and letters from independent experts describing the work.",
            "Send the response with a copy of this notice on top to the address below. Submit all requested "
            "evidence at one time; partial responses are treated as complete.",
        ]
    return sheet
