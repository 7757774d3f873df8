"""The packet spec: a YAML file naming a packet's parts in order.

The spec is validated when loaded (pydantic), and every problem is a
:class:`~docgen.errors.PacketError` that names ``spec.yaml:line``, the key and
the fix. Paths in the spec are relative to the spec's folder.

```yaml
kind: rfe-response            # or: filing
case: ../cases/h1b-okafor.yaml
profile: uscis-online         # e-filing profile (docgen/data/efiling/)
stamp: {style: bates, prefix: ACME-, start: 1, digits: 6, position: bottom-right}
parts:
  - notice: evidence/i-797e-rfe.pdf
  - letter: rfe-response
  - form: I-765
    for: spouse
exhibits:
  - title: Pay statements, last three months
    folder: evidence/paystubs
  - title: Degree and transcripts
    files: [evidence/diploma.jpg, evidence/transcript.tif]
    description: Master of Science, University of Lagos (2014)
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from docgen.errors import PacketError
from docgen.forms.registry import normalise_form_id
from docgen.yamlio import StrictLoader, load_yaml_text, read_text_file, unknown_key

Kind = Literal["filing", "rfe-response"]
Role = Literal["notice", "g-1145", "cover-letter", "g-28", "fee", "form", "support-letter", "other"]
Position = Literal["bottom-right", "bottom-center", "bottom-left", "top-right", "top-center", "top-left"]

# Where each role goes in a packet of each kind (USCIS practice, see DOMAIN.md "Packets").
CONVENTIONS: dict[str, tuple[str, ...]] = {
    "filing": ("g-1145", "cover-letter", "g-28", "fee", "form", "support-letter", "other", "notice"),
    "rfe-response": ("notice", "cover-letter", "g-28", "fee", "form", "support-letter", "other"),
}
FORM_ROLES = {"G-1145": "g-1145", "G-28": "g-28", "G-1450": "fee", "G-1650": "fee"}
PART_KEYS = ("form", "letter", "document", "notice")

Loc = tuple[str | int, ...]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class StampSpec(_Model):
    """Page stamps: Bates numbers (``ACME-000123``) or "Page N of M", drawn in the margin of every page."""

    style: Literal["bates", "page", "none"] = "bates"
    prefix: str = Field(default="", max_length=40)
    start: int = Field(default=1, ge=0)
    digits: int = Field(default=6, ge=1, le=12)
    position: Position = "bottom-right"
    size: float = Field(default=9.0, ge=5, le=24)
    margin: float = Field(default=0.3, ge=0.1, le=1.5, description="distance from the page edge, inches")
    box: bool = Field(default=False, description="white box behind the stamp (for scans printed to the edge)")

    @field_validator("prefix")
    @classmethod
    def _printable(cls, value: str) -> str:
        if not re.fullmatch(r"[ -~]*", value):
            raise ValueError("use plain letters, digits and punctuation (ASCII) in a Bates prefix")
        return value


class FileEntry(_Model):
    """One evidence file, with an optional title for its bookmark and the index."""

    file: str
    title: str | None = None


class PartBase(_Model):
    """What every part has: a title (bookmark) and a role (its place by convention)."""

    title: str | None = None
    role: Role | None = None


class AcceptEdition(_Model):
    """An edition the agency no longer accepts, filed anyway, and why (kept in the build notes)."""

    edition: str = Field(min_length=1)
    reason: str = Field(min_length=3)


class FormPart(PartBase):
    """A form filled from the case through its map."""

    form: str
    for_: str | None = Field(default=None, alias="for")
    edition: str | None = None
    accept_edition: AcceptEdition | None = None


class LetterPart(PartBase):
    """A letter rendered from a template (``docgen letter``) and converted to PDF.

    ``exhibits: packet`` (the default) gives the letter the packet's own exhibit
    list (``extra.exhibits``: id, title, pages), so its enclosure list and its
    citations match what is enclosed; ``exhibits: data`` keeps the list of the
    letter data file.
    """

    letter: str
    data: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    logo: str | None = None
    exhibits: Literal["packet", "data"] = "packet"

    @property
    def name(self) -> str:
        """The template as people name it in messages: a bundled one's name, or an own template's file name without
        its folder (a workspace's uploaded template is kept under the server's data folder: never shown)."""
        return Path(self.letter).stem if self.letter.lower().endswith(".docx") or "/" in self.letter else self.letter


class DocumentPart(PartBase):
    """A ready document (PDF, image, DOCX...), e.g. a signed G-28 or cover letter."""

    document: str
    accept_edition: AcceptEdition | None = None


class NoticePart(PartBase):
    """A copy of a USCIS notice (the I-797E on top of an RFE response)."""

    notice: str


Part = FormPart | LetterPart | DocumentPart | NoticePart
PART_MODELS: dict[str, type[PartBase]] = {
    "form": FormPart,
    "letter": LetterPart,
    "document": DocumentPart,
    "notice": NoticePart,
}


class Exhibit(_Model):
    """An exhibit: a title, files or a folder of files, an optional description."""

    title: str = Field(min_length=1)
    files: list[str | FileEntry] = Field(default_factory=list)
    folder: str | None = None
    description: str | None = None


class NotEnclosed(_Model):
    """A checklist item or claimed enclosure handed in another way (signed original, sealed envelope...)."""

    item: str = Field(min_length=1)
    reason: str = Field(min_length=3)


class Checks(_Model):
    """How the cross-checks (docgen/packets/crosscheck.py) treat this packet."""

    not_enclosed: list[NotEnclosed] = Field(default_factory=list)


class ImageOptions(_Model):
    """Smaller scans for e-filing: resample images drawn finer than ``max_dpi``, recompress as JPEG."""

    max_dpi: float | None = Field(default=None, ge=72, le=1200)
    jpeg_quality: int = Field(default=75, ge=20, le=95)


class PacketModel(_Model):
    """The top level of a packet spec."""

    kind: Kind
    name: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: str | None = None
    case: str | None = None
    profile: str | None = None
    stamp: StampSpec = Field(default_factory=StampSpec)
    order: Literal["convention", "as-listed"] = "convention"
    index: bool = True
    dividers: bool = True
    labels: Literal["letters", "numbers"] = "letters"
    flatten_forms: bool = False
    fit_pages: bool = True
    images: ImageOptions | None = None
    parts: list[dict[str, Any]] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)
    checks: Checks = Field(default_factory=Checks)


@dataclass(frozen=True)
class Source:
    """One input file named by the spec, and where the spec names it."""

    path: Path
    written: str
    line: int | None
    title: str | None = None


@dataclass(frozen=True)
class PartEntry:
    """A validated part with its place in the spec."""

    part: Part
    role: str
    line: int | None
    position: int


@dataclass(frozen=True)
class ExhibitEntry:
    """A validated exhibit with its files resolved and its place in the spec."""

    exhibit: Exhibit
    label: str
    sources: tuple[Source, ...]
    line: int | None


@dataclass(frozen=True)
class PacketSpec:
    """A loaded, validated packet spec."""

    path: Path
    model: PacketModel
    parts: tuple[PartEntry, ...]
    exhibits: tuple[ExhibitEntry, ...]
    lines: dict[Loc, int]

    @property
    def folder(self) -> Path:
        """The folder paths in the spec are relative to."""
        return self.path.parent

    @property
    def name(self) -> str:
        """The output name: the spec's ``name`` or its file stem."""
        return self.model.name or self.path.stem

    def where(self, loc: Loc) -> str:
        """``spec.yaml:12`` for a location in the spec (the nearest known line)."""
        return where(self.path, self.lines, loc)

    def resolve(self, written: str) -> Path:
        """A path from the spec, relative to the spec's folder."""
        path = Path(written).expanduser()
        return path if path.is_absolute() else self.folder / path


def key_lines(text: str) -> dict[Loc, int]:
    """The 1-based line of every key and list item in a YAML text, by path."""
    try:
        root = yaml.compose(text, Loader=StrictLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[Loc, int] = {}
    open_nodes: set[int] = set()  # an alias that contains itself (&a [*a]) is walked once

    def walk(node: yaml.Node, loc: Loc) -> None:
        if id(node) in open_nodes:
            return
        open_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = (*loc, str(key.value))
                lines[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*loc, index)
                lines[child] = item.start_mark.line + 1
                walk(item, child)
        open_nodes.discard(id(node))

    if root is not None:
        walk(root, ())
    return lines


def where(path: Path, lines: dict[Loc, int], loc: Loc) -> str:
    """``path:line`` for the longest prefix of ``loc`` with a known line."""
    for end in range(len(loc), 0, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return f"{path}:{line}"
    return str(path)


def dotted(loc: Loc) -> str:
    """``exhibits[2].files[0]`` for a location."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def _describe(error: Any, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    if kind == "extra_forbidden":
        owner = _owner(model, loc)
        known = list(owner.model_fields) if owner else []
        aliases = [f.alias or name for name, f in owner.model_fields.items()] if owner else []
        return unknown_key(loc[-1], aliases or known)
    if kind == "missing":
        return "is required; add it"
    if kind == "literal_error":
        return f"{error.get('input')!r} is not one of {error['ctx']['expected']}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{error.get('input')!r}: {message}" if not isinstance(error.get("input"), dict | list) else message


def _owner(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that owns the last key of ``loc``."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def validate(model: type[BaseModel], data: Any, path: Path, lines: dict[Loc, int], prefix: Loc = ()) -> BaseModel:
    """Validate ``data`` as ``model``; the first problem becomes a PacketError at ``file:line``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        loc = (*prefix, *first["loc"])
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        raise PacketError(
            f"{where(path, lines, loc)}: {dotted(loc) or 'spec'}: {_describe(first, model)}{more}"
        ) from None


def _parse_part(item: Any, index: int, path: Path, lines: dict[Loc, int]) -> Part:
    loc: Loc = ("parts", index)
    if not isinstance(item, dict):
        raise PacketError(
            f"{where(path, lines, loc)}: parts[{index}]: a part is a mapping with one of "
            f"{', '.join(PART_KEYS)} (e.g. '- form: I-907')"
        )
    kinds = [key for key in PART_KEYS if key in item]
    if len(kinds) != 1:
        found = f"it has {', '.join(kinds)}" if kinds else "it has none"
        raise PacketError(
            f"{where(path, lines, loc)}: parts[{index}]: a part names exactly one of {', '.join(PART_KEYS)}; {found}"
        )
    part = validate(PART_MODELS[kinds[0]], item, path, lines, loc)
    assert isinstance(part, FormPart | LetterPart | DocumentPart | NoticePart)
    return part


def default_role(part: Part) -> str:
    """The role a part plays when the spec does not say."""
    if part.role:
        return part.role
    if isinstance(part, FormPart):
        return FORM_ROLES.get(normalise_form_id(part.form), "form")
    if isinstance(part, NoticePart):
        return "notice"
    if isinstance(part, LetterPart):
        name = part.letter.lower()
        if "support" in name:
            return "support-letter"
        if any(word in name for word in ("cover", "rfe", "response")):
            return "cover-letter"
    return "other"


def exhibit_label(index: int, style: str) -> str:
    """``A``..``Z``, ``AA``.. (or ``1``, ``2``..) for the exhibit at ``index`` (0-based)."""
    if style == "numbers":
        return str(index + 1)
    label = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def _natural_key(name: str) -> list[Any]:
    return [int(bit) if bit.isdigit() else bit.lower() for bit in re.split(r"(\d+)", name)]


def _folder_files(spec_path: Path, lines: dict[Loc, int], loc: Loc, folder: Path, written: str) -> list[Source]:
    if not folder.is_dir():
        raise PacketError(f"{where(spec_path, lines, loc)}: folder {written!r} does not exist; check the path")
    found = sorted(  # subfolders too (a year per folder is common), in natural order of their paths
        (
            p
            for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        ),
        key=lambda p: _natural_key(p.relative_to(folder).as_posix()),
    )
    if not found:
        raise PacketError(f"{where(spec_path, lines, loc)}: folder {written!r} holds no files; add the evidence")
    line = lines.get(loc)
    return [Source(p, str(Path(written) / p.relative_to(folder)), line) for p in found]


def _exhibit_sources(
    spec_path: Path, lines: dict[Loc, int], index: int, exhibit: Exhibit, resolve: Any
) -> tuple[Source, ...]:
    loc: Loc = ("exhibits", index)
    if not exhibit.files and exhibit.folder is None:
        raise PacketError(
            f"{where(spec_path, lines, loc)}: exhibit {exhibit.title!r} names no evidence; add 'files:' or 'folder:'"
        )
    sources: list[Source] = []
    for number, entry in enumerate(exhibit.files):
        written = entry if isinstance(entry, str) else entry.file
        title = None if isinstance(entry, str) else entry.title
        sources.append(Source(resolve(written), written, lines.get((*loc, "files", number)), title))
    if exhibit.folder is not None:
        sources += _folder_files(spec_path, lines, (*loc, "folder"), resolve(exhibit.folder), exhibit.folder)
    return tuple(sources)


def parse_spec(data: Any, path: Path, lines: dict[Loc, int]) -> PacketSpec:
    """Validate raw spec data (from YAML) into a PacketSpec."""
    if not isinstance(data, dict):
        raise PacketError(f"{path}: a packet spec is a mapping (kind, case, parts, exhibits); see samples/packets/")
    model = validate(PacketModel, data, path, lines)
    assert isinstance(model, PacketModel)
    parts = [_parse_part(item, index, path, lines) for index, item in enumerate(model.parts)]
    entries = [
        PartEntry(part, default_role(part), lines.get(("parts", index)), index) for index, part in enumerate(parts)
    ]
    if model.order == "convention":
        ranks = CONVENTIONS[model.kind]
        entries.sort(key=lambda e: (ranks.index(e.role) if e.role in ranks else len(ranks), e.position))
    folder = path.parent

    def resolve(written: str) -> Path:
        candidate = Path(written).expanduser()
        return candidate if candidate.is_absolute() else folder / candidate

    exhibits = tuple(
        ExhibitEntry(
            exhibit,
            exhibit_label(index, model.labels),
            _exhibit_sources(path, lines, index, exhibit, resolve),
            lines.get(("exhibits", index)),
        )
        for index, exhibit in enumerate(model.exhibits)
    )
    if not entries and not exhibits:
        raise PacketError(f"{path}: the packet has no parts and no exhibits; add some under 'parts:' or 'exhibits:'")
    return PacketSpec(path, model, tuple(entries), exhibits, lines)


def load_spec(path: Path | str) -> PacketSpec:
    """Read and validate a packet spec file."""
    path = Path(path)
    text = read_text_file(path, PacketError, "packet spec")
    data = load_yaml_text(text, str(path), PacketError)
    return parse_spec(data, path, key_lines(text))
