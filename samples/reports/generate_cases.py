"""Write N fictional case files (variations of the H-1B sample) for the report benchmark and tests.

    .venv/bin/python -m samples.reports.generate_cases OUT_DIR --cases 500 [--seed 7]

Names, numbers and dates are drawn at random from invented lists; the cases
cover H-1B, L-1A, O-1 and EB-2, every stage from drafting to decision, EADs
and advance parole documents, so every report has work to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import yaml

from docgen.errors import CaseDataError
from docgen.yamlio import load_yaml_file

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "samples" / "cases" / "h1b-okafor.yaml"
FAMILY = ["Okonkwo", "Varga", "Lindahl", "Moreau", "Tanaka", "Quispe", "Ferreira", "Nakamura", "Abara", "Kowalczyk"]
GIVEN = ["Amara", "Bence", "Signe", "Elodie", "Haruto", "Inti", "Joana", "Kenta", "Obinna", "Zofia", "Leilani"]
OWNERS = ["Maja Lindqvist", "Ravi Menon", "Ana Sousa", None]
CLASSES = ["H-1B", "H-1B", "H-1B", "L-1A", "O-1", "EB-2"]
STATUSES = ["preparing", "mailed", "filed", "biometrics scheduled", "rfe received", "approved", "denied"]


def _iso(day: dt.date) -> str:
    return day.isoformat()


def make_case(index: int, rng: random.Random, base: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """One fictional case."""
    data: dict[str, Any] = json.loads(json.dumps(base))
    case_id = f"GEN-{today.year}-{index:05d}"
    data["case_id"] = case_id
    person = data["beneficiary"]
    person["family_name"] = rng.choice(FAMILY)
    person["given_name"] = rng.choice(GIVEN)
    person["employee_id"] = f"E-{20000 + index}"
    person["i94"]["expiry_date"] = _iso(today + dt.timedelta(days=rng.randint(-30, 900)))
    person["passport"]["expiry_date"] = _iso(today + dt.timedelta(days=rng.randint(-10, 3000)))
    spouse = data["dependents"][0]
    spouse["family_name"] = person["family_name"]
    spouse["given_name"] = rng.choice(GIVEN)
    spouse["i94"]["expiry_date"] = person["i94"]["expiry_date"]
    if rng.random() < 0.4:
        spouse["ead"] = {"category": "(c)(26)", "expiry_date": _iso(today + dt.timedelta(days=rng.randint(-5, 700)))}
    if rng.random() < 0.2:
        person["advance_parole"] = {"expiry_date": _iso(today + dt.timedelta(days=rng.randint(0, 500)))}
    facts = data["facts"]
    facts["classification"] = rng.choice(CLASSES)
    facts["owner"] = rng.choice(OWNERS)
    status = rng.choice(STATUSES)
    facts["status"] = status
    if status != "preparing":
        filed = today - dt.timedelta(days=rng.randint(20, 400))
        facts["filed_date"] = _iso(filed)
        if status not in ("mailed",):
            receipt = filed + dt.timedelta(days=rng.randint(3, 45))
            facts["receipt_date"] = _iso(receipt)
            if status in ("approved", "denied"):
                facts["decision_date"] = _iso(receipt + dt.timedelta(days=rng.randint(10, 300)))
            if status == "approved":
                facts["approved_from"] = facts["decision_date"]
                facts["approved_to"] = _iso(dt.date.fromisoformat(facts["decision_date"]) + dt.timedelta(days=1095))
    if facts["classification"] != "H-1B":
        data["job"].pop("lca", None)
    return data


def write_cases(folder: Path, count: int, seed: int = 7, today: dt.date | None = None) -> list[Path]:
    """Write ``count`` case files into ``folder``; returns their paths."""
    rng = random.Random(seed)
    base = json.loads(json.dumps(load_yaml_file(BASE, CaseDataError)))
    day = today or dt.date(2026, 12, 1)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, count + 1):
        path = folder / f"gen-{index:05d}.yaml"
        path.write_text(yaml.safe_dump(make_case(index, rng, base, day), sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = write_cases(args.out_dir, args.cases, args.seed)
    print(f"wrote {len(paths)} cases to {args.out_dir}")


if __name__ == "__main__":
    main()
