"""A sheet of cases into case files: one YAML file per row, for the workspace and every command that reads a folder.

A global-mobility team starts from a spreadsheet (HR's export, ``docgen batch template``'s columns); the workspace
edits case files. ``docgen case import SHEET --to CASES`` writes each row that validates as ``CASES/<case_id>.yaml``
(owner-only, atomically), never over a file that is there, and names every row it did not write with the reason.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docgen.case.loader import CASE_ID_MAX, addressable, case_from_text, parse_case
from docgen.errors import CaseDataError, OutputError, UsageError
from docgen.fileio import PRIVATE_FILE_MODE, make_private_dir, safe_name, write_bytes_atomic


@dataclass
class Imported:
    """What an import wrote, and the rows it did not (each with its reason and fix)."""

    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def import_sheet(sheet: Path | str, folder: Path | str, today: dt.date | None = None) -> Imported:
    """Write a case file into ``folder`` for every row of ``sheet`` (CSV or XLSX, the batch's dotted columns) that
    validates as a case; a bad row, a second row of one case id, or a case whose file is there already is named in
    ``problems`` and the other rows go on."""
    from docgen.batch.sources import read_cases

    source, target = Path(sheet), Path(folder)
    if source.is_dir():
        raise UsageError(f"{source}: is a folder; give the CSV or XLSX sheet of cases to import")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: is a file; give the folder the case files go in (--to CASES)")
    try:
        make_private_dir(target)
    except OSError as exc:
        raise OutputError(f"{target}: cannot make the folder ({exc.strerror}); choose another") from None
    day = (today or dt.date.today()).isoformat()
    out = Imported()
    names: dict[str, str] = {}
    rows = read_cases(source)
    for row in rows:  # a row that does not validate still claims its case id: a later row of it is a duplicate
        raw = row.data.get("case_id") if isinstance(row.data, dict) else None
        if isinstance(raw, str | int) and str(raw).strip():
            names.setdefault(_key(f"{safe_name(str(raw).strip())}.yaml"), row.label)
    for row in rows:
        try:
            if row.problem:
                raise CaseDataError(row.problem)
            case = parse_case(row.data, row.label)
        except CaseDataError as exc:
            out.problems.append(f"{exc} (not imported)")
            continue
        if not addressable(case.case_id):  # the workspace could not open it, nor name its files
            out.problems.append(
                f"{row.label}: case_id: a case id names the case's file and address: at most {CASE_ID_MAX} "
                "characters, no slash, no control characters, not '.' or '..' (not imported)"
            )
            continue
        name = f"{safe_name(case.case_id)}.yaml"
        key = _key(name)
        if names.setdefault(key, row.label) != row.label:
            out.problems.append(
                f"{row.label}: case_id {case.case_id!r} is also the case_id of {names[key]}; give each row its own "
                "case_id (not imported)"
            )
            continue
        path = target / name
        text = f"# imported from {source.name} row {row.label.rsplit(' row ', 1)[-1]} by docgen case import on {day}\n"
        text += yaml.safe_dump(row.data, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
        if case_from_text(text, path).model_dump() != case.model_dump():  # the file must say what the row said
            out.problems.append(f"{row.label}: its case file would not read back as the row; not imported (a bug)")
            continue
        try:
            _write_new(path, text)
        except FileExistsError:
            out.problems.append(
                f"{row.label}: {path} is there already (case {case.case_id}); a case file is never replaced: edit "
                "it, or move it out and import again (not imported)"
            )
            continue
        out.written.append(path)
    return out


def _key(name: str) -> str:
    """One file on Windows, macOS and most shares."""
    return unicodedata.normalize("NFKC", name).casefold()


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, only if no file is there (the kernel says so: two imports at once
    cannot both write one case)."""
    part = path.with_name(f".{path.name}.import")
    write_bytes_atomic(part, text.encode("utf-8"), PRIVATE_FILE_MODE)
    try:
        os.link(part, path)  # fails when the name is taken, whatever wrote it meanwhile
    finally:
        part.unlink(missing_ok=True)
