"""Active content in a PDF: actions, scripts and attached files; find them all, or strip them all.

A PDF can act when opened or clicked: an open action, additional actions
(``/AA``) on the document, pages, annotations and fields, link and widget
actions (``/A``: Launch a program, SubmitForm to a server, GoToR to a file on
a network share, URI, JavaScript...), each action able to chain more through
``/Next``; named JavaScript in the document's name tree; and attached files
(the ``EmbeddedFiles`` name tree, file attachment and media annotations,
associated files ``/AF``). Evidence in a packet needs none of it, e-filing
portals refuse it, and a file attached to a scan can be an executable.

:func:`find_active` walks every object of the file (not only the places a
viewer looks first), so ``packet check`` reports what is there wherever it
hides. :func:`strip_active` removes every action and attachment.
:func:`may_be_active` is a quick look at the raw bytes that lets a file with
none of it (most scans) skip the walk; names written with ``#xx`` escapes
(``/O#70enAction``) and compressed object streams count as a possible hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeGuard

import pikepdf

ACTION_TYPES = frozenset(
    {
        "/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide",
        "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState", "/Rendition",
        "/Trans", "/GoTo3DView", "/RichMediaExecute",
    }
)  # fmt: skip
# Annotations that carry a file or media (and the scripts some of them run).
ATTACHMENT_ANNOTATIONS = frozenset({"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"})
_TOKENS = rb"/AA\b|/AF\b|/A[\s<\[]|/OpenAction|/Next\b|/JavaScript|/JS\b|/EmbeddedFiles?|/EF\b|/Collection"
_MEDIA = rb"|/FileAttachment|/Sound|/Movie|/Screen|/RichMedia|/3D\b"
_ESCAPED_NAME = rb"|/[^\s/<>\[\]()%{}]*#[0-9A-Fa-f]{2}"
ACTIVE = re.compile(_TOKENS + _MEDIA + _ESCAPED_NAME)
# An object that is an action or an attachment itself (its serialised form, names unescaped).
CARRIER = re.compile(
    rb"/JS\b|/Type\s*/(?:Action|EmbeddedFile)\b|/EF\b|/S\s*/(?:"
    + b"|".join(name[1:].encode() for name in sorted(ACTION_TYPES))
    + rb")\b|/Subtype\s*/(?:FileAttachment|Sound|Movie|Screen|RichMedia|3D)\b"
)
EITHER = re.compile(ACTIVE.pattern + b"|" + CARRIER.pattern)
FIRST_LOOK = re.compile(ACTIVE.pattern + rb"|/ObjStm")
OBJECT_HEADER = re.compile(rb"(\d+)\s+(\d+)\s+obj")


@dataclass
class Active:
    """What a PDF carries: actions by kind (``JavaScript``, ``Launch``...) with where, and attached files."""

    actions: dict[str, list[str]] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    files: int = 0

    def add(self, kind: str, place: str) -> None:
        """Record an action of ``kind`` found at ``place``."""
        places = self.actions.setdefault(kind, [])
        if place not in places:
            places.append(place)

    @property
    def scripts(self) -> list[str]:
        """Where JavaScript runs (document scripts, open action, pages, fields...), in order."""
        return sorted(self.actions.get("JavaScript", []), key=_natural)

    @property
    def other_actions(self) -> dict[str, list[str]]:
        """Actions other than JavaScript, by kind (alphabetical), their places in order."""
        return {
            kind: sorted(places, key=_natural) for kind, places in sorted(self.actions.items()) if kind != "JavaScript"
        }

    def attach(self, place: str) -> None:
        """Record that files (or media) hang at ``place``."""
        if place not in self.attachments:
            self.attachments.append(place)

    @property
    def attached(self) -> int:
        """How many files are embedded (at least one per place that attaches something)."""
        return max(self.files, len(self.attachments))


def _natural(place: str) -> list[str | int]:
    """``page 2`` before ``page 10``."""
    return [int(bit) if bit.isdigit() else bit for bit in re.split(r"(\d+)", place)]


def name_text(obj: object) -> str | None:
    """A PDF name as text (``/Launch``), bytes that are not UTF-8 escaped as ``#xx``; None for anything else."""
    return obj.unparse().decode("ascii", "replace") if isinstance(obj, pikepdf.Name) else None


def items(obj: object) -> list[pikepdf.Object]:
    """The entries of a PDF array; nothing when a hostile or damaged file put something else there."""
    return list(obj) if isinstance(obj, pikepdf.Array) else []


def _is_dict(obj: object) -> TypeGuard[pikepdf.Object]:
    return isinstance(obj, pikepdf.Dictionary | pikepdf.Stream)


def is_action(obj: object) -> bool:
    """Whether ``obj``, wherever it sits, is an action dictionary (a known ``/S`` kind, a ``/JS`` script).

    A ``/S /JavaScript`` without a script (a page dictionary with a stray key) runs nothing.
    """
    if not isinstance(obj, pikepdf.Dictionary):
        return False
    if "/JS" in obj or obj.get("/Type") == pikepdf.Name.Action:
        return True
    kind = name_text(obj.get("/S"))
    return kind in ACTION_TYPES and kind != "/JavaScript"


def _kind(action: pikepdf.Object) -> str:
    if "/JS" in action:
        return "JavaScript"
    kind = action.get("/S")
    text = name_text(kind)
    return text[1:] if text else "unknown action"


def _chain(first: pikepdf.Object, reached: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    """An action and every action its ``/Next`` entries chain to (a dictionary or an array of them).

    Indirect actions met are added to ``reached``; a loop in a chain is followed once.
    """
    seen: set[tuple[int, int]] = set()
    stack = [first]
    while stack:
        action = stack.pop()
        if not isinstance(action, pikepdf.Dictionary):  # in an action's place, any dictionary counts as one
            continue
        if action.is_indirect:
            if action.objgen in seen:
                continue
            seen.add(action.objgen)
            reached.add(action.objgen)
        yield action
        follow = action.get("/Next")
        if isinstance(follow, pikepdf.Array):
            stack.extend(reversed(list(follow)))
        elif follow is not None:
            stack.append(follow)


def _structure(holder: pikepdf.Object) -> bool:
    """Whether ``holder`` is a structure element (tagged PDF), whose ``/A`` holds attributes, not an action."""
    if holder.get("/Type") == pikepdf.Name.StructElem:
        return True
    return "/S" in holder and "/P" in holder and "/Subtype" not in holder and "/FT" not in holder


def _held_actions(holder: pikepdf.Object) -> Iterator[pikepdf.Object]:
    """The actions a dictionary holds directly: ``/A``, ``/OpenAction`` and every ``/AA`` entry."""
    for key in ("/A", "/OpenAction"):
        value = holder.get(key)
        if value is not None and not (key == "/A" and _structure(holder)):
            yield value
    extra = holder.get("/AA")
    if _is_dict(extra):
        yield from extra.values()


def _places(pdf: pikepdf.Pdf) -> dict[tuple[int, int], str]:
    """Where each page, annotation, field and bookmark is, for the report (loops in the trees followed once)."""
    places: dict[tuple[int, int], str] = {}
    for number, page in enumerate(pdf.pages, 1):
        places[page.obj.objgen] = f"page {number}"
        for annotation in items(page.obj.get("/Annots")):
            if _is_dict(annotation) and annotation.is_indirect:
                places.setdefault(annotation.objgen, f"page {number}")
    outlines = pdf.Root.get("/Outlines")
    marks = [outlines.get("/First")] if _is_dict(outlines) else []
    while marks:
        mark = marks.pop()
        if _is_dict(mark) and mark.is_indirect and mark.objgen not in places:
            places[mark.objgen] = "bookmarks"
            marks += [mark.get("/First"), mark.get("/Next")]
    acro = pdf.Root.get("/AcroForm")
    stack = items(acro.get("/Fields")) if _is_dict(acro) else []
    while stack:
        item = stack.pop()
        if _is_dict(item) and item.is_indirect and item.objgen not in places:
            places[item.objgen] = "form fields"
            stack.extend(items(item.get("/Kids")))
    return places


def suspects(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """The indirect dictionaries and arrays that hold, are, or point straight to an action or an attachment.

    Every one is serialised by qpdf (fast, in C++; ``#xx`` escapes undone)
    and searched; only these are then walked in Python, so a form of two
    thousand objects without any costs milliseconds. Streams are left out:
    no viewer runs an action kept in a stream's dictionary, and an attached
    file's stream is reached through its file specification (``/EF``).
    """
    serialised = [
        (top, bytes(top.unparse(resolved=True)))
        for top in pdf.objects
        if isinstance(top, pikepdf.Dictionary | pikepdf.Array) and not isinstance(top, pikepdf.Stream)
    ]
    marked = [(top, text) for top, text in serialised if EITHER.search(text)]
    carriers = {top.objgen for top, text in marked if CARRIER.search(text)}
    if not carriers:
        return [top for top, _text in marked]
    pointer = re.compile(rb"(?<![\d.])(?:%s) R\b" % b"|".join(b"%d %d" % objgen for objgen in carriers))
    chosen = {top.objgen for top, _text in marked}
    return [top for top, text in serialised if top.objgen in chosen or pointer.search(text)]


def _nodes(tops: list[pikepdf.Object]) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """Every dictionary and array in ``tops``, with the indirect object it sits in (nested direct ones too)."""
    for top in tops:
        stack = [top]
        while stack:
            obj = stack.pop()
            yield top, obj
            children = obj.values() if _is_dict(obj) else list(obj)
            stack.extend(c for c in children if isinstance(c, pikepdf.Dictionary | pikepdf.Array) and not c.is_indirect)


def _containers(tops: list[pikepdf.Object]) -> Iterator[tuple[pikepdf.Object, pikepdf.Object]]:
    """Every dictionary in ``tops``, with the indirect object it sits in (direct ones nested included)."""
    return ((top, obj) for top, obj in _nodes(tops) if _is_dict(obj))


def find_active(pdf: pikepdf.Pdf) -> Active:
    """Every action (through ``/Next`` chains) and attached file of the PDF, with where it is."""
    found = Active()
    root = pdf.Root
    seen: set[tuple[int, int]] = set()
    names = root.get("/Names")
    if _is_dict(names):
        if "/JavaScript" in names:
            found.add("JavaScript", "document scripts")
        if len(pdf.attachments):
            found.attach("document attachments")
    if "/Collection" in root:
        found.attach("portfolio")
    places = _places(pdf)
    streams: set[tuple[int, int]] = set()
    tops = suspects(pdf)
    for top, holder in _containers(tops):
        place = places.get(top.objgen, "other objects")
        is_root = holder.is_indirect and holder.objgen == root.objgen
        for action in (a for first in _held_actions(holder) for a in _chain(first, seen)):
            found.add(_kind(action), "document open action" if is_root else place)
        subtype = holder.get("/Subtype")
        text = name_text(subtype)
        if text in ATTACHMENT_ANNOTATIONS:
            found.attach(f"{place} {text[1:]} annotation")
        embedded = holder.get("/EF")
        if _is_dict(embedded):
            streams.update(f.objgen for f in embedded.values() if isinstance(f, pikepdf.Stream) and f.is_indirect)
        if "/AF" in holder and not (is_root and found.attachments):
            found.attach(f"{place} associated files")
    for top, action in _containers(tops):  # actions no page, field or bookmark points to: still in the file
        if top.objgen == action.objgen and top.objgen not in seen and is_action(action):
            for chained in _chain(action, seen):
                found.add(_kind(chained), "other objects")
    found.files = len(streams)
    if streams and not found.attachments:
        found.attach("other objects")
    return found


def may_be_active(pdf: pikepdf.Pdf, data: bytes | None) -> bool:
    """False only when no object of the file can hold an action or attachment: a quick look before the walk.

    The raw bytes show every dictionary except those packed in compressed
    object streams; those are read (qpdf decompresses them) and searched
    too. A false alarm only costs the walk.
    """
    if data is None:
        return True
    first = FIRST_LOOK.search(data)
    if first is None:
        return False
    if first.group(0) != b"/ObjStm" or ACTIVE.search(data, first.end()):
        return True
    try:
        return any(ACTIVE.search(pdf.get_object(*objgen).read_bytes()) for objgen in _object_streams(data))
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


def _drop_attachment_annotations(page: pikepdf.Object) -> int:
    annotations = page.get("/Annots")
    if not isinstance(annotations, pikepdf.Array):
        return 0
    kept = [a for a in annotations if not (_is_dict(a) and name_text(a.get("/Subtype")) in ATTACHMENT_ANNOTATIONS)]
    dropped = len(annotations) - len(kept)
    if dropped:
        page["/Annots"] = pikepdf.Array(kept)
    return dropped


def strip_active(pdf: pikepdf.Pdf) -> int:
    """Remove every action, script and attached file; return how many places held one."""
    root = pdf.Root
    removed = 0
    for key in ("/OpenAction", "/AA", "/Collection", "/AF"):
        if key in root:
            del root[key]
            removed += 1
    names = root.get("/Names")
    if _is_dict(names):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
                removed += 1
    acro = root.get("/AcroForm")
    if _is_dict(acro) and "/XFA" in acro:  # XFA forms carry scripts of their own
        del acro["/XFA"]
    tops = suspects(pdf)
    for _top, holder in list(_containers(tops)):
        for key in ("/AA", "/AF", "/JS"):  # /JS: a script, meaningful only to run
            if key in holder:
                del holder[key]
                removed += 1
        if "/A" in holder and not _structure(holder) and isinstance(holder.get("/A"), pikepdf.Dictionary):
            del holder["/A"]
            removed += 1
        if holder.get("/Type") == pikepdf.Name.Page or "/Annots" in holder:
            removed += _drop_attachment_annotations(holder)
    return removed + _drop_stragglers(tops)


def _carries(value: object) -> bool:
    """An action, or an attached file (its stream, a file specification that embeds one, an attachment annotation)."""
    if is_action(value):
        return True
    if isinstance(value, pikepdf.Stream):
        return value.get("/Type") == pikepdf.Name.EmbeddedFile
    return isinstance(value, pikepdf.Dictionary) and (
        "/EF" in value or name_text(value.get("/Subtype")) in ATTACHMENT_ANNOTATIONS
    )


def _drop_stragglers(tops: list[pikepdf.Object]) -> int:
    """Remove actions and attached files wherever else they hang in ``tops`` (an odd name tree, a custom key)."""
    removed = 0
    for _top, node in list(_nodes(tops)):
        if _is_dict(node):
            for key in [k for k, v in node.items() if _carries(v)]:
                del node[key]
                removed += 1
        else:
            for index, value in enumerate(list(node)):
                if _carries(value):
                    node[index] = None
                    removed += 1
    return removed
