"""``docgen deadlines digest``: new notices, deadlines within 14 days and overdue ones, as text and HTML."""

from __future__ import annotations

import datetime as dt
import html.parser
from pathlib import Path

import pytest

from docgen.cli import main
from docgen.mailroom.docket import Deadline, DeadlineKind, NewNotice, NoticeStatus, open_docket

from .conftest import NewDocket

TODAY = dt.datetime.now(dt.UTC).date()  # notices are stamped when recorded: the digest's day is today


def docket_of_the_day(location: str) -> None:
    with open_docket(location) as docket, docket.transaction() as tx:
        tx.add_notice(
            NewNotice(
                identity="WAC2690012345|rfe|2026-06-22",
                source_hash="ab" * 32,
                source_pages="1",
                status=NoticeStatus.FILED,
                data={
                    "form": "I-129",
                    "notice_type": "rfe",
                    "receipt_number": "WAC2690012345",
                    "notice_date": "2026-06-22",
                    "i94_number": "84112233445",
                },
                filed_path="/cases/ACME/notices/rfe.pdf",
                case_id="ACME-2026-0142",
            )
        )
        rows = [
            (DeadlineKind.RFE_RESPONSE, 3, "principal", "RFE response for <b>Okafor</b>"),
            (DeadlineKind.RECEIPT_MISSING, -5, "spouse: I-539", "Receipt for Form I-539 \x1b[2Jnot in"),
            (DeadlineKind.PASSPORT_EXPIRES, 200, "principal", "far away"),
        ]
        for kind, days, person, text in rows:
            tx.add_deadline(Deadline("ACME-2026-0142", person, kind, TODAY + dt.timedelta(days=days), text))
        tx.add_review("no case has this receipt number or these names", "/review/x.pdf")


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_digest_lists_overdue_soon_and_new(
    tmp_path: Path, new_docket: NewDocket, capsys: pytest.CaptureFixture[str]
) -> None:
    location = new_docket(tmp_path)
    docket_of_the_day(location)
    assert main(["deadlines", "digest", "--docket", location, "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    overdue, soon, new = text.split("\n\n")[1:4]
    assert overdue.startswith("Overdue (1)") and "5 day(s) ago" in overdue and "\\x1b[2J" in overdue
    assert "\x1b" not in text
    assert soon.startswith("Due within 14 days (1)") and "in 3 day(s)" in soon and "far away" not in text
    assert new.startswith("New notices since") and "ACME-2026-0142: I-129 rfe WAC2690012345 of 2026-06-22" in new
    assert "84112233445" not in text  # an I-94 number never goes out by mail
    assert "1 item(s) wait for review" in text

    page = tmp_path / "digest.html"
    args = ["deadlines", "digest", "--docket", location, "--today", TODAY.isoformat(), "--format", "html"]
    assert main([*args, "-o", str(page)]) == 0
    assert "0 need attention, 1 overdue, 1 due soon, 1 new notice(s)" in capsys.readouterr().out
    parser = _Text()
    parser.feed(page.read_text())
    assert "b" not in parser.tags and "RFE response for <b>Okafor</b>" in "".join(parser.text)  # shown, not run
    assert "\x1b" not in page.read_text() and "84112233445" not in page.read_text()
    assert oct(page.stat().st_mode & 0o777) == "0o600"

    later = (TODAY + dt.timedelta(days=3)).isoformat()
    assert main(["deadlines", "digest", "--docket", location, "--today", later]) == 0
    assert "New notices since" in (out := capsys.readouterr().out) and "(0)\n  none" in out


def test_deadlines_still_lists_and_asks_for_a_docket(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    location = str(tmp_path / "docket.sqlite")
    docket_of_the_day(location)
    assert main(["deadlines", "--docket", location]) == 0
    assert "RFE response" in capsys.readouterr().out
    assert main(["deadlines"]) == 2
    assert "--docket" in capsys.readouterr().err
    assert main(["deadlines", "digest", "--docket", str(tmp_path / "typo.sqlite")]) == 11


def test_a_flagged_deadline_is_listed_once_under_needs_attention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    location = str(tmp_path / "docket.sqlite")
    docket_of_the_day(location)  # its RFE response (in 3 days) and the receipt awaited (5 days ago) get flagged
    with open_docket(location) as docket, docket.transaction() as tx:
        tx.add_deadline(Deadline("OTHER-2026-0001", "principal", DeadlineKind.I94_EXPIRES, TODAY, "I-94 of Other"))
        flagged = tx.case_file_gone("ACME-2026-0142", TODAY)
    assert {r.kind for r in flagged} >= {DeadlineKind.RFE_RESPONSE, DeadlineKind.RECEIPT_MISSING}
    assert main(["deadlines", "digest", "--docket", location, "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    attention, overdue, soon = text.split("\n\n")[1:4]
    assert attention.startswith("Needs attention: case file missing (3)")  # the far-away passport too
    for line in ("RFE response for <b>Okafor</b>", "not in", "far away"):
        assert text.count(line) == 1 and line in attention
    assert overdue == "Overdue (0)\n  none"
    assert soon.startswith("Due within 14 days (1)") and "I-94 of Other" in soon  # an unflagged one stays
    flagged_ids = {r.id for r in flagged}
    assert all(f"(id {i})" in attention for i in flagged_ids)  # what 'docgen mailroom done ID' needs

    page = tmp_path / "digest.html"
    args = ["deadlines", "digest", "--docket", location, "--today", TODAY.isoformat(), "--format", "html"]
    assert main([*args, "-o", str(page)]) == 0
    assert "3 need attention, 0 overdue, 1 due soon" in capsys.readouterr().out
    html_text = page.read_text()
    assert html_text.count("far away") == 1 and html_text.count("Okafor") == 1
