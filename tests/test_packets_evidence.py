"""Evidence of every kind as packet pages, and every kind of bad evidence as a clear error with no output."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from docgen.errors import ConversionError, DamagedFileError, LockedFileError, PacketError
from docgen.letters import OfficeConverter
from docgen.packets import build_packet
from docgen.packets.evidence import detect
from docgen.packets.images import heif_supported

from .packetcheck import EVIDENCE, image_placements, line_of, page_sizes, page_texts, write_spec

MARGIN = 36.0  # half an inch around an image


def _jpeg(size: tuple[int, int], dpi: int | None = None, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, "white")
    image.paste((220, 0, 0), (0, 0, size[0] // 4, size[1] // 4))  # a red block at the stored top-left
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": 85}
    if dpi:
        options["dpi"] = (dpi, dpi)
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def _png(size: tuple[int, int], dpi: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 90, 200, 128)).save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def _tiff(frames: int, size: tuple[int, int], dpi: int) -> bytes:
    pages = [Image.new("1", size, 1) for _ in range(frames)]
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:], compression="group4", dpi=(dpi, dpi))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def images_packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("images")
    files = {
        "big.jpg": _jpeg((4000, 3000)),  # no resolution recorded: a phone photo
        "small.png": _png((300, 200), 300),  # a one-inch cut-out at 300 dpi
        "scan.tif": _tiff(3, (1700, 2200), 200),  # a letter-size scan at 200 dpi, three pages
        "sideways.jpg": _jpeg((600, 400), 100, orientation=6),  # taken sideways; EXIF says turn it
        "photo.png": _jpeg((800, 600), 150),  # a JPEG named .png
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    spec = write_spec(
        folder,
        "kind: filing\nindex: false\ndividers: false\nstamp: {style: none}\nexhibits:\n"
        "  - title: Images\n    files: [big.jpg, small.png, scan.tif, sideways.jpg, photo.png]\n",
    )
    build_packet(spec, folder / "out.pdf")
    return folder / "out.pdf"


def test_images_are_sized_to_the_page_and_never_enlarged(images_packet: Path) -> None:
    sizes = page_sizes(images_packet)
    assert len(sizes) == 7  # 1 + 1 + 3 + 1 + 1
    placed = image_placements(images_packet)
    assert [p["page"] for p in placed] == list(range(1, 8))
    for row in placed:
        width, height = sizes[int(row["page"]) - 1]
        drawn_w, drawn_h = row["width"] / row["xppi"] * 72, row["height"] / row["yppi"] * 72
        assert drawn_w <= width - 2 * MARGIN + 1 and drawn_h <= height - 2 * MARGIN + 1
    big, small, scan1, _scan2, _scan3, sideways, photo = placed
    assert sizes[0] == (792, 612)  # a landscape photo on a landscape letter page ...
    assert abs(big["width"] / big["xppi"] * 72 - (792 - 2 * MARGIN)) < 2  # ... as large as the margins allow
    assert small["xppi"] == pytest.approx(300, abs=1)  # kept at its own size, not blown up
    assert sizes[2] == (612, 792) and scan1["xppi"] == pytest.approx(1700 / 7.5, abs=1)  # shrunk to fit
    assert sideways["xppi"] == pytest.approx(100, abs=1) and sizes[5] == (612, 792)  # turned: portrait
    assert photo["xppi"] == pytest.approx(150, abs=1)


def test_jpeg_goes_in_as_it_is(images_packet: Path) -> None:
    listing = subprocess.run(["pdfimages", "-list", str(images_packet)], capture_output=True, text=True).stdout
    encodings = [line.split()[8] for line in listing.splitlines()[2:]]
    assert encodings == ["jpeg", "image", "image", "image", "image", "jpeg", "jpeg"]


def test_exif_orientation_is_honoured(images_packet: Path, tmp_path: Path) -> None:
    """Stored top-left red block, orientation 6 (turn 90 degrees clockwise): it shows at the top right."""
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "6", "-l", "6", "-png", str(images_packet), str(tmp_path / "p")], check=True
    )
    (rendered,) = tmp_path.glob("p*.png")
    image = Image.open(rendered).convert("RGB")
    reds = [
        (x, y)
        for y in range(image.height)
        for x in range(image.width)
        if image.getpixel((x, y))[0] > 180 and image.getpixel((x, y))[1] < 80
    ]
    assert reds
    xs = sorted(x for x, _y in reds)
    ys = sorted(y for _x, y in reds)
    assert xs[len(xs) // 2] > image.width / 2 and ys[len(ys) // 2] < image.height / 2


@pytest.mark.skipif(not heif_supported(), reason="pillow-heif is not installed")
def test_heic_phone_photo(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        f"kind: filing\nindex: false\nstamp: {{style: none}}\nexhibits:\n"
        f"  - title: I-94\n    files: [{EVIDENCE / 'i94-record-photo.heic'}]\n",
    )
    build_packet(spec, tmp_path / "out.pdf", allow_dirs=[EVIDENCE])
    sizes = page_sizes(tmp_path / "out.pdf")
    (photo,) = image_placements(tmp_path / "out.pdf")
    assert sizes[1] == (612, 792)  # the photo, taken sideways, stands upright
    assert (photo["width"], photo["height"]) == (1200, 1550)


def test_types_by_content_not_name() -> None:
    assert detect((EVIDENCE / "offer-letter.pdf").read_bytes()).endswith("wordprocessingml.document")
    assert detect((EVIDENCE / "transcript-msc.tif").read_bytes()) == "image/tiff"
    assert detect((EVIDENCE / "i94-record-photo.heic").read_bytes()) == "image/heic"


def test_docx_with_a_pdf_name_is_converted(tmp_path: Path, office: OfficeConverter) -> None:
    spec = write_spec(
        tmp_path,
        f"kind: filing\nindex: false\nexhibits:\n  - title: Offer\n    files: [{EVIDENCE / 'offer-letter.pdf'}]\n",
    )
    result = build_packet(spec, tmp_path / "out.pdf", converter=office, allow_dirs=[EVIDENCE])
    assert "Offer of employment" in page_texts(tmp_path / "out.pdf")[1]
    assert any("Word document (DOCX) by its content (named .pdf)" in note for note in result.notes)


# --- bad evidence --------------------------------------------------------------------------------


def _encrypted() -> bytes:
    buffer = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(buffer, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return buffer.getvalue()


def _truncated_docx() -> bytes:
    data = (EVIDENCE / "lindgren-cv.docx").read_bytes()
    return data[: len(data) // 2]


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("scan1.jpg", b"not really")
    return buffer.getvalue()


BAD = {
    "corrupt.pdf": (
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 8,
        "the PDF is damaged",
        DamagedFileError,
    ),
    "locked.pdf": (_encrypted(), "the PDF needs a password to open; ask for an unlocked copy", LockedFileError),
    "notes.pdf": (b"Call the client about the W-2s.\n" * 20, "unsupported file type text/plain", PacketError),
    "scans.zip": (_zip(), "unsupported file type application/zip: a ZIP archive; unpack it", PacketError),
    "diploma.jpg": (
        (EVIDENCE / "diploma-msc.jpg").read_bytes()[:20000],
        "the JPEG image is damaged or incomplete",
        DamagedFileError,
    ),
    "transcript.tif": (
        (EVIDENCE / "transcript-msc.tif").read_bytes()[:3000],
        "the TIFF image is damaged",
        DamagedFileError,
    ),
    "cv.docx": (
        _truncated_docx(),
        "the Word document (DOCX) is damaged; open it in Word and save it again",
        DamagedFileError,
    ),
    "empty.pdf": (b"", "the file is empty", DamagedFileError),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_evidence_names_the_spec_line_and_file(name: str, tmp_path: Path) -> None:
    data, problem, kind = BAD[name]
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "good.pdf").write_bytes((EVIDENCE / "paystubs" / "2026-07.pdf").read_bytes())
    (tmp_path / "evidence" / name).write_bytes(data)
    spec = write_spec(
        tmp_path,
        "kind: rfe-response\n"
        "exhibits:\n"
        "  - title: Pay statements\n"
        "    files:\n"
        "      - evidence/good.pdf\n"
        f"      - evidence/{name}\n",
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "packet.pdf").write_bytes(b"an earlier packet")
    with pytest.raises(kind) as caught:  # one class per problem, whatever the file is used for
        build_packet(spec, out / "packet.pdf")
    message = str(caught.value)
    assert caught.value.path == Path(f"evidence/{name}")
    assert message.startswith(f"{spec}:{line_of(spec, name)}: exhibit A 'Pay statements': evidence/{name}: ")
    assert problem in message
    assert "\n" not in message
    assert sorted(p.name for p in out.iterdir()) == ["packet.pdf"]  # nothing new, nothing half-written
    assert (out / "packet.pdf").read_bytes() == b"an earlier packet"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, "kind: filing\nexhibits:\n  - title: X\n    files: [nowhere.pdf]\n")
    with pytest.raises(PacketError, match=rf"^{spec}:4: exhibit A 'X': nowhere.pdf: no such file"):
        build_packet(spec, tmp_path / "out.pdf")
    spec = write_spec(tmp_path, "kind: filing\nexhibits:\n  - title: X\n    folder: scans\n")
    with pytest.raises(PacketError, match=rf"^{spec}:4: folder 'scans' does not exist"):
        build_packet(spec, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


class CrashingConverter:
    """Stands in for a LibreOffice that dies on every document."""

    def convert(self, source: Path, target: Path) -> None:
        raise ConversionError(f"{source.name}: LibreOffice crashed (exit status -11), and again after a restart")

    def close(self) -> None:
        pass


class GarbageConverter:
    """Stands in for a converter that answers with something that is not a PDF."""

    def convert(self, source: Path, target: Path) -> None:
        target.write_bytes(b"%PDF-1.4\n%%EOF\n")

    def close(self) -> None:
        pass


def test_converter_faults_name_the_spec_line_and_leave_nothing(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path,
        f"kind: filing\nexhibits:\n  - title: Offer\n    files:\n      - {EVIDENCE / 'offer-letter.pdf'}\n",
    )
    with pytest.raises(ConversionError, match=rf"^{spec}:5: exhibit A 'Offer': .*offer-letter.pdf: .*crashed"):
        build_packet(spec, tmp_path / "out.pdf", converter=CrashingConverter(), allow_dirs=[EVIDENCE])
    with pytest.raises(DamagedFileError, match=r"offer-letter.pdf: the PDF is damaged"):
        build_packet(spec, tmp_path / "out.pdf", converter=GarbageConverter(), allow_dirs=[EVIDENCE])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet.yaml"]
