"""Forms, letters and packets for the pages: each calls the library and keeps the files in a job's folder."""

from __future__ import annotations

import functools
import io
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings

from docgen.errors import DocgenError, UsageError
from docgen.fileio import safe_name, write_bytes_atomic
from docgen.web.services import docket, jobs
from docgen.web.workspace.models import Job

# --- forms ---------------------------------------------------------------------------------------


def form_choices() -> list[tuple[str, str]]:
    """(form id, title with edition) of every map, newest edition per form."""
    from docgen.forms.registry import list_maps

    latest: dict[str, Any] = {}
    for entry in list_maps():
        latest[entry.form] = entry
    return [(form, f"{form} {entry.title} ({entry.edition})") for form, entry in sorted(latest.items())]


ACCEPT_IN_PAGE = 'tick "fill this edition anyway" beside the form choice'


def refused_editions() -> dict[str, tuple[str, str, str]]:
    """Form id -> (edition, why it is refused, agency) for the forms whose offered edition the agency refuses today."""
    import datetime as dt

    from docgen.editions import load_editions, refusal
    from docgen.forms.registry import list_maps

    editions = load_editions()
    latest: dict[str, Any] = {}
    for entry in list_maps():
        latest[entry.form] = entry
    out: dict[str, tuple[str, str, str]] = {}
    for form, entry in latest.items():
        known = editions.find(form, entry.edition)
        if known is not None and known.refused_on(dt.date.today()):
            out[form] = (entry.edition, refusal(known, ACCEPT_IN_PAGE), known.agency)
    return out


def fill(
    case_path: Path,
    case_id: str,
    form: str,
    person: str,
    user: Any,
    flatten: bool = False,
    timing: dict[str, float] | None = None,
    accept_edition: str = "",
) -> Job:
    """Fill one form for one person of the case; the PDF goes into a new job's folder (``timing`` gets the
    milliseconds of ``fill_form`` itself, for the response's Server-Timing). ``accept_edition``: an edition
    the user accepted knowingly although the agency refuses it."""
    from docgen.editions import accepting_editions
    from docgen.errors import FormError
    from docgen.forms.fill import fill_form

    refused = refused_editions().get(form)
    if refused is not None and accept_edition != refused[0]:
        raise FormError(f"Form {form}: {refused[1]}")
    start = time.perf_counter()
    with accepting_editions({form: accept_edition} if accept_edition else {}):
        result = fill_form(form, case_path, person=person or None, flatten=flatten, forms_dir=settings.FORMS_DIR)
    if timing is not None:
        timing["fill"] = (time.perf_counter() - start) * 1000
    job = jobs.create(
        "form", f"{result.form} for {person or 'beneficiary'}", user, case_id, unsaved=True, person=person
    )
    name = safe_name(f"{case_id}_{result.form}_{person or 'beneficiary'}") + ".pdf"
    write_bytes_atomic(jobs.folder(job) / name, result.data)
    jobs.finish(
        job,
        [name],
        form=result.form,
        edition=result.edition,
        filled=len(result.values),
        overflow=[{"page": o.page, "part": o.part, "item": o.item, "field": o.field} for o in result.overflow],
        addendum=len(result.addendum),
        unanswered=list(result.unanswered),
        note=result.overflow_note(),
        # an edition the agency refuses, filled knowingly: a packet assembled from this fill accepts it too
        **({"accepted_edition": accept_edition, "accepted_by": user.get_username()} if accept_edition else {}),
    )
    return job


def page_count(path: Path) -> int:
    """Pages of a PDF."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


_render_lock = threading.Lock()  # pdfium is not thread-safe


def page_image(path: Path, index: int) -> bytes:
    """A page's PNG, drawn once and kept beside the PDF (owner-only) for the next look."""
    cached = path.with_name(f".{path.stem}.page{index + 1}.png")
    if cached.is_file():
        return cached.read_bytes()
    data = page_png(path, index)
    write_bytes_atomic(cached, data)
    return data


def page_png(path: Path, index: int, width: int = 800) -> bytes:
    """One page of a PDF as a PNG ``width`` pixels wide (filled values drawn from their appearance streams)."""
    import pypdfium2 as pdfium

    with _render_lock:
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 0 <= index < len(pdf):
                raise UsageError(f"{path.name} has no page {index + 1}")
            page = pdf[index]
            scale = width / page.get_width()
            image = page.render(scale=scale, may_draw_forms=False).to_pil()
            page.close()
        finally:
            pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


# --- letters -------------------------------------------------------------------------------------


def uploaded_templates_dir() -> Path:
    """Where a firm's own DOCX templates are kept (owner-only)."""
    path = Path(settings.DATA_DIR) / "templates"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def letter_choices() -> list[tuple[str, str]]:
    """(value, label) of the bundled templates and the firm's uploaded ones."""
    from docgen.letters import list_templates

    out = [(name, name) for name in list_templates()]
    out += [(f"upload:{p.stem}", f"{p.stem} (uploaded)") for p in sorted(uploaded_templates_dir().glob("*.docx"))]
    return out


def template_source(choice: str) -> str | Path:
    """A template name or the path of an uploaded one."""
    from docgen.letters import list_templates

    if choice.startswith("upload:"):
        path = uploaded_templates_dir() / f"{safe_name(choice.removeprefix('upload:'))}.docx"
        if not path.is_file():
            raise UsageError(f"no uploaded template {choice.removeprefix('upload:')!r}")
        return path
    if choice not in list_templates():
        raise UsageError(f"no letter template {choice!r}; pick one of the list")
    return choice


def variables(choice: str) -> Any:
    """The template's variables report (every use of case data and where; problems)."""
    from docgen.letters import template_variables

    return template_variables(template_source(choice))


_office: Any = None
_office_lock = threading.Lock()


def _converter() -> Any:
    global _office
    from docgen.letters import OfficeConverter

    if _office is None:
        _office = OfficeConverter()
    return _office


def close_office() -> None:
    """Stop the shared LibreOffice (server shutdown)."""
    global _office
    with _office_lock:
        if _office is not None:
            _office.close()
            _office = None


LETTER_DATA_IN_PAGE = (
    ' in the case: on the case\'s Case data tab, box "Answers for one form only (extra)", add them under the '
    "letter's name, then Save case)"
)


def letter_data_in_page(exc: DocgenError) -> DocgenError:
    """A letter's missing values said as the page adds them: the page has no --data file, the case's extra answers
    are where the data goes; an uploaded template named by its file name, never the server's folder."""
    exc.message = exc.message.replace(" in the case, or a --data file)", LETTER_DATA_IN_PAGE)
    exc.message = exc.message.replace(f"{Path(settings.DATA_DIR) / 'templates'}/", "")
    exc.args = (exc.message,)
    return exc


def render_letter(case_path: Path, case_id: str, choice: str, fmt: str, user: Any) -> Job:
    """Render a letter (DOCX, or PDF through the one LibreOffice the server keeps) into a new job's folder."""
    from docgen.letters import render_letter as render

    if fmt not in ("docx", "pdf"):
        raise UsageError("choose DOCX or PDF")
    source = template_source(choice)
    data = notice_facts(source, case_path, case_id)
    try:
        with _office_lock:
            result = render(source, case_path, fmt=fmt, converter=_converter() if fmt == "pdf" else None, data=data)
    except DocgenError as exc:
        raise letter_data_in_page(exc) from None
    job = jobs.create(
        "letter",
        f"{result.template} ({fmt.upper()})",
        user,
        case_id,
        unsaved=True,
        template=result.template,
        source=choice,  # a packet assembled in the page renders the letter again from it
    )
    name = safe_name(f"{case_id}_{result.template}") + f".{fmt}"
    write_bytes_atomic(jobs.folder(job) / name, result.pdf if fmt == "pdf" and result.pdf else result.docx)
    jobs.finish(job, [name])
    return job


NOTICE_FACTS = ("receipt_number", "notice_date", "response_due")  # what a response letter quotes from its notice


def _answered_notice(
    source: Path | str, case_path: Path, case_id: str
) -> tuple[str, list[str], set[str], dict[str, Any], docket.OnFile | None]:
    """(the letter's key, the notice facts it quotes, the paths it uses, the case's answers for it, the RFE or NOID
    it answers: see :func:`docket.response_notice`)."""
    from docgen.case import load_case
    from docgen.letters import template_variables
    from docgen.letters.render import load_template

    used = set(template_variables(source).paths())
    wanted = [key for key in NOTICE_FACTS if f"extra.{key}" in used]
    if not wanted:
        return "", [], used, {}, None
    key = str(load_template(source).key)
    given = load_case(case_path).extra.get(key) or {}
    given = given if isinstance(given, dict) else {}
    return key, wanted, used, given, docket.response_notice(case_id, str(given.get("receipt_number") or ""))


def notice_facts(source: Path | str, case_path: Path, case_id: str) -> dict[str, dict[str, Any]] | None:
    """For a letter that quotes an RFE's or NOID's receipt number, notice date or response date (``rfe_response``):
    those the case's letter data does not give, from the RFE or NOID the letter answers (the case's only open one,
    or the one whose receipt number the letter's data gives; never a guess among several), so nobody types again
    what the notice prints (a value the case gives is kept). None when there is nothing to add."""
    key, wanted, used, given, notice = _answered_notice(source, case_path, case_id)
    if notice is None:
        return None
    facts: dict[str, Any] = {k: str(getattr(notice, k)) for k in wanted if getattr(notice, k) and not given.get(k)}
    if notice.office and "extra.office.name" in used and not given.get("office"):
        facts["office"] = {"name": notice.office.title()}  # its address from the bundled USCIS addresses
    return {key: facts} if facts else None


def notice_choice(source: Path | str, case_path: Path, case_id: str) -> str:
    """What the Letters tab says when a letter quoting an RFE or NOID cannot tell which one it answers (several
    open on the case, or a receipt number given that none of them has): the receipts to choose from and where to
    give one. Empty when the letter is filled from one notice, or quotes none, or the case has none filed."""
    key, wanted, _used, given, notice = _answered_notice(source, case_path, case_id)
    if not wanted or notice is not None:
        return ""
    notices = docket.response_notices(case_id)
    if not notices:
        return ""
    receipt = str(given.get("receipt_number") or "")
    if not receipt and not any(n.open for n in notices):
        return ""  # every RFE and NOID answered: nothing filled, nothing to choose
    matching = [n for n in notices if receipt and docket.same_receipt(n.receipt_number, receipt)]
    shown = matching or ([n for n in notices if n.open] if not receipt else notices)
    listed = "; ".join(
        f"{n.receipt_number or 'no receipt number read'} ({n.notice_type.upper()} of {n.notice_date or '?'}, "
        f"response due {n.response_due or '?'})"
        for n in shown
    )
    if matching:  # an RFE and a NOID on one receipt, both open or both answered
        why = f"{len(matching)} of the case's RFEs and NOIDs have the receipt number given for {key}: {listed}"
    elif receipt:
        why = f"the receipt number given for {key} ({receipt}) is on none of the case's RFEs or NOIDs: {listed}"
    else:
        why = f"the case has {len(shown)} open RFEs or NOIDs: {listed}"
    give = "notice_date and response_due" if matching else "receipt_number"
    return (
        f"Which notice does this letter answer? {why}. Its receipt number and dates are not filled from a notice "
        f'until you choose: on the case\'s Case data tab, box "Answers for one form only (extra)", give {give} '
        f"under {key} (those of the notice answered), then Save case."
    )


def store_template(name: str, path: Path) -> tuple[str, list[str]]:
    """Check an uploaded DOCX template's variables; keep it when it has no problems. Returns (name, problems)."""
    from docgen.letters import template_variables

    stem = safe_name(Path(name).stem).lower()
    analysis = template_variables(path)
    problems = list(analysis.problems) + [f"reaches for internals: {i}" for i in analysis.internals]
    if not problems:
        write_bytes_atomic(uploaded_templates_dir() / f"{stem}.docx", path.read_bytes())
    return stem, problems


# --- packets -------------------------------------------------------------------------------------


def packets_dir() -> Path | None:
    """The folder of packet specs, if the workspace has one."""
    return Path(settings.PACKETS_DIR) if settings.PACKETS_DIR else None


@functools.lru_cache(maxsize=64)
def _spec_about(path: Path, _mtime: float) -> tuple[str, str]:
    """A spec's title and the file name of the case it is written for (``case:``; empty: any case)."""
    from docgen.packets import load_spec

    try:
        spec = load_spec(path)
    except DocgenError as exc:
        return f"{path.name} (cannot be read: {exc})", ""
    case = Path(spec.model.case).name if spec.model.case else ""
    return f"{path.stem}: {spec.model.title or spec.model.kind}", case


def packet_choices(case_path: Path | None = None) -> list[tuple[str, str]]:
    """(file name, title) of the packet specs; with ``case_path``, only those written for that case file (their
    ``case:`` names it) or for any case (no ``case:``)."""
    return packet_choices_split(case_path)[0]


def packet_choices_split(case_path: Path | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The packet specs that fit the case file (``case:`` names it, or no ``case:``) and those written for other
    cases: (file name, title) and (file name, the case file it names)."""
    folder = packets_dir()
    if folder is None or not folder.is_dir():
        return [], []
    fit: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    for path in sorted(p for p in folder.glob("*.y*ml") if not p.name.startswith(".")):
        title, case = _spec_about(path, path.stat().st_mtime)
        if case_path is None or not case or case == case_path.name:
            fit.append((path.name, title))
        else:
            other.append((path.name, case))
    return fit, other


def spec_path(name: str) -> Path:
    """A spec of the packets folder, by file name."""
    folder = packets_dir()
    if folder is None or name not in {n for n, _ in packet_choices()}:
        raise UsageError(f"no packet spec {name!r}; pick one of the list")
    return folder / name


def finish_packet(job: Job, result: Any) -> None:
    """A built packet's job ends with its files, notes and the e-filing preflight of each file it wrote."""
    from docgen.packets import check_file

    checks = []
    for output in result.files:
        report = check_file(output.path, result.profile)
        lines = [line.strip() for line in report.lines()[1:]]
        checks.append({"file": output.path.name, "ok": report.ok, "lines": lines})
    files = [f.path.name for f in result.files] + [result.manifest_path.name]
    jobs.finish(job, files, pages=result.pages, notes=result.notes, preflight=checks, profile=result.profile.name)


def start_packet(case_path: Path, case_id: str, spec_name: str, user: Any, split: bool = False) -> Job:
    """Build a packet from a spec for this case in the background; preflight each file it writes."""
    spec = spec_path(spec_name)
    job = jobs.create("packet", spec.stem, user, case_id, spec=spec.name)

    def work(job: Job, progress: jobs.Progress) -> None:
        from docgen.packets import build_packet

        progress(0, 2, "building the packet")
        with _office_lock:
            result = build_packet(
                spec,
                out_dir=jobs.folder(job),
                split=split,
                case=case_path,
                forms_dir=settings.FORMS_DIR,
                converter=_converter(),
            )
        progress(1, 2, "preflight")
        finish_packet(job, result)

    jobs.run_in_background(job, work)
    return job
