"""Read a form PDF: its fields, their widgets, and the edition it is.

Field names are the fully qualified AcroForm names
(``form1[0].Page1[0].Line1a_FamilyName[0]``); short names repeat across a
form's parts and must never be used to find a field.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pikepdf

from docgen.errors import DocgenError, FormError
from docgen.pdf.open import open_pdf as pdf_open

FieldKind = Literal["text", "checkbox", "radio", "choice", "pushbutton", "signature"]

FF_MULTILINE = 1 << 12
FF_COMB = 1 << 24
FF_RADIO = 1 << 15
FF_PUSHBUTTON = 1 << 16
FF_COMBO = 1 << 17
FF_READONLY = 1 << 0

_INHERITED = ("/FT", "/Ff", "/V", "/DV", "/DA", "/Q", "/MaxLen", "/Opt", "/TU")
_BARCODE_VALUE = re.compile(r"^([A-Z]{1,4}-?\d+[A-Z]?)\|(\d{2}/\d{2}/\d{2})\|")


@dataclass
class Widget:
    """One visible box of a field on a page."""

    obj: pikepdf.Object
    page: int  # 1-based
    rect: tuple[float, float, float, float]
    on_states: list[str]

    @property
    def width(self) -> float:
        """Box width in points."""
        return abs(self.rect[2] - self.rect[0])

    @property
    def height(self) -> float:
        """Box height in points."""
        return abs(self.rect[3] - self.rect[1])


@dataclass
class FormField:
    """A terminal field with what a map needs to know about it."""

    name: str
    kind: FieldKind
    tooltip: str
    obj: pikepdf.Object
    widgets: list[Widget] = field(default_factory=list)
    flags: int = 0
    max_len: int | None = None
    options: list[tuple[str, str]] = field(default_factory=list)  # (export, display)
    default_value: str | None = None
    da: str = ""
    quadding: int = 0

    @property
    def page(self) -> int:
        """The page of the first widget (1-based), 0 if it has none."""
        return self.widgets[0].page if self.widgets else 0

    @property
    def on_states(self) -> list[str]:
        """Every on-state of every widget, without the leading slash, in widget order."""
        out: list[str] = []
        for widget in self.widgets:
            for state in widget.on_states:
                if state not in out:
                    out.append(state)
        return out

    @property
    def comb(self) -> bool:
        """One character per box (needs MaxLen)."""
        return self.kind == "text" and bool(self.flags & FF_COMB) and bool(self.max_len)

    @property
    def multiline(self) -> bool:
        """A text field that wraps."""
        return self.kind == "text" and bool(self.flags & FF_MULTILINE)

    @property
    def short_name(self) -> str:
        """The last part of the name, which is *not* unique on USCIS forms."""
        return self.name.rsplit(".", 1)[-1]

    @property
    def is_barcode(self) -> bool:
        """The PDF417 bar code field that USCIS prints on every page."""
        return "barcode" in self.name.lower()


@dataclass
class FormDocument:
    """An opened form PDF and its fields in document order."""

    pdf: pikepdf.Pdf
    path: Path
    fields: dict[str, FormField]
    has_xfa: bool
    form_id: str | None
    edition: str | None

    def fingerprint(self) -> str:
        """A short hash of the field set (names and kinds), stable across fills."""
        return field_fingerprint(self.fields.values())


def field_fingerprint(fields: object) -> str:
    """Hash of sorted ``name|kind`` lines; identifies one edition's field layout."""
    lines = sorted(f"{f.name}|{f.kind}" for f in fields)  # type: ignore[attr-defined]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def open_pdf(path: Path) -> pikepdf.Pdf:
    """Open a blank form PDF (through :mod:`docgen.pdf.open`): one-line errors by problem, FormError if missing."""
    path = Path(path)

    def problem(message: str, kind: type[DocgenError] | None) -> DocgenError:
        if kind is None:
            message = message.replace("check the path", "check the path or the forms directory")
        return (kind or FormError)(f"{path}: {message}", path=path)

    return pdf_open(path, problem, wanted="the blank form as downloaded from USCIS or DOL")


def _inherited(node: pikepdf.Object, key: str) -> pikepdf.Object | None:
    seen = 0
    current: pikepdf.Object | None = node
    while current is not None and seen < 50:
        if key in current:
            return current[key]
        current = current.get("/Parent")
        seen += 1
    return None


def _annot_pages(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    pages: dict[tuple[int, int], int] = {}
    for index, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            if annot.is_indirect:
                pages[annot.objgen] = index
    return pages


def _pdf_text(obj: pikepdf.Object | None) -> str:
    if obj is None:
        return ""
    if isinstance(obj, pikepdf.String):
        return str(obj)
    if isinstance(obj, pikepdf.Name):
        return str(obj)[1:]
    return str(obj)


def _widget(obj: pikepdf.Object, pages: dict[tuple[int, int], int], pdf: pikepdf.Pdf) -> Widget:
    page = pages.get(obj.objgen, 0) if obj.is_indirect else 0
    if page == 0 and "/P" in obj:
        for index, candidate in enumerate(pdf.pages, start=1):
            if candidate.obj.objgen == obj.P.objgen:
                page = index
                break
    rect_obj = obj.get("/Rect", [0, 0, 0, 0])
    x0, y0, x1, y1 = (float(v) for v in rect_obj)
    rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    states: list[str] = []
    ap = obj.get("/AP")
    if ap is not None:
        normal = ap.get("/N")
        if isinstance(normal, pikepdf.Dictionary) and not isinstance(normal, pikepdf.Stream):
            for state in normal:
                name = str(state)[1:]
                if name != "Off" and name not in states:
                    states.append(name)
    return Widget(obj=obj, page=page, rect=rect, on_states=states)


def _kind(ft: str, flags: int) -> FieldKind:
    if ft == "/Tx":
        return "text"
    if ft == "/Ch":
        return "choice"
    if ft == "/Sig":
        return "signature"
    if flags & FF_PUSHBUTTON:
        return "pushbutton"
    if flags & FF_RADIO:
        return "radio"
    return "checkbox"


def _options(obj: pikepdf.Object | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if not isinstance(obj, pikepdf.Array):
        return out
    for item in obj:
        if isinstance(item, pikepdf.Array) and len(item) >= 2:
            out.append((_pdf_text(item[0]), _pdf_text(item[1])))
        else:
            text = _pdf_text(item)
            out.append((text, text))
    return out


def _collect(
    node: pikepdf.Object,
    prefix: str,
    pages: dict[tuple[int, int], int],
    pdf: pikepdf.Pdf,
    out: dict[str, FormField],
    depth: int = 0,
) -> None:
    if depth > 40:
        return
    partial = _pdf_text(node.get("/T")) if "/T" in node else None
    name = prefix if partial is None else (f"{prefix}.{partial}" if prefix else partial)
    kids = node.get("/Kids")
    field_kids = [k for k in kids if "/T" in k] if kids is not None else []
    if field_kids:
        for kid in field_kids:
            _collect(kid, name, pages, pdf, out, depth + 1)
        return
    ft = _inherited(node, "/FT")
    if ft is None:
        return
    flags = int(_inherited(node, "/Ff") or 0)
    widgets_objs = list(kids) if kids is not None else [node]
    widgets = [_widget(w, pages, pdf) for w in widgets_objs if w.get("/Subtype") == "/Widget" or "/Rect" in w]
    max_len = _inherited(node, "/MaxLen")
    quad = _inherited(node, "/Q")
    out[name] = FormField(
        name=name,
        kind=_kind(str(ft), flags),
        tooltip=" ".join(_pdf_text(node.get("/TU")).split()),
        obj=node,
        widgets=widgets,
        flags=flags,
        max_len=int(max_len) if max_len is not None else None,
        options=_options(_inherited(node, "/Opt")),
        default_value=_pdf_text(_inherited(node, "/V") or _inherited(node, "/DV")) or None,
        da=_pdf_text(_inherited(node, "/DA")),
        quadding=int(quad) if quad is not None else 0,
    )


def read_fields(pdf: pikepdf.Pdf) -> dict[str, FormField]:
    """Every terminal field of the AcroForm, by fully qualified name, in document order."""
    acro = pdf.Root.get("/AcroForm")
    out: dict[str, FormField] = {}
    if acro is None:
        return out
    pages = _annot_pages(pdf)
    for top in acro.get("/Fields", []):
        _collect(top, "", pages, pdf, out)
    return out


def detect_edition(fields: dict[str, FormField]) -> tuple[str | None, str | None]:
    """Form id and edition from the PDF417 bar code's default value (``I-765|10/31/22|1``)."""
    for f in fields.values():
        if f.is_barcode and f.default_value:
            match = _BARCODE_VALUE.match(f.default_value)
            if match:
                return match.group(1), match.group(2)
    return None, None


def _has_xfa(pdf: pikepdf.Pdf) -> bool:
    acro = pdf.Root.get("/AcroForm")
    return acro is not None and "/XFA" in acro


def load_form(path: Path) -> FormDocument:
    """Open a fillable form; refuse XFA-only forms that have no AcroForm fields."""
    path = Path(path)
    pdf = open_pdf(path)
    fields = read_fields(pdf)
    has_xfa = _has_xfa(pdf)
    if not fields:
        pdf.close()
        if has_xfa:
            raise FormError(
                f"{path}: this is a dynamic XFA-only form (no AcroForm fields), which docgen cannot fill "
                "without producing an empty-looking file; use the agency's fillable (static) PDF edition"
            )
        raise FormError(f"{path}: the PDF has no fillable fields; it is not a fillable form")
    form_id, edition = detect_edition(fields)
    return FormDocument(pdf=pdf, path=path, fields=fields, has_xfa=has_xfa, form_id=form_id, edition=edition)
