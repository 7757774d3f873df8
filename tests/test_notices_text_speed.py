"""The shortcuts that make reading a text notice faster give the answers of the work they skip.

A search skipped because the text lacks a piece every match holds (``patterns.search``), and a label
pattern's remembered match (``patterns.Remembered``), against the patterns' own answers: on the texts of
the bundled sample notices (read from their PDFs), on those texts changed so that the pieces go missing,
and on text with letters outside ASCII that a case-blind pattern also matches.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.notices import parse_notice_file
from docgen.notices import patterns as patterns_module
from docgen.notices.patterns import Remembered, default_patterns, finditer, folded, needed_text, search

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "notices" / "text"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Page texts of the bundled text notices, and each with its sentences' words cut apart or case changed."""
    pages = [text for path in sorted(SAMPLES.glob("*.pdf"))[:5] for text in parse_notice_file(path).page_texts.values()]
    assert pages and all(text.isascii() for text in pages[:3])
    changed = [re.sub(r"([a-z])([a-z])", r"\1 \2", text, count=40) for text in pages]  # pieces broken
    return [*pages, *changed, *(text.upper() for text in pages), *(text.swapcase() for text in pages)]


def _every_pattern() -> list[re.Pattern[str]]:
    patterns = default_patterns()
    found = [*patterns.patterns, *(rule.regex for rule in patterns.notice_markers)]
    found += [regex for kind in patterns.kinds.values() for regex in kind.patterns]
    found += [regex for form in patterns.forms for regex in (form.number, form.strict_number, *form.titles)]
    return found


def test_most_patterns_need_a_piece_of_text() -> None:
    """The shortcut applies: most sentence patterns, markers and form titles hold a piece every match holds."""
    every = _every_pattern()
    needing = [regex for regex in every if needed_text(regex)]
    assert len(needing) > len(every) / 2


def test_a_skipped_search_finds_what_the_pattern_finds(texts: list[str]) -> None:
    skipped = 0
    for regex in _every_pattern():
        for text in texts:
            lower = folded(text)
            ours, theirs = search(regex, text, lower), regex.search(text)
            assert (ours and ours.span()) == (theirs and theirs.span()), (regex.pattern, text[:80])
            assert [m.span() for m in finditer(regex, text, lower)] == [m.span() for m in regex.finditer(text)]
            skipped += bool(needed_text(regex)) and not any(piece in (lower or "") for piece in needed_text(regex))
    assert skipped > 100  # the texts without the pieces were skipped, with the same answer


def test_pieces_of_alternatives_and_groups() -> None:
    regex = re.compile(r"(?:RESPOND|REPLY)\W+(?P<by>BY|ON)\W+(?P<date>\d+/\d+)", re.IGNORECASE)
    assert set(needed_text(regex)) in ({"respond", "reply"}, {"spond", "ply"})  # the parser may share a prefix
    assert search(regex, "You must reply by 12/01", folded("You must reply by 12/01")) is not None
    assert search(regex, "You must answer by 12/01", folded("You must answer by 12/01")) is None
    optional = re.compile(r"(?:NOTICE\s+)?DATE:\s*(\d+)", re.IGNORECASE)
    assert needed_text(optional) == ("date:",)  # an optional word is needed by no match
    assert not needed_text(re.compile(r"A|BC", re.IGNORECASE))  # an alternative too short to look for


def test_text_outside_ascii_is_searched_as_the_pattern_would() -> None:
    """A case-blind ``s`` matches the long s, ``k`` the Kelvin sign: such text is never skipped."""
    regex = re.compile(r"RESPONSE\W+DUE\W+(?P<date>\d+)", re.IGNORECASE)
    text = "Re\u017fponse due 5"
    assert folded(text) is None
    match = search(regex, text, folded(text))
    assert match is not None and match.group("date") == "5"
    assert search(re.compile("KEEP", re.IGNORECASE), "\u212aeep it", folded("\u212aeep it")) is not None


def test_a_remembered_match_is_the_patterns_own(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = re.compile(r"^\s*(?:RECEIPT\s+NUMBER|NOTICE\s+DATE)\s*(?P<sep>:?)", re.IGNORECASE)
    remembered = Remembered(pattern)
    for text in ("Receipt Number: IOE0912345678", "NOTICE DATE", "Beneficiary", "Receipt Number: IOE0912345678"):
        ours, theirs = remembered.match(text), pattern.match(text)
        assert (ours and (ours.span(), ours.groupdict())) == (theirs and (theirs.span(), theirs.groupdict()))
    assert remembered.match("Notice Date") is remembered.match("Notice Date")  # worked out once
    monkeypatch.setattr(patterns_module, "REMEMBERED_TEXTS", 3)
    for number in range(10):
        assert remembered.match(f"Notice Date {number}") is not None
        assert len(remembered._known) <= 3  # forgotten all at once past the bound
    assert remembered == Remembered(pattern) and hash(remembered) == hash(Remembered(pattern))
