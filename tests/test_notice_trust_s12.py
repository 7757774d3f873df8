"""Issue 14, session 12: plausibility across a notice's party fields, on layouts of our own.

A layout the reader does not know can shift its party boxes one place (the beneficiary's name read as the
petitioner, the attorney's firm as the beneficiary), or run an address or another label's value into a name. Such
names are held below the filing band; a plain known layout still files its names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.notices.model import FILE_WITHOUT_REVIEW, LABELLED, Notice, Reading, field_confidence

from .notice_cells import Cell, draw_cells, one_notice

HEAD: list[Cell] = [
    (40, 30, "U.S. Department of Homeland Security", 10),
    (40, 43, "U.S. Citizenship and Immigration Services", 10),
    (400, 36, "Form I-797C, Notice of Action", 10),
    (40, 70, "NOTICE TYPE: Receipt"),
    (40, 85, "RECEIPT NUMBER: WAC2612345678"),
    (40, 100, "NOTICE DATE: June 1, 2026"),
    (40, 115, "CASE TYPE: I-129 Petition for a Nonimmigrant Worker"),
]


def _filed(notice: Notice, name: str) -> bool:
    return notice.value(name) is not None and field_confidence(notice)[name] >= FILE_WITHOUT_REVIEW


def test_known_layout_names_still_file(tmp_path: Path) -> None:
    cells = [*HEAD, (40, 140, "PETITIONER: BRIGHTWATER ROBOTICS INC"), (40, 155, "BENEFICIARY: OKAFOR, CHIDI")]
    notice = one_notice(draw_cells(tmp_path / "known.pdf", [cells]))
    assert notice.value("petitioner") == "BRIGHTWATER ROBOTICS INC"
    assert notice.value("beneficiary") == "OKAFOR, CHIDI"
    assert _filed(notice, "petitioner") and _filed(notice, "beneficiary")


def test_firm_in_beneficiary_box_sends_every_name_to_review(tmp_path: Path) -> None:
    # Our own invention: the names sit one box below their labels, the representative's firm last.
    cells = [
        *HEAD,
        (40, 140, "PETITIONER: OKAFOR, CHIDI"),
        (40, 155, "BENEFICIARY: TALLGRASS & REYES LAW GROUP LLP"),
        (40, 170, "BRIGHTWATER ROBOTICS INC"),
    ]
    notice = one_notice(draw_cells(tmp_path / "shifted.pdf", [cells]))
    for name in ("petitioner", "beneficiary"):
        assert not _filed(notice, name), (name, notice.value(name))


def _notice(**values: str) -> Notice:
    readings = {name: Reading(value=value, confidence=0.99, evidence=LABELLED) for name, value in values.items()}
    return Notice(pages=[1], readings=readings)


def test_address_run_into_a_name_goes_to_review() -> None:
    notice = _notice(applicant="AMARA OKAFOR 2839 ELM RD PORTLAND OR 97201")
    assert not _filed(notice, "applicant")


def test_date_run_into_a_name_goes_to_review() -> None:
    notice = _notice(beneficiary="Validfrom01-02-2026to01-01-2029 CHIDI OKAFOR", petitioner="BRIGHTWATER ROBOTICS INC")
    assert not _filed(notice, "beneficiary")
    assert _filed(notice, "petitioner")


def test_plain_names_keep_their_score() -> None:
    notice = _notice(petitioner="BRIGHTWATER ROBOTICS INC", beneficiary="OKAFOR, CHIDI II")
    assert _filed(notice, "petitioner") and _filed(notice, "beneficiary")


@pytest.mark.parametrize("person", ["LAW, JENNIFER", "Jennifer Law"])
def test_a_person_surnamed_law_is_no_firm(person: str) -> None:
    notice = _notice(petitioner="BRIGHTWATER ROBOTICS INC", beneficiary=person)
    assert _filed(notice, "petitioner") and _filed(notice, "beneficiary")


def test_a_law_office_in_the_beneficiary_box_sends_the_names_to_review() -> None:
    notice = _notice(petitioner="OKAFOR, CHIDI", beneficiary="MARLOWE LAW OFFICES")
    assert not _filed(notice, "petitioner") and not _filed(notice, "beneficiary")
