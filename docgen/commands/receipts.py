"""``docgen packet filed``: each form of a filed packet becomes a receipt the docket waits for."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import click

from docgen.commands.options import DocketLocation, cases_folder_option, docket_option
from docgen.errors import UsageError
from docgen.mailroom.cases import CaseStore
from docgen.mailroom.docket import open_docket
from docgen.mailroom.receipts import (
    DEFAULT_DAYS,
    check_filed_on,
    expectations,
    manifest_forms,
    parse_fees,
    record_filing,
)
from docgen.mailroom.text import printable


@click.command("filed")
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--date", "filed_on", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="The day it was filed."
)
@docket_option
@functools.partial(cases_folder_option, help="Folder of case files (the names as filed come from the packet's case).")
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=DEFAULT_DAYS,
    show_default=True,
    help="A receipt not here this many days after filing is missing (a deadline).",
)
@click.option("--fee", "fees", multiple=True, help="Fee paid: FORM=AMOUNT or FORM:PERSON=AMOUNT (repeatable).")
@click.option("--office", default=None, help="Where it was filed, as receipt numbers start (WAC, EAC, IOE...).")
def filed_cmd(
    manifest: Path,
    filed_on: dt.datetime,
    docket_path: DocketLocation,
    cases_dir: Path,
    days: int,
    fees: tuple[str, ...],
    office: str | None,
) -> None:
    """Mark the packet of MANIFEST (its .manifest.json) filed: wait for a receipt notice per form."""
    check_filed_on(filed_on.date())
    data, forms = manifest_forms(manifest)
    store = CaseStore(cases_dir)
    entry = store.entries.get(str(data["case"]))
    if entry is None:
        raise UsageError(
            f"{manifest}: the packet's case {data['case']!r} is not in {cases_dir}; "
            "give --cases the folder of its case file"
        )
    expected = expectations(
        entry.case,
        str(data.get("packet") or manifest.stem),
        forms,
        filed_on.date(),
        days=days,
        fees=parse_fees(fees),
        office=office.upper() if office else None,
    )
    if not expected:
        raise UsageError(f"{manifest}: the packet holds no form that gets a receipt notice; nothing to wait for")
    with open_docket(docket_path) as docket, docket.transaction() as tx:
        recorded = record_filing(tx, expected, manifest.name)
    for item, new in recorded:
        what = f"Form {item.form} for {item.person} ({item.name})"
        if new:
            click.echo(printable(f"expecting the receipt of {what} by {item.expected_by.isoformat()}"))
        else:
            click.echo(printable(f"already expected: {what}, filed {item.filed_on.isoformat()}"))
