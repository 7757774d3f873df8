"""Helpers that check filled PDFs the way a viewer would see them."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pikepdf

from docgen.forms.fill import flatten_form
from docgen.forms.pdf import read_fields


def reopen_values(data: bytes) -> dict[str, str]:
    """Every field's /V after reopening the saved PDF (names without the slash)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = {}
        for name, target in read_fields(pdf).items():
            value = target.obj.get("/V")
            if value is not None:
                out[name] = str(value)[1:] if isinstance(value, pikepdf.Name) else str(value)
        return out


def button_states(data: bytes) -> dict[str, list[str]]:
    """The /AS of every widget of every button field."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return {
            name: [str(w.obj.get("/AS", "/Off"))[1:] for w in target.widgets]
            for name, target in read_fields(pdf).items()
            if target.kind in ("checkbox", "radio")
        }


def flattened_text(data: bytes) -> str:
    """Drop NeedAppearances, flatten with the widgets' own streams, extract the text with pdftotext."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        acro = pdf.Root.get("/AcroForm")
        if acro is not None and "/NeedAppearances" in acro:
            del acro["/NeedAppearances"]
        flatten_form(pdf)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "flat.pdf"
            pdf.save(path)
            return subprocess.run(
                ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
            ).stdout


def squash(text: str) -> str:
    """Text without any white space, for comparing comb fields (one letter per box)."""
    return re.sub(r"\s+", "", text)
