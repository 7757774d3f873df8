"""The case form, generated from the pydantic case model.

Every field of :class:`docgen.case.model.Case` becomes an input named by its
dotted path (``dependents[0].passport.expiry_date``), with a kind taken from
its type: text, date, whole number, amount, yes/no, a choice of the model's
values, a list (one per line) or YAML (the free ``extra`` answers). Sections
are the model's sections; lists of sections (dependents, degrees, addresses)
can grow and shrink. Identity numbers are masked until revealed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from pydantic import BaseModel

from docgen.case.background import questions as background_questions
from docgen.case.identity import IdentityFormat, identity_format
from docgen.case.model import DATE_FORMS, Case
from docgen.case.paths import path_type
from docgen.case.paths import strip_annotation as _strip

SHOWN_IDENTITIES = frozenset({"ein", "receipt"})  # a company's EIN and USCIS receipt numbers are not personal
ALSO_MASKED = frozenset({"visa_number"})  # typed as plain text in the model, but the number of a travel document
# a per-form answer (``extra``, untyped in the model) that is an identity number, by its name in the form's map
IDENTITY_ANSWERS = re.compile(
    r"(?:^|_)(?:a_number|ssn|i94_number|travel_document_number|uscis_account_number|sevis_number|passport_number)$"
)

SECTION_LABELS = {
    "petitioner": "Petitioner (employer)",
    "beneficiary": "Beneficiary",
    "dependents": "Dependents (spouse, children)",
    "job": "Job offered",
    "representative": "Representative (G-28)",
    "preparer": "Preparer",
    "facts": "What is asked for (facts)",
    "sponsor": "Sponsor (I-864)",
    "extra": "Answers for one form only (extra)",
}
WORDS = {
    "ssn": "SSN",
    "a": "A",
    "ein": "EIN",
    "i94": "I-94",
    "soc": "SOC",
    "naics": "NAICS",
    "uscis": "USCIS",
    "zip": "ZIP",
    "lca": "LCA",
    "dba": "DBA",
    "us": "U.S.",
    "id": "ID",
    "g28": "G-28",
}
KIND_HINTS = {
    "date": DATE_FORMS,
    "int": "a whole number",
    "decimal": "a number",
    "lines": "one per line",
    "yaml": "YAML: form id, then its answers",
}


def label_for(name: str) -> str:
    """``family_name`` -> ``Family name``; ``a_number`` -> ``A-Number``."""
    if name == "a_number":
        return "A-Number"
    if name in SECTION_LABELS:
        return SECTION_LABELS[name]
    words = [WORDS.get(w, w) for w in name.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def split_path(path: str) -> list[str | int]:
    """``dependents[0].passport.number`` -> ``['dependents', 0, 'passport', 'number']``."""
    parts: list[str | int] = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return parts


def join_path(parts: list[str | int]) -> str:
    """The inverse of :func:`split_path`."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def field_id(path: str) -> str:
    """The HTML id of a path's input (letters, digits and dashes)."""
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


def is_sensitive(path: str) -> bool:
    """Whether the path holds a personal identity number (the model types it so): masked until revealed, never
    in logs or the audit trail."""
    shape = tuple("[]" if isinstance(p, int) else p for p in split_path(path))
    return _sensitive_shape(shape)


@functools.lru_cache(maxsize=4096)
def _sensitive_shape(shape: tuple[str, ...]) -> bool:
    if not shape or shape[-1] in ALSO_MASKED:
        return bool(shape)
    owner = _strip(path_type(("case", *shape[:-1]))) if len(shape) > 1 else Case
    if typing.get_origin(owner) is list:
        owner = _strip(typing.get_args(owner)[0])
    if not _is_model(owner) or shape[-1] not in owner.model_fields:
        return False
    info = owner.model_fields[shape[-1]]
    # pydantic moves a required field's Annotated metadata (the identity format) from the annotation to .metadata
    found = identity_format(info.annotation) or next((m for m in info.metadata if isinstance(m, IdentityFormat)), None)
    return found is not None and found.kind not in SHOWN_IDENTITIES


def identity_key(path: str) -> bool:
    """Whether an answer's dotted path names an identity number: its own name (``a_number``), or with the section
    it is in (``current_passport.number``, the I-539's passport number)."""
    return bool(IDENTITY_ANSWERS.search(path.replace(".", "_")))


def holds_identity(data: Any, within: str = "") -> bool:
    """Whether answers (``extra``) hold an identity number (a key :data:`IDENTITY_ANSWERS` names, alone or with
    the sections it is in, with a value)."""
    if isinstance(data, dict):
        return any(
            (
                identity_key(f"{within}.{key}" if within else str(key))
                and value not in (None, "")
                and not isinstance(value, (dict, list))
            )
            or holds_identity(value, f"{within}.{key}" if within else str(key))
            for key, value in data.items()
        )
    if isinstance(data, list):
        return any(holds_identity(item, within) for item in data)
    return False


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def kind_of_annotation(annotation: Any) -> tuple[str, tuple[str, ...]]:
    """The input kind for a type, and its choices (for a choice or a list of choices)."""
    ann = _strip(annotation)
    origin = typing.get_origin(ann)
    if origin is typing.Literal:
        return "choice", tuple(str(a) for a in typing.get_args(ann))
    if origin is list:
        inner = _strip(typing.get_args(ann)[0])
        if _is_model(inner):
            return "list", ()
        if typing.get_origin(inner) is typing.Literal:
            return "lines", tuple(str(a) for a in typing.get_args(inner))
        return "lines", ()
    if origin is dict:
        return "yaml", ()
    if _is_model(ann):
        return "section", ()
    if ann is bool:
        return "bool", ()
    if ann is dt.date:
        return "date", ()
    if ann is int:
        return "int", ()
    if ann is Decimal:
        return "decimal", ()
    return "text", ()


@functools.lru_cache(maxsize=4096)
def _kind_at(shape: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    annotation = path_type(("case", *shape))
    if annotation is Any:
        return None
    return kind_of_annotation(annotation)


def kind_of(path: str) -> tuple[str, tuple[str, ...]] | None:
    """The kind of input at a dotted path, or None when the model has no such path."""
    shape = tuple("[]" if isinstance(p, int) else p for p in split_path(path))
    if not shape or shape[0] not in Case.model_fields:
        return None
    return _kind_at(shape)


def model_order(path: str) -> list[str]:
    """The model's key order for the section at ``path`` ('' for the case)."""
    shape = tuple("[]" if isinstance(p, int) else p for p in split_path(path))
    model = path_type(("case", *shape)) if shape else Case
    model = _strip(model)
    if typing.get_origin(model) is list:
        model = _strip(typing.get_args(model)[0])
    return list(model.model_fields) if _is_model(model) else []


# --- turning values into input text and back ------------------------------------------------------


def zero_padded(value: Any) -> str | None:
    """A number written with leading zeros (``000987654321``, ``012345678``) as written, else None.

    The editor reads case files with ruamel (YAML 1.2), which makes such a scalar the number 987654321; the case
    loader of the command line (YAML 1.1) reads ``000987654321`` as the text. Taken as the number, the page showed
    an account number without its zeros and refused to save the case ("must be text in quotes") for a field
    nobody touched; taken as written, the page shows and checks what the command line reads."""
    from ruamel.yaml.scalarint import ScalarInt

    width = getattr(value, "_width", None)
    if type(value) is ScalarInt and width and value >= 0 and width > len(str(int(value))):
        return format(int(value), f"0{width}d")
    return None


def plain(value: Any) -> Any:
    """ruamel's round-trip nodes as plain Python (dict, list, str, int, float, bool, date); a number written with
    leading zeros as the text written (:func:`zero_padded`)."""
    padded = zero_padded(value)
    if padded is not None:
        return padded
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def display_text(value: Any, kind: str) -> str:
    """The text an input shows for a stored value."""
    if value is None:
        return ""
    if kind == "bool" and isinstance(value, bool):
        return "true" if value else "false"
    if kind == "lines" and isinstance(value, list):
        return "\n".join("" if v is None else str(v) for v in value)
    if kind == "yaml":
        data = plain(value)
        if not data:
            return ""
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False).strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    return zero_padded(value) or str(value)


GROUPED = re.compile(r"-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?")  # a number as typed: digits, commas every three


class BadInput(ValueError):
    """Posted text that cannot become a value (only YAML can fail this way; the model judges the rest)."""


def parse_input(text: str, kind: str) -> Any:
    """Posted text as the value to store (None: remove the key). Unparseable dates and numbers stay text,
    so the model's own message about them is shown."""
    text = text.replace("\r\n", "\n").strip()
    if text == "":
        return None
    if kind == "bool":
        return {"true": True, "false": False}.get(text, text)
    if kind == "date":
        try:
            return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
        except ValueError:
            return text
    if kind in ("int", "decimal") and GROUPED.fullmatch(text):
        # commas only as thousands separators ('1,250,000.50'); '5,5' stays text, refused by the model
        digits = text.replace(",", "")
        return int(digits) if "." not in digits else digits
    if kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if kind == "yaml":
        from docgen.errors import CaseDataError
        from docgen.yamlio import load_yaml_text

        try:
            data = load_yaml_text(text, "input", CaseDataError)
        except CaseDataError as exc:
            raise BadInput(str(exc).removeprefix("input:").strip()) from None
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise BadInput("write each form id, then its answers under it ('I-765:' / '  eligibility_category: ...')")
        return plain(data)  # the reader's mappings remember their lines; the case file's writer takes plain ones
    return text


# --- the rows of the form ---------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the generated form: a section opening or closing, an input, or an 'add' button."""

    type: str  # open | close | field | add
    path: str = ""
    label: str = ""
    kind: str = ""
    value: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    masked: bool = False
    has_value: bool = False
    removable: bool = False
    opened: bool = False
    depth: int = 0
    help: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return field_id(self.path)


def _background_labels() -> dict[str, str]:
    return {q.id: q.text for q in background_questions()}


class FormBuilder:
    """Walks the model and the data together into rows."""

    def __init__(self, errors: dict[str, list[str]], raw: dict[str, str], reveal: bool) -> None:
        self.errors = errors
        self.raw = raw
        self.reveal = reveal
        self.rows: list[Row] = []
        self.background = _background_labels()

    def section(self, model: type[BaseModel], data: Any, prefix: str, depth: int) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}.{name}" if prefix else name
            value = data.get(name) if isinstance(data, dict) else None
            kind, choices = kind_of_annotation(info.annotation)
            label = self.background.get(name, label_for(name)) if model.__name__ == "Background" else label_for(name)
            if kind == "section":
                self.open(path, label, depth, value)
                self.section(_strip(info.annotation), value, path, depth + 1)
                self.rows.append(Row("close"))
            elif kind == "list":
                inner = _strip(typing.get_args(_strip(info.annotation))[0])
                self.open(path, label, depth, value)
                for index, item in enumerate(value or []):
                    item_path = f"{path}[{index}]"
                    self.open(item_path, self.item_label(name, index, item), depth + 1, item, removable=True)
                    self.section(inner, item, item_path, depth + 2)
                    self.rows.append(Row("close"))
                self.rows.append(Row("add", path=path, label=self.add_label(name)))
                self.rows.append(Row("close"))
            else:
                self.field(path, label, kind, choices, info.is_required(), value)

    def open(self, path: str, label: str, depth: int, value: Any, removable: bool = False) -> None:
        opened = any(p == path or p.startswith(path + ".") or p.startswith(path + "[") for p in self.errors)
        self.rows.append(
            Row(
                "open",
                path=path,
                label=label,
                depth=depth,
                opened=opened,
                removable=removable,
                has_value=bool(value),
                errors=list(self.errors.get(path, [])),
            )
        )

    def field(self, path: str, label: str, kind: str, choices: tuple[str, ...], required: bool, value: Any) -> None:
        masked = not self.reveal and (
            (is_sensitive(path) and value not in (None, "")) or (kind == "yaml" and holds_identity(value))
        )
        text = self.raw.get(path, display_text(value, kind))
        hint = KIND_HINTS.get(kind, "")
        if kind == "lines" and choices:
            hint = "one per line: " + ", ".join(choices)
        if masked and kind == "yaml":
            hint = 'holds identity numbers, hidden until shown; "Answers each form takes" below has the other answers'
        self.rows.append(
            Row(
                "field",
                path=path,
                label=label,
                kind=kind,
                value="" if masked else text,
                choices=choices,
                required=required,
                masked=masked,
                has_value=value not in (None, "", [], {}),
                help=hint,
                errors=list(self.errors.get(path, [])),
            )
        )

    @staticmethod
    def item_label(name: str, index: int, item: Any) -> str:
        if isinstance(item, dict):
            who = " ".join(str(item.get(k)) for k in ("given_name", "family_name") if item.get(k))
            title = who or str(item.get("title") or item.get("name") or item.get("employer") or item.get("duty") or "")
            if name == "dependents" and item.get("id"):
                title = f"{item.get('id')}: {title}"
            if title:
                return title[:80]
        return f"{label_for(name).rstrip('s')} {index + 1}"

    @staticmethod
    def add_label(name: str) -> str:
        return {"dependents": "Add a dependent"}.get(name, f"Add to {label_for(name).lower()}")


def build_rows(
    data: Any, errors: dict[str, list[str]], raw: dict[str, str] | None = None, reveal: bool = False
) -> tuple[list[Row], list[tuple[str, str, str]]]:
    """The form's rows for ``data`` (the case file's content), and every error as (path, message, anchor id).

    An error at a path the form has no input for (an unknown key in the file) is shown at the nearest
    section that has one, naming the whole path.
    """
    builder = FormBuilder({}, raw or {}, reveal)
    builder.section(Case, data, "", 0)
    known = {r.path: r for r in builder.rows if r.type in ("open", "field")}
    placed: dict[str, list[str]] = {}
    summary: list[tuple[str, str, str]] = []
    for path, messages in errors.items():
        parts = split_path(path)
        target = path
        while target and target not in known:
            parts = parts[:-1]
            target = join_path(parts)
        for message in messages:
            text = message if target == path else f"{path}: {message}"
            placed.setdefault(target, []).append(text)
            summary.append((path, message, field_id(target) if target else "errors"))
    builder = FormBuilder(placed, raw or {}, reveal)
    builder.section(Case, data, "", 0)
    return builder.rows, summary


def anchor_for(path: str) -> str:
    """The id of the input where ``path`` is answered (its nearest ancestor with an input)."""
    parts = split_path(path)
    while parts:
        if kind_of(join_path(parts)) is not None:
            return field_id(join_path(parts))
        parts = parts[:-1]
    return "errors"
