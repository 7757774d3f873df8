"""The notice patterns' kept regex programs (docgen.notices.regexcache): a pattern built from its kept program
is the pattern ``re.compile`` makes, and anything odd in the cache compiles afresh."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docgen.bundled import bundled_dir
from docgen.errors import NoticeError
from docgen.forms import mapcache
from docgen.notices.patterns import Patterns, load_patterns
from docgen.notices.regexcache import KEEP, KIND, patterns_key


def _regexes(value: Any) -> Iterator[re.Pattern[str]]:
    """Every compiled regex in a loaded :class:`Patterns`."""
    if isinstance(value, re.Pattern):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            yield from _regexes(getattr(value, item.name))
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _regexes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _regexes(item)


@pytest.fixture(scope="module")
def afresh() -> list[re.Pattern[str]]:
    """The bundled patterns' regexes as ``re.compile`` makes them (caching off)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOCGEN_CACHE_DIR", "off")
        return list(_regexes(load_patterns()))


def _same(patterns: Patterns, afresh: list[re.Pattern[str]]) -> None:
    regexes = list(_regexes(patterns))
    assert len(regexes) == len(afresh) > 250
    for regex, fresh in zip(regexes, afresh, strict=True):
        # re.Pattern equality compares the regex, the flags and the compiled code
        assert regex == fresh and regex.groupindex == fresh.groupindex, regex.pattern[:80]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / KIND


def test_patterns_built_from_kept_programs_are_those_compiled_afresh(
    cache: Path, afresh: list[re.Pattern[str]]
) -> None:
    _same(load_patterns(), afresh)
    (kept,) = cache.iterdir()
    assert kept.stem == patterns_key(sorted(bundled_dir("notices").glob("*.yaml")))
    assert kept.stat().st_mode & 0o777 == 0o600
    written = kept.stat().st_mtime_ns
    again = load_patterns()
    assert kept.stat().st_mtime_ns == written  # every program was found: nothing to keep again
    _same(again, afresh)
    assert again.kinds["rfe"].name.match("Request for Evidence") and not again.kinds["rfe"].name.match("Receipt")


def test_programs_the_regex_engine_refuses_are_compiled_afresh_and_only_the_newest_sets_are_kept(
    cache: Path, afresh: list[re.Pattern[str]]
) -> None:
    key = patterns_key(sorted(bundled_dir("notices").glob("*.yaml")))
    # a kept file whose digest matches but whose programs are not the regex engine's (written by another program)
    refused = {
        (rx.pattern, int(rx.flags & ~re.UNICODE)): (int(rx.flags), [0, 1, 2], rx.groups, {}, ()) for rx in afresh
    }
    mapcache.save(key, refused, KIND)
    assert mapcache.load(key, KIND) == refused
    older = []
    for index in range(KEEP + 1):  # sets of earlier pattern files, oldest first
        path = cache / f"{index:064x}.bin"
        path.write_bytes(b"an older set")
        os.utime(path, ns=(index * 10**9, index * 10**9))
        older.append(path.name)
    _same(load_patterns(), afresh)
    assert mapcache.load(key, KIND) != refused  # kept again, right this time...
    assert {path.name for path in cache.iterdir()} == {f"{key}.bin", *older[-(KEEP - 1) :]}  # ...and the oldest go


def test_a_bad_pattern_still_names_its_file_and_keeps_nothing(cache: Path, tmp_path: Path) -> None:
    folder = tmp_path / "patterns"
    shutil.copytree(bundled_dir("notices"), folder)
    rfe = folder / "rfe.yaml"
    rfe.write_text(rfe.read_text(encoding="utf-8").replace("names: [", "names: ['REQUEST (FOR', ", 1))
    with pytest.raises(NoticeError, match=r"rfe\.yaml: bad pattern .*fix the notice pattern file"):
        load_patterns(folder)
    assert not cache.exists() or not any(cache.iterdir())


def test_caching_off_keeps_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCGEN_CACHE_DIR", "off")
    load_patterns(bundled_dir("notices"))
    assert not any(tmp_path.iterdir())
