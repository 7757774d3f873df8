"""Cross-checks of a packet's content: notices against the case, RFE requests against the letter,
enclosures a letter claims, checklists per case type. Real notices (drawn by samples/notices/generate.py
and read back by the notice reader), real letters (rendered to DOCX), the sample cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.cli import main
from docgen.errors import PacketError
from docgen.letters import OfficeConverter
from docgen.notices.requests import read_office, read_requests
from docgen.packets import build_packet, load_spec
from docgen.packets.crosscheck import CrossReport, cross_check, load_checklists, same_company
from samples.notices import generate as notices

from .packetcheck import EVIDENCE, PACKETS

SAMPLES = PACKETS.parent
CASE = SAMPLES / "cases" / "h1b-okafor.yaml"
LETTERS = SAMPLES / "letters" / "h1b-okafor.yaml"
RFE = EVIDENCE / "notices" / "i-797e-rfe.pdf"


def _problems(report: CrossReport, check: str) -> list[str]:
    return [p.line("error") for p in report.problems if p.check == check]


def _rfe_spec(tmp_path: Path, notice: Path = RFE, letters: Path = LETTERS, checks: str = "") -> Path:
    """The sample RFE response spec with another notice or letter data (absolute paths)."""
    spec = yaml.safe_load((PACKETS / "rfe-response.yaml").read_text())
    spec.pop("checks", None)  # each test says what it waives
    spec["case"] = str(CASE)
    spec["parts"][0]["data"] = str(letters)
    spec["parts"][0]["logo"] = str(PACKETS / spec["parts"][0]["logo"])
    spec["parts"][1]["notice"] = str(notice)
    for exhibit in spec["exhibits"]:
        if "folder" in exhibit:
            exhibit["folder"] = str(PACKETS / exhibit["folder"])
        exhibit["files"] = [
            str(PACKETS / f) if isinstance(f, str) else {**f, "file": str(PACKETS / f["file"])}
            for f in exhibit.get("files", [])
        ]
    text = yaml.safe_dump(spec, sort_keys=False) + checks
    path = tmp_path / "rfe.yaml"
    path.write_text(text)
    return path


def _notice(tmp_path: Path, **changes: str) -> Path:
    """An I-797E like the sample's, with some of its values changed."""
    values = {
        "name": "rfe-other",
        "notice_type": "rfe",
        "form": "I-129",
        "receipt_number": "WAC2612050321",
        "received_date": "2026-04-14",
        "notice_date": "2026-06-02",
        "petitioner": notices.ACME,
        "beneficiary": notices.OKAFOR,
        "classification": "H1B",
        "response_due": "2026-08-27",
        "addressee": notices.ATTORNEY,
        "pages": 2,
    }
    values.update(changes)
    path = tmp_path / "notice.pdf"
    path.write_bytes(notices.notices_pdf([notices.Spec(**values)]))  # type: ignore[arg-type]
    return path


# --- the demo passes every cross-check ------------------------------------------------------------


@pytest.mark.parametrize("name", ["rfe-response", "h1b-filing", "eb2-family"])
def test_the_demo_packets_pass_every_cross_check(name: str) -> None:
    report = cross_check(load_spec(PACKETS / f"{name}.yaml"))
    assert report.problems == []
    assert report.ok


# --- notices against the case --------------------------------------------------------------------


def test_a_notice_for_another_receipt_beneficiary_and_office_fails(tmp_path: Path) -> None:
    other = _notice(tmp_path, receipt_number="EAC2698765432", beneficiary="NOVAK, TOMAS", petitioner="ZENITH LABS LLC")
    report = cross_check(load_spec(_rfe_spec(tmp_path, notice=other)))
    found = "\n".join(_problems(report, "notices"))
    where = "part 'Request for Evidence (Form I-797E), copy', page 1 of"
    assert f"{where}" in found
    assert "receipt number EAC2698765432 is not the one the response answers (WAC2612050321)" in found
    assert "the notice names 'NOVAK, TOMAS', who is not in case ACME-2026-0142" in found
    assert "petitioner 'ZENITH LABS LLC' is not 'Acme Analytics, Inc.'" in found
    assert "the notice comes from the Vermont Service Center, the letter is addressed to the California" in found
    assert not report.ok


def test_the_build_stops_naming_the_part_and_packet_page(tmp_path: Path, office: OfficeConverter) -> None:
    other = _notice(tmp_path, receipt_number="EAC2698765432")
    out = tmp_path / "out.pdf"
    with pytest.raises(PacketError, match=r"copy', packet page 1: receipt number EAC2698765432 is not the one"):
        build_packet(_rfe_spec(tmp_path, notice=other), out, converter=office, allow_dirs=[SAMPLES])
    assert not out.exists()
    result = build_packet(_rfe_spec(tmp_path, notice=other), out, converter=office, checks="warn", allow_dirs=[SAMPLES])
    assert any(n.startswith("warning [notices]") and "packet page 1" in n for n in result.notes)


def test_names_and_companies_are_compared_as_printed() -> None:
    assert same_company("ACME ANALYTICS INC", "Acme Analytics, Inc.")
    assert same_company("CASTELLANOS & REYES LLP", "Castellanos and Reyes")
    assert not same_company("ACME ANALYTICS INC", "Acme Analytica, Inc.")


# --- the RFE's requests against the letter --------------------------------------------------------


def test_the_notice_reader_reads_each_numbered_request_and_the_office() -> None:
    from docgen.notices import parse_notice_file
    from docgen.notices.requests import office_of, requests_of

    result = parse_notice_file(RFE)
    pages = result.notices[0].pages
    requests = requests_of(result, pages)
    assert [(r.number, r.title, r.page) for r in requests] == [
        (1, "Specialty occupation", 2),
        (2, "Employer-employee relationship", 2),
        (3, "Maintenance of status", 2),
        (4, "Labor Condition Application", 2),
    ]
    assert (
        requests[2].text
        == "Submit the beneficiary's pay statements for the last six months and the corresponding Forms W-2."
    )
    assert office_of(result, pages) == "CALIFORNIA SERVICE CENTER"


def test_requests_run_in_order_and_stop_at_the_footer() -> None:
    text = "1. First. Do a.\nmore of a\n3. Not next\n2. Second: do b.\nU.S. CITIZENSHIP AND IMMIGRATION SERVICES\n3. x"
    requests = read_requests({1: text})
    assert [(r.number, r.title, r.text) for r in requests] == [
        (1, "First", "Do a. more of a 3. Not next"),
        (2, "Second", "do b."),
    ]
    assert read_office({1: "USCIS CONTACT CENTER\nNEBRASKA SERVICE CENTER"}) == "NEBRASKA SERVICE CENTER"


def test_unanswered_requests_and_misquoted_ones_fail(tmp_path: Path) -> None:
    data = yaml.safe_load(LETTERS.read_text())
    points = data["rfe_response"]["points"]
    data["rfe_response"]["points"] = [
        {**points[0], "item": None, "request": "Submit additional evidence that the proffered position qualifies."},
        {**points[2], "item": 3},
    ]
    letters = tmp_path / "letters.yaml"
    letters.write_text(yaml.safe_dump(data))
    report = cross_check(load_spec(_rfe_spec(tmp_path, letters=letters)))
    found = "\n".join(_problems(report, "requests"))
    assert "copy' item 2, page 2 of" in found
    assert "'Employer-employee relationship' is not answered by letter rfe_response; add a point with item: 2" in found
    assert "'Labor Condition Application' is not answered" in found
    assert "copy' item 1, page 2 of" in found and "quotes the request as 'Submit additional evidence" in found
    assert "item 3" not in found


# --- enclosures a letter claims --------------------------------------------------------------------


def test_a_claimed_g28_the_packet_lacks_fails_unless_the_spec_says_why(tmp_path: Path) -> None:
    report = cross_check(load_spec(_rfe_spec(tmp_path)))
    found = "\n".join(_problems(report, "enclosures"))
    assert "letter rfe_response: says 'A Form G-28, Notice of Entry of Appearance" in found
    assert "the packet holds no Form G-28" in found
    waived = "checks:\n  not_enclosed:\n    - {item: G-28, reason: signed original added by hand}\n"
    report = cross_check(load_spec(_rfe_spec(tmp_path, checks=waived)))
    assert report.problems == []
    assert report.waived == ["Form G-28 (signed original added by hand)"]


def test_a_support_letter_claiming_the_lca_fails_without_it(tmp_path: Path) -> None:
    spec = tmp_path / "h1b.yaml"
    text = (PACKETS / "h1b-filing.yaml").read_text().replace("../cases/", f"{SAMPLES}/cases/")
    text = text.replace("evidence/", f"{EVIDENCE}/")
    lca = "  - title: Certified Labor Condition Application (Form ETA-9035), I-200-26054-123456\n"
    lca += f"    files: [{EVIDENCE}/lca-certified.pdf]\n"
    assert lca in text
    spec.write_text(text.replace(lca, ""))
    report = cross_check(load_spec(spec))
    found = "\n".join(_problems(report, "enclosures"))
    assert "letter h1b_support: says 'Department of Labor has certified the Labor Condition Application" in found
    assert "holds no certified Labor Condition Application" in found
    assert "no Certified Labor Condition Application (Form ETA-9035) in the packet" in "\n".join(
        _problems(report, "checklist")
    )


# --- checklists per case type ---------------------------------------------------------------------


def test_h4_applications_without_their_evidence_fail(tmp_path: Path) -> None:
    spec = tmp_path / "h4.yaml"
    spec.write_text(
        f"kind: filing\ncase: {CASE}\nparts:\n  - form: I-539\n    for: spouse\n  - form: I-765\n    for: spouse\n"
        f"exhibits:\n  - title: Approval notice of the Beneficiary's H-1B\n    files: [{EVIDENCE}/org-chart.png]\n"
    )
    report = cross_check(load_spec(spec))
    found = "\n".join(_problems(report, "checklist"))
    assert "no Marriage certificate (relationship to the principal) in the packet" in found
    assert "(item: marriage:spouse)" in found
    assert "no I-94 record of Emeka Okafor in the packet" in found
    assert "8 CFR 214.2(h)(9)(iv), as of 2026-12-01" in found
    assert "Principal's status" not in found


def test_an_unknown_not_enclosed_item_is_an_error(tmp_path: Path) -> None:
    spec = _rfe_spec(tmp_path, checks="checks:\n  not_enclosed:\n    - {item: G-82, reason: a typo of G-28}\n")
    report = cross_check(load_spec(spec))
    assert any("not_enclosed item 'G-82' is not something this packet is checked for" in p for p in report.lines())


def test_every_checklist_names_its_source_and_date() -> None:
    lists = load_checklists()
    assert {c.id for c in lists} >= {"h1b", "h1b-in-status", "h4", "l1a", "eb2-i140", "i485"}
    for checklist in lists:
        assert checklist.source and checklist.as_of[:4].isdigit() and checklist.items


def test_warnings_on_request_and_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = _rfe_spec(tmp_path)
    assert main(["packet", "check", str(spec)]) != 0  # its evidence lies outside its folder
    assert "outside the folders this packet may read" in capsys.readouterr().err
    spec = _rfe_spec(tmp_path)
    assert main(["packet", "check", str(spec), "--allow-dir", str(SAMPLES)]) != 0
    out = capsys.readouterr()
    assert "error [enclosures] letter rfe_response: says 'A Form G-28" in out.out
    assert "fail profile uscis-online or the cross-checks" in out.err
    assert main(["packet", "check", str(spec), "--warn-only", "--allow-dir", str(SAMPLES)]) == 0
    assert "warning [enclosures]" in capsys.readouterr().out


def test_a_packet_of_the_spouses_ead_alone_is_not_checked_as_a_petition(tmp_path: Path) -> None:
    spec = tmp_path / "ead.yaml"
    spec.write_text(f"kind: filing\ncase: {CASE}\nparts:\n  - form: I-765\n    for: spouse\n")
    assert cross_check(load_spec(spec)).problems == []
    spec.write_text(f"kind: filing\ncase: {CASE}\nparts:\n  - form: I-907\n")
    found = "\n".join(_problems(cross_check(load_spec(spec)), "checklist"))
    assert "no Form I-129 with the H Classification Supplement" in found and "(item: I-129)" in found


# --- dates -----------------------------------------------------------------------------------------


def test_a_letter_without_a_date_is_a_problem_and_odd_dates_are_warned(tmp_path: Path) -> None:
    spec = _rfe_spec(tmp_path, checks="checks:\n  not_enclosed:\n    - {item: G-28, reason: by hand}\n")
    undated = spec.read_text().replace("  date: '2026-08-20'\n", "")
    assert undated != spec.read_text()
    spec.write_text(undated)
    report = cross_check(load_spec(spec))
    assert [p.check for p in report.problems] == ["dates"]
    assert "has no date: and would be dated the day of each build; add date: YYYY-MM-DD" in report.problems[0].message
    spec.write_text(undated.replace("data:", "date: '2026-09-02'\n  data:", 1))
    report = cross_check(load_spec(spec))
    assert report.problems == [] and report.ok
    assert [w.message for w in report.warnings] == [
        "the letter is dated September 2, 2026, after the response was due (August 27, 2026); "
        "USCIS decides on the record once the due date has passed"
    ]


def test_date_warnings_for_a_petition_letter() -> None:
    import datetime as dt

    from docgen.case.loader import load_case
    from docgen.letters.dates import date_warnings

    case = load_case(CASE)
    assert date_warnings(case, "h1b_support", dt.date(2026, 8, 20)) == []
    late = date_warnings(case, "h1b_support", dt.date(2026, 10, 2))
    assert len(late) == 2
    assert "after the requested start date October 1, 2026" in late[0]
    assert "after the beneficiary's I-94 expired (September 30, 2026)" in late[1]


def test_the_letter_command_warns_of_an_odd_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "letter.docx"
    assert main(["letter", "h1b_support", "--case", str(CASE), "-o", str(out), "--date", "2026-10-02"]) == 0
    assert "warning: the letter is dated October 2, 2026, after the requested start date" in capsys.readouterr().err


def test_a_notice_part_that_is_not_a_notice_fails(tmp_path: Path) -> None:
    report = cross_check(load_spec(_rfe_spec(tmp_path, notice=EVIDENCE / "ooh-software-developers.pdf")))
    found = "\n".join(_problems(report, "notices"))
    assert "ooh-software-developers.pdf holds no notice the reader knows (not a USCIS notice)" in found


def test_a_response_without_a_letter_part_is_warned(tmp_path: Path) -> None:
    spec = tmp_path / "bare.yaml"
    spec.write_text(f"kind: rfe-response\ncase: {CASE}\nparts:\n  - notice: {RFE}\n")
    report = cross_check(load_spec(spec))
    # without the letter, the receipt it answers is unknown: the case's own receipts are the reference
    assert [p.message[:51] for p in report.problems] == ["receipt number WAC2612050321 is not one of the case"]
    assert [w.message for w in report.warnings] == [
        "4 request(s); no response letter part (letter:) to check them against: make sure the letter answers each"
    ]
