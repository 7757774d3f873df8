"""Fill a blank form from a case through its map.

The filled PDF looks filled in every viewer: each filled widget gets its own
appearance stream, ``NeedAppearances`` is not relied on, the XFA layer (which
Adobe would show blank) and the Reader-extensions signature (which Adobe
would flag as broken) are removed, owner-password restrictions are dropped,
and the PDF417 bar code fields are left exactly as USCIS made them.
Answers that do not fit continue on an addendum; nothing is cut.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from jinja2 import TemplateError as JinjaTemplateError

from docgen.case.loader import load_case
from docgen.case.model import Case, Person
from docgen.editions import check_edition
from docgen.errors import FillError, UnknownPersonError
from docgen.fileio import check_output, write_bytes_atomic
from docgen.forms import mapcache
from docgen.forms.addendum import OverflowEntry, render_addendum
from docgen.forms.appearance import FontCache, Layout, Unencodable, layout_text, set_button_state, write_text_appearance
from docgen.forms.choices import problems
from docgen.forms.evaluate import SKIPPED, Evaluation, is_empty
from docgen.forms.fieldmap import FieldMap, FieldRule, Repeat, load_map, resolve_items
from docgen.forms.items import item_reference, phone_label, split_reference
from docgen.forms.pdf import FormField, read_fields
from docgen.forms.registry import blank_path, find_map
from docgen.forms.reset import mark_addendum, reset_form
from docgen.pdf.flatten import flatten_form
from docgen.templating import FilterError, PhoneNote, truth

PLACEHOLDERS = ("See Additional Information", "See Addendum", "See Add.")
# What a box whose answer continues elsewhere says, by where the text went: the form's own Additional
# Information part, or the addendum sheet appended to the form. The first that fits the box is written.
ON_FORM = ("See Additional Information", "See Add. Info.", "See Add. Info")
ON_ADDENDUM = ("See Addendum", "See Add.")
FF_EDIT = 1 << 18
# What ``str.splitlines`` breaks a line at (Word's Shift+Enter pastes the vertical tab): in a one-line box a
# viewer shows any of them as a space, so such a value is refused, never put on the form changed.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass
class FillResult:
    """What was filled, what continued on the addendum, what was left unanswered."""

    form: str
    edition: str
    data: bytes
    values: dict[str, str] = field(default_factory=dict)
    overflow: list[OverflowEntry] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # fields of items the form says to skip for this case
    addendum: list[OverflowEntry] = field(default_factory=list)
    output: Path | None = None
    warnings: list[str] = field(default_factory=list)  # one line each, e.g. a "blank" that held answers

    def overflow_note(self) -> str:
        """A short phrase on where overflowing answers went, or '' when none did."""
        if not self.overflow:
            return ""
        on_form = len(self.overflow) - len(self.addendum)
        parts = []
        if on_form:
            parts.append(f"{on_form} continued in the form's Additional Information part")
        if self.addendum:
            parts.append(f"{len(self.addendum)} on an addendum sheet")
        return ", ".join(parts)


@dataclass
class Prepared:
    """A validated map and its blank form, loaded once per process.

    ``template`` is the blank made ready once: decrypted, without the XFA
    layer and the Reader-extensions signature, saved plainly; every fill
    starts from it, so no fill pays for decrypting and dropping XFA again.
    ``fields`` is the field structure read from it (object ids stay valid in
    every copy opened from ``template``).
    """

    fmap: FieldMap
    blank: Path
    blank_bytes: bytes
    template: bytes
    fields: dict[str, FormField]
    reference: pikepdf.Pdf  # the opened template the ``fields`` point into; kept open for their object ids
    bindable: bool = True
    warnings: list[str] = field(default_factory=list)


def strip_for_filling(pdf: pikepdf.Pdf) -> None:
    """Remove what would make a filled form look blank or broken: XFA (and its data), UR3 signature,
    NeedAppearances."""
    acro = pdf.Root.get("/AcroForm")
    if acro is not None:
        for key in ("/XFA", "/NeedAppearances"):
            if key in acro:
                del acro[key]
    for key in ("/Perms", "/NeedsRendering"):
        if key in pdf.Root:
            del pdf.Root[key]
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/XFAImages" in names:
        del names["/XFAImages"]


def _make_template(blank_bytes: bytes, blank: Path) -> tuple[bytes, list[str]]:
    """The blank made ready to fill: stripped, every field empty; a warning when the blank held answers."""
    with pikepdf.open(io.BytesIO(blank_bytes)) as pdf:
        strip_for_filling(pdf)
        report = reset_form(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    warnings = []
    if not report.clean:
        warnings.append(
            f"{blank}: this blank form holds {report.describe()} (a filled form saved as the blank?); "
            "docgen cleared them before filling; put the agency's blank form there"
        )
    return out.getvalue(), warnings


def _cached_template(blank_bytes: bytes, blank: Path) -> tuple[bytes, list[str]]:
    """:func:`_make_template`, kept on disk by the blank's bytes (see :mod:`docgen.forms.mapcache`)."""
    key = mapcache.cache_key(blank_bytes, "blanks")
    kept = mapcache.load(key, "blanks")
    if isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], bytes) and kept[0].startswith(b"%PDF-"):
        return kept[0], [str(w).replace("{blank}", str(blank)) for w in kept[1]]
    template, warnings = _make_template(blank_bytes, blank)
    mapcache.save(key, (template, [w.replace(str(blank), "{blank}") for w in warnings]), "blanks")
    return template, warnings


@functools.lru_cache(maxsize=32)
def _prepare_cached(map_path: Path, blank: Path, _mtimes: tuple[float, float]) -> Prepared:
    fmap = load_map(map_path, blank)
    blank_bytes = blank.read_bytes()
    template, warnings = _cached_template(blank_bytes, blank)
    reference = pikepdf.open(io.BytesIO(template))
    fields = read_fields(reference)
    resolve_items(fmap, fields)  # a map from the validated cache learns its items from the tooltips here
    return Prepared(
        fmap, blank, blank_bytes, template, fields, reference, BoundFields.usable(fields), warnings=warnings
    )


class BoundFields(Mapping[str, FormField]):
    """The prepared field structure, each field pointed at one fill's own objects when first used."""

    def __init__(self, fields: dict[str, FormField], pdf: pikepdf.Pdf) -> None:
        self._fields = fields
        self._pdf = pdf
        self._bound: dict[str, FormField] = {}

    def __getitem__(self, name: str) -> FormField:
        bound = self._bound.get(name)
        if bound is None:
            target = self._fields[name]
            bound = copy.copy(target)  # a shallow copy: the metadata is shared, the objects are this fill's
            bound.obj = self._pdf.get_object(target.obj.objgen)
            bound.widgets = []
            for widget in target.widgets:
                mine = copy.copy(widget)
                mine.obj = self._pdf.get_object(widget.obj.objgen)
                bound.widgets.append(mine)
            self._bound[name] = bound
        return bound

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    @staticmethod
    def usable(fields: dict[str, FormField]) -> bool:
        """Whether every field and widget has an object id to find it again in a copy."""
        return all(f.obj.is_indirect and all(w.obj.is_indirect for w in f.widgets) for f in fields.values())


def prepare(
    form: str, forms_dir: Path | str | None = None, maps_dir: Path | str | None = None, edition: str | None = None
) -> Prepared:
    """Find, validate and cache the map and blank form for ``form`` (an id or a map path)."""
    entry = find_map(form, maps_dir, edition)
    check_edition(entry.form, entry.edition, maps_dir=maps_dir)  # an edition past its acceptance stops here
    blank = blank_path(entry, forms_dir).resolve()
    map_path = entry.path.resolve()
    return _prepare_cached(map_path, blank, (map_path.stat().st_mtime, blank.stat().st_mtime))


class _Filler:
    """One fill of one form for one person; collects errors with full context."""

    def __init__(self, prepared: Prepared, case: Case, person: Person, source: str, rules: Evaluation) -> None:
        self.fmap = prepared.fmap
        self.case = case
        self.person = person
        self.source = source
        self.rules = rules
        self.context = rules.context
        self.skipped = rules.skipped
        self.fail = rules.fail
        self.evaluate = rules.evaluate
        self.is_required = rules.is_required
        self._where = rules.where
        self.answer_at = rules.answer_at
        self.describe = rules.describe
        self.pdf = pikepdf.open(io.BytesIO(prepared.template))
        self.prepared_fields = prepared.fields if prepared.bindable else None
        self.fields: Mapping[str, FormField] = (
            BoundFields(prepared.fields, self.pdf) if prepared.bindable else read_fields(self.pdf)
        )
        self.fonts = FontCache(self.pdf)
        self.result = FillResult(self.fmap.form, self.fmap.edition, b"", warnings=list(prepared.warnings))
        self.pointers: list[tuple[OverflowEntry, FieldRule, FormField]] = []  # boxes that point to continued text

    def fill_rules(self) -> None:
        """Every rule of the map, in order, as the one evaluation works them out; skipped items stay empty."""
        for rule, value in self.rules.walk():
            if value is SKIPPED:
                self.result.skipped.append(rule.name)
            else:
                self.put(rule, value)

    def fill_rule(self, rule: FieldRule, context: dict[str, Any]) -> None:
        """A rule worked out in its own context (a row of a list)."""
        if rule.name in self.skipped:
            self.result.skipped.append(rule.name)
            return
        self.put(rule, self.evaluate(rule, context))

    def put(self, rule: FieldRule, value: Any) -> None:
        """Put a worked-out answer in its box."""
        target = self.fields[rule.name]
        phones = self.rules.phones  # the numbers the phone filter gave this answer, to continue an extension
        if target.kind in ("checkbox", "radio"):
            self.fill_button(rule, target, value)
        elif target.kind == "choice":
            self.fill_choice(rule, target, str(value))
        else:
            self.fill_text(rule, target, str(value), phones)

    def check_choices(self) -> None:
        """Never two answers to one question ticked; never a required question with no box fitting the answer."""
        rules = self.fmap.rules
        on = {name for name in self.result.values if name in rules and rules[name].check is not None}
        found = problems(self.fmap, on, set(self.result.unanswered), self.skipped, self.is_required, self.describe)
        if found:
            rule, problem = found[0]
            fix = "correct the map" if problem.startswith("boxes") else "correct the case"
            raise self.fail(rule, f"{problem}; {fix}", fix == "correct the map")

    def fill_repeat(self, repeat: Repeat) -> None:
        """Spread a list over the form's rows; entries past the last row continue on the addendum."""
        probe = FieldRule(name=next(iter(repeat.rows[0].values())), line=repeat.line, source=repeat.source)
        probe.check = repeat.items
        entries = self.evaluate(probe) or []
        if not isinstance(entries, list):
            raise self.fail(probe, f"{repeat.source!r} is not a list", True)
        for index, entry in enumerate(entries):
            context = {**self.context, "it": entry, "index": index + 1}
            if all(name in self.skipped for row in repeat.rows for name in row.values()):
                break
            if index < len(repeat.rows):
                for cell, name in repeat.rows[index].items():
                    self.fill_rule(self._row_rule(repeat, cell, name), context)
                continue
            try:
                text = repeat.overflow.render(context).strip()
            except (JinjaTemplateError, FilterError, TypeError, ValueError, AttributeError) as exc:
                message = f"the continuation text of {repeat.name!r} failed ({type(exc).__name__}); check the case"
                raise self.fail(probe, message) from None
            last = self.fields[next(iter(repeat.rows[-1].values()))]
            part, item = self._row_reference(repeat.rows[-1])
            if repeat.item:  # the map names the items the whole list answers ("Part 3, Items 11-18")
                part, item = split_reference(repeat.item, part)
            self.result.overflow.append(OverflowEntry(repeat.name, last.page, part, item, text))

    def _row_rule(self, repeat: Repeat, cell: str, name: str) -> FieldRule:
        """A cell's rule for one row's field; the field's own item number (12.a) wins over the
        repeat's range, so an answer that overflows names the exact item it continues."""
        rule = repeat.cells[cell]
        part, item = item_reference(self.fields[name].tooltip)
        return dataclasses.replace(rule, name=name, line=repeat.line, item=None if part and item else rule.item)

    def _row_reference(self, row: dict[str, str]) -> tuple[str, str]:
        """Part and item numbers a row of the form spans ("3", "15-18"); ("", "") when the tooltips do not say."""
        refs = [item_reference(self.fields[name].tooltip) for name in row.values()]
        parts = {part for part, item in refs if part and item}
        numbers = sorted({int(item.split(".")[0]) for _, item in refs if item and item.split(".")[0].isdigit()})
        if len(parts) != 1 or not numbers:
            return "", ""
        first, last = numbers[0], numbers[-1]
        return parts.pop(), str(first) if first == last else f"{first}-{last}"

    def fill_button(self, rule: FieldRule, target: FormField, value: Any) -> None:
        if is_empty(value):
            self.result.unanswered.append(rule.name)
            if self.is_required(rule):
                raise self.fail(rule, f"needs an answer; {self.answer_at(rule)}")
            return
        if rule.check is not None:
            try:
                answer = truth(value, strict=False)
            except FilterError as exc:
                raise self.fail(rule, f"{exc}; correct the case") from None
            if not answer:
                return
            state = rule.state or target.on_states[0]
        else:
            key = str(value)
            if rule.options:
                if key not in rule.options:
                    raise self.fail(rule, f"{key!r} is not one of {sorted(rule.options)}; correct the case")
                state = rule.options[key]
            else:
                state = key
                if state not in target.on_states:
                    raise self.fail(rule, f"{key!r} is not an on-state of the box ({target.on_states})", True)
        set_button_state(target, state)
        self.result.values[rule.name] = state

    def fill_choice(self, rule: FieldRule, target: FormField, text: str) -> None:
        if not text:
            self._missing(rule)
            return
        index = next(
            (
                i
                for i, (option_export, display) in enumerate(target.options)
                if text in (option_export.strip(), display.strip()) or text.lower() == display.strip().lower()
            ),
            None,
        )
        if index is None and not target.flags & FF_EDIT:
            sample = ", ".join(d.strip() for _, d in target.options if d.strip())[:120]
            raise self.fail(rule, f"{text!r} is not a choice of this list ({sample}...); correct the case")
        if index is None:
            self._put_text(rule, target, text)
            target.obj["/I"] = pikepdf.Array([])
            return
        export, display = target.options[index]
        self._put_text(rule, target, display.strip() or export)
        target.obj["/V"] = pikepdf.String(export)
        target.obj["/I"] = pikepdf.Array([index])
        self.result.values[rule.name] = export

    def fill_text(self, rule: FieldRule, target: FormField, text: str, phones: list[PhoneNote] | None = None) -> None:
        if not text:
            self._missing(rule)
            return
        if target.comb and target.max_len and len(text) > target.max_len and not phones:
            raise self.fail(
                rule, f"the value has {len(text)} characters but the boxes hold {target.max_len}; correct the case"
            )
        if not phones:
            self._put_text(rule, target, text)
            return
        # A telephone box: the number goes in the box; what it cannot hold (an extension, an international number
        # longer than the box takes) continues in the Additional Information part under this item, in words.
        label = phone_label(target.tooltip)
        whole = "; ".join(
            f"{label}: {p.written}" + (f", extension {p.extension}" if p.extension else "") for p in phones
        )
        self._put_text(rule, target, text, continued=whole)
        if self.result.values.get(rule.name) != text:
            return  # the whole number, extension included, continues (the box points to it)
        part, item = self._where(rule, target)
        for note in phones:
            if note.extension:
                extension = f"{label}: {note.written}, extension {note.extension}"
                self.result.overflow.append(OverflowEntry(rule.name, target.page, part, item, extension))

    def _missing(self, rule: FieldRule) -> None:
        if self.is_required(rule):
            why = f" ({rule.why})" if rule.why else ""
            raise self.fail(rule, f"needs a value{why}; {self.answer_at(rule)}")

    def _layouts(self, rule: FieldRule, target: FormField, text: str) -> list[Layout] | None:
        try:
            return self._widget_layouts(target, text, rule.lines)
        except Unencodable as exc:
            raise self.fail(
                rule,
                f"the character {exc.char!r} cannot be printed on this form; write the name in "
                "Latin letters as in the passport's machine-readable line",
            ) from None

    def _widget_layouts(self, target: FormField, text: str, ruled: int | None) -> list[Layout] | None:
        """``text`` laid out in every widget of ``target``; None if it does not fit one of them."""
        layouts = [layout_text(target, w, text, self.fonts, ruled) for w in target.widgets]
        return None if any(layout is None for layout in layouts) else [lo for lo in layouts if lo]

    def _put_text(self, rule: FieldRule, target: FormField, text: str, continued: str | None = None) -> None:
        """Write ``text`` in the box; when it does not fit, the box points to where it continues (``continued``
        when given: the words the continuation says, else the text itself)."""
        broken = next((c for c in text if c in LINE_BREAKS), None) if not target.multiline else None
        if broken is not None:  # viewers show it as a space: the value would not be what the form shows
            raise self.fail(
                rule,
                f"holds a line break ({broken!r}) but this box takes one line; write the value on one line in the case",
            )
        layouts = self._layouts(rule, target, text)
        shown = text
        if layouts is None:
            part, item = self._where(rule, target)
            entry = OverflowEntry(rule.name, target.page, part, item, continued or text)
            self.result.overflow.append(entry)
            self.pointers.append((entry, rule, target))
            for placeholder in PLACEHOLDERS:
                layouts = self._layouts(rule, target, placeholder)
                if layouts is not None:
                    shown = placeholder
                    break
            if layouts is None:
                raise self.fail(rule, _format_problem(target, text))
        target.obj["/V"] = pikepdf.String(shown)
        for widget, layout in zip(target.widgets, layouts, strict=True):
            write_text_appearance(self.pdf, target, widget, layout, self.fonts)
        self.result.values[rule.name] = shown

    def choice_names(self) -> list[str]:
        """Names of the drop-down and list fields (without binding the others)."""
        source = self.prepared_fields if self.prepared_fields is not None else self.fields
        return [name for name, target in source.items() if target.kind == "choice"]

    def clear_stale_selections(self) -> None:
        """A list left empty must not show an option selected in the blank (``/I`` without ``/V``)."""
        for name in self.choice_names():
            target = self.fields[name]
            unset = "/V" not in target.obj or str(target.obj.get("/V")).strip() == ""
            if target.kind == "choice" and target.name not in self.result.values and "/I" in target.obj and unset:
                del target.obj["/I"]

    def finish(self, flatten: bool) -> bytes:
        self.clear_stale_selections()
        strip_for_filling(self.pdf)
        remaining = self._use_continuation_slots(self.result.overflow)
        self.result.addendum = remaining
        self._point_to_continuations(remaining)
        if remaining:
            self._append_addendum(remaining)
        if flatten:
            flatten_form(self.pdf)
        out = io.BytesIO()
        self.pdf.save(out, deterministic_id=True)
        self.pdf.close()
        return out.getvalue()

    def _use_continuation_slots(self, entries: list[OverflowEntry]) -> list[OverflowEntry]:
        """Put overflow in the form's own Additional Information part while it has room."""
        slots = list(self.fmap.continuation)
        remaining: list[OverflowEntry] = []
        for entry in entries:
            if not slots:
                remaining.append(entry)
                continue
            slot = slots[0]
            values = {slot.page: str(entry.page), slot.part: entry.part, slot.item: entry.item, slot.text: entry.text}
            planned = {
                name: self._plain_layouts(self.fields[name], text, slot.lines if name == slot.text else None)
                for name, text in values.items()
            }
            if any(layouts is None for layouts in planned.values()):
                remaining.append(entry)
                continue
            slots.pop(0)
            for name, layouts in planned.items():
                target = self.fields[name]
                assert layouts is not None
                target.obj["/V"] = pikepdf.String(values[name])
                for widget, layout in zip(target.widgets, layouts, strict=True):
                    write_text_appearance(self.pdf, target, widget, layout, self.fonts)
                self.result.values[name] = values[name]
        return remaining

    def _point_to_continuations(self, on_addendum: list[OverflowEntry]) -> None:
        """Each box whose answer continues elsewhere names where the text is: the form's Additional Information
        part, or the addendum sheet (a 25-character box says "See Add. Info.", never "See Addendum" for text
        that went to the form's own part)."""
        for entry, rule, target in self.pointers:
            choices = ON_ADDENDUM if any(e is entry for e in on_addendum) else ON_FORM
            if self.result.values.get(rule.name) in choices:
                continue
            for pointer in choices:
                layouts = self._plain_layouts(target, pointer, rule.lines)
                if layouts is not None:
                    target.obj["/V"] = pikepdf.String(pointer)
                    for widget, layout in zip(target.widgets, layouts, strict=True):
                        write_text_appearance(self.pdf, target, widget, layout, self.fonts)
                    self.result.values[rule.name] = pointer
                    break

    def _plain_layouts(self, target: FormField, text: str, ruled: int | None = None) -> list[Layout] | None:
        try:
            return self._widget_layouts(target, text, ruled) if text else None
        except Unencodable:
            return None

    def _append_addendum(self, entries: list[OverflowEntry]) -> None:
        header = [("Family name, given name", f"{self.person.family_name}, {self.person.given_name}")]
        if self.person.a_number:
            header.append(("A-Number", "A-" + re.sub(r"\D", "", self.person.a_number)))
        header.append(("Case", self.case.case_id))
        sheet = pikepdf.open(io.BytesIO(render_addendum(self.fmap.form, self.fmap.edition, header, entries)))
        for page in sheet.pages:
            mark_addendum(page)
        self.pdf.pages.extend(sheet.pages)


def _format_problem(target: FormField, text: str) -> str:
    """Why a value cannot go in a small fixed-format box, saying the format the box takes."""
    if re.search(r"\bzip\s*code\b", target.tooltip, re.IGNORECASE):
        return f"this box takes 5 digits (a ZIP code; give a ZIP+4 without the +4); the value has {len(text)}"
    if target.max_len:
        return f"this box takes {target.max_len} characters; the value has {len(text)}: write it in the form's format"
    return "the value does not fit and the box is too small to point to the addendum; shorten it"


def fill_case(
    prepared: Prepared, case: Case, person: str | None = None, source: str = "case", flatten: bool = False
) -> FillResult:
    """Fill one form for one person of a case; returns the PDF bytes and what was done."""
    try:
        who = case.person(person)
    except KeyError:
        ids = ", ".join(ref for ref, _ in case.people_by_ref())
        raise UnknownPersonError(
            f"{source}: case {case.case_id} has no person {person!r} (people: {ids})",
            case_id=case.case_id,
            field=person,
            fix=f"people: {ids}",
        ) from None
    rules = Evaluation(prepared.fmap, prepared.fields, case, who, source, FillError)
    filler = _Filler(prepared, case, who, source, rules)
    try:
        filler.fill_rules()
        for repeat in prepared.fmap.repeats:
            filler.fill_repeat(repeat)
        filler.check_choices()
        data = filler.finish(flatten)
    except BaseException:
        filler.pdf.close()
        raise
    filler.result.data = data
    return filler.result


def fill_form(
    form: str,
    case: Case | Path | str,
    *,
    person: str | None = None,
    output: Path | str | None = None,
    flatten: bool = False,
    forms_dir: Path | str | None = None,
    maps_dir: Path | str | None = None,
    edition: str | None = None,
) -> FillResult:
    """Fill ``form`` (``"I-765"`` or a map path) from ``case`` (a Case or a case file).

    Returns a :class:`FillResult` whose ``data`` is the PDF; with ``output`` the
    PDF is also written there atomically with owner-only permissions.
    """
    if isinstance(case, Case):
        case_obj, source = case, case.case_id
    else:
        case_obj, source = load_case(case), Path(case).name
    prepared = prepare(form, forms_dir, maps_dir, edition)
    if output is not None:
        check_output(
            output, "pdf", inputs=[prepared.blank, prepared.fmap.path, None if isinstance(case, Case) else case]
        )
    result = fill_case(prepared, case_obj, person, source, flatten)
    if output is not None:
        write_bytes_atomic(Path(output), result.data)
        result.output = Path(output)
    return result
