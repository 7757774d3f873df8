"""Fuzz the PDF layer and the packet spec reader: any input gives a result or a one-line DocgenError.

Run: ``.venv/bin/python -m bench.fuzz_pdf [--examples 2000] [--seed N]``

Inputs are generated (hypothesis): PDFs made from a small hostile seed (every
kind of action and attachment, see ``tests/test_hostile_packets.py``) with
bytes flipped, cut, repeated or replaced by PDF tokens, then built into a
packet as evidence (opened through :mod:`docgen.pdf.open`, stripped of active
content, assembled, written; the packet must hold no action or attachment)
and preflighted (``packet check``); packet specs
made from the sample's keys and values with random edits, then loaded. A
traceback (any exception that is not a :class:`~docgen.errors.DocgenError`)
or active content surviving the strip is a finding: the failing input is
printed, shrunk by hypothesis, and saved as ``$TMPDIR/docgen-fuzz-failure.pdf``.
``tests/test_hostile_packets.py`` runs a few dozen examples of each; run it
longer here. Found and fixed with it: non-array ``/Fields`` and ``/Annots``,
direct field dictionaries, names that are not UTF-8, qpdf runtime errors on
open, a spec alias that contains itself.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import tempfile
import time
import warnings
from pathlib import Path

import pikepdf
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from docgen.errors import DocgenError, PacketError
from docgen.packets.build import build_packet
from docgen.packets.profiles import check_file
from docgen.packets.spec import load_spec
from docgen.pdf.active import find_active

FAILURE = Path(tempfile.gettempdir()) / "docgen-fuzz-failure.pdf"
TOKENS = [
    b"/A ",
    b"/AA ",
    b"/Next ",
    b"/S /JavaScript",
    b"/JS (x)",
    b"/Launch",
    b"/OpenAction",
    b"/#41A",
    b"<<",
    b">>",
    b"[",
    b"]",
    b" 0 R",
    b"obj",
    b"endobj",
    b"stream\n",
    b"/Kids [",
    b"/Count 999999999",
    b"/MediaBox [0 0 1e30 1e30]",
    b"\x00",
]


def seed_pdf() -> bytes:
    """The hostile seed, uncompressed so mutations hit its dictionaries."""
    from tests.test_hostile_packets import hostile_pdf

    buffer = io.BytesIO()
    hostile_pdf().save(buffer, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return buffer.getvalue()


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` with a few random edits: flipped bytes, a cut, a repeat, a PDF token put in."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "token", "delete"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "repeat":
            size = draw(st.integers(1, 200))
            data[at:at] = data[at : at + size] * draw(st.integers(1, 5))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        else:
            del data[at : at + draw(st.integers(1, 50))]
    return bytes(data)


SPEC = (
    "kind: filing\nindex: false\ndividers: false\nstamp: {style: none}\n"
    "exhibits:\n  - title: Fuzz\n    files: [probe.pdf]\n"
)


def probe_pdf(data: bytes, folder: Path) -> str:
    """Build a packet with one PDF as evidence and preflight the PDF; return what happened (raises on a finding).

    The build must write a packet holding no action or attachment, or stop
    with a one-line error; ``packet check`` must report on the file or refuse
    it in one line. Anything else (a traceback) is a finding.
    """
    (folder / "probe.pdf").write_bytes(data)
    (folder / "probe.yaml").write_text(SPEC, encoding="utf-8")
    out = folder / "out.pdf"
    out.unlink(missing_ok=True)
    try:
        build_packet(folder / "probe.yaml", out, converter=NoConverter())
    except DocgenError:
        outcome = "refused"
    else:
        outcome = "built"
        with pikepdf.open(out) as built:
            left = find_active(built)
            if left.actions or left.attached:
                raise AssertionError(f"active content survived the build: {left}")
    with contextlib.suppress(DocgenError):
        check_file(folder / "probe.pdf", "uscis-online")
    return outcome


class NoConverter:
    """A mutated PDF is never a Word file; a conversion would be a finding."""

    def convert(self, source: Path, target: Path) -> None:
        raise AssertionError("a mutated PDF was taken for a Word file")

    def close(self) -> None:
        """Nothing to release."""


SPEC_LINES = [
    "kind: filing",
    "kind: rfe-response",
    "kind: [filing]",
    "name: a b",
    "stamp: {style: bates, prefix: ACME-, digits: 99}",
    "stamp: {start: -1}",
    "order: as-listed",
    "labels: roman",
    "parts:",
    "  - form: I-765",
    "  - {document: x.pdf, role: g-28}",
    "  - notice: 5",
    "  - letter: rfe_response\n    exhibits: other",
    "exhibits:",
    "  - title: Pay\n    files: [a.pdf, {file: b.pdf, title: 7}]",
    "  - title: ''\n    folder: .",
    "  - files: []",
    "&a [*a]",
    "x: !!python/object:os.system ls",
    "case: " + "9" * 5000,
    "\t- bad indent",
]


def probe_spec(lines: list[str], folder: Path) -> str:
    """Load one packet spec; anything but a spec or a PacketError is a finding."""
    path = folder / "probe.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_spec(path)
    except PacketError:
        return "refused"
    return "loaded"


def run(examples: int, chosen_seed: int | None) -> None:
    """Fuzz both readers for ``examples`` inputs each; print the outcomes and the time taken."""
    warnings.simplefilter("ignore", pikepdf.PageCopyWarning)  # widgets of a mutated form, copied without it
    base = seed_pdf()
    outcomes: dict[str, int] = {}
    options = settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    with tempfile.TemporaryDirectory(prefix="docgen-fuzz-") as scratch:
        folder = Path(scratch)

        @options
        @given(mutated(base))
        def pdfs(data: bytes) -> None:
            try:
                result = probe_pdf(data, folder)
            except Exception:
                FAILURE.write_bytes(data)  # the last (shrunk) failing input, to open by hand
                raise
            outcomes["pdf " + result] = outcomes.get("pdf " + result, 0) + 1

        @options
        @given(st.lists(st.sampled_from(SPEC_LINES), min_size=1, max_size=8))
        def specs(lines: list[str]) -> None:
            result = probe_spec(lines, folder)
            outcomes["spec " + result] = outcomes.get("spec " + result, 0) + 1

        for test in (pdfs, specs):
            started = time.perf_counter()
            (seed(chosen_seed)(test) if chosen_seed is not None else test)()
            print(f"{test.__name__}: {examples} examples in {time.perf_counter() - started:.1f} s")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")


def main() -> None:
    """Parse the options and fuzz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    run(args.examples, args.seed)


if __name__ == "__main__":
    main()
