"""Make a loaded document fit for a packet before its pages are copied.

- Scripts go: page and annotation actions and field scripts (``/AA``,
  JavaScript); e-filing portals refuse them and the values are final.
- Pages of another size (A4 diplomas, legal-size leases, small receipts) are
  put on the profile's page (letter), shrunk to fit inside a quarter-inch
  margin, never enlarged, centred, in the orientation that suits them. Pages
  with form fields keep their size (moving widgets would break the form).
- With ``flatten_forms`` the document's form is flattened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from docgen.forms.fill import flatten_form
from docgen.packets.fields import drop_scripts, has_fields
from docgen.packets.profiles import PageSize

FIT_MARGIN = 18.0
ACTION = re.compile(rb"/AA\b|/A[\s<]|/JavaScript|/JS\b")
FIRST_LOOK = re.compile(ACTION.pattern + rb"|/ObjStm")
OBJECT_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj")


def may_have_scripts(pdf: pikepdf.Pdf, data: bytes | None) -> bool:
    """False only when no dictionary of the file can hold an action: a quick look before a slow walk.

    The raw bytes show every dictionary except those packed in compressed
    object streams; those streams are read (qpdf decompresses them) and
    searched too. A false alarm only costs the walk.
    """
    if data is None:
        return True
    first = FIRST_LOOK.search(data)
    if first is None:
        return False
    if first.group(0) != b"/ObjStm" or ACTION.search(data, first.end()):
        return True
    try:
        return any(ACTION.search(pdf.get_object(*objgen).read_bytes()) for objgen in _object_streams(data))
    except (pikepdf.PdfError, AttributeError, ValueError):
        return True


def _object_streams(data: bytes) -> list[tuple[int, int]]:
    """The object numbers of the compressed object streams in a PDF file, from its raw bytes."""
    found = []
    position = data.find(b"/ObjStm")
    while position != -1:
        start = data.rfind(b" obj", max(0, position - 400), position)
        match = OBJECT_HEADER.search(data, max(0, start - 24), start + 4) if start != -1 else None
        if match is None:
            raise ValueError("an object stream whose header cannot be read")
        found.append((int(match.group(1)), int(match.group(2))))
        position = data.find(b"/ObjStm", position + 7)
    return found


def drop_page_scripts(pdf: pikepdf.Pdf) -> None:
    """Remove page actions, and the scripts of every annotation (the widgets of form fields among them)."""
    for page in pdf.pages:
        obj = page.obj
        if "/AA" in obj:
            del obj["/AA"]
        annotations = obj.get("/Annots")
        if annotations is not None:
            for annotation in annotations:
                drop_scripts(annotation)


def drop_field_scripts(pdf: pikepdf.Pdf) -> None:
    """Remove the scripts of the fields that are not widgets (the widgets are done page by page)."""
    acro = pdf.Root.get("/AcroForm")
    if acro is None:
        return
    stack = list(acro.get("/Fields", []))
    while stack:
        item = stack.pop()
        kids = item.get("/Kids")
        if kids is not None:
            drop_scripts(item)
            stack.extend(kids)


def displayed_size(page: pikepdf.Page) -> tuple[float, float]:
    """The page's width and height as a viewer shows it (crop box, rotation)."""
    obj = page.obj
    box = obj.get("/CropBox") or obj.get("/MediaBox")  # inherited boxes are on the page once qpdf has it
    if box is None:
        box = page.cropbox
    x0, y0, x1, y1 = (float(v) for v in box)
    width, height = abs(x1 - x0), abs(y1 - y0)
    return (height, width) if int(obj.get("/Rotate", 0)) % 180 == 90 else (width, height)


def _has_widgets(page: pikepdf.Page) -> bool:
    return any(a.get("/Subtype") == pikepdf.Name.Widget for a in page.obj.get("/Annots", []))


def fit_pages(pdf: pikepdf.Pdf, size: PageSize) -> tuple[list[int], list[int]]:
    """Put off-size pages on pages of ``size``; return (pages resized, pages left with fields), 1-based."""
    resized: list[int] = []
    kept: list[int] = []
    short, long = size.points
    for index in range(len(pdf.pages)):
        page = pdf.pages[index]
        width, height = displayed_size(page)
        if size.fits(width, height):
            continue
        if _has_widgets(page):
            kept.append(index + 1)
            continue
        if page.obj.get("/Annots"):
            pdf.flatten_annotations("print")
            page = pdf.pages[index]
        target_w, target_h = (long, short) if width > height else (short, long)
        form = page.as_form_xobject()
        sheet = pikepdf.Page(
            pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, target_w, target_h]))
        )
        area = pikepdf.Rectangle(FIT_MARGIN, FIT_MARGIN, target_w - FIT_MARGIN, target_h - FIT_MARGIN)
        overlay: Any = sheet.add_overlay  # pikepdf's stubs lack shrink/expand
        overlay(form, area, shrink=True, expand=False)
        pdf.pages[index] = sheet
        resized.append(index + 1)
    return resized, kept


@dataclass
class Normalised:
    """What normalising did: pages resized, pages kept off-size because they hold form fields (1-based)."""

    resized: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)


def normalise(pdf: pikepdf.Pdf, size: PageSize | None, flatten: bool, data: bytes | None = None) -> Normalised:
    """Drop scripts, flatten the form if asked, fit pages to ``size``.

    ``data`` (the file's bytes, when at hand) lets a document without any
    action skip the walk through its pages and fields.
    """
    if may_have_scripts(pdf, data):
        drop_page_scripts(pdf)
        drop_field_scripts(pdf)
    if flatten and has_fields(pdf):
        flatten_form(pdf)
    result = Normalised()
    if size is not None:
        result.resized, result.kept = fit_pages(pdf, size)
    return result
