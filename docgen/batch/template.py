"""``docgen batch template``: an XLSX with a column for every case path the maps use.

Row 1 names the columns (dotted case paths), row 2 describes each (from the
form's tooltip; it starts with ``#`` so it is read as a comment), and cells
whose values are fixed (sex, marital status, unit type, wage unit, yes/no)
carry a drop-down list.
"""

from __future__ import annotations

import io
import re
import typing
from pathlib import Path
from typing import Any

from jinja2 import meta
from pydantic import BaseModel

from docgen.case.paths import leaf_paths, path_type
from docgen.errors import UsageError
from docgen.fileio import check_output, write_bytes_atomic
from docgen.forms.fieldmap import FieldMap, FieldRule
from docgen.forms.fill import prepare
from docgen.forms.pdf import load_form
from docgen.templating import variable_paths

ALWAYS = ["case_id", "beneficiary.family_name", "beneficiary.given_name", "beneficiary.birth_date"]
_ROOT_COLUMNS = {
    "beneficiary": "beneficiary",
    "petitioner": "petitioner",
    "job": "job",
    "representative": "representative",
    "preparer": "preparer",
    "facts": "facts",
    "dependents": "dependents",
    "case": "",
}


def _column(chain: tuple[str, ...], form: str, applicant: str) -> list[str]:
    root, rest = chain[0], list(chain[1:])
    if root == "extra":
        return [".".join(["extra", form, *rest])] if rest else []
    if root == "today":
        return []
    prefix = applicant if root == "applicant" else _ROOT_COLUMNS.get(root)
    if prefix is None:
        return []
    model_chain = ("case", *([p for p in prefix.replace("[0]", ".[]").split(".") if p] if prefix else []), *rest)
    text = ".".join([prefix, *rest] if prefix else rest).replace(".[]", "[0]").replace(".[*]", "[0]")
    kind = path_type(tuple(model_chain))
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return leaf_paths(kind, text)
    if typing.get_origin(kind) is list:
        inner = typing.get_args(kind)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return leaf_paths(inner, text + "[0]")
        return [text + "[0]"]
    return [text] if text else []


def _rule_chains(fmap: FieldMap, rule: FieldRule) -> list[tuple[str, ...]]:
    source = rule.source if rule.value is not None else "{{ " + rule.source + " }}"
    tree = fmap.env.parse(source)
    return variable_paths(tree, set(meta.find_undeclared_variables(tree)))


def template_columns(forms: list[str], applicant: str = "beneficiary", **dirs: Any) -> dict[str, str]:
    """Column -> description, for every case path the maps of ``forms`` read."""
    columns: dict[str, str] = {c: "" for c in ALWAYS}
    person_id = "spouse, child"
    if applicant != "beneficiary" and not re.fullmatch(r"dependents\[\d+\]", applicant):
        # a person's id, as 'batch fill --for spouse' takes it: a row holds that person as a dependent with that id
        person_id, applicant = applicant, "dependents[0]"
    if applicant != "beneficiary":
        columns.update(
            {
                f"{applicant}.id": f"the person's id in the case, as --for names it (e.g. {person_id})",
                f"{applicant}.family_name": "",
                f"{applicant}.given_name": "",
                f"{applicant}.birth_date": "",
            }
        )
    for form in forms:
        prepared = prepare(form, dirs.get("forms_dir"), dirs.get("maps_dir"))
        fmap = prepared.fmap
        blank = load_form(prepared.blank)
        tips = {name: f.tooltip for name, f in blank.fields.items()}
        blank.pdf.close()
        for name, rule in fmap.rules.items():
            for chain in _rule_chains(fmap, rule):
                for column in _column(chain, fmap.form, applicant):
                    if column not in columns or not columns[column]:
                        columns[column] = f"{fmap.form}: {tips.get(name, '')}"[:250]
        for repeat in fmap.repeats:
            base = repeat.source.split("|")[0].strip()
            for index in range(len(repeat.rows)):
                for cell, rule in repeat.cells.items():
                    for chain in _rule_chains(fmap, rule):
                        if chain[0] != "it":
                            continue
                        items = (*base.split("."), "[]", *chain[1:])
                        for column in _column(items, fmap.form, applicant):
                            columns.setdefault(
                                column.replace("[0]", f"[{index}]", 1), f"{fmap.form}: {repeat.name} ({cell})"
                            )
    names = list(columns)
    return {c: d for c, d in columns.items() if not any(o.startswith((c + ".", c + "[")) for o in names)}


def _choices(column: str) -> list[str] | None:
    if column.startswith("extra."):
        return None
    chain = tuple(p if not p.endswith("]") else p.split("[")[0] for p in column.split("."))
    expanded: list[str] = ["case"]
    for part, original in zip(chain, column.split("."), strict=True):
        expanded.append(part)
        if original.endswith("]"):
            expanded.append("[]")
    kind = path_type(tuple(expanded))
    if kind is bool:
        return ["TRUE", "FALSE"]
    if typing.get_origin(kind) is typing.Literal:
        return [str(a) for a in typing.get_args(kind)]
    return None


def write_template(path: Path, forms: list[str], applicant: str = "beneficiary", **dirs: Any) -> int:
    """Write the XLSX template; returns the number of columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    check_output(path, "xlsx")  # first: a case file there is the worse slip (exit 12)
    if path.suffix.lower() != ".xlsx":  # an XLSX named .csv: the batch reads it as text and refuses it
        raise UsageError(
            f"{path}: the template is an XLSX workbook (its fixed choices are drop-down lists); name the file "
            f"{path.with_suffix('.xlsx').name} (save it as CSV UTF-8 from the spreadsheet program for a CSV)"
        )
    columns = template_columns(forms, applicant, **dirs)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "cases"
    names = list(columns)
    sheet.append(names)
    sheet.append([f"# {columns[names[0]] or 'your reference for the case'}", *(columns[n] for n in names[1:])])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.font = Font(italic=True, color="666666")
    for index, name in enumerate(names, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, min(40, len(name) + 2))
        choices = _choices(name)
        if choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            rule.error = f"Choose one of {', '.join(choices)}"
            sheet.add_data_validation(rule)
            rule.add(f"{letter}3:{letter}5000")
    sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())
    return len(names)
