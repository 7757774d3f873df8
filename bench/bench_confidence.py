"""Where each value's confidence comes from, and which values filed without review are wrong.

Reads a development set (sealed sets 1-3, opened for development, or a folder of generated samples with
expected JSON) and writes one record per field: expected and read value, outcome (right, wrong, missing,
invented), calibrated confidence, raw score, the evidence the value rests on (``Reading.evidence``, see
``docgen.notices.evidence``) and its source text. Prints, before and after the evidence rules: how many
values are at or above ``FILE_WITHOUT_REVIEW`` and how many of them are right, and every wrong one.

    python -m bench.bench_confidence --set 3 --json /tmp/set3.json
    python -m bench.bench_confidence --dir /tmp/variants-seed3 --json /tmp/v3.json
    python -m bench.bench_confidence --generate variants --count 250 --seed 3 --dir /tmp/variants-seed3

``--ocr-cache DIR`` keeps tesseract's answers by image (a rerun after a reader change then takes seconds a
scan instead of minutes); the fifth sealed set, the untouched one, is never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from PIL import Image

from bench.bench_notices_sealed import SETS, UNTOUCHED, ensure_set, match, outcome, set_folder
from docgen.notices import parse_notice_file
from docgen.notices.model import CROP_AGREED, FIELDS, FILE_WITHOUT_REVIEW, OCR_DOUBT, calibrated, field_confidence
from docgen.notices.ocr import Tesseract
from docgen.notices.reader import CLOSED_LIST

OPEN_SETS = tuple(which for which in SETS if which not in UNTOUCHED)  # the fifth and fourteenth are kept unseen
SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "notices"


class CachedTesseract(Tesseract):
    """Tesseract with its answers kept on disk by image and options (a rerun reads no page twice)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(timeout=600.0)  # a busy machine: a page may wait its turn
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _run(self, image: Image.Image, dpi: int, options: list[str], config: str) -> str:
        key = hashlib.sha256(
            image.tobytes() + repr((image.mode, image.size, dpi, options, config)).encode()
        ).hexdigest()
        path = self.folder / key
        if path.exists():
            kept: str = pickle.loads(path.read_bytes())
            return kept
        text = super()._run(image, dpi, options, config)
        path.write_bytes(pickle.dumps(text))
        return text


def _records_for(
    name: str, expected: list[dict[str, Any]], notices: list[Any], paired: list[tuple[int, int | None]]
) -> list[dict[str, Any]]:
    rows = []
    for i, j in paired:
        exp = expected[i]
        notice = notices[j] if j is not None else None
        got = notice.to_dict() if notice is not None else {}
        confidence = field_confidence(notice) if notice is not None else {}
        for field in FIELDS:
            want, value = exp.get(field), got.get(field)
            result = outcome(field, want, value)
            reading = notice.readings.get(field) if notice is not None else None
            rows.append(
                {
                    "file": name,
                    "notice": i + 1,
                    "field": field,
                    "expected": want,
                    "value": value,
                    "outcome": result,
                    "confidence": confidence.get(field, 0.0),
                    # the calibrated score alone, without the evidence rule (what the reader gave before it)
                    "score": calibrated(reading.confidence, notice.ocr, value is not None)
                    if reading and notice
                    else 0.0,
                    "raw": reading.confidence if reading else 0.0,
                    "evidence": getattr(reading, "evidence", None) if reading else None,
                    "source": reading.source if reading else None,
                    "ocr": bool(notice and notice.ocr),
                    "ocr_conf": reading.ocr_conf if reading else None,
                    "candidate": reading.candidate.value if reading and reading.candidate else None,
                    "candidate_why": reading.candidate.why if reading and reading.candidate else None,
                    "candidate_outcome": outcome(field, want, reading.candidate.value)
                    if reading and reading.candidate and value is None
                    else None,
                }
            )
    return rows


def read_sealed(which: int, engine: Tesseract | None, media: str = "") -> list[dict[str, Any]]:
    if which not in OPEN_SETS:
        raise SystemExit(f"set {which} is not open for development (sets {OPEN_SETS})")
    folder = set_folder(1797, None, which)
    truth = ensure_set(folder, 1797, which)
    rows: list[dict[str, Any]] = []
    for name, entry in sorted(truth["files"].items()):
        expected = entry["notices"]
        if not expected or (
            media and entry["medium"] != media and not (media == "scans" and entry["medium"] != "text-pdf")
        ):
            continue
        try:
            notices = parse_notice_file(folder / name, engine=engine).notices
        except Exception as exc:  # a crash is a result: every field of the file counts as missing
            print(f"  error {name}: {type(exc).__name__}", file=sys.stderr)
            notices = []
        dicts = [notice.to_dict() for notice in notices]
        rows += _records_for(name, expected, notices, match(expected, dicts))
    return rows


def read_folder(folder: Path, engine: Tesseract | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}:
            continue
        truth = path.with_suffix(".json")
        if not truth.exists():
            continue
        expected = json.loads(truth.read_text(encoding="utf-8")).get("notices") or []
        if not expected:
            continue
        result = parse_notice_file(path, engine=engine)
        paired = [(i, i if i < len(result.notices) else None) for i in range(len(expected))]
        rows += _records_for(str(path.relative_to(folder)), expected, result.notices, paired)
    return rows


def summary(rows: list[dict[str, Any]], show: bool = True, key: str = "confidence") -> dict[str, Any]:
    """Accuracy, and the values at or above the filing threshold by ``key`` (``confidence``, or ``score``: the
    calibrated score without the evidence rule) and how many of them are right."""
    given = [row for row in rows if row["value"] is not None]
    trusted = [row for row in given if row[key] >= FILE_WITHOUT_REVIEW]
    right = sum(row["outcome"] == "right" for row in trusted)
    counts = Counter(row["outcome"] for row in rows)
    present = counts["right"] + counts["wrong"] + counts["missing"]
    out = {
        "fields": present,
        "right": counts["right"],
        "wrong": counts["wrong"] + counts["invented"],
        "accuracy": counts["right"] / present if present else None,
        "trusted": len(trusted),
        "trusted_right": right / len(trusted) if trusted else None,
        "trusted_wrong": len(trusted) - right,
    }
    if show:
        print(f"by {key}: " if key != "confidence" else "", end="")
        print(
            f"fields {present}: right {counts['right']} ({out['accuracy']:.4f}), wrong {out['wrong']}, "
            f"missing {counts['missing']}; at or above {FILE_WITHOUT_REVIEW}: n={len(trusted)}, right "
            f"{right} ({(out['trusted_right'] or 0):.4f}), wrong {len(trusted) - right}"
        )
        guesses = [row for row in rows if row.get("candidate_outcome")]
        right_guesses = sum(row["candidate_outcome"] == "right" for row in guesses)
        print(
            f"candidates (OCR unsure: no value, its reading for a person): {len(guesses)}, right {right_guesses}, "
            f"wrong {len(guesses) - right_guesses}"
        )
        for row in guesses:
            print(
                f"  candidate {row['candidate_outcome']:<8} {row['file']} #{row['notice']} {row['field']}: "
                f"{row['candidate']!r} want {row['expected']!r} ({row['candidate_why']})"
            )
        by_evidence = Counter((row["evidence"], row["outcome"]) for row in given)
        for evidence in sorted({str(e) for e, _ in by_evidence}):
            parts = {o: by_evidence[(e, o)] for e, o in by_evidence if str(e) == evidence}
            print(f"  evidence {evidence:<22} {dict(sorted(parts.items()))}")
        for row in given:
            if row["outcome"] != "right":
                mark = "FILED" if row["confidence"] >= FILE_WITHOUT_REVIEW else "review"
                print(
                    f"  {mark:<6} {row['file']} #{row['notice']} {row['field']}: got {row['value']!r} want "
                    f"{row['expected']!r} conf {row['confidence']:.4f} (score {row['score']:.4f}) raw {row['raw']:.3f} "
                    f"evidence {row['evidence']} source {row['source']!r}"
                )
    return out


DOUBT_CUTS = (50.0, 60.0, 70.0, 75.0, 80.0, 85.0, 90.0, 93.0)


def doubt_table(rows: list[dict[str, Any]]) -> list[str]:
    """What each cut-off on the weakest word's OCR confidence would do: OCR values (given, or withheld as
    candidates for doubt alone) below it would be withheld; how many were right and wrong, and how many wrong
    values would stay, at or above the filing threshold too."""
    pool = []  # (ocr_conf, outcome, filed): values given, and candidates withheld for OCR doubt alone
    for row in rows:
        if row.get("ocr_conf") is None or row["field"] in CLOSED_LIST or row["evidence"] == CROP_AGREED:
            continue  # never withheld for doubt: a value from a closed list, or one its box's reading confirmed
        if row["value"] is not None:
            pool.append((row["ocr_conf"], row["outcome"], row["confidence"] >= FILE_WITHOUT_REVIEW))
        elif row.get("candidate_outcome") and "read again" not in str(row.get("candidate_why")):
            pool.append((row["ocr_conf"], row["candidate_outcome"], False))
    lines = [f"{'cut-off':>8}{'withheld':>10}{'right':>7}{'wrong':>7}{'wrong kept':>12}{'filed wrong kept':>18}"]
    for cut in DOUBT_CUTS:
        held = [(o, f) for c, o, f in pool if c < cut]
        kept = [(o, f) for c, o, f in pool if c >= cut]
        lines.append(
            f"{cut:>8g}{len(held):>10}{sum(o == 'right' for o, _ in held):>7}"
            f"{sum(o != 'right' for o, _ in held):>7}{sum(o != 'right' for o, _ in kept):>12}"
            f"{sum(o != 'right' and f for o, f in kept):>18}"
        )
    return lines


def generate(kind: str, count: int, scans: int, seed: int, out: Path, families: str) -> None:
    import subprocess

    script = {"variants": "variants.py", "letters": "letters.py", "random": "generate.py"}[kind]
    if kind == "random":
        args = ["--random", str(count), "--scans", str(scans)]
    else:
        args = ["--count", str(count), "--scans", str(scans)]
        if families:
            args.append(f"--{families}-families")
    subprocess.run([sys.executable, str(SAMPLES / script), *args, "--seed", str(seed), "--out", str(out)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=int, choices=SETS, help="a sealed set opened for development (1-4, 6-13)")
    parser.add_argument("--dir", type=Path, help="a folder of samples with expected JSON")
    parser.add_argument("--generate", choices=("variants", "letters", "random"), help="write --dir first")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--scans", type=int, default=0)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--families", default="", help="variants only: new or grid")
    parser.add_argument(
        "--media",
        default="",
        help="sealed sets: only files of this medium (text-pdf, scan-pdf, ...; scans: all but text-pdf)",
    )
    parser.add_argument("--ocr-cache", type=Path, help="keep tesseract's answers here")
    parser.add_argument("--json", type=Path, help="write the records here")
    args = parser.parse_args()
    engine = CachedTesseract(args.ocr_cache) if args.ocr_cache else None
    if args.set is not None:
        rows = read_sealed(args.set, engine, args.media)
    elif args.dir is not None:
        if args.generate and not args.dir.exists():
            generate(args.generate, args.count, args.scans, args.seed, args.dir, args.families)
        rows = read_folder(args.dir, engine)
    else:
        parser.error("give --set or --dir")
    before = summary(rows, show=False, key="score")
    print(
        f"without the evidence rule: at or above {FILE_WITHOUT_REVIEW}: n={before['trusted']}, "
        f"right {(before['trusted_right'] or 0):.4f}, wrong {before['trusted_wrong']}"
    )
    summary(rows)
    print(f"OCR values by the weakest word's tesseract confidence (cut-off OCR_DOUBT = {OCR_DOUBT:g}):")
    for line in doubt_table(rows):
        print("  " + line)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=0, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
