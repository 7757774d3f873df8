"""``docgen mailroom ...`` and ``docgen deadlines``."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import click

from docgen.commands.options import (
    DocketLocation,
    cases_folder_option,
    check_suffix,
    docket_option,
    new_docket_option,
    parse_within,
)
from docgen.errors import BatchIncomplete, UsageError
from docgen.fileio import check_output, write_text_atomic
from docgen.mailroom import deadlines as dl
from docgen.mailroom.cases import CaseStore
from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import ingest_inbox
from docgen.mailroom.review import not_a_notice, parse_corrections, resolve, to_confirm_lines
from docgen.mailroom.text import printable

ID = click.IntRange(1, 2**63 - 1)  # what a docket id can be


@click.group("mailroom")
def mailroom_group() -> None:
    """Ingest the day's scans and keep the docket."""


@mailroom_group.command("ingest")
@click.argument("inbox", type=click.Path(file_okay=False, path_type=Path))
@docket_option
@cases_folder_option
@click.option(
    "--review-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where unreadable and unmatched notices go (default: beside the docket file; "
    "for a database docket, a 'review' folder beside the cases folder).",
)
@click.option(
    "--searchable/--no-searchable",
    default=True,
    show_default=True,
    help="Write a searchable (OCR text layer) copy beside each filed scan.",
)
@new_docket_option
def ingest_cmd(
    inbox: Path,
    docket_path: DocketLocation,
    cases_dir: Path,
    review_dir: Path | None,
    searchable: bool,
    new_docket: bool,
) -> None:
    """File every notice of INBOX to its case and record it in the docket."""
    from docgen.commands.mailroom_desk import echo_progress, echo_report

    report = ingest_inbox(inbox, docket_path, cases_dir, review_dir, progress=echo_progress, new_docket=new_docket)
    for name, reason in report.skipped:
        click.echo(f"skipped {name}: {reason}", err=True)
    echo_report(report, searchable)
    click.echo(
        f"{report.files} file(s): {len(report.filed)} notice(s) filed, {len(report.review)} to review, "
        f"{report.duplicate_notices} duplicate notice(s), {report.duplicate_files} file(s) seen before, "
        f"{len(report.skipped)} skipped, {len(report.failed)} failed"
    )
    if report.failed:  # every file was tried; a scheduler must still see that some wait
        raise BatchIncomplete(
            f"{len(report.failed)} of {report.files} file(s) failed and stay in the inbox (each 'failed' line "
            "above says why); deal with them and run the ingest again"
        )


@mailroom_group.command("review")
@docket_option
def review_cmd(docket_path: DocketLocation) -> None:
    """What needs a person: unmatched, unreadable, low-confidence notices."""
    with open_docket(docket_path, create=False) as docket:
        items = docket.reviews()
        notices = {n.id: n for n in docket.notices()}
    if not items:
        click.echo("nothing to review")
        return
    for item in items:
        notice = notices.get(item.notice_id) if item.notice_id else None
        what = (
            f"{notice.notice_type or '?'} {notice.form or '?'} {notice.receipt_number or '?'} "
            f"{notice.notice_date or '?'}"
            if notice
            else "whole file"
        )
        click.echo(printable(f"#{item.id}  {what}  -- {item.reason}") + "\n     " + printable(str(item.path)))
        for line in to_confirm_lines(item.id, notice.data if notice else {}):
            click.echo("     " + printable(line))
    click.echo(
        "settle one with: docgen mailroom resolve ID --docket D --cases DIR [--case ID] [--set FIELD=VALUE] "
        "[--dismiss REASON | --not-a-notice]"
    )


@mailroom_group.command("done")
@click.argument("deadline_ids", type=ID, nargs=-1, required=True)
@docket_option
def done_cmd(deadline_ids: tuple[int, ...], docket_path: DocketLocation) -> None:
    """Mark deadlines done by hand (their ids are in the 'docgen deadlines' table); all or none."""
    with open_docket(docket_path, create=False) as docket:
        try:
            closed = dl.close_by_hand(docket, list(deadline_ids))
        except UsageError as exc:
            raise UsageError(f"{exc}; see 'docgen deadlines --docket {docket.location}'") from None
    for row in closed:  # only once all are recorded: a bad id undoes the others
        click.echo(printable(f"done: {row.kind.value} {row.due.isoformat()} ({row.case_id})"))


@mailroom_group.command("resolve")
@click.argument("review_id", type=ID)
@docket_option
@cases_folder_option
@click.option("--case", "case_id", default=None, help="File the notice to this case.")
@click.option("--for", "person", default=None, help="The person of the case it is about.")
@click.option("--set", "pairs", multiple=True, help="Correct a field: FIELD=VALUE (repeatable).")
@click.option("--dismiss", default=None, help="Close the item without filing, with the reason.")
@click.option("--not-a-notice", "not_notice", is_flag=True, help="Close the item: its pages are not a USCIS notice.")
def resolve_cmd(
    review_id: int,
    docket_path: DocketLocation,
    cases_dir: Path,
    case_id: str | None,
    person: str | None,
    pairs: tuple[str, ...],
    dismiss: str | None,
    not_notice: bool,
) -> None:
    """Settle review item REVIEW_ID: assign it to a case, correct fields, mark it not a notice, or dismiss it."""
    if not_notice and (case_id or pairs or dismiss):
        raise UsageError("--not-a-notice closes the item; give it alone (without --case, --set or --dismiss)")
    with open_docket(docket_path, create=False) as docket:
        if not_notice:
            click.echo(not_a_notice(docket, review_id))
            return
        click.echo(
            resolve(
                docket,
                CaseStore(cases_dir),
                review_id,
                case_id=case_id,
                person=person,
                corrections=parse_corrections(pairs),
                dismiss=dismiss,
            )
        )


@mailroom_group.command("unfile")
@click.argument("notice_id", type=ID)
@docket_option
@cases_folder_option
@click.option(
    "--review-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the notice's copy goes (default: the review folder it came from, else as for 'mailroom ingest').",
)
@click.option("--reason", default="", help="Why it leaves the case (default: filed to the wrong case).")
def unfile_cmd(
    notice_id: int, docket_path: DocketLocation, cases_dir: Path, review_dir: Path | None, reason: str
) -> None:
    """Undo a filing: notice NOTICE_ID leaves its case and waits for review again ('mailroom notices' lists ids)."""
    from docgen.mailroom.unfile import unfile

    with open_docket(docket_path, create=False) as docket:
        done = unfile(docket, CaseStore(cases_dir), notice_id, review_dir, reason)
    click.echo(done.summary)
    for line in done.checks:
        click.echo(line, err=True)


@mailroom_group.command("notices")
@docket_option
@click.option("--case", "case_id", default=None, help="Only the notices filed to this case.")
def notices_cmd(docket_path: DocketLocation, case_id: str | None) -> None:
    """The notices on the docket, with the ids 'mailroom unfile' takes: case, whose, form, kind, receipt, date, file."""
    with open_docket(docket_path, create=False) as docket:
        rows = docket.notices(case_id)
    if not rows:
        click.echo("no notices" + (f" filed to {printable(case_id)}" if case_id else ""))
        return
    click.echo(
        f"{'id':>5}  {'status':<7} {'case':<22} {'whose':<14} {'form':<7} {'kind':<11} {'receipt':<14} "
        f"{'date':<11} file"
    )
    for n in rows:
        whose = n.person or ("?" if n.status.value == "filed" else "")  # ?: filed by an older docgen, not derivable
        click.echo(
            printable(
                f"{n.id:>5}  {n.status.value:<7} {n.case_id or '':<22} {whose:<14} {n.form or '?':<7} "
                f"{n.notice_type or '?':<11} "
                f"{n.receipt_number or '':<14} {n.notice_date or '':<11} {Path(str(n.filed_path or '')).name}"
            )
        )


@mailroom_group.command("aliases")
@docket_option
@click.option("--remove", "remove_id", type=ID, default=None, help="Forget the alias of this id (from the list).")
def aliases_cmd(docket_path: DocketLocation, remove_id: int | None) -> None:
    """What reviews taught: names, trading names and receipt numbers that now file notices to their case."""
    from docgen.mailroom import aliases

    with open_docket(docket_path, create=False) as docket:
        if remove_id is not None:
            gone = aliases.remove(docket, remove_id)
            click.echo(f"removed alias {gone.id}: {aliases.describe(gone)}")
            warning = aliases.filed_warning(gone, aliases.filed_with(docket, gone))
            if warning:
                click.echo(f"warning: {warning}", err=True)
            return
        rows = docket.aliases()
    if not rows:
        click.echo("no aliases yet: they are learned when a review item is assigned to a case")
        return
    click.echo(aliases.to_table(rows), nl=False)


@click.group("deadlines", invoke_without_command=True)
@functools.partial(docket_option, required=False)  # a subcommand (digest) takes its own
@click.option("--within", default=None, help="Only what falls due within this time (90d, 12w, 6m).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "ics", "expiry"]),
    default="table",
    show_default=True,
    help="table, csv, ics (iCalendar) or expiry (the expiry report).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Count days from this date.")
@click.pass_context
def deadlines_cmd(
    ctx: click.Context,
    docket_path: DocketLocation | None,
    within: str | None,
    fmt: str,
    output: Path | None,
    today: dt.datetime | None,
) -> None:
    """Deadlines from the docket: RFE/NOID responses, biometrics, validity, I-94 and passport expiry.

    'docgen deadlines digest' writes the day's summary to send by mail.
    """
    if ctx.invoked_subcommand is not None:
        return
    if docket_path is None:
        raise click.UsageError("Missing option '--docket' (a docket file or postgresql:// address).")
    if output:
        inputs = [docket_path] if isinstance(docket_path, Path) else []
        check_output(output, {"csv": "csv", "ics": "ics"}.get(fmt, "text"), inputs=inputs)
        check_suffix(output, fmt, ("table", "csv", "ics", "expiry"))
    day = today.date() if today else dt.date.today()
    days = parse_within(within)
    owners: dict[str, str] = {}
    with open_docket(docket_path, create=False) as docket:
        # the table and CSV list the days still waiting in review to be confirmed too, and each case's owner; a
        # calendar only the docket's
        if fmt in ("table", "csv"):
            rows = dl.dates_due(docket, days, day)
            owners = docket.case_owners()
        else:
            rows = docket.deadlines_due(within_days=days, today=day)
    if fmt == "table":
        text = dl.to_table(rows, day, owners)
    elif fmt == "csv":
        text = dl.to_csv(rows, day, owners)
    elif fmt == "expiry":
        text = dl.expiry_report(rows, day)
    else:
        text = dl.to_ics(rows, dt.datetime.now(dt.UTC))
    for row in dl.impossible(rows):
        click.echo(f"warning: deadline {row.id} ({printable(row.case_id)}) is on {row.due}, left out", err=True)
    if output:
        write_text_atomic(output, text)
        click.echo(f"wrote {output} ({len(rows)} deadline(s))")
    else:
        click.echo(text, nl=False)


@deadlines_cmd.command("digest")
@docket_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True, help="text or html."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="The digest's day.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="New notices recorded on or after this day, local time (default: the 24 hours before the digest).",
)
def digest_cmd(
    docket_path: DocketLocation, fmt: str, output: Path | None, today: dt.datetime | None, since: dt.datetime | None
) -> None:
    """The day's summary: new notices, deadlines within 14 days, overdue ones (text or HTML, to send by mail)."""
    from docgen.mailroom.digest import build_digest, to_html, to_text

    if output:
        check_output(output, "text", inputs=[docket_path] if isinstance(docket_path, Path) else [])
        check_suffix(output, fmt, ("text", "html"))
    day = today.date() if today else dt.date.today()
    with open_docket(docket_path, create=False) as docket:
        digest = build_digest(docket, day, since.date() if since else None)
    text = to_html(digest) if fmt == "html" else to_text(digest)
    if output:
        write_text_atomic(output, text)
        click.echo(
            f"wrote {output} ({len(digest.case_missing)} need attention, {len(digest.overdue)} overdue, "
            f"{len(digest.due_soon)} due soon, {len(digest.new_notices)} new notice(s))"
        )
    else:
        click.echo(text, nl=False)


def register(cli: click.Group) -> None:
    """Add the mailroom group and the deadlines command."""
    from docgen.commands.mailroom_desk import searchable_cmd, watch_cmd

    mailroom_group.add_command(watch_cmd)
    mailroom_group.add_command(searchable_cmd)
    cli.add_command(mailroom_group)
    cli.add_command(deadlines_cmd)
