"""Split a packet into files that each fit an e-filing size limit.

Cuts fall between sections (a part, the index, an exhibit with its divider),
never inside one, unless a single exhibit is larger than the limit by itself:
then it is cut by pages, and the packet says so. Every part is measured as
the file it will be (stamps, bookmarks and fields included), not estimated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docgen.errors import PacketError
from docgen.packets.assemble import Section
from docgen.packets.profiles import megabytes

Measure = Callable[[int, int], int]


@dataclass
class Piece:
    """A run of packet pages that goes into one part: a whole section or a slice of one."""

    start: int
    stop: int
    section: Section
    cut: bool = False
    size: int = 0


@dataclass
class Plan:
    """Page ranges of the parts and what the reader should know about them."""

    ranges: list[tuple[int, int]]
    notes: list[str]


def _cut_section(section: Section, limit: int, measure: Measure) -> list[Piece]:
    """Slices of one oversized section, each under the limit, by whole pages."""
    pieces: list[Piece] = []
    start = section.first
    while start < section.stop:
        if measure(start, start + 1) > limit:
            raise PacketError(
                f"{section.bookmark}: page {start + 1} of the packet alone is {megabytes(measure(start, start + 1))}, "
                f"over the {megabytes(limit)} limit; rescan that document at a lower resolution, "
                "or build with --max-dpi 200"
            )
        low, high = start + 1, section.stop
        while low < high:  # the longest run from ``start`` that fits
            middle = (low + high + 1) // 2
            if measure(start, middle) <= limit:
                low = middle
            else:
                high = middle - 1
        pieces.append(Piece(start, low, section, cut=True, size=measure(start, low)))
        start = low
    return pieces


def _pieces(sections: Sequence[Section], limit: int, measure: Measure, notes: list[str]) -> list[Piece]:
    pieces: list[Piece] = []
    for section in sections:
        if section.count == 0:
            continue
        size = measure(section.first, section.stop)
        if size <= limit:
            pieces.append(Piece(section.first, section.stop, section, size=size))
            continue
        cut = _cut_section(section, limit, measure)
        spans = ", ".join(str(p.stop) if p.stop == p.start + 1 else f"{p.start + 1}-{p.stop}" for p in cut)
        forms = " (its form fields are flattened in those files)" if any(d.field_name for d in section.docs) else ""
        notes.append(
            f"{section.bookmark} is {megabytes(size)} by itself, over the {megabytes(limit)} limit: "
            f"cut by pages into {len(cut)} files (packet pages {spans}){forms}"
        )
        pieces += cut
    return pieces


def _shared(pieces: Sequence[Piece], measure: Measure) -> int:
    """Bytes every piece carries when saved alone (fonts, catalogue): counted once in a part."""
    whole = [p for p in pieces if not p.cut]
    if len(whole) < 2:
        return 0
    first, second = whole[0], whole[1]
    if first.stop != second.start:
        return 0
    return max(0, first.size + second.size - measure(first.start, second.stop))


def plan_split(sections: Sequence[Section], limit: int, measure: Measure) -> Plan:
    """Group sections into as few parts as fit the limit, in order; cut an exhibit only if it must be.

    The slices of a cut exhibit are packed like sections (the last slice may
    share a part with the next exhibit). Each piece is measured alone once; a part is grown while the estimate
    (the sections' sizes less what they share) fits, then measured for real
    and shrunk by a section at a time if it does not.
    """
    notes: list[str] = []
    pieces = _pieces(sections, limit, measure, notes)
    shared = _shared(pieces, measure)
    ranges: list[tuple[int, int]] = []
    index = 0
    while index < len(pieces):
        end = index + 1
        estimate = pieces[index].size
        while end < len(pieces) and estimate + pieces[end].size - shared <= limit:
            estimate += pieces[end].size - shared
            end += 1
        while end - index > 1 and measure(pieces[index].start, pieces[end - 1].stop) > limit:
            end -= 1
        ranges.append((pieces[index].start, pieces[end - 1].stop))
        index = end
    return Plan(ranges, notes)
