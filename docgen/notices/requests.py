"""What an RFE or NOID asks for, and which USCIS office sent it, read from the notice's text.

USCIS numbers the requests of a Request for Evidence or a Notice of Intent to
Deny: ``1. Specialty occupation. Submit evidence that ...``. Each becomes a
:class:`Request` (its number, its short title, its whole wording and the page
it starts on), so a response letter can quote the notice's own words and a
packet check can tell which requests the letter leaves unanswered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.notices.model import NoticeFileResult

# "1. Title. Wording..." (or "1) Title: wording") at the start of a line.
_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+(?P<body>\S.*)$")
# A line that ends the list of requests: the notice's footer or a new heading.
_STOP = re.compile(
    r"^(Please see the additional information|U\.S\. CITIZENSHIP AND IMMIGRATION SERVICES|Form I-797)", re.IGNORECASE
)
_OFFICE = re.compile(r"\b([A-Z][A-Z]+(?: [A-Z][A-Z]+)* (?:SERVICE|BENEFITS) CENTER)\b")
_IGNORED_OFFICES = ("CONTACT CENTER",)


@dataclass(frozen=True)
class Request:
    """One numbered request of an RFE or NOID."""

    number: int
    title: str
    text: str
    page: int

    def as_data(self) -> dict[str, object]:
        """What a letter template sees: ``{item, title, request, page}``."""
        return {"item": self.number, "title": self.title, "request": self.text, "page": self.page}


def _split_title(body: str) -> tuple[str, str]:
    """``Specialty occupation. Submit ...`` -> (``Specialty occupation``, ``Submit ...``)."""
    match = re.match(r"(?P<title>[^.:]{2,80})[.:]\s+(?P<rest>\S.*)$", body)
    if match is None:
        return "", body
    return match.group("title").strip(), match.group("rest").strip()


def read_requests(page_texts: dict[int, str]) -> list[Request]:
    """The numbered requests printed on the pages of one notice, in order (numbering must run 1, 2, 3...)."""
    found: list[tuple[int, int, list[str]]] = []
    current: tuple[int, int, list[str]] | None = None
    for page in sorted(page_texts):
        for line in page_texts[page].splitlines():
            match = _ITEM.match(line)
            expected = (current[0] + 1) if current else 1
            if match and int(match.group(1)) == expected:
                current = (expected, page, [match.group("body").strip()])
                found.append(current)
            elif _STOP.match(line.strip()):
                current = None
            elif current is not None and line.strip():
                current[2].append(line.strip())
    requests = []
    for number, page, lines in found:
        body = re.sub(r"\s+", " ", " ".join(lines)).strip()
        title, text = _split_title(body)
        requests.append(Request(number, title, text, page))
    return requests


def read_office(page_texts: dict[int, str]) -> str | None:
    """The USCIS office that sent the notice (``CALIFORNIA SERVICE CENTER``), as printed, or None."""
    for page in sorted(page_texts):
        for match in _OFFICE.finditer(page_texts[page]):
            name = match.group(1)
            if not any(name.endswith(ignored) for ignored in _IGNORED_OFFICES):
                return name
    return None


def requests_of(result: NoticeFileResult, pages: list[int]) -> list[Request]:
    """The requests of the notice on ``pages`` of a file the notice reader read."""
    return read_requests({n: result.page_texts[n] for n in pages if n in result.page_texts})


def office_of(result: NoticeFileResult, pages: list[int]) -> str | None:
    """The office of the notice on ``pages`` of a file the notice reader read."""
    return read_office({n: result.page_texts[n] for n in pages if n in result.page_texts})
