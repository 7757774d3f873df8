"""Form fields of several filled forms in one packet.

Every USCIS form calls its field tree ``form1[0]``, so two filled forms in one
file would clash: a viewer would merge them and show one form's values in the
other's boxes. Each document's field tree is therefore hung under a new
top-level field named for its place in the packet (``p03-I-765``): the fully
qualified names become ``p03-I-765.form1[0].Page1[0].Line1a_FamilyName[0]``,
unique, and every widget keeps its value and appearance stream, so the forms
stay filled (and editable) in every viewer. Renaming rather than flattening
by default keeps the packet correctable (a specialist can fix a box in the
assembled PDF) and keeps the fields for tools that read them. Field scripts
(``/AA``, JavaScript actions) are dropped before the pages are copied
(:mod:`docgen.packets.normalise`, with :func:`docgen.pdf.active.strip_active`): the values are
final, the scripts would look for the old names, and e-filing portals refuse
scripts. Optional content (the forms' print-only and view-only layers) is
merged so each layer keeps its default visibility.

With ``flatten_forms: true`` in the spec the forms are flattened instead
(values burnt into the pages, no fields), see :func:`docgen.pdf.flatten.flatten_form`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pikepdf

from docgen.pdf.active import items

FIELD_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def field_prefix(position: int, title: str) -> str:
    """A top-level field name for a document: ``p03-I-765-spouse``."""
    return f"p{position:02d}-" + FIELD_NAME.sub("-", title).strip("-")[:40]


def has_fields(pdf: pikepdf.Pdf) -> bool:
    """Whether the PDF has an interactive form with fields."""
    acro = pdf.Root.get("/AcroForm")
    return isinstance(acro, pikepdf.Dictionary) and any(
        isinstance(field, pikepdf.Dictionary) for field in items(acro.get("/Fields"))
    )


def _acroform(dest: pikepdf.Pdf) -> pikepdf.Dictionary:
    acro = dest.Root.get("/AcroForm")
    if not isinstance(acro, pikepdf.Dictionary):
        acro = pikepdf.Dictionary(
            Fields=pikepdf.Array(),
            DR=pikepdf.Dictionary(Font=pikepdf.Dictionary()),
            DA=pikepdf.String("/Helv 0 Tf 0 g"),
        )
        dest.Root.AcroForm = dest.make_indirect(acro)
        acro = dest.Root.AcroForm
    return acro


def graft_fields(dest: pikepdf.Pdf, source: pikepdf.Pdf, name: str) -> int:
    """Hang ``source``'s fields (its pages already copied into ``dest``) under a new field ``name``.

    Returns the number of top-level fields moved. Must run after the pages are
    copied: the copies share qpdf's foreign-object map, so the fields found
    here are the very objects the copied widgets point to.
    """
    source_acro = source.Root.get("/AcroForm")
    fields = [f for f in items(source_acro.get("/Fields")) if isinstance(f, pikepdf.Dictionary)] if source_acro else []
    if not isinstance(source_acro, pikepdf.Dictionary) or not fields:
        return 0
    acro = _acroform(dest)
    parent = dest.make_indirect(pikepdf.Dictionary(T=pikepdf.String(name), Kids=pikepdf.Array()))
    for field in fields:  # a hostile file may list direct dictionaries: copy_foreign takes objects only
        copied = dest.copy_foreign(field if field.is_indirect else source.make_indirect(field))
        copied.Parent = parent
        parent.Kids.append(copied)
    acro.Fields.append(parent)
    _merge_resources(dest, acro, source_acro)
    return len(parent.Kids)


def _merge_resources(dest: pikepdf.Pdf, acro: pikepdf.Dictionary, source_acro: pikepdf.Dictionary) -> None:
    """Add the source's default-resource fonts that ``dest`` does not have yet (first one wins)."""
    resources = source_acro.get("/DR")
    if not isinstance(resources, pikepdf.Dictionary):
        return
    fonts = resources.get("/Font")
    target = acro.DR.get("/Font")
    if not isinstance(fonts, pikepdf.Dictionary) or not isinstance(target, pikepdf.Dictionary):
        return
    for key, font in fonts.items():
        if key not in target:
            target[key] = dest.copy_foreign(font)
    if "/DA" in source_acro and "/DA" not in acro:
        acro.DA = source_acro.DA


def _default_off(properties: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The optional-content groups a document hides by default."""
    config = properties.get("/D")
    groups = [g for g in items(properties.get("/OCGs")) if g.is_indirect]
    if not isinstance(config, pikepdf.Dictionary):
        return set()
    on = {g.objgen for g in items(config.get("/ON")) if g.is_indirect}
    off = {g.objgen for g in items(config.get("/OFF")) if g.is_indirect}
    if config.get("/BaseState") == pikepdf.Name.OFF:
        return {g.objgen for g in groups if g.objgen not in on}
    return off


def merge_optional_content(dest: pikepdf.Pdf, sources: Iterable[pikepdf.Pdf]) -> None:
    """Carry the sources' optional-content groups (layers) and their default states into ``dest``."""
    groups = pikepdf.Array()
    hidden = pikepdf.Array()
    usage = pikepdf.Array()
    for source in sources:
        properties = source.Root.get("/OCProperties")
        if not isinstance(properties, pikepdf.Dictionary):
            continue
        off = _default_off(properties)
        for group in items(properties.get("/OCGs")):
            if not group.is_indirect:
                continue
            copied = dest.copy_foreign(group)
            groups.append(copied)
            if group.is_indirect and group.objgen in off:
                hidden.append(copied)
        config = properties.get("/D")
        if isinstance(config, pikepdf.Dictionary):
            for entry in items(config.get("/AS")):
                usage.append(dest.copy_foreign(entry if entry.is_indirect else source.make_indirect(entry)))
    if len(groups):
        config = pikepdf.Dictionary(BaseState=pikepdf.Name.ON, OFF=hidden, Order=pikepdf.Array())
        if len(usage):
            config.AS = usage
        dest.Root.OCProperties = pikepdf.Dictionary(OCGs=groups, D=config)
