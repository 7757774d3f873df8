"""``docgen packet``: build filing and RFE response packets, preflight them for e-filing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from docgen.commands.options import forms_dir_option, maps_dir_option, samples_dir
from docgen.editions import accepting_editions, load_editions, parse_accepted
from docgen.errors import DocgenError, PacketError
from docgen.fileio import check_output
from docgen.packets import build_packet, check_file, list_profiles, load_profile
from docgen.packets.build import PacketResult
from docgen.packets.evidence import DocxConverter
from docgen.packets.profiles import megabytes

DEMO_PACKETS = (
    ("packets/h1b-filing.yaml", "ACME-2026-0142/h1b-filing.pdf"),
    ("packets/rfe-response.yaml", "ACME-2026-0142/rfe-response.pdf"),
)


@click.group("packet")
def packet_group() -> None:
    """Assemble packets (forms, letters, exhibits) into indexed, stamped PDFs; check them for e-filing."""


def describe(result: PacketResult) -> list[str]:
    """One line per file written, the manifest, then the notes."""
    lines = []
    for written in result.files:
        stamps = ""
        if written.first_stamp:
            stamps = f", {written.first_stamp}" + (
                f" to {written.last_stamp}" if written.last_stamp != written.first_stamp else ""
            )
        pages = (
            f"page {written.first_page}"
            if written.first_page == written.last_page
            else f"pages {written.first_page}-{written.last_page}"
        )
        lines.append(f"{written.path}: {pages} of {result.pages}, {megabytes(written.size)}{stamps}")
    lines.append(f"{result.manifest_path}: manifest")
    lines += [f"  note: {note}" for note in result.notes]
    return lines


def packet_inputs(spec: Path, case_file: Path | None) -> tuple[list[Path], str]:
    """Every file the spec names (case, letter data, logos, documents, notices, evidence) and the packet's name,
    for the output guard; a spec that does not load is left for the build to report."""
    from docgen.packets.spec import load_spec

    inputs = [spec, *([case_file] if case_file else [])]
    try:
        loaded = load_spec(spec)
    except DocgenError:
        return inputs, spec.stem
    written = [loaded.model.case] + [
        getattr(entry.part, name, None) for entry in loaded.parts for name in ("data", "logo", "document", "notice")
    ]
    inputs += [loaded.resolve(w) for w in written if isinstance(w, str)]
    inputs += [source.path for exhibit in loaded.exhibits for source in exhibit.sources]
    return inputs, loaded.name


@packet_group.command("build")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the packet to this PDF.")
@click.option(
    "--out-dir", type=click.Path(file_okay=False, path_type=Path), help="Write the packet (or its parts) here."
)
@click.option("--split", is_flag=True, help="Split into files under the profile's size limit (needs --out-dir).")
@click.option("--profile", default=None, help="E-filing profile (default: the spec's, else 'paper').")
@click.option("--case", "case_file", type=click.Path(path_type=Path), help="Use this case file instead of the spec's.")
@click.option(
    "--warn-only", is_flag=True, help="Report the content cross-checks' problems as notes instead of stopping."
)
@click.option(
    "--allow-dir",
    "allow_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Also read evidence from this folder (besides the spec's); repeat for more.",
)
@click.option(
    "--max-dpi",
    type=click.FloatRange(72, 1200),
    default=None,
    help="Resample scans drawn finer than this (e.g. 200) and recompress them as JPEG, for e-filing.",
)
@click.option(
    "--jpeg-quality",
    type=click.IntRange(20, 95),
    default=None,
    help="JPEG quality of recompressed scans (default 75); alone, recompresses lossless scans without resampling.",
)
@click.option(
    "--accept-edition",
    "accept_editions",
    multiple=True,
    metavar="FORM=EDITION",
    help="Fill and pack this edition even though the agency no longer accepts it (I-539=02/04/19); repeat for more.",
)
@forms_dir_option
@maps_dir_option
def build_cmd(
    spec: Path,
    output: Path | None,
    out_dir: Path | None,
    split: bool,
    profile: str | None,
    case_file: Path | None,
    warn_only: bool,
    allow_dirs: tuple[Path, ...],
    max_dpi: float | None,
    jpeg_quality: int | None,
    accept_editions: tuple[str, ...],
    forms_dir: str | None,
    maps_dir: str | None,
) -> None:
    """Build the packet described by SPEC (YAML): forms, letters, index, exhibits, stamps, bookmarks.

    Evidence is read only from the spec's folder and the --allow-dir folders.
    """
    inputs, name = packet_inputs(spec, case_file)
    targets = [output] if output is not None else []
    if out_dir is not None:
        targets += [out_dir / f"{name}.pdf", *sorted(out_dir.glob(f"{name}-part*.pdf"))]
    for target in targets:
        check_output(target, "pdf", inputs=inputs)
    manifests = [t.with_name(t.stem + ".manifest.json") for t in targets[:1]]
    manifests += [out_dir / f"{name}.manifest.json"] if out_dir is not None else []
    for manifest in manifests:
        check_output(manifest, "json", inputs=inputs)
    with accepting_editions(parse_accepted(accept_editions)):
        result = build_packet(
            spec,
            output,
            out_dir=out_dir,
            split=split,
            profile=profile,
            case=case_file,
            forms_dir=forms_dir,
            maps_dir=maps_dir,
            checks="warn" if warn_only else "error",
            allow_dirs=allow_dirs,
            max_dpi=max_dpi,
            jpeg_quality=jpeg_quality,
        )
    for line in describe(result):
        click.echo(line)


@packet_group.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", default="uscis-online", show_default=True, help="E-filing profile to check against.")
@click.option("--case", "case_file", type=click.Path(path_type=Path), help="Cross-check against this case file.")
@click.option("--warn-only", is_flag=True, help="Report cross-check problems as warnings (exit 0).")
@click.option(
    "--allow-dir",
    "allow_dirs",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="A SPEC may also read evidence from this folder (besides its own); repeat for more.",
)
def check_cmd(
    files: tuple[Path, ...], profile: str, case_file: Path | None, warn_only: bool, allow_dirs: tuple[Path, ...]
) -> None:
    """Preflight FILES for e-filing (size, type, page sizes, encryption, scripts, attachments, fonts);
    cross-check a packet SPEC (.yaml): its notices against the case, the RFE's requests against the
    response letter, the enclosures letters claim, the documents the case type needs."""
    from docgen.packets.build import part_title
    from docgen.packets.confine import Folders, confine
    from docgen.packets.crosscheck import cross_check
    from docgen.packets.spec import load_spec

    chosen = load_profile(profile)
    failed = 0
    for path in files:
        if path.suffix.lower() in (".yaml", ".yml"):
            spec = load_spec(path)
            spec = confine(spec, Folders.of(spec, allow_dirs), part_title)  # as a build would read it
            crossed = cross_check(spec, case_path=case_file, as_warnings=warn_only)
            click.echo(f"{path}: cross-checks")
            for line in crossed.lines():
                click.echo(f"  {line}")
            failed += not crossed.ok
            continue
        report = check_file(path, chosen)
        for line in report.lines():
            click.echo(line)
        failed += not report.ok
    if failed:
        raise PacketError(f"{failed} of {len(files)} file(s) fail profile {chosen.name} or the cross-checks; see above")


@packet_group.command("profiles")
def profiles_cmd() -> None:
    """List the e-filing profiles: file types, size limit (with its source and date), page size."""
    for path in list_profiles():
        profile = load_profile(path)
        limit = profile.size_limit.describe() if profile.size_limit else "no size limit"
        click.echo(f"{profile.name}: {profile.title}")
        click.echo(f"  types {', '.join(profile.file_types)}; {profile.page_size.name} pages; {limit}")


@packet_group.command("editions")
@maps_dir_option
def editions_cmd(maps_dir: str | None) -> None:
    """List the editions of each form the agency accepts (as checked, with the source and the day)."""
    today = dt.date.today()
    for form, editions in sorted(load_editions(maps_dir).forms.items()):
        for edition, entry in sorted(editions.items()):
            click.echo(f"{form}  {edition}  {entry.status(today)}  (checked {entry.checked}; {entry.page})")
            click.echo(f"    source: {entry.source}" + (f" [{entry.origin}]" if entry.origin != "bundled" else ""))
            if entry.note:
                click.echo(f"    {entry.note}")


def run_packet_demo(out_dir: Path, converter: DocxConverter | None = None, samples: Path | None = None) -> int:
    """Build the sample filing and RFE response packets into ``out_dir``; print a line each; return failures."""
    failures = 0
    root = samples_dir(samples)
    from docgen.letters.convert import LazyConverter

    with LazyConverter(converter) as office:  # one LibreOffice for both packets, started if a letter needs it
        for spec, target in DEMO_PACKETS:
            try:
                result = build_packet(root / spec, out_dir / target, converter=office)
            except DocgenError as exc:
                failures += 1
                click.echo(f"  FAILED {target}: {exc}", err=True)
                continue
            written = result.files[0]
            click.echo(
                f"  packet {written.path} ({result.pages} pages, {len(result.manifest['sections'])} sections, "
                f"{megabytes(written.size)}; manifest {result.manifest_path.name})"
            )
    return failures


def register(cli: click.Group) -> None:
    """Add the packet commands."""
    from docgen.commands.receipts import filed_cmd

    packet_group.add_command(filed_cmd)
    cli.add_command(packet_group)
