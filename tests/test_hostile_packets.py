"""Hostile inputs to packets and the PDF layer, all generated here, all fast.

Each test is a probe an attacker (or an unlucky user) would try: links out of
the spec's folder, PDFs that carry actions and attachments, files that are
not files, pages and images built to exhaust memory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest

from docgen.cli import main
from docgen.errors import PacketError
from docgen.packets import build_packet

from .packetcheck import line_of, write_spec

PLAIN_SPEC = "kind: filing\nindex: false\ndividers: false\nstamp: {style: none}\n"


def small_pdf(text: str = "evidence", pages: int = 1) -> pikepdf.Pdf:
    """A PDF of ``pages`` letter pages, each with a line of text in Helvetica."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    for number in range(pages):
        page = pdf.add_blank_page(page_size=(612, 792))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 72 700 Td ({text} {number + 1}) Tj ET".encode())
    return pdf


def write_pdf(path: Path, pdf: pikepdf.Pdf | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    (pdf or small_pdf(path.stem)).save(path)
    return path


# --- 1. links out of the allowed folders ------------------------------------------------------


@pytest.fixture
def other_client(tmp_path: Path) -> Path:
    """Another client's confidential PDF, outside the packet's folder."""
    return write_pdf(tmp_path / "clients" / "other" / "passport.pdf", small_pdf("OTHER CLIENT"))


def _packet_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "packet"
    write_pdf(folder / "evidence" / "good.pdf")
    return folder


def test_a_link_to_a_file_outside_the_spec_folder_is_refused(tmp_path: Path, other_client: Path) -> None:
    folder = _packet_folder(tmp_path)
    (folder / "evidence" / "offer.pdf").symlink_to(other_client)
    spec = write_spec(
        folder, PLAIN_SPEC + "exhibits:\n  - title: Offer\n    files: [evidence/good.pdf, evidence/offer.pdf]\n"
    )
    with pytest.raises(PacketError) as caught:
        build_packet(spec, folder / "out.pdf")
    message = str(caught.value)
    assert message.startswith(f"{spec}:{line_of(spec, 'offer.pdf')}: exhibit A 'Offer': evidence/offer.pdf: ")
    assert str(other_client) in message and "--allow-dir" in message and "\n" not in message
    assert not (folder / "out.pdf").exists()


def test_a_link_inside_an_exhibit_folder_is_refused(tmp_path: Path, other_client: Path) -> None:
    folder = _packet_folder(tmp_path)
    (folder / "evidence" / "a-statement.pdf").symlink_to(other_client)
    spec = write_spec(folder, PLAIN_SPEC + "exhibits:\n  - title: Statements\n    folder: evidence\n")
    with pytest.raises(PacketError, match=r"exhibit A 'Statements': evidence/a-statement.pdf: .*outside"):
        build_packet(spec, folder / "out.pdf")


def test_a_linked_folder_and_a_part_pointing_outside_are_refused(tmp_path: Path, other_client: Path) -> None:
    folder = _packet_folder(tmp_path)
    (folder / "evidence" / "more").symlink_to(other_client.parent, target_is_directory=True)
    spec = write_spec(folder, PLAIN_SPEC + "exhibits:\n  - title: More\n    files: [evidence/more/passport.pdf]\n")
    with pytest.raises(PacketError, match=r"evidence/more/passport.pdf: .*outside"):
        build_packet(spec, folder / "out.pdf")
    spec = write_spec(folder, PLAIN_SPEC + f"parts:\n  - document: {other_client}\n")
    with pytest.raises(PacketError, match=rf"^{spec}:6: part 'passport': {other_client}: .*outside"):
        build_packet(spec, folder / "out.pdf")
    spec = write_spec(folder, PLAIN_SPEC + "parts:\n  - notice: ../clients/other/passport.pdf\n")
    with pytest.raises(PacketError, match=r"\.\./clients/other/passport.pdf: .*outside"):
        build_packet(spec, folder / "out.pdf")


def test_folders_named_by_the_user_are_allowed(tmp_path: Path, other_client: Path) -> None:
    folder = _packet_folder(tmp_path)
    (folder / "evidence" / "offer.pdf").symlink_to(other_client)
    spec = write_spec(folder, PLAIN_SPEC + "exhibits:\n  - title: Offer\n    files: [evidence/offer.pdf]\n")
    result = build_packet(spec, folder / "out.pdf", allow_dirs=[other_client.parent])
    assert result.pages == 1
    # the CLI: refused without the option (exit 9, one line), built with it
    assert main(["packet", "build", str(spec), "-o", str(folder / "cli.pdf")]) == 9
    assert main(["packet", "build", str(spec), "-o", str(folder / "cli.pdf"), "--allow-dir", str(tmp_path)]) == 0
    assert (folder / "cli.pdf").is_file()


def test_links_that_stay_inside_the_spec_folder_are_fine(tmp_path: Path) -> None:
    folder = _packet_folder(tmp_path)
    os.symlink("good.pdf", folder / "evidence" / "same.pdf")
    spec = write_spec(folder, PLAIN_SPEC + "exhibits:\n  - title: Same\n    files: [evidence/same.pdf]\n")
    assert build_packet(spec, folder / "out.pdf").pages == 1
