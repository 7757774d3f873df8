"""The watched scan folder's recent problems on the mailroom desk: newest first, each with its scan's name and the
reason in one line, a short list (it kept one message, the last; the clerk lost the warning of the scan before)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from samples.notices import generate as generator

ROOT = Path(__file__).resolve().parents[2]


def _late_rfe(inbox: Path, name: str, days_late: int) -> None:
    """An RFE of the Okafor case whose response date passed ``days_late`` days ago, drawn as USCIS prints it."""
    import datetime as dt

    today = dt.date.today()
    spec = generator.i129_notice(
        name,
        "rfe",
        "grid",
        notice_date=(today - dt.timedelta(days=70 + days_late)).isoformat(),
        response_due=(today - dt.timedelta(days=days_late)).isoformat(),
    )
    (inbox / f"{name}.pdf").write_bytes(generator.notices_pdf([spec]))


def test_the_desk_lists_the_watcher_s_recent_problems_newest_first_each_with_its_scan(
    tmp_path: Path, client_for: Any, settings: Any, monkeypatch: Any
) -> None:
    # The clerk dropped two late RFEs in the scan folder; "Last problem" showed only the second one's warning, and
    # the first (an RFE whose response date had passed, to confirm today) was gone from the desk.
    from docgen.web.services import watcher as watching
    from tests.web.test_serve_watch import _wait_for

    shutil.copytree(ROOT / "samples" / "cases", tmp_path / "cases")
    inbox = tmp_path / "scans"
    inbox.mkdir()
    settings.DOCKET_PATH, settings.CASES_DIR = tmp_path / "docket.sqlite", tmp_path / "cases"
    monkeypatch.setattr("docgen.web.services.watcher.RESTART_PAUSES", (0.2,))
    running = watching.Watcher(inbox, tmp_path / "docket.sqlite", tmp_path / "cases", settle=0.3, poll=0.2)
    running.check()
    running.start()
    watching.install(running)
    try:
        for number, (name, late) in enumerate((("client-scan-a", 4), ("client-scan-b", 9), ("client-scan-c", 12))):
            _late_rfe(inbox, name, late)
            _wait_for(lambda n=number: running.status().review_total == n + 1, what=f"scan {name} read")
        inbox.rmdir()  # the share went away: a problem of the folder, no scan's, said once however often it fails
        _wait_for(lambda: running.status().restarts >= 3, what="three restarts")
        problems = running.status().problems
        page = client_for("mailroom").get("/mailroom/").content.decode()
        inbox.mkdir()
    finally:
        watching.install(None)
        assert running.stop(timeout=30)
    # the newest first; each scan's with its name, the reason in one line; the folder's (no scan) said once per
    # message however many restarts failed on it (the folder vanishing under the loop, then missing at each start)
    files = [p.file for p in problems]
    assert files[-3:] == ["client-scan-c.pdf", "client-scan-b.pdf", "client-scan-a.pdf"]
    assert 1 <= len(files) - 3 <= 2 and not any(files[:-3])
    assert "no such" in problems[0].reason.lower()
    assert problems[-3].reason.startswith("case ACME-2026-0142: RFE response due ") and "(12 day(s) ago)" in (
        problems[-3].reason
    )
    assert all("\n" not in p.reason for p in problems)
    assert [p.at for p in problems] == sorted((p.at for p in problems), reverse=True)
    listed = page.split('id="watch-problems"', 1)[1].split("</td>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", listed, re.S)
    assert len(items) == len(problems)
    assert 'class="file">client-scan-c.pdf</code>' in items[-3] and "(12 day(s) ago)" in items[-3]
    assert 'class="file">client-scan-a.pdf</code>' in items[-1] and "(4 day(s) ago)" in items[-1]
    # a short list: the oldest leave it
    for number in range(watching.RECENT_PROBLEMS + 2):
        running._problem(f"problem {number}", file=f"scan-{number}.pdf")
    kept = running.status().problems
    assert len(kept) == watching.RECENT_PROBLEMS and kept[0].file == f"scan-{watching.RECENT_PROBLEMS + 1}.pdf"
