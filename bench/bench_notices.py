"""Accuracy and speed of the notice reader, text PDFs and scans apart.

    .venv/bin/python bench/bench_notices.py                  # the bundled samples
    .venv/bin/python bench/bench_notices.py --random 100 --scans 8   # plus freshly generated random notices
    .venv/bin/python bench/bench_notices.py --variants 200 --variant-scans 10 --seed 3   # the second generator

Accuracy is per field (the 16 output fields and the page list) over every
notice whose expected JSON is known. A field is *exact* when it equals the
expected value (null included), *null* when it is null where a value was
expected (left for review), *wrong* when it holds another value; wrong values
that were not flagged (confidence at or above the review line) are counted
apart, since those are the ones that hurt. Speed: text notices per second on
one core (CPU time of this process), and seconds per scanned page (wall clock
and CPU time including tesseract).

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
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.notices import FIELDS, parse_notice_file
from docgen.notices.model import FILE_WITHOUT_REVIEW, NOT_A_NOTICE, REVIEW_BELOW, Notice, field_confidence

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


def generate_variants(count: int, scans: int, seed: int, out: Path, families: str = "") -> None:
    """Notices from the second, independent generator (samples/notices/variants.py), with expected JSON;
    ``families``: "" (the first five), "new" (third round) or "grid" (fourth round)."""
    script = SAMPLES / "variants.py"
    args = [sys.executable, str(script), "--count", str(count), "--scans", str(scans), "--seed", str(seed)]
    subprocess.run([*args, "--out", str(out), *([f"--{families}-families"] if families else [])], check=True)


def generate(count: int, scans: int, seed: int, out: Path) -> None:
    """Random fictional notices from the sample generator, with expected JSON."""
    script = SAMPLES / "generate.py"
    args = [sys.executable, str(script), "--random", str(count), "--scans", str(scans), "--seed", str(seed)]
    subprocess.run([*args, "--out", str(out)], check=True)


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
        "--grid-families", action="store_true", help="the variants in the fourth-round families only (rows, courier)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-bundled", action="store_true", help="leave out the bundled samples")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--dir", type=Path, action="append", default=[], help="also read the samples in this folder")
    parser.add_argument("--calibrate", action="store_true", help="print the calibration table measured here")
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
            generate_variants(args.variants, args.variant_scans, args.seed, Path(tmp) / "variants", families)
            files += samples(Path(tmp) / "variants")
            others += samples(Path(tmp) / "variants", non_notices=True)
        tallies = measure(files)
        text_files = [path for path, _ in files if "scan" not in path.name]
        figures = report(tallies, text_speed(text_files))
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
