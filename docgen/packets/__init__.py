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

from docgen.packets.build import OutputFile, PacketResult, build_packet
from docgen.packets.evidence import DocxConverter
from docgen.packets.profiles import Profile, Report, check_file, list_profiles, load_profile
from docgen.packets.spec import PacketSpec, load_spec

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
