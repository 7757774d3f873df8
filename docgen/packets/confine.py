"""Evidence stays inside the folders a packet may read.

A packet reads its evidence from the spec's folder, and from folders the
user names (``--allow-dir``). Every evidence path is resolved (symbolic
links followed, ``..`` folded) before anything is read, and a file that lands
outside those folders stops the build: a link dropped into an evidence folder
must never pull another client's file into this client's packet under the
link's name. Links that stay inside the folders are fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from docgen.errors import UsageError
from docgen.packets.evidence import Context
from docgen.packets.spec import DocumentPart, ExhibitEntry, NoticePart, PacketSpec, PartEntry


@dataclass(frozen=True)
class Folders:
    """The folders (resolved) a packet may read evidence from: the spec's, then the ones the user named."""

    allowed: tuple[Path, ...]

    @classmethod
    def of(cls, spec: PacketSpec, extra: Iterable[Path | str] = ()) -> Folders:
        """The spec's folder and ``extra`` (each must be an existing folder)."""
        folders = [spec.folder.resolve()]
        for given in extra:
            folder = Path(given).expanduser()
            if not folder.is_dir():
                raise UsageError(f"--allow-dir {given}: no such folder; name a folder that holds evidence")
            folders.append(folder.resolve())
        return cls(tuple(dict.fromkeys(folders)))

    def check(self, path: Path, context: Context) -> Path:
        """The real path of ``path``, or a PacketError when it lies outside every allowed folder."""
        try:
            real = path.resolve()
        except (RuntimeError, OSError):  # a loop of links (a -> b -> a)
            raise context.error("is a loop of symbolic links; give the file itself") from None
        if any(real.is_relative_to(folder) for folder in self.allowed):
            return real
        raise context.error(
            f"leads to {real}, outside the folders this packet may read ({', '.join(map(str, self.allowed))}); "
            "copy the file into the spec's folder, or name its folder with --allow-dir"
        )


def part_context(spec: PacketSpec, entry: PartEntry, title: str) -> Context:
    """How to name a document or notice part in an error."""
    part = entry.part
    assert isinstance(part, DocumentPart | NoticePart)
    written = part.document if isinstance(part, DocumentPart) else part.notice
    return Context(spec.where(("parts", entry.position)), f"part {title!r}", written)


def exhibit_context(spec: PacketSpec, entry: ExhibitEntry, line: int | None, written: str) -> Context:
    """How to name one file of an exhibit in an error."""
    where = f"{spec.path}:{line}" if line else spec.where(("exhibits",))
    return Context(where, f"exhibit {entry.label} {entry.exhibit.title!r}", written)


def confine(spec: PacketSpec, folders: Folders, part_title: Callable[[PartEntry], str]) -> PacketSpec:
    """Check every evidence path of ``spec`` before anything is read; the spec with exhibit files resolved.

    ``part_title`` gives a document or notice part's title for the messages.
    """
    for part in spec.parts:
        if isinstance(part.part, DocumentPart | NoticePart):
            context = part_context(spec, part, part_title(part))
            folders.check(spec.resolve(context.written), context)
    exhibits = []
    for entry in spec.exhibits:
        sources = tuple(
            replace(source, path=folders.check(source.path, exhibit_context(spec, entry, source.line, source.written)))
            for source in entry.sources
        )
        exhibits.append(replace(entry, sources=sources))
    return replace(spec, exhibits=tuple(exhibits))
