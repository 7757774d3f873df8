"""The docket contract: what every implementation of :class:`docgen.mailroom.docket.Docket` must do.

Each test runs once per implementation in ``IMPLEMENTATIONS``. A new one (the
team's PostgreSQL docket) is added there and must pass every test unchanged.
An implementation is given as a function of the test's request and a fresh
temporary folder that returns the location of a new, empty docket; the
opener opens a new handle on it at each call (a second process, in effect).
PostgreSQL runs on the throw-away server of tests/pgserver.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docgen.mailroom.docket import (
    ANSWERED_BY_DECISION,
    SUPERSEDED_BY_APPROVAL,
    Deadline,
    DeadlineKind,
    DeadlineRecord,
    Docket,
    NewNotice,
    NoticeStatus,
    ReviewStatus,
    SourceStatus,
    open_docket,
)
from docgen.mailroom.postgres_docket import PostgresDocket
from docgen.mailroom.sql_docket import MIGRATIONS
from docgen.mailroom.sqlite_docket import SqliteDocket

from .pgserver import Server

Opener = Callable[[], Docket]


def _sqlite(request: pytest.FixtureRequest, folder: Path) -> str:
    return str(folder / "docket.sqlite")


def _postgresql(request: pytest.FixtureRequest, folder: Path) -> str:
    server: Server = request.getfixturevalue("postgres_server")
    return server.fresh()


IMPLEMENTATIONS: dict[str, Callable[[pytest.FixtureRequest, Path], str]] = {
    "sqlite": _sqlite,
    "postgresql": _postgresql,
}


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    location = IMPLEMENTATIONS[request.param](request, tmp_path)
    return lambda: open_docket(location)


@pytest.fixture
def docket(opener: Opener) -> Iterator[Docket]:
    with opener() as handle:
        yield handle


DAY = dt.date(2026, 6, 1)


def notice(identity: str = "WAC2690012345|approval|2026-09-02", **data: object) -> NewNotice:
    values = {"receipt_number": "WAC2690012345", "notice_type": "approval", "form": "I-129"} | data
    values.setdefault("notice_date", identity.rsplit("|", 1)[-1])
    return NewNotice(
        identity=identity,
        source_hash="ab" * 32,
        source_pages="1",
        status=NoticeStatus.FILED,
        data=values,
        filed_path="/cases/ACME/notices/x.pdf",
        case_id="ACME",
    )


def deadline(kind: DeadlineKind, due: dt.date, person: str = "principal", case_id: str = "ACME") -> Deadline:
    return Deadline(case_id, person, kind, due, f"{kind.value} for {person}")


def test_a_new_docket_is_empty(docket: Docket) -> None:
    assert docket.schema_version >= 1
    assert docket.deadlines_due() == [] and docket.notices() == [] and docket.reviews() == []
    assert docket.audit_log() == [] and docket.intents() == []
    assert docket.notice(1) is None and docket.review(1) is None and docket.find_notice("x") is None
    assert docket.source_status("00" * 32) is None and docket.case_for_receipt("WAC2690012345") is None
    assert docket.location


def test_a_notice_reads_back_as_recorded(docket: Docket) -> None:
    with docket.transaction() as tx:
        assert not tx.notice_taken("WAC2690012345|approval|2026-09-02")
        notice_id = tx.add_notice(notice())
        assert tx.notice_taken("WAC2690012345|approval|2026-09-02")
    record = docket.notice(notice_id)
    assert record is not None and record == docket.find_notice("WAC2690012345|approval|2026-09-02")
    assert record.status is NoticeStatus.FILED and record.case_id == "ACME"
    assert (record.receipt_number, record.notice_type, record.form, record.notice_date) == (
        "WAC2690012345",
        "approval",
        "I-129",
        "2026-09-02",
    )
    assert record.data["form"] == "I-129" and record.source_pages == "1" and record.source_hash == "ab" * 32
    assert docket.notices("ACME") == [record] and docket.notices("OTHER") == []
    assert docket.case_for_receipt("WAC2690012345") == "ACME"


def test_update_notice_replaces_what_is_known(docket: Docket) -> None:
    waiting = dataclasses.replace(notice(), status=NoticeStatus.REVIEW, case_id=None)
    with docket.transaction() as tx:
        notice_id = tx.add_notice(waiting)
    assert docket.case_for_receipt("WAC2690012345") is None
    corrected = notice("EAC2690200777|approval|2026-09-02", receipt_number="EAC2690200777")
    with docket.transaction() as tx:
        tx.update_notice(notice_id, corrected)
    record = docket.notice(notice_id)
    assert record is not None and record.identity == "EAC2690200777|approval|2026-09-02"
    assert record.status is NoticeStatus.FILED and record.receipt_number == "EAC2690200777"
    assert docket.find_notice("WAC2690012345|approval|2026-09-02") is None


def test_a_unit_of_work_that_fails_records_nothing(docket: Docket) -> None:
    with pytest.raises(RuntimeError), docket.transaction() as tx:
        tx.add_notice(notice())
        tx.add_deadline(deadline(DeadlineKind.RFE_RESPONSE, DAY))
        tx.add_review("why", "/r.pdf")
        tx.audit("notice filed", case_id="ACME")
        tx.record_source("cd" * 32, "scan.pdf", SourceStatus.DONE, 1)
        raise RuntimeError("killed half-way")
    assert docket.notices() == [] and docket.deadlines_due() == [] and docket.reviews() == []
    assert docket.audit_log() == [] and docket.source_status("cd" * 32) is None


def test_what_one_handle_commits_the_next_sees(opener: Opener) -> None:
    with opener() as first, first.transaction() as tx:
        tx.add_notice(notice())
        tx.audit("notice filed", file="scan.pdf", case_id="ACME")
    with opener() as second:
        assert second.find_notice("WAC2690012345|approval|2026-09-02") is not None
        assert [a.action for a in second.audit_log()] == ["notice filed"]


def test_deadlines_are_typed_kept_once_and_soonest_first(docket: Docket) -> None:
    later = deadline(DeadlineKind.PASSPORT_EXPIRES, DAY + dt.timedelta(days=400))
    soon = deadline(DeadlineKind.RFE_RESPONSE, DAY + dt.timedelta(days=10))
    with docket.transaction() as tx:
        for each in (later, soon, soon, later):
            tx.add_deadline(each)
    rows = docket.deadlines_due()
    assert [(r.kind, r.due) for r in rows] == [(soon.kind, soon.due), (later.kind, later.due)]
    assert all(isinstance(r, DeadlineRecord) and isinstance(r.kind, DeadlineKind) for r in rows)
    assert rows[0].id != rows[1].id and not rows[0].done and rows[0].notice_id is None
    assert rows[0].days_left(DAY) == 10
    assert [r.kind for r in docket.deadlines_due(within_days=30, today=DAY)] == [DeadlineKind.RFE_RESPONSE]
    assert docket.deadlines_due(within_days=10**9, today=DAY) == rows  # no overflow, no limit


def test_every_deadline_kind_round_trips(docket: Docket) -> None:
    with docket.transaction() as tx:
        for offset, kind in enumerate(DeadlineKind):
            tx.add_deadline(deadline(kind, DAY + dt.timedelta(days=offset)))
    assert [r.kind for r in docket.deadlines_due()] == list(DeadlineKind)


def test_a_deadline_marked_done_stays_done_when_the_case_gives_it_again(docket: Docket) -> None:
    passport = deadline(DeadlineKind.PASSPORT_EXPIRES, DAY)
    i94 = deadline(DeadlineKind.I94_EXPIRES, DAY)
    with docket.transaction() as tx:
        tx.add_deadline(passport)
        tx.add_deadline(i94)
    passport_id = next(r.id for r in docket.deadlines_due() if r.kind is DeadlineKind.PASSPORT_EXPIRES)
    with docket.transaction() as tx:
        done = tx.mark_done(passport_id)
        assert done is not None and done.done and done.kind is DeadlineKind.PASSPORT_EXPIRES
        assert tx.mark_done(passport_id) is None  # not open any more
        assert tx.mark_done(987654321) is None
    with docket.transaction() as tx:  # a case file read again: its deadlines recorded anew
        assert tx.record_case_deadlines("ACME", [passport, i94]) == []
    assert [r.kind for r in docket.deadlines_due()] == [DeadlineKind.I94_EXPIRES]
    assert [(r.kind, r.superseded) for r in docket.deadlines_closed(since=DAY)] == [
        (DeadlineKind.PASSPORT_EXPIRES, False)
    ]


def test_recording_case_deadlines_keeps_those_from_notices_and_other_cases(docket: Docket) -> None:
    with docket.transaction() as tx:
        notice_id = tx.add_notice(notice())
        tx.add_deadline(deadline(DeadlineKind.STATUS_VALID_UNTIL, DAY), notice_id)
        tx.add_deadline(deadline(DeadlineKind.PASSPORT_EXPIRES, DAY))
        tx.add_deadline(deadline(DeadlineKind.PASSPORT_EXPIRES, DAY, case_id="OTHER"))
    with docket.transaction() as tx:
        gone = tx.record_case_deadlines("ACME", [])
    assert [(r.case_id, r.kind, r.due, r.done, r.superseded) for r in gone] == [
        ("ACME", DeadlineKind.PASSPORT_EXPIRES, DAY, True, True)
    ]
    left = {(r.case_id, r.kind, r.notice_id) for r in docket.deadlines_due()}
    assert left == {
        ("ACME", DeadlineKind.STATUS_VALID_UNTIL, notice_id),
        ("OTHER", DeadlineKind.PASSPORT_EXPIRES, None),
    }


def test_a_case_file_date_changed_supersedes_the_old_deadline_rather_than_dropping_it(docket: Docket) -> None:
    old, new = deadline(DeadlineKind.PASSPORT_EXPIRES, DAY), deadline(DeadlineKind.PASSPORT_EXPIRES, DAY.replace(2036))
    i94 = deadline(DeadlineKind.I94_EXPIRES, DAY)
    with docket.transaction() as tx:
        assert tx.record_case_deadlines("ACME", [old, i94]) == []
    old_id = next(r.id for r in docket.deadlines_due() if r.kind is DeadlineKind.PASSPORT_EXPIRES)
    with docket.transaction() as tx:  # the passport renewed: the file gives the new date
        gone = tx.record_case_deadlines("ACME", [new, i94])
    assert [(r.id, r.due, r.done, r.superseded) for r in gone] == [(old_id, DAY, True, True)]
    assert {(r.kind, r.due) for r in docket.deadlines_due()} == {
        (DeadlineKind.PASSPORT_EXPIRES, new.due),
        (DeadlineKind.I94_EXPIRES, DAY),
    }
    closed = docket.deadlines_closed(since=DAY)  # kept, closed: a calendar is sent it as cancelled
    assert [(r.id, r.superseded) for r in closed] == [(old_id, True)]
    with docket.transaction() as tx:  # read again unchanged: nothing more superseded
        assert tx.record_case_deadlines("ACME", [new, i94]) == []
    with docket.transaction() as tx:  # the change undone (a typing slip): the old one opens again
        back = tx.record_case_deadlines("ACME", [old, i94])
    assert [(r.due, r.superseded) for r in back] == [(new.due, True)]
    assert {(r.id, r.due, r.superseded) for r in docket.deadlines_due() if r.kind is DeadlineKind.PASSPORT_EXPIRES} == {
        (old_id, DAY, False)
    }


def test_a_notice_giving_the_day_of_a_superseded_case_deadline_opens_it_as_the_notice_s(docket: Docket) -> None:
    old, new = deadline(DeadlineKind.I94_EXPIRES, DAY), deadline(DeadlineKind.I94_EXPIRES, DAY.replace(2029))
    with docket.transaction() as tx:
        tx.record_case_deadlines("ACME", [old])
    with docket.transaction() as tx:
        assert [r.due for r in tx.record_case_deadlines("ACME", [new])] == [DAY]
        notice_id = tx.add_notice(notice())
        tx.add_deadline(old, notice_id)  # an I-797A read later gives the old day: its deadline is not lost
    due = {(r.due, r.notice_id) for r in docket.deadlines_due()}
    assert due == {(DAY, notice_id), (new.due, None)}
    with docket.transaction() as tx:  # the case file read again: the notice's deadline is not the file's to close
        assert tx.record_case_deadlines("ACME", [new]) == []
    assert {(r.due, r.notice_id) for r in docket.deadlines_due()} == due
    hand_done = deadline(DeadlineKind.PASSPORT_EXPIRES, DAY)
    with docket.transaction() as tx:
        tx.add_deadline(hand_done)
    with docket.transaction() as tx:
        tx.mark_done(next(r.id for r in docket.deadlines_due() if r.kind is DeadlineKind.PASSPORT_EXPIRES))
        tx.add_deadline(hand_done, notice_id)  # done by hand stays done
    assert not any(r.kind is DeadlineKind.PASSPORT_EXPIRES for r in docket.deadlines_due())


def test_a_later_approval_supersedes_the_earlier_ones_validity(docket: Docket) -> None:
    old_end, new_end = dt.date(2026, 9, 30), dt.date(2029, 9, 30)
    with docket.transaction() as tx:
        old = tx.add_notice(notice("WAC2390123456|approval|2023-07-20", receipt_number="WAC2390123456"))
        new = tx.add_notice(notice())
        for notice_id, end in ((old, old_end), (new, new_end)):
            for kind in SUPERSEDED_BY_APPROVAL:
                tx.add_deadline(deadline(kind, end), notice_id)
        tx.add_deadline(deadline(DeadlineKind.STATUS_VALID_UNTIL, old_end, person="spouse"), old)
        tx.supersede("ACME", "principal", SUPERSEDED_BY_APPROVAL)
    rows = docket.deadlines_due()
    principal = {(r.kind, r.due) for r in rows if r.person == "principal"}
    assert principal == {(kind, new_end) for kind in SUPERSEDED_BY_APPROVAL}
    assert any(r.person == "spouse" for r in rows)  # another person's validity is theirs


def test_a_decision_closes_the_response_deadlines_of_its_receipt(docket: Docket) -> None:
    with docket.transaction() as tx:
        rfe = tx.add_notice(notice("WAC2690012345|rfe|2026-06-22", notice_type="rfe"))
        other = tx.add_notice(
            notice("WAC2690099999|noid|2026-06-22", receipt_number="WAC2690099999", notice_type="noid")
        )
        tx.add_deadline(deadline(DeadlineKind.RFE_RESPONSE, DAY), rfe)
        tx.add_deadline(deadline(DeadlineKind.NOID_RESPONSE, DAY), other)
        tx.add_deadline(deadline(DeadlineKind.BIOMETRICS, DAY), rfe)
        tx.close_response_deadlines("WAC2690012345", ANSWERED_BY_DECISION)  # no decision yet: nothing answered
    assert {r.kind for r in docket.deadlines_due()} == set(ANSWERED_BY_DECISION) | {DeadlineKind.BIOMETRICS}
    with docket.transaction() as tx:
        tx.add_notice(notice("WAC2690012345|approval|2026-09-02"))
        tx.close_response_deadlines("WAC2690012345", ANSWERED_BY_DECISION)
    assert {r.kind for r in docket.deadlines_due()} == {DeadlineKind.NOID_RESPONSE, DeadlineKind.BIOMETRICS}


def test_a_decision_filed_before_its_rfe_still_answers_it_but_an_older_one_does_not(docket: Docket) -> None:
    """Two ingests at once may record an approval before the RFE it answers: the outcome is the same."""
    with docket.transaction() as tx:
        tx.add_notice(notice("WAC2690012345|approval|2026-09-02"))
        tx.add_notice(notice("WAC2690099999|approval|2026-01-05", receipt_number="WAC2690099999"))
        rfe = tx.add_notice(notice("WAC2690012345|rfe|2026-06-22", notice_type="rfe"))
        noid = tx.add_notice(
            notice("WAC2690099999|noid|2026-06-22", receipt_number="WAC2690099999", notice_type="noid")
        )
        tx.add_deadline(deadline(DeadlineKind.RFE_RESPONSE, DAY), rfe)
        tx.add_deadline(deadline(DeadlineKind.NOID_RESPONSE, DAY), noid)
        tx.close_response_deadlines("WAC2690012345", ANSWERED_BY_DECISION)
        tx.close_response_deadlines("WAC2690099999", ANSWERED_BY_DECISION)
    assert [r.kind for r in docket.deadlines_due()] == [DeadlineKind.NOID_RESPONSE]  # its approval came before it


def test_review_items_open_and_close(docket: Docket) -> None:
    with docket.transaction() as tx:
        notice_id = tx.add_notice(dataclasses.replace(notice(), status=NoticeStatus.REVIEW, case_id=None))
        first = tx.add_review("no case has this receipt number", "/review/a.pdf", notice_id=notice_id)
        second = tx.add_review("not a notice", "/review/b.pdf", source_hash="ef" * 32)
    items = docket.reviews()
    assert [i.id for i in items] == [first, second] and all(i.status is ReviewStatus.OPEN for i in items)
    assert items[0].notice_id == notice_id and items[1].source_hash == "ef" * 32 and items[1].notice_id is None
    with docket.transaction() as tx:
        tx.close_review(first, "filed to ACME")
    assert [i.id for i in docket.reviews()] == [second]
    (closed,) = docket.reviews(ReviewStatus.RESOLVED)
    assert closed.resolution == "filed to ACME" and closed.resolved_at and closed == docket.review(first)


def test_the_latest_filed_notices_and_one_notice_s_review_items(docket: Docket) -> None:
    ids = []
    with docket.transaction() as tx:
        for day in range(1, 6):  # filed, to review, filed, to review, filed
            filed = day % 2 == 1
            recorded = notice(f"WAC2690012345|approval|2026-09-0{day}")
            if not filed:
                recorded = dataclasses.replace(recorded, status=NoticeStatus.REVIEW, case_id=None)
            ids.append(tx.add_notice(recorded))
        first = tx.add_review("no case has this receipt number", "/review/a.pdf", notice_id=ids[1])
        tx.add_review("another notice's", "/review/b.pdf", notice_id=ids[3])
        again = tx.add_review("unfiled from ACME", "/review/c.pdf", notice_id=ids[1])
        tx.close_review(first, "filed to ACME")
    assert [n.id for n in docket.latest_filed(2)] == [ids[4], ids[2]]  # newest first, those to review left out
    assert [n.id for n in docket.latest_filed(10)] == [ids[4], ids[2], ids[0]]
    assert [r.id for r in docket.reviews(notice_id=ids[1])] == [again]
    assert [r.id for r in docket.reviews(ReviewStatus.RESOLVED, notice_id=ids[1])] == [first]
    assert docket.reviews(ReviewStatus.RESOLVED, notice_id=ids[3]) == []


def test_the_audit_log_keeps_who_what_and_details(docket: Docket, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_ACTOR", "maria")
    with docket.transaction() as tx:
        tx.audit("case updated", file="scan.pdf", case_id="ACME", changes=[{"path": "facts.status", "after": "x"}])
        tx.audit("file sent to review", file="junk.pdf", reason="not a notice")
    log = docket.audit_log()
    assert [a.action for a in log] == ["case updated", "file sent to review"]
    assert log[0].actor == "maria" and log[0].at and log[0].details["changes"][0]["path"] == "facts.status"
    assert docket.audit_log("ACME") == log[:1]


def test_sources_remember_what_came_of_a_file(docket: Docket) -> None:
    with docket.transaction() as tx:
        tx.record_source("cd" * 32, "scan.pdf", SourceStatus.REVIEW, 0)
    assert docket.source_status("cd" * 32) is SourceStatus.REVIEW
    with docket.transaction() as tx:
        tx.record_source("cd" * 32, "scan-again.pdf", SourceStatus.DONE, 2)
    assert docket.source_status("cd" * 32) is SourceStatus.DONE


def test_intents_wait_until_dropped_and_hold_their_notice(docket: Docket) -> None:
    payload = {"kind": "ingest", "changes": [{"path": "facts.status", "before": None, "after": "approved"}]}
    with docket.transaction() as tx:
        intent_id = tx.add_intent("WAC2690012345|approval|2026-09-02", "ACME", "/cases/acme.yaml", payload)
    with docket.transaction() as tx:
        assert tx.notice_taken("WAC2690012345|approval|2026-09-02")  # being filed: not taken twice
        assert tx.intent_pending(intent_id)
    (intent,) = docket.intents()
    assert (intent.id, intent.case_id, intent.case_path, intent.payload) == (
        intent_id,
        "ACME",
        "/cases/acme.yaml",
        payload,
    )
    with docket.transaction() as tx:
        tx.drop_intent(intent_id)
        assert not tx.intent_pending(intent_id)
    assert docket.intents() == []


def test_open_docket_picks_the_implementation_by_location(tmp_path: Path) -> None:
    with open_docket(tmp_path / "d.sqlite") as by_path, open_docket(f"sqlite:///{tmp_path}/d.sqlite") as by_url:
        assert isinstance(by_path, SqliteDocket) and by_path.location == by_url.location
    from docgen.errors import DocketError

    with pytest.raises(DocketError, match="cannot reach the docket database") as caught:
        open_docket(f"postgresql://team:s3cret-pw@/docket?host={tmp_path}&port=1")  # no server there
    assert "s3cret-pw" not in str(caught.value) and "team@" in str(caught.value)
    with pytest.raises(DocketError) as caught:
        open_docket(f"postgresql:///docket?host={tmp_path}&password=s3cret-pw")
    assert "s3cret-pw" not in str(caught.value)
    with pytest.raises(DocketError, match="no docket here"):
        open_docket(tmp_path / "typo.sqlite", create=False)


def test_open_docket_gives_a_postgresql_docket_for_its_address(postgres_server: Server) -> None:
    address = postgres_server.fresh()
    with open_docket(address) as docket:
        assert isinstance(docket, PostgresDocket) and docket.schema_version == len(MIGRATIONS)
    with open_docket(address.replace("postgresql://docgen@", "postgresql://docgen:hunter2-pw@")) as docket:
        assert "hunter2-pw" not in docket.location and docket.schema_version == len(MIGRATIONS)


def test_a_docket_of_a_newer_schema_is_refused(opener: Opener) -> None:
    with opener() as docket, docket.transaction() as tx:
        tx.audit("made")
    with opener() as docket:
        if isinstance(docket, SqliteDocket):
            docket.db.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
        else:
            docket.db.execute("UPDATE docgen_schema SET version=?", (len(MIGRATIONS) + 1,))
    from docgen.errors import DocketError

    with pytest.raises(DocketError, match="newer than this docgen knows"):
        opener()


def test_ten_concurrent_writers_lose_and_double_nothing(opener: Opener) -> None:
    """Threads with their own handles race to record the same notices: each is recorded once, none lost."""
    import threading

    with opener():
        pass  # the schema made once
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            with opener() as handle:
                for index in range(10):
                    identity = f"WAC26900{index:05d}|approval|2026-09-02"
                    with handle.transaction() as tx:
                        if not tx.notice_taken(identity):
                            tx.add_notice(notice(identity))
                        tx.audit("writer", case_id="ACME", writer=number, index=index)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with opener() as docket:
        assert sorted(n.identity for n in docket.notices()) == [
            f"WAC26900{index:05d}|approval|2026-09-02" for index in range(10)
        ]
        assert len(docket.audit_log()) == 100


def test_aliases_are_kept_once_per_case_listed_and_removed(docket: Docket, monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.mailroom.docket import AliasKind, NewAlias, acting_as

    monkeypatch.setenv("DOCGEN_ACTOR", "clerk")
    name = NewAlias(AliasKind.NAME, "LINDGREN ASTRID", "LINDGREN, ASTRID", "ACME", person="principal", review_id=3)
    with docket.transaction() as tx:
        first = tx.add_alias(name)
        assert tx.add_alias(name) is None  # the same alias for the same case: kept once
        with acting_as("maja"):  # a workspace user, in this thread only
            other = tx.add_alias(dataclasses.replace(name, case_id="OTHER"))
        receipt = tx.add_alias(NewAlias(AliasKind.RECEIPT, "EAC2690200777", "EAC2690200777", "ACME"))
    assert first is not None and other is not None and receipt is not None
    rows = docket.aliases()
    assert [(a.id, a.case_id, a.created_by) for a in rows] == [
        (first, "ACME", "clerk"),
        (other, "OTHER", "maja"),
        (receipt, "ACME", "clerk"),
    ]
    assert rows[0].kind is AliasKind.NAME and rows[0].person == "principal" and rows[0].review_id == 3
    assert rows[0].written == "LINDGREN, ASTRID" and rows[0].created_at
    assert [a.case_id for a in docket.aliases(AliasKind.NAME, "LINDGREN ASTRID")] == ["ACME", "OTHER"]
    assert docket.aliases(AliasKind.NAME, "EAC2690200777") == [] and len(docket.aliases(AliasKind.RECEIPT)) == 1
    with docket.transaction() as tx:
        gone = tx.remove_alias(first)
        assert gone == rows[0] and tx.remove_alias(first) is None
    assert [a.id for a in docket.aliases()] == [other, receipt]


def test_closed_deadlines_are_listed_from_a_day_on(docket: Docket) -> None:
    with docket.transaction() as tx:
        for offset, kind in (
            (-40, DeadlineKind.BIOMETRICS),
            (-5, DeadlineKind.RFE_RESPONSE),
            (30, DeadlineKind.I94_EXPIRES),
        ):
            tx.add_deadline(deadline(kind, DAY + dt.timedelta(days=offset)))
        tx.add_deadline(deadline(DeadlineKind.PASSPORT_EXPIRES, DAY))
    with docket.transaction() as tx:
        for row in docket.deadlines_due():
            if row.kind is not DeadlineKind.PASSPORT_EXPIRES:
                tx.mark_done(row.id)
    closed = docket.deadlines_closed(since=DAY - dt.timedelta(days=30))
    assert [(r.kind, r.done) for r in closed] == [(DeadlineKind.RFE_RESPONSE, True), (DeadlineKind.I94_EXPIRES, True)]
    assert [r.kind for r in docket.deadlines_due()] == [DeadlineKind.PASSPORT_EXPIRES]


def test_a_gone_case_file_flags_its_open_deadlines_and_its_return_clears_them(docket: Docket) -> None:
    gone_day = DAY + dt.timedelta(days=3)
    with docket.transaction() as tx:
        notice_id = tx.add_notice(notice())
        tx.add_deadline(deadline(DeadlineKind.RFE_RESPONSE, DAY), notice_id)  # a notice's deadline is flagged too
        tx.record_case_deadlines("ACME", [deadline(DeadlineKind.PASSPORT_EXPIRES, DAY)])
        tx.add_deadline(deadline(DeadlineKind.I94_EXPIRES, DAY))
        tx.add_deadline(deadline(DeadlineKind.PASSPORT_EXPIRES, DAY, case_id="OTHER"))
    done_id = next(r.id for r in docket.deadlines_due() if r.kind is DeadlineKind.I94_EXPIRES)
    with docket.transaction() as tx:
        tx.mark_done(done_id)  # closed by hand: not flagged, not reopened
    with docket.transaction() as tx:
        flagged = tx.case_file_gone("ACME", gone_day)
        assert tx.case_file_gone("ACME", gone_day + dt.timedelta(days=1)) == []  # flagged once, its first day kept
    assert {(r.kind, r.case_missing_since, r.done) for r in flagged} == {
        (DeadlineKind.RFE_RESPONSE, gone_day, False),
        (DeadlineKind.PASSPORT_EXPIRES, gone_day, False),
    }
    open_rows = {(r.case_id, r.kind): r for r in docket.deadlines_due()}  # kept open: never closed silently
    assert set(open_rows) == {
        ("ACME", DeadlineKind.RFE_RESPONSE),
        ("ACME", DeadlineKind.PASSPORT_EXPIRES),
        ("OTHER", DeadlineKind.PASSPORT_EXPIRES),
    }
    assert open_rows["ACME", DeadlineKind.PASSPORT_EXPIRES].case_missing_since == gone_day
    assert not open_rows["OTHER", DeadlineKind.PASSPORT_EXPIRES].case_missing
    with docket.transaction() as tx:  # a person closes one by hand
        closed = tx.mark_done(open_rows["ACME", DeadlineKind.RFE_RESPONSE].id)
    assert closed is not None and closed.done and closed.case_missing_since == gone_day
    with docket.transaction() as tx:  # the file back (same case id): the open one is no longer flagged
        back = tx.case_file_back("ACME")
        assert tx.case_file_back("ACME") == []
    assert [(r.kind, r.case_missing) for r in back] == [(DeadlineKind.PASSPORT_EXPIRES, False)]
    assert not any(r.case_missing for r in docket.deadlines_due())
    assert [r.kind for r in docket.deadlines_closed(since=DAY)] == [DeadlineKind.RFE_RESPONSE, DeadlineKind.I94_EXPIRES]


def test_a_notice_unfiled_withdraws_its_deadlines_and_its_receipt_is_awaited_again(docket: Docket) -> None:
    from docgen.mailroom.docket import ExpectationStatus, NewExpectedReceipt

    with docket.transaction() as tx:
        approval = tx.add_notice(notice())
        receipt = tx.add_notice(notice("WAC2690012345|receipt|2026-06-04", notice_type="receipt"))
        tx.add_deadline(deadline(DeadlineKind.STATUS_VALID_UNTIL, DAY), approval)
        tx.add_deadline(deadline(DeadlineKind.PASSPORT_EXPIRES, DAY))  # a case file's: not the notice's
        filed = NewExpectedReceipt("p", "ACME", "principal", "I-129", None, None, None, DAY, DAY)
        assert tx.expect_receipt(filed)
        tx.add_deadline(deadline(DeadlineKind.RECEIPT_MISSING, DAY, person="principal: I-129"))
        (waiting,) = tx.open_expectations("ACME", "I-129")
        tx.receipt_arrived(waiting.id, receipt, "WAC2690012345", ExpectationStatus.RECEIVED)
        tx.close_deadline("ACME", "principal: I-129", DeadlineKind.RECEIPT_MISSING)
    with docket.transaction() as tx:
        (gone,) = tx.withdraw_deadlines(approval)
        (again,) = tx.receipt_unmatched(receipt)
    assert gone.kind is DeadlineKind.STATUS_VALID_UNTIL and gone.withdrawn and gone.done
    assert again.id == waiting.id
    assert {r.kind for r in docket.deadlines_due()} == {DeadlineKind.PASSPORT_EXPIRES, DeadlineKind.RECEIPT_MISSING}
    (closed,) = docket.deadlines_closed(since=DAY)
    assert closed.withdrawn and closed.notice_id == approval
    (expected,) = docket.expected_receipts()
    assert expected.status is ExpectationStatus.EXPECTED and expected.notice_id is None
    with docket.transaction() as tx:  # filed there again after all: its deadline is open again, not withdrawn
        tx.add_deadline(deadline(DeadlineKind.STATUS_VALID_UNTIL, DAY), approval)
    (back,) = [r for r in docket.deadlines_due() if r.kind is DeadlineKind.STATUS_VALID_UNTIL]
    assert not back.withdrawn and back.id == closed.id


def test_a_case_s_owner_is_kept_replaced_at_the_next_sync_and_never_shown_blank(docket: Docket) -> None:
    """Schema 10: the owner recorded at each sync (SQLite and PostgreSQL); a changed owner replaces the old one, a
    case naming no one says "no owner", a case not seen since says "owner not recorded"."""
    from docgen.mailroom.deadlines import owner_label, to_csv

    with docket.transaction() as tx:
        tx.record_case_owner("ACME-1", "Tom Reyes")
        tx.record_case_owner("ACME-2", "")
    with docket.transaction() as tx:
        tx.record_case_owner("ACME-1", "Ana Diaz")
    owners = docket.case_owners()
    assert owners == {"ACME-1": "Ana Diaz", "ACME-2": ""}
    assert [owner_label(owners, c) for c in ("ACME-1", "ACME-2", "ACME-3")] == [
        "Ana Diaz",
        "no owner",
        "owner not recorded",
    ]
    row = DeadlineRecord("ACME-2", "principal", DeadlineKind.I94_EXPIRES, DAY, "I-94", id=1)
    assert to_csv([row], DAY, owners).splitlines()[1].endswith(",no owner")
