"""Accuracy and speed of the notice reader, text PDFs and scans apart.

    .venv/bin/python bench/bench_notices.py                  # the bundled samples
    .venv/bin/python bench/bench_notices.py --random 100 --scans 8   # plus freshly generated random notices
    .venv/bin/python bench/bench_notices.py --variants 200 --variant-scans 10 --seed 3   # the second generator
    .venv/bin/python bench/bench_notices.py --blocks 60 --block-scans 5 --seed 5   # ASC blocks, tear-offs, ledgers

Accuracy is per field (the 16 output fields and the page list) over every
notice whose expected JSON is known. A field is *exact* when it equals the
expected value (null included), *null* when it is null where a value was
expected (left for review), *wrong* when it holds another value; wrong values
that were not flagged (confidence at or above the review line) are counted
apart, since those are the ones that hurt. Speed: text notices per second on
one core (CPU time of this process), and seconds per scanned page (wall clock
and CPU time including tesseract). The second look (a weakly read text notice
read again word by word) is timed apart: CPU per notice with and without it,
how many notices took it, and the rate if every text notice took it (the
slowest case, whatever the layout).

``--compare-first-read`` reads every file twice, side by side in one run: with
the first read of text pages the reader had before (pdfium's text-object
rectangles and the text inside each, kept here as the baseline) and with the
one it has (runs built from the page's glyphs), and prints the figures of each
and of the samples made by a browser or LibreOffice (``*-chromium*``,
``*-libreoffice*``) apart.

Targets (issues #5, #14): >= 99% exact on text, >= 97% on scans, >= 100 text
notices per second per core, <= 3 s per scanned page. ``--check`` exits 1 if
one is missed.

Confidence: a reliability table by band of calibrated confidence
(``docgen.notices.model.field_confidence``): how many fields, how many right,
how many wrong (a value, not the expected one) and how many missing (null
where a value was expected); then how often fields at or above
``FILE_WITHOUT_REVIEW`` were right. ``--calibrate`` prints the table of raw
scores that ``docgen.notices.model.CALIBRATION`` holds, measured on the files read.

    .venv/bin/python bench/bench_notices.py --random 300 --scans 30 --seed 4242 --calibrate
"""

from __future__ import annotations

import argparse
import ctypes
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

import docgen.notices.parse as notice_parse
from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.layout import Word
from docgen.notices.model import FILE_WITHOUT_REVIEW, NOT_A_NOTICE, REVIEW_BELOW, Notice, field_confidence
from docgen.notices.pdftext import TextPage

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "notices"
SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}
COMPARED = ("pages", *FIELDS)


@dataclass
class Tally:
    """Field outcomes for one group of samples."""

    counts: Counter[str] = field(default_factory=Counter)
    notices: int = 0
    pages: int = 0
    files: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    misses: list[str] = field(default_factory=list)
    counts_by_file: list[tuple[int, int]] = field(default_factory=list)  # (notices found, notices expected)
    # (read by OCR, holds a value, raw score, calibrated confidence, outcome) per compared field
    readings: list[tuple[bool, bool, float, float, str]] = field(default_factory=list)

    def rate(self, key: str) -> float:
        total = sum(self.counts[k] for k in ("exact", "null", "wrong"))
        return 100.0 * self.counts[key] / total if total else 0.0


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def compare(path: Path, got: dict[str, Any], want: dict[str, Any], tally: Tally, parsed: list[Notice]) -> None:
    """Count each field of each expected notice as exact, null or wrong; keep each field's confidence."""
    notices = got["notices"]
    for index, expected in enumerate(want["notices"]):
        found = notices[index] if index < len(notices) else None
        notice = parsed[index] if index < len(parsed) else None
        tally.notices += 1
        calibrated = field_confidence(notice) if notice else {}
        for name in COMPARED:
            value = found.get(name) if found else None
            if notice is not None and name != "pages":
                outcome = "right" if value == expected[name] else "missing" if value is None else "wrong"
                raw = notice.readings[name].confidence
                tally.readings.append((notice.ocr, value is not None, raw, calibrated[name], outcome))
            if value == expected[name]:
                tally.counts["exact"] += 1
                continue
            outcome = "null" if value is None else "wrong"
            tally.counts[outcome] += 1
            conf = found["confidence"].get(name, 1.0) if found and name != "pages" else 1.0
            if outcome == "wrong" and conf >= REVIEW_BELOW:
                tally.counts["wrong_unflagged"] += 1
            tally.misses.append(f"{path.name} #{index + 1} {name}: {outcome} got {value!r} want {expected[name]!r}")


def samples(root: Path, non_notices: bool = False) -> list[tuple[Path, dict[str, Any]]]:
    """Sample files with a list of expected notices (not the error or unreadable cases); with ``non_notices``,
    instead the files that hold no notice at all (a cover letter, a status page printout)."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in SUFFIXES:
            continue
        expected_path = path.with_suffix(".json")
        if not expected_path.exists():
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        empty = not expected.get("notices") and expected.get("reason") == NOT_A_NOTICE
        if (non_notices and empty) or (not non_notices and expected.get("notices")):
            found.append((path, expected))
    return found


def notice_counts(files: list[tuple[Path, dict[str, Any]]], tallies: dict[str, Tally]) -> dict[str, float]:
    """Print how many files gave the expected number of notices (none for a non-notice)."""
    counted = [count for tally in tallies.values() for count in tally.counts_by_file]
    right = sum(got == want for got, want in counted)
    empty = [len(parse_notice_file(path).notices) for path, _ in files]
    print(
        f"notice count exact in {right} of {len(counted)} files; "
        f"non-notices returned as no notice: {sum(n == 0 for n in empty)} of {len(empty)}"
    )
    return {"count_right": 100.0 * right / len(counted) if counted else 100.0}


def measure(files: list[tuple[Path, dict[str, Any]]]) -> dict[str, Tally]:
    """Parse every file once; tally accuracy and time for text and scanned files."""
    tallies = {"text": Tally(), "scan": Tally()}
    for path, expected in files:
        wall, cpu = time.perf_counter(), _cpu()
        result = parse_notice_file(path)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        group = "scan" if result.ocr_pages else "text"
        tally = tallies[group]
        tally.files += 1
        tally.pages += sum(len(notice["pages"]) for notice in expected["notices"])
        tally.wall += wall
        tally.cpu += cpu
        tally.counts_by_file.append((len(result.notices), len(expected["notices"])))
        compare(path, result.to_dict(), expected, tally, result.notices)
    return tallies


def text_speed(files: list[Path], seconds: float = 3.0) -> tuple[float, float]:
    """Text notices per second: by CPU time of this process (one core) and by wall clock."""
    notices = 0
    if not files:
        return 0.0, 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        for path in files:
            notices += len(parse_notice_file(path).notices)
    return notices / (time.process_time() - cpu), notices / (time.perf_counter() - wall)


@contextmanager
def second_looks(every: bool = False) -> Iterator[dict[str, float]]:
    """Count the second looks the reader takes and their CPU time; with ``every``, every text notice takes one."""
    seen = {"count": 0, "cpu": 0.0}
    original, worth = notice_parse._second_look, notice_parse.worth_second_look

    def timed(*args: Any) -> Notice:
        start = time.process_time()
        try:
            return original(*args)
        finally:
            seen["count"] += 1
            seen["cpu"] += time.process_time() - start

    always: Callable[..., bool] = lambda *args: True  # noqa: E731
    notice_parse._second_look = timed
    notice_parse.worth_second_look = always if every else worth
    try:
        yield seen
    finally:
        notice_parse._second_look, notice_parse.worth_second_look = original, worth


def second_look_report(files: list[Path], seconds: float = 2.0) -> dict[str, float]:
    """Print CPU per text notice with and without the second look, how many took it, and the rate when all do."""
    if not files:
        return {}
    figures: dict[str, float] = {}
    for every in (False, True):
        notices, start = 0, time.process_time()
        with second_looks(every) as seen:
            while time.process_time() - start < seconds:
                for path in files:
                    notices += len(parse_notice_file(path).notices)
        cpu = time.process_time() - start
        each = 1000 * seen["cpu"] / seen["count"] if seen["count"] else 0.0
        if not every:
            print(
                f"text : {1000 * cpu / notices:.2f} ms CPU a notice, {1000 * (cpu - seen['cpu']) / notices:.2f} ms "
                f"without the second look; second look taken by {seen['count']} of {notices} notices "
                f"({100 * seen['count'] / notices:.1f}%), {each:.2f} ms CPU each"
            )
            figures["second_look_share"] = seen["count"] / notices
        else:
            print(
                f"text : with a second look at every notice (the slowest case): {notices / cpu:.0f} notices per "
                f"second per core, {1000 * cpu / notices:.2f} ms CPU a notice, {each:.2f} ms of it the second look"
            )
            figures["text_rate_all_second"] = notices / cpu
    return figures


def generate_variants(count: int, scans: int, seed: int, out: Path, families: str = "", spoils: str = "") -> None:
    """Notices from the second, independent generator (samples/notices/variants.py), with expected JSON;
    ``families``: "" (the first five), "new" (third round) or "grid" (fourth round); ``spoils``: the ways its
    scans are spoilt, comma-separated ("" for its usual five)."""
    script = SAMPLES / "variants.py"
    args = [sys.executable, str(script), "--count", str(count), "--scans", str(scans), "--seed", str(seed)]
    args += [f"--{families}-families"] if families else []
    subprocess.run([*args, "--out", str(out), "--spoils", spoils], check=True)


def generate_letters(count: int, scans: int, seed: int, out: Path, spoils: str = "") -> None:
    """Letters, dot-leader printouts and ASC appointment notices (samples/notices/letters.py), with expected JSON."""
    script = SAMPLES / "letters.py"
    args = [sys.executable, str(script), "--count", str(count), "--scans", str(scans), "--seed", str(seed)]
    subprocess.run([*args, "--out", str(out), "--spoils", spoils], check=True)


def generate_blocks(count: int, scans: int, seed: int, out: Path) -> None:
    """ASC blocks, account printouts, I-94 tear-offs, filed-date letters, ledgers (samples/notices/blocks.py)."""
    script = SAMPLES / "blocks.py"
    args = [sys.executable, str(script), "--count", str(count), "--scans", str(scans), "--seed", str(seed)]
    subprocess.run([*args, "--out", str(out)], check=True)


def generate(count: int, scans: int, seed: int, out: Path) -> None:
    """Random fictional notices from the sample generator, with expected JSON."""
    script = SAMPLES / "generate.py"
    args = [sys.executable, str(script), "--random", str(count), "--scans", str(scans), "--seed", str(seed)]
    subprocess.run([*args, "--out", str(out)], check=True)


# ------------------------------------------------------------------ the first read before (the baseline)

# the run-padding rule of that read (as docgen.notices.pdftext keeps it)
PADDED_WIDE, PADDED_GAP, PADDED_SLACK = 0.75, 1.6, 0.5


class _BorrowedText(pdfium.PdfTextPage):  # type: ignore[misc]  # pypdfium2 is untyped
    """pypdfium2's text-page calls over a text page the reader loaded (:class:`TextPage`), which it closes."""

    def __init__(self, raw: Any) -> None:
        self.raw, self.page = raw, None
        pdfium.internal.AutoCloseable.__init__(self, pdfium_c.FPDFText_ClosePage, needs_free=False)

    def close(self) -> None:
        """Not ours to close."""


def rect_words(page: pdfium.PdfPage | TextPage) -> list[Word]:
    """The first read of a text page before glyph runs: pdfium's text-object rectangles, each with the text
    pdfium finds inside it (one buffer for every run, as fast as that read was made), a run padded with
    spaces cut at its wide gaps."""
    if isinstance(page, TextPage):  # the reader's own page (docgen.notices.pdftext)
        height, textpage = page.height, _BorrowedText(page.raw)
    else:
        height, textpage = page.get_height(), page.get_textpage()
    words: list[Word] = []
    try:
        layer = _RectLayer(textpage)
        for left, bottom, right, top in layer.rects():
            raw = layer.bounded(left, bottom, right, top)
            text = " ".join(raw.split())
            if not text:
                continue
            padded = raw[:1].isspace() or (" " in text and (right - left) >= PADDED_WIDE * (top - bottom) * len(text))
            columns = _rect_columns(layer, (left, bottom, right, top), text) if padded else None
            if columns:
                words.extend(Word(t, x0, height - y1, x1, height - y0, column=True) for t, x0, y0, x1, y1 in columns)
            else:
                words.append(Word(text, left, height - top, right, height - bottom))
    finally:
        textpage.close()
    return words


_Rect = tuple[float, float, float, float]


class _RectLayer:
    """pdfium's text-object rectangles and the text in a box through its C calls, one buffer for all."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.textpage = textpage
        self.raw = textpage.raw
        self.size = pdfium_c.FPDFText_CountChars(self.raw) + 2
        self.buffer = (ctypes.c_ushort * self.size)()
        self.edges = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(edge) for edge in self.edges]

    def rects(self) -> list[_Rect]:
        left, bottom, right, top = self.refs
        boxes = []
        for index in range(pdfium_c.FPDFText_CountRects(self.raw, 0, -1)):
            if pdfium_c.FPDFText_GetRect(self.raw, index, left, top, right, bottom):
                boxes.append(self._edges())
        return boxes

    def bounded(self, left: float, bottom: float, right: float, top: float) -> str:
        count = pdfium_c.FPDFText_GetBoundedText(self.raw, left, top, right, bottom, self.buffer, self.size)
        if count >= self.size:
            return str(self.textpage.get_text_bounded(left, bottom, right, top))
        return ctypes.string_at(self.buffer, 2 * count).decode("utf-16-le", errors="ignore").rstrip("\x00")

    def charbox(self, index: int) -> _Rect:
        left, bottom, right, top = self.refs
        if not pdfium_c.FPDFText_GetCharBox(self.raw, index, left, right, bottom, top):
            raise pdfium.PdfiumError("Failed to get charbox.")
        return self._edges()

    def _edges(self) -> _Rect:
        left, bottom, right, top = (edge.value for edge in self.edges)
        return left, bottom, right, top


def _rect_columns(layer: _RectLayer, rect: _Rect, text: str) -> list[tuple[str, float, float, float, float]] | None:
    left, bottom, right, top = rect
    middle, half = (bottom + top) / 2, (top - bottom) / 2
    start = None
    for x, back in ((right - 0.5, len(text) - 1), (left + 0.5, 0)):
        index = layer.textpage.get_index(x, middle, 1.0, half)
        if index is not None and index >= back and layer.textpage.get_text_range(index - back, len(text)) == text:
            start = index - back
            break
    if start is None:
        return None
    cuts = []
    for offset, char in enumerate(text):
        if char == " " and 0 < offset < len(text) - 1:
            before, after = layer.charbox(start + offset - 1), layer.charbox(start + offset + 1)
            tall = max(before[3] - before[1], after[3] - after[1], 0.7 * (top - bottom))
            slack = PADDED_SLACK * tall if text[offset - 1] in ",.;:" else 0.0  # after a comma or period
            if after[0] - before[2] > PADDED_GAP * tall + slack:
                cuts.append(offset)
    pieces = []
    for begin, end in zip([-1, *cuts], [*cuts, len(text)], strict=True):
        x0, x1 = layer.charbox(start + begin + 1)[0], layer.charbox(start + end - 1)[2]
        pieces.append((text[begin + 1 : end], x0, bottom, x1, top))
    return pieces


@contextmanager
def first_read(read: Callable[[TextPage], list[Word]] | None) -> Iterator[None]:
    """Read text pages with ``read`` instead of the reader's own first read (None: its own)."""
    own = notice_parse.pdfium_words

    def baseline(page: TextPage) -> list[Word]:
        assert read is not None
        return read(page)

    notice_parse.pdfium_words = baseline if read else own
    try:
        yield
    finally:
        notice_parse.pdfium_words = own


MADE_ELSEWHERE = ("-chromium", "-libreoffice")


def compare_first_reads(files: list[tuple[Path, dict[str, Any]]], text_files: list[Path], rounds: int = 3) -> None:
    """Accuracy and speed with the first read before and now, side by side, and on the samples made by a
    browser or LibreOffice apart. Speed is timed in alternating rounds, the best round of each kept (the
    machine's load changes while it runs)."""
    elsewhere = [(path, want) for path, want in files if any(mark in path.name for mark in MADE_ELSEWHERE)]
    reads = {"before: pdfium text-object rectangles": rect_words, "now: runs built from glyphs": None}
    tallies, rates = {}, dict.fromkeys(reads, 0.0)
    for label, read in reads.items():
        with first_read(read):
            tallies[label] = (measure(files)["text"], measure(elsewhere)["text"] if elsewhere else Tally())
    for _ in range(rounds):
        for label, read in reads.items():
            with first_read(read):
                rates[label] = max(rates[label], text_speed(text_files, seconds=1.5)[0])
    print(f"{'first read (text PDFs)':38s}   exact   wrong  notices found  per s/core | browser & LibreOffice")
    for label, (text, other) in tallies.items():
        found, expected = (sum(pair[i] for pair in text.counts_by_file) for i in (0, 1))
        other_found, other_expected = (sum(pair[i] for pair in other.counts_by_file) for i in (0, 1))
        print(
            f"{label:38s} {text.rate('exact'):6.2f}% {text.rate('wrong'):6.2f}%  {found:5d} of {expected:<5d}"
            f" {rates[label]:8.0f}   | {other.rate('exact'):6.2f}%, {other_found} of {other_expected} notices"
        )


BANDS = (0.0, 0.5, 0.9, 0.95, 0.99, 0.995, 0.999, 1.0)
RAW_BANDS = (0.0, 0.5, 0.6, 0.8, 0.9, 0.95, 0.99)


def reliability(tallies: dict[str, Tally]) -> dict[str, float]:
    """Print, by band of calibrated confidence, how many fields were right, wrong and missing."""
    rows = [reading for tally in tallies.values() for reading in tally.readings]
    if not rows:
        return {}
    print(f"confidence band   fields    right    wrong  missing  right share (threshold {FILE_WITHOUT_REVIEW})")
    for low, high in zip(BANDS, [*BANDS[1:], 1.01], strict=True):
        band = [row for row in rows if low <= row[3] < high]
        if band:
            counts = Counter(row[4] for row in band)
            share = counts["right"] / len(band)
            label = f"[{low:.3f}, {min(high, 1.0):.3f}{']' if high > 1 else ')'}"
            print(
                f"{label:16s} {len(band):7d} {counts['right']:8d} {counts['wrong']:8d} {counts['missing']:8d}"
                f"  {100 * share:.2f}%"
            )
    trusted = [row for row in rows if row[3] >= FILE_WITHOUT_REVIEW]
    right = sum(row[4] == "right" for row in trusted)
    share = 100.0 * right / len(trusted) if trusted else 100.0
    wrong, missing = (sum(row[4] == outcome for row in trusted) for outcome in ("wrong", "missing"))
    print(
        f"at or above {FILE_WITHOUT_REVIEW}: {len(trusted)} of {len(rows)} fields, {share:.2f}% right "
        f"(wrong values {wrong}, missing {missing})"
    )
    return {"trusted_right": share}


MIN_BAND = 30  # readings a band needs before its share replaces the raw score


def calibration_table(tallies: dict[str, Tally]) -> None:
    """Print the CALIBRATION table of docgen.notices.model measured on these files (raw score bands)."""
    rows = [reading for tally in tallies.values() for reading in tally.readings]
    print("CALIBRATION = {")
    for ocr in (False, True):
        for is_value in (True, False):
            source, kind = "ocr" if ocr else "text", "value" if is_value else "null"
            bands, counts = ["(0.0, None)"], []
            for low, high in zip(RAW_BANDS, [*RAW_BANDS[1:], 1.01], strict=True):
                band = [row for row in rows if row[0] == ocr and row[1] == is_value and low <= row[2] < high]
                band = [row for row in band if is_value or row[2] < 1.0]  # not-applicable nulls are sure by rule
                if not band:
                    continue
                right = sum(row[4] == "right" for row in band)
                counts.append(f"[{low}: {right}/{len(band)}]")
                share = round((right + 0.5) / (len(band) + 1), 4) if len(band) >= MIN_BAND else None
                if low > 0.0 or share is not None:
                    bands.append(f"({low}, {share})")
            print(f'    ("{source}", "{kind}"): ({", ".join(bands)}),  # {" ".join(counts)}')
    print("}")


def report(tallies: dict[str, Tally], speed: tuple[float, float]) -> dict[str, float]:
    """Print the figures; return them for ``--check``."""
    figures: dict[str, float] = {}
    for group, tally in tallies.items():
        if not tally.files:
            continue
        c = tally.counts
        total = c["exact"] + c["null"] + c["wrong"]
        print(
            f"{group:5s}: {tally.files} files, {tally.notices} notices, {tally.pages} pages, {total} fields: "
            f"exact {tally.rate('exact'):.2f}%  null {tally.rate('null'):.2f}%  wrong {tally.rate('wrong'):.2f}% "
            f"(unflagged wrong: {c['wrong_unflagged']})"
        )
        figures[f"{group}_exact"] = tally.rate("exact")
        if group == "scan":
            print(
                f"scan : {tally.wall / tally.pages:.2f} s per page wall clock, "
                f"{tally.cpu / tally.pages:.2f} s per page CPU (with tesseract)"
            )
            figures["scan_seconds"] = tally.cpu / tally.pages
    if speed[0]:
        print(f"text : {speed[0]:.0f} notices per second per core (CPU time), {speed[1]:.0f} per second wall clock")
        figures["text_rate"] = speed[0]
    figures.update(reliability(tallies))
    for tally in tallies.values():
        for miss in tally.misses:
            print("  miss:", miss)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--random", type=int, default=0, help="also generate and read this many random text notices")
    parser.add_argument("--scans", type=int, default=0, help="also generate and read this many random scans")
    parser.add_argument(
        "--variants", type=int, default=0, help="also this many text notices of the second generator (variants.py)"
    )
    parser.add_argument("--variant-scans", type=int, default=0, help="and this many of its scans and photos")
    parser.add_argument(
        "--new-families", action="store_true", help="the variants in the third-round families only (table, twocol)"
    )
    parser.add_argument(
        "--letters", type=int, default=0, help="also this many text files of the letters generator (letters.py)"
    )
    parser.add_argument("--letter-scans", type=int, default=0, help="and this many of its scans")
    parser.add_argument(
        "--blocks", type=int, default=0, help="also this many text files of the blocks generator (blocks.py)"
    )
    parser.add_argument("--block-scans", type=int, default=0, help="and this many of its scans")
    parser.add_argument(
        "--grid-families", action="store_true", help="the variants in the fourth-round families only (rows, courier)"
    )
    parser.add_argument(
        "--spoils",
        default="",
        help="the ways the variants' and letters' scans are spoilt, comma-separated (also sideways, shadow, upside)",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-bundled", action="store_true", help="leave out the bundled samples")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--dir", type=Path, action="append", default=[], help="also read the samples in this folder")
    parser.add_argument("--calibrate", action="store_true", help="print the calibration table measured here")
    parser.add_argument(
        "--compare-first-read",
        action="store_true",
        help="also the first read before (pdfium's rectangles), side by side",
    )
    args = parser.parse_args()
    files = [] if args.no_bundled else samples(SAMPLES)
    others = [] if args.no_bundled else samples(SAMPLES, non_notices=True)
    for folder in args.dir:
        files += samples(folder)
        others += samples(folder, non_notices=True)
    with tempfile.TemporaryDirectory() as tmp:
        if args.random or args.scans:
            generate(args.random, args.scans, args.seed, Path(tmp) / "random")
            files += samples(Path(tmp) / "random")
        if args.variants or args.variant_scans:
            families = "grid" if args.grid_families else "new" if args.new_families else ""
            generate_variants(
                args.variants, args.variant_scans, args.seed, Path(tmp) / "variants", families, args.spoils
            )
            files += samples(Path(tmp) / "variants")
            others += samples(Path(tmp) / "variants", non_notices=True)
        if args.letters or args.letter_scans:
            generate_letters(args.letters, args.letter_scans, args.seed, Path(tmp) / "letters", args.spoils)
            files += samples(Path(tmp) / "letters")
            others += samples(Path(tmp) / "letters", non_notices=True)
        if args.blocks or args.block_scans:
            generate_blocks(args.blocks, args.block_scans, args.seed, Path(tmp) / "blocks")
            files += samples(Path(tmp) / "blocks")
            others += samples(Path(tmp) / "blocks", non_notices=True)
        text_files = [path for path, _ in files if "scan" not in path.name]
        if args.compare_first_read:
            compare_first_reads([(path, want) for path, want in files if "scan" not in path.name], text_files)
        tallies = measure(files)
        figures = report(tallies, text_speed(text_files))
        figures.update(second_look_report(text_files))
        figures.update(notice_counts(others, tallies))
        if args.calibrate:
            calibration_table(tallies)
    missed = [
        name
        for name, ok in [
            ("text accuracy", figures.get("text_exact", 100.0) >= 99.0),
            ("scan accuracy", figures.get("scan_exact", 100.0) >= 97.0),
            ("text speed", figures.get("text_rate", 100.0) >= 100.0),
            ("trusted fields right", figures.get("trusted_right", 100.0) >= 99.5),
            ("scan speed", figures.get("scan_seconds", 0.0) <= 3.0),
            ("notice count", figures.get("count_right", 100.0) >= 100.0),
        ]
        if not ok
    ]
    if missed:
        print("targets missed:", ", ".join(missed))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
