"""Make a loaded document fit for a packet before its pages are copied.

- Active content goes: every action (open, page, annotation, field and
  link actions, through their ``/Next`` chains), named scripts and attached
  files (:mod:`docgen.pdf.active`); e-filing portals refuse them, evidence
  needs none, and the values of filled forms are final.
- Pages of another size (A4 diplomas, legal-size leases, small receipts) are
  put on the profile's page (letter), shrunk to fit inside a quarter-inch
  margin, never enlarged, centred, in the orientation that suits them. Pages
  with form fields keep their size (moving widgets would break the form).
- With ``flatten_forms`` the document's form is flattened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf

from docgen.packets.fields import has_fields
from docgen.packets.profiles import PageSize
from docgen.pdf.active import items, may_be_active, strip_active
from docgen.pdf.flatten import flatten_form

FIT_MARGIN = 18.0


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
    return any(
        isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == pikepdf.Name.Widget
        for a in items(page.obj.get("/Annots"))
    )


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
    """Strip actions and attachments, flatten the form if asked, fit pages to ``size``.

    ``data`` (the file's bytes, when at hand) lets a document without any
    action or attachment skip the walk through its objects.
    """
    if may_be_active(pdf, data):
        strip_active(pdf)
    if flatten and has_fields(pdf):
        flatten_form(pdf)
    result = Normalised()
    if size is not None:
        result.resized, result.kept = fit_pages(pdf, size)
    return result
