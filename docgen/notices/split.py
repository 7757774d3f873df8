"""Split the pages of a file (a batch scan of the day's mail) into notices.

A page starts a new notice when it looks like a notice on its own (banner,
boxes, "Notice Type:") and does not continue the one before. It continues
the notice before when it says "Page 2 of 3", when it repeats that notice's
receipt number, or when it carries no header but the notice before said it
had more pages. Pages that are neither are left out of every notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.notices.fields import Finder
from docgen.notices.layout import Page
from docgen.notices.patterns import Patterns
from docgen.notices.reader import notice_score


@dataclass
class PageFacts:
    """What splitting needs to know about one page."""

    is_notice: bool
    receipt: str | None
    page: int | None
    total: int | None


@dataclass
class Group:
    """The pages of one notice."""

    pages: list[Page] = field(default_factory=list)
    receipt: str | None = None
    total: int | None = None

    def expects_more(self) -> bool:
        return self.total is not None and len(self.pages) < self.total


def page_facts(patterns: Patterns, page: Page) -> PageFacts:
    """Notice markers, receipt number and page numbering of one page."""
    finder = Finder(patterns)
    labels = {label.name: label for label in patterns.labels}
    receipt_hit = finder.labelled([page], labels["receipt_number"])
    numbering = finder.labelled([page], labels["page"]) if "page" in labels else None
    number, total = numbering.value if numbering and numbering.value else (None, None)
    if number is None:
        match = patterns.page_pattern.search(page.text)
        if match:
            number, total = int(match.group("page")), int(match.group("total"))
    return PageFacts(
        is_notice=notice_score(patterns, page.text) >= patterns.notice_threshold,
        receipt=receipt_hit.value if receipt_hit else None,
        page=number,
        total=total,
    )


def _continues(group: Group | None, facts: PageFacts) -> bool:
    if group is None:
        return False
    same_receipt = facts.receipt is not None and facts.receipt == group.receipt
    other_receipt = facts.receipt is not None and group.receipt is not None and facts.receipt != group.receipt
    if facts.page is not None and facts.page > 1 and not other_receipt:
        return True
    if same_receipt and facts.page != 1:
        return True
    return not facts.is_notice and group.expects_more()


def split_pages(patterns: Patterns, pages: list[Page]) -> tuple[list[list[Page]], list[int]]:
    """Pages grouped into notices, and the numbers of pages that belong to none."""
    groups: list[Group] = []
    skipped: list[int] = []
    current: Group | None = None
    for page in pages:
        facts = page_facts(patterns, page)
        if _continues(current, facts) and current is not None:
            current.pages.append(page)
            current.receipt = current.receipt or facts.receipt
        elif facts.is_notice:
            current = Group([page], facts.receipt, facts.total if facts.page in (1, None) else None)
            groups.append(current)
        else:
            current = None
            skipped.append(page.number)
    return [group.pages for group in groups], skipped
