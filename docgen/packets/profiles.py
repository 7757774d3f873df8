"""E-filing profiles (data in ``docgen/data/efiling/``) and the preflight check.

A profile says which file types a portal accepts, the size limit per file
(with its source and the date it was checked) and the page size. The check
reports a PDF's size, page sizes, encryption, JavaScript, other actions
(Launch, SubmitForm, GoToR, URI... wherever they hang, through ``/Next``
chains), embedded files and fonts that are not embedded; the profile says which findings stop a filing
(``forbid``) and which are warnings (``warn``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pikepdf
from pydantic import BaseModel, ConfigDict, Field

from docgen.bundled import bundled_dir
from docgen.errors import DamagedFileError, LockedFileError, PacketError, UnreadableFileError
from docgen.packets.spec import key_lines, validate
from docgen.pdf.active import find_active, items, name_text
from docgen.pdf.detect import detect
from docgen.pdf.files import NotAFileError, read_head
from docgen.pdf.open import open_pdf
from docgen.yamlio import load_yaml_text

FILE_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "tiff": "image/tiff", "png": "image/png"}
Check = Literal["encryption", "javascript", "actions", "embedded_files", "fonts_not_embedded"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SizeLimit(_Model):
    """A size limit per file, with where it comes from."""

    bytes: int = Field(gt=0)
    stated: str
    source: str
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    note: str | None = None

    def describe(self) -> str:
        """``12.0 MB (no larger than 12 MB per file; <source>, as of 2026-11-23)``."""
        return f"{megabytes(self.bytes)} ({self.stated}; {self.source}, as of {self.as_of})"


class PageSize(_Model):
    """The page size a portal or the mailroom expects (points), either orientation."""

    name: str
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    tolerance: float = Field(default=3.0, ge=0)

    @property
    def points(self) -> tuple[float, float]:
        """Portrait width and height in points."""
        return (min(self.width, self.height), max(self.width, self.height))

    def fits(self, width: float, height: float) -> bool:
        """Whether a page of this size matches, portrait or landscape."""
        short, long = sorted((width, height))
        return abs(short - self.points[0]) <= self.tolerance and abs(long - self.points[1]) <= self.tolerance


class Profile(_Model):
    """An e-filing profile."""

    name: str
    title: str
    file_types: list[Literal["pdf", "jpeg", "tiff", "png"]]
    size_limit: SizeLimit | None
    page_size: PageSize
    forbid: list[Check] = Field(default_factory=list)
    warn: list[Check] = Field(default_factory=list)
    online: bool = Field(default=False, description="uploaded online: paper-only parts (G-1145, fee) are warned of")

    @property
    def mime_types(self) -> set[str]:
        """The MIME types the profile accepts."""
        return {FILE_TYPES[t] for t in self.file_types}


def megabytes(size: int) -> str:
    """``12.3 MB`` (decimal megabytes)."""
    return f"{size / 1_000_000:.1f} MB"


def file_size(size: int) -> str:
    """``812 kB`` under a megabyte, else ``4.2 MB`` (decimal units)."""
    return f"{size / 1000:.0f} kB" if size < 1_000_000 else megabytes(size)


def list_profiles() -> list[Path]:
    """The bundled profile files."""
    return sorted(bundled_dir("efiling").glob("*.yaml"))


def load_profile(name: str | Path) -> Profile:
    """A profile by name (``uscis-online``) or by the path of a profile file."""
    path = Path(name)
    if not path.is_file():
        path = bundled_dir("efiling") / f"{name}.yaml"
    if not path.is_file():
        known = [p.stem for p in list_profiles()]
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise PacketError(f"no e-filing profile {str(name)!r}; {hint}known: {', '.join(known)}")
    text = path.read_text(encoding="utf-8")
    profile = validate(Profile, load_yaml_text(text, str(path), PacketError), path, key_lines(text))
    assert isinstance(profile, Profile)
    return profile


@dataclass(frozen=True)
class Finding:
    """One line of a preflight report."""

    check: str
    status: Literal["ok", "warning", "error"]
    detail: str


@dataclass
class Report:
    """What the preflight found in one file."""

    path: Path
    profile: Profile
    size: int
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing the profile forbids was found."""
        return not self.errors

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop a filing."""
        return [f for f in self.findings if f.status == "error"]

    def lines(self) -> list[str]:
        """The report as text lines."""
        head = f"{self.path}: profile {self.profile.name} ({self.profile.title})"
        body = [f"  {f.status:<7} {f.check:<15} {f.detail}" for f in self.findings]
        verdict = "passes" if self.ok else f"FAILS ({len(self.errors)} problem(s))"
        return [head, *body, f"  {verdict}"]


def page_ranges(numbers: list[int]) -> str:
    """``1-3, 7, 9-10`` for a sorted list of page numbers."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _status(profile: Profile, check: Check, found: bool) -> Literal["ok", "warning", "error"]:
    if not found:
        return "ok"
    if check in profile.forbid:
        return "error"
    return "warning"


def _font_embedded(font: pikepdf.Object) -> bool:
    subtype = font.get("/Subtype")
    if subtype == pikepdf.Name.Type3:
        return True
    if subtype == pikepdf.Name.Type0:
        descendants = font.get("/DescendantFonts")
        return isinstance(descendants, pikepdf.Array) and len(descendants) > 0 and _font_embedded(descendants[0])
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _resource_fonts(resources: object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Object]:
    """Every font reachable from a resources dictionary, through form XObjects too."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    if resources.is_indirect:
        if resources.objgen in seen:
            return
        seen.add(resources.objgen)
    fonts = resources.get("/Font")
    if isinstance(fonts, pikepdf.Dictionary):
        yield from (f for f in fonts.values() if isinstance(f, pikepdf.Dictionary))
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for xobject in xobjects.values():
            if not isinstance(xobject, pikepdf.Stream) or xobject.get("/Subtype") != pikepdf.Name.Form:
                continue
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            yield from _resource_fonts(xobject.get("/Resources"), seen)


def _appearance_streams(annotation: object) -> Iterator[pikepdf.Object]:
    if not isinstance(annotation, pikepdf.Dictionary):
        return
    appearances = annotation.get("/AP")
    if not isinstance(appearances, pikepdf.Dictionary):
        return
    for entry in appearances.values():
        if isinstance(entry, pikepdf.Stream):
            yield entry
        elif isinstance(entry, pikepdf.Dictionary):
            yield from (s for s in entry.values() if isinstance(s, pikepdf.Stream))


def fonts_not_embedded(pdf: pikepdf.Pdf) -> dict[str, list[int]]:
    """Font name -> the pages that use it, for every font that is not embedded."""
    missing: dict[str, list[int]] = {}
    checked: dict[tuple[int, int], bool] = {}
    for number, page in enumerate(pdf.pages, 1):
        seen: set[tuple[int, int]] = set()
        fonts = list(_resource_fonts(page.obj.get("/Resources"), seen))
        for annotation in items(page.obj.get("/Annots")):
            for stream in _appearance_streams(annotation):
                fonts += list(_resource_fonts(stream.get("/Resources"), seen))
        for font in fonts:
            key = font.objgen if font.is_indirect else (id(font), -1)
            if key not in checked:
                checked[key] = _font_embedded(font)
            if not checked[key]:
                name = (name_text(font.get("/BaseFont")) or "/unnamed")[1:]
                pages = missing.setdefault(name, [])
                if not pages or pages[-1] != number:
                    pages.append(number)
    return missing


def _page_sizes(pdf: pikepdf.Pdf, size: PageSize) -> Finding:
    odd: dict[tuple[float, float], list[int]] = {}
    for number, page in enumerate(pdf.pages, 1):
        box = page.cropbox
        width, height = abs(float(box[2]) - float(box[0])), abs(float(box[3]) - float(box[1]))
        if not size.fits(width, height):
            odd.setdefault((round(width / 72, 2), round(height / 72, 2)), []).append(number)
    if not odd:
        return Finding("page size", "ok", f"all {len(pdf.pages)} pages {size.name}")
    detail = "; ".join(f"{w} x {h} in on pages {page_ranges(pages)}" for (w, h), pages in odd.items())
    return Finding("page size", "error", f"not {size.name}: {detail}")


def _pdf_findings(pdf: pikepdf.Pdf, profile: Profile) -> list[Finding]:
    findings = [_page_sizes(pdf, profile.page_size)]
    encrypted = pdf.is_encrypted
    findings.append(
        Finding(
            "encryption",
            _status(profile, "encryption", encrypted),
            "encrypted (owner password: printing or copying may be restricted)" if encrypted else "none",
        )
    )
    active = find_active(pdf)
    scripts = active.scripts
    findings.append(Finding("javascript", _status(profile, "javascript", bool(scripts)), ", ".join(scripts) or "none"))
    actions = "; ".join(f"{kind} ({', '.join(places)})" for kind, places in active.other_actions.items())
    findings.append(Finding("actions", _status(profile, "actions", bool(actions)), actions or "none"))
    attached = active.attached
    where = ", ".join(active.attachments)
    findings.append(
        Finding(
            "embedded files",
            _status(profile, "embedded_files", attached > 0),
            f"{attached} attached ({where})" if attached else "none",
        )
    )
    missing = fonts_not_embedded(pdf)
    detail = "; ".join(f"{name} (pages {page_ranges(pages)})" for name, pages in sorted(missing.items())[:8])
    if len(missing) > 8:
        detail += f"; and {len(missing) - 8} more"
    findings.append(
        Finding(
            "fonts",
            _status(profile, "fonts_not_embedded", bool(missing)),
            f"{len(missing)} not embedded: {detail}" if missing else "all embedded",
        )
    )
    return findings


def check_file(path: Path | str, profile: Profile | str) -> Report:
    """Preflight one file against an e-filing profile."""
    path = Path(path)
    profile = load_profile(profile) if isinstance(profile, str) else profile
    try:
        size = path.stat().st_size
        head = read_head(path, 262144)
    except FileNotFoundError:
        raise PacketError(f"{path}: no such file; check the path") from None
    except NotAFileError as exc:
        raise UnreadableFileError(f"{path}: {exc.strerror}; give the PDF file itself", path=path) from None
    except OSError as exc:
        raise PacketError(f"{path}: cannot read ({exc.strerror})") from None
    report = Report(path, profile, size)
    limit = profile.size_limit
    if limit is None:
        report.findings.append(Finding("size", "ok", f"{megabytes(size)}; no limit"))
    else:
        status: Literal["ok", "error"] = "ok" if size <= limit.bytes else "error"
        report.findings.append(Finding("size", status, f"{megabytes(size)}; limit {limit.describe()}"))
    mime = detect(head)
    allowed = mime in profile.mime_types
    report.findings.append(
        Finding(
            "file type",
            "ok" if allowed else "error",
            f"{mime}" + ("" if allowed else f"; allowed: {', '.join(profile.file_types)}"),
        )
    )
    if mime != "application/pdf":
        return report
    try:
        with open_pdf(path, lambda message, kind: (kind or PacketError)(message, path=path)) as pdf:
            report.pages = len(pdf.pages)
            report.findings += _pdf_findings(pdf, profile)
    except LockedFileError as exc:  # a finding of the report, not an error of the run
        report.findings.append(Finding("encryption", "error", exc.message))
    except (DamagedFileError, PacketError) as exc:
        report.findings.append(Finding("file type", "error", exc.message))
    return report
