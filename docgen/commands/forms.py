"""``docgen forms ...`` and ``docgen map ...``: tools to know forms and build maps."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docgen.bundled import bundled_dir
from docgen.commands.options import check_suffix, echo, forms_dir_option, maps_dir_option
from docgen.errors import DocgenError
from docgen.fileio import check_output, write_text_atomic
from docgen.forms.fieldmap import coverage, load_map
from docgen.forms.pdf import FormField, load_form
from docgen.forms.registry import blank_path, fetch_form, list_maps
from docgen.forms.scaffold import scaffold_map


def field_record(target: FormField) -> dict[str, object]:
    """A JSON-ready description of one field."""
    return {
        "name": target.name,
        "kind": target.kind,
        "tooltip": target.tooltip,
        "page": target.page,
        "max_len": target.max_len,
        "comb": target.comb,
        "multiline": target.multiline,
        "on_states": target.on_states,
        "options": [export for export, _ in target.options],
        "default": target.default_value if target.is_barcode else None,
    }


@click.group("forms")
def forms_group() -> None:
    """Look at blank forms: inspect fields, list known maps, fetch blanks."""


@forms_group.command("inspect")
@click.argument("pdf", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def inspect_cmd(pdf: Path, as_json: bool) -> None:
    """Every field of PDF: full name, kind, page, limits, on-states, tooltip."""
    form = load_form(pdf)
    records = [field_record(f) for f in form.fields.values()]
    if as_json:
        echo(
            json.dumps(
                {
                    "file": pdf.name,
                    "form": form.form_id,
                    "edition": form.edition,
                    "fingerprint": form.fingerprint(),
                    "xfa": form.has_xfa,
                    "fields": records,
                },
                indent=2,
            )
        )
        return
    echo(
        f"{pdf.name}: {form.form_id or '?'} edition {form.edition or '?'}, {len(records)} fields, "
        f"fingerprint {form.fingerprint()}{', XFA layer present' if form.has_xfa else ''}"
    )
    for r in records:
        extra = []
        if r["max_len"]:
            extra.append(f"max {r['max_len']}{' comb' if r['comb'] else ''}")
        if r["multiline"]:
            extra.append("multi-line")
        if r["on_states"]:
            extra.append("on " + "/".join(repr(s) for s in r["on_states"]))  # type: ignore[attr-defined]
        if r["options"]:
            extra.append(f"{len(r['options'])} options")  # type: ignore[arg-type]
        echo(f"p{r['page']} {r['kind']:<9} {r['name']}  [{'; '.join(extra)}]")
        if r["tooltip"]:
            echo(f"    {str(r['tooltip'])[:150]}")


@forms_group.command("list")
@forms_dir_option
@maps_dir_option
def list_cmd(forms_dir: str | None, maps_dir: str | None) -> None:
    """Known maps and editions, and whether each blank PDF is available."""
    for entry in list_maps(maps_dir):
        try:
            path = blank_path(entry, forms_dir)
            status = f"blank: {path}"
        except DocgenError:
            status = f"blank {entry.blank}: MISSING (docgen forms fetch {entry.form})"
        source = "" if entry.path.parent == bundled_dir("form_maps") else f" (from {entry.path.parent})"
        echo(f"{entry.form:<9} edition {entry.edition:<10} {entry.path.name:<28} {status}{source}")


@forms_group.command("fetch")
@click.argument("form")
@forms_dir_option
def fetch_cmd(form: str, forms_dir: str | None) -> None:
    """Download the current blank FORM from uscis.gov into the forms folder."""
    path = fetch_form(form, forms_dir)
    echo(f"saved {path}")


@click.group("map")
def map_group() -> None:
    """Build and check field maps."""


@map_group.command("scaffold")
@click.argument("pdf", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the draft here (default: print).")
def scaffold_cmd(pdf: Path, output: Path | None) -> None:
    """A draft map for PDF in the form's order, with suggested case paths to review."""
    if output:
        check_output(output, "map", inputs=[pdf])
        check_suffix(output, "yaml", ("yaml",), flag="map scaffold")  # a map is found by its .yaml name
    form = load_form(pdf)
    text = scaffold_map(form, pdf.name)
    form.pdf.close()
    if output:
        write_text_atomic(output, text)
        echo(f"wrote {output}")
    else:
        echo(text, nl=False)


@map_group.command("check")
@click.argument("map_file", type=click.Path(path_type=Path))
@forms_dir_option
@click.option("--show-unmapped", is_flag=True, help="List the data fields the map does not fill.")
def check_cmd(map_file: Path, forms_dir: str | None, show_unmapped: bool) -> None:
    """Validate MAP against its blank form and the case model; print coverage."""
    from docgen.forms.items import describe_field
    from docgen.forms.registry import find_map

    entry = find_map(str(map_file))
    blank = blank_path(entry, forms_dir)
    fmap = load_map(map_file, blank)
    form = load_form(blank)
    cov = coverage(fmap, form)
    labels = {name: describe_field(None, form.fields[name]) for name in cov.unmapped}
    form.pdf.close()
    excluded = ", ".join(f"{n} {k}" for k, n in sorted(cov.excluded.items()))
    echo(
        f"{map_file.name}: OK, {fmap.form} edition {fmap.edition}: fills {cov.mapped} of "
        f"{cov.data_fields} data fields ({cov.ratio:.1%}); not counted: {excluded or 'none'}"
    )
    if show_unmapped:
        for name in cov.unmapped:
            echo(f"  unmapped: {name}  [{labels[name]}]")


def register(cli: click.Group) -> None:
    """Add the forms and map groups."""
    cli.add_command(forms_group)
    cli.add_command(map_group)
