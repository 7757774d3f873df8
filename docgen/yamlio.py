"""YAML loading that is safe for legal data.

Plain PyYAML (YAML 1.1) turns ``NO`` (Norway) into ``False`` and raises on a
bad date such as ``1990-13-45`` before our validation can name the field.
This loader keeps dates as strings (the models parse them) and only reads
``true``/``false`` as booleans. It also records the line of every mapping key
so errors can point at ``file:line``.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from docgen.errors import DocgenError

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


class StrictLoader(_BASE):  # type: ignore[valid-type,misc]
    """SafeLoader without YAML 1.1 surprises (timestamps, yes/no booleans)."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    StrictLoader.yaml_implicit_resolvers.setdefault(_first, []).append(("tag:yaml.org,2002:bool", _BOOL))


def _construct_bool(loader: StrictLoader, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


StrictLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)

MAX_NUMBER_DIGITS = 60  # no amount, year or count in a case, map or spec comes near; Python refuses past 4,300


def _not_too_long(loader: StrictLoader, node: yaml.ScalarNode) -> None:
    """A number of more than :data:`MAX_NUMBER_DIGITS` digits is an error at its line."""
    text = str(loader.construct_scalar(node))
    if sum(c.isdigit() for c in text) > MAX_NUMBER_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number with more than {MAX_NUMBER_DIGITS} digits; write the value you mean", node.start_mark
        )


def _construct_int(loader: StrictLoader, node: yaml.ScalarNode) -> int:
    _not_too_long(loader, node)
    return int(yaml.SafeLoader.construct_yaml_int(loader, node))


def _construct_float(loader: StrictLoader, node: yaml.ScalarNode) -> float:
    _not_too_long(loader, node)
    return float(yaml.SafeLoader.construct_yaml_float(loader, node))


StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


class LineDict(dict[str, Any]):
    """A dict that remembers the line (1-based) each key was written on."""

    lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """The 1-based line of ``key`` in its file, if known."""
        return getattr(self, "lines", {}).get(key)


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool):
            raise yaml.constructor.ConstructorError(None, None, "keys must be plain text", key_node.start_mark)
        skey = str(key)
        if skey in result:
            raise yaml.constructor.ConstructorError(None, None, f"key {skey!r} appears twice", key_node.start_mark)
        result[skey] = loader.construct_object(value_node, deep=True)
        result.lines[skey] = key_node.start_mark.line + 1
    return result


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Unusual(Exception):
    """The text uses YAML the direct reader leaves to :class:`StrictLoader` (tags, anchors, merges, errors)."""


_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NUMBER_TAGS = frozenset(("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"))
_NO_KEY = object()
_DIRECT_DEPTH = 100  # no data file nests this deep; deeper text is left to the loader (and its recursion limit)


def _direct_load(text: str) -> Any:
    """What ``yaml.load(text, Loader=StrictLoader)`` gives, built straight from libyaml's events.

    The loader's composer makes a node per value, resolves its tag and walks the nodes again to
    build the data: two thirds of reading a case file. This reads the same events into dicts
    (:class:`LineDict`, with each key's line) and lists at once, resolving plain scalars with the
    loader's own table (``null`` and the booleans read as its constructors read them, numbers
    built by its constructors), so every value is the one the loader gives. Anything else (an
    explicit tag, an anchor or alias, a merge key, a key that is not a plain value, a repeated
    key, a second document, deep nesting, a syntax error) raises :class:`_Unusual` and the caller
    reads the text with the loader itself, which gives the same data or the same error.
    """
    resolvers = StrictLoader.yaml_implicit_resolvers
    if StrictLoader.yaml_path_resolvers or resolvers.get(None):
        raise _Unusual
    constructors = StrictLoader.yaml_constructors
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    no_key = _NO_KEY
    loader = StrictLoader(text)
    try:
        get = loader.get_event
        if not isinstance(get(), yaml.StreamStartEvent) or not isinstance(get(), yaml.DocumentStartEvent):
            raise _Unusual
        # The open collection, whether it is a mapping, its key waiting for a value and that key's line;
        # the enclosing collections' are saved on the stack.
        container: Any = None
        lines: dict[str, int] = {}
        is_mapping = False
        key: Any = no_key
        line = 0
        stack: list[tuple[Any, dict[str, int], bool, Any, int]] = []
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                value: Any = event.value
                if event.implicit[0]:
                    for tag, pattern in resolvers.get(value[0] if value else "", ()):
                        if pattern.match(value):
                            if tag == _NULL_TAG:
                                value = None
                            elif tag == _BOOL_TAG:
                                value = value.lower() == "true"
                            elif tag in _NUMBER_TAGS:
                                node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
                                value = constructors[tag](loader, node)
                            else:
                                raise _Unusual  # a merge key, '=' ...
                            break
                if is_mapping and key is no_key:
                    if value is None:
                        raise _Unusual
                    key = str(value)
                    if key in container:
                        raise _Unusual
                    line = event.start_mark.line + 1
                    continue
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None or len(stack) >= _DIRECT_DEPTH:
                    raise _Unusual  # the loader decides what is nested too deeply
                if is_mapping and key is no_key:
                    raise _Unusual  # a section or list as a key
                stack.append((container, lines, is_mapping, key, line))
                if kind is mapping_start:
                    container = LineDict()
                    container.lines = lines = {}
                    is_mapping = True
                else:
                    container = []
                    is_mapping = False
                key = no_key
                continue
            elif kind in collection_end:
                value = container
                container, lines, is_mapping, key, line = stack.pop()
            else:
                raise _Unusual  # an alias, or events out of place
            if container is None:
                break
            if is_mapping:
                container[key] = value
                lines[key] = line
                key = no_key
            else:
                container.append(value)
        if not isinstance(get(), yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
            raise _Unusual
        return value
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        raise _Unusual from None
    finally:
        loader.dispose()


def load_yaml_text(text: str, source: str, error: type[DocgenError]) -> Any:
    """Parse YAML text; a syntax error becomes ``error`` naming ``source:line``."""
    try:
        return _direct_load(text)
    except _Unusual:
        return strict_load(text, source, error)


def strict_load(text: str, source: str, error: type[DocgenError]) -> Any:
    """:func:`load_yaml_text` through the loader's composer and constructors alone (slower; the same data)."""
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}" if mark else source
        raise error(f"{where}: not valid YAML: {exc.problem or exc.context}; fix the syntax there") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else "?"
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise error(
            f"{source}:{line}: a control character (#x{char:04x}) that YAML does not allow; remove it"
        ) from None
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise error(f"{source}: not valid YAML ({reason}); fix the syntax") from None
    except RecursionError:
        raise error(f"{source}: nested too deeply to be a data file; fix the structure") from None


MAX_DATA_FILE = 20 * 1024 * 1024  # a case, map or spec is kilobytes; this keeps a wrong file out of memory


NOT_TEXT = "not a text file (expected YAML or JSON in UTF-8)"


@contextlib.contextmanager
def reading(
    path: Path,
    error: type[DocgenError],
    what: str = "file",
    not_text: str = "not a text file (expected YAML or JSON in UTF-8)",
) -> Iterator[None]:
    """Each way reading ``path`` can fail, as a one-line ``error`` naming it (``not_text``: what to say of bytes
    that are not UTF-8)."""
    try:
        yield
    except FileNotFoundError:
        raise error(f"{path}: no such {what}; check the path") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a {what}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: {not_text}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None


def read_text_file(path: Path, error: type[DocgenError], what: str = "file") -> str:
    """The UTF-8 text of a data file; each way reading can fail is a one-line ``error``."""
    with reading(path, error, what):
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_DATA_FILE + 1)
        if len(data) > MAX_DATA_FILE:
            raise error(f"{path}: over {MAX_DATA_FILE // (1024 * 1024)} MB, too large for a {what}; check the path")
        return data.decode("utf-8")


def load_yaml_file(path: Path, error: type[DocgenError]) -> Any:
    """Read and parse a YAML (or JSON, which is YAML) file."""
    return load_yaml_text(read_text_file(path, error), str(path), error)


def round_trip_yaml() -> Any:
    """A ruamel.yaml round-trip reader/writer in the layout of the bundled samples: edits keep comments and order."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def round_trip_text(data: Any) -> str:
    """``data`` as read by :func:`round_trip_yaml` (edited or not) as YAML text in the same layout."""
    buffer = io.StringIO()
    round_trip_yaml().dump(data, buffer)
    return buffer.getvalue()


def unknown_key(key: object, known: Iterable[str]) -> str:
    """The words for a key a data file does not take: ``unknown key; did you mean 'x'?`` (or the keys it takes)."""
    names = list(known)
    close = difflib.get_close_matches(str(key), names, n=1)
    if close:
        return f"unknown key; did you mean '{close[0]}'?"
    return f"unknown key (known: {', '.join(names)})" if names else "unknown key"
