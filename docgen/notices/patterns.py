"""Knowledge about notices, loaded from data: ``docgen/data/notices/*.yaml``.

Three kinds of file, told apart by their ``kind:`` key:

* ``common``: office codes, the markers that make a page a notice, value
  tokens, labelled fields and text patterns every notice shares;
* ``notice``: one notice kind (receipt, rfe, ...): what its Notice Type line
  or title calls it, which fields it carries, and its own labels and patterns;
* ``form``: one form (I-129, ...): its number (read OCR-tolerant: ``1907``,
  ``I 129`` and ``l-485`` are I-907, I-129, I-485), its title, and which
  fields its notices never carry.

A new notice variant is a new or edited YAML file, no code. Files are
validated when loaded; a mistake names the file, the line and the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]  # the regex parser's own names
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from docgen.bundled import bundled_dir
from docgen.errors import NoticeError
from docgen.notices.layout import Page
from docgen.notices.model import FIELDS, NOTICE_TYPES
from docgen.notices.regexcache import compile_regex, kept_programs
from docgen.notices.values import READERS
from docgen.yamlio import LineDict, load_yaml_file, unknown_key

VALUE_TYPES = {"receipt", *READERS}
LEADER = r"\s*(?:(?:\.\s?){2,}\s*)?"  # spaces, or dot leaders (``.....``, ``. . .``), between a label and its colon
LEADER_COLON = r"(?:[+=*|!'`,-][.,]?)?"  # what OCR makes of the colon after dot leaders on a blurred scan
FLAGS = re.IGNORECASE


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Marker(_Strict):
    """A pattern whose presence counts towards a verdict, with its weight (negative: counts against).

    ``where: text`` looks anywhere on the page; ``where: segment`` only at the start of a text
    segment (a banner, a title, a label), so a sentence quoting the words does not count;
    ``where: top`` only in a letterhead (the page's first lines, above its date line); ``where:
    signature`` only in the lines under a letter's closing (``Sincerely,``).
    """

    pattern: str
    weight: int
    where: Literal["text", "segment", "top", "signature"] = "text"
    # A mark of a letter (a salutation, a closing, a RE: line): counted only on a page with no USCIS letterhead.
    letter: bool = False
    # A mark of a message (a greeting, a sign-off, a mail header): counted only on a page with no receipt number
    # printed in its own box (a client's note on a real notice does not unmake it).
    mail: bool = False


class FieldSpec(_Strict):
    """A labelled value: its type, its labels (regexes) and how many lines below a label it may take."""

    type: str
    labels: list[str] = Field(min_length=1)
    lines: int = Field(default=1, ge=1, le=8)
    # Labels too bare to be one with a value run into them (``Date 03/19/2020``, ``Place 1200 Main St``), except on a
    # page whose labels all run into their values with no colon (:meth:`~docgen.notices.fields.Finder.run_in`).
    run_in: list[str] = Field(default_factory=list)


class CommonFile(_Strict):
    """``common.yaml``."""

    kind: Literal["common"]
    offices: dict[str, str]
    notice_threshold: int = Field(ge=1)
    title_weight: int = 0
    notice_markers: list[Marker]
    head_markers: list[str] = []
    # A letter's closing line ("Sincerely,"): the lines under it are its signature (markers where: signature).
    closing: str = r"(?:SINCERELY|RESPECTFULLY)\W*$"
    # A decision letter's heading ("DECISION"): under it, a kind's decision sentence decides the kind.
    decision_heading: str = r"DECISION\W*$"
    # A rubber stamp the addressee's mailroom puts on a notice: its first line, and its last (under its date).
    stamp_head: str = r"(?!)"
    stamp_foot: str = r"(?!)"
    title_prefix: str = ""
    title_area: float = Field(default=400.0, gt=0)
    # ... and on a page opening with a USCIS letterhead (a letter's heading comes under its header lines).
    letter_title_area: float = Field(default=600.0, gt=0)
    page_pattern: str
    tokens: dict[str, str]
    fields: dict[str, FieldSpec]
    # Label words as printouts and narrow boxes abbreviate them ("RCPT NBR", "NTC DT", "AMT RCVD"): word -> its
    # abbreviations. Every label (common and per kind) also matches with any of its words so shortened.
    abbreviations: dict[str, list[str]] = {}
    patterns: list[str] = []
    date_order: list[tuple[str, str]] = []
    years: tuple[int, int]


class GuardedName(_Strict):
    """A name that says the kind only when the notice also shows ``when`` and not ``unless`` (regexes over
    the first page's text): ``APPOINTMENT NOTICE`` is a biometrics notice when it names an Application
    Support Center, and no kind at all (review) when it is about an interview."""

    name: str
    when: str
    unless: str = ""


class NoticeFile(_Strict):
    """One notice kind."""

    kind: Literal["notice"]
    notice_type: str
    names: list[str] = Field(min_length=1)
    # What a Notice Type or Action box may say of this kind that is no title of it (``ACTION: APPROVED``): read on
    # that line only, never as a title.
    actions: list[str] = []
    guarded_names: list[GuardedName] = []
    title_forms: list[str] = []
    required: list[str] = []
    optional: list[str] = []
    fields: dict[str, FieldSpec] = {}
    patterns: list[str] = []
    # A segment that is itself the first line of a field's value where no label names it (an ASC's
    # name heading its address in a sentence-style appointment letter): field -> regexes of that line.
    heads: dict[str, list[str]] = {}
    # The operative sentence of a decision letter ("The petition is denied."): decides the kind only
    # on a page with the decision heading (common.yaml), below it, and when no other kind's sentence is there.
    decisions: list[str] = []
    # A word every decision sentence of the kind holds (a regex): the sentences, slow to try, are tried only on a
    # notice whose text holds it.
    decision_cue: str = ""


class FormFile(_Strict):
    """One form."""

    kind: Literal["form"]
    form: str = Field(pattern=r"^[A-Z]{1,2}-\d{1,4}[A-Z]{0,3}$")
    title: str
    titles: list[str] = []  # other wordings of the title (regexes)
    not_applicable: list[str] = []


REMEMBERED_TEXTS = 20_000  # texts a label pattern remembers its match of (then it forgets them all at once)


class Remembered:
    """A compiled label pattern, matched at the start of segment texts, that remembers its match of each text:
    the same labels and headings are printed on every notice of a layout (four in five segment texts of a batch
    recur), and a pattern of every label takes microseconds to try. The match is the pattern's own."""

    __slots__ = ("_known", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self._known: dict[str, re.Match[str] | None] = {}

    def match(self, text: str) -> re.Match[str] | None:
        known = self._known
        try:
            return known[text]
        except KeyError:
            if len(known) >= REMEMBERED_TEXTS:
                known.clear()
            found = known[text] = self.regex.match(text)
            return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Remembered) and other.regex == self.regex

    def __hash__(self) -> int:
        return hash(self.regex)

    def __repr__(self) -> str:
        return f"Remembered({self.regex!r})"


@dataclass(frozen=True)
class Label:
    """A compiled labelled field."""

    name: str
    type: str
    regex: Remembered
    lines: int
    alternatives: str  # the label regexes joined with |
    words: tuple[str, ...] = ()  # the labels that are plain words, upper case without spaces (for OCR slips)
    # The labels ending in a small ``#`` or ``No.`` as plain words without it (``RECEIPT`` of ``Receipt #``):
    # what a scan of a small label keeps when OCR loses the mark (read only for a value of a format its own).
    stems: tuple[str, ...] = ()
    run_in: Remembered | None = None  # the run-in labels (:attr:`FieldSpec.run_in`) with their value after a space
    run_in_alternatives: str = ""  # those labels' regexes joined with |


@dataclass(frozen=True)
class Kind:
    """A compiled notice kind."""

    notice_type: str
    name: re.Pattern[str]  # matches the start of a Notice Type value
    title: re.Pattern[str]  # matches a title segment whole
    title_forms: re.Pattern[str] | None  # a form title (I-797E) that says the kind
    required: frozenset[str]
    optional: frozenset[str]
    labels: list[Label]
    patterns: list[re.Pattern[str]]
    heads: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # The title letter-spaced ("A S C  A P P O I N T M E N T  N O T I C E"), matched with its spaces taken out.
    spaced_title: re.Pattern[str] | None = None
    decision: re.Pattern[str] | None = None  # the operative sentence under a DECISION heading
    cue: re.Pattern[str] | None = None  # a word every decision sentence holds (decision_cue)
    # The decision sentence also at the start of any line (a sentence after a line with no full stop).
    line_decision: re.Pattern[str] | None = None
    # Names that say the kind only on a notice showing ``when`` and not ``unless``: (name, title, when, unless).
    guarded: tuple[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str] | None], ...] = ()

    def named(self, text: str, notice_text: str) -> bool:
        """Whether a Notice Type value ``text`` names this kind (on a notice whose text is ``notice_text``)."""
        if self.name.match(text):
            return True
        return any(
            name.match(text) and self._guard_ok(when, unless, notice_text) for name, _, when, unless in self.guarded
        )

    def titled(self, text: str, notice_text: str) -> bool:
        """Whether a whole segment ``text`` is this kind's title."""
        if self.title.match(text):
            return True
        return any(
            title.match(text) and self._guard_ok(when, unless, notice_text) for _, title, when, unless in self.guarded
        )

    @staticmethod
    def _guard_ok(when: re.Pattern[str], unless: re.Pattern[str] | None, notice_text: str) -> bool:
        return bool(when.search(notice_text)) and not (unless is not None and unless.search(notice_text))

    def applies(self, name: str) -> bool:
        """Whether notices of this kind carry field ``name``."""
        return name in self.required or name in self.optional


@dataclass(frozen=True)
class Form:
    """A compiled form: its number as OCR may print it (in a Case Type box), strictly (in body text), its title."""

    form: str
    number: re.Pattern[str]
    strict_number: re.Pattern[str]
    titles: list[re.Pattern[str]]
    not_applicable: frozenset[str]
    # The title's first words ending a Case Type value: a long title the box wrapped onto a line
    # that another column's text now interrupts ("Form 1-129, Petition For A Nonimmigrant" | "Worker").
    title_start: re.Pattern[str] | None = None
    title: str = ""  # as printed (the form file's title): matched OCR-tolerantly by docgen.notices.titles


@dataclass(frozen=True)
class MarkerRule:
    """A compiled notice marker."""

    regex: re.Pattern[str]
    weight: int
    segment: bool
    where: str = "text"
    letter: bool = False
    mail: bool = False


@dataclass(frozen=True)
class Patterns:
    """Everything the parser knows, compiled."""

    offices: frozenset[str]
    notice_threshold: int
    notice_markers: list[MarkerRule]
    title_weight: int
    head_markers: list[MarkerRule]
    closing: re.Pattern[str]
    decision_heading: re.Pattern[str]
    stamp_head: re.Pattern[str]
    stamp_foot: re.Pattern[str]
    title_area: float
    letter_title_area: float
    page_pattern: re.Pattern[str]
    tokens: dict[str, re.Pattern[str]]
    labels: list[Label]
    any_label: Remembered
    label_start: Remembered  # a segment that starts with any label (followed by anything)
    label_only: Remembered  # a segment that is a label and nothing else (``Receipt #``, ``NOTICE DATE:``)
    # A segment that starts with a label and its colon or dot leaders (``BENEFICIARY ....... NAME``): a label and
    # its value, never the next line of another value.
    label_pair: re.Pattern[str]
    patterns: list[re.Pattern[str]]
    kinds: dict[str, Kind]
    forms: list[Form]
    date_order: list[tuple[str, str]]
    years: tuple[int, int]
    sources: list[Path] = field(default_factory=list)


def _where(path: Path, data: Any, exc: ValidationError, model: type[BaseModel]) -> str:
    errors = exc.errors()
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])  # a typo explains the rest
    loc = [str(part) for part in error["loc"]]
    line = data.line_of(loc[0]) if isinstance(data, LineDict) and loc else None
    place = f"{path}:{line}" if line else str(path)
    if error["type"] == "extra_forbidden" and len(loc) == 1:
        return f"{place}: {loc[0]}: {unknown_key(loc[0], model.model_fields)}"
    return f"{place}: {'.'.join(loc) or 'file'}: {error['msg']}; fix the notice pattern file"


def _compile(regex: str, path: Path, tokens: dict[str, str] | None = None) -> re.Pattern[str]:
    for name, token in (tokens or {}).items():
        regex = regex.replace("{" + name + "}", token)
    try:
        return compile_regex(regex, FLAGS)
    except re.error as exc:
        raise NoticeError(f"{path}: bad pattern {regex!r} ({exc}); fix the notice pattern file") from None


_SLASH = re.compile(r"(?<=[A-Za-z])/(?=[A-Za-z])")  # a slash between two words of a label (not in a ``[/-]`` class)


def _slashed(label: str) -> str:
    """A label regex whose slashes between words may have OCR's spaces around them."""
    return _SLASH.sub(r"\\s?/\\s?", label)


_MARKED = re.compile(r"([A-Za-z ]+?)\s*(?:#|No\\\.\??)")  # a label spec ending in ``#`` or ``No\.?`` (``Receipt #``)


_LABEL_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")  # a word of a label regex (not ``\s``)


def _abbreviations(words: dict[str, list[str]], path: Path) -> dict[str, str]:
    """Per label word (lower case), a regex matching the word or any of its abbreviations (each with an
    optional period: ``Rcpt.``, ``Dt``)."""
    out = {}
    for word, short in words.items():
        if not re.fullmatch(r"[A-Za-z]{2,}", word) or not all(re.fullmatch(r"[A-Za-z']{1,8}", a) for a in short):
            raise NoticeError(
                f"{path}: abbreviations.{word}: a label word and its abbreviations are plain words; fix the notice "
                "pattern file"
            )
        # An abbreviation is a whole word: ``Bene`` is not the start of ``BENERICIARY`` (a label OCR misspelt).
        out[word.lower()] = "(?:" + "|".join([word, *(rf"{re.escape(a)}(?![A-Za-z])\.?" for a in short)]) + ")"
    return out


def _abbreviated(label: str, abbreviations: dict[str, str]) -> str:
    """The label regex ``label`` with each word that has abbreviations also matching them."""
    if not abbreviations:
        return label
    return _LABEL_WORD.sub(lambda m: abbreviations.get(m.group(0).lower(), m.group(0)), label)


def _labels(specs: dict[str, FieldSpec], path: Path, abbreviations: dict[str, str] | None = None) -> list[Label]:
    labels = []
    for name, spec in specs.items():
        root = name.split(".")[0]
        if root not in FIELDS and name not in ("case_type", "notice_type_text", "page"):
            raise NoticeError(f"{path}: fields.{name}: unknown field; use one of {', '.join(FIELDS)}")
        if spec.type not in VALUE_TYPES:
            raise NoticeError(f"{path}: fields.{name}: unknown type {spec.type!r}; use one of {sorted(VALUE_TYPES)}")
        # OCR may drop the space between the words of a label ("CASETYPE") or put a speck there ("RECEIVED. DATE",
        # "date and'time"), and set a slash between two words apart from them ("Applicant /Requestor").
        alternatives = "|".join(
            _abbreviated(_slashed(label), abbreviations or {}).replace(" ", r"[\s.,'`\u2018\u2019]*")
            for label in sorted(spec.labels, key=len, reverse=True)
        )
        # A label alone may carry an OCR speck after it ("BENEFICIARY."): still a label with nothing after.
        # A mainframe printout pads a label with dot leaders before its colon ("RECEIPT NUMBER.....: LIN...").
        # On a blurred scan the colon after the leaders reads as another mark ("APPLICANT.......+."): no value.
        regex = (
            rf"^\s*(?:{alternatives})(?P<sep>{LEADER}[:;#]\s*|\s*(?:\.\s?){{2,}}{LEADER_COLON}\s*|\s*[.,]?\s*$|\s+)"
            r"(?P<rest>.*)$"
        )
        words = tuple(
            re.sub("[ /]", "", label).upper()
            for label in spec.labels
            if re.fullmatch(r"[A-Za-z ]+(?:/[A-Za-z ]+)*", label)
        )
        stems = tuple(
            dict.fromkeys(
                match.group(1).replace(" ", "").upper() for label in spec.labels if (match := _MARKED.fullmatch(label))
            )
        )
        bare = "|".join(_abbreviated(label, abbreviations or {}).replace(" ", r"\s+") for label in spec.run_in)
        run_in = Remembered(_compile(rf"^\s*(?:{bare})(?P<sep>\s+)(?P<rest>\S.*)$", path)) if bare else None
        compiled = Remembered(_compile(regex, path))
        labels.append(Label(name, spec.type, compiled, spec.lines, alternatives, words, stems, run_in, bare))
    return labels


def _check_fields(names: list[str], path: Path, key: str) -> None:
    for name in names:
        if name not in FIELDS:
            raise NoticeError(f"{path}: {key}: unknown field {name!r}; use one of {', '.join(FIELDS)}")


def _read(path: Path, model: type[_Strict]) -> Any:
    data = load_yaml_file(path, NoticeError)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise NoticeError(_where(path, data, exc, model)) from None


def load_patterns(folder: Path | None = None) -> Patterns:
    """Read and compile every pattern file in ``folder`` (default: the bundled data); the regexes are built from
    the programs kept when these very files last loaded (:mod:`docgen.notices.regexcache`)."""
    folder = folder or bundled_dir("notices")
    files = sorted(folder.glob("*.yaml"))
    with kept_programs(files):
        return _load_patterns(folder, files)


def _load_patterns(folder: Path, files: list[Path]) -> Patterns:
    common_path = folder / "common.yaml"
    if not common_path.exists():
        raise NoticeError(f"{common_path}: missing; the notice patterns need their common file")
    common: CommonFile = _read(common_path, CommonFile)
    tokens = common.tokens
    abbreviations = _abbreviations(common.abbreviations, common_path)
    kinds: dict[str, Kind] = {}
    forms: list[Form] = []
    for path in files:
        if path == common_path:
            continue
        head = load_yaml_file(path, NoticeError)
        kind = head.get("kind") if isinstance(head, dict) else None
        if kind == "notice":
            kinds_file: NoticeFile = _read(path, NoticeFile)
            kinds[kinds_file.notice_type] = _kind(kinds_file, path, tokens, abbreviations)
        elif kind == "form":
            form_file: FormFile = _read(path, FormFile)
            _check_fields(form_file.not_applicable, path, "not_applicable")
            forms.append(_form(form_file, path))
        else:
            raise NoticeError(f"{path}: kind: must be 'notice' or 'form' (found {kind!r}); set it at the top")
    labels = _labels(common.fields, common_path, abbreviations)
    every = "|".join(label.alternatives for label in [*labels, *(x for k in kinds.values() for x in k.labels)])
    # A segment starts with a label also where a run-in label does (its value is read only on a run-in page).
    bare = [label.run_in_alternatives for label in [*labels, *(x for k in kinds.values() for x in k.labels)]]
    starts = "|".join([every, *filter(None, bare)])
    prefix = common.title_prefix
    kinds = {name: _with_title(kind, prefix, common_path) for name, kind in kinds.items()}
    return Patterns(
        offices=frozenset(common.offices),
        notice_threshold=common.notice_threshold,
        notice_markers=[
            MarkerRule(_compile(m.pattern, common_path), m.weight, m.where != "text", m.where, m.letter, m.mail)
            for m in common.notice_markers
        ],
        closing=_compile(rf"^\s*(?:{common.closing})", common_path),
        decision_heading=_compile(rf"^\W*(?:{common.decision_heading})", common_path),
        stamp_head=_compile(rf"^\W*(?:{common.stamp_head})\W*$", common_path),
        stamp_foot=_compile(rf"^\W*(?:{common.stamp_foot})\W*$", common_path),
        title_weight=common.title_weight,
        head_markers=[MarkerRule(_compile(rx, common_path), 1, True) for rx in common.head_markers],
        title_area=common.title_area,
        letter_title_area=common.letter_title_area,
        page_pattern=_compile(common.page_pattern, common_path),
        tokens={name: _compile(rx, common_path) for name, rx in tokens.items()},
        labels=labels,
        any_label=Remembered(_compile(rf"^\s*(?:{every}){LEADER}(?:[:;#]|[.,]?\s*$)", common_path)),
        label_start=Remembered(_compile(rf"^\s*(?:{starts})", common_path)),
        label_only=Remembered(_compile(rf"^\W*(?:{every})\s*[:;#.,]?\s*$", common_path)),
        label_pair=_compile(rf"^\s*(?:{every})(?:{LEADER}[:;#]|\s*(?:\.\s?){{2,}})", common_path),
        patterns=[_compile(rx, common_path, tokens) for rx in common.patterns],
        kinds=kinds,
        forms=forms,
        date_order=list(common.date_order),
        years=common.years,
        sources=files,
    )


def _kind(data: NoticeFile, path: Path, tokens: dict[str, str], abbreviations: dict[str, str]) -> Kind:
    if data.notice_type not in NOTICE_TYPES:
        raise NoticeError(f"{path}: notice_type: {data.notice_type!r} is not one of {', '.join(NOTICE_TYPES)}")
    _check_fields(data.required, path, "required")
    _check_fields(data.optional, path, "optional")
    _check_fields([name.split(".")[0] for name in data.heads], path, "heads")
    names = "|".join(f"(?:{name})" for name in data.names)
    said = "|".join(f"(?:{name})" for name in [*data.names, *data.actions])
    return Kind(
        notice_type=data.notice_type,
        name=_compile(rf"^\W*(?:{said})(?![A-Z])", path),
        title=_compile(names, path),  # completed with the common title prefix by _with_title
        title_forms=_compile("|".join(data.title_forms), path) if data.title_forms else None,
        required=frozenset(data.required),
        optional=frozenset(data.optional),
        labels=_labels(data.fields, path, abbreviations),
        patterns=[_compile(rx, path, tokens) for rx in data.patterns],
        heads={name: _compile(rf"^\s*(?:{'|'.join(rxs)})\s*$", path) for name, rxs in data.heads.items()},
        decision=_compile("|".join(f"(?:{rx})" for rx in data.decisions), path) if data.decisions else None,
        cue=_compile(data.decision_cue, path) if data.decision_cue else None,
        line_decision=_compile("|".join(f"(?m:{rx})" for rx in data.decisions), path) if data.decisions else None,
        guarded=tuple(
            (
                _compile(rf"^\W*(?:{g.name})(?![A-Z])", path),
                _compile(g.name, path),  # completed with the common title prefix by _with_title
                _compile(g.when, path),
                _compile(g.unless, path) if g.unless else None,
            )
            for g in data.guarded_names
        ),
    )


# What may follow a kind's name in a title: punctuation, but not the ``#`` or colon of a label (``Receipt #``).
_TITLE_END = r"[^\w#:]*$"


def _with_title(kind: Kind, prefix: str, path: Path) -> Kind:
    """The kind's title regex: the whole segment is its name, after an optional form title."""
    title = _compile(rf"^\W*(?:{prefix})?(?:{kind.title.pattern}){_TITLE_END}", path)
    spaced = _compile(title.pattern.replace(r"\W+", r"\W*").replace(r"\s+", r"\s*"), path)
    guarded = tuple(
        (name, _compile(rf"^\W*(?:{prefix})?(?:{title_rx.pattern}){_TITLE_END}", path), when, unless)
        for name, title_rx, when, unless in kind.guarded
    )
    return replace(kind, title=title, spaced_title=spaced, guarded=guarded)


# OCR reads the I of a form number as 1, l, |, a bracket (``[751``), J or !, and digits as look-alike letters.
_LOOK_ALIKES = {"0": "[0Oo]", "1": "[1Il|]", "5": "[5S]", "8": "[8B]", "I": "[I1l|\\[\\]J!]"}


def _form(data: FormFile, path: Path) -> Form:
    """Compile a form file: number patterns from its form number, titles from its regexes."""
    letters, _, rest = data.form.partition("-")
    digits = re.match(r"\d+", rest)
    assert digits is not None  # the model's pattern guarantees it
    suffix = rest[digits.end() :]
    loose_digits = "".join(_LOOK_ALIKES.get(ch, ch) for ch in digits.group(0))
    loose_head = "".join(_LOOK_ALIKES.get(ch, ch) for ch in letters)
    end = r"(?![0-9A-Z])"
    loose = rf"(?<![A-Z0-9]){loose_head}\s?[-.]?\s?{loose_digits}\s?{suffix}{end}"
    strict_head = "[Il]" if letters == "I" else letters
    strict = rf"(?<![A-Z0-9-]){strict_head}-?\s?{digits.group(0)}{suffix}{end}"
    return Form(
        data.form,
        compile_regex(loose, 0),
        compile_regex(strict, 0),
        [_compile(rx, path) for rx in [re.escape(data.title).replace(r"\ ", r"\W+"), *data.titles]],
        frozenset(data.not_applicable),
        _title_start(data.title, path),
        data.title,
    )


TITLE_START_WORDS = 3  # a wrapped title counts when at least this many of its first words end the box's line


def _title_start(title: str, path: Path) -> re.Pattern[str] | None:
    words = re.findall(r"[A-Za-z0-9()/']+", title)
    if len(words) <= TITLE_START_WORDS:
        return None
    starts = [
        r"\W+".join(re.escape(word) for word in words[:count])
        for count in range(len(words) - 1, TITLE_START_WORDS - 1, -1)
    ]
    return _compile(rf"(?:{'|'.join(starts)})\W*$", path)


@lru_cache(maxsize=4)
def default_patterns() -> Patterns:
    """The bundled patterns, loaded once."""
    return load_patterns()


T = TypeVar("T")

# What a segment's text alone decides with a set of patterns (the kinds it is a title of, the markers it starts
# with, the value of a type it holds) is the same on every page: worked out once a text, since the same labels,
# headings and values recur across a notice and on every notice of a batch (matching every kind's title at
# every segment was a fifth of the reading).
_BY_TEXT: dict[int, tuple[Patterns, dict[tuple[str, str], Any]]] = {}
BY_TEXT_SIZE = 50_000  # texts remembered per set of patterns (then forgotten all at once)


def by_text(patterns: Patterns, what: str, text: str, work: Callable[[Patterns, str], T]) -> T:
    """``work(patterns, text)``, remembered under ``what`` for that text and set of patterns."""
    known = _BY_TEXT.get(id(patterns))
    if known is None or known[0] is not patterns:
        if len(_BY_TEXT) >= 4:
            _BY_TEXT.clear()
        known = _BY_TEXT[id(patterns)] = (patterns, {})
    memo = known[1]
    key = (what, text)
    if key not in memo:
        if len(memo) >= BY_TEXT_SIZE:
            memo.clear()
        memo[key] = work(patterns, text)
    found: T = memo[key]
    return found


_LETTER_SPACED = re.compile(r"(?:\S ){2,}\S")  # a heading printed letter by letter
TITLE_NAMED, TITLE_GUARDED = 2, 1  # per kind: the text is its title; the text is its title if the notice says so


def title_names(patterns: Patterns, text: str) -> tuple[int, ...]:
    """Per kind, whether ``text`` is its title (or letter-spaced title), may be its title by a name guarded by
    the notice's other words, or neither (0): what the text alone decides."""
    spaced = _LETTER_SPACED.fullmatch(text) is not None
    squeezed = text.replace(" ", "") if spaced else ""
    return tuple(
        TITLE_NAMED
        if kind.title.match(text) or (spaced and kind.spaced_title is not None and kind.spaced_title.match(squeezed))
        else TITLE_GUARDED
        if any(title.match(text) for _, title, _, _ in kind.guarded)
        else 0
        for kind in patterns.kinds.values()
    )


# Searching a page's text tries a pattern at every place in it (a case-blind pattern finds no start faster),
# yet most patterns (a sentence's words, a form's title or number) hold a piece of plain text that every match
# holds. Text of ASCII letters only (a text PDF's, but for a few signs) that lacks the piece in lower case
# holds no match: the search is skipped, with the same answer (on ASCII text, a case-blind letter matches only
# its two ASCII cases).
NEEDED_CHARS = 3  # a shorter piece is in most texts: not worth looking for
_NEEDED: dict[int, tuple[re.Pattern[str], tuple[str, ...]]] = {}  # by the pattern's id (its hash reads its code)


def needed_text(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Pieces of plain ASCII text (lower case), one of which every match of ``regex`` holds (none: nothing to
    look for): characters one after another in the pattern, outside any optional or repeated part or
    look-around; of alternatives, each alternative's piece. The pieces whose shortest is the longest."""
    known = _NEEDED.get(id(regex))
    if known is None or known[0] is not regex:
        parsed = sre_parser.parse(regex.pattern, regex.flags)
        known = _NEEDED[id(regex)] = (regex, tuple(piece.lower() for piece in _needed(parsed)))
    return known[1]


def _needed(items: Any) -> tuple[str, ...]:
    """The pieces (see :func:`needed_text`) of a parsed pattern's sequence, () for none."""
    found = [pieces for pieces in _pieces(items) if min(map(len, pieces)) >= NEEDED_CHARS]
    return max(found, key=lambda pieces: min(map(len, pieces)), default=())


def _pieces(items: Any) -> Iterator[tuple[str, ...]]:
    """Each set of pieces one of which a parsed pattern's sequence holds in every match."""
    run: list[str] = []
    for op, argument in items:
        if op is sre_constants.LITERAL and argument < 0x80:
            run.append(chr(argument))
            continue
        if run:
            yield ("".join(run),)
            run = []
        if op is sre_constants.SUBPATTERN:  # a group (not optional: that is a repeat): its sequence is in every match
            yield from _pieces(argument[3])
        elif op is sre_constants.BRANCH:  # alternatives: one of them is in every match
            each = [_needed(branch) for branch in argument[1]]
            if all(each):
                yield tuple(piece for pieces in each for piece in pieces)
    if run:
        yield ("".join(run),)


def folded(text: str) -> str | None:
    """``text`` in lower case, for :func:`search`: None unless its characters are all ASCII."""
    return text.lower() if text.isascii() else None


def page_folded(page: Page) -> str | None:
    """:func:`folded` of a page's text, found once."""
    if "folded" not in page.memo:
        page.memo["folded"] = folded(page.text)
    lower: str | None = page.memo["folded"]
    return lower


def search(regex: re.Pattern[str], text: str, lower: str | None) -> re.Match[str] | None:
    """``regex.search(text)``; ``lower`` is :func:`folded` ``(text)``."""
    if lower is not None:
        needed = needed_text(regex)
        if needed and not any(piece in lower for piece in needed):
            return None
    return regex.search(text)


def finditer(regex: re.Pattern[str], text: str, lower: str | None) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``; ``lower`` is :func:`folded` ``(text)``."""
    if lower is not None:
        needed = needed_text(regex)
        if needed and not any(piece in lower for piece in needed):
            return iter(())
    return regex.finditer(text)
