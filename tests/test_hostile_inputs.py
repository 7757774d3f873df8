"""Hostile and careless input: every probe gets a one-line error or a safe result, never a traceback,
a lost file or another client's data. Inputs are generated here (no committed blobs) and kept small."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
import yaml

from docgen.cli import main
from docgen.forms.fill import fill_form

from .conftest import SAMPLES
from .pdfcheck import button_states, reopen_values

OKAFOR = SAMPLES / "cases" / "h1b-okafor.yaml"
HADDAD = SAMPLES / "cases" / "eb2-family-haddad.yaml"


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def sample(path: Path = OKAFOR) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def every_text(data: bytes) -> str:
    """All strings and decoded streams of a PDF, for looking for what must not be there."""
    chunks: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes().decode("latin-1"))
                except pikepdf.PdfError:
                    continue
            elif isinstance(obj, pikepdf.Dictionary):
                chunks.extend(str(v) for v in obj.values() if isinstance(v, pikepdf.String))
    return "\n".join(chunks)


# --- a filled form used as the blank -------------------------------------------------------------------


def test_a_filled_form_used_as_the_blank_carries_nothing_to_the_next_client(
    tmp_path: Path, forms_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = sample()
    long_street = "4417 Northwest Old Cornelius Pass Road, Building C, Rear Entrance, Loading Dock 7"
    spouse = previous["dependents"][0]
    spouse["mailing_address"]["street"] = long_street
    spouse["mailing_address"]["city"] = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysilio"
    spouse["mailing_address"]["in_care_of"] = "Okafor Family Trust, attention of the trustee, Dr. Eze"
    spouse["birth_city"] = "Onitsha North Local Government Area, Anambra State Southeast " * 2
    first = fill_form("I-765", write_yaml(tmp_path / "okafor.yaml", previous), person="spouse", forms_dir=forms_dir)
    assert first.addendum, "the previous client's form needs an addendum sheet for this test"
    dirty = tmp_path / "forms"
    dirty.mkdir()
    (dirty / "i-765.pdf").write_bytes(first.data)  # the slip: a filled form saved over the blank

    nxt = sample(HADDAD)
    for key in ("middle_name", "a_number", "passport", "i94", "ssn"):
        nxt["beneficiary"].pop(key, None)
    next_case = write_yaml(tmp_path / "next.yaml", nxt)
    clean = fill_form("I-765", next_case, forms_dir=forms_dir)
    result = fill_form("I-765", next_case, forms_dir=dirty)

    assert reopen_values(result.data) == reopen_values(clean.data)
    assert button_states(result.data) == button_states(clean.data)
    with pikepdf.open(io.BytesIO(result.data)) as a, pikepdf.open(io.BytesIO(clean.data)) as b:
        assert len(a.pages) == len(b.pages)  # the previous client's addendum sheet is gone
    text = every_text(result.data)
    for secret in ("Tobenna", "021345679", "B12345678", "41234567891", "Cornelius"):
        assert secret not in text
    assert not clean.warnings
    assert len(result.warnings) == 1
    assert "holds answers in" in result.warnings[0] and "1 appended page" in result.warnings[0]

    out = tmp_path / "out.pdf"
    assert main(["fill", "I-765", "--case", str(next_case), "-o", str(out), "--forms-dir", str(dirty)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("docgen: warning: ") and "i-765.pdf" in err[0]
