"""Render letter templates (DOCX files edited in Word) from case data.

A template is a DOCX with Jinja tags, rendered by docxtpl in the toolkit's
sandboxed environment (:func:`docgen.templating.make_environment`), with the
letter filters added. A template sees the names fields maps see (``case``,
``petitioner``, ``beneficiary``, ``job``, ``representative``, ``facts``,
``dependents``, ``extra``...), plus ``logo`` and ``today`` (the letter date).

``extra`` holds the data of this one letter: ``case.extra[KEY]`` merged with
the beneficiary's ``extra[KEY]`` and the ``--data`` file's ``KEY`` section,
where KEY is the template's name (``rfe_response``) or, for a renamed copy,
the "Category" of its document properties in Word.

Nothing is written until the letter is complete: a template that reaches for
Python internals, a misspelled variable or data the case lacks stops the run
with every problem named, and where in the template it is.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import io
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, TracebackType
from typing import TYPE_CHECKING, Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import TemplateSyntaxError
from jinja2.exceptions import SecurityError

from docgen.bundled import describe, layered_dirs, layered_files, user_dirs
from docgen.case.context import build_context
from docgen.case.loader import load_case
from docgen.case.model import Case
from docgen.errors import CaseDataError, OutputError, TemplateError, UsageError
from docgen.fileio import check_output, note_written, refuse_edited, write_bytes_atomic
from docgen.letters.addressee import addressee_notes, firm_folders, load_addresses, with_addressee
from docgen.letters.convert import Converter, convert_to_pdf, process_converter_set
from docgen.letters.filters import LETTER_FILTERS
from docgen.letters.tags import tag_problem
from docgen.letters.variables import Analysis, GapRecorder, TemplateSource, analyse_source, read_sources
from docgen.ooxml import check_ooxml
from docgen.templating import Answers, FilterError, make_environment
from docgen.yamlio import load_yaml_file

if TYPE_CHECKING:
    from docgen.batch.runner import BatchReport, Progress

FORMATS = ("docx", "pdf")
LOGO_HEIGHT = Mm(16)


def templates_dirs(explicit: Path | str | None = None) -> list[Path]:
    """The folders templates are read from, first match winning: the user's (``--templates-dir``, else
    $DOCGEN_LETTERS_DIR), then the bundled ``docgen/data/letter_templates``."""
    return layered_dirs(explicit, "DOCGEN_LETTERS_DIR", "letter_templates", TemplateError)


def template_files(folder: Path | str | None = None) -> dict[str, Path]:
    """Template name -> DOCX over the layered folders (a firm's file overrides the bundled one of its name)."""
    return {Path(name).stem: path for name, path in layered_files(templates_dirs(folder), "*.docx").items()}


def list_templates(folder: Path | str | None = None) -> list[str]:
    """Names of the templates at hand: the bundled ones and the user's."""
    return sorted(template_files(folder))


@dataclass(frozen=True)
class LetterTemplate:
    """A template read, parsed and checked against the case model, once per process."""

    name: str
    path: Path
    data: bytes
    key: str
    sources: list[TemplateSource]
    analysis: Analysis


def template_path(template: str | Path, folder: Path | str | None = None) -> Path:
    """The DOCX for a template name (``h1b_support``) or path."""
    text = str(template)
    if text.lower().endswith(".docx") or "/" in text or os.sep in text:
        path = Path(text)
        if not path.is_file():
            raise TemplateError(f"{path}: no such template file; check the path")
        return path
    files = template_files(folder)
    if text not in files:
        known = sorted(files)
        within = [name for name in known if text and text.lower() in name.lower()]  # 'support': both support letters
        close = within if len(within) > 1 else difflib.get_close_matches(text, known, n=1)
        if len(close) > 1:
            hint = f"did you mean one of {', '.join(repr(name) for name in close)}?"
        else:
            hint = f"did you mean '{close[0]}'?" if close else f"templates: {', '.join(known) or 'none'}"
        raise TemplateError(f"no letter template '{text}' in {describe(templates_dirs(folder))}; {hint}")
    return files[text]


MAX_TEMPLATE_BYTES = 50 * 1024 * 1024  # a letterhead with a logo is well under 1 MB


def _data_key(data: bytes, fallback: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            core = archive.read("docProps/core.xml").decode("utf-8")
        except KeyError:
            return fallback
    match = re.search(r"<cp:category>([^<]+)</cp:category>", core)
    return match.group(1).strip() if match else fallback


@functools.lru_cache(maxsize=32)
def _load_cached(path: Path, _mtime: float) -> LetterTemplate:
    fix = "save the template again in Word as .docx"
    size = path.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"{path}: {size // (1024 * 1024)} MB, too large for a letter template; {fix}")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"{path}: not a DOCX file; save the template in Word as .docx")
    check_ooxml(path, TemplateError, "template", fix, max_expanded=MAX_TEMPLATE_BYTES * 4)
    data = path.read_bytes()
    try:
        sources = read_sources(data)
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path}: not a readable DOCX ({exc}); save it again in Word as .docx") from None
    env = letter_environment()
    analysis = Analysis()
    for source in sources:
        try:
            analyse_source(source, env, analysis)
        except TemplateSyntaxError as exc:
            unbalanced = tag_problem(data)  # the tag and its line as Word shows them, when it is one
            if unbalanced:
                raise TemplateError(f"{path}: {unbalanced}") from None
            where = source.where(exc.lineno or 0)
            raise TemplateError(f"{path}: {where}: template syntax error: {exc.message}; fix the tag") from None
    analysis.problems = list(dict.fromkeys(analysis.problems))
    return LetterTemplate(path.stem, path, data, _data_key(data, path.stem), sources, analysis)


def load_template(template: str | Path, folder: Path | str | None = None) -> LetterTemplate:
    """Find, read and check a template; refuse one that reaches for Python internals."""
    path = template_path(template, folder).resolve()
    loaded = _load_cached(path, path.stat().st_mtime)
    if loaded.analysis.internals:
        raise TemplateError(
            f"{path}: the template reaches for Python internals at {'; '.join(loaded.analysis.internals)}; "
            "templates may only read case data. Nothing was written"
        )
    return loaded


def template_variables(template: str | Path, folder: Path | str | None = None) -> Analysis:
    """What a template uses, for ``docgen letter vars``."""
    return load_template(template, folder).analysis


def letter_environment() -> Any:
    """The shared sandboxed environment plus the letter filters."""
    env = make_environment()
    env.filters.update(LETTER_FILTERS)
    return env


@functools.lru_cache(maxsize=256)
def _compiled(source: str, autoescape: bool) -> CodeType:
    """Jinja's compiled code for one part of a template (the same for every letter from it)."""
    env = letter_environment()
    GapRecorder([], lambda: None).install(env)
    env.autoescape = autoescape
    code = env.compile(source)
    assert isinstance(code, CodeType)
    return code


def rendering_environment(recorder: GapRecorder) -> Any:
    """The environment one letter renders in: the letter environment, its gap recorder, compiled code reused.

    docxtpl compiles the body, each header and each document property anew for
    every letter, which is most of its time; the compiled code depends only on
    the source and the environment's settings, so it is cached per process.
    """
    env = letter_environment()
    recorder.install(env)

    def from_string(source: str, globals: dict[str, Any] | None = None, template_class: Any = None) -> Any:
        code = _compiled(source, bool(env.autoescape))
        return env.template_class.from_code(env, code, env.make_globals(globals), None)

    env.from_string = from_string
    return env


# --- context -----------------------------------------------------------------------------------


class _Logo:
    """The letterhead image: prints as the picture, exposes nothing to the template."""

    __slots__ = ("_image",)

    def __init__(self, image: InlineImage) -> None:
        self._image = image

    def __str__(self) -> str:
        return str(self._image)

    def __html__(self) -> str:
        return str(self._image)


def load_letter_data(data: Mapping[str, Any] | Path | str | None) -> dict[str, Any]:
    """Letter data: a mapping or a YAML file whose sections are named like templates."""
    if data is None:
        return {}
    if isinstance(data, Mapping):
        loaded: Any = dict(data)
        source = "letter data"
    else:
        loaded = load_yaml_file(Path(data), CaseDataError)
        source = Path(data).name
    if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
        raise CaseDataError(
            f"{source}: letter data must be sections named like templates (rfe_response: {{...}}); fix the file"
        )
    return dict(loaded)


def letter_context(
    case: Case, template: LetterTemplate, data: Mapping[str, Any], date: dt.date | None = None
) -> dict[str, Any]:
    """The names a letter template sees (``logo`` is added at render time)."""
    context = build_context(case, case.beneficiary, template.key)
    section = data.get(template.key)
    if section or prints_office(template):
        merged = dict(context["extra"])
        merged.update(section or {})
        if prints_office(template):  # a letter to USCIS: the filing address or the office of the notice
            merged = with_addressee(case, template.key, merged, load_addresses(firm_folders(template.path.parent)))
        context["extra"] = Answers.wrap(merged)
    context["logo"] = None
    context["today"] = date or dt.date.today()
    return context


def prints_office(template: LetterTemplate) -> bool:
    """True when the template prints an addressee block from ``extra.office`` (a letter to USCIS)."""
    return any("extra.office" in s.source for s in template.sources)


def letter_addressee_notes(template: LetterTemplate, case: Case, data: Mapping[str, Any]) -> list[str]:
    """What to confirm about the addressee of a letter to USCIS (:func:`docgen.letters.addressee.addressee_notes`)."""
    if not prints_office(template):
        return []
    extra = dict(build_context(case, case.beneficiary, template.key)["extra"])
    extra.update(data.get(template.key) or {})
    return addressee_notes(case, template.key, extra, load_addresses(firm_folders(template.path.parent)))


def firm_letterhead(template: LetterTemplate) -> bool:
    """True when the template's letterhead is counsel's (its header prints ``representative.*``)."""
    return any("header" in s.partname and "representative." in s.source for s in template.sources)


def resolve_logo(case: Case, case_folder: Path | None, logo: Path | str | None, firm: bool = False) -> Path | None:
    """The letterhead image: ``logo`` if given, else the letterhead owner's: ``representative.logo`` on
    counsel's letterhead (``firm``), ``petitioner.logo`` on the petitioner's (relative to the case file).
    A firm's letter never takes the client's logo."""
    owner = case.representative if firm else case.petitioner
    if logo is not None:
        path, what = Path(logo), "the logo"
    elif owner is not None and owner.logo:
        path, what = Path(owner.logo), "representative.logo" if firm else "petitioner.logo"
        if not path.is_absolute() and case_folder is not None:
            path = case_folder / path
    else:
        return None
    if not path.is_file():
        raise CaseDataError(f"case {case.case_id}: {what}: no image at {path}; fix the path (PNG or JPEG)")
    return path


# --- rendering ---------------------------------------------------------------------------------


def _template_line(traceback: TracebackType | None) -> int:
    line = 0
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _where_failed(exc: BaseException, template: LetterTemplate, tpl: DocxTemplate) -> str:
    partname = str(getattr(getattr(tpl, "current_rendering_part", None), "partname", ""))
    for source in template.sources:
        if source.partname == partname:
            return source.where(_template_line(exc.__traceback__))
    return "document properties"


def _gap_error(template: LetterTemplate, case: Case, recorder: GapRecorder) -> TemplateError:
    places: dict[tuple[str, str], list[str]] = {}
    for gap in recorder.gaps:
        places.setdefault((gap.label, gap.problem), []).append(gap.where)
    shown = [f"{label} {problem} ({'; '.join(wheres)})" for (label, problem), wheres in places.items()]
    count = len(shown)
    extra = any(g.label.startswith("extra.") for g in recorder.gaps)
    where = f" (extra.* is the letter data: extra.{template.key} in the case, or a --data file)" if extra else ""
    return TemplateError(
        f"{template.path.name}: case {case.case_id}: {count} value{'s' if count != 1 else ''} the letter needs "
        f"{'are' if count != 1 else 'is'} missing: {'; '.join(shown)}. Add them to the case{where}, "
        "or make the paragraph optional with {%p if ... %}. Nothing was written"
    )


def render_docx(template: LetterTemplate, case: Case, context: dict[str, Any], logo: Path | None = None) -> bytes:
    """The rendered DOCX; TemplateError naming every problem if the letter cannot be complete."""
    if template.analysis.problems:
        problems = template.analysis.problems
        raise TemplateError(
            f"{template.path.name}: {len(problems)} variable(s) the case model does not have: "
            f"{'; '.join(problems)}. Correct the template. Nothing was written"
        )
    tpl = DocxTemplate(io.BytesIO(template.data))
    recorder = GapRecorder(template.sources, lambda: getattr(tpl, "current_rendering_part", None))
    env = rendering_environment(recorder)
    context = dict(context)
    if logo is not None:
        try:
            tpl.init_docx()
            context["logo"] = _Logo(InlineImage(tpl, str(logo), height=LOGO_HEIGHT))
        except OSError as exc:
            raise CaseDataError(f"case {case.case_id}: logo {logo}: cannot read it ({exc})") from None
    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except SecurityError as exc:
        raise TemplateError(
            f"{template.path.name}: the template reaches for Python internals ({_where_failed(exc, template, tpl)}); "
            "templates may only read case data. Nothing was written"
        ) from None
    except FilterError as exc:
        where = _where_failed(exc, template, tpl)
        raise TemplateError(
            f"{template.path.name}: case {case.case_id}: {where}: {exc}; correct the case. Nothing was written"
        ) from None
    except (JinjaTemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        where = _where_failed(exc, template, tpl)
        message = getattr(exc, "message", None) or str(exc)
        raise TemplateError(
            f"{template.path.name}: case {case.case_id}: {where}: {message}; fix the template or the case. "
            "Nothing was written"
        ) from None
    except Exception as exc:
        if type(exc).__name__ == "UnrecognizedImageError":
            raise CaseDataError(f"case {case.case_id}: logo {logo}: not a PNG or JPEG image") from None
        raise
    if recorder.gaps:
        raise _gap_error(template, case, recorder)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


@dataclass
class LetterResult:
    """A rendered letter: the DOCX always, the PDF when asked for, and where it was written."""

    template: str
    case_id: str
    docx: bytes
    pdf: bytes | None = None
    output: Path | None = None


def _output_format(output: Path | str | None, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"format {fmt!r}: letters are written as docx or pdf")
        return fmt
    if output is None:
        return "docx"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UsageError(f"{output}: write the letter to a .docx or .pdf file")
    return suffix


def as_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        raise UsageError(f"letter date {date!r}: write it as YYYY-MM-DD") from None


def render_case(
    template: LetterTemplate,
    case: Case,
    *,
    case_folder: Path | None = None,
    data: Mapping[str, Any] | None = None,
    logo: Path | str | None = None,
    date: dt.date | None = None,
) -> bytes:
    """The DOCX of one letter for one loaded case."""
    context = letter_context(case, template, data or {}, date)
    return render_docx(template, case, context, resolve_logo(case, case_folder, logo, firm_letterhead(template)))


def render_letter(
    template: str | Path,
    case: Case | Path | str,
    *,
    output: Path | str | None = None,
    fmt: str | None = None,
    data: Mapping[str, Any] | Path | str | None = None,
    logo: Path | str | None = None,
    date: dt.date | str | None = None,
    converter: Converter | None = None,
    templates_dir: Path | str | None = None,
) -> LetterResult:
    """Render ``template`` (a name such as ``h1b_support`` or a DOCX path) for ``case``.

    The format is ``fmt`` or the output's suffix (``.docx``/``.pdf``). For a
    PDF, pass a ``converter`` to share one LibreOffice over many letters. The
    output is written atomically with owner-only permissions, and only when
    the letter is complete.
    """
    kind = _output_format(output, fmt)
    loaded = load_template(template, templates_dir)
    if output is not None:
        paths = [p if isinstance(p, str | Path) else None for p in (case, data, logo)]
        check_output(output, kind, inputs=[template_path(template, templates_dir), *paths])
        if kind == "docx":  # a letter edited in Word since it was rendered is never replaced
            refuse_edited(Path(output).parent, [Path(output).name], "rendering again", "give -o another name")
    if isinstance(case, Case):
        case_obj, folder = case, None
    else:
        case_obj, folder = load_case(case), Path(case).parent
    docx = render_case(loaded, case_obj, case_folder=folder, data=load_letter_data(data), logo=logo, date=as_date(date))
    result = LetterResult(loaded.name, case_obj.case_id, docx)
    if kind == "pdf":
        result.pdf = convert_to_pdf(docx, output, converter=converter)
    elif output is not None:
        write_bytes_atomic(Path(output), docx)
        note_written(Path(output), docx)
    result.output = Path(output) if output is not None else None
    return result


# --- many cases --------------------------------------------------------------------------------


def render_batch(
    template: str | Path,
    cases: Path | str,
    out_dir: Path | str,
    *,
    fmt: str = "pdf",
    data: Path | str | None = None,
    logo: Path | str | None = None,
    date: dt.date | str | None = None,
    converter: Converter | None = None,
    templates_dir: Path | str | None = None,
    workers: int | None = 1,
    resume: bool = False,
    pattern: str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """One letter per case of a folder or spreadsheet into ``out_dir``, through the batch runner.

    Outputs are named ``{case_id}_{template}.{ext}`` (``pattern``), with the
    batch report and journal beside them. With ``workers=1`` (the default) the
    cases run in this process with one LibreOffice (``converter``, or one
    started on first need); more workers run a process pool, each with its
    own. A case that fails is reported and the others still run.
    """
    from docgen.batch.jobs import DEFAULT_PATTERN, Task
    from docgen.batch.runner import make_jobs, run_batch
    from docgen.batch.sources import read_cases

    kind = _output_format(None, fmt)
    loaded = load_template(template, templates_dir)  # a wrong name or a bad template stops before any case
    options: dict[str, str | None] = {
        "format": kind,
        "data": str(Path(data).resolve()) if data is not None else None,
        "logo": str(Path(logo).resolve()) if logo is not None else None,
        "date": str(as_date(date)) if date is not None else None,
        "templates_dir": str(Path(templates_dir).resolve()) if templates_dir is not None else None,
    }
    name = str(template) if loaded.path.stem == str(template) else str(loaded.path.resolve())
    task = Task("letter", name, None, tuple((k, v) for k, v in options.items() if v is not None))
    jobs = make_jobs(read_cases(cases), (task,), pattern or DEFAULT_PATTERN)
    with process_converter_set(converter):
        inputs = [Path(p) for p in (cases, data, logo) if p is not None]  # no letter may replace one
        return run_batch(jobs, Path(out_dir), workers=workers, resume=resume, progress=progress, inputs=inputs)


# --- a firm's own templates ---------------------------------------------------------------------

TEMPLATE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def new_template(name: str, source: str | Path, folder: Path | str | None = None) -> Path:
    """Copy template ``source`` (bundled or the firm's) into the firm's letters folder as ``NAME.docx``.

    The folder is ``folder`` (``--templates-dir``), else the first of
    ``$DOCGEN_LETTERS_DIR``. The copy keeps reading the source's letter data
    (``extra.<key>``, its document properties' Category) and its checks (dates,
    addressee). An existing file is never overwritten.
    """
    if not TEMPLATE_NAME.fullmatch(name):
        raise UsageError(f"letter new {name!r}: use letters, digits, '-' and '_' (up to 64), as in acme_support")
    folders = user_dirs(folder, "DOCGEN_LETTERS_DIR", TemplateError)
    if not folders:
        raise UsageError(
            f"letter new {name}: name the firm's letters folder with --templates-dir DIR or $DOCGEN_LETTERS_DIR"
        )
    loaded = load_template(source, folder)
    target = folders[0] / f"{name}.docx"
    data = loaded.data if _data_key(loaded.data, "") else _with_category(loaded.data, loaded.key)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OutputError(f"{target}: already there; nothing was overwritten: choose another name") from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write here ({exc.strerror}); check the letters folder") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def _with_category(data: bytes, key: str) -> bytes:
    """The DOCX with ``key`` as its Category (the letter data section a renamed copy reads)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(r"<cp:category\s*/>|<cp:category>[^<]*</cp:category>", "", text)
                text = text.replace("</cp:coreProperties>", f"<cp:category>{key}</cp:category></cp:coreProperties>")
                content = text.encode("utf-8")
            copy.writestr(info, content)
    return out.getvalue()
