"""What the desk's "Filed lately" list and an unfiling read from a docket of a few thousand notices, now and as
before (every notice; every resolved review twice and the case's audit log twice), side by side.

Run: ``.venv/bin/python -m bench.bench_docket_reads [--notices 3000] [--runs 20]``

The docket is SQLite in a temporary folder, written through the docket's own unit of work: fictional notices
filed to 300 cases, one in three filed from review (a resolved review item), an audit entry for each filing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.mailroom.docket import Docket, NewNotice, NoticeStatus, ReviewStatus, open_docket


def fill(docket: Docket, count: int) -> None:
    """``count`` filed notices over 300 cases (every fourth left in review), with their audit and review rows."""
    with docket.transaction() as tx:
        for index in range(count):
            case_id = f"BENCH-{index % 300:03d}"
            filed = index % 4 != 3
            notice_id = tx.add_notice(
                NewNotice(
                    identity=f"WAC26{index:08d}|approval|2026-09-02",
                    source_hash=f"{index:064x}",
                    source_pages="1",
                    status=NoticeStatus.FILED if filed else NoticeStatus.REVIEW,
                    data={"receipt_number": f"WAC26{index:08d}", "notice_type": "receipt", "form": "I-129"},
                    filed_path=f"/cases/{case_id}/notices/n{index}.pdf",
                    case_id=case_id if filed else None,
                )
            )
            if index % 3 == 0:
                review = tx.add_review("no case has this receipt number", f"/review/n{index}.pdf", notice_id)
                if filed:
                    tx.close_review(review, f"filed to {case_id}")
            if filed:
                tx.audit("notice filed", file=f"n{index}.pdf", case_id=case_id, notice=notice_id, changes=[])


def filed_lately_before(docket: Docket) -> list[Any]:
    notices = [n for n in docket.notices() if n.status is NoticeStatus.FILED and n.case_id]
    return list(reversed(notices[-15:]))


def unfile_reads_before(docket: Docket, notice_id: int, case_id: str) -> None:
    resolved = [r for r in docket.reviews(ReviewStatus.RESOLVED) if r.notice_id == notice_id]  # the filing review
    docket.audit_log(case_id)
    resolved += [r for r in docket.reviews(ReviewStatus.RESOLVED) if r.notice_id == notice_id]  # its folder
    docket.audit_log(case_id)  # deadlines done by hand
    [r for r in docket.reviews() if r.notice_id == notice_id]


def unfile_reads_now(docket: Docket, notice_id: int, case_id: str) -> None:
    docket.reviews(ReviewStatus.RESOLVED, notice_id=notice_id)
    docket.audit_log(case_id)
    docket.reviews(notice_id=notice_id)


def median_ms(func: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notices", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        location = str(Path(tmp) / "docket.sqlite")
        with open_docket(location, create=True) as docket:
            fill(docket, args.notices)
        with open_docket(location, create=False) as docket:
            assert [n.id for n in filed_lately_before(docket)] == [n.id for n in docket.latest_filed(15)]
            target = docket.latest_filed(1)[0]
            nid, case = target.id, str(target.case_id)
            rows = [
                ('"Filed lately" (15 shown)', lambda: filed_lately_before(docket), lambda: docket.latest_filed(15)),
                (
                    "unfile's reads of one notice",
                    lambda: unfile_reads_before(docket, nid, case),
                    lambda: unfile_reads_now(docket, nid, case),
                ),
            ]
            print(f"docket of {args.notices} notices (SQLite), median of {args.runs} runs")
            print(f"{'':34} {'as before':>12} {'now':>12}")
            for label, before, now in rows:
                print(f"{label:34} {median_ms(before, args.runs):9.2f} ms {median_ms(now, args.runs):9.2f} ms")


if __name__ == "__main__":
    main()
