"""``docgen mailroom watch`` and ``docgen mailroom searchable``: the scan folder and searchable copies."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from docgen.commands.options import DocketLocation, cases_folder_option, docket_option, new_docket_option
from docgen.mailroom.docket import open_docket
from docgen.mailroom.ingest import IngestReport, check_rooms, ingest_inbox, read_notice_file
from docgen.mailroom.reader import Reader
from docgen.mailroom.searchable import make_searchable_copies, missing_copies
from docgen.mailroom.text import printable


def echo_progress(what: str, text: str) -> None:
    """One line per notice as the ingest does it: filed, review (stdout) or failed (stderr)."""
    if what == "failed":
        click.echo(f"failed  {text} (left in the inbox)", err=True)
    else:
        click.echo(f"{what:<7} {text}")


def echo_report(report: IngestReport, searchable: bool) -> None:
    """After an ingest pass (its notices were listed as they were done): warnings, then searchable copies."""
    for problem in report.problems:
        click.echo(f"warning: {printable(problem)}", err=True)
    if searchable and report.filed:
        copies = make_searchable_copies([Path(p) for p in report.filed])
        for made in copies.made:
            click.echo(f"text    {made}")
        for problem in copies.problems:
            click.echo(f"warning: {problem}", err=True)


@click.command("watch")
@click.argument("inbox", type=click.Path(file_okay=False, path_type=Path))
@docket_option
@cases_folder_option
@click.option("--review-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option(
    "--settle",
    type=click.FloatRange(0.1, 3600),
    default=2.0,
    show_default=True,
    help="Seconds a file must stay unchanged before it is read.",
)
@click.option(
    "--poll",
    type=click.FloatRange(0.1, 3600),
    default=5.0,
    show_default=True,
    help="Look at the folder at least this often (for shares without file events).",
)
@click.option(
    "--searchable/--no-searchable",
    default=True,
    show_default=True,
    help="Write a searchable (OCR text layer) copy beside each filed scan.",
)
@new_docket_option
def watch_cmd(
    inbox: Path,
    docket_path: DocketLocation,
    cases_dir: Path,
    review_dir: Path | None,
    settle: float,
    poll: float,
    searchable: bool,
    new_docket: bool,
) -> None:
    """Watch INBOX and ingest each scan once it is completely written (Ctrl-C stops)."""
    from docgen.mailroom.watch import watch

    check_rooms(inbox, docket_path, cases_dir, review_dir, new_docket)
    with open_docket(docket_path):
        pass  # a damaged docket stops the watcher now, not at the first scan
    stop = threading.Event()
    shown: set[tuple[str, str]] = set()

    def note_skipped(entries: list[tuple[str, str]]) -> None:
        for name, reason in entries:
            if (name, reason) not in shown:
                shown.add((name, reason))
                click.echo(f"skipped {name}: {reason}", err=True)

    def _stop(signum: int, frame: object) -> None:
        stop.set()

    reader = Reader(read_notice_file)  # one worker process reads the scans, kept while the watcher runs

    def ingest_files(files: list[Path]) -> IngestReport:
        report = ingest_inbox(
            inbox, docket_path, cases_dir, review_dir, files=files, progress=echo_progress, reader=reader
        )
        note_skipped(report.skipped)
        echo_report(report, searchable)
        return report

    click.echo(f"watching {inbox} (a file is read once unchanged for {settle:g} s); Ctrl-C stops")
    before = {number: signal.signal(number, _stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        with reader:
            watch(inbox, ingest_files, stop, settle=settle, poll=poll, on_skipped=note_skipped)
    finally:  # called from Python (a test, a service), Ctrl-C means what it meant before
        for number, handler in before.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
    click.echo("stopped")


@click.command("searchable")
@cases_folder_option
def searchable_cmd(cases_dir: Path) -> None:
    """Write the searchable copies still missing for notices filed under CASES/*/notices/."""
    report = make_searchable_copies(missing_copies(cases_dir))
    for made in report.made:
        click.echo(f"text    {made}")
    for problem in report.problems:
        click.echo(f"warning: {problem}", err=True)
    click.echo(f"{len(report.made)} searchable cop(ies) written")
