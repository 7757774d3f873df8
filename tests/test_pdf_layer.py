"""The one PDF layer (docgen.pdf): every feature opens, checks and names a PDF the same way."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from docgen.errors import DamagedFileError, DocgenError, LockedFileError, UsageError
from docgen.forms.pdf import load_form
from docgen.mailroom.ingest import pages_pdf
from docgen.packets import build_packet, check_file
from docgen.pdf.detect import DOCX, detect
from docgen.pdf.flatten import flatten_form
from docgen.pdf.open import DAMAGED, PASSWORD, open_pdf

from .conftest import ROOT
from .packetcheck import EVIDENCE, write_spec


def _locked() -> bytes:
    buffer = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(buffer, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return buffer.getvalue()


def _cut() -> bytes:
    return (EVIDENCE / "expert-opinion.pdf").read_bytes()[:600]


def problem(message: str, kind: type[DocgenError] | None) -> DocgenError:
    return (kind or UsageError)(message)


@pytest.mark.parametrize(
    ("data", "text", "kind"),
    [
        (_locked(), PASSWORD, LockedFileError),
        (b"%PDF-1.7\n" + b"\x00" * 200, DAMAGED, DamagedFileError),
        (b"Dear client, the W-2s are attached.\n", "not a PDF file; give the PDF itself", DamagedFileError),
    ],
    ids=["password", "damaged", "not-a-pdf"],
)
def test_one_wording_per_problem_in_every_feature(
    tmp_path: Path, data: bytes, text: str, kind: type[DocgenError]
) -> None:
    """Forms, packets, the preflight and the mailroom say the same thing about the same bad PDF."""
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    with pytest.raises(kind, match=f"^{re.escape(text)}"):
        open_pdf(path, problem)
    with pytest.raises(kind) as form:
        load_form(path)
    assert str(form.value).startswith(f"{path}: {text.split('; give')[0]}")
    if kind is not DamagedFileError or text == DAMAGED:  # packets read other types by content
        (tmp_path / "evidence").mkdir()
        (tmp_path / "evidence" / "x.pdf").write_bytes(data)
        spec = write_spec(tmp_path, "kind: filing\nexhibits:\n  - title: X\n    files: [evidence/x.pdf]\n")
        with pytest.raises(kind, match=f": evidence/x.pdf: {re.escape(text)}"):
            build_packet(spec, tmp_path / "out.pdf")
        findings = [f.detail for f in check_file(path, "uscis-online").findings if f.status == "error"]
        assert text in findings
        with pytest.raises(kind, match=f"x.pdf: {re.escape(text)}"):
            pages_pdf(path, "pdf", [1])


def test_a_pdf_cut_short_is_named_with_its_pages(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(_cut())
    with pytest.raises(DamagedFileError, match=r"^the PDF is damaged"):
        open_pdf(path, problem)


def test_pipes_are_never_opened_for_reading(tmp_path: Path) -> None:
    """A FIFO named as a blank form or given to the preflight would block forever; both refuse it at once."""
    fifo = tmp_path / "i-765.pdf"
    os.mkfifo(fifo)
    code = (
        "import sys\nfrom docgen.forms.pdf import load_form\nfrom docgen.packets import check_file\n"
        "for call in (lambda: load_form(sys.argv[1]), lambda: check_file(sys.argv[1], 'paper')):\n"
        "    try:\n        call()\n    except Exception as exc:\n        print(type(exc).__name__, exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60, cwd=ROOT, env=os.environ
    )
    assert done.stdout.splitlines() == [
        f"UnreadableFileError {fifo}: is a named pipe (FIFO), not a file; give the PDF file itself",
        f"UnreadableFileError {fifo}: is a named pipe (FIFO), not a file; give the PDF file itself",
    ]


def test_packets_do_not_load_the_form_filler() -> None:
    code = "import sys, docgen.packets.build, docgen.commands.packets; print('docgen.forms.fill' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert done.stdout.strip() == "False", done.stderr


def test_the_layer_package_loads_nothing_heavy() -> None:
    """``docgen fill`` goes through docgen.pdf.open: it must not pull pdfium, libmagic or Pillow with it."""
    code = "import sys, docgen.forms.pdf; print(sorted({'pypdfium2', 'magic', 'PIL'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert done.stdout.strip() == "[]", done.stderr


def test_detection_is_shared_by_notices_and_packets() -> None:
    from docgen.notices import detect as notices_detect
    from docgen.packets import evidence

    assert evidence.detect is detect and notices_detect.detect is detect
    assert detect((EVIDENCE / "lindgren-cv.docx").read_bytes()) == DOCX


def test_flatten_burns_the_values_in(forms_dir: Path) -> None:
    with pikepdf.open(forms_dir / "g-1145.pdf") as pdf:
        assert "/AcroForm" in pdf.Root
        flatten_form(pdf)
        assert "/AcroForm" not in pdf.Root
        assert not any(a.get("/Subtype") == "/Widget" for page in pdf.pages for a in page.obj.get("/Annots", []))
