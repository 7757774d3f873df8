"""Set 14's producers run in batches (one chromium, one LibreOffice), files put together, pages spoilt, PDFs tidied."""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image
from pypdf import PdfReader, PdfWriter, Transformation

from bench.notice_eval14 import paper
from bench.notice_eval14.facts import Notice

Payload = bytes | str | Callable[[], bytes | str]


class TruthError(Exception):
    """A page does not print what the truth says: the set is not written."""


@dataclass
class Doc:
    """A born-digital document from one producer (one notice, or a paper that is not one)."""

    key: str
    producer: str
    payload: Payload
    notice: Notice | None = None
    label: str = ""
    pdf: bytes = b""

    @property
    def page_count(self) -> int:
        return len(PdfReader(io.BytesIO(self.pdf)).pages)


@dataclass
class Sheet:
    """One page of a file: a page of a document, or two documents' first pages side by side on one sheet."""

    docs: list[tuple[Doc, int]]
    treat: str = "digital"  # digital, copier, app, fax
    dpi: int = 200
    grey: bool = True
    skew: float = 0.0
    turn: int = 0
    fine: bool = True
    sticky: str = ""
    note: str = ""
    highlight: str = ""
    stamp: str = ""
    ocr_slip: bool = False


@dataclass
class FileSpec:
    name: str
    medium: str  # text-pdf, scan-pdf, mixed-pdf, image
    output: str  # pdf, tiff, jpeg, png
    label: str
    effect: str
    sheets: list[Sheet] = field(default_factory=list)
    photo: str = ""  # thumb, clip, mug
    exif: int = 0
    shot: bool = False
    fax_header: str = ""
    tiff_mode: str = ""  # g4, lzw
    tiff_dpi: tuple[int, int] = (200, 200)
    quality: int = 80
    annotate: str = ""  # a viewer's note and highlight added to a born-digital PDF's first page


# ---------------------------------------------------------------------------------------------
# Producers in batches.


def tidy(pdf: bytes) -> bytes:
    """The PDF without dates, producer metadata or a random ID: the same bytes for the same content."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        if "/Info" in doc.trailer:
            del doc.trailer["/Info"]
        if "/Metadata" in doc.Root:
            del doc.Root["/Metadata"]
        out = io.BytesIO()
        doc.save(
            out, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
    return out.getvalue()


def run_chromium(docs: list[Doc]) -> None:
    """Print every HTML document with one headless chromium."""
    if not docs:
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for doc in docs:
                page.set_content(str(doc.payload), wait_until="load")
                doc.pdf = tidy(page.pdf(prefer_css_page_size=True, print_background=True))
        finally:
            browser.close()


def run_soffice(docs: list[Doc]) -> None:
    """Convert every Word document with one LibreOffice call (its own profile, so it runs beside others')."""
    if not docs:
        return
    with tempfile.TemporaryDirectory(prefix="set14-soffice-") as tmp:
        for doc in docs:
            with open(os.path.join(tmp, f"{doc.key}.docx"), "wb") as handle:
                handle.write(_bytes(doc.payload))
        profile = os.path.join(tmp, "profile")
        outdir = os.path.join(tmp, "out")
        command = [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            *[os.path.join(tmp, f"{doc.key}.docx") for doc in docs],
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=600)
        for doc in docs:
            with open(os.path.join(outdir, f"{doc.key}.pdf"), "rb") as handle:
                doc.pdf = tidy(handle.read())


def _bytes(payload: Payload) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode()
    raise TypeError("payload not made yet")


def produce(docs: list[Doc]) -> None:
    """Every document's PDF: payloads made now (only the documents asked for), then each producer run once."""
    for doc in docs:
        if callable(doc.payload):
            doc.payload = doc.payload()
    for doc in docs:
        if doc.producer in ("reportlab", "fpdf2"):
            doc.pdf = tidy(_bytes(doc.payload))
    run_chromium([d for d in docs if d.producer == "chromium"])
    run_soffice([d for d in docs if d.producer == "libreoffice"])


# ---------------------------------------------------------------------------------------------
# The file as printed (before any scanning): one PDF page per sheet.


def _stamp_overlay(text: str, width: float, height: float) -> Any:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    c.setFont("Courier", 7)
    c.setFillColorRGB(0.45, 0.1, 0.1)
    c.drawString(28, height - 12, text)
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(buf.getvalue())).pages[0]


def printed_file(spec: FileSpec) -> bytes:
    """The file's pages as born-digital PDF: two-up sheets composed, digital index stamps laid on."""
    writer = PdfWriter()
    for sheet in spec.sheets:
        if len(sheet.docs) == 1:
            doc, index = sheet.docs[0]
            page = PdfReader(io.BytesIO(doc.pdf)).pages[index]
            writer.add_page(page)
            target = writer.pages[-1]
        else:
            target = writer.add_blank_page(792, 612)
            for k, (doc, index) in enumerate(sheet.docs):
                src = PdfReader(io.BytesIO(doc.pdf)).pages[index]
                scale = 396 / 612
                op = Transformation().scale(scale, scale).translate(k * 396, (612 - 792 * scale) / 2)
                target.merge_transformed_page(src, op)
        if sheet.stamp and sheet.treat == "digital":
            box = target.mediabox
            target.merge_page(_stamp_overlay(sheet.stamp, float(box.width), float(box.height)))
    out = io.BytesIO()
    writer.write(out)
    return tidy(out.getvalue())


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


# ---------------------------------------------------------------------------------------------
# Spoiling pages.


def _marks(image: Image.Image, sheet: Sheet, pdf: bytes, index: int, dpi: float, rnd: random.Random) -> None:
    if sheet.highlight:
        box = paper.find_line(pdf, index, sheet.highlight)
        if box is None:
            raise TruthError(f"highlighter: {sheet.highlight!r} is not on the page")
        height = float(PdfReader(io.BytesIO(pdf)).pages[index].mediabox.height)
        paper.highlight(image, box, height, dpi)
    if sheet.sticky and not paper.sticky_note(image, rnd, sheet.sticky, dpi):
        raise TruthError("no blank space for a sticky note")
    if sheet.note and not paper.margin_note(image, rnd, sheet.note, dpi):
        raise TruthError("no blank space for a margin note")
    if sheet.stamp:
        paper.stamp_header(image, sheet.stamp, dpi)


def spoil(spec: FileSpec, printed: bytes, index: int, rnd: random.Random, rng: np.random.Generator) -> dict[str, Any]:
    """Page ``index`` of the printed file as it arrives: kept digital, or an image with how it was made."""
    sheet = spec.sheets[index]
    if sheet.treat == "digital":
        return {"kind": "pdf"}
    dpi = sheet.dpi
    image = paper.render(printed, index, dpi)
    _marks(image, sheet, printed, index, dpi, rnd)
    if sheet.treat == "copier":
        out = paper.copier(image, rng, sheet.grey, sheet.skew, sheet.turn)
        return {"kind": "image", "image": out, "dpi": dpi}
    if sheet.treat == "app":
        out = paper.app_scan(image, rng)
        words = paper.words(printed, index)
        return {"kind": "app", "image": out, "dpi": dpi, "words": words}
    if sheet.treat == "fax":
        out = paper.fax(image, spec.fax_header.replace("{page}", f"{index + 1:03d}"), sheet.fine, rng)
        return {"kind": "fax", "image": out, "dpi": (dpi, dpi if sheet.fine else dpi // 2)}
    if sheet.treat == "plain":
        return {"kind": "image", "image": image, "dpi": dpi}
    raise ValueError(sheet.treat)


VIEWER_TITLES = ("Notice(1).pdf", "I797_scan.pdf", "USCIS_notice_download.pdf", "document (3).pdf", "IMG_0412.pdf")
SLIPS = {"0": "O", "1": "l", "5": "S", "8": "B", "O": "0", "I": "1"}


def _slip(word: str, rnd: random.Random) -> str:
    spots = [i for i, ch in enumerate(word) if ch in SLIPS]
    if not spots:
        return word
    i = spots[rnd.randrange(len(spots))]
    return word[:i] + SLIPS[word[i]] + word[i + 1 :]


def app_page(
    image: Image.Image,
    dpi: int,
    words: list[tuple[str, tuple[float, float, float, float]]],
    size: tuple[float, float],
    slips: list[str],
    rnd: random.Random,
) -> bytes:
    """A scanning app's PDF page: the photo of the page and its own invisible OCR text over it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    jpg = io.BytesIO()
    image.save(jpg, "JPEG", quality=72)
    c.drawImage(ImageReader(io.BytesIO(jpg.getvalue())), 0, 0, width=size[0], height=size[1])
    for word, (x0, y0, x1, y1) in words:
        text = _slip(word, rnd) if word in slips or rnd.random() < 0.015 else word
        height = max(4.0, y1 - y0)
        t = c.beginText()
        t.setTextRenderMode(3)
        t.setFont("Helvetica", height)
        natural = c.stringWidth(text, "Helvetica", height) or 1.0
        t.setHorizScale(100 * max(0.3, (x1 - x0) / natural))
        t.setTextOrigin(x0, y0)
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def image_pdf(image: Image.Image, dpi: tuple[int, int] | int, fax_g4: bool = False) -> bytes:
    import img2pdf

    xdpi, ydpi = (dpi, dpi) if isinstance(dpi, int) else dpi
    buf = io.BytesIO()
    if fax_g4:
        image.save(buf, "TIFF", compression="group4", dpi=(xdpi, ydpi))
    else:
        image.convert("RGB" if image.mode == "RGB" else "L").save(buf, "JPEG", quality=70, dpi=(xdpi, ydpi))
    layout = img2pdf.get_fixed_dpi_layout_fun((xdpi, ydpi))
    return bytes(img2pdf.convert(buf.getvalue(), layout_fun=layout, nodate=True))


def zero_pads(tiff: bytes) -> bytes:
    """The TIFF with libtiff's alignment byte after an odd-length strip set to zero (libtiff leaves it unset)."""
    data = bytearray(tiff)
    with Image.open(io.BytesIO(tiff)) as image:
        spans: list[tuple[int, int]] = []
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            tags = image.tag_v2  # type: ignore[attr-defined]
            spans += list(zip(tags[273], tags[279], strict=True))
    starts = {offset for offset, _ in spans}
    for offset, count in spans:
        end = offset + count
        if end % 2 == 1 and end < len(data) and end not in starts:
            data[end] = 0
    return bytes(data)


def write_file(spec: FileSpec, printed: bytes, rnd: random.Random, rng: np.random.Generator, slips: list[str]) -> bytes:
    """The file's bytes as it reaches the office."""
    pages = [spoil(spec, printed, i, rnd, rng) for i in range(len(spec.sheets))]
    if spec.output == "pdf":
        reader = PdfReader(io.BytesIO(printed))
        writer = PdfWriter()
        for i, page in enumerate(pages):
            if page["kind"] == "pdf":
                writer.add_page(reader.pages[i])
                continue
            if page["kind"] == "app":
                box = reader.pages[i].mediabox
                data = app_page(
                    page["image"], page["dpi"], page["words"], (float(box.width), float(box.height)), slips, rnd
                )
            else:
                data = image_pdf(page["image"], page["dpi"], fax_g4=page["kind"] == "fax")
            writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
        out = io.BytesIO()
        writer.write(out)
        data = tidy(out.getvalue())
        return viewer_notes(data, spec.annotate, rnd) if spec.annotate else data
    images = [page["image"] for page in pages]
    if spec.output == "tiff":
        buf = io.BytesIO()
        frames = [im.convert("1") if spec.tiff_mode == "g4" else im.convert("L") for im in images]
        compression = "group4" if spec.tiff_mode == "g4" else "tiff_lzw"
        dpi = pages[0]["dpi"] if isinstance(pages[0]["dpi"], tuple) else spec.tiff_dpi
        frames[0].save(buf, "TIFF", compression=compression, dpi=dpi, save_all=True, append_images=frames[1:])
        return zero_pads(buf.getvalue())
    (image,) = images
    if spec.photo:
        image = paper.desk_photo(image.convert("RGB"), rnd, rng, spec.photo)
    if spec.shot:
        image = paper.screenshot(image.convert("RGB"), rnd.choice(VIEWER_TITLES))
    if spec.output == "jpeg":
        return paper.jpeg(image.convert("RGB"), spec.quality, spec.exif)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def _appearance(doc: Any, rect: list[float], content: bytes, font: bool) -> Any:
    import pikepdf

    resources = pikepdf.Dictionary()
    if font:
        resources.Font = pikepdf.Dictionary(
            Helv=pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        )
    if not font:
        resources.ExtGState = pikepdf.Dictionary(
            M=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply, CA=0.6, ca=0.6)
        )
    stream = pikepdf.Stream(doc, content)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = [0, 0, rect[2] - rect[0], rect[3] - rect[1]]
    stream.Resources = resources
    return stream


def viewer_notes(pdf: bytes, note: str, rnd: random.Random) -> bytes:
    """A PDF viewer's annotations on page 1: a free-text note where the page has no ink, a highlight on a body line."""
    import pikepdf

    dpi = 36
    image = paper.render(pdf, 0, dpi)
    width, height = 3.3 * 72, 0.5 * 72
    spot = paper.blank_spot(image, (int(width / 72 * dpi), int(height / 72 * dpi)), rnd, avoid_top=0.3)
    if spot is None:
        raise TruthError("no blank space for a viewer's note")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        page_h = float(page.mediabox[3])
        x0, top = spot[0] / dpi * 72, spot[1] / dpi * 72
        rect = [x0, page_h - top - height, x0 + width, page_h - top]
        text = note.replace("(", "[").replace(")", "]").encode("latin-1")
        look = b"1 1 0.75 rg 0 0 %.2f %.2f re f 0 0 0.6 rg BT /Helv 10 Tf 6 %.2f Td (%s) Tj ET" % (
            width,
            height,
            height / 2 - 3,
            text,
        )
        annots = [
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.FreeText,
                Rect=rect,
                Contents=pikepdf.String(note),
                DA=pikepdf.String("/Helv 10 Tf 0 0 0.6 rg"),
                F=4,
                T=pikepdf.String("Physician"),
                AP=pikepdf.Dictionary(N=_appearance(doc, rect, look, True)),
            )
        ]
        boxes = (paper.find_line(pdf, 0, phrase) for phrase in ("Processing times vary", "The above petition"))
        box = next((found for found in boxes if found is not None), None)
        if box is not None:
            hl = [box[0] - 1, box[1] - 2, box[2] + 1, box[3] + 2]
            look = b"/M gs 1 1 0 rg 0 0 %.2f %.2f re f" % (hl[2] - hl[0], hl[3] - hl[1])
            annots.append(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Highlight,
                    Rect=hl,
                    QuadPoints=[hl[0], hl[3], hl[2], hl[3], hl[0], hl[1], hl[2], hl[1]],
                    C=[1, 1, 0],
                    F=4,
                    AP=pikepdf.Dictionary(N=_appearance(doc, hl, look, False)),
                )
            )
        page.Annots = doc.make_indirect(pikepdf.Array([doc.make_indirect(a) for a in annots]))
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()
