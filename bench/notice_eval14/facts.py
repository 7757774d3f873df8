"""Set 14's fictional people, cases and notices: the true values, how each is printed, and reading them back."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

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
    "classification",
    "valid_from",
    "valid_to",
    "response_due",
    "appointment",
    "i94_number",
    "amount",
    "a_number",
)
DATE_FIELDS = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to", "response_due")
NAME_FIELDS = ("petitioner", "beneficiary", "applicant")

FORM_TITLES = {
    "I-129": "PETITION FOR A NONIMMIGRANT WORKER",
    "I-140": "IMMIGRANT PETITION FOR ALIEN WORKERS",
    "I-485": "APPLICATION TO REGISTER PERMANENT RESIDENCE OR ADJUST STATUS",
    "I-765": "APPLICATION FOR EMPLOYMENT AUTHORIZATION",
    "I-131": "APPLICATION FOR TRAVEL DOCUMENT",
    "I-539": "APPLICATION TO EXTEND/CHANGE NONIMMIGRANT STATUS",
    "I-907": "REQUEST FOR PREMIUM PROCESSING SERVICE",
    "I-824": "APPLICATION FOR ACTION ON AN APPROVED APPLICATION OR PETITION",
    "I-612": "APPLICATION FOR WAIVER OF THE FOREIGN RESIDENCE REQUIREMENT",
}
FEES = {
    "I-129": "780.00",
    "I-140": "715.00",
    "I-485": "1440.00",
    "I-765": "260.00",
    "I-131": "630.00",
    "I-539": "470.00",
    "I-907": "2805.00",
    "I-824": "590.00",
    "I-612": "1100.00",
}
PETITION_FORMS = ("I-129", "I-140", "I-907", "I-824")

GIVEN = (
    "Adaeze",
    "Tomasz",
    "Priyanka",
    "Mateo",
    "Yusra",
    "Henrik",
    "Nkechi",
    "Rafael",
    "Soo-ah",
    "Dmitri",
    "Leilani",
    "Oluwaseun",
    "Ines",
    "Kaveh",
    "Marisol",
    "Bartholomew",
    "Thanh",
    "Anneliese",
    "Farouk",
    "Zuzana",
    "Ravindra",
    "Ximena",
    "Gwendolyn",
    "Emeka",
    "Ilse",
    "Joaquin",
    "Parisa",
    "Lars",
    "Wanjiru",
    "Stellan",
)
FAMILY = (
    "Okafor-Lindqvist",
    "Brzezinski",
    "Raghunathan",
    "Villanueva Ochoa",
    "Al-Hamdani",
    "Sørby",
    "Eze",
    "Quiñones",
    "Park",
    "Zelenko",
    "Kahananui",
    "Adebayo",
    "de la Fontaine",
    "Tehrani",
    "Castellanos",
    "Whitcombe-Ayres",
    "Nguyen-Tran",
    "Vogelsang",
    "Benali",
    "Horáková",
    "Venkataraman",
    "O'Dowd",
    "Mbatha",
    "Kowalczyk-Reyes",
    "Van Leeuwen",
    "Abernathy",
    "Haddad",
    "Thorvaldsen",
    "Muthoni",
    "Delacroix",
)
MIDDLE = ("A", "B", "C", "D", "E", "J", "K", "L", "M", "N", "R", "S", "T")

EMPLOYERS = (
    "HALVERSTROM UNIVERSITY MEDICAL CENTER",
    "THE REGENTS OF HALVERSTROM STATE UNIVERSITY ON BEHALF OF ITS SCHOOL OF MEDICINE AND AFFILIATED CLINICS",
    "HALVERSTROM CHILDREN'S RESEARCH INSTITUTE",
    "HALVERSTROM PHYSICIANS & SURGEONS FACULTY PRACTICE PLAN INC",
    "NORTHWOOD VETERANS RESEARCH FOUNDATION",
)
ASCS = (
    ("USCIS CEDAR HOLLOW ASC", "2150 FOUNDRY PARK DR STE 110", "CEDAR HOLLOW OH 43961"),
    ("USCIS MILLBROOK ASC", "880 TANNERY ROW BLDG C", "MILLBROOK OH 44987"),
    ("USCIS RIVER BEND ASC", "47 OLD CANAL WAY SUITE 300", "RIVER BEND IN 46999"),
)
FIELD_OFFICES = (
    ("USCIS CEDAR HOLLOW FIELD OFFICE", "6001 COMMERCE LANDING BLVD ROOM 210", "CEDAR HOLLOW OH 43962"),
    ("USCIS LAKEPORT FIELD OFFICE", "1313 HARBORVIEW PLZ 4TH FLOOR", "LAKEPORT OH 44998"),
)
SERVICE_CENTERS = {
    "EAC": ("Vermont Service Center", "75 Lower Welden Street", "Saint Albans, VT 05479"),
    "WAC": ("California Service Center", "P.O. Box 30111", "Laguna Niguel, CA 92607"),
    "LIN": ("Nebraska Service Center", "P.O. Box 82521", "Lincoln, NE 68501"),
    "SRC": ("Texas Service Center", "6046 N Belt Line Rd", "Irving, TX 75038"),
    "MSC": ("National Benefits Center", "P.O. Box 648003", "Lee's Summit, MO 64002"),
    "IOE": ("Potomac Service Center", "2200 Potomac Center Dr", "Arlington, VA 22202"),
    "YSC": ("Potomac Service Center", "2200 Potomac Center Dr", "Arlington, VA 22202"),
}

KIND_TYPE = {
    "receipt": "receipt",
    "premium": "receipt",
    "approval": "approval",
    "approval94": "approval",
    "corrected": "approval",
    "rfe": "rfe",
    "noid": "noid",
    "biometrics": "biometrics",
    "interview": None,
    "transfer": "transfer",
    "rejection": "rejection",
    "denial": "denial",
}
TYPE_WORDS = {
    "receipt": ("Receipt", "RECEIPT NOTICE", "Receipt Notice", "RECEIPT"),
    "approval": ("Approval Notice", "APPROVAL NOTICE", "Approval", "APPROVAL"),
    "rfe": ("Request for Evidence", "REQUEST FOR EVIDENCE", "Request for Initial Evidence"),
    "noid": ("Notice of Intent to Deny", "NOTICE OF INTENT TO DENY"),
    "biometrics": ("Biometrics Appointment Notice", "ASC APPOINTMENT NOTICE", "Biometrics Appointment"),
    "transfer": ("Transfer Notice", "NOTICE OF TRANSFER", "Case Transfer Notice"),
    "rejection": ("Rejection Notice", "REJECTION NOTICE", "Rejection of Filing"),
    "denial": ("Denial Notice", "DECISION - DENIAL", "Notice of Denial"),
}

DATE_STYLES = {
    "us": "%m/%d/%Y",
    "long": "%B %d, %Y",
    "short": "%b %d, %Y",
    "upper": "%b %d %Y",
    "intl": "%d %B %Y",
    "dash": "%m-%d-%Y",
    "iso": "%Y-%m-%d",
}


def fmt_date(value: date, style: str) -> str:
    """``value`` printed in ``style`` (upper style in capitals, long/short without a leading zero on the day)."""
    text = value.strftime(DATE_STYLES[style])
    if style in ("long", "short", "intl"):
        text = re.sub(r"\b0(\d)\b", r"\1", text)
    return text.upper() if style == "upper" else text


def fmt_time(hhmm: str, style: str) -> str:
    hour, minute = (int(part) for part in hhmm.split(":"))
    if style == "24":
        return f"{hour:02d}:{minute:02d}"
    suffix = "AM" if hour < 12 else "PM"
    h12 = hour % 12 or 12
    if style == "ap":
        return f"{h12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"
    if style == "pad":
        return f"{h12:02d}:{minute:02d} {suffix}"
    return f"{h12}:{minute:02d} {suffix}"


def fmt_receipt(number: str, style: str) -> str:
    if style == "dash":
        return f"{number[:3]}-{number[3:5]}-{number[5:8]}-{number[8:]}"
    return number


def fmt_anumber(digits: str, style: str) -> str:
    short = digits.lstrip("0") if digits.startswith("0") else digits
    if style == "dash":
        return f"A-{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if style == "space":
        return f"A{digits[:3]} {digits[3:6]} {digits[6:]}"
    if style == "hash":
        return f"A# {digits}"
    if style == "short":  # an 8-digit A-Number as older notices print it
        return f"A{short}"
    return f"A{digits}"


def fmt_amount(value: str, style: str) -> str:
    amount = Decimal(value)
    grouped = f"{amount:,.2f}"
    if style == "spaced":
        return f"$ {grouped} U.S."
    if style == "usd":
        return f"USD {grouped}"
    if style == "bare":
        return f"${amount:,.0f}" if amount == amount.to_integral() else f"${grouped}"
    return f"${grouped}"


def fmt_i94(value: str, style: str) -> str:
    return f"{value[:9]} {value[9:]}" if style == "split" else value


# ---------------------------------------------------------------------------------------------
# Reading a printed value back as the true value (the generator's own check, before anything is written).

_DATE_PATTERNS = ("%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%m-%d-%Y", "%Y-%m-%d")


def read_date(text: str) -> str | None:
    from datetime import datetime

    clean = " ".join(text.replace(".", "").split()).title()
    for pattern in _DATE_PATTERNS:
        try:
            return datetime.strptime(clean, pattern).date().isoformat()
        except ValueError:
            continue
    return None


def read_time(text: str) -> str | None:
    found = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*([ap])?\.?\s*(m)?\.?\s*", text.lower())
    if not found:
        return None
    hour, minute = int(found.group(1)), found.group(2)
    if found.group(3) == "p" and hour != 12:
        hour += 12
    if found.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute}"


def read_back(name: str, printed: Any) -> Any:
    """The value a careful reader takes from ``printed`` (a string, wrapped lines, or an appointment)."""
    if name == "appointment":
        return {
            "date": read_date(printed["date"]),
            "time": read_time(printed["time"]),
            "location": printed["location"],
        }
    text = " ".join(printed) if isinstance(printed, list) else str(printed)
    text = " ".join(text.split())
    if name in DATE_FIELDS:
        return read_date(text)
    if name in NAME_FIELDS:
        return text
    if name == "receipt_number":
        return "".join(ch for ch in text if ch.isalnum()).upper()
    if name == "a_number":
        digits = "".join(ch for ch in text if ch.isdigit())
        return digits.zfill(9) if len(digits) in (8, 9) else None
    if name == "i94_number":
        return "".join(ch for ch in text if ch.isdigit())
    if name == "amount":
        return str(
            Decimal("".join(ch for ch in text if ch.isdigit() or ch == ".").strip(".")).quantize(Decimal("0.01"))
        )
    if name == "form":
        found = re.search(r"\b([IN])-?\s?(\d{2,3}[A-Z]?)\b", text)
        return f"{found.group(1)}-{found.group(2)}" if found else None
    if name == "classification":
        return "".join(ch for ch in text.split(":")[-1] if ch.isalnum()).upper()
    if name == "notice_type":
        for kind, words in TYPE_WORDS.items():
            if any(text.lower() == word.lower() for word in words):
                return kind
        return None
    return text


# ---------------------------------------------------------------------------------------------
# People and cases.


@dataclass
class Person:
    family: str
    given: str
    middle: str
    a_number: str  # 9 digits
    role: str  # physician, researcher, spouse, child

    def name(self, style: str) -> str:
        """The name as a notice prints it: ``last`` = ``FAMILY, GIVEN M``; ``mixed`` in mixed case."""
        if style == "mixed":
            return f"{self.family}, {self.given} {self.middle}"
        if style == "nomiddle":
            return f"{self.family.upper()}, {self.given.upper()}"
        return f"{self.family.upper()}, {self.given.upper()} {self.middle}"


@dataclass
class Notice:
    """One notice: its kind, family and the values it prints (``shown``: field -> printed text)."""

    key: str
    kind: str
    form: str
    family: str
    facts: dict[str, Any]
    shown: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    pages: int = 1

    def truth(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: None for name in FIELDS}
        for name in self.shown:
            value = self.facts[name]
            if name == "appointment":
                value = {"date": value["date"], "time": value["time"], "location": value["location"]}
            elif isinstance(value, date):
                value = value.isoformat()
            values[name] = value
        return values


class Cast:
    """Deterministic fictional people, receipt numbers and dates for one seed."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.used_receipts: set[str] = set()
        self.used_a: set[str] = set()
        self.givens = rnd.sample(GIVEN, len(GIVEN))
        self.families = rnd.sample(FAMILY, len(FAMILY))
        self.next_name = 0

    def person(self, role: str, family: str | None = None, short_a: bool = False) -> Person:
        count = len(self.givens)
        turn, i = divmod(self.next_name, count)
        given, fam = self.givens[i], self.families[(i + 7 * turn) % count]  # no two people share both names
        self.next_name += 1
        while True:
            digits = (
                f"0{self.rnd.randint(10_000_000, 99_999_999)}"
                if short_a
                else str(self.rnd.randint(200_000_000, 249_999_999))
            )
            if digits not in self.used_a:
                self.used_a.add(digits)
                break
        return Person(family or fam, given, self.rnd.choice(MIDDLE), digits, role)

    def receipt(self, office: str, year: int) -> str:
        while True:
            number = f"{office}{year % 100:02d}{self.rnd.randint(900, 999)}{self.rnd.randint(10000, 99999)}"
            if number not in self.used_receipts:
                self.used_receipts.add(number)
                return number

    def day(self, start: date, span: int) -> date:
        return start + timedelta(days=self.rnd.randint(0, span))

    def i94(self) -> str:
        return f"{self.rnd.randint(100_000_000, 999_999_999)}{self.rnd.randint(10, 99)}"

    def time(self) -> str:
        return self.rnd.choice(("08:00", "08:30", "09:15", "10:00", "11:30", "13:00", "13:45", "14:30", "15:15"))
