"""Letterheads: a firm's letter carries the firm's logo, never the client's (issue 15)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml

from docgen.case.loader import load_case
from docgen.letters.render import load_template, render_case

from .conftest import SAMPLES

LOGOS = SAMPLES / "logos"


def _images(docx: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


def _case(tmp_path: Path, firm_logo: bool) -> Path:
    data = yaml.safe_load((SAMPLES / "cases" / "h1b-okafor.yaml").read_text())
    data["petitioner"]["logo"] = str(LOGOS / "acme-analytics.png")
    if firm_logo:
        data["representative"]["logo"] = str(LOGOS / "castellanos-reyes.png")
    else:
        data["representative"].pop("logo", None)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_the_firms_letter_never_takes_the_clients_logo(tmp_path: Path) -> None:
    letters = yaml.safe_load((SAMPLES / "letters" / "h1b-okafor.yaml").read_text())
    case = load_case(_case(tmp_path, firm_logo=False))
    rfe = render_case(load_template("rfe_response"), case, data=letters)
    assert _images(rfe) == []  # no firm logo: no logo, not Acme's
    support = render_case(load_template("h1b_support"), case)
    assert _images(support) == [(LOGOS / "acme-analytics.png").read_bytes()]
    case = load_case(_case(tmp_path, firm_logo=True))
    rfe = render_case(load_template("rfe_response"), case, data=letters)
    assert _images(rfe) == [(LOGOS / "castellanos-reyes.png").read_bytes()]
