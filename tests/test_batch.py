"""Batch fill for counsel: CSV and XLSX with bad rows, resume after an interrupt, Dask gives the same bytes."""

from __future__ import annotations

import contextlib
import copy
import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from docgen import faults
from docgen.batch.runner import Task, make_jobs, run_batch
from docgen.batch.sources import flatten_case, read_cases
from docgen.cli import main
from docgen.errors import UsageError

from .conftest import FORMS_DIR, ROOT, SAMPLES


def _ctrl_c_as_at_a_terminal() -> None:
    """A child started from a test gets Ctrl-C as a terminal gives it: a test process whose SIGINT was ignored
    (a background job, or something earlier in the same worker) would pass SIG_IGN on and the press never lands."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


BAD = {7: "missing name", 12: "impossible date", 20: "unknown column"}


def make_rows(count: int) -> tuple[list[str], list[dict[str, Any]]]:
    data = yaml.safe_load((SAMPLES / "cases" / "h1b-okafor.yaml").read_text())
    rows = []
    for index in range(count):
        case = copy.deepcopy(data)
        case["case_id"] = f"CAP-{index:03d}"
        case["dependents"][0]["given_name"] = f"Emeka{index}"
        rows.append(flatten_case(case))
    if count > max(BAD):
        rows[7]["dependents[0].family_name"] = ""
        rows[12]["dependents[0].birth_date"] = "13/45/1990"
        rows[20]["dependents[0].famly_name"] = "Okafor"
    columns = ["case_id", *sorted({c for r in rows for c in r} - {"case_id"})]
    return columns, rows


def write_csv(path: Path, count: int) -> Path:
    return write_rows(path, *make_rows(count))


def write_rows(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerow({c: "# description row" if c == "case_id" else "" for c in columns})
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, count: int) -> Path:
    columns, rows = make_rows(count)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) if row.get(c) != "" else None for c in columns])
    book.save(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_fifty_cases_good_filled_bad_reported(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_csv(tmp_path / "cases.csv", 50) if kind == "csv" else write_xlsx(tmp_path / "cases.xlsx", 50)
    out = tmp_path / "out"
    code = main(
        [
            "batch",
            "fill",
            "I-765",
            "--cases",
            str(source),
            "--out-dir",
            str(out),
            "--for",
            "spouse",
            "--workers",
            "2",
            "--forms-dir",
            str(FORMS_DIR),
        ]
    )
    err = capsys.readouterr().err
    assert code == 13 and "batch 3 case(s) failed" in err
    report = list(csv.DictReader((out / "batch-report.csv").read_text().splitlines()))
    assert len(report) == 50
    failed = {int(r["case_id"].split("-")[1]): r["error"] for r in report if r["status"] == "failed"}
    assert set(failed) == set(BAD)
    assert "dependents[0].family_name: is required but missing" in failed[7]
    assert "dependents[0].birth_date: the value is not a date" in failed[12]
    assert "1990" not in failed[12]  # a birth date is never repeated
    assert "unknown column 'dependents[0].famly_name'; did you mean 'dependents[0].family_name'?" in failed[20]
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert len(pdfs) == 47 and "CAP-000_I-765.pdf" in pdfs and "CAP-007_I-765.pdf" not in pdfs
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in out.glob("*.pdf"))


def test_unknown_column_only_fails_rows_that_use_it(tmp_path: Path) -> None:
    rows = read_cases(write_csv(tmp_path / "cases.csv", 25))
    assert [r.label for r in rows if r.problem] == ["cases.csv row 23"]  # header, description, then rows 0..
    assert rows[0].data["dependents"][0]["given_name"] == "Emeka0"


def journal_entries(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / ".docgen-batch-journal.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_resume_after_interrupt_does_only_the_rest(tmp_path: Path, workers: str) -> None:
    """Ctrl-C pressed the moment the third case has been written to the journal (the fault hook sends SIGINT
    there, where a real Ctrl-C once landed by chance): the report lists exactly the cases the journal holds, the
    others as not started, and --resume does only the rest."""
    columns, rows = make_rows(8)
    rows[1]["dependents[0].family_name"] = ""  # a case that fails: journaled, reported failed, redone on resume
    source = write_rows(tmp_path / "cases.csv", columns, rows)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docgen.cli", "batch", "fill", "I-765", "--cases", str(source)]
    command += ["--out-dir", str(out), "--for", "spouse", "--workers", workers, "--forms-dir", str(FORMS_DIR)]
    env = {**os.environ, "DOCGEN_INTERRUPT_AT": "case-journaled#3"}
    proc = subprocess.run(
        command, cwd=ROOT, capture_output=True, env=env, timeout=120, check=False, preexec_fn=_ctrl_c_as_at_a_terminal
    )
    err = proc.stderr.decode()
    assert proc.returncode == 13, err
    assert "interrupted" in err and "Traceback" not in err
    assert not list(out.glob("*.part")) and not list(out.glob(".*.part"))
    entries = journal_entries(out)
    journaled = {e["label"]: e["status"] for e in entries}
    assert len(entries) == len(journaled) == 3
    first = json.loads((out / "batch-report.json").read_text())
    reported = {r["case"]: r["status"] for r in first["cases"] if r["status"] != "not started"}
    assert reported == journaled  # the report says what the journal says, case for case
    assert first["interrupted"] is True and first["not_started"] == 5 and len(first["cases"]) == 8
    for entry in entries:
        assert (out / f"{entry['case_id']}_I-765.pdf").exists() == (entry["status"] == "done"), entry
    code = main([*command[3:-4], "--workers", "2", "--resume", "--forms-dir", str(FORMS_DIR)])
    assert code == 13  # the bad row still fails
    second = json.loads((out / "batch-report.json").read_text())
    skipped = {r["case"] for r in second["cases"] if r["status"] == "skipped"}
    redone = {r["case"] for r in second["cases"] if r["status"] in ("done", "failed")}
    assert skipped == {label for label, status in journaled.items() if status == "done"}
    assert not skipped & redone and len(skipped | redone) == 8
    assert len(list(out.glob("*.pdf"))) == 7
    journaled_twice = Counter(e["label"] for e in journal_entries(out)) - Counter(set(journaled) | redone)
    assert set(journaled_twice) <= {label for label, status in journaled.items() if status == "failed"}


def test_an_interrupt_the_batch_cannot_hold_still_leaves_report_and_journal_agreeing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where another handler owns SIGINT (a program calling run_batch with its own), the batch cannot make a press
    wait for the case being recorded: a KeyboardInterrupt landing just after a case was journaled still reaches
    the report, which takes that case from the journal."""
    rows = read_cases(write_csv(tmp_path / "cases.csv", 4))
    jobs = make_jobs(rows, (Task("form", "I-765", "spouse"),), "{case_id}_{form}.pdf", forms_dir=str(FORMS_DIR))
    monkeypatch.setenv("DOCGEN_INTERRUPT_AT", "case-journaled#2")
    monkeypatch.setattr(faults, "_reached", Counter())

    def theirs(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, theirs)
    try:
        report = run_batch(jobs, tmp_path / "out", workers=1)
    finally:
        signal.signal(signal.SIGINT, previous)
    journaled = {e["label"]: e["status"] for e in journal_entries(tmp_path / "out")}
    assert report.interrupted and len(journaled) == 2 and len(report.not_started) == 2
    assert {o.label: o.status for o in report.outcomes} == journaled
    saved = json.loads((tmp_path / "out" / "batch-report.json").read_text())
    assert {r["case"]: r["status"] for r in saved["cases"] if r["status"] != "not started"} == journaled


def test_a_second_batch_into_the_same_folder_is_refused_and_a_killed_ones_lock_does_not_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two batches into one folder both ran and wrote the journal twice over. The second is refused at once (exit
    11, one line naming the folder and the fix) while the first goes on; the first killed with kill -9, its lock
    goes with it and --resume finishes the work, each case journaled once."""
    source = write_csv(tmp_path / "cases.csv", 16)
    out = tmp_path / "out"
    args = ["batch", "fill", "I-765", "--cases", str(source), "--out-dir", str(out), "--for", "spouse"]
    args += ["--workers", "1", "--forms-dir", str(FORMS_DIR)]
    first = subprocess.Popen([sys.executable, "-m", "docgen.cli", *args], cwd=ROOT, stderr=subprocess.DEVNULL)
    journal = out / ".docgen-batch-journal.jsonl"

    def journaled() -> int:
        return len(journal.read_text().splitlines()) if journal.exists() else 0

    try:
        deadline = time.monotonic() + 120
        while journaled() < 1 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert main(args) == 11
        assert capsys.readouterr().err == (
            f"docgen: error: {out}: another docgen batch is writing into this folder; wait for it to finish, or "
            "give another --out-dir\n"
        )
        assert not (out / "batch-report.json").exists()  # the refused run wrote nothing
        seen = journaled()
        while journaled() == seen and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None and journaled() < 16  # the first goes on
        first.kill()  # kill -9
        assert first.wait(timeout=60) == -signal.SIGKILL
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert main([*args, "--resume"]) == 0
    summary = json.loads((out / "batch-report.json").read_text())
    assert {r["status"] for r in summary["cases"]} == {"done", "skipped"} and len(summary["cases"]) == 16
    labels = Counter(e["label"] for e in journal_entries(out))
    assert len(labels) == 16 and set(labels.values()) == {1}


def test_ctrl_c_pressed_again_while_stopping_still_ends_the_command(tmp_path: Path) -> None:
    """An impatient user presses Ctrl-C several times: the terminal sends it to the driver and its workers; the
    batch still stops, writes its report and returns (it used to wait forever for workers never told to stop)."""
    source = write_csv(tmp_path / "cases.csv", 40)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "docgen.cli", "batch", "fill", "I-765", "--cases", str(source)]
    command += ["--out-dir", str(out), "--for", "spouse", "--workers", "2", "--forms-dir", str(FORMS_DIR)]
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )
    journal = out / ".docgen-batch-journal.jsonl"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (not journal.exists() or len(journal.read_text().splitlines()) < 3):
            time.sleep(0.05)
        report = out / "batch-report.json"
        deadline = time.monotonic() + 60
        while not report.exists() and proc.poll() is None and time.monotonic() < deadline:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C, again and again, until the batch has stopped
            time.sleep(0.02)
        _, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == 13, err.decode()
    assert b"interrupted" in err and b"Traceback" not in err
    summary = yaml.safe_load(report.read_text())
    assert summary["interrupted"] is True and summary["done"] + summary["failed"] + summary["not_started"] == 40


def test_dask_cluster_gives_byte_identical_outputs(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    rows = read_cases(write_csv(tmp_path / "cases.csv", 6))
    jobs = make_jobs(
        rows,
        (Task("form", "I-765", "spouse"), Task("form", "G-1145", "spouse")),
        "{case_id}_{form}.pdf",
        forms_dir=str(FORMS_DIR),
    )
    local = run_batch(jobs, tmp_path / "local", workers=2, progress=None)
    env = {"DOCGEN_FORMS_DIR": str(FORMS_DIR)}
    os.environ.update(env)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = run_batch(jobs, tmp_path / "dask", executor=client.get_executor(), progress=None)
    assert [o.status for o in local.outcomes] == [o.status for o in remote.outcomes]
    names = sorted(p.name for p in (tmp_path / "local").glob("*.pdf"))
    assert len(names) == 12
    for name in names:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name


def test_template_has_a_column_per_path_with_descriptions_and_choices(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    assert (
        main(
            [
                "batch",
                "template",
                "I-765",
                "G-1145",
                "--for",
                "dependents[0]",
                "-o",
                str(out),
                "--forms-dir",
                str(FORMS_DIR),
            ]
        )
        == 0
    )
    sheet = load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    described = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert header[0] == "case_id" and str(described["case_id"]).startswith("#")
    assert "dependents[0].a_number" in header and "dependents[0].extra.I-765.reason" not in header
    assert str(described["dependents[0].family_name"]).startswith("I-765: Part 2. Information About You")
    validations = {
        str(v.sqref).split(":")[0].rstrip("0123456789"): v.formula1 for v in sheet.data_validations.dataValidation
    }
    sex_col = sheet.cell(row=1, column=header.index("dependents[0].sex") + 1).column_letter
    assert validations[sex_col] == '"M,F,X"'
    with pytest.raises(UsageError, match="no cases found"):  # the description row is a comment, not a case
        read_cases(out)


def test_batch_letters_and_packets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    data = yaml.safe_load((SAMPLES / "cases" / "h1b-okafor.yaml").read_text())
    for index in range(2):
        data["case_id"] = f"LTR-{index}"
        (cases / f"case{index}.yaml").write_text(yaml.safe_dump(data))
    del data["job"]  # a support letter without a job cannot be written
    data["case_id"] = "LTR-BAD"
    (cases / "case9.yaml").write_text(yaml.safe_dump(data))
    out = tmp_path / "letters"
    code = main(
        [
            "batch",
            "letter",
            "h1b_support",
            "--cases",
            str(cases),
            "--out-dir",
            str(out),
            "--format",
            "docx",
            "--workers",
            "2",
        ]
    )
    assert code == 13
    report = {r["case_id"]: r for r in csv.DictReader((out / "batch-report.csv").read_text().splitlines())}
    assert report["LTR-0"]["outputs"] == "LTR-0_h1b_support.docx" and report["LTR-1"]["status"] == "done"
    assert report["LTR-BAD"]["status"] == "failed" and "job" in report["LTR-BAD"]["error"]
    assert (out / "LTR-0_h1b_support.docx").read_bytes()[:2] == b"PK"
    (cases / "case9.yaml").unlink()
    (cases / "case1.yaml").unlink()
    packets = tmp_path / "packets"
    code = main(
        [
            "batch",
            "packet",
            str(SAMPLES / "packets" / "h1b-filing.yaml"),
            "--cases",
            str(cases),
            "--out-dir",
            str(packets),
            "--workers",
            "1",
            "--forms-dir",
            str(FORMS_DIR),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert (packets / "LTR-0_h1b-filing.pdf").read_bytes().startswith(b"%PDF")
    manifest = yaml.safe_load((packets / "LTR-0_h1b-filing.manifest.json").read_text())
    assert manifest and "LTR-0" in (packets / "LTR-0_h1b-filing.manifest.json").read_text()


def test_sheet_mistakes_are_caught_before_anything_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "cases.csv"
    sheet.write_text("case_id,beneficiary.family_name,beneficiary.family_name\nA,Doe,Roe\n")
    assert main(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(tmp_path / "o")]) == 3
    assert "column 'beneficiary.family_name' appears twice" in capsys.readouterr().err
    sheet.write_text("case_id,beneficiary.given_name\n")
    assert main(["batch", "fill", "I-765", "--cases", str(sheet), "--out-dir", str(tmp_path / "o")]) == 2
    assert "no cases found" in capsys.readouterr().err
    source = write_csv(tmp_path / "two.csv", 2)
    code = main(
        [
            "batch",
            "fill",
            "I-765",
            "G-1145",
            "--cases",
            str(source),
            "--out-dir",
            str(tmp_path / "p"),
            "--for",
            "spouse",
            "--pattern",
            "{case_id}.pdf",
            "--forms-dir",
            str(FORMS_DIR),
        ]
    )
    assert code == 2 and "CAP-000.pdf would be written twice" in capsys.readouterr().err
    assert not list((tmp_path / "p").glob("*.pdf"))


def test_form_answers_from_a_sheet_keep_their_type(tmp_path: Path) -> None:
    sheet = tmp_path / "cases.csv"
    sheet.write_text(
        "case_id,beneficiary.family_name,extra.I-539.applicants_total,extra.I-765.previously_filed,"
        "beneficiary.mailing_address.zip_code\nA,Doe,2,FALSE,02110\n"
    )
    (row,) = read_cases(sheet)
    assert row.data["extra"] == {"I-539": {"applicants_total": 2}, "I-765": {"previously_filed": False}}
    assert row.data["beneficiary"]["mailing_address"]["zip_code"] == "02110"


def test_zip_code_a_spreadsheet_took_for_a_number_is_refused_not_printed_short(tmp_path: Path) -> None:
    """Excel keeps 02139 typed in a General cell as the number 2139: that row fails with the fix; a whole ZIP
    code, typed as a number or as text, goes through as written."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["case_id", "beneficiary.family_name", "beneficiary.mailing_address.zip_code"])
    for row in (["A", "Doe", 2139], ["B", "Roe", 94105], ["C", "Poe", 21391234], ["D", "Moe", 941051234]):
        sheet.append(row)
    book.save(tmp_path / "cases.xlsx")
    (tmp_path / "cases.csv").write_text("case_id,beneficiary.mailing_address.zip_code\nE,2139\nF,02139\nG,94105-1234\n")
    rows = {r.case_id: r for r in read_cases(tmp_path / "cases.xlsx") + read_cases(tmp_path / "cases.csv")}
    for bad in ("A", "C", "E"):
        problem = rows[bad].problem or ""
        assert "beneficiary.mailing_address.zip_code: a ZIP code of" in problem, bad
        assert "format the column as Text" in problem
    for good, zip_code in (("B", "94105"), ("D", "941051234"), ("F", "02139"), ("G", "94105-1234")):
        assert rows[good].problem is None, good
        assert rows[good].data["beneficiary"]["mailing_address"]["zip_code"] == zip_code


def test_output_folder_that_cannot_be_written_is_one_line_before_any_case_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The journal cannot be written (here a folder stands where it goes; on a read-only folder the same):
    one line naming it and the fix, exit 12, no traceback, no case run."""
    out = tmp_path / "out"
    (out / ".docgen-batch-journal.jsonl").mkdir(parents=True)
    source = write_csv(tmp_path / "cases.csv", 2)
    command = ["batch", "fill", "I-765", "--cases", str(source), "--out-dir", str(out), "--for", "spouse"]
    assert main([*command, "--workers", "1", "--forms-dir", str(FORMS_DIR)]) == 12
    err = capsys.readouterr().err
    assert "cannot write the batch journal" in err and "rerun with --resume" in err
    assert not list(out.glob("*.pdf"))


def test_the_folder_of_case_files_is_not_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Outputs into the folder of case files put batch-report.json among the cases: the rerun the report asks
    for (--resume) then read it as a case and stopped. Refused up front, one line, nothing written."""
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "okafor.yaml").write_bytes((SAMPLES / "cases" / "h1b-okafor.yaml").read_bytes())
    command = ["batch", "fill", "I-907", "--cases", str(cases), "--out-dir", str(cases), "--workers", "1"]
    assert main([*command, "--forms-dir", str(FORMS_DIR)]) == 12
    assert "is the folder of case files" in capsys.readouterr().err
    assert sorted(p.name for p in cases.iterdir()) == ["okafor.yaml"]


@pytest.mark.editions_enforced
def test_accepted_edition_reaches_the_worker_processes_and_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = write_csv(tmp_path / "cases.csv", 2)
    common = ["batch", "fill", "I-539", "--for", "spouse", "--cases", str(cases), "--workers", "2"]
    common += ["--forms-dir", str(FORMS_DIR)]
    assert main([*common, "--out-dir", str(tmp_path / "refused")]) != 0  # the data refuses 02/04/19
    assert "does not accept edition 02/04/19" in capsys.readouterr().err
    out = tmp_path / "accepted"
    assert main([*common, "--out-dir", str(out), "--accept-edition", "I-539=02/04/19"]) == 0
    report = json.loads((out / "batch-report.json").read_text())
    assert report["done"] == 2 and report["accepted_editions"] == {"I-539": "02/04/19"}
    for row in report["cases"]:
        assert "I-539 edition 02/04/19 is not accepted by USCIS" in row["notes"]
        assert (out / row["outputs"]).read_bytes().startswith(b"%PDF")


@pytest.mark.editions_enforced
def test_accepted_edition_travels_with_the_job_to_a_fresh_worker(tmp_path: Path) -> None:
    """A forkserver worker inherits nothing of the driver's context: the job itself carries the acceptance."""
    import concurrent.futures as cf
    import multiprocessing

    rows = read_cases(write_csv(tmp_path / "cases.csv", 1))
    jobs = make_jobs(rows, (Task("form", "I-539", "spouse"),), "{case_id}_{form}.{ext}", forms_dir=str(FORMS_DIR))
    accepted = make_jobs(
        rows,
        (Task("form", "I-539", "spouse"),),
        "{case_id}_{form}.{ext}",
        forms_dir=str(FORMS_DIR),
        accept_editions=(("I-539", "02/04/19"),),
    )
    with cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver")) as pool:
        from docgen.editions import accepting_editions

        with accepting_editions({"I-539": "02/04/19"}):  # the driver accepts, but only for itself
            refused = run_batch(jobs, tmp_path / "a", executor=pool)
        assert [o.status for o in refused.outcomes] == ["failed"]
        assert "does not accept edition 02/04/19" in refused.outcomes[0].error
        done = run_batch(accepted, tmp_path / "b", executor=pool)
    assert [o.status for o in done.outcomes] == ["done"]
