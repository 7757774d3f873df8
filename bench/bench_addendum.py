"""Fill the I-765 with one unbroken value of growing length; the addendum must stay linear.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_addendum [--sizes 2000,8000,20000,100000]``

Prints, per length, the time of a whole fill (the street and city each that
long, both continued on the addendum sheet) and, beside it, the time the
previous wrapper (shortening a long token one character at a time, cubic)
takes to wrap the same text alone, for lengths where it finishes in a few
seconds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from docgen.case import load_case
from docgen.forms.addendum import _wrap
from docgen.forms.fill import fill_case, prepare

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "samples" / "cases" / "h1b-okafor.yaml"
SMALL_MAP = ROOT / "tests" / "fixtures" / "i-765-small.yaml"
OLD_WRAPPER_LIMIT = 4_000  # past this the old wrapper takes minutes (cubic)


def old_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """The wrapper before 2026-12: cut a long token by shortening it one character at a time."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if stringWidth(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while stringWidth(word, font, size) > width:
                cut = len(word)
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def seconds(func: object) -> float:
    start = time.perf_counter()
    func()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,4000,8000,20000,100000")
    args = parser.parse_args()
    prepared = prepare(str(SMALL_MAP))
    base = load_case(CASE)
    print(f"{'length':>8}  {'docgen fill':>12}  {'new wrap':>9}  {'old wrap':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        case = base.model_copy(deep=True)
        address = case.dependents[0].mailing_address
        assert address is not None
        address.street, address.city = "S" * size, "C" * size
        fill = seconds(lambda case=case: fill_case(prepared, case, "spouse"))
        text = "W" * size
        new = seconds(lambda text=text: _wrap(text, "Helvetica", 10, 480))
        old = (
            f"{seconds(lambda text=text: old_wrap(text, 'Helvetica', 10, 480)):8.3f}s"
            if size <= OLD_WRAPPER_LIMIT
            else "(not run)"
        )
        print(f"{size:>8}  {fill:>11.3f}s  {new:>8.4f}s  {old:>9}")


if __name__ == "__main__":
    main()
