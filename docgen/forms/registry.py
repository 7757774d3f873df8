"""Where blank forms and maps live, and how a form name finds its map.

Blank PDFs come from a forms directory: ``--forms-dir``, else the
``DOCGEN_FORMS_DIR`` environment variable, else ``./forms``, else the user's
data folder (where ``docgen forms fetch`` saves). Maps are the bundled ones
(``docgen/data/form_maps``) with the user's folder (``--maps-dir``, else
``DOCGEN_MAPS_DIR``) layered over them: a map there adds a form or edition, or
replaces the bundled map of the same file name or the same form and edition.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from docgen.bundled import describe, layered_dirs
from docgen.errors import FormError, MapError
from docgen.fileio import check_output, write_bytes_atomic
from docgen.forms.fieldmap import read_map_head, read_map_header

USCIS_FORM_URL = "https://www.uscis.gov/sites/default/files/document/forms/{slug}.pdf"


def user_forms_dir() -> Path:
    """The per-user folder where fetched blank forms are kept."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "docgen" / "forms"


def forms_dir(explicit: Path | str | None = None) -> Path:
    """The folder blank PDFs are read from."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("DOCGEN_FORMS_DIR")
    if env:
        return Path(env)
    local = Path("forms")
    if local.is_dir():
        return local
    return user_forms_dir()


def maps_dirs(explicit: Path | str | None = None) -> list[Path]:
    """The folders maps are read from, first match winning: the user's (option or $DOCGEN_MAPS_DIR), the bundled."""
    return layered_dirs(explicit, "DOCGEN_MAPS_DIR", "form_maps", MapError)


@dataclass
class MapEntry:
    """A map on disk and what its header says."""

    path: Path
    form: str
    edition: str
    blank: str
    title: str


def normalise_form_id(name: str) -> str:
    """``i765``, ``I-765`` and ``i-765`` all become ``I-765``."""
    text = name.strip().upper().replace("_", "-")
    match = re.fullmatch(r"([A-Z]+)-?(\d+[A-Z]?)", text)
    return f"{match.group(1)}-{match.group(2)}" if match else text


def list_maps(maps: Path | str | None = None) -> list[MapEntry]:
    """Every map over the layered folders, sorted by file name (headers cached while files are unchanged).

    A user's map shadows the bundled map of the same file name, or of the same
    form and edition.
    """
    stamp = tuple(
        (str(p.resolve()), p.stat().st_mtime_ns) for folder in maps_dirs(maps) for p in sorted(folder.glob("*.yaml"))
    )
    return list(_list_maps_cached(stamp))


@functools.lru_cache(maxsize=8)
def _list_maps_cached(stamp: tuple[tuple[str, int], ...]) -> tuple[MapEntry, ...]:
    entries: dict[str, MapEntry] = {}
    seen: set[tuple[str, str]] = set()
    for name, _ in stamp:
        path = Path(name)
        if path.name in entries:
            continue
        header = read_map_head(path)
        entry = MapEntry(
            path,
            str(header.get("form", "")),
            str(header.get("edition", "")),
            str(header.get("blank", "")),
            str(header.get("title", "")),
        )
        edition = (normalise_form_id(entry.form), entry.edition)
        if edition in seen:
            continue
        seen.add(edition)
        entries[path.name] = entry
    return tuple(entries[name] for name in sorted(entries))


def find_map(form: str, maps: Path | str | None = None, edition: str | None = None) -> MapEntry:
    """The map for a form id (newest edition unless one is named) or a path to a map file."""
    candidate = Path(form)
    if candidate.suffix in (".yaml", ".yml") and not candidate.exists():
        raise MapError(f"{candidate}: no such map file; check the path, or give a form id such as I-765")
    if candidate.suffix in (".yaml", ".yml"):
        header = read_map_header(candidate)
        return MapEntry(
            candidate,
            str(header.get("form")),
            str(header.get("edition")),
            str(header.get("blank")),
            str(header.get("title", "")),
        )
    wanted = normalise_form_id(form)
    entries = [e for e in list_maps(maps) if normalise_form_id(e.form) == wanted]
    if edition:
        entries = [e for e in entries if e.edition == edition]
    if not entries:
        known = ", ".join(sorted({e.form for e in list_maps(maps)}))
        what = f"{wanted} edition {edition}" if edition else wanted
        raise MapError(
            f"no map for {what} in {describe(maps_dirs(maps))} (maps exist for: {known}); "
            "build one with 'docgen map scaffold BLANK.pdf'"
        )
    return sorted(entries, key=lambda e: (edition_date(e.edition) or dt.date.min, e.edition))[-1]


def edition_date(edition: str) -> dt.date | None:
    """The date of an edition written mm/dd/yy (USCIS) or mm/dd/yyyy (DOL); None when it is not a date."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\s*", edition)
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups())
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def blank_path(entry: MapEntry, forms: Path | str | None = None) -> Path:
    """The blank PDF a map is for; a clear error when it is not there."""
    path = forms_dir(forms) / entry.blank
    if not path.exists():
        raise FormError(
            f"{entry.form}: blank form {entry.blank} not found in {path.parent}; set --forms-dir or "
            f"DOCGEN_FORMS_DIR, or run 'docgen forms fetch {entry.form}'"
        )
    return path


def fetch_form(form: str, target_dir: Path | str | None = None, timeout: float = 30.0) -> Path:
    """Download the current blank PDF of a USCIS form from uscis.gov."""
    import urllib.error  # only this command goes online
    import urllib.request

    slug = normalise_form_id(form).lower()
    url = USCIS_FORM_URL.format(slug=slug)
    folder = Path(target_dir) if target_dir else user_forms_dir()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FormError(
            f"{normalise_form_id(form)}: could not download {url} ({reason}); check the internet "
            "connection, or download the PDF by hand and put it in the forms directory"
        ) from None
    if not data.startswith(b"%PDF-"):
        raise FormError(f"{normalise_form_id(form)}: {url} did not return a PDF; download it by hand")
    path = check_output(folder / f"{slug}.pdf", "pdf")
    write_bytes_atomic(path, data)
    return path
