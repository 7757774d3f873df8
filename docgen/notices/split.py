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
from collections.abc import Callable
from dataclasses import dataclass, field

from docgen.notices.fields import Finder
from docgen.notices.layout import Line, Page, Segment, Word, group_lines, print_box
from docgen.notices.model import BAND_MARGIN
from docgen.notices.patterns import Patterns, by_text
from docgen.notices.reader import (
    SHEET_PRINT,
    classify,
    identify_form,
    is_uscis_letter,
    notice_score,
    signature_score,
    title_candidates,
    title_kinds_of,
    whole_date,
)
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
    counts: tuple[tuple[int, int], ...] = ()  # every page count printed on the page ("Page 2 of 5": (2, 5))

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
    # Page counts, past any count of documents (a bundle's "Document 2 of 3" header): the first one numbers the page.
    counts = tuple(
        (int(found.group("page")), int(found.group("total")))
        for found in patterns.page_pattern.finditer(page.text)
        if found.group("page")
    )
    if number is None and counts:
        number, total = counts[0]
    is_notice = notice_score(patterns, page) >= patterns.notice_threshold
    if not is_notice and page.memo.get(SHEET_NOTICE) and value("receipt_number") is not None:
        is_notice = True  # one of the notices on a sheet that reads as a notice, with its own receipt number
    running: frozenset[str] = frozenset()
    if number is None and not is_notice:
        number, running = _running_header(patterns, page)
    date = value("notice_date")
    receipt = value("receipt_number")
    facts = PageFacts(
        is_notice=is_notice,
        receipt=receipt if isinstance(receipt, str) else None,
        page=number,
        total=total,
        notice_date=date if isinstance(date, str) else None,
        running=running,
        counts=((int(numbering[0]), int(numbering[1])), *counts) if isinstance(numbering, tuple) else counts,
    )
    if is_notice:
        _kind_and_form(patterns, page, facts)
    return facts


def _kind_and_form(patterns: Patterns, page: Page, facts: PageFacts) -> None:
    """The notice kind and form a notice's page states (its Notice Type line or title, its Case Type box)."""
    finder = Finder(patterns)
    labels = {label.name: label for label in patterns.labels}
    type_line = finder.labelled([page], labels["notice_type_text"])
    facts.kind = classify(patterns, [page], type_line)[1].value
    case_type = finder.labelled([page], labels["case_type"])
    facts.form = identify_form(patterns, case_type, [page])[1].value if case_type and case_type.value else None


def _letters(patterns: Patterns, parts: list[Page], facts: list[PageFacts]) -> None:
    """A USCIS letter over several pages is a notice by all its pages: its letterhead and heading on the
    first, its signature (a director's) on the last. A first page under the notice threshold that opens with
    a USCIS letterhead counts the signature of the later pages that continue it (``Page 2``, its receipt
    number in their running header)."""
    for index, (page, first) in enumerate(zip(parts, facts, strict=True)):
        if first.is_notice or first.receipt is None or not is_uscis_letter(patterns, page):
            continue
        score = notice_score(patterns, page)
        for later, said in zip(parts[index + 1 :], facts[index + 1 :], strict=False):
            if said.is_notice or first.receipt not in said.running:
                break
            score += signature_score(patterns, later)
        if score >= patterns.notice_threshold:
            first.is_notice = True
            _kind_and_form(patterns, page, first)


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
    if len(starts) < 2 and heads:
        starts = _banner_then_letterhead(patterns, page, heads)
    if len(starts) < 2 and not heads:
        starts = _letterhead_heads(patterns, page)
    if len(starts) < 2 and not heads and not _titled(patterns, page):
        # Told apart by receipt numbers only on a sheet whose banners and titles were all lost: where one notice's
        # banner or title was read, a second notice's would be too (a related case's number and date start none).
        starts = _receipt_heads(patterns, page)
    if len(starts) < 2:
        return [page]
    parts = []
    sheet_notice = notice_score(patterns, page) >= patterns.notice_threshold
    whole = page.memo.get(SHEET_PRINT) or print_box(page.lines)  # the whole sheet's print
    lows = [-float("inf"), *(start - 2.0 for start in starts[1:])]
    ends = [*starts[1:], float("inf")]
    kept = [[line for line in page.lines if low <= line.top < end - 2.0] for low, end in zip(lows, ends, strict=True)]
    cuts = [_cut(upper, lower, start) for upper, lower, start in zip(kept, kept[1:], starts[1:], strict=False)]
    for index, lines in enumerate(kept):
        part = page.part(lines, lows[index] if index else 0.0)
        left, _, right, _ = page.box or (0.0, 0.0, float("inf"), float("inf"))
        # Each edge facing the other notice at least the filed margin from its print (see :func:`_cut`).
        top = cuts[index - 1] + BAND_MARGIN if index else 0.0
        bottom = cuts[index] - BAND_MARGIN if index < len(cuts) else float("inf")
        part.box = (left, top, right, bottom)
        part.memo[SHEET_NOTICE] = sheet_notice
        part.memo[SHEET_PRINT] = whole
        parts.append(part)
    return parts


def _cut(upper: list[Line], lower: list[Line], start: float) -> float:
    """Where a sheet's two stacked notices part (the lower one's head at ``start``): the middle of the gap between
    the upper one's print and the lower one's, so the filed margin round either part (:data:`BAND_MARGIN`, as a
    scanned sheet's tilt turns it) reaches the other's print on neither side; at the lower one's print where the
    two overlap (another client's print is never filed, even at the cost of this one's)."""
    over = max((line.bottom for line in upper), default=start)
    under = min((line.top for line in lower), default=start)
    return (over + under) / 2 if under > over else under


# A mail client's header lines over a message (``From:``, ``Sent:``, ``To:``, ``Subject:``): a notice shown under
# a message printed from a web-mail reader, or forwarded.
_MAIL_HEADER = re.compile(r"^\W{0,3}(FROM|SENT|DATE|TO|CC|BCC|SUBJECT|ATTACHMENTS?)\s*:", re.IGNORECASE)
MAIL_HEADERS = 3  # a mail's header states at least this many of those (``From:`` among them)


def printed_notice(patterns: Patterns, page: Page) -> Page:
    """A page printed from a mail reader, its notice shown under the message: the page from the notice's own
    head down (its agency letterhead, banner, form or kind title, below the mail's header lines). The mail's
    header and message (its sender, its date, its greeting) are no part of the notice and are never read as its
    values. A page with no mail header, or whose part under it is no notice by its own marks (a message quoting
    a notice in its sentences), is returned as it is."""
    names: set[str] = set()
    headers: list[int] = []
    for number, line in enumerate(page.lines):
        found = [match.group(1).upper() for seg in line.segments if (match := _MAIL_HEADER.match(seg.text))]
        if found:
            names.update(name.rstrip("S") if name.startswith("ATTACHMENT") else name for name in found)
            headers.append(number)
    if "FROM" not in names or len(names) < MAIL_HEADERS:
        return page
    # From the first notice under the first mail's header: a printed thread may show a second mail (and notice)
    # further down, which the sheet's parts then part from the first.
    start = next(
        (
            number
            for number, line in enumerate(page.lines[headers[0] + 1 :], headers[0] + 1)
            if number not in headers and any(_opens_notice(patterns, seg.text, page.text) for seg in line.segments)
        ),
        None,
    )
    if start is None:
        return page
    top = page.lines[start].top
    part = page.part(page.lines[start:], top)
    if notice_score(patterns, part) < patterns.notice_threshold:
        return page
    return part


def _opens_notice(patterns: Patterns, text: str, page_text: str) -> bool:
    """Whether a segment ``text`` is a line a notice opens with: its banner or form title, the agency's name as
    its letterhead, or a notice kind's title (not a field's label, which a message may also state)."""
    return _is_head(patterns, text) or _is_title(patterns, text, page_text) or _is_letterhead(patterns, text)


GUTTER = 18.0  # points: a gap down a sheet at least this wide, crossed by no line, may part two notices side by side
GUTTER_MIDDLE = (0.3, 0.7)  # ... when its middle lies within this share of the width of the sheet's print
GUTTER_SPECK = 2  # a segment with fewer letters or digits than this crosses no gutter (a speck, a punch hole read)


def sheet_columns(patterns: Patterns, page: Page) -> list[Page]:
    """The notices printed side by side on one sheet (two pages printed or copied two to a sheet): a gap down
    the sheet's middle that no line crosses, with a notice on each side by its own marks (banner, title, its
    labelled boxes), each a notice's head of its own near its top. Each side becomes a page of its own, its
    lines made again from its own words (a line of one side is no line of the other's). A sheet with no such gap,
    or with a side that is no notice by itself (a notice's boxes in two columns), is returned as it is."""
    gutter = _gutter(page)
    if gutter is None:
        return [page]
    middle = (gutter[0] + gutter[1]) / 2
    words: tuple[list[Word], list[Word]] = ([], [])
    for _, _, seg in page.index:
        words[seg.x0 >= middle].extend(seg.words)
    columns = []
    sides = [page.part(group_lines(words[side])) for side in (0, 1)]
    # Small print whose receipt numbers and labels OCR lost (four pages to a sheet): a side is a notice by its head
    # and its own kind title when the other side has a kind title of its own too (one notice's two columns never
    # both carry a title of a notice's kind).
    unnumbered = all(_titled(patterns, side) for side in sides)
    whole = [_whole_notice(patterns, page, side, unnumbered) for side in sides]
    if not all(whole) and not (any(whole) and _bannered_side(patterns, page, sides[whole.index(False)], sides)):
        return [page]
    for column, (left, right) in zip(sides, ((0.0, middle), (middle, float("inf"))), strict=True):
        column.box = (left, 0.0, right, float("inf"))
        column.memo[SHEET_NOTICE] = True
        column.memo[SHEET_PRINT] = page.memo.get(SHEET_PRINT) or print_box(page.lines)  # the whole sheet's
        columns.append(column)
    if _receipts(patterns, columns[0]) == _receipts(patterns, columns[1]) and not all(
        _titled(patterns, column) for column in columns
    ):
        return [page]  # one notice's two columns, its receipt number quoted again in the second (no title of its own)
    return columns


def _bannered_side(patterns: Patterns, sheet: Page, side: Page, sides: list[Page]) -> bool:
    """Whether ``side``, beside a notice that is one by its own marks, is a notice too though OCR lost some of its
    marks (small print photographed two to a sheet): it opens with a notice's banner or form title, states a receipt
    number of its own (none of the other side's), and its print runs down the sheet and holds a fair share of it."""
    if not _fills_side(sheet, side):
        return False
    own = _receipts(patterns, side)
    other = set().union(*(_receipts(patterns, page) for page in sides if page is not side))
    if not own or own & other:
        return False
    return any(_is_head(patterns, seg.text) for line in side.lines[:HEAD_LINES] for seg in line.segments)


def _fills_side(sheet: Page, side: Page) -> bool:
    """Whether ``side``'s print runs down the sheet and holds a fair share of its letters and digits."""
    if not side.lines or not sheet.lines:
        return False
    tall = sheet.lines[-1].bottom - sheet.lines[0].top
    if side.lines[-1].bottom - side.lines[0].top < SIDE_HEIGHT * tall:
        return False
    return sum(map(str.isalnum, side.text)) >= SIDE_TEXT * sum(map(str.isalnum, sheet.text))


def _receipts(patterns: Patterns, page: Page) -> set[str]:
    """The receipt numbers printed on ``page``."""
    found = (
        read_receipt(match.group(0), patterns.offices)
        for _, _, seg in page.index
        for match in patterns.tokens["receipt"].finditer(seg.text)
    )
    return {str(value.value) for value in found if value is not None}


def _gutter(page: Page) -> tuple[float, float] | None:
    """The widest gap down ``page`` that no segment crosses, near the middle of its print; None if there is none."""
    spans = sorted(
        (seg.x0, seg.x1) for _, _, seg in page.index if sum(char.isalnum() for char in seg.text) >= GUTTER_SPECK
    )
    if len(spans) < 2:
        return None
    left, right = spans[0][0], max(x1 for _, x1 in spans)
    low, high = (left + share * (right - left) for share in GUTTER_MIDDLE)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        wider = best is None or x0 - reach > best[1] - best[0]
        if x0 - reach >= GUTTER and low <= (x0 + reach) / 2 <= high and wider:
            best = (reach, x0)
        reach = max(reach, x1)
    return best


SIDE_HEIGHT = 0.6  # share of the sheet's print height each side's print must span (a notice runs down its half) ...
SIDE_TEXT = 0.2  # ... and share of its letters and digits each side must hold


def _whole_notice(patterns: Patterns, sheet: Page, side: Page, unnumbered: bool = False) -> bool:
    """Whether one side of a sheet is a notice of its own: its own marks make it a notice, it opens with a
    notice's head, it states a receipt number, and its print runs down the sheet and holds a fair share of it
    (a notice's header boxes set far apart, or a payment block, are no notice beside it)."""
    if not _fills_side(sheet, side):
        return False
    if not unnumbered and not any(_is_anchor(patterns, seg.text) for _, _, seg in side.index):
        return False  # no receipt number, nor its label (a number OCR misread still has its label beside it)
    return notice_score(patterns, side) >= patterns.notice_threshold and _headed(patterns, side)


HEAD_LINES = 12  # a notice's head (banner, form title, kind title) is within its first lines


def _headed(patterns: Patterns, page: Page) -> bool:
    """Whether ``page`` opens with a notice's head of its own: a banner or form title, a notice kind's title or
    the agency's letterhead, within its first lines."""
    for line in page.lines[:HEAD_LINES]:
        texts = [seg.text for seg in line.segments]
        if len(line.segments) > 1:
            texts.append(" ".join(texts))
        if any(_opens_notice(patterns, text, page.text) for text in texts):
            return True
    return False


def _titled(patterns: Patterns, page: Page) -> bool:
    """Whether a notice kind's title was read on ``page`` (``RECEIPT NOTICE``)."""
    return any(_is_title(patterns, text, page.text) for _, text in title_candidates(page))


SHEET_NOTICE = "sheet_notice"  # a part's memo: whether the whole sheet it was cut from reads as a notice


def _receipt_heads(patterns: Patterns, page: Page) -> list[float]:
    """Where the notices on a sheet start when neither a banner nor a title tells (a banner OCR could not
    read): each states its own receipt number by its label and its own notice date by its label near it,
    the second well below the first and another number (a notice naming a related case's receipt number
    states no notice date beside it). The second starts at the widest gap between the lines just above its
    receipt number."""
    label = next(lab for lab in patterns.labels if lab.name == "receipt_number")
    dated = next(lab for lab in patterns.labels if lab.name == "notice_date")
    date_tops = [seg.top for _, _, seg in page.index if dated.regex.match(seg.text)]
    heads: list[tuple[float, str]] = []
    for line in page.lines:
        if not any(abs(top - line.top) <= HEAD_CLUSTER for top in date_tops):
            continue
        for index, seg in enumerate(line.segments):
            if not label.regex.match(seg.text):
                continue
            texts = [seg.text, *(other.text for other in line.segments[index + 1 : index + 2])]
            found = [
                value
                for text in texts
                for match in patterns.tokens["receipt"].finditer(text)
                if (value := read_receipt(match.group(0), patterns.offices)) is not None and not value.repaired
            ]
            if found:
                heads.append((line.top, str(found[0].value)))
                break
    starts = [0.0]
    previous: tuple[float, str] | None = heads[0] if heads else None
    for top, receipt in heads[1:]:
        if previous is None or top - previous[0] < MIN_PART or receipt == previous[1]:
            continue
        above = [line for line in page.lines if top - HEAD_CLUSTER <= line.top < top]
        start = top
        if above:
            over = max((line.bottom for line in page.lines if line.top < above[0].top), default=above[0].top)
            gaps = [(above[0].top - over, above[0].top)]
            gaps += [(line.top - prior.bottom, line.top) for prior, line in itertools.pairwise(above)]
            gaps.append((top - above[-1].bottom, top))
            start = max(gaps)[1]
        starts.append(start)
        previous = (top, receipt)
    return starts if len(starts) >= 2 else []


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


def _letterhead_heads(patterns: Patterns, page: Page) -> list[float]:
    """Where the notices on a sheet start when neither a banner nor a receipt number tells (pages printed four to a
    sheet, their small print's numbers lost to OCR): each opens with the agency's letterhead (its name on a line of
    its own), the second well below the first, and each has a kind title of its own under its letterhead, before
    the next one (a letterhead repeated lower on one notice, over an I-94 part or in a footer, has no title of a
    notice's kind under it)."""
    letterheads = _clusters([seg.top for _, _, seg in page.index if _is_letterhead(patterns, seg.text)])
    titles = [top for top, text in title_candidates(page) if _is_title(patterns, text, page.text)]
    if len(letterheads) < 2 or len(titles) < 2:
        return []
    ends = [*letterheads[1:], float("inf")]
    if not all(any(top < title < end for title in titles) for top, end in zip(letterheads, ends, strict=True)):
        return []
    if any(lower - upper < MIN_PART for upper, lower in itertools.pairwise(letterheads)):
        return []
    return [0.0, *(_lifted(page, top) for top in letterheads[1:])]


def _banner_then_letterhead(patterns: Patterns, page: Page, heads: list[float]) -> list[float]:
    """Where the notices on a sheet start when one has a banner and the one under it has none (a notice of boxes
    under a banner over a card that opens with the agency's letterhead, pages printed four to a sheet): under the
    banner's notice, the agency's letterhead on a line of its own, a kind's title right under it (within
    :data:`HEAD_CLUSTER`), well below the banner (a letterhead repeated over an I-94 part or in a footer has no
    title of a notice's kind under it)."""
    banner = max(top for top in heads if top - min(heads) <= HEAD_CLUSTER)  # the first notice's head, its last line
    titles = [top for top, text in title_candidates(page) if _is_title(patterns, text, page.text)]
    starts = [0.0]
    previous = banner
    for top in _clusters([seg.top for _, _, seg in page.index if _is_letterhead(patterns, seg.text)]):
        if top - previous < MIN_PART or not any(top <= title <= top + HEAD_CLUSTER for title in titles):
            continue
        if any(previous < head < top for head in heads):
            return []  # a banner between: the banners tell where notices start
        starts.append(_lifted(page, top))
        previous = top
    return starts if len(starts) >= 2 else []


_NAME_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022\u2013\u2014/]\s+")  # "... Security | U.S. Citizenship ..."


def _is_letterhead(patterns: Patterns, text: str) -> bool:
    """Whether a segment ``text`` is the agency's letterhead line (its name on a line of its own, or its names one
    after the other with a separator between: ``U.S. Department of Homeland Security | U.S. Citizenship ...``)."""
    return all(
        any(
            marker.where == "top" and marker.weight > 0 and marker.regex.match(part)
            for marker in patterns.notice_markers
        )
        for part in _NAME_SEPARATOR.split(text)
    )


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
    parts = [part for sheet in pages for part in _sheet_notices(patterns, sheet)]
    if len(parts) == 1:  # one page, one notice or none: nothing to split, no facts to read
        if notice_score(patterns, parts[0]) >= patterns.notice_threshold and not listing(patterns, parts[0]):
            return [parts], []
        return [], [parts[0].number]
    all_facts = [page_facts(patterns, page) for page in parts]
    for page, facts in zip(parts, all_facts, strict=True):
        facts.is_notice = facts.is_notice and not listing(patterns, page)
    _file_numbering(parts, all_facts)
    _letters(patterns, parts, all_facts)
    for page, facts in zip(parts, all_facts, strict=True):
        if not facts.is_notice and _blank(page):
            skipped.append(page.number)  # a duplex scan's blank back: between a notice's pages, it parts nothing
            continue
        if current is None and groups and _resumes(groups[-1], facts):
            current = groups[-1]  # a later page of the last notice, after a page of something else (a printed back)
        # Two notices side by side are two; a notice's later page printed beside its first (two pages to a sheet)
        # says so: its page number and the same receipt number.
        beside = current is not None and _beside(current.pages[-1], page) and not _runs_on(current, facts)
        if not beside and _continues(current, facts) and current is not None and current.facts is not None:
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


STAMP_REACH = 30.0  # points: a stamp's lines follow each other at most this far apart, overlapping across


def without_stamps(patterns: Patterns, page: Page) -> Page:
    """A scanned page without the rubber stamp its addressee's office put on it (``RECEIVED`` / a date /
    ``LEGAL DEPT.``: :data:`~docgen.notices.patterns.Patterns.stamp_head`, a date alone, ``stamp_foot``, each a
    segment of its own, stacked): the office's date is never read as the notice's. A page with no such stamp is
    returned as it is."""
    stamped: list[Segment] = []
    lines = page.lines
    for number, line in enumerate(lines):
        for head in line.segments:
            if not patterns.stamp_head.match(head.text):
                continue
            date = _under(lines, number, head, whole_date)
            foot = _under(lines, date[0], date[1], lambda text: bool(patterns.stamp_foot.match(text))) if date else None
            if date and foot:
                stamped += [head, date[1], foot[1]]
    if not stamped:
        return page
    gone = {id(word) for seg in stamped for word in seg.words}
    words = [word for line in lines for seg in line.segments for word in seg.words if id(word) not in gone]
    part = page.part(group_lines(words), page.offset)
    part.box = page.box
    return part


def _under(lines: list[Line], number: int, above: Segment, test: Callable[[str], bool]) -> tuple[int, Segment] | None:
    """The segment on the next line or the one after, under ``above`` (overlapping it across), whose text passes."""
    for later in range(number + 1, min(number + 3, len(lines))):
        for seg in lines[later].segments:
            if seg.top - above.bottom > STAMP_REACH or seg.x1 < above.x0 or seg.x0 > above.x1:
                continue
            if test(seg.text):
                return later, seg
    return None


LISTING_ROWS = 3  # receipt numbers of this many cases, one under the other in a column: a list of cases
LISTING_ALIGN = 4.0  # points: a column's entries start this near each other
LISTING_STEP = 40.0  # points: ... each at most this far under the one before


def listing(patterns: Patterns, page: Page) -> bool:
    """Whether ``page`` lists cases rather than being a notice: a table with a row per case (a case-management
    system's export, a tracking sheet), its column of receipt numbers holding at least :data:`LISTING_ROWS`
    different numbers one under the other. A notice prints its own receipt number (and at most a related case's or
    two, never a column of them); notices printed several to a sheet stand far apart."""
    found: list[tuple[float, float, str]] = []
    for _, _, seg in page.index:
        for match in patterns.tokens["receipt"].finditer(seg.text):
            value = read_receipt(match.group(0), patterns.offices)
            if value is not None and match.start() == 0:
                found.append((seg.x0, seg.top, str(value.value)))
    for x0, top, _ in found:
        column = sorted((t, r) for x, t, r in found if abs(x - x0) <= LISTING_ALIGN and t >= top)
        numbers: set[str] = set()
        last = top
        for row_top, number in column:
            if row_top - last > LISTING_STEP:
                break
            numbers.add(number)
            last = row_top
        if len(numbers) >= LISTING_ROWS:
            return True
    return False


def _file_numbering(parts: list[Page], facts: list[PageFacts]) -> None:
    """Page counts that number the whole file, not a notice's pages (a document bundle's or a fax's own footer,
    ``Confidential page 3 of 5`` on the file's third page of five), are no notice's numbering: its page 3 is no
    later page of the notice before it. A count is the file's when it numbers each page that prints it by its place
    in the file, out of the file's pages, and pages that print it open notices of their own (each a notice by its
    own marks, stating another kind or receipt number than the notice before). Such pages are numbered by their
    other count if they print one (the notice's own ``Page 2 of 2``), else not at all."""
    sheets = max((page.number for page in parts), default=0)
    own = [index for index, page in enumerate(parts) if (page.number, sheets) in facts[index].counts]
    if sheets < 3 or len(own) < 2:
        return
    notices = [facts[index] for index in own if facts[index].is_notice]
    opened = any(
        later.kind != earlier.kind or later.receipt != earlier.receipt
        for earlier, later in itertools.pairwise(notices)
        if None not in (later.kind, earlier.kind) or None not in (later.receipt, earlier.receipt)
    )
    if not opened:
        return
    for index in own:
        said = facts[index]
        other = [count for count in said.counts if count != (parts[index].number, sheets)]
        said.page, said.total = other[0] if other else (None, None)


def _sheet_notices(patterns: Patterns, sheet: Page) -> list[Page]:
    """The notices printed on one sheet, in the order they were printed: side by side (:func:`sheet_columns`), each
    side cut where a second notice stands under the first (:func:`sheet_parts`); four to a sheet (two by two) read
    row by row, as a printer lays out pages: left then right, top then bottom."""
    columns = [sheet_parts(patterns, column) for column in sheet_columns(patterns, printed_notice(patterns, sheet))]
    if len(columns) > 1:
        for side, parts in enumerate(columns):
            for part in parts:
                part.memo[SHEET_SIDE] = side
    return [column[row] for row in range(max(map(len, columns))) for column in columns if row < len(column)]


def _runs_on(group: Group, facts: PageFacts) -> bool:
    """Whether a page says it is a later page of ``group``'s notice: page 2 or later, the same receipt number."""
    receipt = group.facts.receipt if group.facts is not None else None
    return facts.page is not None and facts.page > 1 and receipt is not None and facts.receipt == receipt


SHEET_SIDE = "sheet_side"  # a part's memo: which side of a sheet printed two notices side by side it was cut from


def _beside(last: Page, page: Page) -> bool:
    """Whether ``page`` was cut from the other side of the sheet ``last`` was cut from: two notices printed side by
    side are two, whatever each states (a notice never runs on from one side of a sheet to the other's part)."""
    sides = (last.memo.get(SHEET_SIDE), page.memo.get(SHEET_SIDE))
    return last.number == page.number and None not in sides and sides[0] != sides[1]


BLANK_CHARS = 12  # letters and digits: a page with fewer holds nothing (a blank back, its specks read as text)


def _blank(page: Page) -> bool:
    """Whether a page holds (next to) nothing: a blank back of a duplex scan, or a smudge."""
    return sum(char.isalnum() for char in page.text) < BLANK_CHARS


def _resumes(group: Group, facts: PageFacts) -> bool:
    """Whether a page, after pages that belong to no notice, is a later page of ``group``: it says it is
    page 2 or later and repeats the notice's receipt number (in a header or a running header)."""
    receipt = group.facts.receipt if group.facts is not None else None
    if receipt is None or facts.page is None or facts.page < 2:
        return False
    if group.total is not None and facts.page > group.total:
        return False
    return facts.receipt == receipt or (facts.receipt is None and receipt in facts.running)


# A page that names itself a notice form's back ("Form I-797C (back)", "Reverse of Form I-797"), and a notice
# that sends its reader to its back ("see the additional information on the back", "see reverse").
_NAMES_BACK = re.compile(
    r"(?<![A-Z0-9])[I1l|!]?-?\s?797[A-E]?\W{0,3}(?:BACK|REVERSE)\b|\b(?:BACK|REVERSE)\W+(?:SIDE\W+)?OF\W+(?:FORM\W+)?"
    r"[I1l|!]?-?\s?797",
    re.IGNORECASE,
)
_SENDS_TO_BACK = re.compile(r"\b(?:ON|SEE)\W+(?:THE\W+)?(?:BACK|REVERSE)(?:\W+SIDE)?\b", re.IGNORECASE)


def printed_backs(
    patterns: Patterns, pages: list[Page], groups: list[list[Page]], skipped: list[int]
) -> dict[int, int]:
    """Pages left out of every notice that are the printed back of the notice just before them (page number:
    the notice's place in ``groups``): the next page of the file, holding no receipt number and no letter,
    that names itself the notice form's back or follows a notice that sends its reader to its back.
    A back belongs to its notice's pages; its general information is not read as the notice's fields."""
    by_number = {page.number: page for page in pages}
    found: dict[int, int] = {}
    for index, group in enumerate(groups):
        number = group[-1].number + 1
        page = by_number.get(number)
        if page is None or number not in skipped or _blank(page) or any(number == p.number for p in group):
            continue
        if any(_has_receipt(patterns, seg.text) for _, _, seg in page.index):
            continue  # a receipt number: another notice's page, or a letter about one
        if notice_score(patterns, page) < 0:
            continue  # a letter (a salutation, a closing)
        notice_text = "\n".join(p.text for p in group)
        if _NAMES_BACK.search(page.text) or _SENDS_TO_BACK.search(notice_text):
            found[number] = index
    return found
