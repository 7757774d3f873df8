"""Build a 120-document, ~700-page packet; compare with plain concatenation tools.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_packets [--runs 3] [--keep DIR]``

Every stamp where it was: ``--dump-placements FILE`` builds the packet once
and writes each page's stamp as drawn (matrix, white box, size, spot, text);
``--compare-placements FILE``, from another checkout, builds it, then builds
it again from the margins kept, and exits 1 unless both draw every stamp as in FILE.

Inputs are generated in a temporary folder: 10 filled USCIS forms (I-765,
I-539, I-907, G-1145 from the sample case, with their fields), 70 text PDFs
of 1 to 13 pages and 40 scanned PDFs of 1 to 7 pages (grey JPEG, 150 dpi,
the way a scanner writes them), 120 files in all. The packet puts
the forms first as parts, then 40 exhibits with divider sheets, an index of
exhibits, bookmarks for every part, exhibit and document, and Bates stamps
on every page; the forms keep their fields (renamed per part).

Each method runs in its own process (so its peak memory is its own), and the
median wall time of ``--runs`` runs is printed beside:
- pikepdf: open the 120 files, append their pages, save (it drops the form fields) -- the floor;
- the same packet without stamps (``stamp: {style: none}``): what reading every page for the stamps' clearance
  (:mod:`docgen.packets.clearance`) and drawing the stamps cost is the difference;
- the same packet rebuilt: the margins read by an earlier build are kept on disk
  (:mod:`docgen.packets.marginstore`), so only the stamps are drawn. Every other
  docgen run starts with an empty cache folder of its own (``DOCGEN_CACHE_DIR``):
  the packet row is a first build;
- pdftk ``cat``, qpdf ``--pages`` (both keep fields), pypdf ``PdfWriter.append``, where installed.
CPU time (user and system, every thread of the process, or of the outside
tool) is printed beside the wall time: on a shared, loaded machine it varies
far less. Peak memory is the process's maximum resident set (``getrusage``), qpdf's C++ heap included;
the packet build's Python heap peak (``tracemalloc``) is printed from one extra run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pikepdf
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "samples" / "cases" / "h1b-okafor.yaml"
FORMS = (("I-765", "spouse"), ("I-539", "spouse"), ("I-907", None), ("G-1145", None))
TEXT = (
    "The Petitioner submits this document in support of the petition. It describes the duties of the position, "
    "the qualifications of the Beneficiary and the business of the Petitioner in the detail the officer asked for."
)


def text_pdf(pages: int, title: str) -> bytes:
    """A text PDF of ``pages`` pages (letter), like a letter, a report or a statement."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792), invariant=True)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica-Bold", 14)
        pdf.drawString(72, 720, f"{title}, page {number} of {pages}")
        pdf.setFont("Helvetica", 10.5)
        y = 690
        for line in range(40):
            pdf.drawString(72, y, f"{line + 1:>2}. {TEXT[: 60 + (line * 7) % 40]}")
            y -= 15
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_pdf(pages: int, seed: int) -> bytes:
    """A scanner's PDF: one grey JPEG per page, 150 dpi."""
    rng = random.Random(seed)
    pdf = pikepdf.new()
    for _ in range(pages):
        image = Image.new("L", (1275, 1650), 245)
        draw = ImageDraw.Draw(image)
        for row in range(60):
            y = 120 + row * 24
            draw.line((100, y, 100 + rng.randint(400, 1050), y), fill=40, width=6)
        image = Image.blend(image, Image.effect_noise(image.size, 40), 0.12)  # paper grain, as scans have
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=60)
        xobject = pdf.make_stream(
            buffer.getvalue(),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Image,
            Width=1275,
            Height=1650,
            ColorSpace=pikepdf.Name.DeviceGray,
            BitsPerComponent=8,
            Filter=pikepdf.Name.DCTDecode,
        )
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=xobject)),
            Contents=pdf.make_stream(b"q 612 0 0 792 0 0 cm /Im0 Do Q"),
        )
        pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def make_inputs(folder: Path) -> tuple[list[Path], Path]:
    """Write the 120 input files and the packet spec; return the files in packet order and the spec."""
    from docgen.editions import accepting_editions
    from docgen.forms.fill import fill_form

    rng = random.Random(42)
    folder.mkdir(parents=True, exist_ok=True)
    forms = []
    with accepting_editions({"I-539": "02/04/19"}):  # the only I-539 blank at hand is superseded
        filled = {(form, who): fill_form(form, CASE, person=who).data for form, who in FORMS}
    for number in range(10):
        form, who = FORMS[number % len(FORMS)]
        path = folder / f"form-{number:02d}-{form}.pdf"
        path.write_bytes(filled[(form, who)])
        forms.append(path)
    evidence = []
    for number in range(110):
        if number % 11 in (2, 5, 8, 10):  # 40 scans of 1 to 7 pages
            path = folder / f"scan-{number:03d}.pdf"
            path.write_bytes(scan_pdf(rng.randint(1, 7), number))
        else:  # 70 text documents of 1 to 13 pages
            path = folder / f"doc-{number:03d}.pdf"
            path.write_bytes(text_pdf(rng.randint(1, 13), f"Document {number}"))
        evidence.append(path)
    lines = [
        "kind: filing",
        "name: bench",
        "title: Benchmark packet",
        "order: as-listed",
        "stamp: {style: bates, prefix: BENCH-, start: 1, digits: 6}",
        "parts:",
    ]
    accept = ", accept_edition: {edition: 02/04/19, reason: the only I-539 blank at hand}"
    lines += [
        f"  - {{document: {p.name}, role: form, title: Form {p.stem}{accept if '539' in p.name else ''}}}"
        for p in forms
    ]
    lines.append("exhibits:")
    for exhibit in range(40):
        chunk = evidence[exhibit * 110 // 40 : (exhibit + 1) * 110 // 40]
        lines.append(f"  - title: Exhibit number {exhibit + 1} of the benchmark")
        lines.append(f"    files: [{', '.join(p.name for p in chunk)}]")
    spec = folder / "bench.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    unstamped = [line if not line.startswith("stamp:") else "stamp: {style: none}" for line in lines]
    (folder / "bench-unstamped.yaml").write_text("\n".join(unstamped) + "\n", encoding="utf-8")
    return forms + evidence, spec


# --- one method per process ----------------------------------------------------------------------


def run_pikepdf(files: list[Path], out: Path) -> None:
    """Open every file, append its pages, save."""
    with pikepdf.new() as pdf:
        sources = [pikepdf.open(f) for f in files]
        for source in sources:
            pdf.pages.extend(source.pages)
        pdf.save(out)
        for source in sources:
            source.close()


def run_pypdf(files: list[Path], out: Path) -> None:
    """pypdf's PdfWriter.append for every file, then write."""
    import logging

    from pypdf import PdfWriter

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter()
    for path in files:
        writer.append(str(path))
    with out.open("wb") as handle:
        writer.write(handle)


def run_packet(spec: Path, out: Path) -> None:
    """docgen's packet build of the spec."""
    from docgen.packets import build_packet  # imported before the clock starts (see worker)

    build_packet(spec, out)


def worker(method: str, folder: Path, trace: bool) -> None:
    """Run one method once in this process; print its time and peak memory as JSON."""
    files = [Path(line) for line in (folder / "files.txt").read_text().splitlines()]
    out = folder / f"out-{method}.pdf"
    if method in ("packet", "unstamped", "rebuild"):
        import docgen.packets  # noqa: F401  (module imports are not part of the build, as pikepdf's are not)
    elif method == "pypdf":
        import pypdf  # noqa: F401
    if trace:
        tracemalloc.start()
    used = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    if method == "pikepdf":
        run_pikepdf(files, out)
    elif method == "pypdf":
        run_pypdf(files, out)
    elif method in ("packet", "rebuild"):
        run_packet(folder / "bench.yaml", out)
    elif method == "unstamped":
        run_packet(folder / "bench-unstamped.yaml", out)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime  # every thread's
    traced = tracemalloc.get_traced_memory()[1] if trace else 0
    rss = after.ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss": rss, "traced": traced}))


def _cache(folder: Path, method: str) -> Path:
    """The cache folder of a docgen run: emptied before each run, except the rebuild's (kept from the first)."""
    cache = folder / ("cache-kept" if method == "rebuild" else "cache-empty")
    if method != "rebuild" or not cache.exists():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()
        if method == "rebuild":  # the first build, whose margins the rebuilds find
            _in_process("packet", folder, cache=cache)
    return cache


def _in_process(method: str, folder: Path, trace: bool = False, cache: Path | None = None) -> dict[str, float]:
    env = dict(os.environ)
    env["DOCGEN_CACHE_DIR"] = str(cache or _cache(folder, method))
    result = subprocess.run(
        [sys.executable, "-m", "bench.bench_packets", "--worker", method, str(folder)] + (["--trace"] if trace else []),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# Runs an outside tool as the only child of a fresh Python, so the children's peak RSS is the tool's.
_WRAP = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
    "seconds = time.perf_counter() - start\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'seconds': seconds, 'cpu': used.ru_utime + used.ru_stime, 'rss': used.ru_maxrss * 1024}))\n"
)


def _tool(command: list[str]) -> dict[str, float]:
    """Run an outside tool; its time and peak memory (max RSS)."""
    result = subprocess.run([sys.executable, "-c", _WRAP, *command], capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout))


def _pages(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def measure(runs: int, folder: Path, files: list[Path]) -> list[tuple[str, list[dict[str, float]], Path]]:
    """Every available method, ``runs`` times each, interleaved."""
    methods: list[tuple[str, object]] = [
        ("pikepdf", "pikepdf"),
        ("packet", "packet"),
        ("unstamped", "unstamped"),
        ("rebuild", "rebuild"),
    ]
    if shutil.which("pdftk"):
        out = folder / "out-pdftk.pdf"
        methods.append(("pdftk", ["pdftk", *map(str, files), "cat", "output", str(out)]))
    if shutil.which("qpdf"):
        out = folder / "out-qpdf.pdf"
        methods.append(("qpdf", ["qpdf", "--empty", "--pages", *map(str, files), "--", str(out)]))
    try:
        import pypdf  # noqa: F401

        methods.append(("pypdf", "pypdf"))
    except ImportError:
        pass
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in methods}
    for _ in range(runs):
        for name, how in methods:
            results[name].append(_in_process(how, folder) if isinstance(how, str) else _tool(how))  # type: ignore[arg-type]
    named = {"rebuild": "packet"}  # the rebuild writes the packet's file
    return [(name, results[name], folder / f"out-{named.get(name, name)}.pdf") for name, _ in methods]


LABELS = {
    "pikepdf": "pikepdf concatenation (drops form fields)",
    "packet": "docgen packet (dividers, index, bookmarks, Bates, fields kept)",
    "unstamped": "  the same without stamps (no page read for stamp clearance)",
    "rebuild": "  the same rebuilt (margins kept from the first build)",
    "pdftk": "pdftk cat",
    "qpdf": "qpdf --pages",
    "pypdf": "pypdf PdfWriter.append",
}


STAMP_OPS = re.compile(rb"Q q [^\n]* cm (?:1 g [^\n]* re f )?0 g BT /DocgenStamp [^\n]* Tj ET Q\n?$")


def placements(path: Path) -> list[str]:
    """Every page's stamp as drawn (its matrix, white box, size, spot and text), from the built packet."""
    found = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            contents = page.obj.Contents
            last = contents[-1] if isinstance(contents, pikepdf.Array) else contents
            match = STAMP_OPS.search(last.read_bytes())
            if match is None:
                raise SystemExit(f"{path}: page {number} has no stamp where docgen draws it")
            found.append(match.group(0).decode("ascii").strip())
    return found


def dump_placements(scratch: Path, dump: Path | None, compare: Path | None) -> int:
    """Build the packet once; write every stamp's placement to ``dump`` and/or compare with ``compare``."""
    _in_process("packet", scratch)
    drawn = placements(scratch / "out-packet.pdf")
    _in_process("rebuild", scratch)  # a first build into the kept cache, then a rebuild from it
    if placements(scratch / "out-packet.pdf") != drawn:
        print("a rebuild from the kept margins draws the stamps elsewhere than the first build")
        return 1
    if dump is not None:
        dump.write_text("\n".join(drawn) + "\n", encoding="ascii")
        print(f"{len(drawn)} stamp placements written to {dump}")
    if compare is None:
        return 0
    before = compare.read_text(encoding="ascii").splitlines()
    changed = [n for n, (a, b) in enumerate(zip(before, drawn, strict=False), 1) if a != b]
    if len(before) != len(drawn) or changed:
        print(f"stamp placements differ from {compare}: {len(before)} then {len(drawn)} pages; pages {changed[:20]}")
        for number in changed[:5]:
            print(f"  page {number}: {before[number - 1]}\n  now:     {drawn[number - 1]}")
        return 1
    boxed = sum(" re f " in line for line in drawn)
    print(f"all {len(drawn)} stamp placements are the same as in {compare} ({boxed} on a white box)")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="Generate the inputs here and keep them.")
    parser.add_argument(
        "--dump-placements", type=Path, default=None, help="Build once, write every page's stamp as drawn to FILE."
    )
    parser.add_argument(
        "--compare-placements",
        type=Path,
        default=None,
        help="Build once, exit 1 unless every page's stamp is drawn as in FILE (a --dump-placements of before).",
    )
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("folder", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.folder, args.trace)
        return
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="docgen-bench-packets-"))
    try:
        files, _spec = make_inputs(scratch)
        (scratch / "files.txt").write_text("\n".join(map(str, files)) + "\n")
        if args.dump_placements or args.compare_placements:
            sys.exit(dump_placements(scratch, args.dump_placements, args.compare_placements))
        pages = sum(_pages(f) for f in files)
        size = sum(f.stat().st_size for f in files)
        print(
            f"inputs: {len(files)} PDFs ({len(FORMS)} kinds of filled form in 10 files), {pages} pages, "
            f"{size / 1e6:.1f} MB; median of {args.runs} run(s), each in its own process"
        )
        rows = measure(args.runs, scratch, files)
        floor = statistics.median(r["seconds"] for r in rows[0][1])
        cpu_floor = statistics.median(r["cpu"] for r in rows[0][1])
        print(
            f"{'method':<64} {'median s':>9} {'x floor':>8} {'CPU s':>6} {'x floor':>8} {'peak RSS':>9} "
            f"{'out MB':>7} {'pages':>6}"
        )
        for name, runs, out in rows:
            median = statistics.median(r["seconds"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            rss = max(r["rss"] for r in runs)
            print(
                f"{LABELS[name]:<64} {median:>9.2f} {median / floor:>7.2f}x {cpu:>6.2f} {cpu / cpu_floor:>7.2f}x "
                f"{rss / 1e6:>7.0f}MB {out.stat().st_size / 1e6:>7.1f} {_pages(out):>6}"
            )
        traced = _in_process("packet", scratch, trace=True)
        print(f"docgen packet, Python heap peak (tracemalloc, one run): {traced['traced'] / 1e6:.0f} MB")
        ratio = statistics.median(r["seconds"] for r in rows[1][1]) / floor
        verdict = "meets" if ratio <= 2.0 else "MISSES"
        print(f"docgen packet / pikepdf concatenation: {ratio:.2f}x ({verdict} the target of at most 2x)")
        cpu_ratio = statistics.median(r["cpu"] for r in rows[1][1]) / cpu_floor
        print(f"CPU time (all threads; steadier than wall time on a loaded machine): {cpu_ratio:.2f}x")
        rebuilt = rows[3][1]
        print(
            f"rebuilt (margins kept): {statistics.median(r['seconds'] for r in rebuilt) / floor:.2f}x wall, "
            f"{statistics.median(r['cpu'] for r in rebuilt) / cpu_floor:.2f}x CPU"
        )
        bare = rows[2][1]
        print(
            f"without stamps (no margin read at all: the floor any faster margin check could reach): "
            f"{statistics.median(r['seconds'] for r in bare) / floor:.2f}x wall, "
            f"{statistics.median(r['cpu'] for r in bare) / cpu_floor:.2f}x CPU"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
