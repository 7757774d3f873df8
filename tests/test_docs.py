"""The README documents every exit code and every command (a docs test, as sqlite-utils has)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import click
import pytest

import docgen
from docgen import errors
from docgen.cli import cli

from .conftest import FORMS_DIR, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def readme_exit_codes() -> dict[str, int]:
    """Exception class -> code, from the README's table (| code | problem | exception |)."""
    rows = re.findall(r"^\| (\d+) \| [^|]+ \| `(\w+)` \|$", _section("Errors and exit codes"), re.MULTILINE)
    return {name: int(code) for code, name in rows}


def test_every_exit_code_is_in_the_readme_table() -> None:
    expected = {cls.__name__: code for cls, (code, _) in errors.EXIT_CODES.items()}
    documented = readme_exit_codes()
    missing = [
        f"| {code} | {errors.EXIT_CODES[getattr(errors, name)][1]} | `{name}` |"
        for name, code in expected.items()
        if documented.get(name) != code
    ]
    assert not missing, "add or correct these rows of the README's exit-code table:\n" + "\n".join(missing)
    assert set(documented) == set(expected), (
        f"the README lists classes docgen no longer has: {set(documented) - set(expected)}"
    )


def _all_modules() -> None:
    for info in pkgutil.walk_packages(docgen.__path__, "docgen."):
        # docgen.web needs Django set up to import (its models); it defines no error classes
        if not info.name.endswith(("__main__", "office_worker")) and not info.name.startswith("docgen.web."):
            importlib.import_module(info.name)


def _subclasses(cls: type[errors.DocgenError]) -> list[type[errors.DocgenError]]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def test_every_problem_class_has_its_row_in_the_one_table() -> None:
    _all_modules()
    unlisted = [
        f"{c.__module__}.{c.__qualname__}" for c in _subclasses(errors.DocgenError) if c not in errors.EXIT_CODES
    ]
    assert not unlisted, f"give these exception classes a row in docgen.errors.EXIT_CODES: {unlisted}"


def test_a_problem_has_one_code_wherever_it_happens() -> None:
    assert errors.LockedFileError.exit_code == errors.LockedFileError("x").exit_code == 14
    assert errors.UnknownPersonError("x").exit_code == errors.CaseDataError.exit_code
    error = errors.UnknownPersonError(
        "case.yaml: case C-1 has no person 'spuse'", case_id="C-1", field="spuse", fix="people: beneficiary, spouse"
    )
    assert str(error) == "case.yaml: case C-1 has no person 'spuse'; people: beneficiary, spouse"
    assert (error.case_id, error.field, error.path, error.line) == ("C-1", "spuse", None, None)


def commands() -> list[tuple[str, click.Command]]:
    """Every command line, as typed: ('fill', ...), ('batch fill', ...)."""
    ctx = click.Context(cli)
    out: list[tuple[str, click.Command]] = []
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            out += [(f"{name} {sub}", command.commands[sub]) for sub in sorted(command.commands) if sub != "render"]
        else:
            out.append((name, command))
    return out


@pytest.mark.parametrize(("line", "command"), commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_documented(line: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"docgen {line} has no help text"
    assert re.search(rf"docgen {re.escape(line)}\b", README), f"the README never shows 'docgen {line}'"


def test_errors_carry_where_the_problem_is(tmp_path: Path) -> None:
    from docgen.case.loader import parse_case
    from docgen.forms.fieldmap import load_map

    person = {"family_name": "Doe", "given_name": "Jan", "birth_date": "13/45/1990"}
    with pytest.raises(errors.CaseDataError) as caught:
        parse_case({"case_id": "C-9", "beneficiary": person}, "c.yaml")
    assert (caught.value.case_id, caught.value.field) == ("C-9", "beneficiary.birth_date")
    text = (ROOT / "tests" / "fixtures" / "i-765-small.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "map.yaml"
    bad.write_text(text.replace("Line1a_FamilyName[0]", "Line1a_FamilyNam[0]", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1) if "Line1a_FamilyNam[0]" in row)
    with pytest.raises(errors.MapError) as map_error:
        load_map(bad, FORMS_DIR / "i-765.pdf")
    assert (map_error.value.path, map_error.value.line) == (bad.resolve(), line)
