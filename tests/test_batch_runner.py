"""The one batch runner: letters read a case's logo from its folder; resume notices every input it uses."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from docgen.batch.jobs import Job, Task
from docgen.batch.tasks import TASK_KINDS, PacketTask
from docgen.bundled import bundled_dir
from docgen.cli import main

from .conftest import FORMS_DIR, SAMPLES


def report(out: Path) -> dict[str, dict[str, str]]:
    return {r["case_id"]: r for r in csv.DictReader((out / "batch-report.csv").read_text().splitlines())}


def images(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [n for n in archive.namelist() if n.startswith("word/media/")]


def test_one_registry_of_task_kinds() -> None:
    assert sorted(TASK_KINDS) == ["form", "letter", "packet"]
    assert main(["batch", "fill", "I-765", "--cases", "nope.csv", "--out-dir", "o"]) == 2  # no cases, no pool


def test_batch_letter_reads_the_logo_from_the_case_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The L-1A sample's ``petitioner.logo: ../logos/...`` works from any working directory."""
    (tmp_path / "firm" / "cases").mkdir(parents=True)
    shutil.copytree(SAMPLES / "logos", tmp_path / "firm" / "logos")
    shutil.copy(SAMPLES / "cases" / "l1a-hoshino.yaml", tmp_path / "firm" / "cases")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = tmp_path / "out"
    args = ["batch", "letter", "l1a_support", "--cases", "../firm/cases", "--out-dir", str(out), "--format", "docx"]
    assert main(args) == 0, capsys.readouterr().err
    (letter,) = out.glob("*_l1a_support.docx")
    assert images(letter.read_bytes()), "the letterhead logo is missing"
    # the same case as a spreadsheet row: the logo is read from the sheet's folder
    row = {"case_id": "SHEET-1", **_flat(tmp_path / "firm" / "cases" / "l1a-hoshino.yaml")}
    sheet = tmp_path / "firm" / "cases" / "staff.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    sheet_out = tmp_path / "sheet-out"
    args = ["letter", "l1a_support", "--cases", str(sheet), "--out-dir", str(sheet_out), "--format", "docx"]
    assert main(args) == 0, capsys.readouterr().err
    assert images((sheet_out / "SHEET-1_l1a_support.docx").read_bytes())


def _flat(path: Path) -> dict[str, str]:
    from docgen.batch.sources import flatten_case

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("case_id")
    return {k: str(v) for k, v in flatten_case(data).items()}


def test_resume_notices_a_changed_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(SAMPLES / "cases" / "h1b-okafor.yaml", cases)
    data = tmp_path / "letter-data.yaml"
    shutil.copy(SAMPLES / "letters" / "h1b-okafor.yaml", data)
    out = tmp_path / "out"
    args = ["batch", "letter", "rfe_response", "--cases", str(cases), "--out-dir", str(out)]
    args += ["--format", "docx", "--data", str(data), "--resume", "--workers", "1"]
    assert main(args) == 0, capsys.readouterr().err
    assert main(args) == 0
    assert [r["status"] for r in report(out).values()] == ["skipped"]
    data.write_text(data.read_text(encoding="utf-8") + "\n# a new point for the response\n", encoding="utf-8")
    assert main(args) == 0
    assert [r["status"] for r in report(out).values()] == ["done"]  # same path, new contents: done again


def test_packet_resume_hashes_the_maps_templates_and_letter_data_it_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    maps, letters = tmp_path / "maps", tmp_path / "letters"
    maps.mkdir()
    letters.mkdir()
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "kind: rfe-response\n"
        "parts:\n"
        "  - {form: G-1145, for: spouse}\n"
        f"  - {{letter: rfe_response, data: {SAMPLES / 'letters' / 'h1b-okafor.yaml'}}}\n",
        encoding="utf-8",
    )
    task = Task("packet", spec.name, None, (("spec", str(spec)),))
    job = Job("case", {}, (task,), "{case_id}_{form}.pdf", forms_dir=str(FORMS_DIR), maps_dir=str(maps))
    monkeypatch.setenv("DOCGEN_LETTERS_DIR", str(letters))
    before = PacketTask().inputs(task, job)
    assert set(before) == {
        "packet:spec.yaml",
        "packet:form:G-1145",
        "packet:letter:rfe_response",
        "packet:letter:rfe_response:data",
    }
    map_text = (bundled_dir("form_maps") / "g-1145_09-26-14.yaml").read_text(encoding="utf-8")
    (maps / "g-1145_09-26-14.yaml").write_text(map_text + "\n# the firm's copy\n", encoding="utf-8")
    after_map = PacketTask().inputs(task, job)
    assert after_map["packet:form:G-1145"] != before["packet:form:G-1145"]
    shutil.copy(bundled_dir("letter_templates") / "employment_verification.docx", letters / "rfe_response.docx")
    after_letter = PacketTask().inputs(task, job)
    assert after_letter["packet:letter:rfe_response"] != before["packet:letter:rfe_response"]
    assert after_letter["packet:spec.yaml"] == before["packet:spec.yaml"]


def test_a_worker_writes_nothing_for_a_failed_case(tmp_path: Path) -> None:
    """Files of a case appear only when every task of the case succeeded."""
    from docgen.batch.runner import make_jobs, run_batch
    from docgen.batch.sources import read_cases

    cases = tmp_path / "cases"
    cases.mkdir()
    data = yaml.safe_load((SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8"))
    (cases / "a.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    tasks = (Task("form", "G-1145", "spouse"), Task("form", "I-765", "nobody"))
    result = run_batch(make_jobs(read_cases(cases), tasks, "{case_id}_{form}.pdf"), tmp_path / "out", workers=1)
    assert [o.status for o in result.outcomes] == ["failed"] and "has no person 'nobody'" in result.outcomes[0].error
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".docgen-batch-journal.jsonl",
        ".docgen-batch.lock",
        "batch-report.csv",
        "batch-report.json",
    ]
    journal = [json.loads(line) for line in (tmp_path / "out" / ".docgen-batch-journal.jsonl").read_text().splitlines()]
    assert journal[0]["outputs"] == [] and journal[0]["status"] == "failed"


def test_resume_notices_a_changed_logo_of_a_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "cases").mkdir()
    shutil.copytree(SAMPLES / "logos", tmp_path / "logos")
    shutil.copy(SAMPLES / "cases" / "l1a-hoshino.yaml", tmp_path / "cases")
    out = tmp_path / "out"
    args = ["batch", "letter", "l1a_support", "--cases", str(tmp_path / "cases"), "--out-dir", str(out)]
    args += ["--format", "docx", "--resume"]
    assert main(args) == 0, capsys.readouterr().err
    assert main(args) == 0
    assert [r["status"] for r in report(out).values()] == ["skipped"]
    shutil.copy(SAMPLES / "logos" / "acme-analytics.png", tmp_path / "logos" / "hoshino-robotics.png")
    assert main(args) == 0
    assert [r["status"] for r in report(out).values()] == ["done"]  # a new letterhead: the letter is redone


def test_a_letter_edited_in_word_is_never_replaced_by_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch run again into its folder wrote over the letters counsel had since edited in Word. Unedited letters
    are still replaced; an edited one stops the run before any case runs (exit 12, one line naming it and the
    fix); --resume, which leaves it as it is, goes ahead; moved away, it is rendered anew."""
    import docx

    cases = tmp_path / "cases"
    cases.mkdir()
    data = yaml.safe_load((SAMPLES / "cases" / "h1b-okafor.yaml").read_text(encoding="utf-8"))
    for case_id in ("LTR-0", "LTR-1"):
        (cases / f"{case_id}.yaml").write_text(yaml.safe_dump({**data, "case_id": case_id}), encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", "letter", "h1b_support", "--cases", str(cases), "--out-dir", str(out), "--format", "docx"]
    args += ["--workers", "1"]
    assert main(args) == 0, capsys.readouterr().err
    assert main(args) == 0  # nothing edited: both replaced
    assert [r["status"] for r in report(out).values()] == ["done", "done"]
    edited = out / "LTR-0_h1b_support.docx"
    letter = docx.Document(str(edited))
    letter.add_paragraph("Counsel's note: see the amended itinerary.")
    letter.save(str(edited))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".docx"}
    capsys.readouterr()
    assert main(args) == 12
    assert capsys.readouterr().err == (
        f"docgen: error: {out}: LTR-0_h1b_support.docx changed since docgen wrote it (edited in Word?); the batch "
        "would replace it: move it out of the folder (and carry the changes over to the new letter), or give "
        "another --out-dir; then run again\n"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".docx"} == before  # nothing written
    assert main([*args, "--resume"]) == 0  # both done with the same inputs: skipped, the edit kept
    assert edited.read_bytes() == before[edited.name]
    edited.rename(tmp_path / "LTR-0-edited.docx")
    assert main(args) == 0
    assert edited.read_bytes()[:2] == b"PK" and edited.read_bytes() != before[edited.name]
