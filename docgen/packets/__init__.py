"""Packets: filing and RFE response packets as one indexed, stamped, e-filing-ready PDF.

The Python API mirrors ``docgen packet``::

    from docgen.packets import build_packet, check_file, load_spec

    result = build_packet("samples/packets/rfe-response.yaml", "out/rfe.pdf")
    result.files          # the PDF(s) written, with SHA-256, pages and stamp ranges
    result.manifest       # what the manifest JSON beside them says
    result.notes          # what the reader should know (pages resized, files by content...)
    build_packet(spec, out_dir="out/", split=True, profile="uscis-online")   # parts under 12 MB
    report = check_file("out/rfe.pdf", "uscis-online")                       # preflight
    report.ok, report.lines()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.packets.build import OutputFile, PacketResult, build_packet
    from docgen.packets.evidence import DocxConverter
    from docgen.packets.profiles import Profile, Report, check_file, list_profiles, load_profile
    from docgen.packets.spec import PacketSpec, load_spec

# Name -> the module that defines it, imported on first use: a process that needs one helper of the package (the
# mailroom's HEIC check in docgen.packets.images) does not load the builder, LibreOffice, reportlab and numpy.
_EXPORTS = {
    "OutputFile": "docgen.packets.build",
    "PacketResult": "docgen.packets.build",
    "build_packet": "docgen.packets.build",
    "DocxConverter": "docgen.packets.evidence",
    "Profile": "docgen.packets.profiles",
    "Report": "docgen.packets.profiles",
    "check_file": "docgen.packets.profiles",
    "list_profiles": "docgen.packets.profiles",
    "load_profile": "docgen.packets.profiles",
    "PacketSpec": "docgen.packets.spec",
    "load_spec": "docgen.packets.spec",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DocxConverter",
    "OutputFile",
    "PacketResult",
    "PacketSpec",
    "Profile",
    "Report",
    "build_packet",
    "check_file",
    "list_profiles",
    "load_profile",
    "load_spec",
]
