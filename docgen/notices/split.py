"""Split the pages of a file (a batch scan of the day's mail) into notices.

Each page is read for what it says about itself: whether it looks like a
notice (banner, title, labelled boxes), its page numbering ("Page 2 of 3"),
its notice kind (Notice Type line or title), notice date, form and receipt
number. The receipt number is one signal among several: an I-129 receipt,
its I-907 premium-processing receipt and the later approval share one.

A page continues the notice before it when it says it is page 2 or later
(and names no other receipt number), or when it repeats that notice's
header with nothing different (kind, date, form, receipt), or when it has
no header at all and the notice before said it had more pages. A page that
looks like a notice and differs in any of those facts, or says "Page 1",
starts a new notice. Pages that are neither are left out of every notice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from docgen.notices.fields import Finder
from docgen.notices.layout import Page
from docgen.notices.patterns import Patterns, by_text
from docgen.notices.reader import classify, identify_form, notice_score, title_candidates, title_kinds_of
from docgen.notices.values import read_receipt

FACTS = ("receipt", "kind", "notice_date", "form")


@dataclass
class PageFacts:
    """What splitting needs to know about one page."""

    is_notice: bool
    receipt: str | None
    page: int | None
    total: int | None
    kind: str | None = None
    notice_date: str | None = None
    form: str | None = None
    running: frozenset[str] = frozenset()  # receipt numbers in a running header (a letter's later page)

    def differs(self, other: PageFacts) -> bool:
        """Whether a fact both pages state differs."""
        for name in FACTS:
            mine, theirs = getattr(self, name), getattr(other, name)
            if mine is not None and theirs is not None and mine != theirs:
                return True
        return False


@dataclass
class Group:
    """The pages of one notice."""

    pages: list[Page] = field(default_factory=list)
    facts: PageFacts | None = None
    total: int | None = None

    def expects_more(self) -> bool:
        return self.total is not None and len(self.pages) < self.total


def page_facts(patterns: Patterns, page: Page) -> PageFacts:
    """Notice markers, numbering, kind, notice date, form and receipt number of one page."""
    finder = Finder(patterns)
    labels = {label.name: label for label in patterns.labels}

    def value(name: str) -> object:
        hit = finder.labelled([page], labels[name]) if name in labels else None
        return hit.value if hit is not None else None

    numbering = value("page")
    number, total = numbering if isinstance(numbering, tuple) else (None, None)
    if number is None:
        match = patterns.page_pattern.search(page.text)
        if match:
            number, total = int(match.group("page")), int(match.group("total"))
    is_notice = notice_score(patterns, page) >= patterns.notice_threshold
    running: frozenset[str] = frozenset()
    if number is None and not is_notice:
        number, running = _running_header(patterns, page)
    kind = form = None
    if is_notice:
        type_line = finder.labelled([page], labels["notice_type_text"])
        kind = classify(patterns, [page], type_line)[1].value
        case_type = finder.labelled([page], labels["case_type"])
        form = identify_form(patterns, case_type, [page])[1].value if case_type and case_type.value else None
    date = value("notice_date")
    receipt = value("receipt_number")
    return PageFacts(
        is_notice=is_notice,
        receipt=receipt if isinstance(receipt, str) else None,
        page=number,
        total=total,
        kind=kind,
        notice_date=date if isinstance(date, str) else None,
        form=form,
        running=running,
    )


RUNNING_LINES = 2  # a later page's running header is within its first lines
_PAGE_ALONE = re.compile(r"(?:^|\s)PAGE\s*(\d{1,2})\s*$", re.IGNORECASE)  # ``... Page 2`` with no page count


def _running_header(patterns: Patterns, page: Page) -> tuple[int | None, frozenset[str]]:
    """A later page of a letter: the page number (``Page 2``, no count) and the receipt numbers printed in its
    first lines (``MSC2580273817 Page 2``), where a letter repeats them over its next pages."""
    number: int | None = None
    receipts: set[str] = set()
    for line in page.lines[:RUNNING_LINES]:
        for segment in line.segments:
            match = _PAGE_ALONE.search(segment.text)
            if match and int(match.group(1)) > 1:
                number = int(match.group(1))
            for found in patterns.tokens["receipt"].finditer(segment.text):
                value = read_receipt(found.group(0), patterns.offices)
                if value is not None and not value.repaired:
                    receipts.add(str(value.value))
    return number, frozenset(receipts)


def _continues(group: Group | None, facts: PageFacts) -> bool:
    if group is None or group.facts is None:
        return False
    if facts.page == 1:
        return False
    other_receipt = facts.receipt is not None and group.facts.receipt not in (None, facts.receipt)
    if facts.page is not None and facts.page > 1:
        return not other_receipt
    if not facts.is_notice and group.facts.receipt is not None and group.facts.receipt in facts.running:
        return True  # a letter's later page, its running header repeating the receipt number
    if facts.is_notice:
        return not facts.differs(group.facts) and (group.expects_more() or group.total is None)
    return group.expects_more()


HEAD_CLUSTER = 80.0  # points: heading lines (banner, form title) this close belong to one notice's head
MIN_PART = 150.0  # points: a second head at least this far below the first starts a second notice on the sheet


def sheet_parts(patterns: Patterns, page: Page) -> list[Page]:
    """The notices printed on one sheet: a second banner or form title well below the first starts another.

    Two half-sheet notices scanned on one page become two parts with the page's number; a page
    with one head (the usual case) is returned as it is.
    """
    heads = [seg.top for _, _, seg in page.index if by_text(patterns, "head", seg.text, _is_head)]
    starts = _clusters(heads)
    starts = [top for index, top in enumerate(starts) if index == 0 or top - starts[index - 1] >= MIN_PART]
    starts = [starts[0], *(_lifted(page, top) for top in starts[1:])] if starts else starts
    if len(starts) < 2:
        starts = _own_heads(patterns, page)
    if len(starts) < 2:
        return [page]
    parts = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else float("inf")
        low = -float("inf") if index == 0 else start - 2.0
        lines = [line for line in page.lines if low <= line.top < end - 2.0]
        offset = 0.0 if index == 0 else low
        parts.append(Page(page.number, lines, page.method, page.quality, offset, reread=page.reread))
    return parts


HEAD_LIFT = 40.0  # points: a notice's first lines (its agency line, its title) may stand this far over its banner


def _lifted(page: Page, head: float) -> float:
    """Where a notice whose banner is at ``head`` starts: at the widest gap between lines just over the banner
    (a title or agency line printed above it belongs to it), else at the banner."""
    above = [line for line in page.lines if line.top < head]
    if not above:
        return head
    window = [line for line in above if line.top >= head - HEAD_LIFT]
    if not window:
        return head
    gaps = []
    for index, line in enumerate(above):
        if line.top < head - HEAD_LIFT:
            continue
        over = above[index - 1].bottom if index > 0 else line.top
        gaps.append((line.top - over, line.top))
    under = max(line.bottom for line in window)
    gaps.append((head - under, head))
    return max(gaps)[1]


def _own_heads(patterns: Patterns, page: Page) -> list[float]:
    """Where the notices on a sheet start when no banner tells: each has its own kind title (``ASC
    APPOINTMENT NOTICE``) with its own receipt number (label or value) near it, the second pair well below
    the first. The second notice starts at the widest gap between lines above its title and receipt number
    (a half-sheet's margin)."""
    anchors = sorted(seg.top for _, _, seg in page.index if by_text(patterns, "anchor", seg.text, _is_anchor))
    if len(_clusters(anchors)) < 2:
        return []  # one notice's receipt number (label and value): no second head to look for
    titles = _clusters([top for top, text in title_candidates(page) if _is_title(patterns, text, page.text)])
    if len(titles) < 2 or not any(abs(top - titles[0]) <= HEAD_WINDOW for top in anchors):
        return []
    starts = [0.0]
    previous = titles[0]
    for title in titles[1:]:
        near = [top for top in anchors if abs(top - title) <= HEAD_WINDOW and top > previous + MIN_PART / 2]
        if title - previous < MIN_PART or not near:
            continue
        head = min(title, *near)
        between = [line for line in page.lines if previous < line.top < head]
        if not between:
            continue
        gaps = [(line.top - above.bottom, line.top) for above, line in itertools.pairwise(between)]
        gaps.append((head - between[-1].bottom, head))
        starts.append(max(gaps)[1])
        previous = title
    return starts if len(starts) >= 2 else []


HEAD_WINDOW = 150.0  # points: a notice's receipt number sits this near its title


def _is_head(patterns: Patterns, text: str) -> bool:
    """Whether a segment ``text`` is a notice's banner or form title."""
    return any(marker.regex.match(text) for marker in patterns.head_markers)


def _is_anchor(patterns: Patterns, text: str) -> bool:
    """Whether a segment ``text`` is a receipt number's label or holds a receipt number."""
    label = next(lab for lab in patterns.labels if lab.name == "receipt_number")
    return bool(label.regex.match(text)) or _has_receipt(patterns, text)


def _has_receipt(patterns: Patterns, text: str) -> bool:
    return any(
        read_receipt(match.group(0), patterns.offices) is not None
        for match in patterns.tokens["receipt"].finditer(text)
    )


def _clusters(tops: list[float]) -> list[float]:
    found: list[float] = []
    for top in sorted(tops):
        if not found or top - found[-1] > HEAD_CLUSTER:
            found.append(top)
    return found


def _is_title(patterns: Patterns, text: str, notice_text: str) -> bool:
    if not text[:1].isalpha() or not text[:1].isupper() or patterns.label_only.match(text):
        return False
    return bool(title_kinds_of(patterns, text, notice_text))


def split_pages(patterns: Patterns, pages: list[Page]) -> tuple[list[list[Page]], list[int]]:
    """Pages grouped into notices, and the numbers of pages that belong to none."""
    groups: list[Group] = []
    skipped: list[int] = []
    current: Group | None = None
    parts = [part for sheet in pages for part in sheet_parts(patterns, sheet)]
    if len(parts) == 1:  # one page, one notice or none: nothing to split, no facts to read
        if notice_score(patterns, parts[0]) >= patterns.notice_threshold:
            return [parts], []
        return [], [parts[0].number]
    for page in parts:
        facts = page_facts(patterns, page)
        if _continues(current, facts) and current is not None and current.facts is not None:
            current.pages.append(page)
            for name in FACTS:
                if getattr(current.facts, name) is None:
                    setattr(current.facts, name, getattr(facts, name))
        elif facts.is_notice:
            current = Group([page], facts, facts.total if facts.page in (1, None) else None)
            groups.append(current)
        else:
            current = None
            skipped.append(page.number)
    return [group.pages for group in groups], skipped
