"""Edition currency: whether the agency still accepts the edition of a form being filled or packed.

The data is ``docgen/data/editions/accepted.yaml`` (the accepted editions of each bundled form,
with the source and the day each entry was checked), with a firm's ``editions/accepted.yaml`` in its maps
folder read first. Filling a form (:func:`docgen.forms.fill.prepare` calls :func:`check_edition`)
or packing a filled one on an edition past its acceptance is a :class:`~docgen.errors.FormError`
that names the edition and the page to fetch the current one from.

Someone who knows better (a grace period the data does not have yet, a form for a test) accepts an
edition explicitly: ``docgen fill --accept-edition 02/04/19``, ``docgen packet build
--accept-edition I-539=02/04/19``, a packet form part's ``accept_edition:``, or in Python::

    with accepting_editions({"I-539": "02/04/19"}):
        fill_form("I-539", case)
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pikepdf

from docgen.bundled import bundled_dir, user_dirs
from docgen.errors import FormError, MapError, UsageError
from docgen.yamlio import load_yaml_file

Accepted = Literal["yes", "no", "unconfirmed", "records-only"]
STATES: tuple[Accepted, ...] = ("yes", "no", "unconfirmed", "records-only")
FIRM_FILE = Path("editions", "accepted.yaml")

_ACCEPTED: contextvars.ContextVar[frozenset[tuple[str, str]]] = contextvars.ContextVar(
    "docgen_accepted_editions", default=frozenset()
)


@dataclass(frozen=True)
class Edition:
    """What is known of one edition of one form, and where it was read."""

    form: str
    edition: str
    accepted: Accepted
    page: str
    source: str
    checked: str
    until: dt.date | None = None
    superseded_by: tuple[str, ...] = ()
    note: str = ""
    origin: str = "bundled"
    agency: str = "USCIS"

    def refused_on(self, day: dt.date) -> bool:
        """Whether the agency refuses this edition on ``day``."""
        return self.accepted == "no" or (self.until is not None and day > self.until)

    def status(self, day: dt.date) -> str:
        """One phrase for listings: ``accepted``, ``not accepted since 2024-06-03``, ``not confirmed``..."""
        if self.until is not None and day > self.until:
            return f"not accepted after {self.until.isoformat()}"
        return {
            "yes": f"accepted (until {self.until.isoformat()})" if self.until else "accepted",
            "no": "not accepted",
            "unconfirmed": "not confirmed",
            "records-only": "filed online only; this PDF is for records",
        }[self.accepted]


@dataclass
class Editions:
    """Every form's editions, the firm's entries over the bundled ones."""

    forms: dict[str, dict[str, Edition]] = field(default_factory=dict)

    def find(self, form: str, edition: str) -> Edition | None:
        """The entry of ``form`` (any spelling: ``i539``, ``I-539``) at ``edition``, if the data has one."""
        return self.forms.get(form_key(form), {}).get(edition.strip())


def form_key(name: str) -> str:
    """``i765``, ``I-765`` and ``i_765`` all become ``I-765``; ``ETA9089`` becomes ``ETA-9089``."""
    text = name.strip().upper().replace("_", "-")
    match = re.fullmatch(r"([A-Z]+)-?(\d+[A-Z]?)", text)
    return f"{match.group(1)}-{match.group(2)}" if match else text


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise MapError(f"{where}: until: {value!r} is not a date; write YYYY-MM-DD") from None


def _read(path: Path, origin: str, into: dict[str, dict[str, Edition]]) -> None:
    stat = path.stat()
    for key, editions in _parsed(path, origin, stat.st_mtime_ns, stat.st_size).items():
        into.setdefault(key, {}).update(editions)


@functools.lru_cache(maxsize=16)
def _parsed(path: Path, origin: str, _mtime: int, _size: int) -> dict[str, dict[str, Edition]]:
    """One editions file, read once while it is unchanged (a batch fills many forms)."""
    into: dict[str, dict[str, Edition]] = {}
    data = load_yaml_file(path, MapError)
    forms = data.get("forms") if isinstance(data, Mapping) else None
    if not isinstance(forms, Mapping):
        raise MapError(f"{path}: no 'forms:' mapping; see docgen/data/editions/accepted.yaml for the shape")
    for form, entry in forms.items():
        key = form_key(str(form))
        if not isinstance(entry, Mapping) or not isinstance(entry.get("editions"), Mapping):
            raise MapError(f"{path}: {form}: give 'page:' and 'editions:' (a mapping of edition to its entry)")
        page = str(entry.get("page") or "")
        for edition, info in entry["editions"].items():
            where = f"{path}: {form} edition {edition}"
            if not isinstance(info, Mapping):
                raise MapError(f"{where}: give accepted, source and checked")
            accepted = info.get("accepted")
            accepted = {True: "yes", False: "no"}.get(accepted, accepted) if isinstance(accepted, bool) else accepted
            if accepted not in STATES:
                raise MapError(f"{where}: accepted: {accepted!r}; use one of {', '.join(STATES)}")
            for required in ("source", "checked"):
                if not info.get(required):
                    raise MapError(f"{where}: no '{required}:'; every entry says where it was read and when")
            into.setdefault(key, {})[str(edition).strip()] = Edition(
                key,
                str(edition).strip(),
                accepted,
                page,
                " ".join(str(info["source"]).split()),
                str(info["checked"]),
                _date(info.get("until"), where),
                tuple(str(e) for e in info.get("superseded_by") or ()),
                " ".join(str(info.get("note") or "").split()),
                origin,
                str(entry.get("agency") or "USCIS"),
            )
    return into


def load_editions(maps_dir: Path | str | None = None) -> Editions:
    """The bundled editions data, with ``editions/accepted.yaml`` of the firm's maps folders read over it."""
    forms: dict[str, dict[str, Edition]] = {}
    _read(bundled_dir("editions") / "accepted.yaml", "bundled", forms)
    for folder in reversed(user_dirs(maps_dir, "DOCGEN_MAPS_DIR", MapError)):
        firm = folder / FIRM_FILE
        if firm.is_file():
            _read(firm, str(firm), forms)
    return Editions(forms)


@contextmanager
def accepting_editions(editions: Mapping[str, str]) -> Iterator[None]:
    """Fill and pack these editions (form -> edition; form ``*``: any form) even where the data refuses them."""
    pairs = frozenset((f if f == "*" else form_key(f), e.strip()) for f, e in editions.items())
    token = _ACCEPTED.set(_ACCEPTED.get() | pairs)
    try:
        yield
    finally:
        _ACCEPTED.reset(token)


@contextmanager
def as_the_data_says() -> Iterator[None]:
    """Drop every explicit acceptance for a while (a test of the refusal inside a run that accepts)."""
    token = _ACCEPTED.set(frozenset())
    try:
        yield
    finally:
        _ACCEPTED.reset(token)


def is_accepted_explicitly(form: str, edition: str) -> bool:
    """Whether the user accepted ``edition`` of ``form`` explicitly (:func:`accepting_editions`)."""
    accepted = _ACCEPTED.get()
    return (form_key(form), edition.strip()) in accepted or ("*", edition.strip()) in accepted


def parse_accepted(values: Iterable[str]) -> dict[str, str]:
    """``I-539=02/04/19`` options as form -> edition (a :class:`UsageError` for any other shape)."""
    accepted: dict[str, str] = {}
    for value in values:
        form, sep, edition = value.partition("=")
        if not sep or not form.strip() or not edition.strip():
            raise UsageError(f"--accept-edition {value}: write FORM=EDITION, as in --accept-edition I-539=02/04/19")
        accepted[form_key(form)] = edition.strip()
    return accepted


FOOTER = re.compile(r"\bForm\s+((?:I|G|N|AR|ETA)-?\d+[A-Z]?)\s+(?:Edition\s+)?(\d{2}/\d{2}/\d{2})\b")


def first_page_text(data: bytes) -> str:
    """The text of a PDF's first page (pdfium; run it where the rest of pdfium's work runs: it is not
    thread-safe). pdfium is loaded here only: a fill (which never needs it) stays light."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        if not len(document):
            return ""
        page = document[0]
        textpage = page.get_textpage()
        text = str(textpage.get_text_range())
        textpage.close()
        page.close()
        return text
    finally:
        document.close()


BARCODE = re.compile(r"^\s*([A-Z]+-?\d+[A-Z]?)\|(\d{2}/\d{2}/\d{2,4})\|")


def _barcode_value(pdf: pikepdf.Pdf) -> tuple[str, str] | None:
    """Form and edition from a PDF417 bar code field's value (``I-765|10/31/22|1``), walking the field tree."""
    acro = pdf.Root.get("/AcroForm")
    fields = acro.get("/Fields") if isinstance(acro, pikepdf.Dictionary) else None
    stack = list(fields) if isinstance(fields, pikepdf.Array) else []
    seen: set[tuple[int, int]] = set()
    while stack and len(seen) < 20_000:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        if "PDF417" in str(node.get("/T", "")):
            for key in ("/DV", "/V"):
                match = BARCODE.match(str(node.get(key, "")))
                if match:
                    return form_key(match.group(1)), match.group(2)
        kids = node.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
    return None


def printed_edition(
    pdf: pikepdf.Pdf, data: bytes | None = None, read_text: Callable[[bytes], str] = first_page_text
) -> tuple[str, str] | None:
    """The form and edition a filled form says it is: its PDF417 bar code field, else its first page's
    footer text ("Form I-539 Edition 02/04/19", read by ``read_text``); None for anything else (or a scan
    without text)."""
    barcode = _barcode_value(pdf)
    if barcode is not None:
        return barcode
    if data is None or not data.startswith(b"%PDF"):
        return None
    match = FOOTER.search(" ".join(read_text(data).split()))
    return (form_key(match.group(1)), match.group(2)) if match else None


def refusal(entry: Edition) -> str:
    """Why an edition cannot be filed, and what to fetch instead."""
    when = f"after {entry.until.isoformat()}" if entry.until is not None and entry.accepted != "no" else "any more"
    later = f" (later editions: {', '.join(entry.superseded_by)})" if entry.superseded_by else ""
    page = entry.page or "the agency's form page"
    return (
        f"{entry.agency} does not accept edition {entry.edition} of Form {entry.form} {when}{later}; "
        f"fetch the current edition from {page} and build its map with 'docgen map scaffold' "
        f"(source: {entry.source}, checked {entry.checked}; to file this edition anyway, accept it with "
        f"--accept-edition)"
    )


def check_edition(
    form: str, edition: str, *, where: str = "", maps_dir: Path | str | None = None, day: dt.date | None = None
) -> Edition | None:
    """Stop (:class:`FormError`) when ``edition`` of ``form`` is past its acceptance on ``day`` (today).

    Returns the data's entry (None when the data does not know the form or
    edition: nothing is said then). An edition accepted explicitly passes.
    """
    entry = load_editions(maps_dir).find(form, edition)
    if entry is None or not entry.refused_on(day or dt.date.today()):
        return entry
    if is_accepted_explicitly(form, edition):
        return entry
    raise FormError(f"{where}: {refusal(entry)}" if where else refusal(entry))
