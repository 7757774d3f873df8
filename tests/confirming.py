"""Confirming, as the clerk does with ``docgen mailroom resolve N``, the RFE and NOID response dates that wait for
a person (read from the sentence "must be received in this office by ...", below the filing threshold): for the
tests whose RFE is only a notice to have filed, not what they are about."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.mailroom.cases import CaseStore
from docgen.mailroom.docket import open_docket
from docgen.mailroom.review import resolve

WAITING = "confirm the response date: read from a sentence; it is case "


def confirm_response_dates(docket_path: Any, cases: Path) -> list[str]:
    """Confirm each notice waiting only for its response date, as read: the paths filed."""
    filed = []
    with open_docket(docket_path) as docket:
        for item in docket.reviews():
            if item.reason.startswith(WAITING) and ";" not in item.reason.removeprefix(WAITING).partition(", filed")[2]:
                said = resolve(docket, CaseStore(cases), item.id)
                filed.append(said.splitlines()[0].rpartition(" as ")[2].partition("; ")[0])
    return filed
