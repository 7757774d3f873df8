"""Generate the fictional evidence of the EB-2 family packet (samples/packets/eb2-family.yaml).

The receipt notice of the principal's I-140 (Form I-797C, receipt number
LIN2612345678, priority date 03/14/2025, as in samples/cases/eb2-family-haddad.yaml)
is the evidence every family member's I-485 refers to (Part 2, items 3 and 8).
It is drawn by ``samples/notices/generate.py``; every person, company and number
in it is invented.

    .venv/bin/python samples/packets/make_eb2_family_evidence.py
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
OUT = HERE / "evidence" / "eb2-family"
GENERATOR = HERE.parent / "notices" / "generate.py"
ATTORNEY = ["LUCIA MARCHETTI", "MARCHETTI OSEI IMMIGRATION PLLC", "1420 FIFTH AVENUE FLR 22", "SEATTLE WA 98101"]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docgen_sample_notices", GENERATOR)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{GENERATOR}: the notice generator is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def i140_receipt_pdf() -> bytes:
    """The I-797C receipt notice of the principal's I-140."""
    notices = _generator()
    spec = notices.Spec(
        name="i140-receipt-haddad",
        notice_type="receipt",
        form="I-140",
        receipt_number="LIN2612345678",
        received_date="2025-09-02",
        notice_date="2025-09-05",
        priority_date="2025-03-14",
        petitioner="CASCADIA BRIDGEWORKS INC",
        beneficiary="HADDAD, KARIM ELIAS",
        classification="E21",
        amount="715.00",
        addressee=ATTORNEY,
    )
    return bytes(notices.notices_pdf([spec]))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "i-797c-i140-receipt.pdf"
    path.write_bytes(i140_receipt_pdf())
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
