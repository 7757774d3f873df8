"""Cases for the pages: the folder's index, a case file as an editable draft, saving it back.

The index reads each case file once and again only when it changes (by size
and modification time), so the list of 500 cases is a few stat calls. A draft
is the file read with ruamel.yaml's round-trip loader: the page's values are
put into it and it is written back with its comments and key order, under the
same lock the mailroom holds when a notice updates a case.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from docgen.case.loader import CASE_ID_MAX, addressable, case_problems, load_case, parse_case, standing_files
from docgen.case.model import Case
from docgen.errors import CaseDataError, DocgenError
from docgen.fileio import safe_name, write_text_atomic
from docgen.web.services import docket
from docgen.web.workspace.editor import (
    BadInput,
    display_text,
    is_sensitive,
    join_path,
    kind_of,
    model_order,
    parse_input,
    plain,
    split_path,
)
from docgen.yamlio import load_yaml_text, round_trip_text, round_trip_yaml, strict_load


@dataclass
class CaseSummary:
    """One row of the case list."""

    case_id: str
    path: Path
    petitioner: str = ""
    beneficiary: str = ""
    classification: str = ""
    status: str = ""
    form: str = ""
    owner: str = ""  # facts.owner: who on the team answers for the case
    people: list[tuple[str, str]] = field(default_factory=list)
    deadlines: list[docket.Due] = field(default_factory=list)
    problem: str | None = None
    copy_of: Path | None = None  # a second file of another file's case id: listed by its file name, not counted

    @property
    def next_deadline(self) -> docket.Due | None:
        """The earliest open deadline (overdue ones first)."""
        return min(self.deadlines, key=lambda d: d.due) if self.deadlines else None

    @property
    def agenda(self) -> list[docket.Agenda]:
        """The case's open deadlines, soonest first, with days left (the case page's head)."""
        return docket.agenda(self.deadlines)

    @property
    def on_file(self) -> list[docket.OnFile]:
        """The notices the mailroom filed to this case, newest first (the case page's head)."""
        return docket.case_notices(self.case_id)

    @property
    def search_text(self) -> str:
        """What the list's quick filter matches against."""
        names = " ".join(name for _, name in self.people)
        return f"{self.case_id} {self.petitioner} {names} {self.classification} {self.status}".lower()


def cases_dir() -> Path:
    """The folder of case files."""
    return Path(settings.CASES_DIR)


_lock = threading.Lock()
_index: dict[str, tuple[tuple[int, int], CaseSummary, Case | None]] = {}


def _summarise(path: Path) -> tuple[CaseSummary, Case | None]:
    try:
        case = load_case(path)
    except DocgenError as exc:
        return CaseSummary(case_id=path.stem, path=path, problem=str(exc)), None
    people = [(ref, f"{p.given_name} {p.family_name}") for ref, p in case.people_by_ref()]
    summary = CaseSummary(
        case_id=case.case_id,
        path=path,
        petitioner=case.petitioner.name if case.petitioner else "",
        beneficiary=people[0][1],
        classification=case.facts.classification or "",
        status=case.facts.status or "",
        form=case.facts.form or "",
        owner=case.facts.owner or "",
        people=people,
        deadlines=docket.case_deadlines(case),
    )
    return summary, case


def _refresh() -> list[tuple[CaseSummary, Case | None]]:
    folder = cases_dir()
    with os.scandir(folder) as scan:
        entries = sorted(
            (e for e in scan if e.name.endswith((".yaml", ".yml")) and not e.name.startswith(".") and e.is_file()),
            key=lambda e: e.name,
        )
    out = []
    seen = set()
    with _lock:
        for entry in entries:
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            key = entry.path
            seen.add(key)
            stamp = (stat.st_mtime_ns, stat.st_size)
            cached = _index.get(key)
            if cached is None or cached[0] != stamp:
                summary, case = _summarise(Path(entry.path))
                cached = (stamp, summary, case)
                _index[key] = cached
            out.append((cached[1], cached[2]))
        for gone in set(_index) - seen:
            del _index[gone]
    return _one_per_case_id(out)


def _one_per_case_id(read: list[tuple[CaseSummary, Case | None]]) -> list[tuple[CaseSummary, Case | None]]:
    """A second file of a case id (a copy left beside the case file) is listed by its file name with the problem,
    as a file that cannot be read: it would be a second row of one case id that opens the first file, the case
    counted twice on the dashboard, and its dates listed twice. Opened, it can be given its own case id."""
    standing = standing_files([(str(summary.path), summary.case_id) for summary, case in read if case is not None])
    out: list[tuple[CaseSummary, Case | None]] = []
    for summary, case in read:
        first = Path(standing.get(summary.case_id, summary.path))
        if case is None or first == summary.path:
            out.append((summary, case))
            continue
        problem = (
            f"{summary.path.name}: case_id {summary.case_id!r} is also the case_id of {first.name}; "
            "give each case its own case_id (or move the copy out of the folder)"
        )
        copy = CaseSummary(
            case_id=summary.path.name,
            path=summary.path,
            petitioner=summary.petitioner,
            beneficiary=summary.beneficiary,
            people=summary.people,
            problem=problem,
            copy_of=first,
        )
        out.append((copy, None))
    return out


def all_cases() -> list[CaseSummary]:
    """Every case file of the folder (a file that cannot be read is listed with its problem), with the
    docket's deadlines added."""
    return all_cases_and_models()[0]


def all_cases_and_models() -> tuple[list[CaseSummary], list[Case]]:
    """:func:`all_cases` and the readable cases as models, from one pass over the folder."""
    index = _refresh()
    return _with_docket([summary for summary, _ in index]), [case for _, case in index if case is not None]


def _with_docket(rows: list[CaseSummary]) -> list[CaseSummary]:
    by_case = docket.open_deadlines_by_case()
    closed = docket.closed_by_hand()  # a case file's date a person closed in the docket stays closed here
    out = []
    for row in rows:
        extra = by_case.get(row.case_id, [])
        kept = [d for d in row.deadlines if (d.case_id, d.person, d.kind, d.due) not in closed]
        if extra or len(kept) != len(row.deadlines):
            row = CaseSummary(**{**row.__dict__, "deadlines": docket.merge(kept, extra)})
        out.append(row)
    return out


def loaded_cases() -> list[Case]:
    """Every readable case, as models."""
    return [case for _, case in _refresh() if case is not None]


def find(case_id: str) -> CaseSummary | None:
    """The case with this id (or, for an unreadable file, this file name)."""
    return next((c for c in all_cases() if c.case_id == case_id), None)


def load(case_id: str) -> tuple[CaseSummary, Case] | None:
    """A readable case and its summary."""
    for summary, case in _refresh():
        if summary.case_id == case_id and case is not None:
            return summary, case
    return None


def filter_cases(
    rows: list[CaseSummary],
    *,
    text: str = "",
    classification: str = "",
    status: str = "",
    owner: str = "",
    within: int | None = None,
    today: dt.date | None = None,
) -> list[CaseSummary]:
    """The rows matching every filter given (text: names, petitioner, case id; owner: ``facts.owner``; within:
    next deadline in days)."""
    day = today or dt.date.today()
    words = text.lower().split()
    out = []
    for row in rows:
        if words and not all(w in row.search_text for w in words):
            continue
        if classification and row.classification != classification:
            continue
        if status and row.status != status:
            continue
        if owner and row.owner != owner:
            continue
        if within is not None:
            nxt = row.next_deadline
            if nxt is None or (nxt.due - day).days > within:
                continue
        out.append(row)
    return out


# --- drafts: a case file being edited ----------------------------------------------------------------


def content_hash(data: bytes) -> str:
    """The version stamp of a case file's bytes (the page sends it back to detect a stale save)."""
    return hashlib.sha256(data).hexdigest()


@dataclass
class Draft:
    """A case file's content being edited, and what the page has said about it."""

    doc: Any
    base_hash: str
    path: Path | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # list items removed on this page, not saved yet
    case: Case | None = None


def _snapshots() -> Path:
    folder = Path(settings.DATA_DIR) / "snapshots"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _keep_snapshot(digest: str, text: str) -> None:
    """Keep the version a page was shown, so a stale save can say what changed since."""
    target = _snapshots() / f"{digest}.yaml"
    if not target.exists():
        write_text_atomic(target, text)


def open_draft(path: Path | None) -> Draft:
    """The case file as a draft (None: a new, empty case)."""
    if path is None:
        return Draft(CommentedMap(), "", None)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CaseDataError(
            f"{path.name}: not UTF-8 text (saved in another encoding); save it as UTF-8 in the editor, then reload"
        ) from None
    digest = content_hash(data)
    try:
        doc = round_trip_yaml().load(text)
    except Exception as exc:  # ruamel raises many kinds; the CLI's loader names the problem and its line
        strict_load(text, path.name, CaseDataError)
        raise CaseDataError(f"{path.name}: cannot be edited here ({type(exc).__name__}); fix it in the file") from None
    _keep_snapshot(digest, text)
    return Draft(doc if doc is not None else CommentedMap(), digest, path)


def _child(node: Any, key: str | int) -> Any:
    if isinstance(key, int):
        return node[key] if isinstance(node, list) and key < len(node) else None
    return node.get(key) if isinstance(node, dict) else None


def _put(node: Any, key: str | int, value: Any, order: list[str]) -> None:
    if isinstance(key, int):
        if key < len(node):
            node[key] = value
        elif key == len(node):
            node.append(value)
        return
    if key in node or not isinstance(node, CommentedMap) or key not in order:
        node[key] = value
        return
    before = order[: order.index(key)]
    position = 0
    for index, existing in enumerate(node):
        if existing in before:
            position = index + 1
    node.insert(position, key, value)


def set_value(doc: Any, path: str, value: Any) -> None:
    """Put ``value`` at ``path`` (None removes it, and the sections it leaves empty)."""
    parts = split_path(path)
    node = doc
    trail: list[tuple[Any, str | int]] = []
    for index, part in enumerate(parts[:-1]):
        child = _child(node, part)
        if child is None:
            if value is None:
                return
            child = CommentedSeq() if isinstance(parts[index + 1], int) else CommentedMap()
            _put(node, part, child, model_order(join_path(parts[:index])))
        trail.append((node, part))
        node = child
    last = parts[-1]
    if value is not None:
        _put(node, last, value, model_order(join_path(parts[:-1])))
        return
    if isinstance(node, dict) and last in node:
        del node[last]
    for parent, key in reversed(trail):  # drop the sections this removal left empty
        child = _child(parent, key)
        if child is None or len(child):
            break
        if isinstance(key, int):
            parent.pop(key)
        else:
            del parent[key]


def get_value(doc: Any, path: str) -> Any:
    """The stored value at ``path``, or None."""
    node = doc
    for part in split_path(path):
        node = _child(node, part)
        if node is None:
            return None
    return node


def apply_post(draft: Draft, post: Any) -> None:
    """Put the page's inputs into the draft; an input equal to what is stored leaves the file untouched there.

    Inputs not on the page (masked identity numbers) are not posted and stay as they are.
    """
    for path in post:
        if path.startswith("_") or path == "csrfmiddlewaretoken":
            continue
        kind = kind_of(path)
        if kind is None or kind[0] in ("section", "list"):
            continue
        text = str(post.get(path, ""))
        current = get_value(draft.doc, path)
        if text.replace("\r\n", "\n").strip() == display_text(current, kind[0]).strip():
            continue
        try:
            value = parse_input(text, kind[0])
        except BadInput as exc:
            draft.errors.setdefault(path, []).append(str(exc))
            draft.raw[path] = text
            continue
        if value == plain(current):
            continue
        set_value(draft.doc, path, value)
        draft.changed.append(path)


def add_item(draft: Draft, path: str) -> None:
    """Append an empty item to the list at ``path`` (a new dependent, degree, address...)."""
    kind = kind_of(path)
    if kind is None or kind[0] != "list":
        return
    current = get_value(draft.doc, path)
    if current is None:
        set_value(draft.doc, f"{path}[0]", CommentedMap())
    else:
        current.append(CommentedMap())


def remove_item(draft: Draft, path: str) -> None:
    """Remove the list item at ``path`` (``dependents[1]``)."""
    parts = split_path(path)
    if not parts or not isinstance(parts[-1], int):
        return
    container = get_value(draft.doc, join_path(parts[:-1]))
    if isinstance(container, list) and parts[-1] < len(container):
        container.pop(parts[-1])
        draft.changed.append(path)
        draft.removed.append(path)
        if not container:
            set_value(draft.doc, join_path(parts[:-1]), None)


def validate(draft: Draft) -> bool:
    """Check the draft against the case model; problems land in ``draft.errors`` by path."""
    try:
        draft.case = Case.model_validate(plain(draft.doc))
    except ValidationError as exc:
        for path, problem in case_problems(exc):
            draft.errors.setdefault(path, []).append(problem)
    if draft.case is not None and draft.case.case_id and not addressable(draft.case.case_id):
        draft.errors.setdefault("case_id", []).append(
            f"{draft.case.case_id[:40]!r}{'...' if len(draft.case.case_id) > 40 else ''}: a case id names the "
            f"case's address and files: at most {CASE_ID_MAX} characters, no slash, no control characters, "
            "not '.' or '..'; write "
            "letters, digits, spaces and - _ ."
        )
    return not draft.errors


def dump(doc: Any) -> str:
    """The draft as YAML text."""
    return round_trip_text(doc)


def splice(original: str, before: str, after: str) -> str:
    """``after`` (the edited document as ruamel writes it) laid back over the file as the person wrote it.

    ruamel re-wraps what it writes (a long flow mapping becomes one line), so writing ``after`` as is would
    change lines nobody edited. ``before`` is the unedited document as ruamel writes it: lines where the edit
    changed nothing are taken from ``original``; only the stretches the edit touched come from ``after``.
    """
    a, b, c = original.splitlines(keepends=True), before.splitlines(keepends=True), after.splitlines(keepends=True)
    segment_of: list[int] = [0] * len(b)  # b line -> its segment (a run of b lines and the a lines they came from)
    segments: list[tuple[list[str], list[int]]] = []
    pending: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if j1 == j2:  # original lines ruamel does not write: keep them with what follows
            pending += a[i1:i2]
        elif tag == "equal":
            for offset in range(j2 - j1):
                segments.append(([*pending, a[i1 + offset]], [j1 + offset]))
                pending = []
        else:
            segments.append(([*pending, *a[i1:i2]], list(range(j1, j2))))
            pending = []
    for index, (_, lines) in enumerate(segments):
        for j in lines:
            segment_of[j] = index
    dirty: set[int] = set()
    opcodes = difflib.SequenceMatcher(None, b, c, autojunk=False).get_opcodes()
    for tag, j1, j2, _, _ in opcodes:
        if tag != "equal":
            dirty.update(segment_of[j] for j in range(max(j1 - (j1 == j2), 0), min(j2 + (j1 == j2), len(b))))
    out: list[str] = []
    emitted: set[int] = set()
    for tag, j1, j2, k1, k2 in opcodes:
        if tag != "equal":
            out += c[k1:k2]
            continue
        for j, k in zip(range(j1, j2), range(k1, k2), strict=True):
            segment = segment_of[j]
            if segment in dirty:
                out.append(c[k])
            elif segment not in emitted:
                emitted.add(segment)
                out += segments[segment][0]
    return "".join(out) + "".join(pending)


@dataclass
class Change:
    """A value someone else changed (identity numbers masked)."""

    path: str
    before: str
    after: str


def _flat(text: str) -> dict[str, str]:
    from docgen.batch.sources import flatten_case

    try:
        data = load_yaml_text(text, "case", CaseDataError)
    except CaseDataError:
        return {}
    return {k: str(v) for k, v in flatten_case(data).items()}


def changes_between(old_text: str, new_text: str) -> list[Change]:
    """What differs between two versions of a case file, path by path."""
    old, new = _flat(old_text), _flat(new_text)
    out = []
    for path in sorted(set(old) | set(new)):
        if old.get(path) != new.get(path):
            hide = is_sensitive(path)
            out.append(
                Change(
                    path,
                    "(hidden)" if hide and path in old else old.get(path, "(none)"),
                    "(hidden)" if hide and path in new else new.get(path, "(none)"),
                )
            )
    return out


@dataclass
class Saved:
    """The result of a save: written, or refused as stale (with what changed), or refused for a problem."""

    ok: bool
    path: Path | None = None
    stale: list[Change] | None = None
    current_hash: str = ""
    problem: str = ""


def save(draft: Draft) -> Saved:
    """Write the draft back to its file, unless the file changed since the page was shown."""
    from docgen.mailroom.cases import case_file_lock

    text = dump(draft.doc)
    case = parse_case(load_yaml_text(text, "case", CaseDataError), "case")  # what the CLI will read
    if draft.path is None:
        return _create(text, case)
    with case_file_lock(draft.path):
        current = draft.path.read_bytes()
        digest = content_hash(current)
        if digest != draft.base_hash:
            snapshot = _snapshots() / f"{draft.base_hash}.yaml"
            before = snapshot.read_text(encoding="utf-8") if snapshot.exists() else ""
            _keep_snapshot(digest, current.decode("utf-8"))
            return Saved(False, draft.path, changes_between(before, current.decode("utf-8")), digest)
        if not draft.changed:
            return Saved(True, draft.path, current_hash=digest)
        original = current.decode("utf-8")
        spliced = splice(original, dump(round_trip_yaml().load(original)), text)
        if _flat(spliced) == _flat(text):  # the splice must say exactly what the edited document says
            text = spliced
        write_text_atomic(draft.path, text, mode=draft.path.stat().st_mode & 0o777)
    new_hash = content_hash(text.encode("utf-8"))
    _keep_snapshot(new_hash, text)
    return Saved(True, draft.path, current_hash=new_hash)


def _create(text: str, case: Case) -> Saved:
    import os

    path = cases_dir() / f"{safe_name(case.case_id)}.yaml"
    if _same_content(path, text):  # the same page sent twice (a double click, a reload): it is saved already
        return Saved(True, path, current_hash=content_hash(text.encode("utf-8")))
    known = [c.case_id for c in all_cases()]
    if path.exists() or case.case_id in known:
        return Saved(False, problem=f"a case {case.case_id} exists already ({path.name}); choose another case id")
    key = case.case_id.casefold()
    twin = next((other for other in known if other.casefold() == key), None)
    if twin is not None or any(p.name.casefold() == path.name.casefold() for p in cases_dir().iterdir()):
        return Saved(
            False,
            problem=f"a case {twin or path.stem} exists already and differs from {case.case_id} only in capitals "
            "(their files would clash on a shared drive that ignores case); choose another case id",
        )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return Saved(False, problem=f"a case {case.case_id} exists already ({path.name}); choose another case id")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return Saved(True, path, current_hash=content_hash(text.encode("utf-8")))


def _same_content(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def changed_sections(paths: list[str]) -> list[str]:
    """The paths changed, for the audit trail (paths only, never values)."""
    return sorted(set(paths))


# --- still to answer ----------------------------------------------------------------------------------


@dataclass
class TodoRow:
    """A question still to answer, with the case path where the answer goes and the input's anchor."""

    person: str
    form: str
    part: str
    item: str
    question: str
    answer_at: str
    required: bool
    anchor: str


def todo(case: Case, forms: list[str], people: list[str]) -> list[TodoRow]:
    """The ``case todo`` report for these forms and people, each answer place mapped to the page's input."""
    from docgen.forms.todo import case_questions
    from docgen.web.workspace.answers import answer_anchor
    from docgen.web.workspace.editor import anchor_for

    refs = case.people_by_ref()
    place = {ref: ("beneficiary" if index == 0 else f"dependents[{index - 1}]") for index, (ref, _) in enumerate(refs)}
    chosen = [person for ref, person in refs if ref in people] or [case.beneficiary]
    rows = case_questions(case, forms, chosen, source=case.case_id, forms_dir=settings.FORMS_DIR)
    out = []
    for row in rows:
        first = row.answer_at.split(", ")[0] if row.answer_at else ""
        where = place.get(row.person, "beneficiary")
        for root in ("applicant", "beneficiary"):
            if first == root or first.startswith(root + ".") or first.startswith(root + "["):
                first = where + first[len(root) :]
        out.append(
            TodoRow(
                row.person,
                row.form,
                row.part,
                row.item,
                row.question,
                row.answer_at,
                row.required,
                answer_anchor(first, row.form) or anchor_for(first) if first else "errors",
            )
        )
    return out
