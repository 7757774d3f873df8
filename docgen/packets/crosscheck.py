"""Cross-checks of a packet's content: what ``docgen packet check SPEC`` and every build report.

Four checks, each naming the part or exhibit and the page:

- **notices**: the receipt number, beneficiary, petitioner and office of every
  USCIS notice in the packet (read by :mod:`docgen.notices`) against the case
  and the response letter;
- **requests**: each numbered request of the RFE/NOID on top of a response, and
  whether the response letter answers it in the notice's own words;
- **enclosures**: every enclosure a letter claims ("A Form G-28 is enclosed",
  "the LCA ... is enclosed") and whether the packet holds it
  (``docgen/data/packets/enclosures.yaml``);
- **checklist**: every document the case type implies and the packet lacks
  (``docgen/data/packets/checklists.yaml``, with sources and dates).

A spec may say an item is handed in another way (``checks: {not_enclosed:
[{item: I-129, reason: ...}]}``); the reason is kept in the build notes.
Problems are errors unless the caller asks for warnings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from docgen.bundled import bundled_dir
from docgen.case.loader import load_case
from docgen.case.model import Case, Person
from docgen.errors import DocgenError, PacketError
from docgen.forms.registry import normalise_form_id
from docgen.packets.spec import FormPart, LetterPart, NoticePart, PacketSpec
from docgen.yamlio import load_yaml_file

if TYPE_CHECKING:
    from docgen.notices.requests import Request

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FORM_ID = r"([A-Z]{1,3}-\d{2,4}[A-Z]?)"
_FORM_CLAIM = re.compile(rf"\bForms?\s+{_FORM_ID}\b[^.]*?\b(?:is|are) enclosed|\bencloses?\s+Forms?\s+{_FORM_ID}")
_LEGAL_SUFFIXES = {"INC", "INCORPORATED", "LLC", "LLP", "LP", "LTD", "LIMITED", "CORP", "CORPORATION", "CO", "PLC"}
RESPONSE_NOTICES = ("rfe", "noid")


@dataclass(frozen=True)
class Problem:
    """One thing the packet gets wrong: the check, where (part or exhibit, page) and what to do."""

    check: str
    where: str
    message: str

    def line(self, level: str) -> str:
        """``error [notices] part 'RFE' (packet page 1): ...``."""
        return f"{level} [{self.check}] {self.where}: {self.message}"


@dataclass
class CrossReport:
    """What the cross-checks found; ``ok`` when there is no problem or problems are only warnings."""

    spec: PacketSpec
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # never stop a build (a letter's odd date)
    passed: list[str] = field(default_factory=list)
    waived: list[str] = field(default_factory=list)
    as_warnings: bool = False

    @property
    def ok(self) -> bool:
        """True when the packet may be built (no problem, or problems asked to be warnings)."""
        return not self.problems or self.as_warnings

    def lines(self) -> list[str]:
        """One line per problem (error or warning), item handed in another way and check passed."""
        level = "warning" if self.as_warnings else "error"
        out = [p.line(level) for p in self.problems] + [w.line("warning") for w in self.warnings]
        out += [f"not enclosed, by the spec: {w}" for w in self.waived]
        out += [f"ok [{p}]" for p in self.passed]
        return out

    def notes(self) -> list[str]:
        """What a build adds to its notes: warnings and items handed in another way."""
        warned = [*self.problems, *self.warnings]
        return [p.line("warning") for p in warned] + [f"not enclosed, by the spec: {w}" for w in self.waived]

    def raise_errors(self) -> None:
        """Stop with every problem on one error, unless problems are only warnings."""
        if self.ok:
            return
        count = len(self.problems)
        detail = "; ".join(p.line("error") for p in self.problems)
        raise PacketError(
            f"{self.spec.path}: {count} cross-check problem{'s' if count != 1 else ''}: {detail}. "
            "Fix the packet or the case, list what is handed in another way under checks: not_enclosed:, "
            "or pass --warn-only to build anyway"
        )


# --- data ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Matcher:
    """What in a packet counts as one item: a form part, a part's role, or a title pattern."""

    form: str | None = None
    role: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Item:
    """One document a checklist or a letter's claim expects."""

    id: str
    title: str
    any_of: tuple[Matcher, ...]
    per: str | None = None  # "applicant I-539": once per person the packet holds that form for
    only_if: str | None = None  # "representative"
    claim: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Checklist:
    """The documents one case type needs, with the source they come from and its date."""

    id: str
    title: str
    when: dict[str, tuple[str, ...]]
    source: str
    as_of: str
    items: tuple[Item, ...]


def _data_file(name: str) -> Path:
    return bundled_dir("packets") / name


def _matchers(raw: Any, where: str) -> tuple[Matcher, ...]:
    if not isinstance(raw, list) or not raw:
        raise PacketError(f"{where}: any_of must list what counts (form:, role: or title:)")
    found = []
    for entry in raw:
        if not isinstance(entry, dict) or not set(entry) <= {"form", "role", "title"}:
            raise PacketError(f"{where}: {entry!r}: use form:, role: or title:")
        if entry.get("title"):
            re.compile(str(entry["title"]))
        form = entry.get("form")
        found.append(Matcher(normalise_form_id(str(form)) if form else None, entry.get("role"), entry.get("title")))
    return tuple(found)


def _item(raw: Any, where: str) -> Item:
    if not isinstance(raw, dict) or "id" not in raw or "title" not in raw:
        raise PacketError(f"{where}: an item needs id:, title: and any_of:")
    claim = re.compile(str(raw["claim"]), re.IGNORECASE) if raw.get("claim") else None
    return Item(
        str(raw["id"]),
        str(raw["title"]),
        _matchers(raw.get("any_of"), f"{where}: {raw['id']}"),
        raw.get("per"),
        raw.get("if"),
        claim,
    )


@functools.cache
def load_checklists(path: Path | None = None) -> tuple[Checklist, ...]:
    """The per-case-type checklists (``docgen/data/packets/checklists.yaml``)."""
    path = path or _data_file("checklists.yaml")
    data = load_yaml_file(path, PacketError)
    lists = []
    for raw in data.get("checklists", []) if isinstance(data, dict) else []:
        where = f"{path}: checklist {raw.get('id')!r}"
        for key in ("id", "title", "when", "source", "as_of", "items"):
            if key not in raw:
                raise PacketError(f"{where}: add {key}: (every checklist names its source and date)")
        when = {str(k): tuple(str(v) for v in values) for k, values in raw["when"].items()}
        items = tuple(_item(item, where) for item in raw["items"])
        lists.append(Checklist(str(raw["id"]), str(raw["title"]), when, str(raw["source"]), str(raw["as_of"]), items))
    return tuple(lists)


@functools.cache
def load_claims(path: Path | None = None) -> tuple[Item, ...]:
    """What letters can claim is enclosed (``docgen/data/packets/enclosures.yaml``)."""
    path = path or _data_file("enclosures.yaml")
    data = load_yaml_file(path, PacketError)
    return tuple(_item(raw, f"{path}: claim") for raw in (data.get("claims", []) if isinstance(data, dict) else []))


# --- what the packet holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Holding:
    """One thing in the packet: its words (titles, descriptions, file names), form and role."""

    text: str
    form: str | None
    role: str
    person: str | None = None


def _name(person: Person) -> str:
    return f"{person.given_name} {person.family_name}"


def holdings(spec: PacketSpec, case: Case | None) -> list[Holding]:
    """Everything the spec puts in the packet, as words a checklist can match."""
    held = []
    for entry in spec.parts:
        part = entry.part
        words = [part.title or ""]
        form = None
        person = None
        if isinstance(part, FormPart):
            form = normalise_form_id(part.form)
            person = part.for_ or "beneficiary"
            words.append(f"Form {form}")
            if case is not None:
                with contextlib.suppress(KeyError):
                    words.append(_name(case.person(part.for_)))
        for key in ("letter", "document", "notice"):
            value = getattr(part, key, None)
            if value:
                words.append(str(value))
        held.append(Holding(" | ".join(w for w in words if w), form, entry.role, person))
    for exhibit in spec.exhibits:
        head = [exhibit.exhibit.title, exhibit.exhibit.description or ""]
        for source in exhibit.sources:
            words = [*head, source.title or "", source.written]
            held.append(Holding(" | ".join(w for w in words if w), None, "exhibit"))
    return held


def _matches(matcher: Matcher, holding: Holding, names: dict[str, str]) -> bool:
    if matcher.form is not None:
        return holding.form == matcher.form
    if matcher.role is not None:
        return holding.role == matcher.role
    assert matcher.title is not None
    pattern = matcher.title
    for key, value in names.items():
        pattern = pattern.replace("{" + key + "}", re.escape(value))
    return re.search(pattern, holding.text, re.IGNORECASE) is not None


def held(item: Item, held_items: list[Holding], names: dict[str, str] | None = None) -> bool:
    """True when something in the packet counts as ``item``."""
    return any(_matches(m, h, names or {}) for m in item.any_of for h in held_items)


# --- the case ------------------------------------------------------------------------------------


def _norm(text: str) -> list[str]:
    return re.sub(r"[^A-Z0-9 ]+", " ", text.upper().replace("&", " AND ")).split()


def same_company(printed: str, name: str) -> bool:
    """``ACME ANALYTICS INC`` and ``Acme Analytics, Inc.`` are the same company."""
    a = [w for w in _norm(printed) if w not in _LEGAL_SUFFIXES]
    b = [w for w in _norm(name) if w not in _LEGAL_SUFFIXES]
    return bool(a) and a == b


def same_person(printed: str, person: Person) -> bool:
    """``OKAFOR, CHIDERA NGOZI`` names the person (family and given names both printed)."""
    words = set(_norm(printed))
    family = _norm(person.family_name or "")
    given = _norm(person.given_name or "")
    return bool(family) and bool(given) and set(family) <= words and given[0] in words


def _case_receipts(case: Case) -> set[str]:
    return {r.number.upper() for r in case.facts.receipt_numbers} if case.facts else set()


# --- notices -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeRead:
    """One notice found in a packet file, where it is, and what it says (or why nothing could be read)."""

    written: str
    where: str
    first_page: int  # page of the file the notice starts on
    values: dict[str, Any]
    office: str | None
    requests: tuple[Request, ...]
    is_part: bool
    error: str | None = None


Read = tuple[tuple[tuple[dict[str, Any], str | None, "tuple[Request, ...]"], ...], str | None]


@functools.cache
def _read_notice_file(path: Path, _stamp: tuple[int, int]) -> Read:
    from docgen.notices import parse_notice_file  # the notice reader (pdfplumber) only for a packet with notices
    from docgen.notices.requests import office_of, requests_of

    result = parse_notice_file(path)
    notices = tuple(
        (n.to_dict(), office_of(result, n.pages), tuple(requests_of(result, n.pages))) for n in result.notices
    )
    return notices, result.reason


def read_notices(path: Path) -> Read:
    """The notices in one file (values, office, requests) and the reader's reason if none; read once per version."""
    stat = path.stat()
    return _read_notice_file(path.resolve(), (stat.st_mtime_ns, stat.st_size))


def _looks_like_notice(source: str, title: str) -> bool:
    return bool(re.search(r"notice|I-?797", f"{source} {title}", re.IGNORECASE))


def packet_notices(spec: PacketSpec) -> list[NoticeRead]:
    """Every notice in the packet: the notice parts, and exhibit files titled or named as notices.

    A notice part the reader cannot read, or that holds no notice, is kept with its ``error``.
    """
    found: list[NoticeRead] = []
    files: list[tuple[Path, str, str, bool]] = []
    for entry in spec.parts:
        if isinstance(entry.part, NoticePart):
            title = entry.part.title or Path(entry.part.notice).stem
            files.append((spec.resolve(entry.part.notice), entry.part.notice, f"part {title!r}", True))
    for exhibit in spec.exhibits:
        for source in exhibit.sources:
            title = source.title or Path(source.written).name
            if source.path.suffix.lower() == ".pdf" and _looks_like_notice(source.written, title):
                files.append((source.path, source.written, f"exhibit {exhibit.label} ({title})", False))
    for path, written, where, is_part in files:
        try:
            notices, reason = read_notices(path)
        except (DocgenError, OSError) as exc:
            if is_part:
                found.append(NoticeRead(written, where, 1, {}, None, (), True, f"cannot be read ({exc})"))
            continue
        if not notices and is_part:
            why = reason or "not a USCIS notice"
            found.append(NoticeRead(written, where, 1, {}, None, (), True, f"holds no notice the reader knows ({why})"))
        for values, office, requests in notices:
            first = values["pages"][0] if values.get("pages") else 1
            found.append(NoticeRead(written, where, first, values, office, requests, is_part))
    return found


# --- letters -------------------------------------------------------------------------------------


def letter_section(spec: PacketSpec, part: LetterPart) -> tuple[str, dict[str, Any]]:
    """The template key of a letter part and its section of the letter data file (empty if none)."""
    from docgen.letters.render import load_letter_data, load_template

    key = str(load_template(part.letter).key)
    data = load_letter_data(spec.resolve(part.data) if part.data else None)
    return key, dict(data.get(key) or {})


def letter_data(
    spec: PacketSpec, part: LetterPart, exhibits: list[dict[str, Any]], notices: list[NoticeRead] | None = None
) -> dict[str, Any]:
    """The letter data of a letter in a packet: the data file, the packet's own exhibit list
    (``exhibits: packet``), and the requests of the notice on top in the notice's own words
    (``extra.notice_requests``; a point with ``item: N`` and no ``request`` quotes request N)."""
    from docgen.letters.render import load_letter_data

    data = load_letter_data(spec.resolve(part.data) if part.data else None)
    key, section = letter_section(spec, part)
    section = with_notice_office(section, notices or [])
    if part.exhibits == "packet" and exhibits:
        section["exhibits"] = exhibits
    requests = [r for n in (notices if notices is not None else []) if n.is_part for r in n.requests]
    if requests:
        section["notice_requests"] = [r.as_data() for r in requests]
        by_number = {r.number: r for r in requests}
        points = []
        for point in section.get("points") or []:
            point = dict(point) if isinstance(point, dict) else point
            if isinstance(point, dict) and point.get("item") in by_number and not point.get("request"):
                point["request"] = by_number[point["item"]].text
            points.append(point)
        if points:
            section["points"] = points
    if section:
        data[key] = section
    return data


NOTICE_FACTS = ("receipt_number", "notice_date", "response_due")  # what a response letter quotes from its notice


def with_notice_office(section: dict[str, Any], notices: list[NoticeRead]) -> dict[str, Any]:
    """A response letter that names no office is addressed to the office of the notice on top; one that does not
    give the RFE's (NOID's) receipt number, notice date or response date takes them from that notice, as read, so
    nobody retypes what the notice prints (a value the letter data gives is kept, and the cross-checks compare it
    with the notice)."""
    if not (section.get("points") or section.get("receipt_number")):
        return section
    office = next((n.office for n in notices if n.is_part and n.office), None)
    if office and not section.get("office"):
        section = {**section, "office": {"name": office.title()}}
    request = next((n.values for n in notices if n.is_part and n.values.get("notice_type") in RESPONSE_NOTICES), {})
    missing = {key: request[key] for key in NOTICE_FACTS if request.get(key) and not section.get(key)}
    return {**section, **missing} if missing else section


def docx_text(data: bytes) -> str:
    """The text of a DOCX, one paragraph a line."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    lines = []
    for paragraph in root.iter(f"{W}p"):
        lines.append("".join(node.text or "" for node in paragraph.iter(f"{W}t")))
    return "\n".join(line for line in lines if line.strip())


def letter_text(spec: PacketSpec, part: LetterPart, case: Case, case_path: Path, data: dict[str, Any]) -> str:
    """The words of a letter part as the packet will print them (rendered to DOCX, no LibreOffice)."""
    from docgen.letters.render import load_template, render_case

    template = load_template(part.letter)
    date = dt.date.fromisoformat(part.date) if part.date else None
    logo = spec.resolve(part.logo) if part.logo else None
    return docx_text(render_case(template, case, case_folder=case_path.parent, data=data, logo=logo, date=date))


def sentences(text: str) -> list[str]:
    """The sentences of a letter (good enough to find what one claims)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])|\n", text) if s.strip()]


# --- the checks ----------------------------------------------------------------------------------


@dataclass
class Checker:
    """The state of one cross-check run."""

    spec: PacketSpec
    case: Case | None
    case_path: Path | None
    pages: dict[str, int]
    report: CrossReport
    exhibits: list[dict[str, Any]]
    waivers: dict[str, str] = field(default_factory=dict)
    used_waivers: set[str] = field(default_factory=set)

    def at(self, written: str, page: int | None, label: str) -> str:
        """``part 'X' (packet page 3)`` when the packet is paginated, else the page of the file."""
        if page is None:
            return label
        first = self.pages.get(written)
        if first is not None:
            return f"{label}, packet page {first + page - 1}"
        return f"{label}, page {page} of {written}"

    def problem(self, check: str, where: str, message: str) -> None:
        self.report.problems.append(Problem(check, where, message))

    def waived(self, item_id: str, person: str | None, title: str) -> bool:
        for key in ([f"{item_id}:{person}"] if person else []) + [item_id]:
            reason = self.waivers.get(key)
            if reason is not None:
                self.used_waivers.add(key)
                said = f"{title} ({reason})"
                if said not in self.report.waived:
                    self.report.waived.append(said)
                return True
        return False


def _rfe_letter(spec: PacketSpec) -> LetterPart | None:
    for entry in spec.parts:
        if isinstance(entry.part, LetterPart) and entry.role == "cover-letter":
            return entry.part
    return None


def check_notices(checker: Checker, notices: list[NoticeRead], letter: dict[str, Any]) -> None:
    """Receipt number, beneficiary, petitioner and office of every notice against the case and the letter."""
    case = checker.case
    if case is None:
        return
    known = _case_receipts(case)
    expected_receipt = str(letter.get("receipt_number") or "").upper() or None
    office = (letter.get("office") or {}).get("name") if isinstance(letter.get("office"), dict) else None
    people = list(case.people())
    for notice in notices:
        values = notice.values
        where = checker.at(notice.written, notice.first_page, notice.where)
        if notice.error is not None:
            checker.problem("notices", where, f"{notice.written} {notice.error}; put the notice's PDF or scan here")
            continue
        receipt = str(values.get("receipt_number") or "").upper()
        if notice.is_part and expected_receipt:
            if receipt != expected_receipt:
                checker.problem(
                    "notices",
                    where,
                    f"receipt number {receipt or '(unreadable)'} is not the one the response answers "
                    f"({expected_receipt}); put the notice for {expected_receipt} on top",
                )
        elif receipt and known and receipt not in known | ({expected_receipt} if expected_receipt else set()):
            checker.problem(
                "notices",
                where,
                f"receipt number {receipt} is not one of the case's ({', '.join(sorted(known))}); "
                "check the file, or add it to facts.receipt_numbers",
            )
        named = values.get("beneficiary") or values.get("applicant")
        if named and not any(same_person(str(named), person) for person in people):
            who = _name(case.beneficiary)
            checker.problem(
                "notices",
                where,
                f"the notice names {named!r}, who is not in case {case.case_id} (beneficiary {who}); "
                "check the file belongs to this case",
            )
        petitioner = values.get("petitioner")
        if petitioner and case.petitioner is not None and not same_company(str(petitioner), case.petitioner.name):
            checker.problem(
                "notices",
                where,
                f"petitioner {petitioner!r} is not {case.petitioner.name!r} of case {case.case_id}; "
                "check the file belongs to this case",
            )
        if notice.is_part and office and notice.office and not same_company(notice.office, str(office)):
            checker.problem(
                "notices",
                where,
                f"the notice comes from the {notice.office.title()}, the letter is addressed to the "
                f"{office}; address the response to the office that sent the notice",
            )
    if any(n.error is None for n in notices):
        checker.report.passed.append(f"notices: {sum(n.error is None for n in notices)} read")


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.split()).lower(), " ".join(b.split()).lower()).ratio()


def _answers(point: dict[str, Any], request: Request) -> bool:
    if point.get("item") is not None:
        return bool(point.get("item") == request.number)
    title, wanted = _words(str(point.get("title") or "")), _words(request.title)
    if wanted and len(title & wanted) >= max(1, len(wanted) // 2 + len(wanted) % 2):
        return True
    quoted = str(point.get("request") or "")
    return bool(quoted) and _similarity(quoted, request.text) > 0.8


def check_requests(
    checker: Checker, notices: list[NoticeRead], part: LetterPart | None, letter: dict[str, Any]
) -> None:
    """Each request of the RFE/NOID on top, and whether the response letter answers it in the notice's words."""
    for notice in notices:
        if not notice.is_part or notice.values.get("notice_type") not in RESPONSE_NOTICES:
            continue
        if not notice.requests:
            checker.problem(
                "requests",
                checker.at(notice.written, notice.first_page, notice.where),
                "no numbered request could be read from the notice; check the letter answers each one by hand",
            )
            continue
        if part is None:  # none, or a signed letter brought as a document: not read here
            checker.report.warnings.append(
                Problem(
                    "requests",
                    notice.where,
                    f"{len(notice.requests)} request(s); no response letter part (letter:) to check them "
                    "against: make sure the letter answers each",
                )
            )
            continue
        points = [p for p in letter.get("points") or [] if isinstance(p, dict)]
        for request in notice.requests:
            where = checker.at(notice.written, request.page, f"{notice.where} item {request.number}")
            answer = next((p for p in points if _answers(p, request)), None)
            if answer is None:
                checker.problem(
                    "requests",
                    where,
                    f"{request.title or request.text[:60]!r} is not answered by letter {part.name}; "
                    f"add a point with item: {request.number} (its request is then quoted from the notice)",
                )
                continue
            quoted = str(answer.get("request") or "")
            if quoted and _similarity(quoted, request.text) < 0.9:
                checker.problem(
                    "requests",
                    where,
                    f"letter {part.name} quotes the request as {quoted[:70]!r}..., the notice says "
                    f"{request.text[:70]!r}...; drop the point's request: (with item: {request.number}) "
                    "to quote the notice",
                )
        extra = len(points) - sum(any(_answers(p, r) for r in notice.requests) for p in points)
        if extra > 0:
            checker.problem(
                "requests",
                notice.where,
                f"letter {part.name} answers {extra} point(s) the notice does not raise; "
                "give each point the item: number of the request it answers",
            )
        checker.report.passed.append(f"requests: {len(notice.requests)} in {notice.where}")


def check_enclosures(checker: Checker, letters: list[tuple[LetterPart, str]], held_items: list[Holding]) -> None:
    """Every enclosure a letter claims, and whether the packet holds it."""
    claims = load_claims()
    for part, text in letters:
        where = f"letter {part.name}"
        for sentence in sentences(text):
            for claim in claims:
                found = claim.claim is not None and claim.claim.search(sentence) is not None
                if found and not held(claim, held_items) and not checker.waived(claim.id, None, claim.title):
                    checker.problem(
                        "enclosures",
                        where,
                        f"says {sentence[:90]!r} but the packet holds no {claim.title}; add it, or take the "
                        "sentence out of the letter",
                    )
            for match in _FORM_CLAIM.finditer(sentence):
                form = normalise_form_id(match.group(1) or match.group(2))
                wanted = Item(form, f"Form {form}", (Matcher(form=form), Matcher(title=rf"\b{re.escape(form)}\b")))
                if form in {c.id for c in claims}:
                    continue
                if not held(wanted, held_items) and not checker.waived(form, None, f"Form {form}"):
                    checker.problem(
                        "enclosures",
                        where,
                        f"says Form {form} is enclosed but the packet holds none; add it (form: {form}) "
                        "or take the sentence out of the letter",
                    )
    if letters:
        checker.report.passed.append(f"enclosures: {len(letters)} letter(s) read")


def check_dates(checker: Checker, notices: list[NoticeRead]) -> None:
    """Every letter dated explicitly; a warning when the date falls after the start, the I-94's end or the due date."""
    letters = [entry for entry in checker.spec.parts if isinstance(entry.part, LetterPart)]
    if not letters:
        return  # letter rendering (docxtpl, python-docx) is loaded only for a packet with letters
    from docgen.letters.dates import date_warnings
    from docgen.letters.render import letter_addressee_notes, load_template

    due = [
        day
        for n in notices
        if n.is_part and n.values.get("notice_type") in RESPONSE_NOTICES and n.values.get("response_due")
        for day in [dt.date.fromisoformat(str(n.values["response_due"]))]
    ]
    for entry in letters:
        part = entry.part
        assert isinstance(part, LetterPart)
        where = f"letter {part.name} ({checker.spec.where(('parts', entry.position))})"
        if part.date is None:
            checker.problem(
                "dates", where, "has no date: and would be dated the day of each build; add date: YYYY-MM-DD"
            )
            continue
        if checker.case is None:
            continue
        key, section = letter_section(checker.spec, part)
        dated = dt.date.fromisoformat(part.date)
        for text in date_warnings(checker.case, key, dated, section, min(due, default=None)):
            checker.report.warnings.append(Problem("dates", where, text))
        template = load_template(part.letter)
        section = with_notice_office(section, notices)
        for text in letter_addressee_notes(template, checker.case, {template.key: section}):
            checker.report.warnings.append(Problem("addressee", where, text))


def _classification(case: Case) -> str:
    value = (case.facts.classification if case.facts else None) or ""
    return re.sub(r"^([A-Z]+)-?(\d)", r"\1-\2", value.upper().replace(" ", ""))


def applies(checklist: Checklist, spec: PacketSpec, case: Case | None) -> bool:
    """True when the checklist's ``when`` fits the case and the packet."""
    forms = {normalise_form_id(e.part.form) for e in spec.parts if isinstance(e.part, FormPart)}
    roles = {e.role for e in spec.parts}
    for key, values in checklist.when.items():
        if key == "kind" and spec.model.kind not in values:
            return False
        if key == "forms" and not forms & {normalise_form_id(v) for v in values}:
            return False
        if key == "parts" and not (forms | roles) & ({normalise_form_id(v) for v in values} | set(values)):
            return False
        if key == "classification" and (case is None or _classification(case) not in values):
            return False
        if key == "basis" and (case is None or not case.facts or case.facts.basis not in values):
            return False
    return True


def _applicants(spec: PacketSpec, case: Case, form: str) -> list[tuple[str, Person]]:
    found: dict[str, Person] = {}
    for entry in spec.parts:
        part = entry.part
        if isinstance(part, FormPart) and normalise_form_id(part.form) == normalise_form_id(form):
            try:
                person = case.person(part.for_)
            except KeyError:
                continue
            found.setdefault(person.id or part.for_ or "beneficiary", person)
    return list(found.items())


def check_checklists(checker: Checker, held_items: list[Holding]) -> None:
    """Every document the case type implies and the packet lacks."""
    case = checker.case
    for checklist in load_checklists():
        if not applies(checklist, checker.spec, case):
            continue
        missing = 0
        for item in checklist.items:
            if item.only_if == "representative" and (case is None or case.representative is None):
                continue
            targets: list[tuple[str | None, dict[str, str]]] = [(None, {})]
            if item.per and case is not None:
                form = item.per.split()[-1]
                targets = [
                    (ref, {"given": p.given_name or "", "family": p.family_name or ""})
                    for ref, p in _applicants(checker.spec, case, form)
                ]
            for person, names in targets:
                title = item.title.format(**names) if names else item.title
                if held(item, held_items, names) or checker.waived(item.id, person, title):
                    continue
                missing += 1
                key = f"{item.id}:{person}" if person else item.id
                checker.problem(
                    "checklist",
                    f"{checklist.title}",
                    f"no {title} in the packet ({checklist.source}, as of {checklist.as_of}); add it as an exhibit "
                    f"or part, or list it under checks: not_enclosed: (item: {key}) with the reason",
                )
        if not missing:
            checker.report.passed.append(f"checklist: {checklist.title}")


def cross_check(
    spec: PacketSpec,
    *,
    case: Case | None = None,
    case_path: Path | None = None,
    exhibits: list[dict[str, Any]] | None = None,
    pages: dict[str, int] | None = None,
    as_warnings: bool = False,
) -> CrossReport:
    """Run every cross-check on ``spec`` (see the module docstring).

    ``pages`` maps a file as the spec writes it to the packet page it starts
    on (a build passes it, so problems name packet pages); ``exhibits`` is the
    packet's exhibit list as letters see it.
    """
    report = CrossReport(spec, as_warnings=as_warnings)
    if case is None and (case_path is not None or spec.model.case):
        case_path = case_path or spec.resolve(str(spec.model.case))
        case = load_case(case_path)
    if exhibits is None:
        exhibits = [
            {"id": e.label, "title": e.exhibit.title, "pages": None, "description": e.exhibit.description}
            for e in spec.exhibits
        ]
    waivers = {w.item: w.reason for w in spec.model.checks.not_enclosed}
    checker = Checker(spec, case, case_path, pages or {}, report, exhibits, waivers)
    notices = packet_notices(spec)
    held_items = holdings(spec, case)
    response = _rfe_letter(spec) if spec.model.kind == "rfe-response" else None
    letter: dict[str, Any] = {}
    if response is not None:
        _key, letter = letter_section(spec, response)
        data = letter_data(spec, response, exhibits, notices)
        letter = dict(data.get(_key) or letter)
    texts: list[tuple[LetterPart, str]] = []
    if case is not None and case_path is not None:
        for entry in spec.parts:
            if isinstance(entry.part, LetterPart):
                data = letter_data(spec, entry.part, exhibits, notices)
                texts.append((entry.part, letter_text(spec, entry.part, case, case_path, data)))
    check_notices(checker, notices, letter)
    check_requests(checker, notices, response, letter)
    check_enclosures(checker, texts, held_items)
    check_dates(checker, notices)
    check_checklists(checker, held_items)
    for unused in sorted(set(waivers) - checker.used_waivers):
        checker.problem(
            "checklist",
            spec.where(("checks", "not_enclosed")),
            f"not_enclosed item {unused!r} is not something this packet is checked for; remove it or fix the id",
        )
    return report
