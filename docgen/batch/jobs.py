"""What a batch is made of: tasks (one output of a case), jobs (one case and its tasks) and output names.

Plain, picklable data with no open resources, so a job runs in any worker
process or on a Dask cluster.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from docgen.errors import UsageError
from docgen.fileio import safe_name

DEFAULT_PATTERN = "{case_id}_{form}.{ext}"


@dataclass(frozen=True)
class Task:
    """One output of a case: ``kind`` is ``form``, ``letter`` or ``packet`` (see :mod:`docgen.batch.tasks`)."""

    kind: str
    name: str  # form id, letter template, packet spec
    person: str | None = None
    options: tuple[tuple[str, str], ...] = ()

    def option(self, key: str, default: str | None = None) -> str | None:
        """One of the task's options (``format``, ``data``, ``logo``, ``spec``...)."""
        return dict(self.options).get(key, default)


@dataclass
class Job:
    """Everything one case needs, picklable, with no open resources.

    ``case_file`` is the case's own file (a folder of cases) and ``folder``
    the folder its relative paths (``petitioner.logo``) are read from: the
    case file's folder, or the spreadsheet's.
    """

    label: str
    case_data: dict[str, Any]
    tasks: tuple[Task, ...]
    pattern: str
    forms_dir: str | None = None
    maps_dir: str | None = None
    flatten: bool = False
    problem: str | None = None
    case_file: str | None = None
    folder: str | None = None
    accept_editions: tuple[tuple[str, str], ...] = ()  # form -> edition filled although the agency refuses it

    def input_hash(self, fingerprints: dict[str, str]) -> str:
        """A hash of the case data, the task list and the files the tasks read (maps, blanks, templates...)."""
        blob = json.dumps(
            {
                "case": self.case_data,
                "tasks": [asdict(t) for t in self.tasks],
                "pattern": self.pattern,
                "flatten": self.flatten,
                "folder": self.folder,
                "inputs": fingerprints,
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def output_name(pattern: str, case_id: str, task: Task, ext: str = "pdf") -> str:
    """The output file name for one task (``{case_id}_{form}.{ext}``; ``{form}`` is the form, template or spec)."""
    try:
        name = pattern.format(
            case_id=safe_name(case_id),
            form=safe_name(Path(task.name).stem if task.kind == "packet" else task.name),
            person=safe_name(task.person or "beneficiary"),
            ext=ext,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(
            f"output pattern {pattern!r}: {exc}; use {{case_id}}, {{form}}, {{person}} and {{ext}}"
        ) from None
    if "/" in name or name.startswith("."):
        raise UsageError(f"output pattern {pattern!r} gives {name!r}; it must be a plain file name")
    if not name.lower().endswith(f".{ext.lower()}"):  # a PDF named .docx is taken for a Word file downstream
        kind = "a PDF" if ext.lower() == "pdf" else f"a {ext.upper()} file"
        raise UsageError(
            f"output pattern {pattern!r} gives {name!r}, but the file is {kind}; end the pattern with "
            f".{{ext}} (or .{ext})"
        )
    return name


def whose(job: Job, task: Task) -> str:
    """The id of the person a task's output is for, however ``--for`` named them (``spouse``, ``dependents[0]``;
    none: the beneficiary), so a later run can tell whether a file name holds the same person's form."""
    ref = task.person or "beneficiary"
    people = job.case_data.get("dependents")
    found = re.fullmatch(r"dependents\[(\d+)\]", ref)
    person: Any = job.case_data.get("beneficiary") if ref == "beneficiary" else None
    if found and isinstance(people, list) and int(found[1]) < len(people):
        person = people[int(found[1])]
    return str(person.get("id") or ref) if isinstance(person, dict) else ref


def file_hash(path: Path | str) -> str:
    """SHA-256 of a file's contents (inputs change when their contents do, not their names)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
