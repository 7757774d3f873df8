"""Which case data a letter template uses, and what the case lacks.

A specialist edits templates in Word; a typo there must not become a blank in
a signed letter. Two checks run before anything is written:

1. **Static**, on the template's Jinja source (the XML docxtpl renders, for the
   body, every header and footer): every variable is checked against the case
   model (:func:`docgen.case.paths.check_path`), loop variables included
   (``d.duty`` inside ``{% for d in job.duties %}`` is ``job.duties[].duty``).
   A misspelled name gets a "did you mean", and a template that reaches for
   Python internals (``''.__class__``) is refused outright.
2. **At render time**, every printed value and every list a loop runs over is
   checked: an empty value (a case without ``job.lca_number``) or a missing
   list is recorded with the expression and where it is, and the letter is not
   written. Values inside ``{% if %}`` that is false are never printed, so
   optional paragraphs stay optional.

"Where" is the part of the document (body, page header, page footer) and the
template text around the variable, so it can be found with Word's search.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.opc.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import Environment, meta, nodes
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import Undefined

from docgen.case.paths import check_path
from docgen.fileio import xml_safe
from docgen.templating import variable_paths

SHOWN_FILTER = "docgen_shown"
ITER_FILTER = "docgen_iter"
LETTER_ROOTS = {"logo": "the letterhead logo (petitioner.logo or --logo)"}
PART_LABELS = {"document": "body", "header": "page header", "footer": "page footer"}
_CHAIN = (nodes.Getattr, nodes.Getitem, nodes.Name)
_TAG = re.compile(r"<[^>]+>")
_SPACED = {"eq", "ne", "gt", "gteq", "lt", "lteq", "tilde", "add", "sub", "mul", "div", "floordiv", "mod", "pow"}
_OPEN = {"lparen", "lbracket", "lbrace"}
_CLOSE = {"rparen", "rbracket", "rbrace"}


@dataclass(frozen=True)
class TemplateSource:
    """The Jinja source of one part of a DOCX template, split as docxtpl splits it."""

    partname: str
    label: str
    source: str

    @property
    def lines(self) -> list[str]:
        return self.source.split("\n")

    def text_at(self, lineno: int) -> str:
        """The visible text (tags included) of template line ``lineno``."""
        lines = self.lines
        if not 1 <= lineno <= len(lines):
            return ""
        return html.unescape(_TAG.sub("", lines[lineno - 1])).strip()

    def where(self, lineno: int, needle: str = "") -> str:
        """Part and the template text around ``needle`` on line ``lineno``."""
        text = self.text_at(lineno)
        if not text:
            return self.label
        at = text.find(needle) if needle else -1
        start = max(0, at - 30) if at >= 0 else 0
        snippet = text[start : start + 80]
        prefix = "…" if start > 0 else ""
        suffix = "…" if start + 80 < len(text) else ""
        return f"{self.label} “{prefix}{snippet}{suffix}”"


def _part_label(partname: str) -> str:
    stem = partname.rsplit("/", 1)[-1]
    for key, label in PART_LABELS.items():
        if stem.startswith(key):
            return label
    return stem


def read_sources(template: bytes) -> list[TemplateSource]:
    """The Jinja source of the body, headers and footers, exactly as docxtpl renders them."""
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.init_docx()
    parts = [(tpl.docx.part.partname, tpl.get_xml())]
    for uri in (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI):
        for _rel, part in tpl.get_headers_footers(uri):
            parts.append((part.partname, tpl.xml_to_string(parse_xml(part.blob))))
    sources = []
    for partname, xml in parts:
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))
        sources.append(TemplateSource(str(partname), _part_label(str(partname)), patched))
    return sources


@dataclass(frozen=True)
class Usage:
    """One use of case data in a template."""

    path: str
    written: str
    where: str


@dataclass
class Analysis:
    """What a template uses and what is wrong with it, before any case is involved."""

    usages: list[Usage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    internals: list[str] = field(default_factory=list)

    def paths(self) -> list[str]:
        """Each distinct data path, in order of first use."""
        return list(dict.fromkeys(u.path for u in self.usages))


def path_text(path: tuple[str, ...]) -> str:
    """``('job', 'duties', '[]', 'duty')`` as ``job.duties[].duty``."""
    out = path[0]
    for part in path[1:]:
        out += "[]" if part in ("[]", "[*]") else "." + part
    return out


class _Walker:
    """Finds every variable chain in a template, resolving loop variables to case paths."""

    def __init__(self, source: TemplateSource, free: set[str], analysis: Analysis) -> None:
        self.source = source
        self.free = free
        self.analysis = analysis

    def raw_path(self, node: nodes.Node, scope: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
        paths = variable_paths(nodes.Output([node], lineno=node.lineno), self.free | set(scope))
        return max(paths, key=len) if paths else None

    def resolve(self, raw: tuple[str, ...], scope: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        return (*scope[raw[0]], *raw[1:]) if raw[0] in scope else raw

    def iter_path(self, node: nodes.Node, scope: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
        while isinstance(node, nodes.Filter) and node.node is not None:
            node = node.node
        if not isinstance(node, _CHAIN):
            return None
        raw = self.raw_path(node, scope)
        return self.resolve(raw, scope) if raw else None

    def walk(self, node: nodes.Node, scope: dict[str, tuple[str, ...]]) -> None:
        if isinstance(node, nodes.For):
            self.walk_for(node, scope)
        elif isinstance(node, _CHAIN):
            self.record(node, scope)
            current: nodes.Node = node
            while isinstance(current, nodes.Getattr | nodes.Getitem):
                if isinstance(current, nodes.Getitem):
                    self.walk(current.arg, scope)
                current = current.node
            if not isinstance(current, nodes.Name):
                self.walk(current, scope)
        else:
            for child in node.iter_child_nodes():
                self.walk(child, scope)

    def walk_for(self, node: nodes.For, scope: dict[str, tuple[str, ...]]) -> None:
        self.walk(node.iter, scope)
        inner = dict(scope)
        targets = [node.target] if isinstance(node.target, nodes.Name) else list(node.target.find_all(nodes.Name))
        for target in targets:
            inner.pop(target.name, None)
        if isinstance(node.target, nodes.Name):
            base = self.iter_path(node.iter, scope)
            if base is not None:
                inner[node.target.name] = (*base, "[]")
        if node.test is not None:
            self.walk(node.test, inner)
        for child in node.body:
            self.walk(child, inner)
        for child in node.else_:
            self.walk(child, scope)

    def record(self, node: nodes.Node, scope: dict[str, tuple[str, ...]]) -> None:
        raw = self.raw_path(node, scope)
        if raw is None:
            return
        path = self.resolve(raw, scope)
        written = path_text(raw)
        where = self.source.where(node.lineno, written.split("[", 1)[0])
        self.analysis.usages.append(Usage(path_text(path), written, where))
        if path[0] in LETTER_ROOTS:
            return
        problem = check_path(path)
        if problem is not None:
            alias = f" (that is {path_text(path)})" if raw != path else ""
            self.analysis.problems.append(f"{written}{alias} ({where}): {problem}")


def _internals(tree: nodes.Template, source: TemplateSource) -> list[str]:
    found = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value if isinstance(node.arg.value, str) else None
        elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args:
            arg = node.args[0]
            name = arg.value if isinstance(arg, nodes.Const) and isinstance(arg.value, str) else None
        if name is not None and name.startswith("_"):
            found.append(f"'{name}' ({source.where(node.lineno, name)})")
    return found


def analyse_source(source: TemplateSource, env: Environment, analysis: Analysis) -> None:
    """Add the usages and problems of one part to ``analysis`` (syntax errors propagate)."""
    tree = env.parse(source.source)
    analysis.internals.extend(_internals(tree, source))
    free = set(meta.find_undeclared_variables(tree)) - set(env.globals)
    _Walker(source, free, analysis).walk(tree, {})


# --- at render time ---------------------------------------------------------------------------


def _label(tokens: list[Token]) -> str:
    """An expression written back from its tokens: ``job.wage.amount | money``."""
    out = ""
    previous_word = False
    for token in tokens:
        word = token.type in ("name", "string", "integer", "float")
        text = repr(token.value) if token.type == "string" else str(token.value)
        if token.type == "pipe" or token.type in _SPACED or (token.type == "name" and token.value in ("and", "or")):
            out += f" {text} "
            previous_word = False
            continue
        if word and previous_word:
            out += " "
        out += text
        previous_word = word
    return out.strip()


def _check_call(kind: str, label: str, lineno: int) -> list[Token]:
    return [
        Token(lineno, "rparen", ")"),
        Token(lineno, "pipe", "|"),
        Token(lineno, "name", kind),
        Token(lineno, "lparen", "("),
        Token(lineno, "string", label),
        Token(lineno, "comma", ","),
        Token(lineno, "string", str(lineno)),
        Token(lineno, "rparen", ")"),
    ]


def _wrap_output(tokens: list[Token]) -> list[Token]:
    if not tokens:
        return tokens
    lineno = tokens[0].lineno
    return [Token(lineno, "lparen", "("), *tokens, *_check_call(SHOWN_FILTER, _label(tokens), lineno)]


def _wrap_for(tokens: list[Token]) -> list[Token]:
    if not tokens or tokens[0].type != "name" or tokens[0].value != "for":
        return tokens
    depth, start, end = 0, None, len(tokens)
    for index, token in enumerate(tokens[1:], start=1):
        if token.type in _OPEN:
            depth += 1
        elif token.type in _CLOSE:
            depth -= 1
        elif depth == 0 and token.type == "name":
            if start is None and token.value == "in":
                start = index + 1
            elif start is not None and token.value in ("if", "recursive"):
                end = index
                break
    if start is None or start >= end:
        return tokens
    lineno = tokens[start].lineno
    iterated = tokens[start:end]
    return [
        *tokens[:start],
        Token(lineno, "lparen", "("),
        *iterated,
        *_check_call(ITER_FILTER, _label(iterated), lineno),
        *tokens[end:],
    ]


class GapCheck(Extension):
    """Routes every ``{{ output }}`` and every ``{% for %}`` list through the gap recorder."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        pending: list[Token] | None = None
        kind = ""
        for token in stream:
            if pending is None:
                if token.type in ("variable_begin", "block_begin"):
                    pending, kind = [], token.type
                yield token
            elif token.type in ("variable_end", "block_end"):
                yield from _wrap_output(pending) if kind == "variable_begin" else _wrap_for(pending)
                yield token
                pending = None
            else:
                pending.append(token)


@dataclass(frozen=True)
class Gap:
    """An empty value or missing list met while rendering."""

    label: str
    where: str
    problem: str


class GapRecorder:
    """Collects gaps during one render; the filters return a harmless value so all gaps are found."""

    def __init__(self, sources: list[TemplateSource], current_part: Any) -> None:
        self.sources = {s.partname: s for s in sources}
        self.current_part = current_part
        self.gaps: list[Gap] = []

    def _where(self, label: str, lineno: int | str) -> str:
        part = self.current_part()
        source = self.sources.get(str(getattr(part, "partname", "")))
        needle = re.split(r"[\s|(]", label, maxsplit=1)[0]
        return source.where(int(lineno), needle) if source else "document properties"

    def _add(self, label: str, lineno: int | str, problem: str) -> None:
        gap = Gap(label, self._where(label, lineno), problem)
        if gap not in self.gaps:
            self.gaps.append(gap)

    def shown(self, value: Any, label: str, lineno: int | str) -> Any:
        """Filter for printed values: an empty one is a gap."""
        if isinstance(value, Undefined):
            str(value)  # raises: UndefinedError, or SecurityError for a blocked attribute
        if isinstance(value, Undefined) or value is None or (isinstance(value, str) and value.strip() == ""):
            self._add(label, lineno, "is empty")
            return ""
        # XML's illegal characters, escaped; but docxtpl's own marks: \a starts a paragraph, \f a page
        kept = value.replace("\a", "").replace("\f", "") if isinstance(value, str) else value
        unprintable = xml_safe(kept)
        if unprintable != kept:
            shown = ", ".join(sorted(set(re.findall(r"\\x[0-9a-f]{2}", unprintable))))
            self._add(label, lineno, f"holds a control character ({shown}) a Word document cannot hold; retype it")
            return ""
        return value

    def iterable(self, value: Any, label: str, lineno: int | str) -> Any:
        """Filter for loop lists: a missing list is a gap, text is not a list."""
        if isinstance(value, Undefined):
            str(value)  # raises: UndefinedError, or SecurityError for a blocked attribute
        if isinstance(value, Undefined) or value is None:
            self._add(label, lineno, "is missing (the loop needs a list)")
            return []
        if isinstance(value, str):
            self._add(label, lineno, "is text, but the loop needs a list")
            return []
        return value

    def install(self, env: Environment) -> None:
        """Add the extension and this recorder's filters to ``env``."""
        env.add_extension(GapCheck)
        env.filters[SHOWN_FILTER] = self.shown
        env.filters[ITER_FILTER] = self.iterable
