"""``docgen demo``: run the main jobs on the bundled samples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from docgen.commands.options import samples_dir, samples_option
from docgen.editions import accepting_editions
from docgen.errors import DocgenError, UsageError
from docgen.forms.fill import fill_form
from docgen.yamlio import load_yaml_file


def _fill_jobs(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    failures = 0
    for job in plan.get("fill", []):
        target = out_dir / job["out"]
        try:
            accepted = {job["form"]: str(job["accept_edition"])} if job.get("accept_edition") else {}
            with accepting_editions(accepted):  # an edition the agency refuses, filled knowingly (the plan says so)
                result = fill_form(job["form"], samples / job["case"], person=job.get("for"), output=target)
        except DocgenError as exc:
            failures += 1
            click.echo(f"  FAILED {job['out']}: {exc}", err=True)
            continue
        note = f", {result.overflow_note()}" if result.overflow else ""
        click.echo(f"  filled {target} ({result.form} {result.edition}, {len(result.values)} fields{note})")
    return failures


def _batch_jobs(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    from docgen.batch.runner import Task, make_jobs, run_batch
    from docgen.batch.sources import read_cases

    failures = 0
    for job in plan.get("batch", []):
        rows = read_cases(samples / job["cases"])
        tasks = tuple(Task("form", form, job.get("for")) for form in job["forms"])
        target = out_dir / job["out_dir"]
        report = run_batch(make_jobs(rows, tasks, job.get("pattern", "{case_id}_{form}.pdf")), target, progress=None)
        failures += len(report.failed)
        done = sum(o.status == "done" for o in report.outcomes)
        click.echo(
            f"  batch {job['cases']}: {done} of {len(rows)} cases filled into {target}/ "
            f"(report {target / 'batch-report.csv'})"
        )
        for outcome in report.failed:
            click.echo(f"  FAILED {outcome.label}: {outcome.error}", err=True)
    return failures


def _letters(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    from docgen.commands.letters import run_letter_jobs

    return run_letter_jobs(plan, out_dir, samples=samples)


def _packets(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    from docgen.commands.packets import run_packet_demo

    return run_packet_demo(out_dir, samples=samples)


def _notices(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    from docgen.commands.notices import run_notice_demo

    return run_notice_demo(out_dir, samples / "notices")


def _mailroom(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    import datetime as dt

    from docgen.fileio import make_private_dir, write_bytes_atomic, write_text_atomic
    from docgen.mailroom import deadlines as dl
    from docgen.mailroom.docket import open_docket
    from docgen.mailroom.ingest import ingest_inbox

    job = plan.get("mailroom")
    if not job:
        return 0
    room = out_dir / "mailroom"
    inbox, cases = room / "inbox", room / "cases"
    for folder in (inbox, cases):
        make_private_dir(folder)  # copies of case files and notices: owner-only, as every output
    for case in (samples / "cases").glob("*.yaml"):
        if not (cases / case.name).exists():
            write_bytes_atomic(cases / case.name, case.read_bytes())
    for pattern in job["inbox"]:
        for source in sorted(samples.glob(pattern)):
            write_bytes_atomic(inbox / source.name, source.read_bytes())
    docket_path = room / "docket.sqlite"
    try:
        report = ingest_inbox(inbox, docket_path, cases)
        with open_docket(docket_path) as docket:
            rows = docket.deadlines_due()
    except DocgenError as exc:
        click.echo(f"  FAILED mailroom: {exc}", err=True)
        return 1
    click.echo(
        f"  ingested {report.files} file(s): {len(report.filed)} notice(s) filed to cases, "
        f"{len(report.review)} to review, {report.duplicate_notices} duplicate(s), "
        f"{report.duplicate_files} file(s) seen before"
    )
    for name, reason in report.failed:
        click.echo(f"  FAILED mailroom {name}: {reason}", err=True)
    write_text_atomic(room / "deadlines.ics", dl.to_ics(rows, dt.datetime.now(dt.UTC)))
    write_text_atomic(room / "expiry-report.txt", dl.expiry_report(rows, dt.date.today()))
    click.echo(
        f"  docket {docket_path}; {len(rows)} deadline(s) in {room / 'deadlines.ics'}; "
        f"review with: {command_name()} mailroom review --docket {docket_path}"
    )
    return len(report.failed)


def command_name() -> str:
    """``docgen`` as this shell can run it: the name when it is on the PATH and is this docgen, else this docgen's
    own script (``.venv/bin/docgen`` after ``scripts/demo.sh``, whose venv is not activated), so the commands the
    demo prints work when pasted."""
    import os
    import shutil
    import sys

    script = Path(sys.executable).parent / "docgen"
    found = shutil.which("docgen")
    if not script.is_file() or (found is not None and Path(found).resolve() == script.resolve()):
        return "docgen"
    relative = os.path.relpath(script)
    return relative if not relative.startswith("..") else str(script)


def _workspace(plan: dict[str, Any], out_dir: Path, samples: Path) -> int:
    """Say how to open the web workspace on the demo's copies of the cases (with the mailroom's docket)."""
    import os
    import shutil

    cases = out_dir / "mailroom" / "cases"
    if not cases.is_dir():
        return 0
    logos = cases.parent / "logos"  # the cases name their letterhead logos as ../logos/...
    if not logos.exists():
        shutil.copytree(samples / "logos", logos)
    data = out_dir / "workspace"
    docgen = command_name()
    click.echo("  open the workspace on these cases (in a browser, http://127.0.0.1:8000/):")
    click.echo(f"    {docgen} users add YOURNAME --role admin --data {data}      # asks for a password")
    click.echo(
        f"    {docgen} serve --data {data} --cases {cases} --docket {out_dir / 'mailroom' / 'docket.sqlite'} "
        f"--packets {os.path.relpath(samples / 'packets')}"
    )
    return 0


Stage = Callable[[dict[str, Any], Path, Path], int]
STAGES: list[tuple[str, Stage]] = [
    ("Forms", _fill_jobs),
    ("Batch", _batch_jobs),
    ("Letters", _letters),
    ("Packets", _packets),
    ("Notices", _notices),
    ("Mailroom", _mailroom),
    ("Workspace", _workspace),
]


@click.command("demo")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Where to write the outputs.",
)
@samples_option
def demo_cmd(out_dir: Path, samples: Path | None) -> None:
    """Run the main jobs on the checkout's samples into OUT_DIR: forms, a batch, letters, packets, notices."""
    folder = samples_dir(samples)
    plan = load_yaml_file(folder / "demo.yaml", UsageError)
    failures = 0
    for title, stage in STAGES:
        click.echo(f"{title}:")
        failures += stage(plan, out_dir, folder)
    if failures:
        raise DocgenError(f"demo: {failures} job(s) failed; see above")
    click.echo(f"demo done: outputs in {out_dir}/")


def register(cli: click.Group) -> None:
    """Add the demo command."""
    cli.add_command(demo_cmd)
