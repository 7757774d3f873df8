"""The notice patterns' compiled regular expressions, kept on disk beside the map cache.

Compiling the ~300 notice patterns (four of them alternations of every label, 15,000 characters each) is
about half a second of CPU, paid by every process that reads a notice: each ``docgen notice parse``,
``docgen mailroom ingest`` and mailroom worker, though reading a text PDF then takes a few hundredths. Once
the patterns have loaded without error, the program each regex compiled to (what CPython's own
``re._compiler`` hands to ``_sre.compile``) is kept in the cache folder of :mod:`docgen.forms.mapcache`
(kind ``notices``) under a key made of the pattern files' bytes, the Python version and the regex engine's
version; the next process builds each pattern from its kept program instead of parsing and compiling it.

A program is looked up by its exact regex and flags, and a pattern built from it equals the one
``re.compile`` returns (``re.Pattern`` equality compares the flags, the regex and the compiled code).
Anything unusual (caching off, a file cut short or altered, another Python whose ``re`` internals differ)
compiles as ``re.compile`` does; a bad regex raises :class:`re.error` exactly as it would.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import re
import sys
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from docgen.forms import mapcache

KIND = "notices"  # the cache folder's subfolder
KEEP = 4  # sets of programs kept (the newest): each edit of a pattern file makes a new set of about 2 MB

# (final flags, code, groups, group index, index group): the arguments of ``_sre.compile`` after the regex.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

try:  # CPython's regex compiler (Python 3.11 and later); without it every pattern is compiled afresh
    _sre: Any = importlib.import_module("_sre")
    _parser: Any = importlib.import_module("re._parser")
    _compiler: Any = importlib.import_module("re._compiler")
except ImportError:  # pragma: no cover - another Python
    _sre = _parser = _compiler = None


class _Programs:
    """The programs of one loading of a set of patterns: those kept from before, and those it used."""

    def __init__(self, key: str) -> None:
        self.key = key
        kept = mapcache.load(key, KIND)
        self.kept: dict[tuple[str, int], Program] = kept if isinstance(kept, dict) else {}
        self.used: dict[tuple[str, int], Program] = {}
        self.missed = False

    def compile(self, regex: str, flags: int) -> re.Pattern[str]:
        program = self.kept.get((regex, flags))
        if program is not None:
            with contextlib.suppress(Exception):  # a kept program the engine refuses: compile it again
                compiled: re.Pattern[str] = _sre.compile(regex, *program)
                self.used[regex, flags] = program
                return compiled
        self.missed = True
        try:
            compiled, program = _compile_program(regex, flags)
        except Exception:  # a bad regex (re.compile raises its re.error), or CPython's internals changed
            return re.compile(regex, flags)
        self.used[regex, flags] = program
        return compiled


_CURRENT: ContextVar[_Programs | None] = ContextVar("docgen_notice_programs", default=None)


def _compile_program(regex: str, flags: int) -> tuple[re.Pattern[str], Program]:
    """``re.compile(regex, flags)`` as ``re._compiler.compile`` does it, with the program it built."""
    parsed = _parser.parse(regex, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    # the code holds the compiler's named opcodes (int subclasses): plain ints, as _sre keeps them and marshal takes
    program: Program = (
        int(flags | parsed.state.flags),
        [int(op) for op in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    compiled: re.Pattern[str] = _sre.compile(regex, *program)
    return compiled, program


def patterns_key(files: Iterable[Path]) -> str:
    """The key of a set of pattern files: their names and bytes, the Python and the regex engine's version."""
    digest = hashlib.sha256(f"{sys.version} {getattr(_sre, 'MAGIC', '')} {getattr(_sre, 'CODESIZE', '')}".encode())
    for path in files:
        digest.update(path.name.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@contextlib.contextmanager
def kept_programs(files: Iterable[Path]) -> Iterator[None]:
    """While loading the pattern files ``files``, :func:`compile_regex` builds from the kept programs; when the
    loading ends without error and compiled any regex afresh, the programs it used are kept for the next."""
    if _sre is None or mapcache.cache_dir(KIND) is None:
        yield
        return
    programs = _Programs(patterns_key(files))
    token = _CURRENT.set(programs)
    try:
        yield
    finally:
        _CURRENT.reset(token)
    if programs.missed and programs.used:
        mapcache.save(programs.key, programs.used, KIND)
        _forget_old(mapcache.cache_dir(KIND))


def _forget_old(folder: Path | None) -> None:
    """Delete all but the :data:`KEEP` newest sets of programs (a process still reading one simply misses)."""
    if folder is None:
        return
    with contextlib.suppress(OSError):
        kept = sorted(folder.glob("*.bin"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for path in kept[KEEP:]:
            path.unlink(missing_ok=True)


def compile_regex(regex: str, flags: int) -> re.Pattern[str]:
    """``re.compile(regex, flags)``, from its kept program inside :func:`kept_programs`."""
    programs = _CURRENT.get()
    if programs is None:
        return re.compile(regex, flags)
    return programs.compile(regex, int(flags))
