"""Review of session 11's desk change in the workspace (Django's test client on the trial's RFE as USCIS prints it,
ingested by the mailroom): two clerks on one item, a chosen person who left the case."""

from __future__ import annotations

import html
import re
from typing import Any

from tests.web.test_mailfix11_web import _fields, waiting  # noqa: F401  (the fixture)


def _as_shown(page: str) -> dict[str, str]:
    """What the fields form posts from this page: its inputs and the hidden ones (the case chosen as shown)."""
    hidden = re.findall(r'<input type="hidden" name="(chosen_\w+)" value="([^"]*)"', page)
    return {**_fields(page), **{name: html.unescape(value) for name, value in hidden}}


def test_confirming_files_to_the_choice_the_clerk_saw_never_one_made_meanwhile(
    client_for: Any,
    waiting: dict[str, Any],  # noqa: F811
) -> None:
    # Clerk B's page said "Chosen: case NWF-2026-006 (for spouse)"; meanwhile clerk A chose the case again, for the
    # principal. B pressed "Confirm response due and file to NWF-2026-006": the RFE was filed for the principal, the
    # response deadline put on the principal, and B's page had never shown that choice.
    from tests.test_mailroom_confirm_dates import CASE_ID, responses

    a, b = client_for("mailroom"), client_for("specialist")
    item = f"/mailroom/{waiting['id']}/"

    def choose(person: str) -> None:
        searched = a.post(item, {"q": "silva"}).content.decode()
        a.post(f"{item}assign/", {**_fields(searched), "q": "silva", "case_id": CASE_ID, "person": person})

    choose("spouse")
    seen = b.get(item).content.decode()
    assert f"Chosen: case {CASE_ID} (for spouse)" in seen
    choose("principal")
    pressed = b.post(f"{item}correct/", {**_as_shown(seen), "confirm": "1"}, follow=True)
    said = html.unescape(pressed.content.decode())
    assert responses(waiting["docket"]) == []  # nothing filed on a choice B never saw
    assert "chosen meanwhile" in said and f"{CASE_ID} (for principal)" in said, said[:3000]
    # B looks again (the page shows the choice as it is now) and confirms: filed as shown
    again = b.get(item).content.decode()
    assert f"Chosen: case {CASE_ID} (for principal)" in again
    b.post(f"{item}correct/", {**_as_shown(again), "confirm": "1"})
    assert responses(waiting["docket"]) == [(CASE_ID, "principal", "2027-01-29")]


def test_a_clerk_whose_page_showed_no_choice_files_nothing_to_a_case_chosen_meanwhile(
    client_for: Any,
    waiting: dict[str, Any],  # noqa: F811
) -> None:
    # B's page showed the RFE waiting for the case the ingest found (the principal's): A chose it for the spouse
    # meanwhile; B's "Confirm response due and file" filed it for the spouse.
    from tests.test_mailroom_confirm_dates import CASE_ID, responses

    a, b = client_for("mailroom"), client_for("specialist")
    item = f"/mailroom/{waiting['id']}/"
    seen = b.get(item).content.decode()
    assert 'id="chosen-case"' not in seen
    searched = a.post(item, {"q": "silva"}).content.decode()
    a.post(f"{item}assign/", {**_fields(searched), "q": "silva", "case_id": CASE_ID, "person": "spouse"})
    said = html.unescape(b.post(f"{item}correct/", {**_as_shown(seen), "confirm": "1"}, follow=True).content.decode())
    assert responses(waiting["docket"]) == []
    assert "chosen meanwhile" in said and f"{CASE_ID} (for spouse)" in said


def test_a_chosen_person_who_left_the_case_is_said_in_the_desk_s_words_and_nothing_is_filed(
    client_for: Any,
    waiting: dict[str, Any],  # noqa: F811
) -> None:
    # The clerk chose the case for the spouse; the spouse was then taken out of the case file. "Confirm ... and
    # file" answered "nwf-2026-006.yaml: case NWF-2026-006 has no person 'spouse'; give --for one of: principal":
    # the command line's option on the desk, and no word that the choice on the item is what went stale.
    from tests.test_mailroom_confirm_dates import CASE_ID, responses

    client = client_for("mailroom")
    item = f"/mailroom/{waiting['id']}/"
    searched = client.post(item, {"q": "silva"}).content.decode()
    client.post(f"{item}assign/", {**_fields(searched), "q": "silva", "case_id": CASE_ID, "person": "spouse"})
    case_file = waiting["cases"] / "nwf-2026-006.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.split("dependents:", 1)[0] + "job:" + text.split("job:", 1)[1], encoding="utf-8")
    seen = client.get(item).content.decode()
    pressed = client.post(f"{item}correct/", {**_as_shown(seen), "confirm": "1"})
    said = html.unescape(pressed.content.decode())
    assert pressed.status_code == 422 and responses(waiting["docket"]) == []
    (problem,) = re.findall(r'id="desk-problem"><p>(.*?)</p>', said, re.S)
    assert f"case {CASE_ID}, chosen for it (for spouse), has no person 'spouse' any more" in problem
    assert "--" not in problem and "choosing it, with the person in 'For'" in problem
