"""Set 14's cases (an academic medical centre's physicians, researchers and their families) and their notices' facts."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from bench.notice_eval14.facts import ASCS, EMPLOYERS, FEES, FIELD_OFFICES, KIND_TYPE, Cast, Notice, Person

APPLICANT_FORMS = ("I-485", "I-765", "I-131", "I-539", "I-612")
OFFICES = {
    "I-129": ("WAC", "EAC"),
    "I-907": ("WAC", "EAC"),
    "I-140": ("LIN", "SRC"),
    "I-485": ("MSC", "LIN", "IOE"),
    "I-765": ("IOE", "MSC"),
    "I-131": ("IOE", "MSC"),
    "I-539": ("IOE", "WAC", "EAC"),
    "I-824": ("EAC",),
    "I-612": ("EAC", "SRC"),
}


class Clinic:
    """Everyone on the office's books, and the facts of each notice it receives."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.cast = Cast(rnd)
        self.counter = 0

    def person(self, role: str = "physician", family: str | None = None, short_a: bool = False) -> Person:
        return self.cast.person(role, family, short_a)

    def family_of(self, head: Person) -> tuple[Person, Person]:
        """A spouse and a child with the principal's surname."""
        return self.person("spouse", head.family), self.person("child", head.family)

    def facts(
        self,
        kind: str,
        form: str,
        who: Person,
        *,
        era: str = "now",
        receipt: str | None = None,
        received: date | None = None,
        employer: str | None = None,
        klass: str | None = None,
        self_petition: bool = False,
        with_a: bool = True,
        priority: bool = False,
        amount: bool = True,
        interview_office: int = 0,
        abroad: bool = False,
    ) -> dict[str, Any]:
        """The facts a notice of ``kind`` about ``form`` for ``who`` carries (dates, numbers, names)."""
        rnd, cast = self.rnd, self.cast
        year = 2026 if era == "now" else rnd.randint(2012, 2019)
        start = date(2025, 6, 2) if era == "now" else date(year, 2, 1)
        received = received or cast.day(start, 300 if era == "now" else 200)
        number = receipt or cast.receipt(rnd.choice(OFFICES[form]), received.year)
        f: dict[str, Any] = {"receipt_number": number, "received_date": received}
        f["short_a"] = who.a_number.startswith("0")
        if form in ("I-129", "I-140", "I-907", "I-824"):
            name = who.name("last" if rnd.random() < 0.8 else "mixed")
            f["petitioner"] = name if self_petition else (employer or rnd.choice(EMPLOYERS))
            f["beneficiary"] = name
        else:
            f["applicant"] = who.name("last" if rnd.random() < 0.75 else "mixed")
            if with_a:
                f["a_number"] = who.a_number
        if kind in ("receipt", "premium", "rejection", "transfer"):
            f["notice_date"] = received + timedelta(days=rnd.randint(2, 24))
        elif kind in ("biometrics", "interview"):
            f.pop("received_date")
            f["notice_date"] = received + timedelta(days=rnd.randint(20, 60))
        else:
            f["notice_date"] = received + timedelta(days=rnd.randint(15, 190))
        if kind in ("receipt", "premium") and amount:
            f["amount"] = FEES["I-907" if kind == "premium" else form]
        if priority or (form == "I-140" and kind in ("receipt", "approval")):
            f["priority_date"] = received if form == "I-140" else received - timedelta(days=rnd.randint(200, 900))
        if klass and kind in ("approval", "approval94", "corrected", "receipt"):
            f["classification"] = klass
        if kind in ("approval", "approval94", "corrected") and form in ("I-129", "I-539"):
            start_valid = f["notice_date"] + timedelta(days=rnd.randint(5, 60))
            years = 3 if klass in ("H1B", "O1A", "H4") else 2
            f["valid_from"] = start_valid
            f["valid_to"] = start_valid.replace(year=start_valid.year + years) - timedelta(days=1)
        if kind in ("approval94", "corrected"):
            f["i94_number"] = cast.i94()
        if kind == "rfe":
            f["response_due"] = f["notice_date"] + timedelta(days=87)
        if kind == "noid":
            f["response_due"] = f["notice_date"] + timedelta(days=33)
        if kind in ("biometrics", "interview"):
            day = f["notice_date"] + timedelta(days=rnd.randint(12, 35))
            while day.weekday() > 4:
                day += timedelta(days=1)
            place = FIELD_OFFICES[interview_office % len(FIELD_OFFICES)] if kind == "interview" else rnd.choice(ASCS)
            f["appointment"] = {
                "date": day.isoformat(),
                "date_obj": day,
                "time": cast.time(),
                "location": place[1],
                "lines": place,
            }
        if kind == "transfer":
            f["transfer_to"] = rnd.choice(
                [office for office in ("EAC", "WAC", "LIN", "SRC", "MSC") if office != number[:3]]
            )
        if abroad:
            f["abroad"] = True
        return f

    def notice(self, kind: str, form: str, who: Person, family: str, pages: int = 1, **options: Any) -> Notice:
        self.counter += 1
        facts = self.facts(kind, form, who, **options)
        facts["form"] = form
        facts["notice_type"] = KIND_TYPE[kind]
        return Notice(key=f"n{self.counter:03d}", kind=kind, form=form, family=family, facts=facts, pages=pages)
