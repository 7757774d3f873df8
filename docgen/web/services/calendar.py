"""Each user's calendar feed: the docket's deadlines at a secret address a calendar program subscribes to.

The address holds a random token (256 bits); the database keeps only its
SHA-256, so the address is shown once, when it is made, and a stolen
database copy reveals no working address. Making a new one replaces the old
(revoked at once). The feed is fetched without a session (Outlook and Google
Calendar cannot log in): a token that is wrong, revoked, or whose user is
disabled or may not see the docket gets a 404, as any unknown address does.

What the feed holds: every open deadline of the docket, and those closed
(done by hand, by a later notice, or superseded by a case file's new date) whose day is at most
:data:`CLOSED_DAYS` days past, as ``STATUS:CANCELLED`` under the same UID
with a higher ``SEQUENCE``. A subscribed calendar is a copy its program
refreshes: one that replaces the whole copy drops a deadline that left the
feed anyway, but one that updates events by UID keeps an event that merely
vanished, as if the RFE were still due; a cancelled event is the change every
program understands (dropped, or struck through with its summary "Done:
..."). Long past closed deadlines are left out: no calendar shows them as
coming any more. A docket that cannot be read is an error (503), never an
empty calendar that would wipe the subscribers' copies. Events say what, which case and whose
(``RFE response due: case ACME-2026-0142, principal``): never a name, an
A-Number or another identity number, since the calendar lives with a
third party.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from docgen.mailroom.deadlines import to_ics
from docgen.web.accounts.models import CalendarFeed
from docgen.web.accounts.roles import can
from docgen.web.services.docket import docket_exists, docket_path, read_docket

CLOSED_DAYS = 30
REFRESH_MINUTES = 60


def token_hash(token: str) -> str:
    """What the database keeps of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(user: Any) -> str:
    """Make the user's feed token, replacing (revoking) any earlier one; the token is returned once, never kept."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        CalendarFeed.objects.create(user=user, token_hash=token_hash(token))
    return token


def revoke(user: Any) -> bool:
    """Stop the user's feed; True when there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_of(user: Any) -> CalendarFeed | None:
    """The user's feed, if one was made (its token is not known any more)."""
    feed: CalendarFeed | None = CalendarFeed.objects.filter(user=user).first()
    return feed


def user_for(token: str) -> Any | None:
    """The active user whose feed this token opens, who may see the docket; None for any other token."""
    if not token or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if feed is None or not feed.user.is_active or not can(feed.user, "view_docket"):
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched=timezone.now())
    return feed.user


def feed_text(today: dt.date | None = None) -> str:
    """The docket's deadlines as the feed sends them (an empty calendar while there is no docket yet)."""
    day = today or dt.date.today()
    location = docket_path()
    rows, closed = [], []
    if docket_exists(location):  # a DocgenError (a damaged docket) goes up: the view answers 503
        with read_docket(location) as docket:  # busy: a short wait, then the 503 the client retries
            rows = docket.deadlines_due()
            closed = docket.deadlines_closed(since=day - dt.timedelta(days=CLOSED_DAYS))
    return to_ics(rows, dt.datetime.now(dt.UTC), closed=closed, private=True, refresh_minutes=REFRESH_MINUTES)
