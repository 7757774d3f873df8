"""Appearance streams for filled widgets, so every viewer shows the values.

Chrome, pdf.js, Preview, poppler and mupdf draw a widget from its ``/AP``
stream; several ignore ``NeedAppearances``. This module draws those streams
itself: single-line text (shrunk to fit down to a floor), comb fields (one
character per box), multi-line text (word-wrapped), and the selected value of
drop-downs. Check boxes and radio buttons already carry their on and off
pictures; they only need ``/AS``.

Text is measured with the widths of the form's own font resource (``/DR``);
fonts without a ``/Widths`` array fall back to the standard-14 metrics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

from docgen.forms.pdf import FormField, Widget

MIN_FONT_SIZE = 6.0
AUTO_FONT_MAX = 12.0
PADDING = 2.0
LEADING = 1.15

_DA_FONT = re.compile(rb"/([^\s/]+)\s+([\d.]+)\s+Tf")
_STANDARD_FONTS = {
    "helvetica": "Helvetica",
    "arial": "Helvetica",
    "courier": "Courier",
    "times": "Times-Roman",
    "zapfdingbats": "ZapfDingbats",
}


# Width of "n" per 1000 units in the standard fonts _standard_name gives (reportlab's metrics; checked
# against them in tests/test_fill_speed.py), so a fill needs reportlab only for a font without /Widths.
_N_WIDTH = {
    "Helvetica": 556.0,
    "Helvetica-Bold": 611.0,
    "Courier": 600.0,
    "Courier-Bold": 600.0,
    "Times-Roman": 500.0,
    "Times-Bold": 556.0,
    "ZapfDingbats": 761.0,
}


class Unencodable(ValueError):
    """The text has a character the field's font cannot show."""

    def __init__(self, char: str) -> None:
        super().__init__(char)
        self.char = char


@dataclass
class FontMetrics:
    """What is needed to measure and draw text in one font resource."""

    resource: str  # name in /DR /Font, without the slash
    font: pikepdf.Object
    widths: dict[int, float]
    default_width: float
    standard: str | None

    def width(self, data: bytes, size: float) -> float:
        """Width in points of cp1252-encoded ``data`` at ``size``."""
        if self.standard and not self.widths:
            from reportlab.pdfbase import pdfmetrics

            return float(pdfmetrics.stringWidth(data.decode("cp1252"), self.standard, size))
        total = sum(self.widths.get(code, self.default_width) for code in data)
        return total * size / 1000.0


def encode_text(text: str) -> bytes:
    """Encode for a WinAnsi font; raise :class:`Unencodable` naming the first bad character."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise Unencodable(text[exc.start]) from None


def _standard_name(base_font: str) -> str | None:
    lowered = base_font.lower()
    for key, name in _STANDARD_FONTS.items():
        if key in lowered:
            bold = "bold" in lowered
            if name == "Helvetica":
                return "Helvetica-Bold" if bold else "Helvetica"
            if name == "Courier":
                return "Courier-Bold" if bold else "Courier"
            if name == "Times-Roman":
                return "Times-Bold" if bold else "Times-Roman"
            return name
    return None


class FontCache:
    """Font metrics per resource name for one document."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        acro = pdf.Root.get("/AcroForm")
        dr = acro.get("/DR") if acro is not None else None
        self._fonts = dr.get("/Font") if dr is not None else None
        self._cache: dict[str, FontMetrics] = {}
        self._resources: dict[str, pikepdf.Object] = {}
        self._pdf = pdf

    def resources(self, resource: str) -> pikepdf.Object:
        """One shared ``/Resources`` dictionary per font for all the appearance streams of a fill."""
        if resource not in self._resources:
            font = pikepdf.Dictionary({"/" + resource: self.get(resource).font})
            self._resources[resource] = self._pdf.make_indirect(pikepdf.Dictionary(Font=font))
        return self._resources[resource]

    def get(self, resource: str) -> FontMetrics:
        """Metrics of ``/resource`` in the form's default resources (Helvetica if absent)."""
        if resource in self._cache:
            return self._cache[resource]
        font = self._fonts.get("/" + resource) if self._fonts is not None else None
        if font is None:
            font = pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Helvetica,
                Encoding=pikepdf.Name.WinAnsiEncoding,
            )
            font = self._pdf.make_indirect(font)
        widths: dict[int, float] = {}
        if "/Widths" in font:
            first = int(font.get("/FirstChar", 0))
            widths = {first + i: float(w) for i, w in enumerate(font.Widths)}
        descriptor = font.get("/FontDescriptor")
        missing = float(descriptor.get("/MissingWidth", 0)) if descriptor is not None else 0.0
        base = str(font.get("/BaseFont", "/Helvetica"))[1:]
        standard = _standard_name(base) or "Helvetica"
        default = missing or _N_WIDTH.get(standard, 500.0)
        metrics = FontMetrics(resource, font, widths, default, standard)
        self._cache[resource] = metrics
        return metrics


@dataclass
class TextStyle:
    """Font, size and colour from a field's ``/DA``."""

    resource: str
    size: float  # 0 means auto
    colour: bytes


def parse_da(da: str) -> TextStyle:
    """Read ``/Font size Tf`` and the colour operators from a default appearance string."""
    raw = da.encode("latin-1", "replace")
    match = _DA_FONT.search(raw)
    if not match:
        return TextStyle("Helv", 0.0, b"0 g")
    colour = (raw[: match.start()] + raw[match.end() :]).strip() or b"0 g"
    return TextStyle(match.group(1).decode("latin-1"), float(match.group(2)), colour)


def _escape(data: bytes) -> bytes:
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")


def _num(value: float) -> bytes:
    return f"{value:.2f}".rstrip("0").rstrip(".").encode("ascii")


def _box(widget: Widget) -> tuple[float, float, int]:
    """Width and height in the widget's own (rotated) frame, and its rotation."""
    mk = widget.obj.get("/MK")
    rotation = int(mk.get("/R", 0)) % 360 if mk is not None else 0
    if rotation in (90, 270):
        return widget.height, widget.width, rotation
    return widget.width, widget.height, rotation


@dataclass
class Layout:
    """Lines of encoded text placed in a widget box, or None when it does not fit."""

    size: float
    lines: list[tuple[float, float, bytes]]  # x, y, text


def _single_line(data: bytes, metrics: FontMetrics, style: TextStyle, w: float, h: float, quad: int) -> Layout | None:
    start = style.size or min(AUTO_FONT_MAX, max(MIN_FONT_SIZE, (h - 2 * PADDING) * 0.9))
    size = start
    while size >= MIN_FONT_SIZE:
        width = metrics.width(data, size)
        if width <= w - 2 * PADDING:
            if quad == 1:
                x = (w - width) / 2
            elif quad == 2:
                x = w - PADDING - width
            else:
                x = PADDING
            y = (h - size * 0.7) / 2
            return Layout(size, [(x, y, data)])
        size -= 0.5
    return None


def _comb(data: bytes, metrics: FontMetrics, style: TextStyle, w: float, h: float, max_len: int) -> Layout | None:
    if len(data) > max_len:
        return None
    cell = w / max_len
    size = style.size or min(AUTO_FONT_MAX, (h - 2 * PADDING) * 0.9)
    while size > MIN_FONT_SIZE and metrics.width(b"W", size) > cell:
        size -= 0.5
    y = (h - size * 0.7) / 2
    lines = []
    for index, code in enumerate(data):
        char = bytes([code])
        x = index * cell + (cell - metrics.width(char, size)) / 2
        lines.append((x, y, char))
    return Layout(size, lines)


def _wrap(data: bytes, metrics: FontMetrics, size: float, width: float) -> list[bytes] | None:
    lines: list[bytes] = []
    for paragraph in data.split(b"\n"):
        current = b""
        for word in paragraph.split(b" "):
            candidate = word if not current else current + b" " + word
            if metrics.width(candidate, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if metrics.width(word, size) > width:
                return None
            current = word
        lines.append(current)
    return lines


def _ruled(
    data: bytes, metrics: FontMetrics, style: TextStyle, w: float, h: float, quad: int, ruled: int
) -> Layout | None:
    """Text on the box's printed lines: ``ruled`` lines evenly spaced, baselines just above each rule."""
    pitch = h / ruled
    size = min(style.size or 10.0, pitch * 0.8)
    while size >= MIN_FONT_SIZE:
        lines = _wrap(data, metrics, size, w - 2 * PADDING)
        if lines is not None and len(lines) <= ruled:
            placed = []
            for index, line in enumerate(lines):
                width = metrics.width(line, size)
                x = (w - width) / 2 if quad == 1 else (w - PADDING - width if quad == 2 else PADDING)
                placed.append((x, h - (index + 1) * pitch + pitch * 0.25, line))
            return Layout(size, placed)
        size -= 0.5
    return None


def _multiline(data: bytes, metrics: FontMetrics, style: TextStyle, w: float, h: float, quad: int) -> Layout | None:
    size = style.size or 10.0
    while size >= MIN_FONT_SIZE:
        lines = _wrap(data, metrics, size, w - 2 * PADDING)
        if lines is not None and len(lines) * size * LEADING <= h - PADDING:
            top = h - PADDING - size * 0.85
            placed = []
            for index, line in enumerate(lines):
                width = metrics.width(line, size)
                x = (w - width) / 2 if quad == 1 else (w - PADDING - width if quad == 2 else PADDING)
                placed.append((x, top - index * size * LEADING, line))
            return Layout(size, placed)
        size -= 0.5
    return None


USCIS_LINE_PITCH = 18.0


def printed_lines(height: float) -> int | None:
    """USCIS draws ruled boxes 18 pt per line: a box of 180 pt has 10 printed lines."""
    count = round(height / USCIS_LINE_PITCH)
    return count if count >= 2 and abs(height - count * USCIS_LINE_PITCH) < 0.5 else None


def layout_text(
    field: FormField, widget: Widget, text: str, fonts: FontCache, ruled: int | None = None
) -> Layout | None:
    """Place ``text`` in ``widget`` as the field's flags ask; None when it cannot fit.

    ``ruled`` is the number of lines printed in a multi-line box (by default
    worked out from USCIS's 18 pt line pitch): text sits on them while it fits
    in that many lines, and is set closer when it needs more.
    """
    data = encode_text(text)
    style = parse_da(field.da)
    metrics = fonts.get(style.resource)
    w, h, _ = _box(widget)
    if field.comb and field.max_len:
        return _comb(data, metrics, style, w, h, field.max_len)
    if field.max_len is not None and len(text) > field.max_len:
        return None
    if field.multiline:
        ruled = ruled or printed_lines(h)
        on_rules = _ruled(data, metrics, style, w, h, field.quadding, ruled) if ruled else None
        return on_rules or _multiline(data, metrics, style, w, h, field.quadding)
    return _single_line(data, metrics, style, w, h, field.quadding)


def _matrix(rotation: int, w: float, h: float) -> list[float]:
    if rotation == 90:
        return [0, 1, -1, 0, h, 0]
    if rotation == 180:
        return [-1, 0, 0, -1, w, h]
    if rotation == 270:
        return [0, -1, 1, 0, 0, w]
    return [1, 0, 0, 1, 0, 0]


def write_text_appearance(pdf: pikepdf.Pdf, field: FormField, widget: Widget, layout: Layout, fonts: FontCache) -> None:
    """Give ``widget`` a normal appearance stream that draws ``layout``."""
    style = parse_da(field.da)
    w, h, rotation = _box(widget)
    parts = [
        b"/Tx BMC q",
        b"1 1 " + _num(max(w - 2, 0)) + b" " + _num(max(h - 2, 0)) + b" re W n",
        b"BT /" + style.resource.encode("latin-1") + b" " + _num(layout.size) + b" Tf " + style.colour,
    ]
    last_x, last_y = 0.0, 0.0
    for x, y, data in layout.lines:
        parts.append(_num(x - last_x) + b" " + _num(y - last_y) + b" Td (" + _escape(data) + b") Tj")
        last_x, last_y = x, y
    parts.append(b"ET Q EMC")
    stream = pikepdf.Stream(pdf, b"\n".join(parts))
    stream["/Type"] = pikepdf.Name.XObject
    stream["/Subtype"] = pikepdf.Name.Form
    stream["/BBox"] = [0, 0, w, h]
    if rotation:
        stream["/Matrix"] = _matrix(rotation, w, h)
    stream["/Resources"] = fonts.resources(style.resource)
    widget.obj["/AP"] = pikepdf.Dictionary(N=stream)


def set_button_state(field: FormField, state: str | None) -> None:
    """Turn a check box or radio group on at ``state`` (an on-state name) or off (None)."""
    name = pikepdf.Name("/" + state) if state else pikepdf.Name.Off
    field.obj["/V"] = name
    for widget in field.widgets:
        widget.obj["/AS"] = name if state in widget.on_states else pikepdf.Name.Off
