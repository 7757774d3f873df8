"""A letter held in a packet assembled in the page, as the job page's check lines and the page say it: an uploaded
template by its name only (never the server's folder), and a letter whose date (the day it was rendered on the Letters
tab) is older than the case data it uses, or than today, warned of with how to render it again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.test_assemble_letter_part import URL, _build, _keys, _wait, firm_letter_rendered
from tests.web.test_newuser_s10_web import LETTER_ANSWERS, room  # noqa: F401  (the fixture)

CASE = "NWF-2026-006"


def _checks(client: Any, response: Any) -> str:
    """The job page's cross-check section, once the job is over. Nothing is read from the database before the job's
    thread ends: the test database (SQLite, shared cache) refuses the job's writes while this thread reads ('database
    table is locked', the job failed under CI's load)."""
    assert response.status_code == 302, re.findall(r"error-box.*?</div>", response.content.decode(), re.S)
    _wait(response.url.rstrip("/").rsplit("/", 1)[1])
    page = client.get(response.url).content.decode()
    return page.split('id="crosscheck"', 1)[1].split("</section>", 1)[0]


@pytest.mark.django_db(transaction=True)  # the build runs in a thread, on its own connection
def test_the_job_page_names_an_uploaded_template_by_its_name_not_the_server_s_path(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
    settings: Any,
) -> None:
    # The paralegal's packet with the firm's own RFE letter: the job page's check lines read "error [enclosures]
    # letter /srv/docgen-data/templates/firm_rfe.docx: ...", the server's folders shown to every user of the case.
    firm_letter_rendered(client_for, room)
    client = client_for("specialist")
    keys = _keys(client.get(URL).content.decode())
    assert "letter:firm_rfe" in keys
    found = _checks(client, _build(client, keys, **{"place:letter:firm_rfe": "cover-letter"}))
    assert re.search(r"error \[enclosures\] letter firm_rfe: says .*G-28", found), found
    assert str(settings.DATA_DIR) not in found and "templates/" not in found and ".docx" not in found


@pytest.mark.django_db(transaction=True)
def test_a_letter_rendered_before_the_case_changed_or_on_an_earlier_day_is_warned_of_with_how_to_render_it_again(
    client_for: Any,
    room: dict[str, Path],  # noqa: F811
) -> None:
    # The paralegal rendered the RFE response on Monday, corrected the case on Tuesday and assembled the packet:
    # the letter printed Tuesday's facts under Monday's date, and nothing said so.
    import datetime as dt
    import html
    import os
    import time

    from docgen.web.workspace.models import Job
    from tests.web.test_assemble_letter_part import _rfe_letter_rendered

    client = client_for("specialist")
    _rfe_letter_rendered(client, room)
    page = client.get(URL).content.decode()
    assert 'class="warn small letter-warning"' not in page  # rendered now, from the case as it is: no warning
    case_file = room["cases"] / "nwf-2026-006.yaml"
    time.sleep(0.05)
    case_file.write_text(case_file.read_text(encoding="utf-8") + "# checked by the paralegal\n", encoding="utf-8")
    later = time.time() + 60
    os.utime(case_file, (later, later))  # a minute after the rendering
    rendering = Job.objects.filter(kind="letter").latest("created")
    page = html.unescape(client.get(URL).content.decode())
    (warning,) = re.findall(r'class="warn small letter-warning"[^>]*>([^<]*)<', page)
    day = rendering.created.astimezone().date().isoformat()
    assert warning.startswith(f"letter rfe_response: dated {day}, the day it was rendered on the Letters tab")
    assert "before the case data it uses last changed" in warning and "render it again on the Letters tab" in warning
    assert "earlier day" not in warning
    # rendered two days ago (and the case not changed since): said too
    Job.objects.filter(pk=rendering.pk).update(created=rendering.created - dt.timedelta(days=2))
    os.utime(case_file, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    page = html.unescape(client.get(URL).content.decode())
    (warning,) = re.findall(r'class="warn small letter-warning"[^>]*>([^<]*)<', page)
    assert "on an earlier day than today" in warning and "last changed" not in warning
    # the job page's check lines open with it
    found = html.unescape(_checks(client, _build(client, _keys(page), **{"place:letter:rfe_response": "cover-letter"})))
    lines = re.findall(r"<li[^>]*>(.*?)</li>", found, re.S)
    assert lines[0].startswith("warning [letter dates] letter rfe_response: dated ") and "earlier day" in lines[0]
