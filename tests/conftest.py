"""Shared fixtures: the real blank forms from ../shared/forms, the sample cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FORMS_DIR = Path(os.environ.get("DOCGEN_FORMS_DIR", ROOT.parent / "shared" / "forms"))


@pytest.fixture(scope="session")
def forms_dir() -> Path:
    if not (FORMS_DIR / "i-765.pdf").exists():
        pytest.fail(f"blank forms not found in {FORMS_DIR}; put ../shared/forms beside the checkout")
    return FORMS_DIR


@pytest.fixture(autouse=True)
def _forms_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_FORMS_DIR", str(FORMS_DIR))
