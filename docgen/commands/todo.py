"""``docgen case todo``: the questions the forms ask that a case does not answer yet."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docgen.case.loader import load_case
from docgen.case.model import Case, Person
from docgen.commands.options import echo, forms_dir_option, maps_dir_option
from docgen.errors import UnknownPersonError, UsageError
from docgen.forms.items import shorten
from docgen.forms.todo import Question, case_questions


def _table(rows: list[Question]) -> str:
    headers = ("person", "form", "part", "item", "question", "answer goes in")
    cells = [
        (
            r.person,
            r.form,
            r.part,
            r.item,
            shorten(r.question) + (" (required)" if r.required else ""),  # a cut question says so
            r.where or r.answer_at,
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines)


@click.command("todo")
@click.argument("case_file", metavar="CASE", type=click.Path(path_type=Path))
@click.option("--forms", "forms", required=True, help="Form ids, comma-separated: I-485,I-765,I-131.")
@click.option(
    "--for", "people", multiple=True, help="Whose forms: a person id (repeat for several). Default: beneficiary."
)
@click.option("--all", "everyone", is_flag=True, help="Every person of the case.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@forms_dir_option
@maps_dir_option
def todo_cmd(
    case_file: Path,
    forms: str,
    people: tuple[str, ...],
    everyone: bool,
    as_json: bool,
    forms_dir: str | None,
    maps_dir: str | None,
) -> None:
    """Questions the FORMS ask that CASE does not answer yet, by person, form, part and item.

    Unanswered yes/no questions stay empty on the forms (never "No"); this lists
    them with where the answer goes in the case file, so one questionnaire can
    collect them all.
    """
    if everyone and people:
        raise UsageError("give --for or --all, not both")
    case = load_case(case_file)
    form_ids = [f.strip() for f in forms.split(",") if f.strip()]
    if not form_ids:
        raise UsageError("--forms needs at least one form id, e.g. --forms I-485,I-765")
    chosen = case.people() if everyone else [_person(case, ref, case_file) for ref in people] or None
    rows = case_questions(case, form_ids, chosen, source=case_file.name, forms_dir=forms_dir, maps_dir=maps_dir)
    if as_json:
        echo(json.dumps({"case": case.case_id, "questions": [r.as_dict() for r in rows]}, indent=2))
        return
    if not rows:
        echo(f"{case.case_id}: every question of {', '.join(form_ids)} is answered")
        return
    echo(_table(rows))
    echo(f"{case.case_id}: {len(rows)} question(s) still to answer")


def _person(case: Case, ref: str, case_file: Path) -> Person:
    try:
        return case.person(ref)
    except KeyError:
        ids = ", ".join(ref for ref, _ in case.people_by_ref())
        raise UnknownPersonError(
            f"{case_file.name}: case {case.case_id} has no person {ref!r} (people: {ids})",
            path=case_file,
            case_id=case.case_id,
            field=ref,
            fix=f"people: {ids}",
        ) from None


@click.command("import")
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("--to", "folder", required=True, type=click.Path(path_type=Path), help="The folder of case files.")
def import_cmd(sheet: Path, folder: Path) -> None:
    """Write a case file (CASES/<case_id>.yaml) for every row of SHEET (CSV or XLSX, the batch's columns).

    A file already there is never replaced; a row that does not validate, or a second row of one case id, is
    named with the reason and the other rows go on (exit 3 when any row was not imported).
    """
    from docgen.case.importing import import_sheet
    from docgen.errors import CaseDataError

    done = import_sheet(sheet, folder)
    for path in done.written:
        echo(f"wrote {path}")
    for problem in done.problems:
        echo(f"warning: {problem}", err=True)
    echo(f"{len(done.written)} case file(s) written into {folder}, {len(done.problems)} row(s) not imported")
    if done.problems:
        raise CaseDataError(f"{len(done.problems)} row(s) of {sheet} not imported; fix them (above) and import again")


def register(cli: click.Group) -> None:
    """Add ``case todo`` and ``case import`` (to the ``case`` group, made here when no other module made it)."""
    group = cli.commands.get("case")
    if not isinstance(group, click.Group):
        group = click.Group("case", help="Work with case files.")
        cli.add_command(group)
    group.add_command(todo_cmd)
    group.add_command(import_cmd)
