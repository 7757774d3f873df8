"""An inbox whose ingest leaves one review item of each kind, for the review desk's tests."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from samples.notices import generate as generator

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
UNMATCHED = "rejection-i129.pdf"  # Borealis Robotics: no sample case has it
OTHER = "approval-i140.pdf"  # another unmatched notice
NOT_A_NOTICE = "not-a-notice.pdf"  # a letter quoting a notice: a whole file in review
UNDATED = "undated-rejection.pdf"  # its notice date box is blank: low confidence


def undated_notice() -> bytes:
    """A real text notice (drawn as the samples are) whose notice date box is empty."""
    spec = generator.bundled_specs()["rejection-i129"]
    return generator.notices_pdf([dataclasses.replace(spec, receipt_number="EAC2690200778", notice_date="")])


def fill_inbox(inbox: Path) -> None:
    """The four files, oldest review item first in this order."""
    inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / "notices" / "bad" / NOT_A_NOTICE, inbox / f"a-{NOT_A_NOTICE}")
    shutil.copy(SAMPLES / "notices" / "text" / OTHER, inbox / f"b-{OTHER}")
    shutil.copy(SAMPLES / "notices" / "text" / UNMATCHED, inbox / f"c-{UNMATCHED}")
    (inbox / f"d-{UNDATED}").write_bytes(undated_notice())


def recorded_confidence(docket_path: Path, review_id: int, field: str) -> str:
    """A field's confidence as the docket recorded it for a review item, written as the desk shows it."""
    from docgen.mailroom.docket import open_docket

    with open_docket(docket_path) as docket:
        review = docket.review(review_id)
        assert review is not None and review.notice_id is not None
        notice = docket.notice(review.notice_id)
        assert notice is not None
        confidence = float(notice.data["confidence"][field])
    assert confidence < 0.99  # low enough to be highlighted
    return f"{confidence * 100:.1f}%"
