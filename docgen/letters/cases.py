"""Many cases at once: a folder of case files, or a CSV/XLSX sheet with one case per row.

Reading is shared with ``docgen batch`` (:mod:`docgen.batch.sources`): columns
are dotted case paths (``beneficiary.family_name``, ``job.duties[0].duty``,
``extra.employment_verification.hire_date``), empty cells are left out, and a
bad column or row fails that row only, with its label (``cases.csv row 7``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docgen.batch.sources import read_cases
from docgen.case.loader import parse_case
from docgen.case.model import Case
from docgen.errors import CaseDataError, DocgenError, UsageError


@dataclass
class CaseEntry:
    """One case of a batch, or why it could not be read; ``folder`` anchors relative paths (logos)."""

    source: str
    case: Case | None
    error: DocgenError | None = None
    folder: Path | None = None


def iter_cases(source: Path | str) -> Iterator[CaseEntry]:
    """Every case of a folder of case files or a spreadsheet, in file or row order."""
    path = Path(source)
    rows = read_cases(path)
    if not rows:
        raise UsageError(f"{path}: no cases found; give a folder of case files or a sheet with one case per row")
    folder = path if path.is_dir() else path.parent
    for row in rows:
        label = Path(row.label).name if path.is_dir() else row.label
        if row.problem:
            yield CaseEntry(label, None, CaseDataError(row.problem), folder)
            continue
        try:
            yield CaseEntry(label, parse_case(row.data, label), folder=folder)
        except CaseDataError as exc:
            yield CaseEntry(label, None, exc, folder)
