"""Write the thirteenth sealed notice evaluation set (issue 14) and its truth.

Entry point: ``generate(folder, seed, only=None)``.  Staged into the folder, moved into place,
``truth.json`` last; nothing is written when a check fails.  Byte-identical per seed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image, ImageDraw, ImageFilter
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

GENERATOR_VERSION = 1
FONTS = {
    "LibSans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "LibSerif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "LibMono": "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "DejaSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaMono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
}
FIELDS = (
    "notice_type", "form", "receipt_number", "received_date", "notice_date", "priority_date", "petitioner",
    "beneficiary", "applicant", "classification", "valid_from", "valid_to", "response_due", "appointment",
    "i94_number", "amount", "a_number",
)
FIRST = ("Marisol", "Teodoro", "Amara", "Lucinda", "Bartolo", "Ximena", "Idris", "Noemi", "Ruperto", "Zaida")
LAST = ("Quintanar", "Oyelaran", "Del Valle-Ruiz", "Brankovic", "Achterberg", "Nwosu-Elliot", "Pereyra", "Tamsin")
KINDS = ("receipt", "biometrics", "rfe", "noid", "transfer", "rejection", "denial", "approval", "interview")
FAMILY_FORMS = ("I-130", "I-485", "I-765", "I-131", "I-912", "I-360", "I-751", "N-400", "I-821")
TITLES = {
    "receipt": "Receipt Notice", "biometrics": "ASC Appointment Notice", "rfe": "Request for Evidence",
    "noid": "Notice of Intent to Deny", "transfer": "Transfer Notice", "rejection": "Rejection Notice",
    "denial": "Decision", "approval": "Approval Notice", "interview": "Interview Appointment Notice",
}
FORMS_FOR = {
    "receipt": ("I-130", "I-485", "I-765", "I-131", "I-751", "N-400"),
    "biometrics": ("I-485", "I-765", "I-131", "N-400"),
    "rfe": ("I-130", "I-485", "I-751"),
    "noid": ("I-130", "I-751"),
    "transfer": ("I-130", "I-485"),
    "rejection": ("I-765", "I-131"),
    "denial": ("I-485", "I-765"),
    "approval": ("I-130", "I-765", "I-751"),
    "interview": ("I-485", "N-400"),
}
FEES = {"I-130": "675.00", "I-485": "1440.00", "I-765": "520.00", "I-131": "630.00", "I-751": "750.00",
        "N-400": "760.00"}
ASC = ("4401 Harrowgate Pkwy Suite 120", "88 Lindqvist Ave Room 3", "1200 Ferncliff Blvd")


class SetError(Exception):
    """A generated page does not print a value its truth claims."""


def _fonts() -> None:
    for name, path in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path))


def _us(day: date) -> str:
    return day.strftime("%B %d, %Y").replace(" 0", " ")


def _num(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def _notice(rng: random.Random, kind: str) -> dict[str, Any]:
    form = rng.choice(FORMS_FOR[kind])
    centre = rng.choice(("IOE", "MSC", "NBC", "EAC", "WAC", "LIN", "SRC"))
    receipt = f"{centre}{rng.randint(1000000000, 9999999999)}" if centre == "IOE" else (
        f"{centre}{rng.randint(2190000000, 2499999999)}")
    received = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2000))
    noticed = received + timedelta(days=rng.randint(3, 300))
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    anum = f"{rng.randint(20000000, 249999999):09d}"
    n: dict[str, Any] = {name: None for name in FIELDS}
    n.update(notice_type=None if kind == "interview" else kind, form=form, receipt_number=receipt,
             notice_date=noticed.isoformat(), _kind=kind)
    printed: dict[str, str] = {"receipt_number": receipt, "notice_date": _us(noticed), "form": form}
    if kind not in ("rejection",):
        n["received_date"] = received.isoformat()
        printed["received_date"] = _num(received)
    if form in ("I-130",):
        n["petitioner"], n["beneficiary"] = person, other
        printed["petitioner"], printed["beneficiary"] = person, other
    else:
        n["applicant"] = person
        printed["applicant"] = person
        n["a_number"] = anum
        printed["a_number"] = f"A{anum[:3]}-{anum[3:6]}-{anum[6:]}" if anum[0] != "0" else f"A{anum[1:]}"
    if kind == "receipt" and rng.random() < 0.7:
        n["amount"] = FEES[form]
        printed["amount"] = f"${FEES[form]}" if float(FEES[form]) < 1000 else f"${FEES[form][0]},{FEES[form][1:]}"
    if kind in ("rfe", "noid"):
        due = noticed + timedelta(days=87 if kind == "rfe" else 33)
        n["response_due"] = due.isoformat()
        printed["response_due"] = _us(due)
    if kind in ("biometrics", "interview"):
        when = noticed + timedelta(days=rng.randint(14, 40))
        hour, minute = rng.choice(((8, 0), (9, 30), (10, 15), (13, 0), (14, 45)))
        street = rng.choice(ASC)
        n["appointment"] = {"date": when.isoformat(), "time": f"{hour:02d}:{minute:02d}", "location": street}
        hh = hour if hour <= 12 else hour - 12
        printed["appointment.date"] = _num(when)
        printed["appointment.time"] = f"{hh}:{minute:02d} {'AM' if hour < 12 else 'PM'}"
        printed["appointment.location"] = street
    if kind == "approval":
        start = noticed
        n["valid_from"] = start.isoformat()
        printed["valid_from"] = _num(start)
        if form == "I-765" or form == "I-751":
            end = start + timedelta(days=365 * 2 - 1)
            n["valid_to"] = end.isoformat()
            printed["valid_to"] = _num(end)
        if form == "I-130":
            n["priority_date"] = received.isoformat()
            printed["priority_date"] = _num(received)
            n["classification"] = rng.choice(("IR1", "F2A", "CR1"))
            printed["classification"] = n["classification"]
    n["_printed"] = printed
    return n


def _lines(n: dict[str, Any], family: str) -> list[tuple[str, str]]:
    """(label, value) pairs a layout prints, in its own order."""
    p = n["_printed"]
    rows: list[tuple[str, str]] = [("Receipt Number", p["receipt_number"]), ("Case Type", p["form"])]
    if "received_date" in p:
        rows.append(("Received Date", p["received_date"]))
    rows.append(("Notice Date", p["notice_date"]))
    for key, label in (("petitioner", "Petitioner"), ("beneficiary", "Beneficiary"), ("applicant", "Applicant"),
                       ("a_number", "A#"), ("priority_date", "Priority Date"), ("classification", "Class"),
                       ("valid_from", "Valid from"), ("valid_to", "Valid to"), ("amount", "Amount received"),
                       ("response_due", "Response due by")):
        if key in p:
            rows.append((label, p[key]))
    if "appointment.date" in p:
        rows += [("Date", p["appointment.date"]), ("Time", p["appointment.time"]),
                 ("Place", p["appointment.location"])]
    if family == "inswide":
        rows.reverse()
    if family == "letter":  # the A-Number line stands above the person's name
        rows.sort(key=lambda row: row[0] != "A#")
    return rows


def _draw(c: canvas.Canvas, n: dict[str, Any], family: str, top: float, size: tuple[float, float]) -> None:
    width, _ = size
    font = {"boxed": "LibSans", "inswide": "LibMono", "letter": "LibSerif", "intake": "DejaSans"}[family]
    c.setFont(font, 13)
    header = "U.S. Department of Homeland Security" if family != "inswide" else "Immigration and Naturalization Service"
    if family == "intake":
        header = "Harbor Light Legal Aid - client intake: notice summary (volunteer copy)"
    c.drawString(40, top, header)
    c.setFont(font, 11)
    title = TITLES[n["_kind"]] if family != "intake" else "Summary of notice brought in by client"
    c.drawString(40, top - 18, title)
    y = top - 44
    rows = _lines(n, family)
    for i, (label, value) in enumerate(rows):
        if family == "boxed":
            col = i % 2
            x = 40 + col * (width - 80) / 2
            c.rect(x, y - 4, (width - 80) / 2 - 6, 16)
            c.drawString(x + 3, y, f"{label}: {value}")
            if col == 1:
                y -= 20
        else:
            c.drawString(40, y, f"{label.upper() if family == 'inswide' else label}  {value}")
            y -= 15
    y -= 20
    if n["_kind"] == "receipt":
        c.drawString(40, y, "Please keep this notice. You will be notified separately about any interviews or")
        c.drawString(40, y - 14, "biometrics appointments, a request for evidence, or a decision on this case.")


def _pdf(notices: list[dict[str, Any]], family: str, size: tuple[float, float]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    c.setTitle("notice")
    for n in notices:
        _draw(c, n, family, size[1] - 60, size)
        c.showPage()
    c.save()
    return buf.getvalue()


def _check(data: bytes, notices: list[dict[str, Any]]) -> None:
    reader = PdfReader(io.BytesIO(data))
    for n in notices:
        text = " ".join(reader.pages[p - 1].extract_text() or "" for p in n["pages"])
        flat = " ".join(text.split())
        for key, piece in n["_printed"].items():
            if " ".join(piece.split()) not in flat:
                raise SetError(f"{key} {piece!r} is not printed on pages {n['pages']}")


def _degrade(img: Image.Image, rng: random.Random, effect: str) -> Image.Image:
    img = img.convert("L")
    if effect in ("photo", "chat"):
        img = img.rotate(rng.uniform(-2.5, 2.5), expand=True, fillcolor=150, resample=Image.Resampling.BICUBIC)
        draw = ImageDraw.Draw(img)
        # a fold crease across the page, away from the printed text's columns
        yy = img.height * 2 // 3
        draw.line((0, yy, img.width, yy + 6), fill=120, width=2)
    if effect == "chat":
        w, h = img.size
        framed = Image.new("L", (w, h + 140), 245)
        framed.paste(img, (0, 90))
        ImageDraw.Draw(framed).rectangle((0, 0, w, 80), fill=60)
        img = framed
    if effect == "photocopy":
        w, h = img.size
        ImageDraw.Draw(img).text((w - 170, h - 30), f"RELEASED  p. {rng.randint(3, 240)}", fill=60)
        img = img.filter(ImageFilter.GaussianBlur(0.8)).point(lambda v: 0 if v < 150 else 235)
    else:
        img = img.filter(ImageFilter.GaussianBlur(0.6))
    return img


def _raster(data: bytes, dpi: int) -> list[Image.Image]:
    doc = pypdfium2.PdfDocument(data)
    pages = [doc[i].render(scale=dpi / 72).to_pil() for i in range(len(doc))]
    doc.close()
    return pages


def _image_pdf(images: list[Image.Image], size: tuple[float, float]) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for img in images:
        raw = io.BytesIO()
        img.convert("L").save(raw, "JPEG", quality=70)
        c.drawImage(ImageReader(io.BytesIO(raw.getvalue())), 0, 0, size[0], size[1])
        c.showPage()
    c.save()
    return buf.getvalue()


PLAN: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # medium, family, effect, kinds (one notice per page; several kinds: one file, several pages)
    ("text-pdf", "boxed", "none", ("receipt",)),
    ("text-pdf", "boxed", "none", ("biometrics",)),
    ("text-pdf", "letter", "none", ("rfe",)),
    ("text-pdf", "letter", "none", ("noid",)),
    ("text-pdf", "inswide", "none", ("approval",)),
    ("text-pdf", "letter", "none", ("denial",)),
    ("text-pdf", "boxed", "none", ("receipt", "receipt", "biometrics")),
    ("text-pdf", "letter", "none", ("interview",)),
    ("text-pdf", "boxed", "none", ("transfer",)),
    ("text-pdf", "boxed", "none", ("rejection",)),
    ("text-pdf", "intake", "none", ()),
    ("scan-pdf", "boxed", "photocopy", ("receipt",)),
    ("scan-pdf", "inswide", "photocopy", ("approval",)),
    ("scan-pdf", "letter", "photocopy", ("rfe", "biometrics")),
    ("image", "boxed", "photo", ("receipt",)),
    ("image", "letter", "chat", ("biometrics",)),
    ("image", "inswide", "photo", ("approval",)),
    ("text-pdf", "inswide", "none", ("receipt",)),
    ("text-pdf", "letter", "none", ("transfer",)),
    ("text-pdf", "boxed", "none", ("approval", "receipt")),
    ("text-pdf", "letter", "none", ("rfe",)),
    ("text-pdf", "boxed", "none", ("denial",)),
    ("text-pdf", "inswide", "none", ("biometrics",)),
    ("text-pdf", "intake", "none", ()),
    ("text-pdf", "boxed", "none", ("receipt",)),
    ("text-pdf", "letter", "none", ("noid",)),
    ("text-pdf", "boxed", "none", ("rejection",)),
    ("text-pdf", "letter", "none", ("interview", "biometrics")),
    ("text-pdf", "boxed", "none", ("approval",)),
    ("scan-pdf", "letter", "photocopy", ("denial",)),
    ("scan-pdf", "boxed", "photo", ("receipt", "receipt")),
    ("scan-pdf", "inswide", "photocopy", ("receipt",)),
    ("scan-pdf", "letter", "photocopy", ("noid",)),
    ("scan-pdf", "boxed", "photocopy", ("transfer",)),
    ("scan-pdf", "intake", "photocopy", ()),
    ("scan-pdf", "letter", "photo", ("interview",)),
    ("scan-pdf", "boxed", "photocopy", ("rejection",)),
    ("image", "boxed", "chat", ("approval",)),
    ("image", "letter", "photo", ("rfe",)),
    ("image", "boxed", "photocopy", ("receipt",)),
    ("image", "inswide", "photocopy", ("biometrics",)),
    ("image", "intake", "chat", ()),
)


def _build(seed: int) -> tuple[dict[str, bytes], dict[str, Any]]:
    _fonts()
    rng = random.Random(seed * 7919 + 13)
    files: dict[str, bytes] = {}
    entries: dict[str, Any] = {}
    for index, (medium, family, effect, kinds) in enumerate(PLAN, 1):
        size = A4 if index % 3 == 0 else letter
        notices = [_notice(rng, kind) for kind in kinds] or [_notice(rng, "receipt")]
        for page, n in enumerate(notices, 1):
            n["pages"] = [page]
            n["_family"] = family
        data = _pdf(notices, family, size)
        _check(data, notices)
        dpi = 150 if medium != "text-pdf" else 0
        if medium == "text-pdf":
            name, blob = f"n13-{index:02d}.pdf", data
        elif medium == "scan-pdf":
            pages = [_degrade(im, rng, effect) for im in _raster(data, dpi)]
            name, blob = f"n13-{index:02d}.pdf", _image_pdf(pages, size)
        else:
            shot = _degrade(_raster(data, dpi)[0], rng, effect)
            ImageDraw.Draw(shot).text((30, shot.height - 60), "trad: ver con abogada / cita?", fill=40)
            raw = io.BytesIO()
            ext = ("jpg", "png", "tif")[index % 3] if effect == "photocopy" else "jpg"
            if ext == "jpg":
                shot.save(raw, "JPEG", quality=55 if effect == "chat" else 80)
            elif ext == "png":
                shot.save(raw, "PNG")
            else:
                shot.point(lambda v: 255 if v > 140 else 0).convert("1").save(raw, "TIFF", compression="group4")
            name, blob = f"n13-{index:02d}.{ext}", raw.getvalue()
        expected = [] if not kinds else [
            {k: v for k, v in n.items() if k in FIELDS or k in ("pages", "_family", "_kind", "_printed")}
            for n in notices
        ]
        files[name] = blob
        entries[name] = {"medium": medium, "format": name.rsplit(".", 1)[1], "effect": effect, "dpi": dpi,
                         "page_count": len(notices), "label": family, "producers": ["reportlab"],
                         "notices": expected}
    truth = {"generator_version": GENERATOR_VERSION, "seed": seed, "set": 13, "files": entries}
    return files, truth


def generate(folder: Path | str, seed: int, only: list[str] | None = None) -> dict[str, Any]:
    """Write the set (or just the files in ``only``) and ``truth.json`` into ``folder``; return the truth."""
    folder = Path(folder)
    files, truth = _build(seed)
    if only is not None:
        unknown = sorted(set(only) - set(files))
        if unknown:
            raise SetError(f"no such file in set 13: {', '.join(unknown)}")
        files = {k: v for k, v in files.items() if k in only}
        truth["files"] = {k: v for k, v in truth["files"].items() if k in only}
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    stage = Path(tempfile.mkdtemp(dir=folder, prefix=".stage-"))
    try:
        for name, blob in files.items():
            path = stage / name
            path.write_bytes(blob)
            path.chmod(0o600)
        tpath = stage / "truth.json"
        tpath.write_text(json.dumps(truth, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tpath.chmod(0o600)
        for name in files:
            os.replace(stage / name, folder / name)
        os.replace(tpath, folder / "truth.json")
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description="Write sealed notice set 13 (its keeper and the lead only).")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1797)
    args = parser.parse_args()
    truth = generate(args.folder, args.seed)
    print(f"{len(truth['files'])} files written to {args.folder}")


if __name__ == "__main__":
    main()
