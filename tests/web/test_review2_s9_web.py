"""Second review of session 9, the dashboard's part (tests/test_review2_s9.py is the rest): a person in two case
files has each date on the case the expirations and the docket list it on. Fictional people and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.web.test_newuser_s9_web import PETITIONER, _day, _person, _setup


def test_a_person_s_i94_under_a_pending_extension_is_listed_on_the_extension_s_case(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Sofia is the principal of her H-1B extension (BRX-005, received before her I-94 ended) and of her green card
    (BRX-001). The dashboard listed her I-94 on BRX-001 (the first case id) without the 240-day words, while the
    expirations and the docket list it on BRX-005 saying she may keep working."""
    _setup(tmp_path, settings)
    sofia = _person("Sofia", "1992-07-07", "H-1B", -2).replace("family_name: Rao", "family_name: Lindgren")

    def head(case_id: str) -> str:
        return f"# fictional\ncase_id: {case_id}\n{PETITIONER}beneficiary:\n"

    (tmp_path / "cases" / "BRX-005.yaml").write_text(
        head("BRX-005") + sofia + "facts: {form: I-129, classification: H-1B, basis: continuation, "
        f"status: receipted, filed_date: {_day(-50)}}}\n",
        encoding="utf-8",
    )
    (tmp_path / "cases" / "BRX-001.yaml").write_text(
        head("BRX-001") + sofia + "facts: {form: I-485, classification: EB-2, status: receipted}\n",
        encoding="utf-8",
    )
    page = client_for("specialist").get("/dashboard/").content.decode()
    deadlines = page.split("Deadlines: overdue and due within 90 days", 1)[1].split("Expirations within", 1)[0]
    until = (dt.date.fromisoformat(_day(-2)) + dt.timedelta(days=240)).isoformat()
    assert deadlines.count("Sofia Lindgren: H-1B stay ends (I-94)") == 1, deadlines
    assert f"may keep working for the same employer until {until}" in deadlines, deadlines
    assert "(also in BRX-001)" in deadlines, deadlines


def test_the_six_year_limit_of_a_person_in_two_case_files_is_listed_once(
    tmp_path: Path, settings: Any, client_for: Any
) -> None:
    """Vikram's status history is in his H-1B case (BRX-002) and his green-card case (BRX-006): the dashboard's
    deadlines listed his AC21 day twice, the expirations and the docket once."""
    _setup(tmp_path, settings)
    history = "  status_history:\n    - {status: H-1B, start_date: 2021-09-01}\n"
    for case_id in ("BRX-002", "BRX-006"):
        path = tmp_path / "cases" / f"{case_id}.yaml"
        text = path.read_text(encoding="utf-8").replace("dependents:\n", history + "dependents:\n", 1)
        if history not in text:
            text = text.replace("facts:", history + "facts:", 1)
        path.write_text(text, encoding="utf-8")
    page = client_for("specialist").get("/dashboard/").content.decode()
    deadlines = page.split("Deadlines: overdue and due within 90 days", 1)[1].split("Expirations within", 1)[0]
    expirations = page.split("Expirations within", 1)[1]
    assert expirations.count("Vikram Rao") and expirations.count("2027-08-31") == 1, expirations
    assert deadlines.count("Vikram Rao: H-1B six-year limit 2027-08-31") == 1, deadlines
