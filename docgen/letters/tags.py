"""Where a letter template's tags go wrong, in the terms of the document a specialist edits in Word.

Jinja reports an unclosed ``{%p if %}`` at the end of the template and counts lines of docxtpl's
XML, which means nothing in Word. :func:`tag_problem` reads the document's paragraphs (body in
order, table cells included, then each header and footer), numbers them as lines, and follows
the block tags: it names the tag that is never closed, the closing tag with nothing open, the
closing tag of another block, and a ``{{`` or ``{%`` never closed, each with its line and text.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BLOCKS = frozenset({"if", "for", "with", "macro", "call", "filter", "block", "raw", "autoescape", "trans"})
MIDDLES = {"elif": {"if"}, "else": {"if", "for"}, "pluralize": {"trans"}}
_TAG = re.compile(r"\{%-?\s*(?:p|tr|tc|r)?\s+(?P<body>.*?)\s*-?%\}|\{%-?(?P<bare>[a-z].*?)-?%\}", re.S)
_OPEN = re.compile(r"\{[{%#]")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}


@dataclass(frozen=True)
class Line:
    """One paragraph of a template: its part (body, header 1, ...), its number and its text."""

    part: str
    number: int
    text: str

    def where(self, tag: str = "") -> str:
        """``body line 12``, with the line's text unless it is just ``tag``."""
        if tag and self.text.strip() == tag:
            return f"{self.part} line {self.number}"
        shown = self.text if len(self.text) <= 70 else self.text[:67] + "..."
        return f"{self.part} line {self.number} (“{shown}”)"


def _part_name(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
    for key in ("header", "footer"):
        if stem.startswith(key):
            return f"{key} {stem[len(key) :] or '1'}"
    return "body"


def document_lines(template: bytes) -> list[Line]:
    """The paragraphs of a DOCX as numbered lines: the body, then each header and footer."""
    lines: list[Line] = []
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        extra = sorted(n for n in archive.namelist() if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
        names = ["word/document.xml", *extra]
        for name in names:
            if name not in archive.namelist():
                continue
            root = ElementTree.fromstring(archive.read(name))
            part = _part_name(name)
            for number, paragraph in enumerate(root.iter(f"{W}p"), 1):
                text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
                lines.append(Line(part, number, text))
    return lines


def _first_word(body: str) -> str:
    match = re.match(r"([a-z_]+)", body.strip())
    return match.group(1) if match else ""


def tag_problem(template: bytes) -> str | None:
    """The first unclosed or unbalanced tag of a template, with its line; None when the tags balance."""
    lines = document_lines(template)
    stack: list[tuple[str, Line, str]] = []
    part = None
    for line in lines:
        if line.part != part:
            if stack:
                return _unclosed(stack[-1])
            part = line.part
        unclosed = _unclosed_delimiter(line)
        if unclosed:
            return unclosed
        for match in _TAG.finditer(line.text):
            body = (match.group("body") or match.group("bare") or "").strip()
            word = _first_word(body)
            shown = match.group(0)
            if word in BLOCKS or (word == "set" and "=" not in body):
                stack.append((word, line, shown))
            elif word in MIDDLES:
                if not stack or stack[-1][0] not in MIDDLES[word]:
                    opened = (
                        f" (the open block is the '{stack[-1][0]}' at {stack[-1][1].where(stack[-1][2])})"
                        if stack
                        else ""
                    )
                    needs = " or ".join(f"'{w}'" for w in sorted(MIDDLES[word]))
                    return f"{line.where(shown)}: “{shown}” is not inside an {needs} block{opened}"
            elif word.startswith("end"):
                closes = word[3:]
                if not stack:
                    return (
                        f"{line.where(shown)}: “{shown}” closes no '{closes}' (nothing is open there); "
                        f"remove it, or add the {_prefix(shown)} {closes} ... %}} it should close"
                    )
                opened, at, opened_tag = stack.pop()
                if opened != closes:
                    return (
                        f"{line.where(shown)}: “{shown}” closes the '{opened}' opened at {at.where(opened_tag)} "
                        f"(“{opened_tag}”); close that one first with {_prefix(opened_tag)} end{opened} %}}"
                    )
    if stack:
        return _unclosed(stack[-1])
    return None


def _prefix(tag: str) -> str:
    """``{%p`` for a paragraph tag, ``{%tr`` for a table-row tag, ``{%`` for an inline one."""
    match = re.match(r"\{%-?\s*(p|tr|tc|r)\s", tag)
    return "{%" + match.group(1) if match else "{%"


def _unclosed(entry: tuple[str, Line, str]) -> str:
    word, line, shown = entry
    own = " (on a paragraph of its own)" if _prefix(shown) == "{%p" else ""
    return (
        f"{line.where(shown)}: “{shown}” is never closed; add {_prefix(shown)} end{word} %}}{own} "
        "where that part of the letter ends"
    )


def _unclosed_delimiter(line: Line) -> str | None:
    text = line.text
    at = 0
    while True:
        match = _OPEN.search(text, at)
        if match is None:
            return None
        closing = _CLOSE[match.group(0)]
        end = text.find(closing, match.end())
        if end < 0:
            return (
                f"{line.where()}: “{match.group(0)}” is not closed by “{closing}” on the same line; "
                f"add “{closing}” (Word may have split the tag: retype it in one go)"
            )
        at = end + len(closing)
