"""One notice printed as many authors might print it: a robustness harness for the notice reader.

A test builds a notice (:class:`Spec`: its kind, form, receipt number, dates, parties, class, amount) and
:func:`variants` prints it in many ways a different author of the same notice might use, each a text PDF drawn
with reportlab: label wordings and abbreviations (real notices say ``Received Date``, older ones ``Receipt
Date``; decision letters ``Filed``; computer printouts ``RCVD DT``), labels beside, above or below their values
or run into them on one line, upper, title or lower case, with or without a colon, dates as ``01/02/2026``,
``January 2, 2026``, ``Jan 02 2026``, ``2026-01-02`` or ``2 January 2026``, long names wrapped over two lines,
one column or two, three fonts. :func:`check` reads each back and sorts every field into right, missing (None:
a person fills it in) and wrong (a value that is not the notice's: never allowed).

Run ``python -m tests.notice_variants`` to print every variant's failures (``--all`` lists each variant).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from bench.bench_notices_sealed import same
from docgen.notices import parse_notice_file

from .notice_cells import Cell, draw_cells

# Label wordings for each field, as printed on real I-797 notices and their look-alikes (public descriptions of
# I-797C/I-797A notices: "Receipt Number", "Case Type", "Received Date"/"Receipt Date", "Priority Date", "Notice
# Date"; a decision letter's "Form:" and "Filed:"; computer printouts' abbreviations).
LABELS: dict[str, tuple[str, ...]] = {
    "receipt_number": ("Receipt Number", "Receipt No.", "Receipt #", "USCIS Receipt Number", "Case Number", "RCPT NBR"),
    "case_type": ("Case Type", "Form Type", "Form Number", "Form", "Application Type", "Petition Type"),
    "received_date": ("Received Date", "Date Received", "Receipt Date", "Filing Date", "Date Filed", "RCVD DT"),
    "notice_date": ("Notice Date", "Date of Notice", "Date Issued", "Notice Issued", "Issue Date", "NTC DT"),
    "priority_date": ("Priority Date", "PRTY DT"),
    "petitioner": ("Petitioner", "Petitioner Name", "Name of Petitioner", "Employer"),
    "beneficiary": ("Beneficiary", "Beneficiary Name", "Name of Beneficiary"),
    "applicant": ("Applicant", "Applicant Name", "Name of Applicant", "Applicant/Requestor"),
    "classification": ("Class", "Classification", "Class Requested", "Nonimmigrant Classification"),
    "amount": ("Amount Received", "Fee Paid", "Amount Paid", "Total Amount Received", "AMT RCVD"),
    "valid_from": ("Valid From", "Validity Start", "Effective Date"),
    "valid_to": ("Valid To", "Valid Until", "Valid Through", "Expiration Date"),
    "notice_type_text": ("Notice Type", "Type of Notice", "Type of Action"),
}
DATE_FORMS = (
    *("%m/%d/%Y", "%B %-d, %Y", "%b %d %Y", "%Y-%m-%d", "%-d %B %Y"),
    *("%b. %-d, %Y", "%m-%d-%Y", "%d-%b-%Y", "%B %d, %Y"),
)
CASES = ("title", "upper", "lower", "small caps")  # small caps: capitals a size smaller than the values
# The label beside its value, over it, under it, in one run with it, set flush right against it, or joined to it by a
# dot leader (a printout's ``Receipt Number ...... MSC...``); a side column of labels over values beside the letter's
# sentences, level with them ("side"); a band of labels far left of their values, a wide gap between (a key/value
# table stretched across the page: "band").
PLACEMENTS = ("beside", "above", "below", "inline", "flush", "leader", "side", "band")
# How an amount is printed: "$675.00", "$ 675.00 U.S.", "USD 675.00", "675.00".
MONEY_FORMS = ("${}", "$ {} U.S.", "USD {}", "{}")
COLUMNS = (1, 2)
FONTS = ("Helvetica", "Times-Roman", "Courier")
KIND_TITLES = {"receipt": ("Receipt Notice", "RECEIPT NOTICE"), "approval": ("Approval Notice", "APPROVAL NOTICE")}


@dataclass(frozen=True)
class Spec:
    """The notice's content: what every variant prints, and what the reader must give back."""

    kind: str = "receipt"
    form: str = "I-130"
    form_title: str = "Petition for Alien Relative"
    receipt_number: str = "MSC2690412345"
    received_date: dt.date = dt.date(2026, 1, 2)
    notice_date: dt.date = dt.date(2026, 1, 9)
    priority_date: dt.date | None = None
    petitioner: str | None = "OKONJO, TERESA M"
    beneficiary: str | None = "OKONJO, DAVID A"
    applicant: str | None = None
    classification: str | None = None
    amount: str | None = "675.00"
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def expected(self) -> dict[str, Any]:
        """The reader's expected output for this notice (ISO dates, the class without its hyphen)."""
        iso = {name: getattr(self, name) for name in DATE_FIELDS}
        out: dict[str, Any] = {name: value.isoformat() if value else None for name, value in iso.items()}
        out.update(
            notice_type=self.kind,
            form=self.form,
            receipt_number=self.receipt_number,
            petitioner=self.petitioner,
            beneficiary=self.beneficiary,
            applicant=self.applicant,
            classification=self.classification.replace("-", "") if self.classification else None,
            amount=self.amount,
        )
        return out


DATE_FIELDS = ("received_date", "notice_date", "priority_date", "valid_from", "valid_to")
CHECKED = (
    "notice_type",
    "form",
    "receipt_number",
    *DATE_FIELDS,
    "petitioner",
    "beneficiary",
    "applicant",
    "classification",
    "amount",
)

RECEIPT = Spec()
EMPLOYMENT = Spec(
    form="I-140",
    form_title="Immigrant Petition for Alien Worker",
    receipt_number="LIN2690187654",
    received_date=dt.date(2025, 11, 14),
    notice_date=dt.date(2025, 11, 21),
    priority_date=dt.date(2024, 3, 18),
    petitioner="BRIGHTWATER MARINE ENGINEERING AND SHIPBUILDING COOPERATIVE OF THE NORTHWEST LLC",
    beneficiary="RAMASWAMY, KAVYA L",
    amount="715.00",
)
APPLICANT = Spec(
    form="I-765",
    form_title="Application for Employment Authorization",
    receipt_number="IOE0931122334",
    received_date=dt.date(2026, 2, 27),
    notice_date=dt.date(2026, 3, 5),
    petitioner=None,
    beneficiary=None,
    applicant="DE LA CRUZ MORALES, ISABELA",
    amount="470.00",
)
APPROVAL = Spec(
    kind="approval",
    form="I-129",
    form_title="Petition for a Nonimmigrant Worker",
    receipt_number="WAC2617755001",
    received_date=dt.date(2026, 4, 1),
    notice_date=dt.date(2026, 6, 12),
    petitioner="SILVERPINE ANALYTICS INC",
    beneficiary="NAKASHIMA, RYO",
    classification="H-1B",
    amount=None,
    valid_from=dt.date(2026, 10, 1),
    valid_to=dt.date(2029, 9, 15),
)
SPECS = {"receipt": RECEIPT, "employment": EMPLOYMENT, "applicant": APPLICANT, "approval": APPROVAL}


@dataclass(frozen=True)
class Style:
    """How one author prints the notice."""

    words: tuple[tuple[str, int], ...] = ()  # (field, index into LABELS[field]) for labels not worded as the first
    case: str = "title"
    colon: bool = True
    placement: str = "beside"
    date_form: str = DATE_FORMS[0]
    columns: int = 1
    font: str = "Helvetica"
    wrap: bool = False  # long names over two lines
    titled: bool = False  # the kind as a title under the banner, no Notice Type line
    money: str = MONEY_FORMS[0]
    blank: bool = False  # a notice with no priority date prints its label over (or beside) an empty box

    def label(self, name: str) -> str:
        index = dict(self.words).get(name, 0)
        text = LABELS[name][index % len(LABELS[name])]
        if text.isupper():
            return text  # a printout's abbreviation stays as printed
        return {"upper": text.upper(), "lower": text.lower(), "title": text, "small caps": text.upper()}[self.case]

    @property
    def label_size(self) -> float:
        """The labels' type size (small capitals are printed smaller than the values)."""
        return 6.5 if self.case == "small caps" else 9.0

    def describe(self) -> str:
        words = ",".join(f"{name}={LABELS[name][i % len(LABELS[name])]!r}" for name, i in self.words)
        return (
            f"{self.placement} {self.case}{'' if self.colon else ' no-colon'} {self.date_form} {self.columns}col "
            f"{self.font}{' wrap' if self.wrap else ''}{' titled' if self.titled else ''}"
            f"{' blank' if self.blank else ''} {self.money!r}"
            f"{' ' + words if words else ''}"
        )


def _money(amount: str, form: str) -> str:
    whole, cents = amount.split(".")
    return form.format(f"{int(whole):,}.{cents}")


def _pairs(spec: Spec, style: Style) -> list[tuple[str, list[str]]]:
    """The notice's labelled boxes in print order: (label text, value lines)."""
    date = lambda value: value.strftime(style.date_form)  # noqa: E731
    boxes: list[tuple[str, list[str]]] = [
        (style.label("receipt_number"), [spec.receipt_number]),
        (style.label("case_type"), [f"{spec.form} {spec.form_title}"]),
        (style.label("received_date"), [date(spec.received_date)]),
        (style.label("notice_date"), [date(spec.notice_date)]),
    ]
    if spec.priority_date:
        boxes.append((style.label("priority_date"), [date(spec.priority_date)]))
    elif style.blank:  # the box printed empty: its neighbours' values are never its own
        boxes.insert(3, (style.label("priority_date"), [""]))
    if not style.titled:
        boxes.append((style.label("notice_type_text"), [KIND_TITLES[spec.kind][0]]))
    for name in ("petitioner", "beneficiary", "applicant"):
        value = getattr(spec, name)
        if value:
            boxes.append((style.label(name), _wrapped(value) if style.wrap else [value]))
    if spec.classification:
        boxes.append((style.label("classification"), [spec.classification]))
    if spec.valid_from and spec.valid_to:
        boxes.append((style.label("valid_from"), [date(spec.valid_from)]))
        boxes.append((style.label("valid_to"), [date(spec.valid_to)]))
    if spec.amount:
        boxes.append((style.label("amount"), [_money(spec.amount, style.money)]))
    return boxes


WRAP_AT = 34  # characters: a name longer than this wraps onto a second line when the style wraps


def _wrapped(name: str) -> list[str]:
    if len(name) <= WRAP_AT:
        return [name]
    cut = name.rfind(" ", 0, WRAP_AT)
    return [name[:cut], name[cut + 1 :]]


def cells(spec: Spec, style: Style) -> list[Cell]:
    """The notice drawn: banner, form title, the kind's title or Notice Type line, the boxes, a paragraph."""
    out: list[Cell] = [
        (40, 30, "THE UNITED STATES OF AMERICA", 11),
        (40, 46, "Department of Homeland Security"),
        (40, 58, "U.S. Citizenship and Immigration Services"),
        (380, 40, "Form I-797C, Notice of Action" if spec.kind == "receipt" else "Form I-797, Notice of Action", 10),
    ]
    top = 90.0
    if style.titled:
        out.append((200, 76, KIND_TITLES[spec.kind][1], 12))
        top = 100.0
    boxes = _pairs(spec, style)
    colon = ":" if style.colon else ""
    width = 560 / style.columns
    if style.placement in ("above", "below"):
        per_row = 3 if style.columns == 1 else 4
        step_x = 540 / per_row
        y = top
        for start in range(0, len(boxes), per_row):
            row = [(label, _fit(lines, step_x - 8, style.font, 8)) for label, lines in boxes[start : start + per_row]]
            tallest = max(len(lines) for _, lines in row)
            for index, (label, lines) in enumerate(row):
                x = 40 + index * step_x
                if style.placement == "above":
                    out.append((x, y, f"{label}{colon}", min(7.5, style.label_size)))
                    out += [(x, y + 11 + 11 * n, line, 8) for n, line in enumerate(lines)]
                else:  # the value's last line just over its label, as a box's value sits on its label
                    lift = tallest - len(lines)
                    out += [(x, y + 11 * (n + lift), line, 8) for n, line in enumerate(lines)]
                    out.append((x, y + 11 * tallest, f"{label}{colon}", min(7.5, style.label_size)))
            y += 11 * tallest + 24
    elif style.placement == "side":  # the letter's sentences left, a narrow column of labels over values right
        y = top
        for label, lines in boxes:
            out.append((SIDE_X, y, f"{label}{colon}", min(7.5, style.label_size)))
            fitted = _fit(lines, 572 - SIDE_X, style.font, 8)
            out += [(SIDE_X, y + 10 + 10 * n, line, 8) for n, line in enumerate(fitted)]
            y += 10 * (len(fitted) + 1) + 8
        letter = _fit([" ".join(SIDE_LETTER)], SIDE_X - 60, style.font, 9)
        out += [(40, top + 12 * n, line, 9) for n, line in enumerate(letter)]
        y = max(y, top + 12 * len(letter))
    elif style.placement == "band":  # labels in a band at the left margin, their values far right of them
        y = top
        for label, lines in boxes:
            fitted = _fit(lines, 560 - BAND_X, style.font, 9)
            out.append((40, y, f"{label}{colon}", style.label_size))
            out += [(BAND_X, y + 12 * n, line, 9) for n, line in enumerate(fitted)]
            y += 12 * len(fitted) + 8
    else:
        halves = [boxes] if style.columns == 1 else [boxes[: (len(boxes) + 1) // 2], boxes[(len(boxes) + 1) // 2 :]]
        bottom = top
        for column, column_boxes in enumerate(halves):
            x, y = 40 + column * width, top
            for label, lines in column_boxes:
                if style.placement == "leader":
                    label_width = stringWidth(label, style.font, style.label_size)
                    dots = "." * max(int((120 - label_width) / stringWidth(".", style.font, 9)), 3)
                    lead = f"{label} {dots} "
                    fitted = _fit(lines, width - 20 - stringWidth(lead, style.font, 9), style.font, 9)
                    out.append((x, y, f"{lead}{fitted[0]}", 9))
                    value_x = x + stringWidth(lead, style.font, 9)
                    out += [(value_x, y + 12 * n, line, 9) for n, line in enumerate(fitted[1:], 1)]
                elif style.placement == "inline":
                    lead = f"{label}{colon} "
                    fitted = _fit(lines, width - 20 - stringWidth(lead, style.font, 9), style.font, 9)
                    out.append((x, y, f"{lead}{fitted[0]}", 9))
                    value_x = x + stringWidth(lead, style.font, 9)
                    out += [(value_x, y + 12 * n, line, 9) for n, line in enumerate(fitted[1:], 1)]
                else:
                    value_x = x + (130 if style.columns == 1 else 105)
                    fitted = _fit(lines, width - 20 - (130 if style.columns == 1 else 105), style.font, 9)
                    label_x = x
                    if style.placement == "flush":  # the label's right edge a little before its value
                        label_x = value_x - 8 - stringWidth(f"{label}{colon}", style.font, style.label_size)
                    out.append((label_x, y, f"{label}{colon}", style.label_size))
                    out += [(value_x, y + 12 * n, line, 9) for n, line in enumerate(fitted)]
                y += 12 * len(fitted) + 8
            bottom = max(bottom, y)
        y = bottom
    y = max(y, 330.0)
    out += [
        (40, y + 20, "This notice confirms that USCIS received your case. Please keep it for your records and quote"),
        (40, y + 32, "the receipt number above whenever you write to us about this case."),
    ]
    return out


SIDE_X = 390.0  # where a side column of labels over values starts
BAND_X = 250.0  # where the values of a band of labels start: more than ten label heights right of the longest label
# The letter printed beside a side column: sentences whose lines stand level with the column's labels and values.
SIDE_LETTER = (
    "This notice is to advise you of action taken on this case. The official notice has been mailed to the",
    "applicant or petitioner and to the attorney or representative of record, if any. Please read it carefully",
    "and keep it for your records. If any of the information on this notice is wrong, please tell us right away",
    "so that we can correct our records. You will be notified separately about any other case you filed, and",
    "you can follow the progress of your case online with the receipt number shown on this notice.",
)


def _fit(lines: list[str], width: float, font: str, size: float) -> list[str]:
    """Value lines as printed in a box ``width`` points wide: wrapped at a space where a line would overflow."""
    out: list[str] = []
    for line in lines:
        words = line.split(" ")
        current = words[0]
        for word in words[1:]:
            if stringWidth(f"{current} {word}", font, size) > width:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}"
        out.append(current)
    return out


def _axis_styles() -> Iterator[Style]:
    """Each axis varied on its own from the plain style, then label wordings, then every placement with each case."""
    base = Style()
    for name, options in (
        ("case", CASES),
        ("colon", (True, False)),
        ("placement", PLACEMENTS),
        ("date_form", DATE_FORMS),
        ("columns", COLUMNS),
        ("font", FONTS),
        ("wrap", (True,)),
        ("titled", (True,)),
        ("money", MONEY_FORMS),
        ("blank", (True,)),
    ):
        for option in options:
            yield replace(base, **{name: option})
    for name, wordings in LABELS.items():
        for index in range(1, len(wordings)):
            yield replace(base, words=((name, index),))
    for placement, case in itertools.product(PLACEMENTS, CASES):
        yield replace(base, placement=placement, case=case)


def _random_styles(count: int, seed: int) -> Iterator[Style]:
    """Styles with every axis drawn at random: combinations no axis alone shows."""
    rng = random.Random(seed)
    for _ in range(count):
        words = tuple((name, rng.randrange(len(wordings))) for name, wordings in LABELS.items() if rng.random() < 0.5)
        yield Style(
            words=words,
            case=rng.choice(CASES),
            colon=rng.random() < 0.7,
            placement=rng.choice(PLACEMENTS),
            date_form=rng.choice(DATE_FORMS),
            columns=rng.choice(COLUMNS),
            font=rng.choice(FONTS),
            wrap=rng.random() < 0.5,
            titled=rng.random() < 0.3,
            money=rng.choice(MONEY_FORMS),
            blank=rng.random() < 0.4,
        )


def variants(random_count: int = 40, seed: int = 14) -> Iterator[tuple[str, Spec, Style]]:
    """Every (name, notice, style) of the harness: each axis alone on each notice, then random mixes."""
    axis = list(dict.fromkeys(_axis_styles()))
    for (spec_name, spec), style in itertools.product(SPECS.items(), axis):
        yield f"{spec_name}: {style.describe()}", spec, style
    specs = list(SPECS.items())
    for number, style in enumerate(_random_styles(random_count, seed)):
        spec_name, spec = specs[number % len(specs)]
        yield f"{spec_name} (mix {number}): {style.describe()}", spec, style


@dataclass
class Outcome:
    """One variant read back: its fields sorted into right, missing and wrong."""

    name: str
    notices: int
    right: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)  # field, expected, read


def check(folder: Path, name: str, spec: Spec, style: Style) -> Outcome:
    """Print the variant to a PDF in ``folder``, read it, and compare with the spec."""
    path = draw_cells(folder / "variant.pdf", [cells(spec, style)], font=style.font)
    result = parse_notice_file(path)
    outcome = Outcome(name, len(result.notices))
    if len(result.notices) != 1:
        return outcome
    got = result.notices[0].to_dict()
    for key, want in spec.expected().items():
        have = got.get(key)
        if want is None and have is None:
            continue
        if want is not None and have is not None and same(key, want, have):
            outcome.right.append(key)
        elif have is None:
            outcome.missing.append(key)
        else:
            outcome.wrong.append((key, want, have))
    return outcome


def run(random_count: int = 40, seed: int = 14) -> list[Outcome]:
    """Every variant checked."""
    with tempfile.TemporaryDirectory() as folder:
        return [check(Path(folder), name, spec, style) for name, spec, style in variants(random_count, seed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="list every variant, not only those that failed")
    parser.add_argument("--random", type=int, default=40, help="random mixes of every axis (default 40)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    outcomes = run(args.random, args.seed)
    failed = 0
    for outcome in outcomes:
        bad = outcome.notices != 1 or outcome.missing or outcome.wrong
        failed += bool(bad)
        if bad or args.all:
            print(
                f"{'FAIL' if bad else 'ok  '} {outcome.name}: notices {outcome.notices}"
                + (f"; missing {', '.join(outcome.missing)}" if outcome.missing else "")
                + "".join(f"; WRONG {key} want {want!r} got {have!r}" for key, want, have in outcome.wrong)
            )
    wrong = sum(len(outcome.wrong) for outcome in outcomes)
    missing = sum(len(outcome.missing) for outcome in outcomes)
    counts = sum(outcome.notices != 1 for outcome in outcomes)
    print(
        f"{len(outcomes)} variants, {failed} failed: {wrong} wrong values, {missing} missing, "
        f"{counts} read as another count of notices"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
