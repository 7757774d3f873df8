"""Building an H-1B public access file (``docgen paf build``).

``build_paf`` assembles, for the LCA of an H-1B case, the certified LCA (the
user's PDF, checked by :mod:`docgen.compliance.lca`), the memos the rules list
(DOCX letter templates filled from the case through the letters library), an
index sheet on top (PDF) and ``paf.json``, the manifest ``paf check`` reads.
Every date comes from :func:`docgen.compliance.dates.paf_dates`, which the
docket and the audit use too.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from docgen import __version__
from docgen.case.loader import load_case
from docgen.case.model import Case, Lca
from docgen.compliance.dates import (
    LCA_DATES,
    PafDates,
    check_wage,
    dependent_or_violator,
    lca_classification,
    lca_of,
    paf_dates,
    posting_days,
    required_documents,
)
from docgen.compliance.lca import check_lca_pdf, read_pdf
from docgen.compliance.rules import DocumentRule, load_rules
from docgen.errors import CaseDataError, OutputError, TemplateError
from docgen.fileio import check_output, edited_since_written, make_private_dir, sha256_hex, write_bytes_atomic
from docgen.letters.convert import Converter, OfficeConverter, convert_to_pdf
from docgen.letters.render import load_template, render_case

MANIFEST = "paf.json"
INDEX = "00-index.pdf"
COMBINED = "public-access-file.pdf"
FORMAT = "docgen-paf/1"
RETENTION_NOTE = (
    ". Without the last day an H-1B worker was employed under the LCA, the LCA's end is used: no one can be "
    "employed under it later, so the file is never destroyed early"
)


# --- building the file ---------------------------------------------------------------------------


@dataclass
class PafFile:
    """One document of the file as written."""

    id: str
    title: str
    source: str
    file: str | None
    sha256: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "source": self.source, "file": self.file, "sha256": self.sha256}


@dataclass
class PafResult:
    """A built public access file."""

    case_id: str
    folder: Path
    files: list[Path]
    manifest: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def memo_data(lca: Lca, dates: PafDates, today: dt.date) -> dict[str, Any]:
    """What the memos see as ``extra`` besides the case: postings with business days, and the file's dates."""
    postings = []
    for posting in lca.postings:
        row = posting.model_dump(mode="python")
        row["business_days"] = posting_days(posting, today)
        postings.append(row)
    return {
        "postings": postings,
        "available_by": dates.available_by,
        "notice_ends": max(dates.notice_ends.values()) if dates.notice_ends else None,
        "retention_until": dates.retention_until,
    }


def facts_json(lca: Lca) -> dict[str, Any]:
    """The LCA facts the audit needs, as the manifest keeps them."""
    data = lca.model_dump(
        mode="json",
        include={*LCA_DATES, "paf_location", "postings", "h1b_dependent", "willful_violator"},
    )
    return dict(data)


def render_memos(
    case: Case,
    documents: list[DocumentRule],
    extra: dict[str, Any],
    *,
    case_folder: Path | None,
    today: dt.date,
    templates_dir: Path | str | None = None,
) -> dict[str, bytes]:
    """The DOCX of every memo; one TemplateError naming every missing fact of every memo."""
    out: dict[str, bytes] = {}
    problems: list[str] = []
    for document in documents:
        if document.kind != "memo" or document.template is None:
            continue
        template = load_template(document.template, templates_dir)
        try:
            out[document.id] = render_case(
                template, case, case_folder=case_folder, data={template.key: extra}, date=today
            )
        except TemplateError as exc:
            problems.append(str(exc).removesuffix(". Nothing was written"))
    if problems:
        raise TemplateError(
            f"case {case.case_id}: the public access file cannot be completed: {' | '.join(problems)}. "
            "Nothing was written"
        )
    return out


def index_pdf(case: Case, lca: Lca, dates: PafDates, files: list[PafFile], today: dt.date) -> bytes:
    """The index sheet on top of the file: the LCA, the dates the rules set, and every document with its source."""
    assert case.job is not None
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8.5, leading=10.5)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=0.8 * inch,
        rightMargin=0.8 * inch,
        topMargin=0.8 * inch,
        bottomMargin=0.8 * inch,
        title=f"Public access file, LCA {case.job.lca_number}",
        author=case.petitioner.name if case.petitioner else "",
        invariant=1,
    )

    def day(value: dt.date | None) -> str:
        return value.strftime("%B %-d, %Y") if value else "not known"

    story: list[Any] = [
        Paragraph("H-1B Public Access File", styles["Title"]),
        Paragraph(f"Labor Condition Application {case.job.lca_number}", styles["Heading2"]),
    ]
    facts = [
        ("Employer", case.petitioner.name if case.petitioner else ""),
        ("Position", f"{case.job.title} (SOC {case.job.soc_code or '-'})"),
        ("LCA filed", day(lca.filed_date)),
        ("LCA period", f"{day(lca.valid_from)} to {day(lca.valid_to)}"),
        ("File available by", f"{day(dates.available_by)} (one working day after filing)"),
        ("File made available", day(lca.paf_created_date)),
        ("Kept at", lca.paf_location or "not stated"),
        ("Keep until", f"{day(dates.retention_until)}: {dates.retention_basis}{RETENTION_NOTE}"),
        ("Index made", day(today)),
    ]
    table = Table(
        [[Paragraph(f"<b>{k}</b>", small), Paragraph(v, small)] for k, v in facts], colWidths=[1.6 * inch, 5.2 * inch]
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    story += [table, Spacer(1, 12), Paragraph("Contents", styles["Heading3"])]
    rows = [[Paragraph(f"<b>{h}</b>", small) for h in ("#", "Document", "File", "Rule")]]
    for number, item in enumerate(files, start=1):
        rows.append(
            [
                Paragraph(str(number), small),
                Paragraph(item.title, small),
                Paragraph(item.file or "<b>MISSING</b>", small),
                Paragraph(item.source, small),
            ]
        )
    contents = Table(rows, colWidths=[0.3 * inch, 3.0 * inch, 1.7 * inch, 1.8 * inch], repeatRows=1)
    contents.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(contents)
    doc.build(story)
    return buffer.getvalue()


def require_lca_case(case: Case, source: str) -> None:
    """Refuse a case whose classification has no LCA (a PAF is kept for H-1B, H-1B1 and E-3 LCAs)."""
    if not lca_classification(case):
        raise CaseDataError(
            f"{source}: case {case.case_id}: facts.classification is {case.facts.classification!r}; a public "
            "access file is kept "
            "for the LCA of an H-1B (or H-1B1, E-3) case",
            case_id=case.case_id,
            field="facts.classification",
        )


def assemble(
    documents: list[DocumentRule], files: dict[str, bytes], memos: dict[str, bytes]
) -> tuple[dict[str, bytes], list[PafFile]]:
    """File name -> bytes of every document at hand (the user's PDFs by id, the memos), and the index entries
    (a PDF not given is listed as missing)."""
    outputs: dict[str, bytes] = {}
    entries: list[PafFile] = []
    for number, document in enumerate(documents, start=1):
        stem = f"{number:02d}-{document.id.replace('_', '-')}"
        if document.kind == "file":
            data, name = files.get(document.id), f"{stem}.pdf"
        else:
            data, name = memos[document.id], f"{stem}.docx"
        if data is None:
            entries.append(PafFile(document.id, document.title, document.source, None))
            continue
        outputs[name] = data
        entries.append(PafFile(document.id, document.title, document.source, name, sha256_hex(data)))
    return outputs, entries


def memos_as_pdf(outputs: dict[str, bytes], converter: Converter | None) -> None:
    """Add a PDF beside every DOCX memo (one LibreOffice for all, started here unless one is given)."""
    own = converter is None
    active = OfficeConverter() if own else converter
    try:
        for name in [n for n in outputs if n.endswith(".docx")]:
            outputs[name.removesuffix(".docx") + ".pdf"] = convert_to_pdf(outputs[name], None, converter=active)
    finally:
        if own and active is not None:
            active.close()


def combined_pdf(outputs: dict[str, bytes], entries: list[PafFile]) -> bytes:
    """The whole file as one PDF to print or hand over: the index, then each document, each bookmarked."""
    combined = pikepdf.new()
    with combined.open_outline() as outline:
        parts = [("Index", INDEX)] + [
            (e.title, e.file if e.file.endswith(".pdf") else e.file.removesuffix(".docx") + ".pdf")
            for e in entries
            if e.file
        ]
        for title, name in parts:
            with pikepdf.open(io.BytesIO(outputs[name])) as part:
                outline.root.append(pikepdf.OutlineItem(title, len(combined.pages)))
                combined.pages.extend(part.pages)
    buffer = io.BytesIO()
    combined.save(buffer, deterministic_id=True)
    return buffer.getvalue()


def manifest_of(
    case: Case, lca: Lca, dates: PafDates, entries: list[PafFile], files: list[str], notes: list[str], day: dt.date
) -> dict[str, Any]:
    """``paf.json``: what ``paf check`` needs (the LCA facts, the dates, every document and its hash)."""

    def iso(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "format": FORMAT,
        "case_id": case.case_id,
        "lca_number": case.job.lca_number if case.job else None,
        "classification": case.facts.classification,
        "employer": case.petitioner.name if case.petitioner else None,
        "built": day.isoformat(),
        "docgen": __version__,
        "facts": facts_json(lca),
        "dates": {
            "available_by": iso(dates.available_by),
            "notice_ends": [d.isoformat() for _, d in sorted(dates.notice_ends.items())],
            "retention_until": iso(dates.retention_until),
            "retention_basis": dates.retention_basis,
        },
        "index": INDEX,
        "documents": [e.as_json() for e in entries],
        "files": files,
        "notes": notes,
    }


OUTPUT_KINDS = {".pdf": "pdf", ".docx": "docx", ".json": "json"}
CASE_SUFFIXES = (".yaml", ".yml", ".json")


def write_paf(
    target: Path, outputs: dict[str, bytes], manifest: dict[str, Any], notes: list[str], inputs: list[Path | None]
) -> list[Path]:
    """Write every file atomically (owner-only, in a 0700 folder), the manifest last; remove what an earlier
    build made that the file no longer holds. Nothing is written over an input (the case, the LCA) or a file
    of another kind."""
    held = sorted(p.name for p in target.glob("*") if p.suffix.lower() in CASE_SUFFIXES and p.name != MANIFEST)
    if held:  # the cases folder: its paf.json would be read as a broken case by every report and ingest
        raise OutputError(
            f"{target}: holds case files ({', '.join(held[:3])}); give the public access file its own folder, "
            f"e.g. -o {target / '<case_id>' / 'paf'}"
        )
    try:
        make_private_dir(target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot make the folder ({exc.strerror}); choose another -o") from None
    for name in [*outputs, MANIFEST]:
        check_output(target / name, OUTPUT_KINDS[Path(name).suffix], inputs)
    earlier, edited = _earlier_build(target)
    if edited:  # every file of the earlier build is replaced or removed: a person's edits would be lost
        raise OutputError(
            f"{target}: {', '.join(edited)} changed since the file was built (edited in Word?); a rebuild would "
            "replace them: move them out of the folder (and carry the changes over to the new memos), then build "
            "again"
        )
    written = []
    for name, data in outputs.items():
        write_bytes_atomic(target / name, data)
        written.append(target / name)
    write_bytes_atomic(target / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    written.append(target / MANIFEST)
    for name in sorted(earlier - set(outputs)):  # a memo no longer required, a PDF no longer asked for
        (target / name).unlink(missing_ok=True)
        notes.append(f"removed {name}, made by the earlier build and not part of the file now")
    return written


def build_paf(
    case: Case | Path | str,
    out_dir: Path | str,
    *,
    lca_pdf: Path | str | None = None,
    notice_copy: Path | str | None = None,
    pdf: bool = False,
    converter: Converter | None = None,
    today: dt.date | None = None,
    templates_dir: Path | str | None = None,
) -> PafResult:
    """Assemble the public access file of a case's LCA into ``out_dir``; nothing is written unless all is ready."""
    if isinstance(case, Case):
        case_obj, folder, source = case, None, f"case {case.case_id}"
    else:
        case_obj, folder, source = load_case(case), Path(case).parent, Path(case).name
    rules = load_rules()
    day = today or dt.date.today()
    require_lca_case(case_obj, source)
    _, lca = lca_of(case_obj, source)
    check_wage(case_obj, source, rules)
    dates = paf_dates(lca, rules)
    documents = required_documents(rules, dependent_or_violator(lca))
    notes: list[str] = []
    files: dict[str, bytes] = {}
    if lca_pdf is not None:
        lca_file = check_lca_pdf(Path(lca_pdf), case_obj)
        files["lca"] = lca_file.data
        notes += lca_file.notes
    else:
        notes.append("no certified LCA given (--lca): the file is incomplete until it is added")
    if notice_copy is not None:
        files["notice_copy"] = read_pdf(Path(notice_copy), case_obj, "copy of the notice", "--notice-copy")[0]
    else:
        notes.append(
            "no copy of the notice as posted or sent (--notice-copy): the file is incomplete until it is added"
        )
    memos = render_memos(
        case_obj, documents, memo_data(lca, dates, day), case_folder=folder, today=day, templates_dir=templates_dir
    )
    outputs, entries = assemble(documents, files, memos)
    if pdf:
        memos_as_pdf(outputs, converter)
    outputs[INDEX] = index_pdf(case_obj, lca, dates, entries, day)
    if pdf:
        outputs[COMBINED] = combined_pdf(outputs, entries)
    manifest = manifest_of(case_obj, lca, dates, entries, sorted(outputs), notes, day)
    inputs = [
        None if isinstance(case, Case) else Path(case),
        _user_input(lca_pdf, Path(out_dir), outputs),
        _user_input(notice_copy, Path(out_dir), outputs),
    ]
    written = write_paf(Path(out_dir), outputs, manifest, notes, inputs)
    return PafResult(case_obj.case_id, Path(out_dir), written, manifest, notes)


def _user_input(given: Path | str | None, target: Path, outputs: dict[str, bytes]) -> Path | None:
    """A PDF the user gave, as an input no output may overwrite; None when it is the file's own copy, rewritten
    unchanged (a rebuild from ``--lca DIR/01-lca.pdf``)."""
    if given is None:
        return None
    own = [target / name for name in outputs]
    same = any(
        path.exists() and os.path.samefile(path, given) and path.read_bytes() == outputs[path.name] for path in own
    )
    return None if same else Path(given)


def _earlier_build(folder: Path) -> tuple[set[str], list[str]]:
    """What an earlier ``paf build`` wrote into ``folder`` (as its manifest lists them; others are left) and
    which of them were edited since (their content no longer the hash in the manifest), from one read of it."""
    try:
        earlier = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return set(), []
    if not isinstance(earlier, dict):
        return set(), []
    names, documents = earlier.get("files"), earlier.get("documents")
    files = {
        n
        for n in (names if isinstance(names, list) else [])
        if isinstance(n, str) and n == Path(n).name and not n.startswith(".")
    }
    written = {
        d["file"]: d["sha256"]
        for d in (documents if isinstance(documents, list) else [])
        if isinstance(d, dict) and isinstance(d.get("file"), str) and isinstance(d.get("sha256"), str)
    }
    return files, edited_since_written(folder, written, files)
