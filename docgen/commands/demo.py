"""``docgen demo``: run the main jobs on the bundled samples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from docgen.errors import DocgenError, UsageError
from docgen.forms.fill import fill_form
from docgen.yamlio import load_yaml_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _fill_jobs(plan: dict[str, Any], out_dir: Path) -> int:
    failures = 0
    for job in plan.get("fill", []):
        target = out_dir / job["out"]
        try:
            result = fill_form(job["form"], SAMPLES / job["case"], person=job.get("for"), output=target)
        except DocgenError as exc:
            failures += 1
            click.echo(f"  FAILED {job['out']}: {exc}", err=True)
            continue
        note = f", {result.overflow_note()}" if result.overflow else ""
        click.echo(f"  filled {target} ({result.form} {result.edition}, {len(result.values)} fields{note})")
    return failures


@click.command("demo")
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Where to write the outputs.",
)
def demo_cmd(out_dir: Path) -> None:
    """Fill the sample cases' forms (and more as the toolkit grows) into OUT_DIR."""
    plan = load_yaml_file(SAMPLES / "demo.yaml", UsageError)
    click.echo("Forms:")
    failures = _fill_jobs(plan, out_dir)
    if failures:
        raise UsageError(f"demo: {failures} job(s) failed; see above")
    click.echo(f"demo done: outputs in {out_dir}/")


def register(cli: click.Group) -> None:
    """Add the demo command."""
    cli.add_command(demo_cmd)
