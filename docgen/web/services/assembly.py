"""A packet assembled in the page: filled forms, rendered letters and uploaded evidence of one case, in the
order and with the titles the person chose, built by the library's packet builder (docgen/packets).

Everything lives in the case's work folder ``DATA/work/<case id>/`` (owner-only, never served):

- ``evidence/<id>/<name>``: uploaded evidence, typed by content (the packet code's detection), 0600;
- ``letters/<template>.yaml``: the answers each letter was rendered with on the Letters tab;
- ``draft.json``: the page's choices (order, titles, places), kept between visits;
- ``packet.yaml``: the packet spec written for the last build (``docgen packet build`` rebuilds it).

Forms are ``form:`` parts (edition and person of the fill chosen): the builder fills them from the case as
the CLI's packets do, so its cross-checks and checklists see them as forms. Letters are ``letter:`` parts, rendered
again from their template and the case's data, so the cross-checks read what each says is enclosed. Evidence is
files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from docgen.errors import DocgenError, PacketError, UsageError
from docgen.fileio import safe_name, write_bytes_atomic, write_text_atomic
from docgen.web.services import jobs
from docgen.web.services.uploads import UploadRefused, megabytes
from docgen.web.workspace.models import Job

EVIDENCE_PLACES = {"exhibit": "exhibit", "notice": "notice on top (RFE, NOID)", "document": "document part"}
LETTER_PLACES = {
    "cover-letter": "cover letter",
    "support-letter": "support letter",
    "other": "other part",
}
STAMPS = {"bates": "Bates numbers", "page": "Page N of M", "none": "no stamp"}
KINDS = {"filing": "filing", "rfe-response": "RFE or NOID response"}
UPLOAD_ID = re.compile(r"^[0-9a-f]{12}$")


@dataclass
class Item:
    """One thing the packet may hold: a filled form, a rendered letter or an uploaded file."""

    key: str
    kind: str  # form | letter | evidence
    label: str
    title: str = ""
    include: bool = False
    place: str = "form"
    detail: str = ""
    default_title: str = ""
    warning: str = ""  # a letter dated before the case data it uses last changed, or on an earlier day (and the fix)

    @property
    def group(self) -> str:
        """``exhibits`` for evidence placed as an exhibit, else ``parts``."""
        return "exhibits" if self.kind == "evidence" and self.place == "exhibit" else "parts"

    @property
    def removable(self) -> bool:
        """An upload may be removed; a notice the mailroom filed stays with its case (it is only left unticked)."""
        return self.kind == "evidence" and self.key.startswith("upload:")

    @property
    def places(self) -> dict[str, str]:
        """The places this item may take."""
        if self.kind == "evidence":
            return EVIDENCE_PLACES
        if self.kind == "letter":
            return LETTER_PLACES
        return {}


@dataclass
class Options:
    """The packet as a whole: kind, name, e-filing profile, stamps, split, cross-checks as warnings."""

    kind: str = "filing"
    name: str = ""
    title: str = ""
    profile: str = "uscis-online"
    stamp: str = "bates"
    prefix: str = ""
    split: bool = False
    warn_only: bool = False


@dataclass
class Assembly:
    """The page's state: options and items in order."""

    options: Options
    items: list[Item] = field(default_factory=list)

    def group(self, name: str) -> list[Item]:
        """The items of ``parts`` or ``exhibits``, in order."""
        return [item for item in self.items if item.group == name]


# --- where -----------------------------------------------------------------------------------------


def work_dir(case_id: str) -> Path:
    """The case's work folder (owner-only)."""
    root = Path(settings.DATA_DIR) / "work"
    root.mkdir(mode=0o700, exist_ok=True)
    path = root / safe_name(case_id)
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def profile_choices() -> list[str]:
    """The e-filing profiles (``paper``, ``uscis-online``...)."""
    from docgen.packets import list_profiles

    return [path.stem for path in list_profiles()]


# --- evidence uploads ------------------------------------------------------------------------------


def _humanise(stem: str) -> str:
    text = re.sub(r"[_-]+", " ", stem).strip()
    return text[:1].upper() + text[1:] if text else "Evidence"


def check_evidence(name: str, data: bytes) -> str:
    """The type of an uploaded evidence file by its content (the packet code's detection); UploadRefused with a
    message for the page when a packet cannot hold it or it cannot be opened."""
    from docgen.packets.evidence import UNSUPPORTED_HINTS, kind_of, type_name
    from docgen.pdf.detect import detect
    from docgen.pdf.limits import EVIDENCE_CAPS
    from docgen.pdf.open import open_pdf

    limit = int(settings.UPLOAD_LIMIT)
    if len(data) > limit:
        raise UploadRefused(f"{name} is {megabytes(len(data))}; files up to {megabytes(limit)} are accepted.")
    if not data:
        raise UploadRefused(f"{name} is empty; choose the document again.")
    mime = detect(data)
    kind = kind_of(mime)
    if kind == "unsupported":
        hint = UNSUPPORTED_HINTS.get(mime, "a type a packet cannot hold")
        raise UploadRefused(
            f"{name} is not evidence a packet can hold (its content is {mime}: {hint}); "
            "choose a PDF, an image (JPEG, PNG, TIFF, HEIC) or a Word document."
        )
    if kind == "pdf":  # a password or damage is said now, not at the build

        def refuse(problem: str, kind: type[DocgenError] | None = None) -> DocgenError:
            return (kind or UsageError)(f"{name}: {problem}")

        try:
            open_pdf(data, refuse, name=name, caps=EVIDENCE_CAPS).close()
        except DocgenError as exc:
            raise UploadRefused(str(exc)) from None
    return type_name(mime)


def store_evidence(case_id: str, uploaded: Any) -> Item:
    """Check an uploaded evidence file and keep it in the case's work folder (0600), under its own name."""
    if uploaded is None:
        raise UploadRefused("Choose a file: a PDF, an image or a Word document.")
    name = safe_name(Path(str(uploaded.name)).name)[:120]
    limit = int(settings.UPLOAD_LIMIT)
    if uploaded.size > limit:
        raise UploadRefused(f"{name} is {megabytes(uploaded.size)}; files up to {megabytes(limit)} are accepted.")
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    check_evidence(name, data)
    upload_id = uuid.uuid4().hex[:12]
    folder = work_dir(case_id) / "evidence" / upload_id
    folder.parent.mkdir(mode=0o700, exist_ok=True)
    folder.mkdir(mode=0o700)
    write_bytes_atomic(folder / name, data)
    return _evidence_item(folder / name)


def _evidence_item(path: Path) -> Item:
    from docgen.packets.evidence import extension_note, type_name
    from docgen.pdf.detect import MAGIC_BYTES, detect

    with path.open("rb") as handle:
        head = handle.read(MAGIC_BYTES)
    mime = detect(path.read_bytes() if head[:2] == b"PK" else head)  # Office files: the parts inside say which
    note = extension_note(path, mime)
    return Item(
        key=f"upload:{path.parent.name}",
        kind="evidence",
        label=path.name,
        include=True,
        place="exhibit",
        detail=f"uploaded; {type_name(mime)}, {megabytes(path.stat().st_size)}"
        + (f"; named {path.suffix or 'without an extension'}, read by its content" if note else ""),
        default_title=_humanise(path.stem),
    )


def evidence_path(case_id: str, key: str) -> Path | None:
    """The stored file of an upload key (None when there is none; a key cannot reach outside the folder)."""
    upload_id = key.removeprefix("upload:")
    if not UPLOAD_ID.match(upload_id):
        return None
    folder = work_dir(case_id) / "evidence" / upload_id
    files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    return files[0] if files else None


def remove_evidence(case_id: str, key: str) -> None:
    """Delete an uploaded file."""
    path = evidence_path(case_id, key)
    if path is not None:
        shutil.rmtree(path.parent, ignore_errors=True)


# --- what the case has -----------------------------------------------------------------------------


def _letter_place(template: str) -> str:
    name = template.lower()
    if "support" in name:
        return "support-letter"
    if "cover" in name or "rfe" in name or "response" in name:
        return "cover-letter"
    return "other"


def _template_of(job: Job) -> str:
    return str(job.details.get("template", "") or job.title)


def rendered_letters(case_id: str) -> dict[str, tuple[Job, str]]:
    """The letter of each template the case has: (job, file name) of the newest rendering, a PDF before a DOCX."""
    chosen: dict[str, tuple[Job, str]] = {}
    for job in Job.objects.filter(case_id=case_id, status="done", kind="letter").order_by("-created"):
        for name in job.files:
            earlier = chosen.get(_template_of(job))
            if earlier is None or (name.endswith(".pdf") and not earlier[1].endswith(".pdf")):
                chosen[_template_of(job)] = (job, name)
    return chosen


def letter_date_warning(template: str, rendered: dt.datetime, case_path: Path | None) -> str:
    """Why a letter held in the packet carries a date that may be stale, and how to render it again; or nothing.

    The packet renders the letter again from the case as it is, but dates it the day it was rendered on the
    Letters tab: that day is older than what it says when the case file (its answers, the notices the mailroom
    filed into it) changed after the rendering, or when it was rendered on an earlier day than today."""
    from django.utils import timezone

    when = timezone.localtime(rendered)
    why = []
    changed = None
    if case_path is not None:
        with contextlib.suppress(OSError):
            changed = dt.datetime.fromtimestamp(case_path.stat().st_mtime, dt.UTC)
    if changed is not None and changed > rendered:
        why.append(f"before the case data it uses last changed ({timezone.localtime(changed):%Y-%m-%d %H:%M})")
    if when.date() < timezone.localdate():
        why.append("on an earlier day than today")
    if not why:
        return ""
    return (
        f"letter {template}: dated {when:%Y-%m-%d}, the day it was rendered on the Letters tab ({when:%H:%M}), "
        f"{' and '.join(why)}; the packet prints what the case says now under that date: to date it today, render "
        "it again on the Letters tab, then build the packet again"
    )


def candidates(case_id: str) -> list[Item]:
    """The filled forms (newest per form, edition and person), rendered letters (newest per template, PDF
    preferred) and uploaded files of the case, in the order a packet usually has them."""
    from docgen.web.services.cases import find

    summary = find(case_id)
    case_path = summary.path if summary is not None else None
    forms: dict[str, Item] = {}
    for job in Job.objects.filter(case_id=case_id, status="done", kind="form").order_by("-created"):
        form, edition = str(job.details.get("form", "")), str(job.details.get("edition", ""))
        person = str(job.details.get("person", "") or "")
        key = f"form:{form}:{person}:{edition}"
        if form and key not in forms:
            forms[key] = Item(
                key,
                "form",
                f"Form {form} for {person or 'beneficiary'} (edition {edition})",
                include=True,
                place="form",
                detail=f"filled {job.created:%Y-%m-%d %H:%M}; filled again from the case when the packet is built",
            )
    letters = {
        template: Item(
            f"letter:{template}",
            "letter",
            f"Letter {template}",
            include=True,
            place=_letter_place(template),
            detail=f"{Path(name).suffix[1:].upper()} rendered {job.created:%Y-%m-%d %H:%M}; rendered again from "
            "its template and the case when the packet is built, listing the packet's exhibits",
            default_title=_humanise(template),
            warning=letter_date_warning(template, job.created, case_path),
        )
        for template, (job, name) in rendered_letters(case_id).items()
    }
    evidence_root = work_dir(case_id) / "evidence"
    uploads = []
    if evidence_root.is_dir():
        folders = sorted(evidence_root.iterdir(), key=lambda p: p.stat().st_mtime)
        for folder in folders:
            path = evidence_path(case_id, f"upload:{folder.name}")
            if path is not None:
                uploads.append(_evidence_item(path))
    notices = filed_notices(case_id)
    order = {"cover-letter": 0, "other": 2, "support-letter": 3}
    letter_items = sorted(letters.values(), key=lambda i: order.get(i.place, 2))
    head = [i for i in letter_items if i.place == "cover-letter"]
    tail = [i for i in letter_items if i.place != "cover-letter"]
    return [*notices, *head, *sorted(forms.values(), key=lambda i: i.key), *tail, *uploads]


NOTICE_TITLES = {
    "rfe": "Request for Evidence (Form I-797E), copy",
    "noid": "Notice of Intent to Deny, copy",
}


def filed_notices(case_id: str) -> list[Item]:
    """The notices the mailroom filed to the case, newest first, as files the packet may hold: an RFE or NOID as
    the notice on top of its response, others as exhibits (an approval notice as evidence of status). None is
    ticked: the person chooses."""
    from docgen.web.services.docket import case_notices

    items = []
    for notice in case_notices(case_id):
        kind = notice.notice_type
        what = " ".join(part for part in (notice.form, kind, notice.receipt_number) if part)
        items.append(
            Item(
                f"notice:{notice.id}",
                "evidence",
                notice.file,
                place="notice" if kind in NOTICE_TITLES else "exhibit",
                detail=f"filed by the mailroom: {what}, notice date {notice.notice_date or 'not read'}",
                default_title=NOTICE_TITLES.get(kind, f"Notice of action ({what})"),
            )
        )
    return items


def _notice_file(case_id: str, key: str, folder: Path) -> str:
    """Copy the filed notice of ``key`` (``notice:ID``) into the work folder; its path there. Only a notice filed to
    this case, whose copy is still in the case's folder."""
    from docgen.mailroom.docket import NoticeStatus
    from docgen.web.services.docket import read_docket

    notice_id = key.removeprefix("notice:")
    record = None
    if notice_id.isascii() and notice_id.isdigit():
        with read_docket() as docket:
            record = docket.notice(int(notice_id))
    if record is None or record.case_id != case_id or record.status is not NoticeStatus.FILED:
        raise UsageError(f"{key}: that notice is no longer filed to {case_id} (unfiled?); reload the page")
    source = Path(str(record.filed_path or ""))
    if not source.is_file():
        raise UsageError(
            f"notice {source.name}: its copy is gone from the case folder; put the scan in the inbox again"
        )
    target = folder / "notices" / notice_id
    target.parent.mkdir(mode=0o700, exist_ok=True)
    target.mkdir(mode=0o700, exist_ok=True)
    write_bytes_atomic(target / source.name, source.read_bytes())
    return f"notices/{notice_id}/{source.name}"


def _merge(known: list[Item], fresh: list[Item]) -> list[Item]:
    """The items as last chosen (order, titles, places, ticks), then what is new, dropping what is gone."""
    by_key = {item.key: item for item in fresh}
    out = []
    for item in known:
        current = by_key.pop(item.key, None)
        if current is None:
            continue
        current.title, current.include = item.title, item.include
        if item.place in current.places or (current.kind == "form" and item.place == "form"):
            current.place = item.place
        out.append(current)
    return out + list(by_key.values())


def load(case_id: str) -> Assembly:
    """The page's state: the draft kept in the work folder, brought up to date with the case's files."""
    path = work_dir(case_id) / "draft.json"
    options, known = Options(), []
    if path.is_file():
        with contextlib.suppress(ValueError, TypeError, KeyError):
            raw = json.loads(path.read_text(encoding="utf-8"))
            options = Options(**raw["options"])
            known = [Item(**item) for item in raw["items"]]
    return Assembly(options, _merge(known, candidates(case_id)))


def save(case_id: str, assembly: Assembly) -> None:
    """Keep the page's choices for the next visit (atomic, owner-only)."""
    raw = {"options": asdict(assembly.options), "items": [asdict(item) for item in assembly.items]}
    write_text_atomic(work_dir(case_id) / "draft.json", json.dumps(raw, indent=1))


def from_post(case_id: str, post: Any) -> Assembly:
    """The state the page posted: items in the order of their rows, with ticks, titles and places."""
    options = Options(
        kind=post.get("kind", "filing") if post.get("kind") in KINDS else "filing",
        name=post.get("name", "").strip()[:80],
        title=post.get("title", "").strip()[:200],
        profile=post.get("profile", "uscis-online"),
        stamp=post.get("stamp", "bates") if post.get("stamp") in STAMPS else "bates",
        prefix=post.get("prefix", "").strip()[:40],
        split=bool(post.get("split")),
        warn_only=bool(post.get("warn_only")),
    )
    posted = []
    for key in post.getlist("item"):
        posted.append(
            Item(
                key,
                "",
                "",
                title=post.get(f"title:{key}", "").strip()[:200],
                include=bool(post.get(f"on:{key}")),
                place=post.get(f"place:{key}", ""),
            )
        )
    return Assembly(options, _merge(posted, candidates(case_id)))


def move(assembly: Assembly, key: str, step: int) -> None:
    """Move an item one place up (-1) or down (+1) among the items of its group."""
    item = next((i for i in assembly.items if i.key == key), None)
    if item is None:
        return
    group = assembly.group(item.group)
    here = group.index(item)
    there = here + step
    if not 0 <= there < len(group):
        return
    other = group[there]
    a, b = assembly.items.index(item), assembly.items.index(other)
    assembly.items[a], assembly.items[b] = other, item


# --- the spec --------------------------------------------------------------------------------------


def _letter_part(case_id: str, case_path: Path, item: Item, folder: Path) -> dict[str, Any]:
    """The ``letter:`` part of a letter rendered on the Letters tab: the same template, rendered again from the
    case when the packet is built, so the cross-checks read what the packet prints (its enclosures, the requests
    it answers, the notice it quotes) and it lists the packet's own exhibits, as the index does. Its data is the
    letter's answers as the Letters tab rendered them (the case's ``extra.<letter>`` and what the RFE or NOID the
    mailroom filed prints), written to ``letters/<template>.yaml``; it is dated the day it was rendered."""
    import yaml
    from django.utils import timezone

    from docgen.case import load_case
    from docgen.letters.render import load_template
    from docgen.web.services.documents import notice_facts, template_source

    template = item.key.removeprefix("letter:")
    chosen = rendered_letters(case_id).get(template)
    if chosen is None:
        raise UsageError(f"letter {template}: no rendered copy of it any more; render it again on the Letters tab")
    job, _name = chosen
    # the template chosen on the Letters tab (a rendering older than the choice kept: the bundled one, else the
    # firm's uploaded one of that name)
    choices = [str(job.details["source"])] if job.details.get("source") else [template, f"upload:{template}"]
    for choice in choices:
        with contextlib.suppress(UsageError):
            source = template_source(choice)
            break
    else:
        raise UsageError(
            f"letter {template}: its template is no longer on the Letters tab; upload it again or untick the letter"
        )
    key = str(load_template(source).key)
    section = dict(load_case(case_path).extra.get(key) or {})
    section.update((notice_facts(source, case_path, case_id) or {}).get(key) or {})
    part: dict[str, Any] = {
        "letter": str(source),
        "role": item.place,
        "title": item.title or item.default_title,
        "date": timezone.localdate(job.created).isoformat(),
    }
    if section:
        data = folder / "letters" / f"{safe_name(template)}.yaml"
        data.parent.mkdir(mode=0o700, exist_ok=True)
        header = f"# The answers letter {template} was rendered with on the Letters tab (from the case and notice).\n"
        text = yaml.safe_dump({key: section}, sort_keys=False, allow_unicode=True)
        write_text_atomic(data, header + text)
        part["data"] = data.relative_to(folder).as_posix()
    return part


def _accepted_editions(case_id: str) -> dict[tuple[str, str], str]:
    """(form, edition) -> who accepted it, for the editions the agency refuses that a user of this case filled
    knowingly (the Forms tab's box)."""
    out: dict[tuple[str, str], str] = {}
    for job in Job.objects.filter(case_id=case_id, status="done", kind="form").order_by("created"):
        edition = str(job.details.get("accepted_edition") or "")
        if edition and edition == str(job.details.get("edition", "")):
            out[str(job.details.get("form", "")), edition] = str(job.details.get("accepted_by") or "a user")
    return out


def spec_data(case_id: str, case_path: Path, assembly: Assembly) -> dict[str, Any]:
    """The packet spec (as YAML data) of the chosen items, in the chosen order."""
    folder = work_dir(case_id)
    chosen = [item for item in assembly.items if item.include]
    if not chosen:
        raise UsageError("tick at least one form, letter or file to put in the packet")
    options = assembly.options
    if options.profile not in profile_choices():
        raise UsageError(f"no e-filing profile {options.profile!r}; pick one of the list")
    name = safe_name(options.name or f"{case_id}-packet")
    parts: list[dict[str, Any]] = []
    exhibits: list[dict[str, Any]] = []
    accepted = _accepted_editions(case_id)
    for item in chosen:
        title = item.title or None
        if item.kind == "form":
            _, form, person, edition = item.key.split(":", 3)
            part: dict[str, Any] = {"form": form, "edition": edition}
            if person:
                part["for"] = person
            if (form, edition) in accepted:
                part["accept_edition"] = {
                    "edition": edition,
                    "reason": f"filled knowingly in the workspace by {accepted[form, edition]}",
                }
            if title:
                part["title"] = title
            parts.append(part)
        elif item.kind == "letter":
            parts.append(_letter_part(case_id, case_path, item, folder))
        else:
            if item.key.startswith("notice:"):
                written = _notice_file(case_id, item.key, folder)
            elif (path := evidence_path(case_id, item.key)) is not None:
                written = path.relative_to(folder).as_posix()
            else:
                raise UsageError(f"{item.label}: the uploaded file is gone; upload it again")
            if item.place == "exhibit":
                exhibits.append(
                    {"title": title or item.default_title, "files": [{"file": written, "title": item.label}]}
                )
            elif item.place == "notice":
                parts.append({"notice": written, "title": title or item.default_title})
            else:
                parts.append({"document": written, "title": title or item.default_title})
    data: dict[str, Any] = {
        "kind": options.kind,
        "name": name,
        "case": str(case_path),
        "profile": options.profile,
        "order": "as-listed",
        "stamp": {"style": options.stamp, "prefix": options.prefix}
        if options.stamp == "bates"
        else {"style": options.stamp},
        "parts": parts,
        "exhibits": exhibits,
    }
    if options.title:
        data["title"] = options.title
    return data


def write_spec(case_id: str, case_path: Path, assembly: Assembly) -> Path:
    """Write ``packet.yaml`` in the case's work folder (atomic) and return its path."""
    import yaml

    data = spec_data(case_id, case_path, assembly)
    path = work_dir(case_id) / "packet.yaml"
    header = "# Written by the workspace's packet page; `docgen packet build` builds it the same way.\n"
    write_text_atomic(path, header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


def start(case_path: Path, case_id: str, assembly: Assembly, user: Any) -> Job:
    """Write the spec, then in the background: cross-check it, build it, preflight every file written."""
    from docgen.packets import load_spec
    from docgen.web.services.documents import letter_data_in_page

    spec_file = write_spec(case_id, case_path, assembly)
    spec = load_spec(spec_file)  # a spec the builder refuses is refused here, in the request
    options = assembly.options
    job = jobs.create("packet", f"{spec.name} (assembled)", user, case_id, spec="packet.yaml", assembled=True)
    dated = [  # the check lines open with the letters whose date is older than what they say
        f"warning [letter dates] {item.warning}"
        for item in assembly.items
        if item.include and item.kind == "letter" and item.warning
    ]

    def work(job: Job, progress: jobs.Progress) -> None:
        try:
            build(job, progress)
        except DocgenError as exc:  # a letter whose answers the case no longer has: said as the page adds them
            raise letter_data_in_page(exc) from None

    def build(job: Job, progress: jobs.Progress) -> None:
        from docgen.packets import build_packet
        from docgen.packets.crosscheck import cross_check
        from docgen.web.services.documents import _converter, _office_lock, finish_packet

        progress(0, 3, "cross-checks: notices, requests, enclosures, checklists")
        report = cross_check(spec, case_path=case_path, as_warnings=options.warn_only)
        found = {"crosscheck": [*dated, *report.lines()], "crosscheck_ok": not report.problems, "crosscheck_ran": True}
        job.details = {**job.details, **found}
        if not report.ok:
            count = len(report.problems)
            raise PacketError(
                f"{count} cross-check problem{'s' if count != 1 else ''} (listed below): fix the packet or the case, "
                "or tick 'Build despite cross-check problems'"
            )
        progress(1, 3, "building the packet: forms, letters, evidence, dividers, index, stamps")
        with _office_lock:
            result = build_packet(
                spec,
                out_dir=jobs.folder(job),
                split=options.split,
                case=case_path,
                forms_dir=settings.FORMS_DIR,
                converter=_converter(),
                checks="warn" if options.warn_only else "error",
            )
        progress(2, 3, "e-filing preflight")
        finish_packet(job, result)

    jobs.run_in_background(job, work)
    return job
