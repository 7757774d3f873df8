"""``docgen notice parse``: read USCIS notices (text PDFs and scans) into JSON.

A file that cannot be read at all is reported on one line and the batch goes
on to the next file; the exit code is non-zero if any file failed: the code of
the files' problem when they share one (a locked notice exits 14 as a locked
blank form does), else the notice error's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from docgen.commands.options import samples_dir
from docgen.errors import DocgenError, NoticeError
from docgen.fileio import check_output, write_text_atomic
from docgen.notices import FIELDS, NoticeFileResult, parse_notice_file
from docgen.notices.model import REVIEW_BELOW

SAMPLE_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


def summary(result: NoticeFileResult) -> str:
    """One line about a file's notices: kind, form, receipt number, key date, fields to review."""
    if not result.notices:
        return f"{result.file}: no notice ({result.reason})"
    parts = []
    for notice in result.notices:
        kind = notice.value("notice_type") or "unknown kind"
        form = notice.value("form") or "form ?"
        receipt = notice.value("receipt_number") or "receipt number ?"
        due = notice.value("response_due")
        review = notice.needs_review()
        text = f"{kind} {form} {receipt} (pages {_pages(notice.pages)})"
        if due:
            text += f", response due {due}"
        if review:
            text += ", review: every field" if len(review) == len(FIELDS) else f", review: {', '.join(review)}"
        parts.append(text)
    note = f" [{result.reason}]" if result.reason else ""
    line = f"{result.file}: {len(result.notices)} notice(s): " + "; ".join(parts) + note
    return "\n".join([line, *candidate_lines(result)])


def candidate_lines(result: NoticeFileResult) -> list[str]:
    """One line per field OCR was unsure of: no value, what OCR read and why (for the person resolving it)."""
    lines = []
    for number, notice in enumerate(result.notices, start=1):
        which = f"notice {number} " if len(result.notices) > 1 else ""
        for name, candidate in notice.candidates().items():
            lines.append(f"  {which}{name}: \u2014  (unsure: {_shown(candidate.value)}, {candidate.why})")
    return lines


def _shown(value: Any) -> str:
    """A candidate quoted as a person would type it back with ``mailroom resolve --set``."""
    from docgen.mailroom.review import as_typed

    return json.dumps(as_typed(value), ensure_ascii=False)


def _pages(pages: list[int]) -> str:
    return f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])


def _out_name(path: Path, used: set[str]) -> str:
    """``NAME.json``, or ``NAME-2.json`` when two inputs share a name."""
    name, count = f"{path.stem}.json", 1
    while name in used:
        count += 1
        name = f"{path.stem}-{count}.json"
    used.add(name)
    return name


def parse_files(files: list[Path], as_json: bool, out_dir: Path | None) -> list[DocgenError]:
    """Parse each file, report it, write its JSON; return the problems of the files that could not be read."""
    failures: list[DocgenError] = []
    used: set[str] = set()
    for path in files:
        try:
            result = parse_notice_file(path)
        except DocgenError as exc:
            failures.append(exc)
            click.echo(f"docgen: error: {exc}", err=True)
            continue
        document = result.to_dict()
        if out_dir is not None:
            target = check_output(out_dir / _out_name(path, used), "json", inputs=files)
            write_text_atomic(target, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        if as_json:
            click.echo(json.dumps(document, ensure_ascii=False))
        else:
            click.echo(summary(result))
    return failures


@click.group("notice")
def notice_group() -> None:
    """Read USCIS notices (Form I-797 family) into structured data."""


@notice_group.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document per file (JSON Lines) on stdout.")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write NAME.json for each input file into this folder.",
)
def parse_cmd(files: tuple[Path, ...], as_json: bool, out_dir: Path | None) -> None:
    """Read the notices in FILE... (PDF, JPEG, PNG, TIFF; text or scanned)."""
    failures = parse_files(list(files), as_json, out_dir)
    if failures:
        kinds = {type(problem) for problem in failures}
        problem = kinds.pop() if len(kinds) == 1 else NoticeError  # one kind of problem keeps its exit code
        raise problem(f"{len(failures)} of {len(files)} file(s) could not be read; see the lines above")


def sample_files(root: Path) -> list[Path]:
    """The bundled sample notices (text, scans, bad inputs), in a stable order."""
    return sorted(path for path in root.glob("*/*") if path.suffix.lower() in SAMPLE_SUFFIXES)


def check_against_expected(path: Path, document: dict[str, Any] | None, error: str | None) -> str | None:
    """What differs from the sample's expected JSON (None when it matches)."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    if "error" in expected:
        return None if error and expected["error"] in error else f"expected a {expected['error']} error"
    if document is None:
        return f"unexpected error: {error}"
    if expected.get("unreadable"):
        wrong = [
            key
            for notice in document["notices"]
            for key, value in notice.items()
            if key not in ("pages", "confidence", "source") and value not in (None, {}, [])
        ]
        return f"unreadable scan gave values for {', '.join(wrong)}" if wrong else None
    if len(document["notices"]) != len(expected["notices"]):
        return f"{len(document['notices'])} notice(s) found, {len(expected['notices'])} expected"
    diffs = [
        f"notice {index + 1} {key}"
        for index, (got, want) in enumerate(zip(document["notices"], expected["notices"], strict=True))
        for key, value in want.items()
        if got.get(key) != value and not _left_for_review(got, key)
    ]
    return f"differs in {', '.join(diffs)}" if diffs else None


def _left_for_review(notice: dict[str, Any], key: str) -> bool:
    """A null that is flagged for a person (OCR was unsure) is not a wrong value."""
    return notice.get(key) is None and notice["confidence"].get(key, 1.0) < REVIEW_BELOW


def run_notice_demo(out_dir: Path, root: Path | None = None) -> int:
    """Parse the bundled sample notices, write their JSON to OUT_DIR/notices/; return the failure count.

    Prints one line per file. A failure is a sample whose outcome differs
    from its expected JSON (the corrupt and encrypted samples are expected
    to be refused; a scanned field left null for review is not a failure).
    """
    target = out_dir / "notices"
    failures = 0
    for path in sample_files(root or samples_dir() / "notices"):
        document: dict[str, Any] | None = None
        error: str | None = None
        try:
            result = parse_notice_file(path)
            document = result.to_dict()
            write_text_atomic(target / f"{path.stem}.json", json.dumps(document, indent=2) + "\n")
            line = summary(result)
        except DocgenError as exc:
            error = str(exc)
            line = f"{path.name}: refused: {exc}"
        problem = check_against_expected(path, document, error)
        failures += problem is not None
        click.echo(f"  {'FAILED ' if problem else ''}{line}" + (f" -- {problem}" if problem else ""))
    return failures


def register(cli: click.Group) -> None:
    """Add the notice command group."""
    cli.add_command(notice_group)
