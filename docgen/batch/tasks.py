"""The kinds of batch task, in one registry: a form to fill, a letter to render, a packet to build.

Each kind says which files it reads besides the case (hashed, so ``--resume``
redoes a case when a map, a blank form, a template, a ``--data`` file or a
packet spec changes) and produces its output files as bytes. Letters and
packets share the worker's one LibreOffice
(:func:`docgen.letters.convert.process_converter`), started on first need and
stopped when the worker exits. The heavy modules are imported when a task of
their kind first runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from docgen.batch.jobs import Job, Task, file_hash, output_name
from docgen.case.model import Case
from docgen.errors import UsageError
from docgen.fileio import private_temp_dir, write_text_atomic

Files = dict[str, bytes]


class TaskKind(Protocol):
    """One kind of task."""

    def extension(self, task: Task) -> str:
        """The output file's extension (``pdf``, ``docx``)."""

    def inputs(self, task: Task, job: Job) -> dict[str, str]:
        """Hashes of the files the task reads besides the case data (the same for every case)."""

    def case_inputs(self, task: Task, job: Job) -> dict[str, str]:
        """Hashes of the files this one case's data points at (its letterhead logo)."""

    def run(self, task: Task, job: Job, case: Case) -> tuple[Files, list[str]]:
        """The output files (name -> bytes) and notes for one case."""


class FormTask:
    """Fill one form for one person of the case."""

    def extension(self, task: Task) -> str:
        return "pdf"

    def case_inputs(self, task: Task, job: Job) -> dict[str, str]:
        return {}

    def inputs(self, task: Task, job: Job) -> dict[str, str]:
        return {f"form:{task.name}": form_fingerprint(task.name, job.forms_dir, job.maps_dir)}

    def run(self, task: Task, job: Job, case: Case) -> tuple[Files, list[str]]:
        from docgen.forms.fill import fill_case, prepare

        prepared = prepare(task.name, job.forms_dir, job.maps_dir)
        result = fill_case(prepared, case, task.person, job.label, job.flatten)
        notes = [*result.warnings, *([result.overflow_note()] if result.overflow else [])]
        notes += accepted_note(result.form, result.edition, job)
        return {output_name(job.pattern, case.case_id, task): result.data}, notes


class LetterTask:
    """Render one letter template for the case, as DOCX or PDF; ``petitioner.logo`` is read from the case's
    folder."""

    def extension(self, task: Task) -> str:
        return task.option("format") or "pdf"

    def case_inputs(self, task: Task, job: Job) -> dict[str, str]:
        return case_logo(job)

    def inputs(self, task: Task, job: Job) -> dict[str, str]:
        from docgen.letters.render import template_path

        out = {f"letter:{task.name}": file_hash(template_path(task.name, task.option("templates_dir")))}
        for key in ("data", "logo"):
            value = task.option(key)
            if value:
                out[f"letter:{task.name}:{key}"] = file_hash(value)
        return out

    def run(self, task: Task, job: Job, case: Case) -> tuple[Files, list[str]]:
        from docgen.letters.convert import convert_to_pdf, process_converter
        from docgen.letters.render import as_date, load_letter_data, load_template, render_case

        fmt = self.extension(task)
        template = load_template(task.name, task.option("templates_dir"))
        docx = render_case(
            template,
            case,
            case_folder=Path(job.folder) if job.folder else None,
            data=load_letter_data(task.option("data")),
            logo=task.option("logo"),
            date=as_date(task.option("date")),
        )
        data = convert_to_pdf(docx, converter=process_converter()) if fmt == "pdf" else docx
        return {output_name(job.pattern, case.case_id, task, ext=fmt): data}, []


class PacketTask:
    """Build one packet spec for the case; the PDF and its manifest come back as files."""

    def extension(self, task: Task) -> str:
        return "pdf"

    def case_inputs(self, task: Task, job: Job) -> dict[str, str]:
        return case_logo(job)

    def inputs(self, task: Task, job: Job) -> dict[str, str]:
        """The spec, and the maps, blank forms, templates and letter data its parts use (evidence files are read
        as they are at build time)."""
        from docgen.editions import accepting_editions
        from docgen.letters.render import template_path
        from docgen.packets.spec import FormPart, LetterPart, load_spec

        spec_path = self._spec(task)
        spec = load_spec(spec_path)
        out = {f"packet:{task.name}": file_hash(spec_path)}
        for entry in spec.parts:
            part = entry.part
            if isinstance(part, FormPart):
                accepted = {part.form: part.accept_edition.edition} if part.accept_edition else {}
                with accepting_editions(accepted):  # as the build will (the spec's accept_edition:)
                    fingerprint = form_fingerprint(part.form, job.forms_dir, job.maps_dir, part.edition)
                out[f"packet:form:{part.form}"] = fingerprint
            elif isinstance(part, LetterPart):
                out[f"packet:letter:{part.letter}"] = file_hash(template_path(part.letter))
                if part.data:
                    out[f"packet:letter:{part.letter}:data"] = file_hash(spec.resolve(part.data))
        return out

    def run(self, task: Task, job: Job, case: Case) -> tuple[Files, list[str]]:
        from docgen.letters.convert import process_converter
        from docgen.packets.build import build_packet

        name = output_name(job.pattern, case.case_id, task, ext="pdf")
        with private_temp_dir("docgen-packet-") as tmp:
            case_file = Path(job.case_file) if job.case_file else self._case_file(case, job, tmp)
            target = tmp / name
            result = build_packet(
                self._spec(task),
                target,
                case=case_file,
                forms_dir=job.forms_dir,
                maps_dir=job.maps_dir,
                converter=process_converter(),
            )
            files = {name: target.read_bytes(), Path(name).stem + ".manifest.json": result.manifest_path.read_bytes()}
        return files, list(result.notes)

    @staticmethod
    def _spec(task: Task) -> Path:
        spec = task.option("spec")
        if not spec:
            raise UsageError(f"packet task {task.name}: no spec file given")
        return Path(spec)

    @staticmethod
    def _case_file(case: Case, job: Job, tmp: Path) -> Path:
        """A case from a spreadsheet row, as a file; its relative logo anchored to the sheet's folder."""
        if job.folder and case.petitioner is not None and case.petitioner.logo:
            logo = Path(case.petitioner.logo)
            if not logo.is_absolute():
                case = case.model_copy(deep=True)
                assert case.petitioner is not None
                case.petitioner.logo = str(Path(job.folder) / logo)
        path = tmp / "case.json"
        write_text_atomic(path, case.model_dump_json(exclude_none=True))
        return path


def accepted_note(form: str, edition: str, job: Job) -> list[str]:
    """A report note when ``edition`` of ``form`` was filled only because the run accepted it (--accept-edition)."""
    if not job.accept_editions:
        return []
    import datetime as dt

    from docgen.editions import load_editions

    entry = load_editions(job.maps_dir).find(form, edition)
    if entry is None or not entry.refused_on(dt.date.today()):
        return []
    return [f"{form} edition {edition} is not accepted by {entry.agency}; filled because --accept-edition was given"]


def case_logo(job: Job) -> dict[str, str]:
    """The hash of the case's ``petitioner.logo`` (read from the case's folder), when there is one."""
    petitioner = job.case_data.get("petitioner")
    logo = petitioner.get("logo") if isinstance(petitioner, dict) else None
    if not isinstance(logo, str) or not logo.strip():
        return {}
    path = Path(logo)
    if not path.is_absolute() and job.folder:
        path = Path(job.folder) / path
    return {"case:logo": file_hash(path)} if path.is_file() else {}


def form_fingerprint(form: str, forms_dir: str | None, maps_dir: str | None, edition: str | None = None) -> str:
    """A hash of the map and the blank PDF a form is filled from (a new edition or map edit reruns the case)."""
    import hashlib

    from docgen.forms.fill import prepare

    prepared = prepare(form, forms_dir, maps_dir, edition)
    digest = hashlib.sha256(prepared.blank_bytes)
    digest.update(prepared.fmap.path.read_bytes())
    return digest.hexdigest()


TASK_KINDS: dict[str, TaskKind] = {"form": FormTask(), "letter": LetterTask(), "packet": PacketTask()}


def task_kind(kind: str) -> TaskKind:
    """The kind of a task; a clear error for an unknown one."""
    try:
        return TASK_KINDS[kind]
    except KeyError:
        raise UsageError(f"unknown batch task kind {kind!r}; use one of {', '.join(TASK_KINDS)}") from None
