"""Fill the I-765 with the full sample case; compare with the alternatives.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_fill [--runs 9]``

Prints the warm median of several runs, in one run, beside:
- a plain open-and-save of the same file with pikepdf (the floor),
- pypdf's form filling (``update_page_form_field_values``) with the same values,
- pdftk-java ``fill_form`` with the same values as XFDF (if ``pdftk`` is installed), as a process,
- PyPDFForm ``PdfWrapper.fill`` (keys by short name; the script counts the boxes it gets wrong).
Each alternative gets exactly the values docgen computed, keyed by fully qualified name.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pikepdf

from docgen.case import load_case
from docgen.forms.fill import fill_case, prepare
from docgen.forms.pdf import read_fields

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "samples" / "cases" / "h1b-okafor.yaml"


def median_ms(func: Callable[[], object], runs: int) -> float:
    """Warm once, then the median wall time of ``runs`` calls, in ms."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    forms_dir = Path(os.environ.get("DOCGEN_FORMS_DIR", ROOT.parent / "shared" / "forms"))
    prepared = prepare("I-765", forms_dir)
    case = load_case(CASE)
    blank = prepared.blank
    blank_bytes = blank.read_bytes()
    result = fill_case(prepared, case, "spouse")
    values = result.values
    rows: list[tuple[str, float | None, str]] = []

    def docgen_fill() -> bytes:
        return fill_case(prepared, case, "spouse").data

    def floor() -> bytes:
        with pikepdf.open(io.BytesIO(blank_bytes)) as pdf:
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()

    rows.append(("pikepdf open+save (floor)", median_ms(floor, args.runs), ""))
    rows.append(("docgen fill", median_ms(docgen_fill, args.runs), f"{len(values)} fields, appearance streams"))
    rows.append(pypdf_row(blank_bytes, values, args.runs))
    rows.append(pdftk_row(blank, values, args.runs))
    rows.append(pypdfform_row(blank, values, args.runs))

    floor_ms = rows[0][1] or 1.0
    print(f"I-765 fill, sample case {case.case_id} (spouse), median of {args.runs} warm runs")
    print(f"{'tool':<34}{'ms':>10}{'x floor':>10}  notes")
    for name, ms, note in rows:
        shown = f"{ms:10.1f}{ms / floor_ms:10.2f}" if ms is not None else f"{'n/a':>10}{'':>10}"
        print(f"{name:<34}{shown}  {note}")


def pypdf_row(blank_bytes: bytes, values: dict[str, str], runs: int) -> tuple[str, float | None, str]:
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError:
        return ("pypdf", None, "not installed")

    def run() -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank_bytes)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for page in writer.pages:
                writer.update_page_form_field_values(page, values, auto_regenerate=False)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    return ("pypdf update_page_form_field_values", median_ms(run, runs), "same values")


def pdftk_row(blank: Path, values: dict[str, str], runs: int) -> tuple[str, float | None, str]:
    if not shutil.which("pdftk"):
        return ("pdftk-java fill_form", None, "pdftk not installed")
    fields = "".join(f'<field name="{escape(k)}"><value>{escape(v)}</value></field>' for k, v in values.items())
    xfdf = f'<?xml version="1.0"?><xfdf xmlns="http://ns.adobe.com/xfdf/"><fields>{fields}</fields></xfdf>'
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.xfdf"
        data.write_text(xfdf, encoding="utf-8")
        out = Path(tmp) / "out.pdf"

        def run() -> None:
            subprocess.run(
                ["pdftk", str(blank), "fill_form", str(data), "output", str(out)], check=True, capture_output=True
            )

        try:
            return ("pdftk-java fill_form (process)", median_ms(run, runs), "same values as XFDF")
        except subprocess.CalledProcessError as exc:
            return ("pdftk-java fill_form", None, f"failed: {exc.stderr.decode()[:80]}")


def pypdfform_row(blank: Path, values: dict[str, str], runs: int) -> tuple[str, float | None, str]:
    try:
        from PyPDFForm import PdfWrapper
    except ImportError:
        return ("PyPDFForm", None, "not installed")
    short = {}
    for name, value in values.items():
        short[name.rsplit(".", 1)[-1]] = value
    collisions = len(values) - len(short)

    def run() -> bytes:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return bytes(PdfWrapper(str(blank)).fill(short, flatten=False).read())

    ms = median_ms(run, runs)
    with pikepdf.open(io.BytesIO(run())) as pdf:
        fields = read_fields(pdf)
        wrong = sum(
            1
            for name, target in fields.items()
            if target.kind == "text"
            and str(target.obj.get("/V", "")) not in ("", values.get(name, ""))
            and not target.is_barcode
        )
    return ("PyPDFForm fill (short names)", ms, f"{collisions} short-name collisions, {wrong} boxes with a wrong value")


if __name__ == "__main__":
    main()
