"""The two sample packets, built with the real forms, letters and LibreOffice, read back like a reader would."""

from __future__ import annotations

import io
import json
import re
import stat
from pathlib import Path

import pikepdf
import pytest

from docgen.cli import main
from docgen.forms.fill import fill_form
from docgen.forms.pdf import read_fields
from docgen.letters import OfficeConverter
from docgen.packets import PacketResult, build_packet, check_file

from .conftest import SAMPLES
from .packetcheck import EVIDENCE, PACKETS, margin_text, outline, page_texts, sha256
from .pdfcheck import flattened_text, reopen_values

BATES = re.compile(r"ACME-(\d{6})")


@pytest.fixture(scope="module")
def rfe(tmp_path_factory: pytest.TempPathFactory, office: OfficeConverter) -> PacketResult:
    out = tmp_path_factory.mktemp("rfe") / "rfe.pdf"
    return build_packet(PACKETS / "rfe-response.yaml", out, converter=office)


@pytest.fixture(scope="module")
def filing(tmp_path_factory: pytest.TempPathFactory, office: OfficeConverter) -> PacketResult:
    out = tmp_path_factory.mktemp("filing") / "filing.pdf"
    return build_packet(PACKETS / "h1b-filing.yaml", out, converter=office)


def sections(result: PacketResult) -> list[dict[str, object]]:
    return list(result.manifest["sections"])


# --- order of parts -------------------------------------------------------------------------------


def test_rfe_parts_follow_the_convention(rfe: PacketResult) -> None:
    """Notice on top (listed second in the spec), response letter, index, exhibits A-H."""
    kinds = [(s["kind"], s.get("role"), s.get("label")) for s in sections(rfe)]
    assert kinds[:3] == [("part", "notice", None), ("part", "cover-letter", None), ("index", "index", None)]
    assert [label for _k, _r, label in kinds[3:]] == list("ABCDEFGH")
    texts = page_texts(rfe.files[0].path)
    assert "I-797E" in texts[0] and "Request for Evidence" in texts[0]
    letter = sections(rfe)[1]["pages"]
    assert "Response to Request for Evidence" in texts[letter[0] - 1]  # type: ignore[index]
    index = sections(rfe)[2]["pages"]
    assert "Index of Exhibits" in texts[index[0] - 1]  # type: ignore[index]


def test_filing_parts_follow_the_convention(filing: PacketResult) -> None:
    """G-1145 on top (listed last in the spec), the forms, the support letter, the index, the exhibits."""
    titles = [s["title"] for s in sections(filing)]
    assert titles[:6] == [
        "Form G-1145",
        "Form I-907, Request for Premium Processing",
        "Form I-539 (Emeka Okafor)",
        "Form I-765 (Emeka Okafor)",
        "Support letter",
        "Index of exhibits",
    ]
    texts = page_texts(filing.files[0].path)
    starts = {s["title"]: s["pages"][0] - 1 for s in sections(filing)}  # type: ignore[index]
    assert "e-Notification of Application/Petition Acceptance" in texts[starts["Form G-1145"]]
    assert "Request for Premium Processing" in texts[starts["Form I-907, Request for Premium Processing"]]
    assert "Application to Extend/Change" in texts[starts["Form I-539 (Emeka Okafor)"]]
    assert "Application For Employment Authorization" in texts[starts["Form I-765 (Emeka Okafor)"]]
    assert "Acme Analytics" in texts[starts["Support letter"]]


# --- bookmarks -----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["rfe", "filing"])
def test_a_bookmark_for_every_part_and_exhibit(which: str, request: pytest.FixtureRequest) -> None:
    result: PacketResult = request.getfixturevalue(which)
    marks = outline(result.files[0].path)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    exhibits = [(title, page) for depth, title, page in marks if depth == 1]
    for section in sections(result):
        first = section["pages"][0] - 1  # type: ignore[index]
        if section["kind"] == "exhibit":
            assert (f"Exhibit {section['label']}: {section['title']}", first) in exhibits
        else:
            assert (section["title"], first) in top
    assert ("Exhibits", sections(result)[-len(exhibits)]["pages"][0] - 1) in top  # type: ignore[index]
    documents = [(title, page) for depth, title, page in marks if depth == 2]
    for section in sections(result):
        for document in section["documents"]:  # type: ignore[attr-defined]
            if section["kind"] == "exhibit":
                assert (document["title"], document["pages"][0] - 1) in documents


# --- index ---------------------------------------------------------------------------------------


def _index_rows(text: str) -> dict[str, tuple[int, int, str, str]]:
    rows = {}
    for match in re.finditer(r"^([A-Z])\s{2,}.*?\s(\d+)(?:-(\d+))?\s+(ACME-\d{6}) - (ACME-\d{6})\s*$", text, re.M):
        first = int(match.group(2))
        last = int(match.group(3) or first)
        rows[match.group(1)] = (first, last, match.group(4), match.group(5))
    return rows


def test_every_index_range_is_the_real_pages_of_its_exhibit(rfe: PacketResult) -> None:
    texts = page_texts(rfe.files[0].path)
    index = next(s for s in sections(rfe) if s["kind"] == "index")
    index_text = "\n".join(texts[index["pages"][0] - 1 : index["pages"][1]])  # type: ignore[index]
    rows = _index_rows(index_text)
    exhibits = [s for s in sections(rfe) if s["kind"] == "exhibit"]
    assert sorted(rows) == [s["label"] for s in exhibits]
    for number, exhibit in enumerate(exhibits):
        first, last, first_stamp, last_stamp = rows[exhibit["label"]]  # type: ignore[index]
        assert [first, last] == exhibit["pages"]
        # the range starts at the exhibit's divider sheet ...
        assert re.search(rf"Exhibit {exhibit['label']}\b", texts[first - 1])
        # ... and ends right before the next exhibit's divider (or the end of the packet)
        if number + 1 < len(exhibits):
            assert re.search(rf"Exhibit {exhibits[number + 1]['label']}\b", texts[last])
        else:
            assert last == len(texts)
        # the Bates range printed is the stamps on those very pages
        assert BATES.search(texts[first - 1]).group(0) == first_stamp  # type: ignore[union-attr]
        assert BATES.search(texts[last - 1]).group(0) == last_stamp  # type: ignore[union-attr]


def test_exhibit_pages_hold_their_documents(rfe: PacketResult) -> None:
    """Independent page counts: each evidence file's pages sit inside its exhibit, in order."""
    texts = page_texts(rfe.files[0].path)
    by_label = {s["label"]: s for s in sections(rfe) if s["kind"] == "exhibit"}
    opinion = by_label["A"]["documents"][0]  # type: ignore[index]
    with pikepdf.open(EVIDENCE / "expert-opinion.pdf") as source:
        assert opinion["pages"][1] - opinion["pages"][0] + 1 == len(source.pages)
    assert "Opinion letter of Professor Amara Lindgren" in texts[opinion["pages"][0] - 1]
    assert opinion["pages"][0] == by_label["A"]["pages"][0] + 1  # type: ignore[index]
    cv = by_label["A"]["documents"][1]  # type: ignore[index]
    assert "Curriculum vitae" in texts[cv["pages"][0] - 1]  # the DOCX, converted by LibreOffice
    w2 = by_label["E"]["documents"]  # type: ignore[index]
    assert [d["source"] for d in w2] == [f"evidence/w2/w2-{year}.jpg" for year in (2023, 2024, 2025)]
    assert [d["pages"] for d in w2] == [[p, p] for p in range(w2[0]["pages"][0], w2[0]["pages"][0] + 3)]


# --- stamps --------------------------------------------------------------------------------------


def test_a_bates_stamp_on_every_page_in_sequence(rfe: PacketResult) -> None:
    margins = margin_text(rfe.files[0].path)
    assert len(margins) == rfe.pages == len(page_texts(rfe.files[0].path))
    for number, text in enumerate(margins, 1):
        assert BATES.findall(text) == [f"{number:06d}"], f"page {number}"


def test_page_n_of_m_on_every_page_in_sequence(filing: PacketResult) -> None:
    margins = margin_text(filing.files[0].path)
    total = filing.pages
    assert len(margins) == total
    for number, text in enumerate(margins, 1):
        assert re.findall(rf"Page (\d+) of {total}\b", text) == [str(number)], f"page {number}"


def test_stamps_keep_clear_of_the_form_footer(filing: PacketResult) -> None:
    """On a USCIS form page the stamp sits between the bar code and the form's own page number."""
    result = filing
    i765 = next(s for s in sections(result) if s["title"] == "Form I-765 (Emeka Okafor)")
    page = i765["pages"][0]  # type: ignore[index]
    text = page_texts(result.files[0].path)[page - 1]
    footer = next(line for line in text.splitlines() if "Edition" in line)
    assert re.search(rf"Page {page} of {result.pages}\s+Page 1 of 7", footer)
    assert "white box" not in " ".join(result.notes)


def test_page_labels_show_the_bates_numbers(rfe: PacketResult) -> None:
    with pikepdf.open(rfe.files[0].path) as pdf:
        labels = [page.label for page in pdf.pages]
    assert labels == [f"ACME-{n:06d}" for n in range(1, rfe.pages + 1)]


# --- forms ---------------------------------------------------------------------------------------


def test_filled_forms_keep_their_fields_under_unique_names(filing: PacketResult) -> None:
    with pikepdf.open(filing.files[0].path) as pdf:
        fields = read_fields(pdf)
        tops = [str(f.T) for f in pdf.Root.AcroForm.Fields]
    assert tops == ["p01-G-1145", "p02-I-907", "p03-I-539-spouse", "p04-I-765-spouse"]
    values = reopen_values(filing.files[0].path.read_bytes())
    case = SAMPLES / "cases" / "h1b-okafor.yaml"
    filled: list[str] = []
    for prefix, form, person in [("p03-I-539-spouse", "I-539", "spouse"), ("p04-I-765-spouse", "I-765", "spouse")]:
        result = fill_form(form, case, person=person)
        alone = reopen_values(result.data)
        for name, value in alone.items():
            assert values[f"{prefix}.{name}"] == value, name
        filled += [f"{prefix}.{name}" for name in result.values]
    assert len(fields) == len(set(fields))
    # every filled widget carries its own appearance, so the values show without NeedAppearances
    with pikepdf.open(filing.files[0].path) as pdf:
        assert "/NeedAppearances" not in pdf.Root.AcroForm
        targets = read_fields(pdf)
        for name in filled:
            assert all("/AP" in w.obj for w in targets[name].widgets), name


def test_filled_values_visible_in_the_packet(filing: PacketResult) -> None:
    text = flattened_text(filing.files[0].path.read_bytes())
    for value in ("Okafor", "Emeka", "Tobenna", "Acme Analytics", "B12345678"):
        assert value in text


def test_no_scripts_no_xfa_and_preflight_passes(filing: PacketResult, rfe: PacketResult) -> None:
    for result in (filing, rfe):
        report = check_file(result.files[0].path, "uscis-online")
        assert report.ok, report.lines()
        statuses = {f.check: f.status for f in report.findings}
        assert statuses["javascript"] == statuses["encryption"] == statuses["page size"] == "ok"
        with pikepdf.open(result.files[0].path) as pdf:
            assert "/XFA" not in pdf.Root.get("/AcroForm", {})


# --- manifest and outputs ------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["rfe", "filing"])
def test_manifest_hashes_are_right(which: str, request: pytest.FixtureRequest) -> None:
    result: PacketResult = request.getfixturevalue(which)
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    assert manifest == result.manifest
    (entry,) = manifest["files"]
    assert entry["sha256"] == sha256(result.files[0].path)
    assert entry["bytes"] == result.files[0].path.stat().st_size
    spec_folder = PACKETS
    for section in manifest["sections"]:
        for document in section["documents"]:
            if document["kind"] in ("evidence", "notice", "document"):
                assert document["sha256"] == sha256(spec_folder / document["source"]), document["source"]


def test_outputs_are_private(rfe: PacketResult) -> None:
    for path in (rfe.files[0].path, rfe.manifest_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_same_spec_same_bytes(rfe: PacketResult, tmp_path: Path, office: OfficeConverter) -> None:
    again = build_packet(PACKETS / "rfe-response.yaml", tmp_path / "again.pdf", converter=office)
    assert again.files[0].sha256 == rfe.files[0].sha256


def test_the_letter_lists_the_packets_exhibits(rfe: PacketResult) -> None:
    texts = page_texts(rfe.files[0].path)
    letter = next(s for s in sections(rfe) if s["role"] == "cover-letter")
    text = " ".join(" ".join(texts[letter["pages"][0] - 1 : letter["pages"][1]]).split())  # type: ignore[index]
    assert "Exhibit F (Pay statements for July, August and September 2026, ACME-" in text
    assert "Vacancy announcements for comparable positions, 2024 to 2026 (3 pages)" in text


def test_the_letter_cites_each_exhibits_real_bates_range(rfe: PacketResult) -> None:
    texts = page_texts(rfe.files[0].path)
    letter = next(s for s in sections(rfe) if s["role"] == "cover-letter")
    text = " ".join(" ".join(texts[letter["pages"][0] - 1 : letter["pages"][1]]).split())  # type: ignore[index]
    cited = re.findall(r"Exhibit ([A-H]) \([^()]*?, (ACME-\d{6}) to (ACME- ?\d{6})\)", text)
    assert len({label for label, _first, _last in cited}) >= 6, text
    exhibits = {s["label"]: s["stamps"] for s in sections(rfe) if s["kind"] == "exhibit"}
    for label, first, last in cited:
        assert [first, last.replace(" ", "")] == exhibits[label], label
        # and the stamp printed on that page is that number
        assert BATES.search(texts[int(first[5:]) - 1]).group(0) == first  # type: ignore[union-attr]


# --- command line --------------------------------------------------------------------------------


def test_cli_build_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = PACKETS / "rfe-response.yaml"
    out = tmp_path / "packet.pdf"
    assert main(["packet", "build", str(spec), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"{out}: pages 1-31 of 31" in printed and "ACME-000001 to ACME-000031" in printed
    assert (tmp_path / "packet.manifest.json").is_file()
    assert main(["packet", "check", str(out), "--profile", "uscis-online"]) == 0
    assert "passes" in capsys.readouterr().out


def test_cli_check_fails_on_an_encrypted_form(capsys: pytest.CaptureFixture[str], forms_dir: Path) -> None:
    """The blank USCIS forms are owner-password encrypted and carry scripts: not for upload as they are."""
    assert main(["packet", "check", str(forms_dir / "i-765.pdf")]) == 9
    captured = capsys.readouterr()
    assert "error   encryption" in captured.out and "error   javascript" in captured.out
    assert "fail profile uscis-online" in captured.err


def test_cli_check_reports_page_size_and_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a4 = tmp_path / "a4.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(595, 842))
        pdf.add_blank_page(page_size=(612, 792))
        pdf.save(a4)
    assert main(["packet", "check", str(a4), "--profile", "paper"]) == 9
    out = capsys.readouterr().out
    assert "not letter: 8.26 x 11.69 in on pages 1" in out
    big = tmp_path / "big.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(612, 792))
        pdf.attachments["filler.bin"] = pikepdf.AttachedFileSpec(pdf, bytes(6_500_000))
        buffer = io.BytesIO()
        pdf.save(buffer, compress_streams=False)
    big.write_bytes(buffer.getvalue())
    assert main(["packet", "check", str(big), "--profile", "uscis-online-6mb"]) == 9
    out = capsys.readouterr().out
    assert re.search(r"error\s+size\s+6\.5 MB; limit 6\.0 MB", out)
    assert re.search(r"error\s+embedded files\s+1 attached", out)


def test_cli_profiles_name_their_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packet", "profiles"]) == 0
    out = capsys.readouterr().out
    assert "uscis-online: " in out and "https://www.uscis.gov/forms/filing-guidance/form-filing-tips" in out
    assert "as of 2026-11-23" in out


def test_sample_evidence_is_small() -> None:
    total = sum(p.stat().st_size for p in EVIDENCE.rglob("*") if p.is_file())
    assert total < 2_000_000
