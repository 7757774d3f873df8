"""Start every fill from empty fields, whatever the "blank" PDF holds.

A filled form saved into the forms folder (an easy slip with ``-o``) has the
same edition and field set as the blank, so nothing else would stop it being
used as one; a fill that left alone every box the case does not answer would
then carry the previous client's middle name, A-Number and passport onto the
next client's form. :func:`reset_form` puts every field back as a form reset
does (its ``/DV`` default, else empty), drops text drawn by an earlier fill and
the addendum sheets appended after the form's last page, and counts what it
had to clear so the caller can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

from docgen.forms.appearance import FontCache, Unencodable, layout_text, write_text_appearance
from docgen.forms.pdf import FormField, read_fields

# Text drawn in an appearance stream: a string with something other than spaces shown by Tj, ' or TJ.
_SHOWN_TEXT = re.compile(
    rb"\((?:\\.|[^()\\])*[^\s()\\](?:\\.|[^()\\])*\)\s*(?:Tj|')"
    rb"|<\s*(?!(?:20\s*)*>)[0-9A-Fa-f\s]+>\s*Tj"
    rb"|\[[^\]]*\((?:\\.|[^()\\])*[^\s()\\][^\]]*\]\s*TJ"
)
ADDENDUM_KEY = "/DocgenAddendum"  # page-piece marker on the addendum sheets docgen appends


@dataclass
class ResetReport:
    """What a reset had to clear: fields holding answers, appended pages."""

    fields: int = 0
    pages: int = 0

    @property
    def clean(self) -> bool:
        """Nothing was there: the PDF was a true blank."""
        return not self.fields and not self.pages

    def describe(self) -> str:
        """``'answers in 23 fields and 1 appended page'``."""
        parts = []
        if self.fields:
            parts.append(f"answers in {self.fields} field{'s' if self.fields != 1 else ''}")
        if self.pages:
            parts.append(f"{self.pages} appended page{'s' if self.pages != 1 else ''}")
        return " and ".join(parts)


def _shows_text(widget: pikepdf.Object) -> bool:
    appearance = widget.get("/AP")
    normal = appearance.get("/N") if isinstance(appearance, pikepdf.Dictionary) else None
    streams = [normal] if isinstance(normal, pikepdf.Stream) else []
    if isinstance(normal, pikepdf.Dictionary) and not isinstance(normal, pikepdf.Stream):
        streams = [s for s in normal.values() if isinstance(s, pikepdf.Stream)]
    for stream in streams:
        try:
            if _SHOWN_TEXT.search(stream.read_bytes()):
                return True
        except pikepdf.PdfError:
            return True  # an unreadable appearance is not a blank's
    return False


def _reset_button(target: FormField) -> bool:
    default = target.obj.get("/DV")
    want = str(default) if isinstance(default, pikepdf.Name) else "/Off"
    value = target.obj.get("/V")
    shown = str(value).lstrip("/") if value is not None else ""
    dirty = shown not in ("", "Off", want[1:])
    for widget in target.widgets:
        state = want if want[1:] in widget.on_states else "/Off"
        if str(widget.obj.get("/AS", "/Off")) != state:
            widget.obj["/AS"] = pikepdf.Name(state)
            dirty = True
    if dirty and want == "/Off":
        if "/V" in target.obj:
            del target.obj["/V"]
    elif dirty:
        target.obj["/V"] = pikepdf.Name(want)
    return dirty


def _reset_text(pdf: pikepdf.Pdf, target: FormField, fonts: FontCache) -> bool:
    default = target.obj.get("/DV")
    default_text = str(default) if isinstance(default, pikepdf.String) else ""
    value = target.obj.get("/V")
    dirty = value is not None and str(value).strip() != default_text.strip()  # a lone space is a blank's
    if not dirty and not default_text.strip():
        dirty = any(_shows_text(w.obj) for w in target.widgets)
    if not dirty:
        return False
    if "/I" in target.obj:
        del target.obj["/I"]
    if not default_text:
        if "/V" in target.obj:
            del target.obj["/V"]
        for widget in target.widgets:
            if "/AP" in widget.obj:
                del widget.obj["/AP"]
        return True
    target.obj["/V"] = pikepdf.String(default_text)
    for widget in target.widgets:
        try:
            layout = layout_text(target, widget, default_text, fonts)
        except Unencodable:
            layout = None
        if layout is None:
            if "/AP" in widget.obj:
                del widget.obj["/AP"]
        else:
            write_text_appearance(pdf, target, widget, layout, fonts)
    return True


def _reset_field(pdf: pikepdf.Pdf, target: FormField, fonts: FontCache) -> bool:
    dirty = False
    if "/RV" in target.obj:  # a rich-text value would be shown instead of /V
        del target.obj["/RV"]
        dirty = True
    if target.kind in ("checkbox", "radio"):
        return _reset_button(target) or dirty
    if target.kind == "signature":
        if "/V" in target.obj:
            del target.obj["/V"]
            return True
        return dirty
    if target.kind == "pushbutton":
        return dirty
    return _reset_text(pdf, target, fonts) or dirty


def _has_widget(page: pikepdf.Page) -> bool:
    return any(a.get("/Subtype") == "/Widget" for a in page.obj.get("/Annots", []))


def _drop_appended_pages(pdf: pikepdf.Pdf, filled: bool) -> int:
    """Remove addendum sheets: pages marked as docgen's, and (in a filled form) pages without fields after
    the form's last page with fields."""
    count = 0
    while len(pdf.pages) > 1:
        page = pdf.pages[-1]
        marked = ADDENDUM_KEY in page.obj.get("/PieceInfo", pikepdf.Dictionary())
        if not (marked or (filled and not _has_widget(page))):
            break
        del pdf.pages[-1]
        count += 1
    return count


def reset_form(pdf: pikepdf.Pdf) -> ResetReport:
    """Put every field but the bar codes back to its default, drop appended addendum pages; say what was there."""
    fonts = FontCache(pdf)
    report = ResetReport()
    for target in read_fields(pdf).values():
        if target.is_barcode:
            continue  # USCIS's own value (form, edition); kept as made
        if _reset_field(pdf, target, fonts):
            report.fields += 1
    report.pages = _drop_appended_pages(pdf, filled=report.fields > 0)
    return report


def mark_addendum(page: pikepdf.Page) -> None:
    """Mark an appended addendum sheet, so it is never taken for part of a blank form."""
    piece = pikepdf.Dictionary(LastModified=pikepdf.String("D:20260101000000Z"))
    page.obj["/PieceInfo"] = pikepdf.Dictionary({ADDENDUM_KEY: piece})
