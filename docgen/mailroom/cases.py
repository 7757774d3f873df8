"""The case folder the mailroom files into, and the changes notices make to cases.

Cases are the YAML files of a folder. Notices are filed under
``CASES/<case_id>/notices/``. A notice updates its case file in place
(receipt numbers, status, approved validity, I-94) with ruamel.yaml, which
keeps the specialist's comments and layout; each change is idempotent, so
doing it twice (after a crash) changes nothing more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.case.loader import case_from_text
from docgen.case.model import Case, Person
from docgen.errors import CaseDataError, DocgenError, UsageError
from docgen.fileio import locked, safe_name, write_text_atomic
from docgen.yamlio import read_text_file, round_trip_text, round_trip_yaml

_COMPANY_WORDS = {"INC", "INCORPORATED", "LLC", "LLP", "LP", "LTD", "CORP", "CORPORATION", "CO", "COMPANY", "PLLC"}


# Letters an accent cannot be stripped from, as the passport's machine-readable line and USCIS write them.
_PLAIN_LETTERS = str.maketrans(
    {
        "ß": "SS",
        "ẞ": "SS",
        "Æ": "AE",
        "æ": "AE",
        "Œ": "OE",
        "œ": "OE",
        "Ø": "O",
        "ø": "O",
        "Ł": "L",
        "ł": "L",
        "Đ": "D",
        "đ": "D",
        "Ð": "D",
        "ð": "D",
        "Þ": "TH",
        "þ": "TH",
        "ı": "I",
        "Ħ": "H",
        "ħ": "H",
    }
)
_APOSTROPHES = re.compile(r"['’ʼ`´]")  # O'Connor is OCONNOR on a notice


def normalise_name(text: str | None) -> list[str]:
    """Upper-case letters only, accents removed (ø, ł, ß, æ written O, L, SS, AE), apostrophes dropped within a
    word, split into words."""
    if not text:
        return []
    plain = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text).translate(_PLAIN_LETTERS))
    plain = plain.encode("ascii", "ignore").decode("ascii").upper()
    return [w for w in re.split(r"[^A-Z0-9]+", plain) if w]


def company_key(text: str | None) -> str:
    """A company name without punctuation and legal suffixes (``Acme Analytics, Inc.`` -> ``ACME ANALYTICS``)."""
    return " ".join(w for w in normalise_name(text) if w not in _COMPANY_WORDS)


def person_matches(notice_name: str | None, person: Person) -> bool:
    """Whether a notice's "FAMILY, GIVEN MIDDLE" names this person (family and first given name)."""
    if not notice_name:
        return False
    family, _, given = notice_name.partition(",")
    words = normalise_name(given) if given else normalise_name(notice_name)[1:]
    family_words = normalise_name(family) if given else normalise_name(notice_name)[:1]
    return (
        "".join(family_words) == "".join(normalise_name(person.family_name))  # VAN DER BERG is VANDERBERG
        and bool(family_words)
        and bool(words)
        and (words[0] == normalise_name(person.given_name)[0])
    )


def petitioner_keys(case: Case) -> set[str]:
    """The names a notice may print for the case's petitioner, as matching compares them: its legal name and
    the trading name the case file gives (``petitioner.dba``)."""
    if case.petitioner is None:
        return set()
    return {company_key(name) for name in (case.petitioner.name, case.petitioner.dba)} - {""}


def same_form(notice_form: Any, case_form: Any) -> bool:
    """Whether two form ids name one form (``I-129``, ``i129``, ``I 129`` alike); an empty one matches none."""

    def key(text: Any) -> str:
        return "".join(ch for ch in str(text or "").upper() if ch.isalnum())

    return bool(key(case_form)) and key(notice_form) == key(case_form)


@dataclass(frozen=True)
class Learned:
    """What aliases (:mod:`docgen.mailroom.aliases`) say of one notice: each stands in for one part of a match."""

    people: frozenset[tuple[str, str]] = frozenset()  # (case id, person) its name was assigned to
    petitioners: frozenset[str] = frozenset()  # petitioners (company keys) its petitioner's name stands for
    receipt_cases: frozenset[str] = frozenset()  # cases its receipt number was assigned to


@dataclass
class CaseEntry:
    """A case file and its model."""

    path: Path
    case: Case


CASE_SUFFIXES = (".yaml", ".yml", ".json")


def case_files(folder: Path) -> list[Path]:
    """The case files of a folder: YAML and JSON, hidden files left out."""
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in CASE_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


_KEPT_FOLDERS = 4  # case folders kept read in one process (a workspace's, a watcher's: one; a test run's: many)
_kept: dict[Path, dict[Path, tuple[bytes, Case]]] = {}  # folder: path: (digest of its text, the case it holds)
_kept_lock = threading.Lock()


def read_case_file(path: Path) -> Case:
    """A case file as a model (:func:`~docgen.case.loader.load_case`), parsed again only when its text changed
    since this process last read it: a long-running workspace or watcher reads a folder of hundreds of case files
    once, then only what changed (each read still reads the file's bytes: no date or size is trusted). The files of
    the last few folders read are kept."""
    path = path.absolute()
    text = read_text_file(path, CaseDataError, "case file" if path.suffix.lower() == ".json" else "file")
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    with _kept_lock:
        folder = _kept.pop(path.parent, {})
        _kept[path.parent] = folder  # the folder read last, kept longest
        while len(_kept) > _KEPT_FOLDERS:
            del _kept[next(iter(_kept))]
        found = folder.get(path)
    if found is not None and found[0] == digest:
        return found[1]
    case = case_from_text(text, path)
    with _kept_lock:
        folder[path] = (digest, case)
    return case


def last_read(path: Path) -> Case | None:
    """The case a file held when this process last read it (:func:`read_case_file`), if it did."""
    path = path.absolute()
    with _kept_lock:
        found = _kept.get(path.parent, {}).get(path)
    return found[1] if found is not None else None


class CaseStore:
    """All cases of a folder, indexed for matching."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).absolute()
        if not self.folder.is_dir():
            raise UsageError(f"{self.folder}: no such folder of case files; check the path, or give --cases DIR")
        self.entries: dict[str, CaseEntry] = {}
        self.problems: list[str] = []
        self.unreadable: list[Path] = []  # case files skipped: a notice of theirs matches no case until fixed
        files = case_files(self.folder)
        with _kept_lock:  # a file gone from the folder is not kept
            kept = _kept.get(self.folder, {})
            for gone in set(kept) - {path.absolute() for path in files}:
                del kept[gone]
        for path in files:
            try:
                case = read_case_file(path)
            except DocgenError as exc:
                self.problems.append(f"case file skipped, so no notice can match it: {exc}")
                self.unreadable.append(path)
                continue
            other = self.entries.get(case.case_id)
            if other is not None:
                raise CaseDataError(
                    f"{path}: case_id {case.case_id!r} is also the case_id of {other.path}; "
                    "give each case its own case_id (a notice could be filed to the wrong file)"
                )
            self.entries[case.case_id] = CaseEntry(path, case)

    def by_receipt(self, receipt: str) -> str | None:
        """The case whose data already holds this receipt number (the first, when several do: see
        :meth:`all_by_receipt`)."""
        found = self.all_by_receipt(receipt)
        return found[0] if found else None

    def all_by_receipt(self, receipt: str) -> list[str]:
        """Every case whose data holds this receipt number (more than one is a slip in a case file)."""
        return [
            case_id
            for case_id, entry in self.entries.items()
            if any(r.number.upper() == receipt.upper() for r in entry.case.facts.receipt_numbers)
        ]

    def by_people(self, notice: dict[str, Any], learned: Learned | None = None) -> list[tuple[str, str]]:
        """Cases (and the person's id) whose people and petitioner fit the notice's names, as written or as
        ``learned`` (an alias stands in for the name or the petitioner, never for both checks at once)."""
        learned = learned or Learned()
        names = [notice.get("beneficiary"), notice.get("applicant")]
        petitioner = company_key(notice.get("petitioner"))
        fitting = {petitioner} | learned.petitioners
        found = []
        for case_id, entry in self.entries.items():
            case = entry.case
            if petitioner and case.petitioner and not petitioner_keys(case) & fitting:
                continue
            for ref, person in case.people_by_ref():
                if (case_id, ref) in learned.people or any(person_matches(name, person) for name in names):
                    found.append((case_id, ref))
                    break
        return found

    def folder_for(self, case_id: str) -> Path:
        """Where a case's notices are filed."""
        return self.folder / safe_name(case_id) / "notices"


def person_node(data: Any, person_ref: str | None) -> Any:
    """The YAML node of a person in the case data (beneficiary by default)."""
    if person_ref in (None, "", "beneficiary"):
        return data.get("beneficiary")
    match = re.fullmatch(r"dependents\[(\d+)\]", person_ref or "")
    dependents = data.get("dependents") or []
    if match:
        index = int(match.group(1))
        return dependents[index] if index < len(dependents) else None
    if (data.get("beneficiary") or {}).get("id") == person_ref:
        return data.get("beneficiary")
    return next((d for d in dependents if d.get("id") == person_ref), None)


@contextlib.contextmanager
def case_file_lock(path: Path) -> Iterator[None]:
    """Hold the case file's lock while reading, changing and writing it (two ingests at once lose nothing)."""
    with locked(path.with_name(f".{path.name}.lock")):
        yield


def write_case_text(path: Path, text: str) -> None:
    """Replace a case file atomically, keeping who may read it."""
    write_text_atomic(path, text, mode=path.stat().st_mode & 0o777)


HIDDEN = "(identity number, not shown)"
DATE_KEYS = {"notice_date", "approved_from", "approved_to", "expiry_date"}


def as_date(value: Any) -> Any:
    """An ISO date text as a date, so the case file gets ``2026-09-30`` as a specialist writes it, not a quoted
    text; anything else as it is."""
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    return value


def set_key(node: Any, key: str, value: Any) -> None:
    """Set ``key`` of a YAML mapping; a new key goes last but above a comment that closed the mapping (which
    belongs to what follows it), so comments stay beside what they describe."""
    if key in node or not isinstance(node, CommentedMap) or not node:
        node[key] = value
        return
    last = next(reversed(node))
    tokens = node.ca.items.get(last)
    trailing = tokens[2] if tokens and len(tokens) > 2 else None
    node[key] = value
    if trailing is not None and "#" in trailing.value:
        tokens[2] = None
        node.ca.items.setdefault(key, [None, None, None, None])[2] = trailing


def del_key(node: Any, key: str) -> None:
    """Remove ``key`` from a YAML mapping; a comment after it that closed the mapping (which belongs to what
    follows it: :func:`set_key` moved it there) goes to the key now last, so it stays where it was."""
    tokens = node.ca.items.get(key) if isinstance(node, CommentedMap) else None
    trailing = tokens[2] if tokens and len(tokens) > 2 else None
    last = key == next(reversed(node), None)
    del node[key]
    if trailing is not None and "#" in trailing.value and last and node:
        node.ca.items.setdefault(next(reversed(node)), [None, None, None, None])[2] = trailing


def append_like_siblings(items: Any, entry: dict[str, Any]) -> None:
    """Append a mapping to a YAML list, written in the style (one line or block) of the entries already there."""
    node = CommentedMap(entry)
    if isinstance(items, CommentedSeq) and items and isinstance(items[-1], CommentedMap) and items[-1].fa.flow_style():
        node.fa.set_flow_style()
    items.append(node)


REPLACED = "replaced"  # a filed notice's data: the identity numbers its filing replaced in the case file, by path


STATUS_OF_KIND = {  # the case's facts.status a filed notice of its own petition writes
    "receipt": "filed",
    "approval": "approved",
    "rfe": "rfe received",
    "noid": "noid received",
    "denial": "denied",
    "rejection": "rejected",
    "transfer": "transferred",
    "biometrics": "biometrics scheduled",
}


def given_by(notices: list[dict[str, Any]], case_form: str) -> dict[str, str]:
    """What the notices filed to the case after another one (their data) give ``facts.status``,
    ``facts.approved_from`` and ``facts.approved_to``: the status of the latest notice of the case's own petition,
    the validity of its approval that runs longest. Unfiling the earlier notice keeps these rather than the value
    from before it (the case's own approval filed after a wrong one of the same validity wrote nothing: it was
    there); what notices filed before it wrote is the value from before it."""
    own = [n for n in notices if not case_form or not n.get("form") or same_form(n.get("form"), case_form)]
    given: dict[str, str] = {}
    worded = [n for n in own if STATUS_OF_KIND.get(str(n.get("notice_type")))]
    if worded:
        latest = max(worded, key=lambda n: str(n.get("notice_date") or ""))
        given["facts.status"] = STATUS_OF_KIND[str(latest.get("notice_type"))]
    approvals = [n for n in own if n.get("notice_type") == "approval" and n.get("valid_to")]
    if approvals:
        longest = max(approvals, key=lambda n: str(n["valid_to"]))
        given["facts.approved_to"] = str(longest["valid_to"])
        if longest.get("valid_from"):
            given["facts.approved_from"] = str(longest["valid_from"])
    return given


def plan_notice(
    path: Path, notice: dict[str, Any], person_ref: str | None, replaced: dict[str, str] | None = None
) -> tuple[str | None, list[dict[str, Any]]]:
    """What a notice changes in a case file, without writing it: the new text (None when nothing changes)
    and the changes (path, before, after; identity numbers hidden, so they can go to the audit log).
    ``replaced`` gets the identity numbers the notice replaces, by path (kept with the notice in the docket,
    never in the audit log, so undoing the filing can write them back)."""
    data = _case_data(path)
    changes: list[dict[str, Any]] = []

    def put(node: Any, key: str, value: Any, where: str, hidden: bool = False) -> None:
        before = node.get(key)
        if str(before) != str(value):
            set_key(node, key, as_date(value) if key in DATE_KEYS else value)
            shown = (None if before is None else HIDDEN, HIDDEN) if hidden else (before, value)
            if hidden and before is not None and replaced is not None:
                replaced[where] = str(before)
            changes.append(
                {"path": where, "before": None if shown[0] is None else str(shown[0]), "after": str(shown[1])}
            )

    if "facts" not in data:
        set_key(data, "facts", CommentedMap())
    facts = data["facts"]
    receipt, kind = notice.get("receipt_number"), notice.get("notice_type")
    case_form = str(facts.get("form") or "")
    # The case's status and approved validity follow its own petition: a dependent's I-539 or I-765 notice
    # (biometrics, an EAD approval) is recorded under receipt numbers, never as the case's status or dates.
    own = not case_form or not notice.get("form") or same_form(notice.get("form"), case_form)
    known_dates = [
        str(r.get("notice_date") or "")
        for r in facts.get("receipt_numbers") or []
        if not case_form or same_form(r.get("form"), case_form)
    ]
    latest = own and (notice.get("notice_date") or "") >= max(known_dates, default="")
    if receipt:
        if "receipt_numbers" not in facts:
            set_key(facts, "receipt_numbers", CommentedSeq())
        numbers = facts["receipt_numbers"]
        entry = next((r for r in numbers if str(r.get("number", "")).upper() == receipt.upper()), None)
        if entry is None:
            append_like_siblings(
                numbers,
                {
                    "form": notice.get("form") or "unknown",
                    "number": receipt,
                    "notice_type": kind,
                    "notice_date": as_date(notice.get("notice_date")),
                },
            )
            changes.append({"path": "facts.receipt_numbers", "before": None, "after": receipt})
        else:
            newer = (notice.get("notice_date") or "") >= str(entry.get("notice_date") or "")
            if newer:
                put(entry, "notice_type", kind, f"facts.receipt_numbers[{receipt}].notice_type")
                if notice.get("notice_date"):
                    put(entry, "notice_date", notice["notice_date"], f"facts.receipt_numbers[{receipt}].notice_date")
    status = STATUS_OF_KIND.get(str(kind))
    if status and latest:
        put(facts, "status", status, "facts.status")
    valid_to = str(notice.get("valid_to") or "")
    if own and kind == "approval" and valid_to and valid_to >= str(facts.get("approved_to") or ""):  # older never wins
        if notice.get("valid_from"):
            put(facts, "approved_from", notice["valid_from"], "facts.approved_from")
        put(facts, "approved_to", valid_to, "facts.approved_to")
    person = person_node(data, person_ref) if notice.get("i94_number") else None
    if person is not None:
        if "i94" not in person:
            set_key(person, "i94", CommentedMap())
        i94 = person["i94"]
        if valid_to >= str(i94.get("expiry_date") or ""):
            put(i94, "number", notice["i94_number"], f"{person_ref or 'beneficiary'}.i94.number", hidden=True)
            if valid_to:
                put(i94, "expiry_date", valid_to, f"{person_ref or 'beneficiary'}.i94.expiry_date")
    if not changes:
        return None, changes
    return _case_text(path, data), changes


def _case_data(path: Path) -> Any:
    """A case file's data to edit in place, comments and key order kept (JSON is YAML: one reader for both)."""
    return round_trip_yaml().load(path.read_text(encoding="utf-8"))


def _case_text(path: Path, data: Any) -> str:
    """Edited case-file data as the file's text: JSON for a ``.json`` file, else YAML in the samples' layout."""
    if path.suffix.lower() == ".json":
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return round_trip_text(data)


_ENTRY_PATH = re.compile(r"^facts\.receipt_numbers\[([^\]]+)\]\.(notice_type|notice_date)$")


def _shown(value: Any) -> str | None:
    """A case-file value as an audit entry's change shows it (``str``; a date in ISO form)."""
    return None if value is None else str(value)


def plan_unfile(
    path: Path, changes: list[dict[str, Any]], notice: dict[str, Any], given: dict[str, str] | None = None
) -> tuple[str | None, list[dict[str, Any]], list[str]]:
    """What undoing a notice's filing changes in a case file, without writing it: the new text (None when nothing
    changes), the changes put back (path, before: as the notice left it, after: as it is again) and what a person
    must check (a value something else changed since the notice wrote it, an identity number whose earlier value
    is never recorded).

    ``changes`` are those the filing made (its audit entry). Each is put back only where the case file still
    holds what the notice wrote; undoing again changes nothing more (a change already put back is left alone).
    ``given`` (:func:`given_by`): what the case's other filed notices give a path, kept (or written) instead of
    the value from before this notice.
    """
    data = _case_data(path)
    facts = data.get("facts") if isinstance(data, dict) else None
    restored: list[dict[str, Any]] = []
    check: list[str] = []
    numbers = (facts or {}).get("receipt_numbers") or []

    def entry_of(receipt: str) -> Any:
        return next((r for r in numbers if str(r.get("number", "")).upper() == receipt.upper()), None)

    def put_back(node: Any, key: str, change: dict[str, Any], shown_as: str) -> None:
        now_value, before, after = (
            _shown(node.get(key)) if node is not None else None,
            change["before"],
            change["after"],
        )
        if node is None or now_value == before:
            return  # put back already (or never written)
        if now_value != after:
            check.append(f"{shown_as} is now {now_value!r} (the notice wrote {after!r}, it was {before!r} before)")
            return
        before = (given or {}).get(shown_as, before)  # another notice filed to the case gives it
        if now_value == before:
            return
        if before is None:
            del_key(node, key)
        else:
            node[key] = as_date(before) if key in DATE_KEYS else before
        restored.append({"path": shown_as, "before": after, "after": before})

    for change in reversed(changes):
        where = str(change.get("path") or "")
        if where == "facts.receipt_numbers":
            receipt = str(change.get("after") or "")
            entry = entry_of(receipt)
            if entry is None:
                continue
            same = str(entry.get("notice_type") or "") == str(notice.get("notice_type") or "") and _shown(
                entry.get("notice_date")
            ) == _shown(notice.get("notice_date"))
            if not same:
                check.append(
                    f"facts.receipt_numbers: {receipt} was added by this notice and changed since by another; "
                    "remove it if no notice of that number belongs to this case"
                )
                continue
            numbers.remove(entry)
            if not numbers and facts is not None:
                del_key(facts, "receipt_numbers")
            restored.append({"path": where, "before": receipt, "after": None})
        elif match := _ENTRY_PATH.match(where):
            put_back(entry_of(match.group(1)), match.group(2), change, where)
        elif where in ("facts.status", "facts.approved_from", "facts.approved_to"):
            put_back(facts, where.removeprefix("facts."), change, where)
        elif where.endswith((".i94.number", ".i94.expiry_date")):
            ref, _, key = where.rpartition(".i94.")
            person = person_node(data, ref)
            i94 = person.get("i94") if person is not None else None
            if key == "number":
                if i94 is None or "number" not in i94:
                    continue
                if str(i94["number"]) != str(notice.get("i94_number") or ""):
                    check.append(f"{where}: changed since this notice wrote it; check it")
                elif change["before"] is None:
                    del_key(i94, "number")  # the notice gave the first number: it goes with it
                    restored.append({"path": where, "before": HIDDEN, "after": None})
                elif (notice.get(REPLACED) or {}).get(where):  # kept with the notice, never in the audit log
                    i94["number"] = str(notice[REPLACED][where])
                    restored.append({"path": where, "before": HIDDEN, "after": HIDDEN})
                else:  # filed by a docgen that did not keep it
                    check.append(f"{where}: write back the I-94 number before this notice's (from the earlier I-94)")
                continue
            put_back(i94, key, change, where)
            if i94 is not None and not i94 and person is not None:
                del_key(person, "i94")
        else:
            check.append(
                f"{where}: check it (changed by this notice: {change.get('before')!r} to {change.get('after')!r})"
            )
    if not restored:
        return None, restored, check
    return _case_text(path, data), restored, check
