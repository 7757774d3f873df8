"""The packet page without a browser: Up/Down and uploads work without JavaScript; evidence is typed by content,
kept owner-only outside anything served; too large is refused beside the input."""

from __future__ import annotations

import io
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.web.conftest import SAMPLES

CASE = "ACME-2026-0142"
URL = f"/cases/{CASE}/packets/assemble/"
EVIDENCE = SAMPLES / "packets" / "evidence"


@pytest.fixture(autouse=True)
def fresh_work_folder() -> Iterator[None]:
    """Each test starts with no uploads and no draft (the data folder is shared by the session)."""
    folder = Path(settings.DATA_DIR) / "work" / CASE
    shutil.rmtree(folder, ignore_errors=True)
    yield
    shutil.rmtree(folder, ignore_errors=True)


def _upload(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def _keys(html: bytes) -> list[str]:
    return re.findall(r'<input type="hidden" name="item" value="([^"]+)">', html.decode())


def _post(client: Any, keys: list[str], **extra: Any) -> Any:
    data: dict[str, Any] = {"item": keys, **{f"on:{k}": "1" for k in keys}}
    data.update(extra)
    return client.post(URL, data)


def test_upload_is_typed_by_content_and_kept_owner_only(client_for: Any, cases_dir: Path) -> None:
    client = client_for("specialist")
    response = client.post(
        URL, {"evidence": _upload("evaluation.pdf", (EVIDENCE / "credential-evaluation.pdf").read_bytes())}
    )
    assert response.status_code == 200
    keys = _keys(response.content)
    assert len(keys) == 1 and keys[0].startswith("upload:")
    stored = next((Path(settings.DATA_DIR) / "work" / CASE / "evidence").rglob("evaluation.pdf"))
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert Path(settings.DATA_DIR) in stored.parents and not str(stored).startswith(str(settings.STATICFILES_DIRS[0]))
    assert b"PDF, " in response.content


def test_up_and_down_work_without_javascript(client_for: Any, cases_dir: Path) -> None:
    client = client_for("specialist")
    for name in ("credential-evaluation.pdf", "expert-opinion.pdf", "ooh-software-developers.pdf"):
        response = client.post(URL, {"evidence": _upload(name, (EVIDENCE / name).read_bytes())})
    keys = _keys(response.content)
    assert len(keys) == 3
    response = _post(client, keys, move=f"up:{keys[2]}")
    assert _keys(response.content) == [keys[0], keys[2], keys[1]]
    response = _post(client, _keys(response.content), move=f"down:{keys[0]}")
    assert _keys(response.content) == [keys[2], keys[0], keys[1]]
    # the order is kept for the next visit
    assert _keys(client.get(URL).content) == [keys[2], keys[0], keys[1]]


def test_too_large_and_locked_uploads_are_refused(client_for: Any, cases_dir: Path, settings: Any) -> None:
    client = client_for("specialist")
    settings.UPLOAD_LIMIT = 1024
    response = client.post(URL, {"evidence": _upload("big.pdf", (EVIDENCE / "expert-opinion.pdf").read_bytes())})
    assert response.status_code == 422
    assert re.search(
        rb'id="evidence-error"[^>]*>big.pdf is [0-9.]+ KB; files up to 1.0 KB are accepted.', response.content
    )
    settings.UPLOAD_LIMIT = 10 * 1024 * 1024
    response = client.post(URL, {"evidence": _upload("empty.pdf", b"")})
    assert response.status_code == 422 and b"empty.pdf is empty" in response.content


def test_build_with_nothing_ticked_says_so(client_for: Any, cases_dir: Path) -> None:
    response = client_for("specialist").post(URL, {"action": "build"})
    assert response.status_code == 422
    assert b"tick at least one form, letter or file" in response.content


def _upload_key(name: str) -> str:
    return "upload:" + next((Path(settings.DATA_DIR) / "work" / CASE / "evidence").rglob(name)).parent.name


def test_the_spec_written_is_the_librarys_in_the_chosen_order(client_for: Any, cases_dir: Path) -> None:
    """An RFE response: the notice on top, the letter (a `letter:` part), the form; the evidence as an exhibit; the
    library reads it."""
    from django.utils import timezone

    from docgen.packets import load_spec
    from docgen.packets.spec import FormPart, LetterPart, NoticePart
    from docgen.web.services import assembly, jobs
    from docgen.web.workspace.models import Job

    client = client_for("specialist")
    details = {"form": "I-765", "edition": "01/20/25", "person": "spouse"}
    Job.objects.create(kind="form", title="I-765", case_id=CASE, status="done", details=details)
    letter = Job.objects.create(
        kind="letter",
        title="rfe_response (PDF)",
        case_id=CASE,
        status="done",
        details={"template": "rfe_response"},
        files=["ACME_rfe_response.pdf"],
    )
    (jobs.folder(letter) / "ACME_rfe_response.pdf").write_bytes((EVIDENCE / "lca-certified.pdf").read_bytes())
    client.post(URL, {"evidence": _upload("i-797e.pdf", (EVIDENCE / "credential-evaluation.pdf").read_bytes())})
    client.post(URL, {"evidence": _upload("opinion.pdf", (EVIDENCE / "expert-opinion.pdf").read_bytes())})
    notice, opinion = _upload_key("i-797e.pdf"), _upload_key("opinion.pdf")
    ordered = [notice, "letter:rfe_response", "form:I-765:spouse:01/20/25", opinion]
    places = {f"place:{notice}": "notice", "place:letter:rfe_response": "cover-letter"}
    response = _post(
        client,
        ordered,
        kind="rfe-response",
        name="rfe-okafor",
        **places,
        **{f"title:{opinion}": "Expert opinion letter"},
    )
    assert response.status_code == 200
    assert _keys(response.content) == ordered
    written = assembly.write_spec(CASE, cases_dir / "h1b-okafor.yaml", assembly.load(CASE))  # what Build writes
    spec = load_spec(written)
    assert spec.model.kind == "rfe-response" and spec.model.order == "as-listed" and spec.name == "rfe-okafor"
    parts = [entry.part for entry in spec.parts]
    assert isinstance(parts[0], NoticePart) and parts[0].notice.endswith("/i-797e.pdf")
    # the letter is rendered again from its template and the case, dated the day it was rendered on its tab
    assert isinstance(parts[1], LetterPart) and parts[1].role == "cover-letter"
    assert (parts[1].letter, parts[1].date) == ("rfe_response", f"{timezone.localdate(letter.created):%Y-%m-%d}")
    assert isinstance(parts[2], FormPart)
    assert (parts[2].form, parts[2].for_, parts[2].edition) == ("I-765", "spouse", "01/20/25")
    assert [e.exhibit.title for e in spec.exhibits] == ["Expert opinion letter"]
    assert spec.exhibits[0].sources[0].path.read_bytes() == (EVIDENCE / "expert-opinion.pdf").read_bytes()
